//! The rules for a photo made on the device, per [`Purpose`]: a product
//! photo (big enough to show the product, its long side at most 1600 px, at
//! most 400 kB) or a photo of a paper (a certificate, a KTP, a passbook:
//! 1000 px at least across so its text stays readable, its long side at most
//! 2400 px, at most 1.5 MB), and the next encoding to try when the last came
//! out too heavy. `crate::photo` does the decoding and drawing; this decides
//! the numbers.
//!
//! ```
//! use rantai::domain::photo::{fit, next_encoding, too_small, Encoding, Purpose};
//! assert!(too_small(Purpose::Product, 200, 150));
//! assert!(too_small(Purpose::Paper, 1200, 900), "900 px across: small print is lost");
//! assert_eq!(fit(4000, 3000, 1600), (1600, 1200));
//! let first = Encoding::first(Purpose::Product, 4000, 3000);
//! assert_eq!(first, Encoding { long_side: 1600, quality: 82 });
//! // 900 kB at quality 82: try a lower quality first, then a smaller size.
//! let next = next_encoding(Purpose::Product, 4000, 3000, first, 900_000);
//! assert_eq!(next, Some(Encoding { long_side: 1600, quality: 72 }));
//! assert_eq!(
//!     Encoding::first(Purpose::Paper, 4000, 3000),
//!     Encoding { long_side: 2400, quality: 88 }
//! );
//! ```

/// What a photo is for, which decides its [`Rules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// A product in the catalog: light to send and to show in a list.
    Product,
    /// A paper (a certificate, a KTP, a passbook's first page) a reviewer
    /// must read, small print included.
    Paper,
}

impl Purpose {
    /// Both purposes.
    pub const ALL: [Purpose; 2] = [Purpose::Product, Purpose::Paper];

    /// Its numbers.
    pub const fn rules(self) -> &'static Rules {
        match self {
            Purpose::Product => &Rules::PRODUCT,
            Purpose::Paper => &Rules::PAPER,
        }
    }
}

/// The numbers of one [`Purpose`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// A photo whose short side is under this, in pixels, is refused.
    pub min_short_side: u32,
    /// The long side of a prepared photo is at most this, in pixels, unless
    /// keeping [`Rules::min_scaled_short_side`] needs more (a paper over
    /// 2.4 times as long as it is wide).
    pub max_long_side: u32,
    /// A prepared photo is at most this many bytes.
    pub max_bytes: u64,
    /// The qualities (percent) tried in turn, highest first, before the
    /// photo is made smaller.
    pub qualities: &'static [u8],
    /// The long side is never made smaller than this to save bytes.
    pub min_scaled_long_side: u32,
    /// Nor the short side smaller than this, to save bytes or to keep
    /// within [`Rules::max_long_side`].
    pub min_scaled_short_side: u32,
}

impl Rules {
    /// A product photo: at least 300 px on a side, its long side at most
    /// 1600 px, at most 400 kB (so under 400 KiB too).
    pub const PRODUCT: Rules = Rules {
        min_short_side: 300,
        max_long_side: 1600,
        max_bytes: 400_000,
        qualities: &[82, 72, 62, 50],
        min_scaled_long_side: 640,
        min_scaled_short_side: 0,
    };

    /// A photo of a paper: at least 1000 px across and never scaled under
    /// that (120 dpi on an A4: 8-point print keeps its small letters about
    /// 7 px high); its long side at most 2400 px (200 dpi on an A4);
    /// qualities that keep letters' edges clean; at most 1.5 MB, which a
    /// 12-megapixel photo of an A4 full of print stays well under at the
    /// first quality (`scripts/bench`).
    pub const PAPER: Rules = Rules {
        min_short_side: 1000,
        max_long_side: 2400,
        max_bytes: 1_500_000,
        qualities: &[88, 80, 72],
        min_scaled_long_side: 0,
        min_scaled_short_side: 1000,
    };
}

// A prepared paper is always a file the server takes.
const _: () = assert!(Rules::PAPER.max_bytes <= crate::domain::tus::MAX_SIZE);

/// True when the short side is under the purpose's
/// [`Rules::min_short_side`].
pub fn too_small(purpose: Purpose, width: u32, height: u32) -> bool {
    width.min(height) < purpose.rules().min_short_side
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

/// The smallest long side a `width` × `height` photo is scaled to for
/// `purpose`: [`Rules::min_scaled_long_side`], or more where [`fit`] would
/// otherwise take the short side under [`Rules::min_scaled_short_side`].
/// A photo already smaller stays as it is.
pub fn smallest_long_side(purpose: Purpose, width: u32, height: u32) -> u32 {
    let rules = purpose.rules();
    let keeps_short_side = match rules.min_scaled_short_side {
        0 => 0,
        short => {
            // fit's short side is round(short × l / long): at least `short`
            // from l = long × (2 short - 1) / (2 short side) on.
            let (long, across) = (u64::from(width.max(height)), u64::from(width.min(height)));
            let wanted = u64::from(short) * 2 - 1;
            u32::try_from((long * wanted).div_ceil(2 * across.max(1))).unwrap_or(u32::MAX)
        }
    };
    rules.min_scaled_long_side.max(keeps_short_side)
}

/// One way to encode the photo: its long side and the quality.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encoding {
    /// The long side in pixels (see [`fit`]).
    pub long_side: u32,
    /// Quality in percent, one of the purpose's [`Rules::qualities`].
    pub quality: u8,
}

impl Encoding {
    /// The first to try for a photo of `width` × `height`.
    pub fn first(purpose: Purpose, width: u32, height: u32) -> Encoding {
        let rules = purpose.rules();
        let most = rules
            .max_long_side
            .max(smallest_long_side(purpose, width, height));
        Encoding {
            long_side: width.max(height).min(most),
            quality: rules.qualities[0],
        }
    }

    /// The quality as the browser's encoders take it, from 0 to 1.
    pub fn quality_fraction(self) -> f64 {
        f64::from(self.quality) / 100.0
    }
}

/// What to try for a `width` × `height` photo after `previous` came out at
/// `bytes`, over the purpose's [`Rules::max_bytes`]: the next lower
/// quality, then (at the lowest) a smaller long side, cut by what the bytes
/// say is needed (between 0.5 and 0.85 of it), down to
/// [`smallest_long_side`]. `None` when nothing smaller is left to try. Each
/// step is strictly lighter, so trying in turn ends.
pub fn next_encoding(
    purpose: Purpose,
    width: u32,
    height: u32,
    previous: Encoding,
    bytes: u64,
) -> Option<Encoding> {
    let rules = purpose.rules();
    let qualities = rules.qualities;
    if let Some(position) = qualities.iter().position(|q| *q == previous.quality) {
        if let Some(lower) = qualities.get(position + 1) {
            return Some(Encoding {
                quality: *lower,
                ..previous
            });
        }
    }
    let needed = (rules.max_bytes as f64 / bytes.max(1) as f64).sqrt() * 0.95;
    let factor = needed.clamp(0.5, 0.85);
    let smaller = ((f64::from(previous.long_side) * factor) as u32)
        .max(smallest_long_side(purpose, width, height));
    (smaller < previous.long_side).then_some(Encoding {
        long_side: smaller,
        quality: qualities[qualities.len() - 1],
    })
}

#[cfg(test)]
#[path = "photo_tests.rs"]
mod tests;
