//! Tenders: search, detail, saving and interest, signed in and signed out.

mod support;

use std::io::Read;

use axum::http::{Method, StatusCode};
use support::{TestApi, DEMO_OWNER, DEMO_STAFF};

#[tokio::test]
async fn tenders_are_searched_filtered_paged_and_saved() {
    let api = TestApi::new();
    let cookie = api.sign_in(DEMO_OWNER).await;
    let all = api.get("/tenders?per_page=5", Some(&cookie)).await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(all.body["total"], 2000);
    let first = &all.body["items"][0];
    assert_ne!(
        first["status"], "closed",
        "open tenders come first by deadline"
    );
    assert!(first["deadline"].as_str().unwrap().ends_with(":00"));

    let diy = api
        .get(
            "/tenders?province=34&status=open&sort=hps_desc&per_page=100",
            Some(&cookie),
        )
        .await;
    let items = diy.body["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items
        .iter()
        .all(|t| t["province"]["code"] == "34" && t["status"] == "open"));
    assert!(items
        .windows(2)
        .all(|w| w[0]["hps"].as_i64() >= w[1]["hps"].as_i64()));

    let words = api
        .get(
            "/tenders?q=seragam%20batik&hps_max=500000000",
            Some(&cookie),
        )
        .await;
    assert!(words.body["items"].as_array().unwrap().iter().all(|t| {
        t["title"].as_str().unwrap().contains("Batik") && t["hps"].as_i64().unwrap() <= 500_000_000
    }));

    let id = first["id"].as_i64().unwrap();
    assert_eq!(
        api.send(
            Method::PUT,
            &format!("/tenders/{id}/saved"),
            None,
            &[],
            Some(&cookie)
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    let saved = api.get("/tenders?saved=true", Some(&cookie)).await;
    assert_eq!(saved.body["total"], 1);
    assert_eq!(saved.body["items"][0]["saved"], true);
    let detail = api.get(&format!("/tenders/{id}"), Some(&cookie)).await;
    assert!(!detail.body["required_documents"]
        .as_array()
        .unwrap()
        .is_empty());
    let interest = api
        .send(
            Method::PUT,
            &format!("/tenders/{id}/interest"),
            None,
            &[],
            Some(&cookie),
        )
        .await;
    assert_eq!(interest.status, StatusCode::OK);
    assert_eq!(
        api.get(&format!("/tenders/{id}"), Some(&cookie)).await.body["interested"],
        true
    );
    // The body is optional, but one that is there is JSON (schemathesis
    // found "\r" accepted).
    let not_json = api
        .send(
            Method::PUT,
            &format!("/tenders/{id}/interest"),
            Some(b"\r"),
            &[],
            Some(&cookie),
        )
        .await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        api.get("/tenders/999999", Some(&cookie)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        api.get("/tenders?per_page=500", Some(&cookie)).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_listed_tender_carries_the_requirements_of_its_detail() {
    let api = TestApi::new();
    let page = api.get("/tenders?per_page=50", None).await;
    assert_eq!(page.status, StatusCode::OK);
    let items = page.body["items"].as_array().unwrap();
    for item in items {
        let id = item["id"].as_i64().unwrap();
        let detail = api.get(&format!("/tenders/{id}"), None).await;
        for field in ["required_kbli", "required_documents", "min_tkdn_percent"] {
            assert!(item.get(field).is_some(), "tender {id} lists no {field}");
            assert_eq!(item[field], detail.body[field], "tender {id}: {field}");
        }
        assert!(item["required_kbli"]
            .as_array()
            .unwrap()
            .iter()
            .all(|code| {
                code.as_str()
                    .is_some_and(|c| c.len() == 5 && c.bytes().all(|b| b.is_ascii_digit()))
            }));
        assert!(item["required_documents"].is_array());
    }
    // Some ask a least TKDN and some none: both shapes are listed.
    assert!(items.iter().any(|t| t["min_tkdn_percent"].is_number()));
    assert!(items.iter().any(|t| t["min_tkdn_percent"].is_null()));
}

#[tokio::test]
async fn saved_tenders_are_each_suppliers_own_and_each_cooperative_members_own() {
    let api = TestApi::new();
    let owner = api.sign_in(DEMO_OWNER).await;
    let first = api.get("/tenders?per_page=1", Some(&owner)).await.body["items"][0]["id"]
        .as_i64()
        .unwrap();
    let saved = format!("/tenders/{first}/saved");
    api.call(Method::PUT, &saved, Some(&owner)).await;
    let (stranger, _) = api.new_supplier("0813 3000 0021").await;
    assert_eq!(
        api.get("/tenders?saved=true", Some(&stranger)).await.body["total"],
        0
    );
    let seen = api.get(&format!("/tenders/{first}"), Some(&stranger)).await;
    assert_eq!(seen.body["saved"], false);
    // The stranger's unsave touches only their own list.
    api.call(Method::DELETE, &saved, Some(&stranger)).await;
    assert_eq!(
        api.get("/tenders?saved=true", Some(&owner)).await.body["total"],
        1
    );

    // Staff acting for member #2 see #2's saved tenders, not the owner's;
    // another cooperative's staff, for their member, see theirs only.
    let staff = api.sign_in(DEMO_STAFF).await;
    api.act_for(&staff, 2).await;
    api.call(
        Method::PUT,
        &format!("/tenders/{}/saved", first + 1),
        Some(&staff),
    )
    .await;
    let (other, _) = api
        .staff_acting_for_new_member("0813 3000 0022", "Koperasi Lain", "0813 3000 0023")
        .await;
    for cookie in [&owner, &staff] {
        assert_eq!(
            api.get("/tenders?saved=true", Some(cookie)).await.body["total"],
            1
        );
    }
    assert_eq!(
        api.get("/tenders?saved=true", Some(&other)).await.body["total"],
        0
    );
    assert_eq!(api.act_for(&other, 2).await, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn signed_out_visitors_search_and_read_tenders_with_nothing_personal() {
    let api = TestApi::new();
    let owner = api.sign_in(DEMO_OWNER).await;
    let ids = |page: &serde_json::Value| -> Vec<i64> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_i64().unwrap())
            .collect()
    };
    let mine = api.get("/tenders?per_page=5", Some(&owner)).await;
    let id = ids(&mine.body)[0];
    let detail = format!("/tenders/{id}");
    api.call(Method::PUT, &format!("{detail}/saved"), Some(&owner))
        .await;
    api.call(Method::PUT, &format!("{detail}/interest"), Some(&owner))
        .await;

    // The same tenders, none of them saved.
    let public = api.get("/tenders?per_page=5", None).await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(public.body["total"], 2000);
    assert_eq!(ids(&public.body), ids(&mine.body));
    assert!(public.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["saved"] == false));
    let filtered = api
        .get("/tenders?q=seragam%20batik&province=34&sort=hps_desc", None)
        .await;
    assert_eq!(filtered.status, StatusCode::OK);
    let filtered_mine = api
        .get(
            "/tenders?q=seragam%20batik&province=34&sort=hps_desc",
            Some(&owner),
        )
        .await;
    assert!(!ids(&filtered.body).is_empty());
    assert_eq!(ids(&filtered.body), ids(&filtered_mine.body));
    assert_eq!(filtered.body["total"], filtered_mine.body["total"]);

    // The same tender, neither saved nor with interest registered.
    let read = api.get(&detail, None).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.body["saved"], false);
    assert_eq!(read.body["interested"], false);
    let own = api.get(&detail, Some(&owner)).await;
    assert_eq!(own.body["saved"], true);
    assert_eq!(own.body["interested"], true);
    assert_eq!(read.body["description"], own.body["description"]);
    assert_eq!(read.body["attachments"], own.body["attachments"]);
    assert_eq!(
        api.get("/tenders/999999", None).await.status,
        StatusCode::NOT_FOUND
    );

    // Their own saved list, saving and interest need a session.
    for (method, path) in [
        (Method::GET, "/tenders?saved=true".to_owned()),
        (Method::PUT, format!("{detail}/saved")),
        (Method::DELETE, format!("{detail}/saved")),
        (Method::PUT, format!("{detail}/interest")),
    ] {
        let reply = api.call(method.clone(), &path, None).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{method} {path}");
    }
    // Signed-out calls changed nothing of the owner's.
    assert_eq!(
        api.get("/tenders?saved=true", Some(&owner)).await.body["total"],
        1
    );

    // A cookie whose session ended is 401, not read as signed out: the app
    // learns the session is over.
    assert_eq!(
        api.get("/tenders", Some("forged")).await.status,
        StatusCode::UNAUTHORIZED
    );
    api.state
        .clock
        .advance(api.state.config.idle_timeout_secs + 1);
    assert_eq!(
        api.get(&detail, Some(&owner)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_dev_tender_keeps_its_title_as_given_and_is_found_by_its_words() {
    let api = TestApi::new();
    let title = "<img src=x onerror=alert(1)> Seragam Zamrud \u{202e}kiri";
    let created = api
        .json(
            Method::POST,
            "/dev/tenders",
            serde_json::json!({"title": title, "buyer": "PT <b>Uji</b>"}),
            &[],
            None,
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(created.body["title"], title);
    assert_eq!(created.body["buyer"], "PT <b>Uji</b>");
    assert_eq!(created.body["status"], "open");
    let id = created.body["id"].as_i64().unwrap();
    let found = api.get("/tenders?q=zamrud", None).await;
    assert_eq!(found.body["total"], 1);
    assert_eq!(found.body["items"][0]["id"], id);
    assert_eq!(
        api.get(&format!("/tenders/{id}"), None).await.body["title"],
        title
    );

    for refused in [
        serde_json::json!({"title": "  "}),
        serde_json::json!({"title": "x".repeat(10_001)}),
        serde_json::json!({"title": "Batik", "province": "99"}),
        serde_json::json!({"title": "Batik", "category": "senjata"}),
    ] {
        let reply = api
            .json(Method::POST, "/dev/tenders", refused, &[], None)
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn a_page_of_tenders_is_compressed_for_a_browser_that_accepts_it() {
    let api = TestApi::new();
    let path = "/tenders?per_page=50";
    let plain = api.get(path, None).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(plain.header("content-encoding"), None);
    assert!(plain.bytes.len() > 1024, "{} bytes", plain.bytes.len());

    let brotli = accepting(&api, path, "gzip, deflate, br").await;
    assert_eq!(brotli.header("content-encoding"), Some("br"));
    assert!(brotli.header("vary").unwrap().contains("Accept-Encoding"));
    assert!(
        brotli.bytes.len() * 3 < plain.bytes.len(),
        "{} bytes",
        brotli.bytes.len()
    );
    assert_eq!(decoded(&brotli), plain.bytes);

    let gzip = accepting(&api, path, "gzip").await;
    assert_eq!(gzip.header("content-encoding"), Some("gzip"));
    assert_eq!(decoded(&gzip), plain.bytes);

    // A small answer goes as it is.
    let small = accepting(&api, "/tenders?per_page=1&q=zzzz-nothing", "br").await;
    assert_eq!(small.status, StatusCode::OK);
    assert_eq!(small.header("content-encoding"), None);
}

/// `GET path` from a browser that accepts `encodings`.
async fn accepting(api: &TestApi, path: &str, encodings: &str) -> support::Reply {
    api.send(
        Method::GET,
        path,
        None,
        &[("accept-encoding", encodings)],
        None,
    )
    .await
}

/// A compressed answer's bytes as they were before.
fn decoded(reply: &support::Reply) -> Vec<u8> {
    let mut bytes = Vec::new();
    let body = reply.bytes.as_slice();
    let mut reader: Box<dyn std::io::Read + '_> = match reply.header("content-encoding") {
        Some("br") => Box::new(brotli::Decompressor::new(body, 4096)),
        Some("gzip") => Box::new(flate2::read::GzDecoder::new(body)),
        other => panic!("not compressed: {other:?}"),
    };
    reader.read_to_end(&mut bytes).unwrap();
    bytes
}
