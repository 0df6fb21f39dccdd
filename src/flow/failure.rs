//! Why a flow step failed, and why an event was refused.

use chrono::{DateTime, Utc};

use super::FailureReason;
use crate::calendar::CalendarError;
use crate::policy::{Counted, MethodKind, Profile, Source};

/// What went wrong for the applicant, inside a flow: shown to them with a
/// stable code and messages in Chinese and English that hold no personal
/// data. Some failures leave the flow open (a wrong amount with entries
/// left, a failed face check), others end it (see [`Step::status`](super::Step::status)).
///
/// ```
/// use realname::flow::Failure;
/// let f = Failure::WrongAmount { left: Some(2) };
/// assert_eq!(f.code(), "wrong_amount");
/// assert_eq!(f.to_string(), "The amount entered is not the amount paid; 2 entries left");
/// assert_eq!(f.to_string_zh(), "输入的金额与打款金额不符，还可输入 2 次");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Failure {
    /// The operator's face check did not pass.
    FaceCheckFailed,
    /// The SMS code was not entered, or entered wrong.
    SmsCodeFailed,
    /// A liveness check did not pass.
    LivenessFailed {
        /// Why, as the provider names it, if given.
        reason: Option<FailureReason>,
    },
    /// The identity authority or the bank found that the factors do not
    /// match.
    IdentityMismatch {
        /// Which factor, as the provider names it, if given.
        reason: Option<FailureReason>,
    },
    /// The reviewer asked for the documents again.
    ResubmissionRequested,
    /// The name or number entered is not what the document's image shows
    /// (the provider's OCR read another).
    DocumentMismatch,
    /// A payment arrived that does not match: another amount, or from an
    /// account whose name is not the organisation's.
    PaymentMismatch,
    /// The payer could not send the deposit.
    PayoutFailed {
        /// The payer's reason, as the provider names it, if given.
        reason: Option<FailureReason>,
    },
    /// The amount entered is not the amount paid.
    WrongAmount {
        /// Entries left for this transfer, if the provider limits them.
        left: Option<u32>,
    },
    /// The method's attempts are used up.
    AttemptsExhausted {
        /// What was counted.
        counted: Counted,
        /// The limit.
        max: u32,
        /// The method the provider sends the applicant to instead.
        fallback: Option<MethodKind>,
    },
    /// A deadline passed.
    DeadlinePassed {
        /// When.
        due: DateTime<Utc>,
    },
    /// The reviewer rejected the application.
    ReviewRejected,
    /// A change of name: the new name and licence do not match the
    /// business registry; the applicant uploads proof of the change
    /// (工商变更证明 or 变更申请表) for a manual review.
    RegistryMismatch,
    /// A change to another organisation that the provider's check does
    /// not let through online: it goes through the provider's staff.
    NotEligible {
        /// Whom to contact, where the profile names them.
        contact: Option<crate::policy::Contact>,
    },
    /// The identity has verified as many accounts as the cap allows:
    /// another server bound the last place first.
    AccountCap {
        /// The cap, if the profile states its number (a store may refuse
        /// under a cap of its own).
        limit: Option<u32>,
    },
}

