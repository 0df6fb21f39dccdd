//! Why a calendar could not answer, or could not take the data it was given.

use super::*;

/// Why a calendar could not answer, or refused a year's data.
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
    /// A year added to a calendar must follow the last announced year.
    #[error("year {year} does not follow the last year the calendar knows, {last}")]
    NotContiguous {
        /// The year being added.
        year: i32,
        /// The last announced year the calendar knows.
        last: i32,
    },
    /// A year's data was given for a year the calendar already knows, or
    /// twice in one load.
    #[error("year {year} is given twice")]
    YearTwice {
        /// The year.
        year: i32,
    },
    /// A date in a year's data lies outside that year.
    #[error("{date} is outside the year {year} it is given for")]
    DateOutsideYear {
        /// The date.
        date: NaiveDate,
        /// The year whose data lists it.
        year: i32,
    },
    /// A make-up working day (调休上班) must be a Saturday or Sunday.
    #[error("{date} is a make-up working day but falls on a weekday")]
    MakeUpDayOnWeekday {
        /// The date.
        date: NaiveDate,
    },
    /// A date is listed twice, as two kinds or as the same kind.
    #[error("{date} is listed twice")]
    DayTwice {
        /// The date.
        date: NaiveDate,
    },
    /// A line of calendar data could not be read.
    #[error("line {line}: {problem}")]
    Malformed {
        /// The line, counted from 1.
        line: usize,
        /// What is wrong with it.
        problem: DataProblem,
    },
    /// A year's data lists no day off: every year has New Year's Day at
    /// least, so the data is missing.
    #[error("year {year} lists no day off")]
    NoHolidays {
        /// The year.
        year: i32,
    },
    /// More years in one load than [`MAX_YEARS_PER_LOAD`].
    #[error("more than {max} years in one load")]
    TooManyYears {
        /// The most one load may add.
        max: usize,
    },
}

/// The most years one call of [`ChinaMainland::with_csv`] or
/// [`ChinaMainland::with_announced`] adds.
///
/// ```
/// assert_eq!(realname::calendar::MAX_YEARS_PER_LOAD, 50);
/// ```
pub const MAX_YEARS_PER_LOAD: usize = 50;

/// What is wrong with a line of calendar data
/// ([`CalendarError::Malformed`]).
///
/// ```
/// use realname::calendar::DataProblem;
/// assert_eq!(DataProblem::BadDate.to_string(), "the date is not a real date written YYYY-MM-DD");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DataProblem {
    /// The first field is not a date written `YYYY-MM-DD`.
    BadDate,
    /// The second field is neither `holiday` nor `workday`.
    BadKind,
    /// The line has fewer than two fields.
    MissingField,
    /// The line has more than three fields.
    ExtraField,
    /// No line holds a day.
    NoData,
}

impl DataProblem {
    /// A stable identifier.
    ///
    /// ```
    /// assert_eq!(realname::calendar::DataProblem::BadKind.code(), "bad_kind");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            DataProblem::BadDate => "bad_date",
            DataProblem::BadKind => "bad_kind",
            DataProblem::MissingField => "missing_field",
            DataProblem::ExtraField => "extra_field",
            DataProblem::NoData => "no_data",
        }
    }

    /// The problem in Chinese.
    ///
    /// ```
    /// assert_eq!(realname::calendar::DataProblem::BadKind.to_string_zh(), "类型应为 holiday 或 workday");
    /// ```
    pub fn to_string_zh(&self) -> &'static str {
        match self {
            DataProblem::BadDate => "日期不是有效的 YYYY-MM-DD 日期",
            DataProblem::BadKind => "类型应为 holiday 或 workday",
            DataProblem::MissingField => "缺少字段",
            DataProblem::ExtraField => "字段过多",
            DataProblem::NoData => "没有任何日期",
        }
    }
}

impl std::fmt::Display for DataProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DataProblem::BadDate => "the date is not a real date written YYYY-MM-DD",
            DataProblem::BadKind => "the kind must be holiday or workday",
            DataProblem::MissingField => "a field is missing",
            DataProblem::ExtraField => "the line has more than three fields",
            DataProblem::NoData => "no line holds a day",
        })
    }
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
            CalendarError::YearTwice { .. } => "calendar_year_twice",
            CalendarError::DateOutsideYear { .. } => "calendar_date_outside_year",
            CalendarError::MakeUpDayOnWeekday { .. } => "calendar_make_up_day_on_weekday",
            CalendarError::DayTwice { .. } => "calendar_day_twice",
            CalendarError::Malformed { .. } => "calendar_malformed",
            CalendarError::NoHolidays { .. } => "calendar_no_holidays",
            CalendarError::TooManyYears { .. } => "calendar_too_many_years",
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
            CalendarError::YearTwice { year } => format!("{year} 年的数据重复"),
            CalendarError::DateOutsideYear { date, year } => {
                format!("日期 {date} 不在所属的 {year} 年内")
            }
            CalendarError::MakeUpDayOnWeekday { date } => {
                format!("调休上班日 {date} 应为周六或周日，却是工作日")
            }
            CalendarError::DayTwice { date } => format!("日期 {date} 重复列出"),
            CalendarError::Malformed { line, problem } => {
                format!("第 {line} 行：{}", problem.to_string_zh())
            }
            CalendarError::NoHolidays { year } => format!("{year} 年的数据没有任何假日"),
            CalendarError::TooManyYears { max } => format!("一次最多添加 {max} 年"),
        }
    }
}

/// An error serialises as an object with its `code`, its `message` in
/// English and Chinese, and its fields, so that an HTTP error body is one
/// line:
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use chrono::NaiveDate;
/// use realname::calendar::CalendarError;
/// let e = CalendarError::MakeUpDayOnWeekday { date: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap() };
/// assert_eq!(
///     serde_json::to_string(&e).unwrap(),
///     r#"{"code":"calendar_make_up_day_on_weekday","message":"2027-01-04 is a make-up working day but falls on a weekday","message_zh":"调休上班日 2027-01-04 应为周六或周日，却是工作日","date":"2027-01-04"}"#
/// );
/// # }
/// ```
#[cfg(feature = "serde")]
impl serde::Serialize for CalendarError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", self.code())?;
        m.serialize_entry("message", &self.to_string())?;
        m.serialize_entry("message_zh", &self.to_string_zh())?;
        match self {
            CalendarError::OutOfRange { date, first, last } => {
                m.serialize_entry("date", date)?;
                m.serialize_entry("first", first)?;
                m.serialize_entry("last", last)?;
            }
            CalendarError::Overflow => {}
            CalendarError::NotContiguous { year, last } => {
                m.serialize_entry("year", year)?;
                m.serialize_entry("last", last)?;
            }
            CalendarError::YearTwice { year } | CalendarError::NoHolidays { year } => {
                m.serialize_entry("year", year)?
            }
            CalendarError::DateOutsideYear { date, year } => {
                m.serialize_entry("date", date)?;
                m.serialize_entry("year", year)?;
            }
            CalendarError::MakeUpDayOnWeekday { date } | CalendarError::DayTwice { date } => {
                m.serialize_entry("date", date)?;
            }
            CalendarError::Malformed { line, problem } => {
                m.serialize_entry("line", line)?;
                m.serialize_entry("problem", problem.code())?;
            }
            CalendarError::TooManyYears { max } => m.serialize_entry("max", max)?,
        }
        m.end()
    }
}
