//! Working-day calendars and deadlines, for review times such as "1–2
//! working days" (Kingsoft Cloud) or "3 working days" (Huawei Cloud).
//!
//! A mainland working day skips weekends and statutory holidays, and some
//! weekend days are working days (调休). [`ChinaMainland`] knows the State
//! Council's announcements for 2004–2026 and refuses to guess about other
//! years; [`Weekdays`] counts Monday to Friday, every year. Both implement
//! [`WorkCalendar`], which is object-safe, so a calendar can be chosen at run
//! time. [`due`] turns a start time and a [`Duration`] into a deadline in
//! China Standard Time (UTC+8).
//!
//! ```
//! use chrono::NaiveDate;
//! use realname::calendar::{ChinaMainland, WorkCalendar};
//!
//! let cal = ChinaMainland::default();
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! // 2025-09-30 (Tuesday) + 1 working day: the National Day holiday runs
//! // 1–8 October, so the next working day is Thursday 9 October.
//! assert_eq!(cal.add_working_days(day(2025, 9, 30), 1)?, day(2025, 10, 9));
//! // Sunday 28 September 2025 was a make-up working day.
//! assert!(cal.is_working_day(day(2025, 9, 28))?);
//! // 2030 has not been announced.
//! assert!(cal.is_working_day(day(2030, 1, 2)).is_err());
//! # Ok::<(), realname::calendar::CalendarError>(())
//! ```

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::{
    DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, NaiveDateTime, Utc, Weekday,
};

/// Why a calendar could not answer.
///
/// ```
/// use chrono::NaiveDate;
/// use realname::calendar::{CalendarError, ChinaMainland, WorkCalendar};
///
/// let err = ChinaMainland::default().is_working_day(NaiveDate::from_ymd_opt(2031, 5, 1).unwrap()).unwrap_err();
/// assert!(matches!(err, CalendarError::OutOfRange { first: 2004, last: 2026, .. }));
/// assert_eq!(err.to_string(), "2031-05-01 is outside the years this calendar knows (2004 to 2026)");
/// assert_eq!(err.code(), "calendar_out_of_range");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The date (or a date the answer needs) is outside the years the
    /// calendar knows.
    #[error("{date} is outside the years this calendar knows ({first} to {last})")]
    OutOfRange {
        /// The date asked about.
        date: NaiveDate,
        /// The first year the calendar knows.
        first: i32,
        /// The last year the calendar knows.
        last: i32,
    },
    /// The answer would be past the last date chrono can represent.
    #[error("the date is past the last representable date")]
    Overflow,
    /// A year added to a calendar must follow the last year it knows.
    #[error("year {year} does not follow the last year the calendar knows, {last}")]
    NotContiguous {
        /// The year being added.
        year: i32,
        /// The last year the calendar knows.
        last: i32,
    },
}

impl CalendarError {
    /// A stable identifier of the kind of error.
    ///
    /// ```
    /// assert_eq!(realname::calendar::CalendarError::Overflow.code(), "calendar_overflow");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::OutOfRange { .. } => "calendar_out_of_range",
            CalendarError::Overflow => "calendar_overflow",
            CalendarError::NotContiguous { .. } => "calendar_not_contiguous",
        }
    }

    /// The message in Chinese.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use realname::calendar::CalendarError;
    /// let e = CalendarError::OutOfRange { date: NaiveDate::from_ymd_opt(2031, 5, 1).unwrap(), first: 2004, last: 2026 };
    /// assert_eq!(e.message_zh(), "日期 2031-05-01 超出日历已知的年份（2004 至 2026 年）");
    /// ```
    pub fn message_zh(&self) -> String {
        match self {
            CalendarError::OutOfRange { date, first, last } => {
                format!("日期 {date} 超出日历已知的年份（{first} 至 {last} 年）")
            }
            CalendarError::Overflow => "日期超出可表示的范围".to_owned(),
            CalendarError::NotContiguous { year, last } => {
                format!("新增的年份 {year} 不紧接日历已知的最后一年 {last}")
            }
        }
    }
}

