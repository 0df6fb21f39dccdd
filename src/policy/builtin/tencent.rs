//! Tencent Cloud 腾讯云: seed 004 (real-name verification FAQ, Chinese
//! site).
//!
//! Choices where the seed is unclear or contradicts itself:
//! - Review times are the per-method list (lines 14–22), which line 24 calls
//!   the maximum ("如果超过最大审核时间"): so recharge is at most 1 working
//!   day (line 21) rather than the chooser's "一般1 - 3个工作日" (line 54),
//!   and the enterprise instant methods are instant (lines 18–20) rather
//!   than "最快30分钟" (line 54).
//! - "一个月最多修改一次" (line 3) is read as the stricter of its readings:
//!   no new change until one calendar month after the last completed one
//!   (a calendar-month quota would allow a change on 1 February after one
//!   on 31 January). It covers the individual and the enterprise change
//!   pages the line links to (lines 4–5).
//! - The individual cap counts 个人身份证 numbers (line 32) and is hard
//!   ("仅支持", no one to contact); the enterprise cap counts by name or
//!   licence and is a default the account manager can raise (line 33). A
//!   place under either cap is freed by changing the account's bound
//!   document (line 9: "修改完成后即可释放已绑定的账号").
//! - Individuals from Hong Kong, Macao, Taiwan and abroad are sent to the
//!   international site (line 28): the individual methods are for mainland
//!   residents.
//! - "如果超过最大审核时间，请联系在线客服处理" (line 24) is the one
//!   escalation the seeds name: it covers every review time of the list
//!   above it, so it is a rule of the profile (`overdue_review`), not of
//!   one method.

use super::{Seed, given, method, sourced};
use crate::SubjectKind;
use crate::calendar::Duration;
use crate::policy::{
    AccountCap, Availability, CapKey, ChangeRule, Contact, Cooldown, Factor as F, FailureReason,
    Gate, Limit, MethodKind as M, Payment, PaymentDirection, PhoneCap, PhonePurpose, ProfileData,
    Qualifier, Raise, Release, Residency, ReviewTime, Subjects, TimeUnit, Transition,
};

pub(super) const S4: &str = "004_8fb8c130c10e39bd.txt";

