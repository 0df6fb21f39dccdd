//! Changes of the verified subject (变更实名认证) as a sans-IO state
//! machine: Baidu AI Cloud's four change flows (B-CHG-ENT-NAME,
//! B-CHG-ENT-SUBJECT, B-CHG-IND-ENT, B-CHG-IND-IND) and Tencent Cloud's
//! modification (T-CHANGE), each with the numbers of its profile.
//! Kingsoft Cloud's name change (K-CHANGE) is offline: [`SubjectChange::start`]
//! refuses it with the contact to use, and nothing else happens.
//!
//! Every change keeps the account's current subject until the new one is
//! verified and bound: the flow ends with [`Action::Rebind`], which moves
//! the account's binding from the current identity to the new one in one
//! atomic step; a cap reached on the new identity ends the change refused
//! and leaves the current subject in place. A withdrawn or expired change
//! changes nothing.

use chrono::{DateTime, Utc};

use super::machine::{bind_failure, expect_answer};
use super::{
    Action, ActionId, BindOutcome, Failure, FailureReason, Flow, FlowError, FlowEvent, Machine,
    Notice, Party, ReviewOutcome, Saved, Status, Step, SubjectRole, View,
};
use crate::calendar::{Duration, Weekdays, WorkCalendar, due};
use crate::policy::{
    Anchor, Availability, Contact, Counted, MethodKind, OnExpiry, Profile, Transition,
};
use crate::rules::Refusal;

/// The most methods a change offers for one subject.
pub const MAX_CHANGE_METHODS: usize = 6;

/// The steps a change goes through, decided by the transition and by what
/// the profile states of it.
///
/// ```
/// use realname::flow::{ChangeShape, ChangeTerms};
/// use realname::policy::{Provider, Transition};
/// let t = ChangeTerms::from_profile(Provider::Baidu.profile(), Transition::IndividualToIndividual)?;
/// assert_eq!(t.shape, ChangeShape::Confirmed);
/// let t = ChangeTerms::from_profile(Provider::Tencent.profile(), Transition::IndividualToIndividual)?;
/// assert_eq!(t.shape, ChangeShape::Direct);
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ChangeShape {
    /// The new subject is verified, then bound (Tencent's modification:
    /// the seeds state no other step).
    Direct,
    /// The current subject confirms by a method the profile names, then
    /// the new subject is verified and bound (Baidu: individual to another
    /// individual, individual to organisation).
    Confirmed,
    /// The same organisation (same credit code) under a new name: the new
    /// licence and name are checked against the business registry; if
    /// they do not match, proof of the change goes to a manual review
    /// (Baidu, 001:527–545).
    Rename,
    /// To another organisation: the provider's eligibility check, the
    /// current subject's contact confirms by face, the change application
    /// form stamped by both organisations goes to a manual review, and on
    /// approval the new organisation is verified within the window (Baidu,
    /// 001:547–587).
    NewOrganization,
}

/// A method a change offers for one subject, with its attempt limit
/// within the change, if one is stated.
///
/// ```
/// use realname::flow::ChangeTerms;
/// use realname::policy::{MethodKind, Provider, Transition};
/// let t = ChangeTerms::from_profile(Provider::Baidu.profile(), Transition::IndividualToIndividual)?;
/// let bank = t.current.iter().flatten().find(|m| m.method == MethodKind::BankCard).unwrap();
/// assert_eq!(bank.max, Some(5));
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ChangeMethod {
    /// The method.
    pub method: MethodKind,
    /// Attempts allowed within one change request; `None`: not stated.
    pub max: Option<u32>,
}

/// A change's window: by when the new subject must be verified, counted
/// from the start or from the approval, and what happens when it passes.
///
/// ```
/// use realname::calendar::Duration;
/// use realname::flow::ChangeTerms;
/// use realname::policy::{Anchor, OnExpiry, Provider, Transition};
/// let t = ChangeTerms::from_profile(Provider::Baidu.profile(), Transition::IndividualToIndividual)?;
/// let w = t.window.unwrap();
/// assert_eq!((w.within, w.from, w.on_expiry), (Duration::CalendarDays(1), Anchor::Initiation, OnExpiry::Withdrawn));
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ChangeWindow {
    /// How long.
    pub within: Duration,
    /// From when: [`Anchor::Initiation`] or [`Anchor::Approval`].
    pub from: Anchor,
    /// What happens when it passes ([`OnExpiry::Expired`] where the
    /// profile does not say).
    pub on_expiry: OnExpiry,
}

/// The numbers a change keeps from the profile when it starts.
///
/// ```
/// use realname::flow::{ChangeShape, ChangeTerms};
/// use realname::policy::{Provider, Transition};
/// let t = ChangeTerms::from_profile(Provider::Tencent.profile(), Transition::IndividualToIndividual)?;
/// assert_eq!((t.shape, t.cap), (ChangeShape::Direct, Some(3)));
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct ChangeTerms {
    /// Which change.
    pub transition: Transition,
    /// Its steps.
    pub shape: ChangeShape,
    /// How the current subject confirms (empty where it does not).
    pub current: [Option<ChangeMethod>; MAX_CHANGE_METHODS],
    /// How the new subject is verified.
    pub new: [Option<ChangeMethod>; MAX_CHANGE_METHODS],
    /// The window, if stated.
    pub window: Option<ChangeWindow>,
    /// How long a manual review of the change's documents takes at most.
    pub review: Duration,
    /// The cap on accounts per identity for the new subject, if stated.
    pub cap: Option<u32>,
    /// Whom to contact when the change cannot be made online.
    pub contact: Option<Contact>,
}

