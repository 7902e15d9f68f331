//! Bad input never loses data or panics: odd files in the corpus, damaged
//! indexes, a killed indexer, two writers at once, files removed between runs.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn kazakhstan() -> Vec<u8> {
    std::fs::read(default_corpus().join("state-dept/2020/kazakhstan.txt")).unwrap()
}

fn path_arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn export_all(index: &Path) -> Vec<serde_json::Value> {
    json_lines(&stdout(&run(&["export", "--index", path_arg(index)])))
}

/// Megabytes of the large report: just under the size limit
/// (`corpus::read::MAX_FILE_BYTES`, 16 MB; larger files are skipped unread,
/// as tests/reliability.rs checks) in release builds, less in debug builds
/// (10x slower), or as HRSEARCH_BIG_MB says, capped below the limit.
fn big_report_mb() -> usize {
    let below_limit = (hrsearch::corpus::read::MAX_FILE_BYTES >> 20) as usize - 1;
    std::env::var("HRSEARCH_BIG_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) {
            8
        } else {
            below_limit
        })
        .min(below_limit)
}

#[test]
fn odd_files_are_named_and_skipped_and_the_rest_is_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let year = corpus.join("2020");
    std::fs::create_dir_all(&year).unwrap();
    let report = kazakhstan();
    std::fs::write(year.join("kazakhstan.txt"), &report).unwrap();
    std::fs::write(year.join("empty.txt"), b"").unwrap();
    std::fs::write(year.join("blank.md"), b"\n\n   \n").unwrap();
    std::fs::write(
        year.join("binary.md"),
        [0u8, 159, 146, 150, 0, 1, 2, 3].repeat(100),
    )
    .unwrap();
    std::fs::write(
        year.join("latin1.txt"),
        b"Chad 2020 Human Rights Report\n\nCaf\xe9 and cr\xe8me.",
    )
    .unwrap();
    std::fs::write(
        year.join("scan.txt"),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>>",
    )
    .unwrap();
    std::fs::write(year.join("photo.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(year.join("notes.pdf"), b"%PDF-1.4").unwrap();
    // A large report (the real report's body, repeated; its page footer
    // would end the report) and a 10 MB single line.
    let text = String::from_utf8(report.clone()).unwrap();
    let body = &text
        [text.find("Executive Summary").unwrap()..text.find("Human Rights Reports\n").unwrap()];
    let big = big_report_mb() << 20;
    let mut large = String::with_capacity(big + body.len());
    while large.len() < big {
        large.push_str(body);
    }
    let copies = large.len() / body.len();
    std::fs::write(year.join("mali.txt"), &large).unwrap();
    drop(large);
    let line = "the police detained protesters without charge for weeks ".repeat(10 << 20 >> 6);
    std::fs::write(
        year.join("niger.txt"),
        format!("Niger 2020 Human Rights Report\n\n{line}"),
    )
    .unwrap();
    // A file name that is not UTF-8, holding a report with a title.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"r\xe9port.md");
        std::fs::write(
            year.join(name),
            "## Chad — 2020 Human Rights Report\n\n### Executive Summary\n\nChad held elections.\n",
        )
        .unwrap();
    }
    // A file without read permission: skipped by name, unless this runs as
    // root (who reads it anyway, and then it is indexed).
    #[cfg(unix)]
    let locked_readable = {
        use std::os::unix::fs::PermissionsExt;
        let locked = year.join("chad.txt");
        std::fs::write(&locked, &report).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        std::fs::read(&locked).is_ok()
    };
    // A symbolic link loop.
    #[cfg(unix)]
    std::os::unix::fs::symlink(&corpus, year.join("loop")).unwrap();

    let index_dir = tmp.path().join("index");
    let started = Instant::now();
    let out = run_index(&corpus, &index_dir);
    let elapsed = started.elapsed();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    for (name, reason) in [
        ("empty.txt", "empty file"),
        ("blank.md", "empty file"),
        ("binary.md", "binary file"),
        ("latin1.txt", "not valid UTF-8"),
        ("scan.txt", "damaged"),
        ("photo.md", "PNG image"),
        ("notes.pdf", "damaged"),
        ("loop", "symbolic link loop"),
    ] {
        assert!(
            err.lines().any(|l| l.starts_with("warning: skipped")
                && l.contains(name)
                && l.contains(reason)),
            "no warning naming {name} ({reason}):\n{err}"
        );
    }
    assert!(err.contains("files skipped"), "{err}");
    let summary = json(&stdout(&out));
    let locked = usize::from(!locked_readable);
    if !locked_readable {
        assert!(
            err.lines()
                .any(|l| l.contains("chad.txt") && l.contains("ermission denied")),
            "{err}"
        );
    }
    assert_eq!(summary["skipped"], 8 + locked, "{summary}");
    assert_eq!(summary["added"], 5 - locked, "{summary}");
    let passages = export_all(&index_dir);
    let countries: std::collections::BTreeSet<&str> = passages
        .iter()
        .map(|p| p["country"].as_str().unwrap())
        .collect();
    assert_eq!(
        countries.into_iter().collect::<Vec<_>>(),
        ["Chad", "Kazakhstan", "Mali", "Niger"]
    );
    let mali = passages.iter().filter(|p| p["country"] == "Mali").count();
    assert!(
        mali >= copies * 50,
        "the whole large report is indexed: {mali} passages for {copies} copies"
    );
    let niger: Vec<_> = passages
        .iter()
        .filter(|p| p["country"] == "Niger")
        .collect();
    assert!(
        niger.len() > 100
            && niger
                .iter()
                .all(|p| p["text"].as_str().unwrap().split_whitespace().count() <= 250)
    );
    eprintln!(
        "odd files: indexed {} MB of large report in {:?}",
        big_report_mb(),
        elapsed
    );
}

