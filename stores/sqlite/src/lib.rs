#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod error;
mod ops;
mod schema;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use realname::DocumentKey;
use realname::chrono::{DateTime, Utc};
use realname::store::{
    AttemptLedger, AttemptScope, BindOutcome, BindingStore, Cas, ChangeHistory, ChangeStart,
    Consumed, DueFlow, FlowRecord, FlowStore, Keyring, MAX_DUE, Rebind, Tampered, check_id,
};
use rusqlite::{Connection, OpenFlags};

pub use error::SqliteError;
pub use schema::{MIGRATIONS, SCHEMA_VERSION};

use ops::Digests;

/// How hard a commit is pushed to the disk (`PRAGMA synchronous`), always
/// with the write-ahead log.
///
/// ```
/// use realname_sqlite::{Durability, Options};
/// let o = Options::default().durability(Durability::Normal);
/// assert_eq!(Options::default().durability_level(), Durability::Full);
/// # let _ = o;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Durability {
    /// `synchronous=FULL`, the default: every commit is on the disk when
    /// the call returns, so a committed binding survives a power loss as
    /// well as a crash.
    #[default]
    Full,
    /// `synchronous=NORMAL`: the log is synced at checkpoints only. A
    /// commit survives the process being killed, but a power loss or an
    /// operating system crash may lose the last commits (never corrupt the
    /// file). Faster; choose it only where losing a recent binding is
    /// acceptable.
    Normal,
}

/// How a [`SqliteStore`] is opened.
///
/// ```
/// use std::time::Duration;
/// use realname_sqlite::Options;
/// let o = Options::default().readers(2).busy_timeout(Duration::from_secs(1));
/// assert_eq!(o.reader_count(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct Options {
    readers: usize,
    busy_timeout: Duration,
    durability: Durability,
}

impl Default for Options {
    /// Two reader threads, a busy timeout of 5 s, [`Durability::Full`].
    fn default() -> Self {
        Options {
            readers: 2,
            busy_timeout: Duration::from_secs(5),
            durability: Durability::Full,
        }
    }
}

impl Options {
    /// The number of reader threads (each with its own connection) beside
    /// the one writer thread; at most 16. `0` sends reads to the writer.
    ///
    /// ```
    /// assert_eq!(realname_sqlite::Options::default().readers(0).reader_count(), 0);
    /// ```
    #[must_use]
    pub fn readers(mut self, n: usize) -> Self {
        self.readers = n.min(16);
        self
    }

    /// The reader threads this opens.
    ///
    /// ```
    /// assert_eq!(realname_sqlite::Options::default().reader_count(), 2);
    /// ```
    #[must_use]
    pub fn reader_count(&self) -> usize {
        self.readers
    }

    /// How long a call waits for another connection's write lock before
    /// failing with the retryable [`SqliteError::Busy`].
    ///
    /// ```
    /// let o = realname_sqlite::Options::default().busy_timeout(std::time::Duration::from_millis(50));
    /// # let _ = o;
    /// ```
    #[must_use]
    pub fn busy_timeout(mut self, t: Duration) -> Self {
        self.busy_timeout = t;
        self
    }

    /// The [`Durability`] of commits.
    ///
    /// ```
    /// use realname_sqlite::{Durability, Options};
    /// assert_eq!(Options::default().durability(Durability::Normal).durability_level(), Durability::Normal);
    /// ```
    #[must_use]
    pub fn durability(mut self, d: Durability) -> Self {
        self.durability = d;
        self
    }

    /// The durability this opens with.
    ///
    /// ```
    /// assert_eq!(realname_sqlite::Options::default().durability_level(), realname_sqlite::Durability::Full);
    /// ```
    #[must_use]
    pub fn durability_level(&self) -> Durability {
        self.durability
    }

    /// Opens the store on the file at `path` (created if missing) with
    /// these options: see [`SqliteStore::open`].
    ///
    /// ```
    /// use realname::store::Keyring;
    /// use realname_sqlite::Options;
    /// let dir = tempfile::tempdir()?;
    /// let store = Options::default().readers(1).open(dir.path().join("r.db"), Keyring::new(&[7; 32])?)?;
    /// # drop(store);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`SqliteError`] when the file cannot be opened or migrated, or
    /// holds a newer schema ([`SqliteError::NewerSchema`]).
    pub fn open(self, path: impl AsRef<Path>, ring: Keyring) -> Result<SqliteStore, SqliteError> {
        let path = path.as_ref().to_path_buf();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open = |p: &PathBuf| {
            let p = p.clone();
            move || Connection::open_with_flags(&p, flags)
        };
        let mut writer = schema::connect(open(&path), self.busy_timeout, self.durability, true)?;
        schema::migrate(&mut writer)?;
        let mut readers = Vec::with_capacity(self.readers);
        for _ in 0..self.readers {
            readers.push(schema::connect(
                open(&path),
                self.busy_timeout,
                self.durability,
                true,
            )?);
        }
        SqliteStore::start(ring, writer, readers, Some(path))
    }

