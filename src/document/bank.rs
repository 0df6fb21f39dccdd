//! Bank card numbers and mainland mobile numbers.

use std::fmt;

use super::{
    Masked, ParseOptions, copy_padded, match_digits, number, read_compact, simple_document,
    trim_lenient,
};
use crate::checksum::{luhn, luhn_expected};
use crate::error::{CharClass, Error};

/// The card network a [`BankCardNumber`]'s issuer identification number
/// (IIN) belongs to.
///
/// ```
/// use realname::{BankCardNumber, CardNetwork};
/// assert_eq!(BankCardNumber::parse("4111111111111111")?.network(), CardNetwork::Visa);
/// assert_eq!(CardNetwork::UnionPay.name_zh(), "银联");
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CardNetwork {
    /// China UnionPay (银联): IIN 62 and 81.
    UnionPay,
    /// The domestic RMB cards of before UnionPay's own IIN: the `9` range the
    /// People's Bank required from 2000, and the `60` range. They run on the
    /// UnionPay network at home, but the number alone does not prove a
    /// UnionPay card.
    DomesticLegacy,
    /// Visa: 4.
    Visa,
    /// Mastercard: 51–55 and 2221–2720.
    Mastercard,
    /// American Express: 34 and 37.
    AmericanExpress,
    /// JCB: 3528–3589.
    Jcb,
    /// Discover: 6011, 644–649 and 65.
    Discover,
    /// Diners Club: 300–305, 36, 38 and 39.
    DinersClub,
    /// Any other issuer.
    Other,
}

#[cfg(feature = "serde")]
crate::document::de::id_serde!(CardNetwork, "a card network identifier such as `union_pay`", { UnionPay => "union_pay", DomesticLegacy => "domestic_legacy", Visa => "visa", Mastercard => "mastercard", AmericanExpress => "american_express", Jcb => "jcb", Discover => "discover", DinersClub => "diners_club", Other => "other" });

impl CardNetwork {
    /// The Chinese name of the network.
    ///
    /// ```
    /// assert_eq!(realname::CardNetwork::Visa.name_zh(), "维萨");
    /// ```
    pub fn name_zh(&self) -> &'static str {
        match self {
            CardNetwork::UnionPay => "银联",
            CardNetwork::DomesticLegacy => "境内旧卡号段",
            CardNetwork::Visa => "维萨",
            CardNetwork::Mastercard => "万事达",
            CardNetwork::AmericanExpress => "美国运通",
            CardNetwork::Jcb => "JCB",
            CardNetwork::Discover => "发现卡",
            CardNetwork::DinersClub => "大来卡",
            CardNetwork::Other => "其他",
        }
    }

    /// The English name of the network, as `Display` prints it.
    ///
    /// ```
    /// assert_eq!(realname::CardNetwork::UnionPay.name_en(), "UnionPay");
    /// ```
    pub fn name_en(&self) -> &'static str {
        match self {
            CardNetwork::UnionPay => "UnionPay",
            CardNetwork::DomesticLegacy => "domestic legacy range",
            CardNetwork::Visa => "Visa",
            CardNetwork::Mastercard => "Mastercard",
            CardNetwork::AmericanExpress => "American Express",
            CardNetwork::Jcb => "JCB",
            CardNetwork::Discover => "Discover",
            CardNetwork::DinersClub => "Diners Club",
            CardNetwork::Other => "other",
        }
    }
}

impl fmt::Display for CardNetwork {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_en())
    }
}

/// The lengths of card numbers: 14 (Diners Club) and 15 (American Express)
/// for those networks only, 16 to 19 for every network.
const CARD_LENGTHS: &[u8] = &[14, 15, 16, 17, 18, 19];

/// The lengths every network's cards may have.
const CARD_LENGTHS_COMMON: &[u8] = &[16, 17, 18, 19];

