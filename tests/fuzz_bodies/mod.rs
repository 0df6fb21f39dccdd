//! The bodies of the fuzz targets in `fuzz/`, shared by path with the
//! root test `tests/fuzz_regressions.rs`, which replays the regression
//! inputs on stable through exactly the same code. Each body takes the
//! raw fuzz input and must never panic; the assertions are invariants.
#![allow(dead_code)]

use realname::calendar::{ChinaMainland, Duration, Weekdays, WorkCalendar, deadline, due};
use realname::chrono::{DateTime, NaiveDate, Utc};
use realname::flow::{
    ActionId, Actor, AutoEvent, BindOutcome, ChangeEvent, DepositEvent, Flow, Machine, Part,
    RechargeEvent, ReviewEvent, ReviewOutcome, Saved, Submission, Upload, Uploads,
};
use realname::flow::{AutomaticCheck, DocumentReview, MicroDeposit, Recharge, SubjectChange};
use realname::org::OrganizationClass;
use realname::policy::{MethodKind, Profile, ProfileData, Provider, Residency, Scope, Transition};
use realname::rules;
use realname::store::{AttemptScope, Keyring, check_id};
use realname::subject::{OrganizationName, PersonName};
use realname::{Document, DocumentKind, InputForm, ParseOptions, RegionCheck, UsccCheck};

/// A reader over the fuzz input: every read succeeds (zeros once the
/// input is used up), so that any byte string decodes.
pub struct Input<'a> {
    data: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Input { data }
    }
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
    pub fn u8(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }
    pub fn bool(&mut self) -> bool {
        self.u8() & 1 == 1
    }
    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }
    pub fn u64(&mut self) -> u64 {
        u64::from(self.u32()) | (u64::from(self.u32()) << 32)
    }
    pub fn i64(&mut self) -> i64 {
        self.u64() as i64
    }
    /// A count: small most of the time, at the limits sometimes.
    pub fn count(&mut self) -> u32 {
        match self.u8() % 8 {
            0 => 0,
            1 => u32::MAX,
            2 => u32::MAX - 1,
            3 => self.u32(),
            _ => u32::from(self.u8()),
        }
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        let i = usize::from(self.u8()) % items.len();
        items[i]
    }
    /// The rest of the input, as text.
    pub fn rest(&mut self) -> String {
        let s = String::from_utf8_lossy(self.data).into_owned();
        self.data = &[];
        s
    }
    /// A short string: a length byte, then that many bytes.
    pub fn short(&mut self) -> String {
        let n = usize::from(self.u8()).min(self.data.len());
        let (head, tail) = self.data.split_at(n);
        self.data = tail;
        String::from_utf8_lossy(head).into_owned()
    }
    /// A date, often at chrono's limits.
    pub fn date(&mut self) -> NaiveDate {
        match self.u8() % 6 {
            0 => NaiveDate::MIN,
            1 => NaiveDate::MAX,
            2 => NaiveDate::from_num_days_from_ce_opt(self.u32() as i32).unwrap_or(NaiveDate::MAX),
            _ => NaiveDate::from_num_days_from_ce_opt(
                730_000 + i32::from(self.u8()) * 97 + i32::from(self.u8()),
            )
            .unwrap_or(NaiveDate::MIN),
        }
    }
    /// A time, often at chrono's limits.
    pub fn time(&mut self) -> DateTime<Utc> {
        match self.u8() % 6 {
            0 => DateTime::<Utc>::MIN_UTC,
            1 => DateTime::<Utc>::MAX_UTC,
            2 => DateTime::from_timestamp(self.i64() % 400_000_000_000, 0)
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
            _ => DateTime::from_timestamp(1_780_000_000 + i64::from(self.u32() % 100_000_000), 0)
                .unwrap_or(DateTime::<Utc>::MIN_UTC),
        }
    }
    /// The time after `t`: later mostly, sometimes earlier, sometimes far.
    pub fn later(&mut self, t: DateTime<Utc>) -> DateTime<Utc> {
        let secs = match self.u8() % 8 {
            0 => -i64::from(self.u32() % 100_000),
            1 => self.i64() % 10_000_000_000,
            2 => 0,
            _ => i64::from(self.u32() % 400_000),
        };
        t.checked_add_signed(realname::chrono::Duration::seconds(secs))
            .unwrap_or(t)
    }
    pub fn duration(&mut self) -> Duration {
        let n = self.count();
        match self.u8() % 5 {
            0 => Duration::Minutes(n),
            1 => Duration::Hours(n),
            2 => Duration::CalendarDays(n),
            3 => Duration::WorkingDays(n),
            _ => Duration::CalendarMonths(n),
        }
    }
    pub fn calendar(&mut self) -> Box<dyn WorkCalendar> {
        match self.u8() % 3 {
            0 => Box::new(ChinaMainland::default()),
            1 => Box::new(ChinaMainland::default().with_estimates()),
            _ => Box::new(Weekdays),
        }
    }
}

