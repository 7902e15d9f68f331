//! Report -> sections -> passages with byte ranges.
//!
//! Passages follow paragraphs and never cross a section boundary: short
//! paragraphs of one section are merged, long ones split at sentence
//! boundaries, aiming at [`MIN_WORDS`] to [`MAX_WORDS`] words.

mod classify;
mod cuts;
mod reading;
mod sections;
mod split;

use crate::corpus::{Block, LoadedReport};
use sections::{Para, Sectioner};
use split::word_count;
use std::ops::{Range, RangeInclusive};

pub use sections::Section;

/// Passages shorter than this are merged with the next one of their section.
pub const MIN_WORDS: usize = 40;
/// Passages are not merged past this, and longer paragraphs are split.
pub const MAX_WORDS: usize = 250;

/// A unit of search results: a piece of one section of one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub text: String,
    /// Byte range in the report's source: the file, or for a PDF the text
    /// extracted from it ([`crate::corpus::Format::byte_ranges_meaningful`]).
    pub byte_range: Range<usize>,
    pub section: Section,
    /// The printed pages (from 1) the passage stands on, when the file
    /// has pages (a PDF, or PDF-extracted text with its page breaks).
    pub pages: Option<RangeInclusive<u32>>,
}

/// A sentence without the sub-heading run into its start ("Pretrial
/// Detention: The law ..." -> "The law ..."), for comparing editions that
/// set the same sentence under different headings.
pub fn without_run_in_heading(sentence: &str) -> &str {
    match reading::run_in(sentence) {
        Some(heading) => sentence[heading.len()..].trim_start_matches([' ', ':']),
        None => sentence,
    }
}

/// Splits a loaded report into passages.
pub fn chunk_report(report: &LoadedReport) -> Vec<Passage> {
    let source: &str = &report.source;
    let paras = Sectioner::new(&report.meta, report.format).run(&report.blocks);
    let pieces = paras.iter().flat_map(|p| pieces(p, source));
    let mut passages = merge(pieces);
    for passage in &mut passages {
        passage.pages = report.pages(passage.byte_range.clone());
    }
    passages
}

/// One paragraph, or a run of its sentences when it is too long.
struct Piece {
    text: String,
    range: Range<usize>,
    words: usize,
    section: Section,
}

fn pieces(para: &Para, source: &str) -> Vec<Piece> {
    let block = para.block;
    let text = &block.text[para.span.clone()];
    let words = word_count(text);
    let whole = |text: &str, words| Piece {
        text: text.to_string(),
        range: map_range(block, source, para.span.clone()),
        words,
        section: para.section.clone(),
    };
    if words <= MAX_WORDS {
        return vec![whole(text, words)];
    }
    split::spans(text, MAX_WORDS)
        .into_iter()
        .map(|(span, words)| sentence_piece(para, source, span, words))
        .collect()
}

fn sentence_piece(para: &Para, source: &str, span: Range<usize>, words: usize) -> Piece {
    let base = para.span.start;
    let text = &para.block.text[base + span.start..base + span.end];
    let trimmed_start = span.start + (text.len() - text.trim_start().len());
    let trimmed_end = span.end - (text.len() - text.trim_end().len());
    Piece {
        text: text.trim().to_string(),
        range: map_range(para.block, source, base + trimmed_start..base + trimmed_end),
        words,
        section: para.section.clone(),
    }
}

/// Maps a byte span of a block's text to bytes of the source file.
fn map_range(block: &Block, source: &str, span: Range<usize>) -> Range<usize> {
    block.source_range(source, span)
}

/// Merges short pieces of one section into passages.
fn merge(pieces: impl Iterator<Item = Piece>) -> Vec<Passage> {
    let mut passages: Vec<(Passage, usize)> = Vec::new();
    let mut open: Option<(Passage, usize)> = None;
    for piece in pieces {
        if let Some((passage, words)) = &mut open
            && passage.section == piece.section
            && *words < MIN_WORDS
            && *words + piece.words <= MAX_WORDS
        {
            passage.text.push_str("\n\n");
            passage.text.push_str(&piece.text);
            passage.byte_range.end = piece.range.end;
            *words += piece.words;
            continue;
        }
        passages.extend(open.take());
        open = Some((
            Passage {
                text: piece.text,
                byte_range: piece.range,
                section: piece.section,
                pages: None,
            },
            piece.words,
        ));
    }
    // A short tail joins the passage before it when both are one section.
    if let Some((tail, words)) = open {
        match passages.last_mut() {
            Some((prev, prev_words))
                if words < MIN_WORDS
                    && prev.section == tail.section
                    && *prev_words + words <= MAX_WORDS =>
            {
                prev.text.push_str("\n\n");
                prev.text.push_str(&tail.text);
                prev.byte_range.end = tail.byte_range.end;
            }
            _ => passages.push((tail, words)),
        }
    }
    passages.into_iter().map(|(p, _)| p).collect()
}

#[cfg(test)]
mod conversion_tests;
#[cfg(test)]
mod tests;
