//! `/members/new`: invite a member by name and phone; the member confirms
//! with the code sent to their phone, read out to the staff beside them, or
//! later on their own phone (the roster then shows "menunggu persetujuan
//! anggota"). The invitation is sent once however often Kirim is pressed
//! (an `Idempotency-Key` kept for this form).

use leptos::prelude::*;
use leptos_router::components::A;

use super::messages::confirm_code;
use crate::api::coop::{self, Invitation, Member};
use crate::api::idempotency::new_key;
use crate::components::error_summary::{problem_for, ErrorSummary, FieldProblem};
use crate::components::text_field::TextField;
use crate::domain::phone::{mask, normalize_mobile};
use crate::i18n::profile_labels::phone_message;
use crate::i18n::{tr, use_i18n, Key, Message};
use crate::routes::{Page, RosterQuery};

/// The invitation form, then the code.
#[component]
pub fn AddMember() -> impl IntoView {
    let invited = RwSignal::new(None::<Member>);
    move || match invited.get() {
        None => view! { <Invite invited=invited /> }.into_any(),
        Some(member) => view! { <ConfirmCode member=member /> }.into_any(),
    }
}

/// Name, phone and (if known) the business's name.
#[component]
fn Invite(
    /// Set once the invitation is sent.
    invited: RwSignal<Option<Member>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let owner_name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let business_name = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let failed = RwSignal::new(None::<Message>);
    let sending = RwSignal::new(false);
    let key = StoredValue::new(new_key());
    let send = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let mut found = Vec::new();
        let name = owner_name.get_untracked().trim().to_owned();
        if name.is_empty() {
            found.push(FieldProblem {
                field_id: "member-owner",
                message: Message::new(Key::MemberOwnerMissing),
            });
        }
        let number = normalize_mobile(&phone.get_untracked());
        if let Err(error) = number {
            found.push(FieldProblem {
                field_id: "member-phone",
                message: phone_message(error),
            });
        }
        problems.set(found);
        let Ok(number) = number else { return };
        if name.is_empty() {
            return;
        }
        sending.set(true);
        failed.set(None);
        let input = Invitation {
            owner_name: name,
            phone: number,
            business_name: Some(business_name.get_untracked().trim().to_owned())
                .filter(|text| !text.is_empty()),
        };
        leptos::task::spawn_local(async move {
            match coop::invite(&input, &key.get_value()).await {
                Ok(member) => {
                    invited.try_set(Some(member));
                }
                Err(error) => {
                    failed.try_set(Some(Message::new(error.message_key())));
                }
            }
            sending.try_set(false);
        });
    };
    let error =
        move |id: &'static str| Signal::derive(move || problems.with(|p| problem_for(p, id)));
    view! {
        <p>
            <A href=Page::Members {
                query: RosterQuery::default(),
            }
                .href()>{tr(Key::BackToMembers)}</A>
        </p>
        <h1>{tr(Key::AddMemberTitle)}</h1>
        <p>{tr(Key::AddMemberIntro)}</p>
        <ErrorSummary problems=problems />
        <form on:submit=send novalidate>
            <TextField
                id="member-owner"
                label=Key::MemberOwnerName
                value=owner_name
                error=error("member-owner")
                autocomplete="name"
            />
            <TextField
                id="member-phone"
                label=Key::MemberPhone
                hint=Key::MemberPhoneHint
                value=phone
                error=error("member-phone")
                input_type="tel"
                inputmode="tel"
                autocomplete="tel"
            />
            <TextField
                id="member-business"
                label=Key::MemberBusinessName
                hint=Key::MemberBusinessHint
                value=business_name
                error=Signal::derive(|| None)
                autocomplete="organization"
            />
            <p role="status" class="save-status">
                {move || failed.get().map(|message| message.render(i18n.lang.get()))}
            </p>
            <button
                type="submit"
                class="button"
                aria-disabled=move || sending.get().then_some("true")
            >
                {tr(Key::SendInvitation)}
            </button>
        </form>
    }
}

/// The code the member reads out; or later, on their own phone.
#[component]
fn ConfirmCode(
    /// The pending member.
    member: Member,
) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let said = RwSignal::new(None::<Message>);
    let confirmed = RwSignal::new(false);
    let link_id = member.link_id;
    let masked = mask(&member.phone);
    let name = member.owner_name.clone();
    let confirm = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        confirm_code(link_id, &code.get_untracked(), said, move || {
            confirmed.try_set(true);
        });
    };
    let roster = Page::Members {
        query: RosterQuery::default(),
    }
    .href();
    view! {
        <h1>{tr(Key::ConfirmMemberTitle)}</h1>
        <Show
            when=move || confirmed.get()
            fallback=move || {
                let masked = masked.clone();
                view! {
                    <p>
                        {move || {
                            Message::with(Key::CodeSentToMember, "phone", &masked)
                                .render(i18n.lang.get())
                        }}
                    </p>
                    <form on:submit=confirm>
                        <TextField
                            id="member-code"
                            label=Key::MemberCodeLabel
                            value=code
                            error=Signal::derive(move || said.get())
                            inputmode="numeric"
                            autocomplete="one-time-code"
                            input_class="input--short"
                        />
                        <button type="submit" class="button">
                            {tr(Key::ConfirmMember)}
                        </button>
                    </form>
                }
            }
        >
            <p class="notice notice--success" role="status">
                {
                    let name = name.clone();
                    move || {
                        Message::with(Key::MemberConfirmed, "name", &name).render(i18n.lang.get())
                    }
                }
            </p>
        </Show>
        <p>
            <A href=roster>{tr(Key::MemberLater)}</A>
        </p>
    }
}
