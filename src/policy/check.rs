//! Consistency checks of a profile, and the walk over its sources.

use std::collections::HashSet;
use std::fmt;

use super::{
    AttemptLimit, Duration, Limit, Listed, MethodKind, ProfileData, ReviewTime, Source, Sourced,
    Stated, Transition, limits,
};
use crate::{DocumentKind, SubjectKind};

/// What is wrong with a profile's value.
///
/// ```
/// use realname::policy::ProfileProblem;
/// assert_eq!(ProfileProblem::Zero.to_string(), "is zero, which allows nothing");
/// assert_eq!(ProfileProblem::Zero.code(), "zero");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProfileProblem {
    /// A name is empty.
    EmptyName,
    /// A method accepts no document.
    NoDocuments,
    /// A list that must name something is empty.
    EmptyList,
    /// A limit, size or duration of zero.
    Zero,
    /// A range whose minimum exceeds its maximum.
    RangeReversed {
        /// The minimum.
        min: u64,
        /// The maximum.
        max: u64,
    },
    /// The same method or transition twice.
    Duplicate,
    /// A method accepts a document of the other kind of subject.
    DocumentOfOtherSubject(DocumentKind),
    /// A rule of a method names a kind of document the method's documents
    /// do not include.
    DocumentNotListed(DocumentKind),
    /// A method is for a kind of subject the profile states it does not
    /// serve (a kind not stated may have methods).
    SubjectNotServed(SubjectKind),
    /// A rule names a method the profile does not offer.
    MethodNotOffered(MethodKind),
    /// A change-flow limit names a change the profile does not state.
    ChangeNotStated(Transition),
    /// A list holds more entries than a profile may
    /// ([`limits::ENTRIES`](super::limits::ENTRIES)).
    TooMany {
        /// The most entries allowed.
        limit: usize,
    },
    /// The profile holds more sourced values than it may
    /// ([`limits::SOURCES`](super::limits::SOURCES)); the path is the
    /// first value past the limit.
    TooManySources {
        /// The most sources allowed.
        limit: usize,
    },
    /// A review or arrival time of zero (a decision made at once is
    /// [`ReviewTime::Instant`]).
    ZeroTime,
    /// A second rule for a method (an upload rule, or an attempt limit of
    /// the same scope or change) that the first already covers: the rules
    /// would only ever use the first.
    ShadowedRule(MethodKind),
    /// An amount range of 0–0, which no payment matches.
    ZeroAmount,
    /// A minimum age past [`limits::MIN_AGE_YEARS`](super::limits::MIN_AGE_YEARS).
    AgeTooLarge {
        /// The age given.
        years: u32,
        /// The most allowed.
        max: u32,
    },
    /// A method for the other kind of subject than its kind verifies
    /// ([`MethodKind::subject`]).
    MethodOfOtherSubject(MethodKind),
}

