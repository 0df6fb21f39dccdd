//! Validated identity documents: one type per number scheme.
//!
//! Every type follows the same conventions:
//!
//! - `parse(&str)`, [`FromStr`](std::str::FromStr) and `TryFrom<&str>` are the
//!   only ways in, so a value of the type is always valid;
//!   `parse_with(&str, ParseOptions)` takes the stricter options;
//! - [`Display`](std::fmt::Display) and `as_str()` give the canonical form;
//! - `Debug` and `masked()` show the number with its middle hidden;
//! - the value is stored inline (`Copy`, no heap), and parsing allocates
//!   nothing;
//! - with the `serde` feature the value serializes as its canonical string
//!   and deserializes through `parse`.
//!
//! # serde
//!
//! With the `serde` feature, no message of the crate's `Deserialize`
//! implementations holds the input: a number that does not parse gives its
//! [`Error`]'s message, a value of the wrong kind is named by its kind only
//! (``invalid type: an integer, expected an 18-character resident identity
//! number``), an unknown identifier or field is not quoted, and
//! [`Document`], [`Individual`](crate::subject::Individual) and
//! [`Organization`](crate::subject::Organization) refuse unknown fields.
//! Input longer than [`MAX_INPUT_BYTES`] is not copied.
//!
//! To keep the typed [`Error`] (its [`code`](Error::code) and Chinese text)
//! through deserialization, declare form fields as [`Field<T>`](Field): the
//! form always deserializes and each field holds its `Result`. For logs,
//! [`masked`] serializes documents in their masked form.
//!
//! **Caveat:** a format's own messages are its own. The `toml` crate, for
//! one, quotes the source line of an error (``1 | id = "1101…"``) around
//! the crate's message, so the number reaches the message anyway; do not
//! log a `toml` error about personal data, or deserialize such input as
//! [`Field`]s. `serde_json` adds only a line and column.
//!
//! Input is read leniently, content strictly: surrounding whitespace is
//! trimmed and full-width ASCII (`１１０１…`, as Chinese input methods type
//! it) reads as ASCII; a wrong character anywhere is an error. With
//! [`InputForm::Exact`] only the canonical form is accepted.

use std::fmt;

mod any;
mod bank;
pub(crate) mod country;
#[cfg(feature = "serde")]
pub(crate) mod de;
#[cfg(feature = "serde")]
mod field;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub mod masked;
#[rustfmt::skip]
mod country_table;
mod detected;
mod foreign;
mod foreign_docs;
mod hkmotw;
mod key;
mod legacy;
mod orgdocs;
mod permits;
mod resident;

pub use any::{Document, DocumentKind, SubjectKind, UnknownKind, detect};
pub use bank::{BankCardNumber, CardNetwork, Carrier, Grouped, MobileNumber};
pub use country::Country;
pub use detected::DetectedKinds;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub use field::{Field, FieldError};
pub use foreign::{ForeignPermanentResidentId, FprGeneration};
pub use foreign_docs::{ForeignDrivingLicence, ForeignPassport};
pub use hkmotw::{HongKongId, MacaoId, TaiwanId, TaiwanIdFormat};
pub use key::{DocumentKey, KeyScheme};
pub use legacy::LegacyResidentId;
pub use orgdocs::{BusinessRegistrationNumber, OrganizationCode, RegisteredEntity, Uscc};
pub use permits::{
    ChinesePassport, ExitEntryPermit, HkMacaoTravelPermit, PassportSeries, SpecialRegion,
    TaiwanTravelPermit,
};
pub use resident::{Holder, ResidentId};

use crate::error::{CharClass, Error};
use crate::region::RegionCheck;

/// How strictly a number is parsed: a builder of plain options.
///
/// The defaults ([`ParseOptions::new`]) are what most callers want: lenient
/// input ([`InputForm::Lenient`]) and the province-level region check
/// ([`RegionCheck::Province`]).
///
/// ```
/// use realname::{InputForm, ParseOptions, RegionCheck, ResidentId};
///
/// let strict = ParseOptions::new()
///     .with_region_check(RegionCheck::Historical)
///     .with_input(InputForm::Exact);
/// assert!(ResidentId::parse_with("11010519491231002X", strict).is_ok());
/// assert!(ResidentId::parse_with("11010519491231002x", strict).is_err());
/// assert!(ResidentId::parse("11010519491231002x").is_ok());
/// ```
///
/// With the `serde` feature the options read from and write to a map of
/// `region_check`, `input` and `uscc_check`, each optional (defaulting as
/// [`ParseOptions::new`]); unknown fields are refused.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use realname::{ParseOptions, RegionCheck};
/// let o: ParseOptions = serde_json::from_str(r#"{"region_check": "historical"}"#).unwrap();
/// assert_eq!(o, ParseOptions::new().with_region_check(RegionCheck::Historical));
/// assert_eq!(
///     serde_json::to_string(&ParseOptions::new()).unwrap(),
///     r#"{"region_check":"province","input":"lenient","uscc_check":"standard"}"#
/// );
/// assert!(serde_json::from_str::<ParseOptions>(r#"{"strict": true}"#).is_err());
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct ParseOptions {
    #[cfg_attr(feature = "serde", serde(rename = "region_check"))]
    region: RegionCheck,
    input: InputForm,
    #[cfg_attr(feature = "serde", serde(rename = "uscc_check"))]
    uscc: UsccCheck,
}

impl ParseOptions {
    /// The default options: lenient input, province-level region check.
    ///
    /// ```
    /// assert_eq!(realname::ParseOptions::new(), realname::ParseOptions::default());
    /// ```
    pub const fn new() -> Self {
        ParseOptions {
            region: RegionCheck::Province,
            input: InputForm::Lenient,
            uscc: UsccCheck::Standard,
        }
    }

    /// Sets how strictly region codes are checked.
    ///
    /// ```
    /// use realname::{ParseOptions, RegionCheck};
    /// let o = ParseOptions::new().with_region_check(RegionCheck::Historical);
    /// assert_eq!(o.region_check(), RegionCheck::Historical);
    /// ```
    #[must_use]
    pub const fn with_region_check(mut self, check: RegionCheck) -> Self {
        self.region = check;
        self
    }

    /// Sets which input forms are accepted.
    ///
    /// ```
    /// use realname::{InputForm, ParseOptions};
    /// let o = ParseOptions::new().with_input(InputForm::Exact);
    /// assert_eq!(o.input(), InputForm::Exact);
    /// ```
    #[must_use]
    pub const fn with_input(mut self, form: InputForm) -> Self {
        self.input = form;
        self
    }

    /// Sets how strictly unified social credit codes are checked.
    ///
    /// ```
    /// use realname::{ParseOptions, Uscc, UsccCheck};
    /// let strict = ParseOptions::new().with_uscc_check(UsccCheck::Strict);
    /// assert!(Uscc::parse("91350100M000100Y56").is_ok());
    /// assert!(Uscc::parse_with("91350100M000100Y56", strict).is_err());
    /// ```
    #[must_use]
    pub const fn with_uscc_check(mut self, check: UsccCheck) -> Self {
        self.uscc = check;
        self
    }

