//! Every exit code in one place (as grep does it).

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

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(match exit {
            Exit::Success => 0,
            Exit::NoMatch => 1,
            Exit::Error => 2,
        })
    }
}
