//! GOV.UK's timeout pattern: a warning two minutes before the session idles
//! out, with "stay signed in"; and when it has ended, signing in again right
//! here, so nothing typed on the page is lost.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{tr, use_i18n, Key, Message};
use crate::session::{use_session, warn_before_secs};

/// `m:ss` for a number of seconds.
pub fn minutes_and_seconds(seconds: i64) -> String {
    let seconds = seconds.max(0);
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// A modal `<dialog>` (focus stays inside; the page behind is inert).
#[component]
fn Modal(
    /// Whether it shows.
    #[prop(into)]
    open: Signal<bool>,
    /// The id of its title.
    labelled_by: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(element) = dialog.get() {
            if open.get() && !element.open() {
                let _ = element.show_modal();
            } else if !open.get() && element.open() {
                element.close();
            }
        }
    });
    view! {
        <dialog
            class="modal"
            node_ref=dialog
            aria-labelledby=labelled_by
            // Esc must not hide a warning that still applies.
            on:cancel=|event: leptos::ev::Event| event.prevent_default()
        >
            <Show when=move || open.get()>{children()}</Show>
        </dialog>
    }
}

/// The warning and the sign-in-again dialog; place once in the layout.
#[component]
pub fn SessionTimeout(
    /// Signing in again in place, shown once the session has ended (the
    /// shell passes the account area's view, loaded only then).
    #[prop(into)]
    sign_in_again: ViewFn,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let left = Memo::new(move |_| session.seconds_left());
    let warn_at = move || {
        session
            .me
            .get()
            .map_or(0, |me| warn_before_secs(me.idle_timeout_seconds))
    };
    let warning = Signal::derive(move || {
        !session.is_expired() && left.get().is_some_and(|left| left <= warn_at())
    });
    let expired = Signal::derive(move || session.is_expired());
    let stay = move |_| spawn_local(session.keep_alive());
    let sign_out = move |_| session.sign_out();

    view! {
        <Modal open=warning labelled_by="timeout-title">
            <h2 id="timeout-title">{tr(Key::TimeoutTitle)}</h2>
            <p aria-live="polite">
                {move || {
                    Message::with(
                            Key::TimeoutBody,
                            "time",
                            minutes_and_seconds(left.get().unwrap_or(0)),
                        )
                        .render(i18n.lang.get())
                }}
            </p>
            <div class="button-row">
                <button type="button" class="button" autofocus on:click=stay>
                    {tr(Key::StaySignedIn)}
                </button>
                <button type="button" class="button button--quiet" on:click=sign_out>
                    {tr(Key::SignOut)}
                </button>
            </div>
        </Modal>
        <Modal open=expired labelled_by="expired-title">
            <h2 id="expired-title">{tr(Key::ExpiredTitle)}</h2>
            <p>{tr(Key::ExpiredBody)}</p>
            {sign_in_again.run()}
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::minutes_and_seconds;

    #[test]
    fn time_left_reads_as_minutes_and_seconds() {
        assert_eq!(minutes_and_seconds(120), "2:00");
        assert_eq!(minutes_and_seconds(61), "1:01");
        assert_eq!(minutes_and_seconds(-5), "0:00");
    }
}
