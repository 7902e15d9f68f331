//! Filters by country, year and section, and what `--section` may name: a
//! topic (`worker-rights`), an unambiguous word of a topic's title
//! (`arrest`), or a report's own code (`1.d`).

use crate::countries;
use crate::index::{Fields, schema::code_facet};
use crate::outline::{self, normalize};
use regex::Regex;
use std::ops::{Bound, RangeInclusive};
use std::str::FromStr;
use std::sync::LazyLock;
use tantivy::Term;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};

/// A year or an inclusive range of years: `2020`, `2019..2021`, `2019-2021`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRange(pub RangeInclusive<u16>);

impl FromStr for YearRange {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let year = |t: &str| {
            t.trim()
                .parse::<u16>()
                .ok()
                .filter(|y| (1900..=2200).contains(y))
                .ok_or_else(|| format!("'{s}' is not a year or a range of years like 2019..2021"))
        };
        let split = s.split_once("..").or_else(|| s.split_once(['-', '–', '—']));
        let range = match split {
            Some((from, to)) => year(from)?..=year(to)?,
            None => year(s)?..=year(s)?,
        };
        if range.start() > range.end() {
            return Err(format!("'{s}' is an empty range of years"));
        }
        Ok(YearRange(range))
    }
}

impl std::fmt::Display for YearRange {
    /// "2020", "2019-2021".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (from, to) = (self.0.start(), self.0.end());
        if from == to {
            write!(f, "{from}")
        } else {
            write!(f, "{from}-{to}")
        }
    }
}

/// What a `--section` argument stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionFilter {
    /// A canonical topic and everything under it.
    Topic(&'static str),
    /// A section code as reports number them (and everything under it).
    Code(String),
}

static CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:exec|\d{1,2}(?:\.[a-z])?)$").unwrap());

/// Each outline node's title and topic, normalised and padded with spaces
/// so that a word of them is found on word boundaries; made once, not at
/// every search.
static SEARCHABLE_TITLES: LazyLock<Vec<(String, &'static outline::Node)>> = LazyLock::new(|| {
    outline::all_nodes()
        .map(|n| {
            (
                format!(" {} {} ", normalize(n.title), normalize(n.topic)),
                n,
            )
        })
        .collect()
});

/// Resolves a `--section` argument, or says why it names nothing (or too much).
pub fn resolve_section(arg: &str) -> Result<SectionFilter, String> {
    let arg = arg.trim().to_lowercase();
    if let Some(node) = outline::node(arg.trim_matches('/')) {
        return Ok(SectionFilter::Topic(node.topic));
    }
    if CODE.is_match(&arg) {
        return Ok(SectionFilter::Code(arg));
    }
    let words = normalize(&arg);
    let padded = format!(" {words} ");
    let matches: Vec<&outline::Node> = SEARCHABLE_TITLES
        .iter()
        .filter(|(title, _)| !words.is_empty() && title.contains(&padded))
        .map(|(_, node)| *node)
        .collect();
    match matches.as_slice() {
        [one] => Ok(SectionFilter::Topic(one.topic)),
        [] => Err(format!(
            "unknown section '{arg}': give a topic (e.g. integrity/arbitrary-arrest), a word of its title (e.g. arrest) or a report code (e.g. 1.d); `hrsearch sections` lists them"
        )),
        many => {
            // A section and its own subsections: the section is meant.
            if let Some(parent) = many.iter().find(|n| {
                many.iter()
                    .all(|m| m.topic == n.topic || outline::parent_of(m.topic) == Some(n.topic))
            }) {
                return Ok(SectionFilter::Topic(parent.topic));
            }
            let names: Vec<&str> = many.iter().map(|n| n.topic).collect();
            Err(format!(
                "section '{arg}' is ambiguous: it could be {}",
                names.join(", ")
            ))
        }
    }
}

/// The filter query for one set of alternatives (any of them matches).
fn any_of(queries: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    match queries.len() {
        0 => None,
        1 => queries.into_iter().next(),
        _ => Some(Box::new(BooleanQuery::new(
            queries.into_iter().map(|q| (Occur::Should, q)).collect(),
        ))),
    }
}

