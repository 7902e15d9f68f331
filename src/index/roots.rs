//! Which corpus an index holds, and the rule that keeps it: an update may
//! add corpus folders, never silently drop one. `index --corpus B` on an
//! index of A would remove all of A's reports, so it is refused unless
//! `--rebuild` says so (or A is named too).
//!
//! What an index holds is read from its committed manifest (its corpus
//! folders, canonical; or, for an index from an earlier hrsearch, its file
//! keys as they were spelled then), else from the marker.

use super::IndexError;
use super::folder;
use super::manifest::CommitInfo;
use std::path::{Path, PathBuf};

/// What an index is known to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    /// Corpus folders, canonical absolute paths.
    Roots(Vec<PathBuf>),
    /// File keys of an index from an earlier hrsearch (relative to the
    /// folder it was run from, or absolute).
    Keys(Vec<String>),
    Nothing,
}

impl Held {
    /// The record in a manifest's JSON, whatever version wrote it.
    pub fn from_manifest(manifest: &serde_json::Value) -> Held {
        let roots: Vec<PathBuf> = manifest["roots"]
            .as_array()
            .map(|r| {
                r.iter()
                    .filter_map(|r| r.as_str())
                    .map(PathBuf::from)
                    .collect()
            })
            .unwrap_or_default();
        if !roots.is_empty() {
            return Held::Roots(roots);
        }
        let keys: Vec<String> = manifest["files"]
            .as_object()
            .map(|files| files.keys().cloned().collect())
            .unwrap_or_default();
        if keys.is_empty() {
            Held::Nothing
        } else {
            Held::Keys(keys)
        }
    }

    /// What the index in `dir` holds by its last commit, read leniently
    /// (any hrsearch version); the marker's record when that cannot be read.
    pub fn of_index(dir: &Path) -> Held {
        Self::committed(dir).unwrap_or_else(|| Self::marked(dir))
    }

    fn committed(dir: &Path) -> Option<Held> {
        let meta: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("meta.json")).ok()?).ok()?;
        let info = CommitInfo::from_payload(meta["payload"].as_str())?;
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(&info.manifest)).ok()?).ok()?;
        Some(Self::from_manifest(&manifest))
    }

    /// The corpus folders the marker names.
    pub fn marked(dir: &Path) -> Held {
        match folder::read_marker(dir) {
            Some(marker) if !marker.corpus.is_empty() => {
                Held::Roots(marker.corpus.iter().map(PathBuf::from).collect())
            }
            _ => Held::Nothing,
        }
    }
}

/// Whether every file the index in `dir` holds lies in the corpus folders
/// given (as spelled by the user); false when that cannot be told.
pub fn holds_only(dir: &Path, corpus: &[PathBuf]) -> bool {
    match Held::of_index(dir) {
        Held::Roots(roots) => roots.iter().all(|r| lies_in(&r.to_string_lossy(), corpus)),
        Held::Keys(keys) => keys.iter().all(|k| lies_in(k, corpus)),
        Held::Nothing => false,
    }
}

/// Refuses an update that would drop what the index holds from outside
/// the corpus folders given (unless rebuilding was asked for).
pub fn check(dir: &Path, held: &Held, corpus: &[PathBuf]) -> Result<(), IndexError> {
    let dropped: Vec<String> = match held {
        Held::Roots(roots) => roots
            .iter()
            .map(|r| r.to_string_lossy().into_owned())
            .filter(|r| !lies_in(r, corpus))
            .collect(),
        Held::Keys(keys) => keys
            .iter()
            .filter(|k| !lies_in(k, corpus))
            .take(1)
            .map(|k| format!("files such as {k}"))
            .collect(),
        Held::Nothing => Vec::new(),
    };
    if dropped.is_empty() {
        return Ok(());
    }
    let given: Vec<String> = corpus.iter().map(|c| c.display().to_string()).collect();
    let keep: Vec<String> = match held {
        Held::Roots(_) => dropped.iter().chain(&given).cloned().collect(),
        _ => vec!["DIR".to_string()]
            .into_iter()
            .chain(given.clone())
            .collect(),
    };
    Err(IndexError::OtherCorpus {
        path: dir.to_path_buf(),
        held: dropped.join(", "),
        given: given.join(", "),
        keep_both: keep
            .iter()
            .map(|c| format!("--corpus {c}"))
            .collect::<Vec<_>>()
            .join(" "),
    })
}

/// Whether a file key or folder lies in one of the corpus folders given.
/// Both sides are compared as spelled, made absolute from the current
/// directory, and canonical, so `corpus`, `./corpus/` and `/abs/corpus`
/// (or a symbolic link to it) all count as the same folder.
pub fn lies_in(key: &str, corpus: &[PathBuf]) -> bool {
    let forms = |path: &Path| -> Vec<PathBuf> {
        let mut forms = vec![path.to_path_buf()];
        if let Ok(cwd) = std::env::current_dir() {
            forms.push(normalise(&cwd.join(path)));
        }
        if let Ok(canonical) = std::fs::canonicalize(path) {
            forms.push(canonical);
        }
        forms
    };
    let keys = forms(Path::new(key));
    corpus
        .iter()
        .flat_map(|c| forms(c))
        .any(|root| keys.iter().any(|k| k.starts_with(&root)))
}

/// `a/./b/../c` -> `a/c`, without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corpus_spelled_another_way_is_the_same_corpus() {
        let tmp = tempfile::tempdir().unwrap();
        let a = tmp.path().join("a");
        std::fs::create_dir_all(a.join("2020")).unwrap();
        let canonical = std::fs::canonicalize(&a).unwrap();
        let key = canonical.join("2020/chad.md");
        assert!(lies_in(key.to_str().unwrap(), std::slice::from_ref(&a)));
        assert!(lies_in(key.to_str().unwrap(), &[a.join("2020/..")]));
        assert!(lies_in(
            key.to_str().unwrap(),
            std::slice::from_ref(&canonical)
        ));
        assert!(!lies_in(key.to_str().unwrap(), &[tmp.path().join("b")]));
        assert!(lies_in("corpus/2020/x.md", &[PathBuf::from("./corpus/")]));
    }

    #[test]
    fn dropping_a_corpus_folder_is_refused_adding_one_is_not() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        let held = Held::Roots(vec![std::fs::canonicalize(&a).unwrap()]);
        assert!(check(tmp.path(), &held, &[a.clone(), b.clone()]).is_ok());
        let err = check(tmp.path(), &held, std::slice::from_ref(&b))
            .unwrap_err()
            .to_string();
        assert!(err.contains("--rebuild"), "{err}");
        assert!(err.contains(&format!("--corpus {}", b.display())), "{err}");
        assert!(check(tmp.path(), &Held::Nothing, &[b]).is_ok());
    }
}
