//! `hrsearch compare`: two editions of a country's report, section by section.

use crate::cli::CompareArgs;
use crate::exit_codes::Exit;
use hrsearch::compare::{self, Request};
use hrsearch::output::{Style, compare as printer, jsont, write_json};
use termcolor::StandardStream;

pub fn run(args: CompareArgs) -> anyhow::Result<Exit> {
    let sections = hrsearch::search::resolve_filters(&[], &[], &args.section)?.sections;
    let index = super::open_or_build(&args.locations)?;
    let request = Request {
        country: args.country.clone(),
        earlier: args.years[0],
        later: args.years[1],
        sections,
    };
    let comparison = compare::run(&index, &request)?;
    hrsearch::output::warn(&comparison.warnings);
    if args.json {
        write_json(
            &mut std::io::stdout().lock(),
            &jsont::ComparisonShape::from(&comparison),
        )?;
    } else {
        let style = Style::detect();
        let mut out = StandardStream::stdout(style.color_choice());
        printer::print(&mut out, &comparison, style == Style::Plain)?;
    }
    if comparison.sections.is_empty() {
        eprintln!("hrsearch: neither edition has the sections asked for");
        return Ok(Exit::NoMatch);
    }
    Ok(Exit::Success)
}
