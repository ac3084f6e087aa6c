//! Documents (issue 12): a TKDN certificate's figures, the expiry date of
//! kinds that expire, a PDF's pages, `expired` after the last valid day in
//! WIB, the reviewer's rejection, and the overview's documents in brief.

mod support;

use axum::http::{Method, StatusCode};
use rantai::domain::calendar::{Day, Zone};
use serde_json::{json, Value};
use support::{Reply, TestApi};

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

/// Two pages, the second saved again by an incremental update.
const TWO_PAGES: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
    2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj\n\
    3 0 obj << /Type /Page /Parent 2 0 R >> endobj\n\
    4 0 obj << /Type /Page /Parent 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n\
    4 0 obj << /Type /Page /Parent 2 0 R /Annots [] >> endobj\n%%EOF\n";

/// A PDF whose pages are not in plain sight (as in compressed object streams).
const HIDDEN_PAGES: &[u8] =
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// `POST /documents` with a fresh key.
async fn create(api: &TestApi, cookie: &str, body: Value) -> Reply {
    static KEYS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let key = format!(
        "doc-key-{:08}",
        KEYS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    api.json(
        Method::POST,
        "/documents",
        body,
        &[("idempotency-key", &key)],
        Some(cookie),
    )
    .await
}

/// `PUT /documents/{id}` over its current version.
async fn update(api: &TestApi, cookie: &str, id: i64, body: Value) -> Reply {
    let path = format!("/documents/{id}");
    let etag = api.get(&path, Some(cookie)).await;
    let etag = etag.header("etag").unwrap();
    api.json(
        Method::PUT,
        &path,
        body,
        &[("if-match", etag)],
        Some(cookie),
    )
    .await
}

/// `POST /dev/documents/{id}/review`.
async fn review(api: &TestApi, id: i64, decision: Value) -> Reply {
    api.json(
        Method::POST,
        &format!("/dev/documents/{id}/review"),
        decision,
        &[],
        None,
    )
    .await
}

/// Each field error as `(field, code)`.
fn field_codes(reply: &Reply) -> Vec<(String, String)> {
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        reply.body
    );
    reply.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn errors(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(field, code)| (field.to_string(), code.to_string()))
        .collect()
}

/// The day `days` from today in WIB, as the contract writes it.
fn wib_day(api: &TestApi, days: i64) -> String {
    let today = Day::today(api.state.now() * 1000, Zone::Wib);
    Day::from_days_since_epoch(today.days_since_epoch() + days).iso()
}

