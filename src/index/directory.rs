//! Reading an index from a folder hrsearch cannot write (a read-only
//! mount, a snapshot, a shared drive).
//!
//! tantivy's reader takes `.tantivy-meta.lock` while it opens segments, so
//! that a writer's clean-up cannot delete them meanwhile; taking it means
//! creating the file. Where the folder cannot be written, no hrsearch
//! writer can run in it either, so the reader goes on without that lock.
//! Every other lock (the writer's) still fails as it would.

use std::io::ErrorKind;
use std::path::Path;
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, META_LOCK, WatchCallback, WatchHandle, WritePtr,
};

/// A directory whose meta lock gives way when the folder cannot be written.
#[derive(Debug, Clone)]
pub struct ReadTolerant<D> {
    inner: D,
}

impl<D> ReadTolerant<D> {
    pub fn new(inner: D) -> Self {
        ReadTolerant { inner }
    }
}

/// Errors that mean "this folder cannot be written", not "it is broken".
pub fn cannot_write(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
    )
}

impl<D: Directory + Clone> Directory for ReadTolerant<D> {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath == META_LOCK.filepath && cannot_write(e.kind()) =>
            {
                Ok(DirectoryLock::from(Box::new(NoLock)))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// The lock not taken.
struct NoLock;

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::directory::{INDEX_WRITER_LOCK, RamDirectory};
    use tantivy::schema::{STORED, Schema, TEXT, Value};
    use tantivy::{Index, TantivyDocument, doc};

    /// A folder whose locks fail as on a read-only file system.
    #[derive(Debug, Clone)]
    struct ReadOnlyLocks(RamDirectory);

    impl Directory for ReadOnlyLocks {
        fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
            self.0.get_file_handle(path)
        }
        fn delete(&self, path: &Path) -> Result<(), DeleteError> {
            self.0.delete(path)
        }
        fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
            self.0.exists(path)
        }
        fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
            self.0.open_write(path)
        }
        fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
            self.0.atomic_read(path)
        }
        fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
            self.0.atomic_write(path, data)
        }
        fn sync_directory(&self) -> std::io::Result<()> {
            Ok(())
        }
        fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
            Err(LockError::wrap_io_error(std::io::Error::from(
                ErrorKind::ReadOnlyFilesystem,
            )))
        }
        fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
            self.0.watch(callback)
        }
    }

    #[test]
    fn a_reader_opens_where_locks_cannot_be_taken_and_a_writer_does_not() {
        let ram = RamDirectory::create();
        let mut builder = Schema::builder();
        let text = builder.add_text_field("text", TEXT | STORED);
        let index = Index::create(ram.clone(), builder.build(), Default::default()).unwrap();
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.add_document(doc!(text => "torture")).unwrap();
        writer.commit().unwrap();
        drop(writer);

        // Without the wrapper, the reader fails on the meta lock.
        let locked = Index::open(ReadOnlyLocks(ram.clone())).unwrap();
        let err = locked.reader().err().expect("the meta lock fails");
        assert!(err.to_string().contains("Lockfile"), "{err}");

        let tolerant = Index::open(ReadTolerant::new(ReadOnlyLocks(ram))).unwrap();
        let searcher = tolerant.reader().unwrap().searcher();
        assert_eq!(searcher.num_docs(), 1);
        let stored: TantivyDocument = searcher.doc(tantivy::DocAddress::new(0, 0)).unwrap();
        assert_eq!(
            stored.get_first(text).and_then(|v| v.as_str()),
            Some("torture")
        );
        // The writer's lock is never waived.
        assert!(
            tolerant
                .directory()
                .acquire_lock(&INDEX_WRITER_LOCK)
                .is_err()
        );
    }
}
