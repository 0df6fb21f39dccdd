//! What every machine shares: the history of accepted events, revisions,
//! repeated answers, saving and restoring. A machine supplies only its
//! pure transition ([`Machine`]).

use chrono::{DateTime, Utc};

use super::{Action, ActionId, BindOutcome, Failure, FlowError, MAX_EVENTS, Status, Step};
use crate::calendar::{Duration, WorkCalendar, due};

/// An event a machine takes.
///
/// ```
/// use realname::flow::{DepositEvent, FlowEvent};
/// assert_eq!(DepositEvent::Tick.code(), "tick");
/// assert_eq!(DepositEvent::Tick.answers(), None);
/// ```
pub trait FlowEvent: Sized {
    /// A stable identifier of the kind of event.
    fn code(&self) -> &'static str;
    /// The action this event answers, for answers from outside parties.
    fn answers(&self) -> Option<ActionId>;
    /// The event that only brings the time.
    fn tick() -> Self;
}

/// What a machine's state shows: the same for every machine.
///
/// ```
/// use realname::flow::{Status, View};
/// use chrono::{TimeZone, Utc};
/// let start = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
/// let v = View { status: Status::AwaitingApplicant, next_deadline: None, failure: None, revision: 0, pending: None, uses: 0, entries: 0, last_at: start };
/// assert_eq!(v.revision, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    /// Where the flow stands.
    pub status: Status,
    /// When to call back.
    pub next_deadline: Option<DateTime<Utc>>,
    /// The failure the applicant should see.
    pub failure: Option<Failure>,
    /// One more per accepted event.
    pub revision: u64,
    /// The action whose answer the flow waits for.
    pub pending: Option<ActionId>,
    /// Uses of the method counted (with those before the flow).
    pub uses: u32,
    /// Entries counted in the current try (a transfer's amount entries).
    pub entries: u32,
    /// The time of the last accepted event (the start, before any): no
    /// event may come earlier.
    pub last_at: DateTime<Utc>,
}

/// A verification machine: its terms (the numbers it keeps from the
/// profile), its events, its state, and its pure transition. [`Flow`]
/// does the rest. The crate's machines implement it; a caller may too.
pub trait Machine {
    /// The numbers the flow keeps.
    type Terms: Copy + Eq + std::fmt::Debug;
    /// What the caller reports.
    type Event: Copy + Eq + std::fmt::Debug + FlowEvent;
    /// The state events apply to.
    type State: Copy + Eq + std::fmt::Debug;

    /// The state before any event.
    fn initial(terms: &Self::Terms, prior_uses: u32, now: DateTime<Utc>) -> Self::State;

    /// Refuses terms that cannot be (a limit of zero).
    ///
    /// # Errors
    ///
    /// [`FlowError::Tampered`] naming what is wrong.
    fn check_terms(terms: &Self::Terms) -> Result<(), FlowError>;

    /// The state after `event` at `now` and the actions it emits; `reckon`
    /// turns a duration from `now` into a due time. Pure: the same inputs
    /// give the same answer. [`Flow`] calls it only for a flow that has
    /// not ended, with a `now` no earlier than the last event's.
    ///
    /// # Errors
    ///
    /// A [`FlowError`] when the event does not apply.
    fn apply(
        terms: &Self::Terms,
        state: &Self::State,
        event: &Self::Event,
        now: DateTime<Utc>,
        reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
    ) -> Result<(Self::State, Vec<Action>), FlowError>;

    /// What the state shows.
    fn view(terms: &Self::Terms, state: &Self::State) -> View;
}

/// The checks every machine shares, then the machine's own transition:
/// time never goes back, and an ended flow takes no event.
fn transition<M: Machine>(
    terms: &M::Terms,
    state: &M::State,
    event: &M::Event,
    now: DateTime<Utc>,
    reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
) -> Result<(M::State, Vec<Action>), FlowError> {
    let v = M::view(terms, state);
    if now < v.last_at {
        return Err(FlowError::TimeWentBack);
    }
    if v.status.is_terminal() {
        return Err(FlowError::Unexpected {
            status: v.status,
            event: event.code(),
        });
    }
    M::apply(terms, state, event, now, reckon)
}

/// That an answer names the action the flow waits for.
pub(crate) fn expect_answer(pending: Option<ActionId>, id: ActionId) -> Result<(), FlowError> {
    if pending == Some(id) {
        Ok(())
    } else {
        Err(FlowError::UnknownAction { id })
    }
}

