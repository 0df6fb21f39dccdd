//! A year's announced holidays and make-up working days, as an operator
//! loads them when the State Council publishes a new year.

use super::*;

/// One year as the State Council's notice announces it: the days off
/// (weekends inside a holiday period may be listed or not) and the
/// make-up working days (调休上班, always a Saturday or Sunday).
///
/// With the `serde` feature it reads from JSON or TOML with dates as
/// `"YYYY-MM-DD"` strings (in TOML, quote them: an unquoted TOML date is
/// not a string):
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use realname::calendar::{AnnouncedYear, ChinaMainland, WorkCalendar};
/// let years: Vec<AnnouncedYear> = serde_json::from_str(r#"[
///   {"year": 2027, "holidays": ["2027-01-01", "2027-01-02", "2027-01-03"], "working_days": ["2027-01-09"]}
/// ]"#).unwrap();
/// let cal = ChinaMainland::default().with_announced(&years).unwrap();
/// assert_eq!(cal.years(), (2004, 2027));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AnnouncedYear {
    /// The year.
    pub year: i32,
    /// Days off: statutory holidays and the days moved around them.
    #[cfg_attr(feature = "serde", serde(default))]
    pub holidays: Vec<NaiveDate>,
    /// Make-up working days: Saturdays and Sundays worked.
    #[cfg_attr(feature = "serde", serde(default))]
    pub working_days: Vec<NaiveDate>,
}

impl AnnouncedYear {
    /// A year with these days off and make-up working days.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use realname::calendar::AnnouncedYear;
    /// let y = AnnouncedYear::new(2027, vec![NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()], vec![]);
    /// assert_eq!(y.holidays.len(), 1);
    /// ```
    pub fn new(year: i32, holidays: Vec<NaiveDate>, working_days: Vec<NaiveDate>) -> Self {
        AnnouncedYear {
            year,
            holidays,
            working_days,
        }
    }

    /// The days of this year that differ from the week's, sorted, after
    /// checking that every date lies in the year, that no date is listed
    /// twice and that every make-up working day is a weekend day.
    pub(crate) fn exceptions(&self) -> Result<Vec<(NaiveDate, bool)>, CalendarError> {
        let mut out: Vec<(NaiveDate, bool)> =
            Vec::with_capacity(self.holidays.len() + self.working_days.len());
        for &date in &self.holidays {
            out.push((date, false));
        }
        for &date in &self.working_days {
            if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                return Err(CalendarError::MakeUpDayOnWeekday { date });
            }
            out.push((date, true));
        }
        if let Some(&(date, _)) = out.iter().find(|(d, _)| d.year() != self.year) {
            return Err(CalendarError::DateOutsideYear {
                date,
                year: self.year,
            });
        }
        out.sort_unstable();
        let twice = out
            .windows(2)
            .filter_map(|w| match w {
                [(a, _), (b, _)] if a == b => Some(*a),
                _ => None,
            })
            .next();
        if let Some(date) = twice {
            return Err(CalendarError::DayTwice { date });
        }
        // Every year has New Year's Day off at least: a year with no day
        // off is a year whose data is missing, not a year without holidays.
        if self.holidays.is_empty() {
            return Err(CalendarError::NoHolidays { year: self.year });
        }
        Ok(out)
    }
}

/// Reads years in the form of the built-in `data/cn-work-calendar.csv`:
/// lines `date,kind[,festival]` with kind `holiday` or `workday`; lines
/// starting with `#`, a header line starting with `date` and blank lines
/// are skipped. The years come out in order, each checked as
/// [`AnnouncedYear`] data is.
pub(crate) fn parse_csv(text: &str) -> Result<Vec<AnnouncedYear>, CalendarError> {
    let mut years: Vec<AnnouncedYear> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let row = raw.trim();
        if row.is_empty() || row.starts_with('#') || row.starts_with("date") {
            continue;
        }
        let malformed = |problem| CalendarError::Malformed { line, problem };
        let mut fields = row.split(',').map(str::trim);
        let (Some(date), Some(kind)) = (fields.next(), fields.next()) else {
            return Err(malformed(DataProblem::MissingField));
        };
        // At most the festival's name follows.
        if fields.nth(1).is_some() {
            return Err(malformed(DataProblem::ExtraField));
        }
        // A date is 10 characters; refuse anything else before parsing.
        let date = (date.len() == 10)
            .then(|| date.parse::<NaiveDate>().ok())
            .flatten()
            .ok_or(malformed(DataProblem::BadDate))?;
        let working = match kind {
            "holiday" => false,
            "workday" => true,
            _ => return Err(malformed(DataProblem::BadKind)),
        };
        let year = date.year();
        let entry = match years.iter_mut().find(|y| y.year == year) {
            Some(y) => y,
            None => {
                if years.len() >= MAX_YEARS_PER_LOAD {
                    return Err(CalendarError::TooManyYears {
                        max: MAX_YEARS_PER_LOAD,
                    });
                }
                years.push(AnnouncedYear::new(year, Vec::new(), Vec::new()));
                let Some(y) = years.last_mut() else {
                    return Err(malformed(DataProblem::NoData));
                };
                y
            }
        };
        if working {
            entry.working_days.push(date);
        } else {
            entry.holidays.push(date);
        }
    }
    if years.is_empty() {
        return Err(CalendarError::Malformed {
            line: text.lines().count().max(1),
            problem: DataProblem::NoData,
        });
    }
    years.sort_by_key(|y| y.year);
    Ok(years)
}
