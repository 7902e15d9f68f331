//! `hrsearch sections`: the canonical outline, the topics `--section` takes.

use crate::exit_codes::Exit;
use hrsearch::output::{Layout, human};

/// The outline is a reference table: it fits 80 columns (or the terminal,
/// when narrower), piped or not.
const COLUMNS: usize = 80;

pub fn run() -> anyhow::Result<Exit> {
    let width = Layout::detect().width.unwrap_or(COLUMNS).min(COLUMNS);
    human::print_sections(Layout { width: Some(width) })?;
    Ok(Exit::Success)
}
