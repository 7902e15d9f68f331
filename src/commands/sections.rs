//! `hrsearch sections`: the canonical outline, the topics `--section` takes.

use crate::exit_codes::Exit;
use hrsearch::outline;

pub fn run() -> anyhow::Result<Exit> {
    for section in outline::SECTIONS {
        println!("{:<40} {}", section.topic, section.title);
        for child in outline::children(section.topic) {
            println!("  {:<38} {}", child.topic, child.title);
        }
    }
    Ok(Exit::Success)
}
