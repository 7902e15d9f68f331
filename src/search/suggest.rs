//! "Did you mean": when a search finds nothing, the words of the query no
//! passage holds, each with the nearest word the index does hold, as
//! people write it.
//!
//! Candidates are the text field's own terms (stems) that start with the
//! same letter, within a small edit distance of the query word's term, the
//! closest first and, among equals, the one in most passages. The index keeps stems ("tortur"), so the word
//! offered is read back from passages holding the term: of the spellings
//! found there, the one closest to what was typed ("torture").

use super::query::{Node, Parsed, required_leaves};
use crate::analysis::{self, Side};
use crate::index::PassageIndex;
use std::collections::HashMap;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

/// At most this many unknown words are looked into.
const MAX_UNKNOWN: usize = 8;
/// Passages read to recover how a term is written.
const SAMPLES: usize = 5;

/// A word of the query that no passage holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// As typed.
    pub word: String,
    /// Where it is in the query (chars).
    pub at: usize,
    /// The nearest word the index holds, as written in the reports.
    pub suggestion: Option<String>,
}

/// What to tell a user whose search found nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Advice {
    pub unknown: Vec<Unknown>,
    /// The query with each unknown word replaced by its suggestion, when
    /// there is at least one.
    pub did_you_mean: Option<String>,
}

impl Advice {
    /// One line per unknown word, for warnings.
    pub fn messages(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .unknown
            .iter()
            .map(|u| match &u.suggestion {
                Some(s) => format!("no passage contains \"{}\"; did you mean \"{s}\"?", u.word),
                None => format!("no passage contains \"{}\"", u.word),
            })
            .collect();
        if let Some(query) = &self.did_you_mean
            && self.unknown.len() > 1
        {
            out.push(format!("did you mean: {query}"));
        }
        out
    }
}

/// Looks into the query's required words that no passage holds.
pub fn advise(index: &PassageIndex, parsed: &Parsed) -> tantivy::Result<Advice> {
    let searcher = index.reader.searcher();
    let field = index.fields.text;
    let mut unknown: Vec<(Unknown, String)> = Vec::new();
    for (word, at, prefix) in words(parsed) {
        if unknown.len() == MAX_UNKNOWN {
            break;
        }
        if prefix {
            let expansion = super::query::prefix::expand(&searcher, field, &word, 1)?;
            if expansion.found == 0 {
                let shown = format!("{word}*");
                unknown.push((
                    Unknown {
                        word: shown,
                        at,
                        suggestion: None,
                    },
                    String::new(),
                ));
            }
            continue;
        }
        for (_, term) in analysis::terms(&word, Side::Query) {
            if searcher.doc_freq(&Term::from_field_text(field, &term))? == 0 {
                unknown.push((
                    Unknown {
                        word: word.clone(),
                        at,
                        suggestion: None,
                    },
                    term,
                ));
                break;
            }
        }
    }
    let wanted: Vec<&str> = unknown
        .iter()
        .map(|(_, term)| term.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let nearest = nearest_terms(&searcher, field, &wanted)?;
    for (u, term) in &mut unknown {
        if let Some(candidate) = nearest.get(term.as_str()) {
            u.suggestion = surface(index, &searcher, candidate, &u.word)?;
        }
    }
    let unknown: Vec<Unknown> = unknown.into_iter().map(|(u, _)| u).collect();
    let did_you_mean = unknown
        .iter()
        .any(|u| u.suggestion.is_some())
        .then(|| corrected(&parsed.text, &unknown));
    Ok(Advice {
        unknown,
        did_you_mean,
    })
}

/// The required words of the query with their places: each word, and
/// each word of each phrase; `true` for a prefix.
fn words(parsed: &Parsed) -> Vec<(String, usize, bool)> {
    let mut out = Vec::new();
    for leaf in required_leaves(&parsed.tree) {
        match leaf {
            Node::Word { text, prefix, at } => out.push((text.clone(), *at, *prefix)),
            Node::Phrase { text, at, .. } => {
                // The phrase's text starts after its opening quote.
                let mut offset = at + 1;
                let mut rest = text.as_str();
                while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
                    offset += rest[..start].chars().count();
                    rest = &rest[start..];
                    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    out.push((rest[..end].to_string(), offset, false));
                    offset += rest[..end].chars().count();
                    rest = &rest[end..];
                }
            }
            _ => {}
        }
    }
    out
}

