//! Binds per second on PostgreSQL: the store's bind (insert, then the
//! conditional counter upsert) beside a naive one (`SELECT count(*)`, then
//! `INSERT`, READ COMMITTED, no counter) that overshoots the cap.
//!
//! ```text
//! cargo run --release -p realname-postgres --example pg_binds
//! ```
//!
//! Starts a throwaway cluster like the tests (or uses `REALNAME_PG_URL`).

// Tests and benchmarks time themselves: the clock rule is the library's.
#![allow(clippy::disallowed_methods)]

#[path = "../tests/support/mod.rs"]
mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::time::Instant;

use realname::DocumentKey;
use realname::store::testkit::identity;
use realname::store::{BindOutcome, BindingStore, Keyring, StoreError};
use realname_postgres::{PgError, PgStore};

const N: usize = 10_000;

async fn retry<T, Fut: std::future::Future<Output = Result<T, PgError>>>(
    mut f: impl FnMut() -> Fut,
) -> T {
    for _ in 0..100 {
        match f().await {
            Ok(v) => return v,
            Err(e) if e.retryable() => continue,
            Err(e) => panic!("{e}"),
        }
    }
    panic!("still failing")
}

/// Runs `op(i)` for i in 0..n on `tasks` concurrent tasks: ops per second.
async fn timed<F, Fut>(n: usize, tasks: usize, op: F) -> f64
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let op = Arc::new(op);
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            let (op, next) = (op.clone(), next.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    op(i).await;
                }
            })
        })
        .collect();
    for h in handles {
        h.await.expect("task");
    }
    n as f64 / start.elapsed().as_secs_f64()
}

