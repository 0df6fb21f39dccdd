//! How each of the crate's machines takes the parties' answers.

use realname::flow::{
    Action, Auto, AutoEvent, BindOutcome, Deposit, DepositEvent, Machine, Party, RechargeEvent,
    Remittance, Review, ReviewEvent, ReviewOutcome,
};
use realname::policy::{FailureReason, MethodKind, Scope};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// An answer to one of a flow's actions, from a party, the applicant or
/// the store, before it becomes the machine's own event.
///
/// ```
/// use realname_driver::Answer;
/// assert_eq!(Answer::SmsCode { confirmed: true }.code(), "sms_code");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Answer {
    /// The applicant entered the SMS code, or a wrong one.
    SmsCode {
        /// Whether it was the code sent.
        confirmed: bool,
    },
    /// The liveness check's result.
    Liveness {
        /// Whether it passed.
        passed: bool,
        /// Why not, if said.
        reason: Option<FailureReason>,
    },
    /// The identity authority's or the bank's check.
    Checked {
        /// Whether the factors match.
        matched: bool,
        /// Which factor does not, if said.
        reason: Option<FailureReason>,
    },
    /// The payer sent the payout.
    PayoutSent,
    /// The payer could not send it.
    PayoutFailed(Option<FailureReason>),
    /// A payment arrived.
    Payment {
        /// How much.
        fen: u32,
        /// Whether the payer's name is the subject's.
        payer_name_matches: bool,
    },
    /// The reviewer decided.
    Review(ReviewOutcome),
    /// The store answered the bind.
    Bound(BindOutcome),
}

impl Answer {
    /// A stable identifier.
    ///
    /// ```
    /// assert_eq!(realname_driver::Answer::PayoutSent.code(), "payout_sent");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Answer::SmsCode { .. } => "sms_code",
            Answer::Liveness { .. } => "liveness",
            Answer::Checked { .. } => "checked",
            Answer::PayoutSent => "payout_sent",
            Answer::PayoutFailed(_) => "payout_failed",
            Answer::Payment { .. } => "payment",
            Answer::Review(_) => "review",
            Answer::Bound(_) => "bound",
        }
    }
}

/// A machine the driver runs: the crate's four
/// ([`Auto`], [`Deposit`], [`Review`], [`Remittance`]) implement it. It
/// says under which name the flow is saved, which method's attempts it
/// counts in the account's ledger, and how an [`Answer`] to one of its
/// actions becomes its event.
///
/// ```
/// use realname::flow::{Action, ActionId, Deposit, DepositEvent};
/// use realname_driver::{Answer, Drivable};
/// let id = ActionId { revision: 2, index: 0 };
/// let payout = Action::RequestPayout { id, fen: 37 };
/// assert_eq!(Deposit::event(&payout, Answer::PayoutSent), Some(DepositEvent::PayoutSent { id }));
/// assert_eq!(Deposit::KIND, "deposit");
/// ```
pub trait Drivable:
    Machine<
        Terms: Serialize + DeserializeOwned + Send + Sync,
        Event: Serialize + DeserializeOwned + Send + Sync,
        State: Send + Sync,
    > + Send
    + Sync
    + 'static
{
    /// The name its saved state carries.
    const KIND: &'static str;

    /// The method whose uses the flow counts.
    fn method(terms: &Self::Terms) -> MethodKind;

    /// The most uses over the account's life, if limited.
    fn limit(terms: &Self::Terms) -> Option<u32>;

    /// Who checks the factors of an [`Action::CheckIdentity`].
    fn checker(_terms: &Self::Terms) -> Party {
        Party::IdentityAuthority
    }

    /// The event answering `action` with `answer`; `None` when the
    /// machine takes no such answer to it.
    fn event(action: &Action, answer: Answer) -> Option<Self::Event>;
}

fn approved(o: ReviewOutcome) -> bool {
    o == ReviewOutcome::Approved
}

impl Drivable for Auto {
    const KIND: &'static str = "auto";

    fn method(terms: &Self::Terms) -> MethodKind {
        terms.method
    }

