//! The shapes of heading lines: "Section N. Title", "a. Title", bare
//! title-case lines and run-in headings ("Pretrial Detention: The law...").
//! Shapes only; what a heading means is [`super::match_section`] and friends.

use regex::Regex;
use std::sync::LazyLock;

static SECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:section)\s+(\d{1,2})\s*[.:]?\s*(.*?)\s*:?\s*$").unwrap());
static LETTERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-j])\.\s+(\S.*?)\s*:?\s*$").unwrap());

/// Small words that stay lowercase in a title-case heading.
const CONNECTORS: &[&str] = &[
    "a",
    "an",
    "and",
    "or",
    "of",
    "the",
    "to",
    "in",
    "on",
    "for",
    "with",
    "at",
    "by",
    "from",
    "against",
    "before",
    "within",
    "without",
    "into",
    "as",
    "while",
    "regarding",
    "including",
    "towards",
    "toward",
    "nor",
];

/// A "Section N. Title" line: the number and the title.
pub fn section_heading(line: &str) -> Option<(u32, &str)> {
    let starts_with_section = line
        .as_bytes()
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"section"));
    if !starts_with_section || more_words_than(line, 30) {
        return None;
    }
    let caps = SECTION.captures(line)?;
    let number = caps[1].parse().ok()?;
    let title = caps.get(2).map_or("", |m| m.as_str());
    // "Section 2 of the law provides..." is a sentence, not a heading.
    if title.starts_with(|c: char| c.is_lowercase()) || title.ends_with('.') {
        return None;
    }
    Some((number, title))
}

/// An "a. Title" line: the letter and the title. A bare line (not marked as
/// a heading by its format) must also be short and not end like a sentence.
pub fn lettered_heading(line: &str, marked: bool) -> Option<(char, &str)> {
    let shaped = matches!(line.as_bytes(), [b'a'..=b'j', b'.', b' ' | b'\t', ..]);
    if !shaped
        || more_words_than(line, if marked { 30 } else { 20 })
        || (!marked && line.ends_with('.'))
    {
        return None;
    }
    let caps = LETTERED.captures(line)?;
    let title = caps.get(2)?.as_str();
    if !title.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let letter = caps[1].chars().next()?;
    // "i." and "j." also number lists ("i. Something"): past "h." a line
    // is a heading only when it names a sub-section (2023's "i.
    // Conflict-related Abuses").
    if letter > 'h' && super::match_subsection(title, None).is_none() {
        return None;
    }
    Some((letter, title))
}

/// Whether a line of its own format-less text reads as a heading: short,
/// title case, no sentence-final punctuation.
pub fn bare_heading(line: &str) -> bool {
    if line.len() > 140 || more_words_than(line, 14) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() {
        return false;
    }
    if line.ends_with(['.', '!', '?', ';', ',', '"', '”', ')', ']']) {
        return false;
    }
    title_case(&words)
}

/// Whether text a format marked as a heading is really sentences: a
/// conversion sometimes marks a paragraph's first sentence ("Discrimination
/// against homosexuals occurred. The law criminalizes sodomy.").
pub fn reads_as_sentences(text: &str) -> bool {
    // "occurred. The", not "U.S. Government" or "St. Kitts".
    let ends_a_sentence = |before: &str| {
        let word = before.rsplit(' ').next().unwrap_or("");
        word.chars().filter(|c| c.is_lowercase()).count() >= 2 && word.ends_with(char::is_lowercase)
    };
    let sentence_break = text.match_indices(". ").any(|(at, _)| {
        ends_a_sentence(&text[..at]) && text[at + 2..].starts_with(char::is_uppercase)
    });
    sentence_break || (text.ends_with('.') && more_words_than(text, 8))
}

/// Whether `text` has more than `n` words (without counting them all).
fn more_words_than(text: &str, n: usize) -> bool {
    text.split_whitespace().nth(n).is_some()
}

/// Whether a word is one of the small words a title keeps lowercase.
pub fn is_connector(word: &str) -> bool {
    CONNECTORS.contains(&word.to_lowercase().as_str())
}

/// Whether a run of words is written as a title.
pub fn is_title_case(run: &str) -> bool {
    let words: Vec<&str> = run.split_whitespace().collect();
    title_case(&words)
}

/// Whether a word commonly opens a sentence right after a heading.
pub fn opens_sentence(word: &str) -> bool {
    SENTENCE_OPENERS.contains(&word)
}

/// Every word capitalised except connectors, and the first word capitalised.
fn title_case(words: &[&str]) -> bool {
    let starts_upper = |w: &str| w.chars().next().is_some_and(|c| c.is_uppercase());
    let Some(first) = words.first() else {
        return false;
    };
    starts_upper(first)
        && words.iter().all(|w| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            starts_upper(bare)
                || CONNECTORS.contains(&bare.to_lowercase().as_str())
                || bare.is_empty()
        })
}

