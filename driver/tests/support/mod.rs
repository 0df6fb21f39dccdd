//! What the driver's tests share: a store and parties that survive a
//! simulated crash (shared behind `Arc`s, so a new driver sees what the
//! crashed one saved), and a store wrapper that the tripwire can cut.

#![allow(dead_code, missing_docs, missing_debug_implementations)]

use std::sync::Arc;

use realname::DocumentKey;
use realname::chrono::{DateTime, Utc};
use realname::store::{
    AttemptLedger, AttemptScope, BindOutcome, BindingStore, Cas, Consumed, DueFlow, FlowRecord,
    FlowStore, Keyring, MemoryError, MemoryStore, Rebind, StoreError,
};
use realname::transport::Parties;
use realname::transport::fake::{
    FakeAuthority, FakeBank, FakeParties, FakePayer, FakePayments, FakeReviews, FakeSms, Tripwire,
};
use realname_driver::{Case, Cases, MemoryCases};

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

/// The fakes, shared by every driver of one run.
#[derive(Clone, Default)]
pub struct Shared(pub Arc<FakeParties>);

impl Parties for Shared {
    type Authority = FakeAuthority;
    type Bank = FakeBank;
    type Sms = FakeSms;
    type Payer = FakePayer;
    type Payments = FakePayments;
    type Reviews = FakeReviews;
    fn authority(&self) -> &FakeAuthority {
        &self.0.authority
    }
    fn bank(&self) -> &FakeBank {
        &self.0.bank
    }
    fn sms(&self) -> &FakeSms {
        &self.0.sms
    }
    fn payer(&self) -> &FakePayer {
        &self.0.payer
    }
    fn payments(&self) -> &FakePayments {
        &self.0.payments
    }
    fn reviews(&self) -> &FakeReviews {
        &self.0.reviews
    }
}

/// The cases, shared likewise.
#[derive(Clone, Default)]
pub struct SharedCases(pub Arc<MemoryCases>);

impl Cases for SharedCases {
    type Error = MemoryError;
    async fn case(&self, flow: &str) -> Result<Option<Case>, MemoryError> {
        self.0.case(flow).await
    }
}
