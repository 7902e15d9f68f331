//! Every published JSON shape, as `Serialize` types in one place (as
//! ripgrep's printer keeps its JSON types in `jsont.rs`): search results,
//! hits, passages, facets, custom reports, index summaries, inspected
//! passages, trends, comparisons, the outline and API errors. The CLI's
//! `--json` and the server's `/api/*` serialise these same types, so the
//! compiler checks the published format and both front ends agree.
//!
//! Field order is part of the format. The shapes of search, report,
//! export and inspect were first built as `serde_json` maps, which order
//! keys alphabetically; their fields are declared in that order so the
//! output stays byte for byte what it was. A new field (a passage's
//! `pages`, say) goes where it sorts.

mod across;
mod tools;

pub use across::*;
pub use tools::*;

use super::view;
use crate::search::fold::AlsoIn;
use crate::search::{Hit, Results, StoredPassage};
use serde::Serialize;
use std::ops::Range;

/// An indexed passage: one line of `export`.
#[derive(Debug, Serialize)]
pub struct Passage<'a> {
    /// Bytes of the source file; null for a PDF (cited by `pages`).
    pub byte_range: Option<[u64; 2]>,
    pub country: &'a str,
    /// First and last printed page; null when the source has no pages.
    pub pages: Option<[u64; 2]>,
    pub report_id: &'a str,
    pub section_code: &'a str,
    pub section_path: &'a [String],
    pub section_topic: &'a str,
    pub source: &'a str,
    pub text: &'a str,
    pub year: u64,
}

impl<'a> From<&'a StoredPassage> for Passage<'a> {
    fn from(p: &'a StoredPassage) -> Self {
        Passage {
            byte_range: p.file_byte_range(),
            country: &p.country,
            pages: p.pages,
            report_id: &p.report_id,
            section_code: &p.section_code,
            section_path: &p.section_path,
            section_topic: &p.section_topic,
            source: &p.source,
            text: &p.text,
            year: p.year,
        }
    }
}

/// A passage that matched: the passage's fields, its score, snippet and
/// highlights (character ranges), and the near-copies folded under it.
#[derive(Debug, Serialize)]
pub struct SearchHit<'a> {
    pub also_in: Vec<Folded<'a>>,
    /// Bytes of the source file; null for a PDF (cited by `pages`).
    pub byte_range: Option<[u64; 2]>,
    pub country: &'a str,
    /// Character ranges of matched words in `text`.
    pub highlights: Vec<[usize; 2]>,
    /// First and last printed page; null when the source has no pages.
    pub pages: Option<[u64; 2]>,
    pub report_id: &'a str,
    /// Printed as a double (tantivy scores are f32), as it always was.
    pub score: f64,
    pub section_code: &'a str,
    pub section_path: &'a [String],
    pub section_topic: &'a str,
    pub snippet: &'a str,
    /// Character ranges in `snippet` as printed ("…" and " ¶ " included).
    pub snippet_highlights: Vec<[usize; 2]>,
    pub source: &'a str,
    pub text: &'a str,
    pub year: u64,
}

/// A near-copy of a hit in another edition, folded under it.
#[derive(Debug, Serialize)]
pub struct Folded<'a> {
    pub year: u64,
    pub report_id: &'a str,
    pub similarity: f64,
}

impl<'a> From<&'a AlsoIn> for Folded<'a> {
    fn from(a: &'a AlsoIn) -> Self {
        Folded {
            year: a.year,
            report_id: &a.report_id,
            similarity: a.similarity,
        }
    }
}

fn ranges(ranges: &[Range<usize>]) -> Vec<[usize; 2]> {
    ranges.iter().map(|r| [r.start, r.end]).collect()
}

impl<'a> From<&'a Hit> for SearchHit<'a> {
    fn from(hit: &'a Hit) -> Self {
        let p = &hit.passage;
        SearchHit {
            also_in: hit.also_in.iter().map(Folded::from).collect(),
            byte_range: p.file_byte_range(),
            country: &p.country,
            highlights: ranges(&hit.highlights),
            pages: p.pages,
            report_id: &p.report_id,
            score: f64::from(hit.score),
            section_code: &p.section_code,
            section_path: &p.section_path,
            section_topic: &p.section_topic,
            snippet: &hit.snippet.text,
            snippet_highlights: ranges(&hit.snippet.highlights),
            source: &p.source,
            text: &p.text,
            year: p.year,
        }
    }
}

