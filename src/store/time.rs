//! Times as stores keep them: to the microsecond.

use chrono::{DateTime, Utc};

/// `t` cut to the microsecond, the precision every store keeps times at
/// (PostgreSQL's `timestamptz` keeps no more): a flow's deadline, when a
/// change started and completed. Stores compare a caller's time after the
/// same cut, so a time with nanoseconds still matches what was stored.
///
/// ```
/// use chrono::{DateTime, Utc};
/// let t = DateTime::<Utc>::from_timestamp(1_700_000_000, 123_456_789).unwrap();
/// assert_eq!(realname::store::to_micros(t).timestamp_subsec_nanos(), 123_456_000);
/// ```
#[must_use]
pub fn to_micros(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(t.timestamp_micros()).unwrap_or(t)
}
