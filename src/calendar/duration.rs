//! `Duration`: a length of time a rule allows.

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
