//! Areas of the app load when first opened. Each area (`pages/<area>/`) has
//! one entry point, `render(page) -> AnyView`; with the `split` feature (the
//! release build, `scripts/build`) that call is a split point: the area's code
//! lives in its own wasm chunk, fetched the first time the area is shown.
//! Without it (tests, clippy) the same call is a plain function call.
//!
//! A chunk that cannot be fetched (a dropped connection) never stops the app:
//! [`LazyArea`] says so in the page area, tries again by itself when the
//! browser comes back online and every few seconds, and offers a button.
//! Nothing typed elsewhere is touched. After the first page is shown and the
//! browser is idle, [`prefetch`] fetches the areas a person is likely to open.
//!
//! ```ignore
//! view! { <LazyArea area=Area::Register(RegisterPage::Check) /> }
//! ```

use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use futures::future::{abortable, AbortHandle, LocalBoxFuture};
use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use wasm_bindgen::JsCast;

use crate::domain::profile::Section;
use crate::i18n::{tr, Key};
use crate::routes::{
    AccountPage, CatalogPage, CoopPage, DocumentsPage, Page, RegisterPage, TendersPage,
};

/// How often a failed load is tried again while the page stays open.
const RETRY_EVERY: Duration = Duration::from_secs(8);

/// One view of one lazily loaded area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// Sign in and home (`pages/account/`): two chunks, see [`split`].
    Account(AccountPage),
    /// The registration wizard (`pages/register/`).
    Register(RegisterPage),
    /// The product catalog (`pages/catalog/`).
    Catalog(CatalogPage),
    /// Certificates and documents (`pages/documents/`).
    Documents(DocumentsPage),
    /// Tender search, a tender, saved tenders (`pages/tenders/`).
    Tenders(TendersPage),
    /// The cooperative staff's workspace (`pages/coop/`).
    Coop(CoopPage),
}

impl Area {
    /// The name of the split point whose chunk draws it (the loader's and
    /// `scripts/tools/start-areas.js`'s name for it).
    pub fn code_name(&self) -> &'static str {
        match self {
            Area::Account(AccountPage::Home) => "home",
            Area::Account(AccountPage::Login | AccountPage::SignInAgain) => "sign_in",
            Area::Register(RegisterPage::Step(Section::Business)) => "register_business",
            Area::Register(RegisterPage::Step(Section::Owner)) => "register_owner",
            Area::Register(RegisterPage::Step(Section::Address)) => "register_address",
            Area::Register(RegisterPage::Step(Section::Bank)) => "register_bank",
            Area::Register(RegisterPage::Check) => "register_check",
            Area::Catalog(CatalogPage::List) => "catalog",
            Area::Catalog(CatalogPage::Import) => "import",
            Area::Catalog(_) => "product",
            Area::Documents(DocumentsPage::Wallet) => "documents",
            Area::Documents(_) => "document",
            Area::Tenders(TendersPage::Detail) => "tender",
            Area::Tenders(_) => "tenders",
            Area::Coop(_) => "coop",
        }
    }
}

/// Who may open a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// Anyone, signed in or not.
    Anyone,
    /// Someone signed in (the cooperative's workspace, which tells an owner
    /// it is for staff).
    Session,
    /// Someone signed in with a supplier of their own: the areas that work
    /// on it (the wizard, the catalog, the documents, saved tenders).
    Supplier,
}

