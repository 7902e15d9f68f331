//! Files that hold several editions (an archive file with a country's 2023
//! and 2024 reports one after the other): one report per edition, each
//! starting at its own title ("## Cabo Verde — 2024 Human Rights Report").
//!
//! A file is cut only when titles of at least two different years stand in
//! it as titles (headings or lines of their own), so a report that quotes
//! another year's report title in a sentence stays whole.

use super::Block;
use super::meta::edition_title_year;
use std::ops::Range;

/// The block ranges of each edition, in file order, or `None` when the
/// file holds one edition. Front matter before the first title (an
/// archive's own title, its list of editions) belongs to no edition.
pub fn split(blocks: &[Block]) -> Option<Vec<Range<usize>>> {
    let titles: Vec<(usize, u16)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, block)| edition_title_year(block).map(|year| (i, year)))
        .collect();
    let first_year = titles.first().map(|&(_, year)| year);
    if titles.iter().all(|&(_, year)| Some(year) == first_year) {
        return None;
    }
    let starts: Vec<usize> = titles.iter().map(|&(i, _)| i).collect();
    let editions = starts
        .iter()
        .enumerate()
        .map(|(k, &start)| start..starts.get(k + 1).copied().unwrap_or(blocks.len()))
        .collect();
    Some(editions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::BlockKind;

    fn block(kind: BlockKind, text: &str) -> Block {
        Block {
            kind,
            text: text.into(),
            range: 0..0,
            verbatim: false,
            anchors: Vec::new(),
        }
    }

    fn heading(text: &str) -> Block {
        block(BlockKind::Heading(2), text)
    }

    fn para(text: &str) -> Block {
        block(BlockKind::Paragraph, text)
    }

    #[test]
    fn an_archive_is_cut_at_each_editions_title() {
        let blocks = [
            heading("Cabo Verde — Country Reports on Human Rights Practices"),
            para("Editions included: 2023, 2024"),
            heading("Cabo Verde — 2024 Human Rights Report"),
            para("There were no significant changes."),
            heading("Cabo Verde — 2023 Human Rights Report"),
            para("Executive Summary"),
            para("Cabo Verde is a constitutional democracy."),
        ];
        assert_eq!(split(&blocks), Some(vec![2..4, 4..7]));
    }

    #[test]
    fn one_edition_or_a_quoted_title_keeps_the_file_whole() {
        let single = [
            heading("Kazakhstan 2020 Human Rights Report"),
            para("The constitution provides for a presidential system."),
        ];
        assert_eq!(split(&single), None);
        let quoting = [
            heading("Chad 2021 Human Rights Report"),
            para(
                "As the Chad 2020 Human Rights Report noted, security forces detained \
                 journalists, and the government did not investigate the arrests in any \
                 meaningful way during the year.",
            ),
        ];
        assert_eq!(split(&quoting), None);
    }
}