    /// Opens a store on a new in-memory database: one connection, so one
    /// worker thread (the reader count is ignored). Its contents go with
    /// the store.
    ///
    /// ```
    /// let store = realname_sqlite::Options::default().open_in_memory(realname::store::Keyring::new(&[7; 32])?)?;
    /// # drop(store);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`SqliteError`] when SQLite cannot set it up.
    pub fn open_in_memory(self, ring: Keyring) -> Result<SqliteStore, SqliteError> {
        let mut conn = schema::connect(
            Connection::open_in_memory,
            self.busy_timeout,
            self.durability,
            false,
        )?;
        schema::migrate(&mut conn)?;
        SqliteStore::start(ring, conn, Vec::new(), None)
    }
}

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// What the writer thread is given: a read (with no readers, or in
/// memory), or a write to run in the next transaction.
enum Work {
    Read(Job),
    Write(Box<dyn WriteJob>),
}

/// A write: run inside the writer's transaction, answered once that
/// transaction committed (or failed).
trait WriteJob: Send {
    /// Runs the write; `false` when it failed (its savepoint is then
    /// rolled back).
    fn run(&mut self, c: &Connection) -> bool;
    /// Sends the answer: the write's own error, or its result if the
    /// transaction committed, or the commit's error.
    fn finish(self: Box<Self>, commit: Result<(), &SqliteError>);
}

struct Write<T, F> {
    f: Option<F>,
    answer: Option<Result<T, SqliteError>>,
    reply: tokio::sync::oneshot::Sender<Result<T, SqliteError>>,
}

impl<T, F> WriteJob for Write<T, F>
where
    T: Send,
    F: FnOnce(&Connection) -> Result<T, SqliteError> + Send,
{
    fn run(&mut self, c: &Connection) -> bool {
        let Some(f) = self.f.take() else { return false };
        let answer = f(c);
        let ok = answer.is_ok();
        self.answer = Some(answer);
        ok
    }

    fn finish(self: Box<Self>, commit: Result<(), &SqliteError>) {
        let answer = match (self.answer, commit) {
            (Some(Err(e)), _) => Err(e),
            (Some(Ok(v)), Ok(())) => Ok(v),
            (_, Err(e)) => Err(e.duplicate()),
            // It panicked, and was rolled back to its savepoint.
            (None, Ok(())) => Err(SqliteError::Panicked),
        };
        let _ = self.reply.send(answer);
    }
}

/// The most writes one transaction takes.
const MAX_BATCH: usize = 256;

/// The writer thread: each write queued while the previous transaction
/// ran goes into the next one, each in a savepoint of its own, so that
/// one commit (one sync of the log at [`Durability::Full`]) answers them
/// all. SQLite runs the writes one after the other in queue order, as if
/// each had its own transaction; none is answered before the commit.
fn writer(mut conn: Connection, jobs: mpsc::Receiver<Work>) {
    let mut next: Option<Work> = None;
    loop {
        let work = match next.take() {
            Some(w) => w,
            None => match jobs.recv() {
                Ok(w) => w,
                Err(_) => return,
            },
        };
        match work {
            Work::Read(job) => run_read(&mut conn, job),
            Work::Write(first) => {
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match jobs.try_recv() {
                        Ok(Work::Write(j)) => batch.push(j),
                        Ok(read) => {
                            next = Some(read);
                            break;
                        }
                        Err(_) => break,
                    }
                }
                run_batch(&mut conn, batch);
            }
        }
    }
}

fn run_batch(conn: &mut Connection, mut batch: Vec<Box<dyn WriteJob>>) {
    let mut attempt = || -> Result<(), SqliteError> {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for job in &mut batch {
            tx.prepare_cached("SAVEPOINT job")?.execute([])?;
            let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run(&tx)))
                .unwrap_or(false);
            if !ok {
                tx.prepare_cached("ROLLBACK TO job")?.execute([])?;
            }
            tx.prepare_cached("RELEASE job")?.execute([])?;
        }
        tx.commit()?;
        Ok(())
    };
    let commit = attempt();
    for job in batch {
        job.finish(commit.as_ref().map(|_| ()));
    }
}

