//! One hrsearch writer per index folder: an exclusive lock on
//! `hrsearch.lock`, held from before the folder is marked until the update
//! (commit and final merge) is done. A second writer is refused at once; a
//! search that needs the index built waits for the writer and then reads
//! what it committed.

use super::folder::LOCK;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

/// Held while an update runs; dropping it releases the lock.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

/// Takes the lock without waiting: `Ok(None)` when another process holds it.
pub fn try_lock(dir: &Path) -> std::io::Result<Option<WriteLock>> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(LOCK))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(WriteLock { _file: file })),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

/// Whether another process is updating the index now. Opens the lock file
/// read-only, so it works on a read-only index too.
pub fn held_elsewhere(dir: &Path) -> bool {
    let Ok(file) = File::open(dir.join(LOCK)) else {
        return false;
    };
    match file.try_lock() {
        Ok(()) => false,
        Err(TryLockError::WouldBlock) => true,
        Err(TryLockError::Error(_)) => false,
    }
}

/// Waits until no process is updating the index.
pub fn wait_for_writer(dir: &Path) {
    if let Ok(file) = File::open(dir.join(LOCK)) {
        // Taken and released at once: only the wait matters.
        let _ = file.lock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_told_the_lock_is_held() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!held_elsewhere(dir.path()));
        let first = try_lock(dir.path()).unwrap();
        assert!(first.is_some());
        // flock locks belong to the open file, so a second open in this
        // process is refused as another process would be.
        assert!(try_lock(dir.path()).unwrap().is_none());
        assert!(held_elsewhere(dir.path()));
        drop(first);
        assert!(!held_elsewhere(dir.path()));
        wait_for_writer(dir.path());
    }
}
