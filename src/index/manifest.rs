//! What the index holds, file by file.
//!
//! The manifest lives in a file named after its own hash
//! (`manifest-<hash>.json`), written and synced before the tantivy commit
//! whose payload names it. So the commit switches index and manifest at
//! once: a killed run leaves the last commit and its manifest intact. The
//! payload stays small, because every search reads it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// One indexed source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// blake3 of the file's bytes: a file is unchanged when this is (size
    /// and modification time are not trusted: an edit can keep both).
    pub hash: String,
    pub size: u64,
    /// The format the file was read as ([`crate::corpus::Format::name`]):
    /// it decides which of two files of one report is kept.
    pub format: String,
    /// The reports the file holds: one, or one per edition of an archive.
    pub reports: Vec<HeldReport>,
}

/// One report of an indexed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldReport {
    /// "kazakhstan/2023".
    pub id: String,
    pub passages: u64,
    /// When another file holds the same report and was kept instead, that
    /// file's key: this report's passages are not in the index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_for: Option<String>,
}

impl FileEntry {
    /// Passages of this file in the index (reports left for another file's
    /// copy not counted).
    pub fn passages(&self) -> u64 {
        self.reports
            .iter()
            .filter(|r| r.left_for.is_none())
            .map(|r| r.passages)
            .sum()
    }
}

/// The index's record of its source files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The corpus folders indexed, canonical absolute paths.
    #[serde(default)]
    pub roots: Vec<String>,
    /// By key: the corpus folder's canonical path joined with the file's
    /// path inside it.
    pub files: BTreeMap<String, FileEntry>,
}

/// The commit payload: format version, manifest file and passage count.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitInfo {
    pub schema_version: u32,
    /// File name of the manifest in the index folder.
    pub manifest: String,
    pub passages: u64,
}

impl CommitInfo {
    pub fn from_payload(payload: Option<&str>) -> Option<CommitInfo> {
        serde_json::from_str(payload?).ok()
    }

    pub fn to_payload(&self) -> String {
        serde_json::to_string(self).expect("commit info always serialises")
    }
}

impl Manifest {
    pub fn passages(&self) -> u64 {
        self.files.values().map(FileEntry::passages).sum()
    }

    /// Reads the manifest a commit names.
    pub fn load(dir: &Path, info: &CommitInfo) -> std::io::Result<Manifest> {
        let bytes = std::fs::read(dir.join(&info.manifest))?;
        serde_json::from_slice(&bytes).map_err(std::io::Error::other)
    }

    /// Writes the manifest durably under its content name; returns the name.
    pub fn store(&self, dir: &Path) -> std::io::Result<String> {
        let json = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        let name = format!("manifest-{}.json", &blake3::hash(&json).to_hex()[..16]);
        let tmp = dir.join(format!("{name}.tmp"));
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(&json)?;
        file.sync_all()?;
        std::fs::rename(&tmp, dir.join(&name))?;
        Ok(name)
    }

    /// Removes manifest files other than `keep` (left by earlier commits).
    pub fn remove_others(dir: &Path, keep: &str) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if is_manifest_file(&name) && name != keep {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Manifest files and their temporaries.
pub fn is_manifest_file(name: &str) -> bool {
    name.starts_with("manifest-") && (name.ends_with(".json") || name.ends_with(".json.tmp"))
}
