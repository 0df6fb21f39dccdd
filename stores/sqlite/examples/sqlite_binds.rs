//! Binds per second on a real file, and a naive store beside it.
//!
//! ```text
//! cargo run --release -p realname-sqlite --example sqlite_binds
//! BENCH_N=2000 cargo run --release -p realname-sqlite --example sqlite_binds   # shorter
//! ```
//!
//! For each durability (FULL, NORMAL) and 1 and 4 callers sharing one
//! `SqliteStore`: (a) one hot key, no cap, N distinct accounts; (b) N keys
//! with one account each. Then 1,000 keys with a cap of 3, each raced by 8
//! callers binding 8 distinct accounts (8,000 binds): the store, and two naive
//! versions on a connection per caller — a deferred transaction
//! (`SELECT count(*)` then `INSERT`, no `BEGIN IMMEDIATE`) and the same two
//! statements without a transaction — with the bindings above the cap and
//! the busy errors each produced.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use realname::store::testkit::identity;
use realname::store::{BindOutcome, BindingStore, Keyring, StoreError, block_on};
use realname_sqlite::{Durability, Options, SqliteError, SqliteStore};
use rusqlite::{Connection, params};

const CAP: u32 = 3;
const RACERS: usize = 8;
/// 1,000 keys, each raced by the 8 callers at once (8 accounts for 3 slots).
const RACE_BINDS: usize = 8_000;

fn race_key(i: usize) -> realname::DocumentKey {
    identity(10_000 + (i / RACERS) as u32)
}

/// Bindings above `cap`, summed over every key in the file.
fn above_cap(path: &std::path::Path, cap: u32) -> u64 {
    let n: i64 = Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT coalesce(sum(max(c - ?1, 0)), 0)
             FROM (SELECT count(*) AS c FROM bindings GROUP BY digest)",
            [i64::from(cap)],
            |r| r.get(0),
        )
        .unwrap();
    u64::try_from(n).unwrap()
}

fn ring() -> Keyring {
    Keyring::new(&[0x42; 32]).unwrap()
}

struct Row {
    name: String,
    durability: &'static str,
    callers: usize,
    ops: usize,
    took: Duration,
    bound: u64,
    over_cap: u64,
    busy: u64,
    baseline: Option<f64>,
}

impl Row {
    fn rate(&self) -> f64 {
        self.ops as f64 / self.took.as_secs_f64()
    }
}

fn label(d: Durability) -> &'static str {
    match d {
        Durability::Full => "FULL",
        _ => "NORMAL",
    }
}

