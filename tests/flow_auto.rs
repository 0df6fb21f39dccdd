//! The automatic-check machine through each provider's profile: the terms
//! each method's factors give, the happy paths, every failure path the
//! seeds name, repeated answers, tampered saved states, JSON round trips,
//! and random event sequences against a small reference model.

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use realname::calendar::ChinaMainland;
use realname::flow::{
    Action, ActionId, Actor, AutoEvent as E, AutomaticCheck, BindOutcome, Failure, FailureReason,
    FlowError, FlowEvent, Liveness, Party, SavedAuto, Status, Step, Submission,
};
use realname::org::OrganizationClass::{Enterprise, OtherOrganization};
use realname::policy::{Counted, MethodKind as M, Provider, ReviewCondition};

fn t0() -> DateTime<Utc> {
    // Monday 1 June 2026, 10:00 in Beijing.
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

fn start(provider: Provider, method: M, prior: u32) -> AutomaticCheck {
    AutomaticCheck::start(provider.profile(), method, prior, t0())
        .unwrap()
        .0
}

fn individual() -> Submission {
    Submission::individual()
}

fn lr(class: realname::org::OrganizationClass) -> Submission {
    Submission::organization(class, Actor::LegalRepresentative)
}

/// The answer that passes `action`.
fn pass(action: Action) -> E {
    match action {
        Action::SendSmsCode { id } => E::SmsCode {
            id,
            confirmed: true,
        },
        Action::StartLiveness { id, .. } => E::Liveness {
            id,
            passed: true,
            reason: None,
        },
        Action::CheckIdentity { id } => E::Checked {
            id,
            matched: true,
            reason: None,
        },
        Action::QueueReview { id, .. } => E::ReviewDecided { id, approved: true },
        Action::Bind { id, .. } => E::Bound {
            id,
            outcome: BindOutcome::Bound,
        },
        other => panic!("not an action of this machine: {other:?}"),
    }
}

/// Answers every action with a pass until the bind or the end, saving and
/// restoring through JSON at every step; returns the codes of the actions
/// and the last step.
fn run(flow: &mut AutomaticCheck, first: Step, minute: &mut i64) -> (Vec<&'static str>, Step) {
    let mut codes = Vec::new();
    let mut step = first;
    loop {
        assert_eq!(round_trip(flow), *flow);
        let Some(action) = step.actions.first().copied() else {
            return (codes, step);
        };
        codes.push(action.code());
        *minute += 1;
        let event = pass(action);
        step = flow.handle(event, at(*minute), &cal()).unwrap();
    }
}

/// A minute after the flow's last event.
fn later(flow: &AutomaticCheck) -> DateTime<Utc> {
    flow.history().last().map_or(t0(), |r| r.at) + Duration::minutes(1)
}

fn round_trip(flow: &AutomaticCheck) -> AutomaticCheck {
    let json = serde_json::to_string(&flow.save()).unwrap();
    let back: SavedAuto = serde_json::from_str(&json).unwrap();
    AutomaticCheck::restore(back).unwrap()
}

/// Submits and answers every action with a pass up to the action of
/// `code`, which is returned unanswered.
fn to_action(flow: &mut AutomaticCheck, sub: Submission, code: &str) -> Action {
    // Carry on from the flow's last event.
    let mut minute = flow
        .history()
        .last()
        .map_or(0, |r| (r.at - t0()).num_minutes())
        + 1;
    let mut step = flow.handle(E::Submit(sub), at(minute), &cal()).unwrap();
    loop {
        let action = step.actions[0];
        if action.code() == code {
            return action;
        }
        minute += 1;
        let event = pass(action);
        step = flow.handle(event, at(minute), &cal()).unwrap();
    }
}

/// A seed machine: label, provider, method, submission, the codes of
/// its actions on the happy path, and its cap.
type SeedMachine = (
    &'static str,
    Provider,
    M,
    Submission,
    &'static [&'static str],
    Option<u32>,
);

/// The seven seed machines (each of Tencent's methods, and both of
/// B-LRFACE's branches).
fn machines() -> Vec<SeedMachine> {
    const LIVE: &[&str] = &["start_liveness", "bind"];
    const CHECK: &[&str] = &["check_identity", "bind"];
    vec![
        (
            "K-ID",
            Provider::Kingsoft,
            M::IdCardVideo,
            individual(),
            LIVE,
            Some(1),
        ),
        (
            "K-BANK",
            Provider::Kingsoft,
            M::BankCard,
            individual(),
            &["send_sms_code", "start_liveness", "check_identity", "bind"],
            Some(1),
        ),
        (
            "B-FACE",
            Provider::Baidu,
            M::Face,
            individual(),
            LIVE,
            Some(5),
        ),
        (
            "B-BANK",
            Provider::Baidu,
            M::BankCard,
            individual(),
            &["send_sms_code", "check_identity", "bind"],
            Some(5),
        ),
        (
            "B-LRFACE enterprise",
            Provider::Baidu,
            M::LegalRepresentativeFace,
            lr(Enterprise),
            LIVE,
            None,
        ),
        (
            "B-LRFACE other organisation",
            Provider::Baidu,
            M::LegalRepresentativeFace,
            Submission::organization(OtherOrganization, Actor::Delegate),
            &["start_liveness", "queue_review", "bind"],
            None,
        ),
        (
            "T-WECHAT",
            Provider::Tencent,
            M::WeChatScan,
            individual(),
            CHECK,
            Some(3),
        ),
        (
            "T-QQ",
            Provider::Tencent,
            M::QqScan,
            individual(),
            CHECK,
            Some(3),
        ),
        (
            "T-FACE",
            Provider::Tencent,
            M::Face,
            individual(),
            LIVE,
            Some(3),
        ),
        (
            "T-OA",
            Provider::Tencent,
            M::WeChatOfficialAccount,
            Submission::organization(Enterprise, Actor::Operator),
            CHECK,
            Some(10),
        ),
        (
            "T-LRWECHAT",
            Provider::Tencent,
            M::LegalRepresentativeWeChat,
            lr(Enterprise),
            CHECK,
            Some(10),
        ),
        (
            "T-LRFACE",
            Provider::Tencent,
            M::LegalRepresentativeFace,
            lr(OtherOrganization),
            LIVE,
            Some(10),
        ),
    ]
}

