//! Review deadlines on a working-day calendar.

use super::*;

/// When a review is due, with the review time it rests on.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::policy::ReviewTime;
/// use realname::rules::ReviewDue;
/// let at = Utc.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap();
/// let d = ReviewDue { due: at, time: ReviewTime::Instant };
/// assert!(!d.is_overdue(at) && d.is_overdue(at + chrono::Duration::seconds(1)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReviewDue {
    /// When the review should be decided by.
    pub due: DateTime<Utc>,
    /// The review time it rests on.
    pub time: ReviewTime,
}

impl ReviewDue {
    /// Whether `now` is past the due time.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::policy::ReviewTime;
    /// let at = Utc.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap();
    /// assert!(!realname::rules::ReviewDue { due: at, time: ReviewTime::Instant }.is_overdue(at));
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
/// # Ok::<(), realname::calendar::CalendarError>(())
/// ```
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
    Ok(Some(ReviewDue {
        due: due(submitted, duration, calendar)?,
        time,
    }))
}
