//! Provider policy profiles: one provider's real-name rules as data.
//!
//! A [`Profile`] is plain data (structs and enums, serde-ready with the
//! `serde` feature) covering every kind of rule the providers' documents
//! state: the subjects and organisation types served, the methods offered and
//! the documents each accepts, account caps, phone caps, attempt limits,
//! review times, micro-deposit and recharge parameters, upload rules, the
//! minimum age, changes of the verified subject and what an individual
//! account may not do. The decisions taken from a profile live in
//! [`rules`](crate::rules).
//!
//! Most providers leave most rules unstated, and "not stated by the
//! provider" is a value of its own here ([`Stated::NotStated`], or an empty
//! list of sourced rules), distinct from "none" or "unlimited"
//! ([`Limit::Unlimited`]). A rule that is not stated never refuses anything.
//!
//! Every value of the built-in profiles ([`Provider::profile`]) carries a
//! [`Source`]: the seed document, the line and the phrase it rests on,
//! reachable at run time through [`Profile::sources`] and listed, with the
//! choices made where a seed is unclear, in [`sources`].
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
/// time, through [`Profile::sources`]:
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

pub use builtin::Provider;
pub use check::{ProfileError, ProfileProblem};

/// Where a value came from: a document, a line in it and the phrase.
///
/// ```
/// use realname::policy::Provider;
/// let p = Provider::HuaweiInternational.profile();
/// let source = p.min_age.source();
/// assert!(source.is_none()); // Huawei's page states no minimum age
/// let (path, first) = p.sources().next().unwrap();
/// assert_eq!(path, "subjects[0]");
/// assert_eq!(first.to_string(), "002_adfdc5c91064f6f9.txt, line 1: \"Individual Real-Name Authentication\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
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
    pub fn new(document: impl Into<String>, line: u32, quote: impl Into<String>) -> Source {
        Source {
            document: document.into(),
            line: Some(line),
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
    pub fn unsourced(value: T) -> Sourced<T> {
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
/// assert_eq!(baidu.min_age.value(), Some(&MinAge { years: 14, rule: AgeRule::Birthday }));
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
pub struct Listed<T> {
    /// The items the provider names.
    pub items: Vec<T>,
    /// Whether the items are examples only, so that others may be allowed.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
    pub open: bool,
}

#[cfg(feature = "serde")]
fn is_false(b: &bool) -> bool {
    !*b
}

impl<T: PartialEq> Listed<T> {
    /// A complete list.
    ///
    /// ```
    /// assert!(!realname::policy::Listed::complete(vec!['a']).open);
    /// ```
    pub fn complete(items: Vec<T>) -> Listed<T> {
        Listed { items, open: false }
    }

    /// A list of examples.
    ///
    /// ```
    /// assert!(realname::policy::Listed::examples(vec!['a']).open);
    /// ```
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

named_enum! {
    "policy";
    /// A verification method, as the providers name them.
    ///
    /// ```
    /// use realname::policy::MethodKind;
    /// assert_eq!(MethodKind::CorporateTransfer.name_zh(), "企业对公打款认证");
    /// assert_eq!("bank_card".parse::<MethodKind>().unwrap(), MethodKind::BankCard);
    /// ```
    MethodKind {
        /// Resident ID card with a video of the holder reading digits aloud
        /// (Kingsoft Cloud's 个人身份证认证).
        IdCardVideo = "id_card_video", "身份证视频认证", "ID card with video";
        /// Face recognition against an identity document (刷脸认证).
        Face = "face", "人脸识别认证", "face recognition";
        /// Bank card: name, ID number, card number and the bank's mobile
        /// number, with an SMS code (个人银行卡认证).
        BankCard = "bank_card", "个人银行卡认证", "personal bank card";
        /// WeChat scan (微信扫码).
        WeChatScan = "wechat_scan", "微信扫码认证", "WeChat scan";
        /// QQ scan (QQ 扫码).
        QqScan = "qq_scan", "QQ 扫码认证", "QQ scan";
        /// Upload of a personal document and a handheld photo, reviewed by
        /// staff (个人证件认证).
        DocumentUpload = "document_upload", "个人证件认证", "personal document upload";
        /// WeChat Official Accounts Platform (微信公众平台).
        WeChatOfficialAccount = "wechat_official_account", "微信公众平台认证", "WeChat Official Accounts Platform";
        /// The legal representative's face (法定代表人刷脸认证).
        LegalRepresentativeFace = "legal_representative_face", "法定代表人刷脸认证", "legal representative's face";
        /// The legal representative's WeChat scan (企业法人微信扫码).
        LegalRepresentativeWeChat = "legal_representative_wechat", "企业法人微信扫码认证",
            "legal representative's WeChat scan";
        /// A small random deposit into the organisation's bank account,
        /// whose amount the applicant enters (企业对公打款).
        CorporateTransfer = "corporate_transfer", "企业对公打款认证", "corporate bank transfer";
        /// A payment from the organisation's bank account to the provider
        /// (充值认证).
        Recharge = "recharge", "充值认证", "recharge";
        /// Upload of the organisation's certificate, reviewed by staff
        /// (企业证件认证).
        CertificateUpload = "certificate_upload", "企业证件认证", "organisation certificate upload";
    }
}

named_enum! {
    "policy";
    /// What a method checks.
    ///
    /// ```
    /// assert_eq!(realname::policy::Factor::HandheldPhoto.name_zh(), "手持证件照");
    /// ```
    Factor {
        /// The name and the document number.
        NameAndNumber = "name_and_number", "姓名与证件号码", "name and document number";
        /// A live face scan.
        FaceScan = "face_scan", "人脸识别", "live face scan";
        /// A video of the applicant reading displayed digits aloud.
        VideoReadingDigits = "video_reading_digits", "朗读数字视频", "video reading digits aloud";
        /// An image of the document.
        DocumentImage = "document_image", "证件照片", "image of the document";
        /// A photo of the applicant holding the document.
        HandheldPhoto = "handheld_photo", "手持证件照", "photo holding the document";
        /// A bank card number.
        BankCard = "bank_card", "银行卡号", "bank card number";
        /// The mobile number the bank holds, with an SMS code.
        BankMobileSms = "bank_mobile_sms", "银行预留手机号短信验证", "SMS to the bank's mobile number";
        /// A WeChat identity.
        WeChatIdentity = "wechat_identity", "微信身份", "WeChat identity";
        /// A QQ identity.
        QqIdentity = "qq_identity", "QQ 身份", "QQ identity";
        /// A WeChat Official Account of the organisation.
        WeChatOfficialAccount = "wechat_official_account", "微信公众号", "WeChat Official Account";
        /// The organisation's registration number and name.
        OrganizationRegistration = "organization_registration", "单位名称与证件号码",
            "organisation name and registration number";
        /// The legal representative's name and ID number.
        LegalRepresentative = "legal_representative", "法定代表人姓名与身份证号", "legal representative's name and ID";
        /// The face of the person handling the application (经办人).
        OperatorFace = "operator_face", "经办人人脸识别", "operator's face";
        /// An amount the provider paid into the organisation's account.
        DepositAmount = "deposit_amount", "打款金额", "deposited amount";
        /// A payment from the organisation's account to the provider.
        PaymentToProvider = "payment_to_provider", "向平台打款", "payment to the provider";
        /// The organisation's certificate.
        Certificate = "certificate", "单位证件", "organisation certificate";
        /// A sealed letter of authorisation for a delegate.
        AuthorizationLetter = "authorization_letter", "加盖公章的授权书", "sealed letter of authorisation";
    }
}

named_enum! {
    "policy";
    /// Where an individual lives, as methods are restricted by it.
    ///
    /// ```
    /// assert_eq!(realname::policy::Residency::Mainland.name_zh(), "中国大陆");
    /// ```
    Residency {
        /// Mainland China.
        Mainland = "mainland", "中国大陆", "mainland China";
        /// Hong Kong or Macao.
        HongKongMacao = "hong_kong_macao", "港澳", "Hong Kong or Macao";
        /// Taiwan.
        Taiwan = "taiwan", "台湾", "Taiwan";
        /// Outside China.
        Overseas = "overseas", "海外", "overseas";
    }
}

impl Residency {
    /// Where the holder of a document lives, as far as the document shows:
    /// a resident ID's holder (mainland citizen, or a Hong Kong, Macao or
    /// Taiwan resident with a residence permit), the region of a Hong Kong,
    /// Macao or Taiwan document, overseas for foreigners' documents; `None`
    /// for a Chinese passport (its holder may live anywhere) and for
    /// organisations' numbers, bank cards and mobile numbers.
    ///
    /// ```
    /// use realname::policy::Residency;
    /// use realname::{Document, DocumentKind};
    ///
    /// let permit = Document::parse_as(DocumentKind::ResidentId, "830000199201300022")?;
    /// assert_eq!(Residency::of_document(&permit), Some(Residency::Taiwan));
    /// let card = Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?;
    /// assert_eq!(Residency::of_document(&card), Some(Residency::Mainland));
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn of_document(document: &crate::Document) -> Option<Residency> {
        use crate::{Document as D, Holder};
        match document {
            D::ResidentId(id) => Some(match id.holder() {
                Holder::MainlandCitizen => Residency::Mainland,
                Holder::HongKongResident | Holder::MacaoResident => Residency::HongKongMacao,
                Holder::TaiwanResident => Residency::Taiwan,
            }),
            D::LegacyResidentId(_) | D::ExitEntryPermit(_) => Some(Residency::Mainland),
            D::HongKongId(_) | D::MacaoId(_) | D::HkMacaoTravelPermit(_) => {
                Some(Residency::HongKongMacao)
            }
            D::TaiwanId(_) | D::TaiwanTravelPermit(_) => Some(Residency::Taiwan),
            D::ForeignPermanentResidentId(_)
            | D::ForeignPassport(_)
            | D::ForeignDrivingLicence(_) => Some(Residency::Overseas),
            _ => None,
        }
    }
}

/// A condition an applicant must meet to use a method.
///
/// ```
/// use realname::policy::Requirement;
/// assert_eq!(Requirement::NotPartnerProgramMember.to_string(), "not a member of the partner program");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Requirement {
    /// The document is within its validity period.
    ValidDocument,
    /// The document was issued where the account is registered.
    IssuedWhereRegistered,
    /// The bank account's name is the organisation's full legal name.
    BankAccountNameIsLegalName,
    /// The paying bank account's name is the name being verified.
    PayerNameIsVerifiedName,
    /// The applicant has not joined the provider's partner program.
    NotPartnerProgramMember,
    /// The organisation holds no third-party payment licence.
    NoPaymentLicence,
    /// The bank card is a UnionPay card.
    UnionPayCard,
    /// The organisation is not of this type.
    NotOrganizationType(OrganizationType),
}

impl Requirement {
    /// The condition in Chinese.
    ///
    /// ```
    /// use realname::org::OrganizationType;
    /// use realname::policy::Requirement;
    /// assert_eq!(Requirement::UnionPayCard.to_string_zh(), "使用银联卡");
    /// assert_eq!(Requirement::NotOrganizationType(OrganizationType::PublicInstitution).to_string_zh(), "非事业单位");
    /// ```
    pub fn to_string_zh(&self) -> String {
        let text = match self {
            Requirement::ValidDocument => "证件在有效期内",
            Requirement::IssuedWhereRegistered => "证件签发地与账号注册地一致",
            Requirement::BankAccountNameIsLegalName => "银行开户名为单位全称",
            Requirement::PayerNameIsVerifiedName => "打款账户名与实名一致",
            Requirement::NotPartnerProgramMember => "未加入合作伙伴计划",
            Requirement::NoPaymentLicence => "未持有第三方支付牌照",
            Requirement::UnionPayCard => "使用银联卡",
            Requirement::NotOrganizationType(t) => return format!("非{}", t.name_zh()),
        };
        text.to_owned()
    }
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Requirement::ValidDocument => f.write_str("the document is valid"),
            Requirement::IssuedWhereRegistered => {
                f.write_str("the document was issued where the account is registered")
            }
            Requirement::BankAccountNameIsLegalName => {
                f.write_str("the bank account's name is the full legal name")
            }
            Requirement::PayerNameIsVerifiedName => {
                f.write_str("the paying account's name is the verified name")
            }
            Requirement::NotPartnerProgramMember => {
                f.write_str("not a member of the partner program")
            }
            Requirement::NoPaymentLicence => f.write_str("no third-party payment licence"),
            Requirement::UnionPayCard => f.write_str("a UnionPay card"),
            Requirement::NotOrganizationType(t) => write!(f, "not a {}", t.name_en()),
        }
    }
}

/// Who decides a method's outcome.
///
/// ```
/// assert_ne!(realname::policy::Decision::Automatic, realname::policy::Decision::Manual);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Decision {
    /// The provider's systems decide.
    Automatic,
    /// The provider's staff review every application.
    Manual,
}

