//! What a flow tells its caller after each event: its status, the actions
//! to perform, and when to call back.

use chrono::{DateTime, Utc};

use super::Failure;

/// Who the flow is waiting for, when it is not the applicant.
///
/// ```
/// assert_eq!(realname::flow::Party::Payer.code(), "payer");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Party {
    /// The identity authority, answering a face or document check.
    IdentityAuthority,
    /// The bank (or UnionPay), answering a four-factor check.
    Bank,
    /// The applicant's phone: an SMS code is on its way.
    Phone,
    /// The payment agent that sends a deposit.
    Payer,
    /// The caller's store, binding the identity to the account under its
    /// cap.
    Store,
    /// The business registry (a change of name checked against it).
    Registry,
    /// The provider's own check (whether a change may be made online).
    Provider,
}

impl Party {
    /// A stable identifier.
    ///
    /// ```
    /// assert_eq!(realname::flow::Party::Store.code(), "store");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Party::IdentityAuthority => "identity_authority",
            Party::Bank => "bank",
            Party::Phone => "phone",
            Party::Payer => "payer",
            Party::Store => "store",
            Party::Registry => "registry",
            Party::Provider => "provider",
        }
    }
}

/// Where a flow stands: small and exhaustive, so a caller handles every
/// case. The first three wait for someone; the last five are terminal and
/// absorb every later event.
///
/// ```
/// use realname::flow::Status;
/// assert!(Status::Verified.is_terminal());
/// assert!(!Status::AwaitingApplicant.is_terminal());
/// assert_eq!(Status::Locked.code(), "locked");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Status {
    /// The applicant must act: submit details, enter an amount, try again
    /// after a failure ([`Step::failure`] says which).
    AwaitingApplicant,
    /// An outside party must answer.
    AwaitingParty(Party),
    /// A person reviews the application, due by this time.
    InReview {
        /// When the review is due.
        due: DateTime<Utc>,
    },
    /// Verified and bound to the account.
    Verified,
    /// Refused for good ([`Step::failure`] says why).
    Failed,
    /// A deadline passed.
    Expired,
    /// The method's attempts are used up; other methods stay open.
    Locked,
    /// The applicant withdrew.
    Withdrawn,
}

impl Status {
    /// Whether the flow has ended.
    ///
    /// ```
    /// assert!(realname::flow::Status::Withdrawn.is_terminal());
    /// ```
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Status::Verified
                | Status::Failed
                | Status::Expired
                | Status::Locked
                | Status::Withdrawn
        )
    }

    /// A stable identifier.
    ///
    /// ```
    /// use realname::flow::{Party, Status};
    /// assert_eq!(Status::AwaitingParty(Party::Payer).code(), "awaiting_party");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Status::AwaitingApplicant => "awaiting_applicant",
            Status::AwaitingParty(_) => "awaiting_party",
            Status::InReview { .. } => "in_review",
            Status::Verified => "verified",
            Status::Failed => "failed",
            Status::Expired => "expired",
            Status::Locked => "locked",
            Status::Withdrawn => "withdrawn",
        }
    }
}

/// Names one action for retries: a caller combines it with its own flow
/// id into an idempotency key (`{flow}-{revision}-{index}`), so that a
/// payout retried after a crash is the same payout to the payer.
///
/// ```
/// use realname::flow::ActionId;
/// let id = ActionId { revision: 3, index: 0 };
/// assert_eq!(id.to_string(), "3-0");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ActionId {
    /// The revision of the flow the action was emitted at.
    pub revision: u64,
    /// Its place among that step's actions.
    pub index: u8,
}

impl std::fmt::Display for ActionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.revision, self.index)
    }
}

/// Why a string is not an [`ActionId`] (`"{revision}-{index}"`).
///
/// ```
/// use realname::flow::ActionId;
/// let e = "3".parse::<ActionId>().unwrap_err();
/// assert_eq!(e.to_string(), "an action id is written revision-index, such as 3-0 (操作编号应写作“修订号-序号”)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("an action id is written revision-index, such as 3-0 (操作编号应写作“修订号-序号”)")]
pub struct ActionIdError;

/// Reads the form [`Display`](std::fmt::Display) writes, so that an
/// idempotency key that names an action (a payer's callback) leads back
/// to it.
///
/// ```
/// use realname::flow::ActionId;
/// assert_eq!("12-1".parse(), Ok(ActionId { revision: 12, index: 1 }));
/// assert!("12-".parse::<ActionId>().is_err());
/// assert!("+1-0".parse::<ActionId>().is_err());
/// ```
impl std::str::FromStr for ActionId {
    type Err = ActionIdError;

