//! The canonical outline as data: every node hrsearch files passages under.
//!
//! Modelled on the 2011-2023 edition of the Country Reports, extended with the
//! nodes other editions add (2023's transnational repression, 2024's
//! population control). Each node carries the phrases that identify it in a
//! heading and, for subsections whose headings are often lost when a page is
//! saved, the phrases a subsection's opening sentence typically uses.

/// One node of the canonical outline.
#[derive(Debug)]
pub struct Node {
    /// Slug path, e.g. `integrity/arbitrary-arrest`; the facet path is `/` + this.
    pub topic: &'static str,
    /// Human-readable title, used for labels and `--section WORD` look-ups.
    pub title: &'static str,
    /// Number (top level) or letter (subsection) in the 2011-2022 outline.
    pub std_code: &'static str,
    /// Normalised phrases that identify the node in a heading. A phrase that
    /// starts with `=` must be the whole heading ("Life", "Liberty" in 2024).
    pub heading_cues: &'static [&'static str],
    /// Phrases that mark the first sentence of this subsection's text.
    pub opening_cues: &'static [&'static str],
}

const fn node(
    topic: &'static str,
    title: &'static str,
    std_code: &'static str,
    heading_cues: &'static [&'static str],
    opening_cues: &'static [&'static str],
) -> Node {
    Node {
        topic,
        title,
        std_code,
        heading_cues,
        opening_cues,
    }
}

/// Top-level sections, in outline order.
pub static SECTIONS: &[Node] = &[
    node(
        "exec",
        "Executive Summary",
        "exec",
        &["executive summary"],
        &[],
    ),
    node(
        "integrity",
        "Respect for the Integrity of the Person",
        "1",
        &["integrity of the person", "=life", "security of the person"],
        &[],
    ),
    node(
        "civil-liberties",
        "Respect for Civil Liberties",
        "2",
        &["civil liberties", "=liberty"],
        &[],
    ),
    node(
        "political",
        "Freedom to Participate in the Political Process",
        "3",
        &[
            "political process",
            "political rights",
            "participate in the political",
            "change their government",
        ],
        &[],
    ),
    node(
        "corruption",
        "Corruption and Lack of Transparency in Government",
        "4",
        &["corruption", "government transparency"],
        &[],
    ),
    node(
        "ngos",
        "Governmental Posture Towards International and Nongovernmental Investigation",
        "5",
        &[
            "nongovernmental investigation",
            "governmental attitude",
            "governmental posture",
            "investigation of alleged",
        ],
        &[],
    ),
    node(
        "discrimination",
        "Discrimination and Societal Abuses",
        "6",
        &["discrimination", "societal abuses"],
        &[],
    ),
    node(
        "worker-rights",
        "Worker Rights",
        "7",
        &["worker rights", "workers rights", "worker right"],
        &[],
    ),
];