/// A calendar of working days.
///
/// Implementors answer [`is_working_day`](Self::is_working_day); the other
/// methods have default implementations that walk day by day, which
/// implementors with a faster way (such as [`ChinaMainland`]'s prefix
/// table) override. The trait is object-safe.
///
/// ```
/// use chrono::NaiveDate;
/// use realname::calendar::{ChinaMainland, Weekdays, WorkCalendar};
///
/// let calendars: Vec<Box<dyn WorkCalendar>> = vec![Box::new(Weekdays), Box::new(ChinaMainland::default())];
/// let new_year = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
/// let answers: Vec<bool> = calendars.iter().map(|c| c.is_working_day(new_year).unwrap()).collect();
/// assert_eq!(answers, [true, false]);
/// ```
pub trait WorkCalendar {
    /// Whether `date` is a working day.
    fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError>;

    /// The `n`-th working day after `from` (`from` itself not counted);
    /// `from` when `n` is 0.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use realname::calendar::{Weekdays, WorkCalendar};
    /// let friday = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    /// assert_eq!(Weekdays.add_working_days(friday, 1)?, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    /// # Ok::<(), realname::calendar::CalendarError>(())
    /// ```
    fn add_working_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let mut date = from;
        let mut left = n;
        while left > 0 {
            date = date.succ_opt().ok_or(CalendarError::Overflow)?;
            if self.is_working_day(date)? {
                left -= 1;
            }
        }
        Ok(date)
    }

    /// The number of working days in `(from, to]`: after `from`, up to and
    /// including `to`; 0 if `to` is not after `from`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use realname::calendar::{Weekdays, WorkCalendar};
    /// let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    /// assert_eq!(Weekdays.working_days_between(day(20), day(27))?, 5);
    /// # Ok::<(), realname::calendar::CalendarError>(())
    /// ```
    fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<u32, CalendarError> {
        let mut count = 0;
        let mut date = from;
        while date < to {
            date = date.succ_opt().ok_or(CalendarError::Overflow)?;
            if self.is_working_day(date)? {
                count += 1;
            }
        }
        Ok(count)
    }
}

/// Forwards every method of [`WorkCalendar`] through a pointer type, so
/// that `&C` and `Box<C>` (including `Box<dyn WorkCalendar>`) are calendars.
macro_rules! forward_calendar {
    ($($ptr:ty),+) => {$(
        impl<C: WorkCalendar + ?Sized> WorkCalendar for $ptr {
            fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
                (**self).is_working_day(date)
            }
            fn add_working_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
                (**self).add_working_days(from, n)
            }
            fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<u32, CalendarError> {
                (**self).working_days_between(from, to)
            }
        }
    )+};
}
forward_calendar!(&C, Box<C>);

/// Monday to Friday are working days, every year; no holidays.
///
/// ```
/// use chrono::NaiveDate;
/// use realname::calendar::{Weekdays, WorkCalendar};
/// let saturday = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
/// assert!(!Weekdays.is_working_day(saturday)?);
/// assert_eq!(Weekdays.add_working_days(saturday, 250)?, NaiveDate::from_ymd_opt(2027, 11, 5).unwrap());
/// # Ok::<(), realname::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Weekdays;

impl WorkCalendar for Weekdays {
    fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        Ok(!matches!(date.weekday(), Weekday::Sat | Weekday::Sun))
    }

    fn add_working_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        // Whole weeks at once, then at most a week of single days.
        let weeks = u64::from(n / 5);
        let mut date = from
            .checked_add_days(Days::new(weeks * 7))
            .ok_or(CalendarError::Overflow)?;
        let mut left = n % 5;
        while left > 0 {
            date = date.succ_opt().ok_or(CalendarError::Overflow)?;
            if self.is_working_day(date)? {
                left -= 1;
            }
        }
        // A Saturday or Sunday start lands on a weekend after whole weeks
        // when n is a multiple of 5: move back to the Friday before, which
        // is the n-th working day.
        if n > 0 && n.is_multiple_of(5) {
            while !self.is_working_day(date)? {
                date = date.pred_opt().ok_or(CalendarError::Overflow)?;
            }
        }
        Ok(date)
    }

    fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<u32, CalendarError> {
        if to <= from {
            return Ok(0);
        }
        let days = (to - from).num_days();
        let weeks = days / 7;
        let mut count = weeks * 5;
        let mut date = from
            .checked_add_days(Days::new((weeks * 7).unsigned_abs()))
            .ok_or(CalendarError::Overflow)?;
        while date < to {
            date = date.succ_opt().ok_or(CalendarError::Overflow)?;
            if self.is_working_day(date)? {
                count += 1;
            }
        }
        u32::try_from(count).map_err(|_| CalendarError::Overflow)
    }
}

