//! The index folder is never a place where the user's files are lost or
//! the index is left in a wrong state: hrsearch writes only into folders it
//! can prove are its own, never silently drops a corpus, sees every edit,
//! recovers from a full disk and from leftovers, reads a read-only index,
//! and copes with runs started at the same time.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn kazakhstan() -> Vec<u8> {
    std::fs::read(default_corpus().join("state-dept/2020/kazakhstan.txt")).unwrap()
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs hrsearch from `cwd`.
fn run_in(cwd: &Path, args: &[&str]) -> Output {
    bin().current_dir(cwd).args(args).output().unwrap()
}

/// Every file in a folder (not below), with its bytes.
fn listing(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// A corpus of the default report filed under `years` x `countries`.
fn corpus_of(dir: &Path, years: &[&str], countries: &[&str]) -> PathBuf {
    let report = kazakhstan();
    for year in years {
        std::fs::create_dir_all(dir.join(year)).unwrap();
        for country in countries {
            std::fs::write(dir.join(year).join(format!("{country}.txt")), &report).unwrap();
        }
    }
    dir.to_path_buf()
}

fn export_all(index: &Path) -> Vec<serde_json::Value> {
    json_lines(&stdout(&run(&["export", "--index", arg(index)])))
}

#[test]
fn a_folder_hrsearch_did_not_write_is_refused_and_nothing_in_it_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let u = tmp.path().join("u");
    std::fs::create_dir(&u).unwrap();
    std::fs::write(u.join("movie.idx"), "x\n").unwrap();
    std::fs::write(u.join("2023.store"), "y\n").unwrap();
    let before = listing(&u);
    let out = run_index(&default_corpus(), &u);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(arg(&u)) && err.contains("not an hrsearch index"),
        "{err}"
    );
    assert!(err.contains("new or empty folder"), "{err}");
    assert_eq!(listing(&u), before, "nothing written or deleted");
    assert_eq!(std::fs::read_dir(&u).unwrap().count(), 2);

    // A search, report or export that would build an index there first
    // writes nothing into a folder of reports either.
    let reports = corpus_of(&tmp.path().join("reports"), &["2020"], &["kazakhstan"]);
    let shelf = reports.join("2020");
    let before = listing(&shelf);
    for args in [
        vec!["search", "torture"],
        vec!["report", "--country", "kazakhstan"],
        vec!["export"],
    ] {
        let mut args = args;
        args.extend(["--index", arg(&shelf), "--corpus", arg(&reports)]);
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("not an hrsearch index"),
            "{}",
            stderr(&out)
        );
        assert_eq!(listing(&shelf), before, "{args:?} wrote into the folder");
    }
}

