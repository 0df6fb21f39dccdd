//! Travel permits between the mainland, Hong Kong, Macao and Taiwan, and the
//! ordinary passport: numbers without a check character, validated by shape.

use std::fmt;

use super::{
    ParseOptions, all_digits, first_then_digits, fits, match_pattern, padded, read_compact,
    simple_document,
};
use crate::error::{CharClass, Error};

use CharClass::{Digit, DigitOrLetterNotIO, Exactly, OneOf};

/// Where the holder of a [`HkMacaoTravelPermit`] lives.
///
/// ```
/// use realname::{HkMacaoTravelPermit, SpecialRegion};
/// assert_eq!(HkMacaoTravelPermit::parse("M1234567801")?.region(), SpecialRegion::Macao);
/// assert_eq!(SpecialRegion::HongKong.name_zh(), "香港");
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpecialRegion {
    /// The Hong Kong Special Administrative Region.
    HongKong,
    /// The Macao Special Administrative Region.
    Macao,
}

#[cfg(feature = "serde")]
crate::document::de::id_serde!(SpecialRegion, "a special region: `hong_kong` or `macao`", { HongKong => "hong_kong", Macao => "macao" });

impl SpecialRegion {
    /// The Chinese name: 香港 or 澳门.
    ///
    /// ```
    /// assert_eq!(realname::SpecialRegion::Macao.name_zh(), "澳门");
    /// ```
    pub fn name_zh(&self) -> &'static str {
        match self {
            SpecialRegion::HongKong => "香港",
            SpecialRegion::Macao => "澳门",
        }
    }

    /// The English name, as `Display` prints it.
    ///
    /// ```
    /// assert_eq!(realname::SpecialRegion::HongKong.name_en(), "Hong Kong");
    /// ```
    pub fn name_en(&self) -> &'static str {
        match self {
            SpecialRegion::HongKong => "Hong Kong",
            SpecialRegion::Macao => "Macao",
        }
    }
}

impl fmt::Display for SpecialRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_en())
    }
}

simple_document! {
    /// The number of a Mainland Travel Permit for Hong Kong and Macao
    /// Residents (港澳居民来往内地通行证, 回乡证).
    ///
    /// - `H` (Hong Kong) or `M` (Macao) and the eight-digit lifetime number
    ///   (终身号), optionally followed by the two-digit renewal count of the
    ///   1999 card (00 at first issue): `H12345678`, `M1234567801`;
    /// - `HA` or `MA` and seven digits: the 2024 permit for permanent
    ///   residents who are not Chinese citizens.
    ///
    /// There is no check character. Lenient input upper-cases letters and
    /// drops spaces.
    ///
    /// ```
    /// use realname::{HkMacaoTravelPermit, SpecialRegion};
    ///
    /// let p = HkMacaoTravelPermit::parse("M1234567801")?;
    /// assert_eq!(p.region(), SpecialRegion::Macao);
    /// assert_eq!(p.lifetime_number(), "M12345678");
    /// assert_eq!(p.renewal_count(), Some(1));
    /// assert!(HkMacaoTravelPermit::parse("MA12345678").is_err());
    /// # Ok::<(), realname::Error>(())
    /// ```
    HkMacaoTravelPermit {
        max: 11,
        sample: "H12345678",
        masked: "H12****78",
        keep: (3, 2),
        expecting: "a Mainland Travel Permit for Hong Kong and Macao Residents number",
    }
}

impl HkMacaoTravelPermit {
    /// Parses a number with the given options.
    ///
    /// ```
    /// use realname::{HkMacaoTravelPermit, InputForm, ParseOptions};
    /// let exact = ParseOptions::new().with_input(InputForm::Exact);
    /// assert!(HkMacaoTravelPermit::parse_with("h12345678", exact).is_err());
    /// assert!(HkMacaoTravelPermit::parse("h12345678").is_ok());
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    #[inline]
    pub fn parse_with(s: &str, options: ParseOptions) -> Result<Self, Error> {
        Self::from_canonical_input(s.as_bytes()).map_or_else(|| Self::parse_general(s, options), Ok)
    }