    fn from_str(s: &str) -> Result<ActionId, ActionIdError> {
        let (r, i) = s.split_once('-').ok_or(ActionIdError)?;
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(r) || !digits(i) {
            return Err(ActionIdError);
        }
        Ok(ActionId {
            revision: r.parse().map_err(|_| ActionIdError)?,
            index: i.parse().map_err(|_| ActionIdError)?,
        })
    }
}

/// Something the caller must do after saving the flow's new state (save
/// first, then act: a crash in between repeats the action with the same
/// [`ActionId`], never loses a counted attempt).
///
/// ```
/// use realname::flow::{Action, ActionId};
/// let a = Action::RequestPayout { id: ActionId { revision: 1, index: 0 }, fen: 37 };
/// assert_eq!(a.code(), "request_payout");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Action {
    /// Send an SMS code to the applicant's phone (the caller draws the
    /// code and checks it) and report whether the applicant entered it.
    SendSmsCode {
        /// The id to report the result with.
        id: ActionId,
    },
    /// Start a liveness check of this kind and report its result.
    StartLiveness {
        /// The id to report the result with.
        id: ActionId,
        /// Which check.
        kind: Liveness,
        /// Whose face.
        actor: Actor,
    },
    /// Ask the identity authority (or the bank, for a bank card) to check
    /// the factors the applicant submitted, and report its answer.
    CheckIdentity {
        /// The id to report the answer with.
        id: ActionId,
    },
    /// Show the applicant the account and the amount to pay (a recharge)
    /// and report the payment when it arrives.
    AwaitPayment {
        /// The id to report the payment with.
        id: ActionId,
        /// The amount to pay, in fen, as the caller chose it.
        fen: u32,
        /// When the payment must arrive by.
        due: Option<DateTime<Utc>>,
    },
    /// Ask the payer to send this many fen to the organisation's account,
    /// with this id as the idempotency key, and report the result with it.
    RequestPayout {
        /// The idempotency key.
        id: ActionId,
        /// The amount, in fen, as the caller chose it.
        fen: u32,
    },
    /// Queue a manual review due by this time.
    QueueReview {
        /// The id to report the decision with.
        id: ActionId,
        /// When it is due.
        due: DateTime<Utc>,
    },
    /// Bind the subject's identity key (its keyed digest) to the account
    /// under this cap, atomically, and report the store's answer.
    Bind {
        /// The id to report the result with.
        id: ActionId,
        /// The cap on accounts per identity; `None` when the profile
        /// states none.
        cap: Option<u32>,
    },
    /// Verify the current or the new subject by `method` and report
    /// whether it passed. Counted as one attempt of the method within the
    /// change when emitted. The caller runs the method's own machine for
    /// it ([`AutomaticCheck`](super::AutomaticCheck),
    /// [`MicroDeposit`](super::MicroDeposit), …) and answers that flow's
    /// [`Action::Bind`] with [`BindOutcome::Bound`] without touching the
    /// store: in a change, the change's [`Action::Rebind`] binds.
    VerifySubject {
        /// The id to report the result with.
        id: ActionId,
        /// Whose check.
        role: SubjectRole,
        /// By which method.
        method: crate::policy::MethodKind,
    },
    /// Ask the provider's check whether this change may be made online.
    CheckEligibility {
        /// The id to report the result with.
        id: ActionId,
    },
    /// Check the new name and licence against the business registry.
    CheckRegistry {
        /// The id to report the result with.
        id: ActionId,
    },
    /// Move the account's binding from the current subject's identity key
    /// to the new subject's, under this cap on the new identity, all or
    /// nothing ([`BindingStore::rebind`](crate::store::BindingStore::rebind)),
    /// and report the store's answer.
    Rebind {
        /// The id to report the result with.
        id: ActionId,
        /// The cap on accounts per identity; `None` when the profile
        /// states no number.
        cap: Option<u32>,
    },
    /// Tell the applicant (by SMS to the account's phone, say); nothing is
    /// answered.
    NotifyApplicant {
        /// The id, for the caller's idempotency.
        id: ActionId,
        /// What to tell.
        notice: Notice,
    },
}

