//! The clock the handlers read: the real time, or a time a test sets and
//! moves forward.

use std::sync::{Arc, Mutex};

use realname::chrono::{DateTime, Duration, Utc};

/// Where "now" comes from. Cloned handles share one clock.
///
/// ```
/// use realname::chrono::{Duration, TimeZone, Utc};
/// use realname_demo::Clock;
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
/// let clock = Clock::fixed(t);
/// clock.advance(Duration::days(1));
/// assert_eq!(clock.now(), t + Duration::days(1));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Clock {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Debug, Default)]
struct Inner {
    fixed: Option<DateTime<Utc>>,
    offset: Duration,
}

impl Clock {
    /// The real time (`Utc::now()`).
    ///
    /// ```
    /// let _ = realname_demo::Clock::real().now();
    /// ```
    #[must_use]
    pub fn real() -> Clock {
        Clock::default()
    }

    /// A clock standing still at `t`, until moved.
    ///
    /// ```
    /// use realname::chrono::{TimeZone, Utc};
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// assert_eq!(realname_demo::Clock::fixed(t).now(), t);
    /// ```
    #[must_use]
    pub fn fixed(t: DateTime<Utc>) -> Clock {
        Clock {
            inner: Arc::new(Mutex::new(Inner {
                fixed: Some(t),
                offset: Duration::zero(),
            })),
        }
    }

    /// Now.
    ///
    /// ```
    /// let c = realname_demo::Clock::real();
    /// assert!(c.now() <= realname::chrono::Utc::now());
    /// ```
    #[must_use]
    pub fn now(&self) -> DateTime<Utc> {
        let g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        g.fixed.unwrap_or_else(Utc::now) + g.offset
    }

    /// Moves the clock forward by `d`.
    ///
    /// ```
    /// use realname::chrono::Duration;
    /// let c = realname_demo::Clock::real();
    /// c.advance(Duration::days(2));
    /// assert!(c.now() > realname::chrono::Utc::now() + Duration::days(1));
    /// ```
    pub fn advance(&self, d: Duration) {
        let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        g.offset += d;
    }
}
