//! The 18-character resident identity number (GB 11643-1999).

use std::fmt;

use chrono::NaiveDate;

use super::{
    Gender, InputForm, Masked, ParseOptions, age_on, ascii_str, check_birth_date, date_of,
    document_traits, eight_digits, is_plain, non_digit, not_after, number, read_fixed,
};
use crate::age::AgeRule;
use crate::checksum::mod11_2_17;
use crate::error::{CharClass, Error};
use crate::region::{self, Region};

/// A citizen identity number (公民身份号码) of GB 11643-1999, as carried by
/// the mainland resident identity card (居民身份证) and by the residence
/// permits of Hong Kong, Macao and Taiwan residents (港澳台居民居住证).
///
/// Eighteen characters: a six-digit region code, the birth date `YYYYMMDD`,
/// a three-digit sequence whose last digit is odd for men and even for
/// women, and an ISO 7064 MOD 11-2 check character (`0`–`9` or `X`).
///
/// # Parsing
///
/// - Surrounding whitespace is trimmed, full-width ASCII reads as ASCII and
///   a lower-case `x` is accepted and shown as `X` (unless
///   [`InputForm::Exact`] is chosen). Anything else is an error.
/// - The birth date must be a real Gregorian date in 1800 or later. A date
///   in the future is caught by [`check_on`](Self::check_on), which takes
///   today's date: the crate never reads a clock.
/// - The first two digits must be a mainland province-level code, or the
///   number must start with exactly `810000`, `820000` or `830000`
///   (residence permits). [`RegionCheck::Historical`](crate::RegionCheck)
///   also requires the whole code to have existed in GB/T 2260.
/// - Errors are checked in the order length, characters, region, date,
///   check character.
///
/// ```
/// use chrono::NaiveDate;
/// use realname::{Gender, Holder, ResidentId};
///
/// let id: ResidentId = "11010519491231002X".parse()?;
/// assert_eq!(id.birth_date(), NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
/// assert_eq!(id.gender(), Gender::Female);
/// assert_eq!(id.region_code(), 110105);
/// assert_eq!(id.region_name(), Some("朝阳区"));
/// assert_eq!(id.holder(), Holder::MainlandCitizen);
/// assert_eq!(id.age_on(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())?, 76);
/// assert_eq!(id.to_string(), "11010519491231002X");
/// assert_eq!(format!("{id:?}"), "ResidentId(110105********002X)");
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResidentId {
    bytes: [u8; 18],
}

/// The lengths [`ResidentId`] accepts.
const LENGTH: &[u8] = &[18];

fn class_at(position: usize, _length: usize) -> CharClass {
    if position == 18 {
        CharClass::DigitOrX
    } else {
        CharClass::Digit
    }
}

