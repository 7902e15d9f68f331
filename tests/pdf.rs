//! PDF files and text extracted from PDFs, read by the real binary.
//!
//! - Each PDF of ../shared/corpus/state-dept-pdf against its Markdown twin:
//!   no page furniture in any passage, the twin's words found, few words the
//!   twin never has, the same section topics, about as many passages.
//! - `pdftotext`'s text of the same PDFs (when poppler is installed), and the
//!   State Department's own PDF text in state-dept-pdftext: furniture,
//!   headings wrapped over lines, run-in headings, exact byte ranges.
//! - Bad PDFs (fixtures made by tests/fixtures/pdf/make.sh): skipped with
//!   the file named and the reason, the rest indexed.
//! - A short fuzz of the PDF reader on mutated PDFs; longer with
//!   `HRSEARCH_FUZZ_CASES=2000 cargo test --release --test pdf`.

mod common;
use common::*;
use hrsearch::corpus::{BlockKind, Format, LoadedReport, SkipReason, load_reports};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf")
}

/// Passages of a file as `hrsearch inspect --json` prints them.
fn inspect(path: &Path) -> Vec<Value> {
    let out = run(&["inspect", "--json", &path.display().to_string()]);
    assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
    json_lines(&stdout(&out))
}

/// Words as the quality figures count them: runs of letters and digits,
/// lowercased.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn counts(passages: &[Value]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for p in passages {
        for w in words(p["text"].as_str().unwrap()) {
            *counts.entry(w).or_default() += 1;
        }
    }
    counts
}

/// Page furniture as it would show in a passage of `country`'s report:
/// the footer lines, the title line, the running header ("KAZAKHSTAN 12").
fn furniture(text: &str, country: &str) -> bool {
    let re = regex::Regex::new(&format!(
        r"(?i:country reports on human rights practices for [0-9 ]{{4,5}}|department of state\s*•\s*bureau)|[0-9]{{4}} HUMAN RIGHTS REPORT|\b{} \d{{1,3}}\b",
        regex::escape(&country.to_uppercase())
    ))
    .unwrap();
    re.is_match(text)
}

fn passage_furniture(p: &Value) -> bool {
    furniture(p["text"].as_str().unwrap(), p["country"].as_str().unwrap())
}

/// How a reading of a report compares with its twin.
#[derive(Debug)]
struct Quality {
    passages: usize,
    twin_passages: usize,
    /// Share of the twin's words (with their counts) found in the passages.
    found: f64,
    /// Words the twin never has, per 1,000 words.
    spurious: f64,
    with_furniture: Vec<String>,
    /// Share of passages filed under their twin passage's topic.
    agree: f64,
    /// The same, counting the disagreements a flattened heading explains.
    agree_explained: f64,
    /// Disagreements no flattened heading explains (see `explained`).
    unexplained: Vec<String>,
    flattened: usize,
}

