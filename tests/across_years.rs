//! Across the years, on real consecutive editions in ../shared/corpus:
//! `trend` (a query's matches year by year) and `compare` (two editions
//! section by section). Skips with a printed reason where ../shared is
//! absent.

mod common;
use common::*;
use serde_json::Value;
use std::sync::OnceLock;

/// The shared corpus indexed once for this file's tests.
fn shared_index() -> Option<&'static (tempfile::TempDir, String, String)> {
    static INDEX: OnceLock<Option<(tempfile::TempDir, String, String)>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let corpus = shared_corpus()?;
            let tmp = tempfile::tempdir().unwrap();
            let index_dir = tmp.path().join("index");
            index(&corpus, &index_dir);
            let (corpus, index_dir) = (
                corpus.display().to_string(),
                index_dir.display().to_string(),
            );
            Some((tmp, corpus, index_dir))
        })
        .as_ref()
}

/// Runs a command on the shared index; (exit code, stdout, stderr).
fn on_shared(args: &[&str]) -> Option<(i32, String, String)> {
    let (_, corpus, index) = shared_index()?;
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--index", index, "--corpus", corpus]);
    let out = run(&all);
    Some((out.status.code().unwrap_or(-1), stdout(&out), stderr(&out)))
}

fn year_row(trend: &Value, year: u64) -> &Value {
    trend["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["key"].as_str() == Some(year.to_string().as_str()))
        .unwrap_or_else(|| panic!("no row for {year}: {trend}"))
}

#[test]
fn trend_counts_agree_with_search_year_by_year() {
    let Some((code, out, err)) = on_shared(&["trend", "\"pretrial detention\"", "--json"]) else {
        return;
    };
    assert_eq!(code, 0, "{err}");
    let trend = json(&out);
    let Some((_, facets, _)) =
        on_shared(&["search", "\"pretrial detention\"", "--facets", "--json"])
    else {
        return;
    };
    let facets = json(&facets);
    for bucket in facets["facets"]["year"].as_array().unwrap() {
        let row = year_row(&trend, bucket["value"].as_u64().unwrap());
        assert_eq!(row["matching_passages"], bucket["count"], "{row}");
        assert_eq!(row["present"], true);
        let rate = row["rate"].as_f64().unwrap();
        let expected =
            100.0 * row["matching_passages"].as_f64().unwrap() / row["passages"].as_f64().unwrap();
        assert!((rate - expected).abs() < 1e-9, "{row}");
    }
    assert_eq!(trend["matching_passages"], facets["total"]);
    // Angola 2005-2009 are consecutive editions: one report each year.
    for year in 2005..=2009 {
        assert!(year_row(&trend, year)["reports"].as_u64().unwrap() >= 1);
    }
    // A year inside the range with no report is missing, not zero.
    let gap = year_row(&trend, 2002);
    assert_eq!(gap["present"], false);
    assert!(gap["rate"].is_null());
}

#[test]
fn trend_by_country_with_a_section_filter_counts_only_that_section() {
    let Some((code, out, err)) = on_shared(&[
        "trend",
        "detention",
        "--by",
        "country",
        "--section",
        "arrest",
        "--json",
    ]) else {
        return;
    };
    assert_eq!(code, 0, "{err}");
    let trend = json(&out);
    let angola = trend["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["label"] == "Angola")
        .expect("Angola is a row");
    assert_eq!(angola["reports"], 5, "{angola}");
    let Some((_, exported, _)) =
        on_shared(&["export", "--country", "angola", "--section", "arrest"])
    else {
        return;
    };
    assert_eq!(
        angola["passages"].as_u64().unwrap() as usize,
        json_lines(&exported).len(),
        "the denominator is the filtered section's passages"
    );
}

#[test]
fn trend_prints_a_chart_csv_and_an_svg_with_the_query_in_its_title() {
    let Some((_, chart, _)) = on_shared(&["trend", "torture", "--country", "angola"]) else {
        return;
    };
    assert!(
        chart.starts_with(
            "\"torture\": matching passages per 100 passages, by year (country: angola)"
        ),
        "{chart}"
    );
    let rows: Vec<&str> = chart.lines().filter(|l| l.starts_with("200")).collect();
    assert_eq!(rows.len(), 5, "{chart}");
    assert!(
        rows.iter().all(|r| r.contains('█') && r.contains("1/1")),
        "{chart}"
    );

    let (_, csv, _) = on_shared(&["trend", "torture", "--csv"]).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("year,label,present,matching_passages,matching_reports,passages,reports,rate")
    );
    assert!(
        lines.any(|l| l.starts_with("2003,2003,false,0,0,0,0,")),
        "{csv}"
    );

    let svg = shared_index().unwrap().0.path().join("torture.svg");
    let (code, _, err) = on_shared(&[
        "trend",
        "torture",
        "--section",
        "torture",
        "--svg",
        svg.to_str().unwrap(),
    ])
    .unwrap();
    assert_eq!(code, 0, "{err}");
    let picture = std::fs::read_to_string(&svg).unwrap();
    assert!(picture.starts_with("<svg"));
    assert!(picture.contains(
        "&quot;torture&quot;: matching passages per 100 passages, by year (section: torture)"
    ));
    assert!(picture.contains("no report"), "missing years are marked");
    assert!(picture.matches("<rect").count() > 5, "bars are drawn");
}

#[test]
fn compare_shows_real_added_dropped_and_changed_sentences() {
    let Some((code, out, err)) = on_shared(&[
        "compare",
        "--country",
        "angola",
        "2008",
        "2009",
        "--section",
        "arrest",
        "--json",
    ]) else {
        return;
    };
    assert_eq!(code, 0, "{err}");
    let comparison = json(&out);
    let sections = comparison["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 1);
    let arrest = &sections[0];
    assert_eq!(arrest["topic"], "integrity/arbitrary-arrest");
    assert_eq!(arrest["codes_earlier"], serde_json::json!(["1.d"]));
    let has = |field: &str, needle: &str| {
        arrest[field]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.as_str().unwrap().contains(needle))
    };
    assert!(has(
        "added",
        "the prosecutor may prolong pretrial detention up to 45 days"
    ));
    assert!(has(
        "dropped",
        "Detainees may be held for 135 days without trial"
    ));
    assert!(arrest["unchanged"].as_u64().unwrap() > 10);
    let changed = arrest["changed"].as_array().unwrap();
    let police = changed
        .iter()
        .find(|c| {
            c["old"]
                .as_str()
                .unwrap()
                .starts_with("The National Police, under the Interior Ministry")
        })
        .expect("the National Police sentence was edited");
    assert!(
        police["new"]
            .as_str()
            .unwrap()
            .contains("controlled by the Interior Ministry")
    );
    assert!(
        police["words"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!({"op": "added", "text": "controlled by"}))
    );

    let (_, human, _) = on_shared(&[
        "compare",
        "--country",
        "angola",
        "2008",
        "2009",
        "--section",
        "arrest",
    ])
    .unwrap();
    assert!(
        human.contains("1.d Arbitrary Arrest or Detention: "),
        "{human}"
    );
    assert!(human.contains("[-under-]{+controlled by+}"), "{human}");
    assert!(human.contains("\n  + If the crime is a felony"), "{human}");
}

#[test]
fn compare_meets_a_topic_under_each_editions_own_code_and_names_lone_sections() {
    let Some((code, out, err)) = on_shared(&[
        "compare",
        "--country",
        "kazakhstan",
        "2023",
        "2024",
        "--json",
    ]) else {
        return;
    };
    assert_eq!(code, 0, "{err}");
    let comparison = json(&out);
    let sections = comparison["sections"].as_array().unwrap();
    let arrest = sections
        .iter()
        .find(|s| s["topic"] == "integrity/arbitrary-arrest")
        .unwrap();
    assert_eq!(arrest["codes_earlier"], serde_json::json!(["1.d"]));
    assert!(
        arrest["codes_later"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("2.c")),
        "{arrest}"
    );
    assert!(arrest["only_in"].is_null());
    let lone: Vec<&Value> = sections.iter().filter(|s| s["only_in"] == 2023).collect();
    assert!(
        !lone.is_empty(),
        "the 2024 outline dropped sections 2023 had"
    );
    for section in lone {
        assert!(section["added"].as_array().unwrap().is_empty());
        assert!(
            !section["dropped"].as_array().unwrap().is_empty(),
            "{section}"
        );
    }
}

#[test]
fn compare_says_which_editions_the_index_holds() {
    let Some((code, _, err)) = on_shared(&["compare", "--country", "angola", "2008", "2015"])
    else {
        return;
    };
    assert_eq!(code, 2);
    assert!(
        err.contains("no 2015 report for angola; it holds 2005, 2006, 2007, 2008, 2009"),
        "{err}"
    );
}

/// Word 3-shingles, as the README defines "nearly the same text".
fn shingles(text: &str) -> std::collections::HashSet<Vec<String>> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.windows(3).map(<[String]>::to_vec).collect()
}

