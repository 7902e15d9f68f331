//! Where a block's text comes from in its source, exactly, when the text is
//! not a verbatim slice: white space folded, lines joined across wraps and
//! page breaks, page furniture left out, a word split by a wrap put back
//! together. The text is built from pieces of the source; an anchor is kept
//! wherever the next piece does not follow on from the previous one, so any
//! byte of the text maps back to the byte of the source it was copied from.

use std::ops::Range;

/// `(text offset, source offset)` where a run of copied bytes starts; the run
/// goes on unchanged until the next anchor.
pub type Anchors = Vec<(usize, usize)>;

/// Builds a block's text from pieces of its source, keeping anchors.
#[derive(Debug, Default)]
pub struct TextBuilder {
    pub text: String,
    pub anchors: Anchors,
}

impl TextBuilder {
    /// Appends `piece`, copied from the source at byte `at` (the same bytes,
    /// or the same length with letters' case changed).
    pub fn push(&mut self, piece: &str, at: usize) {
        if piece.is_empty() {
            return;
        }
        let follows = self
            .anchors
            .last()
            .is_some_and(|&(t, s)| s + (self.text.len() - t) == at);
        if !follows {
            self.anchors.push((self.text.len(), at));
        }
        self.text.push_str(piece);
    }

    /// Appends one space between words (standing for whatever white space,
    /// line break or furniture separated them in the source).
    pub fn space(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
    }
}

/// `source[range]` with white space folded, and its anchors.
pub fn fold(source: &str, range: Range<usize>) -> TextBuilder {
    let mut out = TextBuilder::default();
    let slice = &source[range.clone()];
    for span in crate::words::spans(slice) {
        out.space();
        out.push(&slice[span.clone()], range.start + span.start);
    }
    out
}

/// The source bytes a span of text was built from, by its anchors: the
/// span's first byte maps to where it was copied from, its end to the end
/// of the last byte copied. `None` when there are no anchors.
pub fn map(anchors: &[(usize, usize)], span: Range<usize>) -> Option<Range<usize>> {
    let locate = |offset: usize, is_end: bool| {
        // The run holding the byte at `offset` (or, for an end, before it).
        let i = anchors.partition_point(|&(t, _)| if is_end { t < offset } else { t <= offset });
        let (t, s) = anchors[i.saturating_sub(1)];
        s + offset.saturating_sub(t)
    };
    if anchors.is_empty() {
        return None;
    }
    let start = locate(span.start, false);
    let end = locate(span.end, true).max(start);
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_text_maps_back_exactly() {
        let source = "x\n  The law\nprovides  for\n\nbail.  ";
        let built = fold(source, 1..source.len());
        assert_eq!(built.text, "The law provides for bail.");
        for span in crate::words::spans(&built.text) {
            let range = map(&built.anchors, span.clone()).unwrap();
            assert_eq!(&source[range], &built.text[span]);
        }
        // Line breaks are one byte like the space that stands for them:
        // "The law\nprovides" needs no anchor of its own.
        assert_eq!(built.anchors.len(), 3);
    }

    #[test]
    fn joined_pieces_map_to_their_own_bytes() {
        // "P" and "olitically" on two lines, read as one word.
        let source = "Unlawful or\nP\nolitically Motivated";
        let mut b = TextBuilder::default();
        b.push("Unlawful", 0);
        b.space();
        b.push("or", 9);
        b.space();
        b.push("P", 12);
        b.push("olitically", 14);
        assert_eq!(b.text, "Unlawful or Politically");
        let word = b.text.find("Politically").unwrap();
        let range = map(&b.anchors, word..b.text.len()).unwrap();
        assert_eq!(&source[range], "P\nolitically");
        assert_eq!(map(&[], 0..1), None);
    }
}