/// Subsections, grouped by parent and in outline order within each parent.
pub static SUBSECTIONS: &[Node] = &[
    node(
        "integrity/killings",
        "Arbitrary Deprivation of Life and Other Unlawful or Politically Motivated Killings",
        "a",
        &["deprivation of life", "killings", "killing"],
        &[
            "unlawful killing",
            "arbitrary killing",
            "extrajudicial killing",
            "politically motivated killing",
        ],
    ),
    node(
        "integrity/disappearance",
        "Disappearance",
        "b",
        &["disappearance"],
        &["disappearance"],
    ),
    node(
        "integrity/torture",
        "Torture and Other Cruel, Inhuman, or Degrading Treatment or Punishment",
        "c",
        &["torture", "cruel inhuman"],
        &[
            "torture",
            "cruel inhuman",
            "prison conditions",
            "prison and detention center conditions",
        ],
    ),
    node(
        "integrity/arbitrary-arrest",
        "Arbitrary Arrest or Detention",
        "d",
        &[
            "arbitrary arrest",
            "arrest or detention",
            "arrest detention",
            "detention or exile",
        ],
        &[
            "arbitrary arrest",
            "arbitrary detention",
            "arbitrarily arrest",
        ],
    ),
    node(
        "integrity/fair-trial",
        "Denial of Fair Public Trial",
        "e",
        &["fair public trial", "fair trial", "denial of fair"],
        &[
            "independent judiciary",
            "fair trial",
            "fair public trial",
            "judicial independence",
        ],
    ),
    node(
        "integrity/transnational-repression",
        "Transnational Repression",
        "f",
        &["transnational repression"],
        &["transnational repression"],
    ),
    node(
        "integrity/property",
        "Property Seizure and Restitution",
        "g",
        &["property seizure", "property restitution", "restitution"],
        &["property restitution", "seizure of property"],
    ),
    node(
        "integrity/privacy",
        "Arbitrary or Unlawful Interference with Privacy, Family, Home, or Correspondence",
        "f",
        &["privacy", "family home"],
        &[
            "privacy",
            "arbitrary interference",
            "unlawful interference",
            "correspondence",
        ],
    ),
    node(
        "integrity/conflict",
        "Conflict-related Abuses",
        "g",
        &["humanitarian law", "excessive force", "conflict"],
        &["armed conflict", "humanitarian law"],
    ),
    node(
        "integrity/population-control",
        "Coercion in Population Control",
        "b",
        &["population control"],
        &["coerced abortion", "involuntary sterilization"],
    ),
    node(
        "civil-liberties/expression",
        "Freedom of Expression, Including for Members of the Press and Other Media",
        "a",
        &[
            "freedom of speech",
            "freedom of expression",
            "freedom of the press",
            "speech and press",
        ],
        &[
            "freedom of speech",
            "freedom of expression",
            "freedom of the press",
        ],
    ),
    node(
        "civil-liberties/assembly-association",
        "Freedoms of Peaceful Assembly and Association",
        "b",
        &["peaceful assembly", "assembly and association"],
        &[
            "freedom of peaceful assembly",
            "freedoms of peaceful assembly",
            "freedom of assembly",
        ],
    ),
    node(
        "civil-liberties/religion",
        "Freedom of Religion",
        "c",
        &["religion", "religious freedom"],
        &["religious freedom report", "freedom of religion"],
    ),
    node(
        "civil-liberties/movement",
        "Freedom of Movement and the Right to Leave the Country",
        "d",
        &["freedom of movement", "movement"],
        &[
            "freedom of internal movement",
            "freedom of movement",
            "foreign travel",
        ],
    ),
    node(
        "civil-liberties/refugees",
        "Protection of Refugees",
        "e",
        &[
            "protection of refugees",
            "protection to refugees",
            "refugees",
        ],
        &["asylum", "refugee status"],
    ),
    node(
        "civil-liberties/idp",
        "Status and Treatment of Internally Displaced Persons",
        "f",
        &["internally displaced"],
        &["internally displaced"],
    ),
    node(
        "civil-liberties/stateless",
        "Stateless Persons",
        "g",
        &["stateless"],
        &["stateless"],
    ),
    node("discrimination/women", "Women", "", &["=women"], &[]),
    node(
        "discrimination/children",
        "Children",
        "",
        &["=children", "protection of children"],
        &[],
    ),
    node(
        "discrimination/antisemitism",
        "Antisemitism",
        "",
        &["antisemitism", "anti semitism", "antisemitic"],
        &[],
    ),
    node(
        "discrimination/trafficking",
        "Trafficking in Persons",
        "",
        &["trafficking in persons", "trafficking"],
        &[],
    ),
    node(
        "discrimination/disabilities",
        "Persons with Disabilities",
        "",
        &["disabilities", "disability"],
        &[],
    ),
    node(
        "discrimination/minorities",
        "National, Racial, and Ethnic Minorities",
        "",
        &["national racial", "ethnic minorities", "minorities"],
        &[],
    ),
    node(
        "discrimination/indigenous",
        "Indigenous Peoples",
        "",
        &["indigenous"],
        &[],
    ),
    node(
        "discrimination/sexual-orientation",
        "Acts of Violence, Criminalization, and Other Abuses Based on Sexual Orientation, Gender Identity or Expression, or Sex Characteristics",
        "",
        &["sexual orientation", "gender identity", "lgbt"],
        &[],
    ),
    node(
        "discrimination/hiv-aids",
        "HIV and AIDS Social Stigma",
        "",
        &["hiv", "aids social stigma"],
        &[],
    ),
    node(
        "discrimination/societal-violence",
        "Other Societal Violence or Discrimination",
        "",
        &[
            "other societal violence",
            "societal violence",
            "other societal abuses",
        ],
        &[],
    ),
    node(
        "worker-rights/association",
        "Freedom of Association and the Right to Collective Bargaining",
        "a",
        &[
            "freedom of association",
            "right of association",
            "collective bargaining",
            "organize and bargain",
        ],
        &[
            "form and join independent unions",
            "form and join unions",
            "collective bargaining",
        ],
    ),
    node(
        "worker-rights/forced-labor",
        "Prohibition of Forced or Compulsory Labor",
        "b",
        &[
            "forced or compulsory labor",
            "forced labor",
            "compulsory labor",
        ],
        &["forced or compulsory labor", "forced labor"],
    ),
    node(
        "worker-rights/child-labor",
        "Prohibition of Child Labor and Minimum Age for Employment",
        "c",
        &["child labor"],
        &["child labor", "minimum age for employment"],
    ),
    node(
        "worker-rights/employment-discrimination",
        "Discrimination with Respect to Employment and Occupation",
        "d",
        &[
            "employment and occupation",
            "respect to employment",
            "=discrimination",
            "discrimination see section",
        ],
        &[
            "discrimination with respect to employment",
            "employment discrimination",
        ],
    ),
    node(
        "worker-rights/conditions",
        "Acceptable Conditions of Work",
        "e",
        &["acceptable conditions", "conditions of work"],
        &[
            "minimum wage",
            "acceptable conditions of work",
            "hours of work",
        ],
    ),
];

