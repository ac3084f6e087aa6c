//! Tests of `product_import.rs`.

use super::*;
use crate::domain::money::MoneyError;
use crate::domain::product::tests::any_product;
use crate::domain::tkdn::TkdnError;
use proptest::prelude::*;

fn known(typed: &str) -> Option<String> {
    let code = typed.trim().to_lowercase();
    ["makanan", "pakaian", "kerajinan"]
        .contains(&code.as_str())
        .then_some(code)
}

fn problems(preview: &Preview) -> Vec<(usize, Field, &str, Problem)> {
    preview
        .problems()
        .map(|p| (p.row, p.column, p.value.as_str(), p.problem))
        .collect()
}

#[test]
fn each_template_reads_back_as_its_two_examples() {
    for language in [Language::Indonesian, Language::English] {
        let text = template(language);
        let preview = read(text.as_bytes(), &known).unwrap();
        let products: Vec<Product> = preview.products().map(|(_, p)| p.clone()).collect();
        assert_eq!(products, headers::examples(language), "{language:?}");
        assert_eq!(
            preview.rows.iter().map(|r| r.row).collect::<Vec<_>>(),
            vec![2, 3]
        );
        assert!(preview.ignored_columns.is_empty());
    }
    assert!(template(Language::Indonesian).starts_with("\u{feff}nama;kategori;"));
    assert!(template(Language::English).contains(",35000,"));
}

#[test]
fn a_windows_1252_semicolon_export_reports_exactly_its_bad_rows() {
    let mut bytes = b"No;Nama Produk;Harga (Rp);Satuan;Stok;TKDN (%);Halal\r\n".to_vec();
    bytes.extend_from_slice(b"1;Kain \x93Sogan\x94;Rp 250.000;pcs;10;40,5;ya\r\n");
    bytes.extend_from_slice(b";;;;;;\r\n");
    bytes.extend_from_slice(b"3;Gula Aren;sepuluh ribu;kg;5;;tidak\r\n");
    bytes.extend_from_slice(b"4;Madu;50.000;galon;1,5;40,125;mungkin\r\n");
    let preview = read(&bytes, &known).unwrap();
    assert_eq!(
        (preview.encoding, preview.separator),
        (Encoding::Windows1252, ';')
    );
    assert_eq!(preview.ignored_columns, vec!["No"]);
    let good: Vec<(usize, &str)> = preview
        .products()
        .map(|(row, p)| (row, p.name.as_str()))
        .collect();
    assert_eq!(good, vec![(2, "Kain \u{201c}Sogan\u{201d}")]);
    assert_eq!(
        problems(&preview),
        vec![
            (
                4,
                Field::Price,
                "sepuluh ribu",
                Problem::Field(Issue::Money(MoneyError::NotANumber))
            ),
            (5, Field::Unit, "galon", Problem::Field(Issue::UnknownUnit)),
            (
                5,
                Field::Stock,
                "1,5",
                Problem::Field(Issue::NotAWholeNumber)
            ),
            (
                5,
                Field::Tkdn,
                "40,125",
                Problem::Field(Issue::Tkdn(TkdnError::TooManyDecimals))
            ),
            (5, Field::Halal, "mungkin", Problem::Field(Issue::NotYesNo)),
        ]
    );
}

#[test]
fn headers_are_read_in_either_language_in_any_order() {
    let file = "PRICE,sku,Unit,Minimal Pesanan,waktu_kirim,kategori,name,lead time\r\n";
    assert_eq!(
        read(file.as_bytes(), &known),
        Err(ImportError::RepeatedColumn(Field::LeadTimeDays))
    );
    let file = "price,sku,Unit,Minimal Pesanan,waktu kirim (hari),kategori,Nama Produk*\r\n\
                \"Rp 1.500\",A-1,box,\"1.000\",7,Makanan,Kue Lapis\r\n";
    let preview = read(file.as_bytes(), &known).unwrap();
    let (row, product) = preview.products().next().unwrap();
    assert_eq!(row, 2);
    assert_eq!(
        (product.price, product.min_order, product.lead_time_days),
        (1_500, 1_000, Some(7))
    );
    assert_eq!(product.category.as_deref(), Some("makanan"));
    for field in Field::ALL {
        assert_eq!(column_for(field.name()), Some(field));
        assert_eq!(column_for(header(field, Language::English)), Some(field));
    }
    assert_eq!(column_for("warna"), None);
}

#[test]
fn missing_columns_and_empty_files_are_reported_before_any_row() {
    assert_eq!(
        read(b"nama;stok\n", &known),
        Err(ImportError::MissingColumns(vec![Field::Unit, Field::Price]))
    );
    assert_eq!(read(b"", &known), Err(ImportError::Empty));
    assert_eq!(
        read(b"\xef\xbb\xbf\r\n;;\r\n", &known),
        Err(ImportError::Empty)
    );
}

#[test]
fn a_repeated_sku_is_the_later_row_s_problem_and_empty_cells_are_required() {
    let file = "name,unit,price,sku\nA,pcs,1,ab-1\nB,pcs,2,AB-1\nC,,,\n";
    let preview = read(file.as_bytes(), &known).unwrap();
    assert_eq!(
        problems(&preview),
        vec![
            (3, Field::Sku, "AB-1", Problem::RepeatedSku { first_row: 2 }),
            (4, Field::Unit, "", Problem::Field(Issue::Required)),
            (4, Field::Price, "", Problem::Field(Issue::Required)),
        ]
    );
    assert_eq!(
        preview.rows[2].draft.get("name").map(String::as_str),
        Some("C")
    );
}

proptest! {
    #[test]
    fn products_written_then_read_are_the_same(
        products in prop::collection::vec(any_product(), 0..8),
        indonesian in any::<bool>(),
    ) {
        // Two rows with one SKU are not both importable: keep the first.
        let mut seen = std::collections::HashSet::new();
        let products: Vec<Product> = products
            .into_iter()
            .filter(|p| p.sku.as_ref().is_none_or(|s| seen.insert(s.to_uppercase())))
            .collect();
        let language = if indonesian { Language::Indonesian } else { Language::English };
        let preview = read(write(&products, language).as_bytes(), &known).unwrap();
        let read_back: Vec<Product> = preview.products().map(|(_, p)| p.clone()).collect();
        prop_assert_eq!(read_back, products);
    }

    #[test]
    fn nothing_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = read(&bytes, &known);
    }

    #[test]
    fn nothing_panics_on_arbitrary_rows_under_a_good_header(
        body in "[a-zA-Z0-9 ,;\"\r\n.%Rp\u{93}-]{0,300}",
    ) {
        let file = format!("nama;satuan;harga;stok;tkdn;halal;sku\r\n{body}");
        if let Ok(preview) = read(file.as_bytes(), &known) {
            for row in &preview.rows {
                prop_assert!(row.row >= 2);
            }
        }
    }
}

#[test]
fn the_same_rows_sent_again_carry_the_same_key_and_other_rows_another() {
    let first = batch_key(r#"{"items":[{"name":"Keripik"}]}"#);
    assert_eq!(first, batch_key(r#"{"items":[{"name":"Keripik"}]}"#));
    assert_ne!(first, batch_key(r#"{"items":[{"name":"Keripil"}]}"#));
    assert_eq!(first.len(), 36);
    assert!(first.bytes().all(|b| b.is_ascii_graphic()));
}
