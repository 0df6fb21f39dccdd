//! The minimum age.

use super::*;

/// The minimum age of an individual.
///
/// ```
/// use realname::policy::MinAge;
/// use realname::AgeRule;
/// assert_eq!(MinAge::new(14).years, 14);
/// assert_eq!(MinAge::new(14).rule, AgeRule::default());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct MinAge {
    /// Full years (周岁), this many allowed.
    pub years: u32,
    /// When a year is complete.
    #[cfg_attr(feature = "serde", serde(default))]
    pub rule: AgeRule,
}

impl MinAge {
    /// `years` full years, complete by the default [`AgeRule`].
    ///
    /// ```
    /// assert_eq!(realname::policy::MinAge::new(18).years, 18);
    /// ```
    #[must_use]
    pub fn new(years: u32) -> MinAge {
        MinAge {
            years,
            rule: AgeRule::default(),
        }
    }

    /// The same age, with when a year is complete.
    ///
    /// ```
    /// use realname::policy::MinAge;
    /// use realname::AgeRule;
    /// assert_eq!(MinAge::new(14).with_rule(AgeRule::Birthday).rule, AgeRule::Birthday);
    /// ```
    #[must_use]
    pub const fn with_rule(mut self, rule: AgeRule) -> MinAge {
        self.rule = rule;
        self
    }
}
