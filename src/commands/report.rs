//! `hrsearch report`: chosen sections of chosen reports, in full.

use crate::cli::{FilterArgs, Locations};
use crate::exit_codes::Exit;
use hrsearch::output::{Style, human, json};
use std::io::Write;

pub fn run(locations: &Locations, args: &FilterArgs, as_json: bool) -> anyhow::Result<Exit> {
    if args.country.is_empty() && args.year.is_empty() && args.section.is_empty() {
        anyhow::bail!(
            "report needs at least one of --country, --year, --section (it would print every report)"
        );
    }
    let filters = super::filters(args)?;
    let index = super::open_or_build(locations)?;
    let mut passages = hrsearch::search::select(&index, &filters)?;
    passages.iter_mut().for_each(super::show_source);
    if as_json {
        writeln!(std::io::stdout(), "{}", json::report(&passages))?;
    } else {
        human::print_report(&passages, Style::detect())?;
    }
    if passages.is_empty() {
        eprintln!("hrsearch: no passages match these countries, years and sections");
        return Ok(Exit::NoMatch);
    }
    Ok(Exit::Success)
}
