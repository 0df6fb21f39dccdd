//! The store's error.

use realname::store::{InputError, StoreError, Tampered};

/// What can go wrong in a [`SqliteStore`](crate::SqliteStore) call or
/// open. Each says whether a retry can help
/// ([`retryable`](StoreError::retryable)) and has a stable
/// [`code`](StoreError::code). No message holds a document number: the
/// store never sees one past its digest.
///
/// ```
/// use realname::store::{InputError, StoreError};
/// use realname_sqlite::SqliteError;
/// let e = SqliteError::from(InputError::Empty { field: "account" });
/// assert_eq!((e.code(), e.retryable()), ("store_empty_input", false));
/// assert!(SqliteError::Busy.retryable());
/// assert_eq!(SqliteError::Busy.code(), "sqlite_busy");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SqliteError {
    /// An id refused before the database was touched.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A flow row whose seal does not match: edited outside the store, or
    /// written under a secret this store does not hold.
    #[error(transparent)]
    Tampered(#[from] Tampered),
    /// The database stayed locked by another connection past the busy
    /// timeout: nothing was changed, try again.
    #[error("the database stayed locked past the busy timeout; nothing was changed")]
    Busy,
    /// Any other error of SQLite or of the file system.
    #[error("sqlite: {0}")]
    Sqlite(#[source] rusqlite::Error),
    /// The database was written by a newer version of this crate: its
    /// schema is one this version does not know.
    #[error(
        "the database has schema version {found}, newer than {known}, the newest this realname-sqlite knows: upgrade the crate"
    )]
    NewerSchema {
        /// The database's schema version.
        found: i64,
        /// The newest this crate knows.
        known: i64,
    },
    /// A stored value that this crate never writes (a deadline out of
    /// range, a negative count): the file was edited or is damaged.
    #[error("the database holds a {what} this store never writes")]
    Corrupt {
        /// What was found.
        what: &'static str,
    },
    /// The store could not start its worker threads.
    #[error("the store could not start its threads: {0}")]
    Spawn(#[source] std::io::Error),
    /// The store's worker threads are gone (the store is being dropped, or
    /// a worker failed): this store takes no more calls.
    #[error("the store's worker threads are gone")]
    Closed,
    /// The write panicked inside the store (a bug of this crate): it was
    /// rolled back alone, and the store goes on taking calls.
    #[error("the write failed inside the store and was rolled back")]
    Panicked,
    /// The file system does not take SQLite's write-ahead log (a network
    /// file system, say): the store refuses to run without it.
    #[error("the database could not switch to the write-ahead log (journal mode stays {mode})")]
    NoWal {
        /// The journal mode SQLite kept.
        mode: String,
    },
}

impl From<rusqlite::Error> for SqliteError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
        match e.sqlite_error_code() {
            Some(DatabaseBusy | DatabaseLocked) => SqliteError::Busy,
            _ => SqliteError::Sqlite(e),
        }
    }
}

impl SqliteError {
    /// The same error again, for each write of a transaction that failed
    /// as a whole.
    pub(crate) fn duplicate(&self) -> SqliteError {
        match self {
            SqliteError::Busy => SqliteError::Busy,
            SqliteError::Sqlite(e) => SqliteError::Sqlite(rusqlite::Error::SqliteFailure(
                e.sqlite_error()
                    .copied()
                    .unwrap_or(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR)),
                Some(e.to_string()),
            )),
            SqliteError::Corrupt { what } => SqliteError::Corrupt { what },
            SqliteError::NewerSchema { found, known } => SqliteError::NewerSchema {
                found: *found,
                known: *known,
            },
            SqliteError::Panicked => SqliteError::Panicked,
            SqliteError::NoWal { mode } => SqliteError::NoWal { mode: mode.clone() },
            _ => SqliteError::Closed,
        }
    }
}

impl StoreError for SqliteError {
    fn retryable(&self) -> bool {
        match self {
            SqliteError::Busy => true,
            // A lost race on the WAL index's locks: SQLite itself retries
            // these a few times; another try later can succeed.
            SqliteError::Sqlite(e) => matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::FileLockingProtocolFailed)
            ),
            _ => false,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            SqliteError::Input(e) => e.code(),
            SqliteError::Tampered(t) => t.code(),
            SqliteError::Busy => "sqlite_busy",
            SqliteError::Sqlite(_) => "sqlite_error",
            SqliteError::NewerSchema { .. } => "sqlite_newer_schema",
            SqliteError::Corrupt { .. } => "sqlite_corrupt",
            SqliteError::Spawn(_) => "sqlite_spawn",
            SqliteError::Closed => "sqlite_closed",
            SqliteError::Panicked => "sqlite_panicked",
            SqliteError::NoWal { .. } => "sqlite_no_wal",
        }
    }
}
