//! One module per verb; each is thin: turn arguments into a library call
//! and hand the result to the printer.

mod compare;
mod export;
mod index;
mod inspect;
mod report;
mod search;
mod sections;
mod serve;
mod trend;

use crate::cli::{Command, FilterArgs, Locations};
use crate::exit_codes::Exit;
use hrsearch::index::PassageIndex;
use hrsearch::output::summary;
use hrsearch::search::{SearchError, filters::Filters, resolve_filters};
use std::io::IsTerminal;

/// Runs one command.
pub fn run(command: Command) -> anyhow::Result<Exit> {
    match command {
        Command::Index {
            locations,
            rebuild,
            phrase_pairs,
            no_phrase_pairs,
            json,
        } => {
            // Neither: the index keeps what it has.
            let pairs = (phrase_pairs || no_phrase_pairs).then_some(phrase_pairs);
            index::run(&locations, rebuild, pairs, json)
        }
        Command::Search(args) => search::run(args),
        Command::Report {
            locations,
            filters,
            json,
        } => report::run(&locations, &filters, json),
        Command::Trend(args) => trend::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Export { locations, filters } => export::run(&locations, &filters),
        Command::Sections { json } => sections::run(json),
        Command::Inspect { files, json } => inspect::run(&files, json),
        Command::Serve(args) => serve::run(args),
    }
}

/// Resolves filter arguments (a bad `--section` is an error naming it).
fn filters(args: &FilterArgs) -> Result<Filters, SearchError> {
    resolve_filters(&args.country, &args.year, &args.section)
}

/// Opens the index, building it from the corpus first when there is none
/// (saying so on stderr, with a progress bar on a terminal).
fn open_or_build(locations: &Locations) -> anyhow::Result<PassageIndex> {
    let bar = index::Bar::new(std::io::stderr().is_terminal());
    hrsearch::index::open::open_or_build(&locations.index, &locations.corpus, &bar, &mut |step| {
        let _ = summary::opening(
            &mut std::io::stderr(),
            &step,
            &locations.index,
            &locations.corpus,
        );
    })
}
