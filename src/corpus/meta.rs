//! A report's country and year: from its own full title ("Kazakhstan 2020
//! Human Rights Report") where it has one, else from its path
//! (`<year>/<country>.<ext>` or `<year>_<Country>.<ext>`), gaps filled from
//! a country or year line inside the file.

use super::{Block, BlockKind, SkipReason};
use crate::countries;
use crate::outline::{normalize, shape};
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// Who and when a report is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportMeta {
    /// Display name, e.g. "Kyrgyz Republic".
    pub country: String,
    /// Filter key, e.g. "kyrgyz-republic".
    pub country_key: String,
    /// The year the report covers.
    pub year: u16,
    /// The report's title as the file gives it, or one made from the above.
    pub title: String,
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:19|20)\d{2}$").unwrap());
static YEAR_AND_COUNTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<y1>(?:19|20)\d{2})[_ -]+(?P<c1>.*\p{L}.*)|(?P<c2>.*\p{L}.*?)[_ -]+(?P<y2>(?:19|20)\d{2}))$")
        .unwrap()
});
static TITLE_WITH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<country>\p{Lu}[\p{L} .,'’()-]*?)\s*(?:[—–:-]\s*)?(?P<year>(?:19|20)\d{2})\s+(?:Country\s+Reports?\s+on\s+)?Human\s+Rights\s+(?:Report|Practices)")
        .unwrap()
});
static ARCHIVE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<country>\p{Lu}[\p{L} .,'’()-]*?)\s+[—–-]\s+Country\s+Reports\s+on\s+Human\s+Rights",
    )
    .unwrap()
});

/// How many leading blocks may hold the title.
const TITLE_WINDOW: usize = 12;

/// Finds country and year, preferring a full title, then the path, filling
/// gaps from the text.
/// The country's key and display name come from [`crate::countries`] when
/// the path or the title names a country it knows (so `cape-verde.md` and
/// `cabo-verde.md` are one country); a known name always beats an unknown
/// one ("2008/Cameroon_report.md" titled "## Cameroon" is Cameroon).
pub fn identify(path: &Path, blocks: &[Block]) -> Result<ReportMeta, SkipReason> {
    identify_with(path, blocks, false)
}

/// Like [`identify`], for one edition of a file that holds several: its
/// year is the one its own title gives, whatever folder the file sits in.
pub fn identify_edition(path: &Path, blocks: &[Block]) -> Result<ReportMeta, SkipReason> {
    identify_with(path, blocks, true)
}

fn identify_with(
    path: &Path,
    blocks: &[Block],
    title_year_first: bool,
) -> Result<ReportMeta, SkipReason> {
    let (path_country, path_year) = from_path(path);
    let title = from_title(blocks);
    // A full title ("Oman 2024 Human Rights Report") is the report saying
    // who and when it is about: it beats a folder or file name that says
    // otherwise (a report saved in the wrong folder, or in a folder named
    // for the year it was published), as an archive's editions do.
    let full_title = title.whole;
    let year = if title_year_first || full_title {
        title.year.or(path_year)
    } else {
        path_year.or(title.year)
    }
    .ok_or(SkipReason::NoMetadata("year"))?;
    let path_known = path_country.as_deref().and_then(known_country);
    let title_known = title.country.as_deref().and_then(known_country);
    let known = if full_title {
        title_known.or(path_known)
    } else {
        path_known.or(title_known)
    };
    let (country, key) = match (known, path_country, &title.country) {
        (Some(known), _, _) => (known.name.to_string(), known.key()),
        // Prefer the title's spelling ("Kyrgyz Republic") when it names the same country.
        (None, Some(slug), Some(named)) if normalize(&slug) == normalize(named) => {
            (named.clone(), country_key(named))
        }
        (None, Some(slug), _) => {
            let name = display_name(&slug);
            let key = country_key(&name);
            (name, key)
        }
        (None, None, Some(named)) => (named.clone(), country_key(named)),
        (None, None, None) => return Err(SkipReason::NoMetadata("country")),
    };
    let title_text = title
        .text
        .unwrap_or_else(|| format!("{country} {year} Human Rights Report"));
    Ok(ReportMeta {
        country_key: key,
        country,
        year,
        title: title_text,
    })
}

/// The country a file or title name stands for, if the table knows it:
/// as written, or once words that name no country ("report", "final",
/// "hrr") are dropped ("Cameroon_report" is Cameroon).
fn known_country(name: &str) -> Option<&'static countries::Country> {
    if let Some(country) = countries::lookup(name) {
        return Some(country);
    }
    const NOISE: &[&str] = &[
        "report",
        "reports",
        "human",
        "rights",
        "hrr",
        "country",
        "practices",
        "on",
        "final",
        "copy",
        "draft",
        "full",
        "text",
        "en",
        "english",
    ];
    let kept: Vec<String> = countries::comparable(name)
        .split(' ')
        .filter(|w| !NOISE.contains(w) && !YEAR.is_match(w))
        .map(str::to_string)
        .collect();
    (!kept.is_empty())
        .then(|| countries::lookup(&kept.join(" ")))
        .flatten()
}

