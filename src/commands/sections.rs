//! `hrsearch sections`: the canonical outline, the topics `--section` takes.

use crate::exit_codes::Exit;
use hrsearch::output::{Layout, human, jsont, write_json};

/// The outline is a reference table: it fits 80 columns (or the terminal,
/// when narrower), piped or not.
const COLUMNS: usize = 80;

pub fn run(json: bool) -> anyhow::Result<Exit> {
    let mut out = std::io::stdout().lock();
    if json {
        write_json(&mut out, &jsont::Outline::new())?;
    } else {
        let width = Layout::detect().width.unwrap_or(COLUMNS).min(COLUMNS);
        human::print_sections(&mut out, Layout { width: Some(width) })?;
    }
    Ok(Exit::Success)
}
