//! Where values come from: `Source`, `Sourced`, `Stated` and `Listed`.

use super::*;

/// Where a value came from: a document, a line in it and the phrase.
///
/// ```
/// use realname::policy::Provider;
/// let p = Provider::HuaweiInternational.profile();
/// let source = p.min_age.source();
/// assert!(source.is_none()); // Huawei's page states no minimum age
/// let (path, first) = p.sources().next().unwrap();
/// assert_eq!(path, "subjects.individual");
/// assert_eq!(first.to_string(), "002_adfdc5c91064f6f9.txt, line 1: \"Individual Real-Name Authentication\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Source {
    /// The document: for the built-in profiles, the seed file's name.
    pub document: String,
    /// The line the phrase is on, counting from 1, where known.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub line: Option<u32>,
    /// The phrase the value rests on, as the document words it.
    pub quote: String,
}

impl Source {
    /// A source with a line.
    ///
    /// ```
    /// let s = realname::policy::Source::new("handbook.md", 12, "at most 2 accounts");
    /// assert_eq!(s.line, Some(12));
    /// ```
    #[must_use]
    pub fn new(document: impl Into<String>, line: u32, quote: impl Into<String>) -> Source {
        Source {
            document: document.into(),
            line: Some(line),
            quote: quote.into(),
        }
    }

    /// A source whose line is not known.
    ///
    /// ```
    /// let s = realname::policy::Source::without_line("https://example.com/faq", "two accounts");
    /// assert_eq!(s.line, None);
    /// assert_eq!(s.to_string(), "https://example.com/faq: \"two accounts\"");
    /// ```
    #[must_use]
    pub fn without_line(document: impl Into<String>, quote: impl Into<String>) -> Source {
        Source {
            document: document.into(),
            line: None,
            quote: quote.into(),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}, line {line}: {:?}", self.document, self.quote),
            None => write!(f, "{}: {:?}", self.document, self.quote),
        }
    }
}

/// A value with the note of where it came from.
///
/// ```
/// use realname::policy::{Limit, Source, Sourced};
/// let v = Sourced::new(Limit::AtMost(2), Source::new("handbook.md", 3, "two accounts"));
/// assert_eq!(v.value, Limit::AtMost(2));
/// assert_eq!(Sourced::unsourced(Limit::Unlimited).source, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Where it came from; every value of a built-in profile has one.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub source: Option<Source>,
}

impl<T> Sourced<T> {
    /// A value with its source.
    ///
    /// ```
    /// use realname::policy::{Source, Sourced};
    /// assert!(Sourced::new(3, Source::new("a", 1, "three")).source.is_some());
    /// ```
    #[must_use]
    pub fn new(value: T, source: Source) -> Sourced<T> {
        Sourced {
            value,
            source: Some(source),
        }
    }

    /// A value without a source, as in a profile a caller writes.
    ///
    /// ```
    /// assert_eq!(realname::policy::Sourced::unsourced(3).value, 3);
    /// ```
    #[must_use]
    pub const fn unsourced(value: T) -> Sourced<T> {
        Sourced {
            value,
            source: None,
        }
    }
}

/// A rule as the provider states it, or [`NotStated`](Stated::NotStated).
///
/// With serde, a rule that is not stated is left out (or `null`); a stated
/// rule is `{"value": …, "source": …}`.
///
/// ```
/// use realname::policy::{MinAge, Provider, Stated};
/// use realname::AgeRule;
///
/// let baidu = Provider::Baidu.profile();
/// assert_eq!(baidu.min_age.value(), Some(&MinAge::new(14).with_rule(AgeRule::Birthday)));
/// assert_eq!(Provider::Tencent.profile().min_age, Stated::NotStated);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Stated<T> {
    /// The provider does not state this rule. Distinct from "none" and
    /// "unlimited": nothing is known, so nothing is refused on it.
    NotStated,
    /// The provider states the rule.
    Given(Sourced<T>),
}

impl<T> Default for Stated<T> {
    /// Not stated.
    fn default() -> Stated<T> {
        Stated::NotStated
    }
}

