//! Reports as they are published, on real files: PDFs cited by page, one
//! file holding several editions, and one report in two files.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

fn search_json(index: &Path, args: &[&str]) -> Value {
    let mut all = vec!["search", "--index", index.to_str().unwrap(), "--json"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(out.status.success(), "{:?}: {}", args, stderr(&out));
    json(&stdout(&out))
}

/// The text of each page of a PDF as poppler's `pdftotext` reads it, or
/// `None` when poppler is not installed.
fn poppler_pages(pdf: &Path) -> Option<Vec<String>> {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    Some(text.split('\u{c}').map(words).collect())
}

/// Lowercased words joined by one space (soft hyphens and line ends gone).
fn words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn pdf_passages_are_cited_by_the_pages_they_stand_on() {
    let Some(shared) = shared_corpus() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("index");
    let pdfs = shared.join("state-dept-pdf");
    index(&pdfs, &index_dir);
    let found = search_json(
        &index_dir,
        &[
            "pretrial detention",
            "--section",
            "arrest",
            "--year",
            "2023",
        ],
    );
    let hits = found["hits"].as_array().unwrap();
    assert!(!hits.is_empty(), "{found}");
    let pages = poppler_pages(&pdfs.join("2023/kazakhstan.pdf"));
    if pages.is_none() {
        skip("pdftotext (poppler-utils) is absent: pages are not checked against it");
    }
    for hit in hits {
        assert_eq!(hit["report_id"], "kazakhstan/2023");
        assert_eq!(hit["section_topic"], "integrity/arbitrary-arrest");
        assert!(
            hit["byte_range"].is_null(),
            "no file bytes for a PDF: {hit}"
        );
        let [first, last] = [0, 1].map(|i| hit["pages"][i].as_u64().unwrap() as usize);
        assert!(1 <= first && first <= last, "{hit}");
        if let Some(pages) = &pages {
            // The passage's first words are printed on its first page, its
            // last words on its last page.
            let text = words(hit["text"].as_str().unwrap());
            let all: Vec<&str> = text.split(' ').collect();
            let opening = all[..all.len().min(6)].join(" ");
            let closing = all[all.len().saturating_sub(6)..].join(" ");
            assert!(pages[first - 1].contains(&opening), "p. {first}: {opening}");
            assert!(pages[last - 1].contains(&closing), "p. {last}: {closing}");
        }
    }
    // The human citation line carries the pages; the source line too.
    let out = run(&[
        "search",
        "pretrial detention",
        "--section",
        "arrest",
        "--year",
        "2023",
        "--index",
        index_dir.to_str().unwrap(),
    ]);
    let text = stdout(&out);
    let first_page = hits[0]["pages"][0].as_u64().unwrap();
    let first_line = text.lines().next().unwrap();
    assert!(
        first_line.starts_with("1. Kazakhstan 2023 › Section 1."),
        "{text}"
    );
    assert!(
        first_line.contains(&format!(", p. {first_page}")),
        "{first_line}"
    );
    assert!(text.contains("kazakhstan.pdf (p. "), "{text}");
    assert!(!text.contains("(bytes "), "{text}");
}

#[test]
fn custom_reports_and_exports_of_a_pdf_carry_pages() {
    let Some(shared) = shared_corpus() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus/2024");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::copy(
        shared.join("state-dept-pdf/2024/oman.pdf"),
        corpus.join("oman.pdf"),
    )
    .unwrap();
    let index_dir = dir.path().join("index");
    index(&dir.path().join("corpus"), &index_dir);
    let idx = index_dir.to_str().unwrap();
    let out = run(&["report", "--country", "oman", "--index", idx, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&stdout(&out));
    let sections = report["reports"][0]["sections"].as_array().unwrap();
    let mut last_page = 0;
    for section in sections {
        let [first, last] = [0, 1].map(|i| section["pages"][i].as_u64().unwrap());
        assert!(first >= last_page.max(1) && last >= first, "{section}");
        assert!(section["byte_range"].is_null());
        last_page = first;
    }
    assert!(last_page > 1, "a report runs over several pages");
    let out = run(&["export", "--index", idx]);
    assert!(out.status.success(), "{}", stderr(&out));
    for line in json_lines(&stdout(&out)) {
        assert_eq!(line["report_id"], "oman/2024");
        assert!(line["pages"][0].as_u64().unwrap() >= 1, "{line}");
    }
}

#[test]
fn each_edition_of_an_archive_file_is_its_own_report_with_its_own_year() {
    let Some(shared) = shared_corpus() else {
        return;
    };
    let archive = shared.join("state-dept-archive/cabo-verde.md");
    let dir = tempfile::tempdir().unwrap();
    // A folder that names a third year: each edition's own title wins.
    let corpus = dir.path().join("corpus/2019");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::copy(&archive, corpus.join("cabo-verde.md")).unwrap();
    let index_dir = dir.path().join("index");
    let summary = index(&dir.path().join("corpus"), &index_dir);
    assert_eq!(summary["added"], 1);
    let idx = index_dir.to_str().unwrap();
    let out = run(&[
        "report",
        "--country",
        "cabo verde",
        "--index",
        idx,
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&stdout(&out));
    let editions: Vec<(&str, &str)> = report["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["report_id"].as_str().unwrap(),
                r["title"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        editions,
        [
            ("cabo-verde/2023", "Cabo Verde — 2023 Human Rights Report"),
            ("cabo-verde/2024", "Cabo Verde — 2024 Human Rights Report"),
        ]
    );
    // A sentence only the 2023 edition holds is found in 2023 alone, and
    // no passage holds the other edition's title or the archive's front
    // matter.
    let found = search_json(&index_dir, &["\"may have committed\""]);
    let years: Vec<u64> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["year"].as_u64().unwrap())
        .collect();
    assert_eq!(years, [2023], "{found}");
    let front = run(&["search", "\"editions included\"", "--index", idx]);
    assert_eq!(front.status.code(), Some(1), "{}", stdout(&front));
}

#[test]
fn one_report_in_two_files_is_indexed_once_and_the_other_file_named() {
    let Some(shared) = shared_corpus() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for (from, to) in [
        (
            "state-dept/2023/kazakhstan.md",
            "markdown/2023/kazakhstan.md",
        ),
        (
            "state-dept-pdf/2023/kazakhstan.pdf",
            "pdf/2023/kazakhstan.pdf",
        ),
        (
            "state-dept/2024/kazakhstan.md",
            "markdown/2024/kazakhstan.md",
        ),
    ] {
        let target = corpus.join(to);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(shared.join(from), target).unwrap();
    }
    let index_dir = dir.path().join("index");
    let out = run_index(&corpus, &index_dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let warning = stderr(&out);
    assert!(
        warning.contains("kazakhstan/2023 is in two files")
            && warning.contains("pdf/2023/kazakhstan.pdf")
            && warning.contains("markdown/2023/kazakhstan.md"),
        "{warning}"
    );
    let summary = json(&stdout(&out));
    assert_eq!(summary["duplicates"][0]["report_id"], "kazakhstan/2023");
    assert!(
        summary["duplicates"][0]["kept"]
            .as_str()
            .unwrap()
            .ends_with("pdf/2023/kazakhstan.pdf")
    );

    // No doubled hits: every 2023 passage comes from the kept PDF.
    let found = search_json(
        &index_dir,
        &["pretrial detention", "--year", "2023", "--no-fold"],
    );
    let sources: Vec<&str> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["source"].as_str().unwrap())
        .collect();
    assert!(!sources.is_empty());
    assert!(
        sources.iter().all(|s| s.ends_with("kazakhstan.pdf")),
        "{sources:?}"
    );
    let passages_with_both = summary["passages"].as_u64().unwrap();

    // A re-run has nothing to do, and says so.
    let again = index(&corpus, &index_dir);
    assert_eq!(
        (again["added"].clone(), again["updated"].clone()),
        (0.into(), 0.into())
    );
    assert_eq!(again["passages"].as_u64().unwrap(), passages_with_both);

    // The kept file goes: the copy left out takes its place.
    std::fs::remove_file(corpus.join("pdf/2023/kazakhstan.pdf")).unwrap();
    let after = index(&corpus, &index_dir);
    assert_eq!(after["removed"], 1, "{after}");
    assert_eq!(after["duplicates"].as_array().unwrap().len(), 0);
    let found = search_json(
        &index_dir,
        &["pretrial detention", "--year", "2023", "--no-fold"],
    );
    let hits = found["hits"].as_array().unwrap();
    assert!(
        !hits.is_empty(),
        "the Markdown copy is searched now: {found}"
    );
    assert!(hits.iter().all(|h| {
        h["source"]
            .as_str()
            .unwrap()
            .ends_with("markdown/2023/kazakhstan.md")
            && h["byte_range"].is_array()
    }));
    let export = run(&["export", "--index", index_dir.to_str().unwrap()]);
    let lines = json_lines(&stdout(&export));
    assert_eq!(lines.len() as u64, after["passages"].as_u64().unwrap());
    assert!(lines.iter().any(|l| l["report_id"] == "kazakhstan/2023"));
}
