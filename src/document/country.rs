//! ISO 3166-1 countries, for the nationality of foreign permanent residents.

use std::fmt;

use super::country_table::BY_ALPHA3;

/// One row of the built-in ISO 3166-1 table.
#[derive(Debug)]
pub(super) struct CountryEntry {
    pub(super) alpha3: [u8; 3],
    pub(super) numeric: u16,
    pub(super) name_en: &'static str,
    pub(super) name_zh: &'static str,
}

/// A country of ISO 3166-1 (GB/T 2659), as a nationality.
///
/// The built-in table holds the 249 countries and territories of
/// ISO 3166-1 with their alpha-3 and numeric codes, English short names and
/// Chinese short names.
///
/// ```
/// use realname::Country;
///
/// let kz = Country::from_alpha3("KAZ").unwrap();
/// assert_eq!(kz.numeric(), 398);
/// assert_eq!(kz.name_en(), "Kazakhstan");
/// assert_eq!(kz.name_zh(), "哈萨克斯坦");
/// assert_eq!(Country::from_numeric(398), Some(kz));
/// assert!(Country::from_alpha3("KAA").is_none());
/// ```
#[derive(Clone, Copy)]
pub struct Country {
    entry: &'static CountryEntry,
}

impl Country {
    /// The country with this upper-case alpha-3 code.
    ///
    /// ```
    /// assert!(realname::Country::from_alpha3("USA").is_some());
    /// assert!(realname::Country::from_alpha3("usa").is_none());
    /// ```
    pub fn from_alpha3(code: &str) -> Option<Country> {
        Country::from_alpha3_bytes(code.as_bytes().try_into().ok()?)
    }

    /// [`from_alpha3`](Self::from_alpha3) of the code's three bytes.
    #[inline]
    pub(crate) fn from_alpha3_bytes(code: [u8; 3]) -> Option<Country> {
        let index = |b: u8| usize::from(b.wrapping_sub(b'A')).min(26);
        let [a, b, c] = code.map(index);
        if a == 26 || b == 26 || c == 26 {
            return None;
        }
        let i = *BY_LETTERS.get((a * 26 + b) * 26 + c)?;
        BY_ALPHA3.get(usize::from(i)).map(|entry| Country { entry })
    }

    /// The country with this numeric code.
    ///
    /// ```
    /// assert_eq!(realname::Country::from_numeric(682).unwrap().alpha3(), "SAU");
    /// assert!(realname::Country::from_numeric(999).is_none());
    /// ```
    #[inline]
    pub fn from_numeric(code: u16) -> Option<Country> {
        let i = *BY_CODE.get(usize::from(code))?;
        BY_ALPHA3.get(usize::from(i)).map(|entry| Country { entry })
    }

    /// The alpha-3 code, e.g. `JPN`.
    ///
    /// ```
    /// assert_eq!(realname::Country::from_numeric(392).unwrap().alpha3(), "JPN");
    /// ```
    pub fn alpha3(&self) -> &'static str {
        std::str::from_utf8(&self.entry.alpha3).unwrap_or_default()
    }

    /// The numeric code, e.g. 392.
    ///
    /// ```
    /// assert_eq!(realname::Country::from_alpha3("JPN").unwrap().numeric(), 392);
    /// ```
    pub fn numeric(&self) -> u16 {
        self.entry.numeric
    }

    /// The English short name.
    ///
    /// ```
    /// assert_eq!(realname::Country::from_alpha3("JPN").unwrap().name_en(), "Japan");
    /// ```
    pub fn name_en(&self) -> &'static str {
        self.entry.name_en
    }

    /// The Chinese short name.
    ///
    /// ```
    /// assert_eq!(realname::Country::from_alpha3("JPN").unwrap().name_zh(), "日本");
    /// ```
    pub fn name_zh(&self) -> &'static str {
        self.entry.name_zh
    }

    /// Every country of the table, in alpha-3 order.
    ///
    /// ```
    /// assert_eq!(realname::Country::all().count(), 249);
    /// ```
    pub fn all() -> impl Iterator<Item = Country> {
        BY_ALPHA3.iter().map(|entry| Country { entry })
    }
}

