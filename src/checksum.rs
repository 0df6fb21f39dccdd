//! Check-character algorithms, as pure functions over ASCII bytes.
//!
//! Each function computes the check character of a body, or returns `None`
//! when the body holds a byte the algorithm does not define. None of them
//! panics or allocates, whatever the input.
//!
//! | function | standard | used by |
//! |---|---|---|
//! | [`iso7064_mod11_2`] | ISO 7064 MOD 11-2 | resident ID (GB 11643-1999), residence permits, the 2023 foreign permanent resident ID |
//! | [`icao9303`] | ICAO Doc 9303 7-3-1 | the 2004/2017 foreign permanent resident ID, passport machine-readable zones |
//! | [`luhn`] | ISO/IEC 7812 (Luhn) | bank card numbers |
//! | [`gb32100`] | GB 32100-2015 mod 31 | unified social credit codes |
//! | [`gb11714`] | GB 11714-1997 mod 11 | organisation codes |
//! | [`iso7064_mod11_10`] | ISO 7064 MOD 11,10 (GB/T 17710) | 15-digit business registration numbers |
//! | [`hkid`] | weighted mod 11 | Hong Kong identity card |
//! | [`taiwan_id`] | weighted mod 10 | Taiwan national ID and resident UI numbers |

/// The ISO 7064 MOD 11-2 check character of `body` (ASCII digits):
/// `b'0'`–`b'9'` or `b'X'` for ten.
///
/// Returns `None` if `body` holds anything but ASCII digits. An empty body
/// has the check character `1`.
///
/// ```
/// use realname::checksum::iso7064_mod11_2;
///
/// // GB 11643-1999, Annex A: 11010519491231002X
/// assert_eq!(iso7064_mod11_2(b"11010519491231002"), Some(b'X'));
/// assert_eq!(iso7064_mod11_2(b"1101051949123100A"), None);
/// ```
pub fn iso7064_mod11_2(body: &[u8]) -> Option<u8> {
    // 2^(10 - t) mod 11 for t = 0..9: the weights of ten places ending one
    // place before the check character. They repeat every ten places
    // (2^10 = 1 mod 11), so the body is summed in chunks of ten from the
    // right; each chunk's products are independent of each other.
    const WEIGHTS: [u32; 10] = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    if let Ok(body) = <&[u8; 17]>::try_from(body) {
        return mod11_2_17(body);
    }
    if !body.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut sum: u64 = 0;
    for chunk in body.rchunks(10) {
        let weights = WEIGHTS.get(10 - chunk.len()..).unwrap_or_default();
        let part: u32 = chunk
            .iter()
            .zip(weights)
            .map(|(&b, &w)| u32::from(b - b'0') * w)
            .sum();
        sum += u64::from(part);
    }
    Some(check_char_mod11_2((sum % 11) as u32))
}

/// [`iso7064_mod11_2`] of a 17-character body, in one pass that checks the
/// digits and sums their weights together.
#[inline]
pub(crate) fn mod11_2_17(body: &[u8; 17]) -> Option<u8> {
    /// 2^(17 - i) mod 11: the weights of GB 11643-1999.
    const WEIGHTS_17: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    // The largest digit value, computed for all bytes at once.
    let max = body.iter().fold(0u8, |m, &b| m.max(b.wrapping_sub(b'0')));
    if max > 9 {
        return None;
    }
    let sum: u32 = body
        .iter()
        .zip(WEIGHTS_17)
        .map(|(&b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(check_char_mod11_2(sum % 11))
}

/// The check character for a weighted sum `s` (mod 11): the value `c` that
/// makes `s + c = 1 (mod 11)`, with 10 written `X`.
fn check_char_mod11_2(s: u32) -> u8 {
    const CHECK: &[u8; 11] = b"10X98765432";
    CHECK.get((s % 11) as usize).copied().unwrap_or(b'?')
}

/// Whether `number` (body followed by its check character) passes
/// ISO 7064 MOD 11-2. A lower-case `x` is not accepted.
///
/// ```
/// use realname::checksum::iso7064_mod11_2_is_valid;
///
/// assert!(iso7064_mod11_2_is_valid(b"11010519491231002X"));
/// assert!(!iso7064_mod11_2_is_valid(b"110105194912310020"));
/// assert!(!iso7064_mod11_2_is_valid(b""));
/// ```
pub fn iso7064_mod11_2_is_valid(number: &[u8]) -> bool {
    match number.split_last() {
        Some((&check, body)) => iso7064_mod11_2(body) == Some(check),
        None => false,
    }
}

/// The ICAO Doc 9303 check digit of `field`, as an ASCII digit.
///
/// Digits count as themselves, the letters `A`–`Z` as 10–35 and the filler
/// `<` as 0; the weights 7, 3, 1 repeat from the left. Returns `None` for any
/// other byte (including lower-case letters).
///
/// ```
/// use realname::checksum::icao9303;
///
/// // The published 2004 foreign permanent resident ID KAZ110090123105.
/// assert_eq!(icao9303(b"KAZ11009012310"), Some(b'5'));
/// assert_eq!(icao9303(b"E1234567<"), Some(b'4'));
/// assert_eq!(icao9303(b"e1234567<"), None);
/// ```
pub fn icao9303(field: &[u8]) -> Option<u8> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum: u32 = 0;
    for (&b, w) in field.iter().zip(WEIGHTS.iter().cycle()) {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            b'<' => 0,
            _ => return None,
        };
        sum = (sum + v * w) % 10;
    }
    Some(b'0' + sum as u8)
}

