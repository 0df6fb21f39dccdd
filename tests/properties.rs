//! Property tests: generated numbers round-trip, typing errors are caught,
//! `Debug` hides what the mask hides, and no input whatever panics a parser.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use realname::{
    BankCardNumber, Document, DocumentKind, ForeignPermanentResidentId, HongKongId, InputForm,
    LegacyResidentId, ParseOptions, RegionCheck, ResidentId, strategy,
};

fn all_options() -> impl Strategy<Value = ParseOptions> {
    (
        prop_oneof![Just(RegionCheck::Province), Just(RegionCheck::Historical)],
        prop_oneof![Just(InputForm::Lenient), Just(InputForm::Exact)],
    )
        .prop_map(|(r, i)| ParseOptions::new().with_region_check(r).with_input(i))
}

/// Strings that reach every branch of the parsers: arbitrary text, text of
/// the lengths the schemes use, digits with one odd character, full-width
/// and multi-byte characters, controls.
fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC*",
        proptest::collection::vec(any::<char>(), 14..20).prop_map(|v| v.into_iter().collect()),
        "[0-9Xx ]{13,20}",
        "[0-9]{0,17}.[0-9]{0,2}",
        "[A-Za-z]{3}[0-9]{12}",
        "9[0-9]{16}[0-9Xx]",
        "[\u{FF10}-\u{FF19}\u{FF38}\u{FF58}\u{3000}]{15,19}",
        "[\u{0}-\u{1f}\u{7f}0-9]{15,18}",
        "[身份证号码]{0,6}[0-9]{0,18}",
        "[A-Za-z]{1,2}[0-9]{6}[(（]?[0-9A][)）]?",
        "[HMhm][Aa]?[0-9]{7,10}",
        "[0-9]{8,10}[(]?[0-9A-Z]?[)]?",
        "(\\+86|0086|86 )?1[0-9 -]{10,14}",
        "[0-9 -]{14,24}",
        "[A-Za-z]{3}[: -]?[A-Za-z0-9 -]{0,25}",
        "[157][/]?[0-9]{6}[/(]?[0-9]?[)/]?",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsers_never_panic(s in nasty_string(), options in all_options()) {
        for &kind in DocumentKind::all() {
            let _ = Document::parse_as_with(kind, &s, options);
        }
        // detect's length filter never drops a kind that parses.
        let parsed: Vec<DocumentKind> = DocumentKind::all()
            .iter()
            .copied()
            .filter(|&k| Document::parse_as(k, &s).is_ok())
            .collect();
        prop_assert_eq!(realname::detect(&s), parsed);
        let _ = Document::parse_any(&s);
        let _ = s.parse::<DocumentKind>();
        let _ = realname::checksum::luhn(s.as_bytes());
        let _ = realname::checksum::hkid(s.as_bytes());
        let _ = realname::checksum::taiwan_id(s.as_bytes());
        let _ = realname::region::lookup_str(&s);
        let _ = realname::Country::from_alpha3(&s);
        let _ = realname::checksum::iso7064_mod11_2(s.as_bytes());
        let _ = realname::checksum::icao9303(s.as_bytes());
        if let Err(e) = ResidentId::parse_with(&s, options) {
            let _ = (e.to_string(), e.to_string_zh(), e.code());
        }
    }

    #[test]
    fn errors_never_echo_the_input(s in "[0-9]{18}") {
        if let Err(e) = ResidentId::parse(&s) {
            prop_assert!(!e.to_string().contains(&s));
            prop_assert!(!e.to_string_zh().contains(&s));
        }
    }

    #[test]
    fn resident_id_round_trips(id in strategy::resident_id()) {
        let text = id.to_string();
        let again = ResidentId::parse(&text).unwrap();
        prop_assert_eq!(again, id);
        prop_assert_eq!(again.as_str(), text.as_str());
        prop_assert_eq!(again.birth_date(), id.birth_date());
        prop_assert_eq!(again.gender(), id.gender());
        prop_assert_eq!(again.region_code(), id.region_code());
        prop_assert_eq!(again.holder(), id.holder());
        // The fields are the ones written into the number.
        let b = id.birth_date();
        let date = format!("{:04}{:02}{:02}", b.year(), b.month(), b.day());
        prop_assert_eq!(&text[6..14], date.as_str());
        prop_assert_eq!(format!("{:06}", id.region_code()), &text[..6]);
        // Full-width and padded spellings mean the same number.
        let wide: String = text.chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap()).collect();
        prop_assert_eq!(ResidentId::parse(&format!("\u{3000}{wide} ")).unwrap(), id);
        // Generated codes existed, so the strict check accepts them too.
        let strict = ParseOptions::new().with_region_check(RegionCheck::Historical);
        prop_assert_eq!(ResidentId::parse_with(&text, strict).unwrap(), id);
    }

    #[test]
    fn resident_id_typos_are_rejected(s in strategy::resident_id_near_miss()) {
        prop_assert!(ResidentId::parse(&s).is_err());
    }

    #[test]
    fn resident_id_debug_is_masked(id in strategy::resident_id()) {
        let text = id.to_string();
        let debug = format!("{id:?}");
        let masked = id.masked().to_string();
        prop_assert!(!debug.contains(&text[6..14]), "{} shows the birth date", debug);
        prop_assert_eq!(&masked[..6], &text[..6]);
        prop_assert_eq!(&masked[6..14], "********");
        prop_assert_eq!(&masked[14..], &text[14..]);
        prop_assert!(debug.contains(&masked));
    }

    #[test]
    fn ages_count_full_years(id in strategy::resident_id(), days in 0i64..40_000) {
        let on = id.birth_date() + chrono::Duration::days(days);
        let age = id.age_on(on).unwrap();
        let on_birthday = id.birth_date().with_year(id.birth_date().year() + age as i32);
        // The last birthday reached is not after `on`, the next one is.
        if let Some(last) = on_birthday {
            prop_assert!(last <= on);
        }
        prop_assert!(id.check_on(on).is_ok());
        let before = id.birth_date() - chrono::Duration::days(1);
        prop_assert!(id.age_on(before).is_err());
        prop_assert!(id.check_on(before).is_err());
    }

    #[test]
    fn legacy_upgrades_and_downgrades(id in strategy::legacy_resident_id()) {
        prop_assert_eq!(LegacyResidentId::parse(id.as_str()).unwrap(), id);
        let up = id.upgrade();
        prop_assert_eq!(ResidentId::parse(up.as_str()).unwrap(), up);
        prop_assert_eq!(up.birth_date(), id.birth_date());
        prop_assert_eq!(up.gender(), id.gender());
        prop_assert_eq!(up.region_code(), id.region_code());
        prop_assert_eq!(up.to_legacy(), Some(id));
        // The birth date's six digits are hidden (they may still equal the
        // region code by chance, so compare positions, not substrings).
        let masked = id.masked().to_string();
        prop_assert_eq!(&masked[6..12], "******");
        prop_assert_eq!(format!("{id:?}"), format!("LegacyResidentId({masked})"));
    }

    #[test]
    fn foreign_id_round_trips(id in strategy::foreign_permanent_resident_id()) {
        let again = ForeignPermanentResidentId::parse(id.as_str()).unwrap();
        prop_assert_eq!(again, id);
        prop_assert_eq!(again.nationality(), id.nationality());
        prop_assert_eq!(again.birth_date(), id.birth_date());
        prop_assert_eq!(again.generation(), id.generation());
        let text = id.to_string();
        let hidden = if text.len() == 18 { &text[6..14] } else { &text[7..13] };
        let debug = format!("{id:?}");
        prop_assert!(!debug.contains(hidden));
    }

    #[test]
    fn foreign_id_typos_are_rejected(s in strategy::foreign_permanent_resident_id_near_miss()) {
        prop_assert!(ForeignPermanentResidentId::parse(&s).is_err());
    }

    #[test]
    fn any_single_digit_change_is_rejected(id in strategy::resident_id(), pos in 0usize..18, d in 0u8..11) {
        let mut bytes = id.to_string().into_bytes();
        let new = b"0123456789X"[d as usize];
        prop_assume!(bytes[pos] != new);
        bytes[pos] = new;
        prop_assert!(ResidentId::parse(std::str::from_utf8(&bytes).unwrap()).is_err());
    }

    #[test]
    fn any_neighbour_swap_is_rejected(id in strategy::resident_id(), pos in 0usize..17) {
        let mut bytes = id.to_string().into_bytes();
        prop_assume!(bytes[pos] != bytes[pos + 1]);
        bytes.swap(pos, pos + 1);
        prop_assert!(ResidentId::parse(std::str::from_utf8(&bytes).unwrap()).is_err());
    }

    #[test]
    fn serde_round_trips(id in strategy::resident_id(), fpr in strategy::foreign_permanent_resident_id(), old in strategy::legacy_resident_id()) {
        let json = serde_json::to_string(&id).unwrap();
        prop_assert_eq!(&json, &format!("\"{id}\""));
        prop_assert_eq!(serde_json::from_str::<ResidentId>(&json).unwrap(), id);
        let json = serde_json::to_string(&fpr).unwrap();
        prop_assert_eq!(serde_json::from_str::<ForeignPermanentResidentId>(&json).unwrap(), fpr);
        let json = serde_json::to_string(&old).unwrap();
        prop_assert_eq!(serde_json::from_str::<LegacyResidentId>(&json).unwrap(), old);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_document_round_trips_and_is_detected(doc in strategy::document()) {
        let text = doc.to_string();
        prop_assert_eq!(Document::parse_as(doc.kind(), &text), Ok(doc));
        let exact = ParseOptions::new().with_input(InputForm::Exact);
        prop_assert_eq!(Document::parse_as_with(doc.kind(), &text, exact), Ok(doc));
        let kinds = realname::detect(&text);
        prop_assert!(kinds.contains(&doc.kind()));
        // Every kind detect names parses; the first is what parse_any picks.
        for &kind in &kinds {
            prop_assert!(Document::parse_as(kind, &text).is_ok());
        }
        prop_assert_eq!(Document::parse_any(&text).map(|d| d.kind()), kinds.first().copied());
        let json = serde_json::to_string(&doc).unwrap();
        prop_assert_eq!(serde_json::from_str::<Document>(&json).unwrap(), doc);
    }

    #[test]
    fn debug_never_shows_the_hidden_middle(doc in strategy::document()) {
        let text = doc.to_string();
        let masked = doc.masked().to_string();
        let debug = format!("{doc:?}");
        prop_assert!(!debug.contains(&text) || text.len() < 6);
        prop_assert!(debug.contains(&masked));
        prop_assert!(masked.contains('*'));
        // Every run of visible characters in the mask is at most half the number.
        let longest = masked.split(['*', ' ']).map(str::len).max().unwrap_or(0);
        prop_assert!(longest * 2 <= text.len() + 2, "{} shows too much of {}", masked, doc.kind());
    }

    #[test]
    fn bank_card_typos_are_rejected(s in strategy::bank_card_number_near_miss()) {
        prop_assert!(BankCardNumber::parse(&s).is_err());
    }

    #[test]
    fn uscc_typos_are_rejected(s in strategy::uscc_near_miss()) {
        prop_assert!(realname::Uscc::parse(&s).is_err());
    }

    #[test]
    fn hong_kong_id_typos_are_rejected(s in strategy::hong_kong_id_near_miss()) {
        prop_assert!(HongKongId::parse(&s).is_err());
    }
}

