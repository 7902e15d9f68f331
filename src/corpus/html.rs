//! HTML pages as saved from state.gov: headings from h1-h6, text from p and
//! li; navigation, header, footer, scripts and styles are dropped.

use super::{Block, BlockKind};
use scraper::{ElementRef, Html};

/// Elements whose content is never report text.
const CHROME: &[&str] = &[
    "nav", "header", "footer", "script", "style", "noscript", "aside", "form", "template",
    "button", "select",
];

/// Splits an HTML page into blocks.
pub fn read(source: &str) -> Vec<Block> {
    let document = Html::parse_document(source);
    let mut blocks = Vec::new();
    let mut cursor = 0;
    for node in document.tree.root().descendants() {
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        let name = element.value().name();
        let Some(kind) = block_kind(name) else {
            continue;
        };
        if in_chrome_or_block(&element) || (name == "li" && has_paragraph(&element)) {
            continue;
        }
        let text = crate::words::fold(&element.text().collect::<String>());
        if text.is_empty() {
            continue;
        }
        let range = locate(source, &text, name, &mut cursor);
        let verbatim = source.get(range.clone()) == Some(text.as_str());
        blocks.push(Block {
            kind,
            text,
            range,
            verbatim,
            anchors: Vec::new(),
        });
    }
    blocks
}

fn block_kind(name: &str) -> Option<BlockKind> {
    match name.as_bytes() {
        [b'h', level @ b'1'..=b'6'] => Some(BlockKind::Heading(level - b'0')),
        b"p" | b"li" | b"dd" | b"blockquote" => Some(BlockKind::Paragraph),
        _ => None,
    }
}

/// Inside site chrome, or inside another text block (taken whole there).
fn in_chrome_or_block(element: &ElementRef) -> bool {
    element.ancestors().filter_map(ElementRef::wrap).any(|a| {
        let name = a.value().name();
        CHROME.contains(&name) || block_kind(name).is_some()
    })
}

fn has_paragraph(element: &ElementRef) -> bool {
    element
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|d| d.value().name() == "p")
}

/// Finds where a block's text starts in the page source (after `cursor`),
/// by its longest prefix that entity-encoding cannot have changed, and ends
/// at the element's closing tag. Falls back to an empty range at `cursor`.
fn locate(source: &str, text: &str, name: &str, cursor: &mut usize) -> std::ops::Range<usize> {
    let safe_len = text
        .char_indices()
        .find(|&(_, c)| !c.is_ascii() || matches!(c, '&' | '<' | '>' | '"' | '\''))
        .map_or(text.len(), |(i, _)| i)
        .min(48);
    let prefix = &text[..safe_len];
    let first_word = prefix.split(' ').next().unwrap_or("");
    let rest = source.get(*cursor..).unwrap_or("");
    let found = [prefix, first_word]
        .into_iter()
        .filter(|needle| needle.len() >= 3 || *needle == text)
        .find_map(|needle| rest.find(needle));
    let Some(found) = found else {
        return *cursor..*cursor;
    };
    let start = *cursor + found;
    let end = source[start..]
        .find(&format!("</{name}"))
        .map_or(start + first_word.len(), |e| start + e);
    *cursor = end;
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><title>Kazakhstan</title>
<style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
<body><header><p>An official website of the United States Government</p></header>
<nav><ul><li>Home</li><li>Reports</li></ul></nav>
<main><h1>Kazakhstan 2020 Human Rights Report</h1>
<h2>Section 1. Respect for the Integrity of the Person</h2>
<h3>d. Arbitrary Arrest or Detention</h3>
<p><strong>Pretrial Detention:</strong> The law allows police to hold a detainee for 48&nbsp;hours.</p>
<ul><li>A listed item</li></ul>
</main><footer><p>Edit Your Custom Report</p></footer></body></html>"#;

    #[test]
    fn headings_and_paragraphs_without_chrome() {
        let blocks = read(PAGE);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Kazakhstan 2020 Human Rights Report",
                "Section 1. Respect for the Integrity of the Person",
                "d. Arbitrary Arrest or Detention",
                "Pretrial Detention: The law allows police to hold a detainee for 48 hours.",
                "A listed item",
            ]
        );
        assert_eq!(blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(blocks[2].kind, BlockKind::Heading(3));
        assert_eq!(blocks[3].kind, BlockKind::Paragraph);
    }

    #[test]
    fn ranges_point_into_the_page() {
        for block in read(PAGE) {
            let raw = &PAGE[block.range.clone()];
            let first_word = block.text.split_whitespace().next().unwrap();
            assert!(raw.contains(first_word), "{raw:?} lacks {first_word:?}");
        }
    }
}
