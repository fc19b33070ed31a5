//! Cells a spreadsheet would run, in a text file: Excel and WPS open a `.csv` (or text pasted
//! in) and evaluate a cell that starts with `=`, `+`, `-` or `@`; one that also holds a `|` is a
//! DDE reference (`=cmd|' /C calc'!A0`), which starts another program. Read line by line as the
//! file streams by.

/// Separators a spreadsheet splits a line of text on.
const SEPARATORS: [u8; 3] = [b',', b'\t', b';'];

#[derive(Default)]
pub struct FormulaScanner {
    /// Just after a separator or a line break, quotes and spaces aside.
    at_cell_start: bool,
    started: bool,
    /// A cell began with `+` or `-`: a formula unless a digit follows (a number, a phone).
    sign: bool,
    formula_in_line: bool,
    /// In a cell that began with `+` or `-` (even `-2+3+cmd|…`), a `|` was seen: a `!` after it
    /// makes it a DDE reference (`app|topic!item`) whatever digits came first.
    sign_cell_pipe: Option<bool>,
    found: bool,
}

impl FormulaScanner {
    pub fn feed(&mut self, chunk: &[u8]) {
        if !self.started {
            self.started = true;
            self.at_cell_start = true;
        }
        for &byte in chunk {
            match byte {
                b'\n' | b'\r' => {
                    self.formula_in_line = false;
                    self.at_cell_start = true;
                    self.sign_cell_pipe = None;
                }
                b if SEPARATORS.contains(&b) => {
                    self.at_cell_start = true;
                    self.sign_cell_pipe = None;
                }
                b'"' | b' ' if self.at_cell_start => {}
                b => {
                    if std::mem::take(&mut self.sign) && !b.is_ascii_digit() {
                        self.formula_in_line = true;
                    }
                    if self.at_cell_start {
                        match b {
                            b'=' | b'@' => self.formula_in_line = true,
                            b'+' | b'-' => {
                                self.sign = true;
                                self.sign_cell_pipe = Some(false);
                            }
                            _ => {}
                        }
                    }
                    match (b, self.sign_cell_pipe) {
                        (b'|', Some(_)) => self.sign_cell_pipe = Some(true),
                        (b'!', Some(true)) => self.found = true,
                        _ => {}
                    }
                    self.at_cell_start = false;
                    self.found |= b == b'|' && self.formula_in_line;
                }
            }
        }
    }

    /// Whether a cell that would run another program was seen.
    pub fn finish(self) -> bool {
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> bool {
        let mut scanner = FormulaScanner::default();
        for piece in text.as_bytes().chunks(3) {
            scanner.feed(piece);
        }
        scanner.finish()
    }

    #[test]
    fn dde_references_are_found_in_any_cell() {
        assert!(scan("姓名,金额\n张三,=cmd|' /C calc'!A0\n"));
        assert!(scan("\"@SUM(1+1)*cmd|' /C calc'!A0\""));
        assert!(scan("a\t+cmd|'/c calc'!A1"));
        // A pipe in prose, or a formula without one, starts nothing.
        assert!(!scan("《通知》| 第１号,2019\n=SUM(A1:A3)\n"));
        assert!(!scan("电话,-86 10 1234|5678\n"));
        // Digits first, then a DDE reference: still one.
        assert!(scan("题名\n-2+3+cmd|' /C calc'!A0\n"));
        assert!(scan("+1+cmd|'/c calc'!A1"));
    }
}
