//! Word pairs: each two words that stand side by side in a text, as one
//! term ("pretrial detent"). The index keeps the pairs of the section
//! headings in a field of their own, so that the heading boost of a
//! two-word phrase, the commonest kind ("pretrial detention", "forced
//! labor"), is one posting list to read instead of the positions of both
//! words in every passage whose headings hold them. Pairs of the passage
//! text do the same for the search itself, but more than double the time
//! to build an index, so they are opt-in: `hrsearch index --phrase-pairs`
//! (see the README, "The server").
//!
//! A pair is made of the words' terms as the text analyzer gives them, at
//! positions `p` and `p + 1`. Where a compound and its parts share a
//! position ("pre-trial": `pretrial`, `pre`, `trial`), each of them pairs
//! with each word of the next position, so any two-word phrase that
//! matches the text as a phrase matches its pair, and no other.

use super::{ReportTokenStream, ReportTokenizer, Side};
use tantivy::tokenizer::{Token, Tokenizer};

/// Name under which the pairs analyzer is registered.
pub const PAIRS_ANALYZER: &str = "hr_en_pairs";

/// The term of two words standing side by side. Terms never hold a space,
/// so the pair is unambiguous.
pub fn pair_term(first: &str, second: &str) -> String {
    let mut term = String::with_capacity(first.len() + 1 + second.len());
    push_pair(&mut term, first, second);
    term
}

/// Writes the pair of two terms at the end of `out`.
fn push_pair(out: &mut String, first: &str, second: &str) {
    out.push_str(first);
    out.push(' ');
    out.push_str(second);
}

/// The index-side analyzer, making pairs of its words.
#[derive(Clone)]
pub struct PairTokenizer {
    words: ReportTokenizer,
    pairs: Vec<Token>,
}

impl Default for PairTokenizer {
    fn default() -> Self {
        PairTokenizer {
            words: ReportTokenizer::new(Side::Index),
            pairs: Vec::new(),
        }
    }
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = ReportTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ReportTokenStream<'a> {
        let len = self.words.tokenize(text);
        let len = pairs(&self.words.tokens[..len], &mut self.pairs);
        ReportTokenStream::new(&mut self.pairs[..len])
    }
}

/// Fills `out` (reusing its slots) with the pairs of `words`, which come in
/// position order; returns how many slots are filled. A pair is at the
/// position of its first word and spans both words' bytes; a pair met
/// twice at one position (a compound whose parts repeat) is made once, as
/// the phrase would be counted once there.
fn pairs(words: &[Token], out: &mut Vec<Token>) -> usize {
    let mut len = 0;
    let mut start = 0;
    while start < words.len() {
        let position = words[start].position;
        let here = start
            + words[start..]
                .iter()
                .take_while(|w| w.position == position)
                .count();
        let next_end = here
            + words[here..]
                .iter()
                .take_while(|w| w.position == position + 1)
                .count();
        let made = len;
        for first in &words[start..here] {
            for second in &words[here..next_end] {
                let repeated = out[made..len].iter().any(|pair| {
                    pair.text.len() == first.text.len() + 1 + second.text.len()
                        && pair.text.starts_with(first.text.as_str())
                        && pair.text.ends_with(second.text.as_str())
                });
                if repeated {
                    continue;
                }
                if len == out.len() {
                    out.push(Token::default());
                }
                let slot = &mut out[len];
                slot.text.clear();
                push_pair(&mut slot.text, &first.text, &second.text);
                slot.position = position;
                slot.offset_from = first.offset_from.min(second.offset_from);
                slot.offset_to = first.offset_to.max(second.offset_to);
                slot.position_length = 2;
                len += 1;
            }
        }
        start = here;
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenStream;

    /// The pairs of a text.
    fn pair_terms(text: &str) -> Vec<String> {
        let mut tokenizer = PairTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    #[test]
    fn side_by_side_words_pair_up_as_their_terms() {
        assert_eq!(
            pair_terms("Pretrial detention was lengthy."),
            ["pretrial detent", "detent was", "was lengthi"]
        );
    }

    #[test]
    fn a_compound_and_its_parts_each_pair_with_the_next_word() {
        assert_eq!(
            pair_terms("pre-trial detention"),
            ["pretrial detent", "pre detent", "trial detent"]
        );
        assert_eq!(
            pair_terms("held in pre-trial"),
            ["held in", "in pretrial", "in pre", "in trial"]
        );
    }

    #[test]
    fn a_pair_repeated_at_one_position_is_made_once() {
        assert_eq!(pair_terms("anti-anti law"), ["antianti law", "anti law"]);
    }

    #[test]
    fn a_word_without_a_term_breaks_the_pairs_around_it() {
        // A word longer than terms may be has no term; its neighbours
        // are not side by side.
        let long = "x".repeat(60);
        assert_eq!(
            pair_terms(&format!("torture {long} prison")),
            Vec::<String>::new()
        );
        assert!(pair_terms("one").is_empty());
        assert!(pair_terms("").is_empty());
    }

    #[test]
    fn pairs_are_the_query_sides_phrase_terms() {
        let query: Vec<String> = crate::analysis::terms("Forced Labor", Side::Query)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            pair_terms("forced labour and forced labor")[3],
            pair_term(&query[0], &query[1])
        );
    }
}
