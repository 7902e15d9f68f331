//! Chunker tests on fixtures written for them, one per heading shape.

use super::*;
use crate::corpus::load_reports;
use std::path::Path;

fn passages(path: &str, source: &str) -> Vec<Passage> {
    let report = load_reports(Path::new(path), source.as_bytes())
        .unwrap()
        .remove(0);
    chunk_report(&report)
}

fn topic_of<'a>(passages: &'a [Passage], needle: &str) -> &'a Section {
    &passages
        .iter()
        .find(|p| p.text.contains(needle))
        .unwrap_or_else(|| panic!("no passage contains {needle:?}"))
        .section
}

const SAVED_PAGE: &str = "An official website of the United States Government Here's how you know

Official websites use .gov

Chad

Executive Summary

Chad is a centralized republic in which the executive dominates.

Section 1. Respect for the Integrity of the Person, Including Freedom from:

a. Arbitrary Deprivation of Life and Other Unlawful or Politically Motivated Killings

There were reports that the government committed arbitrary or unlawful killings.

There were no reports of disappearances by or on behalf of government authorities.

c. Torture and Other Cruel, Inhuman, or Degrading Treatment or Punishment

The constitution prohibits such practices, but officials used them.

Physical Conditions: Prisons were overcrowded.

The law prohibits arbitrary arrest and detention, but such incidents occurred.

Pretrial Detention: Lengthy pretrial detention remained a problem.

The law provides for an independent judiciary, but it was corrupt.

Political Prisoners and Detainees

There were reports of political prisoners.

The constitution and law prohibit violations of privacy, but the government infringed on them.

Human Rights Reports
Edit Your Custom Report

01 / Select A Year
";

#[test]
fn lost_headings_are_recovered_from_outline_order_and_openings() {
    let p = passages("2020/chad.txt", SAVED_PAGE);
    let at = |needle| topic_of(&p, needle);
    assert_eq!(at("centralized republic").topic, "exec");
    assert_eq!(at("unlawful killings").code, "1.a");
    assert_eq!(
        at("no reports of disappearances").topic,
        "integrity/disappearance"
    );
    assert_eq!(at("no reports of disappearances").code, "1.b");
    assert_eq!(at("overcrowded").topic, "integrity/torture");
    assert_eq!(
        at("overcrowded").path.last().unwrap(),
        "Physical Conditions"
    );
    assert_eq!(
        at("prohibits arbitrary arrest").topic,
        "integrity/arbitrary-arrest"
    );
    let pretrial = at("Lengthy pretrial");
    assert_eq!(pretrial.topic, "integrity/arbitrary-arrest");
    assert_eq!(pretrial.code, "1.d");
    assert_eq!(
        pretrial.path,
        [
            "Section 1. Respect for the Integrity of the Person, Including Freedom from",
            "d. Arbitrary Arrest or Detention",
            "Pretrial Detention"
        ]
    );
    assert_eq!(at("independent judiciary").topic, "integrity/fair-trial");
    assert_eq!(at("political prisoners").topic, "integrity/fair-trial");
    assert_eq!(at("violations of privacy").topic, "integrity/privacy");
    assert_eq!(at("violations of privacy").code, "1.f");
    assert!(
        p.iter()
            .all(|p| !p.text.contains("Custom Report") && !p.text.contains(".gov"))
    );
}

#[test]
fn passages_never_cross_sections_and_ranges_point_into_the_file() {
    let p = passages("2020/chad.txt", SAVED_PAGE);
    for pair in p.windows(2) {
        assert!(
            pair[0].byte_range.end <= pair[1].byte_range.start,
            "overlap: {pair:?}"
        );
    }
    for passage in &p {
        let first_line = passage.text.split("\n\n").next().unwrap();
        assert!(SAVED_PAGE[passage.byte_range.clone()].starts_with(first_line));
    }
}

const FLAT_MARKDOWN: &str = "## Algeria

Country Reports on Human Rights Practices

2001

The government is a republic with an elected president.

#### Section 5 Discrimination Based on Race, Sex, Religion, Disability, Language, or Social Status

The Constitution prohibits discrimination.

#### Women

Spousal abuse occurred.

