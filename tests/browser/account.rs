//! The account area's parts: signing in by phone, the resend countdown, and
//! where focus goes when a page or a step is shown.

use leptos::prelude::*;
use leptos::task::tick;
use rantai::pages::account::resend_button::ResendButton;
use rantai::pages::account::sign_in::SignInFlow;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::{click, document, host, indonesian, text_of, type_into};

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

/// Waits for `count` animation frames (when the focus code looks).
async fn frames(count: u32) {
    for _ in 0..count {
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .request_animation_frame(&resolve)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(frame).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_new_pages_heading_takes_focus_unless_the_page_or_a_dialog_already_has_it() {
    use rantai::focus::focus_page_heading;

    let window = web_sys::window().unwrap();
    let main = document().create_element("main").unwrap();
    main.set_inner_html(r#"<h1>Masuk ke Rantai</h1><input id="focus-test-field">"#);
    document().body().unwrap().append_child(&main).unwrap();
    let heading = main.query_selector("h1").unwrap().unwrap();
    let field: web_sys::HtmlElement = main
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let focused = || document().active_element();

    // The person has pressed a key since the app started: the heading takes
    // focus, with the tabindex it needs for that.
    focus_page_heading();
    window
        .dispatch_event(&web_sys::Event::new("keydown").unwrap())
        .unwrap();
    frames(2).await;
    assert_eq!(focused(), Some(heading.clone()));
    assert_eq!(heading.get_attribute("tabindex").as_deref(), Some("-1"));

    // A field the page focused itself (a `?focus=` link) keeps it.
    field.focus().unwrap();
    focus_page_heading();
    frames(2).await;
    assert_eq!(focused(), Some(field.clone().into()));

    // So does an open dialog (signing in again), though nothing has focus.
    field.blur().unwrap();
    let dialog = document().create_element("dialog").unwrap();
    dialog.set_attribute("open", "").unwrap();
    document().body().unwrap().append_child(&dialog).unwrap();
    focus_page_heading();
    frames(2).await;
    assert_ne!(focused(), Some(heading.clone()));

    dialog.remove();
    main.remove();
}
