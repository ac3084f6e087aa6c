//! `/`: what Rantai is for (signed out); once signed in the task list (an
//! UMKM owner, or staff acting for one); staff go on to their members.

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};

use super::coop_links::CoopLinks;
use super::sign_out_notice::SignOutNotice;
use super::staff_trail::StaffTrail;
use super::task_list::TaskList;
use crate::api::{supplier, ApiError, Cancel};
use crate::domain::tender_query::TenderQuery;
use crate::i18n::{tr, Key};
use crate::routes::{Page, RosterQuery};
use crate::session::{use_session, SessionState};

/// The home page.
#[component]
pub fn Home() -> impl IntoView {
    let session = use_session();
    move || match (session.state.get(), session.me.get()) {
        (SessionState::Checking, _) => view! { <p>{tr(Key::Loading)}</p> }.into_any(),
        (SessionState::SignedOut, _) | (_, None) => view! { <Welcome /> }.into_any(),
        (_, Some(me)) if me.role.is_none() => {
            let role_question = Page::Login { next: None }.href();
            view! { <Redirect path=role_question /> }.into_any()
        }
        // Staff's home is their members; acting for one, the member's tasks.
        (_, Some(me)) if me.is_staff() && me.acting_for.is_none() => {
            let roster = Page::Members {
                query: RosterQuery::default(),
            }
            .href();
            view! { <Redirect path=roster /> }.into_any()
        }
        _ => view! { <SupplierTasks /> }.into_any(),
    }
}

/// Signed out: what Rantai does, and the way in.
#[component]
fn Welcome() -> impl IntoView {
    let sign_in = Page::Login { next: None }.href();
    let tenders = Page::Tenders {
        query: TenderQuery::default(),
    }
    .href();
    view! {
        <SignOutNotice />
        <h1>{tr(Key::HomeTitle)}</h1>
        <p class="lead">{tr(Key::HomeIntro)}</p>
        <p>
            <A href=sign_in attr:class="button">
                {tr(Key::HomeSignInButton)}
            </A>
        </p>
        <p>
            <A href=tenders>{tr(Key::BrowseTenders)}</A>
        </p>
        <h2>{tr(Key::HomeHowTitle)}</h2>
        <ol class="steps">
            <li>{tr(Key::HomeStepProfile)}</li>
            <li>{tr(Key::HomeStepDocuments)}</li>
            <li>{tr(Key::HomeStepTenders)}</li>
        </ol>
    }
}

/// A failed load, in words, with the session asked to sign in again on 401.
fn load_error(error: ApiError) -> AnyView {
    if error == ApiError::Unauthorized {
        use_session().expire();
    }
    view! {
        <p class="notice notice--error" role="alert">
            {tr(error.message_key())}
        </p>
    }
    .into_any()
}

/// Loads with `fetch` now and again whenever the signed-in person changes
/// (after signing in again); the last answer stays shown while reloading.
pub(super) fn load<T, Fut>(
    fetch: impl Fn(Cancel) -> Fut + 'static,
) -> RwSignal<Option<Result<T, ApiError>>>
where
    T: Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, ApiError>> + 'static,
{
    let session = use_session();
    let cancel = Cancel::on_unmount();
    let loaded = RwSignal::new(None);
    Effect::new(move |_| {
        session.me.track();
        let answer = fetch(cancel.clone());
        leptos::task::spawn_local(async move {
            let answer = answer.await;
            if !matches!(answer, Err(ApiError::Cancelled)) {
                loaded.try_set(Some(answer));
            }
        });
    });
    loaded
}

/// The UMKM owner's task list.
#[component]
fn SupplierTasks() -> impl IntoView {
    let overview = load(|cancel| async move { supplier::overview(&cancel).await });
    let tenders = Page::Tenders {
        query: TenderQuery::default(),
    }
    .href();
    view! {
        <h1>{tr(Key::SupplierHomeTitle)}</h1>
        <CoopLinks />
        {move || match overview.get() {
            None => view! { <p>{tr(Key::Loading)}</p> }.into_any(),
            Some(Ok(overview)) => {
                view! {
                    <TaskList overview=overview />
                    <StaffTrail />
                    <p>
                        <A href=tenders.clone()>{tr(Key::BrowseTenders)}</A>
                    </p>
                }
                    .into_any()
            }
            Some(Err(error)) => load_error(error),
        }}
    }
}
