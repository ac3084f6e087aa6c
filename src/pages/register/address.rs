//! Step 3: the address. Province → regency → district → village from the
//! reference data, each searchable; changing a parent clears the choices
//! below it and says so. Then the street and the postal code.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::search_choice::SearchChoice;
use super::step_form::StepForm;
use super::step_page::StepPage;
use crate::api::reference::{self, Entry, RegionLevel};
use crate::api::Cancel;
use crate::components::text_field::TextField;
use crate::domain::profile::Section;
use crate::i18n::{use_i18n, Key};

/// One level of the cascade: its list follows its parent's choice.
fn level_list(
    level: RegionLevel,
    parent: Option<RwSignal<String>>,
    cancel: Cancel,
) -> RwSignal<Option<Vec<Entry>>> {
    let list = RwSignal::new(None);
    Effect::new(move |_| {
        let parent_code = parent.map(|p| p.get()).unwrap_or_default();
        list.set(None);
        if parent.is_some() && parent_code.is_empty() {
            list.set(Some(Vec::new()));
            return;
        }
        let cancel = cancel.clone();
        spawn_local(async move {
            let loaded =
                reference::until_loaded(|| reference::regions(level, &parent_code, &cancel));
            if let Some(entries) = loaded.await {
                list.try_set(Some(entries));
            }
        });
    });
    list
}

/// `/register/address`
#[component]
pub fn AddressStep() -> impl IntoView {
    let i18n = use_i18n();
    let form = StepForm::new(Section::Address);
    let province = form.value("province");
    let regency = form.value("regency");
    let district = form.value("district");
    let village = form.value("village");
    let cancel = Cancel::on_unmount();
    let provinces = level_list(RegionLevel::Province, None, cancel.clone());
    let regencies = level_list(RegionLevel::Regency, Some(province), cancel.clone());
    let districts = level_list(RegionLevel::District, Some(regency), cancel.clone());
    let villages = level_list(RegionLevel::Village, Some(district), cancel);
    let cleared = RwSignal::new(None::<Key>);
    // Choosing a parent clears what depended on it, and says so.
    let clear_below = move |below: &[RwSignal<String>], notice: Key| {
        if below.iter().any(|s| !s.get_untracked().is_empty()) {
            for choice in below {
                choice.set(String::new());
            }
            cleared.set(Some(notice));
        } else {
            cleared.set(None);
        }
    };
    view! {
        <StepPage form=form title=Key::AddressTitle>
            <p class="notice" role="status">
                {move || cleared.get().map(|key| i18n.t(key))}
            </p>
            <SearchChoice
                id="address-province"
                legend=Key::FieldProvince
                options=provinces
                chosen=province
                error=form.error("province")
                on_choose=Callback::new(move |_| {
                    clear_below(&[regency, district, village], Key::ClearedAfterProvince)
                })
            />
            <SearchChoice
                id="address-regency"
                legend=Key::FieldRegency
                options=regencies
                chosen=regency
                error=form.error("regency")
                on_choose=Callback::new(move |_| {
                    clear_below(&[district, village], Key::ClearedAfterRegency)
                })
            />
            <SearchChoice
                id="address-district"
                legend=Key::FieldDistrict
                options=districts
                chosen=district
                error=form.error("district")
                on_choose=Callback::new(move |_| clear_below(&[village], Key::ClearedAfterDistrict))
            />
            <SearchChoice
                id="address-village"
                legend=Key::FieldVillage
                options=villages
                chosen=village
                error=form.error("village")
                on_choose=Callback::new(move |_| cleared.set(None))
            />
            <TextField
                id="address-street"
                label=Key::FieldStreet
                hint=Key::StreetHint
                value=form.value("street")
                error=form.error("street")
                autocomplete="street-address"
            />
            <TextField
                id="address-postal_code"
                label=Key::FieldPostalCode
                value=form.value("postal_code")
                error=form.error("postal_code")
                inputmode="numeric"
                autocomplete="postal-code"
                input_class="input--short"
            />
        </StepPage>
    }
}
