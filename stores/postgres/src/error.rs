//! The error of the PostgreSQL stores.

use realname::store::{InputError, StoreError, Tampered};
use tokio_postgres::error::SqlState;

/// What went wrong in a [`PgStore`](crate::PgStore) call or a
/// [`tx`](crate::tx) function.
///
/// [`retryable`](StoreError::retryable) is true where the same call may
/// succeed if made again and the failed one changed nothing: a pool
/// timeout, a lost connection, a serialisation failure (`40001`), a
/// deadlock (`40P01`), a server shutting down (`57P01`…`57P03`), too many
/// connections (`53300`). Messages never hold a document number: the
/// stores send PostgreSQL only keyed digests.
///
/// ```
/// use realname::store::{InputError, StoreError, Tampered};
/// use realname_postgres::PgError;
///
/// let e = PgError::from(InputError::Empty { field: "account" });
/// assert_eq!((e.code(), e.retryable()), ("store_empty_input", false));
/// let t = PgError::from(Tampered { id: "f-1".into() });
/// assert_eq!((t.code(), t.retryable()), ("store_tampered", false));
/// let s = PgError::SchemaTooNew { found: 9, known: 1 };
/// assert_eq!(s.code(), "pg_schema_too_new");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PgError {
    /// Refused input (checked before the database is touched).
    #[error(transparent)]
    Input(#[from] InputError),
    /// A saved flow failed its seal.
    #[error(transparent)]
    Tampered(#[from] Tampered),
    /// PostgreSQL or the connection to it failed.
    #[error("postgres: {0}")]
    Db(#[from] tokio_postgres::Error),
    /// No connection could be had from the pool.
    #[error("the connection pool: {0}")]
    Pool(#[from] deadpool_postgres::PoolError),
    /// The pool could not be made from the configuration.
    #[error("the connection pool could not be created: {0}")]
    CreatePool(#[from] deadpool_postgres::CreatePoolError),
    /// The database's schema was migrated by a newer version of this crate.
    #[error(
        "the database schema is at version {found}, newer than version {known}, the latest this realname-postgres knows: upgrade it"
    )]
    SchemaTooNew {
        /// The version in `realname_schema`.
        found: i32,
        /// The latest version this crate knows.
        known: i32,
    },
    /// A stored value this crate could not have written (a negative
    /// counter or schema version, a digest that is not 32 bytes): the
    /// tables were edited.
    #[error("the stored {what} is out of range: the table was changed outside the store")]
    Corrupt {
        /// Which value.
        what: &'static str,
    },
}

fn db_retryable(e: &tokio_postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    match e.code() {
        Some(code) => {
            let c = code.code();
            *code == SqlState::T_R_SERIALIZATION_FAILURE
                || *code == SqlState::T_R_DEADLOCK_DETECTED
                || *code == SqlState::ADMIN_SHUTDOWN
                || *code == SqlState::CRASH_SHUTDOWN
                || *code == SqlState::CANNOT_CONNECT_NOW
                || *code == SqlState::TOO_MANY_CONNECTIONS
                || *code == SqlState::LOCK_NOT_AVAILABLE
                || *code == SqlState::QUERY_CANCELED
                || c.starts_with("08")
        }
        // No server code: the connection's IO failed (or a value did not
        // convert, which the io source tells apart).
        // A connect timeout has neither a code nor a source: its message
        // is all that tells it apart.
        None => {
            std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>())
                || e.to_string().starts_with("timeout")
        }
    }
}

fn db_code(e: &tokio_postgres::Error) -> &'static str {
    match e.code() {
        Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE => "pg_serialization_failure",
        Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED => "pg_deadlock",
        Some(_) if db_retryable(e) => "pg_unavailable",
        Some(_) => "pg_database",
        None if db_retryable(e) => "pg_connection",
        None => "pg_client",
    }
}

impl StoreError for PgError {
    fn retryable(&self) -> bool {
        match self {
            PgError::Db(e) => db_retryable(e),
            PgError::Pool(deadpool_postgres::PoolError::Timeout(_)) => true,
            PgError::Pool(deadpool_postgres::PoolError::Backend(e)) => db_retryable(e),
            _ => false,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            PgError::Input(e) => e.code(),
            PgError::Tampered(t) => t.code(),
            PgError::Db(e) => db_code(e),
            PgError::Pool(deadpool_postgres::PoolError::Timeout(_)) => "pg_pool_timeout",
            PgError::Pool(deadpool_postgres::PoolError::Backend(e)) => db_code(e),
            PgError::Pool(_) => "pg_pool",
            PgError::CreatePool(_) => "pg_config",
            PgError::SchemaTooNew { .. } => "pg_schema_too_new",
            PgError::Corrupt { .. } => "pg_corrupt",
        }
    }
}

impl PgError {
    /// The SQLSTATE of a database error, if the server sent one
    /// (`"40P01"` for a deadlock, say).
    ///
    /// ```
    /// let e = realname_postgres::PgError::Corrupt { what: "counter" };
    /// assert_eq!(e.sqlstate(), None);
    /// ```
    #[must_use]
    pub fn sqlstate(&self) -> Option<&str> {
        match self {
            PgError::Db(e) | PgError::Pool(deadpool_postgres::PoolError::Backend(e)) => {
                e.code().map(SqlState::code)
            }
            _ => None,
        }
    }
}
