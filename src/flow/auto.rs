//! The automatic-check machine: the applicant submits, an outside party
//! checks (an SMS code, a liveness check, the identity authority or the
//! bank), and the provider's systems decide at once, with a manual review
//! only where the profile names one.

use chrono::{DateTime, Utc};

use super::machine::{bind_failure, expect_answer};
use super::{
    Action, ActionId, Actor, BindOutcome, Failure, FailureReason, Flow, FlowError, FlowEvent,
    Liveness, Machine, Party, Saved, Status, Step, View,
};
use crate::SubjectKind;
use crate::calendar::Duration;
use crate::org::OrganizationClass;
use crate::policy::{
    AttemptLimit, Counted, Decision, DelegateFor, Factor, MethodKind, OnExhaust, Profile,
    ReviewCondition, Scope,
};

/// The terms an automatic-check flow takes from the profile when it starts
/// and keeps, so that a profile edited later does not change a running
/// flow. Which steps exist follows from the method's factors; every number
/// and switch comes from the profile.
///
/// ```
/// use realname::flow::{AutoTerms, Liveness, Party};
/// use realname::policy::{MethodKind, Provider};
/// let t = AutoTerms::from_profile(Provider::Baidu.profile(), MethodKind::BankCard)?;
/// assert!(t.sms);
/// assert_eq!(t.liveness, None);
/// assert_eq!(t.identity_check, Some(Party::Bank));
/// assert_eq!(t.attempts.map(|a| a.max), Some(10));
/// assert_eq!(t.cap, Some(5));
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct AutoTerms {
    /// The method.
    pub method: MethodKind,
    /// Whom it verifies: an individual, or an organisation.
    pub subject: SubjectKind,
    /// Whether an SMS code to the bank's mobile number comes first
    /// ([`Factor::BankMobileSms`]).
    pub sms: bool,
    /// The liveness check, if the method has one: a video reading digits
    /// ([`Factor::VideoReadingDigits`]), a face scan
    /// ([`Factor::FaceScan`]), or, when a bank check follows, the face
    /// image it captures for that check ([`Liveness::FaceImage`]).
    pub liveness: Option<Liveness>,
    /// Who checks the submitted factors after the SMS and the liveness
    /// steps, when that is a step of its own: the bank for a bank card,
    /// the identity authority for a method without liveness (a WeChat or
    /// QQ identity). `None`: the liveness check is itself the check.
    pub identity_check: Option<Party>,
    /// Whether the method checks the legal representative
    /// ([`Factor::LegalRepresentative`]): then the representative acts, or
    /// a delegate where [`AutoTerms::delegate`] allows one.
    pub legal_representative: bool,
    /// Whether an organisation other than an enterprise may send a person
    /// it authorised with a sealed letter instead of its legal
    /// representative, as the method's
    /// [`delegate`](crate::policy::Method::delegate) rule states.
    pub delegate: bool,
    /// The limit on checks over the account's life, if stated (counted
    /// with the uses before the flow).
    pub attempts: Option<AttemptLimit>,
    /// The manual review after a passed check: when it happens and the
    /// longest it takes.
    pub review: Option<(ReviewCondition, Duration)>,
    /// The account cap of the method's subject, if it has a number.
    pub cap: Option<u32>,
}

