//! What only a real file shows: tampering, the bytes on disk, the schema's
//! versions, a busy lock.

mod common;

use std::path::Path;
use std::time::Duration;

use realname::store::testkit::{SECRET_A, SECRET_B, identity};
use realname::store::{
    BindOutcome, BindingStore, Cas, FlowRecord, FlowStore, Keyring, StoreError, block_on,
};
use realname::{DocumentKey, ResidentId};
use realname_sqlite::{MIGRATIONS, Options, SCHEMA_VERSION, SqliteError, SqliteStore};

fn record(rev: u64) -> FlowRecord {
    let t = realname::chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
    FlowRecord::new(rev, Some(t), format!("{{\"rev\":{rev}}}").into_bytes())
}

fn assert_tampered(store: &SqliteStore, id: &str) {
    let e = block_on(store.load(id)).unwrap_err();
    assert!(
        matches!(e, SqliteError::Tampered(ref t) if t.id == id),
        "{e:?}"
    );
    assert_eq!(e.code(), "store_tampered");
    assert!(!e.retryable());
}

#[test]
fn an_edited_flow_row_is_refused() {
    let f = common::File::new();
    let store = SqliteStore::open(&f.path, common::ring()).unwrap();
    for id in ["f-state", "f-rev", "f-due", "f-seal", "f-moved"] {
        assert_eq!(
            block_on(store.save(id, None, &record(3))).unwrap(),
            Cas::Saved
        );
    }
    let raw = common::raw(&f.path);
    raw.execute(
        "UPDATE flows SET state = CAST('{\"rev\":4}' AS BLOB) WHERE id = 'f-state'",
        [],
    )
    .unwrap();
    raw.execute("UPDATE flows SET revision = 4 WHERE id = 'f-rev'", [])
        .unwrap();
    raw.execute(
        "UPDATE flows SET next_deadline_us = next_deadline_us + 1 WHERE id = 'f-due'",
        [],
    )
    .unwrap();
    raw.execute("UPDATE flows SET seal = x'00' WHERE id = 'f-seal'", [])
        .unwrap();
    // A whole row moved under another id: the seal covers the id.
    raw.execute("DELETE FROM flows WHERE id = 'f-moved'", [])
        .unwrap();
    raw.execute(
        "INSERT INTO flows SELECT 'f-moved', revision, next_deadline_us, state, seal FROM flows WHERE id = 'f-rev'",
        [],
    )
    .unwrap();
    for id in ["f-state", "f-rev", "f-due", "f-seal", "f-moved"] {
        assert_tampered(&store, id);
    }
    // A row untouched loads.
    assert_eq!(
        block_on(store.save("f-ok", None, &record(1))).unwrap(),
        Cas::Saved
    );
    assert_eq!(block_on(store.load("f-ok")).unwrap(), Some(record(1)));
    drop(store);

    // Another secret cannot vouch for the rows; while rotating from the
    // secret that sealed them, they load.
    let other = SqliteStore::open(&f.path, Keyring::new(&SECRET_B).unwrap()).unwrap();
    assert_tampered(&other, "f-ok");
    drop(other);
    let rotating =
        SqliteStore::open(&f.path, Keyring::rotating(&SECRET_B, &SECRET_A).unwrap()).unwrap();
    assert_eq!(block_on(rotating.load("f-ok")).unwrap(), Some(record(1)));
    // A save while rotating seals with the new secret.
    assert_eq!(
        block_on(rotating.save("f-ok", Some(1), &record(2))).unwrap(),
        Cas::Saved
    );
    drop(rotating);
    let new = SqliteStore::open(&f.path, Keyring::new(&SECRET_B).unwrap()).unwrap();
    assert_eq!(block_on(new.load("f-ok")).unwrap(), Some(record(2)));
}

/// An 18-digit resident ID number whose check character is a digit.
fn all_digit_number() -> String {
    (0..1000)
        .map(|n| format!("11010519800101{n:03}"))
        .find_map(|body| {
            let c = realname::checksum::iso7064_mod11_2(body.as_bytes())?;
            c.is_ascii_digit()
                .then(|| format!("{body}{}", char::from(c)))
        })
        .unwrap()
}

