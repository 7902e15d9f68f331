//! Grouping the lines of a line-oriented file (plain text, Markdown) into
//! blocks: blank lines end a paragraph; heading lines stand alone.

use super::{Block, BlockKind};
use crate::outline::shape;

/// How one line takes part in grouping.
pub enum LineRole<'a> {
    Blank,
    /// A block of its own (a heading), with the text to keep.
    Alone(BlockKind, &'a str),
    /// Part of the paragraph around it.
    Joined,
}

/// Lines that start a new block even without a blank line before them:
/// "Section 5. ..." and "d. ..." headings that lost their markup.
pub fn is_structural_heading(line: &str) -> bool {
    shape::section_heading(line).is_some() || shape::lettered_heading(line, false).is_some()
}

/// Splits `source` into blocks, asking `role` what each trimmed line is.
pub fn group<'a>(source: &'a str, mut role: impl FnMut(&'a str) -> LineRole<'a>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut pending: Option<(usize, usize)> = None;
    let mut start = 0;
    for raw in source.split_inclusive('\n') {
        let end = start + raw.len();
        let trimmed = raw.trim();
        let lead = raw.len() - raw.trim_start().len();
        let range = (start + lead, start + lead + trimmed.len());
        match role(trimmed) {
            LineRole::Blank => flush(source, &mut pending, &mut blocks),
            LineRole::Alone(kind, text) => {
                flush(source, &mut pending, &mut blocks);
                if !text.is_empty() {
                    blocks.push(make_block(source, kind, text, range.0..range.1));
                }
            }
            LineRole::Joined => {
                pending = Some(match pending {
                    Some((s, _)) => (s, range.1),
                    None => range,
                });
            }
        }
        start = end;
    }
    flush(source, &mut pending, &mut blocks);
    blocks
}

fn flush(source: &str, pending: &mut Option<(usize, usize)>, blocks: &mut Vec<Block>) {
    if let Some((s, e)) = pending.take() {
        blocks.push(make_block(
            source,
            BlockKind::Paragraph,
            &source[s..e],
            s..e,
        ));
    }
}

/// A block whose text is `text` (a slice of `source`) folded, with anchors
/// so that its words map back to their own bytes.
fn make_block(source: &str, kind: BlockKind, text: &str, range: std::ops::Range<usize>) -> Block {
    let at = (text.as_ptr() as usize).wrapping_sub(source.as_ptr() as usize);
    let built = match source.get(at..at + text.len()) {
        Some(slice) if slice.as_ptr() == text.as_ptr() => {
            super::offsets::fold(source, at..at + text.len())
        }
        _ => super::offsets::TextBuilder {
            text: crate::words::fold(text),
            anchors: Vec::new(),
        },
    };
    let verbatim = source.get(range.clone()) == Some(built.text.as_str());
    Block {
        kind,
        text: built.text,
        range,
        verbatim,
        anchors: if verbatim { Vec::new() } else { built.anchors },
    }
}
