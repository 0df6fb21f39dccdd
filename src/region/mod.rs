//! GB/T 2260 administrative division codes, 1981 to 2024, with their history.
//!
//! The table is built into the crate (generated from
//! `data/gb2260-area-codes.csv`, itself the CC0 dataset `yescallop/areacodes`
//! at commit `eed219a`); nothing is read at run time. It holds every county-,
//! prefecture- and province-level code used from 1981 to the end of 2024,
//! including abolished and changed ones, with the years each was in use and
//! its successors. See [`DATA_VERSION`].
//!
//! An identity number keeps the region code it was issued with for life, so
//! this crate never ties a code to a birth year: a code that existed at any
//! time is a real code.
//!
//! ```
//! use realname::region::{self, Level, Status};
//!
//! let chongwen = region::lookup(110103).unwrap();
//! assert_eq!(chongwen.name(), "崇文区");
//! assert_eq!(chongwen.province_name(), "北京市");
//! assert_eq!(chongwen.status(), Status::Abolished);
//! assert_eq!(chongwen.years(), (1981, Some(2010)));
//! assert_eq!(chongwen.successors()[0].code(), 110101);
//! assert_eq!(chongwen.level(), Level::County);
//! ```

use std::fmt;

#[rustfmt::skip]
mod table;

/// Where the built-in table comes from, and which years it covers.
///
/// ```
/// assert!(realname::region::DATA_VERSION.contains("2024"));
/// ```
pub const DATA_VERSION: &str = "GB/T 2260 codes 1981-2024 from yescallop/areacodes eed219a";

/// How strictly the region code of an identity number is checked.
///
/// ```
/// use realname::{ParseOptions, RegionCheck, ResidentId};
///
/// // The GB 11643-1999 Annex B example uses 340524, which never existed.
/// assert!(ResidentId::parse("34052419800101001X").is_ok());
/// let strict = ParseOptions::new().with_region_check(RegionCheck::Historical);
/// assert!(ResidentId::parse_with("34052419800101001X", strict).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum RegionCheck {
    /// The first two digits must be a mainland province-level code (11–15,
    /// 21–23, 31–37, 41–46, 50–54, 61–65), or the number must start with
    /// exactly `810000`, `820000` or `830000` where the scheme allows
    /// residence permits. The default.
    #[default]
    Province,
    /// As [`Province`](Self::Province), and the whole code must have existed
    /// at some time in GB/T 2260 (never tied to the birth year), or be one of
    /// the early-1980s city district codes `XXXX01`, `XXXX02`, `XXXX11`,
    /// `XXXX20` of a prefecture `XXXX00` that existed: real cards carry them
    /// although the published lists lack them. The exception needs a real
    /// prefecture: `XX0001`, `XX0020` and the like, under the province
    /// itself, never existed and are refused.
    ///
    /// ```
    /// use realname::{ParseOptions, RegionCheck, ResidentId};
    /// let strict = ParseOptions::new().with_region_check(RegionCheck::Historical);
    /// // 440401: an early district code of 440400 珠海市.
    /// assert!(ResidentId::parse_with("440401199001010018", strict).is_ok());
    /// // 110001: no prefecture 110000 under Beijing; never a code.
    /// assert!(ResidentId::parse_with("11000119900101001X", strict).is_err());
    /// ```
    Historical,
}

#[cfg(feature = "serde")]
crate::document::de::id_serde!(RegionCheck, "a region check: `province` or `historical`", { Province => "province", Historical => "historical" });

/// What is wrong with a region code, as carried by
/// [`Error::Region`](crate::Error::Region).
///
/// ```
/// use realname::{Error, RegionProblem, ResidentId};
///
/// let err = ResidentId::parse("810101199408230023").unwrap_err();
/// assert_eq!(err, Error::Region { code: 810101, problem: RegionProblem::PermitPrefix });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RegionProblem {
    /// The first two digits are not a province-level code the scheme allows.
    NotAProvince,
    /// The number starts with 81, 82 or 83 but not with exactly `810000`,
    /// `820000` or `830000`, as residence permits must.
    PermitPrefix,
    /// The code never existed in GB/T 2260 (checked with
    /// [`RegionCheck::Historical`]).
    NeverExisted,
}

