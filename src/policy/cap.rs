//! Account caps and phone caps: what they count by, the limit, who may raise it.

use super::*;

/// A number of accounts (or other things) allowed.
///
/// ```
/// use realname::policy::Limit;
/// assert_eq!(Limit::AtMost(3).number(), Some(3));
/// assert_eq!(Limit::Several.number(), None);
/// assert!(Limit::AtMost(3).allows_more(2) && !Limit::AtMost(3).allows_more(3));
/// assert!(Limit::Limited.allows_more(1_000)); // a limit whose number is not stated never refuses
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Limit {
    /// At most this many (at least 1).
    AtMost(u32),
    /// More than one; whether there is a limit, and where, is not stated
    /// ("多个").
    Several,
    /// There is a limit, but its number is not stated.
    Limited,
    /// No limit.
    Unlimited,
}

impl Limit {
    /// The number, if the limit is one.
    ///
    /// ```
    /// assert_eq!(realname::policy::Limit::Unlimited.number(), None);
    /// ```
    pub fn number(&self) -> Option<u32> {
        match self {
            Limit::AtMost(n) => Some(*n),
            _ => None,
        }
    }

    /// Whether one more is allowed when `used` are taken. Only a stated
    /// number refuses.
    ///
    /// ```
    /// assert!(realname::policy::Limit::Several.allows_more(1));
    /// ```
    pub fn allows_more(&self, used: u32) -> bool {
        match self {
            Limit::AtMost(n) => used < *n,
            _ => true,
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::AtMost(n) => write!(f, "at most {n}"),
            Limit::Several => f.write_str("several (number not stated)"),
            Limit::Limited => f.write_str("limited (number not stated)"),
            Limit::Unlimited => f.write_str("unlimited"),
        }
    }
}

named_enum! {
    "policy";
    /// What an account cap counts by.
    ///
    /// ```
    /// assert_eq!(realname::policy::CapKey::DocumentNumber.name_zh(), "证件号码");
    /// ```
    CapKey {
        /// One document number.
        DocumentNumber = "document_number", "证件号码", "document number";
        /// One natural person, whatever documents they hold.
        NaturalPerson = "natural_person", "自然人", "natural person";
        /// One organisation, by its name or its licence.
        OrganizationNameOrLicence = "organization_name_or_licence", "企业名称/营业执照",
            "organisation name or licence";
        /// One organisation.
        Organization = "organization", "企业", "organisation";
        /// One organisation certificate number (单位证件号码).
        CertificateNumber = "certificate_number", "单位证件号码", "certificate number";
    }
}

named_enum! {
    "policy";
    /// Whom to contact.
    ///
    /// ```
    /// assert_eq!(realname::policy::Contact::AccountManager.name_zh(), "客户经理");
    /// ```
    Contact {
        /// 销售经理.
        SalesManager = "sales_manager", "销售经理", "sales manager";
        /// 客户经理.
        AccountManager = "account_manager", "客户经理", "account manager";
        /// 工单.
        Ticket = "ticket", "工单", "support ticket";
        /// 在线客服.
        OnlineService = "online_service", "在线客服", "online customer service";
    }
}

/// Whether a cap can be raised.
///
/// ```
/// use realname::policy::{Contact, Raise};
/// assert_ne!(Raise::Hard, Raise::ByStaff(Contact::SalesManager));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Raise {
    /// It cannot ("仅支持", "只能").
    Hard,
    /// It is a default that the provider's staff can raise ("默认").
    ByStaff(Contact),
}

/// How a verified account gives its place under a cap back.
///
/// ```
/// assert_ne!(realname::policy::Release::ChangeBoundDocument, realname::policy::Release::DeleteAccount);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Release {
    /// Change the document the account is verified with.
    ChangeBoundDocument,
    /// Delete the account.
    DeleteAccount,
}

/// How many accounts one identity may verify.
///
/// ```
/// use realname::policy::{CapKey, Contact, Limit, Provider, Raise};
/// use realname::SubjectKind;
/// let cap = &Provider::Tencent.profile().account_cap(SubjectKind::Organization).unwrap().value;
/// assert_eq!(cap.key, CapKey::OrganizationNameOrLicence);
/// assert_eq!(cap.limit, Limit::AtMost(10));
/// assert_eq!(cap.raise, Some(Raise::ByStaff(Contact::AccountManager)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct AccountCap {
    /// Whose identities it counts.
    pub subject: SubjectKind,
    /// What it counts by.
    pub key: CapKey,
    /// How many accounts.
    pub limit: Limit,
    /// Whether staff can raise it; `None`: not stated.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub raise: Option<Raise>,
    /// How a place is given back; `None`: not stated.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub release: Option<Release>,
}

