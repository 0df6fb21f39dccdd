//! The driver on each machine, against the fakes' failure modes: a bank
//! card with its SMS code and a mismatch, a payout answered later and
//! twice, a recharge found by polling, a review queued and decided, the
//! cap across accounts, the ledger shared by two flows, missing cases,
//! and a real SQLite file raced by threads.

#![allow(missing_docs)]

mod support;

use support::{SECRET, at, memory_driver, org_case, organization, person};

use realname::calendar::ChinaMainland;
use realname::flow::{
    ActionId, Auto, AutoEvent, AutoTerms, Deposit, DepositEvent, DepositTerms, Part, RechargeEvent,
    RechargeTerms, Remittance, Review, ReviewEvent, ReviewOutcome, ReviewTerms, Status, Submission,
    Upload, Uploads,
};
use realname::policy::{FailureReason, MethodKind, Provider, Scope};
use realname::store::{AttemptLedger, AttemptScope, BindingStore, Keyring, block_on};
use realname::subject::{Individual, PersonName, Subject};
use realname::transport::IncomingPayment;
use realname::transport::PayoutStatus;
use realname::transport::fake::{Behaviour, FakeBank, FakeParties, FakePayer, Script};
use realname::{BankCardNumber, Document, DocumentKind, MobileNumber};
use realname_driver::{Answer, Case, Driver, DriverError, EntryState, MemoryCases};

#[test]
fn a_bank_card_with_a_wrong_code_and_a_mismatch() {
    let bank =
        FakeBank::new(Script::pass().next(Behaviour::Fail(Some(FailureReason::NameNotCardHolder))));
    let d = memory_driver(FakeParties {
        bank,
        ..FakeParties::default()
    });
    let case = Case::new("acct-1", person().into())
        .with_card(BankCardNumber::parse("6217000012345678907").unwrap())
        .with_mobile(MobileNumber::parse("13812345678").unwrap());
    d.cases().insert("f", case);
    let terms = AutoTerms::from_profile(Provider::Baidu.profile(), MethodKind::BankCard).unwrap();
    block_on(d.start::<Auto>("f", "acct-1", terms, at(0))).unwrap();

    let submit = AutoEvent::Submit(Submission::individual());
    let r = block_on(d.deliver::<Auto>("f", submit, Some("r1"), at(1))).unwrap();
    let sms = r.waiting_for("send_sms_code").expect("a code was sent");
    let key = format!("f/{}", sms.action.id());
    let sent = d
        .parties()
        .sms
        .last_code(&key)
        .expect("the fake gateway has it");
    assert_eq!(sent, d.sms_code("f", sms.action.id()));

    // A wrong code: the flow says so, and nothing is counted.
    let wrong = if sent.as_str() == "000000" {
        "111111"
    } else {
        "000000"
    };
    let r = block_on(d.enter_sms_code::<Auto>("f", wrong, at(2))).unwrap();
    assert_eq!(r.failure.map(|f| f.code()), Some("sms_code_failed"));
    assert_eq!(r.uses, 0);

    // Again, the right code: the bank's first answer is a mismatch.
    let r = block_on(d.deliver::<Auto>("f", submit, Some("r2"), at(3))).unwrap();
    let id = r.waiting_for("send_sms_code").unwrap().action.id();
    let code = d.parties().sms.last_code(&format!("f/{id}")).unwrap();
    let r = block_on(d.enter_sms_code::<Auto>("f", code.as_str(), at(4))).unwrap();
    assert_eq!(r.status, Status::AwaitingApplicant);
    assert_eq!(r.failure.map(|f| f.code()), Some("identity_mismatch"));
    assert_eq!(r.uses, 1);

    // The third try passes and binds.
    let r = block_on(d.deliver::<Auto>("f", submit, Some("r3"), at(5))).unwrap();
    let id = r.waiting_for("send_sms_code").unwrap().action.id();
    let code = d.parties().sms.last_code(&format!("f/{id}")).unwrap();
    let r = block_on(d.enter_sms_code::<Auto>("f", code.as_str(), at(6))).unwrap();
    assert_eq!(r.status, Status::Verified);
    assert_eq!((r.uses, d.parties().bank.calls()), (2, 2));
    let scope = AttemptScope::new("acct-1", MethodKind::BankCard, Scope::Account, "").unwrap();
    assert_eq!(block_on(d.store().used(&scope)).unwrap(), 2);

    // A request repeated changes nothing.
    let r = block_on(d.deliver::<Auto>("f", submit, Some("r3"), at(7))).unwrap();
    assert!(r.duplicate);
}

