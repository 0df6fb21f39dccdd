//! The store's steps inside a transaction the caller holds, so that a
//! service commits its own rows ("account verified") and the binding
//! together, or neither.
//!
//! Each function works under a `SAVEPOINT`: when the cap is reached (or a
//! limit used up) it rolls back to it, undoing only its own statements,
//! and the caller's earlier statements stay. (While rotating the secret,
//! the move of the identity's rows from the old digest stays too: it is
//! behind a savepoint of its own.) It neither commits nor rolls back the
//! caller's transaction.
//!
//! ```no_run
//! use realname::store::{BindOutcome, Keyring};
//! use realname::{DocumentKey, ResidentId};
//!
//! # async fn run(client: &mut tokio_postgres::Client) -> Result<(), Box<dyn std::error::Error>> {
//! let ring = Keyring::new(b"from the service's secret manager")?;
//! let key = DocumentKey::from(&"11010519491231002X".parse::<ResidentId>()?);
//! let tx = client.transaction().await?;
//! tx.execute("UPDATE accounts SET verified = true WHERE id = $1", &[&"acct-1"]).await?;
//! match realname_postgres::tx::try_bind(&tx, &ring, &key, "acct-1", 3).await? {
//!     BindOutcome::CapReached { .. } => tx.rollback().await?, // neither happens
//!     _ => tx.commit().await?,                                 // both happen
//! }
//! # Ok(()) }
//! ```
//!
//! The functions take a `tokio_postgres::Transaction` or a
//! `deadpool_postgres::Transaction` (whose statements are cached), both
//! [`Executor`]s.
//!
//! # Isolation
//!
//! READ COMMITTED, PostgreSQL's default, is the level the cap's algorithm
//! is written for: there a race never fails a step, it waits. Under
//! REPEATABLE READ or SERIALIZABLE the cap holds as well, but a step that
//! meets a concurrent change of the same counter row fails with `40001`
//! ([`retryable`](realname::store::StoreError::retryable),
//! `pg_serialization_failure`). Retry the WHOLE transaction then, from
//! `BEGIN`: roll it back and run all of its statements again. Calling the
//! same function again in the same transaction fails the same way, since
//! its snapshot still predates the other transaction's change.
//!
//! # Cancellation
//!
//! Every change a step makes is one statement whose triggers keep the
//! identity's counter beside its rows, so however a call ends (a
//! `tokio::time::timeout` or `select!` dropping its future between two
//! statements, then the caller committing) no counter can differ from its
//! rows (which would later let a cap be passed). What the dropped call did is unknown,
//! though: its bind may or may not be in, and the transaction may be
//! aborted (a refused bind whose `ROLLBACK TO SAVEPOINT` was never sent),
//! in which case PostgreSQL answers the caller's `COMMIT` with a rollback,
//! not an error. After dropping a call, roll the transaction back.

use core::future::Future;

use realname::DocumentKey;
use realname::store::{AttemptScope, BindOutcome, Consumed, KeyDigest, Keyring, Rebind, check_id};
use tokio_postgres::Statement;
use tokio_postgres::types::ToSql;

use crate::PgError;

mod sealed {
    pub trait Sealed {}
    impl Sealed for tokio_postgres::Transaction<'_> {}
    impl Sealed for deadpool_postgres::Transaction<'_> {}
}

/// A transaction the [`tx`](self) functions run in: a
/// `tokio_postgres::Transaction` or a `deadpool_postgres::Transaction`.
/// Sealed: its methods are this crate's business.
///
/// ```no_run
/// # async fn run(client: &mut deadpool_postgres::Client, ring: &realname::store::Keyring, key: &realname::DocumentKey) -> Result<(), realname_postgres::PgError> {
/// let tx = client.transaction().await?; // deadpool's: statements cached per connection
/// realname_postgres::tx::release(&tx, ring, key, "acct-1").await?;
/// tx.commit().await?;
/// # Ok(()) }
/// ```
pub trait Executor: Sync + sealed::Sealed {
    /// The statement for `sql`, prepared on the transaction's connection.
    #[doc(hidden)]
    fn statement(
        &self,
        sql: &'static str,
    ) -> impl Future<Output = Result<Statement, tokio_postgres::Error>> + Send;

    /// The transaction itself.
    #[doc(hidden)]
    fn pg(&self) -> &tokio_postgres::Transaction<'_>;
}

impl Executor for tokio_postgres::Transaction<'_> {
    fn statement(
        &self,
        sql: &'static str,
    ) -> impl Future<Output = Result<Statement, tokio_postgres::Error>> + Send {
        self.prepare(sql)
    }

    fn pg(&self) -> &tokio_postgres::Transaction<'_> {
        self
    }
}

