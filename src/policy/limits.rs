//! How large a profile may be.
//!
//! A profile is read from files a caller may not control, so its size is
//! bounded, far above what real providers need: the built-in profiles have
//! at most 8 methods (Tencent Cloud), no list longer than 18 entries (Baidu
//! AI Cloud's organisation types, of the 19 the crate knows) and at most 83
//! sourced values (Baidu AI Cloud), and no list of the identifiers the
//! crate knows (methods, documents, factors …) needs 64 entries without
//! repeating one. [`ProfileData::check`](super::ProfileData::check)
//! refuses a profile past a bound with
//! [`ProfileProblem::TooMany`](super::ProfileProblem::TooMany) or
//! [`ProfileProblem::TooManySources`](super::ProfileProblem::TooManySources)
//! before it checks anything else, and, with the `serde` feature, reading a
//! profile stops at the first list entry past its bound, so that memory
//! stays bounded whatever the input holds: a list in the input is never
//! read in full. (Text fields, names and quotes, are not bounded beyond the
//! size of the input itself.)
//!
//! ```
//! use realname::policy::{Method, MethodKind, ProfileData, ProfileProblem, limits};
//! use realname::SubjectKind;
//!
//! let mut data = ProfileData::new("Example Cloud", "示例云");
//! data.methods = vec![Method::new(MethodKind::Face, SubjectKind::Individual); limits::ENTRIES + 1];
//! let err = data.check().unwrap_err();
//! assert_eq!(err.problem, ProfileProblem::TooMany { limit: limits::ENTRIES });
//! assert_eq!(err.path, "methods");
//! ```

/// The most entries any list of a profile may hold: methods, caps, upload
/// rules, changes, restrictions, and every list inside them
/// (documents, holders' residency, factors, requirements, name rules,
/// attempt limits, failure reasons, what a delegate provides, formats …).
///
/// ```
/// assert_eq!(realname::policy::limits::ENTRIES, 64);
/// ```
pub const ENTRIES: usize = 64;

/// The most sourced values a profile may hold in all
/// ([`ProfileData::sources`](super::ProfileData::sources)).
///
/// ```
/// use realname::policy::{Provider, limits};
/// assert!(Provider::Baidu.profile().sources().count() < limits::SOURCES);
/// ```
pub const SOURCES: usize = 1024;

/// The most years a minimum age may be: a larger one is a mistake (a
/// number of months or days, a year of birth), not a rule.
///
/// ```
/// assert_eq!(realname::policy::limits::MIN_AGE_YEARS, 150);
/// ```
pub const MIN_AGE_YEARS: u32 = 150;

/// Deserialising the bounded lists: at most [`ENTRIES`] entries are kept;
/// one more is skipped over without being kept and fails the read.
#[cfg(feature = "serde")]
pub(super) mod bounded {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{Deserialize, Deserializer, Error as _, IgnoredAny, SeqAccess, Visitor};

    use super::ENTRIES;
    use crate::policy::{Sourced, Stated};

    /// A list of at most [`ENTRIES`] entries.
    pub(in crate::policy) struct Bounded<T>(pub(in crate::policy) Vec<T>);

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for Bounded<T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Entries<T>(PhantomData<T>);

            impl<'de, T: Deserialize<'de>> Visitor<'de> for Entries<T> {
                type Value = Bounded<T>;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    write!(f, "a list of at most {ENTRIES} entries")
                }

                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Bounded<T>, A::Error> {
                    let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(ENTRIES));
                    while out.len() < ENTRIES {
                        match seq.next_element()? {
                            Some(item) => out.push(item),
                            None => return Ok(Bounded(out)),
                        }
                    }
                    match seq.next_element::<IgnoredAny>()? {
                        None => Ok(Bounded(out)),
                        Some(_) => Err(A::Error::custom(format_args!(
                            "a list of more than {ENTRIES} entries, the most a profile allows"
                        ))),
                    }
                }
            }

            d.deserialize_seq(Entries(PhantomData))
        }
    }

    /// For `deserialize_with` on a `Vec<T>` field.
    pub(in crate::policy) fn vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        Bounded::deserialize(d).map(|b| b.0)
    }

    /// For `deserialize_with` on a `Stated<Vec<T>>` field.
    pub(in crate::policy) fn stated_vec<'de, D, T>(d: D) -> Result<Stated<Vec<T>>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        Ok(match Option::<Sourced<Bounded<T>>>::deserialize(d)? {
            None => Stated::NotStated,
            Some(Sourced { value, source }) => Stated::Given(Sourced {
                value: value.0,
                source,
            }),
        })
    }
}
