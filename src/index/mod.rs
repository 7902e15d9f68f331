//! The persistent passage index: schema, opening with clear errors, the
//! incremental writer, the manifest of indexed files, and the folder rules
//! (which folders hrsearch writes into and what it may delete there).

mod directory;
mod duplicates;
mod files;
mod folder;
mod lock;
mod manifest;
pub mod open;
pub mod roots;
pub mod schema;
mod start;
mod summary;
mod writer;

use crate::analysis::{self, Side};
use std::path::{Path, PathBuf};
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyError};

pub use duplicates::{Duplicate, PREFERENCE};
pub use lock::wait_for_writer;
pub use manifest::{CommitInfo, FileEntry, HeldReport, Manifest};
pub use schema::{Fields, SCHEMA_VERSION};
pub use summary::{Skip, Skipped, Summary};
pub use writer::{Progress, UpdateOptions, update};

/// Why an index cannot be used (or updated). Each message names the
/// folder and the fix, on one line.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no index at {0}: run `hrsearch index` to build one")]
    Missing(PathBuf),
    #[error(
        "the index at {0} holds no reports yet (its first indexing run did not finish); {fix} builds it",
        fix = command(.0, "")
    )]
    Empty(PathBuf),
    #[error(
        "the index at {path} is damaged ({detail}); {} fixes it",
        command(path, " --rebuild")
    )]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "the index at {path} was written by another version of hrsearch ({detail}); {} fixes it",
        command(path, " --rebuild")
    )]
    Outdated { path: PathBuf, detail: String },
    #[error("the index at {0} is being updated by another process; try again when it has finished")]
    Locked(PathBuf),
    #[error("another process is building the index at {0}; try again when it has finished")]
    Building(PathBuf),
    #[error(
        "{path} is not an hrsearch index ({detail}), so hrsearch writes and deletes nothing there; give --index a new or empty folder"
    )]
    NotAnIndex { path: PathBuf, detail: String },
    #[error(
        "the index at {path} holds the reports of {held}, which --corpus {given} leaves out; `{keep_both}` keeps both, `--rebuild` replaces them with those of {given} only"
    )]
    OtherCorpus {
        path: PathBuf,
        held: String,
        given: String,
        keep_both: String,
    },
    #[error(
        "cannot write to the index folder {path} ({detail}); make it writable, or give --index another folder"
    )]
    NotWritable { path: PathBuf, detail: String },
    #[error("cannot read the index at {path} ({detail}); check that you may read its files")]
    Unreadable { path: PathBuf, detail: String },
}

/// The `hrsearch index` command that builds the index in `dir` again from
/// the corpus its marker names (or says which folder to give).
fn command(dir: &Path, options: &str) -> String {
    let corpus: Vec<String> = folder::read_marker(dir)
        .map(|marker| marker.corpus)
        .unwrap_or_default();
    let index = format!("--index {}", dir.display());
    if corpus.is_empty() {
        return format!(
            "`hrsearch index{options} --corpus DIR {index}` (DIR: the folder it was built from)"
        );
    }
    let corpus: Vec<String> = corpus.iter().map(|c| format!("--corpus {c}")).collect();
    format!("`hrsearch index{options} {} {index}`", corpus.join(" "))
}

/// An open index with its fields and what its last commit says.
pub struct PassageIndex {
    pub index: Index,
    /// Opened once: opening it checks every segment's files can be read.
    pub reader: IndexReader,
    pub fields: Fields,
    pub info: CommitInfo,
    pub dir: PathBuf,
}

/// Whether `dir` holds an index (possibly a damaged one).
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").exists()
}

/// Opens the index in `dir` for reading, checking its schema and version.
/// Writes nothing, so a read-only index opens.
pub fn open(dir: &Path) -> Result<PassageIndex, IndexError> {
    open_with(dir, lock::held_elsewhere)
}

/// Opens the index as [`open`] does, for the process that holds the writer
/// lock (so a half-built index is never "being built by another").
pub(crate) fn open_for_update(dir: &Path) -> Result<PassageIndex, IndexError> {
    open_with(dir, |_| false)
}

