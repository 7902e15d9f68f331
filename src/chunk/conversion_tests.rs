//! Chunker tests for headings that conversions broke: wrapped onto the next
//! line, split by stray spaces, flattened into paragraphs, or standing as
//! bare lines in sections whose sub-sections have no letters.

use super::*;
use crate::corpus::load_reports;
use std::path::Path;

fn passages(path: &str, source: &str) -> Vec<Passage> {
    let report = load_reports(Path::new(path), source.as_bytes())
        .unwrap()
        .remove(0);
    chunk_report(&report)
}

fn section_of<'a>(passages: &'a [Passage], needle: &str) -> &'a Section {
    &passages
        .iter()
        .find(|p| p.text.contains(needle))
        .unwrap_or_else(|| panic!("no passage contains {needle:?}"))
        .section
}

/// Asserts the topic and code of the passage holding each needle.
fn assert_filed(passages: &[Passage], cases: &[(&str, &str, &str)]) {
    for &(needle, topic, code) in cases {
        let section = section_of(passages, needle);
        assert_eq!(
            (section.topic, section.code.as_str()),
            (topic, code),
            "{needle}"
        );
    }
}

/// Discrimination's sub-sections, in the shapes editions 1999-2013 use:
/// `####` headings and bare lines, titles that vary from year to year.
const DISCRIMINATION: &str = "## Angola
#### Section 5 Discrimination, Societal Abuses, and Trafficking in Persons
The constitution prohibits discrimination.

#### Trafficking in Persons
The law prohibits trafficking in persons.

#### Persons with Disabilities
The law prohibits discrimination against persons with disabilities.

 Indigenous People
An estimated 3,500 San people lived in dispersed communities.

Societal Abuses, Discrimination, and Acts of Violence Based on Sexual Orientation and Gender Identity
The law criminalizes sodomy.

Other Societal Abuses and Discrimination
Discrimination against persons with HIV/AIDS occurred.

#### Section 6 Worker Rights
#### Freedom of Association and the Right to Collective Bargaining
The law provides for the right to form unions.

#### b. Prohibition of Forced or Compulsory Labor
The law prohibits forced labor.
";

#[test]
fn every_discrimination_title_starts_its_own_topic() {
    let p = passages("2007/angola.md", DISCRIMINATION);
    let cases = [
        ("trafficking in persons.", "discrimination/trafficking"),
        ("persons with disabilities.", "discrimination/disabilities"),
        ("San people", "discrimination/indigenous"),
        ("sodomy", "discrimination/sexual-orientation"),
        ("HIV/AIDS", "discrimination/societal-violence"),
    ];
    for (needle, topic) in cases {
        let section = section_of(&p, needle);
        assert_eq!(section.topic, topic, "{needle}: {section:?}");
        assert_eq!(section.code, "5");
        // Never "Trafficking in Persons › Persons with Disabilities".
        assert_eq!(section.path.len(), 2, "{section:?}");
    }
    // A lettered sub-section that lost its letter.
    let unions = section_of(&p, "form unions");
    assert_eq!(
        (unions.topic, unions.code.as_str()),
        ("worker-rights/association", "6.a")
    );
}

#[test]
fn headings_wrapped_onto_the_next_line_are_joined() {
    let report = "## Angola
#### Section 1 Respect for the Integrity of the Person, Including
Freedom From:

#### c. Torture and Other Cruel, Inhuman, or Degrading
Treatment or Punishment

The law prohibits such practices.

#### Section 5 Discrimination, Societal Abuses, and Trafficking in
Persons

#### Women
Rape is illegal.
";
    let p = passages("2005/angola.md", report);
    let torture = section_of(&p, "such practices");
    assert_eq!(torture.topic, "integrity/torture");
    assert_eq!(
        torture.path,
        [
            "Section 1 Respect for the Integrity of the Person, Including Freedom From:",
            "c. Torture and Other Cruel, Inhuman, or Degrading Treatment or Punishment"
        ]
    );
    let women = section_of(&p, "Rape");
    assert_eq!(women.topic, "discrimination/women");
    assert_eq!(
        women.path[0],
        "Section 5 Discrimination, Societal Abuses, and Trafficking in Persons"
    );
}

