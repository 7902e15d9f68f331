//! What each block of a report is: front matter, a section heading, a
//! lettered subsection heading, an unlettered sub-heading, or text.

use crate::corpus::{Block, BlockKind, ReportMeta};
use crate::outline::{self, damage, normalize, shape};
use regex::Regex;
use std::sync::LazyLock;

/// The role of one block in the report's outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Class {
    /// Title, dates, bureau lines: not report text.
    FrontMatter,
    /// "Executive Summary".
    Exec,
    /// "Section N. Title".
    Section { number: u32, title: String },
    /// "a. Title".
    Lettered { letter: char, title: String },
    /// A heading without number or letter.
    Sub,
    /// Report text.
    Text,
}

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+(?:19|20)\d{2}$").unwrap()
});
static YEAR_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:19|20)\d{2}$").unwrap());

const FRONT_MATTER: &[&str] = &[
    "country reports on human rights practices",
    "bureau of democracy human rights and labor",
    "respect for human rights",
];

/// Classifies the blocks of one report.
pub struct Classifier<'m> {
    meta: &'m ReportMeta,
    /// The country's name, normalised once.
    country: String,
}

impl<'m> Classifier<'m> {
    pub fn new(meta: &'m ReportMeta) -> Self {
        Classifier {
            meta,
            country: normalize(&meta.country),
        }
    }

    /// Classifies one block.
    pub fn classify(&self, block: &Block) -> Class {
        classify(block, self)
    }

    fn is_front_matter(&self, text: &str) -> bool {
        // Front matter is a short line; most blocks are long paragraphs.
        if text.len() > 120 {
            return false;
        }
        let norm = normalize(text);
        FRONT_MATTER.contains(&norm.as_str())
            || text == self.meta.title
            || norm == self.country
            || DATE_LINE.is_match(text)
            || YEAR_LINE.is_match(text)
            || (norm.starts_with(&self.country)
                && (norm.ends_with("human rights report")
                    || norm.ends_with("human rights practices")))
    }
}

fn classify(block: &Block, classifier: &Classifier) -> Class {
    // Headings are short: only they are mended ("b. D isappearance").
    let text = match block.text.trim() {
        short if short.len() <= 200 => damage::mend_split_words(short),
        long => long.into(),
    };
    let text = text.as_ref();
    let marked = matches!(block.kind, BlockKind::Heading(_));
    if classifier.is_front_matter(text) {
        return Class::FrontMatter;
    }
    if let Some((number, title)) = shape::section_heading(text) {
        return Class::Section {
            number,
            title: title.to_string(),
        };
    }
    if text.len() < 24 && normalize(text) == "executive summary" {
        return Class::Exec;
    }
    if let Some((letter, title)) = shape::lettered_heading(text, marked) {
        return Class::Lettered {
            letter,
            title: title.to_string(),
        };
    }
    let heading_like = if marked {
        !shape::reads_as_sentences(text)
    } else {
        shape::bare_heading(text) || outline::is_known_title(text)
    };
    if heading_like {
        return Class::Sub;
    }
    Class::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> ReportMeta {
        ReportMeta {
            country: "Algeria".into(),
            country_key: "algeria".into(),
            year: 2001,
            title: "Algeria 2001 Human Rights Report".into(),
        }
    }

    fn class(kind: BlockKind, text: &str) -> Class {
        let block = Block {
            kind,
            text: text.into(),
            range: 0..0,
            verbatim: true,
            anchors: Vec::new(),
        };
        Classifier::new(&meta()).classify(&block)
    }

    #[test]
    fn classes() {
        use BlockKind::*;
        assert_eq!(class(Heading(2), "Algeria"), Class::FrontMatter);
        assert_eq!(class(Paragraph, "March 4, 2002"), Class::FrontMatter);
        assert_eq!(
            class(Heading(4), "RESPECT FOR HUMAN RIGHTS"),
            Class::FrontMatter
        );
        assert_eq!(class(Heading(4), "EXECUTIVE SUMMARY"), Class::Exec);
        assert_eq!(
            class(Paragraph, "Section 5. Governmental Attitude Regarding International and Nongovernmental Investigation of Alleged Violations of Human Rights"),
            Class::Section { number: 5, title: "Governmental Attitude Regarding International and Nongovernmental Investigation of Alleged Violations of Human Rights".into() }
        );
        assert_eq!(
            class(Heading(4), "b. Disappearance"),
            Class::Lettered {
                letter: 'b',
                title: "Disappearance".into()
            }
        );
        assert_eq!(class(Heading(4), "Women"), Class::Sub);
        assert_eq!(
            class(Paragraph, "Political Prisoners and Detainees"),
            Class::Sub
        );
        assert_eq!(
            class(Paragraph, "The law provides for the right to a fair trial."),
            Class::Text
        );
        // A conversion marked a sentence as a heading (2008 Angola).
        assert_eq!(
            class(
                Heading(4),
                "Discrimination against homosexuals occurred. The law criminalizes sodomy."
            ),
            Class::Text
        );
        // A title too long to look like a heading is still one.
        assert_eq!(
            class(
                Paragraph,
                "Acts of Violence, Criminalization, and Other Abuses Based on Sexual Orientation, Gender Identity or Expression, or Sex Characteristics"
            ),
            Class::Sub
        );
    }
}