/// Compares passages with the twin's: each passage is paired with the twin
/// passage sharing most words, near its place in the report.
fn quality(read: &[Value], twin: &[Value]) -> Quality {
    let (mine, theirs) = (counts(read), counts(twin));
    let twin_total: usize = theirs.values().sum();
    let found: usize = theirs
        .iter()
        .map(|(w, n)| (*n).min(*mine.get(w).unwrap_or(&0)))
        .sum();
    let total: usize = mine.values().sum();
    let spurious: usize = mine
        .iter()
        .filter(|(w, _)| !theirs.contains_key(*w))
        .map(|(_, n)| n)
        .sum();
    let bags: Vec<HashMap<String, usize>> = twin
        .iter()
        .map(|p| counts(std::slice::from_ref(p)))
        .collect();
    let all_text: String = read
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let (mut agree, mut unexplained, mut flattened) = (0, Vec::new(), 0);
    for (k, p) in read.iter().enumerate() {
        let bag = counts(std::slice::from_ref(p));
        let expected = k * twin.len() / read.len().max(1);
        let window = expected.saturating_sub(8)..(expected + 9).min(twin.len());
        let best = window
            .max_by_key(|&i| {
                let shared: usize = bag
                    .iter()
                    .map(|(w, n)| (*n).min(*bags[i].get(w).unwrap_or(&0)))
                    .sum();
                (shared, usize::MAX - i.abs_diff(expected))
            })
            .unwrap();
        let t = &twin[best];
        if t["section_topic"] == p["section_topic"] {
            agree += 1;
        } else if explained(t, &all_text) {
            flattened += 1;
        } else {
            unexplained.push(format!(
                "{} (twin {}): {:.70}",
                p["section_topic"], t["section_topic"], p["text"]
            ));
        }
    }
    Quality {
        passages: read.len(),
        twin_passages: twin.len(),
        found: found as f64 / twin_total.max(1) as f64,
        spurious: spurious as f64 * 1000.0 / total.max(1) as f64,
        with_furniture: read
            .iter()
            .filter(|p| passage_furniture(p))
            .map(|p| p["text"].as_str().unwrap().chars().take(80).collect())
            .collect(),
        agree: agree as f64 / read.len().max(1) as f64,
        agree_explained: (agree + flattened) as f64 / read.len().max(1) as f64,
        unexplained,
        flattened,
    }
}

/// A disagreement the reading of the layout cannot help: the twin starts
/// the section at a heading that the PDF prints as the first words of a
/// paragraph (no bold, no gap: the Markdown twin had no blank line after
/// the heading, and the PDF was made from it so). Telling such a heading
/// from text is the sectioner's part.
fn explained(twin_passage: &Value, read_text: &str) -> bool {
    let path = twin_passage["section_path"].as_array().unwrap();
    path.iter().filter_map(Value::as_str).any(|heading| {
        read_text.contains(&format!("{heading} ")) && !read_text.contains(&format!("{heading}\n"))
    })
}

fn assert_twin_quality(name: &str, q: &Quality, min_found: f64, max_spurious: f64) {
    eprintln!(
        "{name}: {} passages (twin {}), twin words found {:.4}, spurious {:.2}/1000, topics agree {:.3} ({:.3} with the {} a flattened heading explains)",
        q.passages, q.twin_passages, q.found, q.spurious, q.agree, q.agree_explained, q.flattened
    );
    assert!(
        q.with_furniture.is_empty(),
        "{name}: furniture in {:?}",
        q.with_furniture
    );
    assert!(q.found >= min_found, "{name}: {q:?}");
    assert!(q.spurious <= max_spurious, "{name}: {q:?}");
    assert!(
        q.unexplained.is_empty(),
        "{name}: topics differ: {:#?}",
        q.unexplained
    );
    assert!(q.agree_explained >= 0.99, "{name}: {q:?}");
    let ratio = q.passages as f64 / q.twin_passages as f64;
    assert!((0.85..=1.15).contains(&ratio), "{name}: {q:?}");
}

/// The shared PDFs with their twins: (pdf, twin).
fn shared_pdfs() -> Option<Vec<(PathBuf, PathBuf)>> {
    let corpus = shared_corpus()?;
    let mut pairs = Vec::new();
    for entry in walkdir::WalkDir::new(corpus.join("state-dept-pdf")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "pdf") {
            let year = path.parent().unwrap().file_name().unwrap();
            let twin = corpus
                .join("state-dept")
                .join(year)
                .join(path.with_extension("md").file_name().unwrap());
            pairs.push((path, twin));
        }
    }
    pairs.sort();
    assert!(!pairs.is_empty());
    Some(pairs)
}

/// The one report a file holds.
fn load_report<'a>(path: &Path, bytes: &'a [u8]) -> Result<LoadedReport<'a>, SkipReason> {
    let mut reports = load_reports(path, bytes)?;
    assert_eq!(reports.len(), 1, "{} holds one report", path.display());
    Ok(reports.remove(0))
}