/// Where the profile states no review time for a change's documents: the
/// longest manual review of an organisation's verification in the built-in
/// profiles (Baidu, 2 working days, 001:332). A choice, not a seed rule.
pub const DEFAULT_CHANGE_REVIEW: Duration = Duration::WorkingDays(2);

fn methods<I: IntoIterator<Item = ChangeMethod>>(
    it: I,
) -> [Option<ChangeMethod>; MAX_CHANGE_METHODS] {
    let mut out = [None; MAX_CHANGE_METHODS];
    for (slot, m) in out.iter_mut().zip(it) {
        *slot = Some(m);
    }
    out
}

impl ChangeTerms {
    /// The terms of `transition` under `profile`: the steps, the methods
    /// for each subject with their limits within the change, the window,
    /// the cap of the new subject's kind. Methods for the new subject that
    /// the change does not name are the profile's methods for that kind of
    /// subject (Tencent names none), up to [`MAX_CHANGE_METHODS`].
    ///
    /// ```
    /// use realname::flow::{ChangeTerms, FlowError};
    /// use realname::policy::{Provider, Transition};
    /// assert_eq!(ChangeTerms::from_profile(Provider::Baidu.profile(), Transition::Remove), Err(FlowError::MethodNotOffered));
    /// // Tencent states no change from an organisation to an individual.
    /// assert_eq!(ChangeTerms::from_profile(Provider::Tencent.profile(), Transition::OrganizationToIndividual), Err(FlowError::MethodNotOffered));
    /// ```
    ///
    /// # Errors
    ///
    /// [`FlowError::MethodNotOffered`] when the profile does not describe
    /// the change as made online (a change it does not state has no flow,
    /// though the rules do not refuse it), or no method can verify the new
    /// subject.
    pub fn from_profile(
        profile: &Profile,
        transition: Transition,
    ) -> Result<ChangeTerms, FlowError> {
        // Only a change the profile describes as made online has a flow:
        // the rules do not refuse a change the profile does not state, but
        // the machine has nothing to run for it.
        let rule = profile
            .change(transition)
            .filter(|r| r.availability.value == Availability::Online)
            .ok_or(FlowError::MethodNotOffered)?;
        if transition == Transition::Remove {
            return Err(FlowError::MethodNotOffered);
        }
        let limit = |m: MethodKind| {
            rule.attempts
                .iter()
                .find(|a| a.value.method == m)
                .map(|a| a.value.limit.max)
        };
        let with_limit = |m: MethodKind| ChangeMethod {
            method: m,
            max: limit(m),
        };
        let current: Vec<MethodKind> = rule
            .old_subject_methods
            .value()
            .cloned()
            .unwrap_or_default();
        let new: Vec<MethodKind> = match rule.new_subject_methods.value() {
            Some(v) => v.clone(),
            None => profile
                .methods_for(transition.to_subject())
                .map(|m| m.kind)
                .collect(),
        };
        let shape = match transition {
            Transition::OrganizationRename => ChangeShape::Rename,
            Transition::OrganizationToOrganization if !current.is_empty() => {
                ChangeShape::NewOrganization
            }
            _ if !current.is_empty() => ChangeShape::Confirmed,
            _ => ChangeShape::Direct,
        };
        if shape != ChangeShape::Rename && new.is_empty() {
            return Err(FlowError::MethodNotOffered);
        }
        let window = rule.window.value().map(|w| ChangeWindow {
            within: w.within,
            from: w.from,
            on_expiry: w.on_expiry.value().copied().unwrap_or(OnExpiry::Expired),
        });
        Ok(ChangeTerms {
            transition,
            shape,
            current: methods(current.into_iter().map(with_limit)),
            new: methods(new.into_iter().map(with_limit)),
            window,
            review: DEFAULT_CHANGE_REVIEW,
            cap: profile
                .account_cap(transition.to_subject())
                .and_then(|c| c.value.limit.number()),
            // Baidu sends a change the online check refuses to the account
            // manager (001:1283-1289: "请联系您的客户经理"); the profile has
            // no field for it.
            contact: (shape == ChangeShape::NewOrganization).then_some(Contact::AccountManager),
        })
    }

