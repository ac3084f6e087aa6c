//! A photo the person chose (camera or gallery) made ready to send, on the
//! device, for a [`Purpose`]: checked by its bytes, turned upright, scaled
//! and encoded as WebP (JPEG where the browser cannot encode WebP),
//! lowering the quality and then the size until it fits.
//! [`crate::domain::photo`] decides the numbers (its `Rules`):
//!
//! - [`Purpose::Product`]: at least 300 × 300 px, the long side at most
//!   1600 px, at most 400 kB. A 12-megapixel phone photo costs a tenth of
//!   its bytes to send.
//! - [`Purpose::Paper`] (a certificate, a KTP, a passbook): at least
//!   1000 px on the short side, so its print stays readable, and never
//!   scaled under that; the long side at most 2400 px, quality 88 down to
//!   72, at most 1.5 MB.
//!
//! WebP for papers too: measured against JPEG on a photo of a page of
//! small print (`scripts/bench`), at the same bytes the edges of its
//! letters come back closer to the photo in WebP (2.4 dB at 2400 px,
//! 7 dB at 1333 px, where JPEG's blocks show around the letters). It
//! costs time: ten times JPEG's to encode (0.5 s against 0.05 s for
//! 2400 × 1800 on the 2-core build machine; more on a cheap phone), which
//! the bytes it saves repay on a slow link.
//!
//! ```ignore
//! use rantai::api::upload::{self, Lifetime};
//! use rantai::photo::{self, PhotoError, Purpose};
//! match photo::prepare(&file, Purpose::Paper).await {
//!     Ok(ready) => {
//!         let preview = photo::preview_url(&ready.blob); // <img src=…>
//!         let name = format!("ktp.{}", ready.kind.extension());
//!         upload::start(ready.blob, &name, ready.kind.mime(), Lifetime::App);
//!         // when the preview is no longer shown: photo::revoke_preview(&url)
//!     }
//!     Err(PhotoError::TooSmall { width, height, min_short_side }) => {
//!         /* say so: its size, and at least `min_short_side` px across */
//!     }
//!     Err(other) => { /* each variant has its own sentence in i18n */ }
//! }
//! ```

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap, ImageBitmapOptions,
    ImageEncodeOptions, ImageOrientation, OffscreenCanvas, OffscreenCanvasRenderingContext2d,
    ResizeQuality, Url,
};

use crate::domain::file_kind::{sniff, FileKind, SNIFF_LEN};
pub use crate::domain::photo::Purpose;
use crate::domain::photo::{fit, next_encoding, too_small, Encoding};

/// Why a photo cannot be used. The pages turn each into a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoError {
    /// Not a JPEG, PNG or WebP by its bytes, whatever its name says.
    NotAPhoto,
    /// A HEIC/HEIF photo (an iPhone's own format), which cannot be opened
    /// here: choose "most compatible" in the camera, or another photo.
    Heic,
    /// The file could not be read (removed from the device meanwhile, say).
    Unreadable,
    /// It starts like a photo but cannot be opened: damaged or cut short.
    Damaged,
    /// Its short side is under the purpose's minimum: too small to show
    /// the product (300 px) or to read the paper (1000 px).
    TooSmall {
        /// Its width in pixels, upright.
        width: u32,
        /// Its height in pixels, upright.
        height: u32,
        /// The fewest pixels its short side needs: the purpose's
        /// [`min_short_side`](crate::domain::photo::Rules::min_short_side).
        min_short_side: u32,
    },
    /// Still over the purpose's bytes at the smallest size tried (a
    /// product 640 px long at quality 50, a paper 1000 px across at 72); a
    /// real photo never is.
    TooDetailed,
    /// This browser cannot draw or encode images.
    Unsupported,
}

/// The format of a prepared photo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoType {
    /// WebP, where the browser can encode it.
    Webp,
    /// JPEG, elsewhere.
    Jpeg,
}