/// The announced days of one year: holidays (days off, weekends inside a
/// holiday period included) and make-up working days.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Table {
    first: NaiveDate,
    last_year: i32,
    /// `prefix[i]`: the working days in `[first, first + i]`.
    prefix: Vec<u32>,
}

impl Table {
    fn first_year(&self) -> i32 {
        self.first.year()
    }

    fn out_of_range(&self, date: NaiveDate) -> CalendarError {
        CalendarError::OutOfRange {
            date,
            first: self.first_year(),
            last: self.last_year,
        }
    }

    fn index(&self, date: NaiveDate) -> Result<usize, CalendarError> {
        let i = (date - self.first).num_days();
        usize::try_from(i)
            .ok()
            .filter(|&i| i < self.prefix.len())
            .ok_or_else(|| self.out_of_range(date))
    }

    fn count_at(&self, i: usize) -> u32 {
        self.prefix.get(i).copied().unwrap_or(0)
    }

    fn is_working(&self, i: usize) -> bool {
        let before = i.checked_sub(1).map_or(0, |j| self.count_at(j));
        self.count_at(i) > before
    }

    /// Builds the prefix table for `[first, 31 December of last_year]`
    /// from the days whose status differs from the week's.
    fn build(first: NaiveDate, last_year: i32, exceptions: &[(NaiveDate, bool)]) -> Table {
        let end = NaiveDate::from_ymd_opt(last_year, 12, 31).unwrap_or(first);
        let mut prefix =
            Vec::with_capacity(usize::try_from((end - first).num_days() + 1).unwrap_or(0));
        let mut count = 0u32;
        let mut date = first;
        loop {
            let weekday = !matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
            let working = exceptions
                .binary_search_by_key(&date, |&(d, _)| d)
                .ok()
                .and_then(|i| exceptions.get(i))
                .map_or(weekday, |&(_, w)| w);
            count += u32::from(working);
            prefix.push(count);
            match date.succ_opt() {
                Some(next) if next <= end => date = next,
                _ => break,
            }
        }
        Table {
            first,
            last_year,
            prefix,
        }
    }
}

/// The built-in announcements: `data/cn-work-calendar.csv`, compiled in.
const DATA: &str = include_str!("../data/cn-work-calendar.csv");

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

/// A length of time a rule allows, such as a review time.
///
/// ```
/// use realname::calendar::Duration;
/// assert_eq!(Duration::WorkingDays(3).to_string(), "3 working days");
/// assert_eq!(Duration::WorkingDays(3).to_string_zh(), "3 个工作日");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Duration {
    /// Minutes.
    Minutes(u32),
    /// Hours.
    Hours(u32),
    /// Calendar days: the same time of day, so many days later.
    CalendarDays(u32),
    /// Working days: until 24:00 (China Standard Time) of the n-th working
    /// day after the start's date.
    WorkingDays(u32),
    /// Calendar months: the same day of the month (or the month's last day)
    /// and time, so many months later.
    CalendarMonths(u32),
}

impl Duration {
    /// The duration in Chinese: `30 分钟`, `3 个工作日` …
    ///
    /// ```
    /// assert_eq!(realname::calendar::Duration::CalendarMonths(1).to_string_zh(), "1 个自然月");
    /// ```
    pub fn to_string_zh(&self) -> String {
        match self {
            Duration::Minutes(n) => format!("{n} 分钟"),
            Duration::Hours(n) => format!("{n} 小时"),
            Duration::CalendarDays(n) => format!("{n} 天"),
            Duration::WorkingDays(n) => format!("{n} 个工作日"),
            Duration::CalendarMonths(n) => format!("{n} 个自然月"),
        }
    }
}

