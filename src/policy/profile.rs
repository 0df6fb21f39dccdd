//! `ProfileData`, one provider's rules as plain data, and `Profile`, the
//! same data once checked; the queries over them.

use super::*;

/// Whether a provider verifies each kind of subject: for each, stated
/// (`true`, or `false` where the provider says it does not) or not stated.
///
/// Not stated is not "not served": Huawei Cloud's international page covers
/// individuals and says nothing of organisations, so its organisation side
/// is [`Stated::NotStated`], and nothing is refused on it.
///
/// ```
/// use realname::policy::{Source, Stated, Subjects};
/// use realname::SubjectKind;
///
/// let s = Subjects::new().with_individual(Stated::given(true, Source::new("faq.md", 1, "个人用户")));
/// assert_eq!(s.get(SubjectKind::Individual).value(), Some(&true));
/// assert!(s.get(SubjectKind::Organization).is_not_stated());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Subjects {
    /// Whether individuals are verified.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub individual: Stated<bool>,
    /// Whether organisations are verified.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub organization: Stated<bool>,
}

impl Subjects {
    /// Both kinds not stated.
    ///
    /// ```
    /// assert!(realname::policy::Subjects::new().is_not_stated());
    /// ```
    #[must_use]
    pub const fn new() -> Subjects {
        Subjects {
            individual: Stated::NotStated,
            organization: Stated::NotStated,
        }
    }

    /// With whether individuals are verified.
    ///
    /// ```
    /// use realname::policy::{Stated, Source, Subjects};
    /// let s = Subjects::new().with_individual(Stated::given(false, Source::new("faq.md", 2, "仅限企业")));
    /// assert_eq!(s.individual.value(), Some(&false));
    /// ```
    #[must_use]
    pub fn with_individual(mut self, stated: Stated<bool>) -> Subjects {
        self.individual = stated;
        self
    }

    /// With whether organisations are verified.
    ///
    /// ```
    /// use realname::policy::{Sourced, Stated, Subjects};
    /// let s = Subjects::new().with_organization(Stated::Given(Sourced::unsourced(true)));
    /// assert_eq!(s.organization.value(), Some(&true));
    /// ```
    #[must_use]
    pub fn with_organization(mut self, stated: Stated<bool>) -> Subjects {
        self.organization = stated;
        self
    }

    /// What is stated for a kind of subject.
    ///
    /// ```
    /// use realname::policy::Provider;
    /// use realname::SubjectKind;
    /// assert!(Provider::Kingsoft.profile().subjects.get(SubjectKind::Organization).value() == Some(&true));
    /// ```
    pub fn get(&self, subject: SubjectKind) -> &Stated<bool> {
        match subject {
            SubjectKind::Individual => &self.individual,
            SubjectKind::Organization => &self.organization,
        }
    }

    /// Whether neither kind is stated.
    ///
    /// ```
    /// assert!(realname::policy::Subjects::default().is_not_stated());
    /// ```
    pub fn is_not_stated(&self) -> bool {
        self.individual.is_not_stated() && self.organization.is_not_stated()
    }
}

