//! How many pages a PDF has, when that is cheap to tell: its page objects
//! (`/Type /Page`, not the `/Type /Pages` tree nodes) counted in the file's
//! bytes, each object once (a signed or edited PDF appends new versions of
//! the objects it changed: the same page twice is one page). Page objects
//! kept compressed in object streams (PDF 1.5 and later may) are not seen:
//! then the count is unknown.
//!
//! ```
//! let pdf = b"%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R] /Count 1>> endobj\n\
//!             2 0 obj <</Type/Page /Parent 1 0 R>> endobj\n";
//! assert_eq!(dev_api::pdf::pages(pdf), Some(1));
//! assert_eq!(dev_api::pdf::pages(b"%PDF-1.5\n"), None);
//! ```

use std::collections::HashSet;

/// The most bytes of a file read to count its pages (the largest upload).
pub const READ_AT_MOST: u64 = crate::routes::uploads::MAX_SIZE;

/// True for PDF's white-space characters.
fn white(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

/// True for a byte that can go on a name or keyword (neither white space
/// nor a delimiter): `/Pages` is not `/Page` because `s` is one.
fn regular(byte: Option<&u8>) -> bool {
    byte.is_some_and(|b| !white(*b) && !b"()<>[]{}/%".contains(b))
}

/// The whole number `text` ends with, and what comes before it.
fn last_number(text: &[u8]) -> Option<(u64, &[u8])> {
    let start = text
        .iter()
        .rposition(|b| !b.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let number = std::str::from_utf8(&text[start..]).ok()?.parse().ok()?;
    Some((number, &text[..start]))
}

/// The object `N G obj` whose keyword `obj` starts at `at`, as `(N, G)`.
fn object_header(bytes: &[u8], at: usize) -> Option<(u64, u64)> {
    let (generation, rest) = last_number(bytes[..at].trim_ascii_end())?;
    let (number, _) = last_number(rest.trim_ascii_end())?;
    Some((number, generation))
}

/// The number of pages of the PDF in `bytes`; None when no page object is
/// found (not a PDF, or its pages are compressed).
pub fn pages(bytes: &[u8]) -> Option<u32> {
    // Page objects by (number, generation); one outside any object (a
    // broken file) counts by its position.
    let mut seen: HashSet<(u64, u64)> = HashSet::new();
    let mut object = None;
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        if rest.starts_with(b"obj")
            && !regular(at.checked_sub(1).and_then(|i| bytes.get(i)))
            && !regular(bytes.get(at + 3))
        {
            object = object_header(bytes, at);
            at += 3;
        } else if rest.starts_with(b"/Type") && !regular(bytes.get(at + 5)) {
            let value = at + 5 + rest[5..].iter().take_while(|b| white(**b)).count();
            if bytes[value..].starts_with(b"/Page") && !regular(bytes.get(value + 5)) {
                seen.insert(object.unwrap_or((u64::MAX, at as u64)));
            }
            at = value;
        } else {
            at += 1;
        }
    }
    u32::try_from(seen.len()).ok().filter(|count| *count > 0)
}

/// The pages of the PDF at `path`, reading at most [`READ_AT_MOST`] bytes
/// of it; None when it cannot be read or none are found.
pub fn pages_in_file(path: &std::path::Path) -> Option<u32> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(READ_AT_MOST)
        .read_to_end(&mut bytes)
        .ok()?;
    pages(&bytes)
}

#[cfg(test)]
mod tests {
    use super::pages;

    #[test]
    fn each_page_object_counts_once_and_the_page_tree_not_at_all() {
        let three = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
            2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>\nendobj\n\
            3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n\
            4 0 obj\n<</Type/Page/Parent 2 0 R>>\nendobj\n\
            5 0 obj\n<</Parent 2 0 R /Type\r\n/Page>>\nendobj\n\
            trailer << /Root 1 0 R >>\n%%EOF\n";
        assert_eq!(pages(three), Some(3));
    }

    #[test]
    fn a_page_saved_again_by_an_incremental_update_is_still_one_page() {
        let signed = b"%PDF-1.7\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n\
            3 0 obj <</Type /Page /Parent 2 0 R>> endobj\n%%EOF\n\
            3 0 obj <</Type /Page /Parent 2 0 R /Annots [9 0 R]>> endobj\n\
            9 0 obj <</Type /Annot /Subtype /Widget>> endobj\n%%EOF\n";
        assert_eq!(pages(signed), Some(1));
    }

    #[test]
    fn names_that_only_begin_like_page_are_not_pages() {
        let pdf = b"%PDF-1.7\n1 0 obj <</Type /PageLabel>> endobj\n\
            2 0 obj <</Type /Pages /Count 0>> endobj\n3 0 obj <</Type /Catalog>> endobj\n";
        assert_eq!(pages(pdf), None);
        assert_eq!(pages(b""), None);
        assert_eq!(pages(b"obj /Type"), None, "cut short");
    }
}
