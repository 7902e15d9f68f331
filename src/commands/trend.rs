//! `hrsearch trend`: how often a query matches, by year, country or section.

use crate::cli::{ByArg, FilterArgs, TrendArgs};
use crate::exit_codes::Exit;
use hrsearch::output::{Style, jsont, trend as printer, write_json};
use hrsearch::trend::{self, By, Request};
use termcolor::StandardStream;

pub fn run(args: TrendArgs) -> anyhow::Result<Exit> {
    let filters = super::filters(&args.filters)?;
    let index = super::open_or_build(&args.locations)?;
    let request = Request {
        query: args.query.clone(),
        filters,
        by: match args.by {
            ByArg::Year => By::Year,
            ByArg::Country => By::Country,
            ByArg::Section => By::Section,
        },
    };
    let trend = trend::run(&index, &request)?;
    hrsearch::output::warn(&trend.warnings);
    let described = describe(&args.filters);
    if let Some(path) = &args.svg {
        printer::write_svg(path, &trend, &described)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
        eprintln!("hrsearch: wrote the chart to {}", path.display());
    }
    let mut stdout = std::io::stdout().lock();
    if args.json {
        write_json(&mut stdout, &jsont::TrendShape::from(&trend))?;
    } else if args.csv {
        printer::write_csv(&mut stdout, &trend)?;
    } else {
        drop(stdout);
        let mut out = StandardStream::stdout(Style::detect().color_choice());
        printer::print_chart(&mut out, &trend, &described)?;
    }
    Ok(if trend.matching_passages == 0 {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}

/// The filters as a title shows them: "country: angola; years: 2005..2009".
fn describe(filters: &FilterArgs) -> String {
    let mut parts = Vec::new();
    if !filters.country.is_empty() {
        parts.push(format!("country: {}", filters.country.join(", ")));
    }
    if !filters.year.is_empty() {
        let years: Vec<String> = filters
            .year
            .iter()
            .map(|y| {
                let (from, to) = (y.0.start(), y.0.end());
                if from == to {
                    from.to_string()
                } else {
                    format!("{from}..{to}")
                }
            })
            .collect();
        parts.push(format!("years: {}", years.join(", ")));
    }
    if !filters.section.is_empty() {
        parts.push(format!("section: {}", filters.section.join(", ")));
    }
    parts.join("; ")
}
