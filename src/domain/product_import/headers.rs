//! The import's column headers in both languages, and the template's rows.

use crate::domain::product::{Field, Product};
use crate::domain::tkdn::Tkdn;
use crate::domain::unit::Unit;

/// The language of a template's headers and values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// Bahasa Indonesia: `;`, `15.000`, `40,5`, `ya`/`tidak`.
    Indonesian,
    /// English: `,`, `15000`, `40.5`, `yes`/`no`.
    English,
}

/// A field's header in the template.
pub fn header(field: Field, language: Language) -> &'static str {
    let (indonesian, english) = match field {
        Field::Name => ("nama", "name"),
        Field::Category => ("kategori", "category"),
        Field::Description => ("deskripsi", "description"),
        Field::Unit => ("satuan", "unit"),
        Field::Price => ("harga (Rp)", "price (Rp)"),
        Field::MinOrder => ("minimal pesanan", "min order"),
        Field::Stock => ("stok", "stock"),
        Field::LeadTimeDays => ("waktu kirim (hari)", "lead time (days)"),
        Field::Tkdn => ("TKDN (%)", "TKDN (%)"),
        Field::Halal => ("halal", "halal"),
        Field::Sku => ("SKU", "SKU"),
    };
    match language {
        Language::Indonesian => indonesian,
        Language::English => english,
    }
}

/// Other headers people write, once normalised (see [`column_for`]).
fn aliases(field: Field) -> &'static [&'static str] {
    match field {
        Field::Name => &["nama produk", "nama barang", "product name", "product"],
        Field::Category => &["kategori produk", "product category"],
        Field::Description => &["keterangan", "deskripsi produk", "product description"],
        Field::Unit => &["satuan jual", "unit of sale"],
        Field::Price => &["harga satuan", "harga jual", "unit price"],
        Field::MinOrder => &[
            "min pesanan",
            "pesanan minimal",
            "minimum pesanan",
            "minimal order",
            "minimum order",
            "moq",
        ],
        Field::Stock => &["stok tersedia", "jumlah stok", "stock quantity"],
        Field::LeadTimeDays => &["lama kirim", "waktu pengiriman", "lead time days"],
        Field::Tkdn => &["nilai tkdn", "tkdn percent"],
        Field::Halal => &["status halal", "halal status"],
        Field::Sku => &["kode", "kode produk", "kode barang", "product code"],
    }
}

/// Lowercase words only: punctuation, `_` and the words that only say a
/// unit or that a column is required (`(Rp)`, `(hari)`, `%`, `*`, `wajib`)
/// dropped, so `Harga (Rp)*`, `harga` and `HARGA` are one header.
fn normalise(cell: &str) -> String {
    const NOISE: [&str; 9] = [
        "rp", "hari", "days", "persen", "percent", "wajib", "required", "opsional", "optional",
    ];
    cell.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && !NOISE.contains(word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field a header cell names, in either language (or by its contract
/// name: `min_order`, `tkdn_percent`), in any case; `None` when it names none.
pub fn column_for(cell: &str) -> Option<Field> {
    let wanted = normalise(cell);
    if wanted.is_empty() {
        return None;
    }
    Field::ALL.into_iter().find(|&field| {
        [Language::Indonesian, Language::English]
            .into_iter()
            .map(|language| normalise(header(field, language)))
            .chain(std::iter::once(normalise(field.name())))
            .any(|known| known == wanted)
            || aliases(field).contains(&wanted.as_str())
    })
}

/// The template's two example rows.
pub(super) fn examples(language: Language) -> Vec<Product> {
    let product = |name: &str, category: &str, description: &str, unit, price| Product {
        name: name.to_owned(),
        category: Some(category.to_owned()),
        description: Some(description.to_owned()),
        unit,
        price,
        min_order: 10,
        stock: None,
        lead_time_days: Some(3),
        tkdn: None,
        halal: false,
        sku: None,
    };
    let (mut first, mut second) = match language {
        Language::Indonesian => (
            product(
                "Keripik Tempe Original 250 g",
                "makanan",
                "Keripik tempe renyah; tanpa pengawet, tahan 3 bulan.",
                Unit::Pak,
                15_000,
            ),
            product(
                "Seragam Batik Kantor",
                "pakaian",
                "Batik cap, ukuran S sampai XXL.",
                Unit::Pcs,
                185_000,
            ),
        ),
        Language::English => (
            product(
                "Palm Sugar 1 kg",
                "makanan",
                "Pure palm sugar, \"gula aren\", from Banten.",
                Unit::Kg,
                35_000,
            ),
            product(
                "Woven Bamboo Basket",
                "kerajinan",
                "Hand woven, set of 3 sizes.",
                Unit::Set,
                1_250_000,
            ),
        ),
    };
    first.stock = Some(1_200);
    first.tkdn = Tkdn::from_hundredths(4_550);
    first.halal = true;
    first.sku = Some(format!("{}-250", first.unit.code().to_uppercase()));
    second.min_order = 1;
    second.lead_time_days = Some(14);
    second.tkdn = Tkdn::from_hundredths(6_025);
    vec![first, second]
}