fn options() -> Vec<ParseOptions> {
    let mut v = Vec::new();
    for input in [InputForm::Lenient, InputForm::Exact] {
        for region in [RegionCheck::Province, RegionCheck::Historical] {
            for uscc in [
                UsccCheck::Standard,
                UsccCheck::KnownCategory,
                UsccCheck::Strict,
            ] {
                v.push(
                    ParseOptions::new()
                        .with_input(input)
                        .with_region_check(region)
                        .with_uscc_check(uscc),
                );
            }
        }
    }
    v
}

/// Every kind through `Document::parse_as` (and `_with` both input
/// forms, both region checks, every USCC check), and `detect`.
pub fn documents(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or(NaiveDate::MIN);
    let detected = realname::detect(&s);
    for &kind in DocumentKind::all() {
        let plain = Document::parse_as(kind, &s);
        if detected.contains(&kind) {
            assert!(plain.is_ok(), "detect named {kind:?} but parse_as refused");
        }
        if let Ok(doc) = &plain {
            assert_eq!(doc.kind(), kind);
            let again = Document::parse_as(kind, doc.as_str());
            assert_eq!(
                again.as_ref().ok(),
                Some(doc),
                "normal form does not parse back"
            );
            let _ = doc.masked();
            let _ = doc.key();
            let _ = doc.birth_date();
            let _ = doc.age_on(today);
            let _ = doc.check_on(today);
            let _ = doc.check_on(NaiveDate::MIN);
            let _ = doc.age_on(NaiveDate::MAX);
        }
        for options in options() {
            if let Ok(doc) = Document::parse_as_with(kind, &s, options) {
                assert_eq!(doc.kind(), kind);
                let _ = doc.masked().as_str().len();
            }
        }
    }
    let _ = Document::parse_any(&s);
}

/// The name normalisers and `matches`: the input split at its first
/// `|`, both halves parsed as names and compared each way.
pub fn names(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let (a, b) = s.split_once('|').unwrap_or((&s, &s));
    for x in [a, b] {
        if let Ok(p) = PersonName::parse(x) {
            assert!(p.matches(p.as_str()), "a person name does not match itself");
            assert!(p.matches(x), "a person name does not match its input");
            let _ = p.matches(a);
            let _ = p.matches(b);
            assert_eq!(PersonName::parse(p.as_str()).as_ref().ok(), Some(&p));
        } else if let Err(e) = PersonName::parse(x) {
            let _ = (e.code(), e.to_string_zh(), e.to_string());
        }
        if let Ok(o) = OrganizationName::parse(x) {
            assert!(
                o.matches(o.as_str()),
                "an organisation name does not match itself"
            );
            assert!(
                o.matches(x),
                "an organisation name does not match its input"
            );
            let _ = o.matches(a);
            let _ = o.matches(b);
            assert_eq!(OrganizationName::parse(o.as_str()).as_ref().ok(), Some(&o));
        } else if let Err(e) = OrganizationName::parse(x) {
            let _ = (e.code(), e.to_string_zh(), e.to_string());
        }
    }
}

