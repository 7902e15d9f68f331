//! Property-based fuzzing of the loaders, the chunker and the query parser.
//!
//! `cargo test` runs a short bounded pass; the nightly-style run is
//! `HRSEARCH_FUZZ_CASES=100000 cargo test --release --test fuzz`.

mod common;
use common::*;
use hrsearch::index::{self, Progress, UpdateOptions};
use hrsearch::search::{self, Request};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn cases(default: u32) -> u32 {
    std::env::var("HRSEARCH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Real reports to mutate: the repo's default corpus, plus ../shared's.
fn real_reports() -> &'static Vec<(PathBuf, Vec<u8>)> {
    static REPORTS: OnceLock<Vec<(PathBuf, Vec<u8>)>> = OnceLock::new();
    REPORTS.get_or_init(|| {
        let mut roots = vec![default_corpus()];
        roots.extend(shared_corpus());
        roots
            .iter()
            .flat_map(|root| walkdir::WalkDir::new(root).into_iter().flatten())
            .filter(|e| e.file_type().is_file() && e.file_name() != "README.md")
            .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
            .collect()
    })
}

/// Runs the loader and chunker and checks what must hold of any input:
/// no panic (proptest reports one), bounded time, and for text that loads,
/// byte ranges inside the file, in order, without overlap.
fn check(path: &Path, bytes: &[u8]) -> Result<(), TestCaseError> {
    let started = Instant::now();
    let result = hrsearch::read_reports(path, bytes);
    let per_mb =
        started.elapsed().as_secs_f64() / (bytes.len().max(1 << 16) as f64 / (1 << 20) as f64);
    prop_assert!(per_mb < 20.0, "{:.1} s per MB", per_mb);
    // A UTF-16 file's ranges are places in its text decoded to UTF-8 (the
    // byte-order mark, 3 bytes there, included).
    let len = match hrsearch::corpus::decode(bytes) {
        Ok(text) if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") => {
            text.len() + 3
        }
        _ => bytes.len(),
    };
    for report in result.into_iter().flatten() {
        let mut end = 0;
        for p in &report.passages {
            prop_assert!(!p.text.is_empty());
            prop_assert!(p.byte_range.start <= p.byte_range.end);
            prop_assert!(p.byte_range.start >= end, "overlap at {:?}", p.byte_range);
            end = p.byte_range.end;
            // A PDF's ranges are in the text extracted from it, not the file.
            if report.format.byte_ranges_meaningful() {
                prop_assert!(p.byte_range.end <= len);
            }
        }
    }
    Ok(())
}

fn extension() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("txt"), Just("md"), Just("html")]
}

/// Lines shaped like report lines: headings of every kind, run-ins, chrome.
fn report_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Section 1. Respect for the Integrity of the Person".to_string()),
        Just("#### Section 7. Worker Rights".to_string()),
        Just("### Section 2. Liberty".to_string()),
        Just("b. Disappearance".to_string()),
        Just("#### d. Arbitrary Arrest or Detention".to_string()),
        Just("#### c. Torture and Other Cruel, Inhuman, or Degrading".to_string()),
        Just("Executive Summary".to_string()),
        Just("Pretrial Detention: The law allows police to hold a detainee.".to_string()),
        Just("There were no reports of disappearances.".to_string()),
        Just("Edit Your Custom Report".to_string()),
        Just("<h2>Section 3. Security of the Person</h2><p>Text.</p>".to_string()),
        Just(String::new()),
        "[A-Za-z ,.:;’é-]{0,300}",
        "\\PC{0,200}",
    ]
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096), ext in extension()) {
        check(Path::new(&format!("2020/chad.{ext}")), &bytes)?;
    }

    #[test]
    fn report_shaped_text(lines in proptest::collection::vec(report_line(), 0..80), ext in extension()) {
        let text = format!("Chad 2020 Human Rights Report\n\n{}", lines.join("\n"));
        check(Path::new(&format!("x/report.{ext}")), text.as_bytes())?;
    }

    #[test]
    fn mutated_real_reports(
        pick in any::<prop::sample::Index>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, proptest::collection::vec(any::<u8>(), 0..64)), 1..12),
        ext in extension(),
    ) {
        let reports = real_reports();
        let (path, original) = &reports[pick.index(reports.len())];
        let mut bytes = original.clone();
        for (at, kind, data) in edits {
            let at = at.index(bytes.len() + 1);
            match kind {
                0 => { bytes.splice(at..at, data); }
                1 => { let end = (at + data.len() * 40).min(bytes.len()); bytes.drain(at..end); }
                2 => if let Some(b) = bytes.get_mut(at) { *b ^= data.first().copied().unwrap_or(0x80) },
                _ => { let end = (at + 2000).min(bytes.len()); let chunk = bytes[at..end].to_vec(); bytes.splice(at..at, chunk); }
            }
        }
        let name = path.with_extension(ext);
        check(&name, &bytes)?;
    }
}

