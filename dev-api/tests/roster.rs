//! A cooperative's roster (issue 14): who needs something first, filters
//! by status, order by name or latest change, search by name or phone, the
//! open reasons and documents needing attention of each member; members of
//! other cooperatives never show, and owners get a clear 403 on staff paths.

mod support;

use axum::http::{Method, StatusCode};
use rantai::domain::calendar::{Day, Zone};
use serde_json::{json, Value};
use support::{TestApi, DEMO_OWNER, DEMO_STAFF};

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

/// The WIB day `days` from today, as the contract writes it.
fn wib_day(api: &TestApi, days: i64) -> String {
    let today = Day::today(api.state.now() * 1000, Zone::Wib);
    Day::from_days_since_epoch(today.days_since_epoch() + days).iso()
}

/// The roster at `query` (after `/coop/members`).
async fn roster(api: &TestApi, staff: &str, query: &str) -> Value {
    let reply = api.get(&format!("/coop/members{query}"), Some(staff)).await;
    assert_eq!(reply.status, StatusCode::OK, "{query}: {:?}", reply.body);
    reply.body
}

/// Each member's owner name, in the roster's order.
fn owners(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["owner_name"].as_str().unwrap().to_owned())
        .collect()
}

/// The member whose owner is `owner`.
fn member<'a>(page: &'a Value, owner: &str) -> &'a Value {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["owner_name"] == owner)
        .unwrap_or_else(|| panic!("no {owner} in {page}"))
}

