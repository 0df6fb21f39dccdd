//! Deterministic, scriptable fakes of every outside party, for tests and
//! demonstrations (feature `testkit`).
//!
//! Each fake answers from a [`Script`]: a list of [`Behaviour`]s taken in
//! order, then a default for every call after. A fake holds what it was
//! asked (idempotency keys, payouts made, tickets queued) so that a test
//! can check, say, that one transfer was paid exactly once. A
//! [`Tripwire`] shared by the fakes (and by a test's store) makes the
//! N-th step of a run fail as a crash would, for fault injection.
//!
//! Nothing here reads a clock or draws a random number: the same script
//! gives the same answers.
//!
//! ```
//! use realname::policy::FailureReason;
//! use realname::transport::fake::{Behaviour, FakeParties, Script};
//!
//! // A bank that refuses twice (wrong reserved mobile), then passes.
//! let mut parties = FakeParties::default();
//! parties.bank = realname::transport::fake::FakeBank::new(
//!     Script::pass().fail_times(2, Some(FailureReason::CardNotBankPhone)),
//! );
//! assert_eq!(parties.bank.calls(), 0);
//! ```

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};

use super::{
    BankVerifier, FourFactors, IdentityAuthority, IdentityQuery, IncomingPayment, IncomingPayments,
    LivenessResult, LivenessStart, Parties, Payer, PaymentExpected, Payout, PayoutStatus,
    ReviewQueue, ReviewTicket, SmsCode, SmsGateway, TransportError, Verdict,
};
use crate::policy::{FailureReason, MethodKind};

/// How a fake answers one call.
///
/// ```
/// use realname::transport::fake::Behaviour;
/// assert_eq!(Behaviour::Pass.code(), "pass");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Behaviour {
    /// Succeed: the factors match, the payout is sent, the code goes out.
    #[default]
    Pass,
    /// Answer a failure with this reason: a mismatch, a failed payout, a
    /// failed liveness check. (A party without a failure answer, the SMS
    /// gateway or the review queue, refuses the call as
    /// [`FakeError::Unavailable`].)
    Fail(Option<FailureReason>),
    /// Do it, then lose the answer: the call returns
    /// [`FakeError::Timeout`] (retryable) although the payout was made or
    /// the ticket queued, the worst case a retry must survive.
    Timeout,
    /// Refuse the call without doing anything ([`FakeError::Unavailable`],
    /// not retryable).
    Unavailable,
    /// The answer is not ready: a payout received and not yet sent, a
    /// liveness check the applicant has not finished. The fake's
    /// `settle` gives the answer later.
    Pending,
    /// Succeed, and have the party's callback answer twice (the payer's
    /// webhook retried): [`FakePayer::take_callbacks`] returns it twice.
    /// Elsewhere the same as [`Behaviour::Pass`].
    Twice,
}

impl Behaviour {
    /// A stable identifier.
    ///
    /// ```
    /// assert_eq!(realname::transport::fake::Behaviour::Timeout.code(), "timeout");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Behaviour::Pass => "pass",
            Behaviour::Fail(_) => "fail",
            Behaviour::Timeout => "timeout",
            Behaviour::Unavailable => "unavailable",
            Behaviour::Pending => "pending",
            Behaviour::Twice => "twice",
        }
    }
}

/// The answers of a fake: the listed behaviours in order, then the
/// default for every call after.
///
/// ```
/// use realname::transport::fake::{Behaviour, Script};
/// let script = Script::pass().next(Behaviour::Timeout);
/// assert_eq!(script.take(), Behaviour::Timeout);
/// assert_eq!(script.take(), Behaviour::Pass);
/// assert_eq!(script.take(), Behaviour::Pass);
/// ```
#[derive(Debug, Default)]
pub struct Script {
    queue: Mutex<VecDeque<Behaviour>>,
    default: Behaviour,
}

