//! The app's one IndexedDB database, `rantai`, as a few small futures: what
//! localStorage cannot hold (a file kept across a reload, `api::upload`).
//!
//! ```ignore
//! let db = idb::open().await?; // None: no IndexedDB here (private mode, an old browser)
//! let request = idb::transaction(&db, &[idb::UPLOADS], IdbTransactionMode::Readonly, |tx| {
//!     tx.store(idb::UPLOADS)?.get(&key.into())
//! })
//! .await?; // Some once the transaction has committed
//! let record = request.result().ok();
//! ```
//!
//! One connection is kept open and shared. It closes itself when the
//! database is to be deleted or upgraded, here or in another tab
//! (`versionchange`), so that [`delete_database`] is never blocked; the
//! next [`open`] opens it anew.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use futures::channel::oneshot;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Event, IdbDatabase, IdbFactory, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction,
    IdbTransactionMode,
};

/// The database's name (starts with `rantai` like every key the app writes).
pub const NAME: &str = "rantai";
/// Its version: 1 has the two stores below.
const VERSION: u32 = 1;
/// Uploads kept across a reload: their records, by the person's key.
pub const UPLOADS: &str = "uploads";
/// The files of those uploads (Blobs), by the same key.
pub const FILES: &str = "files";

/// A JS event handler made from Rust (kept alive as long as it is set).
type Handler = Closure<dyn FnMut()>;

/// Who waits for the connection while it is being opened.
type Waiters = Vec<oneshot::Sender<Option<IdbDatabase>>>;

thread_local! {
    /// The open connection, and its `versionchange` handler.
    static OPEN: RefCell<Option<(IdbDatabase, Handler)>> = const { RefCell::new(None) };
    /// `Some` while the connection is being opened.
    static OPENING: RefCell<Option<Waiters>> = const { RefCell::new(None) };
}

fn factory() -> Option<IdbFactory> {
    web_sys::window()?.indexed_db().ok().flatten()
}

/// The open connection, if there is one (nothing is opened or created).
pub fn opened() -> Option<IdbDatabase> {
    OPEN.with(|open| open.borrow().as_ref().map(|(db, _)| db.clone()))
}

/// The database, opened (and created) if need be; `None` when this
/// browser has no IndexedDB or refuses it.
pub async fn open() -> Option<IdbDatabase> {
    if let Some(db) = opened() {
        return Some(db);
    }
    let (sender, receiver) = oneshot::channel();
    let first = OPENING.with(|opening| {
        let mut opening = opening.borrow_mut();
        let first = opening.is_none();
        opening.get_or_insert_with(Vec::new).push(sender);
        first
    });
    if first {
        // In a task of its own: a caller that stops waiting never leaves a
        // connection opened and not kept (it would block a delete).
        spawn_local(async {
            let db = connect().await;
            if let Some(db) = &db {
                keep(db);
            }
            let waiters = OPENING.with(|opening| opening.borrow_mut().take());
            for waiter in waiters.unwrap_or_default() {
                let _ = waiter.send(db.clone());
            }
        });
    }
    receiver.await.ok().flatten()
}

