//! `hrsearch search`: ranked passages with highlights, facets, JSON.

use crate::cli::{SearchArgs, SortArg};
use crate::exit_codes::Exit;
use hrsearch::output::{self, Layout, Style, human, jsont, write_json};
use hrsearch::search::{self, Request, Sort};
use termcolor::BufferedStandardStream;

pub fn run(args: SearchArgs) -> anyhow::Result<Exit> {
    let request = Request {
        query: args.query,
        filters: super::filters(&args.filters)?,
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Year => Sort::Year,
        },
        facets: args.facets,
        fold: !args.no_fold,
    };
    // The page and the query are checked before the index is opened (or
    // built): a bad one costs nothing.
    search::precheck(&request)?;
    let index = super::open_or_build(&args.locations)?;
    let mut results = search::run(&index, &request)?;
    results.show_sources();
    output::warn(&results.warnings);
    if args.json {
        write_json(
            &mut std::io::stdout().lock(),
            &jsont::SearchResults::from(&results),
        )?;
    } else {
        let mut out = BufferedStandardStream::stdout(Style::detect().color_choice());
        human::print_results(&mut out, &results, request.offset, Layout::detect())?;
    }
    Ok(if results.total == 0 {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}
