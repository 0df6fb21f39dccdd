//! The recharge machine (充值认证): the organisation pays an amount the
//! platform chose into an account of the provider's, from a bank account
//! in its own name.

use chrono::{DateTime, Utc};

use super::machine::{bind_failure, expect_answer};
use super::{
    Action, ActionId, BindOutcome, Failure, Flow, FlowError, FlowEvent, Machine, Party, Saved,
    Status, Step, View,
};
use crate::SubjectKind;
use crate::calendar::{CalendarError, Duration};
use crate::policy::{
    AmountRange, Anchor, Contact, Counted, Deadline, MethodKind, NameRule, OnExhaust, OnExpiry,
    Profile, Scope,
};

/// The numbers a recharge flow takes from the profile when it starts and
/// keeps, so that a profile edited later does not change a running flow.
///
/// ```
/// use realname::calendar::Duration;
/// use realname::flow::RechargeTerms;
/// use realname::policy::{Anchor, Provider};
/// let b = RechargeTerms::from_profile(Provider::Baidu.profile())?;
/// assert_eq!(b.amount.map(|r| (r.min_fen, r.max_fen)), Some((0, 100)));
/// assert_eq!(b.window, Some((Duration::CalendarDays(3), Anchor::AmountGenerated)));
/// assert_eq!(b.review, Some(Duration::CalendarDays(2)));
/// assert!(b.payer_name_must_match);
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct RechargeTerms {
    /// The range the amount must lie in, if stated (any amount of at least
    /// 1 fen is taken inside it: a payment of nothing cannot be matched).
    pub amount: Option<AmountRange>,
    /// How long the organisation has to pay, and from what, if stated.
    pub window: Option<(Duration, Anchor)>,
    /// What follows when the window passes: as the profile states (Baidu:
    /// "否则申请将被拒绝", rejected), else the flow expires.
    pub on_expiry: OnExpiry,
    /// The longest the review after a matching payment takes, if stated;
    /// without one, a matching payment goes straight to the bind.
    pub review: Option<Duration>,
    /// Whether the paying account's name must be the organisation's
    /// (Baidu: "使用账户名与实名一致的银行账号进行打款，否则申请将被拒绝").
    pub payer_name_must_match: bool,
    /// Recharges allowed per account, if limited.
    pub uses_per_account: Option<u32>,
    /// What follows when they are used up, if stated.
    pub on_uses_exhausted: Option<OnExhaust>,
    /// The account cap for organisations, if it has a number.
    pub cap: Option<u32>,
    /// Whom to contact when the review is overdue, if the provider says.
    pub escalation: Option<Contact>,
}

impl RechargeTerms {
    /// The terms of the profile's recharge method.
    ///
    /// # Errors
    ///
    /// [`FlowError::MethodNotOffered`] when the profile offers no
    /// recharge.
    ///
    /// ```
    /// use realname::calendar::Duration;
    /// use realname::flow::RechargeTerms;
    /// use realname::policy::{Contact, Provider};
    /// let t = RechargeTerms::from_profile(Provider::Tencent.profile())?;
    /// assert_eq!((t.amount, t.window), (None, None));
    /// assert_eq!(t.review, Some(Duration::WorkingDays(1)));
    /// assert_eq!((t.cap, t.escalation), (Some(10), Some(Contact::OnlineService)));
    /// assert!(RechargeTerms::from_profile(Provider::Kingsoft.profile()).is_err());
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn from_profile(profile: &Profile) -> Result<RechargeTerms, FlowError> {
        let m = profile
            .method(MethodKind::Recharge)
            .ok_or(FlowError::MethodNotOffered)?;
        let payment = m.payment.as_ref();
        let uses = m.attempts.iter().map(|a| &a.value).find(|a| {
            matches!(a.counted, Counted::Attempts | Counted::MethodUses)
                && a.scope == Scope::Account
        });
        Ok(RechargeTerms {
            amount: payment.and_then(|p| p.amount_fen.value().copied()),
            window: payment
                .and_then(|p| p.deadline.value())
                .map(|d| (d.within, d.from)),
            review: m.review.value().and_then(|r| r.deadline()),
            payer_name_must_match: m
                .name_rules
                .iter()
                .any(|r| r.value == NameRule::PayerNameIsVerifiedName),
            on_expiry: payment
                .and_then(|p| p.deadline.value())
                .map_or(OnExpiry::Expired, Deadline::expiry),
            uses_per_account: uses.map(|a| a.max),
            on_uses_exhausted: uses.and_then(|a| a.on_exhaust),
            cap: profile
                .account_cap(SubjectKind::Organization)
                .and_then(|c| c.value.limit.number()),
            escalation: profile.overdue_review.value().copied(),
        })
    }

