//! Every exit code in one place (as grep does it).

use hrsearch::search::{Fault, SearchError};
use std::process::ExitCode;

/// What a run of hrsearch ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Found something / did the job.
    Success,
    /// Ran fine but nothing matched.
    NoMatch,
    /// Bad input, a bad query, a damaged index, or any other error.
    Error,
}

impl Exit {
    /// The exit of a run that failed: every error is exit 2, whoever's
    /// fault it is (the server tells faults apart by HTTP status instead:
    /// [`hrsearch::serve::status`]).
    pub fn for_error(error: &anyhow::Error) -> Exit {
        match error.downcast_ref::<SearchError>().map(SearchError::fault) {
            Some(Fault::Request | Fault::NotFound | Fault::Unavailable | Fault::Internal)
            | None => Exit::Error,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(match exit {
            Exit::Success => 0,
            Exit::NoMatch => 1,
            Exit::Error => 2,
        })
    }
}
