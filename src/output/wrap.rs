//! Fitting records to the terminal: on a terminal, a record (a citation
//! line, a snippet) wraps to its width with a hanging indent and never
//! splits a word (textwrap, which ignores colour codes in widths); piped,
//! each record stays one line, for grep.

use std::io::{self, IsTerminal, Write};
use termcolor::{Buffer, WriteColor};
use textwrap::{Options, WordSplitter};

use super::Style;

/// How wide output may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Columns to wrap at; `None`: one line per record.
    pub width: Option<usize>,
}

/// Narrower than this, wrapping does more harm than good.
const MIN_WIDTH: usize = 30;

impl Layout {
    /// The terminal's width when stdout is one; one line per record when
    /// piped.
    pub fn detect() -> Layout {
        Layout {
            width: io::stdout()
                .is_terminal()
                .then(textwrap::termwidth)
                .filter(|&w| w >= MIN_WIDTH),
        }
    }

    /// One line per record.
    pub fn unwrapped() -> Layout {
        Layout { width: None }
    }

    /// `record` (which may hold colour codes, no line breaks) as lines:
    /// the first as it starts, the others under `indent`.
    pub fn lines(&self, record: &str, indent: &str) -> String {
        match self.width {
            None => record.to_string(),
            Some(width) => {
                let options = Options::new(width)
                    .subsequent_indent(indent)
                    .break_words(false)
                    .word_splitter(WordSplitter::NoHyphenation);
                textwrap::fill(record, options)
            }
        }
    }
}

/// Renders into a buffer with colours (or without), for wrapping whole.
pub fn render(
    style: Style,
    draw: impl FnOnce(&mut Buffer) -> io::Result<()>,
) -> io::Result<String> {
    let mut buffer = match style {
        Style::Color => Buffer::ansi(),
        Style::Plain => Buffer::no_color(),
    };
    draw(&mut buffer)?;
    buffer.reset()?;
    Ok(String::from_utf8_lossy(buffer.as_slice()).into_owned())
}

/// Writes one record, wrapped as the layout says, and a line break.
pub fn emit(out: &mut impl Write, layout: &Layout, record: &str, indent: &str) -> io::Result<()> {
    writeln!(out, "{}", layout.lines(record, indent))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_with_a_hanging_indent_and_whole_words() {
        let layout = Layout { width: Some(40) };
        let record = "1. Kazakhstan 2020 › Section 1. Respect for the Integrity of the Person › d. Arbitrary Arrest or Detention";
        let text = layout.lines(record, "   ");
        for line in text.lines() {
            assert!(line.chars().count() <= 40, "{line:?}");
        }
        assert!(text.lines().skip(1).all(|l| l.starts_with("   ")), "{text}");
        let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(words(&text), words(record), "no word is split");
    }

    #[test]
    fn hyphenated_and_coloured_words_are_not_split() {
        let layout = Layout { width: Some(30) };
        let record = format!(
            "   lengthy pre-trial detention and \x1b[1;31mpretrial\x1b[0m release of detainees in {}",
            "Kazakhstan ".repeat(4)
        );
        let text = layout.lines(&record, "   ");
        assert!(text.contains("pre-trial"), "{text}");
        assert!(text.contains("\x1b[1;31mpretrial\x1b[0m"), "{text}");
        for line in text.lines() {
            let visible = line.replace("\x1b[1;31m", "").replace("\x1b[0m", "");
            assert!(visible.chars().count() <= 30, "{line:?}");
        }
    }

    #[test]
    fn piped_records_stay_one_line() {
        let record = "word ".repeat(100);
        assert_eq!(Layout::unwrapped().lines(&record, "   "), record);
    }
}
