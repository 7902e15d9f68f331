//! The canonical outline and the mapping of any edition's headings onto it.
//!
//! Editions number the same topic differently (Worker Rights is Section 6 in
//! 2001, 7 in 2011-2023, 2.b in 2024), so headings are recognised by what
//! they say ([`nodes`] holds the phrases), and the number is only a fallback.

pub mod damage;
mod nodes;
pub mod shape;
mod titles;

pub use nodes::{KNOWN_SUBHEADINGS, Node, SECTIONS, SUBSECTIONS};
pub use titles::{flattened_titles, is_known_title, match_subheading};

/// Lowercases, turns every non-alphanumeric run into one space and trims, so
/// that "Workers’ Rights," and "workers rights" compare equal.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// Where a cue occurs in a normalised heading, on word boundaries.
fn cue_position(heading: &str, cue: &str) -> Option<usize> {
    if let Some(whole) = cue.strip_prefix('=') {
        return (heading == whole).then_some(0);
    }
    phrase_at(heading, cue, true)
}

/// Where `phrase` starts in `text` at a word start (and, if `whole_word`,
/// ends at a word end). Both are normalised: words split by one space.
/// A plain scan for the phrase's first byte at word starts: the texts are
/// short and the cues many, and building a substring searcher per cue cost
/// more than the comparisons.
fn phrase_at(text: &str, phrase: &str, whole_word: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let Some(&first) = phrase.as_bytes().first() else {
        return Some(0);
    };
    (0..bytes.len()).find(|&at| {
        let end = at + phrase.len();
        bytes[at] == first
            && (at == 0 || bytes[at - 1] == b' ')
            && bytes[at..].starts_with(phrase.as_bytes())
            && (!whole_word || end == bytes.len() || bytes[end] == b' ')
    })
}

/// The node among `candidates` whose cue occurs earliest in the heading
/// (the heading's main subject comes first), longest cue on ties.
fn best_match<'a>(heading: &str, candidates: impl Iterator<Item = &'a Node>) -> Option<&'a Node> {
    let mut best: Option<(usize, usize, &Node)> = None;
    for node in candidates {
        for cue in node.heading_cues {
            if let Some(pos) = cue_position(heading, cue) {
                let better = match best {
                    None => true,
                    Some((bpos, blen, _)) => pos < bpos || (pos == bpos && cue.len() > blen),
                };
                if better {
                    best = Some((pos, cue.len(), node));
                }
            }
        }
    }
    best.map(|(_, _, node)| node)
}

/// Whether a heading names `node` among what it covers: the 2011-2016
/// editions' "d. Freedom of Movement, Internally Displaced Persons,
/// Protection of Refugees, and Stateless Persons" names four subsections.
pub fn heading_names(heading: &str, node: &Node) -> bool {
    let heading = normalize(heading);
    node.heading_cues
        .iter()
        .any(|cue| cue_position(&heading, cue).is_some())
}

/// Maps a "Section N. Title" heading's title onto a top-level node.
pub fn match_section(title: &str) -> Option<&'static Node> {
    best_match(&normalize(title), SECTIONS.iter())
}

/// The top-level node a section number stands for when its title says
/// nothing recognisable. Before 2008 the outline had no corruption section.
pub fn section_by_number(number: u32, year: u16) -> Option<&'static Node> {
    let topic = match (number, year < 2008) {
        (1, _) => "integrity",
        (2, _) => "civil-liberties",
        (3, _) => "political",
        (4, true) => "ngos",
        (5, true) => "discrimination",
        (6, true) => "worker-rights",
        (4, false) => "corruption",
        (5, false) => "ngos",
        (6, false) => "discrimination",
        (7, false) => "worker-rights",
        _ => return None,
    };
    node(topic)
}

/// Children of a top-level node, in outline order.
pub fn children(parent: &'static str) -> impl Iterator<Item = &'static Node> {
    SUBSECTIONS
        .iter()
        .filter(move |n| parent_of(n.topic) == Some(parent))
}

/// The parent topic of a subsection topic (`None` for top-level topics).
pub fn parent_of(topic: &str) -> Option<&str> {
    topic.split_once('/').map(|(parent, _)| parent)
}

/// Maps a subsection heading onto the outline: first among the current
/// section's children, then anywhere (2024 moved subsections between
/// sections), then onto a top-level node (2024's "2.b Worker Rights").
pub fn match_subsection(title: &str, parent: Option<&'static Node>) -> Option<&'static Node> {
    let heading = normalize(title);
    if let Some(parent) = parent
        && let Some(found) = best_match(&heading, children(parent.topic))
    {
        return Some(found);
    }
    best_match(&heading, SUBSECTIONS.iter()).or_else(|| best_match(&heading, SECTIONS[1..].iter()))
}

/// Looks a topic path up.
pub fn node(topic: &str) -> Option<&'static Node> {
    SECTIONS
        .iter()
        .chain(SUBSECTIONS.iter())
        .find(|n| n.topic == topic)
}

/// Every node, top-level first, in outline order.
pub fn all_nodes() -> impl Iterator<Item = &'static Node> {
    SECTIONS.iter().chain(SUBSECTIONS.iter())
}