/// A deposit's amount is the check's secret: `Debug` hides it (the
/// caller sends it to the payer, never to a log).
impl std::fmt::Debug for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Action::RequestPayout { id, .. } => f
                .debug_struct("RequestPayout")
                .field("id", id)
                .field("fen", &format_args!("**"))
                .finish(),
            Action::SendSmsCode { id } => f.debug_struct("SendSmsCode").field("id", id).finish(),
            Action::StartLiveness { id, kind, actor } => f
                .debug_struct("StartLiveness")
                .field("id", id)
                .field("kind", kind)
                .field("actor", actor)
                .finish(),
            Action::CheckIdentity { id } => {
                f.debug_struct("CheckIdentity").field("id", id).finish()
            }
            Action::AwaitPayment { id, fen, due } => f
                .debug_struct("AwaitPayment")
                .field("id", id)
                .field("fen", fen)
                .field("due", due)
                .finish(),
            Action::QueueReview { id, due } => f
                .debug_struct("QueueReview")
                .field("id", id)
                .field("due", due)
                .finish(),
            Action::Bind { id, cap } => f
                .debug_struct("Bind")
                .field("id", id)
                .field("cap", cap)
                .finish(),
            Action::VerifySubject { id, role, method } => f
                .debug_struct("VerifySubject")
                .field("id", id)
                .field("role", role)
                .field("method", method)
                .finish(),
            Action::CheckEligibility { id } => {
                f.debug_struct("CheckEligibility").field("id", id).finish()
            }
            Action::CheckRegistry { id } => {
                f.debug_struct("CheckRegistry").field("id", id).finish()
            }
            Action::Rebind { id, cap } => f
                .debug_struct("Rebind")
                .field("id", id)
                .field("cap", cap)
                .finish(),
            Action::NotifyApplicant { id, notice } => f
                .debug_struct("NotifyApplicant")
                .field("id", id)
                .field("notice", notice)
                .finish(),
        }
    }
}

impl Action {
    /// A stable identifier.
    ///
    /// ```
    /// use realname::flow::{Action, ActionId};
    /// assert_eq!(Action::Bind { id: ActionId { revision: 9, index: 0 }, cap: Some(3) }.code(), "bind");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Action::SendSmsCode { .. } => "send_sms_code",
            Action::StartLiveness { .. } => "start_liveness",
            Action::CheckIdentity { .. } => "check_identity",
            Action::AwaitPayment { .. } => "await_payment",
            Action::RequestPayout { .. } => "request_payout",
            Action::QueueReview { .. } => "queue_review",
            Action::Bind { .. } => "bind",
            Action::VerifySubject { .. } => "verify_subject",
            Action::CheckEligibility { .. } => "check_eligibility",
            Action::CheckRegistry { .. } => "check_registry",
            Action::Rebind { .. } => "rebind",
            Action::NotifyApplicant { .. } => "notify_applicant",
        }
    }

    /// The action's id.
    ///
    /// ```
    /// use realname::flow::{Action, ActionId};
    /// let id = ActionId { revision: 2, index: 0 };
    /// assert_eq!(Action::CheckIdentity { id }.id(), id);
    /// ```
    pub fn id(&self) -> ActionId {
        match self {
            Action::SendSmsCode { id }
            | Action::StartLiveness { id, .. }
            | Action::CheckIdentity { id }
            | Action::AwaitPayment { id, .. }
            | Action::RequestPayout { id, .. }
            | Action::QueueReview { id, .. }
            | Action::Bind { id, .. }
            | Action::VerifySubject { id, .. }
            | Action::CheckEligibility { id }
            | Action::CheckRegistry { id }
            | Action::Rebind { id, .. }
            | Action::NotifyApplicant { id, .. } => *id,
        }
    }
}

/// The outcome of one event: the flow's status, the actions to perform
/// (after saving the new state), when to call back, and the failure that
/// the applicant should see.
///
/// ```
/// use realname::flow::{Status, Step};
/// let s = Step { status: Status::Withdrawn, actions: vec![], next_deadline: None, failure: None, revision: 4, duplicate: false };
/// assert!(s.status.is_terminal());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a step carries actions that the caller must perform"]
pub struct Step {
    /// The status after the event.
    pub status: Status,
    /// What to do, in order, after saving the state.
    pub actions: Vec<Action>,
    /// When to call back with the time, if the flow waits on a deadline.
    pub next_deadline: Option<DateTime<Utc>>,
    /// The last failure the applicant should see (a wrong amount, a failed
    /// face check), or why the flow ended.
    pub failure: Option<Failure>,
    /// The flow's revision after the event: one more per accepted event.
    pub revision: u64,
    /// The event was an answer already taken (a retried webhook): nothing
    /// changed and nothing was counted.
    pub duplicate: bool,
}

