//! At most [`AT_ONCE`] uploads send at once, app-wide: on a weak mobile
//! connection two files share it better than five, and each gets through
//! sooner. An upload holds a [`Slot`] while it has requests to make
//! (sending, or waiting to try again); it gives it back when it is paused,
//! stops, ends or is cancelled, and the longest waiting upload gets it.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::channel::oneshot;

/// Uploads that send at once.
pub const AT_ONCE: usize = 2;

struct Slots {
    free: usize,
    /// Who waits, first in line first (a handful at most).
    line: Vec<oneshot::Sender<()>>,
}

thread_local! {
    static SLOTS: RefCell<Slots> = const {
        RefCell::new(Slots {
            free: AT_ONCE,
            line: Vec::new(),
        })
    };
}

/// The right to send; handed to the next in line when dropped.
#[derive(Debug)]
pub(super) struct Slot(());

impl Drop for Slot {
    fn drop(&mut self) {
        loop {
            let next = SLOTS.with(|slots| {
                let mut slots = slots.borrow_mut();
                if slots.line.is_empty() {
                    slots.free += 1;
                    return None;
                }
                Some(slots.line.remove(0))
            });
            // An upload that stopped waiting lets the next one have it.
            if next.is_none_or(|next| next.send(()).is_ok()) {
                return;
            }
        }
    }
}

/// A free slot, now, if there is one.
pub(super) fn free_slot() -> Option<Slot> {
    SLOTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        (slots.free > 0).then(|| {
            slots.free -= 1;
            Slot(())
        })
    })
}

/// A place in line: a future that gives its slot once one is handed to
/// it (`None` if it never can be). Dropped before, it leaves the line,
/// and hands on a slot it was given meanwhile.
pub(super) struct Place(oneshot::Receiver<()>);

impl Place {
    /// A place at the end of the line (served at once if a slot is free).
    pub(super) fn new() -> Place {
        let (sender, receiver) = oneshot::channel();
        SLOTS.with(|slots| {
            let mut slots = slots.borrow_mut();
            if slots.free > 0 {
                slots.free -= 1;
                let _ = sender.send(());
            } else {
                slots.line.push(sender);
            }
        });
        Place(receiver)
    }

    /// Its slot, if one has been handed to it.
    pub(super) fn try_take(&mut self) -> Option<Slot> {
        // Made only when handed over: a `Slot` dropped gives one back.
        match self.0.try_recv() {
            Ok(Some(())) => Some(Slot(())),
            _ => None,
        }
    }
}

impl Future for Place {
    type Output = Option<Slot>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Slot>> {
        Pin::new(&mut self.0)
            .poll(cx)
            .map(|handed| handed.ok().map(|()| Slot(())))
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        drop(self.try_take());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn free() -> usize {
        SLOTS.with(|slots| slots.borrow().free)
    }

    #[test]
    fn two_send_and_the_next_in_line_gets_the_first_slot_given_back() {
        let (first, second) = (free_slot().unwrap(), free_slot().unwrap());
        assert!(free_slot().is_none());
        let (mut third, mut fourth) = (Place::new(), Place::new());
        assert!(third.try_take().is_none(), "nothing to take yet");
        drop(first);
        assert!(fourth.try_take().is_none(), "first in line first");
        let third_slot = third.try_take().expect("handed over");
        drop(third); // taken already: gives nothing back
        drop(second);
        let fourth_slot = fourth.try_take().expect("handed over");
        assert_eq!(free(), 0);
        drop((third_slot, fourth_slot));
        assert_eq!(free(), AT_ONCE);
    }

    #[test]
    fn a_place_left_before_or_after_its_turn_passes_the_slot_on() {
        let (a, b) = (free_slot().unwrap(), free_slot().unwrap());
        let gone = Place::new();
        let handed_then_gone = Place::new();
        let mut last = Place::new();
        drop(gone);
        drop(a); // skips the place that left: to `handed_then_gone`
        drop(handed_then_gone); // never took it: on to `last`
        let last_slot = last.try_take().expect("handed over");
        assert_eq!(free(), 0);
        drop((b, last_slot));
        assert_eq!(free(), AT_ONCE);
    }
}
