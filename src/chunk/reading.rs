//! Small readings of heading text that the sectioner relies on: run-in
//! headings, headings cut short, flattened titles, and what the lettered
//! headings of a section say about it.

use super::classify::Class;
use crate::outline::{self, Node, normalize, shape};
use std::collections::HashSet;
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

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

/// First words of the known sub-headings of two words or more: a cheap
/// test run on every sentence before the full one.
static FIRST_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut words: Vec<&str> = outline::KNOWN_SUBHEADINGS
        .iter()
        .filter_map(|(name, _)| name.split_once(' ').map(|(first, _)| first))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
});

/// Byte offsets, after `from`, of sentences that open with a known
/// sub-heading of two words or more which a PDF conversion ran into the
/// paragraph ("... in court. Prolonged Detention without Charges The law
/// prohibited ...").
pub fn run_in_subheadings(text: &str, from: usize) -> Vec<usize> {
    let opens_a_known_subheading = |rest: &str| {
        let first = rest.split(' ').next().unwrap_or("");
        FIRST_WORDS
            .iter()
            .any(|word| word.eq_ignore_ascii_case(first))
    };
    text[from..]
        .match_indices(". ")
        .map(|(at, _)| from + at + 2)
        .filter(|&at| text[at..].starts_with(char::is_uppercase))
        .filter(|&at| opens_a_known_subheading(&text[at..]))
        .filter(|&at| {
            run_in(&text[at..]).is_some_and(|run| {
                run.contains(' ') && outline::known_subheading(&normalize(run)).is_some()
            })
        })
        .collect()
}

/// Where, at a sentence start, the title of one of the section's
/// unlettered subsections begins ("... a child. Persons with
/// Disabilities The law ..."): PDF conversions flatten those headings.
pub fn flattened_titles(
    parent: &'static Node,
    text: &str,
    from: usize,
) -> Vec<(usize, &'static str, &'static Node)> {
    let titles: Vec<(&'static str, &'static Node)> = outline::children(parent.topic)
        .filter(|c| c.std_code.is_empty())
        .flat_map(|c| outline::flattened_titles(c).map(move |t| (t, c)))
        .collect();
    // Segmenting every paragraph into sentences was the chunker's largest
    // cost; a title followed by a capitalised word is rare, so sentences
    // are sought only where one occurs.
    let mut candidates: Vec<usize> = titles
        .iter()
        .flat_map(|(title, _)| text[from..].match_indices(title))
        .map(|(at, _)| from + at)
        .filter(|&at| {
            titles
                .iter()
                .any(|(t, _)| starts_a_subsection(&text[at..], t))
        })
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    candidates.sort_unstable();
    text[from..]
        .split_sentence_bound_indices()
        .map(|(at, _)| from + at)
        .filter(|at| candidates.binary_search(at).is_ok())
        .filter_map(|at| {
            let rest = &text[at..];
            titles
                .iter()
                .find(|(title, _)| starts_a_subsection(rest, title))
                .map(|&(title, node)| (at, title, node))
        })
        .collect()
}
