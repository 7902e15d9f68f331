//! White-space-separated words, found as `str::split_whitespace` finds them
//! but without decoding every char: report text is nearly all ASCII, and
//! of the other bytes only the leads of the few non-ASCII white-space
//! chars need a closer look. Folding white space and counting words were
//! a fifth of the loader's and chunker's time before.

use std::ops::Range;

/// Byte spans of the words (runs of non-white-space) of `text`.
pub fn spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = skip(text, at, true);
        if start == text.len() {
            return None;
        }
        at = skip(text, start, false);
        Some(start..at)
    })
}

/// How many words `text` has.
pub fn count(text: &str) -> usize {
    spans(text).count()
}

/// `text` with every run of white space (line breaks included) made one
/// space, and none at either end.
pub fn fold(text: &str) -> String {
    if is_folded(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for span in spans(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[span]);
    }
    out
}

/// The first byte at or after `at` that is (`spaces` false) or is not
/// (`spaces` true) white space; `text.len()` if none. `at` is a char start.
fn skip(text: &str, mut at: usize, spaces: bool) -> usize {
    let bytes = text.as_bytes();
    loop {
        if !spaces {
            // The common case, a run of plain ASCII letters, in a tight loop.
            at += bytes[at.min(bytes.len())..]
                .iter()
                .take_while(|&&b| b > b' ' && b.is_ascii())
                .count();
        }
        let Some(&byte) = bytes.get(at) else { break };
        let (space, width) = if byte.is_ascii() {
            (byte == b' ' || (b'\t'..=b'\r').contains(&byte), 1)
        } else if may_lead_a_space(byte) {
            let c = text[at..].chars().next().unwrap_or_default();
            (c.is_whitespace(), c.len_utf8())
        } else {
            // Any other lead or continuation byte is inside a non-space
            // char: step over it byte by byte.
            (false, 1)
        };
        if space != spaces {
            return at;
        }
        at += width;
    }
    bytes.len()
}

/// Whether `text` is already folded: single spaces between words, and no
/// other white space (most paragraphs are, and copying them is cheaper).
fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut after_space = true;
    for (at, &byte) in bytes.iter().enumerate() {
        let odd_blank = (b'\t'..=b'\r').contains(&byte)
            || (may_lead_a_space(byte) && text[at..].starts_with(char::is_whitespace));
        if odd_blank || (byte == b' ' && after_space) {
            return false;
        }
        after_space = byte == b' ';
    }
    !after_space || bytes.is_empty()
}

/// Lead bytes of the non-ASCII white-space chars (U+0085, U+00A0, U+1680,
/// U+2000..U+205F, U+3000).
fn may_lead_a_space(byte: u8) -> bool {
    matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: [&str; 10] = [
        "",
        "already folded “with” quotes — and dashes",
        " leading space",
        "   ",
        "one",
        "  two  words ",
        "a\u{a0}b\u{2003}c\td\u{b}e\u{85}f",
        "é è\u{3000}ü “quoted” — dash",
        "line\nbreaks\r\nand\u{2028}separators\u{2029}",
        "Détention\u{202f}préventive\u{205f}à\u{1680}Almaty",
    ];

    #[test]
    fn words_are_those_split_whitespace_finds() {
        for text in SAMPLES {
            let ours: Vec<&str> = spans(text).map(|r| &text[r]).collect();
            let std: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(ours, std, "{text:?}");
            assert_eq!(count(text), std.len());
            assert_eq!(fold(text), std.join(" "));
        }
    }
}