#[test]
fn an_index_from_an_earlier_hrsearch_is_adopted_and_its_users_files_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let index_dir = tmp.path().join("index");
    let first = index(&default_corpus(), &index_dir);
    // As an earlier hrsearch left it: no marker, no lock file of its own.
    std::fs::remove_file(index_dir.join("hrsearch-index.json")).unwrap();
    std::fs::remove_file(index_dir.join("hrsearch.lock")).unwrap();
    std::fs::write(index_dir.join("notes.idx"), "my notes").unwrap();
    let out = run(&["search", "detention", "--index", arg(&index_dir)]);
    assert_eq!(out.status.code(), Some(0), "searching it: {}", stderr(&out));
    let again = index(&default_corpus(), &index_dir);
    assert_eq!(
        (again["added"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(again["passages"], first["passages"]);
    assert!(index_dir.join("hrsearch-index.json").exists(), "adopted");

    // Damaged now: cleaning it removes hrsearch's files, not the user's.
    std::fs::write(index_dir.join("meta.json"), b"{ not json").unwrap();
    let repaired = index(&default_corpus(), &index_dir);
    assert_eq!(repaired["passages"], first["passages"]);
    assert_eq!(
        std::fs::read_to_string(index_dir.join("notes.idx")).unwrap(),
        "my notes"
    );
}

#[test]
fn an_index_of_another_corpus_is_refused_and_both_can_be_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let a = corpus_of(&tmp.path().join("a"), &["2020"], &["kazakhstan"]);
    let b = corpus_of(&tmp.path().join("b"), &["2021"], &["kyrgyz-republic"]);
    let index_dir = tmp.path().join("index");
    let of_a = index(&a, &index_dir);
    let before = listing(&index_dir);

    let out = run_index(&b, &index_dir);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--rebuild"), "{err}");
    let canonical_a = std::fs::canonicalize(&a).unwrap();
    assert!(
        err.contains(&format!(
            "--corpus {} --corpus {}",
            canonical_a.display(),
            b.display()
        )),
        "names both corpora: {err}"
    );
    assert_eq!(listing(&index_dir), before, "the index is left as it was");

    // Both named: B is added, A kept.
    let out = run(&[
        "index",
        "--corpus",
        arg(&a),
        "--corpus",
        arg(&b),
        "--index",
        arg(&index_dir),
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let both = json(&stdout(&out));
    assert_eq!(
        (both["added"].as_u64(), both["unchanged"].as_u64()),
        (Some(1), Some(1))
    );
    let countries: std::collections::BTreeSet<String> = export_all(&index_dir)
        .iter()
        .map(|p| p["report_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(countries.len(), 2, "{countries:?}");

    // Dropping A is refused again; --rebuild replaces.
    assert_eq!(run_index(&b, &index_dir).status.code(), Some(2));
    let out = run(&[
        "index",
        "--corpus",
        arg(&b),
        "--index",
        arg(&index_dir),
        "--rebuild",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&stdout(&out))["passages"], of_a["passages"]);
    assert!(
        export_all(&index_dir)
            .iter()
            .all(|p| p["report_id"].as_str().unwrap().ends_with("/2021"))
    );
}

#[test]
fn one_corpus_spelled_four_ways_is_one_corpus_and_sources_open_from_here() {
    let tmp = tempfile::tempdir().unwrap();
    let home = std::fs::canonicalize(tmp.path()).unwrap();
    corpus_of(&home.join("corpus"), &["2020"], &["kazakhstan"]);
    #[cfg(unix)]
    std::os::unix::fs::symlink(home.join("corpus"), home.join("link")).unwrap();
    let first = run_in(
        &home,
        &["index", "--corpus", "corpus", "--index", "idx", "--json"],
    );
    assert!(first.status.success(), "{}", stderr(&first));
    let absolute = home.join("corpus");
    let mut spellings = vec!["./corpus/", absolute.to_str().unwrap()];
    if cfg!(unix) {
        spellings.push("link");
    }
    for spelled in spellings {
        let out = run_in(&home, &["index", "--corpus", spelled, "--index", "idx"]);
        let said = stdout(&out);
        assert!(out.status.success(), "{spelled}: {}", stderr(&out));
        assert!(said.contains("nothing to do"), "{spelled}: {said}");
    }

    // Sources open from the directory the user is in.
    let hit_source = |cwd: &Path, index: &str| -> String {
        let out = run_in(
            cwd,
            &["search", "torture", "--index", index, "--json", "-n", "1"],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        json(&stdout(&out))["hits"][0]["source"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let here = hit_source(&home, "idx");
    assert_eq!(here, "corpus/2020/kazakhstan.txt");
    let elsewhere = home.join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let there = hit_source(&elsewhere, "../idx");
    assert_eq!(Path::new(&there), home.join("corpus/2020/kazakhstan.txt"));
    let human = run_in(
        &home.join("corpus"),
        &["search", "torture", "--index", "../idx"],
    );
    assert!(
        stdout(&human).contains("\n   2020/kazakhstan.txt (bytes "),
        "{}",
        stdout(&human)
    );
    let exported = json_lines(&stdout(&run_in(&home, &["export", "--index", "idx"])));
    assert!(
        exported
            .iter()
            .all(|p| home.join(p["source"].as_str().unwrap()).is_file())
    );
}

#[test]
fn an_edit_that_keeps_size_and_modification_time_is_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus_of(&tmp.path().join("corpus"), &["2020"], &["kazakhstan"]);
    let index_dir = tmp.path().join("index");
    index(&corpus, &index_dir);
    let file = corpus.join("2020/kazakhstan.txt");
    let stamp = std::fs::metadata(&file).unwrap().modified().unwrap();
    let text = String::from_utf8(kazakhstan()).unwrap();
    // Every "torture", "Torture", "tortured" becomes "txrtuxe"...
    std::fs::write(&file, text.replace("ortur", "xrtux")).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(stamp)
        .unwrap();
    assert_eq!(std::fs::metadata(&file).unwrap().len() as usize, text.len());
    let summary = index(&corpus, &index_dir);
    assert_eq!(summary["updated"], 1, "{summary}");
    let found = run(&["search", "txrtuxe", "--index", arg(&index_dir)]);
    assert_eq!(found.status.code(), Some(0), "the new word is found");
    let gone = run(&["search", "torture", "--index", arg(&index_dir)]);
    assert_eq!(gone.status.code(), Some(1), "the old word is gone");
}

#[test]
fn leftovers_of_a_killed_run_are_removed_on_the_next_and_only_they() {
    let tmp = tempfile::tempdir().unwrap();
    let index_dir = tmp.path().join("index");
    index(&default_corpus(), &index_dir);
    let left = [
        ".tmpX1y2Z3",
        "manifest-0123456789abcdef.json.tmp",
        "0123456789abcdef0123456789abcdef.idx",
        "0123456789abcdef0123456789abcdef.store.temp",
    ];
    for name in left {
        std::fs::write(index_dir.join(name), vec![7u8; 4096]).unwrap();
    }
    std::fs::write(index_dir.join("my-notes.txt"), "mine").unwrap();
    let out = run(&[
        "index",
        "--index",
        arg(&index_dir),
        "--corpus",
        arg(&default_corpus()),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("nothing to do"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("removed 4 files left in"),
        "{}",
        stderr(&out)
    );
    for name in left {
        assert!(!index_dir.join(name).exists(), "{name} is still there");
    }
    assert!(index_dir.join("my-notes.txt").exists());
    let found = run(&["search", "detention", "--index", arg(&index_dir)]);
    assert_eq!(found.status.code(), Some(0), "{}", stderr(&found));
}

#[test]
fn an_index_never_committed_is_built_by_search_not_answered_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let index_dir = tmp.path().join("index");
    // What a first run killed before its first commit leaves: an index
    // with hrsearch's fields and no commit.
    std::fs::create_dir(&index_dir).unwrap();
    let (schema, _) = hrsearch::index::schema::build();
    tantivy::Index::create_in_dir(&index_dir, schema).unwrap();
    match hrsearch::index::open(&index_dir) {
        Err(e @ hrsearch::index::IndexError::Empty(_)) => {
            let said = e.to_string();
            assert!(said.contains("holds no reports yet"), "{said}");
            assert!(
                said.contains("`hrsearch index --corpus DIR --index"),
                "{said}"
            );
        }
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("an index with no commit opened as if it held answers"),
    }
    let out = run(&[
        "search",
        "torture",
        "--index",
        arg(&index_dir),
        "--corpus",
        arg(&default_corpus()),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("holds no reports yet"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("Kazakhstan 2020"), "{}", stdout(&out));
}

#[test]
fn concurrent_first_runs_wait_or_say_another_process_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus_of(
        &tmp.path().join("corpus"),
        &["2017", "2018", "2019", "2020"],
        &["kazakhstan", "chad", "mali"],
    );
    let spawn = |args: &[&str]| {
        bin()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    for round in 0..3 {
        let dir = tmp.path().join(format!("index-{round}"));
        let args = ["index", "--corpus", arg(&corpus), "--index", arg(&dir)];
        let runs = [spawn(&args), spawn(&args)].map(|c| c.wait_with_output().unwrap());
        for out in &runs {
            let err = stderr(out);
            assert!(
                !err.contains("already exists") && !err.contains("damaged"),
                "{err}"
            );
            match out.status.code() {
                Some(0) => assert!(
                    stdout(out).contains("12 added") || stdout(out).contains("nothing to do")
                ),
                Some(2) => assert!(
                    err.contains("another process is building the index")
                        || err.contains("is being updated by another process"),
                    "{err}"
                ),
                other => panic!("{other:?}: {err}"),
            }
        }
        assert!(runs.iter().any(|o| o.status.success()));

        let dir = tmp.path().join(format!("search-{round}"));
        let args = [
            "search",
            "torture",
            "--corpus",
            arg(&corpus),
            "--index",
            arg(&dir),
            "--json",
        ];
        let runs = [spawn(&args), spawn(&args)].map(|c| c.wait_with_output().unwrap());
        for out in &runs {
            let err = stderr(out);
            assert_eq!(out.status.code(), Some(0), "{err}");
            assert!(
                !err.contains("damaged") && !err.contains("already exists"),
                "{err}"
            );
        }
        let totals = runs.map(|out| json(&stdout(&out))["total"].as_u64().unwrap());
        assert!(totals[0] > 0 && totals[0] == totals[1], "{totals:?}");
    }
}

/// A tmpfs mounted for one test (Linux, as root with the permission to
/// mount), unmounted when dropped; None with a printed reason otherwise.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size_kb: u64) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = cfg!(target_os = "linux")
            && Command::new("mount")
                .args(["-t", "tmpfs", "-o", &format!("size={size_kb}k"), "tmpfs"])
                .arg(dir.path())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
        if ok {
            Some(Tmpfs { dir })
        } else {
            skip("cannot mount a tmpfs here (needs Linux, root and the permission to mount)");
            None
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(status.success(), "remount {options}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

/// Kilobytes a folder's files take.
fn size_kb(dir: &Path) -> u64 {
    listing(dir).values().map(|b| b.len() as u64).sum::<u64>() / 1024
}

/// Segments in an index folder (distinct ids of its `.idx` files).
fn segments(dir: &Path) -> usize {
    listing(dir)
        .keys()
        .filter(|n| n.len() == 36 && n.ends_with(".idx"))
        .count()
}

#[test]
fn a_full_disk_during_the_final_merge_is_a_warning_and_the_next_run_recovers() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus_of(&tmp.path().join("corpus"), &["2020"], &["kazakhstan"]);
    let grow = || {
        corpus_of(
            &corpus,
            &["2016", "2017", "2018", "2019"],
            &["kazakhstan", "chad", "mali"],
        )
    };
    // The size of the index once grown, measured on an ordinary folder.
    let probe = tmp.path().join("probe");
    index(&corpus, &probe);
    grow();
    index(&corpus, &probe);
    let full = size_kb(&probe);
    std::fs::remove_dir_all(corpus.join("2016")).unwrap();
    for year in ["2017", "2018", "2019"] {
        std::fs::remove_dir_all(corpus.join(year)).unwrap();
    }
    // Room for the committed update, not for a merged copy beside it.
    let Some(disk) = Tmpfs::mount(full * 3 / 2) else {
        return;
    };
    let index_dir = disk.path().join("index");
    index(&corpus, &index_dir);
    grow();
    let out = run_index(&corpus, &index_dir);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "the data is committed: {err}");
    assert!(
        err.contains(&format!(
            "warning: the update is committed; optimising the index in {}/ failed: no space left on device; searches work, the next `hrsearch index` cleans up and retries",
            index_dir.display()
        )),
        "{err}"
    );
    assert_eq!(json(&stdout(&out))["added"], 12);
    assert_eq!(export_all(&index_dir).len(), export_all(&probe).len());

    // With room again, the next run removes the partial segment and merges.
    disk.remount(&format!("size={}k", full * 4));
    let out = run(&[
        "index",
        "--corpus",
        arg(&corpus),
        "--index",
        arg(&index_dir),
    ]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("left in") && !err.contains("warning"), "{err}");
    assert_eq!(segments(&index_dir), 1, "{:?}", listing(&index_dir).keys());
    assert!(size_kb(&index_dir) <= full + full / 10, "no leftovers");
    assert_eq!(export_all(&index_dir).len(), export_all(&probe).len());
}

#[test]
fn a_read_only_index_can_be_searched_and_updating_it_says_why_not() {
    let Some(disk) = Tmpfs::mount(4096) else {
        return;
    };
    let index_dir = disk.path().join("index");
    index(&default_corpus(), &index_dir);
    disk.remount("ro");
    let out = run(&["search", "pretrial detention", "--index", arg(&index_dir)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Kazakhstan 2020"));
    let out = run_index(&default_corpus(), &index_dir);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot write to the index folder"), "{err}");
    assert!(
        !err.contains("--rebuild") && !err.contains("damaged"),
        "{err}"
    );
}
