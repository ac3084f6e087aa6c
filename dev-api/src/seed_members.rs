//! `--seed-members N` (with `--dev` only): the demo cooperative gets N
//! generated members, to try the roster and time it (`scripts/bench`) with
//! a cooperative of hundreds. Each is a confirmed member with an owner, most
//! with a business, in every verification status, their numbers
//! `+62819000…` (apart from the demo accounts' `+62812…` and `+62813…`).
//! Deterministic: the same N gives the same members.

use rusqlite::{params, Connection};
use serde_json::json;

use crate::seed::Seeded;

/// The demo cooperative (seed.rs).
const COOPERATIVE: i64 = 1;

const FIRST_NAMES: [&str; 20] = [
    "Siti", "Budi", "Dewi", "Agus", "Sri", "Wahyu", "Rina", "Eko", "Lestari", "Joko", "Ayu",
    "Hendra", "Wulan", "Bambang", "Nur", "Yanti", "Dedi", "Ratna", "Slamet", "Indah",
];
const LAST_NAMES: [&str; 16] = [
    "Rahayu",
    "Santoso",
    "Wulandari",
    "Prasetyo",
    "Hartati",
    "Saputra",
    "Kusuma",
    "Nugroho",
    "Lestari",
    "Hidayat",
    "Permata",
    "Susanto",
    "Utami",
    "Wibowo",
    "Pratiwi",
    "Setiawan",
];
const TRADES: [&str; 10] = [
    "Keripik", "Batik", "Tenun", "Kopi", "Jamu", "Gerabah", "Sambal", "Anyaman", "Madu", "Bakpia",
];
const STATUSES: [&str; 8] = [
    "draft",
    "draft",
    "draft",
    "submitted",
    "in_review",
    "changes_requested",
    "approved",
    "approved",
];

/// The phone number of the `index`th generated member.
fn phone(index: usize) -> String {
    format!("+62819{index:08}")
}

/// Adds the generated members the demo cooperative does not have yet, up
/// to `count` in all.
pub fn seed_members(connection: &mut Connection, count: usize) -> rusqlite::Result<()> {
    let have: usize = connection.query_row(
        "SELECT COUNT(*) FROM coop_links WHERE cooperative_id = ?1 AND phone LIKE '+62819%'",
        [COOPERATIVE],
        |row| row.get(0),
    )?;
    let transaction = connection.transaction()?;
    let mut random = Seeded::new(14);
    // Drawn for every index so a member is the same whoever was added first.
    for index in 0..count {
        let member = Generated::new(&mut random, index);
        if index >= have {
            member.insert(&transaction)?;
        }
    }
    transaction.commit()
}

/// One generated member.
struct Generated {
    owner: String,
    business: Option<String>,
    phone: String,
    status: &'static str,
    /// When their profile last changed: within the last 60 days of
    /// November 2026.
    updated_at: String,
}

impl Generated {
    fn new(random: &mut Seeded, index: usize) -> Generated {
        let first = random.pick(&FIRST_NAMES);
        let last = random.pick(&LAST_NAMES);
        let trade = random.pick(&TRADES);
        // One in five has not given a business name yet.
        let business = (random.below(5) != 0).then(|| format!("{trade} {first} {index}"));
        let day = 1 + random.below(60);
        Generated {
            owner: format!("{first} {last}"),
            business,
            phone: phone(index),
            status: STATUSES[random.below(STATUSES.len() as u64) as usize],
            updated_at: format!(
                "2026-{:02}-{:02}T09:00:00Z",
                if day > 30 { 11 } else { 10 },
                (day - 1) % 30 + 1
            ),
        }
    }

    fn insert(&self, connection: &Connection) -> rusqlite::Result<()> {
        let reasons = if self.status == "changes_requested" {
            json!([{"field": "business.npwp", "message": "NPWP pada kartu berbeda dengan yang diisi."}])
        } else {
            json!([])
        };
        connection.execute(
            "INSERT INTO suppliers (cooperative_id, status, reasons, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![COOPERATIVE, self.status, reasons.to_string(), self.updated_at],
        )?;
        let supplier = connection.last_insert_rowid();
        let mut sections = vec![("owner", json!({"name": self.owner, "phone": self.phone}))];
        if let Some(business) = &self.business {
            sections.push((
                "business",
                json!({"name": business, "legal_form": "perorangan"}),
            ));
        }
        for (section, data) in sections {
            connection.execute(
                "INSERT INTO sections (supplier_id, section, data, version, updated_at)
                 VALUES (?1, ?2, ?3, 1, ?4)",
                params![supplier, section, data.to_string(), self.updated_at],
            )?;
        }
        connection.execute(
            "INSERT INTO users (phone, role, supplier_id, created_at) VALUES (?1, 'supplier', ?2, ?3)",
            params![self.phone, supplier, self.updated_at],
        )?;
        connection.execute(
            "INSERT INTO coop_links (cooperative_id, supplier_id, status, invited_name, phone, created_at, confirmed_at)
             VALUES (?1, ?2, 'confirmed', ?3, ?4, ?5, ?5)",
            params![COOPERATIVE, supplier, self.owner, self.phone, self.updated_at],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(connection: &Connection) -> Vec<(String, String)> {
        connection
            .prepare("SELECT phone, invited_name FROM coop_links WHERE phone LIKE '+62819%' ORDER BY phone")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// A new database with the demo cooperative and no members.
    fn cooperative_alone() -> Connection {
        let connection = crate::db::open_in_memory().unwrap();
        connection
            .execute(
                "INSERT INTO cooperatives (id, name) VALUES (1, 'Koperasi')",
                [],
            )
            .unwrap();
        connection
    }

    #[test]
    fn members_are_added_up_to_the_count_and_the_same_each_time() {
        let mut connection = cooperative_alone();
        seed_members(&mut connection, 3).unwrap();
        let three = members(&connection);
        assert_eq!(three.len(), 3);
        assert_eq!(three[0].0, "+6281900000000");
        seed_members(&mut connection, 5).unwrap();
        let five = members(&connection);
        assert_eq!(five.len(), 5);
        assert_eq!(
            five[..3],
            three[..],
            "the first three are kept as they were"
        );
        seed_members(&mut connection, 5).unwrap();
        assert_eq!(members(&connection), five, "nothing twice");
        let mut fresh = cooperative_alone();
        seed_members(&mut fresh, 5).unwrap();
        assert_eq!(members(&fresh), five, "deterministic");
    }
}
