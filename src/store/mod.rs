//! Storage: the traits through which the crate's callers keep bindings,
//! attempts, changes and flows, and an in-memory store.
//!
//! The crate itself never stores anything. A service that wants help with
//! the facts the rules need (how many accounts an identity verified, how
//! many attempts were used, when the subject last changed) implements or
//! picks a store:
//!
//! | trait | keeps | the atomic step |
//! |---|---|---|
//! | [`BindingStore`] | which accounts each identity verified | [`try_bind`](BindingStore::try_bind): check the cap and bind; [`rebind`](BindingStore::rebind) for a change of subject |
//! | [`AttemptLedger`] | attempts used per account, method and scope | [`consume`](AttemptLedger::consume): check the limit and count |
//! | [`ChangeHistory`] | the last completed change of subject, and the open one | [`begin`](ChangeHistory::begin): start if nothing moved since the cooldown was checked |
//! | [`FlowStore`] | saved flows | [`save`](FlowStore::save): compare-and-swap on the revision |
//!
//! The methods are `async` (`fn … -> impl Future<Output = Result<_,
//! Self::Error>> + Send`), for tokio or any other runtime; this crate runs
//! none, and [`block_on`] is only a way to call a store from plain code.
//! Each store's error says whether a retry can help ([`StoreError`]), and
//! every write is idempotent so that a retry never counts twice.
//!
//! No store keeps a document number: each is built with a [`Keyring`] and
//! keeps `HMAC-SHA256(secret, key)` of every [`DocumentKey`](crate::DocumentKey)
//! (see [`digest`](self#keyed-digests) below and [`Keyring`] on rotating the
//! secret).
//!
//! | store | crate | for |
//! |---|---|---|
//! | [`MemoryStore`] | this one | tests, examples |
//! | `SqliteStore` | `realname-sqlite` | one server: the embedded default |
//! | `PgStore` | `realname-postgres` | many servers on one PostgreSQL |
//!
//! With the `testkit` feature, [`testkit`] holds the conformance suite
//! every store runs in its own tests: the semantics above and races of
//! many threads on one key.
//!
//! # Keyed digests
//!
//! A leaked database of digests tells nothing without the secret: an ID
//! number cannot be tested against it. The same secret gives the same
//! digest in every store, so bindings can move between them.

mod attempts;
mod binding;
mod block_on;
mod change;
mod digest;
mod error;
mod flows;
mod memory;
#[cfg(feature = "testkit")]
#[cfg_attr(docsrs, doc(cfg(feature = "testkit")))]
pub mod testkit;

pub use attempts::{AttemptLedger, AttemptScope, Consumed};
pub use binding::{BindOutcome, BindingStore, Rebind, cap_of};
pub use block_on::block_on;
pub use change::{ChangeHistory, ChangeStart, NotStarted, start_change};
pub use digest::{KeyDigest, Keyring, MIN_SECRET_BYTES, WeakSecret, hmac_sha256};
pub use error::{InputError, MAX_ID_BYTES, MemoryError, StoreError, Tampered, check_id};
pub use flows::{Cas, DueFlow, FlowRecord, FlowStore, MAX_DUE};
pub use memory::MemoryStore;
