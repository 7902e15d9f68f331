//! Reading page-laid-out lines into blocks: the lines of a PDF (with their
//! positions and weight) or of the text a PDF-to-text tool made of one
//! (without). Page furniture goes ([`super::furniture`]), the title line
//! becomes one front-matter block, lines join into paragraphs across wraps
//! and page breaks ([`super::roles`] says where blocks start and which are
//! headings), a heading wrapped over several lines becomes one heading.
//! Lines and words join by [`super::joins`]. Block texts are built from
//! pieces of the source with anchors, so every word maps back to its own
//! bytes.

use super::joins::{glued_to_previous, joins_without_space, push_word, title_case};
use super::offsets::TextBuilder;
use super::roles::{self, Role};
use super::{Block, BlockKind, furniture};
use std::ops::Range;

/// One page: its lines in reading order, and where it starts in the source.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub start: usize,
    pub lines: Vec<Line>,
}

/// One printed line.
#[derive(Debug, Clone)]
pub struct Line {
    /// The line's bytes in the source (without its line break).
    pub range: Range<usize>,
    /// Where and how it is printed, when the reader knows (a PDF).
    pub geo: Option<Geo>,
}

/// A PDF line's place and look, in points, measured from the page's top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geo {
    pub top: f32,
    pub baseline: f32,
    pub left: f32,
    pub right: f32,
    pub size: f32,
    pub bold: bool,
}

/// Lines at the top or the bottom of a page that may be its header or
/// footer.
const MARGIN_LINES: usize = 3;

impl Page {
    /// For a PDF (lines in printed order), whether line `l` is among the
    /// page's first or last lines, where headers and footers stand; `None`
    /// when positions are unknown.
    pub fn in_margin(&self, l: usize) -> Option<bool> {
        self.lines[l].geo?;
        Some(l < MARGIN_LINES || l + MARGIN_LINES >= self.lines.len())
    }
}

/// Blocks, and where each page starts in the source.
#[derive(Debug, Default)]
pub struct Laid {
    pub blocks: Vec<Block>,
    pub page_starts: Vec<usize>,
}

impl Laid {
    /// Moves every offset by `by` bytes (a byte-order mark before the text).
    pub fn shift(&mut self, by: usize) {
        for block in &mut self.blocks {
            block.range = block.range.start + by..block.range.end + by;
            for anchor in &mut block.anchors {
                anchor.1 += by;
            }
        }
        for start in &mut self.page_starts {
            *start += by;
        }
    }
}

/// A line of the body (not furniture), as the block builder sees it.
pub struct BodyLine<'s> {
    pub text: &'s str,
    /// Offset of `text` in the source.
    pub at: usize,
    pub page: usize,
    pub geo: Option<Geo>,
    /// A blank line stands between this line and the body line before it
    /// (with no furniture between them): a paragraph break.
    pub blank_before: bool,
}

/// Reads laid-out pages into blocks.
pub fn read(source: &str, pages: &[Page]) -> Laid {
    let marks = furniture::mark(source, pages);
    let mut body = Vec::new();
    let mut title = None;
    let mut blank = false;
    for (p, page) in pages.iter().enumerate() {
        for (l, line) in page.lines.iter().enumerate() {
            let text = &source[line.range.clone()];
            let trimmed = text.trim();
            if marks.furniture[p][l] {
                blank = false;
                continue;
            }
            if trimmed.is_empty() {
                blank = !body.is_empty();
                continue;
            }
            if marks.title == Some((p, l)) {
                title = Some(body.len());
            }
            let at = line.range.start + (text.len() - text.trim_start().len());
            body.push(BodyLine {
                text: trimmed,
                at,
                page: p,
                geo: line.geo,
                blank_before: std::mem::take(&mut blank),
            });
        }
    }
    let roles = roles::assign(&body, title);
    let mut blocks = Vec::new();
    let mut start = 0;
    while start < body.len() {
        let role = roles[start];
        let mut end = start + 1;
        while end < body.len() && roles[end] == Role::Continue {
            end += 1;
        }
        blocks.push(build(&body[start..end], role));
        start = end;
    }
    let page_starts = if pages.len() > 1 {
        pages.iter().map(|p| p.start).collect()
    } else {
        roles::page_breaks(source, pages, &marks)
    };
    Laid {
        blocks,
        page_starts,
    }
}

