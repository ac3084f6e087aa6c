//! "Send the code again", which counts down instead of letting a person
//! hammer a server that said to wait.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Key, Message};

/// Seconds left until `available_at_ms`, from `now_ms` (never negative).
pub fn seconds_until(available_at_ms: f64, now_ms: f64) -> u32 {
    ((available_at_ms - now_ms) / 1000.0).ceil().max(0.0) as u32
}

/// The button. Disabled, with the seconds left, until `available_at_ms`.
#[component]
pub fn ResendButton(
    /// When (ms since the epoch) another code may be asked for.
    #[prop(into)]
    available_at_ms: Signal<f64>,
    /// The clock (ms since the epoch).
    #[prop(into)]
    now_ms: Signal<f64>,
    /// Asks for another code.
    on_resend: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let left = Memo::new(move |_| seconds_until(available_at_ms.get(), now_ms.get()));
    let resend = move |_: leptos::ev::MouseEvent| on_resend.run(());
    view! {
        <button
            on:click=resend
            type="button"
            class="button button--secondary"
            disabled=move || { left.get() > 0 }
        >
            {move || match left.get() {
                0 => i18n.t(Key::ResendCode).to_owned(),
                seconds => Message::with(Key::ResendIn, "seconds", seconds).render(i18n.lang.get()),
            }}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::seconds_until;

    #[test]
    fn the_countdown_rounds_up_and_stops_at_zero() {
        assert_eq!(seconds_until(60_000.0, 0.0), 60);
        assert_eq!(seconds_until(60_000.0, 59_001.0), 1);
        assert_eq!(seconds_until(60_000.0, 60_000.0), 0);
        assert_eq!(seconds_until(60_000.0, 90_000.0), 0);
    }
}
