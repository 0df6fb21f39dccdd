//! Organisations: the registration authorities and organisation categories
//! of GB 32100-2015, the types of organisation the providers serve, and the
//! certificate each holds.
//!
//! Three tables, each with Chinese and English names:
//!
//! - [`RegistrationAuthority`]: the first character of a unified social
//!   credit code ([`Uscc`](crate::Uscc));
//! - [`Category`]: the first two characters, the organisation category under
//!   that authority;
//! - [`OrganizationType`]: the kinds of organisation in the providers'
//!   rules (Baidu AI Cloud's list of 18 and Kingsoft Cloud's 政府 and 学校),
//!   with the [`Certificate`] each holds and the categories it registers
//!   under.
//!
//! How sure each fact is ([`Certainty`]) follows the research notes: the
//! categories of the standard's code list are secondary sources agreeing,
//! the later additions (36, 54, 55, 82, 99, G, J, Q) come from
//! implementations only, and several category-to-certificate links are
//! inferences. Unconfirmed links are never used to reject anything.
//!
//! ```
//! use realname::org::{Category, Certificate, OrganizationClass, OrganizationType};
//!
//! let t = OrganizationType::PublicInstitution;
//! assert_eq!(t.name_zh(), "事业单位");
//! assert_eq!(t.certificate(), Certificate::PublicInstitutionLegalPersonCertificate);
//! assert_eq!(t.certificate().name_zh(), "事业单位法人证书");
//! assert_eq!(t.categories(), [Category::PublicInstitution]);
//! assert_eq!(t.class(), OrganizationClass::OtherOrganization);
//! assert_eq!(Category::Enterprise.organization_types(), [OrganizationType::Enterprise]);
//! ```

/// How sure a fact of these tables is, as the research notes grade it.
///
/// ```
/// use realname::org::{Category, Certainty};
/// assert_eq!(Category::Enterprise.certainty(), Certainty::Confirmed);
/// assert_eq!(Category::VillagersCommittee.certainty(), Certainty::Unconfirmed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Certainty {
    /// An official text, or two independent sources that agree.
    Confirmed,
    /// Secondary or implementation sources only, consistent with each other.
    Secondary,
    /// Reported by one implementation, or inferred: never used to reject.
    Unconfirmed,
}

/// Whether an organisation is an enterprise (企业) or another organisation
/// (其他组织). Baidu AI Cloud's legal-representative face method lets the
/// representative of a non-enterprise organisation delegate to an employee
/// and sends it to manual review.
///
/// Enterprises here are the market entities that hold a business licence
/// (营业执照): companies, individual businesses (个体工商户) and farmers'
/// cooperatives. Baidu's seed lists 个体工商户 with 营业执照 and does not
/// say which side it falls on; this crate puts it with enterprises.
///
/// ```
/// use realname::org::{OrganizationClass, OrganizationType};
/// assert_eq!(OrganizationType::IndividualBusiness.class(), OrganizationClass::Enterprise);
/// assert_eq!(OrganizationClass::OtherOrganization.name_zh(), "其他组织");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum OrganizationClass {
    /// 企业: a market entity with a business licence.
    Enterprise,
    /// 其他组织: every other organisation.
    OtherOrganization,
}

impl OrganizationClass {
    /// The Chinese name: 企业 or 其他组织.
    ///
    /// ```
    /// assert_eq!(realname::org::OrganizationClass::Enterprise.name_zh(), "企业");
    /// ```
    pub fn name_zh(&self) -> &'static str {
        match self {
            OrganizationClass::Enterprise => "企业",
            OrganizationClass::OtherOrganization => "其他组织",
        }
    }
}

/// Declares a fieldless enum with stable identifiers and Chinese and English
/// names, its `all()` and `FromStr`.
macro_rules! named_enum {
    (
        $module:literal;
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal, $zh:literal, $en:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* #[cfg_attr(feature = "serde", serde(rename = $id))] $variant, )+
        }

        impl $name {
            #[doc = concat!("Every value, in declaration order.\n\n```\nassert!(!realname::", $module, "::", stringify!($name), "::all().is_empty());\n```")]
            pub fn all() -> &'static [$name] {
                &[$($name::$variant),+]
            }

            #[doc = concat!("The stable identifier (as `FromStr` and serde read it).\n\n```\nuse realname::", $module, "::", stringify!($name), ";\nfor v in ", stringify!($name), "::all() {\n    assert_eq!(v.id().parse::<", stringify!($name), ">().ok(), Some(*v));\n}\n```")]
            pub fn id(&self) -> &'static str {
                match self { $($name::$variant => $id,)+ }
            }

            #[doc = concat!("The Chinese name.\n\n```\nassert!(!realname::", $module, "::", stringify!($name), "::all()[0].name_zh().is_ascii());\n```")]
            pub fn name_zh(&self) -> &'static str {
                match self { $($name::$variant => $zh,)+ }
            }

            #[doc = concat!("The English name, as `Display` prints it.\n\n```\nassert!(realname::", $module, "::", stringify!($name), "::all()[0].name_en().is_ascii());\n```")]
            pub fn name_en(&self) -> &'static str {
                match self { $($name::$variant => $en,)+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name_en())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::org::UnknownName;
            fn from_str(s: &str) -> Result<Self, $crate::org::UnknownName> {
                match s {
                    $($id => Ok($name::$variant),)+
                    _ => Err($crate::org::UnknownName),
                }
            }
        }
    };
}
pub(crate) use named_enum;

