//! `ChinaMainland`: the State Council's announced holidays and make-up working days.

use super::*;

/// The built-in announcements: `data/cn-work-calendar.csv`, compiled in.
const DATA: &str = include_str!("../../data/cn-work-calendar.csv");

/// The days of `DATA` whose status differs from the week's, sorted:
/// `(date, is a working day)`.
fn built_in_exceptions() -> Vec<(NaiveDate, bool)> {
    let mut out: Vec<(NaiveDate, bool)> = DATA
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("date"))
        .filter_map(|l| {
            let mut fields = l.split(',');
            let date = fields.next()?.parse::<NaiveDate>().ok()?;
            let working = match fields.next()? {
                "holiday" => false,
                "workday" => true,
                _ => return None,
            };
            Some((date, working))
        })
        .collect();
    out.sort_unstable();
    out
}

fn built_in() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let first = NaiveDate::from_ymd_opt(2004, 1, 1).unwrap_or(NaiveDate::MIN);
        Table::build(first, 2026, &built_in_exceptions())
    })
}

/// The mainland China working-day calendar: weekends and statutory
/// holidays off, make-up working days (调休) on, as the General Office of
/// the State Council announced them for 2004–2026 (the years of
/// [`ChinaMainland::DATA_VERSION`]). A date in any other year is an error,
/// never a guess.
///
/// Callers extend it without forking the crate: [`with_year`](Self::with_year)
/// adds the next announced year, [`with_day`](Self::with_day) overlays a
/// day of their own (an office closure, an extra working day).
///
/// Answers are lookups in a table of running totals, so adding 250 working
/// days costs a binary search, not a walk over the dates.
///
/// ```
/// use chrono::NaiveDate;
/// use realname::calendar::{ChinaMainland, WorkCalendar};
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let cal = ChinaMainland::default();
/// // Spring Festival 2026: 15–23 February off, 14 and 28 February worked.
/// assert_eq!(cal.working_days_between(day(2026, 2, 13), day(2026, 2, 24))?, 2);
/// let closed = cal.with_day(day(2026, 2, 24), false)?;
/// assert_eq!(closed.working_days_between(day(2026, 2, 13), day(2026, 2, 24))?, 1);
/// # Ok::<(), realname::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChinaMainland {
    table: Cow<'static, Table>,
    /// Every day that differs from the week's, built-in and added.
    exceptions: Cow<'static, [(NaiveDate, bool)]>,
}

impl Default for ChinaMainland {
    /// The built-in calendar, 2004–2026.
    fn default() -> Self {
        static EXCEPTIONS: OnceLock<Vec<(NaiveDate, bool)>> = OnceLock::new();
        ChinaMainland {
            table: Cow::Borrowed(built_in()),
            exceptions: Cow::Borrowed(EXCEPTIONS.get_or_init(built_in_exceptions).as_slice()),
        }
    }
}

impl ChinaMainland {
    /// Where the built-in announcements come from and which years they
    /// cover.
    ///
    /// ```
    /// assert!(realname::calendar::ChinaMainland::DATA_VERSION.contains("2026"));
    /// ```
    pub const DATA_VERSION: &'static str = "State Council holiday announcements 2004-2026 (chinesecalendar 1.11.0, checked against the 2026 notice)";

    /// The first and last years the calendar knows.
    ///
    /// ```
    /// assert_eq!(realname::calendar::ChinaMainland::default().years(), (2004, 2026));
    /// ```
    pub fn years(&self) -> (i32, i32) {
        (self.table.first_year(), self.table.last_year)
    }

    /// The calendar extended by the year after its last, with that year's
    /// announced holidays and make-up working days (dates outside the year
    /// are ignored).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use realname::calendar::{ChinaMainland, WorkCalendar};
    /// let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
    /// let cal = ChinaMainland::default().with_year(2027, &[day(1, 1)], &[])?;
    /// assert!(!cal.is_working_day(day(1, 1))?);
    /// assert!(cal.is_working_day(day(1, 4))?);
    /// assert!(ChinaMainland::default().with_year(2029, &[], &[]).is_err());
    /// # Ok::<(), realname::calendar::CalendarError>(())
    /// ```
    pub fn with_year(
        &self,
        year: i32,
        holidays: &[NaiveDate],
        working_days: &[NaiveDate],
    ) -> Result<ChinaMainland, CalendarError> {
        let last = self.table.last_year;
        if year != last + 1 {
            return Err(CalendarError::NotContiguous { year, last });
        }
        let mut exceptions = self.exceptions.to_vec();
        let in_year = |d: &&NaiveDate| d.year() == year;
        exceptions.extend(holidays.iter().filter(in_year).map(|&d| (d, false)));
        exceptions.extend(working_days.iter().filter(in_year).map(|&d| (d, true)));
        exceptions.sort_unstable();
        exceptions.dedup_by_key(|&mut (d, _)| d);
        Ok(ChinaMainland {
            table: Cow::Owned(Table::build(self.table.first, year, &exceptions)),
            exceptions: Cow::Owned(exceptions),
        })
    }

