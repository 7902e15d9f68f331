//! `--country` values checked against the index: a name or alias of a
//! country it holds is fine; a misspelling gets "did you mean"; a name of
//! several countries ("Congo") names them all; a country the index has no
//! report for says which it has.

use super::{FilterError, Held, and_list, or_list};
use crate::countries::{self, Resolved};
use crate::index::PassageIndex;
use crate::search::checks::inventory::{Facts, Inventory};
use crate::search::filters::{Filters, country_keys};
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

/// The values the index holds (each with its keys), warnings for the
/// missing ones beside them, or an error when none is held or a value is
/// ambiguous.
pub fn check(
    facts: &Facts,
    filters: &Filters,
    warnings: &mut Vec<String>,
) -> anyhow::Result<Vec<Held>> {
    let (searcher, index) = (&facts.searcher, facts.index);
    let mut held = Vec::new();
    let mut missing = Vec::new();
    let mut errors = Vec::new();
    for value in &filters.countries {
        let mut keys: Vec<String> = Vec::new();
        for key in country_keys(value) {
            if facts.holds_country(&key)? {
                keys.push(key);
            }
        }
        let own = crate::corpus::meta::country_key(value);
        match countries::resolve(value) {
            // A file named plainly "congo.md" is the "congo" the user means.
            Resolved::Several(_) if keys == [own.clone()] => held.push(Held {
                name: display_name(searcher, index, &own)?,
                keys,
            }),
            Resolved::Several(all) => {
                let names: Vec<String> = all.iter().map(|c| c.name.to_string()).collect();
                let there: Vec<&countries::Country> = all
                    .iter()
                    .copied()
                    .filter(|c| c.keys().iter().any(|k| keys.contains(k)))
                    .collect();
                if let [only] = there.as_slice() {
                    warnings.push(format!(
                        "\"{value}\" could be {}; the index holds only {}, so that is searched",
                        or_list(&names),
                        only.name
                    ));
                    held.push(Held {
                        name: only.name.to_string(),
                        keys,
                    });
                } else {
                    errors.push(format!(
                        "\"{value}\" could be {}; name one, e.g. --country \"{}\"",
                        or_list(&names),
                        names[0]
                    ));
                }
            }
            Resolved::One(country) if !keys.is_empty() => held.push(Held {
                name: country.name.to_string(),
                keys,
            }),
            Resolved::Unknown if !keys.is_empty() => held.push(Held {
                name: display_name(searcher, index, &keys[0])?,
                keys,
            }),
            Resolved::One(country) => missing.push(format!(
                "no reports for {} in the index{}",
                country.name,
                holding(searcher, index, facts.inventory()?)?
            )),
            Resolved::Unknown => {
                let inventory = facts.inventory()?;
                let mut names = Vec::new();
                for key in inventory.reports.keys() {
                    names.push(display_name(searcher, index, key)?);
                }
                let near = countries::near(value, &names);
                missing.push(if near.is_empty() {
                    format!(
                        "unknown country \"{value}\"{}",
                        holding(searcher, index, inventory)?
                    )
                } else {
                    format!(
                        "unknown country \"{value}\"; did you mean {}?",
                        or_list(&near)
                    )
                });
            }
        }
    }
    if !errors.is_empty() || (!missing.is_empty() && held.is_empty()) {
        errors.extend(missing);
        return Err(FilterError(errors).into());
    }
    warnings.extend(missing);
    Ok(held)
}

/// "; the index holds reports for Algeria, Angola and 8 more countries".
fn holding(
    searcher: &Searcher,
    index: &PassageIndex,
    inventory: &Inventory,
) -> anyhow::Result<String> {
    const SHOWN: usize = 8;
    let mut names = Vec::new();
    for key in inventory.reports.keys().take(SHOWN) {
        names.push(display_name(searcher, index, key)?);
    }
    let more = inventory.reports.len().saturating_sub(SHOWN);
    Ok(match (names.len(), more) {
        (0, _) => "; the index is empty".into(),
        (_, 0) => format!("; the index holds reports for {}", and_list(&names)),
        _ => format!(
            "; the index holds reports for {} and {more} more countries",
            names.join(", ")
        ),
    })
}

/// A country's display name: the table's, or as the index stores it.
pub fn display_name(
    searcher: &Searcher,
    index: &PassageIndex,
    key: &str,
) -> anyhow::Result<String> {
    if let Some(country) = countries::all().iter().find(|c| c.key() == key) {
        return Ok(country.name.to_string());
    }
    let query = TermQuery::new(
        Term::from_field_text(index.fields.country, key),
        IndexRecordOption::Basic,
    );
    let hits = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    for (_, address) in hits {
        let doc: TantivyDocument = searcher.doc(address)?;
        if let Some(name) = doc
            .get_first(index.fields.country_name)
            .and_then(|v| v.as_str())
        {
            return Ok(name.to_string());
        }
    }
    Ok(key.to_string())
}