impl AccountCap {
    /// A cap of `limit` accounts per `key` for a kind of subject; whether it
    /// can be raised and how a place is given back are not stated.
    ///
    /// ```
    /// use realname::policy::{AccountCap, CapKey, Limit};
    /// use realname::SubjectKind;
    /// let cap = AccountCap::new(SubjectKind::Individual, CapKey::DocumentNumber, Limit::AtMost(3));
    /// assert_eq!((cap.limit, cap.raise), (Limit::AtMost(3), None));
    /// ```
    #[must_use]
    pub const fn new(subject: SubjectKind, key: CapKey, limit: Limit) -> AccountCap {
        AccountCap {
            subject,
            key,
            limit,
            raise: None,
            release: None,
        }
    }

    /// The same cap, with whether staff can raise it.
    ///
    /// ```
    /// use realname::policy::{AccountCap, CapKey, Limit, Raise};
    /// use realname::SubjectKind;
    /// let cap = AccountCap::new(SubjectKind::Individual, CapKey::DocumentNumber, Limit::AtMost(3)).with_raise(Raise::Hard);
    /// assert_eq!(cap.raise, Some(Raise::Hard));
    /// ```
    #[must_use]
    pub const fn with_raise(mut self, raise: Raise) -> AccountCap {
        self.raise = Some(raise);
        self
    }

    /// The same cap, with how a place is given back.
    ///
    /// ```
    /// use realname::policy::{AccountCap, CapKey, Limit, Release};
    /// use realname::SubjectKind;
    /// let cap = AccountCap::new(SubjectKind::Individual, CapKey::DocumentNumber, Limit::AtMost(3))
    ///     .with_release(Release::DeleteAccount);
    /// assert_eq!(cap.release, Some(Release::DeleteAccount));
    /// ```
    #[must_use]
    pub const fn with_release(mut self, release: Release) -> AccountCap {
        self.release = Some(release);
        self
    }
}

/// What a mobile number is used for.
///
/// ```
/// assert_ne!(realname::policy::PhonePurpose::Register, realname::policy::PhonePurpose::Login);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PhonePurpose {
    /// Registering accounts.
    Register,
    /// Being bound to accounts.
    Bind,
    /// Logging in to accounts.
    Login,
    /// Real-name verification.
    Verify,
}

/// How many accounts one mobile number may register, bind, log in to or
/// verify.
///
/// ```
/// use realname::policy::{Limit, PhonePurpose, Provider};
/// let cap = &Provider::Baidu.profile().phone_caps[0].value;
/// assert_eq!((cap.purpose, cap.limit), (PhonePurpose::Register, Limit::AtMost(10)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct PhoneCap {
    /// For what.
    pub purpose: PhonePurpose,
    /// Which of the provider's kinds of account, where it has several
    /// (Baidu: 云账号, 百度账号).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub accounts: Option<String>,
    /// How many.
    pub limit: Limit,
}

impl PhoneCap {
    /// At most `limit` accounts per mobile number for `purpose`, over all
    /// the provider's kinds of account.
    ///
    /// ```
    /// use realname::policy::{Limit, PhoneCap, PhonePurpose};
    /// let cap = PhoneCap::new(PhonePurpose::Register, Limit::AtMost(10));
    /// assert_eq!(cap.accounts, None);
    /// ```
    #[must_use]
    pub const fn new(purpose: PhonePurpose, limit: Limit) -> PhoneCap {
        PhoneCap {
            purpose,
            accounts: None,
            limit,
        }
    }

    /// The same cap, for one of the provider's kinds of account.
    ///
    /// ```
    /// use realname::policy::{Limit, PhoneCap, PhonePurpose};
    /// let cap = PhoneCap::new(PhonePurpose::Register, Limit::AtMost(10)).with_accounts("云账号");
    /// assert_eq!(cap.accounts.as_deref(), Some("云账号"));
    /// ```
    #[must_use]
    pub fn with_accounts(mut self, accounts: impl Into<String>) -> PhoneCap {
        self.accounts = Some(accounts.into());
        self
    }
}
