//! The 15-digit resident identity number (GB 11643-1989).

use chrono::NaiveDate;

use super::{
    Gender, Masked, ParseOptions, ResidentId, age_on, all_digits, ascii_str, check_birth_date,
    date_of, document_traits, expect_digits, not_after, number, read_fixed,
};
use crate::age::AgeRule;
use crate::error::{CharClass, Error};
use crate::region::{self, Region};

/// A 15-digit identity number of GB 11643-1989 (社会保障号码), issued before
/// the 18-character number replaced it in 1999.
///
/// Fifteen digits: a six-digit region code, the birth date `YYMMDD` without
/// its century, and a three-digit sequence whose last digit is odd for men.
/// There is no check character. The century is 19, except for the sequence
/// codes 996–999, which the 1989 standard reserved for centenarians: their
/// century is 18.
///
/// Only mainland province codes are accepted (the residence permits of Hong
/// Kong, Macao and Taiwan residents, from 2018, never had a 15-digit form).
///
/// ```
/// use realname::LegacyResidentId;
///
/// let old = LegacyResidentId::parse("340524800101001")?;
/// assert_eq!(old.birth_date().to_string(), "1980-01-01");
/// // GB 11643-1999, Annex B: the same person's 18-character number.
/// assert_eq!(old.upgrade().as_str(), "34052419800101001X");
/// assert_eq!(format!("{old:?}"), "LegacyResidentId(340524******001)");
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LegacyResidentId {
    bytes: [u8; 15],
}

const LENGTH: &[u8] = &[15];

impl LegacyResidentId {
    /// Parses a number with the default [`ParseOptions`].
    ///
    /// ```
    /// use realname::{Error, LegacyResidentId, RegionProblem};
    ///
    /// assert!(LegacyResidentId::parse("110101900307001").is_ok());
    /// assert_eq!(
    ///     LegacyResidentId::parse("710101900307001"),
    ///     Err(Error::Region { code: 710101, problem: RegionProblem::NotAProvince })
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    pub fn parse(s: &str) -> Result<Self, Error> {
        Self::parse_with(s, ParseOptions::new())
    }

    /// Parses a number with the given options.
    ///
    /// ```
    /// use realname::{LegacyResidentId, ParseOptions, RegionCheck};
    ///
    /// let strict = ParseOptions::new().with_region_check(RegionCheck::Historical);
    /// assert!(LegacyResidentId::parse_with("110103900307001", strict).is_ok());
    /// assert!(LegacyResidentId::parse_with("110199900307001", strict).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    #[inline]
    pub fn parse_with(s: &str, options: ParseOptions) -> Result<Self, Error> {
        Self::from_canonical_input(s.as_bytes(), options)
            .map_or_else(|| Self::parse_general(s, options), Ok)
    }

    /// The fast path of [`parse_with`](Self::parse_with): 15 valid digits,
    /// read in place. `None` for anything else, which the general path
    /// reads.
    #[inline(always)]
    pub(super) fn from_canonical_input(s: &[u8], options: ParseOptions) -> Option<Self> {
        let bytes = <&[u8; 15]>::try_from(s).ok()?;
        if !all_digits(bytes) {
            return None;
        }
        region::check_code(number(&bytes[..6]), options.region_check(), false).ok()?;
        Self::birth_of(bytes).ok()?;
        Some(LegacyResidentId { bytes: *bytes })
    }

    /// Every input the fast path of [`parse_with`](Self::parse_with) does
    /// not take.
    #[inline(never)]
    fn parse_general(s: &str, options: ParseOptions) -> Result<Self, Error> {
        let bytes: [u8; 15] = read_fixed(s, options.input(), LENGTH, |_, _| CharClass::Digit)?;
        expect_digits(&bytes, 0, 15)?;
        let code = number(&bytes[..6]);
        region::check_code(code, options.region_check(), false)
            .map_err(|problem| Error::Region { code, problem })?;
        Self::birth_of(&bytes)?;
        Ok(LegacyResidentId { bytes })
    }

    /// Checks the birth date of 15 checked digits: `YYMMDD` after the
    /// region code, in the 1800s for the centenarian sequence codes
    /// 996–999.
    #[inline]
    fn birth_of(bytes: &[u8; 15]) -> Result<(), Error> {
        let (year, month, day) = Self::birth_parts(bytes);
        check_birth_date(year, month, day)
    }

