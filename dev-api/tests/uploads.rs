//! Uploads (tus): one append at a time per upload, termination that waits
//! for it, bodies written as they arrive, limits per supplier, expiry; a
//! finished upload read back (its file, a photo's thumbnail) by whoever may
//! see it.

mod support;

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{Method, StatusCode};
use dev_api::state::UploadLimits;
use dev_api::Config;
use image::{ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use support::{Reply, TestApi};

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

const TUS: (&str, &str) = ("tus-resumable", "1.0.0");
const BYTES: (&str, &str) = ("content-type", "application/offset+octet-stream");

async fn create(api: &TestApi, cookie: &str, length: usize) -> Reply {
    api.send(
        Method::POST,
        "/uploads",
        None,
        &[TUS, ("upload-length", &length.to_string())],
        Some(cookie),
    )
    .await
}

async fn new_upload(api: &TestApi, cookie: &str) -> String {
    let created = create(api, cookie, PNG.len()).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    created.location_id()
}

/// A body that sends the first 8 bytes, waits `pause`, then the rest.
fn slow(pause: Duration) -> Body {
    let parts = futures_util::stream::unfold(0, move |step| async move {
        match step {
            0 => Some((Ok::<_, std::io::Error>(Bytes::from_static(&PNG[..8])), 1)),
            1 => {
                tokio::time::sleep(pause).await;
                Some((Ok(Bytes::from_static(&PNG[8..])), 2))
            }
            _ => None,
        }
    });
    Body::from_stream(parts)
}

async fn patch(api: &TestApi, cookie: &str, id: &str, body: Body) -> Reply {
    api.send_body(
        Method::PATCH,
        &format!("/uploads/{id}"),
        body,
        &[TUS, BYTES, ("upload-offset", "0")],
        Some(cookie),
    )
    .await
}

async fn patch_at(api: &TestApi, cookie: &str, id: &str, offset: usize, bytes: &[u8]) -> Reply {
    api.send_body(
        Method::PATCH,
        &format!("/uploads/{id}"),
        Body::from(bytes.to_vec()),
        &[TUS, BYTES, ("upload-offset", &offset.to_string())],
        Some(cookie),
    )
    .await
}

/// `DELETE /uploads/{id}` (tus termination).
async fn terminate(api: &TestApi, cookie: &str, id: &str) -> Reply {
    api.send(
        Method::DELETE,
        &format!("/uploads/{id}"),
        None,
        &[TUS],
        Some(cookie),
    )
    .await
}

async fn head(api: &TestApi, cookie: &str, id: &str) -> Reply {
    api.send(
        Method::HEAD,
        &format!("/uploads/{id}"),
        None,
        &[TUS],
        Some(cookie),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_patches_at_the_same_offset_one_wins_the_other_gets_409() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2000 0001").await;
    let id = new_upload(&api, &cookie).await;
    // Both at once, whole bodies.
    let (a, b) = tokio::join!(
        patch(&api, &cookie, &id, Body::from(PNG)),
        patch(&api, &cookie, &id, Body::from(PNG))
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::NO_CONTENT, StatusCode::CONFLICT]);
    assert_eq!(
        head(&api, &cookie, &id).await.header("upload-offset"),
        Some(&*PNG.len().to_string())
    );

    // One still arriving when the other comes.
    let id = new_upload(&api, &cookie).await;
    let first = patch(&api, &cookie, &id, slow(Duration::from_millis(400)));
    let second = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        // The bytes that arrived are on disk already: the body is streamed.
        let on_disk = std::fs::metadata(api.state.config.upload_dir.join(&id))
            .unwrap()
            .len();
        (patch(&api, &cookie, &id, Body::from(PNG)).await, on_disk)
    };
    let (first, (second, on_disk)) = tokio::join!(first, second);
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert_eq!(first.status, StatusCode::NO_CONTENT, "{:?}", first.body);
    assert_eq!(on_disk, 8);
    let stored = std::fs::read(api.state.config.upload_dir.join(&id)).unwrap();
    assert_eq!(stored, PNG);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn terminating_during_an_append_waits_for_it_then_removes_the_upload() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2000 0002").await;
    let id = new_upload(&api, &cookie).await;
    let append = patch(&api, &cookie, &id, slow(Duration::from_millis(300)));
    let terminate = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        terminate(&api, &cookie, &id).await
    };
    let (appended, terminated) = tokio::join!(append, terminate);
    assert_eq!(appended.status, StatusCode::NO_CONTENT);
    assert_eq!(terminated.status, StatusCode::NO_CONTENT);
    assert_eq!(head(&api, &cookie, &id).await.status, StatusCode::NOT_FOUND);
    assert!(!api.state.config.upload_dir.join(&id).exists());
}

