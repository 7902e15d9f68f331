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
        let mut chars = text.char_indices().peekable();
        while let Some(&(start, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                chars.next();
                continue;
            }
            parts.clear();
            let mut word_start = start;
            let mut end = start;
            while let Some(&(i, c)) = chars.peek() {
                if c.is_alphanumeric() {
                    end = i + c.len_utf8();
                    chars.next();
                } else if (is_hyphen(c) || is_apostrophe(c))
                    && text[i + c.len_utf8()..].starts_with(char::is_alphanumeric)
                {
                    if is_hyphen(c) {
                        parts.push((word_start, end));
                        word_start = i + c.len_utf8();
                    }
                    chars.next();
                } else {
                    break;
                }
            }
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

/// Word as written -> term, each distinct word analysed once by tantivy's
/// filters. A hit is one hash probe (the id is copied out, so the map is
/// free to grow on a miss).
#[derive(Clone, Default)]
struct TermCache {
    ids: FxHashMap<String, u32>,
    /// Terms by id; "" when a word has no term (too long).
    terms: Vec<String>,
}

impl TermCache {
    fn term(&mut self, filters: &mut TextAnalyzer, word: &str) -> &str {
        let id = match self.ids.get(word) {
            Some(&id) => id,
            None => {
                if self.terms.len() >= CACHE_WORDS {
                    self.ids.clear();
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
                self.ids.insert(word.to_string(), id);
                id
            }
        };
        &self.terms[id as usize]
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
        ReportTokenStream {
            tokens: &mut self.tokens[..len],
            next: 0,
        }
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

/// Registers the analyzer for one side on a tokenizer manager.
pub fn register(manager: &TokenizerManager, side: Side) {
    manager.register(ANALYZER, analyzer(side));
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
