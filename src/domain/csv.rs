//! CSV as RFC 4180 writes it (and spreadsheets export it): fields separated
//! by commas (or semicolons, as Excel does where the comma is the decimal
//! mark), optionally quoted, `""` for a quote inside quotes, line breaks
//! inside quotes kept, CRLF or LF line ends, a UTF-8 byte-order mark ignored.
//! Files come as UTF-8 or, from older Excel, Windows-1252: [`decode`].
//!
//! ```
//! use rantai::domain::csv::{decode, detect_separator, rows, Encoding};
//! let (text, encoding) = decode(b"nama;harga\r\nKain \x93Sogan\x94;10.000\r\n");
//! assert_eq!(encoding, Encoding::Windows1252);
//! let separator = detect_separator(&text);
//! assert_eq!(rows(&text, separator)[1], (2, vec!["Kain \u{201c}Sogan\u{201d}".to_owned(), "10.000".to_owned()]));
//! ```

/// How a file's bytes were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark, if any, dropped).
    Utf8,
    /// Windows-1252, what Excel writes on Windows unless told otherwise.
    Windows1252,
}

/// Windows-1252's characters for bytes 0x80 to 0x9F (the rest is Latin-1);
/// the five bytes it leaves undefined become U+FFFD.
const WINDOWS_1252_80_9F: [char; 32] = [
    '\u{20ac}', '\u{fffd}', '\u{201a}', '\u{0192}', '\u{201e}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02c6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{fffd}', '\u{017d}', '\u{fffd}',
    '\u{fffd}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02dc}', '\u{2122}', '\u{0161}', '\u{203a}', '\u{0153}', '\u{fffd}', '\u{017e}', '\u{0178}',
];

/// The text of a file's bytes: UTF-8 when they are valid UTF-8 (with or
/// without a byte-order mark), else Windows-1252. Never fails: every byte
/// is a character in Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Encoding::Utf8),
        Err(_) => {
            let text = bytes
                .iter()
                .map(|&byte| match byte {
                    0x80..=0x9f => WINDOWS_1252_80_9F[usize::from(byte - 0x80)],
                    _ => char::from(byte),
                })
                .collect();
            (text, Encoding::Windows1252)
        }
    }
}

/// The separator of `text`: a semicolon when its first line that is not
/// blank (outside quotes) has more semicolons than commas, else a comma.
pub fn detect_separator(text: &str) -> char {
    let (mut commas, mut semicolons, mut in_quotes, mut blank) = (0, 0, false, true);
    for character in text.chars() {
        match character {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => commas += 1,
            ';' if !in_quotes => semicolons += 1,
            '\n' | '\r' if !in_quotes && !blank => break,
            _ => {}
        }
        blank &= character.is_whitespace() || character == '\u{feff}';
    }
    if semicolons > commas {
        ';'
    } else {
        ','
    }
}

/// Every comma-separated record of `text`, each a list of fields. Blank lines are skipped.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    rows(text, ',')
        .into_iter()
        .map(|(_, record)| record)
        .collect()
}

/// Every record of `text` separated by `separator`, with its row number as
/// a spreadsheet shows it (the first record is row 1; a blank line is a row
/// too, and a quoted line break does not start one). Blank lines are skipped.
pub fn rows(text: &str, separator: char) -> Vec<(usize, Vec<String>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut field_started = false;
    let mut row = 1;
    let mut chars = text.chars().peekable();
    while let Some(character) = chars.next() {
        if in_quotes {
            match character {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => in_quotes = false,
                _ => field.push(character),
            }
            continue;
        }
        match character {
            '"' if field.is_empty() => {
                in_quotes = true;
                field_started = true;
            }
            c if c == separator => {
                record.push(std::mem::take(&mut field));
                field_started = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                finish_record(&mut records, row, &mut record, &mut field, field_started);
                field_started = false;
                row += 1;
            }
            _ => {
                field.push(character);
                field_started = true;
            }
        }
    }
    finish_record(&mut records, row, &mut record, &mut field, field_started);
    records
}

fn finish_record(
    records: &mut Vec<(usize, Vec<String>)>,
    row: usize,
    record: &mut Vec<String>,
    field: &mut String,
    field_started: bool,
) {
    if field_started || !record.is_empty() {
        record.push(std::mem::take(field));
        records.push((row, std::mem::take(record)));
    }
}

/// One field as CSV writes it: quoted when it holds a comma, quote or line break.
pub fn quote(field: &str) -> String {
    quote_for(field, ',')
}

