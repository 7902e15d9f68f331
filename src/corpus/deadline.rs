//! Running a reader that cannot be interrupted (a PDF parser) with a
//! deadline: on a worker thread of its own, with a big stack, its panics
//! caught and reported as a reason to skip the file (not printed). Past the
//! deadline the caller gets an answer and goes on; the worker is told to
//! stop and gives up at its next chance.

use super::SkipReason;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Once, mpsc};
use std::time::Duration;

/// The worker's stack: deeply nested objects recurse.
pub const STACK: usize = 64 << 20;
/// Name of worker threads, whose panics are reported as skips, not printed.
pub const WORKER: &str = "hrsearch-pdf";

/// Runs `work` on a worker thread, waiting at most `limit`. The worker gets
/// a flag that is set when the wait is over, to stop at its next chance.
pub fn with_deadline<T: Send + 'static>(
    limit: Duration,
    work: impl FnOnce(&AtomicBool) -> T + Send + 'static,
) -> Result<T, SkipReason> {
    quiet_worker_panics();
    let stop = Arc::new(AtomicBool::new(false));
    let (send, receive) = mpsc::channel();
    let flag = Arc::clone(&stop);
    let spawned = std::thread::Builder::new()
        .name(WORKER.into())
        .stack_size(STACK)
        .spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&flag)));
            let _ = send.send(result.map_err(|panic| panic_message(&*panic)));
        })
        .map_err(|e| SkipReason::Io(format!("cannot start a reader thread: {e}")))?;
    let outcome = receive.recv_timeout(limit);
    stop.store(true, Ordering::Relaxed);
    match outcome {
        Ok(Ok(value)) => {
            let _ = spawned.join();
            Ok(value)
        }
        Ok(Err(message)) => Err(SkipReason::Damaged(format!(
            "the PDF reader failed ({message})"
        ))),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(SkipReason::Damaged(format!(
            "reading it took over {} s, so it was given up",
            limit.as_secs_f64()
        ))),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(SkipReason::Damaged("the PDF reader stopped".into()))
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

/// Panics on PDF worker threads become skip reasons; keep them off stderr.
/// Other threads' panics print as before.
fn quiet_worker_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(WORKER) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_gives_up_and_stops_the_worker() {
        let result = with_deadline(Duration::from_millis(50), |stop| {
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(5));
            }
            1
        });
        match result {
            Err(SkipReason::Damaged(message)) => assert!(message.contains("given up"), "{message}"),
            other => panic!("expected a timeout, got {other:?}"),
        }
        assert_eq!(with_deadline(Duration::from_secs(5), |_| 7).unwrap(), 7);
    }

    #[test]
    fn worker_panics_are_skips() {
        let result: Result<(), _> = with_deadline(Duration::from_secs(5), |_| panic!("bad xref"));
        match result {
            Err(SkipReason::Damaged(message)) => assert!(message.contains("bad xref"), "{message}"),
            other => panic!("expected a skip, got {other:?}"),
        }
    }
}