/// The Luhn check digit of `body` (ASCII digits), as an ASCII digit.
///
/// Returns `None` if `body` is empty or holds anything but ASCII digits
/// (unlike some implementations, an empty body has no check digit).
///
/// ```
/// use realname::checksum::{luhn, luhn_is_valid};
///
/// assert_eq!(luhn(b"622848001234567"), Some(b'1'));
/// assert!(luhn_is_valid(b"6228480012345671"));
/// assert!(!luhn_is_valid(b"6228480012345670"));
/// assert!(!luhn_is_valid(b"0"));
/// ```
pub fn luhn(body: &[u8]) -> Option<u8> {
    if body.is_empty() {
        return None;
    }
    let mut sum: u32 = 0;
    // The digit next to the check digit is doubled, and every second one
    // from there.
    for (i, &b) in body.iter().rev().enumerate() {
        if !b.is_ascii_digit() {
            return None;
        }
        let d = u32::from(b - b'0');
        sum += if i % 2 == 0 {
            let twice = d * 2;
            twice - if twice > 9 { 9 } else { 0 }
        } else {
            d
        };
    }
    Some(b'0' + ((10 - sum % 10) % 10) as u8)
}

/// Whether `number` (body followed by its check digit) passes the Luhn
/// check. A number needs at least one digit before its check digit.
///
/// ```
/// assert!(realname::checksum::luhn_is_valid(b"4111111111111111"));
/// ```
pub fn luhn_is_valid(number: &[u8]) -> bool {
    match number.split_last() {
        Some((&check, body)) => luhn(body) == Some(check),
        None => false,
    }
}

/// The check character of a Hong Kong identity card number (`0`–`9` or
/// `A`), from its one or two upper-case letters and six digits.
///
/// Letters count as 10–35; a single letter is preceded by a space worth 36;
/// the eight values are weighted 9 down to 2 and summed; the check is what
/// makes the total a multiple of 11, with 10 written `A`.
///
/// ```
/// use realname::checksum::hkid;
///
/// assert_eq!(hkid(b"A123456"), Some(b'3'));
/// assert_eq!(hkid(b"Z683365"), Some(b'A'));
/// assert_eq!(hkid(b"XA000000"), Some(b'8'));
/// assert_eq!(hkid(b"123456"), None);
/// ```
#[inline]
pub fn hkid(body: &[u8]) -> Option<u8> {
    // A letter's value, 10 for `A` on.
    let letter = |b: u8| b.is_ascii_uppercase().then(|| u32::from(b - b'A') + 10);
    // The weights run 9 down to 2; a single letter stands after a space
    // worth 36.
    let (mut sum, digits) = match body {
        [a, digits @ ..] if digits.len() == 6 => (36 * 9 + letter(*a)? * 8, digits),
        [a, b, digits @ ..] if digits.len() == 6 => (letter(*a)? * 9 + letter(*b)? * 8, digits),
        _ => return None,
    };
    for (&b, w) in digits.iter().zip([7, 6, 5, 4, 3, 2]) {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        sum += u32::from(d) * w;
    }
    Some(match (11 - sum % 11) % 11 {
        10 => b'A',
        c => b'0' + c as u8,
    })
}