#[test]
fn terms_follow_the_factors_and_numbers_of_each_profile() {
    use realname::flow::AutoTerms;
    let terms = |p: Provider, m| AutoTerms::from_profile(p.profile(), m).unwrap();

    let k_id = terms(Provider::Kingsoft, M::IdCardVideo);
    assert_eq!(k_id.liveness, Some(Liveness::VideoReadingDigits));
    assert_eq!((k_id.sms, k_id.identity_check), (false, None));
    assert_eq!(
        (k_id.attempts, k_id.review, k_id.cap),
        (None, None, Some(1))
    );

    let k_bank = terms(Provider::Kingsoft, M::BankCard);
    assert!(k_bank.sms);
    assert_eq!(k_bank.liveness, Some(Liveness::FaceImage));
    assert_eq!(k_bank.identity_check, Some(Party::Bank));
    assert_eq!(k_bank.attempts, None);

    let b_face = terms(Provider::Baidu, M::Face);
    assert_eq!(b_face.liveness, Some(Liveness::FaceScan));
    assert_eq!((b_face.attempts, b_face.cap), (None, Some(5)));

    let b_bank = terms(Provider::Baidu, M::BankCard);
    assert_eq!((b_bank.sms, b_bank.liveness), (true, None));
    let limit = b_bank.attempts.unwrap();
    assert_eq!((limit.counted, limit.max), (Counted::Attempts, 10));

    let b_lr = terms(Provider::Baidu, M::LegalRepresentativeFace);
    assert_eq!(b_lr.liveness, Some(Liveness::FaceScan));
    assert_eq!(b_lr.identity_check, None);
    assert!(b_lr.legal_representative && b_lr.delegate);
    assert_eq!(b_lr.attempts.map(|a| a.max), Some(10));
    assert_eq!(
        b_lr.review,
        Some((
            ReviewCondition::OtherOrganization,
            realname::calendar::Duration::WorkingDays(2)
        ))
    );
    assert_eq!(b_lr.cap, None, "Baidu states no organisation cap");

    for m in [M::WeChatScan, M::QqScan] {
        let t = terms(Provider::Tencent, m);
        assert_eq!(t.liveness, None);
        assert_eq!(t.identity_check, Some(Party::IdentityAuthority));
        assert_eq!((t.attempts, t.cap), (None, Some(3)));
    }
    let t_lr = terms(Provider::Tencent, M::LegalRepresentativeFace);
    assert!(t_lr.legal_representative && !t_lr.delegate);
    assert_eq!((t_lr.review, t_lr.cap), (None, Some(10)));
    let t_oa = terms(Provider::Tencent, M::WeChatOfficialAccount);
    assert!(!t_oa.legal_representative);
}

#[test]
fn methods_not_decided_at_once_are_not_offered() {
    for (p, m) in [
        (Provider::Kingsoft, M::DocumentUpload),
        (Provider::Kingsoft, M::CorporateTransfer),
        (Provider::Kingsoft, M::CertificateUpload),
        (Provider::Kingsoft, M::Face),
        (Provider::Baidu, M::Recharge),
        (Provider::Baidu, M::CorporateTransfer),
        (Provider::Tencent, M::BankCard),
        (Provider::Tencent, M::Recharge),
        (Provider::HuaweiInternational, M::DocumentUpload),
        (Provider::HuaweiInternational, M::Face),
    ] {
        assert_eq!(
            AutomaticCheck::start(p.profile(), m, 0, t0()).unwrap_err(),
            FlowError::MethodNotOffered,
            "{p} {m}"
        );
    }
}

#[test]
fn happy_paths_for_every_seed_machine() {
    for (label, provider, method, sub, expected, cap) in machines() {
        let (mut flow, step) = AutomaticCheck::start(provider.profile(), method, 0, t0()).unwrap();
        assert_eq!(step.status, Status::AwaitingApplicant, "{label}");
        let step = flow.handle(E::Submit(sub), at(1), &cal()).unwrap();
        if let Action::StartLiveness { actor, .. } = step.actions[0] {
            assert_eq!(actor, sub.actor, "{label}");
        }
        let mut minute = 1;
        let mut first = Some(step);
        let mut codes = Vec::new();
        let mut bind_cap = None;
        // Walk to the bind, checking the statuses on the way.
        loop {
            let step = first.take().unwrap();
            let action = step.actions[0];
            codes.push(action.code());
            let expect_status = match action {
                Action::SendSmsCode { .. } => Status::AwaitingParty(Party::Phone),
                Action::StartLiveness { .. } => Status::AwaitingParty(Party::IdentityAuthority),
                Action::CheckIdentity { .. } => Status::AwaitingParty(if method == M::BankCard {
                    Party::Bank
                } else {
                    Party::IdentityAuthority
                }),
                Action::QueueReview { due, .. } => Status::InReview { due },
                Action::Bind { cap, .. } => {
                    bind_cap = Some(cap);
                    Status::AwaitingParty(Party::Store)
                }
                _ => unreachable!(),
            };
            assert_eq!(step.status, expect_status, "{label}");
            if action.code() == "bind" {
                let (rest, last) = run(&mut flow, step, &mut minute);
                assert_eq!(rest, ["bind"]);
                assert_eq!(last.status, Status::Verified, "{label}");
                assert!(last.failure.is_none() && last.actions.is_empty());
                break;
            }
            minute += 1;
            let next = flow.handle(pass(action), at(minute), &cal()).unwrap();
            first = Some(next);
        }
        assert_eq!(codes, expected, "{label}");
        assert_eq!(bind_cap, Some(cap), "{label}");
        assert_eq!(flow.uses(), 1, "{label}: one check counted");
        // Terminal: every later event is refused and changes nothing; a
        // sweeper's tick is answered with the flow as it is.
        let before = flow.clone();
        let tick = flow.handle(E::Tick, at(100), &cal()).unwrap();
        assert_eq!(
            (tick.status, tick.revision),
            (Status::Verified, before.revision())
        );
        for e in [E::Withdraw, E::Submit(sub)] {
            assert!(
                matches!(
                    flow.handle(e, at(100), &cal()),
                    Err(FlowError::Unexpected {
                        status: Status::Verified,
                        ..
                    })
                ),
                "{label}: {e:?}"
            );
        }
        assert_eq!(flow, before);
    }
}

