//! Folding repeated passages. State Department drafters carry text forward
//! from one edition to the next, so a search over many years returns the
//! same paragraph once per edition and near-copies fill the first page. A
//! hit whose text is nearly the same as a higher-ranked hit of the same
//! country and section topic, from another year, is folded under it ("also
//! in 2013, 2014").
//!
//! "Nearly the same": the Jaccard similarity of the two texts' sets of word
//! 3-shingles (three consecutive words, lowercased) is at least
//! [`FOLD_AT_LEAST`]. One edited word in a 100-word passage keeps it near
//! 0.94; a passage that gained a paragraph of new text falls below 0.8 and
//! stays a hit of its own, so new text is never hidden under old.

use super::facets::{FacetCounter, FacetCounts};
use super::{MAX_WINDOW, Request, Sort, StoredPassage, load_passage, top_hits};
use crate::index::Fields;
use crate::index::schema::names;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::{Hash, Hasher};
use std::rc::Rc;
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Query;
use tantivy::{DocAddress, Score, Searcher};

/// How alike two passages' shingle sets must be to fold one under the other.
pub const FOLD_AT_LEAST: f64 = 0.8;

/// A passage folded under a hit: its edition and how alike the two are.
#[derive(Debug, Clone, PartialEq)]
pub struct AlsoIn {
    pub year: u64,
    pub report_id: String,
    pub similarity: f64,
}

/// A hit of a folded page, with the near-copies folded under it.
pub struct FoldedHit {
    pub score: Score,
    pub passage: StoredPassage,
    pub also_in: Vec<AlsoIn>,
}

/// One page of distinct hits, with the search's total and facets.
pub struct FoldedPage {
    pub hits: Vec<FoldedHit>,
    pub total: usize,
    pub facets: Option<FacetCounts>,
    /// Passages folded under the hits shown.
    pub folded: usize,
}

/// The hashed word 3-shingles of a text (its words, when it has fewer).
/// Words are runs of letters and digits, lowercased: punctuation an editor
/// added ("included:") does not make text new.
pub fn shingles(text: &str) -> FxHashSet<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let width = words.len().clamp(1, 3);
    words
        .windows(width)
        .map(|shingle| {
            let mut hasher = FxHasher::default();
            shingle.hash(&mut hasher);
            hasher.finish()
        })
        .collect()
}

/// The Jaccard similarity of two shingle sets.
pub fn similarity(a: &FxHashSet<u64>, b: &FxHashSet<u64>) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let shared = small.iter().filter(|s| large.contains(s)).count();
    let all = a.len() + b.len() - shared;
    if all == 0 {
        1.0
    } else {
        shared as f64 / all as f64
    }
}

/// Where a candidate stands: read from the fast fields, so that only
/// candidates that may fold (another of their country and topic ranks
/// higher) and the hits shown are loaded from the document store.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    country: Rc<str>,
    topic: Rc<str>,
    year: u64,
}

/// The candidates of a window, loaded as they are needed.
struct Candidates<'s> {
    searcher: &'s Searcher,
    fields: &'s Fields,
    ranked: Vec<(Score, DocAddress)>,
    places: Vec<Place>,
    passages: Vec<Option<StoredPassage>>,
    shingles: Vec<Option<FxHashSet<u64>>>,
}

impl<'s> Candidates<'s> {
    fn new(
        searcher: &'s Searcher,
        fields: &'s Fields,
        ranked: Vec<(Score, DocAddress)>,
        sort: Sort,
    ) -> tantivy::Result<Self> {
        let places = places(searcher, &ranked)?;
        // Equal scores (near-copies often score alike) are ordered newest
        // edition first, then by country, not by where the index happened
        // to store them: the same corpus indexed twice folds the same way.
        let mut order: Vec<usize> = (0..ranked.len()).collect();
        order.sort_by(|&a, &b| {
            let by_score = ranked[b].0.total_cmp(&ranked[a].0);
            let by_year = places[b].year.cmp(&places[a].year);
            match sort {
                Sort::Relevance => by_score.then(by_year),
                Sort::Year => by_year.then(by_score),
            }
            .then(places[a].country.cmp(&places[b].country))
        });
        let ranked: Vec<(Score, DocAddress)> = order.iter().map(|&i| ranked[i]).collect();
        let places: Vec<Place> = order.iter().map(|&i| places[i].clone()).collect();
        let n = ranked.len();
        Ok(Candidates {
            searcher,
            fields,
            ranked,
            places,
            passages: (0..n).map(|_| None).collect(),
            shingles: (0..n).map(|_| None).collect(),
        })
    }

