//! `--section` values checked against the chosen reports. A topic or code
//! no chosen report files anything under is named; a code is explained by
//! what it stands for in other editions and the code the chosen editions
//! use for that topic instead (`--section 1.d --year 2024`: the 2024
//! edition files arrest under 2.c; try --section arrest). A code only some
//! of the chosen reports use is a warning naming the others.

use super::countries::display_name;
use super::inventory::{Facts, ReportSet};
use super::{FilterError, or_list};
use crate::index::PassageIndex;
use crate::outline;
use crate::search::facets::FacetCounter;
use crate::search::filters::{Filters, SectionFilter, YearRange, resolve_section};
use crate::search::filters_only;
use std::collections::{BTreeMap, BTreeSet};
use tantivy::collector::TopDocs;
use tantivy::schema::IndexRecordOption;
use tantivy::schema::Value;
use tantivy::{DocSet, Searcher, TantivyDocument};

/// Reports named in a warning before "and N more".
const NAMED: usize = 3;
/// Countries lacking a code that are searched by name for the code they
/// use instead.
const NARROW: usize = 20;

/// Checks each section value; an error when none finds anything.
pub fn check(facts: &Facts, filters: &Filters, warnings: &mut Vec<String>) -> anyhow::Result<()> {
    if filters.sections.is_empty() {
        return Ok(());
    }
    let (searcher, index) = (&facts.searcher, facts.index);
    let scope = Filters {
        sections: Vec::new(),
        ..filters.clone()
    };
    // Which reports each code finds (to name the chosen reports that lack
    // it); for a topic, only whether it finds any (`None`: some).
    let codes = filters
        .sections
        .iter()
        .any(|s| matches!(s, SectionFilter::Code(_)));
    let in_scope = if codes {
        reports_in_scope(searcher, index, &scope)?
    } else {
        BTreeSet::new()
    };
    let mut found: Vec<Option<BTreeSet<(String, u16)>>> = Vec::new();
    for section in &filters.sections {
        let alone = Filters {
            sections: vec![section.clone()],
            ..filters.clone()
        };
        found.push(match section {
            SectionFilter::Code(_) => Some(reports(searcher, index, &alone)?),
            SectionFilter::Topic(_) => {
                let query = filters_only(&alone, &index.fields);
                (!facts.finds_any(query.as_ref())?).then(BTreeSet::new)
            }
        });
    }
    // Reports none of the section values finds anything in (a topic that
    // finds some is taken to cover them all: only codes are named).
    let any_topic_finds = found.iter().any(Option::is_none);
    let covered: BTreeSet<&(String, u16)> = found.iter().flatten().flatten().collect();
    let uncovered: BTreeSet<(String, u16)> = in_scope
        .iter()
        .filter(|r| !any_topic_finds && !covered.contains(r))
        .cloned()
        .collect();
    let mut empty = Vec::new();
    for (section, with) in filters.sections.iter().zip(&found) {
        let finds_none = with.as_ref().is_some_and(BTreeSet::is_empty);
        match section {
            SectionFilter::Topic(topic) if finds_none => empty.push(format!(
                "no passage in the chosen reports is filed under {topic} ({})",
                outline::node(topic).map_or("", |n| n.title)
            )),
            SectionFilter::Code(code) if finds_none => {
                empty.push(explain_code(searcher, index, filters, code, None)?);
            }
            SectionFilter::Code(code) if !uncovered.is_empty() => {
                let lacking = Lacking {
                    reports: &uncovered,
                    of: in_scope.len(),
                };
                warnings.push(explain_code(searcher, index, filters, code, Some(lacking))?);
            }
            _ => {}
        }
    }
    if empty.len() == filters.sections.len() {
        return Err(FilterError(empty).into());
    }
    warnings.extend(empty);
    Ok(())
}

/// The chosen reports that lack a code, of how many.
#[derive(Clone, Copy)]
struct Lacking<'a> {
    reports: &'a BTreeSet<(String, u16)>,
    of: usize,
}

/// The reports passages matching `filters` come from.
fn reports(
    searcher: &Searcher,
    index: &PassageIndex,
    filters: &Filters,
) -> tantivy::Result<BTreeSet<(String, u16)>> {
    let query = filters_only(filters, &index.fields);
    searcher.search(query.as_ref(), &ReportSet)
}