simple_document! {
    /// A bank card number: 16 to 19 digits with a Luhn check digit, as
    /// mainland debit (usually 19 digits) and credit (usually 16) cards
    /// carry, or the 15 digits of an American Express card (IIN 34 or 37)
    /// or the 14 of a Diners Club card (IIN 36, 300–305, 38 or 39), which
    /// mainland banks issue too. Spaces and hyphens between groups are
    /// accepted.
    ///
    /// [`network`](Self::network) classifies the issuer by its IIN; Baidu AI
    /// Cloud's bank-card method, for one, takes UnionPay cards only
    /// ([`is_unionpay`](Self::is_unionpay)). A few legacy UnionPay cards
    /// fail the Luhn check; they are rejected.
    ///
    /// ```
    /// use realname::{BankCardNumber, CardNetwork};
    ///
    /// let card = BankCardNumber::parse("6228 4800 1234 5671")?;
    /// assert_eq!(card.as_str(), "6228480012345671");
    /// assert!(card.is_unionpay());
    /// assert_eq!(card.masked().to_string(), "6228 **** **** 5671");
    /// assert!(BankCardNumber::parse("6228480012345670").is_err());
    ///
    /// let amex = BankCardNumber::parse("3755 569179 85515")?;
    /// assert_eq!(amex.network(), CardNetwork::AmericanExpress);
    /// let diners = BankCardNumber::parse("36050234196908")?;
    /// assert_eq!(diners.network(), CardNetwork::DinersClub);
    /// # Ok::<(), realname::Error>(())
    /// ```
    BankCardNumber {
        max: 19,
        sample: "6217000012345678907",
        masked: "6217 **** **** *** 8907",
        masked_by: BankCardNumber::masked_grouped,
        expecting: "a bank card number of 14 to 19 digits",
    }
}

impl BankCardNumber {
    /// Parses a number with the given options. A number of 14 or 15 digits
    /// must have the IIN of the network whose cards have that length
    /// (Diners Club, American Express); any other is refused for its
    /// length.
    ///
    /// ```
    /// use realname::{BankCardNumber, Error};
    /// assert_eq!(
    ///     BankCardNumber::parse("622848001234567"),
    ///     Err(Error::Length { expected: &[16, 17, 18, 19], found: 15 })
    /// );
    /// assert!(BankCardNumber::parse("375556917985515").is_ok());
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
    /// the canonical form (digits only) and valid, read in place. `None`
    /// for anything else, which the general path reads.
    #[inline(always)]
    pub(super) fn from_canonical_input(s: &[u8]) -> Option<Self> {
        let len = s.len();
        let network_fits = match len {
            14 => network_of(number(s.get(..4)?)) == CardNetwork::DinersClub,
            15 => network_of(number(s.get(..4)?)) == CardNetwork::AmericanExpress,
            16..=19 => true,
            _ => false,
        };
        if !network_fits || luhn_expected(s)? != *s.last()? {
            return None;
        }
        Some(Self::from_canonical(copy_padded::<19>(s)?, len))
    }

    /// Every input the fast path of [`parse_with`](Self::parse_with) does
    /// not take.
    #[inline(never)]
    fn parse_general(s: &str, options: ParseOptions) -> Result<Self, Error> {
        let (bytes, len) = read_compact::<19>(s, options.input(), b" -", CARD_LENGTHS, |_| {
            CharClass::Digit
        })?;
        let text = bytes.get(..len).unwrap_or_default();
        let short_network = match len {
            14 => Some(CardNetwork::DinersClub),
            15 => Some(CardNetwork::AmericanExpress),
            _ => None,
        };
        let network_fits = short_network
            .is_none_or(|network| network_of(number(text.get(..4).unwrap_or_default())) == network);
        // Fast path: the digits and the Luhn sum in one pass; the checks
        // below name the problem of any other number.
        let expected = luhn_expected(text);
        if network_fits && expected.is_some() && expected == text.last().copied() {
            return Ok(Self::from_canonical(bytes, len));
        }
        match_digits(text)?;
        if !network_fits {
            return Err(Error::Length {
                expected: CARD_LENGTHS_COMMON,
                found: len,
            });
        }
        if let Some((&check, body)) = text.split_last() {
            // All digits by now: the fused pass's check digit is `luhn`'s.
            let expected = expected.or_else(|| luhn(body)).unwrap_or(b'?');
            if expected != check {
                return Err(Error::Checksum {
                    expected: char::from(expected),
                    found: char::from(check),
                });
            }
        }
        Ok(Self::from_canonical(bytes, len))
    }

