//! The index schema: one document per passage. Every field's name is a
//! constant here ([`names`]): the rest of the crate reads fast fields and
//! builds terms by these names, never by a string literal of its own.

use crate::analysis::{ANALYZER, PAIRS_ANALYZER};
use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

/// Bumped whenever the schema, the way passages are made or the way source
/// files are named changes; an index written with another version is
/// rebuilt. 3: sources are keyed by canonical corpus folder + path inside;
/// discrimination sub-sections are filed by their titles. 4: a file may
/// hold several reports, one report's copies in two files are one, and
/// passages know their pages. 5: the headings' word pairs.
pub const SCHEMA_VERSION: u32 = 5;

/// The names of the index's fields, as stored in its schema.
pub mod names {
    pub const TEXT: &str = "text";
    pub const HEADING_PAIRS: &str = "heading_pairs";
    pub const HEADINGS: &str = "headings";
    pub const COUNTRY: &str = "country";
    pub const COUNTRY_NAME: &str = "country_name";
    pub const YEAR: &str = "year";
    pub const TOPIC: &str = "topic";
    pub const TOPIC_KEY: &str = "topic_key";
    pub const CODE: &str = "code";
    pub const SECTION_CODE: &str = "section_code";
    pub const SECTION_PATH: &str = "section_path";
    pub const TITLE: &str = "title";
    pub const REPORT_ID: &str = "report_id";
    pub const SOURCE: &str = "source";
    pub const BYTE_START: &str = "byte_start";
    pub const BYTE_END: &str = "byte_end";
    pub const FORMAT: &str = "format";
    pub const FILE_BYTES: &str = "file_bytes";
    pub const PAGE_FIRST: &str = "page_first";
    pub const PAGE_LAST: &str = "page_last";
    pub const TEXT_PAIRS: &str = "text_pairs";
}

use names::*;

/// The fields of a passage document.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Passage text: searchable (positions for phrases) and stored.
    pub text: Field,
    /// Section headings above the passage: searchable, for ranking.
    pub headings: Field,
    /// Each two side-by-side words of the headings as one term
    /// ([`crate::analysis::PairTokenizer`]): a two-word phrase's ranking
    /// boost without reading positions.
    pub heading_pairs: Field,
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
    /// The format the source was read as ("pdf", "markdown"): a PDF
    /// passage's byte range is in the extracted text, not the file.
    pub format: Field,
    /// 1 when the byte range is one of the file (0: a PDF's extracted
    /// text, a UTF-16 file's decoded text).
    pub file_bytes: Field,
    /// First and last printed page, for sources with pages.
    pub page_first: Field,
    pub page_last: Field,
    /// Each two side-by-side words of the text as one term, in an index
    /// built with `--phrase-pairs`: a two-word phrase is then one posting
    /// list to read instead of both words' positions. `None`: not built so.
    pub text_pairs: Option<Field>,
}

/// Builds the schema (without the text's word pairs) and returns its fields.
pub fn build() -> (Schema, Fields) {
    build_with(Layout::default())
}

/// What an index holds beyond the fields every index has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// The text's word pairs ([`Fields::text_pairs`]).
    pub text_pairs: bool,
}

impl Layout {
    /// The layout of an index with this schema.
    pub fn of(schema: &Schema) -> Layout {
        Layout {
            text_pairs: schema.get_field(TEXT_PAIRS).is_ok(),
        }
    }

