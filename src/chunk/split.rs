//! Cutting a paragraph that is too long into spans of at most N words, at
//! sentence ends where one falls within the budget, else between words.
//!
//! Sentence ends come from unicode-segmentation, but only from a window
//! just before each cut: segmenting whole paragraphs was a third of the
//! chunker's time, and only the last sentence end before each cut matters.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// Bytes before a cut searched for a sentence end (widened when none is found).
const WINDOW: usize = 300;
/// Bytes after a cut given to the segmenter, whose rules look a little ahead.
const LOOKAHEAD: usize = 100;

/// Spans of `text` with their word counts, each of at most `max_words`
/// words, packed greedily (a span takes as many whole sentences as fit).
pub fn spans(text: &str, max_words: usize) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let Some(budget) = word_budget(text, start, max_words) else {
            out.push((start..text.len(), word_count(&text[start..])));
            return out;
        };
        let cut =
            last_sentence_start(text, start, budget.next_word).unwrap_or(budget.last_word_end);
        out.push((start..cut, word_count(&text[start..cut])));
        start = cut;
    }
}

/// Where `max_words` words from `start` end, when more words follow.
struct Budget {
    /// The end of the last word that fits.
    last_word_end: usize,
    /// The start of the first word that does not fit.
    next_word: usize,
}

fn word_budget(text: &str, start: usize, max_words: usize) -> Option<Budget> {
    let mut words = crate::words::spans(&text[start..]);
    let last = words.nth(max_words.max(1) - 1)?;
    let next = words.next()?;
    Some(Budget {
        last_word_end: start + last.end,
        next_word: start + next.start,
    })
}

/// The last sentence start in `(start, limit]`, if any.
fn last_sentence_start(text: &str, start: usize, limit: usize) -> Option<usize> {
    let end = text.floor_char_boundary(limit + LOOKAHEAD);
    let mut window = WINDOW;
    loop {
        let from = window_start(text, start, limit.saturating_sub(window));
        // The window's own start is a sentence start only to the segmenter.
        let found = text[from..end]
            .split_sentence_bound_indices()
            .map(|(at, _)| from + at)
            .take_while(|&at| at <= limit)
            .filter(|&at| at > from)
            .last();
        if found.is_some() || from == start {
            return found;
        }
        window *= 2;
    }
}

/// A word start at or after `at` (and not before `start`): the segmenter's
/// rules look back only over the punctuation and spaces before a break.
fn window_start(text: &str, start: usize, at: usize) -> usize {
    if at <= start {
        return start;
    }
    let at = text.ceil_char_boundary(at);
    let rest = &text[at..];
    let Some(space) = rest.find(char::is_whitespace) else {
        return start;
    };
    let after = &rest[space..];
    at + space + (after.len() - after.trim_start().len())
}

pub use crate::words::count as word_count;

#[cfg(test)]
mod tests {
    use super::*;

    /// The spans by whole-paragraph segmentation, as the chunker once did.
    fn reference(text: &str, max_words: usize) -> Vec<(Range<usize>, usize)> {
        let mut out = Vec::new();
        let (mut start, mut count) = (0, 0);
        for (at, sentence) in text.split_sentence_bound_indices() {
            let n = word_count(sentence);
            if count > 0 && count + n > max_words {
                out.push((start..at, count));
                (start, count) = (at, 0);
            }
            count += n;
        }
        out.push((start..text.len(), count));
        out
    }

    fn prose(sentences: usize) -> String {
        (0..sentences)
            .map(|i| {
                let words = 3 + (i * 7) % 40;
                let body: Vec<String> = (0..words).map(|w| format!("word{w}")).collect();
                format!("The court {} ended (case {i}).", body.join(" "))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn windowed_cuts_match_whole_paragraph_segmentation() {
        for sentences in [1, 5, 30, 200] {
            let text = prose(sentences);
            for max in [10, 40, 250] {
                let ours = spans(&text, max);
                // Where every sentence fits, the spans are the reference's.
                if text.split_sentence_bounds().all(|s| word_count(s) <= max) {
                    assert_eq!(
                        ours,
                        reference(&text, max),
                        "{sentences} sentences, max {max}"
                    );
                }
                assert!(ours.iter().all(|(_, n)| *n <= max));
                assert_eq!(ours.first().map(|(r, _)| r.start), Some(0));
                assert_eq!(ours.last().map(|(r, _)| r.end), Some(text.len()));
                assert!(ours.windows(2).all(|w| w[0].0.end == w[1].0.start));
            }
        }
    }

    #[test]
    fn a_sentence_longer_than_the_budget_is_cut_between_words() {
        let text = "word ".repeat(600);
        let cut = spans(text.trim_end(), 250);
        let counts: Vec<usize> = cut.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, [250, 250, 100]);
        assert_eq!(cut[0].0, 0..1249);
    }

    #[test]
    fn non_ascii_text_is_cut_on_char_boundaries() {
        let text = "Détention préventive à Almaty. ".repeat(120);
        for (range, _) in spans(&text, 50) {
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        }
    }
}
