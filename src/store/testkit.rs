//! The conformance suite every store runs in its own tests.
//!
//! A store's test gives a [`Harness`]: how to open the store on its
//! storage under a keyring, and how to run a future on a thread. The
//! functions here check the semantics the traits document and race many
//! threads on one key; each panics with what went wrong. Run them on empty
//! storage (a new file, a new database).
//!
//! ```
//! use realname::store::testkit::{self, Harness};
//! use realname::store::{Keyring, MemoryStore};
//! use std::sync::{Arc, Mutex};
//!
//! // MemoryStore's harness: one store's contents, rekeyed on each open.
//! struct Memory(Mutex<Option<MemoryStore>>);
//! # struct Shared(Arc<MemoryStore>);
//! impl Harness for Memory {
//!     type Store = MemoryStore;
//!     fn open(&self, ring: Keyring) -> MemoryStore {
//!         let mut slot = self.0.lock().unwrap();
//!         match slot.take() {
//!             Some(old) => old.rekeyed(ring),
//!             None => MemoryStore::new(ring),
//!         }
//!     }
//!     fn close(&self, store: MemoryStore) {
//!         *self.0.lock().unwrap() = Some(store);
//!     }
//!     fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
//!         realname::store::block_on(f)
//!     }
//! }
//! testkit::all(&Memory(Mutex::new(None)));
//! ```

// A test suite: it reports a broken property by panicking, as a test does.
#![allow(clippy::panic)]

use core::future::Future;

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::policy::{MethodKind, Scope, Transition};
use crate::{DocumentKey, ResidentId};

/// How the suite reaches a store.
pub trait Harness: Sync {
    /// The store under test.
    type Store: Sync;

    /// The store on this harness's storage, keyed by `ring`: every call
    /// sees what earlier stores wrote (the same file, the same database).
    fn open(&self, ring: Keyring) -> Self::Store;

    /// Gives back a store the suite is done with, before it opens the
    /// storage again (a store that can be open only once keeps it here).
    fn close(&self, store: Self::Store) {
        drop(store);
    }

    /// Runs `future` to completion on the calling thread, which the suite
    /// may have spawned: `tokio::runtime::Handle::block_on`, or
    /// [`block_on`].
    fn block_on<F: Future>(&self, future: F) -> F::Output;
}

/// The first secret the suite keys stores with.
pub const SECRET_A: [u8; 32] = [0xa5; 32];
/// The secret the suite rotates to.
pub const SECRET_B: [u8; 32] = [0x5b; 32];

fn ring_a() -> Keyring {
    Keyring::new(&SECRET_A).unwrap_or_else(|e| panic!("{e}"))
}

/// The `n`-th identity of the suite: a valid resident ID number, a
/// different one for every `n` below 3,650,000.
///
/// ```
/// use realname::store::testkit::identity;
/// assert_ne!(identity(0), identity(1));
/// ```
#[must_use]
pub fn identity(n: u32) -> DocumentKey {
    let day = chrono::NaiveDate::from_ymd_opt(1950, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(n / 1000 % 3650))))
        .unwrap_or_default();
    let body = format!("110105{}{:03}", day.format_compact(), n % 1000);
    let check = crate::checksum::iso7064_mod11_2(body.as_bytes()).unwrap_or(b'0');
    let number = format!("{body}{}", char::from(check));
    let id: ResidentId = number
        .parse()
        .unwrap_or_else(|e| panic!("testkit identity {number}: {e}"));
    DocumentKey::from(&id)
}

trait Compact {
    fn format_compact(&self) -> String;
}

impl Compact for chrono::NaiveDate {
    fn format_compact(&self) -> String {
        use chrono::Datelike;
        format!("{:04}{:02}{:02}", self.year(), self.month(), self.day())
    }
}

fn at(minute: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_780_000_000 + minute * 60, 0)
        .single()
        .unwrap_or_default()
}