/// One provider's rules as plain data, not yet checked.
///
/// Build one with [`ProfileData::new`] (or `default()`) and field
/// assignment, then turn it into a [`Profile`] with [`Profile::new`], which
/// runs [`ProfileData::check`]: the rules ([`crate::rules`]) take a
/// profile only as a `Profile`, so they never read one that was not
/// checked. To change a
/// profile, take its data out ([`Profile::into_data`] or
/// [`Profile::to_data`]), edit it and check it again.
///
/// The struct is `#[non_exhaustive]`, so that a later version can add a
/// kind of rule without breaking code that builds profiles: outside the
/// crate it cannot be written as a struct literal, but every field is
/// public and can be assigned.
///
/// With the `serde` feature it reads and writes the same format as
/// [`Profile`] (documented there, with an example file), bounding every
/// list as it is read ([`limits`](super::limits)) but checking nothing
/// else; read a [`Profile`] to have it checked.
///
/// ```
/// use realname::policy::{Method, MethodKind, Profile, ProfileData};
/// use realname::SubjectKind;
///
/// let mut data = ProfileData::new("Example Cloud", "示例云");
/// data.methods.push(Method::new(MethodKind::Face, SubjectKind::Individual));
/// let profile = Profile::new(data)?;
/// assert_eq!(profile.methods.len(), 1);
/// # Ok::<(), realname::policy::ProfileError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct ProfileData {
    /// The provider's name in English.
    pub name_en: String,
    /// The provider's name in Chinese.
    pub name_zh: String,
    /// Whether the provider verifies individuals and organisations, each
    /// stated or not.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Subjects::is_not_stated")
    )]
    pub subjects: Subjects,
    /// The organisation types the provider serves.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub organization_types: Stated<Listed<OrganizationType>>,
    /// The verification methods offered.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub methods: Vec<Method>,
    /// How many accounts one identity may verify; empty: not stated.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub account_caps: Vec<Sourced<AccountCap>>,
    /// How many accounts one mobile number may register, bind or verify.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub phone_caps: Vec<Sourced<PhoneCap>>,
    /// The minimum age of an individual, in full years (周岁).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub min_age: Stated<MinAge>,
    /// Rules for uploaded files.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub uploads: Vec<UploadRule>,
    /// Changes of the verified subject; a transition not listed is not
    /// stated.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub changes: Vec<ChangeRule>,
    /// What an individual account may not do that an organisation may.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub individual_restrictions: Vec<Sourced<Restriction>>,
    /// Whom the applicant contacts when a review takes longer than its
    /// longest stated time (Tencent Cloud: 在线客服).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub overdue_review: Stated<Contact>,
}

impl ProfileData {
    /// A profile with these names and every rule not stated.
    ///
    /// ```
    /// let data = realname::policy::ProfileData::new("Example Cloud", "示例云");
    /// assert!(data.methods.is_empty());
    /// assert!(data.check().is_ok());
    /// ```
    #[must_use]
    pub fn new(name_en: impl Into<String>, name_zh: impl Into<String>) -> ProfileData {
        ProfileData {
            name_en: name_en.into(),
            name_zh: name_zh.into(),
            ..ProfileData::default()
        }
    }

    /// Whether the provider verifies this kind of subject: `Some(true)`,
    /// `Some(false)` (it states that it does not), or `None` (it does not
    /// say, which never refuses anything).
    ///
    /// ```
    /// use realname::policy::Provider;
    /// use realname::SubjectKind;
    /// let huawei = Provider::HuaweiInternational.profile();
    /// assert_eq!(huawei.serves(SubjectKind::Individual), Some(true));
    /// assert_eq!(huawei.serves(SubjectKind::Organization), None); // its page says nothing of them
    /// ```
    pub fn serves(&self, subject: SubjectKind) -> Option<bool> {
        self.subjects.get(subject).value().copied()
    }

    /// The method of this kind, if the provider offers it.
    ///
    /// ```
    /// use realname::policy::{MethodKind, Provider};
    /// assert!(Provider::Baidu.profile().method(MethodKind::Recharge).is_some());
    /// assert!(Provider::Kingsoft.profile().method(MethodKind::Recharge).is_none());
    /// ```
    pub fn method(&self, kind: MethodKind) -> Option<&Method> {
        self.methods.iter().find(|m| m.kind == kind)
    }

