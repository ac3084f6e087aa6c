//! The registration wizard.

use leptos::prelude::*;
use leptos::task::tick;
use rantai::session::{Session, SessionState};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::{click, host, indonesian, text_of, type_into};

#[wasm_bindgen_test]
async fn a_wizard_step_shows_each_problem_beside_its_field_and_in_the_summary_and_keeps_the_draft()
{
    use leptos_router::components::{Route, Router, Routes};
    use leptos_router::path;
    use rantai::api::auth::Me;
    use rantai::domain::profile::Section;
    use rantai::pages::register;
    use rantai::profile_sync::provide_profile_sync;
    use rantai::routes::{Page, RegisterPage};

    let owner_step = RegisterPage::Step(Section::Owner);
    let window = web_sys::window().unwrap();
    let start = window.location().href().unwrap();
    window
        .history()
        .unwrap()
        .push_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&Page::register(owner_step).href()),
        )
        .unwrap();
    let me = Me {
        user_id: 71,
        phone: "+6281234567890".into(),
        name: None,
        role: Some("supplier".into()),
        cooperative: None,
        supplier_id: Some(72),
        acting_for: None,
        idle_timeout_seconds: 1800,
    };
    let root = host();
    let _page = leptos::mount::mount_to(root.clone(), move || {
        indonesian();
        provide_context(Session::new(SessionState::SignedIn, Some(me)));
        provide_profile_sync();
        view! {
            <Router>
                <Routes fallback=|| "elsewhere">
                    <Route path=path!("/register/owner") view=register::render_owner />
                </Routes>
            </Router>
        }
    });
    tick().await;
    tick().await;
    assert!(
        root.query_selector("#owner-nik").unwrap().is_some(),
        "the step is shown"
    );
    assert!(root.query_selector(".error-summary").unwrap().is_none());
    assert_eq!(
        root.query_selector("#owner-phone")
            .unwrap()
            .unwrap()
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value(),
        "+6281234567890",
        "the phone comes from sign-in"
    );

    type_into(&root, "#owner-nik", "3402 0145 085");
    click(&root, "button[type=submit]");
    tick().await;
    let expected = "NIK harus 16 digit; Anda mengetik 11.";
    let summary = text_of(&root, ".error-summary");
    assert!(summary.contains(expected), "{summary}");
    assert!(summary.contains("Isi Nama pemilik."), "{summary}");
    assert!(text_of(&root, "#owner-nik-error").contains(expected));
    let nik = root.query_selector("#owner-nik").unwrap().unwrap();
    assert_eq!(nik.get_attribute("aria-invalid").as_deref(), Some("true"));
    let summary_html = root
        .query_selector(".error-summary")
        .unwrap()
        .unwrap()
        .inner_html();
    let name_link = summary_html.find("href=\"#owner-name\"");
    let nik_link = summary_html.find("href=\"#owner-nik\"");
    assert!(
        name_link.is_some() && name_link < nik_link,
        "links to each field, in page order: {summary_html}"
    );

    // What was typed is on the device, under this person and supplier.
    let stored = window
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("rantai.u71.s72.profile.owner")
        .unwrap()
        .unwrap_or_default();
    assert!(stored.contains("3402 0145 085"), "{stored}");
    window
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item("rantai.u71.s72.profile.owner")
        .unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&start))
        .unwrap();
}
