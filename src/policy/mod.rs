//! Provider policy profiles: one provider's real-name rules as data.
//!
//! A [`ProfileData`] is plain data (structs and enums, serde-ready with the
//! `serde` feature) covering every kind of rule the providers' documents
//! state: the subjects and organisation types served, the methods offered and
//! the documents each accepts (and from which holders), account caps, phone
//! caps, attempt limits, the reasons an attempt fails, review times,
//! micro-deposit and recharge parameters with their deadlines and what
//! follows them, who may act instead of a legal representative, the rules
//! names must follow, upload rules, the minimum age, changes of the
//! verified subject and what an individual account may not do. A
//! [`Profile`] is that data once checked for consistency
//! ([`ProfileData::check`]), and the only form of a profile the decisions
//! in [`rules`](crate::rules) accept, so a rule that reads a profile never
//! reads one that was not checked. (`rules::check_deadline` takes a single
//! [`Deadline`], which a caller taking it from a `Profile` has checked.)
//!
//! Most providers leave most rules unstated, and "not stated by the
//! provider" is a value of its own here ([`Stated::NotStated`], or an empty
//! list of sourced rules), distinct from "none" or "unlimited"
//! ([`Limit::Unlimited`]). A rule that is not stated never refuses anything.
//!
//! Every value of the built-in profiles ([`Provider::profile`]) carries a
//! [`Source`]: the seed document, the line and the phrase it rests on,
//! reachable at run time through [`ProfileData::sources`] and listed, with the
//! choices made where a seed is unclear, in [`sources`].
//!
//! # Building a profile in code
//!
//! Start from [`ProfileData::new`] (or `ProfileData::default()`), assign its
//! fields, and make it a [`Profile`] with [`Profile::new`], which checks
//! it. The rule structs inside ([`Subjects`], [`Method`],
//! [`DocumentResidency`], [`Delegate`], [`AccountCap`], [`PhoneCap`],
//! [`AttemptLimit`], [`MethodAttempts`], [`Payment`], [`AmountRange`],
//! [`Deadline`], [`ManualReview`], [`UploadRule`], [`ChangeRule`],
//! [`Cooldown`], [`MinAge`], [`Restriction`], [`Source`]) and
//! [`ProfileData`] itself are `#[non_exhaustive]`, as are the enums of
//! values (kinds of method, limits, scopes …): a later version may add a
//! field for a rule a provider states, or a value, without breaking code
//! that builds profiles. So outside the crate they are not written as
//! struct literals: each has a `new` taking the fields it cannot do
//! without, the other fields start as not stated, and every field is
//! public to assign (optional ones also through `with_*` methods). Match
//! the enums with a wildcard arm. The wrappers [`Stated`], [`Sourced`] and
//! [`Listed`] stay exhaustive: they are the format's grammar, not rules,
//! and matching them exhaustively is what they are for.
//!
//! ```
//! use realname::policy::{
//!     AccountCap, AttemptLimit, CapKey, Counted, Limit, Method, MethodKind, OnExhaust, Profile,
//!     ProfileData, Raise, Scope, Source, Sourced, Stated,
//! };
//! use realname::rules;
//! use realname::SubjectKind;
//!
//! let mut data = ProfileData::new("Example Cloud", "示例云");
//! let mut face = Method::new(MethodKind::Face, SubjectKind::Individual);
//! face.attempts.push(Sourced::unsourced(
//!     AttemptLimit::new(Counted::Attempts, 5, Scope::Account).with_on_exhaust(OnExhaust::MethodLocked),
//! ));
//! data.methods.push(face);
//! data.account_caps.push(Sourced::new(
//!     AccountCap::new(SubjectKind::Individual, CapKey::DocumentNumber, Limit::AtMost(2)).with_raise(Raise::Hard),
//!     Source::new("handbook.md", 12, "每个证件最多认证 2 个账号"),
//! ));
//! let profile = Profile::new(data)?;
//! assert!(rules::check_account_cap(&profile, SubjectKind::Individual, 2).is_err());
//! assert_eq!(rules::attempts_left(&profile, MethodKind::Face, Scope::Account, 1), Ok(Some(4)));
//! # Ok::<(), realname::policy::ProfileError>(())
//! ```
//!
//! # The built-in profiles
//!
//! ```
//! use realname::policy::{CapKey, Limit, Provider};
//! use realname::SubjectKind;
//!
//! let tencent = Provider::Tencent.profile();
//! let cap = tencent.account_cap(SubjectKind::Individual).unwrap();
//! assert_eq!(cap.value.limit, Limit::AtMost(3));
//! assert_eq!(cap.value.key, CapKey::DocumentNumber);
//! let source = cap.source.as_ref().unwrap();
//! assert_eq!(source.document, "004_8fb8c130c10e39bd.txt");
//! assert!(source.quote.contains("仅支持实名认证3个腾讯云账号"));
//! ```

use std::fmt;

use crate::calendar::Duration;
use crate::org::{OrganizationType, named_enum};
use crate::{AgeRule, DocumentKind, SubjectKind};

mod builtin;
mod check;

/// Where each built-in value comes from. The same list is there at run
/// time, through [`ProfileData::sources`]:
///
/// ```
/// use realname::policy::Provider;
/// let baidu = Provider::Baidu.profile();
/// let (_, source) = baidu.sources().find(|(path, _)| path == "min_age").unwrap();
/// assert_eq!(source.line, Some(1417));
/// ```
///
#[doc = include_str!("sources.md")]
pub mod sources {}

pub mod limits;

pub use builtin::Provider;
pub use check::{ProfileError, ProfileProblem};

#[cfg(feature = "serde")]
/// For serde's `skip_serializing_if`.
fn is_false(b: &bool) -> bool {
    !*b
}

mod attempts;
mod cap;
mod change;
mod delegate;
mod failure;
mod method;
mod min_age;
mod payment;
mod profile;
mod restriction;
mod review;
mod source;
mod upload;

pub use attempts::*;
pub use cap::*;
pub use change::*;
pub use delegate::*;
pub use failure::*;
pub use method::*;
pub use min_age::*;
pub use payment::*;
pub use profile::*;
pub use restriction::*;
pub use review::*;
pub use source::*;
pub use upload::*;