#[test]
fn kingsoft_id_card_video_fails_back_to_the_form_without_limit() {
    let mut flow = start(Provider::Kingsoft, M::IdCardVideo, 0);
    // Lighting, a face too unlike the ID photo: as often as the applicant
    // likes, since no limit is stated; each video is a counted check.
    for i in 0..20 {
        let s = flow
            .handle(E::Submit(individual()), at(2 * i), &cal())
            .unwrap();
        let [
            Action::StartLiveness {
                id,
                kind: Liveness::VideoReadingDigits,
                actor: Actor::Applicant,
            },
        ] = s.actions[..]
        else {
            panic!("{s:?}")
        };
        let reason = (i % 2 == 0).then_some(FailureReason::ShootingConditions);
        let s = flow
            .handle(
                E::Liveness {
                    id,
                    passed: false,
                    reason,
                },
                at(2 * i + 1),
                &cal(),
            )
            .unwrap();
        assert_eq!(s.status, Status::AwaitingApplicant);
        assert_eq!(s.failure, Some(Failure::LivenessFailed { reason }));
    }
    assert_eq!((flow.uses(), flow.attempts_left()), (20, None));
    // The applicant may also leave for another method.
    let s = flow.handle(E::Withdraw, at(100), &cal()).unwrap();
    assert_eq!(s.status, Status::Withdrawn);
}

#[test]
fn kingsoft_bank_card_sms_face_and_the_four_mismatches() {
    // A wrong SMS code: back to the form, nothing counted.
    let mut flow = start(Provider::Kingsoft, M::BankCard, 0);
    let s = flow.handle(E::Submit(individual()), at(1), &cal()).unwrap();
    let s = flow
        .handle(
            E::SmsCode {
                id: id(&s),
                confirmed: false,
            },
            at(2),
            &cal(),
        )
        .unwrap();
    assert_eq!(
        (s.status, s.failure),
        (Status::AwaitingApplicant, Some(Failure::SmsCodeFailed))
    );
    assert_eq!(flow.uses(), 0);

    // The face image not captured: the bank's check was not asked for, so
    // nothing is counted.
    let Action::StartLiveness { id: face, kind, .. } =
        to_action(&mut flow, individual(), "start_liveness")
    else {
        unreachable!()
    };
    assert_eq!(kind, Liveness::FaceImage);
    let s = flow
        .handle(
            E::Liveness {
                id: face,
                passed: false,
                reason: None,
            },
            at(10),
            &cal(),
        )
        .unwrap();
    assert_eq!(s.failure, Some(Failure::LivenessFailed { reason: None }));
    assert_eq!(flow.uses(), 0);

    // Name ≠ ID, name ≠ card holder, card ≠ reserved phone, face ≠
    // identity: each an identity mismatch with the bank's reason, counted,
    // and the applicant may try again (no limit stated).
    let reasons = [
        Some(FailureReason::NameNotId),
        Some(FailureReason::NameNotCardHolder),
        Some(FailureReason::CardNotBankPhone),
        Some(FailureReason::FaceNotIdentity),
    ];
    let mut flow = start(Provider::Kingsoft, M::BankCard, 0);
    for (i, reason) in reasons.into_iter().enumerate() {
        let Action::CheckIdentity { id } = to_action(&mut flow, individual(), "check_identity")
        else {
            unreachable!()
        };
        assert_eq!(flow.status(), Status::AwaitingParty(Party::Bank));
        let s = flow
            .handle(
                E::Checked {
                    id,
                    matched: false,
                    reason,
                },
                later(&flow),
                &cal(),
            )
            .unwrap();
        assert_eq!(s.status, Status::AwaitingApplicant);
        assert_eq!(s.failure, Some(Failure::IdentityMismatch { reason }));
        assert_eq!(flow.uses(), i as u32 + 1);
    }
}

