//! The foreign permanent resident ID card (外国人永久居留身份证).

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use chrono::NaiveDate;

use super::{
    Country, Gender, InputForm, Masked, ParseOptions, age_on, all_digits, ascii_str, birth_date,
    check_birth_date, date_of, document_traits, expect_digits, not_after, number, padded, read_var,
};
use crate::age::AgeRule;
use crate::checksum::{icao9303, iso7064_mod11_2};
use crate::error::{CharClass, Error, NationalityCode};
use crate::region::{self, Region, RegionProblem};

/// Which card a [`ForeignPermanentResidentId`] comes from.
///
/// ```
/// use realname::{ForeignPermanentResidentId, FprGeneration};
///
/// let new = ForeignPermanentResidentId::parse("932682198501010017")?;
/// assert_eq!(new.generation(), FprGeneration::Card2023);
/// let old = ForeignPermanentResidentId::parse("KAZ110090123105")?;
/// assert_eq!(old.generation(), FprGeneration::Card2004);
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum FprGeneration {
    /// The 2004 card and its 2017 successor: 15 characters, the ISO 3166-1
    /// alpha-3 nationality, a four-digit city code, `YYMMDD`, a sequence
    /// digit and an ICAO 9303 7-3-1 check digit.
    Card2004,
    /// The card issued from 1 December 2023: 18 characters, `9`, the
    /// province of the accepting office, the ISO 3166-1 numeric nationality,
    /// `YYYYMMDD`, a three-digit sequence and a MOD 11-2 check character.
    Card2023,
}

impl FprGeneration {
    /// The English name: `2004/2017 card` or `2023 card`, as `Display`
    /// prints it.
    ///
    /// ```
    /// use realname::FprGeneration;
    /// assert_eq!(FprGeneration::Card2023.name_en(), "2023 card");
    /// assert_eq!(FprGeneration::Card2004.to_string(), "2004/2017 card");
    /// ```
    pub fn name_en(&self) -> &'static str {
        match self {
            FprGeneration::Card2004 => "2004/2017 card",
            FprGeneration::Card2023 => "2023 card",
        }
    }

    /// The Chinese name: `2004 年版（含 2017 年版）` or `2023 年版`.
    ///
    /// ```
    /// assert_eq!(realname::FprGeneration::Card2023.name_zh(), "2023 年版");
    /// ```
    pub fn name_zh(&self) -> &'static str {
        match self {
            FprGeneration::Card2004 => "2004 年版（含 2017 年版）",
            FprGeneration::Card2023 => "2023 年版",
        }
    }
}

impl std::fmt::Display for FprGeneration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name_en())
    }
}

#[cfg(feature = "serde")]
crate::document::de::id_serde!(FprGeneration, "a card generation: `card2004` or `card2023`", { Card2004 => "card2004", Card2023 => "card2023" });

/// The number of a foreign permanent resident ID card (外国人永久居留身份证),
/// of either generation.
///
/// - **2023 card, 18 characters:** `9`, a two-digit mainland province code
///   (the accepting office), a three-digit ISO 3166-1 numeric nationality,
///   the birth date `YYYYMMDD`, a three-digit sequence (the last digit odd
///   for men, by analogy with GB 11643; secondary sources only) and an ISO
///   7064 MOD 11-2 check character. The leading `9` sets it apart from
///   citizens' numbers, which start with 1–8.
/// - **2004/2017 card, 15 characters:** an ISO 3166-1 alpha-3 nationality,
///   the first four digits of the accepting city's GB/T 2260 code, the birth
///   date `YYMMDD`, a sequence digit and an ICAO 9303 7-3-1 check digit.
///   The card cannot tell 1915 from 2015: this crate reads `00`–`23` as
///   2000–2023 (the card stopped being issued in 2023) and `24`–`99` as
///   1924–1999; [`other_birth_date`](Self::other_birth_date) gives the other
///   reading.
///
/// Lenient input also upper-cases the letters of the 15-character form.
///
/// ```
/// use realname::{ForeignPermanentResidentId, Gender};
///
/// let id = ForeignPermanentResidentId::parse("932682198501010017")?;
/// assert_eq!(id.nationality().alpha3(), "SAU");
/// assert_eq!(id.nationality().name_zh(), "沙特阿拉伯");
/// assert_eq!(id.accepting_region().unwrap().name(), "江苏省");
/// assert_eq!(id.birth_date().to_string(), "1985-01-01");
/// assert_eq!(id.gender(), Some(Gender::Male));
/// assert_eq!(format!("{id:?}"), "ForeignPermanentResidentId(932682********0017)");
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct ForeignPermanentResidentId {
    bytes: [u8; 18],
    len: u8,
    nationality: Country,
}

