//! A dev-api in-process for tests: its own database (a copy of one seeded
//! template), requests through the router without a socket.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use dev_api::{app, db, seed, AppState, Config};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// The seeded database every test copies (seeding villages takes a while).
fn template() -> &'static PathBuf {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("rantai-dev-api-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("template.sqlite");
        let regions =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../node_modules/idn-area-data/data");
        let mut connection = db::open(&path).unwrap();
        seed::seed_if_empty(&mut connection, &regions, now()).unwrap();
        connection
            .pragma_update(None, "journal_mode", "DELETE")
            .unwrap();
        drop(connection);
        path
    })
}

fn now() -> i64 {
    dev_api::state::Clock::default().now()
}

/// One answer.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The id at the end of the `Location` a create answered with.
    pub fn location_id(&self) -> String {
        let location = self.header("location").expect("a Location header");
        location.rsplit('/').next().unwrap().to_owned()
    }

    /// The `field` of each field error.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| e["field"].as_str().unwrap_or("").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A test server.
pub struct TestApi {
    pub state: AppState,
    router: Router,
    _dir: PathBuf,
}

static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl Drop for TestApi {
    /// Each test's copy of the database goes with it (they add up in the
    /// temporary folder otherwise).
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self._dir);
    }
}

impl TestApi {
    pub fn new() -> TestApi {
        TestApi::with(Config {
            dev: true,
            ..Config::default()
        })
    }

    pub fn with(config: Config) -> TestApi {
        let template = template();
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = template.parent().unwrap().join(format!("t{n}"));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("db.sqlite");
        std::fs::copy(template, &path).unwrap();
        let connection = db::open(&path).unwrap();
        let config = Config {
            upload_dir: dir.join("uploads"),
            ..config
        };
        let state = AppState::new(connection, config, None);
        TestApi {
            router: app(state.clone()),
            state,
            _dir: dir,
        }
    }

    /// Sends a request; `cookie` is the session cookie's value.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&[u8]>,
        headers: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> Reply {
        let bytes = body.map(<[u8]>::to_vec);
        let mut headers = headers.to_vec();
        if bytes.is_some()
            && !headers
                .iter()
                .any(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        {
            headers.push(("content-type", "application/json"));
        }
        self.send_body(
            method,
            path,
            Body::from(bytes.unwrap_or_default()),
            &headers,
            cookie,
        )
        .await
    }

    /// Sends a request with any body (a stream, for uploads that arrive slowly).
    pub async fn send_body(
        &self,
        method: Method,
        path: &str,
        body: Body,
        headers: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> Reply {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("/api/v1{path}"));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(cookie) = cookie {
            request = request.header("cookie", format!("rantai_session={cookie}"));
        }
        let request = request.body(body).unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map(|b| b.to_bytes().to_vec())
            .unwrap_or_default();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
            bytes,
        }
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        self.send(Method::GET, path, None, &[], cookie).await
    }

    /// A request without a body.
    pub async fn call(&self, method: Method, path: &str, cookie: Option<&str>) -> Reply {
        self.send(method, path, None, &[], cookie).await
    }