impl RegionProblem {
    /// The Chinese text of the problem, as used by
    /// [`Error::to_string_zh`](crate::Error::to_string_zh).
    ///
    /// ```
    /// assert_eq!(realname::RegionProblem::NeverExisted.to_string_zh(), "不是曾经使用过的行政区划代码");
    /// ```
    pub fn to_string_zh(&self) -> &'static str {
        match self {
            RegionProblem::NotAProvince => "不以有效的省级代码开头",
            RegionProblem::PermitPrefix => "无效：港澳台居民居住证只使用 810000、820000、830000",
            RegionProblem::NeverExisted => "不是曾经使用过的行政区划代码",
        }
    }
}

impl fmt::Display for RegionProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RegionProblem::NotAProvince => "does not begin with a province-level code",
            RegionProblem::PermitPrefix => {
                "is not valid: residence permits use exactly 810000, 820000 or 830000"
            }
            RegionProblem::NeverExisted => "never existed in GB/T 2260",
        })
    }
}

/// The administrative level of a code.
///
/// ```
/// use realname::region::{lookup, Level};
///
/// assert_eq!(lookup(110000).unwrap().level(), Level::Province);
/// assert_eq!(lookup(130100).unwrap().level(), Level::Prefecture);
/// assert_eq!(Level::County.name_zh(), "县级");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Level {
    /// 省级: province, autonomous region, municipality, SAR.
    Province,
    /// 地级: prefecture-level city, prefecture, league, autonomous prefecture.
    Prefecture,
    /// 县级: county, district, county-level city, banner.
    County,
}

impl Level {
    /// The Chinese name of the level (省级, 地级, 县级).
    ///
    /// ```
    /// assert_eq!(realname::region::Level::Province.name_zh(), "省级");
    /// ```
    pub fn name_zh(&self) -> &'static str {
        match self {
            Level::Province => "省级",
            Level::Prefecture => "地级",
            Level::County => "县级",
        }
    }
}

/// Whether a code is still in use.
///
/// ```
/// use realname::region::{lookup, Status};
///
/// assert_eq!(lookup(110101).unwrap().status(), Status::InUse);
/// assert_eq!(Status::Abolished.name_zh(), "弃用");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// 在用: in use at the end of the table's coverage.
    InUse,
    /// 弃用: abolished.
    Abolished,
    /// 变更: the code stayed but this record of it (its name or parent)
    /// changed; a later period describes it.
    Changed,
}

impl Status {
    /// The Chinese name of the status (在用, 弃用, 变更).
    ///
    /// ```
    /// assert_eq!(realname::region::Status::InUse.name_zh(), "在用");
    /// ```
    pub fn name_zh(&self) -> &'static str {
        match self {
            Status::InUse => "在用",
            Status::Abolished => "弃用",
            Status::Changed => "变更",
        }
    }
}

/// One record of the table: a code with one name and parent over a span of
/// years.
#[derive(Debug)]
struct Entry {
    code: u32,
    name: &'static str,
    level: Level,
    status: Status,
    province: &'static str,
    /// Empty when the code has no prefecture.
    prefecture: &'static str,
    since: u16,
    /// 0 while in use.
    until: u16,
    successors: &'static [Successor],
}

impl Entry {
    #[allow(clippy::too_many_arguments)]
    const fn new(
        code: u32,
        name: &'static str,
        level: Level,
        status: Status,
        province: &'static str,
        prefecture: &'static str,
        since: u16,
        until: u16,
        successors: &'static [Successor],
    ) -> Entry {
        Entry {
            code,
            name,
            level,
            status,
            province,
            prefecture,
            since,
            until,
            successors,
        }
    }

