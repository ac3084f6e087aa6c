//! The audit trail: acting for a member, tender save and interest (with the
//! value before), fields of products and documents made and deleted, staff
//! typing wrong link codes; and uploads across cooperatives.

mod support;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use support::{TestApi, DEMO_OWNER, DEMO_STAFF};

/// Each entry of the supplier's trail, oldest first: (action, changes).
fn trail(api: &TestApi, supplier: i64) -> Vec<(String, Value)> {
    api.rows(&format!(
        "SELECT action, changes FROM audit WHERE supplier_id = {supplier} ORDER BY id"
    ))
    .into_iter()
    .map(|row| (row[0].clone(), serde_json::from_str(&row[1]).unwrap()))
    .collect()
}

fn change<'a>(changes: &'a Value, field: &str) -> &'a Value {
    changes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == field)
        .unwrap_or_else(|| panic!("no {field} in {changes}"))
}

#[tokio::test]
async fn starting_and_stopping_acting_for_a_member_are_in_the_trail() {
    let api = TestApi::new();
    let staff = api.sign_in(DEMO_STAFF).await;
    assert_eq!(api.act_for(&staff, 2).await, StatusCode::OK);
    let stopped = api.call(Method::DELETE, "/coop/acting", Some(&staff)).await;
    assert_eq!(stopped.status, StatusCode::OK);
    let actions: Vec<String> = trail(&api, 2).into_iter().map(|(a, _)| a).collect();
    assert_eq!(actions, vec!["acting_started", "acting_stopped"]);
}

#[tokio::test]
async fn saving_a_tender_and_registering_interest_keep_the_value_before() {
    let api = TestApi::new();
    let (cookie, supplier) = api.new_supplier("0813 2300 0001").await;
    let open = api.get("/tenders", Some(&cookie)).await;
    let id = open.body["items"][0]["id"].as_i64().unwrap();
    let saved = api
        .call(Method::PUT, &format!("/tenders/{id}/saved"), Some(&cookie))
        .await;
    assert_eq!(saved.status, StatusCode::NO_CONTENT);
    for note in ["Bisa kirim 500 pcs", "Bisa kirim 800 pcs"] {
        let interest = api
            .json(
                Method::PUT,
                &format!("/tenders/{id}/interest"),
                json!({"note": note}),
                &[],
                Some(&cookie),
            )
            .await;
        assert_eq!(interest.status, StatusCode::OK, "{:?}", interest.body);
    }
    let entries = trail(&api, supplier);
    let actions: Vec<&str> = entries.iter().map(|(a, _)| a.as_str()).collect();
    let interest = format!("PUT /tenders/{id}/interest");
    assert_eq!(
        actions,
        vec![
            format!("PUT /tenders/{id}/saved").as_str(),
            &interest,
            &interest
        ]
    );
    let first = &entries[1].1;
    assert_eq!(change(first, "registered")["old"], false);
    assert_eq!(change(first, "note")["old"], Value::Null);
    let second = &entries[2].1;
    assert_eq!(change(second, "registered")["old"], true);
    assert_eq!(change(second, "note")["old"], "Bisa kirim 500 pcs");
    assert_eq!(change(second, "note")["new"], "Bisa kirim 800 pcs");
}

#[tokio::test]
async fn making_and_deleting_a_product_records_its_fields() {
    let api = TestApi::new();
    let (cookie, supplier) = api.new_supplier("0813 2300 0002").await;
    let made = api
        .json(
            Method::POST,
            "/products",
            json!({"name": "Keripik Tempe 250 g", "unit": "pak", "price": 15000}),
            &[("idempotency-key", "5b0a8c1e-2f3d-4a5b-8c7d-0000000a0001")],
            Some(&cookie),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
    let id = made.body["id"].as_i64().unwrap();
    let deleted = api
        .call(Method::DELETE, &format!("/products/{id}"), Some(&cookie))
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let entries = trail(&api, supplier);
    assert_eq!(entries[0].0, "POST /products");
    assert_eq!(change(&entries[0].1, "name")["new"], "Keripik Tempe 250 g");
    assert_eq!(change(&entries[0].1, "price")["old"], Value::Null);
    assert_eq!(entries[1].0, format!("DELETE /products/{id}"));
    assert_eq!(change(&entries[1].1, "name")["old"], "Keripik Tempe 250 g");
    assert_eq!(change(&entries[1].1, "name")["new"], Value::Null);
}

#[tokio::test]
async fn a_wrong_link_code_typed_by_staff_is_in_their_account_events() {
    let api = TestApi::new();
    let staff = api.sign_in(DEMO_STAFF).await;
    let invited = api
        .json(
            Method::POST,
            "/coop/members",
            json!({"owner_name": "Pak Joko", "phone": DEMO_OWNER}),
            &[("idempotency-key", "invite-audit-0001")],
            Some(&staff),
        )
        .await;
    let link = invited.body["link_id"].as_i64().unwrap();
    let code = api.last_code(DEMO_OWNER).await;
    let wrong = if code == "111111" { "222222" } else { "111111" };
    let typed = api
        .json(
            Method::POST,
            &format!("/coop/links/{link}/confirm"),
            json!({"code": wrong}),
            &[],
            Some(&staff),
        )
        .await;
    assert_eq!(typed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        api.rows(
            "SELECT COUNT(*) FROM account_events e JOIN users u ON u.id = e.user_id
             WHERE u.phone = '+6281298765432' AND e.action = 'link_code_failed'"
        ),
        vec![vec!["1".to_owned()]]
    );
}

#[tokio::test]
async fn staff_of_another_cooperative_never_reach_a_members_upload() {
    let api = TestApi::new();
    let staff = api.sign_in(DEMO_STAFF).await;
    assert_eq!(api.act_for(&staff, 2).await, StatusCode::OK);
    let created = api
        .send(
            Method::POST,
            "/uploads",
            None,
            &[("tus-resumable", "1.0.0"), ("upload-length", "16")],
            Some(&staff),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    let id = created.location_id();

    let other = api.new_staff("0813 6000 0010", "Koperasi Lain").await;
    api.a_minute_later();
    let member = api.confirmed_member(&other, "0813 2300 0003").await;
    assert_eq!(api.act_for(&other, member).await, StatusCode::OK);
    let path = format!("/uploads/{id}");
    let tus = ("tus-resumable", "1.0.0");
    let head = api
        .send(Method::HEAD, &path, None, &[tus], Some(&other))
        .await;
    assert_eq!(head.status, StatusCode::NOT_FOUND);
    let patch = api
        .send(
            Method::PATCH,
            &path,
            Some(b"\x89PNG\r\n\x1a\n"),
            &[
                tus,
                ("content-type", "application/offset+octet-stream"),
                ("upload-offset", "0"),
            ],
            Some(&other),
        )
        .await;
    assert_eq!(patch.status, StatusCode::NOT_FOUND);
    let delete = api
        .send(Method::DELETE, &path, None, &[tus], Some(&other))
        .await;
    assert_eq!(delete.status, StatusCode::NOT_FOUND);
    let mine = api
        .send(Method::HEAD, &path, None, &[tus], Some(&staff))
        .await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.header("upload-offset"), Some("0"));
}

#[tokio::test]
async fn a_member_without_a_profile_is_named_as_staff_invited_them() {
    let api = TestApi::new();
    let (staff, _member) = api
        .staff_acting_for_new_member("0813 2300 0031", "Koperasi Nama", "0813 2300 0032")
        .await;
    let me = api.get("/me", Some(&staff)).await;
    assert_eq!(me.body["acting_for"]["name"], "Anggota");
}
