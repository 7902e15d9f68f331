//! HTML pages as saved from state.gov: headings from h1-h6, text from p and
//! li; navigation, header, footer, scripts and styles are dropped.
//!
//! html5ever (under scraper) takes time quadratic in how deeply elements
//! nest: 100,000 nested `<div>`s take 37 s, `<ul><li>`s 214 s. A report
//! page nests a few dozen levels, so a page is first measured by a linear
//! scan of its tags ([`nesting_depth`]) and skipped, unparsed, when it nests
//! deeper than [`MAX_DEPTH`].

use super::{Block, BlockKind, SkipReason};
use rustc_hash::FxHashSet;
use scraper::node::Node;
use scraper::{ElementRef, Html};

/// The deepest nesting read. Real pages nest about 20 levels (`html`,
/// `body`, a site's `div`s, a list in a list): the 11,247 HTML pages on a
/// development machine (rustdoc, Debian manuals) at most 25 (see the
/// README). 128 leaves a margin of five, and bounds html5ever's work,
/// which grows with tags times depth: a 16 MB page nested 256 deep
/// throughout took 2.7-3.4 s, so a page of up to
/// [`super::read::MAX_FILE_BYTES`] nested 128 deep takes about as long.
pub const MAX_DEPTH: usize = 128;

/// Elements whose content is never report text.
const CHROME: &[&str] = &[
    "nav", "header", "footer", "script", "style", "noscript", "aside", "form", "template",
    "button", "select",
];

/// Splits an HTML page into blocks, or skips a page nested too deep to be
/// a report.
pub fn read(source: &str) -> Result<Vec<Block>, SkipReason> {
    let depth = nesting_depth(source);
    if depth > MAX_DEPTH {
        return Err(SkipReason::TooDeep {
            depth,
            limit: MAX_DEPTH,
        });
    }
    let document = Html::parse_document(source);
    let root = document.tree.root();
    // The `li`s holding a `p`, found in one pass: each `p` marks its
    // ancestors up to the first one already marked.
    let (mut marked, mut holders) = (FxHashSet::default(), FxHashSet::default());
    for node in root.descendants().filter(|n| is_element(n.value(), "p")) {
        for ancestor in node.ancestors() {
            if !marked.insert(ancestor.id()) {
                break;
            }
            if is_element(ancestor.value(), "li") {
                holders.insert(ancestor.id());
            }
        }
    }
    drop(marked);
    let mut blocks = Vec::new();
    let mut cursor = Locator::new(source);
    // Elements whose content is not looked at (chrome, a block taken
    // whole, and what is inside them), told in document order from the
    // parent alone, so no element's ancestors are walked.
    let mut muted = FxHashSet::default();
    for node in root.descendants() {
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        let name = element.value().name();
        let kind = block_kind(name);
        // A list item holding paragraphs is no block: its paragraphs are.
        let block = kind.is_some() && !(name == "li" && holders.contains(&node.id()));
        let inside = node.parent().is_some_and(|p| muted.contains(&p.id()));
        if inside || block || CHROME.contains(&name) {
            muted.insert(node.id());
        }
        if inside || !block {
            continue;
        }
        let text = crate::words::fold(&element.text().collect::<String>());
        if text.is_empty() {
            continue;
        }
        let range = cursor.locate(&text, name);
        let verbatim = source.get(range.clone()) == Some(text.as_str());
        blocks.push(Block {
            kind: kind.unwrap_or(BlockKind::Paragraph),
            text,
            range,
            verbatim,
            anchors: Vec::new(),
        });
    }
    Ok(blocks)
}

fn block_kind(name: &str) -> Option<BlockKind> {
    match name.as_bytes() {
        [b'h', level @ b'1'..=b'6'] => Some(BlockKind::Heading(level - b'0')),
        b"p" | b"li" | b"dd" | b"blockquote" => Some(BlockKind::Paragraph),
        _ => None,
    }
}

fn is_element(node: &Node, name: &str) -> bool {
    matches!(node, Node::Element(e) if e.name() == name)
}