impl PhotoType {
    /// Its media type, e.g. for tus metadata.
    pub fn mime(self) -> &'static str {
        match self {
            PhotoType::Webp => "image/webp",
            PhotoType::Jpeg => "image/jpeg",
        }
    }

    /// The file name extension that goes with it.
    pub fn extension(self) -> &'static str {
        match self {
            PhotoType::Webp => "webp",
            PhotoType::Jpeg => "jpg",
        }
    }
}

/// A photo ready to send.
#[derive(Clone, Debug)]
pub struct PreparedPhoto {
    /// The encoded bytes.
    pub blob: Blob,
    /// Their format.
    pub kind: PhotoType,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Size in bytes, at most the purpose's
    /// [`max_bytes`](crate::domain::photo::Rules::max_bytes).
    pub bytes: u64,
    /// The quality it was encoded at, in percent.
    pub quality: u8,
}

/// Makes the photo in `file` (a `web_sys::File` is a `Blob`) ready to
/// send for `purpose`, or says why it cannot be used.
pub async fn prepare(file: &Blob, purpose: Purpose) -> Result<PreparedPhoto, PhotoError> {
    let rules = purpose.rules();
    match sniff(&first_bytes(file).await?) {
        kind if kind.is_photo() => {}
        FileKind::Heic => return Err(PhotoError::Heic),
        _ => return Err(PhotoError::NotAPhoto),
    }
    let original = decode(file).await?;
    let (width, height) = (original.0.width(), original.0.height());
    if too_small(purpose, width, height) {
        let min_short_side = rules.min_short_side;
        return Err(PhotoError::TooSmall {
            width,
            height,
            min_short_side,
        });
    }
    let mut encoding = Encoding::first(purpose, width, height);
    let (first_width, first_height) = fit(width, height, encoding.long_side);
    let scaled = resize(&original.0, first_width, first_height).await?;
    drop(original); // the full-size pixels (48 MB for 12 MP) go at once
    let mut kind = PhotoType::Webp;
    loop {
        let (to_width, to_height) = fit(width, height, encoding.long_side);
        let quality = encoding.quality_fraction();
        let blob = encode(&scaled.0, to_width, to_height, kind, quality).await?;
        if blob.type_() != kind.mime() {
            // A browser that cannot encode WebP silently gives PNG.
            match kind {
                PhotoType::Webp => kind = PhotoType::Jpeg,
                PhotoType::Jpeg => return Err(PhotoError::Unsupported),
            }
            continue;
        }
        let bytes = blob.size() as u64;
        if bytes <= rules.max_bytes {
            return Ok(PreparedPhoto {
                blob,
                kind,
                width: to_width,
                height: to_height,
                bytes,
                quality: encoding.quality,
            });
        }
        encoding = next_encoding(purpose, width, height, encoding, bytes)
            .ok_or(PhotoError::TooDetailed)?;
    }
}

/// An object URL showing `blob` (an `<img src>` for a preview), until
/// [`revoke_preview`]; `None` if the browser refuses.
pub fn preview_url(blob: &Blob) -> Option<String> {
    Url::create_object_url_with_blob(blob).ok()
}

/// Frees what [`preview_url`] holds; the URL shows nothing afterwards.
pub fn revoke_preview(url: &str) {
    let _ = Url::revoke_object_url(url);
}

/// Decoded pixels, freed when dropped rather than when collected.
struct Bitmap(ImageBitmap);

impl Drop for Bitmap {
    fn drop(&mut self) {
        self.0.close();
    }
}