impl AutoTerms {
    /// The terms of `method` as `profile` offers it.
    ///
    /// The steps follow from the method's factors: an SMS step for
    /// [`Factor::BankMobileSms`]; a liveness step for
    /// [`Factor::VideoReadingDigits`] or [`Factor::FaceScan`]; a bank check
    /// for [`Factor::BankCard`] (after the liveness, which then only
    /// captures the face image the bank check compares); an identity check
    /// for a method with no liveness. The attempt limit is the method's
    /// limit on attempts or uses over the account (limits of a change
    /// request belong to the change, not here); the manual review is the
    /// method's conditional one, where its time has an upper bound (a time
    /// given only as "at the fastest" gives no due time and no review); the
    /// cap is the account cap of the method's subject, where it has a
    /// number.
    ///
    /// # Errors
    ///
    /// [`FlowError::MethodNotOffered`] when the profile does not offer the
    /// method, or the method is not decided automatically: a payment (the
    /// micro-deposit and the recharge have machines of their own), an
    /// upload, or a method the profile says its staff decide.
    ///
    /// ```
    /// use realname::flow::{AutoTerms, Liveness};
    /// use realname::policy::{MethodKind, Provider, ReviewCondition};
    /// let k = AutoTerms::from_profile(Provider::Kingsoft.profile(), MethodKind::IdCardVideo)?;
    /// assert_eq!(k.liveness, Some(Liveness::VideoReadingDigits));
    /// assert_eq!((k.attempts, k.cap), (None, Some(1)));
    /// let b = AutoTerms::from_profile(Provider::Baidu.profile(), MethodKind::LegalRepresentativeFace)?;
    /// assert_eq!(b.review.map(|r| r.0), Some(ReviewCondition::OtherOrganization));
    /// assert!(b.delegate);
    /// assert!(AutoTerms::from_profile(Provider::Kingsoft.profile(), MethodKind::DocumentUpload).is_err());
    /// assert!(AutoTerms::from_profile(Provider::Kingsoft.profile(), MethodKind::Face).is_err());
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn from_profile(profile: &Profile, method: MethodKind) -> Result<AutoTerms, FlowError> {
        let m = profile.method(method).ok_or(FlowError::MethodNotOffered)?;
        let not_automatic = matches!(
            method,
            MethodKind::CorporateTransfer
                | MethodKind::Recharge
                | MethodKind::DocumentUpload
                | MethodKind::CertificateUpload
        ) || m.payment.is_some()
            || m.decision.value() == Some(&Decision::Manual);
        if not_automatic {
            return Err(FlowError::MethodNotOffered);
        }
        let has = |f: Factor| m.factors.contains(&f);
        let bank = has(Factor::BankCard);
        let liveness = if has(Factor::VideoReadingDigits) {
            Some(Liveness::VideoReadingDigits)
        } else if has(Factor::FaceScan) {
            Some(if bank {
                Liveness::FaceImage
            } else {
                Liveness::FaceScan
            })
        } else {
            None
        };
        let identity_check = if bank {
            Some(Party::Bank)
        } else if liveness.is_none() {
            Some(Party::IdentityAuthority)
        } else {
            None
        };
        let review = m
            .manual_review
            .value()
            .and_then(|r| r.time.deadline().map(|within| (r.when, within)));
        let legal_representative = has(Factor::LegalRepresentative);
        // The profile's delegate rule (Baidu: organisations other than
        // enterprises, 001:303-349).
        let delegate = legal_representative
            && m.delegate
                .value()
                .is_some_and(|d| d.organizations == DelegateFor::OtherOrganization);
        let attempts = m.attempts.iter().map(|a| a.value).find(|a| {
            a.scope == Scope::Account
                && matches!(a.counted, Counted::Attempts | Counted::MethodUses)
        });
        Ok(AutoTerms {
            method,
            subject: m.subject,
            sms: has(Factor::BankMobileSms),
            liveness,
            identity_check,
            legal_representative,
            delegate,
            attempts,
            review,
            cap: profile
                .account_cap(m.subject)
                .and_then(|c| c.value.limit.number()),
        })
    }

    fn check(&self) -> Result<(), FlowError> {
        if self.liveness.is_none() && self.identity_check.is_none() {
            return Err(FlowError::Tampered("a method with no check"));
        }
        if self
            .identity_check
            .is_some_and(|p| !matches!(p, Party::Bank | Party::IdentityAuthority))
        {
            return Err(FlowError::Tampered(
                "a check by a party that checks nothing",
            ));
        }
        if self.attempts.is_some_and(|a| a.max == 0) || self.cap == Some(0) {
            return Err(FlowError::Tampered("a limit of zero"));
        }
        Ok(())
    }

    /// Whether the method takes this submission: an individual for an
    /// individual's method; for an organisation's, its legal
    /// representative, a delegate where allowed, or the person handling
    /// the application where the method checks no legal representative.
    fn admits(&self, s: &Submission) -> bool {
        match (self.subject, s.organization) {
            (SubjectKind::Individual, None) => s.actor == Actor::Applicant,
            (SubjectKind::Organization, Some(class)) => match s.actor {
                Actor::LegalRepresentative => true,
                Actor::Delegate => self.delegate && class == OrganizationClass::OtherOrganization,
                Actor::Operator => !self.legal_representative,
                Actor::Applicant => false,
            },
            _ => false,
        }
    }

