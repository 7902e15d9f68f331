//! What both printers show, decided once: facet counts in their order
//! (sections along the outline and rolled up by top-level section, years
//! ascending, countries by count) and a custom report's passages grouped
//! into reports and sections. The human printer, the JSON shapes
//! ([`super::jsont`]) and so the web page read these views.

use crate::outline;
use crate::search::StoredPassage;
use crate::search::facets::FacetCounts;
use rustc_hash::FxHashMap;
use std::sync::{LazyLock, RwLock};

/// Matching passages under one section topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicCount<'a> {
    pub topic: &'a str,
    /// The topic's title in the outline ("" for a topic it lacks).
    pub label: &'static str,
    pub count: u64,
}

/// A top-level section: its passages in all, and its subsections' counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopCount<'a> {
    pub topic: &'a str,
    pub label: &'static str,
    pub total: u64,
    pub children: Vec<TopicCount<'a>>,
}

/// Matching passages of one country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryCount<'a> {
    /// The key a `--country` filter takes ("kyrgyz-republic").
    pub key: String,
    pub name: &'a str,
    pub count: u64,
}

/// Facet counts in the order they are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetView<'a> {
    /// Each topic with its own passages, in outline order.
    pub sections: Vec<TopicCount<'a>>,
    /// The same, rolled up by top-level section, in outline order.
    pub tops: Vec<TopCount<'a>>,
    /// (year, passages), oldest first.
    pub years: Vec<(u64, u64)>,
    /// Most passages first, then by name.
    pub countries: Vec<CountryCount<'a>>,
}

/// A topic's title, for facet tables.
pub fn label(topic: &str) -> &'static str {
    outline::node(topic).map_or("", |n| n.title)
}

/// The filter key of a country's display name, remembered: finding it
/// walks the whole country table (a few hundred names and aliases), which
/// for a facet of 200 countries cost 5 ms a search; an index holds a few
/// hundred names, so the memo stays small.
fn country_key(name: &str) -> String {
    static KEYS: LazyLock<RwLock<FxHashMap<String, String>>> = LazyLock::new(Default::default);
    if let Some(key) = KEYS.read().ok().and_then(|keys| keys.get(name).cloned()) {
        return key;
    }
    let key = crate::corpus::meta::country_key(name);
    if let Ok(mut keys) = KEYS.write() {
        keys.insert(name.to_string(), key.clone());
    }
    key
}

/// Orders facet counts for showing.
pub fn facets(facets: &FacetCounts) -> FacetView<'_> {
    let mut sections: Vec<TopicCount> = facets
        .topics
        .iter()
        .map(|(topic, &count)| TopicCount {
            topic,
            label: label(topic),
            count,
        })
        .collect();
    sections.sort_by_key(|t| outline::outline_rank(t.topic));
    let mut tops: Vec<TopCount> = Vec::new();
    for section in &sections {
        let top = outline::parent_of(section.topic).unwrap_or(section.topic);
        if tops.last().is_none_or(|t| t.topic != top) {
            tops.push(TopCount {
                topic: top,
                label: label(top),
                total: 0,
                children: Vec::new(),
            });
        }
        let entry = tops.last_mut().expect("just pushed");
        entry.total += section.count;
        if top != section.topic {
            entry.children.push(section.clone());
        }
    }
    let mut countries: Vec<CountryCount> = facets
        .countries
        .iter()
        .map(|(name, &count)| CountryCount {
            key: country_key(name),
            name,
            count,
        })
        .collect();
    countries.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(b.name)));
    FacetView {
        sections,
        tops,
        years: facets.years.iter().map(|(&y, &c)| (y, c)).collect(),
        countries,
    }
}

/// One section of a report: consecutive passages under one heading path.
#[derive(Debug, Clone)]
pub struct SectionGroup<'a> {
    pub passages: Vec<&'a StoredPassage>,
}

impl<'a> SectionGroup<'a> {
    /// The first passage: its code, topic and headings stand for the section.
    pub fn first(&self) -> &'a StoredPassage {
        self.passages[0]
    }

    /// The section's text: its passages' texts, a paragraph break between.
    pub fn text(&self) -> String {
        let texts: Vec<&str> = self.passages.iter().map(|p| p.text.as_str()).collect();
        texts.join("\n\n")
    }

    /// From the first passage's start to the last one's end in the source.
    pub fn byte_range(&self) -> [u64; 2] {
        let last = self.passages[self.passages.len() - 1];
        [self.first().byte_range[0], last.byte_range[1]]
    }

    /// The byte range, when it is one of the source file (not for a PDF).
    pub fn file_byte_range(&self) -> Option<[u64; 2]> {
        self.first().file_byte_range().map(|_| self.byte_range())
    }

    /// From the first passage's first page to the last one's last page.
    pub fn pages(&self) -> Option<[u64; 2]> {
        let first = self.passages.iter().find_map(|p| p.pages)?;
        let last = self.passages.iter().rev().find_map(|p| p.pages)?;
        Some([first[0], last[1]])
    }
}

/// "p. 12" or "p. 12-13", as lawyers cite a report's pages.
pub fn pages_note(pages: Option<[u64; 2]>) -> Option<String> {
    let [first, last] = pages?;
    Some(if first == last {
        format!("p. {first}")
    } else {
        format!("p. {first}-{last}")
    })
}