impl Executor for deadpool_postgres::Transaction<'_> {
    fn statement(
        &self,
        sql: &'static str,
    ) -> impl Future<Output = Result<Statement, tokio_postgres::Error>> + Send {
        self.prepare_cached(sql)
    }

    fn pg(&self) -> &tokio_postgres::Transaction<'_> {
        self
    }
}

type Params<'a> = [&'a (dyn ToSql + Sync)];

async fn rows<E: Executor>(
    c: &E,
    sql: &'static str,
    p: &Params<'_>,
) -> Result<Vec<tokio_postgres::Row>, PgError> {
    let st = c.statement(sql).await?;
    Ok(c.pg().query(&st, p).await?)
}

async fn exec<E: Executor>(c: &E, sql: &'static str, p: &Params<'_>) -> Result<u64, PgError> {
    let st = c.statement(sql).await?;
    Ok(c.pg().execute(&st, p).await?)
}

/// A stored counter as a count.
pub(crate) fn count(n: i64) -> Result<u32, PgError> {
    u32::try_from(n).map_err(|_| PgError::Corrupt { what: "counter" })
}

fn bytes(d: &KeyDigest) -> &[u8] {
    d.as_bytes()
}

// --- bindings ---------------------------------------------------------
//
// Every step is ONE statement per table change: the triggers of the
// schema keep each counter beside its rows (raised by the insert of a
// row, lowered by its delete, in the same statement), so no interrupted
// call can leave a counter apart from its rows.

/// The SQLSTATE the insert triggers raise when a cap (or an attempt
/// limit) refuses the row; the DETAIL holds the counter's value.
pub(crate) const CAP_REACHED: &str = "RN001";

// The row carries its cap; the trigger raises the counter under it, or
// refuses the row (CAP_REACHED): the insert and its count are one
// statement. A conflict (the account bound already) inserts nothing and
// fires no trigger.
const BIND_ROW: &str = "INSERT INTO realname_bindings (digest, account, cap) \
     VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
const COUNT_OF: &str = "SELECT n FROM realname_binding_counts WHERE digest = $1";
const UNBIND_ROW: &str = "DELETE FROM realname_bindings WHERE digest = $1 AND account = $2";
// The old digest's rows, deleted and inserted under the new digest with
// no cap (they were counted already); the triggers move the counts.
const MOVE_ROWS: &str = "WITH moved AS (DELETE FROM realname_bindings WHERE digest = $1 \
         RETURNING account, bound_at), \
     kept AS (INSERT INTO realname_bindings (digest, account, bound_at) \
         SELECT $2, account, bound_at FROM moved ON CONFLICT DO NOTHING) \
     SELECT count(*) FROM moved";

/// What one capped insert did.
enum Insert {
    Added,
    Already,
    /// Refused at the cap, with the counter's value; the statement
    /// failed, so the transaction must be rolled back to a savepoint.
    Refused(u32),
}

/// Runs two futures at once, so that their statements go out together:
/// tokio-postgres pipelines them, the server runs them in order, and the
/// second costs no round trip of its own.
async fn both<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    use core::task::Poll;
    let (mut a, mut b) = (core::pin::pin!(a), core::pin::pin!(b));
    let (mut ra, mut rb) = (None, None);
    core::future::poll_fn(move |cx| {
        if ra.is_none()
            && let Poll::Ready(v) = a.as_mut().poll(cx)
        {
            ra = Some(v);
        }
        if rb.is_none()
            && let Poll::Ready(v) = b.as_mut().poll(cx)
        {
            rb = Some(v);
        }
        match (ra.take(), rb.take()) {
            (Some(x), Some(y)) => Poll::Ready((x, y)),
            (x, y) => {
                (ra, rb) = (x, y);
                Poll::Pending
            }
        }
    })
    .await
}