/// The unit of a review time.
///
/// ```
/// assert_eq!(realname::policy::TimeUnit::WorkingDays.duration(2), realname::calendar::Duration::WorkingDays(2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum TimeUnit {
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Calendar days.
    CalendarDays,
    /// Working days.
    WorkingDays,
}

impl TimeUnit {
    /// `n` of this unit as a [`Duration`].
    ///
    /// ```
    /// use realname::{calendar::Duration, policy::TimeUnit};
    /// assert_eq!(TimeUnit::Minutes.duration(30), Duration::Minutes(30));
    /// ```
    pub fn duration(&self, n: u32) -> Duration {
        match self {
            TimeUnit::Minutes => Duration::Minutes(n),
            TimeUnit::Hours => Duration::Hours(n),
            TimeUnit::CalendarDays => Duration::CalendarDays(n),
            TimeUnit::WorkingDays => Duration::WorkingDays(n),
        }
    }
}

/// How a review time is meant.
///
/// ```
/// assert_eq!(realname::policy::Qualifier::AtTheFastest.to_string(), "at the fastest");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Qualifier {
    /// At most: "…内完成", "within".
    AtMost,
    /// Typically, as expected: "预计", "一般", or a bare figure.
    Typically,
    /// At the fastest: "最快". Gives no deadline.
    AtTheFastest,
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Qualifier::AtMost => "at most",
            Qualifier::Typically => "typically",
            Qualifier::AtTheFastest => "at the fastest",
        })
    }
}

