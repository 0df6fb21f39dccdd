//! What the caller's outside parties must answer: the identity authority,
//! the bank's four-factor check, the SMS gateway, the payer of
//! micro-deposits, incoming payments for a recharge, and the review queue.
//!
//! The crate never calls out. These traits are the shape a driver (the
//! `realname-driver` crate) calls through to perform a flow's
//! [`Action`](crate::flow::Action)s; a service implements them over its
//! real providers. Each call that has an effect outside carries an
//! idempotency key (the flow's id and the action's [`ActionId`](crate::flow::ActionId)),
//! so that a call retried after a crash or a timeout is the same call:
//! one payout, one review ticket.
//!
//! | party | trait | what it answers | the seed's failures |
//! |---|---|---|---|
//! | identity authority | [`IdentityAuthority`] | name and number match; a liveness check done on a phone passed | [`WrongNameOrNumber`](crate::policy::FailureReason::WrongNameOrNumber), [`FaceNotIdentity`](crate::policy::FailureReason::FaceNotIdentity), the face reasons |
//! | bank | [`BankVerifier`] | the four factors match | [`NameNotCardHolder`](crate::policy::FailureReason::NameNotCardHolder), [`CardNotBankPhone`](crate::policy::FailureReason::CardNotBankPhone), … |
//! | SMS gateway | [`SmsGateway`] | the code was sent | |
//! | payer | [`Payer`] | the payout was received, sent, or failed | [`AccountNameNumberMismatch`](crate::policy::FailureReason::AccountNameNumberMismatch), [`AccountNotSupported`](crate::policy::FailureReason::AccountNotSupported), … |
//! | incoming payments | [`IncomingPayments`] | a payment arrived, from whom, how much | |
//! | review queue | [`ReviewQueue`] | the ticket is queued (decisions come back as flow events) | |
//!
//! Every trait's error says whether a retry can help
//! ([`TransportError::retryable`]). With the `testkit` feature,
//! [`fake`] has deterministic, scriptable fakes of every party: pass,
//! fail with a reason, time out, answer twice.
//!
//! ```
//! use realname::transport::{TransportError, Verdict};
//! use realname::policy::FailureReason;
//!
//! // A verdict is what a check found; an error is a check not made.
//! let v = Verdict::Mismatch(Some(FailureReason::NameNotId));
//! assert!(!v.is_match());
//! assert_eq!(v.reason(), Some(FailureReason::NameNotId));
//! ```

mod authority;
mod bank;
#[cfg(feature = "testkit")]
#[cfg_attr(docsrs, doc(cfg(feature = "testkit")))]
pub mod fake;
mod parties;
mod payer;
mod payments;
mod review;
mod sms;

pub use authority::{IdentityAuthority, IdentityQuery, LivenessResult, LivenessStart};
pub use bank::{BankVerifier, FourFactors};
pub use parties::Parties;
pub use payer::{Payee, Payer, Payout, PayoutStatus};
pub use payments::{IncomingPayment, IncomingPayments, PaymentExpected};
pub use review::{ReviewQueue, ReviewTicket};
pub use sms::{SmsCode, SmsCodeError, SmsGateway};

use crate::policy::FailureReason;

/// What an outside party's error must tell: whether the same call, made
/// again with the same idempotency key, can succeed (a timeout, a
/// throttled gateway), and a stable code for logs and metrics.
///
/// ```
/// use realname::transport::TransportError;
///
/// #[derive(Debug, thiserror::Error)]
/// #[error("the gateway timed out")]
/// struct Timeout;
/// impl TransportError for Timeout {
///     fn retryable(&self) -> bool { true }
///     fn code(&self) -> &'static str { "timeout" }
/// }
/// assert!(Timeout.retryable());
/// ```
pub trait TransportError: std::error::Error + Send + Sync + 'static {
    /// Whether the same call may succeed if made again.
    fn retryable(&self) -> bool;
    /// A stable identifier.
    fn code(&self) -> &'static str;
}

/// What a check of factors found: a match, or a mismatch with the reason
/// the party gives (the seeds name them: [`FailureReason`]).
///
/// ```
/// use realname::transport::Verdict;
/// assert!(Verdict::Match.is_match());
/// assert_eq!(Verdict::Mismatch(None).reason(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Verdict {
    /// The factors match.
    Match,
    /// They do not; why, if the party says.
    Mismatch(Option<FailureReason>),
}

impl Verdict {
    /// Whether the factors match.
    ///
    /// ```
    /// assert!(!realname::transport::Verdict::Mismatch(None).is_match());
    /// ```
    #[must_use]
    pub fn is_match(&self) -> bool {
        matches!(self, Verdict::Match)
    }

    /// The reason of a mismatch, if given.
    ///
    /// ```
    /// use realname::policy::FailureReason;
    /// use realname::transport::Verdict;
    /// assert_eq!(Verdict::Mismatch(Some(FailureReason::CardNotBankPhone)).reason(), Some(FailureReason::CardNotBankPhone));
    /// ```
    #[must_use]
    pub fn reason(&self) -> Option<FailureReason> {
        match self {
            Verdict::Match => None,
            Verdict::Mismatch(r) => *r,
        }
    }
}
