//! Text blocks: cut where a conversion flattened headings into them, the
//! repeated end of a heading dropped, each piece attributed to its place.

use super::super::classify::Class;
use super::super::cuts::{self, Cut, CutKind, Place};
use super::super::reading::scan_section;
use super::{Para, Sectioner, Sub};
use crate::corpus::Block;
use crate::outline::{Node, damage, shape};

impl Sectioner<'_> {
    /// Attributes one text block, cut where flattened headings start.
    /// `rest` is what follows the block (classes and lettered topics), for
    /// a Section heading flattened into it.
    pub(super) fn text<'b>(
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
    pub(super) fn repeated_heading_end(&self, text: &str) -> Option<usize> {
        let heading = match (&self.sub, &self.top) {
            (Some(sub), _) => &sub.heading,
            (None, Some(top)) => &top.heading,
            (None, None) => return None,
        };
        damage::repeated_tail(heading, text)
    }

    /// Where the sectioner stands, for finding cuts.
    pub(super) fn place(&self) -> Place {
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
    pub(super) fn enter_cut(
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

    pub(super) fn enter_flattened(&mut self, title: &str, node: &'static Node) {
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
    pub(super) fn extend_heading(&mut self, rest: &str) {
        let heading = match (&mut self.sub, &mut self.top) {
            (Some(sub), _) => &mut sub.heading,
            (None, Some(top)) => &mut top.heading,
            (None, None) => return,
        };
        heading.push(' ');
        heading.push_str(rest);
    }
}
