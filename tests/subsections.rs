//! Sub-sections of Discrimination and Worker Rights land under the topic of
//! the title above them, in every real edition of ../shared/corpus.
//!
//! The expected topic comes from the files, not from the sectioner: this
//! test finds the titles itself (a `####` line, a bare line holding only a
//! title, or a title a PDF conversion ran into a paragraph) and maps them
//! with its own small table. Then every passage `hrsearch inspect` makes in
//! those sections is checked against the last title before it.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

/// Title patterns (lowercase, words) of Discrimination's sub-sections.
const DISCRIMINATION_TITLES: &[(&str, &str)] = &[
    ("women", "discrimination/women"),
    ("children", "discrimination/children"),
    ("trafficking in persons", "discrimination/trafficking"),
    ("persons with disabilities", "discrimination/disabilities"),
    ("people with disabilities", "discrimination/disabilities"),
    (
        "national/racial/ethnic minorities",
        "discrimination/minorities",
    ),
    (
        "systemic racial or ethnic violence and discrimination",
        "discrimination/minorities",
    ),
    ("indigenous people", "discrimination/indigenous"),
    ("indigenous peoples", "discrimination/indigenous"),
    ("anti-semitism", "discrimination/antisemitism"),
    ("antisemitism", "discrimination/antisemitism"),
    (
        "societal abuses, discrimination, and acts of violence based on sexual orientation and gender identity",
        "discrimination/sexual-orientation",
    ),
    (
        "acts of violence, criminalization, and other abuses based on sexual orientation, gender identity or expression, or sex characteristics",
        "discrimination/sexual-orientation",
    ),
    (
        "acts of violence, discrimination, and other abuses based on sexual orientation and gender identity",
        "discrimination/sexual-orientation",
    ),
    ("hiv and aids social stigma", "discrimination/hiv-aids"),
    (
        "other societal abuses and discrimination",
        "discrimination/societal-violence",
    ),
    (
        "other societal violence or discrimination",
        "discrimination/societal-violence",
    ),
];

/// Worker Rights' lettered sub-sections, by a phrase of their title.
const WORKER_TITLES: &[(&str, &str)] = &[
    ("right of association", "worker-rights/association"),
    ("freedom of association", "worker-rights/association"),
    ("organize and bargain", "worker-rights/association"),
    ("forced or compulsory labor", "worker-rights/forced-labor"),
    ("child labor", "worker-rights/child-labor"),
    (
        "discrimination with respect to employment",
        "worker-rights/employment-discrimination",
    ),
    ("conditions of work", "worker-rights/conditions"),
    ("trafficking in persons", "discrimination/trafficking"),
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Part {
    Discrimination,
    Workers,
    Elsewhere,
}

/// A place in a file where a topic starts, as the file's titles say.
#[derive(Debug)]
struct Mark {
    at: usize,
    part: Part,
    topic: &'static str,
    title: String,
}

/// "Section 6. Discrimination, ..." -> the part of the report it opens.
fn section_line(line: &str) -> Option<Part> {
    let rest = line.strip_prefix("Section ")?;
    let number_end = rest.find(|c: char| !c.is_ascii_digit())?;
    if number_end == 0 {
        return None;
    }
    let title = rest[number_end..].to_lowercase();
    Some(if title.contains("discrimination") {
        Part::Discrimination
    } else if title.contains("worker") {
        Part::Workers
    } else {
        Part::Elsewhere
    })
}

/// The topic a whole line stands for as a sub-section title of `part`.
fn title_line(line: &str, part: Part) -> Option<&'static str> {
    let lower = line.to_lowercase();
    match part {
        Part::Discrimination => DISCRIMINATION_TITLES
            .iter()
            .find(|(title, _)| lower == *title)
            .map(|(_, topic)| *topic),
        Part::Workers => {
            let lettered = lower.len() > 3
                && lower.as_bytes()[0].is_ascii_lowercase()
                && lower[1..].starts_with(". ");
            let title = if lettered { &lower[3..] } else { &lower[..] };
            // A title, not a sentence about the subject; a lettered title
            // may have its first sentence run into it ("b. Prohibition of
            // Forced or Compulsory Labor See the Department ...").
            let words = title.split_whitespace().count();
            if !lettered && (words > 14 || title.ends_with('.')) {
                return None;
            }
            let head: String = title
                .split_whitespace()
                .take(8)
                .collect::<Vec<_>>()
                .join(" ");
            WORKER_TITLES
                .iter()
                .find(|(phrase, _)| head.contains(phrase))
                .map(|(_, topic)| *topic)
        }
        Part::Elsewhere => None,
    }
}

/// Titles a PDF conversion ran into a paragraph: "... a child. Persons
/// with Disabilities The law ..." (a title, then a capitalised word).
fn run_in_titles(text: &str, offset: usize, marks: &mut Vec<Mark>) {
    for (title, topic) in DISCRIMINATION_TITLES {
        let lower = text.to_lowercase();
        for (at, _) in lower.match_indices(title) {
            let before = &text[..at];
            let after = &text[at + title.len()..];
            let at_sentence_start = before.is_empty() || before.ends_with(". ");
            let followed_by_capital = after
                .strip_prefix(' ')
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_uppercase);
            let written_as_title = text[at..].chars().next().is_some_and(char::is_uppercase);
            if at_sentence_start && followed_by_capital && written_as_title {
                marks.push(Mark {
                    at: offset + at,
                    part: Part::Discrimination,
                    topic,
                    title: title.to_string(),
                });
            }
        }
    }
}

