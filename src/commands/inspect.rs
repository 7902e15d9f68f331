//! `hrsearch inspect`: how files are read, without indexing them.

use crate::exit_codes::Exit;
use hrsearch::output::escape::printable;
use hrsearch::output::{inspect, jsont::InspectLine, write_json};
use std::path::PathBuf;

pub fn run(files: &[PathBuf], as_json: bool) -> anyhow::Result<Exit> {
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    for path in files {
        let reports = match hrsearch::read_report_file(path) {
            Ok(reports) => reports,
            Err(hrsearch::ReadError::Skipped(reason)) => {
                let (shown, reason) = (path.display().to_string(), reason.to_string());
                eprintln!(
                    "hrsearch: {} would be skipped: {}",
                    printable(&shown),
                    printable(&reason)
                );
                failed = true;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let source = path.display().to_string();
        for report in &reports {
            if as_json {
                for line in InspectLine::all(report, &source) {
                    write_json(&mut out, &line)?;
                }
            } else {
                inspect::print(&mut out, &source, report)?;
            }
        }
    }
    Ok(if failed { Exit::Error } else { Exit::Success })
}
