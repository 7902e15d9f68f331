//! Walking corpus folders: every file that may be a report, and a named
//! warning for everything passed over (unsupported formats, unreadable
//! entries, symlink loops). Also how files are named: a file's key is its
//! corpus folder's canonical absolute path joined with its path inside that
//! folder, so one corpus spelled two ways (`corpus`, `./corpus/`, an
//! absolute path, a symbolic link) gives the same keys; keys are shown
//! relative to the current directory when they lie under it.

use super::Format;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A file found in a corpus folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFile {
    pub path: PathBuf,
    /// The path as hrsearch names it in the index and in messages.
    pub key: String,
}

/// Something found in a corpus folder and not read, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passed {
    pub path: String,
    pub reason: String,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<CorpusFile>,
    pub passed: Vec<Passed>,
    /// The folders (or files) walked, canonical, without repeats.
    pub roots: Vec<PathBuf>,
}

/// Walks each folder (or takes each file) given; missing roots are errors.
pub fn walk_corpus(roots: &[PathBuf]) -> anyhow::Result<Walk> {
    let mut walk = Walk {
        roots: canonical_roots(roots)?,
        ..Walk::default()
    };
    for root in &walk.roots {
        walk_one(root, &mut walk.files, &mut walk.passed);
    }
    walk.files.sort_by(|a, b| a.key.cmp(&b.key));
    walk.files.dedup_by(|a, b| a.key == b.key);
    Ok(walk)
}

/// The corpus folders given, as canonical absolute paths (symbolic links
/// resolved), in the order given, without repeats; a missing one is an error.
pub fn canonical_roots(roots: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut canonical: Vec<PathBuf> = Vec::new();
    for root in roots {
        let path = std::fs::canonicalize(root).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                anyhow::anyhow!("corpus folder {} does not exist", root.display())
            } else {
                anyhow::anyhow!("cannot read corpus folder {}: {e}", root.display())
            }
        })?;
        if !canonical.contains(&path) {
            canonical.push(path);
        }
    }
    Ok(canonical)
}

/// A key or path as the user can open it from the current directory:
/// relative when it lies under it, absolute otherwise.
pub fn shown(key: &str) -> String {
    let path = Path::new(key);
    if path.is_relative() {
        return key.to_string();
    }
    current_dir()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .filter(|rel| !rel.as_os_str().is_empty())
        .map_or_else(|| key.to_string(), |rel| rel.display().to_string())
}

/// The current directory, canonical (keys are canonical), found once.
fn current_dir() -> Option<&'static Path> {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    CWD.get_or_init(|| std::env::current_dir().and_then(std::fs::canonicalize).ok())
        .as_deref()
}

fn walk_one(root: &Path, files: &mut Vec<CorpusFile>, passed: &mut Vec<Passed>) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err
                    .path()
                    .map_or_else(|| root.display().to_string(), |p| p.display().to_string());
                let reason = if err.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else {
                    err.io_error().map_or(err.to_string(), |e| e.to_string())
                };
                passed.push(Passed { path, reason });
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.into_path();
        let key = path.to_string_lossy().into_owned();
        if Format::from_path(&path).is_none() {
            let ext = path.extension().map(|e| e.to_string_lossy().into_owned());
            passed.push(Passed {
                reason: match ext {
                    Some(ext) => {
                        format!("unsupported format .{ext} (hrsearch reads .txt, .md, .html, .pdf)")
                    }
                    None => "no file extension (hrsearch reads .txt, .md, .html, .pdf)".to_string(),
                },
                path: key,
            });
            continue;
        }
        files.push(CorpusFile { path, key });
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_reports_and_names_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let year = dir.path().join("2020");
        std::fs::create_dir_all(&year).unwrap();
        std::fs::write(year.join("chad.md"), "text").unwrap();
        std::fs::write(year.join("chad.docx"), "PK").unwrap();
        std::fs::write(year.join(".hidden.md"), "x").unwrap();
        let Walk { files, passed, .. } = walk_corpus(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(files.len(), 1);
        assert!(files[0].key.ends_with("chad.md"));
        assert_eq!(passed.len(), 1);
        assert!(passed[0].reason.contains(".docx"));
        assert!(walk_corpus(&[dir.path().join("nope")]).is_err());
    }

    #[test]
    fn one_corpus_spelled_two_ways_gives_the_same_keys() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(corpus.join("2020")).unwrap();
        std::fs::write(corpus.join("2020/chad.md"), "text").unwrap();
        let link = dir.path().join("link");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&corpus, &link).unwrap();
        #[cfg(not(unix))]
        let link = corpus.clone();
        let keys = |root: PathBuf| -> Vec<String> {
            walk_corpus(&[root])
                .unwrap()
                .files
                .into_iter()
                .map(|f| f.key)
                .collect()
        };
        let plain = keys(corpus.clone());
        assert_eq!(keys(corpus.join("2020/..")), plain);
        assert_eq!(keys(link), plain);
        assert!(Path::new(&plain[0]).is_absolute());
        let twice = walk_corpus(&[corpus.clone(), corpus.join(".")]).unwrap();
        assert_eq!((twice.roots.len(), twice.files.len()), (1, 1));
    }

    #[test]
    fn keys_are_shown_relative_to_the_current_directory_when_under_it() {
        let cwd = std::fs::canonicalize(std::env::current_dir().unwrap()).unwrap();
        let inside = cwd.join("corpus/2020/chad.md");
        assert_eq!(shown(inside.to_str().unwrap()), "corpus/2020/chad.md");
        assert_eq!(
            shown("/nowhere/near/2020/chad.md"),
            "/nowhere/near/2020/chad.md"
        );
        assert_eq!(shown("corpus/x.md"), "corpus/x.md");
    }
}
