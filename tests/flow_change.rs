//! The change machine (`SubjectChange`): the choices where the seeds are
//! unclear, each held by a test; a Tencent change end to end on
//! `MemoryStore`; and model-based property tests over random event
//! sequences (wrong ids, events in wrong phases, time going back, huge
//! gaps) on every built-in change, with the account's binding kept in a
//! `MemoryStore` beside the flow.

use chrono::{DateTime, Duration, FixedOffset, Months, TimeZone, Utc};
use proptest::prelude::*;
use realname::calendar::{ChinaMainland, Duration as Span, due};
use realname::flow::{
    Action, ActionId, BindOutcome, ChangeEvent as E, ChangeShape, ChangeTerms,
    DEFAULT_CHANGE_REVIEW, Failure, FlowError, Notice, ReviewOutcome, SavedChange, Status, Step,
    SubjectChange, SubjectRole,
};
use realname::policy::{MethodKind, Profile, Provider, Transition};
use realname::rules::check_change;
use realname::store::{
    BindingStore, ChangeHistory, Keyring, MemoryStore, NotStarted, block_on, cap_of, start_change,
};
use realname::{DocumentKey, ResidentId};

fn cal() -> ChinaMainland {
    ChinaMainland::default()
}

/// Monday 1 June 2026, 10:00 in Beijing.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap()
}

fn mins(m: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(m)
}

fn key(id: &str) -> DocumentKey {
    DocumentKey::from(&id.parse::<ResidentId>().unwrap())
}

const ID_A: &str = "11010519491231002X";
const ID_B: &str = "110105198001010016";

fn start(p: Provider, t: Transition, last: Option<DateTime<Utc>>) -> SubjectChange {
    let (flow, step) = SubjectChange::start(p.profile(), t, last, t0(), &cal()).unwrap();
    assert_eq!(step.revision, 0);
    flow
}

fn go(flow: &mut SubjectChange, e: E, at: DateTime<Utc>) -> Result<Step, FlowError> {
    let r = flow.handle(e, at, &cal());
    let json = serde_json::to_string(&flow.save()).unwrap();
    let back: SavedChange = serde_json::from_str(&json).unwrap();
    assert_eq!(&SubjectChange::restore(back).unwrap(), flow);
    r
}

fn only(step: &Step) -> Action {
    assert_eq!(step.actions.len(), 1, "{:?}", step.actions);
    step.actions[0]
}

/// Chooses `method` and answers its check.
fn verify(flow: &mut SubjectChange, method: MethodKind, passed: bool, at: DateTime<Utc>) -> Step {
    let step = go(flow, E::Choose { method }, at).unwrap();
    let id = only(&step).id();
    go(
        flow,
        E::Checked {
            id,
            passed,
            reason: None,
        },
        at,
    )
    .unwrap()
}

// --- The documented choices ---------------------------------------------

/// Baidu's "需在1天内" (001:616, 1444): 24 hours from the start of the
/// change, whatever the applicant did since; then withdrawn.
#[test]
fn the_one_day_window_starts_with_the_change_and_lasts_24_hours() {
    let mut flow = start(Provider::Baidu, Transition::IndividualToIndividual, None);
    let end = t0() + Duration::hours(24);
    assert_eq!(flow.next_deadline(), Some(end));
    // The old subject confirms (the agreement accepted) an hour later: the
    // window does not move.
    let step = verify(&mut flow, MethodKind::Face, true, mins(60));
    assert_eq!(step.next_deadline, Some(end));
    // At the due time itself the change is still open.
    let step = go(&mut flow, E::Tick, end).unwrap();
    assert_eq!(step.status, Status::AwaitingApplicant);
    let step = go(&mut flow, E::Tick, end + Duration::seconds(1)).unwrap();
    assert_eq!(step.status, Status::Withdrawn);
    assert_eq!(step.failure, Some(Failure::DeadlinePassed { due: end }));
}

/// A late event meets an ended change: the window is applied and
/// recorded (before the fix, the event was refused and the flow stayed
/// open until a tick came).
#[test]
fn a_late_event_meets_a_withdrawn_change() {
    let mut flow = start(Provider::Baidu, Transition::IndividualToIndividual, None);
    let _ = verify(&mut flow, MethodKind::Face, true, mins(1));
    let late = t0() + Duration::hours(25);
    let step = go(
        &mut flow,
        E::Choose {
            method: MethodKind::Face,
        },
        late,
    )
    .unwrap();
    assert_eq!((step.status, step.actions.len()), (Status::Withdrawn, 0));
    assert_eq!(flow.uses(), 1);
}