impl Area {
    /// The area's page that draws `page`, and who may open it.
    pub fn drawing(page: &Page) -> (Area, Needs) {
        match page {
            Page::Home => (Area::Account(AccountPage::Home), Needs::Anyone),
            Page::Login { .. } => (Area::Account(AccountPage::Login), Needs::Anyone),
            Page::Register { step, .. } => (Area::Register(*step), Needs::Supplier),
            Page::Products { .. } => (Area::Catalog(CatalogPage::List), Needs::Supplier),
            Page::ProductNew => (Area::Catalog(CatalogPage::New), Needs::Supplier),
            Page::Product { .. } => (Area::Catalog(CatalogPage::Edit), Needs::Supplier),
            Page::ProductImport => (Area::Catalog(CatalogPage::Import), Needs::Supplier),
            Page::Documents => (Area::Documents(DocumentsPage::Wallet), Needs::Supplier),
            Page::DocumentNew { .. } => (Area::Documents(DocumentsPage::New), Needs::Supplier),
            Page::Document { .. } => (Area::Documents(DocumentsPage::Edit), Needs::Supplier),
            Page::Tenders { .. } => (Area::Tenders(TendersPage::List), Needs::Anyone),
            Page::SavedTenders { .. } => (Area::Tenders(TendersPage::Saved), Needs::Supplier),
            Page::Tender { .. } => (Area::Tenders(TendersPage::Detail), Needs::Anyone),
            Page::Members { .. } => (Area::Coop(CoopPage::Roster), Needs::Session),
            Page::MemberNew => (Area::Coop(CoopPage::AddMember), Needs::Session),
        }
    }
}

/// An area's code did not arrive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotLoaded;

impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> NotLoaded {
        NotLoaded
    }
}

/// The split points, one per area. All functions naming the same chunk share
/// it (the loader's `rantaiFetchArea` fetches one without starting it). Each first
/// installs its area's Indonesian texts (`i18n::<area>::install`), which so
/// come in the area's chunk; the areas with forms also install the texts
/// their shared parts show (`i18n::forms`: a save's state, an upload, a
/// conflict). An area's
/// page is built untracked, as the router builds a route's view: a signal it
/// reads while being built (the session, a save's state) must not make
/// `LazyArea` build the page again, which would start a new form from the
/// device's copy and drop keystrokes not yet written there.
mod split {
    use leptos::prelude::*;

    use futures::future::LocalBoxFuture;

    use super::NotLoaded;
    use crate::api::auth::Me;
    use crate::draft_sync::{DraftSync, Resource, SyncState};
    use crate::i18n::Message;
    use crate::pages::catalog::ProductForm;
    use crate::pages::documents::DocumentForm;
    use crate::routes::{CatalogPage, CoopPage, DocumentsPage};