/// The failure a store's answer to a bind means, if any: `None` when the
/// identity is bound (now, or already), the cap reached otherwise.
pub(crate) fn bind_failure(outcome: BindOutcome, cap: Option<u32>) -> Option<Failure> {
    match outcome {
        BindOutcome::Bound | BindOutcome::AlreadyBound => None,
        BindOutcome::CapReached => Some(Failure::AccountCap { limit: cap }),
    }
}

/// One accepted event, with the due time its transition reckoned from the
/// calendar (so that replaying it does not depend on a calendar that has
/// changed since).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::calendar::ChinaMainland;
/// use realname::flow::{DepositEvent, MicroDeposit};
/// use realname::policy::Provider;
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
/// let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t)?;
/// let _ = flow.handle(DepositEvent::Submit { fen: 21 }, t, &ChinaMainland::default())?;
/// assert_eq!(flow.history()[0].event, DepositEvent::Submit { fen: 21 });
/// assert_eq!(flow.history()[0].reckoned, None);
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Record<E> {
    /// When.
    pub at: DateTime<Utc>,
    /// What.
    pub event: E,
    /// The due time the transition reckoned, if it reckoned one.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub reckoned: Option<DateTime<Utc>>,
}

/// A running flow of machine `M`: its terms, its history and its state.
/// See the [module docs](super) for the rules every flow keeps.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::flow::{Flow, Deposit, MicroDeposit};
/// use realname::policy::Provider;
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
/// let (flow, _): (Flow<Deposit>, _) = MicroDeposit::start(Provider::Tencent.profile(), 0, t)?;
/// assert_eq!(flow.revision(), 0);
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
pub struct Flow<M: Machine> {
    terms: M::Terms,
    started: DateTime<Utc>,
    prior_uses: u32,
    history: Vec<Record<M::Event>>,
    state: M::State,
}

// By hand: derived impls would ask the machine's marker type, not only its
// terms, events and state, to implement them.
impl<M: Machine> Clone for Flow<M> {
    fn clone(&self) -> Self {
        Flow {
            terms: self.terms,
            started: self.started,
            prior_uses: self.prior_uses,
            history: self.history.clone(),
            state: self.state,
        }
    }
}

impl<M: Machine> PartialEq for Flow<M> {
    fn eq(&self, other: &Self) -> bool {
        self.terms == other.terms
            && self.started == other.started
            && self.prior_uses == other.prior_uses
            && self.history == other.history
            && self.state == other.state
    }
}

impl<M: Machine> Eq for Flow<M> {}

impl<M: Machine> std::fmt::Debug for Flow<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Flow")
            .field("terms", &self.terms)
            .field("started", &self.started)
            .field("prior_uses", &self.prior_uses)
            .field("history", &self.history)
            .field("state", &self.state)
            .finish()
    }
}