/// How long a review (or a payment's arrival) takes.
///
/// ```
/// use realname::calendar::Duration;
/// use realname::policy::{Qualifier, ReviewTime, TimeUnit};
///
/// let t = ReviewTime::Range { min: 1, max: 2, unit: TimeUnit::WorkingDays, qualifier: Qualifier::Typically };
/// assert_eq!(t.deadline(), Some(Duration::WorkingDays(2)));
/// assert_eq!(t.to_string(), "typically 1–2 working days");
/// assert_eq!(t.to_string_zh(), "预计 1–2 个工作日");
/// assert_eq!(ReviewTime::Instant.deadline(), Some(Duration::Minutes(0)));
/// let within = ReviewTime::Range { min: 0, max: 3, unit: TimeUnit::WorkingDays, qualifier: Qualifier::AtMost };
/// assert_eq!(within.to_string(), "at most 3 working days");
/// assert_eq!(within.to_string_zh(), "3 个工作日内");
/// let range = ReviewTime::Range { min: 1, max: 3, unit: TimeUnit::WorkingDays, qualifier: Qualifier::AtMost };
/// assert_eq!(range.to_string(), "1–3 working days");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ReviewTime {
    /// Decided at once (即时完成).
    Instant,
    /// Between `min` and `max` units.
    Range {
        /// The shortest time.
        min: u32,
        /// The longest time; equal to `min` for a single figure.
        max: u32,
        /// The unit of both.
        unit: TimeUnit,
        /// How the range is meant.
        qualifier: Qualifier,
    },
}

