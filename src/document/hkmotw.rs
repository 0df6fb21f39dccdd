//! Identity cards of Hong Kong, Macao and Taiwan.

use super::{
    Gender, ParseOptions, all_digits, first_then_digits, match_pattern, read_compact,
    simple_document,
};
use crate::checksum::{hkid, taiwan_id};
use crate::error::{CharClass, Error};

use CharClass::{Digit, Exactly, Letter, OneOf};

/// Splits `text` into the body and the check character, accepting the
/// check bare (`A1234563`) or in brackets (`A123456(3)`); `open` and `close`
/// are the bracket characters the scheme writes.
fn split_check(text: &[u8], open: u8, close: u8) -> Result<(&[u8], u8), Error> {
    let (mut opens, mut closes) = (0usize, 0usize);
    for &b in text {
        opens += usize::from(b == open);
        closes += usize::from(b == close);
    }
    match (opens, closes, text) {
        (0, 0, [body @ .., check]) => Ok((body, *check)),
        (1, 1, [body @ .., o, check, c]) if *o == open && *c == close => Ok((body, *check)),
        (0, 0, []) => Err(Error::Empty),
        _ => Err(Error::Brackets),
    }
}

simple_document! {
    /// A Hong Kong identity card number (香港身份证).
    ///
    /// One or two letters, six digits and a check character (`0`–`9` or
    /// `A`): the letters count 10–35, a single letter is preceded by a space
    /// worth 36, the eight values are weighted 9 down to 2, and the check
    /// makes the sum a multiple of 11. Accepted with the check in brackets
    /// or without (`A123456(3)`, `A1234563`); brackets must balance. The
    /// canonical form has them.
    ///
    /// Hong Kong numbers do not encode a gender or a birth date.
    ///
    /// ```
    /// use realname::{Error, HongKongId};
    ///
    /// let id = HongKongId::parse("A1234563")?;
    /// assert_eq!(id.as_str(), "A123456(3)");
    /// assert_eq!(HongKongId::parse("A123456(4)"), Err(Error::Checksum { expected: '3', found: '4' }));
    /// assert_eq!(HongKongId::parse("G123456(A"), Err(Error::Brackets));
    /// # Ok::<(), realname::Error>(())
    /// ```
    HongKongId {
        max: 11,
        sample: "A123456(3)",
        masked: "A12*******",
        keep: (3, 0),
        expecting: "a Hong Kong identity card number",
    }
}

impl HongKongId {
    /// Parses a number with the given options.
    ///
    /// ```
    /// use realname::HongKongId;
    /// assert_eq!(HongKongId::parse("xa000000（8）")?.as_str(), "XA000000(8)");
    /// # Ok::<(), realname::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    #[inline]
    pub fn parse_with(s: &str, options: ParseOptions) -> Result<Self, Error> {
        match Self::from_canonical_input(s.as_bytes()) {
            Some(id) => Ok(id),
            None => Self::parse_general(s, options),
        }
    }

    /// Every input [`parse_with`](Self::parse_with)'s fast path does not
    /// take.
    #[inline(never)]
    fn parse_general(s: &str, options: ParseOptions) -> Result<Self, Error> {
        let (read, len) = read_compact::<11>(
            s,
            options.input(),
            b" ",
            &[8, 9, 10, 11],
            first_then_digits(Letter),
        )?;
        let text = read.get(..len).unwrap_or_default();
        // Fast path: a body of the right shape (which `hkid` checks) with
        // its check, bare or in brackets; the checks below name the problem
        // of any other number.
        let (body, check) = match text {
            [body @ .., b'(', check, b')'] => (body, *check),
            [body @ .., check] => (body, *check),
            [] => (text, 0),
        };
        if hkid(body) == Some(check) {
            return Ok(Self::canonical(body, check));
        }
        let (body, check) = split_check(text, b'(', b')')?;
        let letters = text.iter().take_while(|b| b.is_ascii_uppercase()).count();
        let pattern: &[CharClass] = match letters {
            2 => &[Letter, Letter, Digit, Digit, Digit, Digit, Digit, Digit],
            _ => &[Letter, Digit, Digit, Digit, Digit, Digit, Digit],
        };
        const CHECK: CharClass = OneOf("0123456789A");
        if body.len() != pattern.len() {
            let p = pattern.len();
            if len == p + 1 || len == p + 3 {
                // The length is right for this many letters (bare check or
                // check in brackets): name the character that does not fit.
                let bracketed = len == p + 3;
                let mut form = [CHECK; 11];
                for (slot, class) in form.iter_mut().zip(pattern) {
                    *slot = *class;
                }
                if bracketed {
                    if let Some(open) = form.get_mut(p) {
                        *open = Exactly('(');
                    }
                    if let Some(close) = form.get_mut(p + 2) {
                        *close = Exactly(')');
                    }
                }
                match_pattern(text, form.get(..len).unwrap_or_default())?;
            }
            match_pattern(body, pattern)?;
            return Err(Error::Length {
                expected: if letters == 2 { &[9, 11] } else { &[8, 10] },
                found: len,
            });
        }
        match_pattern(body, pattern)?;
        if !CHECK.matches(check) {
            return Err(Error::Character {
                position: body.len() + 1,
                found: char::from(check),
                expected: CHECK,
            });
        }
        let expected = hkid(body).unwrap_or(b'?');
        if expected != check {
            return Err(Error::Checksum {
                expected: char::from(expected),
                found: char::from(check),
            });
        }
        Ok(Self::canonical(body, check))
    }

