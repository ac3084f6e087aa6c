//! Products (idempotent create, bulk import, SKUs unique per supplier,
//! how many are complete), resumable uploads (tus) and documents.

mod support;

use axum::http::{Method, StatusCode};
use dev_api::Config;
use serde_json::{json, Value};
use support::{Reply, TestApi};

const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
];

#[tokio::test]
async fn a_repeated_create_returns_the_first_product_never_a_duplicate() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 1000 0001").await;
    let body = json!({"name": "Keripik Tempe 250 g", "unit": "pak", "price": 15000, "halal": true, "tkdn_percent": 45.5});
    let key = [("idempotency-key", "5b0a8c1e-2f3d-4a5b-8c7d-000000000001")];
    let first = api
        .json(Method::POST, "/products", body.clone(), &key, Some(&cookie))
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{:?}", first.body);
    let retry = api
        .json(Method::POST, "/products", body, &key, Some(&cookie))
        .await;
    assert_eq!(retry.status, StatusCode::CREATED);
    assert_eq!(retry.body["id"], first.body["id"]);
    assert_eq!(api.get("/products", Some(&cookie)).await.body["total"], 1);

    let reused = api
        .json(
            Method::POST,
            "/products",
            json!({"name": "Lain", "unit": "pak", "price": 1}),
            &key,
            Some(&cookie),
        )
        .await;
    assert_eq!(reused.status, StatusCode::CONFLICT);
    let keyless = api
        .json(
            Method::POST,
            "/products",
            json!({"name": "Lain", "unit": "pak", "price": 1}),
            &[],
            Some(&cookie),
        )
        .await;
    assert_eq!(keyless.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn products_are_searched_updated_with_if_match_and_deleted() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 1000 0002").await;
    for (n, name) in ["Batik Tulis Sogan", "Batik Cap Parang", "Tas Anyaman"]
        .iter()
        .enumerate()
    {
        let key = format!("search-key-{n:04}");
        api.json(
            Method::POST,
            "/products",
            json!({"name": name, "unit": "pcs", "price": 100_000}),
            &[("idempotency-key", &key)],
            Some(&cookie),
        )
        .await;
    }
    let found = api.get("/products?q=batik&per_page=1", Some(&cookie)).await;
    assert_eq!(found.body["total"], 2);
    assert_eq!(found.body["items"].as_array().unwrap().len(), 1);
    let id = found.body["items"][0]["id"].as_i64().unwrap();

    let update = json!({"name": "Batik Cap Parang Rusak", "unit": "pcs", "price": 120_000});
    let updated = api
        .json(
            Method::PUT,
            &format!("/products/{id}"),
            update.clone(),
            &[("if-match", "\"1\"")],
            Some(&cookie),
        )
        .await;
    assert_eq!(updated.status, StatusCode::OK);
    assert_eq!(updated.header("etag"), Some("\"2\""));
    let stale = api
        .json(
            Method::PUT,
            &format!("/products/{id}"),
            update,
            &[("if-match", "\"1\"")],
            Some(&cookie),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(stale.body["price"], 120_000);

    assert_eq!(
        api.send(
            Method::DELETE,
            &format!("/products/{id}"),
            None,
            &[],
            Some(&cookie)
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        api.get(&format!("/products/{id}"), Some(&cookie))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_bulk_import_creates_the_valid_rows_and_reports_the_others() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 1000 0003").await;
    let items = json!({"items": [
        {"name": "Gula Aren 1 kg", "unit": "kg", "price": 35000},
        {"name": "", "unit": "kg", "price": 35000},
        {"name": "Madu", "unit": "galon", "price": -5},
        {"name": "Kopi", "unit": "pak", "price": "mahal"},
    ]});
    let reply = api
        .json(
            Method::POST,
            "/products/bulk",
            items,
            &[("idempotency-key", "bulk-import-0001")],
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
    let statuses: Vec<&str> = reply.body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, vec!["created", "invalid", "invalid", "invalid"]);
    let fields: Vec<&str> = reply.body["results"][2]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["items.2.unit", "items.2.price"]);
    assert_eq!(api.get("/products", Some(&cookie)).await.body["total"], 1);
}

async fn create_upload(api: &TestApi, cookie: &str, length: usize) -> String {
    let created = api
        .send(
            Method::POST,
            "/uploads",
            None,
            &[
                ("tus-resumable", "1.0.0"),
                ("upload-length", &length.to_string()),
                ("upload-metadata", "filename c2VydGlmaWthdC5wbmc="),
            ],
            Some(cookie),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    created.location_id()
}

async fn patch(
    api: &TestApi,
    cookie: &str,
    id: &str,
    offset: usize,
    bytes: &[u8],
) -> support::Reply {
    api.send(
        Method::PATCH,
        &format!("/uploads/{id}"),
        Some(bytes),
        &[
            ("tus-resumable", "1.0.0"),
            ("upload-offset", &offset.to_string()),
            ("content-type", "application/offset+octet-stream"),
        ],
        Some(cookie),
    )
    .await
}

#[tokio::test]
async fn an_upload_resumes_from_the_offset_the_server_reports() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 1000 0004").await;
    let mut file = PNG.to_vec();
    file.extend(std::iter::repeat_n(7u8, 1000));
    let id = create_upload(&api, &cookie, file.len()).await;

    let first = patch(&api, &cookie, &id, 0, &file[..400]).await;
    assert_eq!(first.status, StatusCode::NO_CONTENT);
    assert_eq!(first.header("upload-offset"), Some("400"));
    // The connection dropped; the client asks where to resume.
    let head = api
        .send(
            Method::HEAD,
            &format!("/uploads/{id}"),
            None,
            &[("tus-resumable", "1.0.0")],
            Some(&cookie),
        )
        .await;
    assert_eq!(head.header("upload-offset"), Some("400"));
    assert_eq!(head.header("upload-length"), Some(&*file.len().to_string()));

    let wrong_offset = patch(&api, &cookie, &id, 300, &file[300..]).await;
    assert_eq!(wrong_offset.status, StatusCode::CONFLICT);
    let rest = patch(&api, &cookie, &id, 400, &file[400..]).await;
    assert_eq!(rest.header("upload-offset"), Some(&*file.len().to_string()));

    let document = api
        .json(
            Method::POST,
            "/documents",
            json!({"kind": "halal", "number": "ID3402000012345", "upload_id": id}),
            &[("idempotency-key", "doc-halal-00001")],
            Some(&cookie),
        )
        .await;
    assert_eq!(document.status, StatusCode::CREATED, "{:?}", document.body);
    assert_eq!(document.body["status"], "uploaded");
    assert_eq!(document.body["file"]["content_type"], "image/png");
    assert_eq!(document.body["file"]["name"], "sertifikat.png");
}

#[tokio::test]
async fn bytes_that_are_not_pdf_jpeg_png_or_webp_are_refused_whatever_the_name() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 1000 0005").await;
    let id = create_upload(&api, &cookie, 64).await;
    let exe = patch(
        &api,
        &cookie,
        &id,
        0,
        &[b'M', b'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff],
    )
    .await;
    assert_eq!(exe.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(exe.body["detail"]
        .as_str()
        .unwrap()
        .contains("PDF, JPEG, PNG or WebP"));
    let too_big = api
        .send(
            Method::POST,
            "/uploads",
            None,
            &[("tus-resumable", "1.0.0"), ("upload-length", "10485761")],
            Some(&cookie),
        )
        .await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn with_drop_upload_after_the_server_keeps_what_arrived() {
    let api = TestApi::with(Config {
        dev: true,
        drop_upload_after: Some(100),
        ..Config::default()
    });
    let (cookie, _) = api.new_supplier("0813 1000 0006").await;
    let mut file = PNG.to_vec();
    file.extend(std::iter::repeat_n(1u8, 300));
    let id = create_upload(&api, &cookie, file.len()).await;
    let _dropped = patch(&api, &cookie, &id, 0, &file).await;
    let head = api
        .send(
            Method::HEAD,
            &format!("/uploads/{id}"),
            None,
            &[("tus-resumable", "1.0.0")],
            Some(&cookie),
        )
        .await;
    assert_eq!(head.header("upload-offset"), Some("100"));
}

#[tokio::test]
async fn a_rejected_document_returns_to_uploaded_when_replaced() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 1000 0007").await;
    let id = create_upload(&api, &cookie, PNG.len()).await;
    patch(&api, &cookie, &id, 0, PNG).await;
    let document = api
        .json(Method::POST, "/documents", json!({"kind": "pirt", "upload_id": id, "issued_on": "2025-01-10", "expires_on": "2030-01-10"}),
            &[("idempotency-key", "doc-pirt-00001")], Some(&cookie))
        .await;
    let doc_id = document.body["id"].as_i64().unwrap();
    let rejected = api
        .json(
            Method::POST,
            &format!("/dev/documents/{doc_id}/review"),
            json!({"decision": "reject", "reason": "Foto buram."}),
            &[],
            None,
        )
        .await;
    assert_eq!(rejected.body["status"], "rejected");
    assert_eq!(rejected.body["rejection_reason"], "Foto buram.");
    let etag = api
        .get(&format!("/documents/{doc_id}"), Some(&cookie))
        .await
        .header("etag")
        .unwrap()
        .to_owned();
    let replaced = api
        .json(Method::PUT, &format!("/documents/{doc_id}"), json!({"kind": "pirt", "upload_id": id, "issued_on": "2025-01-10", "expires_on": "2030-01-10"}),
            &[("if-match", &etag)], Some(&cookie))
        .await;
    assert_eq!(replaced.body["status"], "uploaded");
    assert_eq!(replaced.body["rejection_reason"], serde_json::Value::Null);
    let bad_dates = api
        .json(Method::POST, "/documents", json!({"kind": "pirt", "upload_id": id, "issued_on": "2025-01-10", "expires_on": "2024-01-10"}),
            &[("idempotency-key", "doc-pirt-00002")], Some(&cookie))
        .await;
    assert_eq!(bad_dates.error_fields(), vec!["expires_on"]);
}

#[tokio::test]
async fn documents_are_listed_and_deleted_and_an_abandoned_upload_is_terminated() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 1000 0008").await;
    let options = api.send(Method::OPTIONS, "/uploads", None, &[], None).await;
    assert_eq!(options.status, StatusCode::NO_CONTENT);
    assert_eq!(options.header("tus-version"), Some("1.0.0"));
    assert_eq!(
        options.header("tus-extension"),
        Some("creation,termination")
    );
    assert_eq!(options.header("tus-max-size"), Some("10485760"));

    let kept = create_upload(&api, &cookie, PNG.len()).await;
    patch(&api, &cookie, &kept, 0, PNG).await;
    let document = api
        .json(
            Method::POST,
            "/documents",
            json!({"kind": "nib", "upload_id": kept}),
            &[("idempotency-key", "doc-nib-000001")],
            Some(&cookie),
        )
        .await;
    let id = document.body["id"].as_i64().unwrap();
    assert_eq!(
        api.get("/documents", Some(&cookie)).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        api.send(
            Method::DELETE,
            &format!("/documents/{id}"),
            None,
            &[],
            Some(&cookie)
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert!(api.get("/documents", Some(&cookie)).await.body["items"]
        .as_array()
        .unwrap()
        .is_empty());

    let abandoned = create_upload(&api, &cookie, 5000).await;
    patch(&api, &cookie, &abandoned, 0, PNG).await;
    let gone = api
        .send(
            Method::DELETE,
            &format!("/uploads/{abandoned}"),
            None,
            &[("tus-resumable", "1.0.0")],
            Some(&cookie),
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    let head = api
        .send(
            Method::HEAD,
            &format!("/uploads/{abandoned}"),
            None,
            &[("tus-resumable", "1.0.0")],
            Some(&cookie),
        )
        .await;
    assert_eq!(head.status, StatusCode::NOT_FOUND);
    let old_client = api
        .send(
            Method::HEAD,
            &format!("/uploads/{kept}"),
            None,
            &[("tus-resumable", "0.2.2")],
            Some(&cookie),
        )
        .await;
    assert_eq!(old_client.status, StatusCode::PRECONDITION_FAILED);
}

#[tokio::test]
async fn a_verified_document_goes_back_to_review_when_its_file_number_or_expiry_changes() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 1000 0009").await;
    let first = create_upload(&api, &cookie, PNG.len()).await;
    patch(&api, &cookie, &first, 0, PNG).await;
    let details = json!({"kind": "halal", "number": "ID3110000123456", "upload_id": first,
        "issued_on": "2025-01-10", "expires_on": "2030-01-10"});
    let document = api
        .json(
            Method::POST,
            "/documents",
            details.clone(),
            &[("idempotency-key", "doc-halal-0001")],
            Some(&cookie),
        )
        .await;
    let doc = document.body["id"].as_i64().unwrap();
    let put = |body: Value| {
        let api = &api;
        let cookie = &cookie;
        async move {
            let etag = api
                .get(&format!("/documents/{doc}"), Some(cookie))
                .await
                .header("etag")
                .unwrap()
                .to_owned();
            api.json(
                Method::PUT,
                &format!("/documents/{doc}"),
                body,
                &[("if-match", &etag)],
                Some(cookie),
            )
            .await
        }
    };
    let second = create_upload(&api, &cookie, PNG.len()).await;
    patch(&api, &cookie, &second, 0, PNG).await;
    let changes = [
        ("number", json!("ID3110000999999")),
        ("expires_on", json!("2031-01-10")),
        ("upload_id", json!(second)),
    ];
    for (decision, (field, value)) in ["verify", "start_review", "verify"].iter().zip(changes) {
        let reviewed = api
            .json(
                Method::POST,
                &format!("/dev/documents/{doc}/review"),
                json!({"decision": decision}),
                &[],
                None,
            )
            .await;
        assert_ne!(reviewed.body["status"], "uploaded");
        let current = api
            .get(&format!("/documents/{doc}"), Some(&cookie))
            .await
            .body;
        let mut body = details.clone();
        for name in ["number", "expires_on", "upload_id"] {
            body[name] = current[name].clone();
        }
        body[field] = value;
        let replaced = put(body).await;
        assert_eq!(replaced.status, StatusCode::OK, "{:?}", replaced.body);
        assert_eq!(replaced.body["status"], "uploaded", "{field}");
        assert_eq!(replaced.body["review_reset_by"], json!([field]));
    }
    // Saving the same details again keeps a verified document verified.
    api.json(
        Method::POST,
        &format!("/dev/documents/{doc}/review"),
        json!({"decision": "verify"}),
        &[],
        None,
    )
    .await;
    let mut same = details.clone();
    let current = api
        .get(&format!("/documents/{doc}"), Some(&cookie))
        .await
        .body;
    for name in ["number", "expires_on", "upload_id"] {
        same[name] = current[name].clone();
    }
    let kept = put(same).await;
    assert_eq!(kept.body["status"], "verified");
    assert_eq!(kept.body["review_reset_by"], json!([]));
    let trail = api.rows("SELECT action, changes FROM audit WHERE action LIKE 'PUT /documents/%' ORDER BY id LIMIT 1");
    assert!(
        trail[0][1].contains("•••••••••••3456") && trail[0][1].contains("•••••••••••9999"),
        "{}",
        trail[0][1]
    );
}

/// A finished document of the supplier `cookie` works for; returns its id.
async fn supplier_with_document(api: &TestApi, cookie: &str) -> i64 {
    let id = create_upload(api, cookie, PNG.len()).await;
    patch(api, cookie, &id, 0, PNG).await;
    let document = api
        .json(
            Method::POST,
            "/documents",
            json!({"kind": "nib", "upload_id": id}),
            &[("idempotency-key", "doc-cross-00001")],
            Some(cookie),
        )
        .await;
    assert_eq!(document.status, StatusCode::CREATED, "{:?}", document.body);
    document.body["id"].as_i64().unwrap()
}

/// Everything `intruder` might try on document `doc` is a 404, and `doc`
/// and its upload are unchanged for `owner`.
async fn cannot_touch_document(api: &TestApi, owner: &str, intruder: &str, doc: i64) {
    let path = format!("/documents/{doc}");
    let upload = api.get(&path, Some(owner)).await.body["upload_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        api.get(&path, Some(intruder)).await.status,
        StatusCode::NOT_FOUND
    );
    let put = api
        .json(
            Method::PUT,
            &path,
            json!({"kind": "nib", "upload_id": upload}),
            &[("if-match", "*")],
            Some(intruder),
        )
        .await;
    assert_eq!(put.status, StatusCode::NOT_FOUND);
    api.call(Method::DELETE, &path, Some(intruder)).await;
    let listed = api.get("/documents", Some(intruder)).await;
    assert!(!listed.body.to_string().contains(&upload));
    let reuse = api
        .json(
            Method::POST,
            "/documents",
            json!({"kind": "nib", "upload_id": upload}),
            &[("idempotency-key", "doc-steal-00001")],
            Some(intruder),
        )
        .await;
    assert_eq!(
        reuse.error_fields(),
        vec!["upload_id"],
        "another's upload is unknown"
    );
    assert_eq!(api.get(&path, Some(owner)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn one_supplier_never_reads_changes_or_deletes_anothers_documents() {
    let api = TestApi::new();
    let (owner, _) = api.new_supplier("0813 1000 0011").await;
    let doc = supplier_with_document(&api, &owner).await;
    let (stranger, _) = api.new_supplier("0813 1000 0012").await;
    cannot_touch_document(&api, &owner, &stranger, doc).await;
}

#[tokio::test]
async fn staff_acting_for_their_member_never_reach_another_cooperatives_members_documents() {
    let api = TestApi::new();
    // A member of the demo cooperative with a document, entered by its staff.
    let staff = api.sign_in(support::DEMO_STAFF).await;
    api.act_for(&staff, 2).await;
    let doc = supplier_with_document(&api, &staff).await;
    // Staff of another cooperative, acting for their own confirmed member.
    let (other, _) = api
        .staff_acting_for_new_member("0813 1000 0013", "Koperasi Lain", "0813 1000 0014")
        .await;
    cannot_touch_document(&api, &staff, &other, doc).await;
}

#[tokio::test]
async fn products_are_checked_with_the_app_s_shared_rules() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 1000 0009").await;
    let create = |body: Value, key: &'static str| {
        let cookie = cookie.clone();
        let api = &api;
        async move {
            api.json(
                Method::POST,
                "/products",
                body,
                &[("idempotency-key", key)],
                Some(&cookie),
            )
            .await
        }
    };
    let gram = json!({"name": "Lada Putih", "unit": "gram", "price": 900, "tkdn_percent": 40.25});
    assert_eq!(
        create(gram, "shared-rules-0001").await.status,
        StatusCode::CREATED
    );
    let bad = json!({"name": "Lada", "unit": "box", "price": 1, "sku": "A\tB",
                     "tkdn_percent": 40.251, "lead_time_days": 400});
    let refused = create(bad, "shared-rules-0002").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors: Vec<(&str, &str)> = refused.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        errors,
        vec![
            ("sku", "format"),
            ("unit", "unknown"),
            ("lead_time_days", "range"),
            ("tkdn_percent", "range"),
        ]
    );
    let units = api.get("/reference/units", None).await.body;
    let codes: Vec<&str> = units["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    let shared: Vec<&str> = rantai::domain::unit::Unit::ALL
        .iter()
        .map(|u| u.code())
        .collect();
    assert_eq!(codes, shared);
}

/// `POST /products` with `key` as its Idempotency-Key.
async fn create_product(api: &TestApi, cookie: &str, body: Value, key: &str) -> Reply {
    api.json(
        Method::POST,
        "/products",
        body,
        &[("idempotency-key", key)],
        Some(cookie),
    )
    .await
}

/// A product named `name` with `sku`.
fn with_sku(name: &str, sku: Value) -> Value {
    json!({"name": name, "unit": "pak", "price": 15000, "sku": sku})
}

/// `PUT /products/{id}` at version 1.
async fn update_product(api: &TestApi, cookie: &str, id: &Value, body: Value) -> Reply {
    api.json(
        Method::PUT,
        &format!("/products/{id}"),
        body,
        &[("if-match", "\"1\"")],
        Some(cookie),
    )
    .await
}

#[tokio::test]
async fn a_sku_belongs_to_one_product_of_a_supplier_compared_trimmed_and_without_case() {
    let api = TestApi::new();
    let (cookie, supplier) = api.new_supplier("0813 1000 0020").await;
    let first = create_product(
        &api,
        &cookie,
        with_sku("Keripik Tempe", json!("KT-250")),
        "sku-0001",
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED, "{:?}", first.body);
    let clash = create_product(
        &api,
        &cookie,
        with_sku("Keripik Pedas", json!("  kt-250 ")),
        "sku-0002",
    )
    .await;
    assert_eq!(clash.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        clash.body["errors"],
        json!([{"field": "sku", "code": "taken", "message": "Another of your products has this SKU."}])
    );
    // Said with the other field errors, not after them.
    let mut both = with_sku("Keripik Pedas", json!("KT-250"));
    both["unit"] = json!("box");
    let both = create_product(&api, &cookie, both, "sku-0005").await;
    assert_eq!(both.error_fields(), vec!["unit", "sku"]);
    // No SKU, or a blank one, as often as needed.
    for (n, sku) in [Value::Null, json!(""), json!("  ")]
        .into_iter()
        .enumerate()
    {
        let created = create_product(
            &api,
            &cookie,
            with_sku("Tanpa SKU", sku),
            &format!("sku-blank-{n}"),
        )
        .await;
        assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    }
    // Another supplier's SKUs are theirs.
    let (other, _) = api.new_supplier("0813 1000 0021").await;
    let theirs = create_product(
        &api,
        &other,
        with_sku("Keripik", json!("KT-250")),
        "sku-0003",
    )
    .await;
    assert_eq!(theirs.status, StatusCode::CREATED);

    // A product keeps its own SKU, in another case too; another cannot take it.
    let kept = update_product(
        &api,
        &cookie,
        &first.body["id"],
        with_sku("Keripik Tempe 250 g", json!("kt-250 ")),
    )
    .await;
    assert_eq!(kept.status, StatusCode::OK, "{:?}", kept.body);
    let second = create_product(
        &api,
        &cookie,
        with_sku("Gula Aren", json!("GA-1")),
        "sku-0004",
    )
    .await;
    let taken = update_product(
        &api,
        &cookie,
        &second.body["id"],
        with_sku("Gula Aren", json!("KT-250")),
    )
    .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(taken.body["errors"][0]["code"], "taken");
    assert_eq!(taken.error_fields(), vec!["sku"]);

    // The database refuses a second one too (two saves racing past the check).
    let raced = api.state.db().unwrap().execute(
        "INSERT INTO products (supplier_id, data, search, sku_key, version, created_at, updated_at)
         VALUES (?1, '{}', '', 'kt-250', 1, '', '')",
        [supplier],
    );
    assert!(raced.is_err());
}

#[tokio::test]
async fn a_bulk_import_reports_a_sku_taken_by_a_product_or_by_a_row_created_before_it() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 1000 0022").await;
    let existing = create_product(
        &api,
        &cookie,
        with_sku("Keripik", json!("KT-250")),
        "sku-bulk-01",
    )
    .await;
    assert_eq!(existing.status, StatusCode::CREATED);
    let items = json!({"items": [
        with_sku("Keripik Pedas", json!("kt-250")),
        with_sku("Gula Aren", json!("GA-1")),
        with_sku("Gula Aren Cair", json!(" ga-1")),
        {"name": "Madu", "unit": "galon", "price": 1, "sku": "MD-1"},
        with_sku("Madu Hutan", json!("md-1")),
    ]});
    let reply = api
        .json(
            Method::POST,
            "/products/bulk",
            items,
            &[("idempotency-key", "sku-bulk-02")],
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
    let results = reply.body["results"].as_array().unwrap();
    let statuses: Vec<&str> = results
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    // Row 4's SKU was row 3's, but row 3 (an unknown unit) was not created.
    assert_eq!(
        statuses,
        vec!["invalid", "created", "invalid", "invalid", "created"]
    );
    assert_eq!(
        results[0]["errors"],
        json!([{"field": "items.0.sku", "code": "taken", "message": "Another of your products has this SKU."}])
    );
    assert_eq!(results[2]["errors"][0]["field"], "items.2.sku");
    assert_eq!(results[2]["errors"][0]["code"], "taken");
    assert_eq!(api.get("/products", Some(&cookie)).await.body["total"], 3);
}

#[tokio::test]
async fn the_overview_gives_the_highest_tkdn_among_the_products() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 1000 0026").await;
    let overview = api.get("/supplier", Some(&cookie)).await;
    assert_eq!(overview.body["highest_tkdn_percent"], Value::Null);
    assert!(overview.body.get("highest_tkdn_percent").is_some());

    let products = [
        json!({"name": "Kursi Rotan", "unit": "pcs", "price": 450000, "tkdn_percent": 32}),
        json!({"name": "Meja Jati", "unit": "pcs", "price": 1250000, "tkdn_percent": 41.5}),
        json!({"name": "Tikar Pandan", "unit": "pcs", "price": 75000}),
    ];
    for (index, body) in products.into_iter().enumerate() {
        let created = create_product(&api, &cookie, body, &format!("tkdn-{index:04}")).await;
        assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    }
    // Another supplier's product is not counted.
    let (other, _) = api.new_supplier("0813 1000 0027").await;
    let theirs = json!({"name": "Lemari", "unit": "pcs", "price": 900000, "tkdn_percent": 80});
    let created = create_product(&api, &other, theirs, "tkdn-other").await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);

    let overview = api.get("/supplier", Some(&cookie)).await;
    assert_eq!(overview.body["products"], 3);
    assert_eq!(overview.body["highest_tkdn_percent"], json!(41.5));
}

#[tokio::test]
async fn the_overview_and_the_roster_count_the_products_with_a_photo_as_complete() {
    let api = TestApi::new();
    let (staff, _) = api
        .staff_acting_for_new_member("0813 1000 0023", "Koperasi Katalog", "0813 1000 0024")
        .await;
    let photo = api.upload(&staff, "foto.png", PNG).await;
    let pictured =
        json!({"name": "Batik Tulis", "unit": "pcs", "price": 350000, "photo_upload_ids": [photo]});
    let bare = json!({"name": "Batik Cap", "unit": "pcs", "price": 150000});
    for (body, key) in [(pictured, "complete-0001"), (bare, "complete-0002")] {
        let created = create_product(&api, &staff, body, key).await;
        assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    }
    let overview = api.get("/supplier", Some(&staff)).await;
    assert_eq!(overview.body["products"], 2);
    assert_eq!(overview.body["products_complete"], 1);

    let invited = api
        .json(
            Method::POST,
            "/coop/members",
            json!({"owner_name": "Belum", "phone": "0813 1000 0025"}),
            &[("idempotency-key", "complete-0003")],
            Some(&staff),
        )
        .await;
    assert_eq!(invited.status, StatusCode::CREATED, "{:?}", invited.body);
    let roster = api.get("/coop/members", Some(&staff)).await;
    let counts: Vec<(Value, Value, Value)> = roster.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["link_status"].clone(),
                m["products"].clone(),
                m["products_complete"].clone(),
            )
        })
        .collect();
    // The pending invitation first: the roster puts who needs something first.
    assert_eq!(
        counts,
        vec![
            (json!("pending"), json!(0), json!(0)),
            (json!("confirmed"), json!(2), json!(1)),
        ]
    );
}
