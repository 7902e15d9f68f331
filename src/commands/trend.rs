//! `hrsearch trend`: how often a query matches, by year, country or section.

use crate::cli::{ByArg, TrendArgs};
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
    let described = printer::describe_filters(
        &args.filters.country,
        &args.filters.year,
        &args.filters.section,
    );
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
