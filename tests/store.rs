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

mod any_input {
    use super::*;
    use proptest::prelude::*;
    use realname::policy::{MethodKind, Scope};
    use realname::store::{AttemptLedger, AttemptScope, ChangeHistory, FlowRecord, FlowStore};

    proptest! {
        /// Any text as an account, a token, a flow or change id: an answer
        /// or an `InputError`, never a panic; what `check_id` accepts the
        /// store takes, and what it refuses the store refuses.
        #[test]
        fn ids_never_panic(id in "\\PC{0,3}[\\x00-\\x1f\\u{7f}-\\u{9f}]?\\PC{0,3}|.{190,210}|", cap in 0u32..4) {
            let store = MemoryStore::new(Keyring::new(&[1; 32]).unwrap());
            let key = testkit::identity(1);
            let valid = store::check_id("x", &id).is_ok();
            prop_assert_eq!(block_on(store.try_bind(&key, &id, cap)).is_ok(), valid);
            prop_assert_eq!(block_on(store.release(&key, &id)).is_ok(), valid);
            prop_assert_eq!(block_on(store.begin(&id, "c", None, chrono::DateTime::UNIX_EPOCH)).is_ok(), valid);
            prop_assert_eq!(block_on(store.save(&id, None, &FlowRecord::new(0, None, vec![]))).is_ok(), valid);
            prop_assert_eq!(block_on(store.load(&id)).is_ok(), valid);
            let scope = AttemptScope::new(&id, MethodKind::BankCard, Scope::Account, "");
            prop_assert_eq!(scope.is_ok(), valid);
            let scope = AttemptScope::new("acct", MethodKind::CorporateTransfer, Scope::Transfer, &id);
            prop_assert_eq!(scope.is_ok(), valid);
            if let Ok(scope) = scope {
                prop_assert_eq!(block_on(store.consume(&scope, &id, cap)).is_ok(), valid);
            }
        }

        /// A digest depends on every byte of the key and of the secret.
        #[test]
        fn digests_separate(a in 0u32..3_000_000, b in 0u32..3_000_000, s in prop::collection::vec(any::<u8>(), 16..80)) {
            let ring = Keyring::new(&s).unwrap();
            let (ka, kb) = (testkit::identity(a), testkit::identity(b));
            prop_assert_eq!(ring.digest(&ka) == ring.digest(&kb), ka == kb);
            let mut other = s.clone();
            other[0] ^= 1;
            prop_assert_ne!(Keyring::new(&other).unwrap().digest(&ka), ring.digest(&ka));
        }
    }
}
