//! Where blocks start in laid-out lines, and which blocks are headings.
//!
//! With a PDF's positions: a paragraph ends where the gap to the next line
//! is wider than the text's line spacing, a bold line is a heading line and
//! bold lines set closely are one heading. A paragraph goes on across a
//! page break unless the page's last line ended a sentence short of the
//! right margin.
//!
//! Without positions (text from a PDF-to-text tool, no blank lines between
//! paragraphs): a line ends its paragraph when it ends a sentence and the
//! next line's first word would have fitted on it (the break was not a
//! wrap); a heading is a heading-shaped line set apart that way, and goes on
//! over the next lines while it is visibly cut ("... Unlawful or" /
//! "Politically Motivated Killings", "P" / "olitically").

use super::furniture::Marks;
use super::joins::{is_connector, title_words};
use super::layout::{BodyLine, Page};
use crate::outline::{self, normalize, shape};

/// What a body line is to the block builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Starts the title block.
    Title,
    /// Starts a heading.
    Heading,
    /// Starts a paragraph.
    Paragraph,
    /// Goes on with the block before it.
    Continue,
}

/// The role of every body line.
pub fn assign(lines: &[BodyLine], title: Option<usize>) -> Vec<Role> {
    let positioned = !lines.is_empty() && lines.iter().all(|l| l.geo.is_some());
    let bold = positioned && lines.iter().any(|l| l.geo.is_some_and(|g| g.bold));
    let mut roles = if bold {
        by_position(lines)
    } else {
        by_text(lines, positioned.then(|| paragraph_gap(lines)).flatten())
    };
    if let Some(t) = title {
        roles[t] = Role::Title;
        if let Some(next) = roles.get_mut(t + 1)
            && *next == Role::Continue
        {
            *next = Role::Paragraph;
        }
    }
    roles
}

/// Lines of a PDF with bold headings.
fn by_position(lines: &[BodyLine]) -> Vec<Role> {
    let gap = paragraph_gap(lines);
    let right = right_margin(lines);
    let mut roles = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| &lines[p]);
        let (Some(geo), Some((prev, before))) = (line.geo, prev.and_then(|p| Some((p, p.geo?))))
        else {
            let bold = line.geo.is_some_and(|g| g.bold);
            roles.push(if bold { Role::Heading } else { Role::Paragraph });
            continue;
        };
        // The line before ends short of the margin: the next line's first
        // word would have fitted, so the break was the paragraph's end.
        let word = (first_word_width(line.text) + SPACE) * before.size;
        let short = before.right + word < right;
        let opens = !line.text.starts_with(char::is_lowercase);
        let new_block = if before.bold != geo.bold {
            true
        } else if prev.page == line.page {
            let spacing = geo.baseline - before.baseline;
            spacing <= 0.0
                || gap.is_some_and(|g| spacing > g)
                || (!geo.bold && short && opens && ends_sentence(prev.text))
        } else if geo.bold {
            !ends_cut(prev.text)
        } else {
            short && opens
        };
        let start = if geo.bold {
            Role::Heading
        } else {
            Role::Paragraph
        };
        roles.push(if new_block { start } else { Role::Continue });
    }
    roles
}

/// The spacing between baselines above which lines are in different
/// paragraphs: a third more than the commonest spacing.
fn paragraph_gap(lines: &[BodyLine]) -> Option<f32> {
    let mut spacings: Vec<f32> = lines
        .windows(2)
        .filter(|w| w[0].page == w[1].page)
        .filter_map(|w| Some(w[1].geo?.baseline - w[0].geo?.baseline))
        .filter(|s| *s > 0.0)
        .collect();
    if spacings.is_empty() {
        return None;
    }
    spacings.sort_by(f32::total_cmp);
    // The lower quartile: lines within paragraphs outnumber paragraph gaps.
    Some(spacings[spacings.len() / 4] * 1.3)
}

/// Where full lines of text end (right edges of justified lines).
fn right_margin(lines: &[BodyLine]) -> f32 {
    let mut rights: Vec<f32> = lines
        .iter()
        .filter_map(|l| l.geo.map(|g| g.right))
        .collect();
    if rights.is_empty() {
        return 0.0;
    }
    rights.sort_by(f32::total_cmp);
    rights[rights.len() * 9 / 10]
}

