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
    match commands::run(cli.command) {
        Ok(exit) => exit.into(),
        Err(err) if is_broken_pipe(&err) => Exit::Success.into(),
        Err(err) => {
            eprintln!("hrsearch: {err:#}");
            Exit::Error.into()
        }
    }
}

/// Output cut short by `| head` is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
