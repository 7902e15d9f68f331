//! Searching the passage index: the query language ([`query`]), filters
//! and their checks against the index ([`filters`], [`checks`]), ranking or
//! sorting, paging within bounds, facet counts, highlights and snippets,
//! and "did you mean" ([`suggest`]). Search never formats; see
//! [`crate::output`].

mod assemble;
pub mod checks;
mod error;
pub mod facets;
pub mod filters;
pub mod fold;
pub mod highlight;
pub mod query;
mod select;
pub mod snippet;
pub mod suggest;

pub use assemble::{filtered, filters_only};
pub use error::{Fault, SearchError};
pub use select::{
    Export, Passages, Selection, check_report_filters, custom_report, export, matching_addresses,
    select,
};

use crate::index::schema::names;
use crate::index::{Fields, PassageIndex};
use facets::{FacetCounter, FacetCounts};
use filters::Filters;
use highlight::{Highlighter, Marked};
use query::{Limits, Parsed};
use std::ops::Range;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::{DocAddress, Score, Searcher, SegmentReader, TantivyDocument};

/// Most hits one page may hold.
pub const MAX_LIMIT: usize = 10_000;
/// How deep pages may go: `offset + limit` at most this.
pub const MAX_WINDOW: usize = 100_000;

/// Ordering of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    /// Newest reports first, then by relevance.
    Year,
}

/// A search as the user asked for it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub query: String,
    pub filters: Filters,
    /// Hits per page; 0 for the total (and facets) alone.
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    pub facets: bool,
    /// Fold near-copies of a hit from other years under it ([`fold`]).
    pub fold: bool,
}

/// A passage that matched, with where it comes from.
#[derive(Debug, Clone)]
pub struct Hit {
    pub score: Score,
    pub passage: StoredPassage,
    pub snippet: Marked,
    /// Char ranges of matched words in `passage.text`.
    pub highlights: Vec<Range<usize>>,
    /// Nearly the same passage in other editions, folded under this hit.
    pub also_in: Vec<fold::AlsoIn>,
}

/// A passage as stored in the index.
#[derive(Debug, Clone)]
pub struct StoredPassage {
    pub country: String,
    pub country_key: String,
    pub year: u64,
    pub section_code: String,
    pub section_topic: String,
    pub section_path: Vec<String>,
    pub text: String,
    pub source: String,
    /// Byte range in the source as read: for a PDF, in the text extracted
    /// from it ([`StoredPassage::file_byte_range`] says which).
    pub byte_range: [u64; 2],
    pub report_id: String,
    pub title: String,
    /// The format the source was read as ("pdf", "markdown", ...).
    pub format: String,
    /// Whether `byte_range` is a range of the file's bytes (not for a PDF
    /// or a file decoded from UTF-16).
    pub bytes_in_file: bool,
    /// First and last printed page, for sources with pages.
    pub pages: Option<[u64; 2]>,
}

impl StoredPassage {
    /// The byte range, when it is a range of the source file (not for a
    /// PDF, whose passages are cited by page, nor for a file decoded from
    /// UTF-16).
    pub fn file_byte_range(&self) -> Option<[u64; 2]> {
        self.bytes_in_file.then_some(self.byte_range)
    }

    /// Names the source file as the user can open it from the current
    /// directory (relative when under it), rather than by its index key.
    pub fn show_source(&mut self) {
        self.source = crate::corpus::walk::shown(&self.source);
    }
}

/// What a search found.
#[derive(Debug, Clone)]
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Option<FacetCounts>,
    /// What the user should know: a filter value the index lacks, a phrase
    /// cut short, a word no passage holds.
    pub warnings: Vec<String>,
    /// When nothing matched: the query with misspelt words corrected.
    pub did_you_mean: Option<String>,
    /// Matching passages folded under the hits shown (near-copies from
    /// other years); they count in `total` and the facets.
    pub folded: usize,
}

pub use query::QueryError;