    /// The fast path of [`parse_with`](Self::parse_with): input already in
    /// the canonical form and valid, read in place. `None` for anything
    /// else, which the general path reads.
    #[inline(always)]
    pub(super) fn from_canonical_input(s: &[u8]) -> Option<Self> {
        let ok = match *s {
            [first, second, ref rest @ ..] if rest.len() == 7 => {
                matches!(first, b'H' | b'M')
                    && (second == b'A' || second.is_ascii_digit())
                    && all_digits(rest)
            }
            [first, ref rest @ ..] if rest.len() == 10 => {
                matches!(first, b'H' | b'M') && all_digits(rest)
            }
            _ => false,
        };
        if !ok {
            return None;
        }
        let bytes = padded::<9, 11>(s).or_else(|| padded::<11, 11>(s))?;
        Some(Self::from_canonical(bytes, s.len()))
    }

    /// Every input the fast path of [`parse_with`](Self::parse_with) does
    /// not take.
    #[inline(never)]
    fn parse_general(s: &str, options: ParseOptions) -> Result<Self, Error> {
        let (bytes, len) = read_compact::<11>(
            s,
            options.input(),
            b" ",
            &[9, 11],
            first_then_digits(OneOf("HM")),
        )?;
        let text = bytes.get(..len).unwrap_or_default();
        let pattern: &[CharClass] = match (len, bytes[1]) {
            (9, b'A') => &[
                OneOf("HM"),
                Exactly('A'),
                Digit,
                Digit,
                Digit,
                Digit,
                Digit,
                Digit,
                Digit,
            ],
            _ => &[
                OneOf("HM"),
                Digit,
                Digit,
                Digit,
                Digit,
                Digit,
                Digit,
                Digit,
                Digit,
                Digit,
                Digit,
            ],
        };
        match_pattern(text, pattern)?;
        Ok(Self::from_canonical(bytes, len))
    }

    /// Hong Kong (`H`) or Macao (`M`).
    ///
    /// ```
    /// use realname::{HkMacaoTravelPermit, SpecialRegion};
    /// assert_eq!(HkMacaoTravelPermit::parse("HA1234567")?.region(), SpecialRegion::HongKong);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn region(&self) -> SpecialRegion {
        if self.bytes[0] == b'M' {
            SpecialRegion::Macao
        } else {
            SpecialRegion::HongKong
        }
    }

    /// The nine characters that identify the holder for life: the number
    /// without the renewal count.
    ///
    /// ```
    /// assert_eq!(realname::HkMacaoTravelPermit::parse("H1234567803")?.lifetime_number(), "H12345678");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn lifetime_number(&self) -> &str {
        super::ascii_str(self.bytes.get(..9).unwrap_or_default())
    }

    /// The renewal count of an 11-character number (0 at first issue).
    ///
    /// ```
    /// assert_eq!(realname::HkMacaoTravelPermit::parse("H12345678")?.renewal_count(), None);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn renewal_count(&self) -> Option<u8> {
        (self.len == 11).then(|| (self.bytes[9] - b'0') * 10 + (self.bytes[10] - b'0'))
    }

    /// Whether this is the 2024 permit for permanent residents who are not
    /// Chinese citizens (`HA…`, `MA…`).
    ///
    /// ```
    /// assert!(realname::HkMacaoTravelPermit::parse("MA1234567")?.is_for_non_chinese_citizen());
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn is_for_non_chinese_citizen(&self) -> bool {
        self.bytes[1] == b'A'
    }
}

simple_document! {
    /// The number of a Mainland Travel Permit for Taiwan Residents
    /// (台湾居民来往大陆通行证, 台胞证).
    ///
    /// - Since 2008 the eight-digit lifetime number (台胞终身号): `12345678`;
    /// - the 1992 booklet: the lifetime number, a two-digit issue count and
    ///   optionally the issuing authority's code in brackets:
    ///   `0561682001`, `0561682001(D)`.
    ///
    /// There is no check character.
    ///
    /// ```
    /// use realname::TaiwanTravelPermit;
    ///
    /// let p = TaiwanTravelPermit::parse("0561682001(D)")?;
    /// assert_eq!(p.lifetime_number(), "05616820");
    /// assert_eq!(p.issue_count(), Some(1));
    /// assert_eq!(p.issuing_code(), Some('D'));
    /// # Ok::<(), realname::Error>(())
    /// ```
    TaiwanTravelPermit {
        max: 13,
        sample: "12345678",
        masked: "123***78",
        keep: (3, 2),
        expecting: "a Mainland Travel Permit for Taiwan Residents number",
    }
}