    // The account area is two chunks: a visitor needs only signing in, a
    // signed-in person only home.
    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            sign_in,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn login() -> Result<AnyView, NotLoaded> {
        crate::i18n::sign_in::install();
        Ok(untrack(crate::pages::account::render_login))
    }

    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(sign_in, wasm_split_path = ::leptos::wasm_split, fallible)
    )]
    pub fn sign_in_again() -> Result<AnyView, NotLoaded> {
        crate::i18n::sign_in::install();
        Ok(untrack(crate::pages::account::render_sign_in_again))
    }

    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            home,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn home() -> Result<AnyView, NotLoaded> {
        crate::i18n::home::install();
        Ok(untrack(crate::pages::account::render_home))
    }

    /// The wizard's texts and the forms' shared ones, for each step's entry.
    fn install_register_texts() {
        crate::i18n::register::install();
        crate::i18n::forms::install();
    }

    // The wizard is a chunk per step: a deep link into a step brings that
    // step's code and what the steps share (the step's form, the draft
    // sync), and the step fetches the others after it is shown.
    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            register_business,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn register_business() -> Result<AnyView, NotLoaded> {
        install_register_texts();
        Ok(untrack(crate::pages::register::render_business))
    }

    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            register_owner,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn register_owner() -> Result<AnyView, NotLoaded> {
        install_register_texts();
        Ok(untrack(crate::pages::register::render_owner))
    }

    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            register_address,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn register_address() -> Result<AnyView, NotLoaded> {
        install_register_texts();
        Ok(untrack(crate::pages::register::render_address))
    }

    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            register_bank,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn register_bank() -> Result<AnyView, NotLoaded> {
        install_register_texts();
        Ok(untrack(crate::pages::register::render_bank))
    }

    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            register_check,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn register_check() -> Result<AnyView, NotLoaded> {
        install_register_texts();
        Ok(untrack(crate::pages::register::render_check))
    }

    // The role question, asked once after a first sign-in: code of its own,
    // so that the sign-in page draws without it.
    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(role_question, wasm_split_path = ::leptos::wasm_split, fallible)
    )]
    pub fn role_question(on_chosen: Callback<Me>) -> Result<AnyView, NotLoaded> {
        crate::i18n::sign_in::install();
        Ok(untrack(|| {
            crate::pages::account::render_role_question(on_chosen)
        }))
    }

    // The business step's KBLI picker comes after its other fields: its
    // search and the reference lists' cache are code of their own.
    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(kbli, wasm_split_path = ::leptos::wasm_split, fallible)
    )]
    pub fn kbli(
        chosen: RwSignal<String>,
        error: Signal<Option<Message>>,
    ) -> Result<AnyView, NotLoaded> {
        Ok(untrack(|| {
            crate::pages::register::render_kbli(chosen, error)
        }))
    }

    // The draft sync's sending half (`draft_sync/send.rs`): what a save of
    // each kind of draft sends and how its answer is read. A page that edits
    // drafts draws without it; it is fetched after that page.
    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(draft_send, wasm_split_path = ::leptos::wasm_split, fallible)
    )]
    pub fn send_draft(
        sync: DraftSync,
        resource: Resource,
    ) -> Result<LocalBoxFuture<'static, SyncState>, NotLoaded> {
        Ok(crate::draft_sync::send(sync, resource))
    }

    // The app's draft sync, started without opening an area.
    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(draft_send, wasm_split_path = ::leptos::wasm_split, fallible)
    )]
    pub fn draft_sync(owner: Owner) -> Result<(), NotLoaded> {
        owner.with(crate::draft_sync::app_draft_sync);
        Ok(())
    }

    // The catalog is three chunks: the list, a product's form with its
    // photos and the upload client, and the spreadsheet import; the
    // documents and the tenders two each (the list, one item). Each split
    // point cuts the code areas share into more, smaller chunks, which cost
    // every page 8 to 16 KB while each was fetched on its own; with packs
    // (scripts/tools/pack-areas.js) a page fetches its chunks as one
    // download, so a deep link pays only for the code its page draws.
    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            catalog,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn catalog() -> Result<AnyView, NotLoaded> {
        crate::i18n::catalog::install();
        Ok(untrack(crate::pages::catalog::render_list))
    }

    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            product,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn product(page: CatalogPage) -> Result<AnyView, NotLoaded> {
        crate::i18n::catalog::install();
        crate::i18n::forms::install();
        Ok(untrack(|| crate::pages::catalog::render_product(page)))
    }

    // A product's photos come after its fields: the photos prepared on the
    // device and the upload client (shared with a document's file) are
    // code of their own, so a deep link into the form draws without them.
    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(photos, wasm_split_path = ::leptos::wasm_split, fallible)
    )]
    pub fn photos(form: ProductForm) -> Result<AnyView, NotLoaded> {
        Ok(untrack(|| crate::pages::catalog::render_photos(form)))
    }

    // A document's file comes after its fields, for the same reason; the
    // kept upload is forgotten through it once the document is saved.
    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            document_file,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn document_file(form: DocumentForm, on_end: Callback<bool>) -> Result<AnyView, NotLoaded> {
        Ok(untrack(|| {
            crate::pages::documents::render_file(form, on_end)
        }))
    }

    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            document_file,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn forget_kept_upload(person_key: String) -> Result<(), NotLoaded> {
        crate::pages::documents::forget_kept_upload(&person_key);
        Ok(())
    }

    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            import,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn import() -> Result<AnyView, NotLoaded> {
        crate::i18n::catalog::install();
        Ok(untrack(crate::pages::catalog::render_import))
    }

    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            documents,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn documents() -> Result<AnyView, NotLoaded> {
        crate::i18n::documents::install();
        crate::i18n::forms::install();
        Ok(untrack(crate::pages::documents::render_wallet))
    }

    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            document,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn document(page: DocumentsPage) -> Result<AnyView, NotLoaded> {
        crate::i18n::documents::install();
        crate::i18n::forms::install();
        Ok(untrack(|| crate::pages::documents::render_document(page)))
    }

    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            tenders,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn tenders(saved: bool) -> Result<AnyView, NotLoaded> {
        crate::i18n::tenders::install();
        Ok(untrack(|| crate::pages::tenders::render_list(saved)))
    }

    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            tender,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn tender() -> Result<AnyView, NotLoaded> {
        crate::i18n::tenders::install();
        Ok(untrack(crate::pages::tenders::render_tender))
    }

    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(
            coop,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )
    )]
    pub fn coop(page: CoopPage) -> Result<AnyView, NotLoaded> {
        crate::i18n::coop::install();
        Ok(untrack(|| crate::pages::coop::render(page)))
    }
}