#[test]
fn baidu_face_failure_invalidates_the_qr_code() {
    let mut flow = start(Provider::Baidu, M::Face, 0);
    let s = flow.handle(E::Submit(individual()), at(1), &cal()).unwrap();
    let old = id(&s);
    let s = flow
        .handle(
            E::Liveness {
                id: old,
                passed: false,
                reason: None,
            },
            at(2),
            &cal(),
        )
        .unwrap();
    // Back to the form: the applicant resubmits from the PC.
    assert_eq!(s.status, Status::AwaitingApplicant);
    assert_eq!(s.failure.unwrap().code(), "liveness_failed");
    let s = flow.handle(E::Submit(individual()), at(3), &cal()).unwrap();
    let new = id(&s);
    assert_ne!(old, new, "a new QR code");
    // The old QR code's result, arriving late and otherwise, changes
    // nothing: the first answer stands, and the caller is told.
    let rev = flow.revision();
    let e = flow
        .handle(
            E::Liveness {
                id: old,
                passed: true,
                reason: None,
            },
            at(4),
            &cal(),
        )
        .unwrap_err();
    assert_eq!(e, FlowError::ConflictingAnswer { id: old });
    assert_eq!(flow.revision(), rev);
    // No attempt limit is stated: many failures never lock.
    for i in 0..30 {
        let pending = flow.view().pending.unwrap();
        let s = flow
            .handle(
                E::Liveness {
                    id: pending,
                    passed: false,
                    reason: None,
                },
                at(10 + i),
                &cal(),
            )
            .unwrap();
        assert_eq!(s.status, Status::AwaitingApplicant);
        let _ = flow
            .handle(E::Submit(individual()), at(10 + i), &cal())
            .unwrap();
    }
    assert_eq!(flow.attempts_left(), None);
    assert_eq!(flow.uses(), 32);
}

#[test]
fn baidu_bank_card_locks_after_ten_attempts() {
    let mut flow = start(Provider::Baidu, M::BankCard, 0);
    for i in 1..=10u32 {
        // A wrong SMS code first: counts nothing.
        let s = flow
            .handle(E::Submit(individual()), later(&flow), &cal())
            .unwrap();
        let _ = flow
            .handle(
                E::SmsCode {
                    id: id(&s),
                    confirmed: false,
                },
                later(&flow),
                &cal(),
            )
            .unwrap();
        assert_eq!(flow.uses(), i - 1);
        let Action::CheckIdentity { id } = to_action(&mut flow, individual(), "check_identity")
        else {
            unreachable!()
        };
        assert_eq!(flow.uses(), i);
        let s = flow
            .handle(
                E::Checked {
                    id,
                    matched: false,
                    reason: None,
                },
                later(&flow),
                &cal(),
            )
            .unwrap();
        if i < 10 {
            assert_eq!(s.status, Status::AwaitingApplicant);
            assert_eq!(s.failure, Some(Failure::IdentityMismatch { reason: None }));
            assert_eq!(flow.attempts_left(), Some(10 - i));
        } else {
            // The tenth mismatch: the method is locked, other methods stay
            // open.
            assert_eq!(s.status, Status::Locked);
            assert_eq!(
                s.failure,
                Some(Failure::AttemptsExhausted {
                    counted: Counted::Attempts,
                    max: 10,
                    fallback: None
                })
            );
        }
    }
    assert_eq!(flow.uses(), 10);
    assert!(
        flow.handle(E::Submit(individual()), later(&flow), &cal())
            .is_err()
    );

    // An account that used all ten before starts locked; one with nine
    // left one, and passing with it verifies.
    let (_, s) = AutomaticCheck::start(Provider::Baidu.profile(), M::BankCard, 10, t0()).unwrap();
    assert_eq!(s.status, Status::Locked);
    let mut flow = start(Provider::Baidu, M::BankCard, 9);
    let s = flow.handle(E::Submit(individual()), at(1), &cal()).unwrap();
    let (_, last) = run(&mut flow, s, &mut 1);
    assert_eq!(last.status, Status::Verified);
    assert_eq!(flow.uses(), 10);
}

#[test]
fn baidu_legal_representative_face() {
    // Who may act: the representative; a delegate only for an
    // organisation other than an enterprise; never an individual.
    let mut flow = start(Provider::Baidu, M::LegalRepresentativeFace, 0);
    let before = flow.clone();
    for sub in [
        Submission::organization(Enterprise, Actor::Delegate),
        Submission::organization(Enterprise, Actor::Operator),
        Submission::organization(Enterprise, Actor::Applicant),
        individual(),
    ] {
        assert!(
            matches!(
                flow.handle(E::Submit(sub), at(1), &cal()),
                Err(FlowError::Unexpected {
                    event: "submit",
                    ..
                })
            ),
            "{sub:?}"
        );
        assert_eq!(flow, before);
    }

    // An enterprise: verified at once after the face.
    let mut flow = start(Provider::Baidu, M::LegalRepresentativeFace, 0);
    let s = flow
        .handle(E::Submit(lr(Enterprise)), at(1), &cal())
        .unwrap();
    let (codes, last) = run(&mut flow, s, &mut 1);
    assert_eq!(codes, ["start_liveness", "bind"]);
    assert_eq!(last.status, Status::Verified);

    // Another organisation, its representative or a delegate: a review of
    // at most 2 working days, which may reject.
    for actor in [Actor::LegalRepresentative, Actor::Delegate] {
        let mut flow = start(Provider::Baidu, M::LegalRepresentativeFace, 0);
        let sub = Submission::organization(OtherOrganization, actor);
        let s = flow.handle(E::Submit(sub), at(1), &cal()).unwrap();
        let [Action::StartLiveness { id, actor: a, .. }] = s.actions[..] else {
            panic!()
        };
        assert_eq!(a, actor);
        let s = flow
            .handle(
                E::Liveness {
                    id,
                    passed: true,
                    reason: None,
                },
                at(2),
                &cal(),
            )
            .unwrap();
        let [Action::QueueReview { id, due }] = s.actions[..] else {
            panic!("{s:?}")
        };
        // Monday 1 June + 2 working days: 24:00 on Wednesday 3 June, Beijing.
        assert_eq!(due, Utc.with_ymd_and_hms(2026, 6, 3, 16, 0, 0).unwrap());
        assert_eq!(
            (s.status, s.next_deadline),
            (Status::InReview { due }, Some(due))
        );
        // The due time is when to call back; it ends nothing by itself:
        // past it the review is overdue, and no longer called back for.
        let s = flow
            .clone()
            .handle(E::Tick, due + Duration::days(1), &cal())
            .unwrap();
        assert_eq!(
            (s.status, s.next_deadline),
            (Status::InReview { due }, None)
        );
        let mut rejected = flow.clone();
        let s = rejected
            .handle(
                E::ReviewDecided {
                    id,
                    approved: false,
                },
                at(3000),
                &cal(),
            )
            .unwrap();
        assert_eq!(
            (s.status, s.failure),
            (Status::Failed, Some(Failure::ReviewRejected))
        );
        let s = flow
            .handle(E::ReviewDecided { id, approved: true }, at(3000), &cal())
            .unwrap();
        assert_eq!(s.actions[0].code(), "bind");
    }

    // A failed face: back to refresh the QR code, counted; the tenth locks.
    let mut flow = start(Provider::Baidu, M::LegalRepresentativeFace, 0);
    for i in 1..=10u32 {
        let s = flow
            .handle(E::Submit(lr(Enterprise)), at(i.into()), &cal())
            .unwrap();
        let s = flow
            .handle(
                E::Liveness {
                    id: id(&s),
                    passed: false,
                    reason: None,
                },
                at(i.into()),
                &cal(),
            )
            .unwrap();
        let expected = if i < 10 {
            Status::AwaitingApplicant
        } else {
            Status::Locked
        };
        assert_eq!(s.status, expected);
    }
}

