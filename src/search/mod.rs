//! Searching the passage index: query parsing (tantivy's grammar, words
//! required by default), filters, ranking or sorting, facet counts and
//! highlights. Search never formats; see [`crate::output`].

pub mod facets;
pub mod filters;
pub mod highlight;

use crate::analysis::{self, Side};
use crate::index::{Fields, PassageIndex};
use facets::{FacetCounter, FacetCounts};
use filters::Filters;
use highlight::{Highlighter, Marked};
use std::ops::Range;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query, QueryParser};
use tantivy::schema::Value;
use tantivy::tokenizer::TokenizerManager;
use tantivy::{DocAddress, Score, Searcher, SegmentReader, TantivyDocument};

/// Most hits one page may hold.
pub const MAX_LIMIT: usize = 10_000;

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
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    pub facets: bool,
}

/// A passage that matched, with where it comes from.
#[derive(Debug, Clone)]
pub struct Hit {
    pub score: Score,
    pub passage: StoredPassage,
    pub snippet: Marked,
    /// Char ranges of matched words in `passage.text`.
    pub highlights: Vec<Range<usize>>,
}

/// A passage as stored in the index.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoredPassage {
    pub country: String,
    pub country_key: String,
    pub year: u64,
    pub section_code: String,
    pub section_topic: String,
    pub section_path: Vec<String>,
    pub text: String,
    pub source: String,
    pub byte_range: [u64; 2],
    pub report_id: String,
    pub title: String,
}

/// What a search found.
#[derive(Debug, Clone)]
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Option<FacetCounts>,
}

/// A query the parser refuses.
#[derive(Debug, thiserror::Error)]
#[error("cannot parse query {query:?}: {reason}")]
pub struct QueryError {
    pub query: String,
    pub reason: String,
}

/// How much a passage gains when its section headings also match the query
/// ("pretrial detention" under the heading "Pretrial Detention").
const HEADING_BOOST: Score = 1.5;

/// Parses the user's query. Words are all required unless joined by OR.
pub fn parse_query(index: &PassageIndex, query: &str) -> Result<Box<dyn Query>, QueryError> {
    parse_for(index, query, index.fields.text)
}

/// The user's query on the text, ranked higher where the passage's headings
/// match it too.
pub fn ranked_query(index: &PassageIndex, user: Box<dyn Query>, query: &str) -> Box<dyn Query> {
    match parse_for(index, query, index.fields.headings) {
        Ok(on_headings) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, user),
            (
                Occur::Should,
                Box::new(BoostQuery::new(on_headings, HEADING_BOOST)),
            ),
        ])),
        Err(_) => user,
    }
}

fn parse_for(
    index: &PassageIndex,
    query: &str,
    field: tantivy::schema::Field,
) -> Result<Box<dyn Query>, QueryError> {
    let error = |reason: String| QueryError {
        query: query.to_string(),
        reason,
    };
    if query.trim().is_empty() {
        return Err(error("the query is empty".into()));
    }
    let tokenizers = TokenizerManager::default();
    analysis::register(&tokenizers, Side::Query);
    let mut parser = QueryParser::new(index.index.schema(), vec![field], tokenizers);
    parser.set_conjunction_by_default();
    parser.parse_query(query).map_err(|e| error(e.to_string()))
}

/// The user's query (or all passages) restricted by the filters.
pub fn filtered(user: Box<dyn Query>, filters: &Filters, fields: &Fields) -> Box<dyn Query> {
    let clauses = filters.clauses(fields);
    if clauses.is_empty() {
        return user;
    }
    let mut all = vec![(Occur::Must, user)];
    all.extend(clauses.into_iter().map(|q| (Occur::Must, q)));
    Box::new(BooleanQuery::new(all))
}

/// Every passage matching the filters alone.
pub fn filters_only(filters: &Filters, fields: &Fields) -> Box<dyn Query> {
    filtered(Box::new(AllQuery), filters, fields)
}

/// Runs a search.
pub fn run(index: &PassageIndex, request: &Request) -> anyhow::Result<Results> {
    let user = parse_query(index, &request.query)?;
    let searcher = index.reader.searcher();
    let highlighter = Highlighter::new(user.as_ref(), index.fields.text);
    let query = filtered(
        ranked_query(index, user, &request.query),
        &request.filters,
        &index.fields,
    );
    let limit = request.limit.clamp(1, MAX_LIMIT);
    let top = TopDocs::with_limit(limit).and_offset(request.offset);
    let facet_counter = request.facets.then_some(FacetCounter);
    let (addresses, total, facets): (Vec<(Score, DocAddress)>, usize, Option<FacetCounts>) =
        match request.sort {
            Sort::Relevance => {
                searcher.search(&query, &(top.order_by_score(), Count, facet_counter))?
            }
            Sort::Year => {
                let by_year = top.tweak_score(|segment: &SegmentReader| {
                    let years = segment
                        .fast_fields()
                        .u64("year")
                        .ok()
                        .map(|c| c.first_or_default_col(0));
                    move |doc, score: Score| (years.as_ref().map_or(0, |y| y.get_val(doc)), score)
                });
                let (hits, total, facets) =
                    searcher.search(&query, &(by_year, Count, facet_counter))?;
                (
                    hits.into_iter()
                        .map(|((_, score), addr)| (score, addr))
                        .collect(),
                    total,
                    facets,
                )
            }
        };
    let hits = addresses
        .into_iter()
        .map(|(score, address)| {
            let passage = load_passage(&searcher, &index.fields, address)?;
            let (highlights, snippet) = highlighter.mark(&passage.text);
            Ok(Hit {
                score,
                snippet,
                highlights,
                passage,
            })
        })
        .collect::<anyhow::Result<Vec<Hit>>>()?;
    Ok(Results {
        total,
        hits,
        facets,
    })
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
    }
}

/// Every passage matching the filters (and an optional query), ordered as
/// a custom report wants them: by country, year, then place in the report.
pub fn select(index: &PassageIndex, filters: &Filters) -> anyhow::Result<Vec<StoredPassage>> {
    let searcher = index.reader.searcher();
    let query = filters_only(filters, &index.fields);
    let mut passages = matching_addresses(&searcher, query.as_ref())?
        .into_iter()
        .map(|address| load_passage(&searcher, &index.fields, address))
        .collect::<tantivy::Result<Vec<_>>>()?;
    passages.sort_by(|a, b| {
        (&a.country, a.year, &a.source, a.byte_range[0]).cmp(&(
            &b.country,
            b.year,
            &b.source,
            b.byte_range[0],
        ))
    });
    Ok(passages)
}

/// The addresses of all matching documents, in index order.
pub fn matching_addresses(
    searcher: &Searcher,
    query: &dyn Query,
) -> tantivy::Result<Vec<DocAddress>> {
    let mut addresses: Vec<DocAddress> = searcher
        .search(query, &tantivy::collector::DocSetCollector)?
        .into_iter()
        .collect();
    addresses.sort();
    Ok(addresses)
}
