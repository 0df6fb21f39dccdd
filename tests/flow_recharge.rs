//! The recharge machine: Baidu's (B-RECHARGE) and Tencent's (T-RECHARGE)
//! through the built-in profiles; overdue reviews; tampered saved states;
//! serde at every step; and a model-based property test.

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use realname::calendar::{ChinaMainland, due};
use realname::flow::{
    Action, ActionId, BindOutcome, Failure, FlowError, FlowEvent, Party, Recharge,
    RechargeEvent as E, RechargeTerms, SavedRecharge, Status, Step,
};
use realname::policy::{Contact, Provider};

fn cal() -> ChinaMainland {
    ChinaMainland::default()
}

/// Monday 1 June 2026, 10:00 in Beijing.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap()
}

fn at(hours: i64) -> DateTime<Utc> {
    t0() + Duration::hours(hours)
}

fn round_trip(flow: &Recharge) {
    let json = serde_json::to_string(&flow.save()).unwrap();
    let back: SavedRecharge = serde_json::from_str(&json).unwrap();
    assert_eq!(&Recharge::restore(back).unwrap(), flow);
    assert_eq!(&Recharge::restore(flow.save()).unwrap(), flow);
}

fn go(flow: &mut Recharge, event: E, now: DateTime<Utc>) -> Result<Step, FlowError> {
    let step = flow.handle(event, now, &cal());
    round_trip(flow);
    step
}

fn start(provider: Provider) -> Recharge {
    let (flow, step) = Recharge::start(provider.profile(), 0, t0()).unwrap();
    assert_eq!(step.status, Status::AwaitingApplicant);
    round_trip(&flow);
    flow
}

fn one(step: &Step) -> Action {
    match step.actions[..] {
        [a] => a,
        ref other => panic!("expected one action, got {other:?}"),
    }
}

fn payment(step: &Step) -> (ActionId, u32, Option<DateTime<Utc>>) {
    match one(step) {
        Action::AwaitPayment { id, fen, due } => (id, fen, due),
        other => panic!("{other:?}"),
    }
}

fn queued(step: &Step) -> (ActionId, DateTime<Utc>) {
    match one(step) {
        Action::QueueReview { id, due } => (id, due),
        other => panic!("{other:?}"),
    }
}

fn bind(step: &Step) -> (ActionId, Option<u32>) {
    match one(step) {
        Action::Bind { id, cap } => (id, cap),
        other => panic!("{other:?}"),
    }
}

fn paid(fen: u32, id: ActionId, payer_name_matches: bool) -> E {
    E::PaymentReceived {
        id,
        fen,
        payer_name_matches,
    }
}

/// Every event refused, the flow unchanged.
fn absorbs_everything(flow: &mut Recharge, now: DateTime<Utc>) {
    let before = flow.clone();
    let id = ActionId {
        revision: 77,
        index: 0,
    };
    for event in [
        E::Submit {
            fen: 10,
            new_account: false,
        },
        E::SmsCode { id, passed: true },
        paid(10, id, true),
        E::ReviewDecided { id, approved: true },
        E::Bound {
            id,
            outcome: BindOutcome::Bound,
        },
        E::Withdraw,
    ] {
        let err = flow.handle(event, now, &cal()).unwrap_err();
        assert!(
            matches!(err.code(), "flow_unexpected_event" | "flow_unknown_action"),
            "{event:?}: {}",
            err.code()
        );
        assert_eq!(*flow, before);
    }
    // A sweeper's tick is answered with the flow as it is.
    let step = flow.handle(E::Tick, now, &cal()).unwrap();
    assert_eq!(
        (step.status, step.revision),
        (before.status(), before.revision())
    );
    assert_eq!(*flow, before);
}

/// Submits (with the SMS code if `new_account`), pays, and returns the
/// review's id and due time.
fn to_review(flow: &mut Recharge, fen: u32, new_account: bool) -> (ActionId, DateTime<Utc>) {
    let step = go(flow, E::Submit { fen, new_account }, t0()).unwrap();
    let step = if new_account {
        assert_eq!(step.status, Status::AwaitingParty(Party::Phone));
        assert_eq!(flow.uses(), 0);
        let Action::SendSmsCode { id } = one(&step) else {
            panic!()
        };
        go(flow, E::SmsCode { id, passed: true }, at(1)).unwrap()
    } else {
        step
    };
    assert_eq!(step.status, Status::AwaitingApplicant);
    assert_eq!(flow.uses(), 1);
    let (id, got, _) = payment(&step);
    assert_eq!(got, fen);
    let step = go(flow, paid(fen, id, true), at(30)).unwrap();
    queued(&step)
}

