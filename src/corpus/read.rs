//! Reading a corpus file from disk, within a size limit checked before a
//! byte is read: real reports are under 1 MB, so a file over
//! [`MAX_FILE_BYTES`] is not one, and reading it whole would cost its size
//! in memory (a 1 GB file, 1 GB) before it could be skipped.

use super::SkipReason;
use std::io::Read;
use std::path::Path;

/// The largest file hrsearch reads: 16 MB, some 15 times the longest real
/// report (an archive of a country's editions stays under it). Reading and
/// indexing a file costs about six times its size at peak, with a file per
/// core in flight: a corpus of nothing but files at the limit peaks at
/// 352 MB (eight 15.5 MB files), under the 400 MB target, where 32 MB
/// files reached 571 MB (see the README).
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// Reads a corpus file whole, or says why not: it cannot be read, or it is
/// larger than [`MAX_FILE_BYTES`] (by its metadata, or because it grew
/// while being read).
pub fn read_file(path: &Path) -> Result<Vec<u8>, SkipReason> {
    read_limited(path, MAX_FILE_BYTES)
}

fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, SkipReason> {
    let io = |e: std::io::Error| SkipReason::Io(e.to_string());
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > limit {
        return Err(SkipReason::TooLarge { size, limit });
    }
    // The file may grow between the metadata and the read: read one byte
    // past the limit at most, to see that it did.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        // It grew: name the size it has now (or at least what was read).
        let now = std::fs::metadata(path).map_or(0, |m| m.len());
        return Err(SkipReason::TooLarge {
            size: now.max(bytes.len() as u64),
            limit,
        });
    }
    Ok(bytes)
}

/// "1.0 GB", "40.0 MB", "512 bytes": a size as a skip message names it.
pub fn human_size(bytes: u64) -> String {
    const MB: u64 = 1 << 20;
    const GB: u64 = 1 << 30;
    if bytes >= GB {
        format!("{:.1} GB", bytes as f64 / GB as f64)
    } else if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_skipped_unread_with_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        // Sparse: 40 MB on paper, nothing on disk.
        std::fs::File::create(&path)
            .unwrap()
            .set_len(40 << 20)
            .unwrap();
        let reason = read_file(&path).unwrap_err();
        assert_eq!(
            reason,
            SkipReason::TooLarge {
                size: 40 << 20,
                limit: MAX_FILE_BYTES
            }
        );
        assert_eq!(
            reason.to_string(),
            "file is 40.0 MB; hrsearch reads report files up to 16 MB"
        );
    }

    #[test]
    fn a_file_within_the_limit_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Chad 2020").unwrap();
        assert_eq!(read_file(&path).unwrap(), b"Chad 2020");
        assert_eq!(read_limited(&path, 9).unwrap(), b"Chad 2020");
        assert!(matches!(
            read_limited(&path, 8),
            Err(SkipReason::TooLarge { size: 9, limit: 8 })
        ));
        // A file that grows while it is read (here, endlessly) is cut off
        // one byte past the limit.
        assert!(matches!(
            read_limited(Path::new("/dev/zero"), 1000),
            Err(SkipReason::TooLarge {
                size: 1001,
                limit: 1000
            })
        ));
        assert!(matches!(
            read_file(&dir.path().join("gone.txt")),
            Err(SkipReason::Io(_))
        ));
    }

    #[test]
    fn sizes_for_people() {
        assert_eq!(human_size(1 << 30), "1.0 GB");
        assert_eq!(human_size(40 << 20), "40.0 MB");
        assert_eq!(human_size(512), "512 bytes");
    }
}