/// How deeply a page's elements nest, told from its tags in one pass over
/// the bytes, without parsing: a count of the elements open at each tag,
/// taken as html5ever would build them where it matters for depth.
/// - Elements that cannot nest in themselves (`p`, `li`, `td`, `a`, ...:
///   the parser closes the open one) and void elements (`br`, `img`) do not
///   count; deep nesting needs other elements between them, which count.
/// - Formatting elements (`b`, `font`, ...) count until the paragraph,
///   cell or container they are in ends, as the parser closes them there
///   (pages that never close their `<font>` stay shallow).
/// - Comments, doctypes and the text of `script`, `style` and the like are
///   passed over; `<x/>` closes itself only inside `svg` and `math`.
pub fn nesting_depth(source: &str) -> usize {
    let bytes = source.as_bytes();
    let (mut at, mut deepest) = (0, 0);
    let (mut containers, mut formatting, mut foreign) = (0usize, 0usize, 0usize);
    while let Some(lt) = find_byte(bytes, at, b'<') {
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            at = find_bytes(bytes, lt + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_at = lt + 1 + usize::from(closing);
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_' | b'.'))
            .count();
        if name_len == 0 || !bytes[name_at].is_ascii_alphabetic() {
            // "<!DOCTYPE", "<?xml", or a "<" in text.
            at = if matches!(rest.first(), Some(b'!' | b'?')) {
                find_byte(bytes, lt, b'>').map_or(bytes.len(), |e| e + 1)
            } else {
                lt + 1
            };
            continue;
        }
        let name = source[name_at..name_at + name_len].to_ascii_lowercase();
        let Some(gt) = find_byte(bytes, name_at + name_len, b'>') else {
            break;
        };
        at = gt + 1;
        let self_closing = bytes[gt - 1] == b'/';
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            at = end_of_raw_text(source, at, &name);
            continue;
        }
        let tag = name.as_str();
        if tag == "svg" || tag == "math" {
            foreign = match (closing, self_closing) {
                (true, _) => foreign.saturating_sub(1),
                (false, false) => foreign + 1,
                (false, true) => foreign,
            };
        }
        match (closing, self_closing) {
            // In svg and math, as in XML, elements nest; <x/> is empty.
            _ if foreign > 0 || tag == "svg" || tag == "math" => match (closing, self_closing) {
                (true, _) => containers = containers.saturating_sub(1),
                (false, false) => containers += 1,
                (false, true) => {}
            },
            _ if NEVER_NESTED.contains(&tag) => formatting = 0,
            _ if VOID.contains(&tag) || NOT_SELF_NESTED.contains(&tag) => {}
            (true, _) if FORMATTING.contains(&tag) => formatting = formatting.saturating_sub(1),
            (false, _) if FORMATTING.contains(&tag) => formatting += 1,
            // Any other end tag ends what was opened in its element.
            (true, _) => {
                containers = containers.saturating_sub(1);
                formatting = 0;
            }
            // In HTML, <div/> opens a div.
            (false, _) => containers += 1,
        }
        deepest = deepest.max(containers + formatting);
    }
    deepest
}

/// Elements whose end tag may be left out: opening one closes the last.
const NEVER_NESTED: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
];
/// Elements the parser never nests in themselves, and which end nothing.
const NOT_SELF_NESTED: &[&str] = &["a", "nobr", "button", "form"];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];
const FORMATTING: &[&str] = &[
    "b", "big", "code", "em", "font", "i", "s", "small", "strike", "strong", "tt", "u",
];
/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Where the text of a raw-text element opened at `at` ends: after its
/// end tag (`</script`, in any case), or at the end of the page.
fn end_of_raw_text(source: &str, mut at: usize, name: &str) -> usize {
    let bytes = source.as_bytes();
    while let Some(lt) = find_bytes(bytes, at, b"</") {
        let tail = &bytes[lt + 2..];
        if tail.len() >= name.len() && tail[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return find_byte(bytes, lt, b'>').map_or(bytes.len(), |e| e + 1);
        }
        at = lt + 2;
    }
    bytes.len()
}

fn find_byte(bytes: &[u8], from: usize, byte: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == byte)
        .map(|i| from + i)
}

fn find_bytes(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

/// Where blocks' texts are in the page source, found in order.
struct Locator<'s> {
    source: &'s str,
    /// Where the previous block ended: the next one starts after it.
    cursor: usize,
    /// Bytes that searches which found nothing may still scan. A search
    /// that succeeds moves the cursor past what it scanned, so it is paid
    /// for once; one that fails scans the rest of the page for nothing, and
    /// a page of such blocks would cost its length squared.
    budget: usize,
}

impl<'s> Locator<'s> {
    fn new(source: &'s str) -> Self {
        Locator {
            source,
            cursor: 0,
            budget: 4 * source.len() + (1 << 20),
        }
    }

    /// `needle` in `source[from..]`, within the budget.
    fn find(&mut self, from: usize, needle: &str) -> Option<usize> {
        let rest = self.source.get(from..).unwrap_or("");
        let window = &rest[..rest.floor_char_boundary(self.budget.min(rest.len()))];
        let found = window.find(needle);
        if found.is_none() {
            self.budget -= window.len();
        }
        found
    }

