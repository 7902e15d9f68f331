//! `hrsearch report`: chosen sections of chosen reports, in full.

use crate::cli::{FilterArgs, Locations};
use crate::exit_codes::Exit;
use hrsearch::output::{self, Layout, Style, human, json};
use std::io::Write;

pub fn run(locations: &Locations, args: &FilterArgs, as_json: bool) -> anyhow::Result<Exit> {
    if args.country.is_empty() && args.year.is_empty() && args.section.is_empty() {
        anyhow::bail!(
            "report needs at least one of --country, --year, --section (it would print every report)"
        );
    }
    let filters = super::filters(args)?;
    let index = super::open_or_build(locations)?;
    let mut selection = hrsearch::search::select(&index, &filters)?;
    selection.passages.iter_mut().for_each(super::show_source);
    output::warn(&selection.warnings);
    if as_json {
        let report = json::report(&selection.passages, &selection.warnings);
        writeln!(std::io::stdout(), "{report}")?;
    } else {
        human::print_report(&selection.passages, Style::detect(), Layout::detect())?;
    }
    if selection.passages.is_empty() {
        eprintln!("hrsearch: no passages match these countries, years and sections");
        return Ok(Exit::NoMatch);
    }
    Ok(Exit::Success)
}