#[tokio::test]
async fn a_supplier_may_keep_only_so_many_uploads_unfinished_and_stored() {
    let api = TestApi::with(Config {
        dev: true,
        upload_limits: UploadLimits {
            count: 3,
            bytes: 1000,
            in_flight: 2,
            ..UploadLimits::default()
        },
        ..Config::default()
    });
    let (cookie, _) = api.new_supplier("0813 2000 0003").await;
    let first = new_upload(&api, &cookie).await;
    new_upload(&api, &cookie).await;
    let third = create(&api, &cookie, PNG.len()).await;
    assert_eq!(third.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(third.header("retry-after").is_some());
    assert_eq!(
        third.header("content-type"),
        Some("application/problem+json")
    );
    patch(&api, &cookie, &first, Body::from(PNG)).await;
    new_upload(&api, &cookie).await;
    let fourth = create(&api, &cookie, PNG.len()).await;
    assert_eq!(fourth.status, StatusCode::PAYLOAD_TOO_LARGE, "three kept");
    let other = api.new_supplier("0813 2000 0004").await.0;
    let big = create(&api, &other, 1001).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE, "over the bytes");
    assert_eq!(create(&api, &other, 1000).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn an_unfinished_upload_expires_after_a_day_and_a_finished_one_stays() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2000 0005").await;
    let unfinished = new_upload(&api, &cookie).await;
    let finished = new_upload(&api, &cookie).await;
    patch(&api, &cookie, &finished, Body::from(PNG)).await;
    api.state.clock.advance(23 * 3600);
    let cookie = api.sign_in("0813 2000 0005").await;
    assert_eq!(
        head(&api, &cookie, &unfinished).await.status,
        StatusCode::OK
    );
    api.state.clock.advance(2 * 3600);
    let cookie = api.sign_in("0813 2000 0005").await;
    assert_eq!(
        head(&api, &cookie, &unfinished).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!api.state.config.upload_dir.join(&unfinished).exists());
    assert_eq!(head(&api, &cookie, &finished).await.status, StatusCode::OK);
}

#[tokio::test]
async fn creating_appending_and_deleting_an_upload_is_in_the_audit_trail() {
    let api = TestApi::new();
    let (cookie, supplier) = api.new_supplier("0813 2000 0006").await;
    let id = new_upload(&api, &cookie).await;
    patch(&api, &cookie, &id, Body::from(PNG)).await;
    terminate(&api, &cookie, &id).await;
    let actions: Vec<String> = api
        .rows(&format!(
            "SELECT action FROM audit WHERE supplier_id = {supplier} ORDER BY id"
        ))
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(
        actions,
        vec![
            "POST /uploads".to_owned(),
            format!("PATCH /uploads/{id}"),
            format!("DELETE /uploads/{id}")
        ]
    );
}

#[tokio::test]
async fn one_supplier_never_reads_appends_or_terminates_anothers_upload() {
    let api = TestApi::new();
    let (owner, _) = api.new_supplier("0813 2000 0007").await;
    let (stranger, _) = api.new_supplier("0813 2000 0008").await;
    let id = new_upload(&api, &owner).await;
    assert_eq!(
        head(&api, &stranger, &id).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        patch(&api, &stranger, &id, Body::from(PNG)).await.status,
        StatusCode::NOT_FOUND
    );
    let deleted = terminate(&api, &stranger, &id).await;
    assert_eq!(deleted.status, StatusCode::NOT_FOUND);
    assert_eq!(head(&api, &owner, &id).await.status, StatusCode::OK);
}

#[tokio::test]
async fn an_append_writes_at_the_recorded_offset_dropping_bytes_never_recorded() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2000 0009").await;
    let id = new_upload(&api, &cookie).await;
    assert_eq!(
        patch_at(&api, &cookie, &id, 0, &PNG[..8]).await.status,
        StatusCode::NO_CONTENT
    );
    // An append that failed half-way (a full disk) left bytes on disk that
    // were never recorded.
    let path = api.state.config.upload_dir.join(&id);
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    std::io::Write::write_all(&mut file, b"half-written").unwrap();
    drop(file);
    assert_eq!(
        head(&api, &cookie, &id).await.header("upload-offset"),
        Some("8")
    );
    let resumed = patch_at(&api, &cookie, &id, 8, &PNG[8..]).await;
    assert_eq!(resumed.status, StatusCode::NO_CONTENT, "{:?}", resumed.body);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        PNG,
        "the file is what was recorded"
    );
}