fn jaccard(a: &str, b: &str) -> f64 {
    let (a, b) = (shingles(a), shingles(b));
    a.intersection(&b).count() as f64 / a.union(&b).count().max(1) as f64
}

#[test]
fn repeated_passages_from_other_years_are_folded_and_counted_honestly() {
    let query = [
        "search",
        "pretrial detention",
        "--country",
        "angola",
        "--json",
    ];
    let Some((code, out, err)) = on_shared(&query) else {
        return;
    };
    assert_eq!(code, 0, "{err}");
    let folded = json(&out);
    let hits = folded["hits"].as_array().unwrap();
    for (i, a) in hits.iter().enumerate() {
        for b in &hits[..i] {
            let overlap = jaccard(a["text"].as_str().unwrap(), b["text"].as_str().unwrap());
            assert!(
                overlap < 0.8,
                "{overlap}: {} and {}",
                a["report_id"],
                b["report_id"]
            );
        }
    }
    let also: Vec<&Value> = hits
        .iter()
        .flat_map(|h| h["also_in"].as_array().unwrap())
        .collect();
    assert!(!also.is_empty(), "Angola's editions carry text forward");
    assert_eq!(folded["folded"].as_u64().unwrap() as usize, also.len());
    for entry in &also {
        assert!(entry["similarity"].as_f64().unwrap() >= 0.8, "{entry}");
        assert!(entry["report_id"].as_str().unwrap().starts_with("angola/"));
    }
    // Folding changes the page, never the total or the facets.
    let mut every = query.to_vec();
    every.extend(["--no-fold", "--limit", "50"]);
    let (_, all, _) = on_shared(&every).unwrap();
    let all = json(&all);
    assert_eq!(all["total"], folded["total"]);
    assert_eq!(
        all["hits"].as_array().unwrap().len(),
        hits.len() + also.len(),
        "every hit is shown or folded"
    );
    // A page of 3 is 3 distinct hits.
    let mut three = query.to_vec();
    three.extend(["--limit", "3"]);
    let (_, page, _) = on_shared(&three).unwrap();
    assert_eq!(json(&page)["hits"].as_array().unwrap().len(), 3);
    let (_, human, _) =
        on_shared(&["search", "pretrial detention", "--country", "angola"]).unwrap();
    assert!(
        human.contains("also in 2008 (nearly the same text)"),
        "{human}"
    );
    assert!(
        human.contains("near-copies from other years folded under these hits"),
        "{human}"
    );
}