/// The value of a Taiwan ID's area letter (A = 10 … with I, O, W, Z out of
/// order: I 34, O 35, W 32, Z 33).
pub(crate) fn taiwan_letter_value(letter: u8) -> Option<u32> {
    const VALUES: [u8; 26] = [
        10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32,
        30, 31, 33,
    ];
    let i = usize::from(letter.checked_sub(b'A')?);
    VALUES.get(i).map(|&v| u32::from(v))
}

/// The check digit of a Taiwan national ID or resident UI number, from its
/// area letter and the eight digits that follow it.
///
/// The letter's two-digit value counts its tens once and its units nine
/// times; the eight digits are weighted 8 down to 1; the check digit makes
/// the total a multiple of 10.
///
/// ```
/// use realname::checksum::taiwan_id;
///
/// assert_eq!(taiwan_id(b"A12345678"), Some(b'9'));
/// assert_eq!(taiwan_id(b"H87654321"), Some(b'2'));
/// assert_eq!(taiwan_id(b"a12345678"), None);
/// ```
#[inline]
pub fn taiwan_id(body: &[u8]) -> Option<u8> {
    let (&letter, digits) = body.split_first()?;
    if digits.len() != 8 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = taiwan_letter_value(letter)?;
    let sum = v / 10
        + (v % 10) * 9
        + digits
            .iter()
            .zip((1u32..=8).rev())
            .map(|(&b, w)| u32::from(b - b'0') * w)
            .sum::<u32>();
    Some(b'0' + ((10 - sum % 10) % 10) as u8)
}

