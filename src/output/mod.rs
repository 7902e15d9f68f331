//! Printing: human output (citations, highlighted snippets, facet tables),
//! fitted to the terminal, and the JSON shapes ([`jsont`]), both reading
//! the same views ([`view`]). The printer never searches; it formats what
//! search returns.

pub mod compare;
pub mod escape;
pub mod human;
pub mod inspect;
pub mod jsont;
pub mod summary;
pub mod trend;
pub mod view;
pub mod wrap;

pub use wrap::Layout;

use std::io::{self, IsTerminal};

/// How matched words are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Colours and bold on a terminal.
    Color,
    /// `**word**` markers, when piped or when NO_COLOR is set.
    Plain,
}

impl Style {
    /// The colour choice for a termcolor stream.
    pub fn color_choice(self) -> termcolor::ColorChoice {
        match self {
            Style::Color => termcolor::ColorChoice::Always,
            Style::Plain => termcolor::ColorChoice::Never,
        }
    }

    /// Colour on a terminal unless NO_COLOR is set (https://no-color.org).
    pub fn detect() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        if io::stdout().is_terminal() && !no_color && !dumb {
            Style::Color
        } else {
            Style::Plain
        }
    }
}

/// Warnings for the user, one line each on stderr.
pub fn warn(warnings: &[String]) {
    for warning in warnings {
        eprintln!("hrsearch: warning: {warning}");
    }
}

/// Writes one JSON value on a line of its own.
pub fn write_json(out: &mut impl io::Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}
