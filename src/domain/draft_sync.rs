//! The draft sync's decisions, apart from the browser: what a save sends,
//! what the server's answer means, what reading the server's copy does to a
//! draft with unsent changes, how a conflict is resolved, and how a draft
//! kept before the person had a supplier joins the supplier's.
//!
//! Every resource the server versions with an `ETag` (a profile section
//! now; products and documents next) is edited as a [`Draft`] of text values
//! and kept on the device as a [`Record`]. The browser side
//! (`crate::draft_sync`) stores records, calls the API and shows the
//! [`State`]; each choice it makes is one of the functions here.
//!
//! ```
//! use rantai::domain::draft_sync::{push_plan, settle, Answer, Push, Record, Resource, State};
//! use rantai::domain::profile::{Draft, Section};
//!
//! let owner = Resource::Profile(Section::Owner);
//! let typed: Draft = [("name".to_owned(), "Sari".to_owned())].into();
//! let record = Record { values: typed.clone(), dirty: true, ..Record::default() };
//! let Push::Save { values, if_match } = push_plan(&*owner.rules(), &record) else { unreachable!() };
//! assert_eq!(if_match, "\"0\"");
//! let saved = Answer::<()>::Saved { values: values.clone(), etag: "\"1\"".into() };
//! let (record, state) = settle(&*owner.rules(), record, &typed, &values, saved);
//! assert_eq!((record.dirty, state), (false, State::Saved));
//! ```

use super::profile::Draft;

mod resource;
pub use resource::{ProductRules, ProductSlot, ProfileRules, Resource, Rules, PHOTOS};

/// A draft's name on the device, after the person's own part of the key
/// (`rantai.u<user>.`): `s<supplier>.profile.business` under their
/// supplier, or `profile.business` while they have none yet, so that
/// nothing typed is dropped for want of a supplier.
pub fn draft_name(supplier: Option<i64>, resource: Resource) -> String {
    match supplier {
        Some(supplier) => format!("s{supplier}.{}", resource.name()),
        None => resource.name(),
    }
}

/// The supplier (if any) and resource of a draft named by [`draft_name`];
/// `None` for anything else kept under the person (their role choice, …).
pub fn parse_draft_name(name: &str) -> Option<(Option<i64>, Resource)> {
    if let Some(resource) = Resource::from_name(name) {
        return Some((None, resource));
    }
    let (holder, rest) = name.split_once('.')?;
    let supplier = holder.strip_prefix('s')?.parse().ok()?;
    Some((Some(supplier), Resource::from_name(rest)?))
}

/// One resource as this device holds it (stored as JSON in localStorage).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "web", derive(serde::Serialize, serde::Deserialize))]
pub struct Record {
    /// What the person typed.
    pub values: Draft,
    /// The server version `values` started from (empty: not read yet).
    pub etag: String,
    /// The server's values at `etag`.
    pub base: Draft,
    /// `values` hold changes the server does not have yet.
    pub dirty: bool,
    /// A newer server version that differs from `values`, and its `ETag`:
    /// changed on another device, waiting for the person to choose.
    pub theirs: Option<(Draft, String)>,
    /// When the person last typed into it, in ms since the epoch (0: not
    /// known, from before this was kept).
    #[cfg_attr(feature = "web", serde(default))]
    pub edited_ms: u64,
    /// A create that may have reached the server (a new product): its
    /// `Idempotency-Key` and exactly what it sent. Until the server answers
    /// it, the same key goes with the same values, so a retry after a lost
    /// answer returns the first result instead of making a second product;
    /// what was typed since goes in a save after it.
    #[cfg_attr(feature = "web", serde(default))]
    pub create: Option<(String, Draft)>,
}

/// Where a resource's save stands, as the page tells the person. `E` is
/// what a refusal carries (the API's field errors).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum State<E> {
    /// Nothing to send: the server has what is shown.
    #[default]
    Saved,
    /// Kept on this device; not sent yet.
    OnDevice,
    /// Being sent.
    Saving,
    /// Could not reach the server (or the session ended); kept on this
    /// device and sent when the connection returns.
    Queued,
    /// Changed on another device: the person chooses a version.
    Conflict,
    /// The server refused some values; the errors say which.
    Refused(E),
    /// The profile is being verified and cannot change now.
    Locked,
    /// The server did not accept the save for another reason than its
    /// values (403: not allowed; 404; an answer the contract does not
    /// have): kept on this device only, and sending it again unchanged
    /// would not help. Never shown as saved or queued.
    NotAccepted,
}

