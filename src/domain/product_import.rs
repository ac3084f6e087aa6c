//! Products from a spreadsheet: a CSV file (UTF-8 or Windows-1252, comma or
//! semicolon separated, headers in Bahasa Indonesia or English in any order)
//! read into a [`Preview`] where every row is a [`Product`] or its exact
//! problems, each with the row number the spreadsheet shows, the column and
//! the value; and the writer of the template and of products back to CSV.
//!
//! ```
//! use rantai::domain::product::{Field, Issue};
//! use rantai::domain::product_import::{read, Problem};
//! let file = "nama;satuan;harga\r\nKeripik;pak;15.000\r\nTas;pcs;sepuluh ribu\r\n";
//! let preview = read(file.as_bytes(), &|typed| Some(typed.to_owned())).unwrap();
//! assert_eq!(preview.products().count(), 1);
//! let problem = &preview.problems().next().unwrap();
//! assert_eq!((problem.row, problem.column, problem.value.as_str()), (3, Field::Price, "sepuluh ribu"));
//! assert!(matches!(problem.problem, Problem::Field(Issue::Money(_))));
//! ```

use std::collections::HashMap;

use super::csv::{decode, detect_separator, quote_for, rows, Encoding};
use super::money::group_thousands;
use super::product::{check, Draft, Field, Issue, Product};

mod headers;
pub use headers::{column_for, header, Language};

/// Why a file cannot be previewed at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// No header row: the file is empty or blank.
    Empty,
    /// Required columns the header row lacks.
    MissingColumns(Vec<Field>),
    /// Two columns are the same field (`nama` and `name`).
    RepeatedColumn(Field),
}

/// What is wrong with one cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The field's own check failed.
    Field(Issue),
    /// The SKU of an earlier row (SKUs are unique within a supplier).
    RepeatedSku {
        /// The earlier row's number.
        first_row: usize,
    },
}

/// A problem with one cell: "Baris 14: harga 'sepuluh ribu' bukan angka".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellProblem {
    /// The row as the spreadsheet numbers it (the header is row 1).
    pub row: usize,
    /// The column's field.
    pub column: Field,
    /// The cell as typed (empty for a missing required value).
    pub value: String,
    /// What is wrong.
    pub problem: Problem,
}

/// One data row of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The row as the spreadsheet numbers it.
    pub row: usize,
    /// Its cells by field name, as typed: what a preview shows and a fix starts from.
    pub draft: Draft,
    /// The product, or every problem of the row.
    pub result: Result<Product, Vec<CellProblem>>,
}

/// A file read and checked, before anything is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// How its bytes were read.
    pub encoding: Encoding,
    /// Its separator, `,` or `;`.
    pub separator: char,
    /// Header cells that name no field, as written (ignored).
    pub ignored_columns: Vec<String>,
    /// Every data row that is not blank, in file order.
    pub rows: Vec<Row>,
}

impl Preview {
    /// The good rows' products with their row numbers: what "import the
    /// good rows" sends.
    pub fn products(&self) -> impl Iterator<Item = (usize, &Product)> {
        self.rows
            .iter()
            .filter_map(|r| r.result.as_ref().ok().map(|p| (r.row, p)))
    }

    /// Every problem, by row.
    pub fn problems(&self) -> impl Iterator<Item = &CellProblem> {
        self.rows
            .iter()
            .filter_map(|r| r.result.as_ref().err())
            .flatten()
    }
}

