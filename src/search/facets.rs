//! Counting matching passages by topic, year and country, over all matches
//! (not only the page shown), straight from the fast fields.

use crate::index::schema::names;
use std::collections::BTreeMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
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

/// Documents are counted a block at a time: one call into each column for
/// 64 documents, instead of three calls and a map look-up per document,
/// which made facets a quarter of a phrase search's time on L.
const BLOCK: usize = 64;

pub struct SegmentFacetCounter {
    topic: Option<StrColumn>,
    country: Option<StrColumn>,
    topic_counts: Vec<u64>,
    country_counts: Vec<u64>,
    years: YearCounts,
    pending: Vec<DocId>,
    values: Vec<Option<u64>>,
}

/// Passages per year, in a slot per year from the segment's first to its
/// last (a report's year is a u16, so at most 65,536 slots; in practice the
/// span of the editions indexed).
struct YearCounts {
    column: Option<Column<u64>>,
    first: u64,
    counts: Vec<u64>,
}

impl YearCounts {
    fn new(column: Option<Column<u64>>) -> YearCounts {
        let (first, span) = column.as_ref().map_or((0, 0), |c| {
            let (min, max) = (c.min_value(), c.max_value());
            (min, max.saturating_sub(min).saturating_add(1))
        });
        YearCounts {
            column,
            first,
            counts: vec![0; usize::try_from(span).unwrap_or(0)],
        }
    }

    fn into_map(self) -> BTreeMap<u64, u64> {
        let first = self.first;
        (first..)
            .zip(self.counts)
            .filter(|(_, count)| *count > 0)
            .collect()
    }
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
        let year = fast.u64(names::YEAR).ok();
        Ok(SegmentFacetCounter {
            topic_counts: vec![0; topic.as_ref().map_or(0, |c| c.num_terms())],
            country_counts: vec![0; country.as_ref().map_or(0, |c| c.num_terms())],
            topic,
            country,
            years: YearCounts::new(year),
            pending: Vec::with_capacity(BLOCK),
            values: vec![None; BLOCK],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetCounts>) -> tantivy::Result<FacetCounts> {
        // The first segment's counts are the start: an index is mostly one
        // segment, and copying its maps cost more than counting.
        let mut fruits = fruits.into_iter();
        let mut all = fruits.next().unwrap_or_default();
        for fruit in fruits {
            all.add(fruit);
        }
        Ok(all)
    }
}

impl SegmentFacetCounter {
    /// Counts a block of at most [`BLOCK`] documents.
    fn count(&mut self, docs: &[DocId]) {
        let values = &mut self.values[..docs.len()];
        if let Some(topic) = &self.topic {
            count_values(topic.ords(), docs, values, 0, &mut self.topic_counts);
        }
        if let Some(country) = &self.country {
            count_values(country.ords(), docs, values, 0, &mut self.country_counts);
        }
        if let Some(year) = &self.years.column {
            count_values(year, docs, values, self.years.first, &mut self.years.counts);
        }
    }

    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.count(&pending);
        self.pending = pending;
        self.pending.clear();
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.pending.push(doc);
        if self.pending.len() == BLOCK {
            self.flush();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.flush();
        for block in docs.chunks(BLOCK) {
            self.count(block);
        }
    }

    fn harvest(mut self) -> FacetCounts {
        self.flush();
        FacetCounts {
            topics: by_name(&self.topic, &self.topic_counts),
            countries: by_name(&self.country, &self.country_counts),
            years: self.years.into_map(),
        }
    }
}

/// Adds one to `counts[value - first]` for each document's value. A
/// document without a value counts nowhere, as before.
fn count_values(
    column: &Column<u64>,
    docs: &[DocId],
    values: &mut [Option<u64>],
    first: u64,
    counts: &mut [u64],
) {
    // first_vals writes only the documents that have a value.
    values.fill(None);
    column.first_vals(docs, values);
    for value in values.iter().flatten() {
        if let Some(slot) = value
            .checked_sub(first)
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| counts.get_mut(i))
        {
            *slot += 1;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{self, Side};
    use crate::index::schema;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{AllQuery, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::{Index, TantivyDocument, Term};

    /// 300 passages (more than a few blocks, and not a multiple of one):
    /// passage i is filed under topic i % 3, country i % 7, year 2000 + i % 11.
    fn index() -> (Index, schema::Fields) {
        let (schema, fields) = schema::build();
        let index = Index::create_in_ram(schema);
        analysis::register(index.tokenizers(), Side::Index);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..300u64 {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.topic_key, format!("topic/{}", i % 3));
            doc.add_text(fields.country_name, format!("Country {}", i % 7));
            doc.add_text(fields.country, format!("country-{}", i % 7));
            doc.add_u64(fields.year, 2000 + i % 11);
            writer.add_document(doc).unwrap();
            // Two segments, so that their counts are added up.
            if i == 150 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        (index, fields)
    }

    /// The counts, one passage at a time, as the definition says.
    fn expected(matching: impl Fn(u64) -> bool) -> FacetCounts {
        let mut counts = FacetCounts::default();
        for i in (0..300u64).filter(|&i| matching(i)) {
            *counts.topics.entry(format!("topic/{}", i % 3)).or_default() += 1;
            *counts
                .countries
                .entry(format!("Country {}", i % 7))
                .or_default() += 1;
            *counts.years.entry(2000 + i % 11).or_default() += 1;
        }
        counts
    }

    #[test]
    fn counts_every_match_in_blocks_and_one_at_a_time() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        // Unscored: tantivy hands the collector blocks of documents.
        let all = searcher.search(&AllQuery, &FacetCounter).unwrap();
        assert_eq!(all, expected(|_| true));
        // Scored, beside a top-k collector: one document at a time.
        let country = TermQuery::new(
            Term::from_field_text(fields.country, "country-3"),
            IndexRecordOption::Basic,
        );
        let (top, counts) = searcher
            .search(
                &country,
                &(TopDocs::with_limit(5).order_by_score(), FacetCounter),
            )
            .unwrap();
        assert_eq!(top.len(), 5);
        assert_eq!(counts, expected(|i| i % 7 == 3));
        assert_eq!(counts.countries.len(), 1);
        let (total, counts) = searcher.search(&country, &(Count, FacetCounter)).unwrap();
        assert_eq!(counts.years.values().sum::<u64>(), total as u64);
    }

    #[test]
    fn no_match_counts_nothing() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        let none = TermQuery::new(
            Term::from_field_text(fields.country, "atlantis"),
            IndexRecordOption::Basic,
        );
        assert_eq!(
            searcher.search(&none, &FacetCounter).unwrap(),
            FacetCounts::default()
        );
    }
}