// ---------------------------------------------------------------------------
// B-RECHARGE.

#[test]
fn b_recharge_happy_path_with_a_new_dedicated_account() {
    let mut flow = start(Provider::Baidu);
    let step = go(
        &mut flow,
        E::Submit {
            fen: 37,
            new_account: true,
        },
        t0(),
    )
    .unwrap();
    let Action::SendSmsCode { id } = one(&step) else {
        panic!()
    };
    assert_eq!(step.next_deadline, None);
    let step = go(&mut flow, E::SmsCode { id, passed: true }, at(1)).unwrap();
    let (id, fen, due) = payment(&step);
    // 3 days from the amount's generation.
    assert_eq!((fen, due), (37, Some(at(1) + Duration::days(3))));
    assert_eq!(step.next_deadline, due);
    let step = go(&mut flow, paid(37, id, true), at(70)).unwrap();
    let (id, review_due) = queued(&step);
    // 0–2 days, calendar days as the seed says.
    assert_eq!(review_due, at(70) + Duration::days(2));
    assert_eq!(step.status, Status::InReview { due: review_due });
    let step = go(&mut flow, E::ReviewDecided { id, approved: true }, at(80)).unwrap();
    let (id, cap) = bind(&step);
    assert_eq!(cap, None); // Baidu states no organisation cap
    let step = go(
        &mut flow,
        E::Bound {
            id,
            outcome: BindOutcome::Bound,
        },
        at(81),
    )
    .unwrap();
    assert_eq!((step.status, step.failure), (Status::Verified, None));
    assert_eq!((flow.revision(), flow.uses()), (5, 1));
    absorbs_everything(&mut flow, at(82));
}

#[test]
fn b_recharge_with_a_dedicated_account_skips_the_sms_code() {
    let mut flow = start(Provider::Baidu);
    let step = go(
        &mut flow,
        E::Submit {
            fen: 100,
            new_account: false,
        },
        t0(),
    )
    .unwrap();
    let (_, fen, due) = payment(&step);
    assert_eq!((fen, due), (100, Some(t0() + Duration::days(3))));
    assert_eq!(flow.uses(), 1);
}

#[test]
fn b_recharge_amounts_outside_the_range_are_refused() {
    let mut flow = start(Provider::Baidu);
    let before = flow.clone();
    for fen in [0, 101, u32::MAX] {
        let err = flow
            .handle(
                E::Submit {
                    fen,
                    new_account: false,
                },
                t0(),
                &cal(),
            )
            .unwrap_err();
        assert_eq!(err, FlowError::AmountOutOfRange { fen });
        assert_eq!(flow, before);
    }
}

#[test]
fn b_recharge_a_wrong_sms_code_goes_back() {
    let mut flow = start(Provider::Baidu);
    let step = go(
        &mut flow,
        E::Submit {
            fen: 5,
            new_account: true,
        },
        t0(),
    )
    .unwrap();
    let Action::SendSmsCode { id } = one(&step) else {
        panic!()
    };
    let step = go(&mut flow, E::SmsCode { id, passed: false }, at(1)).unwrap();
    assert_eq!(
        (step.status, step.failure),
        (Status::AwaitingApplicant, Some(Failure::SmsCodeFailed))
    );
    assert_eq!(flow.uses(), 0);
    let step = go(
        &mut flow,
        E::Submit {
            fen: 6,
            new_account: true,
        },
        at(2),
    )
    .unwrap();
    assert!(matches!(one(&step), Action::SendSmsCode { .. }));
}

#[test]
fn b_recharge_wrong_amount_is_rejected() {
    let mut flow = start(Provider::Baidu);
    let (id, _, _) = payment(
        &go(
            &mut flow,
            E::Submit {
                fen: 37,
                new_account: false,
            },
            t0(),
        )
        .unwrap(),
    );
    let step = go(&mut flow, paid(36, id, true), at(5)).unwrap();
    assert_eq!(
        (step.status, step.failure),
        (Status::Failed, Some(Failure::PaymentMismatch))
    );
    assert_eq!(step.next_deadline, None);
    absorbs_everything(&mut flow, at(6));
}