#[tokio::test]
async fn a_tkdn_certificate_has_its_tkdn_and_bmp_with_two_decimals_at_most() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 3000 0001").await;
    let file = api.upload(&cookie, "tkdn.png", PNG).await;
    let tkdn = |figures: Value| {
        let mut body = json!({"kind": "tkdn", "number": "TKDN-123", "upload_id": file,
            "issued_on": "2025-02-01", "expires_on": "2028-02-01"});
        for (name, value) in figures.as_object().unwrap() {
            body[name] = value.clone();
        }
        body
    };
    let missing = create(&api, &cookie, tkdn(json!({}))).await;
    assert_eq!(
        field_codes(&missing),
        errors(&[("tkdn_percent", "required"), ("bmp_percent", "required")])
    );
    let nulls = create(
        &api,
        &cookie,
        tkdn(json!({"tkdn_percent": null, "bmp_percent": null})),
    )
    .await;
    assert_eq!(field_codes(&nulls), field_codes(&missing));
    for (figures, expected) in [
        (
            json!({"tkdn_percent": 100.5, "bmp_percent": 15.01}),
            [("tkdn_percent", "range"), ("bmp_percent", "range")],
        ),
        (
            json!({"tkdn_percent": 40.255, "bmp_percent": -1}),
            [("tkdn_percent", "decimals"), ("bmp_percent", "range")],
        ),
        (
            json!({"tkdn_percent": -0.5, "bmp_percent": 7.125}),
            [("tkdn_percent", "range"), ("bmp_percent", "decimals")],
        ),
    ] {
        let refused = create(&api, &cookie, tkdn(figures.clone())).await;
        assert_eq!(field_codes(&refused), errors(&expected), "{figures}");
    }

    let made = create(
        &api,
        &cookie,
        tkdn(json!({"tkdn_percent": 45.5, "bmp_percent": 15})),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
    assert_eq!(made.body["tkdn_percent"], 45.5);
    assert_eq!(made.body["bmp_percent"], 15.0);
    let id = made.body["id"].as_i64().unwrap();
    let read = api.get(&format!("/documents/{id}"), Some(&cookie)).await;
    assert_eq!(
        (&read.body["tkdn_percent"], &read.body["bmp_percent"]),
        (&json!(45.5), &json!(15.0))
    );

    // The reviewer checked the figures: a new one sends it back to review.
    review(&api, id, json!({"decision": "verify"})).await;
    let same = update(
        &api,
        &cookie,
        id,
        tkdn(json!({"tkdn_percent": 45.50, "bmp_percent": 15})),
    )
    .await;
    assert_eq!(same.body["status"], "verified");
    let changed = update(
        &api,
        &cookie,
        id,
        tkdn(json!({"tkdn_percent": 40.25, "bmp_percent": 15})),
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{:?}", changed.body);
    assert_eq!(changed.body["tkdn_percent"], 40.25);
    assert_eq!(changed.body["status"], "uploaded");
    assert_eq!(changed.body["review_reset_by"], json!(["tkdn_percent"]));

    // Other kinds have no figures: null, and a value is refused.
    let halal = json!({"kind": "halal", "number": "ID3110000123456", "upload_id": file});
    let mut with_figure = halal.clone();
    with_figure["tkdn_percent"] = json!(40);
    with_figure["bmp_percent"] = json!(0);
    let refused = create(&api, &cookie, with_figure).await;
    assert_eq!(
        field_codes(&refused),
        errors(&[
            ("tkdn_percent", "not_applicable"),
            ("bmp_percent", "not_applicable")
        ])
    );
    let mut with_nulls = halal.clone();
    with_nulls["tkdn_percent"] = Value::Null;
    for body in [halal, with_nulls] {
        let made = create(&api, &cookie, body).await;
        assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
        assert_eq!(made.body["tkdn_percent"], Value::Null);
        assert_eq!(made.body["bmp_percent"], Value::Null);
    }
}

#[tokio::test]
async fn kinds_that_expire_need_an_expiry_date_after_the_issue_date() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 3000 0002").await;
    let file = api.upload(&cookie, "izin.png", PNG).await;
    for kind in ["pirt", "bpom", "sni", "tkdn", "iso"] {
        let mut body = json!({"kind": kind, "number": "123", "upload_id": file,
            "issued_on": "2025-02-01"});
        if kind == "tkdn" {
            body["tkdn_percent"] = json!(40);
            body["bmp_percent"] = json!(5);
        }
        let refused = create(&api, &cookie, body.clone()).await;
        assert_eq!(
            field_codes(&refused),
            errors(&[("expires_on", "required")]),
            "{kind}"
        );
        body["expires_on"] = json!("2025-02-01");
        let same_day = create(&api, &cookie, body.clone()).await;
        assert_eq!(
            field_codes(&same_day),
            errors(&[("expires_on", "range")]),
            "{kind}"
        );
        body["expires_on"] = json!("2030-02-01");
        let made = create(&api, &cookie, body).await;
        assert_eq!(made.status, StatusCode::CREATED, "{kind}: {:?}", made.body);
    }
    for kind in ["nib", "npwp", "ktp", "halal", "bank_proof", "other"] {
        let made = create(&api, &cookie, json!({"kind": kind, "upload_id": file})).await;
        assert_eq!(made.status, StatusCode::CREATED, "{kind}: {:?}", made.body);
        assert_eq!(made.body["expires_on"], Value::Null);
    }
}

