//! What a person does with a tender: save it for later, tell the buyer they
//! are interested (after a question), and pass it on. Save and interest
//! show at once and are undone, with a message, if the server refuses or
//! the connection drops; an ended session signs in again in place first.

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::api::tenders;
use crate::i18n::{tr, use_i18n, Key};
use crate::routes::{login_path, Page};
use crate::session::{use_session, with_sign_in_again, SessionState};

/// Save, or remove from saved: one request at a time (a second tap while
/// one is on its way waits for its answer).
#[component]
pub fn SaveButton(
    /// The tender's id.
    tender_id: i64,
    /// Whether it is saved now.
    saved: bool,
) -> impl IntoView {
    let session = use_session();
    let saved = RwSignal::new(saved);
    let busy = RwSignal::new(false);
    let said = RwSignal::new(None::<Key>);
    let toggle = move |_| {
        if busy.get_untracked() {
            return;
        }
        let wanted = !saved.get_untracked();
        saved.set(wanted);
        busy.set(true);
        said.set(None);
        leptos::task::spawn_local(async move {
            let answer =
                with_sign_in_again(session, || tenders::set_saved(tender_id, wanted)).await;
            let message = match answer {
                Ok(()) if wanted => Key::TenderSaved,
                Ok(()) => Key::TenderUnsaved,
                Err(_) => {
                    saved.try_set(!wanted);
                    Key::SaveTenderFailed
                }
            };
            busy.try_set(false);
            said.try_set(Some(message));
        });
    };
    view! {
        <button
            type="button"
            class="button button--secondary"
            aria-disabled=move || busy.get().then_some("true")
            on:click=toggle
        >
            {move || tr(if saved.get() { Key::RemoveFromSaved } else { Key::SaveTender })()}
        </button>
        <p class="save-status" role="status">
            {move || said.get().map(|key| tr(key)())}
        </p>
    }
}

/// "Register interest": asks first (with an optional note to the buyer),
/// then says it is done.
#[component]
pub fn InterestButton(
    /// The tender's id.
    tender_id: i64,
    /// Whether this supplier registered interest already.
    interested: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let interested = RwSignal::new(interested);
    let asking = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let ask_ref = NodeRef::<leptos::html::Button>::new();
    let said_ref = NodeRef::<leptos::html::P>::new();
    // Focus goes where the person can read what happened.
    let focus_said = move || {
        request_animation_frame(move || {
            if let Some(said) = said_ref.get_untracked() {
                let _ = said.focus();
            }
        });
    };
    let note_ref = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        if asking.get() {
            if let Some(field) = note_ref.get() {
                let _ = field.focus();
            }
        }
    });
    let close = move || {
        asking.set(false);
        request_animation_frame(move || {
            if let Some(button) = ask_ref.get_untracked() {
                let _ = button.focus();
            }
        });
    };
    let confirm = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        asking.set(false);
        interested.set(true);
        failed.set(false);
        focus_said();
        let written = note.get_untracked();
        leptos::task::spawn_local(async move {
            let answer =
                with_sign_in_again(session, || tenders::register_interest(tender_id, &written))
                    .await;
            if answer.is_err() {
                interested.try_set(false);
                failed.try_set(true);
                focus_said();
            }
        });
    };
    view! {
        <div class="interest">
            <p role="status" class="save-status" tabindex="-1" node_ref=said_ref>
                {move || {
                    if interested.get() {
                        Some(i18n.t(Key::InterestRegistered))
                    } else if failed.get() {
                        Some(i18n.t(Key::InterestFailed))
                    } else {
                        None
                    }
                }}
            </p>
            <button
                type="button"
                class="button"
                node_ref=ask_ref
                hidden=move || interested.get() || asking.get()
                on:click=move |_| asking.set(true)
            >
                {tr(Key::RegisterInterest)}
            </button>
            <Show when=move || asking.get()>
                <form class="interest__ask" on:submit=confirm aria-labelledby="interest-title">
                    <h3 id="interest-title">{tr(Key::RegisterInterestTitle)}</h3>
                    <p>{tr(Key::RegisterInterestBody)}</p>
                    <div class="field">
                        <label class="field__label" for="interest-note">
                            {tr(Key::InterestNote)}
                        </label>
                        <span class="field__hint" id="interest-note-hint">
                            {tr(Key::InterestNoteHint)}
                        </span>
                        <textarea
                            class="input"
                            id="interest-note"
                            maxlength="500"
                            rows="3"
                            aria-describedby="interest-note-hint"
                            node_ref=note_ref
                            prop:value=move || note.get()
                            on:input=move |event| note.set(event_target_value(&event))
                        ></textarea>
                    </div>
                    <p class="button-row">
                        <button type="submit" class="button">
                            {tr(Key::ConfirmInterest)}
                        </button>
                        <button
                            type="button"
                            class="button button--secondary"
                            on:click=move |_| close()
                        >
                            {tr(Key::Cancel)}
                        </button>
                    </p>
                </form>
            </Show>
        </div>
    }
}