    /// The canonical form of a validated body and check: the check in
    /// brackets.
    /// The fast path of [`parse_with`](Self::parse_with): input already in
    /// the canonical form and valid, read in place. `None` for anything
    /// else, which the general path reads.
    #[inline(always)]
    pub(super) fn from_canonical_input(s: &[u8]) -> Option<Self> {
        let mut bytes = [0u8; 11];
        let len = match s {
            [body @ .., b'(', check, b')'] if hkid(body) == Some(*check) => s.len(),
            _ => return None,
        };
        // `hkid` took seven or eight characters: ten or eleven in all.
        match <&[u8; 10]>::try_from(s) {
            Ok(ten) => bytes[..10].copy_from_slice(ten),
            Err(_) => bytes.copy_from_slice(<&[u8; 11]>::try_from(s).ok()?),
        }
        Some(Self::from_canonical(bytes, len))
    }

    fn canonical(body: &[u8], check: u8) -> Self {
        // Each length spelled out: the array is built whole, not by a copy
        // of run-time length with bytes stored after it.
        let (bytes, len) = match *body {
            [a, b, c, d, e, f, g] => ([a, b, c, d, e, f, g, b'(', check, b')', 0], 10),
            [a, b, c, d, e, f, g, h] => ([a, b, c, d, e, f, g, h, b'(', check, b')'], 11),
            _ => {
                let mut bytes = [0u8; 11];
                let n = body.len().min(8);
                for (slot, &b) in bytes
                    .iter_mut()
                    .zip(body.iter().take(n).chain(&[b'(', check, b')']))
                {
                    *slot = b;
                }
                (bytes, n + 3)
            }
        };
        Self::from_canonical(bytes, len)
    }

    /// The one or two letters that begin the number.
    ///
    /// ```
    /// assert_eq!(realname::HongKongId::parse("XA000000(8)")?.prefix(), "XA");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn prefix(&self) -> &str {
        let letters = if self.len == 11 { 2 } else { 1 };
        super::ascii_str(self.bytes.get(..letters).unwrap_or_default())
    }
}

simple_document! {
    /// A Macao resident identity card number (澳门居民身份证), eight digits
    /// written `1234567(8)` on smart cards and `1/234567/8` on older ones:
    /// the first digit is `1`, `5` (held a Portuguese identity card) or `7`
    /// (former blue-card holders), the last a check digit.
    ///
    /// **The check-digit algorithm is not published**, so only the format is
    /// validated: a number with a wrong check digit passes.
    ///
    /// ```
    /// use realname::MacaoId;
    ///
    /// assert_eq!(MacaoId::parse("1/234567/8")?.as_str(), "1234567(8)");
    /// assert_eq!(MacaoId::parse("51234568")?.as_str(), "5123456(8)");
    /// assert!(MacaoId::parse("2123456(7)").is_err());
    /// # Ok::<(), realname::Error>(())
    /// ```
    MacaoId {
        max: 10,
        sample: "1234567(8)",
        masked: "123*******",
        keep: (3, 0),
        expecting: "a Macao resident identity card number",
    }
}