/// A `width` × `height` picture in `format`: its left half red, its right
/// half blue.
fn picture(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let pixels = RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    pixels.write_to(&mut out, format).unwrap();
    out.into_inner()
}

const PDF: &[u8] =
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// The headers a file and a thumbnail share.
fn assert_cached(reply: &Reply, content_type: &str) {
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
    assert_eq!(reply.header("content-type"), Some(content_type));
    assert_eq!(
        reply.header("cache-control"),
        Some("private, max-age=86400")
    );
    assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(reply.header("vary"), Some("Cookie"));
}

#[tokio::test]
async fn a_finished_upload_is_read_back_byte_for_byte_as_the_type_its_bytes_showed() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2000 0010").await;
    let photo = picture(8, 4, ImageFormat::Png);
    let id = api.upload(&cookie, "Kopi Bubuk ☕.exe", &photo).await;
    let file = api.get(&format!("/uploads/{id}/file"), Some(&cookie)).await;
    assert_cached(&file, "image/png");
    assert_eq!(file.bytes, photo);
    // Named as what it is, in ASCII and in UTF-8.
    assert_eq!(
        file.header("content-disposition"),
        Some(
            "inline; filename=\"Kopi Bubuk _.png\"; filename*=UTF-8''Kopi%20Bubuk%20%E2%98%95.png"
        )
    );
    let head = api
        .call(Method::HEAD, &format!("/uploads/{id}/file"), Some(&cookie))
        .await;
    assert_cached(&head, "image/png");
    assert!(head.bytes.is_empty());
    assert_eq!(
        head.header("content-length"),
        Some(&*photo.len().to_string())
    );

    let pdf = api.upload(&cookie, "nib", PDF).await;
    let file = api
        .get(&format!("/uploads/{pdf}/file"), Some(&cookie))
        .await;
    assert_cached(&file, "application/pdf");
    assert_eq!(file.bytes, PDF);
    assert_eq!(
        file.header("content-disposition"),
        Some("inline; filename=\"nib.pdf\"; filename*=UTF-8''nib.pdf")
    );

    // Still arriving: nothing to read yet.
    let unfinished = new_upload(&api, &cookie).await;
    patch_at(&api, &cookie, &unfinished, 0, &PNG[..16]).await;
    for what in ["file", "thumbnail"] {
        let path = format!("/uploads/{unfinished}/{what}");
        let reply = api.get(&path, Some(&cookie)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{what}");
        assert_eq!(reply.header("cache-control"), Some("no-store"), "{what}");
        let reply = api.get(&format!("/uploads/{id}/{what}"), None).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{what}");
    }
    assert_eq!(
        api.get("/uploads/not-an-id/file", Some(&cookie))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_photo_s_thumbnail_is_a_jpeg_at_most_320_px_on_its_long_side() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2000 0011").await;
    let photos = [
        (ImageFormat::Png, (640, 480), (320, 240)),
        (ImageFormat::Jpeg, (400, 1000), (128, 320)),
        (ImageFormat::WebP, (100, 50), (100, 50)),
    ];
    for (format, (width, height), expected) in photos {
        let id = api
            .upload(&cookie, "foto.jpg", &picture(width, height, format))
            .await;
        let thumbnail = api
            .get(&format!("/uploads/{id}/thumbnail"), Some(&cookie))
            .await;
        assert_cached(&thumbnail, "image/jpeg");
        assert_eq!(
            thumbnail.header("content-disposition"),
            Some("inline; filename=\"foto-thumbnail.jpg\"; filename*=UTF-8''foto-thumbnail.jpg")
        );
        let small = image::load_from_memory_with_format(&thumbnail.bytes, ImageFormat::Jpeg)
            .unwrap()
            .to_rgb8();
        assert_eq!(small.dimensions(), expected, "{format:?}");
        let (w, h) = expected;
        let [r, _, b] = small.get_pixel(w / 4, h / 2).0;
        assert!(
            r > 180 && b < 80,
            "{format:?}: the left is red, not {r}/{b}"
        );
        let [r, _, b] = small.get_pixel(w * 3 / 4, h / 2).0;
        assert!(
            b > 180 && r < 80,
            "{format:?}: the right is blue, not {r}/{b}"
        );
    }
}

#[tokio::test]
async fn a_thumbnail_is_made_once_kept_and_removed_with_its_upload() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2000 0012").await;
    let id = api
        .upload(&cookie, "foto.png", &picture(640, 480, ImageFormat::Png))
        .await;
    let path = format!("/uploads/{id}/thumbnail");
    let first = api.get(&path, Some(&cookie)).await;
    assert_cached(&first, "image/jpeg");
    // Were it made again, these bytes would fail to decode.
    std::fs::write(
        api.state.config.upload_dir.join(&id),
        b"\x89PNG\r\n\x1a\nno longer a picture",
    )
    .unwrap();
    let again = api.get(&path, Some(&cookie)).await;
    assert_cached(&again, "image/jpeg");
    assert_eq!(again.bytes, first.bytes);
    let kept = format!("SELECT COUNT(*) FROM thumbnails WHERE upload_id = '{id}'");
    assert_eq!(api.rows(&kept), [["1"]]);
    let deleted = terminate(&api, &cookie, &id).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(api.rows(&kept), [["0"]]);
    assert_eq!(
        api.get(&path, Some(&cookie)).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn transparent_parts_of_a_photo_are_white_in_its_thumbnail() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2000 0013").await;
    let pixels = RgbaImage::from_fn(400, 400, |x, _| {
        if x < 200 {
            Rgba([0, 0, 0, 0])
        } else {
            Rgba([20, 20, 220, 255])
        }
    });
    let mut png = std::io::Cursor::new(Vec::new());
    pixels.write_to(&mut png, ImageFormat::Png).unwrap();
    let id = api.upload(&cookie, "logo.png", &png.into_inner()).await;
    let thumbnail = api
        .get(&format!("/uploads/{id}/thumbnail"), Some(&cookie))
        .await;
    assert_cached(&thumbnail, "image/jpeg");
    let small = image::load_from_memory(&thumbnail.bytes).unwrap().to_rgb8();
    assert_eq!(small.dimensions(), (320, 320));
    let [r, g, b] = small.get_pixel(80, 160).0;
    assert!(r > 240 && g > 240 && b > 240, "white, not {r}/{g}/{b}");
    let [r, _, b] = small.get_pixel(240, 160).0;
    assert!(b > 180 && r < 80, "blue, not {r}/{b}");
}

#[tokio::test]
async fn a_pdf_and_an_image_that_cannot_be_read_have_no_thumbnail() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2000 0014").await;
    let pdf = api.upload(&cookie, "nib.pdf", PDF).await;
    let none = api
        .get(&format!("/uploads/{pdf}/thumbnail"), Some(&cookie))
        .await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
    assert!(none.body["detail"].as_str().unwrap().contains("PDF"));
    // Starts like a PNG, and is nothing more.
    let broken = api.upload(&cookie, "rusak.png", PNG).await;
    let path = format!("/uploads/{broken}/thumbnail");
    for _ in 0..2 {
        let none = api.get(&path, Some(&cookie)).await;
        assert_eq!(none.status, StatusCode::NOT_FOUND);
        assert!(none.body["detail"]
            .as_str()
            .unwrap()
            .contains("cannot be read"));
    }
    assert_eq!(
        api.rows(&format!(
            "SELECT COUNT(*) FROM thumbnails WHERE upload_id = '{broken}' AND jpeg IS NULL"
        )),
        [["1"]],
        "remembered, not decoded again"
    );
    // Its file is still there to read.
    let file = api
        .get(&format!("/uploads/{broken}/file"), Some(&cookie))
        .await;
    assert_eq!(file.bytes, PNG);
}