    /// The review a passed check goes on to, if any, for this submission.
    fn review_for(&self, s: &State) -> Option<Duration> {
        let (when, within) = self.review?;
        let applies = match when {
            ReviewCondition::Always => true,
            ReviewCondition::OtherOrganization => {
                s.organization == Some(OrganizationClass::OtherOrganization)
            }
            ReviewCondition::RiskPolicy => s.risk_hit,
        };
        applies.then_some(within)
    }
}

/// What the applicant submits to an [`AutomaticCheck`]: for an
/// organisation, its class (an enterprise, or another organisation) and
/// who acts for it. The flow holds no personal data: the caller keeps the
/// names and numbers.
///
/// ```
/// use realname::flow::{Actor, Submission};
/// use realname::org::OrganizationClass;
/// let s = Submission::organization(OrganizationClass::OtherOrganization, Actor::Delegate);
/// assert_eq!(s.actor, Actor::Delegate);
/// assert!(Submission::individual().with_risk_hit().risk_hit);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Submission {
    /// The organisation's class; `None` for an individual.
    pub organization: Option<OrganizationClass>,
    /// Who acts: the applicant (an individual); the legal representative;
    /// a delegate with a sealed letter of authorisation (an organisation
    /// other than an enterprise, where the method allows it); the person
    /// handling the application (a method that checks no legal
    /// representative, such as a WeChat Official Account).
    pub actor: Actor,
    /// Whether the caller's risk policy flags the application (a method
    /// whose manual review follows a risk hit sends it there).
    pub risk_hit: bool,
}

impl Submission {
    /// An individual verifying themself.
    ///
    /// ```
    /// use realname::flow::{Actor, Submission};
    /// assert_eq!(Submission::individual().actor, Actor::Applicant);
    /// ```
    #[must_use]
    pub const fn individual() -> Submission {
        Submission {
            organization: None,
            actor: Actor::Applicant,
            risk_hit: false,
        }
    }

    /// An organisation of this class, with `actor` acting for it.
    ///
    /// ```
    /// use realname::flow::{Actor, Submission};
    /// use realname::org::OrganizationClass;
    /// let s = Submission::organization(OrganizationClass::Enterprise, Actor::LegalRepresentative);
    /// assert_eq!(s.organization, Some(OrganizationClass::Enterprise));
    /// ```
    #[must_use]
    pub const fn organization(class: OrganizationClass, actor: Actor) -> Submission {
        Submission {
            organization: Some(class),
            actor,
            risk_hit: false,
        }
    }

    /// The same submission, flagged by the caller's risk policy.
    ///
    /// ```
    /// use realname::flow::Submission;
    /// assert!(!Submission::individual().risk_hit);
    /// assert!(Submission::individual().with_risk_hit().risk_hit);
    /// ```
    #[must_use]
    pub const fn with_risk_hit(mut self) -> Submission {
        self.risk_hit = true;
        self
    }
}

/// What happened, as the caller reports it to an [`AutomaticCheck`].
///
/// ```
/// use realname::flow::{ActionId, AutoEvent, FlowEvent};
/// let id = ActionId { revision: 1, index: 0 };
/// assert_eq!(AutoEvent::SmsCode { id, confirmed: true }.code(), "sms_code");
/// assert_eq!(AutoEvent::SmsCode { id, confirmed: true }.answers(), Some(id));
/// assert_eq!(AutoEvent::Withdraw.answers(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum AutoEvent {
    /// The applicant submitted the form (again, after a failure: a new QR
    /// code, a new SMS code). A submission the method does not take (an
    /// individual for an organisation's method, a delegate where the
    /// method allows none) is refused with [`FlowError::Unexpected`].
    Submit(Submission),
    /// The applicant entered the SMS code, or did not.
    SmsCode {
        /// The [`Action::SendSmsCode`] it answers.
        id: ActionId,
        /// Whether the code entered is the code sent (the caller checks).
        confirmed: bool,
    },
    /// The liveness check answered.
    Liveness {
        /// The [`Action::StartLiveness`] it answers.
        id: ActionId,
        /// Whether it passed.
        passed: bool,
        /// Why not, as the provider names it, if given.
        reason: Option<FailureReason>,
    },
    /// The identity authority or the bank answered the check of the
    /// factors.
    Checked {
        /// The [`Action::CheckIdentity`] it answers.
        id: ActionId,
        /// Whether the factors match.
        matched: bool,
        /// Which factor does not, as the provider names it, if given.
        reason: Option<FailureReason>,
    },
    /// The reviewer decided.
    ReviewDecided {
        /// The [`Action::QueueReview`] it answers.
        id: ActionId,
        /// Approved or rejected.
        approved: bool,
    },
    /// The store answered the bind.
    Bound {
        /// The [`Action::Bind`] it answers.
        id: ActionId,
        /// The store's answer.
        outcome: BindOutcome,
    },
    /// The applicant withdrew.
    Withdraw,
    /// Only the time.
    Tick,
}