#[test]
fn tencent_failures_go_back_to_the_form_with_the_reason() {
    for method in [M::WeChatScan, M::QqScan] {
        let mut flow = start(Provider::Tencent, method, 0);
        let s = flow.handle(E::Submit(individual()), at(1), &cal()).unwrap();
        let s = flow
            .handle(
                E::Checked {
                    id: id(&s),
                    matched: false,
                    reason: Some(FailureReason::WrongNameOrNumber),
                },
                at(2),
                &cal(),
            )
            .unwrap();
        assert_eq!(s.status, Status::AwaitingApplicant);
        assert_eq!(
            s.failure,
            Some(Failure::IdentityMismatch {
                reason: Some(FailureReason::WrongNameOrNumber)
            })
        );
        let s = flow.handle(E::Submit(individual()), at(3), &cal()).unwrap();
        let (_, last) = run(&mut flow, s, &mut 3);
        assert_eq!(last.status, Status::Verified);
    }
    let mut flow = start(Provider::Tencent, M::Face, 0);
    let s = flow.handle(E::Submit(individual()), at(1), &cal()).unwrap();
    let s = flow
        .handle(
            E::Liveness {
                id: id(&s),
                passed: false,
                reason: None,
            },
            at(2),
            &cal(),
        )
        .unwrap();
    assert_eq!(s.failure.unwrap().code(), "liveness_failed");
    // Enterprise methods: the representative acts; Tencent names no
    // delegate; an individual cannot use them.
    for method in [
        M::WeChatOfficialAccount,
        M::LegalRepresentativeWeChat,
        M::LegalRepresentativeFace,
    ] {
        let mut flow = start(Provider::Tencent, method, 0);
        for sub in [
            individual(),
            Submission::organization(OtherOrganization, Actor::Delegate),
        ] {
            assert!(flow.handle(E::Submit(sub), at(1), &cal()).is_err());
        }
        let s = flow
            .handle(E::Submit(lr(Enterprise)), at(1), &cal())
            .unwrap();
        let answer = match s.actions[0] {
            Action::StartLiveness { id, .. } => E::Liveness {
                id,
                passed: false,
                reason: None,
            },
            Action::CheckIdentity { id } => E::Checked {
                id,
                matched: false,
                reason: None,
            },
            other => panic!("{other:?}"),
        };
        let s = flow.handle(answer, at(2), &cal()).unwrap();
        assert_eq!(s.status, Status::AwaitingApplicant, "{method}");
        assert!(s.failure.is_some());
    }
    // Individuals' methods take no organisation.
    let mut flow = start(Provider::Tencent, M::Face, 0);
    assert!(
        flow.handle(E::Submit(lr(Enterprise)), at(1), &cal())
            .is_err()
    );
}

#[test]
fn the_cap_reached_by_another_server_refuses() {
    for (label, provider, method, sub, _, cap) in machines() {
        let mut flow = start(provider, method, 0);
        let Action::Bind { id, .. } = to_action(&mut flow, sub, "bind") else {
            unreachable!()
        };
        let s = flow
            .handle(
                E::Bound {
                    id,
                    outcome: BindOutcome::CapReached,
                },
                at(50),
                &cal(),
            )
            .unwrap();
        assert_eq!(s.status, Status::Failed, "{label}");
        assert_eq!(
            s.failure,
            Some(Failure::AccountCap { limit: cap }),
            "{label}"
        );
        // A retried bind that finds the account bound already verifies.
        let mut flow = start(provider, method, 0);
        let Action::Bind { id, .. } = to_action(&mut flow, sub, "bind") else {
            unreachable!()
        };
        let s = flow
            .handle(
                E::Bound {
                    id,
                    outcome: BindOutcome::AlreadyBound,
                },
                at(50),
                &cal(),
            )
            .unwrap();
        assert_eq!(s.status, Status::Verified, "{label}");
    }
}

