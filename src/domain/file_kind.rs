//! What a file is by its first bytes, whatever its name or the browser says:
//! a photo named `nota.jpg` may be a PDF, a program named `foto.jpg` is
//! neither. The server checks the same bytes (only PDF, JPEG, PNG and WebP
//! are kept); checking them on the device first saves sending a file that
//! would be refused.
//!
//! ```
//! use rantai::domain::file_kind::{sniff, FileKind};
//! assert_eq!(sniff(b"%PDF-1.7\n"), FileKind::Pdf);
//! assert_eq!(sniff(&[0xff, 0xd8, 0xff, 0xe0]), FileKind::Jpeg);
//! assert_eq!(sniff(b"MZ\x90\x00"), FileKind::Other);
//! assert!(FileKind::Webp.is_photo() && !FileKind::Pdf.is_photo());
//! ```

/// Bytes to read from the start of a file to tell its kind.
pub const SNIFF_LEN: usize = 12;

/// A file's kind, told by its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `%PDF-`
    Pdf,
    /// `FF D8 FF`
    Jpeg,
    /// The PNG signature.
    Png,
    /// `RIFF…WEBP`
    Webp,
    /// An ISO-BMFF `ftyp` box with a HEIC/HEIF brand: an iPhone's photos.
    /// Most browsers cannot open it, and the server does not keep it.
    Heic,
    /// Anything else, including too few bytes to tell.
    Other,
}

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
const HEIF_BRANDS: [&[u8; 4]; 10] = [
    b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1",
];

/// The kind the first bytes of a file show (pass at least [`SNIFF_LEN`]
/// bytes when the file has them; fewer are fine, they just tell less).
pub fn sniff(first: &[u8]) -> FileKind {
    if first.starts_with(b"%PDF-") {
        FileKind::Pdf
    } else if first.starts_with(&[0xff, 0xd8, 0xff]) {
        FileKind::Jpeg
    } else if first.starts_with(&PNG_SIGNATURE) {
        FileKind::Png
    } else if first.get(..4) == Some(b"RIFF") && first.get(8..12) == Some(b"WEBP") {
        FileKind::Webp
    } else if first.get(4..8) == Some(b"ftyp")
        && first
            .get(8..12)
            .is_some_and(|brand| HEIF_BRANDS.iter().any(|heif| heif.as_slice() == brand))
    {
        FileKind::Heic
    } else {
        FileKind::Other
    }
}

impl FileKind {
    /// The media type the server records for it; `None` for what it refuses.
    pub fn mime(self) -> Option<&'static str> {
        match self {
            FileKind::Pdf => Some("application/pdf"),
            FileKind::Jpeg => Some("image/jpeg"),
            FileKind::Png => Some("image/png"),
            FileKind::Webp => Some("image/webp"),
            FileKind::Heic | FileKind::Other => None,
        }
    }

    /// True for the photos a browser can open and the server keeps.
    pub fn is_photo(self) -> bool {
        matches!(self, FileKind::Jpeg | FileKind::Png | FileKind::Webp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn each_kind_is_told_by_its_signature() {
        let cases: [(&[u8], FileKind); 9] = [
            (b"%PDF-1.4 rest", FileKind::Pdf),
            (&[0xff, 0xd8, 0xff, 0xe1, 0, 0], FileKind::Jpeg),
            (&PNG_SIGNATURE, FileKind::Png),
            (b"RIFF\x10\x00\x00\x00WEBPVP8 ", FileKind::Webp),
            (b"\x00\x00\x00\x18ftypheic\x00\x00", FileKind::Heic),
            (b"\x00\x00\x00\x18ftypmif1\x00\x00", FileKind::Heic),
            (b"\x00\x00\x00\x18ftypavif\x00\x00", FileKind::Other),
            (
                b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00",
                FileKind::Other,
            ),
            (b"RIFF\x10\x00\x00\x00WAVEfmt ", FileKind::Other),
        ];
        for (bytes, kind) in cases {
            assert_eq!(sniff(bytes), kind, "{bytes:?}");
        }
    }

    #[test]
    fn too_few_bytes_tell_nothing_rather_than_guess() {
        assert_eq!(sniff(b""), FileKind::Other);
        assert_eq!(sniff(&[0xff, 0xd8]), FileKind::Other);
        assert_eq!(sniff(b"RIFF\x10\x00\x00\x00WEB"), FileKind::Other);
    }

    #[test]
    fn only_what_the_server_keeps_has_a_media_type() {
        assert_eq!(FileKind::Webp.mime(), Some("image/webp"));
        assert_eq!(FileKind::Heic.mime(), None);
        assert_eq!(FileKind::Other.mime(), None);
        assert!(!FileKind::Heic.is_photo());
    }

    proptest! {
        #[test]
        fn any_bytes_are_sniffed_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let kind = sniff(&bytes);
            // Reading more of the file never changes what its start said.
            if bytes.len() >= SNIFF_LEN {
                prop_assert_eq!(kind, sniff(&bytes[..SNIFF_LEN]));
            }
        }

        #[test]
        fn a_jpeg_start_is_a_jpeg_whatever_follows(rest in proptest::collection::vec(any::<u8>(), 0..32)) {
            let mut bytes = vec![0xff, 0xd8, 0xff];
            bytes.extend(rest);
            prop_assert_eq!(sniff(&bytes), FileKind::Jpeg);
        }
    }
}
