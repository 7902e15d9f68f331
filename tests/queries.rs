//! Queries and filters on real reports (../shared/corpus, indexed once in a
//! temp dir), through the real binary: apostrophes, faults named with
//! their place, prefixes, "did you mean", bounds on queries and pages,
//! filters that name what the index lacks, country aliases, snippets,
//! the terminal layout. Skips (with a printed reason) where ../shared is
//! absent.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The shared corpus indexed once for all tests here.
fn shared_index() -> Option<&'static str> {
    static INDEX: OnceLock<Option<(tempfile::TempDir, String)>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let corpus = shared_corpus()?;
            let tmp = tempfile::tempdir().unwrap();
            let dir = tmp.path().join("index");
            index(&corpus, &dir);
            let dir = dir.display().to_string();
            Some((tmp, dir))
        })
        .as_ref()
        .map(|(_, dir)| dir.as_str())
}

fn search(index: &str, args: &[&str]) -> Output {
    let mut all = vec!["search", "--index", index];
    all.extend_from_slice(args);
    run(&all)
}

fn search_json(index: &str, args: &[&str]) -> (Option<i32>, Value, String) {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = search(index, &all);
    let code = out.status.code();
    assert!(code != Some(2), "{args:?}: {}", stderr(&out));
    (code, json(&stdout(&out)), stderr(&out))
}

/// The highlighted pieces of a JSON hit (`field`: "highlights" in
/// "text", "snippet_highlights" in "snippet").
fn marked(hit: &Value, text: &str, field: &str) -> Vec<String> {
    let chars: Vec<char> = hit[text].as_str().unwrap().chars().collect();
    hit[field]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let (from, to) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            chars[from..to].iter().collect()
        })
        .collect()
}

fn hits(v: &Value) -> &Vec<Value> {
    v["hits"].as_array().unwrap()
}

/// Asserts exit 2 with one line on stderr holding every `needle`.
fn refused(out: &Output, needles: &[&str]) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    for needle in needles {
        assert!(err.contains(needle), "{needle:?} in {err}");
    }
    assert!(!err.contains("internal error"), "{err}");
    err
}

#[test]
fn apostrophes_are_part_of_words() {
    let Some(index) = shared_index() else { return };
    let (code, v, _) = search_json(index, &["women's rights", "--limit", "50"]);
    assert_eq!(code, Some(0));
    assert!(hits(&v).iter().any(|h| {
        marked(h, "text", "highlights")
            .iter()
            .any(|w| w.to_lowercase().starts_with("women"))
    }));
    let (code, v, _) = search_json(index, &["prisoners'"]);
    assert_eq!(code, Some(0), "{v}");
    for query in ["d'Ivoire", "Côte d’Ivoire", "Cote d'Ivoire"] {
        let (code, v, err) = search_json(index, &[query]);
        assert_eq!(code, Some(0), "{query}: {err}");
        let first = &hits(&v)[0];
        assert_eq!(
            (first["country"].as_str(), first["year"].as_u64()),
            (Some("Liberia"), Some(2010)),
            "{query}"
        );
        assert!(marked(first, "text", "highlights").contains(&"d'Ivoire".to_string()));
    }
}

