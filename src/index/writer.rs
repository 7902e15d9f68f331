//! Incremental indexing: new files are added, changed files replaced,
//! removed files deleted, all in one commit whose payload is the new
//! manifest. Parsing and chunking run in parallel (rayon); a report found
//! in two files is then kept once ([`super::duplicates`]).
//!
//! An update first claims the folder (refusing one that is not an hrsearch
//! index, taking the writer lock, marking it), refuses to drop a corpus
//! folder the index holds unless rebuilding, removes what earlier runs left
//! behind, and after the commit merges the index into one segment. A failed
//! merge leaves the committed update in place and is said as a warning.

use super::duplicates;
use super::files::{Outcome, index_file};
use super::folder::{self, Living};
use super::manifest::{CommitInfo, Manifest};
use super::plain_io_error;
use super::roots;
use super::schema::{self, SCHEMA_VERSION};
use super::start::{corrupted_files, layout, open_for_write, writer_for};
use super::summary::{Skipped, Summary};
use crate::corpus::walk_corpus;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use tantivy::indexer::NoMergePolicy;
use tantivy::{Index, IndexWriter, Term};

/// The final merge's writer indexes nothing: tantivy's smallest budget.
const MERGE_BUDGET: usize = 15_000_000;

/// What to index and how.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    pub index_dir: PathBuf,
    pub corpus: Vec<PathBuf>,
    /// Re-index everything, whatever the manifest says.
    pub rebuild: bool,
    /// Index the text's word pairs (`Some(true)`), or not (`Some(false)`);
    /// `None` keeps what the index has (a new index: no pairs). Changing
    /// it takes a rebuild.
    pub phrase_pairs: Option<bool>,
}

/// Told how indexing goes (a progress bar, or nothing).
pub trait Progress: Sync {
    fn begin(&self, files: u64, bytes: u64);
    fn advance(&self, bytes: u64, passages: u64);
    fn finish(&self);
}

/// Brings the index in line with the corpus.
pub fn update(options: &UpdateOptions, progress: &dyn Progress) -> anyhow::Result<Summary> {
    let walk = walk_corpus(&options.corpus)?;
    let dir = options.index_dir.as_path();
    let _lock = folder::claim(dir, &walk.roots)?;
    let mut start = open_for_write(dir, options.rebuild)?;
    if !options.rebuild {
        roots::check(dir, &start.held, &options.corpus)?;
    }
    let layout = layout(dir, &mut start, options)?;
    let (index, old, manifest_name, rebuilt) = start.begin(dir, layout)?;
    let fields = schema::fields_of(&index.schema())?;
    let mut writer: IndexWriter = writer_for(&index, dir)?;
    let leftovers = remove_leftovers(dir, &index, &writer, &manifest_name)?;
    let retry_merge = leftovers.iter().any(|name| folder::is_segment_file(name));
    let rebuilt = rebuilt.or_else(|| corrupted_files(&index));
    if rebuilt.is_some() {
        writer.delete_all_documents()?;
    }
    let previous = if rebuilt.is_some() {
        Manifest::default()
    } else {
        old
    };

    let sizes: Vec<u64> = walk.files.iter().map(|f| file_size(&f.path)).collect();
    progress.begin(walk.files.len() as u64, sizes.iter().sum());
    let outcomes: Vec<(String, Outcome)> = walk
        .files
        .par_iter()
        .zip(&sizes)
        .map(|(file, &size)| {
            let outcome = index_file(file, previous.files.get(&file.key), &writer, fields);
            progress.advance(size, outcome.passages_written());
            (file.key.clone(), outcome)
        })
        .collect();
    progress.finish();

    let mut summary = Summary {
        rebuilt,
        skipped_files: walk.passed.into_iter().map(Skipped::from).collect(),
        leftovers_removed: leftovers,
        ..Summary::default()
    };
    let mut manifest = Manifest {
        roots: walk
            .roots
            .iter()
            .map(|r| r.to_string_lossy().into_owned())
            .collect(),
        ..Manifest::default()
    };
    let fresh: HashSet<String> = outcomes
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Indexed { .. }))
        .map(|(key, _)| key.clone())
        .collect();
    for (key, outcome) in outcomes {
        summary.count(&mut manifest, key, outcome);
    }
    let settled = duplicates::settle(
        &mut manifest,
        &previous,
        &fresh,
        &walk.files,
        &writer,
        fields,
    );
    for (key, outcome) in settled.reread {
        // Read again after its first pass: count it once, as updated.
        summary.unchanged -= 1;
        summary.unchanged_passages -= previous.files.get(&key).map_or(0, |e| e.passages());
        let outcome = match outcome {
            Outcome::Indexed { entry, .. } => Outcome::Indexed {
                entry,
                replaced: true,
            },
            other => other,
        };
        manifest.files.remove(&key);
        summary.count(&mut manifest, key, outcome);
    }
    summary.duplicates = settled.duplicates;
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
        && !settled.changed
        && manifest.roots == previous.roots
        && !summary
            .skipped_files
            .iter()
            .any(|s| previous.files.contains_key(&s.path))
    {
        writer.rollback()?;
        summary.passages = previous.passages();
        summary.optimise_failed = optimise(&index, writer, retry_merge).err();
        return Ok(summary);
    }
    let not_committed = |detail: String| {
        anyhow::anyhow!(
            "the update of the index at {} could not be committed ({detail}); the index still holds what the last run committed",
            dir.display()
        )
    };
    let info = CommitInfo {
        schema_version: SCHEMA_VERSION,
        manifest: manifest
            .store(dir)
            .map_err(|e| not_committed(super::plain(&e)))?,
        passages: summary.passages,
    };
    let mut commit = writer
        .prepare_commit()
        .map_err(|e| not_committed(plain_io_error(&e)))?;
    commit.set_payload(&info.to_payload());
    commit
        .commit()
        .map_err(|e| not_committed(plain_io_error(&e)))?;
    Manifest::remove_others(dir, &info.manifest);
    if folder::read_marker(dir).is_none_or(|m| m.corpus != manifest.roots) {
        // The marker's record of the corpus is informational: the manifest
        // just committed is the one that counts, so a failure here is not one.
        let _ = folder::write_marker(dir, &walk.roots);
    }
    let merge = retry_merge
        || (summary.passages > 0 && fresh_passages(&summary, &manifest) * 2 > summary.passages);
    summary.optimise_failed = optimise(&index, writer, merge).err();
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

