//! The error every document parser returns.
//!
//! [`Error`] names what is wrong with a number: its length, the character at
//! a position, an impossible date, a region code, a check character. Every
//! variant has a stable machine-readable [`Error::code`], an English message
//! through `Display` (lower case, no trailing period) and a Chinese message
//! through [`Error::to_string_zh`].
//!
//! Errors carry only what is needed to say what is wrong: a position and a
//! character class, a region code (which the masked form shows anyway), a
//! check character, the date a check was made on. They never carry the
//! number, any part of a birth date (not even an impossible one: a mistyped
//! date is most of the real one) or a name, so an error can be logged and
//! shown beside the masked form without rebuilding the number.
//!
//! With the `serde` feature an error serializes as one object, fit for the
//! body of an HTTP error response:
//! `{"code": …, "message": <English>, "message_zh": <Chinese>, …the variant's fields}`.

use std::fmt;

use chrono::NaiveDate;

use crate::region::RegionProblem;

/// Why a document number was rejected.
///
/// The enum is `#[non_exhaustive]`: later versions add variants as new
/// schemes need them, so match with a wildcard arm.
///
/// ```
/// use realname::{Error, ResidentId};
///
/// let err = ResidentId::parse("110101199003070010").unwrap_err();
/// assert_eq!(err, Error::Checksum { expected: '1', found: '0' });
/// assert_eq!(err.code(), "checksum");
/// assert_eq!(err.to_string(), "the check character is 0, expected 1");
/// assert_eq!(err.to_string_zh(), "校验位为 0，应为 1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is empty, or only whitespace.
    #[error("the number is empty")]
    Empty,
    /// The number has the wrong number of characters (after trimming and
    /// removing the separators the scheme allows).
    #[error("the number has {found} characters, expected {}", Lengths(.expected))]
    Length {
        /// The lengths the scheme allows.
        expected: &'static [u8],
        /// The number of characters found.
        found: usize,
    },
    /// A character is not allowed at its position.
    #[error("character {position} is {found:?}, expected {expected}")]
    Character {
        /// The position of the character in the number, counting from 1,
        /// after leading whitespace is trimmed.
        position: usize,
        /// The character found there.
        found: char,
        /// What the scheme allows there.
        expected: CharClass,
    },
    /// The date field is not a date of the Gregorian calendar (such as
    /// 30 February). The date is not carried: a mistyped birth date is most
    /// of the real one.
    #[error("the birth date is not a calendar date")]
    InvalidDate,
    /// The birth year is before the earliest year the scheme allows. The
    /// year found is not carried.
    #[error("the birth year is before {earliest}")]
    DateTooEarly {
        /// The earliest year allowed.
        earliest: u16,
    },
    /// The birth date is after the date the check was made on. The birth
    /// date is not carried (it is personal data); `today` is the caller's.
    #[error("the birth date is after today's date {today}")]
    FutureDate {
        /// The date the check was made on.
        today: NaiveDate,
    },
    /// The input is longer than any number could be, even with whitespace,
    /// separators and full-width characters: it was refused before being
    /// read. See [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    #[error("the input is longer than {max_bytes} bytes, more than any number")]
    TooLong {
        /// The most bytes of input a parser reads.
        max_bytes: usize,
    },
    /// The value is not text (a number, a boolean, a list … where a
    /// number's text was expected), as found by the serde form
    /// [`Field`](crate::document::Field).
    #[error("the value is not text")]
    NotText,
    /// The region code is not acceptable.
    #[error("the region code {code:06} {problem}")]
    Region {
        /// The six-digit region code (for schemes that carry fewer digits,
        /// padded with zeros on the right).
        code: u32,
        /// What is wrong with it.
        problem: RegionProblem,
    },
    /// The check character does not match the rest of the number.
    #[error("the check character is {found}, expected {expected}")]
    Checksum {
        /// The check character the rest of the number requires.
        expected: char,
        /// The check character found.
        found: char,
    },
    /// The nationality code is not an ISO 3166-1 code.
    #[error("the nationality code {code} is not an ISO 3166-1 country code")]
    Nationality {
        /// The code found.
        code: NationalityCode,
    },
    /// The brackets around a check character are unbalanced or misplaced,
    /// as in `A123456(3` or `A123(456)3`.
    #[error("the brackets around the check character do not balance")]
    Brackets,
    /// The organisation category of a credit code is not in the tables
    /// (checked with [`UsccCheck::KnownCategory`](crate::UsccCheck) and
    /// stricter).
    #[error("the organisation category {} is not allocated", Code2(.code))]
    Category {
        /// The two characters of the category.
        code: [u8; 2],
    },
    /// The organisation code inside a credit code fails its own GB 11714
    /// check (checked with [`UsccCheck::Strict`](crate::UsccCheck)).
    #[error("the embedded organisation code's check character is {found}, expected {expected}")]
    OrganizationCodeChecksum {
        /// The check character GB 11714 requires.
        expected: char,
        /// The check character found (the 17th of the credit code).
        found: char,
    },
    /// The prefix is not one the numbering plan has allocated (a mobile
    /// number's first three or four digits).
    #[error("the prefix {prefix} is not allocated")]
    Prefix {
        /// The digits of the prefix, as a number (e.g. 154).
        prefix: u32,
    },
}

