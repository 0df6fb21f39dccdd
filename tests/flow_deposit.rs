//! The micro-deposit machine through each provider's profile: the happy
//! paths, every failure path the seeds name, repeated answers, tampered
//! saved states, and random event sequences against a small model.

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use realname::calendar::ChinaMainland;
use realname::flow::{
    Action, ActionId, BindOutcome, DepositEvent as E, Failure, FlowError, MicroDeposit,
    SavedDeposit, Status, Step,
};
use realname::policy::{Counted, MethodKind, Provider};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap()
}

fn at(minutes: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(minutes)
}

fn cal() -> ChinaMainland {
    ChinaMainland::default()
}

/// The id of the step's only action.
fn id(step: &Step) -> ActionId {
    assert_eq!(step.actions.len(), 1, "{step:?}");
    step.actions[0].id()
}

/// Starts a flow and carries it to the amount entry: submit, the
/// operator's face where the provider has one, the payout sent.
fn to_amount(provider: Provider, fen: u32, prior: u32) -> MicroDeposit {
    let (mut flow, _) = MicroDeposit::start(provider.profile(), prior, t0()).unwrap();
    let mut step = flow.handle(E::Submit { fen }, at(1), &cal()).unwrap();
    if let [Action::StartLiveness { id, .. }] = step.actions[..] {
        step = flow
            .handle(E::OperatorFace { id, passed: true }, at(2), &cal())
            .unwrap();
    }
    let [Action::RequestPayout { id, fen: paid }] = step.actions[..] else {
        panic!("{step:?}")
    };
    assert_eq!(paid, fen);
    let step = flow.handle(E::PayoutSent { id }, at(3), &cal()).unwrap();
    assert_eq!(step.status, Status::AwaitingApplicant);
    flow
}

fn enter(flow: &mut MicroDeposit, fen: u32, minutes: i64) -> Step {
    flow.handle(
        E::AmountEntered {
            fen,
            risk_hit: false,
        },
        at(minutes),
        &cal(),
    )
    .unwrap()
}

#[test]
fn happy_paths_for_every_provider() {
    for provider in [Provider::Kingsoft, Provider::Baidu, Provider::Tencent] {
        let mut flow = to_amount(provider, 42, 0);
        let step = enter(&mut flow, 42, 10);
        let [Action::Bind { id, cap }] = step.actions[..] else {
            panic!("{provider}: {step:?}")
        };
        // Tencent's organisation cap is 10; the others state no number.
        assert_eq!(
            cap,
            (provider == Provider::Tencent).then_some(10),
            "{provider}"
        );
        assert_eq!(
            step.status,
            Status::AwaitingParty(realname::flow::Party::Store)
        );
        let step = flow
            .handle(
                E::Bound {
                    id,
                    outcome: BindOutcome::Bound,
                },
                at(11),
                &cal(),
            )
            .unwrap();
        assert_eq!(step.status, Status::Verified, "{provider}");
        assert!(step.actions.is_empty() && step.failure.is_none());
        // Terminal: every later event is refused and changes nothing.
        let before = flow.clone();
        assert!(flow.handle(E::Withdraw, at(12), &cal()).is_err());
        assert!(flow.handle(E::Submit { fen: 1 }, at(12), &cal()).is_err());
        assert_eq!(flow, before);
    }
}

#[test]
fn kingsoft_three_wrong_entries_send_the_applicant_to_the_certificate() {
    let mut flow = to_amount(Provider::Kingsoft, 42, 0);
    assert_eq!(flow.entries_left(), Some(3));
    let s = enter(&mut flow, 41, 10);
    assert_eq!(s.failure, Some(Failure::WrongAmount { left: Some(2) }));
    let s = enter(&mut flow, 40, 11);
    assert_eq!(s.failure, Some(Failure::WrongAmount { left: Some(1) }));
    let s = enter(&mut flow, 39, 12);
    assert_eq!(s.status, Status::Failed);
    // "一个金山云账号只能进行一次企业对公账户认证": the method's one use is
    // spent, and the seed points to the certificate upload.
    assert_eq!(
        s.failure,
        Some(Failure::AttemptsExhausted {
            counted: Counted::MethodUses,
            max: 1,
            fallback: Some(MethodKind::CertificateUpload),
        })
    );
    assert_eq!(
        s.failure.unwrap().to_string_zh(),
        "已用完 1 次机会，请改用企业证件认证"
    );
}