#[test]
fn b_recharge_wrong_payer_name_is_rejected() {
    let mut flow = start(Provider::Baidu);
    let (id, _, _) = payment(
        &go(
            &mut flow,
            E::Submit {
                fen: 37,
                new_account: false,
            },
            t0(),
        )
        .unwrap(),
    );
    let step = go(&mut flow, paid(37, id, false), at(5)).unwrap();
    assert_eq!(
        (step.status, step.failure),
        (Status::Failed, Some(Failure::PaymentMismatch))
    );
    absorbs_everything(&mut flow, at(6));
}

#[test]
fn b_recharge_a_late_payment_meets_an_expired_flow() {
    let mut flow = start(Provider::Baidu);
    let (id, _, due) = payment(
        &go(
            &mut flow,
            E::Submit {
                fen: 37,
                new_account: false,
            },
            t0(),
        )
        .unwrap(),
    );
    let due = due.unwrap();
    // On time to the second is on time.
    let mut on_time = flow.clone();
    let step = on_time.handle(paid(37, id, true), due, &cal()).unwrap();
    assert!(matches!(step.status, Status::InReview { .. }));
    // A second late: rejected, as the seed says (001:426 "否则申请将被拒绝"),
    // and the payment is not taken.
    let step = go(&mut flow, paid(37, id, true), due + Duration::seconds(1)).unwrap();
    assert_eq!(
        (step.status, step.failure),
        (Status::Failed, Some(Failure::DeadlinePassed { due }))
    );
    assert!(step.actions.is_empty());
    assert_eq!(flow.history().last().unwrap().event, paid(37, id, true));
    absorbs_everything(&mut flow, due + Duration::days(1));
}

#[test]
fn b_recharge_a_tick_past_the_deadline_expires_it() {
    let mut flow = start(Provider::Baidu);
    let (_, _, due) = payment(
        &go(
            &mut flow,
            E::Submit {
                fen: 1,
                new_account: false,
            },
            t0(),
        )
        .unwrap(),
    );
    let step = go(&mut flow, E::Tick, due.unwrap()).unwrap();
    assert_eq!((step.status, step.revision), (Status::AwaitingApplicant, 1));
    let step = go(&mut flow, E::Tick, due.unwrap() + Duration::minutes(1)).unwrap();
    assert_eq!((step.status, step.revision), (Status::Failed, 2));
}

#[test]
fn b_recharge_review_rejected_and_cap_reached() {
    let mut flow = start(Provider::Baidu);
    let (id, _) = to_review(&mut flow, 50, true);
    let step = go(
        &mut flow,
        E::ReviewDecided {
            id,
            approved: false,
        },
        at(40),
    )
    .unwrap();
    assert_eq!(
        (step.status, step.failure),
        (Status::Failed, Some(Failure::ReviewRejected))
    );
    absorbs_everything(&mut flow, at(41));

    let mut flow = start(Provider::Baidu);
    let (id, _) = to_review(&mut flow, 50, false);
    let (id, _) = bind(&go(&mut flow, E::ReviewDecided { id, approved: true }, at(40)).unwrap());
    let step = go(
        &mut flow,
        E::Bound {
            id,
            outcome: BindOutcome::CapReached,
        },
        at(41),
    )
    .unwrap();
    assert_eq!(
        (step.status, step.failure),
        (Status::Failed, Some(Failure::AccountCap { limit: None }))
    );
}

#[test]
fn b_recharge_overdue_review_names_no_one() {
    let mut flow = start(Provider::Baidu);
    let (_, due) = to_review(&mut flow, 50, false);
    let late = due + Duration::seconds(1);
    let step = go(&mut flow, E::Tick, late).unwrap();
    assert_eq!(step.status, Status::InReview { due });
    assert_eq!(step.next_deadline, None);
    assert!(flow.is_overdue(late));
    assert_eq!(flow.escalation(late), None);
}

// ---------------------------------------------------------------------------
// T-RECHARGE.

