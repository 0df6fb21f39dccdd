//! The holidays the law fixes, for years the State Council has not
//! announced yet: the estimated horizon of [`ChinaMainland::with_estimates`].
//!
//! 《全国年节及纪念日放假办法》 fixes which days are statutory holidays for
//! every citizen; each year's notice then moves weekends around them (调休),
//! and that part cannot be known in advance. The law in force:
//!
//! | version | years | New Year | Spring Festival | Qingming | Labour Day | Dragon Boat | Mid-Autumn | National Day |
//! |---|---|---|---|---|---|---|---|---|
//! | 1999 | to 2007 | 1 Jan | 初一–初三 | — | 1–3 May | — | — | 1–3 Oct |
//! | 2007 | 2008–2013 | 1 Jan | 除夕–初二 | 清明 | 1 May | 端午 | 中秋 | 1–3 Oct |
//! | 2013 | 2014–2024 | 1 Jan | 初一–初三 | 清明 | 1 May | 端午 | 中秋 | 1–3 Oct |
//! | 2024 | from 2025 | 1 Jan | 除夕–初三 | 清明 | 1–2 May | 端午 | 中秋 | 1–3 Oct |
//!
//! Article 6 of the law adds that a holiday falling on a Saturday or Sunday
//! is made up on a working day (补假); the estimate gives that day off on
//! the first weekday after the festival that is not itself a holiday, as the
//! notices do. It adds no make-up working days (调休上班), which only the
//! notices set.
//!
//! The lunar dates (除夕, 初一, 端午, 中秋) and 清明 come from
//! `data/cn-festivals.csv`, computed astronomically by
//! `tools/gen_festivals.py` (new moons and solar terms after Meeus,
//! *Astronomical Algorithms*; months and leap months by GB/T 33661-2017)
//! for 2004–2099, and checked against every announced year and the known
//! Spring Festival dates to 2050.

use super::*;

/// The festival dates, compiled in.
const FESTIVALS: &str = include_str!("../../data/cn-festivals.csv");

/// The first and last years the festival table covers.
pub(crate) const FESTIVAL_YEARS: (i32, i32) = (2004, 2099);

/// One year's lunisolar festival dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Festivals {
    pub(crate) year: i32,
    pub(crate) spring: NaiveDate,
    pub(crate) qingming: NaiveDate,
    pub(crate) dragon_boat: NaiveDate,
    pub(crate) mid_autumn: NaiveDate,
}

/// Every row of the festival table, by year.
pub(crate) fn festivals() -> &'static [Festivals] {
    static TABLE: OnceLock<Vec<Festivals>> = OnceLock::new();
    TABLE.get_or_init(|| {
        FESTIVALS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("year"))
            .filter_map(|l| {
                let mut f = l.split(',');
                let year = f.next()?.parse().ok()?;
                let mut date = || f.next()?.parse::<NaiveDate>().ok();
                Some(Festivals {
                    year,
                    spring: date()?,
                    qingming: date()?,
                    dragon_boat: date()?,
                    mid_autumn: date()?,
                })
            })
            .collect()
    })
}

/// The festival dates of `year`, if the table covers it.
pub(crate) fn festivals_of(year: i32) -> Option<&'static Festivals> {
    let table = festivals();
    let i = usize::try_from(year - FESTIVAL_YEARS.0).ok()?;
    table.get(i).filter(|f| f.year == year)
}

/// The version of the law in force in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Law {
    Of1999,
    Of2007,
    Of2013,
    Of2024,
}

impl Law {
    fn of_year(year: i32) -> Law {
        match year {
            ..=2007 => Law::Of1999,
            2008..=2013 => Law::Of2007,
            2014..=2024 => Law::Of2013,
            _ => Law::Of2024,
        }
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `n` consecutive days from `from`.
fn days(from: NaiveDate, n: u64) -> Vec<NaiveDate> {
    (0..n)
        .filter_map(|i| from.checked_add_days(Days::new(i)))
        .collect()
}

/// The days off the law fixes in `year`, substitute days (补假) included,
/// sorted; `None` when the festival table does not cover the year.
pub(crate) fn days_off(year: i32) -> Option<Vec<NaiveDate>> {
    days_off_with(year, true)
}

/// [`days_off`], with or without the substitute days (for measuring what
/// they add).
pub(crate) fn days_off_with(year: i32, substitutes: bool) -> Option<Vec<NaiveDate>> {
    let f = festivals_of(year)?;
    let date = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let eve = f.spring.pred_opt()?;
    let law = Law::of_year(year);
    // The festivals as blocks of statutory days, in the order of the year.
    let mut blocks: Vec<Vec<NaiveDate>> = vec![vec![date(1, 1)?]];
    blocks.push(match law {
        Law::Of1999 | Law::Of2013 => days(f.spring, 3),
        Law::Of2007 => days(eve, 3),
        Law::Of2024 => days(eve, 4),
    });
    if law != Law::Of1999 {
        blocks.push(vec![f.qingming]);
    }
    blocks.push(match law {
        Law::Of1999 => days(date(5, 1)?, 3),
        Law::Of2007 | Law::Of2013 => vec![date(5, 1)?],
        Law::Of2024 => days(date(5, 1)?, 2),
    });
    if law != Law::Of1999 {
        blocks.push(vec![f.dragon_boat]);
        blocks.push(vec![f.mid_autumn]);
    }
    blocks.push(days(date(10, 1)?, 3));
    blocks.sort_by_key(|b| b.first().copied());

    let statutory: std::collections::BTreeSet<NaiveDate> =
        blocks.iter().flatten().copied().collect();
    let mut off = std::collections::BTreeSet::new();
    for block in &blocks {
        // A statutory day on a weekend, or on another festival's day (中秋
        // on 1 October), is owed as a substitute day.
        let mut owed = 0u32;
        for &d in block {
            if is_weekend(d) || !off.insert(d) {
                owed += 1;
            }
        }
        let mut d = block.last().copied();
        while substitutes && owed > 0 {
            d = d.and_then(|x| x.succ_opt());
            let Some(x) = d else { break };
            if !is_weekend(x) && !off.contains(&x) && !statutory.contains(&x) {
                off.insert(x);
                owed -= 1;
            }
        }
    }
    Some(off.into_iter().filter(|d| d.year() == year).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_table_covers_every_year() {
        let t = festivals();
        assert_eq!(t.len(), 96);
        for (i, f) in t.iter().enumerate() {
            assert_eq!(f.year, 2004 + i as i32);
            assert_eq!(f.spring.year(), f.year);
        }
        assert_eq!(festivals_of(2027).unwrap().spring, day(2027, 2, 6));
        assert!(festivals_of(2003).is_none() && festivals_of(2100).is_none());
    }

    #[test]
    fn the_2024_law() {
        // 2027: 除夕 5 February (Friday) to 初三 8 February (Monday); the
        // Saturday and Sunday inside are made up on Tuesday and Wednesday.
        let off = days_off(2027).unwrap();
        for d in [
            day(2027, 1, 1),
            day(2027, 2, 5),
            day(2027, 2, 8),
            day(2027, 2, 9),
            day(2027, 2, 10),
            day(2027, 4, 5),
            day(2027, 5, 3), // 1–2 May is a weekend: made up on Monday and Tuesday
            day(2027, 5, 4),
            day(2027, 6, 9),
            day(2027, 9, 15),
            day(2027, 10, 1),
        ] {
            assert!(off.contains(&d), "{d}");
        }
        assert!(!off.contains(&day(2027, 2, 11)));
    }
}