impl MacaoId {
    /// Parses a number with the given options.
    ///
    /// ```
    /// use realname::{Error, MacaoId};
    /// assert!(matches!(MacaoId::parse("1234567(A)"), Err(Error::Character { position: 8, .. })));
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
        let bytes = <&[u8; 10]>::try_from(s).ok()?;
        let ok = matches!(bytes[0], b'1' | b'5' | b'7')
            && all_digits(&bytes[1..7])
            && bytes[7] == b'('
            && bytes[8].is_ascii_digit()
            && bytes[9] == b')';
        ok.then(|| Self::from_canonical(*bytes, 10))
    }

    /// Every input the fast path of [`parse_with`](Self::parse_with) does
    /// not take.
    #[inline(never)]
    fn parse_general(s: &str, options: ParseOptions) -> Result<Self, Error> {
        let (read, len) = read_compact::<10>(
            s,
            options.input(),
            b" ",
            &[8, 10],
            first_then_digits(OneOf("157")),
        )?;
        let text = read.get(..len).unwrap_or_default();
        let digits: [u8; 8] = match text {
            [a, b, c, d, e, f, g, h] => [*a, *b, *c, *d, *e, *f, *g, *h],
            [a, b'/', b, c, d, e, f, g, b'/', h] => [*a, *b, *c, *d, *e, *f, *g, *h],
            [a, b, c, d, e, f, g, b'(', h, b')'] => [*a, *b, *c, *d, *e, *f, *g, *h],
            _ => {
                let opens = text.iter().filter(|&&b| b == b'(').count();
                let closes = text.iter().filter(|&&b| b == b')').count();
                if opens != closes || opens > 1 {
                    return Err(Error::Brackets);
                }
                // Ten characters, the length of both written forms: name the
                // character that fits neither.
                const D: CharClass = Digit;
                const FIRST: CharClass = OneOf("157");
                let form: &[CharClass] = if text.get(1) == Some(&b'/') {
                    &[FIRST, Exactly('/'), D, D, D, D, D, D, Exactly('/'), D]
                } else {
                    &[FIRST, D, D, D, D, D, D, Exactly('('), D, Exactly(')')]
                };
                match_pattern(text, form)?;
                return Err(Error::Brackets);
            }
        };
        match_pattern(
            &digits,
            &[
                OneOf("157"),
                Digit,
                Digit,
                Digit,
                Digit,
                Digit,
                Digit,
                Digit,
            ],
        )?;
        let mut bytes = [0u8; 10];
        for (slot, &b) in bytes
            .iter_mut()
            .zip(digits.iter().take(7).chain(&[b'(', digits[7], b')']))
        {
            *slot = b;
        }
        Ok(Self::from_canonical(bytes, 10))
    }
}

/// Which format a [`TaiwanId`] is in.
///
/// ```
/// use realname::{TaiwanId, TaiwanIdFormat};
///
/// assert_eq!(TaiwanId::parse("A123456789")?.format(), TaiwanIdFormat::NationalId);
/// assert_eq!(TaiwanId::parse("H876543212")?.format(), TaiwanIdFormat::Resident2021);
/// assert_eq!(TaiwanId::parse("AB12345677")?.format(), TaiwanIdFormat::ResidentLegacy);
/// assert_eq!(TaiwanIdFormat::ResidentLegacy.name_en(), "resident UI number (before 2021)");
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum TaiwanIdFormat {
    /// A citizen's national identification number (國民身分證統一編號): a
    /// letter, the gender digit `1` or `2`, eight digits.
    NationalId,
    /// A resident UI number of the format issued since 2 January 2021
    /// (新式外來人口統一證號): a letter, the gender digit `8` or `9`, eight
    /// digits.
    Resident2021,
    /// A resident UI number of the format issued before 2021 (舊式居留證統一
    /// 證號): two letters, the second `A`–`D`, eight digits. The numbers stay
    /// valid until the end of 2030.
    ResidentLegacy,
}

