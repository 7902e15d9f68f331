//! Reading reports: walking corpus folders, telling formats apart, turning a
//! file into blocks (headings and paragraphs with their byte ranges) and
//! finding the report's country and year.

mod chrome;
mod deadline;
mod decode;
mod editions;
mod furniture;
mod html;
mod joins;
mod layout;
mod lines;
mod markdown;
pub mod meta;
mod offsets;
mod pdf;
mod pdftext;
pub mod read;
mod roles;
mod text;
pub mod walk;

use std::borrow::Cow;
use std::ops::{Range, RangeInclusive};
use std::path::Path;

pub use decode::decode;
pub use meta::ReportMeta;
pub use walk::{CorpusFile, walk_corpus};

/// The formats users really have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text saved from a state.gov page.
    Text,
    /// Markdown conversions (from the page or the PDF).
    Markdown,
    /// HTML pages as saved from state.gov.
    Html,
    /// A PDF file, read directly; its `source` is the text extracted from it.
    Pdf,
    /// Plain text a PDF-to-text tool made of a PDF (hard-wrapped lines, page
    /// headers and footers), told from `Text` by its look, not its name.
    PdfText,
}

impl Format {
    /// The format a file name says, if it is one hrsearch reads (a `.txt`
    /// is `Text` here; reading it tells whether it is `PdfText`).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// The format's name in the index's records and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::PdfText => "pdf-text",
        }
    }

    /// Whether byte ranges in `source` are byte ranges of the file. Not for
    /// a PDF, whose `source` is the text hrsearch extracted from it: cite
    /// its passages by page instead.
    pub fn byte_ranges_meaningful(self) -> bool {
        self != Format::Pdf
    }
}

/// What a block of a report is, as its format marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Marked as a heading by the format (`#`, `<h3>`), with its level.
    Heading(u8),
    /// Anything else; bare heading lines are recognised later, by shape.
    Paragraph,
}

/// A heading or paragraph of a report, with the bytes it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The text, with markup removed and white space folded.
    pub text: String,
    /// Byte range in the report's `source`.
    pub range: Range<usize>,
    /// True when `text` is exactly `source[range]`, so sub-ranges of the
    /// text are sub-ranges of the file.
    pub verbatim: bool,
    /// When `text` is not verbatim but was built from pieces of the source
    /// (white space folded, lines joined, page furniture left out):
    /// `(text offset, source offset)` where each run of copied bytes starts.
    /// Empty when unknown. [`Block::source_range`] reads it.
    pub anchors: Vec<(usize, usize)>,
}

impl Block {
    /// The bytes of `source` (the report's source) that a byte span of
    /// `text` came from: exact for verbatim text and for text with anchors
    /// (a span from a word's start to a word's end gives the range from that
    /// word's first byte to the other's last), else proportional (markup was
    /// removed), which keeps ranges in order.
    pub fn source_range(&self, source: &str, span: Range<usize>) -> Range<usize> {
        if self.verbatim {
            return self.range.start + span.start..self.range.start + span.end;
        }
        if let Some(mapped) = offsets::map(&self.anchors, span.clone()) {
            let clamp = |at: usize| source.floor_char_boundary(at.min(self.range.end));
            return clamp(mapped.start)..clamp(mapped.end);
        }
        let (len, text_len) = (self.range.len(), self.text.len().max(1));
        let scale = |offset: usize| {
            let byte = self.range.start + offset * len / text_len;
            source.floor_char_boundary(byte.min(self.range.end))
        };
        let start = scale(span.start);
        let end = if span.end >= self.text.len() {
            self.range.end
        } else {
            scale(span.end)
        };
        start..end.max(start)
    }
}

/// Why a file was not indexed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    #[error("empty file")]
    Empty,
    #[error("binary file ({0}), not a report")]
    Binary(&'static str),
    #[error("not valid UTF-8 (byte {0}); save it as UTF-8")]
    NotUtf8(usize),
    #[error(
        "cannot tell the {0}: name it <year>/<country>.<ext> or give it a title like \"Kazakhstan 2020 Human Rights Report\""
    )]
    NoMetadata(&'static str),
    #[error("no report text found")]
    NoText,
    #[error("cannot read: {0}")]
    Io(String),
    #[error("encrypted: {0}")]
    Encrypted(&'static str),
    #[error("no text layer: scanned pages need OCR first")]
    NoTextLayer,
    #[error("damaged: {0}")]
    Damaged(String),
    #[error(
        "file is {}; hrsearch reads report files up to {} MB",
        read::human_size(*.size),
        .limit >> 20
    )]
    TooLarge { size: u64, limit: u64 },
    #[error("HTML nested {depth} levels deep (hrsearch reads up to {limit}): not a report page")]
    TooDeep { depth: usize, limit: usize },
    #[error("{0}: hrsearch reads UTF-8, and UTF-16 with a byte-order mark; save it as UTF-8")]
    Encoding(&'static str),
}

