//! The search box and the filters above the results. Every change becomes
//! the address (the list follows it): words after a pause in typing (no
//! request per key), a choice at once, a budget when its field is left.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::messages::{sort_name, status_name};
use crate::api::reference::{self, RegionLevel};
use crate::api::Cancel;
use crate::components::filter_select::FilterSelect;
use crate::components::search_box::SearchBox;
use crate::domain::money::{group_thousands, parse_rupiah};
use crate::domain::tender_query::{Sort, TenderQuery, TenderStatus, MAX_WORDS};
use crate::i18n::{tr, use_i18n, Key};

/// The search form. `page_of` is the address of a view (the whole list's
/// or the saved tenders').
#[component]
pub fn Filters(
    /// The view shown (read from the address).
    query: Memo<TenderQuery>,
    /// The address of a view.
    page_of: Callback<TenderQuery, String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let show = Callback::new(move |mut wanted: TenderQuery| {
        wanted.page = 1;
        if wanted != query.get_untracked() {
            let options = NavigateOptions {
                scroll: false,
                ..Default::default()
            };
            navigate(&page_of.run(wanted), options);
        }
    });
    let change = move |edit: fn(&mut TenderQuery, String)| {
        move |event: leptos::ev::Event| {
            let mut wanted = query.get_untracked();
            edit(&mut wanted, event_target_value(&event));
            show.run(wanted);
        }
    };
    let search = Callback::new(move |words: String| {
        let mut wanted = query.get_untracked();
        wanted.q = words;
        show.run(wanted);
    });
    let filters_given =
        move || query.with(|q| q.relaxations().len() - usize::from(!q.q.is_empty()));
    // Open when a view with filters is opened; then as the person leaves it.
    let open_at_first = filters_given() > 0;
    view! {
        <SearchBox
            id="tender-q"
            label=Key::SearchTenders
            max_chars=MAX_WORDS
            asked=Signal::derive(move || query.with(|q| q.q.clone()))
            on_search=search
        >
            <details class="tender-filters" open=open_at_first>
                <summary>
                    {move || match filters_given() {
                        0 => i18n.t(Key::FiltersTitle).to_owned(),
                        given => format!("{} ({given})", i18n.t(Key::FiltersTitle)),
                    }}
                </summary>
                <div class="tender-filters__grid">
                    <ReferenceSelect
                        list=List::Categories
                        chosen=Signal::derive(move || query.with(|q| q.category.clone()))
                        on_change=change(|q, v| q.category = some(v))
                    />
                    <ReferenceSelect
                        list=List::Provinces
                        chosen=Signal::derive(move || query.with(|q| q.province.clone()))
                        on_change=change(|q, v| q.province = some(v))
                    />
                    <BudgetFilter query=query show=show />
                    <FilterSelect
                        id="tender-status"
                        label=Key::StatusFilter
                        any=Key::AnyStatus
                        options=TenderStatus::ALL.map(|s| (s.code(), status_name(s))).to_vec()
                        chosen=Signal::derive(move || {
                            query.with(|q| q.status.map_or("", TenderStatus::code))
                        })
                        on_choose=Callback::new(move |code: String| {
                            let mut wanted = query.get_untracked();
                            wanted.status = TenderStatus::from_code(&code);
                            show.run(wanted);
                        })
                    />
                    <FilterSelect
                        id="tender-sort"
                        label=Key::SortBy
                        options=Sort::ALL.map(|s| (s.code(), sort_name(s))).to_vec()
                        chosen=Signal::derive(move || query.with(|q| q.sort.code()))
                        on_choose=Callback::new(move |code: String| {
                            let mut wanted = query.get_untracked();
                            wanted.sort = Sort::ALL
                                .into_iter()
                                .find(|sort| sort.code() == code)
                                .unwrap_or_default();
                            show.run(wanted);
                        })
                    />
                </div>
            </details>
        </SearchBox>
    }
}

/// The rupiah in a budget field (`Some(None)`: empty), or `None` when it
/// is not an amount. `50,000` is refused, not read as 50 with zero cents:
/// an English reader's thousands, not ours.
fn amount(typed: &str) -> Option<Option<u64>> {
    let english_thousands = typed
        .split(',')
        .skip(1)
        .any(|after| after.len() >= 3 && after.bytes().take(3).all(|b| b.is_ascii_digit()));
    if english_thousands {
        return None;
    }
    parse_rupiah(typed).ok()
}

