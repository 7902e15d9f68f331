//! `hrsearch search`: ranked passages with highlights, facets, JSON.

use crate::cli::{FilterArgs, Locations, SortArg};
use crate::exit_codes::Exit;
use hrsearch::output::{Style, human, json};
use hrsearch::search::{self, Request, Sort};
use std::io::Write;

pub struct Args {
    pub query: String,
    pub locations: Locations,
    pub filters: FilterArgs,
    pub limit: usize,
    pub offset: usize,
    pub sort: SortArg,
    pub facets: bool,
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
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
    };
    let results = search::run(&index, &request)?;
    if args.json {
        writeln!(std::io::stdout(), "{}", json::results(&results))?;
    } else {
        human::print_results(&results, request.offset, Style::detect())?;
    }
    Ok(if results.total == 0 {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}