/// A report read from a file: its metadata and its blocks.
#[derive(Debug)]
pub struct LoadedReport<'a> {
    /// The report as text, which block ranges index: the whole file, or for
    /// a PDF the text extracted from it (one line per printed line, pages
    /// separated by form feeds).
    pub source: Cow<'a, str>,
    pub meta: ReportMeta,
    pub format: Format,
    pub blocks: Vec<Block>,
    /// Byte offsets in `source` where each page starts (the first is 0);
    /// empty when the file says nothing of pages.
    pub page_starts: Vec<usize>,
}

impl LoadedReport<'_> {
    /// The printed pages (numbered from 1) a byte range of `source` covers,
    /// or `None` when pages are unknown.
    pub fn pages(&self, range: Range<usize>) -> Option<RangeInclusive<u32>> {
        pages_of(&self.page_starts, range)
    }
}

/// The pages (from 1) holding `range`, given where each page starts.
pub fn pages_of(page_starts: &[usize], range: Range<usize>) -> Option<RangeInclusive<u32>> {
    if page_starts.is_empty() {
        return None;
    }
    let page = |at: usize| page_starts.partition_point(|&s| s <= at).max(1) as u32;
    let first = page(range.start);
    let last = page(range.end.saturating_sub(1).max(range.start));
    Some(first..=last)
}

/// Reads the reports a file holds (one, or one per edition of an archive
/// file) from its bytes: decode (or extract a PDF's text), split into
/// blocks, find each report's metadata.
pub fn load_reports<'a>(path: &Path, bytes: &'a [u8]) -> Result<Vec<LoadedReport<'a>>, SkipReason> {
    if pdf::is_pdf(bytes) {
        let extracted = pdf::extract(bytes)?;
        let laid = layout::read(&extracted.text, &extracted.pages);
        return finish(path, Cow::Owned(extracted.text), Format::Pdf, laid);
    }
    let format = Format::from_path(path).unwrap_or(Format::Text);
    let whole = decode::validate(bytes)?;
    let source = whole.strip_prefix('\u{feff}').unwrap_or(&whole);
    let offset = whole.len() - source.len(); // a stripped byte-order mark
    let (format, mut laid) = match format {
        Format::Text | Format::PdfText if pdftext::looks_like(source) => (
            Format::PdfText,
            layout::read(source, &pdftext::pages(source)),
        ),
        Format::Text | Format::PdfText | Format::Pdf => (Format::Text, plain(text::read(source))),
        Format::Markdown => (format, plain(markdown::read(source))),
        Format::Html => (format, plain(html::read(source)?)),
    };
    if offset > 0 {
        laid.shift(offset);
    }
    finish(path, whole, format, laid)
}

/// Blocks of a format that knows nothing of pages.
fn plain(blocks: Vec<Block>) -> layout::Laid {
    layout::Laid {
        blocks,
        page_starts: Vec::new(),
    }
}

fn finish<'a>(
    path: &Path,
    source: Cow<'a, str>,
    format: Format,
    laid: layout::Laid,
) -> Result<Vec<LoadedReport<'a>>, SkipReason> {
    let layout::Laid {
        mut blocks,
        page_starts,
    } = laid;
    chrome::strip(&mut blocks);
    if blocks.is_empty() {
        return Err(SkipReason::NoText);
    }
    let Some(editions) = editions::split(&blocks) else {
        let meta = meta::identify(path, &blocks)?;
        return Ok(vec![LoadedReport {
            source,
            meta,
            format,
            blocks,
            page_starts,
        }]);
    };
    editions
        .into_iter()
        .map(|range| {
            let blocks = blocks[range].to_vec();
            Ok(LoadedReport {
                meta: meta::identify_edition(path, &blocks)?,
                source: source.clone(),
                format,
                blocks,
                page_starts: page_starts.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_mark_keeps_ranges_true() {
        let bytes = "\u{feff}Kazakhstan 2020 Human Rights Report\n\nSome text here.".as_bytes();
        let report = load_reports(Path::new("x.txt"), bytes).unwrap().remove(0);
        let last = report.blocks.last().unwrap();
        assert_eq!(&bytes[last.range.clone()], b"Some text here.");
    }
}