/// The 30 days count from the completion of the last change and gate the
/// start of the next (001:545, 618 vs 1446–1448).
#[test]
fn thirty_days_count_from_the_completion_and_gate_the_start() {
    let store = MemoryStore::new(Keyring::new(&[7; 32]).unwrap());
    let baidu = Provider::Baidu.profile();
    let c = &cal();
    let rule = |t, now| move |last| check_change(baidu, t, last, now, c);
    let began = t0();
    let completed = t0() + Duration::days(20);
    for t in [
        Transition::IndividualToIndividual,
        Transition::OrganizationRename,
    ] {
        let acct = format!("acct-{}", t.id());
        block_on(async {
            start_change(&store, &acct, "chg-1", began, rule(t, began))
                .await
                .unwrap();
            assert!(store.complete(&acct, "chg-1", completed).await.unwrap());
            // 35 days after the start, 15 after the completion: refused.
            let at = began + Duration::days(35);
            let err = start_change(&store, &acct, "chg-2", at, rule(t, at))
                .await
                .unwrap_err();
            assert!(matches!(&err, NotStarted::Refused(r) if r.code() == "change_cooldown"));
            let last = store.last_completed(&acct).await.unwrap();
            assert_eq!(last, Some(completed));
            let just_before = completed + Duration::days(30) - Duration::seconds(1);
            assert_eq!(
                SubjectChange::start(baidu, t, last, just_before, c)
                    .unwrap_err()
                    .code(),
                "change_cooldown"
            );
            assert!(
                SubjectChange::start(baidu, t, last, completed + Duration::days(30), c).is_ok()
            );
            // A change abandoned does not count.
            let at = completed + Duration::days(30);
            start_change(&store, &acct, "chg-2", at, rule(t, at))
                .await
                .unwrap();
            assert!(store.abandon(&acct, "chg-2").await.unwrap());
            let at = at + Duration::days(1);
            start_change(&store, &acct, "chg-3", at, rule(t, at))
                .await
                .unwrap();
        });
    }
    // Baidu states no cooldown for the change to an organisation.
    let last = Some(t0() - Duration::days(1));
    assert!(
        SubjectChange::start(baidu, Transition::IndividualToOrganization, last, t0(), c).is_ok()
    );
}

/// Tencent's "一个月" (004:3): one calendar month after the last completed
/// change, in Beijing time.
#[test]
fn tencents_month_is_a_calendar_month_in_beijing() {
    let tencent = Provider::Tencent.profile();
    let t = Transition::IndividualToIndividual;
    let refused = |last: DateTime<Utc>, now: DateTime<Utc>| {
        SubjectChange::start(tencent, t, Some(last), now, &cal()).is_err()
    };
    // 31 January, 10:00 in Beijing: allowed from 28 February, 10:00.
    let last = Utc.with_ymd_and_hms(2026, 1, 31, 2, 0, 0).unwrap();
    let from = Utc.with_ymd_and_hms(2026, 2, 28, 2, 0, 0).unwrap();
    assert!(refused(last, from - Duration::seconds(1)));
    assert!(!refused(last, from));
    // 1 March, 01:00 in Beijing (still 28 February in UTC): a month in
    // Beijing ends on 1 April, 01:00 (31 March in UTC), where a month in
    // UTC would end on 28 March.
    let last = Utc.with_ymd_and_hms(2026, 2, 28, 17, 0, 0).unwrap();
    let from = Utc.with_ymd_and_hms(2026, 3, 31, 17, 0, 0).unwrap();
    assert!(refused(
        last,
        Utc.with_ymd_and_hms(2026, 3, 29, 0, 0, 0).unwrap()
    ));
    assert!(refused(last, from - Duration::seconds(1)));
    assert!(!refused(last, from));
    // Not a quota per calendar month: 20 days later, in the next month, is
    // still refused.
    let last = Utc.with_ymd_and_hms(2026, 5, 20, 2, 0, 0).unwrap();
    assert!(refused(
        last,
        Utc.with_ymd_and_hms(2026, 6, 9, 2, 0, 0).unwrap()
    ));
}

/// Drives a Baidu change to another organisation to the approval.
fn approved_org_change() -> (SubjectChange, DateTime<Utc>) {
    let mut flow = start(
        Provider::Baidu,
        Transition::OrganizationToOrganization,
        None,
    );
    let Some(Action::CheckEligibility { id }) = flow.opening_action() else {
        panic!()
    };
    let _ = go(&mut flow, E::Eligibility { id, eligible: true }, mins(1)).unwrap();
    let _ = verify(&mut flow, MethodKind::Face, true, mins(2));
    let step = go(&mut flow, E::Submit, mins(3)).unwrap();
    let id = only(&step).id();
    let approved = mins(60 * 24);
    let step = go(
        &mut flow,
        E::ReviewDecided {
            id,
            outcome: ReviewOutcome::Approved,
        },
        approved,
    )
    .unwrap();
    assert_eq!(step.next_deadline, Some(approved + Duration::days(9)));
    (flow, approved)
}

