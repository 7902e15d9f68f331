//! Markdown conversions of reports: ATX headings (`#`..`######`) are marked
//! headings; paragraphs are rendered to plain text with pulldown-cmark, so
//! emphasis, links and escapes do not reach the index.

use super::lines::{LineRole, group, is_structural_heading};
use super::{Block, BlockKind};
use pulldown_cmark::{Event, Parser};

/// Splits Markdown into blocks.
pub fn read(source: &str) -> Vec<Block> {
    let mut blocks = group(source, |line| {
        if line.is_empty() {
            LineRole::Blank
        } else if let Some((level, text)) = atx_heading(line) {
            LineRole::Alone(BlockKind::Heading(level), text)
        } else if is_structural_heading(line) {
            LineRole::Alone(BlockKind::Paragraph, line)
        } else {
            LineRole::Joined
        }
    });
    for block in &mut blocks {
        if block.text.contains(['*', '_', '[', '`', '&', '<', '\\']) {
            let plain = render_inline(&block.text);
            if plain != block.text {
                block.text = plain;
                block.verbatim = false;
                block.anchors.clear();
            }
        }
    }
    blocks.retain(|b| !b.text.is_empty());
    blocks
}

/// `## Title` -> (2, "Title"); closing hashes are dropped.
fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &line[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim_end();
    Some((level as u8, text))
}

/// Markdown inline markup to plain text.
fn render_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for event in Parser::new(text) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    crate::words::fold(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_and_markup() {
        let src = "## Algeria\n\n#### d. Arbitrary Arrest or Detention\nThe **law** prohibits [arbitrary arrest](http://x).\n\nSecond\nline.\n";
        let blocks = read(src);
        assert_eq!(blocks[0].kind, BlockKind::Heading(2));
        assert_eq!(blocks[0].text, "Algeria");
        assert_eq!(blocks[1].kind, BlockKind::Heading(4));
        assert_eq!(blocks[1].text, "d. Arbitrary Arrest or Detention");
        assert_eq!(blocks[2].text, "The law prohibits arbitrary arrest.");
        assert!(!blocks[2].verbatim);
        assert_eq!(blocks[3].text, "Second line.");
        assert_eq!(
            &src[blocks[1].range.clone()],
            "#### d. Arbitrary Arrest or Detention"
        );
    }

    #[test]
    fn hash_without_space_is_text() {
        assert!(atx_heading("#hashtag").is_none());
        assert_eq!(atx_heading("### Title ###"), Some((3, "Title")));
    }
}
