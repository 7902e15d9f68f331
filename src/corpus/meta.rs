//! A report's country and year: from its path (`<year>/<country>.<ext>` or
//! `<year>_<Country>.<ext>`), else from the title inside the file.

use super::{Block, BlockKind, SkipReason};
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

/// Finds country and year, preferring the path, filling gaps from the text.
pub fn identify(path: &Path, blocks: &[Block]) -> Result<ReportMeta, SkipReason> {
    let (path_country, path_year) = from_path(path);
    let title = from_title(blocks);
    let year = path_year
        .or(title.year)
        .ok_or(SkipReason::NoMetadata("year"))?;
    let country = match (path_country, &title.country) {
        // Prefer the title's spelling ("Kyrgyz Republic") when it names the same country.
        (Some(slug), Some(named)) if normalize(&slug) == normalize(named) => named.clone(),
        (Some(slug), _) => display_name(&slug),
        (None, Some(named)) => named.clone(),
        (None, None) => return Err(SkipReason::NoMetadata("country")),
    };
    let title_text = title
        .text
        .unwrap_or_else(|| format!("{country} {year} Human Rights Report"));
    Ok(ReportMeta {
        country_key: country_key(&country),
        country,
        year,
        title: title_text,
    })
}

/// The filter key of a country name: "Kyrgyz Republic" -> "kyrgyz-republic".
pub fn country_key(name: &str) -> String {
    normalize(name).replace(' ', "-")
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
}

fn from_title(blocks: &[Block]) -> TitleInfo {
    let mut info = TitleInfo::default();
    for block in blocks.iter().take(TITLE_WINDOW) {
        let text = block.text.as_str();
        if let Some(caps) = TITLE_WITH_YEAR.captures(text) {
            info.country = Some(caps["country"].trim().to_string());
            info.year = caps["year"].parse().ok();
            info.text = Some(text.to_string());
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
}
