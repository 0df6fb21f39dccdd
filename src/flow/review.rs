//! The document-review machine (证件审核): the applicant uploads documents,
//! the provider's staff review them.

use chrono::{DateTime, Utc};

use super::machine::{bind_failure, expect_answer};
use super::{
    Action, ActionId, Actor, BindOutcome, Failure, Flow, FlowError, FlowEvent, Machine, Party,
    Saved, Status, Step, View,
};
use crate::calendar::Duration;
use crate::org::named_enum;
use crate::policy::{Contact, Counted, Factor, FileFormat, MethodKind, OnExhaust, Profile, Scope};
use crate::rules::Refusal;

/// The most files one submission takes.
///
/// ```
/// assert_eq!(realname::flow::MAX_UPLOADS, 8);
/// ```
pub const MAX_UPLOADS: usize = 8;

named_enum! {
    "flow";
    /// What an uploaded file shows.
    ///
    /// ```
    /// use realname::flow::Part;
    /// assert_eq!(Part::HandheldPhoto.name_zh(), "手持证件照");
    /// assert_eq!(Part::DelegateId.id(), "delegate_id");
    /// ```
    Part {
        /// An image of the identity document.
        DocumentImage = "document_image", "证件照片", "image of the document";
        /// A photo of the applicant holding the document, front side shown.
        HandheldPhoto = "handheld_photo", "手持证件照", "photo holding the document";
        /// The organisation's certificate.
        Certificate = "certificate", "单位证件", "organisation certificate";
        /// The legal representative's ID.
        LegalRepresentativeId = "legal_representative_id", "法定代表人身份证", "legal representative's ID";
        /// A letter of authorisation with the organisation's seal.
        AuthorizationLetter = "authorization_letter", "加盖公章的授权书", "sealed letter of authorisation";
        /// The authorised person's ID.
        DelegateId = "delegate_id", "被授权人身份证", "authorised person's ID";
    }
}

/// A set of file formats, as the flow keeps a profile's accepted formats.
///
/// ```
/// use realname::flow::Formats;
/// use realname::policy::FileFormat;
/// let f: Formats = [FileFormat::Jpeg, FileFormat::Png].into_iter().collect();
/// assert!(f.contains(FileFormat::Png) && !f.contains(FileFormat::Pdf));
/// assert_eq!(f.iter().count(), 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(into = "Vec<FileFormat>", from = "Vec<FileFormat>")
)]
pub struct Formats(u32);

impl Formats {
    fn bit(format: FileFormat) -> u32 {
        FileFormat::all()
            .iter()
            .position(|f| *f == format)
            .and_then(|i| u32::try_from(i).ok())
            .and_then(|i| 1u32.checked_shl(i))
            .unwrap_or(0)
    }

    /// Whether `format` is in the set.
    ///
    /// ```
    /// use realname::flow::Formats;
    /// use realname::policy::FileFormat;
    /// assert!(!Formats::default().contains(FileFormat::Jpeg));
    /// ```
    pub fn contains(&self, format: FileFormat) -> bool {
        let bit = Formats::bit(format);
        bit != 0 && self.0 & bit == bit
    }

    /// The formats in the set, in [`FileFormat::all`]'s order.
    ///
    /// ```
    /// use realname::flow::Formats;
    /// use realname::policy::FileFormat;
    /// let f: Formats = [FileFormat::Pdf, FileFormat::Jpeg].into_iter().collect();
    /// assert_eq!(f.iter().collect::<Vec<_>>(), [FileFormat::Jpeg, FileFormat::Pdf]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = FileFormat> + '_ {
        FileFormat::all()
            .iter()
            .copied()
            .filter(|f| self.contains(*f))
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// assert!(realname::flow::Formats::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }
}

impl FromIterator<FileFormat> for Formats {
    fn from_iter<I: IntoIterator<Item = FileFormat>>(iter: I) -> Formats {
        Formats(iter.into_iter().fold(0, |set, f| set | Formats::bit(f)))
    }
}

impl From<Vec<FileFormat>> for Formats {
    fn from(v: Vec<FileFormat>) -> Formats {
        v.into_iter().collect()
    }
}

impl From<Formats> for Vec<FileFormat> {
    fn from(f: Formats) -> Vec<FileFormat> {
        f.iter().collect()
    }
}