impl<M: Machine> Flow<M> {
    /// A flow with these terms, for an account that used the method
    /// `prior_uses` times before (the caller's attempt ledger says).
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{DepositEvent, MicroDeposit, Status};
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t)?;
    /// use realname::flow::DepositTerms;
    /// let terms = *flow.terms();
    /// assert_eq!(MicroDeposit::with_terms(terms, 0, t), flow);
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn with_terms(terms: M::Terms, prior_uses: u32, now: DateTime<Utc>) -> Flow<M> {
        Flow {
            terms,
            started: now,
            prior_uses,
            history: Vec::new(),
            state: M::initial(&terms, prior_uses, now),
        }
    }

    /// The terms the flow keeps.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{DepositEvent, MicroDeposit, Status};
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t)?;
    /// assert_eq!(flow.terms().entries_per_transfer, Some(3));
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn terms(&self) -> &M::Terms {
        &self.terms
    }

    /// What the state shows.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{DepositEvent, MicroDeposit, Status};
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t)?;
    /// assert_eq!(flow.view().uses, 0);
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn view(&self) -> View {
        M::view(&self.terms, &self.state)
    }

    /// The status now.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{DepositEvent, MicroDeposit, Status};
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t)?;
    /// assert_eq!(flow.status(), Status::AwaitingApplicant);
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn status(&self) -> Status {
        self.view().status
    }

    /// One more per accepted event: the number a store compares and swaps
    /// on.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{DepositEvent, MicroDeposit, Status};
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t)?;
    /// let _ = flow.handle(DepositEvent::Submit { fen: 21 }, t, &ChinaMainland::default())?;
    /// assert_eq!(flow.revision(), 1);
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn revision(&self) -> u64 {
        self.view().revision
    }

    /// When to call back with the time, if the flow waits on a deadline.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{DepositEvent, MicroDeposit, Status};
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t)?;
    /// assert_eq!(flow.next_deadline(), None); // Kingsoft states no entry deadline
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn next_deadline(&self) -> Option<DateTime<Utc>> {
        self.view().next_deadline
    }

    /// Uses of the method counted so far, with those before this flow.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{DepositEvent, MicroDeposit, Status};
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t)?;
    /// let _ = flow.handle(DepositEvent::Submit { fen: 21 }, t, &ChinaMainland::default())?;
    /// assert_eq!(flow.uses(), 1); // counted as the payout is asked for
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn uses(&self) -> u32 {
        self.view().uses
    }

    /// The accepted events, in order.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{DepositEvent, MicroDeposit, Status};
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t)?;
    /// let _ = flow.handle(DepositEvent::Submit { fen: 21 }, t, &ChinaMainland::default())?;
    /// assert_eq!(flow.history().len(), 1);
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn history(&self) -> &[Record<M::Event>] {
        &self.history
    }

    /// The current step: status, no actions.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{DepositEvent, MicroDeposit, Status};
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t)?;
    /// assert!(flow.step().actions.is_empty());
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn step(&self) -> Step {
        self.step_with(Vec::new(), false)
    }

    fn step_with(&self, actions: Vec<Action>, duplicate: bool) -> Step {
        let v = self.view();
        Step {
            status: v.status,
            actions,
            next_deadline: v.next_deadline,
            failure: v.failure,
            revision: v.revision,
            duplicate,
        }
    }

    /// Applies `event` at `now`: first any deadline that has passed, then
    /// the event. Working-day times (a review's due time) are reckoned on
    /// `calendar`. An answer that was already taken (a retried webhook)
    /// changes nothing and is marked [`Step::duplicate`].
    ///
    /// # Errors
    ///
    /// A [`FlowError`] when the event does not apply in the flow's state,
    /// names an action the flow did not emit, comes with a time before the
    /// last event's, or when a due time cannot be reckoned. The flow is
    /// then unchanged.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{DepositEvent, MicroDeposit, Status};
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t)?;
    /// let step = flow.handle(DepositEvent::Submit { fen: 21 }, t, &ChinaMainland::default())?;
    /// assert_eq!(step.actions[0].code(), "request_payout");
    /// // An amount before the payout makes no sense: refused, nothing changes.
    /// let err = flow.handle(DepositEvent::AmountEntered { fen: 21, risk_hit: false }, t, &ChinaMainland::default());
    /// assert!(err.is_err() && flow.revision() == 1);
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn handle(
        &mut self,
        event: M::Event,
        now: DateTime<Utc>,
        calendar: &dyn WorkCalendar,
    ) -> Result<Step, FlowError> {
        if let Some(id) = event.answers()
            && Some(id) != self.view().pending
        {
            if let Some(earlier) = self.answer_to(id) {
                if earlier != event {
                    // The same action answered twice, differently: the
                    // first answer stands, and the caller is told.
                    return Err(FlowError::ConflictingAnswer { id });
                }
                // Nothing is counted again, but the time still applies
                // any deadline that has passed (an ended flow, or a time
                // before the last event's, has none to apply).
                let step = self
                    .handle(M::Event::tick(), now, calendar)
                    .unwrap_or_else(|_| self.step());
                return Ok(Step {
                    duplicate: true,
                    ..step
                });
            }
            return Err(FlowError::UnknownAction { id });
        }
        // An ended flow has no deadline left: a sweeper's tick is answered
        // with the flow as it is.
        if event == M::Event::tick() && self.status().is_terminal() {
            return Ok(self.step());
        }
        // Past the most events a flow takes, only the way out stays open:
        // the applicant may withdraw, and the time may still apply a
        // deadline (each ends the flow or marks it once), so a flow never
        // sticks.
        if self.history.len() >= MAX_EVENTS
            && event != M::Event::tick()
            && event.code() != "withdraw"
        {
            return Err(FlowError::TooManyEvents);
        }
        let mut reckoned = None;
        let mut reckon = |d: Duration| -> Result<DateTime<Utc>, FlowError> {
            let at = due(now, d, calendar).map_err(FlowError::Calendar)?;
            reckoned = Some(at);
            Ok(at)
        };
        let (next, actions) = transition::<M>(&self.terms, &self.state, &event, now, &mut reckon)?;
        if next == self.state {
            // A tick that changed nothing is not an event of the history.
            return Ok(self.step_with(actions, false));
        }
        self.history.push(Record {
            at: now,
            event,
            reckoned,
        });
        self.state = next;
        Ok(self.step_with(actions, false))
    }

    /// The earlier event that answered `id`, if any: an action's id is
    /// never reused, so any answer naming it answers the same action.
    fn answer_to(&self, id: ActionId) -> Option<M::Event> {
        self.history
            .iter()
            .find(|r| r.event.answers() == Some(id))
            .map(|r| r.event)
    }

    /// The flow as saved state (see [`Saved`]).
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{DepositEvent, MicroDeposit, Status};
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t)?;
    /// assert_eq!(MicroDeposit::restore(flow.save())?, flow);
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn save(&self) -> Saved<M> {
        let v = self.view();
        Saved {
            terms: self.terms,
            started: self.started,
            prior_uses: self.prior_uses,
            history: self.history.clone(),
            status: v.status,
            revision: v.revision,
            uses: v.uses,
            entries: v.entries,
            next_deadline: v.next_deadline,
        }
    }

    /// [`restore`](Self::restore), and the saved terms and uses before the
    /// flow must be the ones the caller kept apart (the terms it started
    /// the flow with, its attempt ledger's count), so that a writer who
    /// raised a limit or refunded uses consistently is caught too.
    ///
    /// # Errors
    ///
    /// [`FlowError::Tampered`]: as [`restore`](Self::restore), or "the
    /// terms" / "the uses before the flow".
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::flow::MicroDeposit;
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (flow, _) = MicroDeposit::start(Provider::Baidu.profile(), 9, t)?;
    /// let terms = *flow.terms();
    /// let mut saved = flow.save();
    /// saved.prior_uses = 0;
    /// saved.uses = 0; // nine uses refunded, consistently
    /// assert!(MicroDeposit::restore(saved.clone()).is_ok());
    /// assert_eq!(MicroDeposit::restore_expecting(saved, &terms, 9).unwrap_err().code(), "flow_tampered");
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn restore_expecting(
        saved: Saved<M>,
        terms: &M::Terms,
        prior_uses: u32,
    ) -> Result<Flow<M>, FlowError> {
        if saved.terms != *terms {
            return Err(FlowError::Tampered("the terms"));
        }
        if saved.prior_uses != prior_uses {
            return Err(FlowError::Tampered("the uses before the flow"));
        }
        Flow::restore(saved)
    }

    /// A flow from saved state, after replaying its history: refused when
    /// the history does not apply event by event, when the status, the
    /// revision, a counter or the deadline saved beside it differs from
    /// what the history gives, or when a due time the history recorded is
    /// not what its duration gives (exactly, for durations in minutes,
    /// hours, days and months; within the bounds any working-day calendar
    /// allows, for working days).
    ///
    /// This catches a state edited by hand in one place; it cannot catch
    /// a writer who edits the terms, the uses before the flow and the
    /// history consistently. Against that, keep the terms and the ledger's
    /// count apart and restore with [`restore_expecting`](Self::restore_expecting),
    /// or store the saved state with a keyed MAC.
    ///
    /// # Errors
    ///
    /// [`FlowError::Tampered`] naming what does not hold together.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{DepositEvent, MicroDeposit, Status};
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t)?;
    /// let _ = flow.handle(DepositEvent::Submit { fen: 21 }, t, &ChinaMainland::default())?;
    /// let mut saved = flow.save();
    /// saved.uses = 0; // an attempt "refunded" by hand
    /// assert_eq!(MicroDeposit::restore(saved).unwrap_err().code(), "flow_tampered");
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn restore(saved: Saved<M>) -> Result<Flow<M>, FlowError> {
        M::check_terms(&saved.terms)?;
        if saved.history.len() > MAX_EVENTS + 2 {
            return Err(FlowError::Tampered("more events than a flow may take"));
        }
        let mut flow = Flow::<M>::with_terms(saved.terms, saved.prior_uses, saved.started);
        for record in &saved.history {
            let mut reckon = |d: Duration| {
                let at = record
                    .reckoned
                    .ok_or(FlowError::Tampered("a due time missing"))?;
                if plausible_due(record.at, d, at) {
                    Ok(at)
                } else {
                    Err(FlowError::Tampered("a due time moved"))
                }
            };
            let (next, _) = transition::<M>(
                &flow.terms,
                &flow.state,
                &record.event,
                record.at,
                &mut reckon,
            )
            .map_err(|e| match e {
                FlowError::Tampered(what) => FlowError::Tampered(what),
                _ => FlowError::Tampered("an event that does not apply"),
            })?;
            if next == flow.state {
                return Err(FlowError::Tampered("an event that changed nothing"));
            }
            flow.state = next;
            flow.history.push(*record);
        }
        let v = flow.view();
        if v.status != saved.status {
            return Err(FlowError::Tampered("the status"));
        }
        if v.revision != saved.revision {
            return Err(FlowError::Tampered("the revision"));
        }
        if v.uses != saved.uses || v.entries != saved.entries {
            return Err(FlowError::Tampered("the attempt counters"));
        }
        if v.next_deadline != saved.next_deadline {
            return Err(FlowError::Tampered("the deadline"));
        }
        Ok(flow)
    }
}