impl ReviewTime {
    /// A range of `min` to `max` units, meant as `qualifier` says.
    ///
    /// ```
    /// use realname::policy::{Qualifier, ReviewTime, TimeUnit};
    /// let t = ReviewTime::range(1, 2, TimeUnit::WorkingDays, Qualifier::Typically);
    /// assert_eq!(t.to_string(), "typically 1–2 working days");
    /// ```
    pub const fn range(min: u32, max: u32, unit: TimeUnit, qualifier: Qualifier) -> ReviewTime {
        ReviewTime::Range {
            min,
            max,
            unit,
            qualifier,
        }
    }

    /// The longest the review may take, where the provider gives one: the
    /// upper end of a range meant as "at most" or "typically"; nothing for
    /// "at the fastest".
    ///
    /// ```
    /// use realname::policy::{Qualifier, ReviewTime, TimeUnit};
    /// let fastest = ReviewTime::Range { min: 30, max: 30, unit: TimeUnit::Minutes, qualifier: Qualifier::AtTheFastest };
    /// assert_eq!(fastest.deadline(), None);
    /// ```
    pub fn deadline(&self) -> Option<Duration> {
        match self {
            ReviewTime::Instant => Some(Duration::Minutes(0)),
            ReviewTime::Range {
                qualifier: Qualifier::AtTheFastest,
                ..
            } => None,
            ReviewTime::Range { max, unit, .. } => Some(unit.duration(*max)),
        }
    }

    /// The review time in Chinese.
    ///
    /// ```
    /// use realname::policy::ReviewTime;
    /// assert_eq!(ReviewTime::Instant.to_string_zh(), "即时完成");
    /// ```
    pub fn to_string_zh(&self) -> String {
        let ReviewTime::Range {
            unit, qualifier, ..
        } = self
        else {
            return "即时完成".to_owned();
        };
        let unit = match unit {
            TimeUnit::Minutes => " 分钟",
            TimeUnit::Hours => " 小时",
            TimeUnit::CalendarDays => " 天",
            TimeUnit::WorkingDays => " 个工作日",
        };
        let amount = self.amount();
        match qualifier {
            Qualifier::AtMost if self.is_within() => format!("{amount}{unit}内"),
            Qualifier::AtMost => format!("{amount}{unit}"),
            Qualifier::Typically => format!("预计 {amount}{unit}"),
            Qualifier::AtTheFastest => format!("最快 {amount}{unit}"),
        }
    }

    /// "Within n" ("n 个工作日内"): at most, from zero.
    fn is_within(&self) -> bool {
        matches!(
            self,
            ReviewTime::Range {
                min: 0,
                qualifier: Qualifier::AtMost,
                ..
            }
        )
    }

    /// The figures: `3` for a single figure or "within 3", else `1–3`.
    fn amount(&self) -> String {
        match self {
            ReviewTime::Range { min, max, .. } if min != max && !self.is_within() => {
                format!("{min}–{max}")
            }
            ReviewTime::Range { max, .. } => max.to_string(),
            ReviewTime::Instant => "0".to_owned(),
        }
    }
}

impl fmt::Display for ReviewTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ReviewTime::Range {
            max,
            unit,
            qualifier,
            ..
        } = self
        else {
            return f.write_str("instant");
        };
        let unit = match unit {
            TimeUnit::Minutes => "minute",
            TimeUnit::Hours => "hour",
            TimeUnit::CalendarDays => "calendar day",
            TimeUnit::WorkingDays => "working day",
        };
        let s = if *max == 1 { "" } else { "s" };
        let amount = self.amount();
        match qualifier {
            // A range meant as a maximum, "1 - 3个工作日", reads as itself.
            Qualifier::AtMost if !self.is_within() => write!(f, "{amount} {unit}{s}"),
            q => write!(f, "{q} {amount} {unit}{s}"),
        }
    }
}

/// When a method's outcome goes to a person.
///
/// ```
/// assert_ne!(realname::policy::ReviewCondition::Always, realname::policy::ReviewCondition::RiskPolicy);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ReviewCondition {
    /// Every application.
    Always,
    /// Organisations other than enterprises (非企业的其他组织).
    OtherOrganization,
    /// Applications that trip the provider's risk policy.
    RiskPolicy,
}

/// A manual review that follows an automatic method under a condition.
///
/// ```
/// use realname::policy::{MethodKind, Provider, ReviewCondition};
/// let m = Provider::Baidu.profile().method(MethodKind::LegalRepresentativeFace).unwrap();
/// assert_eq!(m.manual_review.value().unwrap().when, ReviewCondition::OtherOrganization);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ManualReview {
    /// When the review happens.
    pub when: ReviewCondition,
    /// How long it takes.
    pub time: ReviewTime,
}

