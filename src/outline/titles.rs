//! What sub-sections are called: the titles editions print for them (the
//! canonical one and other editions' names), and which sub-section a
//! heading standing on its own line names.
//!
//! Discrimination's sub-sections have no letters, and every edition words
//! them a little differently ("Persons with Disabilities", "People With
//! Disabilities"; "National/Racial/Ethnic Minorities", "Systemic Racial or
//! Ethnic Violence and Discrimination"). Each title starts its own topic
//! wherever it stands, so that text under "Persons with Disabilities" is
//! never filed under the "Trafficking in Persons" before it.

use super::{Node, children, cue_position, normalize};
use std::sync::LazyLock;

/// Other editions' names of sub-sections, as printed.
const TITLE_ALIASES: &[(&str, &str)] = &[
    (
        "Systemic Racial or Ethnic Violence and Discrimination",
        "discrimination/minorities",
    ),
    (
        "National/Racial/Ethnic Minorities",
        "discrimination/minorities",
    ),
    (
        "Acts of Violence, Discrimination, and Other Abuses Based on Sexual Orientation and Gender Identity",
        "discrimination/sexual-orientation",
    ),
    (
        "Societal Abuses, Discrimination, and Acts of Violence Based on Sexual Orientation and Gender Identity",
        "discrimination/sexual-orientation",
    ),
    ("Indigenous People", "discrimination/indigenous"),
    ("Anti-Semitism", "discrimination/antisemitism"),
    ("People with Disabilities", "discrimination/disabilities"),
    (
        "Other Societal Abuses and Discrimination",
        "discrimination/societal-violence",
    ),
    (
        "Freedom of Association and the Right to Collective Bargaining",
        "worker-rights/association",
    ),
];

/// How many words may come before a sub-section's cue in a heading that
/// names it: the main subject comes first ("Persons with Disabilities"),
/// where a heading about something else mentions it later ("Infanticide
/// of Children with Disabilities" is about children).
const WORDS_BEFORE_CUE: usize = 2;

/// Titles an unlettered subsection goes by when a PDF conversion flattened
/// it into the text: its canonical title and the names other editions
/// give it.
pub fn flattened_titles(node: &'static Node) -> impl Iterator<Item = &'static str> {
    std::iter::once(node.title).chain(aliases(node))
}

fn aliases(node: &'static Node) -> impl Iterator<Item = &'static str> {
    TITLE_ALIASES
        .iter()
        .filter(move |(_, topic)| *topic == node.topic)
        .map(|(title, _)| *title)
}

/// Every sub-section title and alias, normalised.
static KNOWN_TITLES: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
    super::SUBSECTIONS
        .iter()
        .flat_map(|node| flattened_titles(node).map(|title| (normalize(title), node.topic)))
        .collect()
});

/// Whether a line is, whole, a sub-section's title: such a line is a
/// heading even when it is too long to look like one (the 2023 edition's
/// 18-word title on sexual orientation).
pub fn is_known_title(line: &str) -> bool {
    // Titles are short; most lines asked about are long paragraphs.
    if line.len() > 160 {
        return false;
    }
    let norm = normalize(line);
    KNOWN_TITLES.iter().any(|(title, _)| *title == norm)
}

/// The sub-section of `parent` that a heading standing on its own line
/// names (`heading` normalised): its title or another edition's, or one of
/// its cues among the heading's first words.
pub fn match_subheading(heading: &str, parent: &'static Node) -> Option<&'static Node> {
    let by_title = KNOWN_TITLES
        .iter()
        .find(|(title, topic)| title == heading && super::parent_of(topic) == Some(parent.topic))
        .and_then(|(_, topic)| super::node(topic));
    by_title.or_else(|| {
        let mut best: Option<(usize, &'static Node)> = None;
        for node in children(parent.topic) {
            for cue in node.heading_cues {
                let Some(at) = cue_position(heading, cue) else {
                    continue;
                };
                let words_before = heading[..at].matches(' ').count();
                if words_before <= WORDS_BEFORE_CUE && best.is_none_or(|(b, _)| at < b) {
                    best = Some((at, node));
                }
            }
        }
        best.map(|(_, node)| node)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::node;

    fn named(heading: &str, parent: &str) -> Option<&'static str> {
        match_subheading(&normalize(heading), node(parent).unwrap()).map(|n| n.topic)
    }

    #[test]
    fn discrimination_titles_of_every_edition() {
        let d = "discrimination";
        assert_eq!(
            named("Persons with Disabilities", d),
            Some("discrimination/disabilities")
        );
        assert_eq!(
            named("People With Disabilities", d),
            Some("discrimination/disabilities")
        );
        assert_eq!(
            named("National/Racial/Ethnic Minorities", d),
            Some("discrimination/minorities")
        );
        assert_eq!(
            named("Indigenous People", d),
            Some("discrimination/indigenous")
        );
        assert_eq!(
            named("Other Societal Abuses and Discrimination", d),
            Some("discrimination/societal-violence")
        );
        assert_eq!(
            named(
                "Societal Abuses, Discrimination, and Acts of Violence Based on Sexual Orientation and Gender Identity",
                d
            ),
            Some("discrimination/sexual-orientation")
        );
        assert_eq!(named("Women", d), Some("discrimination/women"));
    }

    #[test]
    fn a_later_mention_is_not_the_subject() {
        let d = "discrimination";
        assert_eq!(
            named("Infanticide or Killing of Children with Disabilities", d),
            None
        );
        assert_eq!(named("Sexual Exploitation of Children", d), None);
        assert_eq!(named("Rape and Domestic Violence", d), None);
    }

    #[test]
    fn a_worker_rights_title_that_lost_its_letter() {
        assert_eq!(
            named(
                "Freedom of Association and the Right to Collective Bargaining",
                "worker-rights"
            ),
            Some("worker-rights/association")
        );
    }

    #[test]
    fn known_titles_whole_lines_only() {
        assert!(is_known_title(
            "Acts of Violence, Criminalization, and Other Abuses Based on Sexual Orientation, Gender Identity or Expression, or Sex Characteristics"
        ));
        assert!(is_known_title("Indigenous People"));
        assert!(!is_known_title("Indigenous people lived in the north."));
    }
}