/// Profiles: the first byte chooses JSON, TOML, or a built-in profile;
/// the next 64 bytes are the rules' arguments; the rest is the text.
/// A profile that loads is checked, and a checked one goes through
/// every rule function with arbitrary counts and dates.
pub fn profiles(data: &[u8]) {
    let (head, text) = data.split_at(data.len().min(65));
    let mut input = Input::new(head);
    let mode = input.u8();
    let text = String::from_utf8_lossy(text);
    let profile = match mode % 3 {
        0 | 1 => {
            let loaded: Option<ProfileData> = if mode.is_multiple_of(3) {
                serde_json::from_str(&text).ok()
            } else {
                toml::from_str(&text).ok()
            };
            let Some(loaded) = loaded else { return };
            let checked = loaded.check();
            let profile = Profile::new(loaded.clone());
            assert_eq!(
                checked.is_ok(),
                profile.is_ok(),
                "check and Profile::new disagree"
            );
            match profile {
                Ok(p) => p,
                Err(e) => {
                    let _ = (e.code(), e.to_string_zh(), e.to_string());
                    return;
                }
            }
        }
        _ => input.pick(Provider::all()).profile().clone(),
    };
    // A checked profile saves and loads back the same.
    let json = serde_json::to_string(&profile.to_data()).expect("a profile serialises");
    let back: ProfileData = serde_json::from_str(&json).expect("a saved profile loads");
    assert!(
        back.check().is_ok(),
        "a checked profile no longer checks after a round trip"
    );
    rules_over(&profile, &mut input);
}

fn rules_over(profile: &Profile, input: &mut Input<'_>) {
    let calendar = input.calendar();
    let method = input.pick(MethodKind::all());
    let transition = input.pick(Transition::all());
    let subject = if input.bool() {
        realname::SubjectKind::Individual
    } else {
        realname::SubjectKind::Organization
    };
    let _ = rules::check_age(profile, input.date(), input.date());
    for scope in [
        Scope::Account,
        Scope::Transfer,
        Scope::ChangeRequest(transition),
    ] {
        let _ = rules::attempts_left(profile, method, scope, input.count());
    }
    let _ = rules::check_account_cap(profile, subject, input.count());
    let last = if input.bool() {
        Some(input.time())
    } else {
        None
    };
    let _ = rules::check_change(profile, transition, last, input.time(), &*calendar);
    let _ = rules::check_subject(profile, subject);
    let applicant = rules::Applicant::new(subject).with_residency(input.pick(Residency::all()));
    let _ = rules::check_method(profile, method, &applicant);
    let _ = rules::methods_for(profile, &applicant).count();
    let kind = input.pick(DocumentKind::all());
    let _ = rules::check_document(profile, method, kind);
    let _ = rules::check_amount(profile, method, input.count());
    let _ = rules::check_upload(profile, method, &input.short(), input.u64());
    let submitted = input.time();
    if let Ok(Some(due)) = rules::review_due(profile, method, input.bool(), submitted, &*calendar) {
        let _ = due.is_overdue(input.time());
    }
    if let Ok(card) = realname::BankCardNumber::parse("6222020200112345678") {
        let _ = rules::check_bank_card(profile, method, &card);
    }
    if let Ok(doc) = Document::parse_as(DocumentKind::ResidentId, "11010519491231002X") {
        let _ =
            rules::check_document_holder(profile, method, &doc, Some(input.pick(Residency::all())));
        if let Some(key) = doc.key() {
            let _ = rules::check_identity_cap(profile, &key, input.count());
        }
    }
}

/// The calendar functions with arbitrary dates and durations.
pub fn calendar(data: &[u8]) {
    let mut input = Input::new(data);
    let calendar = input.calendar();
    let date = input.date();
    let _ = calendar.is_working_day(date);
    // Counts up to u32::MAX: the walk must stop at the calendar's range
    // (or chrono's, for `Weekdays`, which jumps whole weeks).
    let n = input.count();
    let _ = calendar.add_working_days(date, n);
    let _ = calendar.working_days_between(date, input.date());
    let start = input.time();
    let duration = input.duration();
    let _ = duration.to_string_zh();
    let at = due(start, duration, &*calendar);
    let d = deadline(start, duration, &*calendar);
    if let (Ok(at), Ok(d)) = (&at, &d) {
        assert!(*at >= start, "a deadline before its start");
        let _ = d;
    }
    let base = ChinaMainland::default();
    let _ = base.with_day(input.date(), input.bool());
    if let Ok(c) = base.with_csv(&input.rest()) {
        let _ = c.is_working_day(date);
        let _ = c.years();
    }
}