/// What an attempt limit counts.
///
/// ```
/// assert_eq!(realname::policy::Counted::AmountEntries.to_string(), "amount entries");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Counted {
    /// Verification attempts.
    Attempts,
    /// Entries of a deposited amount.
    AmountEntries,
    /// Uses of the method at all.
    MethodUses,
}

impl fmt::Display for Counted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Counted::Attempts => "attempts",
            Counted::AmountEntries => "amount entries",
            Counted::MethodUses => "uses",
        })
    }
}

/// Over what an attempt limit counts.
///
/// ```
/// use realname::policy::{Scope, Transition};
/// assert_ne!(Scope::Account, Scope::ChangeRequest(Transition::IndividualToIndividual));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Scope {
    /// The account's whole life (no provider says a counter resets).
    Account,
    /// One deposit or payment.
    Transfer,
    /// One request to change the verified subject; withdrawing the request
    /// and submitting a new one starts a new count.
    ChangeRequest(Transition),
}

/// What happens when the attempts run out.
///
/// ```
/// use realname::policy::{MethodKind, OnExhaust};
/// assert_eq!(OnExhaust::FallbackTo(MethodKind::CertificateUpload).to_string(), "use organisation certificate upload instead");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum OnExhaust {
    /// The method can no longer be used; other methods can.
    MethodLocked,
    /// Use this method instead.
    FallbackTo(MethodKind),
    /// Start again with a new transfer.
    Restart,
    /// Use another method, or withdraw the change request and submit a new
    /// one.
    OtherMethodOrWithdraw,
}

impl fmt::Display for OnExhaust {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OnExhaust::MethodLocked => f.write_str("the method is locked; other methods remain"),
            OnExhaust::FallbackTo(m) => write!(f, "use {} instead", m.name_en()),
            OnExhaust::Restart => f.write_str("start again"),
            OnExhaust::OtherMethodOrWithdraw => {
                f.write_str("use another method, or withdraw and resubmit the change")
            }
        }
    }
}

/// A limit on attempts.
///
/// ```
/// use realname::policy::{Counted, MethodKind, Provider, Scope};
/// let m = Provider::Baidu.profile().method(MethodKind::BankCard).unwrap();
/// let limit = &m.attempts[0].value;
/// assert_eq!((limit.counted, limit.max, limit.scope), (Counted::Attempts, 10, Scope::Account));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AttemptLimit {
    /// What is counted.
    pub counted: Counted,
    /// How many are allowed (at least 1).
    pub max: u32,
    /// Over what.
    pub scope: Scope,
    /// What follows when none are left; `None`: not stated.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub on_exhaust: Option<OnExhaust>,
}

/// Which way money moves in a method.
///
/// ```
/// assert_ne!(realname::policy::PaymentDirection::ToApplicant, realname::policy::PaymentDirection::ToProvider);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PaymentDirection {
    /// The provider pays a small random amount to the applicant's account
    /// (打款).
    ToApplicant,
    /// The applicant pays a generated amount to the provider (充值).
    ToProvider,
}

/// A range of money in fen (分, 0.01 yuan), both ends included.
///
/// ```
/// let r = realname::policy::AmountRange { min_fen: 1, max_fen: 100 };
/// assert!(r.contains(100) && !r.contains(0));
/// assert_eq!(r.to_string(), "0.01–1.00 yuan");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AmountRange {
    /// The least amount.
    pub min_fen: u32,
    /// The greatest amount.
    pub max_fen: u32,
}

impl AmountRange {
    /// Whether `fen` is in the range.
    ///
    /// ```
    /// assert!(realname::policy::AmountRange { min_fen: 0, max_fen: 100 }.contains(0));
    /// ```
    pub fn contains(&self, fen: u32) -> bool {
        (self.min_fen..=self.max_fen).contains(&fen)
    }
}

impl fmt::Display for AmountRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{} yuan", yuan(self.min_fen), yuan(self.max_fen))
    }
}

/// An amount in fen as yuan with two decimals: `0.01`.
pub(crate) fn yuan(fen: u32) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// What a deadline counts from.
///
/// ```
/// assert_ne!(realname::policy::Anchor::Receipt, realname::policy::Anchor::Initiation);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Anchor {
    /// The applicant started the request.
    Initiation,
    /// The provider approved the request.
    Approval,
    /// The applicant received the money (which the provider cannot see).
    Receipt,
    /// The provider generated the amount to pay.
    AmountGenerated,
}

/// A time limit and what it counts from.
///
/// ```
/// use realname::calendar::Duration;
/// use realname::policy::{Anchor, Deadline};
/// let d = Deadline { within: Duration::CalendarDays(8), from: Anchor::Receipt };
/// assert_eq!(d.within.to_string(), "8 calendar days");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Deadline {
    /// How long.
    pub within: Duration,
    /// From what.
    pub from: Anchor,
}

