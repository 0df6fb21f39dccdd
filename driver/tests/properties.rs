//! Arbitrary sequences of calls, against fakes that answer arbitrarily:
//! the driver never panics, the ledger holds exactly the attempts the
//! flow counted, a transfer is paid at most once, one binding at most is
//! made, and an ended flow keeps nothing to perform.

#![allow(missing_docs)]

mod support;

use support::{memory_driver, person, t0};

use proptest::prelude::*;
use realname::chrono::Duration;
use realname::flow::{
    ActionId, Auto, AutoEvent, AutoTerms, Deposit, DepositEvent, DepositTerms, Submission,
};
use realname::org::OrganizationType;
use realname::policy::{FailureReason, MethodKind, Provider, Scope};
use realname::store::{AttemptLedger, AttemptScope, BindingStore, block_on};
use realname::subject::{Organization, OrganizationName, Subject};
use realname::transport::fake::{Behaviour, FakeAuthority, FakeParties, FakePayer, Script};
use realname::{Document, Uscc};
use realname_driver::{Answer, Case, EntryState, PayeeAccount};

fn behaviour() -> impl Strategy<Value = Behaviour> {
    prop_oneof![
        4 => Just(Behaviour::Pass),
        1 => Just(Behaviour::Fail(Some(FailureReason::FaceCovered))),
        1 => Just(Behaviour::Timeout),
        1 => Just(Behaviour::Unavailable),
        1 => Just(Behaviour::Pending),
        1 => Just(Behaviour::Twice),
    ]
}

#[derive(Debug, Clone)]
enum Op {
    Submit(u32),
    Liveness,
    Amount(u32),
    Answer(u64, u8, u8),
    Withdraw,
    Sweep(i64),
    Recover,
    Poll,
    Callbacks,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0u32..120).prop_map(Op::Submit),
        2 => Just(Op::Liveness),
        2 => prop_oneof![Just(37u32), 0u32..200].prop_map(Op::Amount),
        1 => (0u64..8, 0u8..2, 0u8..6).prop_map(|(r, i, a)| Op::Answer(r, i, a)),
        1 => Just(Op::Withdraw),
        1 => (0i64..20_000).prop_map(Op::Sweep),
        1 => Just(Op::Recover),
        1 => Just(Op::Poll),
        1 => Just(Op::Callbacks),
    ]
}