fn run_read(conn: &mut Connection, job: Job) {
    // A panicking job drops its answer's sender (its caller gets
    // `Closed`), and the worker goes on.
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(conn)));
}

fn reader(mut conn: Connection, jobs: Arc<Mutex<mpsc::Receiver<Job>>>) {
    loop {
        let job = {
            let rx = jobs
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            rx.recv()
        };
        let Ok(job) = job else { return };
        run_read(&mut conn, job);
    }
}

/// Every store trait of [`realname::store`] on one SQLite file.
///
/// The store owns its threads: one writer and a few readers
/// ([`Options::readers`]), each with its own connection. A call checks its
/// input, computes the key digests, queues a job on a channel and awaits
/// its answer on a [`tokio::sync::oneshot`]: it never blocks the caller's
/// runtime for longer than the queueing, and works under any executor
/// (and [`realname::store::block_on`]).
///
/// SQLite lets one writer in at a time per file, so every write of this
/// store goes to its one writer thread, which runs the writes queued
/// meanwhile in one `BEGIN IMMEDIATE` transaction, each in a savepoint of
/// its own (group commit): a write that fails is rolled back alone, and
/// none is answered before the commit. Against other processes and other
/// stores on the file, `BEGIN IMMEDIATE` takes the write lock first and
/// waits for it up to the busy timeout, then fails with the retryable
/// [`SqliteError::Busy`]. Reads run on the readers, beside the writer
/// (the file is in WAL mode).
///
/// Dropping the store lets the queued calls finish, then closes the
/// connections and joins the threads.
///
/// ```
/// use realname::store::{BindOutcome, BindingStore, Keyring, block_on};
/// use realname::{DocumentKey, ResidentId};
/// use realname_sqlite::SqliteStore;
///
/// let store = SqliteStore::open_in_memory(Keyring::new(&[7; 32])?)?;
/// let key = DocumentKey::from(&"11010519491231002X".parse::<ResidentId>()?);
/// assert_eq!(block_on(store.try_bind(&key, "acct-1", 3))?, BindOutcome::Bound { count: 1 });
/// assert!(!format!("{store:?}").contains("1949"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct SqliteStore {
    ring: Arc<Keyring>,
    path: Option<PathBuf>,
    writer: Option<mpsc::Sender<Work>>,
    reader: Option<mpsc::Sender<Job>>,
    threads: Vec<JoinHandle<()>>,
}

