//! Incremental indexing: new files are added, changed files replaced,
//! removed files deleted, all in one commit whose payload is the new
//! manifest. Parsing and chunking run in parallel (rayon).

use super::manifest::{CommitInfo, FileEntry, Manifest};
use super::schema::{self, Fields, SCHEMA_VERSION};
use super::{IndexError, PassageIndex, damaged, is_index_file};
use crate::analysis::{self, Side};
use crate::corpus::{CorpusFile, walk::Passed, walk_corpus};
use crate::{Report, read_report};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;
use tantivy::schema::Facet;
use tantivy::{Index, IndexWriter, TantivyDocument, TantivyError, Term};

/// Memory the tantivy writer may use for its buffers, in all.
const WRITER_BUDGET: usize = 96 << 20;

/// What to index and how.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    pub index_dir: PathBuf,
    pub corpus: Vec<PathBuf>,
    /// Re-index everything, whatever the manifest says.
    pub rebuild: bool,
}

/// Told how indexing goes (a progress bar, or nothing).
pub trait Progress: Sync {
    fn begin(&self, files: u64, bytes: u64);
    fn advance(&self, bytes: u64, passages: u64);
    fn finish(&self);
}

/// What an update did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub skipped: usize,
    /// Passages in the index after the update.
    pub passages: u64,
    #[serde(skip)]
    pub skipped_files: Vec<Passed>,
    /// Why the whole index was rebuilt, if it was.
    #[serde(skip)]
    pub rebuilt: Option<String>,
    /// Passages of the files that were left as they were.
    #[serde(skip)]
    pub unchanged_passages: u64,
}

impl Summary {
    pub fn nothing_to_do(&self) -> bool {
        self.added == 0 && self.updated == 0 && self.removed == 0 && self.rebuilt.is_none()
    }
}

/// The fate of one corpus file.
enum Outcome {
    Unchanged(FileEntry),
    Indexed { entry: FileEntry, replaced: bool },
    Skipped { reason: String, was_indexed: bool },
}

/// Brings the index in line with the corpus.
pub fn update(options: &UpdateOptions, progress: &dyn Progress) -> anyhow::Result<Summary> {
    let (files, passed) = walk_corpus(&options.corpus)?;
    let (index, old, rebuilt) = open_for_write(&options.index_dir, options.rebuild)?;
    let rebuilt = rebuilt.or_else(|| corrupted_files(&index));
    let fields = schema::fields_of(&index.schema())?;
    let mut writer: IndexWriter = writer_for(&index, &options.index_dir)?;
    if rebuilt.is_some() {
        writer.delete_all_documents()?;
    }
    let previous = if rebuilt.is_some() {
        Manifest::default()
    } else {
        old
    };

    let sizes: Vec<u64> = files.iter().map(|f| file_size(&f.path)).collect();
    progress.begin(files.len() as u64, sizes.iter().sum());
    let outcomes: Vec<(String, Outcome)> = files
        .par_iter()
        .zip(&sizes)
        .map(|(file, &size)| {
            let outcome = index_file(file, previous.files.get(&file.key), &writer, fields);
            progress.advance(size, passages_of(&outcome));
            (file.key.clone(), outcome)
        })
        .collect();
    progress.finish();

    let mut summary = Summary {
        rebuilt,
        skipped_files: passed,
        ..Summary::default()
    };
    let mut manifest = Manifest::default();
    for (key, outcome) in outcomes {
        match outcome {
            Outcome::Unchanged(entry) => {
                summary.unchanged += 1;
                summary.unchanged_passages += entry.passages;
                manifest.files.insert(key, entry);
            }
            Outcome::Indexed { entry, replaced } => {
                *(if replaced {
                    &mut summary.updated
                } else {
                    &mut summary.added
                }) += 1;
                manifest.files.insert(key, entry);
            }
            Outcome::Skipped {
                reason,
                was_indexed,
            } => {
                summary.updated += usize::from(was_indexed);
                summary.skipped_files.push(Passed { path: key, reason });
            }
        }
    }
    for gone in previous
        .files
        .keys()
        .filter(|k| !manifest.files.contains_key(*k))
    {
        // Gone, or now unreadable or no longer a report: its passages go
        // either way (a skipped file was counted as updated above).
        writer.delete_term(Term::from_field_text(fields.source, gone));
        if !summary.skipped_files.iter().any(|s| &s.path == gone) {
            summary.removed += 1;
        }
    }
    summary.skipped = summary.skipped_files.len();
    summary.passages = manifest.passages();
    if summary.nothing_to_do()
        && !summary
            .skipped_files
            .iter()
            .any(|s| previous.files.contains_key(&s.path))
    {
        writer.rollback()?;
        summary.passages = previous.passages();
        return Ok(summary);
    }
    let info = CommitInfo {
        schema_version: SCHEMA_VERSION,
        manifest: manifest.store(&options.index_dir)?,
        passages: summary.passages,
    };
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(&info.to_payload());
    commit.commit()?;
    Manifest::remove_others(&options.index_dir, &info.manifest);
    if summary.passages > 0 && fresh_passages(&summary, &manifest) * 2 > summary.passages {
        merge_all(&index, &mut writer)?;
    }
    writer.wait_merging_threads()?;
    Ok(summary)
}

