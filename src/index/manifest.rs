//! What the index holds, file by file: stored as the commit payload, so it
//! is always exactly as current as the passages it describes.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One indexed source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// blake3 of the file's bytes.
    pub hash: String,
    pub size: u64,
    /// Modification time (ns since the epoch); a file whose size and time
    /// are unchanged is not read again.
    pub mtime_ns: u128,
    pub passages: u64,
    pub report_id: String,
}

/// The index's record of its source files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: u32,
    pub files: BTreeMap<String, FileEntry>,
}

impl Manifest {
    /// Reads the payload of the last commit; `None` when there is none or it
    /// is not a manifest of this version.
    pub fn from_payload(payload: Option<&str>) -> Option<Manifest> {
        serde_json::from_str(payload?).ok()
    }

    pub fn to_payload(&self) -> String {
        serde_json::to_string(self).expect("a manifest always serialises")
    }

    pub fn passages(&self) -> u64 {
        self.files.values().map(|f| f.passages).sum()
    }
}