#[test]
fn kingsoft_allows_one_transfer_per_account() {
    // The account used the method before (the caller's ledger says so).
    let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 1, t0()).unwrap();
    let s = flow.handle(E::Submit { fen: 5 }, at(1), &cal()).unwrap();
    assert_eq!(s.status, Status::Failed);
    assert!(s.actions.is_empty(), "no payout is asked for");
    assert_eq!(s.failure.unwrap().code(), "attempts_exhausted");
}

#[test]
fn baidu_two_wrong_entries_abandon_the_transfer() {
    let mut flow = to_amount(Provider::Baidu, 42, 0);
    let s = enter(&mut flow, 1, 10);
    assert_eq!(s.failure, Some(Failure::WrongAmount { left: Some(1) }));
    let s = enter(&mut flow, 2, 11);
    // "两次错误的金额后，重新发起": back to the form for a new transfer.
    assert_eq!(s.status, Status::AwaitingApplicant);
    assert_eq!(s.failure.unwrap().code(), "attempts_exhausted");
    assert_eq!(flow.uses(), 1);
    assert_eq!(flow.entries_left(), Some(2));
    let s = flow.handle(E::Submit { fen: 9 }, at(20), &cal()).unwrap();
    assert_eq!(s.actions[0].code(), "start_liveness");
    assert_eq!(flow.uses(), 2);
}

#[test]
fn baidu_locks_the_method_after_ten_initiations() {
    let (mut flow, _) = MicroDeposit::start(Provider::Baidu.profile(), 9, t0()).unwrap();
    // The tenth initiation is allowed and counted.
    let s = flow.handle(E::Submit { fen: 9 }, at(1), &cal()).unwrap();
    assert_eq!(flow.uses(), 10);
    let s = flow
        .handle(
            E::OperatorFace {
                id: id(&s),
                passed: false,
            },
            at(2),
            &cal(),
        )
        .unwrap();
    assert_eq!(s.failure, Some(Failure::FaceCheckFailed));
    assert_eq!(s.status, Status::AwaitingApplicant);
    // The eleventh is not: the method is locked, other methods stay open.
    let s = flow.handle(E::Submit { fen: 9 }, at(3), &cal()).unwrap();
    assert_eq!(s.status, Status::Locked);
    assert_eq!(
        s.failure,
        Some(Failure::AttemptsExhausted {
            counted: Counted::MethodUses,
            max: 10,
            fallback: None
        })
    );
}

#[test]
fn baidu_has_eight_days_to_enter_the_amount() {
    let mut flow = to_amount(Provider::Baidu, 42, 0);
    let deadline = flow.next_deadline().unwrap();
    assert_eq!(deadline, at(3) + Duration::days(8));
    // A tick before the deadline changes nothing and is not recorded.
    let rev = flow.revision();
    let s = flow.handle(E::Tick, deadline, &cal()).unwrap();
    assert_eq!(
        (s.status, flow.revision()),
        (Status::AwaitingApplicant, rev)
    );
    // A late entry meets an expired flow.
    let s = enter(&mut flow, 42, 3 + 8 * 24 * 60 + 1);
    assert_eq!(s.status, Status::Expired);
    assert_eq!(s.failure, Some(Failure::DeadlinePassed { due: deadline }));
    assert!(s.actions.is_empty());
    assert_eq!(flow.revision(), rev + 1);
}

#[test]
fn payout_failures_go_back_to_the_form_with_the_reason() {
    let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t0()).unwrap();
    let s = flow.handle(E::Submit { fen: 3 }, at(1), &cal()).unwrap();
    let payout = id(&s);
    let s = flow
        .handle(
            E::PayoutFailed {
                id: payout,
                reason: None,
            },
            at(2),
            &cal(),
        )
        .unwrap();
    assert_eq!(s.status, Status::AwaitingApplicant);
    assert_eq!(s.failure.unwrap().code(), "payout_failed");
    // The use stays counted: Kingsoft's one transfer is spent.
    assert_eq!(flow.uses(), 1);
    let s = flow.handle(E::Submit { fen: 3 }, at(3), &cal()).unwrap();
    assert_eq!(s.status, Status::Failed);
}