    fn check(&self) -> Result<(), FlowError> {
        // The shape follows from the transition and the methods, as
        // `from_profile` decides it: a saved shape edited alone is refused.
        let has_current = self.current.iter().any(Option::is_some);
        let shape_holds = match self.shape {
            ChangeShape::Rename => self.transition == Transition::OrganizationRename,
            ChangeShape::NewOrganization => {
                self.transition == Transition::OrganizationToOrganization && has_current
            }
            ChangeShape::Confirmed => {
                has_current
                    && !matches!(
                        self.transition,
                        Transition::OrganizationRename | Transition::OrganizationToOrganization
                    )
            }
            ChangeShape::Direct => {
                !has_current && self.transition != Transition::OrganizationRename
            }
        };
        if !shape_holds || self.transition == Transition::Remove {
            return Err(FlowError::Tampered(
                "a change's steps that its transition does not have",
            ));
        }
        let all = self.current.iter().chain(self.new.iter()).flatten();
        if all.clone().any(|m| m.max == Some(0)) || self.cap == Some(0) {
            return Err(FlowError::Tampered("a limit of zero"));
        }
        if self.shape != ChangeShape::Rename && self.new.iter().all(Option::is_none) {
            return Err(FlowError::Tampered("no method for the new subject"));
        }
        let needs_current = matches!(
            self.shape,
            ChangeShape::Confirmed | ChangeShape::NewOrganization
        );
        if needs_current && self.current.iter().all(Option::is_none) {
            return Err(FlowError::Tampered("no method for the current subject"));
        }
        if let Some(w) = self.window {
            if !matches!(w.from, Anchor::Initiation | Anchor::Approval) {
                return Err(FlowError::Tampered(
                    "a change window counted from another event",
                ));
            }
            if w.from == Anchor::Initiation && matches!(w.within, Duration::WorkingDays(_)) {
                return Err(FlowError::Tampered("a working-day window from the start"));
            }
        }
        Ok(())
    }

    fn offered(&self, role: SubjectRole) -> &[Option<ChangeMethod>; MAX_CHANGE_METHODS] {
        match role {
            SubjectRole::Current => &self.current,
            SubjectRole::New => &self.new,
        }
    }
}

/// What happened, as the caller reports it to a [`SubjectChange`].
///
/// ```
/// use realname::flow::{ChangeEvent, FlowEvent};
/// assert_eq!(ChangeEvent::Withdraw.code(), "withdraw");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum ChangeEvent {
    /// The applicant chose how the subject the flow waits for (current or
    /// new) is checked.
    Choose {
        /// The method.
        method: MethodKind,
    },
    /// The check of [`Action::VerifySubject`] answered.
    Checked {
        /// The action it answers.
        id: ActionId,
        /// Whether the subject passed.
        passed: bool,
        /// Why not, as the provider names it, if given.
        #[cfg_attr(feature = "serde", serde(default))]
        reason: Option<FailureReason>,
    },
    /// The provider's eligibility check answered
    /// ([`Action::CheckEligibility`]).
    Eligibility {
        /// The action it answers.
        id: ActionId,
        /// Whether the change may be made online.
        eligible: bool,
    },
    /// The business registry answered ([`Action::CheckRegistry`]).
    Registry {
        /// The action it answers.
        id: ActionId,
        /// Whether the new name and licence match.
        matched: bool,
    },
    /// The applicant submitted what the flow waits for: the new licence and
    /// name, the proof of a name change, or the stamped application form.
    Submit,
    /// The applicant took back documents under review to edit them
    /// (Baidu's name change, 001:544).
    Edit,
    /// The reviewer decided ([`Action::QueueReview`]).
    ReviewDecided {
        /// The action it answers.
        id: ActionId,
        /// The decision.
        outcome: ReviewOutcome,
    },
    /// The store answered [`Action::Rebind`] (its
    /// [`Rebind::bind`](crate::store::Rebind::bind), as a flow's outcome).
    Rebound {
        /// The action it answers.
        id: ActionId,
        /// The bind of the new identity.
        outcome: BindOutcome,
    },
    /// The applicant withdrew the change (撤回).
    Withdraw,
    /// Only the time.
    Tick,
}

impl FlowEvent for ChangeEvent {
    fn code(&self) -> &'static str {
        match self {
            ChangeEvent::Choose { .. } => "choose",
            ChangeEvent::Checked { .. } => "checked",
            ChangeEvent::Eligibility { .. } => "eligibility",
            ChangeEvent::Registry { .. } => "registry",
            ChangeEvent::Submit => "submit",
            ChangeEvent::Edit => "edit",
            ChangeEvent::ReviewDecided { .. } => "review_decided",
            ChangeEvent::Rebound { .. } => "rebound",
            ChangeEvent::Withdraw => "withdraw",
            ChangeEvent::Tick => "tick",
        }
    }

    fn answers(&self) -> Option<ActionId> {
        match self {
            ChangeEvent::Checked { id, .. }
            | ChangeEvent::Eligibility { id, .. }
            | ChangeEvent::Registry { id, .. }
            | ChangeEvent::ReviewDecided { id, .. }
            | ChangeEvent::Rebound { id, .. } => Some(*id),
            _ => None,
        }
    }

    fn tick() -> Self {
        ChangeEvent::Tick
    }
}

/// Where the machine is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Eligibility,
    Choose(SubjectRole),
    Checking(SubjectRole),
    Form,
    Registry,
    Proof,
    Review,
    Rebinding,
    Done,
    Failed,
    Locked,
    Withdrawn,
    Expired,
}

