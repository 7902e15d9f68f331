//! Which words of a passage matched: character ranges over the whole text,
//! and the snippet ([`super::snippet`]) with its own ranges.
//! The text is analysed once per hit, with the analyzer the index used.
//! A phrase is marked where it occurs as a phrase, as one range: marking
//! each of its words anywhere would light up every "of" of "freedom of
//! expression".

use super::query::PairQuery;
use crate::analysis::{self, Side};
use std::cell::RefCell;
use std::collections::HashSet;
use std::ops::Range;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query};
use tantivy::schema::Field;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

/// Finds the query's terms and phrases in passage texts.
pub struct Highlighter {
    /// Terms matched wherever they occur.
    words: HashSet<String>,
    /// Terms matched only in this order at consecutive positions.
    phrases: Vec<Vec<String>>,
    /// One analyzer for all hits, so its word cache stays warm.
    analyzer: RefCell<TextAnalyzer>,
}

/// A piece of a passage with the ranges (in chars of `text`) to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

/// One analysed word of a passage.
struct Word {
    position: usize,
    term: String,
    bytes: Range<usize>,
}

impl Highlighter {
    pub fn new(query: &dyn Query, field: Field) -> Self {
        let mut highlighter = Highlighter {
            words: HashSet::new(),
            phrases: Vec::new(),
            analyzer: RefCell::new(analysis::analyzer(Side::Index)),
        };
        highlighter.collect(query, field);
        highlighter
    }

    /// Walks the query: phrases keep their word order, excluded clauses are
    /// left out, and any other query's terms count as words.
    fn collect(&mut self, query: &dyn Query, field: Field) {
        let text_of = |term: &tantivy::Term| term.value().as_str().map(str::to_string);
        if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
            for (occur, clause) in boolean.clauses() {
                if *occur != Occur::MustNot {
                    self.collect(clause.as_ref(), field);
                }
            }
        } else if let Some(pair) = query.downcast_ref::<PairQuery>() {
            // A two-word phrase read from word pairs is still a phrase.
            let words = pair.words();
            if words[0].field() == field {
                self.phrases
                    .extend(words.iter().map(text_of).collect::<Option<Vec<_>>>());
            }
        } else if let Some(phrase) = query.downcast_ref::<PhraseQuery>() {
            if phrase.field() == field {
                let terms = phrase.phrase_terms();
                self.phrases
                    .extend(terms.iter().map(text_of).collect::<Option<Vec<_>>>());
            }
        } else {
            query.query_terms(&mut |term, _| {
                if term.field() == field
                    && let Some(text) = text_of(term)
                {
                    self.words.insert(text);
                }
            });
        }
    }

    /// Byte ranges of matched words and phrases in the text, sorted and
    /// merged.
    pub fn matches(&self, text: &str) -> Vec<Range<usize>> {
        let words = self.analyse(text);
        let mut bytes: Vec<Range<usize>> = words
            .iter()
            .filter(|w| self.words.contains(&w.term))
            .map(|w| w.bytes.clone())
            .collect();
        for phrase in &self.phrases {
            bytes.extend(phrase_matches(&words, phrase));
        }
        merge(bytes)
    }

    fn analyse(&self, text: &str) -> Vec<Word> {
        let mut analyzer = self.analyzer.borrow_mut();
        let mut stream = analyzer.token_stream(text);
        let mut words = Vec::new();
        while let Some(token) = stream.next() {
            words.push(Word {
                position: token.position,
                term: token.text.clone(),
                bytes: token.offset_from..token.offset_to,
            });
        }
        words
    }

    /// Char ranges of matched words in the whole text, and the snippet.
    pub fn mark(&self, text: &str) -> (Vec<Range<usize>>, Marked) {
        let matches = self.matches(text);
        let snippet = super::snippet::snippet(text, &matches);
        (to_char_ranges(text, matches), snippet)
    }
}

