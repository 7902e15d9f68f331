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
use super::{MAX_WINDOW, Request, StoredPassage, load_passage, top_hits};
use crate::index::Fields;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::{Hash, Hasher};
use tantivy::query::Query;
use tantivy::{Score, Searcher};

/// How alike two passages' shingle sets must be to fold one under the other.
pub const FOLD_AT_LEAST: f64 = 0.8;

/// A passage folded under a hit: its edition and how alike the two are.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
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

/// A loaded candidate, and the group of hits it leads or joined.
struct Candidate {
    score: Score,
    passage: StoredPassage,
    shingles: FxHashSet<u64>,
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
        let (addresses, total, facets) = top_hits(searcher, query, &probe, counter)?;
        let exhausted = addresses.len() >= total || window >= MAX_WINDOW;
        let candidates = addresses
            .into_iter()
            .map(|(score, address)| {
                let passage = load_passage(searcher, fields, address)?;
                Ok(Candidate {
                    score,
                    shingles: shingles(&passage.text),
                    passage,
                })
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let groups = fold(&candidates);
        if groups.len() >= wanted || exhausted {
            return Ok(page(candidates, groups, request, total, facets));
        }
        window = (window * 2).min(MAX_WINDOW);
    }
}

/// Groups candidates (in rank order): each joins the first earlier group
/// of its country and topic holding a passage nearly the same as it, from
/// no edition the group already has; otherwise it leads a group of its own.
fn fold(candidates: &[Candidate]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_place: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
    for (i, candidate) in candidates.iter().enumerate() {
        let p = &candidate.passage;
        let place = (p.country_key.as_str(), p.section_topic.as_str());
        let home = by_place.get(&place).and_then(|indices| {
            indices.iter().copied().find(|&g| {
                let group = &groups[g];
                members(group).all(|m| candidates[m].passage.year != p.year)
                    && members(group).any(|m| {
                        similarity(&candidates[m].shingles, &candidate.shingles) >= FOLD_AT_LEAST
                    })
            })
        });
        match home {
            Some(g) => {
                let lead = &candidates[groups[g].lead].shingles;
                let to_lead = similarity(lead, &candidate.shingles);
                groups[g].members.push((i, to_lead));
            }
            None => {
                by_place.entry(place).or_default().push(groups.len());
                groups.push(Group {
                    lead: i,
                    members: Vec::new(),
                });
            }
        }
    }
    groups
}

fn page(
    candidates: Vec<Candidate>,
    groups: Vec<Group>,
    request: &Request,
    total: usize,
    facets: Option<FacetCounts>,
) -> FoldedPage {
    let mut slots: Vec<Option<Candidate>> = candidates.into_iter().map(Some).collect();
    let shown: Vec<Group> = groups
        .into_iter()
        .skip(request.offset)
        .take(request.limit)
        .collect();
    let folded = shown.iter().map(|g| g.members.len()).sum();
    let hits = shown
        .into_iter()
        .filter_map(|group| {
            let lead = slots[group.lead].take()?;
            let mut also_in: Vec<AlsoIn> = group
                .members
                .iter()
                .filter_map(|&(m, similarity)| {
                    let member = slots[m].take()?;
                    Some(AlsoIn {
                        year: member.passage.year,
                        report_id: member.passage.report_id,
                        similarity: (similarity * 1000.0).round() / 1000.0,
                    })
                })
                .collect();
            also_in.sort_by_key(|a| a.year);
            Some(FoldedHit {
                score: lead.score,
                passage: lead.passage,
                also_in,
            })
        })
        .collect();
    FoldedPage {
        hits,
        total,
        facets,
        folded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(country: &str, topic: &str, year: u64, text: &str) -> Candidate {
        Candidate {
            score: 1.0,
            shingles: shingles(text),
            passage: StoredPassage {
                country: country.into(),
                country_key: country.to_lowercase(),
                year,
                section_code: "1.d".into(),
                section_topic: topic.into(),
                section_path: Vec::new(),
                text: text.into(),
                source: String::new(),
                byte_range: [0, 0],
                report_id: format!("{}/{year}", country.to_lowercase()),
                title: String::new(),
            },
        }
    }

    const CARRIED: &str = "The law prohibits arbitrary arrest and detention; however, security forces often did not respect these prohibitions in practice, and police arrested persons without warrants in the provinces. The law requires a judge or magistrate to issue a warrant prior to an arrest, although a person caught committing a crime may be arrested immediately without a warrant.";

    #[test]
    fn near_copies_from_other_years_fold_under_the_first() {
        let edited = CARRIED.replace("often", "frequently");
        let arrest = "integrity/arbitrary-arrest";
        let candidates = [
            candidate("Angola", arrest, 2009, CARRIED),
            candidate("Angola", arrest, 2008, &edited),
            // Same text, other country: kept.
            candidate("Liberia", arrest, 2008, CARRIED),
            // Same text, other topic: kept.
            candidate("Angola", "integrity/torture", 2007, CARRIED),
            // Same year as the lead: another passage of that report, kept.
            candidate("Angola", arrest, 2009, &edited),
            candidate(
                "Angola",
                arrest,
                2007,
                "Authorities released all detainees held without charge by year's end.",
            ),
        ];
        let groups = fold(&candidates);
        let leads: Vec<usize> = groups.iter().map(|g| g.lead).collect();
        assert_eq!(leads, [0, 2, 3, 4, 5]);
        assert_eq!(groups[0].members.len(), 1);
        let (member, similarity) = groups[0].members[0];
        assert_eq!(member, 1);
        assert!(
            (FOLD_AT_LEAST..1.0).contains(&similarity),
            "{similarity}"
        );
    }

    #[test]
    fn a_passage_that_gained_new_text_is_not_folded() {
        let grown = format!(
            "{CARRIED} In October the government opened an inquiry into 40 detentions in Cabinda, and the ombudsman visited prisons in three provinces where detainees were held beyond the legal limit."
        );
        assert!(similarity(&shingles(CARRIED), &shingles(&grown)) < FOLD_AT_LEAST);
    }
}