/// One report of a custom report, with its chosen sections in order.
#[derive(Debug, Clone)]
pub struct ReportGroup<'a> {
    pub sections: Vec<SectionGroup<'a>>,
}

impl<'a> ReportGroup<'a> {
    /// The first passage: its country, year, title and source stand for
    /// the report.
    pub fn first(&self) -> &'a StoredPassage {
        self.sections[0].first()
    }
}

/// Groups passages (ordered as [`crate::search::select`] orders them) into
/// reports (one per report and source file) and sections (one per run of
/// passages under the same headings).
pub fn reports(passages: &[StoredPassage]) -> Vec<ReportGroup<'_>> {
    let mut reports: Vec<ReportGroup> = Vec::new();
    let mut last: Option<&StoredPassage> = None;
    for p in passages {
        let same_report = last.is_some_and(|l| l.report_id == p.report_id && l.source == p.source);
        if !same_report {
            reports.push(ReportGroup {
                sections: Vec::new(),
            });
        }
        let sections = &mut reports.last_mut().expect("pushed above").sections;
        let same_section = same_report && last.is_some_and(|l| l.section_path == p.section_path);
        match sections.last_mut() {
            Some(section) if same_section => section.passages.push(p),
            _ => sections.push(SectionGroup { passages: vec![p] }),
        }
        last = Some(p);
    }
    reports
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn passage(report: &str, path: &[&str], text: &str, bytes: [u64; 2]) -> StoredPassage {
        let (key, year) = report.split_once('/').unwrap();
        StoredPassage {
            country: "Kazakhstan".into(),
            country_key: key.into(),
            year: year.parse().unwrap(),
            section_code: "1.d".into(),
            section_topic: "integrity/arbitrary-arrest".into(),
            section_path: path.iter().map(|s| s.to_string()).collect(),
            text: text.into(),
            source: format!("corpus/{year}/{key}.txt"),
            byte_range: bytes,
            report_id: report.into(),
            title: format!("Kazakhstan {year} Human Rights Report"),
            format: "text".into(),
            bytes_in_file: true,
            pages: None,
        }
    }

    #[test]
    fn facets_follow_the_outline_and_roll_up_by_section() {
        let counts = FacetCounts {
            topics: [
                ("integrity/arbitrary-arrest".to_string(), 4),
                ("integrity/killings".to_string(), 1),
                ("worker-rights".to_string(), 2),
            ]
            .into(),
            years: [(2024, 3), (2020, 4)].into(),
            countries: [("Oman".to_string(), 3), ("Kazakhstan".to_string(), 4)].into(),
        };
        let view = facets(&counts);
        let order: Vec<&str> = view.sections.iter().map(|s| s.topic).collect();
        assert_eq!(
            order,
            [
                "integrity/killings",
                "integrity/arbitrary-arrest",
                "worker-rights"
            ]
        );
        assert_eq!(view.tops[0].topic, "integrity");
        assert_eq!(view.tops[0].total, 5);
        assert_eq!(view.tops[0].children.len(), 2);
        assert_eq!(view.tops[1].topic, "worker-rights");
        assert!(view.tops[1].children.is_empty());
        assert_eq!(view.sections[1].label, "Arbitrary Arrest or Detention");
        assert_eq!(view.years, [(2020, 4), (2024, 3)]);
        assert_eq!(view.countries[0].name, "Kazakhstan");
        assert_eq!(view.countries[0].key, "kazakhstan");
    }

    #[test]
    fn pdf_sections_are_cited_by_page_not_by_byte() {
        let mut first = passage("kazakhstan/2023", &["d. Arrest"], "one", [10, 20]);
        let mut second = passage("kazakhstan/2023", &["d. Arrest"], "two", [21, 30]);
        for (p, pages) in [(&mut first, [12, 12]), (&mut second, [12, 13])] {
            p.format = "pdf".into();
            p.bytes_in_file = false;
            p.pages = Some(pages);
        }
        let passages = [first, second];
        let groups = reports(&passages);
        let section = &groups[0].sections[0];
        assert_eq!(section.pages(), Some([12, 13]));
        assert_eq!(section.file_byte_range(), None);
        assert_eq!(pages_note(section.pages()).unwrap(), "p. 12-13");
        assert_eq!(pages_note(passages[0].pages).unwrap(), "p. 12");
        assert_eq!(pages_note(None), None);
    }

    #[test]
    fn reports_group_passages_by_report_and_heading_path() {
        let passages = [
            passage("kazakhstan/2020", &["d. Arrest"], "one", [10, 20]),
            passage("kazakhstan/2020", &["d. Arrest"], "two", [21, 30]),
            passage("kazakhstan/2020", &["e. Trial"], "three", [40, 50]),
            passage("kazakhstan/2023", &["d. Arrest"], "four", [5, 9]),
        ];
        let groups = reports(&passages);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].sections.len(), 2);
        assert_eq!(groups[0].sections[0].text(), "one\n\ntwo");
        assert_eq!(groups[0].sections[0].byte_range(), [10, 30]);
        assert_eq!(groups[0].sections[0].file_byte_range(), Some([10, 30]));
        assert_eq!(groups[0].sections[0].pages(), None);
        assert_eq!(groups[1].first().report_id, "kazakhstan/2023");
    }
}
