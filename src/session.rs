//! The signed-in person, for the whole app: who it is, whether the session
//! still lives, how long until it idles out, and signing in again in place.
//!
//! The session itself is the API's HttpOnly cookie; nothing here can read
//! it. The app learns who is signed in from `GET /auth/session` at start
//! (`me: null` when nobody is) and `GET /me` after, and that the session no
//! longer lives from a 401, a null, or the idle clock running out.
//!
//! The last answer about the person is kept on the device ([`ME_KEY`]): the app
//! opened with no connection still knows who is signed in and opens their
//! forms (what they type is kept and sent later), and asks the server again
//! until it answers. It is a copy of what the server has: it goes when the
//! server says the session is over, and at sign-out with every other key.
//!
//! Signing out ends the person's presence on this device at once (every
//! `rantai.` key goes) and then asks the server to end the session until it
//! has: [`SignOut`] says honestly which. Until the server confirms, a small
//! marker stays in localStorage, so that a new start of the app in this
//! browser asks the server again before anything else, and shows nobody
//! signed in meanwhile.

use std::time::Duration;

use futures::channel::oneshot;
use leptos::prelude::*;

use crate::api::auth::{self, Me};
use crate::api::client::{browser_online, last_server_contact_ms, sleep_ms};
use crate::api::json;
use crate::api::ApiError;
use crate::device_store::{self, ME_KEY, SIGN_OUT_PENDING_KEY};
use crate::domain::retention::sign_out_retry_secs;

/// Seconds before the idle timeout at which the warning shows: two minutes
/// (GOV.UK), or half the timeout when that is shorter (test servers).
pub fn warn_before_secs(idle_timeout_secs: u32) -> i64 {
    i64::from(idle_timeout_secs / 2).min(120)
}

/// The person this device last saw signed in, when the data kept here is
/// theirs.
fn kept_me() -> Option<Me> {
    let me: Me = json::parse(&device_store::get(ME_KEY)?)?;
    (device_store::get(device_store::OWNER_KEY)? == me.user_id.to_string()).then_some(me)
}

/// Keeps `me` on the device for a start with no connection.
fn keep(me: &Me) {
    if let Some(text) = json::to_string(me) {
        device_store::set(ME_KEY, &text);
    }
}

/// Where the session stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionState {
    /// Asking the API (`GET /auth/session`).
    Checking,
    /// Nobody is signed in.
    SignedOut,
    /// Somebody is.
    SignedIn,
    /// It ended while the page was open: sign in again, in place.
    Expired,
}

/// Where a sign-out on this device stands on the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignOut {
    /// No sign-out to speak of (none here, or confirmed before this page).
    None,
    /// Signed out on this device; the server has not confirmed it yet and
    /// is asked again.
    Pending,
    /// The server has ended the session too.
    Confirmed,
}

/// The session context; `use_session()` in any component.
#[derive(Clone, Copy)]
pub struct Session {
    /// The signed-in person.
    pub me: RwSignal<Option<Me>>,
    /// Where the session stands.
    pub state: RwSignal<SessionState>,
    /// The clock, ticking each second (ms since the epoch).
    pub now_ms: RwSignal<f64>,
    /// Where the last sign-out on this device stands on the server.
    pub sign_out: RwSignal<SignOut>,
    waiting: StoredValue<Vec<oneshot::Sender<bool>>, LocalStorage>,
    /// Saves of a person who signed out while they waited: never answered,
    /// so they are neither sent for whoever signs in next nor resumed on a
    /// page that is gone.
    abandoned: StoredValue<Vec<oneshot::Sender<bool>>, LocalStorage>,
    expired_user: StoredValue<Option<i64>>,
}

