//! PgStore on a real PostgreSQL: the conformance suite, races of many
//! connections and processes, a client killed mid-transaction, the
//! caller's-transaction steps, tampering, lock order.
//!
//! Each test makes its own database on one server per test binary (see
//! `support`); without a server they print why and pass, unless
//! `REALNAME_PG_REQUIRED=1`.

// Tests and benchmarks time themselves: the clock rule is the library's.
#![allow(clippy::disallowed_methods)]

mod support;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use realname::store::testkit::{self, Harness};
use realname::store::{
    AttemptLedger, AttemptScope, BindOutcome, BindingStore, Cas, Consumed, FlowRecord, FlowStore,
    Keyring, StoreError,
};
use realname::{DocumentKey, ResidentId};
use realname_postgres::{PgError, PgStore, tx};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

fn ring() -> Keyring {
    Keyring::new(&testkit::SECRET_A).expect("ring")
}

struct Pg {
    rt: tokio::runtime::Runtime,
    url: String,
}

impl Pg {
    fn new(test: &str) -> Option<Pg> {
        Some(Pg {
            rt: runtime(),
            url: support::database(test)?,
        })
    }

    fn store(&self, size: usize) -> PgStore {
        self.rt
            .block_on(PgStore::from_pool(support::pool(&self.url, size), ring()))
            .expect("store")
    }

    fn client(&self) -> (tokio_postgres::Client, tokio::task::JoinHandle<()>) {
        self.rt.block_on(async {
            let (client, conn) = tokio_postgres::connect(&self.url, tokio_postgres::NoTls)
                .await
                .expect("connect");
            let task = tokio::spawn(async move {
                let _ = conn.await;
            });
            (client, task)
        })
    }
}

impl Harness for Pg {
    type Store = PgStore;
    fn open(&self, ring: Keyring) -> PgStore {
        self.rt
            .block_on(PgStore::from_pool(support::pool(&self.url, 32), ring))
            .expect("store")
    }
    fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.rt.handle().block_on(f)
    }
}

/// The counter row and the rows of one key, read directly.
async fn counter_and_rows(c: &tokio_postgres::Client, key: &DocumentKey) -> (i64, i64) {
    let d = ring().digest(key);
    let d = &d.as_bytes()[..];
    let n = c
        .query_opt(
            "SELECT n FROM realname_binding_counts WHERE digest = $1",
            &[&d],
        )
        .await
        .expect("counter")
        .map_or(0, |r| r.get(0));
    let rows: i64 = c
        .query_one(
            "SELECT count(*) FROM realname_bindings WHERE digest = $1",
            &[&d],
        )
        .await
        .expect("rows")
        .get(0);
    (n, rows)
}

/// Every key's counter equals its rows, and no counter row is left for
/// a key with none.
async fn counters_match(c: &tokio_postgres::Client) {
    let bad: i64 = c
        .query_one(
            "SELECT count(*) FROM realname_binding_counts c FULL JOIN \
             (SELECT digest, count(*) AS rows FROM realname_bindings GROUP BY digest) b \
             USING (digest) WHERE coalesce(c.n, 0) <> coalesce(b.rows, 0) OR c.n = 0",
            &[],
        )
        .await
        .expect("check")
        .get(0);
    assert_eq!(bad, 0, "a counter differs from its rows");
}

async fn retry<T, F, Fut>(mut f: F) -> (T, u32)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, PgError>>,
{
    let mut retries = 0;
    loop {
        match f().await {
            Ok(v) => return (v, retries),
            Err(e) if e.retryable() && retries < 50 => retries += 1,
            Err(e) => panic!("{e} ({})", e.code()),
        }
    }
}

#[test]
fn conformance() {
    let Some(h) = Pg::new("conformance") else {
        return;
    };
    testkit::all(&h);
}

#[test]
fn churn_1000() {
    let Some(h) = Pg::new("churn") else { return };
    testkit::churn(&h, 1000);
    let (c, _t) = h.client();
    h.rt.block_on(counters_match(&c));
}

#[test]
fn thirty_two_connections_one_key() {
    let Some(h) = Pg::new("thirty_two") else {
        return;
    };
    let store = Arc::new(h.store(32));
    let (c, _t) = h.client();
    for (i, cap) in [1u32, 3, 5].into_iter().enumerate() {
        let key = testkit::identity(500 + i as u32);
        let outcomes: Vec<BindOutcome> = h.rt.block_on(async {
            let barrier = Arc::new(tokio::sync::Barrier::new(32));
            let tasks: Vec<_> = (0..32)
                .map(|t| {
                    let (store, key, barrier) = (store.clone(), key, barrier.clone());
                    tokio::spawn(async move {
                        barrier.wait().await;
                        let account = format!("c{cap}-{t}");
                        retry(|| store.try_bind(&key, &account, cap)).await.0
                    })
                })
                .collect();
            let mut out = Vec::new();
            for t in tasks {
                out.push(t.await.expect("task"));
            }
            out
        });
        let bound = outcomes
            .iter()
            .filter(|o| matches!(o, BindOutcome::Bound { .. }))
            .count();
        assert_eq!(bound as u32, cap, "cap {cap}: {outcomes:?}");
        assert!(outcomes.iter().all(|o| o.count() <= cap), "{outcomes:?}");
        let (n, rows) = h.rt.block_on(counter_and_rows(&c, &key));
        assert_eq!((n, rows), (i64::from(cap), i64::from(cap)), "cap {cap}");
    }
    h.rt.block_on(counters_match(&c));
}