/// The 31 characters of GB 32100-2015, in value order: the digits, then
/// the upper-case letters without I, O, Z, S and V.
pub const GB32100_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The value of each byte in the GB 32100 alphabet, or `u8::MAX` (all 256,
/// so that a byte's lookup needs no bounds check).
// Built at compile time: an index out of bounds would fail the build, never
// a caller.
#[allow(clippy::indexing_slicing)]
const GB32100_VALUES: [u8; 256] = {
    let mut table = [u8::MAX; 256];
    let mut i = 0;
    while i < GB32100_ALPHABET.len() {
        table[GB32100_ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// The value of a character of the GB 32100 alphabet.
pub(crate) fn gb32100_value(b: u8) -> Option<u32> {
    match GB32100_VALUES.get(usize::from(b)) {
        Some(&v) if v != u8::MAX => Some(u32::from(v)),
        _ => None,
    }
}

/// The GB 32100-2015 check character of a unified social credit code's
/// first 17 characters (upper case, from [`GB32100_ALPHABET`]).
///
/// The characters are weighted 3^(i-1) mod 31 from the left; the check
/// makes the sum a multiple of 31.
///
/// ```
/// use realname::checksum::gb32100;
///
/// assert_eq!(gb32100(b"91350100M000100Y4"), Some(b'3'));
/// assert_eq!(gb32100(b"91110000600037341"), Some(b'L'));
/// assert_eq!(gb32100(b"9135010OM000100Y4"), None);
/// ```
pub fn gb32100(body: &[u8]) -> Option<u8> {
    // 3^(i-1) mod 31 repeats every 30 positions.
    const WEIGHTS: [u32; 30] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28, 22, 4, 12, 5, 15, 14, 11,
        2, 6, 18, 23, 7, 21,
    ];
    let mut sum: u32 = 0;
    for (i, &b) in body.iter().enumerate() {
        let weight = WEIGHTS.get(i % 30).copied().unwrap_or_default();
        sum += gb32100_value(b)? * weight;
    }
    GB32100_ALPHABET
        .get(((31 - sum % 31) % 31) as usize)
        .copied()
}

/// The GB 11714-1997 check character (`0`–`9` or `X`) of an organisation
/// code's eight body characters (digits and upper-case letters, A = 10).
///
/// The weights are 3 7 9 10 5 8 4 2; the check is 11 minus the sum mod 11,
/// with 10 written `X` and 11 written `0`.
///
/// ```
/// use realname::checksum::gb11714;
///
/// assert_eq!(gb11714(b"D2143569"), Some(b'X'));
/// assert_eq!(gb11714(b"60003734"), Some(b'1'));
/// assert_eq!(gb11714(b"D214356"), None);
/// ```
pub fn gb11714(body: &[u8]) -> Option<u8> {
    const WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    if body.len() != 8 {
        return None;
    }
    let mut sum = 0;
    for (&b, w) in body.iter().zip(WEIGHTS) {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return None,
        };
        sum += v * w;
    }
    Some(match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        c => b'0' + c as u8,
    })
}

/// The ISO 7064 MOD 11,10 check digit (GB/T 17710) of `body` (ASCII
/// digits).
///
/// ```
/// use realname::checksum::iso7064_mod11_10;
///
/// assert_eq!(iso7064_mod11_10(b"11010801234567"), Some(b'0'));
/// assert_eq!(iso7064_mod11_10(b"1101080123456A"), None);
/// ```
pub fn iso7064_mod11_10(body: &[u8]) -> Option<u8> {
    let mut p: u32 = 10;
    for &b in body {
        if !b.is_ascii_digit() {
            return None;
        }
        let s = (p + u32::from(b - b'0')) % 10;
        p = (if s == 0 { 10 } else { s }) * 2 % 11;
    }
    Some(b'0' + ((11 - p) % 10) as u8)
}

/// The check character ([`gb32100`]) of an 18-character unified social
/// credit code whose characters fit: all of the alphabet, digits in the
/// region code (characters 3–8). `None` if one does not. The parser's
/// checks in one pass.
#[inline]
pub(crate) fn gb32100_fits(code: &[u8; 18]) -> Option<u8> {
    /// 3^(i-1) mod 31, for the 17 characters before the check.
    const WEIGHTS: [u32; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let value = |b: u8| {
        GB32100_VALUES
            .get(usize::from(b))
            .copied()
            .unwrap_or(u8::MAX)
    };
    let (body, check) = code.split_at(17);
    let mut sum = 0u32;
    let mut bad = false;
    for (i, (&b, w)) in body.iter().zip(WEIGHTS).enumerate() {
        let v = value(b);
        // A digit's value is itself; letters are worth 10 and more.
        let limit = if (2..8).contains(&i) { 9 } else { 30 };
        bad |= v > limit;
        sum += u32::from(v) * w;
    }
    bad |= check.first().is_none_or(|&c| value(c) > 30);
    if bad {
        return None;
    }
    GB32100_ALPHABET
        .get(((31 - sum % 31) % 31) as usize)
        .copied()
}

/// The Luhn check digit (ASCII) that `number` (ASCII digits, body then
/// check digit, at least two) should end with: [`luhn`] of the body, in one
/// pass over pairs from the right with the doubled digit read from a table.
/// `None` if a character is not a digit or there is no body. The parsers'
/// fast path.
#[inline]
pub(crate) fn luhn_expected(number: &[u8]) -> Option<u8> {
    /// Twice a digit, less 9 above 9.
    const TWICE: [u8; 10] = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
    let mut sum = 0u32;
    // The largest digit value seen, for one check at the end.
    let mut max = 0u8;
    // From the right: a doubled digit, then the one after it (the check
    // digit first of all).
    let mut pairs = number.rchunks_exact(2);
    for pair in &mut pairs {
        let &[twice, plain] = pair else { continue };
        let (twice, plain) = (twice.wrapping_sub(b'0'), plain.wrapping_sub(b'0'));
        max = max.max(twice).max(plain);
        let doubled = TWICE.get(usize::from(twice)).copied().unwrap_or(0);
        sum += u32::from(doubled) + u32::from(plain);
    }
    if let [plain] = *pairs.remainder() {
        let plain = plain.wrapping_sub(b'0');
        max = max.max(plain);
        sum += u32::from(plain);
    }
    let check = u32::from(number.last()?.wrapping_sub(b'0'));
    (number.len() >= 2 && max <= 9).then(|| b'0' + ((20 - (sum - check) % 10) % 10) as u8)
}

/// The states of [`iso7064_mod11_10`]: `NEXT_MOD11_10[p * 10 + d]` is the
/// product after digit `d` from product `p` (1–10).
// Built at compile time: an index out of bounds would fail the build, never
// a caller.
#[allow(clippy::indexing_slicing)]
const NEXT_MOD11_10: [u8; 110] = {
    let mut table = [0u8; 110];
    let mut p = 1;
    while p <= 10 {
        let mut d = 0;
        while d < 10 {
            let s = (p + d) % 10;
            table[p * 10 + d] = ((if s == 0 { 10 } else { s }) * 2 % 11) as u8;
            d += 1;
        }
        p += 1;
    }
    table
};

/// Whether `number` (ASCII digits, body then check digit) passes ISO 7064
/// The states of [`iso7064_mod11_10`] two digits at a time:
/// `NEXT2_MOD11_10[p * 100 + 10 * d1 + d2]` is the product after digits `d1`
/// then `d2` from product `p` (1–10): half the dependent lookups.
// Built at compile time, as `NEXT_MOD11_10`.
#[allow(clippy::indexing_slicing)]
static NEXT2_MOD11_10: [u8; 1100] = {
    let mut table = [0u8; 1100];
    let mut p = 1;
    while p <= 10 {
        let mut pair = 0;
        while pair < 100 {
            let once = NEXT_MOD11_10[p * 10 + pair / 10] as usize;
            table[p * 100 + pair] = NEXT_MOD11_10[once * 10 + pair % 10];
            pair += 1;
        }
        p += 1;
    }
    table
};

/// Whether ASCII `number` (body then check digit) passes ISO 7064
/// MOD 11,10: [`iso7064_mod11_10`] stepping through tables, one lookup a
/// pair of digits. The parsers' fast path.
#[inline]
pub(crate) fn mod11_10_fits(number: &[u8]) -> bool {
    let Some((&check, body)) = number.split_last() else {
        return false;
    };
    let digit = |b: u8| usize::from(b.wrapping_sub(b'0'));
    // The largest digit value seen, for one check at the end.
    let mut high = digit(check);
    let mut p = 10u8;
    let pairs = body.chunks_exact(2);
    let odd = pairs.remainder();
    for pair in pairs {
        if let &[a, b] = pair {
            let (a, b) = (digit(a), digit(b));
            high = high.max(a).max(b);
            let at = usize::from(p) * 100 + a.min(9) * 10 + b.min(9);
            p = NEXT2_MOD11_10.get(at).copied().unwrap_or(0);
        }
    }
    if let Some(&a) = odd.first() {
        let a = digit(a);
        high = high.max(a);
        p = NEXT_MOD11_10
            .get(usize::from(p) * 10 + a.min(9))
            .copied()
            .unwrap_or(0);
    }
    high <= 9 && check == b'0' + (11 - p) % 10
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The weights of GB 11643-1999 written out, as a second implementation.
    fn mod11_2_by_weights(body: &[u8; 17]) -> u8 {
        const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        const MAP: &[u8; 11] = b"10X98765432";
        let s: u32 = body
            .iter()
            .zip(W)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        MAP[(s % 11) as usize]
    }

    #[test]
    fn mod11_2_agrees_with_the_weight_table() {
        let mut body = *b"11010519491231002";
        for i in 0..17 {
            for d in b'0'..=b'9' {
                body[i] = d;
                assert_eq!(iso7064_mod11_2(&body), Some(mod11_2_by_weights(&body)));
            }
        }
    }

    #[test]
    fn mod11_2_vectors() {
        for v in [
            "110101199003070011",
            "440305200002290029",
            "510104194912310036",
            "11010519491231002X",
            "440524188001010014",
            "34052419800101001X",
            "810000199408230021",
            "932682198501010017",
        ] {
            assert!(iso7064_mod11_2_is_valid(v.as_bytes()), "{v}");
        }
        assert!(!iso7064_mod11_2_is_valid(b"110101199003070010"));
        assert!(!iso7064_mod11_2_is_valid(b"11010519491231002x"));
    }

    #[test]
    fn luhn_vectors() {
        for v in [
            "6228480012345671",
            "6217000012345678907",
            "8100000012345676",
            "6250941234567890126",
            "4111111111111111",
        ] {
            assert!(luhn_is_valid(v.as_bytes()), "{v}");
        }
        assert!(!luhn_is_valid(b"6228480012345670"));
        assert!(!luhn_is_valid(b""));
        assert!(!luhn_is_valid(b"0"));
        assert_eq!(luhn(b""), None);
        // Every single-digit change is caught.
        let good = *b"6228480012345671";
        for i in 0..16 {
            for d in b'0'..=b'9' {
                let mut n = good;
                if n[i] != d {
                    n[i] = d;
                    assert!(!luhn_is_valid(&n));
                }
            }
        }
    }

    #[test]
    fn hkid_vectors() {
        for (body, check) in [
            ("A123456", b'3'),
            ("C668668", b'9'),
            ("XA000000", b'8'),
            ("Z683365", b'A'),
            ("G123456", b'A'),
            ("AB987654", b'3'),
            ("C123456", b'9'),
            ("P174468", b'6'),
            ("XG987654", b'9'),
            ("Z000000", b'1'),
        ] {
            assert_eq!(hkid(body.as_bytes()), Some(check), "{body}");
        }
        assert_eq!(hkid(b"AY987654"), Some(b'6'));
    }

    #[test]
    fn taiwan_vectors() {
        for v in [
            "A123456789",
            "F234567898",
            "H876543212",
            "B912345674",
            "B142610160",
            "Q155304682",
            "A800000014",
        ] {
            assert_eq!(taiwan_id(&v.as_bytes()[..9]), Some(v.as_bytes()[9]), "{v}");
        }
        assert_eq!(taiwan_letter_value(b'a'), None);
        assert_eq!(taiwan_letter_value(b'@'), None);
    }

    #[test]
    fn organisation_check_vectors() {
        for v in [
            "91350100M000100Y43",
            "91110000600037341L",
            "9135010557098120XJ",
            "914403001922038216",
            "91330106MA27Y4U47R",
            "91110108795101314G",
            "12100000400006241T",
            "51110000500000218G",
            "Y1110000MA001234X1",
            "N2330100MA2H00006N",
            "A1100000MA00AB124D",
            "31440300MA5F0000X7",
        ] {
            assert_eq!(gb32100(&v.as_bytes()[..17]), Some(v.as_bytes()[17]), "{v}");
        }
        assert_eq!(gb32100(b"91350100M0001TGQX"), Some(b'1'));
        for (body, check) in [
            ("D2143569", b'X'),
            ("60003734", b'1'),
            ("MA27Y4U4", b'7'),
            ("40000624", b'1'),
        ] {
            assert_eq!(gb11714(body.as_bytes()), Some(check), "{body}");
        }
        for v in [
            "110108012345670",
            "440300400000013",
            "320502600000121",
            "100000000000014",
        ] {
            assert_eq!(
                iso7064_mod11_10(&v.as_bytes()[..14]),
                Some(v.as_bytes()[14]),
                "{v}"
            );
        }
        assert_eq!(iso7064_mod11_10(b""), Some(b'1'));
    }

    #[test]
    fn icao_vectors() {
        assert_eq!(icao9303(b"G48947646"), Some(b'4'));
        assert_eq!(icao9303(b"USA31008507151"), Some(b'7'));
        assert_eq!(icao9303(b"JPN44000002290"), Some(b'2'));
        assert_eq!(icao9303(b""), Some(b'0'));
    }

    #[test]
    fn fused_checks_agree_with_the_plain_ones() {
        let mut n = *b"6217000012345678907";
        for len in 0..=n.len() {
            for i in 0..len {
                for d in (b'0'..=b'9').chain([b'a', b'/', b':', 0xFF]) {
                    let old = n[i];
                    n[i] = d;
                    let text = &n[..len];
                    let expected = text
                        .split_last()
                        .filter(|(_, body)| body.iter().all(u8::is_ascii_digit))
                        .and_then(|(c, body)| c.is_ascii_digit().then(|| luhn(body)).flatten());
                    assert_eq!(luhn_expected(text), expected, "{text:?}");
                    let plain = text
                        .split_last()
                        .is_some_and(|(&c, body)| iso7064_mod11_10(body) == Some(c));
                    assert_eq!(mod11_10_fits(text), plain, "{text:?}");
                    n[i] = old;
                }
            }
        }
    }
}