/// `call.await` in a split build, where split points are async; the plain
/// call otherwise.
#[cfg(feature = "split")]
macro_rules! split_call {
    ($call:expr) => {
        $call.await
    };
}
#[cfg(not(feature = "split"))]
macro_rules! split_call {
    ($call:expr) => {
        $call
    };
}

/// The area's view, once its code is here.
pub async fn load(area: Area) -> Result<AnyView, NotLoaded> {
    match area {
        Area::Account(AccountPage::Home) => split_call!(split::home()),
        Area::Account(AccountPage::Login) => split_call!(split::login()),
        Area::Account(AccountPage::SignInAgain) => split_call!(split::sign_in_again()),
        Area::Register(RegisterPage::Step(Section::Business)) => {
            split_call!(split::register_business())
        }
        Area::Register(RegisterPage::Step(Section::Owner)) => split_call!(split::register_owner()),
        Area::Register(RegisterPage::Step(Section::Address)) => {
            split_call!(split::register_address())
        }
        Area::Register(RegisterPage::Step(Section::Bank)) => split_call!(split::register_bank()),
        Area::Register(RegisterPage::Check) => split_call!(split::register_check()),
        Area::Catalog(CatalogPage::List) => split_call!(split::catalog()),
        Area::Catalog(CatalogPage::Import) => split_call!(split::import()),
        Area::Catalog(page) => split_call!(split::product(page)),
        Area::Documents(DocumentsPage::Wallet) => split_call!(split::documents()),
        Area::Documents(page) => split_call!(split::document(page)),
        Area::Tenders(TendersPage::List) => split_call!(split::tenders(false)),
        Area::Tenders(TendersPage::Saved) => split_call!(split::tenders(true)),
        Area::Tenders(TendersPage::Detail) => split_call!(split::tender()),
        Area::Coop(page) => split_call!(split::coop(page)),
    }
}

/// A product's photos (`pages/catalog/photos/`), once their code is here:
/// a part of the product's page that comes after its fields.
pub async fn photos(form: crate::pages::catalog::ProductForm) -> Result<AnyView, NotLoaded> {
    split_call!(split::photos(form))
}

/// The role question (`pages/account/role_choice.rs`), once its code is
/// here: asked once, after a first sign-in.
pub async fn role_question(
    on_chosen: Callback<crate::api::auth::Me>,
) -> Result<AnyView, NotLoaded> {
    split_call!(split::role_question(on_chosen))
}

/// The KBLI picker of the business step (`pages/register/kbli.rs`), once
/// its code is here.
pub async fn kbli(
    chosen: RwSignal<String>,
    error: Signal<Option<crate::i18n::Message>>,
) -> Result<AnyView, NotLoaded> {
    split_call!(split::kbli(chosen, error))
}

