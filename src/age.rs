//! Age in full years (周岁).
//!
//! Chinese law counts age in full years by the Gregorian calendar. Two rules
//! are in use for the day a year is completed, and they differ on the
//! birthday itself and for 29 February:
//!
//! - [`AgeRule::Birthday`]: a year is complete on the birthday (for a
//!   29 February birthday, on 1 March in common years). The everyday rule,
//!   and this crate's default.
//! - [`AgeRule::DayAfterBirthday`]: a year is complete from the day after
//!   the birthday, as the Supreme People's Court counts 周岁 in juvenile
//!   criminal cases.
//!
//! ```
//! use chrono::NaiveDate;
//! use realname::age::{full_years, AgeRule};
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let born = day(2011, 6, 1);
//! assert_eq!(full_years(born, day(2025, 6, 1), AgeRule::Birthday), Some(14));
//! assert_eq!(full_years(born, day(2025, 6, 1), AgeRule::DayAfterBirthday), Some(13));
//! assert_eq!(full_years(born, day(2025, 6, 2), AgeRule::DayAfterBirthday), Some(14));
//! assert_eq!(full_years(born, day(2011, 5, 31), AgeRule::Birthday), None);
//! ```

use chrono::{Datelike, NaiveDate};

/// When a year of age is complete.
///
/// ```
/// assert_eq!(realname::AgeRule::default(), realname::AgeRule::Birthday);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum AgeRule {
    /// On the birthday; a 29 February birthday is reached on 1 March in
    /// common years.
    #[default]
    Birthday,
    /// From the day after the birthday (从周岁生日的第二天起算).
    DayAfterBirthday,
}

/// Full years from `birth` to `on` under `rule`; `None` if `on` is before
/// `birth`.
///
/// ```
/// use chrono::NaiveDate;
/// use realname::age::{full_years, AgeRule};
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let leap = day(2012, 2, 29);
/// assert_eq!(full_years(leap, day(2026, 2, 28), AgeRule::Birthday), Some(13));
/// assert_eq!(full_years(leap, day(2026, 3, 1), AgeRule::Birthday), Some(14));
/// assert_eq!(full_years(leap, day(2028, 2, 29), AgeRule::DayAfterBirthday), Some(15));
/// ```
pub fn full_years(birth: NaiveDate, on: NaiveDate, rule: AgeRule) -> Option<u32> {
    if on < birth {
        return None;
    }
    let years = u32::try_from(on.year() - birth.year()).ok()?;
    let born = (birth.month(), birth.day());
    let today = (on.month(), on.day());
    let completed = match rule {
        AgeRule::Birthday => today >= born,
        AgeRule::DayAfterBirthday => today > born,
    };
    Some(if completed {
        years
    } else {
        years.saturating_sub(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Full years under both rules: the tuple rule (a birthday is reached
    /// on the day itself; a 29 February birthday on 1 March in common
    /// years) and the rule of the Supreme People's Court for juvenile
    /// cases (《最高人民法院关于审理未成年人刑事案件具体应用法律若干问题的解释》
    /// art. 2: from the day after the birthday).
    #[test]
    fn research_table() {
        let cases = [
            ((2012, 2, 29), (2026, 2, 28), 13, 13),
            ((2012, 2, 29), (2026, 3, 1), 14, 14),
            ((2012, 2, 29), (2028, 2, 29), 16, 15),
            ((2011, 6, 1), (2025, 5, 31), 13, 13),
            ((2011, 6, 1), (2025, 6, 1), 14, 13),
            ((2011, 6, 1), (2025, 6, 2), 14, 14),
        ];
        for ((by, bm, bd), (oy, om, od), birthday, after) in cases {
            let (b, o) = (day(by, bm, bd), day(oy, om, od));
            assert_eq!(full_years(b, o, AgeRule::Birthday), Some(birthday));
            assert_eq!(full_years(b, o, AgeRule::DayAfterBirthday), Some(after));
        }
        assert_eq!(
            full_years(day(2000, 1, 1), day(2000, 1, 1), AgeRule::DayAfterBirthday),
            Some(0)
        );
    }
}
