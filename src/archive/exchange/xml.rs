//! A small streaming XML writer for the documents dangan hands to other archive software (EAD,
//! OAI-PMH): elements open and close in order, text and attributes are escaped, and characters XML
//! 1.0 cannot carry are left out rather than making the whole document unreadable.

use std::io::Write;

use crate::error::{Error, Result};

pub struct XmlWriter<'a> {
    out: &'a mut dyn Write,
    open: Vec<&'static str>,
}

/// Whether XML 1.0 allows the character in a document at all.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// `text` fit for element content or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars().filter(|c| allowed(*c)) {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

fn write_error(e: std::io::Error) -> Error {
    Error::io("XML output", e)
}

impl<'a> XmlWriter<'a> {
    /// Starts a document with its declaration.
    pub fn start(out: &'a mut dyn Write) -> Result<XmlWriter<'a>> {
        out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .map_err(write_error)?;
        Ok(XmlWriter {
            out,
            open: Vec::new(),
        })
    }

    fn indent(&mut self) -> Result<()> {
        let depth = self.open.len();
        write!(self.out, "{:width$}", "", width = depth * 2).map_err(write_error)
    }

    fn tag(&mut self, name: &str, attributes: &[(&str, &str)], end: &str) -> Result<()> {
        self.indent()?;
        write!(self.out, "<{name}").map_err(write_error)?;
        for (key, value) in attributes {
            write!(self.out, " {key}=\"{}\"", escape(value)).map_err(write_error)?;
        }
        write!(self.out, "{end}").map_err(write_error)
    }

    /// Opens an element that will hold others.
    pub fn open(&mut self, name: &'static str, attributes: &[(&str, &str)]) -> Result<()> {
        self.tag(name, attributes, ">\n")?;
        self.open.push(name);
        Ok(())
    }

    /// Closes the element opened last.
    pub fn close(&mut self) -> Result<()> {
        let Some(name) = self.open.pop() else {
            return Ok(());
        };
        self.indent()?;
        writeln!(self.out, "</{name}>").map_err(write_error)
    }

    /// An element holding text only.
    pub fn text(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) -> Result<()> {
        self.tag(name, attributes, ">")?;
        writeln!(self.out, "{}</{name}>", escape(text)).map_err(write_error)
    }

    /// An element with nothing inside.
    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) -> Result<()> {
        self.tag(name, attributes, "/>\n")
    }

    /// Puts a whole document written by `write` in here, without its XML declaration.
    pub fn embed(&mut self, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
        let mut inner = Vec::new();
        write(&mut inner)?;
        let body = match inner.strip_prefix(b"<?xml") {
            Some(rest) => rest
                .iter()
                .position(|b| *b == b'\n')
                .map_or(&[][..], |at| &rest[at + 1..]),
            None => &inner[..],
        };
        self.out.write_all(body).map_err(write_error)
    }

    /// Closes whatever is open and flushes.
    pub fn finish(mut self) -> Result<()> {
        while !self.open.is_empty() {
            self.close()?;
        }
        self.out.flush().map_err(write_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped_and_what_xml_cannot_hold_is_dropped() {
        assert_eq!(
            escape("《A&B》<x> \"引\"\u{1}\u{FFFE}"),
            "《A&amp;B》&lt;x&gt; &quot;引&quot;"
        );
    }

    #[test]
    fn elements_nest_and_close_in_order() {
        let mut out = Vec::new();
        let mut xml = XmlWriter::start(&mut out).unwrap();
        xml.open("a", &[("k", "v&")]).unwrap();
        xml.text("b", &[], "文<").unwrap();
        xml.empty("c", &[]).unwrap();
        xml.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with("<a k=\"v&amp;\">\n  <b>文&lt;</b>\n  <c/>\n</a>\n"));
    }
}
