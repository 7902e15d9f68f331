//! The README's main job on the repo's default corpus: needs nothing but
//! this repository.

mod common;
use common::*;

#[test]
fn first_search_builds_the_index_and_finds_pretrial_detention() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let corpus = default_corpus();
    let out = run(&[
        "search",
        "pretrial detention",
        "--corpus",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("building it from"),
        "says it builds the index: {}",
        stderr(&out)
    );
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("1. Kazakhstan 2020 › Section 1."),
        "{first}"
    );
    assert!(
        first.contains("[1.d · integrity/arbitrary-arrest]"),
        "{first}"
    );
    assert!(
        text.contains("**Pretrial** **Detention**"),
        "plain highlight markers when piped: {text}"
    );
}

#[test]
fn json_hits_carry_citations_and_highlights_into_the_text() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let corpus = default_corpus();
    let out = run(&[
        "search",
        "detainees",
        "--json",
        "--facets",
        "--corpus",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let v = json(&stdout(&out));
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for hit in hits {
        assert_eq!(hit["country"], "Kazakhstan");
        assert_eq!(hit["year"], 2020);
        assert_eq!(hit["report_id"], "kazakhstan/2020");
        let text: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
        for range in hit["highlights"].as_array().unwrap() {
            let (s, e) = (
                range[0].as_u64().unwrap() as usize,
                range[1].as_u64().unwrap() as usize,
            );
            let word: String = text[s..e].iter().collect::<String>().to_lowercase();
            assert!(word.starts_with("detainee"), "highlight {word:?}");
        }
    }
    let total = v["total"].as_u64().unwrap();
    let sum = |facet: &str| {
        v["facets"][facet]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["count"].as_u64().unwrap())
            .sum::<u64>()
    };
    assert_eq!(sum("section"), total);
    assert_eq!(sum("year"), total);
    assert_eq!(sum("country"), total);
}

#[test]
fn query_errors_exit_2_and_no_match_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let corpus = default_corpus();
    let args = |q: &'static str| {
        vec![
            "search",
            q,
            "--corpus",
            corpus.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ]
    };
    let bad = run(&args("\"pretrial detention"));
    assert_eq!(bad.status.code(), Some(2));
    let message = stderr(&bad);
    assert!(
        message
            .lines()
            .any(|l| l.contains("cannot parse query") && l.contains("pretrial detention")),
        "{message}"
    );
    let none = run(&args("zxqvbnm"));
    assert_eq!(none.status.code(), Some(1));
    let unknown_section = run(&[
        "search",
        "torture",
        "--section",
        "bananas",
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(unknown_section.status.code(), Some(2));
    assert!(stderr(&unknown_section).contains("unknown section 'bananas'"));
    let bad_option = run(&["search", "torture", "--frobnicate"]);
    assert_eq!(bad_option.status.code(), Some(2));
}

#[test]
fn the_query_language_works_on_the_default_corpus_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let index_dir = tmp.path().join("index");
    index(&default_corpus(), &index_dir);
    let index = index_dir.to_str().unwrap();
    let total = |query: &str| {
        let out = run(&["search", query, "--index", index, "--json", "--limit", "0"]);
        assert_ne!(out.status.code(), Some(2), "{query}: {}", stderr(&out));
        json(&stdout(&out))["total"].as_u64().unwrap()
    };
    assert!(total("detainee's right") > 0);
    assert!(total("prisoners'") > 0);
    assert!(total("detain*") > total("detainee"));
    let typo = run(&["search", "tortrue", "--index", index]);
    assert_eq!(typo.status.code(), Some(1));
    assert!(
        stderr(&typo).contains("did you mean \"torture\"?"),
        "{}",
        stderr(&typo)
    );
    let deep = run(&[
        "search",
        "torture",
        "--offset",
        "9223372036854775807",
        "--index",
        index,
    ]);
    assert_eq!(deep.status.code(), Some(2));
    assert!(stderr(&deep).contains("--offset"), "{}", stderr(&deep));
    let year = run(&["search", "torture", "--year", "2015", "--index", index]);
    assert_eq!(year.status.code(), Some(2));
    assert!(
        stderr(&year).contains("no reports for 2015; the index holds 2020"),
        "{}",
        stderr(&year)
    );
}
