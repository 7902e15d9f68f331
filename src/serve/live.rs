//! The index being served, kept current: the folder's commit file is
//! checked every [`super::RELOAD_EVERY`]; when an `hrsearch index` run in
//! another process has committed, the index is opened again and swapped in
//! for the next requests (those running finish on the one they started
//! with). An index that cannot be opened at that moment (being rebuilt,
//! say) leaves the last one served, and is tried again.

use crate::index::{self, PassageIndex};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

/// What identifies a commit on disk: `meta.json`'s time and size.
type Stamp = Option<(SystemTime, u64)>;

fn stamp(dir: &Path) -> Stamp {
    let meta = std::fs::metadata(dir.join("meta.json")).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// The open index, swapped when a new commit lands.
pub struct Live {
    dir: PathBuf,
    index: RwLock<Arc<PassageIndex>>,
}

impl Live {
    pub fn new(index: PassageIndex) -> Live {
        Live {
            dir: index.dir.clone(),
            index: RwLock::new(Arc::new(index)),
        }
    }

    /// The index to answer the next request with.
    pub fn current(&self) -> Arc<PassageIndex> {
        self.index
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    fn replace(&self, index: PassageIndex) {
        *self
            .index
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(index);
    }
}

/// Watches the index folder for new commits, forever.
pub async fn watch(live: Arc<Live>, every: Duration) {
    let mut seen = stamp(&live.dir);
    let mut last_error = String::new();
    loop {
        tokio::time::sleep(every).await;
        let now = stamp(&live.dir);
        if now == seen || now.is_none() {
            continue;
        }
        let dir = live.dir.clone();
        match tokio::task::spawn_blocking(move || index::open(&dir)).await {
            Ok(Ok(index)) => {
                eprintln!(
                    "hrsearch: the index changed; now serving {}",
                    super::describe(&live.dir, index.info.passages)
                );
                live.replace(index);
                seen = now;
                last_error.clear();
            }
            Ok(Err(e)) => {
                let message = e.to_string();
                if message != last_error {
                    eprintln!(
                        "hrsearch: warning: the index changed but cannot be opened yet ({message}); still serving the last one"
                    );
                    last_error = message;
                }
            }
            Err(_) => {}
        }
    }
}
