//! Shapes that conversions leave in headings: a Section or lettered heading
//! flattened into the text after it, words split by stray spaces ("b. D
//! isappearance"), and a heading's end repeated at the start of its text.

use super::shape::is_connector;
use regex::Regex;
use std::sync::LazyLock;

static FLATTENED_SECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Section (\d{1,2})\.? +").unwrap());

/// A Section heading at the start of text it was flattened into ("Section
/// 2. Respect for Civil Liberties The constitution ..."): the number, the
/// title and the heading's length in bytes.
pub fn flattened_section(text: &str) -> Option<(u32, &str, usize)> {
    let caps = FLATTENED_SECTION.captures(text)?;
    let number = caps[1].parse().ok()?;
    let start = caps.get(0)?.end();
    let (title_len, len) = title_run(&text[start..]);
    (title_len > 0).then(|| (number, &text[start..start + title_len], start + len))
}

/// A lettered heading at the start of text it was flattened into ("d.
/// Arbitrary Arrest or Detention The law ..."): letter, title and length.
pub fn flattened_lettered(text: &str) -> Option<(char, &str, usize)> {
    let [letter @ b'a'..=b'j', b'.', b' ', ..] = text.as_bytes() else {
        return None;
    };
    let (title_len, len) = title_run(&text[3..]);
    (title_len > 0).then(|| (char::from(*letter), &text[3..3 + title_len], 3 + len))
}

/// The title-case run at the start of `text`: the title's length and where
/// the text after it starts. A run broken by a lowercase word gives its
/// last capitalised word back to the sentence it starts ("... Political
/// Process Citizens had ..."); a lettered heading ("a. ") ends it.
fn title_run(text: &str) -> (usize, usize) {
    let starts_upper = |w: &str| w.starts_with(char::is_uppercase);
    // (start, end) of each word of the run.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut broken_by_lowercase = false;
    let mut offset = 0;
    for word in text.split(' ') {
        let (start, end) = (offset, offset + word.len());
        offset = end + 1;
        if word.is_empty() {
            break;
        }
        if words.len() >= 16 || shape_of_letter(word) {
            break;
        }
        if starts_upper(word) || (is_connector(word) && !words.is_empty()) {
            let bare = word.trim_end_matches([':', ',', ';']);
            words.push((start, start + bare.len()));
            if word.ends_with([':', '.', ';']) {
                let after = &text[end.min(text.len())..];
                return (start + bare.len(), text.len() - after.trim_start().len());
            }
            continue;
        }
        broken_by_lowercase = true;
        break;
    }
    // Small words in lowercase close no title ("... the Press Under the").
    let trailing_small = |words: &[(usize, usize)]| {
        words.last().is_some_and(|&(s, e)| {
            let w = &text[s..e];
            w.starts_with(char::is_lowercase) && is_connector(w)
        })
    };
    while trailing_small(&words) {
        words.pop();
    }
    if broken_by_lowercase && words.len() > 1 {
        words.pop();
        while trailing_small(&words) {
            words.pop();
        }
    }
    match (words.first(), words.last()) {
        (Some(_), Some(&(_, end))) => {
            let next = text[end..].len() - text[end..].trim_start().len();
            (end, end + next)
        }
        _ => (0, 0),
    }
}

/// Where the text starts after the end of its heading that a PDF
/// conversion repeated at its start ("... Degrading Treatment or
/// Punishment" then "Punishment The constitution prohibited ..."): the
/// heading's last words, then a capitalised word that starts the sentence.
pub fn repeated_tail(heading: &str, text: &str) -> Option<usize> {
    let words: Vec<&str> = heading
        .trim_end_matches([':', ',', '.', ' '])
        .split(' ')
        .collect();
    (1..=3.min(words.len().saturating_sub(1)))
        .rev()
        .find_map(|k| {
            let tail = words[words.len() - k..].join(" ");
            let rest = text.strip_prefix(tail.as_str())?.strip_prefix(' ')?;
            let next = rest.split(' ').next()?;
            let after = rest[next.len()..].trim_start();
            (next.starts_with(char::is_uppercase) && after.starts_with(char::is_lowercase))
                .then_some(tail.len() + 1)
        })
}