/// A withdrawn change and a new one: the new one starts with fresh counts
/// (001:607, 623 "撤回变更后重新提交"), the bank card limit of 5 (001:621)
/// holds for the new subject as for the old.
#[test]
fn a_new_request_starts_with_fresh_counts_and_the_bank_card_limit_holds_for_both_subjects() {
    let t = Transition::IndividualToIndividual;
    let mut flow = start(Provider::Baidu, t, None);
    for _ in 0..5 {
        let _ = verify(&mut flow, MethodKind::BankCard, false, mins(1));
    }
    let step = go(
        &mut flow,
        E::Choose {
            method: MethodKind::BankCard,
        },
        mins(2),
    )
    .unwrap();
    assert!(step.actions.is_empty());
    assert!(matches!(
        step.failure,
        Some(Failure::AttemptsExhausted { max: 5, .. })
    ));
    let _ = go(&mut flow, E::Withdraw, mins(3)).unwrap();
    let mut again = start(Provider::Baidu, t, None);
    let step = go(
        &mut again,
        E::Choose {
            method: MethodKind::BankCard,
        },
        mins(4),
    )
    .unwrap();
    assert!(matches!(
        only(&step),
        Action::VerifySubject {
            method: MethodKind::BankCard,
            ..
        }
    ));
    // The old subject passes; the new one has 5 bank card attempts too.
    let _ = go(
        &mut again,
        E::Checked {
            id: only(&step).id(),
            passed: true,
            reason: None,
        },
        mins(5),
    )
    .unwrap();
    for _ in 0..5 {
        let step = verify(&mut again, MethodKind::BankCard, false, mins(6));
        assert_eq!(step.status, Status::AwaitingApplicant);
    }
    let step = go(
        &mut again,
        E::Choose {
            method: MethodKind::BankCard,
        },
        mins(7),
    )
    .unwrap();
    assert!(matches!(
        step.failure,
        Some(Failure::AttemptsExhausted {
            max: 5,
            fallback: Some(MethodKind::Face),
            ..
        })
    ));
    let step = verify(&mut again, MethodKind::Face, true, mins(8));
    assert!(matches!(only(&step), Action::Rebind { cap: Some(5), .. }));
}

/// The new organisation of a change to another organisation may be
/// verified by any of the three methods Baidu names (001:583), the
/// micro-deposit and the recharge as well as the legal representative's
/// face; the approval is announced (001:569).
#[test]
fn a_new_organisation_is_verified_by_each_named_method() {
    for m in [
        MethodKind::LegalRepresentativeFace,
        MethodKind::CorporateTransfer,
        MethodKind::Recharge,
    ] {
        let (mut flow, approved) = approved_org_change();
        let step = verify(&mut flow, m, true, approved + Duration::days(8));
        assert!(matches!(only(&step), Action::Rebind { .. }), "{m:?}");
    }
    let mut flow = start(
        Provider::Baidu,
        Transition::OrganizationToOrganization,
        None,
    );
    let Some(Action::CheckEligibility { id }) = flow.opening_action() else {
        panic!()
    };
    let _ = go(&mut flow, E::Eligibility { id, eligible: true }, mins(1)).unwrap();
    let _ = verify(&mut flow, MethodKind::Face, true, mins(2));
    let step = go(&mut flow, E::Submit, mins(3)).unwrap();
    let id = only(&step).id();
    let step = go(
        &mut flow,
        E::ReviewDecided {
            id,
            outcome: ReviewOutcome::Approved,
        },
        mins(4),
    )
    .unwrap();
    let Action::NotifyApplicant {
        notice: Notice::ChangeApproved { verify_by },
        ..
    } = only(&step)
    else {
        panic!("{:?}", step.actions)
    };
    assert_eq!(verify_by, Some(mins(4) + Duration::days(9)));
}

