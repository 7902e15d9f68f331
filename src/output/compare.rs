//! Two editions compared, for people: a summary line per section, then
//! the changed sentences with their words marked as `git diff
//! --word-diff` marks them ([-dropped-]{+added+}), the added and the
//! dropped sentences. Unchanged sentences are counted, not shown.

use crate::compare::{Comparison, SectionDiff, WordChange};
use std::io;
use termcolor::{Color, ColorSpec, WriteColor};

/// Prints a comparison.
pub fn print(out: &mut impl WriteColor, comparison: &Comparison, plain: bool) -> io::Result<()> {
    let (a, b) = (comparison.earlier, comparison.later);
    let totals = comparison.sections.iter().fold([0; 4], |t, s| {
        let al = &s.alignment;
        [
            t[0] + al.unchanged,
            t[1] + al.changed.len(),
            t[2] + al.added.len(),
            t[3] + al.dropped.len(),
        ]
    });
    out.set_color(ColorSpec::new().set_bold(true))?;
    writeln!(
        out,
        "{} {a} → {b}: {} {}; sentences: {} unchanged, {} changed, {} added, {} dropped",
        comparison.country,
        comparison.sections.len(),
        if comparison.sections.len() == 1 {
            "section"
        } else {
            "sections"
        },
        totals[0],
        totals[1],
        totals[2],
        totals[3]
    )?;
    out.reset()?;
    for section in &comparison.sections {
        writeln!(out)?;
        print_section(out, section, a, b, plain)?;
    }
    Ok(())
}

/// "1.d" or "1.d → 2.c" when the editions number the topic differently.
fn codes(section: &SectionDiff) -> String {
    let (a, b) = (
        section.codes_earlier.join("/"),
        section.codes_later.join("/"),
    );
    match (a.is_empty(), b.is_empty()) {
        (false, true) => a,
        (true, false) => b,
        _ if a == b => a,
        _ => format!("{a} → {b}"),
    }
}

/// The summary line of one section.
pub fn summary(section: &SectionDiff, earlier: u16, later: u16) -> String {
    let head = format!("{} {}", codes(section), section.title);
    let al = &section.alignment;
    match section.only_in {
        Some(year) => {
            let other = if year == earlier { later } else { earlier };
            let sentences = al.added.len() + al.dropped.len();
            format!(
                "{head}: only in {year} ({sentences} sentences); the {other} edition has no such section"
            )
        }
        None => format!(
            "{head}: {} unchanged, {} changed, {} added, {} dropped",
            al.unchanged,
            al.changed.len(),
            al.added.len(),
            al.dropped.len()
        ),
    }
}

fn print_section(
    out: &mut impl WriteColor,
    section: &SectionDiff,
    earlier: u16,
    later: u16,
    plain: bool,
) -> io::Result<()> {
    out.set_color(ColorSpec::new().set_bold(true).set_fg(Some(Color::Cyan)))?;
    write!(out, "{}", summary(section, earlier, later))?;
    out.reset()?;
    out.set_color(ColorSpec::new().set_dimmed(true))?;
    writeln!(out, "  [{}]", section.topic)?;
    out.reset()?;
    if section.only_in.is_some() {
        return Ok(());
    }
    for changed in &section.alignment.changed {
        write!(out, "  ~ ")?;
        for piece in &changed.words {
            write_piece(out, piece, plain)?;
        }
        writeln!(out)?;
    }
    for (mark, sentences, color) in [
        ("+", &section.alignment.added, Color::Green),
        ("-", &section.alignment.dropped, Color::Red),
    ] {
        for sentence in sentences {
            out.set_color(ColorSpec::new().set_fg(Some(color)))?;
            writeln!(out, "  {mark} {sentence}")?;
            out.reset()?;
        }
    }
    Ok(())
}

/// One piece of a word diff: marked with brackets when plain, coloured
/// (and marked) on a terminal.
fn write_piece(out: &mut impl WriteColor, piece: &WordChange, plain: bool) -> io::Result<()> {
    let (text, open, close, color) = match piece {
        WordChange::Same(text) => return write!(out, "{text}"),
        WordChange::Dropped(text) => (text, "[-", "-]", Color::Red),
        WordChange::Added(text) => (text, "{+", "+}", Color::Green),
    };
    if !plain {
        out.set_color(ColorSpec::new().set_fg(Some(color)).set_bold(true))?;
    }
    write!(out, "{open}{text}{close}")?;
    out.reset()
}
