//! The document-review machine: Kingsoft's other documents (K-OTHER) and
//! enterprise certificate (K-CERT), Huawei's document upload (H-DOC),
//! through the built-in profiles; overdue reviews; tampered saved states;
//! serde at every step; and a model-based property test.

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use realname::calendar::{ChinaMainland, due};
use realname::flow::{
    Action, ActionId, Actor, BindOutcome, DocumentReview, Failure, FlowError, Part,
    ReviewEvent as E, ReviewOutcome, SavedReview, Status, Step, Upload, UploadProblem, Uploads,
};
use realname::policy::{Contact, FileFormat, MethodKind, Profile, Provider, Stated};
use realname::rules::review_due;

const DOC: MethodKind = MethodKind::DocumentUpload;
const CERT: MethodKind = MethodKind::CertificateUpload;

fn cal() -> ChinaMainland {
    ChinaMainland::default()
}

/// Monday 2 November 2026, 10:00 in Beijing.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0).unwrap()
}

fn at(hours: i64) -> DateTime<Utc> {
    t0() + Duration::hours(hours)
}

fn files(parts: &[(Part, &str, u64)]) -> Uploads {
    let v: Vec<Upload> = parts
        .iter()
        .map(|(p, name, bytes)| Upload::new(*p, name, *bytes))
        .collect();
    Uploads::new(&v).unwrap()
}

fn personal() -> Uploads {
    files(&[
        (Part::DocumentImage, "护照.张三丰.jpg", 800_000),
        (Part::HandheldPhoto, "手持.张三丰.png", 1_500_000),
    ])
}

fn by_legal_rep() -> Uploads {
    files(&[
        (Part::Certificate, "营业执照.jpg", 800_000),
        (Part::LegalRepresentativeId, "法人身份证.jpg", 500_000),
    ])
}

fn by_delegate() -> Uploads {
    files(&[
        (Part::Certificate, "营业执照.jpg", 800_000),
        (Part::AuthorizationLetter, "授权书.pdf", 300_000),
        (Part::DelegateId, "被授权人身份证.jpg", 500_000),
    ])
}

fn submit(uploads: Uploads) -> E {
    E::Submit {
        uploads,
        ocr: Some(true),
        signatory: None,
    }
}

fn signed(uploads: Uploads, who: Actor) -> E {
    E::Submit {
        uploads,
        ocr: None,
        signatory: Some(who),
    }
}

/// Handles the event, then checks the saved state round-trips through
/// JSON and restores to the same flow.
fn go(flow: &mut DocumentReview, event: E, now: DateTime<Utc>) -> Result<Step, FlowError> {
    let step = flow.handle(event, now, &cal());
    round_trip(flow);
    step
}

fn round_trip(flow: &DocumentReview) {
    let json = serde_json::to_string(&flow.save()).unwrap();
    assert!(!json.contains("张三丰") && !json.contains(".jpg"), "{json}");
    let back: SavedReview = serde_json::from_str(&json).unwrap();
    assert_eq!(&DocumentReview::restore(back).unwrap(), flow);
    assert_eq!(&DocumentReview::restore(flow.save()).unwrap(), flow);
}

fn queued(step: &Step) -> (ActionId, DateTime<Utc>) {
    match step.actions[..] {
        [Action::QueueReview { id, due }] => (id, due),
        ref other => panic!("expected a review, got {other:?}"),
    }
}

fn bind(step: &Step) -> (ActionId, Option<u32>) {
    match step.actions[..] {
        [Action::Bind { id, cap }] => (id, cap),
        ref other => panic!("expected a bind, got {other:?}"),
    }
}

fn decide(
    flow: &mut DocumentReview,
    id: ActionId,
    outcome: ReviewOutcome,
    now: DateTime<Utc>,
) -> Step {
    go(flow, E::ReviewDecided { id, outcome }, now).unwrap()
}