#[test]
fn a_payout_answered_later_and_twice() {
    let payer = FakePayer::new(Script::always(Behaviour::Twice));
    let d = memory_driver(FakeParties {
        payer,
        ..FakeParties::default()
    });
    d.cases().insert("f", org_case("acct-1"));
    let terms = DepositTerms::from_profile(Provider::Baidu.profile()).unwrap();
    block_on(d.start::<Deposit>("f", "acct-1", terms, at(0))).unwrap();
    block_on(d.deliver::<Deposit>("f", DepositEvent::Submit { fen: 37 }, None, at(1))).unwrap();
    let r = block_on(d.liveness_done::<Deposit>("f", at(2))).unwrap();
    let payout = r.waiting_for("request_payout").expect("the payer has it");
    assert_eq!(payout.state, EntryState::Waiting);
    let id = payout.action.id();

    // The payer's callback comes twice: the second is a duplicate.
    let callbacks = d.parties().payer.take_callbacks();
    assert_eq!(callbacks.len(), 2);
    assert_eq!(callbacks[0].0, format!("f/{id}"));
    let first = block_on(d.callback(&callbacks[0].0, Answer::PayoutSent, at(3))).unwrap();
    assert!(!first.duplicate);
    assert_eq!(first.status, Status::AwaitingApplicant);
    let again = block_on(d.callback(&callbacks[1].0, Answer::PayoutSent, at(4))).unwrap();
    assert!(again.duplicate);
    // A key that names no action of a flow.
    assert!(block_on(d.callback("f/x-y", Answer::PayoutSent, at(4))).is_err());
    assert!(block_on(d.callback("nothing", Answer::PayoutSent, at(4))).is_err());
    // Answered otherwise, the first answer stands.
    let other = block_on(d.answer::<Deposit>("f", id, Answer::PayoutFailed(None), at(5)));
    assert!(matches!(other, Err(DriverError::Flow(_))), "{other:?}");

    let r = block_on(d.deliver::<Deposit>(
        "f",
        DepositEvent::AmountEntered {
            fen: 37,
            risk_hit: false,
        },
        None,
        at(6),
    ))
    .unwrap();
    assert_eq!(r.status, Status::Verified);
    assert_eq!(d.parties().payer.payouts().len(), 1);
}

#[test]
fn a_payout_whose_callback_is_lost_is_found_by_the_sweeper() {
    let payer = FakePayer::new(Script::always(Behaviour::Pending));
    let d = memory_driver(FakeParties {
        payer,
        ..FakeParties::default()
    });
    d.cases().insert("f", org_case("acct-1"));
    let terms = DepositTerms::from_profile(Provider::Baidu.profile()).unwrap();
    block_on(d.start::<Deposit>("f", "acct-1", terms, at(0))).unwrap();
    block_on(d.deliver::<Deposit>("f", DepositEvent::Submit { fen: 37 }, None, at(1))).unwrap();
    let r = block_on(d.liveness_done::<Deposit>("f", at(2))).unwrap();
    let key = format!("f/{}", r.waiting_for("request_payout").unwrap().action.id());

    // Not yet due: the sweeper leaves it.
    assert!(block_on(d.sweep(at(2), 10)).unwrap().is_empty());
    // The payer sends it, and its callback is lost.
    assert!(d.parties().payer.settle(&key, PayoutStatus::Sent));
    d.parties().payer.take_callbacks();
    let swept = block_on(d.sweep(at(4), 10)).unwrap();
    assert_eq!(swept.len(), 1);
    let r = swept[0].1.as_ref().unwrap();
    assert_eq!(r.status, Status::AwaitingApplicant);
    assert!(r.waiting_for("request_payout").is_none());
}

#[test]
fn a_recharge_found_by_polling() {
    let d = memory_driver(FakeParties::default());
    let case = Case::new("acct-1", Subject::Organization(organization()))
        .with_mobile(MobileNumber::parse("13812345678").unwrap());
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
    let pay = r
        .waiting_for("await_payment")
        .expect("an account to pay into");
    assert!(pay.note.as_deref().is_some_and(|n| n.starts_with("6230")));
    let key = format!("f/{}", pay.action.id());

    // Nothing paid yet: polling changes nothing.
    assert_eq!(
        block_on(d.poll::<Remittance>("f", at(3))).unwrap().status,
        Status::AwaitingApplicant
    );
    let payment = IncomingPayment {
        payer_name: "福建某某科技有限公司".into(),
        fen: 37,
        at: at(60),
    };
    d.parties().payments.pay(&key, payment);
    let r = block_on(d.poll::<Remittance>("f", at(61))).unwrap();
    assert!(
        matches!(r.status, Status::InReview { .. }),
        "{:?}",
        r.status
    );
    let review = r.waiting_for("queue_review").unwrap().action.id();
    assert_eq!(d.parties().reviews.tickets().len(), 1);
    let r = block_on(d.answer::<Remittance>(
        "f",
        review,
        Answer::Review(ReviewOutcome::Approved),
        at(120),
    ))
    .unwrap();
    assert_eq!(r.status, Status::Verified);
}