/// The writer's background merges, then the final merge: after the commit,
/// so a failure (a full disk) loses nothing; the error says why. The
/// background merges end first because a merge of every segment would
/// name the segments one of them is consuming, and fail (it did on L once
/// indexing took long enough for the writer to start merges of its own).
fn optimise(index: &Index, writer: IndexWriter, merge: bool) -> Result<(), String> {
    writer
        .wait_merging_threads()
        .map_err(|e| plain_io_error(&e))?;
    if merge {
        merge_all(index).map_err(|e| plain_io_error(&e))?;
    }
    Ok(())
}

/// After a build that wrote most of the index, one segment: a search opens
/// and walks a quarter of the files (a fresh `search` on L went from 12.6
/// to 9.3 ms for a phrase) at the cost of one merge (about 4 s on L). The
/// merge has a writer of its own that merges nothing else.
fn merge_all(index: &Index) -> tantivy::Result<()> {
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        let mut writer: IndexWriter = index.writer_with_num_threads(1, MERGE_BUDGET)?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        writer.merge(&segments).wait()?;
        writer.wait_merging_threads()?;
    }
    Ok(())
}

/// Removes what earlier runs left: files tantivy lists but no commit uses,
/// then (tantivy's list may have missed them, when writing it failed too)
/// segment and temporary files no commit uses. Under the writer lock.
fn remove_leftovers(
    dir: &Path,
    index: &Index,
    writer: &IndexWriter,
    manifest: &str,
) -> anyhow::Result<Vec<String>> {
    let mut removed: Vec<String> = match writer.garbage_collect_files().wait() {
        Ok(gc) => gc
            .deleted_files
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        Err(_) => Vec::new(),
    };
    let metas = index.load_metas()?;
    let living = Living {
        segments: metas
            .segments
            .iter()
            .map(|s| {
                let del = s.delete_opstamp().map(|stamp| format!("{stamp}.del"));
                (s.id().uuid_string(), del)
            })
            .collect(),
        manifest: manifest.to_string(),
    };
    removed.extend(folder::remove_orphans(dir, &living)?);
    Ok(removed)
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}