    /// The methods offered to a kind of subject, in the provider's order.
    ///
    /// ```
    /// use realname::policy::Provider;
    /// use realname::SubjectKind;
    /// assert_eq!(Provider::Tencent.profile().methods_for(SubjectKind::Organization).count(), 5);
    /// ```
    pub fn methods_for(&self, subject: SubjectKind) -> impl Iterator<Item = &Method> + '_ {
        self.methods.iter().filter(move |m| m.subject == subject)
    }

    /// The account cap that binds first for a kind of subject: the smallest
    /// number among its caps, else the first cap stated.
    ///
    /// ```
    /// use realname::policy::{Limit, Provider};
    /// use realname::SubjectKind;
    /// let cap = Provider::Baidu.profile().account_cap(SubjectKind::Individual).unwrap();
    /// assert_eq!(cap.value.limit, Limit::AtMost(5));
    /// assert!(Provider::Baidu.profile().account_cap(SubjectKind::Organization).is_none());
    /// ```
    pub fn account_cap(&self, subject: SubjectKind) -> Option<&Sourced<AccountCap>> {
        let caps = self
            .account_caps
            .iter()
            .filter(|c| c.value.subject == subject);
        let first = caps.clone().next()?;
        Some(
            caps.filter(|c| c.value.limit.number().is_some())
                .min_by_key(|c| c.value.limit.number())
                .unwrap_or(first),
        )
    }

    /// The rule for a change of the verified subject, if stated.
    ///
    /// ```
    /// use realname::policy::{Availability, Provider, Transition};
    /// let change = Provider::Baidu.profile().change(Transition::OrganizationToIndividual).unwrap();
    /// assert_eq!(change.availability.value, Availability::Forbidden);
    /// ```
    pub fn change(&self, transition: Transition) -> Option<&ChangeRule> {
        self.changes.iter().find(|c| c.transition == transition)
    }

    /// The upload rule that applies to a method, if stated: one that names
    /// the method (a rule naming no method applies to none).
    ///
    /// ```
    /// use realname::policy::{MethodKind, Provider};
    /// let rule = Provider::HuaweiInternational.profile().upload_rule(MethodKind::DocumentUpload).unwrap();
    /// assert_eq!(rule.max_bytes.value(), Some(&(10 * 1024 * 1024)));
    /// ```
    pub fn upload_rule(&self, method: MethodKind) -> Option<&UploadRule> {
        self.uploads.iter().find(|u| u.methods.contains(&method))
    }

    /// Every source in the profile with the path of the value it backs, in
    /// the order of the fields: `account_caps[0]`, `methods[2].review` …
    ///
    /// ```
    /// use realname::policy::Provider;
    /// let p = Provider::Kingsoft.profile();
    /// let (path, source) = p.sources().find(|(path, _)| path == "account_caps[0]").unwrap();
    /// assert_eq!(source.line, Some(58));
    /// ```
    pub fn sources(&self) -> impl Iterator<Item = (String, &Source)> + '_ {
        let mut out = Vec::new();
        check::walk_sources(self, &mut |path, source| out.push((path(), source)));
        out.into_iter()
    }
}

/// One provider's real-name rules, checked: what the rules
/// ([`crate::rules`]) take.
///
/// A `Profile` is a [`ProfileData`] that passed [`ProfileData::check`], and
/// the only ways to get one check it: [`Profile::new`] (or `TryFrom`), a
/// built-in profile ([`Provider::profile`]), or, with the `serde` feature,
/// deserialising one (which checks it as it is read and names the field at
/// fault). It reads as its data (`Deref<Target = ProfileData>`: `profile.methods`,
/// `profile.method(kind)`); to change it, take the data out with
/// [`Profile::into_data`] or [`Profile::to_data`], edit it and build a new
/// `Profile`. It serialises as its data.
///
/// ```
/// use realname::policy::{Limit, MethodKind, Profile, ProfileProblem, Provider};
/// use realname::SubjectKind;
///
/// let kingsoft = Provider::Kingsoft.profile();
/// let methods: Vec<MethodKind> = kingsoft.methods_for(SubjectKind::Individual).map(|m| m.kind).collect();
/// assert_eq!(methods, [MethodKind::IdCardVideo, MethodKind::BankCard, MethodKind::DocumentUpload]);
///
/// // An edit is checked before any rule sees it.
/// let mut data = Provider::Tencent.profile().to_data();
/// data.account_caps[0].value.limit = Limit::AtMost(0);
/// let err = Profile::new(data).unwrap_err();
/// assert_eq!(err.problem, ProfileProblem::Zero);
/// ```
///
/// # The profile format
///
/// With the `serde` feature a profile reads from and writes to any format
/// serde supports, TOML and JSON among them. Below is the crate's example
/// profile, `examples/profiles/example.toml` in the repository and the
/// package, a made-up provider with an entry of every kind of rule, each
/// field explained in a comment with the values it allows; a test loads
/// it, checks it and reads its values back. Start your own from it.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use realname::policy::{MethodKind, Profile};
///
/// let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/profiles/example.toml"));
/// let profile: Profile = toml::from_str(text).unwrap();
/// assert!(profile.method(MethodKind::CorporateTransfer).is_some());
/// # }
/// ```
///
/// ```toml
#[doc = include_str!("../../examples/profiles/example.toml")]
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ProfileData"))]
pub struct Profile {
    data: ProfileData,
}