async fn first_bytes(file: &Blob) -> Result<Vec<u8>, PhotoError> {
    let start = file
        .slice_with_f64_and_f64(0.0, SNIFF_LEN as f64)
        .map_err(|_| PhotoError::Unreadable)?;
    let buffer = JsFuture::from(start.array_buffer())
        .await
        .map_err(|_| PhotoError::Unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The photo's pixels, upright as its EXIF orientation says.
async fn decode(file: &Blob) -> Result<Bitmap, PhotoError> {
    let window = web_sys::window().ok_or(PhotoError::Unsupported)?;
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    let decoding = window
        .create_image_bitmap_with_blob_and_image_bitmap_options(file, &options)
        .map_err(|_| PhotoError::Damaged)?;
    bitmap(decoding).await.ok_or(PhotoError::Damaged)
}

/// `source` scaled to `width` × `height` with the browser's best filter.
async fn resize(source: &ImageBitmap, width: u32, height: u32) -> Result<Bitmap, PhotoError> {
    let window = web_sys::window().ok_or(PhotoError::Unsupported)?;
    let options = ImageBitmapOptions::new();
    options.set_resize_width(width);
    options.set_resize_height(height);
    options.set_resize_quality(ResizeQuality::High);
    let resizing = window
        .create_image_bitmap_with_image_bitmap_and_image_bitmap_options(source, &options)
        .map_err(|_| PhotoError::Unsupported)?;
    bitmap(resizing).await.ok_or(PhotoError::Unsupported)
}

async fn bitmap(promise: js_sys::Promise) -> Option<Bitmap> {
    let value = JsFuture::from(promise).await.ok()?;
    value.dyn_into::<ImageBitmap>().ok().map(Bitmap)
}

/// Paints a bitmap at a size on white (a transparent PNG would turn black
/// as a JPEG), on either kind of 2D context.
macro_rules! paint {
    ($context:expr, $bitmap:expr, $width:expr, $height:expr) => {{
        let (width, height) = (f64::from($width), f64::from($height));
        $context.set_fill_style_str("#fff");
        $context.fill_rect(0.0, 0.0, width, height);
        $context.draw_image_with_image_bitmap_and_dw_and_dh($bitmap, 0.0, 0.0, width, height)
    }};
}

/// `bitmap` drawn at `width` × `height` and encoded as `kind` (or PNG,
/// where the browser cannot encode it): an `OffscreenCanvas` where there
/// is one with a 2D context, else a `<canvas>` element.
async fn encode(
    bitmap: &ImageBitmap,
    width: u32,
    height: u32,
    kind: PhotoType,
    quality: f64,
) -> Result<Blob, PhotoError> {
    let encoding = match encode_offscreen(bitmap, width, height, kind, quality) {
        Some(promise) => promise,
        None => encode_element(bitmap, width, height, kind, quality)?,
    };
    let blob = JsFuture::from(encoding).await.ok();
    blob.and_then(|blob| blob.dyn_into::<Blob>().ok())
        .ok_or(PhotoError::Unsupported)
}

fn encode_offscreen(
    bitmap: &ImageBitmap,
    width: u32,
    height: u32,
    kind: PhotoType,
    quality: f64,
) -> Option<js_sys::Promise> {
    let available = js_sys::Reflect::has(&js_sys::global(), &JsValue::from_str("OffscreenCanvas"));
    if !available.unwrap_or(false) {
        return None;
    }
    let canvas = OffscreenCanvas::new(width, height).ok()?;
    let context: OffscreenCanvasRenderingContext2d =
        canvas.get_context("2d").ok()??.dyn_into().ok()?;
    paint!(context, bitmap, width, height).ok()?;
    let options = ImageEncodeOptions::new();
    options.set_type(kind.mime());
    options.set_quality(quality);
    canvas.convert_to_blob_with_options(&options).ok()
}

fn encode_element(
    bitmap: &ImageBitmap,
    width: u32,
    height: u32,
    kind: PhotoType,
    quality: f64,
) -> Result<js_sys::Promise, PhotoError> {
    let canvas: HtmlCanvasElement = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.create_element("canvas").ok())
        .and_then(|element| element.dyn_into().ok())
        .ok_or(PhotoError::Unsupported)?;
    canvas.set_width(width);
    canvas.set_height(height);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|context| context.dyn_into().ok())
        .ok_or(PhotoError::Unsupported)?;
    paint!(context, bitmap, width, height).map_err(|_| PhotoError::Unsupported)?;
    Ok(js_sys::Promise::new(&mut |resolve, reject| {
        let quality = JsValue::from_f64(quality);
        if canvas
            .to_blob_with_type_and_encoder_options(&resolve, kind.mime(), &quality)
            .is_err()
        {
            let _ = reject.call0(&JsValue::NULL);
        }
    }))
}