    /// The calendar with `date` made a working day (`true`) or a day off
    /// (`false`), whatever the announcements say: an organisation's own
    /// closures and extra working days. The date must be in a year the
    /// calendar knows.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use realname::calendar::{ChinaMainland, WorkCalendar};
    /// let saturday = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    /// let cal = ChinaMainland::default().with_day(saturday, true)?;
    /// assert!(cal.is_working_day(saturday)?);
    /// # Ok::<(), realname::calendar::CalendarError>(())
    /// ```
    pub fn with_day(&self, date: NaiveDate, working: bool) -> Result<ChinaMainland, CalendarError> {
        self.table.index(date)?;
        let mut exceptions = self.exceptions.to_vec();
        match exceptions.binary_search_by_key(&date, |&(d, _)| d) {
            Ok(i) => {
                if let Some(slot) = exceptions.get_mut(i) {
                    slot.1 = working;
                }
            }
            Err(i) => exceptions.insert(i, (date, working)),
        }
        Ok(ChinaMainland {
            table: Cow::Owned(Table::build(
                self.table.first,
                self.table.last_year,
                &exceptions,
            )),
            exceptions: Cow::Owned(exceptions),
        })
    }
}

impl WorkCalendar for ChinaMainland {
    fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        let i = self.table.index(date)?;
        Ok(self.table.is_working(i))
    }

    fn add_working_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let i = self.table.index(from)?;
        if n == 0 {
            return Ok(from);
        }
        let target = self.table.count_at(i).saturating_add(n);
        let j = self.table.prefix.partition_point(|&c| c < target);
        if j >= self.table.prefix.len() {
            // The answer lies past the last year known: name the first day
            // the calendar does not know, as walking day by day would.
            let past = NaiveDate::from_ymd_opt(self.table.last_year + 1, 1, 1).unwrap_or(from);
            return Err(self.table.out_of_range(past));
        }
        from.checked_add_days(Days::new((j - i) as u64))
            .ok_or(CalendarError::Overflow)
    }

    fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<u32, CalendarError> {
        let i = self.table.index(from)?;
        let j = self.table.index(to)?;
        if j <= i {
            return Ok(0);
        }
        Ok(self.table.count_at(j) - self.table.count_at(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A walking calendar with the default methods, to check the overrides.
    struct Walk<C>(C);

    impl<C: WorkCalendar> WorkCalendar for Walk<C> {
        fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
            self.0.is_working_day(date)
        }
    }

    #[test]
    fn fast_paths_agree_with_walking() {
        let cal = ChinaMainland::default();
        for start in [
            day(2004, 1, 1),
            day(2015, 9, 26),
            day(2020, 1, 23),
            day(2026, 9, 30),
        ] {
            for n in [0, 1, 2, 5, 7, 10, 31, 250] {
                assert_eq!(
                    cal.add_working_days(start, n),
                    Walk(&cal).add_working_days(start, n),
                    "{start} {n}"
                );
                assert_eq!(
                    Weekdays.add_working_days(start, n),
                    Walk(Weekdays).add_working_days(start, n),
                    "{start} {n}"
                );
            }
        }
        let dates = [
            day(2004, 1, 1),
            day(2010, 2, 13),
            day(2019, 10, 1),
            day(2026, 12, 31),
        ];
        for a in dates {
            for b in dates {
                assert_eq!(
                    cal.working_days_between(a, b),
                    Walk(&cal).working_days_between(a, b)
                );
                assert_eq!(
                    Weekdays.working_days_between(a, b),
                    Walk(Weekdays).working_days_between(a, b)
                );
            }
        }
    }

    #[test]
    fn past_the_last_year_is_an_error() {
        let cal = ChinaMainland::default();
        assert!(matches!(
            cal.add_working_days(day(2026, 12, 30), 5),
            Err(CalendarError::OutOfRange { .. })
        ));
        assert!(cal.is_working_day(day(2003, 12, 31)).is_err());
        assert!(
            cal.working_days_between(day(2026, 1, 1), day(2027, 1, 1))
                .is_err()
        );
    }
}
