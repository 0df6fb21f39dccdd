//! Review times: instant, or a range with a qualifier, and conditional manual reviews.

use super::*;

/// The unit of a review time.
///
/// ```
/// assert_eq!(realname::policy::TimeUnit::WorkingDays.duration(2), realname::calendar::Duration::WorkingDays(2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum TimeUnit {
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Calendar days.
    CalendarDays,
    /// Working days.
    WorkingDays,
}

impl TimeUnit {
    /// `n` of this unit as a [`Duration`].
    ///
    /// ```
    /// use realname::{calendar::Duration, policy::TimeUnit};
    /// assert_eq!(TimeUnit::Minutes.duration(30), Duration::Minutes(30));
    /// ```
    pub fn duration(&self, n: u32) -> Duration {
        match self {
            TimeUnit::Minutes => Duration::Minutes(n),
            TimeUnit::Hours => Duration::Hours(n),
            TimeUnit::CalendarDays => Duration::CalendarDays(n),
            TimeUnit::WorkingDays => Duration::WorkingDays(n),
        }
    }
}

/// How a review time is meant.
///
/// ```
/// assert_eq!(realname::policy::Qualifier::AtTheFastest.to_string(), "at the fastest");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Qualifier {
    /// At most: "…内完成", "within".
    AtMost,
    /// Typically, as expected: "预计", "一般", or a bare figure.
    Typically,
    /// At the fastest: "最快". Gives no deadline.
    AtTheFastest,
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Qualifier::AtMost => "at most",
            Qualifier::Typically => "typically",
            Qualifier::AtTheFastest => "at the fastest",
        })
    }
}

/// How long a review (or a payment's arrival) takes.
///
/// ```
/// use realname::calendar::Duration;
/// use realname::policy::{Qualifier, ReviewTime, TimeUnit};
///
/// let t = ReviewTime::Range { min: 1, max: 2, unit: TimeUnit::WorkingDays, qualifier: Qualifier::Typically };
/// assert_eq!(t.deadline(), Some(Duration::WorkingDays(2)));
/// assert_eq!(t.to_string(), "typically 1–2 working days");
/// assert_eq!(t.to_string_zh(), "预计 1–2 个工作日");
/// assert_eq!(ReviewTime::Instant.deadline(), Some(Duration::Minutes(0)));
/// let within = ReviewTime::Range { min: 0, max: 3, unit: TimeUnit::WorkingDays, qualifier: Qualifier::AtMost };
/// assert_eq!(within.to_string(), "at most 3 working days");
/// assert_eq!(within.to_string_zh(), "3 个工作日内");
/// let range = ReviewTime::Range { min: 1, max: 3, unit: TimeUnit::WorkingDays, qualifier: Qualifier::AtMost };
/// assert_eq!(range.to_string(), "1–3 working days");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ReviewTime {
    /// Decided at once (即时完成).
    Instant,
    /// Between `min` and `max` units.
    Range {
        /// The shortest time.
        min: u32,
        /// The longest time; equal to `min` for a single figure.
        max: u32,
        /// The unit of both.
        unit: TimeUnit,
        /// How the range is meant.
        qualifier: Qualifier,
    },
}

impl ReviewTime {
    /// A range of `min` to `max` units, meant as `qualifier` says.
    ///
    /// ```
    /// use realname::policy::{Qualifier, ReviewTime, TimeUnit};
    /// let t = ReviewTime::range(1, 2, TimeUnit::WorkingDays, Qualifier::Typically);
    /// assert_eq!(t.to_string(), "typically 1–2 working days");
    /// ```
    pub const fn range(min: u32, max: u32, unit: TimeUnit, qualifier: Qualifier) -> ReviewTime {
        ReviewTime::Range {
            min,
            max,
            unit,
            qualifier,
        }
    }

    /// The longest the review may take, where the provider gives one: the
    /// upper end of a range meant as "at most" or "typically"; nothing for
    /// "at the fastest".
    ///
    /// ```
    /// use realname::policy::{Qualifier, ReviewTime, TimeUnit};
    /// let fastest = ReviewTime::Range { min: 30, max: 30, unit: TimeUnit::Minutes, qualifier: Qualifier::AtTheFastest };
    /// assert_eq!(fastest.deadline(), None);
    /// ```
    pub fn deadline(&self) -> Option<Duration> {
        match self {
            ReviewTime::Instant => Some(Duration::Minutes(0)),
            ReviewTime::Range {
                qualifier: Qualifier::AtTheFastest,
                ..
            } => None,
            ReviewTime::Range { max, unit, .. } => Some(unit.duration(*max)),
        }
    }

