//! What the tests share: a harness on one file, a temp dir, the raw view.
#![allow(dead_code)]

use std::future::Future;
use std::path::{Path, PathBuf};

use realname::store::Keyring;
use realname::store::testkit::Harness;
use realname_sqlite::{Options, SqliteStore};

/// A store on one file: each `open` opens the file again, each `close`
/// drops the store (closing its connections).
pub struct File {
    pub path: PathBuf,
    pub options: Options,
    _dir: tempfile::TempDir,
}

impl File {
    pub fn new() -> File {
        File::with(Options::default())
    }

    pub fn with(options: Options) -> File {
        let dir = tempdir();
        File {
            path: dir.path().join("realname.db"),
            options,
            _dir: dir,
        }
    }
}

impl Harness for File {
    type Store = SqliteStore;
    fn open(&self, ring: Keyring) -> SqliteStore {
        self.options.clone().open(&self.path, ring).unwrap()
    }
    fn block_on<F: Future>(&self, f: F) -> F::Output {
        realname::store::block_on(f)
    }
}

/// A fresh in-memory database on every open.
pub struct Memory;

impl Harness for Memory {
    type Store = SqliteStore;
    fn open(&self, ring: Keyring) -> SqliteStore {
        SqliteStore::open_in_memory(ring).unwrap()
    }
    fn block_on<F: Future>(&self, f: F) -> F::Output {
        realname::store::block_on(f)
    }
}

/// A unique directory under the system's temp dir, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("realname-sqlite-")
        .tempdir_in(std::env::temp_dir())
        .unwrap()
}

pub fn ring() -> Keyring {
    Keyring::new(&realname::store::testkit::SECRET_A).unwrap()
}

/// A raw connection, behind the store's back.
pub fn raw(path: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(path).unwrap();
    c.busy_timeout(std::time::Duration::from_secs(10)).unwrap();
    c
}

/// Rows in `bindings` and the counter for `digest`, read raw.
pub fn rows_and_counter(path: &Path, digest: &[u8; 32]) -> (i64, i64) {
    let c = raw(path);
    let rows: i64 = c
        .query_row(
            "SELECT count(*) FROM bindings WHERE digest = ?1",
            [&digest[..]],
            |r| r.get(0),
        )
        .unwrap();
    let n: i64 = c
        .query_row(
            "SELECT coalesce((SELECT n FROM binding_counts WHERE digest = ?1), 0)",
            [&digest[..]],
            |r| r.get(0),
        )
        .unwrap();
    (rows, n)
}

/// Every counter equals its rows, over the whole file.
pub fn counters_exact(path: &Path) {
    let c = raw(path);
    let bad: i64 = c
        .query_row(
            "SELECT count(*) FROM (
                SELECT digest, count(*) AS rows FROM bindings GROUP BY digest
             ) b FULL OUTER JOIN binding_counts c USING (digest)
             WHERE coalesce(b.rows, 0) != coalesce(c.n, 0)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0, "{bad} counters differ from their rows");
}
