//! Photos drawn here, as a phone would take them: a scene in colour and a
//! paper full of small print. The browser tests (`photo.rs`) and the
//! benchmark (`tests/bench/photo.rs`) both use them.

use wasm_bindgen::{Clamped, JsCast};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ImageData, ImageEncodeOptions, OffscreenCanvas, OffscreenCanvasRenderingContext2d,
};

pub fn canvas(width: u32, height: u32) -> (OffscreenCanvas, OffscreenCanvasRenderingContext2d) {
    let canvas = OffscreenCanvas::new(width, height).unwrap();
    let context = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    (canvas, context)
}

pub async fn encoded(canvas: &OffscreenCanvas, mime: &str, quality: f64) -> Blob {
    let options = ImageEncodeOptions::new();
    options.set_type(mime);
    options.set_quality(quality);
    let promise = canvas.convert_to_blob_with_options(&options).unwrap();
    JsFuture::from(promise).await.unwrap().unchecked_into()
}

/// The same numbers every run (a linear congruential generator).
struct Noise(u32);

impl Noise {
    fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        self.0
    }
}

/// A canvas of `width` × `height` whose pixels `colour` gives.
fn painted(
    width: u32,
    height: u32,
    mut colour: impl FnMut(usize, usize) -> [u8; 3],
) -> OffscreenCanvas {
    let (w, h) = (width as usize, height as usize);
    let mut pixels = vec![255u8; w * h * 4];
    for (i, pixel) in pixels.chunks_exact_mut(4).enumerate() {
        pixel[..3].copy_from_slice(&colour(i % w, i / w));
    }
    let image =
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(&pixels), width, height).unwrap();
    let (canvas, context) = canvas(width, height);
    context.put_image_data(&image, 0.0, 0.0).unwrap();
    canvas
}

/// A "phone photo": gradients under noise in every channel (of `noise`
/// eighths of full strength), so it does not compress away, as a JPEG at
/// quality 92.
pub async fn phone_photo(width: u32, height: u32, noise: i32) -> Blob {
    let (w, h) = (width as usize, height as usize);
    let mut grain = Noise(0x2545_f491);
    let canvas = painted(width, height, |x, y| {
        let seed = grain.next();
        let base = [x * 255 / w, y * 255 / h, (x + y) * 255 / (w + h)];
        let mut pixel = [0; 3];
        for (channel, value) in base.into_iter().enumerate() {
            let grain = i32::from((seed >> (8 * channel + 8)) as u8) - 128;
            pixel[channel] = (value as i32 + grain * noise / 8).clamp(0, 255) as u8;
        }
        pixel
    });
    encoded(&canvas, "image/jpeg", 0.92).await
}

const WORDS: &[&str] = &[
    "Nomor",
    "Induk",
    "Berusaha",
    "9120301234567",
    "Perizinan",
    "Berbasis",
    "Risiko",
    "Pemerintah",
    "Republik",
    "Indonesia",
    "berdasarkan",
    "Undang-Undang",
    "Nomor",
    "11",
    "Tahun",
    "2020",
    "tentang",
    "Cipta",
    "Kerja,",
    "menerbitkan",
    "kepada:",
    "CV",
    "Sumber",
    "Rezeki",
    "Makmur",
    "Jl.",
    "Kenanga",
    "No.",
    "17",
    "RT",
    "004/RW",
    "002,",
    "Kelurahan",
    "Sukamaju,",
    "Kecamatan",
    "Cibeunying,",
    "Kota",
    "Bandung",
    "KBLI",
    "10792",
    "Industri",
    "Kue",
    "Basah;",
    "skala",
    "usaha",
    "mikro;",
    "NPWP",
    "01.234.567.8-901.000",
    "berlaku",
    "selama",
    "pelaku",
    "usaha",
    "menjalankan",
    "kegiatan",
    "sesuai",
    "ketentuan",
    "P-IRT",
    "2063273010123-28",
    "Rp15.000.000",
    "tanggal",
    "12-03-2024",
    "halal",
    "ID32110000123450824",
];

