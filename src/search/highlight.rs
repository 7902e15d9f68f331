//! Which words of a passage matched: character ranges over the whole text,
//! and a snippet (tantivy's fragment selection) with its own ranges.

use crate::analysis::{self, Side};
use std::collections::BTreeMap;
use std::ops::Range;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TokenStream;
use tantivy::{Score, Searcher};

/// Snippets are cut to about this many characters.
pub const SNIPPET_CHARS: usize = 320;

/// Finds the query's terms in passage texts.
pub struct Highlighter {
    terms: BTreeMap<String, Score>,
    snippets: SnippetGenerator,
}

/// A piece of a passage with the ranges (in chars of `text`) to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

impl Highlighter {
    pub fn new(searcher: &Searcher, query: &dyn Query, field: Field) -> tantivy::Result<Self> {
        let mut terms = BTreeMap::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field
                && let Some(text) = term.value().as_str()
            {
                let doc_freq = searcher.doc_freq(term).unwrap_or(0);
                terms.insert(text.to_string(), 1.0 / (1.0 + doc_freq as Score));
            }
        });
        let snippets = SnippetGenerator::new(
            terms.clone(),
            analysis::analyzer(Side::Index),
            field,
            SNIPPET_CHARS,
        );
        Ok(Highlighter { terms, snippets })
    }

    /// Char ranges of matched words in the whole text.
    pub fn highlights(&self, text: &str) -> Vec<Range<usize>> {
        let mut analyzer = analysis::analyzer(Side::Index);
        let mut stream = analyzer.token_stream(text);
        let mut bytes = Vec::new();
        while let Some(token) = stream.next() {
            if self.terms.contains_key(&token.text) {
                bytes.push(token.offset_from..token.offset_to);
            }
        }
        to_char_ranges(text, merge(bytes))
    }

    /// The best fragment of the text, with its highlights (char ranges in
    /// the fragment). Falls back to the text's start when nothing matched
    /// (a query on other fields, or only excluded words).
    pub fn snippet(&self, text: &str) -> Marked {
        let snippet = self.snippets.snippet(text);
        if snippet.fragment().is_empty() {
            let cut = text.floor_char_boundary(SNIPPET_CHARS);
            let end = text[..cut]
                .rfind(' ')
                .filter(|_| cut < text.len())
                .unwrap_or(cut);
            return Marked {
                text: text[..end].to_string(),
                highlights: Vec::new(),
            };
        }
        let fragment = snippet.fragment();
        Marked {
            text: fragment.to_string(),
            highlights: to_char_ranges(fragment, merge(snippet.highlighted().to_vec())),
        }
    }
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
fn to_char_ranges(text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
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
