//! ISO 3166-1 countries, for the nationality of foreign permanent residents.

use std::fmt;

use super::country_table::{BY_ALPHA3, BY_NUMERIC};

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
    pub(crate) fn from_alpha3_bytes(code: [u8; 3]) -> Option<Country> {
        // The three bytes as one big-endian number: the same order as the
        // table's, compared in one instruction.
        let key = |a: [u8; 3]| u32::from(a[0]) << 16 | u32::from(a[1]) << 8 | u32::from(a[2]);
        let i = BY_ALPHA3
            .binary_search_by_key(&key(code), |e| key(e.alpha3))
            .ok()?;
        BY_ALPHA3.get(i).map(|entry| Country { entry })
    }

    /// The country with this numeric code.
    ///
    /// ```
    /// assert_eq!(realname::Country::from_numeric(682).unwrap().alpha3(), "SAU");
    /// assert!(realname::Country::from_numeric(999).is_none());
    /// ```
    pub fn from_numeric(code: u16) -> Option<Country> {
        let i = BY_NUMERIC
            .binary_search_by_key(&code, |&i| {
                BY_ALPHA3
                    .get(usize::from(i))
                    .map_or(u16::MAX, |e| e.numeric)
            })
            .ok()?;
        let entry = BY_ALPHA3.get(usize::from(*BY_NUMERIC.get(i)?))?;
        Some(Country { entry })
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
        assert_eq!(BY_ALPHA3.len(), BY_NUMERIC.len());
        for w in BY_ALPHA3.windows(2) {
            assert!(w[0].alpha3 < w[1].alpha3);
        }
        for w in BY_NUMERIC.windows(2) {
            assert!(BY_ALPHA3[w[0] as usize].numeric < BY_ALPHA3[w[1] as usize].numeric);
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
