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

/// The first day of the built-in table.
fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2004, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The last year the built-in announcements cover.
const LAST_ANNOUNCED: i32 = 2026;

fn built_in_exceptions_static() -> &'static [(NaiveDate, bool)] {
    static EXCEPTIONS: OnceLock<Vec<(NaiveDate, bool)>> = OnceLock::new();
    EXCEPTIONS.get_or_init(built_in_exceptions).as_slice()
}

fn built_in() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| Table::build(first_day(), LAST_ANNOUNCED, built_in_exceptions_static()))
}

/// The built-in announcements followed by the statutory estimate.
fn built_in_with_estimates() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        build(
            first_day(),
            built_in_exceptions_static(),
            LAST_ANNOUNCED,
            true,
        )
    })
}

/// The table for announced `exceptions` up to `announced_last`, followed
/// (with `estimates`) by the statutory estimate of every later year the
/// festival table covers.
fn build(
    first: NaiveDate,
    exceptions: &[(NaiveDate, bool)],
    announced_last: i32,
    estimates: bool,
) -> Table {
    if !estimates || announced_last >= FESTIVAL_YEARS.1 {
        return Table::build(first, announced_last, exceptions);
    }
    let mut all = exceptions.to_vec();
    for year in announced_last + 1..=FESTIVAL_YEARS.1 {
        all.extend(
            days_off(year)
                .unwrap_or_default()
                .into_iter()
                .map(|d| (d, false)),
        );
    }
    Table::build(first, FESTIVAL_YEARS.1, &all)
}

/// The mainland China working-day calendar: weekends and statutory
/// holidays off, make-up working days (调休) on, as the General Office of
/// the State Council announced them for 2004–2026 (the years of
/// [`ChinaMainland::DATA_VERSION`]). By default a date in any other year is
/// an error, never a guess.
///
/// Three ways past the last announced year:
///
/// - [`with_csv`](Self::with_csv), [`with_announced`](Self::with_announced)
///   and [`with_year`](Self::with_year) add a newly announced year at run
///   time, checked (a year given twice, a date outside its year, a make-up
///   working day on a weekday are errors);
/// - [`with_estimates`](Self::with_estimates) opts into an *estimated*
///   horizon to 2099: the holidays the law itself fixes, with no make-up
///   working days. Answers from it are marked:
///   [`WorkCalendar::estimated_from`] names the first estimated day, and
///   [`deadline`](super::deadline) and
///   [`rules::review_due`](crate::rules::review_due) say whether a deadline
///   rests on it, so a console can show "预计" and a caller who must be exact
///   can refuse it;
/// - [`with_day`](Self::with_day) overlays a day of the caller's own (an
///   office closure, an extra working day) in an announced year.
///
/// How good the estimate is, measured against the 23 announced years
/// 2004–2026 (each estimated under the version of the law then in force,
/// as if its notice were unknown; a test keeps these figures current): for
/// a review of 1, 2 or 3 working days started on any day of those years,
/// the estimated due date equals the announced one in 91.4% of cases
/// (89.8% for 2025–2026, under the 2024 law that later years follow), and
/// when it differs it is at most 10 calendar days off (7 in 2025–2026),
/// early or late. What the law cannot predict is the State Council's
/// make-up working days and the days it bridges to a weekend; near the
/// Spring Festival and National Day an estimate is least reliable.
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
///
/// // 2027 is not announced: an error by default, an estimate on request.
/// assert!(cal.is_working_day(day(2027, 2, 8)).is_err());
/// let estimated = cal.with_estimates();
/// assert_eq!(estimated.is_working_day(day(2027, 2, 8)), Ok(false)); // 初三
/// assert_eq!(estimated.estimated_from(), Some(day(2027, 1, 1)));
/// # Ok::<(), realname::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChinaMainland {
    table: Cow<'static, Table>,
    /// Every announced day that differs from the week's, built-in and
    /// added, with the caller's overlays.
    exceptions: Cow<'static, [(NaiveDate, bool)]>,
    /// The last announced year.
    announced_last: i32,
    /// Whether the years after `announced_last` are estimated.
    estimates: bool,
}

