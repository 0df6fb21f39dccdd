//! `Profile`: one provider's rules, and the queries over them.

use super::*;

/// Declares `Profile` and, with serde, a private twin with the same fields
/// that serde fills before [`Profile::check`] accepts it, so that a profile
/// read through serde is always a checked one.
macro_rules! profile_struct {
    (
        $(#[$meta:meta])*
        pub struct Profile { $( $(#[$fmeta:meta])* pub $field:ident: $ty:ty, )+ }
    ) => {
        $(#[$meta])*
        pub struct Profile { $( $(#[$fmeta])* pub $field: $ty, )+ }

        #[cfg(feature = "serde")]
        mod unchecked {
            #[allow(unused_imports)]
            use super::*;

            /// A profile as read, before it is checked.
            #[derive(serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            pub(super) struct Unchecked { $( $(#[$fmeta])* $field: $ty, )+ }

            impl TryFrom<Unchecked> for Profile {
                type Error = super::ProfileError;
                fn try_from(u: Unchecked) -> Result<Profile, super::ProfileError> {
                    let profile = Profile { $( $field: u.$field, )+ };
                    profile.check()?;
                    Ok(profile)
                }
            }
        }
    };
}

profile_struct! {
/// One provider's real-name rules.
///
/// Build one by hand, load one with serde (the `serde` feature; loading
/// checks it with [`Profile::check`] and names the field at fault), or take
/// a built-in one from [`Provider::profile`].
///
/// ```
/// use realname::policy::{MethodKind, Provider};
/// use realname::SubjectKind;
///
/// let kingsoft = Provider::Kingsoft.profile();
/// let methods: Vec<MethodKind> = kingsoft.methods_for(SubjectKind::Individual).map(|m| m.kind).collect();
/// assert_eq!(methods, [MethodKind::IdCardVideo, MethodKind::BankCard, MethodKind::DocumentUpload]);
/// assert!(kingsoft.check().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, try_from = "unchecked::Unchecked")
)]
pub struct Profile {
    /// The provider's name in English.
    pub name_en: String,
    /// The provider's name in Chinese.
    pub name_zh: String,
    /// The kinds of subject the provider verifies; empty: not stated.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub subjects: Vec<Sourced<SubjectKind>>,
    /// The organisation types the provider serves.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Stated::is_not_stated"))]
    pub organization_types: Stated<Listed<OrganizationType>>,
    /// The verification methods offered.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub methods: Vec<Method>,
    /// How many accounts one identity may verify; empty: not stated.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub account_caps: Vec<Sourced<AccountCap>>,
    /// How many accounts one mobile number may register, bind or verify.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub phone_caps: Vec<Sourced<PhoneCap>>,
    /// The minimum age of an individual, in full years (周岁).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Stated::is_not_stated"))]
    pub min_age: Stated<MinAge>,
    /// Rules for uploaded files.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub uploads: Vec<UploadRule>,
    /// Changes of the verified subject; a transition not listed is not
    /// stated.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub changes: Vec<ChangeRule>,
    /// What an individual account may not do that an organisation may.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub individual_restrictions: Vec<Sourced<Restriction>>,
}
}

impl Profile {
    /// An empty profile: every rule not stated.
    ///
    /// ```
    /// let p = realname::policy::Profile::new("Example Cloud", "示例云");
    /// assert!(p.methods.is_empty());
    /// assert!(p.check().is_ok());
    /// ```
    pub fn new(name_en: impl Into<String>, name_zh: impl Into<String>) -> Profile {
        Profile {
            name_en: name_en.into(),
            name_zh: name_zh.into(),
            subjects: Vec::new(),
            organization_types: Stated::NotStated,
            methods: Vec::new(),
            account_caps: Vec::new(),
            phone_caps: Vec::new(),
            min_age: Stated::NotStated,
            uploads: Vec::new(),
            changes: Vec::new(),
            individual_restrictions: Vec::new(),
        }
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

    /// The upload rule that applies to a method, if stated.
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
        check::walk_sources(self, &mut |path, source| out.push((path, source)));
        out.into_iter()
    }
}
