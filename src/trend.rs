//! How often a query matches, year by year (or by country, or by section
//! topic): matching passages and reports per bucket, next to how many
//! passages and reports the index holds there under the same filters, and
//! the rate per 100 passages. Report length changes a great deal between
//! editions (2024's is a third of 2023's), so the rate is what compares.

use crate::index::PassageIndex;
use crate::index::schema::names;
use crate::search::{self, filters::Filters};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{ColumnValues, StrColumn};
use tantivy::query::Query;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// What a trend is counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Year,
    Country,
    Section,
}

/// A trend as the user asked for it.
#[derive(Debug, Clone)]
pub struct Request {
    pub query: String,
    pub filters: Filters,
    pub by: By,
}

/// One row of a trend.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    /// "2013", a country key or a topic path.
    pub key: String,
    /// "2013", a country's name or a topic's title.
    pub label: String,
    /// Whether the index holds any report here (a year with no reports
    /// is missing, not zero).
    pub present: bool,
    pub matching_passages: u64,
    pub matching_reports: u64,
    /// Passages and reports the index holds here, under the same filters.
    pub passages: u64,
    pub reports: u64,
    /// Matching passages per 100 passages (None where there are none).
    pub rate: Option<f64>,
}

/// A whole trend, in bucket order (years ascending, countries by name,
/// sections in outline order).
#[derive(Debug, Clone)]
pub struct Trend {
    pub query: String,
    pub by: By,
    pub matching_passages: u64,
    pub buckets: Vec<Bucket>,
    /// What the user should know: filter values the index lacks, query
    /// words changed (as `search` reports them).
    pub warnings: Vec<String>,
}

/// Counts a query's matches and the filtered index, bucket by bucket.
pub fn run(index: &PassageIndex, request: &Request) -> anyhow::Result<Trend> {
    let search::Prepared {
        query: user,
        warnings,
        ..
    } = search::prepare(index, &request.query, &request.filters)?;
    let fields = &index.fields;
    let matching = count(
        index,
        &*search::filtered(user, &request.filters, fields),
        request.by,
    )?;
    let all = count(
        index,
        &*search::filters_only(&request.filters, fields),
        request.by,
    )?;
    let mut buckets: Vec<Bucket> = all
        .iter()
        .map(|(key, held)| {
            let found = matching.get(key);
            let matching_passages = found.map_or(0, |c| c.passages);
            Bucket {
                key: key.clone(),
                label: label(request.by, key, &held.label),
                present: true,
                matching_passages,
                matching_reports: found.map_or(0, |c| c.reports.len() as u64),
                passages: held.passages,
                reports: held.reports.len() as u64,
                rate: (held.passages > 0)
                    .then(|| 100.0 * matching_passages as f64 / held.passages as f64),
            }
        })
        .collect();
    match request.by {
        By::Year => buckets = with_missing_years(buckets, &request.filters),
        By::Country => buckets.sort_by(|a, b| a.label.cmp(&b.label)),
        By::Section => buckets.sort_by_key(|b| crate::outline::outline_rank(&b.key)),
    }
    Ok(Trend {
        query: request.query.clone(),
        by: request.by,
        matching_passages: matching.values().map(|c| c.passages).sum(),
        buckets,
        warnings,
    })
}

/// The years the index holds reports for, under these filters, ascending.
pub fn years_held(index: &PassageIndex, filters: &Filters) -> anyhow::Result<Vec<u16>> {
    let counts = count(
        index,
        &*search::filters_only(filters, &index.fields),
        By::Year,
    )?;
    let mut years: Vec<u16> = counts.keys().filter_map(|k| k.parse().ok()).collect();
    years.sort_unstable();
    Ok(years)
}

fn label(by: By, key: &str, name: &str) -> String {
    match by {
        By::Year => key.to_string(),
        By::Country => name.to_string(),
        By::Section => crate::outline::node(key)
            .map_or(key, |n| n.title)
            .to_string(),
    }
}

/// Years between the first and last (or the filter's range) with no
/// report are rows of their own, marked missing.
fn with_missing_years(buckets: Vec<Bucket>, filters: &Filters) -> Vec<Bucket> {
    let held: BTreeMap<u16, Bucket> = buckets
        .into_iter()
        .filter_map(|b| Some((b.key.parse().ok()?, b)))
        .collect();
    let (Some(&first), Some(&last)) = (held.keys().next(), held.keys().last()) else {
        return Vec::new();
    };
    let asked = |year: u16| {
        filters.years.is_empty() || filters.years.iter().any(|range| range.0.contains(&year))
    };
    (first..=last)
        .filter(|&year| held.contains_key(&year) || asked(year))
        .map(|year| {
            held.get(&year).cloned().unwrap_or_else(|| Bucket {
                key: year.to_string(),
                label: year.to_string(),
                present: false,
                matching_passages: 0,
                matching_reports: 0,
                passages: 0,
                reports: 0,
                rate: None,
            })
        })
        .collect()
}