/// What a flow tells the applicant.
///
/// ```
/// use realname::flow::Notice;
/// let n = Notice::ChangeApproved { verify_by: None };
/// assert_eq!(n.code(), "change_approved");
/// assert_eq!(n.to_string_zh(), "主体变更申请已通过审核，请完成新主体实名认证");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Notice {
    /// A change to another organisation was approved: the new subject is
    /// to be verified, by `verify_by` where a window is stated.
    ChangeApproved {
        /// The end of the window.
        verify_by: Option<DateTime<Utc>>,
    },
}

impl Notice {
    /// A stable identifier.
    ///
    /// ```
    /// assert_eq!(realname::flow::Notice::ChangeApproved { verify_by: None }.code(), "change_approved");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Notice::ChangeApproved { .. } => "change_approved",
        }
    }

    /// The message in Chinese.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let n = realname::flow::Notice::ChangeApproved { verify_by: Some(Utc.with_ymd_and_hms(2026, 6, 10, 2, 0, 0).unwrap()) };
    /// assert_eq!(n.to_string_zh(), "主体变更申请已通过审核，请在 2026-06-10 10:00 (UTC+8) 前完成新主体实名认证");
    /// ```
    pub fn to_string_zh(&self) -> String {
        match self {
            Notice::ChangeApproved { verify_by: Some(t) } => format!(
                "主体变更申请已通过审核，请在 {} 前完成新主体实名认证",
                crate::rules::beijing(t)
            ),
            Notice::ChangeApproved { verify_by: None } => {
                "主体变更申请已通过审核，请完成新主体实名认证".to_owned()
            }
        }
    }
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::ChangeApproved { verify_by: Some(t) } => write!(
                f,
                "The change of subject was approved; verify the new subject by {}",
                crate::rules::beijing(t)
            ),
            Notice::ChangeApproved { verify_by: None } => {
                f.write_str("The change of subject was approved; verify the new subject")
            }
        }
    }
}

/// Whose check a change of subject asks for.
///
/// ```
/// assert_eq!(realname::flow::SubjectRole::Current.code(), "current");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SubjectRole {
    /// The subject the account is verified as now, confirming the change
    /// (Baidu: the old subject's face or bank card; for an organisation,
    /// its contact's face).
    Current,
    /// The subject the account changes to.
    New,
}

impl SubjectRole {
    /// A stable identifier.
    ///
    /// ```
    /// assert_eq!(realname::flow::SubjectRole::New.code(), "new");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            SubjectRole::Current => "current",
            SubjectRole::New => "new",
        }
    }
}

/// The store's answer to [`Action::Bind`].
///
/// ```
/// use realname::flow::BindOutcome;
/// assert_ne!(BindOutcome::Bound, BindOutcome::CapReached);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum BindOutcome {
    /// Bound now.
    Bound,
    /// The account was bound to this identity already (a retried bind).
    AlreadyBound,
    /// The cap was reached first, by another account.
    CapReached,
}

/// A liveness check.
///
/// ```
/// assert_eq!(realname::flow::Liveness::VideoReadingDigits.code(), "video_reading_digits");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Liveness {
    /// A video of the applicant reading displayed digits aloud (Kingsoft's
    /// ID card method).
    VideoReadingDigits,
    /// A face image captured through a QR code (Kingsoft's bank card
    /// method).
    FaceImage,
    /// A face scan in an app reached by a QR code (Baidu's face methods,
    /// Tencent's face method).
    FaceScan,
}

impl Liveness {
    /// A stable identifier.
    ///
    /// ```
    /// assert_eq!(realname::flow::Liveness::FaceScan.code(), "face_scan");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Liveness::VideoReadingDigits => "video_reading_digits",
            Liveness::FaceImage => "face_image",
            Liveness::FaceScan => "face_scan",
        }
    }
}

/// Whose face a liveness check looks at.
///
/// ```
/// assert_eq!(realname::flow::Actor::Operator.code(), "operator");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Actor {
    /// The applicant, an individual.
    Applicant,
    /// The organisation's legal representative.
    LegalRepresentative,
    /// A person the organisation authorised with a sealed letter of
    /// authorisation.
    Delegate,
    /// The person handling the application (经办人).
    Operator,
}

impl Actor {
    /// A stable identifier.
    ///
    /// ```
    /// assert_eq!(realname::flow::Actor::LegalRepresentative.code(), "legal_representative");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Actor::Applicant => "applicant",
            Actor::LegalRepresentative => "legal_representative",
            Actor::Delegate => "delegate",
            Actor::Operator => "operator",
        }
    }
}
