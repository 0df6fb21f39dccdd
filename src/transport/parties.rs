//! Every outside party a driver calls, in one bundle.

use super::{BankVerifier, IdentityAuthority, IncomingPayments, Payer, ReviewQueue, SmsGateway};

/// The outside parties of one service, so that a driver is generic over
/// one type rather than six. [`fake::FakeParties`](super::fake::FakeParties)
/// implements it with the fakes.
///
/// ```
/// use realname::transport::Parties;
/// use realname::transport::fake::FakeParties;
/// let parties = FakeParties::default();
/// let _authority = parties.authority();
/// ```
pub trait Parties: Send + Sync {
    /// The identity authority.
    type Authority: IdentityAuthority;
    /// The bank's four-factor check.
    type Bank: BankVerifier;
    /// The SMS gateway.
    type Sms: SmsGateway;
    /// The payer of micro-deposits.
    type Payer: Payer;
    /// Incoming payments.
    type Payments: IncomingPayments;
    /// The review queue.
    type Reviews: ReviewQueue;

    /// The identity authority.
    fn authority(&self) -> &Self::Authority;
    /// The bank's four-factor check.
    fn bank(&self) -> &Self::Bank;
    /// The SMS gateway.
    fn sms(&self) -> &Self::Sms;
    /// The payer of micro-deposits.
    fn payer(&self) -> &Self::Payer;
    /// Incoming payments.
    fn payments(&self) -> &Self::Payments;
    /// The review queue.
    fn reviews(&self) -> &Self::Reviews;
}

/// Parties shared between drivers (one per worker, say, or a driver made
/// anew after a restart in a test) behind an [`Arc`](std::sync::Arc).
///
/// ```
/// use std::sync::Arc;
/// use realname::transport::Parties;
/// use realname::transport::fake::FakeParties;
/// let shared = Arc::new(FakeParties::default());
/// assert_eq!(Parties::payer(&shared).calls(), 0);
/// ```
impl<P: Parties> Parties for std::sync::Arc<P> {
    type Authority = P::Authority;
    type Bank = P::Bank;
    type Sms = P::Sms;
    type Payer = P::Payer;
    type Payments = P::Payments;
    type Reviews = P::Reviews;

    fn authority(&self) -> &P::Authority {
        (**self).authority()
    }
    fn bank(&self) -> &P::Bank {
        (**self).bank()
    }
    fn sms(&self) -> &P::Sms {
        (**self).sms()
    }
    fn payer(&self) -> &P::Payer {
        (**self).payer()
    }
    fn payments(&self) -> &P::Payments {
        (**self).payments()
    }
    fn reviews(&self) -> &P::Reviews {
        (**self).reviews()
    }
}
