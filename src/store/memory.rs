//! Every store trait in memory, for tests and examples.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};

use super::*;
use crate::DocumentKey;

#[derive(Default)]
struct Change {
    last: Option<DateTime<Utc>>,
    open: Option<(String, DateTime<Utc>)>,
}

#[derive(Default)]
struct Inner {
    bindings: HashMap<KeyDigest, BTreeSet<String>>,
    attempts: HashMap<(String, String), BTreeSet<String>>,
    changes: HashMap<String, Change>,
    flows: HashMap<String, FlowRecord>,
}

/// Every store trait, in memory and thread-safe: one lock around all of
/// it, so each call is atomic. For tests and examples; it keeps key
/// digests like the real stores, and forgets everything when dropped.
///
/// ```
/// use realname::store::{BindingStore, Keyring, MemoryStore, block_on};
/// use realname::{DocumentKey, ResidentId};
/// let store = MemoryStore::new(Keyring::new(&[7; 32])?);
/// let key = DocumentKey::from(&"11010519491231002X".parse::<ResidentId>()?);
/// assert_eq!(block_on(store.count(&key))?, 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct MemoryStore {
    ring: Keyring,
    inner: Mutex<Inner>,
}

impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = self.lock();
        f.debug_struct("MemoryStore")
            .field("ring", &self.ring)
            .field("identities", &inner.bindings.len())
            .field("flows", &inner.flows.len())
            .finish_non_exhaustive()
    }
}

impl MemoryStore {
    /// An empty store keyed by `ring`.
    ///
    /// ```
    /// let store = realname::store::MemoryStore::new(realname::store::Keyring::new(&[1; 32])?);
    /// # Ok::<(), realname::store::WeakSecret>(())
    /// ```
    #[must_use]
    pub fn new(ring: Keyring) -> MemoryStore {
        MemoryStore {
            ring,
            inner: Mutex::new(Inner::default()),
        }
    }

    /// The same contents under another keyring, as a real store reopened
    /// with a rotated secret would see them.
    ///
    /// ```
    /// use realname::store::{BindingStore, Keyring, MemoryStore, block_on};
    /// use realname::{DocumentKey, ResidentId};
    /// let key = DocumentKey::from(&"11010519491231002X".parse::<ResidentId>()?);
    /// let old = MemoryStore::new(Keyring::new(&[1; 32])?);
    /// block_on(old.try_bind(&key, "a-1", 3))?;
    /// let rotating = old.rekeyed(Keyring::rotating(&[2; 32], &[1; 32])?);
    /// assert_eq!(block_on(rotating.count(&key))?, 1); // found under the old digest, and moved
    /// let new = rotating.rekeyed(Keyring::new(&[2; 32])?);
    /// assert_eq!(block_on(new.count(&key))?, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rekeyed(self, ring: Keyring) -> MemoryStore {
        MemoryStore {
            ring,
            inner: self.inner,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // No code under the lock panics; if a caller's did, the data is
        // still whole, since each call changes it in one step.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The current digest of `key`, after moving what the previous secret
    /// keyed.
    fn digest(&self, inner: &mut Inner, key: &DocumentKey) -> KeyDigest {
        let digest = self.ring.digest(key);
        if let Some(old) = self.ring.previous(key)
            && let Some(moved) = inner.bindings.remove(&old)
        {
            inner.bindings.entry(digest).or_default().extend(moved);
        }
        digest
    }
}

fn count_of<T>(set: Option<&BTreeSet<T>>) -> u32 {
    set.map_or(0, |s| u32::try_from(s.len()).unwrap_or(u32::MAX))
}

fn bind(inner: &mut Inner, digest: KeyDigest, account: &str, cap: u32) -> BindOutcome {
    let set = inner.bindings.entry(digest).or_default();
    let count = count_of(Some(set));
    if set.contains(account) {
        BindOutcome::AlreadyBound { count }
    } else if count >= cap {
        BindOutcome::CapReached { count }
    } else {
        set.insert(account.to_owned());
        BindOutcome::Bound { count: count + 1 }
    }
}

fn release(inner: &mut Inner, digest: KeyDigest, account: &str) -> bool {
    let Some(set) = inner.bindings.get_mut(&digest) else {
        return false;
    };
    let removed = set.remove(account);
    if set.is_empty() {
        inner.bindings.remove(&digest);
    }
    removed
}

impl BindingStore for MemoryStore {
    type Error = MemoryError;

    async fn try_bind(
        &self,
        key: &DocumentKey,
        account: &str,
        cap: u32,
    ) -> Result<BindOutcome, MemoryError> {
        check_id("account", account)?;
        let mut inner = self.lock();
        let digest = self.digest(&mut inner, key);
        let out = bind(&mut inner, digest, account, cap);
        if !out.is_bound() || matches!(out, BindOutcome::AlreadyBound { .. }) {
            // Nothing was added: drop an empty set made for the lookup.
            if inner.bindings.get(&digest).is_some_and(BTreeSet::is_empty) {
                inner.bindings.remove(&digest);
            }
        }
        Ok(out)
    }

    async fn release(&self, key: &DocumentKey, account: &str) -> Result<bool, MemoryError> {
        check_id("account", account)?;
        let mut inner = self.lock();
        let digest = self.digest(&mut inner, key);
        Ok(release(&mut inner, digest, account))
    }

    async fn count(&self, key: &DocumentKey) -> Result<u32, MemoryError> {
        let mut inner = self.lock();
        let digest = self.digest(&mut inner, key);
        Ok(count_of(inner.bindings.get(&digest)))
    }

