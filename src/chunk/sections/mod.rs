//! Attributes every paragraph of a report to its place in the report's own
//! outline (heading path and code) and in the canonical outline (topic).
//!
//! Headings lost when a page was saved are made up for from the outline's
//! order, from sub-headings that survive (run-in or not), and from the
//! phrases a subsection's first sentence typically uses ("There were no
//! reports of disappearances..."). Inference only moves forward in the
//! outline and never to a subsection whose own heading is in the report.

mod inference;
mod text;

use super::classify::{Class, Classifier};
use super::reading::{SectionScan, lettered_topics, looks_cut, scan_section};
use crate::corpus::{Block, Format, ReportMeta};
use crate::outline::{self, Node, damage, normalize};
use std::collections::HashSet;
use std::ops::Range;

/// A place in a report: the headings above a passage, its code and topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Headings as the report words them (or the canonical title, in
    /// brackets-free form, where the report lost the heading).
    pub path: Vec<String>,
    /// The code as the report numbers it: `exec`, `1`, `1.d`, `2.b`.
    pub code: String,
    /// Canonical topic path, e.g. `integrity/arbitrary-arrest`.
    pub topic: &'static str,
}

/// A paragraph of report text and the section it belongs to.
#[derive(Debug, Clone)]
pub struct Para<'b> {
    pub block: &'b Block,
    /// The part of `block.text` that is this paragraph's text: a heading
    /// that ran into it is cut off, and a paragraph into which a PDF
    /// conversion flattened several subsections is cut at their titles.
    pub span: Range<usize>,
    pub section: Section,
}

struct Top {
    heading: String,
    number: String,
    node: &'static Node,
    /// Subsections whose own headings appear in this section.
    explicit: HashSet<&'static str>,
    /// Whether headings may have been lost here: the file is saved page
    /// text, or the section's letters skip one (a, c, ...).
    lossy: bool,
}

struct Sub {
    heading: String,
    code: String,
    node: &'static Node,
    /// The node the subsection's own heading stands for (`node` differs
    /// while a sub-heading of another subject files its text elsewhere).
    home: &'static Node,
}

/// Walks the blocks of one report in order.
pub struct Sectioner<'m> {
    meta: &'m ReportMeta,
    /// Plain text saved from a page, where headings get lost.
    saved_text: bool,
    top: Option<Top>,
    sub: Option<Sub>,
    subheading: Option<String>,
    /// The last block was a heading that may have been cut short.
    cut_heading: bool,
    /// The last block was a Section or lettered heading.
    after_heading: bool,
    /// Subsections with a lettered heading anywhere in the report.
    explicit: HashSet<&'static str>,
}

impl<'m> Sectioner<'m> {
    pub fn new(meta: &'m ReportMeta, format: Format) -> Self {
        Sectioner {
            meta,
            saved_text: format == Format::Text,
            top: None,
            sub: None,
            subheading: None,
            cut_heading: false,
            after_heading: false,
            explicit: HashSet::new(),
        }
    }