    fn prefecture(&self) -> Option<&'static str> {
        (!self.prefecture.is_empty()).then_some(self.prefecture)
    }

    fn until(&self) -> Option<u16> {
        (self.until != 0).then_some(self.until)
    }
}

/// A code that took over (part of) an abolished or changed code's territory.
///
/// ```
/// let chongwen = realname::region::lookup(110103).unwrap();
/// let next = chongwen.successors()[0];
/// assert_eq!((next.code(), next.year()), (110101, None));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Successor {
    code: u32,
    /// 0 when the data gives no year.
    year: u16,
}

impl Successor {
    /// The successor's code.
    ///
    /// ```
    /// assert_eq!(realname::region::lookup(110103).unwrap().successors()[0].code(), 110101);
    /// ```
    pub fn code(&self) -> u32 {
        self.code
    }

    /// The year of the transfer, when the data gives one for a code that
    /// stayed in use while part of its territory moved.
    ///
    /// ```
    /// let hongqiao = realname::region::lookup(120106).unwrap();
    /// assert_eq!(hongqiao.successors()[0].year(), Some(2020));
    /// ```
    pub fn year(&self) -> Option<u16> {
        (self.year != 0).then_some(self.year)
    }

    /// The successor in the table.
    ///
    /// ```
    /// let next = realname::region::lookup(110103).unwrap().successors()[0];
    /// assert_eq!(next.region().unwrap().name(), "东城区");
    /// ```
    pub fn region(&self) -> Option<Region> {
        lookup(self.code)
    }
}

/// A GB/T 2260 code with all the periods it was in use.
///
/// Most codes have one period; 359 were reused or renamed over time and have
/// several. The accessors without `period` in their name describe the latest.
///
/// ```
/// use realname::region;
///
/// let barkam = region::lookup(513229).unwrap();
/// assert_eq!(barkam.periods().count(), 2);
/// assert_eq!(barkam.name(), "马尔康县");
/// assert_eq!(barkam.prefecture_name(), Some("阿坝藏族羌族自治州"));
/// ```
#[derive(Clone, Copy)]
pub struct Region {
    entries: &'static [Entry],
    latest: &'static Entry,
}

impl Region {
    /// The six-digit code.
    ///
    /// ```
    /// assert_eq!(realname::region::lookup(110105).unwrap().code(), 110105);
    /// ```
    pub fn code(&self) -> u32 {
        self.latest.code
    }