    fn passage(&mut self, i: usize) -> tantivy::Result<&StoredPassage> {
        if self.passages[i].is_none() {
            let address = self.ranked[i].1;
            self.passages[i] = Some(load_passage(self.searcher, self.fields, address)?);
        }
        Ok(self.passages[i].as_ref().expect("loaded above"))
    }

    fn shingles(&mut self, i: usize) -> tantivy::Result<&FxHashSet<u64>> {
        if self.shingles[i].is_none() {
            let set = shingles(&self.passage(i)?.text);
            self.shingles[i] = Some(set);
        }
        Ok(self.shingles[i].as_ref().expect("computed above"))
    }

    fn similarity(&mut self, a: usize, b: usize) -> tantivy::Result<f64> {
        self.shingles(a)?;
        self.shingles(b)?;
        match (&self.shingles[a], &self.shingles[b]) {
            (Some(a), Some(b)) => Ok(similarity(a, b)),
            _ => Ok(0.0),
        }
    }
}

/// Country key, topic and year of each ranked document, from the fast
/// fields of its segment. A column's names are looked up once per ordinal
/// (a window holds thousands of candidates, but some 200 countries and 60
/// topics, and each look-up decodes a block of the term dictionary).
fn places(searcher: &Searcher, ranked: &[(Score, DocAddress)]) -> tantivy::Result<Vec<Place>> {
    let mut columns: FxHashMap<u32, PlaceColumns> = FxHashMap::default();
    let mut out = Vec::with_capacity(ranked.len());
    for (_, address) in ranked {
        let columns = match columns.entry(address.segment_ord) {
            std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::hash_map::Entry::Vacant(entry) => {
                let fast = searcher.segment_reader(address.segment_ord).fast_fields();
                entry.insert(PlaceColumns {
                    country: Names::new(fast.str(names::COUNTRY)?),
                    topic: Names::new(fast.str(names::TOPIC_KEY)?),
                    year: fast.u64(names::YEAR).ok(),
                })
            }
        };
        out.push(Place {
            country: columns.country.of(address.doc_id),
            topic: columns.topic.of(address.doc_id),
            year: columns
                .year
                .as_ref()
                .and_then(|y| y.first(address.doc_id))
                .unwrap_or(0),
        });
    }
    Ok(out)
}

struct PlaceColumns {
    country: Names,
    topic: Names,
    year: Option<Column<u64>>,
}

/// A string fast field with the names of the ordinals met so far.
struct Names {
    column: Option<StrColumn>,
    known: FxHashMap<u64, Rc<str>>,
}

impl Names {
    fn new(column: Option<StrColumn>) -> Names {
        Names {
            column,
            known: FxHashMap::default(),
        }
    }

    /// The document's value ("" when it has none).
    fn of(&mut self, doc: tantivy::DocId) -> Rc<str> {
        let Some(column) = &self.column else {
            return Rc::from("");
        };
        let Some(ord) = column.term_ords(doc).next() else {
            return Rc::from("");
        };
        self.known
            .entry(ord)
            .or_insert_with(|| {
                let mut name = String::new();
                let _ = column.ord_to_str(ord, &mut name);
                Rc::from(name)
            })
            .clone()
    }
}

/// A shown hit and the candidates folded under it (with their similarity
/// to it).
struct Group {
    lead: usize,
    members: Vec<(usize, f64)>,
}

/// The candidates of a group, its lead first.
fn members(group: &Group) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(group.lead).chain(group.members.iter().map(|(m, _)| *m))
}

/// The page of distinct hits `request` asks for: candidates are read in
/// rank order from a window a few times larger than the page, grown until
/// enough distinct hits are found or the matches run out.
pub fn folded_page(
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
    request: &Request,
    facet_counter: Option<FacetCounter>,
) -> anyhow::Result<FoldedPage> {
    let wanted = request.offset + request.limit;
    let mut window = (wanted * 3 + 10).min(MAX_WINDOW);
    loop {
        let probe = Request {
            limit: window,
            offset: 0,
            ..request.clone()
        };
        let counter = facet_counter.as_ref().map(|_| FacetCounter);
        let (ranked, total, facets) = top_hits(searcher, query, &probe, counter)?;
        let exhausted = ranked.len() >= total || window >= MAX_WINDOW;
        let mut candidates = Candidates::new(searcher, fields, ranked, request.sort)?;
        let places = std::mem::take(&mut candidates.places);
        let groups = fold(&places, |a, b| candidates.similarity(a, b))?;
        if groups.len() >= wanted || exhausted {
            return Ok(page(candidates, groups, request, total, facets)?);
        }
        window = (window * 2).min(MAX_WINDOW);
    }
}

