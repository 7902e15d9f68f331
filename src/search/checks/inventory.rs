//! What the index holds, for checking filters: whether it holds a term
//! (a country key, a year, a report), looked up in its term dictionaries
//! so that checking costs next to nothing when all is well; the list of
//! its reports (country key and year), read from the `report_id` terms
//! only to explain what is missing; and the reports a query's passages
//! come from, collected from the fast fields.

use crate::index::PassageIndex;
use crate::index::schema::names;
use crate::search::facets::names_of;
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};
use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::columnar::{ColumnValues, StrColumn};
use tantivy::query::{EnableScoring, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, TERMINATED, Term};

/// Answers about the index, the costly ones read once and only if asked.
pub struct Facts<'a> {
    pub index: &'a PassageIndex,
    pub searcher: Searcher,
    /// Whether some passages are deleted but still in their segment (their
    /// terms then outlive them, and a term lookup is not enough).
    deletes: bool,
    inventory: OnceCell<Inventory>,
}

impl<'a> Facts<'a> {
    pub fn new(index: &'a PassageIndex) -> Facts<'a> {
        let searcher = index.reader.searcher();
        let deletes = searcher.segment_readers().iter().any(|s| s.has_deletes());
        Facts {
            index,
            searcher,
            deletes,
            inventory: OnceCell::new(),
        }
    }

    /// Whether some live passage holds `term`.
    pub fn holds(&self, term: Term) -> tantivy::Result<bool> {
        if self.searcher.doc_freq(&term)? == 0 {
            return Ok(false);
        }
        if !self.deletes {
            return Ok(true);
        }
        self.finds_any(&TermQuery::new(term, IndexRecordOption::Basic))
    }

    /// Whether `query` matches some live passage. It stops at the first
    /// (a count walks all of them: 13,000 passages for `--section arrest`
    /// on L, a tenth of a faceted search).
    pub fn finds_any(&self, query: &dyn Query) -> tantivy::Result<bool> {
        let weight = query.weight(EnableScoring::disabled_from_searcher(&self.searcher))?;
        for segment in self.searcher.segment_readers() {
            let mut scorer = weight.scorer(segment, 1.0)?;
            let alive = segment.alive_bitset();
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    return Ok(true);
                }
                doc = scorer.advance();
            }
        }
        Ok(false)
    }

    /// Whether the index holds passages of the country with this key.
    pub fn holds_country(&self, key: &str) -> tantivy::Result<bool> {
        self.holds(Term::from_field_text(self.index.fields.country, key))
    }

    /// Whether the index holds a report for this year.
    pub fn holds_year(&self, year: u16) -> tantivy::Result<bool> {
        self.holds(Term::from_field_u64(
            self.index.fields.year,
            u64::from(year),
        ))
    }

    /// Whether the index holds the report of this country key and year.
    pub fn holds_report(&self, key: &str, year: u16) -> tantivy::Result<bool> {
        let id = format!("{key}/{year}");
        self.holds(Term::from_field_text(self.index.fields.report_id, &id))
    }

    /// Every report the index holds.
    pub fn inventory(&self) -> tantivy::Result<&Inventory> {
        if let Some(inventory) = self.inventory.get() {
            return Ok(inventory);
        }
        let read = Inventory::read(self.index)?;
        Ok(self.inventory.get_or_init(|| read))
    }
}

/// Which reports the index holds: country key -> years.
#[derive(Debug, Default, Clone)]
pub struct Inventory {
    pub reports: BTreeMap<String, BTreeSet<u16>>,
}

impl Inventory {
    /// Reads the reports from the index's `report_id` terms
    /// ("kazakhstan/2020"), leaving out any whose passages are all deleted.
    pub fn read(index: &PassageIndex) -> tantivy::Result<Inventory> {
        let searcher = index.reader.searcher();
        let field = index.fields.report_id;
        let mut ids: BTreeSet<String> = BTreeSet::new();
        let mut deletes = false;
        for segment in searcher.segment_readers() {
            deletes |= segment.has_deletes();
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                if let Ok(id) = std::str::from_utf8(stream.key()) {
                    ids.insert(id.to_string());
                }
            }
        }
        let mut reports: BTreeMap<String, BTreeSet<u16>> = BTreeMap::new();
        for id in ids {
            // A term outlives its passages until segments merge.
            if deletes {
                let query =
                    TermQuery::new(Term::from_field_text(field, &id), IndexRecordOption::Basic);
                if searcher.search(&query, &Count)? == 0 {
                    continue;
                }
            }
            if let Some((key, year)) = id.rsplit_once('/')
                && let Ok(year) = year.parse()
            {
                reports.entry(key.to_string()).or_default().insert(year);
            }
        }
        Ok(Inventory { reports })
    }

    /// The years any of `keys` has a report for.
    pub fn years_of<'a>(&self, keys: impl IntoIterator<Item = &'a String>) -> BTreeSet<u16> {
        keys.into_iter()
            .filter_map(|k| self.reports.get(k))
            .flatten()
            .copied()
            .collect()
    }

    pub fn all_years(&self) -> BTreeSet<u16> {
        self.reports.values().flatten().copied().collect()
    }
}

/// Collects the reports (country key, year) matching passages come from.
pub struct ReportSet;

/// Years a report may cover, for the dense table of reports seen.
const FIRST_YEAR: u64 = 1900;
const YEARS: u64 = 301;

pub struct SegmentReportSet {
    country: Option<StrColumn>,
    year: Option<std::sync::Arc<dyn ColumnValues<u64>>>,
    /// (country ord, year) seen, as one flag per pair: a passage costs two
    /// column reads and a store, not a hash (a code filter scans them all).
    seen: Vec<bool>,
}

impl Collector for ReportSet {
    type Fruit = BTreeSet<(String, u16)>;
    type Child = SegmentReportSet;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentReportSet> {
        let fast = reader.fast_fields();
        let country = fast.str(names::COUNTRY)?;
        let countries = country.as_ref().map_or(0, |c| c.num_terms() as u64);
        Ok(SegmentReportSet {
            country,
            year: fast
                .u64(names::YEAR)
                .ok()
                .map(|c| c.first_or_default_col(0)),
            seen: vec![false; ((countries + 1) * YEARS) as usize],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<BTreeSet<(String, u16)>>,
    ) -> tantivy::Result<BTreeSet<(String, u16)>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentReportSet {
    type Fruit = BTreeSet<(String, u16)>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(ord) = self.country.as_ref().and_then(|c| c.term_ords(doc).next()) else {
            return;
        };
        let year = self.year.as_ref().map_or(0, |y| y.get_val(doc));
        if let Some(offset) = year.checked_sub(FIRST_YEAR).filter(|o| *o < YEARS)
            && let Some(slot) = self.seen.get_mut((ord * YEARS + offset) as usize)
        {
            *slot = true;
        }
    }

    fn harvest(self) -> BTreeSet<(String, u16)> {
        let mut out = BTreeSet::new();
        let Some(column) = &self.country else {
            return out;
        };
        let seen: Vec<(u64, u64)> = (self.seen.iter().enumerate())
            .filter(|(_, seen)| **seen)
            .map(|(at, _)| (at as u64 / YEARS, at as u64 % YEARS))
            .collect();
        let ords: Vec<u64> = seen.iter().map(|&(ord, _)| ord).collect();
        for (key, (_, offset)) in names_of(column, &ords).into_iter().zip(&seen) {
            out.insert((key, (FIRST_YEAR + offset) as u16));
        }
        out
    }
}