    /// Attributes every text block of a report.
    pub fn run<'b>(mut self, blocks: &'b [Block]) -> Vec<Para<'b>> {
        let classifier = Classifier::new(self.meta);
        let classes: Vec<Class> = blocks.iter().map(|b| classifier.classify(b)).collect();
        let topics = lettered_topics(&classes, self.meta.year);
        self.explicit = topics.iter().flatten().copied().collect();
        let mut paras = Vec::new();
        for (i, (block, class)) in blocks.iter().zip(&classes).enumerate() {
            let was_cut = std::mem::replace(&mut self.cut_heading, false);
            let just_headed = std::mem::replace(
                &mut self.after_heading,
                matches!(class, Class::Section { .. } | Class::Lettered { .. }),
            );
            let heading = damage::mend_split_words(&block.text);
            match class {
                Class::FrontMatter => {}
                Class::Exec => self.enter_exec(&block.text),
                Class::Section { number, title } => {
                    let scan = scan_section(&classes[i + 1..], &topics[i + 1..]);
                    self.enter_section(*number, title, &heading, scan)
                }
                Class::Lettered { letter, title } => self.enter_lettered(*letter, title, &heading),
                // The rest of a heading a conversion wrapped onto the next
                // line ("c. Torture ... Degrading" + "Treatment or Punishment").
                Class::Sub if was_cut => self.extend_heading(&heading),
                Class::Sub => self.enter_subheading(&heading),
                Class::Text => {
                    let rest = (&classes[i + 1..], &topics[i + 1..]);
                    self.text(block, (was_cut, just_headed), rest, &mut paras)
                }
            }
        }
        paras
    }

    fn enter_exec(&mut self, heading: &str) {
        self.top = Some(Top {
            heading: heading.to_string(),
            number: "exec".into(),
            node: &outline::SECTIONS[0],
            explicit: HashSet::new(),
            lossy: false,
        });
        self.sub = None;
        self.subheading = None;
    }

    fn enter_section(&mut self, number: u32, title: &str, heading: &str, scan: SectionScan) {
        let node = outline::match_section(title)
            .or_else(|| outline::section_by_number(number, self.meta.year));
        let Some(node) = node else {
            return self.enter_subheading(heading);
        };
        self.top = Some(Top {
            heading: heading.trim_end_matches(':').trim().to_string(),
            number: number.to_string(),
            node,
            explicit: scan.explicit,
            lossy: self.saved_text || scan.letter_gap,
        });
        self.sub = None;
        self.subheading = None;
        self.cut_heading = looks_cut(title, node);
    }

    fn enter_lettered(&mut self, letter: char, title: &str, heading: &str) {
        let parent = self.top.as_ref().map(|t| t.node);
        let node = outline::match_subsection(title, parent).or(parent);
        let Some(node) = node else {
            return self.enter_subheading(heading);
        };
        let number = self.top.as_ref().map_or("", |t| t.number.as_str());
        self.sub = Some(Sub {
            heading: heading.trim_end_matches(':').trim().to_string(),
            code: join_code(number, &letter.to_string()),
            node,
            home: node,
        });
        self.subheading = None;
        self.cut_heading = looks_cut(title, node);
    }

    fn enter_subheading(&mut self, heading: &str) {
        let norm = normalize(heading);
        if let Some(node) = self.named_subsection(&norm) {
            let top = self.top.as_ref().expect("a named subsection has a section");
            let (sub_heading, code, subheading) = match (&self.sub, node.std_code.is_empty()) {
                (_, true) => (heading.to_string(), top.number.clone(), None),
                // A lettered subsection whose letter was lost ("Freedom of
                // Association ..." opening 2013's Section 7).
                (None, false) => {
                    let letter = outline::letter_for(node, self.meta.year);
                    (heading.to_string(), join_code(&top.number, letter), None)
                }
                // Inside a lettered subsection of this edition ("Protection
                // of Refugees" within 2011's 2.d): its heading and code stay.
                (Some(sub), false) => (sub.heading.clone(), sub.code.clone(), Some(heading)),
            };
            self.sub = Some(Sub {
                heading: sub_heading,
                code,
                node,
                home: node,
            });
            self.subheading = subheading.map(str::to_string);
            return;
        }
        // As for a run-in sub-heading (`read_opening`): a heading on a line
        // of its own files its text by what it names just the same.
        if let Some(node) = outline::known_subheading(&norm) {
            self.infer_subsection(node);
            self.refile_under(node);
        }
        self.subheading = Some(heading.to_string());
    }

    /// The subsection of the current section that a heading on its own
    /// line names ("Persons with Disabilities"), when it is not the one we
    /// are in and no lettered heading of its own stands elsewhere in the
    /// section. A sub-heading never inherits the topic before it.
    fn named_subsection(&self, norm: &str) -> Option<&'static Node> {
        let top = self.top.as_ref()?;
        let node = outline::match_subheading(norm, top.node)?;
        let current = self.sub.as_ref().map(|s| s.node.topic);
        (current != Some(node.topic) && !top.explicit.contains(node.topic)).then_some(node)
    }

    fn current(&self) -> Section {
        let mut path = Vec::with_capacity(3);
        let (code, topic) = match (&self.top, &self.sub) {
            (_, Some(sub)) => (sub.code.clone(), sub.node.topic),
            (Some(top), None) => (top.number.clone(), top.node.topic),
            (None, None) => ("exec".to_string(), "exec"),
        };
        match &self.top {
            Some(top) => path.push(top.heading.clone()),
            None => path.push("Executive Summary".to_string()),
        }
        if let Some(sub) = &self.sub {
            path.push(sub.heading.clone());
        }
        if let Some(subheading) = &self.subheading {
            path.push(subheading.clone());
        }
        Section { path, code, topic }
    }
}

/// "1" + "d" -> "1.d"; a lettered heading outside any section keeps its letter.
fn join_code(number: &str, letter: &str) -> String {
    match (number.is_empty(), letter.is_empty()) {
        (true, _) => letter.to_string(),
        (false, true) => number.to_string(),
        (false, false) => format!("{number}.{letter}"),
    }
}