#[test]
fn the_near_miss_strategies_produce_strings_of_the_right_shape() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    for _ in 0..100 {
        let s = strategy::resident_id_near_miss()
            .new_tree(&mut runner)
            .unwrap()
            .current();
        assert_eq!(s.chars().count(), 18);
    }
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    for _ in 0..100 {
        let id = strategy::resident_id()
            .new_tree(&mut runner)
            .unwrap()
            .current();
        assert!(id.check_on(today).is_ok());
    }
}

proptest! {
    #[test]
    fn names_never_panic_and_normalise_once(s in "\\PC{0,80}|[张三李四·•. 　（）()A-Za-z0-9]{0,20}") {
        if let Ok(name) = realname::subject::PersonName::parse(&s) {
            let again = realname::subject::PersonName::parse(name.as_str()).unwrap();
            prop_assert_eq!(&again, &name);
            prop_assert!(name.matches(&s));
            let debug = format!("{name:?}");
            let shown = debug.strip_prefix("PersonName(").and_then(|d| d.strip_suffix(')')).unwrap();
            prop_assert_eq!(shown.chars().count(), name.as_str().chars().count());
            prop_assert!(shown.chars().skip(1).all(|c| c == '*'));
        }
        if let Ok(name) = realname::subject::OrganizationName::parse(&s) {
            let again = realname::subject::OrganizationName::parse(name.as_str()).unwrap();
            prop_assert_eq!(&again, &name);
            prop_assert!(name.matches(&s));
        }
    }
}