    /// The network the issuer identification number belongs to.
    ///
    /// ```
    /// use realname::{BankCardNumber, CardNetwork};
    /// assert_eq!(BankCardNumber::parse("9558801234567890128")?.network(), CardNetwork::DomesticLegacy);
    /// assert_eq!(BankCardNumber::parse("8100000012345676")?.network(), CardNetwork::UnionPay);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn network(&self) -> CardNetwork {
        network_of(number(&self.bytes[..4]))
    }

    /// Whether the card is a UnionPay card by its IIN (62 or 81). Cards
    /// co-branded with Visa or Mastercard (IIN 4 or 5) cannot be told from
    /// the number and answer `false`.
    ///
    /// ```
    /// assert!(!realname::BankCardNumber::parse("4111111111111111")?.is_unionpay());
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn is_unionpay(&self) -> bool {
        self.network() == CardNetwork::UnionPay
    }

    /// The number in groups of four, as printed on cards:
    /// `6228 4800 1234 5671`.
    ///
    /// ```
    /// let card = realname::BankCardNumber::parse("6217000012345678907")?;
    /// assert_eq!(card.grouped().to_string(), "6217 0000 1234 5678 907");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn grouped(&self) -> Grouped<'_> {
        Grouped(self)
    }

    /// The masked form used by `masked()`: the first and last four digits
    /// show, in groups of four.
    fn masked_grouped(card: &BankCardNumber) -> Masked {
        let digits = card.as_str().as_bytes();
        let hidden = digits.len().saturating_sub(8);
        let mut out = [0u8; 24];
        let mut len = 0;
        let mut push = |b: u8| {
            if let Some(slot) = out.get_mut(len) {
                *slot = b;
            }
            len += 1;
        };
        digits.iter().take(4).for_each(|&b| push(b));
        for i in 0..hidden {
            if i % 4 == 0 {
                push(b' ');
            }
            push(b'*');
        }
        push(b' ');
        digits.iter().skip(4 + hidden).for_each(|&b| push(b));
        Masked::new(out.get(..len).unwrap_or_default(), len, 0)
    }
}

/// The network of a card by the first four digits of its IIN.
fn network_of(iin: u32) -> CardNetwork {
    match iin {
        6200..=6299 | 8100..=8199 => CardNetwork::UnionPay,
        9000..=9999 | 6000..=6010 | 6012..=6099 => CardNetwork::DomesticLegacy,
        4000..=4999 => CardNetwork::Visa,
        5100..=5599 | 2221..=2720 => CardNetwork::Mastercard,
        3400..=3499 | 3700..=3799 => CardNetwork::AmericanExpress,
        3528..=3589 => CardNetwork::Jcb,
        6011 | 6440..=6499 | 6500..=6599 => CardNetwork::Discover,
        3000..=3059 | 3600..=3699 | 3800..=3999 => CardNetwork::DinersClub,
        _ => CardNetwork::Other,
    }
}

/// A card number in groups of four; see [`BankCardNumber::grouped`].
///
/// `Display` prints the number in full; `Debug` prints the masked form, as
/// the card's own `Debug` does.
///
/// ```
/// let card = realname::BankCardNumber::parse("6228480012345671")?;
/// assert_eq!(card.grouped().to_string(), "6228 4800 1234 5671");
/// assert_eq!(format!("{:?}", card.grouped()), "Grouped(6228 **** **** 5671)");
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Grouped<'a>(&'a BankCardNumber);

impl fmt::Debug for Grouped<'_> {
    /// The masked form: the first and last four digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Grouped({})", self.0.masked())
    }
}

impl fmt::Display for Grouped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, c) in self.0.as_str().chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                f.write_str(" ")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

/// The carrier a mainland mobile number's prefix was first allocated to.
///
/// Since number portability (携号转网, 2019-12-01) a subscriber can keep the
/// number with another carrier, so this is the original allocation only.
///
/// ```
/// use realname::{Carrier, MobileNumber};
/// assert_eq!(MobileNumber::parse("13812345678")?.carrier(), Carrier::ChinaMobile);
/// assert_eq!(Carrier::ChinaBroadnet.name_zh(), "中国广电");
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Carrier {
    /// 中国移动.
    ChinaMobile,
    /// 中国联通.
    ChinaUnicom,
    /// 中国电信.
    ChinaTelecom,
    /// 中国广电.
    ChinaBroadnet,
    /// Satellite and emergency ranges (1749 Inmarsat, 17406–17412).
    Other,
}