/// Every event refused, the flow unchanged.
fn absorbs_everything(flow: &mut DocumentReview, now: DateTime<Utc>) {
    let before = flow.clone();
    let id = ActionId {
        revision: 77,
        index: 0,
    };
    for event in [
        submit(personal()),
        E::ReviewDecided {
            id,
            outcome: ReviewOutcome::Approved,
        },
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

fn start(provider: Provider, method: MethodKind) -> DocumentReview {
    let (flow, step) = DocumentReview::start(provider.profile(), method, 0, t0()).unwrap();
    assert_eq!(step.status, Status::AwaitingApplicant);
    round_trip(&flow);
    flow
}

/// Submits, checks the due time against `rules::review_due`, approves and
/// binds.
fn verify(
    provider: Provider,
    method: MethodKind,
    event: E,
    due_at: DateTime<Utc>,
    cap: Option<u32>,
) -> DocumentReview {
    let mut flow = start(provider, method);
    let step = go(&mut flow, event, t0()).unwrap();
    let (id, due) = queued(&step);
    assert_eq!(due, due_at);
    let rule = review_due(provider.profile(), method, false, t0(), &cal())
        .unwrap()
        .unwrap();
    assert_eq!(due, rule.due);
    assert_eq!(step.status, Status::InReview { due });
    assert_eq!(step.next_deadline, Some(due));
    assert_eq!(flow.uses(), 1);
    let step = decide(&mut flow, id, ReviewOutcome::Approved, at(20));
    let (id, got_cap) = bind(&step);
    assert_eq!(got_cap, cap);
    assert_eq!(
        step.status,
        Status::AwaitingParty(realname::flow::Party::Store)
    );
    let step = go(
        &mut flow,
        E::Bound {
            id,
            outcome: BindOutcome::Bound,
        },
        at(21),
    )
    .unwrap();
    assert_eq!(step.status, Status::Verified);
    assert_eq!((step.failure, flow.revision()), (None, 3));
    absorbs_everything(&mut flow, at(22));
    flow
}

// ---------------------------------------------------------------------------
// K-OTHER: Kingsoft's other personal documents, 1–2 working days.

#[test]
fn k_other_happy_path() {
    // Two working days: 24:00 on Wednesday 4 November, Beijing.
    let due = Utc.with_ymd_and_hms(2026, 11, 4, 16, 0, 0).unwrap();
    verify(Provider::Kingsoft, DOC, submit(personal()), due, Some(1));
}

#[test]
fn k_other_review_across_the_national_day_holiday() {
    let t = Utc.with_ymd_and_hms(2026, 9, 30, 9, 0, 0).unwrap();
    let (mut flow, _) = DocumentReview::start(Provider::Kingsoft.profile(), DOC, 0, t).unwrap();
    let step = flow.handle(submit(personal()), t, &cal()).unwrap();
    let (_, due) = queued(&step);
    assert_eq!(due, Utc.with_ymd_and_hms(2026, 10, 9, 16, 0, 0).unwrap());
}

#[test]
fn k_other_rejected() {
    let mut flow = start(Provider::Kingsoft, DOC);
    let (id, _) = queued(&go(&mut flow, submit(personal()), t0()).unwrap());
    let step = decide(&mut flow, id, ReviewOutcome::Rejected, at(3));
    assert_eq!(step.status, Status::Failed);
    assert_eq!(step.failure, Some(Failure::ReviewRejected));
    assert!(step.actions.is_empty());
    absorbs_everything(&mut flow, at(4));
}

#[test]
fn k_other_sent_back_then_resubmitted_counts_again() {
    let mut flow = start(Provider::Kingsoft, DOC);
    let (id, _) = queued(&go(&mut flow, submit(personal()), t0()).unwrap());
    let step = decide(&mut flow, id, ReviewOutcome::ResubmissionRequested, at(3));
    assert_eq!(step.status, Status::AwaitingApplicant);
    assert_eq!(step.failure, Some(Failure::ResubmissionRequested));
    assert_eq!(step.next_deadline, None);
    assert_eq!(flow.uses(), 1);
    let step = go(&mut flow, submit(personal()), at(4)).unwrap();
    let (id2, _) = queued(&step);
    assert_ne!(id, id2);
    assert_eq!((flow.uses(), step.failure), (2, None));
}

#[test]
fn k_other_ocr_mismatch_is_shown_and_counts_nothing() {
    let mut flow = start(Provider::Kingsoft, DOC);
    let event = E::Submit {
        uploads: personal(),
        ocr: Some(false),
        signatory: None,
    };
    let step = go(&mut flow, event, t0()).unwrap();
    assert_eq!(step.status, Status::AwaitingApplicant);
    assert_eq!(step.failure, Some(Failure::DocumentMismatch));
    assert!(step.actions.is_empty());
    assert_eq!((flow.uses(), flow.revision()), (0, 1));
    assert_eq!(
        Failure::DocumentMismatch.to_string_zh(),
        "填写的姓名或证件号码与证件照片不一致"
    );
    // Fixed, it goes to review.
    queued(&go(&mut flow, submit(personal()), at(1)).unwrap());
    assert_eq!(flow.uses(), 1);
}

#[test]
fn k_other_cap_reached_at_the_bind() {
    let mut flow = start(Provider::Kingsoft, DOC);
    let (id, _) = queued(&go(&mut flow, submit(personal()), t0()).unwrap());
    let (id, cap) = bind(&decide(&mut flow, id, ReviewOutcome::Approved, at(3)));
    assert_eq!(cap, Some(1));
    let step = go(
        &mut flow,
        E::Bound {
            id,
            outcome: BindOutcome::CapReached,
        },
        at(4),
    )
    .unwrap();
    assert_eq!(step.status, Status::Failed);
    assert_eq!(step.failure, Some(Failure::AccountCap { limit: Some(1) }));
    absorbs_everything(&mut flow, at(5));
}

#[test]
fn k_other_refused_uploads_change_nothing_and_name_no_file() {
    let mut flow = start(Provider::Kingsoft, DOC);
    let before = flow.clone();
    let cases = [
        (
            files(&[(Part::DocumentImage, "a.jpg", 10)]),
            UploadProblem::Missing {
                part: Part::HandheldPhoto,
            },
        ),
        (
            files(&[
                (Part::DocumentImage, "a.jpg", 0),
                (Part::HandheldPhoto, "b.jpg", 10),
            ]),
            UploadProblem::Empty {
                part: Part::DocumentImage,
            },
        ),
        (
            files(&[
                (Part::DocumentImage, "a.jpg", 10),
                (Part::HandheldPhoto, "b.jpg", 10),
                (Part::Certificate, "c.jpg", 10),
            ]),
            UploadProblem::NotAsked {
                part: Part::Certificate,
            },
        ),
    ];
    for (uploads, problem) in cases {
        let err = flow.handle(submit(uploads), t0(), &cal()).unwrap_err();
        assert_eq!(err, FlowError::UploadRefused(problem));
        assert_eq!(err.code(), "flow_upload_refused");
        assert_eq!(flow, before);
    }
    // Kingsoft states no formats or sizes: any other file is taken.
    let odd = files(&[
        (Part::DocumentImage, "scan.heic", 50 * 1024 * 1024),
        (Part::HandheldPhoto, "photo", 10),
    ]);
    queued(&go(&mut flow, submit(odd), t0()).unwrap());
    // A personal document has no signatory.
    let mut flow = start(Provider::Kingsoft, DOC);
    let err = flow
        .handle(signed(personal(), Actor::LegalRepresentative), t0(), &cal())
        .unwrap_err();
    assert_eq!(err, FlowError::UploadRefused(UploadProblem::Signatory));
}

#[test]
fn k_other_withdrawn_in_review() {
    let mut flow = start(Provider::Kingsoft, DOC);
    let (id, _) = queued(&go(&mut flow, submit(personal()), t0()).unwrap());
    let step = go(&mut flow, E::Withdraw, at(1)).unwrap();
    assert_eq!(step.status, Status::Withdrawn);
    // The reviewer's late answer meets a withdrawn flow.
    let err = flow
        .handle(
            E::ReviewDecided {
                id,
                outcome: ReviewOutcome::Approved,
            },
            at(2),
            &cal(),
        )
        .unwrap_err();
    // The review's answer names an action no longer awaited.
    assert_eq!(err.code(), "flow_unknown_action");
    absorbs_everything(&mut flow, at(3));
}

// ---------------------------------------------------------------------------
// K-CERT: Kingsoft's enterprise certificate.

#[test]
fn k_cert_legal_representative_happy_path() {
    let due = Utc.with_ymd_and_hms(2026, 11, 4, 16, 0, 0).unwrap();
    // Several accounts per certificate: a cap without a number.
    verify(
        Provider::Kingsoft,
        CERT,
        signed(by_legal_rep(), Actor::LegalRepresentative),
        due,
        None,
    );
}

#[test]
fn k_cert_delegate_with_a_sealed_letter() {
    let due = Utc.with_ymd_and_hms(2026, 11, 4, 16, 0, 0).unwrap();
    verify(
        Provider::Kingsoft,
        CERT,
        signed(by_delegate(), Actor::Delegate),
        due,
        None,
    );
}

#[test]
fn k_cert_what_each_signatory_must_upload() {
    let mut flow = start(Provider::Kingsoft, CERT);
    let before = flow.clone();
    let cases = [
        // A delegate without the letter.
        (
            signed(
                files(&[
                    (Part::Certificate, "c.jpg", 10),
                    (Part::DelegateId, "d.jpg", 10),
                ]),
                Actor::Delegate,
            ),
            UploadProblem::Missing {
                part: Part::AuthorizationLetter,
            },
        ),
        // The legal representative's ID missing.
        (
            signed(
                files(&[(Part::Certificate, "c.jpg", 10)]),
                Actor::LegalRepresentative,
            ),
            UploadProblem::Missing {
                part: Part::LegalRepresentativeId,
            },
        ),
        // The certificate missing.
        (
            signed(
                files(&[(Part::LegalRepresentativeId, "l.jpg", 10)]),
                Actor::LegalRepresentative,
            ),
            UploadProblem::Missing {
                part: Part::Certificate,
            },
        ),
        // A delegate's ID with the legal representative signing.
        (
            signed(by_delegate(), Actor::LegalRepresentative),
            UploadProblem::NotAsked {
                part: Part::AuthorizationLetter,
            },
        ),
        // No one signs, or someone who cannot.
        (submit(by_legal_rep()), UploadProblem::Signatory),
        (
            signed(by_legal_rep(), Actor::Operator),
            UploadProblem::Signatory,
        ),
    ];
    for (event, problem) in cases {
        let err = flow.handle(event, t0(), &cal()).unwrap_err();
        assert_eq!(err, FlowError::UploadRefused(problem), "{event:?}");
        assert_eq!(flow, before);
    }
}

#[test]
fn k_cert_rejected_and_sent_back() {
    let mut flow = start(Provider::Kingsoft, CERT);
    let event = signed(by_legal_rep(), Actor::LegalRepresentative);
    let (id, _) = queued(&go(&mut flow, event, t0()).unwrap());
    let step = decide(&mut flow, id, ReviewOutcome::ResubmissionRequested, at(2));
    assert_eq!(step.failure, Some(Failure::ResubmissionRequested));
    // Sent back, the organisation may resubmit through a delegate.
    let (id, _) = queued(&go(&mut flow, signed(by_delegate(), Actor::Delegate), at(3)).unwrap());
    let step = decide(&mut flow, id, ReviewOutcome::Rejected, at(4));
    assert_eq!(
        (step.status, step.failure),
        (Status::Failed, Some(Failure::ReviewRejected))
    );
    assert_eq!(flow.uses(), 2);
}

// ---------------------------------------------------------------------------
// H-DOC: Huawei's document upload, at most 3 working days.

#[test]
fn h_doc_happy_path() {
    // Three working days: 24:00 on Thursday 5 November, Beijing.
    let due = Utc.with_ymd_and_hms(2026, 11, 5, 16, 0, 0).unwrap();
    let uploads = files(&[
        (Part::DocumentImage, "passport.PDF", 9 * 1024 * 1024),
        (Part::HandheldPhoto, "holding.bmp", 10 * 1024 * 1024),
    ]);
    verify(
        Provider::HuaweiInternational,
        DOC,
        submit(uploads),
        due,
        Some(3),
    );
}

#[test]
fn h_doc_retry_requested_then_verified() {
    let mut flow = start(Provider::HuaweiInternational, DOC);
    let (id, _) = queued(&go(&mut flow, submit(personal()), t0()).unwrap());
    let step = decide(&mut flow, id, ReviewOutcome::ResubmissionRequested, at(30));
    assert_eq!(
        (step.status, step.failure),
        (
            Status::AwaitingApplicant,
            Some(Failure::ResubmissionRequested)
        )
    );
    let step = go(&mut flow, submit(personal()), at(31)).unwrap();
    let (id, due) = queued(&step);
    // Reckoned from the resubmission: Tuesday 3 November + 3 working days.
    assert_eq!(due, Utc.with_ymd_and_hms(2026, 11, 6, 16, 0, 0).unwrap());
    let (id, _) = bind(&decide(&mut flow, id, ReviewOutcome::Approved, at(40)));
    let step = go(
        &mut flow,
        E::Bound {
            id,
            outcome: BindOutcome::AlreadyBound,
        },
        at(41),
    )
    .unwrap();
    assert_eq!(step.status, Status::Verified);
    assert_eq!(flow.uses(), 2);
}

#[test]
fn h_doc_format_and_size_refused() {
    let huawei = Provider::HuaweiInternational.profile();
    let mut flow = start(Provider::HuaweiInternational, DOC);
    let before = flow.clone();
    let heic = files(&[
        (Part::DocumentImage, "张三丰.heic", 10),
        (Part::HandheldPhoto, "b.jpg", 10),
    ]);
    let err = flow.handle(submit(heic), t0(), &cal()).unwrap_err();
    let FlowError::UploadRefused(UploadProblem::Format { part, accepted }) = err else {
        panic!("{err:?}")
    };
    assert_eq!(part, Part::DocumentImage);
    assert_eq!(
        accepted.iter().collect::<Vec<_>>(),
        [
            FileFormat::Jpeg,
            FileFormat::Png,
            FileFormat::Bmp,
            FileFormat::Pdf
        ]
    );
    assert!(!err.to_string().contains("张三丰") && !err.to_string_zh().contains("heic"));
    assert_eq!(
        err.to_string_zh(),
        "证件照片的文件格式不支持，仅支持 JPEG、PNG、BMP、PDF"
    );
    let big = files(&[
        (Part::DocumentImage, "a.jpg", 10),
        (Part::HandheldPhoto, "b.jpg", 10 * 1024 * 1024 + 1),
    ]);
    let err = flow.handle(submit(big), t0(), &cal()).unwrap_err();
    assert_eq!(
        err,
        FlowError::UploadRefused(UploadProblem::TooLarge {
            part: Part::HandheldPhoto,
            bytes: 10 * 1024 * 1024 + 1,
            max_bytes: 10 * 1024 * 1024
        })
    );
    assert_eq!(err.to_string_zh(), "手持证件照文件超过上限 10 MB");
    assert_eq!(flow, before);
    // The same files through `rules::check_upload`, for the applicant.
    let r = Upload::check(huawei, DOC, Part::DocumentImage, "张三丰.heic", 10).unwrap_err();
    assert_eq!(
        r.to_string_zh(),
        "不支持该文件格式，仅支持 JPEG、BMP、PNG、PDF"
    );
    let r = Upload::check(huawei, DOC, Part::HandheldPhoto, "b.jpg", 11 * 1024 * 1024).unwrap_err();
    assert_eq!(r.to_string_zh(), "文件大小 11 MB 超过上限 10 MB");
}

#[test]
fn methods_without_a_review_machine_are_not_offered() {
    for (p, m) in [
        (Provider::Baidu, DOC),
        (Provider::Tencent, CERT),
        (Provider::HuaweiInternational, CERT),
        (Provider::Kingsoft, MethodKind::CorporateTransfer),
    ] {
        let err = DocumentReview::start(p.profile(), m, 0, t0()).unwrap_err();
        assert_eq!(err, FlowError::MethodNotOffered, "{p} {m}");
    }
}

// ---------------------------------------------------------------------------
// Overdue reviews.

#[test]
fn an_overdue_review_stays_in_review_and_says_so() {
    let mut flow = start(Provider::HuaweiInternational, DOC);
    let (id, due) = queued(&go(&mut flow, submit(personal()), t0()).unwrap());
    assert!(!flow.is_overdue(due));
    // A tick on time changes nothing.
    let step = go(&mut flow, E::Tick, due).unwrap();
    assert_eq!((step.revision, step.next_deadline), (1, Some(due)));
    // Past it: still in review, overdue, nothing more to wait for.
    let late = due + Duration::seconds(1);
    assert!(flow.is_overdue(late));
    let step = go(&mut flow, E::Tick, late).unwrap();
    assert_eq!(step.status, Status::InReview { due });
    assert_eq!((step.revision, step.next_deadline), (2, None));
    assert!(flow.is_overdue(late));
    // Huawei names no one to contact.
    assert_eq!(flow.escalation(late), None);
    // A second tick is not an event.
    let step = go(&mut flow, E::Tick, late + Duration::days(3)).unwrap();
    assert_eq!(step.revision, 2);
    // The reviewer's late decision still counts.
    let step = decide(
        &mut flow,
        id,
        ReviewOutcome::Approved,
        late + Duration::days(4),
    );
    bind(&step);
    assert!(!flow.is_overdue(late + Duration::days(4)));
}

#[test]
fn a_decision_after_the_due_time_marks_and_decides_in_one_step() {
    let mut flow = start(Provider::Kingsoft, DOC);
    let (id, due) = queued(&go(&mut flow, submit(personal()), t0()).unwrap());
    let step = decide(
        &mut flow,
        id,
        ReviewOutcome::Rejected,
        due + Duration::days(1),
    );
    assert_eq!((step.status, step.revision), (Status::Failed, 2));
}

#[test]
fn the_profile_names_whom_to_contact_about_an_overdue_review() {
    // Tencent names 在线客服 (004, line 24) for every review; a profile
    // that offers a document upload and says the same gets it here.
    let tencent = Provider::Tencent.profile();
    assert_eq!(
        tencent.overdue_review.value(),
        Some(&Contact::OnlineService)
    );
    let mut data = Provider::HuaweiInternational.profile().to_data();
    data.overdue_review = Stated::given(
        Contact::OnlineService,
        tencent.overdue_review.source().unwrap().clone(),
    );
    let profile = Profile::new(data).unwrap();
    let (mut flow, _) = DocumentReview::start(&profile, DOC, 0, t0()).unwrap();
    assert_eq!(flow.terms().escalation, Some(Contact::OnlineService));
    let (_, due) = queued(&flow.handle(submit(personal()), t0(), &cal()).unwrap());
    assert_eq!(flow.escalation(due), None);
    assert_eq!(
        flow.escalation(due + Duration::minutes(1)),
        Some(Contact::OnlineService)
    );
}

// ---------------------------------------------------------------------------
// Answers, times, saved states.

#[test]
fn repeated_and_unknown_answers() {
    let mut flow = start(Provider::Kingsoft, DOC);
    let (id, _) = queued(&go(&mut flow, submit(personal()), t0()).unwrap());
    let event = E::ReviewDecided {
        id,
        outcome: ReviewOutcome::Approved,
    };
    let _ = go(&mut flow, event, at(1)).unwrap();
    let before = flow.clone();
    let step = go(&mut flow, event, at(2)).unwrap();
    assert!(step.duplicate && step.actions.is_empty());
    assert_eq!(flow, before);
    let wrong = ActionId {
        revision: 9,
        index: 0,
    };
    let err = flow
        .handle(
            E::Bound {
                id: wrong,
                outcome: BindOutcome::Bound,
            },
            at(3),
            &cal(),
        )
        .unwrap_err();
    assert_eq!(err, FlowError::UnknownAction { id: wrong });
    let err = flow.handle(E::Tick, t0(), &cal()).unwrap_err();
    assert_eq!(err, FlowError::TimeWentBack);
    assert_eq!(flow, before);
}

#[test]
fn tampered_saved_states_are_refused() {
    let mut flow = start(Provider::HuaweiInternational, DOC);
    let (id, _) = queued(&go(&mut flow, submit(personal()), t0()).unwrap());
    let _ = go(
        &mut flow,
        E::ReviewDecided {
            id,
            outcome: ReviewOutcome::ResubmissionRequested,
        },
        at(1),
    )
    .unwrap();
    let _ = go(&mut flow, submit(personal()), at(2)).unwrap();
    let tampered = |edit: &dyn Fn(&mut SavedReview)| {
        let mut saved = flow.save();
        edit(&mut saved);
        DocumentReview::restore(saved).unwrap_err()
    };
    assert_eq!(
        tampered(&|s| s.uses = 1),
        FlowError::Tampered("the attempt counters")
    );
    assert_eq!(
        tampered(&|s| s.prior_uses = 5),
        FlowError::Tampered("the attempt counters")
    );
    assert_eq!(
        tampered(&|s| s.status = Status::Verified),
        FlowError::Tampered("the status")
    );
    assert_eq!(
        tampered(&|s| s.revision = 9),
        FlowError::Tampered("the revision")
    );
    assert_eq!(
        tampered(&|s| s.next_deadline = s.next_deadline.map(|d| d + Duration::days(2))),
        FlowError::Tampered("the deadline")
    );
    // The due time moved inside the history: the status shows another.
    assert_eq!(
        tampered(&|s| {
            let r = s.history.last_mut().unwrap();
            r.reckoned = r.reckoned.map(|d| d + Duration::days(2));
        }),
        FlowError::Tampered("the status")
    );
    assert_eq!(
        tampered(&|s| s.history[2].reckoned = None),
        FlowError::Tampered("a due time missing")
    );
    assert_eq!(
        tampered(&|s| {
            s.history.remove(1);
        }),
        FlowError::Tampered("an event that does not apply")
    );
    assert_eq!(
        tampered(&|s| s.terms.cap = Some(0)),
        FlowError::Tampered("a limit of zero")
    );
    // An upload the terms do not allow, written into the history.
    assert_eq!(
        tampered(&|s| s.terms.max_bytes = Some(1)),
        FlowError::Tampered("an event that does not apply")
    );
}

#[test]
fn saved_json_holds_no_file_name() {
    let mut flow = start(Provider::HuaweiInternational, DOC);
    let _ = go(&mut flow, submit(personal()), t0()).unwrap();
    let json = serde_json::to_string(&flow.save()).unwrap();
    assert!(
        json.contains(r#""part":"document_image","format":"jpeg","bytes":800000"#),
        "{json}"
    );
    assert!(!json.contains("护照") && !json.contains("张三丰"));
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
        3 => (-60i64..(4 * 24 * 60)).prop_map(When::Later),
        1 => (-1i64..=1).prop_map(When::Deadline),
    ]
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Submit { good: bool, ocr: Option<bool> },
    Decide { outcome: ReviewOutcome, right: bool },
    Bind { outcome: BindOutcome, right: bool },
    Withdraw,
    Tick,
    Repeat,
}

fn op() -> impl Strategy<Value = Op> {
    let outcome = prop_oneof![
        Just(ReviewOutcome::Approved),
        Just(ReviewOutcome::Rejected),
        Just(ReviewOutcome::ResubmissionRequested)
    ];
    let bound = prop_oneof![
        Just(BindOutcome::Bound),
        Just(BindOutcome::AlreadyBound),
        Just(BindOutcome::CapReached)
    ];
    prop_oneof![
        3 => (any::<bool>(), prop_oneof![Just(None), Just(Some(true)), Just(Some(false))])
            .prop_map(|(good, ocr)| Op::Submit { good, ocr }),
        3 => (outcome, any::<bool>()).prop_map(|(outcome, right)| Op::Decide { outcome, right }),
        2 => (bound, any::<bool>()).prop_map(|(outcome, right)| Op::Bind { outcome, right }),
        1 => Just(Op::Withdraw),
        2 => Just(Op::Tick),
        1 => Just(Op::Repeat),
    ]
}

/// The reference: where the flow should stand.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Model {
    Details,
    Review { due: DateTime<Utc>, overdue: bool },
    Binding,
    Verified,
    Failed,
    Withdrawn,
}

impl Model {
    fn status(&self) -> Status {
        match self {
            Model::Details => Status::AwaitingApplicant,
            Model::Review { due, .. } => Status::InReview { due: *due },
            Model::Binding => Status::AwaitingParty(realname::flow::Party::Store),
            Model::Verified => Status::Verified,
            Model::Failed => Status::Failed,
            Model::Withdrawn => Status::Withdrawn,
        }
    }
    fn deadline(&self) -> Option<DateTime<Utc>> {
        match self {
            Model::Review {
                due,
                overdue: false,
            } => Some(*due),
            _ => None,
        }
    }
}

fn case() -> impl Strategy<Value = (Provider, MethodKind, Vec<(Op, When)>)> {
    (
        prop_oneof![
            Just((Provider::Kingsoft, DOC)),
            Just((Provider::Kingsoft, CERT)),
            Just((Provider::HuaweiInternational, DOC)),
        ],
        proptest::collection::vec((op(), when()), 1..40),
    )
        .prop_map(|((p, m), ops)| (p, m, ops))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_machine_follows_its_model((provider, method, ops) in case()) {
        let calendar = cal();
        let profile = provider.profile();
        let review = realname::flow::ReviewTerms::from_profile(profile, method).unwrap().review;
        let start = Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).unwrap();
        let (mut flow, _) = DocumentReview::start(profile, method, 0, start).unwrap();
        let good_event = if method == CERT {
            signed(by_legal_rep(), Actor::LegalRepresentative)
        } else {
            submit(personal())
        };
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
            let event = match op {
                Op::Submit { good: true, ocr } => match good_event {
                    E::Submit { uploads, signatory, .. } => E::Submit { uploads, ocr, signatory },
                    other => other,
                },
                Op::Submit { good: false, ocr } => E::Submit { uploads: files(&[]), ocr, signatory: None },
                Op::Decide { outcome, right } => E::ReviewDecided { id: id(right), outcome },
                Op::Bind { outcome, right } => E::Bound { id: id(right), outcome },
                Op::Withdraw => E::Withdraw,
                Op::Tick => E::Tick,
                Op::Repeat => last_answer.unwrap_or(E::Tick),
            };
            let repeat = matches!(op, Op::Repeat) && last_answer.is_some();
            let result = flow.handle(event, t, &calendar);

            // What the model says.
            let terminal = matches!(model, Model::Verified | Model::Failed | Model::Withdrawn);
            let went_back = t < before.history().last().map_or(start, |r| r.at);
            // A repeated answer counts nothing, but its time still marks a
            // review overdue, as a tick would.
            let op = if repeat && !went_back && !terminal { Op::Tick } else { op };
            let expected: Option<Model> = if (repeat && !matches!(op, Op::Tick)) || went_back || terminal {
                None
            } else {
                let (marked, m) = match model {
                    Model::Review { due, overdue: false } if t > due => (true, Model::Review { due, overdue: true }),
                    m => (false, m),
                };
                match (m, op) {
                    (_, Op::Tick) => marked.then_some(m),
                    (Model::Binding, Op::Withdraw) => None,
                    (_, Op::Withdraw) => Some(Model::Withdrawn),
                    (Model::Details, Op::Submit { good: true, ocr: Some(false) }) => Some(Model::Details),
                    (Model::Details, Op::Submit { good: true, .. }) => {
                        uses += 1;
                        Some(Model::Review { due: due(t, review, &calendar).unwrap(), overdue: false })
                    }
                    (Model::Review { .. }, Op::Decide { outcome, right: true }) => Some(match outcome {
                        ReviewOutcome::Approved => Model::Binding,
                        ReviewOutcome::Rejected => Model::Failed,
                        _ => Model::Details,
                    }),
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
                    prop_assert_eq!(flow.history().len(), before.history().len() + 1);
                    model = next;
                    now = t;
                    if event_answers(&event) {
                        last_answer = Some(event);
                    }
                }
                None => {
                    match result {
                        Ok(step) => prop_assert!(step.duplicate || matches!(op, Op::Tick | Op::Repeat)),
                        Err(e) => {
                            if terminal && !repeat && t >= now {
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
            prop_assert_eq!(&DocumentReview::restore(flow.save()).unwrap(), &flow);
            let json = serde_json::to_string(&flow.save()).unwrap();
            let back: SavedReview = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&DocumentReview::restore(back).unwrap(), &flow);
        }
    }
}

fn event_answers(e: &E) -> bool {
    matches!(e, E::ReviewDecided { .. } | E::Bound { .. })
}