/// What becomes of the money.
///
/// ```
/// assert_ne!(realname::policy::Refund::NotRequired, realname::policy::Refund::CreditedToBalance);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Refund {
    /// The applicant need not return the deposit.
    NotRequired,
    /// The payment is credited to the account's balance.
    CreditedToBalance,
}

/// The money side of a transfer or recharge method.
///
/// ```
/// use realname::policy::{MethodKind, Provider};
/// let m = Provider::Baidu.profile().method(MethodKind::CorporateTransfer).unwrap();
/// let amount = m.payment.as_ref().unwrap().amount_fen.value().unwrap();
/// assert_eq!((amount.min_fen, amount.max_fen), (1, 100));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Payment {
    /// Which way the money moves.
    pub direction: PaymentDirection,
    /// The amount's range.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub amount_fen: Stated<AmountRange>,
    /// How long the money takes to arrive.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub arrival: Stated<ReviewTime>,
    /// By when the applicant must enter the amount or pay.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub deadline: Stated<Deadline>,
    /// What becomes of the money.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub refund: Stated<Refund>,
}

impl Payment {
    /// A payment in `direction` with every parameter not stated.
    ///
    /// ```
    /// use realname::policy::{Payment, PaymentDirection};
    /// assert!(Payment::new(PaymentDirection::ToProvider).amount_fen.is_not_stated());
    /// ```
    pub fn new(direction: PaymentDirection) -> Payment {
        Payment {
            direction,
            amount_fen: Stated::NotStated,
            arrival: Stated::NotStated,
            deadline: Stated::NotStated,
            refund: Stated::NotStated,
        }
    }
}

/// A verification method as one provider offers it.
///
/// ```
/// use realname::policy::{Decision, Method, MethodKind, Provider};
/// use realname::{DocumentKind, SubjectKind};
///
/// let m = Provider::Kingsoft.profile().method(MethodKind::DocumentUpload).unwrap();
/// assert_eq!(m.subject, SubjectKind::Individual);
/// assert_eq!(m.decision.value(), Some(&Decision::Manual));
/// assert!(m.documents.value().unwrap().names(&DocumentKind::ForeignPassport));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Method {
    /// Which method.
    pub kind: MethodKind,
    /// Who may use it.
    pub subject: SubjectKind,
    /// Where the provider offers it.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub source: Option<Source>,
    /// What it checks, as the provider describes it.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub factors: Vec<Factor>,
    /// The identity documents it accepts.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub documents: Stated<Listed<DocumentKind>>,
    /// Where its users must live.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub residency: Stated<Vec<Residency>>,
    /// Conditions on the applicant.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub requirements: Vec<Sourced<Requirement>>,
    /// Who decides.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub decision: Stated<Decision>,
    /// How long the outcome takes.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub review: Stated<ReviewTime>,
    /// A manual review that follows under a condition.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub manual_review: Stated<ManualReview>,
    /// Limits on attempts; empty: not stated.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub attempts: Vec<Sourced<AttemptLimit>>,
    /// The money side, for transfer and recharge methods.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub payment: Option<Payment>,
}

impl Method {
    /// A method with every rule not stated.
    ///
    /// ```
    /// use realname::policy::{Method, MethodKind};
    /// use realname::SubjectKind;
    /// let m = Method::new(MethodKind::Face, SubjectKind::Individual);
    /// assert!(m.review.is_not_stated());
    /// ```
    pub fn new(kind: MethodKind, subject: SubjectKind) -> Method {
        Method {
            kind,
            subject,
            source: None,
            factors: Vec::new(),
            documents: Stated::NotStated,
            residency: Stated::NotStated,
            requirements: Vec::new(),
            decision: Stated::NotStated,
            review: Stated::NotStated,
            manual_review: Stated::NotStated,
            attempts: Vec::new(),
            payment: None,
        }
    }
}

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

/// The minimum age of an individual.
///
/// ```
/// use realname::policy::MinAge;
/// use realname::AgeRule;
/// assert_eq!(MinAge { years: 14, rule: AgeRule::Birthday }.years, 14);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MinAge {
    /// Full years (周岁), this many allowed.
    pub years: u32,
    /// When a year is complete.
    #[cfg_attr(feature = "serde", serde(default))]
    pub rule: AgeRule,
}

named_enum! {
    "policy";
    /// A kind of file.
    ///
    /// ```
    /// use realname::policy::FileFormat;
    /// assert_eq!(FileFormat::from_file_name("scan.JPG"), Some(FileFormat::Jpeg));
    /// assert_eq!(FileFormat::from_file_name("scan"), None);
    /// assert_eq!(FileFormat::sniff(b"%PDF-1.7"), Some(FileFormat::Pdf));
    /// ```
    FileFormat {
        /// JPEG (`.jpg`, `.jpeg`).
        Jpeg = "jpeg", "JPEG 图片", "JPEG";
        /// PNG.
        Png = "png", "PNG 图片", "PNG";
        /// BMP.
        Bmp = "bmp", "BMP 图片", "BMP";
        /// GIF.
        Gif = "gif", "GIF 图片", "GIF";
        /// PDF.
        Pdf = "pdf", "PDF 文档", "PDF";
    }
}