#[cfg(feature = "serde")]
crate::document::de::id_serde!(Carrier, "a carrier identifier such as `china_mobile`", { ChinaMobile => "china_mobile", ChinaUnicom => "china_unicom", ChinaTelecom => "china_telecom", ChinaBroadnet => "china_broadnet", Other => "other" });

impl Carrier {
    /// The Chinese name.
    ///
    /// ```
    /// assert_eq!(realname::Carrier::ChinaTelecom.name_zh(), "中国电信");
    /// ```
    pub fn name_zh(&self) -> &'static str {
        match self {
            Carrier::ChinaMobile => "中国移动",
            Carrier::ChinaUnicom => "中国联通",
            Carrier::ChinaTelecom => "中国电信",
            Carrier::ChinaBroadnet => "中国广电",
            Carrier::Other => "其他",
        }
    }

    /// The English name, as `Display` prints it.
    ///
    /// ```
    /// assert_eq!(realname::Carrier::ChinaUnicom.name_en(), "China Unicom");
    /// ```
    pub fn name_en(&self) -> &'static str {
        match self {
            Carrier::ChinaMobile => "China Mobile",
            Carrier::ChinaUnicom => "China Unicom",
            Carrier::ChinaTelecom => "China Telecom",
            Carrier::ChinaBroadnet => "China Broadnet",
            Carrier::Other => "other",
        }
    }
}

impl fmt::Display for Carrier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_en())
    }
}

/// What the numbering plan says of a four-digit prefix `1abc`: `None` if it
/// is not allocated to 11-digit voice, SMS or data numbers; otherwise the
/// original carrier and whether it is a virtual operator's (MVNO) range.
fn allocation(prefix4: u32) -> Option<(Carrier, bool)> {
    use Carrier::{ChinaBroadnet as B, ChinaMobile as M, ChinaTelecom as T, ChinaUnicom as U};
    let p3 = prefix4 / 10;
    Some(match p3 {
        134 if prefix4 == 1349 => (T, false),
        134..=139
        | 147
        | 150..=152
        | 157..=159
        | 172
        | 178
        | 182..=184
        | 187
        | 188
        | 195
        | 197
        | 198 => (M, false),
        130..=132 | 145 | 155 | 156 | 166 | 175 | 176 | 185 | 186 | 196 => (U, false),
        133 | 149 | 153 | 173 | 177 | 180 | 181 | 189..=191 | 193 | 199 => (T, false),
        192 => (B, false),
        162 => (T, true),
        165 => (M, true),
        167 | 171 => (U, true),
        170 => match prefix4 % 10 {
            0..=2 => (T, true),
            3 | 5 | 6 => (M, true),
            _ => (U, true),
        },
        174 => match prefix4 % 10 {
            0 | 1 | 9 => (Carrier::Other, false),
            _ => return None,
        },
        _ => return None,
    })
}

/// A mainland China mobile number (手机号码): 11 digits in a currently
/// allocated range (13x, 145, 147, 149, 15x but 154, 162, 165–167, 17x as
/// allocated, 18x, 19x but 194), as allocated under MIIT's 2017 numbering
/// plan and its later notices. The 13-digit IoT and M2M ranges are not
/// mobile numbers here.
///
/// Accepted with a `+86` or `0086` prefix, or `86` followed by a space or
/// hyphen, and with spaces or hyphens between groups. `Display` and
/// [`as_str`](Self::as_str) give the national form (`13812345678`),
/// [`international`](Self::international) the `+86` form.
///
/// ```
/// use realname::{Carrier, MobileNumber};
///
/// let m = MobileNumber::parse("+86 192-1234-5678")?;
/// assert_eq!(m.as_str(), "19212345678");
/// assert_eq!(m.international(), "+8619212345678");
/// assert_eq!(m.carrier(), Carrier::ChinaBroadnet);
/// assert_eq!(format!("{m:?}"), "MobileNumber(192****5678)");
/// assert!(MobileNumber::parse("15412345678").is_err());
/// assert!(MobileNumber::parse("8613812345678").is_err());
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MobileNumber {
    /// `+86` and the 11 digits.
    bytes: [u8; 14],
}

