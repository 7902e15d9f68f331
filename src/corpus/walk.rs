//! Walking corpus folders: every file that may be a report, and a named
//! warning for everything passed over (unsupported formats, unreadable
//! entries, symlink loops).

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

/// Walks each folder (or takes each file) given; missing roots are errors.
pub fn walk_corpus(roots: &[PathBuf]) -> anyhow::Result<(Vec<CorpusFile>, Vec<Passed>)> {
    let mut files = Vec::new();
    let mut passed = Vec::new();
    for root in roots {
        if !root.exists() {
            anyhow::bail!("corpus folder {} does not exist", root.display());
        }
        walk_one(root, &mut files, &mut passed);
    }
    files.sort_by(|a, b| a.key.cmp(&b.key));
    files.dedup_by(|a, b| a.key == b.key);
    Ok((files, passed))
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
        let (files, passed) = walk_corpus(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(files.len(), 1);
        assert!(files[0].key.ends_with("chad.md"));
        assert_eq!(passed.len(), 1);
        assert!(passed[0].reason.contains(".docx"));
        assert!(walk_corpus(&[dir.path().join("nope")]).is_err());
    }
}
