//! Step 4: the bank account payments go to. The bank is searchable by name
//! or code; a holder name unlike the business's or owner's is a warning
//! (a sole trader's account is often in the owner's name), not an error.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::search_choice::SearchChoice;
use super::step_form::StepForm;
use super::step_page::StepPage;
use crate::api::reference::{self, Entry};
use crate::api::Cancel;
use crate::components::text_field::TextField;
use crate::domain::profile::{holder_matches, Section};
use crate::i18n::{tr, Key};
use crate::profile_sync::use_profile_sync;

/// `/register/bank`
#[component]
pub fn BankStep() -> impl IntoView {
    let form = StepForm::new(Section::Bank);
    let sync = use_profile_sync();
    let banks = RwSignal::new(None::<Vec<Entry>>);
    let cancel = Cancel::on_unmount();
    spawn_local(async move {
        if let Some(list) = reference::until_loaded(|| reference::banks(&cancel)).await {
            banks.try_set(Some(list));
        }
    });
    let holder = form.value("holder_name");
    let names: Vec<String> = [(Section::Business, "name"), (Section::Owner, "name")]
        .into_iter()
        .filter_map(|(section, field)| sync.load(section).values.get(field).cloned())
        .collect();
    let unlike = move || {
        let typed = holder.get();
        !typed.trim().is_empty() && !names.is_empty() && !holder_matches(&typed, &names)
    };
    view! {
        <StepPage form=form title=Key::BankTitle>
            <SearchChoice
                id="bank-bank_code"
                legend=Key::FieldBankName
                options=banks
                chosen=form.value("bank_code")
                error=form.error("bank_code")
            />
            <TextField
                id="bank-account_number"
                label=Key::FieldAccountNumber
                hint=Key::AccountHint
                value=form.value("account_number")
                error=form.error("account_number")
                inputmode="numeric"
                input_class="input--medium"
            />
            <TextField
                id="bank-holder_name"
                label=Key::FieldHolderName
                hint=Key::HolderHint
                value=holder
                error=form.error("holder_name")
            />
            <Show when=unlike>
                <p class="notice notice--warning" role="status">
                    {tr(Key::HolderDiffers)}
                </p>
            </Show>
        </StepPage>
    }
}