    /// The latest name of the code.
    ///
    /// ```
    /// assert_eq!(realname::region::lookup(110105).unwrap().name(), "朝阳区");
    /// ```
    pub fn name(&self) -> &'static str {
        self.latest.name
    }

    /// The latest level of the code.
    ///
    /// ```
    /// use realname::region::{lookup, Level};
    /// assert_eq!(lookup(110105).unwrap().level(), Level::County);
    /// ```
    pub fn level(&self) -> Level {
        self.latest.level
    }

    /// The status of the latest period.
    ///
    /// ```
    /// use realname::region::{lookup, Status};
    /// assert_eq!(lookup(440524).unwrap().status(), Status::Abolished);
    /// ```
    pub fn status(&self) -> Status {
        self.latest.status
    }

    /// Whether the code is in use at the end of the table's coverage.
    ///
    /// ```
    /// assert!(!realname::region::lookup(110103).unwrap().in_use());
    /// ```
    pub fn in_use(&self) -> bool {
        self.latest.status == Status::InUse
    }

    /// The name of the province the latest period belongs to.
    ///
    /// ```
    /// assert_eq!(realname::region::lookup(440524).unwrap().province_name(), "广东省");
    /// ```
    pub fn province_name(&self) -> &'static str {
        self.latest.province
    }

    /// The name of the prefecture the latest period belongs to, or `None`
    /// for provinces, prefectures and counties directly under a province
    /// (直辖).
    ///
    /// ```
    /// use realname::region::lookup;
    /// assert_eq!(lookup(440524).unwrap().prefecture_name(), Some("汕头市"));
    /// assert_eq!(lookup(110105).unwrap().prefecture_name(), None);
    /// ```
    pub fn prefecture_name(&self) -> Option<&'static str> {
        self.latest.prefecture()
    }

    /// The first year the code was in use and the year it stopped (exclusive;
    /// `None` while in use), over all its periods.
    ///
    /// ```
    /// assert_eq!(realname::region::lookup(440524).unwrap().years(), (1983, Some(1993)));
    /// ```
    pub fn years(&self) -> (u16, Option<u16>) {
        let first = self.entries.first().map_or(self.latest.since, |e| e.since);
        (first, self.latest.until())
    }

    /// The successors of the latest period.
    ///
    /// ```
    /// assert!(realname::region::lookup(110105).unwrap().successors().is_empty());
    /// ```
    pub fn successors(&self) -> &'static [Successor] {
        self.latest.successors
    }

    /// Every period of the code, oldest first.
    ///
    /// ```
    /// let barkam = realname::region::lookup(513229).unwrap();
    /// let names: Vec<_> = barkam.periods().map(|p| p.prefecture_name()).collect();
    /// assert_eq!(names, [Some("阿坝藏族自治州"), Some("阿坝藏族羌族自治州")]);
    /// ```
    pub fn periods(&self) -> impl Iterator<Item = Period> + '_ {
        self.entries.iter().map(|entry| Period { entry })
    }

    /// The province-level code (`XX0000`) this code belongs to, if the table
    /// has it.
    ///
    /// ```
    /// assert_eq!(realname::region::lookup(110105).unwrap().province().unwrap().name(), "北京市");
    /// ```
    pub fn province(&self) -> Option<Region> {
        lookup(self.code() / 10_000 * 10_000)
    }

    /// The prefecture-level code (`XXXX00`) this county-level code belongs
    /// to, if the table has one.
    ///
    /// ```
    /// use realname::region::lookup;
    /// assert_eq!(lookup(440524).unwrap().prefecture().unwrap().name(), "汕头市");
    /// assert!(lookup(440500).unwrap().prefecture().is_none());
    /// ```
    pub fn prefecture(&self) -> Option<Region> {
        let code = self.code() / 100 * 100;
        if code == self.code() || code.is_multiple_of(10_000) {
            return None;
        }
        lookup(code)
    }
}

impl fmt::Debug for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Region")
            .field("code", &self.code())
            .field("name", &self.name())
            .field("years", &self.years())
            .finish()
    }
}

impl PartialEq for Region {
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code()
    }
}

impl Eq for Region {}

impl std::hash::Hash for Region {
    /// Hashes the code, as `PartialEq` compares it.
    ///
    /// ```
    /// use std::collections::HashSet;
    /// let seen: HashSet<_> = [110105, 110105, 110101].into_iter().filter_map(realname::region::lookup).collect();
    /// assert_eq!(seen.len(), 2);
    /// ```
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code().hash(state);
    }
}

impl fmt::Display for Region {
    /// The code and its latest name, e.g. `110105 朝阳区`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06} {}", self.code(), self.name())
    }
}

/// One period of a code: a name and a parent over a span of years.
///
/// ```
/// let p = realname::region::lookup(110103).unwrap().periods().next().unwrap();
/// assert_eq!((p.name(), p.since(), p.until()), ("崇文区", 1981, Some(2010)));
/// ```
#[derive(Clone, Copy)]
pub struct Period {
    entry: &'static Entry,
}