/// A document of the member `staff` acts for, saved from a new upload;
/// returns its id.
async fn document(api: &TestApi, staff: &str, key: &str, mut body: Value) -> i64 {
    body["upload_id"] = json!(api.upload(staff, "dokumen.png", PNG).await);
    let made = api
        .json(
            Method::POST,
            "/documents",
            body,
            &[("idempotency-key", key)],
            Some(staff),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
    made.body["id"].as_i64().unwrap()
}

/// `PUT /supplier/bank` for the member `staff` acts for, first save.
async fn save_bank(api: &TestApi, staff: &str, holder: &str) {
    let saved = api
        .json(
            Method::PUT,
            "/supplier/bank",
            json!({"bank_code": "002", "account_number": "1234567890001", "holder_name": holder}),
            &[("if-match", "\"0\"")],
            Some(staff),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.body);
}

/// The demo cooperative (Siti draft, Bambang submitted, Wulan with one
/// change asked for, Joko approved) with: Joko's documents (one expiring
/// in 60 days, one in 61, one expired yesterday, one rejected); a new
/// member "Anggota" with its bank section complete; Siti's owner section
/// saved again (still incomplete); and a pending invitation for Ani
/// (business "Warung Ani").
/// Returns the staff's cookie.
async fn demo_roster(api: &TestApi) -> String {
    let staff = api.sign_in(DEMO_STAFF).await;
    assert_eq!(api.act_for(&staff, 5).await, StatusCode::OK);
    let expiring = |kind: &str, days: i64| json!({"kind": kind, "number": "123", "issued_on": "2024-01-02", "expires_on": wib_day(api, days)});
    document(api, &staff, "roster-doc-0001", expiring("iso", 60)).await;
    document(api, &staff, "roster-doc-0002", expiring("bpom", 61)).await;
    document(api, &staff, "roster-doc-0003", expiring("sni", -1)).await;
    let refused = document(api, &staff, "roster-doc-0004", json!({"kind": "nib"})).await;
    let rejected = api
        .json(
            Method::POST,
            &format!("/dev/documents/{refused}/review"),
            json!({"decision": "reject", "reason": "Tidak terbaca."}),
            &[],
            None,
        )
        .await;
    assert_eq!(rejected.status, StatusCode::OK, "{:?}", rejected.body);

    let newcomer = api.confirmed_member(&staff, "0813 7100 0001").await;
    assert_eq!(api.act_for(&staff, newcomer).await, StatusCode::OK);
    save_bank(api, &staff, "Anggota").await;
    // Siti's owner section changed a little later, still without her NIK.
    api.state.clock.advance(5);
    assert_eq!(api.act_for(&staff, 2).await, StatusCode::OK);
    let saved = api
        .json(
            Method::PUT,
            "/supplier/owner",
            json!({"name": "Siti Rahayu", "phone": "0813 1111 2222", "email": "siti@example.com"}),
            &[("if-match", "\"1\"")],
            Some(&staff),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.body);
    api.a_minute_later();
    let invited = api
        .json(
            Method::POST,
            "/coop/members",
            json!({"owner_name": "Ani Lestari", "phone": "0813 7100 0002", "business_name": "Warung Ani"}),
            &[("idempotency-key", "roster-invite-01")],
            Some(&staff),
        )
        .await;
    assert_eq!(invited.status, StatusCode::CREATED, "{:?}", invited.body);
    assert_eq!(invited.body["reasons"], 0);
    assert_eq!(invited.body["documents_attention"], 0);
    staff
}

#[tokio::test]
async fn the_roster_shows_who_needs_something_first_then_by_name() {
    let api = TestApi::new();
    let staff = demo_roster(&api).await;
    let page = roster(&api, &staff, "").await;
    assert_eq!(page["total"], 6);
    // Changes asked for; documents needing attention; a pending invitation;
    // then fewest sections complete (none for Bambang and Siti, by name,
    // the bank for Anggota, whose name comes first).
    assert_eq!(
        owners(&page),
        vec![
            "Wulan Sari",
            "Joko Prasetyo",
            "Ani Lestari",
            "Bambang Susilo",
            "Siti Rahayu",
            "Anggota"
        ]
    );
    assert_eq!(page, roster(&api, &staff, "?sort=attention").await);

    let wulan = member(&page, "Wulan Sari");
    assert_eq!(wulan["reasons"], 1);
    assert_eq!(wulan["documents_attention"], 0);
    let joko = member(&page, "Joko Prasetyo");
    assert_eq!(joko["status"], "approved");
    assert_eq!(joko["reasons"], 0);
    assert_eq!(joko["documents"], 4);
    // Expiring in 60 days, expired, rejected; not the one in 61 days.
    assert_eq!(joko["documents_attention"], 3);
    let ani = member(&page, "Ani Lestari");
    assert_eq!(ani["link_status"], "pending");
    assert_eq!(ani["reasons"], 0);
    assert_eq!(ani["documents_attention"], 0);
    assert_eq!(member(&page, "Anggota")["sections_complete"], 1);

    // Paging keeps the order.
    let second = roster(&api, &staff, "?per_page=2&page=2").await;
    assert_eq!(second["total"], 6);
    assert_eq!(owners(&second), vec!["Ani Lestari", "Bambang Susilo"]);
}

#[tokio::test]
async fn the_roster_filters_by_status_and_sorts_by_name_or_latest_change() {
    let api = TestApi::new();
    let staff = demo_roster(&api).await;
    for (status, expected) in [
        ("pending", vec!["Ani Lestari"]),
        ("draft", vec!["Siti Rahayu", "Anggota"]),
        ("submitted", vec!["Bambang Susilo"]),
        ("in_review", vec![]),
        ("approved", vec!["Joko Prasetyo"]),
        ("changes_requested", vec!["Wulan Sari"]),
    ] {
        let page = roster(&api, &staff, &format!("?status={status}")).await;
        assert_eq!(owners(&page), expected, "{status}");
        assert_eq!(page["total"], expected.len(), "{status}");
    }
    let unknown = api.get("/coop/members?status=verified", Some(&staff)).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        unknown.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(
        api.get("/coop/members?sort=newest", Some(&staff))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );

    // By the name the roster shows first: the business's, else the owner's.
    assert_eq!(
        owners(&roster(&api, &staff, "?sort=name").await),
        vec![
            "Anggota",
            "Bambang Susilo",
            "Joko Prasetyo",
            "Siti Rahayu",
            "Ani Lestari",
            "Wulan Sari"
        ]
    );
    // Latest change first (Siti after Anggota), then the seeded ones by
    // name; a pending invitation has none.
    assert_eq!(
        owners(&roster(&api, &staff, "?sort=updated").await),
        vec![
            "Siti Rahayu",
            "Anggota",
            "Bambang Susilo",
            "Joko Prasetyo",
            "Wulan Sari",
            "Ani Lestari"
        ]
    );
    // Filters and order together.
    assert_eq!(
        owners(&roster(&api, &staff, "?status=draft&sort=name&per_page=1&page=2").await),
        vec!["Siti Rahayu"]
    );
}

#[tokio::test]
async fn the_roster_finds_a_member_by_name_business_or_phone_as_typed() {
    let api = TestApi::new();
    let staff = demo_roster(&api).await;
    assert_eq!(api.act_for(&staff, 2).await, StatusCode::OK);
    let saved = api
        .json(
            Method::PUT,
            "/supplier/business",
            json!({"name": "Jamu Bu Siti"}),
            &[("if-match", "\"0\"")],
            Some(&staff),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.body);
    for (q, expected) in [
        ("wulan", vec!["Wulan Sari"]),
        ("JAMU", vec!["Siti Rahayu"]),
        ("warung", vec!["Ani Lestari"]),
        ("0813 3333 4444", vec!["Wulan Sari"]),
        ("+62 813-3333-4444", vec!["Wulan Sari"]),
        ("33334444", vec!["Wulan Sari"]),
        // A pending invitation, by the number the staff typed.
        ("0813-7100-0002", vec!["Ani Lestari"]),
        // Field names of the stored profile are not its data.
        ("name", vec![]),
        ("bank_code", vec![]),
        ("nonexistent", vec![]),
    ] {
        let query = format!("?q={}", q.replace(' ', "%20").replace('+', "%2B"));
        let page = roster(&api, &staff, &query).await;
        assert_eq!(owners(&page), expected, "{q}");
    }
}

#[tokio::test]
async fn staff_never_see_another_cooperatives_members_whatever_the_filter() {
    let api = TestApi::new();
    let staff = demo_roster(&api).await;
    let other = api.new_staff("0813 7100 0009", "Koperasi Lain").await;
    api.a_minute_later();
    api.confirmed_member(&other, "0813 7100 0010").await;
    for query in [
        "",
        "?sort=name",
        "?sort=updated",
        "?status=pending",
        "?status=draft",
        "?status=submitted",
        "?status=approved",
        "?status=changes_requested",
        "?q=wulan",
        "?q=0813%203333%204444",
        "?q=warung&status=pending",
    ] {
        let page = roster(&api, &other, query).await;
        let phones: Vec<&Value> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| &m["phone"])
            .collect();
        assert!(
            phones.iter().all(|phone| **phone == "+6281371000010"),
            "{query}: {phones:?}"
        );
    }
    let own = roster(&api, &other, "?status=draft").await;
    assert_eq!(own["total"], 1);
    assert_eq!(own["items"][0]["phone"], "+6281371000010");
    // And the demo cooperative does not see the other's member.
    let demo = roster(&api, &staff, "?q=0813%207100%200010").await;
    assert_eq!(demo["total"], 0);
}