impl Error {
    /// A stable identifier of the kind of error, for APIs, logs and
    /// translation tables. It never changes between versions.
    ///
    /// ```
    /// use realname::ResidentId;
    ///
    /// assert_eq!(ResidentId::parse("").unwrap_err().code(), "empty");
    /// assert_eq!(ResidentId::parse("1101").unwrap_err().code(), "length");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::Empty => "empty",
            Error::Length { .. } => "length",
            Error::Character { .. } => "character",
            Error::InvalidDate => "invalid_date",
            Error::DateTooEarly { .. } => "date_too_early",
            Error::FutureDate { .. } => "future_date",
            Error::Region { .. } => "region",
            Error::Checksum { .. } => "checksum",
            Error::Nationality { .. } => "nationality",
            Error::Brackets => "brackets",
            Error::Prefix { .. } => "prefix",
            Error::Category { .. } => "category",
            Error::OrganizationCodeChecksum { .. } => "organization_code_checksum",
            Error::TooLong { .. } => "too_long",
            Error::NotText => "not_text",
        }
    }

    /// The message in Chinese, fit to show an end user.
    ///
    /// ```
    /// use realname::ResidentId;
    ///
    /// let err = ResidentId::parse("1101011990030700").unwrap_err();
    /// assert_eq!(err.to_string_zh(), "号码应为 18 位，实际为 16 位");
    /// ```
    pub fn to_string_zh(&self) -> String {
        match self {
            Error::Empty => "号码为空".to_owned(),
            Error::Length { expected, found } => {
                format!("号码应为 {} 位，实际为 {found} 位", LengthsZh(expected))
            }
            Error::Character {
                position,
                found,
                expected,
            } => format!(
                "第 {position} 位字符“{}”无效，应为{}",
                found.escape_debug(),
                expected.name_zh()
            ),
            Error::InvalidDate => "出生日期不存在".to_owned(),
            Error::DateTooEarly { earliest } => format!("出生年份早于 {earliest} 年"),
            Error::FutureDate { today } => format!("出生日期晚于当前日期 {today}"),
            Error::Region { code, problem } => {
                format!("地区码 {code:06} {}", problem.to_string_zh())
            }
            Error::Checksum { expected, found } => {
                format!("校验位为 {found}，应为 {expected}")
            }
            Error::Nationality { code } => {
                format!("国籍代码 {code} 不是有效的 ISO 3166-1 国家代码")
            }
            Error::Brackets => "校验位两侧的括号不匹配".to_owned(),
            Error::Prefix { prefix } => format!("号段 {prefix} 未分配"),
            Error::Category { code } => format!("机构类别代码 {} 未分配", Code2(code)),
            Error::OrganizationCodeChecksum { expected, found } => {
                format!("其中的组织机构代码校验位为 {found}，应为 {expected}")
            }
            Error::TooLong { max_bytes } => {
                format!("输入超过 {max_bytes} 字节，比任何号码都长")
            }
            Error::NotText => "值不是文本".to_owned(),
        }
    }
}

/// What a scheme allows at a position, as named in [`Error::Character`].
///
/// ```
/// use realname::CharClass;
///
/// assert_eq!(CharClass::DigitOrX.to_string(), "a digit or X");
/// assert_eq!(CharClass::DigitOrX.name_zh(), "数字或 X");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CharClass {
    /// An ASCII digit `0`–`9`.
    Digit,
    /// A digit, or `X` standing for ten.
    DigitOrX,
    /// A Latin letter `A`–`Z`.
    Letter,
    /// Exactly this character.
    Exactly(char),
    /// One of these characters.
    OneOf(&'static str),
    /// A Latin letter or a digit.
    LetterOrDigit,
    /// A digit, or a letter other than `I` and `O` (which these schemes
    /// leave out because they look like `1` and `0`).
    DigitOrLetterNotIO,
    /// A character of the GB 32100 alphabet: a digit, or a letter other than
    /// `I`, `O`, `Z`, `S` and `V`.
    CreditCodeChar,
}