#[test]
fn a_damaged_index_is_named_with_its_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let pristine = tmp.path().join("pristine");
    index(&default_corpus(), &pristine);
    let damage = |name: &str, how: &dyn Fn(&Path)| {
        let dir = tmp.path().join(name);
        copy_tree(&pristine, &dir, &|_| true);
        how(&dir);
        let out = run(&[
            "search",
            "detention",
            "--index",
            path_arg(&dir),
            "--corpus",
            path_arg(&default_corpus()),
        ]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
        assert!(err.contains("hrsearch index --rebuild"), "{name}: {err}");
        // and indexing repairs it
        let fixed = run(&[
            "index",
            "--index",
            path_arg(&dir),
            "--corpus",
            path_arg(&default_corpus()),
        ]);
        assert!(fixed.status.success(), "{name}: {}", stderr(&fixed));
        let again = run(&["search", "detention", "--index", path_arg(&dir)]);
        assert_eq!(again.status.code(), Some(0), "{name}: {}", stderr(&again));
        err
    };
    let largest = |dir: &Path, ext: &str| -> PathBuf {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .max_by_key(|p| std::fs::metadata(p).unwrap().len())
            .unwrap()
    };
    damage("truncated", &|dir| {
        let file = largest(dir, "idx");
        let len = std::fs::metadata(&file).unwrap().len();
        std::fs::OpenOptions::new()
            .write(true)
            .open(&file)
            .unwrap()
            .set_len(len / 2)
            .unwrap();
    });
    damage("overwritten", &|dir| {
        let file = largest(dir, "term");
        let len = std::fs::metadata(&file).unwrap().len() as usize;
        std::fs::write(&file, vec![0x5a; len]).unwrap();
    });
    let missing = damage("meta-missing", &|dir| {
        std::fs::remove_file(dir.join("meta.json")).unwrap()
    });
    assert!(missing.contains("meta.json is missing"), "{missing}");
    damage("meta-garbage", &|dir| {
        std::fs::write(dir.join("meta.json"), b"{ not json").unwrap()
    });
}

/// Marks the index in `dir` as written by an earlier hrsearch.
fn make_outdated(dir: &Path) {
    let meta = std::fs::read_to_string(dir.join("meta.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&meta).unwrap();
    let payload = v["payload"].as_str().unwrap().replace(
        &format!("\"schema_version\":{}", hrsearch::index::SCHEMA_VERSION),
        "\"schema_version\":0",
    );
    v["payload"] = payload.into();
    std::fs::write(dir.join("meta.json"), v.to_string()).unwrap();
}

#[test]
fn an_index_from_another_version_is_rebuilt_only_from_its_own_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = default_corpus();
    let index_dir = tmp.path().join("index");
    index(&corpus, &index_dir);
    let search = |corpus: &Path| {
        run(&[
            "search",
            "detention",
            "--index",
            path_arg(&index_dir),
            "--corpus",
            path_arg(corpus),
        ])
    };
    // Searched with another corpus: named with its fix, left as it is.
    make_outdated(&index_dir);
    let other = tmp.path().join("other");
    std::fs::create_dir_all(other.join("2021")).unwrap();
    let out = search(&other);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("another version of hrsearch"), "{err}");
    assert!(err.contains("hrsearch index --rebuild --corpus"), "{err}");
    // Searched with the corpus it holds: rebuilt, then answered.
    let out = search(&corpus);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("rebuilding it from"), "{err}");
    assert!(stdout(&out).contains("Kazakhstan 2020"), "{}", stdout(&out));
}