/// Reads a CSV file's bytes into a preview. `category` gives the code a
/// typed category names (see [`super::product::read`]).
pub fn read(
    bytes: &[u8],
    category: &dyn Fn(&str) -> Option<String>,
) -> Result<Preview, ImportError> {
    let (text, encoding) = decode(bytes);
    let separator = detect_separator(&text);
    let mut records = rows(&text, separator)
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let (_, header_cells) = records.next().ok_or(ImportError::Empty)?;
    let mut columns: Vec<Option<Field>> = Vec::with_capacity(header_cells.len());
    let mut ignored_columns = Vec::new();
    for cell in &header_cells {
        let column = column_for(cell);
        match column {
            Some(field) if columns.contains(&Some(field)) => {
                return Err(ImportError::RepeatedColumn(field))
            }
            None if !cell.trim().is_empty() => ignored_columns.push(cell.trim().to_owned()),
            _ => {}
        }
        columns.push(column);
    }
    let missing: Vec<Field> = Field::ALL
        .into_iter()
        .filter(|f| f.spec().required && !columns.contains(&Some(*f)))
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    let mut first_row_of_sku: HashMap<String, usize> = HashMap::new();
    let rows = records
        .map(|(row, cells)| {
            let draft: Draft = columns
                .iter()
                .zip(cells)
                .filter_map(|(column, cell)| column.map(|f| (f.name().to_owned(), cell)))
                .collect();
            let mut problems: Vec<CellProblem> = check(&draft, category, true)
                .into_iter()
                .map(|issue| CellProblem {
                    row,
                    column: issue.field,
                    value: draft.get(issue.field.name()).cloned().unwrap_or_default(),
                    problem: Problem::Field(issue.issue),
                })
                .collect();
            let sku = draft
                .get(Field::Sku.name())
                .map(|s| s.trim().to_uppercase());
            if let Some(sku) = sku.filter(|s| !s.is_empty()) {
                let first_row = *first_row_of_sku.entry(sku).or_insert(row);
                if first_row != row {
                    problems.push(CellProblem {
                        row,
                        column: Field::Sku,
                        value: draft[Field::Sku.name()].clone(),
                        problem: Problem::RepeatedSku { first_row },
                    });
                }
            }
            let result = if problems.is_empty() {
                Product::from_draft(&draft, category).map_err(|_| problems)
            } else {
                Err(problems)
            };
            Row { row, draft, result }
        })
        .collect();
    Ok(Preview {
        encoding,
        separator,
        ignored_columns,
        rows,
    })
}

/// `products` as a CSV file in `language`: its headers, `;` and decimal
/// commas for Bahasa Indonesia (as Indonesian Excel reads it), `,` for
/// English; a byte-order mark so Excel reads it as UTF-8. [`read`] gives
/// the same products back.
pub fn write(products: &[Product], language: Language) -> String {
    let indonesian = language == Language::Indonesian;
    let separator = if indonesian { ';' } else { ',' };
    let count = |n: u64| {
        if indonesian {
            group_thousands(n)
        } else {
            n.to_string()
        }
    };
    let line = |cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| quote_for(c, separator)).collect();
        cells.join(&separator.to_string()) + "\r\n"
    };
    let mut out = String::from('\u{feff}');
    out += &line(Field::ALL.map(|f| header(f, language).to_owned()).to_vec());
    for product in products {
        let cells = Field::ALL.map(|field| match field {
            Field::Name => product.name.clone(),
            Field::Category => product.category.clone().unwrap_or_default(),
            Field::Description => product.description.clone().unwrap_or_default(),
            Field::Unit => product.unit.code().to_owned(),
            Field::Price => count(product.price),
            Field::MinOrder => count(product.min_order),
            Field::Stock => product.stock.map(count).unwrap_or_default(),
            Field::LeadTimeDays => product.lead_time_days.map(count).unwrap_or_default(),
            Field::Tkdn => match product.tkdn {
                Some(tkdn) if indonesian => tkdn.to_indonesian(),
                Some(tkdn) => tkdn.to_string(),
                None => String::new(),
            },
            Field::Halal => match (product.halal, indonesian) {
                (true, true) => "ya",
                (false, true) => "tidak",
                (true, false) => "yes",
                (false, false) => "no",
            }
            .to_owned(),
            Field::Sku => product.sku.clone().unwrap_or_default(),
        });
        out += &line(cells.to_vec());
    }
    out
}

/// Rows sent per import request (the contract takes up to 500).
pub const BATCH_SIZE: usize = 100;

/// The `Idempotency-Key` of an import request with this body: the same rows
/// sent again (the same file chosen again after a dropped connection) carry
/// the same key, so the server answers with its first result and creates
/// nothing twice. Two 64-bit FNV-1a hashes of the body, 36 characters.
pub fn batch_key(body: &str) -> String {
    let fnv = |offset: u64| {
        body.bytes().fold(offset, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    format!(
        "imp-{:016x}{:016x}",
        fnv(0xcbf2_9ce4_8422_2325),
        fnv(0x6c62_272e_07bb_0142)
    )
}

/// The downloadable template: the headers and two example rows in `language`.
pub fn template(language: Language) -> String {
    write(&headers::examples(language), language)
}

#[cfg(test)]
#[path = "product_import_tests.rs"]
mod tests;
