//! The rules for a product photo made on the device: big enough to show
//! the product, its long side at most 1600 px, at most 400 kB, and the next
//! encoding to try when the last came out too heavy. `crate::photo` does
//! the decoding and drawing; this decides the numbers.
//!
//! ```
//! use rantai::domain::photo::{fit, next_encoding, too_small, Encoding, MAX_BYTES};
//! assert!(too_small(200, 150));
//! assert_eq!(fit(4000, 3000, 1600), (1600, 1200));
//! let first = Encoding::first(4000, 3000);
//! assert_eq!(first, Encoding { long_side: 1600, quality: 82 });
//! // 900 kB at quality 82: try a lower quality first, then a smaller size.
//! assert_eq!(next_encoding(first, 900_000), Some(Encoding { long_side: 1600, quality: 72 }));
//! ```

/// Neither side of a photo may be shorter than this, in pixels.
pub const MIN_SIDE: u32 = 300;
/// The long side of a prepared photo is at most this, in pixels.
pub const MAX_LONG_SIDE: u32 = 1600;
/// A prepared photo is at most this many bytes (400 kB, so under 400 KiB too).
pub const MAX_BYTES: u64 = 400_000;
/// The qualities (percent) tried in turn before the photo is made smaller.
pub const QUALITIES: [u8; 4] = [82, 72, 62, 50];
/// The long side is never made smaller than this to save bytes.
pub const MIN_LONG_SIDE: u32 = 640;

/// True when either side is under [`MIN_SIDE`].
pub fn too_small(width: u32, height: u32) -> bool {
    width < MIN_SIDE || height < MIN_SIDE
}

/// The size of `width` × `height` scaled so the long side is at most
/// `long_side` (never scaled up), keeping the aspect ratio to within a
/// pixel; each side at least 1.
pub fn fit(width: u32, height: u32, long_side: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= long_side || long == 0 {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled =
            (u64::from(side) * u64::from(long_side) * 2 + u64::from(long)) / (2 * u64::from(long));
        u32::try_from(scaled).unwrap_or(long_side).max(1)
    };
    (scale(width), scale(height))
}

/// One way to encode the photo: its long side and the quality.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encoding {
    /// The long side in pixels (see [`fit`]).
    pub long_side: u32,
    /// Quality in percent, one of [`QUALITIES`].
    pub quality: u8,
}

impl Encoding {
    /// The first to try for a photo of `width` × `height`.
    pub fn first(width: u32, height: u32) -> Encoding {
        Encoding {
            long_side: width.max(height).min(MAX_LONG_SIDE),
            quality: QUALITIES[0],
        }
    }

    /// The quality as the browser's encoders take it, from 0 to 1.
    pub fn quality_fraction(self) -> f64 {
        f64::from(self.quality) / 100.0
    }
}

