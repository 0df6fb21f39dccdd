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
//! second time ([`Step::duplicate`]); the same action answered otherwise
//! is refused ([`FlowError::ConflictingAnswer`]): the first answer stands.
//!
//! **Who may start a flow is the rules' question.** Eligibility (the
//! applicant's residency, organisation type and age, the documents a
//! method accepts, the account cap before binding, the name rules) is
//! decided by [`rules`](crate::rules) before a flow starts; a machine runs
//! the method for an applicant already admitted, and binds under the cap
//! atomically at the end.
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
//! counter lowered, a status or a deadline changed by hand, a recorded
//! due time moved). A writer who edits terms, uses and history together
//! consistently is caught only by [`Flow::restore_expecting`], with the
//! terms and the ledger's count kept apart, or by a keyed MAC over the
//! saved bytes in the store.
//!
//! # A micro-deposit, from start to verified
//!
//! Baidu AI Cloud's corporate micro-deposit (B-MICRO), as a service runs
//! it: each step's state is saved before its actions are performed.
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use chrono::{Duration, TimeZone, Utc};
//! use realname::calendar::ChinaMainland;
//! use realname::flow::{Action, BindOutcome, DepositEvent as E, MicroDeposit, SavedDeposit, Status};
//! use realname::policy::Provider;
//!
//! let cal = ChinaMainland::default();
//! let t0 = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
//! let at = |minutes| t0 + Duration::minutes(minutes);
//! // A store would keep this JSON, compare-and-swapped on the revision.
//! let save = |f: &MicroDeposit| serde_json::to_string(&f.save()).unwrap();
//! let load = |json: &str| MicroDeposit::restore(serde_json::from_str::<SavedDeposit>(json).unwrap()).unwrap();
//!
//! // The account used the method twice before (the caller's ledger).
//! let (flow, _) = MicroDeposit::start(Provider::Baidu.profile(), 2, t0).unwrap();
//! let mut db = save(&flow);
//!
//! // The applicant submits; the caller chose 0.37 yuan in Baidu's 0.01–1.
//! let mut flow = load(&db);
//! let step = flow.handle(E::Submit { fen: 37 }, at(1), &cal).unwrap();
//! db = save(&flow); // the third use is counted and saved before anything is sent
//! let [Action::StartLiveness { id, .. }] = step.actions[..] else { unreachable!() };
//!
//! // The operator's face passes: ask the payer for the deposit.
//! let mut flow = load(&db);
//! let step = flow.handle(E::OperatorFace { id, passed: true }, at(3), &cal).unwrap();
//! db = save(&flow);
//! let [Action::RequestPayout { id, fen: 37 }] = step.actions[..] else { unreachable!() };
//! let idempotency_key = format!("flow-42-{id}"); // the same on every retry
//! assert_eq!(idempotency_key, "flow-42-2-0");
//!
//! // The payer's webhook says it was sent, and is retried: counted once.
//! let mut flow = load(&db);
//! let step = flow.handle(E::PayoutSent { id }, at(10), &cal).unwrap();
//! assert_eq!(step.next_deadline, Some(at(10) + Duration::days(8)));
//! assert!(flow.handle(E::PayoutSent { id }, at(11), &cal).unwrap().duplicate);
//! db = save(&flow);
//!
//! // A wrong entry, then the right one.
//! let mut flow = load(&db);
//! let step = flow.handle(E::AmountEntered { fen: 73, risk_hit: false }, at(90), &cal).unwrap();
//! assert_eq!(step.failure.unwrap().to_string_zh(), "输入的金额与打款金额不符，还可输入 1 次");
//! let step = flow.handle(E::AmountEntered { fen: 37, risk_hit: false }, at(91), &cal).unwrap();
//! db = save(&flow);
//! let [Action::Bind { id, cap: None }] = step.actions[..] else { unreachable!() };
//!
//! // The store binds the organisation's key digest to the account.
//! let mut flow = load(&db);
//! let step = flow.handle(E::Bound { id, outcome: BindOutcome::Bound }, at(92), &cal).unwrap();
//! assert_eq!(step.status, Status::Verified);
//! assert_eq!(flow.uses(), 3);
//!
//! // A state edited by hand in one place is refused, never trusted.
//! let tampered = db.replace("\"uses\":3", "\"uses\":1");
//! assert!(MicroDeposit::restore(serde_json::from_str::<SavedDeposit>(&tampered).unwrap()).is_err());
//! # }
//! ```
//!
//! # The machines and the seeds
//!
//! Four machines cover every method of the four providers; each takes
//! its numbers from the [`Profile`](crate::policy::Profile) when it
//! starts (its *terms*), so a provider is data, not code. The identifiers
//! are those of the scenario files in `examples/scenarios/`.
//!
//! | seed machine | provider and method | machine | what the profile gives it |
//! |---|---|---|---|
//! | K-ID | Kingsoft, ID card + video (000:83–100) | [`AutomaticCheck`] | factors: video reading digits; no attempt limit stated; cap 1 per document |
//! | K-BANK | Kingsoft, bank card + face (000:102–124) | [`AutomaticCheck`] | SMS code, face image, the bank's four-factor check; the four mismatch reasons; cap 1 |
//! | K-OTHER | Kingsoft, other documents (000:126–144) | [`DocumentReview`] | document image and handheld photo; review 1–2 working days; cap 1 (HK/MO/TW and overseas users only: `rules::check_method`) |
//! | K-CORP | Kingsoft, corporate transfer (000:156–172) | [`MicroDeposit`] | 3 amount entries per transfer; 1 use per account, then the certificate upload |
//! | K-CERT | Kingsoft, enterprise certificate (000:174–192) | [`DocumentReview`] | certificate with the legal representative's ID, or a sealed letter and the delegate's ID; review 1–2 working days |
//! | B-FACE | Baidu, face (001:209–264) | [`AutomaticCheck`] | face scan; no attempt limit stated; cap 5 per document |
//! | B-BANK | Baidu, UnionPay bank card (001:266–285) | [`AutomaticCheck`] | SMS code, bank check; 10 attempts, then locked |
//! | B-LRFACE | Baidu, legal representative's face (001:303–349) | [`AutomaticCheck`] | face of the representative or, for other organisations, a delegate; their review ≤ 2 working days; 10 attempts |
//! | B-MICRO | Baidu, micro-deposit (001:351–402) | [`MicroDeposit`] | operator's face; 0.01–1 yuan; 2 entries, then a new transfer; 10 initiations; 8 days; risk review ≤ 2 working days |
//! | B-RECHARGE | Baidu, recharge (001:404–432) | [`Recharge`] | SMS code for a new dedicated account; 0–1 yuan within 3 days, else rejected; payer name = verified name; review 0–2 days |
//! | T-INDIVIDUAL | Tencent, WeChat / QQ / face (004) | [`AutomaticCheck`] | the identity check, or the face scan; cap 3 per ID card |
//! | T-ENTERPRISE | Tencent, Official Account / legal representative's WeChat or face (004) | [`AutomaticCheck`] | instant; cap 10 per organisation |
//! | T-RECHARGE | Tencent, recharge (004:21) | [`Recharge`] | review ≤ 1 working day; overdue: 在线客服 |
//! | T-TRANSFER | Tencent, corporate transfer (004:22) | [`MicroDeposit`] | cap 10; the stated "1 - 3个工作日" is the whole method's time, which no step of the machine waits on |
//! | H-DOC | Huawei (international), document upload (002) | [`DocumentReview`] | JPG/JPEG/BMP/PNG/PDF ≤ 10 MB; review ≤ 3 working days; a retry requested; cap 3 |
//! | B-CHG-ENT-NAME | Baidu, organisation renamed, same credit code (001:527–545) | [`SubjectChange`] | registry check, else proof of the change reviewed; edit and withdraw; one change per 30 days |
//! | B-CHG-ENT-SUBJECT | Baidu, to another organisation (001:547–587, 1277–1289) | [`SubjectChange`] | eligibility, else the account manager; the contact's face; the stamped form reviewed; 9 days from approval to verify the new organisation |
//! | B-CHG-IND-ENT | Baidu, individual to organisation (001:591–607) | [`SubjectChange`] | face or bank card for the individual; legal representative's face or micro-deposit, 5 attempts each |
//! | B-CHG-IND-IND | Baidu, individual to another individual (001:609–630, 1440–1456) | [`SubjectChange`] | not within 30 days of the last change; bank card 5 attempts; 1 day from the start, then withdrawn |
//! | T-CHANGE | Tencent, modification (004:3–5) | [`SubjectChange`] | one per calendar month; the new subject by Tencent's methods; the old identity's place freed by the rebind |
//! | K-CHANGE | Kingsoft, name change (000:61) | [`SubjectChange::start`] refuses | offline, through the account manager |
//!
//! # Where the seeds are unclear, what the machines do
//!
//! - **No limit stated** (Kingsoft's and Baidu's face, Tencent's methods):
//!   the flow never refuses on attempts, and counts them for the
//!   caller's ledger. For Tencent's corporate transfer this means the
//!   amount entries are unlimited too, and a deposit whose amount can be
//!   guessed without end proves nothing: a service should start that flow
//!   with terms of its own ([`Flow::with_terms`] with
//!   [`DepositTerms::entries_per_transfer`] set), as Kingsoft's 3 and
//!   Baidu's 2 suggest.
//! - **Kingsoft's "3次重复提交认证的机会"** reads as 3 amount entries for the
//!   one transfer an account may make ("只能进行一次"); when they are used,
//!   the applicant is sent to the certificate upload, as the seed points.
//! - **Baidu's "10次的认证次数限制"** for the micro-deposit counts
//!   initiations, each counted when the applicant submits (the step that
//!   asks for the operator's face or the payout), and the hidden "two wrong amounts
//!   abandon the transfer" (001:1352) starts a new transfer.
//! - **Baidu's 8 days "after receipt"** count from the payer's answer, the
//!   nearest event the platform sees; what follows is not stated, so the
//!   flow expires. Baidu's recharge states it: "否则申请将被拒绝", rejected.
//! - **A review past its longest stated time** stays in review and is
//!   overdue; where the provider names whom to contact (Tencent: 在线客服)
//!   the flow names them.
//! - **A risk hit** (Baidu's risk policy) is the caller's to report with
//!   the amount; a provider that states no risk review ignores it.
//! - **Tencent's review times** are the per-method maximums of its
//!   profile (1 working day for a recharge), as `policy::sources` records.
//! - **A repeated answer** (a retried webhook) counts nothing, but its
//!   time still applies a passed deadline; an answer naming an action the
//!   flow never emitted is refused in any state.
//!
//! A change of subject ([`SubjectChange`]) asks for each subject's check
//! with [`Action::VerifySubject`]: the caller runs the method's own
//! machine for it (a [`Flow`] is a value with its terms) and reports
//! whether it passed, and the change ends with [`Action::Rebind`], not a
//! bind of its own. Its choices where the seeds are unclear are listed
//! with [`SubjectChange`].

mod auto;
mod change;
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
pub use change::{
    Change, ChangeEvent, ChangeMethod, ChangeNotStarted, ChangeShape, ChangeTerms, ChangeWindow,
    DEFAULT_CHANGE_REVIEW, MAX_CHANGE_METHODS, SavedChange, State as ChangeState, SubjectChange,
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
pub use step::{
    Action, ActionId, ActionIdError, Actor, BindOutcome, Liveness, Notice, Party, Status, Step,
    SubjectRole,
};

/// The most events one flow takes: far more than any seed's limits allow
/// (Baidu's 10 initiations of 2 entries each and their answers), so that
/// a flow's saved history stays small. Past it, the flow refuses every
/// event ([`FlowError::TooManyEvents`]) but a withdrawal and the time, so
/// that it can still end.
///
/// ```
/// assert_eq!(realname::flow::MAX_EVENTS, 256);
/// ```
pub const MAX_EVENTS: usize = 256;