/// One uploaded file as the flow keeps it: what it shows, the format its
/// name's extension names, and its size. Never its name (a name such as
/// `身份证.张三丰` can hold personal data).
///
/// ```
/// use realname::flow::{Part, Upload};
/// use realname::policy::FileFormat;
/// let u = Upload::new(Part::DocumentImage, "passport.PDF", 2_000_000);
/// assert_eq!((u.format, u.bytes), (Some(FileFormat::Pdf), 2_000_000));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Upload {
    /// What it shows.
    pub part: Part,
    /// The format its name's extension names, if one the crate knows.
    pub format: Option<FileFormat>,
    /// Its size in bytes.
    pub bytes: u64,
}

impl Upload {
    /// A file named `file_name` of `bytes` bytes, showing `part`: only the
    /// format is taken from the name.
    ///
    /// ```
    /// use realname::flow::{Part, Upload};
    /// assert_eq!(Upload::new(Part::HandheldPhoto, "me.heic", 10).format, None);
    /// ```
    pub fn new(part: Part, file_name: &str, bytes: u64) -> Upload {
        Upload {
            part,
            format: FileFormat::from_file_name(file_name),
            bytes,
        }
    }

    /// The same, checked first with [`rules::check_upload`](crate::rules::check_upload)
    /// against the profile's upload rule for `method`: the refusal is the
    /// message to show the applicant, naming the formats accepted and
    /// never the file.
    ///
    /// # Errors
    ///
    /// The [`Refusal`] of `check_upload`: an empty file, a format the
    /// provider does not take, a file too large.
    ///
    /// ```
    /// use realname::flow::{Part, Upload};
    /// use realname::policy::{MethodKind, Provider};
    /// let huawei = Provider::HuaweiInternational.profile();
    /// assert!(Upload::check(huawei, MethodKind::DocumentUpload, Part::DocumentImage, "p.png", 1_000).is_ok());
    /// let r = Upload::check(huawei, MethodKind::DocumentUpload, Part::DocumentImage, "张三.heic", 1_000).unwrap_err();
    /// assert_eq!(r.to_string(), "This file format is not accepted; use JPEG, BMP, PNG, PDF");
    /// ```
    pub fn check(
        profile: &Profile,
        method: MethodKind,
        part: Part,
        file_name: &str,
        bytes: u64,
    ) -> Result<Upload, Refusal> {
        crate::rules::check_upload(profile, method, file_name, bytes)?;
        Ok(Upload::new(part, file_name, bytes))
    }
}

/// The files of one submission, at most [`MAX_UPLOADS`].
///
/// ```
/// use realname::flow::{Part, Upload, Uploads};
/// let files = Uploads::new(&[Upload::new(Part::DocumentImage, "a.jpg", 10)])?;
/// assert_eq!(files.as_slice().len(), 1);
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(into = "Vec<Upload>", try_from = "Vec<Upload>")
)]
pub struct Uploads {
    len: u8,
    files: [Upload; MAX_UPLOADS],
}

/// The filler of unused places, so that equal lists compare equal.
const NO_UPLOAD: Upload = Upload {
    part: Part::DocumentImage,
    format: None,
    bytes: 0,
};

impl Uploads {
    /// The files, in order.
    ///
    /// # Errors
    ///
    /// [`FlowError::UploadRefused`] with [`UploadProblem::TooMany`] for
    /// more than [`MAX_UPLOADS`].
    ///
    /// ```
    /// use realname::flow::{Part, Upload, Uploads};
    /// let many = vec![Upload::new(Part::DocumentImage, "a.jpg", 10); 9];
    /// assert_eq!(Uploads::new(&many).unwrap_err().code(), "flow_upload_refused");
    /// ```
    pub fn new(files: &[Upload]) -> Result<Uploads, FlowError> {
        let too_many = FlowError::UploadRefused(UploadProblem::TooMany {
            max: MAX_UPLOADS as u32,
        });
        if files.len() > MAX_UPLOADS {
            return Err(too_many);
        }
        let mut out = Uploads {
            len: u8::try_from(files.len()).map_err(|_| too_many)?,
            files: [NO_UPLOAD; MAX_UPLOADS],
        };
        for (slot, file) in out.files.iter_mut().zip(files) {
            *slot = *file;
        }
        Ok(out)
    }

    /// The files, in order.
    ///
    /// ```
    /// use realname::flow::Uploads;
    /// assert!(Uploads::new(&[])?.as_slice().is_empty());
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn as_slice(&self) -> &[Upload] {
        self.files.get(..usize::from(self.len)).unwrap_or(&[])
    }
}

impl TryFrom<Vec<Upload>> for Uploads {
    type Error = FlowError;
    fn try_from(v: Vec<Upload>) -> Result<Uploads, FlowError> {
        Uploads::new(&v)
    }
}

