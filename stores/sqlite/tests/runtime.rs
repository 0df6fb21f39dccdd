//! Calls never block the async runtime that awaits them.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use realname::store::testkit::identity;
use realname::store::{BindOutcome, BindingStore};
use realname_sqlite::SqliteStore;

/// Another connection holds the write lock for 500 ms while 200 binds are
/// queued from a current-thread runtime: a timer task on that one thread
/// keeps ticking, so no bind blocked it, and every bind lands once the
/// lock is let go.
#[tokio::test(flavor = "current_thread")]
async fn a_current_thread_runtime_keeps_ticking() {
    let f = common::File::new();
    let store = Arc::new(SqliteStore::open(&f.path, common::ring()).unwrap());
    let key = identity(900);

    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let path = f.path.clone();
    let holder = std::thread::spawn(move || {
        let mut raw = common::raw(&path);
        let tx = raw
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .unwrap();
        locked_tx.send(()).unwrap();
        std::thread::sleep(Duration::from_millis(500));
        tx.commit().unwrap();
    });
    locked_rx.recv().unwrap();

    let done = Arc::new(AtomicBool::new(false));
    let ticker = tokio::spawn({
        let done = Arc::clone(&done);
        async move {
            let (mut ticks, mut worst) = (0u32, Duration::ZERO);
            let mut last = Instant::now();
            while !done.load(Ordering::Relaxed) {
                tokio::time::sleep(Duration::from_millis(2)).await;
                let now = Instant::now();
                worst = worst.max(now - last);
                last = now;
                ticks += 1;
            }
            (ticks, worst)
        }
    });
    let started = Instant::now();
    let binds: Vec<_> = (0..200)
        .map(|i| {
            let (store, key) = (Arc::clone(&store), key);
            tokio::spawn(async move { store.try_bind(&key, &format!("rt-{i}"), u32::MAX).await })
        })
        .collect();
    let mut bound = 0;
    for b in binds {
        if matches!(b.await.unwrap().unwrap(), BindOutcome::Bound { .. }) {
            bound += 1;
        }
    }
    let took = started.elapsed();
    done.store(true, Ordering::Relaxed);
    let (ticks, worst) = ticker.await.unwrap();
    holder.join().unwrap();

    assert_eq!(bound, 200);
    assert!(
        took >= Duration::from_millis(400),
        "the lock was held: {took:?}"
    );
    assert!(ticks >= 20, "only {ticks} ticks in {took:?}");
    assert!(
        worst < Duration::from_millis(250),
        "the runtime stalled for {worst:?}"
    );
}