impl TaiwanTravelPermit {
    /// Parses a number with the given options.
    ///
    /// ```
    /// use realname::TaiwanTravelPermit;
    /// assert!(TaiwanTravelPermit::parse("0561682001(DD)").is_err());
    /// assert!(TaiwanTravelPermit::parse("1234 5678").is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    #[inline]
    pub fn parse_with(s: &str, options: ParseOptions) -> Result<Self, Error> {
        Self::from_canonical_input(s.as_bytes()).map_or_else(|| Self::parse_general(s, options), Ok)
    }

    /// The fast path of [`parse_with`](Self::parse_with): input already in
    /// the canonical form and valid, read in place. `None` for anything
    /// else, which the general path reads.
    #[inline(always)]
    pub(super) fn from_canonical_input(s: &[u8]) -> Option<Self> {
        match *s {
            [ref digits @ .., b'(', tag, b')'] if digits.len() == 10 => (all_digits(digits)
                && CharClass::LetterOrDigit.matches(tag))
            .then(|| padded::<13, 13>(s))
            .flatten()
            .map(|bytes| Self::from_canonical(bytes, 13)),
            _ if all_digits(s) => padded::<8, 13>(s)
                .or_else(|| padded::<10, 13>(s))
                .map(|bytes| Self::from_canonical(bytes, s.len())),
            _ => None,
        }
    }

    /// Every input the fast path of [`parse_with`](Self::parse_with) does
    /// not take.
    #[inline(never)]
    fn parse_general(s: &str, options: ParseOptions) -> Result<Self, Error> {
        let (bytes, len) = read_compact::<13>(s, options.input(), b"", &[8, 10, 13], |_| Digit)?;
        let text = bytes.get(..len).unwrap_or_default();
        if len == 13 && (bytes[10] != b'(' || bytes[12] != b')') {
            if text.contains(&b'(') || text.contains(&b')') {
                return Err(Error::Brackets);
            }
            return Err(Error::Length {
                expected: &[8, 10, 13],
                found: len,
            });
        }
        let digits = len.min(10);
        match_pattern(text.get(..digits).unwrap_or_default(), &[Digit; 10])?;
        if len == 13 && !CharClass::LetterOrDigit.matches(bytes[11]) {
            return Err(Error::Character {
                position: 12,
                found: char::from(bytes[11]),
                expected: CharClass::LetterOrDigit,
            });
        }
        Ok(Self::from_canonical(bytes, len))
    }

    /// The eight-digit lifetime number.
    ///
    /// ```
    /// assert_eq!(realname::TaiwanTravelPermit::parse("12345678")?.lifetime_number(), "12345678");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn lifetime_number(&self) -> &str {
        super::ascii_str(self.bytes.get(..8).unwrap_or_default())
    }

    /// The booklet's issue count, for a 10-digit number.
    ///
    /// ```
    /// assert_eq!(realname::TaiwanTravelPermit::parse("0561682001")?.issue_count(), Some(1));
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn issue_count(&self) -> Option<u8> {
        (self.len >= 10).then(|| (self.bytes[8] - b'0') * 10 + (self.bytes[9] - b'0'))
    }

    /// The issuing authority's code of a booklet number, when given in
    /// brackets (`B` CTS Hong Kong, `D` CTS Macau, `A` the MFA office in
    /// Hong Kong, among others).
    ///
    /// ```
    /// assert_eq!(realname::TaiwanTravelPermit::parse("0561682001")?.issuing_code(), None);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn issuing_code(&self) -> Option<char> {
        (self.len == 13).then(|| char::from(self.bytes[11]))
    }
}

