//! Kingsoft Cloud 金山云: seed 000 (Chinese console guide) and seed 003
//! (English real-name authentication instructions, 2021-12-30).
//!
//! Choices where the seed is unclear:
//! - "同一个证件信息默认仅支持1个金山云账号认证" (line 58) reads as covering
//!   every document, yet lines 60 and 192 let one enterprise verify several
//!   accounts: the cap of 1 is taken for personal documents only.
//! - The person cap (line 59, "只能") and the document cap (line 58,
//!   "默认 … 请联系销售经理") are both kept; only the document cap is marked
//!   raisable by the sales manager.
//! - "您有3次重复提交认证的机会" (line 171) is taken as 3 amount entries per
//!   transfer in all, and "只能进行一次" (line 172) as one use of the method
//!   in the account's life, with the certificate method as the fallback.
//! - The ID card method's inputs follow the detailed procedure (line 93:
//!   name, number, video), not the overview's ID photo (line 71).
//! - The certificate method's delegate (line 191, "无法提供法人身份证的，需
//!   提供加盖公章的授权书") is open to any organisation whose legal
//!   representative's ID cannot be given; seed 003 (line 14) adds the
//!   authorised person's identity card, taken as an image of it.
//! - Line 48 says individuals "可参加个人类运营活动" and organisations
//!   "可参加企业类运营活动"; that individuals may not join enterprise
//!   promotions is an inference, not a statement, and is not kept.

use super::{Seed, attempts, complete, given, method, sourced};
use crate::org::OrganizationType as T;
use crate::policy::{
    Access, AccountCap, Availability, CapKey, Capability, ChangeRule, Contact, Counted, Decision,
    Delegate, DelegateFor, Factor as F, FailureReason, ImageRule, Limit, Listed, MethodKind as M,
    NameRule, OnExhaust, Payment, PaymentDirection, ProfileData, Qualifier, Raise, Requirement,
    Residency, Restriction, ReviewTime, Scope, Stated, Subjects, TimeUnit, Transition, UploadRule,
};
use crate::{DocumentKind as D, SubjectKind};

pub(super) const S0: &str = "000_24a5e04f1584b79d.txt";
pub(super) const S3: &str = "003_2ee6a83c526392f8.txt";