#[tokio::test]
async fn only_the_supplier_and_staff_acting_for_it_through_a_confirmed_link_read_its_files() {
    let api = TestApi::new();
    let (staff, member) = api
        .staff_acting_for_new_member("0813 2000 0015", "Koperasi Foto", "0813 2000 0016")
        .await;
    let photo = picture(64, 48, ImageFormat::Png);
    let id = api.upload(&staff, "foto.png", &photo).await;
    let file = format!("/uploads/{id}/file");
    let thumbnail = format!("/uploads/{id}/thumbnail");
    assert_eq!(api.get(&file, Some(&staff)).await.bytes, photo);
    assert_cached(&api.get(&thumbnail, Some(&staff)).await, "image/jpeg");

    // The member, signed in on their own phone, reads what staff uploaded.
    api.a_minute_later();
    let owner = api.sign_in("0813 2000 0016").await;
    assert_eq!(api.get(&file, Some(&owner)).await.bytes, photo);

    // Another supplier, and staff of another cooperative acting for their
    // own member: as if it did not exist.
    let (stranger, _) = api.new_supplier("0813 2000 0017").await;
    let (other, _) = api
        .staff_acting_for_new_member("0813 2000 0018", "Koperasi Lain", "0813 2000 0019")
        .await;
    for intruder in [&stranger, &other] {
        for path in [&file, &thumbnail] {
            let reply = api.get(path, Some(intruder)).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
            assert_eq!(
                reply.header("content-type"),
                Some("application/problem+json")
            );
        }
    }

    // The link ends: staff no longer act for the member.
    let link = api.rows(&format!(
        "SELECT id FROM coop_links WHERE supplier_id = {member}"
    ));
    let ended = api
        .call(
            Method::DELETE,
            &format!("/coop/links/{}", link[0][0]),
            Some(&staff),
        )
        .await;
    assert_eq!(ended.status, StatusCode::NO_CONTENT);
    assert_eq!(
        api.get(&file, Some(&staff)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(api.get(&file, Some(&owner)).await.status, StatusCode::OK);
}

/// A PNG's first bytes and then `filler` up to `length` bytes.
fn png_of(length: usize) -> Vec<u8> {
    let mut file = PNG.to_vec();
    file.resize(length, 7);
    file
}

/// A body that arrives as `chunks`, each its own piece.
fn in_chunks(chunks: Vec<Vec<u8>>) -> Body {
    let parts = chunks
        .into_iter()
        .map(|chunk| Ok::<_, std::io::Error>(Bytes::from(chunk)));
    Body::from_stream(futures_util::stream::iter(parts))
}

/// `GET /dev/uploads/{id}`.
async fn arrivals(api: &TestApi, id: &str) -> Reply {
    api.get(&format!("/dev/uploads/{id}"), None).await
}

/// True when the server dropped the connection instead of answering (a
/// tus answer always says the offset).
fn was_dropped(reply: &Reply) -> bool {
    reply.header("upload-offset").is_none() && reply.body.is_null()
}

#[tokio::test]
async fn every_byte_read_from_an_upload_s_patches_is_counted_kept_or_not() {
    let api = TestApi::with(Config {
        dev: true,
        drop_upload_after: Some(1000),
        ..Config::default()
    });
    let (cookie, _) = api.new_supplier("0813 2000 0020").await;
    let file = png_of(2500);
    let id = create(&api, &cookie, file.len()).await.location_id();
    let fresh = arrivals(&api, &id).await;
    assert_eq!(fresh.status, StatusCode::OK);
    assert_eq!(
        fresh.body,
        serde_json::json!({"length": 2500, "received": 0, "arrived": 0, "patches": 0})
    );

    // 1500 bytes read, 1000 kept: the cut drops the rest.
    let first = patch_at(&api, &cookie, &id, 0, &file[..1500]).await;
    assert!(was_dropped(&first), "{:?}", first.status);
    // A stale offset: refused before its body is read (not counted).
    let stale = patch_at(&api, &cookie, &id, 0, &file[..500]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    // Cut again at 2000, then the last 500 bytes finish it.
    let second = patch_at(&api, &cookie, &id, 1000, &file[1000..]).await;
    assert!(was_dropped(&second), "{:?}", second.status);
    let last = patch_at(&api, &cookie, &id, 2000, &file[2000..]).await;
    assert_eq!(last.status, StatusCode::NO_CONTENT);
    assert_eq!(
        arrivals(&api, &id).await.body,
        serde_json::json!({"length": 2500, "received": 2500, "arrived": 3500, "patches": 4})
    );
    let stored = std::fs::read(api.state.config.upload_dir.join(&id)).unwrap();
    assert_eq!(stored, file);

    // A cut inside a chunk: the chunk is read whole, a chunk after the cut
    // never is.
    let id = create(&api, &cookie, 2500).await.location_id();
    let body = in_chunks(vec![
        file[..700].to_vec(),
        file[700..1400].to_vec(),
        file[1400..2100].to_vec(),
    ]);
    let cut = patch(&api, &cookie, &id, body).await;
    assert!(was_dropped(&cut));
    let counted = arrivals(&api, &id).await.body;
    assert_eq!(
        (counted["received"].as_u64(), counted["arrived"].as_u64()),
        (Some(1000), Some(1400))
    );

    // Gone with the upload.
    terminate(&api, &cookie, &id).await;
    assert_eq!(arrivals(&api, &id).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_upload_is_cut_each_time_its_bytes_reach_a_multiple_of_n_however_its_patches_are_sized()
{
    let api = TestApi::with(Config {
        dev: true,
        drop_upload_after: Some(100),
        ..Config::default()
    });
    let (cookie, _) = api.new_supplier("0813 2000 0021").await;
    let file = png_of(300);
    let id = create(&api, &cookie, file.len()).await.location_id();
    // A client that sends 80 bytes at a time from the server's offset: no
    // PATCH brings 100 bytes, and the upload is cut at 100 and 200 all the
    // same (never at its last byte, 300).
    let mut offset = 0;
    let mut cuts = Vec::new();
    while offset < file.len() {
        let end = (offset + 80).min(file.len());
        let reply = patch_at(&api, &cookie, &id, offset, &file[offset..end]).await;
        let reached: usize = head(&api, &cookie, &id)
            .await
            .header("upload-offset")
            .unwrap()
            .parse()
            .unwrap();
        if was_dropped(&reply) {
            cuts.push(reached);
        } else {
            assert_eq!(reply.status, StatusCode::NO_CONTENT, "{:?}", reply.body);
        }
        offset = reached;
    }
    assert_eq!(cuts, [100, 200]);
    assert_eq!(
        std::fs::read(api.state.config.upload_dir.join(&id)).unwrap(),
        file
    );
    let counted = arrivals(&api, &id).await.body;
    // 0–80, 80–160 (cut at 100), 100–180, 180–260 (cut at 200), 200–280, 280–300.
    assert_eq!(counted["patches"], 6);
    assert_eq!(counted["arrived"], 80 * 5 + 20);
}

#[tokio::test]
async fn what_arrived_for_an_upload_is_told_only_with_dev_and_only_for_one_that_exists() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2000 0022").await;
    let id = new_upload(&api, &cookie).await;
    assert_eq!(arrivals(&api, &id).await.status, StatusCode::OK);
    for unknown in ["0123456789abcdef0123456789abcdef", "not-an-id"] {
        let reply = arrivals(&api, unknown).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{unknown}");
        assert_eq!(
            reply.header("content-type"),
            Some("application/problem+json")
        );
    }
    // Without --dev there is no such route (and no way to sign in here).
    let production = TestApi::with(Config::default());
    assert_eq!(
        arrivals(&production, &id).await.status,
        StatusCode::NOT_FOUND
    );
}
