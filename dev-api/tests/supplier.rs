//! Profile sections: drafts with ETag / If-Match, validation, submission,
//! review, and one supplier never seeing another's data.

mod support;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use support::TestApi;

#[tokio::test]
async fn a_stale_write_gets_412_with_the_current_version() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 0000 0001").await;
    let empty = api.get("/supplier/business", Some(&cookie)).await;
    assert_eq!(empty.header("etag"), Some("\"0\""));

    let first = api
        .json(
            Method::PUT,
            "/supplier/business",
            json!({"name": "Dapur Bu Sri"}),
            &[("if-match", "\"0\"")],
            Some(&cookie),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.header("etag"), Some("\"1\""));

    let other_device = api
        .json(
            Method::PUT,
            "/supplier/business",
            json!({"name": "Dapur Sri"}),
            &[("if-match", "\"0\"")],
            Some(&cookie),
        )
        .await;
    assert_eq!(other_device.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(other_device.body["name"], "Dapur Bu Sri");
    assert_eq!(other_device.header("etag"), Some("\"1\""));

    let blind = api
        .json(
            Method::PUT,
            "/supplier/business",
            json!({"name": "X"}),
            &[],
            Some(&cookie),
        )
        .await;
    assert_eq!(blind.status, StatusCode::PRECONDITION_REQUIRED);
}

#[tokio::test]
async fn invalid_fields_are_named_with_a_sentence_that_says_how_to_fix_them() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 0000 0002").await;
    let reply = api
        .json(
            Method::PUT,
            "/supplier/business",
            json!({"nib": "1234 5678 9012", "npwp": "01.234.567.5-901.000", "kbli": ["10710", "99999"], "capital": -1}),
            &[("if-match", "\"0\"")],
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply.error_fields(),
        vec!["nib", "npwp", "capital", "kbli.1"]
    );
    assert_eq!(
        reply.body["errors"][0]["message"],
        "NIB has 13 digits; you typed 12."
    );
    assert_eq!(reply.body["errors"][1]["code"], "checksum");
}

#[tokio::test]
async fn a_legacy_npwp_is_stored_as_16_digits_with_the_nitku_and_scale_derived() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 0000 0003").await;
    let reply = api
        .json(
            Method::PUT,
            "/supplier/business",
            json!({"npwp": "01.234.567.4-901.000", "capital": 750_000_000, "kbli": ["10710"]}),
            &[("if-match", "\"0\"")],
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
    assert_eq!(reply.body["npwp"], "0012345674901000");
    assert_eq!(reply.body["nitku"], "0012345674901000000000");
    assert_eq!(reply.body["scale"], "mikro");
}

async fn complete_profile(api: &TestApi, cookie: &str) {
    let sections = [
        (
            "business",
            json!({"name": "Keripik Tempe Bu Sri", "legal_form": "perorangan", "nib": "1234567890123",
            "npwp": "012345674901000", "pkp": false, "capital": 50_000_000, "kbli": ["10793"]}),
        ),
        (
            "owner",
            json!({"name": "Sri Wahyuni", "nik": "3402014508850001", "phone": "0813 0000 0004"}),
        ),
        (
            "address",
            json!({"province": "34", "regency": "34.02", "district": "34.02.01",
            "village": "34.02.01.2001", "street": "Jl. Parangtritis Km 5", "postal_code": "55711"}),
        ),
        (
            "bank",
            json!({"bank_code": "002", "account_number": "0123-01-000123-50-1", "holder_name": "Sri Wahyuni"}),
        ),
    ];
    for (section, body) in sections {
        let etag = api
            .get(&format!("/supplier/{section}"), Some(cookie))
            .await
            .header("etag")
            .unwrap()
            .to_owned();
        let saved = api
            .json(
                Method::PUT,
                &format!("/supplier/{section}"),
                body,
                &[("if-match", &etag)],
                Some(cookie),
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{section}: {:?}", saved.body);
    }
}

/// The reviewer approves a submitted profile.
async fn approve(api: &TestApi, supplier: i64) {
    let approved = api
        .json(
            Method::POST,
            &format!("/dev/review/{supplier}"),
            json!({"decision": "approve"}),
            &[],
            None,
        )
        .await;
    assert_eq!(approved.body["status"], "approved");
}

#[tokio::test]
async fn submission_lists_what_is_missing_then_goes_through_review() {
    let api = TestApi::new();
    let (cookie, supplier) = api.new_supplier("0813 0000 0004").await;
    let early = api
        .send(Method::POST, "/supplier/submit", None, &[], Some(&cookie))
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.error_fields().contains(&"business.nib".to_owned()));
    assert!(early
        .error_fields()
        .contains(&"bank.holder_name".to_owned()));

    complete_profile(&api, &cookie).await;
    let overview = api.get("/supplier", Some(&cookie)).await;
    assert!(["business", "owner", "address", "bank"]
        .iter()
        .all(|s| overview.body["sections"][*s]["complete"] == true));
    let submitted = api
        .send(Method::POST, "/supplier/submit", None, &[], Some(&cookie))
        .await;
    assert_eq!(submitted.body["status"], "submitted");

    let locked = api
        .json(
            Method::PUT,
            "/supplier/owner",
            json!({"name": "X"}),
            &[("if-match", "\"1\"")],
            Some(&cookie),
        )
        .await;
    assert_eq!(
        locked.status,
        StatusCode::CONFLICT,
        "no edits while in review"
    );

    let review = api
        .json(
            Method::POST,
            &format!("/dev/review/{supplier}"),
            json!({"decision": "request_changes", "reasons": [{"field": "business.npwp", "message": "NPWP tidak cocok dengan kartu."}]}),
            &[],
            None,
        )
        .await;
    assert_eq!(review.body["status"], "changes_requested");
    let seen = api.get("/supplier", Some(&cookie)).await;
    assert_eq!(seen.body["reasons"][0]["field"], "business.npwp");

    let etag = api
        .get("/supplier/business", Some(&cookie))
        .await
        .header("etag")
        .unwrap()
        .to_owned();
    let mut business = api.get("/supplier/business", Some(&cookie)).await.body;
    business["npwp"] = json!("0012345674901001");
    let fixed = api
        .json(
            Method::PUT,
            "/supplier/business",
            business,
            &[("if-match", &etag)],
            Some(&cookie),
        )
        .await;
    assert_eq!(fixed.status, StatusCode::OK, "{:?}", fixed.body);
    let again = api
        .send(Method::POST, "/supplier/submit", None, &[], Some(&cookie))
        .await;
    assert_eq!(again.body["status"], "submitted");
    assert_eq!(again.body["reasons"], json!([]));
    approve(&api, supplier).await;
}

