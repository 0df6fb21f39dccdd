//! Verification methods: what each checks, whom it serves, what it requires.

use super::*;

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

impl MethodKind {
    /// The kind of subject the method verifies: a method for an
    /// organisation (its certificate, bank account, legal representative)
    /// cannot verify an individual, nor the other way round.
    ///
    /// ```
    /// use realname::policy::MethodKind;
    /// use realname::SubjectKind;
    /// assert_eq!(MethodKind::BankCard.subject(), SubjectKind::Individual);
    /// assert_eq!(MethodKind::CorporateTransfer.subject(), SubjectKind::Organization);
    /// ```
    pub fn subject(&self) -> SubjectKind {
        match self {
            MethodKind::IdCardVideo
            | MethodKind::Face
            | MethodKind::BankCard
            | MethodKind::WeChatScan
            | MethodKind::QqScan
            | MethodKind::DocumentUpload => SubjectKind::Individual,
            MethodKind::WeChatOfficialAccount
            | MethodKind::LegalRepresentativeFace
            | MethodKind::LegalRepresentativeWeChat
            | MethodKind::CorporateTransfer
            | MethodKind::Recharge
            | MethodKind::CertificateUpload => SubjectKind::Organization,
        }
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

/// Where the holder of one kind of document must live for a method to
/// accept it: a condition on the document's holder, where the method
/// accepts the kind from some holders only.
///
/// Baidu AI Cloud's face method takes the 大陆居民二代身份证, the card of
/// mainland residents (a [`DocumentKind::ResidentId`] held by a mainland
/// citizen, not the residence permits of Hong Kong, Macao and Taiwan
/// residents, which carry the same kind of number), and the
/// 定居国外的中国公民护照, the passport of a Chinese citizen settled abroad
/// (a [`DocumentKind::ChinesePassport`] whose holder lives
/// [`Residency::Overseas`], not any Chinese passport).
/// [`rules::check_document_holder`](crate::rules::check_document_holder)
/// applies it.
///
/// ```
/// use realname::policy::{MethodKind, Provider, Residency};
/// use realname::DocumentKind;
///
/// let face = Provider::Baidu.profile().method(MethodKind::Face).unwrap();
/// let passport = face.holder_residency(DocumentKind::ChinesePassport).unwrap();
/// assert_eq!(passport.value.residency, [Residency::Overseas]);
/// assert_eq!(passport.source.as_ref().unwrap().quote, "定居国外的中国公民护照");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct DocumentResidency {
    /// The kind of document, one the method accepts.
    pub document: DocumentKind,
    /// Where its holder must live: not empty.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::policy::limits::bounded::vec")
    )]
    pub residency: Vec<Residency>,
}

impl DocumentResidency {
    /// Documents of the kind `document` are accepted from holders who live
    /// in one of `residency`.
    ///
    /// ```
    /// use realname::policy::{DocumentResidency, Residency};
    /// use realname::DocumentKind;
    /// let r = DocumentResidency::new(DocumentKind::ResidentId, vec![Residency::Mainland]);
    /// assert!(r.allows(Residency::Mainland) && !r.allows(Residency::Taiwan));
    /// ```
    #[must_use]
    pub fn new(document: DocumentKind, residency: Vec<Residency>) -> DocumentResidency {
        DocumentResidency {
            document,
            residency,
        }
    }

    /// Whether a holder who lives in `residency` may use the document.
    ///
    /// ```
    /// use realname::policy::{DocumentResidency, Residency};
    /// use realname::DocumentKind;
    /// let r = DocumentResidency::new(DocumentKind::ChinesePassport, vec![Residency::Overseas]);
    /// assert!(!r.allows(Residency::Mainland));
    /// ```
    pub fn allows(&self, residency: Residency) -> bool {
        self.residency.contains(&residency)
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
#[non_exhaustive]
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
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub factors: Vec<Factor>,
    /// The identity documents it accepts.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub documents: Stated<Listed<DocumentKind>>,
    /// Where the holders of some of those documents must live; empty: not
    /// stated, and any holder of an accepted kind may use it.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub document_residency: Vec<Sourced<DocumentResidency>>,
    /// Where its users must live.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Stated::is_not_stated",
            deserialize_with = "crate::policy::limits::bounded::stated_vec"
        )
    )]
    pub residency: Stated<Vec<Residency>>,
    /// Conditions on the applicant.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub requirements: Vec<Sourced<Requirement>>,
    /// Rules the names entered must follow (the organisation's, the bank
    /// account's, the seal's); empty: not stated.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub name_rules: Vec<Sourced<NameRule>>,
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
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub attempts: Vec<Sourced<AttemptLimit>>,
    /// The reasons the provider names for an attempt failing; empty: not
    /// stated (an attempt may still fail, for reasons not named).
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub failure_reasons: Vec<Sourced<FailureReason>>,
    /// How long a newly registered organisation may be missing from the
    /// business registry the method checks: one registered more recently
    /// that fails with [`FailureReason::RegistryRecordNotFound`] should try
    /// again once it is this old.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub registry_lag: Stated<Duration>,
    /// Who may act instead of the legal representative, in an
    /// organisation's method; not stated: no one is known to.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub delegate: Stated<Delegate>,
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
    #[must_use]
    pub fn new(kind: MethodKind, subject: SubjectKind) -> Method {
        Method {
            kind,
            subject,
            source: None,
            factors: Vec::new(),
            documents: Stated::NotStated,
            document_residency: Vec::new(),
            residency: Stated::NotStated,
            requirements: Vec::new(),
            name_rules: Vec::new(),
            decision: Stated::NotStated,
            review: Stated::NotStated,
            manual_review: Stated::NotStated,
            attempts: Vec::new(),
            failure_reasons: Vec::new(),
            registry_lag: Stated::NotStated,
            delegate: Stated::NotStated,
            payment: None,
        }
    }

    /// Where the holder of a kind of document must live for the method to
    /// accept it, if the provider states it.
    ///
    /// ```
    /// use realname::policy::{MethodKind, Provider, Residency};
    /// use realname::DocumentKind;
    /// let face = Provider::Baidu.profile().method(MethodKind::Face).unwrap();
    /// let card = face.holder_residency(DocumentKind::ResidentId).unwrap();
    /// assert_eq!(card.value.residency, [Residency::Mainland]);
    /// assert!(face.holder_residency(DocumentKind::ForeignPermanentResidentId).is_none());
    /// ```
    pub fn holder_residency(&self, document: DocumentKind) -> Option<&Sourced<DocumentResidency>> {
        self.document_residency
            .iter()
            .find(|d| d.value.document == document)
    }
}