/// Lines known only by their text, with paragraph gaps when positions are
/// known but weights are not.
fn by_text(lines: &[BodyLine], gap: Option<f32>) -> Vec<Role> {
    let width = full_width(lines);
    let first_word = |i: usize| {
        lines
            .get(i)
            .and_then(|l| l.text.split_whitespace().next())
            .map_or(0.0, printed_width)
    };
    // The line's last word ends the line on purpose: the next would have fitted.
    let short = |i: usize| {
        i + 1 >= lines.len() || printed_width(lines[i].text) + SPACE + first_word(i + 1) <= width
    };
    let spaced = |i: usize| {
        i > 0
            && (lines[i].blank_before
                || (lines[i].page == lines[i - 1].page
                    && gap.is_some_and(|g| match (lines[i - 1].geo, lines[i].geo) {
                        (Some(a), Some(b)) => b.baseline - a.baseline > g,
                        _ => false,
                    })))
    };
    let wrap = heading_wrap(lines).unwrap_or(width * 0.7);
    let mut roles = vec![Role::Continue; lines.len()];
    let mut i = 0;
    let mut closed = true;
    while i < lines.len() {
        let text = lines[i].text;
        let may_head = closed || ends_sentence(lines[i - 1].text) || spaced(i);
        if may_head && let Some(end) = heading_end(lines, i, wrap, &short) {
            roles[i] = Role::Heading;
            i = end + 1;
            closed = true;
            continue;
        }
        let run_in = i > 0 && ends_sentence(lines[i - 1].text) && starts_run_in(text);
        let starts = closed || spaced(i) || run_in;
        let lowercase = text.starts_with(char::is_lowercase) && !lettered(text);
        roles[i] = if i == 0 || (starts && !lowercase) {
            Role::Paragraph
        } else {
            Role::Continue
        };
        closed = ends_sentence(text) && short(i);
        i += 1;
    }
    roles
}

/// Where a heading that starts at line `i` ends (its last line), if line
/// `i` starts one.
fn heading_end(
    lines: &[BodyLine],
    i: usize,
    wrap: f32,
    short: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let text = lines[i].text;
    let marked = shape::section_heading(text).is_some() || lettered(text);
    // "Child Labor See the Department of Labor's ...": a sub-heading run
    // into a sentence, which title-case words alone would take for a heading.
    let bare = heading_words(text) && shape::leading_title_run(text).is_none();
    if !(marked || bare) || ends_sentence(text) {
        return None;
    }
    let mut last = i;
    while last + 1 < lines.len()
        && last - i < 3
        && continues_heading(lines[last].text, lines[last + 1].text, wrap)
    {
        last += 1;
    }
    // The heading ends where the line break was not a wrap and what follows
    // starts a block of its own; a continuation that runs into text is
    // given back to the text ("... Privacy, Family," / "Home, or
    // Correspondence The constitution ...").
    (i..=last).rev().find(|&end| {
        let next_starts = lines
            .get(end + 1)
            .is_none_or(|l| !l.text.starts_with(char::is_lowercase) || lettered(l.text));
        short(end) && next_starts
    })
}

/// A line opening with a run-in heading ("Pretrial Detention: The law",
/// "Pretrial Detention :  The law").
fn starts_run_in(text: &str) -> bool {
    let Some(colon) = text
        .get(..text.len().min(120))
        .and_then(|head| head.find(':'))
    else {
        return false;
    };
    let head = text[..colon].trim_end();
    let after = text[colon + 1..].trim_start();
    !head.is_empty()
        && head.split_whitespace().count() <= 11
        && !head.contains(['.', ';'])
        && title_words(head)
        && after
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '“' || c == '"')
}

/// "a. Title" with any letter, a stray space allowed ("b. D isappearance").
fn lettered(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() > 3
        && b[0].is_ascii_lowercase()
        && b[1] == b'.'
        && b[2] == b' '
        && text[3..].starts_with(char::is_uppercase)
        && text.split_whitespace().count() <= 30
}

/// Title-case words, a heading's shape (longer than the outline's bare
/// headings allow: the layout already set the line apart).
fn heading_words(text: &str) -> bool {
    text.split_whitespace().nth(30).is_none() && title_words(text)
}