#### Section 6 Worker Rights

#### a. The Right of Association

Workers may form unions.

#### f. Trafficking in Persons

The law does not prohibit trafficking.
";

#[test]
fn headings_at_one_level_are_ranked_by_pattern_and_outline() {
    let p = passages("2001/algeria.md", FLAT_MARKDOWN);
    let at = |needle| topic_of(&p, needle);
    assert_eq!(at("elected president").topic, "exec");
    assert_eq!(at("prohibits discrimination").topic, "discrimination");
    assert_eq!(at("Spousal abuse").topic, "discrimination/women");
    assert_eq!(at("Spousal abuse").code, "5");
    assert_eq!(at("form unions").topic, "worker-rights/association");
    assert_eq!(at("form unions").code, "6.a");
    assert_eq!(
        at("prohibit trafficking").topic,
        "discrimination/trafficking"
    );
    assert!(!p.iter().any(|p| p.text.contains("Country Reports")));
}

const PDF_MARKDOWN: &str = "# Chad — Country Reports on Human Rights Practices
Editions included: 2024
## Chad — 2024 Human Rights Report
Source PDF: https://example.org/chad.pdf
### Section 2. Liberty
#### b. Worker Rights
Freedom of Association and Collective Bargaining The law provided for workers' rights to form unions.
### Section 3. Security of the Person
#### a. Torture and Other Cruel, Inhuman, or Degrading
Treatment or Punishment The law prohibited such practices.
";

#[test]
fn pdf_conversions_with_cut_and_flattened_headings() {
    let p = passages("2024/chad.md", PDF_MARKDOWN);
    // The run-in sub-heading files the text under the finer topic, as 2011's
    // "7.a Freedom of Association..." is.
    let unions = topic_of(&p, "form unions");
    assert_eq!(unions.topic, "worker-rights/association");
    assert_eq!(unions.code, "2.b");
    let torture = topic_of(&p, "prohibited such practices");
    assert_eq!(torture.topic, "integrity/torture");
    assert_eq!(torture.code, "3.a");
    assert_eq!(
        torture.path[1],
        "a. Torture and Other Cruel, Inhuman, or Degrading Treatment or Punishment"
    );
    assert!(
        !p.iter()
            .any(|p| p.text.starts_with("Treatment or Punishment"))
    );
    assert!(
        !p.iter()
            .any(|p| p.text.contains("Source PDF") || p.text.contains("Editions included"))
    );
}

#[test]
fn long_paragraphs_split_at_sentences_and_short_ones_merge() {
    let sentence = "The police detained many protesters in the capital during the year. ";
    let long = sentence.repeat(60);
    let source = format!(
        "## Chad 2020 Human Rights Report\n\n### Executive Summary\n\nShort one.\n\nShort two.\n\n{long}\n"
    );
    let p = passages("x/chad.md", &source);
    assert!(
        p[0].text
            .starts_with("Short one.\n\nShort two.\n\nThe police")
    );
    let words: Vec<usize> = p
        .iter()
        .map(|p| p.text.split_whitespace().count())
        .collect();
    assert!(
        words.iter().all(|&w| (MIN_WORDS..=MAX_WORDS).contains(&w)),
        "{words:?}"
    );
    assert!(p[1..].iter().all(|p| p.text.ends_with('.')));
    for passage in &p[1..] {
        assert_eq!(&source[passage.byte_range.clone()], passage.text);
    }
}

#[test]
fn text_without_full_stops_is_still_cut_into_passages() {
    let source = format!(
        "## Chad 2020 Human Rights Report\n\n{}\n",
        "word ".repeat(2000)
    );
    let p = passages("x/chad.md", &source);
    assert_eq!(p.len(), 8);
    assert!(
        p.iter()
            .all(|p| p.text.split_whitespace().count() == MAX_WORDS)
    );
    for pair in p.windows(2) {
        assert!(pair[0].byte_range.end <= pair[1].byte_range.start);
    }
}