/// The error of the organisation tables' `FromStr`: not a stable
/// identifier.
///
/// ```
/// assert!("bank".parse::<realname::org::OrganizationType>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("not a known identifier")]
pub struct UnknownName;

named_enum! {
    "org";
    /// A certificate an organisation holds (证件), which carries its unified
    /// social credit code and which providers ask to see.
    ///
    /// ```
    /// use realname::org::Certificate;
    /// assert_eq!(Certificate::BusinessLicence.name_zh(), "营业执照");
    /// ```
    Certificate {
        /// 营业执照.
        BusinessLicence = "business_licence", "营业执照", "Business Licence";
        /// 事业单位法人证书.
        PublicInstitutionLegalPersonCertificate = "public_institution_legal_person_certificate",
            "事业单位法人证书", "Public Institution Legal Person Certificate";
        /// 统一社会信用代码证书, issued to government organs by the
        /// establishment office, and by other authorities without a
        /// certificate of their own.
        UsccCertificate = "uscc_certificate", "统一社会信用代码证书", "Unified Social Credit Code Certificate";
        /// 律师事务所执业许可证.
        LawFirmPracticeLicence = "law_firm_practice_licence", "律师事务所执业许可证", "Law Firm Practice Licence";
        /// 公证机构执业证.
        NotaryPracticeCertificate = "notary_practice_certificate", "公证机构执业证", "Notary Office Practice Certificate";
        /// 基层法律服务所执业证.
        GrassrootsLegalServicePracticeCertificate = "grassroots_legal_service_practice_certificate",
            "基层法律服务所执业证", "Grassroots Legal Service Office Practice Certificate";
        /// 司法鉴定许可证.
        JudicialExpertiseLicence = "judicial_expertise_licence", "司法鉴定许可证", "Judicial Expertise Licence";
        /// 仲裁委员会登记证.
        ArbitrationCommissionCertificate = "arbitration_commission_certificate", "仲裁委员会登记证",
            "Arbitration Commission Registration Certificate";
        /// 外国常驻新闻机构证.
        ForeignPressAgencyCertificate = "foreign_press_agency_certificate", "外国常驻新闻机构证",
            "Resident Foreign Press Agency Certificate";
        /// 外国在华文化中心登记证.
        ForeignCulturalCenterCertificate = "foreign_cultural_center_certificate", "外国在华文化中心登记证",
            "Foreign Cultural Center Registration Certificate";
        /// 社会团体法人登记证书.
        SocialOrganizationCertificate = "social_organization_certificate", "社会团体法人登记证书",
            "Social Organization Legal Person Registration Certificate";
        /// 民办非企业单位登记证书 (the older name of the social service
        /// organisation's certificate).
        PrivateNonEnterpriseUnitCertificate = "private_non_enterprise_unit_certificate", "民办非企业单位登记证书",
            "Private Non-Enterprise Unit Registration Certificate";
        /// 社会服务机构登记证书.
        SocialServiceOrganizationCertificate = "social_service_organization_certificate", "社会服务机构登记证书",
            "Social Service Organization Registration Certificate";
        /// 基金会法人登记证书.
        FoundationCertificate = "foundation_certificate", "基金会法人登记证书", "Foundation Legal Person Registration Certificate";
        /// 基层群众性自治组织特别法人统一社会信用代码证书.
        GrassrootsSelfGovernanceCertificate = "grassroots_self_governance_certificate",
            "基层群众性自治组织特别法人统一社会信用代码证书",
            "Unified Social Credit Code Certificate of a Grassroots Self-Governing Organization";
        /// 外国（政府）旅游部门常驻代表机构批准登记证.
        ForeignTourismOfficeCertificate = "foreign_tourism_office_certificate", "外国政府旅游部门常驻代表机构批准登记证",
            "Registration Certificate of a Foreign Tourism Office";
        /// 港澳台地区旅游部门常驻内地（大陆）代表机构批准登记证.
        HkMoTwTourismOfficeCertificate = "hk_mo_tw_tourism_office_certificate", "港澳台地区旅游部门常驻代表机构批准登记证",
            "Registration Certificate of a Hong Kong, Macao or Taiwan Tourism Office";
        /// 宗教活动场所登记证.
        ReligiousVenueCertificate = "religious_venue_certificate", "宗教活动场所登记证", "Religious Venue Registration Certificate";
        /// 工会法人资格证书.
        TradeUnionCertificate = "trade_union_certificate", "工会法人资格证书", "Trade Union Legal Person Certificate";
        /// 农村集体经济组织登记证.
        RuralCollectiveCertificate = "rural_collective_certificate", "农村集体经济组织登记证",
            "Rural Collective Economic Organization Registration Certificate";
        /// 业主大会统一社会信用代码证书.
        OwnersAssemblyCertificate = "owners_assembly_certificate", "业主大会统一社会信用代码证书",
            "Unified Social Credit Code Certificate of an Owners' Assembly";
        /// 境外非政府组织代表机构登记证书.
        OverseasNgoCertificate = "overseas_ngo_certificate", "境外非政府组织代表机构登记证书",
            "Registration Certificate of an Overseas NGO Representative Office";
    }
}