fn ok<T, E: std::fmt::Display>(what: &str, r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// Runs every check.
pub fn all<H: Harness>(h: &H)
where
    H::Store: BindingStore + AttemptLedger + ChangeHistory + FlowStore,
{
    bindings(h);
    bind_races(h);
    churn(h, 400);
    rotation(h);
    attempts(h);
    changes(h);
    flows(h);
    tencent_change(h);
}

/// [`BindingStore`]: binds, retries, the cap, release, rebind, and the
/// input every store refuses.
pub fn bindings<H: Harness>(h: &H)
where
    H::Store: BindingStore,
{
    let s = h.open(ring_a());
    let (k, other) = (identity(1), identity(2));
    h.block_on(async {
        let bind = |key, acct, cap| s.try_bind(key, acct, cap);
        assert_eq!(ok("count", s.count(&k).await), 0);
        assert_eq!(
            ok("bind", bind(&k, "a-1", 0).await),
            BindOutcome::CapReached { count: 0 },
            "cap 0 binds nothing"
        );
        assert_eq!(
            ok("bind", bind(&k, "a-1", 2).await),
            BindOutcome::Bound { count: 1 }
        );
        assert_eq!(
            ok("bind", bind(&k, "a-1", 2).await),
            BindOutcome::AlreadyBound { count: 1 },
            "a retried bind counts once"
        );
        assert_eq!(
            ok("bind", bind(&k, "账号-２", 2).await),
            BindOutcome::Bound { count: 2 },
            "multi-byte accounts"
        );
        assert_eq!(
            ok("bind", bind(&k, "a-3", 2).await),
            BindOutcome::CapReached { count: 2 }
        );
        assert_eq!(
            ok("bind", bind(&k, "a-1", 1).await),
            BindOutcome::AlreadyBound { count: 2 },
            "a lowered cap keeps a bound account bound"
        );
        assert_eq!(ok("count", s.count(&k).await), 2);
        assert_eq!(ok("count", s.count(&other).await), 0, "keys are separate");
        assert!(ok("release", s.release(&k, "a-1").await));
        assert!(
            !ok("release", s.release(&k, "a-1").await),
            "a second release removes nothing"
        );
        assert!(!ok("release", s.release(&other, "a-3").await));
        assert_eq!(
            ok("bind", bind(&k, "a-3", 2).await),
            BindOutcome::Bound { count: 2 },
            "a released slot is usable again"
        );

        // Rebind: all or nothing.
        assert_eq!(
            ok("bind", bind(&other, "b-1", 1).await),
            BindOutcome::Bound { count: 1 }
        );
        let r = ok("rebind", s.rebind(&k, &other, "a-3", 1).await);
        assert_eq!(
            r,
            Rebind {
                bind: BindOutcome::CapReached { count: 1 },
                released: false
            }
        );
        assert_eq!(
            ok("count", s.count(&k).await),
            2,
            "a refused rebind keeps the old binding"
        );
        let r = ok("rebind", s.rebind(&k, &other, "a-3", 2).await);
        assert_eq!(
            r,
            Rebind {
                bind: BindOutcome::Bound { count: 2 },
                released: true
            }
        );
        assert_eq!(
            (
                ok("count", s.count(&k).await),
                ok("count", s.count(&other).await)
            ),
            (1, 2)
        );
        let r = ok("rebind", s.rebind(&k, &other, "a-3", 2).await);
        assert_eq!(
            r,
            Rebind {
                bind: BindOutcome::AlreadyBound { count: 2 },
                released: false
            },
            "a retried rebind"
        );
        let r = ok("rebind", s.rebind(&other, &other, "a-3", 2).await);
        assert_eq!(
            r,
            Rebind {
                bind: BindOutcome::AlreadyBound { count: 2 },
                released: false
            },
            "same identity"
        );
        let r = ok(
            "rebind",
            s.rebind(&identity(3), &identity(4), "c-1", 1).await,
        );
        assert_eq!(
            r,
            Rebind {
                bind: BindOutcome::Bound { count: 1 },
                released: false
            },
            "nothing to release"
        );

        // Input every store refuses, before touching storage.
        for (bad, code) in [
            ("", "store_empty_input"),
            ("a\nb", "store_control_character"),
            (&*"x".repeat(MAX_ID_BYTES + 1), "store_input_too_long"),
        ] {
            let e = s
                .try_bind(&k, bad, 5)
                .await
                .err()
                .unwrap_or_else(|| panic!("account {bad:?} accepted"));
            assert_eq!(e.code(), code);
            assert!(!e.retryable());
            assert!(s.release(&k, bad).await.is_err());
            assert!(s.rebind(&k, &other, bad, 5).await.is_err());
        }
        assert!(
            s.try_bind(&k, &"é".repeat(MAX_ID_BYTES / 2), 5)
                .await
                .is_ok(),
            "the limit counts bytes"
        );
    });
    h.close(s);
}

/// 16 threads bind 16 accounts to one key at once, for caps 1, 3 and 5;
/// then 16 threads retry one account's bind.
pub fn bind_races<H: Harness>(h: &H)
where
    H::Store: BindingStore,
{
    let s = h.open(ring_a());
    for (i, cap) in [1u32, 3, 5].into_iter().enumerate() {
        let key = identity(100 + i as u32);
        let outcomes: Vec<BindOutcome> = std::thread::scope(|scope| {
            let threads: Vec<_> = (0..16)
                .map(|t| {
                    let (s, key) = (&s, &key);
                    scope.spawn(move || {
                        let account = format!("race-{cap}-{t}");
                        h.block_on(retrying(|| s.try_bind(key, &account, cap)))
                    })
                })
                .collect();
            threads
                .into_iter()
                .map(|t| t.join().unwrap_or_else(|_| panic!("binder panicked")))
                .collect()
        });
        let bound = outcomes
            .iter()
            .filter(|o| matches!(o, BindOutcome::Bound { .. }))
            .count() as u32;
        for o in &outcomes {
            assert!(
                o.count() <= cap,
                "cap {cap}: an answer counted {}",
                o.count()
            );
            assert!(
                !matches!(o, BindOutcome::AlreadyBound { .. }),
                "cap {cap}: {o:?} for a new account"
            );
        }
        let count = h.block_on(retrying(|| s.count(&key)));
        assert_eq!(bound, cap, "cap {cap}: {bound} binders won");
        assert_eq!(count, cap, "cap {cap}: the store counts {count}");
    }
    let key = identity(110);
    let outcomes: Vec<BindOutcome> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..16)
            .map(|_| scope.spawn(|| h.block_on(retrying(|| s.try_bind(&key, "retried", 3)))))
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|_| panic!("binder panicked")))
            .collect()
    });
    let bound = outcomes
        .iter()
        .filter(|o| matches!(o, BindOutcome::Bound { .. }))
        .count();
    assert_eq!(bound, 1, "one of 16 retries binds: {outcomes:?}");
    assert!(outcomes.iter().all(|o| o.count() == 1), "{outcomes:?}");
    h.close(s);
}

