//! The driver: deliver, handle, save with compare-and-swap, perform.

use std::sync::Arc;

use realname::calendar::WorkCalendar;
use realname::chrono::{self, DateTime, Utc};
use realname::flow::{Action, ActionId, Auto, Deposit, Flow, Party, Remittance, Review};
use realname::policy::Scope;
use realname::store::{
    AttemptLedger, AttemptScope, BindingStore, Cas, FlowRecord, FlowStore, cap_of, hmac_sha256,
};
use realname::subject::Subject;
use realname::transport::{
    BankVerifier, FourFactors, IdentityAuthority, IdentityQuery, IncomingPayments, LivenessResult,
    LivenessStart, Parties, Payee, Payer, PaymentExpected, Payout, PayoutStatus, ReviewQueue,
    ReviewTicket, SmsCode, SmsGateway,
};

use crate::case::{Case, Cases, payer_name_matches};
use crate::outbox::{Entry, EntryState, Envelope, Loaded, MAX_REQUESTS, Peek};
use crate::{Answer, Drivable, DriverError, Report};

/// Compare-and-swap conflicts a call rides out (reloading each time)
/// before it gives up with [`DriverError::Contended`].
pub const MAX_TRIES: u32 = 16;

/// How long after a payout was received or a recharge account opened
/// the sweeper asks the party itself, in case its callback was lost.
pub const POLL_SECONDS: i64 = 60;

/// What performing one action gave.
enum Performed {
    /// Its answer, at once (a check, a bind, a payout sent).
    Answered(Answer),
    /// Done; the answer comes later. With what to show the applicant.
    Waiting(Option<String>),
}

/// The store a driver needs: flows, bindings and the attempt ledger in
/// one ([`MemoryStore`](realname::store::MemoryStore), `realname-sqlite`
/// and `realname-postgres` are).
pub trait DriverStore: FlowStore + BindingStore + AttemptLedger {}
impl<T: FlowStore + BindingStore + AttemptLedger> DriverStore for T {}

/// Runs the crate's flows on a store and the outside parties, crash-safe.
///
/// Every call loads the flow, handles one event, and saves the new state
/// with compare-and-swap on the record's revision (reloading and handling
/// again on a conflict) **before** it performs anything. The actions the
/// step emitted are saved with that state, in the flow's outbox; each is
/// then performed and marked (waiting for its answer, or done with the
/// answer handled, in one save). A crash at any point leaves the outbox
/// saying what is still to do, and [`recover`](Self::recover) (or the
/// [`sweep`](Self::sweep)er, which lists such flows at once) performs it
/// with the same idempotency key (`{flow}/{action}`): the payer pays one
/// key once, a review ticket is queued once, a bind of the same account
/// is the same bind. An attempt is counted in the account's ledger, under
/// a token naming the flow and the use's number, before the state that
/// counts it is saved: a retry never counts it twice, a crash never
/// refunds it, and two flows of one account never pass its limit. The
/// price is one edge where the ledger counts an attempt no flow made: if
/// another server ends the flow between the count and the save (the
/// applicant withdrew), the event no longer applies and its attempt stays
/// counted (by one at most; the ledger errs toward counting).
///
/// Only what an outside party answers later (a payout, a payment, a
/// review) can be [`answer`](Self::answer)ed by the caller; the driver
/// makes the binds and the checks of factors itself.
///
/// The applicant's personal data never goes into the saved state: the
/// driver asks the caller's [`Cases`] for it when an action needs it.
/// SMS codes are derived from a secret of the caller's and the action's
/// key (HMAC-SHA256), so that a code re-sent after a crash is the same
/// code and none is stored.
///
/// ```
/// use realname::chrono::{TimeZone, Utc};
/// use realname::calendar::ChinaMainland;
/// use realname::flow::{Auto, AutoEvent, AutoTerms, Status, Submission};
/// use realname::policy::{MethodKind, Provider};
/// use realname::store::{Keyring, MemoryStore, block_on};
/// use realname::subject::{Individual, PersonName};
/// use realname::transport::fake::FakeParties;
/// use realname::{Document, DocumentKind};
/// use realname_driver::{Case, Driver, MemoryCases};
///
/// let store = MemoryStore::new(Keyring::new(b"a secret of at least 32 bytes!!!")?);
/// let driver = Driver::new(store, FakeParties::default(), MemoryCases::default(),
///     ChinaMainland::default(), b"another secret, for SMS codes!!!");
/// let person = Individual::new(PersonName::parse("张三")?,
///     Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?)?;
/// driver.cases().insert("flow-1", Case::new("acct-1", person.into()));
///
/// // Baidu's face verification: the applicant scans their face on a phone.
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
/// let terms = AutoTerms::from_profile(Provider::Baidu.profile(), MethodKind::Face)?;
/// block_on(driver.start::<Auto>("flow-1", "acct-1", terms, t))?;
/// block_on(driver.deliver::<Auto>("flow-1", AutoEvent::Submit(Submission::individual()), Some("req-1"), t))?;
/// // The applicant did the check on a phone with the session's token.
/// let report = block_on(driver.liveness_done::<Auto>("flow-1", t))?;
/// assert_eq!(report.status, Status::Verified);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Driver<S, P, C> {
    store: S,
    parties: P,
    cases: C,
    calendar: Arc<dyn WorkCalendar + Send + Sync>,
    code_secret: Vec<u8>,
}