    /// Finds where a block's text starts in the page source (after the
    /// cursor), by its longest prefix that entity-encoding cannot have
    /// changed, and ends at the element's closing tag. Falls back to an
    /// empty range at the cursor.
    fn locate(&mut self, text: &str, name: &str) -> std::ops::Range<usize> {
        let safe_len = text
            .char_indices()
            .find(|&(_, c)| !c.is_ascii() || matches!(c, '&' | '<' | '>' | '"' | '\''))
            .map_or(text.len(), |(i, _)| i)
            .min(48);
        let prefix = &text[..safe_len];
        let first_word = prefix.split(' ').next().unwrap_or("");
        let cursor = self.cursor;
        let found = [prefix, first_word]
            .into_iter()
            .filter(|needle| needle.len() >= 3 || *needle == text)
            .find_map(|needle| self.find(cursor, needle));
        let Some(found) = found else {
            return cursor..cursor;
        };
        let start = cursor + found;
        let end = self
            .find(start, &format!("</{name}"))
            .map_or(start + first_word.len(), |e| start + e);
        self.cursor = end;
        start..end
    }
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

    fn read(source: &str) -> Vec<Block> {
        super::read(source).unwrap()
    }

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

    #[test]
    fn a_list_item_holding_paragraphs_gives_its_paragraphs() {
        let page = "<ul><li><p>First paragraph of the item.</p><p>Second one.</p></li>\
                    <li>A plain item</li></ul>";
        let texts: Vec<String> = read(page).into_iter().map(|b| b.text).collect();
        assert_eq!(
            texts,
            [
                "First paragraph of the item.",
                "Second one.",
                "A plain item"
            ]
        );
    }

    #[test]
    fn depth_of_pages_as_they_are() {
        assert_eq!(nesting_depth(PAGE), 2); // main > ul, nav > ul
        // Tags left open that the parser closes do not add up.
        let old_style = "<html><body>".to_string()
            + &"<p><font face=arial>A paragraph.<li>An item<td>a cell".repeat(5000);
        assert!(
            nesting_depth(&old_style) <= 2,
            "{}",
            nesting_depth(&old_style)
        );
        // Markup in scripts, comments and attributes is not markup.
        let quiet = format!(
            "<div><script>{}</script><!-- {} --><br><img src=x><hr/></div>",
            "<div>".repeat(1000),
            "<div>".repeat(1000)
        );
        assert_eq!(nesting_depth(&quiet), 1);
        // <x/> closes itself in svg only; in HTML, <div/> opens a div.
        let svg = format!("<svg>{}</svg>", "<path d='M0'/>".repeat(1000));
        assert_eq!(nesting_depth(&svg), 1);
        assert_eq!(nesting_depth(&"<div/>".repeat(1000)), 1000);
    }

    #[test]
    fn deep_nesting_is_measured_and_skipped_unparsed() {
        for (open, close) in [
            ("<div>", "</div>"),
            ("<ul><li>", "</li></ul>"),
            ("<div><p>", "</p></div>"),
            ("<b>", "</b>"),
            ("<table><tr><td>", "</td></tr></table>"),
        ] {
            let page = format!("{}text{}", open.repeat(100_000), close.repeat(100_000));
            assert_eq!(nesting_depth(&page), 100_000, "{open}");
            let started = std::time::Instant::now();
            let reason = super::read(&page).unwrap_err();
            assert!(started.elapsed().as_secs_f64() < 3.0, "{open}");
            assert_eq!(
                reason.to_string(),
                "HTML nested 100000 levels deep (hrsearch reads up to 128): not a report page"
            );
        }
        let unclosed = "<div>".repeat(MAX_DEPTH + 1);
        assert!(super::read(&unclosed).is_err());
        assert!(super::read(&"<div>".repeat(MAX_DEPTH)).is_ok());
    }

    #[test]
    fn text_that_cannot_be_located_costs_no_more_than_a_few_passes() {
        // Entities make every block's text absent from the source as is.
        let page = "<p>&#x61;&#x62;&#x63;&#x64; x</p>".repeat(20_000);
        let started = std::time::Instant::now();
        let blocks = read(&page);
        assert_eq!(blocks.len(), 20_000);
        assert!(blocks.iter().all(|b| b.text == "abcd x"));
        assert!(started.elapsed().as_secs_f64() < 3.0);
    }
}