pub(super) fn profile() -> ProfileData {
    let s0 = Seed(S0);
    let s3 = Seed(S3);
    let mut p = ProfileData::new("Kingsoft Cloud", "金山云");
    let kinds = s0.at(40, "金山云账号实名认证分为个人实名认证和企业实名认证");
    p.subjects = Subjects::new()
        .with_individual(given(true, kinds.clone()))
        .with_organization(given(true, kinds));
    p.organization_types = given(
        Listed::examples(vec![
            T::Enterprise,
            T::IndividualBusiness,
            T::GovernmentOrgan,
            T::PublicInstitution,
            T::PrivateNonEnterpriseUnit,
        ]),
        s0.at(45, "企业、个体工商户、政府、事业单位、学校、组织等"),
    );

    let automatic = || given(Decision::Automatic, s0.at(71, "上传成功后系统自动完成验证"));
    let mut id_card = method(
        M::IdCardVideo,
        SubjectKind::Individual,
        s0.at(47, "个人身份证 个人银行卡 个人其他证件"),
        &[F::NameAndNumber, F::VideoReadingDigits],
    );
    id_card.documents = given(
        complete(&[D::ResidentId]),
        s0.at(85, "本文指导您如何通过个人身份证进行认证"),
    );
    id_card.residency = given(
        vec![Residency::Mainland],
        s3.at(
            14,
            "identity card information and a video of your face(for Mainland China resident only)",
        ),
    );
    id_card.decision = automatic();
    id_card.failure_reasons = vec![
        sourced(
            FailureReason::ShownOnPage,
            s0.at(97, "除页面提示的错误信息以外"),
        ),
        sourced(
            FailureReason::ShootingConditions,
            s0.at(98, "拍摄受到光线等拍摄环境的影响，造成无法识别的情况"),
        ),
        sourced(
            FailureReason::FaceUnlikePhoto,
            s0.at(99, "拍摄人脸与身份证照片的人像差距过大"),
        ),
    ];

    let mut bank = method(
        M::BankCard,
        SubjectKind::Individual,
        s0.at(47, "个人身份证 个人银行卡 个人其他证件"),
        &[F::NameAndNumber, F::BankCard, F::BankMobileSms, F::FaceScan],
    );
    bank.documents = given(
        complete(&[D::ResidentId]),
        s0.at(75, "通过填写姓名、身份证号码、银行卡号、手机号、短信验证"),
    );
    bank.decision = given(Decision::Automatic, s0.at(75, "上传成功后系统自动完成验证"));
    bank.failure_reasons = vec![
        sourced(
            FailureReason::ShownOnPage,
            s0.at(120, "除页面提示的错误信息以外"),
        ),
        sourced(
            FailureReason::NameNotId,
            s0.at(121, "姓名和身份证信息不匹配"),
        ),
        sourced(
            FailureReason::NameNotCardHolder,
            s0.at(122, "姓名和银行卡开户者的姓名不匹配"),
        ),
        sourced(
            FailureReason::CardNotBankPhone,
            s0.at(123, "银行卡和银行预留手机号码不匹配"),
        ),
        sourced(
            FailureReason::FaceNotIdentity,
            s0.at(124, "客户人脸信息与身份信息不匹配"),
        ),
    ];

    let mut other = method(
        M::DocumentUpload,
        SubjectKind::Individual,
        s0.at(47, "个人身份证 个人银行卡 个人其他证件"),
        &[F::NameAndNumber, F::DocumentImage, F::HandheldPhoto],
    );
    other.documents = given(
        Listed::examples(vec![D::ForeignPassport, D::ForeignDrivingLicence, D::HkMacaoTravelPermit]),
        s3.at(14, "such as the passport or driver's license issued by the governments of countries and regions outside Mainland China or the home visit permit for Hong Kong and Macao residents"),
    );
    other.residency = given(
        vec![
            Residency::HongKongMacao,
            Residency::Taiwan,
            Residency::Overseas,
        ],
        s0.at(81, "个人其他证件认证仅供港澳台及海外用户使用"),
    );
    other.requirements = vec![sourced(
        Requirement::ValidDocument,
        s0.at(140, "证件在有效期内"),
    )];
    other.decision = given(
        Decision::Manual,
        s0.at(79, "金山云运营人员1~2个工作日完成人工审核"),
    );
    other.review = given(
        ReviewTime::range(1, 2, TimeUnit::WorkingDays, Qualifier::Typically),
        s0.at(136, "预计1~2个工作日内完成审核"),
    );

    let mut transfer = method(
        M::CorporateTransfer,
        SubjectKind::Organization,
        s0.at(47, "企业证件认证 企业银行对公转账"),
        &[F::OrganizationRegistration, F::DepositAmount],
    );
    transfer.name_rules = vec![sourced(
        NameRule::BankAccountNameIsLegalName,
        s0.at(170, "金山云向对公账户打款时所需的银行开户名为单位全称"),
    )];
    transfer.attempts = vec![
        sourced(
            attempts(Counted::AmountEntries, 3, Scope::Transfer, None),
            s0.at(171, "您有3次重复提交认证的机会"),
        ),
        sourced(
            attempts(
                Counted::MethodUses,
                1,
                Scope::Account,
                Some(OnExhaust::FallbackTo(M::CertificateUpload)),
            ),
            s0.at(172, "一个金山云账号只能进行一次企业对公账户认证"),
        ),
    ];
    transfer.failure_reasons = vec![sourced(
        FailureReason::AccountNameNotLegalName,
        s0.at(170, "银行开户名为单位全称，否则会导致打款失败"),
    )];
    transfer.payment = Some(Payment::new(PaymentDirection::ToApplicant));

    let mut certificate = method(
        M::CertificateUpload,
        SubjectKind::Organization,
        s0.at(47, "企业证件认证 企业银行对公转账"),
        &[
            F::OrganizationRegistration,
            F::Certificate,
            F::LegalRepresentative,
        ],
    );
    certificate.name_rules = vec![
        sourced(
            NameRule::EntityNameIsCertificateName,
            s0.at(188, "单位名称与单位证件上登记公司名称一致"),
        ),
        sourced(
            NameRule::SealNameIsEntityName,
            s0.at(191, "盖章的单位名称与提交的单位名称一致"),
        ),
    ];
    certificate.delegate = given(
        Delegate::new(DelegateFor::AnyOrganization).with_provides(vec![
            sourced(F::AuthorizationLetter, s0.at(191, "需提供加盖公章的授权书")),
            sourced(
                F::DocumentImage,
                s3.at(
                    14,
                    "a letter of authorization and the identity card of the authorized person",
                ),
            ),
        ]),
        s0.at(191, "无法提供法人身份证的，需提供加盖公章的授权书"),
    );
    certificate.decision = given(Decision::Manual, s0.at(184, "请等待金山云审核"));
    certificate.review = given(
        ReviewTime::range(1, 2, TimeUnit::WorkingDays, Qualifier::Typically),
        s0.at(184, "预计1~2个工作日内完成审核"),
    );
    p.methods = vec![id_card, bank, other, transfer, certificate];

    p.account_caps = vec![
        sourced(
            AccountCap {
                subject: SubjectKind::Individual,
                key: CapKey::DocumentNumber,
                limit: Limit::AtMost(1),
                raise: Some(Raise::ByStaff(Contact::SalesManager)),
                release: None,
            },
            s0.at(
                58,
                "同一个证件信息默认仅支持1个金山云账号认证。如果疑问，请联系销售经理处理",
            ),
        ),
        sourced(
            AccountCap {
                subject: SubjectKind::Individual,
                key: CapKey::NaturalPerson,
                limit: Limit::AtMost(1),
                raise: None,
                release: None,
            },
            s0.at(59, "一个人只能实名认证一个金山云账号"),
        ),
        sourced(
            AccountCap {
                subject: SubjectKind::Organization,
                key: CapKey::Organization,
                limit: Limit::Several,
                raise: None,
                release: None,
            },
            s0.at(60, "一个企业可以实名认证多个金山云账号"),
        ),
        sourced(
            AccountCap {
                subject: SubjectKind::Organization,
                key: CapKey::CertificateNumber,
                limit: Limit::Several,
                raise: None,
                release: None,
            },
            s0.at(192, "对于同一个单位证件号码，可实名认证多个账号"),
        ),
    ];

    p.uploads = vec![UploadRule {
        methods: vec![M::DocumentUpload],
        formats: Stated::NotStated,
        max_bytes: Stated::NotStated,
        image: vec![
            sourced(
                ImageRule::HandheldFrontSide,
                s0.at(143, "上传手持证件正面照"),
            ),
            sourced(
                ImageRule::AllInformationVisible,
                s0.at(143, "请确保证件所有信息清晰可见"),
            ),
            sourced(ImageRule::NoHeadwear, s0.at(143, "照片需免冠")),
            sourced(
                ImageRule::FaceVisible,
                s0.at(143, "手持证件者的五官必须清晰可见"),
            ),
        ],
    }];

    p.changes = vec![ChangeRule::new(
        Transition::OrganizationRename,
        sourced(
            Availability::Offline(Contact::AccountManager),
            s0.at(
                61,
                "您如果需要变更企业名称等信息，请联系您的客户经理进行处理",
            ),
        ),
    )];

    p.individual_restrictions = vec![sourced(
        Restriction {
            capability: Capability::VatSpecialInvoice,
            access: Access::Denied,
        },
        s0.at(48, "无法申请增值税专用发票"),
    )];
    p
}