/// The capped insert `sql`, and after it (pipelined: the insert holds
/// the counter row's lock, so no round trip is spent holding it) the
/// counter `then`, which is the insert's own count when a row went in.
async fn insert_capped<E: Executor>(
    c: &E,
    sql: &'static str,
    p: &Params<'_>,
    then: &'static str,
    q: &Params<'_>,
) -> Result<(Insert, u32), PgError> {
    let (inserted, counted) = both(
        async {
            let st = c.statement(sql).await?;
            c.pg().execute(&st, p).await
        },
        async {
            let st = c.statement(then).await?;
            c.pg().query_opt(&st, q).await
        },
    )
    .await;
    let n = |counted: Result<Option<tokio_postgres::Row>, tokio_postgres::Error>| match counted? {
        Some(r) => count(r.try_get(0)?),
        None => Ok(0),
    };
    match inserted {
        Ok(0) => Ok((Insert::Already, n(counted)?)),
        Ok(_) => Ok((Insert::Added, n(counted)?)),
        // The count failed too (the transaction is aborted): the
        // refusal carries its own.
        Err(e) => match e.as_db_error() {
            Some(db) if db.code().code() == CAP_REACHED => {
                let n = db
                    .detail()
                    .and_then(|d| d.parse::<i64>().ok())
                    .ok_or(PgError::Corrupt { what: "counter" })?;
                Ok((Insert::Refused(count(n)?), 0))
            }
            _ => Err(e.into()),
        },
    }
}

/// The key's current digest, after moving (while rotating) the rows the
/// previous secret keyed, in one statement. `true` beside it: rows moved.
pub(crate) async fn digest<E: Executor>(
    c: &E,
    ring: &Keyring,
    key: &DocumentKey,
) -> Result<(KeyDigest, bool), PgError> {
    let digest = ring.digest(key);
    let mut moved = false;
    if let Some(old) = ring.previous(key).filter(|o| *o != digest) {
        let n: i64 = match rows(c, MOVE_ROWS, &[&bytes(&old), &bytes(&digest)])
            .await?
            .first()
        {
            Some(r) => r.try_get(0)?,
            None => 0,
        };
        moved = n > 0;
    }
    Ok((digest, moved))
}

const MOVES_KEPT: &str = "SAVEPOINT realname_moved";
const BACK_TO_MOVES: &str = "ROLLBACK TO SAVEPOINT realname_moved";

/// After the moves, when rows moved: a savepoint that a refusal rolls
/// back to, so that the moves stay even when the bind is refused.
async fn keep_moves<E: Executor>(c: &E, moved: bool) -> Result<(), PgError> {
    if moved {
        c.pg().batch_execute(MOVES_KEPT).await?;
    }
    Ok(())
}

/// A refusal: undoes the step's statements after the moves. With rows
/// moved, rolls back to their savepoint here (`false`: nothing more to
/// undo); without, `true`: the caller undoes the whole step.
async fn refused<E: Executor>(c: &E, moved: bool) -> Result<bool, PgError> {
    if moved {
        c.pg().batch_execute(BACK_TO_MOVES).await?;
        Ok(false)
    } else {
        Ok(true)
    }
}

pub(crate) async fn count_of<E: Executor>(c: &E, d: &KeyDigest) -> Result<u32, PgError> {
    match rows(c, COUNT_OF, &[&bytes(d)]).await?.first() {
        Some(r) => count(r.try_get(0)?),
        None => Ok(0),
    }
}

/// Binds under the cap, after [`keep_moves`]. `true` beside the outcome:
/// the caller must undo the step (the statement failed at the cap).
async fn bind_digest<E: Executor>(
    c: &E,
    d: &KeyDigest,
    account: &str,
    cap: u32,
    moved: bool,
) -> Result<(BindOutcome, bool), PgError> {
    let cap = i64::from(cap);
    let (insert, count) = insert_capped(
        c,
        BIND_ROW,
        &[&bytes(d), &account, &cap],
        COUNT_OF,
        &[&bytes(d)],
    )
    .await?;
    Ok(match insert {
        Insert::Added => (BindOutcome::Bound { count }, false),
        Insert::Already => (BindOutcome::AlreadyBound { count }, false),
        Insert::Refused(count) => (BindOutcome::CapReached { count }, refused(c, moved).await?),
    })
}

async fn release_digest<E: Executor>(c: &E, d: &KeyDigest, account: &str) -> Result<bool, PgError> {
    Ok(exec(c, UNBIND_ROW, &[&bytes(d), &account]).await? == 1)
}

/// [`try_bind`] without the savepoint: `true` beside the outcome when the
/// caller must undo the statements (the moves of a rotation stay: they
/// are behind a savepoint of their own).
pub(crate) async fn bind_in<E: Executor>(
    c: &E,
    ring: &Keyring,
    key: &DocumentKey,
    account: &str,
    cap: u32,
) -> Result<(BindOutcome, bool), PgError> {
    check_id("account", account)?;
    let (d, moved) = digest(c, ring, key).await?;
    keep_moves(c, moved).await?;
    bind_digest(c, &d, account, cap, moved).await
}

