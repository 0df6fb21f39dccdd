//! Baidu AI Cloud 百度智能云: seed 001 (user guide, release log to 2024-08).
//!
//! Choices where the seed is unclear or contradicts itself:
//! - Phone registrations: 10 云账号 per number (table and release log, lines
//!   5, 28, 1146), not the prose's "多个".
//! - Legal-representative face: instant on passing (line 328), with a manual
//!   review of at most 2 working days for organisations other than
//!   enterprises (line 332); the FAQ's "0-2个工作日" (line 1234) is the same
//!   bound seen from outside.
//! - Corporate transfer: public institutions are excluded ("暂不支持事业单位",
//!   line 1236), read as excluding the method and not only its 30-minute
//!   figure; two wrong amounts void a transfer (line 1352), a limit stated
//!   nowhere else.
//! - The legal representative's face for organisations other than
//!   enterprises may be done by an employee the legal representative
//!   authorises (lines 321–327): their name and ID number, a letter from the
//!   page's template under the organisation's seal, and their face.
//! - Deposit errors (lines 396–402): "收款账户名称和账户号码不一致" and
//!   "频繁发起认证申请" share a line and are kept as two reasons. "企业注册时间
//!   是否为7天内 … 等待注册满7天后重试" (line 1312) is the registry lag of the
//!   corporate transfer, in calendar days.
//! - Recharge: the seed's own "0~1元" (line 420) and "0-2天" in calendar days
//!   (line 1237) are kept as written.
//! - The certificate upload rules (lines 434–444) name no method, and none
//!   of the three organisation methods the seed describes uploads a
//!   certificate: the rules are kept, attached to no method, so that they
//!   refuse no method's upload.
//! - Change cooldowns: "30天内只可以完成一次变更" (line 618) and "30天后可以
//!   发起新的变更" (line 1448) are read together as the stricter rule: no new
//!   change may start within 30 days of the last completed one. The seed
//!   states it for individual → individual and for renaming an organisation
//!   (line 545) only.
//! - Deadlines passing: the recharge is rejected after 3 days ("否则申请将被拒
//!   绝", line 426, which covers the payer's name too), and the change to
//!   another individual withdrawn after 1 day ("否则将自动撤回变更", line 616;
//!   line 628's "需要重新发起变更" says the same from the applicant's side).
//!   What follows the deposit's 8 days (line 383) and the subject change's
//!   9 days (line 574) is not stated: a machine treats them as expired.
//! - "1天内" (line 616) is one calendar day (24 hours) from starting the
//!   change; "9天" (line 574) nine calendar days from approval.
//! - Face documents (line 233): "大陆居民二代身份证" is the resident ID card
//!   of mainland citizens only (the residence permits of Hong Kong, Macao
//!   and Taiwan residents carry resident ID numbers but are not it), and
//!   "定居国外的中国公民护照" a Chinese passport whose holder has settled
//!   abroad (residency `overseas`):
//!   both kept as conditions on the holder, not as plain kinds.
//! - Age: "未满14岁 … 不可以，14岁以上可以申请" (line 1417): 14 allowed,
//!   reached on the 14th birthday.

use super::{Seed, attempts, complete, given, method, sourced};
use crate::calendar::Duration;
use crate::org::OrganizationType as T;
use crate::policy::{
    Access, AccountCap, AmountRange, Anchor, Availability, CapKey, Capability, ChangeRule,
    Cooldown, Counted, Deadline, Delegate, DelegateFor, DocumentResidency, Factor as F,
    FailureReason, FileFormat, Gate, ImageRule, Limit, Listed, ManualReview, MethodAttempts,
    MethodKind as M, MinAge, NameRule, OnExhaust, OnExpiry, Payment, PaymentDirection, PhoneCap,
    PhonePurpose, ProfileData, Qualifier, Refund, Requirement, Residency, Restriction,
    ReviewCondition, ReviewTime, Scope, Sourced, Subjects, TimeUnit, Transition, UploadRule,
};
use crate::{AgeRule, DocumentKind as D, SubjectKind};

pub(super) const S1: &str = "001_d99db55220d427ea.txt";

