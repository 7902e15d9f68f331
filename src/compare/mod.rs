//! Two editions of one country's report side by side, section by section
//! along the canonical outline, so that 2023's 1.d meets the 2024
//! edition's arbitrary-arrest text filed under 2.c: per section, how many
//! sentences stayed, which changed (word by word), which were added and
//! which dropped; a section only one edition has is said to be so.

mod align;

pub use align::{Alignment, Changed, WordChange, sentences};

use crate::index::PassageIndex;
use crate::outline;
use crate::search::filters::{Filters, SectionFilter, YearRange};
use crate::search::{self, StoredPassage};
use std::collections::BTreeMap;

/// A comparison as the user asked for it.
#[derive(Debug, Clone)]
pub struct Request {
    pub country: String,
    pub earlier: u16,
    pub later: u16,
    /// Only these sections (a topic and what is under it, or a code either
    /// edition numbers a section with); all when empty.
    pub sections: Vec<SectionFilter>,
}

/// One canonical section in the two editions.
#[derive(Debug, Clone)]
pub struct SectionDiff {
    pub topic: String,
    pub title: String,
    /// The codes each edition files this topic under ("1.d", "2.c").
    pub codes_earlier: Vec<String>,
    pub codes_later: Vec<String>,
    /// The year of the only edition that has this section, if only one has.
    pub only_in: Option<u16>,
    pub alignment: Alignment,
}

/// The whole comparison.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub country: String,
    pub earlier: u16,
    pub later: u16,
    pub sections: Vec<SectionDiff>,
    /// What the user should know about the filters.
    pub warnings: Vec<String>,
}

/// Why two editions cannot be compared.
#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    #[error("the index holds no {year} report for {country}{held}")]
    NoReport {
        country: String,
        year: u16,
        held: String,
    },
    #[error("compare takes two different years (got {0} twice)")]
    SameYear(u16),
}

/// Compares two editions of a country's report.
pub fn run(index: &PassageIndex, request: &Request) -> anyhow::Result<Comparison> {
    let (earlier, later) = (
        request.earlier.min(request.later),
        request.earlier.max(request.later),
    );
    if earlier == later {
        return Err(CompareError::SameYear(earlier).into());
    }
    let filters = Filters {
        countries: vec![request.country.clone()],
        years: vec![YearRange(earlier..=earlier), YearRange(later..=later)],
        sections: Vec::new(),
    };
    let selection = search::select(index, &filters)?;
    let (a, b): (Vec<&StoredPassage>, Vec<&StoredPassage>) = selection
        .passages
        .iter()
        .partition(|p| p.year == u64::from(earlier));
    for (year, edition) in [(earlier, &a), (later, &b)] {
        if edition.is_empty() {
            return Err(no_report(index, &request.country, year)?.into());
        }
    }
    let country = a[0].country.clone();
    let (by_topic_a, by_topic_b) = (by_topic(&a), by_topic(&b));
    let mut topics: Vec<&String> = by_topic_a.keys().chain(by_topic_b.keys()).collect();
    topics.sort_by_key(|t| outline::outline_rank(t));
    topics.dedup();
    let sections = topics
        .into_iter()
        .filter(|topic| wanted(topic, &request.sections, &by_topic_a, &by_topic_b))
        .map(|topic| {
            let (one, other) = (by_topic_a.get(topic), by_topic_b.get(topic));
            let sentences_of =
                |t: Option<&Topic>| t.map(|t| sentences(&t.text)).unwrap_or_default();
            SectionDiff {
                topic: topic.clone(),
                title: outline::node(topic)
                    .map_or(topic.as_str(), |n| n.title)
                    .to_string(),
                codes_earlier: one.map(|t| t.codes.clone()).unwrap_or_default(),
                codes_later: other.map(|t| t.codes.clone()).unwrap_or_default(),
                only_in: match (one, other) {
                    (Some(_), None) => Some(earlier),
                    (None, Some(_)) => Some(later),
                    _ => None,
                },
                alignment: align::align(&sentences_of(one), &sentences_of(other)),
            }
        })
        .collect();
    Ok(Comparison {
        country,
        earlier,
        later,
        sections,
        warnings: selection.warnings,
    })
}

/// One edition's text under one topic, and the codes it is filed under.
#[derive(Debug, Default)]
struct Topic {
    text: String,
    codes: Vec<String>,
}

fn by_topic(edition: &[&StoredPassage]) -> BTreeMap<String, Topic> {
    let mut out: BTreeMap<String, Topic> = BTreeMap::new();
    for p in edition {
        let topic = out.entry(p.section_topic.clone()).or_default();
        if !topic.text.is_empty() {
            topic.text.push_str("\n\n");
        }
        topic.text.push_str(&p.text);
        if !topic.codes.contains(&p.section_code) {
            topic.codes.push(p.section_code.clone());
        }
    }
    out
}

/// Whether a topic is one the `--section` filters ask for.
fn wanted(
    topic: &str,
    filters: &[SectionFilter],
    a: &BTreeMap<String, Topic>,
    b: &BTreeMap<String, Topic>,
) -> bool {
    filters.is_empty()
        || filters.iter().any(|filter| match filter {
            SectionFilter::Topic(t) => topic == *t || outline::parent_of(topic) == Some(t),
            SectionFilter::Code(code) => [a, b].iter().any(|edition| {
                edition.get(topic).is_some_and(|t| {
                    t.codes
                        .iter()
                        .any(|c| c == code || c.starts_with(&format!("{code}.")))
                })
            }),
        })
}

/// The error for a missing edition, naming the years the index holds.
fn no_report(index: &PassageIndex, country: &str, year: u16) -> anyhow::Result<CompareError> {
    let filters = Filters {
        countries: vec![country.to_string()],
        ..Filters::default()
    };
    let trend = crate::trend::years_held(index, &filters)?;
    let held = if trend.is_empty() {
        format!(" (it holds no report for {country} at all)")
    } else {
        let years: Vec<String> = trend.iter().map(u16::to_string).collect();
        format!("; it holds {}", years.join(", "))
    };
    Ok(CompareError::NoReport {
        country: country.to_string(),
        year,
        held,
    })
}
