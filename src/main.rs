//! hrsearch: parse the command line, dispatch to a command, map the outcome
//! to an exit code (0 found, 1 nothing found, 2 error).

mod cli;
mod commands;
mod exit_codes;

use clap::Parser;
use exit_codes::Exit;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    // A panic is a bug or a damaged index file that tantivy could not
    // check: say so in one line and exit 2, instead of a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!(
            "hrsearch: internal error: {message}{place}; if an index file is damaged, `hrsearch index --rebuild` fixes it"
        );
    }));
    let outcome = std::panic::catch_unwind(|| commands::run(cli.command));
    match outcome {
        Ok(Ok(exit)) => exit.into(),
        Ok(Err(err)) if is_broken_pipe(&err) => Exit::Success.into(),
        Ok(Err(err)) => {
            eprintln!("hrsearch: {err:#}");
            Exit::for_error(&err).into()
        }
        Err(_) => Exit::Error.into(),
    }
}

/// Output cut short by `| head` is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    // serde_json wraps the io error without exposing it as a source.
    err.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| cause.downcast_ref::<serde_json::Error>()?.io_error_kind());
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}