/// A new subject submitted inside the window whose check answers after it
/// still completes: the window asks for the submission (001:616 "提交").
#[test]
fn the_window_is_met_by_the_submission() {
    let mut flow = start(Provider::Baidu, Transition::IndividualToIndividual, None);
    let _ = verify(&mut flow, MethodKind::Face, true, mins(1));
    let step = go(
        &mut flow,
        E::Choose {
            method: MethodKind::Face,
        },
        mins(60 * 24 - 1),
    )
    .unwrap();
    assert_eq!(step.next_deadline, None);
    let id = only(&step).id();
    let step = go(
        &mut flow,
        E::Checked {
            id,
            passed: true,
            reason: None,
        },
        mins(60 * 25),
    )
    .unwrap();
    assert!(matches!(only(&step), Action::Rebind { .. }));
}

/// The 9 days after approval (001:574) pass, which the seed leaves open:
/// the change expires and the account keeps the old subject.
#[test]
fn a_lapsed_nine_day_window_expires_and_keeps_the_old_subject() {
    let store = MemoryStore::new(Keyring::new(&[7; 32]).unwrap());
    let (old, new) = (key(ID_A), key(ID_B));
    block_on(store.try_bind(&old, "acct", u32::MAX)).unwrap();
    let (mut flow, approved) = approved_org_change();
    let end = approved + Duration::days(9);
    let step = go(&mut flow, E::Tick, end + Duration::seconds(1)).unwrap();
    assert_eq!(step.status, Status::Expired);
    assert_eq!(step.failure, Some(Failure::DeadlinePassed { due: end }));
    assert!(step.actions.is_empty());
    assert_eq!(block_on(store.count(&old)).unwrap(), 1);
    assert_eq!(block_on(store.count(&new)).unwrap(), 0);
    // Within the window, the new organisation binds.
    let (mut flow, approved) = approved_org_change();
    let step = verify(
        &mut flow,
        MethodKind::LegalRepresentativeFace,
        true,
        approved + Duration::days(8),
    );
    let Action::Rebind { id, cap } = only(&step) else {
        panic!()
    };
    let r = block_on(store.rebind(&old, &new, "acct", cap_of(cap))).unwrap();
    let step = go(
        &mut flow,
        E::Rebound {
            id,
            outcome: r.bind.into(),
        },
        approved + Duration::days(10), // the bind is never cut short
    )
    .unwrap();
    assert_eq!(step.status, Status::Verified);
    assert_eq!(block_on(store.count(&old)).unwrap(), 0);
    assert_eq!(block_on(store.count(&new)).unwrap(), 1);
}

/// No review time is stated for a change's documents: 2 working days, a
/// choice; past it the change stays in review and stops asking to be
/// called back.
#[test]
fn a_change_review_is_due_in_two_working_days_then_overdue() {
    assert_eq!(DEFAULT_CHANGE_REVIEW, Span::WorkingDays(2));
    for (p, t) in builtin_changes() {
        let terms = ChangeTerms::from_profile(p.profile(), t).unwrap();
        assert_eq!(terms.review, DEFAULT_CHANGE_REVIEW, "{p:?} {t:?}");
    }
    let mut flow = start(Provider::Baidu, Transition::OrganizationRename, None);
    let step = go(&mut flow, E::Submit, mins(1)).unwrap();
    let id = only(&step).id();
    let _ = go(&mut flow, E::Registry { id, matched: false }, mins(2)).unwrap();
    let step = go(&mut flow, E::Submit, mins(3)).unwrap();
    let Action::QueueReview { id, due: at } = only(&step) else {
        panic!()
    };
    assert_eq!(at, due(mins(3), Span::WorkingDays(2), &cal()).unwrap());
    assert_eq!(step.next_deadline, Some(at));
    let step = go(&mut flow, E::Tick, at + Duration::seconds(1)).unwrap();
    assert_eq!(step.status, Status::InReview { due: at });
    assert_eq!(step.next_deadline, None);
    let before = flow.clone();
    let _ = go(&mut flow, E::Tick, at + Duration::days(3)).unwrap();
    assert_eq!(flow, before, "an overdue review is marked once");
    let step = go(
        &mut flow,
        E::ReviewDecided {
            id,
            outcome: ReviewOutcome::Approved,
        },
        at + Duration::days(3),
    )
    .unwrap();
    assert!(matches!(only(&step), Action::Rebind { .. }));
}