/// A run-in heading at the start of a paragraph ("Pretrial Detention: The
/// law..."): the heading, without its colon.
pub fn run_in_heading(paragraph: &str) -> Option<&str> {
    let colon = paragraph
        .get(..120.min(paragraph.len()))
        .or(Some(paragraph))?;
    let end = colon.find(": ")?;
    // "Arbitrary Arrest : The law" (a PDF prints the colon apart): the
    // heading is the words, not the space before the colon.
    let head = paragraph[..end].trim_end();
    let words: Vec<&str> = head.split_whitespace().collect();
    if words.is_empty() || words.len() > 11 || head.contains(['.', ';']) {
        return None;
    }
    let followed_by_text = paragraph[end + 2..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '"' || c == '“');
    (followed_by_text && title_case(&words)).then_some(head)
}

/// Words that commonly open a sentence right after a heading that lost its
/// line break ("Politically Motivated Killings There were no reports...").
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "There",
    "In",
    "On",
    "According",
    "While",
    "Although",
    "A",
    "An",
    "This",
    "These",
    "See",
    "During",
    "As",
    "Authorities",
    "Several",
    "Some",
    "Many",
    "Most",
    "No",
    "Not",
    "Following",
    "Since",
    "Under",
    "Despite",
    "Government",
    "By",
    "Unlike",
];

/// A title-case run at the start of a paragraph that ends right before a
/// sentence opener: a heading whose line break was lost. Returns the run
/// and the byte offset where the sentence starts.
pub fn leading_title_run(paragraph: &str) -> Option<(&str, usize)> {
    let mut offset = 0;
    let mut words = Vec::new();
    for word in paragraph.split(' ') {
        if words.len() > 12 {
            return None;
        }
        if !words.is_empty() && SENTENCE_OPENERS.contains(&word) {
            let next_is_lower = paragraph[offset + word.len()..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase());
            if next_is_lower && title_case(&words) {
                let run = paragraph[..offset].trim_end();
                return Some((run, offset));
            }
        }
        if word.ends_with(['.', ':', ';']) {
            return None;
        }
        words.push(word);
        offset += word.len() + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_lines() {
        assert_eq!(
            section_heading(
                "Section 1. Respect for the Integrity of the Person, Including Freedom from:"
            ),
            Some((
                1,
                "Respect for the Integrity of the Person, Including Freedom from"
            ))
        );
        assert_eq!(
            section_heading("Section 6 Worker Rights"),
            Some((6, "Worker Rights"))
        );
        assert_eq!(section_heading("Section 2. Liberty"), Some((2, "Liberty")));
        assert!(section_heading("Sections of the law were amended in a long sentence.").is_none());
        assert!(section_heading("Section 2 of the law provides for fines.").is_none());
    }

    #[test]
    fn lettered_lines() {
        assert_eq!(
            lettered_heading("d. Arbitrary Arrest or Detention", false),
            Some(('d', "Arbitrary Arrest or Detention"))
        );
        assert!(lettered_heading("a. the police said something long.", false).is_none());
        assert!(lettered_heading("i. Something", false).is_none());
        assert_eq!(
            lettered_heading("i. Conflict-related Abuses", false),
            Some(('i', "Conflict-related Abuses"))
        );
    }

    #[test]
    fn bare_headings() {
        assert!(bare_heading("Political Prisoners and Detainees"));
        assert!(bare_heading(
            "Politically Motivated Reprisal against Individuals Located Outside the Country"
        ));
        assert!(!bare_heading(
            "The law provides for the right to a fair trial."
        ));
        assert!(!bare_heading("Official websites use .gov"));
    }

    #[test]
    fn run_in_headings() {
        assert_eq!(
            run_in_heading("Pretrial Detention: The law allows police"),
            Some("Pretrial Detention")
        );
        assert_eq!(
            run_in_heading(
                "Detainees Ability to Challenge Lawfulness of Detention before a Court: The law spells out"
            ),
            Some("Detainees Ability to Challenge Lawfulness of Detention before a Court")
        );
        assert_eq!(
            run_in_heading("Significant human rights issues included: unlawful killing"),
            None
        );
        assert_eq!(run_in_heading("No colon here at all"), None);
        assert_eq!(
            run_in_heading("Arbitrary Arrest : The law prohibited arbitrary arrest"),
            Some("Arbitrary Arrest")
        );
    }

    #[test]
    fn lost_line_breaks() {
        assert_eq!(
            leading_title_run("Politically Motivated Killings There were no reports that"),
            Some(("Politically Motivated Killings", 31))
        );
        assert_eq!(
            leading_title_run(
                "Treatment or Punishment, and Other Related Abuses The law prohibited such"
            ),
            Some(("Treatment or Punishment, and Other Related Abuses", 50))
        );
        assert_eq!(
            leading_title_run("Human Rights Watch reported that the police"),
            None
        );
        assert_eq!(
            leading_title_run("The law prohibited such practices."),
            None
        );
    }
}
