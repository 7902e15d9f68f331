//! The index schema: one document per passage.

use crate::analysis::ANALYZER;
use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

/// Bumped whenever the schema, the way passages are made or the way source
/// files are named changes; an index written with another version is
/// rebuilt. 3: sources are keyed by canonical corpus folder + path inside;
/// discrimination sub-sections are filed by their titles.
pub const SCHEMA_VERSION: u32 = 3;

/// The fields of a passage document.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Passage text: searchable (positions for phrases) and stored.
    pub text: Field,
    /// Section headings above the passage: searchable, for ranking.
    pub headings: Field,
    /// Country key ("kyrgyz-republic"): filter and facet.
    pub country: Field,
    /// Country display name ("Kyrgyz Republic").
    pub country_name: Field,
    /// Year the report covers: range filters and counts.
    pub year: Field,
    /// Canonical topic as a hierarchical facet ("/integrity/arbitrary-arrest").
    pub topic: Field,
    /// Canonical topic path as a string, for per-topic counts.
    pub topic_key: Field,
    /// The report's own section code as a facet ("/1/d"), for `--section 1.d`.
    pub code: Field,
    /// The report's own section code as written ("1.d").
    pub code_str: Field,
    /// Heading path, stored as a JSON array.
    pub section_path: Field,
    pub title: Field,
    pub report_id: Field,
    /// Source file key: deleting a file's passages goes by this term.
    pub source: Field,
    pub byte_start: Field,
    pub byte_end: Field,
}

/// Builds the schema and returns its fields.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_options = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        text: b.add_text_field("text", text_options.clone()),
        headings: b.add_text_field(
            "headings",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(ANALYZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        ),
        country: b.add_text_field("country", STRING | STORED | FAST),
        country_name: b.add_text_field("country_name", STORED | FAST),
        year: b.add_u64_field("year", INDEXED | STORED | FAST),
        topic: b.add_facet_field("topic", FacetOptions::default().set_stored()),
        topic_key: b.add_text_field("topic_key", STRING | STORED | FAST),
        code: b.add_facet_field("code", FacetOptions::default()),
        code_str: b.add_text_field("section_code", STRING | STORED),
        section_path: b.add_text_field("section_path", STORED),
        title: b.add_text_field("title", STORED),
        report_id: b.add_text_field("report_id", STRING | STORED),
        source: b.add_text_field("source", STRING | STORED),
        byte_start: b.add_u64_field("byte_start", STORED | FAST),
        byte_end: b.add_u64_field("byte_end", STORED),
    };
    (b.build(), fields)
}

/// The fields of an index opened from disk, by name.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        text: f("text")?,
        headings: f("headings")?,
        country: f("country")?,
        country_name: f("country_name")?,
        year: f("year")?,
        topic: f("topic")?,
        topic_key: f("topic_key")?,
        code: f("code")?,
        code_str: f("section_code")?,
        section_path: f("section_path")?,
        title: f("title")?,
        report_id: f("report_id")?,
        source: f("source")?,
        byte_start: f("byte_start")?,
        byte_end: f("byte_end")?,
    })
}

/// "1.d" -> "/1/d"; "exec" -> "/exec".
pub fn code_facet(code: &str) -> String {
    format!("/{}", code.replace('.', "/"))
}