/// "a." .. "j.": a lettered heading's mark (2023 reports letter Section 1
/// up to "i. Conflict-related Abuses").
fn shape_of_letter(word: &str) -> bool {
    matches!(word.as_bytes(), [b'a'..=b'j', b'.'])
}

/// A heading with stray spaces a PDF conversion put inside its words
/// ("b. D isappearance", "a. A rbitrary Deprivation"), mended: a lone
/// capital letter joins the lowercase fragment after it, unless that
/// fragment is a word of its own in a title ("A Court" keeps its space
/// because title-case words are capitalised; "A of" cannot occur).
pub fn mend_split_words(heading: &str) -> std::borrow::Cow<'_, str> {
    let words: Vec<&str> = heading.split(' ').collect();
    let split_at = |i: usize| {
        let (this, next) = (words[i], words.get(i + 1).copied().unwrap_or(""));
        this.len() == 1
            && this.starts_with(|c: char| c.is_ascii_uppercase())
            && next.starts_with(|c: char| c.is_lowercase())
            && !is_connector(next.trim_end_matches([',', ':', ';']))
    };
    if !(0..words.len()).any(split_at) {
        return std::borrow::Cow::Borrowed(heading);
    }
    let mut out = String::with_capacity(heading.len());
    for (i, word) in words.iter().enumerate() {
        out.push_str(word);
        if i + 1 < words.len() && !split_at(i) {
            out.push(' ');
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattened_section_and_lettered_headings() {
        // (number or letter, title, the text after the heading)
        let section = |text: &'static str| {
            flattened_section(text).map(|(n, title, len)| (n, title, &text[len..]))
        };
        let lettered = |text: &'static str| {
            flattened_lettered(text).map(|(l, title, len)| (l, title, &text[len..]))
        };
        assert_eq!(
            section("Section 2. Respect for Civil Liberties The constitution provided"),
            Some((
                2,
                "Respect for Civil Liberties",
                "The constitution provided"
            ))
        );
        assert_eq!(
            section(
                "Section 3. Freedom to Participate in the Political Process Citizens had the ability"
            ),
            Some((
                3,
                "Freedom to Participate in the Political Process",
                "Citizens had the ability"
            ))
        );
        assert_eq!(
            section("Section 2. Liberty a. Freedom of the Press Under the law"),
            Some((2, "Liberty", "a. Freedom of the Press Under the law"))
        );
        assert_eq!(
            lettered("a. Freedom of the Press Under the law the government"),
            Some(('a', "Freedom of the Press", "Under the law the government"))
        );
        assert_eq!(
            lettered("d. Arbitrary Arrest or Detention: The law"),
            Some(('d', "Arbitrary Arrest or Detention", "The law"))
        );
        assert!(flattened_section("Section 2 of the law provides").is_none());
        assert!(flattened_lettered("e.g. the police").is_none());
    }

    #[test]
    fn a_heading_end_repeated_at_the_start_of_its_text() {
        let torture = "a. Torture and Cruel, Inhuman, or Degrading Treatment or Punishment";
        let text = "Punishment The constitution prohibited such practices.";
        assert_eq!(
            repeated_tail(torture, text).map(|at| &text[at..]),
            Some("The constitution prohibited such practices.")
        );
        let movement = "d. Freedom of Movement and the Right to Leave the Country";
        assert!(repeated_tail(movement, "Country The law provided for freedom").is_some());
        // The heading's word in a sentence of its own is text.
        assert!(
            repeated_tail(
                "c. ... and Other Related Abuses",
                "Abuses by the army continued."
            )
            .is_none()
        );
        assert!(repeated_tail(torture, "The constitution prohibited such practices.").is_none());
    }

    #[test]
    fn stray_spaces_inside_heading_words() {
        assert_eq!(mend_split_words("D isappearance"), "Disappearance");
        assert_eq!(
            mend_split_words("A rbitrary Deprivation of Life"),
            "Arbitrary Deprivation of Life"
        );
        assert_eq!(mend_split_words("A Court of Law"), "A Court of Law");
        assert_eq!(mend_split_words("Plan B of the law"), "Plan B of the law");
    }
}
