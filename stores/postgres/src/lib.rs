#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
mod schema;
pub mod tx;

use chrono::{DateTime, Utc};
use deadpool_postgres::{Pool, Runtime};
use realname::DocumentKey;
use realname::store::{
    AttemptLedger, AttemptScope, BindOutcome, BindingStore, Cas, ChangeHistory, ChangeStart,
    Consumed, DueFlow, FlowRecord, FlowStore, Keyring, MAX_DUE, Rebind, Tampered, check_id,
};
use tokio_postgres::NoTls;

pub use error::PgError;
pub use schema::SCHEMA_VERSION;

/// Every store trait of [`realname::store`] on PostgreSQL, through a
/// connection pool: bindings under an atomic cap, attempts, changes of
/// subject and sealed flows, for any number of servers sharing one
/// database.
///
/// The tables (all named `realname_*`) keep only keyed digests of
/// document keys, never a number. Each call runs in its own READ
/// COMMITTED transaction; [`tx`] has the same steps for a transaction the
/// caller holds.
///
/// ```no_run
/// use realname::store::{BindOutcome, BindingStore, Keyring};
/// use realname::{DocumentKey, ResidentId};
/// use realname_postgres::PgStore;
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let ring = Keyring::new(b"from the service's secret manager")?;
/// let store = PgStore::connect_url("host=/run/postgresql user=app dbname=app", ring).await?;
/// let key = DocumentKey::from(&"11010519491231002X".parse::<ResidentId>()?);
/// assert!(matches!(store.try_bind(&key, "acct-1", 3).await?, BindOutcome::Bound { .. } | BindOutcome::AlreadyBound { .. }));
/// # Ok(()) }
/// ```
pub struct PgStore {
    pool: Pool,
    ring: Keyring,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let status = self.pool.status();
        f.debug_struct("PgStore")
            .field("ring", &self.ring)
            .field("pool_size", &status.size)
            .field("pool_max", &status.max_size)
            .finish_non_exhaustive()
    }
}

impl PgStore {
    /// A store on a pool made from `config` (tokio runtime, no TLS), the
    /// schema migrated.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let mut config = deadpool_postgres::Config::new();
    /// config.host = Some("/run/postgresql".into());
    /// config.dbname = Some("app".into());
    /// config.pool = Some(deadpool_postgres::PoolConfig::new(32));
    /// let ring = realname::store::Keyring::new(&[7; 32])?;
    /// let store = realname_postgres::PgStore::connect(config, ring).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`PgError::CreatePool`] for a bad configuration, and those of
    /// [`migrate`](PgStore::migrate).
    pub async fn connect(
        config: deadpool_postgres::Config,
        ring: Keyring,
    ) -> Result<Self, PgError> {
        let pool = config.create_pool(Some(Runtime::Tokio1), NoTls)?;
        Self::from_pool(pool, ring).await
    }

    /// A store on a connection string (`host=… dbname=…` or
    /// `postgresql://…`), the schema migrated.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let ring = realname::store::Keyring::new(&[7; 32])?;
    /// let store = realname_postgres::PgStore::connect_url("postgresql://app@localhost/app", ring).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`connect`](PgStore::connect).
    pub async fn connect_url(url: &str, ring: Keyring) -> Result<Self, PgError> {
        let config = deadpool_postgres::Config {
            url: Some(url.to_owned()),
            ..deadpool_postgres::Config::new()
        };
        Self::connect(config, ring).await
    }

    /// A store on a pool the caller built, the schema migrated.
    ///
    /// ```no_run
    /// # async fn run(pool: deadpool_postgres::Pool) -> Result<(), Box<dyn std::error::Error>> {
    /// let ring = realname::store::Keyring::new(&[7; 32])?;
    /// let store = realname_postgres::PgStore::from_pool(pool, ring).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`migrate`](PgStore::migrate).
    pub async fn from_pool(pool: Pool, ring: Keyring) -> Result<Self, PgError> {
        let store = PgStore { pool, ring };
        store.migrate().await?;
        Ok(store)
    }

