//! Signing in by one-time code: the number (and SMS or WhatsApp), then the
//! code. Used by the sign-in page and, in place, when a session expires.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::resend_button::{seconds_until, ResendButton};
use crate::api::auth::{self, Channel, Me, OtpSent};
use crate::api::ApiError;
use crate::components::error_summary::{problem_for, ErrorSummary, FieldProblem};
use crate::components::radio::Radio;
use crate::components::text_field::TextField;
use crate::domain::phone::normalize_mobile;
use crate::focus::focus_first_field;
use crate::i18n::profile_labels::phone_message;
use crate::i18n::{tr, use_i18n, Key, Message};

/// What to say about a typed code before sending it: `None` when it is 6 digits.
pub fn code_message(typed: &str) -> Option<Message> {
    let digits = typed.chars().filter(char::is_ascii_digit).count();
    let others = typed
        .chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .count();
    match (digits, others) {
        (0, 0) => Some(Key::CodeEmpty.into()),
        (6, 0) => None,
        _ => Some(Message::with(Key::CodeLength, "count", digits + others)),
    }
}

/// The message for an API error on the number or code step.
fn api_problem(field_id: &'static str, error: &ApiError) -> FieldProblem {
    let message = match error {
        ApiError::Validation(problem) => match problem.errors.first().map(|e| e.code.as_str()) {
            Some("wrong") => Key::CodeWrong.into(),
            Some("expired") => Key::CodeExpired.into(),
            Some("locked") => Key::CodeLocked.into(),
            _ if field_id == "phone" => Key::PhoneNotMobile.into(),
            _ => Key::CodeWrong.into(),
        },
        ApiError::TooManyRequests {
            retry_after_secs: Some(seconds),
        } => Message::with(Key::ErrorTooManyRequestsIn, "seconds", seconds),
        other => other.message_key().into(),
    };
    FieldProblem { field_id, message }
}

