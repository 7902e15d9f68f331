//! What an indexing run did, for people: the summary line, one warning per
//! skipped file and a count per reason, leftovers removed, a final merge
//! that failed after the commit, and the steps of opening an index that
//! has to be built first.

use super::escape::printable;
use crate::index::open::{Step, Why};
use crate::index::{Duplicate, Skipped, Summary};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A folder as people write it: "corpus/".
pub fn folder(path: &Path) -> String {
    let shown = path.display().to_string();
    if shown.ends_with('/') {
        shown
    } else {
        shown + "/"
    }
}

/// "corpus/, ../reports/".
pub fn corpus_names(corpus: &[PathBuf]) -> String {
    corpus
        .iter()
        .map(|c| folder(c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "1 file", "2 files".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The one-line summary of an indexing run.
pub fn describe(s: &Summary, index: &Path, corpus: &[PathBuf]) -> String {
    let rebuilt = s
        .rebuilt
        .as_ref()
        .map(|why| format!("rebuilt from scratch ({why}); "))
        .unwrap_or_default();
    if s.nothing_to_do() {
        return format!(
            "the index in {} is up to date with {}: nothing to do ({} unchanged, {} skipped, {} passages)",
            folder(index),
            corpus_names(corpus),
            plural(s.unchanged, "file"),
            s.skipped,
            s.passages
        );
    }
    format!(
        "indexed {} into {}: {rebuilt}{} added, {} updated, {} removed, {} unchanged, {} skipped; {} passages in the index",
        corpus_names(corpus),
        folder(index),
        s.added,
        s.updated,
        s.removed,
        s.unchanged,
        s.skipped,
        s.passages
    )
}

/// One warning per skipped file, then a count per reason.
pub fn skipped(out: &mut impl Write, files: &[Skipped]) -> io::Result<()> {
    let mut by_reason: BTreeMap<String, usize> = BTreeMap::new();
    for skipped in files {
        // The path and the reason may hold anything a file name or a file
        // can: never write their control characters raw.
        let line = format!(
            "warning: skipped {}: {}",
            crate::corpus::walk::shown(&skipped.path),
            skipped.reason
        );
        writeln!(out, "{}", printable(&line))?;
        *by_reason.entry(skipped.reason.kind()).or_default() += 1;
    }
    if !by_reason.is_empty() {
        let reasons: Vec<String> = by_reason.iter().map(|(r, n)| format!("{n} {r}")).collect();
        writeln!(
            out,
            "hrsearch: {} skipped: {}",
            plural(files.len(), "file"),
            printable(&reasons.join("; "))
        )?;
    }
    Ok(())
}

/// One warning per report found in two files, naming both.
pub fn duplicates(out: &mut impl Write, duplicates: &[Duplicate]) -> io::Result<()> {
    for d in duplicates {
        writeln!(
            out,
            "warning: {} is in two files: indexed {}, left out {} (one copy per report: PDF, then PDF text, HTML, Markdown, plain text; see the README)",
            d.report_id,
            crate::corpus::walk::shown(&d.kept),
            crate::corpus::walk::shown(&d.left_out)
        )?;
    }
    Ok(())
}

/// Leftovers removed, and a final merge that failed after the commit.
pub fn upkeep(out: &mut impl Write, summary: &Summary, index: &Path) -> io::Result<()> {
    let folder = folder(index);
    if !summary.leftovers_removed.is_empty() {
        writeln!(
            out,
            "hrsearch: removed {} left in {folder} by an earlier run that did not finish",
            plural(summary.leftovers_removed.len(), "file")
        )?;
    }
    if let Some(why) = &summary.optimise_failed {
        writeln!(
            out,
            "warning: the update is committed; optimising the index in {folder} failed: {why}; searches work, the next `hrsearch index` cleans up and retries"
        )?;
    }
    Ok(())
}

/// Tells a step of opening an index that is built first (on stderr, as
/// the search's answer goes to stdout).
pub fn opening(
    out: &mut impl Write,
    step: &Step,
    index: &Path,
    corpus: &[PathBuf],
) -> io::Result<()> {
    let at = folder(index);
    match step {
        Step::Building(why) => {
            let why = match why {
                Why::Missing => format!("no index at {at} yet; building"),
                Why::Empty => format!(
                    "the index at {at} holds no reports yet (its first indexing run did not finish); building"
                ),
                Why::Outdated(detail) => format!(
                    "the index at {at} was written by another version of hrsearch ({detail}); rebuilding"
                ),
            };
            writeln!(
                out,
                "hrsearch: {why} it from {} first",
                corpus_names(corpus)
            )
        }
        Step::Waiting => writeln!(
            out,
            "hrsearch: another process is building the index at {at}; waiting for it"
        ),
        Step::Built(summary) => {
            skipped(out, &summary.skipped_files)?;
            upkeep(out, summary, index)?;
            writeln!(out, "hrsearch: {}", describe(summary, index, corpus))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::SkipReason;
    use crate::index::Skip;

    #[test]
    fn skipped_files_are_named_and_counted_by_kind() {
        let files = [
            Skipped {
                path: "c/2020/a.md".into(),
                reason: Skip::Report(SkipReason::Binary("PDF")),
            },
            Skipped {
                path: "c/2020/b.md".into(),
                reason: Skip::Report(SkipReason::Binary("contains NUL bytes")),
            },
            Skipped {
                path: "c/2020/c.md".into(),
                reason: Skip::Report(SkipReason::NoMetadata("year")),
            },
            Skipped {
                path: "c/notes.docx".into(),
                reason: Skip::Walked(
                    "unsupported format .docx (hrsearch reads .txt, .md, .html)".into(),
                ),
            },
        ];
        let mut out = Vec::new();
        skipped(&mut out, &files).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("warning: skipped c/2020/a.md: binary file (PDF), not a report"),
            "{text}"
        );
        assert!(
            text.ends_with(
                "hrsearch: 4 files skipped: 2 binary file; 1 cannot tell the year; 1 unsupported format .docx\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_run_with_nothing_to_do_says_so() {
        let summary = Summary {
            unchanged: 1,
            passages: 64,
            ..Summary::default()
        };
        let line = describe(&summary, Path::new("index"), &[PathBuf::from("corpus")]);
        assert_eq!(
            line,
            "the index in index/ is up to date with corpus/: nothing to do (1 file unchanged, 0 skipped, 64 passages)"
        );
    }
}