#[test]
fn withdrawing_is_possible_until_the_bind() {
    for code in ["send_sms_code", "start_liveness", "check_identity"] {
        let mut flow = start(Provider::Kingsoft, M::BankCard, 0);
        let _ = to_action(&mut flow, individual(), code);
        let s = flow.handle(E::Withdraw, at(30), &cal()).unwrap();
        assert_eq!(s.status, Status::Withdrawn, "{code}");
        assert!(flow.handle(E::Withdraw, at(31), &cal()).is_err());
    }
    let mut flow = start(Provider::Baidu, M::LegalRepresentativeFace, 0);
    let sub = Submission::organization(OtherOrganization, Actor::Delegate);
    let _ = to_action(&mut flow, sub, "queue_review");
    assert_eq!(
        flow.handle(E::Withdraw, at(30), &cal()).unwrap().status,
        Status::Withdrawn
    );
    let mut flow = start(Provider::Kingsoft, M::BankCard, 0);
    let _ = to_action(&mut flow, individual(), "bind");
    let before = flow.clone();
    assert!(flow.handle(E::Withdraw, at(30), &cal()).is_err());
    assert_eq!(flow, before);
}

#[test]
fn answers_are_taken_once_and_must_name_the_action() {
    let mut flow = start(Provider::Baidu, M::BankCard, 0);
    let s = flow.handle(E::Submit(individual()), at(1), &cal()).unwrap();
    let sms = id(&s);
    let s = flow
        .handle(
            E::SmsCode {
                id: sms,
                confirmed: true,
            },
            at(2),
            &cal(),
        )
        .unwrap();
    let check = id(&s);
    let rev = flow.revision();
    // The SMS result again (a retried callback): nothing changes.
    let s = flow
        .handle(
            E::SmsCode {
                id: sms,
                confirmed: true,
            },
            at(3),
            &cal(),
        )
        .unwrap();
    assert!(s.duplicate);
    // Answered otherwise: refused, the first answer stands.
    assert_eq!(
        flow.handle(
            E::SmsCode {
                id: sms,
                confirmed: false,
            },
            at(3),
            &cal(),
        ),
        Err(FlowError::ConflictingAnswer { id: sms })
    );
    assert_eq!((flow.revision(), flow.uses()), (rev, 1));
    // An id never emitted, and the right id with the wrong kind of answer.
    let bogus = ActionId {
        revision: 77,
        index: 0,
    };
    assert_eq!(
        flow.handle(
            E::Checked {
                id: bogus,
                matched: true,
                reason: None
            },
            at(3),
            &cal()
        ),
        Err(FlowError::UnknownAction { id: bogus })
    );
    assert!(matches!(
        flow.handle(
            E::ReviewDecided {
                id: check,
                approved: true
            },
            at(3),
            &cal()
        ),
        Err(FlowError::Unexpected { .. })
    ));
    // Time does not go back.
    assert_eq!(
        flow.handle(E::Withdraw, at(1), &cal()),
        Err(FlowError::TimeWentBack)
    );
    assert_eq!(flow.revision(), rev);
}

#[test]
fn tampered_states_are_refused() {
    let mut flow = start(Provider::Baidu, M::BankCard, 0);
    for _ in 0..10 {
        let Action::CheckIdentity { id } = to_action(&mut flow, individual(), "check_identity")
        else {
            unreachable!()
        };
        let _ = flow
            .handle(
                E::Checked {
                    id,
                    matched: false,
                    reason: None,
                },
                later(&flow),
                &cal(),
            )
            .unwrap();
    }
    assert_eq!(flow.status(), Status::Locked);
    let saved = flow.save();
    assert_eq!(AutomaticCheck::restore(saved.clone()).unwrap(), flow);
    let tamper = |f: &dyn Fn(&mut SavedAuto)| {
        let mut s = saved.clone();
        f(&mut s);
        AutomaticCheck::restore(s).unwrap_err()
    };
    // Attempts lowered (see also `prior_uses_lowered_by_hand_are_refused`).
    assert_eq!(
        tamper(&|s| s.uses = 3),
        FlowError::Tampered("the attempt counters")
    );
    // Status changed: unlocked by hand.
    assert_eq!(
        tamper(&|s| s.status = Status::AwaitingApplicant),
        FlowError::Tampered("the status")
    );
    assert_eq!(
        tamper(&|s| s.revision += 1),
        FlowError::Tampered("the revision")
    );
    // The limit raised in the terms: the history no longer ends locked.
    assert_eq!(
        tamper(&|s| s.terms.attempts = None),
        FlowError::Tampered("the status")
    );
    assert!(matches!(
        tamper(&|s| s.terms.cap = Some(0)),
        FlowError::Tampered(_)
    ));
    assert!(matches!(
        tamper(&|s| {
            s.terms.identity_check = None;
        }),
        FlowError::Tampered(_)
    ));
    // History edited.
    assert!(matches!(
        tamper(&|s| {
            s.history.pop();
        }),
        FlowError::Tampered(_)
    ));
    assert!(matches!(
        tamper(&|s| s.history[0].event = E::Withdraw),
        FlowError::Tampered(_)
    ));
    // A reviewed flow's due time moved.
    let mut flow = start(Provider::Baidu, M::LegalRepresentativeFace, 0);
    let _ = to_action(
        &mut flow,
        Submission::organization(OtherOrganization, Actor::Delegate),
        "queue_review",
    );
    let mut s = flow.save();
    s.next_deadline = s.next_deadline.map(|d| d + Duration::days(3));
    assert_eq!(
        AutomaticCheck::restore(s).unwrap_err(),
        FlowError::Tampered("the deadline")
    );
}

#[test]
fn prior_uses_lowered_by_hand_are_refused() {
    let mut flow = start(Provider::Baidu, M::BankCard, 4);
    let _ = to_action(&mut flow, individual(), "check_identity");
    let mut s = flow.save();
    s.prior_uses = 0;
    assert_eq!(
        AutomaticCheck::restore(s).unwrap_err(),
        FlowError::Tampered("the attempt counters")
    );
}