const LENGTHS: &[u8] = &[15, 18];

fn class_at(position: usize, length: usize) -> CharClass {
    match (length, position) {
        (18, 1) => CharClass::Exactly('9'),
        (18, 18) => CharClass::DigitOrX,
        (15, 1..=3) => CharClass::Letter,
        _ => CharClass::Digit,
    }
}

impl ForeignPermanentResidentId {
    /// Parses a number of either generation with the default
    /// [`ParseOptions`].
    ///
    /// ```
    /// use realname::{Error, ForeignPermanentResidentId};
    ///
    /// assert!(ForeignPermanentResidentId::parse("JPN440000022902").is_ok());
    /// assert_eq!(
    ///     ForeignPermanentResidentId::parse("KAZ110090123107"),
    ///     Err(Error::Checksum { expected: '5', found: '7' })
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    pub fn parse(s: &str) -> Result<Self, Error> {
        Self::parse_with(s, ParseOptions::new())
    }

    /// Parses a number with the given options. With
    /// [`RegionCheck::Historical`](crate::RegionCheck::Historical) the
    /// 2004 card's city code must begin some GB/T 2260 code.
    ///
    /// ```
    /// use realname::{ForeignPermanentResidentId, ParseOptions, RegionCheck};
    ///
    /// let strict = ParseOptions::new().with_region_check(RegionCheck::Historical);
    /// assert!(ForeignPermanentResidentId::parse_with("USA310085071517", strict).is_ok());
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

    /// The fast path of [`parse_with`](Self::parse_with): a valid number of
    /// either card in canonical form, read in place. `None` for anything
    /// else, which the general path reads.
    #[inline(always)]
    pub(super) fn from_canonical_input(s: &[u8], options: ParseOptions) -> Option<Self> {
        if let Ok(bytes) = <&[u8; 18]>::try_from(s) {
            let ok = bytes[0] == b'9'
                && all_digits(&bytes[1..17])
                && matches!(bytes[17], b'0'..=b'9' | b'X')
                && region::is_mainland_province(number(&bytes[1..3]))
                && iso7064_mod11_2(&bytes[..17]) == Some(bytes[17]);
            if !ok {
                return None;
            }
            let nationality = Country::from_numeric(number(&bytes[3..6]) as u16)?;
            check_birth_date(
                number(&bytes[6..10]),
                number(&bytes[10..12]),
                number(&bytes[12..14]),
            )
            .ok()?;
            return Some(ForeignPermanentResidentId {
                bytes: *bytes,
                len: 18,
                nationality,
            });
        }
        let bytes = <&[u8; 15]>::try_from(s).ok()?;
        let ok = bytes[..3].iter().all(u8::is_ascii_uppercase)
            && all_digits(&bytes[3..15])
            && region::check_city_code(number(&bytes[3..7]), options.region_check()).is_ok()
            && icao9303(&bytes[..14]) == Some(bytes[14]);
        if !ok {
            return None;
        }
        let nationality = Country::from_alpha3_bytes([bytes[0], bytes[1], bytes[2]])?;
        let yy = number(&bytes[7..9]);
        let century = if yy <= 23 { 2000 } else { 1900 };
        check_birth_date(century + yy, number(&bytes[9..11]), number(&bytes[11..13])).ok()?;
        Some(ForeignPermanentResidentId {
            bytes: padded::<15, 18>(s)?,
            len: 15,
            nationality,
        })
    }

    /// Every input the fast path of [`parse_with`](Self::parse_with) does
    /// not take.
    #[inline(never)]
    fn parse_general(s: &str, options: ParseOptions) -> Result<Self, Error> {
        let (mut bytes, len) = read_var::<18>(s, options.input(), LENGTHS, class_at)?;
        let lenient = options.input() == InputForm::Lenient;
        let (_, nationality) = if len == 18 {
            parse_2023(&mut bytes, lenient)?
        } else {
            parse_2004(&mut bytes, lenient, options)?
        };
        Ok(ForeignPermanentResidentId {
            bytes,
            len: len as u8,
            nationality,
        })
    }