/// Drives one machine with events decoded from the input.
fn drive<M: Machine>(
    mut flow: Flow<M>,
    input: &mut Input<'_>,
    start: DateTime<Utc>,
    mut event: impl FnMut(&mut Input<'_>, Option<ActionId>) -> M::Event,
) where
    Saved<M>: serde::Serialize + serde::de::DeserializeOwned,
{
    let calendar = input.calendar();
    let mut now = start;
    let mut steps = 0;
    while !input.is_empty() && steps < 400 {
        steps += 1;
        now = input.later(now);
        let pending = flow.view().pending;
        let id = if input.u8().is_multiple_of(8) {
            Some(ActionId {
                revision: u64::from(input.u8()),
                index: input.u8(),
            })
        } else {
            pending
        };
        let e = event(input, id);
        let before = flow.view();
        match flow.handle(e, now, &*calendar) {
            Ok(_) => assert!(flow.view().revision >= before.revision),
            Err(err) => {
                let _ = err.to_string();
            }
        }
        let _ = flow.step();
        let saved = flow.save();
        let json = serde_json::to_string(&saved).expect("a saved flow serialises");
        let back: Saved<M> = serde_json::from_str(&json).expect("a saved flow deserialises");
        let restored = Flow::<M>::restore(back).expect("a saved flow restores");
        assert_eq!(restored.view(), flow.view(), "restore(save()) differs");
    }
}

fn restore_json<M: Machine>(text: &str)
where
    Saved<M>: serde::de::DeserializeOwned + serde::Serialize,
{
    if let Ok(saved) = serde_json::from_str::<Saved<M>>(text)
        && let Ok(flow) = Flow::<M>::restore(saved)
    {
        let _ = flow.step();
        let json = serde_json::to_string(&flow.save()).expect("a restored flow serialises");
        let back: Saved<M> = serde_json::from_str(&json).expect("a restored flow deserialises");
        let again = Flow::<M>::restore(back).expect("a restored flow restores again");
        assert_eq!(again.view(), flow.view());
    }
}

fn bind(input: &mut Input<'_>) -> BindOutcome {
    input.pick(&[
        BindOutcome::Bound,
        BindOutcome::AlreadyBound,
        BindOutcome::CapReached,
    ])
}

fn reason(input: &mut Input<'_>) -> Option<realname::flow::FailureReason> {
    let all = realname::flow::FailureReason::all();
    if input.bool() {
        Some(input.pick(all))
    } else {
        None
    }
}

fn outcome(input: &mut Input<'_>) -> ReviewOutcome {
    input.pick(&[
        ReviewOutcome::Approved,
        ReviewOutcome::Rejected,
        ReviewOutcome::ResubmissionRequested,
    ])
}

fn any_id(input: &mut Input<'_>, id: Option<ActionId>) -> ActionId {
    id.unwrap_or(ActionId {
        revision: u64::from(input.u8()),
        index: 0,
    })
}

/// Each machine: the first byte chooses the machine and whether the
/// rest is a saved state in JSON (restored) or a start and a sequence
/// of events with times that may go back.
pub fn flows(data: &[u8]) {
    let mut input = Input::new(data);
    let choice = input.u8();
    if choice & 0x80 != 0 {
        let text = input.rest();
        match choice % 5 {
            0 => restore_json::<realname::flow::Deposit>(&text),
            1 => restore_json::<realname::flow::Auto>(&text),
            2 => restore_json::<realname::flow::Review>(&text),
            3 => restore_json::<realname::flow::Remittance>(&text),
            _ => restore_json::<realname::flow::Change>(&text),
        }
        return;
    }
    let profile = input.pick(Provider::all()).profile();
    let method = input.pick(MethodKind::all());
    let prior = input.count();
    let start = input.time();
    match choice % 5 {
        0 => {
            if let Ok((flow, _)) = MicroDeposit::start(profile, prior, start) {
                drive(flow, &mut input, start, |i, id| match i.u8() % 8 {
                    0 => DepositEvent::Submit { fen: i.count() },
                    1 => DepositEvent::OperatorFace {
                        id: any_id(i, id),
                        passed: i.bool(),
                    },
                    2 => DepositEvent::PayoutSent { id: any_id(i, id) },
                    3 => DepositEvent::PayoutFailed {
                        id: any_id(i, id),
                        reason: reason(i),
                    },
                    4 => DepositEvent::AmountEntered {
                        fen: i.count(),
                        risk_hit: i.bool(),
                    },
                    5 => DepositEvent::ReviewDecided {
                        id: any_id(i, id),
                        approved: i.bool(),
                    },
                    6 => DepositEvent::Withdraw,
                    _ => DepositEvent::Tick,
                });
            }
        }
        1 => {
            if let Ok((flow, _)) = AutomaticCheck::start(profile, method, prior, start) {
                drive(flow, &mut input, start, |i, id| match i.u8() % 8 {
                    0 => {
                        let s = match i.u8() % 4 {
                            0 => Submission::individual(),
                            1 => Submission::organization(
                                OrganizationClass::Enterprise,
                                i.pick(&[Actor::Applicant, Actor::Operator, Actor::Delegate]),
                            ),
                            _ => Submission::organization(
                                OrganizationClass::OtherOrganization,
                                i.pick(&[Actor::Applicant, Actor::Operator, Actor::Delegate]),
                            ),
                        };
                        AutoEvent::Submit(if i.bool() { s.with_risk_hit() } else { s })
                    }
                    1 => AutoEvent::SmsCode {
                        id: any_id(i, id),
                        confirmed: i.bool(),
                    },
                    2 => AutoEvent::Liveness {
                        id: any_id(i, id),
                        passed: i.bool(),
                        reason: reason(i),
                    },
                    3 => AutoEvent::Checked {
                        id: any_id(i, id),
                        matched: i.bool(),
                        reason: reason(i),
                    },
                    4 => AutoEvent::ReviewDecided {
                        id: any_id(i, id),
                        approved: i.bool(),
                    },
                    5 => AutoEvent::Bound {
                        id: any_id(i, id),
                        outcome: bind(i),
                    },
                    6 => AutoEvent::Withdraw,
                    _ => AutoEvent::Tick,
                });
            }
        }
        2 => {
            if let Ok((flow, _)) = DocumentReview::start(profile, method, prior, start) {
                drive(flow, &mut input, start, |i, id| match i.u8() % 5 {
                    0 => {
                        let n = usize::from(i.u8() % 8);
                        let files: Vec<Upload> = (0..n)
                            .map(|_| {
                                Upload::new(i.pick(Part::all()), &i.short(), i.u64() % (1 << 40))
                            })
                            .collect();
                        match Uploads::new(&files) {
                            Ok(uploads) => ReviewEvent::Submit {
                                uploads,
                                ocr: i.pick(&[None, Some(true), Some(false)]),
                                signatory: i.pick(&[
                                    None,
                                    Some(Actor::Applicant),
                                    Some(Actor::Operator),
                                    Some(Actor::Delegate),
                                ]),
                            },
                            Err(_) => ReviewEvent::Tick,
                        }
                    }
                    1 => ReviewEvent::ReviewDecided {
                        id: any_id(i, id),
                        outcome: outcome(i),
                    },
                    2 => ReviewEvent::Bound {
                        id: any_id(i, id),
                        outcome: bind(i),
                    },
                    3 => ReviewEvent::Withdraw,
                    _ => ReviewEvent::Tick,
                });
            }
        }
        3 => {
            if let Ok((flow, _)) = Recharge::start(profile, prior, start) {
                drive(flow, &mut input, start, |i, id| match i.u8() % 7 {
                    0 => RechargeEvent::Submit {
                        fen: i.count(),
                        new_account: i.bool(),
                    },
                    1 => RechargeEvent::SmsCode {
                        id: any_id(i, id),
                        passed: i.bool(),
                    },
                    2 => RechargeEvent::PaymentReceived {
                        id: any_id(i, id),
                        fen: i.count(),
                        payer_name_matches: i.bool(),
                    },
                    3 => RechargeEvent::ReviewDecided {
                        id: any_id(i, id),
                        approved: i.bool(),
                    },
                    4 => RechargeEvent::Bound {
                        id: any_id(i, id),
                        outcome: bind(i),
                    },
                    5 => RechargeEvent::Withdraw,
                    _ => RechargeEvent::Tick,
                });
            }
        }
        _ => {
            let transition = input.pick(Transition::all());
            let last = if input.bool() {
                Some(input.time())
            } else {
                None
            };
            let calendar = input.calendar();
            if let Ok((flow, _)) =
                SubjectChange::start(profile, transition, last, start, &*calendar)
            {
                drive(flow, &mut input, start, |i, id| match i.u8() % 10 {
                    0 => ChangeEvent::Choose {
                        method: i.pick(MethodKind::all()),
                    },
                    1 => ChangeEvent::Checked {
                        id: any_id(i, id),
                        passed: i.bool(),
                        reason: reason(i),
                    },
                    2 => ChangeEvent::Eligibility {
                        id: any_id(i, id),
                        eligible: i.bool(),
                    },
                    3 => ChangeEvent::Registry {
                        id: any_id(i, id),
                        matched: i.bool(),
                    },
                    4 => ChangeEvent::Submit,
                    5 => ChangeEvent::Edit,
                    6 => ChangeEvent::ReviewDecided {
                        id: any_id(i, id),
                        outcome: outcome(i),
                    },
                    7 => ChangeEvent::Rebound {
                        id: any_id(i, id),
                        outcome: bind(i),
                    },
                    8 => ChangeEvent::Withdraw,
                    _ => ChangeEvent::Tick,
                });
            }
        }
    }
}

/// The store's input checks and the keyring on arbitrary bytes.
pub fn store_ids(data: &[u8]) {
    let mut input = Input::new(data);
    let method = input.pick(MethodKind::all());
    let transition = input.pick(Transition::all());
    let scope = input.pick(&[
        Scope::Account,
        Scope::Transfer,
        Scope::ChangeRequest(transition),
    ]);
    let a = input.short();
    let b = input.short();
    let secret_len = usize::from(input.u8());
    let secret: Vec<u8> = (0..secret_len).map(|_| input.u8()).collect();
    let revision = input.u64();
    let next = if input.bool() {
        Some(input.i64())
    } else {
        None
    };
    let rest = input.rest();
    for id in [a.as_str(), b.as_str(), rest.as_str()] {
        if let Err(e) = check_id("id", id) {
            let _ = e.to_string();
        }
    }
    if let Ok(scope) = AttemptScope::new(&a, method, scope, &b) {
        let _ = (scope.account(), scope.scope_key());
    }
    let _ = realname::store::hmac_sha256(&secret, rest.as_bytes());
    if let Ok(ring) = Keyring::new(&secret) {
        let tag = ring.seal(&a, revision, next, rest.as_bytes());
        assert!(
            ring.verify(&a, revision, next, rest.as_bytes(), &tag),
            "a seal does not verify"
        );
        assert!(!ring.verify(&a, revision.wrapping_add(1), next, rest.as_bytes(), &tag));
        let _ = ring.verify(&a, revision, next, rest.as_bytes(), b.as_bytes());
        if let Some(doc) = realname::detect(&rest)
            .first()
            .and_then(|&k| Document::parse_as(k, &rest).ok())
            && let Some(key) = doc.key()
        {
            assert_eq!(ring.digest(&key), ring.digest(&key));
            let _ = ring.previous(&key);
        }
        if let Ok(rot) = Keyring::rotating(rest.as_bytes(), &secret) {
            let _ = rot.verify(&a, revision, next, rest.as_bytes(), &tag);
        }
    }
}