impl Failure {
    /// A stable identifier, the same as the rules' where they name the
    /// same thing (`attempts_exhausted`, `deadline_passed`,
    /// `account_cap_reached`).
    ///
    /// ```
    /// assert_eq!(realname::flow::Failure::ReviewRejected.code(), "review_rejected");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Failure::FaceCheckFailed => "face_check_failed",
            Failure::SmsCodeFailed => "sms_code_failed",
            Failure::LivenessFailed { .. } => "liveness_failed",
            Failure::IdentityMismatch { .. } => "identity_mismatch",
            Failure::ResubmissionRequested => "resubmission_requested",
            Failure::DocumentMismatch => "document_mismatch",
            Failure::PaymentMismatch => "payment_mismatch",
            Failure::PayoutFailed { .. } => "payout_failed",
            Failure::WrongAmount { .. } => "wrong_amount",
            Failure::AttemptsExhausted { .. } => "attempts_exhausted",
            Failure::DeadlinePassed { .. } => "deadline_passed",
            Failure::ReviewRejected => "review_rejected",
            Failure::RegistryMismatch => "registry_mismatch",
            Failure::NotEligible { .. } => "change_not_eligible",
            Failure::AccountCap { .. } => "account_cap_reached",
        }
    }

    /// The message in Chinese.
    ///
    /// ```
    /// use realname::flow::Failure;
    /// assert_eq!(Failure::AccountCap { limit: Some(1) }.to_string_zh(), "该证件已认证 1 个账号，已达上限");
    /// ```
    pub fn to_string_zh(&self) -> String {
        match self {
            Failure::FaceCheckFailed => "经办人人脸识别未通过，请重新提交".to_owned(),
            Failure::SmsCodeFailed => "短信验证码验证未通过".to_owned(),
            Failure::LivenessFailed { reason: Some(r) } => {
                format!("活体检测未通过：{}", r.name_zh())
            }
            Failure::LivenessFailed { reason: None } => "活体检测未通过".to_owned(),
            Failure::IdentityMismatch { reason: Some(r) } => {
                format!("身份信息核验未通过：{}", r.name_zh())
            }
            Failure::IdentityMismatch { reason: None } => "身份信息核验未通过".to_owned(),
            Failure::ResubmissionRequested => "审核要求重新提交材料".to_owned(),
            Failure::DocumentMismatch => "填写的姓名或证件号码与证件照片不一致".to_owned(),
            Failure::PaymentMismatch => "收到的款项与要求不符（金额或付款账户名称）".to_owned(),
            Failure::PayoutFailed { reason: Some(r) } => format!("打款失败：{}", r.name_zh()),
            Failure::PayoutFailed { reason: None } => "打款失败".to_owned(),
            Failure::WrongAmount { left: Some(n) } => {
                format!("输入的金额与打款金额不符，还可输入 {n} 次")
            }
            Failure::WrongAmount { left: None } => "输入的金额与打款金额不符".to_owned(),
            Failure::AttemptsExhausted {
                max,
                fallback: Some(m),
                ..
            } => format!("已用完 {max} 次机会，请改用{}", m.name_zh()),
            Failure::AttemptsExhausted { max, .. } => format!("已用完 {max} 次机会"),
            Failure::DeadlinePassed { due } => {
                format!("已超过办理期限（{}）", crate::rules::beijing(due))
            }
            Failure::ReviewRejected => "审核未通过".to_owned(),
            Failure::RegistryMismatch => {
                "新名称与工商信息核验不一致，请上传工商变更证明或变更申请表".to_owned()
            }
            Failure::NotEligible { contact: Some(c) } => {
                format!("不满足线上变更条件，请联系{}", c.name_zh())
            }
            Failure::NotEligible { contact: None } => "不满足线上变更条件".to_owned(),
            Failure::AccountCap { limit: Some(limit) } => {
                format!("该证件已认证 {limit} 个账号，已达上限")
            }
            Failure::AccountCap { limit: None } => "该证件已认证的账号数已达上限".to_owned(),
        }
    }
}

