//! Reading a 5,000-row product spreadsheet (semicolon separated, Bahasa
//! Indonesia headers, one row in fifty bad): prints the median and fastest
//! of a few rounds. A benchmark, not a test: the figures vary with the
//! machine. Target: under 200 ms natively.
//!
//! Run: `scripts/bench` (or `cargo bench -p rantai --no-default-features --bench product_import`).

use std::time::{Duration, Instant};

use rantai::domain::product::Product;
use rantai::domain::product_import::{read, write, Language};
use rantai::domain::tkdn::Tkdn;
use rantai::domain::unit::Unit;

const ROWS: usize = 5_000;
const ROUNDS: usize = 15;

fn products() -> Vec<Product> {
    (0..ROWS)
        .map(|n| Product {
            name: format!("Keripik Tempe Rasa {n} 250 g"),
            category: Some(["makanan", "pakaian", "kerajinan"][n % 3].to_owned()),
            description: Some(format!(
                "Keripik tempe renyah; tanpa pengawet, \"asli\" Malang.\nKemasan {n}."
            )),
            unit: Unit::ALL[n % Unit::ALL.len()],
            // One row in fifty gets its price in words below.
            price: if n % 50 == 7 {
                424_242
            } else {
                1_000 + (n as u64 * 7_919) % 5_000_000
            },
            min_order: 1 + n as u64 % 100,
            stock: (n % 4 != 0).then_some(n as u64 * 3),
            lead_time_days: Some(n as u64 % 30),
            tkdn: Tkdn::from_hundredths((n % 10_001) as u16),
            halal: n % 2 == 0,
            sku: Some(format!("KRP-{n:05}")),
        })
        .collect()
}

fn main() {
    let file = write(&products(), Language::Indonesian).replace(";424.242;", ";sepuluh ribu;");
    let known = |typed: &str| Some(typed.to_owned());
    let mut times: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let started = Instant::now();
            let preview = read(file.as_bytes(), &known).expect("a readable file");
            let elapsed = started.elapsed();
            assert_eq!(preview.rows.len(), ROWS);
            elapsed
        })
        .collect();
    times.sort();
    let preview = read(file.as_bytes(), &known).expect("a readable file");
    println!(
        "{ROWS} rows ({} KB, {} good, {} problems): median {:.1} ms, fastest {:.1} ms",
        file.len() / 1024,
        preview.products().count(),
        preview.problems().count(),
        times[ROUNDS / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
    );
}