fn open_with(dir: &Path, building: fn(&Path) -> bool) -> Result<PassageIndex, IndexError> {
    match folder::inspect(dir)? {
        folder::State::Absent | folder::State::Empty => {
            return Err(IndexError::Missing(dir.to_path_buf()));
        }
        folder::State::Foreign(detail) => {
            return Err(IndexError::NotAnIndex {
                path: dir.to_path_buf(),
                detail,
            });
        }
        folder::State::Marked | folder::State::Legacy => {}
    }
    if !exists(dir) {
        return Err(if building(dir) {
            IndexError::Building(dir.to_path_buf())
        } else if folder::has_index_data(dir) {
            damaged(dir, "meta.json is missing")
        } else {
            IndexError::Missing(dir.to_path_buf())
        });
    }
    let directory = MmapDirectory::open(dir).map_err(|e| damaged(dir, &e.to_string()))?;
    let index =
        Index::open(directory::ReadTolerant::new(directory)).map_err(|e| failure(dir, e))?;
    let (expected, _) = schema::build_with(schema::Layout::of(&index.schema()));
    if serde_json::to_string(&index.schema()).ok() != serde_json::to_string(&expected).ok() {
        return Err(IndexError::Outdated {
            path: dir.to_path_buf(),
            detail: "its fields differ from this version's".into(),
        });
    }
    let metas = index.load_metas().map_err(|e| failure(dir, e))?;
    let info = match CommitInfo::from_payload(metas.payload.as_deref()) {
        Some(info) => info,
        // Created, then stopped before its first commit: nothing in it is
        // an answer, so it counts as not built (or being built).
        None if metas.segments.is_empty() && metas.payload.is_none() => {
            return Err(if building(dir) {
                IndexError::Building(dir.to_path_buf())
            } else {
                IndexError::Empty(dir.to_path_buf())
            });
        }
        // A payload of another shape: written by an earlier hrsearch.
        None if metas
            .payload
            .as_deref()
            .is_some_and(|p| p.trim_start().starts_with('{')) =>
        {
            return Err(IndexError::Outdated {
                path: dir.to_path_buf(),
                detail: "an earlier index format".into(),
            });
        }
        None => return Err(damaged(dir, "its commit record is missing")),
    };
    if info.schema_version != SCHEMA_VERSION {
        return Err(IndexError::Outdated {
            path: dir.to_path_buf(),
            detail: format!(
                "index format {}, this version writes {}",
                info.schema_version, SCHEMA_VERSION
            ),
        });
    }
    analysis::register(index.tokenizers(), Side::Index);
    let fields = schema::fields_of(&index.schema()).map_err(|e| damaged(dir, &e.to_string()))?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e: TantivyError| failure(dir, e))?;
    Ok(PassageIndex {
        index,
        reader,
        fields,
        info,
        dir: dir.to_path_buf(),
    })
}

pub(crate) fn damaged(dir: &Path, detail: &str) -> IndexError {
    IndexError::Damaged {
        path: dir.to_path_buf(),
        detail: detail.to_string(),
    }
}

/// What a tantivy error on opening means: a file hrsearch may not read or
/// write is a permission problem (never "damaged": rebuilding would not
/// help); anything else is damage.
pub(crate) fn failure(dir: &Path, error: TantivyError) -> IndexError {
    match io_error(&error) {
        Some(e) if e.kind() == std::io::ErrorKind::PermissionDenied => IndexError::Unreadable {
            path: dir.to_path_buf(),
            detail: plain(e),
        },
        Some(e) if directory::cannot_write(e.kind()) => IndexError::NotWritable {
            path: dir.to_path_buf(),
            detail: plain(e),
        },
        _ => damaged(dir, &error.to_string()),
    }
}

/// The operating system's error under a tantivy error, if there is one.
fn io_error(error: &TantivyError) -> Option<&std::io::Error> {
    use tantivy::directory::error::{LockError, OpenReadError, OpenWriteError};
    match error {
        TantivyError::IoError(e) => Some(e),
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, .. }) => Some(io_error),
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => Some(io_error),
        TantivyError::LockFailure(LockError::IoError(e), _) => Some(e),
        _ => None,
    }
}

/// A tantivy error as a person reads it: "no space left on device" rather
/// than "An IO error occurred: 'No space left on device (os error 28)'".
pub(crate) fn plain_io_error(error: &TantivyError) -> String {
    match (io_error(error), error) {
        (Some(e), _) => plain(e),
        // An indexing thread's io error reaches the commit as text.
        (None, TantivyError::InternalError(text) | TantivyError::ErrorInThread(text)) => {
            plain_text(text.trim_matches('\''))
        }
        (None, _) => error.to_string(),
    }
}

/// An io error without its errno: "no space left on device".
pub fn plain(error: &std::io::Error) -> String {
    plain_text(&error.to_string())
}

fn plain_text(text: &str) -> String {
    let text = match text.find(" (os error") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_plainly() {
        let full = std::io::Error::from_raw_os_error(28);
        assert_eq!(plain(&full), "no space left on device");
        let wrapped = TantivyError::IoError(std::sync::Arc::new(full));
        assert_eq!(plain_io_error(&wrapped), "no space left on device");
        let in_thread =
            TantivyError::InternalError("'No space left on device (os error 28)'".into());
        assert_eq!(plain_io_error(&in_thread), "no space left on device");
    }

    #[test]
    fn a_permission_problem_is_never_called_damage() {
        let dir = Path::new("idx");
        let denied = TantivyError::IoError(std::sync::Arc::new(std::io::Error::from(
            std::io::ErrorKind::PermissionDenied,
        )));
        let err = failure(dir, denied).to_string();
        assert!(!err.contains("--rebuild"), "{err}");
        assert!(err.contains("cannot read the index at idx"), "{err}");
    }
}
