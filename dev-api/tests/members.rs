//! A cooperative's links to its members: pending until the member confirms
//! with a code, no personal data before that, either side can end a link.

mod support;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use support::{TestApi, DEMO_OWNER, DEMO_STAFF};

async fn invite(api: &TestApi, staff: &str, phone: &str, name: &str, key: &str) -> Value {
    let added = api
        .json(
            Method::POST,
            "/coop/members",
            json!({"owner_name": name, "phone": phone}),
            &[("idempotency-key", key)],
            Some(staff),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{:?}", added.body);
    added.body
}

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

#[tokio::test]
async fn a_new_member_stays_pending_until_the_staff_types_the_code_they_read_out() {
    let api = TestApi::new();
    let staff = api.sign_in(DEMO_STAFF).await;
    let member = invite(
        &api,
        &staff,
        "0813 5555 0001",
        "Ani Lestari",
        "invite-ani-01",
    )
    .await;
    assert_eq!(member["link_status"], "pending");
    assert_eq!(member["supplier_id"], Value::Null);
    assert_eq!(member["status"], Value::Null);
    let link = member["link_id"].as_i64().unwrap();
    // The member signs in and chooses UMKM; the invitation now points at
    // their own supplier, still pending.
    api.a_minute_later();
    let (_, supplier) = api.new_supplier("0813 5555 0001").await;
    api.a_minute_later();
    let resent = api
        .call(
            Method::POST,
            &format!("/coop/links/{link}/code"),
            Some(&staff),
        )
        .await;
    assert_eq!(resent.status, StatusCode::ACCEPTED, "{:?}", resent.body);
    assert_eq!(
        api.act_for(&staff, supplier).await,
        StatusCode::FORBIDDEN,
        "no acting for a pending member"
    );
    let roster = api.get("/coop/members?q=ani", Some(&staff)).await;
    assert_eq!(roster.body["items"][0]["link_status"], "pending");

    let wrong = api
        .json(
            Method::POST,
            &format!("/coop/links/{link}/confirm"),
            json!({"code": "000000"}),
            &[],
            Some(&staff),
        )
        .await;
    // One in a million: the random code could be 000000.
    if api.last_code("0813 5555 0001").await != "000000" {
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(wrong.body["errors"][0]["code"], "wrong");
    }
    let code = api.last_code("0813 5555 0001").await;
    let confirmed = api
        .json(
            Method::POST,
            &format!("/coop/links/{link}/confirm"),
            json!({"code": code}),
            &[],
            Some(&staff),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{:?}", confirmed.body);
    assert_eq!(confirmed.body["link_status"], "confirmed");
    assert_eq!(confirmed.body["supplier_id"], supplier);
    assert_eq!(confirmed.body["status"], "draft");
    assert_eq!(api.act_for(&staff, supplier).await, StatusCode::OK);
    let trail = api
        .get(&format!("/coop/audit?supplier_id={supplier}"), Some(&staff))
        .await;
    let actions: Vec<&str> = trail.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["acting_started", "link_confirmed"]);
}

#[tokio::test]
async fn adding_a_number_that_has_an_account_answers_the_same_and_shows_none_of_its_data() {
    let api = TestApi::new();
    let staff = api.new_staff("0813 6000 0001", "Koperasi Baru").await;
    let fresh = invite(&api, &staff, "0813 5555 0002", "Budi", "invite-new-0001").await;
    let existing = invite(&api, &staff, DEMO_OWNER, "Budi", "invite-old-0001").await;
    assert_eq!(keys(&fresh), keys(&existing));
    for field in [
        "link_status",
        "supplier_id",
        "owner_name",
        "business_name",
        "status",
        "sections_complete",
        "products",
        "documents",
        "updated_at",
    ] {
        assert_eq!(fresh[field], existing[field], "{field}");
    }
    assert!(!existing.to_string().contains("Kopi Merapi"));
    api.a_minute_later();
    // The link points at the owner's own supplier (#1), which stays theirs.
    assert_eq!(api.act_for(&staff, 1).await, StatusCode::FORBIDDEN);
    assert_eq!(
        api.get("/supplier", Some(&staff)).await.status,
        StatusCode::FORBIDDEN
    );
    let owner = api.sign_in(DEMO_OWNER).await;
    let me = api.get("/me", Some(&owner)).await;
    assert_eq!(me.body["supplier_id"], 1);
}

#[tokio::test]
async fn the_member_sees_a_pending_link_on_their_phone_confirms_it_and_can_end_it() {
    let api = TestApi::new();
    let staff = api.new_staff("0813 6000 0002", "Koperasi Sejahtera").await;
    let member = invite(&api, &staff, DEMO_OWNER, "Pak Joko", "invite-own-0001").await;
    api.a_minute_later();
    let owner = api.sign_in(DEMO_OWNER).await;
    let links = api.get("/me/cooperative-links", Some(&owner)).await;
    assert_eq!(links.status, StatusCode::OK);
    let link = &links.body["items"][0];
    assert_eq!(link["id"], member["link_id"]);
    assert_eq!(link["status"], "pending");
    assert_eq!(link["cooperative"]["name"], "Koperasi Sejahtera");
    let id = link["id"].as_i64().unwrap();

    let confirmed = api
        .call(
            Method::POST,
            &format!("/me/cooperative-links/{id}/confirm"),
            Some(&owner),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{:?}", confirmed.body);
    assert_eq!(confirmed.body["status"], "confirmed");
    assert_eq!(api.act_for(&staff, 1).await, StatusCode::OK);
    assert_eq!(
        api.get("/supplier/business", Some(&staff)).await.status,
        StatusCode::OK
    );

    // Staff acting for the member cannot touch the member's links.
    assert_eq!(
        api.get("/me/cooperative-links", Some(&staff)).await.body["items"],
        json!([])
    );
    assert_eq!(
        api.call(
            Method::DELETE,
            &format!("/me/cooperative-links/{id}"),
            Some(&staff)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    let ended = api
        .call(
            Method::DELETE,
            &format!("/me/cooperative-links/{id}"),
            Some(&owner),
        )
        .await;
    assert_eq!(ended.status, StatusCode::NO_CONTENT);
    assert_eq!(
        api.get("/supplier/business", Some(&staff)).await.status,
        StatusCode::FORBIDDEN,
        "acting ends with the link"
    );
    assert_eq!(
        api.get("/coop/members", Some(&staff)).await.body["total"],
        0
    );
}

#[tokio::test]
async fn an_invited_number_that_becomes_a_supplier_sees_the_invitation_and_can_refuse_it() {
    let api = TestApi::new();
    let staff = api.sign_in(DEMO_STAFF).await;
    let member = invite(&api, &staff, "0813 5555 0003", "Rina", "invite-rina-001").await;
    api.a_minute_later();
    let (owner, _) = api.new_supplier("0813 5555 0003").await;
    let links = api.get("/me/cooperative-links", Some(&owner)).await;
    assert_eq!(links.body["items"][0]["status"], "pending");
    assert_eq!(
        links.body["items"][0]["cooperative"]["name"],
        "Koperasi Produsen Makmur Bantul"
    );
    let id = member["link_id"].as_i64().unwrap();
    let refused = api
        .call(
            Method::DELETE,
            &format!("/me/cooperative-links/{id}"),
            Some(&owner),
        )
        .await;
    assert_eq!(refused.status, StatusCode::NO_CONTENT);
    let late = api
        .json(
            Method::POST,
            &format!("/coop/links/{id}/confirm"),
            json!({"code": api.last_code("0813 5555 0003").await}),
            &[],
            Some(&staff),
        )
        .await;
    assert_eq!(late.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn another_cooperative_cannot_confirm_resend_or_end_a_link() {
    let api = TestApi::new();
    let staff = api.sign_in(DEMO_STAFF).await;
    let member = invite(&api, &staff, "0813 5555 0004", "Sumarni", "invite-sari-001").await;
    let id = member["link_id"].as_i64().unwrap();
    let other = api.new_staff("0813 6000 0003", "Koperasi Lain").await;
    let code = api.last_code("0813 5555 0004").await;
    let attempts = [
        (
            Method::POST,
            format!("/coop/links/{id}/confirm"),
            Some(json!({"code": code})),
        ),
        (Method::POST, format!("/coop/links/{id}/code"), None),
        (Method::DELETE, format!("/coop/links/{id}"), None),
    ];
    for (method, path, body) in attempts {
        let bytes = body.map(|b| b.to_string());
        let reply = api
            .send(
                method.clone(),
                &path,
                bytes.as_deref().map(str::as_bytes),
                &[],
                Some(&other),
            )
            .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{method} {path}");
    }
    // The invitation still stands for its own cooperative.
    let roster = api.get("/coop/members?q=sumarni", Some(&staff)).await;
    assert_eq!(roster.body["total"], 1);
}

#[tokio::test]
async fn staff_resend_a_code_for_a_pending_link_within_the_per_number_limits() {
    let api = TestApi::new();
    let staff = api.sign_in(DEMO_STAFF).await;
    let member = invite(&api, &staff, "0813 5555 0005", "Dewi", "invite-dewi-001").await;
    let id = member["link_id"].as_i64().unwrap();
    let soon = api
        .call(
            Method::POST,
            &format!("/coop/links/{id}/code"),
            Some(&staff),
        )
        .await;
    assert_eq!(soon.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(soon.header("retry-after").is_some());
    api.a_minute_later();
    let again = api
        .call(
            Method::POST,
            &format!("/coop/links/{id}/code"),
            Some(&staff),
        )
        .await;
    assert_eq!(again.status, StatusCode::ACCEPTED, "{:?}", again.body);
    assert_eq!(again.body["phone"], "+6281355550005");
}

#[tokio::test]
async fn adding_a_member_makes_no_account_and_the_owner_still_chooses_their_role() {
    let api = TestApi::new();
    let staff = api.sign_in(DEMO_STAFF).await;
    let member = invite(
        &api,
        &staff,
        "0813 5555 0006",
        "Orang Asing",
        "invite-pre-0001",
    )
    .await;
    let link = member["link_id"].as_i64().unwrap();
    assert_eq!(
        api.rows("SELECT COUNT(*) FROM users WHERE phone = '+6281355550006'"),
        vec![vec!["0".to_owned()]],
        "no account for the number"
    );
    // Staff type the right code before the owner has an account: nothing
    // is linked (consent is for an account that exists).
    let early = api
        .json(
            Method::POST,
            &format!("/coop/links/{link}/confirm"),
            json!({"code": api.last_code("0813 5555 0006").await}),
            &[],
            Some(&staff),
        )
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{:?}", early.body);
    assert_eq!(
        api.get("/coop/members?q=asing", Some(&staff)).await.body["items"][0]["link_status"],
        "pending"
    );
    // The real owner signs in: no role yet, nothing a stranger named, and
    // they may choose to be staff of a cooperative of their own.
    api.a_minute_later();
    let owner = api.sign_in("0813 5555 0006").await;
    let me = api.get("/me", Some(&owner)).await;
    assert_eq!(me.body["role"], Value::Null);
    assert_eq!(me.body["supplier_id"], Value::Null);
    let chosen = api
        .json(
            Method::PUT,
            "/me/role",
            json!({"role": "coop_staff", "cooperative_name": "Koperasi Saya"}),
            &[],
            Some(&owner),
        )
        .await;
    assert_eq!(chosen.status, StatusCode::OK, "{:?}", chosen.body);

    // An existing user who has not chosen a role keeps no role.
    let undecided = api.sign_in("0813 5555 0007").await;
    invite(
        &api,
        &staff,
        "0813 5555 0007",
        "Orang Lain",
        "invite-pre-0002",
    )
    .await;
    let me = api.get("/me", Some(&undecided)).await;
    assert_eq!(me.body["role"], Value::Null);
    assert_eq!(me.body["supplier_id"], Value::Null);
}

#[tokio::test]
async fn inviting_a_number_again_answers_the_same_invitation_whoever_owns_it() {
    let api = TestApi::new();
    let staff = api.sign_in(DEMO_STAFF).await;
    api.new_staff("0813 6000 0009", "Koperasi Tetangga").await;
    api.a_minute_later();
    let suppliers = api.rows("SELECT COUNT(*) FROM suppliers");
    for (number, phone) in [
        ("staff", "0813 6000 0009"),
        ("owner", DEMO_OWNER),
        ("unregistered", "0813 5555 0008"),
    ] {
        let first = invite(&api, &staff, phone, "Nama", &format!("again-{number}-1")).await;
        api.a_minute_later();
        let second = invite(&api, &staff, phone, "Nama", &format!("again-{number}-2")).await;
        assert_eq!(first["link_id"], second["link_id"], "{number}");
        assert_eq!(keys(&first), keys(&second), "{number}");
        assert_eq!(first["supplier_id"], Value::Null, "{number}");
    }
    assert_eq!(
        api.rows("SELECT COUNT(*) FROM suppliers"),
        suppliers,
        "no supplier made by inviting"
    );
}
