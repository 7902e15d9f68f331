//! `hrsearch search`: ranked passages with highlights, facets, JSON.

use crate::cli::{SearchArgs, SortArg};
use crate::exit_codes::Exit;
use hrsearch::output::{self, Layout, Style, human, json};
use hrsearch::search::{self, Request, Sort};
use std::io::Write;

pub fn run(args: SearchArgs) -> anyhow::Result<Exit> {
    // The page and the query are checked before the index is opened (or
    // built): a bad one costs nothing.
    search::check_page(args.limit, args.offset)?;
    search::query::parse(&args.query, &search::query::Limits::default())?;
    let filters = super::filters(&args.filters)?;
    let index = super::open_or_build(&args.locations)?;
    let request = Request {
        query: args.query,
        filters,
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Year => Sort::Year,
        },
        facets: args.facets,
        fold: !args.no_fold,
    };
    let mut results = search::run(&index, &request)?;
    results
        .hits
        .iter_mut()
        .for_each(|hit| super::show_source(&mut hit.passage));
    output::warn(&results.warnings);
    if args.json {
        writeln!(std::io::stdout(), "{}", json::results(&results))?;
    } else {
        human::print_results(&results, request.offset, Style::detect(), Layout::detect())?;
    }
    Ok(if results.total == 0 {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}
