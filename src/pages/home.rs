//! `/`: what Rantai is for.

use leptos::prelude::*;

use crate::i18n::{tr, Key};

/// The signed-out home page: what Rantai does and the three steps to get there.
#[component]
pub fn Home() -> impl IntoView {
    view! {
        <h1>{tr(Key::HomeTitle)}</h1>
        <p class="lead">{tr(Key::HomeIntro)}</p>
        <h2>{tr(Key::HomeHowTitle)}</h2>
        <ol class="steps">
            <li>{tr(Key::HomeStepProfile)}</li>
            <li>{tr(Key::HomeStepDocuments)}</li>
            <li>{tr(Key::HomeStepTenders)}</li>
        </ol>
    }
}