impl FlowEvent for AutoEvent {
    fn tick() -> AutoEvent {
        AutoEvent::Tick
    }

    fn code(&self) -> &'static str {
        match self {
            AutoEvent::Submit(_) => "submit",
            AutoEvent::SmsCode { .. } => "sms_code",
            AutoEvent::Liveness { .. } => "liveness",
            AutoEvent::Checked { .. } => "checked",
            AutoEvent::ReviewDecided { .. } => "review_decided",
            AutoEvent::Bound { .. } => "bound",
            AutoEvent::Withdraw => "withdraw",
            AutoEvent::Tick => "tick",
        }
    }

    fn answers(&self) -> Option<ActionId> {
        match self {
            AutoEvent::SmsCode { id, .. }
            | AutoEvent::Liveness { id, .. }
            | AutoEvent::Checked { id, .. }
            | AutoEvent::ReviewDecided { id, .. }
            | AutoEvent::Bound { id, .. } => Some(*id),
            AutoEvent::Submit(_) | AutoEvent::Withdraw | AutoEvent::Tick => None,
        }
    }
}

/// Where the machine is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Form,
    Sms,
    Liveness,
    Check,
    Review,
    Binding,
    Verified,
    Failed,
    Locked,
    Withdrawn,
}

/// The automatic-check machine's state: derived from the history, opaque.
/// It holds no personal data.
///
/// ```
/// use realname::flow::{Auto, AutoState, Machine};
/// fn same<T>(_: Option<T>, _: Option<T>) {}
/// same::<AutoState>(None, None::<<Auto as Machine>::State>);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    phase: Phase,
    revision: u64,
    uses: u32,
    pending: Option<ActionId>,
    organization: Option<OrganizationClass>,
    actor: Actor,
    risk_hit: bool,
    review_due: Option<DateTime<Utc>>,
    overdue: bool,
    failure: Option<Failure>,
    last_at: DateTime<Utc>,
}

