//! When an account last changed its verified subject, and the change in
//! progress.

use core::future::Future;

use chrono::{DateTime, Utc};

use super::StoreError;

/// The answer of [`ChangeHistory::begin`].
///
/// ```
/// use realname::store::ChangeStart;
/// assert!(ChangeStart::Started.is_started());
/// assert!(ChangeStart::AlreadyStarted.is_started());
/// assert!(!ChangeStart::Busy { open: "chg-1".into() }.is_started());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ChangeStart {
    /// Recorded as started now.
    Started,
    /// This change was open already (a retried call).
    AlreadyStarted,
    /// Another change of this account is open: one at a time.
    Busy {
        /// The open change's id.
        open: String,
    },
    /// The last completed change is not the one the caller checked the
    /// cooldown against (another change completed meanwhile): nothing was
    /// recorded; check again against `last`.
    Stale {
        /// When the last change completed, as stored.
        last: Option<DateTime<Utc>>,
    },
}

impl ChangeStart {
    /// Whether the change is open after the call.
    ///
    /// ```
    /// assert!(!realname::store::ChangeStart::Stale { last: None }.is_started());
    /// ```
    #[must_use]
    pub fn is_started(&self) -> bool {
        matches!(self, ChangeStart::Started | ChangeStart::AlreadyStarted)
    }
}

/// Changes of each account's verified subject: when the last one
/// completed, and the one open now.
///
/// Starting a change is a compare-and-set: the caller reads
/// [`last_completed`](ChangeHistory::last_completed), checks the cooldown
/// with [`rules::check_change`](crate::rules::check_change), and
/// [`begin`](ChangeHistory::begin)s the change with the time it checked
/// against; the store records the start only if that time is still the
/// last, and no other change is open. [`start_change`](super::start_change)
/// does the three steps. Times are kept to the microsecond
/// ([`to_micros`](super::to_micros)), and `checked_against` is compared
/// after the same cut.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::store::{ChangeHistory, ChangeStart, Keyring, MemoryStore, block_on};
///
/// let store = MemoryStore::new(Keyring::new(&[7; 32])?);
/// let t = Utc.with_ymd_and_hms(2026, 3, 1, 2, 0, 0).unwrap();
/// block_on(async {
///     assert_eq!(store.begin("acct-1", "chg-1", None, t).await?, ChangeStart::Started);
///     assert_eq!(store.begin("acct-1", "chg-2", None, t).await?, ChangeStart::Busy { open: "chg-1".into() });
///     assert!(store.complete("acct-1", "chg-1", t).await?);
///     assert_eq!(store.last_completed("acct-1").await?, Some(t));
///     // A caller that checked against the old state is told to check again.
///     assert_eq!(store.begin("acct-1", "chg-2", None, t).await?, ChangeStart::Stale { last: Some(t) });
///     Ok::<(), realname::store::MemoryError>(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait ChangeHistory: Send + Sync {
    /// The store's error.
    type Error: StoreError;

    /// When the account's last change of subject completed, if one did.
    fn last_completed(
        &self,
        account: &str,
    ) -> impl Future<Output = Result<Option<DateTime<Utc>>, Self::Error>> + Send;

    /// The account's open change and when it started, if one is open.
    fn open_change(
        &self,
        account: &str,
    ) -> impl Future<Output = Result<Option<(String, DateTime<Utc>)>, Self::Error>> + Send;

    /// Records `change` as started at `now` if the last completed change
    /// is still `checked_against` and no other change is open.
    fn begin(
        &self,
        account: &str,
        change: &str,
        checked_against: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<ChangeStart, Self::Error>> + Send;

    /// Completes the open change `change` at `at`, which becomes the last
    /// completed change; `false` when `change` is not open (a retry after
    /// it completed, or an abandoned change).
    fn complete(
        &self,
        account: &str,
        change: &str,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<bool, Self::Error>> + Send;

    /// Closes the open change `change` without completing it: a change
    /// flow that ended in any status but verified (withdrawn, rejected,
    /// expired, failed, locked) must be abandoned, or the account's next
    /// change is [`Busy`](ChangeStart::Busy); `false` when it is not open.
    fn abandon(
        &self,
        account: &str,
        change: &str,
    ) -> impl Future<Output = Result<bool, Self::Error>> + Send;
}

/// Why [`start_change`](super::start_change) did not start a change.
///
/// ```
/// use realname::store::{NotStarted, MemoryError};
/// let n: NotStarted<MemoryError> = NotStarted::Busy { open: "chg-1".into() };
/// assert_eq!(n.to_string(), "change chg-1 of this account is still open");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NotStarted<E> {
    /// The rules refuse it now (a cooldown, a forbidden change).
    #[error(transparent)]
    Refused(crate::rules::Refusal),
    /// Another change is open.
    #[error("change {open} of this account is still open")]
    Busy {
        /// The open change's id.
        open: String,
    },
    /// Other changes kept completing while this one was checked.
    #[error("the account's changes kept moving; try again")]
    Contended,
    /// The store failed.
    #[error(transparent)]
    Store(E),
}

/// Starts `change` for `account` at `now` if `check` allows it against the
/// last completed change: reads, checks and begins, and checks again if
/// another change completed in between (at most 8 times).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::calendar::ChinaMainland;
/// use realname::policy::{Provider, Transition};
/// use realname::rules::check_change;
/// use realname::store::{start_change, ChangeHistory, Keyring, MemoryStore, NotStarted, block_on};
///
/// let store = MemoryStore::new(Keyring::new(&[7; 32])?);
/// let (cal, tencent) = (&ChinaMainland::default(), Provider::Tencent.profile());
/// let t0 = Utc.with_ymd_and_hms(2026, 1, 31, 2, 0, 0).unwrap();
/// let t1 = Utc.with_ymd_and_hms(2026, 2, 20, 2, 0, 0).unwrap();
/// let rule = |now| move |last| check_change(tencent, Transition::IndividualToIndividual, last, now, cal);
/// block_on(async {
///     start_change(&store, "acct-1", "chg-1", t0, rule(t0)).await?;
///     store.complete("acct-1", "chg-1", t0).await.map_err(NotStarted::Store)?;
///     // Within Tencent's month: refused, and nothing is recorded.
///     let err = start_change(&store, "acct-1", "chg-2", t1, rule(t1)).await.unwrap_err();
///     assert!(matches!(err, NotStarted::Refused(r) if r.code() == "change_cooldown"));
///     assert_eq!(store.open_change("acct-1").await.map_err(NotStarted::Store)?, None);
///     Ok::<(), NotStarted<realname::store::MemoryError>>(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`NotStarted`]: refused by `check`, another change open, contention,
/// or the store's error.
pub async fn start_change<H, F>(
    history: &H,
    account: &str,
    change: &str,
    now: DateTime<Utc>,
    mut check: F,
) -> Result<(), NotStarted<H::Error>>
where
    H: ChangeHistory,
    F: FnMut(Option<DateTime<Utc>>) -> Result<(), crate::rules::Refusal>,
{
    let mut last = history
        .last_completed(account)
        .await
        .map_err(NotStarted::Store)?;
    for _ in 0..8 {
        check(last).map_err(NotStarted::Refused)?;
        match history
            .begin(account, change, last, now)
            .await
            .map_err(NotStarted::Store)?
        {
            ChangeStart::Started | ChangeStart::AlreadyStarted => return Ok(()),
            ChangeStart::Busy { open } => return Err(NotStarted::Busy { open }),
            ChangeStart::Stale { last: l } => last = l,
        }
    }
    Err(NotStarted::Contended)
}