/// The two steps of signing in; `on_signed_in` gets the person. When one
/// step replaces the other, its first field takes focus.
#[component]
pub fn SignInFlow(
    /// Called once the code is accepted and the session started.
    on_signed_in: Callback<Me>,
    /// A number to start with (signing in again after a session expired).
    #[prop(optional, into)]
    phone: Option<String>,
    /// The clock (ms since the epoch) for the resend countdown.
    #[prop(into)]
    now_ms: Signal<f64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let typed_phone = RwSignal::new(phone.unwrap_or_default());
    let channel = RwSignal::new(Channel::Sms);
    let code = RwSignal::new(String::new());
    let sent = RwSignal::new(None::<OtpSent>);
    let resend_at = RwSignal::new(0.0_f64);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let busy = RwSignal::new(false);
    let resent = RwSignal::new(false);
    let phone_form = NodeRef::<html::Form>::new();
    let code_form = NodeRef::<html::Form>::new();

    let send_code = move |is_resend: bool| {
        let typed = typed_phone.get_untracked();
        if let Err(error) = normalize_mobile(&typed) {
            problems.set(vec![FieldProblem {
                field_id: "phone",
                message: phone_message(error),
            }]);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = auth::request_otp(&typed, channel.get_untracked()).await;
            busy.set(false);
            match result {
                Ok(answer) => {
                    resend_at.set(js_sys::Date::now() + f64::from(answer.resend_after) * 1000.0);
                    sent.set(Some(answer));
                    problems.set(Vec::new());
                    resent.set(is_resend);
                    focus_first_field(code_form);
                }
                Err(error) => {
                    if let Some(seconds) = error.retry_after_secs() {
                        resend_at.set(js_sys::Date::now() + f64::from(seconds) * 1000.0);
                    }
                    let field = if sent.get_untracked().is_some() {
                        "code"
                    } else {
                        "phone"
                    };
                    problems.set(vec![api_problem(field, &error)]);
                }
            }
        });
    };

    let verify = move || {
        let typed = code.get_untracked();
        if let Some(message) = code_message(&typed) {
            problems.set(vec![FieldProblem {
                field_id: "code",
                message,
            }]);
            return;
        }
        let Some(answer) = sent.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
            let result = auth::verify_otp(&answer.phone, &digits).await;
            busy.set(false);
            match result {
                Ok(me) => on_signed_in.run(me),
                Err(error) => problems.set(vec![api_problem("code", &error)]),
            }
        });
    };

    let change_number = move |_| {
        sent.set(None);
        code.set(String::new());
        problems.set(Vec::new());
        resent.set(false);
        focus_first_field(phone_form);
    };
    let wait = move || seconds_until(resend_at.get(), now_ms.get());
    let problem =
        move |field: &'static str| Signal::derive(move || problem_for(&problems.get(), field));
    let channel_name = move || match channel.get() {
        Channel::Sms => i18n.t(Key::ChannelSms),
        Channel::Whatsapp => i18n.t(Key::ChannelWhatsapp),
    };

    view! {
        <ErrorSummary problems=problems />
        <Show
            when=move || sent.get().is_some()
            fallback=move || {
                view! {
                    <form
                        novalidate
                        node_ref=phone_form
                        on:submit=move |event| {
                            event.prevent_default();
                            send_code(false);
                        }
                    >
                        <TextField
                            id="phone"
                            label=Key::PhoneLabel
                            hint=Key::PhoneHint
                            value=typed_phone
                            error=problem("phone")
                            input_type="tel"
                            inputmode="tel"
                            autocomplete="tel"
                        />
                        <fieldset class="field radios">
                            <legend class="field__label">{tr(Key::ChannelLegend)}</legend>
                            <Radio
                                name="channel"
                                id="channel-sms"
                                group=channel
                                value=Channel::Sms
                                label=Key::ChannelSms
                            />
                            <Radio
                                name="channel"
                                id="channel-whatsapp"
                                group=channel
                                value=Channel::Whatsapp
                                label=Key::ChannelWhatsapp
                            />
                        </fieldset>
                        // After a 429 the button counts down the server's Retry-After.
                        <button
                            type="submit"
                            class="button"
                            disabled=move || { busy.get() || wait() > 0 }
                        >
                            {move || match wait() {
                                0 => i18n.t(Key::SendCode).to_owned(),
                                seconds => {
                                    Message::with(Key::ResendIn, "seconds", seconds)
                                        .render(i18n.lang.get())
                                }
                            }}
                        </button>
                    </form>
                }
            }
        >
            <p class="notice" role="status">
                {move || {
                    let phone = sent.get().map(|s| s.masked_phone).unwrap_or_default();
                    Message::with(Key::CodeSentTo, "phone", phone)
                        .and("channel", channel_name())
                        .render(i18n.lang.get())
                }}
                <Show when=move || resent.get()>" " {tr(Key::CodeResent)}</Show>
            </p>
            <form
                novalidate
                node_ref=code_form
                on:submit=move |event| {
                    event.prevent_default();
                    verify();
                }
            >
                <TextField
                    id="code"
                    label=Key::CodeLabel
                    hint=Key::CodeHint
                    value=code
                    error=problem("code")
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    input_class="input--short"
                />
                <div class="button-row">
                    <button type="submit" class="button" disabled=move || busy.get()>
                        {tr(Key::VerifyCode)}
                    </button>
                    <ResendButton
                        available_at_ms=resend_at
                        now_ms=now_ms
                        on_resend=Callback::new(move |()| send_code(true))
                    />
                    <button type="button" class="button button--quiet" on:click=change_number>
                        {tr(Key::ChangeNumber)}
                    </button>
                </div>
            </form>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_must_be_six_digits_and_the_message_counts_what_was_typed() {
        assert_eq!(code_message("123456"), None);
        assert_eq!(code_message(" 123 456 "), None);
        assert_eq!(code_message(""), Some(Key::CodeEmpty.into()));
        assert_eq!(
            code_message("1234"),
            Some(Message::with(Key::CodeLength, "count", 4))
        );
        assert_eq!(
            code_message("12345a"),
            Some(Message::with(Key::CodeLength, "count", 6))
        );
    }
}