#[test]
fn t_recharge_happy_path() {
    let mut flow = start(Provider::Tencent);
    let terms = *flow.terms();
    assert_eq!((terms.amount, terms.window), (None, None));
    assert!(!terms.payer_name_must_match);
    let step = go(
        &mut flow,
        E::Submit {
            fen: 1234,
            new_account: false,
        },
        t0(),
    )
    .unwrap();
    // Tencent states no amount range and no deadline.
    let (id, fen, due) = payment(&step);
    assert_eq!((fen, due, step.next_deadline), (1234, None, None));
    let step = go(&mut flow, paid(1234, id, true), at(100)).unwrap();
    let (id, review_due) = queued(&step);
    // At most 1 working day from Friday 5 June, 14:00 in Beijing: 24:00
    // on Monday 8 June.
    assert_eq!(
        review_due,
        Utc.with_ymd_and_hms(2026, 6, 8, 16, 0, 0).unwrap()
    );
    assert_eq!(review_due, due_of(at(100), &terms));
    let (id, cap) = bind(&go(&mut flow, E::ReviewDecided { id, approved: true }, at(101)).unwrap());
    assert_eq!(cap, Some(10));
    let step = go(
        &mut flow,
        E::Bound {
            id,
            outcome: BindOutcome::AlreadyBound,
        },
        at(102),
    )
    .unwrap();
    assert_eq!(step.status, Status::Verified);
    absorbs_everything(&mut flow, at(103));
}

fn due_of(t: DateTime<Utc>, terms: &RechargeTerms) -> DateTime<Utc> {
    due(t, terms.review.unwrap(), &cal()).unwrap()
}

#[test]
fn t_recharge_failure_paths() {
    // A wrong amount.
    let mut flow = start(Provider::Tencent);
    let (id, _, _) = payment(
        &go(
            &mut flow,
            E::Submit {
                fen: 20,
                new_account: false,
            },
            t0(),
        )
        .unwrap(),
    );
    let step = go(&mut flow, paid(21, id, true), at(1)).unwrap();
    assert_eq!(step.failure, Some(Failure::PaymentMismatch));
    // Tencent states no payer-name rule: not refused on it.
    let mut flow = start(Provider::Tencent);
    let (id, _) = {
        let (id, _, _) = payment(
            &go(
                &mut flow,
                E::Submit {
                    fen: 20,
                    new_account: false,
                },
                t0(),
            )
            .unwrap(),
        );
        queued(&go(&mut flow, paid(20, id, false), at(1)).unwrap())
    };
    // Rejected.
    let step = go(
        &mut flow,
        E::ReviewDecided {
            id,
            approved: false,
        },
        at(2),
    )
    .unwrap();
    assert_eq!(
        (step.status, step.failure),
        (Status::Failed, Some(Failure::ReviewRejected))
    );
    // Cap reached: 10 accounts per organisation.
    let mut flow = start(Provider::Tencent);
    let (id, _) = to_review(&mut flow, 20, false);
    let (id, _) = bind(&go(&mut flow, E::ReviewDecided { id, approved: true }, at(31)).unwrap());
    let step = go(
        &mut flow,
        E::Bound {
            id,
            outcome: BindOutcome::CapReached,
        },
        at(32),
    )
    .unwrap();
    assert_eq!(step.failure, Some(Failure::AccountCap { limit: Some(10) }));
}

#[test]
fn t_recharge_overdue_review_escalates_to_online_service() {
    let mut flow = start(Provider::Tencent);
    let (id, due) = to_review(&mut flow, 20, false);
    assert_eq!(flow.escalation(due), None);
    let late = due + Duration::hours(1);
    assert_eq!(flow.escalation(late), Some(Contact::OnlineService));
    let step = go(&mut flow, E::Tick, late).unwrap();
    assert_eq!(step.status, Status::InReview { due });
    assert_eq!(step.next_deadline, None);
    assert!(flow.is_overdue(late));
    assert_eq!(flow.escalation(late), Some(Contact::OnlineService));
    assert_eq!(Contact::OnlineService.name_zh(), "在线客服");
    let step = go(&mut flow, E::ReviewDecided { id, approved: true }, late).unwrap();
    bind(&step);
    assert_eq!(flow.escalation(late), None);
}

#[test]
fn withdrawn_before_paying() {
    let mut flow = start(Provider::Tencent);
    let (id, _, _) = payment(
        &go(
            &mut flow,
            E::Submit {
                fen: 20,
                new_account: false,
            },
            t0(),
        )
        .unwrap(),
    );
    let step = go(&mut flow, E::Withdraw, at(1)).unwrap();
    assert_eq!(step.status, Status::Withdrawn);
    // The payment's answer names an action no longer awaited.
    let err = flow.handle(paid(20, id, true), at(2), &cal()).unwrap_err();
    assert_eq!(err.code(), "flow_unknown_action");
}

