//! Sign-in by one-time code, its limits, sessions and their expiry.

mod support;

use axum::http::{Method, StatusCode};
use dev_api::Config;
use serde_json::json;
use support::{TestApi, DEMO_OWNER};

#[tokio::test]
async fn signing_in_sets_an_httponly_strict_cookie_and_me_answers() {
    let api = TestApi::new();
    let sent = api
        .json(
            Method::POST,
            "/auth/otp",
            json!({"phone": "+62 812-3456-7890", "channel": "whatsapp"}),
            &[],
            None,
        )
        .await;
    assert_eq!(sent.status, StatusCode::ACCEPTED);
    assert_eq!(sent.body["phone"], "+6281234567890");
    assert_eq!(sent.body["masked_phone"], "+62 812-••••-7890");
    assert_eq!(sent.body["channel"], "whatsapp");

    let code = api.get("/dev/otp?phone=%2B6281234567890", None).await.body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let verified = api
        .json(
            Method::POST,
            "/auth/verify",
            json!({"phone": "081234567890", "code": code}),
            &[],
            None,
        )
        .await;
    assert_eq!(verified.status, StatusCode::OK);
    let cookie = verified.header("set-cookie").unwrap();
    assert!(cookie.starts_with("rantai_session="));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert_eq!(verified.body["role"], "supplier");

    let token = cookie.split(';').next().unwrap().split_once('=').unwrap().1;
    let me = api.get("/me", Some(token)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["phone"], "+6281234567890");
    assert_eq!(me.body["idle_timeout_seconds"], 1800);
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server_and_clears_the_browser_s_cache() {
    let api = TestApi::new();
    let cookie = api.sign_in(DEMO_OWNER).await;
    let out = api
        .send(Method::POST, "/auth/logout", None, &[], Some(&cookie))
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert_eq!(out.header("clear-site-data"), Some("\"cache\""));
    assert_eq!(
        api.get("/me", Some(&cookie)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn private_routes_need_a_session() {
    let api = TestApi::new();
    for path in [
        "/me",
        "/supplier",
        "/products",
        "/documents",
        "/tenders?saved=true",
        "/coop/members",
    ] {
        let reply = api.get(path, None).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(
            reply.header("content-type"),
            Some("application/problem+json")
        );
    }
    assert_eq!(
        api.get("/me", Some("forged")).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_second_code_within_a_minute_is_refused_with_retry_after() {
    let api = TestApi::new();
    let body = json!({"phone": "081311110000"});
    assert_eq!(
        api.json(Method::POST, "/auth/otp", body.clone(), &[], None)
            .await
            .status,
        StatusCode::ACCEPTED
    );
    api.state.clock.advance(20);
    let again = api
        .json(Method::POST, "/auth/otp", body.clone(), &[], None)
        .await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(again.header("retry-after"), Some("40"));
    api.state.clock.advance(40);
    assert_eq!(
        api.json(Method::POST, "/auth/otp", body, &[], None)
            .await
            .status,
        StatusCode::ACCEPTED
    );
}

#[tokio::test]
async fn at_most_five_codes_an_hour() {
    let api = TestApi::new();
    let body = json!({"phone": "081311110001"});
    for _ in 0..5 {
        assert_eq!(
            api.json(Method::POST, "/auth/otp", body.clone(), &[], None)
                .await
                .status,
            StatusCode::ACCEPTED
        );
        api.state.clock.advance(61);
    }
    let sixth = api.json(Method::POST, "/auth/otp", body, &[], None).await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: i64 = sixth.header("retry-after").unwrap().parse().unwrap();
    assert!(wait > 3000 && wait <= 3600 - 5 * 61 + 61, "{wait}");
}

#[tokio::test]
async fn wrong_expired_and_locked_codes_each_say_so() {
    let api = TestApi::new();
    let phone = "081311110002";
    api.json(
        Method::POST,
        "/auth/otp",
        json!({"phone": phone}),
        &[],
        None,
    )
    .await;
    let code = api.get("/dev/otp?phone=%2B6281311110002", None).await.body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for attempt in 1..=5 {
        let reply = api
            .json(
                Method::POST,
                "/auth/verify",
                json!({"phone": phone, "code": wrong}),
                &[],
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        let expected = if attempt < 5 { "wrong" } else { "locked" };
        assert_eq!(
            reply.body["errors"][0]["code"], expected,
            "attempt {attempt}"
        );
    }
    let right_but_locked = api
        .json(
            Method::POST,
            "/auth/verify",
            json!({"phone": phone, "code": code}),
            &[],
            None,
        )
        .await;
    assert_eq!(right_but_locked.body["errors"][0]["code"], "locked");

    api.state.clock.advance(61);
    api.json(
        Method::POST,
        "/auth/otp",
        json!({"phone": phone}),
        &[],
        None,
    )
    .await;
    let fresh = api.get("/dev/otp?phone=%2B6281311110002", None).await.body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    api.state.clock.advance(301);
    let late = api
        .json(
            Method::POST,
            "/auth/verify",
            json!({"phone": phone, "code": fresh}),
            &[],
            None,
        )
        .await;
    assert_eq!(late.body["errors"][0]["code"], "expired");
}

#[tokio::test]
async fn an_invalid_phone_number_is_a_field_error() {
    let api = TestApi::new();
    let reply = api
        .json(
            Method::POST,
            "/auth/otp",
            json!({"phone": "0274 123456"}),
            &[],
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.error_fields(), vec!["phone"]);
}

#[tokio::test]
async fn the_session_question_answers_null_never_401_and_keeps_a_live_session() {
    let api = TestApi::with(Config {
        dev: true,
        idle_timeout_secs: 60,
        ..Config::default()
    });
    for cookie in [None, Some("forged")] {
        let nobody = api.get("/auth/session", cookie).await;
        assert_eq!(nobody.status, StatusCode::OK, "{cookie:?}");
        assert_eq!(nobody.body, json!({"me": null}), "{cookie:?}");
    }
    let cookie = api.sign_in(DEMO_OWNER).await;
    api.state.clock.advance(50);
    let session = api.get("/auth/session", Some(&cookie)).await;
    assert_eq!(session.status, StatusCode::OK);
    assert_eq!(session.body["me"], api.get("/me", Some(&cookie)).await.body);
    api.state.clock.advance(50);
    assert_eq!(
        api.get("/auth/session", Some(&cookie)).await.body["me"]["role"],
        "supplier",
        "asking kept it alive"
    );
    api.state.clock.advance(61);
    assert_eq!(
        api.get("/auth/session", Some(&cookie)).await.body,
        json!({"me": null}),
        "an ended session is nobody"
    );
}

#[tokio::test]
async fn an_idle_session_expires() {
    let api = TestApi::with(Config {
        dev: true,
        idle_timeout_secs: 60,
        ..Config::default()
    });
    let cookie = api.sign_in(DEMO_OWNER).await;
    api.state.clock.advance(50);
    assert_eq!(
        api.get("/me", Some(&cookie)).await.status,
        StatusCode::OK,
        "activity keeps it alive"
    );
    api.state.clock.advance(50);
    assert_eq!(api.get("/me", Some(&cookie)).await.status, StatusCode::OK);
    api.state.clock.advance(61);
    assert_eq!(
        api.get("/me", Some(&cookie)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_new_account_chooses_its_role_once() {
    let api = TestApi::new();
    let cookie = api.sign_in("0813 2222 0000").await;
    assert_eq!(
        api.get("/me", Some(&cookie)).await.body["role"],
        serde_json::Value::Null
    );
    assert_eq!(
        api.get("/supplier", Some(&cookie)).await.status,
        StatusCode::FORBIDDEN
    );
    let no_name = api
        .json(
            Method::PUT,
            "/me/role",
            json!({"role": "coop_staff"}),
            &[],
            Some(&cookie),
        )
        .await;
    assert_eq!(no_name.error_fields(), vec!["cooperative_name"]);
    let staff = api
        .json(
            Method::PUT,
            "/me/role",
            json!({"role": "coop_staff", "cooperative_name": "Koperasi Sido Makmur"}),
            &[],
            Some(&cookie),
        )
        .await;
    assert_eq!(staff.status, StatusCode::OK);
    assert_eq!(staff.body["cooperative"]["name"], "Koperasi Sido Makmur");
    let again = api
        .json(
            Method::PUT,
            "/me/role",
            json!({"role": "supplier"}),
            &[],
            Some(&cookie),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_dev_endpoints_exist_only_with_dev() {
    let api = TestApi::with(Config::default());
    assert_eq!(
        api.get("/dev/otp?phone=%2B6281234567890", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_sign_in_however_active() {
    let api = TestApi::new();
    let cookie = api.sign_in(DEMO_OWNER).await;
    // Active every 20 minutes (under the 30-minute idle limit) for 11h40.
    for _ in 0..35 {
        api.state.clock.advance(20 * 60);
        assert_eq!(api.get("/me", Some(&cookie)).await.status, StatusCode::OK);
    }
    api.state.clock.advance(20 * 60);
    assert_eq!(
        api.get("/me", Some(&cookie)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// Signs in with `headers` on both requests; returns the Set-Cookie line.
async fn sign_in_cookie(api: &TestApi, headers: &[(&str, &str)]) -> String {
    let sent = api
        .json(
            Method::POST,
            "/auth/otp",
            json!({"phone": DEMO_OWNER}),
            headers,
            None,
        )
        .await;
    assert_eq!(sent.status, StatusCode::ACCEPTED, "{:?}", sent.body);
    let code = api.last_code(DEMO_OWNER).await;
    let verified = api
        .json(
            Method::POST,
            "/auth/verify",
            json!({"phone": DEMO_OWNER, "code": code}),
            headers,
            None,
        )
        .await;
    assert_eq!(verified.status, StatusCode::OK);
    verified.header("set-cookie").unwrap().to_owned()
}

#[tokio::test]
async fn over_https_the_cookie_is_secure_with_the_host_prefix_and_only_that_one_counts() {
    let api = TestApi::with(Config {
        dev: true,
        secure_cookies: true,
        ..Config::default()
    });
    let cookie = sign_in_cookie(&api, &[]).await;
    assert!(cookie.starts_with("__Host-rantai_session="), "{cookie}");
    assert!(cookie.contains("; Secure") && cookie.contains("Path=/"));
    assert!(!cookie.to_lowercase().contains("domain="));
    let pair = cookie.split(';').next().unwrap().to_owned();
    let token = pair.split_once('=').unwrap().1;
    let me = api
        .send(Method::GET, "/me", None, &[("cookie", &pair)], None)
        .await;
    assert_eq!(me.status, StatusCode::OK);
    let plain = format!("rantai_session={token}");
    let refused = api
        .send(Method::GET, "/me", None, &[("cookie", &plain)], None)
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let out = api
        .send(
            Method::POST,
            "/auth/logout",
            None,
            &[("cookie", &pair)],
            None,
        )
        .await;
    assert!(out
        .header("set-cookie")
        .unwrap()
        .starts_with("__Host-rantai_session=;"));
}

#[tokio::test]
async fn behind_a_trusted_proxy_https_is_read_from_x_forwarded_proto() {
    let api = TestApi::with(Config {
        dev: true,
        trust_proxy: true,
        ..Config::default()
    });
    let secure = sign_in_cookie(&api, &[("x-forwarded-proto", "https")]).await;
    assert!(secure.starts_with("__Host-rantai_session=") && secure.contains("Secure"));
    api.a_minute_later();
    let plain = sign_in_cookie(&api, &[]).await;
    assert!(plain.starts_with("rantai_session=") && !plain.contains("Secure"));
    // Without --trust-proxy the header is anyone's to send: ignored.
    let api = TestApi::new();
    let ignored = sign_in_cookie(&api, &[("x-forwarded-proto", "https")]).await;
    assert!(ignored.starts_with("rantai_session="));
}

#[tokio::test]
async fn codes_are_stored_only_as_salted_hmacs() {
    let api = TestApi::new();
    api.sign_in(DEMO_OWNER).await;
    let code = api.last_code(DEMO_OWNER).await;
    let stored: Vec<String> = api
        .rows("SELECT code FROM otps")
        .into_iter()
        .flatten()
        .collect();
    assert!(!stored.is_empty());
    for sealed in stored {
        assert!(!sealed.contains(&code), "{sealed}");
        assert!(sealed.starts_with("v1$") && sealed.len() > 64, "{sealed}");
    }
}

fn limited(limits: dev_api::state::OtpLimits) -> TestApi {
    TestApi::with(Config {
        dev: true,
        trust_proxy: true,
        otp_limits: limits,
        ..Config::default()
    })
}

async fn send_code(api: &TestApi, phone: &str, from: &str) -> support::Reply {
    api.json(
        Method::POST,
        "/auth/otp",
        json!({"phone": phone}),
        &[("x-forwarded-for", from)],
        None,
    )
    .await
}

#[tokio::test]
async fn codes_sent_are_limited_per_client_address_and_in_total_per_minute() {
    let api = limited(dev_api::state::OtpLimits {
        sends_per_address: 2,
        sends_total: 3,
        ..Default::default()
    });
    let from = "203.0.113.7";
    assert_eq!(
        send_code(&api, "0813 7000 0001", from).await.status,
        StatusCode::ACCEPTED
    );
    assert_eq!(
        send_code(&api, "0813 7000 0002", from).await.status,
        StatusCode::ACCEPTED
    );
    let third = send_code(&api, "0813 7000 0003", from).await;
    assert_eq!(third.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(third.header("retry-after").unwrap().parse::<u64>().unwrap() <= 60);
    assert_eq!(
        third.header("content-type"),
        Some("application/problem+json")
    );
    // Another address may still send, until the total for the minute is reached.
    assert_eq!(
        send_code(&api, "0813 7000 0004", "198.51.100.9")
            .await
            .status,
        StatusCode::ACCEPTED
    );
    assert_eq!(
        send_code(&api, "0813 7000 0005", "198.51.100.10")
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
    api.a_minute_later();
    assert_eq!(
        send_code(&api, "0813 7000 0003", from).await.status,
        StatusCode::ACCEPTED
    );
}

#[tokio::test]
async fn codes_tried_are_limited_per_client_address_per_minute() {
    let api = limited(dev_api::state::OtpLimits {
        tries_per_address: 3,
        ..Default::default()
    });
    let from = [("x-forwarded-for", "203.0.113.8")];
    for number in 1..=4 {
        let phone = format!("0813 7100 000{number}");
        send_code(&api, &phone, "203.0.113.8").await;
        let tried = api
            .json(
                Method::POST,
                "/auth/verify",
                json!({"phone": phone, "code": "12345x"}),
                &from,
                None,
            )
            .await;
        let expected = if number <= 3 {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(tried.status, expected, "try {number}");
    }
}

#[tokio::test]
async fn sign_ins_and_wrong_codes_are_recorded_with_the_client_address() {
    let api = TestApi::with(Config {
        dev: true,
        trust_proxy: true,
        ..Config::default()
    });
    let from = [("x-forwarded-for", "10.0.0.1, 203.0.113.9")];
    send_code(&api, DEMO_OWNER, "203.0.113.9").await;
    let code = api.last_code(DEMO_OWNER).await;
    let wrong = if code == "111111" { "222222" } else { "111111" };
    for typed in [wrong, code.as_str()] {
        api.json(
            Method::POST,
            "/auth/verify",
            json!({"phone": DEMO_OWNER, "code": typed}),
            &from,
            None,
        )
        .await;
    }
    let events = api.rows("SELECT action, client FROM account_events ORDER BY id");
    assert_eq!(
        events,
        vec![
            vec!["sign_in_failed", "203.0.113.9"],
            vec!["sign_in", "203.0.113.9"]
        ]
    );
}

#[tokio::test]
async fn signing_in_over_an_old_session_ends_it_and_its_late_sign_out_clears_no_cookie() {
    let api = TestApi::new();
    // The previous person's sign-out never reached the server.
    let previous = api.sign_in(DEMO_OWNER).await;
    let next_phone = "0813 2100 0001";
    let sent = api
        .json(
            Method::POST,
            "/auth/otp",
            json!({"phone": next_phone}),
            &[],
            None,
        )
        .await;
    assert_eq!(sent.status, StatusCode::ACCEPTED);
    let code = api.last_code(next_phone).await;
    let verified = api
        .json(
            Method::POST,
            "/auth/verify",
            json!({"phone": next_phone, "code": code}),
            &[],
            Some(&previous),
        )
        .await;
    assert_eq!(verified.status, StatusCode::OK, "{:?}", verified.body);
    let next = verified
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned();
    assert_eq!(
        api.get("/me", Some(&previous)).await.status,
        StatusCode::UNAUTHORIZED,
        "the old session ended with the new sign-in"
    );
    // The app's retry of the previous person's sign-out arrives late: it
    // must not send a header that would remove the new person's cookie.
    let late = api
        .send(Method::POST, "/auth/logout", None, &[], Some(&previous))
        .await;
    assert_eq!(late.status, StatusCode::NO_CONTENT);
    assert_eq!(late.header("set-cookie"), None);
    let none = api
        .send(Method::POST, "/auth/logout", None, &[], None)
        .await;
    assert_eq!(none.status, StatusCode::NO_CONTENT);
    assert_eq!(none.header("set-cookie"), None);
    // The cached files go either way (only the cache: not the new cookie).
    for out in [&late, &none] {
        assert_eq!(out.header("clear-site-data"), Some("\"cache\""));
    }
    let me = api.get("/me", Some(&next)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["phone"], "+6281321000001");
}

async fn try_code(api: &TestApi, phone: &str, from: &str) -> StatusCode {
    api.json(
        Method::POST,
        "/auth/verify",
        json!({"phone": phone, "code": "12345x"}),
        &[("x-forwarded-for", from)],
        None,
    )
    .await
    .status
}

#[tokio::test]
async fn an_ipv6_client_is_limited_by_its_64_not_by_each_address() {
    let api = limited(dev_api::state::OtpLimits {
        sends_per_address: 2,
        tries_per_address: 3,
        ..Default::default()
    });
    let phone = "0813 7200 0001";
    assert_eq!(
        send_code(&api, phone, "2001:db8:7:1::1").await.status,
        StatusCode::ACCEPTED
    );
    assert_eq!(
        send_code(&api, "0813 7200 0002", "2001:db8:7:1:ffff::2")
            .await
            .status,
        StatusCode::ACCEPTED
    );
    assert_eq!(
        send_code(&api, "0813 7200 0003", "2001:db8:7:1:abcd:1:2:3")
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS,
        "the same /64"
    );
    assert_eq!(
        send_code(&api, "0813 7200 0003", "2001:db8:7:2::1")
            .await
            .status,
        StatusCode::ACCEPTED,
        "another /64"
    );
    for host in 1..=3 {
        assert_eq!(
            try_code(&api, phone, &format!("2001:db8:8:1::{host}")).await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    assert_eq!(
        try_code(&api, phone, "2001:db8:8:1::99").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        try_code(&api, phone, "::ffff:203.0.113.50").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn codes_tried_have_no_cap_in_all_that_a_few_addresses_could_use_to_block_everyone() {
    let api = limited(dev_api::state::OtpLimits::default());
    send_code(&api, DEMO_OWNER, "203.0.113.60").await;
    // Many addresses each within their own limit: none is refused for what
    // the others did (the code itself locks after five wrong tries).
    for host in 0..650u32 {
        let from = format!("198.18.{}.{}", host / 250, host % 250 + 1);
        assert_eq!(
            try_code(&api, DEMO_OWNER, &from).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "try {host}"
        );
    }
}