impl Default for ChinaMainland {
    /// The built-in calendar, 2004–2026, with no estimates.
    fn default() -> Self {
        ChinaMainland {
            table: Cow::Borrowed(built_in()),
            exceptions: Cow::Borrowed(built_in_exceptions_static()),
            announced_last: LAST_ANNOUNCED,
            estimates: false,
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

    /// The first and last announced years the calendar knows (estimated
    /// years not included: see [`estimated_years`](Self::estimated_years)).
    ///
    /// ```
    /// assert_eq!(realname::calendar::ChinaMainland::default().years(), (2004, 2026));
    /// ```
    pub fn years(&self) -> (i32, i32) {
        (self.table.first_year(), self.announced_last)
    }

    /// The years answered by estimate, if any.
    ///
    /// ```
    /// use realname::calendar::ChinaMainland;
    /// assert_eq!(ChinaMainland::default().estimated_years(), None);
    /// assert_eq!(ChinaMainland::default().with_estimates().estimated_years(), Some((2027, 2099)));
    /// ```
    pub fn estimated_years(&self) -> Option<(i32, i32)> {
        (self.estimates && self.announced_last < FESTIVAL_YEARS.1)
            .then_some((self.announced_last + 1, FESTIVAL_YEARS.1))
    }

    /// The calendar with the years after the last announced one, to 2099,
    /// estimated from the holidays the law fixes (see the type's
    /// documentation for how close the estimate comes). Years announced
    /// later, added with [`with_csv`](Self::with_csv) and the like, replace
    /// their estimate.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use realname::calendar::{ChinaMainland, WorkCalendar};
    /// let cal = ChinaMainland::default().with_estimates();
    /// let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
    /// // National Day 2027, 1–3 October: Friday to Sunday, the Saturday and
    /// // Sunday made up on Monday 4 and Tuesday 5 October (补假).
    /// assert_eq!(cal.add_working_days(day(9, 30), 1)?, day(10, 6));
    /// # Ok::<(), realname::calendar::CalendarError>(())
    /// ```
    #[must_use]
    pub fn with_estimates(&self) -> ChinaMainland {
        if self.estimates {
            return self.clone();
        }
        let table = match &self.exceptions {
            Cow::Borrowed(_) if self.announced_last == LAST_ANNOUNCED => {
                Cow::Borrowed(built_in_with_estimates())
            }
            _ => Cow::Owned(build(
                self.table.first,
                &self.exceptions,
                self.announced_last,
                true,
            )),
        };
        ChinaMainland {
            table,
            exceptions: self.exceptions.clone(),
            announced_last: self.announced_last,
            estimates: true,
        }
    }

    /// The calendar extended by the year after its last announced one,
    /// with that year's announced holidays and make-up working days.
    ///
    /// # Errors
    ///
    /// [`CalendarError::NotContiguous`] when `year` is not the year after
    /// the last announced one ([`CalendarError::YearTwice`] when it is
    /// already known), and the errors of
    /// [`with_announced`](Self::with_announced) for bad dates.
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
        self.with_announced(&[AnnouncedYear::new(
            year,
            holidays.to_vec(),
            working_days.to_vec(),
        )])
    }

    /// The calendar extended by newly announced years, in order, each
    /// following the last one known.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::YearTwice`]: a year the calendar already knows,
    ///   or a year given twice;
    /// - [`CalendarError::NotContiguous`]: a year that does not follow the
    ///   last one known;
    /// - [`CalendarError::DateOutsideYear`], [`CalendarError::DayTwice`],
    ///   [`CalendarError::MakeUpDayOnWeekday`]: a bad date in a year;
    /// - [`CalendarError::TooManyYears`]: more than [`MAX_YEARS_PER_LOAD`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use realname::calendar::{AnnouncedYear, CalendarError, ChinaMainland};
    /// let monday = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    /// let bad = AnnouncedYear::new(2027, vec![], vec![monday]);
    /// assert_eq!(
    ///     ChinaMainland::default().with_announced(&[bad]),
    ///     Err(CalendarError::MakeUpDayOnWeekday { date: monday })
    /// );
    /// ```
    pub fn with_announced(&self, years: &[AnnouncedYear]) -> Result<ChinaMainland, CalendarError> {
        if years.len() > MAX_YEARS_PER_LOAD {
            return Err(CalendarError::TooManyYears {
                max: MAX_YEARS_PER_LOAD,
            });
        }
        let mut exceptions = self.exceptions.to_vec();
        let mut last = self.announced_last;
        for y in years {
            if y.year <= last && y.year >= self.table.first_year() {
                return Err(CalendarError::YearTwice { year: y.year });
            }
            if y.year != last + 1 {
                return Err(CalendarError::NotContiguous { year: y.year, last });
            }
            exceptions.extend(y.exceptions()?);
            last = y.year;
        }
        Ok(ChinaMainland {
            table: Cow::Owned(build(self.table.first, &exceptions, last, self.estimates)),
            exceptions: Cow::Owned(exceptions),
            announced_last: last,
            estimates: self.estimates,
        })
    }

    /// The calendar extended by the years in `csv`, in the form of the
    /// built-in data file: one line per day, `date,kind[,festival]`, with
    /// `kind` either `holiday` (a day off) or `workday` (a make-up working
    /// day); lines starting with `#`, a header line starting with `date`,
    /// and blank lines are skipped. Days not listed follow the week.
    ///
    /// # Errors
    ///
    /// [`CalendarError::Malformed`] with the line for a row that cannot be
    /// read, and every error of [`with_announced`](Self::with_announced).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use realname::calendar::{CalendarError, ChinaMainland, DataProblem, WorkCalendar};
    ///
    /// let csv = "date,kind,festival\n2027-01-01,holiday,New Year's Day\n2027-02-20,workday,Spring Festival\n";
    /// let cal = ChinaMainland::default().with_csv(csv)?;
    /// assert_eq!(cal.years(), (2004, 2027));
    /// assert!(cal.is_working_day(NaiveDate::from_ymd_opt(2027, 2, 20).unwrap())?);
    ///
    /// let err = ChinaMainland::default().with_csv("2027-01-01,day off\n").unwrap_err();
    /// assert_eq!(err, CalendarError::Malformed { line: 1, problem: DataProblem::BadKind });
    /// assert_eq!(err.to_string(), "line 1: the kind must be holiday or workday");
    /// # Ok::<(), realname::calendar::CalendarError>(())
    /// ```
    pub fn with_csv(&self, csv: &str) -> Result<ChinaMainland, CalendarError> {
        self.with_announced(&parse_csv(csv)?)
    }

    /// The calendar with `date` made a working day (`true`) or a day off
    /// (`false`), whatever the announcements say: an organisation's own
    /// closures and extra working days.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when the date is not in an announced
    /// year.
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
        if date.year() > self.announced_last || date < self.table.first {
            return Err(CalendarError::OutOfRange {
                date,
                first: self.table.first_year(),
                last: self.announced_last,
            });
        }
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
            table: Cow::Owned(build(
                self.table.first,
                &exceptions,
                self.announced_last,
                self.estimates,
            )),
            exceptions: Cow::Owned(exceptions),
            announced_last: self.announced_last,
            estimates: self.estimates,
        })
    }

    /// The working days in `[first day, date]`, as the walk of the trait's
    /// default methods would reach them: 0 for the day before the table;
    /// for any other date outside it, the error for the day after `date`,
    /// the first day a walk from `date` would ask about.
    fn count_through(&self, date: NaiveDate) -> Result<u32, CalendarError> {
        match self.table.index(date) {
            Ok(i) => Ok(self.table.count_at(i)),
            Err(_) => match date.succ_opt() {
                Some(next) if next == self.table.first => Ok(0),
                Some(next) => Err(self.table.out_of_range(next)),
                None => Err(CalendarError::Overflow),
            },
        }
    }

    /// The first day after the table, named in the error for an answer
    /// that lies past it.
    fn past_the_end(&self, from: NaiveDate) -> CalendarError {
        let past = NaiveDate::from_ymd_opt(self.table.last_year + 1, 1, 1).unwrap_or(from);
        self.table
            .out_of_range(past.max(from.succ_opt().unwrap_or(from)))
    }
}

