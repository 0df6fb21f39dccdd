//! The SMS gateway, and the codes the caller draws.

use core::fmt;
use core::future::Future;

use super::TransportError;
use crate::MobileNumber;

/// The most digits of an SMS code.
const MAX_DIGITS: usize = 8;

/// A verification code sent by SMS: 4 to 8 ASCII digits, drawn by the
/// caller (the crate draws nothing). `Debug` hides it; [`as_str`](Self::as_str)
/// gives it to the gateway.
///
/// ```
/// use realname::transport::SmsCode;
/// let code = SmsCode::parse("042917")?;
/// assert_eq!(code.as_str(), "042917");
/// assert_eq!(format!("{code:?}"), "SmsCode(******)");
/// assert!(SmsCode::parse("12a4").is_err());
/// # Ok::<(), realname::transport::SmsCodeError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SmsCode {
    digits: [u8; MAX_DIGITS],
    len: u8,
}

/// Why a string is not an SMS code.
///
/// ```
/// use realname::transport::{SmsCode, SmsCodeError};
/// assert_eq!(SmsCode::parse("123"), Err(SmsCodeError::Length { found: 3 }));
/// assert_eq!(SmsCode::parse("12３4").unwrap_err().code(), "sms_code_character");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum SmsCodeError {
    /// Not 4 to 8 characters.
    #[error(
        "an SMS code has 4 to 8 digits, this has {found} characters (短信验证码应为 4 至 8 位数字)"
    )]
    Length {
        /// The characters found.
        found: usize,
    },
    /// A character that is not an ASCII digit.
    #[error(
        "character {position} of the SMS code is not a digit (短信验证码第 {position} 位不是数字)"
    )]
    Character {
        /// Its position, from 1.
        position: usize,
    },
}

impl SmsCodeError {
    /// A stable identifier.
    ///
    /// ```
    /// use realname::transport::SmsCode;
    /// assert_eq!(SmsCode::parse("").unwrap_err().code(), "sms_code_length");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            SmsCodeError::Length { .. } => "sms_code_length",
            SmsCodeError::Character { .. } => "sms_code_character",
        }
    }
}

impl SmsCode {
    /// The code in `s`: 4 to 8 ASCII digits, surrounding whitespace
    /// trimmed.
    ///
    /// # Errors
    ///
    /// [`SmsCodeError`] naming the length or the first character that is
    /// not a digit.
    ///
    /// ```
    /// use realname::transport::SmsCode;
    /// assert!(SmsCode::parse(" 1234 ").is_ok());
    /// ```
    pub fn parse(s: &str) -> Result<SmsCode, SmsCodeError> {
        let s = s.trim();
        let found = s.chars().count();
        if !(4..=MAX_DIGITS).contains(&found) {
            return Err(SmsCodeError::Length { found });
        }
        let mut digits = [0u8; MAX_DIGITS];
        for (i, (slot, c)) in digits.iter_mut().zip(s.chars()).enumerate() {
            if !c.is_ascii_digit() {
                return Err(SmsCodeError::Character { position: i + 1 });
            }
            *slot = c as u8;
        }
        Ok(SmsCode {
            digits,
            len: found as u8,
        })
    }

    /// A code of `len` digits (4 to 8, clamped) made from a number the
    /// caller drew, as its lowest decimal digits with leading zeros.
    ///
    /// ```
    /// use realname::transport::SmsCode;
    /// assert_eq!(SmsCode::from_number(42, 6).as_str(), "000042");
    /// assert_eq!(SmsCode::from_number(123_456_789, 6).as_str(), "456789");
    /// ```
    #[must_use]
    pub fn from_number(n: u64, len: usize) -> SmsCode {
        let len = len.clamp(4, MAX_DIGITS);
        let mut digits = [0u8; MAX_DIGITS];
        let mut rest = n;
        for slot in digits.iter_mut().take(len).rev() {
            *slot = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        SmsCode {
            digits,
            len: len as u8,
        }
    }

    /// The digits.
    ///
    /// ```
    /// assert_eq!(realname::transport::SmsCode::parse("9876")?.as_str(), "9876");
    /// # Ok::<(), realname::transport::SmsCodeError>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        let digits = self.digits.get(..usize::from(self.len)).unwrap_or(&[]);
        core::str::from_utf8(digits).unwrap_or("")
    }

    /// Whether `entered` is this code (surrounding whitespace ignored),
    /// compared in time independent of where the first difference is.
    ///
    /// ```
    /// let code = realname::transport::SmsCode::parse("042917")?;
    /// assert!(code.matches(" 042917"));
    /// assert!(!code.matches("042918"));
    /// assert!(!code.matches("0429170"));
    /// # Ok::<(), realname::transport::SmsCodeError>(())
    /// ```
    #[must_use]
    pub fn matches(&self, entered: &str) -> bool {
        let entered = entered.trim().as_bytes();
        let mine = self.as_str().as_bytes();
        if entered.len() != mine.len() {
            return false;
        }
        entered
            .iter()
            .zip(mine)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}

impl fmt::Debug for SmsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SmsCode({:*<1$})", "", usize::from(self.len))
    }
}

/// The SMS gateway: sends a code the caller drew to a mobile number.
/// The key makes a retried send the same message (a gateway that
/// deduplicates by it sends once).
///
/// ```
/// use realname::transport::fake::{FakeSms, Script};
/// use realname::transport::{SmsCode, SmsGateway};
/// use realname::MobileNumber;
///
/// let sms = FakeSms::new(Script::pass());
/// let to = MobileNumber::parse("13812345678")?;
/// realname::store::block_on(sms.send("f/1-0", &to, &SmsCode::parse("1234")?))?;
/// assert_eq!(sms.last_code("f/1-0").map(|c| c.as_str().to_owned()).as_deref(), Some("1234"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait SmsGateway: Send + Sync {
    /// Why a message could not be sent.
    type Error: TransportError;

    /// Sends `code` to `to`.
    fn send(
        &self,
        key: &str,
        to: &MobileNumber,
        code: &SmsCode,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send;
}
