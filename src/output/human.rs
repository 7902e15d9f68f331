//! Output for people: a citation line per hit, then the snippet with the
//! matched words highlighted; facet counts under the hits; custom reports;
//! the outline. On a terminal records wrap to its width ([`super::wrap`]).
//! Every printer writes to any [`WriteColor`]: colours where it supports
//! them, `**word**` marks where it does not.

use super::Style;
use super::escape::printable;
use super::view::{self, FacetView};
use super::wrap::{Layout, emit, render};
use crate::outline;
use crate::search::{Hit, Results, StoredPassage};
use std::io::{self, Write};
use std::ops::Range;
use termcolor::{Color, ColorSpec, WriteColor};

/// How a writer shows highlights: colours where it supports them.
fn style_of(out: &impl WriteColor) -> Style {
    if out.supports_color() {
        Style::Color
    } else {
        Style::Plain
    }
}

/// Indent of the lines under a hit's citation.
const HIT_INDENT: &str = "   ";

/// Prints search results.
pub fn print_results(
    out: &mut impl WriteColor,
    results: &Results,
    offset: usize,
    layout: Layout,
) -> io::Result<()> {
    let style = style_of(out);
    for (i, hit) in results.hits.iter().enumerate() {
        print_hit(out, offset + i + 1, hit, style, &layout)?;
    }
    let shown = results.hits.len();
    let mut note = match (shown, offset) {
        (0, 0) => format!("{} matching passages", results.total),
        (0, _) => format!("{} matching passages (none on this page)", results.total),
        _ => format!(
            "{}-{} of {} matching passages",
            offset + 1,
            offset + shown,
            results.total
        ),
    };
    if results.folded > 0 {
        note.push_str(&format!(
            "; {} near-copies from other years folded under these hits (--no-fold lists every hit)",
            results.folded
        ));
    }
    let line = render(style, |b| {
        b.set_color(ColorSpec::new().set_dimmed(true))?;
        write!(b, "{note}")
    })?;
    emit(out, &layout, &line, "")?;
    if let Some(facets) = &results.facets {
        print_facets(out, &view::facets(facets), style, &layout)?;
    }
    out.flush()
}

/// "Kazakhstan 2020 › Section 1. … › d. … › Pretrial Detention", and for
/// a source with pages ", p. 12-13".
pub fn citation(p: &StoredPassage) -> String {
    cite_pages(p, p.pages)
}

fn cite_pages(p: &StoredPassage, pages: Option<[u64; 2]>) -> String {
    let mut parts = vec![format!("{} {}", p.country, p.year)];
    parts.extend(p.section_path.iter().cloned());
    let mut line = parts.join(" › ");
    if let Some(note) = view::pages_note(pages) {
        line.push_str(", ");
        line.push_str(&note);
    }
    line
}

/// The citation line: "Country Year › headings[, p. N]" in bold, then the
/// code and topic dimmed.
fn write_citation(
    out: &mut impl WriteColor,
    prefix: &str,
    p: &StoredPassage,
    pages: Option<[u64; 2]>,
) -> io::Result<()> {
    out.set_color(ColorSpec::new().set_bold(true).set_fg(Some(Color::Cyan)))?;
    write!(out, "{prefix}{}", printable(&cite_pages(p, pages)))?;
    out.reset()?;
    out.set_color(ColorSpec::new().set_dimmed(true))?;
    write!(out, "  [{} · {}]", p.section_code, p.section_topic)?;
    out.reset()
}

fn print_hit(
    out: &mut impl Write,
    rank: usize,
    hit: &Hit,
    style: Style,
    layout: &Layout,
) -> io::Result<()> {
    let p = &hit.passage;
    let prefix = format!("{rank}. ");
    let cite = render(style, |b| write_citation(b, &prefix, p, p.pages))?;
    emit(out, layout, &cite, &" ".repeat(prefix.chars().count()))?;
    let snippet = render(style, |b| {
        write!(b, "{HIT_INDENT}")?;
        write_marked(b, &hit.snippet.text, &hit.snippet.highlights, style)
    })?;
    emit(out, layout, &snippet, HIT_INDENT)?;
    let source = render(style, |b| {
        b.set_color(ColorSpec::new().set_dimmed(true))?;
        write!(b, "{HIT_INDENT}{}", printable(&p.source))?;
        match (p.file_byte_range(), view::pages_note(p.pages)) {
            (Some([start, end]), _) => write!(b, " (bytes {start}-{end})"),
            (None, Some(pages)) => write!(b, " ({pages})"),
            (None, None) => Ok(()),
        }
    })?;
    emit(out, layout, &source, HIT_INDENT)?;
    if !hit.also_in.is_empty() {
        let years: Vec<String> = hit.also_in.iter().map(|a| a.year.to_string()).collect();
        let folded = render(style, |b| {
            b.set_color(ColorSpec::new().set_dimmed(true))?;
            write!(
                b,
                "{HIT_INDENT}also in {} (nearly the same text)",
                years.join(", ")
            )
        })?;
        emit(out, layout, &folded, HIT_INDENT)?;
    }
    writeln!(out)
}

