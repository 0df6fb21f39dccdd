//! The outside parties' fakes: what each behaviour does, the payer's
//! deduplication under threads, the tripwire's cut points, and SMS codes
//! on any input.

use proptest::prelude::*;
use realname::chrono::{TimeZone, Utc};
use realname::flow::{Actor, Liveness};
use realname::policy::{FailureReason, MethodKind};
use realname::store::block_on;
use realname::subject::{OrganizationName, PersonName};
use realname::transport::fake::{
    Behaviour, FakeAuthority, FakeError, FakePayer, FakePayments, FakeReviews, FakeSms, Script,
    Tripwire,
};
use realname::transport::{
    IdentityAuthority, IdentityQuery, IncomingPayment, IncomingPayments, LivenessResult,
    LivenessStart, Payee, Payer, PaymentExpected, Payout, PayoutStatus, ReviewQueue, ReviewTicket,
    SmsCode, SmsGateway, TransportError, Verdict,
};
use realname::{Document, DocumentKind, MobileNumber};

fn name() -> OrganizationName {
    OrganizationName::parse("福建某某科技有限公司").unwrap()
}

fn payout<'a>(key: &'a str, name: &'a OrganizationName) -> Payout<'a> {
    Payout {
        key,
        payee: Payee {
            name,
            bank: "招商银行",
            account: "591902345610201",
        },
        fen: 37,
    }
}

#[test]
fn the_authority_answers_as_scripted() {
    let a = FakeAuthority::new(
        Script::pass()
            .next(Behaviour::Fail(Some(FailureReason::NameNotId)))
            .next(Behaviour::Unavailable)
            .next(Behaviour::Timeout),
    );
    let person = PersonName::parse("张三").unwrap();
    let doc = Document::parse_as(DocumentKind::ResidentId, "11010519491231002X").unwrap();
    let q = IdentityQuery {
        key: "f/1-0",
        name: &person,
        document: &doc,
    };
    assert_eq!(
        block_on(a.check(&q)),
        Ok(Verdict::Mismatch(Some(FailureReason::NameNotId)))
    );
    assert_eq!(block_on(a.check(&q)), Err(FakeError::Unavailable));
    let timeout = block_on(a.check(&q)).unwrap_err();
    assert!(timeout.retryable());
    assert_eq!(block_on(a.check(&q)), Ok(Verdict::Match));
    assert_eq!(
        block_on(a.liveness("never opened")),
        Err(FakeError::Unavailable)
    );
    let start = LivenessStart {
        key: "f/2-0",
        kind: Liveness::FaceScan,
        actor: Actor::Applicant,
    };
    let session = block_on(a.start_liveness(&start)).unwrap();
    assert_eq!(
        block_on(a.start_liveness(&start)).unwrap(),
        session,
        "the same key, the same session"
    );
    assert_eq!(block_on(a.liveness(&session)), Ok(LivenessResult::Passed));
    assert_eq!(a.calls(), 5);
    // What a query shows in a log.
    let shown = format!("{q:?}");
    assert!(
        !shown.contains("张三") && !shown.contains("19491231"),
        "{shown}"
    );
}

#[test]
fn a_payout_timed_out_was_paid_and_a_retry_pays_nothing_more() {
    let payer = FakePayer::new(Script::pass().next(Behaviour::Timeout));
    let n = name();
    let p = payout("f/2-0", &n);
    assert_eq!(block_on(payer.request(&p)), Err(FakeError::Timeout));
    assert_eq!(block_on(payer.request(&p)), Ok(PayoutStatus::Sent));
    let book = payer.payouts();
    assert_eq!(book.len(), 1);
    assert_eq!((book[0].fen, book[0].requests), (37, 2));
    assert_eq!(
        block_on(payer.status("f/2-0")),
        Ok(Some(PayoutStatus::Sent))
    );
    assert_eq!(block_on(payer.status("other")), Ok(None));
}

#[test]
fn sixteen_threads_requesting_one_payout_pay_it_once() {
    let payer = FakePayer::new(Script::pass());
    let n = name();
    std::thread::scope(|s| {
        for _ in 0..16 {
            s.spawn(|| block_on(payer.request(&payout("f/2-0", &n))).unwrap());
        }
    });
    let book = payer.payouts();
    assert_eq!(book.len(), 1);
    assert_eq!(book[0].requests, 16);
}

