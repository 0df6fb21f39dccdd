//! Attempt limits: what is counted, over what scope, what follows.

use super::*;

/// What an attempt limit counts.
///
/// ```
/// assert_eq!(realname::policy::Counted::AmountEntries.to_string(), "amount entries");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Counted {
    /// Verification attempts.
    Attempts,
    /// Entries of a deposited amount.
    AmountEntries,
    /// Uses of the method at all.
    MethodUses,
}

impl fmt::Display for Counted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Counted::Attempts => "attempts",
            Counted::AmountEntries => "amount entries",
            Counted::MethodUses => "uses",
        })
    }
}

/// Over what an attempt limit counts.
///
/// ```
/// use realname::policy::{Scope, Transition};
/// assert_ne!(Scope::Account, Scope::ChangeRequest(Transition::IndividualToIndividual));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Scope {
    /// The account's whole life (no provider says a counter resets).
    Account,
    /// One deposit or payment.
    Transfer,
    /// One request to change the verified subject; withdrawing the request
    /// and submitting a new one starts a new count.
    ChangeRequest(Transition),
}

/// What happens when the attempts run out.
///
/// ```
/// use realname::policy::{MethodKind, OnExhaust};
/// assert_eq!(OnExhaust::FallbackTo(MethodKind::CertificateUpload).to_string(), "use organisation certificate upload instead");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum OnExhaust {
    /// The method can no longer be used; other methods can.
    MethodLocked,
    /// Use this method instead.
    FallbackTo(MethodKind),
    /// Start again with a new transfer.
    Restart,
    /// Use another method, or withdraw the change request and submit a new
    /// one.
    OtherMethodOrWithdraw,
}

impl fmt::Display for OnExhaust {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OnExhaust::MethodLocked => f.write_str("the method is locked; other methods remain"),
            OnExhaust::FallbackTo(m) => write!(f, "use {} instead", m.name_en()),
            OnExhaust::Restart => f.write_str("start again"),
            OnExhaust::OtherMethodOrWithdraw => {
                f.write_str("use another method, or withdraw and resubmit the change")
            }
        }
    }
}

/// A limit on attempts.
///
/// ```
/// use realname::policy::{Counted, MethodKind, Provider, Scope};
/// let m = Provider::Baidu.profile().method(MethodKind::BankCard).unwrap();
/// let limit = &m.attempts[0].value;
/// assert_eq!((limit.counted, limit.max, limit.scope), (Counted::Attempts, 10, Scope::Account));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct AttemptLimit {
    /// What is counted.
    pub counted: Counted,
    /// How many are allowed (at least 1).
    pub max: u32,
    /// Over what.
    pub scope: Scope,
    /// What follows when none are left; `None`: not stated.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub on_exhaust: Option<OnExhaust>,
}

impl AttemptLimit {
    /// At most `max` of what is `counted`, over `scope`; what follows is
    /// not stated ([`AttemptLimit::with_on_exhaust`] states it).
    ///
    /// ```
    /// use realname::policy::{AttemptLimit, Counted, Scope};
    /// let limit = AttemptLimit::new(Counted::Attempts, 5, Scope::Account);
    /// assert_eq!((limit.max, limit.on_exhaust), (5, None));
    /// ```
    #[must_use]
    pub const fn new(counted: Counted, max: u32, scope: Scope) -> AttemptLimit {
        AttemptLimit {
            counted,
            max,
            scope,
            on_exhaust: None,
        }
    }

    /// The same limit, with what follows when none are left.
    ///
    /// ```
    /// use realname::policy::{AttemptLimit, Counted, OnExhaust, Scope};
    /// let limit = AttemptLimit::new(Counted::Attempts, 5, Scope::Account).with_on_exhaust(OnExhaust::MethodLocked);
    /// assert_eq!(limit.on_exhaust, Some(OnExhaust::MethodLocked));
    /// ```
    #[must_use]
    pub const fn with_on_exhaust(mut self, on_exhaust: OnExhaust) -> AttemptLimit {
        self.on_exhaust = Some(on_exhaust);
        self
    }
}