impl std::fmt::Display for Duration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (n, unit) = match self {
            Duration::Minutes(n) => (n, "minute"),
            Duration::Hours(n) => (n, "hour"),
            Duration::CalendarDays(n) => (n, "calendar day"),
            Duration::WorkingDays(n) => (n, "working day"),
            Duration::CalendarMonths(n) => (n, "calendar month"),
        };
        let plural = if *n == 1 { "" } else { "s" };
        write!(f, "{n} {unit}{plural}")
    }
}

/// China Standard Time: UTC+8, no daylight saving.
///
/// ```
/// assert_eq!(realname::calendar::china_standard_time().local_minus_utc(), 8 * 3600);
/// ```
pub fn china_standard_time() -> FixedOffset {
    // 8 hours is within chrono's ±24 h, so the fallback never happens.
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| chrono::Offset::fix(&Utc))
}

/// When something that started at `start` and may take `duration` is due,
/// reckoned in China Standard Time.
///
/// A working-day duration ends at 24:00 of the n-th working day after the
/// start's date (its date in China Standard Time), that is at 00:00 of the
/// next day. Minutes, hours and calendar days add that much time; calendar
/// months keep the day of the month (or the month's last day).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::calendar::{due, ChinaMainland, Duration};
///
/// let cal = ChinaMainland::default();
/// // Submitted Friday 2026-11-20 at 15:00 in Beijing (07:00 UTC).
/// let start = Utc.with_ymd_and_hms(2026, 11, 20, 7, 0, 0).unwrap();
/// // 2 working days: Monday and Tuesday, so due at 24:00 on Tuesday 24
/// // November, Beijing time: 16:00 UTC.
/// assert_eq!(due(start, Duration::WorkingDays(2), &cal)?, Utc.with_ymd_and_hms(2026, 11, 24, 16, 0, 0).unwrap());
/// assert_eq!(due(start, Duration::Hours(2), &cal)?, Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap());
/// # Ok::<(), realname::calendar::CalendarError>(())
/// ```
pub fn due(
    start: DateTime<Utc>,
    duration: Duration,
    calendar: &dyn WorkCalendar,
) -> Result<DateTime<Utc>, CalendarError> {
    let add = |d: chrono::Duration| start.checked_add_signed(d).ok_or(CalendarError::Overflow);
    match duration {
        Duration::Minutes(n) => add(chrono::Duration::minutes(i64::from(n))),
        Duration::Hours(n) => add(chrono::Duration::hours(i64::from(n))),
        Duration::CalendarDays(n) => add(chrono::Duration::days(i64::from(n))),
        Duration::CalendarMonths(n) => {
            let local = beijing_time(start).ok_or(CalendarError::Overflow)?;
            local
                .checked_add_months(Months::new(n))
                .and_then(from_beijing_time)
                .ok_or(CalendarError::Overflow)
        }
        Duration::WorkingDays(n) => {
            let date = beijing_time(start).ok_or(CalendarError::Overflow)?.date();
            let last = calendar.add_working_days(date, n)?;
            last.succ_opt()
                .and_then(|end| end.and_hms_opt(0, 0, 0))
                .and_then(from_beijing_time)
                .ok_or(CalendarError::Overflow)
        }
    }
}

/// The wall-clock time in China Standard Time, or `None` past the last
/// time chrono can represent (chrono's own conversion panics there).
pub(crate) fn beijing_time(t: DateTime<Utc>) -> Option<NaiveDateTime> {
    t.naive_utc().checked_add_signed(chrono::Duration::hours(8))
}

/// The moment a China Standard Time wall-clock time names, if
/// representable.
fn from_beijing_time(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    local
        .checked_sub_signed(chrono::Duration::hours(8))
        .map(|utc| utc.and_utc())
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
