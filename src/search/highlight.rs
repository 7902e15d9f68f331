//! Which words of a passage matched: character ranges over the whole text,
//! and a snippet (the window with the most matches) with its own ranges.
//! The text is analysed once per hit, with the analyzer the index used.

use crate::analysis::{self, Side};
use std::cell::RefCell;
use std::collections::HashSet;
use std::ops::Range;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

/// Snippets are cut to about this many bytes of text.
pub const SNIPPET_CHARS: usize = 320;
/// How much text a snippet shows before its first matched word.
const LEAD: usize = 60;

/// Finds the query's terms in passage texts.
pub struct Highlighter {
    terms: HashSet<String>,
    /// One analyzer for all hits, so its word cache stays warm.
    analyzer: RefCell<TextAnalyzer>,
}

/// A piece of a passage with the ranges (in chars of `text`) to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

impl Highlighter {
    pub fn new(query: &dyn Query, field: Field) -> Self {
        let mut terms = HashSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field
                && let Some(text) = term.value().as_str()
            {
                terms.insert(text.to_string());
            }
        });
        Highlighter {
            terms,
            analyzer: RefCell::new(analysis::analyzer(Side::Index)),
        }
    }

    /// Byte ranges of matched words in the text, sorted and merged.
    pub fn matches(&self, text: &str) -> Vec<Range<usize>> {
        let mut analyzer = self.analyzer.borrow_mut();
        let mut stream = analyzer.token_stream(text);
        let mut bytes = Vec::new();
        while let Some(token) = stream.next() {
            if self.terms.contains(&token.text) {
                bytes.push(token.offset_from..token.offset_to);
            }
        }
        merge(bytes)
    }

    /// Char ranges of matched words in the whole text, and the snippet.
    pub fn mark(&self, text: &str) -> (Vec<Range<usize>>, Marked) {
        let matches = self.matches(text);
        let snippet = snippet(text, &matches);
        (to_char_ranges(text, matches), snippet)
    }
}

/// The window of about [`SNIPPET_CHARS`] bytes holding the most matches,
/// starting a little before its first match, on word boundaries.
fn snippet(text: &str, matches: &[Range<usize>]) -> Marked {
    // Start at the sentence holding the match if it began shortly before,
    // else at a word boundary about LEAD bytes before the match.
    let window_at = |at: usize| {
        let lead = text.floor_char_boundary(at.saturating_sub(LEAD));
        let start = match text[lead..at].rfind(". ") {
            Some(end) => lead + end + 2,
            None if lead == 0 => 0,
            None => text[..lead].rfind(' ').map_or(0, |s| s + 1),
        };
        let limit = text.floor_char_boundary((start + SNIPPET_CHARS).min(text.len()));
        let end = if limit == text.len() {
            limit
        } else {
            text[start..limit].rfind(' ').map_or(limit, |e| start + e)
        };
        start..end
    };
    let best = matches
        .iter()
        .map(|m| window_at(m.start))
        .max_by_key(|w| {
            // Most distinct query words first (a phrase beats many "of"s),
            // then most matches, then the earliest window.
            let inside: Vec<String> = matches
                .iter()
                .filter(|m| m.start >= w.start && m.end <= w.end)
                .map(|m| text[m.clone()].to_lowercase())
                .collect();
            let distinct: HashSet<&String> = inside.iter().collect();
            (distinct.len(), inside.len(), std::cmp::Reverse(w.start))
        })
        .unwrap_or_else(|| window_at(0));
    let inside: Vec<Range<usize>> = matches
        .iter()
        .filter(|m| m.start >= best.start && m.end <= best.end)
        .map(|m| m.start - best.start..m.end - best.start)
        .collect();
    let fragment = &text[best];
    Marked {
        text: fragment.to_string(),
        highlights: to_char_ranges(fragment, inside),
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

#[cfg(test)]
mod snippet_tests {
    use super::*;

    #[test]
    fn snippet_centres_on_the_densest_matches() {
        let text = format!(
            "{} pretrial detention and pretrial release. {}",
            "filler ".repeat(80),
            "tail ".repeat(80)
        );
        let at = text.find("pretrial").unwrap();
        let matches = vec![at..at + 8, at + 9..at + 18, at + 23..at + 31];
        let marked = snippet(&text, &matches);
        assert!(marked.text.len() <= SNIPPET_CHARS);
        assert!(
            marked
                .text
                .contains("pretrial detention and pretrial release")
        );
        assert_eq!(marked.highlights.len(), 3);
        let chars: Vec<char> = marked.text.chars().collect();
        let first: String = chars[marked.highlights[0].clone()].iter().collect();
        assert_eq!(first, "pretrial");
    }

    #[test]
    fn no_match_shows_the_start() {
        let marked = snippet("short text", &[]);
        assert_eq!(marked.text, "short text");
        assert!(marked.highlights.is_empty());
    }
}