impl Script {
    /// Every call answers `default` (after any listed with
    /// [`next`](Self::next)).
    ///
    /// ```
    /// use realname::transport::fake::{Behaviour, Script};
    /// assert_eq!(Script::always(Behaviour::Unavailable).take(), Behaviour::Unavailable);
    /// ```
    #[must_use]
    pub fn always(default: Behaviour) -> Script {
        Script {
            queue: Mutex::new(VecDeque::new()),
            default,
        }
    }

    /// Every call passes.
    ///
    /// ```
    /// assert_eq!(realname::transport::fake::Script::pass().take(), realname::transport::fake::Behaviour::Pass);
    /// ```
    #[must_use]
    pub fn pass() -> Script {
        Script::always(Behaviour::Pass)
    }

    /// Answers `b` at the next call not yet scripted.
    ///
    /// ```
    /// use realname::transport::fake::{Behaviour, Script};
    /// let s = Script::pass().next(Behaviour::Pending).next(Behaviour::Timeout);
    /// assert_eq!((s.take(), s.take(), s.take()), (Behaviour::Pending, Behaviour::Timeout, Behaviour::Pass));
    /// ```
    #[must_use]
    pub fn next(self, b: Behaviour) -> Script {
        lock(&self.queue).push_back(b);
        self
    }

    /// Fails the next `n` calls with `reason`.
    ///
    /// ```
    /// use realname::transport::fake::{Behaviour, Script};
    /// let s = Script::pass().fail_times(2, None);
    /// assert_eq!((s.take(), s.take(), s.take()), (Behaviour::Fail(None), Behaviour::Fail(None), Behaviour::Pass));
    /// ```
    #[must_use]
    pub fn fail_times(self, n: usize, reason: Option<FailureReason>) -> Script {
        {
            let mut q = lock(&self.queue);
            q.extend(std::iter::repeat_n(Behaviour::Fail(reason), n));
        }
        self
    }

    /// The behaviour of the next call.
    ///
    /// ```
    /// assert_eq!(realname::transport::fake::Script::pass().take(), realname::transport::fake::Behaviour::Pass);
    /// ```
    pub fn take(&self) -> Behaviour {
        lock(&self.queue).pop_front().unwrap_or(self.default)
    }
}

/// Locks, and carries on through a poisoned lock (a test thread that
/// panicked leaves the fake's records as they were).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A shared countdown for fault injection: armed with `n`, the n-th step
/// after it (a fake's call, or its return, or a step of a test's store)
/// fails as a crash would, and so does every step after, until it is
/// disarmed. A fake checks it before and after doing anything, so a run
/// can be cut at every point between two steps, including after a
/// payout was made and before its answer came back.
///
/// ```
/// use realname::transport::fake::Tripwire;
/// let t = Tripwire::default();
/// assert!(!t.trip()); // disarmed: nothing fails
/// t.arm(2);
/// assert!(!t.trip());
/// assert!(t.trip());
/// assert!(t.trip()); // crashed stays crashed
/// t.disarm();
/// assert!(!t.trip());
/// assert_eq!(t.steps(), 5);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Tripwire {
    inner: Arc<TripwireInner>,
}

#[derive(Debug, Default)]
struct TripwireInner {
    /// Steps left before the crash; 0 when disarmed.
    left: AtomicI64,
    armed: std::sync::atomic::AtomicBool,
    steps: AtomicU64,
}

impl Tripwire {
    /// Fails the `n`-th step from now (`n` ≥ 1; 0 fails the next).
    ///
    /// ```
    /// let t = realname::transport::fake::Tripwire::default();
    /// t.arm(1);
    /// assert!(t.trip());
    /// ```
    pub fn arm(&self, n: u64) {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        self.inner.left.store(n, Ordering::SeqCst);
        self.inner.armed.store(true, Ordering::SeqCst);
    }

    /// Nothing fails any more.
    ///
    /// ```
    /// let t = realname::transport::fake::Tripwire::default();
    /// t.arm(1);
    /// t.disarm();
    /// assert!(!t.trip());
    /// ```
    pub fn disarm(&self) {
        self.inner.armed.store(false, Ordering::SeqCst);
    }