impl From<Uploads> for Vec<Upload> {
    fn from(u: Uploads) -> Vec<Upload> {
        u.as_slice().to_vec()
    }
}

/// Why a submission's uploads are refused. It names the part, never the
/// file.
///
/// ```
/// use realname::flow::{Part, UploadProblem};
/// let p = UploadProblem::Missing { part: Part::HandheldPhoto };
/// assert_eq!(p.to_string(), "the photo holding the document is missing");
/// assert_eq!(p.to_string_zh(), "缺少手持证件照");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UploadProblem {
    /// A part the method asks for is not there.
    Missing {
        /// Which.
        part: Part,
    },
    /// A part the method does not ask for (the flow takes no more personal
    /// documents than it needs).
    NotAsked {
        /// Which.
        part: Part,
    },
    /// An empty file.
    Empty {
        /// Which.
        part: Part,
    },
    /// A file of a format the provider does not take.
    Format {
        /// Which.
        part: Part,
        /// The formats it takes.
        accepted: Formats,
    },
    /// A file larger than the provider takes.
    TooLarge {
        /// Which.
        part: Part,
        /// Its size.
        bytes: u64,
        /// The largest the provider takes.
        max_bytes: u64,
    },
    /// The signatory is not one the method takes: a certificate needs the
    /// legal representative or a delegate with a sealed letter (where the
    /// provider takes one), a personal document none.
    Signatory,
    /// More files than a submission takes.
    TooMany {
        /// The most.
        max: u32,
    },
}