impl ProfileProblem {
    /// A stable identifier of the problem.
    ///
    /// ```
    /// assert_eq!(realname::policy::ProfileProblem::NoDocuments.code(), "no_documents");
    /// ```
    pub fn code(&self) -> &'static str {
        self.codes()[0]
    }

    /// The problem's code, and the code of a [`ProfileError`] with it.
    fn codes(&self) -> [&'static str; 2] {
        match self {
            ProfileProblem::EmptyName => ["empty_name", "profile_empty_name"],
            ProfileProblem::NoDocuments => ["no_documents", "profile_no_documents"],
            ProfileProblem::EmptyList => ["empty_list", "profile_empty_list"],
            ProfileProblem::Zero => ["zero", "profile_zero"],
            ProfileProblem::RangeReversed { .. } => ["range_reversed", "profile_range_reversed"],
            ProfileProblem::Duplicate => ["duplicate", "profile_duplicate"],
            ProfileProblem::DocumentOfOtherSubject(_) => [
                "document_of_other_subject",
                "profile_document_of_other_subject",
            ],
            ProfileProblem::DocumentNotListed(_) => {
                ["document_not_listed", "profile_document_not_listed"]
            }
            ProfileProblem::SubjectNotServed(_) => {
                ["subject_not_served", "profile_subject_not_served"]
            }
            ProfileProblem::MethodNotOffered(_) => {
                ["method_not_offered", "profile_method_not_offered"]
            }
            ProfileProblem::ChangeNotStated(_) => {
                ["change_not_stated", "profile_change_not_stated"]
            }
            ProfileProblem::TooMany { .. } => ["too_many", "profile_too_many"],
            ProfileProblem::TooManySources { .. } => {
                ["too_many_sources", "profile_too_many_sources"]
            }
            ProfileProblem::ZeroTime => ["zero_time", "profile_zero_time"],
            ProfileProblem::ShadowedRule(_) => ["shadowed_rule", "profile_shadowed_rule"],
            ProfileProblem::ZeroAmount => ["zero_amount", "profile_zero_amount"],
            ProfileProblem::AgeTooLarge { .. } => ["age_too_large", "profile_age_too_large"],
            ProfileProblem::MethodOfOtherSubject(_) => {
                ["method_of_other_subject", "profile_method_of_other_subject"]
            }
        }
    }

    /// The problem in Chinese.
    ///
    /// ```
    /// use realname::policy::ProfileProblem;
    /// assert_eq!(ProfileProblem::RangeReversed { min: 3, max: 1 }.to_string_zh(), "最小值 3 大于最大值 1");
    /// ```
    pub fn to_string_zh(&self) -> String {
        match self {
            ProfileProblem::EmptyName => "名称为空".to_owned(),
            ProfileProblem::NoDocuments => "认证方式不接受任何证件".to_owned(),
            ProfileProblem::EmptyList => "列表为空".to_owned(),
            ProfileProblem::Zero => "取值为零，不允许任何操作".to_owned(),
            ProfileProblem::RangeReversed { min, max } => format!("最小值 {min} 大于最大值 {max}"),
            ProfileProblem::Duplicate => "重复出现".to_owned(),
            ProfileProblem::DocumentOfOtherSubject(k) => {
                format!("{}不属于该认证方式的主体类型", k.name_zh())
            }
            ProfileProblem::DocumentNotListed(k) => {
                format!("{}不在该认证方式接受的证件中", k.name_zh())
            }
            ProfileProblem::SubjectNotServed(s) => format!("配置声明不支持{}主体", s.name_zh()),
            ProfileProblem::MethodNotOffered(m) => format!("配置未提供{}", m.name_zh()),
            ProfileProblem::ChangeNotStated(t) => format!("配置未说明{}", t.name_zh()),
            ProfileProblem::TooMany { limit } => format!("超过 {limit} 项，配置不允许更多"),
            ProfileProblem::TooManySources { limit } => {
                format!("来源超过 {limit} 条，配置不允许更多")
            }
            ProfileProblem::ZeroTime => "时长为零；即时完成应写作 instant".to_owned(),
            ProfileProblem::ShadowedRule(m) => {
                format!("是{}的第二条同类规则，将被忽略", m.name_zh())
            }
            ProfileProblem::ZeroAmount => "金额范围为 0–0，任何付款都不符合".to_owned(),
            ProfileProblem::AgeTooLarge { years, max } => {
                format!("最低年龄 {years} 周岁超过上限 {max} 周岁")
            }
            ProfileProblem::MethodOfOtherSubject(m) => {
                format!("{}只适用于{}主体", m.name_zh(), m.subject().name_zh())
            }
        }
    }
}

impl fmt::Display for ProfileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfileProblem::EmptyName => f.write_str("is empty"),
            ProfileProblem::NoDocuments => f.write_str("a method that accepts no document"),
            ProfileProblem::EmptyList => f.write_str("is an empty list"),
            ProfileProblem::Zero => f.write_str("is zero, which allows nothing"),
            ProfileProblem::RangeReversed { min, max } => {
                write!(f, "the minimum {min} exceeds the maximum {max}")
            }
            ProfileProblem::Duplicate => f.write_str("appears twice"),
            ProfileProblem::DocumentOfOtherSubject(k) => write!(
                f,
                "{} is held by an {}, not by the method's subject",
                k.id(),
                k.subject()
            ),
            ProfileProblem::DocumentNotListed(k) => write!(
                f,
                "names {}, which the method's documents do not include",
                k.id()
            ),
            ProfileProblem::SubjectNotServed(s) => {
                write!(
                    f,
                    "is for an {s}, which the profile states it does not verify"
                )
            }
            ProfileProblem::MethodNotOffered(m) => {
                write!(f, "names {}, which the profile does not offer", m.id())
            }
            ProfileProblem::ChangeNotStated(t) => {
                write!(f, "names {}, a change the profile does not state", t.id())
            }
            ProfileProblem::TooMany { limit } => {
                write!(
                    f,
                    "has more than {limit} entries, the most a profile allows"
                )
            }
            ProfileProblem::TooManySources { limit } => {
                write!(f, "is past the {limit} sources a profile may hold")
            }
            ProfileProblem::ZeroTime => {
                f.write_str("is a time of zero; a decision made at once is instant")
            }
            ProfileProblem::ShadowedRule(m) => write!(
                f,
                "is a second rule for {}, which the first covers: it would be ignored",
                m.id()
            ),
            ProfileProblem::ZeroAmount => {
                f.write_str("is an amount range of 0–0, which no payment matches")
            }
            ProfileProblem::AgeTooLarge { years, max } => {
                write!(
                    f,
                    "is {years} years, more than the {max} a minimum age may be"
                )
            }
            ProfileProblem::MethodOfOtherSubject(m) => {
                write!(f, "{} is a method for an {}", m.id(), m.subject())
            }
        }
    }
}