#[tokio::test]
async fn an_owner_on_any_staff_path_is_told_it_is_for_cooperative_staff() {
    let api = TestApi::new();
    let owner = api.sign_in(DEMO_OWNER).await;
    let undecided = api.sign_in("0813 7100 0020").await;
    let attempts: [(Method, &str, Option<Value>); 9] = [
        (Method::GET, "/coop/members", None),
        (Method::GET, "/coop/members?status=pending&sort=name", None),
        (
            Method::POST,
            "/coop/members",
            Some(json!({"owner_name": "Ani", "phone": "0813 7100 0021"})),
        ),
        (Method::DELETE, "/coop/links/1", None),
        (
            Method::POST,
            "/coop/links/1/confirm",
            Some(json!({"code": "123456"})),
        ),
        (Method::POST, "/coop/links/1/code", None),
        (Method::PUT, "/coop/acting", Some(json!({"supplier_id": 1}))),
        (Method::DELETE, "/coop/acting", None),
        (Method::GET, "/coop/audit?supplier_id=1", None),
    ];
    for cookie in [&owner, &undecided] {
        for (method, path, body) in &attempts {
            let bytes = body.as_ref().map(Value::to_string);
            let reply = api
                .send(
                    method.clone(),
                    path,
                    bytes.as_deref().map(str::as_bytes),
                    &[("idempotency-key", "owner-on-coop-01")],
                    Some(cookie),
                )
                .await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{method} {path}");
            assert_eq!(
                reply.header("content-type"),
                Some("application/problem+json"),
                "{method} {path}"
            );
            let detail = reply.body["detail"].as_str().unwrap_or_default();
            assert!(
                detail.contains("for cooperative staff"),
                "{method} {path}: {detail}"
            );
        }
    }
    assert_eq!(
        api.rows("SELECT COUNT(*) FROM coop_links WHERE phone = '+6281371000021'"),
        vec![vec!["0".to_owned()]],
        "no invitation made"
    );
}
