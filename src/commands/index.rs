//! `hrsearch index`: bring the index in line with the corpus.

use crate::cli::Locations;
use crate::exit_codes::Exit;
use hrsearch::index::{Progress, UpdateOptions, update};
use hrsearch::output::{jsont, summary, write_json};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};

pub fn run(
    locations: &Locations,
    rebuild: bool,
    phrase_pairs: Option<bool>,
    json: bool,
) -> anyhow::Result<Exit> {
    let bar = Bar::new(std::io::stderr().is_terminal());
    let options = UpdateOptions {
        index_dir: locations.index.clone(),
        corpus: locations.corpus.clone(),
        rebuild,
        phrase_pairs,
    };
    let summary = update(&options, &bar)?;
    let mut stderr = std::io::stderr();
    summary::skipped(&mut stderr, &summary.skipped_files)?;
    summary::duplicates(&mut stderr, &summary.duplicates)?;
    summary::upkeep(&mut stderr, &summary, &locations.index)?;
    let mut stdout = std::io::stdout().lock();
    if json {
        write_json(&mut stdout, &jsont::IndexSummary::from(&summary))?;
    } else {
        let line = summary::describe(&summary, &locations.index, &locations.corpus);
        writeln!(stdout, "{line}")?;
    }
    Ok(Exit::Success)
}

/// A progress bar on a terminal (files, passages, MB/s); nothing otherwise.
pub struct Bar {
    bar: ProgressBar,
    files: AtomicU64,
    passages: AtomicU64,
}

impl Bar {
    pub fn new(visible: bool) -> Bar {
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