/// Why a profile was rejected: the field, by its path, and the problem.
///
/// ```
/// use realname::policy::{Limit, Profile, ProfileProblem, Provider};
///
/// let mut data = Provider::Tencent.profile().to_data();
/// data.account_caps[1].value.limit = Limit::AtMost(0);
/// let err = Profile::new(data).unwrap_err();
/// assert_eq!(err.path, "account_caps[1].limit");
/// assert_eq!(err.problem, ProfileProblem::Zero);
/// assert_eq!(err.to_string(), "account_caps[1].limit: is zero, which allows nothing");
/// assert_eq!(err.code(), "profile_zero");
/// ```
///
/// With the `serde` feature it serialises as one object, fit for the body
/// of an HTTP error: the code, the English message (`Display`), the Chinese
/// one ([`ProfileError::to_string_zh`]), the path, the problem's own code
/// and the values it names (`min` and `max`, `limit`, `years` and `max`,
/// `document`, `subject`, `method`, `transition`), as the crate's other
/// errors do:
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use realname::policy::{ProfileData, ProfileError};
///
/// let data: ProfileData = serde_json::from_str(
///     r#"{"name_en":"X","name_zh":"某云","methods":[{"kind":"face","subject":"organization"}]}"#,
/// ).unwrap();
/// let err: ProfileError = data.check().unwrap_err();
/// assert_eq!(
///     serde_json::to_string(&err).unwrap(),
///     r#"{"code":"profile_method_of_other_subject","message":"methods[0].subject: face is a method for an individual","message_zh":"配置项 methods[0].subject：人脸识别认证只适用于个人主体","path":"methods[0].subject","problem":"method_of_other_subject","method":"face"}"#
/// );
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{path}: {problem}")]
#[non_exhaustive]
pub struct ProfileError {
    /// The path of the field at fault, as in `methods[2].review`.
    pub path: String,
    /// What is wrong with it.
    pub problem: ProfileProblem,
}

impl ProfileError {
    /// A stable identifier: `profile_` and the problem's code.
    ///
    /// ```
    /// use realname::policy::ProfileData;
    /// let err = ProfileData::new("", "云").check().unwrap_err();
    /// assert_eq!(err.code(), "profile_empty_name");
    /// ```
    pub fn code(&self) -> &'static str {
        self.problem.codes()[1]
    }

    /// The message in Chinese.
    ///
    /// ```
    /// use realname::policy::ProfileData;
    /// let err = ProfileData::new("", "云").check().unwrap_err();
    /// assert_eq!(err.to_string_zh(), "配置项 name_en：名称为空");
    /// ```
    pub fn to_string_zh(&self) -> String {
        format!("配置项 {}：{}", self.path, self.problem.to_string_zh())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ProfileError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", &self.to_string())?;
        map.serialize_entry("message_zh", &self.to_string_zh())?;
        map.serialize_entry("path", &self.path)?;
        map.serialize_entry("problem", self.problem.code())?;
        match &self.problem {
            ProfileProblem::RangeReversed { min, max } => {
                map.serialize_entry("min", min)?;
                map.serialize_entry("max", max)?;
            }
            ProfileProblem::DocumentOfOtherSubject(k) | ProfileProblem::DocumentNotListed(k) => {
                map.serialize_entry("document", k)?;
            }
            ProfileProblem::SubjectNotServed(s) => {
                map.serialize_entry("subject", s)?;
            }
            ProfileProblem::MethodNotOffered(m)
            | ProfileProblem::ShadowedRule(m)
            | ProfileProblem::MethodOfOtherSubject(m) => map.serialize_entry("method", m)?,
            ProfileProblem::ChangeNotStated(t) => map.serialize_entry("transition", t)?,
            ProfileProblem::TooMany { limit } | ProfileProblem::TooManySources { limit } => {
                map.serialize_entry("limit", limit)?;
            }
            ProfileProblem::AgeTooLarge { years, max } => {
                map.serialize_entry("years", years)?;
                map.serialize_entry("max", max)?;
            }
            ProfileProblem::EmptyName
            | ProfileProblem::NoDocuments
            | ProfileProblem::EmptyList
            | ProfileProblem::Zero
            | ProfileProblem::Duplicate
            | ProfileProblem::ZeroTime
            | ProfileProblem::ZeroAmount => {}
        }
        map.end()
    }
}

