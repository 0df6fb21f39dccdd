//! The SQL of each call, run on a worker's connection.

use realname::chrono::{DateTime, Utc};
use realname::store::{BindOutcome, Cas, Consumed, DueFlow, FlowRecord, Rebind};
use rusqlite::{Connection, OptionalExtension, params};

use crate::SqliteError;

/// A key's digest now, and under the previous secret while rotating.
#[derive(Clone, Copy)]
pub(crate) struct Digests {
    pub(crate) current: [u8; 32],
    pub(crate) previous: Option<[u8; 32]>,
}

fn to_u32(n: i64) -> Result<u32, SqliteError> {
    if n < 0 {
        return Err(SqliteError::Corrupt {
            what: "negative count",
        });
    }
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Moves the bindings kept under the previous digest to the current one.
fn rotate(c: &Connection, d: Digests) -> Result<(), SqliteError> {
    let Some(old) = d.previous.filter(|p| *p != d.current) else {
        return Ok(());
    };
    let any: Option<i64> = c
        .prepare_cached("SELECT n FROM binding_counts WHERE digest = ?1")?
        .query_row([&old[..]], |r| r.get(0))
        .optional()?;
    if any.is_some() {
        c.prepare_cached(
            "INSERT OR IGNORE INTO bindings (digest, account)
             SELECT ?1, account FROM bindings WHERE digest = ?2",
        )?
        .execute(params![&d.current[..], &old[..]])?;
        c.prepare_cached("DELETE FROM bindings WHERE digest = ?1")?
            .execute([&old[..]])?;
    }
    Ok(())
}

fn count_in(c: &Connection, digest: &[u8; 32]) -> Result<u32, SqliteError> {
    let n: Option<i64> = c
        .prepare_cached("SELECT n FROM binding_counts WHERE digest = ?1")?
        .query_row([&digest[..]], |r| r.get(0))
        .optional()?;
    to_u32(n.unwrap_or(0))
}

fn bind_in(
    c: &Connection,
    digest: &[u8; 32],
    account: &str,
    cap: u32,
) -> Result<BindOutcome, SqliteError> {
    let count = count_in(c, digest)?;
    let bound = c
        .prepare_cached("SELECT 1 FROM bindings WHERE digest = ?1 AND account = ?2")?
        .exists(params![&digest[..], account])?;
    if bound {
        return Ok(BindOutcome::AlreadyBound { count });
    }
    if count >= cap {
        return Ok(BindOutcome::CapReached { count });
    }
    c.prepare_cached("INSERT INTO bindings (digest, account) VALUES (?1, ?2)")?
        .execute(params![&digest[..], account])?;
    Ok(BindOutcome::Bound { count: count + 1 })
}

fn release_in(c: &Connection, digest: &[u8; 32], account: &str) -> Result<bool, SqliteError> {
    let n = c
        .prepare_cached("DELETE FROM bindings WHERE digest = ?1 AND account = ?2")?
        .execute(params![&digest[..], account])?;
    Ok(n > 0)
}

pub(crate) fn try_bind(
    c: &Connection,
    d: Digests,
    account: &str,
    cap: u32,
) -> Result<BindOutcome, SqliteError> {
    rotate(c, d)?;
    bind_in(c, &d.current, account, cap)
}

pub(crate) fn release(c: &Connection, d: Digests, account: &str) -> Result<bool, SqliteError> {
    rotate(c, d)?;
    release_in(c, &d.current, account)
}

pub(crate) fn count(c: &Connection, d: Digests) -> Result<u32, SqliteError> {
    if d.previous.is_none() {
        // One statement: its own consistent snapshot, no write lock.
        return count_in(c, &d.current);
    }
    rotate(c, d)?;
    count_in(c, &d.current)
}

pub(crate) fn rebind(
    c: &Connection,
    old: Digests,
    new: Digests,
    account: &str,
    cap: u32,
) -> Result<Rebind, SqliteError> {
    rotate(c, old)?;
    rotate(c, new)?;
    let bind = bind_in(c, &new.current, account, cap)?;
    let released =
        bind.is_bound() && old.current != new.current && release_in(c, &old.current, account)?;
    Ok(Rebind { bind, released })
}

fn used_in(c: &Connection, account: &str, scope: &str) -> Result<u32, SqliteError> {
    let n: i64 = c
        .prepare_cached("SELECT count(*) FROM attempts WHERE account = ?1 AND scope = ?2")?
        .query_row(params![account, scope], |r| r.get(0))?;
    to_u32(n)
}

pub(crate) fn consume(
    c: &Connection,
    account: &str,
    scope: &str,
    token: &str,
    limit: u32,
) -> Result<Consumed, SqliteError> {
    let used = used_in(c, account, scope)?;
    let counted = c
        .prepare_cached("SELECT 1 FROM attempts WHERE account = ?1 AND scope = ?2 AND token = ?3")?
        .exists(params![account, scope, token])?;
    if counted {
        return Ok(Consumed::AlreadyCounted { used });
    }
    if used >= limit {
        return Ok(Consumed::Exhausted { used });
    }
    c.prepare_cached("INSERT INTO attempts (account, scope, token) VALUES (?1, ?2, ?3)")?
        .execute(params![account, scope, token])?;
    Ok(Consumed::Counted { used: used + 1 })
}

pub(crate) fn used(c: &Connection, account: &str, scope: &str) -> Result<u32, SqliteError> {
    used_in(c, account, scope)
}

pub(crate) fn reset(c: &Connection, account: &str, scope: &str) -> Result<u32, SqliteError> {
    let n = c
        .prepare_cached("DELETE FROM attempts WHERE account = ?1 AND scope = ?2")?
        .execute(params![account, scope])?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// A time as two columns, seconds and nanoseconds, cut to the microsecond
/// first as every store keeps times (`realname::store::to_micros`).
fn split(t: DateTime<Utc>) -> (i64, i64) {
    let t = realname::store::to_micros(t);
    (t.timestamp(), i64::from(t.timestamp_subsec_nanos()))
}

fn join(s: Option<i64>, ns: Option<i64>) -> Result<Option<DateTime<Utc>>, SqliteError> {
    match (s, ns) {
        (None, None) => Ok(None),
        (Some(s), Some(ns)) => u32::try_from(ns)
            .ok()
            .and_then(|ns| DateTime::from_timestamp(s, ns))
            .map(Some)
            .ok_or(SqliteError::Corrupt {
                what: "time out of range",
            }),
        _ => Err(SqliteError::Corrupt {
            what: "half a time",
        }),
    }
}

struct ChangeRow {
    last: Option<DateTime<Utc>>,
    open: Option<(String, DateTime<Utc>)>,
}

fn change_row(c: &Connection, account: &str) -> Result<Option<ChangeRow>, SqliteError> {
    let row = c
        .prepare_cached(
            "SELECT last_s, last_ns, open_id, open_started_s, open_started_ns
             FROM changes WHERE account = ?1",
        )?
        .query_row([account], |r| {
            Ok((
                r.get::<_, Option<i64>>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
            ))
        })
        .optional()?;
    let Some((ls, lns, open, os, ons)) = row else {
        return Ok(None);
    };
    let last = join(ls, lns)?;
    let started = join(os, ons)?;
    let open = match (open, started) {
        (Some(id), Some(t)) => Some((id, t)),
        (None, None) => None,
        _ => {
            return Err(SqliteError::Corrupt {
                what: "half an open change",
            });
        }
    };
    Ok(Some(ChangeRow { last, open }))
}

pub(crate) fn last_completed(
    c: &Connection,
    account: &str,
) -> Result<Option<DateTime<Utc>>, SqliteError> {
    Ok(change_row(c, account)?.and_then(|c| c.last))
}

pub(crate) fn open_change(
    c: &Connection,
    account: &str,
) -> Result<Option<(String, DateTime<Utc>)>, SqliteError> {
    Ok(change_row(c, account)?.and_then(|c| c.open))
}

pub(crate) fn begin(
    c: &Connection,
    account: &str,
    change: &str,
    checked_against: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<realname::store::ChangeStart, SqliteError> {
    use realname::store::ChangeStart;
    let row = change_row(c, account)?;
    let (last, open) = row.map_or((None, None), |c| (c.last, c.open));
    match open {
        Some((open, _)) if open == change => return Ok(ChangeStart::AlreadyStarted),
        Some((open, _)) => return Ok(ChangeStart::Busy { open }),
        None if last != checked_against.map(realname::store::to_micros) => {
            return Ok(ChangeStart::Stale { last });
        }
        None => {}
    }
    let (s, ns) = split(now);
    c.prepare_cached(
        "INSERT INTO changes (account, open_id, open_started_s, open_started_ns)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (account) DO UPDATE SET
            open_id = excluded.open_id,
            open_started_s = excluded.open_started_s,
            open_started_ns = excluded.open_started_ns",
    )?
    .execute(params![account, change, s, ns])?;
    Ok(ChangeStart::Started)
}

pub(crate) fn complete(
    c: &Connection,
    account: &str,
    change: &str,
    at: DateTime<Utc>,
) -> Result<bool, SqliteError> {
    let (s, ns) = split(at);
    let n = c
        .prepare_cached(
            "UPDATE changes SET last_s = ?3, last_ns = ?4,
                open_id = NULL, open_started_s = NULL, open_started_ns = NULL
             WHERE account = ?1 AND open_id = ?2",
        )?
        .execute(params![account, change, s, ns])?;
    Ok(n > 0)
}

pub(crate) fn abandon(c: &Connection, account: &str, change: &str) -> Result<bool, SqliteError> {
    let n = c
        .prepare_cached(
            "UPDATE changes SET open_id = NULL, open_started_s = NULL, open_started_ns = NULL
             WHERE account = ?1 AND open_id = ?2",
        )?
        .execute(params![account, change])?;
    Ok(n > 0)
}

/// A revision as SQLite keeps it: the same 64 bits as a signed integer,
/// so that every `u64` comes back unchanged.
fn rev_to_sql(r: u64) -> i64 {
    i64::from_ne_bytes(r.to_ne_bytes())
}

fn rev_from_sql(r: i64) -> u64 {
    u64::from_ne_bytes(r.to_ne_bytes())
}

pub(crate) fn save(
    c: &Connection,
    id: &str,
    expected: Option<u64>,
    record: &FlowRecord,
    seal: [u8; 32],
) -> Result<Cas, SqliteError> {
    let stored: Option<(i64, Vec<u8>)> = c
        .prepare_cached("SELECT revision, seal FROM flows WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let current = stored.as_ref().map(|(r, _)| rev_from_sql(*r));
    if current != expected {
        // A retry of a save that went through: the stored row is this
        // record (the seal covers id, revision, deadline and state).
        if current == Some(record.revision)
            && stored.is_some_and(|(_, stored_seal)| stored_seal[..] == seal[..])
        {
            return Ok(Cas::Saved);
        }
        return Ok(Cas::Conflict { current });
    }
    c.prepare_cached(
        "INSERT INTO flows (id, revision, next_deadline_us, state, seal)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET
            revision = excluded.revision,
            next_deadline_us = excluded.next_deadline_us,
            state = excluded.state,
            seal = excluded.seal",
    )?
    .execute(params![
        id,
        rev_to_sql(record.revision),
        record.deadline_micros(),
        &record.state,
        &seal[..]
    ])?;
    Ok(Cas::Saved)
}

/// A flow row as stored, before its seal is checked.
pub(crate) struct FlowRow {
    pub(crate) revision: u64,
    pub(crate) deadline_us: Option<i64>,
    pub(crate) state: Vec<u8>,
    pub(crate) seal: Vec<u8>,
}

pub(crate) fn load(c: &Connection, id: &str) -> Result<Option<FlowRow>, SqliteError> {
    Ok(
        c.prepare_cached(
            "SELECT revision, next_deadline_us, state, seal FROM flows WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(FlowRow {
                revision: rev_from_sql(r.get(0)?),
                deadline_us: r.get(1)?,
                state: r.get(2)?,
                seal: r.get(3)?,
            })
        })
        .optional()?,
    )
}

pub(crate) fn due(c: &Connection, now_us: i64, limit: usize) -> Result<Vec<DueFlow>, SqliteError> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut stmt = c.prepare_cached(
        "SELECT id, next_deadline_us FROM flows
         WHERE next_deadline_us IS NOT NULL AND next_deadline_us <= ?1
         ORDER BY next_deadline_us, id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![now_us, limit], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, us) = row?;
        let next_deadline = DateTime::from_timestamp_micros(us).ok_or(SqliteError::Corrupt {
            what: "deadline out of range",
        })?;
        out.push(DueFlow { id, next_deadline });
    }
    Ok(out)
}