    /// Counts a step and says whether it fails.
    ///
    /// ```
    /// assert!(!realname::transport::fake::Tripwire::default().trip());
    /// ```
    pub fn trip(&self) -> bool {
        self.inner.steps.fetch_add(1, Ordering::SeqCst);
        if !self.inner.armed.load(Ordering::SeqCst) {
            return false;
        }
        self.inner.left.fetch_sub(1, Ordering::SeqCst) <= 1
    }

    /// Whether it is armed and has tripped (every step now fails), without
    /// counting a step.
    ///
    /// ```
    /// let t = realname::transport::fake::Tripwire::default();
    /// t.arm(1);
    /// assert!(!t.is_tripped());
    /// t.trip();
    /// assert!(t.is_tripped());
    /// ```
    #[must_use]
    pub fn is_tripped(&self) -> bool {
        self.inner.armed.load(Ordering::SeqCst) && self.inner.left.load(Ordering::SeqCst) <= 0
    }

    /// The steps counted since the tripwire was made, armed or not: a
    /// clean run's count says how many crash points a test must try.
    ///
    /// ```
    /// let t = realname::transport::fake::Tripwire::default();
    /// t.trip();
    /// assert_eq!(t.steps(), 1);
    /// ```
    #[must_use]
    pub fn steps(&self) -> u64 {
        self.inner.steps.load(Ordering::SeqCst)
    }
}

/// Why a fake refused a call.
///
/// ```
/// use realname::transport::TransportError;
/// use realname::transport::fake::FakeError;
/// assert!(FakeError::Timeout.retryable());
/// assert!(!FakeError::Unavailable.retryable());
/// assert_eq!(FakeError::Crashed.code(), "fake_crashed");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum FakeError {
    /// The call was made, its answer lost.
    #[error("the party did not answer in time (对方未及时应答)")]
    Timeout,
    /// The call was refused; nothing was done.
    #[error("the party refused the call (对方拒绝了请求)")]
    Unavailable,
    /// The [`Tripwire`] cut the run here, as a crash would.
    #[error("the run was cut here by the test's tripwire (测试在此模拟崩溃)")]
    Crashed,
}

impl TransportError for FakeError {
    fn retryable(&self) -> bool {
        matches!(self, FakeError::Timeout | FakeError::Crashed)
    }

    fn code(&self) -> &'static str {
        match self {
            FakeError::Timeout => "fake_timeout",
            FakeError::Unavailable => "fake_unavailable",
            FakeError::Crashed => "fake_crashed",
        }
    }
}

/// What every fake shares: its script, its tripwire, its call count.
#[derive(Debug, Default)]
struct Core {
    script: Script,
    tripwire: Mutex<Option<Tripwire>>,
    calls: AtomicU64,
}

impl Core {
    fn new(script: Script) -> Core {
        Core {
            script,
            tripwire: Mutex::new(None),
            calls: AtomicU64::new(0),
        }
    }

    /// A step of the tripwire, if any: `Err(Crashed)` when it trips.
    fn step(&self) -> Result<(), FakeError> {
        match &*lock(&self.tripwire) {
            Some(t) if t.trip() => Err(FakeError::Crashed),
            _ => Ok(()),
        }
    }

    /// The start of a call: the tripwire, the count, the behaviour.
    fn begin(&self) -> Result<Behaviour, FakeError> {
        self.step()?;
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok(self.script.take())
    }

    /// The end of a call whose effect is done: a timeout loses the
    /// answer, and the tripwire may cut here.
    fn end<T>(&self, b: Behaviour, answer: T) -> Result<T, FakeError> {
        if b == Behaviour::Timeout {
            return Err(FakeError::Timeout);
        }
        self.step()?;
        Ok(answer)
    }
}

