//! Output for people: a citation line per hit, then the snippet with the
//! matched words highlighted; facet counts under the hits; custom reports;
//! the outline. On a terminal records wrap to its width ([`super::wrap`]).

use super::Style;
use super::wrap::{Layout, emit, render};
use crate::outline;
use crate::search::facets::FacetCounts;
use crate::search::{Hit, Results, StoredPassage};
use std::io::{self, BufWriter, Write};
use std::ops::Range;
use termcolor::{Color, ColorSpec, WriteColor};

/// Indent of the lines under a hit's citation.
const HIT_INDENT: &str = "   ";

/// Prints search results.
pub fn print_results(
    results: &Results,
    offset: usize,
    style: Style,
    layout: Layout,
) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    for (i, hit) in results.hits.iter().enumerate() {
        print_hit(&mut out, offset + i + 1, hit, style, &layout)?;
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
    emit(&mut out, &layout, &line, "")?;
    if let Some(facets) = &results.facets {
        print_facets(&mut out, facets, style, &layout)?;
    }
    out.flush()
}

/// "Kazakhstan 2020 › Section 1. … › d. … › Pretrial Detention"
pub fn citation(p: &StoredPassage) -> String {
    let mut parts = vec![format!("{} {}", p.country, p.year)];
    parts.extend(p.section_path.iter().cloned());
    parts.join(" › ")
}

/// The citation line: "Country Year › headings" in bold, then the code and
/// topic dimmed.
fn write_citation(out: &mut impl WriteColor, prefix: &str, p: &StoredPassage) -> io::Result<()> {
    out.set_color(ColorSpec::new().set_bold(true).set_fg(Some(Color::Cyan)))?;
    write!(out, "{prefix}{}", citation(p))?;
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
    let cite = render(style, |b| write_citation(b, &prefix, p))?;
    emit(out, layout, &cite, &" ".repeat(prefix.chars().count()))?;
    let snippet = render(style, |b| {
        write!(b, "{HIT_INDENT}")?;
        write_marked(b, &hit.snippet.text, &hit.snippet.highlights, style)
    })?;
    emit(out, layout, &snippet, HIT_INDENT)?;
    let source = render(style, |b| {
        b.set_color(ColorSpec::new().set_dimmed(true))?;
        write!(
            b,
            "{HIT_INDENT}{} (bytes {}-{})",
            p.source, p.byte_range[0], p.byte_range[1]
        )
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
    let flat = |s: &str| s.replace("\n\n", " ¶ ");
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
                write!(out, "{}", &text[start..end])?;
                out.reset()?;
            }
            Style::Plain => write!(out, "**{}**", &text[start..end])?,
        }
        last = end;
    }
    write!(out, "{}", flat(&text[last..]))
}

/// A top-level section's total and its subsections' counts.
type TopCount<'a> = (&'a str, u64, Vec<(&'a str, u64)>);

fn print_facets(
    out: &mut impl Write,
    facets: &FacetCounts,
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
    let mut tops: Vec<TopCount> = Vec::new();
    let mut topics: Vec<(&String, &u64)> = facets.topics.iter().collect();
    topics.sort_by_key(|(t, _)| outline::outline_rank(t));
    for (topic, &count) in topics {
        let top = outline::parent_of(topic).unwrap_or(topic);
        if tops.last().is_none_or(|(t, _, _)| *t != top) {
            tops.push((top, 0, Vec::new()));
        }
        let entry = tops.last_mut().expect("just pushed");
        entry.1 += count;
        if top != topic.as_str() {
            entry.2.push((topic, count));
        }
    }
    // Titles wrap under the title column where the terminal leaves room.
    let indent = " ".repeat(if layout.width.is_some_and(|w| w >= 80) {
        52
    } else {
        11
    });
    for (top, total, children) in tops {
        emit(
            out,
            layout,
            &format!("  {total:>7}  {top:<40} {}", label(top)),
            &indent,
        )?;
        for (child, count) in children {
            let line = format!("  {count:>7}    {child:<38} {}", label(child));
            emit(out, layout, &line, &indent)?;
        }
    }
    writeln!(out, "{}", heading("By year:")?)?;
    for (year, count) in facets.years.iter().rev() {
        writeln!(out, "  {count:>7}  {year}")?;
    }
    writeln!(out, "{}", heading("By country:")?)?;
    let mut countries: Vec<_> = facets.countries.iter().collect();
    countries.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (country, count) in countries {
        writeln!(out, "  {count:>7}  {country}")?;
    }
    Ok(())
}

/// A topic's title, for facet tables.
pub fn label(topic: &str) -> &'static str {
    outline::node(topic).map_or("", |n| n.title)
}

/// Prints a custom report: each report under a title line, each section
/// under its citation, passages in the report's order.
pub fn print_report(passages: &[StoredPassage], style: Style, layout: Layout) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut current_report: Option<(&str, &str)> = None;
    let mut current_section: Option<&[String]> = None;
    for p in passages {
        if current_report != Some((p.report_id.as_str(), p.source.as_str())) {
            current_report = Some((&p.report_id, &p.source));
            current_section = None;
            let title = render(style, |b| {
                b.set_color(ColorSpec::new().set_bold(true))?;
                write!(b, "═══ {} ═══", p.title)
            })?;
            emit(&mut out, &layout, &title, "")?;
            let source = render(style, |b| {
                b.set_color(ColorSpec::new().set_dimmed(true))?;
                write!(b, "{}", p.source)
            })?;
            emit(&mut out, &layout, &source, "")?;
            writeln!(out)?;
        }
        if current_section != Some(p.section_path.as_slice()) {
            current_section = Some(&p.section_path);
            let cite = render(style, |b| write_citation(b, "", p))?;
            emit(&mut out, &layout, &cite, "  ")?;
        }
        for paragraph in p.text.split("\n\n") {
            emit(&mut out, &layout, paragraph, "")?;
            writeln!(out)?;
        }
    }
    out.flush()
}

/// Prints the canonical outline: each topic and its title, subsections
/// indented; on a terminal titles wrap under their column.
pub fn print_sections(layout: Layout) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    let width = outline::all_nodes()
        .map(|n| n.topic.len() + 2)
        .max()
        .unwrap_or(40);
    let indent = " ".repeat(width + 1);
    for section in outline::SECTIONS {
        let line = format!("{:<width$} {}", section.topic, section.title);
        emit(&mut out, &layout, &line, &indent)?;
        for child in outline::children(section.topic) {
            let line = format!("  {:<w$} {}", child.topic, child.title, w = width - 2);
            emit(&mut out, &layout, &line, &indent)?;
        }
    }
    out.flush()
}
