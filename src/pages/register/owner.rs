//! Step 2: the owner as on the KTP. The NIK is decoded as it is typed
//! ("born 5 Aug 1985, registered in Kabupaten Bantul") so the person sees a
//! typo; the phone comes from sign-in.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::step_form::StepForm;
use super::step_page::StepPage;
use crate::api::reference::{self, RegionLevel};
use crate::api::Cancel;
use crate::components::text_field::TextField;
use crate::domain::identifiers::{self, NikInfo};
use crate::domain::profile::Section;
use crate::i18n::{date_short, use_i18n, Key, Message};
use crate::session::use_session;

/// What the NIK says, once it has 16 digits and a real date.
fn decode(typed: &str) -> Option<NikInfo> {
    let digits = identifiers::digits(typed).ok()?;
    identifiers::nik(&digits, |_| true).ok()
}

/// `/register/owner`
#[component]
pub fn OwnerStep() -> impl IntoView {
    let i18n = use_i18n();
    let form = StepForm::new(Section::Owner);
    let (nik, phone) = (form.value("nik"), form.value("phone"));
    if let Some(me) = use_session().me.get_untracked() {
        form.default_value("phone", me.phone);
    }
    // The regencies of the NIK's province: to check its region and name it.
    let province = Memo::new(move |_| decode(&nik.get()).map(|info| info.regency[..2].to_owned()));
    let cancel = Cancel::on_unmount();
    Effect::new(move |_| {
        if let Some(code) = province.get() {
            let cancel = cancel.clone();
            spawn_local(async move {
                if let Ok(list) = reference::regions(RegionLevel::Regency, &code, &cancel).await {
                    form.regencies.try_set(Some(list));
                }
            });
        }
    });
    let decoded = move || {
        let info = decode(&nik.get())?;
        if form.live_issue("nik").is_some() {
            return None;
        }
        let regency = form.regencies.with(|list| {
            list.as_ref()
                .and_then(|list| list.iter().find(|e| e.code == info.regency))
                .map(|e| e.display())
        });
        let year = info.birth_year(js_sys::Date::new_0().get_full_year());
        let lang = i18n.lang.get();
        let born = date_short(lang, info.birth.0, info.birth.1, year);
        let sex = i18n.t(if info.female { Key::Female } else { Key::Male });
        Some(match regency {
            Some(regency) => Message::with(Key::NikDecoded, "born", born)
                .and("sex", sex)
                .and("regency", regency)
                .render(lang),
            None => Message::with(Key::NikDecodedNoRegion, "born", born)
                .and("sex", sex)
                .render(lang),
        })
    };
    let nik_warning = move || {
        (identifiers::digits(&nik.get()).is_ok_and(|d| d.len() == 16))
            .then(|| form.live_issue("nik"))
            .flatten()
    };
    view! {
        <StepPage form=form title=Key::OwnerTitle>
            <TextField
                id="owner-name"
                label=Key::FieldOwnerName
                hint=Key::OwnerNameHint
                value=form.value("name")
                error=form.error("name")
                autocomplete="name"
            />
            <TextField
                id="owner-nik"
                label=Key::FieldNik
                hint=Key::NikHint
                value=nik
                error=form.error("nik")
                inputmode="numeric"
                input_class="input--medium"
            />
            <p class="derived" aria-live="polite">
                {decoded}
                {move || nik_warning().map(|message| message.render(i18n.lang.get()))}
            </p>
            <TextField
                id="owner-phone"
                label=Key::FieldPhone
                hint=Key::OwnerPhoneHint
                value=phone
                error=form.error("phone")
                input_type="tel"
                autocomplete="tel"
                input_class="input--medium"
            />
            <TextField
                id="owner-email"
                label=Key::FieldEmail
                hint=Key::EmailHint
                value=form.value("email")
                error=form.error("email")
                input_type="email"
                autocomplete="email"
            />
        </StepPage>
    }
}