macro_rules! fake_common {
    ($t:ty) => {
        impl $t {
            /// Cuts its calls where `tripwire` trips.
            ///
            /// ```
            /// # use realname::transport::fake::*;
            #[doc = concat!("let f = ", stringify!($t), "::new(Script::pass());")]
            /// f.set_tripwire(Tripwire::default());
            /// ```
            pub fn set_tripwire(&self, tripwire: Tripwire) {
                *lock(&self.core.tripwire) = Some(tripwire);
            }

            /// How many calls it took (a call cut by the tripwire before
            /// it began is not counted).
            ///
            /// ```
            /// # use realname::transport::fake::*;
            #[doc = concat!("assert_eq!(", stringify!($t), "::new(Script::pass()).calls(), 0);")]
            /// ```
            #[must_use]
            pub fn calls(&self) -> u64 {
                self.core.calls.load(Ordering::SeqCst)
            }
        }
    };
}

/// The identity authority, faked: [`IdentityAuthority::check`] and
/// [`IdentityAuthority::liveness`] answer from one script (`Pass`: a
/// match, a passed check; `Fail`: a mismatch, a failed check; `Pending`:
/// a liveness check not finished, and a check that matches). Opening a
/// session takes nothing from the script, and the result of a session it
/// never opened is refused ([`FakeError::Unavailable`]).
///
/// ```
/// use realname::transport::fake::{Behaviour, FakeAuthority, Script};
/// use realname::transport::{IdentityAuthority, LivenessResult};
/// use realname::transport::LivenessStart;
/// use realname::flow::{Actor, Liveness};
/// let a = FakeAuthority::new(Script::pass().next(Behaviour::Pending));
/// let start = LivenessStart { key: "f/1-0", kind: Liveness::FaceScan, actor: Actor::Applicant };
/// let s1 = realname::store::block_on(a.start_liveness(&start))?;
/// assert_eq!(realname::store::block_on(a.liveness(&s1))?, LivenessResult::Pending);
/// assert_eq!(realname::store::block_on(a.liveness(&s1))?, LivenessResult::Passed);
/// assert!(realname::store::block_on(a.liveness("never-opened")).is_err());
/// # Ok::<(), realname::transport::fake::FakeError>(())
/// ```
#[derive(Debug, Default)]
pub struct FakeAuthority {
    core: Core,
    sessions: Mutex<std::collections::BTreeSet<String>>,
}

impl FakeAuthority {
    /// A fake answering from `script`.
    ///
    /// ```
    /// let _ = realname::transport::fake::FakeAuthority::new(realname::transport::fake::Script::pass());
    /// ```
    #[must_use]
    pub fn new(script: Script) -> FakeAuthority {
        FakeAuthority {
            core: Core::new(script),
            sessions: Mutex::new(std::collections::BTreeSet::new()),
        }
    }
}
fake_common!(FakeAuthority);

/// The answer to a check of factors for a behaviour.
fn verdict(b: Behaviour) -> Result<Verdict, FakeError> {
    match b {
        Behaviour::Fail(r) => Ok(Verdict::Mismatch(r)),
        Behaviour::Unavailable => Err(FakeError::Unavailable),
        _ => Ok(Verdict::Match),
    }
}

impl IdentityAuthority for FakeAuthority {
    type Error = FakeError;

    async fn check(&self, _query: &IdentityQuery<'_>) -> Result<Verdict, FakeError> {
        let b = self.core.begin()?;
        let v = verdict(b)?;
        self.core.end(b, v)
    }

    async fn start_liveness(&self, start: &LivenessStart<'_>) -> Result<String, FakeError> {
        // Opening a session takes no behaviour of the script (which
        // answers the checks), only the tripwire's cuts.
        self.core.step()?;
        let token = format!("liveness:{}", start.key);
        lock(&self.sessions).insert(token.clone());
        self.core.step()?;
        Ok(token)
    }

    async fn liveness(&self, session: &str) -> Result<LivenessResult, FakeError> {
        // A session it never opened is refused: a caller that lost the
        // token is caught.
        if !lock(&self.sessions).contains(session) {
            self.core.step()?;
            return Err(FakeError::Unavailable);
        }
        let b = self.core.begin()?;
        let r = match b {
            Behaviour::Fail(r) => LivenessResult::Failed(r),
            Behaviour::Pending => LivenessResult::Pending,
            Behaviour::Unavailable => return Err(FakeError::Unavailable),
            _ => LivenessResult::Passed,
        };
        self.core.end(b, r)
    }
}

