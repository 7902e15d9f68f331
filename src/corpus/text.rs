//! Plain text saved from a state.gov page (or any text file): paragraphs are
//! separated by blank lines; hard-wrapped lines are joined.

use super::Block;
use super::BlockKind;
use super::lines::{LineRole, group, is_structural_heading};

/// Splits plain text into blocks.
pub fn read(source: &str) -> Vec<Block> {
    group(source, |line| {
        if line.is_empty() {
            LineRole::Blank
        } else if is_structural_heading(line) {
            LineRole::Alone(BlockKind::Paragraph, line)
        } else {
            LineRole::Joined
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_ranges() {
        let src = "Kazakhstan\n\nExecutive Summary\n\nThe Republic of\nKazakhstan has a\n  presidency.\n\n";
        let blocks = read(src);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Kazakhstan",
                "Executive Summary",
                "The Republic of Kazakhstan has a presidency."
            ]
        );
        assert_eq!(&src[blocks[0].range.clone()], "Kazakhstan");
        assert!(blocks[0].verbatim);
        assert!(!blocks[2].verbatim);
        assert!(src[blocks[2].range.clone()].starts_with("The Republic"));
        assert!(src[blocks[2].range.clone()].ends_with("presidency."));
    }

    #[test]
    fn section_line_splits_a_paragraph() {
        let src = "Last sentence of section four.\nSection 5. Governmental Attitude\nThe government restricted NGOs.\n";
        let blocks = read(src);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[1].text, "Section 5. Governmental Attitude");
    }
}