#[test]
fn pdfs_read_like_their_markdown_twins() {
    let Some(pairs) = shared_pdfs() else {
        return;
    };
    for (pdf, twin) in pairs {
        let q = quality(&inspect(&pdf), &inspect(&twin));
        assert_twin_quality(&pdf.display().to_string(), &q, 0.995, 1.0);
    }
}

#[test]
fn text_from_pdftotext_reads_like_the_twins() {
    let Some(pairs) = shared_pdfs() else {
        return;
    };
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        skip("pdftotext is not installed (apt-get install poppler-utils)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    // Its two shapes: lines as read, and lines as laid out on the page.
    for ((pdf, twin), mode) in pairs
        .iter()
        .flat_map(|pair| [(pair.clone(), "default"), (pair.clone(), "-layout")])
    {
        let year = pdf.parent().unwrap().file_name().unwrap();
        let dir = tmp.path().join(mode).join(year);
        std::fs::create_dir_all(&dir).unwrap();
        let txt = dir.join(pdf.with_extension("txt").file_name().unwrap());
        let mut command = std::process::Command::new("pdftotext");
        if mode == "-layout" {
            command.arg(mode);
        }
        let status = command.arg(&pdf).arg(&txt).status().unwrap();
        assert!(status.success());
        let bytes = std::fs::read(&txt).unwrap();
        let report = load_report(&txt, &bytes).unwrap();
        assert_eq!(report.format, Format::PdfText, "{}", txt.display());
        assert!(report.page_starts.len() > 3, "form feeds give pages");
        // pdftotext joins "self-" / "censorship" into "selfcensorship" itself:
        // words lost or made up by the tool are not the reader's.
        let q = quality(&inspect(&txt), &inspect(&twin));
        assert_twin_quality(&txt.display().to_string(), &q, 0.99, 3.0);
    }
}

/// The text of the headings a file's blocks hold.
fn headings(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let report = load_report(path, &bytes).unwrap();
    assert_eq!(report.format, Format::PdfText, "{}", path.display());
    report
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
        .map(|b| b.text.clone())
        .collect()
}

#[test]
fn state_department_pdf_text_has_whole_headings_and_no_furniture() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let dir = corpus.join("state-dept-pdftext");
    let andorra = headings(&dir.join("2023/andorra.txt"));
    let lebanon = headings(&dir.join("2023/lebanon.txt"));
    for heading in [
        // "P" / "olitically" in Andorra, two lines in Lebanon.
        "a. Arbitrary Deprivation of Life and Other Unlawful or Politically Motivated Killings",
        "h. Arbitrary or Unlawful Interference with Privacy, Family, Home, or Correspondence",
        "Section 5. Governmental Posture Towards International and Nongovernmental Monitoring and Investigation of Alleged Abuses of Human Rights",
        "Acts of Violence, Criminalization, and Other Abuses Based on Sexual Orientation, Gender Identity or Expression, or Sex Characteristics",
        "Section 6. Discrimination and Societal Abuses",
        "Women",
    ] {
        assert!(
            andorra.iter().any(|h| h == heading),
            "andorra: {heading}\n{andorra:#?}"
        );
        assert!(
            lebanon.iter().any(|h| h == heading),
            "lebanon: {heading}\n{lebanon:#?}"
        );
    }
    assert!(
        lebanon
            .iter()
            .any(|h| h == "b. Freedoms of Peaceful Assembly and Association")
    );
    assert!(lebanon.iter().any(|h| h == "Freedom of Peaceful Assembly"));
    assert!(
        lebanon
            .iter()
            .any(|h| h == "f. Status and Treatment of Internally Displaced Persons (IDPs)")
    );

    let mut seen = 0;
    for entry in walkdir::WalkDir::new(&dir) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        seen += 1;
        for p in inspect(&path) {
            assert!(
                !passage_furniture(&p),
                "{}: {:.100}",
                path.display(),
                p["text"]
            );
        }
    }
    assert_eq!(seen, 3);
}

