//! `/members?q=…&status=…&sort=…&page=…`: every member of the staff's
//! cooperative with how far each is, those who need something first;
//! searched (after a pause in typing), filtered and ordered in the address.
//! While a new view loads the last one stays; a late older answer is
//! dropped; leaving the page stops its requests.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use super::member_card::MemberCard;
use super::messages::{sort_name, status_name};
use super::staff_name::StaffName;
use crate::api::coop::{self, MemberPage};
use crate::api::{ApiError, Cancel};
use crate::components::filter_select::FilterSelect;
use crate::components::pager::Pager;
use crate::components::retry_notice::RetryNotice;
use crate::components::search_box::SearchBox;
use crate::domain::roster_query::{MemberStatus, RosterQuery, RosterSort, MAX_WORDS};
use crate::i18n::{tr, use_i18n, Key, Message};
use crate::routes::Page;
use crate::session::use_session;
use crate::timing;

/// The roster.
#[component]
pub fn Roster() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let query = Memo::new(move |_| location.search.with(|search| RosterQuery::parse(search)));
    let loaded = RwSignal::new(None::<(RosterQuery, MemberPage)>);
    let failed = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(false);
    let retry = RwSignal::new(0u32);
    let latest = StoredValue::new(0u32);
    let cancel = Cancel::on_unmount();
    Effect::new(move |_| {
        let asked = query.get();
        retry.track();
        let number = latest.get_value() + 1;
        latest.set_value(number);
        loading.set(true);
        let cancel = cancel.clone();
        leptos::task::spawn_local(async move {
            let answer = coop::members(&asked, &cancel).await;
            if latest.try_get_value() != Some(number) || answer == Err(ApiError::Cancelled) {
                return;
            }
            if answer == Err(ApiError::Unauthorized) {
                session.expire();
            }
            loading.try_set(false);
            match answer {
                Ok(page) => {
                    // What `scripts/bench` reads of how long the cards
                    // take to draw once their answer is here.
                    timing::mark_drawn("rantai:roster");
                    loaded.try_set(Some((asked, page)));
                    failed.try_set(None);
                }
                Err(error) => {
                    failed.try_set(Some(error));
                }
            }
        });
    });
    let show = Callback::new(move |mut wanted: RosterQuery| {
        wanted.page = 1;
        if wanted != query.get_untracked() {
            let options = NavigateOptions {
                scroll: false,
                ..Default::default()
            };
            navigate(&Page::Members { query: wanted }.href(), options);
        }
    });
    let search = Callback::new(move |words: String| {
        let mut wanted = query.get_untracked();
        wanted.q = words;
        show.run(wanted);
    });
    let cooperative = session
        .me
        .with_untracked(|me| me.as_ref().and_then(|me| me.cooperative.clone()))
        .map(|c| c.name)
        .unwrap_or_default();
    view! {
        <h1>
            {move || Message::with(Key::StaffTitle, "coop", &cooperative).render(i18n.lang.get())}
        </h1>
        <StaffName />
        <p class="button-row">
            <A href=Page::MemberNew.href() attr:class="button">
                {tr(Key::AddMember)}
            </A>
        </p>
        <SearchBox
            id="member-q"
            label=Key::SearchMembers
            max_chars=MAX_WORDS
            asked=Signal::derive(move || query.with(|q| q.q.clone()))
            on_search=search
        >
            <div class="tender-filters__grid">
                <FilterSelect
                    id="member-status"
                    label=Key::MemberStatusFilter
                    any=Key::AnyMemberStatus
                    options=MemberStatus::ALL.map(|s| (s.code(), status_name(s))).to_vec()
                    chosen=Signal::derive(move || {
                        query.with(|q| q.status.map_or("", MemberStatus::code))
                    })
                    on_choose=Callback::new(move |code: String| {
                        let mut wanted = query.get_untracked();
                        wanted.status = MemberStatus::from_code(&code);
                        show.run(wanted);
                    })
                />
                <FilterSelect
                    id="member-sort"
                    label=Key::MemberSortBy
                    options=RosterSort::ALL.map(|s| (s.code(), sort_name(s))).to_vec()
                    chosen=Signal::derive(move || query.with(|q| q.sort.code()))
                    on_choose=Callback::new(move |code: String| {
                        let mut wanted = query.get_untracked();
                        wanted.sort = RosterSort::from_code(&code).unwrap_or_default();
                        show.run(wanted);
                    })
                />
            </div>
        </SearchBox>
        <p class="save-status" role="status">
            {move || {
                if loading.get() {
                    Some(i18n.t(Key::Loading).to_owned())
                } else {
                    loaded
                        .with(|loaded| {
                            loaded
                                .as_ref()
                                .map(|(_, page)| {
                                    Message::with(Key::MemberCount, "count", page.total)
                                        .render(i18n.lang.get())
                                })
                        })
                }
            }}
        </p>
        {move || failed.get().map(|error| view! { <RetryNotice error=error retry=retry /> })}
        {move || {
            loaded
                .get()
                .map(|(asked, page)| {
                    if page.items.is_empty() {
                        let key = if asked == RosterQuery::default() {
                            Key::StaffEmpty
                        } else {
                            Key::NoMembersMatch
                        };
                        return view! { <p>{tr(key)}</p> }.into_any();
                    }
                    let pages = page.total.div_ceil(page.per_page.max(1)).max(1);
                    let href = Callback::new(move |number: u32| {
                        Page::Members {
                            query: RosterQuery {
                                page: number,
                                ..asked.clone()
                            },
                        }
                            .href()
                    });
                    view! {
                        <ul class="member-cards">
                            {page
                                .items
                                .into_iter()
                                .map(|member| {
                                    view! { <MemberCard member=member on_changed=retry /> }
                                })
                                .collect_view()}
                        </ul>
                        <Pager at=page.page pages=pages href=href />
                    }
                        .into_any()
                })
        }}
    }
}
