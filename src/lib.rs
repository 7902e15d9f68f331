//! hrsearch: section-aware full-text search over the US State Department's
//! Country Reports on Human Rights Practices.
//!
//! The pipeline flows one way: [`corpus`] reads report files into blocks,
//! [`chunk`] (with the canonical [`outline`]) turns them into passages,
//! [`index`] stores passages in a tantivy index, [`search`] queries it, and
//! [`output`] prints what search returns. [`serve`] answers the same
//! searches over HTTP, with a web page.

pub mod analysis;
pub mod chunk;
pub mod compare;
pub mod corpus;
pub mod countries;
pub mod index;
pub mod outline;
pub mod output;
pub mod search;
pub mod serve;
pub mod trend;
pub mod words;

use std::path::Path;

/// A report file read and cut into passages: the first two pipeline stages.
#[derive(Debug)]
pub struct Report {
    pub meta: corpus::ReportMeta,
    pub format: corpus::Format,
    /// Whether passages' byte ranges are bytes of the file: not for a PDF
    /// (ranges in the text extracted from it) nor for a file decoded from
    /// UTF-16 (ranges in the decoded text).
    pub file_byte_ranges: bool,
    pub passages: Vec<chunk::Passage>,
}

impl Report {
    /// "kazakhstan/2020": one report per country and year.
    pub fn id(&self) -> String {
        format!("{}/{}", self.meta.country_key, self.meta.year)
    }
}

/// Reads a report file's bytes into its reports (one, or one per edition
/// of a file that holds several) cut into passages, or says why the file
/// is skipped.
pub fn read_reports(path: &Path, bytes: &[u8]) -> Result<Vec<Report>, corpus::SkipReason> {
    let mut reports = Vec::new();
    for loaded in corpus::load_reports(path, bytes)? {
        let passages = chunk::chunk_report(&loaded);
        if !passages.is_empty() {
            reports.push(Report {
                meta: loaded.meta,
                format: loaded.format,
                file_byte_ranges: loaded.format.byte_ranges_meaningful()
                    && matches!(loaded.source, std::borrow::Cow::Borrowed(_)),
                passages,
            });
        }
    }
    if reports.is_empty() {
        return Err(corpus::SkipReason::NoText);
    }
    Ok(reports)
}

/// Why a file cannot be read as a report.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {error}")]
    Io {
        path: std::path::PathBuf,
        error: std::io::Error,
    },
    /// Read, but indexing would skip it, for this reason.
    #[error("{0}")]
    Skipped(corpus::SkipReason),
}

/// Reads a report file from disk into its reports' passages (as `inspect`
/// shows them).
pub fn read_report_file(path: &Path) -> Result<Vec<Report>, ReadError> {
    let bytes = corpus::read::read_file(path).map_err(|reason| match reason {
        corpus::SkipReason::Io(error) => ReadError::Io {
            path: path.to_path_buf(),
            error: std::io::Error::other(error),
        },
        too_large => ReadError::Skipped(too_large),
    })?;
    read_reports(path, &bytes).map_err(ReadError::Skipped)
}