    fn limit(terms: &Self::Terms) -> Option<u32> {
        terms
            .attempts
            .filter(|a| a.scope == Scope::Account)
            .map(|a| a.max)
    }

    fn checker(terms: &Self::Terms) -> Party {
        terms.identity_check.unwrap_or(Party::IdentityAuthority)
    }

    fn event(action: &Action, answer: Answer) -> Option<AutoEvent> {
        let id = action.id();
        Some(match (action, answer) {
            (Action::SendSmsCode { .. }, Answer::SmsCode { confirmed }) => {
                AutoEvent::SmsCode { id, confirmed }
            }
            (Action::StartLiveness { .. }, Answer::Liveness { passed, reason }) => {
                AutoEvent::Liveness { id, passed, reason }
            }
            (Action::CheckIdentity { .. }, Answer::Checked { matched, reason }) => {
                AutoEvent::Checked {
                    id,
                    matched,
                    reason,
                }
            }
            (Action::QueueReview { .. }, Answer::Review(o)) => AutoEvent::ReviewDecided {
                id,
                approved: approved(o),
            },
            (Action::Bind { .. }, Answer::Bound(outcome)) => AutoEvent::Bound { id, outcome },
            _ => return None,
        })
    }
}

impl Drivable for Deposit {
    const KIND: &'static str = "deposit";

    fn method(_: &Self::Terms) -> MethodKind {
        MethodKind::CorporateTransfer
    }

    fn limit(terms: &Self::Terms) -> Option<u32> {
        terms.uses_per_account
    }

    fn event(action: &Action, answer: Answer) -> Option<DepositEvent> {
        let id = action.id();
        Some(match (action, answer) {
            (Action::StartLiveness { .. }, Answer::Liveness { passed, .. }) => {
                DepositEvent::OperatorFace { id, passed }
            }
            (Action::RequestPayout { .. }, Answer::PayoutSent) => DepositEvent::PayoutSent { id },
            (Action::RequestPayout { .. }, Answer::PayoutFailed(reason)) => {
                DepositEvent::PayoutFailed { id, reason }
            }
            (Action::QueueReview { .. }, Answer::Review(o)) => DepositEvent::ReviewDecided {
                id,
                approved: approved(o),
            },
            (Action::Bind { .. }, Answer::Bound(outcome)) => DepositEvent::Bound { id, outcome },
            _ => return None,
        })
    }
}

impl Drivable for Review {
    const KIND: &'static str = "review";

    fn method(terms: &Self::Terms) -> MethodKind {
        terms.method
    }

    fn limit(terms: &Self::Terms) -> Option<u32> {
        terms.uses_per_account
    }

    fn event(action: &Action, answer: Answer) -> Option<ReviewEvent> {
        let id = action.id();
        Some(match (action, answer) {
            (Action::QueueReview { .. }, Answer::Review(outcome)) => {
                ReviewEvent::ReviewDecided { id, outcome }
            }
            (Action::Bind { .. }, Answer::Bound(outcome)) => ReviewEvent::Bound { id, outcome },
            _ => return None,
        })
    }
}

impl Drivable for Remittance {
    const KIND: &'static str = "recharge";

    fn method(_: &Self::Terms) -> MethodKind {
        MethodKind::Recharge
    }

    fn limit(terms: &Self::Terms) -> Option<u32> {
        terms.uses_per_account
    }

    fn event(action: &Action, answer: Answer) -> Option<RechargeEvent> {
        let id = action.id();
        Some(match (action, answer) {
            (Action::SendSmsCode { .. }, Answer::SmsCode { confirmed }) => RechargeEvent::SmsCode {
                id,
                passed: confirmed,
            },
            (
                Action::AwaitPayment { .. },
                Answer::Payment {
                    fen,
                    payer_name_matches,
                },
            ) => RechargeEvent::PaymentReceived {
                id,
                fen,
                payer_name_matches,
            },
            (Action::QueueReview { .. }, Answer::Review(o)) => RechargeEvent::ReviewDecided {
                id,
                approved: approved(o),
            },
            (Action::Bind { .. }, Answer::Bound(outcome)) => RechargeEvent::Bound { id, outcome },
            _ => return None,
        })
    }
}