#[test]
fn kingsoft_and_huawei_offer_no_recharge() {
    for p in [Provider::Kingsoft, Provider::HuaweiInternational] {
        assert_eq!(
            Recharge::start(p.profile(), 0, t0()).unwrap_err(),
            FlowError::MethodNotOffered
        );
    }
}

// ---------------------------------------------------------------------------
// Answers and saved states.

#[test]
fn a_repeated_payment_webhook_changes_nothing() {
    let mut flow = start(Provider::Baidu);
    let (id, _, _) = payment(
        &go(
            &mut flow,
            E::Submit {
                fen: 9,
                new_account: false,
            },
            t0(),
        )
        .unwrap(),
    );
    let _ = go(&mut flow, paid(9, id, true), at(1)).unwrap();
    let before = flow.clone();
    let step = go(&mut flow, paid(9, id, true), at(2)).unwrap();
    assert!(step.duplicate && step.actions.is_empty());
    assert_eq!(flow, before);
}

#[test]
fn tampered_saved_states_are_refused() {
    let mut flow = start(Provider::Baidu);
    let step = go(
        &mut flow,
        E::Submit {
            fen: 37,
            new_account: true,
        },
        t0(),
    )
    .unwrap();
    let Action::SendSmsCode { id } = one(&step) else {
        panic!()
    };
    let _ = go(&mut flow, E::SmsCode { id, passed: true }, at(1)).unwrap();
    let tampered = |edit: &dyn Fn(&mut SavedRecharge)| {
        let mut saved = flow.save();
        edit(&mut saved);
        Recharge::restore(saved).unwrap_err()
    };
    assert_eq!(
        tampered(&|s| s.uses = 0),
        FlowError::Tampered("the attempt counters")
    );
    assert_eq!(
        tampered(&|s| s.status = Status::Expired),
        FlowError::Tampered("the status")
    );
    assert_eq!(
        tampered(&|s| s.revision = 1),
        FlowError::Tampered("the revision")
    );
    assert_eq!(
        tampered(&|s| s.next_deadline = s.next_deadline.map(|d| d + Duration::days(30))),
        FlowError::Tampered("the deadline")
    );
    // The payment's deadline moved inside the history.
    assert_eq!(
        tampered(&|s| {
            let r = s.history.last_mut().unwrap();
            r.reckoned = r.reckoned.map(|d| d + Duration::days(30));
        }),
        FlowError::Tampered("a due time moved")
    );
    assert_eq!(
        tampered(
            &|s| s.history[1].reckoned = s.history[1].reckoned.map(|_| t0() - Duration::days(1))
        ),
        FlowError::Tampered("a due time moved")
    );
    assert_eq!(
        tampered(&|s| {
            s.history.remove(0);
        }),
        FlowError::Tampered("an event that does not apply")
    );
    assert_eq!(
        tampered(&|s| s.terms.cap = Some(0)),
        FlowError::Tampered("a limit of zero")
    );
}

// ---------------------------------------------------------------------------
// A model-based property test.

/// When the next event comes: some minutes after the last (or before it),
/// or a second around the flow's next deadline.
#[derive(Debug, Clone, Copy)]
enum When {
    Later(i64),
    Deadline(i64),
}

fn when() -> impl Strategy<Value = When> {
    prop_oneof![
        3 => (-60i64..(2 * 24 * 60)).prop_map(When::Later),
        1 => (-1i64..=1).prop_map(When::Deadline),
    ]
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Submit {
        fen: u32,
        new_account: bool,
    },
    Sms {
        passed: bool,
        right: bool,
    },
    Pay {
        right_amount: bool,
        name: bool,
        right: bool,
    },
    Decide {
        approved: bool,
        right: bool,
    },
    Bind {
        outcome: BindOutcome,
        right: bool,
    },
    Withdraw,
    Tick,
    Repeat,
}