/// Every topic start in a report file, in file order.
fn marks(source: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut part = Part::Elsewhere;
    let mut offset = 0;
    for raw in source.split_inclusive('\n') {
        let line = raw.trim().trim_start_matches('#').trim();
        if let Some(new_part) = section_line(line) {
            part = new_part;
            let topic = match part {
                Part::Discrimination => "discrimination",
                Part::Workers => "worker-rights",
                Part::Elsewhere => "",
            };
            marks.push(Mark {
                at: offset,
                part,
                topic,
                title: line.to_string(),
            });
        } else if let Some(topic) = title_line(line, part) {
            marks.push(Mark {
                at: offset,
                part,
                topic,
                title: line.to_string(),
            });
        } else if part == Part::Discrimination {
            let lead = raw.len() - raw.trim_start().len();
            run_in_titles(raw.trim_end(), offset + lead, &mut marks);
        }
        offset += raw.len();
    }
    marks.sort_by_key(|m| m.at);
    marks
}

/// How far into a passage a title may sit and still be its own title (a
/// flattened title opens the passage it names).
const SLACK: u64 = 8;

/// (passages checked, passages misfiled with a description of each).
fn check_file(path: &Path) -> (usize, Vec<String>) {
    let source = std::fs::read_to_string(path).unwrap();
    let marks = marks(&source);
    let out = run(&["inspect", "--json", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut checked = 0;
    let mut wrong = Vec::new();
    for passage in json_lines(&stdout(&out)) {
        let [start, end] = byte_range(&passage);
        let Some(mark) = marks.iter().rev().find(|m| m.at as u64 <= start + SLACK) else {
            continue;
        };
        if mark.part == Part::Elsewhere {
            continue;
        }
        checked += 1;
        let topic = passage["section_topic"].as_str().unwrap();
        let mixed = marks
            .iter()
            .find(|m| m.at as u64 > start + SLACK && (m.at as u64) < end);
        if topic != mark.topic || mixed.is_some() {
            let text: String = passage["text"].as_str().unwrap().chars().take(60).collect();
            wrong.push(format!(
                "{}: under \"{}\" ({}), filed {topic}{}: {text}",
                path.display(),
                mark.title,
                mark.topic,
                mixed.map_or(String::new(), |m| format!(", runs into \"{}\"", m.title))
            ));
        }
    }
    (checked, wrong)
}

fn byte_range(passage: &Value) -> [u64; 2] {
    let r = &passage["byte_range"];
    [r[0].as_u64().unwrap(), r[1].as_u64().unwrap()]
}

#[test]
fn discrimination_and_worker_rights_passages_are_filed_under_their_titles() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let mut files: Vec<_> = walkdir::WalkDir::new(corpus.join("state-dept"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let (mut checked, mut wrong) = (0, Vec::new());
    for file in &files {
        let (n, bad) = check_file(file);
        checked += n;
        wrong.extend(bad);
    }
    let right = checked - wrong.len();
    let share = right as f64 / checked.max(1) as f64;
    eprintln!(
        "Discrimination and Worker Rights: {right} of {checked} passages under their title's topic ({:.1}%)",
        share * 100.0
    );
    for misfiled in &wrong {
        eprintln!("  {misfiled}");
    }
    assert!(checked > 300, "too few passages checked: {checked}");
    assert!(
        share >= 0.98,
        "{:.1}% filed right; misfiled:\n{}",
        share * 100.0,
        wrong.join("\n")
    );
}

#[test]
fn the_oracle_reads_titles_of_both_shapes() {
    let source = "#### Section 6. Discrimination, Societal Abuses, and Trafficking in Persons\n\
                  #### Women\nText.\n Indigenous People\nMore text.\n\
                  Rape occurred. Persons with Disabilities The law says.\n\
                  #### Section 7. Worker Rights\n#### a. The Right of Association\nWorkers.\n";
    let found: Vec<&str> = marks(source).iter().map(|m| m.topic).collect();
    assert_eq!(
        found,
        [
            "discrimination",
            "discrimination/women",
            "discrimination/indigenous",
            "discrimination/disabilities",
            "worker-rights",
            "worker-rights/association"
        ]
    );
}

/// The 2024 outline files worker rights as 2.b, its subsections unlettered
/// (run into one paragraph on state.gov's pages, on lines of their own in
/// text from the PDFs), and arbitrary arrest under 2.c "Disappearance and
/// Abduction" after its own sub-heading. Sentences only one subsection
/// holds must be filed under it, in every 2024 report of either shape.
#[test]
fn the_2024_outline_files_worker_rights_and_arrest_text_by_its_subheadings() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let expected = [
        ("normal workweek", "worker-rights/conditions"),
        (
            "annual Trafficking in Persons Report",
            "worker-rights/forced-labor",
        ),
        (
            "law prohibited arbitrary arrest",
            "integrity/arbitrary-arrest",
        ),
    ];
    let mut checked = 0;
    for folder in ["state-dept/2024", "state-dept-pdftext/2024"] {
        for entry in std::fs::read_dir(corpus.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let out = run(&["inspect", "--json", path.to_str().unwrap()]);
            assert!(out.status.success(), "{}", stderr(&out));
            for passage in json_lines(&stdout(&out)) {
                let text = passage["text"].as_str().unwrap();
                let code = passage["section_code"].as_str().unwrap();
                for (needle, topic) in expected {
                    // Trafficking is also named under 2.e and Section 3.
                    if text.contains(needle) && (code == "2.b" || code == "2.c") {
                        checked += 1;
                        assert_eq!(
                            passage["section_topic"],
                            topic,
                            "{}: {text}",
                            path.display()
                        );
                    }
                }
            }
        }
    }
    assert!(checked >= 12, "too few passages checked: {checked}");
}
