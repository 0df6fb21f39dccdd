//! Incoming payments, for recharge verification.

use core::fmt;
use core::future::Future;

use chrono::{DateTime, Utc};

use super::TransportError;

/// What the platform is to expect: the applicant pays `fen` into the
/// dedicated account shown to them by `due`.
///
/// ```
/// use realname::transport::PaymentExpected;
/// let e = PaymentExpected { key: "f/1-0", fen: 1, due: None };
/// assert_eq!(e.fen, 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaymentExpected<'a> {
    /// The idempotency key, which also names the payment when it comes.
    pub key: &'a str,
    /// The amount, in fen.
    pub fen: u32,
    /// When it must arrive by.
    pub due: Option<DateTime<Utc>>,
}

/// A payment that arrived: who paid, how much, when. `Debug` shows the
/// payer's name by its length.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::transport::IncomingPayment;
/// let p = IncomingPayment { payer_name: "北京某某科技有限公司".into(), fen: 1, at: Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap() };
/// assert!(!format!("{p:?}").contains("北京"));
/// ```
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct IncomingPayment {
    /// The paying account's name, as the bank reports it.
    pub payer_name: String,
    /// The amount, in fen.
    pub fen: u32,
    /// When it arrived.
    pub at: DateTime<Utc>,
}

impl fmt::Debug for IncomingPayment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IncomingPayment")
            .field("payer_name_chars", &self.payer_name.chars().count())
            .field("fen", &self.fen)
            .field("at", &self.at)
            .finish()
    }
}

/// The platform's incoming payments: a dedicated account opened for a
/// recharge, and what was paid into it.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::transport::fake::{FakePayments, Script};
/// use realname::transport::{IncomingPayment, IncomingPayments, PaymentExpected};
///
/// let payments = FakePayments::new(Script::pass());
/// let at = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
/// realname::store::block_on(payments.expect(&PaymentExpected { key: "f/1-0", fen: 1, due: None }))?;
/// payments.pay("f/1-0", IncomingPayment { payer_name: "北京某某科技有限公司".into(), fen: 1, at });
/// let got = realname::store::block_on(payments.received("f/1-0"))?;
/// assert_eq!(got.map(|p| p.fen), Some(1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait IncomingPayments: Send + Sync {
    /// Why the account could not be opened or read.
    type Error: TransportError;

    /// Opens (or, for a key already seen, keeps) the dedicated account
    /// and returns what to show the applicant to pay into.
    fn expect(
        &self,
        expected: &PaymentExpected<'_>,
    ) -> impl Future<Output = Result<String, Self::Error>> + Send;

    /// The payment received under `key`, if any.
    fn received(
        &self,
        key: &str,
    ) -> impl Future<Output = Result<Option<IncomingPayment>, Self::Error>> + Send;
}
