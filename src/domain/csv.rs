//! CSV as RFC 4180 writes it (and spreadsheets export it): fields separated
//! by commas, optionally quoted, `""` for a quote inside quotes, line breaks
//! inside quotes kept, CRLF or LF line ends, a UTF-8 byte-order mark ignored.

/// Every record of `text`, each a list of fields. Blank lines are skipped.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut field_started = false;
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
            ',' => {
                record.push(std::mem::take(&mut field));
                field_started = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                finish_record(&mut records, &mut record, &mut field, field_started);
                field_started = false;
            }
            _ => {
                field.push(character);
                field_started = true;
            }
        }
    }
    finish_record(&mut records, &mut record, &mut field, field_started);
    records
}

fn finish_record(
    records: &mut Vec<Vec<String>>,
    record: &mut Vec<String>,
    field: &mut String,
    field_started: bool,
) {
    if field_started || !record.is_empty() {
        record.push(std::mem::take(field));
        records.push(std::mem::take(record));
    }
}

/// One field as CSV writes it: quoted when it holds a comma, quote or line break.
pub fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
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

    proptest! {
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