#[test]
fn a_document_review_queued_and_approved() {
    let d = memory_driver(FakeParties::default());
    let doc = Document::parse_as(DocumentKind::ResidentId, "11010519491231002X").unwrap();
    d.cases().insert(
        "f",
        Case::new(
            "acct-1",
            Individual::new(PersonName::parse("张三").unwrap(), doc)
                .unwrap()
                .into(),
        ),
    );
    let terms = ReviewTerms::from_profile(
        Provider::HuaweiInternational.profile(),
        MethodKind::DocumentUpload,
    )
    .unwrap();
    block_on(d.start::<Review>("f", "acct-1", terms, at(0))).unwrap();
    let uploads = Uploads::new(&[
        Upload::new(Part::DocumentImage, "id.pdf", 900_000),
        Upload::new(Part::HandheldPhoto, "me.jpg", 2_000_000),
    ])
    .unwrap();
    let r = block_on(d.deliver::<Review>(
        "f",
        ReviewEvent::Submit {
            uploads,
            ocr: Some(true),
            signatory: None,
        },
        None,
        at(1),
    ))
    .unwrap();
    let tickets = d.parties().reviews.tickets();
    assert_eq!(tickets.len(), 1);
    assert_eq!(Some(tickets[0].due), r.next_deadline);
    let id = r.waiting_for("queue_review").unwrap().action.id();
    let r = block_on(d.answer::<Review>(
        "f",
        id,
        Answer::Review(ReviewOutcome::Approved),
        at(60 * 48),
    ))
    .unwrap();
    assert_eq!(r.status, Status::Verified);
    assert!(
        d.parties().reviews.tickets().is_empty(),
        "the decided ticket left the queue"
    );
    // An answer for an action the flow never emitted.
    let bogus = ActionId {
        revision: 99,
        index: 0,
    };
    assert!(
        block_on(d.answer::<Review>(
            "f",
            bogus,
            Answer::Review(ReviewOutcome::Approved),
            at(60 * 49)
        ))
        .is_err()
    );
}

#[test]
fn the_cap_holds_across_accounts() {
    // Kingsoft: one account per ID card.
    let d = memory_driver(FakeParties::default());
    let terms =
        AutoTerms::from_profile(Provider::Kingsoft.profile(), MethodKind::IdCardVideo).unwrap();
    for (i, account) in ["acct-1", "acct-2"].iter().enumerate() {
        let id = format!("f{i}");
        d.cases().insert(&id, Case::new(account, person().into()));
        block_on(d.start::<Auto>(&id, account, terms, at(0))).unwrap();
        block_on(d.deliver::<Auto>(
            &id,
            AutoEvent::Submit(Submission::individual()),
            None,
            at(1),
        ))
        .unwrap();
        let r = block_on(d.liveness_done::<Auto>(&id, at(2))).unwrap();
        if i == 0 {
            assert_eq!(r.status, Status::Verified);
        } else {
            assert_eq!(r.status, Status::Failed);
            assert_eq!(r.failure.map(|f| f.code()), Some("account_cap_reached"));
        }
    }
    assert_eq!(
        block_on(d.store().count(&person().document().key().unwrap())).unwrap(),
        1
    );
}

#[test]
fn two_flows_of_one_account_share_the_ledger() {
    // Kingsoft's corporate transfer: one use per account. Two flows
    // started side by side both see none used; the second submission is
    // refused by the ledger, not by its own flow.
    let d = memory_driver(FakeParties::default());
    let terms = DepositTerms::from_profile(Provider::Kingsoft.profile()).unwrap();
    for id in ["f1", "f2"] {
        d.cases().insert(id, org_case("acct-1"));
        block_on(d.start::<Deposit>(id, "acct-1", terms, at(0))).unwrap();
    }
    block_on(d.deliver::<Deposit>("f1", DepositEvent::Submit { fen: 21 }, None, at(1))).unwrap();
    let second =
        block_on(d.deliver::<Deposit>("f2", DepositEvent::Submit { fen: 22 }, None, at(2)));
    assert_eq!(
        second.unwrap_err(),
        DriverError::AttemptsExhausted { limit: 1 }
    );
    assert_eq!(block_on(d.report::<Deposit>("f2")).unwrap().uses, 0);
    assert_eq!(d.parties().payer.payouts().len(), 1);
}

