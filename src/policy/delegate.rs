//! Who may act instead of the legal representative, and the rules the
//! names entered must follow.

use super::*;

named_enum! {
    "policy";
    /// Which organisations may have a delegate act instead of the legal
    /// representative.
    ///
    /// ```
    /// use realname::org::OrganizationType;
    /// use realname::policy::DelegateFor;
    /// assert!(DelegateFor::OtherOrganization.admits(OrganizationType::Foundation));
    /// assert!(!DelegateFor::OtherOrganization.admits(OrganizationType::Enterprise));
    /// ```
    DelegateFor {
        /// Any organisation whose legal representative cannot take part
        /// (Kingsoft Cloud: "无法提供法人身份证的").
        AnyOrganization = "any_organization", "任何单位", "any organisation";
        /// Organisations other than enterprises (非企业的“其他组织”,
        /// [`OrganizationClass::OtherOrganization`](crate::org::OrganizationClass::OtherOrganization)).
        OtherOrganization = "other_organization", "非企业的其他组织", "organisations other than enterprises";
    }
}

impl DelegateFor {
    /// Whether an organisation of this type may have a delegate act.
    ///
    /// ```
    /// use realname::org::OrganizationType;
    /// use realname::policy::DelegateFor;
    /// assert!(DelegateFor::AnyOrganization.admits(OrganizationType::Enterprise));
    /// ```
    pub fn admits(&self, organization_type: OrganizationType) -> bool {
        match self {
            DelegateFor::AnyOrganization => true,
            DelegateFor::OtherOrganization => !organization_type.is_enterprise(),
        }
    }
}

/// Who may act instead of the legal representative in an organisation's
/// method, and what they provide: a person the organisation authorises
/// (被授权人), with a letter of authorisation under its seal and their own
/// identity.
///
/// ```
/// use realname::policy::{DelegateFor, Factor, MethodKind, Provider};
///
/// let face = Provider::Baidu.profile().method(MethodKind::LegalRepresentativeFace).unwrap();
/// let delegate = face.delegate.value().unwrap();
/// assert_eq!(delegate.organizations, DelegateFor::OtherOrganization);
/// assert!(delegate.provides(Factor::AuthorizationLetter));
/// assert!(delegate.provides(Factor::FaceScan));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Delegate {
    /// Which organisations may have a delegate act.
    pub organizations: DelegateFor,
    /// What the delegate provides instead of what the legal representative
    /// would (the letter of authorisation, their name and ID number, their
    /// face …); empty: not stated.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub provides: Vec<Sourced<Factor>>,
}

impl Delegate {
    /// A delegate for `organizations`, what they provide not stated.
    ///
    /// ```
    /// use realname::policy::{Delegate, DelegateFor};
    /// assert!(Delegate::new(DelegateFor::AnyOrganization).provides.is_empty());
    /// ```
    #[must_use]
    pub const fn new(organizations: DelegateFor) -> Delegate {
        Delegate {
            organizations,
            provides: Vec::new(),
        }
    }

    /// With what the delegate provides.
    ///
    /// ```
    /// use realname::policy::{Delegate, DelegateFor, Factor, Sourced};
    /// let d = Delegate::new(DelegateFor::AnyOrganization)
    ///     .with_provides(vec![Sourced::unsourced(Factor::AuthorizationLetter)]);
    /// assert!(d.provides(Factor::AuthorizationLetter));
    /// ```
    #[must_use]
    pub fn with_provides(mut self, provides: Vec<Sourced<Factor>>) -> Delegate {
        self.provides = provides;
        self
    }

    /// Whether the delegate provides this.
    ///
    /// ```
    /// use realname::policy::{Factor, MethodKind, Provider};
    /// let m = Provider::Kingsoft.profile().method(MethodKind::CertificateUpload).unwrap();
    /// assert!(!m.delegate.value().unwrap().provides(Factor::FaceScan));
    /// ```
    pub fn provides(&self, factor: Factor) -> bool {
        self.provides.iter().any(|f| f.value == factor)
    }
}

named_enum! {
    "policy";
    /// A rule the names entered in a method must follow.
    ///
    /// ```
    /// use realname::policy::{MethodKind, NameRule, Provider};
    /// let recharge = Provider::Baidu.profile().method(MethodKind::Recharge).unwrap();
    /// assert_eq!(recharge.name_rules[0].value, NameRule::PayerNameIsVerifiedName);
    /// ```
    NameRule {
        /// The organisation's name entered is the name registered on its
        /// certificate.
        EntityNameIsCertificateName = "entity_name_is_certificate_name", "单位名称与单位证件上登记名称一致",
            "the name entered is the name on the certificate";
        /// The name on the seal of the letter of authorisation is the
        /// organisation's name entered.
        SealNameIsEntityName = "seal_name_is_entity_name", "盖章的单位名称与提交的单位名称一致",
            "the seal's name is the name entered";
        /// The bank account's name is the organisation's full legal name
        /// (else the provider's transfer fails).
        BankAccountNameIsLegalName = "bank_account_name_is_legal_name", "银行开户名为单位全称",
            "the bank account's name is the full legal name";
        /// The paying bank account's name is the name being verified.
        PayerNameIsVerifiedName = "payer_name_is_verified_name", "打款账户名与实名一致",
            "the paying account's name is the verified name";
    }
}