/// The bank's four-factor check, faked (`Fail` gives the mismatch with
/// its reason).
///
/// ```
/// let _ = realname::transport::fake::FakeBank::new(realname::transport::fake::Script::pass());
/// ```
#[derive(Debug, Default)]
pub struct FakeBank {
    core: Core,
}

impl FakeBank {
    /// A fake answering from `script`.
    ///
    /// ```
    /// let _ = realname::transport::fake::FakeBank::new(realname::transport::fake::Script::pass());
    /// ```
    #[must_use]
    pub fn new(script: Script) -> FakeBank {
        FakeBank {
            core: Core::new(script),
        }
    }
}
fake_common!(FakeBank);

impl BankVerifier for FakeBank {
    type Error = FakeError;

    async fn check_four(&self, _query: &FourFactors<'_>) -> Result<Verdict, FakeError> {
        let b = self.core.begin()?;
        let v = verdict(b)?;
        self.core.end(b, v)
    }
}

/// The SMS gateway, faked: keeps the last code sent under each key, so a
/// test (or the demo's page) can enter it. `Fail` and `Unavailable`
/// refuse the send.
///
/// ```
/// let _ = realname::transport::fake::FakeSms::new(realname::transport::fake::Script::pass());
/// ```
#[derive(Debug, Default)]
pub struct FakeSms {
    core: Core,
    sent: Mutex<BTreeMap<String, (SmsCode, u32)>>,
}

impl FakeSms {
    /// A fake answering from `script`.
    ///
    /// ```
    /// let _ = realname::transport::fake::FakeSms::new(realname::transport::fake::Script::pass());
    /// ```
    #[must_use]
    pub fn new(script: Script) -> FakeSms {
        FakeSms {
            core: Core::new(script),
            sent: Mutex::new(BTreeMap::new()),
        }
    }

    /// The code last sent under `key`.
    ///
    /// ```
    /// assert!(realname::transport::fake::FakeSms::default().last_code("k").is_none());
    /// ```
    #[must_use]
    pub fn last_code(&self, key: &str) -> Option<SmsCode> {
        lock(&self.sent).get(key).map(|(c, _)| *c)
    }

    /// How many messages went out under `key` (a retried send is sent
    /// again: phones may get two).
    ///
    /// ```
    /// assert_eq!(realname::transport::fake::FakeSms::default().sends("k"), 0);
    /// ```
    #[must_use]
    pub fn sends(&self, key: &str) -> u32 {
        lock(&self.sent).get(key).map_or(0, |(_, n)| *n)
    }
}
fake_common!(FakeSms);

impl SmsGateway for FakeSms {
    type Error = FakeError;

    async fn send(
        &self,
        key: &str,
        _to: &crate::MobileNumber,
        code: &SmsCode,
    ) -> Result<(), FakeError> {
        let b = self.core.begin()?;
        if matches!(b, Behaviour::Fail(_) | Behaviour::Unavailable) {
            return Err(FakeError::Unavailable);
        }
        {
            let mut sent = lock(&self.sent);
            let e = sent.entry(key.to_owned()).or_insert((*code, 0));
            *e = (*code, e.1.saturating_add(1));
        }
        self.core.end(b, ())
    }
}

/// A payout the fake payer took.
///
/// ```
/// use realname::transport::PayoutStatus;
/// use realname::transport::fake::PaidOut;
/// let p = PaidOut { key: "f/2-0".into(), fen: 37, status: PayoutStatus::Sent, requests: 1 };
/// assert_eq!(p.fen, 37);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaidOut {
    /// Its idempotency key.
    pub key: String,
    /// The amount, in fen.
    pub fen: u32,
    /// Where it stands.
    pub status: PayoutStatus,
    /// How many requests named this key (1, plus the retries).
    pub requests: u32,
}

