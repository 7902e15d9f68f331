//! Small readings of heading text that the sectioner relies on: run-in
//! headings, headings cut short, flattened titles, and what the lettered
//! headings of a section say about it.

use super::classify::Class;
use crate::outline::{self, Node, normalize, shape};
use std::collections::HashSet;

/// A run-in heading: "Pretrial Detention: ..." or a known sub-heading whose
/// line break was lost ("Politically Motivated Killings There were...").
pub fn run_in(text: &str) -> Option<&str> {
    shape::run_in_heading(text).or_else(|| {
        shape::leading_title_run(text)
            .map(|(run, _)| run)
            .filter(|run| outline::known_subheading(&normalize(run)).is_some())
    })
}

/// Whether a heading stops short of its node's canonical title, or ends on
/// a comma or a small word, so that its rest ran into the next paragraph.
pub fn looks_cut(title: &str, node: &Node) -> bool {
    let title = title.trim();
    let norm = normalize(title);
    let last = norm.rsplit(' ').next().unwrap_or("");
    let canonical = normalize(node.title);
    title.ends_with(',')
        || matches!(
            last,
            "and" | "or" | "of" | "the" | "to" | "in" | "for" | "with"
        )
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
/// section heading).
pub fn scan_section(rest: &[Class], title: &str, number: u32, year: u16) -> SectionScan {
    let parent = outline::match_section(title).or_else(|| outline::section_by_number(number, year));
    let mut explicit = HashSet::new();
    let mut letters = HashSet::new();
    for class in rest
        .iter()
        .take_while(|c| !matches!(c, Class::Section { .. }))
    {
        if let Class::Lettered { title, letter } = class {
            letters.insert(*letter);
            explicit.extend(outline::match_subsection(title, parent).map(|n| n.topic));
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
