//! Step 1: the business. Name, legal form, NIB, NPWP (15 digits converted
//! to 16, both shown, with the head office's NITKU), PKP, capital and
//! sales in rupiah with the UMKM scale they give, and KBLI codes.

use leptos::prelude::*;

use super::messages::LEGAL_FORM_CHOICES;
use super::step_form::StepForm;
use super::step_page::StepPage;
use crate::components::fieldset::Fieldset;
use crate::components::lazy_part::LazyPart;
use crate::components::radio::Radio;
use crate::components::text_field::TextField;
use crate::domain::business::{must_be_pkp, scale, Scale};
use crate::domain::identifiers::{self, legacy_npwp, nitku};
use crate::domain::money::{group_thousands, parse_rupiah};
use crate::domain::profile::Section;
use crate::i18n::{tr, use_i18n, Key, Message};

/// Regroups a typed amount (`10300000` → `10.300.000`) once the field is left.
fn regroup(value: RwSignal<String>) {
    if let Ok(Some(amount)) = parse_rupiah(&value.get_untracked()) {
        value.set(group_thousands(amount));
    }
}

fn scale_name(scale: Scale) -> Key {
    match scale {
        Scale::Mikro => Key::ScaleMikro,
        Scale::Kecil => Key::ScaleKecil,
        Scale::Menengah => Key::ScaleMenengah,
        Scale::Besar => Key::ScaleBesar,
    }
}

/// `/register/business`
#[component]
pub fn BusinessStep() -> impl IntoView {
    let i18n = use_i18n();
    let form = StepForm::new(Section::Business);
    let (capital, sales, npwp, pkp) = (
        form.value("capital"),
        form.value("annual_sales"),
        form.value("npwp"),
        form.value("pkp"),
    );
    let amount = |value: RwSignal<String>| parse_rupiah(&value.get()).ok().flatten();
    let derived_scale = move || scale(amount(capital), amount(sales));
    let npwp16 = move || {
        let typed = npwp.get();
        let digits = identifiers::digits(&typed).ok()?;
        identifiers::npwp(&digits, |_| true).ok()
    };
    // The KBLI picker (its search, the reference lists) comes after the
    // step's other fields: a chunk of its own.
    let (kbli, kbli_error) = (form.value("kbli"), form.error("kbli"));
    let pkp_needed = move || amount(sales).is_some_and(must_be_pkp) && pkp.get() == "false";
    view! {
        <StepPage form=form title=Key::BusinessTitle>
            <TextField
                id="business-name"
                label=Key::FieldBusinessName
                value=form.value("name")
                error=form.error("name")
                autocomplete="organization"
            />
            <Fieldset
                id="business-legal_form-group"
                legend=Key::FieldLegalForm
                error=form.error("legal_form")
            >
                {LEGAL_FORM_CHOICES
                    .map(|(value, id, label)| {
                        view! {
                            <Radio
                                name="legal_form"
                                id=id
                                group=form.value("legal_form")
                                value=value.to_owned()
                                label=label
                            />
                        }
                    })
                    .collect_view()}
            </Fieldset>
            <TextField
                id="business-nib"
                label=Key::FieldNib
                hint=Key::NibHint
                value=form.value("nib")
                error=form.error("nib")
                inputmode="numeric"
                input_class="input--medium"
            />
            <TextField
                id="business-npwp"
                label=Key::FieldNpwp
                hint=Key::NpwpHint
                value=npwp
                error=form.error("npwp")
                inputmode="numeric"
                input_class="input--medium"
            />
            {move || {
                npwp16()
                    .map(|npwp16| {
                        let legacy = legacy_npwp(&npwp16).unwrap_or_default();
                        let head_office = nitku(&npwp16, 0);
                        view! {
                            <p class="derived" aria-live="polite">
                                {move || {
                                    Message::with(Key::NpwpDerived, "npwp16", &npwp16)
                                        .and("legacy", &legacy)
                                        .and("nitku", &head_office)
                                        .render(i18n.lang.get())
                                }}
                            </p>
                        }
                    })
            }}
            <Fieldset
                id="business-pkp-group"
                legend=Key::FieldPkp
                hint=Key::PkpHint
                error=form.error("pkp")
            >
                <Radio
                    name="pkp"
                    id="business-pkp"
                    group=pkp
                    value="true".to_owned()
                    label=Key::Yes
                />
                <Radio name="pkp" id="pkp-no" group=pkp value="false".to_owned() label=Key::No />
            </Fieldset>
            <Show when=pkp_needed>
                <p class="notice notice--warning">{tr(Key::PkpRequiredWarning)}</p>
            </Show>
            <div on:focusout=move |_| regroup(capital)>
                <TextField
                    id="business-capital"
                    label=Key::FieldCapital
                    hint=Key::CapitalHint
                    value=capital
                    error=form.error("capital")
                    inputmode="numeric"
                    input_class="input--medium"
                />
            </div>
            <div on:focusout=move |_| regroup(sales)>
                <TextField
                    id="business-annual_sales"
                    label=Key::FieldAnnualSales
                    hint=Key::SalesHint
                    value=sales
                    error=form.error("annual_sales")
                    inputmode="numeric"
                    input_class="input--medium"
                />
            </div>
            <p class="derived" aria-live="polite">
                {move || match derived_scale() {
                    Some(found) => {
                        Message::new(Key::ScaleIs)
                            .and("scale", i18n.t(scale_name(found)))
                            .render(i18n.lang.get())
                    }
                    None => i18n.t(Key::ScaleUnknown).to_owned(),
                }}
            </p>
            <LazyPart load=move || crate::lazy::kbli(kbli, kbli_error) loading=Key::LoadingKbli />
        </StepPage>
    }
}
