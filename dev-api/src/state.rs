//! What every handler shares: the database, the configuration, the clock.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

use crate::problem::Problem;
use crate::static_site::Site;

/// Settings from the command line.
#[derive(Clone, Debug)]
pub struct Config {
    /// Dev conveniences: OTP in the log and at `/dev/otp`, reviewer endpoints.
    pub dev: bool,
    /// Seconds of inactivity after which a session ends.
    pub idle_timeout_secs: i64,
    /// Mark the session cookie `Secure` (when served over https).
    pub secure_cookies: bool,
    /// Share of API requests that fail on purpose (0.0 to 1.0).
    pub fault_rate: f64,
    /// Delay added to every API request, in milliseconds.
    pub latency_ms: u64,
    /// Drop an upload's connection after this many bytes of one PATCH.
    pub drop_upload_after: Option<u64>,
    /// Where uploaded bytes are kept.
    pub upload_dir: std::path::PathBuf,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            dev: false,
            idle_timeout_secs: 30 * 60,
            secure_cookies: false,
            fault_rate: 0.0,
            latency_ms: 0,
            drop_upload_after: None,
            upload_dir: std::env::temp_dir().join("rantai-dev-api-uploads"),
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
}

impl AppState {
    /// State over an open, migrated (and seeded) connection.
    pub fn new(connection: Connection, config: Config, site: Option<Site>) -> AppState {
        AppState {
            db: Arc::new(Mutex::new(connection)),
            config: Arc::new(config),
            clock: Arc::new(Clock::default()),
            site: site.map(Arc::new),
        }
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
