//! Thumbnails of photos for the catalog's lists: a JPEG at most 320 px on
//! its long side. EXIF orientation is not applied: the app re-encodes
//! photos before uploading them, so they carry none.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{ImageReader, ImageResult, Limits, Rgb, RgbImage, RgbaImage};

/// The long side of a thumbnail at most, in pixels.
pub const LONG_SIDE: u32 = 320;

/// Small files with no blocks to see at this size.
const QUALITY: u8 = 80;

/// What decoding may take: a 10 MB file can claim a picture of any size (a
/// decompression bomb); a 50-megapixel photo still fits.
fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    limits
}

/// A JPEG thumbnail of `bytes` (JPEG, PNG or WebP; the type is read from
/// them). Transparent parts come out white, as on the app's cards; a
/// picture already small enough keeps its size.
pub fn jpeg(bytes: &[u8]) -> ImageResult<Vec<u8>> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format()?;
    reader.limits(limits());
    let picture = reader.decode()?;
    let (width, height) = fitted(picture.width(), picture.height());
    let small = if (width, height) == (picture.width(), picture.height()) {
        picture
    } else {
        picture.thumbnail_exact(width, height)
    };
    let rgb = if small.color().has_alpha() {
        onto_white(&small.to_rgba8())
    } else {
        small.to_rgb8()
    };
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, QUALITY).encode_image(&rgb)?;
    Ok(out)
}

/// `width` × `height` scaled to at most `LONG_SIDE` on the long side,
/// never up, each side at least 1.
fn fitted(width: u32, height: u32) -> (u32, u32) {
    let long = u64::from(width.max(height));
    if long <= u64::from(LONG_SIDE) {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled = (u64::from(side) * u64::from(LONG_SIDE) + long / 2) / long;
        scaled.clamp(1, u64::from(LONG_SIDE)) as u32
    };
    (scale(width), scale(height))
}

/// `rgba` laid over white.
fn onto_white(rgba: &RgbaImage) -> RgbImage {
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over = |c: u8| {
            let (c, a) = (u16::from(c), u16::from(a));
            ((c * a + 255 * (255 - a) + 127) / 255) as u8
        };
        Rgb([over(r), over(g), over(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_long_side_becomes_320_and_the_short_one_keeps_the_proportion() {
        assert_eq!(fitted(640, 480), (320, 240));
        assert_eq!(fitted(400, 1000), (128, 320));
        assert_eq!(fitted(10_000, 10), (320, 1));
        assert_eq!(fitted(320, 200), (320, 200));
        assert_eq!(fitted(1, 1), (1, 1));
    }

    #[test]
    fn transparent_is_white_and_opaque_keeps_its_colour() {
        let rgba = RgbaImage::from_raw(2, 1, vec![10, 20, 30, 0, 10, 20, 30, 255]).unwrap();
        let rgb = onto_white(&rgba);
        assert_eq!(rgb.get_pixel(0, 0).0, [255, 255, 255]);
        assert_eq!(rgb.get_pixel(1, 0).0, [10, 20, 30]);
    }
}
