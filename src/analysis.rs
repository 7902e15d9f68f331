//! Text analysis shared by the index and the query parser.
//!
//! Matching must treat `pretrial` and `pre-trial`, `’` and `'`, accented and
//! plain letters as the same, and stem English. tantivy's filters do the
//! folding and stemming; the tokenizer here handles hyphenated compounds:
//! when indexing, "pre-trial" yields `pretrial`, `pre` and `trial` at one
//! position; in a query it yields only `pretrial`, which matches both
//! spellings in the index (and "trial" still finds "pre-trial").

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, Token,
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

/// Words (letters and digits, with inner apostrophes) and hyphenated
/// compounds of words.
#[derive(Clone, Debug)]
pub struct ReportTokenizer {
    side: Side,
    tokens: Vec<Token>,
}

impl ReportTokenizer {
    pub fn new(side: Side) -> Self {
        ReportTokenizer {
            side,
            tokens: Vec::new(),
        }
    }
}

/// The tokens of one text, produced up front.
pub struct ReportTokenStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
}

impl Tokenizer for ReportTokenizer {
    type TokenStream<'a> = ReportTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ReportTokenStream<'a> {
        self.tokens.clear();
        tokenize(text, self.side, &mut self.tokens);
        ReportTokenStream {
            tokens: &mut self.tokens,
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

/// Splits `text` into word runs; a run joined by hyphens is a compound.
fn tokenize(text: &str, side: Side, out: &mut Vec<Token>) {
    let mut position = 0;
    let mut parts: Vec<(usize, usize)> = Vec::new();
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
        emit(text, start, end, &parts, side, position, out);
        position += 1;
    }
}

fn emit(
    text: &str,
    start: usize,
    end: usize,
    parts: &[(usize, usize)],
    side: Side,
    position: usize,
    out: &mut Vec<Token>,
) {
    let token = |from: usize, to: usize, text: String| Token {
        offset_from: from,
        offset_to: to,
        position,
        text,
        position_length: 1,
    };
    if parts.len() == 1 {
        out.push(token(start, end, text[start..end].to_string()));
        return;
    }
    let joined: String = parts.iter().map(|&(s, e)| &text[s..e]).collect();
    out.push(token(start, end, joined));
    if side == Side::Index {
        out.extend(
            parts
                .iter()
                .map(|&(s, e)| token(s, e, text[s..e].to_string())),
        );
    }
}

/// The full analyzer: words, folding, lowercasing and English stemming.
pub fn analyzer(side: Side) -> TextAnalyzer {
    TextAnalyzer::builder(ReportTokenizer::new(side))
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
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