fn files_contain(dir: &Path, needle: &[u8]) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let bytes = std::fs::read(p).unwrap();
            bytes.windows(needle.len()).any(|w| w == needle)
        })
        .map(|p| p.display().to_string())
        .collect()
}

#[test]
fn the_file_holds_no_id_number() {
    let number = all_digit_number();
    assert_eq!(number.len(), 18);
    let key = DocumentKey::from(&number.parse::<ResidentId>().unwrap());
    let f = common::File::new();
    let dir = f.path.parent().unwrap();
    let store = SqliteStore::open(&f.path, common::ring()).unwrap();
    block_on(async {
        assert_eq!(
            store.try_bind(&key, "acct-1", 3).await.unwrap(),
            BindOutcome::Bound { count: 1 }
        );
        store.try_bind(&key, "acct-2", 3).await.unwrap();
        store.release(&key, "acct-2").await.unwrap();
        store.rebind(&key, &identity(1), "acct-1", 3).await.unwrap();
        store.rebind(&identity(1), &key, "acct-1", 3).await.unwrap();
    });
    let shown = format!("{store:?}");
    assert!(
        !shown.contains(&number) && !shown.contains("acct"),
        "{shown}"
    );
    let needles: [&[u8]; 3] = [number.as_bytes(), &number.as_bytes()[..17], key.as_bytes()];
    // While open (the write-ahead log holds the recent pages) and after
    // the last connection closed (checkpointed into the main file).
    for n in needles {
        assert_eq!(files_contain(dir, n), Vec::<String>::new());
    }
    drop(store);
    for n in needles {
        assert_eq!(files_contain(dir, n), Vec::<String>::new());
    }
    // What the file does hold: the account, beside the keyed digest.
    assert!(!files_contain(dir, b"acct-1").is_empty());
    assert!(!files_contain(dir, common::ring().digest(&key).as_bytes()).is_empty());
}