fn op() -> impl Strategy<Value = Op> {
    let bound = prop_oneof![
        Just(BindOutcome::Bound),
        Just(BindOutcome::AlreadyBound),
        Just(BindOutcome::CapReached)
    ];
    prop_oneof![
        3 => (prop_oneof![Just(0u32), 1u32..=100, 101u32..1000], any::<bool>())
            .prop_map(|(fen, new_account)| Op::Submit { fen, new_account }),
        2 => (any::<bool>(), any::<bool>()).prop_map(|(passed, right)| Op::Sms { passed, right }),
        3 => (any::<bool>(), any::<bool>(), any::<bool>())
            .prop_map(|(right_amount, name, right)| Op::Pay { right_amount, name, right }),
        2 => (any::<bool>(), any::<bool>()).prop_map(|(approved, right)| Op::Decide { approved, right }),
        2 => (bound, any::<bool>()).prop_map(|(outcome, right)| Op::Bind { outcome, right }),
        1 => Just(Op::Withdraw),
        2 => Just(Op::Tick),
        1 => Just(Op::Repeat),
    ]
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Model {
    Details,
    Sms {
        fen: u32,
    },
    Payment {
        fen: u32,
        deadline: Option<DateTime<Utc>>,
    },
    Review {
        due: DateTime<Utc>,
        overdue: bool,
    },
    Binding,
    Verified,
    Failed,
    Expired,
    Withdrawn,
}

impl Model {
    fn status(&self) -> Status {
        match self {
            Model::Details | Model::Payment { .. } => Status::AwaitingApplicant,
            Model::Sms { .. } => Status::AwaitingParty(Party::Phone),
            Model::Review { due, .. } => Status::InReview { due: *due },
            Model::Binding => Status::AwaitingParty(Party::Store),
            Model::Verified => Status::Verified,
            Model::Failed => Status::Failed,
            Model::Expired => Status::Expired,
            Model::Withdrawn => Status::Withdrawn,
        }
    }
    fn deadline(&self) -> Option<DateTime<Utc>> {
        match self {
            Model::Payment { deadline, .. } => *deadline,
            Model::Review {
                due,
                overdue: false,
            } => Some(*due),
            _ => None,
        }
    }
    fn terminal(&self) -> bool {
        matches!(
            self,
            Model::Verified | Model::Failed | Model::Expired | Model::Withdrawn
        )
    }
}

fn case() -> impl Strategy<Value = (Provider, Vec<(Op, When)>)> {
    (
        prop_oneof![Just(Provider::Baidu), Just(Provider::Tencent)],
        proptest::collection::vec((op(), when()), 1..40),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_machine_follows_its_model((provider, ops) in case()) {
        let calendar = cal();
        let start = Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).unwrap();
        let (mut flow, _) = Recharge::start(provider.profile(), 0, start).unwrap();
        let terms = *flow.terms();
        let mut model = Model::Details;
        let mut uses = 0;
        let mut now = start;
        let mut last_answer: Option<E> = None;
        for (op, minutes) in ops {
            let op = match op {
                Op::Repeat if last_answer.is_none() => Op::Tick,
                op => op,
            };
            let t = match (minutes, flow.next_deadline()) {
                (When::Deadline(seconds), Some(d)) => d + Duration::seconds(seconds),
                (When::Deadline(seconds), None) => now + Duration::seconds(seconds),
                (When::Later(m), _) => now + Duration::minutes(m),
            };
            let before = flow.clone();
            let pending = flow.view().pending;
            let id = |right: bool| match pending {
                Some(id) if right => id,
                _ => ActionId { revision: 1000, index: 3 },
            };
            let owed = match model {
                Model::Payment { fen, .. } => fen,
                _ => 50,
            };
            let event = match op {
                Op::Submit { fen, new_account } => E::Submit { fen, new_account },
                Op::Sms { passed, right } => E::SmsCode { id: id(right), passed },
                Op::Pay { right_amount, name, right } => E::PaymentReceived {
                    id: id(right),
                    fen: if right_amount { owed } else { owed + 1 },
                    payer_name_matches: name,
                },
                Op::Decide { approved, right } => E::ReviewDecided { id: id(right), approved },
                Op::Bind { outcome, right } => E::Bound { id: id(right), outcome },
                Op::Withdraw => E::Withdraw,
                Op::Tick => E::Tick,
                Op::Repeat => last_answer.unwrap_or(E::Tick),
            };
            let repeat = matches!(op, Op::Repeat);
            let result = flow.handle(event, t, &calendar);

            let in_range = |fen: u32| fen > 0 && terms.amount.is_none_or(|r| r.contains(fen));
            let window = |t: DateTime<Utc>| terms.window.map(|(d, _)| due(t, d, &calendar).unwrap());
            // An answer naming an action the flow never emitted is refused
            // in any state, before any deadline: it changes nothing.
            let made_up = event.answers().is_some_and(|a| a.revision == 1000);
            // A repeated answer counts nothing, but its time still applies
            // a passed deadline, as a tick would.
            let op = if repeat && t >= now && !model.terminal() { Op::Tick } else { op };
            let expected: Option<Model> = if (repeat && !matches!(op, Op::Tick)) || made_up || t < now || model.terminal() {
                None
            } else if let Model::Payment { deadline: Some(d), .. } = model
                && t > d
            {
                // Deadlines first: whatever the event. Baidu states the
                // outcome: "否则申请将被拒绝" (rejected).
                Some(if terms.on_expiry == realname::policy::OnExpiry::Rejected {
                    Model::Failed
                } else {
                    Model::Expired
                })
            } else {
                let (marked, m) = match model {
                    Model::Review { due, overdue: false } if t > due => (true, Model::Review { due, overdue: true }),
                    m => (false, m),
                };
                match (m, op) {
                    (_, Op::Tick) => marked.then_some(m),
                    (Model::Binding, Op::Withdraw) => None,
                    (_, Op::Withdraw) => Some(Model::Withdrawn),
                    (Model::Details, Op::Submit { fen, new_account }) if in_range(fen) => {
                        if new_account {
                            Some(Model::Sms { fen })
                        } else {
                            uses += 1;
                            Some(Model::Payment { fen, deadline: window(t) })
                        }
                    }
                    (Model::Sms { fen }, Op::Sms { passed, right: true }) => Some(if passed {
                        uses += 1;
                        Model::Payment { fen, deadline: window(t) }
                    } else {
                        Model::Details
                    }),
                    (Model::Payment { .. }, Op::Pay { right_amount, name, right: true }) => {
                        Some(if !right_amount || (terms.payer_name_must_match && !name) {
                            Model::Failed
                        } else {
                            Model::Review { due: due(t, terms.review.unwrap(), &calendar).unwrap(), overdue: false }
                        })
                    }
                    (Model::Review { .. }, Op::Decide { approved, right: true }) => {
                        Some(if approved { Model::Binding } else { Model::Failed })
                    }
                    (Model::Binding, Op::Bind { outcome, right: true }) => Some(match outcome {
                        BindOutcome::CapReached => Model::Failed,
                        _ => Model::Verified,
                    }),
                    _ => None,
                }
            };
            match expected {
                Some(next) => {
                    let step = result.unwrap();
                    prop_assert!(!step.duplicate || repeat);
                    prop_assert_eq!(flow.revision(), before.revision() + 1);
                    model = next;
                    now = t;
                    if matches!(step.failure, Some(Failure::DeadlinePassed { .. })) || matches!(next, Model::Expired) {
                        prop_assert!(step.actions.is_empty());
                        let expired = matches!(step.failure, Some(Failure::DeadlinePassed { .. }));
                        prop_assert!(expired);
                    } else if event.answers().is_some() {
                        last_answer = Some(event);
                    }
                }
                None => {
                    match result {
                        Ok(step) => prop_assert!(step.duplicate || matches!(op, Op::Tick)),
                        Err(e) => {
                            if model.terminal() && t >= now {
                                // A made-up answer id is unknown in any state.
                                prop_assert!(matches!(e.code(), "flow_unexpected_event" | "flow_unknown_action"), "{}", e.code());
                            }
                        }
                    }
                    prop_assert_eq!(&flow, &before);
                }
            }
            prop_assert_eq!(flow.status(), model.status());
            prop_assert_eq!(flow.next_deadline(), model.deadline());
            prop_assert_eq!(flow.uses(), uses);
            if let Model::Review { due, .. } = model {
                prop_assert_eq!(flow.is_overdue(t), t > due);
            }
            prop_assert_eq!(&Recharge::restore(flow.save()).unwrap(), &flow);
            let json = serde_json::to_string(&flow.save()).unwrap();
            let back: SavedRecharge = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&Recharge::restore(back).unwrap(), &flow);
        }
    }
}