/// The filter key of a country name: the table's key for a country it
/// knows ("Kyrgyzstan" -> "kyrgyz-republic"), else the name made a slug
/// ("Narnia" -> "narnia").
pub fn country_key(name: &str) -> String {
    match countries::lookup(name) {
        Some(country) => country.key(),
        None => normalize(name).replace(' ', "-"),
    }
}

fn from_path(path: &Path) -> (Option<String>, Option<u16>) {
    // A name that is not valid Unicode says nothing reliable about the country.
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if let Some(caps) = YEAR_AND_COUNTRY.captures(stem) {
        let year = caps
            .name("y1")
            .or(caps.name("y2"))
            .and_then(|m| m.as_str().parse().ok());
        let country = caps
            .name("c1")
            .or(caps.name("c2"))
            .map(|m| m.as_str().to_string());
        return (country, year);
    }
    let parent_year = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .filter(|n| YEAR.is_match(n))
        .and_then(|n| n.parse().ok());
    let country = parent_year
        .is_some()
        .then(|| stem.to_string())
        .filter(|s| s.chars().any(char::is_alphabetic));
    (country, parent_year)
}

/// "kyrgyz-republic" -> "Kyrgyz Republic"; "trinidad_and_tobago" -> "Trinidad and Tobago".
fn display_name(slug: &str) -> String {
    slug.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && matches!(lower.as_str(), "and" | "of" | "the") {
                lower
            } else {
                let mut chars = lower.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[derive(Default)]
struct TitleInfo {
    country: Option<String>,
    year: Option<u16>,
    text: Option<String>,
    /// The title stands alone, a heading or a line of its own (not the
    /// start of a paragraph that goes on): it may overrule the path.
    whole: bool,
}

fn from_title(blocks: &[Block]) -> TitleInfo {
    let mut info = TitleInfo::default();
    for block in blocks.iter().take(TITLE_WINDOW) {
        let text = block.text.as_str();
        if let Some(caps) = TITLE_WITH_YEAR.captures(text) {
            info.country = Some(caps["country"].trim().to_string());
            info.year = caps["year"].parse().ok();
            info.text = Some(text.to_string());
            info.whole = edition_title_year(block).is_some();
            return info;
        }
        if let Some(caps) = ARCHIVE_TITLE.captures(text) {
            info.country
                .get_or_insert_with(|| caps["country"].trim().to_string());
        } else if info.country.is_none() && looks_like_country_line(block) {
            info.country = Some(text.to_string());
        } else if info.year.is_none() && YEAR.is_match(text) {
            info.year = text.parse().ok();
        }
    }
    info
}

/// The year of an edition's title block ("## Cabo Verde — 2024 Human Rights
/// Report", "KAZAKHSTAN 2023 HUMAN RIGHTS REPORT"): a heading, or a short
/// line that is the title and nothing else.
pub fn edition_title_year(block: &Block) -> Option<u16> {
    let text = block.text.as_str();
    let short = text.split_whitespace().count() <= 14;
    let title_shaped = matches!(block.kind, BlockKind::Heading(_)) || short;
    if !title_shaped {
        return None;
    }
    let caps = TITLE_WITH_YEAR.captures(text)?;
    // The title and nothing after it but a word or two ("… Report 2024").
    let rest = &text[caps.get(0)?.end()..];
    (rest.split_whitespace().count() <= 2)
        .then(|| caps["year"].parse().ok())
        .flatten()
}

/// "## Algeria", or a bare "Kazakhstan" line before the report starts.
fn looks_like_country_line(block: &Block) -> bool {
    let text = block.text.as_str();
    let marked = matches!(block.kind, BlockKind::Heading(level) if level <= 2);
    text.split_whitespace().count() <= 4
        && shape::bare_heading(text)
        && (marked || block.kind == BlockKind::Paragraph)
        && crate::outline::match_section(text).is_none()
        && shape::section_heading(text).is_none()
        && !YEAR.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            range: 0..0,
            verbatim: false,
            anchors: Vec::new(),
        }
    }

    fn heading(level: u8, text: &str) -> Block {
        Block {
            kind: BlockKind::Heading(level),
            text: text.into(),
            range: 0..0,
            verbatim: false,
            anchors: Vec::new(),
        }
    }

    #[test]
    fn year_folder_and_country_file() {
        let meta = identify(Path::new("corpus/state-dept/2024/kyrgyz-republic.md"), &[]).unwrap();
        assert_eq!(
            (meta.country.as_str(), meta.year),
            ("Kyrgyz Republic", 2024)
        );
        assert_eq!(meta.country_key, "kyrgyz-republic");
    }

    #[test]
    fn year_underscore_country_file() {
        let meta = identify(Path::new("dl/2020_Kazakhstan.txt"), &[]).unwrap();
        assert_eq!((meta.country.as_str(), meta.year), ("Kazakhstan", 2020));
        let meta = identify(Path::new("dl/Trinidad_and_Tobago_2019.md"), &[]).unwrap();
        assert_eq!(
            (meta.country.as_str(), meta.year),
            ("Trinidad and Tobago", 2019)
        );
    }

    #[test]
    fn title_inside_the_file() {
        let blocks = [
            para("Kazakhstan 2020 Human Rights Report"),
            para("Executive Summary"),
        ];
        let meta = identify(Path::new("downloads/report.txt"), &blocks).unwrap();
        assert_eq!((meta.country.as_str(), meta.year), ("Kazakhstan", 2020));

        let blocks = [
            heading(1, "Kazakhstan — Country Reports on Human Rights Practices"),
            heading(2, "Kazakhstan — 2024 Human Rights Report"),
        ];
        let meta = identify(Path::new("x/report.md"), &blocks).unwrap();
        assert_eq!((meta.country.as_str(), meta.year), ("Kazakhstan", 2024));
    }

    #[test]
    fn country_heading_plus_year_folder_or_line() {
        let blocks = [
            heading(2, "Algeria"),
            para("Country Reports on Human Rights Practices"),
            para("2001"),
        ];
        let meta = identify(Path::new("x/notes.md"), &blocks).unwrap();
        assert_eq!((meta.country.as_str(), meta.year), ("Algeria", 2001));
    }

    #[test]
    fn unknown_is_an_error_naming_what_is_missing() {
        let blocks = [para(
            "Some notes about the weather, written in full sentences.",
        )];
        assert_eq!(
            identify(Path::new("x/notes.md"), &blocks).unwrap_err(),
            SkipReason::NoMetadata("year")
        );
        assert_eq!(
            identify(Path::new("2020/1234.md"), &blocks).unwrap_err(),
            SkipReason::NoMetadata("country")
        );
    }

    #[test]
    fn known_names_come_from_the_country_table() {
        let old = identify(Path::new("c/2015/cape-verde.md"), &[]).unwrap();
        let new = identify(Path::new("c/2023/cabo-verde.md"), &[]).unwrap();
        assert_eq!(
            (old.country.as_str(), old.country_key.as_str()),
            ("Cabo Verde", "cabo-verde")
        );
        assert_eq!(old.country_key, new.country_key);
        let kyrgyz = identify(Path::new("c/2010/kyrgyzstan.txt"), &[]).unwrap();
        assert_eq!(kyrgyz.country, "Kyrgyz Republic");
        let ivory = identify(Path::new("c/2019/cote-d-ivoire.md"), &[]).unwrap();
        assert_eq!(
            (ivory.country.as_str(), ivory.country_key.as_str()),
            ("Cote d'Ivoire", "cote-d-ivoire")
        );
    }

    #[test]
    fn a_known_title_beats_a_file_name_that_is_no_country() {
        let blocks = [heading(2, "Cameroon"), para("Executive Summary")];
        let meta = identify(Path::new("c/2008/Cameroon_report.md"), &blocks).unwrap();
        assert_eq!(
            (meta.country.as_str(), meta.country_key.as_str()),
            ("Cameroon", "cameroon")
        );
        let blocks = [heading(2, "Chad")];
        let meta = identify(Path::new("c/2008/notes-on-things.md"), &blocks).unwrap();
        assert_eq!(meta.country, "Chad");
        // Noise words alone are dropped too, with no title to help.
        let meta = identify(Path::new("c/2008/Cameroon_report.md"), &[]).unwrap();
        assert_eq!(meta.country, "Cameroon");
    }

    #[test]
    fn a_full_title_beats_a_path_that_says_otherwise() {
        let blocks = [
            heading(1, "Oman — Country Reports on Human Rights Practices"),
            heading(2, "Oman — 2024 Human Rights Report"),
        ];
        let meta = identify(Path::new("c/2023/tajikistan.md"), &blocks).unwrap();
        assert_eq!((meta.country.as_str(), meta.year), ("Oman", 2024));
        let blocks = [para("Andorra 2023 Human Rights Report")];
        let meta = identify(Path::new("c/2024/andorra.txt"), &blocks).unwrap();
        assert_eq!(meta.year, 2023);
        // A country line and a year line are not a title: the path stands.
        let blocks = [heading(2, "Algeria"), para("2001")];
        let meta = identify(Path::new("c/2002/chad.md"), &blocks).unwrap();
        assert_eq!((meta.country.as_str(), meta.year), ("Chad", 2002));
        // A title naming no country the table knows leaves a known path's.
        let blocks = [para("Freedonia 2020 Human Rights Report")];
        let meta = identify(Path::new("c/2020/chad.md"), &blocks).unwrap();
        assert_eq!(meta.country, "Chad");
        // A title that opens a paragraph going on is not one to trust.
        let blocks = [para(
            "Nepal 1918 Human Rights Report Summary There were no significant changes in the human rights situation in Nepal during the year.",
        )];
        let meta = identify(Path::new("c/2006/nepal.md"), &blocks).unwrap();
        assert_eq!(meta.year, 2006);
    }

    #[test]
    fn an_unknown_name_is_still_accepted_from_the_file_name() {
        let meta = identify(Path::new("c/2020/freedonia.md"), &[]).unwrap();
        assert_eq!(
            (meta.country.as_str(), meta.country_key.as_str()),
            ("Freedonia", "freedonia")
        );
    }
}
