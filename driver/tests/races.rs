//! Races and stuck flows found in review: an attempt counted while
//! another server withdrew, flows whose case is gone reaching their
//! deadline anyway, and a flow waiting on a payer that must not crowd the
//! sweeper.

#![allow(missing_docs)]

mod support;

use support::{SECRET, at, memory_driver, org_case, person};

use std::sync::{Arc, Mutex};

use realname::DocumentKey;
use realname::calendar::ChinaMainland;
use realname::chrono::{DateTime, Duration, Utc};
use realname::flow::{Auto, AutoEvent, AutoTerms, Deposit, DepositEvent, DepositTerms, Submission};
use realname::policy::{MethodKind, Provider, Scope};
use realname::store::*;
use realname::transport::fake::{Behaviour, FakeParties, FakePayer, Script};
use realname_driver::{Case, Driver, MemoryCases};

type Hook = Box<dyn FnOnce() + Send>;
#[derive(Clone)]
struct Hooked {
    inner: Arc<MemoryStore>,
    hook: Arc<Mutex<Option<Hook>>>,
}

impl AttemptLedger for Hooked {
    type Error = MemoryError;
    async fn consume(&self, s: &AttemptScope, t: &str, l: u32) -> Result<Consumed, MemoryError> {
        let h = self.hook.lock().unwrap().take();
        if let Some(h) = h {
            h();
        }
        self.inner.consume(s, t, l).await
    }
    async fn used(&self, s: &AttemptScope) -> Result<u32, MemoryError> {
        self.inner.used(s).await
    }
    async fn reset(&self, s: &AttemptScope) -> Result<u32, MemoryError> {
        self.inner.reset(s).await
    }
}
impl FlowStore for Hooked {
    type Error = MemoryError;
    async fn save(&self, id: &str, e: Option<u64>, r: &FlowRecord) -> Result<Cas, MemoryError> {
        self.inner.save(id, e, r).await
    }
    async fn load(&self, id: &str) -> Result<Option<FlowRecord>, MemoryError> {
        self.inner.load(id).await
    }
    async fn due(&self, now: DateTime<Utc>, l: usize) -> Result<Vec<DueFlow>, MemoryError> {
        self.inner.due(now, l).await
    }
}
impl BindingStore for Hooked {
    type Error = MemoryError;
    async fn try_bind(&self, k: &DocumentKey, a: &str, c: u32) -> Result<BindOutcome, MemoryError> {
        self.inner.try_bind(k, a, c).await
    }
    async fn release(&self, k: &DocumentKey, a: &str) -> Result<bool, MemoryError> {
        self.inner.release(k, a).await
    }
    async fn count(&self, k: &DocumentKey) -> Result<u32, MemoryError> {
        BindingStore::count(&*self.inner, k).await
    }
    async fn rebind(
        &self,
        o: &DocumentKey,
        n: &DocumentKey,
        a: &str,
        c: u32,
    ) -> Result<Rebind, MemoryError> {
        self.inner.rebind(o, n, a, c).await
    }
}

/// The attempt is counted before the state that counts it is saved. When
/// another server ends the flow in between (the applicant withdrew), the
/// event no longer applies and that attempt stays counted: the ledger
/// errs toward counting, never toward refunding, and by one at most.
#[test]
fn an_attempt_raced_by_a_withdrawal_stays_counted_once() {
    let inner = Arc::new(MemoryStore::new(Keyring::new(SECRET).unwrap()));
    let hook: Arc<Mutex<Option<Hook>>> = Arc::new(Mutex::new(None));
    let a = Driver::new(
        Hooked {
            inner: inner.clone(),
            hook: hook.clone(),
        },
        FakeParties::default(),
        MemoryCases::default(),
        ChinaMainland::default(),
        b"s",
    );
    let terms = DepositTerms::from_profile(Provider::Kingsoft.profile()).unwrap();
    a.cases().insert("f", org_case("acct-1"));
    block_on(a.start::<Deposit>("f", "acct-1", terms, at(0))).unwrap();
    let b = Driver::new(
        Hooked {
            inner: inner.clone(),
            hook: Arc::new(Mutex::new(None)),
        },
        FakeParties::default(),
        MemoryCases::default(),
        ChinaMainland::default(),
        b"s",
    );
    *hook.lock().unwrap() = Some(Box::new(move || {
        // Another server: the applicant withdrew meanwhile.
        block_on(b.deliver::<Deposit>("f", DepositEvent::Withdraw, None, at(1))).unwrap();
    }));
    let r = block_on(a.deliver::<Deposit>("f", DepositEvent::Submit { fen: 21 }, None, at(1)));
    assert_eq!(r.unwrap_err().code(), "flow_unexpected_event");
    let scope =
        AttemptScope::new("acct-1", MethodKind::CorporateTransfer, Scope::Account, "").unwrap();
    let used = block_on(inner.used(&scope)).unwrap();
    let flow_uses = block_on(a.report::<Deposit>("f")).unwrap().uses;
    assert_eq!((used, flow_uses), (1, 0));
    assert!(a.parties().payer.payouts().is_empty(), "nothing was paid");
}

