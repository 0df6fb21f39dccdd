//! The minimum age.

use super::*;

/// The minimum age of an individual.
///
/// ```
/// use realname::policy::MinAge;
/// use realname::AgeRule;
/// assert_eq!(MinAge { years: 14, rule: AgeRule::Birthday }.years, 14);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MinAge {
    /// Full years (周岁), this many allowed.
    pub years: u32,
    /// When a year is complete.
    #[cfg_attr(feature = "serde", serde(default))]
    pub rule: AgeRule,
}
