//! The query a search runs: the user's query, the filters and the boost of
//! passages whose headings match too, put together as one flat boolean
//! query.

use super::filters::Filters;
use super::query::{self, Limits, Parsed};
use crate::index::{Fields, PassageIndex};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query};
use tantivy::{Score, Searcher};

/// How much a passage gains when its section headings also match the query
/// ("pretrial detention" under the heading "Pretrial Detention").
const HEADING_BOOST: Score = 1.5;

/// The user's query on the headings, to rank higher the passages whose
/// headings match it too; `None` when it cannot be built there.
pub(super) fn heading_boost(
    index: &PassageIndex,
    searcher: &Searcher,
    parsed: &Parsed,
) -> Option<Box<dyn Query>> {
    let fields = (index.fields.headings, Some(index.fields.heading_pairs));
    query::build(parsed, searcher, fields, &Limits::default())
        .ok()
        .map(|(on_headings, _)| {
            Box::new(BoostQuery::new(on_headings, HEADING_BOOST)) as Box<dyn Query>
        })
}

/// The user's query (or all passages) restricted by the filters.
pub fn filtered(user: Box<dyn Query>, filters: &Filters, fields: &Fields) -> Box<dyn Query> {
    combined(user, filters.clauses(fields), None)
}

/// One boolean query of the user's clauses, the filters and the optional
/// boost, which scores as the nested queries would (a sum of the same
/// parts). It is kept flat so that tantivy intersects a phrase with the
/// filters directly and reads the phrase's positions only in passages the
/// filters let through; a phrase nested in a query of its own is walked to
/// its next match in every passage (on L, with a section filter, that read
/// positions in twice as many passages).
pub(super) fn combined(
    user: Box<dyn Query>,
    filters: Vec<Box<dyn Query>>,
    boost: Option<Box<dyn Query>>,
) -> Box<dyn Query> {
    if filters.is_empty() && boost.is_none() {
        return user;
    }
    let mut clauses = required_clauses(user);
    clauses.extend(filters.into_iter().map(|q| (Occur::Must, q)));
    clauses.extend(boost.map(|q| (Occur::Should, q)));
    Box::new(BooleanQuery::new(clauses))
}

/// The clauses of a query made only of required and excluded parts
/// (words and phrases the user gave together), or the query as one
/// required clause. "NOT torture" (all passages but some) stays whole:
/// beside other required clauses tantivy drops an all-passages clause and
/// its score of 1 with it, so the scores would depend on the filters.
fn required_clauses(user: Box<dyn Query>) -> Vec<(Occur, Box<dyn Query>)> {
    if let Some(boolean) = user.downcast_ref::<BooleanQuery>() {
        let clauses = boolean.clauses();
        let required = clauses.iter().any(|(occur, _)| *occur == Occur::Must);
        let optional = clauses.iter().any(|(occur, _)| *occur == Occur::Should);
        let everything = clauses
            .iter()
            .any(|(_, query)| query.downcast_ref::<AllQuery>().is_some());
        if required && !optional && !everything {
            return clauses
                .iter()
                .map(|(occur, query)| (*occur, query.box_clone()))
                .collect();
        }
    }
    vec![(Occur::Must, user)]
}

/// Every passage matching the filters alone.
pub fn filters_only(filters: &Filters, fields: &Fields) -> Box<dyn Query> {
    filtered(Box::new(AllQuery), filters, fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::Term;
    use tantivy::query::TermQuery;
    use tantivy::schema::{Field, IndexRecordOption};

    fn word(text: &str) -> Box<dyn Query> {
        let term = Term::from_field_text(Field::from_field_id(0), text);
        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
    }

    fn occurs(query: &dyn Query) -> Vec<Occur> {
        let boolean = query
            .downcast_ref::<BooleanQuery>()
            .expect("a boolean query");
        boolean.clauses().iter().map(|(occur, _)| *occur).collect()
    }

    #[test]
    fn words_given_together_stand_beside_the_filters() {
        let user = Box::new(BooleanQuery::new(vec![
            (Occur::Must, word("pretrial")),
            (Occur::MustNot, word("torture")),
        ]));
        let query = combined(user, vec![word("arrest")], Some(word("heading")));
        assert_eq!(
            occurs(query.as_ref()),
            [Occur::Must, Occur::MustNot, Occur::Must, Occur::Should]
        );
    }

    #[test]
    fn alternatives_and_all_but_stay_one_required_clause() {
        let user = Box::new(BooleanQuery::new(vec![
            (Occur::Should, word("arrest")),
            (Occur::Should, word("detention")),
        ]));
        let query = combined(user, vec![word("arrest")], None);
        assert_eq!(occurs(query.as_ref()), [Occur::Must, Occur::Must]);
        let all_but = Box::new(BooleanQuery::new(vec![
            (Occur::MustNot, word("torture")),
            (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
        ]));
        let query = combined(all_but, vec![word("arrest")], None);
        assert_eq!(occurs(query.as_ref()), [Occur::Must, Occur::Must]);
        let alone = combined(word("torture"), Vec::new(), None);
        assert!(alone.downcast_ref::<TermQuery>().is_some());
    }
}