pub(crate) async fn release_in<E: Executor>(
    c: &E,
    ring: &Keyring,
    key: &DocumentKey,
    account: &str,
) -> Result<bool, PgError> {
    check_id("account", account)?;
    let (d, _) = digest(c, ring, key).await?;
    release_digest(c, &d, account).await
}

/// The rebind: both keys' rows are locked in the order of their digests'
/// bytes, whichever is old and which new, so that two rebinds in opposite
/// directions take their locks in the same order. The moves of a
/// rotation come first (in the same order) and stay when the bind is
/// refused; the release does not.
pub(crate) async fn rebind_in<E: Executor>(
    c: &E,
    ring: &Keyring,
    old: &DocumentKey,
    new: &DocumentKey,
    account: &str,
    cap: u32,
) -> Result<(Rebind, bool), PgError> {
    check_id("account", account)?;
    let (d_old, d_new) = (ring.digest(old), ring.digest(new));
    if d_old == d_new {
        let (bind, undo) = bind_in(c, ring, new, account, cap).await?;
        return Ok((
            Rebind {
                bind,
                released: false,
            },
            undo,
        ));
    }
    let old_first = d_old < d_new;
    let (first, second) = if old_first { (old, new) } else { (new, old) };
    let moved = digest(c, ring, first).await?.1;
    let moved = digest(c, ring, second).await?.1 || moved;
    keep_moves(c, moved).await?;
    let refused = |bind| Rebind {
        bind,
        released: false,
    };
    if old_first {
        let released = release_digest(c, &d_old, account).await?;
        let (bind, undo) = bind_digest(c, &d_new, account, cap, moved).await?;
        if !bind.is_bound() {
            return Ok((refused(bind), undo));
        }
        Ok((Rebind { bind, released }, false))
    } else {
        let (bind, undo) = bind_digest(c, &d_new, account, cap, moved).await?;
        if !bind.is_bound() {
            return Ok((refused(bind), undo));
        }
        let released = release_digest(c, &d_old, account).await?;
        Ok((Rebind { bind, released }, false))
    }
}

// --- attempts ---------------------------------------------------------

// As BIND_ROW: the row carries the limit, its trigger counts it.
const ATTEMPT_ROW: &str = "INSERT INTO realname_attempts (account, scope, token, cap) \
     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
pub(crate) const ATTEMPTS_OF: &str =
    "SELECT n FROM realname_attempt_counts WHERE account = $1 AND scope = $2";

pub(crate) async fn consume_in<E: Executor>(
    c: &E,
    scope: &AttemptScope,
    token: &str,
    limit: u32,
) -> Result<(Consumed, bool), PgError> {
    check_id("attempt token", token)?;
    let (account, key) = (scope.account(), scope.scope_key());
    let limit = i64::from(limit);
    let (insert, used) = insert_capped(
        c,
        ATTEMPT_ROW,
        &[&account, &key, &token, &limit],
        ATTEMPTS_OF,
        &[&account, &key],
    )
    .await?;
    Ok(match insert {
        Insert::Added => (Consumed::Counted { used }, false),
        Insert::Already => (Consumed::AlreadyCounted { used }, false),
        Insert::Refused(used) => (Consumed::Exhausted { used }, true),
    })
}

const RESET_ROWS: &str = "DELETE FROM realname_attempts WHERE account = $1 AND scope = $2";