/// What to try after `previous` came out at `bytes`, over [`MAX_BYTES`]:
/// the next lower quality, then (at the lowest) a smaller long side, cut
/// by what the bytes say is needed (between 0.5 and 0.85 of it), down to
/// [`MIN_LONG_SIDE`]. `None` when nothing smaller is left to try. Each
/// step is strictly lighter, so trying in turn ends.
pub fn next_encoding(previous: Encoding, bytes: u64) -> Option<Encoding> {
    if let Some(position) = QUALITIES.iter().position(|q| *q == previous.quality) {
        if let Some(lower) = QUALITIES.get(position + 1) {
            return Some(Encoding {
                quality: *lower,
                ..previous
            });
        }
    }
    let needed = (MAX_BYTES as f64 / bytes.max(1) as f64).sqrt() * 0.95;
    let factor = needed.clamp(0.5, 0.85);
    let smaller = ((f64::from(previous.long_side) * factor) as u32).max(MIN_LONG_SIDE);
    (smaller < previous.long_side).then_some(Encoding {
        long_side: smaller,
        quality: QUALITIES[QUALITIES.len() - 1],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_phone_photo_comes_down_to_1600_on_its_long_side_either_way_round() {
        assert_eq!(fit(4000, 3000, MAX_LONG_SIDE), (1600, 1200));
        assert_eq!(fit(3000, 4000, MAX_LONG_SIDE), (1200, 1600));
        assert_eq!(fit(4032, 3024, MAX_LONG_SIDE), (1600, 1200));
        assert_eq!(fit(1000, 700, MAX_LONG_SIDE), (1000, 700), "never upscaled");
        assert_eq!(
            fit(20_000, 10, MAX_LONG_SIDE),
            (1600, 1),
            "at least a pixel"
        );
    }

    #[test]
    fn under_300_pixels_on_either_side_is_too_small() {
        assert!(too_small(299, 2000));
        assert!(too_small(2000, 299));
        assert!(!too_small(300, 300));
    }

    #[test]
    fn quality_goes_down_first_then_the_size() {
        let mut encoding = Encoding::first(4000, 3000);
        let mut tried = vec![encoding];
        while let Some(next) = next_encoding(encoding, 1_600_000) {
            tried.push(next);
            encoding = next;
        }
        let qualities: Vec<u8> = tried.iter().map(|e| e.quality).collect();
        assert_eq!(&qualities[..4], &QUALITIES);
        let sides: Vec<u32> = tried.iter().map(|e| e.long_side).collect();
        assert_eq!(sides, vec![1600, 1600, 1600, 1600, 800, 640]);
    }

    #[test]
    fn a_little_too_heavy_takes_off_a_little() {
        let lowest = Encoding {
            long_side: 1600,
            quality: 50,
        };
        assert_eq!(
            next_encoding(lowest, 420_000),
            Some(Encoding {
                long_side: 1360,
                quality: 50
            })
        );
    }

    #[test]
    fn a_small_photo_that_stays_heavy_has_nothing_left_to_try() {
        let small = Encoding {
            long_side: 500,
            quality: 50,
        };
        assert_eq!(next_encoding(small, 500_000), None);
    }

    proptest! {
        #[test]
        fn fit_keeps_within_the_long_side_and_the_aspect_ratio(
            width in 1u32..50_000, height in 1u32..50_000, long_side in 1u32..5_000
        ) {
            let (w, h) = fit(width, height, long_side);
            if width.max(height) > long_side {
                prop_assert_eq!(w.max(h), long_side);
            } else {
                prop_assert_eq!((w, h), (width, height), "never upscaled");
            }
            prop_assert!(w >= 1 && h >= 1);
            // Within a pixel: |w/h - width/height| in the short side's pixels.
            let long = u64::from(width.max(height));
            let error = (u64::from(w) * u64::from(height)).abs_diff(u64::from(h) * u64::from(width));
            prop_assert!(error <= long, "{width}x{height} -> {w}x{h}");
        }

        #[test]
        fn the_first_encoding_never_exceeds_1600(width in 1u32..50_000, height in 1u32..50_000) {
            let (w, h) = fit(width, height, Encoding::first(width, height).long_side);
            prop_assert!(w <= MAX_LONG_SIDE && h <= MAX_LONG_SIDE);
        }

        #[test]
        fn trying_in_turn_ends_within_a_few_encodings(
            width in 1u32..50_000, height in 1u32..50_000, bytes in MAX_BYTES + 1..u64::MAX
        ) {
            let mut encoding = Encoding::first(width, height);
            let mut steps = 0;
            while let Some(next) = next_encoding(encoding, bytes) {
                prop_assert!(
                    next.long_side < encoding.long_side || next.quality < encoding.quality,
                    "each step is lighter"
                );
                prop_assert!(next.long_side >= MIN_LONG_SIDE.min(encoding.long_side));
                encoding = next;
                steps += 1;
            }
            // Three lower qualities, then at most six cuts of 0.85 from 1600 to 640.
            prop_assert!(steps <= 9, "{steps} steps");
        }
    }
}