named_enum! {
    "org";
    /// A type of organisation a provider verifies, as the providers name
    /// them: Baidu AI Cloud's list of 18 types with their certificates
    /// (seed 001, the table "常见单位类型对应统一社会信用代码证件样式"), and
    /// the types of Kingsoft Cloud's list (seed 000: "企业、个体工商户、政府、
    /// 事业单位、学校、组织等"), where 政府 is a government organ (机关) and a
    /// school a public institution (事业单位) or, if private, a private
    /// non-enterprise unit (民办非企业单位); see [`from_name_zh`](Self::from_name_zh).
    /// Farmers' cooperatives, which register under category 93, complete
    /// the list.
    ///
    /// ```
    /// use realname::org::{Certificate, OrganizationType};
    ///
    /// let t: OrganizationType = "law_firm".parse().unwrap();
    /// assert_eq!(t.certificate(), Certificate::LawFirmPracticeLicence);
    /// assert_eq!(OrganizationType::from_name_zh("政府"), Some(OrganizationType::GovernmentOrgan));
    /// ```
    OrganizationType {
        /// 企业.
        Enterprise = "enterprise", "企业", "enterprise";
        /// 个体工商户.
        IndividualBusiness = "individual_business", "个体工商户", "individual business";
        /// 农民专业合作社.
        FarmersCooperative = "farmers_cooperative", "农民专业合作社", "farmers' specialized cooperative";
        /// 律师事务所.
        LawFirm = "law_firm", "律师事务所", "law firm";
        /// 事业单位 (public schools and hospitals among them).
        PublicInstitution = "public_institution", "事业单位", "public institution";
        /// 机关 (Kingsoft Cloud's 政府).
        GovernmentOrgan = "government_organ", "机关", "government organ";
        /// 社会团体.
        SocialOrganization = "social_organization", "社会团体", "social organization";
        /// 社会服务机构.
        SocialServiceOrganization = "social_service_organization", "社会服务机构", "social service organization";
        /// 基金会.
        Foundation = "foundation", "基金会", "foundation";
        /// 民办非企业单位 (the older name of 社会服务机构; private schools
        /// among them).
        PrivateNonEnterpriseUnit = "private_non_enterprise_unit", "民办非企业单位", "private non-enterprise unit";
        /// 群众性自治组织: villagers' and residents' committees.
        GrassrootsSelfGovernance = "grassroots_self_governance", "群众性自治组织", "grassroots self-governing organization";
        /// 业主大会.
        OwnersAssembly = "owners_assembly", "业主大会", "owners' assembly";
        /// 外国在华文化中心.
        ForeignCulturalCenter = "foreign_cultural_center", "外国在华文化中心", "foreign cultural center in China";
        /// 宗教活动场所.
        ReligiousVenue = "religious_venue", "宗教活动场所", "religious venue";
        /// 工会法人.
        TradeUnion = "trade_union", "工会法人", "trade union legal person";
        /// 司法鉴定机构.
        JudicialExpertiseInstitution = "judicial_expertise_institution", "司法鉴定机构", "judicial expertise institution";
        /// 农村集体经济组织.
        RuralCollectiveEconomicOrganization = "rural_collective_economic_organization", "农村集体经济组织",
            "rural collective economic organization";
        /// 基层法律服务所.
        GrassrootsLegalServiceOffice = "grassroots_legal_service_office", "基层法律服务所", "grassroots legal service office";
        /// 境外非政府组织代表机构.
        OverseasNgoRepresentativeOffice = "overseas_ngo_representative_office", "境外非政府组织代表机构",
            "representative office of an overseas NGO";
    }
}

impl OrganizationType {
    /// The certificate an organisation of this type holds, as Baidu AI
    /// Cloud's table names it.
    ///
    /// ```
    /// use realname::org::{Certificate, OrganizationType};
    /// assert_eq!(OrganizationType::GovernmentOrgan.certificate(), Certificate::UsccCertificate);
    /// ```
    pub fn certificate(&self) -> Certificate {
        use Certificate as C;
        use OrganizationType as T;
        match self {
            T::Enterprise | T::IndividualBusiness | T::FarmersCooperative => C::BusinessLicence,
            T::LawFirm => C::LawFirmPracticeLicence,
            T::PublicInstitution => C::PublicInstitutionLegalPersonCertificate,
            T::GovernmentOrgan => C::UsccCertificate,
            T::SocialOrganization => C::SocialOrganizationCertificate,
            T::SocialServiceOrganization => C::SocialServiceOrganizationCertificate,
            T::Foundation => C::FoundationCertificate,
            T::PrivateNonEnterpriseUnit => C::PrivateNonEnterpriseUnitCertificate,
            T::GrassrootsSelfGovernance => C::GrassrootsSelfGovernanceCertificate,
            T::OwnersAssembly => C::OwnersAssemblyCertificate,
            T::ForeignCulturalCenter => C::ForeignCulturalCenterCertificate,
            T::ReligiousVenue => C::ReligiousVenueCertificate,
            T::TradeUnion => C::TradeUnionCertificate,
            T::JudicialExpertiseInstitution => C::JudicialExpertiseLicence,
            T::RuralCollectiveEconomicOrganization => C::RuralCollectiveCertificate,
            T::GrassrootsLegalServiceOffice => C::GrassrootsLegalServicePracticeCertificate,
            T::OverseasNgoRepresentativeOffice => C::OverseasNgoCertificate,
        }
    }