/// Position of a topic in outline order (used to sort facets and reports).
pub fn outline_rank(topic: &str) -> usize {
    let top = parent_of(topic).unwrap_or(topic);
    let top_rank = SECTIONS
        .iter()
        .position(|n| n.topic == top)
        .unwrap_or(SECTIONS.len());
    let sub_rank = SUBSECTIONS
        .iter()
        .position(|n| n.topic == topic)
        .map_or(0, |p| p + 1);
    top_rank * 1000 + sub_rank
}

/// The letter an edition gives a subsection whose heading was lost.
/// The 2023 edition inserted transnational repression and property before
/// privacy, which moved from f to h.
pub fn letter_for(subsection: &Node, year: u16) -> &'static str {
    match (subsection.topic, year >= 2023) {
        ("integrity/privacy", true) => "h",
        _ => subsection.std_code,
    }
}

/// The known sub-heading a normalised heading is, if any.
pub fn known_subheading(normalized: &str) -> Option<&'static Node> {
    KNOWN_SUBHEADINGS
        .iter()
        .find(|(name, _)| *name == normalized)
        .and_then(|(_, topic)| node(topic))
}

/// Whether a normalised first sentence carries one of a subsection's
/// opening phrases; the phrase's last word may go on ("disappearance" in
/// "disappearances").
pub fn opens_subsection(first_sentence: &str, subsection: &Node) -> bool {
    subsection
        .opening_cues
        .iter()
        .any(|cue| phrase_at(first_sentence, cue, false).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(title: &str, parent: &str) -> &'static str {
        match_subsection(title, node(parent)).unwrap().topic
    }

    #[test]
    fn worker_rights_in_every_edition_share_a_topic() {
        assert_eq!(
            match_section("Worker Rights").unwrap().topic,
            "worker-rights"
        );
        assert_eq!(
            match_section("Workers Rights").unwrap().topic,
            "worker-rights"
        );
        assert_eq!(sub("Worker Rights", "civil-liberties"), "worker-rights");
        assert_eq!(
            sub("The Right of Association", "worker-rights"),
            "worker-rights/association"
        );
        assert_eq!(
            sub(
                "Freedom of Association and the Right to Collective Bargaining",
                "worker-rights"
            ),
            "worker-rights/association"
        );
    }

    #[test]
    fn arrest_headings_of_2001_and_2011_are_one_topic() {
        assert_eq!(
            sub("Arbitrary Arrest, Detention, or Exile", "integrity"),
            "integrity/arbitrary-arrest"
        );
        assert_eq!(
            sub("Arbitrary Arrest or Detention", "integrity"),
            "integrity/arbitrary-arrest"
        );
    }

    #[test]
    fn privacy_and_transnational_repression_are_told_apart_by_words() {
        assert_eq!(
            sub("Transnational Repression", "integrity"),
            "integrity/transnational-repression"
        );
        assert_eq!(
            sub(
                "Arbitrary or Unlawful Interference with Privacy, Family,",
                "integrity"
            ),
            "integrity/privacy"
        );
        assert_eq!(
            sub("Instances of Transnational Repression", "integrity"),
            "integrity/transnational-repression"
        );
    }

    #[test]
    fn main_subject_comes_first() {
        assert_eq!(
            sub(
                "Freedom of Movement, Internally Displaced Persons, Protection of Refugees, and Stateless Persons",
                "civil-liberties"
            ),
            "civil-liberties/movement"
        );
        assert_eq!(
            sub(
                "Freedom of Peaceful Assembly and Association",
                "civil-liberties"
            ),
            "civil-liberties/assembly-association"
        );
    }

    #[test]
    fn sections_of_every_edition() {
        let section = |t: &str| match_section(t).unwrap().topic;
        assert_eq!(
            section("Respect for the Integrity of the Person, Including Freedom From:"),
            "integrity"
        );
        assert_eq!(section("Life"), "integrity");
        assert_eq!(section("Liberty"), "civil-liberties");
        assert_eq!(section("Security of the Person"), "integrity");
        assert_eq!(
            section(
                "Governmental Attitude Regarding International and Nongovernmental Investigation of Alleged Violations of Human Rights"
            ),
            "ngos"
        );
        assert_eq!(
            section(
                "Discrimination Based on Race, Sex, Religion, Disability, Language, or Social Status"
            ),
            "discrimination"
        );
        assert_eq!(
            section("Freedom to Participate in the Political"),
            "political"
        );
        assert!(match_section("Something Else Entirely").is_none());
    }

    #[test]
    fn numbers_fall_back_by_era() {
        assert_eq!(section_by_number(6, 2001).unwrap().topic, "worker-rights");
        assert_eq!(section_by_number(7, 2015).unwrap().topic, "worker-rights");
        assert!(section_by_number(7, 2001).is_none());
    }

    #[test]
    fn normalize_folds_punctuation_and_case() {
        assert_eq!(normalize("  Workers’ Rights, "), "workers rights");
        assert_eq!(normalize("a. Freedom"), "a freedom");
    }

    #[test]
    fn outline_rank_orders_sections_then_subsections() {
        assert!(outline_rank("exec") < outline_rank("integrity/killings"));
        assert!(outline_rank("integrity/killings") < outline_rank("integrity/torture"));
        assert!(outline_rank("integrity/privacy") < outline_rank("worker-rights"));
    }
}