/// The requested filters, each a set of alternatives.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub countries: Vec<String>,
    pub years: Vec<YearRange>,
    pub sections: Vec<SectionFilter>,
}

impl Filters {
    /// One query clause per kind of filter that was given. Each scores 0:
    /// a filter narrows the hits and leaves their scores as they were
    /// (a term query's score would add a constant that differs by filter,
    /// so scores of a filtered and an unfiltered search could not be
    /// compared).
    pub fn clauses(&self, fields: &Fields) -> Vec<Box<dyn Query>> {
        let countries = self
            .countries
            .iter()
            .flat_map(|c| country_keys(c))
            .map(|key| term_query(Term::from_field_text(fields.country, &key)))
            .collect();
        let years = self
            .years
            .iter()
            .map(|YearRange(r)| {
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_u64(fields.year, u64::from(*r.start()))),
                    Bound::Included(Term::from_field_u64(fields.year, u64::from(*r.end()))),
                )) as Box<dyn Query>
            })
            .collect();
        let sections = self
            .sections
            .iter()
            .map(|s| match s {
                SectionFilter::Topic(topic) => term_query(Term::from_facet(
                    fields.topic,
                    &Facet::from(&format!("/{topic}")),
                )),
                SectionFilter::Code(code) => term_query(Term::from_facet(
                    fields.code,
                    &Facet::from(&code_facet(code)),
                )),
            })
            .collect();
        [countries, years, sections]
            .into_iter()
            .filter_map(any_of)
            .map(|q| Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>)
            .collect()
    }
}

/// The keys an index may file a `--country` value under: all of its
/// country's names (any alias finds the same reports, in indexes built
/// before the alias was known too), or the value made a key.
pub fn country_keys(value: &str) -> Vec<String> {
    let mut keys = match countries::resolve(value) {
        countries::Resolved::One(country) => country.keys(),
        countries::Resolved::Several(all) => all.iter().flat_map(|c| c.keys()).collect(),
        countries::Resolved::Unknown => Vec::new(),
    };
    let own = crate::corpus::meta::country_key(value);
    if !keys.contains(&own) {
        keys.push(own);
    }
    keys
}

fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!("2020".parse::<YearRange>().unwrap(), YearRange(2020..=2020));
        assert_eq!(
            "2019..2021".parse::<YearRange>().unwrap(),
            YearRange(2019..=2021)
        );
        assert_eq!(
            "2019-2021".parse::<YearRange>().unwrap(),
            YearRange(2019..=2021)
        );
        assert_eq!(
            "2019 – 2021".parse::<YearRange>().unwrap(),
            YearRange(2019..=2021)
        );
        assert!("2021..2019".parse::<YearRange>().is_err());
        assert!("2021-2019".parse::<YearRange>().is_err());
        assert!("twenty".parse::<YearRange>().is_err());
    }

    #[test]
    fn sections() {
        assert_eq!(
            resolve_section("worker-rights"),
            Ok(SectionFilter::Topic("worker-rights"))
        );
        assert_eq!(
            resolve_section("arrest"),
            Ok(SectionFilter::Topic("integrity/arbitrary-arrest"))
        );
        assert_eq!(
            resolve_section("Torture"),
            Ok(SectionFilter::Topic("integrity/torture"))
        );
        assert_eq!(
            resolve_section("1.d"),
            Ok(SectionFilter::Code("1.d".into()))
        );
        assert_eq!(resolve_section("7"), Ok(SectionFilter::Code("7".into())));
        assert_eq!(
            resolve_section("worker"),
            Ok(SectionFilter::Topic("worker-rights"))
        );
        assert!(
            resolve_section("freedom")
                .unwrap_err()
                .contains("ambiguous")
        );
        assert!(
            resolve_section("bananas")
                .unwrap_err()
                .contains("unknown section")
        );
    }
}
