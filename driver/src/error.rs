//! What the driver tells when it cannot go on.

use realname::flow::{FlowError, Party};
use realname::store::StoreError;
use realname::transport::TransportError;

/// Why the driver could not deliver an event or perform an action. Every
/// error names the flow's problem or the party that failed, and whether
/// trying again can help ([`retryable`](Self::retryable)): an action left
/// undone stays in the flow's outbox and is performed by
/// [`Driver::recover`](crate::Driver::recover) or the sweeper, with the
/// same idempotency key.
///
/// ```
/// use realname_driver::DriverError;
/// let e = DriverError::NotFound { id: "f".into() };
/// assert_eq!(e.code(), "driver_not_found");
/// assert!(!e.retryable());
/// assert!(e.to_string().contains("没有"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DriverError {
    /// The flow refused the event.
    #[error("the flow refused the event: {0}")]
    Flow(FlowError),
    /// An id or an account the stores refuse (empty, too long, a
    /// control character).
    #[error(transparent)]
    Input(realname::store::InputError),
    /// No flow has this id.
    #[error("no flow has the id {id:?} (没有此流程)")]
    NotFound {
        /// The id asked for.
        id: String,
    },
    /// A flow with this id exists already.
    #[error("a flow with the id {id:?} exists already (流程已存在)")]
    Exists {
        /// The id.
        id: String,
    },
    /// The flow is of another kind than the caller named.
    #[error("flow {id:?} is a {found} flow, not a {expected} flow (流程类型不符)")]
    WrongKind {
        /// The id.
        id: String,
        /// The kind the caller named.
        expected: &'static str,
        /// The kind saved.
        found: String,
    },
    /// The saved state could not be read or was refused as tampered.
    #[error("flow {id:?} is saved in a form that cannot be read: {reason} (流程数据无法读取)")]
    Corrupt {
        /// The id.
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// The caller has no case for the flow, or the case lacks what the
    /// action needs (a mobile number for an SMS code, a payee for a
    /// payout).
    #[error(
        "flow {id:?} needs the applicant's {what}, which the caller's cases do not hold (缺少申请资料：{what})"
    )]
    MissingCase {
        /// The id.
        id: String,
        /// What is missing.
        what: &'static str,
    },
    /// The account has no attempts of this method left (the ledger,
    /// shared by every flow of the account, refused).
    #[error("the account has used all {limit} attempts of this method (认证次数已用完)")]
    AttemptsExhausted {
        /// The limit.
        limit: u32,
    },
    /// Other writers kept changing the flow; nothing of this call was
    /// saved.
    #[error(
        "flow {id:?} was changed by others {tries} times in a row; try again (流程正被并发修改，请重试)"
    )]
    Contended {
        /// The id.
        id: String,
        /// The tries made.
        tries: u32,
    },
    /// The store failed.
    #[error("the store failed: {message} ({code})")]
    Store {
        /// The store's code.
        code: &'static str,
        /// Whether a retry may help.
        retryable: bool,
        /// Its message.
        message: String,
    },
    /// An outside party failed; the action stays to be performed again.
    #[error("the {} failed: {message} ({code})", party.code())]
    Party {
        /// Which party.
        party: Party,
        /// The party's code.
        code: &'static str,
        /// Whether a retry may help.
        retryable: bool,
        /// Its message.
        message: String,
    },
    /// The flow asked for an action this driver does not perform (the
    /// change of subject's own actions).
    #[error("the driver does not perform {0} actions (不支持的操作)")]
    Unsupported(&'static str),
}

impl DriverError {
    /// A stable identifier.
    ///
    /// ```
    /// assert_eq!(realname_driver::DriverError::Unsupported("rebind").code(), "driver_unsupported");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            DriverError::Flow(e) => e.code(),
            DriverError::Input(e) => e.code(),
            DriverError::NotFound { .. } => "driver_not_found",
            DriverError::Exists { .. } => "driver_exists",
            DriverError::WrongKind { .. } => "driver_wrong_kind",
            DriverError::Corrupt { .. } => "driver_corrupt",
            DriverError::MissingCase { .. } => "driver_missing_case",
            DriverError::AttemptsExhausted { .. } => "driver_attempts_exhausted",
            DriverError::Contended { .. } => "driver_contended",
            DriverError::Store { code, .. } | DriverError::Party { code, .. } => code,
            DriverError::Unsupported(_) => "driver_unsupported",
        }
    }

    /// Whether the same call may succeed if made again.
    ///
    /// ```
    /// let e = realname_driver::DriverError::Contended { id: "f".into(), tries: 8 };
    /// assert!(e.retryable());
    /// ```
    #[must_use]
    pub fn retryable(&self) -> bool {
        match self {
            DriverError::Contended { .. } => true,
            DriverError::Store { retryable, .. } | DriverError::Party { retryable, .. } => {
                *retryable
            }
            _ => false,
        }
    }

    pub(crate) fn store<E: StoreError>(e: E) -> DriverError {
        DriverError::Store {
            code: e.code(),
            retryable: e.retryable(),
            message: e.to_string(),
        }
    }

    pub(crate) fn party<E: TransportError>(party: Party, e: E) -> DriverError {
        DriverError::Party {
            party,
            code: e.code(),
            retryable: e.retryable(),
            message: e.to_string(),
        }
    }
}

impl From<FlowError> for DriverError {
    fn from(e: FlowError) -> DriverError {
        DriverError::Flow(e)
    }
}
