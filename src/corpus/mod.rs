//! Reading reports: walking corpus folders, telling formats apart, turning a
//! file into blocks (headings and paragraphs with their byte ranges) and
//! finding the report's country and year.

mod chrome;
mod html;
mod lines;
mod markdown;
pub mod meta;
mod text;
pub mod walk;

use std::ops::Range;
use std::path::Path;

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
}

impl Format {
    /// The format a file name says, if it is one hrsearch reads.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
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
    /// Byte range in the source file.
    pub range: Range<usize>,
    /// True when `text` is exactly `source[range]`, so sub-ranges of the
    /// text are sub-ranges of the file.
    pub verbatim: bool,
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
}

/// A report read from a file: its metadata and its blocks.
#[derive(Debug)]
pub struct LoadedReport<'a> {
    /// The whole file as text (block ranges are byte ranges of it).
    pub source: &'a str,
    pub meta: ReportMeta,
    pub format: Format,
    pub blocks: Vec<Block>,
}

/// Decodes a file's bytes as text, refusing what is not a text report.
pub fn decode(bytes: &[u8]) -> Result<&str, SkipReason> {
    let whole = validate(bytes)?;
    Ok(whole.strip_prefix('\u{feff}').unwrap_or(whole))
}

/// The whole file as text (a byte-order mark included), or why it is not.
fn validate(bytes: &[u8]) -> Result<&str, SkipReason> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SkipReason::Empty);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(SkipReason::Binary(kind));
    }
    std::str::from_utf8(bytes).map_err(|e| SkipReason::NotUtf8(e.valid_up_to()))
}

fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive or Office document"),
        (b"\xD0\xCF\x11\xE0", "Office document"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0).then_some("contains NUL bytes")
}

/// Reads a report from its bytes: decode, split into blocks, find metadata.
pub fn load_report<'a>(path: &Path, bytes: &'a [u8]) -> Result<LoadedReport<'a>, SkipReason> {
    let format = Format::from_path(path).unwrap_or(Format::Text);
    let whole = validate(bytes)?;
    let source = whole.strip_prefix('\u{feff}').unwrap_or(whole);
    let offset = whole.len() - source.len(); // a stripped byte-order mark
    let mut blocks = match format {
        Format::Text => text::read(source),
        Format::Markdown => markdown::read(source),
        Format::Html => html::read(source),
    };
    if offset > 0 {
        for block in &mut blocks {
            block.range = block.range.start + offset..block.range.end + offset;
        }
    }
    chrome::strip(&mut blocks);
    if blocks.is_empty() {
        return Err(SkipReason::NoText);
    }
    let meta = meta::identify(path, &blocks)?;
    Ok(LoadedReport {
        source: whole,
        meta,
        format,
        blocks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_text() {
        assert_eq!(decode(b"").unwrap_err(), SkipReason::Empty);
        assert_eq!(decode(b"  \n\n").unwrap_err(), SkipReason::Empty);
        assert_eq!(
            decode(b"%PDF-1.7 ...").unwrap_err(),
            SkipReason::Binary("PDF")
        );
        assert_eq!(
            decode(b"abc\0def").unwrap_err(),
            SkipReason::Binary("contains NUL bytes")
        );
        assert_eq!(decode(b"caf\xe9").unwrap_err(), SkipReason::NotUtf8(3));
        assert_eq!(decode("\u{feff}Algeria".as_bytes()).unwrap(), "Algeria");
    }

    #[test]
    fn byte_order_mark_keeps_ranges_true() {
        let bytes = "\u{feff}Kazakhstan 2020 Human Rights Report\n\nSome text here.".as_bytes();
        let report = load_report(Path::new("x.txt"), bytes).unwrap();
        let last = report.blocks.last().unwrap();
        assert_eq!(&bytes[last.range.clone()], b"Some text here.");
    }
}
