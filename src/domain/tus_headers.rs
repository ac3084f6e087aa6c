//! What tus 1.0 headers carry, as pure functions beside [`super::tus`]'s
//! bookkeeping: the `Upload-Metadata` value, the upload's id in the
//! `Location` of a creation, and how long one PATCH may take.
//!
//! ```
//! use rantai::domain::tus_headers::{metadata, patch_timeout_ms, upload_id};
//! assert_eq!(metadata("a.webp", "image/webp"), "filename YS53ZWJw,filetype aW1hZ2Uvd2VicA==");
//! assert_eq!(upload_id("/api/v1/uploads/0f3a"), Some("0f3a"));
//! assert_eq!(upload_id("https://api.rantai.id/api/v1/uploads/0f3a?x=1"), Some("0f3a"));
//! assert!(patch_timeout_ms(256 * 1024) > 60_000);
//! ```

/// The `Upload-Metadata` value for a file's name and media type: each
/// key, a space, and the value in base64 (any UTF-8 name goes through).
pub fn metadata(filename: &str, filetype: &str) -> String {
    format!(
        "filename {},filetype {}",
        base64(filename.as_bytes()),
        base64(filetype.as_bytes())
    )
}

/// The upload's id: the last path segment of a `Location`, relative or
/// absolute (query and fragment ignored). `None` when it is empty or
/// holds anything but letters, digits, `-` and `_`, so that it can go
/// into a path as it is.
pub fn upload_id(location: &str) -> Option<&str> {
    let path = location.split(['?', '#']).next().unwrap_or_default();
    let id = path.rsplit('/').next()?;
    let plain = id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (!id.is_empty() && plain).then_some(id)
}

/// How long a PATCH of `bytes` may take before it counts as a timeout:
/// 15 s, plus the time the bytes take at 4 kB/s (a weak 2G signal), so a
/// slow connection still gets each chunk through. A timed-out chunk is not
/// lost: the server keeps what arrived and `HEAD` tells how much.
pub fn patch_timeout_ms(bytes: u64) -> u32 {
    let ms = 15_000 + bytes / 4;
    u32::try_from(ms).unwrap_or(u32::MAX)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648 §4), as tus metadata wants.
fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let b = [
            group[0],
            *group.get(1).unwrap_or(&0),
            *group.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            out.push(if i <= group.len() {
                char::from(ALPHABET[(n >> shift & 63) as usize])
            } else {
                '='
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn base64_matches_the_rfc_test_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn a_name_in_any_script_is_encoded_whole() {
        assert_eq!(
            metadata("kopi ☕.jpg", "image/jpeg"),
            "filename a29waSDimJUuanBn,filetype aW1hZ2UvanBlZw=="
        );
    }

    #[test]
    fn the_id_is_the_last_segment_of_the_location() {
        assert_eq!(upload_id("/api/v1/uploads/abc123"), Some("abc123"));
        assert_eq!(upload_id("uploads/abc#frag"), Some("abc"));
        assert_eq!(upload_id("abc"), Some("abc"));
        assert_eq!(upload_id(""), None);
        assert_eq!(upload_id("/api/v1/uploads/"), None);
        assert_eq!(upload_id("/uploads/.."), None);
        assert_eq!(upload_id("/uploads/a%2Fb"), None);
    }

    #[test]
    fn a_chunk_on_a_slow_line_gets_its_time() {
        assert_eq!(patch_timeout_ms(0), 15_000);
        assert_eq!(patch_timeout_ms(256 * 1024), 15_000 + 65_536);
        assert_eq!(patch_timeout_ms(u64::MAX), u32::MAX);
    }

    proptest! {
        #[test]
        fn base64_is_four_characters_per_three_bytes_from_the_alphabet(
            bytes in proptest::collection::vec(any::<u8>(), 0..100)
        ) {
            let encoded = base64(&bytes);
            prop_assert_eq!(encoded.len(), bytes.len().div_ceil(3) * 4);
            let padding = encoded.bytes().rev().take_while(|b| *b == b'=').count();
            prop_assert_eq!(padding, (3 - bytes.len() % 3) % 3);
            prop_assert!(encoded.trim_end_matches('=').bytes().all(|b| ALPHABET.contains(&b)));
        }

        #[test]
        fn any_location_gives_a_path_safe_id_or_none(location in ".*") {
            if let Some(id) = upload_id(&location) {
                prop_assert!(!id.is_empty());
                prop_assert!(!id.contains(['/', '.', '?', '#', '%']));
            }
        }
    }
}