/// The topic of the passage whose text starts with `opening`.
fn topic_of(passages: &[Value], opening: &str) -> String {
    passages
        .iter()
        .find(|p| p["text"].as_str().unwrap().starts_with(opening))
        .unwrap_or_else(|| panic!("no passage opens with {opening:?}"))["section_topic"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn state_department_pdf_text_is_filed_by_section() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let dir = corpus.join("state-dept-pdftext");
    let andorra = inspect(&dir.join("2023/andorra.txt"));
    for (opening, topic) in [
        (
            "There were no reports that the government or its agents committed",
            "integrity/killings",
        ),
        (
            "There were no reports of disappearances",
            "integrity/disappearance",
        ),
        // "Pretrial Detention :" printed with a space before its colon.
        (
            "Pretrial Detention: The law provided",
            "integrity/arbitrary-arrest",
        ),
        (
            "The constitution and law provided for the right to a fair and public trial",
            "integrity/fair-trial",
        ),
        (
            "The government did not restrict or disrupt access to the internet",
            "civil-liberties/expression",
        ),
        (
            "Access to Asylum: The law did not provide",
            "civil-liberties/refugees",
        ),
        (
            "The law provided criminal penalties for corruption",
            "corruption",
        ),
        ("Rape and Domestic Violence:", "discrimination/women"),
        ("Wage and Hour Laws:", "worker-rights/conditions"),
    ] {
        assert_eq!(topic_of(&andorra, opening), topic, "andorra: {opening}");
    }
    let lebanon = inspect(&dir.join("2023/lebanon.txt"));
    let pretrial = lebanon
        .iter()
        .filter(|p| {
            p["text"]
                .as_str()
                .unwrap()
                .starts_with("Pretrial Detention:")
        })
        .count();
    assert!(pretrial >= 1);
    // 2023 letters Section 1 up to "i. Conflict-related Abuses": its own
    // code, not the privacy sub-section's "h".
    let codes: Vec<(&str, &str)> = lebanon
        .iter()
        .map(|p| {
            (
                p["section_code"].as_str().unwrap(),
                p["section_topic"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(codes.contains(&("1.h", "integrity/privacy")), "{codes:?}");
    assert!(codes.contains(&("1.i", "integrity/conflict")), "{codes:?}");
    assert!(!codes.contains(&("1.h", "integrity/conflict")), "{codes:?}");
    let brunei = inspect(&dir.join("2024/brunei.txt"));
    assert_eq!(
        topic_of(
            &brunei,
            "Under the law and emergency powers, the government restricted"
        ),
        "civil-liberties/expression"
    );
    assert_eq!(
        topic_of(&brunei, "There were no reports of coerced abortion"),
        "integrity/population-control"
    );
}

/// Whether `source[range]` runs from the passage's first word to its last
/// (white space and soft hyphens aside, which line breaks move about).
fn slices_first_and_last_word(source: &[u8], range: (usize, usize), text: &str) -> bool {
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
            .collect()
    };
    let Some(slice) = source.get(range.0..range.1) else {
        return false;
    };
    let slice = squeeze(&String::from_utf8_lossy(slice));
    let (first, last) = (
        squeeze(text.split_whitespace().next().unwrap()),
        squeeze(text.split_whitespace().last().unwrap()),
    );
    slice.starts_with(&first) && slice.ends_with(&last)
}

#[test]
fn text_byte_ranges_slice_exactly_the_first_and_last_words() {
    let mut files = vec![default_corpus().join("state-dept/2020/kazakhstan.txt")];
    if let Some(corpus) = shared_corpus() {
        for name in ["2023/lebanon.txt", "2023/andorra.txt", "2024/brunei.txt"] {
            files.push(corpus.join("state-dept-pdftext").join(name));
        }
    }
    for file in files {
        let source = std::fs::read(&file).unwrap();
        let passages = inspect(&file);
        let off: Vec<String> = passages
            .iter()
            .filter(|p| {
                let r = &p["byte_range"];
                let range = (
                    r[0].as_u64().unwrap() as usize,
                    r[1].as_u64().unwrap() as usize,
                );
                !slices_first_and_last_word(&source, range, p["text"].as_str().unwrap())
            })
            .map(|p| format!("{} {:.40}", p["byte_range"], p["text"]))
            .collect();
        assert!(off.is_empty(), "{}: {off:#?}", file.display());
    }
}

#[test]
fn saved_web_text_is_still_read_as_plain_text() {
    let path = default_corpus().join("state-dept/2020/kazakhstan.txt");
    let bytes = std::fs::read(&path).unwrap();
    let report = load_report(&path, &bytes).unwrap();
    assert_eq!(report.format, Format::Text);
    assert!(report.page_starts.is_empty());
    assert!(Format::Text.byte_ranges_meaningful() && Format::PdfText.byte_ranges_meaningful());
    assert!(!Format::Pdf.byte_ranges_meaningful());
}

#[test]
fn a_report_pdf_is_read_with_its_pages() {
    let path = fixtures().join("report.pdf");
    let bytes = std::fs::read(&path).unwrap();
    let report = load_report(Path::new("2023/chad.pdf"), &bytes).unwrap();
    assert_eq!(report.format, Format::Pdf);
    assert_eq!(
        (report.meta.country.as_str(), report.meta.year),
        ("Chad", 2023)
    );
    assert_eq!(report.page_starts.len(), 3);
    let texts: Vec<&str> = report.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts[0], "Chad 2023 Human Rights Report",
        "the title is one block"
    );
    assert!(texts.contains(
        &"a. Arbitrary Deprivation of Life and Other Unlawful or Politically Motivated Killings"
    ));
    assert!(texts.contains(
        &"c. Torture and Other Cruel, Inhuman, or Degrading Treatment or Punishment, and Other Related Abuses"
    ));
    assert!(!texts.iter().any(|t| furniture(t, "Chad")), "{texts:#?}");
    // A paragraph that runs from page 1 onto page 2 is one block, on both.
    let across = report
        .blocks
        .iter()
        .find(|b| b.text.starts_with("There were reports of disappearances"))
        .unwrap();
    assert!(
        across
            .text
            .contains("eleven missing men; courts accepted two of them")
    );
    assert!(across.text.ends_with("news of their relatives."));
    assert_eq!(report.pages(across.range.clone()), Some(1..=2));
    let last = report.blocks.last().unwrap();
    assert_eq!(report.pages(last.range.clone()), Some(3..=3));
    // Block ranges index the extracted text.
    assert!(report.source[across.range.clone()].starts_with("There were reports"));

    let passages = inspect(&path);
    assert_eq!(
        topic_of(&passages, "Pretrial Detention: The law limited"),
        "integrity/arbitrary-arrest"
    );
    assert_eq!(
        topic_of(&passages, "There were reports of disappearances"),
        "integrity/disappearance"
    );
}

#[test]
fn bad_pdfs_are_skipped_by_name_with_the_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let year = tmp.path().join("corpus/2023");
    std::fs::create_dir_all(&year).unwrap();
    for (fixture, name) in [
        ("report.pdf", "chad.pdf"),
        ("restricted.pdf", "niger.pdf"),
        ("encrypted.pdf", "mali.pdf"),
        ("scanned.pdf", "togo.pdf"),
        ("truncated.pdf", "benin.pdf"),
        ("garbage.pdf", "ghana.pdf"),
    ] {
        std::fs::copy(fixtures().join(fixture), year.join(name)).unwrap();
    }
    let index_dir = tmp.path().join("index");
    let started = Instant::now();
    let out = run(&[
        "index",
        "--corpus",
        &tmp.path().join("corpus").display().to_string(),
        "--index",
        &index_dir.display().to_string(),
        "--json",
    ]);
    assert!(started.elapsed() < Duration::from_secs(120));
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    for (name, reason) in [
        ("mali.pdf", "encrypted: it needs a password"),
        ("togo.pdf", "no text layer: scanned pages need OCR first"),
        ("benin.pdf", "damaged: "),
        ("benin.pdf", "cut short"),
        ("ghana.pdf", "damaged: "),
    ] {
        assert!(
            err.lines().any(|l| l.contains(name) && l.contains(reason)),
            "no warning naming {name} ({reason}):\n{err}"
        );
    }
    assert!(!err.contains("panicked"), "{err}");
    let summary = json(&stdout(&out));
    assert_eq!(summary["added"], 2, "{summary}");
    assert_eq!(summary["skipped"], 4, "{summary}");
    let hits = json(&stdout(&run(&[
        "search",
        "--index",
        &index_dir.display().to_string(),
        "--json",
        "pretrial detention",
    ])));
    assert_eq!(hits["hits"][0]["country"], "Chad", "{hits}");
    for fixture in [
        "encrypted.pdf",
        "scanned.pdf",
        "truncated.pdf",
        "garbage.pdf",
    ] {
        let out = run(&["inspect", &fixtures().join(fixture).display().to_string()]);
        assert_eq!(out.status.code(), Some(2), "{fixture}");
        assert!(stderr(&out).contains("would be skipped"), "{fixture}");
    }
}

fn cases(default: u32) -> u32 {
    std::env::var("HRSEARCH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// PDFs to mutate: the fixture report, and the shared PDFs when present.
fn real_pdfs() -> &'static Vec<Vec<u8>> {
    static PDFS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    PDFS.get_or_init(|| {
        let mut files = vec![fixtures().join("report.pdf")];
        if let Some(pairs) = shared_pdfs() {
            files.extend(pairs.into_iter().map(|(pdf, _)| pdf));
        }
        files.iter().map(|f| std::fs::read(f).unwrap()).collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(12),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Mutated PDFs load or are skipped with a reason: no panic, no hang,
    /// and what loads has block ranges inside its text, in order.
    #[test]
    fn mutated_pdfs_load_or_are_skipped(
        pick in any::<prop::sample::Index>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..5, proptest::collection::vec(any::<u8>(), 1..48)), 1..10),
    ) {
        let pdfs = real_pdfs();
        let mut bytes = pdfs[pick.index(pdfs.len())].clone();
        for (at, kind, data) in edits {
            let at = at.index(bytes.len() + 1);
            match kind {
                0 => { bytes.splice(at..at, data); }
                1 => { let end = (at + data.len() * 50).min(bytes.len()); bytes.drain(at..end); }
                2 => for (i, b) in data.iter().enumerate() {
                    if let Some(x) = bytes.get_mut(at + i * 97) { *x ^= b | 1; }
                },
                3 => bytes.truncate(at.max(9)),
                _ => { let end = (at + 3000).min(bytes.len()); let chunk = bytes[at..end].to_vec(); bytes.splice(at..at, chunk); }
            }
        }
        let started = Instant::now();
        let result = load_reports(Path::new("2023/chad.pdf"), &bytes);
        prop_assert!(started.elapsed() < Duration::from_secs(90));
        for report in result.into_iter().flatten() {
            let mut end = 0;
            for block in &report.blocks {
                prop_assert!(block.range.start >= end && block.range.end <= report.source.len());
                prop_assert!(report.source.is_char_boundary(block.range.start));
                end = block.range.end;
            }
            let passages = hrsearch::chunk::chunk_report(&report);
            for p in &passages {
                prop_assert!(p.byte_range.end <= report.source.len());
            }
        }
    }
}
