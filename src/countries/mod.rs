//! Country names: one table ([`table`]) of the countries and areas the
//! reports cover, with the other names they go by, and the lookups built on
//! it: a name or alias to its country (`Cape Verde` and `cabo-verde` are
//! Cabo Verde), the key and display name the index stores, names that stand
//! for several countries (`Congo`), and near misses for "did you mean".
//!
//! Names are compared in a normal form: accents folded, lower case, any run
//! of other characters one space, "&" as "and", "St." as "Saint", a leading
//! "The" dropped.

mod table;

use std::collections::HashMap;
use std::sync::LazyLock;
pub use table::Country;
use table::{AMBIGUOUS, COUNTRIES};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer};

/// Every country and area in the table.
pub fn all() -> &'static [Country] {
    COUNTRIES
}

/// What a name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    One(&'static Country),
    /// A name shared by several ("Congo", "Korea").
    Several(Vec<&'static Country>),
    Unknown,
}

impl std::fmt::Debug for Country {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl PartialEq for Country {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}
impl Eq for Country {}

impl Country {
    /// The key the index stores: "kyrgyz-republic", "cote-d-ivoire".
    pub fn key(&self) -> String {
        comparable(self.name).replace(' ', "-")
    }

    /// Every key an index may hold for this country: the canonical one and
    /// those an earlier hrsearch made from another name ("cape-verde",
    /// "côte-d-ivoire", "the-gambia"), so any alias finds its reports.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = vec![self.key()];
        for name in std::iter::once(&self.name).chain(self.aliases) {
            for key in [
                comparable(name).replace(' ', "-"),
                crate::outline::normalize(name).replace(' ', "-"),
            ] {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        keys
    }
}

/// Normal form of a name -> the entries it names.
static BY_NAME: LazyLock<HashMap<String, Vec<&'static Country>>> = LazyLock::new(|| {
    let mut map: HashMap<String, Vec<&'static Country>> = HashMap::new();
    for country in COUNTRIES {
        for name in std::iter::once(&country.name).chain(country.aliases) {
            let entry = map.entry(comparable(name)).or_default();
            if !entry.contains(&country) {
                entry.push(country);
            }
        }
    }
    for (name, meant) in AMBIGUOUS {
        let entry = map.entry(comparable(name)).or_default();
        entry.extend(meant.iter().filter_map(|m| lookup(m)));
    }
    map
});

/// What `name` (a name, an alias or a key) stands for.
pub fn resolve(name: &str) -> Resolved {
    match BY_NAME.get(&comparable(name)).map(Vec::as_slice) {
        Some([one]) => Resolved::One(one),
        Some(several) if !several.is_empty() => Resolved::Several(several.to_vec()),
        _ => Resolved::Unknown,
    }
}

/// The one country `name` stands for, if it is one.
pub fn lookup(name: &str) -> Option<&'static Country> {
    // Not through BY_NAME: it calls this while being built.
    let wanted = comparable(name);
    COUNTRIES.iter().find(|c| {
        std::iter::once(&c.name)
            .chain(c.aliases)
            .any(|n| comparable(n) == wanted)
    })
}

/// Names close to `name` (a misspelling): the table's names and aliases,
/// and `extra` names (those an index holds), best first, at most three.
pub fn near(name: &str, extra: &[String]) -> Vec<String> {
    let wanted = comparable(name);
    if wanted.is_empty() {
        return Vec::new();
    }
    let most = if wanted.chars().count() <= 5 { 1 } else { 2 };
    let mut scored: Vec<(usize, String)> = Vec::new();
    let table = COUNTRIES.iter().flat_map(|c| {
        std::iter::once(&c.name)
            .chain(c.aliases)
            .map(move |n| (*n, c.name))
    });
    let others = extra.iter().map(|n| (n.as_str(), n.as_str()));
    for (candidate, shown) in table.chain(others) {
        let distance = strsim::damerau_levenshtein(&wanted, &comparable(candidate));
        if distance <= most && !scored.iter().any(|(_, s)| s == shown) {
            scored.push((distance, shown.to_string()));
        }
    }
    scored.sort();
    scored.into_iter().take(3).map(|(_, s)| s).collect()
}

