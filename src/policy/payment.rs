//! Micro-deposits and recharges: amounts in fen, deadlines, refunds.

use super::*;

/// Which way money moves in a method.
///
/// ```
/// assert_ne!(realname::policy::PaymentDirection::ToApplicant, realname::policy::PaymentDirection::ToProvider);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PaymentDirection {
    /// The provider pays a small random amount to the applicant's account
    /// (打款).
    ToApplicant,
    /// The applicant pays a generated amount to the provider (充值).
    ToProvider,
}

/// A range of money in fen (分, 0.01 yuan), both ends included.
///
/// ```
/// let r = realname::policy::AmountRange::new(1, 100);
/// assert!(r.contains(100) && !r.contains(0));
/// assert_eq!(r.to_string(), "0.01–1.00 yuan");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct AmountRange {
    /// The least amount.
    pub min_fen: u32,
    /// The greatest amount.
    pub max_fen: u32,
}

impl AmountRange {
    /// From `min_fen` to `max_fen`, both included.
    ///
    /// ```
    /// assert_eq!(realname::policy::AmountRange::new(1, 100).max_fen, 100);
    /// ```
    #[must_use]
    pub const fn new(min_fen: u32, max_fen: u32) -> AmountRange {
        AmountRange { min_fen, max_fen }
    }

    /// Whether `fen` is in the range.
    ///
    /// ```
    /// assert!(realname::policy::AmountRange::new(0, 100).contains(0));
    /// ```
    pub fn contains(&self, fen: u32) -> bool {
        (self.min_fen..=self.max_fen).contains(&fen)
    }
}

impl fmt::Display for AmountRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{} yuan", yuan(self.min_fen), yuan(self.max_fen))
    }
}

/// An amount in fen as yuan with two decimals: `0.01`.
pub(crate) fn yuan(fen: u32) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// What a deadline counts from.
///
/// ```
/// assert_ne!(realname::policy::Anchor::Receipt, realname::policy::Anchor::Initiation);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Anchor {
    /// The applicant started the request.
    Initiation,
    /// The provider approved the request.
    Approval,
    /// The applicant received the money (which the provider cannot see).
    Receipt,
    /// The provider generated the amount to pay.
    AmountGenerated,
}

named_enum! {
    "policy";
    /// What becomes of a request when its deadline passes.
    ///
    /// Where the provider does not say ([`Deadline::on_expiry`] not
    /// stated), a machine treats the request as [`OnExpiry::Expired`]: it
    /// ends, and the applicant starts a new one to go on.
    ///
    /// ```
    /// use realname::policy::{MethodKind, OnExpiry, Provider};
    /// let recharge = Provider::Baidu.profile().method(MethodKind::Recharge).unwrap();
    /// let deadline = recharge.payment.as_ref().unwrap().deadline.value().unwrap();
    /// assert_eq!(deadline.on_expiry.value(), Some(&OnExpiry::Rejected));
    /// assert_eq!(OnExpiry::Withdrawn.name_zh(), "自动撤回");
    /// ```
    OnExpiry {
        /// The request ends as expired; to go on, the applicant starts a
        /// new one.
        Expired = "expired", "已过期", "expired";
        /// The applicant must start the method or change again from the
        /// beginning (重新发起).
        Restart = "restart", "需重新发起", "must be started again";
        /// The provider rejects the application (申请将被拒绝).
        Rejected = "rejected", "申请被拒绝", "application rejected";
        /// The change request is withdrawn on its own (自动撤回); the
        /// account keeps its verified subject.
        Withdrawn = "withdrawn", "自动撤回", "withdrawn automatically";
    }
}

/// A time limit, what it counts from and what happens when it passes.
///
/// ```
/// use realname::calendar::Duration;
/// use realname::policy::{Anchor, Deadline};
/// let d = Deadline::new(Duration::CalendarDays(8), Anchor::Receipt);
/// assert_eq!(d.within.to_string(), "8 calendar days");
/// assert!(d.on_expiry.is_not_stated());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Deadline {
    /// How long.
    pub within: Duration,
    /// From what.
    pub from: Anchor,
    /// What happens when it passes. Not stated: a machine treats the
    /// request as [`OnExpiry::Expired`].
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub on_expiry: Stated<OnExpiry>,
}

impl Deadline {
    /// Within `within` from `from`.
    ///
    /// ```
    /// use realname::calendar::Duration;
    /// use realname::policy::{Anchor, Deadline};
    /// assert_eq!(Deadline::new(Duration::CalendarDays(1), Anchor::Initiation).from, Anchor::Initiation);
    /// ```
    #[must_use]
    pub const fn new(within: Duration, from: Anchor) -> Deadline {
        Deadline {
            within,
            from,
            on_expiry: Stated::NotStated,
        }
    }

    /// With what happens when it passes.
    ///
    /// ```
    /// use realname::calendar::Duration;
    /// use realname::policy::{Anchor, Deadline, OnExpiry, Source, Stated};
    /// let d = Deadline::new(Duration::CalendarDays(3), Anchor::AmountGenerated)
    ///     .with_on_expiry(Stated::given(OnExpiry::Rejected, Source::new("faq.md", 4, "否则申请将被拒绝")));
    /// assert_eq!(d.on_expiry.value(), Some(&OnExpiry::Rejected));
    /// ```
    #[must_use]
    pub fn with_on_expiry(mut self, on_expiry: Stated<OnExpiry>) -> Deadline {
        self.on_expiry = on_expiry;
        self
    }

    /// What happens when it passes, as a machine takes it: as stated, else
    /// [`OnExpiry::Expired`].
    ///
    /// ```
    /// use realname::calendar::Duration;
    /// use realname::policy::{Anchor, Deadline, OnExpiry};
    /// assert_eq!(Deadline::new(Duration::CalendarDays(8), Anchor::Receipt).expiry(), OnExpiry::Expired);
    /// ```
    pub fn expiry(&self) -> OnExpiry {
        self.on_expiry.value().copied().unwrap_or(OnExpiry::Expired)
    }
}

/// What becomes of the money.
///
/// ```
/// assert_ne!(realname::policy::Refund::NotRequired, realname::policy::Refund::CreditedToBalance);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Refund {
    /// The applicant need not return the deposit.
    NotRequired,
    /// The payment is credited to the account's balance.
    CreditedToBalance,
}

/// The money side of a transfer or recharge method.
///
/// ```
/// use realname::policy::{MethodKind, Provider};
/// let m = Provider::Baidu.profile().method(MethodKind::CorporateTransfer).unwrap();
/// let amount = m.payment.as_ref().unwrap().amount_fen.value().unwrap();
/// assert_eq!((amount.min_fen, amount.max_fen), (1, 100));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Payment {
    /// Which way the money moves.
    pub direction: PaymentDirection,
    /// The amount's range.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub amount_fen: Stated<AmountRange>,
    /// How long the money takes to arrive.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub arrival: Stated<ReviewTime>,
    /// By when the applicant must enter the amount or pay.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub deadline: Stated<Deadline>,
    /// What becomes of the money.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub refund: Stated<Refund>,
}

impl Payment {
    /// A payment in `direction` with every parameter not stated.
    ///
    /// ```
    /// use realname::policy::{Payment, PaymentDirection};
    /// assert!(Payment::new(PaymentDirection::ToProvider).amount_fen.is_not_stated());
    /// ```
    #[must_use]
    pub const fn new(direction: PaymentDirection) -> Payment {
        Payment {
            direction,
            amount_fen: Stated::NotStated,
            arrival: Stated::NotStated,
            deadline: Stated::NotStated,
            refund: Stated::NotStated,
        }
    }
}
