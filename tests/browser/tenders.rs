//! Tenders: a result card.

use leptos::prelude::*;
use leptos::task::tick;
use leptos_router::components::Router;
use wasm_bindgen_test::*;

use super::support::{host, indonesian, text_of};
use rantai::api::tenders::Tender;
use rantai::domain::calendar::Day;
use rantai::domain::deadline::Deadline;
use rantai::domain::eligibility::SupplierFacts;
use rantai::pages::tenders::card::TenderCard;

/// A tender as `GET /tenders` lists it, in Makassar's time zone.
fn tender() -> Tender {
    serde_json::from_str(
        r#"{"id":21,"title":"Pengadaan Beras Premium <b>Lokal</b>","buyer":"Pemerintah Kota Makassar",
        "category":"pertanian","province":{"code":"73","name":"Sulawesi Selatan"},"hps":194400000,
        "deadline":"2026-12-12T14:00:00+08:00","time_zone":"WITA","status":"open","saved":true,
        "published_at":"2026-11-01T00:00:00Z","required_kbli":["01111"],"required_documents":["nib"],
        "min_tkdn_percent":null}"#,
    )
    .unwrap()
}

async fn card(facts: Option<SupplierFacts>) -> web_sys::HtmlElement {
    let root = host();
    let tender = tender();
    // Three calendar days before the deadline, 10:00 in Makassar.
    let now_ms = (Deadline::parse("2026-12-09T10:00:00+08:00").unwrap().utc_ms) as f64;
    let mounted = leptos::mount::mount_to(root.clone(), move || {
        indonesian();
        view! {
            <Router>
                <ul>
                    <TenderCard tender=tender facts=facts now_ms=now_ms />
                </ul>
            </Router>
        }
    });
    mounted.forget();
    tick().await;
    root
}

#[wasm_bindgen_test]
async fn a_card_shows_budget_deadline_in_the_buyer_s_zone_place_and_saved() {
    let root = card(None).await;
    let link = root.query_selector("h2 a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("/tenders/21"));
    // Server text is text: the tags in the title are shown, not made.
    assert_eq!(
        link.text_content().unwrap(),
        "Pengadaan Beras Premium <b>Lokal</b>"
    );
    assert!(root.query_selector("h2 b").unwrap().is_none());
    let facts = text_of(&root, ".tender-card__facts");
    assert!(facts.contains("Rp194.400.000"), "{facts}");
    assert!(
        facts.contains("tutup 3 hari lagi (12 Des 2026 14.00 WITA)"),
        "{facts}"
    );
    assert!(facts.contains("Sulawesi Selatan"), "{facts}");
    let tags = text_of(&root, ".tender-card__tags");
    assert!(
        tags.contains("Buka") && tags.contains("Tersimpan"),
        "{tags}"
    );
    assert!(!tags.contains("syarat"), "no badge signed out: {tags}");
}

#[wasm_bindgen_test]
async fn a_signed_in_supplier_sees_its_eligibility_badge() {
    let facts = |kbli: &str| SupplierFacts {
        kbli: Some(vec![kbli.to_owned()]),
        documents: vec![],
        highest_tkdn: None,
        today: Day::parse("2026-12-09").unwrap(),
    };
    // Its KBLI is asked, but it has no NIB yet.
    let root = card(Some(facts("01111"))).await;
    assert!(text_of(&root, ".tender-card__tags").contains("Belum memenuhi syarat"));
    assert_eq!(
        root.query_selector(".tag--red")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Belum memenuhi syarat"
    );
}
