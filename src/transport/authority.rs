//! The identity authority: name and number, and liveness checks.

use core::fmt;
use core::future::Future;

use super::{TransportError, Verdict};
use crate::Document;
use crate::flow::{Actor, Liveness};
use crate::policy::FailureReason;
use crate::subject::PersonName;

/// A two-factor check: does this name belong to this document number?
/// `Debug` shows the document masked and the name's length only.
///
/// ```
/// use realname::{Document, DocumentKind};
/// use realname::subject::PersonName;
/// use realname::transport::IdentityQuery;
/// let name = PersonName::parse("张三")?;
/// let doc = Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?;
/// let q = IdentityQuery { key: "flow-1/2-0", name: &name, document: &doc };
/// assert!(!format!("{q:?}").contains("19491231"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct IdentityQuery<'a> {
    /// The idempotency key (flow id and action id).
    pub key: &'a str,
    /// The name the applicant entered.
    pub name: &'a PersonName,
    /// The document the applicant entered.
    pub document: &'a Document,
}

impl fmt::Debug for IdentityQuery<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdentityQuery")
            .field("key", &self.key)
            .field("name_chars", &self.name.as_str().chars().count())
            .field("document", &self.document.masked())
            .finish()
    }
}

/// A liveness session to open: the flow's action key, which check, whose
/// face.
///
/// ```
/// use realname::flow::{Actor, Liveness};
/// use realname::transport::LivenessStart;
/// let s = LivenessStart { key: "f/1-0", kind: Liveness::FaceScan, actor: Actor::Applicant };
/// assert_eq!(s.kind, Liveness::FaceScan);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LivenessStart<'a> {
    /// The idempotency key (flow id and action id).
    pub key: &'a str,
    /// Which check.
    pub kind: Liveness,
    /// Whose face.
    pub actor: Actor,
}

/// The result of a liveness or face check the applicant did on a phone
/// (a QR code scanned, a face video recorded), as the authority reports
/// it for the session the caller started.
///
/// ```
/// use realname::transport::LivenessResult;
/// assert!(LivenessResult::Passed.is_final());
/// assert!(!LivenessResult::Pending.is_final());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum LivenessResult {
    /// The applicant has not finished.
    Pending,
    /// It passed, and the face is the document holder's.
    Passed,
    /// It failed; why, if the authority says (the seeds' face reasons).
    Failed(Option<FailureReason>),
}

impl LivenessResult {
    /// Whether this is the check's last word (passed or failed).
    ///
    /// ```
    /// assert!(realname::transport::LivenessResult::Failed(None).is_final());
    /// ```
    #[must_use]
    pub fn is_final(&self) -> bool {
        !matches!(self, LivenessResult::Pending)
    }
}

/// The identity authority (the public-security citizen-identity service,
/// or a licensed intermediary): the two-factor check of name and number,
/// and the result of a liveness check.
///
/// ```
/// use realname::transport::{IdentityAuthority, IdentityQuery, LivenessResult, Verdict};
/// use realname::transport::fake::{FakeAuthority, Script};
/// use realname::{Document, DocumentKind};
/// use realname::subject::PersonName;
///
/// let authority = FakeAuthority::new(Script::pass());
/// let name = PersonName::parse("张三")?;
/// let doc = Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?;
/// let q = IdentityQuery { key: "f/1-0", name: &name, document: &doc };
/// let verdict = realname::store::block_on(authority.check(&q))?;
/// assert_eq!(verdict, Verdict::Match);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait IdentityAuthority: Send + Sync {
    /// Why a check could not be made.
    type Error: TransportError;

    /// Whether the name belongs to the document number.
    fn check(
        &self,
        query: &IdentityQuery<'_>,
    ) -> impl Future<Output = Result<Verdict, Self::Error>> + Send;

    /// Opens a liveness session of this kind for this actor, under an
    /// idempotency key (the same key, the same session), and returns its
    /// token: what the applicant's phone opens (a QR code's content, a
    /// link).
    fn start_liveness(
        &self,
        start: &LivenessStart<'_>,
    ) -> impl Future<Output = Result<String, Self::Error>> + Send;

    /// The result of the liveness check of this session (the token
    /// [`start_liveness`](Self::start_liveness) gave).
    fn liveness(
        &self,
        session: &str,
    ) -> impl Future<Output = Result<LivenessResult, Self::Error>> + Send;
}
