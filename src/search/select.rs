//! Passages chosen by filters alone, with no query: a custom report (the
//! chosen sections of the chosen reports, in each report's order) and the
//! export of every indexed passage (or the filtered ones), read one at a
//! time. The filters are checked against the index first ([`super::checks`]).

use super::filters::Filters;
use super::{SearchError, StoredPassage, checks, filters_only, load_passage};
use crate::index::{Fields, PassageIndex};
use tantivy::query::Query;
use tantivy::{DocAddress, Searcher};

/// Passages chosen by filters alone, and what the user should know about
/// the filters (values the index lacks).
#[derive(Debug, Clone)]
pub struct Selection {
    pub passages: Vec<StoredPassage>,
    pub warnings: Vec<String>,
}

impl Selection {
    /// Source files named as the user can open them.
    pub fn show_sources(&mut self) {
        self.passages
            .iter_mut()
            .for_each(StoredPassage::show_source);
    }
}

/// Every passage matching the filters, ordered as a custom report wants
/// them: by country, year, then place in the report.
pub fn select(index: &PassageIndex, filters: &Filters) -> Result<Selection, SearchError> {
    let warnings = checks::check(index, filters)?;
    let searcher = index.reader.searcher();
    let query = filters_only(filters, &index.fields);
    let mut passages = matching_addresses(&searcher, query.as_ref())?
        .into_iter()
        .map(|address| load_passage(&searcher, &index.fields, address))
        .collect::<tantivy::Result<Vec<_>>>()?;
    passages.sort_by(|a, b| {
        (&a.country, a.year, &a.source, a.byte_range[0]).cmp(&(
            &b.country,
            b.year,
            &b.source,
            b.byte_range[0],
        ))
    });
    Ok(Selection { passages, warnings })
}

/// A custom report: the chosen sections of the chosen reports in full. At
/// least one filter is needed; without, it would be every report.
pub fn custom_report(index: &PassageIndex, filters: &Filters) -> Result<Selection, SearchError> {
    check_report_filters(filters)?;
    select(index, filters)
}

/// Refuses a custom report with no filter, before any work is done.
pub fn check_report_filters(filters: &Filters) -> Result<(), SearchError> {
    if filters.countries.is_empty() && filters.years.is_empty() && filters.sections.is_empty() {
        return Err(SearchError::Invalid(
            "report needs at least one of --country, --year, --section (it would print every report)"
                .into(),
        ));
    }
    Ok(())
}

/// The addresses of all matching documents, in index order.
pub fn matching_addresses(
    searcher: &Searcher,
    query: &dyn Query,
) -> tantivy::Result<Vec<DocAddress>> {
    let mut addresses: Vec<DocAddress> = searcher
        .search(query, &tantivy::collector::DocSetCollector)?
        .into_iter()
        .collect();
    addresses.sort();
    Ok(addresses)
}

/// An export: what to warn about, then the passages one at a time.
pub struct Export {
    pub warnings: Vec<String>,
    pub passages: Passages,
}

/// The passages of an export, in index order, each read when asked for
/// (an export of a large index never holds it all in memory).
pub struct Passages {
    searcher: Searcher,
    fields: Fields,
    addresses: std::vec::IntoIter<DocAddress>,
}

impl Passages {
    /// How many passages are left to read.
    pub fn remaining(&self) -> usize {
        self.addresses.len()
    }
}

impl Iterator for Passages {
    type Item = Result<StoredPassage, SearchError>;

    fn next(&mut self) -> Option<Self::Item> {
        let address = self.addresses.next()?;
        Some(load_passage(&self.searcher, &self.fields, address).map_err(SearchError::from))
    }
}

/// Every passage matching the filters (all of them, with none).
pub fn export(index: &PassageIndex, filters: &Filters) -> Result<Export, SearchError> {
    let warnings = checks::check(index, filters)?;
    let searcher = index.reader.searcher();
    let query = filters_only(filters, &index.fields);
    let addresses = matching_addresses(&searcher, query.as_ref())?;
    Ok(Export {
        warnings,
        passages: Passages {
            searcher,
            fields: index.fields,
            addresses: addresses.into_iter(),
        },
    })
}
