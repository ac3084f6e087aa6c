//! Photo preparation with images drawn here (`pictures.rs`): the size and
//! byte limits of a product photo and of a paper's, the EXIF orientation,
//! and files refused by their bytes.

use crate::pictures::{canvas, encoded, paper_photo, phone_photo};
use rantai::domain::file_kind::{sniff, FileKind};
use rantai::domain::photo::Rules;
use rantai::photo::{prepare, preview_url, revoke_preview, PhotoError, PhotoType, Purpose};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Blob, BlobPropertyBag, File, FilePropertyBag};

const MAX_BYTES: u64 = Rules::PRODUCT.max_bytes;

async fn bytes_of(blob: &Blob) -> Vec<u8> {
    let buffer = JsFuture::from(blob.array_buffer()).await.unwrap();
    js_sys::Uint8Array::new(&buffer).to_vec()
}

/// A file the person might choose: `bytes`, named and typed as they say.
fn chosen(bytes: &[u8], name: &str, mime: &str) -> File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = FilePropertyBag::new();
    options.set_type(mime);
    File::new_with_u8_array_sequence_and_options(&parts, name, &options).unwrap()
}

#[wasm_bindgen_test]
async fn an_image_under_300_pixels_is_refused_as_too_small() {
    let (canvas, context) = canvas(200, 150);
    context.set_fill_style_str("#0a5c57");
    context.fill_rect(20.0, 20.0, 100.0, 80.0);
    let png = encoded(&canvas, "image/png", 1.0).await;
    assert_eq!(
        prepare(&png, Purpose::Product).await.unwrap_err(),
        PhotoError::TooSmall {
            width: 200,
            height: 150,
            min_short_side: 300
        }
    );
}

#[wasm_bindgen_test]
async fn a_12_megapixel_photo_comes_out_under_400_kb_at_1600_pixels() {
    let original = phone_photo(4000, 3000, 3).await;
    let photo = prepare(&original, Purpose::Product).await.unwrap();
    console_log!(
        "4000x3000 JPEG of {} bytes -> {:?} {}x{} at quality {} of {} bytes",
        original.size(),
        photo.kind,
        photo.width,
        photo.height,
        photo.quality,
        photo.bytes
    );
    assert!(original.size() > 2.0 * MAX_BYTES as f64, "a heavy original");
    assert_eq!((photo.width, photo.height), (1600, 1200));
    assert!(photo.bytes <= MAX_BYTES, "{} bytes", photo.bytes);
    assert_eq!(photo.bytes, photo.blob.size() as u64);
    // Chromium encodes WebP; the bytes say so, not only the blob's type.
    assert_eq!(photo.kind, PhotoType::Webp);
    assert_eq!(sniff(&bytes_of(&photo.blob).await[..12]), FileKind::Webp);
}

/// Noise at full strength in every pixel, as no camera makes, and already
/// 1600 px (so no scaling smooths it): the lowest quality is not enough, so
/// the photo is made smaller, keeping its aspect ratio.
#[wasm_bindgen_test]
async fn a_photo_all_detail_is_made_smaller_until_it_fits() {
    let photo = prepare(&phone_photo(1600, 1200, 8).await, Purpose::Product)
        .await
        .unwrap();
    console_log!(
        "all detail -> {}x{} at quality {} of {} bytes",
        photo.width,
        photo.height,
        photo.quality,
        photo.bytes
    );
    assert!(photo.bytes <= MAX_BYTES, "{} bytes", photo.bytes);
    assert!(photo.width < 1600, "{}x{}", photo.width, photo.height);
    assert!((photo.width * 3).abs_diff(photo.height * 4) <= 4);
}

#[wasm_bindgen_test]
async fn a_portrait_photo_keeps_its_aspect_ratio() {
    let original = phone_photo(1500, 2000, 3).await;
    let photo = prepare(&original, Purpose::Product).await.unwrap();
    assert_eq!((photo.width, photo.height), (1200, 1600));
}

/// A 12-megapixel photo of a paper keeps its small print: at least 1000 px
/// across, at most 2400 px long, under the paper's bytes.
#[wasm_bindgen_test]
async fn a_12_megapixel_paper_stays_readable_and_under_its_bytes() {
    let original = paper_photo(4000, 3000).await;
    let photo = prepare(&original, Purpose::Paper).await.unwrap();
    console_log!(
        "4000x3000 paper of {} bytes -> {:?} {}x{} at quality {} of {} bytes",
        original.size(),
        photo.kind,
        photo.width,
        photo.height,
        photo.quality,
        photo.bytes
    );
    let paper = Rules::PAPER;
    assert!(original.size() > paper.max_bytes as f64, "a heavy original");
    assert!(photo.width.min(photo.height) >= paper.min_short_side);
    assert!(photo.width.max(photo.height) <= paper.max_long_side);
    assert!((photo.width * 3).abs_diff(photo.height * 4) <= 4);
    assert!(photo.bytes <= paper.max_bytes, "{} bytes", photo.bytes);
    assert_eq!(photo.kind, PhotoType::Webp);
}