/// The change machine's state: derived from the history, opaque.
///
/// ```
/// use realname::flow::{Change, Machine, SubjectChange};
/// use realname::calendar::ChinaMainland;
/// use realname::policy::{Provider, Transition};
/// use chrono::{TimeZone, Utc};
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
/// let (flow, _) = SubjectChange::start(Provider::Tencent.profile(), Transition::IndividualToIndividual, None, t, &ChinaMainland::default())?;
/// assert_eq!(Change::view(flow.terms(), &Change::initial(flow.terms(), 0, t)).revision, 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    phase: Phase,
    revision: u64,
    uses: u32,
    used_current: [u32; MAX_CHANGE_METHODS],
    used_new: [u32; MAX_CHANGE_METHODS],
    method: Option<MethodKind>,
    pending: Option<ActionId>,
    window_due: Option<DateTime<Utc>>,
    review_due: Option<DateTime<Utc>>,
    /// The review is past its due time: it stays in review, and the flow
    /// no longer asks to be called back for it.
    overdue: bool,
    failure: Option<Failure>,
    last_at: DateTime<Utc>,
}

/// The change machine's transition, for [`Flow`].
///
/// ```
/// use realname::flow::{Change, Machine};
/// fn is_machine<M: Machine>() {}
/// is_machine::<Change>();
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change;

/// A change of an account's verified subject as a sans-IO state machine.
///
/// Tencent Cloud, an individual account modified to another person: the
/// new person is verified by one of Tencent's individual methods, then the
/// account's binding moves from the old ID to the new one under the cap of
/// 3, freeing the old ID's place.
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use realname::calendar::ChinaMainland;
/// use realname::flow::{Action, BindOutcome, ChangeEvent as E, Status, SubjectChange, SubjectRole};
/// use realname::policy::{MethodKind, Provider, Transition};
///
/// let cal = ChinaMainland::default();
/// let t0 = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
/// let at = |m| t0 + Duration::minutes(m);
/// let (mut flow, _) = SubjectChange::start(Provider::Tencent.profile(), Transition::IndividualToIndividual, None, t0, &cal)?;
/// let step = flow.handle(E::Choose { method: MethodKind::Face }, at(1), &cal)?;
/// let [Action::VerifySubject { id, role: SubjectRole::New, method: MethodKind::Face }] = step.actions[..] else { panic!() };
/// let step = flow.handle(E::Checked { id, passed: true, reason: None }, at(2), &cal)?;
/// let [Action::Rebind { id, cap: Some(3) }] = step.actions[..] else { panic!() };
/// let step = flow.handle(E::Rebound { id, outcome: BindOutcome::Bound }, at(3), &cal)?;
/// assert_eq!(step.status, Status::Verified);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// | seed machine | provider and change | shape | what the profile gives it |
/// |---|---|---|---|
/// | B-CHG-ENT-NAME | Baidu, same credit code, new name (001:527–545) | [`ChangeShape::Rename`] | registry check, else proof (工商变更证明 or 变更申请表) and a manual review; edit during review (001:544); 30 days between completed changes |
/// | B-CHG-ENT-SUBJECT | Baidu, to another organisation (001:547–587, 1277–1289) | [`ChangeShape::NewOrganization`] | eligibility, else the account manager; the old subject's contact by face; the stamped form reviewed; 9 days from approval to verify the new organisation by legal-representative face, micro-deposit or recharge |
/// | B-CHG-IND-ENT | Baidu, individual to organisation (001:591–607) | [`ChangeShape::Confirmed`] | the old subject by face or bank card; the new organisation by legal-representative face or micro-deposit, 5 attempts each |
/// | B-CHG-IND-IND | Baidu, individual to another individual (001:609–630, 1440–1456) | [`ChangeShape::Confirmed`] | the old subject by face or bank card (bank card 5 attempts); the new by face or bank card; 1 day, then withdrawn; 30 days between completed changes |
/// | T-CHANGE | Tencent, modification (004:3–9) | [`ChangeShape::Direct`] (a rename: [`ChangeShape::Rename`], a choice: Tencent states no steps, and a rename keeps the credit code, so only the new name needs the registry's word) | the new subject by Tencent's methods of its kind; one calendar month between changes; the cap of the new identity |
/// | K-CHANGE | Kingsoft, name change (000:61) | none | offline: [`SubjectChange::start`] refuses with the account manager |
///
/// # Where the seeds are unclear, what the machine does
///
/// Each choice is held by a test (`tests/flow_change.rs`).
///
/// - **The 1-day window** (Baidu "需在1天内提交新主体实名认证", 001:616,
///   1444) starts when the change starts and lasts 24 hours
///   ([`Anchor::Initiation`], one calendar day on the instant): not the
///   end of the calendar day, and not the acceptance of the agreement,
///   which the flow does not see apart from the start. It is met when the
///   applicant submits the new subject ("提交", the flow asks for
///   [`Action::VerifySubject`] for the new subject): a check answered
///   after the window still counts, and a check that fails brings the
///   window back. When it passes before, the change withdraws itself
///   (001:616 "否则将自动撤回变更"). Leaving and coming back (001:628) is the
///   same flow, saved and restored: the window keeps running. Baidu's 9
///   days (001:574 "请在页面提示的时间（9天）内，点击【前往新主体认证】") are met
///   the same way, and the approval that starts them is announced with
///   [`Action::NotifyApplicant`] (001:569, an SMS to the bound phone).
/// - **The 30 days** (001:545, 618 "30天内只可以完成1次变更" against 1446–1448
///   "变更成功后…30天后可以发起新的变更") count from the *completion* of the
///   last change and gate the *start* of the next: the profile's
///   [`Cooldown`](crate::policy::Cooldown) with
///   [`Gate::Initiation`](crate::policy::Gate::Initiation), checked by
///   [`rules::check_change`](crate::rules::check_change) in
///   [`SubjectChange::start`] against the time of the last completed change
///   (a store's [`ChangeHistory::last_completed`](crate::store::ChangeHistory::last_completed)).
///   A change that started is never cut short by a cooldown; withdrawn,
///   rejected or expired changes do not count.
/// - **Tencent's "一个月最多修改一次"** (004:3) is one calendar month after
///   the last completed change, in Beijing time (a change on 31 January at
///   10:00 allows the next from 28 February at 10:00), not a quota per
///   calendar month.
/// - **The lapsed 9-day window** (001:574, what follows is not stated): the
///   change ends [`Status::Expired`] with [`Failure::DeadlinePassed`] and
///   the account keeps the old subject (001:587); the applicant starts
///   again.
/// - **The review of a change's documents** has no stated time: it is due
///   in [`DEFAULT_CHANGE_REVIEW`] (2 working days), a choice. Past it the
///   change stays in review and is overdue, as every machine's review.
/// - **Withdrawal** (001:544, 1456 "可以撤回") is taken in every phase but
///   one: while the store answers [`Action::Rebind`], the binding may have
///   moved already, so the answer decides.
/// - **Attempts within the change** (001:605, 621) are counted per method
///   and per subject when [`Action::VerifySubject`] is emitted; a method
///   whose attempts are used up points to another with attempts left;
///   when every method of the subject has a limit and all are used up, the
///   change is [`Status::Locked`]. Withdrawing and starting again starts
///   with fresh counts, as the seed says (001:607, 623, 1452). The limit
///   of a method applies to it for either subject: Baidu's bank card limit
///   of 5 (001:621) is stated once for the change to another individual.
/// - **An edit during review** of a name change (001:544) goes back to the
///   new licence and name, so the edited name is checked against the
///   registry again; a review that asks for the documents again goes back
///   to the proof.
/// - **A late event** (after the window passed) meets an ended change: the
///   window is applied and recorded, and the event does nothing else, as in
///   every machine.
pub type SubjectChange = Flow<Change>;