    /// The canonical form.
    ///
    /// ```
    /// let id = realname::ForeignPermanentResidentId::parse("kaz110090123105")?;
    /// assert_eq!(id.as_str(), "KAZ110090123105");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        ascii_str(self.bytes.get(..usize::from(self.len)).unwrap_or_default())
    }

    /// The masked form: `932682********0017` for the 2023 card,
    /// `KAZ1100******05` for the 2004 card. The birth date never shows.
    ///
    /// ```
    /// let id = realname::ForeignPermanentResidentId::parse("KAZ110090123105")?;
    /// assert_eq!(id.masked().as_str(), "KAZ1100******05");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn masked(&self) -> Masked {
        match self.generation() {
            FprGeneration::Card2023 => Masked::new(&self.bytes, 6, 4),
            FprGeneration::Card2004 => Masked::new(self.bytes.get(..15).unwrap_or_default(), 7, 2),
        }
    }

    /// Which card the number comes from.
    ///
    /// ```
    /// use realname::{ForeignPermanentResidentId, FprGeneration};
    /// let id = ForeignPermanentResidentId::parse("911398199012310021")?;
    /// assert_eq!(id.generation(), FprGeneration::Card2023);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn generation(&self) -> FprGeneration {
        if self.len == 18 {
            FprGeneration::Card2023
        } else {
            FprGeneration::Card2004
        }
    }

    /// The holder's nationality.
    ///
    /// ```
    /// let id = realname::ForeignPermanentResidentId::parse("USA310085071517")?;
    /// assert_eq!(id.nationality().name_en(), "United States");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn nationality(&self) -> Country {
        self.nationality
    }

    /// The birth date. For the 2004 card, `YY` of `00`–`23` reads as
    /// 2000–2023, else as 1924–1999.
    ///
    /// ```
    /// let id = realname::ForeignPermanentResidentId::parse("JPN440000022902")?;
    /// assert_eq!(id.birth_date().to_string(), "2000-02-29");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn birth_date(&self) -> NaiveDate {
        let digits =
            |range: std::ops::Range<usize>| number(self.bytes.get(range).unwrap_or_default());
        if self.generation() == FprGeneration::Card2023 {
            return date_of(digits(6..10), digits(10..12), digits(12..14));
        }
        let yy = digits(7..9);
        let century = if yy <= 23 { 2000 } else { 1900 };
        date_of(century + yy, digits(9..11), digits(11..13))
    }

    /// For the 2004 card, the birth date in the other century, when that is
    /// a real date too (1915 for a number read as 2015); `None` for the 2023
    /// card, whose date has its century.
    ///
    /// ```
    /// let id = realname::ForeignPermanentResidentId::parse("USA310085071517")?;
    /// assert_eq!(id.other_birth_date().unwrap().to_string(), "2085-07-15");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn other_birth_date(&self) -> Option<NaiveDate> {
        use chrono::Datelike;
        if self.generation() == FprGeneration::Card2023 {
            return None;
        }
        let birth = self.birth_date();
        let year = birth.year();
        let other = if year >= 2000 { year - 100 } else { year + 100 };
        birth.with_year(other)
    }

    /// The gender, for the 2023 card only (the 17th digit, odd for men; a
    /// rule by analogy with GB 11643 that secondary sources report). `None`
    /// for the 2004 card, whose sequence digit has no published meaning.
    ///
    /// ```
    /// use realname::{ForeignPermanentResidentId, Gender};
    /// assert_eq!(ForeignPermanentResidentId::parse("911398199012310021")?.gender(), Some(Gender::Female));
    /// assert_eq!(ForeignPermanentResidentId::parse("KAZ110090123105")?.gender(), None);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn gender(&self) -> Option<Gender> {
        match self.generation() {
            FprGeneration::Card2023 => Some(Gender::from_digit(self.bytes[16])),
            FprGeneration::Card2004 => None,
        }
    }

    /// The region code of the accepting office, six digits: `XX0000` from
    /// the 2023 card's province, `XXXX00` from the 2004 card's city code.
    ///
    /// ```
    /// let id = realname::ForeignPermanentResidentId::parse("KAZ110090123105")?;
    /// assert_eq!(id.accepting_region_code(), 110000);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn accepting_region_code(&self) -> u32 {
        match self.generation() {
            FprGeneration::Card2023 => number(&self.bytes[1..3]) * 10_000,
            FprGeneration::Card2004 => number(&self.bytes[3..7]) * 100,
        }
    }

    /// The accepting office's region in the GB/T 2260 table, if listed.
    ///
    /// ```
    /// let id = realname::ForeignPermanentResidentId::parse("USA310085071517")?;
    /// assert_eq!(id.accepting_region().unwrap().name(), "上海市");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn accepting_region(&self) -> Option<Region> {
        region::lookup(self.accepting_region_code())
    }

    /// Age in full years (周岁) on `today`; see [`crate::ResidentId::age_on`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let id = realname::ForeignPermanentResidentId::parse("932682198501010017")?;
    /// assert_eq!(id.age_on(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())?, 41);
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
    /// let id = realname::ForeignPermanentResidentId::parse("932682198501010017")?;
    /// assert!(id.check_on(NaiveDate::from_ymd_opt(1980, 1, 1).unwrap()).is_err());
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