/// Calls `f` again while its error says a retry can help (at most 50
/// times): what a caller does under contention.
///
/// ```
/// use realname::store::{block_on, testkit::retrying, MemoryError};
/// assert_eq!(block_on(retrying(|| async { Ok::<_, MemoryError>(3) })), 3);
/// ```
///
/// # Panics
///
/// On an error that is not retryable, or one that persists.
pub async fn retrying<T, E, F, Fut>(mut f: F) -> T
where
    E: StoreError,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut last = None;
    for _ in 0..50 {
        match f().await {
            Ok(v) => return v,
            Err(e) if e.retryable() => {
                last = Some(e.to_string());
                std::thread::yield_now();
            }
            Err(e) => panic!("{} ({})", e, e.code()),
        }
    }
    panic!("still failing after 50 tries: {}", last.unwrap_or_default())
}

/// A small deterministic generator, so that a failure repeats.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// 8 threads bind and release their own accounts on 4 keys with a cap of
/// 3, `ops` times each; every answer stays within the cap, and the store's
/// counts equal the bindings the threads were told they hold.
pub fn churn<H: Harness>(h: &H, ops: u32)
where
    H::Store: BindingStore,
{
    const CAP: u32 = 3;
    let s = h.open(ring_a());
    let keys: Vec<DocumentKey> = (0..4).map(|i| identity(200 + i)).collect();
    let held: Vec<Vec<(usize, String)>> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..8u64)
            .map(|t| {
                let (s, keys) = (&s, &keys);
                scope.spawn(move || {
                    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15 ^ (t + 1));
                    let mut mine: Vec<(usize, String)> = Vec::new();
                    for _ in 0..ops {
                        let k = (rng.next() % 4) as usize;
                        let account = format!("churn-{t}-{}", rng.next() % 6);
                        let bound = mine.iter().position(|(kk, a)| *kk == k && *a == account);
                        let Some(key) = keys.get(k) else { continue };
                        match bound {
                            Some(i) if rng.next().is_multiple_of(2) => {
                                let removed = h.block_on(retrying(|| s.release(key, &account)));
                                assert!(removed, "{account} was bound and not released");
                                mine.swap_remove(i);
                            }
                            _ => {
                                let o = h.block_on(retrying(|| s.try_bind(key, &account, CAP)));
                                assert!(o.count() <= CAP, "cap exceeded: {o:?}");
                                match (o, bound) {
                                    (BindOutcome::Bound { .. }, None) => mine.push((k, account)),
                                    (BindOutcome::AlreadyBound { .. }, Some(_))
                                    | (BindOutcome::CapReached { .. }, None) => {}
                                    (o, b) => {
                                        panic!("{o:?} for {account}, bound before: {}", b.is_some())
                                    }
                                }
                            }
                        }
                    }
                    mine
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|_| panic!("churner panicked")))
            .collect()
    });
    for (k, key) in keys.iter().enumerate() {
        let expected = held.iter().flatten().filter(|(kk, _)| *kk == k).count() as u32;
        let count = h.block_on(retrying(|| s.count(key)));
        assert_eq!(
            count, expected,
            "key {k}: the store counts {count}, the threads hold {expected}"
        );
    }
    h.close(s);
}

