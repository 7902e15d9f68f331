//! Two files for one report (a report's `.md` and its `.pdf` both in the
//! corpus): the index holds one copy, chosen by a fixed rule, so no hit is
//! doubled, and every update names both files in a warning.
//!
//! The rule: the format that lets a lawyer cite best wins — a PDF (cited by
//! page), then text extracted from a PDF (pages and byte ranges), then the
//! state.gov page (HTML), then Markdown, then saved plain text. Between two
//! files of one format, the one whose path sorts first.
//!
//! Every file is still read, hashed and recorded; a report left for
//! another file's copy is marked in the manifest (`left_for`) and its
//! passages are deleted from the index. When the kept file goes, the copy
//! left out is read again and takes its place.

use super::files::{Outcome, index_file};
use super::manifest::{FileEntry, Manifest};
use super::schema::Fields;
use crate::corpus::CorpusFile;
use std::collections::{BTreeMap, HashSet};
use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, Term};

/// Formats from the most to the least preferred copy of a report.
pub const PREFERENCE: [&str; 5] = ["pdf", "pdf-text", "html", "markdown", "text"];

/// One report found in two files, and which one the index keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub report_id: String,
    /// Key of the file whose copy is indexed.
    pub kept: String,
    /// Key of the file whose copy is not.
    pub left_out: String,
}

fn rank(format: &str) -> usize {
    PREFERENCE
        .iter()
        .position(|f| *f == format)
        .unwrap_or(PREFERENCE.len())
}

/// Marks each report held by several files: the preferred copy keeps
/// `left_for: None`, the others name it. Returns one entry per copy left out.
pub fn resolve(files: &mut BTreeMap<String, FileEntry>) -> Vec<Duplicate> {
    let mut best: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (key, entry) in files.iter() {
        for report in &entry.reports {
            let candidate = (rank(&entry.format), key.clone());
            best.entry(report.id.clone())
                .and_modify(|held| *held = held.clone().min(candidate.clone()))
                .or_insert(candidate);
        }
    }
    let mut duplicates = Vec::new();
    for (key, entry) in files.iter_mut() {
        for report in &mut entry.reports {
            let kept = &best[&report.id].1;
            report.left_for = (kept != key).then(|| kept.clone());
            if kept != key {
                duplicates.push(Duplicate {
                    report_id: report.id.clone(),
                    kept: kept.clone(),
                    left_out: key.clone(),
                });
            }
        }
    }
    duplicates
}

/// What settling duplicates did to the index.
#[derive(Default)]
pub struct Settled {
    pub duplicates: Vec<Duplicate>,
    /// Files read again because a copy they held, left out before, is now
    /// the one kept.
    pub reread: Vec<(String, Outcome)>,
    /// Whether passages were deleted or added (the update must commit).
    pub changed: bool,
}

/// Resolves duplicates in `manifest` (the corpus as this run found it) and
/// brings the index in line: deletes the passages of copies left out that
/// are in the index, and reads again the files whose left-out copies are
/// now kept. `fresh` holds the files indexed by this run.
pub fn settle(
    manifest: &mut Manifest,
    previous: &Manifest,
    fresh: &HashSet<String>,
    corpus: &[CorpusFile],
    writer: &IndexWriter,
    fields: Fields,
) -> Settled {
    let mut settled = Settled::default();
    let mut fresh = fresh.clone();
    loop {
        settled.duplicates = resolve(&mut manifest.files);
        let reread: Vec<String> = manifest
            .files
            .iter()
            .filter(|(key, entry)| {
                !fresh.contains(*key)
                    && entry.reports.iter().any(|r| {
                        r.left_for.is_none() && was_left_out(previous, key, &r.id) == Some(true)
                    })
            })
            .map(|(key, _)| key.clone())
            .collect();
        if reread.is_empty() {
            break;
        }
        for key in reread {
            let Some(file) = corpus.iter().find(|f| f.key == key) else {
                manifest.files.remove(&key);
                continue;
            };
            writer.delete_term(Term::from_field_text(fields.source, &key));
            let outcome = index_file(file, None, writer, fields);
            match &outcome {
                Outcome::Indexed { entry, .. } => {
                    manifest.files.insert(key.clone(), entry.clone());
                }
                _ => {
                    manifest.files.remove(&key);
                }
            }
            fresh.insert(key.clone());
            settled.changed = true;
            settled.reread.push((key, outcome));
        }
    }
    for (key, entry) in &manifest.files {
        for report in entry.reports.iter().filter(|r| r.left_for.is_some()) {
            let in_index =
                fresh.contains(key) || was_left_out(previous, key, &report.id) == Some(false);
            if in_index {
                delete_report(writer, fields, key, &report.id);
                settled.changed = true;
            }
        }
    }
    settled
}

