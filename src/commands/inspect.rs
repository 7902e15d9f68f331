//! `hrsearch inspect`: how files are read, without indexing them.

use crate::exit_codes::Exit;
use hrsearch::output::{jsont::InspectLine, write_json};
use std::io::Write;
use std::path::PathBuf;

pub fn run(files: &[PathBuf], as_json: bool) -> anyhow::Result<Exit> {
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    for path in files {
        let report = match hrsearch::read_report_file(path) {
            Ok(report) => report,
            Err(hrsearch::ReadError::Skipped(reason)) => {
                eprintln!("hrsearch: {} would be skipped: {reason}", path.display());
                failed = true;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let source = path.display().to_string();
        if as_json {
            for line in InspectLine::all(&report, &source) {
                write_json(&mut out, &line)?;
            }
            continue;
        }
        writeln!(
            out,
            "{source}: {} {} ({:?}), {} passages",
            report.meta.country,
            report.meta.year,
            report.format,
            report.passages.len()
        )?;
        for p in &report.passages {
            let words = p.text.split_whitespace().count();
            let start: String = p.text.chars().take(70).collect();
            writeln!(
                out,
                "  {:<6} {:<38} {:>4}w  {}",
                p.section.code,
                p.section.topic,
                words,
                start.replace('\n', " ")
            )?;
        }
    }
    Ok(if failed { Exit::Error } else { Exit::Success })
}
