//! The index folder: which folders hrsearch may write an index into, the
//! marker that proves a folder is an hrsearch index, and the only files
//! hrsearch ever deletes (tantivy's and its own, inside a marked folder).
//!
//! A folder that does not exist or is empty may become an index; the
//! marker `hrsearch-index.json` is the first file written into it. An index
//! written before markers existed is recognised by its `meta.json` (an
//! hrsearch commit record or hrsearch's fields) and adopted. Any other
//! non-empty folder is refused, and nothing in it is written or deleted.

use super::IndexError;
use super::lock::{self, WriteLock};
use super::manifest::{CommitInfo, is_manifest_file};
use super::schema::names;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The marker file of an hrsearch index.
pub const MARKER: &str = "hrsearch-index.json";
/// The file writers lock (see `lock.rs`); hrsearch's own.
pub const LOCK: &str = "hrsearch.lock";
/// What the marker's `format` says.
const FORMAT: &str = "hrsearch-index";

/// The marker being written (renamed to [`MARKER`] once complete).
const MARKER_TMP: &str = "hrsearch-index.json.tmp";

/// Files a folder may hold and still count as empty: placeholders that
/// keep a folder in git or that a file manager leaves, and what another
/// hrsearch leaves while it is starting an index there.
const PLACEHOLDERS: &[&str] = &[".gitkeep", ".DS_Store", LOCK, MARKER_TMP];

/// The marker's content: the format tag and the corpus folders indexed
/// (informational; the committed manifest is the record that counts).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub corpus: Vec<String>,
}

/// What a folder is, as far as hrsearch is concerned.
#[derive(Debug)]
pub enum State {
    Absent,
    /// Empty, or holding only placeholders.
    Empty,
    /// Carries the marker (its format tag checked).
    Marked,
    /// An hrsearch index from before markers: hrsearch's, not yet marked.
    Legacy,
    /// Something else: never written to, never cleaned. The detail says
    /// what was found.
    Foreign(String),
}

/// Looks at a folder without changing anything in it.
pub fn inspect(dir: &Path) -> Result<State, IndexError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::Absent),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            return Ok(State::Foreign("it is a file, not a folder".into()));
        }
        Err(e) => {
            return Err(IndexError::Unreadable {
                path: dir.to_path_buf(),
                detail: super::plain(&e),
            });
        }
    };
    let names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if names.iter().any(|n| n == MARKER) {
        return match read_marker(dir) {
            Some(_) => Ok(State::Marked),
            None => Ok(State::Foreign(format!("its {MARKER} is not hrsearch's"))),
        };
    }
    if names.iter().all(|n| PLACEHOLDERS.contains(&n.as_str())) {
        return Ok(State::Empty);
    }
    if names.iter().any(|n| n == "meta.json") && is_hrsearch_meta(&dir.join("meta.json")) {
        return Ok(State::Legacy);
    }
    let mut sample: Vec<&String> = names
        .iter()
        .filter(|n| !PLACEHOLDERS.contains(&n.as_str()))
        .collect();
    sample.sort();
    let shown: Vec<&str> = sample.iter().take(3).map(|n| n.as_str()).collect();
    let more = if sample.len() > 3 { ", ..." } else { "" };
    Ok(State::Foreign(format!(
        "it holds {}{more}",
        shown.join(", ")
    )))
}

/// Whether a `meta.json` is one hrsearch wrote: its commit record is
/// hrsearch's, or its schema has hrsearch's passage fields (an index
/// created, then stopped before its first commit).
fn is_hrsearch_meta(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let Ok(meta) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return false;
    };
    if CommitInfo::from_payload(meta["payload"].as_str()).is_some() {
        return true;
    }
    let fields: HashSet<&str> = meta["schema"]
        .as_array()
        .map(|fields| fields.iter().filter_map(|f| f["name"].as_str()).collect())
        .unwrap_or_default();
    [
        names::TEXT,
        names::SECTION_PATH,
        names::REPORT_ID,
        names::SOURCE,
        names::TOPIC_KEY,
    ]
    .iter()
    .all(|name| fields.contains(name))
}

pub fn read_marker(dir: &Path) -> Option<Marker> {
    let bytes = std::fs::read(dir.join(MARKER)).ok()?;
    serde_json::from_slice::<Marker>(&bytes)
        .ok()
        .filter(|m| m.format == FORMAT)
}

