#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
// The library never panics on input: no unwrap, no indexing that can fail,
// no slicing of text by bytes. (Tests, benches and examples may.)
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod age;
pub mod calendar;
pub mod checksum;
pub mod document;
mod error;
pub mod flow;
pub mod org;
pub mod policy;
pub mod region;
pub mod rules;
pub mod store;
#[cfg(feature = "proptest")]
pub mod strategy;
pub mod subject;
pub mod transport;

/// The date and time types of the API, re-exported so that a user's
/// `Cargo.toml` needs only this crate: `realname::chrono::NaiveDate`.
pub use chrono;

pub use age::AgeRule;
pub use document::MAX_INPUT_BYTES;
pub use document::{
    BankCardNumber, BusinessRegistrationNumber, CardNetwork, Carrier, ChinesePassport, Country,
    DetectedKinds, Document, DocumentKey, DocumentKind, ExitEntryPermit, ForeignDrivingLicence,
    ForeignPassport, ForeignPermanentResidentId, FprGeneration, Gender, HkMacaoTravelPermit,
    Holder, HongKongId, InputForm, KeyScheme, LegacyResidentId, MacaoId, Masked, MobileNumber,
    OrganizationCode, ParseOptions, PassportSeries, RegisteredEntity, ResidentId, SpecialRegion,
    SubjectKind, TaiwanId, TaiwanIdFormat, TaiwanTravelPermit, UnknownKind, Uscc, UsccCheck,
    detect,
};
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub use document::{Field, FieldError};
pub use error::{CharClass, Error, NationalityCode};
pub use region::{RegionCheck, RegionProblem};
