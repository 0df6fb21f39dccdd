//! The `WorkCalendar` trait, and its forwarding through pointers.

use super::*;

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
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] for a date the calendar does not know.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use realname::calendar::{ChinaMainland, WorkCalendar};
    /// assert_eq!(ChinaMainland::default().is_working_day(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()), Ok(false));
    /// ```
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
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] naming the first day after `from`
    /// that the calendar does not know, when the walk reaches it;
    /// [`CalendarError::Overflow`] past chrono's last date.
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
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] naming the first day in `(from, to]`
    /// that the calendar does not know.
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
    /// The first day whose answer is an estimate rather than a known fact,
    /// if there is one: answers about that day and every later one are
    /// estimates ([`ChinaMainland::with_estimates`]). `None`, the default,
    /// when every answer is exact. A calendar that wraps another must
    /// forward this method too, or its answers lose their estimate mark
    /// (`&C` and `Box<C>` forward it).
    ///
    /// ```
    /// use realname::calendar::{ChinaMainland, Weekdays, WorkCalendar};
    /// assert_eq!(Weekdays.estimated_from(), None);
    /// assert_eq!(ChinaMainland::default().estimated_from(), None);
    /// assert!(ChinaMainland::default().with_estimates().estimated_from().is_some());
    /// ```
    fn estimated_from(&self) -> Option<NaiveDate> {
        None
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
            fn estimated_from(&self) -> Option<NaiveDate> {
                (**self).estimated_from()
            }
        }
    )+};
}
forward_calendar!(&C, Box<C>);
