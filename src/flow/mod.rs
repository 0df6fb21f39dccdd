//! Verification flows as sans-IO state machines.
//!
//! A flow is driven by the caller: each call of `handle(event, now,
//! calendar)` applies any deadline that has passed, then the event, and
//! returns a [`Step`]: the new [`Status`], the [`Action`]s to perform, when
//! to call back, and the failure the applicant should see. The flow never
//! reads a clock, never draws a random number (amounts and codes come from
//! the caller) and never calls out: it says what to do, and the caller
//! reports what happened.
//!
//! **Save, then act.** The caller saves the flow's new state (with
//! compare-and-swap on its revision) before it performs the step's
//! actions. An attempt is counted in the transition that emits its check,
//! so a crash or a retry between the two refunds nothing; every action has
//! an [`ActionId`] that makes a retried payout the same payout, and an
//! answer that arrives twice (a retried webhook) changes nothing the
//! second time ([`Step::duplicate`]).
//!
//! **Binding is part of the flow.** Success is not final until the caller
//! reports the store's answer to [`Action::Bind`]: if another server took
//! the identity's last place under the cap first, the flow ends refused
//! with the account-cap reason.
//!
//! **Persistable, never trusted.** A flow saves as its terms (the numbers
//! it took from the profile when it started, so that a profile edited
//! later does not change it), its history of accepted events, and beside
//! them the status, revision, counters and next deadline. Restoring
//! replays the history and refuses a state whose parts disagree (a
//! counter lowered, a status or a deadline changed by hand).
//!
//! The machines:
//!
//! [`MicroDeposit`] is the corporate micro-deposit of
//! Kingsoft Cloud (K-CORP: 3 amount entries, one transfer per account,
//! then the certificate upload), Baidu AI Cloud (B-MICRO: the operator's
//! face first, 2 wrong entries abandon the transfer, 10 initiations, 8
//! days to enter the amount, a manual review of at most 2 working days on
//! a risk hit) and Tencent Cloud (T-TRANSFER), each with its profile's
//! numbers.
//!
//! [`AutomaticCheck`] is every method the provider's systems decide at
//! once, one machine whose steps follow from the method's factors in the
//! profile ([`AutoTerms`]): an SMS code to the bank's mobile number, a
//! liveness check (a video reading digits, a face scan, or the face image
//! a bank check compares), the check of the factors by the bank or the
//! identity authority, a conditional manual review, the bind. It covers
//! Kingsoft Cloud's ID card with video (K-ID) and bank card with face
//! (K-BANK), Baidu AI Cloud's face (B-FACE), UnionPay bank card (B-BANK: 10
//! attempts, then the method is locked) and legal representative's face
//! (B-LRFACE: 10 attempts; organisations other than enterprises, which may
//! send a delegate with a sealed letter, go on to a review of at most 2
//! working days), and Tencent Cloud's WeChat, QQ and face methods and its
//! instant enterprise methods.
//!
//! [`DocumentReview`] is a review of uploaded documents by the provider's
//! staff: Kingsoft Cloud's other personal documents (K-OTHER: Hong Kong,
//! Macao, Taiwan and overseas users, 1–2 working days) and enterprise
//! certificate (K-CERT: the legal representative's ID, or a sealed letter
//! of authorisation and the delegate's ID), and Huawei Cloud's document
//! upload (H-DOC: at most 3 working days, a retry requested when the
//! information is wrong). The files are checked against the profile's
//! upload rule (a refused one changes nothing), the review is queued due
//! by the longest review time on the working-day calendar, and the
//! reviewer approves, rejects or sends the application back; past its due
//! time a review is overdue, and the flow says whom to contact where the
//! provider names someone.
//!
//! [`Recharge`] is a payment the organisation makes to the provider: Baidu
//! AI Cloud's recharge (B-RECHARGE: an SMS code first when the account has
//! no dedicated account yet, an amount of at most 1 yuan paid within 3
//! days from an account in the organisation's name, then 0–2 days of
//! review) and Tencent Cloud's (T-RECHARGE: a review of at most 1 working
//! day). A wrong amount or payer ends it rejected, a payment too late
//! meets an expired flow.

mod auto;
mod deposit;
mod failure;
mod machine;
mod recharge;
mod review;
mod step;

pub use crate::policy::FailureReason;
pub use auto::{
    Auto, AutoEvent, AutoTerms, AutomaticCheck, SavedAuto, State as AutoState, Submission,
};
pub use deposit::{
    Deposit, DepositEvent, DepositTerms, MicroDeposit, SavedDeposit, State as DepositState,
};
pub use failure::{Failure, FlowError};
pub use machine::{Flow, FlowEvent, Machine, Record, Saved, View};
pub use recharge::{
    Recharge, RechargeEvent, RechargeTerms, Remittance, SavedRecharge, State as RechargeState,
};
pub use review::{
    DocumentReview, Formats, MAX_UPLOADS, Part, Review, ReviewEvent, ReviewOutcome, ReviewTerms,
    SavedReview, State as ReviewState, Upload, UploadProblem, Uploads,
};
pub use step::{Action, ActionId, Actor, BindOutcome, Liveness, Party, Status, Step};

/// The most events one flow takes: far more than any seed's limits allow
/// (Baidu's 10 initiations of 2 entries each and their answers), so that
/// a flow's saved history stays small.
///
/// ```
/// assert_eq!(realname::flow::MAX_EVENTS, 256);
/// ```
pub const MAX_EVENTS: usize = 256;