/// Withdrawal is taken in every phase but one: while the rebind is being
/// answered.
#[test]
fn withdrawal_is_taken_in_every_phase_but_the_rebind() {
    let withdraws = |mut flow: SubjectChange, at: DateTime<Utc>| {
        let step = go(&mut flow, E::Withdraw, at).unwrap();
        assert_eq!((step.status, step.actions.len()), (Status::Withdrawn, 0));
        assert_eq!(flow.next_deadline(), None);
    };
    // Eligibility, the current subject's check, the form, the review, the
    // new subject's choice and check.
    let mut flow = start(
        Provider::Baidu,
        Transition::OrganizationToOrganization,
        None,
    );
    withdraws(flow.clone(), mins(1));
    let Some(Action::CheckEligibility { id }) = flow.opening_action() else {
        panic!()
    };
    let _ = go(&mut flow, E::Eligibility { id, eligible: true }, mins(1)).unwrap();
    withdraws(flow.clone(), mins(2));
    let _ = go(
        &mut flow,
        E::Choose {
            method: MethodKind::Face,
        },
        mins(2),
    )
    .unwrap();
    withdraws(flow.clone(), mins(3));
    let (mut flow, approved) = approved_org_change();
    withdraws(flow.clone(), approved);
    let _ = go(
        &mut flow,
        E::Choose {
            method: MethodKind::Recharge,
        },
        approved,
    )
    .unwrap();
    withdraws(flow.clone(), approved);
    // The registry's check and the proof of a rename.
    let mut flow = start(Provider::Baidu, Transition::OrganizationRename, None);
    withdraws(flow.clone(), mins(1));
    let id = only(&go(&mut flow, E::Submit, mins(1)).unwrap()).id();
    withdraws(flow.clone(), mins(2));
    let _ = go(&mut flow, E::Registry { id, matched: false }, mins(2)).unwrap();
    withdraws(flow.clone(), mins(3));
    // The rebind: refused, nothing changes.
    let mut flow = start(Provider::Tencent, Transition::IndividualToIndividual, None);
    let step = verify(&mut flow, MethodKind::Face, true, mins(1));
    assert!(matches!(only(&step), Action::Rebind { .. }));
    let before = flow.clone();
    let err = go(&mut flow, E::Withdraw, mins(2)).unwrap_err();
    assert_eq!(err.code(), "flow_unexpected_event");
    assert_eq!(flow, before);
}

/// A method whose attempts are used up points to another (001:607, 623);
/// every method used up locks the change.
#[test]
fn used_up_attempts_point_to_another_method_then_lock() {
    let mut flow = start(Provider::Baidu, Transition::IndividualToIndividual, None);
    for _ in 0..5 {
        let _ = verify(&mut flow, MethodKind::BankCard, false, mins(1));
    }
    let step = go(
        &mut flow,
        E::Choose {
            method: MethodKind::BankCard,
        },
        mins(2),
    )
    .unwrap();
    assert!(step.actions.is_empty());
    assert!(matches!(
        step.failure,
        Some(Failure::AttemptsExhausted {
            max: 5,
            fallback: Some(MethodKind::Face),
            ..
        })
    ));
    assert_eq!(flow.uses(), 5);
    let mut flow = start(Provider::Baidu, Transition::IndividualToOrganization, None);
    let _ = verify(&mut flow, MethodKind::Face, true, mins(1));
    let mut last = None;
    for m in [
        MethodKind::LegalRepresentativeFace,
        MethodKind::CorporateTransfer,
    ] {
        for _ in 0..5 {
            last = Some(verify(&mut flow, m, false, mins(2)));
        }
    }
    assert_eq!(last.unwrap().status, Status::Locked);
    assert_eq!(flow.uses(), 11);
}

// Tencent's change end to end on a store is `store::testkit::tencent_change`,
// which MemoryStore, SQLite and PostgreSQL run with the rest of the suite.

// --- Model-based property tests -----------------------------------------

/// Every change the built-in profiles run online.
fn builtin_changes() -> Vec<(Provider, Transition)> {
    let mut v = Vec::new();
    for p in [Provider::Baidu, Provider::Tencent, Provider::Kingsoft] {
        for &t in Transition::all() {
            if SubjectChange::start(p.profile(), t, None, t0(), &cal()).is_ok() {
                v.push((p, t));
            }
        }
    }
    v
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Choose(MethodKind),
    Checked { right: bool, passed: bool },
    Eligibility { right: bool, eligible: bool },
    Registry { right: bool, matched: bool },
    Submit,
    Edit,
    Decide { right: bool, outcome: ReviewOutcome },
    Rebound { right: bool },
    Withdraw,
    Tick,
    Repeat,
}

#[derive(Debug, Clone, Copy)]
enum When {
    Later(i64),
    Deadline(i64),
    Back(i64),
    HugeGap(i64),
}