/// Rotating the secret: bindings made under the old secret are found and
/// moved by a store keyed with [`Keyring::rotating`], and then found under
/// the new secret alone.
pub fn rotation<H: Harness>(h: &H)
where
    H::Store: BindingStore,
{
    let (moved, untouched) = (identity(300), identity(301));
    let (bound_first, released, rebound) = (identity(302), identity(303), identity(304));
    let s = h.open(ring_a());
    h.block_on(async {
        ok("bind", s.try_bind(&moved, "r-1", 3).await);
        ok("bind", s.try_bind(&moved, "r-2", 3).await);
        ok("bind", s.try_bind(&untouched, "r-3", 3).await);
        ok("bind", s.try_bind(&bound_first, "r-1", 3).await);
        ok("bind", s.try_bind(&bound_first, "r-2", 3).await);
        ok("bind", s.try_bind(&bound_first, "r-3", 3).await);
        ok("bind", s.try_bind(&released, "r-1", 3).await);
        ok("bind", s.try_bind(&rebound, "r-1", 1).await);
    });
    h.close(s);
    let s = h.open(Keyring::rotating(&SECRET_B, &SECRET_A).unwrap_or_else(|e| panic!("{e}")));
    h.block_on(async {
        // Each operation, as the first call on its identity while
        // rotating, must find the rows under the old digest.
        assert_eq!(
            ok("bind", s.try_bind(&bound_first, "r-4", 3).await),
            BindOutcome::CapReached { count: 3 },
            "a bind counts the old digest's bindings against the cap"
        );
        assert!(
            ok("release", s.release(&released, "r-1").await),
            "a release finds a binding under the old digest"
        );
        assert_eq!(ok("count", s.count(&released).await), 0);
        assert_eq!(
            ok("rebind", s.rebind(&rebound, &identity(305), "r-1", 1).await),
            Rebind {
                bind: BindOutcome::Bound { count: 1 },
                released: true
            },
            "a rebind releases a binding under the old digest"
        );
        assert_eq!(
            ok("bind", s.try_bind(&moved, "r-1", 3).await),
            BindOutcome::AlreadyBound { count: 2 },
            "old digests are found while rotating"
        );
        assert_eq!(
            ok("bind", s.try_bind(&moved, "r-4", 3).await),
            BindOutcome::Bound { count: 3 }
        );
        assert_eq!(
            ok("bind", s.try_bind(&moved, "r-5", 3).await),
            BindOutcome::CapReached { count: 3 },
            "the cap counts both digests' bindings"
        );
    });
    h.close(s);
    let s = h.open(Keyring::new(&SECRET_B).unwrap_or_else(|e| panic!("{e}")));
    h.block_on(async {
        assert_eq!(
            ok("count", s.count(&moved).await),
            3,
            "moved under the new secret"
        );
        assert_eq!(
            ok("count", s.count(&untouched).await),
            0,
            "not seen while rotating, so still under the old secret"
        );
        assert_eq!(ok("count", s.count(&bound_first).await), 3);
        assert_eq!(ok("count", s.count(&rebound).await), 0);
    });
    h.close(s);
}

