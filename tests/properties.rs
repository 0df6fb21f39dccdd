//! Property tests: generated numbers round-trip, typing errors are caught,
//! `Debug` hides what the mask hides, and no input whatever panics a parser.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use realname::{
    strategy, BankCardNumber, Document, DocumentKind, ForeignPermanentResidentId, HongKongId,
    InputForm, LegacyResidentId, ParseOptions, RegionCheck, ResidentId,
};

fn all_options() -> impl Strategy<Value = ParseOptions> {
    (
        prop_oneof![Just(RegionCheck::Province), Just(RegionCheck::Historical)],
        prop_oneof![Just(InputForm::Lenient), Just(InputForm::Exact)],
    )
        .prop_map(|(r, i)| ParseOptions::new().region_check(r).input(i))
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
            let _ = (e.to_string(), e.message_zh(), e.code());
        }
    }

    #[test]
    fn errors_never_echo_the_input(s in "[0-9]{18}") {
        if let Err(e) = ResidentId::parse(&s) {
            prop_assert!(!e.to_string().contains(&s));
            prop_assert!(!e.message_zh().contains(&s));
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
        let strict = ParseOptions::new().region_check(RegionCheck::Historical);
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
        let exact = ParseOptions::new().input(InputForm::Exact);
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