    /// Brings the schema to [`SCHEMA_VERSION`] (the constructors call
    /// it): the migrations not yet in `realname_schema` run in one
    /// transaction under `pg_advisory_xact_lock`, so servers starting at
    /// once take turns. Returns the version.
    ///
    /// ```no_run
    /// # async fn run(store: &realname_postgres::PgStore) -> Result<(), realname_postgres::PgError> {
    /// assert_eq!(store.migrate().await?, realname_postgres::SCHEMA_VERSION);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`PgError::SchemaTooNew`] when a newer version of this crate
    /// migrated the database; [`PgError::Pool`] or [`PgError::Db`].
    pub async fn migrate(&self) -> Result<i32, PgError> {
        let mut client = self.pool.get().await?;
        schema::migrate(&mut client).await
    }

    /// The pool, for the caller's own queries and for the [`tx`]
    /// functions.
    ///
    /// ```no_run
    /// # async fn run(store: &realname_postgres::PgStore, key: &realname::DocumentKey) -> Result<(), realname_postgres::PgError> {
    /// let mut client = store.pool().get().await?;
    /// let tx = client.transaction().await?;
    /// realname_postgres::tx::try_bind(&tx, store.keyring(), key, "acct-1", 3).await?;
    /// tx.commit().await?;
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// The keyring the store digests and seals with.
    ///
    /// ```no_run
    /// # fn run(store: &realname_postgres::PgStore) {
    /// let ring = store.keyring();
    /// # }
    /// ```
    #[must_use]
    pub fn keyring(&self) -> &Keyring {
        &self.ring
    }
}

/// Runs `$step` (giving `(out, undo)`) in a transaction of its own on a
/// pooled connection: rolled back when it says undo, committed otherwise.
macro_rules! in_tx {
    ($self:ident, |$tx:ident| $step:expr) => {{
        let mut client = $self.pool.get().await?;
        let $tx = client.transaction().await?;
        let (out, undo) = $step.await?;
        if undo {
            $tx.rollback().await?;
        } else {
            $tx.commit().await?;
        }
        Ok(out)
    }};
}

impl BindingStore for PgStore {
    type Error = PgError;

    async fn try_bind(
        &self,
        key: &DocumentKey,
        account: &str,
        cap: u32,
    ) -> Result<BindOutcome, PgError> {
        check_id("account", account)?;
        in_tx!(self, |tx| tx::bind_in(&tx, &self.ring, key, account, cap))
    }

    async fn release(&self, key: &DocumentKey, account: &str) -> Result<bool, PgError> {
        check_id("account", account)?;
        in_tx!(self, |tx| async {
            Ok::<_, PgError>((tx::release_in(&tx, &self.ring, key, account).await?, false))
        })
    }

    async fn count(&self, key: &DocumentKey) -> Result<u32, PgError> {
        if self.ring.previous(key).is_none() {
            let client = self.pool.get().await?;
            let st = client
                .prepare_cached("SELECT n FROM realname_binding_counts WHERE digest = $1")
                .await?;
            let digest = self.ring.digest(key);
            return match client.query_opt(&st, &[&&digest.as_bytes()[..]]).await? {
                Some(r) => tx::count(r.try_get(0)?),
                None => Ok(0),
            };
        }
        in_tx!(self, |tx| async {
            let (d, _) = tx::digest(&tx, &self.ring, key).await?;
            Ok::<_, PgError>((tx::count_of(&tx, &d).await?, false))
        })
    }

    async fn rebind(
        &self,
        old: &DocumentKey,
        new: &DocumentKey,
        account: &str,
        cap: u32,
    ) -> Result<Rebind, PgError> {
        check_id("account", account)?;
        in_tx!(self, |tx| tx::rebind_in(
            &tx, &self.ring, old, new, account, cap
        ))
    }
}

impl AttemptLedger for PgStore {
    type Error = PgError;

    async fn consume(
        &self,
        scope: &AttemptScope,
        token: &str,
        limit: u32,
    ) -> Result<Consumed, PgError> {
        check_id("attempt token", token)?;
        in_tx!(self, |tx| tx::consume_in(&tx, scope, token, limit))
    }

    async fn used(&self, scope: &AttemptScope) -> Result<u32, PgError> {
        let client = self.pool.get().await?;
        let st = client.prepare_cached(tx::ATTEMPTS_OF).await?;
        match client
            .query_opt(&st, &[&scope.account(), &scope.scope_key()])
            .await?
        {
            Some(r) => tx::count(r.try_get(0)?),
            None => Ok(0),
        }
    }