/// The payer, faked: deduplicates by key as a real payer must, and keeps
/// every payout it took, so a test can check that each transfer was paid
/// exactly once whatever was retried. `Pending` and `Twice` answer
/// [`PayoutStatus::Received`]; the answer comes later by
/// [`settle`](Self::settle) (and twice, for `Twice`, through
/// [`take_callbacks`](Self::take_callbacks)).
///
/// ```
/// let _ = realname::transport::fake::FakePayer::new(realname::transport::fake::Script::pass());
/// ```
#[derive(Debug, Default)]
pub struct FakePayer {
    core: Core,
    book: Mutex<Book>,
}

#[derive(Debug, Default)]
struct Book {
    payouts: BTreeMap<String, PaidOut>,
    callbacks: Vec<(String, PayoutStatus)>,
}

impl FakePayer {
    /// A fake answering from `script`.
    ///
    /// ```
    /// let _ = realname::transport::fake::FakePayer::new(realname::transport::fake::Script::pass());
    /// ```
    #[must_use]
    pub fn new(script: Script) -> FakePayer {
        FakePayer {
            core: Core::new(script),
            book: Mutex::new(Book::default()),
        }
    }

    /// The payouts taken, by key (a failed one is kept with its status:
    /// nothing was paid).
    ///
    /// ```
    /// assert!(realname::transport::fake::FakePayer::default().payouts().is_empty());
    /// ```
    #[must_use]
    pub fn payouts(&self) -> Vec<PaidOut> {
        lock(&self.book).payouts.values().cloned().collect()
    }

    /// Gives a received payout its answer (as the payer's callback would)
    /// and queues the callback; `false` if no payout has the key.
    ///
    /// ```
    /// use realname::transport::PayoutStatus;
    /// assert!(!realname::transport::fake::FakePayer::default().settle("k", PayoutStatus::Sent));
    /// ```
    pub fn settle(&self, key: &str, status: PayoutStatus) -> bool {
        let mut book = lock(&self.book);
        let Some(p) = book.payouts.get_mut(key) else {
            return false;
        };
        p.status = status;
        book.callbacks.push((key.to_owned(), status));
        true
    }

    /// The callbacks the payer made since the last call, in order: each
    /// is the payout's key and status, for the caller to deliver to the
    /// flow.
    ///
    /// ```
    /// assert!(realname::transport::fake::FakePayer::default().take_callbacks().is_empty());
    /// ```
    pub fn take_callbacks(&self) -> Vec<(String, PayoutStatus)> {
        std::mem::take(&mut lock(&self.book).callbacks)
    }
}
fake_common!(FakePayer);

impl Payer for FakePayer {
    type Error = FakeError;

    async fn request(&self, payout: &Payout<'_>) -> Result<PayoutStatus, FakeError> {
        let b = self.core.begin()?;
        let status = {
            let mut book = lock(&self.book);
            if let Some(p) = book.payouts.get_mut(payout.key) {
                // The same key is the same payout: nothing more is paid.
                p.requests = p.requests.saturating_add(1);
                p.status
            } else {
                let status = match b {
                    Behaviour::Fail(r) => PayoutStatus::Failed(r),
                    Behaviour::Unavailable => return Err(FakeError::Unavailable),
                    Behaviour::Pending | Behaviour::Twice => PayoutStatus::Received,
                    Behaviour::Pass | Behaviour::Timeout => PayoutStatus::Sent,
                };
                book.payouts.insert(
                    payout.key.to_owned(),
                    PaidOut {
                        key: payout.key.to_owned(),
                        fen: payout.fen,
                        status,
                        requests: 1,
                    },
                );
                if b == Behaviour::Twice {
                    if let Some(p) = book.payouts.get_mut(payout.key) {
                        p.status = PayoutStatus::Sent;
                    }
                    let cb = (payout.key.to_owned(), PayoutStatus::Sent);
                    book.callbacks.push(cb.clone());
                    book.callbacks.push(cb);
                }
                status
            }
        };
        self.core.end(b, status)
    }

