//! The terminal backend: crossterm's, but with the cursor moves of a redraw made few and short.
//! Over SSH every byte of a redraw is waited for. ratatui's crossterm backend moves the cursor
//! absolutely after every wide character (the next changed cell is two columns on, not one), so a
//! row of Chinese costs a cursor move per character; here the cursor's column is followed by
//! display width, a gap on the same row is crossed with a relative move, and only a new row
//! takes an absolute one. `cargo bench --bench keystrokes` measures it.

use std::io::{self, Write};

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::style::Print;
use crossterm::terminal::Clear;
use crossterm::{execute, queue};
use ratatui::backend::{Backend as RatatuiBackend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

pub struct Backend<W: Write> {
    writer: W,
    /// What the terminal shows, as far as this backend drew it (blank where it never drew):
    /// so that a row whose rest is blank is erased with one code.
    shown: Vec<Vec<Cell>>,
    /// Where the cursor was last put. Asking the terminal instead (a report on standard input)
    /// races the thread that reads keys, which takes the answer: Ctrl-L failed on a timeout.
    cursor: Position,
}

impl<W: Write> Backend<W> {
    pub fn new(writer: W) -> Backend<W> {
        Backend {
            writer,
            shown: Vec::new(),
            cursor: Position { x: 0, y: 0 },
        }
    }

    pub fn writer(&self) -> &W {
        &self.writer
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.writer
    }

    fn remember(&mut self, x: u16, y: u16, cell: &Cell) {
        let (x, y) = (usize::from(x), usize::from(y));
        if self.shown.len() <= y {
            self.shown.resize_with(y + 1, Vec::new);
        }
        let row = &mut self.shown[y];
        let wide = cell.symbol().width() > 1;
        if row.len() < x + 2 {
            row.resize(x + 2, Cell::default());
        }
        // A narrow character over a wide one blanks the wide one's right half too.
        let was_wide = row[x].symbol().width() > 1;
        row[x] = cell.clone();
        if wide {
            // The right half of a wide character: not blank.
            row[x + 1] = Cell::new("");
        } else if was_wide {
            row[x + 1] = Cell::default();
        }
    }

    /// How many plain blanks row `y` shows from column `x` on, and whether they reach its end.
    fn blanks_from(&self, x: u16, y: u16) -> (usize, bool) {
        let Some(row) = self.shown.get(usize::from(y)) else {
            return (0, true);
        };
        let rest = row.get(usize::from(x)..).unwrap_or_default();
        let run = rest.iter().take_while(|c| plain_blank(c)).count();
        (run, run == rest.len())
    }
}

/// A cell's look: foreground, background, modifiers.
type Look = (Color, Color, Modifier);

const PLAIN: Look = (Color::Reset, Color::Reset, Modifier::empty());

/// Each modifier and its SGR code.
const MODIFIER_CODES: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// The SGR parameter of a colour, as foreground or background.
fn color_code(color: Color, background: bool) -> String {
    let (normal, bright, extended, reset) = match background {
        false => (30, 90, 38, 39),
        true => (40, 100, 48, 49),
    };
    let code = match color {
        Color::Reset => reset,
        Color::Black => normal,
        Color::Red => normal + 1,
        Color::Green => normal + 2,
        Color::Yellow => normal + 3,
        Color::Blue => normal + 4,
        Color::Magenta => normal + 5,
        Color::Cyan => normal + 6,
        Color::Gray => normal + 7,
        Color::DarkGray => bright,
        Color::LightRed => bright + 1,
        Color::LightGreen => bright + 2,
        Color::LightYellow => bright + 3,
        Color::LightBlue => bright + 4,
        Color::LightMagenta => bright + 5,
        Color::LightCyan => bright + 6,
        Color::White => bright + 7,
        Color::Indexed(n) => return format!("{extended};5;{n}"),
        Color::Rgb(r, g, b) => return format!("{extended};2;{r};{g};{b}"),
    };
    code.to_string()
}

/// One SGR sequence from one look to another (crossterm sends one per attribute and colour);
/// None when they are the same.
fn sgr(from: Look, to: Look) -> Option<String> {
    let mut params: Vec<String> = Vec::new();
    let (mut fg, mut bg) = (from.0, from.1);
    // Single attributes have no portable "off": reset, and set again what stays on.
    let added = if from.2.difference(to.2).is_empty() {
        to.2.difference(from.2)
    } else {
        params.push("0".into());
        (fg, bg) = (Color::Reset, Color::Reset);
        to.2
    };
    for (bit, code) in MODIFIER_CODES {
        if added.contains(bit) {
            params.push(code.to_string());
        }
    }
    if to.0 != fg {
        params.push(color_code(to.0, false));
    }
    if to.1 != bg {
        params.push(color_code(to.1, true));
    }
    (!params.is_empty()).then(|| format!("\x1b[{}m", params.join(";")))
}

/// The text of unchanged cells `columns` of row `y` if all are narrow and of the look `look`
/// (so printing them again leaves them as they are).
fn unchanged(
    shown: &[Vec<Cell>],
    columns: std::ops::Range<u16>,
    y: u16,
    look: Look,
) -> Option<String> {
    let row = shown.get(usize::from(y))?;
    let cells = row.get(usize::from(columns.start)..usize::from(columns.end))?;
    cells
        .iter()
        .map(|c| {
            let same = (c.fg, c.bg, c.modifier) == look && c.symbol().width() == 1;
            same.then(|| c.symbol())
        })
        .collect()
}

/// Blanks in a row worth erasing (`ESC [ n X`, five or six bytes) rather than printing.
const MIN_ERASED: usize = 6;

/// A blank in the terminal's own colours: what an erase leaves.
fn plain_blank(cell: &Cell) -> bool {
    cell.symbol() == " "
        && cell.modifier.is_empty()
        && cell.fg == Color::Reset
        && cell.bg == Color::Reset
}

impl<W: Write> RatatuiBackend for Backend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, &Cell)> = content.collect();
        for &(x, y, cell) in &cells {
            self.remember(x, y, cell);
        }
        // For each changed cell: the blanks from it on, and whether they end the row.
        let blanks: Vec<(usize, bool)> = cells
            .iter()
            .map(|&(x, y, cell)| match plain_blank(cell) {
                true => self.blanks_from(x, y),
                false => (0, false),
            })
            .collect();
        let Backend {
            writer: out,
            shown,
            cursor: last,
        } = self;
        let mut style = PLAIN;
        // Where the terminal's cursor is after what was printed, if known.
        let mut cursor: Option<Position> = None;
        let mut i = 0;
        while let Some(&(x, y, cell)) = cells.get(i) {
            // The next row is two bytes away (the terminal is raw: a line feed only moves
            // down, and it is never the last row, so nothing scrolls).
            let from = match cursor {
                Some(at) if at.y + 1 == y && x < 8 => {
                    out.write_all(b"\r\n")?;
                    Some(Position { x: 0, y })
                }
                other => other,
            };
            match from {
                Some(at) if at.y == y && at.x == x => {}
                Some(at) if at.y == y && at.x < x => {
                    // A gap on the same row: what it shows printed again if that is shorter
                    // than the step over it.
                    let step = format!("\x1b[{}C", x - at.x);
                    match unchanged(shown, at.x..x, y, style) {
                        Some(text) if text.len() < step.len() => out.write_all(text.as_bytes())?,
                        _ => out.write_all(step.as_bytes())?,
                    }
                }
                _ => queue!(out, MoveTo(x, y))?,
            }
            let wanted = (cell.fg, cell.bg, cell.modifier);
            if let Some(code) = sgr(style, wanted) {
                out.write_all(code.as_bytes())?;
                style = wanted;
            }
            let (run, to_the_end) = blanks[i];
            if to_the_end || run >= MIN_ERASED {
                // Blanks erased with one code, the cursor left where it is: to the end of the
                // row (EL), or so many (ECH). The cells in between were blank already.
                match to_the_end {
                    true => write!(out, "\x1b[K")?,
                    false => write!(out, "\x1b[{run}X")?,
                }
                cursor = Some(Position { x, y });
                let end = if to_the_end { u16::MAX } else { x + run as u16 };
                while cells.get(i).is_some_and(|c| c.1 == y && c.0 < end) {
                    i += 1;
                }
                continue;
            }
            let symbol = cell.symbol();
            queue!(out, Print(symbol))?;
            let advance = u16::try_from(symbol.width().max(1)).unwrap_or(1);
            cursor = Some(Position {
                x: x.saturating_add(advance),
                y,
            });
            i += 1;
        }
        if let Some(at) = cursor {
            *last = at;
        }
        // Left as the terminal's own, for what is printed outside a frame.
        if let Some(code) = sgr(style, PLAIN) {
            out.write_all(code.as_bytes())?;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        execute!(self.writer, Hide)
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        execute!(self.writer, Show)
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        self.cursor = Position { x, y };
        execute!(self.writer, MoveTo(x, y))
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        use crossterm::terminal::ClearType as Region;
        if clear_type == ClearType::All {
            self.shown.clear();
        }
        let region = match clear_type {
            ClearType::All => Region::All,
            ClearType::AfterCursor => Region::FromCursorDown,
            ClearType::BeforeCursor => Region::FromCursorUp,
            ClearType::CurrentLine => Region::CurrentLine,
            ClearType::UntilNewLine => Region::UntilNewLine,
        };
        execute!(self.writer, Clear(region))
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = crossterm::terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let size = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: size.columns,
                height: size.rows,
            },
            pixels: Size {
                width: size.width,
                height: size.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::widgets::Paragraph;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    fn terminal() -> Terminal<Backend<Vec<u8>>> {
        let viewport = Viewport::Fixed(Rect::new(0, 0, 40, 3));
        Terminal::with_options(Backend::new(Vec::new()), TerminalOptions { viewport })
            .expect("terminal")
    }

    fn sent(terminal: &mut Terminal<Backend<Vec<u8>>>, text: &str) -> String {
        terminal.backend_mut().writer_mut().clear();
        terminal
            .draw(|frame| frame.render_widget(Paragraph::new(text.to_string()), frame.area()))
            .expect("draw");
        String::from_utf8_lossy(terminal.backend().writer()).into_owned()
    }

    #[test]
    fn a_row_of_chinese_is_one_cursor_move_and_a_row_emptied_one_erase() {
        let mut terminal = terminal();
        let first = sent(&mut terminal, "关于《档案法》宣传周的通知——２０２６");
        assert_eq!(
            first.matches('H').count(),
            1,
            "one absolute move: {first:?}"
        );
        let emptied = sent(&mut terminal, "关于");
        assert!(emptied.contains("\x1b[K"), "{emptied:?}");
        assert!(emptied.len() < 24, "{} bytes: {emptied:?}", emptied.len());
        // What the terminal shows is what was drawn: the next frame builds on it.
        let again = sent(&mut terminal, "关于《档案法》");
        assert!(
            again.contains("《档案法》") && !again.contains("关于"),
            "{again:?}"
        );
    }
}