/// For each wanted term, the index term nearest to it (edit distance,
/// then passages holding it). Only terms with the same first letter are
/// looked at: a typo there is rare, and the range of the term dictionary
/// it leaves is small enough to read at every search that finds nothing.
fn nearest_terms(
    searcher: &Searcher,
    field: tantivy::schema::Field,
    wanted: &[&str],
) -> tantivy::Result<HashMap<String, String>> {
    let reach = |term: &str| if term.chars().count() <= 4 { 1 } else { 2 };
    // (distance, passages, term) of the best candidate so far, per word.
    let mut best: HashMap<String, (usize, u64, String)> = HashMap::new();
    let segments = searcher.segment_readers();
    for &w in wanted {
        let Some(first) = w.chars().next() else {
            continue;
        };
        let (from, to) = letter_range(first);
        let len = w.chars().count();
        let mut candidates: HashMap<String, (usize, u64)> = HashMap::new();
        for segment in segments {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().range().ge(&from).lt(&to).into_stream()?;
            while stream.advance() {
                let Ok(term) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if term.len().abs_diff(w.len()) > reach(w) + 2
                    || term.chars().count().abs_diff(len) > reach(w)
                {
                    continue;
                }
                let distance = strsim::damerau_levenshtein(w, term);
                if distance == 0 || distance > reach(w) {
                    continue;
                }
                let entry = candidates.entry(term.to_string()).or_insert((distance, 0));
                entry.1 += u64::from(stream.value().doc_freq);
            }
        }
        if let Some((term, (distance, df))) = candidates.into_iter().min_by(|a, b| {
            (a.1.0, std::cmp::Reverse(a.1.1), &a.0).cmp(&(b.1.0, std::cmp::Reverse(b.1.1), &b.0))
        }) {
            best.insert(w.to_string(), (distance, df, term));
        }
    }
    Ok(best.into_iter().map(|(w, (_, _, t))| (w, t)).collect())
}

/// The term dictionary's range of terms starting with `letter`.
fn letter_range(letter: char) -> (Vec<u8>, Vec<u8>) {
    let mut from = [0u8; 4];
    let from = letter.encode_utf8(&mut from).as_bytes().to_vec();
    let mut to = from.clone();
    // The next byte string after every string starting with `from`.
    while let Some(last) = to.pop() {
        if last < u8::MAX {
            to.push(last + 1);
            break;
        }
    }
    if to.is_empty() {
        to = vec![u8::MAX; 5];
    }
    (from, to)
}

/// How `term` is written in the reports: of its spellings in a few
/// passages holding it, the one closest to `typed`.
fn surface(
    index: &PassageIndex,
    searcher: &Searcher,
    term: &str,
    typed: &str,
) -> tantivy::Result<Option<String>> {
    let field = index.fields.text;
    let query = TermQuery::new(Term::from_field_text(field, term), IndexRecordOption::Basic);
    let hits = searcher.search(&query, &TopDocs::with_limit(SAMPLES).order_by_score())?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut analyzer = analysis::analyzer(Side::Index);
    for (_, address) in hits {
        let doc: TantivyDocument = searcher.doc(address)?;
        let Some(text) = doc.get_first(field).and_then(|v| v.as_str()) else {
            continue;
        };
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            if token.text == term {
                let written = text[token.offset_from..token.offset_to].to_lowercase();
                *seen.entry(written).or_default() += 1;
            }
        }
    }
    let typed = typed.to_lowercase();
    Ok(seen
        .into_iter()
        .min_by_key(|(w, n)| {
            (
                strsim::damerau_levenshtein(&typed, w),
                std::cmp::Reverse(*n),
                w.clone(),
            )
        })
        .map(|(w, _)| w)
        .or_else(|| Some(term.to_string())))
}

/// The query with each unknown word that has a suggestion replaced by it.
fn corrected(query: &str, unknown: &[Unknown]) -> String {
    let chars: Vec<char> = query.chars().collect();
    let mut out = String::new();
    let mut next = 0;
    let mut replaced: Vec<&Unknown> = unknown.iter().filter(|u| u.suggestion.is_some()).collect();
    replaced.sort_by_key(|u| u.at);
    for u in replaced {
        let len = u.word.chars().count();
        if u.at < next || u.at + len > chars.len() {
            continue;
        }
        out.extend(&chars[next..u.at]);
        out.push_str(u.suggestion.as_deref().unwrap_or(&u.word));
        next = u.at + len;
    }
    out.extend(&chars[next..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::{Limits, parse};

    #[test]
    fn words_of_phrases_keep_their_places() {
        let parsed = parse("torture \"pretrial  detenton\" -police", &Limits::default()).unwrap();
        let found: Vec<(String, usize)> = words(&parsed)
            .into_iter()
            .map(|(w, at, _)| (w, at))
            .collect();
        assert_eq!(
            found,
            [
                ("torture".into(), 0),
                ("pretrial".into(), 9),
                ("detenton".into(), 19)
            ]
        );
    }

    #[test]
    fn the_query_is_corrected_in_place() {
        let unknown = [Unknown {
            word: "detenton".into(),
            at: 19,
            suggestion: Some("detention".into()),
        }];
        assert_eq!(
            corrected("torture \"pretrial  detenton\" -police", &unknown),
            "torture \"pretrial  detention\" -police"
        );
    }
}
