//! "Langkah 2 dari 5" and the steps as links, each marked done when this
//! device holds every answer it needs.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::profile::STEPS;
use crate::i18n::{tr, use_i18n, Key, Message};
use crate::profile_sync::use_profile_sync;
use crate::routes::{Page, RegisterPage};

/// The name of step `step` (1 to 5).
pub fn step_name(step: usize) -> Key {
    match step {
        1 => Key::StepBusiness,
        2 => Key::StepOwner,
        3 => Key::StepAddress,
        4 => Key::StepBank,
        _ => Key::StepCheck,
    }
}

/// The wizard's progress.
#[component]
pub fn Progress(
    /// The current step, 1 to 5.
    current: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_profile_sync();
    let steps = (1..=STEPS)
        .zip(RegisterPage::ALL)
        .map(|(step, page)| {
            let done = move || match page {
                RegisterPage::Step(section) => sync.is_complete(section),
                RegisterPage::Check => false,
            };
            let href = Page::register(page).href();
            view! {
                <li class="progress__item" class:progress__item--done=done>
                    <A href=href attr:aria-current=(step == current).then_some("step")>
                        {tr(step_name(step))}
                        {move || {
                            done()
                                .then(|| {
                                    view! {
                                        <span class="visually-hidden">" (" {tr(Key::StatusDone)} ")"</span>
                                    }
                                })
                        }}
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="progress" aria-label=tr(Key::StepsLabel)>
            <p class="progress__count">
                {move || {
                    Message::with(Key::StepOf, "step", current)
                        .and("total", STEPS)
                        .render(i18n.lang.get())
                }}
            </p>
            <ol class="progress__list">{steps}</ol>
        </nav>
    }
}
