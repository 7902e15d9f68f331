//! The snippet shown under a hit: whole sentences around the best matches,
//! or, where a sentence must be cut, a "…" that says so. A snippet starts
//! at a sentence start or with "…" and ends at a sentence end or with "…";
//! a passage short enough is shown whole. Paragraph breaks show as " ¶ ".
//! Highlights are char ranges in the snippet as printed, marks included.
//!
//! Sentences are Unicode's (UAX #29), less the breaks it makes after
//! abbreviations reports use ("U.S. Embassy", "Mr. Smith").

use super::highlight::{Marked, to_char_ranges};
use std::collections::HashSet;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// Snippets aim at about this many bytes of text.
pub const SNIPPET_CHARS: usize = 320;
/// Passages up to this many bytes are shown whole; no snippet is longer.
pub const WHOLE: usize = 400;
/// How much text a snippet cut inside a long sentence shows before its
/// first match.
const LEAD: usize = 60;
const ELLIPSIS: &str = "…";
const PARAGRAPH: &str = " ¶ ";

/// Abbreviations after which a full stop ends no sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "gen", "lt", "col", "capt", "sgt", "maj", "prof",
    "rev", "hon", "jr", "sr", "vs", "art", "arts", "para", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "approx", "e.g",
    "i.e", "cf", "al",
];

/// The snippet of `text` for matches at byte ranges `matches` (sorted).
pub fn snippet(text: &str, matches: &[Range<usize>]) -> Marked {
    if text.len() <= WHOLE {
        return marked(text, 0..text.len(), matches, false, false);
    }
    let sentences = sentences(text);
    let windows: Vec<Window> = if matches.is_empty() {
        vec![window(text, &sentences, 0)]
    } else {
        matches
            .iter()
            .map(|m| window(text, &sentences, m.start))
            .collect()
    };
    let best = windows
        .into_iter()
        .max_by_key(|w| {
            // Most distinct query words first (a phrase beats many "of"s),
            // then most matches, then the earliest window.
            let inside: Vec<String> = matches
                .iter()
                .filter(|m| m.start >= w.bytes.start && m.end <= w.bytes.end)
                .map(|m| text[m.clone()].to_lowercase())
                .collect();
            let distinct: HashSet<&String> = inside.iter().collect();
            (
                distinct.len(),
                inside.len(),
                std::cmp::Reverse(w.bytes.start),
            )
        })
        .expect("at least one window");
    marked(text, best.bytes, matches, best.cut_start, best.cut_end)
}

/// A stretch of the passage, and whether it starts or ends mid-sentence.
struct Window {
    bytes: Range<usize>,
    cut_start: bool,
    cut_end: bool,
}

/// The window around the match at byte `at`: its sentence and those after
/// it that fit, then those before it that fit; a sentence too long to fit
/// is cut at word boundaries around the match.
fn window(text: &str, sentences: &[Range<usize>], at: usize) -> Window {
    let i = sentences
        .iter()
        .position(|s| at < s.end)
        .unwrap_or(sentences.len() - 1);
    let mut start = sentences[i].start;
    let mut cut_start = false;
    if at.saturating_sub(start) + LEAD > SNIPPET_CHARS {
        // Deep in a long sentence: start a little before the match.
        let lead = text.floor_char_boundary(at.saturating_sub(LEAD));
        start = text[..lead].rfind(' ').map_or(lead, |s| s + 1).max(start);
        cut_start = start > sentences[i].start;
    }
    let mut last = i;
    while last + 1 < sentences.len() && sentences[last + 1].end - start <= WHOLE {
        last += 1;
    }
    let mut end = sentences[last].end;
    let mut cut_end = false;
    if end - start > WHOLE {
        let limit = text.floor_char_boundary(start + SNIPPET_CHARS);
        end = text[start..limit]
            .rfind(' ')
            .map_or(limit, |e| start + e)
            .max(start + 1);
        end = text.ceil_char_boundary(end);
        cut_end = true;
    }
    if !cut_start {
        let mut first = i;
        while first > 0 && end - sentences[first - 1].start <= SNIPPET_CHARS {
            first -= 1;
        }
        start = sentences[first].start;
    }
    Window {
        bytes: start..end,
        cut_start,
        cut_end,
    }
}

