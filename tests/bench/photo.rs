//! What `scripts/bench` measures of photo preparation in headless Chromium
//! (figures, not pass/fail): the time `photo::prepare` takes for a
//! 4000 × 3000 photo of a paper and of a product, with the bytes before and
//! after; and for the paper, JPEG against WebP at each quality: the bytes,
//! and how faithfully the edges of its text come back (the PSNR of their
//! pixels against the scaled photo before encoding, in dB: higher is
//! closer). The lines are `console_log!`s, shown with `-- --nocapture`.
#![cfg(target_arch = "wasm32")]

#[path = "../browser/pictures.rs"]
mod pictures;

use pictures::{canvas, encoded, paper_photo, phone_photo};
use rantai::domain::photo::{fit, smallest_long_side, Encoding, Purpose};
use rantai::photo::prepare;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Blob, ImageBitmap, ImageBitmapOptions, ResizeQuality};

wasm_bindgen_test_configure!(run_in_browser);

const RUNS: usize = 5;

/// Prepares `original` for `purpose` [`RUNS`] times; prints what came out
/// and the median time.
async fn time_prepare(what: &str, original: &Blob, purpose: Purpose) {
    let mut times = Vec::new();
    let mut photo = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        photo = Some(prepare(original, purpose).await.unwrap());
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let photo = photo.unwrap();
    console_log!(
        "{what} for {purpose:?}: {} bytes -> {} bytes ({:.1} %), {}x{} {:?} at quality {}; \
         median {:.0} ms of {RUNS} (fastest {:.0}, slowest {:.0})",
        original.size(),
        photo.bytes,
        photo.bytes as f64 * 100.0 / original.size(),
        photo.width,
        photo.height,
        photo.kind,
        photo.quality,
        times[RUNS / 2],
        times[0],
        times[RUNS - 1],
    );
}

#[wasm_bindgen_test]
async fn preparing_a_12_megapixel_photo() {
    time_prepare(
        "4000x3000 paper",
        &paper_photo(4000, 3000).await,
        Purpose::Paper,
    )
    .await;
    time_prepare(
        "4000x3000 photo",
        &phone_photo(4000, 3000, 3).await,
        Purpose::Product,
    )
    .await;
}

async fn bitmap(promise: js_sys::Promise) -> ImageBitmap {
    JsFuture::from(promise).await.unwrap().unchecked_into()
}

/// The luma (BT.601, 0 to 255) of each pixel of `bitmap`.
fn luma(bitmap: &ImageBitmap) -> Vec<f32> {
    let (width, height) = (bitmap.width(), bitmap.height());
    let (_, context) = canvas(width, height);
    context
        .draw_image_with_image_bitmap(bitmap, 0.0, 0.0)
        .unwrap();
    let pixels = context
        .get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
        .unwrap()
        .data();
    pixels
        .chunks_exact(4)
        .map(|p| 0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2]))
        .collect()
}

/// The pixels on the edge of a letter: where the luma steps by more than
/// 32 to the right or below.
fn text_edges(luma: &[f32], width: usize) -> Vec<usize> {
    (0..luma.len() - width)
        .filter(|&i| {
            let step = (luma[i + 1] - luma[i]).abs() + (luma[i + width] - luma[i]).abs();
            (i + 1) % width != 0 && step > 32.0
        })
        .collect()
}

/// The peak signal-to-noise ratio of `decoded` against `reference` over
/// `pixels`, in dB.
fn psnr(reference: &[f32], decoded: &[f32], pixels: impl Iterator<Item = usize>) -> f64 {
    let (mut sum, mut count) = (0.0f64, 0usize);
    for i in pixels {
        let error = f64::from(reference[i] - decoded[i]);
        sum += error * error;
        count += 1;
    }
    10.0 * (255.0 * 255.0 / (sum / count as f64).max(1e-9)).log10()
}

/// What one encoding of the scaled paper came to.
struct Outcome {
    bytes: f64,
    /// The PSNR of the text's edges, in dB.
    edges: f64,
}

