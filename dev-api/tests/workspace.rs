//! Cooperative staff, reference data, faults and the served app.

mod support;

use axum::http::{Method, StatusCode};
use dev_api::Config;
use serde_json::json;
use support::{TestApi, DEMO_OWNER, DEMO_STAFF};

#[tokio::test]
async fn staff_see_their_members_act_for_one_and_the_change_is_audited() {
    let api = TestApi::new();
    let staff = api.sign_in(DEMO_STAFF).await;
    let members = api.get("/coop/members", Some(&staff)).await;
    assert_eq!(members.status, StatusCode::OK);
    assert_eq!(members.body["total"], 4);
    let statuses: Vec<&str> = members.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["status"].as_str().unwrap())
        .collect();
    // Who needs something first (changes asked for), then by name: Bambang,
    // Joko, Siti (none has a section complete).
    assert_eq!(
        statuses,
        vec!["changes_requested", "submitted", "approved", "draft"]
    );

    assert_eq!(
        api.get("/supplier", Some(&staff)).await.status,
        StatusCode::FORBIDDEN,
        "acting for nobody yet"
    );
    let acting = api
        .json(
            Method::PUT,
            "/coop/acting",
            json!({"supplier_id": 2}),
            &[],
            Some(&staff),
        )
        .await;
    assert_eq!(acting.status, StatusCode::OK);
    assert_eq!(acting.body["acting_for"]["name"], "Siti Rahayu");
    let saved = api
        .json(
            Method::PUT,
            "/supplier/business",
            json!({"name": "Jamu Bu Siti"}),
            &[("if-match", "\"0\"")],
            Some(&staff),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK);

    let audit = api.get("/coop/audit?supplier_id=2", Some(&staff)).await;
    assert_eq!(audit.body["items"][0]["action"], "PUT /supplier/business");
    assert_eq!(audit.body["items"][0]["actor"], "+6281298765432");

    let done = api
        .send(Method::DELETE, "/coop/acting", None, &[], Some(&staff))
        .await;
    assert_eq!(done.body["acting_for"], serde_json::Value::Null);
}

#[tokio::test]
async fn staff_cannot_act_for_another_cooperatives_member() {
    let api = TestApi::new();
    let other = api.sign_in("0813 3000 0001").await;
    api.json(
        Method::PUT,
        "/me/role",
        json!({"role": "coop_staff", "cooperative_name": "Koperasi Lain"}),
        &[],
        Some(&other),
    )
    .await;
    let refused = api
        .json(
            Method::PUT,
            "/coop/acting",
            json!({"supplier_id": 2}),
            &[],
            Some(&other),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        api.get("/coop/members", Some(&other)).await.body["total"],
        0
    );
    let owner = api.sign_in(DEMO_OWNER).await;
    assert_eq!(
        api.get("/coop/members", Some(&owner)).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn staff_add_a_member_once_even_when_the_request_is_repeated() {
    let api = TestApi::new();
    let staff = api.sign_in(DEMO_STAFF).await;
    let body = json!({"owner_name": "Ani Lestari", "phone": "0813 4444 0001", "business_name": "Batik Ani"});
    let key = [("idempotency-key", "member-ani-000001")];
    let first = api
        .json(
            Method::POST,
            "/coop/members",
            body.clone(),
            &key,
            Some(&staff),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{:?}", first.body);
    let again = api
        .json(
            Method::POST,
            "/coop/members",
            body.clone(),
            &key,
            Some(&staff),
        )
        .await;
    assert_eq!(again.body["supplier_id"], first.body["supplier_id"]);
    assert_eq!(
        api.get("/coop/members", Some(&staff)).await.body["total"],
        5
    );
    // Asking again with another key answers the same pending invitation
    // (never a 409 that would tell the number has an account).
    let again = api
        .json(
            Method::POST,
            "/coop/members",
            body,
            &[("idempotency-key", "member-ani-000002")],
            Some(&staff),
        )
        .await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.body["link_id"], first.body["link_id"]);
}

#[tokio::test]
async fn reference_data_is_cacheable_and_complete() {
    let api = TestApi::new();
    let provinces = api.get("/reference/provinces", None).await;
    assert_eq!(provinces.body["items"].as_array().unwrap().len(), 38);
    assert_eq!(provinces.body["version"], "idn-area-data 3.1.2");
    let etag = provinces.header("etag").unwrap().to_owned();
    assert!(provinces
        .header("cache-control")
        .unwrap()
        .contains("max-age"));
    let again = api
        .send(
            Method::GET,
            "/reference/provinces",
            None,
            &[("if-none-match", &etag)],
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);

    let regencies = api.get("/reference/regencies?province=34", None).await;
    assert!(regencies.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["name"] == "Kabupaten Bantul"));
    let villages = api.get("/reference/villages?district=34.02.01", None).await;
    assert!(!villages.body["items"].as_array().unwrap().is_empty());
    assert_eq!(
        api.get("/reference/regencies?province=abc", None)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );

    let by_code = api.get("/reference/kbli?q=107", None).await;
    assert!(by_code.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|k| k["code"].as_str().unwrap().starts_with("107")));
    let by_words = api.get("/reference/kbli?q=kue%20basah", None).await;
    assert!(by_words.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k["code"] == "10792"));
    let all: i64 = {
        let connection = api.state.db().unwrap();
        connection
            .query_row("SELECT COUNT(*) FROM kbli", [], |row| row.get(0))
            .unwrap()
    };
    assert_eq!(all, 1790);
    assert!(api.get("/reference/banks", None).await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["code"] == "014"));
}

#[tokio::test]
async fn with_fault_rate_one_every_api_request_fails_but_never_with_a_500() {
    let api = TestApi::with(Config {
        dev: true,
        fault_rate: 1.0,
        ..Config::default()
    });
    for _ in 0..12 {
        let reply = api.get("/reference/banks", None).await;
        assert!(
            reply.status == StatusCode::SERVICE_UNAVAILABLE || reply.bytes.is_empty(),
            "{} {:?}",
            reply.status,
            reply.body
        );
    }
    assert_eq!(
        api.get("/dev/otp?phone=%2B6281234567890", None)
            .await
            .status,
        StatusCode::NOT_FOUND,
        "dev endpoints are spared"
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let api = TestApi::new();
    let reply = api.get("/reference/units", None).await;
    assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    assert!(reply
        .header("content-security-policy")
        .unwrap()
        .contains("frame-ancestors 'none'"));
    let private = api.get("/me", Some(&api.sign_in(DEMO_OWNER).await)).await;
    assert_eq!(private.header("cache-control"), Some("no-store"));
}
