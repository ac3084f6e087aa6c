//! `/auth/*` and `/me`: one-time codes, the session's user, the role choice.

use serde::{Deserialize, Serialize};

use super::{ApiError, ApiRequest, RetryPolicy};

/// How the one-time code travels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// A text message.
    #[default]
    Sms,
    /// A WhatsApp message.
    Whatsapp,
}

/// The answer to a code request.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct OtpSent {
    /// The number in E.164.
    pub phone: String,
    /// The number as shown to the person: `+62 812-••••-7890`.
    pub masked_phone: String,
    /// Seconds the code stays valid.
    pub expires_in: u32,
    /// Seconds before another code may be asked for.
    pub resend_after: u32,
}

/// Who the signed-in person is (kept on the device as JSON too, see
/// `session`, hence `Serialize`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// The account.
    pub user_id: i64,
    /// Their number (E.164).
    pub phone: String,
    /// A staff member's own name, as members read it on their trail.
    #[serde(default)]
    pub name: Option<String>,
    /// `supplier` or `coop_staff`; `None` until chosen once.
    pub role: Option<String>,
    /// The staff member's cooperative.
    pub cooperative: Option<Cooperative>,
    /// The supplier whose data this session reads and writes.
    pub supplier_id: Option<i64>,
    /// The member cooperative staff act for now, if any.
    #[serde(default)]
    pub acting_for: Option<ActingFor>,
    /// Seconds of inactivity after which the session ends.
    pub idle_timeout_seconds: u32,
}

/// The member a staff member acts for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActingFor {
    /// The member's supplier.
    pub supplier_id: i64,
    /// The member's (business's) name.
    pub name: String,
}

/// A cooperative.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cooperative {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
}

impl Me {
    /// True for cooperative staff.
    pub fn is_staff(&self) -> bool {
        self.role.as_deref() == Some("coop_staff")
    }
}

#[derive(Serialize)]
struct OtpRequest<'a> {
    phone: &'a str,
    channel: Channel,
}

/// Sends a one-time code. Not retried: a retry would send a second code.
pub async fn request_otp(phone: &str, channel: Channel) -> Result<OtpSent, ApiError> {
    ApiRequest::post("/auth/otp")
        .json(&OtpRequest { phone, channel })
        .retry(RetryPolicy::NEVER)
        .fetch_json()
        .await
}

#[derive(Serialize)]
struct OtpVerify<'a> {
    phone: &'a str,
    code: &'a str,
}

/// Checks the code; on success the API sets the session cookie.
pub async fn verify_otp(phone: &str, code: &str) -> Result<Me, ApiError> {
    ApiRequest::post("/auth/verify")
        .json(&OtpVerify { phone, code })
        .retry(RetryPolicy::NEVER)
        .fetch_json()
        .await
}

/// `SessionInfo`: the signed-in user, or nobody.
#[derive(Deserialize)]
struct SessionInfo {
    me: Option<Me>,
}

/// Who is signed in on this browser, if anyone (`GET /auth/session`, which
/// also keeps a live session alive). Asked at start, where nobody signed in
/// is an answer rather than a 401 (which the console would log as an error
/// on every signed-out visit).
pub async fn current() -> Result<Option<Me>, ApiError> {
    let info: SessionInfo = ApiRequest::get("/auth/session").fetch_json().await?;
    Ok(info.me)
}

/// The signed-in user (also keeps the session alive).
pub async fn me() -> Result<Me, ApiError> {
    ApiRequest::get("/me").fetch_json().await
}

/// Ends the session on the server.
pub async fn logout() -> Result<(), ApiError> {
    ApiRequest::post("/auth/logout").send().await.map(|_| ())
}

/// What a person says of themselves the first time (`RoleChoice`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RoleChoice<'a> {
    /// `supplier` or `coop_staff`.
    pub role: &'a str,
    /// Staff: their cooperative's name.
    pub cooperative_name: Option<&'a str>,
    /// Staff: their own name, which members read on their trail.
    pub name: Option<&'a str>,
}

#[derive(Serialize)]
struct NameInput<'a> {
    name: &'a str,
}

/// Gives or changes a staff member's own name (members read it on their
/// trail); only staff have one.
pub async fn set_name(name: &str) -> Result<Me, ApiError> {
    ApiRequest::put("/me/name")
        .json(&NameInput { name })
        .fetch_json()
        .await
}

/// Says, once, whether this account is an UMKM owner or cooperative staff.
pub async fn choose_role(choice: RoleChoice<'_>) -> Result<Me, ApiError> {
    ApiRequest::put("/me/role").json(&choice).fetch_json().await
}
