//! The shell: the page layout, the few app-wide contexts and the router.
//! The address is read by the route table ([`crate::routes::Page::parse`]),
//! which names the area's page that draws it ([`Area::drawing`]); a page
//! that needs a session is drawn inside `RequireSession`. An area is
//! reached only through its split point (`lazy.rs`).

use leptos::prelude::*;
use leptos_router::components::{Router, A};
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};
use wasm_bindgen::JsCast;

use crate::app_wide::provide_app_owner;
use crate::components::account::Account;
use crate::components::acting_banner::ActingBanner;
use crate::components::crash::Crash;
use crate::components::language_switch::LanguageSwitch;
use crate::components::network_banner::NetworkBanner;
use crate::components::require_session::RequireSession;
use crate::components::session_timeout::SessionTimeout;
use crate::components::update_banner::UpdateBanner;
use crate::device_store;
use crate::i18n::{tr, I18n, Key, Lang};
use crate::lazy::{prefetch, start_draft_sync, Area, LazyArea, Needs};
use crate::pages::not_found::NotFound;
use crate::routes::{AccountPage, Page, RegisterPage};
use crate::session::{provide_session, use_session, SessionState};

/// The language for this device: the one chosen before, else the browser's
/// if we speak it, else Indonesian.
fn initial_language() -> Lang {
    device_store::get(device_store::LANGUAGE_KEY)
        .and_then(|code| Lang::from_code(&code))
        .or_else(|| {
            web_sys::window()?
                .navigator()
                .language()
                .and_then(|code| Lang::from_code(&code))
        })
        .unwrap_or_default()
}

/// Provides the app-wide contexts and keeps `<html lang>` and the stored
/// choice in step with the language.
pub fn provide_i18n() -> I18n {
    let i18n = I18n {
        lang: RwSignal::new(Lang::default()),
    };
    provide_context(i18n);
    i18n.choose(initial_language());
    Effect::new(move |_| {
        let lang = i18n.lang.get();
        if let Some(root) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    i18n
}

/// Moves keyboard focus to `<main>`. The router would otherwise treat the
/// skip link's `#main` as a navigation and leave focus where it was.
fn skip_to_main(event: leptos::ev::MouseEvent) {
    event.prevent_default();
    if let Some(main) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("main"))
    {
        let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// The whole app: its contexts, then the shell.
#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_session();
    provide_app_owner();
    prefetch_next_areas();
    sync_drafts_kept_here();
    view! { <Shell /> }
}

/// After the first page, fetches (when the browser is idle) the code a
/// person is likely to need next: both halves of the account area (a visitor
/// goes from home to sign-in and back; a session that ends needs sign-in in
/// its dialog, maybe just as the connection drops), and once it is known who
/// is signed in, the area their home page points to: the wizard, for an UMKM
/// owner. Then a tap on the task list opens it at once.
fn prefetch_next_areas() {
    prefetch(vec![
        Area::Account(AccountPage::Home),
        Area::Account(AccountPage::Login),
    ]);
    let session = use_session();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let supplier = session
            .me
            .with(|me| me.as_ref().is_some_and(|me| me.supplier_id.is_some()));
        if supplier {
            prefetch(RegisterPage::ALL.into_iter().map(Area::Register).collect());
        }
        supplier
    });
}

/// Once someone is signed in and this device holds drafts of theirs, starts
/// the draft sync: a save that was cut off, or answers typed offline, reach
/// the server when the connection allows, even if the wizard is not opened
/// again (the person may only look at home, or close the tab).
fn sync_drafts_kept_here() {
    let session = use_session();
    let Some(owner) = Owner::current() else {
        return;
    };
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        if session.state.get() != SessionState::SignedIn {
            return false;
        }
        let keys = session
            .draft_key("")
            .map(|prefix| device_store::keys_starting_with(&prefix))
            .unwrap_or_default();
        // The drafts the draft sync sends (profile sections, products).
        let drafts = ["profile.", "product."];
        if keys
            .iter()
            .any(|key| drafts.iter().any(|d| key.contains(d)))
        {
            start_draft_sync(owner.clone());
        }
        !keys.is_empty()
    });
}

/// The page the address names, drawn by its area's code (fetched the
/// first time it is opened), inside `RequireSession` when it needs a
/// session; an address the app does not have is the not-found page. The
/// route table (`routes.rs`) is the one router: the page is built again
/// only when the area's page changes (a new query, or another id, keeps
/// it), and `RequireSession` only when what the page needs changes (from
/// one wizard step to the next it stays).
#[component]
fn Pages() -> impl IntoView {
    let location = use_location();
    let shown = Memo::new(move |_| {
        location
            .pathname
            .with(|path| Page::parse(path).map(|page| Area::drawing(&page)))
    });
    let needs = Memo::new(move |_| shown.get().map(|(_, needs)| needs));
    // A link to another path changes the address bar once the routed view
    // says it is ready (leptos_router's own routes do this); here the page
    // is drawn, or its code sent for, as soon as the path changes.
    let browser = use_context::<BrowserUrl>();
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(browser) = &browser {
            browser.ready_to_complete();
        }
    });
    let page = move || {
        shown
            .get()
            .map(|(area, _)| view! { <LazyArea area=area /> })
    };
    move || match needs.get() {
        None => view! { <NotFound /> }.into_any(),
        Some(Needs::Anyone) => page.into_any(),
        Some(Needs::Session) => view! { <RequireSession>{page}</RequireSession> }.into_any(),
        Some(Needs::Supplier) => {
            view! { <RequireSession needs_supplier=true>{page}</RequireSession> }.into_any()
        }
    }
}

/// The layout around the routed page; needs the language and session contexts.
#[component]
pub fn Shell() -> impl IntoView {
    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=skip_to_main>
                {tr(Key::SkipToContent)}
            </a>
            <header class="site-header">
                <div class="container site-header__bar">
                    <A href=Page::Home.href() attr:class="site-header__name">
                        {tr(Key::AppName)}
                    </A>
                    <div class="site-header__actions">
                        <LanguageSwitch />
                        <Account />
                    </div>
                </div>
            </header>
            <ActingBanner />
            <NetworkBanner />
            <UpdateBanner />
            <main id="main" class="container" tabindex="-1">
                <ErrorBoundary fallback=|_errors| view! { <Crash /> }>
                    <Pages />
                    <SessionTimeout sign_in_again=|| {
                        view! { <LazyArea area=Area::Account(AccountPage::SignInAgain) /> }
                    } />
                </ErrorBoundary>
            </main>
            <footer class="site-footer">
                <div class="container">
                    <p>{tr(Key::FooterNote)}</p>
                </div>
            </footer>
        </Router>
    }
}