/// A search's answer: `search --json` and `/api/search`.
#[derive(Debug, Serialize)]
pub struct SearchResults<'a> {
    /// Only when nothing matched and a misspelt word has a likely
    /// correction: the query with it corrected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub did_you_mean: Option<&'a str>,
    /// Only when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets<'a>>,
    /// Matching passages folded under the hits of this page.
    pub folded: usize,
    pub hits: Vec<SearchHit<'a>>,
    /// Matching passages in all (folded ones included).
    pub total: usize,
    /// What stderr says: filter values the index lacks, a phrase cut
    /// short, words no passage holds.
    pub warnings: &'a [String],
}

impl<'a> From<&'a Results> for SearchResults<'a> {
    fn from(r: &'a Results) -> Self {
        SearchResults {
            did_you_mean: r.did_you_mean.as_deref(),
            facets: r.facets.as_ref().map(|f| Facets::from(&view::facets(f))),
            folded: r.folded,
            hits: r.hits.iter().map(SearchHit::from).collect(),
            total: r.total,
            warnings: &r.warnings,
        }
    }
}

/// One value of a facet: what a filter takes, what people read, how many.
#[derive(Debug, Serialize)]
pub struct FacetValue<V> {
    pub count: u64,
    pub label: String,
    pub value: V,
}

/// Matching passages counted by section topic (outline order), year
/// (ascending) and country (most first).
#[derive(Debug, Serialize)]
pub struct Facets<'a> {
    pub country: Vec<FacetValue<String>>,
    pub section: Vec<FacetValue<&'a str>>,
    pub year: Vec<FacetValue<u64>>,
}

impl<'a> From<&view::FacetView<'a>> for Facets<'a> {
    fn from(v: &view::FacetView<'a>) -> Self {
        Facets {
            country: v
                .countries
                .iter()
                .map(|c| FacetValue {
                    count: c.count,
                    label: c.name.to_string(),
                    value: c.key.clone(),
                })
                .collect(),
            section: v
                .sections
                .iter()
                .map(|s| FacetValue {
                    count: s.count,
                    label: s.label.to_string(),
                    value: s.topic,
                })
                .collect(),
            year: v
                .years
                .iter()
                .map(|&(year, count)| FacetValue {
                    count,
                    label: year.to_string(),
                    value: year,
                })
                .collect(),
        }
    }
}

/// A custom report: `report --json` and `/api/report`.
#[derive(Debug, Serialize)]
pub struct CustomReport<'a> {
    pub reports: Vec<ReportPart<'a>>,
    pub warnings: &'a [String],
}

/// One report of a custom report, with its chosen sections.
#[derive(Debug, Serialize)]
pub struct ReportPart<'a> {
    pub country: &'a str,
    pub report_id: &'a str,
    pub sections: Vec<ReportSection<'a>>,
    pub source: &'a str,
    pub title: &'a str,
    pub year: u64,
}

/// One section of a report in full (its passages joined by a blank line).
#[derive(Debug, Serialize)]
pub struct ReportSection<'a> {
    /// Bytes of the source file; null for a PDF (cited by `pages`).
    pub byte_range: Option<[u64; 2]>,
    /// First and last printed page; null when the source has no pages.
    pub pages: Option<[u64; 2]>,
    pub section_code: &'a str,
    pub section_path: &'a [String],
    pub section_topic: &'a str,
    pub text: String,
}

impl<'a> CustomReport<'a> {
    pub fn new(passages: &'a [StoredPassage], warnings: &'a [String]) -> Self {
        let reports = view::reports(passages)
            .into_iter()
            .map(|report| {
                let first = report.first();
                ReportPart {
                    country: &first.country,
                    report_id: &first.report_id,
                    source: &first.source,
                    title: &first.title,
                    year: first.year,
                    sections: report
                        .sections
                        .iter()
                        .map(|s| ReportSection {
                            byte_range: s.file_byte_range(),
                            pages: s.pages(),
                            section_code: &s.first().section_code,
                            section_path: &s.first().section_path,
                            section_topic: &s.first().section_topic,
                            text: s.text(),
                        })
                        .collect(),
                }
            })
            .collect();
        CustomReport { reports, warnings }
    }
}
