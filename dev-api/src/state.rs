//! What every handler shares: the database, the configuration, the clock.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

use crate::problem::Problem;
use crate::routes::uploads::arrivals::Arrivals;
use crate::static_site::Site;

/// Settings from the command line.
#[derive(Clone, Debug)]
pub struct Config {
    /// Dev conveniences: OTP in the log and at `/dev/otp`, reviewer endpoints.
    pub dev: bool,
    /// Seconds of inactivity after which a session ends.
    pub idle_timeout_secs: i64,
    /// Seconds after sign-in after which a session ends, however active.
    pub absolute_timeout_secs: i64,
    /// Always served over https: the session cookie is `__Host-` and `Secure`.
    pub secure_cookies: bool,
    /// Behind a trusted reverse proxy: the client's address is the last
    /// `X-Forwarded-For` entry, and `X-Forwarded-Proto: https` means https.
    pub trust_proxy: bool,
    /// One-time codes: how many may be sent, and tried, per minute.
    pub otp_limits: OtpLimits,
    /// What one supplier may keep in uploads.
    pub upload_limits: UploadLimits,
    /// Share of API requests that fail on purpose (0.0 to 1.0).
    pub fault_rate: f64,
    /// Delay added to every API request, in milliseconds.
    pub latency_ms: u64,
    /// Drop an upload's connection each time its bytes reach a multiple of
    /// this (below its length), wherever its PATCHes start and end.
    pub drop_upload_after: Option<u64>,
    /// Where uploaded bytes are kept.
    pub upload_dir: std::path::PathBuf,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            dev: false,
            idle_timeout_secs: 30 * 60,
            absolute_timeout_secs: 12 * 3600,
            secure_cookies: false,
            trust_proxy: false,
            otp_limits: OtpLimits::default(),
            upload_limits: UploadLimits::default(),
            fault_rate: 0.0,
            latency_ms: 0,
            drop_upload_after: None,
            upload_dir: std::env::temp_dir().join("rantai-dev-api-uploads"),
        }
    }
}

/// Per-minute limits on one-time codes, besides the per-number ones (an SMS
/// costs money; a code is guessed by trying). Per address is generous: many
/// Indonesian mobile users share one carrier address (CGNAT); an IPv6
/// client counts by its /64 (one subscriber's prefix). Only sends have a
/// cap in all (their cost): a cap on tries in all would let a handful of
/// addresses block sign-in for everyone, while guessing one number's code
/// is already bounded by the per-number limits (5 wrong tries a code, 5
/// codes an hour).
#[derive(Clone, Copy, Debug)]
pub struct OtpLimits {
    /// Codes sent per client address per minute.
    pub sends_per_address: usize,
    /// Codes sent per minute in all.
    pub sends_total: usize,
    /// Codes checked per client address per minute.
    pub tries_per_address: usize,
}

impl Default for OtpLimits {
    fn default() -> OtpLimits {
        OtpLimits {
            sends_per_address: 30,
            sends_total: 300,
            tries_per_address: 60,
        }
    }
}

/// What one supplier may keep in uploads (finished or not).
#[derive(Clone, Copy, Debug)]
pub struct UploadLimits {
    /// Uploads kept at once.
    pub count: usize,
    /// Bytes kept at once (declared lengths).
    pub bytes: u64,
    /// Unfinished uploads at once.
    pub in_flight: usize,
    /// Seconds after which an unfinished upload is removed.
    pub expire_after_secs: i64,
}

impl Default for UploadLimits {
    fn default() -> UploadLimits {
        UploadLimits {
            count: 200,
            bytes: 500 * 1024 * 1024,
            in_flight: 10,
            expire_after_secs: 24 * 3600,
        }
    }
}

/// Unix seconds, with an offset tests can move forward.
#[derive(Default)]
pub struct Clock {
    offset_secs: AtomicI64,
}

impl Clock {
    /// Now, in unix seconds.
    pub fn now(&self) -> i64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|duration| duration.as_secs() as i64)
            .unwrap_or_default();
        real + self.offset_secs.load(Ordering::Relaxed)
    }

    /// Moves the clock `secs` forward (tests of expiry and rate limits).
    pub fn advance(&self, secs: i64) {
        self.offset_secs.fetch_add(secs, Ordering::Relaxed);
    }
}

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    /// The database. One connection: SQLite serialises writes anyway.
    pub db: Arc<Mutex<Connection>>,
    /// Settings.
    pub config: Arc<Config>,
    /// The clock.
    pub clock: Arc<Clock>,
    /// The built app, when serving one.
    pub site: Option<Arc<Site>>,
    /// The key one-time codes are hashed with (HMAC); never stored, so a
    /// copy of the database holds no usable code.
    pub code_key: Arc<[u8; 32]>,
    /// `--dev`: the last code sent to each number, for `/dev/otp` (the
    /// database keeps only hashes).
    pub dev_codes: Arc<Mutex<HashMap<String, String>>>,
    /// Sliding one-minute windows of events by key (rate limits).
    pub windows: Arc<Mutex<HashMap<String, VecDeque<i64>>>>,
    /// Uploads an append or a termination is working on (one at a time).
    pub busy_uploads: Arc<Mutex<HashSet<String>>>,
    /// What reached the server for each upload, by id (for tests: see
    /// `routes::uploads::arrivals`).
    pub upload_arrivals: Arc<Mutex<HashMap<String, Arrivals>>>,
}

impl AppState {
    /// State over an open, migrated (and seeded) connection.
    pub fn new(connection: Connection, config: Config, site: Option<Site>) -> AppState {
        let mut code_key = [0u8; 32];
        if getrandom::fill(&mut code_key).is_err() {
            panic!("no randomness for the one-time code key");
        }
        AppState {
            db: Arc::new(Mutex::new(connection)),
            config: Arc::new(config),
            clock: Arc::new(Clock::default()),
            site: site.map(Arc::new),
            code_key: Arc::new(code_key),
            dev_codes: Arc::default(),
            windows: Arc::default(),
            busy_uploads: Arc::default(),
            upload_arrivals: Arc::default(),
        }
    }

    /// Counts one event under `key` if fewer than `max` happened in the last
    /// minute; otherwise the seconds until one more is allowed.
    pub fn within_limit(&self, key: &str, max: usize) -> Result<(), u64> {
        let now = self.now();
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() > 10_000 {
            windows.retain(|_, events| events.back().is_some_and(|at| now - at < 60));
        }
        let events = windows.entry(key.to_owned()).or_default();
        while events.front().is_some_and(|at| now - at >= 60) {
            events.pop_front();
        }
        if events.len() >= max {
            let oldest = events.front().copied().unwrap_or(now);
            return Err((oldest + 60 - now).max(1) as u64);
        }
        events.push_back(now);
        Ok(())
    }

    /// The database, locked for this request.
    pub fn db(&self) -> Result<MutexGuard<'_, Connection>, Problem> {
        self.db
            .lock()
            .map_err(|_| Problem::internal("database lock poisoned"))
    }

    /// Now, in unix seconds.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }
}

/// RFC 3339 in UTC for unix seconds.
pub fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}