impl fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .field("ring", &self.ring)
            .field("workers", &self.threads.len())
            .finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Opens the store on the file at `path` with the default
    /// [`Options`]: created if missing, migrated if older, refused if its
    /// schema is newer than this crate knows. Opening reads the file on
    /// the calling thread; every call after that runs on the store's own.
    ///
    /// ```
    /// use realname::store::Keyring;
    /// use realname_sqlite::SqliteStore;
    /// let dir = tempfile::tempdir()?;
    /// let store = SqliteStore::open(dir.path().join("realname.db"), Keyring::new(&[7; 32])?)?;
    /// # drop(store);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`SqliteError`] when the file cannot be opened or migrated, or
    /// holds a newer schema ([`SqliteError::NewerSchema`]).
    pub fn open(path: impl AsRef<Path>, ring: Keyring) -> Result<SqliteStore, SqliteError> {
        Options::default().open(path, ring)
    }

    /// A store on a new in-memory database, for tests: see
    /// [`Options::open_in_memory`].
    ///
    /// ```
    /// let store = realname_sqlite::SqliteStore::open_in_memory(realname::store::Keyring::new(&[7; 32])?)?;
    /// # drop(store);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`SqliteError`] when SQLite cannot set it up.
    pub fn open_in_memory(ring: Keyring) -> Result<SqliteStore, SqliteError> {
        Options::default().open_in_memory(ring)
    }

    /// The file the store is on; `None` in memory.
    ///
    /// ```
    /// let store = realname_sqlite::SqliteStore::open_in_memory(realname::store::Keyring::new(&[7; 32])?)?;
    /// assert_eq!(store.path(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn start(
        ring: Keyring,
        writer_conn: Connection,
        readers: Vec<Connection>,
        path: Option<PathBuf>,
    ) -> Result<SqliteStore, SqliteError> {
        let spawn = |name: String, body: Box<dyn FnOnce() + Send>| {
            std::thread::Builder::new()
                .name(name)
                .spawn(body)
                .map_err(SqliteError::Spawn)
        };
        let mut store = SqliteStore {
            ring: Arc::new(ring),
            path,
            writer: None,
            reader: None,
            threads: Vec::new(),
        };
        let (wtx, wrx) = mpsc::channel::<Work>();
        store.threads.push(spawn(
            "realname-sqlite-writer".into(),
            Box::new(move || writer(writer_conn, wrx)),
        )?);
        store.writer = Some(wtx);
        if !readers.is_empty() {
            let (rtx, rrx) = mpsc::channel::<Job>();
            let rrx = Arc::new(Mutex::new(rrx));
            for (i, conn) in readers.into_iter().enumerate() {
                let rrx = Arc::clone(&rrx);
                store.threads.push(spawn(
                    format!("realname-sqlite-reader-{i}"),
                    Box::new(move || reader(conn, rrx)),
                )?);
            }
            store.reader = Some(rtx);
        }
        Ok(store)
    }

    /// Queues the read `f` on a reader (or the writer, when there is no
    /// reader) and returns the future of its answer. The future holds only
    /// the answer's receiver: it is `Send`, and `'static`.
    fn read<T, F>(&self, f: F) -> impl Future<Output = Result<T, SqliteError>> + Send + 'static
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, SqliteError> + Send + 'static,
    {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |conn| {
            let _ = tx.send(f(conn));
        });
        let sent = match (&self.reader, &self.writer) {
            (Some(r), _) => r.send(job).map_err(|_| SqliteError::Closed),
            (None, Some(w)) => w.send(Work::Read(job)).map_err(|_| SqliteError::Closed),
            (None, None) => Err(SqliteError::Closed),
        };
        async move {
            sent?;
            rx.await.map_err(|_| SqliteError::Closed)?
        }
    }

    /// Queues the write `f` for the writer's next transaction and returns
    /// the future of its answer, given once that transaction committed.
    fn write<T, F>(&self, f: F) -> impl Future<Output = Result<T, SqliteError>> + Send + 'static
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, SqliteError> + Send + 'static,
    {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job = Box::new(Write {
            f: Some(f),
            answer: None,
            reply: tx,
        });
        let sent = self.writer.as_ref().map_or(Err(SqliteError::Closed), |w| {
            w.send(Work::Write(job)).map_err(|_| SqliteError::Closed)
        });
        async move {
            sent?;
            rx.await.map_err(|_| SqliteError::Closed)?
        }
    }

    fn digests(&self, key: &DocumentKey) -> Digests {
        Digests {
            current: *self.ring.digest(key).as_bytes(),
            previous: self.ring.previous(key).map(|d| *d.as_bytes()),
        }
    }
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        // Closing the channels ends each worker once the queued jobs ran.
        self.writer = None;
        self.reader = None;
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

impl BindingStore for SqliteStore {
    type Error = SqliteError;

    async fn try_bind(
        &self,
        key: &DocumentKey,
        account: &str,
        cap: u32,
    ) -> Result<BindOutcome, SqliteError> {
        check_id("account", account)?;
        let (d, account) = (self.digests(key), account.to_owned());
        self.write(move |c| ops::try_bind(c, d, &account, cap))
            .await
    }

    async fn release(&self, key: &DocumentKey, account: &str) -> Result<bool, SqliteError> {
        check_id("account", account)?;
        let (d, account) = (self.digests(key), account.to_owned());
        self.write(move |c| ops::release(c, d, &account)).await
    }

    async fn count(&self, key: &DocumentKey) -> Result<u32, SqliteError> {
        let d = self.digests(key);
        // While rotating, a count moves what the old secret keyed: a write.
        if d.previous.is_some() {
            self.write(move |c| ops::count(c, d)).await
        } else {
            self.read(move |c| ops::count(c, d)).await
        }
    }

    async fn rebind(
        &self,
        old: &DocumentKey,
        new: &DocumentKey,
        account: &str,
        cap: u32,
    ) -> Result<Rebind, SqliteError> {
        check_id("account", account)?;
        let (old, new, account) = (self.digests(old), self.digests(new), account.to_owned());
        self.write(move |c| ops::rebind(c, old, new, &account, cap))
            .await
    }
}