impl Period {
    /// The name in this period.
    ///
    /// ```
    /// let p = realname::region::lookup(110105).unwrap().periods().next().unwrap();
    /// assert_eq!(p.name(), "朝阳区");
    /// ```
    pub fn name(&self) -> &'static str {
        self.entry.name
    }

    /// The level in this period.
    ///
    /// ```
    /// use realname::region::{lookup, Level};
    /// assert_eq!(lookup(110105).unwrap().periods().next().unwrap().level(), Level::County);
    /// ```
    pub fn level(&self) -> Level {
        self.entry.level
    }

    /// The status at the end of this period.
    ///
    /// ```
    /// use realname::region::{lookup, Status};
    /// let first = lookup(513229).unwrap().periods().next().unwrap();
    /// assert_eq!(first.status(), Status::Changed);
    /// ```
    pub fn status(&self) -> Status {
        self.entry.status
    }

    /// The province's name in this period.
    ///
    /// ```
    /// assert_eq!(realname::region::lookup(110105).unwrap().periods().next().unwrap().province_name(), "北京市");
    /// ```
    pub fn province_name(&self) -> &'static str {
        self.entry.province
    }

    /// The prefecture's name in this period, `None` if directly under the
    /// province or itself a prefecture or province.
    ///
    /// ```
    /// assert_eq!(realname::region::lookup(440524).unwrap().periods().next().unwrap().prefecture_name(), Some("汕头市"));
    /// ```
    pub fn prefecture_name(&self) -> Option<&'static str> {
        self.entry.prefecture()
    }

    /// The first year of this period.
    ///
    /// ```
    /// assert_eq!(realname::region::lookup(440524).unwrap().periods().next().unwrap().since(), 1983);
    /// ```
    pub fn since(&self) -> u16 {
        self.entry.since
    }

    /// The year this period ended (exclusive), `None` if still in use.
    ///
    /// ```
    /// assert_eq!(realname::region::lookup(110105).unwrap().periods().next().unwrap().until(), None);
    /// ```
    pub fn until(&self) -> Option<u16> {
        self.entry.until()
    }

    /// The successors named at the end of this period.
    ///
    /// ```
    /// let p = realname::region::lookup(110103).unwrap().periods().next().unwrap();
    /// assert_eq!(p.successors()[0].code(), 110101);
    /// ```
    pub fn successors(&self) -> &'static [Successor] {
        self.entry.successors
    }
}

impl PartialEq for Period {
    /// The same period of the same code: equal code and years.
    ///
    /// ```
    /// let a = realname::region::lookup(513229).unwrap();
    /// let periods: Vec<_> = a.periods().collect();
    /// assert_eq!(periods[0], a.periods().next().unwrap());
    /// assert_ne!(periods[0], periods[1]);
    /// ```
    fn eq(&self, other: &Self) -> bool {
        (self.entry.code, self.entry.since, self.entry.until)
            == (other.entry.code, other.entry.since, other.entry.until)
            && self.entry.name == other.entry.name
    }
}

impl Eq for Period {}

impl fmt::Debug for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Period")
            .field("code", &self.entry.code)
            .field("name", &self.name())
            .field("since", &self.since())
            .field("until", &self.until())
            .finish()
    }
}

/// Looks a six-digit code up in the built-in table.
///
/// Aggregate "市辖区" codes such as `110100`, and `830000` (which residence
/// permits of Taiwan residents use but GB/T 2260 does not list), are not in
/// the table.
///
/// ```
/// use realname::region::lookup;
///
/// assert_eq!(lookup(440524).unwrap().name(), "潮阳县");
/// assert!(lookup(110100).is_none());
/// assert!(lookup(830000).is_none());
/// assert!(lookup(u32::MAX).is_none());
/// ```
pub fn lookup(code: u32) -> Option<Region> {
    let entries = table::ENTRIES;
    let start = entries.partition_point(|e| e.code < code);
    let end = entries.partition_point(|e| e.code <= code);
    let found = entries.get(start..end)?;
    let latest = found.last()?;
    Some(Region {
        entries: found,
        latest,
    })
}

/// Looks a code up from its six ASCII digits; `None` if `code` is not six
/// ASCII digits or not in the table.
///
/// ```
/// assert_eq!(realname::region::lookup_str("110105").unwrap().name(), "朝阳区");
/// assert!(realname::region::lookup_str("11010５").is_none());
/// ```
pub fn lookup_str(code: &str) -> Option<Region> {
    let bytes: &[u8; 6] = code.as_bytes().try_into().ok()?;
    lookup(digits_value(bytes)?)
}