/// HTML nested `depth` levels of one shape, closed or left open.
fn nested_html() -> impl Strategy<Value = (usize, String)> {
    let shape = prop_oneof![
        Just(("<div>", "</div>")),
        Just(("<ul><li>", "</li></ul>")),
        Just(("<div><p>", "</p></div>")),
        Just(("<b>", "</b>")),
        Just(("<span>", "</span>")),
        Just(("<table><tr><td>", "</td></tr></table>")),
        Just(("<blockquote><h3>", "</h3></blockquote>")),
        Just(("<div/>", "")),
    ];
    (0usize..150_000, shape, any::<bool>()).prop_map(|(depth, (open, close), closed)| {
        let tail = if closed {
            close.repeat(depth)
        } else {
            String::new()
        };
        let page = format!(
            "<h1>Chad 2020 Human Rights Report</h1>{}<p>The police detained protesters.</p>{tail}",
            open.repeat(depth)
        );
        (depth, page)
    })
}

/// The real text reports (not PDFs), as text without a carriage return.
fn real_texts() -> Vec<(&'static PathBuf, &'static str)> {
    real_reports()
        .iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e != "pdf"))
        .filter_map(|(path, bytes)| Some((path, std::str::from_utf8(bytes).ok()?)))
        .filter(|(_, text)| !text.contains('\r'))
        .collect()
}

fn summary(reports: &[hrsearch::Report]) -> Vec<(String, String, std::ops::Range<usize>)> {
    reports
        .iter()
        .flat_map(|r| &r.passages)
        .map(|p| (p.section.code.clone(), p.text.clone(), p.byte_range.clone()))
        .collect()
}

proptest! {
    #![proptest_config(config(40))]

    /// Any depth, any shape: read or skipped within 3 s (debug builds);
    /// far past the limit, skipped naming the depth.
    #[test]
    fn nested_html_is_read_or_skipped_fast((depth, page) in nested_html()) {
        let started = Instant::now();
        let result = hrsearch::read_reports(Path::new("2020/chad.html"), page.as_bytes());
        prop_assert!(started.elapsed() < Duration::from_secs(3), "depth {} took {:?}", depth, started.elapsed());
        if depth > 300 {
            let err = result.err().map(|e| e.to_string()).unwrap_or_default();
            prop_assert!(err.starts_with("HTML nested ") && err.ends_with("levels deep (hrsearch reads up to 128): not a report page"), "{}", err);
        }
    }

    /// A real report in UTF-16 (either byte order) reads as the UTF-8
    /// file does, its ranges 3 bytes on (the mark, as UTF-8 counts it).
    #[test]
    fn utf16_reads_as_utf8(pick in any::<prop::sample::Index>(), big_endian in any::<bool>()) {
        let texts = real_texts();
        let (path, text) = texts[pick.index(texts.len())];
        let utf8 = hrsearch::read_reports(path, text.as_bytes());
        let wide = hrsearch::read_reports(path, &common::utf16(text, big_endian));
        match (utf8, wide) {
            (Ok(utf8), Ok(wide)) => {
                let shifted: Vec<_> = summary(&utf8).into_iter().map(|(c, t, r)| (c, t, r.start + 3..r.end + 3)).collect();
                prop_assert_eq!(summary(&wide), shifted);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a.map(|r| r[0].id()), b.map(|r| r[0].id())),
        }
    }

    /// A real report with lone CR line ends (old Mac files), whole or only
    /// from some place on, reads as with LF, with the same byte ranges.
    #[test]
    fn cr_line_ends_read_as_lf(pick in any::<prop::sample::Index>(), from in any::<prop::sample::Index>()) {
        let texts = real_texts();
        let (path, text) = texts[pick.index(texts.len())];
        let from = text.floor_char_boundary(from.index(text.len() + 1));
        let cr = format!("{}{}", &text[..from], text[from..].replace('\n', "\r"));
        let lf = hrsearch::read_reports(path, text.as_bytes()).map(|r| summary(&r));
        let mac = hrsearch::read_reports(path, cr.as_bytes()).map(|r| summary(&r));
        prop_assert_eq!(mac, lf);
    }

    /// Report-shaped text with any mix of line ends.
    #[test]
    fn mixed_line_ends(lines in proptest::collection::vec(report_line(), 0..80), ends in proptest::collection::vec(prop_oneof![Just("\n"), Just("\r"), Just("\r\n")], 80), ext in extension()) {
        let mut text = "Chad 2020 Human Rights Report\r\r".to_string();
        for (line, end) in lines.iter().zip(&ends) {
            text.push_str(line);
            text.push_str(end);
        }
        check(Path::new(&format!("x/report.{ext}")), text.as_bytes())?;
    }
}