    /// The credit-code check these options ask for.
    ///
    /// ```
    /// use realname::{ParseOptions, UsccCheck};
    /// assert_eq!(ParseOptions::new().uscc_check(), UsccCheck::Standard);
    /// ```
    pub const fn uscc_check(&self) -> UsccCheck {
        self.uscc
    }

    /// The region check these options ask for.
    ///
    /// ```
    /// use realname::{ParseOptions, RegionCheck};
    /// assert_eq!(ParseOptions::new().region_check(), RegionCheck::Province);
    /// ```
    pub const fn region_check(&self) -> RegionCheck {
        self.region
    }

    /// The input form these options accept.
    ///
    /// ```
    /// use realname::{InputForm, ParseOptions};
    /// assert_eq!(ParseOptions::new().input(), InputForm::Lenient);
    /// ```
    pub const fn input(&self) -> InputForm {
        self.input
    }
}

/// How strictly a unified social credit code ([`Uscc`]) is checked: the
/// checks of GB 32100-2015 (§4 the structure, §5 and Annex A the alphabet
/// and the mod-31 check character), then the category tables, then the
/// embedded GB 11714-1997 organisation code. The region code inside follows
/// [`RegionCheck`].
///
/// ```
/// use realname::{ParseOptions, Uscc, UsccCheck};
///
/// // 9A is not an allocated category: kept as unknown by default.
/// assert!(Uscc::parse("9A350100M000100Y47").is_ok());
/// let known = ParseOptions::new().with_uscc_check(UsccCheck::KnownCategory);
/// assert!(Uscc::parse_with("9A350100M000100Y47", known).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum UsccCheck {
    /// The alphabet, digits in the region code, the mod-31 check character.
    /// A category the tables do not know is kept as unknown. The default.
    #[default]
    Standard,
    /// As `Standard`, and the category must be in the tables (the standard's
    /// list or the later additions implementations report).
    KnownCategory,
    /// As `KnownCategory`, and the organisation code inside (characters
    /// 9–17) must pass its own GB 11714 check. It held for every real code
    /// the research tested, but was not verified for individual businesses
    /// (`92…`): use with care.
    Strict,
}

#[cfg(feature = "serde")]
crate::document::de::id_serde!(UsccCheck, "a credit-code check: `standard`, `known_category` or `strict`", { Standard => "standard", KnownCategory => "known_category", Strict => "strict" });

/// Which spellings of a number are accepted.
///
/// ```
/// use realname::{InputForm, ParseOptions, ResidentId};
///
/// let typed = " １１０１０５１９４９１２３１００２ｘ ";
/// assert_eq!(ResidentId::parse(typed).unwrap().as_str(), "11010519491231002X");
/// let exact = ParseOptions::new().with_input(InputForm::Exact);
/// assert!(ResidentId::parse_with(typed, exact).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum InputForm {
    /// Trim surrounding whitespace, read full-width ASCII (U+FF01–U+FF5E) as
    /// ASCII, and accept the lower-case letters the scheme defines in upper
    /// case (such as the `x` of a resident ID). The default.
    #[default]
    Lenient,
    /// Accept only the canonical form, byte for byte.
    Exact,
}

#[cfg(feature = "serde")]
crate::document::de::id_serde!(InputForm, "an input form: `lenient` or `exact`", { Lenient => "lenient", Exact => "exact" });

/// A person's gender as encoded in an identity number.
///
/// ```
/// use realname::{Gender, ResidentId};
///
/// let id = ResidentId::parse("11010519491231002X")?;
/// assert_eq!(id.gender(), Gender::Female);
/// assert_eq!(Gender::Female.name_zh(), "女");
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Gender {
    /// Male: an odd gender digit.
    Male,
    /// Female: an even gender digit.
    Female,
}

#[cfg(feature = "serde")]
crate::document::de::id_serde!(Gender, "a gender: `male` or `female`", { Male => "male", Female => "female" });

impl Gender {
    /// The gender an odd (male) or even (female) ASCII digit encodes.
    pub(crate) fn from_digit(b: u8) -> Gender {
        if b % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    }

    /// The Chinese name: 男 or 女.
    ///
    /// ```
    /// assert_eq!(realname::Gender::Male.name_zh(), "男");
    /// ```
    pub fn name_zh(&self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }

    /// The English name: `male` or `female`, as `Display` prints it.
    ///
    /// ```
    /// assert_eq!(realname::Gender::Male.name_en(), "male");
    /// ```
    pub fn name_en(&self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }
}

impl fmt::Display for Gender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_en())
    }
}

/// The masked form of a number, with its middle hidden by `*`: what logs and
/// screens should show. Returned by the documents' `masked()`; their `Debug`
/// prints it too.
///
/// It holds its own copy of the visible characters, so it can outlive the
/// document; it never allocates.
///
/// ```
/// use realname::ResidentId;
///
/// let id = ResidentId::parse("11010519491231002X")?;
/// assert_eq!(id.masked().to_string(), "110105********002X");
/// assert_eq!(id.masked().as_str(), "110105********002X");
/// assert_eq!(format!("{id:?}"), "ResidentId(110105********002X)");
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Masked {
    buf: [u8; Masked::CAPACITY],
    len: u8,
}

impl Masked {
    const CAPACITY: usize = 32;

    /// Masks `s` (ASCII) keeping `head` characters at the front and `tail`
    /// at the back.
    pub(crate) fn new(s: &[u8], head: usize, tail: usize) -> Masked {
        let mut buf = [b'*'; Masked::CAPACITY];
        let len = s.len().min(Masked::CAPACITY);
        let keep_tail_from = len.saturating_sub(tail);
        for (i, (slot, &b)) in buf.iter_mut().zip(s).enumerate() {
            if i < head || i >= keep_tail_from {
                *slot = b;
            }
        }
        Masked {
            buf,
            len: len as u8,
        }
    }

    /// The masked text.
    ///
    /// ```
    /// let id = realname::LegacyResidentId::parse("110101900307001")?;
    /// assert_eq!(id.masked().as_str(), "110101******001");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        let bytes = self.buf.get(..usize::from(self.len)).unwrap_or_default();
        std::str::from_utf8(bytes).unwrap_or_default()
    }
}

impl fmt::Display for Masked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl AsRef<str> for Masked {
    /// The masked text, as [`as_str`](Masked::as_str).
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for Masked {
    /// The masked text, as a string.
    ///
    /// ```
    /// let id = realname::ResidentId::parse("11010519491231002X")?;
    /// assert_eq!(serde_json::to_string(&id.masked()).unwrap(), r#""110105********002X""#);
    /// # Ok::<(), realname::Error>(())
    /// ```
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Debug for Masked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Masked({})", self.as_str())
    }
}

/// The most bytes of input any document parser reads: longer input fails
/// at once with [`Error::TooLong`], before it is trimmed or scanned, so
/// parsing takes the same short time whatever the input's size.
///
/// The longest canonical number has 24 characters (a foreign passport's
/// `CCC:` and 20 letters and digits). Typed in full-width forms (three
/// bytes each in UTF-8, four at most for any character) with separators
/// and surrounding whitespace it stays far below this bound.
///
/// ```
/// use realname::document::MAX_INPUT_BYTES;
/// use realname::{Error, ResidentId};
///
/// let long = " ".repeat(MAX_INPUT_BYTES + 1);
/// assert_eq!(ResidentId::parse(&long), Err(Error::TooLong { max_bytes: MAX_INPUT_BYTES }));
/// assert_eq!(ResidentId::parse(&" ".repeat(MAX_INPUT_BYTES)), Err(Error::Empty));
/// ```
pub const MAX_INPUT_BYTES: usize = 256;