/// Deletes the scope's attempts (their trigger drops the counter).
pub(crate) async fn reset_in<E: Executor>(c: &E, scope: &AttemptScope) -> Result<u32, PgError> {
    let n = exec(c, RESET_ROWS, &[&scope.account(), &scope.scope_key()]).await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

// --- savepoints -------------------------------------------------------

const SAVEPOINT: &str = "SAVEPOINT realname_step";
const ROLLBACK_TO: &str = "ROLLBACK TO SAVEPOINT realname_step";
const RELEASE: &str = "RELEASE SAVEPOINT realname_step";

/// Runs `step` under a savepoint, rolling back to it when the step says
/// so or fails.
async fn under_savepoint<E, T, F>(c: &E, step: F) -> Result<T, PgError>
where
    E: Executor,
    F: Future<Output = Result<(T, bool), PgError>>,
{
    c.pg().batch_execute(SAVEPOINT).await?;
    match step.await {
        Ok((out, undo)) => {
            if undo {
                c.pg().batch_execute(ROLLBACK_TO).await?;
            }
            c.pg().batch_execute(RELEASE).await?;
            Ok(out)
        }
        Err(e) => {
            // Leave the caller's transaction usable where the server can
            // (a deadlock aborts only the subtransaction); the error is
            // the one to report either way.
            if c.pg().batch_execute(ROLLBACK_TO).await.is_ok() {
                let _ = c.pg().batch_execute(RELEASE).await;
            }
            Err(e)
        }
    }
}

/// [`BindingStore::try_bind`](realname::store::BindingStore::try_bind) in
/// the caller's transaction: binds `account` to `key` unless `cap` other
/// accounts are bound. On [`CapReached`](BindOutcome::CapReached) only
/// this call's statements are rolled back (to a savepoint). The binding
/// is the caller's to commit.
///
/// ```no_run
/// use realname::store::Keyring;
/// # async fn run(client: &mut tokio_postgres::Client, key: &realname::DocumentKey) -> Result<(), Box<dyn std::error::Error>> {
/// let ring = Keyring::new(&[7; 32])?;
/// let tx = client.transaction().await?;
/// let got = realname_postgres::tx::try_bind(&tx, &ring, key, "acct-1", 3).await?;
/// tx.execute("INSERT INTO audit (account, bound) VALUES ($1, $2)", &[&"acct-1", &got.is_bound()]).await?;
/// tx.commit().await?;
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// [`PgError::Input`] for a refused account id; [`PgError::Db`] when
/// PostgreSQL fails (see [`retryable`](realname::store::StoreError::retryable)).
pub async fn try_bind<E: Executor>(
    tx: &E,
    ring: &Keyring,
    key: &DocumentKey,
    account: &str,
    cap: u32,
) -> Result<BindOutcome, PgError> {
    check_id("account", account)?;
    under_savepoint(tx, bind_in(tx, ring, key, account, cap)).await
}

/// [`BindingStore::release`](realname::store::BindingStore::release) in
/// the caller's transaction: `true` when `account` was bound to `key`.
///
/// ```no_run
/// # async fn run(tx: &tokio_postgres::Transaction<'_>, ring: &realname::store::Keyring, key: &realname::DocumentKey) -> Result<(), realname_postgres::PgError> {
/// let was_bound = realname_postgres::tx::release(tx, ring, key, "acct-1").await?;
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// As [`try_bind`].
pub async fn release<E: Executor>(
    tx: &E,
    ring: &Keyring,
    key: &DocumentKey,
    account: &str,
) -> Result<bool, PgError> {
    check_id("account", account)?;
    under_savepoint(tx, async {
        Ok((release_in(tx, ring, key, account).await?, false))
    })
    .await
}

/// [`BindingStore::rebind`](realname::store::BindingStore::rebind) in the
/// caller's transaction: binds `account` to `new` under `cap` and
/// releases it from `old`; on [`CapReached`](BindOutcome::CapReached)
/// neither happens.
///
/// ```no_run
/// # async fn run(tx: &tokio_postgres::Transaction<'_>, ring: &realname::store::Keyring, old: &realname::DocumentKey, new: &realname::DocumentKey) -> Result<(), realname_postgres::PgError> {
/// let r = realname_postgres::tx::rebind(tx, ring, old, new, "acct-1", 3).await?;
/// if r.bind.is_bound() { /* record the change of subject in the same transaction */ }
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// As [`try_bind`].
pub async fn rebind<E: Executor>(
    tx: &E,
    ring: &Keyring,
    old: &DocumentKey,
    new: &DocumentKey,
    account: &str,
    cap: u32,
) -> Result<Rebind, PgError> {
    check_id("account", account)?;
    under_savepoint(tx, rebind_in(tx, ring, old, new, account, cap)).await
}

/// [`AttemptLedger::consume`](realname::store::AttemptLedger::consume) in
/// the caller's transaction: counts the attempt under `token` unless
/// `limit` are used. On [`Exhausted`](Consumed::Exhausted) only this
/// call's statements are rolled back.
///
/// ```no_run
/// use realname::policy::{MethodKind, Scope};
/// use realname::store::AttemptScope;
/// # async fn run(tx: &tokio_postgres::Transaction<'_>) -> Result<(), Box<dyn std::error::Error>> {
/// let scope = AttemptScope::new("acct-1", MethodKind::BankCard, Scope::Account, "")?;
/// let c = realname_postgres::tx::consume(tx, &scope, "try-1", 10).await?;
/// assert!(c.used() <= 10);
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// [`PgError::Input`] for a refused token; [`PgError::Db`] when
/// PostgreSQL fails.
pub async fn consume<E: Executor>(
    tx: &E,
    scope: &AttemptScope,
    token: &str,
    limit: u32,
) -> Result<Consumed, PgError> {
    check_id("attempt token", token)?;
    under_savepoint(tx, consume_in(tx, scope, token, limit)).await
}