/// Binds until it works: the same retry a caller makes on `Busy`.
fn bind(
    store: &SqliteStore,
    key: &realname::DocumentKey,
    account: &str,
    cap: u32,
    busy: &AtomicU64,
) -> BindOutcome {
    loop {
        match block_on(store.try_bind(key, account, cap)) {
            Ok(o) => return o,
            Err(e) if e.retryable() => {
                busy.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => panic!("{e}"),
        }
    }
}

/// `callers` threads share one store; thread `t` makes the binds `i` with
/// `i % callers == t`, `key_of(i)` to account `acct-i`.
fn run_store(
    dir: &std::path::Path,
    d: Durability,
    name: &str,
    callers: usize,
    n: usize,
    cap: u32,
    key_of: impl Fn(usize) -> realname::DocumentKey + Sync,
) -> Row {
    let path = dir.join(format!("{name}-{}-{callers}.db", label(d)));
    let store = Options::default()
        .durability(d)
        .open(&path, ring())
        .unwrap();
    let keys: Vec<_> = (0..n).map(&key_of).collect();
    let (bound, busy) = (AtomicU64::new(0), AtomicU64::new(0));
    let start = Instant::now();
    std::thread::scope(|s| {
        for t in 0..callers {
            let (store, keys, bound, busy) = (&store, &keys, &bound, &busy);
            s.spawn(move || {
                for i in (t..n).step_by(callers) {
                    let o = bind(store, &keys[i], &format!("acct-{i}"), cap, busy);
                    if matches!(o, BindOutcome::Bound { .. }) {
                        bound.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let took = start.elapsed();
    drop(store);
    let over_cap = if cap == u32::MAX {
        0
    } else {
        above_cap(&path, cap)
    };
    Row {
        name: name.to_owned(),
        durability: label(d),
        callers,
        ops: n,
        took,
        bound: bound.into_inner(),
        over_cap,
        busy: busy.into_inner(),
        baseline: None,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Naive {
    Deferred,
    NoTransaction,
}

fn run_naive(dir: &std::path::Path, d: Durability, how: Naive) -> Row {
    let name = match how {
        Naive::Deferred => "naive deferred",
        Naive::NoTransaction => "naive no transaction",
    };
    let path = dir.join(format!("{}-{}.db", name.replace(' ', "-"), label(d)));
    drop(
        Options::default()
            .durability(d)
            .open(&path, ring())
            .unwrap(),
    ); // the schema
    let digests: Vec<[u8; 32]> = (0..RACE_BINDS)
        .map(|i| *ring().digest(&race_key(i)).as_bytes())
        .collect();
    let busy = AtomicU64::new(0);
    let start = Instant::now();
    std::thread::scope(|s| {
        for t in 0..RACERS {
            let (path, busy, digests) = (&path, &busy, &digests);
            s.spawn(move || {
                let mut c = Connection::open(path).unwrap();
                c.busy_timeout(Duration::from_secs(5)).unwrap();
                c.execute_batch(&format!("PRAGMA synchronous = {}", label(d)))
                    .unwrap();
                for i in (t..RACE_BINDS).step_by(RACERS) {
                    let (account, digest) = (format!("acct-{i}"), &digests[i]);
                    let r = match how {
                        Naive::Deferred => naive_deferred(&mut c, digest, &account),
                        Naive::NoTransaction => naive_bare(&c, digest, &account),
                    };
                    if let Err(e) = r {
                        match SqliteError::from(e) {
                            SqliteError::Busy => {
                                busy.fetch_add(1, Ordering::Relaxed);
                            }
                            e => panic!("{e}"),
                        }
                    }
                }
            });
        }
    });
    let took = start.elapsed();
    let rows: i64 = Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(*) FROM bindings", [], |r| r.get(0))
        .unwrap();
    let rows = u64::try_from(rows).unwrap();
    let over_cap = above_cap(&path, CAP);
    Row {
        name: name.to_owned(),
        durability: label(d),
        callers: RACERS,
        ops: RACE_BINDS,
        took,
        bound: rows,
        over_cap,
        busy: busy.into_inner(),
        baseline: None,
    }
}

fn naive_count(c: &Connection, digest: &[u8; 32]) -> rusqlite::Result<i64> {
    c.prepare_cached("SELECT count(*) FROM bindings WHERE digest = ?1")?
        .query_row([&digest[..]], |r| r.get(0))
}

fn naive_insert(c: &Connection, digest: &[u8; 32], account: &str) -> rusqlite::Result<usize> {
    c.prepare_cached("INSERT INTO bindings (digest, account) VALUES (?1, ?2)")?
        .execute(params![&digest[..], account])
}

fn naive_deferred(c: &mut Connection, digest: &[u8; 32], account: &str) -> rusqlite::Result<()> {
    let tx = c.transaction()?; // BEGIN DEFERRED
    if naive_count(&tx, digest)? < i64::from(CAP) {
        naive_insert(&tx, digest, account)?;
    }
    tx.commit()
}

fn naive_bare(c: &Connection, digest: &[u8; 32], account: &str) -> rusqlite::Result<()> {
    if naive_count(c, digest)? < i64::from(CAP) {
        naive_insert(c, digest, account)?;
    }
    Ok(())
}

fn main() {
    let n: usize = std::env::var("BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::Builder::new()
        .prefix("realname-sqlite-bench-")
        .tempdir_in(std::env::temp_dir())
        .unwrap();
    println!("files in {} ({} binds per run)", dir.path().display(), n);
    let mut rows = Vec::new();
    for d in [Durability::Full, Durability::Normal] {
        let mut first = None;
        for callers in [1, 4] {
            let mut r = run_store(
                dir.path(),
                d,
                "(a) hot key, no cap",
                callers,
                n,
                u32::MAX,
                |_| identity(1),
            );
            r.baseline = first;
            first = first.or(Some(r.rate()));
            rows.push(r);
        }
        for callers in [1, 4] {
            let mut r = run_store(
                dir.path(),
                d,
                "(b) one account per key",
                callers,
                n,
                u32::MAX,
                |i| identity(i as u32),
            );
            r.baseline = first;
            rows.push(r);
        }
        let correct = run_store(
            dir.path(),
            d,
            "cap 3, 8 callers per key: SqliteStore",
            RACERS,
            RACE_BINDS,
            CAP,
            race_key,
        );
        let base = correct.rate();
        rows.push(correct);
        for how in [Naive::Deferred, Naive::NoTransaction] {
            let mut r = run_naive(dir.path(), d, how);
            r.baseline = Some(base);
            rows.push(r);
        }
    }
    println!();
    println!(
        "| run | sync | callers | binds | seconds | binds/s | × baseline | bound | above cap | busy errors |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        let ratio = r.baseline.map_or("1.00 (baseline)".to_owned(), |b| {
            format!("{:.2}", r.rate() / b)
        });
        println!(
            "| {} | {} | {} | {} | {:.3} | {:.0} | {} | {} | {} | {} |",
            r.name,
            r.durability,
            r.callers,
            r.ops,
            r.took.as_secs_f64(),
            r.rate(),
            ratio,
            r.bound,
            r.over_cap,
            r.busy
        );
    }
    println!();
    println!(
        "baselines: (a)/(b) against (a) with 1 caller at the same sync; the naive rows against the SqliteStore row above them."
    );
}