    /// The credit-code categories organisations of this type register
    /// under.
    ///
    /// ```
    /// use realname::org::{Category, OrganizationType};
    /// assert_eq!(
    ///     OrganizationType::RuralCollectiveEconomicOrganization.categories(),
    ///     [Category::GroupCollective, Category::VillageCollective, Category::TownshipCollective]
    /// );
    /// ```
    pub fn categories(&self) -> Vec<Category> {
        Category::all()
            .iter()
            .copied()
            .filter(|c| c.organization_types().contains(self))
            .collect()
    }

    /// Enterprise (企业) or other organisation (其他组织).
    ///
    /// ```
    /// use realname::org::{OrganizationClass, OrganizationType};
    /// assert_eq!(OrganizationType::Foundation.class(), OrganizationClass::OtherOrganization);
    /// ```
    pub fn class(&self) -> OrganizationClass {
        match self {
            OrganizationType::Enterprise
            | OrganizationType::IndividualBusiness
            | OrganizationType::FarmersCooperative => OrganizationClass::Enterprise,
            _ => OrganizationClass::OtherOrganization,
        }
    }

    /// Whether this is an enterprise (企业) rather than another organisation.
    ///
    /// ```
    /// assert!(realname::org::OrganizationType::Enterprise.is_enterprise());
    /// ```
    pub fn is_enterprise(&self) -> bool {
        self.class() == OrganizationClass::Enterprise
    }

    /// The type a Chinese name stands for, including the providers' other
    /// words for them: 政府 (机关), 学校 (a public school: 事业单位), 司法鉴定
    /// (司法鉴定机构), 工会 (工会法人), 村民委员会 and 居民委员会
    /// (群众性自治组织), 群众性自治组织（村、居民委员会）.
    ///
    /// ```
    /// use realname::org::OrganizationType;
    /// assert_eq!(OrganizationType::from_name_zh(" 学校 "), Some(OrganizationType::PublicInstitution));
    /// assert_eq!(OrganizationType::from_name_zh("银行"), None);
    /// ```
    pub fn from_name_zh(name: &str) -> Option<OrganizationType> {
        let name = name.trim();
        let alias = match name {
            "政府" | "政府机关" | "机关单位" => Some(OrganizationType::GovernmentOrgan),
            "学校" => Some(OrganizationType::PublicInstitution),
            "司法鉴定" => Some(OrganizationType::JudicialExpertiseInstitution),
            "工会" => Some(OrganizationType::TradeUnion),
            "村民委员会" | "居民委员会" | "群众性自治组织（村、居民委员会）" => {
                Some(OrganizationType::GrassrootsSelfGovernance)
            }
            _ => None,
        };
        alias.or_else(|| {
            OrganizationType::all()
                .iter()
                .copied()
                .find(|t| t.name_zh() == name)
        })
    }
}

named_enum! {
    "org";
    /// The registration authority of a unified social credit code: its
    /// first character (登记管理部门代码, GB 32100-2015).
    ///
    /// ```
    /// use realname::org::RegistrationAuthority;
    /// assert_eq!(RegistrationAuthority::from_code('9'), Some(RegistrationAuthority::MarketRegulation));
    /// assert_eq!(RegistrationAuthority::MarketRegulation.code(), '9');
    /// ```
    RegistrationAuthority {
        /// 1 机构编制: establishment offices.
        Establishment = "establishment", "机构编制", "establishment office";
        /// 2 外交.
        ForeignAffairs = "foreign_affairs", "外交", "foreign affairs";
        /// 3 司法行政.
        Justice = "justice", "司法行政", "justice administration";
        /// 4 文化.
        Culture = "culture", "文化", "culture";
        /// 5 民政.
        CivilAffairs = "civil_affairs", "民政", "civil affairs";
        /// 6 旅游.
        Tourism = "tourism", "旅游", "tourism";
        /// 7 宗教.
        Religion = "religion", "宗教", "religious affairs";
        /// 8 工会.
        TradeUnion = "trade_union", "工会", "trade unions";
        /// 9 工商 (now 市场监管).
        MarketRegulation = "market_regulation", "工商（市场监管）", "market regulation";
        /// A 中央军委改革和编制办公室.
        Military = "military", "中央军委改革和编制办公室", "Central Military Commission establishment office";
        /// N 农业.
        Agriculture = "agriculture", "农业", "agriculture";
        /// Y 其他.
        Other = "other", "其他", "other";
        /// G 公安 (a later addition, reported by implementations only).
        PublicSecurity = "public_security", "公安", "public security";
        /// J 住房城乡建设 (a later addition, reported by implementations only).
        Housing = "housing", "住房城乡建设", "housing and urban-rural development";
        /// Q 侨联 (a later addition, reported by implementations only).
        OverseasChinese = "overseas_chinese", "侨联", "federation of returned overseas Chinese";
    }
}

