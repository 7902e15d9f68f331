//! PDF files, read directly with `pdf_oxide` (pure Rust): each page's
//! characters with their positions, size and weight, put together into
//! printed lines for [`super::layout`]. The text extracted is one line per
//! printed line, pages separated by form feeds; it becomes the report's
//! `source`.
//!
//! A bad PDF is skipped with the reason (encrypted, no text layer, damaged),
//! never a panic and never a hang: the parser runs on a worker thread with a
//! deadline (a parser cannot be interrupted from outside: past the deadline
//! the file is skipped and the worker, told to stop, gives up at its next
//! page), panics inside it are caught, and `pdf_oxide`'s own limits bound
//! nesting and decompressed sizes.

use super::SkipReason;
use super::layout::{Geo, Line, Page};
use pdf_oxide::PdfDocument;
use pdf_oxide::layout::TextChar;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Once, mpsc};
use std::time::Duration;

/// How long one file may take, unless `HRSEARCH_PDF_TIMEOUT_SECS` says.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The worker's stack: deeply nested objects recurse.
const STACK: usize = 64 << 20;
/// Name of worker threads, whose panics are reported as skips, not printed.
const WORKER: &str = "hrsearch-pdf";

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

/// Runs `work` on a worker thread, waiting at most `limit`. The worker gets
/// a flag that is set when the wait is over, to stop at its next chance.
pub fn with_deadline<T: Send + 'static>(
    limit: Duration,
    work: impl FnOnce(&AtomicBool) -> T + Send + 'static,
) -> Result<T, SkipReason> {
    quiet_worker_panics();
    let stop = Arc::new(AtomicBool::new(false));
    let (send, receive) = mpsc::channel();
    let flag = Arc::clone(&stop);
    let spawned = std::thread::Builder::new()
        .name(WORKER.into())
        .stack_size(STACK)
        .spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&flag)));
            let _ = send.send(result.map_err(|panic| panic_message(&*panic)));
        })
        .map_err(|e| SkipReason::Io(format!("cannot start a reader thread: {e}")))?;
    let outcome = receive.recv_timeout(limit);
    stop.store(true, Ordering::Relaxed);
    match outcome {
        Ok(Ok(value)) => {
            let _ = spawned.join();
            Ok(value)
        }
        Ok(Err(message)) => Err(SkipReason::Damaged(format!(
            "the PDF reader failed ({message})"
        ))),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(SkipReason::Damaged(format!(
            "reading it took over {} s, so it was given up",
            limit.as_secs_f64()
        ))),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(SkipReason::Damaged("the PDF reader stopped".into()))
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

/// Panics on PDF worker threads become skip reasons; keep them off stderr.
/// Other threads' panics print as before.
fn quiet_worker_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(WORKER) {
                previous(info);
            }
        }));
    });
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
    let mut out = Extracted {
        text: String::new(),
        pages: Vec::with_capacity(count),
    };
    let mut blank_pages = 0;
    for index in 0..count {
        if stop.load(Ordering::Relaxed) {
            return Err(SkipReason::Damaged("stopped".into()));
        }
        // The filtered call with no filters: `extract_chars` would keep every
        // page's characters cached and hand out a deep copy.
        let chars = doc.extract_chars_filtered(index, HashSet::new(), HashSet::new());
        let chars = chars.map_err(|e| {
            SkipReason::Damaged(format!(
                "page {}: {}",
                index + 1,
                first_line(&e.to_string())
            ))
        })?;
        if index > 0 {
            out.text.push('\u{c}');
        }
        let page = lay_out(&chars, &mut out.text);
        if page.lines.is_empty() {
            blank_pages += 1;
        }
        out.pages.push(page);
    }
    // Most pages without text: scans. A cover picture or a blank page is fine.
    if blank_pages * 2 > count {
        return Err(SkipReason::NoTextLayer);
    }
    Ok(out)
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
    // PDF y grows upwards: top of the page first.
    sorted.sort_by(|a, b| b.origin_y.total_cmp(&a.origin_y));
    for c in sorted {
        let tolerance = c.font_size.max(1.0) * 0.35;
        match lines.last_mut() {
            Some(line) if (line[0].origin_y - c.origin_y).abs() <= tolerance => line.push(c),
            _ => lines.push(vec![c]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.origin_x.total_cmp(&b.origin_x));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_gives_up_and_stops_the_worker() {
        let result = with_deadline(Duration::from_millis(50), |stop| {
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(5));
            }
            1
        });
        match result {
            Err(SkipReason::Damaged(message)) => assert!(message.contains("given up"), "{message}"),
            other => panic!("expected a timeout, got {other:?}"),
        }
        assert_eq!(with_deadline(Duration::from_secs(5), |_| 7).unwrap(), 7);
    }

    #[test]
    fn worker_panics_are_skips() {
        let result: Result<(), _> = with_deadline(Duration::from_secs(5), |_| panic!("bad xref"));
        match result {
            Err(SkipReason::Damaged(message)) => assert!(message.contains("bad xref"), "{message}"),
            other => panic!("expected a skip, got {other:?}"),
        }
    }

    #[test]
    fn garbage_with_a_header_is_damaged() {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend((0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
        assert!(is_pdf(&bytes));
        assert!(matches!(extract(&bytes), Err(SkipReason::Damaged(_))));
        assert!(!is_pdf(b"Kazakhstan 2020 Human Rights Report"));
    }
}
