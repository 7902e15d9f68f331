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
use hrsearch::index::{self as idx, IndexError, PassageIndex};
use hrsearch::search::StoredPassage;
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

/// Opens the index, building it from the corpus first when there is none
/// (or none committed). When another process is building it, waits for
/// that process and reads what it committed.
fn open_or_build(locations: &Locations) -> anyhow::Result<PassageIndex> {
    let folder = index::folder(&locations.index);
    let corpus = index::corpus_names(&locations.corpus);
    for _ in 0..3 {
        let why = match idx::open(&locations.index) {
            Err(IndexError::Missing(_)) => format!("no index at {folder} yet; building"),
            Err(IndexError::Empty(_)) => format!(
                "the index at {folder} holds no reports yet (its first indexing run did not finish); building"
            ),
            Err(IndexError::Building(_)) => {
                wait_for_builder(&locations.index);
                continue;
            }
            // An index of the same corpus from an earlier hrsearch: rebuilt,
            // as a missing one is built. One of another corpus is left to
            // the user (the error says how), so a search never swaps it for
            // the default.
            Err(IndexError::Outdated { detail, .. })
                if idx::roots::holds_only(&locations.index, &locations.corpus) =>
            {
                format!(
                    "the index at {folder} was written by another version of hrsearch ({detail}); rebuilding"
                )
            }
            opened => return Ok(opened?),
        };
        eprintln!("hrsearch: {why} it from {corpus} first");
        match index::build_quietly(locations) {
            Err(e) if is_busy(&e) => wait_for_builder(&locations.index),
            built => built?,
        }
    }
    Ok(idx::open(&locations.index)?)
}

/// Another hrsearch is writing the index.
fn is_busy(error: &anyhow::Error) -> bool {
    matches!(
        error.downcast_ref::<IndexError>(),
        Some(IndexError::Locked(_) | IndexError::Building(_))
    )
}

fn wait_for_builder(dir: &std::path::Path) {
    eprintln!(
        "hrsearch: another process is building the index at {}; waiting for it",
        index::folder(dir)
    );
    idx::wait_for_writer(dir);
}

/// A passage's source file as the user can open it from here.
fn show_source(passage: &mut StoredPassage) {
    passage.source = hrsearch::corpus::walk::shown(&passage.source);
}