/// Passages written by this update (new and changed files).
fn fresh_passages(summary: &Summary, manifest: &Manifest) -> u64 {
    if summary.rebuilt.is_some() {
        return summary.passages;
    }
    manifest
        .passages()
        .saturating_sub(summary.unchanged_passages)
}

/// After a build that wrote most of the index, one segment: a search opens
/// and walks a quarter of the files (a fresh `search` on L went from 12.6
/// to 9.3 ms for a phrase) at the cost of one merge (about 4 s on L).
fn merge_all(index: &Index, writer: &mut IndexWriter) -> anyhow::Result<()> {
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    Ok(())
}

fn passages_of(outcome: &Outcome) -> u64 {
    match outcome {
        Outcome::Indexed { entry, .. } => entry.passages,
        _ => 0,
    }
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Reads, hashes and (if new or changed) indexes one file.
fn index_file(
    file: &CorpusFile,
    known: Option<&FileEntry>,
    writer: &IndexWriter,
    fields: Fields,
) -> Outcome {
    let skipped = |reason: String| Outcome::Skipped {
        reason,
        was_indexed: known.is_some(),
    };
    let stat = match std::fs::metadata(&file.path) {
        Ok(stat) => stat,
        Err(e) => return skipped(format!("cannot read: {e}")),
    };
    let mtime_ns = stat
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    if let Some(entry) = known
        && entry.size == stat.len()
        && entry.mtime_ns == mtime_ns
    {
        return Outcome::Unchanged(entry.clone());
    }
    let bytes = match std::fs::read(&file.path) {
        Ok(bytes) => bytes,
        Err(e) => return skipped(format!("cannot read: {e}")),
    };
    let hash = blake3::hash(&bytes).to_hex().to_string();
    if let Some(entry) = known.filter(|e| e.hash == hash) {
        return Outcome::Unchanged(FileEntry {
            mtime_ns,
            size: bytes.len() as u64,
            ..entry.clone()
        });
    }
    if known.is_some() {
        writer.delete_term(Term::from_field_text(fields.source, &file.key));
    }
    let report = match read_report(&file.path, &bytes) {
        Ok(report) => report,
        Err(reason) => return skipped(reason.to_string()),
    };
    for doc in documents(&report, &file.key, fields) {
        if let Err(e) = writer.add_document(doc) {
            return skipped(format!("could not be indexed: {e}"));
        }
    }
    Outcome::Indexed {
        entry: FileEntry {
            hash,
            size: bytes.len() as u64,
            mtime_ns,
            passages: report.passages.len() as u64,
            report_id: report.id(),
        },
        replaced: known.is_some(),
    }
}

/// One document per passage.
pub fn documents<'r>(
    report: &'r Report,
    source: &'r str,
    f: Fields,
) -> impl Iterator<Item = TantivyDocument> + 'r {
    let report_id = report.id();
    report.passages.iter().map(move |p| {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.text, &p.text);
        doc.add_text(f.headings, p.section.path.join(" \n "));
        doc.add_text(f.country, &report.meta.country_key);
        doc.add_text(f.country_name, &report.meta.country);
        doc.add_u64(f.year, u64::from(report.meta.year));
        doc.add_facet(f.topic, Facet::from(&format!("/{}", p.section.topic)));
        doc.add_text(f.topic_key, p.section.topic);
        doc.add_facet(f.code, Facet::from(&schema::code_facet(&p.section.code)));
        doc.add_text(f.code_str, &p.section.code);
        doc.add_text(
            f.section_path,
            serde_json::to_string(&p.section.path).unwrap_or_default(),
        );
        doc.add_text(f.title, &report.meta.title);
        doc.add_text(f.report_id, &report_id);
        doc.add_text(f.source, source);
        doc.add_u64(f.byte_start, p.byte_range.start as u64);
        doc.add_u64(f.byte_end, p.byte_range.end as u64);
        doc
    })
}

