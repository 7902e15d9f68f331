//! Where a paragraph is cut because a conversion flattened headings into
//! it: a Section heading ("... of the year. Section 2. Respect for Civil
//! Liberties The constitution ..."), a lettered heading, the title of one
//! of the section's unlettered subsections ("... a child. Persons with
//! Disabilities The law ..."), or a known sub-heading run into the text
//! ("... in court. Prolonged Detention without Charges Arbitrary arrests
//! were common").

use super::reading::{known_run_in, starts_a_subsection};
use crate::outline::{self, Node, damage};
use unicode_segmentation::UnicodeSegmentation;

/// What starts where a paragraph is cut.
#[derive(Debug, Clone)]
pub enum CutKind {
    /// "Section N. Title": the heading's length in bytes.
    Section {
        number: u32,
        title: String,
        len: usize,
    },
    /// "d. Title": the heading's length in bytes.
    Lettered {
        letter: char,
        title: String,
        len: usize,
    },
    /// The title of an unlettered subsection, and the subsection.
    Title(&'static str, &'static Node),
    /// A known sub-heading, which the piece's opening is read for.
    RunIn,
}

/// A cut: the byte offset in the paragraph's text and what starts there.
#[derive(Debug, Clone)]
pub struct Cut {
    pub at: usize,
    pub kind: CutKind,
}

/// Where the section stands when a paragraph is read.
pub struct Place {
    pub top: Option<&'static Node>,
    /// The number of the current Section heading (0 when none).
    pub number: u32,
    /// The letter of the current lettered subsection, if any.
    pub letter: Option<char>,
}

/// The cuts in `text` after `from`, in order.
pub fn cuts(place: &Place, text: &str, from: usize) -> Vec<Cut> {
    let mut cuts = flattened_headings(place, text, from);
    // Titles and sub-headings belong to the section in force where they
    // stand: after a flattened Section heading, that section's.
    let top = cuts
        .iter()
        .rev()
        .find_map(|c| match &c.kind {
            CutKind::Section { title, number, .. } => section_node(title, *number),
            _ => None,
        })
        .or(place.top);
    if let Some(top) = top {
        cuts.extend(
            flattened_titles(top, text, from)
                .into_iter()
                .map(|(at, title, node)| Cut {
                    at,
                    kind: CutKind::Title(title, node),
                }),
        );
    }
    cuts.extend(run_in_subheadings(text, from).into_iter().map(|at| Cut {
        at,
        kind: CutKind::RunIn,
    }));
    cuts.sort_by_key(|c| c.at);
    cuts.dedup_by_key(|c| c.at);
    cuts
}

fn section_node(title: &str, number: u32) -> Option<&'static Node> {
    outline::match_section(title).filter(|_| number > 0)
}

/// Offsets after `from` where a sentence starts.
fn sentence_starts(text: &str, from: usize) -> impl Iterator<Item = usize> + '_ {
    text[from..]
        .match_indices(". ")
        .map(move |(at, _)| from + at + 2)
        .filter(|&at| text[at..].starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// Section and lettered headings flattened into the paragraph. A Section
/// heading counts only when its title names a section of the outline and
/// its number comes after the current one; a lettered heading only when
/// its title names a subsection of the section in force and its letter
/// comes after the current one.
fn flattened_headings(place: &Place, text: &str, from: usize) -> Vec<Cut> {
    let mut cuts = Vec::new();
    let (mut number, mut top, mut letter) = (place.number, place.top, place.letter);
    // Paragraph start too: "e. Acceptable Conditions of Work Wage and
    // Hour Laws: The law ..." is one line in a conversion.
    let mut starts: Vec<usize> = std::iter::once(from)
        .chain(sentence_starts(text, from))
        .collect();
    let mut i = 0;
    while i < starts.len() {
        let at = starts[i];
        i += 1;
        let rest = &text[at..];
        if let Some((n, title, len)) = damage::flattened_section(rest)
            && n > number
            && let Some(node) = section_node(title, n)
        {
            cuts.push(Cut {
                at,
                kind: CutKind::Section {
                    number: n,
                    title: title.to_string(),
                    len,
                },
            });
            (number, top, letter) = (n, Some(node), None);
            // A lettered heading may follow the Section title at once.
            starts.insert(i, at + len);
        } else if let Some((l, title, len)) = damage::flattened_lettered(rest)
            && letter.is_none_or(|current| l > current)
            && top.is_some_and(|t| names_a_child(title, t))
        {
            cuts.push(Cut {
                at,
                kind: CutKind::Lettered {
                    letter: l,
                    title: title.to_string(),
                    len,
                },
            });
            letter = Some(l);
        }
    }
    cuts
}

/// Whether a heading's title names a subsection of `top`.
fn names_a_child(title: &str, top: &'static Node) -> bool {
    outline::match_subsection(title, Some(top))
        .is_some_and(|n| outline::parent_of(n.topic) == Some(top.topic))
}

/// Byte offsets, after `from`, of sentences that open with a known
/// sub-heading of two words or more which a PDF conversion ran into the
/// paragraph ("... in court. Prolonged Detention without Charges Arbitrary
/// arrests were common").
pub fn run_in_subheadings(text: &str, from: usize) -> Vec<usize> {
    sentence_starts(text, from)
        .filter(|&at| known_run_in(&text[at..]).is_some_and(|(run, _)| run.contains(' ')))
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