    /// The layout of the index in `dir`, read from its meta.json's field
    /// names (the default when there is none or it cannot be read).
    pub fn of_folder(dir: &std::path::Path) -> Layout {
        let meta: Option<serde_json::Value> = std::fs::read(dir.join("meta.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok());
        let has = |name: &str| {
            meta.as_ref()
                .and_then(|m| m["schema"].as_array())
                .is_some_and(|fields| fields.iter().any(|f| f["name"] == name))
        };
        Layout {
            text_pairs: has(TEXT_PAIRS),
        }
    }
}

/// Builds the schema of `layout` and returns its fields. The optional
/// fields come last, so that every other field has the same number in
/// every layout.
pub fn build_with(layout: Layout) -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_options = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        text: b.add_text_field(TEXT, text_options.clone()),
        heading_pairs: b.add_text_field(HEADING_PAIRS, pairs_options()),
        headings: b.add_text_field(
            HEADINGS,
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(ANALYZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        ),
        country: b.add_text_field(COUNTRY, STRING | STORED | FAST),
        country_name: b.add_text_field(COUNTRY_NAME, STORED | FAST),
        year: b.add_u64_field(YEAR, INDEXED | STORED | FAST),
        topic: b.add_facet_field(TOPIC, FacetOptions::default().set_stored()),
        topic_key: b.add_text_field(TOPIC_KEY, STRING | STORED | FAST),
        code: b.add_facet_field(CODE, FacetOptions::default()),
        code_str: b.add_text_field(SECTION_CODE, STRING | STORED),
        section_path: b.add_text_field(SECTION_PATH, STORED),
        title: b.add_text_field(TITLE, STORED),
        report_id: b.add_text_field(REPORT_ID, STRING | STORED),
        source: b.add_text_field(SOURCE, STRING | STORED),
        byte_start: b.add_u64_field(BYTE_START, STORED | FAST),
        byte_end: b.add_u64_field(BYTE_END, STORED),
        format: b.add_text_field(FORMAT, STRING | STORED),
        file_bytes: b.add_u64_field(FILE_BYTES, STORED),
        page_first: b.add_u64_field(PAGE_FIRST, STORED),
        page_last: b.add_u64_field(PAGE_LAST, STORED),
        text_pairs: None,
    };
    let fields = Fields {
        text_pairs: layout
            .text_pairs
            .then(|| b.add_text_field(TEXT_PAIRS, pairs_options())),
        ..fields
    };
    (b.build(), fields)
}

/// A field of word pairs: counted (a phrase's count scores it), not
/// stored, no positions, no lengths (the words' own field has those).
fn pairs_options() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(PAIRS_ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs)
            .set_fieldnorms(false),
    )
}

/// The fields of an index opened from disk, by name.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        text: f(TEXT)?,
        heading_pairs: f(HEADING_PAIRS)?,
        headings: f(HEADINGS)?,
        country: f(COUNTRY)?,
        country_name: f(COUNTRY_NAME)?,
        year: f(YEAR)?,
        topic: f(TOPIC)?,
        topic_key: f(TOPIC_KEY)?,
        code: f(CODE)?,
        code_str: f(SECTION_CODE)?,
        section_path: f(SECTION_PATH)?,
        title: f(TITLE)?,
        report_id: f(REPORT_ID)?,
        source: f(SOURCE)?,
        byte_start: f(BYTE_START)?,
        byte_end: f(BYTE_END)?,
        format: f(FORMAT)?,
        file_bytes: f(FILE_BYTES)?,
        page_first: f(PAGE_FIRST)?,
        page_last: f(PAGE_LAST)?,
        text_pairs: f(TEXT_PAIRS).ok(),
    })
}

/// "1.d" -> "/1/d"; "exec" -> "/exec".
pub fn code_facet(code: &str) -> String {
    format!("/{}", code.replace('.', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_pairs_field_comes_last_and_names_the_layout() {
        let (plain, plain_fields) = build();
        let (pairs, pairs_fields) = build_with(Layout { text_pairs: true });
        assert_eq!(Layout::of(&plain), Layout::default());
        assert_eq!(Layout::of(&pairs), Layout { text_pairs: true });
        assert!(plain_fields.text_pairs.is_none());
        // Every other field keeps its number, so the two layouts differ
        // only by the one field.
        assert_eq!(pairs.fields().count(), plain.fields().count() + 1);
        for (field, entry) in plain.fields() {
            assert_eq!(pairs.get_field(entry.name()).unwrap(), field);
        }
        assert_eq!(
            fields_of(&pairs).unwrap().text_pairs,
            pairs_fields.text_pairs
        );
        assert_eq!(fields_of(&plain).unwrap().text_pairs, None);
    }
}
