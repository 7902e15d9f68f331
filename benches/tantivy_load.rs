//! The floor under hrsearch's index build: stock tantivy loading the same
//! passages that FTS5 loads in `benches/compare.sh`, already split into
//! fields (not timed), with tantivy's own `en_stem` analyzer, positions for
//! phrases, the text stored, the writer's default merge policy and the same
//! threads and memory budget as hrsearch. No report parsing, no chunking,
//! no facets, no final merge: what is left is tantivy's own indexing cost.
//!
//! usage: TANTIVY_LOAD_INPUT=passages.jsonl TANTIVY_LOAD_INDEX=DIR \
//!        cargo bench --bench tantivy_load
//! (the input is `hrsearch export` output). Prints "seconds peak_mb".

use serde::Deserialize;
use std::io::BufRead;
use std::time::Instant;
use tantivy::schema::{IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexWriter, TantivyDocument};

#[derive(Deserialize)]
struct Row {
    text: String,
    country: String,
    year: u64,
    section_topic: String,
}

fn main() -> anyhow::Result<()> {
    let (Ok(input), Ok(dir)) = (
        std::env::var("TANTIVY_LOAD_INPUT"),
        std::env::var("TANTIVY_LOAD_INDEX"),
    ) else {
        eprintln!(
            "skipping: set TANTIVY_LOAD_INPUT and TANTIVY_LOAD_INDEX (see benches/compare.sh)"
        );
        return Ok(());
    };
    let rows: Vec<Row> = std::io::BufReader::new(std::fs::File::open(&input)?)
        .lines()
        .map(|line| Ok(serde_json::from_str(&line?)?))
        .collect::<anyhow::Result<_>>()?;

    let started = Instant::now();
    let mut builder = Schema::builder();
    let text = builder.add_text_field(
        "text",
        TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    let country = builder.add_text_field("country", STRING | STORED);
    let year = builder.add_u64_field("year", STORED);
    let section = builder.add_text_field("section", STRING | STORED);
    std::fs::create_dir_all(&dir)?;
    let index = Index::create_in_dir(&dir, builder.build())?;
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let mut writer: IndexWriter = index.writer_with_num_threads(threads, 96 << 20)?;
    for row in rows {
        let mut doc = TantivyDocument::default();
        doc.add_text(text, row.text);
        doc.add_text(country, row.country);
        doc.add_u64(year, row.year);
        doc.add_text(section, row.section_topic);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    println!("{:.2} {}", started.elapsed().as_secs_f64(), peak_mb());
    Ok(())
}

/// Peak resident memory of this process, from /proc (0 where there is none).
fn peak_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or(0, |kb| kb / 1024)
}
