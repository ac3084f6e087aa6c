//! First-start data: reference data, about 2,000 tenders, and two demo
//! accounts. Deterministic: the same seed gives the same rows (dates are
//! relative to the moment of seeding, so deadlines stay in the future).

use std::path::Path;

use rusqlite::{params, Connection};

use crate::reference::CATEGORIES;
use rantai::domain::csv;

/// The UMKM owner demo account.
pub const DEMO_OWNER_PHONE: &str = "+6281234567890";
/// The cooperative staff demo account.
pub const DEMO_STAFF_PHONE: &str = "+6281298765432";
/// The demo staff member's name, as members read it on their trail.
pub const DEMO_STAFF_NAME: &str = "Rina";
/// How many tenders a new database gets.
pub const DEFAULT_TENDERS: usize = 2_000;

const KBLI_CSV: &str = include_str!("../data/kbli2020.csv");

/// A small deterministic random generator (xorshift64*), enough for seeding.
pub struct Seeded(u64);

impl Seeded {
    /// A generator from `seed` (non-zero).
    pub fn new(seed: u64) -> Seeded {
        Seeded(seed.max(1))
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..bound`.
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Seeds an empty database; a seeded one is left as it is.
pub fn seed_if_empty(
    connection: &mut Connection,
    region_dir: &Path,
    now: i64,
) -> Result<(), String> {
    let seeded: bool = connection
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'seeded')",
            [],
            |row| row.get(0),
        )
        .map_err(|e| e.to_string())?;
    if seeded {
        return Ok(());
    }
    let transaction = connection.transaction().map_err(|e| e.to_string())?;
    load_kbli(&transaction).map_err(|e| e.to_string())?;
    load_regions(&transaction, region_dir)?;
    tenders(&transaction, DEFAULT_TENDERS, now, 2026).map_err(|e| e.to_string())?;
    demo_accounts(&transaction).map_err(|e| e.to_string())?;
    transaction
        .execute("INSERT INTO meta (key, value) VALUES ('seeded', '1')", [])
        .map_err(|e| e.to_string())?;
    transaction.commit().map_err(|e| e.to_string())
}

fn load_kbli(connection: &Connection) -> rusqlite::Result<()> {
    let mut insert =
        connection.prepare("INSERT INTO kbli (code, category, title) VALUES (?1, ?2, ?3)")?;
    for record in csv::parse(KBLI_CSV).iter().skip(1) {
        if let [code, category, title] = record.as_slice() {
            insert.execute(params![code, category, title])?;
        }
    }
    Ok(())
}

/// Loads provinces, regencies, districts and villages from idn-area-data's CSVs.
fn load_regions(connection: &Connection, dir: &Path) -> Result<(), String> {
    let files = [
        ("provinces.csv", 1, false),
        ("regencies.csv", 2, true),
        ("districts.csv", 3, true),
        ("villages.csv", 4, true),
    ];
    let mut insert = connection
        .prepare("INSERT INTO regions (code, parent, level, name) VALUES (?1, ?2, ?3, ?4)")
        .map_err(|e| e.to_string())?;
    for (file, level, has_parent) in files {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).map_err(|error| {
            format!(
                "cannot read {}: {error} (run scripts/setup: it installs idn-area-data)",
                path.display()
            )
        })?;
        for record in csv::parse(&text).iter().skip(1) {
            let (code, parent, name) = match (has_parent, record.as_slice()) {
                (false, [code, name, ..]) => (code, None, name),
                (true, [code, parent, name, ..]) => (code, Some(parent), name),
                _ => continue,
            };
            insert
                .execute(params![code, parent, level, title_case(name)])
                .map_err(|e| e.to_string())?;
        }
    }
    let version = region_data_version(dir);
    connection
        .execute(
            "INSERT INTO meta (key, value) VALUES ('regions_version', ?1)",
            [version],
        )
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// `idn-area-data <version>` from the package.json beside the data folder.
fn region_data_version(dir: &Path) -> String {
    let version = std::fs::read_to_string(dir.join("../package.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|json| json["version"].as_str().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned());
    format!("idn-area-data {version}")
}

/// "KABUPATEN BANTUL" → "Kabupaten Bantul"; names already mixed-case stay.
fn title_case(name: &str) -> String {
    if name.chars().any(|c| c.is_lowercase()) {
        return name.to_owned();
    }
    name.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_string() + &chars.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

const BUYERS: &[(&str, &str)] = &[
    ("PT Pertamina (Persero)", "31"),
    ("PT PLN (Persero)", "31"),
    ("PT Telkom Indonesia (Persero) Tbk", "32"),
    ("PT Kereta Api Indonesia (Persero)", "32"),
    ("PT Pos Indonesia (Persero)", "32"),
    ("PT Pupuk Indonesia (Persero)", "35"),
    ("Perum Bulog", "31"),
    ("PT Semen Indonesia (Persero) Tbk", "35"),
    ("PT Pelabuhan Indonesia (Persero)", "31"),
    ("PT Angkasa Pura Indonesia", "51"),
    ("PT Bank Rakyat Indonesia (Persero) Tbk", "31"),
    ("PT Bio Farma (Persero)", "32"),
    ("PT Perkebunan Nusantara III (Persero)", "12"),
    ("PT Krakatau Steel (Persero) Tbk", "36"),
    ("Kementerian Kesehatan", "31"),
    ("Kementerian Pendidikan Dasar dan Menengah", "31"),
    ("Pemerintah Kabupaten Bantul", "34"),
    ("Pemerintah Kota Yogyakarta", "34"),
    ("Pemerintah Provinsi Jawa Tengah", "33"),
    ("Pemerintah Kota Makassar", "73"),
    ("Pemerintah Kota Jayapura", "91"),
    ("RSUD Panembahan Senopati Bantul", "34"),
    ("Dinas Pendidikan Provinsi Sumatera Utara", "12"),
    ("Pemerintah Kabupaten Badung", "51"),
];

const PROVINCES: &[&str] = &[
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
    "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
    "91", "92",
];

/// (category, title pattern, description) — `{n}` becomes a quantity.
const ITEMS: &[(&str, &str, &str)] = &[
    (
        "makanan",
        "Pengadaan Snack Rapat Triwulan",
        "Kue basah dan kering untuk rapat, {n} kotak per bulan, dikirim pagi hari.",
    ),
    (
        "makanan",
        "Pengadaan Produk Olahan Pangan Lokal",
        "Produk olahan pangan UMKM untuk kegiatan pameran, {n} pak.",
    ),
    (
        "katering",
        "Jasa Katering Makan Siang Pegawai",
        "Makan siang pegawai {n} porsi per hari kerja, menu bergilir.",
    ),
    (
        "katering",
        "Jasa Boga Kegiatan Pelatihan",
        "Konsumsi pelatihan {n} peserta selama tiga hari.",
    ),
    (
        "pakaian",
        "Pengadaan Seragam Dinas Lapangan",
        "Seragam lapangan katun drill, {n} stel, ukuran sesuai daftar.",
    ),
    (
        "pakaian",
        "Pengadaan Batik Seragam Pegawai",
        "Batik tulis atau cap motif daerah, {n} potong.",
    ),
    (
        "tekstil",
        "Pengadaan Linen Rumah Sakit",
        "Sprei, sarung bantal dan selimut, {n} set.",
    ),
    (
        "kerajinan",
        "Pengadaan Cenderamata Khas Daerah",
        "Cenderamata kerajinan lokal untuk tamu, {n} buah.",
    ),
    (
        "kerajinan",
        "Pengadaan Tas Kain Ramah Lingkungan",
        "Tas kain sablon logo, {n} buah.",
    ),
    (
        "furnitur",
        "Pengadaan Meja dan Kursi Kayu",
        "Meja dan kursi kayu jati atau mahoni, {n} set.",
    ),
    (
        "percetakan",
        "Jasa Cetak Formulir dan Buku Agenda",
        "Cetak offset formulir dan buku agenda, {n} eksemplar.",
    ),
    (
        "percetakan",
        "Pengadaan Alat Tulis Kantor",
        "Kertas, map, pulpen dan perlengkapan kantor untuk {n} pegawai.",
    ),
    (
        "pertanian",
        "Pengadaan Sayur dan Buah Segar",
        "Sayur dan buah segar untuk dapur umum, {n} kg per minggu.",
    ),
    (
        "pertanian",
        "Pengadaan Beras Premium Lokal",
        "Beras premium hasil petani lokal, {n} kg.",
    ),
    (
        "kebersihan",
        "Jasa Kebersihan Gedung Kantor",
        "Tenaga kebersihan gedung, {n} orang-hari per bulan.",
    ),
    (
        "kesehatan",
        "Pengadaan Masker dan Alat Pelindung Diri",
        "Masker kain tiga lapis dan APD sederhana, {n} buah.",
    ),
    (
        "rumah-tangga",
        "Pengadaan Perlengkapan Dapur Umum",
        "Peralatan masak dan makan untuk dapur umum, {n} paket.",
    ),
];

const DOCUMENT_SETS: &[&[&str]] = &[
    &["nib", "npwp"],
    &["nib", "npwp", "halal"],
    &["nib", "npwp", "pirt"],
    &["nib", "npwp", "sni"],
    &["nib", "npwp", "tkdn"],
    &["nib", "npwp", "iso"],
];

/// Inserts `count` tenders published around `now` (unix seconds).
pub fn tenders(connection: &Connection, count: usize, now: i64, seed: u64) -> rusqlite::Result<()> {
    let mut random = Seeded::new(seed);
    let mut insert = connection.prepare(
        "INSERT INTO tenders (title, buyer, category, province, hps, deadline, utc_offset_hours,
            published_at, description, delivery_location, required_kbli, required_documents,
            min_tkdn, attachments, search)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    const DAY: i64 = 86_400;
    for index in 0..count {
        let (category, title, description) = *random.pick(ITEMS);
        let (buyer, home) = *random.pick(BUYERS);
        let province = if random.below(3) == 0 {
            *random.pick(PROVINCES)
        } else {
            home
        };
        let quantity = 10 * (1 + random.below(200));
        let year = 2026 + (index % 2) as i64;
        let title = format!("{title} Tahun {year}");
        let description = description.replace("{n}", &quantity.to_string());
        // HPS from Rp5 million to Rp2.5 billion, rounded to Rp100,000.
        let hps = (5_000_000 + random.below(2_495_000_000) as i64) / 100_000 * 100_000;
        let published = now - random.below(60) as i64 * DAY - random.below(DAY as u64) as i64;
        let deadline = now + (random.below(120) as i64 - 30) * DAY + 3_600 * 16;
        let offset = match province {
            "51" | "52" | "53" | "64" | "65" | "71" | "72" | "73" | "74" | "75" | "76" => 8,
            "81" | "82" | "91" | "92" => 9,
            _ => 7,
        };
        let kbli = CATEGORIES
            .iter()
            .find(|(code, _, _)| *code == category)
            .map(|(_, _, kbli)| kbli[..1 + random.below(kbli.len() as u64) as usize].to_vec())
            .unwrap_or_default();
        let documents = random.pick(DOCUMENT_SETS).to_vec();
        let min_tkdn = documents
            .contains(&"tkdn")
            .then(|| 25.0 + random.below(20) as f64);
        let attachments = serde_json::json!([
            {"name": "KAK (Kerangka Acuan Kerja).pdf", "size": 180_000 + random.below(900_000)},
            {"name": "Daftar kuantitas dan harga.pdf", "size": 60_000 + random.below(200_000)}
        ]);
        let location = format!("Kantor {buyer}");
        let search = format!("{title} {buyer} {description}").to_lowercase();
        insert.execute(params![
            title,
            buyer,
            category,
            province,
            hps,
            deadline,
            offset,
            published,
            description,
            location,
            serde_json::to_string(&kbli).unwrap_or_default(),
            serde_json::to_string(&documents).unwrap_or_default(),
            min_tkdn,
            attachments.to_string(),
            search,
        ])?;
    }
    connection.execute(
        "INSERT INTO tenders_fts (tenders_fts) VALUES ('rebuild')",
        [],
    )?;
    Ok(())
}

fn demo_accounts(connection: &Connection) -> rusqlite::Result<()> {
    let created = "2026-11-01T08:00:00Z";
    // The UMKM owner: a draft with the business section started.
    connection.execute(
        "INSERT INTO suppliers (id, status, created_at) VALUES (1, 'draft', ?1)",
        [created],
    )?;
    connection.execute(
        "INSERT INTO sections (supplier_id, section, data, version, updated_at)
         VALUES (1, 'business', ?1, 1, ?2)",
        params![
            r#"{"name":"Kopi Merapi Bantul","legal_form":"perorangan","kbli":["10710"]}"#,
            created
        ],
    )?;
    connection.execute(
        "INSERT INTO users (phone, role, supplier_id, created_at) VALUES (?1, 'supplier', 1, ?2)",
        params![DEMO_OWNER_PHONE, created],
    )?;

    // The cooperative and its staff member, with members in various states.
    connection.execute(
        "INSERT INTO cooperatives (id, name) VALUES (1, 'Koperasi Produsen Makmur Bantul')",
        [],
    )?;
    connection.execute(
        "INSERT INTO users (phone, role, cooperative_id, name, created_at)
         VALUES (?1, 'coop_staff', 1, ?2, ?3)",
        params![DEMO_STAFF_PHONE, DEMO_STAFF_NAME, created],
    )?;
    let members: &[(i64, &str, &str, &str, &str)] = &[
        (2, "Siti Rahayu", "+6281311112222", "draft", "[]"),
        (3, "Bambang Susilo", "+6281322223333", "submitted", "[]"),
        (
            4,
            "Wulan Sari",
            "+6281333334444",
            "changes_requested",
            r#"[{"field":"business.npwp","message":"NPWP pada kartu berbeda dengan yang diisi."}]"#,
        ),
        (5, "Joko Prasetyo", "+6281344445555", "approved", "[]"),
    ];
    for (id, name, phone, status, reasons) in members {
        connection.execute(
            "INSERT INTO suppliers (id, cooperative_id, status, reasons, created_at)
             VALUES (?1, 1, ?2, ?3, ?4)",
            params![id, status, reasons, created],
        )?;
        let owner = serde_json::json!({"name": name, "phone": phone}).to_string();
        connection.execute(
            "INSERT INTO sections (supplier_id, section, data, version, updated_at)
             VALUES (?1, 'owner', ?2, 1, ?3)",
            params![id, owner, created],
        )?;
        connection.execute(
            "INSERT INTO users (phone, role, supplier_id, created_at) VALUES (?1, 'supplier', ?2, ?3)",
            params![phone, id, created],
        )?;
        // The demo members have confirmed their cooperative.
        connection.execute(
            "INSERT INTO coop_links (cooperative_id, supplier_id, status, invited_name, phone, created_at, confirmed_at)
             VALUES (1, ?1, 'confirmed', ?2, ?3, ?4, ?4)",
            params![id, name, phone, created],
        )?;
    }
    Ok(())
}
