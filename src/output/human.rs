//! Output for people: a citation line per hit, then the snippet with the
//! matched words highlighted; facet counts under the hits.

use super::Style;
use crate::outline;
use crate::search::facets::FacetCounts;
use crate::search::{Hit, Results, StoredPassage};
use std::io::{self, Write};
use std::ops::Range;
use termcolor::{Color, ColorChoice, ColorSpec, StandardStream, WriteColor};

/// Prints search results.
pub fn print_results(results: &Results, offset: usize, style: Style) -> io::Result<()> {
    let mut out = stream(style);
    for (i, hit) in results.hits.iter().enumerate() {
        print_hit(&mut out, offset + i + 1, hit, style)?;
    }
    let shown = results.hits.len();
    let note = if shown == 0 {
        format!("{} matching passages (none on this page)", results.total)
    } else {
        format!(
            "{}-{} of {} matching passages",
            offset + 1,
            offset + shown,
            results.total
        )
    };
    out.set_color(ColorSpec::new().set_dimmed(true))?;
    writeln!(out, "{note}")?;
    out.reset()?;
    if let Some(facets) = &results.facets {
        print_facets(&mut out, facets)?;
    }
    out.flush()
}

fn stream(style: Style) -> StandardStream {
    StandardStream::stdout(match style {
        Style::Color => ColorChoice::Always,
        Style::Plain => ColorChoice::Never,
    })
}

/// "Kazakhstan 2020 › Section 1. … › d. … › Pretrial Detention"
pub fn citation(p: &StoredPassage) -> String {
    let mut parts = vec![format!("{} {}", p.country, p.year)];
    parts.extend(p.section_path.iter().cloned());
    parts.join(" › ")
}

/// The citation line: "Country Year › headings" in bold, then the code and
/// topic dimmed.
fn write_citation(out: &mut StandardStream, prefix: &str, p: &StoredPassage) -> io::Result<()> {
    out.set_color(ColorSpec::new().set_bold(true).set_fg(Some(Color::Cyan)))?;
    write!(out, "{prefix}{}", citation(p))?;
    out.reset()?;
    out.set_color(ColorSpec::new().set_dimmed(true))?;
    writeln!(out, "  [{} · {}]", p.section_code, p.section_topic)?;
    out.reset()
}

fn print_hit(out: &mut StandardStream, rank: usize, hit: &Hit, style: Style) -> io::Result<()> {
    let p = &hit.passage;
    write_citation(out, &format!("{rank}. "), p)?;
    write!(out, "   ")?;
    write_marked(out, &hit.snippet.text, &hit.snippet.highlights, style)?;
    writeln!(out)?;
    out.set_color(ColorSpec::new().set_dimmed(true))?;
    writeln!(
        out,
        "   {} (bytes {}-{})\n",
        p.source, p.byte_range[0], p.byte_range[1]
    )?;
    out.reset()
}

/// Writes text with the char ranges highlighted (bold red, or `**…**`);
/// paragraph breaks inside a passage show as ¶.
pub fn write_marked(
    out: &mut StandardStream,
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

fn print_facets(out: &mut StandardStream, facets: &FacetCounts) -> io::Result<()> {
    out.set_color(ColorSpec::new().set_bold(true))?;
    writeln!(out, "\nBy section (matching passages):")?;
    out.reset()?;
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
    for (top, total, children) in tops {
        writeln!(out, "  {total:>7}  {top:<40} {}", label(top))?;
        for (child, count) in children {
            writeln!(out, "  {count:>7}    {child:<38} {}", label(child))?;
        }
    }
    out.set_color(ColorSpec::new().set_bold(true))?;
    writeln!(out, "\nBy year:")?;
    out.reset()?;
    for (year, count) in facets.years.iter().rev() {
        writeln!(out, "  {count:>7}  {year}")?;
    }
    out.set_color(ColorSpec::new().set_bold(true))?;
    writeln!(out, "\nBy country:")?;
    out.reset()?;
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
pub fn print_report(passages: &[StoredPassage], style: Style) -> io::Result<()> {
    let mut out = stream(style);
    let mut current_report: Option<(&str, &str)> = None;
    let mut current_section: Option<&[String]> = None;
    for p in passages {
        if current_report != Some((p.report_id.as_str(), p.source.as_str())) {
            current_report = Some((&p.report_id, &p.source));
            current_section = None;
            out.set_color(ColorSpec::new().set_bold(true))?;
            writeln!(out, "═══ {} ═══", p.title)?;
            out.reset()?;
            out.set_color(ColorSpec::new().set_dimmed(true))?;
            writeln!(out, "{}\n", p.source)?;
            out.reset()?;
        }
        if current_section != Some(p.section_path.as_slice()) {
            current_section = Some(&p.section_path);
            write_citation(&mut out, "", p)?;
        }
        writeln!(out, "{}\n", p.text)?;
    }
    out.flush()
}