impl<E> State<E> {
    /// The state after the person typed: kept on the device, unless a
    /// choice, the lock or a refusal that typing cannot lift still stands.
    pub fn after_edit(self) -> State<E> {
        match self {
            State::Conflict | State::Locked | State::NotAccepted => self,
            _ => State::OnDevice,
        }
    }

    /// True when a step may move on after its save ended in this state: the
    /// server has the values, or they are kept on the device and will be
    /// sent (saved there, or queued for the connection). A conflict, a
    /// refusal, the lock or a save the server did not accept keeps the
    /// person on the step.
    pub fn lets_step_move_on(&self) -> bool {
        matches!(
            self,
            State::Saved | State::OnDevice | State::Saving | State::Queued
        )
    }
}

/// What the server answered a save, as the sync reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer<E> {
    /// Saved: the values as the server now has them, and their `ETag`.
    Saved {
        /// The server's values.
        values: Draft,
        /// Their `ETag`.
        etag: String,
    },
    /// 412: the server has another version than the one the save started
    /// from.
    Stale {
        /// The server's current values (empty when its answer was unreadable).
        current: Draft,
        /// Their `ETag`.
        etag: String,
    },
    /// 400 or 422: some values refused.
    Invalid(E),
    /// 409: the resource cannot change now (the profile is being verified).
    Locked,
    /// Not sent, not answered, or answered "try again later" (offline, a
    /// dropped connection, a time-out, 429, 5xx, the session ended).
    TryLater,
    /// Any other answer (403, 404, …): not saved, and the same save sent
    /// again would get the same answer.
    NotAccepted,
}

/// What pushing a record does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Push {
    /// Nothing unsent: the state stays what it is.
    Nothing,
    /// A newer server version waits for the person's choice: nothing is sent.
    Conflict,
    /// Create the resource (a new product) with these values. `key` is the
    /// `Idempotency-Key` of a create that may already have reached the
    /// server; `None`: make a new key and keep it in the record
    /// ([`Record::create`]) before sending.
    Create {
        /// What to send.
        values: Draft,
        /// The key of a create sent before.
        key: Option<String>,
    },
    /// Send these values with this `If-Match`.
    Save {
        /// What to send (see [`Resource::to_send`]).
        values: Draft,
        /// The version they started from (`"0"` before the first read).
        if_match: String,
    },
}

/// True when the sync sends `record` of `resource` by itself (when the
/// connection returns, after signing in): always, but for a new product,
/// which is created only once the person pressed Save (its create's key is
/// kept then): half a product is never made on their behalf.
pub fn sends_by_itself(resource: Resource, record: &Record) -> bool {
    resource != Resource::Product(ProductSlot::New) || record.create.is_some()
}

/// What pushing `record` does.
pub fn push_plan(rules: &dyn Rules, record: &Record) -> Push {
    if record.theirs.is_some() {
        return Push::Conflict;
    }
    if let Some((key, values)) = &record.create {
        return Push::Create {
            values: values.clone(),
            key: Some(key.clone()),
        };
    }
    if !record.dirty {
        return Push::Nothing;
    }
    if rules.creates() {
        return Push::Create {
            values: rules.to_send(&record.values, &record.base),
            key: None,
        };
    }
    let if_match = if record.etag.is_empty() {
        "\"0\"".to_owned()
    } else {
        record.etag.clone()
    };
    Push::Save {
        values: rules.to_send(&record.values, &record.base),
        if_match,
    }
}

/// Where a resource stands before this page's life has sent or typed
/// anything: as the device holds it. Unsent changes (kept from before a
/// reload, or typed offline) are never shown as saved.
pub fn as_kept<E>(record: &Record) -> State<E> {
    if record.theirs.is_some() {
        State::Conflict
    } else if record.dirty || record.create.is_some() {
        State::OnDevice
    } else {
        State::Saved
    }
}

/// Where a push leaves `record` when it could not start (the code that
/// sends did not arrive): a choice still waits, or what is unsent is kept
/// for later; `None` when nothing is unsent (the state stays).
pub fn not_sent<E>(record: &Record) -> Option<State<E>> {
    match as_kept(record) {
        State::Saved => None,
        State::OnDevice => Some(State::Queued),
        kept => Some(kept),
    }
}