simple_document! {
    /// The number of an Exit-Entry Permit for Travelling to and from Hong
    /// Kong and Macao (往来港澳通行证), the electronic card of 2014:
    /// `C` and eight digits, or, since the first series ran out, `C`, a
    /// letter other than `I` and `O`, and seven digits (`CA0000001` first).
    ///
    /// ```
    /// use realname::ExitEntryPermit;
    ///
    /// assert!(ExitEntryPermit::parse("CA0000001").is_ok());
    /// assert!(ExitEntryPermit::parse("CI1234567").is_err());
    /// ```
    ExitEntryPermit {
        max: 9,
        sample: "C12345678",
        masked: "C12****78",
        keep: (3, 2),
        expecting: "an Exit-Entry Permit for Travelling to and from Hong Kong and Macao number",
    }
}

impl ExitEntryPermit {
    /// Parses a number with the given options.
    ///
    /// ```
    /// use realname::{Error, ExitEntryPermit};
    /// assert!(matches!(ExitEntryPermit::parse("W12345678"), Err(Error::Character { position: 1, .. })));
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    #[inline]
    pub fn parse_with(s: &str, options: ParseOptions) -> Result<Self, Error> {
        Self::from_canonical_input(s.as_bytes()).map_or_else(|| Self::parse_general(s, options), Ok)
    }

    /// The fast path of [`parse_with`](Self::parse_with): input already in
    /// the canonical form and valid, read in place. `None` for anything
    /// else, which the general path reads.
    #[inline(always)]
    pub(super) fn from_canonical_input(s: &[u8]) -> Option<Self> {
        let bytes = <&[u8; 9]>::try_from(s).ok()?;
        let pattern = [
            Exactly('C'),
            DigitOrLetterNotIO,
            Digit,
            Digit,
            Digit,
            Digit,
            Digit,
            Digit,
            Digit,
        ];
        fits(bytes, &pattern).then(|| Self::from_canonical(*bytes, 9))
    }

    /// Every input the fast path of [`parse_with`](Self::parse_with) does
    /// not take.
    #[inline(never)]
    fn parse_general(s: &str, options: ParseOptions) -> Result<Self, Error> {
        let (bytes, len) = read_compact::<9>(
            s,
            options.input(),
            b" ",
            &[9],
            first_then_digits(Exactly('C')),
        )?;
        let pattern = [
            Exactly('C'),
            DigitOrLetterNotIO,
            Digit,
            Digit,
            Digit,
            Digit,
            Digit,
            Digit,
            Digit,
        ];
        match_pattern(&bytes, &pattern)?;
        Ok(Self::from_canonical(bytes, len))
    }
}

/// The series of a [`ChinesePassport`].
///
/// ```
/// use realname::{ChinesePassport, PassportSeries};
/// assert_eq!(ChinesePassport::parse("G12345678")?.series(), PassportSeries::Booklet);
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PassportSeries {
    /// The electronic passport issued since 2012: `E`.
    Electronic,
    /// The booklet issued before 2012: `G` (all now past their ten-year
    /// validity).
    Booklet,
}

impl PassportSeries {
    /// The English name, as `Display` prints it.
    ///
    /// ```
    /// use realname::PassportSeries;
    /// assert_eq!(PassportSeries::Electronic.name_en(), "electronic passport");
    /// assert_eq!(PassportSeries::Booklet.to_string(), "pre-2012 booklet passport");
    /// ```
    pub fn name_en(&self) -> &'static str {
        match self {
            PassportSeries::Electronic => "electronic passport",
            PassportSeries::Booklet => "pre-2012 booklet passport",
        }
    }

    /// The Chinese name.
    ///
    /// ```
    /// assert_eq!(realname::PassportSeries::Electronic.name_zh(), "电子普通护照");
    /// ```
    pub fn name_zh(&self) -> &'static str {
        match self {
            PassportSeries::Electronic => "电子普通护照",
            PassportSeries::Booklet => "旧版普通护照（2012 年前）",
        }
    }
}

impl std::fmt::Display for PassportSeries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name_en())
    }
}

#[cfg(feature = "serde")]
crate::document::de::id_serde!(PassportSeries, "a passport series: `electronic` or `booklet`", { Electronic => "electronic", Booklet => "booklet" });

