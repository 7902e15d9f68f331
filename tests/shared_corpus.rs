//! The real binary on ALL of ../shared/corpus, asserting on content.
//! Skips (with a printed reason) where ../shared is absent.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// Indexes the whole shared corpus once per test, in a temp dir.
fn indexed() -> Option<(tempfile::TempDir, String, String, Value)> {
    let corpus = shared_corpus()?;
    let tmp = tempfile::tempdir().unwrap();
    let index_dir = tmp.path().join("index");
    let summary = index(&corpus, &index_dir);
    Some((
        tmp,
        corpus.display().to_string(),
        index_dir.display().to_string(),
        summary,
    ))
}

fn export(index: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["export", "--index", index];
    args.extend_from_slice(extra);
    let out = run(&args);
    json_lines(&stdout(&out))
}

/// The highlighted pieces of a JSON hit's text (ranges are in chars).
fn highlighted(hit: &Value) -> Vec<String> {
    let text: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
    hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let (from, to) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
            text[from as usize..to as usize].iter().collect()
        })
        .collect()
}

fn search(index: &str, args: &[&str]) -> Value {
    let mut all = vec!["search", "--index", index, "--json"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(out.status.code() != Some(2), "{}", stderr(&out));
    json(&stdout(&out))
}

#[test]
fn every_report_is_loaded_with_its_country_and_year() {
    let Some((_tmp, corpus, index, summary)) = indexed() else {
        return;
    };
    let passages = export(&index, &[]);
    assert_eq!(
        summary["passages"].as_u64().unwrap() as usize,
        passages.len()
    );
    // Every report file in state-dept/ (named <year>/<country>.<ext>) is in
    // the index under the year and country its path gives.
    let loaded: BTreeSet<(String, u64, String)> = passages
        .iter()
        .map(|p| {
            let source = p["source"].as_str().unwrap();
            let file = Path::new(source)
                .strip_prefix(Path::new(source).ancestors().nth(2).unwrap())
                .unwrap();
            (
                p["country_key"]
                    .as_str()
                    .or(p["report_id"].as_str().and_then(|id| id.split('/').next()))
                    .unwrap()
                    .to_string(),
                p["year"].as_u64().unwrap(),
                file.display().to_string(),
            )
        })
        .collect();
    let state_dept = Path::new(&corpus).join("state-dept");
    let mut expected = 0;
    for entry in walkdir::WalkDir::new(&state_dept).min_depth(2) {
        let entry = entry.unwrap();
        let path = entry.path();
        let year: u64 = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        let country = path.file_stem().unwrap().to_str().unwrap();
        let file = format!("{year}/{}", path.file_name().unwrap().to_str().unwrap());
        // A report also in a PDF is indexed once, from the PDF: the
        // summary names the file left out and the report it holds.
        let left_out = summary["duplicates"].as_array().unwrap().iter().any(|d| {
            d["left_out"].as_str().unwrap().ends_with(&file)
                && d["report_id"] == format!("{country}/{year}").as_str()
                && d["kept"].as_str().unwrap().ends_with(".pdf")
        });
        assert!(
            left_out || loaded.contains(&(country.to_string(), year, file.clone())),
            "{file} is not in the index as {country} {year}"
        );
        expected += 1;
    }
    assert!(
        expected >= 20,
        "{expected} files in {}",
        state_dept.display()
    );
    // Only what is no report is skipped (the corpus README and SOURCES).
    assert!(summary["skipped"].as_u64().unwrap() <= summary["added"].as_u64().unwrap());
}

/// The passage of the 2020 Kazakhstan report that contains `needle`.
fn kazakhstan_2020(passages: &[Value], needle: &str) -> Value {
    passages
        .iter()
        .find(|p| {
            p["report_id"] == "kazakhstan/2020" && p["text"].as_str().unwrap().contains(needle)
        })
        .unwrap_or_else(|| panic!("no Kazakhstan 2020 passage contains {needle:?}"))
        .clone()
}

#[test]
fn passages_whose_headings_were_lost_land_in_the_right_section() {
    let Some((_tmp, _, index, _)) = indexed() else {
        return;
    };
    let passages = export(&index, &["--country", "kazakhstan", "--year", "2020"]);
    let seeds = [
        (
            "There were no reports of disappearances by or on behalf",
            "1.b",
            "integrity/disappearance",
        ),
        (
            "The law prohibits arbitrary arrest and detention, but such incidents",
            "1.d",
            "integrity/arbitrary-arrest",
        ),
        (
            "taken to a police office for interrogation",
            "1.d",
            "integrity/arbitrary-arrest",
        ),
        (
            "The law does not provide for an independent judiciary",
            "1.e",
            "integrity/fair-trial",
        ),
        (
            "Jury trials are held by a panel of 10 jurors",
            "1.e",
            "integrity/fair-trial",
        ),
        (
            "Individuals and organizations may seek civil remedies",
            "1.e",
            "integrity/fair-trial",
        ),
        (
            "The constitution and law prohibit violations of privacy",
            "1.f",
            "integrity/privacy",
        ),
    ];
    for (needle, code, topic) in seeds {
        let p = kazakhstan_2020(&passages, needle);
        assert_eq!(
            (
                p["section_code"].as_str().unwrap(),
                p["section_topic"].as_str().unwrap()
            ),
            (code, topic),
            "{needle}"
        );
    }
    let pretrial = kazakhstan_2020(&passages, "Pretrial Detention: The law allows police");
    assert_eq!(
        pretrial["section_path"][1],
        "d. Arbitrary Arrest or Detention"
    );
    assert_eq!(pretrial["section_path"][2], "Pretrial Detention");
    assert!(!passages.iter().any(|p| {
        p["text"]
            .as_str()
            .unwrap()
            .contains("Edit Your Custom Report")
    }));
    assert!(!passages.iter().any(|p| {
        p["text"]
            .as_str()
            .unwrap()
            .contains("Official websites use .gov")
    }));
}

#[test]
fn worker_rights_of_2001_2011_and_2024_share_one_topic() {
    let Some((_tmp, _, index, _)) = indexed() else {
        return;
    };
    let passages = export(&index, &["--section", "worker-rights"]);
    let codes: BTreeSet<(u64, String)> = passages
        .iter()
        .filter(|p| p["country"] == "Algeria" || p["report_id"] == "kazakhstan/2024")
        .map(|p| {
            (
                p["year"].as_u64().unwrap(),
                p["section_code"].as_str().unwrap()[..2].to_string(),
            )
        })
        .collect();
    assert!(codes.contains(&(2001, "6.".into())), "{codes:?}");
    assert!(codes.contains(&(2011, "7.".into())), "{codes:?}");
    assert!(codes.contains(&(2024, "2.".into())), "{codes:?}");
    assert!(passages.iter().all(|p| {
        p["section_topic"]
            .as_str()
            .unwrap()
            .starts_with("worker-rights")
    }));
    // The first passage of 2024's Worker Rights (index order is not the
    // report's order: several threads write the index).
    let union = passages
        .iter()
        .filter(|p| p["report_id"] == "kazakhstan/2024")
        .min_by_key(|p| p["byte_range"][0].as_u64())
        .expect("2024 Worker Rights");
    // Its run-in sub-heading files it as 2011's 7.a is filed.
    assert_eq!(union["section_topic"], "worker-rights/association");
    assert_eq!(union["section_code"], "2.b");
}

#[test]
fn subsections_flattened_by_the_2023_pdf_conversion_are_recovered() {
    let Some((_tmp, _, index, _)) = indexed() else {
        return;
    };
    let passages = export(
        &index,
        &[
            "--country",
            "kazakhstan",
            "--year",
            "2023",
            "--section",
            "discrimination",
        ],
    );
    let topics: BTreeSet<&str> = passages
        .iter()
        .map(|p| p["section_topic"].as_str().unwrap())
        .collect();
    for topic in [
        "discrimination/women",
        "discrimination/children",
        "discrimination/disabilities",
    ] {
        assert!(topics.contains(topic), "{topic} in {topics:?}");
    }
    let women = passages
        .iter()
        .find(|p| {
            p["text"]
                .as_str()
                .unwrap()
                .contains("criminalized sexual abuse and rape")
        })
        .unwrap();
    assert_eq!(women["section_topic"], "discrimination/women");
}

#[test]
fn pretrial_detention_finds_kazakhstan_2020_arrest_passage_on_page_one() {
    let Some((_tmp, _, index, _)) = indexed() else {
        return;
    };
    let v = search(&index, &["pretrial detention"]);
    let hits = v["hits"].as_array().unwrap();
    assert!(hits.len() <= 10);
    assert!(
        hits.iter().any(|h| h["report_id"] == "kazakhstan/2020"
            && h["section_topic"] == "integrity/arbitrary-arrest"),
        "{v:#}"
    );
}

#[test]
fn pretrial_finds_the_hyphenated_spelling_of_2006_algeria() {
    let Some((_tmp, _, index, _)) = indexed() else {
        return;
    };
    let v = search(
        &index,
        &[
            "pretrial",
            "--country",
            "algeria",
            "--year",
            "2006",
            "--limit",
            "100",
        ],
    );
    let hit = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| {
            h["text"]
                .as_str()
                .unwrap()
                .contains("pre-trial detention centers")
        })
        .expect("the 2006 Algeria passage on pre-trial detention centers");
    let highlighted = highlighted(hit);
    assert!(
        highlighted.iter().any(|w| w == "pre-trial"),
        "{highlighted:?}"
    );
}