/// For a signed-out visitor: sign in to save or register interest, and
/// come back to this tender.
#[component]
pub fn SignInToAct(
    /// The tender's id.
    tender_id: i64,
) -> impl IntoView {
    let path = Page::Tender { id: tender_id }.href();
    view! {
        <p>
            <A href=login_path(&path, "") attr:class="button">
                {tr(Key::SignInToAct)}
            </A>
        </p>
    }
}

/// Whether the person may save and register interest (has a supplier).
pub fn can_act() -> Memo<bool> {
    let session = use_session();
    Memo::new(move |_| {
        session.state.get() != SessionState::SignedOut
            && session
                .me
                .with(|me| me.as_ref().is_some_and(|me| me.supplier_id.is_some()))
    })
}

/// Share: the phone's share sheet where the browser has one (people pass
/// tenders on by WhatsApp), else the link copied.
#[component]
pub fn ShareButton(
    /// The tender's title, for the share sheet.
    title: String,
) -> impl IntoView {
    let said = RwSignal::new(None::<Key>);
    let share = move |_| {
        let title = title.clone();
        leptos::task::spawn_local(async move {
            let outcome = share_or_copy(&title).await;
            said.try_set(outcome);
        });
    };
    view! {
        <button type="button" class="button button--secondary" on:click=share>
            {tr(Key::ShareTender)}
        </button>
        <p class="save-status" role="status">
            {move || said.get().map(|key| tr(key)())}
        </p>
    }
}

/// A method of `target` called `name`, if the browser has it.
fn method(target: &JsValue, name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(target, &name.into())
        .ok()?
        .dyn_into()
        .ok()
}

/// Calls `function` on `this` with `argument` and waits for its promise.
async fn call(
    function: &js_sys::Function,
    this: &JsValue,
    argument: &JsValue,
) -> Result<(), JsValue> {
    let promise: js_sys::Promise = function.call1(this, argument)?.dyn_into()?;
    JsFuture::from(promise).await.map(|_| ())
}

/// A DOM exception's name (`AbortError`).
fn error_name(error: &JsValue) -> Option<String> {
    js_sys::Reflect::get(error, &"name".into())
        .ok()?
        .as_string()
}

/// What to say after sharing: nothing after the share sheet (closing it is
/// no failure), "link copied", or that it could not be copied.
async fn share_or_copy(title: &str) -> Option<Key> {
    let window = web_sys::window()?;
    let url = window.location().href().ok()?;
    let navigator: JsValue = window.navigator().into();
    if let Some(share) = method(&navigator, "share") {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.as_str().into());
        match call(&share, &navigator, &data).await {
            Ok(()) => return None,
            // Closed by the person: nothing to say.
            Err(error) if error_name(&error).as_deref() == Some("AbortError") => return None,
            // Refused (no share target, not allowed here): copy instead.
            Err(_) => {}
        }
    }
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
    let copied = match method(&clipboard, "writeText") {
        Some(write) => call(&write, &clipboard, &url.as_str().into()).await.is_ok(),
        None => false,
    };
    Some(if copied {
        Key::LinkCopied
    } else {
        Key::LinkNotCopied
    })
}