/// Writes text with the char ranges highlighted (bold red, or `**…**`);
/// paragraph breaks inside a passage show as ¶.
pub fn write_marked(
    out: &mut impl WriteColor,
    text: &str,
    ranges: &[Range<usize>],
    style: Style,
) -> io::Result<()> {
    let flat = |s: &str| printable(&s.replace("\n\n", " ¶ ")).into_owned();
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let byte_at = |c: usize| bytes.get(c).copied().unwrap_or(text.len());
    let mut last = 0;
    for r in ranges {
        let (start, end) = (byte_at(r.start), byte_at(r.end));
        if start < last || end < start {
            continue;
        }
        write!(out, "{}", flat(&text[last..start]))?;
        match style {
            Style::Color => {
                out.set_color(ColorSpec::new().set_bold(true).set_fg(Some(Color::Red)))?;
                write!(out, "{}", printable(&text[start..end]))?;
                out.reset()?;
            }
            Style::Plain => write!(out, "**{}**", printable(&text[start..end]))?,
        }
        last = end;
    }
    write!(out, "{}", flat(&text[last..]))
}

fn print_facets(
    out: &mut impl Write,
    facets: &FacetView,
    style: Style,
    layout: &Layout,
) -> io::Result<()> {
    let heading = |title: &str| {
        render(style, |b| {
            b.set_color(ColorSpec::new().set_bold(true))?;
            write!(b, "\n{title}")
        })
    };
    writeln!(out, "{}", heading("By section (matching passages):")?)?;
    // Titles wrap under the title column where the terminal leaves room.
    let indent = " ".repeat(if layout.width.is_some_and(|w| w >= 80) {
        52
    } else {
        11
    });
    for top in &facets.tops {
        let line = format!("  {:>7}  {:<40} {}", top.total, top.topic, top.label);
        emit(out, layout, &line, &indent)?;
        for child in &top.children {
            let line = format!(
                "  {:>7}    {:<38} {}",
                child.count, child.topic, child.label
            );
            emit(out, layout, &line, &indent)?;
        }
    }
    writeln!(out, "{}", heading("By year:")?)?;
    for (year, count) in facets.years.iter().rev() {
        writeln!(out, "  {count:>7}  {year}")?;
    }
    writeln!(out, "{}", heading("By country:")?)?;
    for country in &facets.countries {
        writeln!(out, "  {:>7}  {}", country.count, country.name)?;
    }
    Ok(())
}

/// Prints a custom report: each report under a title line, each section
/// under its citation, passages in the report's order.
pub fn print_report(
    out: &mut impl WriteColor,
    passages: &[StoredPassage],
    layout: Layout,
) -> io::Result<()> {
    let style = style_of(out);
    for report in view::reports(passages) {
        let first = report.first();
        let title = render(style, |b| {
            b.set_color(ColorSpec::new().set_bold(true))?;
            write!(b, "═══ {} ═══", printable(&first.title))
        })?;
        emit(out, &layout, &title, "")?;
        let source = render(style, |b| {
            b.set_color(ColorSpec::new().set_dimmed(true))?;
            write!(b, "{}", printable(&first.source))
        })?;
        emit(out, &layout, &source, "")?;
        writeln!(out)?;
        for section in &report.sections {
            let cite = render(style, |b| {
                write_citation(b, "", section.first(), section.pages())
            })?;
            emit(out, &layout, &cite, "  ")?;
            for p in &section.passages {
                for paragraph in p.text.split("\n\n") {
                    emit(out, &layout, &printable(paragraph), "")?;
                    writeln!(out)?;
                }
            }
        }
    }
    out.flush()
}

