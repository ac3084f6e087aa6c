//! `/products/new` and `/products/<id>`: one product's form. Every field
//! is kept on the device as it is typed; Save creates the product (once,
//! under the draft's `Idempotency-Key`) or sends the changes with
//! `If-Match`; a 412 shows both versions. An existing product can be
//! deleted, with a confirmation first and Undo after.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::delete::DeleteProduct;
use super::form::{autosave, load_server_copy, ProductForm};
use super::messages::{field_id, field_label, unit_name};
use super::notice::use_notices;
use super::price_field::PriceField;
use crate::api::products::photo_ids;
use crate::api::reference::product_categories;
use crate::api::Cancel;
use crate::components::choice_field::ChoiceField;
use crate::components::conflict_panel::{ConflictPanel, ConflictRow};
use crate::components::error_summary::ErrorSummary;
use crate::components::field_message::{described_by, FieldMessages};
use crate::components::fieldset::Fieldset;
use crate::components::lazy_part::LazyPart;
use crate::components::radio::Radio;
use crate::components::text_field::TextField;
use crate::domain::product::{Draft, Field};
use crate::domain::unit::Unit;
use crate::draft_sync::{ProductSlot, Resource, State};
use crate::i18n::{tr, use_i18n, Key};
use crate::routes::{use_id_in_address, Page};

/// `/products/new`
#[component]
pub fn NewProduct() -> impl IntoView {
    view! { <ProductPage product=ProductSlot::New /> }
}

/// `/products/<id>`: the id from the address; an address that names no
/// product is the not-found page's business (the route table refuses it).
#[component]
pub fn EditProduct() -> impl IntoView {
    let id = use_id_in_address();
    move || match id.get() {
        Some(id) => view! { <ProductPage product=ProductSlot::Saved(id) /> }.into_any(),
        None => view! { <p class="notice notice--error">{tr(Key::ProductNotFound)}</p> }.into_any(),
    }
}

/// The fields that differ between two versions, for the conflict panel;
/// the photos as how many there are.
fn differing((mine, theirs): (Draft, Draft)) -> Vec<ConflictRow> {
    let mut rows: Vec<ConflictRow> = Field::ALL
        .into_iter()
        .filter_map(|field| {
            let value = |draft: &Draft| draft.get(field.name()).cloned().unwrap_or_default();
            let (a, b) = (value(&mine), value(&theirs));
            (a.trim() != b.trim()).then(|| (field_label(field), a, b))
        })
        .collect();
    let (a, b) = (photo_ids(&mine), photo_ids(&theirs));
    if a != b {
        rows.push((Key::ProductPhotos, a.len().to_string(), b.len().to_string()));
    }
    rows
}