/// An automatic verification as a sans-IO state machine, driven by the
/// profile's terms ([`AutoTerms`]): Kingsoft Cloud's ID card with video
/// (K-ID) and bank card with face (K-BANK), Baidu AI Cloud's face (B-FACE),
/// UnionPay bank card (B-BANK) and legal representative's face (B-LRFACE),
/// Tencent Cloud's WeChat, QQ and face methods for individuals
/// (T-INDIVIDUAL) and its instant enterprise methods (T-ENTERPRISE: WeChat
/// Official Account, the legal representative's WeChat or face).
///
/// The flow: the applicant submits ([`AutoEvent::Submit`]); an SMS code
/// where the method has one ([`Action::SendSmsCode`]); a liveness check
/// where it has one ([`Action::StartLiveness`], with the actor submitted);
/// the check of the factors by the bank or the identity authority where
/// it is a step of its own ([`Action::CheckIdentity`]); a manual review
/// where the profile names one and its condition holds
/// ([`Action::QueueReview`]: Baidu reviews organisations other than
/// enterprises within 2 working days); the bind under the account cap
/// ([`Action::Bind`]); verified.
///
/// **Attempts.** One attempt is counted in the transition that emits the
/// check: the [`Action::CheckIdentity`], or the liveness check where it is
/// itself the check (a face scan, a video), so that no crash refunds it.
/// An SMS code that fails, or a face image that cannot be captured before
/// a bank check, counts nothing. When a check fails with no attempts left
/// the flow ends at once: [`Status::Locked`] (Baidu's "10次的认证次数限制":
/// other methods stay open), or [`Status::Failed`] naming the fallback the
/// profile gives; a limit whose consequence is not stated locks the
/// method. A flow started with the attempts already used up starts
/// locked. Where the profile states no limit (Kingsoft's methods, Baidu's
/// face, Tencent's), the flow never refuses on attempts: it counts them
/// for the caller's ledger, and the applicant may try again as often as
/// they like.
///
/// **Failures** send the applicant back to the form with the reason
/// ([`Failure::SmsCodeFailed`], [`Failure::LivenessFailed`],
/// [`Failure::IdentityMismatch`]); submitting again starts a new try (a
/// new QR code: Baidu's failed face scan invalidates the old one). A
/// review rejected, or the cap reached first by another account, ends the
/// flow ([`Failure::ReviewRejected`], [`Failure::AccountCap`]). No seed
/// states a time limit on any of these steps, so the flow has no deadline
/// of its own; during a review, the review's due time is when to call
/// back.
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use realname::calendar::ChinaMainland;
/// use realname::flow::{Action, AutoEvent as E, AutomaticCheck, BindOutcome, Liveness, Status, Submission};
/// use realname::policy::{MethodKind, Provider};
///
/// let cal = ChinaMainland::default();
/// let t0 = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
/// let at = |minutes| t0 + Duration::minutes(minutes);
/// // Kingsoft's bank card: SMS code, face image, the bank's check, bind.
/// let (mut flow, _) = AutomaticCheck::start(Provider::Kingsoft.profile(), MethodKind::BankCard, 0, t0)?;
/// let step = flow.handle(E::Submit(Submission::individual()), at(1), &cal)?;
/// let [Action::SendSmsCode { id }] = step.actions[..] else { panic!() };
/// let step = flow.handle(E::SmsCode { id, confirmed: true }, at(2), &cal)?;
/// let [Action::StartLiveness { id, kind: Liveness::FaceImage, .. }] = step.actions[..] else { panic!() };
/// let step = flow.handle(E::Liveness { id, passed: true, reason: None }, at(3), &cal)?;
/// let [Action::CheckIdentity { id }] = step.actions[..] else { panic!() };
/// assert_eq!(flow.uses(), 1); // counted as the check is asked for
/// let step = flow.handle(E::Checked { id, matched: true, reason: None }, at(4), &cal)?;
/// let [Action::Bind { id, cap: Some(1) }] = step.actions[..] else { panic!() };
/// let step = flow.handle(E::Bound { id, outcome: BindOutcome::Bound }, at(5), &cal)?;
/// assert_eq!(step.status, Status::Verified);
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
pub type AutomaticCheck = Flow<Auto>;

/// A saved [`AutomaticCheck`].
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use chrono::{TimeZone, Utc};
/// use realname::flow::{AutomaticCheck, SavedAuto};
/// use realname::policy::{MethodKind, Provider};
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
/// let (flow, _) = AutomaticCheck::start(Provider::Tencent.profile(), MethodKind::WeChatScan, 0, t).unwrap();
/// let json = serde_json::to_string(&flow.save()).unwrap();
/// let back: SavedAuto = serde_json::from_str(&json).unwrap();
/// assert_eq!(AutomaticCheck::restore(back).unwrap(), flow);
/// # }
/// ```
pub type SavedAuto = Saved<Auto>;

/// The automatic-check machine's transition, for [`Flow`].
///
/// ```
/// use realname::flow::{Auto, Machine};
/// fn is_machine<M: Machine>() {}
/// is_machine::<Auto>();
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Auto;

impl Machine for Auto {
    type Terms = AutoTerms;
    type Event = AutoEvent;
    type State = State;

    fn initial(terms: &AutoTerms, prior_uses: u32, now: DateTime<Utc>) -> State {
        let mut s = State {
            phase: Phase::Form,
            revision: 0,
            uses: prior_uses,
            pending: None,
            organization: None,
            actor: Actor::Applicant,
            risk_hit: false,
            review_due: None,
            overdue: false,
            failure: None,
            last_at: now,
        };
        if let Some(limit) = terms.attempts.filter(|a| prior_uses >= a.max) {
            let (phase, failure) = exhausted(limit);
            s.phase = phase;
            s.failure = Some(failure);
        }
        s
    }

    fn check_terms(terms: &AutoTerms) -> Result<(), FlowError> {
        terms.check()
    }

    fn apply(
        terms: &AutoTerms,
        state: &State,
        event: &AutoEvent,
        now: DateTime<Utc>,
        reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
    ) -> Result<(State, Vec<Action>), FlowError> {
        apply(terms, state, event, now, reckon)
    }