/// For a number of the length of a prefixed form (`+86…` 14 characters,
/// `0086…` 15 and `86 …` 13, the last two lenient only) whose prefix did not
/// read: the first character that is not a digit, named against the prefix
/// it stands in. `None` when every character is a digit (then the length is
/// what is wrong).
fn mangled_prefix(s: &str, len: usize, lenient: bool) -> Option<Error> {
    let prefix = match len {
        14 => "+86",
        15 if lenient => "0086",
        13 if lenient => "86",
        _ => return None,
    };
    let mut position = 0;
    for c in s.chars() {
        let c = if lenient {
            super::from_full_width(c)
        } else {
            c
        };
        if lenient && (c == ' ' || c == '-') {
            continue;
        }
        // The prefix is ASCII: its n-th character is its n-th byte.
        let wanted = prefix.as_bytes().get(position).copied().map(char::from);
        position += 1;
        if Some(c) != wanted && !c.is_ascii_digit() {
            let expected = wanted.map_or(CharClass::Digit, CharClass::Exactly);
            return Some(Error::Character {
                position,
                found: c,
                expected,
            });
        }
    }
    None
}

/// The eleven digits of `s` when it holds them, the first a 1, with only
/// ASCII spaces and hyphens besides (which the lenient reading trims or
/// drops); `None` for anything else.
fn spaced_digits(s: &[u8]) -> Option<[u8; 11]> {
    let mut digits = [0u8; 11];
    let mut len = 0;
    for &b in s {
        match b {
            b'0'..=b'9' => {
                *digits.get_mut(len)? = b;
                len += 1;
            }
            b' ' | b'-' => {}
            _ => return None,
        }
    }
    (len == 11 && digits[0] == b'1').then_some(digits)
}

impl MobileNumber {
    /// Parses a number with the default [`ParseOptions`].
    ///
    /// ```
    /// assert!(realname::MobileNumber::parse("008616612345678").is_ok());
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    pub fn parse(s: &str) -> Result<Self, Error> {
        Self::parse_with(s, ParseOptions::new())
    }

