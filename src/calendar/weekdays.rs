//! `Weekdays`: Monday to Friday, every year.

use super::*;

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
