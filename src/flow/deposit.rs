//! The micro-deposit machine (企业对公打款): the platform pays a small
//! amount into the organisation's bank account, and the applicant enters
//! it.

use chrono::{DateTime, Utc};

use super::machine::{bind_failure, expect_answer};
use super::{
    Action, ActionId, Actor, BindOutcome, Failure, FailureReason, Flow, FlowError, FlowEvent,
    Liveness, Machine, Party, Saved, Status, Step, View,
};
use crate::SubjectKind;
use crate::calendar::Duration;
use crate::policy::{
    AmountRange, Anchor, Counted, Deadline, Factor, MethodKind, OnExhaust, OnExpiry, Profile,
    ReviewCondition, Scope,
};

/// The numbers a micro-deposit flow takes from the profile when it starts
/// and keeps, so that a profile edited later does not change a running
/// flow.
///
/// ```
/// use realname::flow::DepositTerms;
/// use realname::policy::Provider;
/// let t = DepositTerms::from_profile(Provider::Baidu.profile())?;
/// assert_eq!(t.entries_per_transfer, Some(2));
/// assert_eq!(t.uses_per_account, Some(10));
/// assert!(t.operator_face);
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct DepositTerms {
    /// The range the deposit must lie in, if stated (else any amount of
    /// at least 1 fen).
    pub amount: Option<AmountRange>,
    /// Amount entries allowed per transfer, if limited.
    pub entries_per_transfer: Option<u32>,
    /// What follows when a transfer's entries are used up, if stated.
    pub on_entries_exhausted: Option<OnExhaust>,
    /// Transfers (initiations) allowed per account, if limited: Kingsoft's
    /// "只能进行一次", Baidu's "10次的认证次数限制".
    pub uses_per_account: Option<u32>,
    /// What follows when they are used up, if stated.
    pub on_uses_exhausted: Option<OnExhaust>,
    /// How long the applicant has to enter the amount, and from what.
    pub entry_window: Option<(Duration, Anchor)>,
    /// What follows when that time passes: as the profile states, else
    /// the flow expires.
    pub on_expiry: OnExpiry,
    /// How long a manual review after a risk hit takes, if the provider
    /// has one.
    pub risk_review: Option<Duration>,
    /// Whether the person handling the application passes a face check
    /// before the payout (Baidu).
    pub operator_face: bool,
    /// The account cap for organisations, if it has a number.
    pub cap: Option<u32>,
}

impl DepositTerms {
    /// The terms of the profile's corporate-transfer method.
    ///
    /// # Errors
    ///
    /// [`FlowError::MethodNotOffered`] when the profile offers no
    /// corporate transfer.
    ///
    /// ```
    /// use realname::flow::DepositTerms;
    /// use realname::policy::{MethodKind, OnExhaust, Provider};
    /// let k = DepositTerms::from_profile(Provider::Kingsoft.profile())?;
    /// assert_eq!((k.entries_per_transfer, k.uses_per_account), (Some(3), Some(1)));
    /// assert_eq!(k.on_uses_exhausted, Some(OnExhaust::FallbackTo(MethodKind::CertificateUpload)));
    /// assert!(DepositTerms::from_profile(Provider::HuaweiInternational.profile()).is_err());
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn from_profile(profile: &Profile) -> Result<DepositTerms, FlowError> {
        let m = profile
            .method(MethodKind::CorporateTransfer)
            .ok_or(FlowError::MethodNotOffered)?;
        let limit = |counted: &[Counted], scope: Scope| {
            m.attempts
                .iter()
                .map(|a| &a.value)
                .find(|a| counted.contains(&a.counted) && a.scope == scope)
        };
        let entries = limit(&[Counted::AmountEntries], Scope::Transfer);
        let uses = limit(&[Counted::MethodUses, Counted::Attempts], Scope::Account);
        let payment = m.payment.as_ref();
        Ok(DepositTerms {
            amount: payment.and_then(|p| p.amount_fen.value().copied()),
            entries_per_transfer: entries.map(|a| a.max),
            on_entries_exhausted: entries.and_then(|a| a.on_exhaust),
            uses_per_account: uses.map(|a| a.max),
            on_uses_exhausted: uses.and_then(|a| a.on_exhaust),
            entry_window: payment
                .and_then(|p| p.deadline.value())
                .map(|d| (d.within, d.from)),
            on_expiry: payment
                .and_then(|p| p.deadline.value())
                .map_or(OnExpiry::Expired, Deadline::expiry),
            risk_review: m
                .manual_review
                .value()
                .filter(|r| r.when == ReviewCondition::RiskPolicy)
                .and_then(|r| r.time.deadline()),
            operator_face: m.factors.contains(&Factor::OperatorFace),
            cap: profile
                .account_cap(SubjectKind::Organization)
                .and_then(|c| c.value.limit.number()),
        })
    }