#[test]
fn stray_spaces_inside_heading_words_are_mended() {
    let report = "## Cabo Verde — 2023 Human Rights Report
### Section 1. Respect for the Integrity of the Person
#### a. A rbitrary Deprivation of Life and Other Unlawful or Politically Motivated Killings
There were no reports of killings.
#### b. D isappearance
There were no reports of disappearances by or on behalf of government authorities.
";
    let p = passages("x/cabo-verde.md", report);
    let gone = section_of(&p, "disappearances");
    assert_eq!(gone.topic, "integrity/disappearance");
    assert_eq!(gone.path[1], "b. Disappearance");
    assert_eq!(section_of(&p, "killings").topic, "integrity/killings");
}

#[test]
fn section_and_lettered_headings_flattened_into_a_paragraph_are_cut() {
    let report = "## Chad — 2023 Human Rights Report
### Section 1. Respect for the Integrity of the Person
#### e. Denial of Fair Public Trial
The courts were corrupt. Section 2. Respect for Civil Liberties a. Freedom of \
Expression, Including for Members of the Press and Other Media The constitution \
provided for freedom of expression. b. Freedoms of Peaceful Assembly and \
Association The government restricted protests.
e. Acceptable Conditions of Work Wage and Hour Laws: The minimum wage was low.
";
    let p = passages("2023/chad.md", report);
    let courts = section_of(&p, "corrupt");
    assert_eq!(courts.topic, "integrity/fair-trial");
    assert!(!p[0].text.contains("Section 2"), "{:?}", p[0].text);
    let speech = section_of(&p, "provided for freedom");
    assert_eq!(
        (speech.topic, speech.code.as_str()),
        ("civil-liberties/expression", "2.a")
    );
    assert_eq!(speech.path[0], "Section 2. Respect for Civil Liberties");
    let protests = section_of(&p, "protests");
    assert_eq!(
        (protests.topic, protests.code.as_str()),
        ("civil-liberties/assembly-association", "2.b")
    );
    // A sentence that merely mentions a section is no heading.
    assert!(
        p.iter()
            .all(|p| p.section.topic != "worker-rights/conditions"),
        "a lettered title of another section is not this section's heading"
    );
}

#[test]
fn a_known_subheading_run_into_text_cuts_it_before_any_capitalised_word() {
    // 2024 Tajikistan: "Arbitrary" opens the sentence, not a usual opener.
    let report = "## Tajikistan — 2024 Human Rights Report
### Section 2. Liberty
#### c. Disappearance and Abduction
Disappearance There were no reports of enforced disappearances. Prolonged \
Detention without Charges Arbitrary arrests were common, and the law did not \
prohibit them.
";
    let p = passages("2024/tajikistan.md", report);
    let arrests = section_of(&p, "Arbitrary arrests");
    assert_eq!(arrests.topic, "integrity/arbitrary-arrest");
    assert_eq!(arrests.code, "2.c");
    assert_eq!(
        section_of(&p, "enforced disappearances").topic,
        "integrity/disappearance"
    );
}

#[test]
fn a_sentence_marked_as_a_heading_is_text() {
    let report = "## Angola
#### Section 5 Discrimination, Societal Abuses, and Trafficking in Persons
#### Other Societal Abuses and Discrimination
Discrimination against persons with HIV/AIDS occurred.
#### Discrimination against homosexuals occurred. The law criminalizes sodomy.
";
    let p = passages("2008/angola.md", report);
    let sodomy = section_of(&p, "sodomy");
    assert_eq!(sodomy.topic, "discrimination/societal-violence");
}

#[test]
fn a_heading_end_repeated_at_the_start_of_the_text_is_not_text() {
    let report = "## Oman — 2024 Human Rights Report
### Section 3. Security of the Person
#### a. Torture and Cruel, Inhuman, or Degrading Treatment or Punishment
Punishment The law prohibited such practices, and there were no credible reports.
";
    let p = passages("2024/oman.md", report);
    let torture = p
        .iter()
        .find(|p| p.section.topic == "integrity/torture")
        .unwrap();
    assert!(
        torture.text.starts_with("The law prohibited"),
        "{:?}",
        torture.text
    );
    let source = report.as_bytes();
    assert!(source[torture.byte_range.clone()].starts_with(b"The law"));
}