impl WorkCalendar for ChinaMainland {
    fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        let i = self.table.index(date)?;
        Ok(self.table.is_working(i))
    }

    fn add_working_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        if n == 0 {
            return Ok(from);
        }
        let before = self.count_through(from)?;
        let target = before.saturating_add(n);
        let j = self.table.prefix.partition_point(|&c| c < target);
        if j >= self.table.prefix.len() {
            // The answer lies past the last year known: name the first day
            // the calendar does not know, as walking day by day would.
            return Err(self.past_the_end(from));
        }
        self.table
            .first
            .checked_add_days(Days::new(j as u64))
            .ok_or(CalendarError::Overflow)
    }

    fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<u32, CalendarError> {
        if to <= from {
            return Ok(0);
        }
        let before = self.count_through(from)?;
        let j = self.table.index(to).map_err(|_| self.past_the_end(from))?;
        Ok(self.table.count_at(j).saturating_sub(before))
    }

    fn estimated_from(&self) -> Option<NaiveDate> {
        self.estimated_years()
            .and_then(|(first, _)| NaiveDate::from_ymd_opt(first, 1, 1))
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

    /// How often, and by how much, the statutory estimate misses the
    /// announced due date of a 1–3 working-day review, over every start
    /// day of the announced years (each estimated under the law then in
    /// force). The figures are the ones `ChinaMainland`'s documentation
    /// gives.
    #[test]
    fn the_estimate_against_the_announced_years() {
        fn measure(substitutes: bool, years: std::ops::RangeInclusive<i32>) -> (usize, usize, i64) {
            let exact = ChinaMainland::default();
            let mut off = Vec::new();
            for y in 2004..=2030 {
                off.extend(
                    super::super::statutory::days_off_with(y, substitutes)
                        .unwrap()
                        .into_iter()
                        .map(|d| (d, false)),
                );
            }
            let estimate = Table::build(day(2004, 1, 1), 2030, &off);
            let estimate = ChinaMainland {
                table: Cow::Owned(estimate),
                exceptions: Cow::Owned(off),
                announced_last: 2030,
                estimates: false,
            };
            let (mut cases, mut differ, mut worst) = (0, 0, 0i64);
            let mut d = day(*years.start(), 1, 1);
            while d.year() <= *years.end() {
                for n in 1..=3 {
                    let Ok(a) = exact.add_working_days(d, n) else {
                        continue;
                    };
                    let e = estimate.add_working_days(d, n).unwrap();
                    cases += 1;
                    if a != e {
                        differ += 1;
                        worst = worst.max((a - e).num_days().abs());
                    }
                }
                d = d.succ_opt().unwrap();
            }
            (cases, differ, worst)
        }
        let pct = |(cases, differ, _): (usize, usize, i64)| {
            (10_000 * (cases - differ) / cases) as f64 / 100.0
        };
        let all = measure(true, 2004..=2026);
        let recent = measure(true, 2025..=2026);
        let all_plain = measure(false, 2004..=2026);
        let recent_plain = measure(false, 2025..=2026);
        println!(
            "with substitute days: all {all:?} {}% exact, 2025-2026 {recent:?} {}%; without: all {all_plain:?} {}%, 2025-2026 {recent_plain:?} {}%",
            pct(all),
            pct(recent),
            pct(all_plain),
            pct(recent_plain)
        );
        assert_eq!((pct(all), all.2), (91.35, 10));
        assert_eq!((pct(recent), recent.2), (89.83, 7));
        // The substitute days (补假) of article 6 make the estimate better.
        assert!(pct(all_plain) < pct(all) && pct(recent_plain) < pct(recent));
    }
}