fn scope_parts(scope: &AttemptScope) -> Result<(String, String), SqliteError> {
    check_id("account", scope.account())?;
    Ok((scope.account().to_owned(), scope.scope_key().to_owned()))
}

impl AttemptLedger for SqliteStore {
    type Error = SqliteError;

    async fn consume(
        &self,
        scope: &AttemptScope,
        token: &str,
        limit: u32,
    ) -> Result<Consumed, SqliteError> {
        check_id("attempt token", token)?;
        let (account, key) = scope_parts(scope)?;
        let token = token.to_owned();
        self.write(move |c| ops::consume(c, &account, &key, &token, limit))
            .await
    }

    async fn used(&self, scope: &AttemptScope) -> Result<u32, SqliteError> {
        let (account, key) = scope_parts(scope)?;
        self.read(move |c| ops::used(c, &account, &key)).await
    }

    async fn reset(&self, scope: &AttemptScope) -> Result<u32, SqliteError> {
        let (account, key) = scope_parts(scope)?;
        self.write(move |c| ops::reset(c, &account, &key)).await
    }
}

impl ChangeHistory for SqliteStore {
    type Error = SqliteError;

    async fn last_completed(&self, account: &str) -> Result<Option<DateTime<Utc>>, SqliteError> {
        check_id("account", account)?;
        let account = account.to_owned();
        self.read(move |c| ops::last_completed(c, &account)).await
    }

    async fn open_change(
        &self,
        account: &str,
    ) -> Result<Option<(String, DateTime<Utc>)>, SqliteError> {
        check_id("account", account)?;
        let account = account.to_owned();
        self.read(move |c| ops::open_change(c, &account)).await
    }

    async fn begin(
        &self,
        account: &str,
        change: &str,
        checked_against: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<ChangeStart, SqliteError> {
        check_id("account", account)?;
        check_id("change id", change)?;
        let (account, change) = (account.to_owned(), change.to_owned());
        self.write(move |c| ops::begin(c, &account, &change, checked_against, now))
            .await
    }

    async fn complete(
        &self,
        account: &str,
        change: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, SqliteError> {
        check_id("account", account)?;
        check_id("change id", change)?;
        let (account, change) = (account.to_owned(), change.to_owned());
        self.write(move |c| ops::complete(c, &account, &change, at))
            .await
    }

    async fn abandon(&self, account: &str, change: &str) -> Result<bool, SqliteError> {
        check_id("account", account)?;
        check_id("change id", change)?;
        let (account, change) = (account.to_owned(), change.to_owned());
        self.write(move |c| ops::abandon(c, &account, &change))
            .await
    }
}

impl FlowStore for SqliteStore {
    type Error = SqliteError;

    async fn save(
        &self,
        id: &str,
        expected: Option<u64>,
        record: &FlowRecord,
    ) -> Result<Cas, SqliteError> {
        realname::store::check_save(id, expected, record)?;
        let record = FlowRecord::new(record.revision, record.next_deadline, record.state.clone());
        // Sealed here, on the caller's thread, as it serialised the state:
        // the one writer thread does only SQL.
        let seal = self
            .ring
            .seal(id, record.revision, record.deadline_micros(), &record.state);
        let id = id.to_owned();
        self.write(move |c| ops::save(c, &id, expected, &record, seal))
            .await
    }

    async fn load(&self, id: &str) -> Result<Option<FlowRecord>, SqliteError> {
        check_id("flow id", id)?;
        let (id, ring) = (id.to_owned(), Arc::clone(&self.ring));
        // The seal is checked on the reader thread, beside the read.
        self.read(move |c| {
            let Some(row) = ops::load(c, &id)? else {
                return Ok(None);
            };
            let tampered = || Tampered { id: id.clone() };
            if !ring.verify(&id, row.revision, row.deadline_us, &row.state, &row.seal) {
                return Err(tampered().into());
            }
            let deadline = match row.deadline_us {
                None => None,
                Some(us) => Some(DateTime::from_timestamp_micros(us).ok_or_else(tampered)?),
            };
            Ok(Some(FlowRecord::new(row.revision, deadline, row.state)))
        })
        .await
    }

    async fn due(&self, now: DateTime<Utc>, limit: usize) -> Result<Vec<DueFlow>, SqliteError> {
        let limit = limit.min(MAX_DUE);
        if limit == 0 {
            return Ok(Vec::new());
        }
        let now_us = now.timestamp_micros();
        self.read(move |c| ops::due(c, now_us, limit)).await
    }
}