impl PartialEq for Country {
    fn eq(&self, other: &Self) -> bool {
        self.entry.alpha3 == other.entry.alpha3
    }
}

impl Eq for Country {}

#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for Country {
    /// The alpha-3 code.
    ///
    /// ```
    /// let jp = realname::Country::from_alpha3("JPN").unwrap();
    /// assert_eq!(serde_json::to_string(&jp)?, r#""JPN""#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.alpha3())
    }
}

#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> serde::Deserialize<'de> for Country {
    /// From an upper-case alpha-3 code; no message quotes the input.
    ///
    /// ```
    /// use realname::Country;
    /// let jp: Country = serde_json::from_str(r#""JPN""#)?;
    /// assert_eq!(jp.numeric(), 392);
    /// let err = serde_json::from_str::<Country>(r#""XXX""#).unwrap_err();
    /// assert!(!err.to_string().contains("XXX"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::de::id(
            deserializer,
            "an ISO 3166-1 alpha-3 country code",
            Country::from_alpha3,
        )
    }
}

impl std::hash::Hash for Country {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.entry.alpha3.hash(state);
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Country({})", self.alpha3())
    }
}

/// The place in [`BY_ALPHA3`] of every alpha-3 code, indexed by its
/// letters read as a number in base 26 (`AAA` = 0); [`NONE`] for a code
/// no country has. One load, where a binary search over the table walks
/// eight rows of it.
// Built at compile time: an index out of bounds fails the build, never a
// caller.
#[allow(clippy::indexing_slicing)]
static BY_LETTERS: [u8; 26 * 26 * 26] = {
    assert!(BY_ALPHA3.len() < NONE as usize);
    let mut table = [NONE; 26 * 26 * 26];
    let mut i = 0;
    while i < BY_ALPHA3.len() {
        let [a, b, c] = BY_ALPHA3[i].alpha3;
        let at = ((a - b'A') as usize * 26 + (b - b'A') as usize) * 26 + (c - b'A') as usize;
        table[at] = i as u8;
        i += 1;
    }
    table
};

/// The place in [`BY_ALPHA3`] of every numeric code from 0 to 999;
/// [`NONE`] for a code no country has.
// Built at compile time, as `BY_LETTERS`.
#[allow(clippy::indexing_slicing)]
static BY_CODE: [u8; 1000] = {
    let mut table = [NONE; 1000];
    let mut i = 0;
    while i < BY_ALPHA3.len() {
        table[BY_ALPHA3[i].numeric as usize] = i as u8;
        i += 1;
    }
    table
};

/// No country, in [`BY_LETTERS`] and [`BY_CODE`]: past the table's end.
const NONE: u8 = u8::MAX;

impl fmt::Display for Country {
    /// The alpha-3 code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.alpha3())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_consistent() {
        for w in BY_ALPHA3.windows(2) {
            assert!(w[0].alpha3 < w[1].alpha3);
        }
        // No two countries share a numeric code, and every code no country
        // has, and every string that is no code, finds none.
        let mut codes: Vec<u16> = BY_ALPHA3.iter().map(|e| e.numeric).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), BY_ALPHA3.len());
        for code in 0..=u16::MAX {
            assert_eq!(
                Country::from_numeric(code).is_some(),
                codes.binary_search(&code).is_ok(),
                "{code}"
            );
        }
        for a in 0..=255u8 {
            for b in [b'A', b'Z', b'@', b'[', b'a', 0, 255] {
                let found = Country::from_alpha3_bytes([a, b'S', b]);
                let listed = BY_ALPHA3.iter().any(|e| e.alpha3 == [a, b'S', b]);
                assert_eq!(found.is_some(), listed, "{a} {b}");
            }
        }
        for c in Country::all() {
            assert!(c.alpha3().bytes().all(|b| b.is_ascii_uppercase()));
            assert!((1..1000).contains(&c.numeric()));
            assert_eq!(Country::from_alpha3(c.alpha3()), Some(c));
            assert_eq!(Country::from_numeric(c.numeric()), Some(c));
            assert!(!c.name_zh().is_empty() && !c.name_en().is_empty());
        }
    }
}
