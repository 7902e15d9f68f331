//! Page furniture of laid-out reports: what a page prints that is not report
//! text. The running header (the country and the page number), the footer
//! ("Country Reports on Human Rights Practices for 2023" / "United States
//! Department of State • Bureau of Democracy, Human Rights and Labor"), page
//! numbers, and the title line ("KAZAKHSTAN 2023 HUMAN RIGHTS REPORT"),
//! which is kept once, as the report's title, and dropped where it repeats.
//!
//! Furniture is told by what it says (the footer's wording) and by what it
//! does (a short line that comes back page after page, with only its
//! number changing), and for a PDF also by where it stands (the margins).

use super::layout::Page;
use regex::Regex;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Lines that are furniture wherever they stand. Digits may carry stray
/// spaces ("202 3"), as PDF-to-text tools leave them.
static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
            country\s+reports?\s+on\s+human\s+rights\s+practices(?:\s+for\s+[0-9\ ]{4,6})?
          | (?:united\s+states\s+|u\.\s?s\.\s+)?department\s+of\s+state\s*[•·|,-]?\s*bureau\s+of\s+democracy,?\s+human\s+rights,?\s+and\s+labou?r
          | bureau\s+of\s+democracy,?\s+human\s+rights,?\s+and\s+labou?r
          | (?:page\s+)?[0-9]{1,4}(?:\s+of\s+[0-9]{1,4})?
          | -\s?[0-9]{1,4}\s?-
        )$",
    )
    .unwrap()
});

/// "KAZAKHSTAN 2023 HUMAN RIGHTS REPORT", "Lebanon 2023 Human Rights Report".
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\p{L}[\p{L} .,'’()-]*?\s+(?:19|20)[0-9]{2}\s+human\s+rights\s+report$")
        .unwrap()
});

/// What the furniture test found on each page.
pub struct Marks {
    /// `furniture[page][line]`: true for furniture.
    pub furniture: Vec<Vec<bool>>,
    /// The title line, if one was found: (page, line).
    pub title: Option<(usize, usize)>,
}

/// Whether a line is the report's title line.
pub fn is_title(line: &str) -> bool {
    line.len() < 120 && TITLE.is_match(line)
}

/// Marks the furniture of every page, and the title.
pub fn mark(source: &str, pages: &[Page]) -> Marks {
    let text = |p: usize, l: usize| source[pages[p].lines[l].range.clone()].trim();
    let repeats = repeated_lines(source, pages);
    let mut furniture: Vec<Vec<bool>> = pages
        .iter()
        .enumerate()
        .map(|(p, page)| {
            (0..page.lines.len())
                .map(|l| {
                    let line = text(p, l);
                    let in_margin = page.in_margin(l);
                    FOOTER.is_match(line)
                        || (in_margin != Some(false)
                            && repeats.get(&shape(line)).is_some_and(|&n| n >= 2)
                            && looks_like_header(line, in_margin.is_some()))
                })
                .collect()
        })
        .collect();
    // The first title line is the title; any later one is a running header.
    let mut title = None;
    for (p, marks) in furniture.iter_mut().enumerate() {
        for (l, mark) in marks.iter_mut().enumerate() {
            if *mark || !is_title(text(p, l)) {
                continue;
            }
            if title.is_none() {
                title = Some((p, l));
            } else {
                *mark = true;
            }
        }
    }
    Marks { furniture, title }
}

/// How often each line shape occurs on a page of its own (a line repeated
/// within one page is not furniture, which comes once a page).
fn repeated_lines(source: &str, pages: &[Page]) -> FxHashMap<String, usize> {
    let mut counts: FxHashMap<String, usize> = FxHashMap::default();
    for page in pages {
        let mut seen: Vec<String> = page
            .lines
            .iter()
            .enumerate()
            .filter(|(l, _)| page.in_margin(*l) != Some(false))
            .map(|(_, line)| shape(source[line.range.clone()].trim()))
            .filter(|s| !s.is_empty() && s.len() <= 120)
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for s in seen {
            *counts.entry(s).or_default() += 1;
        }
    }
    // A plain text file with no form feeds is one "page": count lines.
    if pages.len() == 1 {
        counts.clear();
        for line in &pages[0].lines {
            let s = shape(source[line.range.clone()].trim());
            if !s.is_empty() && s.len() <= 120 {
                *counts.entry(s).or_default() += 1;
            }
        }
    }
    counts
}

/// A line with digits made '#', letters lowercased and spaces folded, so a
/// running header matches itself on every page.
fn shape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split_whitespace() {
        // "202 3": digits parted by a stray space stay one number.
        let digits_go_on = out.ends_with('#') && word.starts_with(|c: char| c.is_ascii_digit());
        if !out.is_empty() && !digits_go_on {
            out.push(' ');
        }
        for c in word.chars() {
            if c.is_ascii_digit() {
                if !out.ends_with('#') {
                    out.push('#');
                }
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// What a repeated line must look like to be taken for a running header or
/// footer: short, and either numbered (a page number at its start or end)
/// or in capitals. A line of report text that happens to repeat is neither:
/// "Not applicable.", or boilerplate wrapped at the same word each time
/// ("See the Department of State's Trafficking in Persons Report at 2009-",
/// whose URL goes on in the next line). In a PDF's margins any short
/// repeated line will do.
fn looks_like_header(line: &str, in_margin: bool) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    if in_margin {
        return true;
    }
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = !letters.is_empty() && letters.iter().all(|c| c.is_uppercase());
    let page_number = |word: &&str| word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit());
    let numbered = words.first().is_some_and(page_number) || words.last().is_some_and(page_number);
    (capitals && words.len() <= 6) || numbered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footer_lines_and_page_numbers() {
        for line in [
            "Country Reports on Human Rights Practices for 2023",
            "Country Reports on Human Rights Practices for 202 3",
            "United States Department of State • Bureau of Democracy, Human Rights and Labor",
            "12",
            "Page 3 of 40",
        ] {
            assert!(FOOTER.is_match(line), "{line}");
        }
        for line in [
            "Country reports on human rights practices are published yearly.",
            "2023.",
            "See the Department of State’s annual Trafficking in Persons Report at",
        ] {
            assert!(!FOOTER.is_match(line), "{line}");
        }
    }

    #[test]
    fn titles() {
        assert!(is_title("KAZAKHSTAN 2023 HUMAN RIGHTS REPORT"));
        assert!(is_title("Lebanon 2023 Human Rights Report"));
        assert!(is_title("BOSNIA AND HERZEGOVINA 2022 HUMAN RIGHTS REPORT"));
        assert!(!is_title("The 2023 Human Rights Report said so."));
    }

    #[test]
    fn shapes_ignore_numbers_and_case() {
        assert_eq!(shape("KAZAKHSTAN   12"), "kazakhstan #");
        assert_eq!(shape("Kazakhstan 3"), "kazakhstan #");
        assert_eq!(shape("202 3"), "#");
        assert!(looks_like_header("KAZAKHSTAN", false));
        assert!(looks_like_header("KAZAKHSTAN 2", false));
        assert!(!looks_like_header("Not applicable.", false));
        assert!(!looks_like_header("In 2023, 12 persons died.", false));
        assert!(looks_like_header("Page 4", false));
        assert!(looks_like_header("12 Kazakhstan", false));
        assert!(!looks_like_header(
            "See the Department of State’s Trafficking in Persons Report at 2009-",
            false
        ));
        assert!(!looks_like_header("the 2009 law, passed in", false));
    }
}