const CHILD_URL: &str = "REALNAME_PG_TEST_CHILD_URL";
const CHILD_N: &str = "REALNAME_PG_TEST_CHILD_N";
const CHILD_START: &str = "REALNAME_PG_TEST_CHILD_START_MS";

fn now_ms() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis())
}

fn child(test: &str, url: &str, n: usize) -> Command {
    let mut c = Command::new(std::env::current_exe().expect("current_exe"));
    c.args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(CHILD_URL, url)
        .env(CHILD_N, n.to_string())
        .stdin(Stdio::null());
    c
}

#[test]
fn four_processes_one_cap() {
    if let Ok(url) = std::env::var(CHILD_URL) {
        // A child: bind 16 accounts of its own to one key, cap 5, from
        // the agreed instant on.
        let n: usize = std::env::var(CHILD_N).unwrap().parse().unwrap();
        let start: u128 = std::env::var(CHILD_START).unwrap().parse().unwrap();
        let rt = runtime();
        let store = Arc::new(
            rt.block_on(PgStore::from_pool(support::pool(&url, 8), ring()))
                .expect("store"),
        );
        while now_ms() < start {
            std::thread::sleep(Duration::from_millis(1));
        }
        let key = testkit::identity(600);
        let bound: Vec<String> = rt.block_on(async {
            let tasks: Vec<_> = (0..16)
                .map(|t| {
                    let (store, key) = (store.clone(), key);
                    tokio::spawn(async move {
                        let account = format!("p{n}-{t}");
                        let o = retry(|| store.try_bind(&key, &account, 5)).await.0;
                        assert!(o.count() <= 5);
                        matches!(o, BindOutcome::Bound { .. }).then_some(account)
                    })
                })
                .collect();
            let mut out = Vec::new();
            for t in tasks {
                out.extend(t.await.expect("task"));
            }
            out
        });
        for a in bound {
            println!("BOUND {a}");
        }
        return;
    }
    let Some(h) = Pg::new("four_processes") else {
        return;
    };
    let start = now_ms() + 1500;
    let children: Vec<_> = (0..4)
        .map(|n| {
            child("four_processes_one_cap", &h.url, n)
                .env(CHILD_START, start.to_string())
                .stdout(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut bound = BTreeSet::new();
    for c in children {
        let out = c.wait_with_output().expect("child");
        assert!(out.status.success(), "a child failed");
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            // libtest may print "test … ... " before the first line.
            if let Some((_, a)) = line.split_once("BOUND ") {
                assert!(bound.insert(a.to_owned()), "{a} bound twice");
            }
        }
    }
    assert_eq!(bound.len(), 5, "{bound:?}");
    let (c, _t) = h.client();
    let key = testkit::identity(600);
    assert_eq!(h.rt.block_on(counter_and_rows(&c, &key)), (5, 5));
    let store = h.store(2);
    assert_eq!(h.rt.block_on(store.count(&key)).unwrap(), 5);
}

#[test]
fn sigkill_mid_transaction() {
    if let Ok(url) = std::env::var(CHILD_URL) {
        // A child: binds forever (half through tx:: with a pause before
        // COMMIT, so a kill lands in open transactions), printing every
        // committed bind; saves a flow's revisions, printing each.
        let round: usize = std::env::var(CHILD_N).unwrap().parse().unwrap();
        let rt = runtime();
        let store = Arc::new(
            rt.block_on(PgStore::from_pool(support::pool(&url, 8), ring()))
                .expect("store"),
        );
        let out = Arc::new(std::sync::Mutex::new(std::io::stdout()));
        rt.block_on(async {
            let mut tasks = Vec::new();
            for t in 0..6u32 {
                let (store, out) = (store.clone(), out.clone());
                tasks.push(tokio::spawn(async move {
                    let key = testkit::identity(700 + t % 2);
                    for i in 0.. {
                        let account = format!("k{round}-{t}-{i}");
                        let o = if t % 2 == 0 {
                            store
                                .try_bind(&key, &account, u32::MAX)
                                .await
                                .expect("bind")
                        } else {
                            let mut client = store.pool().get().await.expect("client");
                            let tx = client.transaction().await.expect("begin");
                            let o = tx::try_bind(&tx, store.keyring(), &key, &account, u32::MAX)
                                .await
                                .expect("bind");
                            tx.batch_execute("SELECT pg_sleep(0.003)")
                                .await
                                .expect("sleep");
                            tx.commit().await.expect("commit");
                            o
                        };
                        assert!(matches!(o, BindOutcome::Bound { .. }), "{o:?}");
                        let mut w = out.lock().unwrap();
                        writeln!(w, "BOUND {} {account}", 700 + t % 2).unwrap();
                        w.flush().unwrap();
                    }
                }));
            }
            let (store, out) = (store.clone(), out.clone());
            tasks.push(tokio::spawn(async move {
                // Each round goes on from what the killed one left.
                let mut rev = store
                    .load("f-kill")
                    .await
                    .expect("load")
                    .map(|r| r.revision);
                for i in rev.map_or(0, |r| r + 1).. {
                    let state = format!("state {i} ").repeat(2000).into_bytes();
                    let r = FlowRecord::new(i, None, state);
                    assert_eq!(
                        store.save("f-kill", rev, &r).await.expect("save"),
                        Cas::Saved
                    );
                    rev = Some(i);
                    let mut w = out.lock().unwrap();
                    writeln!(w, "SAVED {i}").unwrap();
                    w.flush().unwrap();
                }
            }));
            for t in tasks {
                t.await.expect("task");
            }
        });
        return;
    }
    let Some(h) = Pg::new("sigkill") else { return };
    let mut bound: Vec<(u32, String)> = Vec::new();
    let mut saved = None;
    for round in 0..3 {
        let mut c = child("sigkill_mid_transaction", &h.url, round)
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn");
        let lines = BufReader::new(c.stdout.take().expect("stdout"));
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in lines.lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = 0;
        while seen < 150 + 100 * round && Instant::now() < deadline {
            if let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) {
                if line.contains("BOUND ") {
                    seen += 1;
                }
                collect(&line, &mut bound, &mut saved);
            }
        }
        c.kill().expect("kill");
        c.wait().expect("wait");
        reader.join().expect("reader");
        for line in rx.try_iter() {
            collect(&line, &mut bound, &mut saved);
        }
        assert!(seen > 0, "the child bound nothing");
    }
    fn collect(line: &str, bound: &mut Vec<(u32, String)>, saved: &mut Option<u64>) {
        // libtest may print "test … ... " before the first line.
        if let Some((_, rest)) = line.split_once("BOUND ") {
            let (k, a) = rest.split_once(' ').expect("line");
            bound.push((k.parse().expect("key"), a.to_owned()));
        } else if let Some((_, r)) = line.split_once("SAVED ") {
            *saved = Some(r.parse().expect("rev"));
        }
    }
    let (c, _t) = h.client();
    h.rt.block_on(async {
        // The killed clients' backends end, and their open transactions
        // roll back.
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let others: i64 = c
                .query_one(
                    "SELECT count(*) FROM pg_stat_activity \
                     WHERE datname = current_database() AND pid <> pg_backend_pid()",
                    &[],
                )
                .await
                .unwrap()
                .get(0);
            if others == 0 {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{others} backends of killed clients remain"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let ring = ring();
        for (k, a) in &bound {
            let d = ring.digest(&testkit::identity(*k));
            let n: i64 = c
                .query_one(
                    "SELECT count(*) FROM realname_bindings WHERE digest = $1 AND account = $2",
                    &[&&d.as_bytes()[..], a],
                )
                .await
                .unwrap()
                .get(0);
            assert_eq!(n, 1, "reported binding {k} {a} is missing");
        }
        counters_match(&c).await;
        for k in [700, 701] {
            let (n, rows) = counter_and_rows(&c, &testkit::identity(k)).await;
            assert_eq!(n, rows);
            assert!(rows >= bound.iter().filter(|(kk, _)| *kk == k).count() as i64);
        }
    });
    let store = h.store(2);
    let flow =
        h.rt.block_on(store.load("f-kill"))
            .expect("the flow loads whole")
            .expect("saved");
    let saved = saved.expect("a save was reported");
    assert!(
        flow.revision >= saved,
        "revision {} < reported {saved}",
        flow.revision
    );
    let expect = format!("state {} ", flow.revision)
        .repeat(2000)
        .into_bytes();
    assert_eq!(flow.state, expect);
    // The store goes on: a bind after the kills.
    let o =
        h.rt.block_on(store.try_bind(&testkit::identity(700), "after", u32::MAX))
            .unwrap();
    assert!(matches!(o, BindOutcome::Bound { .. }));
    // The server saw the kills land inside transactions (the local
    // cluster's log; another server's log is not ours to read).
    let open_at_kill = support::server()
        .and_then(|s| s.dir.as_ref())
        .and_then(|d| std::fs::read_to_string(d.join("log")).ok())
        .map(|log| {
            log.matches("unexpected EOF on client connection with an open transaction")
                .count()
        });
    if let Some(n) = open_at_kill {
        assert!(n > 0, "no kill landed inside a transaction");
    }
    eprintln!("sigkill: transactions open at a kill, per the server log: {open_at_kill:?}");
    eprintln!(
        "sigkill: {} binds reported over 3 kills, flow at revision {}",
        bound.len(),
        flow.revision
    );
}

#[test]
fn the_callers_transaction() {
    let Some(h) = Pg::new("callers_tx") else {
        return;
    };
    let store = h.store(4);
    let ring = ring();
    let key = testkit::identity(800);
    let other = testkit::identity(801);
    let (mut c, _t) = h.client();
    h.rt.block_on(async {
        c.batch_execute("CREATE TABLE app_log (what text NOT NULL)")
            .await
            .unwrap();

        // Rolled back: nothing bound.
        let t = c.transaction().await.unwrap();
        assert_eq!(
            tx::try_bind(&t, &ring, &key, "a-1", 3).await.unwrap(),
            BindOutcome::Bound { count: 1 }
        );
        t.rollback().await.unwrap();
        assert_eq!(store.count(&key).await.unwrap(), 0);
        assert_eq!(counter_and_rows(&c, &key).await, (0, 0));

        // Committed with the caller's own row: both.
        let t = c.transaction().await.unwrap();
        t.execute("INSERT INTO app_log VALUES ('verified a-1')", &[])
            .await
            .unwrap();
        assert_eq!(
            tx::try_bind(&t, &ring, &key, "a-1", 3).await.unwrap(),
            BindOutcome::Bound { count: 1 }
        );
        t.commit().await.unwrap();
        assert_eq!(store.count(&key).await.unwrap(), 1);

        for a in ["a-2", "a-3"] {
            store.try_bind(&key, a, 3).await.unwrap();
        }
        // CapReached inside: the caller's statements before and after stay.
        let t = c.transaction().await.unwrap();
        t.execute("INSERT INTO app_log VALUES ('before')", &[])
            .await
            .unwrap();
        assert_eq!(
            tx::try_bind(&t, &ring, &key, "a-4", 3).await.unwrap(),
            BindOutcome::CapReached { count: 3 }
        );
        assert_eq!(
            tx::try_bind(&t, &ring, &key, "a-1", 3).await.unwrap(),
            BindOutcome::AlreadyBound { count: 3 }
        );
        t.execute("INSERT INTO app_log VALUES ('after')", &[])
            .await
            .unwrap();
        // A refused rebind undoes its release too.
        assert!(
            tx::try_bind(&t, &ring, &other, "b-1", 1)
                .await
                .unwrap()
                .is_bound()
        );
        let r = tx::rebind(&t, &ring, &key, &other, "a-1", 1).await.unwrap();
        assert_eq!(r.bind, BindOutcome::CapReached { count: 1 });
        assert!(!r.released);
        // An exhausted attempt leaves the earlier count.
        let scope = AttemptScope::new(
            "a-1",
            realname::policy::MethodKind::BankCard,
            realname::policy::Scope::Account,
            "",
        )
        .unwrap();
        assert_eq!(
            tx::consume(&t, &scope, "t1", 1).await.unwrap(),
            Consumed::Counted { used: 1 }
        );
        assert_eq!(
            tx::consume(&t, &scope, "t2", 1).await.unwrap(),
            Consumed::Exhausted { used: 1 }
        );
        assert!(tx::release(&t, &ring, &key, "a-2").await.unwrap());
        t.commit().await.unwrap();

        let log: Vec<String> = c
            .query("SELECT what FROM app_log ORDER BY what", &[])
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(log, ["after", "before", "verified a-1"]);
        assert_eq!(store.count(&key).await.unwrap(), 2);
        assert_eq!(store.count(&other).await.unwrap(), 1);
        assert_eq!(store.used(&scope).await.unwrap(), 1);
        counters_match(&c).await;

        // deadpool's transaction is an Executor too (cached statements).
        let mut pooled = store.pool().get().await.unwrap();
        let t = pooled.transaction().await.unwrap();
        let r = tx::rebind(&t, &ring, &key, &other, "a-3", 5).await.unwrap();
        assert!(r.bind.is_bound() && r.released);
        t.commit().await.unwrap();
        assert_eq!(store.count(&key).await.unwrap(), 1);
        assert_eq!(store.count(&other).await.unwrap(), 2);
        counters_match(&c).await;
    });
}

#[test]
fn tampered_flows_and_no_numbers() {
    let Some(h) = Pg::new("tamper") else { return };
    let store = h.store(4);
    let (c, _t) = h.client();
    let number = "11010519491231002X";
    let key = DocumentKey::from(&number.parse::<ResidentId>().unwrap());
    h.rt.block_on(async {
        store.try_bind(&key, "acct-1", 3).await.unwrap();
        store.rebind(&key, &testkit::identity(1), "acct-1", 3).await.unwrap();
        store.try_bind(&key, "acct-2", 3).await.unwrap();
        let rec = FlowRecord::new(1, None, "{\"who\":\"acct-2\"}".to_string().into_bytes());
        assert_eq!(store.save("f-1", None, &rec).await.unwrap(), Cas::Saved);
        assert_eq!(store.save("f-2", None, &rec).await.unwrap(), Cas::Saved);
        assert_eq!(store.load("f-1").await.unwrap(), Some(rec.clone()));

        // Edited state, revision, deadline, a seal copied from another
        // row: each refused.
        for edit in [
            "UPDATE realname_flows SET state = 'x'::bytea WHERE id = 'f-1'",
            "UPDATE realname_flows SET state = state, revision = 2 WHERE id = 'f-1'",
            "UPDATE realname_flows SET next_deadline = now() WHERE id = 'f-1'",
        ] {
            c.batch_execute("UPDATE realname_flows SET state = (SELECT state FROM realname_flows WHERE id = 'f-2'), revision = 1, next_deadline = NULL WHERE id = 'f-1'").await.unwrap();
            assert!(store.load("f-1").await.is_ok());
            c.batch_execute(edit).await.unwrap();
            let e = store.load("f-1").await.unwrap_err();
            assert_eq!(e.code(), "store_tampered", "{edit}");
            assert!(!e.retryable());
            assert!(matches!(e, PgError::Tampered(_)));
        }
        c.batch_execute("UPDATE realname_flows SET id = 'f-3' WHERE id = 'f-2'").await.unwrap();
        assert_eq!(store.load("f-3").await.unwrap_err().code(), "store_tampered", "a moved row");

        // The tables hold digests only.
        let rows = c
            .query("SELECT digest, account FROM realname_bindings", &[])
            .await
            .unwrap();
        assert_eq!(rows.len(), 2);
        for r in &rows {
            let d: Vec<u8> = r.get(0);
            assert_eq!(d.len(), 32);
        }
        let text_columns = c
            .query(
                "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name LIKE 'realname%'",
                &[],
            )
            .await
            .unwrap();
        assert!(text_columns.len() > 10);
        let needles = [
            number.to_owned(),
            "110105194912".to_owned(),
            String::from_utf8_lossy(key.as_bytes()).into_owned(),
        ];
        for col in &text_columns {
            let (table, column): (String, String) = (col.get(0), col.get(1));
            let dump: Vec<String> = c
                .query(&format!("SELECT coalesce(\"{column}\"::text, '') FROM {table}"), &[])
                .await
                .unwrap()
                .iter()
                .map(|r| r.get(0))
                .collect();
            for v in dump {
                for n in &needles {
                    assert!(!v.contains(n.as_str()), "{table}.{column} holds {v}");
                }
            }
            let data_type: String = col.get(2);
            if data_type == "bytea" {
                // Nor any bytes column, as text or as the key's bytes.
                for n in [number.as_bytes(), key.as_bytes(), b"110105194912"] {
                    let hits: i64 = c
                        .query_one(
                            &format!(
                                "SELECT count(*) FROM {table} WHERE position($1::bytea in \"{column}\") > 0"
                            ),
                            &[&n],
                        )
                        .await
                        .unwrap()
                        .get(0);
                    assert_eq!(hits, 0, "{table}.{column} holds the number");
                }
            }
        }
        let e = format!("{:?} {}", store, PgError::Corrupt { what: "counter" });
        assert!(!e.contains(number));
    });
}

#[test]
fn opposite_rebinds_do_not_deadlock() {
    let Some(h) = Pg::new("opposite") else { return };
    let store = Arc::new(h.store(32));
    let (a, b) = (testkit::identity(900), testkit::identity(901));
    const ACCOUNTS: u32 = 64;
    let deadlocks = Arc::new(AtomicU32::new(0));
    let retries = Arc::new(AtomicU32::new(0));
    h.rt.block_on(async {
        for i in 0..ACCOUNTS {
            let k = if i % 2 == 0 { &a } else { &b };
            store.try_bind(k, &format!("x{i}"), u32::MAX).await.unwrap();
        }
        let tasks: Vec<_> = (0..ACCOUNTS)
            .map(|i| {
                let (store, a, b) = (store.clone(), a, b);
                let (deadlocks, retries) = (deadlocks.clone(), retries.clone());
                tokio::spawn(async move {
                    let account = format!("x{i}");
                    // Even accounts go A→B→A…, odd ones B→A→B…: always
                    // some of each direction at once.
                    for round in 0..10 {
                        let (from, to) = if (i + round) % 2 == 0 {
                            (&a, &b)
                        } else {
                            (&b, &a)
                        };
                        loop {
                            match store.rebind(from, to, &account, u32::MAX).await {
                                Ok(r) => {
                                    assert!(r.released && r.bind.is_bound(), "{r:?}");
                                    break;
                                }
                                Err(e) if e.retryable() => {
                                    if e.sqlstate() == Some("40P01") {
                                        deadlocks.fetch_add(1, Ordering::Relaxed);
                                    }
                                    retries.fetch_add(1, Ordering::Relaxed);
                                }
                                Err(e) => panic!("{e}"),
                            }
                        }
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
    });
    let (c, _t) = h.client();
    h.rt.block_on(async {
        assert_eq!(
            store.count(&a).await.unwrap() + store.count(&b).await.unwrap(),
            ACCOUNTS
        );
        assert_eq!(store.count(&a).await.unwrap(), ACCOUNTS / 2);
        counters_match(&c).await;
    });
    let (d, r) = (
        deadlocks.load(Ordering::Relaxed),
        retries.load(Ordering::Relaxed),
    );
    eprintln!(
        "opposite rebinds: {} rebinds, {d} deadlocks, {r} retries",
        ACCOUNTS * 10
    );
    assert_eq!(d, 0, "rebinds in opposite directions deadlocked");
}

#[test]
fn migrations() {
    let Some(h) = Pg::new("migrations") else {
        return;
    };
    // Eight servers starting at once on an empty database.
    let versions: Vec<i32> = h.rt.block_on(async {
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let url = h.url.clone();
                tokio::spawn(async move {
                    let s = PgStore::from_pool(support::pool(&url, 1), ring())
                        .await
                        .expect("store");
                    s.migrate().await.expect("migrate")
                })
            })
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap());
        }
        out
    });
    assert!(
        versions
            .iter()
            .all(|v| *v == realname_postgres::SCHEMA_VERSION)
    );
    let (c, _t) = h.client();
    h.rt.block_on(async {
        let n: i64 = c
            .query_one("SELECT count(*) FROM realname_schema", &[])
            .await
            .unwrap()
            .get(0);
        assert_eq!(n, i64::from(realname_postgres::SCHEMA_VERSION));
        c.batch_execute("INSERT INTO realname_schema (version) VALUES (99)")
            .await
            .unwrap();
        let e = PgStore::from_pool(support::pool(&h.url, 1), ring())
            .await
            .unwrap_err();
        assert_eq!(e.code(), "pg_schema_too_new");
        assert!(matches!(e, PgError::SchemaTooNew { found: 99, .. }), "{e}");
        assert!(e.to_string().contains("99"));
    });
}

#[test]
fn a_lost_connection_is_retryable() {
    let Some(h) = Pg::new("lost") else { return };
    let store = h.store(1);
    let (c, _t) = h.client();
    h.rt.block_on(async {
        let client = store.pool().get().await.unwrap();
        let pid: i32 = client
            .query_one("SELECT pg_backend_pid()", &[])
            .await
            .unwrap()
            .get(0);
        c.execute("SELECT pg_terminate_backend($1)", &[&pid])
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
        let e = PgError::from(client.query_one("SELECT 1", &[]).await.unwrap_err());
        assert!(e.retryable(), "{e} ({})", e.code());
        drop(client);
        // The pool replaces the dead connection.
        let key = testkit::identity(1000);
        let (o, _) = retry(|| store.try_bind(&key, "a", 1)).await;
        assert_eq!(o, BindOutcome::Bound { count: 1 });
        // A serialisation failure is retryable too.
        let mut c2 = store.pool().get().await.unwrap();
        let t = c2.transaction().await.unwrap();
        let e = PgError::from(
            t.batch_execute("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40001'; END $$")
                .await
                .unwrap_err(),
        );
        assert!(e.retryable());
        assert_eq!(e.code(), "pg_serialization_failure");
        assert_eq!(e.sqlstate(), Some("40001"));
    });
}

#[test]
fn rotating_under_a_race() {
    let Some(h) = Pg::new("rotating") else { return };
    let key = testkit::identity(1100);
    let old = h.store(4);
    h.rt.block_on(async {
        old.try_bind(&key, "o-1", 5).await.unwrap();
        old.try_bind(&key, "o-2", 5).await.unwrap();
    });
    drop(old);
    let rotating = Keyring::rotating(&testkit::SECRET_B, &testkit::SECRET_A).unwrap();
    let store = Arc::new(
        h.rt.block_on(PgStore::from_pool(
            support::pool(&h.url, 32),
            rotating.clone(),
        ))
        .unwrap(),
    );
    // 16 binders at once, each first moving what the old secret keyed:
    // the old rows count against the cap, and move once.
    let bound: usize = h.rt.block_on(async {
        let tasks: Vec<_> = (0..16)
            .map(|t| {
                let store = store.clone();
                tokio::spawn(async move {
                    let account = format!("n-{t}");
                    let o = retry(|| store.try_bind(&key, &account, 5)).await.0;
                    assert!(o.count() <= 5, "{o:?}");
                    usize::from(matches!(o, BindOutcome::Bound { .. }))
                })
            })
            .collect();
        let mut n = 0;
        for t in tasks {
            n += t.await.unwrap();
        }
        n
    });
    assert_eq!(bound, 3);
    let (c, _t) = h.client();
    h.rt.block_on(async {
        counters_match(&c).await;
        let under = |ring: &Keyring| {
            let d = ring.digest(&key).as_bytes().to_vec();
            let c = &c;
            async move {
                let n: i64 = c
                    .query_one(
                        "SELECT count(*) FROM realname_bindings WHERE digest = $1",
                        &[&d],
                    )
                    .await
                    .unwrap()
                    .get(0);
                n
            }
        };
        assert_eq!(under(&ring()).await, 0, "nothing left under the old digest");
        assert_eq!(under(&Keyring::new(&testkit::SECRET_B).unwrap()).await, 5);
    });
    // A flow sealed under the old secret loads while rotating.
    let old = h.store(2);
    let rec = FlowRecord::new(0, None, b"old".to_vec());
    h.rt.block_on(old.save("f-old", None, &rec)).unwrap();
    assert_eq!(h.rt.block_on(store.load("f-old")).unwrap(), Some(rec));
    let only_new =
        h.rt.block_on(PgStore::from_pool(
            support::pool(&h.url, 2),
            Keyring::new(&testkit::SECRET_B).unwrap(),
        ))
        .unwrap();
    assert_eq!(
        h.rt.block_on(only_new.load("f-old")).unwrap_err().code(),
        "store_tampered",
        "under another secret alone"
    );
}

/// The rotation rule broken: servers still on the old secret alone bind
/// and release on one identity while rotating servers bind it (a rolling
/// restart, which the README forbids). The cap is NOT guaranteed then (an
/// old-only server binds under the old digest without seeing the rows
/// under the new one, and a rotating server then merges both sets), and
/// this test asks none; what still holds is that every counter stays
/// equal to its rows, and that errors are retryable ones.
#[test]
fn counters_stay_equal_to_rows_when_the_rotation_rule_is_broken() {
    let Some(h) = Pg::new("rolling") else { return };
    let key = testkit::identity(1200);
    let old = Arc::new(h.store(16));
    let rotating = Arc::new(
        h.rt.block_on(PgStore::from_pool(
            support::pool(&h.url, 16),
            Keyring::rotating(&testkit::SECRET_B, &testkit::SECRET_A).unwrap(),
        ))
        .unwrap(),
    );
    let deadlocks = Arc::new(AtomicU32::new(0));
    h.rt.block_on(async {
        let mut tasks = Vec::new();
        for t in 0..16u32 {
            let (old, rotating, deadlocks) = (old.clone(), rotating.clone(), deadlocks.clone());
            tasks.push(tokio::spawn(async move {
                for i in 0..30u32 {
                    let account = format!("m{t}-{}", i % 4);
                    let r = if t % 2 == 0 {
                        if i % 3 == 2 {
                            old.release(&key, &account).await.map(|_| ())
                        } else {
                            old.try_bind(&key, &account, u32::MAX).await.map(|_| ())
                        }
                    } else if i % 3 == 2 {
                        rotating.release(&key, &account).await.map(|_| ())
                    } else {
                        rotating
                            .try_bind(&key, &account, u32::MAX)
                            .await
                            .map(|_| ())
                    };
                    match r {
                        Ok(()) => {}
                        Err(e) if e.retryable() => {
                            if e.sqlstate() == Some("40P01") {
                                deadlocks.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                        Err(e) => panic!("{e}"),
                    }
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
    });
    let (c, _t) = h.client();
    h.rt.block_on(counters_match(&c));
    eprintln!(
        "rotation rule broken: {} deadlocks (retryable) in 480 operations",
        deadlocks.load(Ordering::Relaxed)
    );
}

/// Every attempt counter equals its rows, and no counter row is left at 0.
async fn attempt_counters_match(c: &tokio_postgres::Client) {
    let bad: i64 = c
        .query_one(
            "SELECT count(*) FROM realname_attempt_counts c FULL JOIN \
             (SELECT account, scope, count(*) AS rows FROM realname_attempts GROUP BY 1, 2) a \
             USING (account, scope) WHERE coalesce(c.n, 0) <> coalesce(a.rows, 0) OR c.n = 0",
            &[],
        )
        .await
        .expect("check")
        .get(0);
    assert_eq!(bad, 0, "an attempt counter differs from its rows");
}

/// Polls `f` (yielding between polls) until `micros` have passed, then
/// drops it: a caller's `timeout` or `select!` landing anywhere in the
/// call, to the microsecond. `Some` when it finished first.
async fn cut<F: std::future::Future>(f: F, micros: u64) -> Option<F::Output> {
    use std::task::Poll;
    let mut f = std::pin::pin!(f);
    let until = Instant::now() + Duration::from_micros(micros);
    std::future::poll_fn(move |cx| match f.as_mut().poll(cx) {
        Poll::Ready(v) => Poll::Ready(Some(v)),
        Poll::Pending if Instant::now() >= until => Poll::Ready(None),
        Poll::Pending => {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
    .await
}

fn why(e: &PgError) -> String {
    let mut s = format!("{e} ({})", e.code());
    let mut src = std::error::Error::source(e);
    while let Some(x) = src {
        s += &format!(": {x}");
        src = x.source();
    }
    s
}

/// Where to cut the `i`th call: every 8th runs whole (and its time tunes
/// `span`, an estimate of a whole call's microseconds, however loaded
/// the machine is); the others are cut uniformly within 1.25 spans.
struct Cuts {
    span: u64,
    dropped: u32,
    finished: u32,
}

impl Cuts {
    fn new() -> Cuts {
        Cuts {
            span: 1000,
            dropped: 0,
            finished: 0,
        }
    }

    async fn run<F: std::future::Future<Output = Result<(), PgError>>>(
        &mut self,
        i: u32,
        r: u64,
        f: F,
    ) {
        let whole = i.is_multiple_of(8);
        let micros = if whole {
            10_000_000
        } else {
            r % (self.span * 5 / 4 + 1)
        };
        let started = Instant::now();
        match cut(f, micros).await {
            Some(Ok(())) if whole => {
                let took = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
                self.span = (self.span * 3 + took.min(100_000)) / 4;
            }
            Some(Ok(())) => self.finished += 1,
            Some(Err(e)) => panic!("{}", why(&e)),
            None => self.dropped += 1,
        }
    }

    fn check(&self, what: &str) {
        eprintln!(
            "{what}: {} cut calls dropped, {} finished first (a whole call ~{} µs)",
            self.dropped, self.finished, self.span
        );
        assert!(
            self.dropped > 100 && self.finished > 100,
            "{what}: too few of one kind"
        );
    }
}

/// A small xorshift: the same pseudo-random cut points on every run.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

/// After every call both counters equal their rows, and no cap is
/// exceeded: each key is rotated through by a consistent set of servers
/// (first the old secret alone, then rotating).
async fn all_counters_sound(c: &tokio_postgres::Client) {
    counters_match(c).await;
    attempt_counters_match(c).await;
    let over: i64 = c
        .query_one(
            "SELECT (SELECT count(*) FROM realname_binding_counts WHERE n > 3) \
             + (SELECT count(*) FROM realname_attempt_counts WHERE n > 4)",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(over, 0, "a cap was exceeded");
}

/// One pseudo-random step (bind, release, rebind or consume, caps 3 and
/// 4) on one of 24 identities, through the caller's-transaction API.
async fn random_tx_step<E: tx::Executor>(t: &E, ring: &Keyring, r: u64) -> Result<(), PgError> {
    let key = testkit::identity(1300 + (r % 24) as u32);
    let to = testkit::identity(1300 + ((r >> 5) % 24) as u32);
    let account = format!("d-{}", (r >> 10) % 5);
    match (r >> 16) % 5 {
        0 | 1 => tx::try_bind(t, ring, &key, &account, 3).await.map(drop),
        2 => tx::release(t, ring, &key, &account).await.map(drop),
        3 => tx::rebind(t, ring, &key, &to, &account, 3).await.map(drop),
        _ => {
            let scope = AttemptScope::new(
                &account,
                realname::policy::MethodKind::BankCard,
                realname::policy::Scope::Account,
                "",
            )?;
            tx::consume(t, &scope, &format!("t{}", (r >> 20) % 7), 4)
                .await
                .map(drop)
        }
    }
}

#[test]
fn dropped_tx_calls_then_commit_keep_counters_equal_to_rows() {
    // A caller's timeout (or select!) drops a tx:: call at any point, and
    // the caller commits its transaction anyway: every counter still
    // equals its rows, and no cap is exceeded.
    let Some(h) = Pg::new("dropped_tx") else {
        return;
    };
    drop(h.store(1)); // migrated
    let (plain, rotating) = (
        ring(),
        Keyring::rotating(&testkit::SECRET_B, &testkit::SECRET_A).unwrap(),
    );
    let (mut c, _t) = h.client();
    let (mut seed, mut cuts) = (0x9e37_79b9_7f4a_7c15_u64, Cuts::new());
    h.rt.block_on(async {
        const ROUNDS: u32 = 1200;
        for i in 0..ROUNDS {
            // The first half on the old secret alone, then all rotating.
            let ring = if i < ROUNDS / 2 { &plain } else { &rotating };
            let (r, r2) = (next(&mut seed), next(&mut seed));
            let t = c.transaction().await.unwrap();
            cuts.run(i, r2, random_tx_step(&t, ring, r)).await;
            t.commit().await.expect("commit");
            if i % 100 == 99 {
                all_counters_sound(&c).await;
            }
        }
        all_counters_sound(&c).await;
    });
    cuts.check("tx:: calls, then committed");
}

#[test]
fn dropped_pooled_calls_leave_nothing_half_done() {
    // A PgStore call dropped at any point: its own transaction is rolled
    // back or committed whole; the pool goes on.
    let Some(h) = Pg::new("dropped_pooled") else {
        return;
    };
    let plain = h.store(2);
    let rotating =
        h.rt.block_on(PgStore::from_pool(
            support::pool(&h.url, 2),
            Keyring::rotating(&testkit::SECRET_B, &testkit::SECRET_A).unwrap(),
        ))
        .unwrap();
    let (c, _t) = h.client();
    let (mut seed, mut cuts) = (0x2545_f491_4f6c_dd1d_u64, Cuts::new());
    h.rt.block_on(async {
        const ROUNDS: u32 = 1200;
        for i in 0..ROUNDS {
            let store = if i < ROUNDS / 2 { &plain } else { &rotating };
            let (r, r2) = (next(&mut seed), next(&mut seed));
            let key = testkit::identity(1400 + (r % 24) as u32);
            let to = testkit::identity(1400 + ((r >> 5) % 24) as u32);
            let account = format!("p-{}", (r >> 10) % 5);
            let scope = AttemptScope::new(
                &account,
                realname::policy::MethodKind::BankCard,
                realname::policy::Scope::Account,
                "",
            )
            .unwrap();
            let token = format!("t{}", (r >> 20) % 7);
            let step = async {
                match (r >> 16) % 6 {
                    0 | 1 => store.try_bind(&key, &account, 3).await.map(drop),
                    2 => store.release(&key, &account).await.map(drop),
                    3 => store.rebind(&key, &to, &account, 3).await.map(drop),
                    4 => store.consume(&scope, &token, 4).await.map(drop),
                    _ => store.reset(&scope).await.map(drop),
                }
            };
            cuts.run(i, r2, step).await;
            if i % 100 == 99 {
                all_counters_sound(&c).await;
            }
        }
        all_counters_sound(&c).await;
        // The pool's connections are whole: a call after all the drops.
        let key = testkit::identity(1499);
        assert_eq!(
            rotating.try_bind(&key, "after", 3).await.unwrap(),
            BindOutcome::Bound { count: 1 }
        );
    });
    cuts.check("pooled calls");
}

#[test]
fn a_deadline_with_nanoseconds_before_2000_loads() {
    // FlowRecord's fields are public: a struct literal may hold
    // nanoseconds, which the store cuts to microseconds (as FlowRecord::new
    // does) before sealing, whatever way the driver rounds.
    let Some(h) = Pg::new("nanos") else { return };
    let store = h.store(2);
    let t = chrono::DateTime::from_timestamp(946_684_799, 999_999_999).unwrap();
    assert_eq!(t.to_rfc3339(), "1999-12-31T23:59:59.999999999+00:00");
    let record = FlowRecord {
        revision: 1,
        next_deadline: Some(t),
        state: b"{}".to_vec(),
    };
    h.rt.block_on(async {
        assert_eq!(
            store.save("f-nanos", None, &record).await.unwrap(),
            Cas::Saved
        );
        let loaded = store
            .load("f-nanos")
            .await
            .expect("no store_tampered")
            .unwrap();
        let cut = FlowRecord::new(1, Some(t), b"{}".to_vec());
        assert_eq!(loaded, cut);
        assert_eq!(
            loaded.next_deadline.unwrap().to_rfc3339(),
            "1999-12-31T23:59:59.999999+00:00"
        );
        // The retry of that save is Saved; another record is a conflict.
        assert_eq!(
            store.save("f-nanos", None, &record).await.unwrap(),
            Cas::Saved
        );
        let other = FlowRecord::new(1, None, b"{}".to_vec());
        assert_eq!(
            store.save("f-nanos", None, &other).await.unwrap(),
            Cas::Conflict { current: Some(1) }
        );
        let due = store.due(t, 10).await.unwrap();
        assert_eq!(due.len(), 1);
    });
}

#[test]
fn a_negative_schema_version_is_corrupt() {
    let Some(h) = Pg::new("negative_schema") else {
        return;
    };
    let _ = h.store(1);
    let (c, _t) = h.client();
    h.rt.block_on(async {
        c.batch_execute("UPDATE realname_schema SET version = -version")
            .await
            .unwrap();
        let e = PgStore::from_pool(support::pool(&h.url, 1), ring())
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                PgError::Corrupt {
                    what: "schema version"
                }
            ),
            "{e}"
        );
        assert_eq!((e.code(), e.retryable()), ("pg_corrupt", false));
    });
}
