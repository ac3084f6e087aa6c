//! The SQLite database: opening, and the migrations that build its schema.

use std::path::Path;

use rusqlite::Connection;

/// Each migration runs once, in order; `PRAGMA user_version` counts them.
const MIGRATIONS: &[&str] = &[
    // 1: accounts and sessions
    "CREATE TABLE cooperatives (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL
    );
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        phone TEXT NOT NULL UNIQUE,
        role TEXT CHECK (role IN ('supplier', 'coop_staff')),
        cooperative_id INTEGER REFERENCES cooperatives(id),
        supplier_id INTEGER REFERENCES suppliers(id),
        created_at TEXT NOT NULL
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        acting_supplier_id INTEGER REFERENCES suppliers(id),
        last_seen INTEGER NOT NULL
    );
    CREATE TABLE otps (
        phone TEXT NOT NULL,
        code TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        wrong_tries INTEGER NOT NULL DEFAULT 0,
        used INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX otps_by_phone ON otps(phone, sent_at);",
    // 2: suppliers and their profile sections
    "CREATE TABLE suppliers (
        id INTEGER PRIMARY KEY,
        cooperative_id INTEGER REFERENCES cooperatives(id),
        status TEXT NOT NULL DEFAULT 'draft',
        reasons TEXT NOT NULL DEFAULT '[]',
        submitted_at TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE sections (
        supplier_id INTEGER NOT NULL REFERENCES suppliers(id),
        section TEXT NOT NULL,
        data TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (supplier_id, section)
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor_user_id INTEGER NOT NULL,
        supplier_id INTEGER NOT NULL,
        action TEXT NOT NULL
    );",
    // 3: reference data
    "CREATE TABLE regions (
        code TEXT PRIMARY KEY,
        parent TEXT,
        level INTEGER NOT NULL,
        name TEXT NOT NULL
    );
    CREATE INDEX regions_by_parent ON regions(parent, code);
    CREATE TABLE kbli (
        code TEXT PRIMARY KEY,
        category TEXT NOT NULL,
        title TEXT NOT NULL
    );
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );",
    // 4: tenders
    "CREATE TABLE tenders (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        buyer TEXT NOT NULL,
        category TEXT NOT NULL,
        province TEXT NOT NULL,
        hps INTEGER NOT NULL,
        deadline INTEGER NOT NULL,
        utc_offset_hours INTEGER NOT NULL,
        published_at INTEGER NOT NULL,
        description TEXT NOT NULL,
        delivery_location TEXT NOT NULL,
        required_kbli TEXT NOT NULL,
        required_documents TEXT NOT NULL,
        min_tkdn REAL,
        attachments TEXT NOT NULL,
        search TEXT NOT NULL
    );
    CREATE INDEX tenders_by_deadline ON tenders(deadline);
    CREATE INDEX tenders_by_province ON tenders(province, deadline);
    CREATE INDEX tenders_by_category ON tenders(category, deadline);
    CREATE TABLE saved_tenders (
        supplier_id INTEGER NOT NULL,
        tender_id INTEGER NOT NULL,
        PRIMARY KEY (supplier_id, tender_id)
    );
    CREATE TABLE interests (
        supplier_id INTEGER NOT NULL,
        tender_id INTEGER NOT NULL,
        note TEXT,
        registered_at TEXT NOT NULL,
        PRIMARY KEY (supplier_id, tender_id)
    );",
    // 5: products, uploads, documents, idempotent requests
    "CREATE TABLE products (
        id INTEGER PRIMARY KEY,
        supplier_id INTEGER NOT NULL REFERENCES suppliers(id),
        data TEXT NOT NULL,
        search TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX products_by_supplier ON products(supplier_id, id);
    CREATE TABLE uploads (
        id TEXT PRIMARY KEY,
        supplier_id INTEGER NOT NULL REFERENCES suppliers(id),
        length INTEGER NOT NULL,
        received INTEGER NOT NULL DEFAULT 0,
        filename TEXT NOT NULL,
        content_type TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        supplier_id INTEGER NOT NULL REFERENCES suppliers(id),
        kind TEXT NOT NULL,
        number TEXT,
        issuer TEXT,
        issued_on TEXT,
        expires_on TEXT,
        upload_id TEXT NOT NULL REFERENCES uploads(id),
        status TEXT NOT NULL DEFAULT 'uploaded',
        rejection_reason TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    );
    CREATE TABLE idempotency (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (scope, key)
    );",
    // 6: full-text search over tenders (word prefixes, not substrings)
    "CREATE VIRTUAL TABLE tenders_fts USING fts5(
        search, content = 'tenders', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO tenders_fts (tenders_fts) VALUES ('rebuild');",
    // 7: a cooperative's link to a member is pending until the member
    // confirms it with a code; codes are hashed and say what they are for;
    // sessions have an absolute lifetime; the audit trail says which fields
    // a change touched, and account events (sign-ins, wrong codes) are kept.
    // Links that existed before are pending: their members confirm them.
    "CREATE TABLE coop_links (
        id INTEGER PRIMARY KEY,
        cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
        supplier_id INTEGER NOT NULL REFERENCES suppliers(id),
        status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed')),
        invited_name TEXT NOT NULL,
        invited_business TEXT,
        phone TEXT NOT NULL,
        created_at TEXT NOT NULL,
        confirmed_at TEXT,
        UNIQUE (cooperative_id, supplier_id)
    );
    CREATE INDEX coop_links_by_supplier ON coop_links(supplier_id);
    INSERT INTO coop_links (cooperative_id, supplier_id, status, invited_name, phone, created_at)
        SELECT s.cooperative_id, s.id, 'pending',
            COALESCE((SELECT json_extract(data, '$.name') FROM sections WHERE supplier_id = s.id AND section = 'owner'), ''),
            COALESCE((SELECT phone FROM users WHERE supplier_id = s.id), ''),
            s.created_at
        FROM suppliers s WHERE s.cooperative_id IS NOT NULL;
    ALTER TABLE otps ADD COLUMN purpose TEXT NOT NULL DEFAULT 'sign_in';
    ALTER TABLE otps ADD COLUMN link_id INTEGER;
    ALTER TABLE otps ADD COLUMN client TEXT;
    DELETE FROM otps;
    ALTER TABLE sessions ADD COLUMN started_at INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE audit ADD COLUMN changes TEXT NOT NULL DEFAULT '[]';
    CREATE INDEX audit_by_supplier ON audit(supplier_id, id);
    CREATE TABLE account_events (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        action TEXT NOT NULL,
        client TEXT
    );",
    // 8: adding a member never makes or changes an account: an invitation
    // is kept by phone number, and points at a supplier only once that
    // number's owner has one (now, or when they choose the supplier role).
    "CREATE TABLE coop_links_v8 (
        id INTEGER PRIMARY KEY,
        cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
        supplier_id INTEGER REFERENCES suppliers(id),
        status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed')),
        invited_name TEXT NOT NULL,
        invited_business TEXT,
        phone TEXT NOT NULL,
        created_at TEXT NOT NULL,
        confirmed_at TEXT,
        UNIQUE (cooperative_id, supplier_id),
        CHECK (status = 'pending' OR supplier_id IS NOT NULL)
    );
    INSERT INTO coop_links_v8 SELECT id, cooperative_id, supplier_id, status, invited_name,
        invited_business, phone, created_at, confirmed_at FROM coop_links;
    DROP TABLE coop_links;
    ALTER TABLE coop_links_v8 RENAME TO coop_links;
    CREATE INDEX coop_links_by_supplier ON coop_links(supplier_id);
    CREATE INDEX coop_links_by_phone ON coop_links(phone, cooperative_id);",
    // 9: a SKU is unique within a supplier, compared trimmed and without
    // case: `sku_key` is that form (written by the handlers, which compare it
    // the same way), and the index stops two saves that race past the
    // handlers' check. Rows kept from before get the key approximated here
    // (ASCII case, spaces); where two of a supplier's rows clash, only the
    // first gets one, and the other is told its SKU is taken when next saved.
    // Thumbnails of photos are cached beside their upload's row and go with
    // it; `jpeg` NULL means the image could not be read (not tried again).
    "ALTER TABLE products ADD COLUMN sku_key TEXT;
    UPDATE products SET sku_key = NULLIF(lower(trim(json_extract(data, '$.sku'))), '')
        WHERE id IN (SELECT MIN(id) FROM products
            GROUP BY supplier_id, NULLIF(lower(trim(json_extract(data, '$.sku'))), ''));
    CREATE UNIQUE INDEX products_by_sku ON products(supplier_id, sku_key) WHERE sku_key IS NOT NULL;
    CREATE TABLE thumbnails (
        upload_id TEXT PRIMARY KEY REFERENCES uploads(id) ON DELETE CASCADE,
        jpeg BLOB
    );",
    // 10: a TKDN certificate's TKDN and BMP percentages, in hundredths of a
    // percent (null for other kinds); a PDF document's pages, counted from
    // its upload when the document is saved (null for images, and for
    // documents saved before this until they are saved again).
    "ALTER TABLE documents ADD COLUMN tkdn_hundredths INTEGER;
    ALTER TABLE documents ADD COLUMN bmp_hundredths INTEGER;
    ALTER TABLE documents ADD COLUMN pages INTEGER;",
    // 11: a staff member's own name, asked when they choose to be
    // cooperative staff: members read it on what staff filled in for them
    // (their trail). Null for accounts made before, which show their
    // masked number instead.
    "ALTER TABLE users ADD COLUMN name TEXT;",
];

/// Opens (creating if need be) the database at `path` and migrates it.
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    if let Some(folder) = path.parent() {
        let _ = std::fs::create_dir_all(folder);
    }
    let connection = Connection::open(path)?;
    connection.pragma_update(None, "journal_mode", "WAL")?;
    prepare(connection)
}

/// A fresh database in memory, for tests and benchmarks.
pub fn open_in_memory() -> rusqlite::Result<Connection> {
    prepare(Connection::open_in_memory()?)
}

fn prepare(connection: Connection) -> rusqlite::Result<Connection> {
    connection.pragma_update(None, "foreign_keys", "ON")?;
    connection.pragma_update(None, "synchronous", "NORMAL")?;
    migrate(&connection)?;
    Ok(connection)
}

fn migrate(connection: &Connection) -> rusqlite::Result<()> {
    let done: usize = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(done) {
        connection.execute_batch(&format!("BEGIN; {migration} COMMIT;"))?;
        connection.pragma_update(None, "user_version", index + 1)?;
    }
    Ok(())
}