/// Prints the canonical outline: each topic and its title, subsections
/// indented; on a terminal titles wrap under their column.
pub fn print_sections(out: &mut impl Write, layout: Layout) -> io::Result<()> {
    let width = outline::all_nodes()
        .map(|n| n.topic.len() + 2)
        .max()
        .unwrap_or(40);
    let indent = " ".repeat(width + 1);
    for section in outline::SECTIONS {
        let line = format!("{:<width$} {}", section.topic, section.title);
        emit(out, &layout, &line, &indent)?;
        for child in outline::children(section.topic) {
            let line = format!("  {:<w$} {}", child.topic, child.title, w = width - 2);
            emit(out, &layout, &line, &indent)?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::view::tests::passage;
    use crate::search::facets::FacetCounts;
    use crate::search::highlight::Marked;
    use termcolor::{Ansi, NoColor};

    fn hit() -> Hit {
        let text = "Pretrial Detention: The law allows police to hold a detainee for 48 hours.";
        Hit {
            score: 9.5,
            passage: passage(
                "kazakhstan/2020",
                &["Section 1. Integrity", "d. Arbitrary Arrest or Detention"],
                text,
                [21038, 21720],
            ),
            snippet: Marked {
                text: text.into(),
                highlights: vec![0..8, 9..18],
            },
            highlights: vec![0..8, 9..18],
            also_in: Vec::new(),
        }
    }

    fn results() -> Results {
        Results {
            total: 7,
            hits: vec![hit()],
            facets: Some(FacetCounts {
                topics: [
                    ("integrity/arbitrary-arrest".to_string(), 4),
                    ("integrity/killings".to_string(), 1),
                ]
                .into(),
                years: [(2020, 5)].into(),
                countries: [("Kazakhstan".to_string(), 5)].into(),
            }),
            warnings: Vec::new(),
            did_you_mean: None,
            folded: 0,
        }
    }

    fn printed(draw: impl FnOnce(&mut NoColor<Vec<u8>>) -> io::Result<()>) -> String {
        let mut out = NoColor::new(Vec::new());
        draw(&mut out).unwrap();
        String::from_utf8(out.into_inner()).unwrap()
    }

    #[test]
    fn a_hit_prints_its_citation_marked_snippet_and_source() {
        let text = printed(|out| print_results(out, &results(), 0, Layout::unwrapped()));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "1. Kazakhstan 2020 › Section 1. Integrity › d. Arbitrary Arrest or Detention  [1.d · integrity/arbitrary-arrest]"
        );
        assert_eq!(
            lines[1],
            "   **Pretrial** **Detention**: The law allows police to hold a detainee for 48 hours."
        );
        assert_eq!(
            lines[2],
            "   corpus/2020/kazakhstan.txt (bytes 21038-21720)"
        );
        assert_eq!(lines[4], "1-1 of 7 matching passages");
    }

    #[test]
    fn facets_roll_up_by_section_and_list_years_newest_first() {
        let text = printed(|out| print_results(out, &results(), 0, Layout::unwrapped()));
        assert!(text.contains("By section (matching passages):"), "{text}");
        let integrity = text
            .lines()
            .position(|l| l.trim_start().starts_with("5  integrity "))
            .expect("the integrity section rolls up 4 + 1");
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[integrity + 1].contains("1    integrity/killings"),
            "{text}"
        );
        assert!(
            lines[integrity + 2].contains("4    integrity/arbitrary-arrest"),
            "{text}"
        );
        assert!(text.contains("By year:\n        5  2020"), "{text}");
        assert!(
            text.contains("By country:\n        5  Kazakhstan"),
            "{text}"
        );
    }

    #[test]
    fn a_colour_writer_gets_colours_and_no_marks() {
        let mut out = Ansi::new(Vec::new());
        print_results(&mut out, &results(), 0, Layout::unwrapped()).unwrap();
        let text = String::from_utf8(out.into_inner()).unwrap();
        assert!(!text.contains("**Pretrial**"), "{text}");
        assert!(text.contains("\x1b["), "{text}");
    }

    #[test]
    fn a_custom_report_prints_each_report_and_section_once() {
        let passages = [
            passage("kazakhstan/2020", &["d. Arrest"], "One.\n\nTwo.", [10, 20]),
            passage("kazakhstan/2020", &["d. Arrest"], "Three.", [21, 30]),
            passage("kazakhstan/2023", &["d. Arrest"], "Four.", [5, 9]),
        ];
        let text = printed(|out| print_report(out, &passages, Layout::unwrapped()));
        assert_eq!(
            text,
            "═══ Kazakhstan 2020 Human Rights Report ═══\ncorpus/2020/kazakhstan.txt\n\n\
             Kazakhstan 2020 › d. Arrest  [1.d · integrity/arbitrary-arrest]\n\
             One.\n\nTwo.\n\nThree.\n\n\
             ═══ Kazakhstan 2023 Human Rights Report ═══\ncorpus/2023/kazakhstan.txt\n\n\
             Kazakhstan 2023 › d. Arrest  [1.d · integrity/arbitrary-arrest]\nFour.\n\n"
        );
    }

    #[test]
    fn the_outline_lists_sections_and_their_subsections() {
        let text = printed(|out| print_sections(out, Layout { width: Some(80) }));
        assert!(text.lines().any(|l| l.starts_with("integrity ")), "{text}");
        assert!(
            text.lines()
                .any(|l| l.starts_with("  integrity/arbitrary-arrest")
                    && l.ends_with("Arbitrary Arrest or Detention")),
            "{text}"
        );
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    }
}