/// A document's file (`pages/documents/file.rs`), once its code is here: a
/// part of the document's page that comes after its fields.
pub async fn document_file(
    form: crate::pages::documents::DocumentForm,
    on_end: Callback<bool>,
) -> Result<AnyView, NotLoaded> {
    split_call!(split::document_file(form, on_end))
}

/// Forgets a document's kept upload (`person_key`: its key under the
/// person's prefix) with the file part's code.
pub async fn forget_kept_upload(person_key: String) -> Result<(), NotLoaded> {
    split_call!(split::forget_kept_upload(person_key))
}

/// Work for after the first page.
type Task = Box<dyn FnOnce()>;

thread_local! {
    /// What waits for the first page to be shown; `None` after that.
    static WAITING: std::cell::RefCell<Option<Vec<Task>>> =
        const { std::cell::RefCell::new(Some(Vec::new())) };
}

/// Runs `task` once the first page is shown (now, if it has been): nothing
/// in the background competes with the page the person waits for.
fn after_first_page(task: impl FnOnce() + 'static) {
    let task = WAITING.with_borrow_mut(|waiting| match waiting {
        Some(queue) => {
            queue.push(Box::new(task));
            None
        }
        None => Some(task),
    });
    if let Some(task) = task {
        task();
    }
}

/// The first page is shown: what was waiting may start.
fn first_page_shown() {
    for task in WAITING.with_borrow_mut(Option::take).unwrap_or_default() {
        task();
    }
}

/// Fetches the code of `areas` (the ones the person is likely to open
/// next), one after another, once the first page is shown, its requests to
/// the API answered and the browser idle. Only fetched: the loader keeps the
/// bytes for the area's first load (`rantaiFetchArea`,
/// scripts/tools/pack-areas.js), so that nothing is compiled on the main
/// thread while the person reads the page.
pub fn prefetch(areas: Vec<Area>) {
    let code = areas.iter().map(Area::code_name).collect();
    after_first_page(move || when_idle(code));
}

/// Fetches the code of the split point `name` without starting it (nothing
/// in an unsplit build, whose loader is missing).
async fn fetch_code(name: &str) {
    let fetch = web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window, &"rantaiFetchArea".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(fetch) = fetch {
        if let Ok(fetched) = fetch.call1(&wasm_bindgen::JsValue::NULL, &name.into()) {
            let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&fetched)).await;
        }
    }
}

/// Starts the app's draft sync under `owner` (the app's) without opening
/// an area: what this device holds unsent (a save cut off, answers typed
/// offline) is sent as soon as the connection allows, wherever the person
/// is. Its code comes after the first page; while that fails it is tried
/// again every few seconds.
pub fn start_draft_sync(owner: Owner) {
    after_first_page(move || {
        leptos::task::spawn_local(async move {
            if split_call!(split::draft_sync(owner.clone())).is_err() {
                set_timeout(move || start_draft_sync(owner), RETRY_EVERY);
            }
        });
    });
}

/// The draft sync's sending code (`draft_sync::send`), once it is here.
pub async fn send_draft(
    sync: crate::draft_sync::DraftSync,
    resource: crate::draft_sync::Resource,
) -> Result<futures::future::LocalBoxFuture<'static, crate::draft_sync::SyncState>, NotLoaded> {
    split_call!(split::send_draft(sync, resource))
}

/// Fetches the draft sync's sending code once the first page is shown and
/// the browser is idle (a page that edits drafts calls this).
pub fn prefetch_sending() {
    prefetch_part("draft_send");
}

/// Fetches the code of a part of a page (a split point's name in [`split`])
/// once the first page is shown and the browser is idle.
pub fn prefetch_part(name: &'static str) {
    after_first_page(move || when_idle(vec![name]));
}