/// Whether a heading line goes on over the next line.
fn continues_heading(line: &str, next: &str, wrap: f32) -> bool {
    if shape::section_heading(next).is_some() || lettered(next) || ends_sentence(next) {
        return false;
    }
    let lone_letter = line.chars().count() == 1 && line.starts_with(char::is_alphabetic);
    if lone_letter || next.starts_with(|c: char| c.is_lowercase() || c == '(') {
        return true;
    }
    if ends_cut(line) {
        return heading_words(next) || next.starts_with(char::is_uppercase);
    }
    // A title-case line after a heading line its first word would not have
    // fitted on is the heading's end, unless it is a heading of its own
    // ("Section 6. Discrimination..." / "Women").
    let long = printed_width(line) + SPACE + first_word_width(next) >= wrap;
    long && heading_words(next) && !known_title(next)
}

fn first_word_width(line: &str) -> f32 {
    line.split_whitespace().next().map_or(0.0, printed_width)
}

/// How wide a heading line may print before it wraps, as far as the
/// report's visibly cut headings tell (a heading line ending in "or",
/// "the" or a comma wrapped because the next word did not fit): the
/// narrowest such line with its next word.
fn heading_wrap(lines: &[BodyLine]) -> Option<f32> {
    lines
        .windows(2)
        .filter(|w| {
            let text = w[0].text;
            (lettered(text) || shape::section_heading(text).is_some() || heading_words(text))
                && ends_cut(text)
                && text.chars().count() > 1
                && (heading_words(w[1].text) || w[1].text.starts_with(char::is_lowercase))
        })
        .map(|w| printed_width(w[0].text) + SPACE + first_word_width(w[1].text))
        .min_by(f32::total_cmp)
}

/// A heading line visibly cut: it ends with a connector or a comma.
fn ends_cut(line: &str) -> bool {
    let last = line.split_whitespace().last().unwrap_or("");
    line.ends_with([',', '&', '/', ';']) || (last.len() < 12 && is_connector(last))
}

/// A title the outline knows as a heading of its own ("Women", "Freedom of
/// Peaceful Assembly").
fn known_title(line: &str) -> bool {
    let norm = normalize(line);
    outline::known_subheading(&norm).is_some()
        || outline::all_nodes().any(|n| normalize(n.title) == norm)
}

/// Whether a line ends a sentence: ". ! ? :", possibly inside a closing
/// quote or parenthesis.
pub fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['”', '"', '’', '\'', ')', ']']);
    trimmed.ends_with(['.', '!', '?', ':', ';'])
}

/// The printed width of a full line: the 95th percentile of the widths of
/// lines long enough to be text.
fn full_width(lines: &[BodyLine]) -> f32 {
    let mut widths: Vec<f32> = lines
        .iter()
        .filter(|l| l.text.len() >= 25)
        .map(|l| printed_width(l.text))
        .collect();
    if widths.is_empty() {
        return 36.0;
    }
    widths.sort_by(f32::total_cmp);
    widths[widths.len() * 95 / 100]
}

/// The width of a space, in ems.
const SPACE: f32 = 0.25;

/// About how wide a text prints in a proportional serif font, in ems: a
/// line of capitals holds fewer characters than a line of small letters,
/// which counting characters would miss.
fn printed_width(text: &str) -> f32 {
    text.chars()
        .map(|c| match c {
            ' ' | '.' | ',' | ':' | ';' | '\'' | '’' | '!' | '|' => SPACE,
            'i' | 'j' | 'l' | 'I' | 'J' => 0.28,
            'f' | 't' | 'r' | '(' | ')' | '-' | '[' | ']' | '/' => 0.33,
            'm' | 'w' => 0.75,
            'M' | 'W' => 0.9,
            'a'..='z' => 0.48,
            'A'..='Z' | '%' | '&' => 0.7,
            '0'..='9' => 0.5,
            _ if c.is_uppercase() => 0.7,
            _ => 0.5,
        })
        .sum()
}

/// Where pages start in a text with no form feeds, from its running
/// headers and footers: after each run of furniture that follows text.
/// Empty when there is none.
pub fn page_breaks(source: &str, pages: &[Page], marks: &Marks) -> Vec<usize> {
    let Some(page) = pages.first() else {
        return Vec::new();
    };
    let mut starts = Vec::new();
    let (mut seen_text, mut in_furniture) = (false, false);
    for (l, line) in page.lines.iter().enumerate() {
        if source[line.range.clone()].trim().is_empty() {
            continue;
        }
        if marks.furniture[0][l] {
            in_furniture = true;
            continue;
        }
        if in_furniture && seen_text {
            starts.push(line.range.start);
        }
        in_furniture = false;
        seen_text = true;
    }
    if !starts.is_empty() {
        starts.insert(0, 0);
    }
    starts
}