/// `Err(TooLong)` if `s` is longer than [`MAX_INPUT_BYTES`]: the first
/// check of every parser, in constant time.
#[inline]
pub(crate) fn check_input_len(s: &str) -> Result<(), Error> {
    if s.len() > MAX_INPUT_BYTES {
        Err(Error::TooLong {
            max_bytes: MAX_INPUT_BYTES,
        })
    } else {
        Ok(())
    }
}

/// The canonical text of a fixed-size ASCII buffer.
pub(crate) fn ascii_str(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// Whether `b` is printable ASCII other than a space: a number that begins
/// and ends with such bytes has nothing to trim.
#[inline]
pub(crate) fn is_plain(b: u8) -> bool {
    b > b' ' && b < 0x7f
}

/// Reads `s` into exactly `N` ASCII bytes; see [`read_var`].
#[inline]
pub(crate) fn read_fixed<const N: usize>(
    s: &str,
    form: InputForm,
    expected: &'static [u8],
    class_at: impl Fn(usize, usize) -> CharClass,
) -> Result<[u8; N], Error> {
    read_var::<N>(s, form, expected, class_at).map(|(bytes, _)| bytes)
}

/// Reads `s` into at most `N` ASCII bytes, returning them and their count.
///
/// Trims surrounding whitespace and maps full-width ASCII to ASCII when
/// `form` is lenient. Fails with [`Error::Empty`], [`Error::Length`] (in
/// characters) when the count is not one of `expected` (each at most `N`),
/// or, for a character that is not ASCII after mapping, [`Error::Character`]
/// with the class `class_at(position, length)` expects there. Case and the
/// scheme's alphabet are left to the caller.
#[inline]
pub(crate) fn read_var<const N: usize>(
    s: &str,
    form: InputForm,
    expected: &'static [u8],
    class_at: impl Fn(usize, usize) -> CharClass,
) -> Result<([u8; N], usize), Error> {
    // Fastest path: exactly N bytes, the first and last ASCII and not
    // whitespace (so trimming would change nothing), all ASCII.
    if let Ok(bytes) = <[u8; N]>::try_from(s.as_bytes()) {
        let plain = |b: Option<&u8>| b.is_some_and(|&b| is_plain(b));
        if plain(bytes.first()) && plain(bytes.last()) && bytes.is_ascii() {
            return Ok((bytes, N));
        }
    }
    check_input_len(s)?;
    // Full-width input: read byte by byte when every character reads as
    // ASCII; the general path below gives the same answer for the rest
    // and names what does not fit.
    let s = match form {
        InputForm::Lenient => trim_lenient(s),
        InputForm::Exact => s,
    };
    if s.is_empty() {
        return Err(Error::Empty);
    }
    if form == InputForm::Lenient
        && !s.is_ascii()
        && let Some((out, len)) = read_lenient_bytes::<N>(s, &[], false)
    {
        return if len <= N && expected.iter().any(|&e| usize::from(e) == len) {
            Ok((out, len))
        } else {
            Err(Error::Length {
                expected,
                found: len,
            })
        };
    }
    let allowed = |len: usize| len <= N && expected.iter().any(|&e| usize::from(e) == len);
    let mut out = [0u8; N];
    // Fast path: plain ASCII of an allowed length.
    if s.is_ascii() {
        let len = s.len();
        match out.get_mut(..len) {
            Some(head) if allowed(len) => head.copy_from_slice(s.as_bytes()),
            _ => {
                return Err(Error::Length {
                    expected,
                    found: len,
                });
            }
        }
        return Ok((out, len));
    }
    let len = s.chars().count();
    if !allowed(len) {
        return Err(Error::Length {
            expected,
            found: len,
        });
    }
    for (i, (slot, c)) in out.iter_mut().zip(s.chars()).enumerate() {
        let mapped = match form {
            InputForm::Lenient => from_full_width(c),
            InputForm::Exact => c,
        };
        if !mapped.is_ascii() {
            return Err(Error::Character {
                position: i + 1,
                found: c,
                expected: class_at(i + 1, len),
            });
        }
        *slot = mapped as u8;
    }
    Ok((out, len))
}

/// Trims what `str::trim` trims, byte by byte for the usual edges: ASCII
/// whitespace and the ideographic space U+3000 (`E3 80 80`, as Chinese
/// input methods type it). Any other non-ASCII character at an edge, save
/// those led by `EF` (the full-width block, none of them whitespace), is
/// left to `str::trim` itself, so the answer is always the same.
#[inline]
pub(crate) fn trim_lenient(s: &str) -> &str {
    let mut b = s.as_bytes();
    // Nothing to trim: the usual case, in two comparisons.
    if let (Some(&first), Some(&last)) = (b.first(), b.last())
        && is_plain(first)
        && is_plain(last)
    {
        return s;
    }
    loop {
        match b {
            [b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r', rest @ ..]
            | [0xE3, 0x80, 0x80, rest @ ..] => {
                b = rest;
            }
            [0x00..=0x7F | 0xEF, ..] | [] => break,
            _ => return s.trim(),
        }
    }
    let start = s.len() - b.len();
    loop {
        match b {
            [rest @ .., b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r']
            | [rest @ .., 0xE3, 0x80, 0x80] => {
                b = rest;
            }
            // The last character is ASCII, or three bytes led by `EF`
            // (UTF-8 is valid, so `EF` there can only lead).
            [.., 0x00..=0x7F] | [.., 0xEF, _, _] | [] => break,
            _ => return s.trim(),
        }
    }
    // Only whole characters were dropped, so both ends are boundaries.
    s.get(start..start + b.len()).unwrap_or_else(|| s.trim())
}

/// The ASCII character the full-width character `[lead, mid, last]` (in
/// UTF-8) stands for, if it is one of U+FF01–U+FF5E.
///
/// U+FF01–U+FF3F are `EF BC 81`–`EF BC BF` and U+FF40–U+FF5E are
/// `EF BD 80`–`EF BD 9E`: the last byte less 0x60 after `BC`, less 0x20
/// after `BD`, lands on ASCII 0x21–0x7E exactly for the block.
#[inline]
fn full_width_byte(lead: u8, mid: u8, last: u8) -> Option<u8> {
    let b = last.wrapping_add((mid & 1) << 6).wrapping_sub(0x60);
    (lead == 0xEF && mid & 0xFE == 0xBC && (0x21..=0x7E).contains(&b)).then_some(b)
}

/// A byte's worth of ones in each lane of a word.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each lane of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether any lane of `w` holds `b`.
#[inline]
fn has_byte(w: u64, b: u8) -> bool {
    let x = w ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & HIGH != 0
}

/// `w` with the ASCII lower-case letters of its lanes upper-cased (every
/// lane ASCII): bit 7 is set from `a` on and from past `z` on, and bit 5
/// flipped between.
#[inline]
fn ascii_upper(w: u64) -> u64 {
    let from_a = w.wrapping_add(ONES * (0x80 - u64::from(b'a')));
    let past_z = w.wrapping_add(ONES * (0x80 - u64::from(b'z') - 1));
    w ^ ((from_a & !past_z & HIGH) >> 2)
}

/// The eight ASCII characters (little-endian lanes of a word) that eight
/// full-width ones in UTF-8 (24 bytes) stand for, or `None` if one is not
/// full-width ASCII: [`full_width_byte`] for all eight at once.
#[inline]
fn full_width_block(c: &[u8; 24]) -> Option<u64> {
    let word = |i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(c.get(8 * i..8 * i + 8).unwrap_or(&[0; 8]));
        u64::from_le_bytes(w)
    };
    let words = [word(0), word(1), word(2)];
    // Each character is `EF`, then `BC` or `BD`, then the byte that
    // varies: lead and middle bytes checked for all eight in three steps
    // (`FF` keeps a lead byte, `FE` a middle one without its last bit).
    const MASK: [u64; 3] = [
        0xFEFF_00FE_FF00_FEFF,
        0xFF00_FEFF_00FE_FF00,
        0x00FE_FF00_FEFF_00FE,
    ];
    const LEADS: [u64; 3] = [
        0xBCEF_00BC_EF00_BCEF,
        0xEF00_BCEF_00BC_EF00,
        0x00BC_EF00_BCEF_00BC,
    ];
    let mut odd = 0u64;
    for ((w, mask), leads) in words.iter().zip(MASK).zip(LEADS) {
        odd |= (w & mask) ^ leads;
    }
    if odd != 0 {
        return None;
    }
    let [w0, w1, w2] = words;
    // Add 0x40 to each last byte after a `BD` (its middle byte's bit 0
    // moved up to bit 6 of the next lane; the middle byte in the top lane
    // of the first word goes to the bottom lane of the second), staying
    // within the lane (the last byte is 0x80–0xBF).
    const MIDS: [u64; 3] = [
        0x0100_0001_0000_0100,
        0x0000_0100_0001_0000,
        0x0001_0000_0100_0001,
    ];
    let a0 = w0 + ((w0 & MIDS[0]) << 14);
    let a1 = w1 + ((w1 & MIDS[1]) << 14) + (((w0 >> 56) & 1) << 6);
    let a2 = w2 + ((w2 & MIDS[2]) << 14);
    // Gather the last bytes: lanes 2 and 5 of the first word, 0, 3 and 6
    // of the second, 1, 4 and 7 of the third, in order.
    let lane = |i: u32| 0xFFu64 << (8 * i);
    let packed = ((a0 >> 16) & lane(0))
        | ((a0 >> 32) & lane(1))
        | ((a1 << 16) & lane(2))
        | (a1 & lane(3))
        | ((a1 >> 16) & lane(4))
        | ((a2 << 32) & lane(5))
        | ((a2 << 16) & lane(6))
        | (a2 & lane(7));
    // Less 0x60 in each lane (each at least 0x80, so nothing borrows).
    let out = packed - ONES * 0x60;
    // Every lane from 0x21 (adding 0x5F sets its bit 7) to 0x7E (adding 1
    // does not).
    let low_ok = out.wrapping_add(ONES * 0x5F) & HIGH == HIGH;
    let high_ok = out.wrapping_add(ONES) & HIGH == 0;
    (low_ok && high_ok).then_some(out)
}

/// The lenient reading of trimmed `s` byte by byte, with no `char`
/// decoding: full-width ASCII (U+FF01–U+FF5E) read as ASCII, the bytes in
/// `separators` dropped, and letters upper-cased when `upper`. Returns the
/// bytes kept (the first `N`) and their count, or `None` when a character
/// reads as no ASCII: the general path then gives the same answer and
/// names it.
#[inline]
fn read_lenient_bytes<const N: usize>(
    s: &str,
    separators: &[u8],
    upper: bool,
) -> Option<([u8; N], usize)> {
    let bytes = s.as_bytes();
    let mut out = [0u8; N];
    // Typed all in full-width forms (the usual way): three bytes a
    // character, eight characters at a time, then one at a time.
    let count = bytes.len() / 3;
    if bytes.len().is_multiple_of(3) && count <= N {
        let (one, two) = match *separators {
            [] => (0xFF, 0xFF),
            [one] => (one, 0xFF),
            [one, two, ..] => (one, two),
        };
        let mut done = 0usize;
        for (block, slots) in bytes.chunks_exact(24).zip(out.chunks_exact_mut(8)) {
            let Some(mut w) = <&[u8; 24]>::try_from(block).ok().and_then(full_width_block) else {
                break;
            };
            // Separators are dropped, so left to the loop below; a third
            // one is looked for there too.
            if !separators.is_empty()
                && (has_byte(w, one) || has_byte(w, two) || separators.len() > 2)
            {
                break;
            }
            if upper {
                w = ascii_upper(w);
            }
            slots.copy_from_slice(&w.to_le_bytes());
            done += 8;
        }
        // The rest (fewer than eight when the blocks all read) gathered in
        // a word and stored at once: the caller's loads of the buffer then
        // meet one store each, not one store a byte.
        let start = done;
        let mut tail = 0u64;
        for (k, c) in bytes
            .get(3 * done..)
            .unwrap_or_default()
            .chunks_exact(3)
            .take(8)
            .enumerate()
        {
            let &[lead, mid, last] = c else { break };
            let Some(mut b) = full_width_byte(lead, mid, last) else {
                break;
            };
            if !b.is_ascii_digit() {
                if separators.contains(&b) {
                    break;
                }
                if upper {
                    b.make_ascii_uppercase();
                }
            }
            tail |= u64::from(b) << (8 * k);
            done += 1;
        }
        if done == count {
            store_low_bytes(out.get_mut(start..count).unwrap_or_default(), tail);
            return Some((out, count));
        }
    }
    // Mixed input, or separators to drop: character by character, each
    // eight kept gathered in a word and stored at once (the caller's loads
    // of the buffer then meet one store each, not one store a byte).
    let mut rest = bytes;
    let mut len = 0usize;
    let mut ended = false;
    for chunk in out.chunks_mut(8) {
        let mut word = 0u64;
        let mut k = 0usize;
        while k < chunk.len() {
            let b = loop {
                let (mut b, tail) = match rest {
                    [b @ 0x00..=0x7F, tail @ ..] => (*b, tail),
                    [lead, mid, last, tail @ ..] => (full_width_byte(*lead, *mid, *last)?, tail),
                    [] => {
                        ended = true;
                        break 0;
                    }
                    _ => return None,
                };
                rest = tail;
                if b.is_ascii_digit() {
                    break b;
                }
                if !separators.contains(&b) {
                    if upper {
                        b.make_ascii_uppercase();
                    }
                    break b;
                }
            };
            if ended {
                break;
            }
            word |= u64::from(b) << (8 * k);
            k += 1;
        }
        len += k;
        store_low_bytes(chunk.get_mut(..k).unwrap_or_default(), word);
        if ended {
            return Some((out, len));
        }
    }
    // `N` kept: count the rest, for the length error.
    let mut len = N;
    loop {
        let (b, tail) = match rest {
            [b @ 0x00..=0x7F, tail @ ..] => (*b, tail),
            [lead, mid, last, tail @ ..] => (full_width_byte(*lead, *mid, *last)?, tail),
            [] => return Some((out, len)),
            _ => return None,
        };
        rest = tail;
        if b.is_ascii_digit() || !separators.contains(&b) {
            len += 1;
        }
    }
}

/// Stores the low bytes of `word` into `dst` (at most eight), by copies of
/// a length known at compile time: a `memcpy` of run-time length stores
/// byte by byte, and wider loads of them later stall.
#[inline(always)]
fn store_low_bytes(dst: &mut [u8], word: u64) {
    let w = word.to_le_bytes();
    macro_rules! fixed {
        ($($n:literal)+) => {
            match dst.len() {
                $($n => {
                    if let (Some(d), Some(s)) = (dst.get_mut(..$n), w.get(..$n)) {
                        d.copy_from_slice(s);
                    }
                })+
                _ => {}
            }
        };
    }
    fixed!(1 2 3 4 5 6 7 8);
}

/// The ASCII character a full-width one (U+FF01–U+FF5E, as Chinese input
/// methods type them) stands for; any other character unchanged.
pub(crate) fn from_full_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// The class `read_compact` reports for a character at `position` of a
/// number that begins with `first` and continues with digits.
pub(crate) fn first_then_digits(first: CharClass) -> impl Fn(usize) -> CharClass {
    move |position| {
        if position == 1 {
            first
        } else {
            CharClass::Digit
        }
    }
}

/// ASCII `bytes` (at most `N`, which is at most 24) with nothing to drop,
/// in a buffer of `N`: upper-cased when `lenient`. `None` for other input
/// (non-ASCII, too long, or holding one of at most two `separators` when
/// `lenient`), which the general path reads.
#[inline(always)]
fn copy_compact<const N: usize>(bytes: &[u8], lenient: bool, separators: &[u8]) -> Option<[u8; N]> {
    // The bit 7 of each byte of `w` that is zero.
    let zero_bytes = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    // Two separators at most; a missing one stands in as a byte that no
    // ASCII holds.
    let (one, two) = match (lenient, separators) {
        (false, _) | (true, []) => (0xFF, 0xFF),
        (true, [one]) => (*one, 0xFF),
        (true, [one, two]) => (*one, *two),
        _ => return None,
    };
    // Eight bytes at a time, each word loaded straight from the input and
    // zero-padded past its end (padding is neither a separator nor a
    // letter, and no ASCII is lost). Not through a padded copy: byte
    // stores read back as one wide load stall the processor.
    let len = bytes.len();
    if len > N {
        return None;
    }
    let word = |at: usize| -> u64 {
        if let Some(w) = bytes
            .get(at..at + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
        {
            return u64::from_le_bytes(w);
        }
        if at >= len {
            return 0;
        }
        // The tail: the input's last eight bytes, shifted down past the
        // ones before `at`; or, for input shorter than eight, byte by byte.
        if let Some(last) = len
            .checked_sub(8)
            .and_then(|from| bytes.get(from..))
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
        {
            return u64::from_le_bytes(last) >> (8 * (8 - (len - at)));
        }
        bytes
            .iter()
            .skip(at)
            .enumerate()
            .fold(0u64, |w, (i, &b)| w | u64::from(b) << (8 * i))
    };
    // Each word is stored straight into the answer (the last one cut to
    // the answer's length), not into a buffer copied after: a copy would
    // read across the word stores, which the processor cannot forward.
    let mut out = [0u8; N];
    let mut odd = 0u64;
    for (k, chunk) in out.chunks_mut(8).enumerate() {
        let mut w = word(8 * k);
        odd |= w & HIGH;
        odd |= zero_bytes(w ^ (ONES * u64::from(one))) | zero_bytes(w ^ (ONES * u64::from(two)));
        if lenient {
            // Bit 7 of each byte set from `a` on and from past `z` on
            // (valid for ASCII, which `odd` checks): flip bit 5 between.
            let low = w & !HIGH;
            let from_a = low.wrapping_add(ONES * (0x80 - u64::from(b'a')));
            let past_z = low.wrapping_add(ONES * (0x80 - u64::from(b'z') - 1));
            w ^= (from_a & !past_z & HIGH) >> 2;
        }
        let bytes = w.to_le_bytes();
        chunk.copy_from_slice(bytes.get(..chunk.len())?);
    }
    if odd != 0 {
        return None;
    }
    Some(out)
}

/// `bytes` (at most `N`, which is at most 24) zero-padded to `N`, copied a
/// word at a time: no call to `memcpy` for a length known only at run
/// time. `None` when `bytes` is longer or not ASCII.
#[inline]
pub(crate) fn copy_padded<const N: usize>(bytes: &[u8]) -> Option<[u8; N]> {
    copy_compact::<N>(bytes, false, b"")
}

/// Reads `s` into at most `N` ASCII bytes for schemes with letters and
/// separators, returning them and their count.
///
/// With [`InputForm::Lenient`]: trims surrounding whitespace, reads
/// full-width ASCII as ASCII, upper-cases letters and drops the bytes in
/// `separators`. With [`InputForm::Exact`]: none of that. Fails with
/// [`Error::Empty`], [`Error::Character`] for a character that is not ASCII
/// (with the class `class_at(position)` expects), or [`Error::Length`] when
/// the count is not one of `expected`. Positions count the characters kept.
#[inline]
pub(crate) fn read_compact<const N: usize>(
    s: &str,
    form: InputForm,
    separators: &[u8],
    expected: &'static [u8],
    class_at: impl Fn(usize) -> CharClass,
) -> Result<([u8; N], usize), Error> {
    check_input_len(s)?;
    let lenient = form == InputForm::Lenient;
    let s = if lenient { trim_lenient(s) } else { s };
    if s.is_empty() {
        return Err(Error::Empty);
    }
    let length_ok = |len: usize| len <= N && expected.iter().any(|&e| usize::from(e) == len);
    // Fast path: ASCII with nothing to drop, copied whole and checked in
    // one pass over the fixed-size buffer.
    if let Some(out) = copy_compact::<N>(s.as_bytes(), lenient, separators) {
        let len = s.len();
        return if length_ok(len) {
            Ok((out, len))
        } else {
            Err(Error::Length {
                expected,
                found: len,
            })
        };
    }
    // Separators or full-width forms: read byte by byte when every
    // character reads as ASCII; the general path below gives the same
    // answer for the rest and names what does not fit.
    if lenient && let Some((out, len)) = read_lenient_bytes::<N>(s, separators, true) {
        return if length_ok(len) {
            Ok((out, len))
        } else {
            Err(Error::Length {
                expected,
                found: len,
            })
        };
    }
    let mut out = [0u8; N];
    let mut len = 0usize;
    // Fast path: ASCII input, read byte by byte with no decoding and no
    // full-width mapping (the same result as the loop below).
    if s.is_ascii() {
        let bytes = s.as_bytes();
        let has_separator = lenient
            && bytes
                .iter()
                .any(|&b| !b.is_ascii_digit() && separators.contains(&b));
        // Nothing to drop: one copy (and upper-casing when lenient).
        if !has_separator && let Some(head) = out.get_mut(..bytes.len()) {
            head.copy_from_slice(bytes);
            if lenient {
                head.make_ascii_uppercase();
            }
            len = bytes.len();
            return if expected.iter().any(|&e| usize::from(e) == len) {
                Ok((out, len))
            } else {
                Err(Error::Length {
                    expected,
                    found: len,
                })
            };
        }
        for &byte in bytes {
            let mut b = byte;
            if lenient && !b.is_ascii_digit() {
                if separators.contains(&b) {
                    continue;
                }
                b.make_ascii_uppercase();
            }
            if let Some(slot) = out.get_mut(len) {
                *slot = b;
            }
            len += 1;
        }
        return if !expected.iter().any(|&e| usize::from(e) == len) || len > N {
            Err(Error::Length {
                expected,
                found: len,
            })
        } else {
            Ok((out, len))
        };
    }
    for c in s.chars() {
        let mapped = if lenient { from_full_width(c) } else { c };
        if !mapped.is_ascii() {
            return Err(Error::Character {
                position: len + 1,
                found: c,
                expected: class_at(len + 1),
            });
        }
        let mut b = mapped as u8;
        if lenient {
            if separators.contains(&b) {
                continue;
            }
            b.make_ascii_uppercase();
        }
        if let Some(slot) = out.get_mut(len) {
            *slot = b;
        }
        len += 1;
    }
    if !expected.iter().any(|&e| usize::from(e) == len) || len > N {
        return Err(Error::Length {
            expected,
            found: len,
        });
    }
    Ok((out, len))
}

/// What the tests of every parser's fast path share: near-canonical inputs
/// and every combination of options, to check that the fast path answers
/// as the general path does.
#[cfg(test)]
pub(crate) mod fast_path_check {
    use super::{InputForm, ParseOptions, UsccCheck};
    use crate::region::RegionCheck;

    /// Every combination of the options.
    pub(crate) fn options() -> Vec<ParseOptions> {
        let mut all = Vec::new();
        for region in [RegionCheck::Province, RegionCheck::Historical] {
            for input in [InputForm::Lenient, InputForm::Exact] {
                for uscc in [
                    UsccCheck::Standard,
                    UsccCheck::KnownCategory,
                    UsccCheck::Strict,
                ] {
                    all.push(
                        ParseOptions::new()
                            .with_region_check(region)
                            .with_input(input)
                            .with_uscc_check(uscc),
                    );
                }
            }
        }
        all
    }

    /// A test that `$ty`'s fast path answers as its general path for every
    /// input near the valid `samples`, under every option.
    macro_rules! fast_path_agrees {
        ($name:ident, $ty:ty, $samples:expr) => {
            /// The fast path answers as the general path for every input
            /// near a valid one, under every option.
            #[test]
            fn $name() {
                use $crate::document::fast_path_check::{options, variants};
                for s in variants(&$samples) {
                    for o in options() {
                        assert_eq!(
                            <$ty>::parse_with(&s, o),
                            <$ty>::parse_general(&s, o),
                            "{s:?} {o:?}"
                        );
                    }
                }
            }
        };
    }
    pub(crate) use fast_path_agrees;

    /// The samples, and each with one character replaced, dropped or
    /// inserted, in lower case, and with spaces around.
    pub(crate) fn variants(samples: &[&str]) -> Vec<String> {
        const OTHERS: &[&str] = &[
            "0", "1", "5", "9", "A", "X", "Z", "I", "a", "x", "(", ")", "-", ":", " ", "１", "/",
        ];
        let mut out = Vec::new();
        for sample in samples {
            out.push((*sample).to_owned());
            out.push(sample.to_lowercase());
            out.push(format!(" {sample} "));
            let chars: Vec<char> = sample.chars().collect();
            for i in 0..=chars.len() {
                let (head, tail) = chars.split_at(i);
                let head: String = head.iter().collect();
                for other in OTHERS {
                    out.push(format!("{head}{other}{}", tail.iter().collect::<String>()));
                    if let Some((_, rest)) = tail.split_first() {
                        out.push(format!("{head}{other}{}", rest.iter().collect::<String>()));
                    }
                }
                if let Some((_, rest)) = tail.split_first() {
                    out.push(format!("{head}{}", rest.iter().collect::<String>()));
                }
            }
        }
        out
    }
}

/// Whether `bytes` fits `pattern` character by character: the test of
/// [`match_pattern`] with no error to build, for the fast paths, which
/// check a pattern known at compile time in line.
#[inline(always)]
pub(crate) fn fits(bytes: &[u8], pattern: &[CharClass]) -> bool {
    bytes.len() == pattern.len() && bytes.iter().zip(pattern).all(|(&b, c)| c.matches(b))
}

/// Whether every byte of `bytes` is an ASCII digit: eight at a time in
/// words loaded from `bytes` (the last one overlapping the one before),
/// so that the caller's copy of the same bytes reads them from memory
/// rather than from fifteen registers stored back one by one.
#[inline(always)]
pub(crate) fn all_digits(bytes: &[u8]) -> bool {
    every_lane(
        bytes,
        |low| in_range(low, b'0', b'9'),
        |b| b.is_ascii_digit(),
    )
}

/// Whether every byte of `bytes` is an ASCII digit or upper-case letter,
/// eight at a time as [`all_digits`].
#[inline(always)]
pub(crate) fn all_digits_or_upper(bytes: &[u8]) -> bool {
    every_lane(
        bytes,
        |low| in_range(low, b'0', b'9') | in_range(low, b'A', b'Z'),
        |b| b.is_ascii_digit() || b.is_ascii_uppercase(),
    )
}

/// Bit 7 of each lane of `low` (each lane below 0x80) set when the lane is
/// from `first` to `last` (both below 0x80): adding `0x80 - first` carries
/// into bit 7, adding `0x7F - last` does not. No lane carries into the
/// next: a lane plus either stays below 0x100.
#[inline(always)]
fn in_range(low: u64, first: u8, last: u8) -> u64 {
    let from = low.wrapping_add(ONES * u64::from(0x80 - first));
    let past = low.wrapping_add(ONES * u64::from(0x7F - last));
    from & !past & HIGH
}

/// Whether every byte of `bytes` passes: `lanes` gives bit 7 of each lane
/// of a word's low seven bits that passes, for the words of eight (the
/// last one overlapping the one before, and bytes of 0x80 and up failing);
/// `byte` tests input shorter than a word.
#[inline(always)]
fn every_lane(bytes: &[u8], lanes: impl Fn(u64) -> u64, byte: impl Fn(&u8) -> bool) -> bool {
    let fits = |w: u64| lanes(w & !HIGH) & !w & HIGH == HIGH;
    let word = |at: usize| {
        bytes
            .get(at..at + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
            .map(u64::from_le_bytes)
    };
    let len = bytes.len();
    if len < 8 {
        return bytes.iter().all(byte);
    }
    let mut at = 0;
    while at + 8 < len {
        if !word(at).is_some_and(fits) {
            return false;
        }
        at += 8;
    }
    word(len - 8).is_some_and(fits)
}

/// `s` zero-padded to `N` bytes, when it has exactly `M` (at most `N`).
#[inline(always)]
pub(crate) fn padded<const M: usize, const N: usize>(s: &[u8]) -> Option<[u8; N]> {
    if M == N {
        // Straight from the input: a copy through a local buffer would be
        // read back across the stores that built it.
        return <[u8; N]>::try_from(s).ok();
    }
    let head = <&[u8; M]>::try_from(s).ok()?;
    let mut out = [0u8; N];
    out.get_mut(..M)?.copy_from_slice(head);
    Some(out)
}

/// Checks `bytes` position by position against `pattern`, reporting the
/// first character that does not fit.
pub(crate) fn match_pattern(bytes: &[u8], pattern: &[CharClass]) -> Result<(), Error> {
    for (i, (&b, class)) in bytes.iter().zip(pattern).enumerate() {
        if !class.matches(b) {
            return Err(Error::Character {
                position: i + 1,
                found: char::from(b),
                expected: *class,
            });
        }
    }
    Ok(())
}

/// Checks that every byte of `bytes` is an ASCII digit, reporting the first
/// that is not: [`match_pattern`] with a pattern of digits, in one tight pass.
#[inline]
pub(crate) fn match_digits(bytes: &[u8]) -> Result<(), Error> {
    match bytes.iter().position(|b| !b.is_ascii_digit()) {
        None => Ok(()),
        Some(i) => Err(Error::Character {
            position: i + 1,
            found: char::from(bytes.get(i).copied().unwrap_or_default()),
            expected: CharClass::Digit,
        }),
    }
}

/// The value of the ASCII digits `bytes` (which the caller has checked; at
/// most nine of them).
#[inline]
pub(crate) fn number(bytes: &[u8]) -> u32 {
    let mut value: u32 = 0;
    for &b in bytes {
        value = value
            .wrapping_mul(10)
            .wrapping_add(u32::from(b.wrapping_sub(b'0')));
    }
    value
}

/// Checks that every byte of `bytes[range]` is an ASCII digit, reporting the
/// first that is not (positions count from 1).
pub(crate) fn expect_digits(bytes: &[u8], from: usize, to: usize) -> Result<(), Error> {
    match bytes.get(from..to) {
        Some(field) if field.iter().all(u8::is_ascii_digit) => Ok(()),
        _ => Err(non_digit(bytes, from, to)),
    }
}

/// The error for the first byte of `bytes[from..to]` that is not an ASCII
/// digit (the caller knows there is one).
pub(crate) fn non_digit(bytes: &[u8], from: usize, to: usize) -> Error {
    let field = bytes.get(from..to).unwrap_or_default();
    let i = field
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or_default();
    Error::Character {
        position: from + i + 1,
        found: char::from(field.get(i).copied().unwrap_or_default()),
        expected: CharClass::Digit,
    }
}

/// The earliest birth year any identity number in this crate accepts.
pub(crate) const EARLIEST_YEAR: u16 = 1800;

/// The value of eight ASCII digits (which the caller has checked), e.g. a
/// `YYYYMMDD` date, computed on all eight at once: pairs of digits, then
/// pairs of pairs, then the two halves.
#[inline]
pub(crate) fn eight_digits(bytes: [u8; 8]) -> u32 {
    let mut v = u64::from_le_bytes(bytes) & 0x0F0F_0F0F_0F0F_0F0F;
    v = (v * 10 + (v >> 8)) & 0x00FF_00FF_00FF_00FF;
    v = (v * 100 + (v >> 16)) & 0x0000_FFFF_0000_FFFF;
    v = (v * 10_000 + (v >> 32)) & 0xFFFF_FFFF;
    v as u32
}

/// Checks that a birth date's parts make a real Gregorian date, year 1800
/// or later. Cheaper than building the date: the parsers' hot path only
/// checks, and the accessors build the date when asked.
#[inline]
pub(crate) fn check_birth_date(year: u32, month: u32, day: u32) -> Result<(), Error> {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 0,
    };
    if day == 0 || day > days {
        return Err(Error::InvalidDate);
    }
    if year < u32::from(EARLIEST_YEAR) {
        return Err(Error::DateTooEarly {
            earliest: EARLIEST_YEAR,
        });
    }
    Ok(())
}

/// The date of parts that [`check_birth_date`] accepted.
pub(crate) fn date_of(year: u32, month: u32, day: u32) -> chrono::NaiveDate {
    i32::try_from(year)
        .ok()
        .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, month, day))
        .unwrap_or(chrono::NaiveDate::MIN)
}

/// A birth date from its parts: a real Gregorian date, year 1800 or later.
pub(crate) fn birth_date(year: u32, month: u32, day: u32) -> Result<chrono::NaiveDate, Error> {
    check_birth_date(year, month, day)?;
    Ok(date_of(year, month, day))
}

/// Age in full years on `today` under `rule`, or `Err(FutureDate)` if
/// `birth` is after `today`.
pub(crate) fn age_on(
    birth: chrono::NaiveDate,
    today: chrono::NaiveDate,
    rule: crate::age::AgeRule,
) -> Result<u32, Error> {
    crate::age::full_years(birth, today, rule).ok_or(Error::FutureDate { today })
}

/// `Err(FutureDate)` if `birth` is after `today`.
pub(crate) fn not_after(birth: chrono::NaiveDate, today: chrono::NaiveDate) -> Result<(), Error> {
    if birth > today {
        Err(Error::FutureDate { today })
    } else {
        Ok(())
    }
}

/// Implements the traits every document type shares: `FromStr`,
/// `TryFrom<&str>`, `Display` (canonical), a masked `Debug`, `AsRef<str>`,
/// and with the `serde` feature string (de)serialization through `parse`.
macro_rules! document_traits {
    ($ty:ident, $expecting:literal) => {
        impl ::std::str::FromStr for $ty {
            type Err = $crate::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $ty::parse(s)
            }
        }

        impl ::std::convert::TryFrom<&str> for $ty {
            type Error = $crate::Error;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                $ty::parse(s)
            }
        }

        impl ::std::fmt::Display for $ty {
            /// The canonical form, in full. Use `masked()` for logs.
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::std::fmt::Debug for $ty {
            /// The masked form: personal data never reaches a log through `{:?}`.
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, concat!(stringify!($ty), "({})"), self.masked())
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        #[cfg(feature = "serde")]
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for $ty {
            /// Through `parse`, from a string only. No message quotes the
            /// input: a parse error is the [`Error`](crate::Error)'s
            /// `Display`, another kind of value is named by its kind.
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                $crate::document::de::text(deserializer, $expecting, $ty::parse)
            }
        }
    };
}
pub(crate) use document_traits;