impl Failure {
    /// The seed rule the failure rests on, from the profile the flow
    /// started with, where one does: the attempt limit that ran out, the
    /// deadline that passed, the cap that was reached, the review time,
    /// the reason the provider names. `None` for an outside party's
    /// answer the profile does not name, and for a profile that states
    /// nothing.
    ///
    /// ```
    /// use realname::flow::Failure;
    /// use realname::policy::{Counted, MethodKind, Provider};
    /// let f = Failure::AttemptsExhausted { counted: Counted::Attempts, max: 10, fallback: None };
    /// let source = f.basis(Provider::Baidu.profile(), MethodKind::BankCard).unwrap();
    /// assert_eq!(source.line, Some(283));
    /// ```
    pub fn basis<'p>(&self, profile: &'p Profile, method: MethodKind) -> Option<&'p Source> {
        let m = profile.method(method)?;
        let reason_source = |r: &Option<FailureReason>| {
            r.and_then(|r| {
                m.failure_reasons
                    .iter()
                    .find(|s| s.value == r)
                    .and_then(|s| s.source.as_ref())
            })
        };
        match self {
            Failure::AttemptsExhausted { counted, max, .. } => m
                .attempts
                .iter()
                .find(|a| {
                    a.value.max == *max
                        && (a.value.counted == *counted || *counted == Counted::MethodUses)
                })
                .and_then(|a| a.source.as_ref()),
            Failure::DeadlinePassed { .. } => m.payment.as_ref().and_then(|p| p.deadline.source()),
            Failure::AccountCap { .. } => profile
                .account_cap(m.subject)
                .and_then(|c| c.source.as_ref()),
            Failure::ReviewRejected | Failure::ResubmissionRequested => {
                m.manual_review.source().or(m.review.source())
            }
            Failure::PayoutFailed { reason }
            | Failure::LivenessFailed { reason }
            | Failure::IdentityMismatch { reason } => reason_source(reason),
            _ => None,
        }
    }

    /// The seed rule a failure inside a change of subject rests on: the
    /// change's attempt limit of `method`, its window, the new identity's
    /// cap, whether it is made online; a failed check of `method` as
    /// [`Failure::basis`] finds it.
    ///
    /// ```
    /// use realname::flow::Failure;
    /// use realname::policy::{Counted, MethodKind, Provider, Transition};
    /// let f = Failure::AttemptsExhausted { counted: Counted::Attempts, max: 5, fallback: Some(MethodKind::Face) };
    /// let source = f.basis_in_change(Provider::Baidu.profile(), Transition::IndividualToIndividual, Some(MethodKind::BankCard)).unwrap();
    /// assert_eq!(source.line, Some(621));
    /// ```
    pub fn basis_in_change<'p>(
        &self,
        profile: &'p Profile,
        transition: crate::policy::Transition,
        method: Option<MethodKind>,
    ) -> Option<&'p Source> {
        let rule = profile.change(transition)?;
        match self {
            Failure::AttemptsExhausted { max, .. } => rule
                .attempts
                .iter()
                .find(|a| Some(a.value.method) == method)
                .or_else(|| rule.attempts.iter().find(|a| a.value.limit.max == *max))
                .and_then(|a| a.source.as_ref()),
            Failure::DeadlinePassed { .. } => rule.window.source(),
            Failure::AccountCap { .. } => profile
                .account_cap(transition.to_subject())
                .and_then(|c| c.source.as_ref()),
            Failure::NotEligible { .. } => rule.availability.source.as_ref(),
            _ => method.and_then(|m| self.basis(profile, m)),
        }
    }

    /// Whether the failure leaves the applicant another try of the same
    /// method: a wrong amount with entries left, a failed face or identity
    /// check, a payout that failed, documents asked for again.
    ///
    /// ```
    /// use realname::flow::Failure;
    /// assert!(Failure::WrongAmount { left: Some(1) }.may_retry());
    /// assert!(!Failure::ReviewRejected.may_retry());
    /// ```
    pub fn may_retry(&self) -> bool {
        matches!(
            self,
            Failure::FaceCheckFailed
                | Failure::SmsCodeFailed
                | Failure::LivenessFailed { .. }
                | Failure::IdentityMismatch { .. }
                | Failure::PayoutFailed { .. }
                | Failure::ResubmissionRequested
                | Failure::DocumentMismatch
                | Failure::RegistryMismatch
        ) || matches!(self, Failure::WrongAmount { left } if *left != Some(0))
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::FaceCheckFailed => {
                f.write_str("The operator's face check did not pass; submit again")
            }
            Failure::SmsCodeFailed => f.write_str("The SMS code was not confirmed"),
            Failure::LivenessFailed { reason: Some(r) } => {
                write!(f, "The liveness check did not pass: {}", r.name_en())
            }
            Failure::LivenessFailed { reason: None } => {
                f.write_str("The liveness check did not pass")
            }
            Failure::IdentityMismatch { reason: Some(r) } => {
                write!(f, "The identity check did not pass: {}", r.name_en())
            }
            Failure::IdentityMismatch { reason: None } => {
                f.write_str("The identity check did not pass")
            }
            Failure::ResubmissionRequested => {
                f.write_str("The review asks for the documents again")
            }
            Failure::DocumentMismatch => f.write_str(
                "The name or number entered is not what the document's image shows",
            ),
            Failure::PaymentMismatch => f.write_str(
                "The payment does not match: another amount, or from an account not in the organisation's name",
            ),
            Failure::PayoutFailed { reason: Some(r) } => {
                write!(f, "The deposit could not be sent: {}", r.name_en())
            }
            Failure::PayoutFailed { reason: None } => f.write_str("The deposit could not be sent"),
            Failure::WrongAmount { left: Some(n) } => write!(
                f,
                "The amount entered is not the amount paid; {n} {} left",
                if *n == 1 { "entry" } else { "entries" }
            ),
            Failure::WrongAmount { left: None } => {
                f.write_str("The amount entered is not the amount paid")
            }
            Failure::AttemptsExhausted {
                max,
                counted,
                fallback,
            } => {
                write!(f, "No {counted} are left (the limit is {max})")?;
                match fallback {
                    Some(m) => write!(f, "; use {} instead", m.name_en()),
                    None => Ok(()),
                }
            }
            Failure::DeadlinePassed { due } => write!(
                f,
                "The time allowed has passed ({})",
                crate::rules::beijing(due)
            ),
            Failure::ReviewRejected => f.write_str("The review rejected the application"),
            Failure::RegistryMismatch => f.write_str(
                "The new name does not match the business registry; upload the registry's proof of the change or the change application form",
            ),
            Failure::NotEligible { contact: Some(c) } => write!(
                f,
                "This change cannot be made online; contact the {}",
                c.name_en()
            ),
            Failure::NotEligible { contact: None } => {
                f.write_str("This change cannot be made online")
            }
            Failure::AccountCap { limit: Some(limit) } => write!(
                f,
                "This document has already verified {limit} {}, the most allowed",
                if *limit == 1 { "account" } else { "accounts" }
            ),
            Failure::AccountCap { limit: None } => {
                f.write_str("This document has already verified the most accounts allowed")
            }
        }
    }
}