/// A photo of a paper as a phone takes it: a cream page, a little turned,
/// on a dark table; a title, 60 lines of small print (24 to 32 px) with
/// numbers, a blue stamp; slightly out of focus, lit unevenly, with sensor
/// noise; as a JPEG at quality 92, as a camera saves it.
pub async fn paper_photo(width: u32, height: u32) -> Blob {
    let (w, h) = (f64::from(width), f64::from(height));
    let (sharp, page) = canvas(width, height);
    page.set_fill_style_str("#4a3f35");
    page.fill_rect(0.0, 0.0, w, h);
    page.translate(w / 2.0, h / 2.0).unwrap();
    page.rotate(0.012).unwrap();
    page.translate(-w / 2.0, -h / 2.0).unwrap();
    let (left, top) = (w * 0.055, h * 0.02);
    page.set_fill_style_str("#f6f1e4");
    page.fill_rect(left, top, w - 2.0 * left, h - 2.0 * top);
    page.set_fill_style_str("#1c1c1c");
    let margin = left + w * 0.045;
    let line_width = w - 2.0 * margin;
    page.set_font("bold 64px serif");
    page.fill_text_with_max_width(
        "PERIZINAN BERUSAHA BERBASIS RISIKO",
        margin,
        top + 140.0,
        line_width,
    )
    .unwrap();
    let mut words = Noise(7);
    let mut y = top + 220.0;
    for line in 0..60 {
        let size = 24 + (line * 5) % 9;
        page.set_font(&format!("{size}px sans-serif"));
        y += f64::from(size) * 1.45;
        let mut text = format!("{}. ", line + 1);
        // About as many characters as fit the line (0.58 em each).
        while (text.len() as f64) < line_width / (f64::from(size) * 0.58) {
            text.push_str(WORDS[words.next() as usize % WORDS.len()]);
            text.push(' ');
        }
        page.fill_text_with_max_width(&text, margin, y, line_width)
            .unwrap();
    }
    page.set_stroke_style_str("#23409a");
    page.set_fill_style_str("#23409a");
    page.set_line_width(7.0);
    let (stamp_x, stamp_y) = (w * 0.78, h * 0.8);
    for radius in [190.0, 150.0] {
        page.begin_path();
        page.arc(stamp_x, stamp_y, radius, 0.0, std::f64::consts::TAU)
            .unwrap();
        page.stroke();
    }
    page.set_font("bold 34px sans-serif");
    page.fill_text("DISAHKAN", stamp_x - 95.0, stamp_y + 12.0)
        .unwrap();

    // The camera: a little out of focus, lit from one side, grainy.
    let (photo, camera) = canvas(width, height);
    camera.set_filter("blur(1.2px)");
    camera
        .draw_image_with_offscreen_canvas(&sharp, 0.0, 0.0)
        .unwrap();
    camera.set_filter("none");
    let light = painted(40, 30, |x, y| {
        let (dx, dy) = (x as f64 / 20.0 - 1.0, y as f64 / 15.0 - 1.0);
        let lit = 1.0 - 0.18 * (dx * dx + dy * dy) - 0.12 * (x as f64 / 40.0);
        [
            (lit * 255.0) as u8,
            (lit * 250.0) as u8,
            (lit * 240.0) as u8,
        ]
    });
    camera.set_global_composite_operation("multiply").unwrap();
    camera
        .draw_image_with_offscreen_canvas_and_dw_and_dh(&light, 0.0, 0.0, w, h)
        .unwrap();
    camera
        .set_global_composite_operation("source-over")
        .unwrap();
    let mut grain = Noise(0x2545_f491);
    let tile = painted(1024, 1024, |_, _| {
        let seed = grain.next();
        [(seed >> 8) as u8, (seed >> 16) as u8, (seed >> 24) as u8]
    });
    camera.set_global_alpha(0.08);
    for x in (0..width).step_by(1024) {
        for y in (0..height).step_by(1024) {
            camera
                .draw_image_with_offscreen_canvas(&tile, f64::from(x), f64::from(y))
                .unwrap();
        }
    }
    camera.set_global_alpha(1.0);
    encoded(&photo, "image/jpeg", 0.92).await
}
