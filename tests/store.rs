//! MemoryStore against the conformance suite, and what the suite cannot
//! see from outside: digests, masking, the flow glue.

use std::sync::Mutex;

use realname::store::testkit::{self, Harness};
use realname::store::{self, BindingStore, Keyring, MemoryStore, block_on};
use realname::{DocumentKey, ResidentId};

struct Memory(Mutex<Option<MemoryStore>>);

impl Harness for Memory {
    type Store = MemoryStore;
    fn open(&self, ring: Keyring) -> MemoryStore {
        match self.0.lock().unwrap().take() {
            Some(old) => old.rekeyed(ring),
            None => MemoryStore::new(ring),
        }
    }
    fn close(&self, store: MemoryStore) {
        *self.0.lock().unwrap() = Some(store);
    }
    fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        block_on(f)
    }
}

#[test]
fn memory_store_passes_the_testkit() {
    testkit::all(&Memory(Mutex::new(None)));
}

#[test]
fn longer_churn() {
    testkit::churn(&Memory(Mutex::new(None)), 5_000);
}

#[test]
fn digests_are_keyed_and_masked() {
    let id: ResidentId = "11010519491231002X".parse().unwrap();
    let key = DocumentKey::from(&id);
    let ring = Keyring::new(&testkit::SECRET_A).unwrap();
    let d = ring.digest(&key);
    assert!(!format!("{d:?}").contains("1949"));
    assert_eq!(d, Keyring::new(&testkit::SECRET_A).unwrap().digest(&key));
    // The old 15-digit number is the same identity, so the same digest.
    let legacy: realname::LegacyResidentId = "110105491231002".parse().unwrap();
    assert_eq!(ring.digest(&DocumentKey::from(legacy)), d);
    // HMAC(secret, domain || key bytes): another secret, another digest.
    assert_ne!(Keyring::new(&testkit::SECRET_B).unwrap().digest(&key), d);
    let store = MemoryStore::new(ring);
    block_on(store.try_bind(&key, "acct", 1)).unwrap();
    let shown = format!("{store:?}");
    assert!(
        !shown.contains("11010519491231002X") && !shown.contains("acct"),
        "{shown}"
    );
}

#[test]
fn a_store_outcome_answers_a_flow() {
    use realname::flow::BindOutcome as Told;
    let key = testkit::identity(9);
    let store = MemoryStore::new(Keyring::new(&[3; 32]).unwrap());
    let o = block_on(store.try_bind(&key, "a", store::cap_of(Some(1)))).unwrap();
    assert_eq!(Told::from(o), Told::Bound);
    let o = block_on(store.try_bind(&key, "b", store::cap_of(Some(1)))).unwrap();
    assert_eq!(Told::from(o), Told::CapReached);
}