/// A new connection, the stores created on the first.
async fn connect() -> Option<IdbDatabase> {
    let request = factory()?.open_with_u32(NAME, VERSION).ok()?;
    let upgrade = Closure::<dyn FnMut(Event)>::new(|event: Event| {
        let db = event
            .target()
            .and_then(|target| target.dyn_into::<IdbOpenDbRequest>().ok())
            .and_then(|request| request.result().ok())
            .and_then(|db| db.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            for store in [UPLOADS, FILES] {
                if !db.object_store_names().contains(store) {
                    let _ = db.create_object_store(store);
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let opened = settled(&request).await;
    request.set_onupgradeneeded(None);
    request.result().ok()?.dyn_into().ok().filter(|_| opened)
}

/// Keeps `db` as the connection, closed when the database is to be
/// deleted or upgraded.
fn keep(db: &IdbDatabase) {
    let closing = db.clone();
    let on_versionchange = Closure::<dyn FnMut()>::new(move || {
        closing.close();
        // Not dropped: it is the handler running now.
        if let Some((_, handler)) = take_open(&closing) {
            handler.forget();
        }
    });
    db.set_onversionchange(Some(on_versionchange.as_ref().unchecked_ref()));
    OPEN.with(|open| *open.borrow_mut() = Some((db.clone(), on_versionchange)));
}

/// Takes the kept connection out, if it is `db`.
fn take_open(db: &IdbDatabase) -> Option<(IdbDatabase, Handler)> {
    OPEN.with(|open| {
        let mut open = open.borrow_mut();
        match open.as_ref() {
            Some((kept, _)) if kept == db => open.take(),
            _ => None,
        }
    })
}

/// Deletes the database (closing the connection first, so the delete is
/// not blocked), without waiting for it: every kept upload goes.
pub fn delete_database() {
    // A closed connection gets no `versionchange`: its handler goes with it.
    if let Some((db, _handler)) = OPEN.with(|open| open.borrow_mut().take()) {
        db.close();
    }
    if let Some(factory) = factory() {
        let _ = factory.delete_database(NAME);
    }
}

/// A oneshot answered `true` or `false` by one of two event handlers.
struct Outcome {
    receiver: oneshot::Receiver<bool>,
    yes: Handler,
    no: Handler,
}

impl Outcome {
    fn new() -> Outcome {
        let (sender, receiver) = oneshot::channel();
        let sender = Rc::new(RefCell::new(Some(sender)));
        let answer = |ok: bool| {
            let sender = sender.clone();
            Closure::<dyn FnMut()>::new(move || {
                if let Some(sender) = sender.borrow_mut().take() {
                    let _ = sender.send(ok);
                }
            })
        };
        let (yes, no) = (answer(true), answer(false));
        Outcome { receiver, yes, no }
    }

    fn yes(&self) -> Option<&js_sys::Function> {
        Some(self.yes.as_ref().unchecked_ref())
    }

    fn no(&self) -> Option<&js_sys::Function> {
        Some(self.no.as_ref().unchecked_ref())
    }
}

/// True once `request` succeeded, false when it failed.
async fn settled(request: &IdbRequest) -> bool {
    let mut outcome = Outcome::new();
    request.set_onsuccess(outcome.yes());
    request.set_onerror(outcome.no());
    let ok = (&mut outcome.receiver).await.unwrap_or(false);
    request.set_onsuccess(None);
    request.set_onerror(None);
    ok
}

/// One transaction under way: its stores, and what runs when its
/// requests succeed.
pub struct Tx {
    tx: IdbTransaction,
    handlers: RefCell<Vec<(IdbRequest, Handler)>>,
    outcome: Outcome,
}

impl Tx {
    /// The store `name` (one the transaction was opened on).
    pub fn store(&self, name: &str) -> Result<IdbObjectStore, JsValue> {
        self.tx.object_store(name)
    }

    /// Calls `then` with `request`'s result once it succeeds, while the
    /// transaction is still open: it may make more requests in it (read,
    /// then write, with nothing in between).
    pub fn then(&self, request: IdbRequest, then: impl FnOnce(JsValue) + 'static) {
        let mut then = Some(then);
        let answered = request.clone();
        let handler = Closure::<dyn FnMut()>::new(move || {
            if let (Some(then), Ok(result)) = (then.take(), answered.result()) {
                then(result);
            }
        });
        request.set_onsuccess(Some(handler.as_ref().unchecked_ref()));
        self.handlers.borrow_mut().push((request, handler));
    }
}

impl Drop for Tx {
    fn drop(&mut self) {
        for (request, _) in self.handlers.borrow().iter() {
            request.set_onsuccess(None);
        }
        self.tx.set_oncomplete(None);
        self.tx.set_onabort(None);
    }
}

/// Runs `work` in a transaction on `stores` of `db`, begun now (so
/// transactions run in the order they were asked for), and resolves once
/// it has committed: `Some` of what `work` returned (a request's result
/// can be read then), `None` when it failed or was aborted.
pub fn transaction<T: 'static>(
    db: &IdbDatabase,
    stores: &[&str],
    mode: IdbTransactionMode,
    work: impl FnOnce(&Tx) -> Result<T, JsValue>,
) -> impl Future<Output = Option<T>> {
    let names: js_sys::Array = stores.iter().map(|name| JsValue::from_str(name)).collect();
    let begun = db.transaction_with_str_sequence_and_mode(&names, mode);
    if begun.is_err() {
        // Closed under us (the browser may): the next `open` opens anew.
        if let Some((db, _handler)) = take_open(db) {
            db.set_onversionchange(None);
        }
    }
    let begun = begun.ok().map(|tx| {
        let outcome = Outcome::new();
        tx.set_oncomplete(outcome.yes());
        tx.set_onabort(outcome.no());
        let tx = Tx {
            tx,
            handlers: RefCell::new(Vec::new()),
            outcome,
        };
        let worked = work(&tx);
        if worked.is_err() {
            let _ = tx.tx.abort();
        }
        (tx, worked)
    });
    async move {
        let (mut tx, worked) = begun?;
        let committed = (&mut tx.outcome.receiver).await.unwrap_or(false);
        worked.ok().filter(|_| committed)
    }
}