impl ResidentId {
    /// Parses a number with the default [`ParseOptions`].
    ///
    /// ```
    /// use realname::{Error, ResidentId};
    ///
    /// assert!(ResidentId::parse("110101199003070011").is_ok());
    /// assert!(matches!(
    ///     ResidentId::parse("110101199002300014"),
    ///     Err(Error::InvalidDate)
    /// ));
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
    /// use realname::{ParseOptions, RegionCheck, ResidentId};
    ///
    /// let strict = ParseOptions::new().with_region_check(RegionCheck::Historical);
    /// // 440524 (潮阳县) was abolished in 1993; the number keeps it for life.
    /// assert!(ResidentId::parse_with("440524188001010014", strict).is_ok());
    /// assert!(ResidentId::parse_with("110199199003070011", strict).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    pub fn parse_with(s: &str, options: ParseOptions) -> Result<Self, Error> {
        // The hot path reads the caller's bytes in place when they are 18
        // bytes with nothing to trim. Should they hold a multi-byte
        // character, the general path below reports it properly.
        if let Ok(raw) = <&[u8; 18]>::try_from(s.as_bytes())
            && is_plain(raw[0])
            && is_plain(raw[17])
        {
            match Self::from_ascii(raw, options) {
                // Only a character error can come from a multi-byte
                // character (its bytes are not digits).
                Err(Error::Character { .. }) if !raw.is_ascii() => {}
                result => return result,
            }
        }
        let bytes: [u8; 18] = read_fixed(s, options.input(), LENGTH, class_at)?;
        Self::from_ascii(&bytes, options)
    }

    /// Validates 18 bytes read from the input.
    #[inline]
    fn from_ascii(bytes: &[u8; 18], options: ParseOptions) -> Result<Self, Error> {
        // One pass checks the 17 digits and computes the check character.
        let body = <&[u8; 17]>::try_from(&bytes[..17]).ok();
        let Some(expected) = body.and_then(mod11_2_17) else {
            return Err(non_digit(bytes, 0, 17));
        };
        let check = match bytes[17] {
            b @ (b'0'..=b'9' | b'X') => b,
            b'x' if options.input() == InputForm::Lenient => b'X',
            other => {
                return Err(Error::Character {
                    position: 18,
                    found: char::from(other),
                    expected: CharClass::DigitOrX,
                });
            }
        };
        let code = number(&bytes[..6]);
        region::check_code(code, options.region_check(), true)
            .map_err(|problem| Error::Region { code, problem })?;
        let date = eight_digits([
            bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13],
        ]);
        check_birth_date(date / 10_000, date / 100 % 100, date % 100)?;
        if expected != check {
            return Err(Error::Checksum {
                expected: char::from(expected),
                found: char::from(check),
            });
        }
        let mut bytes = *bytes;
        bytes[17] = check;
        Ok(ResidentId { bytes })
    }

    /// Builds a number from a body the caller has validated (region and
    /// date), computing the check character.
    pub(super) fn from_valid_body(body: &[u8; 17]) -> Self {
        let mut bytes = [0u8; 18];
        bytes[..17].copy_from_slice(body);
        bytes[17] = mod11_2_17(body).unwrap_or(b'0');
        ResidentId { bytes }
    }

    /// The canonical form: 18 ASCII characters, upper-case `X`.
    ///
    /// ```
    /// let id = realname::ResidentId::parse(" 11010519491231002x ")?;
    /// assert_eq!(id.as_str(), "11010519491231002X");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        ascii_str(&self.bytes)
    }

    /// The masked form `110105********002X`: the region code and the last
    /// four characters show, the birth date never does.
    ///
    /// ```
    /// let id = realname::ResidentId::parse("11010519491231002X")?;
    /// assert_eq!(id.masked().to_string(), "110105********002X");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn masked(&self) -> Masked {
        Masked::new(&self.bytes, 6, 4)
    }

    /// The birth date.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let id = realname::ResidentId::parse("440305200002290029")?;
    /// assert_eq!(id.birth_date(), NaiveDate::from_ymd_opt(2000, 2, 29).unwrap());
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn birth_date(&self) -> NaiveDate {
        date_of(
            number(&self.bytes[6..10]),
            number(&self.bytes[10..12]),
            number(&self.bytes[12..14]),
        )
    }

    /// The gender: the 17th digit is odd for men, even for women.
    ///
    /// ```
    /// use realname::{Gender, ResidentId};
    /// assert_eq!(ResidentId::parse("110101199003070011")?.gender(), Gender::Male);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn gender(&self) -> Gender {
        Gender::from_digit(self.bytes[16])
    }

    /// The six-digit region code (地址码).
    ///
    /// ```
    /// assert_eq!(realname::ResidentId::parse("830000199201300022")?.region_code(), 830000);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn region_code(&self) -> u32 {
        number(&self.bytes[..6])
    }

    /// The region code in the GB/T 2260 table, whatever the birth year.
    /// `None` for codes the table lacks: `830000`, aggregate codes like
    /// `110100`, and unlisted early city codes.
    ///
    /// ```
    /// let id = realname::ResidentId::parse("440524188001010014")?;
    /// let region = id.region().unwrap();
    /// assert_eq!((region.name(), region.in_use()), ("潮阳县", false));
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn region(&self) -> Option<Region> {
        region::lookup(self.region_code())
    }

    /// The latest name of the region code, as [`region`](Self::region) finds it.
    ///
    /// ```
    /// assert_eq!(realname::ResidentId::parse("110101199003070011")?.region_name(), Some("东城区"));
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn region_name(&self) -> Option<&'static str> {
        self.region().map(|r| r.name())
    }

    /// The name of the province-level region (`XX0000`): `北京市`,
    /// `香港特别行政区` … `None` for `830000`, which GB/T 2260 lacks.
    ///
    /// ```
    /// assert_eq!(realname::ResidentId::parse("34052419800101001X")?.province_name(), Some("安徽省"));
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn province_name(&self) -> Option<&'static str> {
        region::lookup(self.region_code() / 10_000 * 10_000).map(|r| r.name())
    }

    /// Who holds the number: a mainland citizen, or a Hong Kong, Macao or
    /// Taiwan resident holding a residence permit.
    ///
    /// ```
    /// use realname::{Holder, ResidentId};
    /// assert_eq!(ResidentId::parse("820000198801010014")?.holder(), Holder::MacaoResident);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn holder(&self) -> Holder {
        match self.region_code() {
            810_000 => Holder::HongKongResident,
            820_000 => Holder::MacaoResident,
            830_000 => Holder::TaiwanResident,
            _ => Holder::MainlandCitizen,
        }
    }

    /// Age in full years (周岁) on `today`, counted from the birthday (a
    /// 29 February birthday is reached on 1 March in common years).
    /// Fails with [`Error::FutureDate`] if the birth date is after `today`.
    /// For the other counting rule see [`age_on_with`](Self::age_on_with).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let id = realname::ResidentId::parse("440305200002290029")?;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(id.age_on(day(2018, 2, 28))?, 17);
    /// assert_eq!(id.age_on(day(2018, 3, 1))?, 18);
    /// assert!(id.age_on(day(1999, 1, 1)).is_err());
    /// # Ok::<(), realname::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::FutureDate`](crate::Error::FutureDate) if the birth date is after `today`.
    pub fn age_on(&self, today: NaiveDate) -> Result<u32, Error> {
        self.age_on_with(today, AgeRule::Birthday)
    }

    /// Age in full years on `today` under the given counting rule.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use realname::{AgeRule, ResidentId};
    /// let id = ResidentId::parse("110101199003070011")?;
    /// let birthday = NaiveDate::from_ymd_opt(2008, 3, 7).unwrap();
    /// assert_eq!(id.age_on_with(birthday, AgeRule::Birthday)?, 18);
    /// assert_eq!(id.age_on_with(birthday, AgeRule::DayAfterBirthday)?, 17);
    /// # Ok::<(), realname::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::FutureDate`](crate::Error::FutureDate) if the birth date is after `today`.
    pub fn age_on_with(&self, today: NaiveDate, rule: AgeRule) -> Result<u32, Error> {
        age_on(self.birth_date(), today, rule)
    }

    /// Checks what needs today's date: the birth date must not be after
    /// `today`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let id = realname::ResidentId::parse("110101209901010017")?;
    /// let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    /// assert!(id.check_on(today).is_err());
    /// # Ok::<(), realname::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::FutureDate`](crate::Error::FutureDate) if the birth date is after `today`.
    pub fn check_on(&self, today: NaiveDate) -> Result<(), Error> {
        not_after(self.birth_date(), today)
    }

    /// The check character (`0`–`9` or `X`).
    ///
    /// ```
    /// assert_eq!(realname::ResidentId::parse("11010519491231002X")?.check_char(), 'X');
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn check_char(&self) -> char {
        char::from(self.bytes[17])
    }

    /// The 15-digit form this number would have had under GB 11643-1989, if
    /// it has one: a mainland number of someone born 1900–1999 (or 1800–1899
    /// with a centenarian sequence code 996–999).
    ///
    /// ```
    /// let id = realname::ResidentId::parse("110101199003070011")?;
    /// assert_eq!(id.to_legacy().unwrap().as_str(), "110101900307001");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn to_legacy(&self) -> Option<super::LegacyResidentId> {
        let mut body = [0u8; 15];
        body[..6].copy_from_slice(&self.bytes[..6]);
        body[6..].copy_from_slice(&self.bytes[8..17]);
        let legacy = super::LegacyResidentId::parse_with(
            ascii_str(&body),
            ParseOptions::new().with_input(InputForm::Exact),
        )
        .ok()?;
        (legacy.birth_date() == self.birth_date()).then_some(legacy)
    }
}