impl Profile {
    /// Checks `data` ([`ProfileData::check`]) and, if it passes, makes it a
    /// profile the rules can use.
    ///
    /// # Errors
    ///
    /// A [`ProfileError`] naming the first field at fault, if the data
    /// fails the check.
    ///
    /// ```
    /// use realname::policy::{Profile, ProfileData};
    ///
    /// let p = Profile::new(ProfileData::new("Example Cloud", "示例云"))?;
    /// assert_eq!(p.name_zh, "示例云");
    /// let err = Profile::new(ProfileData::new("", "示例云")).unwrap_err();
    /// assert_eq!(err.to_string(), "name_en: is empty");
    /// # Ok::<(), realname::policy::ProfileError>(())
    /// ```
    pub fn new(data: ProfileData) -> Result<Profile, ProfileError> {
        data.check()?;
        Ok(Profile { data })
    }

    /// A profile that states nothing but the provider's names, for the
    /// built-in profiles should one fail its check (which a test rules out).
    pub(super) fn names_only(name_en: &str, name_zh: &str) -> Profile {
        Profile {
            data: ProfileData::new(name_en, name_zh),
        }
    }

    /// The profile's data, to edit and check again.
    ///
    /// ```
    /// use realname::policy::{Profile, ProfileData};
    /// let p = Profile::new(ProfileData::new("Example Cloud", "示例云"))?;
    /// let mut data = p.into_data();
    /// data.name_en = "Sample Cloud".to_owned();
    /// assert_eq!(Profile::new(data)?.name_en, "Sample Cloud");
    /// # Ok::<(), realname::policy::ProfileError>(())
    /// ```
    #[must_use]
    pub fn into_data(self) -> ProfileData {
        self.data
    }

    /// A copy of the profile's data, to edit and check again (a built-in
    /// profile is shared, so it is copied).
    ///
    /// ```
    /// use realname::policy::{Profile, Provider, Stated};
    /// let mut data = Provider::Baidu.profile().to_data();
    /// data.min_age = Stated::NotStated;
    /// assert!(Profile::new(data)?.min_age.is_not_stated());
    /// # Ok::<(), realname::policy::ProfileError>(())
    /// ```
    #[must_use]
    pub fn to_data(&self) -> ProfileData {
        self.data.clone()
    }
}

impl std::ops::Deref for Profile {
    type Target = ProfileData;

    fn deref(&self) -> &ProfileData {
        &self.data
    }
}

impl AsRef<ProfileData> for Profile {
    fn as_ref(&self) -> &ProfileData {
        &self.data
    }
}

impl From<Profile> for ProfileData {
    fn from(profile: Profile) -> ProfileData {
        profile.data
    }
}

impl TryFrom<ProfileData> for Profile {
    type Error = ProfileError;

    /// [`Profile::new`].
    fn try_from(data: ProfileData) -> Result<Profile, ProfileError> {
        Profile::new(data)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Profile {
    /// As its data.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.data.serialize(serializer)
    }
}