impl<S, P, C> std::fmt::Debug for Driver<S, P, C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Driver").finish_non_exhaustive()
    }
}

/// Runs `$body` with `$m` standing for the machine saved under `$kind`,
/// one of the crate's four.
macro_rules! by_kind {
    ($id:expr, $kind:expr, $m:ident => $body:expr) => {
        match $kind.as_str() {
            k if k == Auto::KIND => {
                type $m = Auto;
                $body
            }
            k if k == Deposit::KIND => {
                type $m = Deposit;
                $body
            }
            k if k == Review::KIND => {
                type $m = Review;
                $body
            }
            k if k == Remittance::KIND => {
                type $m = Remittance;
                $body
            }
            other => Err(DriverError::Corrupt {
                id: $id.to_owned(),
                reason: format!("no machine is called {other:?}"),
            }),
        }
    };
}

fn key_of(id: &str, action: ActionId) -> String {
    format!("{id}/{action}")
}

impl<S, P, C> Driver<S, P, C>
where
    S: DriverStore,
    P: Parties,
    C: Cases,
{
    /// A driver over `store`, the outside `parties` and the caller's
    /// `cases`, reckoning review times on `calendar`; `code_secret` keys
    /// the SMS codes (keep it as secret as the store's).
    ///
    /// ```
    /// use realname::calendar::ChinaMainland;
    /// use realname::store::{Keyring, MemoryStore};
    /// use realname::transport::fake::FakeParties;
    /// use realname_driver::{Driver, MemoryCases};
    /// let store = MemoryStore::new(Keyring::new(b"a secret of at least 32 bytes!!!")?);
    /// let driver = Driver::new(store, FakeParties::default(), MemoryCases::default(), ChinaMainland::default(), b"sms secret");
    /// # let _ = driver;
    /// # Ok::<(), realname::store::WeakSecret>(())
    /// ```
    pub fn new(
        store: S,
        parties: P,
        cases: C,
        calendar: impl WorkCalendar + Send + Sync + 'static,
        code_secret: &[u8],
    ) -> Driver<S, P, C> {
        Driver {
            store,
            parties,
            cases,
            calendar: Arc::new(calendar),
            code_secret: code_secret.to_vec(),
        }
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The outside parties.
    pub fn parties(&self) -> &P {
        &self.parties
    }

    /// The caller's cases.
    pub fn cases(&self) -> &C {
        &self.cases
    }

    /// The SMS code of the action `action` of flow `id`: what the
    /// driver sends, and what it expects back.
    #[must_use]
    pub fn sms_code(&self, id: &str, action: ActionId) -> SmsCode {
        let mac = hmac_sha256(
            &self.code_secret,
            format!("sms\0{}", key_of(id, action)).as_bytes(),
        );
        let mut n = [0u8; 8];
        n.copy_from_slice(mac.get(..8).unwrap_or(&[0; 8]));
        SmsCode::from_number(u64::from_be_bytes(n) % 1_000_000, 6)
    }

    /// Starts flow `id` of `account` on `terms`, with the uses of the
    /// method the account's ledger holds before it.
    ///
    /// # Errors
    ///
    /// [`DriverError::Exists`] if the id is taken; the store's error.
    pub async fn start<M: Drivable>(
        &self,
        id: &str,
        account: &str,
        terms: M::Terms,
        now: DateTime<Utc>,
    ) -> Result<Report, DriverError> {
        let scope = AttemptScope::new(account, M::method(&terms), Scope::Account, "")
            .map_err(DriverError::Input)?;
        let prior = self.store.used(&scope).await.map_err(DriverError::store)?;
        let flow: Flow<M> = Flow::with_terms(terms, prior, now);
        M::check_terms(flow.terms())?;
        let mut loaded = Loaded {
            listed: None,
            kind: M::KIND.to_owned(),
            account: account.to_owned(),
            seq: 0,
            flow,
            outbox: Vec::new(),
            requests: Vec::new(),
        };
        let step = loaded.flow.step();
        loaded.absorb(&step.actions, None);
        match self.save(id, None, &loaded, now).await? {
            Cas::Saved => {}
            _ => return Err(DriverError::Exists { id: id.to_owned() }),
        }
        self.run(id, loaded, now).await
    }

    /// Where flow `id` stands, without changing it.
    ///
    /// # Errors
    ///
    /// [`DriverError::NotFound`], [`DriverError::WrongKind`],
    /// [`DriverError::Corrupt`], or the store's error.
    pub async fn report<M: Drivable>(&self, id: &str) -> Result<Report, DriverError> {
        Ok(self.load::<M>(id).await?.report(id, false))
    }

    /// Delivers `event` to flow `id`, saves, and performs what it asks
    /// for, until the flow waits for the applicant, a party or the time.
    /// `request` is the applicant's request key, if the client sends one:
    /// a request already applied is answered as it stands
    /// ([`Report::duplicate`]), never applied twice.
    ///
    /// # Errors
    ///
    /// [`DriverError::Flow`] if the flow refuses the event (nothing is
    /// saved); [`DriverError::AttemptsExhausted`] if the ledger refuses
    /// the attempt the event would count; a party's or the store's error
    /// while performing (the state is saved, and the action stays in the
    /// outbox for [`recover`](Self::recover)).
    pub async fn deliver<M: Drivable>(
        &self,
        id: &str,
        event: M::Event,
        request: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Report, DriverError> {
        let (loaded, duplicate) = self.apply::<M>(id, event, request, now).await?;
        // A request repeated (a client's retry after an error) changes
        // nothing, but what its first delivery left to do is tried again.
        let report = self.run(id, loaded, now).await?;
        Ok(Report {
            duplicate,
            ..report
        })
    }

    /// Answers action `action` of flow `id` (a payer's callback, a
    /// reviewer's decision), then goes on as [`deliver`](Self::deliver).
    ///
    /// # Errors
    ///
    /// As [`deliver`](Self::deliver); [`DriverError::Flow`] with
    /// `UnknownAction` if the flow never emitted the action, or took no
    /// such answer to it.
    pub async fn answer<M: Drivable>(
        &self,
        id: &str,
        action: ActionId,
        answer: Answer,
        now: DateTime<Utc>,
    ) -> Result<Report, DriverError> {
        // Only what an outside party answers later, and only for an
        // action performed and waiting: a bind or a check of factors is
        // the driver's own to make, never a caller's to claim.
        let outside = matches!(
            answer,
            Answer::PayoutSent
                | Answer::PayoutFailed(_)
                | Answer::Payment { .. }
                | Answer::Review(_)
        );
        let loaded = self.load::<M>(id).await?;
        let unknown = DriverError::Flow(realname::flow::FlowError::UnknownAction { id: action });
        let entry = loaded.entry(action).ok_or(unknown.clone())?;
        if !outside || entry.state == EntryState::Pending {
            return Err(unknown);
        }
        let report = self.answer_entry::<M>(id, action, answer, now).await?;
        if let Answer::Review(_) = answer {
            // The decision is saved: the ticket can leave the queue. A
            // failure here leaves a decided ticket, which the queue must
            // cope with anyway (a crash just before).
            let _ = self.parties.reviews().close(&key_of(id, action)).await;
        }
        Ok(report)
    }

    /// Delivers `answer` to the entry `action`, whatever it is.
    async fn answer_entry<M: Drivable>(
        &self,
        id: &str,
        action: ActionId,
        answer: Answer,
        now: DateTime<Utc>,
    ) -> Result<Report, DriverError> {
        let loaded = self.load::<M>(id).await?;
        let unknown = || DriverError::Flow(realname::flow::FlowError::UnknownAction { id: action });
        let entry = loaded.entry(action).ok_or_else(unknown)?;
        let event = M::event(&entry.action, answer).ok_or_else(unknown)?;
        self.deliver::<M>(id, event, None, now).await
    }

    /// The applicant entered `entered` for the SMS code the flow last
    /// sent; compared with the code sent.
    ///
    /// # Errors
    ///
    /// As [`deliver`](Self::deliver); [`DriverError::Flow`] if no code
    /// was sent.
    pub async fn enter_sms_code<M: Drivable>(
        &self,
        id: &str,
        entered: &str,
        now: DateTime<Utc>,
    ) -> Result<Report, DriverError> {
        let loaded = self.load::<M>(id).await?;
        let entry = waiting(&loaded, "send_sms_code", "sms_code")?;
        let aid = entry.action.id();
        let confirmed = self.sms_code(id, aid).matches(entered);
        self.answer_entry::<M>(id, aid, Answer::SmsCode { confirmed }, now)
            .await
    }

    /// The applicant says they finished the liveness check on their phone
    /// (the session whose token the open `start_liveness` entry holds, in
    /// its [`note`](crate::Entry::note)): asks the identity authority for
    /// its result and delivers it. A check not yet finished changes
    /// nothing.
    ///
    /// # Errors
    ///
    /// As [`deliver`](Self::deliver); the authority's error;
    /// [`DriverError::Flow`] if no liveness check is open.
    pub async fn liveness_done<M: Drivable>(
        &self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<Report, DriverError> {
        let loaded = self.load::<M>(id).await?;
        let entry = waiting(&loaded, "start_liveness", "liveness")?;
        let aid = entry.action.id();
        let Some(session) = entry.note.clone() else {
            return Err(DriverError::Corrupt {
                id: id.to_owned(),
                reason: "the liveness check has no session".to_owned(),
            });
        };
        let result = self
            .parties
            .authority()
            .liveness(&session)
            .await
            .map_err(|e| DriverError::party(Party::IdentityAuthority, e))?;
        let answer = match result {
            LivenessResult::Passed => Answer::Liveness {
                passed: true,
                reason: None,
            },
            LivenessResult::Failed(reason) => Answer::Liveness {
                passed: false,
                reason,
            },
            _ => return Ok(loaded.report(id, false)),
        };
        self.answer_entry::<M>(id, aid, answer, now).await
    }

    /// A party's callback under the idempotency key it was given
    /// (`{flow}/{action}`, as the driver sends it): answers that action of
    /// that flow, whichever machine it is.
    ///
    /// # Errors
    ///
    /// [`DriverError::Flow`] with `UnknownAction` for a key that names no
    /// action; otherwise as [`answer`](Self::answer).
    pub async fn callback(
        &self,
        key: &str,
        answer: Answer,
        now: DateTime<Utc>,
    ) -> Result<Report, DriverError> {
        let unknown = || {
            DriverError::Flow(realname::flow::FlowError::UnknownAction {
                id: ActionId {
                    revision: 0,
                    index: 0,
                },
            })
        };
        let (id, action) = key.rsplit_once('/').ok_or_else(unknown)?;
        let action: ActionId = action.parse().map_err(|_| unknown())?;
        let kind = self.kind(id).await?;
        by_kind!(id, kind, M => self.answer::<M>(id, action, answer, now).await)
    }

    /// Asks the payer and the incoming payments about what the flow waits
    /// on from them (a callback may have been lost), and delivers any
    /// answer.
    ///
    /// # Errors
    ///
    /// As [`deliver`](Self::deliver).
    pub async fn poll<M: Drivable>(
        &self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<Report, DriverError> {
        let loaded = self.load::<M>(id).await?;
        let waiting: Vec<Action> = loaded
            .outbox
            .iter()
            .filter(|e| e.state == EntryState::Waiting)
            .map(|e| e.action)
            .collect();
        let mut report = loaded.report(id, false);
        for action in waiting {
            let key = key_of(id, action.id());
            let answer = match action {
                Action::RequestPayout { .. } => {
                    match self
                        .parties
                        .payer()
                        .status(&key)
                        .await
                        .map_err(|e| DriverError::party(Party::Payer, e))?
                    {
                        Some(PayoutStatus::Sent) => Answer::PayoutSent,
                        Some(PayoutStatus::Failed(r)) => Answer::PayoutFailed(r),
                        _ => continue,
                    }
                }
                Action::AwaitPayment { .. } => {
                    let Some(p) = self
                        .parties
                        .payments()
                        .received(&key)
                        .await
                        .map_err(|e| DriverError::party(Party::Payer, e))?
                    else {
                        continue;
                    };
                    let case = self.case(id, "payer's name").await?;
                    Answer::Payment {
                        fen: p.fen,
                        payer_name_matches: payer_name_matches(&case, &p.payer_name),
                    }
                }
                _ => continue,
            };
            report = self.answer_entry::<M>(id, action.id(), answer, now).await?;
        }
        Ok(report)
    }

    /// Brings flow `id` up to date after a crash or a lost answer:
    /// performs what its outbox still holds (with the same keys), asks
    /// the payer and the payments about what waits on them, and applies
    /// the time if a deadline passed.
    ///
    /// # Errors
    ///
    /// As [`deliver`](Self::deliver).
    pub async fn recover<M: Drivable>(
        &self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<Report, DriverError> {
        let loaded = self.load::<M>(id).await?;
        // What failed does not keep the time from ending the flow (a case
        // gone for good, a party that keeps failing): the deadline is
        // applied whatever happened before, and the first error told
        // after.
        let mut first = self.run(id, loaded, now).await.err();
        if let Err(e) = self.poll::<M>(id, now).await {
            first.get_or_insert(e);
        }
        let loaded = self.load::<M>(id).await?;
        let report = match loaded.flow.next_deadline() {
            Some(d) if d <= now => {
                let tick = <M::Event as realname::flow::FlowEvent>::tick();
                match self.deliver::<M>(id, tick, None, now).await {
                    Ok(r) => return Ok(r),
                    Err(e) => {
                        first.get_or_insert(e);
                        None
                    }
                }
            }
            _ => Some(loaded.report(id, false)),
        };
        // Nothing to do until later: move the flow's place in the
        // sweeper's listing on, so that it is not listed again at once
        // (and never starves the flows behind it).
        self.reschedule::<M>(id, now).await?;
        match (first, report) {
            (Some(e), _) => Err(e),
            (None, Some(r)) => Ok(r),
            (None, None) => self.report::<M>(id).await,
        }
    }

    /// Recovers up to `limit` flows whose deadline (or outbox) is due at
    /// `now`, of any of the crate's four machines: the sweeper a service
    /// runs every minute or so. Each flow's result is given apart; one
    /// flow failing stops none of the others.
    ///
    /// # Errors
    ///
    /// The store's error listing the due flows.
    pub async fn sweep(
        &self,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<(String, Result<Report, DriverError>)>, DriverError> {
        let due = self
            .store
            .due(now, limit)
            .await
            .map_err(DriverError::store)?;
        let mut out = Vec::with_capacity(due.len());
        for d in due {
            let r = self.recover_any(&d.id, now).await;
            out.push((d.id, r));
        }
        Ok(out)
    }

    /// [`recover`](Self::recover) for a flow of whichever machine it is.
    ///
    /// # Errors
    ///
    /// As [`recover`](Self::recover); [`DriverError::Corrupt`] for a kind
    /// no machine has.
    pub async fn recover_any(&self, id: &str, now: DateTime<Utc>) -> Result<Report, DriverError> {
        let kind = self.kind(id).await?;
        by_kind!(id, kind, M => self.recover::<M>(id, now).await)
    }

    /// The machine's name flow `id` is saved under.
    ///
    /// # Errors
    ///
    /// [`DriverError::NotFound`], [`DriverError::Corrupt`], the store's.
    pub async fn kind(&self, id: &str) -> Result<String, DriverError> {
        let record = self
            .store
            .load(id)
            .await
            .map_err(DriverError::store)?
            .ok_or_else(|| DriverError::NotFound { id: id.to_owned() })?;
        serde_json::from_slice::<Peek>(&record.state)
            .map(|p| p.kind)
            .map_err(|e| corrupt(id, &e))
    }

    // ---- the steps ----

    async fn load<M: Drivable>(&self, id: &str) -> Result<Loaded<M>, DriverError> {
        let record = self
            .store
            .load(id)
            .await
            .map_err(DriverError::store)?
            .ok_or_else(|| DriverError::NotFound { id: id.to_owned() })?;
        let peek: Peek = serde_json::from_slice(&record.state).map_err(|e| corrupt(id, &e))?;
        if peek.kind != M::KIND {
            return Err(DriverError::WrongKind {
                id: id.to_owned(),
                expected: M::KIND,
                found: peek.kind,
            });
        }
        let env: Envelope<M> =
            serde_json::from_slice(&record.state).map_err(|e| corrupt(id, &e))?;
        if env.seq != record.revision {
            return Err(DriverError::Corrupt {
                id: id.to_owned(),
                reason: format!(
                    "saved as revision {}, stored as {}",
                    env.seq, record.revision
                ),
            });
        }
        let flow = Flow::<M>::restore(env.flow).map_err(|e| corrupt(id, &e))?;
        // An action the flow cannot have emitted yet is refused (a store
        // seals its rows, so this is the last line, not the first).
        if let Some(e) = env
            .outbox
            .iter()
            .find(|e| e.action.id().revision > flow.revision())
        {
            return Err(DriverError::Corrupt {
                id: id.to_owned(),
                reason: format!(
                    "the outbox holds action {} of a revision to come",
                    e.action.id()
                ),
            });
        }
        Ok(Loaded {
            listed: record.next_deadline,
            kind: env.kind,
            account: env.account,
            seq: env.seq,
            flow,
            outbox: env.outbox,
            requests: env.requests,
        })
    }

    /// Saves the flow again, unchanged but for its place in the sweeper's
    /// listing, when that place is in the past and the flow has nothing
    /// to do before a later time.
    async fn reschedule<M: Drivable>(
        &self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), DriverError> {
        for _ in 0..MAX_TRIES {
            let mut loaded = self.load::<M>(id).await?;
            let want = loaded.due(now, chrono::Duration::seconds(POLL_SECONDS));
            let stale = loaded.listed.is_some_and(|t| t <= now);
            if !stale || want.is_some_and(|w| w <= now) {
                return Ok(());
            }
            let expected = loaded.seq;
            loaded.seq += 1;
            if self.save(id, Some(expected), &loaded, now).await? == Cas::Saved {
                return Ok(());
            }
        }
        Err(DriverError::Contended {
            id: id.to_owned(),
            tries: MAX_TRIES,
        })
    }

    /// Saves `loaded` as the next revision after `expected`.
    async fn save<M: Drivable>(
        &self,
        id: &str,
        expected: Option<u64>,
        loaded: &Loaded<M>,
        now: DateTime<Utc>,
    ) -> Result<Cas, DriverError> {
        let bytes = serde_json::to_vec(&loaded.envelope()).map_err(|e| corrupt(id, &e))?;
        let due = loaded.due(now, chrono::Duration::seconds(POLL_SECONDS));
        let record = FlowRecord::new(loaded.seq, due, bytes);
        self.store
            .save(id, expected, &record)
            .await
            .map_err(DriverError::store)
    }

    /// Load, handle, count, save; again on a conflict.
    async fn apply<M: Drivable>(
        &self,
        id: &str,
        event: M::Event,
        request: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(Loaded<M>, bool), DriverError> {
        if let Some(r) = request {
            realname::store::check_id("request key", r).map_err(DriverError::Input)?;
        }
        for _ in 0..MAX_TRIES {
            let mut loaded = self.load::<M>(id).await?;
            if let Some(r) = request
                && loaded.requests.iter().any(|seen| seen == r)
            {
                return Ok((loaded, true));
            }
            let before = loaded.flow.view();
            let mut trial = loaded.flow.clone();
            let step = trial.handle(event, now, &*self.calendar)?;
            if step.duplicate || (trial.revision() == before.revision && step.actions.is_empty()) {
                return Ok((loaded, step.duplicate));
            }
            if trial.uses() > before.uses {
                self.count::<M>(id, &loaded.account, &trial).await?;
            }
            loaded.flow = trial;
            loaded.absorb(&step.actions, realname::flow::FlowEvent::answers(&event));
            if let Some(r) = request {
                loaded.requests.push(r.to_owned());
                let over = loaded.requests.len().saturating_sub(MAX_REQUESTS);
                loaded.requests.drain(..over);
            }
            let expected = loaded.seq;
            loaded.seq += 1;
            if self.save(id, Some(expected), &loaded, now).await? == Cas::Saved {
                return Ok((loaded, false));
            }
        }
        Err(DriverError::Contended {
            id: id.to_owned(),
            tries: MAX_TRIES,
        })
    }

    /// Counts the attempt `flow` just counted in the account's ledger,
    /// under a token naming the revision that counts it.
    async fn count<M: Drivable>(
        &self,
        id: &str,
        account: &str,
        flow: &Flow<M>,
    ) -> Result<(), DriverError> {
        let scope = AttemptScope::new(account, M::method(flow.terms()), Scope::Account, "")
            .map_err(DriverError::Input)?;
        // Named after the use's number, not the revision: an event
        // handled again after a conflict with a writer that counted
        // nothing reuses its token (counted once); after one that counted,
        // it counts the next use (the limit still holds).
        let token = format!("{id}/use-{}", flow.uses());
        let limit = M::limit(flow.terms()).unwrap_or(u32::MAX);
        let consumed = self
            .store
            .consume(&scope, &token, limit)
            .await
            .map_err(DriverError::store)?;
        if consumed.allowed() {
            Ok(())
        } else {
            Err(DriverError::AttemptsExhausted { limit })
        }
    }

    /// Marks one entry (if it is still pending) as waiting, or counts a
    /// failed try of it; saved with compare-and-swap.
    async fn mark<M: Drivable>(
        &self,
        id: &str,
        action: ActionId,
        outcome: Result<Option<String>, &DriverError>,
        now: DateTime<Utc>,
    ) -> Result<Loaded<M>, DriverError> {
        for _ in 0..MAX_TRIES {
            let mut loaded = self.load::<M>(id).await?;
            let Some(e) = loaded.entry_mut(action) else {
                return Ok(loaded);
            };
            if e.state != EntryState::Pending {
                return Ok(loaded);
            }
            match outcome {
                Ok(ref note) => {
                    e.state = EntryState::Waiting;
                    e.note.clone_from(note);
                }
                Err(err) => {
                    e.tries = e.tries.saturating_add(1);
                    e.last_error = Some(err.code().to_owned());
                }
            }
            let expected = loaded.seq;
            loaded.seq += 1;
            if self.save(id, Some(expected), &loaded, now).await? == Cas::Saved {
                return Ok(loaded);
            }
        }
        Err(DriverError::Contended {
            id: id.to_owned(),
            tries: MAX_TRIES,
        })
    }

    /// Performs the outbox's pending actions in order, until none is
    /// left or one fails.
    async fn run<M: Drivable>(
        &self,
        id: &str,
        mut loaded: Loaded<M>,
        now: DateTime<Utc>,
    ) -> Result<Report, DriverError> {
        while let Some(entry) = loaded
            .outbox
            .iter()
            .find(|e| e.state == EntryState::Pending)
            .cloned()
        {
            let aid = entry.action.id();
            // Another writer may have performed it, or ended the flow,
            // since this state was read: read it again before acting (a
            // payout or a bind made for an ended flow cannot be undone).
            // A small window stays between this read and the call.
            if loaded.seq > 0 {
                loaded = self.load::<M>(id).await?;
                if loaded
                    .entry(aid)
                    .is_none_or(|e| e.state != EntryState::Pending)
                {
                    continue;
                }
            }
            let outcome = match self.perform(id, &loaded, &entry).await {
                Ok(Performed::Answered(answer)) => match M::event(&entry.action, answer) {
                    Some(event) => self
                        .apply::<M>(id, event, None, now)
                        .await
                        .map(|(next, _)| next),
                    None => Err(DriverError::Unsupported(entry.action.code())),
                },
                Ok(Performed::Waiting(note)) => self.mark::<M>(id, aid, Ok(note), now).await,
                Err(e) => Err(e),
            };
            match outcome {
                Ok(next) => loaded = next,
                Err(e) => {
                    // The entry stays pending, its failure counted, for
                    // the sweeper to try again after a pause (so a party
                    // that keeps failing, or an answer the flow refuses,
                    // is not called again at every sweep). Counting is a
                    // hint: if this save fails too, the entry is still
                    // there to perform.
                    let _ = self.mark::<M>(id, aid, Err(&e), now).await;
                    return Err(e);
                }
            }
        }
        Ok(loaded.report(id, false))
    }

    async fn case(&self, id: &str, what: &'static str) -> Result<Case, DriverError> {
        self.cases
            .case(id)
            .await
            .map_err(DriverError::store)?
            .ok_or(DriverError::MissingCase {
                id: id.to_owned(),
                what,
            })
    }

    async fn perform<M: Drivable>(
        &self,
        id: &str,
        loaded: &Loaded<M>,
        entry: &Entry,
    ) -> Result<Performed, DriverError> {
        let key = key_of(id, entry.action.id());
        let missing = |what| DriverError::MissingCase {
            id: id.to_owned(),
            what,
        };
        match entry.action {
            Action::SendSmsCode { id: aid } => {
                let case = self.case(id, "mobile number").await?;
                let to = case.mobile.ok_or_else(|| missing("mobile number"))?;
                let code = self.sms_code(id, aid);
                self.parties
                    .sms()
                    .send(&key, &to, &code)
                    .await
                    .map_err(|e| DriverError::party(Party::Phone, e))?;
                Ok(Performed::Waiting(None))
            }
            // The authority opens a session; the applicant does the check
            // on a phone with its token, and `liveness_done` asks for the
            // result.
            Action::StartLiveness { kind, actor, .. } => {
                let start = LivenessStart {
                    key: &key,
                    kind,
                    actor,
                };
                let token = self
                    .parties
                    .authority()
                    .start_liveness(&start)
                    .await
                    .map_err(|e| DriverError::party(Party::IdentityAuthority, e))?;
                Ok(Performed::Waiting(Some(token)))
            }
            Action::CheckIdentity { .. } => {
                let case = self.case(id, "identity").await?;
                let person = case.person().ok_or_else(|| missing("identity"))?;
                let verdict = if M::checker(loaded.flow.terms()) == Party::Bank {
                    let card = case.card.as_ref().ok_or_else(|| missing("bank card"))?;
                    let mobile = case
                        .mobile
                        .as_ref()
                        .ok_or_else(|| missing("mobile number"))?;
                    let q = FourFactors {
                        key: &key,
                        name: person.name(),
                        document: person.document(),
                        card,
                        mobile,
                    };
                    self.parties
                        .bank()
                        .check_four(&q)
                        .await
                        .map_err(|e| DriverError::party(Party::Bank, e))?
                } else {
                    let q = IdentityQuery {
                        key: &key,
                        name: person.name(),
                        document: person.document(),
                    };
                    self.parties
                        .authority()
                        .check(&q)
                        .await
                        .map_err(|e| DriverError::party(Party::IdentityAuthority, e))?
                };
                Ok(Performed::Answered(Answer::Checked {
                    matched: verdict.is_match(),
                    reason: verdict.reason(),
                }))
            }
            Action::AwaitPayment { fen, due, .. } => {
                let account = self
                    .parties
                    .payments()
                    .expect(&PaymentExpected {
                        key: &key,
                        fen,
                        due,
                    })
                    .await
                    .map_err(|e| DriverError::party(Party::Payer, e))?;
                Ok(Performed::Waiting(Some(account)))
            }
            Action::RequestPayout { fen, .. } => {
                let case = self.case(id, "organisation's account").await?;
                let Subject::Organization(org) = &case.subject else {
                    return Err(missing("organisation's account"));
                };
                let payee = case
                    .payee
                    .as_ref()
                    .ok_or_else(|| missing("organisation's account"))?;
                let payout = Payout {
                    key: &key,
                    payee: Payee {
                        name: org.name(),
                        bank: &payee.bank,
                        account: &payee.account,
                    },
                    fen,
                };
                let status = self
                    .parties
                    .payer()
                    .request(&payout)
                    .await
                    .map_err(|e| DriverError::party(Party::Payer, e))?;
                Ok(match status {
                    PayoutStatus::Sent => Performed::Answered(Answer::PayoutSent),
                    PayoutStatus::Failed(r) => Performed::Answered(Answer::PayoutFailed(r)),
                    _ => Performed::Waiting(None),
                })
            }
            Action::QueueReview { due, .. } => {
                let ticket = ReviewTicket {
                    key: &key,
                    flow: id,
                    method: M::method(loaded.flow.terms()),
                    due,
                };
                self.parties
                    .reviews()
                    .enqueue(&ticket)
                    .await
                    .map_err(|e| DriverError::party(Party::Provider, e))?;
                Ok(Performed::Waiting(None))
            }
            Action::Bind { cap, .. } => {
                let case = self.case(id, "identity").await?;
                let dk = case.key().ok_or_else(|| missing("identity"))?;
                let outcome = self
                    .store
                    .try_bind(&dk, &loaded.account, cap_of(cap))
                    .await
                    .map_err(DriverError::store)?;
                Ok(Performed::Answered(Answer::Bound(outcome.into())))
            }
            other => Err(DriverError::Unsupported(other.code())),
        }
    }
}

fn corrupt(id: &str, e: &dyn std::fmt::Display) -> DriverError {
    DriverError::Corrupt {
        id: id.to_owned(),
        reason: e.to_string(),
    }
}

/// The latest entry performed and waiting whose action has the code
/// `action`; else the flow's refusal of `event`, which nothing awaits.
fn waiting<'a, M: Drivable>(
    loaded: &'a Loaded<M>,
    action: &str,
    event: &'static str,
) -> Result<&'a Entry, DriverError> {
    loaded
        .latest(action, &EntryState::Waiting)
        .ok_or_else(|| unexpected(loaded, event))
}

fn unexpected<M: Drivable>(loaded: &Loaded<M>, event: &'static str) -> DriverError {
    DriverError::Flow(realname::flow::FlowError::Unexpected {
        status: loaded.flow.status(),
        event,
    })
}