/// Collects the first problem found, with its path. Every check is linear
/// in the size of the profile: what rules name is looked up in sets.
struct Checker<'p> {
    profile: &'p ProfileData,
    /// The methods the profile offers.
    offered_kinds: HashSet<MethodKind>,
    /// The changes the profile states.
    changes: HashSet<Transition>,
    error: Option<ProfileError>,
}

impl Checker<'_> {
    fn fail(&mut self, field: impl FnOnce() -> String, problem: ProfileProblem) {
        if self.error.is_none() {
            self.error = Some(ProfileError {
                path: field(),
                problem,
            });
        }
    }

    /// Whether a list of `len` entries is within [`limits::ENTRIES`].
    fn bounded(&mut self, field: impl FnOnce() -> String, len: usize) -> bool {
        if len > limits::ENTRIES {
            self.fail(
                field,
                ProfileProblem::TooMany {
                    limit: limits::ENTRIES,
                },
            );
            return false;
        }
        true
    }

    /// Whether every list is within [`limits::ENTRIES`] and the sources
    /// within [`limits::SOURCES`]: checked first, so that the rest of the
    /// check works on a profile of bounded size.
    fn within_limits(&mut self) -> bool {
        fn len<T>(list: &Stated<Vec<T>>) -> usize {
            list.value().map_or(0, Vec::len)
        }
        fn listed<T>(list: &Stated<Listed<T>>) -> usize {
            list.value().map_or(0, |l| l.items.len())
        }
        let p = self.profile;
        let top = [
            ("organization_types.items", listed(&p.organization_types)),
            ("methods", p.methods.len()),
            ("account_caps", p.account_caps.len()),
            ("phone_caps", p.phone_caps.len()),
            ("uploads", p.uploads.len()),
            ("changes", p.changes.len()),
            ("individual_restrictions", p.individual_restrictions.len()),
        ];
        for (field, n) in top {
            if !self.bounded(|| field.to_owned(), n) {
                return false;
            }
        }
        for (i, m) in p.methods.iter().enumerate() {
            let lists = [
                ("factors", m.factors.len()),
                ("documents.items", listed(&m.documents)),
                ("document_residency", m.document_residency.len()),
                ("residency", len(&m.residency)),
                ("requirements", m.requirements.len()),
                ("attempts", m.attempts.len()),
                ("name_rules", m.name_rules.len()),
                ("failure_reasons", m.failure_reasons.len()),
                (
                    "delegate.provides",
                    m.delegate.value().map_or(0, |d| d.provides.len()),
                ),
            ];
            for (field, n) in lists {
                if !self.bounded(|| format!("methods[{i}].{field}"), n) {
                    return false;
                }
            }
            for (j, d) in m.document_residency.iter().enumerate() {
                let n = d.value.residency.len();
                if !self.bounded(
                    || format!("methods[{i}].document_residency[{j}].residency"),
                    n,
                ) {
                    return false;
                }
            }
        }
        for (i, u) in p.uploads.iter().enumerate() {
            let lists = [
                ("methods", u.methods.len()),
                ("formats", len(&u.formats)),
                ("image", u.image.len()),
            ];
            for (field, n) in lists {
                if !self.bounded(|| format!("uploads[{i}].{field}"), n) {
                    return false;
                }
            }
        }
        for (i, c) in p.changes.iter().enumerate() {
            let lists = [
                ("old_subject_methods", len(&c.old_subject_methods)),
                ("new_subject_methods", len(&c.new_subject_methods)),
                ("attempts", c.attempts.len()),
            ];
            for (field, n) in lists {
                if !self.bounded(|| format!("changes[{i}].{field}"), n) {
                    return false;
                }
            }
        }
        let mut count = 0;
        let mut past: Option<String> = None;
        walk_sources(p, &mut |path, _| {
            count += 1;
            if count == limits::SOURCES + 1 {
                past = Some(path());
            }
        });
        if let Some(path) = past {
            self.fail(
                || path,
                ProfileProblem::TooManySources {
                    limit: limits::SOURCES,
                },
            );
            return false;
        }
        true
    }

    fn offered(&mut self, path: &str, method: MethodKind) {
        if !self.offered_kinds.contains(&method) {
            self.fail(|| path.to_owned(), ProfileProblem::MethodNotOffered(method));
        }
    }

    fn nonzero(&mut self, path: &str, n: u64) {
        if n == 0 {
            self.fail(|| path.to_owned(), ProfileProblem::Zero);
        }
    }

    fn limit(&mut self, path: &str, limit: &Limit) {
        if limit.number() == Some(0) {
            self.fail(|| path.to_owned(), ProfileProblem::Zero);
        }
    }

    fn range(&mut self, path: &str, min: u64, max: u64) {
        if min > max {
            self.fail(
                || path.to_owned(),
                ProfileProblem::RangeReversed { min, max },
            );
        }
    }

    fn review(&mut self, path: &str, time: &ReviewTime) {
        if let ReviewTime::Range { min, max, .. } = time {
            self.range(path, u64::from(*min), u64::from(*max));
            if *max == 0 {
                self.fail(|| path.to_owned(), ProfileProblem::ZeroTime);
            }
        }
    }

    fn duration(&mut self, path: &str, d: &Duration) {
        let n = match d {
            Duration::Minutes(n)
            | Duration::Hours(n)
            | Duration::CalendarDays(n)
            | Duration::WorkingDays(n)
            | Duration::CalendarMonths(n) => *n,
        };
        self.nonzero(path, u64::from(n));
    }

    fn attempts(&mut self, path: &str, limit: &AttemptLimit) {
        self.nonzero(&format!("{path}.max"), u64::from(limit.max));
        if let Some(super::OnExhaust::FallbackTo(m)) = limit.on_exhaust {
            self.offered(&format!("{path}.on_exhaust"), m);
        }
        if let super::Scope::ChangeRequest(t) = limit.scope
            && !self.changes.contains(&t)
        {
            self.fail(
                || format!("{path}.scope"),
                ProfileProblem::ChangeNotStated(t),
            );
        }
    }

    fn nonempty<T>(&mut self, path: &str, list: &Stated<Vec<T>>) {
        if list.value().is_some_and(Vec::is_empty) {
            self.fail(|| path.to_owned(), ProfileProblem::EmptyList);
        }
    }

    fn run(&mut self) {
        if !self.within_limits() {
            return;
        }
        let p = self.profile;
        self.offered_kinds = p.methods.iter().map(|m| m.kind).collect();
        self.changes = p.changes.iter().map(|c| c.transition).collect();
        if p.name_en.trim().is_empty() {
            self.fail(|| "name_en".to_owned(), ProfileProblem::EmptyName);
        }
        if p.name_zh.trim().is_empty() {
            self.fail(|| "name_zh".to_owned(), ProfileProblem::EmptyName);
        }
        if let Some(types) = p.organization_types.value()
            && types.items.is_empty()
            && !types.open
        {
            self.fail(
                || "organization_types".to_owned(),
                ProfileProblem::EmptyList,
            );
        }
        let mut kinds = HashSet::new();
        for (i, m) in p.methods.iter().enumerate() {
            let at = |field: &str| format!("methods[{i}].{field}");
            if !kinds.insert(m.kind) {
                self.fail(|| at("kind"), ProfileProblem::Duplicate);
            }
            if m.kind.subject() != m.subject {
                self.fail(
                    || at("subject"),
                    ProfileProblem::MethodOfOtherSubject(m.kind),
                );
            }
            if p.serves(m.subject) == Some(false) {
                self.fail(
                    || at("subject"),
                    ProfileProblem::SubjectNotServed(m.subject),
                );
            }
            if let Some(Listed { items, open }) = m.documents.value() {
                if items.is_empty() && !open {
                    self.fail(|| at("documents"), ProfileProblem::NoDocuments);
                }
                if let Some(k) = items.iter().find(|k| k.subject() != m.subject) {
                    self.fail(
                        || at("documents"),
                        ProfileProblem::DocumentOfOtherSubject(*k),
                    );
                }
            }
            let mut held = HashSet::new();
            for (j, d) in m.document_residency.iter().enumerate() {
                let at = |field: &str| at(&format!("document_residency[{j}].{field}"));
                let k = d.value.document;
                if k.subject() != m.subject {
                    self.fail(|| at("document"), ProfileProblem::DocumentOfOtherSubject(k));
                } else if m.documents.value().is_some_and(|l| !l.allows(&k)) {
                    self.fail(|| at("document"), ProfileProblem::DocumentNotListed(k));
                }
                if !held.insert(k) {
                    self.fail(|| at("document"), ProfileProblem::Duplicate);
                }
                if d.value.residency.is_empty() {
                    self.fail(|| at("residency"), ProfileProblem::EmptyList);
                }
            }
            self.nonempty(&at("residency"), &m.residency);
            if let Some(t) = m.review.value() {
                self.review(&at("review"), t);
            }
            if let Some(r) = m.manual_review.value() {
                self.review(&at("manual_review.time"), &r.time);
            }
            let mut scopes = HashSet::new();
            for (j, a) in m.attempts.iter().enumerate() {
                self.attempts(&at(&format!("attempts[{j}]")), &a.value);
                if !scopes.insert(a.value.scope) {
                    self.fail(
                        || at(&format!("attempts[{j}].scope")),
                        ProfileProblem::ShadowedRule(m.kind),
                    );
                }
            }
            let mut names = HashSet::new();
            for (j, r) in m.name_rules.iter().enumerate() {
                if !names.insert(r.value) {
                    self.fail(
                        || at(&format!("name_rules[{j}]")),
                        ProfileProblem::Duplicate,
                    );
                }
            }
            if let Some(d) = m.delegate.value() {
                if m.subject != SubjectKind::Organization {
                    self.fail(
                        || at("delegate"),
                        ProfileProblem::MethodOfOtherSubject(m.kind),
                    );
                }
                let mut provided = HashSet::new();
                for (j, f) in d.provides.iter().enumerate() {
                    if !provided.insert(f.value) {
                        self.fail(
                            || at(&format!("delegate.provides[{j}]")),
                            ProfileProblem::Duplicate,
                        );
                    }
                }
            }
            let mut reasons = HashSet::new();
            for (j, r) in m.failure_reasons.iter().enumerate() {
                if !reasons.insert(r.value) {
                    self.fail(
                        || at(&format!("failure_reasons[{j}]")),
                        ProfileProblem::Duplicate,
                    );
                }
            }
            if let Some(d) = m.registry_lag.value() {
                self.duration(&at("registry_lag"), d);
            }
            if let Some(pay) = &m.payment {
                if let Some(a) = pay.amount_fen.value() {
                    self.range(
                        &at("payment.amount_fen"),
                        u64::from(a.min_fen),
                        u64::from(a.max_fen),
                    );
                    if a.max_fen == 0 {
                        self.fail(|| at("payment.amount_fen"), ProfileProblem::ZeroAmount);
                    }
                }
                if let Some(t) = pay.arrival.value() {
                    self.review(&at("payment.arrival"), t);
                }
                if let Some(d) = pay.deadline.value() {
                    self.duration(&at("payment.deadline.within"), &d.within);
                }
            }
        }
        if let Some(age) = p.min_age.value()
            && age.years > limits::MIN_AGE_YEARS
        {
            self.fail(
                || "min_age.years".to_owned(),
                ProfileProblem::AgeTooLarge {
                    years: age.years,
                    max: limits::MIN_AGE_YEARS,
                },
            );
        }
        for (i, cap) in p.account_caps.iter().enumerate() {
            self.limit(&format!("account_caps[{i}].limit"), &cap.value.limit);
        }
        for (i, cap) in p.phone_caps.iter().enumerate() {
            self.limit(&format!("phone_caps[{i}].limit"), &cap.value.limit);
        }
        let mut uploaded = HashSet::new();
        for (i, u) in p.uploads.iter().enumerate() {
            let at = |field: &str| format!("uploads[{i}].{field}");
            for (j, m) in u.methods.iter().enumerate() {
                self.offered(&at(&format!("methods[{j}]")), *m);
                if !uploaded.insert(*m) {
                    self.fail(
                        || at(&format!("methods[{j}]")),
                        ProfileProblem::ShadowedRule(*m),
                    );
                }
            }
            self.nonempty(&at("formats"), &u.formats);
            if let Some(n) = u.max_bytes.value() {
                self.nonzero(&at("max_bytes"), *n);
            }
        }
        let mut transitions = HashSet::new();
        for (i, c) in p.changes.iter().enumerate() {
            let at = |field: &str| format!("changes[{i}].{field}");
            if !transitions.insert(c.transition) {
                self.fail(|| at("transition"), ProfileProblem::Duplicate);
            }
            if let Some(cd) = c.cooldown.value() {
                self.duration(&at("cooldown.wait"), &cd.wait);
            }
            if let Some(w) = c.window.value() {
                self.duration(&at("window.within"), &w.within);
            }
            for (field, list) in [
                ("old_subject_methods", &c.old_subject_methods),
                ("new_subject_methods", &c.new_subject_methods),
            ] {
                self.nonempty(&at(field), list);
                for (j, m) in list.value().into_iter().flatten().enumerate() {
                    self.offered(&at(&format!("{field}[{j}]")), *m);
                }
            }
            let mut limited = HashSet::new();
            for (j, a) in c.attempts.iter().enumerate() {
                self.offered(&at(&format!("attempts[{j}].method")), a.value.method);
                self.attempts(&at(&format!("attempts[{j}].limit")), &a.value.limit);
                if !limited.insert(a.value.method) {
                    self.fail(
                        || at(&format!("attempts[{j}].method")),
                        ProfileProblem::ShadowedRule(a.value.method),
                    );
                }
            }
        }
        for (i, r) in p.individual_restrictions.iter().enumerate() {
            if r.value.access == super::Access::LimitedGb(0) {
                self.fail(
                    || format!("individual_restrictions[{i}].access"),
                    ProfileProblem::Zero,
                );
            }
        }
    }
}