impl Results {
    /// Source files named as the user can open them ([`StoredPassage::show_source`]).
    pub fn show_sources(&mut self) {
        for hit in &mut self.hits {
            hit.passage.show_source();
        }
    }
}

/// A page the search cannot give.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error("--limit {0} is more than a page may hold ({MAX_LIMIT}); page with --offset")]
    Limit(usize),
    #[error(
        "--offset {offset} with --limit {limit} goes past the {MAX_WINDOW} best hits, the deepest a search pages; narrow it with --country, --year or --section, or use `hrsearch export`"
    )]
    Window { offset: usize, limit: usize },
}

/// Checks a page request before any work is done.
pub fn check_page(limit: usize, offset: usize) -> Result<(), PageError> {
    if limit > MAX_LIMIT {
        return Err(PageError::Limit(limit));
    }
    match offset.checked_add(limit) {
        Some(end) if end <= MAX_WINDOW => Ok(()),
        _ => Err(PageError::Window { offset, limit }),
    }
}

/// Resolves filter values as users give them (a `--section` may be a
/// topic, a word of its title or a code); a section that names nothing,
/// or several, is an error naming it.
pub fn resolve_filters(
    countries: &[String],
    years: &[filters::YearRange],
    sections: &[String],
) -> Result<Filters, SearchError> {
    Ok(Filters {
        countries: countries.to_vec(),
        years: years.to_vec(),
        sections: sections
            .iter()
            .map(|s| filters::resolve_section(s).map_err(SearchError::Section))
            .collect::<Result<_, _>>()?,
    })
}

/// Checks a request before any work is done (before an index is opened
/// or built): the page and the query.
pub fn precheck(request: &Request) -> Result<(), SearchError> {
    check_page(request.limit, request.offset)?;
    query::parse(&request.query, &Limits::default())?;
    Ok(())
}

/// A query read and built against the index, with the warnings that
/// reading it, building it and checking the filters gave: where a search
/// and a trend both start.
pub struct Prepared {
    pub parsed: Parsed,
    pub searcher: Searcher,
    pub query: Box<dyn Query>,
    pub warnings: Vec<String>,
}

/// Reads `text` as a query, builds it on the passage text and checks
/// `filters` against the index.
pub fn prepare(
    index: &PassageIndex,
    text: &str,
    filters: &Filters,
) -> Result<Prepared, SearchError> {
    let limits = Limits::default();
    let parsed = query::parse(text, &limits)?;
    let searcher = index.reader.searcher();
    let text = (index.fields.text, index.fields.text_pairs);
    let (query, built) = query::build(&parsed, &searcher, text, &limits)?;
    let mut warnings = parsed.warnings.clone();
    warnings.extend(built);
    warnings.extend(checks::check(index, filters)?);
    Ok(Prepared {
        parsed,
        searcher,
        query,
        warnings,
    })
}

/// Runs a search: the page and the query are checked first, then the
/// filters against the index; when nothing matches, the words no passage
/// holds are named, with what was likely meant.
pub fn run(index: &PassageIndex, request: &Request) -> Result<Results, SearchError> {
    check_page(request.limit, request.offset)?;
    let Prepared {
        parsed,
        searcher,
        query: user,
        mut warnings,
    } = prepare(index, &request.query, &request.filters)?;
    let highlighter = Highlighter::new(user.as_ref(), index.fields.text);
    let boost = assemble::heading_boost(index, &searcher, &parsed);
    let query = assemble::combined(user, request.filters.clauses(&index.fields), boost);
    let facet_counter = request.facets.then_some(FacetCounter);
    let page = if request.limit == 0 {
        let (total, facets) = searcher.search(&query, &(Count, facet_counter))?;
        fold::FoldedPage {
            hits: Vec::new(),
            total,
            facets,
            folded: 0,
        }
    } else if request.fold {
        fold::folded_page(
            &searcher,
            &index.fields,
            query.as_ref(),
            request,
            facet_counter,
        )?
    } else {
        unfolded_page(
            &searcher,
            &index.fields,
            query.as_ref(),
            request,
            facet_counter,
        )?
    };
    let (total, facets, folded) = (page.total, page.facets, page.folded);
    let hits = page
        .hits
        .into_iter()
        .map(|hit| {
            let (highlights, snippet) = highlighter.mark(&hit.passage.text);
            Hit {
                score: hit.score,
                snippet,
                highlights,
                passage: hit.passage,
                also_in: hit.also_in,
            }
        })
        .collect();
    let mut did_you_mean = None;
    if total == 0 {
        let advice = suggest::advise(index, &parsed)?;
        warnings.extend(advice.messages());
        did_you_mean = advice.did_you_mean;
    }
    Ok(Results {
        total,
        hits,
        facets,
        warnings,
        did_you_mean,
        folded,
    })
}

