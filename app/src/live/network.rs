//! The browser knows before the socket does: on the window's `offline`
//! event the page shows itself offline and closes its socket, on `online`
//! it connects again at once (gloo-events listeners, removed when the page
//! that owns them goes).

use super::LiveSync;
use gloo_events::EventListener;
use leptos::prelude::{window, SetValue};

/// The two listeners; dropping them removes them.
pub(super) struct Listeners {
    _online: EventListener,
    _offline: EventListener,
}

impl LiveSync {
    pub(super) fn follow_network(&self) {
        let this = *self;
        let window = window();
        self.network.set_value(Some(Listeners {
            _online: EventListener::new(&window, "online", move |_| this.connect()),
            _offline: EventListener::new(&window, "offline", move |_| this.go_offline()),
        }));
    }
}
