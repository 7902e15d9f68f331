//! Query text to tokens: words (an apostrophe is part of a word: `women's`,
//! `prisoners'`, `d'Ivoire`), `word*` prefixes, `"phrases"` (straight or
//! curly quotes) with an optional `~N`, parentheses, `AND`/`OR`/`NOT` and a
//! leading `-`/`+`. Quotes and parentheses are checked here, with where
//! the fault is, and so are the limits on nesting and on words.

use super::{Limits, QueryError};

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Word {
        text: String,
        prefix: bool,
    },
    Phrase {
        text: String,
        slop: u32,
    },
    Open,
    Close,
    And,
    Or,
    Not,
    /// A leading `-`: exclude what follows.
    Minus,
    /// A leading `+`: require what follows (words are required anyway).
    Plus,
}

/// A token and the character (0-based) where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub at: usize,
}

/// Tokens, and warnings about what was changed (a phrase cut short).
#[derive(Debug, Default)]
pub struct Lexed {
    pub tokens: Vec<Token>,
    pub warnings: Vec<String>,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

fn ends_word(c: char) -> bool {
    c.is_whitespace() || is_quote(c) || c == '(' || c == ')'
}

/// Splits `query` into tokens, or says what is wrong and where.
pub fn lex(query: &str, limits: &Limits) -> Result<Lexed, QueryError> {
    let chars: Vec<char> = query.chars().collect();
    let mut out = Lexed::default();
    let mut open: Vec<usize> = Vec::new();
    let mut words = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let at = i;
        if c == '(' {
            if open.len() == limits.depth {
                return Err(QueryError::at(
                    query,
                    at,
                    format!(
                        "parentheses nest deeper than {} levels; flatten the query",
                        limits.depth
                    ),
                ));
            }
            open.push(at);
            out.tokens.push(Token {
                kind: Kind::Open,
                at,
            });
            i += 1;
        } else if c == ')' {
            if open.pop().is_none() {
                return Err(QueryError::at(query, at, "this ')' closes no '('".into()));
            }
            out.tokens.push(Token {
                kind: Kind::Close,
                at,
            });
            i += 1;
        } else if is_quote(c) {
            let Some(len) = chars[i + 1..].iter().position(|&c| is_quote(c)) else {
                return Err(QueryError::at(
                    query,
                    at,
                    "this quote is never closed; add the closing \"".into(),
                ));
            };
            let text: String = chars[i + 1..i + 1 + len].iter().collect();
            // A phrase matches its words as written; a prefix inside one
            // would otherwise be read as the literal word "deten*".
            if let Some(star) = chars[i + 1..i + 1 + len].iter().position(|&c| c == '*') {
                return Err(QueryError::at(
                    query,
                    i + 1 + star,
                    "a wildcard cannot go inside a phrase; write its words whole, or search them apart (pretrial deten*)".into(),
                ));
            }
            i += len + 2;
            let slop = slop_after(query, &chars, &mut i, limits)?;
            if text.split_whitespace().next().is_none() {
                return Err(QueryError::at(query, at, "this phrase is empty".into()));
            }
            let text = cut_phrase(text, at, limits, &mut out.warnings);
            words += text.split_whitespace().count();
            out.tokens.push(Token {
                kind: Kind::Phrase { text, slop },
                at,
            });
        } else if (c == '-' || c == '+')
            && chars
                .get(i + 1)
                .is_some_and(|&n| !n.is_whitespace() && n != ')')
        {
            out.tokens.push(Token {
                kind: if c == '-' { Kind::Minus } else { Kind::Plus },
                at,
            });
            i += 1;
        } else {
            let len = chars[i..]
                .iter()
                .position(|&c| ends_word(c))
                .unwrap_or(chars.len() - i);
            let text: String = chars[i..i + len].iter().collect();
            i += len;
            let kind = match text.as_str() {
                "AND" | "&&" => Kind::And,
                "OR" | "||" => Kind::Or,
                "NOT" => Kind::Not,
                _ => {
                    words += 1;
                    word(query, text, at, limits)?
                }
            };
            out.tokens.push(Token { kind, at });
        }
        if words > limits.words {
            return Err(QueryError::refused(
                query,
                format!(
                    "it has more than {} words; keep the most telling ones",
                    limits.words
                ),
            ));
        }
    }
    if let Some(&at) = open.last() {
        return Err(QueryError::at(
            query,
            at,
            "this '(' is never closed; add the ')'".into(),
        ));
    }
    Ok(out)
}

/// A word, with a trailing `*` as a prefix; `*` anywhere else, or a `~N`
/// after a word, is refused with the form that works.
fn word(query: &str, text: String, at: usize, limits: &Limits) -> Result<Kind, QueryError> {
    let stem = text.trim_end_matches('*');
    let prefix = stem.len() < text.len();
    if let Some(star) = stem.find('*') {
        return Err(QueryError::at(
            query,
            at + stem[..star].chars().count(),
            "a wildcard goes at the end of a word, as in detain*".into(),
        ));
    }
    if let Some((_, digits)) = stem.rsplit_once('~')
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
    {
        return Err(QueryError::at(
            query,
            at,
            "a distance ~N follows a quoted phrase, as in \"detention torture\"~5".into(),
        ));
    }
    if prefix {
        let letters = stem.chars().filter(|c| c.is_alphanumeric()).count();
        if letters < limits.prefix_letters {
            return Err(QueryError::at(
                query,
                at,
                format!(
                    "a wildcard needs at least {} letters before the *, as in det*",
                    limits.prefix_letters
                ),
            ));
        }
    }
    Ok(Kind::Word {
        text: stem.to_string(),
        prefix,
    })
}