fn parse_2023(bytes: &mut [u8; 18], lenient: bool) -> Result<(NaiveDate, Country), Error> {
    if bytes[0] != b'9' {
        return Err(Error::Character {
            position: 1,
            found: char::from(bytes[0]),
            expected: CharClass::Exactly('9'),
        });
    }
    expect_digits(&bytes[..], 1, 17)?;
    match bytes[17] {
        b'0'..=b'9' | b'X' => {}
        b'x' if lenient => bytes[17] = b'X',
        other => {
            return Err(Error::Character {
                position: 18,
                found: char::from(other),
                expected: CharClass::DigitOrX,
            });
        }
    }
    let province = number(&bytes[1..3]);
    if !region::is_mainland_province(province) {
        return Err(Error::Region {
            code: province * 10_000,
            problem: RegionProblem::NotAProvince,
        });
    }
    let numeric = number(&bytes[3..6]) as u16;
    let nationality = Country::from_numeric(numeric).ok_or(Error::Nationality {
        code: NationalityCode::Numeric(numeric),
    })?;
    let birth = birth_date(
        number(&bytes[6..10]),
        number(&bytes[10..12]),
        number(&bytes[12..14]),
    )?;
    let expected = iso7064_mod11_2(&bytes[..17]).unwrap_or(b'?');
    if expected != bytes[17] {
        return Err(Error::Checksum {
            expected: char::from(expected),
            found: char::from(bytes[17]),
        });
    }
    Ok((birth, nationality))
}

fn parse_2004(
    bytes: &mut [u8; 18],
    lenient: bool,
    options: ParseOptions,
) -> Result<(NaiveDate, Country), Error> {
    for (i, b) in bytes.iter_mut().enumerate().take(3) {
        match *b {
            b'A'..=b'Z' => {}
            b'a'..=b'z' if lenient => b.make_ascii_uppercase(),
            other => {
                return Err(Error::Character {
                    position: i + 1,
                    found: char::from(other),
                    expected: CharClass::Letter,
                });
            }
        }
    }
    expect_digits(&bytes[..], 3, 15)?;
    let alpha3 = [bytes[0], bytes[1], bytes[2]];
    let nationality = Country::from_alpha3(ascii_str(&alpha3)).ok_or(Error::Nationality {
        code: NationalityCode::Alpha3(alpha3),
    })?;
    let city = number(&bytes[3..7]);
    region::check_city_code(city, options.region_check()).map_err(|problem| Error::Region {
        code: city * 100,
        problem,
    })?;
    let yy = number(&bytes[7..9]);
    let century = if yy <= 23 { 2000 } else { 1900 };
    let birth = birth_date(century + yy, number(&bytes[9..11]), number(&bytes[11..13]))?;
    let expected = icao9303(&bytes[..14]).unwrap_or(b'?');
    if expected != bytes[14] {
        return Err(Error::Checksum {
            expected: char::from(expected),
            found: char::from(bytes[14]),
        });
    }
    Ok((birth, nationality))
}

impl PartialEq for ForeignPermanentResidentId {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ForeignPermanentResidentId {}

impl Hash for ForeignPermanentResidentId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for ForeignPermanentResidentId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ForeignPermanentResidentId {
    /// Orders by the canonical text.
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

document_traits!(
    ForeignPermanentResidentId,
    "a foreign permanent resident ID number of 15 or 18 characters"
);

#[cfg(test)]
mod fast_path_tests {
    use super::*;
    use crate::document::fast_path_check::fast_path_agrees;

    fast_path_agrees!(
        foreign_permanent_resident_id_fast_path_agrees,
        ForeignPermanentResidentId,
        [
            "932682198501010017",
            "911398199012310021",
            "USA310085071517",
            "KAZ110090123105",
            "JPN440000022902",
        ]
    );
}