#[test]
fn facet_counts_add_up_to_the_total() {
    let Some((_tmp, _, index, _)) = indexed() else {
        return;
    };
    for query in ["government", "torture", "\"freedom of association\""] {
        let v = search(&index, &[query, "--facets"]);
        let total = v["total"].as_u64().unwrap();
        assert!(total > 0, "{query}");
        for facet in ["section", "year", "country"] {
            let sum: u64 = v["facets"][facet]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["count"].as_u64().unwrap())
                .sum();
            assert_eq!(sum, total, "{query} {facet}");
        }
    }
    let v = search(&index, &["government", "--facets", "--year", "2024"]);
    let years: Vec<u64> = v["facets"]["year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["value"].as_u64().unwrap())
        .collect();
    assert_eq!(years, [2024]);
    let countries_2024: BTreeSet<String> = export(&index, &["--year", "2024"])
        .iter()
        .map(|p| p["country"].as_str().unwrap().to_string())
        .collect();
    assert!(countries_2024.len() >= 5, "{countries_2024:?}");
    let faceted: BTreeSet<String> = v["facets"]["country"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["label"].as_str().unwrap().to_string())
        .collect();
    assert!(faceted.is_subset(&countries_2024), "{faceted:?}");
}

#[test]
fn filters_by_section_code_topic_word_and_year_range() {
    let Some((_tmp, _, index, _)) = indexed() else {
        return;
    };
    let by_code = search(
        &index,
        &["detention", "--section", "1.d", "--limit", "1000"],
    );
    assert!(
        by_code["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["section_code"] == "1.d")
    );
    let by_word = search(
        &index,
        &[
            "detention",
            "--section",
            "arrest",
            "--year",
            "2001..2011",
            "--limit",
            "1000",
        ],
    );
    let hits = by_word["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| {
        h["section_topic"] == "integrity/arbitrary-arrest"
            && (2001..=2011).contains(&h["year"].as_u64().unwrap())
    }));
    assert!(hits.iter().any(|h| h["country"] == "Algeria"));
    let sorted = search(&index, &["torture", "--sort", "year", "--limit", "50"]);
    let years: Vec<u64> = sorted["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["year"].as_u64().unwrap())
        .collect();
    assert!(years.windows(2).all(|w| w[0] >= w[1]), "{years:?}");
}

