//! The query language: words (all required), `"phrases"`, `"phrase"~N`,
//! `word*`, `OR`, `AND`, `NOT word` / `-word`, parentheses. Text is lexed
//! ([`lex`]) and parsed ([`parse`]) here, not by tantivy's grammar, so that
//! apostrophes belong to words, every fault is named with its place, and
//! the limits below hold before any work is done; the tree is then built
//! into a tantivy query on one field ([`build`]).

mod build;
pub mod lex;
mod pair;
pub mod parse;
pub mod prefix;

pub use pair::PairQuery;
pub use parse::{Clause, Node};
use tantivy::Searcher;
use tantivy::query::Query;
use tantivy::schema::Field;

/// Bounds on a query, checked before it is parsed or run (documented in
/// the README).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Characters in the query.
    pub chars: usize,
    /// Levels of parentheses.
    pub depth: usize,
    /// Words in the query, phrases' words included.
    pub words: usize,
    /// Words of one phrase; a longer phrase keeps its first ones.
    pub phrase_words: usize,
    /// The largest N of `"phrase"~N`.
    pub slop: u32,
    /// Letters a prefix needs before its `*`.
    pub prefix_letters: usize,
    /// Terms one prefix may stand for (the most frequent are kept).
    pub expansions: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            chars: 2_000,
            depth: 16,
            words: 64,
            phrase_words: 32,
            slop: 1_000,
            prefix_letters: 2,
            expansions: 500,
        }
    }
}

/// A query that cannot be run, with what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot parse query {shown}: {reason}")]
pub struct QueryError {
    /// The query as shown in the message (cut short when long).
    pub shown: String,
    pub reason: String,
}

impl QueryError {
    /// A fault at character `at` (0-based) of `query`.
    pub fn at(query: &str, at: usize, reason: String) -> QueryError {
        QueryError {
            shown: shown(query),
            reason: format!("at character {}, {reason}", at + 1),
        }
    }

    /// A query refused as a whole.
    pub fn refused(query: &str, reason: String) -> QueryError {
        QueryError {
            shown: shown(query),
            reason,
        }
    }
}

/// The query quoted on one line, cut to its first 60 characters.
fn shown(query: &str) -> String {
    const SHOWN: usize = 60;
    let count = query.chars().count();
    if count <= SHOWN {
        format!("{query:?}")
    } else {
        let start: String = query.chars().take(SHOWN).collect();
        format!("{start:?}… ({count} characters)")
    }
}

/// A query parsed into a tree, and what parsing changed.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub text: String,
    pub tree: Node,
    pub warnings: Vec<String>,
}

/// Parses a query, within `limits`.
pub fn parse(query: &str, limits: &Limits) -> Result<Parsed, QueryError> {
    // Bytes first: a huge query is refused without reading it through.
    if query.len() > limits.chars * 4 || query.chars().count() > limits.chars {
        return Err(QueryError::refused(
            query,
            format!(
                "it is longer than {} characters; search for its most telling words or phrase",
                limits.chars
            ),
        ));
    }
    let lexed = lex::lex(query, limits)?;
    let tree = parse::parse(query, &lexed.tokens)?
        .ok_or_else(|| QueryError::refused(query, "the query is empty".into()))?;
    Ok(Parsed {
        text: query.to_string(),
        tree,
        warnings: lexed.warnings,
    })
}

/// The parsed query as a tantivy query on `field`, with notes on what was
/// changed (a prefix standing for too many words). Two-word phrases are
/// read from `pairs`, the field's word pairs, when it has them.
pub fn build(
    parsed: &Parsed,
    searcher: &Searcher,
    (field, pairs): (Field, Option<Field>),
    limits: &Limits,
) -> anyhow::Result<(Box<dyn Query>, Vec<String>)> {
    let mut builder = build::Builder {
        searcher,
        field,
        pairs,
        limits,
        warnings: Vec::new(),
    };
    let query = builder.build(&parsed.tree)?.ok_or_else(|| {
        QueryError::refused(
            &parsed.text,
            "it has no words to search for (only punctuation or operators)".into(),
        )
    })?;
    Ok((query, builder.warnings))
}

/// Every word and phrase the query requires (not under an exclusion), for
/// "did you mean" and for telling what found nothing.
pub fn required_leaves(node: &Node) -> Vec<&Node> {
    let mut out = Vec::new();
    collect(node, &mut out);
    out
}

fn collect<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    match node {
        Node::Word { .. } | Node::Phrase { .. } => out.push(node),
        Node::All(clauses) => clauses
            .iter()
            .filter(|c| !c.excluded)
            .for_each(|c| collect(&c.node, out)),
        Node::Any(nodes) => nodes.iter().for_each(|n| collect(n, out)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_queries_are_refused_before_lexing() {
        let huge = "detention ".repeat(20_000);
        let err = parse(&huge, &Limits::default()).unwrap_err().to_string();
        assert!(err.contains("longer than 2000 characters"), "{err}");
        assert!(err.len() < 200, "the message stays short: {err}");
        let nested = format!("{}torture{}", "(".repeat(9000), ")".repeat(9000));
        assert!(parse(&nested, &Limits::default()).is_err());
        let deep = format!("{}torture{}", "(".repeat(17), ")".repeat(17));
        let err = parse(&deep, &Limits::default()).unwrap_err().to_string();
        assert!(
            err.contains("at character 17, parentheses nest deeper than 16"),
            "{err}"
        );
    }

    #[test]
    fn empty_queries_are_refused() {
        for query in ["", "   "] {
            let err = parse(query, &Limits::default()).unwrap_err().to_string();
            assert!(err.contains("empty"), "{err}");
        }
    }
}