/// A flow whose case is gone and which has no deadline (an automatic
/// check waiting on its bind) is tried again after a pause that grows to
/// a day, never at every sweep, and binds once the case is back.
#[test]
fn a_flow_whose_case_is_gone_is_retried_with_a_pause() {
    let d = memory_driver(FakeParties::default());
    let terms = AutoTerms::from_profile(Provider::Baidu.profile(), MethodKind::Face).unwrap();
    block_on(d.start::<Auto>("f", "acct-1", terms, at(0))).unwrap();
    block_on(d.deliver::<Auto>(
        "f",
        AutoEvent::Submit(Submission::individual()),
        None,
        at(1),
    ))
    .unwrap();
    assert!(block_on(d.liveness_done::<Auto>("f", at(2))).is_err());
    assert_eq!(block_on(d.report::<Auto>("f")).unwrap().next_deadline, None);
    // Sweeping every minute for an hour tries it a handful of times.
    let mut tried = 0;
    for m in 3..63 {
        tried += block_on(d.sweep(at(m), 10)).unwrap().len();
    }
    assert!((3..=7).contains(&tried), "tried {tried} times in an hour");
    // The bind is the store's step: the applicant cannot withdraw now.
    assert!(block_on(d.deliver::<Auto>("f", AutoEvent::Withdraw, None, at(64))).is_err());
    // A day later, the pause is at its longest; once the case is back,
    // the next sweep binds.
    assert!(block_on(d.sweep(at(60 * 24), 10)).unwrap().len() <= 1);
    d.cases().insert("f", Case::new("acct-1", person().into()));
    let swept = block_on(d.sweep(at(60 * 72), 10)).unwrap();
    assert_eq!(
        swept[0].1.as_ref().unwrap().status,
        realname::flow::Status::Verified
    );
}

/// A payout waiting on the payer is polled, then listed again only after
/// the poll's pause, so that the flows behind it are swept too.
#[test]
fn a_waiting_payout_does_not_starve_the_sweeper() {
    let payer = FakePayer::new(Script::always(Behaviour::Pending));
    let d = memory_driver(FakeParties {
        payer,
        ..FakeParties::default()
    });
    let terms = DepositTerms::from_profile(Provider::Baidu.profile()).unwrap();
    d.cases().insert("a", org_case("acct-1"));
    block_on(d.start::<Deposit>("a", "acct-1", terms, at(0))).unwrap();
    block_on(d.deliver::<Deposit>("a", DepositEvent::Submit { fen: 37 }, None, at(1))).unwrap();
    block_on(d.liveness_done::<Deposit>("a", at(2))).unwrap();
    // Flow "b": an action that failed once (no case yet), to try again after a minute.
    let fterms = AutoTerms::from_profile(Provider::Baidu.profile(), MethodKind::Face).unwrap();
    block_on(d.start::<Auto>("b", "acct-2", fterms, at(5))).unwrap();
    block_on(d.deliver::<Auto>(
        "b",
        AutoEvent::Submit(Submission::individual()),
        None,
        at(5),
    ))
    .unwrap();
    let _ = block_on(d.liveness_done::<Auto>("b", at(5)));
    d.cases().insert("b", Case::new("acct-2", person().into()));
    let mut seen = Vec::new();
    for m in 10..20 {
        let swept = block_on(d.sweep(at(m), 1)).unwrap();
        seen.extend(swept.into_iter().map(|(id, _)| id));
    }

    assert!(seen.iter().any(|id| id == "b"), "flow b never swept");
}

