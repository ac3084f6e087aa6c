//! Small reference lists served as they are: banks, product categories,
//! units, document kinds. (Regions and KBLI live in the database.)

use rantai::domain::unit::Unit;

/// Indonesian banks by their 3-digit clearing code.
pub const BANKS: &[(&str, &str)] = &[
    ("002", "BRI (Bank Rakyat Indonesia)"),
    ("008", "Bank Mandiri"),
    ("009", "BNI (Bank Negara Indonesia)"),
    ("011", "Bank Danamon"),
    ("013", "Bank Permata"),
    ("014", "BCA (Bank Central Asia)"),
    ("016", "Maybank Indonesia"),
    ("019", "Bank Panin"),
    ("022", "CIMB Niaga"),
    ("028", "OCBC NISP"),
    ("110", "Bank BJB"),
    ("111", "Bank DKI"),
    ("112", "BPD DIY (Bank BPD Daerah Istimewa Yogyakarta)"),
    ("113", "Bank Jateng"),
    ("114", "Bank Jatim"),
    ("147", "Bank Muamalat"),
    ("153", "Bank Sinarmas"),
    ("200", "BTN (Bank Tabungan Negara)"),
    ("426", "Bank Mega"),
    ("441", "KB Bank"),
    ("451", "BSI (Bank Syariah Indonesia)"),
    ("484", "Bank KEB Hana"),
    ("490", "Bank Neo Commerce"),
    ("535", "SeaBank"),
    ("542", "Bank Jago"),
];

/// Product and tender categories: code, Indonesian name, KBLI codes typical of it.
pub const CATEGORIES: &[(&str, &str, &[&str])] = &[
    (
        "makanan",
        "Makanan dan minuman",
        &["10710", "10792", "10793"],
    ),
    ("katering", "Jasa katering", &["56210"]),
    (
        "pakaian",
        "Pakaian dan seragam",
        &["14111", "14120", "14131"],
    ),
    ("tekstil", "Tekstil rumah tangga", &["13921", "46411"]),
    ("kerajinan", "Kerajinan tangan", &["32909", "15121"]),
    ("furnitur", "Furnitur", &["31001"]),
    (
        "percetakan",
        "Percetakan dan alat tulis",
        &["18111", "46695"],
    ),
    ("pertanian", "Hasil pertanian", &["01111", "01131", "10311"]),
    ("kebersihan", "Jasa kebersihan", &["81210", "81290"]),
    ("kesehatan", "Alat dan bahan kesehatan", &["32502", "21012"]),
    (
        "rumah-tangga",
        "Perlengkapan rumah tangga",
        &["46491", "46900"],
    ),
];

/// Units of sale: the shared [`Unit`]s (what products are checked
/// against), each with its name in Bahasa Indonesia.
pub fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Pcs => "buah (pcs)",
        Unit::Pak => "pak",
        Unit::Kotak => "kotak (box)",
        Unit::Lusin => "lusin (12 buah)",
        Unit::Kodi => "kodi (20 buah)",
        Unit::Rim => "rim (500 lembar)",
        Unit::Kg => "kilogram",
        Unit::Gram => "gram",
        Unit::Liter => "liter",
        Unit::Meter => "meter",
        Unit::Set => "set",
        Unit::Porsi => "porsi",
        Unit::OrangHari => "orang-hari (jasa)",
        Unit::Paket => "paket",
    }
}

/// Kinds of document a supplier uploads.
pub const DOCUMENT_KINDS: &[(&str, &str)] = &[
    ("nib", "NIB (Nomor Induk Berusaha)"),
    ("npwp", "Kartu NPWP"),
    ("ktp", "KTP pemilik"),
    ("halal", "Sertifikat halal (BPJPH)"),
    ("pirt", "Izin P-IRT"),
    ("bpom", "Izin edar BPOM"),
    ("sni", "Sertifikat SNI (SPPT SNI)"),
    ("tkdn", "Sertifikat TKDN"),
    ("iso", "Sertifikat ISO"),
    (
        "bank_proof",
        "Bukti rekening bank (halaman depan buku tabungan)",
    ),
    ("other", "Dokumen lain"),
];

/// The version string of the lists above; bump it when they change.
pub const LISTS_VERSION: &str = "rantai-reference-2026.12";