fn op() -> impl Strategy<Value = Op> {
    let outcome = prop_oneof![
        Just(ReviewOutcome::Approved),
        Just(ReviewOutcome::Rejected),
        Just(ReviewOutcome::ResubmissionRequested),
    ];
    prop_oneof![
        4 => prop::sample::select(MethodKind::all().to_vec()).prop_map(Op::Choose),
        4 => (prop::bool::weighted(0.9), prop::bool::weighted(0.6))
            .prop_map(|(right, passed)| Op::Checked { right, passed }),
        1 => (prop::bool::weighted(0.9), any::<bool>())
            .prop_map(|(right, eligible)| Op::Eligibility { right, eligible }),
        1 => (prop::bool::weighted(0.9), any::<bool>())
            .prop_map(|(right, matched)| Op::Registry { right, matched }),
        2 => Just(Op::Submit),
        1 => Just(Op::Edit),
        2 => (prop::bool::weighted(0.9), outcome).prop_map(|(right, outcome)| Op::Decide { right, outcome }),
        2 => prop::bool::weighted(0.9).prop_map(|right| Op::Rebound { right }),
        1 => Just(Op::Withdraw),
        1 => Just(Op::Tick),
        1 => Just(Op::Repeat),
    ]
}

fn when() -> impl Strategy<Value = When> {
    prop_oneof![
        8 => (0i64..240).prop_map(When::Later),
        2 => (-3i64..3).prop_map(When::Deadline),
        1 => (1i64..120).prop_map(When::Back),
        1 => (1i64..400).prop_map(When::HugeGap),
    ]
}

fn case() -> impl Strategy<Value = ((Provider, Transition), u32, Vec<(Op, When)>)> {
    (
        prop::sample::select(builtin_changes()),
        0u32..3,
        prop::collection::vec((op(), when()), 1..60),
    )
}

fn limit_of(terms: &ChangeTerms, role: SubjectRole, method: MethodKind) -> Option<Option<u32>> {
    let offered = match role {
        SubjectRole::Current => &terms.current,
        SubjectRole::New => &terms.new,
    };
    offered
        .iter()
        .flatten()
        .find(|m| m.method == method)
        .map(|m| m.max)
}