fn answer(a: u8) -> Answer {
    match a {
        0 => Answer::PayoutSent,
        1 => Answer::PayoutFailed(None),
        2 => Answer::Liveness {
            passed: true,
            reason: None,
        },
        3 => Answer::Liveness {
            passed: false,
            reason: None,
        },
        4 => Answer::Checked {
            matched: true,
            reason: None,
        },
        _ => Answer::Bound(realname::flow::BindOutcome::Bound),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_calls_on_a_micro_deposit(
        payer in proptest::collection::vec(behaviour(), 0..6),
        authority in proptest::collection::vec(behaviour(), 0..6),
        ops in proptest::collection::vec(op(), 0..40),
        provider in prop_oneof![Just(Provider::Baidu), Just(Provider::Kingsoft), Just(Provider::Tencent)],
    ) {
        let mut payer_script = Script::pass();
        for b in payer { payer_script = payer_script.next(b); }
        let mut authority_script = Script::pass();
        for b in authority { authority_script = authority_script.next(b); }
        let parties = FakeParties {
            payer: FakePayer::new(payer_script),
            authority: FakeAuthority::new(authority_script),
            ..FakeParties::default()
        };
        let d = memory_driver(parties);
        let org = Organization::new(
            OrganizationName::parse("福建某某科技有限公司").unwrap(),
            Uscc::parse("91350100M000100Y43").unwrap(),
            OrganizationType::Enterprise,
            person(),
        ).unwrap();
        let key = Document::Uscc(*org.code()).key().unwrap();
        d.cases().insert("f", Case::new("acct", Subject::Organization(org))
            .with_payee(PayeeAccount { bank: "招商银行".into(), account: "5919".into() }));
        let Ok(terms) = DepositTerms::from_profile(provider.profile()) else { return Ok(()) };
        block_on(d.start::<Deposit>("f", "acct", terms, t0())).unwrap();
        let mut now = t0();
        for (i, op) in ops.into_iter().enumerate() {
            now += Duration::minutes(1);
            let request = format!("r{i}");
            // Errors are answers too; a panic is the failure.
            let _ = block_on(async {
                match op {
                    Op::Submit(fen) => d.deliver::<Deposit>("f", DepositEvent::Submit { fen }, Some(&request), now).await.map(|_| ()),
                    Op::Liveness => d.liveness_done::<Deposit>("f", now).await.map(|_| ()),
                    Op::Amount(fen) => d.deliver::<Deposit>("f", DepositEvent::AmountEntered { fen, risk_hit: false }, Some(&request), now).await.map(|_| ()),
                    Op::Answer(revision, index, a) => d.answer::<Deposit>("f", ActionId { revision, index }, answer(a), now).await.map(|_| ()),
                    Op::Withdraw => d.deliver::<Deposit>("f", DepositEvent::Withdraw, None, now).await.map(|_| ()),
                    Op::Sweep(minutes) => { now += Duration::minutes(minutes); d.sweep(now, 10).await.map(|_| ()) }
                    Op::Recover => d.recover::<Deposit>("f", now).await.map(|_| ()),
                    Op::Poll => d.poll::<Deposit>("f", now).await.map(|_| ()),
                    Op::Callbacks => {
                        for (k, status) in d.parties().payer.take_callbacks() {
                            let Some((_, action)) = k.split_once('/') else { continue };
                            let Some((r, i)) = action.split_once('-') else { continue };
                            let id = ActionId { revision: r.parse().unwrap(), index: i.parse().unwrap() };
                            let a = match status {
                                realname::transport::PayoutStatus::Sent => Answer::PayoutSent,
                                realname::transport::PayoutStatus::Failed(r) => Answer::PayoutFailed(r),
                                _ => continue,
                            };
                            let _ = d.answer::<Deposit>("f", id, a, now).await;
                        }
                        Ok(())
                    }
                }
            });
        }
        let r = block_on(d.report::<Deposit>("f")).unwrap();
        let scope = AttemptScope::new("acct", MethodKind::CorporateTransfer, Scope::Account, "").unwrap();
        prop_assert_eq!(block_on(d.store().used(&scope)).unwrap(), r.uses);
        prop_assert!(block_on(d.store().count(&key)).unwrap() <= 1);
        // One payout per transfer: each key paid once, never more
        // payouts than the flow's initiations.
        let payouts = d.parties().payer.payouts();
        prop_assert!(payouts.len() as u32 <= r.uses, "{} payouts, {} uses", payouts.len(), r.uses);
        if r.status.is_terminal() {
            prop_assert!(r.open.iter().all(|e| e.state != EntryState::Pending));
        }
    }

    #[test]
    fn any_calls_on_a_face_check(
        authority in proptest::collection::vec(behaviour(), 0..8),
        ops in proptest::collection::vec(prop_oneof![Just(0u8), Just(1), Just(2), Just(3), Just(4)], 0..30),
    ) {
        let mut script = Script::pass();
        for b in authority { script = script.next(b); }
        let parties = FakeParties { authority: FakeAuthority::new(script), ..FakeParties::default() };
        let d = memory_driver(parties);
        d.cases().insert("f", Case::new("acct", person().into()));
        let terms = AutoTerms::from_profile(Provider::Baidu.profile(), MethodKind::Face).unwrap();
        block_on(d.start::<Auto>("f", "acct", terms, t0())).unwrap();
        let mut now = t0();
        for (i, op) in ops.into_iter().enumerate() {
            now += Duration::minutes(1);
            let request = format!("r{i}");
            let _ = block_on(async {
                match op {
                    0 => d.deliver::<Auto>("f", AutoEvent::Submit(Submission::individual()), Some(&request), now).await,
                    1 => d.liveness_done::<Auto>("f", now).await,
                    2 => d.recover::<Auto>("f", now).await,
                    3 => d.deliver::<Auto>("f", AutoEvent::Withdraw, None, now).await,
                    _ => {
                        let _ = d.sweep(now + Duration::days(1), 10).await;
                        d.report::<Auto>("f").await
                    }
                }
            });
        }
        let r = block_on(d.report::<Auto>("f")).unwrap();
        let scope = AttemptScope::new("acct", MethodKind::Face, Scope::Account, "").unwrap();
        prop_assert_eq!(block_on(d.store().used(&scope)).unwrap(), r.uses);
        prop_assert!(block_on(d.store().count(&person().document().key().unwrap())).unwrap() <= 1);
    }
}

proptest! {
    /// A saved state edited anywhere (or replaced by anything) is read
    /// as an error or as a flow the crate accepts, never a panic.
    #[test]
    fn edited_states_never_panic(at in 0usize..4_000, byte in any::<u8>(), junk in proptest::collection::vec(any::<u8>(), 0..64)) {
        use realname::store::{FlowRecord, FlowStore};
        let d = memory_driver(FakeParties::default());
        let terms = DepositTerms::from_profile(Provider::Baidu.profile()).unwrap();
        block_on(d.start::<Deposit>("f", "acct", terms, t0())).unwrap();
        let _ = block_on(d.deliver::<Deposit>("f", DepositEvent::Submit { fen: 37 }, None, t0()));
        let good = block_on(d.store().load("f")).unwrap().unwrap();
        let mut edited = good.state.clone();
        if let Some(b) = edited.get_mut(at % good.state.len().max(1)) {
            *b = byte;
        }
        block_on(d.store().save("g", None, &FlowRecord::new(good.revision, None, edited))).unwrap();
        block_on(d.store().save("h", None, &FlowRecord::new(good.revision, None, junk))).unwrap();
        for id in ["g", "h"] {
            let _ = block_on(d.report::<Deposit>(id));
            let _ = block_on(d.recover_any(id, t0() + Duration::days(30)));
            let _ = block_on(d.deliver::<Deposit>(id, DepositEvent::Withdraw, None, t0() + Duration::days(31)));
        }
    }
}
