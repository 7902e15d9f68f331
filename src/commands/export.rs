//! `hrsearch export`: indexed passages as JSON Lines on stdout.

use crate::cli::{FilterArgs, Locations};
use crate::exit_codes::Exit;
use hrsearch::output::{self, json};
use hrsearch::search::{checks, filters_only, load_passage, matching_addresses};
use std::io::{BufWriter, Write};

pub fn run(locations: &Locations, args: &FilterArgs) -> anyhow::Result<Exit> {
    let filters = super::filters(args)?;
    let index = super::open_or_build(locations)?;
    output::warn(&checks::check(&index, &filters)?);
    let searcher = index.reader.searcher();
    let query = filters_only(&filters, &index.fields);
    let addresses = matching_addresses(&searcher, query.as_ref())?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for address in &addresses {
        let mut passage = load_passage(&searcher, &index.fields, *address)?;
        super::show_source(&mut passage);
        serde_json::to_writer(&mut out, &json::passage(&passage))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(if addresses.is_empty() {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}
