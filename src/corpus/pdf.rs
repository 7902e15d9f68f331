//! PDF files, read directly with `pdf_oxide` (pure Rust): each page's
//! characters with their positions, size and weight, put together into
//! printed lines for [`super::layout`]. The text extracted is one line per
//! printed line, pages separated by form feeds; it becomes the report's
//! `source`.
//!
//! A bad PDF is skipped with the reason (encrypted, no text layer, damaged),
//! never a panic and never a hang: the parser runs on worker threads with a
//! deadline ([`super::deadline`]; past it the file is skipped and the
//! workers, told to stop, give up at their next page), panics inside it are
//! caught, and `pdf_oxide`'s own limits bound nesting and decompressed
//! sizes. Pages are read on as many threads as there are cores.

use super::SkipReason;
use super::deadline::{STACK, WORKER, with_deadline};
use super::layout::{Geo, Line, Page};
use pdf_oxide::PdfDocument;
use pdf_oxide::layout::TextChar;
use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// How long one file may take, unless `HRSEARCH_PDF_TIMEOUT_SECS` says.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// A PDF's text, laid out.
pub struct Extracted {
    /// Lines of every page, pages separated by form feeds.
    pub text: String,
    pub pages: Vec<Page>,
}

/// Whether bytes are a PDF (its header within the first 1 KB, as readers
/// accept it).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.starts_with(b"%PDF-") || head.windows(5).any(|w| w == b"%PDF-")
}

/// Extracts a PDF's text, or says why it cannot be read.
pub fn extract(bytes: &[u8]) -> Result<Extracted, SkipReason> {
    let limit = std::env::var("HRSEARCH_PDF_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(DEFAULT_TIMEOUT, Duration::from_secs_f64);
    let owned = bytes.to_vec();
    with_deadline(limit, move |stop| read(owned, stop))?
}

/// Reads every page (on the worker thread).
fn read(bytes: Vec<u8>, stop: &AtomicBool) -> Result<Extracted, SkipReason> {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let cut_short = !tail.windows(5).any(|w| w == b"%%EOF");
    let has_objects = bytes.windows(4).any(|w| w == b" obj");
    let damaged = |e: pdf_oxide::Error| {
        let why = first_line(&e.to_string());
        SkipReason::Damaged(if !has_objects {
            format!("{why}; nothing in it but its first line is PDF")
        } else if cut_short {
            format!("{why}; the file is cut short (no end-of-file mark): download it again")
        } else {
            why
        })
    };
    let doc = PdfDocument::from_bytes(bytes).map_err(|e| match e {
        pdf_oxide::Error::EncryptedPdf => encrypted(),
        e => damaged(e),
    })?;
    if doc.is_encrypted() && !doc.is_authenticated() {
        return Err(encrypted());
    }
    let count = doc.page_count().map_err(|e| match e {
        pdf_oxide::Error::EncryptedPdf => encrypted(),
        e => damaged(e),
    })?;
    if count == 0 {
        return Err(SkipReason::Damaged("no pages".into()));
    }
    let pages = read_pages(&doc, count, stop)?;
    let mut out = Extracted {
        text: String::new(),
        pages: Vec::with_capacity(count),
    };
    let mut blank_pages = 0;
    for (index, (text, mut page)) in pages.into_iter().enumerate() {
        if index > 0 {
            out.text.push('\u{c}');
        }
        let at = out.text.len();
        out.text.push_str(&text);
        page.start = at;
        for line in &mut page.lines {
            line.range = line.range.start + at..line.range.end + at;
        }
        blank_pages += usize::from(page.lines.is_empty());
        out.pages.push(page);
    }
    // Most pages without text: scans. A cover picture or a blank page is fine.
    if blank_pages * 2 > count {
        return Err(SkipReason::NoTextLayer);
    }
    Ok(out)
}

/// A page read: its text, and its lines with offsets from the page's start.
type PageRead = Result<(String, Page), SkipReason>;

/// Pages a reading thread takes at least, so that short reports stay on one.
const PAGES_A_THREAD: usize = 6;

/// Every page's text and lines (offsets from the page's start), read on as
/// many threads as there are cores: pages are independent, and one long
/// report should not leave a core idle.
fn read_pages(
    doc: &PdfDocument,
    count: usize,
    stop: &AtomicBool,
) -> Result<Vec<(String, Page)>, SkipReason> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(count.div_ceil(PAGES_A_THREAD))
        .clamp(1, 8);
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<PageRead>>> = (0..count).map(|_| Mutex::new(None)).collect();
    let work = || {
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            if index >= count || stop.load(Ordering::Relaxed) {
                break;
            }
            let page = read_page(doc, index);
            let failed = page.is_err();
            *slots[index].lock().unwrap_or_else(|e| e.into_inner()) = Some(page);
            if failed {
                // No use reading on: the file is skipped.
                next.store(count, Ordering::Relaxed);
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            let spawned = std::thread::Builder::new()
                .name(WORKER.into())
                .stack_size(STACK)
                .spawn_scoped(scope, work);
            if spawned.is_err() {
                break; // the pages are read by the threads there are
            }
        }
        work();
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| Err(SkipReason::Damaged("stopped".into())))
        })
        .collect()
}