    /// Parses a number with the given options. [`InputForm::Exact`]
    /// accepts the national form and the `+86` form only.
    ///
    /// [`InputForm::Exact`]: crate::InputForm::Exact
    ///
    /// ```
    /// use realname::{InputForm, MobileNumber, ParseOptions};
    /// let exact = ParseOptions::new().with_input(InputForm::Exact);
    /// assert!(MobileNumber::parse_with("+8613812345678", exact).is_ok());
    /// assert!(MobileNumber::parse_with("138 1234 5678", exact).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    pub fn parse_with(s: &str, options: ParseOptions) -> Result<Self, Error> {
        // Fast path: the national number as typed, eleven digits with the
        // leading 1 (so no prefix to strip, and nothing to trim or drop).
        if let Ok(digits) = <[u8; 11]>::try_from(s.as_bytes())
            && digits[0] == b'1'
            && digits.iter().all(u8::is_ascii_digit)
        {
            return Self::from_digits(digits);
        }
        super::check_input_len(s)?;
        let lenient = options.input() == crate::InputForm::Lenient;
        // Lenient fast path: ASCII digits with spaces and hyphens, eleven
        // digits from a leading 1 (so no prefix to strip: each begins with
        // something else), read in one pass.
        if lenient && let Some(digits) = spaced_digits(s.as_bytes()) {
            return Self::from_digits(digits);
        }
        let trimmed = if lenient { trim_lenient(s) } else { s };
        let national = trimmed
            .strip_prefix("+86")
            .or_else(|| trimmed.strip_prefix("＋８６"))
            .or_else(|| lenient.then(|| trimmed.strip_prefix("0086")).flatten())
            .or_else(|| {
                lenient
                    .then(|| {
                        trimmed
                            .strip_prefix("86 ")
                            .or_else(|| trimmed.strip_prefix("86-"))
                    })
                    .flatten()
            })
            .unwrap_or(trimmed);
        let (digits, len) = read_compact::<11>(national, options.input(), b" -", &[11], |_| {
            CharClass::Digit
        })
        .map_err(|e| match e {
            Error::Length { found, .. } if national.len() == trimmed.len() => {
                mangled_prefix(trimmed, found, lenient).unwrap_or(e)
            }
            e => e,
        })?;
        match_digits(digits.get(..len).unwrap_or_default())?;
        Self::from_digits(digits)
    }

    /// Checks the eleven digits of a national number: the leading 1 and an
    /// allocated prefix.
    fn from_digits(digits: [u8; 11]) -> Result<Self, Error> {
        if digits[0] != b'1' {
            return Err(Error::Character {
                position: 1,
                found: char::from(digits[0]),
                expected: CharClass::Exactly('1'),
            });
        }
        let prefix4 = number(&digits[..4]);
        let prefix5 = number(&digits[..5]);
        let allocated = match allocation(prefix4) {
            // 1740x: 17400–17405 satellite, 17406–17409 emergency; 1741x:
            // only 17410–17412 (emergency).
            Some(_) if prefix4 == 1741 => prefix5 <= 17412,
            other => other.is_some(),
        };
        if !allocated {
            let prefix = if prefix4 / 10 == 174 {
                prefix4
            } else {
                prefix4 / 10
            };
            return Err(Error::Prefix { prefix });
        }
        let mut bytes = *b"+86___________";
        bytes[3..].copy_from_slice(&digits);
        Ok(MobileNumber { bytes })
    }

    /// The national form: 11 digits.
    ///
    /// ```
    /// assert_eq!(realname::MobileNumber::parse("+8613812345678")?.as_str(), "13812345678");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        super::ascii_str(&self.bytes[3..])
    }

    /// The international form (E.164): `+86` and 11 digits.
    ///
    /// ```
    /// assert_eq!(realname::MobileNumber::parse("13812345678")?.international(), "+8613812345678");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn international(&self) -> &str {
        super::ascii_str(&self.bytes)
    }

    /// The masked form `138****5678`: the prefix and the last four digits.
    ///
    /// ```
    /// assert_eq!(realname::MobileNumber::parse("13812345678")?.masked().as_str(), "138****5678");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn masked(&self) -> Masked {
        Masked::new(self.as_str().as_bytes(), 3, 4)
    }

    /// The carrier the prefix was originally allocated to (numbers can move
    /// between carriers since 2019).
    ///
    /// ```
    /// use realname::{Carrier, MobileNumber};
    /// assert_eq!(MobileNumber::parse("17012345678")?.carrier(), Carrier::ChinaTelecom);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn carrier(&self) -> Carrier {
        allocation(number(&self.bytes[3..7])).map_or(Carrier::Other, |(c, _)| c)
    }

    /// Whether the prefix belongs to a virtual operator's (MVNO) range
    /// (162, 165, 167, 170, 171).
    ///
    /// ```
    /// assert!(realname::MobileNumber::parse("17112345678")?.is_virtual_operator());
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn is_virtual_operator(&self) -> bool {
        allocation(number(&self.bytes[3..7])).is_some_and(|(_, mvno)| mvno)
    }

    /// Whether the prefix is a data-only range (上网卡: 145, 147, 149),
    /// which cannot receive SMS verification codes on every network.
    ///
    /// ```
    /// assert!(realname::MobileNumber::parse("14512345678")?.is_data_only());
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn is_data_only(&self) -> bool {
        matches!(number(&self.bytes[3..6]), 145 | 147 | 149)
    }
}

super::document_traits!(MobileNumber, "a mainland mobile number");

#[cfg(test)]
mod fast_path_tests {
    use super::*;
    use crate::document::fast_path_check::fast_path_agrees;

    fast_path_agrees!(
        bank_card_number_fast_path_agrees,
        BankCardNumber,
        [
            "6217000012345678907",
            "4111111111111111",
            "375556917985515",
            "8100000012345676",
        ]
    );
}