    fn check(&self) -> Result<(), FlowError> {
        let zero = |n: Option<u32>| n == Some(0);
        if zero(self.entries_per_transfer) || zero(self.uses_per_account) || zero(self.cap) {
            return Err(FlowError::Tampered("a limit of zero"));
        }
        if self
            .amount
            .is_some_and(|r| r.min_fen > r.max_fen || r.max_fen == 0)
        {
            return Err(FlowError::Tampered("an empty amount range"));
        }
        Ok(())
    }

    fn accepts(&self, fen: u32) -> bool {
        fen > 0 && self.amount.is_none_or(|r| r.contains(fen))
    }
}

/// What happened, as the caller reports it to a [`MicroDeposit`].
///
/// ```
/// use realname::flow::{DepositEvent, FlowEvent};
/// assert_eq!(DepositEvent::Withdraw.code(), "withdraw");
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DepositEvent {
    /// The applicant submitted the organisation's and the bank account's
    /// details; the caller chose the deposit amount, in fen, inside the
    /// profile's range. Counts one use of the method.
    Submit {
        /// The amount the caller will pay.
        fen: u32,
    },
    /// The operator's face check answered.
    OperatorFace {
        /// The action it answers.
        id: ActionId,
        /// Whether it passed.
        passed: bool,
    },
    /// The payer sent the deposit.
    PayoutSent {
        /// The payout it answers.
        id: ActionId,
    },
    /// The payer could not send it.
    PayoutFailed {
        /// The payout it answers.
        id: ActionId,
        /// The payer's reason, if it maps to one the provider names.
        reason: Option<FailureReason>,
    },
    /// The applicant entered an amount. `risk_hit`: the caller's risk
    /// policy flags the application (Baidu sends it to a manual review
    /// then).
    AmountEntered {
        /// The amount entered, in fen.
        fen: u32,
        /// Whether the risk policy flags the application.
        risk_hit: bool,
    },
    /// The reviewer decided.
    ReviewDecided {
        /// The review it answers.
        id: ActionId,
        /// Approved or rejected.
        approved: bool,
    },
    /// The store answered the bind.
    Bound {
        /// The bind it answers.
        id: ActionId,
        /// The store's answer.
        outcome: BindOutcome,
    },
    /// The applicant withdrew.
    Withdraw,
    /// Only the time: apply any deadline that has passed.
    Tick,
}

/// The amounts are the check's secret (whoever knows the deposit passes):
/// `Debug` hides them, so that a log of the flow cannot be used to pass
/// it.
impl std::fmt::Debug for DepositEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hidden = format_args!("**");
        match self {
            DepositEvent::Submit { .. } => f.debug_struct("Submit").field("fen", &hidden).finish(),
            DepositEvent::AmountEntered { risk_hit, .. } => f
                .debug_struct("AmountEntered")
                .field("fen", &hidden)
                .field("risk_hit", risk_hit)
                .finish(),
            DepositEvent::OperatorFace { id, passed } => f
                .debug_struct("OperatorFace")
                .field("id", id)
                .field("passed", passed)
                .finish(),
            DepositEvent::PayoutSent { id } => {
                f.debug_struct("PayoutSent").field("id", id).finish()
            }
            DepositEvent::PayoutFailed { id, reason } => f
                .debug_struct("PayoutFailed")
                .field("id", id)
                .field("reason", reason)
                .finish(),
            DepositEvent::ReviewDecided { id, approved } => f
                .debug_struct("ReviewDecided")
                .field("id", id)
                .field("approved", approved)
                .finish(),
            DepositEvent::Bound { id, outcome } => f
                .debug_struct("Bound")
                .field("id", id)
                .field("outcome", outcome)
                .finish(),
            DepositEvent::Withdraw => f.write_str("Withdraw"),
            DepositEvent::Tick => f.write_str("Tick"),
        }
    }
}