/// Whether the last commit left this file's copy of a report out (`None`:
/// the file did not hold it).
fn was_left_out(previous: &Manifest, key: &str, report_id: &str) -> Option<bool> {
    previous
        .files
        .get(key)?
        .reports
        .iter()
        .find(|r| r.id == report_id)
        .map(|r| r.left_for.is_some())
}

/// Deletes one report's passages from one file (an archive file's other
/// editions stay).
fn delete_report(writer: &IndexWriter, fields: Fields, key: &str, report_id: &str) {
    let term = |field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    let query = BooleanQuery::intersection(vec![
        term(fields.source, key),
        term(fields.report_id, report_id),
    ]);
    // Deleting by a query only fails on a writer that has already failed,
    // which the commit that follows reports.
    let _ = writer.delete_query(Box::new(query));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::manifest::HeldReport;

    fn entry(format: &str, reports: &[&str]) -> FileEntry {
        FileEntry {
            hash: String::new(),
            size: 0,
            format: format.into(),
            reports: reports
                .iter()
                .map(|id| HeldReport {
                    id: id.to_string(),
                    passages: 10,
                    left_for: None,
                })
                .collect(),
        }
    }

    #[test]
    fn the_pdf_copy_is_kept_and_the_markdown_named() {
        let mut files = BTreeMap::from([
            (
                "a/2023/kazakhstan.md".to_string(),
                entry("markdown", &["kazakhstan/2023"]),
            ),
            (
                "b/2023/kazakhstan.pdf".to_string(),
                entry("pdf", &["kazakhstan/2023"]),
            ),
            (
                "a/2023/chad.md".to_string(),
                entry("markdown", &["chad/2023"]),
            ),
        ]);
        let duplicates = resolve(&mut files);
        assert_eq!(
            duplicates,
            [Duplicate {
                report_id: "kazakhstan/2023".into(),
                kept: "b/2023/kazakhstan.pdf".into(),
                left_out: "a/2023/kazakhstan.md".into(),
            }]
        );
        let md = &files["a/2023/kazakhstan.md"];
        assert_eq!(
            md.reports[0].left_for.as_deref(),
            Some("b/2023/kazakhstan.pdf")
        );
        assert_eq!(md.passages(), 0);
        assert_eq!(files["b/2023/kazakhstan.pdf"].passages(), 10);
        assert_eq!(files["a/2023/chad.md"].passages(), 10);
    }

    #[test]
    fn one_edition_of_an_archive_can_be_left_out_and_the_other_kept() {
        let mut files = BTreeMap::from([
            (
                "archive/cabo-verde.md".to_string(),
                entry("markdown", &["cabo-verde/2024", "cabo-verde/2023"]),
            ),
            (
                "x/2024/cabo-verde.html".to_string(),
                entry("html", &["cabo-verde/2024"]),
            ),
            (
                "z/2023/cabo-verde.md".to_string(),
                entry("markdown", &["cabo-verde/2023"]),
            ),
        ]);
        let duplicates = resolve(&mut files);
        assert_eq!(duplicates.len(), 2);
        let archive = &files["archive/cabo-verde.md"];
        assert_eq!(
            archive.reports[0].left_for.as_deref(),
            Some("x/2024/cabo-verde.html")
        );
        // Same format: the path that sorts first is kept.
        assert_eq!(archive.reports[1].left_for, None);
        assert_eq!(
            files["z/2023/cabo-verde.md"].reports[0].left_for.as_deref(),
            Some("archive/cabo-verde.md")
        );
    }
}
