//! Site chrome is not report text: the state.gov banner, navigation lines,
//! archive headers, and the "Edit Your Custom Report" footer with whatever
//! follows it (links to unrelated articles).

use super::Block;

/// Blocks starting with these (lowercased) are banner or archive lines.
const CHROME_PREFIXES: &[&str] = &[
    "an official website of the united states government",
    "official websites use .gov",
    "a .gov website belongs to an official government organization",
    "secure .gov websites use https",
    "a lock ( ) or https://",
    "a lock or https://",
    "here's how you know",
    "skip to main content",
    "skip to content",
    "editions included:",
    "source pdf:",
];

/// Blocks that are exactly one of these (lowercased) are navigation.
const CHROME_LINES: &[&str] = &[
    "share",
    "print",
    "email",
    "tweet",
    "back to top",
    "menu",
    "search",
    "home",
    "close",
    "related articles",
    "u.s. department of state",
    "human rights reports",
];

/// Where the page footer starts: nothing after it is report text.
const FOOTER_MARKERS: &[&str] = &["edit your custom report", "01 / select a year"];

/// Drops chrome blocks and everything from the footer on.
pub fn strip(blocks: &mut Vec<Block>) {
    if let Some(footer) = blocks.iter().position(|b| is_footer(&b.text)) {
        blocks.truncate(footer);
    }
    blocks.retain(|b| !is_chrome(&b.text));
}

/// Case-insensitive `starts_with` for ASCII prefixes, without allocating.
fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn is_footer(text: &str) -> bool {
    FOOTER_MARKERS
        .iter()
        .any(|m| starts_with_ignoring_case(text, m))
}

fn is_chrome(text: &str) -> bool {
    let text = text.trim();
    CHROME_PREFIXES
        .iter()
        .any(|p| starts_with_ignoring_case(text, p))
        || CHROME_LINES
            .iter()
            .any(|l| text.len() == l.len() && text.eq_ignore_ascii_case(l))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::BlockKind;

    fn blocks(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: t.to_string(),
                range: 0..0,
                verbatim: true,
                anchors: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn banner_and_footer_go() {
        let mut b = blocks(&[
            "An official website of the United States Government Here's how you know",
            "Official websites use .gov",
            "Kazakhstan",
            "The law provides for a fair trial.",
            "Human Rights Reports",
            "Edit Your Custom Report",
            "01 / Select A Year",
            "The Lessons of 1989: Freedom and Our Future",
        ]);
        strip(&mut b);
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Kazakhstan", "The law provides for a fair trial."]);
    }
}
