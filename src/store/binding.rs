//! Which accounts an identity has verified, under an atomic cap.

use core::future::Future;

use super::StoreError;
use crate::DocumentKey;

/// The answer of [`BindingStore::try_bind`], with the number of accounts
/// the identity is bound to after the call.
///
/// ```
/// use realname::store::BindOutcome;
/// assert_eq!(BindOutcome::Bound { count: 2 }.count(), 2);
/// assert!(BindOutcome::AlreadyBound { count: 3 }.is_bound());
/// assert!(!BindOutcome::CapReached { count: 3 }.is_bound());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum BindOutcome {
    /// Bound by this call.
    Bound {
        /// Accounts bound to the identity now, this one included.
        count: u32,
    },
    /// The account was bound already (a retried call): nothing changed,
    /// and it counts once.
    AlreadyBound {
        /// Accounts bound to the identity.
        count: u32,
    },
    /// The identity is bound to `count` other accounts, at or above the
    /// cap: nothing changed.
    CapReached {
        /// Accounts bound to the identity.
        count: u32,
    },
}

impl BindOutcome {
    /// Accounts bound to the identity after the call.
    ///
    /// ```
    /// assert_eq!(realname::store::BindOutcome::CapReached { count: 1 }.count(), 1);
    /// ```
    #[must_use]
    pub fn count(&self) -> u32 {
        match *self {
            BindOutcome::Bound { count }
            | BindOutcome::AlreadyBound { count }
            | BindOutcome::CapReached { count } => count,
        }
    }

    /// Whether the account is bound to the identity after the call.
    ///
    /// ```
    /// assert!(realname::store::BindOutcome::Bound { count: 1 }.is_bound());
    /// ```
    #[must_use]
    pub fn is_bound(&self) -> bool {
        !matches!(self, BindOutcome::CapReached { .. })
    }
}

/// What a flow is told: the flow's [`Action::Bind`](crate::flow::Action)
/// takes the outcome without the count.
///
/// ```
/// use realname::{flow, store};
/// assert_eq!(flow::BindOutcome::from(store::BindOutcome::CapReached { count: 3 }), flow::BindOutcome::CapReached);
/// ```
impl From<BindOutcome> for crate::flow::BindOutcome {
    fn from(o: BindOutcome) -> Self {
        match o {
            BindOutcome::Bound { .. } => crate::flow::BindOutcome::Bound,
            BindOutcome::AlreadyBound { .. } => crate::flow::BindOutcome::AlreadyBound,
            BindOutcome::CapReached { .. } => crate::flow::BindOutcome::CapReached,
        }
    }
}

/// The answer of [`BindingStore::rebind`].
///
/// ```
/// use realname::store::{BindOutcome, Rebind};
/// let r = Rebind { bind: BindOutcome::Bound { count: 1 }, released: true };
/// assert!(r.bind.is_bound() && r.released);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Rebind {
    /// The bind of the new identity. When it is
    /// [`CapReached`](BindOutcome::CapReached), nothing changed: the old
    /// binding is kept.
    pub bind: BindOutcome,
    /// Whether the old identity's binding was removed by this call.
    pub released: bool,
}

/// The cap a flow's [`Action::Bind`](crate::flow::Action) carries, as the
/// store takes it: no cap is `u32::MAX`.
///
/// ```
/// assert_eq!(realname::store::cap_of(Some(3)), 3);
/// assert_eq!(realname::store::cap_of(None), u32::MAX);
/// ```
#[must_use]
pub fn cap_of(cap: Option<u32>) -> u32 {
    cap.unwrap_or(u32::MAX)
}

/// Which accounts each identity has verified.
///
/// The store keeps the keyed digest of each key
/// ([`Keyring::digest`](super::Keyring::digest)), never the key. Every
/// method refuses an account id that [`check_id`](super::check_id)
/// refuses.
///
/// # Example: Tencent Cloud's cap of 3
///
/// ```
/// use realname::policy::Provider;
/// use realname::store::{BindOutcome, BindingStore, Keyring, MemoryStore, block_on};
/// use realname::{DocumentKey, ResidentId};
///
/// let store = MemoryStore::new(Keyring::new(b"from the service's secret manager")?);
/// let tencent = Provider::Tencent.profile();
/// let id: ResidentId = "11010519491231002X".parse()?;
/// let key = DocumentKey::from(&id);
/// let cap = tencent
///     .account_cap(realname::SubjectKind::Individual)
///     .and_then(|c| c.value.limit.number())
///     .unwrap_or(u32::MAX);
/// assert_eq!(cap, 3);
///
/// block_on(async {
///     for (n, account) in ["a-1", "a-2", "a-3"].iter().enumerate() {
///         let got = store.try_bind(&key, account, cap).await?;
///         assert_eq!(got, BindOutcome::Bound { count: n as u32 + 1 });
///     }
///     // A retried request counts once.
///     assert_eq!(store.try_bind(&key, "a-3", cap).await?, BindOutcome::AlreadyBound { count: 3 });
///     // A fourth account is refused, atomically, however many servers ask at once.
///     assert_eq!(store.try_bind(&key, "a-4", cap).await?, BindOutcome::CapReached { count: 3 });
///     // Tencent: a modified real name frees the old identity's slot.
///     assert!(store.release(&key, "a-1").await?);
///     assert_eq!(store.try_bind(&key, "a-4", cap).await?, BindOutcome::Bound { count: 3 });
///     Ok::<(), realname::store::MemoryError>(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait BindingStore: Send + Sync {
    /// The store's error.
    type Error: StoreError;

    /// Binds `account` to `key` unless the key is bound to `cap` other
    /// accounts already: the check and the insert are one atomic step, so
    /// concurrent callers never bind more than `cap` accounts. Binding a
    /// bound account is [`AlreadyBound`](BindOutcome::AlreadyBound), even
    /// above a cap lowered since.
    fn try_bind(
        &self,
        key: &DocumentKey,
        account: &str,
        cap: u32,
    ) -> impl Future<Output = Result<BindOutcome, Self::Error>> + Send;

    /// Removes the binding of `account` to `key`; `true` when there was
    /// one.
    fn release(
        &self,
        key: &DocumentKey,
        account: &str,
    ) -> impl Future<Output = Result<bool, Self::Error>> + Send;

    /// How many accounts `key` is bound to.
    fn count(&self, key: &DocumentKey) -> impl Future<Output = Result<u32, Self::Error>> + Send;

    /// A change of subject: binds `account` to `new` under `cap` and
    /// releases its binding to `old`, all or nothing. When the new bind
    /// reaches the cap nothing changes. When `old` and `new` are the same
    /// identity, this is a [`try_bind`](BindingStore::try_bind).
    fn rebind(
        &self,
        old: &DocumentKey,
        new: &DocumentKey,
        account: &str,
        cap: u32,
    ) -> impl Future<Output = Result<Rebind, Self::Error>> + Send;
}