impl RegistrationAuthority {
    /// The code character.
    ///
    /// ```
    /// assert_eq!(realname::org::RegistrationAuthority::Agriculture.code(), 'N');
    /// ```
    pub fn code(&self) -> char {
        use RegistrationAuthority as A;
        match self {
            A::Establishment => '1',
            A::ForeignAffairs => '2',
            A::Justice => '3',
            A::Culture => '4',
            A::CivilAffairs => '5',
            A::Tourism => '6',
            A::Religion => '7',
            A::TradeUnion => '8',
            A::MarketRegulation => '9',
            A::Military => 'A',
            A::Agriculture => 'N',
            A::Other => 'Y',
            A::PublicSecurity => 'G',
            A::Housing => 'J',
            A::OverseasChinese => 'Q',
        }
    }

    /// The authority a code character stands for, if any.
    ///
    /// ```
    /// assert_eq!(realname::org::RegistrationAuthority::from_code('Z'), None);
    /// ```
    pub fn from_code(code: char) -> Option<RegistrationAuthority> {
        RegistrationAuthority::all()
            .iter()
            .copied()
            .find(|a| a.code() == code)
    }

    /// Whether implementations report this authority but the circulated
    /// code list of the standard does not have it (G, J, Q).
    ///
    /// ```
    /// assert!(realname::org::RegistrationAuthority::Housing.is_later_addition());
    /// ```
    pub fn is_later_addition(&self) -> bool {
        matches!(
            self,
            RegistrationAuthority::PublicSecurity
                | RegistrationAuthority::Housing
                | RegistrationAuthority::OverseasChinese
        )
    }
}