/// `None` for an empty choice ("any").
fn some(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

/// Which reference list a filter chooses from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum List {
    /// Product categories (tenders buy the same kinds of goods).
    Categories,
    /// Provinces.
    Provinces,
}

/// A select of a reference list, "any" first; the list is fetched (and
/// tried again while offline) once the page opens.
#[component]
fn ReferenceSelect(
    /// Which list.
    list: List,
    /// The code chosen now.
    #[prop(into)]
    chosen: Signal<Option<String>>,
    /// A choice was made.
    on_change: impl FnMut(leptos::ev::Event) + 'static,
) -> impl IntoView {
    let (id, label, any) = match list {
        List::Categories => ("tender-category", Key::CategoryFilter, Key::AnyCategory),
        List::Provinces => ("tender-province", Key::ProvinceFilter, Key::AnyProvince),
    };
    let options = RwSignal::new(Vec::<(String, String)>::new());
    let cancel = Cancel::on_unmount();
    leptos::task::spawn_local(async move {
        let fetched = reference::until_loaded(|| {
            let cancel = cancel.clone();
            async move {
                match list {
                    List::Categories => reference::product_categories(&cancel).await,
                    List::Provinces => reference::regions(RegionLevel::Province, "", &cancel).await,
                }
            }
        })
        .await;
        if let Some(entries) = fetched {
            options.try_set(
                entries
                    .into_iter()
                    .map(|entry| (entry.code.clone(), entry.display()))
                    .collect(),
            );
        }
    });
    view! {
        <div class="field">
            <label class="field__label" for=id>
                {tr(label)}
            </label>
            <select class="input select" id=id on:change=on_change>
                <option value="" prop:selected=move || chosen.with(Option::is_none)>
                    {tr(any)}
                </option>
                {move || {
                    let now = chosen.get();
                    let mut list = options.get();
                    if let Some(code) = now.as_ref().filter(|c| !list.iter().any(|(v, _)| v == *c))
                    {
                        list.push((code.clone(), code.clone()));
                    }
                    list.into_iter()
                        .map(|(code, name)| {
                            let selected = now.as_deref() == Some(code.as_str());
                            // A code from a shared link shows even before the list.
                            view! {
                                <option value=code prop:selected=selected>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// The budget (HPS) range in rupiah: each bound applied when its field is
/// left; one that is not an amount says so beside it and is not applied.
#[component]
fn BudgetFilter(
    /// The view shown.
    query: Memo<TenderQuery>,
    /// Shows a view.
    show: Callback<TenderQuery>,
) -> impl IntoView {
    let written = |amount: Option<u64>| amount.map(group_thousands).unwrap_or_default();
    let least = RwSignal::new(written(query.get_untracked().hps_min));
    let most = RwSignal::new(written(query.get_untracked().hps_max));
    let wrong = RwSignal::new(false);
    // A bound changed in the address (back, forward, a relaxation): its
    // field shows it. Only then: what is being typed in the other stays.
    let bounds = Memo::new(move |_| query.with(|q| (q.hps_min, q.hps_max)));
    Effect::new(move |before: Option<(Option<u64>, Option<u64>)>| {
        let (min, max) = bounds.get();
        if let Some((min_before, max_before)) = before {
            if min != min_before {
                least.set(written(min));
                wrong.set(false);
            }
            if max != max_before {
                most.set(written(max));
                wrong.set(false);
            }
        }
        (min, max)
    });
    let apply = move |_| match (
        amount(&least.get_untracked()),
        amount(&most.get_untracked()),
    ) {
        (Some(min), Some(max)) => {
            wrong.set(false);
            let mut wanted = query.get_untracked();
            (wanted.hps_min, wanted.hps_max) = (min, max);
            show.run(wanted);
        }
        _ => wrong.set(true),
    };
    let field = move |id: &'static str, label: Key, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label class="field__label" for=id>
                    {tr(label)}
                </label>
                <input
                    class="input"
                    id=id
                    inputmode="numeric"
                    autocomplete="off"
                    aria-invalid=move || wrong.get().then_some("true")
                    aria-describedby=move || wrong.get().then_some("tender-budget-error")
                    prop:value=move || value.get()
                    on:input=move |event| value.set(event_target_value(&event))
                    on:change=apply
                />
            </div>
        }
    };
    view! {
        {field("tender-hps-min", Key::BudgetFrom, least)}
        {field("tender-hps-max", Key::BudgetTo, most)}
        <p id="tender-budget-error" class="field__error" role="alert">
            {move || wrong.get().then(|| tr(Key::BudgetNotAnAmount)())}
        </p>
    }
}