/// The record after the person typed `values` at `now_ms`; `None` when
/// nothing changed.
pub fn edit(record: Record, values: Draft, now_ms: u64) -> Option<Record> {
    if record.values == values {
        return None;
    }
    Some(Record {
        values,
        dirty: true,
        edited_ms: now_ms,
        ..record
    })
}

/// What an answer to a save means: the record to keep and where it stands.
/// `record` is the draft as the device holds it now (the person may have
/// typed while the save was away), `typed` its values when the save left,
/// and `sent` what was sent ([`Rules::to_send`] of `typed`).
pub fn settle<E>(
    rules: &dyn Rules,
    mut record: Record,
    typed: &Draft,
    sent: &Draft,
    answer: Answer<E>,
) -> (Record, State<E>) {
    let (etag, base) = match answer {
        Answer::Saved { values, etag } => {
            record.create = None;
            (etag, values)
        }
        // Our own earlier save, whose answer was lost: nothing to choose.
        Answer::Stale { current, etag } if rules.same_on_server(sent, &current) => (etag, current),
        Answer::Stale { current, etag } => {
            record.theirs = Some((current, etag));
            return (record, State::Conflict);
        }
        Answer::TryLater => return (record, State::Queued),
        Answer::Invalid(errors) => {
            // Values refused (400, 422) made nothing: the next create, with
            // the values fixed, is a new request under a new key.
            record.create = None;
            return (record, State::Refused(errors));
        }
        // Any other answer may not prove that nothing was made (a gateway's
        // 524 after the server did the work, a 409 while the first request
        // is still at work): a create keeps its key.
        Answer::Locked => return (record, State::Locked),
        Answer::NotAccepted => return (record, State::NotAccepted),
    };
    record.etag = etag;
    record.base = base;
    // Still unsent if typed again meanwhile, or if invalid values stayed here.
    record.dirty = record.values != *typed || typed != sent;
    let state = if record.dirty {
        State::OnDevice
    } else {
        State::Saved
    };
    (record, state)
}

/// Reading the server's copy (`values` at `etag`): the record to keep, and
/// true when the server's copy was taken (the page shows it; nothing is
/// unsent). A record with unsent changes or a choice to make stays as it
/// is; typed before the first read, it learns which version it started from.
pub fn adopt(record: Record, values: Draft, etag: String) -> (Record, bool) {
    if record.dirty || record.theirs.is_some() {
        if record.etag.is_empty() {
            return (
                Record {
                    etag,
                    base: values,
                    ..record
                },
                false,
            );
        }
        return (record, false);
    }
    let taken = Record {
        values: values.clone(),
        etag,
        base: values,
        dirty: false,
        theirs: None,
        edited_ms: record.edited_ms,
        create: record.create,
    };
    (taken, true)
}

/// A conflict resolved with the person's own values: they are to be sent
/// over the server's newer version.
pub fn keep_mine(mut record: Record) -> Record {
    if let Some((theirs, etag)) = record.theirs.take() {
        record.base = theirs;
        record.etag = etag;
        record.dirty = true;
    }
    record
}

/// A conflict resolved with the server's values.
pub fn take_theirs(record: Record) -> Record {
    match record.theirs {
        Some((theirs, etag)) => Record {
            values: theirs.clone(),
            etag,
            base: theirs,
            dirty: false,
            theirs: None,
            edited_ms: record.edited_ms,
            create: None,
        },
        None => record,
    }
}