struct Silent;
impl Progress for Silent {
    fn begin(&self, _: u64, _: u64) {}
    fn advance(&self, _: u64, _: u64) {}
    fn finish(&self) {}
}

/// An index of the default corpus, built once for the query fuzzer.
fn query_index() -> &'static index::PassageIndex {
    static INDEX: OnceLock<(tempfile::TempDir, index::PassageIndex)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let options = UpdateOptions {
                index_dir: dir.path().to_path_buf(),
                corpus: vec![default_corpus()],
                rebuild: false,
                phrase_pairs: None,
            };
            index::update(&options, &Silent).unwrap();
            let opened = index::open(dir.path()).unwrap();
            (dir, opened)
        })
        .1
}

fn query_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("\"".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("OR".to_string()),
        Just("AND".to_string()),
        Just("NOT".to_string()),
        Just("-".to_string()),
        Just("+".to_string()),
        Just("~2".to_string()),
        Just(":".to_string()),
        Just("*".to_string()),
        Just("^3".to_string()),
        Just("detention".to_string()),
        Just("pre-trial".to_string()),
        Just("country:".to_string()),
        Just("[".to_string()),
        Just("{".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("women's".to_string()),
        Just("prisoners'".to_string()),
        Just("d’Ivoire".to_string()),
        Just("“".to_string()),
        Just("detain*".to_string()),
        Just("d*".to_string()),
        Just("*".to_string()),
        Just("\"a b\"~99999999999".to_string()),
        Just("(".repeat(15)),
        Just(")".repeat(15)),
        Just("(".repeat(200)),
        Just("NOT ".repeat(50)),
        Just(format!("\"{}\"", "detention ".repeat(40))),
        "\\PC{1,12}",
        "[a-z]{1,10}",
    ];
    proptest::collection::vec(token, 0..16).prop_map(|t| t.join(" "))
}

