//! dev-api: a stateful local stand-in for Rantai's backend (`api/openapi.yaml`)
//! that also serves the built app on the same origin.
//!
//! `cargo run --release -p dev-api -- --dev --static dist` serves the app and
//! the API at http://127.0.0.1:8080.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

use dev_api::state::{OtpLimits, UploadLimits};
use dev_api::static_site::Site;
use dev_api::{app, db, seed, seed_members, AppState, Config};

/// Command-line flags: the stable interface scripts and tests rely on.
#[derive(Parser, Debug)]
#[command(about = "Local stand-in for Rantai's backend API; serves the built app too")]
struct Flags {
    /// Port on 127.0.0.1.
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The SQLite database (created, migrated and seeded on first start).
    #[arg(long, default_value = ".data/dev-api.sqlite")]
    db: PathBuf,
    /// Folder of the built app (Trunk's `dist`) to serve.
    #[arg(long = "static", value_name = "DIR")]
    static_dir: Option<PathBuf>,
    /// Dev conveniences: one-time codes in the log and at /api/v1/dev/otp,
    /// and the reviewer endpoints under /api/v1/dev/.
    #[arg(long)]
    dev: bool,
    /// Share of API requests (0 to 1) that fail with 503 or a dropped
    /// connection, before or after the write commits.
    #[arg(long, default_value_t = 0.0)]
    fault_rate: f64,
    /// Milliseconds of delay added to each API request.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Drop an upload's connection each time the bytes it received reach
    /// the next multiple of BYTES (the bytes up to there are kept), however
    /// its PATCHes are sized: with 1000000, a 6 MB file is cut about six
    /// times. The last byte is never cut.
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    drop_upload_after: Option<u64>,
    /// Minutes without a request after which a session ends.
    #[arg(long, default_value_t = 30)]
    idle_minutes: i64,
    /// Seconds without a request after which a session ends (overrides
    /// --idle-minutes; for tests of session expiry).
    #[arg(long)]
    idle_seconds: Option<i64>,
    /// Where idn-area-data's CSV files are.
    #[arg(long, default_value = "node_modules/idn-area-data/data")]
    region_data: PathBuf,
    /// Hours after sign-in after which a session ends, however active.
    #[arg(long, default_value_t = 12)]
    session_hours: i64,
    /// Served over https: the session cookie is `__Host-rantai_session`,
    /// Secure.
    #[arg(long)]
    secure_cookies: bool,
    /// Behind a trusted reverse proxy (that sets them): the client address
    /// is the last X-Forwarded-For entry, and X-Forwarded-Proto: https
    /// makes the cookie Secure with the __Host- prefix.
    #[arg(long)]
    trust_proxy: bool,
    /// One-time codes sent per client address per minute.
    #[arg(long, default_value_t = 30)]
    otp_sends_per_address: usize,
    /// One-time codes sent per minute in all.
    #[arg(long, default_value_t = 300)]
    otp_sends_per_minute: usize,
    /// One-time codes checked per client address per minute.
    #[arg(long, default_value_t = 60)]
    otp_tries_per_address: usize,
    /// Uploads one supplier may keep (finished or not).
    #[arg(long, default_value_t = 200)]
    upload_max_count: usize,
    /// Megabytes one supplier may keep in uploads.
    #[arg(long, default_value_t = 500)]
    upload_max_mb: u64,
    /// Unfinished uploads one supplier may have at once.
    #[arg(long, default_value_t = 10)]
    upload_max_in_flight: usize,
    /// Hours after which an unfinished upload is removed.
    #[arg(long, default_value_t = 24)]
    upload_expire_hours: i64,
    /// With --dev: the demo cooperative gets N generated members (added at
    /// start up to N), to try and time the roster with hundreds.
    #[arg(long, value_name = "N", default_value_t = 0)]
    seed_members: usize,
}

fn fail(message: String) -> ! {
    eprintln!("dev-api: {message}");
    std::process::exit(2);
}

#[tokio::main]
async fn main() {
    let flags = Flags::parse();
    if !(0.0..=1.0).contains(&flags.fault_rate) {
        fail("--fault-rate is between 0 and 1".into());
    }
    let site = flags.static_dir.as_ref().map(|dir| {
        Site::load(dir)
            .unwrap_or_else(|error| fail(format!("cannot serve {}: {error}", dir.display())))
    });
    let mut connection = db::open(&flags.db)
        .unwrap_or_else(|error| fail(format!("database {}: {error}", flags.db.display())));
    let now = dev_api::state::Clock::default().now();
    seed::seed_if_empty(&mut connection, &flags.region_data, now)
        .unwrap_or_else(|error| fail(format!("seeding: {error}")));
    if flags.seed_members > 0 {
        if !flags.dev {
            fail("--seed-members needs --dev".into());
        }
        seed_members::seed_members(&mut connection, flags.seed_members)
            .unwrap_or_else(|error| fail(format!("seeding members: {error}")));
    }
    let config = Config {
        dev: flags.dev,
        idle_timeout_secs: flags.idle_seconds.unwrap_or(flags.idle_minutes * 60).max(1),
        absolute_timeout_secs: (flags.session_hours * 3600).max(60),
        secure_cookies: flags.secure_cookies,
        trust_proxy: flags.trust_proxy,
        otp_limits: OtpLimits {
            sends_per_address: flags.otp_sends_per_address,
            sends_total: flags.otp_sends_per_minute,
            tries_per_address: flags.otp_tries_per_address,
        },
        upload_limits: UploadLimits {
            count: flags.upload_max_count,
            bytes: flags.upload_max_mb * 1024 * 1024,
            in_flight: flags.upload_max_in_flight,
            expire_after_secs: (flags.upload_expire_hours * 3600).max(60),
        },
        fault_rate: flags.fault_rate,
        latency_ms: flags.latency_ms,
        drop_upload_after: flags.drop_upload_after,
        upload_dir: flags.db.with_extension("uploads"),
    };
    let state = AppState::new(connection, config, site);
    let address = SocketAddr::from(([127, 0, 0, 1], flags.port));
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .unwrap_or_else(|error| fail(format!("cannot listen on {address}: {error}")));
    println!(
        "dev-api: serving http://{address}/ (database {})",
        flags.db.display()
    );
    if flags.dev {
        println!("dev-api: --dev: one-time codes are printed here and at /api/v1/dev/otp");
    }
    let served = axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    if let Err(error) = served {
        fail(error.to_string());
    }
}
