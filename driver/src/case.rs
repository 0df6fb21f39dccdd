//! The applicant's personal data a flow's actions need, kept by the
//! caller, never in the flow's saved state.

use core::fmt;
use core::future::Future;
use std::collections::HashMap;
use std::sync::Mutex;

use realname::store::{MemoryError, StoreError};
use realname::subject::{Individual, Subject};
use realname::{BankCardNumber, Document, DocumentKey, MobileNumber};

/// The organisation's bank account a micro-deposit is paid into.
///
/// ```
/// use realname_driver::PayeeAccount;
/// let a = PayeeAccount { bank: "招商银行北京分行".into(), account: "110902345610201".into() };
/// assert!(!format!("{a:?}").contains("1109023456"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct PayeeAccount {
    /// The bank and branch.
    pub bank: String,
    /// The account number.
    pub account: String,
}

impl fmt::Debug for PayeeAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.account.chars().count();
        let tail: String = self.account.chars().skip(n.saturating_sub(4)).collect();
        f.debug_struct("PayeeAccount")
            .field("bank", &self.bank)
            .field("account", &format_args!("****{tail}"))
            .finish()
    }
}

/// One application: the account, the subject being verified, and what
/// the method's actions need (the bank card and the mobile number the
/// bank holds for it, the phone for an SMS code, the payee of a
/// micro-deposit). The caller keeps it in its own storage (encrypted, as
/// any personal data), and the driver asks for it through [`Cases`]
/// when an action needs it; the flow's saved state never holds it.
/// `Debug` masks every number.
///
/// ```
/// use realname::subject::{Individual, PersonName};
/// use realname::{Document, DocumentKind};
/// use realname_driver::Case;
/// let person = Individual::new(PersonName::parse("张三")?, Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?)?;
/// let case = Case::new("acct-1", person.into());
/// assert!(case.key().is_some());
/// assert!(!format!("{case:?}").contains("19491231"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Case {
    /// The account being verified.
    pub account: String,
    /// Who is being verified.
    pub subject: Subject,
    /// The bank card, for a four-factor check.
    pub card: Option<BankCardNumber>,
    /// The mobile number: the one the bank holds for the card, and where
    /// SMS codes go.
    pub mobile: Option<MobileNumber>,
    /// The organisation's account, for a micro-deposit.
    pub payee: Option<PayeeAccount>,
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let document = match &self.subject {
            Subject::Individual(i) => i.document().masked(),
            Subject::Organization(o) => o.legal_representative().document().masked(),
            _ => return f.write_str("Case { .. }"),
        };
        f.debug_struct("Case")
            .field("account", &self.account)
            .field("subject", &self.subject.kind())
            .field("document", &document)
            .field("card", &self.card.map(|c| c.masked()))
            .field("mobile", &self.mobile.map(|m| m.masked()))
            .field("payee", &self.payee)
            .finish()
    }
}

impl Case {
    /// The case of `account` verifying `subject`, with nothing else.
    ///
    /// ```
    /// # use realname::subject::{Individual, PersonName};
    /// # use realname::{Document, DocumentKind};
    /// # let person = Individual::new(PersonName::parse("张三")?, Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?)?;
    /// let case = realname_driver::Case::new("acct-1", person.into());
    /// assert_eq!(case.account, "acct-1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(account: &str, subject: Subject) -> Case {
        Case {
            account: account.to_owned(),
            subject,
            card: None,
            mobile: None,
            payee: None,
        }
    }

    /// With a mobile number (for SMS codes, and the bank's reserved number).
    ///
    /// ```
    /// # use realname::subject::{Individual, PersonName};
    /// # use realname::{Document, DocumentKind, MobileNumber};
    /// # let person = Individual::new(PersonName::parse("张三")?, Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?)?;
    /// let case = realname_driver::Case::new("a", person.into()).with_mobile(MobileNumber::parse("13812345678")?);
    /// assert!(case.mobile.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_mobile(mut self, mobile: MobileNumber) -> Case {
        self.mobile = Some(mobile);
        self
    }

    /// With a bank card (for the four-factor check).
    ///
    /// ```
    /// # use realname::subject::{Individual, PersonName};
    /// # use realname::{BankCardNumber, Document, DocumentKind};
    /// # let person = Individual::new(PersonName::parse("张三")?, Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?)?;
    /// let case = realname_driver::Case::new("a", person.into()).with_card(BankCardNumber::parse("6217000012345678907")?);
    /// assert!(case.card.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_card(mut self, card: BankCardNumber) -> Case {
        self.card = Some(card);
        self
    }

    /// With the organisation's account (for a micro-deposit).
    ///
    /// ```
    /// # use realname::subject::{Individual, PersonName};
    /// # use realname::{Document, DocumentKind};
    /// # let person = Individual::new(PersonName::parse("张三")?, Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?)?;
    /// use realname_driver::PayeeAccount;
    /// let case = realname_driver::Case::new("a", person.into())
    ///     .with_payee(PayeeAccount { bank: "招商银行".into(), account: "1109".into() });
    /// assert!(case.payee.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_payee(mut self, payee: PayeeAccount) -> Case {
        self.payee = Some(payee);
        self
    }

    /// The person whose name and document a check compares: the
    /// individual, or an organisation's legal representative.
    ///
    /// ```
    /// # use realname::subject::{Individual, PersonName};
    /// # use realname::{Document, DocumentKind};
    /// # let person = Individual::new(PersonName::parse("张三")?, Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?)?;
    /// let case = realname_driver::Case::new("a", person.clone().into());
    /// assert_eq!(case.person(), Some(&person));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn person(&self) -> Option<&Individual> {
        match &self.subject {
            Subject::Individual(i) => Some(i),
            Subject::Organization(o) => Some(o.legal_representative()),
            _ => None,
        }
    }

    /// The identity the account is bound to: the individual's document,
    /// or the organisation's credit code.
    ///
    /// ```
    /// # use realname::subject::{Individual, PersonName};
    /// # use realname::{Document, DocumentKind};
    /// # let person = Individual::new(PersonName::parse("张三")?, Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?)?;
    /// let case = realname_driver::Case::new("a", person.into());
    /// assert_eq!(case.key().map(|k| k.scheme().code()), Some("resident_identity"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn key(&self) -> Option<DocumentKey> {
        match &self.subject {
            Subject::Individual(i) => i.document().key(),
            Subject::Organization(o) => Document::Uscc(*o.code()).key(),
            _ => None,
        }
    }

    /// The name a payment's payer must bear: the organisation's, or the
    /// individual's.
    fn payer_name_matches(&self, name: &str) -> bool {
        match &self.subject {
            Subject::Individual(i) => i.name().matches(name),
            Subject::Organization(o) => o.name().matches(name),
            _ => false,
        }
    }
}