/// The reports a scope of countries and years holds, read from the
/// report ids in the term dictionary ("angola/2008"): listing them by
/// scanning every passage cost 30 ms on a 5,000-report index.
fn reports_in_scope(
    searcher: &Searcher,
    index: &PassageIndex,
    scope: &Filters,
) -> tantivy::Result<BTreeSet<(String, u16)>> {
    if !scope.sections.is_empty() {
        return reports(searcher, index, scope);
    }
    let keys: BTreeSet<String> = scope
        .countries
        .iter()
        .flat_map(|c| crate::search::filters::country_keys(c))
        .collect();
    let mut out = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(index.fields.report_id)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let Some((key, year)) = std::str::from_utf8(terms.key())
                .ok()
                .and_then(|id| id.rsplit_once('/'))
                .and_then(|(key, year)| Some((key, year.parse::<u16>().ok()?)))
            else {
                continue;
            };
            let in_years =
                scope.years.is_empty() || scope.years.iter().any(|YearRange(r)| r.contains(&year));
            if in_years
                && (keys.is_empty() || keys.contains(key))
                && has_live_doc(segment, &inverted, terms.value())?
            {
                out.insert((key.to_string(), year));
            }
        }
    }
    Ok(out)
}

/// Whether a term still has a document (a report removed or replaced keeps
/// its id in the dictionary until its segment is merged).
fn has_live_doc(
    segment: &tantivy::SegmentReader,
    inverted: &tantivy::InvertedIndexReader,
    info: &tantivy::postings::TermInfo,
) -> tantivy::Result<bool> {
    let Some(alive) = segment.alive_bitset() else {
        return Ok(true);
    };
    let mut postings = inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
    loop {
        let doc = postings.doc();
        if doc == tantivy::TERMINATED {
            return Ok(false);
        }
        if alive.is_alive(doc) {
            return Ok(true);
        }
        postings.advance();
    }
}

/// Why a code finds nothing in the chosen reports (or, with `lacking`, in
/// those of them that lack it), and the fix.
fn explain_code(
    searcher: &Searcher,
    index: &PassageIndex,
    filters: &Filters,
    code: &str,
    lacking: Option<Lacking>,
) -> anyhow::Result<String> {
    let top_level = !code.contains('.');
    let anywhere = Filters {
        sections: vec![SectionFilter::Code(code.to_string())],
        ..Filters::default()
    };
    let query = filters_only(&anywhere, &index.fields);
    let topics = searcher.search(query.as_ref(), &FacetCounter)?.topics;
    let Some(topic) = main_topic(&topics, top_level) else {
        return Ok(format!(
            "no report in the index numbers a section {code}; a code is a section number and a letter as the reports number them (1.d, 7), or give a topic (--section arrest; `hrsearch sections` lists them)"
        ));
    };
    // Where the topic is in the reports that lack the code.
    let (years, elsewhere): (Vec<String>, Filters) = match lacking {
        Some(lacking) => {
            let years: BTreeSet<u16> = lacking.reports.iter().map(|(_, y)| *y).collect();
            let keys: BTreeSet<&String> = lacking.reports.iter().map(|(k, _)| k).collect();
            // Few countries are named as such; many, as the filters had them
            // (a long list of alternatives costs more than it narrows).
            let countries = if keys.len() <= NARROW {
                keys.into_iter().cloned().collect()
            } else {
                filters.countries.clone()
            };
            let within = Filters {
                countries,
                years: runs(&years),
                sections: vec![SectionFilter::Topic(topic)],
            };
            (
                runs(&years).iter().map(YearRange::to_string).collect(),
                within,
            )
        }
        None => (
            filters.years.iter().map(YearRange::to_string).collect(),
            Filters {
                sections: vec![SectionFilter::Topic(topic)],
                ..filters.clone()
            },
        ),
    };
    // The chosen reports that lack the code use others (where the filter
    // could not be narrowed to them, their neighbours' own is left out).
    let codes: Vec<String> = codes_used(searcher, index, &elsewhere)?
        .into_iter()
        .filter(|c| c != code && !c.starts_with(&format!("{code}.")))
        .collect();
    let title = outline::node(topic).map_or(topic, |n| n.title);
    let word = shortest_name(topic);
    let (adjective, subject) = editions(&years);
    let what = match lacking {
        Some(lacking) => format!(
            "{} of the {} chosen reports have no section {code} ({})",
            lacking.reports.len(),
            lacking.of,
            named(searcher, index, lacking.reports)?
        ),
        None => format!("no{adjective} report numbers a section {code}"),
    };
    Ok(if codes.is_empty() {
        format!(
            "{what}; {code} is “{title}” in other editions, and the chosen reports have no such section either"
        )
    } else {
        format!(
            "{what}; {code} is “{title}” in other editions, and {subject} it under {}; try --section {word}",
            or_list(&codes)
        )
    })
}