#[test]
fn custom_report_prints_chosen_sections_in_report_order() {
    let Some((_tmp, _, index, _)) = indexed() else {
        return;
    };
    let out = run(&[
        "report",
        "--index",
        &index,
        "--country",
        "Kazakhstan",
        "--year",
        "2020",
        "--year",
        "2023",
        "--section",
        "arrest",
        "--section",
        "privacy",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&stdout(&out));
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(
        reports
            .iter()
            .map(|r| r["year"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [2020, 2023]
    );
    for report in reports {
        let topics: Vec<&str> = report["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["section_topic"].as_str().unwrap())
            .collect();
        let first_privacy = topics
            .iter()
            .position(|t| *t == "integrity/privacy")
            .expect("privacy section");
        assert!(
            topics[..first_privacy]
                .iter()
                .all(|t| *t == "integrity/arbitrary-arrest"),
            "{topics:?}"
        );
    }
    let text = stdout(&run(&[
        "report",
        "--index",
        &index,
        "--country",
        "kazakhstan",
        "--year",
        "2020",
        "--section",
        "1.d",
    ]));
    assert!(text.contains("Pretrial Detention: The law allows police"));
    assert!(!text.contains("There were no reports of disappearances"));
}

#[test]
fn adding_a_year_indexes_only_the_added_files() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let local = tmp.path().join("corpus");
    let index_dir = tmp.path().join("index");
    let state_dept = corpus.join("state-dept");
    let files_in = |dir: &Path| {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter(|e| e.as_ref().unwrap().file_type().is_file())
            .count() as u64
    };
    let new_year = files_in(&state_dept.join("2024"));
    let earlier = files_in(&state_dept) - new_year;
    copy_tree(&state_dept, &local.join("state-dept"), &|rel| {
        !rel.starts_with("2024")
    });
    let first = index(&local, &index_dir);
    assert_eq!(first["added"].as_u64(), Some(earlier));
    copy_tree(
        &state_dept.join("2024"),
        &local.join("state-dept/2024"),
        &|_| true,
    );
    let second = index(&local, &index_dir);
    assert_eq!(
        (
            second["added"].as_u64(),
            second["updated"].as_u64(),
            second["removed"].as_u64()
        ),
        (Some(new_year), Some(0), Some(0))
    );
    assert_eq!(second["unchanged"].as_u64(), Some(earlier));
    let again = run(&[
        "index",
        "--corpus",
        local.to_str().unwrap(),
        "--index",
        index_dir.to_str().unwrap(),
    ]);
    assert!(
        stdout(&again).contains("nothing to do"),
        "{}",
        stdout(&again)
    );
    std::fs::rename(
        local.join("state-dept/2001/algeria.md"),
        local.join("state-dept/2001/Algeria.md"),
    )
    .unwrap();
    std::fs::remove_file(local.join("state-dept/2024/uzbekistan.md")).unwrap();
    let third = index(&local, &index_dir);
    assert_eq!(
        (third["added"].as_u64(), third["removed"].as_u64()),
        (Some(1), Some(2))
    );
    let passages = json_lines(&stdout(&run(&[
        "export",
        "--index",
        index_dir.to_str().unwrap(),
    ])));
    assert_eq!(passages.len() as u64, third["passages"].as_u64().unwrap());
    assert!(!passages.iter().any(|p| p["country"] == "Uzbekistan"));
    let algeria_2001 = passages
        .iter()
        .filter(|p| p["report_id"] == "algeria/2001")
        .map(|p| p["source"].as_str().unwrap())
        .collect::<BTreeSet<_>>();
    assert_eq!(
        algeria_2001.len(),
        1,
        "a renamed file is indexed once: {algeria_2001:?}"
    );
}

#[test]
fn html_pages_are_read_without_site_chrome() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let tmp = tempfile::tempdir().unwrap();
    let index_dir = tmp.path().join("index");
    let summary = index(&fixtures, &index_dir);
    assert_eq!(summary["added"], 1);
    let passages = json_lines(&stdout(&run(&[
        "export",
        "--index",
        index_dir.to_str().unwrap(),
    ])));
    assert!(
        passages
            .iter()
            .all(|p| p["country"] == "Chad" && p["year"] == 2021)
    );
    let pretrial = passages
        .iter()
        .find(|p| p["text"].as_str().unwrap().contains("detention remained"))
        .unwrap();
    assert_eq!(pretrial["section_code"], "1.d");
    assert_eq!(pretrial["section_path"][2], "Pretrial Detention");
    let unions = passages
        .iter()
        .find(|p| p["text"].as_str().unwrap().contains("unions"))
        .unwrap();
    assert_eq!(unions["section_topic"], "worker-rights/association");
    let all: String = passages
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(
        !all.contains("official website")
            && !all.contains("Custom Report")
            && !all.contains("not text")
    );
    let v = json(&stdout(&run(&[
        "search",
        "pretrial",
        "--index",
        index_dir.to_str().unwrap(),
        "--json",
    ])));
    assert_eq!(v["total"], 1);
}

#[test]
fn a_phrase_is_highlighted_as_a_phrase_not_word_by_word() {
    let Some((_tmp, _, index, _)) = indexed() else {
        return;
    };
    let v = search(&index, &["\"freedom of expression\"", "--limit", "50"]);
    let hits = v["hits"].as_array().unwrap();
    assert!(hits.len() >= 10, "{v}");
    for hit in hits {
        let marked = highlighted(hit);
        assert!(!marked.is_empty(), "{hit}");
        // Never a lone "of" (the passages are full of them).
        assert!(
            marked
                .iter()
                .all(|m| m.to_lowercase() == "freedom of expression"),
            "{marked:?}"
        );
    }
}

#[test]
fn arbitrary_arrest_is_found_in_the_2024_outline_under_its_own_topic() {
    let Some((_tmp, _, index, _)) = indexed() else {
        return;
    };
    // The 2024 edition has no arbitrary-arrest subsection: its text sits in
    // 2.c "Disappearance and Abduction" after a flattened sub-heading,
    // whether the report is Markdown, a PDF or an archive's 2024 edition.
    let passages: Vec<Value> = export(&index, &["--section", "arrest", "--year", "2024"]);
    for source in [
        "state-dept-pdf/2024/",
        "state-dept-archive/",
        "state-dept/2024/",
    ] {
        assert!(
            passages
                .iter()
                .any(|p| p["source"].as_str().unwrap().contains(source)),
            "{source}"
        );
    }
    let countries: BTreeSet<&str> = passages
        .iter()
        .map(|p| p["country"].as_str().unwrap())
        .collect();
    assert!(countries.len() >= 4, "{countries:?}");
    for p in &passages {
        assert_eq!(p["section_topic"], "integrity/arbitrary-arrest", "{p}");
        assert_eq!(p["section_code"], "2.c", "{p}");
    }
    assert!(passages.iter().any(|p| {
        p["text"]
            .as_str()
            .unwrap()
            .contains("The law prohibited arbitrary arrest and detention")
    }));
}
