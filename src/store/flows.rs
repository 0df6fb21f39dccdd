//! Saved flows, written with compare-and-swap on their revision.

use core::fmt;
use core::future::Future;

use chrono::{DateTime, Utc};

use super::StoreError;

/// A flow as a store keeps it: the state the caller serialised (the
/// flow's [`Saved`](crate::flow::Saved), as JSON say), its revision, and
/// the next deadline a sweeper lists it by. Stores keep the deadline to the
/// microsecond; [`FlowRecord::new`] drops what is finer.
///
/// ```
/// use realname::store::FlowRecord;
/// let r = FlowRecord::new(3, None, b"{}".to_vec());
/// assert_eq!((r.revision, r.state.as_slice()), (3, &b"{}"[..]));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct FlowRecord {
    /// The flow's revision ([`Flow::revision`](crate::flow::Flow::revision)).
    pub revision: u64,
    /// When the flow next needs the time fed to it
    /// ([`Flow::next_deadline`](crate::flow::Flow::next_deadline)).
    pub next_deadline: Option<DateTime<Utc>>,
    /// The serialised state, opaque to the store.
    pub state: Vec<u8>,
}

impl FlowRecord {
    /// A record, its deadline cut to the microsecond.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::store::FlowRecord;
    /// let t = Utc.timestamp_opt(1_700_000_000, 123_456_789).unwrap();
    /// let r = FlowRecord::new(1, Some(t), vec![]);
    /// assert_eq!(r.next_deadline.unwrap().timestamp_subsec_nanos(), 123_456_000);
    /// ```
    #[must_use]
    pub fn new(revision: u64, next_deadline: Option<DateTime<Utc>>, state: Vec<u8>) -> FlowRecord {
        FlowRecord {
            revision,
            next_deadline: next_deadline
                .map(|t| DateTime::from_timestamp_micros(t.timestamp_micros()).unwrap_or(t)),
            state,
        }
    }

    /// The record of `flow`, whose state the caller serialised as `state`
    /// (its [`save`](crate::flow::Flow::save), as JSON say): the revision
    /// and the next deadline come from the flow.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::flow::MicroDeposit;
    /// use realname::policy::Provider;
    /// use realname::store::FlowRecord;
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    /// let (flow, _) = MicroDeposit::start(Provider::Tencent.profile(), 0, t)?;
    /// let r = FlowRecord::of(&flow, b"...".to_vec());
    /// assert_eq!((r.revision, r.next_deadline), (flow.revision(), flow.next_deadline()));
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    #[must_use]
    pub fn of<M: crate::flow::Machine>(flow: &crate::flow::Flow<M>, state: Vec<u8>) -> FlowRecord {
        FlowRecord::new(flow.revision(), flow.next_deadline(), state)
    }

    /// The deadline in microseconds since 1970, as stores keep and seal it.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let t = Utc.timestamp_opt(1, 0).unwrap();
    /// assert_eq!(realname::store::FlowRecord::new(1, Some(t), vec![]).deadline_micros(), Some(1_000_000));
    /// ```
    #[must_use]
    pub fn deadline_micros(&self) -> Option<i64> {
        self.next_deadline.map(|t| t.timestamp_micros())
    }
}

impl fmt::Debug for FlowRecord {
    // The state may hold personal data (a Saved flow's history): its
    // length only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FlowRecord")
            .field("revision", &self.revision)
            .field("next_deadline", &self.next_deadline)
            .field("state_bytes", &self.state.len())
            .finish()
    }
}

/// The answer of [`FlowStore::save`].
///
/// ```
/// use realname::store::Cas;
/// assert!(Cas::Saved.is_saved());
/// assert!(!Cas::Conflict { current: Some(4) }.is_saved());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Cas {
    /// Written.
    Saved,
    /// The stored revision is not the one expected: nothing was written.
    /// Load the flow again and replay the event on it.
    Conflict {
        /// The stored revision; `None` when no flow has the id.
        current: Option<u64>,
    },
}

impl Cas {
    /// Whether the record was written.
    ///
    /// ```
    /// assert!(realname::store::Cas::Saved.is_saved());
    /// ```
    #[must_use]
    pub fn is_saved(&self) -> bool {
        matches!(self, Cas::Saved)
    }
}