/// The session context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    /// A session context in the given state (the app starts `Checking`).
    pub fn new(state: SessionState, me: Option<Me>) -> Session {
        Session {
            me: RwSignal::new(me),
            state: RwSignal::new(state),
            now_ms: RwSignal::new(js_sys::Date::now()),
            sign_out: RwSignal::new(SignOut::None),
            waiting: StoredValue::new_local(Vec::new()),
            abandoned: StoredValue::new_local(Vec::new()),
            expired_user: StoredValue::new(None),
        }
    }

    /// Seconds until the session idles out (tracks the clock), while signed
    /// in; none before the server has answered this page (opened with no
    /// connection, the server alone knows).
    pub fn seconds_left(self) -> Option<i64> {
        let idle = self
            .me
            .with(|me| me.as_ref().map(|me| me.idle_timeout_seconds))?;
        let last = last_server_contact_ms();
        if last <= 0.0 {
            return None;
        }
        Some((f64::from(idle) - (self.now_ms.get() - last) / 1000.0).ceil() as i64)
    }

    /// True when the session has ended while the page was open.
    pub fn is_expired(self) -> bool {
        self.state.get() == SessionState::Expired
    }

    /// One tick of the clock. Running out of time is final: a later request
    /// that needs no session (asking for a code) must not revive it.
    fn tick(self) {
        self.now_ms.set(js_sys::Date::now());
        let ran_out = untrack(|| self.seconds_left()).is_some_and(|left| left <= 0);
        if ran_out && self.state.get_untracked() == SessionState::SignedIn {
            self.expire();
        }
    }

    /// Records a sign-in. Another person than the one whose data this device
    /// holds? Their data is removed first.
    pub fn signed_in(self, me: Me) {
        let owner = me.user_id.to_string();
        if device_store::get(device_store::OWNER_KEY).is_some_and(|previous| previous != owner) {
            let language = device_store::get(device_store::LANGUAGE_KEY);
            device_store::clear_all();
            if let Some(language) = language {
                device_store::set(device_store::LANGUAGE_KEY, &language);
            }
        }
        device_store::set(device_store::OWNER_KEY, &owner);
        // A new session in this browser: the old one's cookie is gone, and
        // asking the server to end "the" session now would end this one.
        device_store::remove(SIGN_OUT_PENDING_KEY);
        self.sign_out.set(SignOut::None);
        // Only the person whose session ended gets their waiting saves sent;
        // with nobody recorded (signed out meanwhile), nobody does.
        let same_person = self
            .expired_user
            .get_value()
            .is_some_and(|before| before == me.user_id);
        keep(&me);
        self.me.set(Some(me));
        self.state.set(SessionState::SignedIn);
        self.now_ms.set(js_sys::Date::now());
        for waiter in self
            .waiting
            .try_update_value(std::mem::take)
            .unwrap_or_default()
        {
            let _ = waiter.send(same_person);
        }
    }

    /// Marks the session as ended (after a 401), keeping who it was.
    pub fn expire(self) {
        if let Some(me) = self.me.get_untracked() {
            self.expired_user.set_value(Some(me.user_id));
        }
        self.state.set(SessionState::Expired);
    }

    /// Waits until the person signs in again in place; true when it is the
    /// same person (so their unsaved work may be sent), false otherwise.
    pub async fn sign_in_again(self) -> bool {
        self.expire();
        let (sender, receiver) = oneshot::channel();
        self.waiting.update_value(|waiting| waiting.push(sender));
        receiver.await.unwrap_or(false)
    }

    /// After a start with no answer from the server: asks it who is signed
    /// in every few seconds while online, until it answers (the session
    /// lives, or it ended: sign in again in place, nothing typed is lost)
    /// or the person signs out.
    async fn ask_until_answered(self) {
        while self.state.get_untracked() == SessionState::SignedIn {
            sleep_ms(5_000).await;
            if !browser_online() {
                continue;
            }
            match auth::current().await {
                Ok(Some(me)) => return self.signed_in(me),
                Ok(None) => return self.expire(),
                Err(_) => {}
            }
        }
    }

    /// Keeps the session alive ("stay signed in").
    pub async fn keep_alive(self) {
        match auth::me().await {
            Ok(me) => {
                keep(&me);
                self.me.set(Some(me));
                self.now_ms.set(js_sys::Date::now());
            }
            Err(ApiError::Unauthorized) => self.expire(),
            Err(_) => {}
        }
    }

    /// Signs out: at once on this device (nobody shown signed in, every
    /// `rantai.` key removed, the language too: offices share computers),
    /// then on the server, asked again until it confirms.
    pub fn sign_out(self) {
        // First, so that nothing can write under the person any more: saves
        // that wait for them to sign in again are set aside unanswered, never
        // sent for whoever signs in next at this computer.
        self.forget_person();
        device_store::clear_all();
        device_store::set(SIGN_OUT_PENDING_KEY, "1");
        if self.sign_out.get_untracked() != SignOut::Pending {
            leptos::task::spawn_local(async move {
                self.confirm_sign_out().await;
            });
        }
    }

    /// Nobody is signed in here any more (signed out in this tab or another,
    /// or someone else signed in in another): what waits for a sign-in is
    /// set aside unanswered, and nothing is written under the person again.
    fn forget_person(self) {
        let waiting = self
            .waiting
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        self.abandoned
            .update_value(|abandoned| abandoned.extend(waiting));
        self.me.set(None);
        self.expired_user.set_value(None);
        self.state.set(SessionState::SignedOut);
    }

    /// Asks the server to end the session while the sign-out marker is
    /// there: again after a wait that doubles up to 30 s, or as soon as the
    /// browser is back online. True once the server has confirmed; false
    /// when someone signed in meanwhile (their session must live).
    async fn confirm_sign_out(self) -> bool {
        self.sign_out.set(SignOut::Pending);
        let mut wait_secs = 0;
        while device_store::get(SIGN_OUT_PENDING_KEY).is_some() {
            if let Ok(()) | Err(ApiError::Unauthorized) = auth::logout().await {
                device_store::remove(SIGN_OUT_PENDING_KEY);
                self.sign_out.set(SignOut::Confirmed);
                return true;
            }
            wait_secs = sign_out_retry_secs(wait_secs);
            let was_online = browser_online();
            for _ in 0..wait_secs {
                sleep_ms(1_000).await;
                if !was_online && browser_online() {
                    break;
                }
            }
        }
        self.sign_out.set(SignOut::None);
        false
    }

    /// The storage key of a draft of this person's (`None` when signed out).
    pub fn draft_key(self, name: &str) -> Option<String> {
        let me = self.me.try_get_untracked().flatten()?;
        Some(format!("{}u{}.{name}", device_store::PREFIX, me.user_id))
    }
}

