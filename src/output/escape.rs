//! Text from files (their names, their content, messages quoting either)
//! made safe for a terminal: control characters (NUL, escape sequences
//! that recolour or clear the screen, carriage returns that overwrite a
//! line) and the invisible marks that reverse text direction are shown as
//! Rust escapes (`\0`, `\u{1b}`), never written raw.

use std::borrow::Cow;

/// `text` with every control or direction-changing character escaped;
/// borrowed when there is none (the usual case).
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\0' => out.push_str("\\0"),
            c if unsafe_char(c) => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Control characters, and the bidirectional overrides and isolates that
/// make a line read differently from what it holds.
fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_the_rest_kept() {
        assert!(matches!(printable("Côte d’Ivoire ¶ …"), Cow::Borrowed(_)));
        assert_eq!(printable("a\0b"), "a\\0b");
        assert_eq!(printable("red\u{1b}[31m"), "red\\u{1b}[31m");
        assert_eq!(printable("line\rover\ttab\n"), "line\\rover\\ttab\\n");
        assert_eq!(printable("x\u{202e}txt.exe"), "x\\u{202e}txt.exe");
    }
}