pub(super) fn profile() -> ProfileData {
    let s1 = Seed(S1);
    let mut p = ProfileData::new("Baidu AI Cloud", "百度智能云");
    p.subjects = Subjects::new()
        .with_individual(given(
            true,
            s1.at(178, "个人认证 适用于个人开发爱好者 个人"),
        ))
        .with_organization(given(
            true,
            s1.at(165, "企业、个体工商户、事业单位、学校、社会团体等"),
        ));
    let types: Vec<T> = T::all()
        .iter()
        .copied()
        .filter(|t| *t != T::FarmersCooperative)
        .collect();
    p.organization_types = given(
        Listed::examples(types),
        s1.at(434, "企业认证-常见单位类型对应统一社会信用代码证件样式"),
    );

    let org_documents = || {
        given(
            complete(&[D::Uscc, D::BusinessRegistrationNumber]),
            s1.at(
                319,
                "包括企业名称、营业执照注册号、法定代表人姓名和身份证号",
            ),
        )
    };
    let locked = |quote: &str, line: u32| {
        sourced(
            attempts(
                Counted::Attempts,
                10,
                Scope::Account,
                Some(OnExhaust::MethodLocked),
            ),
            s1.at(line, quote),
        )
    };
    let within_2_working_days = ReviewTime::range(0, 2, TimeUnit::WorkingDays, Qualifier::AtMost);

    let mut face = method(
        M::Face,
        SubjectKind::Individual,
        s1.at(180, "个人刷脸认证"),
        &[F::NameAndNumber, F::FaceScan],
    );
    face.documents = given(
        complete(&[
            D::ResidentId,
            D::HkMacaoTravelPermit,
            D::TaiwanTravelPermit,
            D::ForeignPermanentResidentId,
            D::ChinesePassport,
        ]),
        s1.at(233, "支持以下证件的刷脸： 大陆居民二代身份证、 港澳台居民往来内地通行证、 外国人永久居留证、 定居国外的中国公民护照"),
    );
    // The 二代身份证 of mainland residents, not the residence permits of
    // Hong Kong, Macao and Taiwan residents that carry the same kind of
    // number; the passport of a Chinese citizen settled abroad, not any
    // Chinese passport.
    face.document_residency = vec![
        sourced(
            DocumentResidency::new(D::ResidentId, vec![Residency::Mainland]),
            s1.at(233, "大陆居民二代身份证"),
        ),
        sourced(
            DocumentResidency::new(D::ChinesePassport, vec![Residency::Overseas]),
            s1.at(235, "定居国外的中国公民护照"),
        ),
    ];
    face.review = given(ReviewTime::Instant, s1.at(1226, "个人刷脸认证：即时完成"));

    let mut bank = method(
        M::BankCard,
        SubjectKind::Individual,
        s1.at(182, "个人银行卡认证"),
        &[F::NameAndNumber, F::BankCard, F::BankMobileSms],
    );
    bank.documents = given(
        complete(&[D::ResidentId]),
        s1.at(
            279,
            "包括姓名、身份证号、银行卡号（仅支持银联卡认证）、手机号码",
        ),
    );
    bank.requirements = vec![sourced(
        Requirement::UnionPayCard,
        s1.at(268, "仅支持银联卡认证"),
    )];
    bank.review = given(ReviewTime::Instant, s1.at(1228, "个人银行卡认证：即时完成"));
    bank.attempts = vec![locked(
        "百度智能云针对个人银行卡认证有10次的认证次数限制",
        283,
    )];

    let mut legal_face = method(
        M::LegalRepresentativeFace,
        SubjectKind::Organization,
        s1.at(170, "法定代表人刷脸认证"),
        &[
            F::OrganizationRegistration,
            F::LegalRepresentative,
            F::FaceScan,
        ],
    );
    legal_face.documents = org_documents();
    legal_face.review = given(
        ReviewTime::Instant,
        s1.at(328, "刷脸通过后，即完成企业实名认证"),
    );
    legal_face.manual_review = given(
        ManualReview {
            when: ReviewCondition::OtherOrganization,
            time: within_2_working_days,
        },
        s1.at(
            332,
            "针对非企业的“其他组织”，刷脸通过后将会送至人工审核，审核将在2个工作日内完成",
        ),
    );
    legal_face.attempts = vec![locked("法定代表人刷脸认证有10次的认证次数限制", 337)];
    legal_face.delegate = given(
        Delegate::new(DelegateFor::OtherOrganization).with_provides(vec![
            sourced(F::FaceScan, s1.at(321, "法定代表人授权员工刷脸")),
            sourced(
                F::NameAndNumber,
                s1.at(325, "需要被授权人填写姓名和身份证号"),
            ),
            sourced(
                F::AuthorizationLetter,
                s1.at(325, "填写模板内容且加盖公章后，再上传授权书"),
            ),
        ]),
        s1.at(
            321,
            "对于非企业的“其他组织”，百度智能云提供 法定代表人授权员工刷脸",
        ),
    );

    let mut transfer = method(
        M::CorporateTransfer,
        SubjectKind::Organization,
        s1.at(172, "企业对公打款认证"),
        &[
            F::OrganizationRegistration,
            F::LegalRepresentative,
            F::OperatorFace,
            F::DepositAmount,
        ],
    );
    transfer.documents = given(
        complete(&[D::Uscc, D::BusinessRegistrationNumber]),
        s1.at(
            366,
            "包括企业名称、营业执照注册号、法定代表人姓名、开户银行、企业银行账号",
        ),
    );
    transfer.requirements = vec![
        sourced(
            Requirement::NoPaymentLicence,
            s1.at(
                355,
                "拥有第三方支付牌照的企业暂不支持“企业对公打款认证”方式",
            ),
        ),
        sourced(
            Requirement::NotOrganizationType(T::PublicInstitution),
            s1.at(1236, "企业对公打款：最快30分钟（暂不支持事业单位）"),
        ),
    ];
    transfer.review = given(
        ReviewTime::range(30, 30, TimeUnit::Minutes, Qualifier::AtTheFastest),
        s1.at(1236, "企业对公打款：最快30分钟"),
    );
    transfer.manual_review = given(
        ManualReview { when: ReviewCondition::RiskPolicy, time: within_2_working_days },
        s1.at(386, "若您的账户命中百度智能云的风险策略，在金额验证通过后将会送至人工审核。审核将在2个工作日内完成"),
    );
    transfer.attempts = vec![
        locked("企业对公打款认证有10次的认证次数限制", 390),
        sourced(
            attempts(
                Counted::AmountEntries,
                2,
                Scope::Transfer,
                Some(OnExhaust::Restart),
            ),
            s1.at(
                1352,
                "请在验证金额处任意属于两次错误的金额后，重新发起对公打款认证",
            ),
        ),
    ];
    transfer.failure_reasons = [
        (FailureReason::RegistryRecordNotFound, 396, "未查到工商信息"),
        (FailureReason::PayingBankNameWrong, 398, "付款银行名称有误"),
        (
            FailureReason::AccountNameNumberMismatch,
            400,
            "收款账户名称和账户号码不一致",
        ),
        (FailureReason::TooManyRequests, 400, "频繁发起认证申请"),
        (
            FailureReason::AccountNotSupported,
            402,
            "收款账户不支持此业务",
        ),
    ]
    .into_iter()
    .map(|(reason, line, quote)| sourced(reason, s1.at(line, quote)))
    .collect();
    transfer.registry_lag = given(
        Duration::CalendarDays(7),
        s1.at(
            1312,
            "企业注册时间是否为7天内，如是，建议您等待注册满7天后重试",
        ),
    );
    let mut deposit = Payment::new(PaymentDirection::ToApplicant);
    deposit.amount_fen = given(
        AmountRange {
            min_fen: 1,
            max_fen: 100,
        },
        s1.at(379, "随机金额（0.01元~1元）"),
    );
    deposit.arrival = given(
        ReviewTime::range(0, 2, TimeUnit::CalendarDays, Qualifier::Typically),
        s1.at(379, "预计将在0-2天内到账"),
    );
    deposit.deadline = given(
        // What happens after the 8 days is not stated.
        Deadline::new(Duration::CalendarDays(8), Anchor::Receipt),
        s1.at(
            383,
            "收到打款后，请在8天内将金额填写至百度智能云实名认证页面",
        ),
    );
    deposit.refund = given(Refund::NotRequired, s1.at(379, "打款金额无需退回"));
    transfer.payment = Some(deposit);

    let mut recharge = method(
        M::Recharge,
        SubjectKind::Organization,
        s1.at(174, "百度智能云充值认证"),
        &[F::OrganizationRegistration, F::PaymentToProvider],
    );
    recharge.name_rules = vec![sourced(
        NameRule::PayerNameIsVerifiedName,
        s1.at(
            426,
            "请务必在3天内使用账户名与实名一致的银行账号进行打款，否则申请将被拒绝",
        ),
    )];
    recharge.review = given(
        ReviewTime::range(0, 2, TimeUnit::CalendarDays, Qualifier::Typically),
        s1.at(1237, "百度智能云充值认证：0-2天"),
    );
    let mut payment = Payment::new(PaymentDirection::ToProvider);
    payment.amount_fen = given(
        AmountRange {
            min_fen: 0,
            max_fen: 100,
        },
        s1.at(420, "系统将自动生成一个0~1元的随机金额"),
    );
    payment.deadline = given(
        Deadline::new(Duration::CalendarDays(3), Anchor::AmountGenerated).with_on_expiry(given(
            OnExpiry::Rejected,
            s1.at(
                426,
                "请务必在3天内使用账户名与实名一致的银行账号进行打款，否则申请将被拒绝",
            ),
        )),
        s1.at(420, "您需在3天内按照系统生成的金额给自己的专属账号打款"),
    );
    payment.refund = given(
        Refund::CreditedToBalance,
        s1.at(422, "打款金额将自动充值进您的账户余额"),
    );
    recharge.payment = Some(payment);
    p.methods = vec![face, bank, legal_face, transfer, recharge];

    p.account_caps = vec![sourced(
        AccountCap {
            subject: SubjectKind::Individual,
            key: CapKey::DocumentNumber,
            limit: Limit::AtMost(5),
            raise: None,
            release: None,
        },
        s1.at(1403, "1个身份证号最多可以认证5个百度智能云账号"),
    )];
    let phone = |purpose, accounts: &str, n, source| {
        sourced(
            PhoneCap {
                purpose,
                accounts: Some(accounts.to_owned()),
                limit: Limit::AtMost(n),
            },
            source,
        )
    };
    p.phone_caps = vec![
        phone(
            PhonePurpose::Register,
            "云账号",
            10,
            s1.at(5, "2024-08 更新1个手机号可注册云账号数量为10个"),
        ),
        phone(
            PhonePurpose::Register,
            "百度账号",
            1,
            s1.at(32, "一个手机号码可以注册一个百度账号"),
        ),
        phone(
            PhonePurpose::Bind,
            "百度账号",
            5,
            s1.at(32, "但是可以绑定5个百度账号"),
        ),
        phone(
            PhonePurpose::Login,
            "百度账号",
            1,
            s1.at(32, "且该手机号码只能登录其中一个账号"),
        ),
    ];
    p.min_age = given(
        MinAge {
            years: 14,
            rule: AgeRule::Birthday,
        },
        s1.at(1417, "不可以，14岁以上可以申请"),
    );

    p.uploads = vec![UploadRule {
        methods: Vec::new(),
        formats: given(
            vec![FileFormat::Jpeg, FileFormat::Png],
            s1.at(444, "格式要求jpg、jpeg、png"),
        ),
        max_bytes: given(4 * 1024 * 1024, s1.at(444, "不超过4MB")),
        image: vec![
            sourced(
                ImageRule::Colour,
                s1.at(
                    438,
                    "请提供证件原件彩色照片、彩色扫描件或加盖公章鲜章的复印件",
                ),
            ),
            sourced(ImageRule::NoElectronicSeal, s1.at(438, "暂不支持电子章")),
            sourced(
                ImageRule::NoScreenshotOrEdit,
                s1.at(442, "不得翻拍、截图、镜像、PS"),
            ),
        ],
    }];

    p.changes = changes(&s1);

    let restrict = |capability, access, source| sourced(Restriction { capability, access }, source);
    p.individual_restrictions = vec![
        restrict(
            Capability::VatSpecialInvoice,
            Access::Denied,
            s1.at(184, "无法开具增值税专用发票"),
        ),
        restrict(
            Capability::SmsService,
            Access::Denied,
            s1.at(186, "无法使用SMS产品"),
        ),
        restrict(
            Capability::LiveAndVodTraffic,
            Access::LimitedGb(100),
            s1.at(188, "LSS和VOD个人认证有100GB的流量限制"),
        ),
    ];
    p
}

