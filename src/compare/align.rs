//! Aligning two editions' sentences: unchanged ones, changed ones (with a
//! word-level difference, as `git diff --word-diff` marks it), added and
//! dropped ones. Sentences come from unicode-segmentation; the alignment
//! and the word difference from `similar`.

use similar::{Algorithm, ChangeTag, DiffTag, TextDiff, capture_diff_slices};
use std::collections::HashSet;
use unicode_segmentation::UnicodeSegmentation;

/// How alike two sentences' word sets must be (Jaccard) for the second to
/// count as the first, changed, rather than one dropped and one added.
const CHANGED_AT_LEAST: f64 = 0.5;

/// A piece of a word-level difference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordChange {
    Same(String),
    Dropped(String),
    Added(String),
}

/// A sentence of the earlier edition and its edited form in the later one.
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    pub old: String,
    pub new: String,
    pub words: Vec<WordChange>,
}

/// How one section's sentences changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alignment {
    pub unchanged: usize,
    pub changed: Vec<Changed>,
    pub added: Vec<String>,
    pub dropped: Vec<String>,
}

/// The sentences of a text, trimmed, white space folded, without the
/// sub-headings run into them (one edition writes "Arbitrary Arrest: The
/// government ...", the next "The government ...").
pub fn sentences(text: &str) -> Vec<String> {
    text.unicode_sentences()
        .map(|s| crate::words::fold(crate::chunk::without_run_in_heading(s.trim())))
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect()
}

/// What two sentences are compared by: quotes and apostrophes of either
/// kind are one (editions switch between ’ and ').
fn key(sentence: &str) -> String {
    sentence
        .chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            other => other,
        })
        .collect()
}

/// Aligns the sentences of two editions of one section.
pub fn align(old: &[String], new: &[String]) -> Alignment {
    let old_keys: Vec<String> = old.iter().map(|s| key(s)).collect();
    let new_keys: Vec<String> = new.iter().map(|s| key(s)).collect();
    let mut out = Alignment::default();
    let (mut dropped, mut added) = (Vec::new(), Vec::new());
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => out.unchanged += old_range.len(),
            _ => {
                dropped.extend(old_range);
                added.extend(new_range);
            }
        }
    }
    // A dropped sentence whose words mostly live on in an added one was
    // edited, wherever the two stand (editions also move paragraphs).
    let words = |s: &str| -> HashSet<String> {
        crate::words::spans(s)
            .map(|r| s[r].to_lowercase())
            .collect()
    };
    let added_words: Vec<HashSet<String>> = added.iter().map(|&i| words(&new[i])).collect();
    let mut taken = vec![false; added.len()];
    for &i in &dropped {
        let mine = words(&old[i]);
        let best = added_words
            .iter()
            .enumerate()
            .filter(|(j, _)| !taken[*j])
            .map(|(j, theirs)| (j, jaccard(&mine, theirs)))
            .filter(|&(_, score)| score >= CHANGED_AT_LEAST)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((j, _)) => {
                taken[j] = true;
                out.changed.push(changed(&old[i], &new[added[j]]));
            }
            None => out.dropped.push(old[i].clone()),
        }
    }
    out.added = added
        .iter()
        .zip(&taken)
        .filter(|(_, taken)| !**taken)
        .map(|(&j, _)| new[j].clone())
        .collect();
    out
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let shared = a.intersection(b).count();
    let all = a.len() + b.len() - shared;
    if all == 0 {
        1.0
    } else {
        shared as f64 / all as f64
    }
}

/// The word-level difference of two forms of a sentence.
fn changed(old: &str, new: &str) -> Changed {
    let diff = TextDiff::from_words(old, new);
    let mut words: Vec<WordChange> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let piece = match change.tag() {
            ChangeTag::Equal => WordChange::Same(text.to_string()),
            ChangeTag::Delete => WordChange::Dropped(text.to_string()),
            ChangeTag::Insert => WordChange::Added(text.to_string()),
        };
        match (words.last_mut(), piece) {
            (Some(WordChange::Same(a)), WordChange::Same(b))
            | (Some(WordChange::Dropped(a)), WordChange::Dropped(b))
            | (Some(WordChange::Added(a)), WordChange::Added(b)) => a.push_str(&b),
            (_, piece) => words.push(piece),
        }
    }
    Changed {
        old: old.to_string(),
        new: new.to_string(),
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn sentences_are_cut_and_folded() {
        assert_eq!(
            sentences(
                "The law prohibits arrest.  Police  arrested 20 people.\n\nU.S. officials said so."
            ),
            s(&[
                "The law prohibits arrest.",
                "Police arrested 20 people.",
                "U.S. officials said so."
            ])
        );
    }

    #[test]
    fn run_in_subheadings_are_not_part_of_a_sentence() {
        assert_eq!(
            sentences(
                "Pretrial Detention: The law allows 48 hours. Prolonged Detention without Charges The law prohibited it."
            ),
            s(&["The law allows 48 hours.", "The law prohibited it."])
        );
    }

    #[test]
    fn unchanged_changed_added_dropped() {
        let old = s(&[
            "The law prohibits arbitrary arrest.",
            "Police arrested 20 protesters in March.",
            "The government detained journalists.",
        ]);
        let new = s(&[
            "The law prohibits arbitrary arrest.",
            "Police arrested 45 protesters in March.",
            "Authorities released all detainees by year’s end.",
        ]);
        let a = align(&old, &new);
        assert_eq!(a.unchanged, 1);
        assert_eq!(a.changed.len(), 1);
        assert_eq!(a.dropped, ["The government detained journalists."]);
        assert_eq!(
            a.added,
            ["Authorities released all detainees by year’s end."]
        );
        let marks: Vec<&WordChange> = a.changed[0]
            .words
            .iter()
            .filter(|w| !matches!(w, WordChange::Same(_)))
            .collect();
        assert_eq!(
            marks,
            [
                &WordChange::Dropped("20".into()),
                &WordChange::Added("45".into())
            ]
        );
    }

    #[test]
    fn curly_and_straight_quotes_are_the_same_sentence() {
        let a = align(
            &s(&["The court’s ruling stood."]),
            &s(&["The court's ruling stood."]),
        );
        assert_eq!((a.unchanged, a.changed.len()), (1, 0));
    }
}
