//! Filters checked against what the index holds, so that "0 matching
//! passages" means the reports are silent, never that a filter names
//! something the index lacks (a misspelt country, a year with no report, a
//! section code the chosen editions do not use).
//!
//! The rule: a kind of filter none of whose values the index holds (in the
//! reports the other filters leave) is an error, which names each value and
//! the nearest fix; a value missing beside others that are there is a
//! warning, and the search goes on with the others.

mod countries;
pub mod inventory;
mod sections;

use super::filters::{Filters, YearRange};
use crate::index::PassageIndex;
use inventory::Facts;
use std::collections::BTreeSet;

/// A filter the index cannot answer; the message says why and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.join("; "))]
pub struct FilterError(pub Vec<String>);

/// Checks `filters` against the index: warnings to show, or an error.
pub fn check(index: &PassageIndex, filters: &Filters) -> anyhow::Result<Vec<String>> {
    if filters.countries.is_empty() && filters.years.is_empty() && filters.sections.is_empty() {
        return Ok(Vec::new());
    }
    let facts = Facts::new(index);
    let mut warnings = Vec::new();
    let countries = countries::check(&facts, filters, &mut warnings)?;
    check_years(&facts, filters, &countries, &mut warnings)?;
    sections::check(&facts, filters, &mut warnings)?;
    Ok(warnings)
}

/// A country filter value the index holds: how it is shown, and its keys.
pub struct Held {
    pub name: String,
    pub keys: Vec<String>,
}

/// Whether the index holds a report in `range` (of one of `countries`,
/// when given).
fn holds_in(facts: &Facts, range: &YearRange, countries: &[&Held]) -> tantivy::Result<bool> {
    for year in range.0.clone() {
        if countries.is_empty() {
            if facts.holds_year(year)? {
                return Ok(true);
            }
            continue;
        }
        for key in countries.iter().flat_map(|c| &c.keys) {
            if facts.holds_report(key, year)? {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

fn check_years(
    facts: &Facts,
    filters: &Filters,
    countries: &[Held],
    warnings: &mut Vec<String>,
) -> anyhow::Result<()> {
    if filters.years.is_empty() {
        return Ok(());
    }
    let all: Vec<&Held> = countries.iter().collect();
    let mut missing: Vec<&YearRange> = Vec::new();
    for range in &filters.years {
        if !holds_in(facts, range, &all)? {
            missing.push(range);
        }
    }
    if !missing.is_empty() {
        let names: Vec<String> = countries.iter().map(|c| c.name.clone()).collect();
        let inventory = facts.inventory()?;
        let (of, holds) = if countries.is_empty() {
            (
                String::new(),
                format!("the index holds {}", compact(&inventory.all_years())),
            )
        } else {
            let years = inventory.years_of(countries.iter().flat_map(|c| &c.keys));
            (
                format!(" {} in", or_list(&names)),
                format!(
                    "the index holds {} for {}",
                    and_list(&names),
                    compact(&years)
                ),
            )
        };
        let shown: Vec<String> = missing.iter().map(|r| r.to_string()).collect();
        let message = format!("no reports for{of} {}; {holds}", or_list(&shown));
        if missing.len() == filters.years.len() {
            return Err(FilterError(vec![message]).into());
        }
        warnings.push(message);
    }
    // One country of several with no report in any of the years.
    if countries.len() > 1 {
        for country in countries {
            let mut any = false;
            for range in &filters.years {
                any |= holds_in(facts, range, &[country])?;
            }
            if !any {
                let own = facts.inventory()?.years_of(&country.keys);
                let shown: Vec<String> = filters.years.iter().map(|r| r.to_string()).collect();
                warnings.push(format!(
                    "no report for {} in {}; the index holds {} for {}",
                    country.name,
                    or_list(&shown),
                    country.name,
                    compact(&own)
                ));
            }
        }
    }
    Ok(())
}

/// Years as people list them: runs of three or more as ranges
/// ("1999-2013, 2020, 2023, 2024").
pub fn compact(years: &BTreeSet<u16>) -> String {
    let mut runs: Vec<(u16, u16)> = Vec::new();
    for &year in years {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == year => *end = year,
            _ => runs.push((year, year)),
        }
    }
    let mut out = Vec::new();
    for (start, end) in runs {
        if end >= start + 2 {
            out.push(format!("{start}-{end}"));
        } else {
            out.extend((start..=end).map(|y| y.to_string()));
        }
    }
    if out.is_empty() {
        "no reports".into()
    } else {
        out.join(", ")
    }
}

/// "A", "A or B", "A, B or C".
pub(crate) fn or_list(items: &[String]) -> String {
    list(items, "or")
}

pub(crate) fn and_list(items: &[String]) -> String {
    list(items, "and")
}

fn list(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_compacted_as_people_write_them() {
        let years: BTreeSet<u16> = (1999..=2013).chain([2020, 2023, 2024]).collect();
        assert_eq!(compact(&years), "1999-2013, 2020, 2023, 2024");
        assert_eq!(compact(&[2000, 2001, 2005].into()), "2000, 2001, 2005");
        assert_eq!(compact(&BTreeSet::new()), "no reports");
    }

    #[test]
    fn lists_read_as_english() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(or_list(&items(&["a"])), "a");
        assert_eq!(or_list(&items(&["a", "b", "c"])), "a, b or c");
        assert_eq!(and_list(&items(&["a", "b"])), "a and b");
    }
}