/// Declares the category table: variant, code, names, whether a later
/// addition, the organisation types, the certificate, and how sure the
/// certificate link is.
macro_rules! categories {
    ($(
        $(#[$meta:meta])*
        $variant:ident = $code:literal, $zh:literal, $en:literal, later: $later:literal,
        types: [$($ty:ident),*], certificate: $cert:expr_2021, sure: $sure:ident;
    )+) => {
        named_enum! {
            "org";
            /// An organisation category of GB 32100-2015: the first two
            /// characters of a unified social credit code (registration
            /// authority and 机构类别代码).
            ///
            /// ```
            /// use realname::org::{Category, Certificate, RegistrationAuthority};
            ///
            /// let c = Category::from_code("52").unwrap();
            /// assert_eq!(c, Category::PrivateNonEnterpriseUnit);
            /// assert_eq!(c.authority(), RegistrationAuthority::CivilAffairs);
            /// assert_eq!(c.certificate(), Some(Certificate::SocialServiceOrganizationCertificate));
            /// assert!(!c.is_later_addition());
            /// ```
            Category {
                $( $(#[$meta])* $variant = $code, $zh, $en; )+
            }
        }

        impl Category {
            /// The two-character code.
            ///
            /// ```
            /// assert_eq!(realname::org::Category::Enterprise.code(), "91");
            /// ```
            pub fn code(&self) -> &'static str {
                self.id()
            }

            /// Whether implementations report this category but the circulated
            /// code list of the standard does not have it.
            ///
            /// ```
            /// assert!(realname::org::Category::ResidentsCommittee.is_later_addition());
            /// ```
            pub fn is_later_addition(&self) -> bool {
                match self { $(Category::$variant => $later,)+ }
            }

            /// The organisation types that register under this category (empty
            /// where the providers name no type for it).
            ///
            /// ```
            /// use realname::org::{Category, OrganizationType};
            /// assert_eq!(Category::LawFirm.organization_types(), [OrganizationType::LawFirm]);
            /// ```
            pub fn organization_types(&self) -> &'static [OrganizationType] {
                match self { $(Category::$variant => &[$(OrganizationType::$ty),*],)+ }
            }

            /// The certificate organisations of this category hold, where the
            /// sources name one; see [`certainty`](Self::certainty).
            ///
            /// ```
            /// use realname::org::{Category, Certificate};
            /// assert_eq!(Category::IndividualBusiness.certificate(), Some(Certificate::BusinessLicence));
            /// ```
            pub fn certificate(&self) -> Option<Certificate> {
                match self { $(Category::$variant => $cert,)+ }
            }

            /// How sure the link from this category to its certificate and types
            /// is.
            ///
            /// ```
            /// use realname::org::{Category, Certainty};
            /// assert_eq!(Category::NotaryOffice.certainty(), Certainty::Unconfirmed);
            /// ```
            pub fn certainty(&self) -> Certainty {
                match self { $(Category::$variant => Certainty::$sure,)+ }
            }
        }
    };
}

categories! {
    /// 11 机关.
    GovernmentOrgan = "11", "机关", "government organ", later: false,
        types: [GovernmentOrgan], certificate: Some(Certificate::UsccCertificate), sure: Unconfirmed;
    /// 12 事业单位.
    PublicInstitution = "12", "事业单位", "public institution", later: false,
        types: [PublicInstitution], certificate: Some(Certificate::PublicInstitutionLegalPersonCertificate), sure: Secondary;
    /// 13 中央编办直接管理机构编制的群众团体.
    MassOrganization = "13", "中央编办直接管理机构编制的群众团体", "mass organization under the central establishment office", later: false,
        types: [], certificate: Some(Certificate::UsccCertificate), sure: Unconfirmed;
    /// 19 其他 (机构编制).
    EstablishmentOther = "19", "其他（机构编制）", "other, establishment office", later: false,
        types: [], certificate: Some(Certificate::UsccCertificate), sure: Unconfirmed;
    /// 21 外国常驻新闻机构.
    ForeignPressAgency = "21", "外国常驻新闻机构", "resident foreign press agency", later: false,
        types: [], certificate: Some(Certificate::ForeignPressAgencyCertificate), sure: Secondary;
    /// 29 其他 (外交).
    ForeignAffairsOther = "29", "其他（外交）", "other, foreign affairs", later: false,
        types: [], certificate: None, sure: Unconfirmed;
    /// 31 律师执业机构.
    LawFirm = "31", "律师执业机构", "law firm", later: false,
        types: [LawFirm], certificate: Some(Certificate::LawFirmPracticeLicence), sure: Secondary;
    /// 32 公证处.
    NotaryOffice = "32", "公证处", "notary office", later: false,
        types: [], certificate: Some(Certificate::NotaryPracticeCertificate), sure: Unconfirmed;
    /// 33 基层法律服务所.
    GrassrootsLegalServiceOffice = "33", "基层法律服务所", "grassroots legal service office", later: false,
        types: [GrassrootsLegalServiceOffice], certificate: Some(Certificate::GrassrootsLegalServicePracticeCertificate), sure: Unconfirmed;
    /// 34 司法鉴定机构.
    JudicialExpertiseInstitution = "34", "司法鉴定机构", "judicial expertise institution", later: false,
        types: [JudicialExpertiseInstitution], certificate: Some(Certificate::JudicialExpertiseLicence), sure: Unconfirmed;
    /// 35 仲裁委员会.
    ArbitrationCommission = "35", "仲裁委员会", "arbitration commission", later: false,
        types: [], certificate: Some(Certificate::ArbitrationCommissionCertificate), sure: Unconfirmed;
    /// 36 商事调解组织 (a later addition).
    CommercialMediation = "36", "商事调解组织", "commercial mediation organization", later: true,
        types: [], certificate: None, sure: Unconfirmed;
    /// 39 其他 (司法行政).
    JusticeOther = "39", "其他（司法行政）", "other, justice administration", later: false,
        types: [], certificate: None, sure: Unconfirmed;
    /// 41 外国在华文化中心.
    ForeignCulturalCenter = "41", "外国在华文化中心", "foreign cultural center", later: false,
        types: [ForeignCulturalCenter], certificate: Some(Certificate::ForeignCulturalCenterCertificate), sure: Unconfirmed;
    /// 49 其他 (文化).
    CultureOther = "49", "其他（文化）", "other, culture", later: false,
        types: [], certificate: None, sure: Unconfirmed;
    /// 51 社会团体.
    SocialOrganization = "51", "社会团体", "social organization", later: false,
        types: [SocialOrganization], certificate: Some(Certificate::SocialOrganizationCertificate), sure: Secondary;
    /// 52 民办非企业单位, now 社会服务机构.
    PrivateNonEnterpriseUnit = "52", "民办非企业单位（社会服务机构）", "private non-enterprise unit (social service organization)", later: false,
        types: [SocialServiceOrganization, PrivateNonEnterpriseUnit], certificate: Some(Certificate::SocialServiceOrganizationCertificate), sure: Secondary;
    /// 53 基金会.
    Foundation = "53", "基金会", "foundation", later: false,
        types: [Foundation], certificate: Some(Certificate::FoundationCertificate), sure: Secondary;
    /// 54 村民委员会 (a later addition).
    VillagersCommittee = "54", "村民委员会", "villagers' committee", later: true,
        types: [GrassrootsSelfGovernance], certificate: Some(Certificate::GrassrootsSelfGovernanceCertificate), sure: Unconfirmed;
    /// 55 居民委员会 (a later addition).
    ResidentsCommittee = "55", "居民委员会", "residents' committee", later: true,
        types: [GrassrootsSelfGovernance], certificate: Some(Certificate::GrassrootsSelfGovernanceCertificate), sure: Unconfirmed;
    /// 59 其他 (民政).
    CivilAffairsOther = "59", "其他（民政）", "other, civil affairs", later: false,
        types: [], certificate: None, sure: Unconfirmed;
    /// 61 外国（政府）旅游部门常驻代表机构.
    ForeignTourismOffice = "61", "外国（政府）旅游部门常驻代表机构", "resident office of a foreign tourism authority", later: false,
        types: [], certificate: Some(Certificate::ForeignTourismOfficeCertificate), sure: Unconfirmed;
    /// 62 港澳台地区旅游部门常驻内地（大陆）代表机构.
    HkMoTwTourismOffice = "62", "港澳台地区旅游部门常驻内地（大陆）代表机构", "resident office of a Hong Kong, Macao or Taiwan tourism authority", later: false,
        types: [], certificate: Some(Certificate::HkMoTwTourismOfficeCertificate), sure: Unconfirmed;
    /// 69 其他 (旅游).
    TourismOther = "69", "其他（旅游）", "other, tourism", later: false,
        types: [], certificate: None, sure: Unconfirmed;
    /// 71 宗教活动场所.
    ReligiousVenue = "71", "宗教活动场所", "religious venue", later: false,
        types: [ReligiousVenue], certificate: Some(Certificate::ReligiousVenueCertificate), sure: Secondary;
    /// 72 宗教院校.
    ReligiousSchool = "72", "宗教院校", "religious school", later: false,
        types: [], certificate: None, sure: Unconfirmed;
    /// 79 其他 (宗教).
    ReligionOther = "79", "其他（宗教）", "other, religious affairs", later: false,
        types: [], certificate: None, sure: Unconfirmed;
    /// 81 基层工会.
    GrassrootsTradeUnion = "81", "基层工会", "grassroots trade union", later: false,
        types: [TradeUnion], certificate: Some(Certificate::TradeUnionCertificate), sure: Secondary;
    /// 82 非法人工会组织 (a later addition).
    NonLegalPersonTradeUnion = "82", "非法人工会组织", "trade union without legal personality", later: true,
        types: [], certificate: None, sure: Unconfirmed;
    /// 89 其他 (工会).
    TradeUnionOther = "89", "其他（工会）", "other, trade unions", later: false,
        types: [], certificate: Some(Certificate::TradeUnionCertificate), sure: Unconfirmed;
    /// 91 企业.
    Enterprise = "91", "企业", "enterprise", later: false,
        types: [Enterprise], certificate: Some(Certificate::BusinessLicence), sure: Confirmed;
    /// 92 个体工商户.
    IndividualBusiness = "92", "个体工商户", "individual business", later: false,
        types: [IndividualBusiness], certificate: Some(Certificate::BusinessLicence), sure: Secondary;
    /// 93 农民专业合作社.
    FarmersCooperative = "93", "农民专业合作社", "farmers' specialized cooperative", later: false,
        types: [FarmersCooperative], certificate: Some(Certificate::BusinessLicence), sure: Secondary;
    /// 99 其他 (市场监管; a later addition).
    MarketOther = "99", "其他（市场监管）", "other, market regulation", later: true,
        types: [], certificate: None, sure: Unconfirmed;
    /// A1 军队事业单位.
    MilitaryInstitution = "A1", "军队事业单位", "military public institution", later: false,
        types: [], certificate: None, sure: Unconfirmed;
    /// A9 其他 (军队).
    MilitaryOther = "A9", "其他（军队）", "other, military", later: false,
        types: [], certificate: None, sure: Unconfirmed;
    /// N1 组级集体经济组织.
    GroupCollective = "N1", "组级集体经济组织", "group-level collective economic organization", later: false,
        types: [RuralCollectiveEconomicOrganization], certificate: Some(Certificate::RuralCollectiveCertificate), sure: Secondary;
    /// N2 村级集体经济组织.
    VillageCollective = "N2", "村级集体经济组织", "village-level collective economic organization", later: false,
        types: [RuralCollectiveEconomicOrganization], certificate: Some(Certificate::RuralCollectiveCertificate), sure: Secondary;
    /// N3 乡镇级集体经济组织.
    TownshipCollective = "N3", "乡镇级集体经济组织", "township-level collective economic organization", later: false,
        types: [RuralCollectiveEconomicOrganization], certificate: Some(Certificate::RuralCollectiveCertificate), sure: Secondary;
    /// N9 其他 (农业).
    AgricultureOther = "N9", "其他（农业）", "other, agriculture", later: false,
        types: [], certificate: None, sure: Unconfirmed;
    /// Y1 其他 (no finer categories).
    Other = "Y1", "其他", "other", later: false,
        types: [], certificate: Some(Certificate::UsccCertificate), sure: Unconfirmed;
    /// G1 境外非政府组织代表机构 (a later addition).
    OverseasNgoRepresentativeOffice = "G1", "境外非政府组织代表机构", "representative office of an overseas NGO", later: true,
        types: [OverseasNgoRepresentativeOffice], certificate: Some(Certificate::OverseasNgoCertificate), sure: Secondary;
    /// G9 其他 (公安; a later addition).
    PublicSecurityOther = "G9", "其他（公安）", "other, public security", later: true,
        types: [], certificate: None, sure: Unconfirmed;
    /// J1 业主大会 (a later addition).
    OwnersAssembly = "J1", "业主大会", "owners' assembly", later: true,
        types: [OwnersAssembly], certificate: Some(Certificate::OwnersAssemblyCertificate), sure: Unconfirmed;
    /// J9 其他 (住房城乡建设; a later addition).
    HousingOther = "J9", "其他（住房城乡建设）", "other, housing", later: true,
        types: [], certificate: None, sure: Unconfirmed;
    /// Q1 区县级侨联组织 (a later addition).
    CountyOverseasChinese = "Q1", "区县级侨联组织", "county-level federation of returned overseas Chinese", later: true,
        types: [], certificate: None, sure: Unconfirmed;
    /// Q2 乡镇级侨联组织 (a later addition).
    TownshipOverseasChinese = "Q2", "乡镇级侨联组织", "township-level federation of returned overseas Chinese", later: true,
        types: [], certificate: None, sure: Unconfirmed;
    /// Q3 村级侨联组织 (a later addition).
    VillageOverseasChinese = "Q3", "村级侨联组织", "village-level federation of returned overseas Chinese", later: true,
        types: [], certificate: None, sure: Unconfirmed;
    /// Q9 其他 (侨联; a later addition).
    OverseasChineseOther = "Q9", "其他（侨联）", "other, overseas Chinese", later: true,
        types: [], certificate: None, sure: Unconfirmed;
}

impl Category {
    /// The category of a two-character code, if the tables know it.
    ///
    /// ```
    /// use realname::org::Category;
    /// assert_eq!(Category::from_code("N2"), Some(Category::VillageCollective));
    /// assert_eq!(Category::from_code("9A"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Category> {
        code.parse().ok()
    }

    /// The registration authority (the first character).
    ///
    /// ```
    /// use realname::org::{Category, RegistrationAuthority};
    /// assert_eq!(Category::OwnersAssembly.authority(), RegistrationAuthority::Housing);
    /// ```
    pub fn authority(&self) -> RegistrationAuthority {
        let first = self.code().chars().next().unwrap_or('Y');
        RegistrationAuthority::from_code(first).unwrap_or(RegistrationAuthority::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_belongs_to_a_known_authority() {
        for c in Category::all() {
            let first = c.code().chars().next().unwrap();
            assert_eq!(c.authority().code(), first, "{c:?}");
            if c.authority().is_later_addition() {
                assert!(c.is_later_addition(), "{c:?}");
            }
            assert_eq!(c.code().len(), 2);
        }
    }

    #[test]
    fn types_and_categories_agree_both_ways() {
        for t in OrganizationType::all() {
            for c in t.categories() {
                assert!(c.organization_types().contains(t));
                // Where the category names a certificate with some
                // certainty, it is the type's (52 holds both names).
                if c.certainty() != Certainty::Unconfirmed
                    && c != Category::PrivateNonEnterpriseUnit
                {
                    assert_eq!(c.certificate(), Some(t.certificate()), "{t:?} {c:?}");
                }
            }
            assert!(
                !t.categories().is_empty(),
                "{t:?} registers under no category"
            );
        }
    }

    /// Baidu AI Cloud's table of organisation types and the certificate
    /// each verifies with (seed 001), row by row: the type's name and the
    /// certificate's name.
    #[test]
    fn baidu_table() {
        let rows = [
            ("企业", "营业执照"),
            ("个体工商户", "营业执照"),
            ("律师事务所", "律师事务所执业许可证"),
            ("事业单位", "事业单位法人证书"),
            ("机关", "统一社会信用代码证书"),
            ("社会团体", "社会团体法人登记证书"),
            ("社会服务机构", "社会服务机构登记证书"),
            ("基金会", "基金会法人登记证书"),
            ("民办非企业单位", "民办非企业单位登记证书"),
            (
                "群众性自治组织（村、居民委员会）",
                "基层群众性自治组织特别法人统一社会信用代码证书",
            ),
            ("业主大会", "业主大会统一社会信用代码证书"),
            ("外国在华文化中心", "外国在华文化中心登记证"),
            ("宗教活动场所", "宗教活动场所登记证"),
            ("工会法人", "工会法人资格证书"),
            ("司法鉴定", "司法鉴定许可证"),
            ("农村集体经济组织", "农村集体经济组织登记证"),
            ("基层法律服务所", "基层法律服务所执业证"),
            ("境外非政府组织代表机构", "境外非政府组织代表机构登记证书"),
        ];
        for (t, cert) in rows {
            let ty = OrganizationType::from_name_zh(t).unwrap_or_else(|| panic!("{t}"));
            assert_eq!(ty.certificate().name_zh(), cert, "{t}");
        }
        // Kingsoft Cloud's list (seed 000): 企业、个体工商户、政府、事业单位、学校、组织.
        for t in ["企业", "个体工商户", "政府", "事业单位", "学校"] {
            assert!(OrganizationType::from_name_zh(t).is_some(), "{t}");
        }
    }

    #[test]
    fn identifiers_are_unique() {
        let mut ids: Vec<_> = Category::all().iter().map(|c| c.code()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Category::all().len());
    }
}
