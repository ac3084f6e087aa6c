//! The account area's parts: signing in by phone and the resend countdown.

use leptos::prelude::*;
use leptos::task::tick;
use rantai::components::resend_button::ResendButton;
use rantai::components::sign_in::SignInFlow;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::{click, host, indonesian, text_of, type_into};

#[wasm_bindgen_test]
async fn the_sign_in_form_says_what_is_wrong_with_the_number_in_the_summary_and_at_the_field() {
    let root = host();
    let _form = leptos::mount::mount_to(root.clone(), || {
        indonesian();
        let now = RwSignal::new(0.0);
        view! { <SignInFlow now_ms=now on_signed_in=Callback::new(|_| ()) /> }
    });
    tick().await;
    assert!(
        root.query_selector(".error-summary").unwrap().is_none(),
        "no errors before submitting"
    );

    click(&root, "button[type=submit]");
    tick().await;
    assert!(
        text_of(&root, ".error-summary").contains("Masukkan nomor HP Anda"),
        "{}",
        root.inner_html()
    );

    type_into(&root, "#phone", "0812 345");
    click(&root, "button[type=submit]");
    tick().await;
    let expected = "Nomor HP terlalu pendek: 6 angka setelah 0, seharusnya 9 sampai 12";
    assert!(text_of(&root, ".error-summary").contains(expected));
    assert!(text_of(&root, "#phone-error").contains(expected));
    let phone = root.query_selector("#phone").unwrap().unwrap();
    assert_eq!(phone.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        phone.get_attribute("aria-describedby").as_deref(),
        Some("phone-hint phone-error")
    );
    assert_eq!(
        root.query_selector(".error-summary a")
            .unwrap()
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("#phone")
    );
}

#[wasm_bindgen_test]
async fn the_resend_button_counts_down_and_then_asks_again() {
    let root = host();
    let now = RwSignal::new(0.0);
    let asked = RwSignal::new(0);
    let _button = leptos::mount::mount_to(root.clone(), move || {
        indonesian();
        view! {
            <ResendButton
                available_at_ms=Signal::derive(|| 60_000.0)
                now_ms=now
                on_resend=Callback::new(move |()| asked.update(|n| *n += 1))
            />
        }
    });
    tick().await;
    let button: web_sys::HtmlButtonElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        button.text_content().as_deref(),
        Some("Kirim ulang dalam 60 detik")
    );
    assert!(button.disabled());

    now.set(59_500.0);
    tick().await;
    assert_eq!(
        button.text_content().as_deref(),
        Some("Kirim ulang dalam 1 detik")
    );

    now.set(60_000.0);
    tick().await;
    assert_eq!(button.text_content().as_deref(), Some("Kirim ulang kode"));
    assert!(!button.disabled());
    button.click();
    tick().await;
    assert_eq!(asked.get_untracked(), 1);
}