/// Declares a document type stored as up to `N` canonical ASCII bytes, with
/// `parse`, `as_str`, `masked` and the shared traits. The type's own module
/// writes `parse_with` and the accessors.
macro_rules! simple_document {
    (
        $(#[$meta:meta])*
        $name:ident {
            max: $n:literal,
            sample: $sample:literal,
            masked: $masked:literal,
            keep: ($head:literal, $tail:literal),
            expecting: $expecting:literal $(,)?
        }
    ) => {
        $crate::document::simple_document!(
            @impl [$(#[$meta])*] $name, $n, $sample, $masked, $expecting,
            |n: &$name| $crate::Masked::new(n.as_str().as_bytes(), $head, $tail)
        );
    };
    (
        $(#[$meta:meta])*
        $name:ident {
            max: $n:literal,
            sample: $sample:literal,
            masked: $masked:literal,
            masked_by: $mask:path,
            expecting: $expecting:literal $(,)?
        }
    ) => {
        $crate::document::simple_document!(
            @impl [$(#[$meta])*] $name, $n, $sample, $masked, $expecting, $mask
        );
    };
    (
        @impl [$(#[$meta:meta])*] $name:ident, $n:literal, $sample:literal, $masked:literal,
        $expecting:literal, $mask:expr_2021
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name {
            bytes: [u8; $n],
            len: u8,
        }

        impl $name {
            #[doc = concat!(
                "Parses a number with the default [`ParseOptions`](crate::ParseOptions).\n\n",
                "```\nlet n = realname::", stringify!($name), "::parse(\"", $sample, "\")?;\n",
                "assert_eq!(n.to_string(), \"", $sample, "\");\n",
                "# Ok::<(), realname::Error>(())\n```"
            )]
            ///
            /// # Errors
            ///
            /// An [`Error`](crate::Error) naming the first problem found with the number;
            /// [`Error::TooLong`](crate::Error::TooLong) at once for input longer than
            /// [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
            pub fn parse(s: &str) -> Result<Self, $crate::Error> {
                Self::parse_with(s, $crate::ParseOptions::new())
            }

            #[doc = concat!(
                "The canonical form.\n\n",
                "```\nlet n = realname::", stringify!($name), "::parse(\"", $sample, "\")?;\n",
                "assert_eq!(n.as_str(), \"", $sample, "\");\n",
                "# Ok::<(), realname::Error>(())\n```"
            )]
            pub fn as_str(&self) -> &str {
                $crate::document::ascii_str(self.bytes.get(..usize::from(self.len)).unwrap_or_default())
            }

            #[doc = concat!(
                "The masked form, with the middle hidden: what logs and screens should show.\n\n",
                "```\nlet n = realname::", stringify!($name), "::parse(\"", $sample, "\")?;\n",
                "assert_eq!(n.masked().as_str(), \"", $masked, "\");\n",
                "assert_eq!(format!(\"{n:?}\"), \"", stringify!($name), "(", $masked, ")\");\n",
                "# Ok::<(), realname::Error>(())\n```"
            )]
            pub fn masked(&self) -> $crate::Masked {
                ($mask)(self)
            }

            /// Wraps canonical bytes the caller has validated.
            fn from_canonical(bytes: [u8; $n], len: usize) -> Self {
                Self {
                    bytes,
                    len: len as u8,
                }
            }
        }

        $crate::document::document_traits!($name, $expecting);
    };
}
pub(crate) use simple_document;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_digits_reads_every_value() {
        for v in (0..100_000_000u32)
            .step_by(9_973)
            .chain([0, 99_999_999, 19_491_231])
        {
            let text = format!("{v:08}");
            let bytes: [u8; 8] = text.as_bytes().try_into().unwrap();
            assert_eq!(eight_digits(bytes), v);
            assert_eq!(number(&bytes), v);
        }
    }

    #[test]
    fn full_width_block_reads_as_full_width_byte_does() {
        // Every character of U+FF00–U+FF7F (and a few others) at every
        // place of a block of full-width digits.
        let others = ('\u{FF00}'..='\u{FF7F}').chain(['\u{3000}', '\u{FEFF}', '\u{EFBF}']);
        for c in others {
            let mut utf8 = [0u8; 4];
            let c = c.encode_utf8(&mut utf8).as_bytes();
            let Ok(&[lead, mid, last]) = <&[u8; 3]>::try_from(c) else {
                continue;
            };
            for i in 0..8 {
                let mut block = [0u8; 24];
                for (j, ch) in block.chunks_exact_mut(3).enumerate() {
                    let bytes = if j == i {
                        [lead, mid, last]
                    } else {
                        [0xEF, 0xBC, 0x91 + j as u8]
                    };
                    ch.copy_from_slice(&bytes);
                }
                let one_by_one: Option<Vec<u8>> = block
                    .chunks_exact(3)
                    .map(|ch| full_width_byte(ch[0], ch[1], ch[2]))
                    .collect();
                let expected = one_by_one.map(|v| u64::from_le_bytes(v.try_into().unwrap()));
                assert_eq!(full_width_block(&block), expected, "{c:?} at {i}");
            }
        }
    }

    #[test]
    fn masked_keeps_head_and_tail() {
        assert_eq!(Masked::new(b"123456789", 2, 3).as_str(), "12****789");
        assert_eq!(Masked::new(b"12", 2, 3).as_str(), "12");
        assert_eq!(Masked::new(b"", 2, 3).as_str(), "");
    }

    #[test]
    fn read_fixed_maps_full_width_and_trims() {
        let got: [u8; 3] = read_fixed("\u{3000}１２ｘ ", InputForm::Lenient, &[3], |_, _| {
            CharClass::Digit
        })
        .unwrap();
        assert_eq!(&got, b"12x");
        let err = read_fixed::<3>("1é3", InputForm::Lenient, &[3], |_, _| CharClass::Digit);
        assert_eq!(
            err,
            Err(Error::Character {
                position: 2,
                found: 'é',
                expected: CharClass::Digit
            })
        );
        let err = read_fixed::<3>("１２３", InputForm::Exact, &[3], |_, _| CharClass::Digit);
        assert!(matches!(err, Err(Error::Character { position: 1, .. })));
        assert_eq!(
            read_fixed::<3>(" ", InputForm::Lenient, &[3], |_, _| CharClass::Digit),
            Err(Error::Empty)
        );
    }

    /// `all_digits` and `all_digits_or_upper` answer as byte-by-byte
    /// tests, whatever byte stands at whichever place.
    #[test]
    fn all_digits_reads_every_byte_at_every_place() {
        for len in 0..=24usize {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'7'; len];
                    bytes[at] = b;
                    assert_eq!(all_digits(&bytes), b.is_ascii_digit(), "{len} {at} {b}");
                    bytes[(at + 1) % len] = b'Q';
                    bytes[at] = b;
                    let alnum = b.is_ascii_digit() || b.is_ascii_uppercase();
                    assert_eq!(all_digits_or_upper(&bytes), alnum, "{len} {at} {b}");
                }
            }
            assert!(all_digits(&vec![b'0'; len]) && all_digits(&vec![b'9'; len]));
        }
    }

    /// The words loaded straight from the input (the tail shifted down
    /// from the last eight bytes, or gathered byte by byte) give what a
    /// zero-padded copy gives, at every length and offset.
    #[test]
    fn copy_compact_reads_every_length_as_a_padded_copy() {
        let text = b"ab3d-f 7H9jK1mn0PqR";
        for len in 0..=19 {
            for lenient in [false, true] {
                let input = &text[..len];
                let got = copy_compact::<19>(input, lenient, b" -");
                let plain = input
                    .iter()
                    .all(|&b| b.is_ascii() && !(lenient && (b == b' ' || b == b'-')));
                if !plain {
                    assert_eq!(got, None, "len {len}");
                    continue;
                }
                let mut want = [0u8; 19];
                for (w, &b) in want.iter_mut().zip(input) {
                    *w = if lenient { b.to_ascii_uppercase() } else { b };
                }
                assert_eq!(got, Some(want), "len {len} lenient {lenient}");
            }
        }
    }
}
