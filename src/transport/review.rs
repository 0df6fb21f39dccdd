//! The manual review queue.

use core::future::Future;

use chrono::{DateTime, Utc};

use super::TransportError;
use crate::policy::MethodKind;

/// A review to queue: the flow it belongs to, the method, when it is due.
/// It holds no personal data: the reviewer opens the flow's uploads
/// through the caller's own service.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::policy::MethodKind;
/// use realname::transport::ReviewTicket;
/// let t = ReviewTicket { key: "f/3-0", flow: "f", method: MethodKind::DocumentUpload, due: Utc.with_ymd_and_hms(2026, 6, 3, 10, 0, 0).unwrap() };
/// assert_eq!(t.flow, "f");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewTicket<'a> {
    /// The idempotency key; the decision is reported to the flow with the
    /// action id it came from.
    pub key: &'a str,
    /// The flow's id.
    pub flow: &'a str,
    /// The method under review.
    pub method: MethodKind,
    /// When the review is due, on the provider's working-day calendar.
    pub due: DateTime<Utc>,
}

/// Where manual reviews wait for a reviewer. The decision comes back as
/// the flow's own event (`ReviewDecided`), delivered by the caller.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::policy::MethodKind;
/// use realname::transport::fake::{FakeReviews, Script};
/// use realname::transport::{ReviewQueue, ReviewTicket};
///
/// let reviews = FakeReviews::new(Script::pass());
/// let due = Utc.with_ymd_and_hms(2026, 6, 3, 10, 0, 0).unwrap();
/// let t = ReviewTicket { key: "f/3-0", flow: "f", method: MethodKind::DocumentUpload, due };
/// realname::store::block_on(reviews.enqueue(&t))?;
/// realname::store::block_on(reviews.enqueue(&t))?; // a retry: the same ticket
/// assert_eq!(reviews.tickets().len(), 1);
/// realname::store::block_on(reviews.close("f/3-0"))?; // decided
/// assert!(reviews.tickets().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait ReviewQueue: Send + Sync {
    /// Why the ticket could not be queued.
    type Error: TransportError;

    /// Queues the review (a ticket with a key already queued is kept as
    /// it is).
    fn enqueue(
        &self,
        ticket: &ReviewTicket<'_>,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send;

    /// Takes the ticket `key` off the queue once its decision is saved
    /// (a ticket already closed, or never queued, is no error). Best
    /// effort: a queue must cope with a decided ticket left on it (a crash
    /// between the decision and the close), as its reviewer would. By
    /// default it does nothing.
    fn close(&self, key: &str) -> impl Future<Output = Result<(), Self::Error>> + Send {
        let _ = key;
        async { Ok(()) }
    }
}