/// Why a flow refused an event or a saved state. The flow is unchanged.
///
/// ```
/// use realname::flow::{FlowError, Status};
/// let e = FlowError::Unexpected { status: Status::Verified, event: "amount_entered" };
/// assert_eq!(e.code(), "flow_unexpected_event");
/// assert_eq!(e.to_string(), "the event amount_entered does not apply when the flow is verified");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FlowError {
    /// The event makes no sense in the flow's current state (an amount
    /// before a payout, anything after the end).
    #[error("the event {event} does not apply when the flow is {}", status.code())]
    Unexpected {
        /// Where the flow stands.
        status: super::Status,
        /// The event's code.
        event: &'static str,
    },
    /// An answer names an action the flow is not waiting on: one it never
    /// emitted, or one it no longer waits for (after a withdrawal, or
    /// once a newer action replaced it).
    #[error("the flow is not waiting for an answer to action {id}")]
    UnknownAction {
        /// The id given.
        id: super::ActionId,
    },
    /// An action was answered before, and this answer says otherwise (a
    /// face check first failed, now passed): the first answer stands.
    #[error("action {id} was answered before, otherwise")]
    ConflictingAnswer {
        /// The action.
        id: super::ActionId,
    },
    /// The caller's deposit amount is outside the profile's range, or 0.
    #[error("the deposit of {fen} fen is outside the range the provider states")]
    AmountOutOfRange {
        /// The amount.
        fen: u32,
    },
    /// An upload of a submission is refused (missing, empty, of a format
    /// the provider does not take, too large, or not asked for). It never
    /// names the file: [`rules::check_upload`](crate::rules::check_upload)
    /// gives the applicant's message with the formats accepted.
    #[error("{0}")]
    UploadRefused(super::UploadProblem),
    /// `now` is before the flow's last event.
    #[error("the time given is before the flow's last event")]
    TimeWentBack,
    /// The method is not one this flow runs (a micro-deposit, a method
    /// decided automatically), or the profile does not offer it.
    #[error("the profile offers no such method for this flow")]
    MethodNotOffered,
    /// A saved state does not hold together: a counter, a status or a
    /// deadline differs from what its own history gives. It is refused,
    /// never trusted.
    #[error("the saved flow state is inconsistent: {0}")]
    Tampered(&'static str),
    /// The flow has taken the most events one flow may take
    /// ([`MAX_EVENTS`](super::MAX_EVENTS)).
    #[error("the flow has taken the most events it may take")]
    TooManyEvents,
    /// A deadline could not be reckoned on the calendar.
    #[error("{0}")]
    Calendar(CalendarError),
}

impl FlowError {
    /// A stable identifier.
    ///
    /// ```
    /// assert_eq!(realname::flow::FlowError::TimeWentBack.code(), "flow_time_went_back");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            FlowError::Unexpected { .. } => "flow_unexpected_event",
            FlowError::UnknownAction { .. } => "flow_unknown_action",
            FlowError::ConflictingAnswer { .. } => "flow_conflicting_answer",
            FlowError::AmountOutOfRange { .. } => "flow_amount_out_of_range",
            FlowError::UploadRefused(_) => "flow_upload_refused",
            FlowError::TimeWentBack => "flow_time_went_back",
            FlowError::MethodNotOffered => "flow_method_not_offered",
            FlowError::Tampered(_) => "flow_tampered",
            FlowError::TooManyEvents => "flow_too_many_events",
            FlowError::Calendar(e) => e.code(),
        }
    }

    /// The message in Chinese.
    ///
    /// ```
    /// assert_eq!(realname::flow::FlowError::TimeWentBack.to_string_zh(), "给出的时间早于流程的上一个事件");
    /// ```
    pub fn to_string_zh(&self) -> String {
        match self {
            FlowError::Unexpected { status, event } => {
                format!("流程当前状态（{}）不接受事件 {event}", status.code())
            }
            FlowError::UnknownAction { id } => format!("流程并未在等待操作 {id} 的回复"),
            FlowError::ConflictingAnswer { id } => {
                format!("操作 {id} 已有不同的回复，以第一次为准")
            }
            FlowError::AmountOutOfRange { fen } => format!("打款金额 {fen} 分超出服务商规定的范围"),
            FlowError::UploadRefused(p) => p.to_string_zh(),
            FlowError::TimeWentBack => "给出的时间早于流程的上一个事件".to_owned(),
            FlowError::MethodNotOffered => "该服务商未提供此认证方式".to_owned(),
            FlowError::Tampered(what) => format!("保存的流程状态不一致：{what}"),
            FlowError::TooManyEvents => "流程的事件数已达上限".to_owned(),
            FlowError::Calendar(e) => e.to_string_zh(),
        }
    }
}