document_traits!(ResidentId, "an 18-character resident identity number");

/// Who holds a [`ResidentId`].
///
/// ```
/// use realname::Holder;
/// assert_eq!(Holder::TaiwanResident.name_zh(), "台湾居民");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Holder {
    /// A mainland citizen with a resident identity card (居民身份证).
    MainlandCitizen,
    /// A Hong Kong resident with a residence permit (`810000…`).
    HongKongResident,
    /// A Macao resident with a residence permit (`820000…`).
    MacaoResident,
    /// A Taiwan resident with a residence permit (`830000…`).
    TaiwanResident,
}

#[cfg(feature = "serde")]
crate::document::de::id_serde!(Holder, "a holder: `mainland_citizen`, `hong_kong_resident`, `macao_resident` or `taiwan_resident`", { MainlandCitizen => "mainland_citizen", HongKongResident => "hong_kong_resident", MacaoResident => "macao_resident", TaiwanResident => "taiwan_resident" });

impl Holder {
    /// The Chinese name of the holder.
    ///
    /// ```
    /// assert_eq!(realname::Holder::MainlandCitizen.name_zh(), "内地居民");
    /// ```
    pub fn name_zh(&self) -> &'static str {
        match self {
            Holder::MainlandCitizen => "内地居民",
            Holder::HongKongResident => "香港居民",
            Holder::MacaoResident => "澳门居民",
            Holder::TaiwanResident => "台湾居民",
        }
    }

    /// The English name of the holder, as `Display` prints it.
    ///
    /// ```
    /// assert_eq!(realname::Holder::HongKongResident.name_en(), "Hong Kong resident");
    /// ```
    pub fn name_en(&self) -> &'static str {
        match self {
            Holder::MainlandCitizen => "mainland citizen",
            Holder::HongKongResident => "Hong Kong resident",
            Holder::MacaoResident => "Macao resident",
            Holder::TaiwanResident => "Taiwan resident",
        }
    }

    /// Whether the holder proves identity with a residence permit
    /// (港澳台居民居住证) rather than a resident identity card.
    ///
    /// ```
    /// assert!(realname::Holder::MacaoResident.is_permit_holder());
    /// ```
    pub fn is_permit_holder(&self) -> bool {
        !matches!(self, Holder::MainlandCitizen)
    }
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_en())
    }
}