/// One page's text and lines.
fn read_page(doc: &PdfDocument, index: usize) -> PageRead {
    // The filtered call with no filters: `extract_chars` would keep every
    // page's characters cached and hand out a deep copy.
    let chars = doc
        .extract_chars_filtered(index, HashSet::new(), HashSet::new())
        .map_err(|e| {
            SkipReason::Damaged(format!(
                "page {}: {}",
                index + 1,
                first_line(&e.to_string())
            ))
        })?;
    let mut text = String::new();
    let page = lay_out(&chars, &mut text);
    Ok((text, page))
}

fn encrypted() -> SkipReason {
    SkipReason::Encrypted("it needs a password; save a copy without one")
}

/// The first line of a parser's message, lowercased to run on after "damaged: ".
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or("unreadable").trim();
    let mut chars = line.chars();
    let first = chars
        .next()
        .map(|c| c.to_lowercase().to_string())
        .unwrap_or_default();
    first + &chars.take(160).collect::<String>()
}

/// A page's characters as printed lines, appended to `text`.
fn lay_out(chars: &[TextChar], text: &mut String) -> Page {
    let mut page = Page {
        start: text.len(),
        ..Page::default()
    };
    let mut bold_font = BoldFonts::default();
    for line in group_lines(chars) {
        let start = text.len();
        let mut right = f32::MIN;
        let (mut bold, mut printed) = (0usize, 0usize);
        let mut sizes = Vec::with_capacity(line.len());
        for c in &line {
            let gap = c.origin_x - right;
            let room = c.font_size.max(1.0) * 0.2;
            if right > f32::MIN && gap > room && !text.ends_with(' ') && c.char != ' ' {
                text.push(' ');
            }
            if !(c.char == ' ' && (text.len() == start || text.ends_with(' ')))
                && !c.char.is_control()
            {
                text.push(c.char);
            }
            right = right.max(c.origin_x + c.bbox.width);
            if !c.char.is_whitespace() {
                printed += 1;
                bold += usize::from(bold_font.is_bold(c));
                sizes.push(c.font_size);
            }
        }
        let kept = text[start..].trim_end().len();
        text.truncate(start + kept);
        if printed > 0 {
            sizes.sort_by(f32::total_cmp);
            let size = sizes[sizes.len() / 2];
            let baseline = -line[0].origin_y;
            page.lines.push(Line {
                range: start..text.len(),
                geo: Some(Geo {
                    top: baseline - size,
                    baseline,
                    left: line[0].origin_x,
                    right,
                    size,
                    bold: bold * 10 >= printed * 9,
                }),
            });
        }
        text.push('\n');
    }
    page
}

/// Whether a character is set in a bold face: by its weight, else by its
/// font's name ("...-Bold"), remembered for the last font seen (characters
/// come in runs of one font).
#[derive(Default)]
struct BoldFonts {
    last: Option<(String, bool)>,
}

impl BoldFonts {
    fn is_bold(&mut self, c: &TextChar) -> bool {
        if c.font_weight as u32 >= 600 {
            return true;
        }
        match &self.last {
            Some((name, bold)) if *name == c.font_name => *bold,
            _ => {
                let name = c.font_name.to_ascii_lowercase();
                let bold = ["bold", "black", "heavy"].iter().any(|w| name.contains(w));
                self.last = Some((c.font_name.clone(), bold));
                bold
            }
        }
    }
}

/// Characters grouped into lines (same baseline), top to bottom, each left
/// to right.
fn group_lines(chars: &[TextChar]) -> Vec<Vec<&TextChar>> {
    let mut lines: Vec<Vec<&TextChar>> = Vec::new();
    let mut sorted: Vec<&TextChar> = chars
        .iter()
        .filter(|c| c.origin_x.is_finite() && c.origin_y.is_finite())
        .collect();
    // PDF y grows upwards: top of the page first (pdf_oxide mostly hands
    // them over in that order already; a stable sort keeps left to right).
    if !sorted.is_sorted_by(|a, b| a.origin_y >= b.origin_y) {
        sorted.sort_by(|a, b| b.origin_y.total_cmp(&a.origin_y));
    }
    for c in sorted {
        let tolerance = c.font_size.max(1.0) * 0.35;
        match lines.last_mut() {
            Some(line) if (line[0].origin_y - c.origin_y).abs() <= tolerance => line.push(c),
            _ => lines.push(vec![c]),
        }
    }
    for line in &mut lines {
        if !line.is_sorted_by(|a, b| a.origin_x <= b.origin_x) {
            line.sort_by(|a, b| a.origin_x.total_cmp(&b.origin_x));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_with_a_header_is_damaged() {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend((0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
        assert!(is_pdf(&bytes));
        assert!(matches!(extract(&bytes), Err(SkipReason::Damaged(_))));
        assert!(!is_pdf(b"Kazakhstan 2020 Human Rights Report"));
    }
}
