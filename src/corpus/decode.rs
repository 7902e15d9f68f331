//! Turning a file's bytes into text, or saying why they are not a text
//! report: empty, binary (by its magic number, or NUL bytes anywhere in it),
//! an encoding hrsearch does not read, or not valid UTF-8.
//!
//! UTF-8 is read in place. UTF-16 with a byte-order mark (what Windows
//! Notepad long saved as "Unicode") is decoded with encoding_rs into an
//! owned UTF-8 text; byte ranges in such a report are places in that
//! decoded text, as a PDF's are places in the text extracted from it, so
//! they are not given as the file's bytes ([`crate::Report::file_byte_ranges`]).

use super::SkipReason;
use std::borrow::Cow;

/// Decodes a file's bytes as text, refusing what is not a text report; a
/// byte-order mark is dropped.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, SkipReason> {
    Ok(match validate(bytes)? {
        Cow::Borrowed(whole) => Cow::Borrowed(whole.strip_prefix('\u{feff}').unwrap_or(whole)),
        Cow::Owned(whole) => match whole.strip_prefix('\u{feff}') {
            Some(rest) => Cow::Owned(rest.to_string()),
            None => Cow::Owned(whole),
        },
    })
}

/// The whole file as text (a byte-order mark included, so that ranges in
/// it are ranges in a UTF-8 file), or why it is not: borrowed for UTF-8,
/// owned when decoded from UTF-16.
pub fn validate(bytes: &[u8]) -> Result<Cow<'_, str>, SkipReason> {
    if let Some(encoding) = utf16_with_bom(bytes) {
        // Without BOM handling, the mark stays in the text as U+FEFF, as
        // it does for a UTF-8 file with one.
        let (text, _malformed) = encoding.decode_without_bom_handling(bytes);
        let text = text.into_owned();
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            return Err(SkipReason::Empty);
        }
        if text.contains('\0') {
            return Err(SkipReason::Binary("contains NUL characters"));
        }
        return Ok(Cow::Owned(text));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SkipReason::Empty);
    }
    if let Some(encoding) = unread_encoding(bytes) {
        return Err(SkipReason::Encoding(encoding));
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(SkipReason::Binary(kind));
    }
    std::str::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|e| SkipReason::NotUtf8(e.valid_up_to()))
}

/// UTF-16 (little- or big-endian) told by its byte-order mark; not UTF-32
/// little-endian, whose mark starts with UTF-16's.
fn utf16_with_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.starts_with(b"\xFF\xFE\0\0") {
        None
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some(encoding_rs::UTF_16LE)
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Text in an encoding hrsearch does not read, named: UTF-32 (by its
/// mark), and UTF-16 without a mark (told by NUL bytes at every other
/// place in its start, where ASCII letters stand in UTF-16).
fn unread_encoding(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE\0\0") || bytes.starts_with(b"\0\0\xFE\xFF") {
        return Some("UTF-32 text");
    }
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 16 {
        return None;
    }
    let pairs = head.len() / 2;
    let nul_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    // Nine pairs in ten with a NUL on one side and none on the other.
    let lopsided = |nuls: usize, others: usize| nuls * 10 >= pairs * 9 && others * 20 <= pairs;
    (lopsided(even, odd) || lopsided(odd, even)).then_some("UTF-16 text without a byte-order mark")
}

/// What kind of binary file `bytes` are, by a magic number or by NUL bytes
/// anywhere in them (a text report never holds one; `contains` on bytes
/// runs at memchr speed, so looking at the whole file is cheap).
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive or Office document"),
        (b"\xD0\xCF\x11\xE0", "Office document"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    bytes.contains(&0).then_some("contains NUL bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert_eq!(decode(b"").unwrap_err(), SkipReason::Empty);
        assert_eq!(decode(b"  \n\n").unwrap_err(), SkipReason::Empty);
        assert_eq!(
            decode(b"%PDF-1.7 ...").unwrap_err(),
            SkipReason::Binary("PDF")
        );
        assert_eq!(
            decode(b"abc\0def").unwrap_err(),
            SkipReason::Binary("contains NUL bytes")
        );
        assert_eq!(decode(b"caf\xe9").unwrap_err(), SkipReason::NotUtf8(3));
        assert_eq!(decode("\u{feff}Algeria".as_bytes()).unwrap(), "Algeria");
    }

    #[test]
    fn a_nul_byte_past_the_first_8_kb_is_seen() {
        let mut bytes = b"Chad 2020 Human Rights Report\n\n".to_vec();
        bytes.extend(std::iter::repeat_n(b'a', 100_000));
        bytes.push(0);
        bytes.extend(b"more text");
        assert_eq!(
            decode(&bytes).unwrap_err(),
            SkipReason::Binary("contains NUL bytes")
        );
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let text = "Côte d’Ivoire 2020 Human Rights Report\r\n\r\nThe police…";
        for big_endian in [false, true] {
            let bytes = utf16(text, big_endian);
            assert_eq!(decode(&bytes).unwrap(), text, "big endian: {big_endian}");
            // The mark stays in the whole text, as U+FEFF.
            assert_eq!(validate(&bytes).unwrap(), format!("\u{feff}{text}"));
        }
        assert_eq!(
            decode(&utf16(" \r\n ", false)).unwrap_err(),
            SkipReason::Empty
        );
        assert_eq!(
            decode(&utf16("a\0b", true)).unwrap_err(),
            SkipReason::Binary("contains NUL characters")
        );
    }

    #[test]
    fn encodings_it_does_not_read_are_named() {
        let mut marked = utf16("Chad 2020 Human Rights Report, and more text", false);
        let unmarked = marked.split_off(2);
        assert_eq!(
            decode(&unmarked).unwrap_err(),
            SkipReason::Encoding("UTF-16 text without a byte-order mark")
        );
        assert_eq!(
            decode(b"\xFF\xFE\0\0C\0\0\0h\0\0\0").unwrap_err(),
            SkipReason::Encoding("UTF-32 text")
        );
        // Binary data with scattered NULs is still binary.
        let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 13) as u8).collect();
        assert_eq!(
            decode(&binary).unwrap_err(),
            SkipReason::Binary("contains NUL bytes")
        );
    }
}
