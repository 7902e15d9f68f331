//! The persistent passage index: schema, opening with clear errors, the
//! incremental writer and the manifest of indexed files.

mod manifest;
pub mod schema;
mod writer;

use crate::analysis::{self, Side};
use std::path::{Path, PathBuf};
use tantivy::{Index, IndexReader, ReloadPolicy};

pub use manifest::{CommitInfo, FileEntry, Manifest};
pub use schema::{Fields, SCHEMA_VERSION};
pub use writer::{Progress, Summary, UpdateOptions, update};

/// Why an index cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no index at {0}: run `hrsearch index` to build one")]
    Missing(PathBuf),
    #[error(
        "the index at {path} is damaged ({detail}); `hrsearch index --rebuild --corpus DIR` (DIR: the folder it was built from) fixes it"
    )]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "the index at {path} was written by another version of hrsearch ({detail}); `hrsearch index --rebuild --corpus DIR` (DIR: the folder it was built from) fixes it"
    )]
    Outdated { path: PathBuf, detail: String },
    #[error("the index at {0} is being updated by another process; try again when it has finished")]
    Locked(PathBuf),
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

/// Whether `dir` holds files an index leaves behind (to tell "never built"
/// from "meta.json lost").
fn has_index_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| entries.flatten().any(|e| is_index_file(&e.path())))
}

/// Files tantivy writes; the only files hrsearch ever deletes.
pub(crate) fn is_index_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    matches!(name, "meta.json" | ".managed.json")
        || matches!(
            ext,
            "idx" | "pos" | "term" | "store" | "fast" | "fieldnorm" | "del"
        )
}

/// Opens the index in `dir` for reading, checking its schema and version.
pub fn open(dir: &Path) -> Result<PassageIndex, IndexError> {
    if !exists(dir) {
        return Err(if has_index_files(dir) {
            damaged(dir, "meta.json is missing")
        } else {
            IndexError::Missing(dir.to_path_buf())
        });
    }
    let index = Index::open_in_dir(dir).map_err(|e| damaged(dir, &e.to_string()))?;
    let (expected, _) = schema::build();
    if serde_json::to_string(&index.schema()).ok() != serde_json::to_string(&expected).ok() {
        return Err(IndexError::Outdated {
            path: dir.to_path_buf(),
            detail: "its fields differ from this version's".into(),
        });
    }
    let metas = index
        .load_metas()
        .map_err(|e| damaged(dir, &e.to_string()))?;
    let info = match CommitInfo::from_payload(metas.payload.as_deref()) {
        Some(info) => info,
        // Created, then killed before its first commit: an empty index.
        None if metas.segments.is_empty() => CommitInfo {
            schema_version: SCHEMA_VERSION,
            ..CommitInfo::default()
        },
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
        .map_err(|e: tantivy::TantivyError| damaged(dir, &e.to_string()))?;
    Ok(PassageIndex {
        index,
        reader,
        fields,
        info,
        dir: dir.to_path_buf(),
    })
}

/// The files an index holds, as its list of indexed files names them, read
/// whatever version wrote the index; None when that list cannot be read.
pub fn indexed_files(dir: &Path) -> Option<Vec<String>> {
    let metas = Index::open_in_dir(dir).ok()?.load_metas().ok()?;
    let info = CommitInfo::from_payload(metas.payload.as_deref())?;
    let manifest = Manifest::load(dir, &info).ok()?;
    Some(manifest.files.into_keys().collect())
}

pub(crate) fn damaged(dir: &Path, detail: &str) -> IndexError {
    IndexError::Damaged {
        path: dir.to_path_buf(),
        detail: detail.to_string(),
    }
}
