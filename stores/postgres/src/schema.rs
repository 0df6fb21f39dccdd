//! The tables, as ordered migrations.

use crate::PgError;

/// The advisory lock key migrations take: "realname" in ASCII.
const MIGRATION_LOCK: i64 = 0x7265_616c_6e61_6d65;

/// The migrations, in order: `MIGRATIONS[i]` takes the schema from
/// version `i` to `i + 1`. Never edit one that shipped; add another.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: bindings with their counters, attempts with theirs (each counter
    // kept by triggers on its rows), changes, flows.
    r#"
CREATE TABLE realname_bindings (
    digest   bytea NOT NULL CHECK (octet_length(digest) = 32),
    account  text COLLATE "C" NOT NULL,
    bound_at timestamptz NOT NULL DEFAULT now(),
    -- The cap the insert was checked against; NULL: not checked (a row
    -- moved to a new digest while rotating, already counted).
    cap      bigint CHECK (cap >= 0),
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
    -- The limit the insert was checked against.
    cap        bigint CHECK (cap >= 0),
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

-- The counters follow their rows in the statement that inserts or
-- deletes a row, so that nothing a caller does (a cancelled call, a
-- commit after it) can leave a counter apart from its rows. An insert
-- with a cap raises the counter only below it (the upsert locks the
-- counter row and checks the newest version), and otherwise fails with
-- SQLSTATE RN001, undoing the row, the counter's value in DETAIL.
CREATE FUNCTION realname_binding_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    m bigint;
BEGIN
    IF NEW.cap IS NULL THEN
        INSERT INTO realname_binding_counts AS c (digest, n) VALUES (NEW.digest, 1)
            ON CONFLICT (digest) DO UPDATE SET n = c.n + 1;
    ELSE
        INSERT INTO realname_binding_counts AS c (digest, n)
            SELECT NEW.digest, 1 WHERE NEW.cap > 0
            ON CONFLICT (digest) DO UPDATE SET n = c.n + 1 WHERE c.n < NEW.cap
            RETURNING c.n INTO m;
        IF NOT FOUND THEN
            SELECT c.n INTO m FROM realname_binding_counts AS c WHERE c.digest = NEW.digest;
            RAISE EXCEPTION 'realname: the cap of % accounts is reached', NEW.cap
                USING ERRCODE = 'RN001', DETAIL = coalesce(m, 0)::text;
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION realname_binding_removed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    m bigint;
BEGIN
    UPDATE realname_binding_counts AS c SET n = c.n - 1
        WHERE c.digest = OLD.digest RETURNING c.n INTO m;
    IF m = 0 THEN
        DELETE FROM realname_binding_counts AS c WHERE c.digest = OLD.digest AND c.n = 0;
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION realname_attempt_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    m bigint;
BEGIN
    INSERT INTO realname_attempt_counts AS c (account, scope, n)
        SELECT NEW.account, NEW.scope, 1 WHERE coalesce(NEW.cap > 0, true)
        ON CONFLICT (account, scope) DO UPDATE SET n = c.n + 1
            WHERE NEW.cap IS NULL OR c.n < NEW.cap
        RETURNING c.n INTO m;
    IF NOT FOUND THEN
        SELECT c.n INTO m FROM realname_attempt_counts AS c
            WHERE c.account = NEW.account AND c.scope = NEW.scope;
        RAISE EXCEPTION 'realname: the limit of % attempts is used', NEW.cap
            USING ERRCODE = 'RN001', DETAIL = coalesce(m, 0)::text;
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION realname_attempt_removed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    m bigint;
BEGIN
    UPDATE realname_attempt_counts AS c SET n = c.n - 1
        WHERE c.account = OLD.account AND c.scope = OLD.scope RETURNING c.n INTO m;
    IF m = 0 THEN
        DELETE FROM realname_attempt_counts AS c
            WHERE c.account = OLD.account AND c.scope = OLD.scope AND c.n = 0;
    END IF;
    RETURN NULL;
END
$$;
-- A row's key never changes: a counter follows inserts and deletes.
CREATE FUNCTION realname_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'realname: the rows of % are inserted and deleted, never updated',
        TG_TABLE_NAME USING ERRCODE = 'RN002';
END
$$;
CREATE TRIGGER realname_binding_added AFTER INSERT ON realname_bindings
    FOR EACH ROW EXECUTE FUNCTION realname_binding_added();
CREATE TRIGGER realname_binding_removed AFTER DELETE ON realname_bindings
    FOR EACH ROW EXECUTE FUNCTION realname_binding_removed();
CREATE TRIGGER realname_binding_fixed BEFORE UPDATE OF digest, account ON realname_bindings
    FOR EACH ROW EXECUTE FUNCTION realname_refuse_update();
CREATE TRIGGER realname_attempt_added AFTER INSERT ON realname_attempts
    FOR EACH ROW EXECUTE FUNCTION realname_attempt_added();
CREATE TRIGGER realname_attempt_removed AFTER DELETE ON realname_attempts
    FOR EACH ROW EXECUTE FUNCTION realname_attempt_removed();
CREATE TRIGGER realname_attempt_fixed BEFORE UPDATE OF account, scope, token ON realname_attempts
    FOR EACH ROW EXECUTE FUNCTION realname_refuse_update();
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
    if found < 0 {
        // No migration writes one: the table was edited.
        return Err(PgError::Corrupt {
            what: "schema version",
        });
    }
    if found > SCHEMA_VERSION {
        return Err(PgError::SchemaTooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
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