    /// The year, month and day of the birth date in 15 digits.
    #[inline]
    fn birth_parts(bytes: &[u8; 15]) -> (u32, u32, u32) {
        let century = if number(&bytes[12..15]) >= 996 {
            1800
        } else {
            1900
        };
        (
            century + number(&bytes[6..8]),
            number(&bytes[8..10]),
            number(&bytes[10..12]),
        )
    }

    /// The 15 digits.
    ///
    /// ```
    /// assert_eq!(realname::LegacyResidentId::parse(" 110101900307001")?.as_str(), "110101900307001");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        ascii_str(&self.bytes)
    }

    /// The masked form `110101******001`: the birth date never shows.
    ///
    /// ```
    /// assert_eq!(realname::LegacyResidentId::parse("110101900307001")?.masked().as_str(), "110101******001");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn masked(&self) -> Masked {
        Masked::new(&self.bytes, 6, 3)
    }

    /// The 18-character number of GB 11643-1999: the century inserted after
    /// the region code, the MOD 11-2 check character appended.
    ///
    /// ```
    /// use realname::LegacyResidentId;
    /// assert_eq!(LegacyResidentId::parse("510104010215998")?.upgrade().as_str(), "51010418010215998X");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn upgrade(&self) -> ResidentId {
        let mut body = [0u8; 17];
        body[..6].copy_from_slice(&self.bytes[..6]);
        let century = if self.birth_date() < century_start() {
            b'8'
        } else {
            b'9'
        };
        body[6] = b'1';
        body[7] = century;
        body[8..].copy_from_slice(&self.bytes[6..]);
        // Same region (a mainland province), same date, so the result is valid.
        ResidentId::from_valid_body(&body)
    }

    /// The birth date, with the century the sequence code implies.
    ///
    /// ```
    /// let id = realname::LegacyResidentId::parse("440305851231002")?;
    /// assert_eq!(id.birth_date().to_string(), "1985-12-31");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn birth_date(&self) -> NaiveDate {
        let (year, month, day) = Self::birth_parts(&self.bytes);
        date_of(year, month, day)
    }

    /// The gender: the last digit is odd for men, even for women.
    ///
    /// ```
    /// use realname::{Gender, LegacyResidentId};
    /// assert_eq!(LegacyResidentId::parse("440305851231002")?.gender(), Gender::Female);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn gender(&self) -> Gender {
        Gender::from_digit(self.bytes[14])
    }

    /// The six-digit region code.
    ///
    /// ```
    /// assert_eq!(realname::LegacyResidentId::parse("440305851231002")?.region_code(), 440305);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn region_code(&self) -> u32 {
        number(&self.bytes[..6])
    }

    /// The region code in the GB/T 2260 table, whatever the birth year.
    ///
    /// ```
    /// let id = realname::LegacyResidentId::parse("440305851231002")?;
    /// assert_eq!(id.region().unwrap().name(), "南山区");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn region(&self) -> Option<Region> {
        region::lookup(self.region_code())
    }

    /// Age in full years (周岁) on `today`, counted from the birthday; see
    /// [`ResidentId::age_on`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let id = realname::LegacyResidentId::parse("110101900307001")?;
    /// assert_eq!(id.age_on(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())?, 36);
    /// # Ok::<(), realname::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::FutureDate`](crate::Error::FutureDate) if the birth date is after `today`.
    pub fn age_on(&self, today: NaiveDate) -> Result<u32, Error> {
        age_on(self.birth_date(), today, AgeRule::Birthday)
    }

    /// Checks that the birth date is not after `today`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let id = realname::LegacyResidentId::parse("110101900307001")?;
    /// assert!(id.check_on(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).is_ok());
    /// # Ok::<(), realname::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::FutureDate`](crate::Error::FutureDate) if the birth date is after `today`.
    pub fn check_on(&self, today: NaiveDate) -> Result<(), Error> {
        not_after(self.birth_date(), today)
    }
}

fn century_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

document_traits!(LegacyResidentId, "a 15-digit resident identity number");

#[cfg(test)]
mod fast_path_tests {
    use super::*;
    use crate::document::fast_path_check::fast_path_agrees;

    fast_path_agrees!(
        legacy_resident_id_fast_path_agrees,
        LegacyResidentId,
        ["110101900307001", "510104010215998"]
    );
}