/// A draft kept under the person while they had no supplier, joining the
/// supplier's draft of the same resource once there is one. Nothing typed
/// is lost: where both hold unsent values for a field, the one typed last
/// wins, and each keeps the fields only it has; with nothing unsent under
/// the person, the supplier's draft stays as it is (`None`: nothing to
/// write).
pub fn join_person_draft(person: Record, supplier: Option<Record>) -> Option<Record> {
    let Some(supplier) = supplier else {
        return Some(person);
    };
    if !person.dirty {
        return None;
    }
    let person_is_newer = !supplier.dirty || person.edited_ms >= supplier.edited_ms;
    let (older, newer) = if person_is_newer {
        (&supplier.values, &person.values)
    } else {
        (&person.values, &supplier.values)
    };
    let mut values = older.clone();
    values.extend(newer.iter().map(|(k, v)| (k.clone(), v.clone())));
    Some(Record {
        values,
        dirty: true,
        edited_ms: person.edited_ms.max(supplier.edited_ms),
        theirs: supplier.theirs.or(person.theirs),
        ..supplier
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::profile::{check_value, Section};
    use proptest::prelude::*;

    const OWNER: Resource = Resource::Profile(Section::Owner);

    fn draft(pairs: &[(&str, &str)]) -> Draft {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn dirty(values: Draft, edited_ms: u64) -> Record {
        Record {
            values,
            dirty: true,
            edited_ms,
            ..Record::default()
        }
    }

    fn saved_at(values: Draft, etag: &str) -> Record {
        Record {
            values: values.clone(),
            etag: etag.to_owned(),
            base: values,
            ..Record::default()
        }
    }

    #[test]
    fn resources_are_named_on_the_device_by_section() {
        assert_eq!(Resource::from(Section::Bank).name(), "profile.bank");
        assert_eq!(draft_name(Some(7), Section::Bank.into()), "s7.profile.bank");
        assert_eq!(draft_name(None, Section::Bank.into()), "profile.bank");
        for other in ["role", "s7.role", "profile.nope", "sx.profile.bank", ""] {
            assert_eq!(parse_draft_name(other), None, "{other}");
        }
    }

    #[test]
    fn a_value_the_device_knows_is_invalid_is_sent_as_the_server_had_it() {
        let typed = draft(&[("name", "Sari"), ("nik", "123"), ("email", "x@")]);
        let base = draft(&[("nik", "3402014508850001")]);
        let sent = OWNER.rules().to_send(&typed, &base);
        assert_eq!(
            sent,
            draft(&[("name", "Sari"), ("nik", "3402014508850001")])
        );
    }

    #[test]
    fn nothing_is_sent_without_changes_or_while_a_choice_waits() {
        assert_eq!(
            push_plan(&*OWNER.rules(), &Record::default()),
            Push::Nothing
        );
        let waiting = Record {
            theirs: Some((Draft::new(), "\"2\"".into())),
            ..dirty(draft(&[("name", "A")]), 1)
        };
        assert_eq!(push_plan(&*OWNER.rules(), &waiting), Push::Conflict);
        let read = Record {
            etag: "\"3\"".into(),
            ..dirty(draft(&[("name", "A")]), 1)
        };
        assert_eq!(
            push_plan(&*OWNER.rules(), &read),
            Push::Save {
                values: draft(&[("name", "A")]),
                if_match: "\"3\"".into()
            }
        );
    }

    #[test]
    fn what_the_device_kept_unsent_is_never_shown_as_saved() {
        let kept = dirty(draft(&[("name", "Toko")]), 5);
        assert_eq!(as_kept::<()>(&kept), State::OnDevice);
        assert_eq!(
            as_kept::<()>(&saved_at(draft(&[("name", "Toko")]), "\"1\"")),
            State::Saved
        );
        assert_eq!(as_kept::<()>(&Record::default()), State::Saved);
        let mut choice = kept.clone();
        choice.theirs = Some((draft(&[("name", "Warung")]), "\"2\"".into()));
        assert_eq!(as_kept::<()>(&choice), State::Conflict);
    }

    #[test]
    fn a_push_that_could_not_start_keeps_a_choice_or_queues_what_is_unsent() {
        let typed = dirty(draft(&[("name", "Toko")]), 5);
        assert_eq!(not_sent::<()>(&typed), Some(State::Queued));
        let mut created = saved_at(draft(&[("name", "Toko")]), "\"1\"");
        assert_eq!(not_sent::<()>(&created), None);
        created.create = Some(("k".into(), draft(&[("name", "Toko")])));
        assert_eq!(not_sent::<()>(&created), Some(State::Queued));
        let mut choice = typed.clone();
        choice.theirs = Some((draft(&[("name", "Warung")]), "\"2\"".into()));
        assert_eq!(not_sent::<()>(&choice), Some(State::Conflict));
    }

    #[test]
    fn typing_marks_the_draft_unsent_and_the_same_values_change_nothing() {
        let record = saved_at(draft(&[("name", "A")]), "\"1\"");
        assert_eq!(edit(record.clone(), draft(&[("name", "A")]), 5), None);
        let edited = edit(record, draft(&[("name", "B")]), 5).unwrap();
        assert!(edited.dirty);
        assert_eq!((edited.edited_ms, edited.etag.as_str()), (5, "\"1\""));
    }

    #[test]
    fn a_saved_answer_is_the_new_base_unless_typed_again_or_kept_back() {
        let typed = draft(&[("name", "A")]);
        let answer = || Answer::<()>::Saved {
            values: typed.clone(),
            etag: "\"2\"".into(),
        };
        let (record, state) = settle(
            &*OWNER.rules(),
            dirty(typed.clone(), 1),
            &typed,
            &typed,
            answer(),
        );
        assert_eq!((record.etag.as_str(), record.dirty), ("\"2\"", false));
        assert_eq!(state, State::Saved);
        let meanwhile = dirty(draft(&[("name", "AB")]), 2);
        let (record, state) = settle(&*OWNER.rules(), meanwhile, &typed, &typed, answer());
        assert_eq!((record.dirty, state), (true, State::OnDevice));
        assert_eq!(record.values, draft(&[("name", "AB")]));
        let invalid = draft(&[("name", "A"), ("nik", "12")]);
        let (record, state) = settle(
            &*OWNER.rules(),
            dirty(invalid.clone(), 1),
            &invalid,
            &typed,
            answer(),
        );
        assert_eq!((record.dirty, state), (true, State::OnDevice));
    }

    #[test]
    fn a_412_with_what_we_sent_is_our_own_lost_answer_else_a_conflict() {
        let typed = draft(&[("name", "A"), ("nik", "3402 0145 0885 0001")]);
        let ours = Answer::<()>::Stale {
            current: draft(&[("name", "A"), ("nik", "3402014508850001")]),
            etag: "\"4\"".into(),
        };
        let (record, state) = settle(
            &*OWNER.rules(),
            dirty(typed.clone(), 1),
            &typed,
            &typed,
            ours,
        );
        assert_eq!(
            (state, record.dirty, record.etag.as_str()),
            (State::Saved, false, "\"4\"")
        );
        assert_eq!(record.theirs, None);
        let other = draft(&[("name", "B")]);
        let theirs = Answer::<()>::Stale {
            current: other.clone(),
            etag: "\"5\"".into(),
        };
        let (record, state) = settle(
            &*OWNER.rules(),
            dirty(typed.clone(), 1),
            &typed,
            &typed,
            theirs,
        );
        assert_eq!(state, State::Conflict);
        assert_eq!(record.values, typed);
        assert_eq!(record.theirs, Some((other, "\"5\"".into())));
    }

    #[test]
    fn refusals_keep_the_draft_and_say_why() {
        let typed = draft(&[("name", "A")]);
        let cases = [
            (Answer::Invalid(vec!["name"]), State::Refused(vec!["name"])),
            (Answer::Locked, State::Locked),
            (Answer::TryLater, State::Queued),
            (Answer::NotAccepted, State::NotAccepted),
        ];
        for (answer, expected) in cases {
            let (record, state) = settle(
                &*OWNER.rules(),
                dirty(typed.clone(), 1),
                &typed,
                &typed,
                answer,
            );
            assert_eq!(record, dirty(typed.clone(), 1));
            assert_eq!(state, expected);
        }
    }

    #[test]
    fn only_a_saved_or_kept_for_sending_state_lets_a_step_move_on() {
        let moves_on = [
            State::<()>::Saved,
            State::OnDevice,
            State::Saving,
            State::Queued,
        ];
        for state in moves_on {
            assert!(state.lets_step_move_on(), "{state:?}");
        }
        let stays = [
            State::Conflict,
            State::Refused(()),
            State::Locked,
            State::NotAccepted,
        ];
        for state in stays {
            assert!(!state.lets_step_move_on(), "{state:?}");
        }
    }

    #[test]
    fn typing_does_not_hide_a_choice_the_lock_or_a_save_not_accepted() {
        assert_eq!(State::<()>::Queued.after_edit(), State::OnDevice);
        assert_eq!(State::Refused(()).after_edit(), State::OnDevice);
        for state in [State::<()>::Conflict, State::Locked, State::NotAccepted] {
            assert_eq!(state.clone().after_edit(), state);
        }
    }

    #[test]
    fn reading_the_server_keeps_unsent_changes_and_learns_their_start() {
        let server = draft(&[("name", "S")]);
        let clean = saved_at(draft(&[("name", "old")]), "\"1\"");
        let (record, taken) = adopt(clean, server.clone(), "\"2\"".into());
        assert!(taken);
        assert_eq!(record, saved_at(server.clone(), "\"2\""));
        let typed_first = dirty(draft(&[("name", "mine")]), 1);
        let (record, taken) = adopt(typed_first, server.clone(), "\"2\"".into());
        assert!(!taken);
        assert_eq!(record.values, draft(&[("name", "mine")]));
        assert_eq!((record.etag.as_str(), &record.base), ("\"2\"", &server));
        let read_before = Record {
            etag: "\"1\"".into(),
            ..dirty(draft(&[("name", "mine")]), 1)
        };
        let (record, taken) = adopt(read_before.clone(), server, "\"2\"".into());
        assert_eq!((record, taken), (read_before, false));
    }

    #[test]
    fn a_conflict_is_resolved_either_way() {
        let mine = draft(&[("name", "mine")]);
        let theirs = draft(&[("name", "theirs")]);
        let waiting = Record {
            theirs: Some((theirs.clone(), "\"9\"".into())),
            ..dirty(mine.clone(), 1)
        };
        let kept = keep_mine(waiting.clone());
        assert_eq!(
            (kept.values, kept.base, kept.etag.as_str()),
            (mine, theirs.clone(), "\"9\"")
        );
        assert!(kept.dirty && kept.theirs.is_none());
        let taken = take_theirs(waiting);
        assert_eq!(
            (taken.values, taken.dirty, taken.theirs),
            (theirs, false, None)
        );
    }

    #[test]
    fn a_person_s_draft_moves_to_their_new_supplier() {
        let typed = dirty(draft(&[("name", "Sari")]), 10);
        assert_eq!(join_person_draft(typed.clone(), None), Some(typed.clone()));
        let server = saved_at(draft(&[("name", "old"), ("email", "a@b.id")]), "\"3\"");
        let joined = join_person_draft(typed, Some(server)).unwrap();
        assert_eq!(
            joined.values,
            draft(&[("name", "Sari"), ("email", "a@b.id")])
        );
        assert_eq!((joined.etag.as_str(), joined.dirty), ("\"3\"", true));
        let nothing_unsent = saved_at(draft(&[("name", "x")]), "\"1\"");
        assert_eq!(
            join_person_draft(nothing_unsent, Some(Record::default())),
            None
        );
    }

    #[test]
    fn a_newer_supplier_draft_is_not_overwritten_by_an_older_person_draft() {
        let person = dirty(draft(&[("name", "older"), ("nik", "3402014508850001")]), 10);
        let supplier = dirty(draft(&[("name", "newer")]), 20);
        let joined = join_person_draft(person, Some(supplier)).unwrap();
        assert_eq!(
            joined.values,
            draft(&[("name", "newer"), ("nik", "3402014508850001")])
        );
        assert_eq!(joined.edited_ms, 20);
    }

    #[test]
    fn a_new_product_is_created_once_under_one_key_then_edited() {
        let new = Resource::Product(ProductSlot::New);
        let typed = draft(&[("name", "Keripik"), ("unit", "pak"), ("price", "15.000")]);
        let record = dirty(typed.clone(), 5);
        assert_eq!(
            push_plan(&*new.rules(), &record),
            Push::Create {
                values: typed.clone(),
                key: None
            }
        );
        // The key is kept with what it sent; the answer is lost; the person
        // types on. The retry sends the same values under the same key.
        let mut more = typed.clone();
        more.insert("stock".into(), "20".into());
        let pending = Record {
            values: more.clone(),
            create: Some(("key-1".into(), typed.clone())),
            ..record
        };
        assert_eq!(
            push_plan(&*new.rules(), &pending),
            Push::Create {
                values: typed.clone(),
                key: Some("key-1".into())
            }
        );
        let answer = Answer::<()>::Saved {
            values: typed.clone(),
            etag: "\"1\"".into(),
        };
        let (created, state) = settle(&*new.rules(), pending, &typed, &typed, answer);
        assert_eq!(created.create, None);
        assert_eq!(created.etag, "\"1\"");
        // What was typed since is still to be sent, as an edit now.
        assert!(created.dirty);
        assert_eq!(state, State::OnDevice);
        let saved = Resource::Product(ProductSlot::Saved(9));
        assert!(
            matches!(push_plan(&*saved.rules(), &created), Push::Save { if_match, .. } if if_match == "\"1\"")
        );
    }

    #[test]
    fn a_create_keeps_its_key_unless_its_values_were_refused() {
        let new = Resource::Product(ProductSlot::New);
        let typed = draft(&[("name", "Keripik")]);
        let pending = Record {
            values: typed.clone(),
            dirty: true,
            create: Some(("key-2".into(), typed.clone())),
            ..Record::default()
        };
        let (kept, state) = settle(
            &*new.rules(),
            pending.clone(),
            &typed,
            &typed,
            Answer::<()>::TryLater,
        );
        assert_eq!(
            (kept.create, state),
            (pending.create.clone(), State::Queued)
        );
        let (refused, _) = settle(
            &*new.rules(),
            pending.clone(),
            &typed,
            &typed,
            Answer::Invalid(()),
        );
        assert_eq!(refused.create, None);
        assert!(refused.dirty);
        for unclear in [Answer::<()>::NotAccepted, Answer::Locked] {
            let (kept, _) = settle(&*new.rules(), pending.clone(), &typed, &typed, unclear);
            assert_eq!(kept.create, pending.create);
        }
    }

    fn owner_draft() -> impl Strategy<Value = Draft> {
        let value = prop_oneof!["[0-9 .]{0,18}", "\\PC{0,12}", "[a-z@.]{0,12}"];
        proptest::collection::btree_map(
            prop_oneof![Just("name"), Just("nik"), Just("phone"), Just("email")]
                .prop_map(str::to_owned),
            value,
            0..4,
        )
    }

    proptest! {
        #[test]
        fn draft_names_read_back(supplier in proptest::option::of(any::<i64>()), step in 0usize..4) {
            let resource = Resource::Profile(Section::ALL[step]);
            prop_assert_eq!(parse_draft_name(&draft_name(supplier, resource)), Some((supplier, resource)));
        }

        #[test]
        fn what_is_sent_passes_the_device_s_checks_and_keeps_the_rest(typed in owner_draft(), base in owner_draft()) {
            let sent = OWNER.rules().to_send(&typed, &base);
            for field in Section::Owner.fields() {
                let typed_value = typed.get(field.name);
                let valid = check_value(field.kind, typed_value.map(String::as_str).unwrap_or(""), &|_| true).is_ok();
                let expected = if valid { typed_value } else { base.get(field.name) };
                prop_assert_eq!(sent.get(field.name), expected);
            }
        }

        #[test]
        fn a_412_is_a_conflict_exactly_when_the_server_holds_other_values(typed in owner_draft(), current in owner_draft()) {
            let sent = OWNER.rules().to_send(&typed, &Draft::new());
            let answer = Answer::<()>::Stale { current: current.clone(), etag: "\"7\"".into() };
            let (record, state) = settle(&*OWNER.rules(), dirty(typed.clone(), 1), &typed, &sent, answer);
            prop_assert_eq!(record.values, typed);
            prop_assert_eq!(state == State::Conflict, !OWNER.rules().same_on_server(&sent, &current));
        }

        #[test]
        fn joining_drafts_loses_no_field_and_the_last_typed_wins(
            person in owner_draft(), supplier in owner_draft(),
            person_ms in 0u64..100, supplier_ms in 0u64..100, supplier_dirty in any::<bool>(),
        ) {
            let supplier_record = Record { dirty: supplier_dirty, ..dirty(supplier.clone(), supplier_ms) };
            let joined = join_person_draft(dirty(person.clone(), person_ms), Some(supplier_record)).unwrap();
            let newer = if !supplier_dirty || person_ms >= supplier_ms { &person } else { &supplier };
            for field in person.keys().chain(supplier.keys()) {
                let expected = newer.get(field).or_else(|| person.get(field)).or_else(|| supplier.get(field));
                prop_assert_eq!(joined.values.get(field), expected);
            }
            prop_assert!(joined.dirty);
        }
    }
}