#[tokio::test]
async fn one_supplier_never_reads_or_writes_anothers_data() {
    let api = TestApi::new();
    let (alice, _) = api.new_supplier("0813 0000 0005").await;
    let (bob, _) = api.new_supplier("0813 0000 0006").await;
    api.json(
        Method::PUT,
        "/supplier/business",
        json!({"name": "Usaha Alice"}),
        &[("if-match", "\"0\"")],
        Some(&alice),
    )
    .await;
    assert_eq!(
        api.get("/supplier/business", Some(&bob)).await.body["name"],
        serde_json::Value::Null
    );

    let product = api
        .json(
            Method::POST,
            "/products",
            json!({"name": "Keripik", "unit": "pak", "price": 15000}),
            &[("idempotency-key", "alice-product-1")],
            Some(&alice),
        )
        .await;
    let id = product.body["id"].as_i64().unwrap();
    assert_eq!(
        api.get(&format!("/products/{id}"), Some(&bob)).await.status,
        StatusCode::NOT_FOUND
    );
    let stolen = api
        .json(
            Method::PUT,
            &format!("/products/{id}"),
            json!({"name": "Mine", "unit": "pak", "price": 1}),
            &[("if-match", "\"1\"")],
            Some(&bob),
        )
        .await;
    assert_eq!(stolen.status, StatusCode::NOT_FOUND);
    assert_eq!(
        api.send(
            Method::DELETE,
            &format!("/products/{id}"),
            None,
            &[],
            Some(&bob)
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        api.get(&format!("/products/{id}"), Some(&alice))
            .await
            .status,
        StatusCode::OK,
        "Bob's delete did nothing"
    );
    assert_eq!(api.get("/products", Some(&bob)).await.body["total"], 0);
}

#[tokio::test]
async fn malformed_json_and_wrong_types_are_400_problems_not_500() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 0000 0007").await;
    let broken = api
        .send(
            Method::PUT,
            "/supplier/business",
            Some(b"{\"name\": "),
            &[("if-match", "\"0\"")],
            Some(&cookie),
        )
        .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        broken.header("content-type"),
        Some("application/problem+json")
    );
    let typed = api
        .json(
            Method::POST,
            "/products",
            json!({"name": 5, "unit": "pak", "price": "lima"}),
            &[("idempotency-key", "typed-wrong-1")],
            Some(&cookie),
        )
        .await;
    assert_eq!(typed.status, StatusCode::BAD_REQUEST);
    let otp = api
        .send(Method::POST, "/auth/otp", Some(b"[]"), &[], None)
        .await;
    assert_eq!(otp.status, StatusCode::BAD_REQUEST);
}