/// Every code in the table, in code order, each once.
///
/// ```
/// assert_eq!(realname::region::all().count(), 6450);
/// ```
pub fn all() -> impl Iterator<Item = Region> {
    let entries = table::ENTRIES;
    let mut i = 0;
    std::iter::from_fn(move || {
        let code = entries.get(i)?.code;
        let region = lookup(code)?;
        i += region.entries.len();
        Some(region)
    })
}

/// Whether `code` existed at some time in the table.
pub(crate) fn existed(code: u32) -> bool {
    table::ENTRIES
        .binary_search_by_key(&code, |e| e.code)
        .is_ok()
}

/// Whether the two-digit `province` is a mainland province-level code that
/// issues identity numbers (11–15, 21–23, 31–37, 41–46, 50–54, 61–65).
#[inline]
pub(crate) const fn is_mainland_province(province: u32) -> bool {
    /// Bit `p` is set for each mainland province code `p`.
    const MAINLAND: u128 = {
        let mut bits = 0u128;
        let mut p = 0;
        while p < 100 {
            if matches!(p, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65) {
                bits |= 1 << p;
            }
            p += 1;
        }
        bits
    };
    province < 100 && (MAINLAND >> province) & 1 == 1
}

/// Whether `code` is one of the residence-permit codes of Hong Kong, Macao
/// and Taiwan residents.
#[inline]
pub(crate) const fn is_permit_code(code: u32) -> bool {
    matches!(code, 810_000 | 820_000 | 830_000)
}

/// Checks the six-digit region code of a mainland identity number.
///
/// `permits` says whether the scheme allows the residence-permit codes.
#[inline]
pub(crate) fn check_code(
    code: u32,
    check: RegionCheck,
    permits: bool,
) -> Result<(), RegionProblem> {
    let province = code / 10_000;
    // The common case first: a mainland province at the default level.
    if check == RegionCheck::Province && is_mainland_province(province) {
        return Ok(());
    }
    if permits && is_permit_code(code) {
        return Ok(());
    }
    if permits && matches!(province, 81..=83) {
        return Err(RegionProblem::PermitPrefix);
    }
    if !is_mainland_province(province) {
        return Err(RegionProblem::NotAProvince);
    }
    match check {
        RegionCheck::Province => Ok(()),
        RegionCheck::Historical => {
            // The prefecture must be one: under the province itself
            // (`XX0001`, `XX0020`) no such code ever existed.
            let prefecture = code / 100 * 100;
            let early_city_code = matches!(code % 100, 1 | 2 | 11 | 20)
                && !prefecture.is_multiple_of(10_000)
                && existed(prefecture);
            if existed(code) || early_city_code {
                Ok(())
            } else {
                Err(RegionProblem::NeverExisted)
            }
        }
    }
}

/// Checks a four-digit city code (the 2004 foreign permanent resident ID):
/// the province must be a mainland province; with
/// [`RegionCheck::Historical`], some code beginning with these four digits
/// must have existed.
pub(crate) fn check_city_code(city: u32, check: RegionCheck) -> Result<(), RegionProblem> {
    if !is_mainland_province(city / 100) {
        return Err(RegionProblem::NotAProvince);
    }
    match check {
        RegionCheck::Province => Ok(()),
        RegionCheck::Historical => {
            let lo = city * 100;
            let start = table::ENTRIES.partition_point(|e| e.code < lo);
            match table::ENTRIES.get(start) {
                Some(e) if e.code < lo + 100 => Ok(()),
                _ => Err(RegionProblem::NeverExisted),
            }
        }
    }
}