/// A flow whose deadline has passed, as [`FlowStore::due`] lists it.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let d = realname::store::DueFlow { id: "f-1".into(), next_deadline: Utc.timestamp_opt(0, 0).unwrap() };
/// assert_eq!(d.id, "f-1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DueFlow {
    /// The flow's id.
    pub id: String,
    /// Its deadline.
    pub next_deadline: DateTime<Utc>,
}

/// What every store checks before a [`FlowStore::save`]: the id, and that
/// the record's revision comes after the one it replaces.
///
/// ```
/// use realname::store::{check_save, FlowRecord, InputError};
/// assert_eq!(check_save("f-1", Some(3), &FlowRecord::new(4, None, vec![])), Ok(()));
/// assert_eq!(
///     check_save("f-1", Some(3), &FlowRecord::new(3, None, vec![])),
///     Err(InputError::RevisionNotAdvanced { expected: 3, found: 3 })
/// );
/// ```
///
/// # Errors
///
/// The [`InputError`](super::InputError) of a refused id or revision.
pub fn check_save(
    id: &str,
    expected: Option<u64>,
    record: &FlowRecord,
) -> Result<(), super::InputError> {
    super::check_id("flow id", id)?;
    match expected {
        Some(e) if record.revision <= e => Err(super::InputError::RevisionNotAdvanced {
            expected: e,
            found: record.revision,
        }),
        _ => Ok(()),
    }
}

/// The most flows one call to [`FlowStore::due`] lists.
pub const MAX_DUE: usize = 1_000;

/// Saved flows, by id.
///
/// Every write is a compare-and-swap on the revision: a writer that read
/// an older revision gets [`Cas::Conflict`] and never overwrites a newer
/// one. A saved record is whole or absent after any crash.
///
/// A real store seals each record ([`Keyring::seal`](super::Keyring::seal))
/// and refuses one edited behind its back. The seal ties a state to its id,
/// revision and deadline; it cannot tell a whole older row put back by
/// someone with write access to the database, which is the database's own
/// access control to prevent.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::store::{Cas, FlowRecord, FlowStore, Keyring, MemoryStore, block_on};
///
/// let store = MemoryStore::new(Keyring::new(&[7; 32])?);
/// let t = Utc.with_ymd_and_hms(2026, 3, 1, 2, 0, 0).unwrap();
/// block_on(async {
///     assert_eq!(store.save("f-1", None, &FlowRecord::new(0, Some(t), b"v0".to_vec())).await?, Cas::Saved);
///     assert_eq!(store.save("f-1", Some(0), &FlowRecord::new(1, Some(t), b"v1".to_vec())).await?, Cas::Saved);
///     // A writer still at revision 0 loses.
///     assert_eq!(store.save("f-1", Some(0), &FlowRecord::new(1, None, b"x".to_vec())).await?, Cas::Conflict { current: Some(1) });
///     assert_eq!(store.load("f-1").await?.unwrap().state, b"v1");
///     assert_eq!(store.due(t, 10).await?.len(), 1);
///     Ok::<(), realname::store::MemoryError>(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait FlowStore: Send + Sync {
    /// The store's error.
    type Error: StoreError;

    /// Writes `record` under `id` if the stored revision is `expected`
    /// (`None`: no flow has the id yet). The record's revision must be
    /// later than `expected`. A retry of a save that went through (the
    /// stored record is this one: revision, deadline and state) is
    /// [`Cas::Saved`], so a lost answer is safe to retry.
    fn save(
        &self,
        id: &str,
        expected: Option<u64>,
        record: &FlowRecord,
    ) -> impl Future<Output = Result<Cas, Self::Error>> + Send;

    /// The flow saved under `id`, if any. A real store refuses a record
    /// that fails its seal ([`Keyring::seal`](super::Keyring::seal)).
    fn load(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<FlowRecord>, Self::Error>> + Send;

    /// Up to `limit` (at most [`MAX_DUE`]) flows whose deadline is at or
    /// before `now`, earliest first, for a sweeper to feed the time.
    fn due(
        &self,
        now: DateTime<Utc>,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<DueFlow>, Self::Error>> + Send;
}
