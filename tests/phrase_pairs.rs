//! `hrsearch index --phrase-pairs`: an index that also holds the text's
//! word pairs answers every query exactly as one without them (the same
//! passages, scores, highlights and facets); the choice is kept by later
//! updates and rebuilds, and changing it without --rebuild is refused with
//! the command that does it, leaving the index as it was.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn index_with(corpus: &Path, dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "index",
        "--corpus",
        corpus.to_str().unwrap(),
        "--index",
        dir.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn search(dir: &Path, query: &str) -> Value {
    let out = run(&[
        "search",
        "--index",
        dir.to_str().unwrap(),
        query,
        "--json",
        "--facets",
        "--no-fold",
        "--limit",
        "500",
    ]);
    // 1: nothing found, as grep says it.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{query}: {}",
        stderr(&out)
    );
    json(&stdout(&out))
}

/// What a search answers, leaving out the order of hits with equal scores
/// (two builds may number passages differently): total, facets, and each
/// hit's passage, score, highlights and snippet.
fn answer(result: &Value) -> (Value, Value, BTreeSet<String>) {
    let hits = result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            format!(
                "{} {} {} {:.4} {} {}",
                h["report_id"],
                h["section_path"],
                h["byte_range"],
                h["score"].as_f64().unwrap(),
                h["highlights"],
                h["snippet"]
            )
        })
        .collect();
    (result["total"].clone(), result["facets"].clone(), hits)
}

#[test]
fn an_index_with_phrase_pairs_answers_as_one_without() {
    let Some(shared) = shared_corpus() else {
        return;
    };
    let corpus = shared.join("state-dept");
    let tmp = tempfile::tempdir().unwrap();
    let (plain, pairs) = (tmp.path().join("plain"), tmp.path().join("pairs"));
    assert!(index_with(&corpus, &plain, &[]).status.success());
    let out = index_with(&corpus, &pairs, &["--phrase-pairs"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let queries = [
        "\"pretrial detention\"",
        "\"pre-trial detention\"",
        "\"detention pretrial\"",
        "\"forced labor\" prison",
        "\"freedom of expression\"",
        "\"child labor\" OR \"forced labor\"",
        "torture -\"security forces\"",
        "\"pretrial detention\"~3",
        "\"women's rights\"",
        "\"u.s. government\"",
    ];
    let mut found = 0;
    for query in queries {
        let (without, with) = (search(&plain, query), search(&pairs, query));
        assert_eq!(answer(&without), answer(&with), "{query}");
        found += with["total"].as_u64().unwrap();
    }
    // The comparison is of answers, not of empty lists.
    assert!(found > 100, "only {found} passages found");
    let first = &search(&pairs, "\"pretrial detention\"")["hits"][0];
    let marked = &first["highlights"][0];
    let text: Vec<char> = first["text"].as_str().unwrap().chars().collect();
    let (start, end) = (marked[0].as_u64().unwrap(), marked[1].as_u64().unwrap());
    let phrase: String = text[start as usize..end as usize].iter().collect();
    assert!(
        phrase.to_lowercase().contains("detention"),
        "the phrase is marked as one: {phrase:?}"
    );
}

#[test]
fn phrase_pairs_are_kept_and_changing_them_takes_a_rebuild() {
    let corpus = default_corpus();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let out = index_with(&corpus, &dir, &["--phrase-pairs"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = search(&dir, "\"pretrial detention\"");
    assert!(before["total"].as_u64().unwrap() > 0);

    // An update without the option keeps the pairs; asking for none is
    // refused with the command that does it, and nothing changes.
    assert!(index_with(&corpus, &dir, &[]).status.success());
    let refused = index_with(&corpus, &dir, &["--no-phrase-pairs"]);
    assert_eq!(refused.status.code(), Some(2));
    let message = stderr(&refused);
    assert!(
        message.contains("built with phrase pairs")
            && message.contains("--rebuild --no-phrase-pairs"),
        "{message}"
    );
    assert_eq!(
        answer(&search(&dir, "\"pretrial detention\"")),
        answer(&before)
    );

    // A rebuild keeps them too, unless told otherwise.
    assert!(index_with(&corpus, &dir, &["--rebuild"]).status.success());
    assert!(
        index_with(&corpus, &dir, &["--phrase-pairs"])
            .status
            .success()
    );
    let out = index_with(&corpus, &dir, &["--rebuild", "--no-phrase-pairs"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let refused = index_with(&corpus, &dir, &["--phrase-pairs"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("built without phrase pairs"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        answer(&search(&dir, "\"pretrial detention\"")),
        answer(&before)
    );
}