/// The naive bind: count, then insert, in one READ COMMITTED transaction.
async fn naive_bind(
    pool: &deadpool_postgres::Pool,
    digest: &[u8],
    account: &str,
    cap: i64,
) -> bool {
    let mut c = pool.get().await.expect("client");
    let tx = c.transaction().await.expect("begin");
    let count = tx
        .prepare_cached("SELECT count(*) FROM naive_bindings WHERE digest = $1")
        .await
        .expect("prepare");
    let n: i64 = tx
        .query_one(&count, &[&digest])
        .await
        .expect("count")
        .get(0);
    let bound = if n < cap {
        let insert = tx
            .prepare_cached("INSERT INTO naive_bindings (digest, account) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .await
            .expect("prepare");
        tx.execute(&insert, &[&digest, &account])
            .await
            .expect("insert")
            == 1
    } else {
        false
    };
    tx.commit().await.expect("commit");
    bound
}

fn main() {
    let Some(url) = support::database("bench") else {
        eprintln!("no PostgreSQL: nothing measured");
        return;
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let ring = Keyring::new(&[0x42; 32]).expect("ring");
        let store = Arc::new(
            PgStore::from_pool(support::pool(&url, 16), ring.clone())
                .await
                .expect("store"),
        );
        let pool = support::pool(&url, 16);
        pool.get()
            .await
            .expect("client")
            .batch_execute(
                "CREATE TABLE naive_bindings (digest bytea NOT NULL, account text NOT NULL, \
                 PRIMARY KEY (digest, account))",
            )
            .await
            .expect("naive table");
        println!("PostgreSQL binds/second ({} per run; 2 cores shared by client and server)", N);
        let mut base = 0u32;
        let mut fresh = |n: u32| {
            base += n;
            base - n
        };

        let mut hot = Vec::new();
        for tasks in [1usize, 16] {
            let key = Arc::new(identity(fresh(1)));
            let s = store.clone();
            let rate = timed(N, tasks, move |i| {
                let (s, key) = (s.clone(), key.clone());
                async move {
                    let account = format!("a-{i}");
                    let o = retry(|| s.try_bind(&key, &account, u32::MAX)).await;
                    assert!(matches!(o, BindOutcome::Bound { .. }));
                }
            })
            .await;
            hot.push(rate);
            println!("  correct, one hot key, {N} accounts, cap u32::MAX, {tasks:>2} tasks: {rate:>8.0}/s");
        }
        for tasks in [1usize, 16] {
            let first = fresh(N as u32);
            let s = store.clone();
            let rate = timed(N, tasks, move |i| {
                let s = s.clone();
                async move {
                    let key = identity(first + i as u32);
                    let o = retry(|| s.try_bind(&key, "only", 3)).await;
                    assert!(matches!(o, BindOutcome::Bound { .. }));
                }
            })
            .await;
            println!("  correct, {N} keys, one account each,          {tasks:>2} tasks: {rate:>8.0}/s");
        }

        // Cap 3, 16 tasks, one hot key: both versions.
        let key: Arc<DocumentKey> = Arc::new(identity(fresh(1)));
        let s = store.clone();
        let k = key.clone();
        let correct = timed(N, 16, move |i| {
            let (s, k) = (s.clone(), k.clone());
            async move {
                let account = format!("a-{i}");
                retry(|| s.try_bind(&k, &account, 3)).await;
            }
        })
        .await;
        let over_correct = store.count(&key).await.expect("count").saturating_sub(3);
        let digest = Arc::new(ring.digest(&identity(fresh(1))).as_bytes().to_vec());
        let p = pool.clone();
        let d = digest.clone();
        let naive = timed(N, 16, move |i| {
            let (p, d) = (p.clone(), d.clone());
            async move {
                naive_bind(&p, &d, &format!("a-{i}"), 3).await;
            }
        })
        .await;
        let c = pool.get().await.expect("client");
        let naive_rows: i64 = c
            .query_one("SELECT count(*) FROM naive_bindings WHERE digest = $1", &[&&digest[..]])
            .await
            .expect("count")
            .get(0);
        println!("  cap 3, one hot key, {N} attempts, 16 tasks:");
        println!("    correct: {correct:>8.0}/s, bindings above the cap: {over_correct}");
        println!(
            "    naive:   {naive:>8.0}/s, bindings above the cap: {} (speed {:.2}× the correct one's)",
            (naive_rows - 3).max(0),
            naive / correct
        );

        // Cap 3, 16 tasks racing on each of 300 fresh keys in turn: how
        // often the naive version overshoots.
        const KEYS: usize = 300;
        let mut totals = [(0.0f64, 0u32), (0.0, 0)];
        for (which, total) in totals.iter_mut().enumerate() {
            let first = fresh(KEYS as u32);
            let over = Arc::new(AtomicU32::new(0));
            let start = Instant::now();
            for k in 0..KEYS {
                let key = Arc::new(identity(first + k as u32));
                let digest = Arc::new(ring.digest(&key).as_bytes().to_vec());
                let barrier = Arc::new(tokio::sync::Barrier::new(16));
                let handles: Vec<_> = (0..16)
                    .map(|t| {
                        let (s, p, key, digest, barrier) =
                            (store.clone(), pool.clone(), key.clone(), digest.clone(), barrier.clone());
                        tokio::spawn(async move {
                            barrier.wait().await;
                            let account = format!("r-{t}");
                            if which == 0 {
                                retry(|| s.try_bind(&key, &account, 3)).await;
                            } else {
                                naive_bind(&p, &digest, &account, 3).await;
                            }
                        })
                    })
                    .collect();
                for h in handles {
                    h.await.expect("task");
                }
                let n = if which == 0 {
                    i64::from(store.count(&key).await.expect("count"))
                } else {
                    c.query_one("SELECT count(*) FROM naive_bindings WHERE digest = $1", &[&&digest[..]])
                        .await
                        .expect("count")
                        .get(0)
                };
                if n > 3 {
                    over.fetch_add(u32::try_from(n - 3).unwrap_or(0), Ordering::Relaxed);
                }
            }
            *total = (
                (KEYS * 16) as f64 / start.elapsed().as_secs_f64(),
                over.load(Ordering::Relaxed),
            );
        }
        println!("  cap 3, {KEYS} keys in turn, 16 tasks racing on each:");
        println!("    correct: {:>8.0} attempts/s, bindings above the cap: {}", totals[0].0, totals[0].1);
        println!(
            "    naive:   {:>8.0} attempts/s, bindings above the cap: {} over {KEYS} keys (speed {:.2}× the correct one's)",
            totals[1].0,
            totals[1].1,
            totals[1].0 / totals[0].0
        );
        println!("  hot key, 16 tasks vs 1: {:.2}×", hot[1] / hot[0]);
    });
}