/// A corpus of two copies of the default report (Kazakhstan and "Chad"),
/// indexed: (temp dir, corpus, index, first summary).
fn two_report_corpus() -> (tempfile::TempDir, PathBuf, PathBuf, serde_json::Value) {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(corpus.join("2020")).unwrap();
    std::fs::write(corpus.join("2020/kazakhstan.txt"), kazakhstan()).unwrap();
    std::fs::write(corpus.join("2020/chad.txt"), kazakhstan()).unwrap();
    let index_dir = tmp.path().join("index");
    let first = index(&corpus, &index_dir);
    (tmp, corpus, index_dir, first)
}

#[test]
fn removed_and_renamed_files_leave_the_index() {
    let (_tmp, corpus, index_dir, first) = two_report_corpus();
    let per_report = first["passages"].as_u64().unwrap() / 2;
    std::fs::rename(
        corpus.join("2020/kazakhstan.txt"),
        corpus.join("2020/2020_Kazakhstan.txt"),
    )
    .unwrap();
    std::fs::remove_file(corpus.join("2020/chad.txt")).unwrap();
    let second = index(&corpus, &index_dir);
    assert_eq!(
        (second["added"].as_u64(), second["removed"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(second["passages"].as_u64(), Some(per_report));
    let passages = export_all(&index_dir);
    assert_eq!(passages.len() as u64, per_report);
    assert!(passages.iter().all(|p| {
        p["country"] == "Kazakhstan"
            && p["source"]
                .as_str()
                .unwrap()
                .ends_with("2020_Kazakhstan.txt")
    }));
}

/// A generated corpus big enough that indexing takes a while.
fn generated_corpus(dir: &Path, countries: u32, years: u32) -> Option<PathBuf> {
    let tool = scale_generator()?;
    let out = dir.join("corpus");
    let status = Command::new("python3")
        .arg(tool)
        .args([
            path_arg(&out),
            "--countries",
            &countries.to_string(),
            "--years",
            &years.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("python3 runs");
    assert!(status.success());
    Some(out)
}

fn spawn_index(corpus: &Path, index_dir: &Path) -> Child {
    bin()
        .args([
            "index",
            "--corpus",
            path_arg(corpus),
            "--index",
            path_arg(index_dir),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Every hit of a few queries, as (report, byte range): what "the same
/// results" means.
fn answers(index_dir: &Path) -> Vec<(u64, Vec<String>)> {
    [
        "torture",
        "\"pretrial detention\"",
        "government -police",
        "freedom OR association",
    ]
    .iter()
    .map(|q| {
        let v = json(&stdout(&run(&[
            "search",
            q,
            "--index",
            path_arg(index_dir),
            "--json",
            "--limit",
            "10000",
            // Folding picks one of equally ranked near-copies by index
            // order, which differs between two builds of one corpus.
            "--no-fold",
        ])));
        let mut hits: Vec<String> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| format!("{} {}", h["report_id"], h["byte_range"]))
            .collect();
        hits.sort();
        (v["total"].as_u64().unwrap(), hits)
    })
    .collect()
}

#[test]
fn a_killed_indexer_leaves_a_usable_index_and_a_rerun_completes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(corpus) = generated_corpus(tmp.path(), 30, 3) else {
        return;
    };
    let clean = tmp.path().join("clean");
    let started = Instant::now();
    let expected_summary = index(&corpus, &clean);
    let full = started.elapsed();
    let expected = answers(&clean);
    let killed = tmp.path().join("killed");
    // Kill moments spread over the run, varied from run to run.
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64
        | 1;
    let mut moments = Vec::new();
    for _ in 0..5 {
        // xorshift64: a different spread of kill moments on every run
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let fraction = seed % 1000;
        let at = full.mul_f64(fraction as f64 / 1000.0);
        moments.push(at);
        let mut child = spawn_index(&corpus, &killed);
        std::thread::sleep(at);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // search works on whatever was committed last (exit 0 or 1, never 2)
        let out = run(&[
            "search",
            "torture",
            "--index",
            path_arg(&killed),
            "--corpus",
            path_arg(&corpus),
        ]);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "after a kill at {at:?}: {}",
            stderr(&out)
        );
    }
    let summary = index(&corpus, &killed);
    assert_eq!(
        summary["passages"], expected_summary["passages"],
        "{summary}"
    );
    assert_eq!(export_all(&killed).len(), export_all(&clean).len());
    assert_eq!(answers(&killed), expected);
    eprintln!("killed indexer at {moments:?} of a {full:?} run; final index identical");
}

#[test]
fn a_second_writer_is_refused_promptly_and_search_keeps_working() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(corpus) = generated_corpus(tmp.path(), 60, 3) else {
        return;
    };
    let index_dir = tmp.path().join("index");
    let mut first = spawn_index(&corpus, &index_dir);
    let lock = index_dir.join(".tantivy-writer.lock");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !lock.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(100));
    let started = Instant::now();
    let second = run(&[
        "index",
        "--corpus",
        path_arg(&corpus),
        "--index",
        path_arg(&index_dir),
    ]);
    let waited = started.elapsed();
    let first_still_running = first.try_wait().unwrap().is_none();
    // Before the first commit, a search waits for the writer and answers
    // from what it committed; after it, the search reads the last commit.
    let during = run(&["search", "torture", "--index", path_arg(&index_dir)]);
    let first_status = first.wait().unwrap();
    assert!(first_status.success());
    if !first_still_running {
        eprintln!("inconclusive: the first indexer finished before the second started");
        return;
    }
    assert_eq!(second.status.code(), Some(2), "{}", stderr(&second));
    // A first build is "being built", a later update "being updated".
    assert!(
        stderr(&second).contains("is being updated by another process")
            || stderr(&second).contains("another process is building the index"),
        "{}",
        stderr(&second)
    );
    assert!(waited < Duration::from_secs(5), "refused after {waited:?}");
    assert!(
        matches!(during.status.code(), Some(0 | 1)),
        "search during indexing: {}",
        stderr(&during)
    );
    let after = run(&["search", "torture", "--index", path_arg(&index_dir)]);
    assert_eq!(after.status.code(), Some(0), "{}", stderr(&after));
}

#[test]
fn a_report_that_turns_unreadable_or_invalid_leaves_the_index() {
    let (tmp, corpus, index_dir, first) = two_report_corpus();
    // chad.txt becomes a PDF: its old passages must not linger.
    std::fs::write(corpus.join("2020/chad.txt"), b"%PDF-1.7 binary").unwrap();
    let second = index(&corpus, &index_dir);
    assert_eq!(second["skipped"], 1);
    assert_eq!(
        second["passages"].as_u64().unwrap() * 2,
        first["passages"].as_u64().unwrap()
    );
    let passages = export_all(&index_dir);
    assert!(passages.iter().all(|p| p["country"] == "Kazakhstan"));
    // and a third run, still skipping it, changes nothing
    let third = run(&[
        "index",
        "--corpus",
        path_arg(&corpus),
        "--index",
        path_arg(&index_dir),
    ]);
    assert!(
        stdout(&third).contains("nothing to do"),
        "{}",
        stdout(&third)
    );
    // kazakhstan.txt becomes a dangling link: it cannot be read at all
    #[cfg(unix)]
    {
        std::fs::remove_file(corpus.join("2020/kazakhstan.txt")).unwrap();
        std::os::unix::fs::symlink(
            tmp.path().join("nowhere.txt"),
            corpus.join("2020/kazakhstan.txt"),
        )
        .unwrap();
        let out = run_index(&corpus, &index_dir);
        assert!(stderr(&out).contains("kazakhstan.txt"), "{}", stderr(&out));
        assert_eq!(json(&stdout(&out))["passages"], 0);
        assert!(
            export_all(&index_dir).is_empty(),
            "no passage of an unreadable file lingers"
        );
    }
}

#[test]
fn output_cut_short_by_a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let corpus = tmp.path().join("corpus");
    for year in ["2017", "2018", "2019", "2020"] {
        std::fs::create_dir_all(corpus.join(year)).unwrap();
        std::fs::write(corpus.join(year).join("kazakhstan.txt"), kazakhstan()).unwrap();
    }
    run_index(&corpus, &index);
    // The export (about 250 KB) is larger than a pipe's buffer (64 KB), so
    // the writer meets the closed pipe, as under `| head`.
    let mut child = bin()
        .args(["export", "--index", path_arg(&index)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "a closed pipe printed an error");
}