/// A saved [`SubjectChange`].
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use chrono::{TimeZone, Utc};
/// use realname::calendar::ChinaMainland;
/// use realname::flow::{SavedChange, SubjectChange};
/// use realname::policy::{Provider, Transition};
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
/// let (flow, _) = SubjectChange::start(Provider::Baidu.profile(), Transition::IndividualToIndividual, None, t, &ChinaMainland::default()).unwrap();
/// let json = serde_json::to_string(&flow.save()).unwrap();
/// let back: SavedChange = serde_json::from_str(&json).unwrap();
/// assert_eq!(SubjectChange::restore(back).unwrap(), flow);
/// # }
/// ```
pub type SavedChange = Saved<Change>;

/// Why a change did not start.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::calendar::ChinaMainland;
/// use realname::flow::{ChangeNotStarted, SubjectChange};
/// use realname::policy::{Provider, Transition};
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
/// let err = SubjectChange::start(Provider::Kingsoft.profile(), Transition::OrganizationRename, None, t, &ChinaMainland::default()).unwrap_err();
/// assert_eq!(err.code(), "change_offline");
/// assert!(err.to_string_zh().contains("客户经理"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChangeNotStarted {
    /// The rules refuse it: forbidden, offline only (with whom to
    /// contact), or inside the cooldown since the last change.
    #[error(transparent)]
    Refused(Refusal),
    /// The profile gives the flow nothing to run.
    #[error(transparent)]
    Flow(FlowError),
}

impl ChangeNotStarted {
    /// The stable code of the refusal or the flow error.
    ///
    /// ```
    /// use realname::flow::{ChangeNotStarted, FlowError};
    /// assert_eq!(ChangeNotStarted::Flow(FlowError::MethodNotOffered).code(), "flow_method_not_offered");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            ChangeNotStarted::Refused(r) => r.code(),
            ChangeNotStarted::Flow(e) => e.code(),
        }
    }

    /// The message in Chinese.
    ///
    /// ```
    /// use realname::flow::{ChangeNotStarted, FlowError};
    /// assert!(!ChangeNotStarted::Flow(FlowError::MethodNotOffered).to_string_zh().is_empty());
    /// ```
    pub fn to_string_zh(&self) -> String {
        match self {
            ChangeNotStarted::Refused(r) => r.to_string_zh(),
            ChangeNotStarted::Flow(e) => e.to_string_zh(),
        }
    }
}

