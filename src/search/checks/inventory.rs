//! What the index holds, for checking filters: its reports (country key
//! and year), read from the `report_id` terms, and the reports a query's
//! passages come from, collected from the fast fields.

use crate::index::PassageIndex;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::columnar::{ColumnValues, StrColumn};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, Term};

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

pub struct SegmentReportSet {
    country: Option<StrColumn>,
    year: Option<std::sync::Arc<dyn ColumnValues<u64>>>,
    seen: HashSet<(u64, u64)>,
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
        Ok(SegmentReportSet {
            country: fast.str("country")?,
            year: fast.u64("year").ok().map(|c| c.first_or_default_col(0)),
            seen: HashSet::new(),
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
        let ord = self
            .country
            .as_ref()
            .and_then(|c| c.term_ords(doc).next())
            .unwrap_or(u64::MAX);
        let year = self.year.as_ref().map_or(0, |y| y.get_val(doc));
        self.seen.insert((ord, year));
    }

    fn harvest(self) -> BTreeSet<(String, u16)> {
        let mut out = BTreeSet::new();
        let Some(column) = &self.country else {
            return out;
        };
        for (ord, year) in self.seen {
            let mut key = String::new();
            if column.ord_to_str(ord, &mut key).unwrap_or(false) {
                out.insert((key, u16::try_from(year).unwrap_or(0)));
            }
        }
        out
    }
}
