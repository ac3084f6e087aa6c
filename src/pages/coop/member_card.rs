//! One member on the roster: who, how far (a bar and "3 dari 4 langkah"),
//! what needs doing, and the way to act for them; an invitation not yet
//! confirmed, with the code the member reads out, a new code, or withdraw.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::messages::{confirm_code, link_error};
use crate::api::coop::{self, Member};
use crate::domain::phone::mask;
use crate::i18n::profile_labels::verification_name;
use crate::i18n::{tr, use_i18n, Key, Message};
use crate::routes::Page;
use crate::session::use_session;

/// Profile sections a member completes.
const SECTIONS: u8 = 4;

/// A card of the roster.
#[component]
pub fn MemberCard(
    /// The member.
    member: Member,
    /// Bumped when the card changed the roster (a link confirmed or ended).
    on_changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = member
        .business_name
        .clone()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| member.owner_name.clone());
    let owner = format!("{} · {}", member.owner_name, mask(&member.phone));
    let body = match member.supplier_id {
        Some(supplier_id) if member.link_status == "confirmed" => {
            view! { <Progress member=member.clone() supplier_id=supplier_id name=name.clone() /> }
                .into_any()
        }
        _ => view! { <Pending link_id=member.link_id on_changed=on_changed /> }.into_any(),
    };
    let _ = i18n;
    view! {
        <li class="member-card">
            <h2 class="member-card__name">{name}</h2>
            <p class="member-card__owner">{owner}</p>
            {body}
        </li>
    }
}

/// A confirmed member: status, progress, what needs doing, act for them.
#[component]
fn Progress(
    /// The member.
    member: Member,
    /// Their supplier.
    supplier_id: i64,
    /// The name the banner shows while acting.
    name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let done = member.sections_complete.min(SECTIONS);
    let failed = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let act = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failed.set(false);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match coop::act_for(supplier_id).await {
                Ok(me) => {
                    session.me.set(Some(me));
                    navigate(&Page::Home.href(), Default::default());
                }
                Err(_) => {
                    failed.try_set(true);
                }
            }
            busy.try_set(false);
        });
    };
    let status = member.status.clone().unwrap_or_default();
    let reasons = member.reasons;
    let attention = member.documents_attention;
    let label = move || Message::with(Key::ActForMember, "name", &name).render(i18n.lang.get());
    view! {
        <p>
            <span class="tag tag--grey">{tr(verification_name(&status))}</span>
        </p>
        <p class="member-card__progress">
            <progress max=SECTIONS value=done aria-hidden="true"></progress>
            <span>
                {move || {
                    Message::with(Key::StepsDone, "done", done)
                        .and("total", SECTIONS)
                        .render(i18n.lang.get())
                }}
            </span>
        </p>
        {(reasons > 0)
            .then(|| {
                view! {
                    <p class="member-card__note">
                        {move || {
                            Message::with(Key::MemberReasons, "count", reasons)
                                .render(i18n.lang.get())
                        }}
                    </p>
                }
            })}
        {(attention > 0)
            .then(|| {
                view! {
                    <p class="member-card__note">
                        {move || {
                            Message::with(Key::MemberDocumentsAttention, "count", attention)
                                .render(i18n.lang.get())
                        }}
                    </p>
                }
            })}
        <p>
            <button type="button" class="button button--secondary" on:click=act>
                {label}
            </button>
        </p>
        <p role="status" class="save-status">
            {move || failed.get().then(|| i18n.t(Key::ActingFailed))}
        </p>
    }
}

/// An invitation the member has not confirmed: type the code they read
/// out, send a new one, or withdraw it.
#[component]
fn Pending(
    /// The link.
    link_id: i64,
    /// Bumped once the link is confirmed or ended.
    on_changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let said = RwSignal::new(None::<Message>);
    let input_id = format!("member-code-{link_id}");
    let confirm = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        confirm_code(link_id, &code.get_untracked(), said, move || {
            on_changed.try_update(|n| *n += 1);
        });
    };
    let resend = move |_| {
        leptos::task::spawn_local(async move {
            let message = match coop::resend_code(link_id).await {
                Ok(()) => Message::new(Key::CodeSentAgain),
                Err(error) => link_error(&error),
            };
            said.try_set(Some(message));
        });
    };
    let withdraw = move |_| {
        leptos::task::spawn_local(async move {
            match coop::end_link(link_id).await {
                Ok(()) => {
                    on_changed.try_update(|n| *n += 1);
                }
                Err(error) => {
                    said.try_set(Some(link_error(&error)));
                }
            }
        });
    };
    view! {
        <p>
            <span class="tag tag--blue">{tr(Key::MemberPending)}</span>
        </p>
        <form class="member-card__code" on:submit=confirm>
            <label class="field__label" for=input_id.clone()>
                {tr(Key::MemberCodeLabel)}
            </label>
            <div class="search-form__row">
                <input
                    class="input input--short"
                    id=input_id
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    maxlength="6"
                    prop:value=move || code.get()
                    on:input=move |event| code.set(event_target_value(&event))
                />
                <button type="submit" class="button">
                    {tr(Key::ConfirmMember)}
                </button>
            </div>
        </form>
        <p class="button-row">
            <button type="button" class="button button--secondary" on:click=resend>
                {tr(Key::SendCodeAgain)}
            </button>
            <button type="button" class="button button--secondary" on:click=withdraw>
                {tr(Key::WithdrawInvitation)}
            </button>
        </p>
        <p role="status" class="save-status">
            {move || said.get().map(|message| message.render(i18n.lang.get()))}
        </p>
    }
}
