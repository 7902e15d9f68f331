//! Attributes every paragraph of a report to its place in the report's own
//! outline (heading path and code) and in the canonical outline (topic).
//!
//! Headings lost when a page was saved are made up for from the outline's
//! order, from sub-headings that survive (run-in or not), and from the
//! phrases a subsection's first sentence typically uses ("There were no
//! reports of disappearances..."). Inference only moves forward in the
//! outline and never to a subsection whose own heading is in the report.

use super::classify::{Class, Classifier};
use super::cuts::{self, Cut, CutKind, Place};
use super::reading::{
    SectionScan, first_sentence, lettered_topics, looks_cut, run_in, scan_section,
};
use crate::corpus::{Block, Format, ReportMeta};
use crate::outline::{self, Node, normalize, shape};
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
            let heading = shape::mend_split_words(&block.text);
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
        if let Some(node) = outline::known_subheading(&norm) {
            self.infer_subsection(node);
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

    /// Attributes one text block, cut where flattened headings start.
    /// `rest` is what follows the block (classes and lettered topics), for
    /// a Section heading flattened into it.
    fn text<'b>(
        &mut self,
        block: &'b Block,
        (after_cut_heading, after_heading): (bool, bool),
        rest: (&[Class], &[Option<&'static str>]),
        out: &mut Vec<Para<'b>>,
    ) {
        let text = block.text.as_str();
        let mut start = 0;
        if after_cut_heading && let Some((run, offset)) = shape::leading_title_run(text) {
            self.extend_heading(run);
            start = offset;
        } else if after_heading && let Some(offset) = self.repeated_heading_end(text) {
            // Not text: the heading's end again ("Punishment The ...").
            start = offset;
        }
        let cuts = cuts::cuts(&self.place(), text, start);
        let mut bounds: Vec<usize> = cuts.iter().map(|c| c.at).collect();
        bounds.push(text.len());
        if cuts.first().is_none_or(|c| c.at > start) {
            bounds.insert(0, start);
        }
        for (i, window) in bounds.windows(2).enumerate() {
            let mut span = window[0]..window[1];
            let cut = cuts.iter().find(|c| c.at == span.start);
            let body = match cut {
                Some(cut) => self.enter_cut(cut, text, rest),
                None => span.start,
            };
            // A flattened Section or lettered heading is not passage text.
            if matches!(
                cut.map(|c| &c.kind),
                Some(CutKind::Section { .. } | CutKind::Lettered { .. })
            ) {
                span.start = body.min(span.end);
            }
            if !(i == 0 && start > 0) {
                self.read_opening(&text[body.min(span.end)..span.end]);
            }
            if span.is_empty() {
                continue;
            }
            out.push(Para {
                block,
                span,
                section: self.current(),
            });
        }
    }

    /// Where a paragraph's text starts after its heading's end, repeated.
    fn repeated_heading_end(&self, text: &str) -> Option<usize> {
        let heading = match (&self.sub, &self.top) {
            (Some(sub), _) => &sub.heading,
            (None, Some(top)) => &top.heading,
            (None, None) => return None,
        };
        shape::repeated_tail(heading, text)
    }

    /// Where the sectioner stands, for finding cuts.
    fn place(&self) -> Place {
        Place {
            top: self.top.as_ref().map(|t| t.node),
            number: self
                .top
                .as_ref()
                .map_or(0, |t| t.number.parse().unwrap_or(0)),
            letter: self
                .sub
                .as_ref()
                .and_then(|s| s.code.rsplit('.').next())
                .filter(|l| l.len() == 1)
                .and_then(|l| l.chars().next())
                .filter(char::is_ascii_lowercase),
        }
    }

    /// Enters what starts at a cut; returns where the text after its
    /// heading starts.
    fn enter_cut(
        &mut self,
        cut: &Cut,
        text: &str,
        rest: (&[Class], &[Option<&'static str>]),
    ) -> usize {
        match &cut.kind {
            CutKind::Section { number, title, len } => {
                let scan = scan_section(rest.0, rest.1);
                let heading = text[cut.at..cut.at + len].trim_end();
                self.enter_section(*number, title, heading, scan);
                cut.at + len
            }
            CutKind::Lettered { letter, title, len } => {
                let heading = text[cut.at..cut.at + len].trim_end();
                self.enter_lettered(*letter, title, heading);
                cut.at + len
            }
            CutKind::Title(label, node) => {
                self.enter_flattened(label, node);
                cut.at + label.len() + 1
            }
            CutKind::RunIn => cut.at,
        }
    }

    /// Run-in headings and lost-heading inference from a paragraph's start.
    fn read_opening(&mut self, text: &str) {
        if let Some(run_in) = run_in(text) {
            if let Some(node) = outline::known_subheading(&normalize(run_in)) {
                self.infer_subsection(node);
                self.refile_under(node);
            }
            self.subheading = Some(run_in.to_string());
        } else {
            self.infer_from_opening(text);
        }
    }

    /// A known sub-heading of another section's subject, whose own lettered
    /// heading the report does not have, takes its text there: the 2024
    /// edition files "Prolonged Detention without Charges" (arbitrary arrest,
    /// formerly 1.d) under 2.c "Disappearance and Abduction". The report's
    /// own code and headings stay. A later sub-heading of the subsection's
    /// own subject takes the text back home.
    fn refile_under(&mut self, node: &'static Node) {
        let (Some(top), Some(sub)) = (&self.top, &mut self.sub) else {
            return;
        };
        let elsewhere = outline::parent_of(node.topic) != Some(top.node.topic)
            && !self.explicit.contains(node.topic);
        if node.topic == sub.home.topic || elsewhere {
            sub.node = node;
        }
    }

    fn enter_flattened(&mut self, title: &str, node: &'static Node) {
        let Some(top) = &self.top else { return };
        self.sub = Some(Sub {
            heading: title.to_string(),
            code: top.number.clone(),
            node,
            home: node,
        });
        self.subheading = None;
    }

    /// A heading cut short by a PDF conversion continues at the start of the
    /// next paragraph; put the rest back where it belongs.
    fn extend_heading(&mut self, rest: &str) {
        let heading = match (&mut self.sub, &mut self.top) {
            (Some(sub), _) => &mut sub.heading,
            (None, Some(top)) => &mut top.heading,
            (None, None) => return,
        };
        heading.push(' ');
        heading.push_str(rest);
    }

    /// Moves to `node` if it is a later subsection of the current section
    /// whose heading the report lost (only where headings get lost).
    fn infer_subsection(&mut self, node: &'static Node) {
        let Some(top) = self.top.as_ref().filter(|t| t.lossy) else {
            return;
        };
        if outline::parent_of(node.topic) != Some(top.node.topic)
            || top.explicit.contains(node.topic)
        {
            return;
        }
        let current = self
            .sub
            .as_ref()
            .map(|s| outline::outline_rank(s.node.topic));
        if current.is_some_and(|rank| rank >= outline::outline_rank(node.topic)) {
            return;
        }
        let letter = outline::letter_for(node, self.meta.year);
        self.sub = Some(Sub {
            heading: format!("{letter}. {}", node.title),
            code: join_code(&top.number, letter),
            node,
            home: node,
        });
        self.subheading = None;
    }

    /// Infers a lost subsection heading from a paragraph's first sentence.
    fn infer_from_opening(&mut self, text: &str) {
        let Some(top) = self.top.as_ref().filter(|t| t.lossy) else {
            return;
        };
        let first = normalize(first_sentence(text));
        let current = self
            .sub
            .as_ref()
            .map_or(0, |s| outline::outline_rank(s.node.topic));
        let next = outline::children(top.node.topic).find(|c| {
            !c.std_code.is_empty()
                && outline::outline_rank(c.topic) > current
                && !top.explicit.contains(c.topic)
                && outline::opens_subsection(&first, c)
        });
        if let Some(node) = next {
            self.infer_subsection(node);
        }
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
