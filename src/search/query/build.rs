//! A query tree to a tantivy query on one field: each word and phrase
//! through the index's analyzer (query side), prefixes expanded over the
//! field's terms ([`super::prefix`]), `All` and `Any` as boolean queries.
//! A word the analyzer keeps nothing of ("—", "&") drops out.

use super::parse::{Clause, Node};
use super::{Limits, PairQuery, prefix};
use crate::analysis::{self, Side};
use tantivy::query::{AllQuery, BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

/// Builds queries for one field of one index.
pub struct Builder<'a> {
    pub searcher: &'a Searcher,
    pub field: Field,
    /// The field's word pairs, for two-word phrases ([`PairQuery`]).
    pub pairs: Option<Field>,
    pub limits: &'a Limits,
    /// Notes on what was changed (a prefix with too many words cut down).
    pub warnings: Vec<String>,
}

impl Builder<'_> {
    /// The query for `node`, or `None` when nothing in it is searchable.
    pub fn build(&mut self, node: &Node) -> tantivy::Result<Option<Box<dyn Query>>> {
        Ok(match node {
            Node::Word {
                text,
                prefix: false,
                ..
            } => self.text(text, 0),
            Node::Phrase { text, slop, .. } => self.text(text, *slop),
            Node::Word {
                text, prefix: true, ..
            } => Some(self.prefix(text)?),
            Node::All(clauses) => self.all(clauses)?,
            Node::Any(nodes) => {
                let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for node in nodes {
                    if let Some(query) = self.build(node)? {
                        alternatives.push((Occur::Should, query));
                    }
                }
                match alternatives.len() {
                    0 => None,
                    1 => alternatives.pop().map(|(_, q)| q),
                    _ => Some(Box::new(BooleanQuery::new(alternatives))),
                }
            }
        })
    }

    fn all(&mut self, clauses: &[Clause]) -> tantivy::Result<Option<Box<dyn Query>>> {
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for clause in clauses {
            if let Some(query) = self.build(&clause.node)? {
                let occur = if clause.excluded {
                    Occur::MustNot
                } else {
                    Occur::Must
                };
                parts.push((occur, query));
            }
        }
        if parts.is_empty() {
            return Ok(None);
        }
        // Only exclusions: everything else is meant ("NOT torture").
        if parts.iter().all(|(occur, _)| *occur == Occur::MustNot) {
            parts.push((Occur::Must, Box::new(AllQuery)));
        }
        if parts.len() == 1 {
            return Ok(parts.pop().map(|(_, q)| q));
        }
        Ok(Some(Box::new(BooleanQuery::new(parts))))
    }

    /// A word or phrase: one term, or the terms at their positions (a word
    /// the analyzer splits, like "U.S.", is a phrase of its parts).
    fn text(&self, text: &str, slop: u32) -> Option<Box<dyn Query>> {
        let terms: Vec<(usize, Term)> = analysis::terms(text, Side::Query)
            .into_iter()
            .map(|(position, term)| (position, Term::from_field_text(self.field, &term)))
            .collect();
        match terms.len() {
            0 => None,
            1 => Some(Box::new(TermQuery::new(
                terms.into_iter().next().expect("one").1,
                IndexRecordOption::WithFreqs,
            ))),
            2 if slop == 0 && terms[1].0 == terms[0].0 + 1 => {
                let words = [terms[0].1.clone(), terms[1].1.clone()];
                match self.pairs.and_then(|pairs| PairQuery::new(words, pairs)) {
                    Some(pair) => Some(Box::new(pair)),
                    None => Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, 0))),
                }
            }
            _ => Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))),
        }
    }

    /// `detain*`: any of the field's terms the prefix stands for.
    fn prefix(&mut self, text: &str) -> tantivy::Result<Box<dyn Query>> {
        let expansion = prefix::expand(self.searcher, self.field, text, self.limits.expansions)?;
        if expansion.kept < expansion.found {
            self.warnings.push(format!(
                "{text}* stands for {} words in the index; searching the {} most frequent",
                expansion.found, expansion.kept
            ));
        }
        let terms: Vec<(Occur, Box<dyn Query>)> = expansion
            .terms
            .into_iter()
            .map(|term| {
                let query: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(self.field, &term),
                    IndexRecordOption::WithFreqs,
                ));
                (Occur::Should, query)
            })
            .collect();
        Ok(match terms.len() {
            0 => Box::new(EmptyQuery),
            _ => Box::new(BooleanQuery::new(terms)),
        })
    }
}