/// The payment arrived but the case is gone (the demo's cases are in
/// memory): the flow still expires at its deadline.
#[test]
fn a_recharge_whose_case_is_gone_expires() {
    use realname::MobileNumber;
    use realname::flow::{RechargeEvent, RechargeTerms, Remittance};
    use realname::transport::IncomingPayment;
    let d = memory_driver(FakeParties::default());
    let case = org_case("acct-1").with_mobile(MobileNumber::parse("13812345678").unwrap());
    d.cases().insert("f", case);
    let terms = RechargeTerms::from_profile(Provider::Baidu.profile()).unwrap();
    block_on(d.start::<Remittance>("f", "acct-1", terms, at(0))).unwrap();
    let r = block_on(d.deliver::<Remittance>(
        "f",
        RechargeEvent::Submit {
            fen: 37,
            new_account: true,
        },
        None,
        at(1),
    ))
    .unwrap();
    let id = r.waiting_for("send_sms_code").unwrap().action.id();
    let code = d.sms_code("f", id);
    let r = block_on(d.enter_sms_code::<Remittance>("f", code.as_str(), at(2))).unwrap();
    let pay = r.waiting_for("await_payment").unwrap();
    let key = format!("f/{}", pay.action.id());
    d.parties().payments.pay(
        &key,
        IncomingPayment {
            payer_name: "某人".into(),
            fen: 1,
            at: at(60),
        },
    );
    d.cases().remove("f");
    let deadline = r.next_deadline.unwrap();
    for i in 0..3 {
        block_on(d.sweep(deadline + Duration::days(30 + i), 10)).unwrap();
    }
    let r = block_on(d.report::<Remittance>("f")).unwrap();
    assert!(
        r.status.is_terminal(),
        "still {:?} long after its deadline {:?}",
        r.status,
        r.next_deadline
    );
}

/// A bind or a check of factors is the driver's own: a caller (a webhook
/// wired to `answer`) cannot claim one, and a request key is an id like
/// any other, refused when too long.
#[test]
fn callers_cannot_answer_for_the_store_or_the_authority() {
    use realname::flow::{ActionId, BindOutcome};
    use realname_driver::Answer;
    let d = memory_driver(FakeParties::default());
    let terms = AutoTerms::from_profile(Provider::Baidu.profile(), MethodKind::Face).unwrap();
    block_on(d.start::<Auto>("f", "acct-1", terms, at(0))).unwrap();
    block_on(d.deliver::<Auto>(
        "f",
        AutoEvent::Submit(Submission::individual()),
        None,
        at(1),
    ))
    .unwrap();
    let _ = block_on(d.liveness_done::<Auto>("f", at(2))); // no case: the bind stays pending
    let r = block_on(d.report::<Auto>("f")).unwrap();
    let bind: ActionId = r.open[0].action.id();
    let claimed = block_on(d.answer::<Auto>("f", bind, Answer::Bound(BindOutcome::Bound), at(3)));
    assert_eq!(claimed.unwrap_err().code(), "flow_unknown_action");
    let claimed = block_on(d.callback(
        &format!("f/{bind}"),
        Answer::Checked {
            matched: true,
            reason: None,
        },
        at(3),
    ));
    assert!(claimed.is_err());
    assert!(
        !block_on(d.report::<Auto>("f"))
            .unwrap()
            .status
            .is_terminal()
    );
    let long = "k".repeat(300);
    let e = block_on(d.deliver::<Auto>("f", AutoEvent::Withdraw, Some(&long), at(4))).unwrap_err();
    assert_eq!(e.code(), "store_input_too_long");
}