#[test]
fn syntax_errors_say_what_is_wrong_and_where() {
    let Some(index) = shared_index() else { return };
    let cases: [(&str, &[&str]); 7] = [
        (
            "\"pretrial detention",
            &["at character 1", "quote is never closed"],
        ),
        (
            "torture (prison",
            &["at character 9", "'(' is never closed"],
        ),
        ("torture prison)", &["at character 15", "closes no '('"]),
        (
            "torture AND",
            &["at character 9", "AND has nothing after it"],
        ),
        (
            "OR torture",
            &["at character 1", "OR has nothing before it"],
        ),
        ("torture NOT", &["NOT has nothing after it"]),
        ("tor*ture", &["at character 4", "end of a word"]),
    ];
    for (query, needles) in cases {
        let err = refused(&search(index, &[query]), needles);
        assert!(err.starts_with("hrsearch: cannot parse query"), "{err}");
    }
    // A query may start with an exclusion.
    let out = search(index, &["-COVID detention"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn boolean_operators_keep_their_meaning() {
    let Some(index) = shared_index() else { return };
    let total = |query: &str| {
        let (_, v, _) = search_json(index, &[query, "--limit", "0"]);
        v["total"].as_u64().unwrap()
    };
    let torture = total("torture");
    let with_phrase = total("torture \"the government\"");
    assert!(with_phrase > 0 && with_phrase < torture);
    assert_eq!(total("torture -\"the government\""), torture - with_phrase);
    assert_eq!(
        total("torture NOT \"the government\""),
        torture - with_phrase
    );
    // AND binds tighter than OR.
    let (a, b) = (total("torture prison"), total("sterilization"));
    assert_eq!(
        total("torture prison OR sterilization"),
        a + b - total("torture prison sterilization")
    );
    let everything = total("NOT torture") + torture;
    assert_eq!(everything, total("torture OR NOT torture"));
}

#[test]
fn a_prefix_finds_the_words_that_start_with_it() {
    let Some(index) = shared_index() else { return };
    let words = |query: &str| -> BTreeSet<String> {
        let (code, v, _) = search_json(index, &[query, "--limit", "500"]);
        assert_eq!(code, Some(0), "{query}");
        hits(&v)
            .iter()
            .flat_map(|h| marked(h, "text", "highlights"))
            .map(|w| w.to_lowercase())
            .collect()
    };
    let detain = words("detain*");
    for expected in ["detain", "detained", "detainee", "detainees"] {
        assert!(detain.contains(expected), "{expected} in {detain:?}");
    }
    assert!(detain.iter().all(|w| w.starts_with("detain")), "{detain:?}");
    let det = words("det*");
    assert!(det.contains("detention"), "{det:?}");
    assert!(det.contains("detained"), "{det:?}");
    // Stemming changes some words' prefix: "arbitrarily" is "arbitrarili".
    let arbitrary = words("arbitrary*");
    assert!(arbitrary.contains("arbitrary"), "{arbitrary:?}");
}

#[test]
fn a_misspelt_word_gets_did_you_mean_from_the_index() {
    let Some(index) = shared_index() else { return };
    let out = search(index, &["tortrue"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no passage contains \"tortrue\"; did you mean \"torture\"?"),
        "{}",
        stderr(&out)
    );
    let (code, v, _) = search_json(index, &["\"pretrial detenton\""]);
    assert_eq!(code, Some(1));
    assert_eq!(v["did_you_mean"], "\"pretrial detention\"", "{v}");
    assert!(v["warnings"][0].as_str().unwrap().contains("detenton"));
    // A word the reports hold is not "corrected".
    let (code, v, _) = search_json(index, &["torture", "--year", "2001", "--section", "exec"]);
    assert!(code == Some(1) || code == Some(0));
    assert!(v.get("did_you_mean").is_none(), "{v}");
}

#[test]
fn queries_are_bounded_before_they_run() {
    let Some(index) = shared_index() else { return };
    let nested = format!("{}torture{}", "(".repeat(9000), ")".repeat(9000));
    let phrase = format!("\"{}\"", "jail ".repeat(20_000));
    let deep = format!("{}torture{}", "(".repeat(40), ")".repeat(40));
    let many = "torture ".repeat(100);
    for (query, needle) in [
        (nested.as_str(), "longer than 2000 characters"),
        (phrase.as_str(), "longer than 2000 characters"),
        (deep.as_str(), "parentheses nest deeper than 16 levels"),
        (many.as_str(), "more than 64 words"),
    ] {
        let started = Instant::now();
        let out = search(index, &[query]);
        assert!(started.elapsed() < Duration::from_secs(5));
        let err = refused(&out, &[needle]);
        assert!(err.len() < 300, "the query is not echoed whole: {err}");
    }
    // A long phrase is cut to its first 32 words, with a warning.
    let long = format!("\"{}\"", "the government ".repeat(20));
    let out = search(index, &[long.as_str()]);
    assert_ne!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("has 40 words; searching its first 32"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn pages_are_bounded_with_a_message() {
    let Some(index) = shared_index() else { return };
    for offset in ["3000000000", "9223372036854775807", "99995"] {
        refused(
            &search(index, &["torture", "--offset", offset]),
            &["--offset", "100000"],
        );
    }
    refused(
        &search(index, &["torture", "--limit", "20000"]),
        &["--limit 20000"],
    );
    let (code, v, _) = search_json(index, &["torture", "--offset", "99990", "--limit", "10"]);
    assert_eq!(code, Some(0), "the deepest page is allowed");
    assert!(hits(&v).is_empty());
}

#[test]
fn limit_0_prints_the_total_and_facets_without_hits() {
    let Some(index) = shared_index() else { return };
    let (code, v, _) = search_json(index, &["torture", "--limit", "0", "--facets"]);
    assert_eq!(code, Some(0));
    assert!(hits(&v).is_empty());
    let total = v["total"].as_u64().unwrap();
    assert!(total > 10);
    let by_year: u64 = v["facets"]["year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .sum();
    assert_eq!(by_year, total);
    let text = stdout(&search(index, &["torture", "--limit", "0"]));
    assert_eq!(text.trim(), format!("{total} matching passages"));
}

#[test]
fn year_ranges_take_a_hyphen() {
    let Some(index) = shared_index() else { return };
    let (_, dots, _) = search_json(index, &["torture", "--year", "2005..2008", "--limit", "0"]);
    let (_, hyphen, _) = search_json(index, &["torture", "--year", "2005-2008", "--limit", "0"]);
    assert_eq!(dots["total"], hyphen["total"]);
    assert!(dots["total"].as_u64().unwrap() > 0);
}

#[test]
fn a_filter_the_index_cannot_answer_is_named_with_the_fix() {
    let Some(index) = shared_index() else { return };
    refused(
        &search(index, &["torture", "--country", "Kazakstan"]),
        &["unknown country \"Kazakstan\"; did you mean Kazakhstan?"],
    );
    refused(
        &search(index, &["torture", "--country", "France"]),
        &[
            "no reports for France in the index",
            "the index holds reports for",
        ],
    );
    refused(
        &search(index, &["torture", "--year", "2015"]),
        &["no reports for 2015; the index holds 2000, 2001, 2005-2011, 2013, 2020, 2023, 2024"],
    );
    refused(
        &search(
            index,
            &["torture", "--country", "kazakhstan", "--year", "2001"],
        ),
        &["no reports for Kazakhstan in 2001; the index holds Kazakhstan for 2020, 2023, 2024"],
    );
    refused(
        &search(
            index,
            &[
                "detention",
                "--section",
                "1.d",
                "--year",
                "2024",
                "--country",
                "kazakhstan",
            ],
        ),
        &[
            "no 2024 report numbers a section 1.d",
            "the 2024 edition files it under 2.c",
            "try --section arrest",
        ],
    );
    for code in ["1.x", "9"] {
        refused(
            &search(index, &["torture", "--section", code]),
            &[&format!("no report in the index numbers a section {code}")],
        );
    }
}

#[test]
fn a_missing_value_beside_others_is_a_warning_and_the_search_goes_on() {
    let Some(index) = shared_index() else { return };
    let (code, v, err) = search_json(index, &["torture", "--year", "2015", "--year", "2020"]);
    assert_eq!(code, Some(0));
    assert!(err.contains("warning: no reports for 2015"), "{err}");
    assert!(
        v["warnings"][0]
            .as_str()
            .unwrap()
            .starts_with("no reports for 2015")
    );
    assert!(hits(&v).iter().all(|h| h["year"] == 2020));
    // Both Congos are named; the index holds one, which is searched.
    let (code, v, err) = search_json(index, &["torture", "--country", "Congo"]);
    assert_eq!(code, Some(0));
    assert!(
        err.contains("Republic of the Congo or Democratic Republic of the Congo"),
        "{err}"
    );
    assert!(
        hits(&v)
            .iter()
            .all(|h| h["country"] == "Republic of the Congo")
    );
    // A code most chosen reports do not use is named with the fix.
    let (_, v, _) = search_json(
        index,
        &["detention", "--section", "1.d", "--year", "2023..2024"],
    );
    let warning = v["warnings"][0].as_str().unwrap_or_default();
    assert!(
        warning.contains("have no section 1.d") && warning.contains("--section arrest"),
        "{v}"
    );
}

#[test]
fn a_report_of_a_year_with_no_report_says_so_and_prints_the_rest() {
    let Some(index) = shared_index() else { return };
    let out = run(&[
        "report",
        "--index",
        index,
        "--country",
        "kazakhstan",
        "--year",
        "2020",
        "--year",
        "2021",
        "--section",
        "arrest",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: no reports for Kazakhstan in 2021"),
        "{}",
        stderr(&out)
    );
    let v = json(&stdout(&out));
    assert!(v["warnings"][0].as_str().unwrap().contains("2021"));
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["year"], 2020);
    let none = run(&["report", "--index", index, "--year", "2021"]);
    assert_eq!(none.status.code(), Some(2));
}

#[test]
fn any_alias_of_a_country_finds_the_same_reports() {
    let Some(index) = shared_index() else { return };
    let total = |country: &str| {
        let (_, v, _) = search_json(index, &["government", "--country", country, "--limit", "0"]);
        v["total"].as_u64().unwrap()
    };
    let kyrgyz = total("Kyrgyz Republic");
    assert!(kyrgyz > 0);
    assert_eq!(total("Kyrgyzstan"), kyrgyz);
    assert_eq!(total("kyrgyz-republic"), kyrgyz);
    let cabo = total("Cabo Verde");
    assert!(cabo > 0);
    assert_eq!(total("Cape Verde"), cabo);
    assert_eq!(total("Congo-Brazzaville"), total("Republic of the Congo"));
}

#[test]
fn a_file_s_country_comes_from_the_table() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let reports = tmp.path().join("reports");
    let copy = |from: &str, to: &str| {
        let target = reports.join(to);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(corpus.join(from), target).unwrap();
    };
    copy("state-dept/2008/angola.md", "2008/Angola_report.md");
    copy("state-dept-archive/cabo-verde.md", "2015/cape-verde.md");
    copy("state-dept-archive/cabo-verde.md", "2023/cabo-verde.md");
    copy(
        "state-dept/2000/republic-of-the-congo.md",
        "2000/congo-brazzaville.md",
    );
    let index_dir = tmp.path().join("index");
    index(&reports, &index_dir);
    let out = run(&["export", "--index", index_dir.to_str().unwrap()]);
    let reports: BTreeSet<(String, String)> = json_lines(&stdout(&out))
        .iter()
        .map(|p| {
            (
                p["country"].as_str().unwrap().to_string(),
                p["report_id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("Angola", "angola/2008"),
        // The archive holds the 2023 and 2024 editions: each is filed by
        // its own title's year, whatever folder the copy sits in.
        ("Cabo Verde", "cabo-verde/2023"),
        ("Cabo Verde", "cabo-verde/2024"),
        ("Republic of the Congo", "republic-of-the-congo/2000"),
    ]
    .iter()
    .map(|(c, r)| (c.to_string(), r.to_string()))
    .collect();
    assert_eq!(reports, expected);
}

#[test]
fn snippets_start_and_end_at_sentences_or_say_they_do_not() {
    let Some(index) = shared_index() else { return };
    let mut seen = 0;
    for query in [
        "torture",
        "detention",
        "government",
        "\"freedom of expression\"",
        "children",
        "court",
    ] {
        let (_, v, _) = search_json(index, &[query, "--limit", "40"]);
        for hit in hits(&v) {
            seen += 1;
            let snippet = hit["snippet"].as_str().unwrap();
            let text = hit["text"].as_str().unwrap();
            let first = snippet.chars().next().unwrap();
            assert!(
                first == '…'
                    || first.is_uppercase()
                    || first.is_ascii_digit()
                    || "\"“(".contains(first),
                "starts mid-sentence: {snippet}"
            );
            let last = snippet.chars().last().unwrap();
            assert!(
                last == '…' || ".?!\"”):;".contains(last),
                "ends mid-sentence: {snippet}"
            );
            if text.trim_end().len() <= 400 {
                assert_eq!(
                    snippet,
                    text.trim_end().replace("\n\n", " ¶ "),
                    "shown whole"
                );
            }
            // Highlights index the snippet as printed, marks included.
            let words: Vec<String> = marked(hit, "snippet", "snippet_highlights");
            let in_text: BTreeSet<String> = marked(hit, "text", "highlights").into_iter().collect();
            assert!(
                words.iter().all(|w| in_text.contains(w)),
                "{words:?} {in_text:?}"
            );
        }
    }
    assert!(seen > 150, "{seen} hits looked at");
}

#[test]
fn on_a_terminal_records_wrap_without_splitting_words() {
    let Some(index) = shared_index() else { return };
    if !Path::new("/usr/bin/script").exists() {
        skip("`script` (util-linux) is absent: no pseudo-terminal to test with");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_hrsearch");
    let command = format!("stty rows 40 cols 60; {bin} search torture --limit 3 --index {index}");
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    let piped = stdout(&search(index, &["torture", "--limit", "3"]));
    for line in shown.lines() {
        // Only a word longer than the line (a file path) may overflow it.
        let one_word = !line.trim().contains(' ');
        assert!(line.chars().count() <= 60 || one_word, "{line:?}");
    }
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(words(&shown), words(&piped), "the same words, none split");
    assert!(
        shown.lines().count() > piped.lines().count(),
        "wrapped:\n{shown}"
    );
    // Lines under a hit hang under its text.
    let snippet_lines = shown
        .lines()
        .skip(1)
        .take_while(|l| !l.contains(".md") && !l.contains(".txt"));
    assert!(snippet_lines.clone().count() > 1);
    assert!(
        snippet_lines.into_iter().all(|l| l.starts_with("   ")),
        "{shown}"
    );
    // Piped, each record stays on one line.
    assert!(piped.lines().nth(1).unwrap().len() > 60);
}

#[test]
fn sections_fit_80_columns() {
    let out = run(&["sections"]);
    let text = stdout(&out);
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("  integrity/arbitrary-arrest "))
    );
}

#[test]
fn filters_narrow_the_hits_without_changing_their_scores() {
    let Some(index) = shared_index() else {
        return skip("../shared/corpus is not here");
    };
    let score_by_passage = |args: &[&str]| -> Vec<(String, String, f64)> {
        let (_, v, _) = search_json(index, args);
        hits(&v)
            .iter()
            .map(|h| {
                (
                    h["report_id"].as_str().unwrap().to_string(),
                    h["text"].as_str().unwrap().to_string(),
                    h["score"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    let everywhere = score_by_passage(&["\"pretrial detention\"", "--limit", "100", "--no-fold"]);
    for filter in [
        &["--section", "arrest"][..],
        &["--year", "2011"],
        &["--country", "algeria"],
    ] {
        let mut args = vec!["\"pretrial detention\"", "--limit", "100", "--no-fold"];
        args.extend_from_slice(filter);
        let narrowed = score_by_passage(&args);
        assert!(!narrowed.is_empty(), "{filter:?} finds something");
        for (report, text, score) in &narrowed {
            let (_, _, unfiltered) = everywhere
                .iter()
                .find(|(r, t, _)| r == report && t == text)
                .unwrap_or_else(|| panic!("a hit of {report} is none without {filter:?}"));
            assert!(
                (score - unfiltered).abs() < 1e-3,
                "{filter:?}: a hit of {report} scores {score}, {unfiltered} unfiltered"
            );
        }
    }
}