/// [`AttemptLedger`]: the limit, retried tokens, separate scopes, reset,
/// and 16 threads consuming one scope at once.
pub fn attempts<H: Harness>(h: &H)
where
    H::Store: AttemptLedger,
{
    let s = h.open(ring_a());
    let scope =
        |a: &str, m, sc, i: &str| AttemptScope::new(a, m, sc, i).unwrap_or_else(|e| panic!("{e}"));
    let bank = scope("acct-1", MethodKind::BankCard, Scope::Account, "");
    let face = scope("acct-1", MethodKind::Face, Scope::Account, "");
    let other = scope("acct-2", MethodKind::BankCard, Scope::Account, "");
    let t1 = scope(
        "acct-1",
        MethodKind::CorporateTransfer,
        Scope::Transfer,
        "t-1",
    );
    let t2 = scope(
        "acct-1",
        MethodKind::CorporateTransfer,
        Scope::Transfer,
        "t-2",
    );
    let chg = scope(
        "acct-1",
        MethodKind::BankCard,
        Scope::ChangeRequest(Transition::IndividualToIndividual),
        "c-1",
    );
    h.block_on(async {
        for i in 1..=3 {
            assert_eq!(
                ok("consume", s.consume(&bank, &format!("k{i}"), 3).await),
                Consumed::Counted { used: i }
            );
        }
        assert_eq!(
            ok("consume", s.consume(&bank, "k2", 3).await),
            Consumed::AlreadyCounted { used: 3 },
            "a retried token counts once"
        );
        assert_eq!(
            ok("consume", s.consume(&bank, "k4", 3).await),
            Consumed::Exhausted { used: 3 }
        );
        assert_eq!(
            ok("consume", s.consume(&bank, "k4", 4).await),
            Consumed::Counted { used: 4 },
            "an exhausted try did not count"
        );
        assert_eq!(ok("used", s.used(&bank).await), 4);
        for sc in [&face, &other, &t1, &chg] {
            assert_eq!(ok("used", s.used(sc).await), 0, "{sc:?} is separate");
        }
        assert_eq!(
            ok("consume", s.consume(&t1, "k1", 2).await),
            Consumed::Counted { used: 1 },
            "tokens are per scope"
        );
        assert_eq!(
            ok("consume", s.consume(&chg, "k1", 1).await),
            Consumed::Counted { used: 1 }
        );
        assert_eq!(
            ok("consume", s.consume(&chg, "k2", 1).await),
            Consumed::Exhausted { used: 1 }
        );
        assert_eq!(ok("reset", s.reset(&chg).await), 1);
        assert_eq!(ok("used", s.used(&chg).await), 0);
        assert_eq!(ok("reset", s.reset(&chg).await), 0);
        assert_eq!(
            ok("consume", s.consume(&chg, "k2", 1).await),
            Consumed::Counted { used: 1 },
            "a reset starts again"
        );
        assert_eq!(ok("used", s.used(&t2).await), 0);
        assert_eq!(
            ok("consume", s.consume(&t2, "k1", 0).await),
            Consumed::Exhausted { used: 0 }
        );
        for (bad, code) in [
            ("", "store_empty_input"),
            ("a\u{7f}", "store_control_character"),
        ] {
            let e = s
                .consume(&face, bad, 3)
                .await
                .err()
                .unwrap_or_else(|| panic!("token {bad:?} accepted"));
            assert_eq!(e.code(), code);
        }
    });
    let race = scope("acct-race", MethodKind::BankCard, Scope::Account, "");
    let counted: u32 = std::thread::scope(|sc| {
        let threads: Vec<_> = (0..16)
            .map(|t| {
                let (s, race) = (&s, &race);
                sc.spawn(move || {
                    let mut mine = 0;
                    for i in 0..4 {
                        let token = format!("r{t}-{i}");
                        match h.block_on(retrying(|| s.consume(race, &token, 10))) {
                            Consumed::Counted { used } => {
                                assert!(used <= 10, "limit exceeded: {used}");
                                mine += 1;
                            }
                            Consumed::Exhausted { used } => assert_eq!(used, 10),
                            o => panic!("{o:?} for a new token"),
                        }
                    }
                    mine
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|_| panic!("consumer panicked")))
            .sum()
    });
    assert_eq!(counted, 10, "64 tries at a limit of 10 counted {counted}");
    assert_eq!(h.block_on(retrying(|| s.used(&race))), 10);
    h.close(s);
}

/// [`ChangeHistory`]: begin, retry, one open change at a time, stale
/// checks, complete, abandon; 16 threads starting changes at once.
pub fn changes<H: Harness>(h: &H)
where
    H::Store: ChangeHistory,
{
    let s = h.open(ring_a());
    h.block_on(async {
        assert_eq!(ok("last", s.last_completed("c-acct").await), None);
        assert_eq!(ok("open", s.open_change("c-acct").await), None);
        assert_eq!(
            ok("begin", s.begin("c-acct", "chg-1", None, at(0)).await),
            ChangeStart::Started
        );
        assert_eq!(
            ok("begin", s.begin("c-acct", "chg-1", None, at(1)).await),
            ChangeStart::AlreadyStarted
        );
        assert_eq!(
            ok("open", s.open_change("c-acct").await),
            Some(("chg-1".to_owned(), at(0))),
            "the first start's time is kept"
        );
        assert_eq!(
            ok("begin", s.begin("c-acct", "chg-2", None, at(1)).await),
            ChangeStart::Busy {
                open: "chg-1".into()
            }
        );
        assert!(
            !ok("complete", s.complete("c-acct", "chg-2", at(2)).await),
            "only the open change completes"
        );
        assert!(ok("complete", s.complete("c-acct", "chg-1", at(2)).await));
        assert!(
            !ok("complete", s.complete("c-acct", "chg-1", at(3)).await),
            "completing twice"
        );
        assert_eq!(ok("last", s.last_completed("c-acct").await), Some(at(2)));
        assert_eq!(
            ok("begin", s.begin("c-acct", "chg-2", None, at(4)).await),
            ChangeStart::Stale { last: Some(at(2)) }
        );
        assert_eq!(
            ok(
                "begin",
                s.begin("c-acct", "chg-2", Some(at(2)), at(4)).await
            ),
            ChangeStart::Started
        );
        assert!(ok("abandon", s.abandon("c-acct", "chg-2").await));
        assert!(!ok("abandon", s.abandon("c-acct", "chg-2").await));
        assert_eq!(
            ok("last", s.last_completed("c-acct").await),
            Some(at(2)),
            "an abandoned change does not count"
        );
        assert_eq!(ok("last", s.last_completed("other").await), None);
        // Times to the microsecond; a caller's nanoseconds still match.
        let fine = at(20) + chrono::Duration::nanoseconds(123_456_789);
        assert_eq!(
            ok("begin", s.begin("c-fine", "chg-1", None, fine).await),
            ChangeStart::Started
        );
        assert_eq!(
            ok("open", s.open_change("c-fine").await),
            Some(("chg-1".to_owned(), to_micros(fine)))
        );
        assert!(ok("complete", s.complete("c-fine", "chg-1", fine).await));
        assert_eq!(
            ok("last", s.last_completed("c-fine").await),
            Some(to_micros(fine))
        );
        assert_eq!(
            ok("begin", s.begin("c-fine", "chg-2", Some(fine), fine).await),
            ChangeStart::Started,
            "compared after the cut"
        );
        assert!(s.begin("c-acct", "", Some(at(2)), at(5)).await.is_err());
        assert!(s.last_completed("").await.is_err());
    });
    let started: usize = std::thread::scope(|sc| {
        let threads: Vec<_> = (0..16)
            .map(|t| {
                let s = &s;
                sc.spawn(move || {
                    let id = format!("race-{t}");
                    h.block_on(retrying(|| s.begin("c-race", &id, None, at(10))))
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|_| panic!("starter panicked")))
            .filter(|o| {
                assert!(
                    matches!(o, ChangeStart::Started | ChangeStart::Busy { .. }),
                    "{o:?}"
                );
                *o == ChangeStart::Started
            })
            .count()
    });
    assert_eq!(started, 1, "16 concurrent starts opened {started} changes");
    h.close(s);
}

/// [`FlowStore`]: create, compare-and-swap, load, the deadline listing;
/// 16 threads saving over one revision at once.
pub fn flows<H: Harness>(h: &H)
where
    H::Store: FlowStore,
{
    let s = h.open(ring_a());
    let rec =
        |rev, due: Option<i64>, state: &[u8]| FlowRecord::new(rev, due.map(at), state.to_vec());
    h.block_on(async {
        assert_eq!(ok("load", s.load("f-1").await), None);
        assert_eq!(
            ok("save", s.save("f-1", Some(0), &rec(1, None, b"x")).await),
            Cas::Conflict { current: None }
        );
        assert_eq!(
            ok("save", s.save("f-1", None, &rec(0, Some(5), b"v0")).await),
            Cas::Saved
        );
        assert_eq!(
            ok("save", s.save("f-1", None, &rec(0, None, b"again")).await),
            Cas::Conflict { current: Some(0) }
        );
        assert_eq!(
            ok(
                "save",
                s.save("f-1", Some(0), &rec(1, Some(7), b"v1")).await
            ),
            Cas::Saved
        );
        assert_eq!(
            ok(
                "save",
                s.save("f-1", Some(0), &rec(2, None, b"stale")).await
            ),
            Cas::Conflict { current: Some(1) }
        );
        assert_eq!(
            ok("load", s.load("f-1").await),
            Some(rec(1, Some(7), b"v1"))
        );
        assert_eq!(
            ok(
                "save",
                s.save("f-1", Some(0), &rec(1, Some(7), b"v1")).await
            ),
            Cas::Saved,
            "a retried save of the stored record (its first try committed) is saved"
        );
        assert_eq!(
            ok(
                "save",
                s.save("f-1", Some(0), &rec(1, Some(7), b"other")).await
            ),
            Cas::Conflict { current: Some(1) },
            "another writer's record at the same revision is a conflict"
        );
        assert_eq!(
            ok("save", s.save("f-1", Some(0), &rec(1, None, b"v1")).await),
            Cas::Conflict { current: Some(1) },
            "so is one with another deadline"
        );
        let e = s
            .save("f-1", Some(1), &rec(1, None, b"same"))
            .await
            .err()
            .unwrap_or_else(|| panic!("an unchanged revision was saved"));
        assert_eq!(e.code(), "store_revision_not_advanced");
        let big: Vec<u8> = (0..70_000u32).map(|i| (i % 251) as u8).collect();
        assert_eq!(
            ok("save", s.save("f-1", Some(1), &rec(5, Some(7), &big)).await),
            Cas::Saved,
            "revisions may skip"
        );
        assert_eq!(
            ok("load", s.load("f-1").await).map(|r| r.state),
            Some(big),
            "states are kept byte for byte"
        );

        let fine = FlowRecord::new(
            0,
            Some(
                Utc.timestamp_opt(1_780_000_000, 123_456_789)
                    .single()
                    .unwrap_or_default(),
            ),
            vec![],
        );
        assert_eq!(ok("save", s.save("f-fine", None, &fine).await), Cas::Saved);
        assert_eq!(
            ok("load", s.load("f-fine").await),
            Some(fine),
            "deadlines to the microsecond"
        );

        assert_eq!(
            ok("save", s.save("f-2", None, &rec(0, Some(3), b"")).await),
            Cas::Saved
        );
        assert_eq!(
            ok("save", s.save("f-3", None, &rec(0, None, b"")).await),
            Cas::Saved
        );
        assert_eq!(
            ok("save", s.save("f-4", None, &rec(0, Some(60), b"")).await),
            Cas::Saved
        );
        assert_eq!(
            ok("save", s.save("流程-5", None, &rec(0, Some(7), b"")).await),
            Cas::Saved
        );
        let ids = |v: Vec<DueFlow>| v.into_iter().map(|d| d.id).collect::<Vec<_>>();
        assert_eq!(
            ids(ok("due", s.due(at(7), 10).await)),
            ["f-fine", "f-2", "f-1", "流程-5"],
            "earliest first, then by id"
        );
        assert_eq!(ids(ok("due", s.due(at(7), 2).await)), ["f-fine", "f-2"]);
        assert_eq!(
            ids(ok("due", s.due(at(-1), 10).await)),
            Vec::<String>::new()
        );
        assert_eq!(
            ids(ok("due", s.due(at(3), 10).await)),
            ["f-fine", "f-2"],
            "a deadline at now is due"
        );
        assert_eq!(ok("due", s.due(at(7), 0).await), vec![]);
        assert!(s.save("", None, &rec(0, None, b"")).await.is_err());
        assert!(s.load("a\u{0}").await.is_err());
    });
    let winners: Vec<usize> = std::thread::scope(|sc| {
        let start = rec(0, None, b"start");
        h.block_on(retrying(|| s.save("f-race", None, &start)));
        let threads: Vec<_> = (0..16usize)
            .map(|t| {
                let s = &s;
                sc.spawn(move || {
                    let state = format!("writer {t}").into_bytes();
                    let r = FlowRecord::new(1, None, state);
                    (t, h.block_on(retrying(|| s.save("f-race", Some(0), &r))))
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|_| panic!("writer panicked")))
            .filter(|(_, o)| {
                assert!(
                    matches!(o, Cas::Saved | Cas::Conflict { current: Some(1) }),
                    "{o:?}"
                );
                o.is_saved()
            })
            .map(|(t, _)| t)
            .collect()
    });
    assert_eq!(
        winners.len(),
        1,
        "16 writers over one revision: {} won",
        winners.len()
    );
    let stored = h.block_on(retrying(|| s.load("f-race")));
    assert_eq!(
        stored.map(|r| r.state),
        winners.first().map(|t| format!("writer {t}").into_bytes()),
        "the winner's state is stored"
    );
    h.close(s);
}

/// A change of subject end to end, as Tencent Cloud runs it: three
/// accounts verify with one ID under the cap of 3 and a fourth is refused;
/// one of the three changes to another ID (a [`SubjectChange`](crate::flow::SubjectChange)
/// whose [`Action::Rebind`](crate::flow::Action::Rebind) the store answers,
/// recorded with [`ChangeHistory`]), which frees its place, and the fourth
/// binds; a second change within Tencent's month is refused, and allowed
/// after it.
pub fn tencent_change<H: Harness>(h: &H)
where
    H::Store: BindingStore + ChangeHistory,
{
    use crate::calendar::ChinaMainland;
    use crate::flow::{Action, ChangeEvent as E, Status, SubjectChange, SubjectRole};
    use crate::policy::Provider;
    use crate::rules::check_change;

    let s = h.open(ring_a());
    let tencent = Provider::Tencent.profile();
    let cal = &ChinaMainland::default();
    let t = Transition::IndividualToIndividual;
    let (first, second) = (identity(400), identity(401));
    let now = at(100);
    let rule = |now| move |last| check_change(tencent, t, last, now, cal);
    h.block_on(async {
        for n in 1..=3 {
            let got = ok("bind", s.try_bind(&first, &format!("t-{n}"), 3).await);
            assert_eq!(got, BindOutcome::Bound { count: n });
        }
        assert_eq!(
            ok("bind", s.try_bind(&first, "t-4", 3).await),
            BindOutcome::CapReached { count: 3 }
        );

        // t-2 changes to another person.
        if let Err(e) = start_change(&s, "t-2", "chg-1", now, rule(now)).await {
            panic!("the first change did not start: {e}");
        }
        let last = ok("last", s.last_completed("t-2").await);
        let (mut flow, _) = ok("start", SubjectChange::start(tencent, t, last, now, cal));
        let step = ok(
            "choose",
            flow.handle(
                E::Choose {
                    method: MethodKind::Face,
                },
                now,
                cal,
            ),
        );
        let [
            Action::VerifySubject {
                id,
                role: SubjectRole::New,
                ..
            },
        ] = step.actions[..]
        else {
            panic!("{:?}", step.actions)
        };
        let step = ok(
            "checked",
            flow.handle(
                E::Checked {
                    id,
                    passed: true,
                    reason: None,
                },
                at(101),
                cal,
            ),
        );
        let [Action::Rebind { id, cap }] = step.actions[..] else {
            panic!("{:?}", step.actions)
        };
        assert_eq!(cap, Some(3));
        let r = ok(
            "rebind",
            s.rebind(&first, &second, "t-2", cap_of(cap)).await,
        );
        assert_eq!(
            r,
            Rebind {
                bind: BindOutcome::Bound { count: 1 },
                released: true
            }
        );
        let step = ok(
            "rebound",
            flow.handle(
                E::Rebound {
                    id,
                    outcome: r.bind.into(),
                },
                at(102),
                cal,
            ),
        );
        assert_eq!(step.status, Status::Verified);
        assert!(ok("complete", s.complete("t-2", "chg-1", at(102)).await));
        assert_eq!(
            ok("count", s.count(&first).await),
            2,
            "the old ID's place is free"
        );
        assert_eq!(ok("count", s.count(&second).await), 1);
        assert_eq!(
            ok("bind", s.try_bind(&first, "t-4", 3).await),
            BindOutcome::Bound { count: 3 },
            "the fourth account now binds"
        );

        // Within Tencent's month a second change is refused, and nothing
        // is recorded; after it, the change starts.
        let later = at(102 + 20 * 24 * 60);
        match start_change(&s, "t-2", "chg-2", later, rule(later)).await {
            Err(NotStarted::Refused(r)) => assert_eq!(r.code(), "change_cooldown"),
            other => panic!("a change within the month: {other:?}"),
        }
        assert_eq!(ok("open", s.open_change("t-2").await), None);
        let month = at(102 + 31 * 24 * 60);
        if let Err(e) = start_change(&s, "t-2", "chg-2", month, rule(month)).await {
            panic!("a change after the month did not start: {e}");
        }
    });
    h.close(s);
}
