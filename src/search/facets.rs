//! Counting matching passages by topic, year and country, over all matches
//! (not only the page shown), straight from the fast fields.

use crate::index::schema::names;
use std::collections::BTreeMap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{ColumnValues, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Matching passages counted by each facet.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    /// Topic path -> passages filed under exactly that topic.
    pub topics: BTreeMap<String, u64>,
    pub years: BTreeMap<u64, u64>,
    /// Country display name -> passages.
    pub countries: BTreeMap<String, u64>,
}

impl FacetCounts {
    fn add(&mut self, other: FacetCounts) {
        for (k, v) in other.topics {
            *self.topics.entry(k).or_default() += v;
        }
        for (k, v) in other.years {
            *self.years.entry(k).or_default() += v;
        }
        for (k, v) in other.countries {
            *self.countries.entry(k).or_default() += v;
        }
    }
}

/// The collector: reads `topic_key`, `year` and `country` columns.
pub struct FacetCounter;

pub struct SegmentFacetCounter {
    topic: Option<StrColumn>,
    country: Option<StrColumn>,
    year: Option<Arc<dyn ColumnValues<u64>>>,
    topic_counts: Vec<u64>,
    country_counts: Vec<u64>,
    years: BTreeMap<u64, u64>,
}

impl Collector for FacetCounter {
    type Fruit = FacetCounts;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let fast = reader.fast_fields();
        let topic = fast.str(names::TOPIC_KEY)?;
        let country = fast.str(names::COUNTRY_NAME)?;
        let year = fast
            .u64(names::YEAR)
            .ok()
            .map(|c| c.first_or_default_col(0));
        Ok(SegmentFacetCounter {
            topic_counts: vec![0; topic.as_ref().map_or(0, |c| c.num_terms())],
            country_counts: vec![0; country.as_ref().map_or(0, |c| c.num_terms())],
            topic,
            country,
            year,
            years: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetCounts>) -> tantivy::Result<FacetCounts> {
        let mut all = FacetCounts::default();
        for fruit in fruits {
            all.add(fruit);
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        count_ord(&self.topic, &mut self.topic_counts, doc);
        count_ord(&self.country, &mut self.country_counts, doc);
        if let Some(year) = &self.year {
            *self.years.entry(year.get_val(doc)).or_default() += 1;
        }
    }

    fn harvest(self) -> FacetCounts {
        FacetCounts {
            topics: by_name(&self.topic, &self.topic_counts),
            countries: by_name(&self.country, &self.country_counts),
            years: self.years,
        }
    }
}

fn count_ord(column: &Option<StrColumn>, counts: &mut [u64], doc: DocId) {
    if let Some(column) = column
        && let Some(ord) = column.term_ords(doc).next()
        && let Some(slot) = counts.get_mut(ord as usize)
    {
        *slot += 1;
    }
}

fn by_name(column: &Option<StrColumn>, counts: &[u64]) -> BTreeMap<String, u64> {
    let Some(column) = column else {
        return BTreeMap::new();
    };
    let (ords, counts): (Vec<u64>, Vec<u64>) = counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(ord, &count)| (ord as u64, count))
        .unzip();
    names_of(column, &ords).into_iter().zip(counts).collect()
}

/// The values of a string fast field's ordinals (sorted ascending), read in
/// one pass over its dictionary: one look-up per ordinal decodes a block of
/// the dictionary each time, a tenth of a search's time for the 260
/// countries and topics of a faceted search on L. Ordinals the dictionary
/// lacks (it never does) end the list early.
pub fn names_of(column: &StrColumn, sorted_ords: &[u64]) -> Vec<String> {
    let mut names = Vec::with_capacity(sorted_ords.len());
    let _ = column
        .dictionary()
        .sorted_ords_to_term_cb(sorted_ords, |bytes| {
            names.push(String::from_utf8_lossy(bytes).into_owned());
        });
    names
}