/// Every hit of the page, as ranked.
fn unfolded_page(
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
    request: &Request,
    facet_counter: Option<FacetCounter>,
) -> anyhow::Result<fold::FoldedPage> {
    let (addresses, total, facets) = top_hits(searcher, query, request, facet_counter)?;
    let hits = addresses
        .into_iter()
        .map(|(score, address)| {
            Ok(fold::FoldedHit {
                score,
                passage: load_passage(searcher, fields, address)?,
                also_in: Vec::new(),
            })
        })
        .collect::<tantivy::Result<Vec<_>>>()?;
    Ok(fold::FoldedPage {
        hits,
        total,
        facets,
        folded: 0,
    })
}

type Page = (Vec<(Score, DocAddress)>, usize, Option<FacetCounts>);

/// One page of hits in the requested order, the total and the facets.
fn top_hits(
    searcher: &Searcher,
    query: &dyn Query,
    request: &Request,
    facet_counter: Option<FacetCounter>,
) -> tantivy::Result<Page> {
    let top = TopDocs::with_limit(request.limit).and_offset(request.offset);
    match request.sort {
        Sort::Relevance => searcher.search(query, &(top.order_by_score(), Count, facet_counter)),
        Sort::Year => {
            let by_year = top.tweak_score(|segment: &SegmentReader| {
                let years = segment
                    .fast_fields()
                    .u64(names::YEAR)
                    .ok()
                    .map(|c| c.first_or_default_col(0));
                move |doc, score: Score| (years.as_ref().map_or(0, |y| y.get_val(doc)), score)
            });
            let (hits, total, facets) = searcher.search(query, &(by_year, Count, facet_counter))?;
            Ok((
                hits.into_iter()
                    .map(|((_, score), addr)| (score, addr))
                    .collect(),
                total,
                facets,
            ))
        }
    }
}

/// Reads a stored passage back.
pub fn load_passage(
    searcher: &Searcher,
    f: &Fields,
    address: DocAddress,
) -> tantivy::Result<StoredPassage> {
    let doc: TantivyDocument = searcher.doc(address)?;
    Ok(passage_from_doc(&doc, f))
}

/// Turns a stored document into a passage.
pub fn passage_from_doc(doc: &TantivyDocument, f: &Fields) -> StoredPassage {
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let number = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
    StoredPassage {
        country: text(f.country_name),
        country_key: text(f.country),
        year: number(f.year),
        section_code: text(f.code_str),
        section_topic: text(f.topic_key),
        section_path: serde_json::from_str(&text(f.section_path)).unwrap_or_default(),
        text: text(f.text),
        source: text(f.source),
        byte_range: [number(f.byte_start), number(f.byte_end)],
        report_id: text(f.report_id),
        title: text(f.title),
        format: text(f.format),
        bytes_in_file: number(f.file_bytes) == 1,
        pages: doc
            .get_first(f.page_first)
            .and_then(|v| v.as_u64())
            .map(|first| [first, number(f.page_last).max(first)]),
    }
}