/// Writes (or rewrites) the marker durably: a temporary file, synced, then
/// renamed over the old one.
pub fn write_marker(dir: &Path, corpus: &[PathBuf]) -> std::io::Result<()> {
    let marker = Marker {
        format: FORMAT.into(),
        version: 1,
        corpus: corpus.iter().map(|p| p.display().to_string()).collect(),
    };
    let json = serde_json::to_vec_pretty(&marker).map_err(std::io::Error::other)?;
    let tmp = dir.join(MARKER_TMP);
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(&json)?;
    file.sync_all()?;
    std::fs::rename(&tmp, dir.join(MARKER))
}

/// Makes `dir` ready for an update: refuses a folder that is not an
/// hrsearch index (writing nothing in it), creates a missing one, takes the
/// writer lock and, under it, writes the marker if it is not there yet.
pub fn claim(dir: &Path, corpus: &[PathBuf]) -> Result<WriteLock, IndexError> {
    let cannot_write = |e: std::io::Error| IndexError::NotWritable {
        path: dir.to_path_buf(),
        detail: super::plain(&e),
    };
    match inspect(dir)? {
        State::Foreign(detail) => return Err(not_an_index(dir, detail)),
        State::Absent => std::fs::create_dir_all(dir).map_err(cannot_write)?,
        _ => {}
    }
    let lock = match lock::try_lock(dir) {
        Ok(Some(lock)) => lock,
        Ok(None) if has_commit(dir) => return Err(IndexError::Locked(dir.to_path_buf())),
        Ok(None) => return Err(IndexError::Building(dir.to_path_buf())),
        Err(e) => return Err(cannot_write(e)),
    };
    // Looked at again under the lock: another process may have marked it
    // meanwhile, or put something else there.
    match inspect(dir)? {
        State::Marked => {}
        State::Foreign(detail) => return Err(not_an_index(dir, detail)),
        State::Absent | State::Empty | State::Legacy => {
            write_marker(dir, corpus).map_err(cannot_write)?
        }
    }
    Ok(lock)
}

fn not_an_index(dir: &Path, detail: String) -> IndexError {
    IndexError::NotAnIndex {
        path: dir.to_path_buf(),
        detail,
    }
}

/// Whether the index in `dir` has committed at least once.
pub fn has_commit(dir: &Path) -> bool {
    std::fs::read(dir.join("meta.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .is_some_and(|meta| meta["payload"].is_string())
}

/// Whether `dir` holds index data (segments or manifests): to tell "never
/// built" from "meta.json lost".
pub fn has_index_data(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            segment_of(&name).is_some() || name == ".managed.json" || is_manifest_file(&name)
        })
    })
}

/// Whether hrsearch wrote a file of this name: tantivy's files (meta,
/// managed list, locks, segment files `<32 hex>.<component>`, temporary
/// files `.tmpXXXXXX`) and its own (manifests, marker temporaries). Only
/// such files are ever deleted, and only inside a marked folder.
pub fn is_owned(name: &str) -> bool {
    matches!(
        name,
        "meta.json" | ".managed.json" | ".tantivy-meta.lock" | ".tantivy-writer.lock"
    ) || is_manifest_file(name)
        || name == MARKER_TMP
        || is_temporary(name)
        || segment_of(name).is_some()
}

