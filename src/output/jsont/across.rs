//! The JSON of the commands across years: a trend (`trend --json`,
//! `/api/trend`) and two editions compared (`compare --json`,
//! `/api/compare`).

use crate::compare::{Comparison, SectionDiff, WordChange};
use crate::trend::{By, Trend};
use serde::Serialize;

/// A trend: `trend --json` and `/api/trend`.
#[derive(Debug, Serialize)]
pub struct TrendShape<'a> {
    pub query: &'a str,
    /// "year", "country" or "section".
    pub by: &'static str,
    pub matching_passages: u64,
    pub buckets: Vec<TrendBucket<'a>>,
    pub warnings: &'a [String],
}

/// One row of a trend.
#[derive(Debug, Serialize)]
pub struct TrendBucket<'a> {
    pub key: &'a str,
    pub label: &'a str,
    /// Whether the index holds any report here (missing is not zero).
    pub present: bool,
    pub matching_passages: u64,
    pub matching_reports: u64,
    pub passages: u64,
    pub reports: u64,
    /// Matching passages per 100 passages; null where there are none.
    pub rate: Option<f64>,
}

/// "year", "country", "section".
pub fn by_name(by: By) -> &'static str {
    match by {
        By::Year => "year",
        By::Country => "country",
        By::Section => "section",
    }
}

impl<'a> From<&'a Trend> for TrendShape<'a> {
    fn from(t: &'a Trend) -> Self {
        TrendShape {
            query: &t.query,
            by: by_name(t.by),
            matching_passages: t.matching_passages,
            buckets: t
                .buckets
                .iter()
                .map(|b| TrendBucket {
                    key: &b.key,
                    label: &b.label,
                    present: b.present,
                    matching_passages: b.matching_passages,
                    matching_reports: b.matching_reports,
                    passages: b.passages,
                    reports: b.reports,
                    rate: b.rate,
                })
                .collect(),
            warnings: &t.warnings,
        }
    }
}

/// Two editions compared: `compare --json` and `/api/compare`.
#[derive(Debug, Serialize)]
pub struct ComparisonShape<'a> {
    pub country: &'a str,
    pub earlier: u16,
    pub later: u16,
    pub sections: Vec<SectionChange<'a>>,
    pub warnings: &'a [String],
}

/// One canonical section in the two editions.
#[derive(Debug, Serialize)]
pub struct SectionChange<'a> {
    pub topic: &'a str,
    pub title: &'a str,
    pub codes_earlier: &'a [String],
    pub codes_later: &'a [String],
    /// The year of the only edition that has this section, if only one has.
    pub only_in: Option<u16>,
    pub unchanged: usize,
    pub changed: Vec<ChangedSentence<'a>>,
    pub added: &'a [String],
    pub dropped: &'a [String],
}

/// A sentence edited between the editions, word by word.
#[derive(Debug, Serialize)]
pub struct ChangedSentence<'a> {
    pub old: &'a str,
    pub new: &'a str,
    pub words: Vec<Word<'a>>,
}

/// A run of words: "same", "dropped" or "added".
#[derive(Debug, Serialize)]
pub struct Word<'a> {
    pub op: &'static str,
    pub text: &'a str,
}

impl<'a> From<&'a SectionDiff> for SectionChange<'a> {
    fn from(s: &'a SectionDiff) -> Self {
        let al = &s.alignment;
        SectionChange {
            topic: &s.topic,
            title: &s.title,
            codes_earlier: &s.codes_earlier,
            codes_later: &s.codes_later,
            only_in: s.only_in,
            unchanged: al.unchanged,
            changed: al
                .changed
                .iter()
                .map(|c| ChangedSentence {
                    old: &c.old,
                    new: &c.new,
                    words: c
                        .words
                        .iter()
                        .map(|w| match w {
                            WordChange::Same(text) => Word { op: "same", text },
                            WordChange::Dropped(text) => Word {
                                op: "dropped",
                                text,
                            },
                            WordChange::Added(text) => Word { op: "added", text },
                        })
                        .collect(),
                })
                .collect(),
            added: &al.added,
            dropped: &al.dropped,
        }
    }
}

impl<'a> From<&'a Comparison> for ComparisonShape<'a> {
    fn from(c: &'a Comparison) -> Self {
        ComparisonShape {
            country: &c.country,
            earlier: c.earlier,
            later: c.later,
            sections: c.sections.iter().map(SectionChange::from).collect(),
            warnings: &c.warnings,
        }
    }
}
