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
use crate::{region, ForeignPermanentResidentId, LegacyResidentId, ResidentId};

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