impl CharClass {
    /// Whether the ASCII byte `b` belongs to the class.
    ///
    /// ```
    /// use realname::CharClass;
    /// assert!(CharClass::DigitOrLetterNotIO.matches(b'A'));
    /// assert!(!CharClass::DigitOrLetterNotIO.matches(b'O'));
    /// assert!(CharClass::OneOf("HM").matches(b'M'));
    /// ```
    #[inline]
    pub fn matches(&self, b: u8) -> bool {
        match self {
            CharClass::Digit => b.is_ascii_digit(),
            CharClass::DigitOrX => b.is_ascii_digit() || b == b'X',
            CharClass::Letter => b.is_ascii_uppercase(),
            CharClass::Exactly(c) => u32::from(b) == u32::from(*c),
            CharClass::OneOf(set) => set.bytes().any(|c| c == b),
            CharClass::LetterOrDigit => b.is_ascii_uppercase() || b.is_ascii_digit(),
            CharClass::DigitOrLetterNotIO => {
                b.is_ascii_digit() || (b.is_ascii_uppercase() && b != b'I' && b != b'O')
            }
            CharClass::CreditCodeChar => crate::checksum::gb32100_value(b).is_some(),
        }
    }

    /// The Chinese name of the class.
    ///
    /// ```
    /// assert_eq!(realname::CharClass::Digit.name_zh(), "数字");
    /// ```
    pub fn name_zh(&self) -> String {
        match self {
            CharClass::Digit => "数字".to_owned(),
            CharClass::DigitOrX => "数字或 X".to_owned(),
            CharClass::Letter => "拉丁字母".to_owned(),
            CharClass::Exactly(c) => format!("“{c}”"),
            CharClass::OneOf(set) => {
                let list: Vec<String> = set.chars().map(|c| format!("“{c}”")).collect();
                format!("{}之一", list.join("、"))
            }
            CharClass::LetterOrDigit => "拉丁字母或数字".to_owned(),
            CharClass::DigitOrLetterNotIO => "数字或 I、O 以外的拉丁字母".to_owned(),
            CharClass::CreditCodeChar => "数字或 I、O、Z、S、V 以外的拉丁字母".to_owned(),
        }
    }
}

impl fmt::Display for CharClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CharClass::Digit => f.write_str("a digit"),
            CharClass::DigitOrX => f.write_str("a digit or X"),
            CharClass::Letter => f.write_str("a letter"),
            CharClass::Exactly(c) => write!(f, "{c:?}"),
            CharClass::OneOf(set) => {
                f.write_str("one of")?;
                for (i, c) in set.chars().enumerate() {
                    let sep = if i == 0 { " " } else { ", " };
                    write!(f, "{sep}{c:?}")?;
                }
                Ok(())
            }
            CharClass::LetterOrDigit => f.write_str("a letter or a digit"),
            CharClass::DigitOrLetterNotIO => f.write_str("a digit or a letter other than I and O"),
            CharClass::CreditCodeChar => {
                f.write_str("a digit or a letter other than I, O, Z, S and V")
            }
        }
    }
}

/// A nationality code that is not in ISO 3166-1, as found in a foreign
/// permanent resident ID.
///
/// ```
/// use realname::{Error, ForeignPermanentResidentId, NationalityCode};
///
/// let err = ForeignPermanentResidentId::parse("KAA110090123100").unwrap_err();
/// assert_eq!(err, Error::Nationality { code: NationalityCode::Alpha3(*b"KAA") });
/// assert_eq!(NationalityCode::Numeric(999).to_string(), "999");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NationalityCode {
    /// A three-digit numeric code (the 2023 card).
    Numeric(u16),
    /// A three-letter code (the 2004 and 2017 cards), upper-case ASCII.
    Alpha3([u8; 3]),
}

impl fmt::Display for NationalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NationalityCode::Numeric(n) => write!(f, "{n:03}"),
            NationalityCode::Alpha3(a) => {
                for &b in a {
                    write!(f, "{}", char::from(b))?;
                }
                Ok(())
            }
        }
    }
}

