//! A masked serde form of documents, for logs and audit records.
//!
//! Documents serialize as their full canonical number, which is what a
//! database or an upstream verification API needs; their `Debug` masks
//! it. A struct that derives `Serialize` to be logged would leak the
//! number: point its document fields at this module instead.
//!
//! ```
//! use realname::{Document, MobileNumber, ResidentId};
//!
//! #[derive(serde::Serialize)]
//! struct AuditRecord {
//!     #[serde(serialize_with = "realname::document::masked::serialize")]
//!     id: ResidentId,
//!     #[serde(serialize_with = "realname::document::masked::serialize_option")]
//!     mobile: Option<MobileNumber>,
//!     #[serde(serialize_with = "realname::document::masked::serialize")]
//!     document: Document,
//! }
//!
//! let record = AuditRecord {
//!     id: ResidentId::parse("11010519491231002X")?,
//!     mobile: Some(MobileNumber::parse("13812345678")?),
//!     document: Document::parse_any("6228480012345671").unwrap(),
//! };
//! assert_eq!(
//!     serde_json::to_string(&record).unwrap(),
//!     r#"{"id":"110105********002X","mobile":"138****5678","document":"6228 **** **** 5671"}"#
//! );
//! # Ok::<(), realname::Error>(())
//! ```
//!
//! The masked form cannot be read back: there is no `deserialize` here.

use serde::{Serialize, Serializer};

use super::Document;

/// Serializes a document (any document type, or a [`Document`]) as its
/// masked form, the string its `masked()` gives.
///
/// ```
/// #[derive(serde::Serialize)]
/// struct Log {
///     #[serde(serialize_with = "realname::document::masked::serialize")]
///     id: realname::ResidentId,
/// }
/// let log = Log { id: "11010519491231002X".parse()? };
/// assert_eq!(serde_json::to_string(&log).unwrap(), r#"{"id":"110105********002X"}"#);
/// # Ok::<(), realname::Error>(())
/// ```
///
/// # Errors
///
/// Only the serializer's own.
pub fn serialize<T, S>(document: &T, serializer: S) -> Result<S::Ok, S::Error>
where
    T: Copy + Into<Document>,
    S: Serializer,
{
    (*document).into().masked().serialize(serializer)
}

/// Serializes an optional document as its masked form, or `None`.
///
/// ```
/// #[derive(serde::Serialize)]
/// struct Log {
///     #[serde(serialize_with = "realname::document::masked::serialize_option")]
///     card: Option<realname::BankCardNumber>,
/// }
/// assert_eq!(serde_json::to_string(&Log { card: None }).unwrap(), r#"{"card":null}"#);
/// ```
///
/// # Errors
///
/// Only the serializer's own.
pub fn serialize_option<T, S>(document: &Option<T>, serializer: S) -> Result<S::Ok, S::Error>
where
    T: Copy + Into<Document>,
    S: Serializer,
{
    document.map(|d| d.into().masked()).serialize(serializer)
}
