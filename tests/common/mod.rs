//! Helpers for integration tests: run the real binary, find the shared
//! corpus (or say why a test is skipped), copy corpora into temp dirs.

#![allow(dead_code)]

pub mod browser;
pub mod server;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hrsearch"));
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Runs hrsearch with `args`, returning its output.
pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("hrsearch runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The repo's own default corpus.
pub fn default_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Says why a test is skipped. The test harness shows it for failing
/// tests, or always with `cargo test -- --nocapture`.
pub fn skip(reason: &str) {
    eprintln!("skipping: {reason}");
}

/// `../shared/corpus`, or `None` with a printed reason (tests then skip).
pub fn shared_corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("state-dept").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: {} is absent (the shared corpus of real reports)",
            dir.display()
        );
        None
    }
}

/// `../shared/tools/gen-scale-corpus`, or `None` with a printed reason.
pub fn scale_generator() -> Option<PathBuf> {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/gen-scale-corpus");
    if tool.is_file() {
        Some(tool)
    } else {
        skip(&format!("{} is absent", tool.display()));
        None
    }
}

/// Copies a folder tree (only the files `keep` accepts).
pub fn copy_tree(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else if keep(rel) {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Parses JSON Lines.
pub fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Runs `hrsearch index --json` on `corpus` into `index`.
pub fn run_index(corpus: &Path, index: &Path) -> Output {
    run(&[
        "index",
        "--corpus",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--json",
    ])
}

/// Indexes `corpus` into `index`, asserting success; returns the summary.
pub fn index(corpus: &Path, index: &Path) -> Value {
    let out = run_index(corpus, index);
    assert!(out.status.success(), "index failed: {}", stderr(&out));
    json(&stdout(&out))
}

/// `text` in UTF-16 with a byte-order mark.
pub fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}
