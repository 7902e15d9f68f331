//! The query string of an API request, read strictly: every name must be
//! one the endpoint takes (a misspelt `contry=` is an error, not a filter
//! silently left out), names and values must decode to UTF-8, and a
//! parameter that takes one value must not be given twice.

use percent_encoding::percent_decode;

/// A request's parameters, decoded, in the order given.
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

/// A query string that cannot be read; the message says what to fix.
pub type ParamError = String;

/// Decodes one name or value: `+` is a space, `%XX` a byte.
fn decode(part: &str, what: &str) -> Result<String, ParamError> {
    let spaced = part.replace('+', " ");
    percent_decode(spaced.as_bytes())
        .decode_utf8()
        .map(|text| text.into_owned())
        .map_err(|_| format!("{what} is not valid UTF-8 once decoded; encode text as UTF-8"))
}

impl Params {
    /// Reads a query string, refusing names not in `allowed`.
    pub fn parse(
        raw: Option<&str>,
        endpoint: &str,
        allowed: &[&str],
    ) -> Result<Params, ParamError> {
        let mut pairs = Vec::new();
        for part in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            let name = decode(name, "a parameter name")?;
            let value = decode(value, &format!("the value of {name}"))?;
            if !allowed.contains(&name.as_str()) {
                return Err(format!(
                    "unknown parameter {name:?}; {endpoint} takes {}",
                    allowed.join(", ")
                ));
            }
            pairs.push((name, value));
        }
        Ok(Params { pairs })
    }

    /// Every non-empty value of a repeatable parameter (`country=a&country=b`).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(n, v)| n == name && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The value of a parameter given at most once (empty counts as absent).
    pub fn one(&self, name: &str) -> Result<Option<&str>, ParamError> {
        let mut values = self
            .pairs
            .iter()
            .filter(|(n, v)| n == name && !v.trim().is_empty());
        match (values.next(), values.next()) {
            (Some(_), Some(_)) => Err(format!("{name} is given more than once; give it once")),
            (one, _) => Ok(one.map(|(_, v)| v.as_str())),
        }
    }

    /// A parameter that must be there.
    pub fn required(&self, name: &str) -> Result<&str, ParamError> {
        self.one(name)?
            .ok_or_else(|| format!("{name} is missing; give {name}=..."))
    }

    /// A whole number, or `default` when absent.
    pub fn number<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, ParamError> {
        match self.one(name)? {
            None => Ok(default),
            Some(text) => text
                .trim()
                .parse()
                .map_err(|_| format!("{name} must be a whole number, not {text:?}")),
        }
    }

    /// A yes/no switch: `true`/`1`/`yes` or `false`/`0`/`no`.
    pub fn flag(&self, name: &str, default: bool) -> Result<bool, ParamError> {
        match self.one(name)?.map(str::to_ascii_lowercase).as_deref() {
            None => Ok(default),
            Some("true" | "1" | "yes" | "on") => Ok(true),
            Some("false" | "0" | "no" | "off") => Ok(false),
            Some(other) => Err(format!("{name} must be true or false, not {other:?}")),
        }
    }

    /// One of a few words (`sort=year`), or `default` when absent.
    pub fn choice<'a>(
        &self,
        name: &str,
        choices: &[&'a str],
        default: &'a str,
    ) -> Result<&'a str, ParamError> {
        match self.one(name)? {
            None => Ok(default),
            Some(value) => choices
                .iter()
                .find(|c| c.eq_ignore_ascii_case(value.trim()))
                .copied()
                .ok_or_else(|| {
                    format!(
                        "{name} must be one of {}, not {value:?}",
                        choices.join(", ")
                    )
                }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEARCH: &[&str] = &["q", "country", "limit", "facets"];

    #[test]
    fn values_are_decoded_and_repeatable_ones_collected() {
        let p = Params::parse(
            Some("q=pretrial+detention%20%C3%A9&country=chad&country=oman&country="),
            "/api/search",
            SEARCH,
        )
        .unwrap();
        assert_eq!(p.one("q").unwrap(), Some("pretrial detention é"));
        assert_eq!(p.all("country"), ["chad", "oman"]);
        assert_eq!(p.number("limit", 10).unwrap(), 10);
        assert!(!p.flag("facets", false).unwrap());
    }

    #[test]
    fn unknown_names_bad_utf8_and_repeats_are_refused() {
        let unknown = Params::parse(Some("q=x&contry=chad"), "/api/search", SEARCH).unwrap_err();
        assert!(
            unknown.starts_with("unknown parameter \"contry\""),
            "{unknown}"
        );
        assert!(unknown.contains("q, country, limit, facets"), "{unknown}");
        let bad = Params::parse(Some("q=%FF%FE"), "/api/search", SEARCH).unwrap_err();
        assert!(bad.contains("not valid UTF-8"), "{bad}");
        let twice = Params::parse(Some("q=a&q=b"), "/api/search", SEARCH).unwrap();
        assert!(twice.one("q").unwrap_err().contains("more than once"));
        let limit = Params::parse(Some("limit=ten"), "/api/search", SEARCH).unwrap();
        assert!(
            limit
                .number::<usize>("limit", 10)
                .unwrap_err()
                .contains("whole number")
        );
    }
}