simple_document! {
    /// The number of an ordinary passport of the People's Republic of China
    /// (普通护照): `E` and eight digits; `E`, a letter other than `I` and
    /// `O`, and seven digits (since the first series ran out); or the
    /// pre-2012 booklet's `G` and eight digits. The number has no check
    /// character (the machine-readable zone has one).
    ///
    /// Diplomatic and service passports (`D`, `S`, `P`, `DE` …) are not
    /// ordinary passports and are rejected.
    ///
    /// ```
    /// use realname::ChinesePassport;
    ///
    /// assert!(ChinesePassport::parse("EA1234567").is_ok());
    /// assert!(ChinesePassport::parse("DE1234567").is_err());
    /// ```
    ChinesePassport {
        max: 9,
        sample: "E12345678",
        masked: "E12****78",
        keep: (3, 2),
        expecting: "a Chinese ordinary passport number",
    }
}

impl ChinesePassport {
    /// Parses a number with the given options.
    ///
    /// ```
    /// use realname::{ChinesePassport, Error};
    /// assert!(matches!(ChinesePassport::parse("EO1234567"), Err(Error::Character { position: 2, .. })));
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    #[inline]
    pub fn parse_with(s: &str, options: ParseOptions) -> Result<Self, Error> {
        Self::from_canonical_input(s.as_bytes()).map_or_else(|| Self::parse_general(s, options), Ok)
    }

    /// The fast path of [`parse_with`](Self::parse_with): input already in
    /// the canonical form and valid, read in place. `None` for anything
    /// else, which the general path reads.
    #[inline(always)]
    pub(super) fn from_canonical_input(s: &[u8]) -> Option<Self> {
        let bytes = <&[u8; 9]>::try_from(s).ok()?;
        let second_ok = match bytes[0] {
            b'E' => DigitOrLetterNotIO.matches(bytes[1]),
            b'G' => bytes[1].is_ascii_digit(),
            _ => false,
        };
        (second_ok && all_digits(&bytes[2..])).then(|| Self::from_canonical(*bytes, 9))
    }

    /// Every input the fast path of [`parse_with`](Self::parse_with) does
    /// not take.
    #[inline(never)]
    fn parse_general(s: &str, options: ParseOptions) -> Result<Self, Error> {
        let (bytes, len) = read_compact::<9>(
            s,
            options.input(),
            b" ",
            &[9],
            first_then_digits(OneOf("EG")),
        )?;
        let second = if bytes[0] == b'G' {
            Digit
        } else {
            DigitOrLetterNotIO
        };
        let pattern = [
            OneOf("EG"),
            second,
            Digit,
            Digit,
            Digit,
            Digit,
            Digit,
            Digit,
            Digit,
        ];
        match_pattern(&bytes, &pattern)?;
        Ok(Self::from_canonical(bytes, len))
    }

    /// The series: electronic (`E`) or booklet (`G`).
    ///
    /// ```
    /// use realname::{ChinesePassport, PassportSeries};
    /// assert_eq!(ChinesePassport::parse("E12345678")?.series(), PassportSeries::Electronic);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn series(&self) -> PassportSeries {
        if self.bytes[0] == b'G' {
            PassportSeries::Booklet
        } else {
            PassportSeries::Electronic
        }
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;
    use crate::document::fast_path_check::fast_path_agrees;

    fast_path_agrees!(
        hk_macao_travel_permit_fast_path_agrees,
        HkMacaoTravelPermit,
        ["H12345678", "HA1234567", "M1234567890"]
    );

    fast_path_agrees!(
        chinese_passport_fast_path_agrees,
        ChinesePassport,
        ["E12345678", "EA1234567", "G12345678"]
    );

    fast_path_agrees!(
        exit_entry_permit_fast_path_agrees,
        ExitEntryPermit,
        ["C12345678", "CA1234567"]
    );

    fast_path_agrees!(
        taiwan_travel_permit_fast_path_agrees,
        TaiwanTravelPermit,
        ["12345678", "1234567890", "1234567890(B)"]
    );
}
