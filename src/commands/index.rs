//! `hrsearch index`: bring the index in line with the corpus.

use crate::cli::Locations;
use crate::exit_codes::Exit;
use hrsearch::corpus::walk::shown;
use hrsearch::index::{Progress, Summary, UpdateOptions, update};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

pub fn run(locations: &Locations, rebuild: bool, json: bool) -> anyhow::Result<Exit> {
    let bar = Bar::new(std::io::stderr().is_terminal());
    let summary = update(&options(locations, rebuild), &bar)?;
    report_skipped(&summary);
    report_upkeep(&summary, locations);
    if json {
        writeln!(std::io::stdout(), "{}", serde_json::to_string(&summary)?)?;
    } else {
        writeln!(std::io::stdout(), "{}", describe(&summary, locations))?;
    }
    Ok(Exit::Success)
}

/// Builds the index without a summary on stdout (before a first search).
pub fn build_quietly(locations: &Locations) -> anyhow::Result<()> {
    let bar = Bar::new(std::io::stderr().is_terminal());
    let summary = update(&options(locations, false), &bar)?;
    report_skipped(&summary);
    report_upkeep(&summary, locations);
    eprintln!("hrsearch: {}", describe(&summary, locations));
    Ok(())
}

fn options(locations: &Locations, rebuild: bool) -> UpdateOptions {
    UpdateOptions {
        index_dir: locations.index.clone(),
        corpus: locations.corpus.clone(),
        rebuild,
    }
}

pub fn corpus_names(corpus: &[PathBuf]) -> String {
    corpus
        .iter()
        .map(|c| folder(c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A folder as people write it: "corpus/".
pub fn folder(path: &std::path::Path) -> String {
    let shown = path.display().to_string();
    if shown.ends_with('/') {
        shown
    } else {
        shown + "/"
    }
}

fn describe(s: &Summary, locations: &Locations) -> String {
    let rebuilt = s
        .rebuilt
        .as_ref()
        .map(|why| format!("rebuilt from scratch ({why}); "))
        .unwrap_or_default();
    if s.nothing_to_do() {
        return format!(
            "the index in {} is up to date with {}: nothing to do ({} unchanged, {} skipped, {} passages)",
            folder(&locations.index),
            corpus_names(&locations.corpus),
            plural(s.unchanged, "file"),
            s.skipped,
            s.passages
        );
    }
    format!(
        "indexed {} into {}: {rebuilt}{} added, {} updated, {} removed, {} unchanged, {} skipped; {} passages in the index",
        corpus_names(&locations.corpus),
        folder(&locations.index),
        s.added,
        s.updated,
        s.removed,
        s.unchanged,
        s.skipped,
        s.passages
    )
}

/// One warning per skipped file, then a count per reason.
fn report_skipped(summary: &Summary) {
    let mut by_reason: BTreeMap<String, usize> = BTreeMap::new();
    for skipped in &summary.skipped_files {
        eprintln!(
            "warning: skipped {}: {}",
            shown(&skipped.path),
            skipped.reason
        );
        let kind = skipped
            .reason
            .split([':', '('])
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        *by_reason.entry(kind).or_default() += 1;
    }
    if !by_reason.is_empty() {
        let reasons: Vec<String> = by_reason.iter().map(|(r, n)| format!("{n} {r}")).collect();
        eprintln!(
            "hrsearch: {} skipped: {}",
            plural(summary.skipped_files.len(), "file"),
            reasons.join("; ")
        );
    }
}

/// Leftovers removed, and a final merge that failed after the commit.
fn report_upkeep(summary: &Summary, locations: &Locations) {
    let folder = folder(&locations.index);
    if !summary.leftovers_removed.is_empty() {
        eprintln!(
            "hrsearch: removed {} left in {folder} by an earlier run that did not finish",
            plural(summary.leftovers_removed.len(), "file")
        );
    }
    if let Some(why) = &summary.optimise_failed {
        eprintln!(
            "warning: the update is committed; optimising the index in {folder} failed: {why}; searches work, the next `hrsearch index` cleans up and retries"
        );
    }
}

/// A progress bar on a terminal (files, passages, MB/s); nothing otherwise.
struct Bar {
    bar: ProgressBar,
    files: AtomicU64,
    passages: AtomicU64,
}

impl Bar {
    fn new(visible: bool) -> Bar {
        let bar = ProgressBar::with_draw_target(
            None,
            if visible {
                ProgressDrawTarget::stderr()
            } else {
                ProgressDrawTarget::hidden()
            },
        );
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Bar {
            bar,
            files: AtomicU64::new(0),
            passages: AtomicU64::new(0),
        }
    }
}

impl Progress for Bar {
    fn begin(&self, _files: u64, bytes: u64) {
        self.bar.set_length(bytes);
    }

    fn advance(&self, bytes: u64, passages: u64) {
        let files = self.files.fetch_add(1, Ordering::Relaxed) + 1;
        let passages = self.passages.fetch_add(passages, Ordering::Relaxed) + passages;
        self.bar.inc(bytes);
        self.bar
            .set_message(format!("{files} files, {passages} passages"));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// "1 file", "2 files".
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
