//! `hrsearch report`: chosen sections of chosen reports, in full.

use crate::cli::{FilterArgs, Locations};
use crate::exit_codes::Exit;
use hrsearch::output::{self, Layout, Style, human, jsont, write_json};
use hrsearch::search;
use termcolor::BufferedStandardStream;

pub fn run(locations: &Locations, args: &FilterArgs, as_json: bool) -> anyhow::Result<Exit> {
    let filters = super::filters(args)?;
    // Refused before an index is opened or built.
    search::check_report_filters(&filters)?;
    let index = super::open_or_build(locations)?;
    let mut selection = search::custom_report(&index, &filters)?;
    selection.show_sources();
    output::warn(&selection.warnings);
    if as_json {
        let report = jsont::CustomReport::new(&selection.passages, &selection.warnings);
        write_json(&mut std::io::stdout().lock(), &report)?;
    } else {
        let mut out = BufferedStandardStream::stdout(Style::detect().color_choice());
        human::print_report(&mut out, &selection.passages, Layout::detect())?;
    }
    if selection.passages.is_empty() {
        eprintln!("hrsearch: no passages match these countries, years and sections");
        return Ok(Exit::NoMatch);
    }
    Ok(Exit::Success)
}