/// The value of six ASCII digits.
pub(crate) fn digits_value(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit()
            .then(|| acc.wrapping_mul(10).wrapping_add(u32::from(b - b'0')))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_well_formed() {
        let e = table::ENTRIES;
        assert_eq!(e.len(), 6823);
        for w in e.windows(2) {
            assert!((w[0].code, w[0].since) < (w[1].code, w[1].since));
        }
        for x in e {
            assert!((100_000..1_000_000).contains(&x.code));
            assert!(x.until == 0 || x.until >= x.since);
        }
    }

    #[test]
    fn research_facts_hold() {
        assert_eq!(all().count(), 6450);
        assert_eq!(all().filter(|r| r.in_use()).count(), 3213);
        assert!(lookup(110101).unwrap().in_use());
        assert!(!lookup(110103).unwrap().in_use());
        assert!(lookup(510104).unwrap().in_use());
        assert!(!lookup(469003).unwrap().in_use());
        assert!(lookup(830000).is_none());
        assert!(lookup(710000).unwrap().in_use());
        assert!(lookup(110100).is_none());
    }

    #[test]
    fn mainland_provinces() {
        let listed: Vec<u32> = (0..200).filter(|&p| is_mainland_province(p)).collect();
        let expected: Vec<u32> = [11..=15, 21..=23, 31..=37, 41..=46, 50..=54, 61..=65]
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(listed, expected);
        // Every one is a province-level code of the table.
        for p in expected {
            assert_eq!(lookup(p * 10_000).unwrap().level(), Level::Province);
        }
    }

    #[test]
    fn historical_check() {
        assert_eq!(check_code(110103, RegionCheck::Historical, false), Ok(()));
        assert_eq!(
            check_code(340524, RegionCheck::Historical, false),
            Err(RegionProblem::NeverExisted)
        );
        assert_eq!(check_code(340524, RegionCheck::Province, false), Ok(()));
        // 440401 is not listed but 440400 珠海市 is: an early city code.
        assert!(!existed(440401));
        assert_eq!(check_code(440401, RegionCheck::Historical, false), Ok(()));
        assert_eq!(
            check_code(830000, RegionCheck::Historical, false),
            Err(RegionProblem::NotAProvince)
        );
        assert_eq!(check_code(830000, RegionCheck::Historical, true), Ok(()));
        // The exception never fires under the province itself.
        for code in [110001, 310020, 110011, 410001, 440002, 650020] {
            assert_eq!(
                check_code(code, RegionCheck::Historical, false),
                Err(RegionProblem::NeverExisted),
                "{code}"
            );
        }
        // Hainan's real 4600xx codes are in the table.
        for code in all().map(|r| r.code()).filter(|c| c / 100 == 4600) {
            assert_eq!(check_code(code, RegionCheck::Historical, false), Ok(()));
        }
        assert_eq!(check_city_code(1100, RegionCheck::Historical), Ok(()));
        assert_eq!(
            check_city_code(1199, RegionCheck::Historical),
            Err(RegionProblem::NeverExisted)
        );
    }

    /// Every code the historical check accepts is in GB/T 2260, or is an
    /// early city district code (`01`, `02`, `11`, `20`) of a real
    /// prefecture-level code (not a province).
    #[test]
    fn historical_check_accepts_only_listed_or_early_city_codes() {
        let mut exceptions = 0;
        for code in 100_000..1_000_000 {
            if check_code(code, RegionCheck::Historical, false).is_err() {
                continue;
            }
            if existed(code) {
                continue;
            }
            exceptions += 1;
            assert!(matches!(code % 100, 1 | 2 | 11 | 20), "{code}");
            let prefecture = lookup(code / 100 * 100)
                .unwrap_or_else(|| panic!("{code}: no prefecture in the table"));
            assert_eq!(prefecture.level(), Level::Prefecture, "{code}");
        }
        assert!(exceptions > 0);
        // Every listed mainland code passes.
        for region in all().filter(|r| is_mainland_province(r.code() / 10_000)) {
            assert_eq!(
                check_code(region.code(), RegionCheck::Historical, false),
                Ok(()),
                "{}",
                region.code()
            );
        }
    }
}
