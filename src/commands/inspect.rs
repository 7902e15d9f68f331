//! `hrsearch inspect`: how files are read, without indexing them.

use crate::exit_codes::Exit;
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;

pub fn run(files: &[PathBuf], as_json: bool) -> anyhow::Result<Exit> {
    let mut failed = false;
    for path in files {
        let bytes = std::fs::read(path)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        let report = match hrsearch::read_report(path, &bytes) {
            Ok(report) => report,
            Err(reason) => {
                eprintln!("hrsearch: {} would be skipped: {reason}", path.display());
                failed = true;
                continue;
            }
        };
        if !as_json {
            writeln!(
                std::io::stdout(),
                "{}: {} {} ({:?}), {} passages",
                path.display(),
                report.meta.country,
                report.meta.year,
                report.format,
                report.passages.len()
            )?;
        }
        for p in &report.passages {
            if as_json {
                let line = json!({
                    "source": path.display().to_string(), "country": report.meta.country, "year": report.meta.year,
                    "section_code": p.section.code, "section_topic": p.section.topic, "section_path": p.section.path,
                    "byte_range": [p.byte_range.start, p.byte_range.end], "text": p.text,
                });
                writeln!(std::io::stdout(), "{line}")?;
            } else {
                let words = p.text.split_whitespace().count();
                let start: String = p.text.chars().take(70).collect();
                writeln!(
                    std::io::stdout(),
                    "  {:<6} {:<38} {:>4}w  {}",
                    p.section.code,
                    p.section.topic,
                    words,
                    start.replace('\n', " ")
                )?;
            }
        }
    }
    Ok(if failed { Exit::Error } else { Exit::Success })
}
