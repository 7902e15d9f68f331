//! Small readings of heading text that the sectioner relies on: run-in
//! headings, headings cut short, flattened titles, and what the lettered
//! headings of a section say about it.

use super::classify::Class;
use crate::outline::{self, Node, normalize, shape};
use std::collections::HashSet;
use std::sync::LazyLock;

/// A run-in heading: "Pretrial Detention: ..." or a known sub-heading whose
/// line break was lost ("Politically Motivated Killings There were...").
pub fn run_in(text: &str) -> Option<&str> {
    shape::run_in_heading(text).or_else(|| known_run_in(text).map(|(run, _)| run))
}

/// Most words a known sub-heading has.
const LONGEST_SUBHEADING: usize = 12;

/// A known sub-heading, written as a title, at the start of `text` and
/// followed by a capitalised word or a colon: the sub-heading and its node.
/// One-word sub-headings ("Impunity") need a sentence opener after them,
/// since a capitalised name may follow the word in a sentence ("Impunity
/// Watch reported").
pub fn known_run_in(text: &str) -> Option<(&str, &'static Node)> {
    let first = text.split(' ').next()?;
    if !FIRST_WORDS.iter().any(|w| w.eq_ignore_ascii_case(first)) {
        return None;
    }
    let ends: Vec<usize> = text
        .match_indices(' ')
        .map(|(at, _)| at)
        .take(LONGEST_SUBHEADING)
        .collect();
    ends.iter().rev().find_map(|&end| {
        let run = text[..end].trim_end_matches([':', ' ']);
        let node = outline::known_subheading(&normalize(run))?;
        let next = text[end..].trim_start_matches([' ', ':']);
        let next_word = next.split(' ').next().unwrap_or("");
        let closes = text[run.len()..].trim_start().starts_with(':')
            || if run.contains(' ') {
                next_word.starts_with(char::is_uppercase)
            } else {
                shape::opens_sentence(next_word)
            };
        (closes && shape::is_title_case(run)).then_some((run, node))
    })
}

/// First words of the known sub-headings: a cheap test before the full one.
static FIRST_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut words: Vec<&str> = outline::KNOWN_SUBHEADINGS
        .iter()
        .map(|(name, _)| name.split(' ').next().unwrap_or(name))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
});

/// Whether a heading stops short of its node's canonical title, or ends on
/// a comma or a small word, so that its rest ran into the next paragraph.
pub fn looks_cut(title: &str, node: &Node) -> bool {
    let title = title.trim();
    let norm = normalize(title);
    let last = norm.rsplit(' ').next().unwrap_or("");
    let canonical = normalize(node.title);
    title.ends_with(',')
        || shape::is_connector(last)
        || (canonical.len() > norm.len() && canonical.starts_with(&norm) && !norm.is_empty())
}

/// `text` starts with `title` followed by a capitalised word or a colon:
/// a heading, not a sentence that happens to begin with the same words.
pub fn starts_a_subsection(text: &str, title: &str) -> bool {
    text.strip_prefix(title)
        .and_then(|rest| rest.strip_prefix(' '))
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c.is_uppercase())
}

pub fn first_sentence(text: &str) -> &str {
    let head = &text[..text.floor_char_boundary(400)];
    head.find(". ").map_or(head, |end| &head[..end])
}

/// What the lettered headings of one section say about it.
pub struct SectionScan {
    /// Subsections with a heading of their own.
    pub explicit: HashSet<&'static str>,
    /// The letters skip one (a, c): a heading was lost.
    pub letter_gap: bool,
}

/// Scans the section that starts where `rest` starts (up to the next
/// section heading); `topics` are the lettered headings' topics, aligned
/// with `rest` (see [`lettered_topics`]).
pub fn scan_section(rest: &[Class], topics: &[Option<&'static str>]) -> SectionScan {
    let mut explicit = HashSet::new();
    let mut letters = HashSet::new();
    for (class, topic) in rest
        .iter()
        .zip(topics)
        .take_while(|(c, _)| !matches!(c, Class::Section { .. }))
    {
        if let Class::Lettered { letter, .. } = class {
            letters.insert(*letter);
            explicit.extend(*topic);
        }
    }
    let highest = letters
        .iter()
        .map(|&l| l as usize - 'a' as usize + 1)
        .max()
        .unwrap_or(0);
    SectionScan {
        explicit,
        letter_gap: highest > letters.len(),
    }
}

/// The topic each lettered heading stands for (None for other blocks),
/// matched within the section it is in.
pub fn lettered_topics(classes: &[Class], year: u16) -> Vec<Option<&'static str>> {
    let mut parent = None;
    classes
        .iter()
        .map(|class| match class {
            Class::Section { number, title } => {
                parent = outline::match_section(title)
                    .or_else(|| outline::section_by_number(*number, year));
                None
            }
            Class::Lettered { title, .. } => {
                outline::match_subsection(title, parent).map(|n| n.topic)
            }
            _ => None,
        })
        .collect()
}