    async fn rebind(
        &self,
        old: &DocumentKey,
        new: &DocumentKey,
        account: &str,
        cap: u32,
    ) -> Result<Rebind, MemoryError> {
        check_id("account", account)?;
        let mut inner = self.lock();
        let old = self.digest(&mut inner, old);
        let new = self.digest(&mut inner, new);
        let bind = bind(&mut inner, new, account, cap);
        let released = bind.is_bound() && old != new && release(&mut inner, old, account);
        if inner.bindings.get(&new).is_some_and(BTreeSet::is_empty) {
            inner.bindings.remove(&new);
        }
        Ok(Rebind { bind, released })
    }
}

impl AttemptLedger for MemoryStore {
    type Error = MemoryError;

    async fn consume(
        &self,
        scope: &AttemptScope,
        token: &str,
        limit: u32,
    ) -> Result<Consumed, MemoryError> {
        check_id("attempt token", token)?;
        let mut inner = self.lock();
        let set = inner
            .attempts
            .entry((scope.account().to_owned(), scope.scope_key().to_owned()))
            .or_default();
        let used = count_of(Some(set));
        Ok(if set.contains(token) {
            Consumed::AlreadyCounted { used }
        } else if used >= limit {
            Consumed::Exhausted { used }
        } else {
            set.insert(token.to_owned());
            Consumed::Counted { used: used + 1 }
        })
    }

    async fn used(&self, scope: &AttemptScope) -> Result<u32, MemoryError> {
        let inner = self.lock();
        Ok(count_of(inner.attempts.get(&(
            scope.account().to_owned(),
            scope.scope_key().to_owned(),
        ))))
    }

    async fn reset(&self, scope: &AttemptScope) -> Result<u32, MemoryError> {
        let mut inner = self.lock();
        Ok(count_of(
            inner
                .attempts
                .remove(&(scope.account().to_owned(), scope.scope_key().to_owned()))
                .as_ref(),
        ))
    }
}

impl ChangeHistory for MemoryStore {
    type Error = MemoryError;

    async fn last_completed(&self, account: &str) -> Result<Option<DateTime<Utc>>, MemoryError> {
        check_id("account", account)?;
        Ok(self.lock().changes.get(account).and_then(|c| c.last))
    }

    async fn open_change(
        &self,
        account: &str,
    ) -> Result<Option<(String, DateTime<Utc>)>, MemoryError> {
        check_id("account", account)?;
        Ok(self
            .lock()
            .changes
            .get(account)
            .and_then(|c| c.open.clone()))
    }

    async fn begin(
        &self,
        account: &str,
        change: &str,
        checked_against: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<ChangeStart, MemoryError> {
        check_id("account", account)?;
        check_id("change id", change)?;
        let mut inner = self.lock();
        let c = inner.changes.entry(account.to_owned()).or_default();
        Ok(match &c.open {
            Some((open, _)) if open == change => ChangeStart::AlreadyStarted,
            Some((open, _)) => ChangeStart::Busy { open: open.clone() },
            None if c.last != checked_against.map(to_micros) => ChangeStart::Stale { last: c.last },
            None => {
                c.open = Some((change.to_owned(), to_micros(now)));
                ChangeStart::Started
            }
        })
    }

    async fn complete(
        &self,
        account: &str,
        change: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, MemoryError> {
        check_id("account", account)?;
        check_id("change id", change)?;
        let mut inner = self.lock();
        let Some(c) = inner.changes.get_mut(account) else {
            return Ok(false);
        };
        if c.open.as_ref().is_some_and(|(open, _)| open == change) {
            c.open = None;
            c.last = Some(to_micros(at));
            Ok(true)
        } else {
            Ok(false)
        }
    }

    async fn abandon(&self, account: &str, change: &str) -> Result<bool, MemoryError> {
        check_id("account", account)?;
        check_id("change id", change)?;
        let mut inner = self.lock();
        let Some(c) = inner.changes.get_mut(account) else {
            return Ok(false);
        };
        if c.open.as_ref().is_some_and(|(open, _)| open == change) {
            c.open = None;
            Ok(true)
        } else {
            Ok(false)
        }
    }
}

impl FlowStore for MemoryStore {
    type Error = MemoryError;

    async fn save(
        &self,
        id: &str,
        expected: Option<u64>,
        record: &FlowRecord,
    ) -> Result<Cas, MemoryError> {
        check_save(id, expected, record)?;
        let mut inner = self.lock();
        let record = FlowRecord::new(record.revision, record.next_deadline, record.state.clone());
        let stored = inner.flows.get(id);
        let current = stored.map(|r| r.revision);
        if current != expected {
            // A retry of a save that went through is saved, not a conflict.
            if stored == Some(&record) {
                return Ok(Cas::Saved);
            }
            return Ok(Cas::Conflict { current });
        }
        inner.flows.insert(id.to_owned(), record);
        Ok(Cas::Saved)
    }

    async fn load(&self, id: &str) -> Result<Option<FlowRecord>, MemoryError> {
        check_id("flow id", id)?;
        Ok(self.lock().flows.get(id).cloned())
    }

    async fn due(&self, now: DateTime<Utc>, limit: usize) -> Result<Vec<DueFlow>, MemoryError> {
        let inner = self.lock();
        let mut due: BTreeMap<(DateTime<Utc>, &str), ()> = BTreeMap::new();
        for (id, r) in &inner.flows {
            if let Some(t) = r.next_deadline.filter(|t| *t <= now) {
                due.insert((t, id.as_str()), ());
            }
        }
        Ok(due
            .into_keys()
            .take(limit.min(MAX_DUE))
            .map(|(next_deadline, id)| DueFlow {
                id: id.to_owned(),
                next_deadline,
            })
            .collect())
    }
}
