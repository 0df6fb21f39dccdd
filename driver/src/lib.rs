//! A crash-safe driver for [`realname`]'s verification flows.
//!
//! A flow is a sans-IO state machine: it says what to do and the caller
//! reports what happened. This crate is the caller a service needs: it
//! delivers an event to a flow, saves the new state with compare-and-swap
//! on any [`realname::store`] (the in-memory store, `realname-sqlite`,
//! `realname-postgres`), performs the step's actions through the
//! [`realname::transport`] traits as an outbox, and feeds the answers
//! back until the flow waits for the applicant, a party or the time. See
//! [`Driver`] for the guarantees and a whole run.
//!
//! | step | what is saved | after a crash |
//! |---|---|---|
//! | an event arrives | the new state, with its actions as *pending* | nothing was done: the caller retries the request (its request key makes it once) |
//! | an attempt is counted | the ledger, under `{flow}/use-{n}`, before the state | counted once, never refunded |
//! | an action is performed | the action *waiting*, or its answer handled and the action *done*, in one save | [`Driver::recover`] performs it again under the same key `{flow}/{action}` |
//! | a deadline passes | — | [`Driver::sweep`] applies it |
//!
//! The driver runs the crate's four machines ([`Drivable`]). A change of
//! subject (`SubjectChange`) asks for the new subject's check and a
//! rebind, which a service drives with its own code on the same store;
//! this driver refuses its actions ([`DriverError::Unsupported`]).
#![forbid(unsafe_code)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod case;
mod driver;
mod error;
mod machine;
mod outbox;

pub use case::{Case, Cases, MemoryCases, PayeeAccount};
pub use driver::{Driver, DriverStore, MAX_TRIES, POLL_SECONDS};
pub use error::DriverError;
pub use machine::{Answer, Drivable};
pub use outbox::{Entry, EntryState};

use realname::chrono::{DateTime, Utc};
use realname::flow::{Failure, Status};

pub use realname::chrono;

/// Where a flow stands after a call.
///
/// ```
/// use realname::calendar::ChinaMainland;
/// use realname::chrono::{TimeZone, Utc};
/// use realname::flow::{Auto, AutoEvent, AutoTerms, Status, Submission};
/// use realname::policy::{MethodKind, Provider};
/// use realname::store::{Keyring, MemoryStore, block_on};
/// use realname::transport::fake::FakeParties;
/// use realname_driver::{Driver, MemoryCases};
///
/// let store = MemoryStore::new(Keyring::new(b"a secret of at least 32 bytes!!!")?);
/// let driver = Driver::new(store, FakeParties::default(), MemoryCases::default(), ChinaMainland::default(), b"sms");
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
/// let terms = AutoTerms::from_profile(Provider::Baidu.profile(), MethodKind::Face)?;
/// block_on(driver.start::<Auto>("f", "acct", terms, t))?;
/// let r = block_on(driver.deliver::<Auto>("f", AutoEvent::Submit(Submission::individual()), None, t))?;
/// // The applicant is to scan their face on a phone.
/// assert_eq!(r.status, Status::AwaitingParty(realname::flow::Party::IdentityAuthority));
/// assert!(r.waiting_for("start_liveness").is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Report {
    /// The flow's id.
    pub id: String,
    /// Its status.
    pub status: Status,
    /// Its revision (one more per accepted event).
    pub revision: u64,
    /// The failure the applicant should see.
    pub failure: Option<Failure>,
    /// When to call back.
    pub next_deadline: Option<DateTime<Utc>>,
    /// Uses of the method counted.
    pub uses: u32,
    /// The actions not yet answered: pending (to perform) or waiting
    /// (performed; the applicant, a party or a reviewer answers).
    pub open: Vec<Entry>,
    /// Whether the call was a repeated request or answer, which changed
    /// nothing.
    pub duplicate: bool,
}

impl Report {
    /// The open action with this code (`"start_liveness"`,
    /// `"await_payment"`, …), if any.
    ///
    /// See [`Report`] for an example.
    #[must_use]
    pub fn waiting_for(&self, code: &str) -> Option<&Entry> {
        self.open.iter().find(|e| e.action.code() == code)
    }
}