#[test]
fn saved_states_round_trip_through_json_at_every_step() {
    for (label, provider, method, sub, _, _) in machines() {
        let mut flow = start(provider, method, 0);
        assert_eq!(round_trip(&flow), flow, "{label}");
        let s = flow.handle(E::Submit(sub), at(1), &cal()).unwrap();
        // `run` round-trips at every step.
        let (_, last) = run(&mut flow, s, &mut 1);
        assert_eq!(last.status, Status::Verified);
        let json = serde_json::to_string(&flow.save()).unwrap();
        let bad = json.replacen('{', "{\"extra\":1,", 1);
        assert!(serde_json::from_str::<SavedAuto>(&bad).is_err(), "{label}");
    }
}

// ---------------------------------------------------------------------
// The model-based property test.

/// A tiny reference model: the phase, the counted uses, and the rules in
/// their plainest form.
#[derive(Debug, Clone, Copy, PartialEq)]
enum P {
    Form,
    Sms,
    Live,
    Check,
    Review,
    Bind,
    End(Status),
}

#[derive(Debug, Clone)]
struct Model {
    sms: bool,
    live: bool,
    live_is_check: bool,
    individual: bool,
    lr: bool,
    delegate: bool,
    review_other: bool,
    limit: Option<u32>,
    phase: P,
    uses: u32,
    other_org: bool,
}

impl Model {
    fn new(f: &AutomaticCheck, prior: u32) -> Model {
        let t = f.terms();
        let mut m = Model {
            sms: t.sms,
            live: t.liveness.is_some(),
            live_is_check: t.identity_check.is_none(),
            individual: t.subject == realname::SubjectKind::Individual,
            lr: t.legal_representative,
            delegate: t.delegate,
            review_other: t.review.is_some(),
            limit: t.attempts.map(|a| a.max),
            phase: P::Form,
            uses: prior,
            other_org: false,
        };
        if m.limit.is_some_and(|l| prior >= l) {
            m.phase = P::End(Status::Locked);
        }
        m
    }

    fn terminal(&self) -> bool {
        matches!(self.phase, P::End(_))
    }

    fn count(&mut self) {
        self.uses += 1;
    }

    fn after_form(&mut self) {
        if self.sms {
            self.phase = P::Sms;
        } else {
            self.after_sms();
        }
    }

    fn after_sms(&mut self) {
        if self.live {
            self.phase = P::Live;
            if self.live_is_check {
                self.count();
            }
        } else {
            self.phase = P::Check;
            self.count();
        }
    }

    fn after_check(&mut self) {
        self.phase = if self.review_other && self.other_org {
            P::Review
        } else {
            P::Bind
        };
    }

    fn fail(&mut self, counted: bool) {
        self.phase = match self.limit {
            Some(l) if counted && self.uses >= l => P::End(Status::Locked),
            _ => P::Form,
        };
    }

    /// Whether the model accepts the draw (and changes), given that its
    /// answers carry the pending id.
    fn step(&mut self, d: &Draw) -> bool {
        if self.terminal() {
            return false;
        }
        match (self.phase, *d) {
            (_, Draw::Tick) => true,
            (P::Bind, Draw::Withdraw) => false,
            (_, Draw::Withdraw) => {
                self.phase = P::End(Status::Withdrawn);
                true
            }
            (P::Form, Draw::Submit(who, _)) => {
                let ok = match who {
                    0 => self.individual,
                    1 | 2 => !self.individual, // the representative
                    3 => !self.individual && self.delegate,
                    _ => !self.individual && !self.lr,
                };
                if ok {
                    self.other_org = who == 2 || who == 3;
                    self.after_form();
                }
                ok
            }
            (P::Sms, Draw::Sms(ok)) => {
                if ok {
                    self.after_sms()
                } else {
                    self.fail(false)
                }
                true
            }
            (P::Live, Draw::Live(ok)) => {
                if !ok {
                    self.fail(self.live_is_check);
                } else if self.live_is_check {
                    self.after_check();
                } else {
                    self.phase = P::Check;
                    self.count();
                }
                true
            }
            (P::Check, Draw::Check(ok)) => {
                if ok {
                    self.after_check()
                } else {
                    self.fail(true)
                }
                true
            }
            (P::Review, Draw::Review(ok)) => {
                self.phase = if ok { P::Bind } else { P::End(Status::Failed) };
                true
            }
            (P::Bind, Draw::Bind(k)) => {
                self.phase = P::End(if k == 2 {
                    Status::Failed
                } else {
                    Status::Verified
                });
                true
            }
            _ => false,
        }
    }