/// Opens the index for writing, creating it (or starting over, with the
/// reason) when there is none, it is damaged, or its schema is outdated.
fn open_for_write(dir: &Path, rebuild: bool) -> anyhow::Result<(Index, Manifest, Option<String>)> {
    match super::open(dir) {
        Ok(PassageIndex { index, info, .. }) if info.manifest.is_empty() => {
            let why = rebuild.then(|| "--rebuild was asked for".to_string());
            Ok((index, Manifest::default(), why))
        }
        Ok(PassageIndex { index, info, .. }) => match Manifest::load(dir, &info) {
            Ok(manifest) => {
                let why = rebuild.then(|| "--rebuild was asked for".to_string());
                Ok((index, manifest, why))
            }
            Err(e) => {
                let why = format!(
                    "its list of indexed files {} cannot be read: {e}",
                    info.manifest
                );
                Ok((index, Manifest::default(), Some(why)))
            }
        },
        Err(IndexError::Missing(_)) => Ok((create(dir)?, Manifest::default(), None)),
        Err(e @ (IndexError::Damaged { .. } | IndexError::Outdated { .. })) => {
            let why = match e {
                IndexError::Damaged { detail, .. } => format!("the index was damaged: {detail}"),
                IndexError::Outdated { detail, .. } => {
                    format!("the index was written by another version: {detail}")
                }
                _ => unreachable!("matched above"),
            };
            clear(dir)?;
            Ok((create(dir)?, Manifest::default(), Some(why)))
        }
        Err(e) => Err(e.into()),
    }
}

/// Index files whose checksums do not match (bytes overwritten on disk):
/// searches cannot notice every such damage, indexing does and starts over.
fn corrupted_files(index: &Index) -> Option<String> {
    match index.validate_checksum() {
        Ok(bad) if bad.is_empty() => None,
        Ok(bad) => {
            let names: Vec<String> = bad.iter().map(|p| p.display().to_string()).collect();
            Some(format!("damaged index files: {}", names.join(", ")))
        }
        Err(e) => Some(format!("index files cannot be checked: {e}")),
    }
}

fn create(dir: &Path) -> anyhow::Result<Index> {
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow::anyhow!("cannot create index folder {}: {e}", dir.display()))?;
    let (schema, _) = schema::build();
    let index = Index::create_in_dir(dir, schema)?;
    analysis::register(index.tokenizers(), Side::Index);
    Ok(index)
}

/// Removes the files of a damaged or outdated index (and nothing else).
fn clear(dir: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir)?.flatten() {
        let path = entry.path();
        if path.is_file() && is_index_file(&path) {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

fn writer_for(index: &Index, dir: &Path) -> anyhow::Result<IndexWriter> {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    match index.writer_with_num_threads(threads, WRITER_BUDGET) {
        Ok(writer) => Ok(writer),
        Err(TantivyError::LockFailure(..)) => Err(IndexError::Locked(dir.to_path_buf()).into()),
        Err(e) => Err(damaged(dir, &e.to_string()).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ram_writer() -> (IndexWriter, Fields) {
        let (schema, fields) = schema::build();
        let index = Index::create_in_ram(schema);
        analysis::register(index.tokenizers(), Side::Index);
        (
            index.writer_with_num_threads(1, 15_000_000).unwrap(),
            fields,
        )
    }

    #[test]
    fn a_file_gone_before_it_is_read_is_skipped_by_name() {
        let (writer, fields) = ram_writer();
        let file = CorpusFile {
            path: PathBuf::from("/nonexistent/2020/chad.txt"),
            key: "/nonexistent/2020/chad.txt".into(),
        };
        match index_file(&file, None, &writer, fields) {
            Outcome::Skipped {
                reason,
                was_indexed,
            } => {
                assert!(reason.starts_with("cannot read"), "{reason}");
                assert!(!was_indexed);
            }
            _ => panic!("a missing file must be skipped"),
        }
    }

    #[test]
    fn a_file_changed_since_the_last_run_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2020").join("chad.txt");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            &path,
            "Chad 2020 Human Rights Report\n\nThe police detained protesters.\n",
        )
        .unwrap();
        let file = CorpusFile {
            key: path.display().to_string(),
            path,
        };
        let (writer, fields) = ram_writer();
        let stale = FileEntry {
            hash: "an older version".into(),
            size: 1,
            mtime_ns: 0,
            passages: 3,
            report_id: "chad/2020".into(),
        };
        match index_file(&file, Some(&stale), &writer, fields) {
            Outcome::Indexed { entry, replaced } => {
                assert!(replaced);
                assert_eq!(entry.passages, 1);
                assert_ne!(entry.hash, stale.hash);
            }
            _ => panic!("a changed file must be indexed again"),
        }
    }
}