#[tokio::test]
async fn a_pdf_document_says_how_many_pages_it_has_and_an_image_none() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 3000 0003").await;
    let scan = api.upload(&cookie, "nib.pdf", TWO_PAGES).await;
    let photo = api.upload(&cookie, "nib.png", PNG).await;
    let hidden = api.upload(&cookie, "nib-baru.pdf", HIDDEN_PAGES).await;
    let made = create(&api, &cookie, json!({"kind": "nib", "upload_id": scan})).await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
    assert_eq!(
        made.body["file"],
        json!({"name": "nib.pdf", "content_type": "application/pdf",
            "size": TWO_PAGES.len(), "pages": 2})
    );
    let id = made.body["id"].as_i64().unwrap();
    for (upload, pages) in [
        (&photo, Value::Null),
        (&hidden, Value::Null),
        (&scan, json!(2)),
    ] {
        let replaced = update(
            &api,
            &cookie,
            id,
            json!({"kind": "nib", "upload_id": upload}),
        )
        .await;
        assert_eq!(replaced.status, StatusCode::OK, "{:?}", replaced.body);
        assert_eq!(replaced.body["file"]["pages"], pages, "{upload}");
        let listed = api.get("/documents", Some(&cookie)).await;
        assert_eq!(listed.body["items"][0]["file"]["pages"], pages);
    }
}