fn when_idle(code: Vec<&'static str>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    // Idle first, then quiet: by the time the browser is idle the page has
    // sent for its data, which the fetches then wait for.
    let fetch = wasm_bindgen::closure::Closure::once_into_js(move || {
        crate::api::when_quiet(move || {
            leptos::task::spawn_local(async move {
                // Offline, nothing is fetched: the page asks again when opened.
                for name in code {
                    if crate::api::client::browser_online() {
                        fetch_code(name).await;
                    }
                }
            });
        });
    });
    // requestIdleCallback is missing in some browsers: a timeout then.
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let _ = match idle {
        Some(request_idle) => request_idle.call1(&window, &fetch),
        None => window
            .set_timeout_with_callback_and_timeout_and_arguments_0(fetch.unchecked_ref(), 2_000)
            .map(Into::into),
    };
}

/// Tries a failed load again: when the browser comes back online, every
/// [`RETRY_EVERY`] while it has failed, and when the person asks. A
/// reactive closure that calls [`Retry::track`] runs again for each try.
#[derive(Clone, Copy)]
pub struct Retry {
    attempt: RwSignal<u32>,
    failed: RwSignal<bool>,
}

impl Retry {
    /// For the component being built; its listener goes with it.
    pub fn start() -> Retry {
        let retry = Retry {
            attempt: RwSignal::new(0),
            failed: RwSignal::new(false),
        };
        let online = window_event_listener(leptos::ev::online, move |_| retry.again());
        on_cleanup(move || online.remove());
        retry
    }

    /// Subscribes the caller to the tries.
    pub fn track(self) {
        self.attempt.track();
    }

    /// The load failed: it is tried again in a while, or sooner.
    pub fn failed(self) {
        self.failed.set(true);
        // Only while it has failed: a loaded part keeps no timer.
        set_timeout(move || self.again(), RETRY_EVERY);
    }

    /// Tries again now, if the load has failed. Also called by a timer
    /// that may fire after the component is gone.
    pub fn again(self) {
        if self.failed.try_get_untracked() == Some(true) {
            self.failed.set(false);
            self.attempt.update(|n| *n += 1);
        }
    }
}

/// Shows an area's page: its code is fetched the first time, a loading line
/// meanwhile, and a "could not load, try again" notice if it fails.
#[component]
pub fn LazyArea(
    /// The area and the page in it.
    area: Area,
) -> impl IntoView {
    let retry = Retry::start();
    when_here(
        retry,
        Key::Loading,
        Rc::new(move || {
            Box::pin(async move {
                let loaded = load(area).await;
                // A new page (or the notice that it did not come): once
                // drawn, its heading takes focus, unless the page put focus
                // elsewhere.
                crate::focus::focus_page_heading();
                match loaded {
                    Ok(view) => {
                        first_page_shown();
                        view
                    }
                    Err(NotLoaded) => {
                        retry.failed();
                        view! { <NotLoadedNotice on_retry=Callback::new(move |_| retry.again()) /> }
                            .into_any()
                    }
                }
            })
        }),
    )
}

/// Draws what `load` gives (a page or a part of one, or the notice that
/// its code did not come) once it is here, the line `waiting` meanwhile;
/// `load` is asked again on each of `retry`'s tries. What it draws is built
/// under an owner of its own, a child of the caller's, dropped with the
/// next try or with the caller; a load still away then is abandoned, so no
/// view is ever built without the page it belongs to.
pub fn when_here(retry: Retry, waiting: Key, load: Load) -> AnyView {
    // An owner of its own: held by the effect below, which the caller's
    // owner holds, so holding the caller's itself would keep it alive.
    let Some(owner) = Owner::current().map(|caller| caller.child()) else {
        return ().into_any();
    };
    // Bumped when there is something new to show: a view, or the line.
    let ready = RwSignal::new(0u32);
    let view = StoredValue::new_local(None::<AnyView>);
    let attempt = StoredValue::new_local(None::<(Owner, AbortHandle)>);
    let abandon = move || {
        if let Some((_, away)) = attempt.try_update_value(Option::take).flatten() {
            away.abort();
        }
    };
    let try_now = move || {
        abandon();
        let scope = owner.child();
        let (drawn, away) = abortable(scope.with(|| ScopedFuture::new_untracked(load())));
        attempt.set_value(Some((scope, away)));
        // Polled once at once: code already here draws with the page, with
        // no loading line in between.
        let mut drawn = Box::pin(drawn);
        let waker = futures::task::noop_waker_ref();
        match drawn
            .as_mut()
            .poll(&mut std::task::Context::from_waker(waker))
        {
            std::task::Poll::Ready(done) => view.set_value(done.ok()),
            std::task::Poll::Pending => {
                view.set_value(None);
                leptos::task::spawn_local(async move {
                    if let Ok(drawn) = drawn.await {
                        view.try_set_value(Some(drawn));
                        ready.try_update(|n| *n += 1);
                    }
                });
            }
        }
    };
    try_now();
    // Each try after the first.
    Effect::new(move |first: Option<()>| {
        retry.track();
        if first.is_some() {
            try_now();
            ready.update(|n| *n += 1);
        }
    });
    on_cleanup(abandon);
    (move || {
        ready.track();
        untrack(|| {
            view.try_update_value(Option::take)
                .flatten()
                .unwrap_or_else(|| view! { <p class="page-loading">{tr(waiting)}</p> }.into_any())
        })
    })
    .into_any()
}