/// Groups candidates (in rank order): each joins the first earlier group
/// of its country and topic holding a passage nearly the same as it, from
/// no edition the group already has; otherwise it leads a group of its own.
fn fold(
    places: &[Place],
    mut similarity: impl FnMut(usize, usize) -> tantivy::Result<f64>,
) -> tantivy::Result<Vec<Group>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_place: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
    for (i, place) in places.iter().enumerate() {
        let key = (&*place.country, &*place.topic);
        let mut home = None;
        for &g in by_place.get(&key).map_or(&[][..], Vec::as_slice) {
            let group = &groups[g];
            if members(group).any(|m| places[m].year == place.year) {
                continue;
            }
            let mut near = false;
            for m in members(group) {
                if similarity(m, i)? >= FOLD_AT_LEAST {
                    near = true;
                    break;
                }
            }
            if near {
                home = Some(g);
                break;
            }
        }
        match home {
            Some(g) => {
                let to_lead = similarity(groups[g].lead, i)?;
                groups[g].members.push((i, to_lead));
            }
            None => {
                by_place.entry(key).or_default().push(groups.len());
                groups.push(Group {
                    lead: i,
                    members: Vec::new(),
                });
            }
        }
    }
    Ok(groups)
}

fn page(
    mut candidates: Candidates,
    groups: Vec<Group>,
    request: &Request,
    total: usize,
    facets: Option<FacetCounts>,
) -> tantivy::Result<FoldedPage> {
    let shown: Vec<Group> = groups
        .into_iter()
        .skip(request.offset)
        .take(request.limit)
        .collect();
    let folded = shown.iter().map(|g| g.members.len()).sum();
    let mut hits = Vec::with_capacity(shown.len());
    for group in shown {
        let mut also_in = Vec::with_capacity(group.members.len());
        for &(m, similarity) in &group.members {
            let member = candidates.passage(m)?;
            also_in.push(AlsoIn {
                year: member.year,
                report_id: member.report_id.clone(),
                similarity: (similarity * 1000.0).round() / 1000.0,
            });
        }
        also_in.sort_by_key(|a| a.year);
        candidates.passage(group.lead)?;
        hits.push(FoldedHit {
            score: candidates.ranked[group.lead].0,
            passage: candidates.passages[group.lead]
                .take()
                .expect("loaded above"),
            also_in,
        });
    }
    Ok(FoldedPage {
        hits,
        total,
        facets,
        folded,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(country: &str, topic: &str, year: u64) -> Place {
        Place {
            country: country.to_lowercase().into(),
            topic: topic.into(),
            year,
        }
    }

    const CARRIED: &str = "The law prohibits arbitrary arrest and detention; however, security forces often did not respect these prohibitions in practice, and police arrested persons without warrants in the provinces. The law requires a judge or magistrate to issue a warrant prior to an arrest, although a person caught committing a crime may be arrested immediately without a warrant.";

    #[test]
    fn near_copies_from_other_years_fold_under_the_first() {
        let edited = CARRIED.replace("often", "frequently");
        let arrest = "integrity/arbitrary-arrest";
        let candidates = [
            (place("Angola", arrest, 2009), CARRIED),
            (place("Angola", arrest, 2008), edited.as_str()),
            // Same text, other country: kept.
            (place("Liberia", arrest, 2008), CARRIED),
            // Same text, other topic: kept.
            (place("Angola", "integrity/torture", 2007), CARRIED),
            // Same year as the lead: another passage of that report, kept.
            (place("Angola", arrest, 2009), edited.as_str()),
            (
                place("Angola", arrest, 2007),
                "Authorities released all detainees held without charge by year's end.",
            ),
        ];
        let places: Vec<Place> = candidates.iter().map(|(p, _)| p.clone()).collect();
        let sets: Vec<FxHashSet<u64>> = candidates.iter().map(|(_, t)| shingles(t)).collect();
        let groups = fold(&places, |a, b| Ok(similarity(&sets[a], &sets[b]))).unwrap();
        let leads: Vec<usize> = groups.iter().map(|g| g.lead).collect();
        assert_eq!(leads, [0, 2, 3, 4, 5]);
        assert_eq!(groups[0].members.len(), 1);
        let (member, similarity) = groups[0].members[0];
        assert_eq!(member, 1);
        assert!((FOLD_AT_LEAST..1.0).contains(&similarity), "{similarity}");
    }

    #[test]
    fn a_passage_that_gained_new_text_is_not_folded() {
        let grown = format!(
            "{CARRIED} In October the government opened an inquiry into 40 detentions in Cabinda, and the ombudsman visited prisons in three provinces where detainees were held beyond the legal limit."
        );
        assert!(similarity(&shingles(CARRIED), &shingles(&grown)) < FOLD_AT_LEAST);
    }
}