/// The form of one product.
#[component]
fn ProductPage(
    /// The new product, or the one with this id.
    product: ProductSlot,
) -> impl IntoView {
    let slot = product;
    let i18n = use_i18n();
    let form = ProductForm::new(slot);
    let notices = use_notices();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    autosave(form);
    if let ProductSlot::Saved(id) = slot {
        load_server_copy(form, id);
    }
    let cancel = Cancel::on_unmount();
    spawn_local(async move {
        if let Ok(list) = product_categories(&cancel).await {
            form.categories.try_set(Some(list));
        }
    });
    let categories = Signal::derive(move || {
        form.categories.with(|list| {
            list.iter()
                .flatten()
                .map(|entry| (entry.code.clone(), entry.label().to_owned()))
                .collect::<Vec<_>>()
        })
    });
    let units = Signal::derive(move || {
        Unit::ALL
            .iter()
            .map(|unit| (unit.code().to_owned(), i18n.t(unit_name(*unit)).to_owned()))
            .collect::<Vec<_>>()
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let resource = form.resource.get_untracked();
        form.drafts.edit(resource, form.draft_untracked());
        let found = form.current_problems();
        let blocked = !found.is_empty();
        form.shown.set(found);
        if blocked {
            return;
        }
        let navigate = navigate.clone();
        let name = form.value(Field::Name.name()).get_untracked();
        busy.set(true);
        spawn_local(async move {
            let state = form.drafts.push(resource).await;
            // The page was left while the save was away (`try_set` gives
            // the value back): stay where the person went.
            if busy.try_set(false).is_some() {
                return;
            }
            if matches!(state, State::Saved | State::OnDevice) {
                notices.saved.set(Some(name.trim().to_owned()));
                navigate(&Page::products().href(), Default::default());
            } else if let Some(found) = form.sync_problems() {
                form.shown.try_set(found);
            }
        });
    };
    let title = match slot {
        ProductSlot::New => Key::NewProductTitle,
        ProductSlot::Saved(_) => Key::EditProductTitle,
    };
    let tkdn_issue = move || form.live_issue(Field::Tkdn);
    view! {
        <p class="back-link">
            <A href=Page::products().href()>{tr(Key::BackToCatalog)}</A>
        </p>
        <h1>{tr(title)}</h1>
        <Show when=move || form.missing.get()>
            <p class="notice notice--error" role="alert">
                {tr(Key::ProductNotFound)}
            </p>
        </Show>
        <p class="save-status" role="status">
            {move || {
                let resource = form.resource.get();
                match form.drafts.state(resource) {
                    State::Saved if resource == Resource::Product(ProductSlot::New) => "",
                    state => i18n.t(state.message_key()),
                }
            }}
        </p>
        <ConflictPanel
            resource=form.resource
            differing=Callback::new(differing)
            on_take_theirs=Callback::new(move |theirs: Draft| form.fill(&theirs))
        />
        <ErrorSummary problems=form.shown />
        <Show when=move || !form.ready.get() && !form.missing.get()>
            <p class="page-loading">{tr(Key::LoadingProduct)}</p>
        </Show>
        <form novalidate on:submit=on_submit>
            // Closed until the product's values are here: typing into empty
            // fields would start a draft without them.
            <fieldset class="plain-fieldset" disabled=move || !form.ready.get()>
                <legend class="visually-hidden">{tr(title)}</legend>
                <TextField
                    id=field_id(Field::Name)
                    label=Key::ProductName
                    hint=Key::ProductNameHint
                    value=form.value("name")
                    error=form.error(Field::Name)
                />
                <ChoiceField
                    id=field_id(Field::Category)
                    label=Key::ProductCategory
                    value=form.value("category")
                    error=form.error(Field::Category)
                    options=categories
                />
                <DescriptionField form=form />
                <ChoiceField
                    id=field_id(Field::Unit)
                    label=Key::ProductUnit
                    value=form.value("unit")
                    error=form.error(Field::Unit)
                    options=units
                />
                <PriceField
                    id=field_id(Field::Price)
                    label=Key::ProductPrice
                    hint=Key::ProductPriceHint
                    value=form.value("price")
                    error=form.error(Field::Price)
                />
                <TextField
                    id=field_id(Field::MinOrder)
                    label=Key::ProductMinOrder
                    hint=Key::ProductMinOrderHint
                    value=form.value("min_order")
                    error=form.error(Field::MinOrder)
                    inputmode="numeric"
                    input_class="input--short"
                />
                <TextField
                    id=field_id(Field::Stock)
                    label=Key::ProductStock
                    hint=Key::ProductStockHint
                    value=form.value("stock")
                    error=form.error(Field::Stock)
                    inputmode="numeric"
                    input_class="input--short"
                />
                <TextField
                    id=field_id(Field::LeadTimeDays)
                    label=Key::ProductLeadTime
                    hint=Key::ProductLeadTimeHint
                    value=form.value("lead_time_days")
                    error=form.error(Field::LeadTimeDays)
                    inputmode="numeric"
                    input_class="input--short"
                />
                <TextField
                    id=field_id(Field::Tkdn)
                    label=Key::ProductTkdn
                    hint=Key::ProductTkdnHint
                    value=form.value("tkdn_percent")
                    error=Signal::derive(move || form.error(Field::Tkdn).get().or_else(tkdn_issue))
                    inputmode="decimal"
                    input_class="input--short"
                />
                <Fieldset
                    id="product-halal-group"
                    legend=Key::ProductHalal
                    hint=Key::ProductHalalHint
                    error=form.error(Field::Halal)
                >
                    <Radio
                        name="halal"
                        id=field_id(Field::Halal)
                        group=form.value("halal")
                        value="true".to_owned()
                        label=Key::HalalYes
                    />
                    <Radio
                        name="halal"
                        id="product-halal-no"
                        group=form.value("halal")
                        value="false".to_owned()
                        label=Key::HalalNo
                    />
                </Fieldset>
                <TextField
                    id=field_id(Field::Sku)
                    label=Key::ProductSku
                    hint=Key::ProductSkuHint
                    value=form.value("sku")
                    error=form.error(Field::Sku)
                    input_class="input--medium"
                />
                <LazyPart load=move || crate::lazy::photos(form) loading=Key::LoadingPhotos />
            </fieldset>
            <button class="button" type="submit" aria-disabled=move || busy.get().then_some("true")>
                {move || {
                    if busy.get() { i18n.t(Key::SavingProduct) } else { i18n.t(Key::SaveProduct) }
                }}
            </button>
        </form>
        {match slot {
            ProductSlot::Saved(id) => Some(view! { <DeleteProduct id=id form=form /> }),
            ProductSlot::New => None,
        }}
    }
}

/// The description: a few lines of text.
#[component]
fn DescriptionField(
    /// The form it belongs to.
    form: ProductForm,
) -> impl IntoView {
    let id = field_id(Field::Description);
    let value = form.value("description");
    let error = form.error(Field::Description);
    let hint = Some(Key::ProductDescriptionHint);
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="field__label" for=id>
                {tr(Key::ProductDescription)}
            </label>
            <FieldMessages id=id hint=hint error=error />
            <textarea
                class="input textarea"
                id=id
                name=id
                rows="4"
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by(id, hint, error)
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            ></textarea>
        </div>
    }
}