/// Deep nesting of every kind, within and past the limit.
fn nested_query() -> impl Strategy<Value = String> {
    (
        0usize..20_000,
        prop_oneof![
            Just("("),
            Just("-("),
            Just("NOT ("),
            Just("a OR ("),
            Just("\"")
        ],
        any::<bool>(),
    )
        .prop_map(|(depth, open, closed)| {
            let close = if open == "\"" { "\"" } else { ")" };
            let tail = if closed {
                close.repeat(depth)
            } else {
                String::new()
            };
            format!("{}torture{tail}", open.repeat(depth))
        })
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn queries_never_panic(query in query_text(), facets in any::<bool>()) {
        let index = query_index();
        let started = Instant::now();
        let request = Request { query, limit: 5, facets, ..Request::default() };
        // Errors are fine (they exit 2 with a message); panics are not.
        let _ = search::run(index, &request);
        prop_assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn deep_nesting_is_refused_or_run_quickly(query in nested_query()) {
        let index = query_index();
        let started = Instant::now();
        let request = Request { query, limit: 5, ..Request::default() };
        let _ = search::run(index, &request);
        prop_assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn any_page_is_served_or_refused(
        limit in prop_oneof![0usize..20, any::<usize>()],
        offset in prop_oneof![0usize..200_000, any::<usize>()],
        sort_by_year in any::<bool>(),
    ) {
        let index = query_index();
        let started = Instant::now();
        let sort = if sort_by_year { search::Sort::Year } else { search::Sort::Relevance };
        let request = Request { query: "detention".into(), limit, offset, sort, ..Request::default() };
        match search::run(index, &request) {
            Ok(results) => prop_assert!(results.hits.len() <= limit),
            Err(err) => prop_assert!(err.to_string().contains("--"), "{}", err),
        }
        prop_assert!(started.elapsed() < Duration::from_secs(5));
    }
}

#[test]
fn hostile_shapes_exit_0_1_or_2_through_the_binary() {
    let tmp = tempfile::tempdir().unwrap();
    let index_dir = tmp.path().join("index");
    index(&default_corpus(), &index_dir);
    let index_dir = index_dir.to_str().unwrap();
    let nested = format!("{}torture{}", "(".repeat(9000), ")".repeat(9000));
    let unclosed = "(".repeat(9000);
    let phrase = format!("\"{}\"", "jail ".repeat(20_000));
    let negations = format!("{}torture", "-".repeat(1500));
    let cases: Vec<Vec<&str>> = vec![
        vec![&nested],
        vec![&unclosed],
        vec![&phrase],
        vec![&negations],
        vec!["torture", "--offset", "3000000000"],
        vec!["torture", "--offset", "9223372036854775807"],
        vec![
            "torture",
            "--offset",
            "18446744073709551615",
            "--limit",
            "18446744073709551615",
        ],
        vec!["torture", "--limit", "0", "--offset", "100000"],
        vec![
            "torture", "--sort", "year", "--offset", "99999", "--limit", "1",
        ],
    ];
    for args in cases {
        let started = Instant::now();
        let mut all = vec!["search", "--index", index_dir];
        all.extend(args.iter().copied());
        let out = run(&all);
        let code = out.status.code();
        assert!(matches!(code, Some(0..=2)), "{:.60?}: exit {code:?}", args);
        assert!(started.elapsed() < Duration::from_secs(5), "{:.60?}", args);
        let err = stderr(&out);
        assert!(!err.contains("internal error"), "{:.60?}: {err}", args);
        if code == Some(2) {
            assert_eq!(err.lines().count(), 1, "{:.60?}: {err}", args);
        }
    }
}

#[test]
fn malformed_queries_exit_2_with_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let index_dir = tmp.path().join("index");
    index(&default_corpus(), &index_dir);
    let huge = "detention ".repeat(10_000);
    let bad = [
        "\"unbalanced",
        "(detention",
        "detention)",
        "OR",
        "AND AND",
        "",
        "   ",
        "country:",
        "nosuchfield:x",
        "\u{1}\u{2}\u{1b}[0m",
        "\"\"~",
        "detention^",
    ];
    for query in bad.iter().copied().chain([huge.as_str()]) {
        let out = run(&["search", query, "--index", index_dir.to_str().unwrap()]);
        let code = out.status.code();
        assert!(matches!(code, Some(0..=2)), "{query:.40?}: exit {code:?}");
        if code == Some(2) {
            let err = stderr(&out);
            assert_eq!(err.lines().count(), 1, "{query:.40?}: {err}");
            assert!(
                err.starts_with("hrsearch: cannot parse query"),
                "{query:.40?}: {err}"
            );
            assert!(err.len() < 400, "the query is not echoed whole: {err:.100}");
        }
    }
    for query in ["\"unbalanced", "(detention", "OR", ""] {
        assert_eq!(
            run(&["search", query, "--index", index_dir.to_str().unwrap()])
                .status
                .code(),
            Some(2),
            "{query:?}"
        );
    }
}