    fn status_code(&self) -> &'static str {
        match self.phase {
            P::Form => "awaiting_applicant",
            P::Sms | P::Live | P::Check | P::Bind => "awaiting_party",
            P::Review => "in_review",
            P::End(s) => s.code(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Draw {
    /// Who submits (0 individual, 1 enterprise's representative, 2 another
    /// organisation's representative, 3 its delegate, 4 an operator), and
    /// whether the risk policy flags it.
    Submit(u8, bool),
    Sms(bool),
    Live(bool),
    Check(bool),
    Review(bool),
    Bind(u8),
    Withdraw,
    Tick,
    /// An answer naming an action never emitted.
    Stale,
    /// The last answer accepted, again.
    Repeat,
}

fn draw() -> impl Strategy<Value = Draw> {
    prop_oneof![
        (0u8..5, any::<bool>()).prop_map(|(w, r)| Draw::Submit(w, r)),
        any::<bool>().prop_map(Draw::Sms),
        any::<bool>().prop_map(Draw::Live),
        any::<bool>().prop_map(Draw::Check),
        any::<bool>().prop_map(Draw::Review),
        (0u8..3).prop_map(Draw::Bind),
        Just(Draw::Withdraw),
        Just(Draw::Tick),
        Just(Draw::Stale),
        Just(Draw::Repeat),
    ]
}

fn submission(who: u8, risk: bool) -> Submission {
    let s = match who {
        0 => individual(),
        1 => lr(Enterprise),
        2 => lr(OtherOrganization),
        3 => Submission::organization(OtherOrganization, Actor::Delegate),
        _ => Submission::organization(Enterprise, Actor::Operator),
    };
    if risk { s.with_risk_hit() } else { s }
}

fn seed_machine() -> impl Strategy<Value = (Provider, M)> {
    prop_oneof![
        Just((Provider::Kingsoft, M::IdCardVideo)),
        Just((Provider::Kingsoft, M::BankCard)),
        Just((Provider::Baidu, M::Face)),
        Just((Provider::Baidu, M::BankCard)),
        Just((Provider::Baidu, M::LegalRepresentativeFace)),
        Just((Provider::Tencent, M::WeChatScan)),
        Just((Provider::Tencent, M::QqScan)),
        Just((Provider::Tencent, M::Face)),
        Just((Provider::Tencent, M::WeChatOfficialAccount)),
        Just((Provider::Tencent, M::LegalRepresentativeWeChat)),
        Just((Provider::Tencent, M::LegalRepresentativeFace)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Random sequences of events and times against the reference model:
    /// the same acceptance and status, attempts never beyond the limit,
    /// terminal states absorbing every later event, the revision one more
    /// per accepted event, a refused event changing nothing, and
    /// restore(save()) the same flow at every step.
    #[test]
    fn random_sequences_follow_the_model(
        (provider, method) in seed_machine(),
        prior in 0u32..12,
        draws in proptest::collection::vec((draw(), 0i64..(3 * 24 * 60)), 0..60),
    ) {
        let (mut flow, _) = AutomaticCheck::start(provider.profile(), method, prior, t0()).unwrap();
        let mut model = Model::new(&flow, prior);
        prop_assert_eq!(flow.status().code(), model.status_code());
        let mut now = t0();
        let mut last_answer: Option<E> = None;
        for (d, gap) in draws {
            now += Duration::minutes(gap);
            let d = if matches!(d, Draw::Repeat) && last_answer.is_none() { Draw::Tick } else { d };
            let pending = flow.view().pending.unwrap_or(ActionId { revision: 0, index: 0 });
            let event = match d {
                Draw::Submit(who, risk) => E::Submit(submission(who, risk)),
                Draw::Sms(confirmed) => E::SmsCode { id: pending, confirmed },
                Draw::Live(passed) => E::Liveness { id: pending, passed, reason: None },
                Draw::Check(matched) => E::Checked { id: pending, matched, reason: None },
                Draw::Review(approved) => E::ReviewDecided { id: pending, approved },
                Draw::Bind(k) => E::Bound {
                    id: pending,
                    outcome: [BindOutcome::Bound, BindOutcome::AlreadyBound, BindOutcome::CapReached][k as usize],
                },
                Draw::Withdraw => E::Withdraw,
                Draw::Tick => E::Tick,
                Draw::Stale => E::Checked { id: ActionId { revision: 500, index: 0 }, matched: true, reason: None },
                Draw::Repeat => last_answer.unwrap_or(E::Tick),
            };
            let before = flow.clone();
            let was_terminal = flow.status().is_terminal();
            let repeat = matches!(d, Draw::Repeat) && last_answer.is_some();
            let stale = matches!(d, Draw::Stale);
            // An ended flow answers a tick and a repeated answer with itself.
            let expect = if repeat || stale {
                repeat
            } else if model.terminal() && matches!(d, Draw::Tick) {
                true
            } else {
                model.step(&d)
            };
            let result = flow.handle(event, now, &cal());
            prop_assert_eq!(result.is_ok(), expect, "{:?} in {:?}: {:?}", d, model.phase, result);
            match result {
                Ok(step) => {
                    prop_assert!(!was_terminal || repeat || matches!(d, Draw::Tick));
                    prop_assert_eq!(step.duplicate, repeat);
                    if repeat || matches!(d, Draw::Tick) {
                        // The time alone changes nothing but marking a
                        // review past its due time overdue, once.
                        if flow != before {
                            let in_review = matches!(flow.status(), Status::InReview { .. });
                            prop_assert!(in_review);
                            prop_assert_eq!(flow.next_deadline(), None);
                            prop_assert_eq!(flow.revision(), before.revision() + 1);
                        }
                    } else {
                        prop_assert_eq!(flow.revision(), before.revision() + 1);
                        prop_assert_eq!(flow.history().len(), before.history().len() + 1);
                        if event.answers().is_some() {
                            last_answer = Some(event);
                        }
                    }
                    prop_assert_eq!(step.status, flow.status());
                    prop_assert_eq!(step.revision, flow.revision());
                }
                Err(e) => {
                    prop_assert_eq!(&flow, &before);
                    if was_terminal && event.answers().is_none() {
                        let is_unexpected = matches!(e, FlowError::Unexpected { .. });
                        prop_assert!(is_unexpected);
                    }
                }
            }
            prop_assert_eq!(flow.status().code(), model.status_code(), "after {:?}", d);
            prop_assert_eq!(flow.uses(), model.uses);
            if let Some(max) = flow.terms().attempts.map(|a| a.max) {
                prop_assert!(flow.uses() <= max.max(prior));
            }
            prop_assert_eq!(round_trip(&flow), flow.clone());
        }
    }
}