    fn check(&self) -> Result<(), FlowError> {
        let zero = |n: Option<u32>| n == Some(0);
        if zero(self.uses_per_account) || zero(self.cap) {
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

/// What happened, as the caller reports it to a [`Recharge`].
///
/// ```
/// use realname::flow::{FlowEvent, RechargeEvent};
/// assert_eq!(RechargeEvent::Submit { fen: 37, new_account: false }.code(), "submit");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RechargeEvent {
    /// The applicant submitted the organisation's details and asked for
    /// the payment details; the caller chose the amount, in fen, inside the
    /// profile's range. `new_account`: the organisation has no dedicated
    /// account to pay into yet, and creating one takes an SMS code first
    /// (Baidu: "如果您还未生成专属账号，需要输入手机号验证码").
    Submit {
        /// The amount to pay.
        fen: u32,
        /// Whether a dedicated account must be created first.
        new_account: bool,
    },
    /// The applicant entered the SMS code, or did not.
    SmsCode {
        /// The action it answers.
        id: ActionId,
        /// Whether the code was right.
        passed: bool,
    },
    /// A payment arrived in the dedicated account.
    PaymentReceived {
        /// The action it answers.
        id: ActionId,
        /// The amount received, in fen.
        fen: u32,
        /// Whether the paying account's name is the organisation's.
        payer_name_matches: bool,
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

impl FlowEvent for RechargeEvent {
    fn tick() -> RechargeEvent {
        RechargeEvent::Tick
    }

    fn code(&self) -> &'static str {
        match self {
            RechargeEvent::Submit { .. } => "submit",
            RechargeEvent::SmsCode { .. } => "sms_code",
            RechargeEvent::PaymentReceived { .. } => "payment_received",
            RechargeEvent::ReviewDecided { .. } => "review_decided",
            RechargeEvent::Bound { .. } => "bound",
            RechargeEvent::Withdraw => "withdraw",
            RechargeEvent::Tick => "tick",
        }
    }

    fn answers(&self) -> Option<ActionId> {
        match self {
            RechargeEvent::SmsCode { id, .. }
            | RechargeEvent::PaymentReceived { id, .. }
            | RechargeEvent::ReviewDecided { id, .. }
            | RechargeEvent::Bound { id, .. } => Some(*id),
            _ => None,
        }
    }
}

/// Where the machine is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Details,
    SmsCode,
    Payment,
    Review,
    Binding,
    Verified,
    Failed,
    Expired,
    Locked,
    Withdrawn,
}

/// The recharge machine's state: derived from the history, opaque.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::flow::{Machine, Recharge, Remittance};
/// use realname::policy::Provider;
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
/// let (flow, _) = Recharge::start(Provider::Baidu.profile(), 0, t)?;
/// assert_eq!(Remittance::view(flow.terms(), &Remittance::initial(flow.terms(), 0, t)).uses, 0);
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    phase: Phase,
    revision: u64,
    uses: u32,
    fen: Option<u32>,
    pending: Option<ActionId>,
    deadline: Option<DateTime<Utc>>,
    review_due: Option<DateTime<Utc>>,
    overdue: bool,
    submitted_at: Option<DateTime<Utc>>,
    failure: Option<Failure>,
    last_at: DateTime<Utc>,
}

/// A recharge verification (充值认证) as a sans-IO state machine: Baidu AI
/// Cloud's (B-RECHARGE) and Tencent Cloud's (T-RECHARGE), with the
/// numbers of each profile.
///
/// The flow: the applicant submits the organisation's details; where the
/// organisation has no dedicated account yet, an SMS code first; then the
/// flow shows the amount and the account to pay into
/// ([`Action::AwaitPayment`], with the deadline: Baidu's 3 days from the
/// amount's generation), counting one use of the method in that step. The
/// caller reports the payment as it arrives: the amount and whether the
/// payer's account name is the organisation's. A match goes to the review
/// (Baidu 0–2 days, Tencent at most 1 working day), then the bind under
/// the account cap, then verified. A wrong amount, or a payer of another
/// name where the provider requires the organisation's, ends the flow
/// refused ([`Failure::PaymentMismatch`]); a deadline that passed is
/// applied before any event, so a late payment meets an expired flow. A
/// review past its due time stays in review and is overdue
/// ([`Recharge::is_overdue`], [`Recharge::escalation`]).
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use realname::calendar::ChinaMainland;
/// use realname::flow::{Action, BindOutcome, Recharge, RechargeEvent as E, Status};
/// use realname::policy::Provider;
///
/// let cal = ChinaMainland::default();
/// let t0 = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
/// let (mut flow, _) = Recharge::start(Provider::Baidu.profile(), 0, t0)?;
/// // No dedicated account yet: an SMS code first.
/// let step = flow.handle(E::Submit { fen: 37, new_account: true }, t0, &cal)?;
/// let [Action::SendSmsCode { id }] = step.actions[..] else { panic!() };
/// let step = flow.handle(E::SmsCode { id, passed: true }, t0 + Duration::minutes(1), &cal)?;
/// let [Action::AwaitPayment { id, fen: 37, due: Some(due) }] = step.actions[..] else { panic!() };
/// assert_eq!(due, t0 + Duration::minutes(1) + Duration::days(3));
/// let step = flow.handle(E::PaymentReceived { id, fen: 37, payer_name_matches: true }, t0 + Duration::hours(5), &cal)?;
/// let [Action::QueueReview { id, .. }] = step.actions[..] else { panic!() };
/// let step = flow.handle(E::ReviewDecided { id, approved: true }, t0 + Duration::hours(20), &cal)?;
/// let [Action::Bind { id, cap: None }] = step.actions[..] else { panic!() };
/// let step = flow.handle(E::Bound { id, outcome: BindOutcome::Bound }, t0 + Duration::hours(21), &cal)?;
/// assert_eq!(step.status, Status::Verified);
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
pub type Recharge = Flow<Remittance>;

/// A saved [`Recharge`].
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use chrono::{TimeZone, Utc};
/// use realname::flow::{Recharge, SavedRecharge};
/// use realname::policy::Provider;
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
/// let (flow, _) = Recharge::start(Provider::Tencent.profile(), 0, t).unwrap();
/// let json = serde_json::to_string(&flow.save()).unwrap();
/// let back: SavedRecharge = serde_json::from_str(&json).unwrap();
/// assert_eq!(Recharge::restore(back).unwrap(), flow);
/// # }
/// ```
pub type SavedRecharge = Saved<Remittance>;

/// The recharge machine's transition, for [`Flow`].
///
/// ```
/// use realname::flow::{Machine, Remittance};
/// fn is_machine<M: Machine>() {}
/// is_machine::<Remittance>();
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Remittance;

impl Machine for Remittance {
    type Terms = RechargeTerms;
    type Event = RechargeEvent;
    type State = State;

