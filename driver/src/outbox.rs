//! The saved form of a driven flow: the flow, and beside it the actions
//! it emitted with how far each got (the outbox).

use realname::chrono::{self, DateTime, Utc};
use realname::flow::{Action, ActionId, Flow, Machine, Saved};
use serde::{Deserialize, Serialize};

/// The request keys a flow remembers, so that an applicant's request
/// retried (a double click, a client's retry) is applied once.
pub(crate) const MAX_REQUESTS: usize = 64;

/// How far an action of the outbox got.
///
/// ```
/// use realname_driver::EntryState;
/// assert_eq!(EntryState::Pending.code(), "pending");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntryState {
    /// Saved with the state that emitted it, not yet performed (or its
    /// performing failed and is to be tried again).
    Pending,
    /// Performed; its answer comes later (the applicant's SMS code, a
    /// liveness check, the payer's callback, a payment, a review).
    Waiting,
    /// Answered.
    Done,
    /// Dropped unperformed: the flow ended before it.
    Dropped,
}

impl EntryState {
    /// A stable identifier.
    ///
    /// ```
    /// assert_eq!(realname_driver::EntryState::Waiting.code(), "waiting");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            EntryState::Pending => "pending",
            EntryState::Waiting => "waiting",
            EntryState::Done => "done",
            EntryState::Dropped => "dropped",
        }
    }
}

/// An action of the outbox.
///
/// ```
/// use realname::flow::{Action, ActionId};
/// use realname_driver::{Entry, EntryState};
/// let e = Entry { action: Action::SendSmsCode { id: ActionId { revision: 1, index: 0 } }, state: EntryState::Pending, tries: 0, last_error: None, note: None };
/// assert_eq!(e.state, EntryState::Pending);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The action, as the flow emitted it.
    pub action: Action,
    /// How far it got.
    pub state: EntryState,
    /// Tries that failed. A pending entry that failed is tried again by
    /// the sweeper after a pause that doubles with each failure (from a
    /// minute, at most a day), whatever the error: a party refusing for
    /// good is for an operator to see here, not for the driver to forget.
    pub tries: u32,
    /// The code of the last failure, if any.
    pub last_error: Option<String>,
    /// What to show the applicant, if anything (the account to pay a
    /// recharge into).
    pub note: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    bound(
        serialize = "M::Terms: Serialize, M::Event: Serialize",
        deserialize = "M::Terms: Deserialize<'de>, M::Event: Deserialize<'de>"
    )
)]
pub(crate) struct Envelope<M: Machine> {
    pub(crate) kind: String,
    pub(crate) account: String,
    /// One more per save: the store's revision of the record.
    pub(crate) seq: u64,
    pub(crate) flow: Saved<M>,
    pub(crate) outbox: Vec<Entry>,
    pub(crate) requests: Vec<String>,
}

/// Only the kind, to dispatch a record of unknown machine.
#[derive(Deserialize)]
pub(crate) struct Peek {
    pub(crate) kind: String,
}

/// The pause before an action that failed `tries` times is tried again:
/// none before the first failure, then a minute, doubling, at most a day.
pub(crate) fn backoff(tries: u32) -> chrono::Duration {
    if tries == 0 {
        return chrono::Duration::zero();
    }
    let minutes = 1i64 << tries.saturating_sub(1).min(11);
    chrono::Duration::minutes(minutes.min(24 * 60))
}

/// `now + d`, or the end of time where that overflows (a `now` near
/// chrono's limit must not panic).
fn later(now: DateTime<Utc>, d: chrono::Duration) -> DateTime<Utc> {
    now.checked_add_signed(d)
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// A driven flow as loaded: the envelope's parts and the restored flow.
pub(crate) struct Loaded<M: Machine> {
    /// Where the stored record stands in the sweeper's listing.
    pub(crate) listed: Option<DateTime<Utc>>,
    pub(crate) kind: String,
    pub(crate) account: String,
    pub(crate) seq: u64,
    pub(crate) flow: Flow<M>,
    pub(crate) outbox: Vec<Entry>,
    pub(crate) requests: Vec<String>,
}

impl<M: Machine> Loaded<M> {
    pub(crate) fn envelope(&self) -> Envelope<M> {
        Envelope {
            kind: self.kind.clone(),
            account: self.account.clone(),
            seq: self.seq,
            flow: self.flow.save(),
            outbox: self.outbox.clone(),
            requests: self.requests.clone(),
        }
    }

    /// The actions a step emitted go in as pending; the one an event
    /// answered is done; an ended flow drops what it never performed.
    pub(crate) fn absorb(&mut self, actions: &[Action], answered: Option<ActionId>) {
        if let Some(a) = answered
            && let Some(e) = self.outbox.iter_mut().find(|e| e.action.id() == a)
        {
            e.state = EntryState::Done;
        }
        for a in actions {
            if !self.outbox.iter().any(|e| e.action.id() == a.id()) {
                self.outbox.push(Entry {
                    action: *a,
                    state: EntryState::Pending,
                    tries: 0,
                    last_error: None,
                    note: None,
                });
            }
        }
        if self.flow.status().is_terminal() {
            for e in &mut self.outbox {
                if matches!(e.state, EntryState::Pending | EntryState::Waiting) {
                    e.state = EntryState::Dropped;
                }
            }
        }
    }

    pub(crate) fn entry(&self, id: ActionId) -> Option<&Entry> {
        self.outbox.iter().find(|e| e.action.id() == id)
    }

    pub(crate) fn entry_mut(&mut self, id: ActionId) -> Option<&mut Entry> {
        self.outbox.iter_mut().find(|e| e.action.id() == id)
    }

    /// The latest entry in `state` whose action has this code.
    pub(crate) fn latest(&self, code: &str, state: &EntryState) -> Option<&Entry> {
        self.outbox
            .iter()
            .rev()
            .find(|e| e.action.code() == code && &e.state == state)
    }

    /// When a sweeper should look at the flow: at once while an action
    /// waits to be performed (a crash left it), after `poll` while a
    /// payout or a payment may have been answered without a callback,
    /// else at the flow's own deadline.
    pub(crate) fn due(&self, now: DateTime<Utc>, poll: chrono::Duration) -> Option<DateTime<Utc>> {
        let retry = self
            .outbox
            .iter()
            .filter(|e| e.state == EntryState::Pending)
            .map(|e| later(now, backoff(e.tries)))
            .min();
        if let Some(at) = retry {
            return Some(at);
        }
        let polled = self.outbox.iter().any(|e| {
            e.state == EntryState::Waiting
                && matches!(
                    e.action,
                    Action::RequestPayout { .. } | Action::AwaitPayment { .. }
                )
        });
        let own = self.flow.next_deadline();
        match (polled, own) {
            (true, Some(d)) => Some(d.min(later(now, poll))),
            (true, None) => Some(later(now, poll)),
            (false, d) => d,
        }
    }

    pub(crate) fn report(&self, id: &str, duplicate: bool) -> crate::Report {
        let view = self.flow.view();
        crate::Report {
            id: id.to_owned(),
            status: view.status,
            revision: view.revision,
            failure: view.failure,
            next_deadline: view.next_deadline,
            uses: view.uses,
            open: self
                .outbox
                .iter()
                .filter(|e| matches!(e.state, EntryState::Pending | EntryState::Waiting))
                .cloned()
                .collect(),
            duplicate,
        }
    }
}