/// As [`DepositEvent`]'s: the deposit amount is hidden.
impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DepositState")
            .field("phase", &self.phase)
            .field("revision", &self.revision)
            .field("uses", &self.uses)
            .field("entries", &self.entries)
            .field("fen", &self.fen.map(|_| format_args!("**")))
            .field("pending", &self.pending)
            .field("deadline", &self.deadline)
            .field("review_due", &self.review_due)
            .field("overdue", &self.overdue)
            .field("failure", &self.failure)
            .finish_non_exhaustive()
    }
}

impl FlowEvent for DepositEvent {
    fn tick() -> DepositEvent {
        DepositEvent::Tick
    }

    fn code(&self) -> &'static str {
        match self {
            DepositEvent::Submit { .. } => "submit",
            DepositEvent::OperatorFace { .. } => "operator_face",
            DepositEvent::PayoutSent { .. } => "payout_sent",
            DepositEvent::PayoutFailed { .. } => "payout_failed",
            DepositEvent::AmountEntered { .. } => "amount_entered",
            DepositEvent::ReviewDecided { .. } => "review_decided",
            DepositEvent::Bound { .. } => "bound",
            DepositEvent::Withdraw => "withdraw",
            DepositEvent::Tick => "tick",
        }
    }

    fn answers(&self) -> Option<ActionId> {
        match self {
            DepositEvent::OperatorFace { id, .. }
            | DepositEvent::PayoutSent { id }
            | DepositEvent::PayoutFailed { id, .. }
            | DepositEvent::ReviewDecided { id, .. }
            | DepositEvent::Bound { id, .. } => Some(*id),
            _ => None,
        }
    }
}

/// Where the machine is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Details,
    OperatorFace,
    Payout,
    Amount,
    Review,
    Binding,
    Verified,
    Failed,
    Expired,
    Locked,
    Withdrawn,
}

/// The micro-deposit machine's state: derived from the history, opaque.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct State {
    phase: Phase,
    revision: u64,
    uses: u32,
    entries: u32,
    fen: Option<u32>,
    pending: Option<ActionId>,
    deadline: Option<DateTime<Utc>>,
    review_due: Option<DateTime<Utc>>,
    overdue: bool,
    submitted_at: Option<DateTime<Utc>>,
    failure: Option<Failure>,
    last_at: DateTime<Utc>,
}

/// A micro-deposit verification (企业对公打款认证) as a sans-IO state
/// machine: Kingsoft Cloud's corporate-account transfer (K-CORP), Baidu AI
/// Cloud's micro-deposit (B-MICRO) and Tencent Cloud's corporate transfer
/// (T-TRANSFER), with the numbers of each profile.
///
/// The flow: the applicant submits the details (one use of the method is
/// counted here, in the same step that asks for the payout or the
/// operator's face check, so no crash can refund it); the operator's face
/// where the provider has one; the payer's answer; the applicant's amount
/// entries (each counted as it is made, against the per-transfer limit,
/// before the deadline); a manual review if the caller's risk policy
/// flags the application and the provider has one; the bind under the
/// account cap; verified. A wrong amount leaves entries; when they are
/// used up the provider's rule decides: start a new transfer (Baidu), or
/// the method is used up and the applicant goes to another (Kingsoft's
/// certificate upload). A deadline that passed is applied before any
/// event, so a late amount meets an expired flow.
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use realname::calendar::ChinaMainland;
/// use realname::flow::{Action, BindOutcome, DepositEvent as E, MicroDeposit, Status};
/// use realname::policy::Provider;
///
/// let cal = ChinaMainland::default();
/// let t0 = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
/// let at = |minutes| t0 + Duration::minutes(minutes);
/// let (mut flow, step) = MicroDeposit::start(Provider::Baidu.profile(), 0, t0)?;
/// assert_eq!(step.status, Status::AwaitingApplicant);
///
/// // The caller chose 0.37 yuan; Baidu checks the operator's face first.
/// let step = flow.handle(E::Submit { fen: 37 }, at(1), &cal)?;
/// let [Action::StartLiveness { id, .. }] = step.actions[..] else { panic!() };
/// let step = flow.handle(E::OperatorFace { id, passed: true }, at(2), &cal)?;
/// let [Action::RequestPayout { id, fen: 37 }] = step.actions[..] else { panic!() };
/// let step = flow.handle(E::PayoutSent { id }, at(3), &cal)?;
/// assert_eq!(step.status, Status::AwaitingApplicant);
/// assert!(step.next_deadline.is_some()); // 8 days to enter the amount
///
/// // One wrong entry of two, then the right one.
/// let step = flow.handle(E::AmountEntered { fen: 73, risk_hit: false }, at(60), &cal)?;
/// assert_eq!(step.failure.map(|f| f.code()), Some("wrong_amount"));
/// let step = flow.handle(E::AmountEntered { fen: 37, risk_hit: false }, at(61), &cal)?;
/// let [Action::Bind { id, cap: None }] = step.actions[..] else { panic!() };
/// let step = flow.handle(E::Bound { id, outcome: BindOutcome::Bound }, at(62), &cal)?;
/// assert_eq!(step.status, Status::Verified);
/// assert_eq!(flow.revision(), 6);
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
pub type MicroDeposit = Flow<Deposit>;

