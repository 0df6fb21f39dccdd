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
//! # A flow's bind, answered by a store
//!
//! Four people verify with Tencent Cloud's face method using one ID card;
//! the cap of 3 accounts per card turns the fourth away, however many
//! servers handle them at once.
//!
//! ```
//! use chrono::{Duration, TimeZone, Utc};
//! use realname::calendar::ChinaMainland;
//! use realname::flow::{Action, AutoEvent as E, AutomaticCheck, Status, Submission};
//! use realname::policy::{MethodKind, Provider};
//! use realname::store::{BindingStore, Keyring, MemoryStore, block_on, cap_of};
//! use realname::{DocumentKey, ResidentId};
//!
//! let cal = ChinaMainland::default();
//! let store = MemoryStore::new(Keyring::new(b"kept in the service's secret manager")?);
//! let key = DocumentKey::from(&"11010519491231002X".parse::<ResidentId>()?);
//! let t0 = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
//!
//! let verify = |account: &str| -> Result<Status, Box<dyn std::error::Error>> {
//!     let (mut flow, _) = AutomaticCheck::start(Provider::Tencent.profile(), MethodKind::Face, 0, t0)?;
//!     let mut step = flow.handle(E::Submit(Submission::individual()), t0, &cal)?;
//!     // Answer each action the flow asks for, as a service's driver does.
//!     while let Some(action) = step.actions.first().cloned() {
//!         let now = t0 + Duration::minutes(flow.revision() as i64);
//!         let event = match action {
//!             Action::StartLiveness { id, .. } => E::Liveness { id, passed: true, reason: None },
//!             Action::CheckIdentity { id } => E::Checked { id, matched: true, reason: None },
//!             Action::SendSmsCode { id } => E::SmsCode { id, confirmed: true },
//!             Action::Bind { id, cap } => {
//!                 let outcome = block_on(store.try_bind(&key, account, cap_of(cap)))?;
//!                 E::Bound { id, outcome: outcome.into() }
//!             }
//!             other => panic!("not in this example: {other:?}"),
//!         };
//!         step = flow.handle(event, now, &cal)?;
//!     }
//!     Ok(step.status)
//! };
//! for account in ["acct-1", "acct-2", "acct-3"] {
//!     assert_eq!(verify(account)?, Status::Verified);
//! }
//! assert_eq!(verify("acct-4")?, Status::Failed);
//! assert_eq!(block_on(store.count(&key))?, 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
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
mod time;

pub use attempts::{AttemptLedger, AttemptScope, Consumed};
pub use binding::{BindOutcome, BindingStore, Rebind, cap_of};
pub use block_on::block_on;
pub use change::{ChangeHistory, ChangeStart, NotStarted, start_change};
pub use digest::{KeyDigest, Keyring, MIN_SECRET_BYTES, WeakSecret, hmac_sha256};
pub use error::{InputError, MAX_ID_BYTES, MemoryError, StoreError, Tampered, check_id};
pub use flows::{Cas, DueFlow, FlowRecord, FlowStore, MAX_DUE, check_save};
pub use memory::MemoryStore;
pub use time::to_micros;