impl UploadProblem {
    /// The message in Chinese.
    ///
    /// ```
    /// use realname::flow::UploadProblem;
    /// assert_eq!(UploadProblem::TooMany { max: 8 }.to_string_zh(), "文件数量超过上限 8 个");
    /// ```
    pub fn to_string_zh(&self) -> String {
        match self {
            UploadProblem::Missing { part } => format!("缺少{}", part.name_zh()),
            UploadProblem::NotAsked { part } => format!("无需上传{}", part.name_zh()),
            UploadProblem::Empty { part } => format!("{}文件为空", part.name_zh()),
            UploadProblem::Format { part, accepted } => format!(
                "{}的文件格式不支持，仅支持 {}",
                part.name_zh(),
                accepted
                    .iter()
                    .map(|f| f.id().to_uppercase())
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            UploadProblem::TooLarge {
                part, max_bytes, ..
            } => format!("{}文件超过上限 {} MB", part.name_zh(), mb(*max_bytes)),
            UploadProblem::Signatory => "签署人不符合该认证方式的要求".to_owned(),
            UploadProblem::TooMany { max } => format!("文件数量超过上限 {max} 个"),
        }
    }
}

/// Megabytes of 1,048,576 bytes, rounded up.
fn mb(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

impl std::fmt::Display for UploadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UploadProblem::Missing { part } => write!(f, "the {} is missing", part.name_en()),
            UploadProblem::NotAsked { part } => {
                write!(f, "the method does not ask for the {}", part.name_en())
            }
            UploadProblem::Empty { part } => {
                write!(f, "the file of the {} is empty", part.name_en())
            }
            UploadProblem::Format { part, accepted } => write!(
                f,
                "the file format of the {} is not accepted; use {}",
                part.name_en(),
                accepted
                    .iter()
                    .map(|f| f.id().to_uppercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            UploadProblem::TooLarge {
                part, max_bytes, ..
            } => write!(
                f,
                "the file of the {} is larger than {} MB",
                part.name_en(),
                mb(*max_bytes)
            ),
            UploadProblem::Signatory => f.write_str("the signatory is not one the method takes"),
            UploadProblem::TooMany { max } => write!(f, "more than {max} files"),
        }
    }
}

/// The numbers and rules a document-review flow takes from the profile
/// when it starts and keeps, so that a profile edited later does not
/// change a running flow.
///
/// ```
/// use realname::calendar::Duration;
/// use realname::flow::ReviewTerms;
/// use realname::policy::{MethodKind, Provider};
/// let h = ReviewTerms::from_profile(Provider::HuaweiInternational.profile(), MethodKind::DocumentUpload)?;
/// assert_eq!(h.review, Duration::WorkingDays(3));
/// assert_eq!((h.max_bytes, h.cap), (Some(10 * 1024 * 1024), Some(3)));
/// assert!(h.document_image && h.handheld_photo && !h.certificate);
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct ReviewTerms {
    /// The method reviewed.
    pub method: MethodKind,
    /// The longest the review takes, as the provider states it: past it,
    /// the review is overdue.
    pub review: Duration,
    /// Whether an image of the document is asked for.
    pub document_image: bool,
    /// Whether a photo holding the document is asked for.
    pub handheld_photo: bool,
    /// Whether the organisation's certificate is asked for.
    pub certificate: bool,
    /// Whether the legal representative may sign, with their ID.
    pub legal_representative: bool,
    /// Whether a delegate may sign, with a sealed letter of authorisation
    /// and their own ID.
    pub delegate: bool,
    /// The formats accepted, if stated.
    pub formats: Option<Formats>,
    /// The largest file, in bytes, if stated.
    pub max_bytes: Option<u64>,
    /// Submissions allowed per account, if limited.
    pub uses_per_account: Option<u32>,
    /// What follows when they are used up, if stated.
    pub on_uses_exhausted: Option<OnExhaust>,
    /// The account cap for the method's subject, if it has a number.
    pub cap: Option<u32>,
    /// Whom to contact when the review is overdue, if the provider says.
    pub escalation: Option<Contact>,
}

impl ReviewTerms {
    /// The terms of the profile's document-upload or certificate-upload
    /// method.
    ///
    /// # Errors
    ///
    /// [`FlowError::MethodNotOffered`] when `method` is not an upload
    /// method, the profile does not offer it, or it states no longest
    /// review time.
    ///
    /// ```
    /// use realname::flow::ReviewTerms;
    /// use realname::policy::{MethodKind, Provider};
    /// let k = ReviewTerms::from_profile(Provider::Kingsoft.profile(), MethodKind::CertificateUpload)?;
    /// assert!(k.certificate && k.legal_representative && k.delegate);
    /// assert!(ReviewTerms::from_profile(Provider::Baidu.profile(), MethodKind::DocumentUpload).is_err());
    /// assert!(ReviewTerms::from_profile(Provider::Kingsoft.profile(), MethodKind::BankCard).is_err());
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn from_profile(profile: &Profile, method: MethodKind) -> Result<ReviewTerms, FlowError> {
        if !matches!(
            method,
            MethodKind::DocumentUpload | MethodKind::CertificateUpload
        ) {
            return Err(FlowError::MethodNotOffered);
        }
        let m = profile.method(method).ok_or(FlowError::MethodNotOffered)?;
        let review = m
            .review
            .value()
            .and_then(|r| r.deadline())
            .ok_or(FlowError::MethodNotOffered)?;
        let has = |f: Factor| m.factors.contains(&f);
        let uses = m.attempts.iter().map(|a| &a.value).find(|a| {
            matches!(a.counted, Counted::Attempts | Counted::MethodUses)
                && a.scope == Scope::Account
        });
        let rule = profile.upload_rule(method);
        Ok(ReviewTerms {
            method,
            review,
            document_image: has(Factor::DocumentImage),
            handheld_photo: has(Factor::HandheldPhoto),
            certificate: has(Factor::Certificate),
            legal_representative: has(Factor::LegalRepresentative),
            // The profile's delegate rule (Kingsoft: a sealed letter and
            // the authorised person's ID, 000:191 and 003:14).
            delegate: has(Factor::AuthorizationLetter) || m.delegate.value().is_some(),
            formats: rule
                .and_then(|r| r.formats.value())
                .map(|v| v.iter().copied().collect()),
            max_bytes: rule.and_then(|r| r.max_bytes.value().copied()),
            uses_per_account: uses.map(|a| a.max),
            on_uses_exhausted: uses.and_then(|a| a.on_exhaust),
            cap: profile
                .account_cap(method.subject())
                .and_then(|c| c.value.limit.number()),
            escalation: profile.overdue_review.value().copied(),
        })
    }

    fn check(&self) -> Result<(), FlowError> {
        let zero = |n: Option<u32>| n == Some(0);
        if zero(self.uses_per_account) || zero(self.cap) || self.max_bytes == Some(0) {
            return Err(FlowError::Tampered("a limit of zero"));
        }
        if self.formats.is_some_and(|f| f.is_empty()) {
            return Err(FlowError::Tampered("no format accepted"));
        }
        Ok(())
    }

