//! Hostile files cost bounded time and memory and are skipped with the
//! right reason (issue 12, items 9-11), through the real binary: files over
//! the size limit, HTML nested 100,000 deep, UTF-16 and CR-only reports,
//! NUL bytes past the first 8 KB, control characters in names and text.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn kazakhstan() -> Vec<u8> {
    std::fs::read(default_corpus().join("state-dept/2020/kazakhstan.txt")).unwrap()
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A corpus holding the real Kazakhstan 2020 report and `extra` files
/// (paths relative to the corpus).
fn corpus_with(tmp: &Path, extra: &[(&str, Vec<u8>)]) -> PathBuf {
    let corpus = tmp.join("corpus");
    std::fs::create_dir_all(corpus.join("2020")).unwrap();
    std::fs::write(corpus.join("2020/kazakhstan.txt"), kazakhstan()).unwrap();
    for (name, bytes) in extra {
        let path = corpus.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    corpus
}

/// A passage as `inspect --json` gives it: code, text, and byte range
/// (`None` where it is no range of the file).
type Inspected = (String, String, Option<(u64, u64)>);

/// `inspect --json` of one file.
fn passages(file: &Path) -> Vec<Inspected> {
    let out = run(&["inspect", "--json", arg(file)]);
    assert!(out.status.success(), "{}", stderr(&out));
    json_lines(&stdout(&out))
        .iter()
        .map(|p| {
            let range = &p["byte_range"];
            (
                p["section_code"].as_str().unwrap().to_string(),
                p["text"].as_str().unwrap().to_string(),
                range[0].as_u64().zip(range[1].as_u64()),
            )
        })
        .collect()
}

#[test]
fn a_file_over_the_size_limit_is_skipped_unread_with_its_size_and_the_rest_is_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus_with(tmp.path(), &[]);
    // Sparse: 40 MB to the file system, nothing written.
    let big = corpus.join("2021/chad.txt");
    std::fs::create_dir_all(big.parent().unwrap()).unwrap();
    std::fs::File::create(&big)
        .unwrap()
        .set_len(40 << 20)
        .unwrap();
    let started = Instant::now();
    let out = run_index(&corpus, &tmp.path().join("index"));
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.lines().any(|l| l.starts_with("warning: skipped")
            && l.contains("2021/chad.txt")
            && l.ends_with("file is 40.0 MB; hrsearch reads report files up to 16 MB")),
        "{err}"
    );
    assert!(err.contains("1 file skipped: 1 too large"), "{err}");
    let summary = json(&stdout(&out));
    assert_eq!(
        (summary["added"].as_u64(), summary["skipped"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    let hits = run(&[
        "search",
        "pretrial detention",
        "--index",
        arg(&tmp.path().join("index")),
        "--json",
    ]);
    let found = json(&stdout(&hits));
    assert_eq!(found["hits"][0]["country"], "Kazakhstan", "{found}");
    // inspect says the same, and does not read the file either.
    let out = run(&["inspect", arg(&big)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("file is 40.0 MB"), "{}", stderr(&out));
}

#[test]
fn html_nested_100000_deep_is_skipped_at_once_by_its_depth() {
    let deep = |open: &str, close: &str| {
        format!(
            "<html><body><h1>Chad 2020 Human Rights Report</h1>{}<p>The police detained protesters.</p>{}</body></html>",
            open.repeat(100_000),
            close.repeat(100_000)
        )
        .into_bytes()
    };
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus_with(
        tmp.path(),
        &[
            ("2020/chad.html", deep("<div>", "</div>")),
            ("2020/mali.html", deep("<ul><li>", "</li></ul>")),
            ("2020/niger.html", deep("<div><p>", "</p></div>")),
        ],
    );
    for name in ["chad", "mali", "niger"] {
        let file = corpus.join(format!("2020/{name}.html"));
        let started = Instant::now();
        let out = run(&["inspect", arg(&file)]);
        let elapsed = started.elapsed();
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(
            stderr(&out).contains(
                "would be skipped: HTML nested 100000 levels deep (hrsearch reads up to 128): not a report page"
            ),
            "{name}: {}",
            stderr(&out)
        );
        // Before: 37 s (div), 214 s (ul li), 267 s (div p) in release builds.
        assert!(elapsed < Duration::from_secs(3), "{name}: {elapsed:?}");
    }
    let out = run_index(&corpus, &tmp.path().join("index"));
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("3 files skipped: 3 HTML nested too deep"),
        "{err}"
    );
    assert_eq!(json(&stdout(&out))["added"], 1);
}

#[test]
fn a_utf16_report_reads_as_its_utf8_twin_and_cites_no_file_bytes() {
    let report = String::from_utf8(kazakhstan()).unwrap();
    let encode = |big_endian: bool| common::utf16(&report, big_endian);
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus_with(
        tmp.path(),
        &[
            ("le/2020/kazakhstan.txt", encode(false)),
            ("be/2020/kazakhstan.txt", encode(true)),
        ],
    );
    let twin = passages(&corpus.join("2020/kazakhstan.txt"));
    assert!(twin.len() > 20);
    for side in ["le", "be"] {
        let file = corpus.join(side).join("2020/kazakhstan.txt");
        let read = passages(&file);
        let texts = |ps: &[Inspected]| -> Vec<(String, String)> {
            ps.iter().map(|(c, t, _)| (c.clone(), t.clone())).collect()
        };
        assert_eq!(texts(&read), texts(&twin), "{side}");
        // Ranges in the decoded text are no bytes of a UTF-16 file: none is
        // given (the UTF-8 twin's are).
        assert!(read.iter().all(|(_, _, range)| range.is_none()), "{side}");
        assert!(twin.iter().all(|(_, _, range)| range.is_some()));
    }
    let index_dir = tmp.path().join("index");
    let summary = index(&corpus.join("le"), &index_dir);
    assert_eq!(summary["added"], 1, "{summary}");
    let out = run(&[
        "search",
        "\"pretrial detention\"",
        "--index",
        arg(&index_dir),
        "--limit",
        "1",
    ]);
    let shown = stdout(&out);
    assert!(shown.starts_with("1. Kazakhstan 2020"), "{shown}");
    assert!(shown.contains("**pretrial detention**"), "{shown}");
    // The source line names the file and no bytes of it.
    assert!(shown.contains("le/2020/kazakhstan.txt\n"), "{shown}");
    assert!(!shown.contains("(bytes "), "{shown}");
}

#[test]
fn a_report_with_cr_line_ends_reads_as_with_lf_and_its_ranges_slice_the_file() {
    let report = kazakhstan();
    let cr: Vec<u8> = report
        .iter()
        .map(|&b| if b == b'\n' { b'\r' } else { b })
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus_with(tmp.path(), &[("mac/2020/kazakhstan.txt", cr.clone())]);
    let lf = passages(&corpus.join("2020/kazakhstan.txt"));
    let mac = passages(&corpus.join("mac/2020/kazakhstan.txt"));
    // Same passages, same sections, same byte ranges ("\r" for "\n" keeps
    // every offset), and each range runs from the passage's first word to
    // its last in the CR file.
    assert_eq!(mac, lf);
    assert!(mac.len() > 20);
    for (_, text, range) in &mac {
        let (start, end) = range.expect("a CR file's ranges are its bytes");
        let slice = std::str::from_utf8(&cr[start as usize..end as usize]).unwrap();
        let first = text.split_whitespace().next().unwrap();
        let last = text.split_whitespace().last().unwrap();
        assert!(
            slice.starts_with(first) && slice.ends_with(last),
            "{slice:.80}"
        );
    }
}

#[test]
fn nul_bytes_past_8_kb_and_control_characters_never_reach_the_terminal() {
    let mut nul = kazakhstan();
    nul.splice(20_000..20_000, *b"\0\0\0");
    let mut escape = kazakhstan();
    let text = String::from_utf8(escape.clone()).unwrap();
    let at = text.find("pretrial detention facility").unwrap();
    escape.splice(at..at, *b"\x1b[2J\x07");
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus_with(
        tmp.path(),
        &[
            ("nul/2020/chad.txt", nul),
            ("2020/mali\x1b[31m\r.txt", Vec::new()),
        ],
    );
    std::fs::write(corpus.join("2020/kazakhstan.txt"), escape).unwrap();
    let index_dir = tmp.path().join("index");
    let out = run_index(&corpus, &index_dir);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.lines().any(|l| l.contains("nul/2020/chad.txt")
            && l.ends_with("binary file (contains NUL bytes), not a report")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.contains("2020/mali\\u{1b}[31m\\r.txt: empty file")),
        "{err}"
    );
    let raw = |bytes: &[u8]| bytes.iter().any(|&b| b < 0x20 && b != b'\n');
    assert!(!raw(&out.stderr), "{err:?}");
    let out = run(&["search", "facility Agadil", "--index", arg(&index_dir)]);
    let shown = stdout(&out);
    assert!(shown.contains("\\u{1b}[2J\\u{7}"), "{shown}");
    assert!(!raw(&out.stdout), "{shown:?}");
}
