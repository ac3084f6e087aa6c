//! Tender search over 20,000 tenders: prints p50 / p95 / p99 latency of a
//! mix of searches a supplier makes (words, province, status, sorting,
//! paging). A benchmark, not a test: the figures vary with the machine.
//!
//! Run: `scripts/bench` (or `cargo bench -p dev-api --bench tender_search`).

use std::time::Instant;

use dev_api::routes::tenders::{search, SearchQuery};
use dev_api::{db, seed};

const TENDERS: usize = 20_000;
const ROUNDS: usize = 60;

/// Builds one of the searches measured.
type MakeQuery = Box<dyn Fn() -> SearchQuery>;

fn main() {
    let connection = db::open_in_memory().expect("an in-memory database");
    let now = dev_api::state::Clock::default().now();
    let regions = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../node_modules/idn-area-data/data/provinces.csv"
    );
    if let Ok(text) = std::fs::read_to_string(regions) {
        for record in rantai::domain::csv::parse(&text).iter().skip(1) {
            connection
                .execute(
                    "INSERT INTO regions (code, parent, level, name) VALUES (?1, NULL, 1, ?2)",
                    [&record[0], &record[1]],
                )
                .expect("a province row");
        }
    }
    let started = Instant::now();
    seed::tenders(&connection, TENDERS, now, 7).expect("seeded tenders");
    println!(
        "seeded {TENDERS} tenders in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let queries: Vec<(&str, MakeQuery)> = vec![
        (
            "first page, by deadline",
            Box::new(|| SearchQuery::words("")),
        ),
        ("one word", Box::new(|| SearchQuery::words("seragam"))),
        ("two words", Box::new(|| SearchQuery::words("snack rapat"))),
        (
            "province",
            Box::new(|| SearchQuery::words("").in_province("34")),
        ),
        (
            "word + province",
            Box::new(|| SearchQuery::words("katering").in_province("31")),
        ),
        (
            "no match",
            Box::new(|| SearchQuery::words("tidakadayangcocok")),
        ),
    ];
    let mut all = Vec::new();
    for (name, query) in &queries {
        let mut times = Vec::with_capacity(ROUNDS);
        for _ in 0..ROUNDS {
            let query = query();
            let start = Instant::now();
            let page = search(&connection, 1, now, &query).expect("a search");
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(page);
        }
        report(name, &mut times);
        all.extend(times);
    }
    report("all searches", &mut all);
}

fn report(name: &str, times: &mut [f64]) {
    times.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "{name:<24} p50 {:>6.2} ms   p95 {:>6.2} ms   p99 {:>6.2} ms   (n={})",
        at(0.50),
        at(0.95),
        at(0.99),
        times.len()
    );
}