/// One field as CSV separated by `separator` writes it: quoted when it
/// holds the separator, a quote or a line break.
pub fn quote_for(field: &str, separator: char) -> String {
    if field.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quoted_fields_keep_their_commas_quotes_and_line_breaks() {
        let text = "code,title\r\n10793,\"Industri Makanan, Tempe Dan Tahu\"\n1,\"say \"\"hi\"\"\nthere\"\n";
        assert_eq!(
            parse(text),
            vec![
                vec!["code", "title"],
                vec!["10793", "Industri Makanan, Tempe Dan Tahu"],
                vec!["1", "say \"hi\"\nthere"],
            ]
        );
    }

    #[test]
    fn empty_fields_blank_lines_and_a_bom_are_handled() {
        assert_eq!(
            parse("\u{feff}a,,c\n\n,\n"),
            vec![vec!["a", "", "c"], vec!["", ""]]
        );
        assert!(parse("").is_empty());
    }

    #[test]
    fn bytes_are_read_as_utf8_with_or_without_a_bom_else_windows_1252() {
        assert_eq!(
            decode("Gula \u{2013} 1 kg".as_bytes()),
            ("Gula \u{2013} 1 kg".into(), Encoding::Utf8)
        );
        assert_eq!(decode(b"\xef\xbb\xbfnama"), ("nama".into(), Encoding::Utf8));
        let (text, encoding) = decode(b"Caf\xe9 \x80 5 \x96 \x81");
        assert_eq!(encoding, Encoding::Windows1252);
        assert_eq!(text, "Caf\u{e9} \u{20ac} 5 \u{2013} \u{fffd}");
        assert_eq!(WINDOWS_1252_80_9F[0x9f - 0x80], '\u{178}');
    }

    #[test]
    fn the_separator_is_read_from_the_header_line() {
        assert_eq!(detect_separator("nama;harga;deskripsi\na,b,c,d"), ';');
        assert_eq!(detect_separator("name,price\n1;2;3"), ',');
        assert_eq!(detect_separator("\"a;b;c\",x\n"), ',');
        assert_eq!(detect_separator(""), ',');
        assert_eq!(detect_separator("\r\n \r\nnama;harga\r\n"), ';');
    }

    #[test]
    fn rows_are_numbered_as_the_spreadsheet_numbers_them() {
        let text = "nama;harga\r\n\"Kain\r\nbatik\";1\r\n\r\nTas;2\r\n";
        let numbered: Vec<usize> = rows(text, ';').into_iter().map(|(row, _)| row).collect();
        assert_eq!(numbered, vec![1, 2, 4]);
        assert_eq!(rows(text, ';')[1].1, vec!["Kain\r\nbatik", "1"]);
    }

    proptest! {
        #[test]
        fn any_bytes_decode_and_split_without_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let (text, _) = decode(&bytes);
            let _ = rows(&text, detect_separator(&text));
        }

        #[test]
        fn windows_1252_text_reads_back(text in "[ -~\u{a0}-\u{ff}\u{20ac}\u{201c}\u{201d}\u{2013}]{1,40}") {
            let bytes: Vec<u8> = text.chars().map(|c| match c {
                '\u{20ac}' => 0x80,
                '\u{201c}' => 0x93,
                '\u{201d}' => 0x94,
                '\u{2013}' => 0x96,
                c => c as u8,
            }).collect();
            // A few Windows-1252 sequences happen to be valid UTF-8 too ("\u{c3}\u{a9}"): UTF-8 wins.
            prop_assume!(bytes.is_ascii() || std::str::from_utf8(&bytes).is_err());
            let (decoded, encoding) = decode(&bytes);
            prop_assert_eq!(&decoded, &text);
            prop_assert_eq!(encoding, if bytes.is_ascii() { Encoding::Utf8 } else { Encoding::Windows1252 });
        }

        #[test]
        fn writing_then_parsing_returns_the_same_records(
            records in prop::collection::vec(prop::collection::vec(".{0,12}", 1..5), 1..6)
        ) {
            // A record of one empty field is a blank line, which parse skips.
            let records: Vec<Vec<String>> = records
                .into_iter()
                .map(|r| r.into_iter().map(|f| f.replace('\u{feff}', "")).collect::<Vec<_>>())
                .filter(|r| !(r.len() == 1 && r[0].is_empty()))
                .collect();
            let text: String = records
                .iter()
                .map(|r| r.iter().map(|f| quote(f)).collect::<Vec<_>>().join(",") + "\r\n")
                .collect();
            prop_assert_eq!(parse(&text), records);
        }

        #[test]
        fn nothing_panics_on_arbitrary_text(text in "\\PC{0,200}") {
            let _ = parse(&text);
        }
    }
}