#[test]
fn a_risk_hit_goes_to_a_manual_review() {
    let mut flow = to_amount(Provider::Baidu, 42, 0);
    let s = flow
        .handle(
            E::AmountEntered {
                fen: 42,
                risk_hit: true,
            },
            at(10),
            &cal(),
        )
        .unwrap();
    let [Action::QueueReview { id, due }] = s.actions[..] else {
        panic!("{s:?}")
    };
    // Monday 1 June 2026 + at most 2 working days: 24:00 on Wednesday 3 June, Beijing.
    assert_eq!(due, Utc.with_ymd_and_hms(2026, 6, 3, 16, 0, 0).unwrap());
    assert_eq!(s.status, Status::InReview { due });
    assert_eq!(flow.next_deadline(), Some(due));
    let mut rejected = flow.clone();
    let s = rejected
        .handle(
            E::ReviewDecided {
                id,
                approved: false,
            },
            at(100),
            &cal(),
        )
        .unwrap();
    assert_eq!(
        (s.status, s.failure),
        (Status::Failed, Some(Failure::ReviewRejected))
    );
    let s = flow
        .handle(E::ReviewDecided { id, approved: true }, at(100), &cal())
        .unwrap();
    assert_eq!(s.actions[0].code(), "bind");
    // Kingsoft has no risk review: the flag changes nothing there.
    let mut k = to_amount(Provider::Kingsoft, 42, 0);
    let s = k
        .handle(
            E::AmountEntered {
                fen: 42,
                risk_hit: true,
            },
            at(10),
            &cal(),
        )
        .unwrap();
    assert_eq!(s.actions[0].code(), "bind");
}

#[test]
fn the_cap_reached_by_another_server_refuses() {
    let mut flow = to_amount(Provider::Tencent, 42, 0);
    let s = enter(&mut flow, 42, 10);
    let s = flow
        .handle(
            E::Bound {
                id: id(&s),
                outcome: BindOutcome::CapReached,
            },
            at(11),
            &cal(),
        )
        .unwrap();
    assert_eq!(s.status, Status::Failed);
    assert_eq!(s.failure, Some(Failure::AccountCap { limit: Some(10) }));
    assert_eq!(s.failure.unwrap().code(), "account_cap_reached");
}

#[test]
fn answers_counted_once() {
    let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t0()).unwrap();
    let s = flow.handle(E::Submit { fen: 3 }, at(1), &cal()).unwrap();
    let payout = id(&s);
    let s = flow
        .handle(E::PayoutSent { id: payout }, at(2), &cal())
        .unwrap();
    assert!(!s.duplicate);
    let rev = flow.revision();
    // The payer's webhook retried: nothing changes, nothing is counted.
    let s = flow
        .handle(E::PayoutSent { id: payout }, at(3), &cal())
        .unwrap();
    assert!(s.duplicate);
    assert_eq!(flow.revision(), rev);
    // The same payout answered otherwise: the first answer stands.
    assert_eq!(
        flow.handle(
            E::PayoutFailed {
                id: payout,
                reason: None
            },
            at(3),
            &cal()
        )
        .map(|s| s.duplicate),
        Err(FlowError::ConflictingAnswer { id: payout })
    );
    assert_eq!(flow.revision(), rev);
    // An answer to an action never emitted is an error.
    let bogus = ActionId {
        revision: 99,
        index: 0,
    };
    assert_eq!(
        flow.handle(E::PayoutSent { id: bogus }, at(3), &cal()),
        Err(FlowError::UnknownAction { id: bogus })
    );
}

#[test]
fn nonsense_events_change_nothing() {
    let (mut flow, _) = MicroDeposit::start(Provider::Baidu.profile(), 0, t0()).unwrap();
    let before = flow.clone();
    for e in [
        E::AmountEntered {
            fen: 1,
            risk_hit: false,
        },
        E::PayoutSent {
            id: ActionId {
                revision: 0,
                index: 0,
            },
        },
        E::Submit { fen: 0 },
        E::Submit { fen: 101 }, // Baidu pays 0.01–1 yuan
    ] {
        assert!(flow.handle(e, at(1), &cal()).is_err(), "{e:?}");
        assert_eq!(flow, before);
    }
    let _ = flow.handle(E::Submit { fen: 100 }, at(5), &cal()).unwrap();
    // Time does not go back.
    assert_eq!(
        flow.handle(E::Withdraw, at(4), &cal()),
        Err(FlowError::TimeWentBack)
    );
    let s = flow.handle(E::Withdraw, at(6), &cal()).unwrap();
    assert_eq!(s.status, Status::Withdrawn);
}