    /// The parts a submission signed by `signatory` must hold.
    fn parts(&self, signatory: Option<Actor>) -> Result<Vec<Part>, UploadProblem> {
        let mut parts = Vec::new();
        let asked = [
            (self.document_image, Part::DocumentImage),
            (self.handheld_photo, Part::HandheldPhoto),
            (self.certificate, Part::Certificate),
        ];
        parts.extend(asked.iter().filter(|(on, _)| *on).map(|(_, p)| *p));
        let signs = self.legal_representative || self.delegate;
        match signatory {
            None if !signs => {}
            Some(Actor::LegalRepresentative) if self.legal_representative => {
                parts.push(Part::LegalRepresentativeId);
            }
            Some(Actor::Delegate) if self.delegate => {
                parts.push(Part::AuthorizationLetter);
                parts.push(Part::DelegateId);
            }
            _ => return Err(UploadProblem::Signatory),
        }
        Ok(parts)
    }

    /// Refuses uploads that are not what the terms ask for.
    fn check_uploads(&self, files: &Uploads, signatory: Option<Actor>) -> Result<(), FlowError> {
        let parts = self.parts(signatory).map_err(FlowError::UploadRefused)?;
        let refuse = |p| Err(FlowError::UploadRefused(p));
        for file in files.as_slice() {
            let part = file.part;
            if !parts.contains(&part) {
                return refuse(UploadProblem::NotAsked { part });
            }
            if file.bytes == 0 {
                return refuse(UploadProblem::Empty { part });
            }
            if let Some(accepted) = self.formats
                && !file.format.is_some_and(|f| accepted.contains(f))
            {
                return refuse(UploadProblem::Format { part, accepted });
            }
            if let Some(max_bytes) = self.max_bytes
                && file.bytes > max_bytes
            {
                return refuse(UploadProblem::TooLarge {
                    part,
                    bytes: file.bytes,
                    max_bytes,
                });
            }
        }
        match parts
            .iter()
            .find(|p| !files.as_slice().iter().any(|f| f.part == **p))
        {
            Some(part) => refuse(UploadProblem::Missing { part: *part }),
            None => Ok(()),
        }
    }
}

/// What the reviewer decided.
///
/// ```
/// assert_ne!(realname::flow::ReviewOutcome::Approved, realname::flow::ReviewOutcome::Rejected);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ReviewOutcome {
    /// Approved: the flow binds the identity.
    Approved,
    /// Rejected for good.
    Rejected,
    /// Sent back: the applicant submits again (Huawei's "you will be
    /// requested to retry").
    ResubmissionRequested,
}

/// What happened, as the caller reports it to a [`DocumentReview`].
///
/// ```
/// use realname::flow::{FlowEvent, ReviewEvent};
/// assert_eq!(ReviewEvent::Tick.code(), "tick");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ReviewEvent {
    /// The applicant submitted the form and the files. Counts one use of
    /// the method when the review is queued.
    Submit {
        /// The files, checked against the terms.
        uploads: Uploads,
        /// Whether the provider's OCR read the name and number entered:
        /// `None` when the caller runs none.
        ocr: Option<bool>,
        /// Who signs for an organisation: [`Actor::LegalRepresentative`]
        /// with their ID, or [`Actor::Delegate`] with a sealed letter and
        /// their own ID; `None` for a personal document.
        signatory: Option<Actor>,
    },
    /// The reviewer decided.
    ReviewDecided {
        /// The review it answers.
        id: ActionId,
        /// The decision.
        outcome: ReviewOutcome,
    },
    /// The store answered the bind.
    Bound {
        /// The bind it answers.
        id: ActionId,
        /// The store's answer.
        outcome: BindOutcome,
    },
    /// The applicant withdrew.
    Withdraw,
    /// Only the time: marks a review past its due time overdue.
    Tick,
}

impl FlowEvent for ReviewEvent {
    fn tick() -> ReviewEvent {
        ReviewEvent::Tick
    }

    fn code(&self) -> &'static str {
        match self {
            ReviewEvent::Submit { .. } => "submit",
            ReviewEvent::ReviewDecided { .. } => "review_decided",
            ReviewEvent::Bound { .. } => "bound",
            ReviewEvent::Withdraw => "withdraw",
            ReviewEvent::Tick => "tick",
        }
    }

    fn answers(&self) -> Option<ActionId> {
        match self {
            ReviewEvent::ReviewDecided { id, .. } | ReviewEvent::Bound { id, .. } => Some(*id),
            _ => None,
        }
    }
}

/// Where the machine is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Details,
    Review,
    Binding,
    Verified,
    Failed,
    Locked,
    Withdrawn,
}

/// The document-review machine's state: derived from the history, opaque.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::flow::{DocumentReview, Machine, Review};
/// use realname::policy::{MethodKind, Provider};
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
/// let (flow, _) = DocumentReview::start(Provider::Kingsoft.profile(), MethodKind::DocumentUpload, 0, t)?;
/// assert_eq!(Review::view(flow.terms(), &Review::initial(flow.terms(), 0, t)).revision, 0);
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    phase: Phase,
    revision: u64,
    uses: u32,
    pending: Option<ActionId>,
    review_due: Option<DateTime<Utc>>,
    overdue: bool,
    failure: Option<Failure>,
    last_at: DateTime<Utc>,
}