/// The WebP outcomes' edge PSNR at `bytes`, read off the line between the
/// two nearest (sorted by bytes); `None` outside them.
fn at_the_same_bytes(webp: &[Outcome], bytes: f64) -> Option<f64> {
    webp.windows(2).find_map(|pair| {
        let (low, high) = (&pair[0], &pair[1]);
        (low.bytes <= bytes && bytes <= high.bytes).then(|| {
            low.edges + (high.edges - low.edges) * (bytes - low.bytes) / (high.bytes - low.bytes)
        })
    })
}

/// The paper photo scaled as `prepare` scales it to `long_side`, encoded
/// as JPEG and as WebP at qualities from 95 down to 50; then each JPEG
/// against WebP at the same bytes.
async fn jpeg_against_webp(decoded: &ImageBitmap, long_side: u32) {
    let window = web_sys::window().unwrap();
    let (width, height) = fit(decoded.width(), decoded.height(), long_side);
    let options = ImageBitmapOptions::new();
    options.set_resize_width(width);
    options.set_resize_height(height);
    options.set_resize_quality(ResizeQuality::High);
    let scaled = bitmap(
        window
            .create_image_bitmap_with_image_bitmap_and_image_bitmap_options(decoded, &options)
            .unwrap(),
    )
    .await;
    let reference = luma(&scaled);
    let edges = text_edges(&reference, width as usize);
    let (source, context) = canvas(width, height);
    context
        .draw_image_with_image_bitmap(&scaled, 0.0, 0.0)
        .unwrap();
    console_log!(
        "paper at {width}x{height}, {} text edge pixels ({:.1} %)\n  \
         format     quality    bytes  text-edge-PSNR  all-PSNR  encode-ms",
        edges.len(),
        edges.len() as f64 * 100.0 / reference.len() as f64
    );
    let mut outcomes: [Vec<Outcome>; 2] = Default::default();
    for (mime, outcomes) in ["image/jpeg", "image/webp"].into_iter().zip(&mut outcomes) {
        for quality in [95, 92, 88, 85, 80, 72, 62, 50] {
            let start = Instant::now();
            let blob = encoded(&source, mime, f64::from(quality) / 100.0).await;
            let took = start.elapsed().as_secs_f64() * 1000.0;
            let back = bitmap(window.create_image_bitmap_with_blob(&blob).unwrap()).await;
            let came_back = luma(&back);
            let outcome = Outcome {
                bytes: blob.size(),
                edges: psnr(&reference, &came_back, edges.iter().copied()),
            };
            console_log!(
                "  {mime:10} {quality:7} {:8} {:15.2} {:9.2} {took:10.0}",
                outcome.bytes,
                outcome.edges,
                psnr(&reference, &came_back, 0..reference.len()),
            );
            outcomes.push(outcome);
        }
    }
    let [jpeg, mut webp] = outcomes;
    webp.sort_by(|one, other| one.bytes.total_cmp(&other.bytes));
    for (quality, jpeg) in [95, 92, 88, 85, 80, 72, 62, 50].into_iter().zip(&jpeg) {
        if let Some(edges) = at_the_same_bytes(&webp, jpeg.bytes) {
            console_log!(
                "  at {:.0} kB: JPEG {quality} {:.2} dB, WebP {edges:.2} dB ({:+.2})",
                jpeg.bytes / 1000.0,
                jpeg.edges,
                edges - jpeg.edges
            );
        }
    }
}

/// A paper as `prepare` first scales it and as small as it may become.
#[wasm_bindgen_test]
async fn a_paper_as_jpeg_and_as_webp() {
    let original = paper_photo(4000, 3000).await;
    let window = web_sys::window().unwrap();
    let decoded = bitmap(window.create_image_bitmap_with_blob(&original).unwrap()).await;
    let first = Encoding::first(Purpose::Paper, 4000, 3000);
    jpeg_against_webp(&decoded, first.long_side).await;
    jpeg_against_webp(&decoded, smallest_long_side(Purpose::Paper, 4000, 3000)).await;
}
