//! [proptest](mod@proptest) strategies for callers' own property tests (feature
//! `proptest`).
//!
//! Each document type has a strategy that generates valid values (with
//! fields spread over their whole range: every region code of the built-in
//! table, birth dates from 1900 to 2025, every sequence), and a
//! `*_near_miss` strategy that generates strings one typing error away from
//! a valid number: one character changed, or two neighbouring characters
//! swapped, where the scheme's check character is guaranteed to catch it.
//!
//! ```
//! use proptest::prelude::*;
//! use realname::{strategy, ResidentId};
//!
//! proptest!(|(id in strategy::resident_id())| {
//!     prop_assert_eq!(ResidentId::parse(&id.to_string()), Ok(id));
//! });
//! proptest!(|(typo in strategy::resident_id_near_miss())| {
//!     prop_assert!(ResidentId::parse(&typo).is_err());
//! });
//! ```

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use proptest::sample::select;

use crate::checksum::{icao9303, iso7064_mod11_2};
use crate::document::Country;
use crate::{ForeignPermanentResidentId, LegacyResidentId, ResidentId, region};

/// A birth date from 1900-01-01 to 2025-12-31.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(d in realname::strategy::birth_date())| {
///     prop_assert!(d.to_string().as_str() >= "1900-01-01");
/// });
/// ```
pub fn birth_date() -> impl Strategy<Value = NaiveDate> {
    let start = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
    (0i64..46_020).prop_map(move |days| start + Duration::days(days))
}

/// A mainland region code that existed in GB/T 2260 (any level), as a
/// resident ID carries it.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(code in realname::strategy::mainland_region_code())| {
///     prop_assert!(realname::region::lookup(code).is_some());
/// });
/// ```
pub fn mainland_region_code() -> impl Strategy<Value = u32> {
    let codes: Vec<u32> = region::all()
        .map(|r| r.code())
        .filter(|&c| region::is_mainland_province(c / 10_000))
        .collect();
    select(codes)
}

