//! Grouping the lines of a line-oriented file (plain text, Markdown) into
//! blocks: blank lines end a paragraph; heading lines stand alone. Lines
//! end at "\n", "\r\n" or a lone "\r" (old Mac files), see [`split_lines`].

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

/// The lines of `source`, each with its line end: "\n", "\r\n", or a
/// lone "\r", as old Mac files end lines (read as one long line, such a
/// file would have no paragraphs). Together they are `source` whole, so
/// ranges counted along them are ranges of the file.
pub fn split_lines(source: &str) -> impl Iterator<Item = &str> {
    let mut rest = source;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let end = match bytes.iter().position(|&b| b == b'\n' || b == b'\r') {
            None => rest.len(),
            Some(at) if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') => at + 2,
            Some(at) => at + 1,
        };
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// Splits `source` into blocks, asking `role` what each trimmed line is.
pub fn group<'a>(source: &'a str, mut role: impl FnMut(&'a str) -> LineRole<'a>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut pending: Option<(usize, usize)> = None;
    let mut start = 0;
    for raw in split_lines(source) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_a_lone_cr() {
        let source = "one\ntwo\r\nthree\rfour\r\rsix";
        let lines: Vec<&str> = split_lines(source).collect();
        assert_eq!(
            lines,
            ["one\n", "two\r\n", "three\r", "four\r", "\r", "six"]
        );
        assert_eq!(lines.concat(), source);
        assert_eq!(split_lines("").count(), 0);
    }

    #[test]
    fn a_file_with_lone_cr_line_ends_has_paragraphs_with_true_ranges() {
        let source = "Chad\r\rThe police\rdetained protesters.\r\rSection 5. NGOs\rText.";
        let blocks = crate::corpus::text::read(source);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Chad",
                "The police detained protesters.",
                "Section 5. NGOs",
                "Text."
            ]
        );
        assert_eq!(
            &source[blocks[1].range.clone()],
            "The police\rdetained protesters."
        );
        let police = blocks[1].source_range(source, 4..10);
        assert_eq!(&source[police], "police");
        let detained = blocks[1].source_range(source, 11..19);
        assert_eq!(&source[detained], "detained");
    }
}
