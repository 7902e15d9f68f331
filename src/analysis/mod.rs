//! Text analysis shared by the index and the query parser.
//!
//! Matching must treat `pretrial` and `pre-trial`, `’` and `'`, accented and
//! plain letters as the same, and stem English. tantivy's filters do the
//! lowercasing, folding and stemming; the tokenizer here handles hyphenated
//! compounds: when indexing, "pre-trial" yields `pretrial`, `pre` and
//! `trial` at one position; in a query it yields only `pretrial`, which
//! matches both spellings in the index (and "trial" still finds "pre-trial").
//!
//! Report text repeats a small vocabulary, so each distinct word is run
//! through tantivy's filters once and the term is remembered: stemming was
//! a fifth of indexing time before.

mod pairs;

pub use pairs::{PAIRS_ANALYZER, PairTokenizer, pair_term};
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, Stemmer, TextAnalyzer, Token,
    TokenStream, Tokenizer, TokenizerManager,
};

/// Name under which the text field's analyzer is registered.
pub const ANALYZER: &str = "hr_en";

/// Which side of the search a tokenizer serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Index,
    Query,
}

/// Terms longer than this (in bytes) are dropped, as tantivy's
/// RemoveLongFilter would.
const MAX_TERM_BYTES: usize = 48;
/// The word -> term cache is cleared when it grows past this many words.
const CACHE_WORDS: usize = 1 << 18;

/// Words (letters and digits, with inner apostrophes) and hyphenated
/// compounds of words, lowercased, folded and stemmed.
#[derive(Clone)]
pub struct ReportTokenizer {
    side: Side,
    /// Token slots reused from text to text (their strings keep capacity).
    tokens: Vec<Token>,
    /// Word as written -> term (empty when the term is too long).
    terms: TermCache,
    /// tantivy's filters, run once per distinct word.
    filters: TextAnalyzer,
}

impl ReportTokenizer {
    pub fn new(side: Side) -> Self {
        ReportTokenizer {
            side,
            tokens: Vec::new(),
            terms: TermCache::default(),
            filters: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }

    /// Appends a token for `word` (unless its term is empty), reusing a slot.
    fn push(&mut self, len: &mut usize, word: &str, from: usize, to: usize, position: usize) {
        let ReportTokenizer {
            tokens,
            terms,
            filters,
            ..
        } = self;
        let term = terms.term(filters, word);
        if term.is_empty() {
            return;
        }
        if *len == tokens.len() {
            tokens.push(Token::default());
        }
        let slot = &mut tokens[*len];
        slot.text.clear();
        slot.text.push_str(term);
        (
            slot.offset_from,
            slot.offset_to,
            slot.position,
            slot.position_length,
        ) = (from, to, position, 1);
        *len += 1;
    }

    /// Splits `text` into word runs; a run joined by hyphens is a compound.
    /// Returns how many token slots are filled.
    fn tokenize(&mut self, text: &str) -> usize {
        let mut len = 0;
        let mut position = 0;
        let mut parts: Vec<(usize, usize)> = Vec::new();
        let mut joined = String::new();
        let mut at = 0;
        while at < text.len() {
            let (c, width) = char_at(text, at);
            if !c.is_alphanumeric() {
                at += width;
                continue;
            }
            let start = at;
            let mut word_start = start;
            parts.clear();
            let end = loop {
                at = word_end(text, at);
                let Some((joiner, width)) = joiner_at(text, at) else {
                    break at;
                };
                if is_hyphen(joiner) {
                    parts.push((word_start, at));
                    word_start = at + width;
                }
                at += width;
            };
            parts.push((word_start, end));
            if parts.len() == 1 {
                self.push(&mut len, &text[start..end], start, end, position);
            } else {
                joined.clear();
                parts
                    .iter()
                    .for_each(|&(s, e)| joined.push_str(&text[s..e]));
                self.push(&mut len, &joined, start, end, position);
                if self.side == Side::Index {
                    for &(s, e) in &parts {
                        self.push(&mut len, &text[s..e], s, e, position);
                    }
                }
            }
            position += 1;
        }
        len
    }
}

/// The char at byte `at` and its width. Report text is nearly all ASCII,
/// and the byte test spares decoding it (the tokenizer's char loop cost
/// more than its term cache).
fn char_at(text: &str, at: usize) -> (char, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        return (char::from(byte), 1);
    }
    let c = text[at..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

/// The end of the run of letters and digits starting at `at`.
fn word_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at < bytes.len() {
        if bytes[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let (c, width) = char_at(text, at);
        if c.is_ascii() || !c.is_alphanumeric() {
            break;
        }
        at += width;
    }
    at
}

/// A hyphen or apostrophe at `at` that joins two words, with its width.
fn joiner_at(text: &str, at: usize) -> Option<(char, usize)> {
    if at >= text.len() {
        return None;
    }
    let (c, width) = char_at(text, at);
    let joins = (is_hyphen(c) || is_apostrophe(c))
        && at + width < text.len()
        && char_at(text, at + width).0.is_alphanumeric();
    joins.then_some((c, width))
}

/// Word as written -> term, each distinct word analysed once by tantivy's
/// filters. A hit is one hash probe (the id is copied out, so the map is
/// free to grow on a miss). Words of up to 16 bytes, nearly all of them,
/// are keyed by their bytes packed into an integer: a probe then compares
/// integers instead of chasing a pointer to each candidate key (the string
/// compares were half of the cache's time).
#[derive(Clone, Default)]
struct TermCache {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
    /// Terms by id; "" when a word has no term (too long).
    terms: Vec<String>,
}

/// A word's bytes as an integer, when it fits. Words never contain NUL,
/// so zero padding cannot make two words equal.
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    (bytes.len() <= 16).then(|| {
        bytes
            .iter()
            .rev()
            .fold(0u128, |key, &byte| key << 8 | u128::from(byte))
    })
}

impl TermCache {
    fn term(&mut self, filters: &mut TextAnalyzer, word: &str) -> &str {
        let key = packed(word);
        let known = match key {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        };
        let id = match known {
            Some(&id) => id,
            None => self.insert(filters, word, key),
        };
        &self.terms[id as usize]
    }

