//! Working-day calendars and deadlines, for review times such as "1–2
//! working days" (Kingsoft Cloud) or "3 working days" (Huawei Cloud).
//!
//! A mainland working day skips weekends and statutory holidays, and some
//! weekend days are working days (调休). [`ChinaMainland`] knows the State
//! Council's announcements for 2004–2026 and by default refuses to guess
//! about other years; a caller opts into an estimate of later years from
//! the holidays the law fixes ([`ChinaMainland::with_estimates`], every
//! estimated answer marked) and adds newly announced years at run time
//! ([`ChinaMainland::with_csv`], [`AnnouncedYear`]). [`Weekdays`] counts
//! Monday to Friday, every year. Both implement [`WorkCalendar`], which is
//! object-safe, so a calendar can be chosen at run time. [`due`] turns a
//! start time and a [`Duration`] into a deadline in China Standard Time
//! (UTC+8), and [`deadline`] says whether it rests on an estimate.
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

mod announced;
mod china;
mod due;
mod duration;
mod error;
mod statutory;
mod table;
mod weekdays;
mod work_calendar;

pub use announced::AnnouncedYear;
use announced::parse_csv;
pub use china::*;
pub use due::*;
pub use duration::*;
pub use error::*;
use statutory::{FESTIVAL_YEARS, days_off};
use table::Table;
pub use weekdays::*;
pub use work_calendar::*;