/// A document review (证件审核) as a sans-IO state machine: Kingsoft
/// Cloud's other personal documents (K-OTHER) and enterprise certificate
/// (K-CERT), and Huawei Cloud's document upload (H-DOC), with the numbers
/// of each profile.
///
/// The flow: the applicant submits the files (each checked against the
/// profile's upload rule, kept in the terms) and, for an organisation,
/// who signs; the caller reports whether its OCR read the name and number
/// entered; a review is queued, due by the method's longest review time on
/// the working-day calendar (one use of the method is counted here); the
/// reviewer approves (the bind under the account cap, then verified),
/// rejects (failed), or asks for the documents again (back to the
/// applicant). A review past its due time stays in review and is overdue
/// ([`DocumentReview::is_overdue`]); where the provider names whom to
/// contact then, [`DocumentReview::escalation`] says so.
///
/// A refused upload is a [`FlowError::UploadRefused`] and changes nothing:
/// the applicant fixes the files and submits again (call
/// [`Upload::check`] first for the message with the accepted formats). A
/// name or number the OCR did not read is a [`Failure::DocumentMismatch`]
/// shown to the applicant: the flow waits for a new submission and counts
/// nothing, since no review was queued.
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use realname::calendar::ChinaMainland;
/// use realname::flow::{Action, BindOutcome, DocumentReview, Part, ReviewEvent as E, ReviewOutcome, Status, Upload, Uploads};
/// use realname::policy::{MethodKind, Provider};
///
/// let cal = ChinaMainland::default();
/// let huawei = Provider::HuaweiInternational.profile();
/// // Monday 2 November 2026, 10:00 in Beijing.
/// let t0 = Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0).unwrap();
/// let (mut flow, _) = DocumentReview::start(huawei, MethodKind::DocumentUpload, 0, t0)?;
/// let m = MethodKind::DocumentUpload;
/// let files = Uploads::new(&[
///     Upload::check(huawei, m, Part::DocumentImage, "passport.pdf", 900_000).unwrap(),
///     Upload::check(huawei, m, Part::HandheldPhoto, "holding.jpg", 2_000_000).unwrap(),
/// ])?;
/// let step = flow.handle(E::Submit { uploads: files, ocr: Some(true), signatory: None }, t0, &cal)?;
/// let [Action::QueueReview { id, due }] = step.actions[..] else { panic!() };
/// // Within three working days: 24:00 on Thursday 5 November, Beijing.
/// assert_eq!(due, Utc.with_ymd_and_hms(2026, 11, 5, 16, 0, 0).unwrap());
/// assert_eq!(flow.uses(), 1);
///
/// // Sent back once, then approved.
/// let step = flow.handle(E::ReviewDecided { id, outcome: ReviewOutcome::ResubmissionRequested }, t0 + Duration::hours(5), &cal)?;
/// assert_eq!(step.failure.map(|f| f.code()), Some("resubmission_requested"));
/// let step = flow.handle(E::Submit { uploads: files, ocr: None, signatory: None }, t0 + Duration::hours(6), &cal)?;
/// let [Action::QueueReview { id, .. }] = step.actions[..] else { panic!() };
/// let step = flow.handle(E::ReviewDecided { id, outcome: ReviewOutcome::Approved }, t0 + Duration::hours(30), &cal)?;
/// let [Action::Bind { id, cap: Some(3) }] = step.actions[..] else { panic!() };
/// let step = flow.handle(E::Bound { id, outcome: BindOutcome::Bound }, t0 + Duration::hours(31), &cal)?;
/// assert_eq!(step.status, Status::Verified);
/// assert_eq!(flow.uses(), 2);
/// # Ok::<(), realname::flow::FlowError>(())
/// ```
pub type DocumentReview = Flow<Review>;

/// A saved [`DocumentReview`].
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use chrono::{TimeZone, Utc};
/// use realname::flow::{DocumentReview, SavedReview};
/// use realname::policy::{MethodKind, Provider};
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
/// let (flow, _) = DocumentReview::start(Provider::Kingsoft.profile(), MethodKind::CertificateUpload, 0, t).unwrap();
/// let json = serde_json::to_string(&flow.save()).unwrap();
/// let back: SavedReview = serde_json::from_str(&json).unwrap();
/// assert_eq!(DocumentReview::restore(back).unwrap(), flow);
/// # }
/// ```
pub type SavedReview = Saved<Review>;

