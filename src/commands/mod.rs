//! One module per verb; each is thin: turn arguments into a library call
//! and hand the result to the printer.

mod compare;
mod export;
mod index;
mod inspect;
mod report;
mod search;
mod sections;
mod trend;

use crate::cli::{Command, FilterArgs, Locations};
use crate::exit_codes::Exit;
use hrsearch::index::{self as idx, PassageIndex};
use hrsearch::search::filters::{Filters, resolve_section};

/// Runs one command.
pub fn run(command: Command) -> anyhow::Result<Exit> {
    match command {
        Command::Index {
            locations,
            rebuild,
            json,
        } => index::run(&locations, rebuild, json),
        Command::Search(args) => search::run(args),
        Command::Report {
            locations,
            filters,
            json,
        } => report::run(&locations, &filters, json),
        Command::Trend(args) => trend::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Export { locations, filters } => export::run(&locations, &filters),
        Command::Sections => sections::run(),
        Command::Inspect { files, json } => inspect::run(&files, json),
    }
}

/// Resolves filter arguments (a bad `--section` is an error naming it).
fn filters(args: &FilterArgs) -> anyhow::Result<Filters> {
    let sections = args
        .section
        .iter()
        .map(|s| resolve_section(s).map_err(anyhow::Error::msg))
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(Filters {
        countries: args.country.clone(),
        years: args.year.clone(),
        sections,
    })
}

/// Opens the index, building it from the corpus first when there is none.
fn open_or_build(locations: &Locations) -> anyhow::Result<PassageIndex> {
    let folder = index::folder(&locations.index);
    let why = match idx::open(&locations.index) {
        Err(idx::IndexError::Missing(_)) => format!("no index at {folder} yet; building"),
        // An index of the same corpus from an earlier hrsearch: rebuilt, as
        // a missing one is built. One of another corpus is left to the user
        // (the error says how), so a search never swaps it for the default.
        Err(idx::IndexError::Outdated { detail, .. }) if indexes_only(locations) => format!(
            "the index at {folder} was written by another version of hrsearch ({detail}); rebuilding"
        ),
        opened => return Ok(opened?),
    };
    let corpus = index::corpus_names(&locations.corpus);
    eprintln!("hrsearch: {why} it from {corpus} first");
    index::build_quietly(locations)?;
    Ok(idx::open(&locations.index)?)
}

/// Whether every file in the index lies in the corpus folders given.
fn indexes_only(locations: &Locations) -> bool {
    idx::indexed_files(&locations.index).is_some_and(|files| {
        files.iter().all(|file| {
            locations
                .corpus
                .iter()
                .any(|corpus| std::path::Path::new(file).starts_with(corpus))
        })
    })
}