// Policy rules: no input panics them, even on a profile of extreme values,
// and their answers are consistent.

use chrono::{DateTime, Utc};
use realname::SubjectKind;
use realname::calendar::{ChinaMainland, Duration as Span};
use realname::policy::{
    Limit, MethodKind, Profile, Provider, Qualifier, ReviewTime, Scope, Stated, TimeUnit,
    Transition,
};
use realname::rules::{self, Applicant};

fn any_time() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![
        // 2003 to 2027: around the years the mainland calendar knows.
        (1_041_379_200i64..1_830_297_600).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap()),
        (-8_000_000_000_000i64..8_000_000_000_000)
            .prop_map(|s| DateTime::from_timestamp(s, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)),
        Just(DateTime::<Utc>::MAX_UTC),
        Just(DateTime::<Utc>::MIN_UTC),
    ]
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        (730_000i32..740_000).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap()),
        (-95_000_000i32..95_000_000)
            .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap_or(NaiveDate::MAX)),
        Just(NaiveDate::MAX),
        Just(NaiveDate::MIN),
    ]
}

/// A built-in profile with every number replaced by `n` (1 to `u32::MAX`)
/// and its review ranges widened to `n / 2 ..= n`: extreme values that
/// still pass the check (the rules only ever see checked profiles), which
/// the rules must answer without panicking or overflowing.
fn extreme_profile() -> impl Strategy<Value = Profile> {
    (0..Provider::all().len(), 1..=u32::MAX, any::<bool>()).prop_map(|(i, n, months)| {
        let mut p = Provider::all()[i].profile().to_data();
        for cap in &mut p.account_caps {
            cap.value.limit = Limit::AtMost(n);
        }
        for m in &mut p.methods {
            for a in &mut m.attempts {
                a.value.max = n;
            }
            m.review = Stated::given(
                ReviewTime::Range {
                    min: n / 2,
                    max: n,
                    unit: TimeUnit::WorkingDays,
                    qualifier: Qualifier::AtMost,
                },
                realname::policy::Source::new("test", 1, "wide"),
            );
        }
        for c in &mut p.changes {
            if let Stated::Given(cd) = &mut c.cooldown {
                cd.value.wait = if months {
                    Span::CalendarMonths(n)
                } else {
                    Span::WorkingDays(n)
                };
            }
            for a in &mut c.attempts {
                a.value.limit.max = n;
            }
        }
        if let Stated::Given(age) = &mut p.min_age {
            age.value.years = n % 151;
        }
        for u in &mut p.uploads {
            u.max_bytes =
                Stated::given(u64::from(n), realname::policy::Source::new("test", 1, "n"));
        }
        Profile::new(p).unwrap()
    })
}