/// tantivy's temporary files (`tempfile`'s `.tmp` and six characters),
/// left behind when a write is killed.
fn is_temporary(name: &str) -> bool {
    name.strip_prefix(".tmp")
        .is_some_and(|rest| rest.len() == 6 && rest.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Whether a file is part of a tantivy segment.
pub fn is_segment_file(name: &str) -> bool {
    segment_of(name).is_some()
}

/// A segment file's segment id and component (`idx`, `store.temp`, `3.del`).
fn segment_of(name: &str) -> Option<(&str, &str)> {
    let (id, component) = name.split_once('.')?;
    let id_ok = id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let component_ok = matches!(
        component,
        "idx" | "pos" | "term" | "store" | "store.temp" | "fast" | "fieldnorm"
    ) || component
        .strip_suffix(".del")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    (id_ok && component_ok).then_some((id, component))
}

/// Removes the files of a damaged or outdated index, leaving the marker,
/// the lock and anything hrsearch did not write.
pub fn clear(dir: &Path) -> std::io::Result<()> {
    assert_marked(dir)?;
    for entry in std::fs::read_dir(dir)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let keep = matches!(name.as_str(), ".tantivy-meta.lock" | ".tantivy-writer.lock");
        if is_owned(&name) && !keep && entry.path().is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// What the last commit uses: its segments (id and delete stamp) and its
/// manifest.
pub struct Living {
    /// Segment id (32 hex digits) -> the `.del` component it uses, if any.
    pub segments: Vec<(String, Option<String>)>,
    pub manifest: String,
}

/// Removes what no commit uses: segment files of failed merges and killed
/// runs, temporary files, older manifests. Run under the writer lock, so
/// nothing else is writing; readers only open what the last commit names.
/// Returns the names removed.
pub fn remove_orphans(dir: &Path, living: &Living) -> std::io::Result<Vec<String>> {
    assert_marked(dir)?;
    let mut removed = Vec::new();
    for entry in std::fs::read_dir(dir)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let orphan = if let Some((id, component)) = segment_of(&name) {
            match living.segments.iter().find(|(s, _)| s == id) {
                None => true,
                Some((_, del)) => {
                    component == "store.temp"
                        || (component.ends_with(".del") && del.as_deref() != Some(component))
                }
            }
        } else {
            is_temporary(&name)
                || name == MARKER_TMP
                || (is_manifest_file(&name) && name != living.manifest)
        };
        if orphan && entry.path().is_file() {
            std::fs::remove_file(entry.path())?;
            removed.push(name);
        }
    }
    removed.sort();
    Ok(removed)
}

/// Deleting is only ever done in a folder that carries the marker.
fn assert_marked(dir: &Path) -> std::io::Result<()> {
    if read_marker(dir).is_some() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!(
            "{} is not marked as an hrsearch index; nothing was deleted",
            dir.display()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tantivy_and_hrsearch_files_are_told_from_the_users() {
        for owned in [
            "meta.json",
            ".managed.json",
            "0123456789abcdef0123456789abcdef.idx",
            "0123456789abcdef0123456789abcdef.store.temp",
            "0123456789abcdef0123456789abcdef.12.del",
            ".tmpAb12Cd",
            "manifest-0123456789abcdef.json",
            "manifest-0123456789abcdef.json.tmp",
        ] {
            assert!(is_owned(owned), "{owned}");
        }
        for users in [
            "movie.idx",
            "2023.store",
            "notes.json",
            "kazakhstan.md",
            ".tmp",
            "0123456789abcdef0123456789abcdef.docx",
            "0123456789ABCDEF0123456789ABCDEF.idx",
            MARKER,
            LOCK,
        ] {
            assert!(!is_owned(users), "{users}");
        }
    }

    #[test]
    fn a_folder_of_other_files_is_foreign_and_an_empty_one_is_not() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("u");
        assert!(matches!(inspect(&dir).unwrap(), State::Absent));
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join(".gitkeep"), "").unwrap();
        assert!(matches!(inspect(&dir).unwrap(), State::Empty));
        std::fs::write(dir.join("movie.idx"), "x").unwrap();
        match inspect(&dir).unwrap() {
            State::Foreign(detail) => assert!(detail.contains("movie.idx"), "{detail}"),
            other => panic!("{other:?}"),
        }
        // and nothing is deleted there, even when asked
        assert!(clear(&dir).is_err());
        assert!(dir.join("movie.idx").exists());
    }

    #[test]
    fn a_meta_json_from_an_earlier_hrsearch_is_adopted_another_is_not() {
        let tmp = tempfile::tempdir().unwrap();
        let info = CommitInfo {
            schema_version: 1,
            manifest: "manifest-x.json".into(),
            passages: 3,
        };
        let meta = serde_json::json!({"segments": [], "schema": [], "payload": info.to_payload()});
        std::fs::write(tmp.path().join("meta.json"), meta.to_string()).unwrap();
        assert!(matches!(inspect(tmp.path()).unwrap(), State::Legacy));
        let other =
            serde_json::json!({"segments": [], "schema": [{"name": "body"}], "payload": null});
        std::fs::write(tmp.path().join("meta.json"), other.to_string()).unwrap();
        assert!(matches!(inspect(tmp.path()).unwrap(), State::Foreign(_)));
    }
}