impl TaiwanIdFormat {
    /// The English name, as `Display` prints it.
    ///
    /// ```
    /// assert_eq!(realname::TaiwanIdFormat::NationalId.to_string(), "national ID");
    /// ```
    pub fn name_en(&self) -> &'static str {
        match self {
            TaiwanIdFormat::NationalId => "national ID",
            TaiwanIdFormat::Resident2021 => "resident UI number (2021)",
            TaiwanIdFormat::ResidentLegacy => "resident UI number (before 2021)",
        }
    }

    /// The Chinese name, in traditional characters as issued.
    ///
    /// ```
    /// assert_eq!(realname::TaiwanIdFormat::Resident2021.name_zh(), "新式統一證號");
    /// ```
    pub fn name_zh(&self) -> &'static str {
        match self {
            TaiwanIdFormat::NationalId => "國民身分證統一編號",
            TaiwanIdFormat::Resident2021 => "新式統一證號",
            TaiwanIdFormat::ResidentLegacy => "舊式統一證號",
        }
    }
}

impl std::fmt::Display for TaiwanIdFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name_en())
    }
}

#[cfg(feature = "serde")]
crate::document::de::id_serde!(TaiwanIdFormat, "a Taiwan ID format: `national_id`, `resident2021` or `resident_legacy`", { NationalId => "national_id", Resident2021 => "resident2021", ResidentLegacy => "resident_legacy" });

simple_document! {
    /// A Taiwan national identification number (國民身分證統一編號), or a
    /// resident UI number (統一證號) of the 2021 format or of the format
    /// issued before 2021; [`format`](Self::format) says which.
    ///
    /// A letter for the issuing area, a gender digit (`1` male, `2` female
    /// for citizens; `8` male, `9` female for foreign residents since 2021),
    /// seven digits and a check digit: the area letter's two-digit value
    /// counts its tens once and its units nine times, the eight digits are
    /// weighted 8 down to 1, and the check makes the sum a multiple of 10.
    /// The resident numbers issued before 2021 have a second letter `A`–`D`
    /// in place of the gender digit, counted by its value's units (A10 → 0,
    /// B11 → 1, C12 → 2, D13 → 3), with the same weights.
    ///
    /// ```
    /// use realname::{Gender, TaiwanId};
    ///
    /// let id = TaiwanId::parse("F234567898")?;
    /// assert_eq!(id.gender(), Gender::Female);
    /// assert_eq!(id.area_name(), "新北市");
    /// assert!(!id.is_resident_number());
    /// assert!(TaiwanId::parse("H876543212")?.is_resident_number());
    /// assert!(TaiwanId::parse("AB12345677")?.is_resident_number());
    /// # Ok::<(), realname::Error>(())
    /// ```
    TaiwanId {
        max: 10,
        sample: "A123456789",
        masked: "A12*****89",
        keep: (3, 2),
        expecting: "a Taiwan national identification number",
    }
}