impl FileFormat {
    /// The format a file name's extension names, in any case; `None` for
    /// none or another.
    ///
    /// ```
    /// use realname::policy::FileFormat;
    /// assert_eq!(FileFormat::from_file_name("证件.jpeg"), Some(FileFormat::Jpeg));
    /// assert_eq!(FileFormat::from_file_name("a.docx"), None);
    /// ```
    pub fn from_file_name(name: &str) -> Option<FileFormat> {
        let (_, ext) = name.rsplit_once('.')?;
        let is = |e: &str| ext.eq_ignore_ascii_case(e);
        if is("jpg") || is("jpeg") {
            Some(FileFormat::Jpeg)
        } else if is("png") {
            Some(FileFormat::Png)
        } else if is("bmp") {
            Some(FileFormat::Bmp)
        } else if is("gif") {
            Some(FileFormat::Gif)
        } else if is("pdf") {
            Some(FileFormat::Pdf)
        } else {
            None
        }
    }

    /// The format a file's first bytes show (its magic number); `None` for
    /// another or too few bytes.
    ///
    /// ```
    /// use realname::policy::FileFormat;
    /// assert_eq!(FileFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(FileFormat::Jpeg));
    /// assert_eq!(FileFormat::sniff(b""), None);
    /// ```
    pub fn sniff(head: &[u8]) -> Option<FileFormat> {
        const MAGIC: [(&[u8], FileFormat); 6] = [
            (&[0xFF, 0xD8, 0xFF], FileFormat::Jpeg),
            (b"\x89PNG\r\n\x1a\n", FileFormat::Png),
            (b"BM", FileFormat::Bmp),
            (b"GIF87a", FileFormat::Gif),
            (b"GIF89a", FileFormat::Gif),
            (b"%PDF-", FileFormat::Pdf),
        ];
        MAGIC
            .iter()
            .find(|(magic, _)| head.starts_with(magic))
            .map(|(_, format)| *format)
    }
}

named_enum! {
    "policy";
    /// A rule an uploaded image must follow.
    ///
    /// ```
    /// assert_eq!(realname::policy::ImageRule::NoHeadwear.name_zh(), "免冠");
    /// ```
    ImageRule {
        /// The applicant holds the document, front side shown.
        HandheldFrontSide = "handheld_front_side", "手持证件正面", "holding the document, front side shown";
        /// Everything on the document can be read.
        AllInformationVisible = "all_information_visible", "证件信息清晰可见", "all information visible";
        /// No hat or headwear.
        NoHeadwear = "no_headwear", "免冠", "no headwear";
        /// The face (and, for Huawei, the arms) can be seen.
        FaceVisible = "face_visible", "五官可见", "face visible";
        /// An original, unedited photo.
        Unmodified = "unmodified", "原始照片，未经修改", "original, unmodified";
        /// In colour: an original photo, a colour scan or a copy with a
        /// fresh seal.
        Colour = "colour", "彩色原件、扫描件或加盖鲜章的复印件", "colour original, scan or freshly sealed copy";
        /// No electronic seal.
        NoElectronicSeal = "no_electronic_seal", "不支持电子章", "no electronic seal";
        /// Not re-photographed, screenshotted, mirrored or edited.
        NoScreenshotOrEdit = "no_screenshot_or_edit", "不得翻拍、截图、镜像、PS", "no re-photographs, screenshots, mirroring or edits";
    }
}

/// Rules for the files a method uploads.
///
/// ```
/// use realname::policy::{FileFormat, MethodKind, Provider};
/// let rule = Provider::Baidu.profile().upload_rule(MethodKind::LegalRepresentativeFace).unwrap();
/// assert_eq!(rule.formats.value().unwrap(), &[FileFormat::Jpeg, FileFormat::Png]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct UploadRule {
    /// The methods it applies to.
    pub methods: Vec<MethodKind>,
    /// The formats accepted.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub formats: Stated<Vec<FileFormat>>,
    /// The largest file, in bytes (a provider's "MB" is read as 1,048,576
    /// bytes).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub max_bytes: Stated<u64>,
    /// What the image must show.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub image: Vec<Sourced<ImageRule>>,
}

named_enum! {
    "policy";
    /// A change of an account's verified subject.
    ///
    /// ```
    /// use realname::policy::Transition;
    /// assert_eq!(Transition::OrganizationRename.name_zh(), "企业名称变更");
    /// ```
    Transition {
        /// To another individual.
        IndividualToIndividual = "individual_to_individual", "个人变更为其他个人", "individual to another individual";
        /// From an individual to an organisation.
        IndividualToOrganization = "individual_to_organization", "个人变更为企业", "individual to organisation";
        /// The same organisation (same unified social credit code) under a
        /// new name.
        OrganizationRename = "organization_rename", "企业名称变更", "organisation renamed";
        /// To another organisation.
        OrganizationToOrganization = "organization_to_organization", "企业变更为其他企业",
            "organisation to another organisation";
        /// From an organisation to an individual.
        OrganizationToIndividual = "organization_to_individual", "企业变更为个人", "organisation to individual";
        /// Removing the verification altogether (解除实名认证).
        Remove = "remove", "解除实名认证", "removing the verification";
    }
}