/// PUTs `section` with `change` applied to what is stored; returns the answer.
async fn change(api: &TestApi, cookie: &str, section: &str, change: Value) -> support::Reply {
    let current = api.get(&format!("/supplier/{section}"), Some(cookie)).await;
    let etag = current.header("etag").unwrap().to_owned();
    let mut body = current.body;
    for (field, value) in change.as_object().unwrap() {
        body[field] = value.clone();
    }
    api.json(
        Method::PUT,
        &format!("/supplier/{section}"),
        body,
        &[("if-match", &etag)],
        Some(cookie),
    )
    .await
}

#[tokio::test]
async fn an_approved_profile_goes_back_to_review_when_checked_data_changes() {
    let api = TestApi::new();
    let (cookie, supplier) = api.new_supplier("0813 0000 0005").await;
    complete_profile(&api, &cookie).await;
    api.call(Method::POST, "/supplier/submit", Some(&cookie))
        .await;
    approve(&api, supplier).await;

    let moved = change(&api, &cookie, "address", json!({"street": "Jl. Bantul 9"})).await;
    assert_eq!(moved.status, StatusCode::OK);
    assert_eq!(moved.body["review_reset_by"], json!([]));
    let contact = change(&api, &cookie, "owner", json!({"email": "sri@example.com"})).await;
    assert_eq!(contact.body["review_reset_by"], json!([]));
    assert_eq!(
        api.get("/supplier", Some(&cookie)).await.body["status"],
        "approved"
    );

    let npwp = change(
        &api,
        &cookie,
        "business",
        json!({"npwp": "0012345674901001"}),
    )
    .await;
    assert_eq!(npwp.status, StatusCode::OK, "{:?}", npwp.body);
    assert_eq!(npwp.body["review_reset_by"], json!(["npwp"]));
    assert_eq!(
        api.get("/supplier", Some(&cookie)).await.body["status"],
        "submitted"
    );
    let trail = api.rows(&format!(
        "SELECT action, changes FROM audit WHERE supplier_id = {supplier} ORDER BY id DESC LIMIT 2"
    ));
    assert_eq!(trail[0][0], "review_reset");
    assert_eq!(trail[1][0], "PUT /supplier/business");
    let changes: Value = serde_json::from_str(&trail[1][1]).unwrap();
    assert_eq!(
        changes,
        json!([{"field": "npwp", "old": "••••••••••••1000", "new": "••••••••••••1001"}])
    );
}

#[tokio::test]
async fn staff_changing_an_approved_members_bank_account_sends_it_to_review_and_the_trail_says_what(
) {
    let api = TestApi::new();
    let staff = api.sign_in(support::DEMO_STAFF).await;
    // Member #5 (Joko Prasetyo) is approved.
    api.act_for(&staff, 5).await;
    let bank = change(
        &api,
        &staff,
        "bank",
        json!({"bank_code": "002", "account_number": "1234567890001", "holder_name": "Joko Prasetyo"}),
    )
    .await;
    assert_eq!(bank.status, StatusCode::OK, "{:?}", bank.body);
    assert_eq!(
        bank.body["review_reset_by"],
        json!(["bank_code", "account_number", "holder_name"])
    );
    let trail = api.get("/coop/audit?supplier_id=5", Some(&staff)).await;
    let entries = trail.body["items"].as_array().unwrap();
    assert_eq!(entries[0]["action"], "review_reset");
    assert_eq!(entries[1]["action"], "PUT /supplier/bank");
    assert!(entries[1]["changes"]
        .as_array()
        .unwrap()
        .contains(&json!({"field": "account_number", "old": null, "new": "•••••••••0001"})));
    assert!(!trail.bytes.windows(13).any(|w| w == b"1234567890001"));
}

async fn put_owner(api: &TestApi, cookie: &str, tag: &str) -> support::Reply {
    api.json(
        Method::PUT,
        "/supplier/owner",
        json!({"name": "Sri Rahayu"}),
        &[("if-match", tag)],
        Some(cookie),
    )
    .await
}

#[tokio::test]
async fn if_match_star_fails_for_a_section_never_saved_and_its_etag_0_still_saves() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2200 0001").await;
    let read = api.get("/supplier/owner", Some(&cookie)).await;
    assert_eq!(read.header("etag"), Some("\"0\""));
    let star = put_owner(&api, &cookie, "*").await;
    assert_eq!(
        star.status,
        StatusCode::PRECONDITION_FAILED,
        "{:?}",
        star.body
    );
    assert_eq!(star.header("etag"), Some("\"0\""));
    assert_eq!(
        put_owner(&api, &cookie, "\"0\"").await.status,
        StatusCode::OK,
        "the app's first save"
    );
    assert_eq!(
        put_owner(&api, &cookie, "*").await.status,
        StatusCode::OK,
        "now it exists"
    );
}
