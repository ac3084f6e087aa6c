//! The product catalog.

use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::{host, indonesian};

/// Types `key` into `input` where its caret is, as a keyboard would: the
/// text changes at the caret, the caret moves past it, `input` fires.
fn type_at_caret(input: &web_sys::HtmlInputElement, key: &str) {
    let value = input.value();
    let caret = input.selection_start().unwrap().unwrap() as usize;
    let typed = format!("{}{key}{}", &value[..caret], &value[caret..]);
    input.set_value(&typed);
    let after = (caret + key.len()) as u32;
    input.set_selection_range(after, after).unwrap();
    input.dispatch_event(&input_event()).unwrap();
}

/// An `input` event that bubbles, as a browser's does.
fn input_event() -> web_sys::Event {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    web_sys::Event::new_with_event_init_dict("input", &init).unwrap()
}

#[wasm_bindgen_test]
async fn the_price_field_keeps_the_caret_by_the_digit_typed_while_it_regroups() {
    use rantai::i18n::Key;
    use rantai::pages::catalog::price_field::PriceField;

    let value = RwSignal::new(String::new());
    let root = host();
    let _field = leptos::mount::mount_to(root.clone(), move || {
        indonesian();
        view! { <PriceField id="price" label=Key::AppName value=value error=Signal::derive(|| None) /> }
    });
    tick().await;
    let input: web_sys::HtmlInputElement = root
        .query_selector("#price")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.focus().unwrap();
    for digit in ["1", "5", "0", "0", "0", "0"] {
        type_at_caret(&input, digit);
        tick().await;
    }
    assert_eq!(input.value(), "150.000");
    assert_eq!(value.get_untracked(), "150.000");
    assert_eq!(input.selection_start().unwrap(), Some(7));
    // A 2 typed after the first digit: the number regroups, the caret stays
    // after the 2, and the next digit goes after it.
    input.set_selection_range(1, 1).unwrap();
    type_at_caret(&input, "2");
    tick().await;
    assert_eq!(input.value(), "1.250.000");
    assert_eq!(input.selection_start().unwrap(), Some(3));
    type_at_caret(&input, "5");
    tick().await;
    assert_eq!(input.value(), "12.550.000");
    assert_eq!(input.selection_start().unwrap(), Some(4));
    // Words are left as typed: the form's check says what is wrong.
    input.set_value("sepuluh ribu");
    input.dispatch_event(&input_event()).unwrap();
    tick().await;
    assert_eq!(value.get_untracked(), "sepuluh ribu");
}