/// One block from its lines.
fn build(lines: &[BodyLine], role: Role) -> Block {
    let heading = matches!(role, Role::Heading);
    let mut out = TextBuilder::default();
    let mut glue_next = false;
    for (i, line) in lines.iter().enumerate() {
        let mut words = crate::words::spans(line.text).peekable();
        let mut first = true;
        while let Some(span) = words.next() {
            let word = &line.text[span.clone()];
            let at = line.at + span.start;
            let last_of_line = words.peek().is_none();
            let block_start = first && i == 0;
            if !(glue_next || block_start || glued_to_previous(&out.text, word, heading)) {
                out.space();
            }
            glue_next = false;
            if last_of_line && i + 1 < lines.len() {
                let next = lines[i + 1].text;
                if let Some(stem) = word.strip_suffix('\u{ad}') {
                    push_word(&mut out, stem, at);
                    glue_next = true;
                    continue;
                }
                glue_next = joins_without_space(line.text, word, next);
            }
            push_word(&mut out, word, at);
            first = false;
        }
    }
    let range = match (lines.first(), lines.last()) {
        (Some(first), Some(last)) => first.at..last.at + last.text.len(),
        _ => 0..0,
    };
    let kind = match role {
        Role::Heading if crate::outline::shape::section_heading(&out.text).is_some() => {
            BlockKind::Heading(3)
        }
        Role::Heading => BlockKind::Heading(4),
        _ => BlockKind::Paragraph,
    };
    let text = if role == Role::Title {
        title_case(&out.text)
    } else {
        out.text
    };
    Block {
        kind,
        text,
        range,
        verbatim: false,
        anchors: out.anchors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_pages(source: &str) -> Vec<Page> {
        super::super::pdftext::pages(source)
    }

    #[test]
    fn block_text_maps_back_to_each_word() {
        let source = "Andorra 2023 Human Rights Report\nSection 1. Respect for the Integrity of the Person\na. Arbitrary Deprivation of Life and Other Unlawful or\nP\nolitically Motivated Killings\nThere were no reports that the government or its agents committed\narbitrary or unlawful killings, including extrajudicial  killings.\nPretrial Detention :  The law provided that the duration of provisional\ndetention could not exceed four months, in life-\nthreatening cases too.\n";
        let laid = read(source, &text_pages(source));
        let heading = &laid.blocks[2];
        assert_eq!(
            heading.text,
            "a. Arbitrary Deprivation of Life and Other Unlawful or Politically Motivated Killings"
        );
        for block in &laid.blocks {
            for span in crate::words::spans(&block.text) {
                let range = block.source_range(source, span.clone());
                let word = &block.text[span];
                let from_source: String = source[range].split_whitespace().collect();
                assert_eq!(
                    from_source.to_lowercase(),
                    word.to_lowercase().replace("\u{ad}", "")
                );
            }
        }
        let last = laid.blocks.last().unwrap();
        assert!(last.text.starts_with("Pretrial Detention: The law"));
        assert!(last.text.ends_with("in life-threatening cases too."));
        let kinds: Vec<BlockKind> = laid.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Heading(3),
                BlockKind::Heading(4),
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
    }

    /// Text a PDF tool left with its page headers and footers but without
    /// form feeds: pages start after each run of furniture, and a paragraph
    /// broken by one is joined again.
    #[test]
    fn furniture_is_dropped_and_gives_the_page_breaks() {
        let page = |n: usize, body: &str| {
            format!(
                "{body}\nCountry Reports on Human Rights Practices for 2023\nUnited States Department of State • Bureau of Democracy, Human Rights and Labor\n\nKAZAKHSTAN\n\n{n}\n\n"
            )
        };
        let line = "the government did not always observe these requirements in practice and";
        let body = (0..20).map(|_| line).collect::<Vec<_>>().join("\n");
        let source = format!(
            "KAZAKHSTAN 2023 HUMAN RIGHTS REPORT\n{}{}{}\nthe law was changed.\n",
            page(2, &body),
            page(3, &body),
            body
        );
        let laid = read(&source, &text_pages(&source));
        let texts: Vec<&str> = laid.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:#?}");
        assert_eq!(texts[0], "Kazakhstan 2023 Human Rights Report");
        assert!(!texts[1].contains("KAZAKHSTAN") && !texts[1].contains("Country Reports"));
        assert!(texts[1].ends_with("practice and the law was changed."));
        assert_eq!(laid.page_starts.len(), 3);
        assert!(source[laid.page_starts[1]..].starts_with("the government"));
        let pages = super::super::pages_of(&laid.page_starts, laid.blocks[1].range.clone());
        assert_eq!(pages, Some(1..=3));
    }
}
