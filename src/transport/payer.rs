//! The payer of micro-deposits.

use core::fmt;
use core::future::Future;

use super::TransportError;
use crate::policy::FailureReason;
use crate::subject::OrganizationName;

/// The organisation's bank account a micro-deposit goes to. `Debug`
/// shows the account number's last four characters only.
///
/// ```
/// use realname::subject::OrganizationName;
/// use realname::transport::Payee;
/// let name = OrganizationName::parse("北京某某科技有限公司")?;
/// let payee = Payee { name: &name, bank: "招商银行北京分行", account: "110902345610201" };
/// assert!(!format!("{payee:?}").contains("1109023456"));
/// # Ok::<(), realname::subject::NameError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Payee<'a> {
    /// The account's name: the organisation's full legal name.
    pub name: &'a OrganizationName,
    /// The bank and branch, as the applicant entered them.
    pub bank: &'a str,
    /// The account number, as the applicant entered it.
    pub account: &'a str,
}

impl fmt::Debug for Payee<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tail: String = {
            let chars: Vec<char> = self.account.chars().collect();
            let from = chars.len().saturating_sub(4);
            chars.get(from..).unwrap_or(&[]).iter().collect()
        };
        f.debug_struct("Payee")
            .field("bank", &self.bank)
            .field("account", &format_args!("****{tail}"))
            .finish_non_exhaustive()
    }
}

/// A payout to request: `fen` to the payee, under an idempotency key.
/// `Debug` hides the amount (it is the check's secret).
///
/// ```
/// use realname::subject::OrganizationName;
/// use realname::transport::{Payee, Payout};
/// let name = OrganizationName::parse("北京某某科技有限公司")?;
/// let payee = Payee { name: &name, bank: "招商银行", account: "110902345610201" };
/// let p = Payout { key: "f/2-0", payee, fen: 37 };
/// assert!(!format!("{p:?}").contains("37"));
/// # Ok::<(), realname::subject::NameError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Payout<'a> {
    /// The idempotency key: the same on every retry of this payout.
    pub key: &'a str,
    /// Where to.
    pub payee: Payee<'a>,
    /// How much, in fen.
    pub fen: u32,
}

impl fmt::Debug for Payout<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Payout")
            .field("key", &self.key)
            .field("payee", &self.payee)
            .field("fen", &format_args!("**"))
            .finish()
    }
}

/// Where a payout stands, as the payer says.
///
/// ```
/// use realname::transport::PayoutStatus;
/// assert!(!PayoutStatus::Received.is_final());
/// assert!(PayoutStatus::Sent.is_final());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PayoutStatus {
    /// The payer has the request and will send it (its answer comes
    /// later, by [`Payer::status`] or the payer's callback).
    Received,
    /// The money was sent.
    Sent,
    /// It could not be sent; why, if the payer says (Baidu's list:
    /// [`FailureReason::PayingBankNameWrong`],
    /// [`FailureReason::AccountNameNumberMismatch`],
    /// [`FailureReason::AccountNotSupported`],
    /// [`FailureReason::AccountNameNotLegalName`],
    /// [`FailureReason::TooManyRequests`]).
    Failed(Option<FailureReason>),
}

impl PayoutStatus {
    /// Whether the payer has said its last word (sent or failed).
    ///
    /// ```
    /// assert!(realname::transport::PayoutStatus::Failed(None).is_final());
    /// ```
    #[must_use]
    pub fn is_final(&self) -> bool {
        !matches!(self, PayoutStatus::Received)
    }
}

/// The payer of micro-deposits. A request with a key the payer has seen
/// is the same payout: it answers that payout's status and pays nothing
/// more. This is what makes a payout retried after a crash or a timeout
/// safe, and a payer that does not deduplicate by key must not be used.
///
/// ```
/// use realname::subject::OrganizationName;
/// use realname::transport::fake::{FakePayer, Script};
/// use realname::transport::{Payee, Payer, Payout, PayoutStatus};
///
/// let payer = FakePayer::new(Script::pass());
/// let name = OrganizationName::parse("北京某某科技有限公司")?;
/// let payout = Payout { key: "f/2-0", payee: Payee { name: &name, bank: "招商银行", account: "1109" }, fen: 37 };
/// let first = realname::store::block_on(payer.request(&payout))?;
/// let again = realname::store::block_on(payer.request(&payout))?;
/// assert_eq!((first, again), (PayoutStatus::Sent, PayoutStatus::Sent));
/// assert_eq!(payer.payouts().len(), 1); // paid once
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Payer: Send + Sync {
    /// Why a request could not be made or answered.
    type Error: TransportError;

    /// Requests the payout (or answers the status of the one already
    /// requested under the same key).
    fn request(
        &self,
        payout: &Payout<'_>,
    ) -> impl Future<Output = Result<PayoutStatus, Self::Error>> + Send;

    /// The status of the payout requested under `key`; `None` if the
    /// payer never received it.
    fn status(
        &self,
        key: &str,
    ) -> impl Future<Output = Result<Option<PayoutStatus>, Self::Error>> + Send;
}