    async fn reset(&self, scope: &AttemptScope) -> Result<u32, PgError> {
        in_tx!(self, |tx| async {
            Ok::<_, PgError>((tx::reset_in(&tx, scope).await?, false))
        })
    }
}

impl ChangeHistory for PgStore {
    type Error = PgError;

    async fn last_completed(&self, account: &str) -> Result<Option<DateTime<Utc>>, PgError> {
        check_id("account", account)?;
        let client = self.pool.get().await?;
        let st = client
            .prepare_cached("SELECT last_completed FROM realname_changes WHERE account = $1")
            .await?;
        Ok(match client.query_opt(&st, &[&account]).await? {
            Some(r) => r.try_get(0)?,
            None => None,
        })
    }

    async fn open_change(&self, account: &str) -> Result<Option<(String, DateTime<Utc>)>, PgError> {
        check_id("account", account)?;
        let client = self.pool.get().await?;
        let st = client
            .prepare_cached(
                "SELECT open_change, open_since FROM realname_changes \
                 WHERE account = $1 AND open_change IS NOT NULL",
            )
            .await?;
        Ok(match client.query_opt(&st, &[&account]).await? {
            Some(r) => Some((r.try_get(0)?, r.try_get(1)?)),
            None => None,
        })
    }

    async fn begin(
        &self,
        account: &str,
        change: &str,
        checked_against: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<ChangeStart, PgError> {
        check_id("account", account)?;
        check_id("change id", change)?;
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        // The upsert creates or locks the account's row and reads it, in
        // one statement: concurrent starts queue on the row lock.
        let lock = tx
            .prepare_cached(
                "INSERT INTO realname_changes AS c (account) VALUES ($1) \
                 ON CONFLICT (account) DO UPDATE SET account = c.account \
                 RETURNING c.last_completed, c.open_change",
            )
            .await?;
        let row = tx.query_one(&lock, &[&account]).await?;
        let last: Option<DateTime<Utc>> = row.try_get(0)?;
        let open: Option<String> = row.try_get(1)?;
        let micros = |t: Option<DateTime<Utc>>| t.map(|t| t.timestamp_micros());
        let out = match open {
            Some(open) if open == change => ChangeStart::AlreadyStarted,
            Some(open) => ChangeStart::Busy { open },
            None if micros(last) != micros(checked_against) => ChangeStart::Stale { last },
            None => {
                let open = tx
                    .prepare_cached(
                        "UPDATE realname_changes SET open_change = $2, open_since = $3 \
                         WHERE account = $1",
                    )
                    .await?;
                tx.execute(&open, &[&account, &change, &now]).await?;
                ChangeStart::Started
            }
        };
        tx.commit().await?;
        Ok(out)
    }

    async fn complete(
        &self,
        account: &str,
        change: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, PgError> {
        check_id("account", account)?;
        check_id("change id", change)?;
        let client = self.pool.get().await?;
        let st = client
            .prepare_cached(
                "UPDATE realname_changes \
                 SET open_change = NULL, open_since = NULL, last_completed = $3 \
                 WHERE account = $1 AND open_change = $2",
            )
            .await?;
        Ok(client.execute(&st, &[&account, &change, &at]).await? == 1)
    }

    async fn abandon(&self, account: &str, change: &str) -> Result<bool, PgError> {
        check_id("account", account)?;
        check_id("change id", change)?;
        let client = self.pool.get().await?;
        let st = client
            .prepare_cached(
                "UPDATE realname_changes SET open_change = NULL, open_since = NULL \
                 WHERE account = $1 AND open_change = $2",
            )
            .await?;
        Ok(client.execute(&st, &[&account, &change]).await? == 1)
    }
}

/// A revision as PostgreSQL's `bigint` keeps it: the same 64 bits, so
/// every `u64` round-trips (only equality is ever asked of it).
fn rev_to_sql(r: u64) -> i64 {
    i64::from_ne_bytes(r.to_ne_bytes())
}

fn rev_from_sql(r: i64) -> u64 {
    u64::from_ne_bytes(r.to_ne_bytes())
}

impl FlowStore for PgStore {
    type Error = PgError;

    async fn save(
        &self,
        id: &str,
        expected: Option<u64>,
        record: &FlowRecord,
    ) -> Result<Cas, PgError> {
        realname::store::check_save(id, expected, record)?;
        // As stored: the deadline cut to microseconds (the fields are
        // public, so a record may hold nanoseconds), sealed as loaded.
        let record = &FlowRecord::new(record.revision, record.next_deadline, record.state.clone());
        let seal = self
            .ring
            .seal(id, record.revision, record.deadline_micros(), &record.state);
        let client = self.pool.get().await?;
        let rev = rev_to_sql(record.revision);
        let written = match expected {
            None => {
                let st = client
                    .prepare_cached(
                        "INSERT INTO realname_flows (id, revision, next_deadline, state, seal) \
                         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                    )
                    .await?;
                client
                    .execute(
                        &st,
                        &[&id, &rev, &record.next_deadline, &record.state, &&seal[..]],
                    )
                    .await?
            }
            Some(e) => {
                let st = client
                    .prepare_cached(
                        "UPDATE realname_flows SET revision = $2, next_deadline = $3, \
                         state = $4, seal = $5, saved_at = now() \
                         WHERE id = $1 AND revision = $6",
                    )
                    .await?;
                client
                    .execute(
                        &st,
                        &[
                            &id,
                            &rev,
                            &record.next_deadline,
                            &record.state,
                            &&seal[..],
                            &rev_to_sql(e),
                        ],
                    )
                    .await?
            }
        };
        if written == 1 {
            return Ok(Cas::Saved);
        }
        let st = client
            .prepare_cached("SELECT revision, seal FROM realname_flows WHERE id = $1")
            .await?;
        let Some(row) = client.query_opt(&st, &[&id]).await? else {
            return Ok(Cas::Conflict { current: None });
        };
        let current = rev_from_sql(row.try_get(0)?);
        let stored_seal: Vec<u8> = row.try_get(1)?;
        // A retry of a save that went through: the stored row is this
        // record (the seal covers id, revision, deadline and state).
        if current == record.revision && stored_seal[..] == seal[..] {
            return Ok(Cas::Saved);
        }
        Ok(Cas::Conflict {
            current: Some(current),
        })
    }

    async fn load(&self, id: &str) -> Result<Option<FlowRecord>, PgError> {
        check_id("flow id", id)?;
        let client = self.pool.get().await?;
        let st = client
            .prepare_cached(
                "SELECT revision, next_deadline, state, seal FROM realname_flows WHERE id = $1",
            )
            .await?;
        let Some(row) = client.query_opt(&st, &[&id]).await? else {
            return Ok(None);
        };
        let revision = rev_from_sql(row.try_get(0)?);
        let deadline: Option<DateTime<Utc>> = row.try_get(1)?;
        let state: Vec<u8> = row.try_get(2)?;
        let seal: Vec<u8> = row.try_get(3)?;
        let record = FlowRecord::new(revision, deadline, state);
        if !self.ring.verify(
            id,
            record.revision,
            record.deadline_micros(),
            &record.state,
            &seal,
        ) {
            return Err(Tampered { id: id.to_owned() }.into());
        }
        Ok(Some(record))
    }

    async fn due(&self, now: DateTime<Utc>, limit: usize) -> Result<Vec<DueFlow>, PgError> {
        let limit = i64::try_from(limit.min(MAX_DUE)).unwrap_or(0);
        if limit == 0 {
            return Ok(Vec::new());
        }
        let client = self.pool.get().await?;
        let st = client
            .prepare_cached(
                "SELECT id, next_deadline FROM realname_flows WHERE next_deadline <= $1 \
                 ORDER BY next_deadline, id LIMIT $2",
            )
            .await?;
        client
            .query(&st, &[&now, &limit])
            .await?
            .iter()
            .map(|r| {
                Ok(DueFlow {
                    id: r.try_get(0)?,
                    next_deadline: r.try_get(1)?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_revision_round_trips_through_bigint() {
        for r in [0, 1, 41, i64::MAX as u64, i64::MAX as u64 + 1, u64::MAX] {
            assert_eq!(rev_from_sql(rev_to_sql(r)), r);
        }
    }

    #[test]
    fn counters_out_of_range_are_corrupt() {
        use realname::store::StoreError;
        assert_eq!(tx::count(3).unwrap(), 3);
        let e = tx::count(-1).unwrap_err();
        assert_eq!((e.code(), e.retryable()), ("pg_corrupt", false));
        assert!(tx::count(i64::from(u32::MAX) + 1).is_err());
    }
}