/// The statuses of the supplier's documents, by id.
async fn statuses(api: &TestApi, cookie: &str) -> Vec<String> {
    let listed = api.get("/documents", Some(cookie)).await;
    listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["status"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_document_is_expired_after_its_last_day_in_wib_unless_it_was_rejected() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 3000 0004").await;
    let file = api.upload(&cookie, "pirt.png", PNG).await;
    let until_tomorrow = json!({"kind": "pirt", "number": "206340101001225", "upload_id": file,
        "issued_on": "2024-01-10", "expires_on": wib_day(&api, 1)});
    let mut ids = Vec::new();
    for _ in 0..4 {
        let made = create(&api, &cookie, until_tomorrow.clone()).await;
        assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
        ids.push(made.body["id"].as_i64().unwrap());
    }
    review(&api, ids[1], json!({"decision": "start_review"})).await;
    review(&api, ids[2], json!({"decision": "verify"})).await;
    let rejected = review(
        &api,
        ids[3],
        json!({"decision": "reject", "reason": "Nomor tidak terbaca."}),
    )
    .await;
    assert_eq!(rejected.status, StatusCode::OK);
    assert_eq!(rejected.body["status"], "rejected");
    assert_eq!(rejected.body["rejection_reason"], "Nomor tidak terbaca.");
    let before = ["uploaded", "in_review", "verified", "rejected"];
    assert_eq!(statuses(&api, &cookie).await, before);
    // Tomorrow is its last valid day; the day after, it has expired (a
    // day later the session has ended too: signed in again).
    api.state.clock.advance(86_400);
    let cookie = api.sign_in("0813 3000 0004").await;
    assert_eq!(statuses(&api, &cookie).await, before);
    api.state.clock.advance(86_400);
    let cookie = api.sign_in("0813 3000 0004").await;
    assert_eq!(
        statuses(&api, &cookie).await,
        ["expired", "expired", "expired", "rejected"]
    );
    // A new expiry date sends it back to review.
    let mut renewed = until_tomorrow.clone();
    renewed["expires_on"] = json!(wib_day(&api, 365));
    let replaced = update(&api, &cookie, ids[2], renewed).await;
    assert_eq!(replaced.body["status"], "uploaded");
    assert_eq!(replaced.body["review_reset_by"], json!([]));
}

#[tokio::test]
async fn a_rejection_needs_its_reason() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 3000 0005").await;
    let file = api.upload(&cookie, "ktp.png", PNG).await;
    let made = create(&api, &cookie, json!({"kind": "ktp", "upload_id": file})).await;
    let id = made.body["id"].as_i64().unwrap();
    for body in [
        json!({"decision": "reject"}),
        json!({"decision": "reject", "reason": "  "}),
        json!({"decision": "reject", "reason": "x".repeat(501)}),
    ] {
        let refused = review(&api, id, body).await;
        assert_eq!(field_codes(&refused), errors(&[("reason", "required")]));
    }
    let missing = review(
        &api,
        999_999,
        json!({"decision": "reject", "reason": "Buram."}),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_overview_lists_the_supplier_s_documents_in_brief_by_id() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 3000 0006").await;
    let overview = api.get("/supplier", Some(&cookie)).await;
    assert_eq!(overview.body["documents_brief"], json!([]));

    let file = api.upload(&cookie, "dokumen.png", PNG).await;
    let nib = create(&api, &cookie, json!({"kind": "nib", "upload_id": file})).await;
    let bpom = create(
        &api,
        &cookie,
        json!({"kind": "bpom", "number": "MD234567890123", "upload_id": file,
            "issued_on": "2020-01-10", "expires_on": wib_day(&api, -1)}),
    )
    .await;
    let iso = create(
        &api,
        &cookie,
        json!({"kind": "iso", "upload_id": file, "expires_on": wib_day(&api, 30)}),
    )
    .await;
    let [nib, bpom, iso] = [nib, bpom, iso].map(|made| {
        assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
        made.body["id"].as_i64().unwrap()
    });
    review(
        &api,
        iso,
        json!({"decision": "reject", "reason": "Halaman 2 hilang."}),
    )
    .await;
    // Another supplier's documents are not listed.
    let (other, _) = api.new_supplier("0813 3000 0007").await;
    let theirs = api.upload(&other, "nib.png", PNG).await;
    create(&api, &other, json!({"kind": "nib", "upload_id": theirs})).await;

    let overview = api.get("/supplier", Some(&cookie)).await;
    assert_eq!(overview.body["documents"], 3);
    assert_eq!(
        overview.body["documents_brief"],
        json!([
            {"id": nib, "kind": "nib", "status": "uploaded", "expires_on": null,
                "rejection_reason": null},
            {"id": bpom, "kind": "bpom", "status": "expired", "expires_on": wib_day(&api, -1),
                "rejection_reason": null},
            {"id": iso, "kind": "iso", "status": "rejected", "expires_on": wib_day(&api, 30),
                "rejection_reason": "Halaman 2 hilang."},
        ])
    );
    // A cooperative's roster keeps its counts only.
    let staff = api.sign_in(support::DEMO_STAFF).await;
    let members = api.get("/coop/members", Some(&staff)).await;
    assert_eq!(members.status, StatusCode::OK);
    assert!(!members.body.to_string().contains("documents_brief"));
}

#[tokio::test]
async fn today_is_the_day_in_western_indonesia_not_in_utc() {
    let api = TestApi::new();
    // On to 18:00 UTC: 01:00 the next day in Jakarta.
    let to_six_pm = (18 * 3600 - api.state.now().rem_euclid(86_400)).rem_euclid(86_400);
    api.state.clock.advance(to_six_pm);
    let utc_today = Day::from_days_since_epoch(api.state.now().div_euclid(86_400)).iso();
    assert_eq!(wib_day(&api, -1), utc_today);
    let (cookie, _) = api.new_supplier("0813 3000 0008").await;
    let file = api.upload(&cookie, "iso.png", PNG).await;
    for (expires_on, status) in [(utc_today, "expired"), (wib_day(&api, 0), "uploaded")] {
        let made = create(
            &api,
            &cookie,
            json!({"kind": "iso", "upload_id": file, "expires_on": expires_on}),
        )
        .await;
        assert_eq!(made.body["status"], status, "{expires_on}");
    }
}