/// Gives a view once its code is here (see [`when_here`]).
pub type Load = Rc<dyn Fn() -> LocalBoxFuture<'static, AnyView>>;

/// An area's code did not arrive: what happened, that it is tried again, and
/// a button to try now.
#[component]
fn NotLoadedNotice(
    /// Tries to load the area again.
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <section class="notice notice--error" role="alert" aria-labelledby="not-loaded-title">
            <h1 id="not-loaded-title" tabindex="-1">
                {tr(Key::AreaNotLoadedTitle)}
            </h1>
            <p>{tr(Key::AreaNotLoadedBody)}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                {tr(Key::TryAgain)}
            </button>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The loader's table of pages (scripts/tools/start-areas.js): each
    /// page's example address, the split point it fetches first, and
    /// whether it needs a session.
    fn loader_pages() -> Vec<(String, String, bool)> {
        let source = include_str!("../scripts/tools/start-areas.js");
        let field = |line: &str, name: &str| {
            let start = line.find(&format!("{name}: "))? + name.len() + 2;
            let rest = &line[start..];
            let value = match rest.strip_prefix('\'') {
                Some(quoted) => &quoted[..quoted.find('\'')?],
                None => &rest[..rest.find([',', ' '])?],
            };
            Some(value.to_owned())
        };
        source
            .lines()
            .filter(|line| line.trim_start().starts_with("{ path: "))
            .map(|line| {
                let area = field(line, "area").expect(line);
                let session = field(line, "session").expect(line) == "true";
                (field(line, "example").expect(line), area, session)
            })
            .collect()
    }

    #[test]
    fn every_page_is_drawn_by_the_area_the_loader_fetches_for_it() {
        let pages = loader_pages();
        assert_eq!(pages.len(), 16, "{pages:?}");
        for (example, code, session) in pages {
            let page = Page::parse(&example).expect(&example);
            let (area, needs) = Area::drawing(&page);
            assert_eq!(area.code_name(), code, "{example}");
            assert_eq!(needs != Needs::Anyone, session, "{example}");
        }
    }

    #[test]
    fn pages_that_work_on_a_supplier_need_one_and_the_workspace_a_session() {
        let needs = |href: &str| Area::drawing(&Page::parse(href).unwrap()).1;
        for href in [
            "/register/owner",
            "/products/42",
            "/documents/7",
            "/tenders/saved",
        ] {
            assert_eq!(needs(href), Needs::Supplier, "{href}");
        }
        assert_eq!(needs("/members/new"), Needs::Session);
        for href in [
            "/",
            "/login?next=/products",
            "/tenders?q=beras",
            "/tenders/12",
        ] {
            assert_eq!(needs(href), Needs::Anyone, "{href}");
        }
    }
}
