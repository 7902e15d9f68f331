//! What an update did, file by file: why a file was not indexed
//! ([`Skip`]), and the counts, skips and duplicates of a run ([`Summary`]).

use super::duplicates::Duplicate;
use super::files::Outcome;
use super::manifest::Manifest;
use crate::corpus::{SkipReason, walk::Passed};

/// Why a file of the corpus was not indexed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Skip {
    /// Read, but not a report hrsearch can index (empty, binary, not
    /// UTF-8, no country or year, no text) or not readable.
    #[error("{0}")]
    Report(SkipReason),
    /// Passed over by the walk (an unsupported format, a symbolic link
    /// loop, an unreadable folder entry), as the walk words it.
    #[error("{0}")]
    Walked(String),
    /// Read as a report, but the index refused a passage of it.
    #[error("could not be indexed: {0}")]
    NotIndexed(String),
}

impl Skip {
    /// The reason without its particulars, for counting skipped files by
    /// reason: "binary file", "cannot tell the year".
    pub fn kind(&self) -> String {
        match self {
            Skip::Report(reason) => match reason {
                SkipReason::Empty => "empty file".into(),
                SkipReason::Binary(_) => "binary file".into(),
                SkipReason::NotUtf8(_) => "not valid UTF-8".into(),
                SkipReason::NoMetadata(what) => format!("cannot tell the {what}"),
                SkipReason::NoText => "no report text found".into(),
                SkipReason::Io(_) => "cannot read".into(),
                SkipReason::Encrypted(_) => "encrypted PDF".into(),
                SkipReason::NoTextLayer => "PDF without a text layer".into(),
                SkipReason::Damaged(_) => "damaged PDF".into(),
                SkipReason::TooLarge { .. } => "too large".into(),
                SkipReason::TooDeep { .. } => "HTML nested too deep".into(),
                SkipReason::Encoding(_) => "unsupported encoding".into(),
            },
            // The walk gives its reasons as text ("unsupported format .pdf
            // (hrsearch reads ...)"): their kind is what comes before the
            // particulars.
            Skip::Walked(text) => text
                .split([':', '('])
                .next()
                .unwrap_or("")
                .trim()
                .to_string(),
            Skip::NotIndexed(_) => "could not be indexed".into(),
        }
    }
}

/// A file that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file's key (its canonical path).
    pub path: String,
    pub reason: Skip,
}

impl From<Passed> for Skipped {
    fn from(passed: Passed) -> Self {
        Skipped {
            path: passed.path,
            reason: Skip::Walked(passed.reason),
        }
    }
}

/// What an update did.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub skipped: usize,
    /// Passages in the index after the update.
    pub passages: u64,
    pub skipped_files: Vec<Skipped>,
    /// Why the whole index was rebuilt, if it was.
    pub rebuilt: Option<String>,
    /// Passages of the files that were left as they were.
    pub unchanged_passages: u64,
    /// Files earlier runs left behind (a failed merge's partial segment,
    /// temporary files of a killed run), removed by this one.
    pub leftovers_removed: Vec<String>,
    /// Why the final merge failed, after the update was committed.
    pub optimise_failed: Option<String>,
    /// Reports found in two files, and which copy the index holds.
    pub duplicates: Vec<Duplicate>,
}

impl Summary {
    /// Records a file's fate in the summary and, if it is in the index, in
    /// the manifest.
    pub(super) fn count(&mut self, manifest: &mut Manifest, key: String, outcome: Outcome) {
        match outcome {
            Outcome::Unchanged(entry) => {
                self.unchanged += 1;
                self.unchanged_passages += entry.passages();
                manifest.files.insert(key, entry);
            }
            Outcome::Indexed { entry, replaced } => {
                *(if replaced {
                    &mut self.updated
                } else {
                    &mut self.added
                }) += 1;
                manifest.files.insert(key, entry);
            }
            Outcome::Skipped {
                reason,
                was_indexed,
            } => {
                self.updated += usize::from(was_indexed);
                self.skipped_files.push(Skipped { path: key, reason });
            }
        }
    }

    pub fn nothing_to_do(&self) -> bool {
        self.added == 0 && self.updated == 0 && self.removed == 0 && self.rebuilt.is_none()
    }
}
