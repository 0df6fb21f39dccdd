//! The minimum age.

use super::*;

/// Is an individual born on `birth_date` old enough on `today`? Age counts
/// in full years (周岁) under the profile's [`AgeRule`](crate::AgeRule).
///
/// ```
/// use chrono::NaiveDate;
/// use realname::policy::Provider;
/// use realname::rules::check_age;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let r = check_age(Provider::Baidu.profile(), day(2013, 1, 1), day(2026, 12, 31)).unwrap_err();
/// assert_eq!(r.to_string_zh(), "未满 14 周岁，不能进行实名认证（当前 13 周岁）");
/// // Tencent Cloud states no minimum age.
/// assert!(check_age(Provider::Tencent.profile(), day(2020, 1, 1), day(2026, 1, 1)).is_ok());
/// ```
///
/// # Errors
///
/// A [`Refusal`] with [`Reason::TooYoung`] when the applicant is under
/// the minimum age, or when the age cannot be reckoned (a birth date after
/// `today`).
pub fn check_age(
    profile: &Profile,
    birth_date: NaiveDate,
    today: NaiveDate,
) -> Result<(), Refusal> {
    let Some(min) = profile.min_age.sourced() else {
        return Ok(());
    };
    let refuse = |reason| Err(Refusal::new(reason, min.source.clone()));
    match full_years(birth_date, today, min.value.rule) {
        None => refuse(Reason::BornAfterToday { today }),
        Some(age) if age < min.value.years => refuse(Reason::TooYoung {
            min_years: min.value.years,
            age,
        }),
        Some(_) => Ok(()),
    }
}