    async fn status(&self, key: &str) -> Result<Option<PayoutStatus>, FakeError> {
        // Asking takes no behaviour of the script (which answers the
        // requests), only the tripwire's cuts.
        self.core.step()?;
        let s = lock(&self.book).payouts.get(key).map(|p| p.status);
        self.core.step()?;
        Ok(s)
    }
}

/// Incoming payments, faked: [`pay`](Self::pay) plays the applicant's
/// transfer arriving.
///
/// ```
/// let _ = realname::transport::fake::FakePayments::new(realname::transport::fake::Script::pass());
/// ```
#[derive(Debug, Default)]
pub struct FakePayments {
    core: Core,
    book: Mutex<BTreeMap<String, (u32, Option<IncomingPayment>)>>,
}

impl FakePayments {
    /// A fake answering from `script`.
    ///
    /// ```
    /// let _ = realname::transport::fake::FakePayments::new(realname::transport::fake::Script::pass());
    /// ```
    #[must_use]
    pub fn new(script: Script) -> FakePayments {
        FakePayments {
            core: Core::new(script),
            book: Mutex::new(BTreeMap::new()),
        }
    }

    /// A payment arrives under `key` (whether or not one was expected: a
    /// stray payment is what a real account sees too).
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::transport::IncomingPayment;
    /// let p = realname::transport::fake::FakePayments::default();
    /// p.pay("k", IncomingPayment { payer_name: "张三".into(), fen: 1, at: Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap() });
    /// ```
    pub fn pay(&self, key: &str, payment: IncomingPayment) {
        let mut book = lock(&self.book);
        let e = book.entry(key.to_owned()).or_insert((payment.fen, None));
        e.1 = Some(payment);
    }

    /// The dedicated accounts opened, with the amount expected in each.
    ///
    /// ```
    /// assert!(realname::transport::fake::FakePayments::default().expected().is_empty());
    /// ```
    #[must_use]
    pub fn expected(&self) -> Vec<(String, u32)> {
        lock(&self.book)
            .iter()
            .map(|(k, (fen, _))| (k.clone(), *fen))
            .collect()
    }
}
fake_common!(FakePayments);

impl IncomingPayments for FakePayments {
    type Error = FakeError;

    async fn expect(&self, expected: &PaymentExpected<'_>) -> Result<String, FakeError> {
        let b = self.core.begin()?;
        if matches!(b, Behaviour::Fail(_) | Behaviour::Unavailable) {
            return Err(FakeError::Unavailable);
        }
        lock(&self.book)
            .entry(expected.key.to_owned())
            .or_insert((expected.fen, None));
        // A dedicated account named after the key, as a bank's virtual
        // account would be.
        let account = format!("6230 0000 {}", expected.key);
        self.core.end(b, account)
    }

    async fn received(&self, key: &str) -> Result<Option<IncomingPayment>, FakeError> {
        let b = self.core.begin()?;
        if b == Behaviour::Unavailable {
            return Err(FakeError::Unavailable);
        }
        let p = lock(&self.book).get(key).and_then(|(_, p)| p.clone());
        self.core.end(b, p)
    }
}

/// A review the fake queue holds.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::policy::MethodKind;
/// use realname::transport::fake::Queued;
/// let q = Queued { key: "f/3-0".into(), flow: "f".into(), method: MethodKind::DocumentUpload, due: Utc.with_ymd_and_hms(2026, 6, 3, 10, 0, 0).unwrap() };
/// assert_eq!(q.flow, "f");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    /// The ticket's key.
    pub key: String,
    /// The flow's id.
    pub flow: String,
    /// The method under review.
    pub method: MethodKind,
    /// When it is due.
    pub due: DateTime<Utc>,
}

/// The review queue, faked: keeps each ticket once by key.
///
/// ```
/// let _ = realname::transport::fake::FakeReviews::new(realname::transport::fake::Script::pass());
/// ```
#[derive(Debug, Default)]
pub struct FakeReviews {
    core: Core,
    tickets: Mutex<BTreeMap<String, Queued>>,
}

