//! Many stores, many processes, and a process killed mid-transaction, on
//! one file.
//!
//! The process tests re-execute this test binary: a child is the same
//! test run with `REALNAME_SQLITE_CHILD` set, which does the child's part
//! and prints what it committed on stdout.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use realname::store::testkit::{identity, retrying};
use realname::store::{BindOutcome, BindingStore, Cas, FlowRecord, FlowStore, block_on};
use realname_sqlite::{Durability, Options, SqliteStore};

const CHILD: &str = "REALNAME_SQLITE_CHILD";
const DB: &str = "REALNAME_SQLITE_DB";

fn child_mode() -> Option<String> {
    std::env::var(CHILD).ok()
}

/// This test binary again, running only `test` with `mode`.
fn child(test: &str, mode: &str, db: &Path) -> Command {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args([test, "--exact", "--nocapture", "--test-threads", "1"])
        .env(CHILD, mode)
        .env(DB, db)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    c
}

fn open(path: &Path) -> SqliteStore {
    Options::default()
        .readers(1)
        .open(path, common::ring())
        .unwrap()
}

#[test]
fn sixteen_stores_race_on_one_file() {
    let dir = common::tempdir();
    let path = dir.path().join("race.db");
    drop(open(&path)); // create and migrate once; the race is on the binds
    let stores: Vec<SqliteStore> = (0..16).map(|_| open(&path)).collect();
    for (i, cap) in [1u32, 3, 5].into_iter().enumerate() {
        let key = identity(500 + i as u32);
        let outcomes: Vec<BindOutcome> = std::thread::scope(|s| {
            let threads: Vec<_> = stores
                .iter()
                .enumerate()
                .map(|(t, store)| {
                    let key = &key;
                    s.spawn(move || {
                        let account = format!("store-{t}");
                        block_on(retrying(|| store.try_bind(key, &account, cap)))
                    })
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        let bound = outcomes
            .iter()
            .filter(|o| matches!(o, BindOutcome::Bound { .. }))
            .count() as u32;
        assert!(outcomes.iter().all(|o| o.count() <= cap), "{outcomes:?}");
        assert_eq!(bound, cap, "cap {cap}: {outcomes:?}");
        let counted = block_on(stores[0].count(&key)).unwrap();
        assert_eq!(counted, cap);
        let digest = *common::ring().digest(&key).as_bytes();
        assert_eq!(
            common::rows_and_counter(&path, &digest),
            (i64::from(cap), i64::from(cap))
        );
    }
    drop(stores);
    common::counters_exact(&path);
}

/// Each of 4 processes binds 20 accounts of its own to one key under a cap
/// of 5, and churns bindings on keys of its own.
#[test]
fn four_processes_share_a_cap() {
    const CAP: u32 = 5;
    let hot = identity(600);
    if let Some(mode) = child_mode() {
        let path = std::env::var(DB).unwrap();
        let store = open(Path::new(&path));
        let mut bound = 0;
        for i in 0..20 {
            let account = format!("{mode}-{i}");
            if matches!(
                block_on(retrying(|| store.try_bind(&hot, &account, CAP))),
                BindOutcome::Bound { .. }
            ) {
                bound += 1;
            }
            // Churn beside it: bind and release on a key of this process.
            let mine = identity(700 + mode.len() as u32 * 10 + i % 3);
            let o = block_on(retrying(|| store.try_bind(&mine, &account, 2)));
            if o.is_bound() {
                assert!(block_on(retrying(|| store.release(&mine, &account))));
            }
        }
        println!("BOUND {bound}");
        return;
    }
    let dir = common::tempdir();
    let path = dir.path().join("procs.db");
    drop(open(&path));
    let children: Vec<_> = ["p", "pp", "ppp", "pppp"]
        .iter()
        .map(|m| {
            child("four_processes_share_a_cap", m, &path)
                .spawn()
                .unwrap()
        })
        .collect();
    let mut total = 0;
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "a child failed");
        let text = String::from_utf8(out.stdout).unwrap();
        let line = text
            .lines()
            .find_map(|l| l.split_once("BOUND ").map(|(_, n)| n))
            .unwrap_or_else(|| panic!("no BOUND line in {text:?}"));
        total += line.trim().parse::<u32>().unwrap();
    }
    assert_eq!(total, CAP, "4 processes bound {total} under a cap of {CAP}");
    let store = open(&path);
    assert_eq!(block_on(store.count(&hot)).unwrap(), CAP);
    drop(store);
    let digest = *common::ring().digest(&hot).as_bytes();
    assert_eq!(
        common::rows_and_counter(&path, &digest),
        (i64::from(CAP), i64::from(CAP))
    );
    common::counters_exact(&path);
}

fn flow_state(rev: u64) -> Vec<u8> {
    // Large enough to span pages, so a torn write would show.
    format!("revision {rev};").repeat(2_000).into_bytes()
}

/// A child binds accounts and saves flow revisions until it is killed with
/// SIGKILL; the parent then checks that whatever the child was told is
/// committed is there, whole, and counted once.
#[test]
fn a_killed_process_loses_nothing_committed() {
    let key = identity(800);
    if let Some(mode) = child_mode() {
        let path = std::env::var(DB).unwrap();
        // Odd runs at NORMAL: it too keeps every commit when the process
        // dies (only a power loss can take the last ones).
        let durability = if mode.ends_with(['1', '3']) {
            Durability::Normal
        } else {
            Durability::Full
        };
        let store = Options::default()
            .readers(1)
            .durability(durability)
            .open(&path, common::ring())
            .unwrap();
        let mut out = std::io::stdout().lock();
        let start = block_on(retrying(|| store.load("f-kill"))).map_or(0, |r| r.revision + 1);
        for i in 0.. {
            let account = format!("{mode}-{i}");
            let o = block_on(retrying(|| store.try_bind(&key, &account, u32::MAX)));
            assert!(matches!(o, BindOutcome::Bound { .. }), "{o:?}");
            writeln!(out, "BOUND {account}").unwrap();
            let rev = start + i;
            let expected = rev.checked_sub(1);
            let r = FlowRecord::new(rev, None, flow_state(rev));
            let saved = block_on(retrying(|| store.save("f-kill", expected, &r)));
            assert_eq!(saved, Cas::Saved);
            writeln!(out, "SAVED {rev}").unwrap();
            out.flush().unwrap();
        }
        return;
    }
    let dir = common::tempdir();
    let path = dir.path().join("kill.db");
    drop(open(&path));
    let mut reported: Vec<String> = Vec::new();
    let mut last_saved: Option<u64> = None;
    for (run, delay_ms) in [30u64, 80, 150, 250, 400].into_iter().enumerate() {
        let mode = format!("kill{run}");
        let mut c = child("a_killed_process_loses_nothing_committed", &mode, &path)
            .spawn()
            .unwrap();
        let stdout = c.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<_>>()
        });
        std::thread::sleep(Duration::from_millis(delay_ms));
        c.kill().unwrap(); // SIGKILL on Unix
        let _ = c.wait();
        let lines = reader.join().unwrap();
        for l in &lines {
            // The harness's "test … ... " may stand before the first line.
            if let Some((_, a)) = l.split_once("BOUND ") {
                reported.push(a.to_owned());
            } else if let Some((_, r)) = l.split_once("SAVED ") {
                last_saved = Some(r.parse().unwrap());
            }
        }

        eprintln!(
            "killed after {delay_ms} ms: {} bindings reported, last revision {last_saved:?}",
            reported.len()
        );
        let store = open(&path);
        block_on(async {
            for a in &reported {
                assert_eq!(
                    store.try_bind(&key, a, 0).await.unwrap(),
                    BindOutcome::AlreadyBound {
                        count: store.count(&key).await.unwrap()
                    },
                    "{a} was reported bound (killed after {delay_ms} ms)"
                );
            }
            let count = store.count(&key).await.unwrap() as usize;
            // At most the one bind in flight when the child died committed
            // without being reported.
            assert!(
                count == reported.len() || count == reported.len() + 1,
                "count {count}, reported {}",
                reported.len()
            );
            let flow = store.load("f-kill").await.unwrap();
            match (flow, last_saved) {
                (None, None) => {}
                (Some(r), saved) => {
                    assert!(saved.is_none_or(|s| r.revision == s || r.revision == s + 1));
                    assert_eq!(r.state, flow_state(r.revision), "a whole record");
                }
                (None, Some(s)) => panic!("revision {s} was reported saved, and is gone"),
            }
        });
        drop(store);
        let digest = *common::ring().digest(&key).as_bytes();
        let (rows, n) = common::rows_and_counter(&path, &digest);
        assert_eq!(rows, n, "the counter equals the rows");
        common::counters_exact(&path);
        // Take in what the next child starts from: the unreported bind is
        // kept by the file and not in `reported`; recount from the file.
        let c = common::raw(&path);
        let mut stmt = c
            .prepare("SELECT account FROM bindings WHERE digest = ?1")
            .unwrap();
        reported = stmt
            .query_map([&digest[..]], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let rev: Option<i64> = c
            .query_row("SELECT revision FROM flows WHERE id = 'f-kill'", [], |r| {
                r.get(0)
            })
            .ok();
        last_saved = rev.map(|r| r as u64);
    }
    assert!(!reported.is_empty(), "the children committed nothing");
}
