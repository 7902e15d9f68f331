//! The JSON API: each endpoint reads its parameters (the names of the
//! commands' options), calls the same library function as the command and
//! serialises the same [`jsont`] shape as its `--json`. Nothing here knows
//! HTTP: an answer is JSON bytes, or a failure whose [`Fault`] the server
//! turns into a status.

use super::params::Params;
use crate::compare;
use crate::index::PassageIndex;
use crate::output::{jsont, write_json};
use crate::search::filters::{Filters, YearRange};
use crate::search::{self, Fault, Request, SearchError, Sort};
use crate::trend::{self, By};

/// The endpoints, by path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    Search,
    Report,
    Trend,
    Compare,
    Sections,
}

impl Endpoint {
    pub const ALL: [Endpoint; 5] = [
        Endpoint::Search,
        Endpoint::Report,
        Endpoint::Trend,
        Endpoint::Compare,
        Endpoint::Sections,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Endpoint::Search => "/api/search",
            Endpoint::Report => "/api/report",
            Endpoint::Trend => "/api/trend",
            Endpoint::Compare => "/api/compare",
            Endpoint::Sections => "/api/sections",
        }
    }

    /// The parameters it takes.
    pub fn parameters(self) -> &'static [&'static str] {
        match self {
            Endpoint::Search => &[
                "q", "country", "year", "section", "limit", "offset", "sort", "facets", "fold",
            ],
            Endpoint::Report => &["country", "year", "section"],
            Endpoint::Trend => &["q", "country", "year", "section", "by"],
            Endpoint::Compare => &["country", "year", "section"],
            Endpoint::Sections => &[],
        }
    }

    /// Whether it reads the index (the outline does not).
    pub fn needs_index(self) -> bool {
        self != Endpoint::Sections
    }
}

/// Why a request got no answer, and whose fault that is.
#[derive(Debug)]
pub struct Failure {
    pub fault: Fault,
    pub message: String,
}

impl From<SearchError> for Failure {
    fn from(error: SearchError) -> Self {
        Failure {
            fault: error.fault(),
            message: error.to_string(),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        SearchError::from(error).into()
    }
}

/// A parameter that cannot be read is the request's fault.
fn bad(message: String) -> Failure {
    Failure {
        fault: Fault::Request,
        message,
    }
}

/// Answers a request to `endpoint` with its query string.
pub fn answer(
    index: Option<&PassageIndex>,
    endpoint: Endpoint,
    query: Option<&str>,
) -> Result<Vec<u8>, Failure> {
    let params = Params::parse(query, endpoint.path(), endpoint.parameters()).map_err(bad)?;
    let index = match (endpoint.needs_index(), index) {
        (false, _) => return json(&jsont::Outline::new()),
        (true, Some(index)) => index,
        (true, None) => {
            return Err(Failure {
                fault: Fault::Unavailable,
                message: "the index is not open yet".into(),
            });
        }
    };
    match endpoint {
        Endpoint::Search => search(index, &params),
        Endpoint::Report => report(index, &params),
        Endpoint::Trend => trend(index, &params),
        Endpoint::Compare => compare(index, &params),
        Endpoint::Sections => json(&jsont::Outline::new()),
    }
}

/// JSON as the CLI prints it (one line, a line break after).
fn json(value: &impl serde::Serialize) -> Result<Vec<u8>, Failure> {
    let mut out = Vec::new();
    write_json(&mut out, value).map_err(|e| Failure {
        fault: Fault::Internal,
        message: e.to_string(),
    })?;
    Ok(out)
}

/// `country`, `year` and `section`, as the commands' filter options.
fn filters(p: &Params) -> Result<Filters, Failure> {
    let years = p
        .all("year")
        .iter()
        .map(|y| {
            y.parse::<YearRange>()
                .map_err(|e| bad(format!("year: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(search::resolve_filters(
        &p.all("country"),
        &years,
        &p.all("section"),
    )?)
}

fn search(index: &PassageIndex, p: &Params) -> Result<Vec<u8>, Failure> {
    let request = Request {
        query: p.one("q").map_err(bad)?.unwrap_or("").to_string(),
        filters: filters(p)?,
        limit: p.number("limit", 10).map_err(bad)?,
        offset: p.number("offset", 0).map_err(bad)?,
        sort: match p
            .choice("sort", &["relevance", "year"], "relevance")
            .map_err(bad)?
        {
            "year" => Sort::Year,
            _ => Sort::Relevance,
        },
        facets: p.flag("facets", false).map_err(bad)?,
        fold: p.flag("fold", true).map_err(bad)?,
    };
    search::precheck(&request)?;
    let mut results = search::run(index, &request)?;
    results.show_sources();
    json(&jsont::SearchResults::from(&results))
}

fn report(index: &PassageIndex, p: &Params) -> Result<Vec<u8>, Failure> {
    let mut selection = search::custom_report(index, &filters(p)?)?;
    selection.show_sources();
    json(&jsont::CustomReport::new(
        &selection.passages,
        &selection.warnings,
    ))
}

fn trend(index: &PassageIndex, p: &Params) -> Result<Vec<u8>, Failure> {
    let request = trend::Request {
        query: p.one("q").map_err(bad)?.unwrap_or("").to_string(),
        filters: filters(p)?,
        by: match p
            .choice("by", &["year", "country", "section"], "year")
            .map_err(bad)?
        {
            "country" => By::Country,
            "section" => By::Section,
            _ => By::Year,
        },
    };
    let trend = trend::run(index, &request)?;
    json(&jsont::TrendShape::from(&trend))
}

fn compare(index: &PassageIndex, p: &Params) -> Result<Vec<u8>, Failure> {
    let years = p
        .all("year")
        .iter()
        .map(|y| {
            y.trim()
                .parse::<u16>()
                .map_err(|_| bad(format!("year must be a year like 2023, not {y:?}")))
        })
        .collect::<Result<Vec<u16>, _>>()?;
    let [earlier, later] = years[..] else {
        return Err(bad(format!(
            "compare takes two years (year=2023&year=2024), not {}",
            years.len()
        )));
    };
    let request = compare::Request {
        country: p.required("country").map_err(bad)?.to_string(),
        earlier,
        later,
        sections: search::resolve_filters(&[], &[], &p.all("section"))?.sections,
    };
    let comparison = compare::run(index, &request)?;
    json(&jsont::ComparisonShape::from(&comparison))
}
