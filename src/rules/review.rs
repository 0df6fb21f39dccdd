//! Review deadlines on a working-day calendar.

use super::*;

/// When a review is due, with the review time it rests on and whether
/// the calendar estimated a day of it.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::calendar::ChinaMainland;
/// use realname::policy::{MethodKind, Provider};
/// use realname::rules::review_due;
/// let submitted = Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0).unwrap();
/// let d = review_due(Provider::HuaweiInternational.profile(), MethodKind::DocumentUpload, false, submitted, &ChinaMainland::default())?.unwrap();
/// assert!(!d.is_overdue(d.due) && d.is_overdue(d.due + chrono::Duration::seconds(1)));
/// assert!(!d.estimated);
/// # Ok::<(), realname::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ReviewDue {
    /// When the review should be decided by.
    pub due: DateTime<Utc>,
    /// The review time it rests on.
    pub time: ReviewTime,
    /// Whether the due time counts a day the calendar only estimates
    /// ([`ChinaMainland::with_estimates`](crate::calendar::ChinaMainland::with_estimates)):
    /// show it as "预计", or refuse it where it must be exact.
    pub estimated: bool,
}

impl ReviewDue {
    /// Whether `now` is past the due time.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::policy::{MethodKind, Provider};
    /// let submitted = Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0).unwrap();
    /// let d = realname::rules::review_due(Provider::Kingsoft.profile(), MethodKind::DocumentUpload, false, submitted, &ChinaMainland::default())?.unwrap();
    /// assert!(!d.is_overdue(submitted));
    /// # Ok::<(), realname::calendar::CalendarError>(())
    /// ```
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        now > self.due
    }
}

/// When is a review of this method, started at `submitted`, due? With
/// `manual` set, the method's conditional manual review (Baidu's review of
/// other organisations, or of applications its risk policy flags) is the
/// one asked about. `Ok(None)` when the profile states no time, or only a
/// fastest one ("最快30分钟").
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::calendar::ChinaMainland;
/// use realname::policy::{MethodKind, Provider};
/// use realname::rules::review_due;
///
/// let cal = ChinaMainland::default();
/// // Submitted Wednesday 2026-09-30, 17:00 in Beijing; 1–2 working days.
/// // The National Day holiday runs 1–7 October, so the second working day
/// // is Friday 9 October.
/// let submitted = Utc.with_ymd_and_hms(2026, 9, 30, 9, 0, 0).unwrap();
/// let due = review_due(Provider::Kingsoft.profile(), MethodKind::DocumentUpload, false, submitted, &cal)?.unwrap();
/// assert_eq!(due.due, Utc.with_ymd_and_hms(2026, 10, 9, 16, 0, 0).unwrap()); // 24:00 Friday, Beijing
/// assert!(due.is_overdue(Utc.with_ymd_and_hms(2026, 10, 10, 1, 0, 0).unwrap()));
///
/// // The same review submitted on 30 December 2026 needs days of 2027:
/// // an error on the announced calendar, an estimate when asked for one.
/// let late = Utc.with_ymd_and_hms(2026, 12, 30, 9, 0, 0).unwrap();
/// let kingsoft = Provider::Kingsoft.profile();
/// assert!(review_due(kingsoft, MethodKind::DocumentUpload, false, late, &cal).is_err());
/// let due = review_due(kingsoft, MethodKind::DocumentUpload, false, late, &cal.with_estimates())?.unwrap();
/// assert!(due.estimated);
/// # Ok::<(), realname::calendar::CalendarError>(())
/// ```
///
/// # Errors
///
/// The calendar's: [`CalendarError::OutOfRange`] when the due time needs a
/// day the calendar does not know.
pub fn review_due(
    profile: &Profile,
    method: MethodKind,
    manual: bool,
    submitted: DateTime<Utc>,
    calendar: &dyn WorkCalendar,
) -> Result<Option<ReviewDue>, CalendarError> {
    let Some(m) = profile.method(method) else {
        return Ok(None);
    };
    let time = if manual {
        m.manual_review
            .value()
            .map(|r| r.time)
            .or(m.review.value().copied())
    } else {
        m.review.value().copied()
    };
    let Some(time) = time else {
        return Ok(None);
    };
    let Some(duration) = time.deadline() else {
        return Ok(None);
    };
    let d = deadline(submitted, duration, calendar)?;
    Ok(Some(ReviewDue {
        due: d.at,
        time,
        estimated: d.estimated,
    }))
}