fn version(path: &Path) -> i64 {
    common::raw(path)
        .query_row("SELECT version FROM realname_schema", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_newer_schema_is_refused() {
    let f = common::File::new();
    drop(SqliteStore::open(&f.path, common::ring()).unwrap());
    assert_eq!(version(&f.path), SCHEMA_VERSION);
    common::raw(&f.path)
        .execute("UPDATE realname_schema SET version = version + 1", [])
        .unwrap();
    let e = SqliteStore::open(&f.path, common::ring()).unwrap_err();
    assert!(
        matches!(e, SqliteError::NewerSchema { found, known } if found == SCHEMA_VERSION + 1 && known == SCHEMA_VERSION),
        "{e:?}"
    );
    assert_eq!(e.code(), "sqlite_newer_schema");
    assert!(!e.retryable());
    assert!(e.to_string().contains("upgrade"), "{e}");
}

#[test]
fn an_older_schema_is_migrated() {
    let f = common::File::new();
    let key = identity(5);
    let digest = *common::ring().digest(&key).as_bytes();
    {
        // A database as version 1 of this crate left it, with a binding.
        let raw = common::raw(&f.path);
        raw.execute_batch(MIGRATIONS[0]).unwrap();
        raw.execute_batch(
            "CREATE TABLE realname_schema (version INTEGER NOT NULL);
             INSERT INTO realname_schema VALUES (1);",
        )
        .unwrap();
        raw.execute(
            "INSERT INTO bindings (digest, account) VALUES (?1, 'old-acct')",
            [&digest[..]],
        )
        .unwrap();
    }
    let store = SqliteStore::open(&f.path, common::ring()).unwrap();
    assert_eq!(version(&f.path), SCHEMA_VERSION);
    let index: i64 = common::raw(&f.path)
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'flows_due'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(index, 1);
    assert_eq!(
        block_on(store.try_bind(&key, "old-acct", 1)).unwrap(),
        BindOutcome::AlreadyBound { count: 1 }
    );
    drop(store);
    // Opening again changes nothing.
    drop(SqliteStore::open(&f.path, common::ring()).unwrap());
    assert_eq!(version(&f.path), SCHEMA_VERSION);
}

#[test]
fn a_held_lock_is_a_retryable_busy() {
    let f = common::File::new();
    let store = Options::default()
        .busy_timeout(Duration::from_millis(50))
        .open(&f.path, common::ring())
        .unwrap();
    let key = identity(6);
    let mut raw = common::raw(&f.path);
    let tx = raw
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let e = block_on(store.try_bind(&key, "a", 3)).unwrap_err();
    assert!(matches!(e, SqliteError::Busy), "{e:?}");
    assert!(e.retryable());
    assert_eq!(e.code(), "sqlite_busy");
    // Readers are not blocked by a writer (WAL).
    assert_eq!(block_on(store.count(&key)).unwrap(), 0);
    tx.commit().unwrap();
    assert_eq!(
        block_on(store.try_bind(&key, "a", 3)).unwrap(),
        BindOutcome::Bound { count: 1 }
    );
}

#[test]
fn the_file_is_in_wal_mode() {
    let f = common::File::new();
    let _store = SqliteStore::open(&f.path, common::ring()).unwrap();
    let mode: String = common::raw(&f.path)
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

/// Writes queued together share a transaction, each in a savepoint: one
/// that fails (here on a row edited into a shape the store never writes)
/// is rolled back alone, and the others commit.
#[test]
fn a_failing_write_leaves_its_neighbours_committed() {
    let f = common::File::new();
    let store = SqliteStore::open(&f.path, common::ring()).unwrap();
    common::raw(&f.path)
        .execute(
            "INSERT INTO changes (account, last_s) VALUES ('broken', 1)",
            [],
        )
        .unwrap();
    let key = identity(7);
    let t = realname::chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
    let (bound, refused) = std::thread::scope(|s| {
        let binds: Vec<_> = (0..32)
            .map(|i| {
                let (store, key) = (&store, &key);
                s.spawn(move || block_on(store.try_bind(key, &format!("n-{i}"), u32::MAX)))
            })
            .collect();
        let broken: Vec<_> = (0..4)
            .map(|i| {
                let store = &store;
                s.spawn(move || {
                    use realname::store::ChangeHistory;
                    block_on(store.begin("broken", &format!("c-{i}"), None, t))
                })
            })
            .collect();
        (
            binds
                .into_iter()
                .map(|b| b.join().unwrap())
                .collect::<Vec<_>>(),
            broken
                .into_iter()
                .map(|b| b.join().unwrap())
                .collect::<Vec<_>>(),
        )
    });
    assert!(
        bound
            .iter()
            .all(|b| matches!(b, Ok(BindOutcome::Bound { .. }))),
        "{bound:?}"
    );
    for r in refused {
        let e = r.unwrap_err();
        assert_eq!(e.code(), "sqlite_corrupt");
    }
    drop(store);
    let store = SqliteStore::open(&f.path, common::ring()).unwrap();
    assert_eq!(block_on(store.count(&key)).unwrap(), 32);
    drop(store);
    common::counters_exact(&f.path);
}

/// Every write queued behind a lock held elsewhere is told `Busy`, and
/// none of them is half done.
#[test]
fn a_batch_behind_a_held_lock_is_busy_as_a_whole() {
    let f = common::File::new();
    let store = Options::default()
        .busy_timeout(Duration::from_millis(50))
        .open(&f.path, common::ring())
        .unwrap();
    let key = identity(8);
    let mut raw = common::raw(&f.path);
    let tx = raw
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let answers: Vec<_> = std::thread::scope(|s| {
        let threads: Vec<_> = (0..16)
            .map(|i| {
                let (store, key) = (&store, &key);
                s.spawn(move || block_on(store.try_bind(key, &format!("b-{i}"), 3)))
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    for a in &answers {
        assert!(matches!(a, Err(SqliteError::Busy)), "{a:?}");
    }
    tx.commit().unwrap();
    assert_eq!(block_on(store.count(&key)).unwrap(), 0);
    assert_eq!(
        block_on(store.try_bind(&key, "b-0", 3)).unwrap(),
        BindOutcome::Bound { count: 1 }
    );
}