impl Flow<Change> {
    /// Starts `transition` of an account under `profile` at `now`, whose
    /// last change of subject completed at `last_change`: the rules decide
    /// first ([`rules::check_change`](crate::rules::check_change)), so a
    /// change that is forbidden, offline only or inside its cooldown does
    /// not start. A store records the start with
    /// [`ChangeHistory::begin`](crate::store::ChangeHistory::begin)
    /// ([`store::start_change`](crate::store::start_change) runs the same
    /// check against the stored time).
    ///
    /// # Errors
    ///
    /// [`ChangeNotStarted`]: the rules' refusal, or
    /// [`FlowError::MethodNotOffered`] as [`ChangeTerms::from_profile`].
    pub fn start(
        profile: &Profile,
        transition: Transition,
        last_change: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
        calendar: &dyn WorkCalendar,
    ) -> Result<(SubjectChange, Step), ChangeNotStarted> {
        crate::rules::check_change(profile, transition, last_change, now, calendar)
            .map_err(ChangeNotStarted::Refused)?;
        let terms =
            ChangeTerms::from_profile(profile, transition).map_err(ChangeNotStarted::Flow)?;
        let flow = Flow::with_terms(terms, 0, now);
        let step = flow.step();
        Ok((flow, step))
    }

    /// The action the flow asked for when it started (the eligibility
    /// check of a change to another organisation), if any: a flow's first
    /// actions come from its start, not from an event.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{Action, SubjectChange};
    /// use realname::policy::{Provider, Transition};
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    /// let (flow, _) = SubjectChange::start(Provider::Baidu.profile(), Transition::OrganizationToOrganization, None, t, &ChinaMainland::default())?;
    /// assert!(matches!(flow.opening_action(), Some(Action::CheckEligibility { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn opening_action(&self) -> Option<Action> {
        opening(self.terms()).map(|(_, a)| a)
    }
}

const OPENING: ActionId = ActionId {
    revision: 0,
    index: 0,
};

fn opening(terms: &ChangeTerms) -> Option<(Phase, Action)> {
    (terms.shape == ChangeShape::NewOrganization)
        .then_some((Phase::Eligibility, Action::CheckEligibility { id: OPENING }))
}

fn status_of(s: &State, _terms: &ChangeTerms) -> Status {
    let party = match s.method {
        Some(MethodKind::BankCard) => Party::Bank,
        Some(MethodKind::CorporateTransfer | MethodKind::Recharge) => Party::Payer,
        _ => Party::IdentityAuthority,
    };
    match s.phase {
        Phase::Eligibility => Status::AwaitingParty(Party::Provider),
        Phase::Choose(_) | Phase::Form | Phase::Proof => Status::AwaitingApplicant,
        Phase::Checking(_) => Status::AwaitingParty(party),
        Phase::Registry => Status::AwaitingParty(Party::Registry),
        Phase::Review => Status::InReview {
            due: s.review_due.unwrap_or(s.last_at),
        },
        Phase::Rebinding => Status::AwaitingParty(Party::Store),
        Phase::Done => Status::Verified,
        Phase::Failed => Status::Failed,
        Phase::Locked => Status::Locked,
        Phase::Withdrawn => Status::Withdrawn,
        Phase::Expired => Status::Expired,
    }
}

/// Whether the window no longer applies: the new subject was submitted
/// (its check is out, or the rebind is).
fn window_met(p: Phase) -> bool {
    matches!(p, Phase::Checking(SubjectRole::New) | Phase::Rebinding)
}

fn is_terminal(p: Phase) -> bool {
    matches!(
        p,
        Phase::Done | Phase::Failed | Phase::Locked | Phase::Withdrawn | Phase::Expired
    )
}

impl Machine for Change {
    type Terms = ChangeTerms;
    type Event = ChangeEvent;
    type State = State;

    fn initial(terms: &ChangeTerms, prior_uses: u32, now: DateTime<Utc>) -> State {
        let (phase, pending) = match (opening(terms), terms.shape) {
            (Some((phase, action)), _) => (phase, Some(action.id())),
            (None, ChangeShape::Direct) => (Phase::Choose(SubjectRole::New), None),
            (None, ChangeShape::Confirmed) => (Phase::Choose(SubjectRole::Current), None),
            (None, _) => (Phase::Form, None),
        };
        // A window from the start is counted in hours, days or months,
        // which need no calendar (check_terms refuses working days here).
        let window_due = terms
            .window
            .filter(|w| w.from == Anchor::Initiation)
            .and_then(|w| due(now, w.within, &Weekdays).ok());
        State {
            phase,
            revision: 0,
            uses: prior_uses,
            used_current: [0; MAX_CHANGE_METHODS],
            used_new: [0; MAX_CHANGE_METHODS],
            method: None,
            pending,
            window_due,
            review_due: None,
            overdue: false,
            failure: None,
            last_at: now,
        }
    }

    fn check_terms(terms: &ChangeTerms) -> Result<(), FlowError> {
        terms.check()
    }

    fn apply(
        terms: &ChangeTerms,
        state: &State,
        event: &ChangeEvent,
        now: DateTime<Utc>,
        reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
    ) -> Result<(State, Vec<Action>), FlowError> {
        apply(terms, state, event, now, reckon)
    }

