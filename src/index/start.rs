//! Where an update starts, decided before anything is changed: the index
//! in the folder with its manifest, or a fresh one and why; the layout it
//! is written in; and the writer.

use super::manifest::Manifest;
use super::roots::Held;
use super::schema;
use super::{IndexError, PassageIndex, folder};
use crate::analysis::{self, Side};
use std::path::Path;
use tantivy::{Index, IndexWriter, TantivyError};

use super::writer::UpdateOptions;

/// Memory the tantivy writer may use for its buffers, in all.
const WRITER_BUDGET: usize = 96 << 20;

/// The layout the index is written in: the one it has, unless a rebuild
/// asks for another (the folder then starts over, as a rebuild of an index
/// keeps its schema). Asking an index for a layout it lacks without a
/// rebuild is refused, since its passages would be missing from answers
/// that read the new fields.
pub(super) fn layout(
    dir: &Path,
    start: &mut Start,
    options: &UpdateOptions,
) -> anyhow::Result<schema::Layout> {
    let had = match &start.index {
        Some((index, ..)) => schema::Layout::of(&index.schema()),
        None => start.layout_before,
    };
    let Some(wanted) = options.phrase_pairs else {
        return Ok(had);
    };
    if wanted == had.text_pairs {
        return Ok(had);
    }
    if options.rebuild {
        start.index = None;
    } else if start.index.is_some() {
        let (built, fix) = if had.text_pairs {
            ("with", " --rebuild --no-phrase-pairs")
        } else {
            ("without", " --rebuild --phrase-pairs")
        };
        anyhow::bail!(
            "the index at {} was built {built} phrase pairs; {} builds it again {}",
            dir.display(),
            super::command(dir, fix),
            if wanted { "with them" } else { "without them" }
        );
    }
    Ok(schema::Layout { text_pairs: wanted })
}

/// Where an update starts from, decided before anything is changed.
pub(super) struct Start {
    /// The index to update with its manifest and that manifest's file
    /// name, or None to start over.
    pub(super) index: Option<(Index, Manifest, String)>,
    /// Why the index is rebuilt, if it is.
    pub(super) why: Option<String>,
    /// What the index holds now (to refuse dropping a corpus folder).
    pub(super) held: Held,
    /// The layout of the index in the folder, when starting over.
    pub(super) layout_before: schema::Layout,
}

impl Start {
    /// Clears and creates the index when starting over.
    pub(super) fn begin(
        self,
        dir: &Path,
        layout: schema::Layout,
    ) -> anyhow::Result<(Index, Manifest, String, Option<String>)> {
        match self.index {
            Some((index, manifest, name)) => Ok((index, manifest, name, self.why)),
            None => {
                folder::clear(dir)?;
                let index = create(dir, layout)?;
                Ok((index, Manifest::default(), String::new(), self.why))
            }
        }
    }
}

/// Opens the index for writing, or says why it starts over: there is none
/// (or none committed), it is damaged, or written by another version.
pub(super) fn open_for_write(dir: &Path, rebuild: bool) -> anyhow::Result<Start> {
    let asked = rebuild.then(|| "--rebuild was asked for".to_string());
    let start_over = |why: Option<String>| Start {
        index: None,
        why,
        held: Held::of_index(dir),
        layout_before: schema::Layout::of_folder(dir),
    };
    match super::open_for_update(dir) {
        Ok(PassageIndex { index, info, .. }) => match Manifest::load(dir, &info) {
            Ok(manifest) => Ok(Start {
                held: Held::from_manifest(&serde_json::to_value(&manifest)?),
                index: Some((index, manifest, info.manifest)),
                why: asked,
                layout_before: schema::Layout::default(),
            }),
            Err(e) => Ok(start_over(Some(format!(
                "its list of indexed files {} cannot be read: {e}",
                info.manifest
            )))),
        },
        Err(IndexError::Missing(_) | IndexError::Empty(_)) => Ok(Start {
            index: None,
            why: asked,
            held: Held::Nothing,
            layout_before: schema::Layout::of_folder(dir),
        }),
        Err(IndexError::Damaged { detail, .. }) => {
            Ok(start_over(Some(format!("the index was damaged: {detail}"))))
        }
        Err(IndexError::Outdated { detail, .. }) => Ok(start_over(Some(format!(
            "the index was written by another version: {detail}"
        )))),
        Err(e) => Err(e.into()),
    }
}

/// Index files whose checksums do not match (bytes overwritten on disk):
/// searches cannot notice every such damage, indexing does and starts over.
pub(super) fn corrupted_files(index: &Index) -> Option<String> {
    match index.validate_checksum() {
        Ok(bad) if bad.is_empty() => None,
        Ok(bad) => {
            let names: Vec<String> = bad.iter().map(|p| p.display().to_string()).collect();
            Some(format!("damaged index files: {}", names.join(", ")))
        }
        Err(e) => Some(format!("index files cannot be checked: {e}")),
    }
}

fn create(dir: &Path, layout: schema::Layout) -> anyhow::Result<Index> {
    let (schema, _) = schema::build_with(layout);
    let index = Index::create_in_dir(dir, schema)?;
    analysis::register(index.tokenizers(), Side::Index);
    Ok(index)
}

pub(super) fn writer_for(index: &Index, dir: &Path) -> anyhow::Result<IndexWriter> {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    match index.writer_with_num_threads(threads, WRITER_BUDGET) {
        Ok(writer) => Ok(writer),
        Err(TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _)) => {
            Err(IndexError::Locked(dir.to_path_buf()).into())
        }
        Err(e) => Err(super::failure(dir, e).into()),
    }
}
