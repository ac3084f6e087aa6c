//! What every API request must pass: a write from another site is refused,
//! a JSON endpoint takes only JSON, and If-Match is read as RFC 9110 says.

mod support;

use axum::http::{Method, StatusCode};
use serde_json::json;
use support::{TestApi, DEMO_OWNER};

async fn put_business(api: &TestApi, cookie: &str, headers: &[(&str, &str)]) -> StatusCode {
    api.json(
        Method::PUT,
        "/supplier/business",
        json!({"name": "Kopi Merapi"}),
        headers,
        Some(cookie),
    )
    .await
    .status
}

#[tokio::test]
async fn a_write_from_another_site_is_refused_and_one_from_the_app_goes_through() {
    let api = TestApi::new();
    let cookie = api.sign_in(DEMO_OWNER).await;
    let etag = api.get("/supplier/business", Some(&cookie)).await;
    let etag = etag.header("etag").unwrap().to_owned();
    for headers in [
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site")],
        vec![("origin", "https://evil.example")],
        vec![("origin", "null")],
        vec![
            ("origin", "http://localhost.evil.example"),
            ("host", "localhost"),
        ],
    ] {
        let mut headers = headers.clone();
        headers.push(("if-match", &etag));
        assert_eq!(
            put_business(&api, &cookie, &headers).await,
            StatusCode::FORBIDDEN,
            "{headers:?}"
        );
    }
    // Reading is not refused (a link from elsewhere opens the app).
    let read = api
        .send(
            Method::GET,
            "/supplier/business",
            None,
            &[("sec-fetch-site", "cross-site")],
            Some(&cookie),
        )
        .await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(
        put_business(
            &api,
            &cookie,
            &[
                ("origin", "http://127.0.0.1:8080"),
                ("host", "127.0.0.1:8080"),
                ("if-match", &etag)
            ]
        )
        .await,
        StatusCode::OK
    );
    let etag = api.get("/supplier/business", Some(&cookie)).await;
    let etag = etag.header("etag").unwrap().to_owned();
    assert_eq!(
        put_business(
            &api,
            &cookie,
            &[("sec-fetch-site", "same-origin"), ("if-match", &etag)]
        )
        .await,
        StatusCode::OK
    );
    // Sign-in itself is a write: refused from another site too.
    let sent = api
        .json(
            Method::POST,
            "/auth/otp",
            json!({"phone": DEMO_OWNER}),
            &[("origin", "https://evil.example")],
            None,
        )
        .await;
    assert_eq!(sent.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_json_endpoint_refuses_a_body_that_is_not_json_with_415() {
    let api = TestApi::new();
    let cookie = api.sign_in(DEMO_OWNER).await;
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let reply = api
            .send(
                Method::PUT,
                "/supplier/business",
                Some(br#"{"name":"Kopi"}"#),
                &[("content-type", content_type), ("if-match", "*")],
                Some(&cookie),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type}"
        );
        assert_eq!(
            reply.header("content-type"),
            Some("application/problem+json")
        );
    }
    let charset = api
        .send(
            Method::PUT,
            "/supplier/business",
            Some(br#"{"name":"Kopi"}"#),
            &[
                ("content-type", "application/json; charset=utf-8"),
                ("if-match", "*"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(charset.status, StatusCode::OK);
    // No body, no Content-Type needed.
    let submit = api
        .call(Method::POST, "/supplier/submit", Some(&cookie))
        .await;
    assert_ne!(submit.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn if_match_takes_star_and_lists_and_never_matches_a_weak_tag() {
    let api = TestApi::new();
    let cookie = api.sign_in(DEMO_OWNER).await;
    let current = api.get("/supplier/business", Some(&cookie)).await;
    let etag = current.header("etag").unwrap().to_owned();
    let weak = format!("W/{etag}");
    assert_eq!(
        put_business(&api, &cookie, &[("if-match", &weak)]).await,
        StatusCode::PRECONDITION_FAILED
    );
    let list = format!("\"999\", {etag}");
    assert_eq!(
        put_business(&api, &cookie, &[("if-match", &list)]).await,
        StatusCode::OK
    );
    assert_eq!(
        put_business(&api, &cookie, &[("if-match", "*")]).await,
        StatusCode::OK
    );
    assert_eq!(
        put_business(&api, &cookie, &[("if-match", &etag)]).await,
        StatusCode::PRECONDITION_FAILED,
        "stale after the two writes"
    );
}