/// Where `phrase` occurs in `words` (in position order; a compound and its
/// parts share a position): one range from its first word to its last.
fn phrase_matches(words: &[Word], phrase: &[String]) -> Vec<Range<usize>> {
    let Some(last) = words.last() else {
        return Vec::new();
    };
    let mut at_position: Vec<Vec<&Word>> = vec![Vec::new(); last.position + 1];
    for word in words {
        at_position[word.position].push(word);
    }
    let has = |position: usize, term: &String| {
        at_position
            .get(position)
            .is_some_and(|ws| ws.iter().any(|w| &w.term == term))
    };
    let span = |position: usize| {
        let ws = &at_position[position];
        let start = ws.iter().map(|w| w.bytes.start).min().unwrap_or(0);
        let end = ws.iter().map(|w| w.bytes.end).max().unwrap_or(start);
        start..end
    };
    (0..at_position.len())
        .filter(|&start| {
            !phrase.is_empty()
                && phrase
                    .iter()
                    .enumerate()
                    .all(|(i, term)| has(start + i, term))
        })
        .map(|start| span(start).start..span(start + phrase.len() - 1).end)
        .collect()
}

/// Sorts and merges overlapping byte ranges (a compound and its parts).
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Byte ranges to char ranges, in one pass over the text.
pub(crate) fn to_char_ranges(text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(ranges.len());
    let mut chars = 0;
    let mut byte = 0;
    let mut advance = |to: usize| {
        chars += text[byte..to].chars().count();
        byte = to;
        chars
    };
    for r in ranges {
        let start = advance(r.start);
        let end = advance(r.end);
        out.push(start..end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_and_converts() {
        assert_eq!(merge(vec![4..9, 0..9, 12..14]), vec![0..9, 12..14]);
        assert_eq!(
            to_char_ranges("café pretrial", vec![0..5, 6..14]),
            [0..4, 5..13]
        );
    }
}

#[cfg(test)]
mod phrase_tests {
    use super::*;
    use tantivy::Term;
    use tantivy::query::TermQuery;
    use tantivy::schema::IndexRecordOption;

    fn terms(text: &str, field: Field) -> Vec<Term> {
        analysis::terms(text, Side::Query)
            .into_iter()
            .map(|(_, t)| Term::from_field_text(field, &t))
            .collect()
    }

    fn marked(highlighter: &Highlighter, text: &str) -> Vec<String> {
        let matches = highlighter.matches(text);
        matches.into_iter().map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn a_phrase_is_marked_where_it_occurs_as_a_phrase() {
        let (_, fields) = crate::index::schema::build();
        let phrase = PhraseQuery::new(terms("freedom of expression", fields.text));
        let highlighter = Highlighter::new(&phrase, fields.text);
        let text = "The law provided for freedom of speech and of the press, \
                    but limited Freedom of Expression online.";
        assert_eq!(marked(&highlighter, text), ["Freedom of Expression"]);
    }

    #[test]
    fn a_phrase_matches_across_a_hyphenated_compound() {
        let (_, fields) = crate::index::schema::build();
        let phrase = PhraseQuery::new(terms("pretrial detention", fields.text));
        let highlighter = Highlighter::new(&phrase, fields.text);
        assert_eq!(
            marked(
                &highlighter,
                "Lengthy pre-trial detention and pretrial release."
            ),
            ["pre-trial detention"]
        );
    }

    #[test]
    fn words_beside_a_phrase_are_marked_anywhere_and_excluded_ones_not() {
        let (_, fields) = crate::index::schema::build();
        let word = |w: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                terms(w, fields.text).remove(0),
                IndexRecordOption::WithFreqs,
            ))
        };
        let query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(PhraseQuery::new(terms("prison conditions", fields.text))),
            ),
            (Occur::Must, word("torture")),
            (Occur::MustNot, word("police")),
        ]);
        let highlighter = Highlighter::new(&query, fields.text);
        let text = "Police torture in prison; prison conditions were harsh.";
        assert_eq!(marked(&highlighter, text), ["torture", "prison conditions"]);
    }
}
