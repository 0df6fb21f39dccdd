//! The tables, as ordered migrations.

use crate::PgError;

/// The advisory lock key migrations take: "realname" in ASCII.
const MIGRATION_LOCK: i64 = 0x7265_616c_6e61_6d65;

/// The migrations, in order: `MIGRATIONS[i]` takes the schema from
/// version `i` to `i + 1`. Never edit one that shipped; add another.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: bindings with their counters, attempts with theirs, changes, flows.
    r#"
CREATE TABLE realname_bindings (
    digest   bytea NOT NULL CHECK (octet_length(digest) = 32),
    account  text COLLATE "C" NOT NULL,
    bound_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (digest, account)
);
CREATE TABLE realname_binding_counts (
    digest bytea PRIMARY KEY CHECK (octet_length(digest) = 32),
    n      bigint NOT NULL CHECK (n >= 0)
);
CREATE TABLE realname_attempts (
    account    text COLLATE "C" NOT NULL,
    scope      text COLLATE "C" NOT NULL,
    token      text COLLATE "C" NOT NULL,
    counted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account, scope, token)
);
CREATE TABLE realname_attempt_counts (
    account text COLLATE "C" NOT NULL,
    scope   text COLLATE "C" NOT NULL,
    n       bigint NOT NULL CHECK (n >= 0),
    PRIMARY KEY (account, scope)
);
CREATE TABLE realname_changes (
    account        text COLLATE "C" PRIMARY KEY,
    last_completed timestamptz,
    open_change    text COLLATE "C",
    open_since     timestamptz,
    CHECK ((open_change IS NULL) = (open_since IS NULL))
);
CREATE TABLE realname_flows (
    id            text COLLATE "C" PRIMARY KEY,
    revision      bigint NOT NULL,
    next_deadline timestamptz,
    state         bytea NOT NULL,
    seal          bytea NOT NULL CHECK (octet_length(seal) = 32),
    saved_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX realname_flows_due ON realname_flows (next_deadline, id)
    WHERE next_deadline IS NOT NULL;
"#,
];

/// The schema version this crate writes: the number of its migrations.
///
/// ```
/// assert!(realname_postgres::SCHEMA_VERSION >= 1);
/// ```
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Brings the schema to [`SCHEMA_VERSION`] in one transaction, under an
/// advisory lock so that servers starting at once take turns.
pub(crate) async fn migrate(client: &mut tokio_postgres::Client) -> Result<i32, PgError> {
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS realname_schema (
            version    integer PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        )",
    )
    .await?;
    let found: i32 = tx
        .query_one("SELECT coalesce(max(version), 0) FROM realname_schema", &[])
        .await?
        .get(0);
    if found > SCHEMA_VERSION {
        return Err(PgError::SchemaTooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.batch_execute(sql).await?;
        let version = i as i32 + 1;
        tx.execute(
            "INSERT INTO realname_schema (version) VALUES ($1)",
            &[&version],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(SCHEMA_VERSION)
}