/// Whether a change can be made, and how.
///
/// ```
/// use realname::policy::{Availability, Contact};
/// assert_ne!(Availability::Online, Availability::Offline(Contact::AccountManager));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Availability {
    /// In the console, by the account holder.
    Online,
    /// Only through the provider's staff.
    Offline(Contact),
    /// Not at all.
    Forbidden,
}

/// What a cooldown holds back.
///
/// ```
/// assert_ne!(realname::policy::Gate::Initiation, realname::policy::Gate::Completion);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Gate {
    /// Starting a new change.
    Initiation,
    /// Completing a new change.
    Completion,
}

/// How long after the last completed change a new one may be made.
///
/// ```
/// use realname::calendar::Duration;
/// use realname::policy::{Provider, Transition};
/// let c = Provider::Tencent.profile().change(Transition::IndividualToIndividual).unwrap();
/// assert_eq!(c.cooldown.value().unwrap().wait, Duration::CalendarMonths(1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Cooldown {
    /// How long, from the last completed change of the account's subject.
    pub wait: Duration,
    /// What it holds back.
    pub gates: Gate,
}

/// An attempt limit of one method within a change flow.
///
/// ```
/// use realname::policy::{MethodKind, Provider, Transition};
/// let c = Provider::Baidu.profile().change(Transition::IndividualToIndividual).unwrap();
/// assert_eq!(c.attempts[0].value.method, MethodKind::BankCard);
/// assert_eq!(c.attempts[0].value.limit.max, 5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MethodAttempts {
    /// The method.
    pub method: MethodKind,
    /// Its limit in the change flow.
    pub limit: AttemptLimit,
}

/// The rules of one change of the verified subject.
///
/// ```
/// use realname::calendar::Duration;
/// use realname::policy::{Anchor, Availability, Provider, Transition};
/// let c = Provider::Baidu.profile().change(Transition::IndividualToIndividual).unwrap();
/// assert_eq!(c.availability.value, Availability::Online);
/// let window = c.window.value().unwrap();
/// assert_eq!((window.within, window.from), (Duration::CalendarDays(1), Anchor::Initiation));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ChangeRule {
    /// Which change.
    pub transition: Transition,
    /// Whether and how it can be made.
    pub availability: Sourced<Availability>,
    /// How long after the last change.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub cooldown: Stated<Cooldown>,
    /// By when the new subject must be submitted or verified, or the change
    /// is withdrawn.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub window: Stated<Deadline>,
    /// How the current subject confirms the change.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub old_subject_methods: Stated<Vec<MethodKind>>,
    /// How the new subject is verified.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub new_subject_methods: Stated<Vec<MethodKind>>,
    /// Attempt limits within the flow; empty: not stated.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub attempts: Vec<Sourced<MethodAttempts>>,
    /// Whether the applicant may withdraw the request.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub withdrawable: Stated<bool>,
}

impl ChangeRule {
    /// A change with the given availability and every other rule not
    /// stated.
    ///
    /// ```
    /// use realname::policy::{Availability, ChangeRule, Sourced, Transition};
    /// let c = ChangeRule::new(Transition::Remove, Sourced::unsourced(Availability::Forbidden));
    /// assert!(c.cooldown.is_not_stated());
    /// ```
    pub fn new(transition: Transition, availability: Sourced<Availability>) -> ChangeRule {
        ChangeRule {
            transition,
            availability,
            cooldown: Stated::NotStated,
            window: Stated::NotStated,
            old_subject_methods: Stated::NotStated,
            new_subject_methods: Stated::NotStated,
            attempts: Vec::new(),
            withdrawable: Stated::NotStated,
        }
    }
}

named_enum! {
    "policy";
    /// Something an account may do.
    ///
    /// ```
    /// assert_eq!(realname::policy::Capability::VatSpecialInvoice.name_zh(), "增值税专用发票");
    /// ```
    Capability {
        /// Asking for special VAT invoices.
        VatSpecialInvoice = "vat_special_invoice", "增值税专用发票", "special VAT invoices";
        /// The SMS service.
        SmsService = "sms_service", "短信服务", "SMS service";
        /// Traffic of the live streaming and video-on-demand services.
        LiveAndVodTraffic = "live_and_vod_traffic", "直播与点播流量", "live streaming and video-on-demand traffic";
        /// Promotions meant for enterprises.
        EnterprisePromotions = "enterprise_promotions", "企业类运营活动", "enterprise promotions";
    }
}

/// How far an individual account is held back.
///
/// ```
/// assert_ne!(realname::policy::Access::Denied, realname::policy::Access::LimitedGb(100));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Access {
    /// Not at all.
    Denied,
    /// Up to this many gigabytes (the period is not stated).
    LimitedGb(u32),
}

/// Something an individual account may not do, or only in part.
///
/// ```
/// use realname::policy::{Access, Capability, Provider};
/// let r = &Provider::Baidu.profile().individual_restrictions[0].value;
/// assert_eq!((r.capability, r.access), (Capability::VatSpecialInvoice, Access::Denied));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Restriction {
    /// What.
    pub capability: Capability,
    /// How far.
    pub access: Access,
}