/// The `~N` right after a closing quote, if any.
fn slop_after(
    query: &str,
    chars: &[char],
    i: &mut usize,
    limits: &Limits,
) -> Result<u32, QueryError> {
    match chars.get(*i) {
        Some('~') => {
            let at = *i;
            let digits: String = chars[at + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            *i = at + 1 + digits.len();
            if chars.get(*i).is_some_and(|&c| !ends_word(c)) {
                return Err(QueryError::at(
                    query,
                    at,
                    "~ after a phrase takes a number of words, as in \"detention torture\"~5"
                        .into(),
                ));
            }
            match digits.parse::<u32>() {
                Ok(n) if n <= limits.slop => Ok(n),
                Ok(_) | Err(_) if !digits.is_empty() => Err(QueryError::at(
                    query,
                    at,
                    format!("a phrase's words can be at most {} apart", limits.slop),
                )),
                _ => Err(QueryError::at(
                    query,
                    at,
                    "~ after a phrase takes a number of words, as in \"detention torture\"~5"
                        .into(),
                )),
            }
        }
        Some('*') => Err(QueryError::at(
            query,
            *i,
            "a wildcard goes at the end of a word, not of a phrase".into(),
        )),
        _ => Ok(0),
    }
}

/// A phrase of more than the limit's words keeps its first words, and says so.
fn cut_phrase(text: String, at: usize, limits: &Limits, warnings: &mut Vec<String>) -> String {
    let count = text.split_whitespace().count();
    if count <= limits.phrase_words {
        return text;
    }
    warnings.push(format!(
        "the phrase at character {} has {count} words; searching its first {}",
        at + 1,
        limits.phrase_words
    ));
    text.split_whitespace()
        .take(limits.phrase_words)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(query: &str) -> Vec<Kind> {
        lex(query, &Limits::default())
            .unwrap()
            .tokens
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    fn word(text: &str) -> Kind {
        Kind::Word {
            text: text.into(),
            prefix: false,
        }
    }

    fn error(query: &str) -> String {
        lex(query, &Limits::default()).unwrap_err().to_string()
    }

    #[test]
    fn apostrophes_are_part_of_words() {
        assert_eq!(kinds("women's rights"), [word("women's"), word("rights")]);
        assert_eq!(kinds("prisoners'"), [word("prisoners'")]);
        assert_eq!(kinds("Côte d’Ivoire"), [word("Côte"), word("d’Ivoire")]);
        assert_eq!(kinds("'torture'"), [word("'torture'")]);
    }

    #[test]
    fn operators_phrases_and_prefixes() {
        assert_eq!(
            kinds("torture AND (prison OR \"pretrial detention\"~3) -COVID detain*"),
            [
                word("torture"),
                Kind::And,
                Kind::Open,
                word("prison"),
                Kind::Or,
                Kind::Phrase {
                    text: "pretrial detention".into(),
                    slop: 3
                },
                Kind::Close,
                Kind::Minus,
                word("COVID"),
                Kind::Word {
                    text: "detain".into(),
                    prefix: true
                },
            ]
        );
        assert_eq!(
            kinds("“curly quotes”"),
            [Kind::Phrase {
                text: "curly quotes".into(),
                slop: 0
            }]
        );
        assert_eq!(
            kinds("pre-trial - x"),
            [word("pre-trial"), word("-"), word("x")]
        );
    }

    #[test]
    fn faults_are_named_with_their_place() {
        assert!(error("\"pretrial detention").contains("character 1"));
        assert!(error("torture (prison").contains("character 9"));
        assert!(error("prison)").contains("character 7"));
        assert!(error("de*tain").contains("end of a word"));
        let in_phrase = error("\"pretrial deten*\"");
        assert!(in_phrase.contains("character 16"), "{in_phrase}");
        assert!(in_phrase.contains("inside a phrase"), "{in_phrase}");
        assert!(error("d*").contains("at least 2 letters"));
        assert!(error("torture~2").contains("follows a quoted phrase"));
        assert!(error("\"a b\"~x").contains("number of words"));
        assert!(error("\"a b\"~99999999999").contains("at most"));
        assert!(error("\"\"").contains("empty"));
    }

    #[test]
    fn limits_hold_before_any_parsing() {
        let deep = format!("{}torture{}", "(".repeat(40), ")".repeat(40));
        assert!(error(&deep).contains("deeper than"));
        let many = "word ".repeat(100);
        assert!(error(&many).contains("more than 64 words"));
        let long_phrase = format!("\"{}\"", "word ".repeat(50));
        let lexed = lex(&long_phrase, &Limits::default()).unwrap();
        assert_eq!(lexed.warnings.len(), 1, "{:?}", lexed.warnings);
        assert!(lexed.warnings[0].contains("has 50 words; searching its first 32"));
    }
}