fn changes(s1: &Seed) -> Vec<ChangeRule> {
    let online = |line, quote: &str| sourced(Availability::Online, s1.at(line, quote));
    let thirty_days = Cooldown {
        wait: Duration::CalendarDays(30),
        gates: Gate::Initiation,
    };
    let in_change = |t: Transition, method: M, quote: &str, line| -> Sourced<MethodAttempts> {
        sourced(
            MethodAttempts {
                method,
                limit: attempts(
                    Counted::Attempts,
                    5,
                    Scope::ChangeRequest(t),
                    Some(OnExhaust::OtherMethodOrWithdraw),
                ),
            },
            s1.at(line, quote),
        )
    };
    let old_subject = |line| {
        given(
            vec![M::Face, M::BankCard],
            s1.at(line, "可以选择刷脸认证或银行卡认证"),
        )
    };

    let remove = ChangeRule::new(
        Transition::Remove,
        sourced(
            Availability::Forbidden,
            s1.at(1409, "百度智能云账号完成个人实名认证后，暂不支持取消或解除"),
        ),
    );
    let to_individual = ChangeRule::new(
        Transition::OrganizationToIndividual,
        sourced(
            Availability::Forbidden,
            s1.at(517, "企业认证 个人认证 不支持变更"),
        ),
    );

    let mut rename = ChangeRule::new(
        Transition::OrganizationRename,
        online(519, "1、支持工商变更（即仅变更企业名称）"),
    );
    rename.cooldown = given(thirty_days, s1.at(545, "30天内只可以完成1次变更"));
    rename.withdrawable = given(true, s1.at(544, "您也可以撤回修改后重新提交"));

    let mut other_org = ChangeRule::new(
        Transition::OrganizationToOrganization,
        online(519, "2、非工商变更（即变更企业主体）"),
    );
    other_org.window = given(
        // What happens after the 9 days is not stated.
        Deadline::new(Duration::CalendarDays(9), Anchor::Approval),
        s1.at(574, "请在页面提示的时间（9天）内"),
    );
    other_org.old_subject_methods = given(vec![M::Face], s1.at(563, "由该联系人完成人脸识别认证"));
    other_org.new_subject_methods = given(
        vec![
            M::LegalRepresentativeFace,
            M::CorporateTransfer,
            M::Recharge,
        ],
        s1.at(
            583,
            "支持法定代表人刷脸认证、企业对公打款认证、百度智能云充值认证三种方式",
        ),
    );

    let t = Transition::IndividualToOrganization;
    let mut to_org = ChangeRule::new(t, online(595, "点击【变更为企业认证】进入变更页面"));
    to_org.old_subject_methods = old_subject(599);
    to_org.new_subject_methods = given(
        vec![M::LegalRepresentativeFace, M::CorporateTransfer],
        s1.at(603, "可选择法定代表人刷脸认证或企业对公打款认证"),
    );
    let five = "针对法定代表人刷脸认证和企业对公打款认证有5次的认证次数限";
    to_org.attempts = vec![
        in_change(t, M::LegalRepresentativeFace, five, 605),
        in_change(t, M::CorporateTransfer, five, 605),
    ];

    let t = Transition::IndividualToIndividual;
    let mut to_other = ChangeRule::new(t, online(612, "点击【修改个人认证】进入变更页面"));
    to_other.cooldown = given(thirty_days, s1.at(1448, "30天后可以发起新的变更"));
    to_other.window = given(
        Deadline::new(Duration::CalendarDays(1), Anchor::Initiation)
            .with_on_expiry(given(OnExpiry::Withdrawn, s1.at(616, "否则将自动撤回变更"))),
        s1.at(616, "需在1天内提交新主体实名认证，否则将自动撤回变更"),
    );
    to_other.old_subject_methods = old_subject(619);
    to_other.new_subject_methods = given(
        vec![M::Face, M::BankCard],
        s1.at(627, "可选择刷脸或银行卡认证的方法完成新主体个人实名"),
    );
    to_other.attempts = vec![in_change(
        t,
        M::BankCard,
        "百度智能云针对个人银行卡认证有5次的认证次数限制",
        621,
    )];
    to_other.withdrawable = given(true, s1.at(1456, "可以撤回"));

    vec![to_other, to_org, rename, other_org, to_individual, remove]
}
