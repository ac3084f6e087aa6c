//! The member's own view of what cooperative staff did for them (issue 14):
//! `GET /supplier/trail`, newest first, each entry with the staff member
//! (their name, asked when they chose to be staff; the masked phone for
//! staff without one), their cooperative, the part of
//! the data touched and the fields changed, masked as `/coop/audit` shows
//! them; never the owner's own changes.

mod support;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use support::TestApi;

/// The page of the trail `cookie` sees at `query` (after `/supplier/trail`).
async fn trail(api: &TestApi, cookie: &str, query: &str) -> Value {
    let reply = api
        .get(&format!("/supplier/trail{query}"), Some(cookie))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{query}: {:?}", reply.body);
    reply.body
}

/// Each entry's `(action, section)`, newest first.
fn actions(page: &Value) -> Vec<(String, Value)> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_owned(),
                e["section"].clone(),
            )
        })
        .collect()
}

fn entry(action: &str, section: Value) -> (String, Value) {
    (action.to_owned(), section)
}

#[tokio::test]
async fn the_member_sees_what_staff_did_for_them_newest_first_and_masked() {
    let api = TestApi::new();
    let staff = api.new_staff("0813 7200 0001", "Koperasi Makmur").await;
    let (owner, _) = api.new_supplier("0813 7200 0002").await;
    api.a_minute_later();
    let member = api.confirmed_member(&staff, "0813 7200 0002").await;
    // The owner's own change is not in their trail of what staff did.
    let own = api
        .json(
            Method::PUT,
            "/supplier/business",
            json!({"name": "Toko Sari Rasa"}),
            &[("if-match", "\"0\"")],
            Some(&owner),
        )
        .await;
    assert_eq!(own.status, StatusCode::OK, "{:?}", own.body);
    assert_eq!(api.act_for(&staff, member).await, StatusCode::OK);
    let bank = api
        .json(
            Method::PUT,
            "/supplier/bank",
            json!({"bank_code": "002", "account_number": "1234567890001", "holder_name": "Sari"}),
            &[("if-match", "\"0\"")],
            Some(&staff),
        )
        .await;
    assert_eq!(bank.status, StatusCode::OK, "{:?}", bank.body);

    let page = trail(&api, &owner, "").await;
    assert_eq!(page["total"], 3);
    assert_eq!(
        actions(&page),
        vec![
            entry("PUT /supplier/bank", json!("bank")),
            entry("acting_started", json!("acting")),
            entry("link_confirmed", json!("link")),
        ]
    );
    let latest = &page["items"][0];
    let mut keys: Vec<&String> = latest.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        vec![
            "action",
            "at",
            "changes",
            "cooperative",
            "section",
            "staff_name"
        ]
    );
    assert_eq!(latest["staff_name"], "••••••••••0001");
    assert_eq!(latest["cooperative"]["name"], "Koperasi Makmur");
    let cooperative = api.rows("SELECT id FROM cooperatives WHERE name = 'Koperasi Makmur'");
    assert_eq!(
        latest["cooperative"]["id"].to_string(),
        cooperative[0][0],
        "the staff member's cooperative"
    );
    assert!(latest["at"].as_str().unwrap().ends_with('Z'));
    assert!(latest["changes"]
        .as_array()
        .unwrap()
        .contains(&json!({"field": "account_number", "old": null, "new": "•••••••••0001"})));
    // Masked exactly as the cooperative's own trail shows them.
    let audit = api
        .get(&format!("/coop/audit?supplier_id={member}"), Some(&staff))
        .await;
    assert_eq!(audit.body["items"][0]["action"], "PUT /supplier/bank");
    assert_eq!(audit.body["items"][0]["changes"], latest["changes"]);
    assert!(!page.to_string().contains("1234567890001"));
    assert!(!page.to_string().contains("+6281372000001"));

    // Staff acting for the member see the member's trail.
    assert_eq!(trail(&api, &staff, "").await, page);

    // A second cooperative's staff, once the member lets them act.
    let other = api.new_staff("0813 7200 0003", "Koperasi Lain").await;
    let invited = api
        .json(
            Method::POST,
            "/coop/members",
            json!({"owner_name": "Sari", "phone": "0813 7200 0002"}),
            &[("idempotency-key", "trail-invite-01")],
            Some(&other),
        )
        .await;
    assert_eq!(invited.status, StatusCode::CREATED, "{:?}", invited.body);
    let link = invited.body["link_id"].as_i64().unwrap();
    let confirmed = api
        .call(
            Method::POST,
            &format!("/me/cooperative-links/{link}/confirm"),
            Some(&owner),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{:?}", confirmed.body);
    assert_eq!(api.act_for(&other, member).await, StatusCode::OK);
    let stopped = api.call(Method::DELETE, "/coop/acting", Some(&staff)).await;
    assert_eq!(stopped.status, StatusCode::OK);

    let page = trail(&api, &owner, "").await;
    assert_eq!(
        page["total"], 5,
        "the owner's own confirmation is not in it"
    );
    assert_eq!(
        actions(&page)[..2],
        [
            entry("acting_stopped", json!("acting")),
            entry("acting_started", json!("acting")),
        ]
    );
    assert_eq!(page["items"][0]["cooperative"]["name"], "Koperasi Makmur");
    assert_eq!(page["items"][1]["cooperative"]["name"], "Koperasi Lain");
    assert_eq!(page["items"][1]["staff_name"], "••••••••••0003");

    let second = trail(&api, &owner, "?page=2&per_page=2").await;
    assert_eq!(second["total"], 5);
    assert_eq!(second["page"], 2);
    assert_eq!(second["per_page"], 2);
    assert_eq!(
        second["items"],
        json!(page["items"].as_array().unwrap()[2..4])
    );
    assert_eq!(
        api.get("/supplier/trail?per_page=0", Some(&owner))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );

    // Staff who stopped acting have no supplier's trail to read.
    assert_eq!(
        api.get("/supplier/trail", Some(&staff)).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_session_without_a_supplier_has_no_trail() {
    let api = TestApi::new();
    assert_eq!(
        api.get("/supplier/trail", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let undecided = api.sign_in("0813 7200 0010").await;
    let staff = api
        .new_staff("0813 7200 0011", "Koperasi Tanpa Anggota")
        .await;
    for cookie in [&undecided, &staff] {
        let reply = api.get("/supplier/trail", Some(cookie)).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        assert_eq!(
            reply.header("content-type"),
            Some("application/problem+json")
        );
    }
    // An owner nobody helped has an empty trail, not an error.
    let (owner, _) = api.new_supplier("0813 7200 0012").await;
    let page = trail(&api, &owner, "").await;
    assert_eq!(
        page,
        json!({"items": [], "total": 0, "page": 1, "per_page": 20})
    );
}

#[tokio::test]
async fn staff_named_when_they_chose_the_role_are_named_on_the_trail() {
    let api = TestApi::new();
    let cookie = api.sign_in("0813 7200 0020").await;
    let too_long = api
        .json(
            Method::PUT,
            "/me/role",
            json!({"role": "coop_staff", "cooperative_name": "Koperasi Makmur", "name": "R".repeat(101)}),
            &[],
            Some(&cookie),
        )
        .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_long.error_fields(), vec!["name"]);
    let me = api
        .json(
            Method::PUT,
            "/me/role",
            json!({"role": "coop_staff", "cooperative_name": "Koperasi Makmur", "name": "  Rina  "}),
            &[],
            Some(&cookie),
        )
        .await;
    assert_eq!(me.status, StatusCode::OK, "{:?}", me.body);
    assert_eq!(me.body["name"], "Rina");
    assert_eq!(api.get("/me", Some(&cookie)).await.body["name"], "Rina");
    api.new_supplier("0813 7200 0021").await;
    api.a_minute_later();
    let member = api.confirmed_member(&cookie, "0813 7200 0021").await;
    assert_eq!(api.act_for(&cookie, member).await, StatusCode::OK);
    let page = trail(&api, &cookie, "").await;
    assert_eq!(page["items"][0]["staff_name"], "Rina");
    // An owner's account has no staff name, and cannot give one.
    let (owner, _) = api.new_supplier("0813 7200 0022").await;
    assert_eq!(api.get("/me", Some(&owner)).await.body["name"], Value::Null);
    let refused = api
        .json(
            Method::PUT,
            "/me/name",
            json!({"name": "Sari"}),
            &[],
            Some(&owner),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn staff_without_a_name_give_it_later_and_the_trail_names_them_from_then() {
    let api = TestApi::new();
    let staff = api.new_staff("0813 7200 0030", "Koperasi Makmur").await;
    assert_eq!(api.get("/me", Some(&staff)).await.body["name"], Value::Null);
    api.new_supplier("0813 7200 0031").await;
    api.a_minute_later();
    let member = api.confirmed_member(&staff, "0813 7200 0031").await;
    assert_eq!(api.act_for(&staff, member).await, StatusCode::OK);
    assert_eq!(
        trail(&api, &staff, "").await["items"][0]["staff_name"],
        "••••••••••0030"
    );
    for (name, field) in [("   ", "name"), (&"R".repeat(101), "name")] {
        let refused = api
            .json(
                Method::PUT,
                "/me/name",
                json!({"name": name}),
                &[],
                Some(&staff),
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{name:?}");
        assert_eq!(refused.error_fields(), vec![field]);
    }
    let named = api
        .json(
            Method::PUT,
            "/me/name",
            json!({"name": " Rina "}),
            &[],
            Some(&staff),
        )
        .await;
    assert_eq!(named.status, StatusCode::OK, "{:?}", named.body);
    assert_eq!(named.body["name"], "Rina");
    assert_eq!(named.body["acting_for"]["supplier_id"], member);
    // Every entry names them now, those from before too: the trail names
    // the person, whatever they were called then.
    assert_eq!(
        trail(&api, &staff, "").await["items"][0]["staff_name"],
        "Rina"
    );
}
