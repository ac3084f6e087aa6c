//! JSON read in the browser (`api::json::parse`: `JSON.parse`, then the
//! app's own reader of JS values) agrees with `serde_json`, the reader the
//! native tests use, on what it accepts and on what it reads.

use serde::Deserialize;
use wasm_bindgen_test::*;

use rantai::api::json::parse;
use rantai::api::tenders::{TenderDetail, TenderPage};

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Status {
    Open,
    ClosingSoon,
}

#[derive(Debug, PartialEq, Deserialize)]
enum Shape {
    Point,
    Circle(f64),
    Pair(u8, u8),
    Box { width: u32 },
}

#[derive(Debug, PartialEq, Deserialize)]
struct Probe {
    id: u32,
    delta: i64,
    share: f64,
    name: String,
    note: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    status: Status,
    pair: (u16, String),
}

#[derive(Debug, PartialEq, Deserialize)]
struct Shapes(Vec<Shape>);

/// Both readers on `text`: the browser's answer, after checking that
/// `serde_json` answers the same.
fn both<T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) -> Option<T> {
    let in_browser = parse::<T>(text);
    let native = serde_json::from_str::<T>(text).ok();
    assert_eq!(in_browser, native, "{text}");
    in_browser
}

const PROBE: &str = r#"{"id":7,"delta":-3,"share":0.25,"name":"Beras","note":null,
    "status":"closing_soon","pair":[2,"dua"],"unknown":{"deep":[1,2]}}"#;

#[wasm_bindgen_test]
fn reads_structs_numbers_options_enums_and_tuples_as_serde_json_does() {
    let probe = both::<Probe>(PROBE).expect("a probe");
    assert_eq!(probe.status, Status::ClosingSoon);
    assert_eq!(probe.tags, Vec::<String>::new());
    assert_eq!(probe.pair, (2, "dua".to_owned()));
    let shapes = both::<Shapes>(r#"["Point",{"Circle":1.5},{"Pair":[1,2]},{"Box":{"width":3}}]"#);
    assert_eq!(
        shapes,
        Some(Shapes(vec![
            Shape::Point,
            Shape::Circle(1.5),
            Shape::Pair(1, 2),
            Shape::Box { width: 3 }
        ]))
    );
    assert_eq!(
        both::<Option<u64>>("9007199254740991"),
        Some(Some(9_007_199_254_740_991))
    );
    assert_eq!(both::<f64>("12"), Some(12.0));
    assert_eq!(both::<Option<Status>>("null"), Some(None));
}

#[wasm_bindgen_test]
fn refuses_what_is_not_the_type_asked_for() {
    let refused = [
        PROBE.replace(r#""id":7"#, r#""id":7.5"#),
        PROBE.replace(r#""id":7"#, r#""id":-7"#),
        PROBE.replace(r#""id":7"#, r#""id":4294967296"#),
        PROBE.replace(r#""id":7"#, r#""id":"7""#),
        PROBE.replace(r#""name":"Beras","#, ""),
        PROBE.replace("closing_soon", "closed"),
        PROBE.replace(r#"[2,"dua"]"#, r#"[2]"#),
        PROBE.replace(r#"[2,"dua"]"#, r#"[70000,"dua"]"#),
        "[".to_owned(),
        "[1,2]".to_owned(),
    ];
    for text in refused {
        assert_eq!(both::<Probe>(&text), None);
    }
    assert_eq!(both::<Shapes>(r#"[{"Circle":1,"Point":null}]"#), None);
    assert_eq!(both::<Shapes>(r#"[{"Point":1}]"#), None);
}

#[wasm_bindgen_test]
fn reads_a_tender_with_its_flattened_summary_and_a_page_of_them() {
    let tender = r#"{"id":21,"title":"Beras","buyer":"Pemerintah Kota Makassar",
        "category":"pertanian","province":{"code":"73","name":"Sulawesi Selatan"},"hps":194400000,
        "deadline":"2026-12-12T14:00:00+08:00","time_zone":"WITA","status":"open","saved":true,
        "published_at":"2026-11-01T00:00:00Z","required_kbli":["01111"],"required_documents":["nib"],
        "min_tkdn_percent":25.5"#;
    let detail = format!(
        r#"{tender},"description":"Beras premium","delivery_location":"Makassar","interested":false}}"#
    );
    let read = both::<TenderDetail>(&detail).expect("a tender");
    assert_eq!(read.summary.id, 21);
    assert_eq!(read.delivery_location, "Makassar");
    let page = format!(r#"{{"items":[{tender}}}],"total":1,"page":1,"per_page":20}}"#);
    assert!(both::<TenderPage>(&page).is_some());
}