    /// The review time in Chinese.
    ///
    /// ```
    /// use realname::policy::ReviewTime;
    /// assert_eq!(ReviewTime::Instant.to_string_zh(), "即时完成");
    /// ```
    pub fn to_string_zh(&self) -> String {
        let ReviewTime::Range {
            unit, qualifier, ..
        } = self
        else {
            return "即时完成".to_owned();
        };
        let unit = match unit {
            TimeUnit::Minutes => " 分钟",
            TimeUnit::Hours => " 小时",
            TimeUnit::CalendarDays => " 天",
            TimeUnit::WorkingDays => " 个工作日",
        };
        let amount = self.amount();
        match qualifier {
            Qualifier::AtMost if self.is_within() => format!("{amount}{unit}内"),
            Qualifier::AtMost => format!("{amount}{unit}"),
            Qualifier::Typically => format!("预计 {amount}{unit}"),
            Qualifier::AtTheFastest => format!("最快 {amount}{unit}"),
        }
    }

    /// "Within n" ("n 个工作日内"): at most, from zero.
    fn is_within(&self) -> bool {
        matches!(
            self,
            ReviewTime::Range {
                min: 0,
                qualifier: Qualifier::AtMost,
                ..
            }
        )
    }

    /// The figures: `3` for a single figure or "within 3", else `1–3`.
    fn amount(&self) -> String {
        match self {
            ReviewTime::Range { min, max, .. } if min != max && !self.is_within() => {
                format!("{min}–{max}")
            }
            ReviewTime::Range { max, .. } => max.to_string(),
            ReviewTime::Instant => "0".to_owned(),
        }
    }
}

impl fmt::Display for ReviewTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ReviewTime::Range {
            max,
            unit,
            qualifier,
            ..
        } = self
        else {
            return f.write_str("instant");
        };
        let unit = match unit {
            TimeUnit::Minutes => "minute",
            TimeUnit::Hours => "hour",
            TimeUnit::CalendarDays => "calendar day",
            TimeUnit::WorkingDays => "working day",
        };
        let s = if *max == 1 { "" } else { "s" };
        let amount = self.amount();
        match qualifier {
            // A range meant as a maximum, "1 - 3个工作日", reads as itself.
            Qualifier::AtMost if !self.is_within() => write!(f, "{amount} {unit}{s}"),
            q => write!(f, "{q} {amount} {unit}{s}"),
        }
    }
}

/// When a method's outcome goes to a person.
///
/// ```
/// assert_ne!(realname::policy::ReviewCondition::Always, realname::policy::ReviewCondition::RiskPolicy);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ReviewCondition {
    /// Every application.
    Always,
    /// Organisations other than enterprises (非企业的其他组织).
    OtherOrganization,
    /// Applications that trip the provider's risk policy.
    RiskPolicy,
}

/// A manual review that follows an automatic method under a condition.
///
/// ```
/// use realname::policy::{MethodKind, Provider, ReviewCondition};
/// let m = Provider::Baidu.profile().method(MethodKind::LegalRepresentativeFace).unwrap();
/// assert_eq!(m.manual_review.value().unwrap().when, ReviewCondition::OtherOrganization);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct ManualReview {
    /// When the review happens.
    pub when: ReviewCondition,
    /// How long it takes.
    pub time: ReviewTime,
}

impl ManualReview {
    /// A review that happens `when`, and takes `time`.
    ///
    /// ```
    /// use realname::policy::{ManualReview, Qualifier, ReviewCondition, ReviewTime, TimeUnit};
    /// let r = ManualReview::new(ReviewCondition::RiskPolicy, ReviewTime::range(1, 3, TimeUnit::WorkingDays, Qualifier::AtMost));
    /// assert_eq!(r.when, ReviewCondition::RiskPolicy);
    /// ```
    #[must_use]
    pub const fn new(when: ReviewCondition, time: ReviewTime) -> ManualReview {
        ManualReview { when, time }
    }
}