impl<T> Stated<T> {
    /// A stated value with its source.
    ///
    /// ```
    /// use realname::policy::{Source, Stated};
    /// let s = Stated::given(1, Source::new("a", 1, "one"));
    /// assert_eq!(s.value(), Some(&1));
    /// ```
    #[must_use]
    pub fn given(value: T, source: Source) -> Stated<T> {
        Stated::Given(Sourced::new(value, source))
    }

    /// The value, if stated.
    ///
    /// ```
    /// assert_eq!(realname::policy::Stated::<u32>::NotStated.value(), None);
    /// ```
    pub fn value(&self) -> Option<&T> {
        match self {
            Stated::NotStated => None,
            Stated::Given(s) => Some(&s.value),
        }
    }

    /// The value and its source, if stated.
    ///
    /// ```
    /// use realname::policy::{Source, Stated};
    /// assert!(Stated::given(1, Source::new("a", 1, "one")).sourced().is_some());
    /// ```
    pub fn sourced(&self) -> Option<&Sourced<T>> {
        match self {
            Stated::NotStated => None,
            Stated::Given(s) => Some(s),
        }
    }

    /// The source, if the rule is stated and sourced.
    ///
    /// ```
    /// use realname::policy::Provider;
    /// assert_eq!(Provider::Baidu.profile().min_age.source().unwrap().line, Some(1417));
    /// ```
    pub fn source(&self) -> Option<&Source> {
        self.sourced().and_then(|s| s.source.as_ref())
    }

    /// Whether the provider states nothing.
    ///
    /// ```
    /// assert!(realname::policy::Stated::<u32>::NotStated.is_not_stated());
    /// ```
    pub fn is_not_stated(&self) -> bool {
        matches!(self, Stated::NotStated)
    }
}

#[cfg(feature = "serde")]
mod stated_serde {
    use super::{Sourced, Stated};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    impl<T: Serialize> Serialize for Stated<T> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self {
                Stated::NotStated => s.serialize_none(),
                Stated::Given(v) => s.serialize_some(v),
            }
        }
    }

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for Stated<T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Ok(match Option::<Sourced<T>>::deserialize(d)? {
                None => Stated::NotStated,
                Some(v) => Stated::Given(v),
            })
        }
    }
}

/// A list that is either complete or a list of examples (the provider's
/// "such as" or "等").
///
/// ```
/// use realname::policy::Listed;
/// let l = Listed::examples(vec![1, 2]);
/// assert!(l.allows(&3));
/// assert!(!Listed::complete(vec![1, 2]).allows(&3));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(
    feature = "serde",
    serde(bound(deserialize = "T: serde::Deserialize<'de>"))
)]
pub struct Listed<T> {
    /// The items the provider names.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::policy::limits::bounded::vec")
    )]
    pub items: Vec<T>,
    /// Whether the items are examples only, so that others may be allowed.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
    pub open: bool,
}

impl<T: PartialEq> Listed<T> {
    /// A complete list.
    ///
    /// ```
    /// assert!(!realname::policy::Listed::complete(vec!['a']).open);
    /// ```
    #[must_use]
    pub fn complete(items: Vec<T>) -> Listed<T> {
        Listed { items, open: false }
    }

    /// A list of examples.
    ///
    /// ```
    /// assert!(realname::policy::Listed::examples(vec!['a']).open);
    /// ```
    #[must_use]
    pub fn examples(items: Vec<T>) -> Listed<T> {
        Listed { items, open: true }
    }

    /// Whether the list names `item`.
    ///
    /// ```
    /// assert!(realname::policy::Listed::examples(vec!['a']).names(&'a'));
    /// ```
    pub fn names(&self, item: &T) -> bool {
        self.items.contains(item)
    }

    /// Whether `item` may be allowed: named, or the list is open.
    ///
    /// ```
    /// assert!(!realname::policy::Listed::complete(vec!['a']).allows(&'b'));
    /// ```
    pub fn allows(&self, item: &T) -> bool {
        self.open || self.names(item)
    }
}
