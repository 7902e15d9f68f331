//! How the words and lines of laid-out text join: a line ending in a
//! hyphen keeps it ("life-" + "threatening" is "life-threatening"), a soft
//! hyphen goes ("gov\u{ad}" + "ernment"), a lone letter joins the word it
//! was split from ("P" + "olitically"); within a line, the colon of a run-in
//! heading printed apart ("Pretrial Detention :") and a heading word split
//! after its first letter ("b. D isappearance") join the word before.

use super::offsets::TextBuilder;
use crate::outline::shape;

/// Pushes a word, leaving out soft hyphens inside it (they print nothing).
pub fn push_word(out: &mut TextBuilder, word: &str, at: usize) {
    let mut from = 0;
    for (i, _) in word.match_indices('\u{ad}') {
        out.push(&word[from..i], at + from);
        from = i + '\u{ad}'.len_utf8();
    }
    out.push(&word[from..], at + from);
}

/// Whether the last word of a line joins the next line's first word with
/// no space: a hyphenated compound broken at its hyphen ("life-" /
/// "threatening"), or a word split after its first letter ("P" /
/// "olitically", "e" / "mbassies").
pub fn joins_without_space(line: &str, last_word: &str, next_line: &str) -> bool {
    let next_lower = next_line.starts_with(|c: char| c.is_lowercase());
    let next_letter = next_line.starts_with(char::is_alphabetic);
    let lone_letter = line.chars().count() == 1 && line.starts_with(char::is_alphabetic);
    let hyphenated = last_word.len() > 1
        && last_word.ends_with('-')
        && last_word[..last_word.len() - 1].ends_with(char::is_alphabetic);
    // A token too long for a line (a web address) is broken where the line
    // is full: a line holding nothing else goes on into the next.
    let broken_token = !line.contains(' ') && line.chars().count() >= 30;
    (lone_letter && next_lower) || (hyphenated && next_letter) || broken_token
}

/// Within a line, a token glued to the text before it: the colon of a
/// run-in heading printed apart ("Pretrial Detention :"), and in a heading a
/// word split after its first letter ("b. D isappearance").
pub fn glued_to_previous(text: &str, word: &str, heading: bool) -> bool {
    if word == ":" || (word.starts_with(':') && word.len() > 1 && !text.ends_with(':')) {
        return run_in_position(text);
    }
    if heading {
        let last = text.rsplit(' ').next().unwrap_or("");
        let single = last.chars().count() == 1 && last.starts_with(char::is_uppercase);
        let lower = word.starts_with(char::is_lowercase);
        return single && lower && !is_connector(word);
    }
    false
}

/// Whether text so far could be a run-in heading: a few title-case words at
/// the start of a paragraph.
fn run_in_position(text: &str) -> bool {
    !text.is_empty()
        && text.split(' ').count() <= 12
        && title_words(text)
        && !text.contains(['.', ':', ';'])
}

/// Title-case words, as headings are printed: the first capitalised, the
/// others capitalised, numbers, or small connecting words.
pub fn title_words(text: &str) -> bool {
    let mut words = text.split_whitespace().peekable();
    words
        .peek()
        .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.all(|w| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            bare.is_empty()
                || bare.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || is_connector(bare)
        })
}

/// Small words that stay lowercase in a heading a PDF wraps: a title's
/// connectors ([`shape::is_connector`]) and the few more a wrapped heading
/// ends a line with ("… Persons with Disabilities and their").
pub fn is_connector(word: &str) -> bool {
    const ALSO: &[&str] = &["its", "their", "than", "under", "between"];
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    shape::is_connector(bare) || ALSO.iter().any(|c| c.eq_ignore_ascii_case(bare))
}

/// "KAZAKHSTAN 2023 HUMAN RIGHTS REPORT" -> "Kazakhstan 2023 Human Rights
/// Report" (a title in capitals, as the title of other formats reads).
/// Titles in mixed case are left alone.
pub fn title_case(title: &str) -> String {
    if title.chars().any(char::is_lowercase) {
        return title.to_string();
    }
    let mut out = String::with_capacity(title.len());
    for (i, word) in title.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if i > 0 && matches!(lower.as_str(), "and" | "of" | "the") {
            out.push_str(&lower);
            continue;
        }
        // "D’IVOIRE" is "d’Ivoire"; "PEOPLE’S" is "People’s".
        match lower.split_once(['’', '\'']) {
            Some((elided, rest)) if elided.chars().count() == 1 => {
                let mark = &lower[elided.len()..lower.len() - rest.len()];
                out.push_str(elided);
                out.push_str(mark);
                push_capitalised(&mut out, rest);
            }
            _ => push_capitalised(&mut out, &lower),
        }
    }
    out
}

fn push_capitalised(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_uppercase());
        out.push_str(chars.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_hyphens_and_split_words() {
        assert!(joins_without_space(
            "harsh and life-",
            "life-",
            "threatening prison"
        ));
        assert!(joins_without_space("P", "P", "olitically Motivated"));
        assert!(!joins_without_space("in the", "the", "law"));
        assert!(!joins_without_space("violence -", "-", "and"));
        assert!(!joins_without_space("a", "a", "Report"));
        let url = "https://travel.state.gov/abduction/resources/report_8719.htm";
        assert!(joins_without_space(url, url, "l. According to the"));
    }

    #[test]
    fn run_in_colons_and_split_heading_words() {
        assert!(glued_to_previous("Pretrial Detention", ":", false));
        assert!(!glued_to_previous("The ratio was 3", ":", false));
        assert!(glued_to_previous("b. D", "isappearance", true));
        assert!(!glued_to_previous("b. D", "isappearance", false));
        assert!(!glued_to_previous("Section 2. A", "of", true));
    }

    #[test]
    fn titles_in_capitals() {
        assert_eq!(
            title_case("BOSNIA AND HERZEGOVINA 2022 HUMAN RIGHTS REPORT"),
            "Bosnia and Herzegovina 2022 Human Rights Report"
        );
        assert_eq!(
            title_case("CÔTE D’IVOIRE 2023 HUMAN RIGHTS REPORT"),
            "Côte d’Ivoire 2023 Human Rights Report"
        );
        assert_eq!(
            title_case("Lebanon 2023 Human Rights Report"),
            "Lebanon 2023 Human Rights Report"
        );
    }
}
