#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

pub mod age;
pub mod checksum;
pub mod document;
mod error;
pub mod region;
#[cfg(feature = "proptest")]
pub mod strategy;

pub use age::AgeRule;
pub use document::{
    Country, ForeignPermanentResidentId, FprGeneration, Gender, Holder, InputForm,
    LegacyResidentId, Masked, ParseOptions, ResidentId,
};
pub use error::{CharClass, Error, NationalityCode};
pub use region::{RegionCheck, RegionProblem};
