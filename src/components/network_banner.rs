//! A quiet banner when the browser goes offline, and when it is back.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use crate::api::client::browser_online;
use crate::i18n::{tr, Key};

/// How long "back online" stays before it goes away by itself.
const BACK_ONLINE_MS: u64 = 4_000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Connection {
    Online,
    Offline,
    BackOnline,
}

/// Announces connection changes politely (`role="status"`): offline stays
/// until the connection returns; "back online" fades after a few seconds.
#[component]
pub fn NetworkBanner() -> impl IntoView {
    let connection = RwSignal::new(if browser_online() {
        Connection::Online
    } else {
        Connection::Offline
    });
    let offline = window_event_listener(ev::offline, move |_| connection.set(Connection::Offline));
    let online = window_event_listener(ev::online, move |_| {
        connection.set(Connection::BackOnline);
        set_timeout(
            move || {
                if connection.get_untracked() == Connection::BackOnline {
                    connection.set(Connection::Online);
                }
            },
            Duration::from_millis(BACK_ONLINE_MS),
        );
    });
    on_cleanup(move || {
        offline.remove();
        online.remove();
    });

    view! {
        <div class="network-banner" role="status">
            {move || match connection.get() {
                Connection::Online => None,
                Connection::Offline => {
                    Some(
                        view! {
                            <p class="network-banner__text network-banner__text--offline">
                                {tr(Key::Offline)}
                            </p>
                        },
                    )
                }
                Connection::BackOnline => {
                    Some(
                        view! {
                            <p class="network-banner__text network-banner__text--online">
                                {tr(Key::BackOnline)}
                            </p>
                        },
                    )
                }
            }}
        </div>
    }
}
