//! `hrsearch export`: indexed passages as JSON Lines on stdout.

use crate::cli::{FilterArgs, Locations};
use crate::exit_codes::Exit;
use hrsearch::output::{self, jsont, write_json};
use std::io::{BufWriter, Write};

pub fn run(locations: &Locations, args: &FilterArgs) -> anyhow::Result<Exit> {
    let filters = super::filters(args)?;
    let index = super::open_or_build(locations)?;
    let export = hrsearch::search::export(&index, &filters)?;
    output::warn(&export.warnings);
    let found = export.passages.remaining() > 0;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for passage in export.passages {
        let mut passage = passage?;
        passage.show_source();
        write_json(&mut out, &jsont::Passage::from(&passage))?;
    }
    out.flush()?;
    Ok(if found { Exit::Success } else { Exit::NoMatch })
}