    fn view(terms: &ChangeTerms, s: &State) -> View {
        View {
            status: status_of(s, terms),
            next_deadline: if is_terminal(s.phase) || s.phase == Phase::Rebinding {
                None
            } else {
                let review_due = s.review_due.filter(|_| !s.overdue);
                let window_due = s.window_due.filter(|_| !window_met(s.phase));
                match (window_due, review_due) {
                    (Some(w), Some(r)) => Some(w.min(r)),
                    (w, r) => w.or(r),
                }
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

/// The index of `method` among the methods offered for `role`.
fn slot(
    terms: &ChangeTerms,
    role: SubjectRole,
    method: MethodKind,
) -> Option<(usize, ChangeMethod)> {
    terms
        .offered(role)
        .iter()
        .enumerate()
        .find_map(|(i, m)| m.filter(|m| m.method == method).map(|m| (i, m)))
}

/// Another method offered for `role` with attempts left, where the
/// applicant can go when `method`'s are used up (Baidu: "您可以选择其他方式",
/// 001:607; "可以选择个人刷脸进行认证", 001:623).
fn fallback(
    terms: &ChangeTerms,
    used: &[u32; MAX_CHANGE_METHODS],
    role: SubjectRole,
    method: MethodKind,
) -> Option<MethodKind> {
    terms
        .offered(role)
        .iter()
        .zip(used)
        .filter_map(|(m, u)| m.map(|m| (m, *u)))
        .find(|(m, u)| m.method != method && m.max.is_none_or(|max| *u < max))
        .map(|(m, _)| m.method)
}

/// Whether every method offered for `role` has used its attempts.
fn all_used(terms: &ChangeTerms, used: &[u32; MAX_CHANGE_METHODS], role: SubjectRole) -> bool {
    terms
        .offered(role)
        .iter()
        .zip(used)
        .filter_map(|(m, u)| m.map(|m| (m, *u)))
        .all(|(m, u)| m.max.is_some_and(|max| u >= max))
}

/// The pure transition: the state after `event` at `now`, and the actions
/// it emits.
fn apply(
    terms: &ChangeTerms,
    s: &State,
    event: &ChangeEvent,
    now: DateTime<Utc>,
    reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
) -> Result<(State, Vec<Action>), FlowError> {
    let unexpected = |state: &State| FlowError::Unexpected {
        status: status_of(state, terms),
        event: event.code(),
    };
    let mut n = *s;
    n.last_at = now;
    let rev = s.revision.saturating_add(1);
    let first = ActionId {
        revision: rev,
        index: 0,
    };
    let mut actions = Vec::new();
    // The window first: a change whose new subject was not submitted in
    // time ends as the profile says, before the event. The window is met
    // once the new subject's check is asked for (the applicant submitted
    // it); a check that then fails brings it back.
    if let Some(due) = s
        .window_due
        .filter(|due| now > *due && !window_met(s.phase))
    {
        n.phase = match terms.window.map(|w| w.on_expiry) {
            Some(OnExpiry::Withdrawn) => Phase::Withdrawn,
            _ => Phase::Expired,
        };
        n.pending = None;
        n.window_due = None;
        n.review_due = None;
        n.overdue = false;
        n.failure = Some(Failure::DeadlinePassed { due });
        n.revision = rev;
        // A late event meets an ended change, as in every machine: the
        // window is applied and recorded, and the event does nothing else.
        return Ok((n, actions));
    }
    // A review past its due time is overdue: it stays in review, and the
    // flow no longer asks to be called back for it.
    let marked = s.phase == Phase::Review && !s.overdue && s.review_due.is_some_and(|d| now > d);
    if marked {
        n.overdue = true;
    }
    let answer_is = |id: &ActionId| expect_answer(s.pending, *id);
    match (s.phase, *event) {
        (_, ChangeEvent::Tick) if !marked => return Ok((*s, actions)),
        (_, ChangeEvent::Tick) => {}
        (Phase::Rebinding, ChangeEvent::Withdraw) => return Err(unexpected(s)),
        (_, ChangeEvent::Withdraw) => {
            n.phase = Phase::Withdrawn;
            n.pending = None;
            n.review_due = None;
            n.overdue = false;
            n.window_due = None;
        }
        (Phase::Eligibility, ChangeEvent::Eligibility { id, eligible }) => {
            answer_is(&id)?;
            n.pending = None;
            if eligible {
                n.phase = Phase::Choose(SubjectRole::Current);
            } else {
                n.phase = Phase::Failed;
                n.failure = Some(Failure::NotEligible {
                    contact: terms.contact,
                });
            }
        }
        (Phase::Choose(role), ChangeEvent::Choose { method }) => {
            let (i, m) = slot(terms, role, method).ok_or(FlowError::MethodNotOffered)?;
            let used = match role {
                SubjectRole::Current => &mut n.used_current,
                SubjectRole::New => &mut n.used_new,
            };
            let count = used.get(i).copied().unwrap_or(0);
            if let Some(max) = m.max.filter(|&max| count >= max) {
                n.failure = Some(Failure::AttemptsExhausted {
                    counted: Counted::Attempts,
                    max,
                    fallback: fallback(terms, used, role, method),
                });
            } else {
                if let Some(c) = used.get_mut(i) {
                    *c = c.saturating_add(1);
                }
                n.uses = n.uses.saturating_add(1);
                n.phase = Phase::Checking(role);
                n.method = Some(method);
                n.pending = Some(first);
                n.failure = None;
                actions.push(Action::VerifySubject {
                    id: first,
                    role,
                    method,
                });
            }
        }
        (Phase::Checking(role), ChangeEvent::Checked { id, passed, reason }) => {
            answer_is(&id)?;
            n.pending = None;
            if passed {
                n.failure = None;
                match (role, terms.shape) {
                    (SubjectRole::Current, ChangeShape::NewOrganization) => n.phase = Phase::Form,
                    (SubjectRole::Current, _) => n.phase = Phase::Choose(SubjectRole::New),
                    (SubjectRole::New, _) => {
                        n.phase = Phase::Rebinding;
                        n.pending = Some(first);
                        actions.push(Action::Rebind {
                            id: first,
                            cap: terms.cap,
                        });
                    }
                }
            } else {
                n.failure = Some(Failure::IdentityMismatch { reason });
                let used = match role {
                    SubjectRole::Current => &n.used_current,
                    SubjectRole::New => &n.used_new,
                };
                n.phase = if all_used(terms, used, role) {
                    Phase::Locked
                } else {
                    Phase::Choose(role)
                };
            }
        }
        (Phase::Form, ChangeEvent::Submit) if terms.shape == ChangeShape::Rename => {
            n.phase = Phase::Registry;
            n.pending = Some(first);
            n.failure = None;
            actions.push(Action::CheckRegistry { id: first });
        }
        (Phase::Form | Phase::Proof, ChangeEvent::Submit) => {
            let due = reckon(terms.review)?;
            n.phase = Phase::Review;
            n.review_due = Some(due);
            n.overdue = false;
            n.pending = Some(first);
            n.failure = None;
            actions.push(Action::QueueReview { id: first, due });
        }
        (Phase::Registry, ChangeEvent::Registry { id, matched }) => {
            answer_is(&id)?;
            if matched {
                n.phase = Phase::Rebinding;
                n.pending = Some(first);
                actions.push(Action::Rebind {
                    id: first,
                    cap: terms.cap,
                });
            } else {
                n.phase = Phase::Proof;
                n.pending = None;
                n.failure = Some(Failure::RegistryMismatch);
            }
        }
        (Phase::Review, ChangeEvent::Edit) => {
            n.phase = Phase::Form;
            n.pending = None;
            n.review_due = None;
            n.overdue = false;
        }
        (Phase::Review, ChangeEvent::ReviewDecided { id, outcome }) => {
            answer_is(&id)?;
            n.review_due = None;
            n.overdue = false;
            n.pending = None;
            match outcome {
                ReviewOutcome::Approved if terms.shape == ChangeShape::NewOrganization => {
                    n.phase = Phase::Choose(SubjectRole::New);
                    if let Some(w) = terms.window.filter(|w| w.from == Anchor::Approval) {
                        n.window_due = Some(reckon(w.within)?);
                    }
                    // Baidu texts the bound phone on approval (001:569).
                    actions.push(Action::NotifyApplicant {
                        id: first,
                        notice: Notice::ChangeApproved {
                            verify_by: n.window_due,
                        },
                    });
                }
                ReviewOutcome::Approved => {
                    n.phase = Phase::Rebinding;
                    n.pending = Some(first);
                    actions.push(Action::Rebind {
                        id: first,
                        cap: terms.cap,
                    });
                }
                ReviewOutcome::Rejected => {
                    n.phase = Phase::Failed;
                    n.failure = Some(Failure::ReviewRejected);
                }
                ReviewOutcome::ResubmissionRequested => {
                    n.phase = if terms.shape == ChangeShape::Rename {
                        Phase::Proof
                    } else {
                        Phase::Form
                    };
                    n.failure = Some(Failure::ResubmissionRequested);
                }
            }
        }
        (Phase::Rebinding, ChangeEvent::Rebound { id, outcome }) => {
            answer_is(&id)?;
            n.pending = None;
            n.window_due = None;
            match bind_failure(outcome, terms.cap) {
                None => n.phase = Phase::Done,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::ChinaMainland;
    use crate::policy::Provider;
    use chrono::TimeZone;

    #[test]
    fn every_builtin_online_change_has_terms_that_hold() {
        for p in [
            Provider::Baidu,
            Provider::Tencent,
            Provider::Kingsoft,
            Provider::HuaweiInternational,
        ] {
            for &t in Transition::all() {
                if let Ok(terms) = ChangeTerms::from_profile(p.profile(), t) {
                    assert_eq!(terms.check(), Ok(()), "{p:?} {t:?}");
                }
            }
        }
    }

    #[test]
    fn kingsoft_rename_is_offline_with_the_account_manager() {
        let t = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
        let err = SubjectChange::start(
            Provider::Kingsoft.profile(),
            Transition::OrganizationRename,
            None,
            t,
            &ChinaMainland::default(),
        )
        .unwrap_err();
        let ChangeNotStarted::Refused(r) = err else {
            panic!("{err:?}")
        };
        assert!(matches!(
            r.reason(),
            crate::rules::Reason::ChangeOffline {
                contact: Contact::AccountManager,
                ..
            }
        ));
    }
}