/// Saved states edited in one place are refused.
fn tampered_are_refused(flow: &SubjectChange) -> Result<(), TestCaseError> {
    let saved = flow.save();
    let refused = |edit: &dyn Fn(&mut SavedChange)| {
        let mut s = saved.clone();
        edit(&mut s);
        SubjectChange::restore(s).is_err()
    };
    prop_assert!(refused(&|s| s.uses += 1), "uses");
    prop_assert!(
        refused(&|s| {
            s.terms.shape = if s.terms.shape == ChangeShape::Direct {
                ChangeShape::Confirmed
            } else {
                ChangeShape::Direct
            }
        }),
        "shape"
    );
    prop_assert!(refused(&|s| s.revision += 1), "revision");
    prop_assert!(
        refused(&|s| {
            s.status = if s.status == Status::Verified {
                Status::Withdrawn
            } else {
                Status::Verified
            }
        }),
        "status"
    );
    prop_assert!(
        refused(&|s| {
            s.next_deadline = match s.next_deadline {
                Some(d) => Some(d + Duration::seconds(1)),
                None => Some(t0()),
            }
        }),
        "deadline"
    );
    if !saved.history.is_empty() {
        prop_assert!(
            refused(&|s| {
                s.history.pop();
            }),
            "history shortened"
        );
        prop_assert!(
            refused(&|s| s.history.insert(0, s.history[0])),
            "history doubled"
        );
    }
    if saved.history.iter().any(|r| r.reckoned.is_some()) {
        prop_assert!(
            refused(&|s| {
                for r in &mut s.history {
                    if let Some(at) = r.reckoned {
                        r.reckoned = Some(at + Duration::days(400));
                    }
                }
            }),
            "a due time moved"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    /// Random event sequences on every built-in change: never a panic; a
    /// refused event changes nothing; save and restore give the same flow
    /// and a tampered state is refused; attempts stay within their limits
    /// and are counted when the check is emitted; Rebind comes at most
    /// once, only after the new subject passed; and the account's real name
    /// is always exactly one subject, the old until the change is verified,
    /// the new after.
    #[test]
    fn the_change_follows_its_model(((provider, transition), fill, ops) in case()) {
        let calendar = cal();
        let profile: &Profile = provider.profile();
        let (mut flow, _) = SubjectChange::start(profile, transition, None, t0(), &calendar).unwrap();
        let terms = *flow.terms();
        let store = MemoryStore::new(Keyring::new(&[9; 32]).unwrap());
        let (old, new) = (key(ID_A), key(ID_B));
        block_on(store.try_bind(&old, "acct", u32::MAX)).unwrap();
        // The new identity is bound to other accounts: none, some, or as
        // many as the cap allows (so the rebind is refused).
        let fill = match (fill, terms.cap) {
            (2, Some(cap)) => cap,
            (f, _) => f,
        };
        for n in 0..fill {
            block_on(store.try_bind(&new, &format!("other-{n}"), u32::MAX)).unwrap();
        }
        let mut last_actions: Vec<Action> = flow.opening_action().into_iter().collect();
        let mut roles: Vec<(ActionId, SubjectRole)> = Vec::new();
        let mut used: Vec<(SubjectRole, MethodKind, u32)> = Vec::new();
        let mut rebinds = 0;
        let mut last_answer: Option<E> = None;
        let mut new_passed = false;
        for (op, when) in ops {
            let before = flow.clone();
            let v = flow.view();
            let t = match (when, v.next_deadline) {
                (When::Later(m), _) => v.last_at + Duration::minutes(m),
                (When::Deadline(s), Some(d)) => d + Duration::seconds(s),
                (When::Deadline(s), None) => v.last_at + Duration::seconds(s.abs()),
                (When::Back(m), _) => v.last_at - Duration::minutes(m),
                (When::HugeGap(d), _) => v.last_at + Duration::days(d),
            };
            let wrong = ActionId { revision: 1000, index: 3 };
            let id = |right: bool| match v.pending {
                Some(id) if right => id,
                _ => wrong,
            };
            let rebinding = v.status == Status::AwaitingParty(realname::flow::Party::Store);
            let mut store_answer = None;
            let event = match op {
                Op::Choose(method) => E::Choose { method },
                Op::Checked { right, passed } => E::Checked { id: id(right), passed, reason: None },
                Op::Eligibility { right, eligible } => E::Eligibility { id: id(right), eligible },
                Op::Registry { right, matched } => E::Registry { id: id(right), matched },
                Op::Submit => E::Submit,
                Op::Edit => E::Edit,
                Op::Decide { right, outcome } => E::ReviewDecided { id: id(right), outcome },
                Op::Rebound { right } if right && rebinding && t >= v.last_at => {
                    // The store answers the flow's Rebind, as a service does.
                    let Some(Action::Rebind { cap, .. }) = last_actions.first().copied() else {
                        return Err(TestCaseError::fail("rebinding without a Rebind action"));
                    };
                    let r = block_on(store.rebind(&old, &new, "acct", cap_of(cap))).unwrap();
                    store_answer = Some(r);
                    E::Rebound { id: id(true), outcome: r.bind.into() }
                }
                Op::Rebound { right } => E::Rebound { id: id(right), outcome: BindOutcome::Bound },
                Op::Withdraw => E::Withdraw,
                Op::Tick => E::Tick,
                Op::Repeat => last_answer.unwrap_or(E::Tick),
            };
            let result = flow.handle(event, t, &calendar);
            match &result {
                Err(_) => prop_assert_eq!(&flow, &before, "a refused event changed the flow"),
                Ok(step) => {
                    if step.duplicate {
                        prop_assert!(step.actions.is_empty());
                    }
                    let verifies = step.actions.iter().filter(|a| matches!(a, Action::VerifySubject { .. })).count();
                    prop_assert_eq!(flow.uses(), before.uses() + verifies as u32, "counted when emitted");
                    for a in &step.actions {
                        match *a {
                            Action::VerifySubject { id, role, method } => {
                                roles.push((id, role));
                                let limit = limit_of(&terms, role, method);
                                prop_assert!(limit.is_some(), "{method:?} not offered for {role:?}");
                                let n = match used.iter_mut().find(|(r, m, _)| *r == role && *m == method) {
                                    Some((_, _, n)) => { *n += 1; *n }
                                    None => { used.push((role, method, 1)); 1 }
                                };
                                if let Some(Some(max)) = limit {
                                    prop_assert!(n <= max, "{method:?} used {n} times, limit {max}");
                                }
                            }
                            Action::Rebind { cap, .. } => {
                                rebinds += 1;
                                prop_assert_eq!(cap, terms.cap);
                                // Only after the new subject passed.
                                let passed_now = match event {
                                    E::Checked { id, passed: true, .. } => roles.iter().any(|(r, role)| *r == id && *role == SubjectRole::New),
                                    E::Registry { matched: true, .. } => terms.shape == ChangeShape::Rename,
                                    E::ReviewDecided { outcome: ReviewOutcome::Approved, .. } => terms.shape == ChangeShape::Rename,
                                    _ => false,
                                };
                                prop_assert!(passed_now, "Rebind after {event:?}");
                                new_passed = true;
                            }
                            _ => {}
                        }
                    }
                    if !step.actions.is_empty() {
                        last_actions = step.actions.clone();
                    }
                    if matches!(event, E::Checked { .. } | E::Eligibility { .. } | E::Registry { .. } | E::ReviewDecided { .. } | E::Rebound { .. }) {
                        last_answer = Some(event);
                    }
                }
            }
            if let Some(r) = store_answer {
                // The store was asked once, and the flow took its answer.
                prop_assert!(result.is_ok());
                prop_assert_eq!(flow.status() == Status::Verified, r.bind.is_bound());
            }
            prop_assert!(rebinds <= 1, "Rebind emitted {rebinds} times");
            prop_assert!(flow.status() != Status::Verified || new_passed);
            // The account's real name is exactly one subject.
            let (o, n) = (block_on(store.count(&old)).unwrap(), block_on(store.count(&new)).unwrap());
            if flow.status() == Status::Verified {
                prop_assert_eq!((o, n), (0, fill + 1));
            } else {
                prop_assert_eq!((o, n), (1, fill));
            }
            // Save and restore, in memory and through JSON.
            prop_assert_eq!(&SubjectChange::restore(flow.save()).unwrap(), &flow);
            let json = serde_json::to_string(&flow.save()).unwrap();
            let back: SavedChange = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&SubjectChange::restore(back).unwrap(), &flow);
            prop_assert_eq!(
                &SubjectChange::restore_expecting(flow.save(), &terms, 0).unwrap(),
                &flow
            );
            tampered_are_refused(&flow)?;
        }
    }

    /// Across any sequence of changes on one account (started, completed
    /// or abandoned, at any gaps), no change starts within the cooldown
    /// after a completed one, and `SubjectChange::start` agrees with
    /// `store::start_change`.
    #[test]
    fn cooldowns_hold_across_any_sequence_of_changes(
        which in prop::sample::select(vec![
            (Provider::Baidu, Transition::IndividualToIndividual),
            (Provider::Baidu, Transition::OrganizationRename),
            (Provider::Tencent, Transition::IndividualToIndividual),
            (Provider::Tencent, Transition::OrganizationToOrganization),
        ]),
        steps in prop::collection::vec((0i64..50 * 24, 0u8..3), 1..30),
    ) {
        let (provider, transition) = which;
        let profile = provider.profile();
        let c = &cal();
        let store = MemoryStore::new(Keyring::new(&[3; 32]).unwrap());
        let beijing = FixedOffset::east_opt(8 * 3600).unwrap();
        // The model: the first instant a new change may start.
        let allowed_after = |last: DateTime<Utc>| match provider {
            Provider::Baidu => last + Duration::days(30),
            _ => last
                .with_timezone(&beijing)
                .naive_local()
                .checked_add_months(Months::new(1))
                .unwrap()
                .and_local_timezone(beijing)
                .unwrap()
                .with_timezone(&Utc),
        };
        let mut now = t0();
        let mut last: Option<DateTime<Utc>> = None;
        let mut open: Option<String> = None;
        for (n, (hours, action)) in steps.into_iter().enumerate() {
            now += Duration::hours(hours);
            match (action, &open) {
                (0, _) => {
                    let id = format!("chg-{n}");
                    let got = block_on(start_change(&store, "acct", &id, now, |l| {
                        check_change(profile, transition, l, now, c)
                    }));
                    let in_cooldown = last.is_some_and(|l| now < allowed_after(l));
                    let by_flow = SubjectChange::start(profile, transition, last, now, c);
                    prop_assert_eq!(by_flow.is_err(), in_cooldown);
                    match (&open, got) {
                        (Some(o), Err(NotStarted::Busy { open: b })) if !in_cooldown => prop_assert_eq!(o, &b),
                        (_, Err(NotStarted::Refused(r))) => {
                            prop_assert!(in_cooldown);
                            prop_assert_eq!(r.code(), "change_cooldown");
                        }
                        (None, Ok(())) => {
                            prop_assert!(!in_cooldown);
                            open = Some(id);
                        }
                        (o, got) => return Err(TestCaseError::fail(format!("{o:?} {got:?} cooldown {in_cooldown}"))),
                    }
                }
                (1, Some(id)) => {
                    prop_assert!(block_on(store.complete("acct", id, now)).unwrap());
                    last = Some(now);
                    open = None;
                }
                (_, Some(id)) => {
                    prop_assert!(block_on(store.abandon("acct", id)).unwrap());
                    open = None;
                }
                (_, None) => {}
            }
            prop_assert_eq!(block_on(store.last_completed("acct")).unwrap(), last);
        }
    }
}
