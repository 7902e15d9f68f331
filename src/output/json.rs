//! The JSON shapes: search results, index summaries, custom reports and
//! exported passages. Defined here, in one place.

use crate::outline;
use crate::search::facets::FacetCounts;
use crate::search::{Results, StoredPassage};
use serde_json::{Value, json};

/// `{"total", "hits": [...], "folded", "facets": {...}, "warnings": [...],
/// "did_you_mean"}`; each hit carries `also_in`, the near-copies folded under it (facets only when asked for; did_you_mean only when
/// nothing matched and a misspelt word has a likely correction).
pub fn results(results: &Results) -> Value {
    let hits: Vec<Value> = results
        .hits
        .iter()
        .map(|hit| {
            let mut v = passage(&hit.passage);
            v["score"] = json!(hit.score);
            v["snippet"] = json!(hit.snippet.text);
            v["snippet_highlights"] = ranges(&hit.snippet.highlights);
            v["highlights"] = ranges(&hit.highlights);
            v["also_in"] = json!(hit.also_in);
            v
        })
        .collect();
    let mut out = json!({ "total": results.total, "hits": hits, "folded": results.folded });
    if let Some(facets) = &results.facets {
        out["facets"] = facets_json(facets);
    }
    out["warnings"] = json!(results.warnings);
    if let Some(query) = &results.did_you_mean {
        out["did_you_mean"] = json!(query);
    }
    out
}

fn ranges(ranges: &[std::ops::Range<usize>]) -> Value {
    ranges.iter().map(|r| json!([r.start, r.end])).collect()
}

/// Facet counts: sections in outline order, years ascending, countries by count.
pub fn facets_json(facets: &FacetCounts) -> Value {
    let mut topics: Vec<(&String, &u64)> = facets.topics.iter().collect();
    topics.sort_by_key(|(t, _)| outline::outline_rank(t));
    let section: Vec<Value> = topics
        .into_iter()
        .map(|(topic, count)| {
            let label = outline::node(topic).map_or("", |n| n.title);
            json!({ "value": topic, "label": label, "count": count })
        })
        .collect();
    let year: Vec<Value> = facets
        .years
        .iter()
        .map(|(year, count)| json!({ "value": year, "label": year.to_string(), "count": count }))
        .collect();
    let mut countries: Vec<(&String, &u64)> = facets.countries.iter().collect();
    countries.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let country: Vec<Value> = countries
        .into_iter()
        .map(|(name, count)| {
            json!({ "value": crate::corpus::meta::country_key(name), "label": name, "count": count })
        })
        .collect();
    json!({ "section": section, "year": year, "country": country })
}

/// One exported passage (a line of JSON Lines).
pub fn passage(p: &StoredPassage) -> Value {
    json!({
        "country": p.country,
        "year": p.year,
        "section_code": p.section_code,
        "section_topic": p.section_topic,
        "section_path": p.section_path,
        "text": p.text,
        "source": p.source,
        "byte_range": p.byte_range,
        "report_id": p.report_id,
    })
}

/// A custom report: `{"reports": [{"country", "year", "report_id", "title",
/// "source", "sections": [{"section_code", "section_topic", "section_path",
/// "text", "byte_range"}]}], "warnings": [...]}`; a section's passages are
/// joined.
pub fn report(passages: &[StoredPassage], warnings: &[String]) -> Value {
    let mut reports: Vec<Value> = Vec::new();
    let mut last: Option<(&str, &str, &[String])> = None;
    for p in passages {
        let same_report = last.is_some_and(|(id, src, _)| id == p.report_id && src == p.source);
        if !same_report {
            reports.push(json!({
                "country": p.country, "year": p.year, "report_id": p.report_id,
                "title": p.title, "source": p.source, "sections": [],
            }));
        }
        let sections = reports
            .last_mut()
            .and_then(|r| r["sections"].as_array_mut())
            .expect("pushed above");
        let same_section =
            same_report && last.is_some_and(|(_, _, path)| path == p.section_path.as_slice());
        match sections.last_mut() {
            Some(section) if same_section => {
                let text = format!("{}\n\n{}", section["text"].as_str().unwrap_or(""), p.text);
                section["text"] = json!(text);
                section["byte_range"][1] = json!(p.byte_range[1]);
            }
            _ => sections.push(json!({
                "section_code": p.section_code, "section_topic": p.section_topic,
                "section_path": p.section_path, "text": p.text, "byte_range": p.byte_range,
            })),
        }
        last = Some((&p.report_id, &p.source, &p.section_path));
    }
    json!({ "reports": reports, "warnings": warnings })
}
