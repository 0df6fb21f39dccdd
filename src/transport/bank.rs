//! The bank's four-factor check.

use core::fmt;
use core::future::Future;

use super::{TransportError, Verdict};
use crate::subject::PersonName;
use crate::{BankCardNumber, Document, MobileNumber};

/// The four factors a bank checks (Kingsoft's and Baidu's bank-card
/// method): the name, the ID number, the card number and the mobile
/// number the bank holds for the card. `Debug` masks all of them.
///
/// A mismatch names which factor, as the seeds list them:
/// [`FailureReason::WrongNameOrNumber`](crate::policy::FailureReason::WrongNameOrNumber), [`FailureReason::NameNotId`](crate::policy::FailureReason::NameNotId),
/// [`FailureReason::NameNotCardHolder`](crate::policy::FailureReason::NameNotCardHolder), [`FailureReason::CardNotBankPhone`](crate::policy::FailureReason::CardNotBankPhone).
///
/// ```
/// use realname::{BankCardNumber, Document, DocumentKind, MobileNumber};
/// use realname::subject::PersonName;
/// use realname::transport::FourFactors;
/// let name = PersonName::parse("张三")?;
/// let doc = Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?;
/// let card = BankCardNumber::parse("6217000012345678907")?;
/// let mobile = MobileNumber::parse("13812345678")?;
/// let q = FourFactors { key: "f/1-0", name: &name, document: &doc, card: &card, mobile: &mobile };
/// let shown = format!("{q:?}");
/// assert!(!shown.contains("12345678") && !shown.contains("张三"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct FourFactors<'a> {
    /// The idempotency key (flow id and action id).
    pub key: &'a str,
    /// The card holder's name as entered.
    pub name: &'a PersonName,
    /// The ID document as entered.
    pub document: &'a Document,
    /// The bank card.
    pub card: &'a BankCardNumber,
    /// The mobile number the bank should hold for the card.
    pub mobile: &'a MobileNumber,
}

impl fmt::Debug for FourFactors<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FourFactors")
            .field("key", &self.key)
            .field("name_chars", &self.name.as_str().chars().count())
            .field("document", &self.document.masked())
            .field("card", &self.card.masked())
            .field("mobile", &self.mobile.masked())
            .finish()
    }
}

/// The bank (or UnionPay's service) checking four factors.
///
/// ```
/// use realname::policy::FailureReason;
/// use realname::transport::fake::{Behaviour, FakeBank, Script};
/// use realname::transport::{BankVerifier, FourFactors, Verdict};
/// use realname::{BankCardNumber, Document, DocumentKind, MobileNumber};
/// use realname::subject::PersonName;
///
/// let bank = FakeBank::new(Script::pass().next(Behaviour::Fail(Some(FailureReason::CardNotBankPhone))));
/// let name = PersonName::parse("张三")?;
/// let doc = Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?;
/// let card = BankCardNumber::parse("6217000012345678907")?;
/// let mobile = MobileNumber::parse("13812345678")?;
/// let q = FourFactors { key: "f/1-0", name: &name, document: &doc, card: &card, mobile: &mobile };
/// let v = realname::store::block_on(bank.check_four(&q))?;
/// assert_eq!(v, Verdict::Mismatch(Some(FailureReason::CardNotBankPhone)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait BankVerifier: Send + Sync {
    /// Why a check could not be made.
    type Error: TransportError;

    /// Whether the four factors match.
    fn check_four(
        &self,
        query: &FourFactors<'_>,
    ) -> impl Future<Output = Result<Verdict, Self::Error>> + Send;
}