/// The snippet text for `bytes` of `text`, with its marks and the
/// matches inside it as char ranges of what is printed.
fn marked(
    text: &str,
    bytes: Range<usize>,
    matches: &[Range<usize>],
    cut_start: bool,
    cut_end: bool,
) -> Marked {
    let fragment = text[bytes.clone()].trim_end();
    let lead = if cut_start { ELLIPSIS } else { "" };
    let breaks: Vec<usize> = fragment.match_indices("\n\n").map(|(at, _)| at).collect();
    // Where byte `at` of the fragment lands in what is printed.
    let printed = |at: usize| {
        let before = breaks.iter().filter(|&&b| b + 2 <= at).count();
        lead.len() + at + before * (PARAGRAPH.len() - 2)
    };
    let inside: Vec<Range<usize>> = matches
        .iter()
        .filter(|m| m.start >= bytes.start && m.end <= bytes.start + fragment.len())
        .map(|m| printed(m.start - bytes.start)..printed(m.end - bytes.start))
        .collect();
    let mut out = String::with_capacity(fragment.len() + 8);
    out.push_str(lead);
    out.push_str(&fragment.replace("\n\n", PARAGRAPH));
    if cut_end {
        out.push_str(ELLIPSIS);
    }
    let highlights = to_char_ranges(&out, inside);
    Marked {
        text: out,
        highlights,
    }
}

/// The passage's sentences as byte ranges (trailing white space left out).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut starts: Vec<usize> = Vec::new();
    for (at, _) in text.split_sentence_bound_indices() {
        if at == 0 || !after_abbreviation(&text[..at]) {
            starts.push(at);
        }
    }
    if starts.is_empty() {
        starts.push(0);
    }
    let mut out = Vec::with_capacity(starts.len());
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(text.len());
        let trimmed = start + text[start..end].trim_end().len();
        if trimmed > start {
            out.push(start..trimmed);
        }
    }
    if out.is_empty() {
        out.push(0..text.len());
    }
    out
}

/// Whether `before` ends with an abbreviation's full stop ("U.S. ",
/// "Mr. ", "A. "), which ends no sentence.
fn after_abbreviation(before: &str) -> bool {
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() || before.ends_with("\n\n") {
        return false;
    }
    let Some(word) = trimmed.strip_suffix('.') else {
        return false;
    };
    let last = word
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = last.to_lowercase();
    let initials = last
        .split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    (!last.is_empty() && initials) || ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(marked: &Marked) -> Vec<String> {
        let chars: Vec<char> = marked.text.chars().collect();
        marked
            .highlights
            .iter()
            .map(|r| chars[r.clone()].iter().collect())
            .collect()
    }

    fn find_all(text: &str, word: &str) -> Vec<Range<usize>> {
        text.match_indices(word)
            .map(|(at, w)| at..at + w.len())
            .collect()
    }

    #[test]
    fn short_passages_are_shown_whole() {
        let text = "Pretrial Detention: The law allows police to hold a detainee.\n\nOnce charged, detainees wait.";
        let m = snippet(text, &find_all(text, "detainee"));
        assert_eq!(
            m.text,
            "Pretrial Detention: The law allows police to hold a detainee. ¶ Once charged, detainees wait."
        );
        assert_eq!(shown(&m), ["detainee", "detainee"]);
    }

    #[test]
    fn snippets_are_whole_sentences_or_marked() {
        let filler = "The report covers many things in detail and at length. ".repeat(12);
        let text = format!(
            "{filler}Defense lawyers alleged prosecutors ignored pretrial detention limits. {filler}"
        );
        let m = snippet(&text, &find_all(&text, "pretrial"));
        assert!(m.text.contains("Defense lawyers alleged"), "{}", m.text);
        assert!(
            m.text.starts_with("The report") || m.text.starts_with("Defense"),
            "{}",
            m.text
        );
        assert!(m.text.ends_with('.'), "{}", m.text);
        assert!(m.text.len() <= WHOLE + 8);
        assert_eq!(shown(&m), ["pretrial"]);
    }

    #[test]
    fn a_long_sentence_is_cut_with_marks() {
        let text = format!(
            "{} torture in prison {}.",
            "words without any stop ".repeat(30),
            "and more words ".repeat(30)
        );
        let m = snippet(&text, &find_all(&text, "torture"));
        assert!(m.text.starts_with('…'), "{}", m.text);
        assert!(m.text.ends_with('…'), "{}", m.text);
        assert_eq!(shown(&m), ["torture"]);
    }

    #[test]
    fn abbreviations_end_no_sentence() {
        let text = "He met the U.S. Embassy staff. Mr. Smith spoke. Then it ended.";
        let spans: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            spans,
            [
                "He met the U.S. Embassy staff.",
                "Mr. Smith spoke.",
                "Then it ended."
            ]
        );
    }

    #[test]
    fn highlights_after_paragraph_breaks_stay_exact() {
        let para = "Police held him for days. ".repeat(8);
        let text = format!("{para}\n\nThe torture continued. {para}\n\nMore torture followed.");
        let m = snippet(&text, &find_all(&text, "torture"));
        assert!(!shown(&m).is_empty());
        assert!(
            shown(&m).iter().all(|w| w == "torture"),
            "{:?} in {}",
            shown(&m),
            m.text
        );
    }
}