pub(crate) fn payer_name_matches(case: &Case, name: &str) -> bool {
    case.payer_name_matches(name)
}

/// Where the caller keeps its cases, by flow id.
///
/// ```
/// use realname_driver::{Cases, MemoryCases};
/// let cases = MemoryCases::default();
/// assert!(realname::store::block_on(cases.case("f"))?.is_none());
/// # Ok::<(), realname::store::MemoryError>(())
/// ```
pub trait Cases: Send + Sync {
    /// Why a case could not be read.
    type Error: StoreError;

    /// The case of flow `flow`, if the caller still has it.
    fn case(&self, flow: &str) -> impl Future<Output = Result<Option<Case>, Self::Error>> + Send;
}

/// Cases shared between drivers behind an [`Arc`](std::sync::Arc).
///
/// ```
/// use std::sync::Arc;
/// use realname_driver::{Cases, MemoryCases};
/// let shared = Arc::new(MemoryCases::default());
/// assert!(realname::store::block_on(Cases::case(&shared, "f"))?.is_none());
/// # Ok::<(), realname::store::MemoryError>(())
/// ```
impl<C: Cases> Cases for std::sync::Arc<C> {
    type Error = C::Error;

    fn case(&self, flow: &str) -> impl Future<Output = Result<Option<Case>, C::Error>> + Send {
        (**self).case(flow)
    }
}

/// Cases in memory, for tests and the demo: gone when the process ends.
/// A flow whose case is gone is ended by its deadline, if it has one; an
/// action that needs the case is tried again after a pause that grows to
/// a day, until the case is back.
///
/// ```
/// # use realname::subject::{Individual, PersonName};
/// # use realname::{Document, DocumentKind};
/// # let person = Individual::new(PersonName::parse("张三")?, Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?)?;
/// use realname_driver::{Case, MemoryCases};
/// let cases = MemoryCases::default();
/// cases.insert("f", Case::new("a", person.into()));
/// assert_eq!(cases.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Default)]
pub struct MemoryCases {
    map: Mutex<HashMap<String, Case>>,
}

impl MemoryCases {
    /// Keeps `case` for flow `flow` (replacing any).
    ///
    /// ```
    /// assert!(realname_driver::MemoryCases::default().is_empty());
    /// ```
    pub fn insert(&self, flow: &str, case: Case) {
        self.lock().insert(flow.to_owned(), case);
    }

    /// Forgets the case of `flow` (once the flow ended, say).
    ///
    /// ```
    /// assert!(realname_driver::MemoryCases::default().remove("f").is_none());
    /// ```
    pub fn remove(&self, flow: &str) -> Option<Case> {
        self.lock().remove(flow)
    }

    /// How many cases it keeps.
    ///
    /// ```
    /// assert_eq!(realname_driver::MemoryCases::default().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether it keeps none.
    ///
    /// ```
    /// assert!(realname_driver::MemoryCases::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Case>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Cases for MemoryCases {
    type Error = MemoryError;

    async fn case(&self, flow: &str) -> Result<Option<Case>, MemoryError> {
        Ok(self.lock().get(flow).cloned())
    }
}