fn any_method() -> impl Strategy<Value = MethodKind> {
    (0..MethodKind::all().len()).prop_map(|i| MethodKind::all()[i])
}

fn any_transition() -> impl Strategy<Value = Transition> {
    (0..Transition::all().len()).prop_map(|i| Transition::all()[i])
}

fn any_scope() -> impl Strategy<Value = Scope> {
    prop_oneof![
        Just(Scope::Account),
        Just(Scope::Transfer),
        any_transition().prop_map(Scope::ChangeRequest),
    ]
}

fn read(r: &realname::rules::Refusal) {
    assert!(!r.code().is_empty());
    assert!(!r.to_string_zh().is_empty());
    assert!(!r.to_string().is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn rules_never_panic(
        p in extreme_profile(),
        n in any::<u32>(),
        birth in any_date(),
        today in any_date(),
        file in nasty_string(),
        size in any::<u64>(),
        (last, now) in (any_time(), any_time()),
        method in any_method(),
        transition in any_transition(),
        scope in any_scope(),
        individual in any::<bool>(),
        card in strategy::bank_card_number(),
    ) {
        let cal = ChinaMainland::default();
        let subject = if individual { SubjectKind::Individual } else { SubjectKind::Organization };
        let applicant = Applicant::new(subject);
        let results = [
            rules::check_account_cap(&p, subject, n),
            rules::check_age(&p, birth, today),
            rules::check_method(&p, method, &applicant).map(|_| ()),
            rules::check_upload(&p, method, &file, size),
            rules::check_amount(&p, method, n),
            rules::attempts_left(&p, method, scope, n).map(|_| ()),
            rules::check_change(&p, transition, Some(last), now, &cal),
            rules::check_bank_card(&p, method, &card),
        ];
        for r in results.iter().filter_map(|r| r.as_ref().err()) {
            read(r);
        }
        for d in realname::DocumentKind::all() {
            if let Err(r) = rules::check_document(&p, method, *d) {
                read(&r);
            }
        }
        let _ = rules::methods_for(&p, &applicant).count();
        if let Ok(Some(due)) = rules::review_due(&p, method, individual, last, &cal) {
            prop_assert!(due.due >= last);
        }
    }

    #[test]
    fn account_caps_refuse_from_the_limit_on(i in 0..4usize, n in 0u32..20) {
        let p = Provider::all()[i].profile();
        for subject in [SubjectKind::Individual, SubjectKind::Organization] {
            let refused = rules::check_account_cap(p, subject, n).is_err();
            let limit = p.account_cap(subject).and_then(|c| c.value.limit.number());
            prop_assert_eq!(refused, limit.is_some_and(|l| n >= l));
            if refused {
                prop_assert!(rules::check_account_cap(p, subject, n.saturating_add(1)).is_err());
            }
        }
    }

    #[test]
    fn attempts_left_and_used_add_up(i in 0..4usize, method in any_method(), scope in any_scope(), used in 0u32..30) {
        match rules::attempts_left(Provider::all()[i].profile(), method, scope, used) {
            Ok(Some(left)) => {
                prop_assert!(left >= 1);
                let again = rules::attempts_left(Provider::all()[i].profile(), method, scope, used + left);
                prop_assert!(again.is_err());
            }
            Ok(None) => {}
            Err(r) => match r.reason() {
                realname::rules::Reason::AttemptsExhausted { max, used: u, .. } => prop_assert!(u >= max),
                other => prop_assert!(false, "unexpected {:?}", other),
            },
        }
    }

    #[test]
    fn a_change_allowed_now_stays_allowed(
        i in 0..4usize,
        transition in any_transition(),
        last in (1_072_915_200i64..1_790_000_000).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap()),
        after in 0i64..100_000_000,
        later in 0i64..100_000_000,
    ) {
        let p = Provider::all()[i].profile();
        let cal = ChinaMainland::default();
        let now = last + chrono::Duration::seconds(after);
        if rules::check_change(p, transition, Some(last), now, &cal).is_ok() {
            let then = now + chrono::Duration::seconds(later);
            prop_assert!(rules::check_change(p, transition, Some(last), then, &cal).is_ok());
        }
    }

    #[test]
    fn upload_refusals_never_show_the_file_name(stem in "[张三李四王五]{2,4}", ext in "[张三丰]{2,6}") {
        let name = format!("{stem}身份证.{ext}");
        if let Err(r) = rules::check_upload(Provider::HuaweiInternational.profile(), MethodKind::DocumentUpload, &name, 1) {
            for text in [r.to_string(), r.to_string_zh()] {
                prop_assert!(!text.contains(&stem), "{}", text);
                prop_assert!(!text.contains(&ext), "{}", text);
            }
        }
    }
}