#[test]
fn subsections_flattened_into_one_paragraph_are_cut_apart() {
    let source = "## Chad — 2023 Human Rights Report\n\n### Section 6. Discrimination and Societal Abuses\n\n\
        Women Rape and Domestic Violence: The law criminalized rape. Police rarely acted. \
        Children Birth Registration: Citizenship derived from parents. \
        Persons with Disabilities The law prohibited discrimination. Children under 14 attended school.\n";
    let p = passages("2023/chad.md", source);
    let at = |needle| topic_of(&p, needle);
    assert_eq!(at("criminalized rape").topic, "discrimination/women");
    assert_eq!(
        at("criminalized rape").path.last().unwrap(),
        "Rape and Domestic Violence"
    );
    assert_eq!(at("Citizenship derived").topic, "discrimination/children");
    assert_eq!(
        at("prohibited discrimination").topic,
        "discrimination/disabilities"
    );
    assert_eq!(at("prohibited discrimination").code, "6");
    // "Children under 14" is a sentence, not a heading.
    assert_eq!(at("attended school").topic, "discrimination/disabilities");
}

const PDF_2024_LIBERTY: &str = "## Chad — 2024 Human Rights Report
### Section 2. Liberty
#### c. Disappearance and Abduction
Disappearance There were no reports of enforced disappearances by the authorities. \
Prolonged Detention without Charges The law prohibited arbitrary arrest and detention. \
Police often held suspects for days.
#### d. Violations in Religious Freedom
See the Department of State's report.
### Section 3. Security of the Person
#### a. Torture and Cruel, Inhuman, or Degrading Treatment or Punishment
The law prohibited such practices. Prison and Detention Center Conditions The \
prisons were overcrowded.
#### b. Protection of Children
Child Labor See the Department of Labor's Findings. Child Marriage The legal \
minimum age for marriage was 18.
";

#[test]
fn known_subheadings_run_into_a_paragraph_are_cut_and_refiled() {
    let p = passages("2024/chad.md", PDF_2024_LIBERTY);
    let gone = topic_of(&p, "enforced disappearances");
    assert_eq!(gone.topic, "integrity/disappearance");
    // Arbitrary arrest has no lettered heading in the 2024 outline: its
    // text goes under its own topic, with the report's code and headings.
    let arrest = topic_of(&p, "prohibited arbitrary arrest");
    assert_eq!(arrest.topic, "integrity/arbitrary-arrest");
    assert_eq!(arrest.code, "2.c");
    assert_eq!(
        arrest.path[1..],
        [
            "c. Disappearance and Abduction",
            "Prolonged Detention without Charges"
        ]
    );
    assert_eq!(
        topic_of(&p, "held suspects").topic,
        "integrity/arbitrary-arrest"
    );
    assert_eq!(topic_of(&p, "Department of State").code, "2.d");
    // A sub-heading of the subsection it is in is cut and labelled only.
    let prisons = topic_of(&p, "overcrowded");
    assert_eq!(prisons.topic, "integrity/torture");
    assert_eq!(
        prisons.path.last().unwrap(),
        "Prison and Detention Center Conditions"
    );
    let practices = p
        .iter()
        .find(|p| p.text.contains("such practices"))
        .unwrap();
    assert!(!practices.text.contains("overcrowded"), "{practices:?}");
    // Child labor is worker rights' subject; child marriage is back home.
    let labor = topic_of(&p, "Department of Labor");
    assert_eq!(
        (labor.topic, labor.code.as_str()),
        ("worker-rights/child-labor", "3.b")
    );
    let marriage = topic_of(&p, "age for marriage");
    assert_eq!(
        (marriage.topic, marriage.code.as_str()),
        ("discrimination/children", "3.b")
    );
}

#[test]
fn a_subheading_whose_subsection_has_its_own_heading_stays_put() {
    let report = "## Chad — 2024 Human Rights Report
### Section 1. Life
#### d. Arbitrary Arrest or Detention
Police arrested protesters.
### Section 2. Liberty
#### c. Disappearance and Abduction
There were no reports of disappearances. Prolonged Detention without Charges The \
law prohibited arbitrary detention.
";
    let p = passages("2024/chad.md", report);
    let held = topic_of(&p, "prohibited arbitrary detention");
    assert_eq!(held.topic, "integrity/disappearance");
    assert_eq!(
        held.path.last().unwrap(),
        "Prolonged Detention without Charges"
    );
}
