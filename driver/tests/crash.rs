//! Fault injection: a micro-deposit and a face verification are cut at
//! every step (each store call and each party's call, before it and
//! after it), a new driver recovers, and the run goes on. Whatever the
//! cut, the payout is paid once, no attempt is refunded or counted
//! twice, one binding is made, and the run ends where the run without a
//! crash ends.

#![allow(missing_docs)]

mod support;

use realname::Document;
use realname::DocumentKey;
use realname::calendar::ChinaMainland;
use realname::chrono::{DateTime, Duration, Utc};
use realname::flow::{
    Auto, AutoEvent, AutoTerms, Deposit, DepositEvent, DepositTerms, Status, Submission,
};
use realname::policy::{MethodKind, Provider, Scope};
use realname::store::{AttemptLedger, AttemptScope, BindingStore, block_on};
use realname::subject::Subject;
use realname::transport::PayoutStatus;
use realname_driver::{Case, Driver, DriverError, PayeeAccount, Report};
use std::sync::Arc;

use realname::transport::fake::FakeParties;
use realname_driver::MemoryCases;
use support::{CrashStore, SECRET, organization, person, t0};

/// One step of a run, as the applicant or a party would take it.
#[derive(Clone, Copy)]
enum Step {
    StartDeposit,
    StartFace,
    Deposit(DepositEvent, &'static str),
    Auto(AutoEvent, &'static str),
    Liveness,
}

struct Run {
    crashes: std::cell::Cell<u32>,
    played: std::cell::Cell<u64>,
    store: CrashStore,
    parties: Arc<FakeParties>,
    cases: Arc<MemoryCases>,
}

type D = Driver<CrashStore, Arc<FakeParties>, Arc<MemoryCases>>;

impl Run {
    fn new(case: Case) -> Run {
        let run = Run {
            crashes: Default::default(),
            played: Default::default(),
            store: CrashStore::new(SECRET),
            parties: Arc::default(),
            cases: Arc::default(),
        };
        run.parties.set_tripwire(&run.store.tripwire);
        run.cases.insert("flow-1", case);
        run
    }

    /// A driver as a freshly started process makes it: nothing but what
    /// the store and the parties hold.
    fn driver(&self) -> D {
        Driver::new(
            self.store.clone(),
            self.parties.clone(),
            self.cases.clone(),
            ChinaMainland::default(),
            b"sms codes",
        )
    }

    fn take(&self, d: &D, step: Step, at: DateTime<Utc>) -> Result<Report, DriverError> {
        let id = "flow-1";
        block_on(async {
            match step {
                Step::StartDeposit => {
                    let terms = DepositTerms::from_profile(Provider::Baidu.profile()).unwrap();
                    d.start::<Deposit>(id, "acct-1", terms, at).await
                }
                Step::StartFace => {
                    let terms =
                        AutoTerms::from_profile(Provider::Baidu.profile(), MethodKind::Face)
                            .unwrap();
                    d.start::<Auto>(id, "acct-1", terms, at).await
                }
                Step::Deposit(e, key) => d.deliver::<Deposit>(id, e, Some(key), at).await,
                Step::Auto(e, key) => d.deliver::<Auto>(id, e, Some(key), at).await,
                Step::Liveness => {
                    if d.kind(id).await? == "deposit" {
                        d.liveness_done::<Deposit>(id, at).await
                    } else {
                        d.liveness_done::<Auto>(id, at).await
                    }
                }
            }
        })
    }

    /// Takes the steps; after a cut, a new driver recovers the flow and
    /// the applicant (or party) repeats the step that failed. A repeated
    /// step that finds its work done is refused as unexpected, or
    /// answered as a duplicate: both mean it was applied.
    fn play(&self, steps: &[Step]) -> Report {
        let mut at = t0();
        let mut last = None;
        for &step in steps {
            at += Duration::minutes(1);
            let mut tries = 0;
            loop {
                tries += 1;
                assert!(tries < 10, "a step never went through");
                let d = self.driver();
                match self.take(&d, step, at) {
                    Ok(r) => {
                        last = Some(r);
                        break;
                    }
                    Err(e) if self.crashed() => {
                        // The process died here. A new one starts and
                        // recovers; the client repeats the request.
                        let _ = e;
                        self.store.tripwire.disarm();
                        let d = self.driver();
                        match block_on(d.recover_any("flow-1", at)) {
                            Ok(_) | Err(DriverError::NotFound { .. }) => {}
                            Err(e) => panic!("recovery failed: {e}"),
                        }
                    }
                    Err(DriverError::Exists { .. }) if tries > 1 => break,
                    Err(DriverError::Flow(_)) if tries > 1 => break,
                    Err(e) => panic!("step failed without a crash: {e}"),
                }
            }
        }
        // What a sweeper finds at the end, with nothing cut any more.
        self.played.set(self.store.tripwire.steps());
        self.store.tripwire.disarm();
        let d = self.driver();
        block_on(d.recover_any("flow-1", at))
            .ok()
            .or(last)
            .expect("a report")
    }

    fn crashed(&self) -> bool {
        // The tripwire is armed and spent: every step now fails.
        let crashed = self.store.tripwire.is_tripped();
        if crashed {
            self.crashes.set(self.crashes.get() + 1);
        }
        crashed
    }

    fn used(&self, method: MethodKind) -> u32 {
        let scope = AttemptScope::new("acct-1", method, Scope::Account, "").unwrap();
        block_on(self.store.inner.used(&scope)).unwrap()
    }

    fn bindings(&self, key: &DocumentKey) -> u32 {
        block_on(self.store.inner.count(key)).unwrap()
    }
}

fn deposit_case() -> Case {
    Case::new("acct-1", Subject::Organization(organization())).with_payee(PayeeAccount {
        bank: "招商银行福州分行".into(),
        account: "591902345610201".into(),
    })
}

fn deposit_steps() -> Vec<Step> {
    vec![
        Step::StartDeposit,
        Step::Deposit(DepositEvent::Submit { fen: 37 }, "submit"),
        Step::Liveness,
        Step::Deposit(
            DepositEvent::AmountEntered {
                fen: 73,
                risk_hit: false,
            },
            "amount-1",
        ),
        Step::Deposit(
            DepositEvent::AmountEntered {
                fen: 37,
                risk_hit: false,
            },
            "amount-2",
        ),
    ]
}

fn face_steps() -> Vec<Step> {
    vec![
        Step::StartFace,
        Step::Auto(AutoEvent::Submit(Submission::individual()), "submit"),
        Step::Liveness,
    ]
}

fn org_key() -> DocumentKey {
    Document::Uscc(*organization().code()).key().unwrap()
}

fn person_key() -> DocumentKey {
    person().document().key().unwrap()
}

#[test]
fn a_micro_deposit_without_a_crash() {
    let run = Run::new(deposit_case());
    let r = run.play(&deposit_steps());
    assert_eq!(r.status, Status::Verified);
    let payouts = run.parties.payer.payouts();
    assert_eq!(payouts.len(), 1);
    assert_eq!(
        (payouts[0].fen, payouts[0].status, payouts[0].requests),
        (37, PayoutStatus::Sent, 1)
    );
    assert_eq!(run.used(MethodKind::CorporateTransfer), 1);
    assert_eq!(run.bindings(&org_key()), 1);
    assert!(
        run.store.tripwire.steps() > 20,
        "{} steps",
        run.store.tripwire.steps()
    );
}

/// The steps of the clean run: every one is a place to cut.
fn clean_steps(case: Case, steps: &[Step]) -> (u64, Report) {
    let run = Run::new(case);
    let r = run.play(steps);
    (run.played.get(), r)
}

#[test]
fn a_micro_deposit_cut_at_every_step() {
    let (n, clean) = clean_steps(deposit_case(), &deposit_steps());
    assert_eq!(clean.status, Status::Verified);
    let mut cut_after_payout = 0;
    for cut in 1..=n {
        let run = Run::new(deposit_case());
        run.store.tripwire.arm(cut);
        let r = run.play(&deposit_steps());
        assert_eq!(
            run.crashes.get(),
            1,
            "cut at step {cut}: the run crashed once"
        );
        assert_eq!(r.status, clean.status, "cut at step {cut}");
        assert_eq!(r.uses, clean.uses, "cut at step {cut}");
        let payouts = run.parties.payer.payouts();
        assert_eq!(
            payouts.len(),
            1,
            "cut at step {cut}: one transfer, one payout"
        );
        assert_eq!(
            (payouts[0].fen, payouts[0].status),
            (37, PayoutStatus::Sent),
            "cut at step {cut}"
        );
        if payouts[0].requests > 1 {
            cut_after_payout += 1;
        }
        assert_eq!(
            run.used(MethodKind::CorporateTransfer),
            1,
            "cut at step {cut}: counted once"
        );
        assert_eq!(run.bindings(&org_key()), 1, "cut at step {cut}");
    }
    eprintln!("{n} cuts, {cut_after_payout} after the payer paid");
    // Some cuts fell after the payer paid and before its answer was
    // saved: the retry under the same key paid nothing more.
    assert!(cut_after_payout > 0);
}

#[test]
fn a_face_verification_cut_at_every_step() {
    let case = Case::new("acct-1", Subject::Individual(person()));
    let (n, clean) = clean_steps(case.clone(), &face_steps());
    assert_eq!(clean.status, Status::Verified);
    for cut in 1..=n {
        let run = Run::new(case.clone());
        run.store.tripwire.arm(cut);
        let r = run.play(&face_steps());
        assert_eq!(
            run.crashes.get(),
            1,
            "cut at step {cut}: the run crashed once"
        );
        assert_eq!(r.status, clean.status, "cut at step {cut}");
        assert_eq!(run.used(MethodKind::Face), clean.uses, "cut at step {cut}");
        assert_eq!(run.bindings(&person_key()), 1, "cut at step {cut}");
    }
}