/// Years as ranges of consecutive years (2005..=2010, 2013..=2013).
fn runs(years: &BTreeSet<u16>) -> Vec<YearRange> {
    let mut out: Vec<YearRange> = Vec::new();
    for &year in years {
        match out.last_mut() {
            Some(YearRange(r)) if *r.end() + 1 == year => *r = *r.start()..=year,
            _ => out.push(YearRange(year..=year)),
        }
    }
    out
}

/// "Kazakhstan 2024, Oman 2024 and 2 more".
fn named(
    searcher: &Searcher,
    index: &PassageIndex,
    reports: &BTreeSet<(String, u16)>,
) -> anyhow::Result<String> {
    let mut names = Vec::new();
    for (key, year) in reports.iter().take(NAMED) {
        names.push(format!("{} {year}", display_name(searcher, index, key)?));
    }
    if reports.len() > NAMED {
        names.push(format!("{} more", reports.len() - NAMED));
    }
    Ok(super::and_list(&names))
}

/// The editions as an adjective (" 2024") and as the subject of "files"
/// ("the 2024 edition files").
fn editions(years: &[String]) -> (String, String) {
    match years {
        [] => (String::new(), "the chosen reports file".into()),
        [one] if !one.contains('-') => (format!(" {one}"), format!("the {one} edition files")),
        _ => {
            let years = or_list(years);
            (format!(" {years}"), format!("the {years} editions file"))
        }
    }
}

/// The topic a code's passages are filed under most (for a bare section
/// number, the top-level topic).
fn main_topic(topics: &BTreeMap<String, u64>, top_level: bool) -> Option<&'static str> {
    let mut counts: BTreeMap<&'static str, u64> = BTreeMap::new();
    for (topic, count) in topics {
        let Some(node) = outline::node(topic) else {
            continue;
        };
        let topic = if top_level {
            outline::parent_of(node.topic).unwrap_or(node.topic)
        } else {
            node.topic
        };
        *counts.entry(topic).or_default() += count;
    }
    counts
        .into_iter()
        .max_by_key(|(topic, count)| (*count, std::cmp::Reverse(*topic)))
        .map(|(topic, _)| topic)
}

/// The codes passages matching `filters` carry, most common first (at
/// most three).
fn codes_used(
    searcher: &Searcher,
    index: &PassageIndex,
    filters: &Filters,
) -> anyhow::Result<Vec<String>> {
    let query = filters_only(filters, &index.fields);
    let hits = searcher.search(query.as_ref(), &TopDocs::with_limit(50).order_by_score())?;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (_, address) in hits {
        let doc: TantivyDocument = searcher.doc(address)?;
        if let Some(code) = doc
            .get_first(index.fields.code_str)
            .and_then(|v| v.as_str())
            .filter(|c| !c.is_empty())
        {
            *counts.entry(code.to_string()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(ranked.into_iter().take(3).map(|(code, _)| code).collect())
}

/// The shortest `--section` value that names `topic`: a word of its title
/// if one does ("arrest"), else the topic itself.
fn shortest_name(topic: &'static str) -> String {
    let Some(node) = outline::node(topic) else {
        return topic.to_string();
    };
    let mut words: Vec<String> = outline::normalize(node.title)
        .split(' ')
        .filter(|w| w.len() >= 4)
        .map(str::to_string)
        .collect();
    words.sort_by_key(|w| w.len());
    words
        .into_iter()
        .find(|w| resolve_section(w) == Ok(SectionFilter::Topic(topic)))
        .unwrap_or_else(|| topic.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_topic_is_named_by_its_shortest_word() {
        assert_eq!(shortest_name("integrity/arbitrary-arrest"), "arrest");
        assert_eq!(shortest_name("worker-rights"), "worker");
    }

    #[test]
    fn years_run_together() {
        let years: BTreeSet<u16> = [2005, 2006, 2007, 2013, 2023, 2024].into();
        let shown: Vec<String> = runs(&years).iter().map(YearRange::to_string).collect();
        assert_eq!(shown, ["2005-2007", "2013", "2023-2024"]);
    }

    #[test]
    fn editions_read_as_english() {
        assert_eq!(
            editions(&["2024".into()]),
            (" 2024".into(), "the 2024 edition files".into())
        );
        assert_eq!(editions(&[]).1, "the chosen reports file");
        assert_eq!(
            editions(&["2023".into(), "2024".into()]).1,
            "the 2023 or 2024 editions file"
        );
    }
}