/// Whether `at` is a due time that `d` from `from` can give: exactly, for
/// a duration that needs no calendar; after `from` and at most three
/// calendar days a working day (with a month to spare, for the longest
/// holidays), for working days.
fn plausible_due(from: DateTime<Utc>, d: Duration, at: DateTime<Utc>) -> bool {
    match d {
        Duration::WorkingDays(n) => {
            let latest = chrono::Duration::days(i64::from(n).saturating_mul(3).saturating_add(31));
            at > from && from.checked_add_signed(latest).is_none_or(|l| at <= l)
        }
        other => due(from, other, &crate::calendar::Weekdays).is_ok_and(|exact| exact == at),
    }
}

/// A flow as saved: its terms, its history of accepted events (with the
/// due times they reckoned), and beside them the status, revision,
/// counters and deadline a store lists flows by. With the `serde` feature
/// it serialises; [`Flow::restore`] replays the history and refuses a
/// state whose parts disagree.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::flow::{MicroDeposit, Status};
/// use realname::policy::Provider;
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
/// let (flow, _) = MicroDeposit::start(Provider::Baidu.profile(), 2, t)?;
/// let saved = flow.save();
/// assert_eq!((saved.status, saved.revision, saved.uses), (Status::AwaitingApplicant, 0, 2));
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        deny_unknown_fields,
        bound(
            serialize = "M::Terms: serde::Serialize, M::Event: serde::Serialize",
            deserialize = "M::Terms: serde::Deserialize<'de>, M::Event: serde::Deserialize<'de>"
        )
    )
)]
#[non_exhaustive]
pub struct Saved<M: Machine> {
    /// The terms the flow started with.
    pub terms: M::Terms,
    /// When it started.
    pub started: DateTime<Utc>,
    /// Uses of the method before this flow.
    pub prior_uses: u32,
    /// The accepted events.
    #[cfg_attr(feature = "serde", serde(default))]
    pub history: Vec<Record<M::Event>>,
    /// The status, as saved.
    pub status: Status,
    /// The revision, as saved.
    pub revision: u64,
    /// Uses counted, as saved.
    pub uses: u32,
    /// Entries of the current try, as saved.
    pub entries: u32,
    /// The next deadline, as saved: what a sweeper lists flows by.
    pub next_deadline: Option<DateTime<Utc>>,
}

impl<M: Machine> Clone for Saved<M> {
    fn clone(&self) -> Self {
        Saved {
            terms: self.terms,
            started: self.started,
            prior_uses: self.prior_uses,
            history: self.history.clone(),
            status: self.status,
            revision: self.revision,
            uses: self.uses,
            entries: self.entries,
            next_deadline: self.next_deadline,
        }
    }
}

impl<M: Machine> PartialEq for Saved<M> {
    fn eq(&self, o: &Self) -> bool {
        self.terms == o.terms
            && self.started == o.started
            && self.prior_uses == o.prior_uses
            && self.history == o.history
            && self.status == o.status
            && self.revision == o.revision
            && self.uses == o.uses
            && self.entries == o.entries
            && self.next_deadline == o.next_deadline
    }
}

impl<M: Machine> Eq for Saved<M> {}

impl<M: Machine> std::fmt::Debug for Saved<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Saved")
            .field("terms", &self.terms)
            .field("started", &self.started)
            .field("prior_uses", &self.prior_uses)
            .field("history", &self.history)
            .field("status", &self.status)
            .field("revision", &self.revision)
            .field("uses", &self.uses)
            .field("entries", &self.entries)
            .field("next_deadline", &self.next_deadline)
            .finish()
    }
}