    fn insert(&mut self, filters: &mut TextAnalyzer, word: &str, key: Option<u128>) -> u32 {
        if self.terms.len() >= CACHE_WORDS {
            self.short.clear();
            self.long.clear();
            self.terms.clear();
        }
        let mut stream = filters.token_stream(word);
        let term = stream.next().map(|t| t.text.clone()).unwrap_or_default();
        self.terms.push(if term.len() > MAX_TERM_BYTES {
            String::new()
        } else {
            term
        });
        let id = (self.terms.len() - 1) as u32;
        match key {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(word.into(), id),
        };
        id
    }
}

/// The tokens of one text, produced up front.
pub struct ReportTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl Tokenizer for ReportTokenizer {
    type TokenStream<'a> = ReportTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ReportTokenStream<'a> {
        let len = self.tokenize(text);
        ReportTokenStream::new(&mut self.tokens[..len])
    }
}

impl<'a> ReportTokenStream<'a> {
    fn new(tokens: &'a mut [Token]) -> Self {
        ReportTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for ReportTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// The full analyzer: words, folding, lowercasing and English stemming.
pub fn analyzer(side: Side) -> TextAnalyzer {
    TextAnalyzer::from(ReportTokenizer::new(side))
}

/// Registers the analyzers for one side on a tokenizer manager: the
/// words, and (only ever used to index) their pairs.
pub fn register(manager: &TokenizerManager, side: Side) {
    manager.register(ANALYZER, analyzer(side));
    manager.register(PAIRS_ANALYZER, TextAnalyzer::from(PairTokenizer::default()));
}

/// The analysed terms of a text, for tests and diagnostics.
pub fn terms(text: &str, side: Side) -> Vec<(usize, String)> {
    let mut analyzer = analyzer(side);
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.position, token.text.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, side: Side) -> Vec<String> {
        terms(text, side).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn hyphenated_compounds() {
        assert_eq!(
            terms("pre-trial detention", Side::Index),
            [
                (0, "pretrial".into()),
                (0, "pre".into()),
                (0, "trial".into()),
                (1, "detent".into())
            ]
        );
        assert_eq!(
            words("pre-trial detention", Side::Query),
            ["pretrial", "detent"]
        );
        assert_eq!(
            words("pretrial detention", Side::Query),
            ["pretrial", "detent"]
        );
        assert_eq!(words("- dash - alone", Side::Query), ["dash", "alon"]);
    }

    #[test]
    fn quotes_accents_and_stems() {
        assert_eq!(
            words("Kazakhstan’s", Side::Query),
            words("Kazakhstan's", Side::Query)
        );
        assert_eq!(
            words("communiqués Liberté", Side::Query),
            words("communiques Liberte", Side::Query)
        );
        assert_eq!(
            words("detainees courts", Side::Query),
            words("detainee court", Side::Query)
        );
    }

    #[test]
    fn offsets_cover_the_original_text() {
        let text = "Pre‑trial, café";
        let mut analyzer = analyzer(Side::Index);
        let mut stream = analyzer.token_stream(text);
        let mut spans = Vec::new();
        while let Some(t) = stream.next() {
            spans.push(&text[t.offset_from..t.offset_to]);
        }
        assert_eq!(spans, ["Pre‑trial", "Pre", "trial", "café"]);
    }
}
