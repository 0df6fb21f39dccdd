//! What the driver's tests share: the applicants, and a store that the
//! tripwire can cut and that survives a simulated crash (shared behind an
//! `Arc`, so a new driver sees what the crashed one saved).

#![allow(dead_code, missing_docs, missing_debug_implementations)]

use std::sync::Arc;

use realname::DocumentKey;
use realname::calendar::ChinaMainland;
use realname::chrono::TimeZone;
use realname::chrono::{DateTime, Utc};
use realname::org::OrganizationType;
use realname::store::{
    AttemptLedger, AttemptScope, BindOutcome, BindingStore, Cas, Consumed, DueFlow, FlowRecord,
    FlowStore, Keyring, MemoryError, MemoryStore, Rebind, StoreError,
};
use realname::subject::{Individual, Organization, OrganizationName, PersonName, Subject};
use realname::transport::fake::{FakeParties, Tripwire};
use realname::{Document, DocumentKind, Uscc};
use realname_driver::{Case, Driver, MemoryCases, PayeeAccount};

/// A store failing where the tripwire trips, before or after the real
/// step (after: the write is done, its answer lost).
#[derive(Clone)]
pub struct CrashStore {
    pub inner: Arc<MemoryStore>,
    pub tripwire: Tripwire,
}

#[derive(Debug, thiserror::Error)]
pub enum CrashError {
    #[error("crashed")]
    Crashed,
    #[error(transparent)]
    Inner(#[from] MemoryError),
}

impl StoreError for CrashError {
    fn retryable(&self) -> bool {
        matches!(self, CrashError::Crashed)
    }
    fn code(&self) -> &'static str {
        match self {
            CrashError::Crashed => "crashed",
            CrashError::Inner(e) => e.code(),
        }
    }
}

impl CrashStore {
    pub fn new(secret: &[u8]) -> CrashStore {
        CrashStore {
            inner: Arc::new(MemoryStore::new(Keyring::new(secret).unwrap())),
            tripwire: Tripwire::default(),
        }
    }

    fn cut(&self) -> Result<(), CrashError> {
        if self.tripwire.trip() {
            Err(CrashError::Crashed)
        } else {
            Ok(())
        }
    }

    async fn around<T>(
        &self,
        f: impl std::future::Future<Output = Result<T, MemoryError>>,
    ) -> Result<T, CrashError> {
        self.cut()?;
        let r = f.await?;
        self.cut()?;
        Ok(r)
    }
}

impl FlowStore for CrashStore {
    type Error = CrashError;
    async fn save(
        &self,
        id: &str,
        expected: Option<u64>,
        record: &FlowRecord,
    ) -> Result<Cas, CrashError> {
        self.around(self.inner.save(id, expected, record)).await
    }
    async fn load(&self, id: &str) -> Result<Option<FlowRecord>, CrashError> {
        self.around(self.inner.load(id)).await
    }
    async fn due(&self, now: DateTime<Utc>, limit: usize) -> Result<Vec<DueFlow>, CrashError> {
        self.around(self.inner.due(now, limit)).await
    }
}

impl BindingStore for CrashStore {
    type Error = CrashError;
    async fn try_bind(
        &self,
        key: &DocumentKey,
        account: &str,
        cap: u32,
    ) -> Result<BindOutcome, CrashError> {
        self.around(self.inner.try_bind(key, account, cap)).await
    }
    async fn release(&self, key: &DocumentKey, account: &str) -> Result<bool, CrashError> {
        self.around(self.inner.release(key, account)).await
    }
    async fn count(&self, key: &DocumentKey) -> Result<u32, CrashError> {
        self.around(self.inner.count(key)).await
    }
    async fn rebind(
        &self,
        old: &DocumentKey,
        new: &DocumentKey,
        account: &str,
        cap: u32,
    ) -> Result<Rebind, CrashError> {
        self.around(self.inner.rebind(old, new, account, cap)).await
    }
}

impl AttemptLedger for CrashStore {
    type Error = CrashError;
    async fn consume(
        &self,
        scope: &AttemptScope,
        token: &str,
        limit: u32,
    ) -> Result<Consumed, CrashError> {
        self.around(self.inner.consume(scope, token, limit)).await
    }
    async fn used(&self, scope: &AttemptScope) -> Result<u32, CrashError> {
        self.around(self.inner.used(scope)).await
    }
    async fn reset(&self, scope: &AttemptScope) -> Result<u32, CrashError> {
        self.around(self.inner.reset(scope)).await
    }
}

/// The stores' secret in every test.
pub const SECRET: &[u8] = b"the store's secret, 32 bytes long";

/// When every run starts.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap()
}

/// `minutes` after [`t0`].
pub fn at(minutes: i64) -> DateTime<Utc> {
    t0() + realname::chrono::Duration::minutes(minutes)
}

/// The applicant (fictional; a valid number).
pub fn person() -> Individual {
    Individual::new(
        PersonName::parse("张三").unwrap(),
        Document::parse_as(DocumentKind::ResidentId, "11010519491231002X").unwrap(),
    )
    .unwrap()
}

/// An enterprise whose legal representative is [`person`].
pub fn organization() -> Organization {
    Organization::new(
        OrganizationName::parse("福建某某科技有限公司").unwrap(),
        Uscc::parse("91350100M000100Y43").unwrap(),
        OrganizationType::Enterprise,
        person(),
    )
    .unwrap()
}

/// The organisation's case, with the account a micro-deposit goes to.
pub fn org_case(account: &str) -> Case {
    Case::new(account, Subject::Organization(organization())).with_payee(PayeeAccount {
        bank: "招商银行福州分行".into(),
        account: "591902345610201".into(),
    })
}

/// A driver on an in-memory store, the given fakes and in-memory cases.
pub type MemoryDriver = Driver<MemoryStore, FakeParties, MemoryCases>;

/// [`MemoryDriver`] over `parties`.
pub fn memory_driver(parties: FakeParties) -> MemoryDriver {
    let store = MemoryStore::new(Keyring::new(SECRET).unwrap());
    Driver::new(
        store,
        parties,
        MemoryCases::default(),
        ChinaMainland::default(),
        b"sms codes",
    )
}