/// Sub-headings the reports use without a letter (as headings or run-in at
/// the start of a paragraph), with the subsection they belong to. When the
/// lettered heading itself was lost, these say where the text belongs.
pub static KNOWN_SUBHEADINGS: &[(&str, &str)] = &[
    ("politically motivated killings", "integrity/killings"),
    (
        "prison and detention center conditions",
        "integrity/torture",
    ),
    ("physical conditions", "integrity/torture"),
    ("administration", "integrity/torture"),
    ("independent monitoring", "integrity/torture"),
    ("improvements", "integrity/torture"),
    ("impunity", "integrity/torture"),
    (
        "role of the police and security apparatus",
        "integrity/arbitrary-arrest",
    ),
    (
        "arrest procedures and treatment of detainees",
        "integrity/arbitrary-arrest",
    ),
    (
        "arrest procedures and treatment while in detention",
        "integrity/arbitrary-arrest",
    ),
    ("arbitrary arrest", "integrity/arbitrary-arrest"),
    ("pretrial detention", "integrity/arbitrary-arrest"),
    (
        "prolonged detention without charges",
        "integrity/arbitrary-arrest",
    ),
    (
        "detainees ability to challenge lawfulness of detention before a court",
        "integrity/arbitrary-arrest",
    ),
    ("trial procedures", "integrity/fair-trial"),
    ("political prisoners and detainees", "integrity/fair-trial"),
    (
        "civil judicial procedures and remedies",
        "integrity/fair-trial",
    ),
    (
        "politically motivated reprisal against individuals located outside the country",
        "integrity/fair-trial",
    ),
    ("property restitution", "integrity/property"),
    ("internet freedom", "civil-liberties/expression"),
    (
        "academic freedom and cultural events",
        "civil-liberties/expression",
    ),
    ("press and other media", "civil-liberties/expression"),
    (
        "freedom of peaceful assembly",
        "civil-liberties/assembly-association",
    ),
    (
        "freedom of assembly",
        "civil-liberties/assembly-association",
    ),
    (
        "freedom of association",
        "civil-liberties/assembly-association",
    ),
    ("in country movement", "civil-liberties/movement"),
    ("foreign travel", "civil-liberties/movement"),
    ("access to asylum", "civil-liberties/refugees"),
    ("elections and political participation", "political"),
    ("participation of women and minorities", "political"),
    ("financial disclosure", "corruption"),
    ("government human rights bodies", "ngos"),
    ("un and other international bodies", "ngos"),
    ("child marriage", "discrimination/children"),
    ("child labor", "worker-rights/child-labor"),
    (
        "freedom of association and collective bargaining",
        "worker-rights/association",
    ),
    // The 2024 edition's names for worker rights' subsections, printed
    // without letters under "b. Worker Rights".
    ("forced or compulsory labor", "worker-rights/forced-labor"),
    ("acceptable work conditions", "worker-rights/conditions"),
    ("wage and hour laws", "worker-rights/conditions"),
    ("occupational safety and health", "worker-rights/conditions"),
    ("wage hour and osh enforcement", "worker-rights/conditions"),
    ("informal sector", "worker-rights/conditions"),
];
