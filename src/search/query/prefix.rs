//! What `word*` stands for in a stemmed index.
//!
//! The index holds stems (detained -> `detain`, detainee -> `detaine`,
//! organization -> `organ`), so a prefix as typed is matched two ways:
//! every term that starts with it (`detain*`: `detain`, `detaine`, so
//! detain, detained, detaining, detainee, detainees), and the stems of the
//! usual English words that start with it where stemming changed the
//! prefix (`nationalit*`: nationality is `nation`; `arbitrary*`:
//! `arbitrari`; `detention*`: `detent`). Words sharing such a stem come
//! too (`nationalit*` finds national);
//! a word that does not start with the prefix never does (`detain*` does
//! not find detention: `det*` does).

use crate::analysis::{self, Side};
use std::collections::BTreeMap;
use tantivy::Searcher;
use tantivy::schema::Field;
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer};

/// Endings tried on a prefix to find the stems of words that start with it
/// but whose stems do not.
const ENDINGS: &[&str] = &[
    "", "e", "s", "es", "ed", "ing", "y", "ies", "ion", "ions", "ation", "al", "ally", "ity",
    "ment", "er", "ers", "ly", "ness", "ize", "ise", "ised", "ized",
];

/// A prefix's terms, the most frequent first.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Expansion {
    pub terms: Vec<String>,
    /// How many terms the prefix stands for.
    pub found: usize,
    /// How many of them are kept (at most the limit).
    pub kept: usize,
}

/// The terms of `field` that `typed*` stands for, at most `limit` of them.
pub fn expand(
    searcher: &Searcher,
    field: Field,
    typed: &str,
    limit: usize,
) -> tantivy::Result<Expansion> {
    let prefix = folded(typed);
    let mut frequency: BTreeMap<String, u64> = BTreeMap::new();
    let shorter: Vec<String> = ENDINGS
        .iter()
        .filter_map(|ending| {
            let terms = analysis::terms(&format!("{prefix}{ending}"), Side::Query);
            match terms.as_slice() {
                [(_, stem)] if !stem.starts_with(&prefix) => Some(stem.clone()),
                _ => None,
            }
        })
        .collect();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let terms = inverted.terms();
        let mut stream = terms.range().ge(prefix.as_bytes()).into_stream()?;
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if !term.starts_with(&prefix) {
                break;
            }
            *frequency.entry(term.to_string()).or_default() += u64::from(stream.value().doc_freq);
        }
        for stem in &shorter {
            if let Some(info) = terms.get(stem.as_bytes())? {
                *frequency.entry(stem.clone()).or_default() += u64::from(info.doc_freq);
            }
        }
    }
    let found = frequency.len();
    let mut ranked: Vec<(String, u64)> = frequency.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(limit);
    Ok(Expansion {
        kept: ranked.len(),
        terms: ranked.into_iter().map(|(term, _)| term).collect(),
        found,
    })
}

/// The prefix as the index spells terms: lower case, accents folded,
/// hyphens closed up as in compounds ("pre-tri" -> "pretri").
fn folded(typed: &str) -> String {
    let mut folder = TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let mut stream = folder.token_stream(typed);
    let text = stream
        .next()
        .map(|t| t.text.clone())
        .unwrap_or_else(|| typed.to_lowercase());
    text.chars()
        .filter(|c| c.is_alphanumeric() || *c == '\'')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_folded_as_terms_are() {
        assert_eq!(folded("Détain"), "detain");
        assert_eq!(folded("pre-tri"), "pretri");
        assert_eq!(folded("women’s"), "women's");
    }

    #[test]
    fn stemming_can_change_a_prefix() {
        assert_eq!(analysis::terms("nationality", Side::Query)[0].1, "nation");
        assert_eq!(analysis::terms("arbitrary", Side::Query)[0].1, "arbitrari");
        assert_eq!(analysis::terms("detention", Side::Query)[0].1, "detent");
    }
}