    pub async fn json(
        &self,
        method: Method,
        path: &str,
        body: Value,
        headers: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> Reply {
        self.send(
            method,
            path,
            Some(body.to_string().as_bytes()),
            headers,
            cookie,
        )
        .await
    }

    /// A finished upload of `bytes` named `name` (tus: create, one PATCH);
    /// returns its id.
    pub async fn upload(&self, cookie: &str, name: &str, bytes: &[u8]) -> String {
        use base64::Engine;
        let metadata = format!(
            "filename {}",
            base64::engine::general_purpose::STANDARD.encode(name)
        );
        let created = self
            .send(
                Method::POST,
                "/uploads",
                None,
                &[
                    ("tus-resumable", "1.0.0"),
                    ("upload-length", &bytes.len().to_string()),
                    ("upload-metadata", &metadata),
                ],
                Some(cookie),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
        let id = created.location_id();
        let patched = self
            .send(
                Method::PATCH,
                &format!("/uploads/{id}"),
                Some(bytes),
                &[
                    ("tus-resumable", "1.0.0"),
                    ("upload-offset", "0"),
                    ("content-type", "application/offset+octet-stream"),
                ],
                Some(cookie),
            )
            .await;
        assert_eq!(patched.status, StatusCode::NO_CONTENT, "{:?}", patched.body);
        id
    }

    /// Signs in as `phone` with the code read from the dev endpoint; returns the cookie value.
    pub async fn sign_in(&self, phone: &str) -> String {
        let sent = self
            .json(
                Method::POST,
                "/auth/otp",
                serde_json::json!({"phone": phone}),
                &[],
                None,
            )
            .await;
        assert_eq!(sent.status, StatusCode::ACCEPTED, "{:?}", sent.body);
        let e164 = sent.body["phone"].as_str().unwrap().replace('+', "%2B");
        let code = self.get(&format!("/dev/otp?phone={e164}"), None).await.body["code"]
            .as_str()
            .unwrap()
            .to_owned();
        let verified = self
            .json(
                Method::POST,
                "/auth/verify",
                serde_json::json!({"phone": phone, "code": code}),
                &[],
                None,
            )
            .await;
        assert_eq!(verified.status, StatusCode::OK, "{:?}", verified.body);
        let cookie = verified.header("set-cookie").unwrap();
        cookie
            .split(';')
            .next()
            .unwrap()
            .split_once('=')
            .unwrap()
            .1
            .to_owned()
    }

    /// The last code sent to `phone` (as typed), from the dev endpoint.
    pub async fn last_code(&self, phone: &str) -> String {
        let e164 = rantai::domain::phone::normalize_mobile(phone)
            .unwrap()
            .replace('+', "%2B");
        self.get(&format!("/dev/otp?phone={e164}"), None).await.body["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Staff of a new cooperative; returns the cookie.
    pub async fn new_staff(&self, phone: &str, cooperative: &str) -> String {
        let cookie = self.sign_in(phone).await;
        let me = self
            .json(
                Method::PUT,
                "/me/role",
                serde_json::json!({"role": "coop_staff", "cooperative_name": cooperative}),
                &[],
                Some(&cookie),
            )
            .await;
        assert_eq!(me.status, StatusCode::OK, "{:?}", me.body);
        cookie
    }

    /// Every row `sql` selects, each column read as text.
    pub fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        let connection = self.state.db().unwrap();
        let mut statement = connection.prepare(sql).unwrap();
        let columns = statement.column_count();
        statement
            .query_map([], |row| {
                (0..columns)
                    .map(|i| row.get::<_, rusqlite::types::Value>(i))
                    .map(|value| {
                        value.map(|value| match value {
                            rusqlite::types::Value::Text(text) => text,
                            rusqlite::types::Value::Integer(n) => n.to_string(),
                            other => format!("{other:?}"),
                        })
                    })
                    .collect()
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// `PUT /coop/acting` for `supplier`; returns the status.
    pub async fn act_for(&self, staff: &str, supplier: i64) -> StatusCode {
        self.json(
            Method::PUT,
            "/coop/acting",
            serde_json::json!({"supplier_id": supplier}),
            &[],
            Some(staff),
        )
        .await
        .status
    }

    /// A member of the staff's cooperative, invited and confirmed with the
    /// code sent to `phone` (signing the number in as a new UMKM owner first
    /// when it has no supplier: staff confirm only an existing account);
    /// returns its supplier id.
    pub async fn confirmed_member(&self, staff: &str, phone: &str) -> i64 {
        let e164 = rantai::domain::phone::normalize_mobile(phone).unwrap();
        let owned = self.rows(&format!(
            "SELECT COUNT(*) FROM users WHERE phone = '{e164}' AND supplier_id IS NOT NULL"
        ));
        if owned[0][0] == "0" {
            self.new_supplier(phone).await;
            self.a_minute_later();
        }
        let key = format!("member-{}", phone.replace(' ', ""));
        let invited = self
            .json(
                Method::POST,
                "/coop/members",
                serde_json::json!({"owner_name": "Anggota", "phone": phone}),
                &[("idempotency-key", &key)],
                Some(staff),
            )
            .await;
        assert_eq!(invited.status, StatusCode::CREATED, "{:?}", invited.body);
        let link = invited.body["link_id"].as_i64().unwrap();
        let confirmed = self
            .json(
                Method::POST,
                &format!("/coop/links/{link}/confirm"),
                serde_json::json!({"code": self.last_code(phone).await}),
                &[],
                Some(staff),
            )
            .await;
        assert_eq!(confirmed.status, StatusCode::OK, "{:?}", confirmed.body);
        confirmed.body["supplier_id"].as_i64().unwrap()
    }

    /// Staff of a new cooperative, acting for a new member of it whose link
    /// is confirmed; returns (the staff's cookie, the member's supplier id).
    pub async fn staff_acting_for_new_member(
        &self,
        staff_phone: &str,
        cooperative: &str,
        member_phone: &str,
    ) -> (String, i64) {
        let staff = self.new_staff(staff_phone, cooperative).await;
        let member = self.confirmed_member(&staff, member_phone).await;
        assert_eq!(self.act_for(&staff, member).await, StatusCode::OK);
        (staff, member)
    }

    /// Moves the clock past the one-a-minute limit on codes to one number.
    pub fn a_minute_later(&self) {
        self.state.clock.advance(61);
    }

    /// A new UMKM owner with a role chosen; returns (cookie, supplier id).
    pub async fn new_supplier(&self, phone: &str) -> (String, i64) {
        let cookie = self.sign_in(phone).await;
        let me = self
            .json(
                Method::PUT,
                "/me/role",
                serde_json::json!({"role": "supplier"}),
                &[],
                Some(&cookie),
            )
            .await;
        assert_eq!(me.status, StatusCode::OK, "{:?}", me.body);
        (cookie, me.body["supplier_id"].as_i64().unwrap())
    }
}

/// The demo accounts the seed makes.
pub const DEMO_OWNER: &str = "0812-3456-7890";
pub const DEMO_STAFF: &str = "0812-9876-5432";