/// Two ASCII bytes as text.
struct Code2<'a>(&'a [u8; 2]);

impl fmt::Display for Code2<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in self.0 {
            write!(f, "{}", char::from(b).escape_debug())?;
        }
        Ok(())
    }
}

/// Formats a list of allowed lengths: `18`, `15 or 18`, `16 to 19`.
struct Lengths<'a>(&'a [u8]);

impl fmt::Display for Lengths<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_lengths(f, self.0, " or ", " to ")
    }
}

struct LengthsZh<'a>(&'a [u8]);

impl fmt::Display for LengthsZh<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_lengths(f, self.0, " 或 ", " 至 ")
    }
}

fn write_lengths(f: &mut fmt::Formatter<'_>, lengths: &[u8], or: &str, to: &str) -> fmt::Result {
    match lengths {
        [] => Ok(()),
        [one] => write!(f, "{one}"),
        [first, .., last]
            if lengths.len() > 2
                && usize::from(last.saturating_sub(*first)) + 1 == lengths.len() =>
        {
            write!(f, "{first}{to}{last}")
        }
        [init @ .., last] => {
            for (i, n) in init.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{n}")?;
            }
            write!(f, "{or}{last}")
        }
    }
}

#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for Error {
    /// One object: `code`, `message` (English, as `Display`), `message_zh`
    /// (as [`Error::to_string_zh`]) and the variant's fields. Never personal
    /// data: the number, birth dates and names are not in any error.
    ///
    /// ```
    /// use realname::ResidentId;
    ///
    /// let err = ResidentId::parse("110101199003070010").unwrap_err();
    /// assert_eq!(
    ///     serde_json::to_string(&err)?,
    ///     r#"{"code":"checksum","message":"the check character is 0, expected 1","message_zh":"校验位为 0，应为 1","expected":"1","found":"0"}"#
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", &self.to_string())?;
        map.serialize_entry("message_zh", &self.to_string_zh())?;
        match self {
            Error::Empty | Error::InvalidDate | Error::Brackets | Error::NotText => {}
            Error::Length { expected, found } => {
                map.serialize_entry("expected", expected)?;
                map.serialize_entry("found", found)?;
            }
            Error::Character {
                position,
                found,
                expected,
            } => {
                map.serialize_entry("position", position)?;
                map.serialize_entry("found", found)?;
                map.serialize_entry("expected", &expected.to_string())?;
            }
            Error::DateTooEarly { earliest } => map.serialize_entry("earliest", earliest)?,
            Error::FutureDate { today } => map.serialize_entry("today", &today.to_string())?,
            Error::Region { code, problem } => {
                map.serialize_entry("region_code", &format!("{code:06}"))?;
                map.serialize_entry("problem", region_problem_id(*problem))?;
            }
            Error::Checksum { expected, found }
            | Error::OrganizationCodeChecksum { expected, found } => {
                map.serialize_entry("expected", expected)?;
                map.serialize_entry("found", found)?;
            }
            Error::Nationality { code } => {
                map.serialize_entry("nationality_code", &code.to_string())?;
            }
            Error::Category { code } => {
                map.serialize_entry("category", &Code2(code).to_string())?;
            }
            Error::Prefix { prefix } => map.serialize_entry("prefix", prefix)?,
            Error::TooLong { max_bytes } => map.serialize_entry("max_bytes", max_bytes)?,
        }
        map.end()
    }
}

/// The stable identifier of a region problem, as the serialized
/// [`Error::Region`] names it.
#[cfg(feature = "serde")]
fn region_problem_id(problem: RegionProblem) -> &'static str {
    match problem {
        RegionProblem::NotAProvince => "not_a_province",
        RegionProblem::PermitPrefix => "permit_prefix",
        RegionProblem::NeverExisted => "never_existed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_read_naturally() {
        assert_eq!(Lengths(&[18]).to_string(), "18");
        assert_eq!(Lengths(&[15, 18]).to_string(), "15 or 18");
        assert_eq!(Lengths(&[16, 17, 18, 19]).to_string(), "16 to 19");
        assert_eq!(Lengths(&[8, 9, 11]).to_string(), "8, 9 or 11");
        assert_eq!(LengthsZh(&[15, 18]).to_string(), "15 或 18");
    }

    #[test]
    fn errors_are_send_sync_static() {
        fn assert_bounds<T: std::error::Error + Send + Sync + 'static>() {}
        assert_bounds::<Error>();
    }
}
