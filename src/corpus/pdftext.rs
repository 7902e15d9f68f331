//! Text a PDF-to-text tool made of a report (`pdftotext`, a PDF reader's
//! "save as text"): told from text saved from a web page by what it looks
//! like, and cut into pages and lines for [`super::layout`].
//!
//! A web page saved as text has each paragraph on one long line; text from
//! a PDF is hard-wrapped at the page's width (most lines about as long as
//! the longest ones, all well under 150 characters) and may have form
//! feeds between pages.

use super::layout::{Line, Page};
use super::lines::split_lines;

/// Files this short say too little to tell; they are read as plain text.
const MIN_LINES: usize = 12;

/// Whether `source` looks like text extracted from a PDF.
pub fn looks_like(source: &str) -> bool {
    let mut lengths: Vec<usize> = split_lines(source)
        .map(|l| {
            l.trim_end_matches(['\n', '\r', '\u{c}'])
                .trim()
                .chars()
                .count()
        })
        .filter(|&n| n > 0)
        .collect();
    if lengths.len() < MIN_LINES {
        return false;
    }
    lengths.sort_unstable();
    let full = lengths[lengths.len() * 95 / 100];
    if !(40..=150).contains(&full) || lengths[lengths.len() - 1] > 2 * full + 20 {
        return false;
    }
    // Hard-wrapped: most lines run close to the full width.
    let wrapped = lengths
        .iter()
        .filter(|&&n| n * 10 >= full * 6 && n * 100 <= full * 105)
        .count();
    let form_feeds = source.contains('\u{c}');
    wrapped * 2 >= lengths.len() || (form_feeds && wrapped * 3 >= lengths.len())
}

/// Pages (split at form feeds) and their lines, with byte ranges.
pub fn pages(source: &str) -> Vec<Page> {
    let mut pages = vec![Page::default()];
    let mut at = 0;
    for raw in split_lines(source) {
        let mut line_start = at;
        let content = raw.trim_end_matches(['\n', '\r']);
        // A form feed starts a new page, wherever it stands in the line.
        let mut rest = content;
        while let Some(ff) = rest.find('\u{c}') {
            push_line(&mut pages, line_start, &rest[..ff]);
            line_start += ff + 1;
            rest = &rest[ff + 1..];
            pages.push(Page {
                start: line_start,
                ..Page::default()
            });
        }
        push_line(&mut pages, line_start, rest);
        at += raw.len();
    }
    // A trailing form feed opens no page.
    if pages.len() > 1
        && pages
            .last()
            .is_some_and(|p| p.lines.iter().all(|l| l.range.is_empty()))
    {
        pages.pop();
    }
    pages
}

fn push_line(pages: &mut [Page], start: usize, text: &str) {
    let page = pages.last_mut().expect("one page at least");
    page.lines.push(Line {
        range: start..start + text.len(),
        geo: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(lines: usize) -> String {
        let line = "the government generally respected these rights and the law provided";
        (0..lines).map(|_| line).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn hard_wrapped_text_is_pdf_text() {
        assert!(looks_like(&wrapped(40)));
        assert!(!looks_like(&wrapped(5)));
        let web = (0..40)
            .map(|_| "A paragraph saved from a web page runs on one long line. ".repeat(8))
            .collect::<Vec<_>>()
            .join("\n\n");
        assert!(!looks_like(&web));
    }

    #[test]
    fn pages_at_form_feeds() {
        let source = "one\ntwo\n\u{c}KAZAKHSTAN\nthree\n\u{c}";
        let pages = pages(source);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[1].start, source.find('K').unwrap());
        let texts: Vec<&str> = pages[1]
            .lines
            .iter()
            .map(|l| &source[l.range.clone()])
            .collect();
        assert_eq!(texts, ["KAZAKHSTAN", "three", ""]);
    }
}
