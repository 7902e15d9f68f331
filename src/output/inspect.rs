//! How a file is read, for people (`hrsearch inspect`): a line naming the
//! country, year, format and number of passages, then one line per
//! passage with its section code, topic, words and first characters.

use super::escape::printable;
use crate::Report;
use std::io::{self, Write};

/// Prints one report as `inspect` shows it.
pub fn print(out: &mut impl Write, source: &str, report: &Report) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} {} ({:?}), {} passages",
        printable(source),
        report.meta.country,
        report.meta.year,
        report.format,
        report.passages.len()
    )?;
    for p in &report.passages {
        let words = p.text.split_whitespace().count();
        let start: String = p.text.chars().take(70).collect();
        writeln!(
            out,
            "  {:<6} {:<38} {:>4}w  {}",
            p.section.code,
            p.section.topic,
            words,
            printable(&start.replace('\n', " "))
        )?;
    }
    Ok(())
}