    fn view(terms: &AutoTerms, s: &State) -> View {
        View {
            status: status_of(terms, s),
            next_deadline: match s.phase {
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

impl Flow<Auto> {
    /// Starts an automatic check of `method` with the profile's terms, for
    /// an account that has used the method `prior_uses` times before (the
    /// caller's attempt ledger says). With the attempts already used up,
    /// the flow starts locked (or failed, naming the fallback).
    ///
    /// # Errors
    ///
    /// [`FlowError::MethodNotOffered`] as [`AutoTerms::from_profile`]
    /// says.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::flow::{AutomaticCheck, Status};
    /// use realname::policy::{MethodKind, Provider};
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    /// let (_, step) = AutomaticCheck::start(Provider::Baidu.profile(), MethodKind::Face, 0, t)?;
    /// assert_eq!(step.status, Status::AwaitingApplicant);
    /// let (_, step) = AutomaticCheck::start(Provider::Baidu.profile(), MethodKind::BankCard, 10, t)?;
    /// assert_eq!(step.status, Status::Locked);
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn start(
        profile: &Profile,
        method: MethodKind,
        prior_uses: u32,
        now: DateTime<Utc>,
    ) -> Result<(AutomaticCheck, Step), FlowError> {
        let flow = Flow::with_terms(AutoTerms::from_profile(profile, method)?, prior_uses, now);
        let step = flow.step();
        Ok((flow, step))
    }

    /// Checks left over the account's life, if the profile limits them.
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use realname::flow::AutomaticCheck;
    /// # use realname::policy::{MethodKind, Provider};
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    /// let (flow, _) = AutomaticCheck::start(Provider::Baidu.profile(), MethodKind::LegalRepresentativeFace, 3, t)?;
    /// assert_eq!(flow.attempts_left(), Some(7));
    /// let (flow, _) = AutomaticCheck::start(Provider::Tencent.profile(), MethodKind::Face, 3, t)?;
    /// assert_eq!(flow.attempts_left(), None); // no limit stated
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn attempts_left(&self) -> Option<u32> {
        let used = self.view().uses;
        self.terms().attempts.map(|a| a.max.saturating_sub(used))
    }
}

fn status_of(terms: &AutoTerms, s: &State) -> Status {
    match s.phase {
        Phase::Form => Status::AwaitingApplicant,
        Phase::Sms => Status::AwaitingParty(Party::Phone),
        Phase::Liveness => Status::AwaitingParty(Party::IdentityAuthority),
        Phase::Check => {
            Status::AwaitingParty(terms.identity_check.unwrap_or(Party::IdentityAuthority))
        }
        Phase::Review => Status::InReview {
            due: s.review_due.unwrap_or(s.last_at),
        },
        Phase::Binding => Status::AwaitingParty(Party::Store),
        Phase::Verified => Status::Verified,
        Phase::Failed => Status::Failed,
        Phase::Locked => Status::Locked,
        Phase::Withdrawn => Status::Withdrawn,
    }
}

/// Where a used-up limit ends the flow: failed naming the fallback the
/// profile gives, else locked (the method is done, other methods stay
/// open), whether the profile says so or says nothing.
fn exhausted(limit: AttemptLimit) -> (Phase, Failure) {
    let failure = |fallback| Failure::AttemptsExhausted {
        counted: limit.counted,
        max: limit.max,
        fallback,
    };
    match limit.on_exhaust {
        Some(OnExhaust::FallbackTo(m)) => (Phase::Failed, failure(Some(m))),
        _ => (Phase::Locked, failure(None)),
    }
}

/// The step after the form, the SMS code or the liveness check: the next
/// one the method has, and its action. A check emitted here is counted
/// here.
fn advance(terms: &AutoTerms, n: &mut State, from: Phase, id: ActionId) -> Action {
    if from == Phase::Form && terms.sms {
        n.phase = Phase::Sms;
        return Action::SendSmsCode { id };
    }
    if matches!(from, Phase::Form | Phase::Sms)
        && let Some(kind) = terms.liveness
    {
        n.phase = Phase::Liveness;
        if terms.identity_check.is_none() {
            n.uses = n.uses.saturating_add(1);
        }
        return Action::StartLiveness {
            id,
            kind,
            actor: n.actor,
        };
    }
    n.phase = Phase::Check;
    n.uses = n.uses.saturating_add(1);
    Action::CheckIdentity { id }
}

/// After a passed check: the review where its condition holds, else the
/// bind.
fn passed(
    terms: &AutoTerms,
    n: &mut State,
    id: ActionId,
    reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
) -> Result<Action, FlowError> {
    match terms.review_for(n) {
        Some(within) => {
            let due = reckon(within)?;
            n.phase = Phase::Review;
            n.review_due = Some(due);
            Ok(Action::QueueReview { id, due })
        }
        None => {
            n.phase = Phase::Binding;
            Ok(Action::Bind { id, cap: terms.cap })
        }
    }
}

/// After a failed step: back to the form with `failure`, or, when the
/// step was a counted check and no attempts are left, the end.
fn failed(terms: &AutoTerms, n: &mut State, failure: Failure, counted: bool) {
    n.pending = None;
    match terms.attempts.filter(|a| counted && n.uses >= a.max) {
        Some(limit) => {
            let (phase, f) = exhausted(limit);
            n.phase = phase;
            n.failure = Some(f);
        }
        None => {
            n.phase = Phase::Form;
            n.failure = Some(failure);
        }
    }
}

/// The pure transition: the state after `event` at `now`, and the actions
/// it emits. `reckon` turns a duration from `now` into a due time.
fn apply(
    terms: &AutoTerms,
    s: &State,
    event: &AutoEvent,
    now: DateTime<Utc>,
    reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
) -> Result<(State, Vec<Action>), FlowError> {
    let unexpected = || FlowError::Unexpected {
        status: status_of(terms, s),
        event: event.code(),
    };
    let answer_is = |id: &ActionId| expect_answer(s.pending, *id);
    let rev = s.revision.saturating_add(1);
    let first = ActionId {
        revision: rev,
        index: 0,
    };
    let mut n = *s;
    n.last_at = now;
    // A review past its due time is overdue: it stays in review, and the
    // flow no longer asks to be called back for it.
    let marked =
        n.phase == Phase::Review && !n.overdue && n.review_due.is_some_and(|due| now > due);
    if marked {
        n.overdue = true;
    }
    let mut actions = Vec::new();
    match (s.phase, *event) {
        // No step of this machine has a deadline: the time alone changes
        // nothing but marking a review overdue.
        (_, AutoEvent::Tick) if !marked => return Ok((*s, actions)),
        (_, AutoEvent::Tick) => {}
        (Phase::Binding, AutoEvent::Withdraw) => return Err(unexpected()),
        (_, AutoEvent::Withdraw) => {
            n.phase = Phase::Withdrawn;
            n.pending = None;
        }
        (Phase::Form, AutoEvent::Submit(sub)) => {
            if !terms.admits(&sub) {
                return Err(unexpected());
            }
            n.organization = sub.organization;
            n.actor = sub.actor;
            n.risk_hit = sub.risk_hit;
            n.failure = None;
            n.pending = Some(first);
            actions.push(advance(terms, &mut n, Phase::Form, first));
        }
        (Phase::Sms, AutoEvent::SmsCode { id, confirmed }) => {
            answer_is(&id)?;
            if confirmed {
                n.pending = Some(first);
                actions.push(advance(terms, &mut n, Phase::Sms, first));
            } else {
                failed(terms, &mut n, Failure::SmsCodeFailed, false);
            }
        }
        (
            Phase::Liveness,
            AutoEvent::Liveness {
                id,
                passed: ok,
                reason,
            },
        ) => {
            answer_is(&id)?;
            let is_check = terms.identity_check.is_none();
            if !ok {
                failed(terms, &mut n, Failure::LivenessFailed { reason }, is_check);
            } else {
                n.pending = Some(first);
                actions.push(if is_check {
                    passed(terms, &mut n, first, reckon)?
                } else {
                    advance(terms, &mut n, Phase::Liveness, first)
                });
            }
        }
        (
            Phase::Check,
            AutoEvent::Checked {
                id,
                matched,
                reason,
            },
        ) => {
            answer_is(&id)?;
            if matched {
                n.pending = Some(first);
                actions.push(passed(terms, &mut n, first, reckon)?);
            } else {
                failed(terms, &mut n, Failure::IdentityMismatch { reason }, true);
            }
        }
        (Phase::Review, AutoEvent::ReviewDecided { id, approved }) => {
            answer_is(&id)?;
            n.review_due = None;
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
        (Phase::Binding, AutoEvent::Bound { id, outcome }) => {
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
        _ => return Err(unexpected()),
    }
    n.revision = rev;
    Ok((n, actions))
}