#[test]
fn a_missing_case_leaves_the_action_to_do() {
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
    let e = block_on(d.liveness_done::<Auto>("f", at(2))).unwrap_err();
    assert_eq!(e.code(), "driver_missing_case");
    let r = block_on(d.report::<Auto>("f")).unwrap();
    assert!(
        r.open.iter().any(|e| e.state == EntryState::Pending),
        "{r:?}"
    );
    // The sweeper tries again after a minute; once the case is back, the
    // action is performed.
    assert!(block_on(d.sweep(at(2), 10)).unwrap().is_empty());
    let swept = block_on(d.sweep(at(4), 10)).unwrap();
    assert_eq!(
        swept[0].1.as_ref().unwrap_err().code(),
        "driver_missing_case"
    );
    let r = block_on(d.report::<Auto>("f")).unwrap();
    assert_eq!(r.open[0].tries, 2);
    d.cases().insert("f", Case::new("acct-1", person().into()));
    let swept = block_on(d.sweep(at(10), 10)).unwrap();
    assert_eq!(swept[0].1.as_ref().unwrap().status, Status::Verified);
}

#[test]
fn the_wrong_kind_a_repeated_start_and_unreadable_states() {
    let d = memory_driver(FakeParties::default());
    let terms = DepositTerms::from_profile(Provider::Baidu.profile()).unwrap();
    block_on(d.start::<Deposit>("f", "acct-1", terms, at(0))).unwrap();
    let e = block_on(d.report::<Auto>("f")).unwrap_err();
    assert_eq!(e.code(), "driver_wrong_kind");
    assert!(matches!(
        block_on(d.report::<Deposit>("nope")),
        Err(DriverError::NotFound { .. })
    ));
    // The same start again is the same record (a retried start); another
    // start under the id is refused.
    assert!(block_on(d.start::<Deposit>("f", "acct-1", terms, at(0))).is_ok());
    let again = block_on(d.start::<Deposit>("f", "acct-1", terms, at(1)));
    assert!(
        matches!(again, Err(DriverError::Exists { .. })),
        "{again:?}"
    );

    // A record that is not a driven flow, and one whose revision is not
    // the one its state says, are refused, never run.
    use realname::store::{FlowRecord, FlowStore};
    block_on(
        d.store()
            .save("g", None, &FlowRecord::new(1, None, b"not json".to_vec())),
    )
    .unwrap();
    assert_eq!(
        block_on(d.report::<Deposit>("g")).unwrap_err().code(),
        "driver_corrupt"
    );
    let good = block_on(d.store().load("f")).unwrap().unwrap();
    block_on(d.store().save(
        "h",
        None,
        &FlowRecord::new(good.revision + 5, None, good.state.clone()),
    ))
    .unwrap();
    assert_eq!(
        block_on(d.report::<Deposit>("h")).unwrap_err().code(),
        "driver_corrupt"
    );
    let edited = String::from_utf8(good.state)
        .unwrap()
        .replace("\"uses\":0", "\"uses\":7");
    block_on(d.store().save(
        "i",
        None,
        &FlowRecord::new(good.revision, None, edited.into_bytes()),
    ))
    .unwrap();
    assert_eq!(
        block_on(d.report::<Deposit>("i")).unwrap_err().code(),
        "driver_corrupt"
    );
}

#[test]
fn threads_racing_on_a_real_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = realname_sqlite::SqliteStore::open(
        dir.path().join("flows.db"),
        Keyring::new(SECRET).unwrap(),
    )
    .unwrap();
    let d = Driver::new(
        store,
        FakeParties::default(),
        MemoryCases::default(),
        ChinaMainland::default(),
        b"sms",
    );
    d.cases().insert("f", org_case("acct-1"));
    let terms = DepositTerms::from_profile(Provider::Baidu.profile()).unwrap();
    block_on(d.start::<Deposit>("f", "acct-1", terms, at(0))).unwrap();
    // Eight clients submit at once, each its own request: one applies.
    let results: Vec<_> = std::thread::scope(|s| {
        let d = &d;
        (0..8)
            .map(|i| {
                s.spawn(move || {
                    block_on(d.deliver::<Deposit>(
                        "f",
                        DepositEvent::Submit { fen: 30 + i },
                        Some(&format!("r{i}")),
                        at(1),
                    ))
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .collect()
    });
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    let scope =
        AttemptScope::new("acct-1", MethodKind::CorporateTransfer, Scope::Account, "").unwrap();
    assert_eq!(block_on(d.store().used(&scope)).unwrap(), 1);
    // Eight operators' faces answered at once: one payout.
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                let _ = block_on(d.liveness_done::<Deposit>("f", at(2)));
            });
        }
    });
    let payouts = d.parties().payer.payouts();
    assert_eq!(payouts.len(), 1);
    let r = block_on(d.report::<Deposit>("f")).unwrap();
    assert_eq!(r.status, Status::AwaitingApplicant);
}
