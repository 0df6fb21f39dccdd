//! The schema, its migrations, and how a connection is set up.

use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::{Durability, SqliteError};

/// The schema's migrations, in order: a database at version `n` has had
/// `MIGRATIONS[..n]` applied. [`SqliteStore::open`](crate::SqliteStore::open)
/// applies the missing ones in one `BEGIN IMMEDIATE` transaction, so that
/// processes opening one file at once migrate it once.
///
/// ```
/// assert_eq!(realname_sqlite::MIGRATIONS.len() as i64, realname_sqlite::SCHEMA_VERSION);
/// ```
pub const MIGRATIONS: &[&str] = &[
    // 1: the tables. Digests are the 32-byte HMAC of each key, never a key.
    // `binding_counts` is kept exact by the two triggers, in the statement
    // that changes `bindings`: a cap check reads one row however many
    // accounts a key has (a cap may be u32::MAX), where count(*) would
    // walk every binding of the key.
    "CREATE TABLE bindings (
        digest  BLOB NOT NULL CHECK (length(digest) = 32),
        account TEXT NOT NULL,
        PRIMARY KEY (digest, account)
    ) WITHOUT ROWID;
    CREATE TABLE binding_counts (
        digest BLOB PRIMARY KEY,
        n      INTEGER NOT NULL CHECK (n >= 0)
    ) WITHOUT ROWID;
    CREATE TRIGGER bindings_count_insert AFTER INSERT ON bindings BEGIN
        INSERT INTO binding_counts (digest, n) VALUES (NEW.digest, 1)
            ON CONFLICT (digest) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER bindings_count_delete AFTER DELETE ON bindings BEGIN
        UPDATE binding_counts SET n = n - 1 WHERE digest = OLD.digest;
        DELETE FROM binding_counts WHERE digest = OLD.digest AND n = 0;
    END;
    CREATE TABLE attempts (
        account TEXT NOT NULL,
        scope   TEXT NOT NULL,
        token   TEXT NOT NULL,
        PRIMARY KEY (account, scope, token)
    ) WITHOUT ROWID;
    CREATE TABLE changes (
        account        TEXT PRIMARY KEY,
        last_s         INTEGER,
        last_ns        INTEGER,
        open_id        TEXT,
        open_started_s INTEGER,
        open_started_ns INTEGER
    ) WITHOUT ROWID;
    CREATE TABLE flows (
        id               TEXT PRIMARY KEY,
        revision         INTEGER NOT NULL,
        next_deadline_us INTEGER,
        state            BLOB NOT NULL,
        seal             BLOB NOT NULL
    );",
    // 2: the sweeper's index, earliest deadline first.
    "CREATE INDEX flows_due ON flows (next_deadline_us, id)
        WHERE next_deadline_us IS NOT NULL;",
];

/// The schema version this crate writes: the number of [`MIGRATIONS`].
/// A file at a later version is refused
/// ([`SqliteError::NewerSchema`](crate::SqliteError::NewerSchema)).
///
/// ```
/// assert_eq!(realname_sqlite::SCHEMA_VERSION, 2);
/// ```
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Opens one connection and sets it up: busy timeout, WAL, the
/// synchronous level, foreign keys.
pub(crate) fn connect(
    open: impl Fn() -> rusqlite::Result<Connection>,
    busy: Duration,
    durability: Durability,
    wal: bool,
) -> Result<Connection, SqliteError> {
    let conn = open()?;
    conn.busy_timeout(busy)?;
    if wal {
        // Switching a new file to WAL takes a lock that the busy handler
        // does not wait for: retry it within the busy timeout.
        let mut waited = Duration::ZERO;
        loop {
            match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
                Ok(mode) if mode.eq_ignore_ascii_case("wal") => break,
                Ok(mode) => return Err(SqliteError::NoWal { mode }),
                Err(e) if waited < busy && is_busy(&e) => {
                    std::thread::sleep(Duration::from_millis(5));
                    waited += Duration::from_millis(5);
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    let sync = match durability {
        Durability::Full => "FULL",
        Durability::Normal => "NORMAL",
    };
    conn.execute_batch(&format!(
        "PRAGMA synchronous = {sync}; PRAGMA foreign_keys = ON;"
    ))?;
    Ok(conn)
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Brings the schema to [`SCHEMA_VERSION`], or refuses a newer one.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), SqliteError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch("CREATE TABLE IF NOT EXISTS realname_schema (version INTEGER NOT NULL)")?;
    let found: Option<i64> = tx
        .query_row("SELECT max(version) FROM realname_schema", [], |r| r.get(0))
        .optional()?
        .flatten();
    let found = found.unwrap_or(0);
    if found > SCHEMA_VERSION {
        return Err(SqliteError::NewerSchema {
            found,
            known: SCHEMA_VERSION,
        });
    }
    if found < 0 {
        return Err(SqliteError::Corrupt {
            what: "negative schema version",
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    for sql in MIGRATIONS.iter().skip(usize::try_from(found).unwrap_or(0)) {
        tx.execute_batch(sql)?;
    }
    tx.execute("DELETE FROM realname_schema", [])?;
    tx.execute(
        "INSERT INTO realname_schema (version) VALUES (?1)",
        [SCHEMA_VERSION],
    )?;
    tx.commit()?;
    Ok(())
}
