//! Why a search, a custom report, a trend or a comparison could not be
//! answered, as one enum whose variants say whose fault it is: the
//! request's (a query that cannot be read, a page too deep, a filter the
//! index cannot answer), nothing there (an edition the index lacks), the
//! index's (missing, being built, damaged) or a bug. The CLI turns any of
//! them into exit 2 and prints the message; the server turns the kind into
//! an HTTP status and sends the same message.

use super::PageError;
use super::checks::FilterError;
use super::query::QueryError;
use crate::compare::CompareError;
use crate::index::IndexError;

/// Whose fault an error is, for a status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The request: fix the query, the page or the filters.
    Request,
    /// The request is fine, but what it names is not in the index.
    NotFound,
    /// The index cannot be read now (missing, being built or updated).
    Unavailable,
    /// The index is damaged, or hrsearch has a bug.
    Internal,
}

/// An error of a search, report, trend or comparison.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error(transparent)]
    Page(#[from] PageError),
    #[error(transparent)]
    Filter(#[from] FilterError),
    /// A `--section` value that names no section (or several).
    #[error("{0}")]
    Section(String),
    /// A request that cannot be answered as asked (e.g. a report with no
    /// filter at all, a parameter of the wrong shape).
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Compare(#[from] CompareError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Engine(#[from] tantivy::TantivyError),
    #[error("{0:#}")]
    Other(anyhow::Error),
}

impl SearchError {
    /// Whose fault the error is.
    pub fn fault(&self) -> Fault {
        match self {
            SearchError::Query(_)
            | SearchError::Page(_)
            | SearchError::Filter(_)
            | SearchError::Section(_)
            | SearchError::Invalid(_)
            | SearchError::Compare(CompareError::SameYear(_)) => Fault::Request,
            SearchError::Compare(CompareError::NoReport { .. }) => Fault::NotFound,
            SearchError::Index(
                IndexError::Missing(_)
                | IndexError::Empty(_)
                | IndexError::Building(_)
                | IndexError::Locked(_),
            ) => Fault::Unavailable,
            SearchError::Index(_) | SearchError::Engine(_) | SearchError::Other(_) => {
                Fault::Internal
            }
        }
    }
}

/// The library's inner steps report through `anyhow`; the errors they
/// raise are typed underneath, and are given back their type here.
impl From<anyhow::Error> for SearchError {
    fn from(error: anyhow::Error) -> Self {
        let error = match error.downcast::<SearchError>() {
            Ok(e) => return e,
            Err(error) => error,
        };
        let error = match error.downcast::<QueryError>() {
            Ok(e) => return e.into(),
            Err(error) => error,
        };
        let error = match error.downcast::<PageError>() {
            Ok(e) => return e.into(),
            Err(error) => error,
        };
        let error = match error.downcast::<FilterError>() {
            Ok(e) => return e.into(),
            Err(error) => error,
        };
        let error = match error.downcast::<CompareError>() {
            Ok(e) => return e.into(),
            Err(error) => error,
        };
        let error = match error.downcast::<IndexError>() {
            Ok(e) => return e.into(),
            Err(error) => error,
        };
        match error.downcast::<tantivy::TantivyError>() {
            Ok(e) => e.into(),
            Err(error) => SearchError::Other(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_keep_their_type_through_anyhow() {
        let query = QueryError::refused("x", "too long".into());
        let back = SearchError::from(anyhow::Error::from(query.clone()));
        assert!(matches!(back, SearchError::Query(ref q) if *q == query));
        assert_eq!(back.fault(), Fault::Request);
        assert_eq!(back.to_string(), query.to_string());
        let filter = SearchError::from(anyhow::Error::from(FilterError(vec!["no".into()])));
        assert_eq!(filter.fault(), Fault::Request);
        let missing = SearchError::from(anyhow::Error::from(IndexError::Missing("i".into())));
        assert_eq!(missing.fault(), Fault::Unavailable);
        let other = SearchError::from(anyhow::anyhow!("odd"));
        assert_eq!(other.fault(), Fault::Internal);
        let absent = CompareError::NoReport {
            country: "Chad".into(),
            year: 2001,
            held: String::new(),
        };
        assert_eq!(SearchError::from(absent).fault(), Fault::NotFound);
    }
}