/// The document-review machine's transition, for [`Flow`].
///
/// ```
/// use realname::flow::{Machine, Review};
/// fn is_machine<M: Machine>() {}
/// is_machine::<Review>();
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review;

impl Machine for Review {
    type Terms = ReviewTerms;
    type Event = ReviewEvent;
    type State = State;

    fn initial(_: &ReviewTerms, prior_uses: u32, now: DateTime<Utc>) -> State {
        State {
            phase: Phase::Details,
            revision: 0,
            uses: prior_uses,
            pending: None,
            review_due: None,
            overdue: false,
            failure: None,
            last_at: now,
        }
    }

    fn check_terms(terms: &ReviewTerms) -> Result<(), FlowError> {
        terms.check()
    }

    fn apply(
        terms: &ReviewTerms,
        state: &State,
        event: &ReviewEvent,
        now: DateTime<Utc>,
        reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
    ) -> Result<(State, Vec<Action>), FlowError> {
        apply(terms, state, event, now, reckon)
    }

    fn view(_: &ReviewTerms, s: &State) -> View {
        View {
            status: status_of(s),
            next_deadline: match s.phase {
                Phase::Review if !s.overdue => s.review_due,
                _ => None,
            },
            failure: s.failure,
            revision: s.revision,
            pending: s.pending,
            uses: s.uses,
            entries: 0,
            last_at: s.last_at,
        }
    }
}

impl Flow<Review> {
    /// Starts a document review of the profile's `method`
    /// ([`MethodKind::DocumentUpload`] or [`MethodKind::CertificateUpload`])
    /// for an account that has used the method `prior_uses` times before.
    ///
    /// # Errors
    ///
    /// [`FlowError::MethodNotOffered`] as [`ReviewTerms::from_profile`].
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::flow::{DocumentReview, Status};
    /// use realname::policy::{MethodKind, Provider};
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    /// let (flow, step) = DocumentReview::start(Provider::Kingsoft.profile(), MethodKind::DocumentUpload, 0, t)?;
    /// assert_eq!((step.status, flow.revision()), (Status::AwaitingApplicant, 0));
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn start(
        profile: &Profile,
        method: MethodKind,
        prior_uses: u32,
        now: DateTime<Utc>,
    ) -> Result<(DocumentReview, Step), FlowError> {
        let flow = Flow::with_terms(ReviewTerms::from_profile(profile, method)?, prior_uses, now);
        let step = flow.step();
        Ok((flow, step))
    }

    /// Whether the review is past its due time at `now`: the flow stays in
    /// review, and the applicant may be told whom to contact
    /// ([`DocumentReview::escalation`]).
    ///
    /// ```
    /// use chrono::{Duration, TimeZone, Utc};
    /// use realname::calendar::ChinaMainland;
    /// use realname::flow::{DocumentReview, Part, ReviewEvent, Status, Upload, Uploads};
    /// use realname::policy::{MethodKind, Provider};
    /// let t = Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0).unwrap();
    /// let (mut flow, _) = DocumentReview::start(Provider::Kingsoft.profile(), MethodKind::DocumentUpload, 0, t)?;
    /// let uploads = Uploads::new(&[Upload::new(Part::DocumentImage, "a.jpg", 9), Upload::new(Part::HandheldPhoto, "b.jpg", 9)])?;
    /// let step = flow.handle(ReviewEvent::Submit { uploads, ocr: Some(true), signatory: None }, t, &ChinaMainland::default())?;
    /// let due = step.next_deadline.unwrap(); // 2 working days
    /// assert!(!flow.is_overdue(due) && flow.is_overdue(due + Duration::seconds(1)));
    /// assert!(matches!(flow.status(), Status::InReview { .. }));
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        matches!(self.status(), Status::InReview { due } if now > due)
    }

    /// Whom the applicant contacts about an overdue review, where the
    /// provider says (Tencent Cloud: 在线客服); `None` while the review is
    /// not overdue.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::flow::DocumentReview;
    /// use realname::policy::{MethodKind, Provider};
    /// let t = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    /// let (flow, _) = DocumentReview::start(Provider::Kingsoft.profile(), MethodKind::DocumentUpload, 0, t)?;
    /// assert_eq!(flow.escalation(t), None); // not in review, and Kingsoft names no one
    /// # Ok::<(), realname::flow::FlowError>(())
    /// ```
    pub fn escalation(&self, now: DateTime<Utc>) -> Option<Contact> {
        self.terms().escalation.filter(|_| self.is_overdue(now))
    }
}