impl ProfileData {
    /// Checks the profile for consistency: no list longer than
    /// [`limits::ENTRIES`] and no more sources than [`limits::SOURCES`]
    /// (checked first), names not empty, no range whose minimum exceeds its
    /// maximum, no method that accepts no document (or documents of the
    /// other kind of subject), no method for the other kind of subject than
    /// its kind verifies ([`MethodKind::subject`]), no cap, limit, size,
    /// duration or review time of zero, no amount range of 0–0, no minimum
    /// age over [`limits::MIN_AGE_YEARS`], no method or transition twice, no
    /// second upload rule for a method nor a second attempt limit for the
    /// same method and scope (the rules would only read the first), no rule
    /// naming a method the profile does not offer, no method for a kind of
    /// subject the profile states it does not verify (one not stated may
    /// have methods), no holder's residency for a kind of document the
    /// method does not accept or of the other subject, nor an empty one or
    /// two for one kind, no failure reason, name rule or delegate's factor
    /// twice, no delegate on an individual's method, no registry lag of
    /// zero. The error names the first field at fault. The check takes
    /// time linear in the size of the profile.
    ///
    /// [`Profile::new`](super::Profile::new) runs this check, and so does
    /// reading a [`Profile`](super::Profile) through serde: call it
    /// directly to check data without making a profile of it.
    ///
    /// # Errors
    ///
    /// A [`ProfileError`] naming the first field at fault and the problem.
    ///
    /// ```
    /// use realname::policy::{Listed, Provider, Sourced, Stated};
    ///
    /// let mut data = Provider::Baidu.profile().to_data();
    /// data.methods[1].documents = Stated::Given(Sourced::unsourced(Listed::complete(vec![])));
    /// let err = data.check().unwrap_err();
    /// assert_eq!(err.to_string(), "methods[1].documents: a method that accepts no document");
    /// ```
    pub fn check(&self) -> Result<(), ProfileError> {
        let mut checker = Checker {
            profile: self,
            offered_kinds: HashSet::new(),
            changes: HashSet::new(),
            error: None,
        };
        checker.run();
        checker.error.map_or(Ok(()), Err)
    }
}