/// 900 px across is plenty for a product, too few for a paper's small print.
#[wasm_bindgen_test]
async fn a_1200_by_900_photo_is_too_small_for_a_paper_not_for_a_product() {
    let original = phone_photo(1200, 900, 3).await;
    assert_eq!(
        prepare(&original, Purpose::Paper).await.unwrap_err(),
        PhotoError::TooSmall {
            width: 1200,
            height: 900,
            min_short_side: 1000
        }
    );
    let product = prepare(&original, Purpose::Product).await.unwrap();
    assert_eq!((product.width, product.height), (1200, 900));
}

/// A JPEG whose EXIF says "turn 90° clockwise to show" (orientation 6), as a
/// phone held upright writes it: stored 600 × 400, shown 400 × 600.
#[wasm_bindgen_test]
async fn the_exif_orientation_turns_the_photo_upright() {
    let (canvas, context) = canvas(600, 400);
    context.set_fill_style_str("#c0392b");
    context.fill_rect(0.0, 0.0, 300.0, 400.0);
    let jpeg = bytes_of(&encoded(&canvas, "image/jpeg", 0.9).await).await;
    let exif: &[u8] = b"\xff\xe1\x00\x22Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\
        \x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00";
    let turned = [&jpeg[..2], exif, &jpeg[2..]].concat();
    let photo = prepare(
        &chosen(&turned, "IMG_0001.jpg", "image/jpeg"),
        Purpose::Product,
    )
    .await
    .unwrap();
    assert_eq!((photo.width, photo.height), (400, 600));
}

#[wasm_bindgen_test]
async fn a_program_named_photo_jpg_is_refused_by_its_bytes() {
    let mut program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".to_vec();
    program.resize(4096, 0);
    let file = chosen(&program, "photo.jpg", "image/jpeg");
    assert_eq!(
        prepare(&file, Purpose::Product).await.unwrap_err(),
        PhotoError::NotAPhoto
    );
}

#[wasm_bindgen_test]
async fn an_iphone_heic_photo_has_its_own_reason() {
    let heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic";
    let file = chosen(heic, "IMG_0002.HEIC", "");
    assert_eq!(
        prepare(&file, Purpose::Product).await.unwrap_err(),
        PhotoError::Heic
    );
}

#[wasm_bindgen_test]
async fn a_photo_cut_short_is_damaged() {
    let mut cut = vec![0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10];
    cut.extend(b"JFIF\x00 and then nothing a decoder can use");
    let file = chosen(&cut, "foto.jpg", "image/jpeg");
    assert_eq!(
        prepare(&file, Purpose::Product).await.unwrap_err(),
        PhotoError::Damaged
    );
}

#[wasm_bindgen_test]
async fn a_preview_url_shows_the_blob_until_revoked() {
    let options = BlobPropertyBag::new();
    options.set_type("image/png");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&b"\x89PNG"[..]));
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap();
    let url = preview_url(&blob).unwrap();
    assert!(url.starts_with("blob:"), "{url}");
    assert!(
        JsFuture::from(web_sys::window().unwrap().fetch_with_str(&url))
            .await
            .is_ok()
    );
    revoke_preview(&url);
    assert!(
        JsFuture::from(web_sys::window().unwrap().fetch_with_str(&url))
            .await
            .is_err()
    );
}

/// Where there is no `OffscreenCanvas` (older browsers), a `<canvas>`
/// element and its `toBlob` do the same.
#[wasm_bindgen_test]
async fn without_offscreen_canvas_a_canvas_element_does_the_same() {
    let original = phone_photo(2000, 1500, 3).await;
    let global = js_sys::global();
    let name = wasm_bindgen::JsValue::from_str("OffscreenCanvas");
    let offscreen = js_sys::Reflect::get(&global, &name).unwrap();
    assert!(js_sys::Reflect::delete_property(&global, &name).unwrap());
    let prepared = prepare(&original, Purpose::Product).await;
    js_sys::Reflect::set(&global, &name, &offscreen).unwrap();
    let photo = prepared.unwrap();
    assert_eq!((photo.width, photo.height), (1600, 1200));
    assert!(photo.bytes <= MAX_BYTES);
    assert_eq!(photo.kind, PhotoType::Webp);
}