#[test]
fn a_pending_payout_is_settled_later_and_twice_answers_twice() {
    let payer = FakePayer::new(Script::always(Behaviour::Pending).next(Behaviour::Twice));
    let n = name();
    assert_eq!(
        block_on(payer.request(&payout("a", &n))),
        Ok(PayoutStatus::Received)
    );
    assert_eq!(
        payer.take_callbacks(),
        vec![
            ("a".to_owned(), PayoutStatus::Sent),
            ("a".to_owned(), PayoutStatus::Sent)
        ]
    );
    assert_eq!(
        block_on(payer.request(&payout("b", &n))),
        Ok(PayoutStatus::Received)
    );
    assert!(payer.take_callbacks().is_empty());
    let failed = PayoutStatus::Failed(Some(FailureReason::AccountNotSupported));
    assert!(payer.settle("b", failed));
    assert_eq!(payer.take_callbacks(), vec![("b".to_owned(), failed)]);
    assert_eq!(block_on(payer.status("b")), Ok(Some(failed)));
}

#[test]
fn sms_reviews_and_payments_keep_one_record_per_key() {
    let sms = FakeSms::new(Script::pass().next(Behaviour::Unavailable));
    let to = MobileNumber::parse("13812345678").unwrap();
    let code = SmsCode::parse("042917").unwrap();
    assert_eq!(
        block_on(sms.send("k", &to, &code)),
        Err(FakeError::Unavailable)
    );
    assert_eq!(sms.sends("k"), 0);
    block_on(sms.send("k", &to, &code)).unwrap();
    block_on(sms.send("k", &to, &code)).unwrap();
    assert_eq!((sms.sends("k"), sms.last_code("k")), (2, Some(code)));

    let reviews = FakeReviews::new(Script::pass().next(Behaviour::Timeout));
    let due = Utc.with_ymd_and_hms(2026, 6, 3, 10, 0, 0).unwrap();
    let t = ReviewTicket {
        key: "f/3-0",
        flow: "f",
        method: MethodKind::DocumentUpload,
        due,
    };
    assert_eq!(block_on(reviews.enqueue(&t)), Err(FakeError::Timeout));
    block_on(reviews.enqueue(&t)).unwrap();
    assert_eq!(reviews.tickets().len(), 1);
    assert!(reviews.remove("f/3-0"));
    assert!(reviews.tickets().is_empty());

    let payments = FakePayments::new(Script::pass());
    let account = block_on(payments.expect(&PaymentExpected {
        key: "f/2-0",
        fen: 37,
        due: None,
    }))
    .unwrap();
    assert!(account.contains("f/2-0"));
    assert_eq!(block_on(payments.received("f/2-0")), Ok(None));
    let paid = IncomingPayment {
        payer_name: "福建某某科技有限公司".into(),
        fen: 37,
        at: due,
    };
    payments.pay("f/2-0", paid.clone());
    assert_eq!(block_on(payments.received("f/2-0")), Ok(Some(paid)));
    assert_eq!(payments.expected(), vec![("f/2-0".to_owned(), 37)]);
}

#[test]
fn the_tripwire_cuts_before_and_after_the_effect() {
    let n = name();
    // Cut 1: before anything was done. Cut 2: after the payout was made.
    for (cut, paid) in [(1, 0), (2, 1)] {
        let payer = FakePayer::new(Script::pass());
        let t = Tripwire::default();
        payer.set_tripwire(t.clone());
        t.arm(cut);
        assert_eq!(
            block_on(payer.request(&payout("k", &n))),
            Err(FakeError::Crashed)
        );
        assert!(t.is_tripped());
        assert_eq!(payer.payouts().len(), paid, "cut {cut}");
        t.disarm();
        assert_eq!(
            block_on(payer.request(&payout("k", &n))),
            Ok(PayoutStatus::Sent)
        );
        assert_eq!(payer.payouts().len(), 1);
    }
}

proptest! {
    #[test]
    fn sms_codes_parse_or_refuse_any_input(s in "\\PC{0,20}|[0-9０-９ ]{0,12}") {
        match SmsCode::parse(&s) {
            Ok(code) => {
                prop_assert!(code.as_str().bytes().all(|b| b.is_ascii_digit()));
                prop_assert!(code.matches(&s));
                prop_assert_eq!(format!("{code:?}").matches('*').count(), code.as_str().len());
            }
            Err(e) => prop_assert!(!e.to_string().is_empty() && !e.code().is_empty()),
        }
    }

    #[test]
    fn codes_from_numbers_have_their_length(n in any::<u64>(), len in 0usize..20) {
        let code = SmsCode::from_number(n, len);
        prop_assert_eq!(code.as_str().len(), len.clamp(4, 8));
        prop_assert!(SmsCode::parse(code.as_str()).is_ok());
    }
}