impl TaiwanId {
    /// Parses a number with the given options.
    ///
    /// ```
    /// use realname::{Error, TaiwanId};
    /// assert_eq!(TaiwanId::parse("A123456788"), Err(Error::Checksum { expected: '9', found: '8' }));
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
        Self::check_fast(<&[u8; 10]>::try_from(s).ok()?)
    }

    /// Every input the fast path of [`parse_with`](Self::parse_with) does
    /// not take.
    #[inline(never)]
    fn parse_general(s: &str, options: ParseOptions) -> Result<Self, Error> {
        let (bytes, len) =
            read_compact::<10>(s, options.input(), b" ", &[10], first_then_digits(Letter))?;
        if let Some(id) = Self::check_fast(&bytes) {
            return Ok(id);
        }
        let expected = taiwan_id(&Self::body(bytes));
        let mut pattern = [Digit; 10];
        pattern[0] = Letter;
        pattern[1] = OneOf("1289ABCD");
        match_pattern(&bytes, &pattern)?;
        let expected = expected.unwrap_or(b'?');
        if expected != bytes[9] {
            return Err(Error::Checksum {
                expected: char::from(expected),
                found: char::from(bytes[9]),
            });
        }
        Ok(Self::from_canonical(bytes, len))
    }

    /// The nine characters the check digit is computed from: the format
    /// before 2021 counts its second letter's units.
    #[inline]
    fn body(bytes: [u8; 10]) -> [u8; 9] {
        let [a, b, c, d, e, f, g, h, i, _] = bytes;
        let b = legacy_letter_units(b).map_or(b, |units| b'0' + units);
        [a, b, c, d, e, f, g, h, i]
    }

    /// A valid number in canonical ASCII: `taiwan_id` checks the letter
    /// and the digits as it sums them. `None` for anything else.
    #[inline]
    fn check_fast(bytes: &[u8; 10]) -> Option<Self> {
        let ok = matches!(bytes[1], b'1' | b'2' | b'8' | b'9' | b'A'..=b'D')
            && taiwan_id(&Self::body(*bytes)) == Some(bytes[9]);
        ok.then(|| Self::from_canonical(*bytes, 10))
    }

    /// The gender: `1` and `8` male, `2` and `9` female; in the numbers
    /// issued before 2021, `A` and `C` male, `B` and `D` female (as the
    /// implementations read it; no official text was found).
    ///
    /// ```
    /// use realname::{Gender, TaiwanId};
    /// assert_eq!(TaiwanId::parse("B912345674")?.gender(), Gender::Female);
    /// assert_eq!(TaiwanId::parse("AB12345677")?.gender(), Gender::Female);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn gender(&self) -> Gender {
        if matches!(self.bytes[1], b'1' | b'8' | b'A' | b'C') {
            Gender::Male
        } else {
            Gender::Female
        }
    }

    /// Whether this is a resident UI number, of the 2021 format (gender
    /// digit `8` or `9`) or of the format before it (a second letter),
    /// rather than a citizen's number.
    ///
    /// ```
    /// assert!(!realname::TaiwanId::parse("A123456789")?.is_resident_number());
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn is_resident_number(&self) -> bool {
        self.format() != TaiwanIdFormat::NationalId
    }

    /// Which format the number is in: a citizen's national ID, a resident
    /// UI number of 2021, or one of before 2021.
    ///
    /// ```
    /// use realname::{TaiwanId, TaiwanIdFormat};
    /// assert_eq!(TaiwanId::parse("F234567898")?.format(), TaiwanIdFormat::NationalId);
    /// assert_eq!(TaiwanId::parse("B912345674")?.format(), TaiwanIdFormat::Resident2021);
    /// assert_eq!(TaiwanId::parse("HD02717288")?.format(), TaiwanIdFormat::ResidentLegacy);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn format(&self) -> TaiwanIdFormat {
        match self.bytes[1] {
            b'8' | b'9' => TaiwanIdFormat::Resident2021,
            b'A'..=b'D' => TaiwanIdFormat::ResidentLegacy,
            _ => TaiwanIdFormat::NationalId,
        }
    }

    /// The issuing area the letter stands for, in traditional characters as
    /// printed (some areas were merged into others since: the letter keeps
    /// its original meaning).
    ///
    /// ```
    /// assert_eq!(realname::TaiwanId::parse("A123456789")?.area_name(), "臺北市");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn area_name(&self) -> &'static str {
        const AREAS: [&str; 26] = [
            "臺北市",
            "臺中市",
            "基隆市",
            "臺南市",
            "高雄市",
            "新北市",
            "宜蘭縣",
            "桃園市",
            "嘉義市",
            "新竹縣",
            "苗栗縣",
            "臺中縣",
            "南投縣",
            "彰化縣",
            "新竹市",
            "雲林縣",
            "嘉義縣",
            "臺南縣",
            "高雄縣",
            "屏東縣",
            "花蓮縣",
            "臺東縣",
            "金門縣",
            "澎湖縣",
            "陽明山管理局",
            "連江縣",
        ];
        AREAS
            .get(usize::from(self.bytes[0].wrapping_sub(b'A')))
            .copied()
            .unwrap_or_default()
    }
}

/// The units of the value of the second letter (`A`–`D`) of a resident UI
/// number issued before 2021: A10 → 0, B11 → 1, C12 → 2, D13 → 3.
fn legacy_letter_units(b: u8) -> Option<u8> {
    matches!(b, b'A'..=b'D').then(|| b - b'A')
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;
    use crate::document::fast_path_check::fast_path_agrees;

    fast_path_agrees!(
        hong_kong_id_fast_path_agrees,
        HongKongId,
        ["A123456(3)", "XA000000(8)", "Z683365(A)", "G123456(A)"]
    );

    fast_path_agrees!(
        macao_id_fast_path_agrees,
        MacaoId,
        ["1234567(8)", "5123456(8)", "7654321(0)"]
    );

    fast_path_agrees!(
        taiwan_id_fast_path_agrees,
        TaiwanId,
        [
            "A123456789",
            "H876543212",
            "AB12345677",
            "HD02717288",
            "B912345674",
        ]
    );
}