/// Runs `request`; after a 401 asks the person to sign in again in place and,
/// if the same person did, runs it once more. Their input stays where it was.
pub async fn with_sign_in_again<T, F, Fut>(session: Session, request: F) -> Result<T, ApiError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
{
    match request().await {
        Err(ApiError::Unauthorized) => {
            if session.sign_in_again().await {
                request().await
            } else {
                Err(ApiError::Unauthorized)
            }
        }
        other => other,
    }
}

/// Provides the session context: drops drafts past their time, finishes a
/// sign-out the server has not confirmed (nobody signed in meanwhile), then
/// asks who is signed in, and starts the clock.
pub fn provide_session() -> Session {
    let session = Session::new(SessionState::Checking, None);
    provide_context(session);
    leptos::task::spawn_local(async move {
        device_store::forget_drafts(js_sys::Date::now(), true);
        if device_store::get(SIGN_OUT_PENDING_KEY).is_some() {
            session.state.set(SessionState::SignedOut);
            let confirmed = session.confirm_sign_out().await;
            if confirmed || session.state.get_untracked() == SessionState::SignedIn {
                // Said for the sign-out of a page that is gone: not news here.
                session.sign_out.set(SignOut::None);
                return;
            }
        }
        match auth::current().await {
            Ok(Some(me)) => session.signed_in(me),
            Ok(None) => {
                device_store::forget_drafts(js_sys::Date::now(), false);
                device_store::remove(ME_KEY);
                session.state.set(SessionState::SignedOut);
            }
            // No answer (offline, the server unreachable): the person this
            // device last saw signed in, until the server says.
            Err(_) => match kept_me() {
                Some(me) => {
                    session.signed_in(me);
                    session.ask_until_answered().await;
                }
                None => session.state.set(SessionState::SignedOut),
            },
        }
    });
    if let Ok(clock) = set_interval_with_handle(move || session.tick(), Duration::from_secs(1)) {
        on_cleanup(move || clock.clear());
    }
    // What the change sets off runs under the app's owner (an event
    // listener has none), where the views it redraws find their contexts.
    let owner = Owner::current();
    let other_tabs = window_event_listener(leptos::ev::storage, move |event| {
        let mine = session
            .me
            .with_untracked(|me| me.as_ref().map(|me| me.user_id.to_string()));
        if mine.is_some() && signed_out_elsewhere(event.key().as_deref(), event.new_value(), mine) {
            match &owner {
                Some(owner) => owner.with(|| session.forget_person()),
                None => session.forget_person(),
            }
        }
    });
    on_cleanup(move || other_tabs.remove());
    session
}

/// Whether a change another tab made to the device's storage means this
/// tab's person is no longer signed in here: that tab signed out (or wiped
/// everything), or someone else signed in there.
fn signed_out_elsewhere(
    key: Option<&str>,
    new_value: Option<String>,
    mine: Option<String>,
) -> bool {
    match key {
        // `localStorage.clear()`.
        None => true,
        Some(SIGN_OUT_PENDING_KEY) => new_value.is_some(),
        Some(device_store::OWNER_KEY) => new_value != mine,
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{signed_out_elsewhere, warn_before_secs, SIGN_OUT_PENDING_KEY};
    use crate::device_store::{LANGUAGE_KEY, OWNER_KEY};

    #[test]
    fn another_tab_signing_out_or_someone_else_signing_in_signs_this_tab_out() {
        let me = || Some("7".to_owned());
        assert!(signed_out_elsewhere(None, None, me()), "storage cleared");
        assert!(signed_out_elsewhere(
            Some(SIGN_OUT_PENDING_KEY),
            Some("1".into()),
            me()
        ));
        assert!(
            !signed_out_elsewhere(Some(SIGN_OUT_PENDING_KEY), None, me()),
            "confirmed"
        );
        assert!(signed_out_elsewhere(
            Some(OWNER_KEY),
            Some("8".into()),
            me()
        ));
        assert!(signed_out_elsewhere(Some(OWNER_KEY), None, me()), "wiped");
        assert!(
            !signed_out_elsewhere(Some(OWNER_KEY), me(), me()),
            "the same person"
        );
        assert!(!signed_out_elsewhere(
            Some(LANGUAGE_KEY),
            Some("en".into()),
            me()
        ));
    }

    #[test]
    fn the_warning_comes_two_minutes_early_or_halfway_for_short_sessions() {
        assert_eq!(warn_before_secs(30 * 60), 120);
        assert_eq!(warn_before_secs(20), 10);
    }
}