fn ascii_digits(out: &mut [u8], mut value: u32) {
    for slot in out.iter_mut().rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

/// Writes `YYYYMMDD` into `out` (eight bytes).
fn date_digits(out: &mut [u8], date: NaiveDate) {
    use chrono::Datelike;
    ascii_digits(
        out,
        date.year().unsigned_abs() * 10_000 + date.month() * 100 + date.day(),
    );
}

fn as_string(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A valid [`ResidentId`]: mostly mainland numbers, some residence permits
/// (`810000`, `820000`, `830000`).
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(id in realname::strategy::resident_id())| {
///     prop_assert!(id.birth_date().to_string().as_str() >= "1900-01-01");
/// });
/// ```
pub fn resident_id() -> impl Strategy<Value = ResidentId> {
    let region = prop_oneof![
        8 => mainland_region_code(),
        1 => select(vec![810_000u32, 820_000, 830_000]),
    ];
    (region, birth_date(), 0u32..1000).prop_filter_map(
        "generated numbers are valid",
        |(code, date, seq)| {
            let mut body = [0u8; 17];
            ascii_digits(&mut body[..6], code);
            date_digits(&mut body[6..14], date);
            ascii_digits(&mut body[14..], seq);
            ResidentId::parse(&with_mod11_2(&body)).ok()
        },
    )
}

fn with_mod11_2(body: &[u8]) -> String {
    let mut text = as_string(body);
    text.push(char::from(iso7064_mod11_2(body).unwrap_or(b'0')));
    text
}

/// A valid [`LegacyResidentId`] (born 1900–1999, or 1800–1899 with a
/// centenarian sequence code 996–999).
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(id in realname::strategy::legacy_resident_id())| {
///     prop_assert_eq!(id.upgrade().birth_date(), id.birth_date());
/// });
/// ```
pub fn legacy_resident_id() -> impl Strategy<Value = LegacyResidentId> {
    let start = NaiveDate::from_ymd_opt(1800, 1, 1).unwrap_or(NaiveDate::MIN);
    (mainland_region_code(), 0i64..73_049, 0u32..1000).prop_filter_map(
        "generated numbers are valid",
        move |(code, days, seq)| {
            let date = start + Duration::days(days);
            let centenarian = date < NaiveDate::from_ymd_opt(1900, 1, 1)?;
            let seq = if centenarian {
                996 + seq % 4
            } else {
                seq % 996
            };
            let mut body = [0u8; 15];
            ascii_digits(&mut body[..6], code);
            let mut full = [0u8; 8];
            date_digits(&mut full, date);
            body[6..12].copy_from_slice(full.get(2..)?);
            ascii_digits(&mut body[12..], seq);
            LegacyResidentId::parse(&as_string(&body)).ok()
        },
    )
}

/// A valid [`ForeignPermanentResidentId`] of either generation.
///
/// ```
/// use proptest::prelude::*;
/// use realname::ForeignPermanentResidentId;
/// proptest!(|(id in realname::strategy::foreign_permanent_resident_id())| {
///     prop_assert_eq!(ForeignPermanentResidentId::parse(id.as_str()), Ok(id));
/// });
/// ```
pub fn foreign_permanent_resident_id() -> impl Strategy<Value = ForeignPermanentResidentId> {
    let countries: Vec<(String, u16)> = Country::all()
        .map(|c| (c.alpha3().to_owned(), c.numeric()))
        .collect();
    let provinces: Vec<u32> = (11..=65)
        .filter(|&p| region::is_mainland_province(p))
        .collect();
    let card_2023 = (
        select(provinces),
        select(countries.clone()),
        birth_date(),
        0u32..1000,
    )
        .prop_filter_map(
            "generated numbers are valid",
            |(province, (_, numeric), date, seq)| {
                let mut body = [0u8; 17];
                body[0] = b'9';
                ascii_digits(&mut body[1..3], province);
                ascii_digits(&mut body[3..6], u32::from(numeric));
                date_digits(&mut body[6..14], date);
                ascii_digits(&mut body[14..], seq);
                ForeignPermanentResidentId::parse(&with_mod11_2(&body)).ok()
            },
        );
    let start = NaiveDate::from_ymd_opt(1924, 1, 1).unwrap_or(NaiveDate::MIN);
    let card_2004 = (
        select(countries),
        mainland_region_code(),
        0i64..36_524,
        0u32..10,
    )
        .prop_filter_map(
            "generated numbers are valid",
            move |((alpha3, _), code, days, seq)| {
                let date = start + Duration::days(days);
                let mut body = [0u8; 14];
                body[..3].copy_from_slice(alpha3.as_bytes());
                ascii_digits(&mut body[3..7], code / 100);
                let mut full = [0u8; 8];
                date_digits(&mut full, date);
                body[7..13].copy_from_slice(full.get(2..)?);
                ascii_digits(&mut body[13..], seq);
                let mut text = as_string(&body);
                text.push(char::from(icao9303(&body)?));
                ForeignPermanentResidentId::parse(&text).ok()
            },
        );
    prop_oneof![card_2023, card_2004]
}

/// One typing error: a character changed or two neighbours swapped, at
/// positions `positions` of `valid`, choosing replacements from `alphabet`.
/// Returns the text unchanged if the mutation changed nothing (the caller
/// filters those out).
fn typo(
    valid: impl Strategy<Value = String>,
    positions: std::ops::Range<usize>,
    alphabet: &'static [u8],
    swaps: bool,
) -> impl Strategy<Value = String> {
    let span = positions.len().max(1);
    (valid, 0..span, 1..alphabet.len(), any::<bool>()).prop_filter_map(
        "a typo changes the number",
        move |(text, offset, shift, swap)| {
            let mut bytes = text.into_bytes();
            let i = positions.start + offset;
            if swaps && swap && i + 1 < positions.end {
                let (a, b) = (*bytes.get(i)?, *bytes.get(i + 1)?);
                if a == b {
                    return None;
                }
                bytes.swap(i, i + 1);
            } else {
                let old = *bytes.get(i)?;
                let current = alphabet.iter().position(|&c| c == old)?;
                let replacement = *alphabet.get((current + shift) % alphabet.len())?;
                *bytes.get_mut(i)? = replacement;
            }
            String::from_utf8(bytes).ok()
        },
    )
}

const DIGITS_AND_X: &[u8] = b"0123456789X";
const DIGITS: &[u8] = b"0123456789";

/// A string one typing error away from a valid [`ResidentId`]: any one
/// character changed (to a digit, or `X`), or two different neighbours
/// swapped. MOD 11-2 catches every such error, so the result is never a
/// valid number.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(s in realname::strategy::resident_id_near_miss())| {
///     prop_assert!(realname::ResidentId::parse(&s).is_err());
/// });
/// ```
pub fn resident_id_near_miss() -> impl Strategy<Value = String> {
    typo(
        resident_id().prop_map(|id| id.to_string()),
        0..18,
        DIGITS_AND_X,
        true,
    )
}

/// A string one typing error away from a valid [`ForeignPermanentResidentId`]:
/// for the 2023 card any character changed or two different neighbours
/// swapped (MOD 11-2 catches both); for the 2004 card one digit changed (the
/// ICAO 7-3-1 check catches every changed digit, not every swap).
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(s in realname::strategy::foreign_permanent_resident_id_near_miss())| {
///     prop_assert!(realname::ForeignPermanentResidentId::parse(&s).is_err());
/// });
/// ```
pub fn foreign_permanent_resident_id_near_miss() -> impl Strategy<Value = String> {
    let ids = || foreign_permanent_resident_id().prop_map(|id| id.to_string());
    let card_2023 = ids().prop_filter("2023 card", |s| s.len() == 18);
    let card_2004 = ids().prop_filter("2004 card", |s| s.len() == 15);
    prop_oneof![
        typo(card_2023, 0..18, DIGITS_AND_X, true),
        typo(card_2004, 3..15, DIGITS, false),
    ]
}

/// Strings matching `pattern`. The patterns here are literals that the
/// tests exercise; were one invalid, it would generate only empty strings,
/// which every parser rejects, and proptest would report the rejections.
fn regex(pattern: &'static str) -> BoxedStrategy<String> {
    match proptest::string::string_regex(pattern) {
        Ok(strategy) => strategy.boxed(),
        Err(_) => Just(String::new()).boxed(),
    }
}

/// Strings matching `pattern`, mapped through `parse`.
fn shaped<T: std::fmt::Debug>(
    pattern: &'static str,
    parse: fn(&str) -> Result<T, crate::Error>,
) -> impl Strategy<Value = T> {
    regex(pattern).prop_filter_map("generated numbers are valid", move |s| parse(&s).ok())
}

/// A valid [`HongKongId`](crate::HongKongId): one or two letters, six
/// digits, the computed check character.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(id in realname::strategy::hong_kong_id())| {
///     prop_assert!(id.as_str().ends_with(')'));
/// });
/// ```
pub fn hong_kong_id() -> impl Strategy<Value = crate::HongKongId> {
    regex("[A-Z]{1,2}[0-9]{6}").prop_filter_map("generated numbers are valid", |body| {
        let check = crate::checksum::hkid(body.as_bytes())?;
        crate::HongKongId::parse(&format!("{body}({})", char::from(check))).ok()
    })
}

/// A valid [`MacaoId`](crate::MacaoId) (format only).
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(id in realname::strategy::macao_id())| {
///     prop_assert_eq!(id.as_str().len(), 10);
/// });
/// ```
pub fn macao_id() -> impl Strategy<Value = crate::MacaoId> {
    shaped("[157][0-9]{7}", crate::MacaoId::parse)
}

/// A valid [`TaiwanId`](crate::TaiwanId): citizen, 2021 resident or
/// pre-2021 resident format.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(id in realname::strategy::taiwan_id())| {
///     prop_assert_eq!(id.as_str().len(), 10);
/// });
/// ```
pub fn taiwan_id() -> impl Strategy<Value = crate::TaiwanId> {
    regex("[A-Z][1289ABCD][0-9]{7}").prop_filter_map("generated numbers are valid", |body| {
        // The pre-2021 second letter counts its value's units (A → 0 … D → 3).
        let mut digits = body.clone().into_bytes();
        if let Some(second) = digits.get_mut(1)
            && second.is_ascii_uppercase()
        {
            *second = b'0' + (*second - b'A');
        }
        let check = crate::checksum::taiwan_id(&digits)?;
        crate::TaiwanId::parse(&format!("{body}{}", char::from(check))).ok()
    })
}

/// A valid [`HkMacaoTravelPermit`](crate::HkMacaoTravelPermit) of any form.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(p in realname::strategy::hk_macao_travel_permit())| {
///     prop_assert_eq!(p.lifetime_number().len(), 9);
/// });
/// ```
pub fn hk_macao_travel_permit() -> impl Strategy<Value = crate::HkMacaoTravelPermit> {
    shaped(
        "[HM][0-9]{8}([0-9]{2})?|[HM]A[0-9]{7}",
        crate::HkMacaoTravelPermit::parse,
    )
}

/// A valid [`TaiwanTravelPermit`](crate::TaiwanTravelPermit) of any form.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(p in realname::strategy::taiwan_travel_permit())| {
///     prop_assert_eq!(p.lifetime_number().len(), 8);
/// });
/// ```
pub fn taiwan_travel_permit() -> impl Strategy<Value = crate::TaiwanTravelPermit> {
    shaped(
        "[0-9]{8}|[0-9]{10}(\\([0-9A-Z]\\))?",
        crate::TaiwanTravelPermit::parse,
    )
}

/// A valid [`ExitEntryPermit`](crate::ExitEntryPermit).
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(p in realname::strategy::exit_entry_permit())| {
///     prop_assert!(p.as_str().starts_with('C'));
/// });
/// ```
pub fn exit_entry_permit() -> impl Strategy<Value = crate::ExitEntryPermit> {
    shaped(
        "C([0-9]{8}|[A-HJ-NP-Z][0-9]{7})",
        crate::ExitEntryPermit::parse,
    )
}

/// A valid [`ChinesePassport`](crate::ChinesePassport).
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(p in realname::strategy::chinese_passport())| {
///     prop_assert_eq!(p.as_str().len(), 9);
/// });
/// ```
pub fn chinese_passport() -> impl Strategy<Value = crate::ChinesePassport> {
    shaped(
        "E([0-9]{8}|[A-HJ-NP-Z][0-9]{7})|G[0-9]{8}",
        crate::ChinesePassport::parse,
    )
}

/// A valid [`ForeignPassport`](crate::ForeignPassport) of any ISO 3166-1
/// country.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(p in realname::strategy::foreign_passport())| {
///     prop_assert_eq!(p.as_str().as_bytes()[3], b':');
/// });
/// ```
pub fn foreign_passport() -> impl Strategy<Value = crate::ForeignPassport> {
    let countries: Vec<Country> = Country::all().collect();
    (select(countries), "[A-Z0-9]{5,20}")
        .prop_filter_map("generated numbers are valid", |(country, number)| {
            crate::ForeignPassport::new(country, &number).ok()
        })
}

/// A valid [`ForeignDrivingLicence`](crate::ForeignDrivingLicence).
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(l in realname::strategy::foreign_driving_licence())| {
///     prop_assert!(l.number().len() >= 5);
/// });
/// ```
pub fn foreign_driving_licence() -> impl Strategy<Value = crate::ForeignDrivingLicence> {
    let countries: Vec<Country> = Country::all().collect();
    (select(countries), "[A-Z0-9]{5,20}")
        .prop_filter_map("generated numbers are valid", |(country, number)| {
            crate::ForeignDrivingLicence::new(country, &number).ok()
        })
}

/// A valid [`BankCardNumber`](crate::BankCardNumber): mostly UnionPay
/// (62, 81), some of other networks, 16 to 19 digits, a few 15-digit
/// American Express and 14-digit Diners Club cards, with the computed Luhn
/// digit.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(c in realname::strategy::bank_card_number())| {
///     prop_assert!(realname::checksum::luhn_is_valid(c.as_str().as_bytes()));
/// });
/// ```
pub fn bank_card_number() -> impl Strategy<Value = crate::BankCardNumber> {
    let pattern = "(62|81|5[1-5])[0-9]{13,16}|[49][0-9]{14,17}|3[47][0-9]{12}|36[0-9]{11}";
    regex(pattern).prop_filter_map("generated numbers are valid", |body| {
        let check = crate::checksum::luhn(body.as_bytes())?;
        crate::BankCardNumber::parse(&format!("{body}{}", char::from(check))).ok()
    })
}

/// A string one typing error away from a valid
/// [`BankCardNumber`](crate::BankCardNumber): one digit changed, which the
/// Luhn check always catches.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(s in realname::strategy::bank_card_number_near_miss())| {
///     prop_assert!(realname::BankCardNumber::parse(&s).is_err());
/// });
/// ```
pub fn bank_card_number_near_miss() -> impl Strategy<Value = String> {
    typo(
        bank_card_number().prop_map(|c| c.to_string()),
        0..16,
        DIGITS,
        false,
    )
}

/// A string one typing error away from a valid
/// [`HongKongId`](crate::HongKongId): one digit or the check character
/// changed, which the mod-11 check always catches.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(s in realname::strategy::hong_kong_id_near_miss())| {
///     prop_assert!(realname::HongKongId::parse(&s).is_err());
/// });
/// ```
pub fn hong_kong_id_near_miss() -> impl Strategy<Value = String> {
    hong_kong_id().prop_flat_map(|id| {
        let text = id.to_string();
        let digits_start = id.prefix().len();
        typo(Just(text), digits_start..digits_start + 6, DIGITS, false)
    })
}

/// A valid [`MobileNumber`](crate::MobileNumber) in an allocated range.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(m in realname::strategy::mobile_number())| {
///     prop_assert!(m.international().starts_with("+861"));
/// });
/// ```
pub fn mobile_number() -> impl Strategy<Value = crate::MobileNumber> {
    let prefixes: Vec<u32> = (130..=199)
        .filter(|&p| crate::MobileNumber::parse(&format!("{p}00000000")).is_ok())
        .collect();
    (select(prefixes), 0u32..100_000_000)
        .prop_filter_map("generated numbers are valid", |(prefix, rest)| {
            crate::MobileNumber::parse(&format!("{prefix}{rest:08}")).ok()
        })
}

/// A valid [`Uscc`](crate::Uscc): a category of the tables, a mainland
/// region code or `100000`, any organisation code, the computed check
/// character.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(code in realname::strategy::uscc())| {
///     prop_assert!(code.category().is_some());
/// });
/// ```
pub fn uscc() -> impl Strategy<Value = crate::Uscc> {
    let categories: Vec<&'static str> = crate::org::Category::all()
        .iter()
        .map(|c| c.code())
        .collect();
    let admin = prop_oneof![
        4 => mainland_region_code(),
        1 => Just(100_000u32),
    ];
    (select(categories), admin, regex("[0-9A-HJ-NP-RTUW-Y]{9}")).prop_filter_map(
        "generated codes are valid",
        |(category, admin, org)| {
            let body = format!("{category}{admin:06}{org}");
            let check = crate::checksum::gb32100(body.as_bytes())?;
            crate::Uscc::parse(&format!("{body}{}", char::from(check))).ok()
        },
    )
}

/// A string one typing error away from a valid [`Uscc`](crate::Uscc): one
/// character changed to another of the alphabet, or two different
/// neighbours swapped. The mod-31 check catches both.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(s in realname::strategy::uscc_near_miss())| {
///     prop_assert!(realname::Uscc::parse(&s).is_err());
/// });
/// ```
pub fn uscc_near_miss() -> impl Strategy<Value = String> {
    typo(
        uscc().prop_map(|c| c.to_string()),
        0..18,
        crate::checksum::GB32100_ALPHABET,
        true,
    )
}

/// A valid [`OrganizationCode`](crate::OrganizationCode).
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(code in realname::strategy::organization_code())| {
///     prop_assert_eq!(code.as_str().len(), 10);
/// });
/// ```
pub fn organization_code() -> impl Strategy<Value = crate::OrganizationCode> {
    regex("[0-9A-Z]{8}").prop_filter_map("generated codes are valid", |body| {
        let check = crate::checksum::gb11714(body.as_bytes())?;
        crate::OrganizationCode::parse(&format!("{body}-{}", char::from(check))).ok()
    })
}

/// A valid [`BusinessRegistrationNumber`](crate::BusinessRegistrationNumber).
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(n in realname::strategy::business_registration_number())| {
///     prop_assert_eq!(n.as_str().len(), 15);
/// });
/// ```
pub fn business_registration_number() -> impl Strategy<Value = crate::BusinessRegistrationNumber> {
    (mainland_region_code(), 0u32..100_000_000).prop_filter_map(
        "generated numbers are valid",
        |(code, seq)| {
            let body = format!("{code:06}{seq:08}");
            let check = crate::checksum::iso7064_mod11_10(body.as_bytes())?;
            crate::BusinessRegistrationNumber::parse(&format!("{body}{}", char::from(check))).ok()
        },
    )
}

/// A valid [`Document`](crate::Document) of any kind.
///
/// ```
/// use proptest::prelude::*;
/// use realname::{detect, Document};
/// proptest!(|(d in realname::strategy::document())| {
///     prop_assert!(detect(d.as_str()).contains(&d.kind()));
/// });
/// ```
pub fn document() -> impl Strategy<Value = crate::Document> {
    use crate::Document;
    prop_oneof![
        resident_id().prop_map(Document::from),
        legacy_resident_id().prop_map(Document::from),
        foreign_permanent_resident_id().prop_map(Document::from),
        hong_kong_id().prop_map(Document::from),
        macao_id().prop_map(Document::from),
        taiwan_id().prop_map(Document::from),
        hk_macao_travel_permit().prop_map(Document::from),
        taiwan_travel_permit().prop_map(Document::from),
        exit_entry_permit().prop_map(Document::from),
        chinese_passport().prop_map(Document::from),
        foreign_passport().prop_map(Document::from),
        foreign_driving_licence().prop_map(Document::from),
        bank_card_number().prop_map(Document::from),
        mobile_number().prop_map(Document::from),
        uscc().prop_map(Document::from),
        organization_code().prop_map(Document::from),
        business_registration_number().prop_map(Document::from),
    ]
}
