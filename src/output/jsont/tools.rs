//! The JSON of the index and the outline: an indexing run's summary
//! (`index --json`), a file's passages as read (`inspect --json`), the
//! canonical outline (`sections --json`, `/api/sections`) and the API's
//! errors.

use crate::index::Summary;
use serde::Serialize;

/// What `index --json` prints.
#[derive(Debug, Serialize)]
pub struct IndexSummary {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub skipped: usize,
    /// Passages in the index after the update.
    pub passages: u64,
    /// Reports found in two files: which copy the index holds.
    pub duplicates: Vec<DuplicateReport>,
}

/// A report found in two files.
#[derive(Debug, Serialize)]
pub struct DuplicateReport {
    pub report_id: String,
    /// The file whose copy is indexed.
    pub kept: String,
    /// The file whose copy is not.
    pub left_out: String,
}

impl From<&Summary> for IndexSummary {
    fn from(s: &Summary) -> Self {
        IndexSummary {
            duplicates: s
                .duplicates
                .iter()
                .map(|d| DuplicateReport {
                    report_id: d.report_id.clone(),
                    kept: crate::corpus::walk::shown(&d.kept),
                    left_out: crate::corpus::walk::shown(&d.left_out),
                })
                .collect(),
            added: s.added,
            updated: s.updated,
            removed: s.removed,
            unchanged: s.unchanged,
            skipped: s.skipped,
            passages: s.passages,
        }
    }
}

/// One passage of a file as `inspect --json` reads it (not indexed).
#[derive(Debug, Serialize)]
pub struct InspectLine<'a> {
    /// Bytes of the file; null for a PDF (cited by `pages`).
    pub byte_range: Option<[usize; 2]>,
    pub country: &'a str,
    /// First and last printed page; null when the file has no pages.
    pub pages: Option<[u32; 2]>,
    pub section_code: &'a str,
    pub section_path: &'a [String],
    pub section_topic: &'a str,
    pub source: &'a str,
    pub text: &'a str,
    pub year: u16,
}

impl<'a> InspectLine<'a> {
    /// Every passage of a report read from `source`.
    pub fn all(report: &'a crate::Report, source: &'a str) -> impl Iterator<Item = Self> + 'a {
        report.passages.iter().map(move |p| InspectLine {
            byte_range: report
                .file_byte_ranges
                .then_some([p.byte_range.start, p.byte_range.end]),
            country: &report.meta.country,
            pages: p.pages.as_ref().map(|r| [*r.start(), *r.end()]),
            section_code: &p.section.code,
            section_path: &p.section.path,
            section_topic: p.section.topic,
            source,
            text: &p.text,
            year: report.meta.year,
        })
    }
}

/// The canonical outline: `sections --json` and `/api/sections`.
#[derive(Debug, Serialize)]
pub struct Outline {
    pub sections: Vec<OutlineNode>,
}

/// A topic `--section` takes, with its title and subsections.
#[derive(Debug, Serialize)]
pub struct OutlineNode {
    pub topic: &'static str,
    pub title: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<OutlineNode>,
}

impl Outline {
    pub fn new() -> Outline {
        let node = |n: &'static crate::outline::Node, children| OutlineNode {
            topic: n.topic,
            title: n.title,
            children,
        };
        Outline {
            sections: crate::outline::SECTIONS
                .iter()
                .map(|s| {
                    let children = crate::outline::children(s.topic)
                        .map(|c| node(c, Vec::new()))
                        .collect();
                    node(s, children)
                })
                .collect(),
        }
    }
}

impl Default for Outline {
    fn default() -> Self {
        Outline::new()
    }
}

/// What the server answers when it cannot: the message the CLI prints.
#[derive(Debug, Serialize)]
pub struct ApiError<'a> {
    pub error: &'a str,
}