    fn initial(_: &RechargeTerms, prior_uses: u32, now: DateTime<Utc>) -> State {
        State {
            phase: Phase::Details,
            revision: 0,
            uses: prior_uses,
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

    fn check_terms(terms: &RechargeTerms) -> Result<(), FlowError> {
        terms.check()
    }

    fn apply(
        terms: &RechargeTerms,
        state: &State,
        event: &RechargeEvent,
        now: DateTime<Utc>,
        reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
    ) -> Result<(State, Vec<Action>), FlowError> {
        apply(terms, state, event, now, reckon)
    }

    fn view(_: &RechargeTerms, s: &State) -> View {
        View {
            status: status_of(s),
            next_deadline: match s.phase {
                Phase::Payment => s.deadline,
                Phase::Review if !s.overdue => s.review_due,
                _ => None,
            },
            failure: s.failure,
            revision: s.revision,
            pending: s.pending,
            uses: s.uses,
            entries: 0,
            last_at: s.last_at,
        }
    }
}

impl Flow<Remittance> {
    /// Starts a recharge with the profile's terms, for an account that has
    /// used the method `prior_uses` times before.
    ///
    /// # Errors
    ///
    /// [`FlowError::MethodNotOffered`] when the profile offers no
    /// recharge.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::flow::{Recharge, Status};
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    /// let (flow, step) = Recharge::start(Provider::Tencent.profile(), 0, t)?;
    /// assert_eq!((step.status, flow.revision()), (Status::AwaitingApplicant, 0));
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn start(
        profile: &Profile,
        prior_uses: u32,
        now: DateTime<Utc>,
    ) -> Result<(Recharge, Step), FlowError> {
        let flow = Flow::with_terms(RechargeTerms::from_profile(profile)?, prior_uses, now);
        let step = flow.step();
        Ok((flow, step))
    }

    /// Whether the review is past its due time at `now`: the flow stays in
    /// review.
    ///
    /// ```
    /// use chrono::{Duration, TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{Action, Recharge, RechargeEvent as E};
    /// use realname::policy::{Contact, Provider};
    /// let cal = ChinaMainland::default();
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (mut flow, _) = Recharge::start(Provider::Tencent.profile(), 0, t)?;
    /// let step = flow.handle(E::Submit { fen: 50, new_account: false }, t, &cal)?;
    /// let [Action::AwaitPayment { id, .. }] = step.actions[..] else { panic!() };
    /// let step = flow.handle(E::PaymentReceived { id, fen: 50, payer_name_matches: true }, t, &cal)?;
    /// let [Action::QueueReview { due, .. }] = step.actions[..] else { panic!() };
    /// assert!(!flow.is_overdue(due));
    /// assert!(flow.is_overdue(due + Duration::seconds(1)));
    /// assert_eq!(flow.escalation(due + Duration::seconds(1)), Some(Contact::OnlineService));
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        matches!(self.status(), Status::InReview { due } if now > due)
    }

    /// Whom the applicant contacts about an overdue review, where the
    /// provider says (Tencent Cloud: 在线客服); `None` while the review is
    /// not overdue.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::flow::Recharge;
    /// use realname::policy::Provider;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    /// let (flow, _) = Recharge::start(Provider::Tencent.profile(), 0, t)?;
    /// assert_eq!(flow.escalation(t), None); // no review yet
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn escalation(&self, now: DateTime<Utc>) -> Option<Contact> {
        self.terms().escalation.filter(|_| self.is_overdue(now))
    }
}

fn status_of(s: &State) -> Status {
    match s.phase {
        Phase::Details | Phase::Payment => Status::AwaitingApplicant,
        Phase::SmsCode => Status::AwaitingParty(Party::Phone),
        Phase::Review => Status::InReview {
            due: s.review_due.unwrap_or(s.last_at),
        },
        Phase::Binding => Status::AwaitingParty(Party::Store),
        Phase::Verified => Status::Verified,
        Phase::Failed => Status::Failed,
        Phase::Expired => Status::Expired,
        Phase::Locked => Status::Locked,
        Phase::Withdrawn => Status::Withdrawn,
    }
}

/// The pure transition: the state after `event` at `now`, and the actions
/// it emits. `reckon` turns a duration from `now` into a due time.
fn apply(
    terms: &RechargeTerms,
    s: &State,
    event: &RechargeEvent,
    now: DateTime<Utc>,
    reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
) -> Result<(State, Vec<Action>), FlowError> {
    let unexpected = |state: &State| FlowError::Unexpected {
        status: status_of(state),
        event: event.code(),
    };
    let mut n = *s;
    n.last_at = now;
    let rev = s.revision.saturating_add(1);
    // Deadlines first: a late payment meets an expired flow.
    if n.phase == Phase::Payment
        && let Some(deadline) = n.deadline.filter(|d| now > *d)
    {
        n.phase = match terms.on_expiry {
            OnExpiry::Rejected => Phase::Failed,
            OnExpiry::Withdrawn => Phase::Withdrawn,
            _ => Phase::Expired,
        };
        n.pending = None;
        n.failure = Some(Failure::DeadlinePassed { due: deadline });
        n.revision = rev;
        return Ok((n, Vec::new()));
    }
    // A review past its due time is overdue, and stays in review.
    let marked =
        n.phase == Phase::Review && !n.overdue && n.review_due.is_some_and(|due| now > due);
    if marked {
        n.overdue = true;
    }
    let first = ActionId {
        revision: rev,
        index: 0,
    };
    let answer_is = |id: &ActionId| expect_answer(s.pending, *id);
    let mut actions = Vec::new();
    match (s.phase, *event) {
        (_, RechargeEvent::Tick) if !marked => return Ok((*s, actions)),
        (_, RechargeEvent::Tick) => {}
        (Phase::Binding, RechargeEvent::Withdraw) => return Err(unexpected(s)),
        (_, RechargeEvent::Withdraw) => {
            n.phase = Phase::Withdrawn;
            n.pending = None;
        }
        (Phase::Details, RechargeEvent::Submit { fen, new_account }) => {
            if !terms.accepts(fen) {
                return Err(FlowError::AmountOutOfRange { fen });
            }
            if let Some(max) = terms.uses_per_account.filter(|&m| s.uses >= m) {
                let failure = |fallback| {
                    Some(Failure::AttemptsExhausted {
                        counted: Counted::MethodUses,
                        max,
                        fallback,
                    })
                };
                (n.phase, n.failure) = match terms.on_uses_exhausted {
                    Some(OnExhaust::FallbackTo(m)) => (Phase::Failed, failure(Some(m))),
                    Some(OnExhaust::MethodLocked | OnExhaust::Restart) => {
                        (Phase::Locked, failure(None))
                    }
                    _ => (Phase::Failed, failure(None)),
                };
            } else {
                n.fen = Some(fen);
                n.submitted_at = Some(now);
                n.failure = None;
                n.pending = Some(first);
                if new_account {
                    n.phase = Phase::SmsCode;
                    actions.push(Action::SendSmsCode { id: first });
                } else {
                    actions.push(await_payment(terms, &mut n, first, now, reckon)?);
                }
            }
        }
        (Phase::SmsCode, RechargeEvent::SmsCode { id, passed }) => {
            answer_is(&id)?;
            if passed {
                n.pending = Some(first);
                actions.push(await_payment(terms, &mut n, first, now, reckon)?);
            } else {
                n.phase = Phase::Details;
                n.pending = None;
                n.fen = None;
                n.failure = Some(Failure::SmsCodeFailed);
            }
        }
        (
            Phase::Payment,
            RechargeEvent::PaymentReceived {
                id,
                fen,
                payer_name_matches,
            },
        ) => {
            answer_is(&id)?;
            n.deadline = None;
            if Some(fen) != s.fen || (terms.payer_name_must_match && !payer_name_matches) {
                n.phase = Phase::Failed;
                n.pending = None;
                n.failure = Some(Failure::PaymentMismatch);
            } else {
                n.pending = Some(first);
                match terms.review {
                    Some(time) => {
                        let due = reckon(time)?;
                        n.phase = Phase::Review;
                        n.review_due = Some(due);
                        actions.push(Action::QueueReview { id: first, due });
                    }
                    None => {
                        n.phase = Phase::Binding;
                        actions.push(Action::Bind {
                            id: first,
                            cap: terms.cap,
                        });
                    }
                }
            }
        }
        (Phase::Review, RechargeEvent::ReviewDecided { id, approved }) => {
            answer_is(&id)?;
            n.review_due = None;
            n.overdue = false;
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
        }
        (Phase::Binding, RechargeEvent::Bound { id, outcome }) => {
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

/// Moves to the payment and emits the action showing it: one use of the
/// method is counted here, and the deadline reckoned.
fn await_payment(
    terms: &RechargeTerms,
    n: &mut State,
    id: ActionId,
    now: DateTime<Utc>,
    reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
) -> Result<Action, FlowError> {
    let due = match terms.window {
        Some((within, Anchor::Initiation)) => {
            let from = n.submitted_at.unwrap_or(now);
            // Counted from the submission: the window's duration as the
            // calendar reckons it from now, shifted back by the time gone.
            let end = reckon(within)?;
            Some(
                from.checked_add_signed(end - now)
                    .ok_or(FlowError::Calendar(CalendarError::Overflow))?,
            )
        }
        // The amount is generated (and the application submitted) now.
        Some((within, _)) => Some(reckon(within)?),
        None => None,
    };
    n.phase = Phase::Payment;
    n.uses = n.uses.saturating_add(1);
    n.deadline = due;
    Ok(Action::AwaitPayment {
        id,
        fen: n.fen.unwrap_or(0),
        due,
    })
}