/// The normal form names are compared in.
pub fn comparable(name: &str) -> String {
    let folded = fold(name).replace('&', " and ");
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| if w == "st" { "saint" } else { w })
        .collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join(" ")
}

/// Lower case with accents and typographic quotes folded to ASCII
/// ("Côte d’Ivoire" -> "cote d'ivoire"), by tantivy's folding filter.
fn fold(text: &str) -> String {
    thread_local! {
        static FOLDER: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        );
    }
    FOLDER.with(|folder| {
        let mut folder = folder.borrow_mut();
        let mut stream = folder.token_stream(text);
        stream
            .next()
            .map(|t| t.text.clone())
            .unwrap_or_else(|| text.to_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(name: &str) -> &'static str {
        match resolve(name) {
            Resolved::One(c) => c.name,
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn aliases_name_one_country() {
        for (alias, name) in [
            ("Kyrgyzstan", "Kyrgyz Republic"),
            ("kyrgyz-republic", "Kyrgyz Republic"),
            ("Cape Verde", "Cabo Verde"),
            ("cabo-verde", "Cabo Verde"),
            ("Myanmar", "Burma"),
            ("Ivory Coast", "Cote d'Ivoire"),
            ("Côte d’Ivoire", "Cote d'Ivoire"),
            ("cote-d-ivoire", "Cote d'Ivoire"),
            ("Swaziland", "Eswatini"),
            ("Macedonia", "North Macedonia"),
            ("Czechia", "Czech Republic"),
            ("Turkey", "Türkiye"),
            ("turkiye", "Türkiye"),
            ("Congo-Brazzaville", "Republic of the Congo"),
            ("Zaire", "Democratic Republic of the Congo"),
            ("DRC", "Democratic Republic of the Congo"),
            (
                "Congo, Democratic Republic of the",
                "Democratic Republic of the Congo",
            ),
            ("East Timor", "Timor-Leste"),
            ("Gambia", "The Gambia"),
            ("Bahamas", "The Bahamas"),
            ("Brunei Darussalam", "Brunei"),
            ("Korea, Democratic People's Republic of", "North Korea"),
            ("Republic of Korea", "South Korea"),
            ("St. Lucia", "Saint Lucia"),
            ("Trinidad & Tobago", "Trinidad and Tobago"),
        ] {
            assert_eq!(one(alias), name, "{alias}");
        }
    }

    #[test]
    fn congo_and_korea_are_each_two() {
        for name in ["Congo", "congo", "Korea"] {
            let Resolved::Several(all) = resolve(name) else {
                panic!("{name}")
            };
            assert_eq!(all.len(), 2, "{name}");
        }
        assert_eq!(resolve("Narnia"), Resolved::Unknown);
    }

    #[test]
    fn keys_are_stable_and_cover_earlier_spellings() {
        assert_eq!(lookup("Kyrgyz Republic").unwrap().key(), "kyrgyz-republic");
        assert_eq!(lookup("Kazakhstan").unwrap().key(), "kazakhstan");
        assert_eq!(lookup("Ivory Coast").unwrap().key(), "cote-d-ivoire");
        let cabo = lookup("Cabo Verde").unwrap().keys();
        assert!(cabo.contains(&"cape-verde".to_string()), "{cabo:?}");
        let gambia = lookup("Gambia").unwrap().keys();
        assert!(gambia.contains(&"the-gambia".to_string()), "{gambia:?}");
    }

    #[test]
    fn near_misses() {
        assert_eq!(near("Kazakstan", &[]), ["Kazakhstan"]);
        assert_eq!(near("Kyrgystan", &[]), ["Kyrgyz Republic"]);
        assert!(near("Zzyzx", &[]).is_empty());
        assert_eq!(near("Narnai", &["Narnia".to_string()]), ["Narnia"]);
    }

    #[test]
    fn the_table_covers_every_country() {
        assert!(all().len() >= 195, "{}", all().len());
        let mut keys: Vec<String> = all().iter().map(Country::key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), all().len(), "keys are unique");
    }
}
