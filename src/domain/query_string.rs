//! Query strings as the browser writes and reads them: a value
//! percent-encoded for an address, read back as the browser reads it, and
//! one name's value found. The route table and the tender filters use them.
//!
//! ```
//! use rantai::domain::query_string::{encode, query_value};
//! assert_eq!(encode("batik tulis & 100%"), "batik%20tulis%20%26%20100%25");
//! assert_eq!(query_value("q=batik+tulis&page=2", "q").as_deref(), Some("batik tulis"));
//! ```

/// `value` for a query string: every byte but letters, digits, `-_.~` and
/// `/` as `%XX`.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// A query value as the browser reads it: `%XX` is that byte, `+` a space;
/// a `%` not followed by two hex digits stays as it is.
pub fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        let hex = bytes
            .get(index + 1..index + 3)
            .filter(|pair| pair.iter().all(u8::is_ascii_hexdigit))
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (byte, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                index += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                index += 1;
            }
            (other, _) => {
                out.push(other);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The first value of `name` in `query` (without its `?`), decoded.
pub fn query_value(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .find(|(key, _)| decode(key) == name)
        .map(|(_, value)| decode(value))
}

/// The words searched in `query`'s `name`: trimmed, at most `max`
/// characters (a list's search box, read from its address).
pub fn words_value(query: &str, name: &str, max: usize) -> String {
    clip_words(&query_value(query, name).unwrap_or_default(), max)
}

/// `words` trimmed and cut to at most `max` characters (what the API takes
/// as a search), however long an address or a paste made them.
pub fn clip_words(words: &str, max: usize) -> String {
    let words: String = words.trim().chars().take(max).collect();
    words.trim_end().to_owned()
}

/// The page `query` names (`page=3`), from 1; anything else is the first.
pub fn page_value(query: &str) -> u32 {
    query_value(query, "page")
        .and_then(|page| page.parse().ok())
        .filter(|page| *page >= 1)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searched_words_are_cut_to_whole_characters_within_the_limit() {
        assert_eq!(clip_words("  batik tulis  ", 100), "batik tulis");
        assert_eq!(clip_words(&"😀".repeat(150), 100), "😀".repeat(100));
        assert_eq!(clip_words("kopi   bubuk", 6), "kopi");
        // 20 words of 4 letters and a space: the last space goes too.
        let long = "abcd ".repeat(2_000);
        assert_eq!(
            words_value(&format!("q={}", encode(&long)), "q", 100)
                .chars()
                .count(),
            99
        );
    }
}