#[test]
fn tampered_states_are_refused() {
    let mut flow = to_amount(Provider::Baidu, 42, 0);
    let _ = enter(&mut flow, 7, 10);
    let saved = flow.save();
    assert_eq!(MicroDeposit::restore(saved.clone()).unwrap(), flow);
    let tamper = |f: &dyn Fn(&mut SavedDeposit)| {
        let mut s = saved.clone();
        f(&mut s);
        MicroDeposit::restore(s).unwrap_err()
    };
    assert_eq!(
        tamper(&|s| s.uses = 0),
        FlowError::Tampered("the attempt counters")
    );
    assert_eq!(
        tamper(&|s| s.entries = 0),
        FlowError::Tampered("the attempt counters")
    );
    assert_eq!(
        tamper(&|s| s.status = Status::Verified),
        FlowError::Tampered("the status")
    );
    assert_eq!(
        tamper(&|s| s.revision = 2),
        FlowError::Tampered("the revision")
    );
    assert_eq!(
        tamper(&|s| s.next_deadline = s.next_deadline.map(|d| d + Duration::days(30))),
        FlowError::Tampered("the deadline")
    );
    // History edited: an entry removed makes the counters disagree; a
    // limit raised in the terms does not make a zero limit.
    assert!(matches!(
        tamper(&|s| {
            s.history.pop();
        }),
        FlowError::Tampered(_)
    ));
    // An event the history could never have taken.
    assert!(matches!(
        tamper(&|s| s.history[0].event = E::Withdraw),
        FlowError::Tampered(_)
    ));
    assert!(matches!(
        tamper(&|s| s.terms.entries_per_transfer = Some(0)),
        FlowError::Tampered(_)
    ));
}

#[test]
fn saved_states_round_trip_through_json() {
    let mut flow = to_amount(Provider::Baidu, 42, 0);
    let _ = enter(&mut flow, 7, 10);
    let json = serde_json::to_string(&flow.save()).unwrap();
    let back: SavedDeposit = serde_json::from_str(&json).unwrap();
    assert_eq!(MicroDeposit::restore(back).unwrap(), flow);
    // Unknown fields are refused.
    let bad = json.replacen('{', "{\"extra\":1,", 1);
    assert!(serde_json::from_str::<SavedDeposit>(&bad).is_err());
}

/// The events a random sequence draws from; answers take the id of the
/// pending action, or a stale one.
#[derive(Debug, Clone, Copy)]
enum Draw {
    Submit(u32),
    Face(bool),
    Sent,
    PayFailed,
    Amount(bool, bool),
    Review(bool),
    Bind(u8),
    Withdraw,
    Tick,
    Stale,
}

