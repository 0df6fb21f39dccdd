//! Deadlines in China Standard Time.

use super::*;

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
///
/// # Errors
///
/// [`CalendarError::OutOfRange`] when a working-day duration needs a day
/// the calendar does not know, [`CalendarError::Overflow`] past the last
/// time chrono can represent. [`deadline`] gives the same time and says
/// whether it rests on an estimate.
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

/// A deadline, and whether it rests on an estimated calendar day.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::calendar::{deadline, ChinaMainland, Duration};
/// let start = Utc.with_ymd_and_hms(2026, 12, 30, 2, 0, 0).unwrap();
/// let d = deadline(start, Duration::WorkingDays(3), &ChinaMainland::default().with_estimates())?;
/// assert!(d.estimated); // it counts working days of 2027
/// # Ok::<(), realname::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Due {
    /// When it is due.
    pub at: DateTime<Utc>,
    /// Whether a day the answer counted is an estimate
    /// ([`WorkCalendar::estimated_from`]): show it as "预计" (expected),
    /// or refuse it where the deadline must be exact.
    pub estimated: bool,
}

/// When something that started at `start` and may take `duration` is due,
/// as [`due`] reckons it, and whether the answer rests on a day the
/// calendar estimates.
///
/// # Errors
///
/// As [`due`].
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::calendar::{deadline, ChinaMainland, Duration};
///
/// // Submitted 10:00 Beijing time on Wednesday 30 December 2026.
/// let start = Utc.with_ymd_and_hms(2026, 12, 30, 2, 0, 0).unwrap();
/// let exact = ChinaMainland::default();
/// // 1 working day: Thursday 31 December, known.
/// let d = deadline(start, Duration::WorkingDays(1), &exact)?;
/// assert_eq!((d.at, d.estimated), (Utc.with_ymd_and_hms(2026, 12, 31, 16, 0, 0).unwrap(), false));
/// // 3 working days reach into 2027, which is not announced.
/// assert!(deadline(start, Duration::WorkingDays(3), &exact).is_err());
/// let d = deadline(start, Duration::WorkingDays(3), &exact.with_estimates())?;
/// // 31 December, then New Year's Day off, then Monday 4 and Tuesday 5
/// // January: due at 24:00 on the 5th, as estimated.
/// assert_eq!((d.at, d.estimated), (Utc.with_ymd_and_hms(2027, 1, 5, 16, 0, 0).unwrap(), true));
/// # Ok::<(), realname::calendar::CalendarError>(())
/// ```
pub fn deadline(
    start: DateTime<Utc>,
    duration: Duration,
    calendar: &dyn WorkCalendar,
) -> Result<Due, CalendarError> {
    let at = due(start, duration, calendar)?;
    let estimated = match (duration, calendar.estimated_from()) {
        // The days counted are those after the start's date up to the
        // last working day, the day before `at` in Beijing time.
        (Duration::WorkingDays(n), Some(first)) if n > 0 => beijing_time(at)
            .and_then(|local| local.date().pred_opt())
            .is_some_and(|last| last >= first),
        _ => false,
    };
    Ok(Due { at, estimated })
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