/// Passages and distinct reports (country, year) in one bucket.
#[derive(Debug, Default, Clone)]
struct Count {
    label: String,
    passages: u64,
    reports: FxHashSet<(String, u64)>,
}

fn count(
    index: &PassageIndex,
    query: &dyn Query,
    by: By,
) -> anyhow::Result<BTreeMap<String, Count>> {
    let searcher = index.reader.searcher();
    Ok(searcher.search(query, &BucketCounter { by })?)
}

/// Counts matching documents per bucket from the fast fields.
struct BucketCounter {
    by: By,
}

struct SegmentBuckets {
    by: By,
    /// Country display names: one per country, so they also tell reports apart.
    country: Option<StrColumn>,
    topic: Option<StrColumn>,
    year: Option<std::sync::Arc<dyn ColumnValues<u64>>>,
    /// (bucket ord or year, country ord, year) -> passages.
    counts: FxHashMap<(u64, u64, u64), u64>,
}

impl Collector for BucketCounter {
    type Fruit = BTreeMap<String, Count>;
    type Child = SegmentBuckets;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentBuckets> {
        let fast = reader.fast_fields();
        Ok(SegmentBuckets {
            by: self.by,
            country: fast.str(names::COUNTRY_NAME)?,
            topic: fast.str(names::TOPIC_KEY)?,
            year: fast
                .u64(names::YEAR)
                .ok()
                .map(|c| c.first_or_default_col(0)),
            counts: FxHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut all: BTreeMap<String, Count> = BTreeMap::new();
        for fruit in fruits {
            for (key, count) in fruit {
                let into = all.entry(key).or_default();
                into.label = count.label;
                into.passages += count.passages;
                into.reports.extend(count.reports);
            }
        }
        Ok(all)
    }
}

fn first_ord(column: &Option<StrColumn>, doc: DocId) -> u64 {
    column
        .as_ref()
        .and_then(|c| c.term_ords(doc).next())
        .unwrap_or(u64::MAX)
}

/// The values of a column's ordinals, each read once from its dictionary
/// (a harvest meets each country once per year and bucket).
fn ord_names(
    column: &Option<StrColumn>,
    ords: impl Iterator<Item = u64>,
) -> FxHashMap<u64, String> {
    let ords: Vec<u64> = ords.collect::<BTreeSet<u64>>().into_iter().collect();
    let names = column
        .as_ref()
        .map_or_else(Vec::new, |c| search::facets::names_of(c, &ords));
    ords.into_iter().zip(names).collect()
}

impl SegmentCollector for SegmentBuckets {
    type Fruit = BTreeMap<String, Count>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let year = self.year.as_ref().map_or(0, |y| y.get_val(doc));
        let country = first_ord(&self.country, doc);
        let bucket = match self.by {
            By::Year => year,
            By::Country => country,
            By::Section => first_ord(&self.topic, doc),
        };
        *self.counts.entry((bucket, country, year)).or_default() += 1;
    }

    fn harvest(self) -> Self::Fruit {
        let mut out: BTreeMap<String, Count> = BTreeMap::new();
        let countries = ord_names(&self.country, self.counts.keys().map(|k| k.1));
        let topics = match self.by {
            By::Section => ord_names(&self.topic, self.counts.keys().map(|k| k.0)),
            _ => FxHashMap::default(),
        };
        let keys: FxHashMap<u64, String> = match self.by {
            By::Country => countries
                .iter()
                .map(|(&ord, name)| (ord, crate::corpus::meta::country_key(name)))
                .collect(),
            _ => FxHashMap::default(),
        };
        let text = |map: &FxHashMap<u64, String>, ord| map.get(&ord).cloned().unwrap_or_default();
        for (&(bucket, country, year), &passages) in &self.counts {
            let name = text(&countries, country);
            let (key, label) = match self.by {
                By::Year => (year.to_string(), year.to_string()),
                By::Country => (text(&keys, country), name.clone()),
                By::Section => (text(&topics, bucket), String::new()),
            };
            let count = out.entry(key).or_default();
            count.label = label;
            count.passages += passages;
            count.reports.insert((name, year));
        }
        out
    }
}