fn status_of(s: &State) -> Status {
    match s.phase {
        Phase::Details => Status::AwaitingApplicant,
        Phase::Review => Status::InReview {
            due: s.review_due.unwrap_or(s.last_at),
        },
        Phase::Binding => Status::AwaitingParty(Party::Store),
        Phase::Verified => Status::Verified,
        Phase::Failed => Status::Failed,
        Phase::Locked => Status::Locked,
        Phase::Withdrawn => Status::Withdrawn,
    }
}

/// The pure transition: the state after `event` at `now`, and the actions
/// it emits. `reckon` turns a duration from `now` into a due time.
fn apply(
    terms: &ReviewTerms,
    s: &State,
    event: &ReviewEvent,
    now: DateTime<Utc>,
    reckon: &mut dyn FnMut(Duration) -> Result<DateTime<Utc>, FlowError>,
) -> Result<(State, Vec<Action>), FlowError> {
    let unexpected = |state: &State| FlowError::Unexpected {
        status: status_of(state),
        event: event.code(),
    };
    let mut n = *s;
    n.last_at = now;
    // Deadlines first: a review past its due time is overdue, and stays
    // in review.
    let marked =
        n.phase == Phase::Review && !n.overdue && n.review_due.is_some_and(|due| now > due);
    if marked {
        n.overdue = true;
    }
    let rev = s.revision.saturating_add(1);
    let first = ActionId {
        revision: rev,
        index: 0,
    };
    let answer_is = |id: &ActionId| expect_answer(s.pending, *id);
    let mut actions = Vec::new();
    match (s.phase, *event) {
        (_, ReviewEvent::Tick) if !marked => return Ok((*s, actions)),
        (_, ReviewEvent::Tick) => {}
        (Phase::Binding, ReviewEvent::Withdraw) => return Err(unexpected(s)),
        (_, ReviewEvent::Withdraw) => {
            n.phase = Phase::Withdrawn;
            n.pending = None;
        }
        (
            Phase::Details,
            ReviewEvent::Submit {
                uploads,
                ocr,
                signatory,
            },
        ) => {
            terms.check_uploads(&uploads, signatory)?;
            if let Some(max) = terms.uses_per_account.filter(|&m| s.uses >= m) {
                let failure = |fallback| {
                    Some(Failure::AttemptsExhausted {
                        counted: Counted::MethodUses,
                        max,
                        fallback,
                    })
                };
                (n.phase, n.failure) = match terms.on_uses_exhausted {
                    Some(OnExhaust::FallbackTo(m)) => (Phase::Failed, failure(Some(m))),
                    Some(OnExhaust::MethodLocked | OnExhaust::Restart) => {
                        (Phase::Locked, failure(None))
                    }
                    _ => (Phase::Failed, failure(None)),
                };
            } else if ocr == Some(false) {
                n.failure = Some(Failure::DocumentMismatch);
            } else {
                let due = reckon(terms.review)?;
                n.uses = n.uses.saturating_add(1);
                n.phase = Phase::Review;
                n.review_due = Some(due);
                n.overdue = false;
                n.failure = None;
                n.pending = Some(first);
                actions.push(Action::QueueReview { id: first, due });
            }
        }
        (Phase::Review, ReviewEvent::ReviewDecided { id, outcome }) => {
            answer_is(&id)?;
            n.review_due = None;
            n.overdue = false;
            match outcome {
                ReviewOutcome::Approved => {
                    n.phase = Phase::Binding;
                    n.pending = Some(first);
                    actions.push(Action::Bind {
                        id: first,
                        cap: terms.cap,
                    });
                }
                ReviewOutcome::Rejected => {
                    n.phase = Phase::Failed;
                    n.pending = None;
                    n.failure = Some(Failure::ReviewRejected);
                }
                ReviewOutcome::ResubmissionRequested => {
                    n.phase = Phase::Details;
                    n.pending = None;
                    n.failure = Some(Failure::ResubmissionRequested);
                }
            }
        }
        (Phase::Binding, ReviewEvent::Bound { id, outcome }) => {
            answer_is(&id)?;
            n.pending = None;
            match bind_failure(outcome, terms.cap) {
                None => n.phase = Phase::Verified,
                Some(failure) => {
                    n.phase = Phase::Failed;
                    n.failure = Some(failure);
                }
            }
        }
        _ => return Err(unexpected(s)),
    }
    n.revision = rev;
    Ok((n, actions))
}