/// The 2024 edition's worker rights: one lettered subsection whose own
/// subsections carry no letters, flattened into one paragraph by the
/// conversion, as state.gov's 2024 pages are.
const WORKER_RIGHTS_2024: &str = "## Chad — 2024 Human Rights Report
### Section 2. Liberty
#### b. Worker Rights
Freedom of Association and Collective Bargaining The law provided for the right \
to form unions. The court ruled five strikes illegal. Forced or Compulsory Labor \
See the Department of State's annual Trafficking in Persons Report. Acceptable \
Work Conditions Wage and Hour Laws The law stipulated the normal workweek. \
Occupational Safety and Health The government set safety standards. Wage, Hour, \
and OSH Enforcement The ministry enforced the minimum wage.
";

#[test]
fn worker_rights_subsections_flattened_in_the_2024_outline_are_cut_apart() {
    let p = passages("2024/chad.md", WORKER_RIGHTS_2024);
    assert_filed(
        &p,
        &[
            ("strikes illegal", "worker-rights/association", "2.b"),
            (
                "Trafficking in Persons Report",
                "worker-rights/forced-labor",
                "2.b",
            ),
            ("normal workweek", "worker-rights/conditions", "2.b"),
            ("safety standards", "worker-rights/conditions", "2.b"),
            (
                "enforced the minimum wage",
                "worker-rights/conditions",
                "2.b",
            ),
        ],
    );
    assert_eq!(
        section_of(&p, "normal workweek").path[1..],
        ["b. Worker Rights", "Acceptable Work Conditions"]
    );
    let unions = p.iter().find(|p| p.text.contains("form unions")).unwrap();
    assert!(!unions.text.contains("workweek"), "{unions:?}");
}

/// The same sub-headings standing on lines of their own, as text extracted
/// from the 2024 PDFs has them, file their text just as run-in ones do.
#[test]
fn subheadings_on_lines_of_their_own_are_refiled_as_run_in_ones_are() {
    let report = "## Chad — 2024 Human Rights Report
### Section 2. Liberty
#### b. Worker Rights
#### Forced or Compulsory Labor
See the Department of State's annual Trafficking in Persons Report.
#### Acceptable Work Conditions
The law stipulated the normal workweek.
#### c. Disappearance and Abduction
There were no reports of enforced disappearances.
#### Prolonged Detention without Charges
The law prohibited arbitrary arrest and detention.
";
    let p = passages("2024/chad.md", report);
    assert_filed(
        &p,
        &[
            (
                "Trafficking in Persons",
                "worker-rights/forced-labor",
                "2.b",
            ),
            ("normal workweek", "worker-rights/conditions", "2.b"),
            ("enforced disappearances", "integrity/disappearance", "2.c"),
            ("arbitrary arrest", "integrity/arbitrary-arrest", "2.c"),
        ],
    );
    assert_eq!(
        section_of(&p, "arbitrary arrest").path.last().unwrap(),
        "Prolonged Detention without Charges"
    );
}

/// Text saved from a 2011-2016 page: one lettered subsection, 2.d, covers
/// movement, refugees and more by its heading. A refugee paragraph there
/// takes the refugees topic but stays in 2.d; no "e." is made up for it,
/// and the movement text after it is movement again.
#[test]
fn a_subsection_whose_heading_names_several_keeps_its_code_for_each() {
    let report = "Algeria 2011 Human Rights Report

Section 2. Respect for Civil Liberties, Including:

d. Freedom of Movement, Internally Displaced Persons, Protection of Refugees, and Stateless Persons

The law provides for freedom of internal movement, foreign travel, emigration, and repatriation.

The government generally cooperated with the Office of the UN High Commissioner for Refugees in providing protection to refugees and asylum seekers.

In-Country Movement: The government maintained restrictions for security reasons.
";
    let p = passages("2011/algeria.txt", report);
    assert_filed(
        &p,
        &[
            (
                "freedom of internal movement",
                "civil-liberties/movement",
                "2.d",
            ),
            ("High Commissioner", "civil-liberties/refugees", "2.d"),
            ("maintained restrictions", "civil-liberties/movement", "2.d"),
        ],
    );
}