/// A saved [`MicroDeposit`].
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use chrono::{TimeZone, Utc};
/// use realname::flow::{MicroDeposit, SavedDeposit};
/// use realname::policy::Provider;
/// let (flow, _) = MicroDeposit::start(Provider::Baidu.profile(), 0, Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap()).unwrap();
/// let json = serde_json::to_string(&flow.save()).unwrap();
/// let back: SavedDeposit = serde_json::from_str(&json).unwrap();
/// assert_eq!(MicroDeposit::restore(back).unwrap(), flow);
/// # }
/// ```
pub type SavedDeposit = Saved<Deposit>;

/// The micro-deposit machine's transition, for [`Flow`].
///
/// ```
/// use realname::flow::{Deposit, Machine};
/// fn is_machine<M: Machine>() {}
/// is_machine::<Deposit>();
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deposit;

impl Machine for Deposit {
    type Terms = DepositTerms;
    type Event = DepositEvent;
    type State = State;

    fn initial(_: &DepositTerms, prior_uses: u32, now: DateTime<Utc>) -> State {
        State {
            phase: Phase::Details,
            revision: 0,
            uses: prior_uses,
            entries: 0,
            fen: None,
            pending: None,
            deadline: None,
            review_due: None,
            overdue: false,
            submitted_at: None,
            failure: None,
            last_at: now,
        }
    }

    fn check_terms(terms: &DepositTerms) -> Result<(), FlowError> {
        terms.check()
    }

    fn apply(
        terms: &DepositTerms,
        state: &State,
        event: &DepositEvent,
        now: DateTime<Utc>,
        reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
    ) -> Result<(State, Vec<Action>), FlowError> {
        apply(terms, state, event, now, reckon)
    }

    fn view(_: &DepositTerms, s: &State) -> View {
        View {
            status: status_of(s),
            next_deadline: match s.phase {
                Phase::Amount => s.deadline,
                Phase::Review if !s.overdue => s.review_due,
                _ => None,
            },
            failure: s.failure,
            revision: s.revision,
            pending: s.pending,
            uses: s.uses,
            entries: s.entries,
            last_at: s.last_at,
        }
    }
}

impl Flow<Deposit> {
    /// Starts a micro-deposit with the profile's corporate-transfer terms,
    /// for an account that has used the method `prior_uses` times before
    /// (the caller's attempt ledger says).
    ///
    /// # Errors
    ///
    /// [`FlowError::MethodNotOffered`] when the profile offers no
    /// corporate transfer.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::flow::{MicroDeposit, Status};
    /// use realname::policy::Provider;
    /// let (flow, step) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap())?;
    /// assert_eq!((step.status, flow.revision()), (Status::AwaitingApplicant, 0));
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn start(
        profile: &Profile,
        prior_uses: u32,
        now: DateTime<Utc>,
    ) -> Result<(MicroDeposit, Step), FlowError> {
        let flow = Flow::with_terms(DepositTerms::from_profile(profile)?, prior_uses, now);
        let step = flow.step();
        Ok((flow, step))
    }

    /// Amount entries left for the current transfer, if limited.
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use realname::flow::MicroDeposit;
    /// # use realname::policy::Provider;
    /// let (flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap())?;
    /// assert_eq!(flow.entries_left(), Some(3));
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn entries_left(&self) -> Option<u32> {
        let used = self.view().entries;
        self.terms()
            .entries_per_transfer
            .map(|max| max.saturating_sub(used))
    }
}

fn status_of(s: &State) -> Status {
    match s.phase {
        Phase::Details | Phase::Amount => Status::AwaitingApplicant,
        Phase::OperatorFace => Status::AwaitingParty(Party::IdentityAuthority),
        Phase::Payout => Status::AwaitingParty(Party::Payer),
        Phase::Binding => Status::AwaitingParty(Party::Store),
        Phase::Review => Status::InReview {
            due: s.review_due.unwrap_or(s.last_at),
        },
        Phase::Verified => Status::Verified,
        Phase::Failed => Status::Failed,
        Phase::Expired => Status::Expired,
        Phase::Locked => Status::Locked,
        Phase::Withdrawn => Status::Withdrawn,
    }
}

