//! Opening the index for a search, building it first when there is none
//! (or none committed), or rebuilding one of this corpus written by
//! another version; when another process is building it, waiting for that
//! process and reading what it committed. An index of some other corpus is
//! never replaced here: its error names the fix. Every front end (the
//! commands, the server) opens the index this way.

use super::{IndexError, PassageIndex, Progress, Summary, UpdateOptions, open, roots, update};
use std::path::{Path, PathBuf};

/// Why the index is built before it is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// There is no index in the folder yet.
    Missing,
    /// Its first indexing run never committed.
    Empty,
    /// Written by another version of hrsearch (the detail says how).
    Outdated(String),
}

/// A step on the way to an open index, for the front end to tell.
#[derive(Debug)]
pub enum Step<'a> {
    /// Building the index first.
    Building(Why),
    /// Another process is building it: waiting for that process.
    Waiting,
    /// The build is done.
    Built(&'a Summary),
}

/// Opens the index in `index_dir`, building it from `corpus` first when
/// needed; `tell` hears each step.
pub fn open_or_build(
    index_dir: &Path,
    corpus: &[PathBuf],
    progress: &dyn Progress,
    tell: &mut dyn FnMut(Step),
) -> anyhow::Result<PassageIndex> {
    for _ in 0..3 {
        let why = match open(index_dir) {
            Err(IndexError::Missing(_)) => Why::Missing,
            Err(IndexError::Empty(_)) => Why::Empty,
            Err(IndexError::Building(_)) => {
                tell(Step::Waiting);
                super::wait_for_writer(index_dir);
                continue;
            }
            // An index of the same corpus from an earlier hrsearch: rebuilt,
            // as a missing one is built. One of another corpus is left to
            // the user (the error says how), so a search never swaps it for
            // the default.
            Err(IndexError::Outdated { detail, .. }) if roots::holds_only(index_dir, corpus) => {
                Why::Outdated(detail)
            }
            opened => return Ok(opened?),
        };
        tell(Step::Building(why));
        let options = UpdateOptions {
            index_dir: index_dir.to_path_buf(),
            corpus: corpus.to_vec(),
            rebuild: false,
            phrase_pairs: None,
        };
        match update(&options, progress) {
            Err(e) if is_busy(&e) => {
                tell(Step::Waiting);
                super::wait_for_writer(index_dir);
            }
            built => tell(Step::Built(&built?)),
        }
    }
    Ok(open(index_dir)?)
}

/// Another hrsearch is writing the index.
fn is_busy(error: &anyhow::Error) -> bool {
    matches!(
        error.downcast_ref::<IndexError>(),
        Some(IndexError::Locked(_) | IndexError::Building(_))
    )
}
