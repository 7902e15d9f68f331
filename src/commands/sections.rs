//! `hrsearch sections`: the canonical outline, the topics `--section` takes.

use crate::exit_codes::Exit;
use hrsearch::outline;
use std::io::Write;

pub fn run() -> anyhow::Result<Exit> {
    for section in outline::SECTIONS {
        writeln!(std::io::stdout(), "{:<40} {}", section.topic, section.title)?;
        for child in outline::children(section.topic) {
            writeln!(std::io::stdout(), "  {:<38} {}", child.topic, child.title)?;
        }
    }
    Ok(Exit::Success)
}