pub(super) fn profile() -> ProfileData {
    let s4 = Seed(S4);
    let mut p = ProfileData::new("Tencent Cloud", "腾讯云");
    let kinds = s4.at(52, "实名认证方式包括个人实名认证和企业实名认证");
    p.subjects = Subjects::new()
        .with_individual(given(true, kinds.clone()))
        .with_organization(given(true, kinds));

    let individual = s4.at(
        53,
        "可以通过微信扫码、QQ 扫码和人脸识别三种操作进行实名认证",
    );
    let organization = s4.at(54, "企业用户，可以通过微信公众平台、腾讯云充值、企业对公打款、企业法人微信扫码和企业法人人脸识别进行认证");
    let instant = |line, quote: &str| given(ReviewTime::Instant, s4.at(line, quote));
    let at_most_working_days = |min, max, line, quote: &str| {
        given(
            ReviewTime::range(min, max, TimeUnit::WorkingDays, Qualifier::AtMost),
            s4.at(line, quote),
        )
    };

    let mut methods = Vec::new();
    for (kind, factors, line, quote) in [
        (
            M::WeChatScan,
            &[F::WeChatIdentity][..],
            14,
            "微信扫码：即时完成（推荐）",
        ),
        (M::QqScan, &[F::QqIdentity][..], 16, "QQ 扫码：即时完成"),
        (
            M::Face,
            &[F::NameAndNumber, F::FaceScan][..],
            15,
            "人脸识别：即时完成",
        ),
    ] {
        let mut m = method(kind, SubjectKind::Individual, individual.clone(), factors);
        m.residency = given(
            vec![Residency::Mainland],
            s4.at(
                28,
                "港澳台及境外用户请前往 [国际站](https://intl.cloud.tencent.com/) 进行实名认证",
            ),
        );
        m.review = instant(line, quote);
        if kind == M::Face {
            m.failure_reasons = [
                (FailureReason::FaceCovered, 39, "脸部遮挡"),
                (FailureReason::FaceUnlikePhoto, 40, "本人与照片差距过大"),
                (FailureReason::WrongNameOrNumber, 41, "姓名或身份证填写错误"),
                (
                    FailureReason::FaceOutOfFrame,
                    42,
                    "验证过程中人脸没有完全出现在屏幕中",
                ),
            ]
            .into_iter()
            .map(|(reason, line, quote)| sourced(reason, s4.at(line, quote)))
            .collect();
        }
        methods.push(m);
    }
    for (kind, factors, line, quote) in [
        (
            M::WeChatOfficialAccount,
            &[F::WeChatOfficialAccount][..],
            18,
            "微信公众平台：即时完成（推荐）",
        ),
        (
            M::LegalRepresentativeWeChat,
            &[F::LegalRepresentative, F::WeChatIdentity][..],
            19,
            "企业法人微信扫码：即时完成（推荐）",
        ),
        (
            M::LegalRepresentativeFace,
            &[F::LegalRepresentative, F::FaceScan][..],
            20,
            "企业法人人脸识别：即时完成（推荐）",
        ),
    ] {
        let mut m = method(
            kind,
            SubjectKind::Organization,
            organization.clone(),
            factors,
        );
        m.review = instant(line, quote);
        methods.push(m);
    }
    let mut recharge = method(
        M::Recharge,
        SubjectKind::Organization,
        organization.clone(),
        &[F::PaymentToProvider],
    );
    recharge.review = at_most_working_days(1, 1, 21, "腾讯云充值：1个工作日");
    recharge.payment = Some(Payment::new(PaymentDirection::ToProvider));
    methods.push(recharge);
    let mut transfer = method(
        M::CorporateTransfer,
        SubjectKind::Organization,
        organization,
        &[F::DepositAmount],
    );
    transfer.review = at_most_working_days(1, 3, 22, "企业对公打款：1 - 3个工作日");
    transfer.payment = Some(Payment::new(PaymentDirection::ToApplicant));
    methods.push(transfer);
    p.methods = methods;

    p.account_caps = vec![
        sourced(
            AccountCap {
                subject: SubjectKind::Individual,
                key: CapKey::DocumentNumber,
                limit: Limit::AtMost(3),
                raise: Some(Raise::Hard),
                release: Some(Release::ChangeBoundDocument),
            },
            s4.at(
                32,
                "1个个人身份信息（个人身份证）仅支持实名认证3个腾讯云账号",
            ),
        ),
        sourced(
            AccountCap {
                subject: SubjectKind::Organization,
                key: CapKey::OrganizationNameOrLicence,
                limit: Limit::AtMost(10),
                raise: Some(Raise::ByStaff(Contact::AccountManager)),
                release: Some(Release::ChangeBoundDocument),
            },
            s4.at(
                33,
                "1个企业身份信息（企业名称/营业执照）默认支持实名认证10个账号",
            ),
        ),
    ];
    p.phone_caps = vec![sourced(
        PhoneCap {
            purpose: PhonePurpose::Verify,
            accounts: None,
            limit: Limit::Limited,
        },
        s4.at(7, "实名认证的证件或手机号码超限"),
    )];

    let month = Cooldown {
        wait: Duration::CalendarMonths(1),
        gates: Gate::Initiation,
    };
    let mut changes = vec![ChangeRule::new(
        Transition::Remove,
        sourced(
            Availability::Forbidden,
            s4.at(3, "腾讯云账号进行实名认证后无法解除认证状态"),
        ),
    )];
    for (transition, line, quote) in [
        (Transition::IndividualToIndividual, 4, "变更个人实名信息"),
        (Transition::OrganizationRename, 5, "变更企业实名信息"),
        (
            Transition::OrganizationToOrganization,
            5,
            "变更企业实名信息",
        ),
    ] {
        let mut c = ChangeRule::new(
            transition,
            sourced(Availability::Online, s4.at(line, quote)),
        );
        c.cooldown = given(month, s4.at(3, "一个月最多修改一次"));
        changes.push(c);
    }
    p.changes = changes;
    p.overdue_review = given(
        Contact::OnlineService,
        s4.at(24, "如果超过最大审核时间，请联系 [在线客服]"),
    );
    p
}