/// Where a used-up limit sends the flow: a new transfer, a locked method,
/// or the end with the method to use instead.
fn exhausted(counted: Counted, max: u32, rule: Option<OnExhaust>) -> (Phase, Failure) {
    let failure = |fallback| Failure::AttemptsExhausted {
        counted,
        max,
        fallback,
    };
    match rule {
        Some(OnExhaust::MethodLocked) => (Phase::Locked, failure(None)),
        Some(OnExhaust::FallbackTo(m)) => (Phase::Failed, failure(Some(m))),
        Some(OnExhaust::Restart) => (Phase::Details, failure(None)),
        _ => (Phase::Failed, failure(None)),
    }
}

/// The pure transition: the state after `event` at `now`, and the actions
/// it emits. `reckon` turns a duration from `now` into a due time.
fn apply(
    terms: &DepositTerms,
    s: &State,
    event: &DepositEvent,
    now: DateTime<Utc>,
    reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
) -> Result<(State, Vec<Action>), FlowError> {
    let unexpected = |state: &State| FlowError::Unexpected {
        status: status_of(state),
        event: event.code(),
    };
    let mut n = *s;
    n.last_at = now;
    // Deadlines first: a late entry meets an expired flow.
    if n.phase == Phase::Amount
        && let Some(deadline) = n.deadline.filter(|d| now > *d)
    {
        n.phase = match terms.on_expiry {
            OnExpiry::Restart => Phase::Details,
            OnExpiry::Rejected => Phase::Failed,
            OnExpiry::Withdrawn => Phase::Withdrawn,
            _ => Phase::Expired,
        };
        if n.phase == Phase::Details {
            n.fen = None;
            n.entries = 0;
        }
        n.deadline = None;
        n.failure = Some(Failure::DeadlinePassed { due: deadline });
        n.revision = n.revision.saturating_add(1);
        return Ok((n, Vec::new()));
    }
    // A review past its due time is overdue: it stays in review, and the
    // flow no longer asks to be called back for it.
    let marked =
        n.phase == Phase::Review && !n.overdue && n.review_due.is_some_and(|due| now > due);
    if marked {
        n.overdue = true;
    }
    let rev = s.revision.saturating_add(1);
    let first = ActionId {
        revision: rev,
        index: 0,
    };
    let answer_is = |id: &ActionId| expect_answer(s.pending, *id);
    let mut actions = Vec::new();
    match (s.phase, *event) {
        (_, DepositEvent::Tick) if !marked => return Ok((*s, actions)),
        (_, DepositEvent::Tick) => {}
        (Phase::Binding, DepositEvent::Withdraw) => return Err(unexpected(s)),
        (_, DepositEvent::Withdraw) => {
            n.phase = Phase::Withdrawn;
            n.pending = None;
        }
        (Phase::Details, DepositEvent::Submit { fen }) => {
            if !terms.accepts(fen) {
                return Err(FlowError::AmountOutOfRange { fen });
            }
            if let Some(max) = terms.uses_per_account.filter(|&m| s.uses >= m) {
                let (phase, failure) = exhausted(Counted::MethodUses, max, terms.on_uses_exhausted);
                n.phase = if phase == Phase::Details {
                    Phase::Locked
                } else {
                    phase
                };
                n.failure = Some(failure);
            } else {
                n.uses = n.uses.saturating_add(1);
                n.entries = 0;
                n.fen = Some(fen);
                n.submitted_at = Some(now);
                n.failure = None;
                n.pending = Some(first);
                if terms.operator_face {
                    n.phase = Phase::OperatorFace;
                    actions.push(Action::StartLiveness {
                        id: first,
                        kind: Liveness::FaceScan,
                        actor: Actor::Operator,
                    });
                } else {
                    n.phase = Phase::Payout;
                    actions.push(Action::RequestPayout { id: first, fen });
                }
            }
        }
        (Phase::OperatorFace, DepositEvent::OperatorFace { id, passed }) => {
            answer_is(&id)?;
            if passed {
                n.phase = Phase::Payout;
                n.pending = Some(first);
                actions.push(Action::RequestPayout {
                    id: first,
                    fen: s.fen.unwrap_or(0),
                });
            } else {
                // As with a failed face scan, back to the form: the use
                // stays counted.
                n.phase = Phase::Details;
                n.pending = None;
                n.fen = None;
                n.failure = Some(Failure::FaceCheckFailed);
            }
        }
        (Phase::Payout, DepositEvent::PayoutSent { id }) => {
            answer_is(&id)?;
            n.phase = Phase::Amount;
            n.pending = None;
            n.deadline = match terms.entry_window {
                Some((within, anchor)) => {
                    let from = match anchor {
                        Anchor::Initiation => s.submitted_at.unwrap_or(now),
                        // The receipt is not observable: the payer's
                        // answer is the nearest event to it.
                        _ => now,
                    };
                    Some(deadline_from(from, within, now, reckon)?)
                }
                None => None,
            };
        }
        (Phase::Payout, DepositEvent::PayoutFailed { id, reason }) => {
            answer_is(&id)?;
            n.phase = Phase::Details;
            n.pending = None;
            n.fen = None;
            n.failure = Some(Failure::PayoutFailed { reason });
        }
        (Phase::Amount, DepositEvent::AmountEntered { fen, risk_hit }) => {
            n.entries = n.entries.saturating_add(1);
            if Some(fen) == s.fen {
                n.failure = None;
                n.deadline = None;
                match terms.risk_review.filter(|_| risk_hit) {
                    Some(time) => {
                        let due = reckon(time)?;
                        n.phase = Phase::Review;
                        n.review_due = Some(due);
                        n.pending = Some(first);
                        actions.push(Action::QueueReview { id: first, due });
                    }
                    None => {
                        n.phase = Phase::Binding;
                        n.pending = Some(first);
                        actions.push(Action::Bind {
                            id: first,
                            cap: terms.cap,
                        });
                    }
                }
            } else {
                let left = terms
                    .entries_per_transfer
                    .map(|max| max.saturating_sub(n.entries));
                n.failure = Some(Failure::WrongAmount { left });
                if let (Some(0), Some(max)) = (left, terms.entries_per_transfer) {
                    let uses_left = terms.uses_per_account.is_none_or(|m| n.uses < m);
                    let (phase, failure) = match terms.on_entries_exhausted {
                        Some(OnExhaust::Restart) if uses_left => {
                            exhausted(Counted::AmountEntries, max, Some(OnExhaust::Restart))
                        }
                        Some(OnExhaust::Restart) | None => match terms.uses_per_account {
                            // The transfer is used up, and with it the
                            // method's last use: the uses' rule decides.
                            Some(m) if !uses_left => {
                                exhausted(Counted::MethodUses, m, terms.on_uses_exhausted)
                            }
                            _ => exhausted(Counted::AmountEntries, max, None),
                        },
                        rule => exhausted(Counted::AmountEntries, max, rule),
                    };
                    n.phase = if phase == Phase::Details && !uses_left {
                        Phase::Locked
                    } else {
                        phase
                    };
                    n.failure = Some(failure);
                    n.deadline = None;
                    if n.phase == Phase::Details {
                        n.fen = None;
                        n.entries = 0;
                    }
                }
            }
        }
        (Phase::Review, DepositEvent::ReviewDecided { id, approved }) => {
            answer_is(&id)?;
            if approved {
                n.phase = Phase::Binding;
                n.pending = Some(first);
                actions.push(Action::Bind {
                    id: first,
                    cap: terms.cap,
                });
            } else {
                n.phase = Phase::Failed;
                n.pending = None;
                n.failure = Some(Failure::ReviewRejected);
            }
            n.review_due = None;
        }
        (Phase::Binding, DepositEvent::Bound { id, outcome }) => {
            answer_is(&id)?;
            n.pending = None;
            match bind_failure(outcome, terms.cap) {
                None => n.phase = Phase::Verified,
                Some(failure) => {
                    n.phase = Phase::Failed;
                    n.failure = Some(failure);
                }
            }
        }
        _ => return Err(unexpected(s)),
    }
    n.revision = rev;
    Ok((n, actions))
}

/// A deadline `within` from `from`: reckoned from `now` on the calendar
/// when `from` is now, else by calendar days and times from `from`.
fn deadline_from(
    from: DateTime<Utc>,
    within: Duration,
    now: DateTime<Utc>,
    reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
) -> Result<DateTime<Utc>, FlowError> {
    if from == now {
        return reckon(within);
    }
    // Counted from an earlier time: the window's duration in calendar
    // terms, shifted back by the time already gone.
    let end = reckon(within)?;
    Ok(from + (end - now))
}