/// A path, built only when asked for.
pub(super) type LazyPath<'a> = &'a dyn Fn() -> String;

/// Calls `f` with each source of the profile and (lazily) the path of its
/// value.
pub(super) fn walk_sources<'p>(p: &'p ProfileData, f: &mut dyn FnMut(LazyPath<'_>, &'p Source)) {
    fn list<'p, T>(
        items: &'p [Sourced<T>],
        path: &dyn Fn(usize) -> String,
        f: &mut dyn FnMut(LazyPath<'_>, &'p Source),
    ) {
        for (i, item) in items.iter().enumerate() {
            if let Some(s) = &item.source {
                f(&|| path(i), s);
            }
        }
    }
    fn stated<'p, T>(
        v: &'p Stated<T>,
        path: LazyPath<'_>,
        f: &mut dyn FnMut(LazyPath<'_>, &'p Source),
    ) {
        if let Some(s) = v.source() {
            f(path, s);
        }
    }
    stated(
        &p.subjects.individual,
        &|| "subjects.individual".to_owned(),
        f,
    );
    stated(
        &p.subjects.organization,
        &|| "subjects.organization".to_owned(),
        f,
    );
    stated(
        &p.organization_types,
        &|| "organization_types".to_owned(),
        f,
    );
    for (i, m) in p.methods.iter().enumerate() {
        let at = |field: &str| format!("methods[{i}].{field}");
        if let Some(s) = &m.source {
            f(&|| format!("methods[{i}]"), s);
        }
        stated(&m.documents, &|| at("documents"), f);
        list(
            &m.document_residency,
            &|j| at(&format!("document_residency[{j}]")),
            f,
        );
        stated(&m.residency, &|| at("residency"), f);
        list(&m.requirements, &|j| at(&format!("requirements[{j}]")), f);
        list(&m.name_rules, &|j| at(&format!("name_rules[{j}]")), f);
        stated(&m.decision, &|| at("decision"), f);
        stated(&m.review, &|| at("review"), f);
        stated(&m.manual_review, &|| at("manual_review"), f);
        list(&m.attempts, &|j| at(&format!("attempts[{j}]")), f);
        list(
            &m.failure_reasons,
            &|j| at(&format!("failure_reasons[{j}]")),
            f,
        );
        stated(&m.registry_lag, &|| at("registry_lag"), f);
        stated(&m.delegate, &|| at("delegate"), f);
        if let Some(d) = m.delegate.value() {
            list(&d.provides, &|j| at(&format!("delegate.provides[{j}]")), f);
        }
        if let Some(pay) = &m.payment {
            stated(&pay.amount_fen, &|| at("payment.amount_fen"), f);
            stated(&pay.arrival, &|| at("payment.arrival"), f);
            stated(&pay.deadline, &|| at("payment.deadline"), f);
            if let Some(d) = pay.deadline.value() {
                stated(&d.on_expiry, &|| at("payment.deadline.on_expiry"), f);
            }
            stated(&pay.refund, &|| at("payment.refund"), f);
        }
    }
    list(&p.account_caps, &|i| format!("account_caps[{i}]"), f);
    list(&p.phone_caps, &|i| format!("phone_caps[{i}]"), f);
    stated(&p.min_age, &|| "min_age".to_owned(), f);
    for (i, u) in p.uploads.iter().enumerate() {
        let at = |field: &str| format!("uploads[{i}].{field}");
        stated(&u.formats, &|| at("formats"), f);
        stated(&u.max_bytes, &|| at("max_bytes"), f);
        list(&u.image, &|j| at(&format!("image[{j}]")), f);
    }
    for (i, c) in p.changes.iter().enumerate() {
        let at = |field: &str| format!("changes[{i}].{field}");
        if let Some(s) = &c.availability.source {
            f(&|| at("availability"), s);
        }
        stated(&c.cooldown, &|| at("cooldown"), f);
        stated(&c.window, &|| at("window"), f);
        if let Some(w) = c.window.value() {
            stated(&w.on_expiry, &|| at("window.on_expiry"), f);
        }
        stated(&c.old_subject_methods, &|| at("old_subject_methods"), f);
        stated(&c.new_subject_methods, &|| at("new_subject_methods"), f);
        list(&c.attempts, &|j| at(&format!("attempts[{j}]")), f);
        stated(&c.withdrawable, &|| at("withdrawable"), f);
    }
    list(
        &p.individual_restrictions,
        &|i| format!("individual_restrictions[{i}]"),
        f,
    );
    stated(&p.overdue_review, &|| "overdue_review".to_owned(), f);
}