impl FakeReviews {
    /// A fake answering from `script`.
    ///
    /// ```
    /// let _ = realname::transport::fake::FakeReviews::new(realname::transport::fake::Script::pass());
    /// ```
    #[must_use]
    pub fn new(script: Script) -> FakeReviews {
        FakeReviews {
            core: Core::new(script),
            tickets: Mutex::new(BTreeMap::new()),
        }
    }

    /// The tickets queued, by key.
    ///
    /// ```
    /// assert!(realname::transport::fake::FakeReviews::default().tickets().is_empty());
    /// ```
    #[must_use]
    pub fn tickets(&self) -> Vec<Queued> {
        lock(&self.tickets).values().cloned().collect()
    }

    /// Removes a ticket once decided; `false` if none has the key.
    ///
    /// ```
    /// assert!(!realname::transport::fake::FakeReviews::default().remove("k"));
    /// ```
    pub fn remove(&self, key: &str) -> bool {
        lock(&self.tickets).remove(key).is_some()
    }
}
fake_common!(FakeReviews);

impl ReviewQueue for FakeReviews {
    type Error = FakeError;

    async fn enqueue(&self, ticket: &ReviewTicket<'_>) -> Result<(), FakeError> {
        let b = self.core.begin()?;
        if matches!(b, Behaviour::Fail(_) | Behaviour::Unavailable) {
            return Err(FakeError::Unavailable);
        }
        lock(&self.tickets)
            .entry(ticket.key.to_owned())
            .or_insert_with(|| Queued {
                key: ticket.key.to_owned(),
                flow: ticket.flow.to_owned(),
                method: ticket.method,
                due: ticket.due,
            });
        self.core.end(b, ())
    }

    async fn close(&self, key: &str) -> Result<(), FakeError> {
        self.core.step()?;
        lock(&self.tickets).remove(key);
        self.core.step()?;
        Ok(())
    }
}

/// Every party, faked; all pass by default. Replace a field to script
/// it, and [`set_tripwire`](Self::set_tripwire) to cut runs.
///
/// ```
/// use realname::transport::fake::{Behaviour, FakeParties, FakePayer, Script};
/// let parties = FakeParties { payer: FakePayer::new(Script::always(Behaviour::Pending)), ..FakeParties::default() };
/// assert_eq!(parties.payer.calls(), 0);
/// ```
#[derive(Debug, Default)]
pub struct FakeParties {
    /// The identity authority.
    pub authority: FakeAuthority,
    /// The bank.
    pub bank: FakeBank,
    /// The SMS gateway.
    pub sms: FakeSms,
    /// The payer.
    pub payer: FakePayer,
    /// Incoming payments.
    pub payments: FakePayments,
    /// The review queue.
    pub reviews: FakeReviews,
}

impl FakeParties {
    /// Cuts every fake's calls where `tripwire` trips.
    ///
    /// ```
    /// use realname::transport::fake::{FakeParties, Tripwire};
    /// FakeParties::default().set_tripwire(&Tripwire::default());
    /// ```
    pub fn set_tripwire(&self, tripwire: &Tripwire) {
        self.authority.set_tripwire(tripwire.clone());
        self.bank.set_tripwire(tripwire.clone());
        self.sms.set_tripwire(tripwire.clone());
        self.payer.set_tripwire(tripwire.clone());
        self.payments.set_tripwire(tripwire.clone());
        self.reviews.set_tripwire(tripwire.clone());
    }
}

impl Parties for FakeParties {
    type Authority = FakeAuthority;
    type Bank = FakeBank;
    type Sms = FakeSms;
    type Payer = FakePayer;
    type Payments = FakePayments;
    type Reviews = FakeReviews;

    fn authority(&self) -> &FakeAuthority {
        &self.authority
    }
    fn bank(&self) -> &FakeBank {
        &self.bank
    }
    fn sms(&self) -> &FakeSms {
        &self.sms
    }
    fn payer(&self) -> &FakePayer {
        &self.payer
    }
    fn payments(&self) -> &FakePayments {
        &self.payments
    }
    fn reviews(&self) -> &FakeReviews {
        &self.reviews
    }
}
