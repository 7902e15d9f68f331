//! Headings lost when a page was saved, made up for from the outline's
//! order, from sub-headings that survive (run-in or not), and from the
//! phrases a subsection's first sentence typically uses. Inference only
//! moves forward in the outline and never to a subsection whose own
//! heading is in the report.

use super::super::reading::{first_sentence, run_in};
use super::{Sectioner, Sub, join_code};
use crate::outline::{self, Node, normalize};

impl Sectioner<'_> {
    /// Run-in headings and lost-heading inference from a paragraph's start.
    pub(super) fn read_opening(&mut self, text: &str) {
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
    pub(super) fn refile_under(&mut self, node: &'static Node) {
        let (Some(top), Some(sub)) = (&self.top, &mut self.sub) else {
            return;
        };
        let elsewhere = outline::parent_of(node.topic) != Some(top.node.topic)
            && !self.explicit.contains(node.topic);
        if node.topic == sub.home.topic || elsewhere {
            sub.node = node;
        }
    }

    /// Moves to `node` if it is a later subsection of the current section
    /// whose heading the report lost (only where headings get lost).
    pub(super) fn infer_subsection(&mut self, node: &'static Node) {
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
        // The subsection we are in covers it by its own heading: its text
        // takes the topic, the report's code and heading stay (no "e." of
        // an edition whose 2.d holds refugees).
        if let Some(sub) = self
            .sub
            .as_mut()
            .filter(|s| outline::heading_names(&s.heading, node))
        {
            sub.node = node;
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
    pub(super) fn infer_from_opening(&mut self, text: &str) {
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
}