fn draw() -> impl Strategy<Value = Draw> {
    prop_oneof![
        (0u32..120).prop_map(Draw::Submit),
        any::<bool>().prop_map(Draw::Face),
        Just(Draw::Sent),
        Just(Draw::PayFailed),
        (any::<bool>(), any::<bool>()).prop_map(|(r, k)| Draw::Amount(r, k)),
        any::<bool>().prop_map(Draw::Review),
        (0u8..3).prop_map(Draw::Bind),
        Just(Draw::Withdraw),
        Just(Draw::Tick),
        Just(Draw::Stale),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Random sequences against the rules every flow keeps: the revision
    /// grows by one per accepted event, refused events change nothing,
    /// terminal states absorb everything, counters stay within the
    /// limits, deadlines hold, and a saved state restores to the same flow
    /// at every step.
    #[test]
    fn random_sequences_keep_the_rules(
        provider in prop_oneof![Just(Provider::Kingsoft), Just(Provider::Baidu), Just(Provider::Tencent)],
        prior in 0u32..12,
        draws in proptest::collection::vec((draw(), 0i64..(3 * 24 * 60)), 0..60),
    ) {
        let (mut flow, _) = MicroDeposit::start(provider.profile(), prior, t0()).unwrap();
        let terms = *flow.terms();
        let mut now = t0();
        let mut paid: Option<u32> = None;
        let mut last_step_actions: Vec<Action> = Vec::new();
        for (d, gap) in draws {
            now += Duration::minutes(gap);
            let pending = last_step_actions.first().map(|a| a.id()).unwrap_or(ActionId { revision: 0, index: 0 });
            let event = match d {
                Draw::Submit(fen) => E::Submit { fen },
                Draw::Face(passed) => E::OperatorFace { id: pending, passed },
                Draw::Sent => E::PayoutSent { id: pending },
                Draw::PayFailed => E::PayoutFailed { id: pending, reason: None },
                Draw::Amount(right, risk_hit) => E::AmountEntered {
                    fen: if right { paid.unwrap_or(1) } else { paid.unwrap_or(1) + 1 },
                    risk_hit,
                },
                Draw::Review(approved) => E::ReviewDecided { id: pending, approved },
                Draw::Bind(k) => E::Bound {
                    id: pending,
                    outcome: [BindOutcome::Bound, BindOutcome::AlreadyBound, BindOutcome::CapReached][k as usize],
                },
                Draw::Withdraw => E::Withdraw,
                Draw::Tick => E::Tick,
                Draw::Stale => E::PayoutSent { id: ActionId { revision: 500, index: 0 } },
            };
            let before = flow.clone();
            let was_terminal = flow.status().is_terminal();
            let deadline = flow.next_deadline();
            match flow.handle(event, now, &cal()) {
                Ok(step) => {
                    // A terminal flow takes only repeated answers, which change nothing.
                    // and a tick, answered with the flow as it is.
                    prop_assert!(!was_terminal || step.duplicate || event == E::Tick, "a terminal flow took {:?}", event);
                    // A repeated answer counts nothing; its time may still
                    // expire the flow, which is one accepted event.
                    if flow == before {
                        prop_assert_eq!(flow.revision(), before.revision());
                    } else {
                        prop_assert_eq!(flow.revision(), before.revision() + 1);
                    }
                    // A passed amount deadline ends the flow before any event.
                    if let (Some(d), Status::AwaitingApplicant) = (deadline, before.status())
                        && now > d
                    {
                        prop_assert_eq!(flow.status(), Status::Expired);
                    }
                    for a in &step.actions {
                        if let Action::RequestPayout { fen, .. } = a { paid = Some(*fen); }
                    }
                    if !step.actions.is_empty() { last_step_actions = step.actions.clone(); }
                    prop_assert_eq!(step.status, flow.status());
                }
                Err(_) => prop_assert_eq!(&flow, &before),
            }
            // Counters within the limits, whatever happened.
            if let Some(max) = terms.uses_per_account {
                prop_assert!(flow.uses() <= max.max(prior));
            }
            if let Some(left) = flow.entries_left() {
                prop_assert!(left <= terms.entries_per_transfer.unwrap_or(u32::MAX));
            }
            // Saved and restored, the flow is the same.
            let json = serde_json::to_string(&flow.save()).unwrap();
            let back: SavedDeposit = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(MicroDeposit::restore(back).unwrap(), flow.clone());
        }
    }
}

#[test]
fn debug_hides_the_deposit_amount() {
    // Whoever knows the amount passes the check: no Debug shows it.
    let (mut flow, _) = MicroDeposit::start(Provider::Kingsoft.profile(), 0, t0()).unwrap();
    let step = flow.handle(E::Submit { fen: 87 }, at(1), &cal()).unwrap();
    let _ = flow
        .handle(E::PayoutSent { id: id(&step) }, at(2), &cal())
        .unwrap();
    let entered = flow
        .handle(
            E::AmountEntered {
                fen: 86,
                risk_hit: false,
            },
            at(3),
            &cal(),
        )
        .unwrap();
    for text in [
        format!("{flow:?}"),
        format!("{:?}", flow.save()),
        format!("{step:?}"),
        format!("{entered:?}"),
        format!("{:?}", E::Submit { fen: 87 }),
    ] {
        assert!(!text.contains("87") && !text.contains("86"), "{text}");
        assert!(text.contains("**") || text.contains("Step"), "{text}");
    }
}

#[test]
fn consistent_edits_are_caught_where_they_can_be() {
    let mut flow = to_amount(Provider::Baidu, 42, 9);
    let terms = *flow.terms();
    let _ = enter(&mut flow, 7, 10);
    let saved = flow.save();
    // The entry deadline moved with its recorded due time: the 8 calendar
    // days are recomputed exactly.
    let mut moved = saved.clone();
    for r in &mut moved.history {
        r.reckoned = r.reckoned.map(|d| d + Duration::days(300));
    }
    moved.next_deadline = moved.next_deadline.map(|d| d + Duration::days(300));
    assert_eq!(
        MicroDeposit::restore(moved),
        Err(FlowError::Tampered("a due time moved"))
    );
    // Uses refunded together with the uses before the flow, or a limit
    // raised: consistent, so only the kept terms and ledger count tell.
    let mut refunded = saved.clone();
    refunded.prior_uses = 0;
    refunded.uses -= 9;
    assert!(MicroDeposit::restore(refunded.clone()).is_ok());
    assert_eq!(
        MicroDeposit::restore_expecting(refunded, &terms, 9),
        Err(FlowError::Tampered("the uses before the flow"))
    );
    let mut raised = saved.clone();
    raised.terms.uses_per_account = Some(1000);
    assert_eq!(
        MicroDeposit::restore_expecting(raised, &terms, 9),
        Err(FlowError::Tampered("the terms"))
    );
    assert_eq!(
        MicroDeposit::restore_expecting(saved, &terms, 9).unwrap(),
        flow
    );
}

#[test]
fn hostile_counters_do_not_panic() {
    // Tencent states no use limit: a huge count saturates, never wraps.
    let (mut flow, _) = MicroDeposit::start(Provider::Tencent.profile(), u32::MAX, t0()).unwrap();
    let _ = flow.handle(E::Submit { fen: 3 }, at(1), &cal()).unwrap();
    assert_eq!(flow.uses(), u32::MAX);
    let back = MicroDeposit::restore(flow.save()).unwrap();
    assert_eq!(back.uses(), u32::MAX);
}

#[test]
fn a_flow_past_its_most_events_can_still_end() {
    let mut flow = to_amount(Provider::Tencent, 42, 0);
    let mut minute = 10;
    while flow.history().len() < realname::flow::MAX_EVENTS {
        let _ = enter(&mut flow, 1, minute);
        minute += 1;
    }
    assert_eq!(
        flow.handle(
            E::AmountEntered {
                fen: 42,
                risk_hit: false
            },
            at(minute),
            &cal()
        ),
        Err(FlowError::TooManyEvents)
    );
    let s = flow.handle(E::Withdraw, at(minute), &cal()).unwrap();
    assert_eq!(s.status, Status::Withdrawn);
    assert_eq!(MicroDeposit::restore(flow.save()).unwrap(), flow);
}

#[test]
fn an_overdue_risk_review_stays_in_review_and_stops_calling_back() {
    let mut flow = to_amount(Provider::Baidu, 42, 0);
    let s = flow
        .handle(
            E::AmountEntered {
                fen: 42,
                risk_hit: true,
            },
            at(10),
            &cal(),
        )
        .unwrap();
    let due = s.next_deadline.unwrap();
    let rev = flow.revision();
    let s = flow
        .handle(E::Tick, due + Duration::minutes(1), &cal())
        .unwrap();
    assert_eq!(
        (s.status, s.next_deadline),
        (Status::InReview { due }, None)
    );
    assert_eq!(flow.revision(), rev + 1);
    // Marked once: a later tick changes nothing.
    let _ = flow
        .handle(E::Tick, due + Duration::days(3), &cal())
        .unwrap();
    assert_eq!(flow.revision(), rev + 1);
    assert_eq!(MicroDeposit::restore(flow.save()).unwrap(), flow);
}

#[test]
fn failures_name_the_seed_rule_they_rest_on() {
    let line =
        |f: Failure, p: Provider, m: MethodKind| f.basis(p.profile(), m).and_then(|s| s.line);
    // Kingsoft: "一个金山云账号只能进行一次企业对公账户认证".
    let mut k = to_amount(Provider::Kingsoft, 42, 0);
    for fen in [1, 2, 3] {
        let _ = enter(&mut k, fen, 10 + i64::from(fen));
    }
    let f = k.view().failure.unwrap();
    assert_eq!(
        line(f, Provider::Kingsoft, MethodKind::CorporateTransfer),
        Some(172)
    );
    // Baidu: the 8 days to enter the amount.
    let due = Utc.with_ymd_and_hms(2026, 6, 9, 2, 0, 0).unwrap();
    let f = Failure::DeadlinePassed { due };
    assert!(line(f, Provider::Baidu, MethodKind::CorporateTransfer).is_some());
    // Tencent: 10 accounts per organisation.
    let f = Failure::AccountCap { limit: Some(10) };
    let source = f
        .basis(Provider::Tencent.profile(), MethodKind::CorporateTransfer)
        .unwrap();
    assert_eq!(source.document, "004_8fb8c130c10e39bd.txt");
    // Kingsoft's bank-card mismatch reasons are sourced too.
    let f = Failure::IdentityMismatch {
        reason: Some(realname::policy::FailureReason::NameNotCardHolder),
    };
    assert!(line(f, Provider::Kingsoft, MethodKind::BankCard).is_some());
    // An answer the profile names nothing for has no basis.
    assert_eq!(
        Failure::FaceCheckFailed.basis(Provider::Baidu.profile(), MethodKind::CorporateTransfer),
        None
    );
    assert!(Failure::WrongAmount { left: Some(1) }.may_retry());
    assert!(!Failure::WrongAmount { left: Some(0) }.may_retry());
}
