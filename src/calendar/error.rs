//! Why a calendar could not answer.

use super::*;

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
    /// assert_eq!(e.to_string_zh(), "日期 2031-05-01 超出日历已知的年份（2004 至 2026 年）");
    /// ```
    pub fn to_string_zh(&self) -> String {
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
