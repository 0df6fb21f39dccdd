//! The built-in profiles: every value against the seed phrase it rests on,
//! the choices made where a seed contradicts itself, JSON and TOML round
//! trips, and malformed profiles rejected with the field named.

use chrono::{NaiveDate, TimeZone, Utc};
use realname::SubjectKind;
use realname::calendar::{ChinaMainland, Duration};
use realname::policy::{
    Limit, MethodKind, Profile, ProfileProblem, Provider, Qualifier, ReviewTime, Scope, TimeUnit,
    Transition,
};
use realname::rules::{self, Applicant, Reason};
use serde_json::Value;

/// Every sourced value of every built-in profile: provider, path, the value
/// as JSON, and the phrase of the seed it rests on. One row per value; the
/// test below also fails if a profile gains a value this table lacks.
const VALUES: &[(&str, &str, &str, &str)] = &[
    (
        "kingsoft",
        "subjects.individual",
        "true",
        "金山云账号实名认证分为个人实名认证和企业实名认证",
    ),
    (
        "kingsoft",
        "subjects.organization",
        "true",
        "金山云账号实名认证分为个人实名认证和企业实名认证",
    ),
    (
        "kingsoft",
        "organization_types",
        r#"{"items":["enterprise","individual_business","government_organ","public_institution","private_non_enterprise_unit"],"open":true}"#,
        "企业、个体工商户、政府、事业单位、学校、组织等",
    ),
    (
        "kingsoft",
        "methods[0]",
        r#"{"kind":"id_card_video","subject":"individual"}"#,
        "个人身份证 个人银行卡 个人其他证件",
    ),
    (
        "kingsoft",
        "methods[0].documents",
        r#"{"items":["resident_id"]}"#,
        "本文指导您如何通过个人身份证进行认证",
    ),
    (
        "kingsoft",
        "methods[0].residency",
        r#"["mainland"]"#,
        "identity card information and a video of your face(for Mainland China resident only)",
    ),
    (
        "kingsoft",
        "methods[0].decision",
        r#""automatic""#,
        "上传成功后系统自动完成验证",
    ),
    (
        "kingsoft",
        "methods[1]",
        r#"{"kind":"bank_card","subject":"individual"}"#,
        "个人身份证 个人银行卡 个人其他证件",
    ),
    (
        "kingsoft",
        "methods[1].documents",
        r#"{"items":["resident_id"]}"#,
        "通过填写姓名、身份证号码、银行卡号、手机号、短信验证",
    ),
    (
        "kingsoft",
        "methods[1].decision",
        r#""automatic""#,
        "上传成功后系统自动完成验证",
    ),
    (
        "kingsoft",
        "methods[2]",
        r#"{"kind":"document_upload","subject":"individual"}"#,
        "个人身份证 个人银行卡 个人其他证件",
    ),
    (
        "kingsoft",
        "methods[2].documents",
        r#"{"items":["foreign_passport","foreign_driving_licence","hk_macao_travel_permit"],"open":true}"#,
        "such as the passport or driver's license issued by the governments of countries and regions outside Mainland China or the home visit permit for Hong Kong and Macao residents",
    ),
    (
        "kingsoft",
        "methods[2].residency",
        r#"["hong_kong_macao","taiwan","overseas"]"#,
        "个人其他证件认证仅供港澳台及海外用户使用",
    ),
    (
        "kingsoft",
        "methods[2].requirements[0]",
        r#""valid_document""#,
        "证件在有效期内",
    ),
    (
        "kingsoft",
        "methods[2].decision",
        r#""manual""#,
        "金山云运营人员1~2个工作日完成人工审核",
    ),
    (
        "kingsoft",
        "methods[2].review",
        r#"{"range":{"min":1,"max":2,"unit":"working_days","qualifier":"typically"}}"#,
        "预计1~2个工作日内完成审核",
    ),
    (
        "kingsoft",
        "methods[3]",
        r#"{"kind":"corporate_transfer","subject":"organization"}"#,
        "企业证件认证 企业银行对公转账",
    ),
    (
        "kingsoft",
        "methods[3].name_rules[0]",
        r#""bank_account_name_is_legal_name""#,
        "金山云向对公账户打款时所需的银行开户名为单位全称",
    ),
    (
        "kingsoft",
        "methods[3].attempts[0]",
        r#"{"counted":"amount_entries","max":3,"scope":"transfer"}"#,
        "您有3次重复提交认证的机会",
    ),
    (
        "kingsoft",
        "methods[3].attempts[1]",
        r#"{"counted":"method_uses","max":1,"scope":"account","on_exhaust":{"fallback_to":"certificate_upload"}}"#,
        "一个金山云账号只能进行一次企业对公账户认证",
    ),
    (
        "kingsoft",
        "methods[4]",
        r#"{"kind":"certificate_upload","subject":"organization"}"#,
        "企业证件认证 企业银行对公转账",
    ),
    (
        "kingsoft",
        "methods[4].decision",
        r#""manual""#,
        "请等待金山云审核",
    ),
    (
        "kingsoft",
        "methods[4].review",
        r#"{"range":{"min":1,"max":2,"unit":"working_days","qualifier":"typically"}}"#,
        "预计1~2个工作日内完成审核",
    ),
    (
        "kingsoft",
        "methods[0].failure_reasons[0]",
        r#""shown_on_page""#,
        "除页面提示的错误信息以外",
    ),
    (
        "kingsoft",
        "methods[0].failure_reasons[1]",
        r#""shooting_conditions""#,
        "拍摄受到光线等拍摄环境的影响，造成无法识别的情况",
    ),
    (
        "kingsoft",
        "methods[0].failure_reasons[2]",
        r#""face_unlike_photo""#,
        "拍摄人脸与身份证照片的人像差距过大",
    ),
    (
        "kingsoft",
        "methods[1].failure_reasons[0]",
        r#""shown_on_page""#,
        "除页面提示的错误信息以外",
    ),
    (
        "kingsoft",
        "methods[1].failure_reasons[1]",
        r#""name_not_id""#,
        "姓名和身份证信息不匹配",
    ),
    (
        "kingsoft",
        "methods[1].failure_reasons[2]",
        r#""name_not_card_holder""#,
        "姓名和银行卡开户者的姓名不匹配",
    ),
    (
        "kingsoft",
        "methods[1].failure_reasons[3]",
        r#""card_not_bank_phone""#,
        "银行卡和银行预留手机号码不匹配",
    ),
    (
        "kingsoft",
        "methods[1].failure_reasons[4]",
        r#""face_not_identity""#,
        "客户人脸信息与身份信息不匹配",
    ),
    (
        "kingsoft",
        "methods[3].failure_reasons[0]",
        r#""account_name_not_legal_name""#,
        "银行开户名为单位全称，否则会导致打款失败",
    ),
    (
        "kingsoft",
        "methods[4].name_rules[0]",
        r#""entity_name_is_certificate_name""#,
        "单位名称与单位证件上登记公司名称一致",
    ),
    (
        "kingsoft",
        "methods[4].name_rules[1]",
        r#""seal_name_is_entity_name""#,
        "盖章的单位名称与提交的单位名称一致",
    ),
    (
        "kingsoft",
        "methods[4].delegate",
        r#"{"organizations":"any_organization"}"#,
        "无法提供法人身份证的，需提供加盖公章的授权书",
    ),
    (
        "kingsoft",
        "methods[4].delegate.provides[0]",
        r#""authorization_letter""#,
        "需提供加盖公章的授权书",
    ),
    (
        "kingsoft",
        "methods[4].delegate.provides[1]",
        r#""document_image""#,
        "a letter of authorization and the identity card of the authorized person",
    ),
    (
        "kingsoft",
        "account_caps[0]",
        r#"{"subject":"individual","key":"document_number","limit":{"at_most":1},"raise":{"by_staff":"sales_manager"}}"#,
        "同一个证件信息默认仅支持1个金山云账号认证。如果疑问，请联系销售经理处理",
    ),
    (
        "kingsoft",
        "account_caps[1]",
        r#"{"subject":"individual","key":"natural_person","limit":{"at_most":1}}"#,
        "一个人只能实名认证一个金山云账号",
    ),
    (
        "kingsoft",
        "account_caps[2]",
        r#"{"subject":"organization","key":"organization","limit":"several"}"#,
        "一个企业可以实名认证多个金山云账号",
    ),
    (
        "kingsoft",
        "account_caps[3]",
        r#"{"subject":"organization","key":"certificate_number","limit":"several"}"#,
        "对于同一个单位证件号码，可实名认证多个账号",
    ),
    (
        "kingsoft",
        "uploads[0].image[0]",
        r#""handheld_front_side""#,
        "上传手持证件正面照",
    ),
    (
        "kingsoft",
        "uploads[0].image[1]",
        r#""all_information_visible""#,
        "请确保证件所有信息清晰可见",
    ),
    (
        "kingsoft",
        "uploads[0].image[2]",
        r#""no_headwear""#,
        "照片需免冠",
    ),
    (
        "kingsoft",
        "uploads[0].image[3]",
        r#""face_visible""#,
        "手持证件者的五官必须清晰可见",
    ),
    (
        "kingsoft",
        "changes[0].availability",
        r#"{"offline":"account_manager"}"#,
        "您如果需要变更企业名称等信息，请联系您的客户经理进行处理",
    ),
    (
        "kingsoft",
        "individual_restrictions[0]",
        r#"{"capability":"vat_special_invoice","access":"denied"}"#,
        "无法申请增值税专用发票",
    ),
    (
        "baidu",
        "subjects.individual",
        "true",
        "个人认证 适用于个人开发爱好者 个人",
    ),
    (
        "baidu",
        "subjects.organization",
        "true",
        "企业、个体工商户、事业单位、学校、社会团体等",
    ),
    (
        "baidu",
        "organization_types",
        r#"{"items":["enterprise","individual_business","law_firm","public_institution","government_organ","social_organization","social_service_organization","foundation","private_non_enterprise_unit","grassroots_self_governance","owners_assembly","foreign_cultural_center","religious_venue","trade_union","judicial_expertise_institution","rural_collective_economic_organization","grassroots_legal_service_office","overseas_ngo_representative_office"],"open":true}"#,
        "企业认证-常见单位类型对应统一社会信用代码证件样式",
    ),
    (
        "baidu",
        "methods[0]",
        r#"{"kind":"face","subject":"individual"}"#,
        "个人刷脸认证",
    ),
    (
        "baidu",
        "methods[0].documents",
        r#"{"items":["resident_id","hk_macao_travel_permit","taiwan_travel_permit","foreign_permanent_resident_id","chinese_passport"]}"#,
        "支持以下证件的刷脸： 大陆居民二代身份证、 港澳台居民往来内地通行证、 外国人永久居留证、 定居国外的中国公民护照",
    ),
    (
        "baidu",
        "methods[0].document_residency[0]",
        r#"{"document":"resident_id","residency":["mainland"]}"#,
        "大陆居民二代身份证",
    ),
    (
        "baidu",
        "methods[0].document_residency[1]",
        r#"{"document":"chinese_passport","residency":["overseas"]}"#,
        "定居国外的中国公民护照",
    ),
    (
        "baidu",
        "methods[0].review",
        r#""instant""#,
        "个人刷脸认证：即时完成",
    ),
    (
        "baidu",
        "methods[1]",
        r#"{"kind":"bank_card","subject":"individual"}"#,
        "个人银行卡认证",
    ),
    (
        "baidu",
        "methods[1].documents",
        r#"{"items":["resident_id"]}"#,
        "包括姓名、身份证号、银行卡号（仅支持银联卡认证）、手机号码",
    ),
    (
        "baidu",
        "methods[1].requirements[0]",
        r#""union_pay_card""#,
        "仅支持银联卡认证",
    ),
    (
        "baidu",
        "methods[1].review",
        r#""instant""#,
        "个人银行卡认证：即时完成",
    ),
    (
        "baidu",
        "methods[1].attempts[0]",
        r#"{"counted":"attempts","max":10,"scope":"account","on_exhaust":"method_locked"}"#,
        "百度智能云针对个人银行卡认证有10次的认证次数限制",
    ),
    (
        "baidu",
        "methods[2]",
        r#"{"kind":"legal_representative_face","subject":"organization"}"#,
        "法定代表人刷脸认证",
    ),
    (
        "baidu",
        "methods[2].documents",
        r#"{"items":["uscc","business_registration_number"]}"#,
        "包括企业名称、营业执照注册号、法定代表人姓名和身份证号",
    ),
    (
        "baidu",
        "methods[2].review",
        r#""instant""#,
        "刷脸通过后，即完成企业实名认证",
    ),
    (
        "baidu",
        "methods[2].manual_review",
        r#"{"when":"other_organization","time":{"range":{"min":0,"max":2,"unit":"working_days","qualifier":"at_most"}}}"#,
        "针对非企业的“其他组织”，刷脸通过后将会送至人工审核，审核将在2个工作日内完成",
    ),
    (
        "baidu",
        "methods[2].attempts[0]",
        r#"{"counted":"attempts","max":10,"scope":"account","on_exhaust":"method_locked"}"#,
        "法定代表人刷脸认证有10次的认证次数限制",
    ),
    (
        "baidu",
        "methods[3]",
        r#"{"kind":"corporate_transfer","subject":"organization"}"#,
        "企业对公打款认证",
    ),
    (
        "baidu",
        "methods[3].documents",
        r#"{"items":["uscc","business_registration_number"]}"#,
        "包括企业名称、营业执照注册号、法定代表人姓名、开户银行、企业银行账号",
    ),
    (
        "baidu",
        "methods[3].requirements[0]",
        r#""no_payment_licence""#,
        "拥有第三方支付牌照的企业暂不支持“企业对公打款认证”方式",
    ),
    (
        "baidu",
        "methods[3].requirements[1]",
        r#"{"not_organization_type":"public_institution"}"#,
        "企业对公打款：最快30分钟（暂不支持事业单位）",
    ),
    (
        "baidu",
        "methods[3].review",
        r#"{"range":{"min":30,"max":30,"unit":"minutes","qualifier":"at_the_fastest"}}"#,
        "企业对公打款：最快30分钟",
    ),
    (
        "baidu",
        "methods[3].manual_review",
        r#"{"when":"risk_policy","time":{"range":{"min":0,"max":2,"unit":"working_days","qualifier":"at_most"}}}"#,
        "若您的账户命中百度智能云的风险策略，在金额验证通过后将会送至人工审核。审核将在2个工作日内完成",
    ),
    (
        "baidu",
        "methods[3].attempts[0]",
        r#"{"counted":"attempts","max":10,"scope":"account","on_exhaust":"method_locked"}"#,
        "企业对公打款认证有10次的认证次数限制",
    ),
    (
        "baidu",
        "methods[3].attempts[1]",
        r#"{"counted":"amount_entries","max":2,"scope":"transfer","on_exhaust":"restart"}"#,
        "请在验证金额处任意属于两次错误的金额后，重新发起对公打款认证",
    ),
    (
        "baidu",
        "methods[3].payment.amount_fen",
        r#"{"min_fen":1,"max_fen":100}"#,
        "随机金额（0.01元~1元）",
    ),
    (
        "baidu",
        "methods[3].payment.arrival",
        r#"{"range":{"min":0,"max":2,"unit":"calendar_days","qualifier":"typically"}}"#,
        "预计将在0-2天内到账",
    ),
    (
        "baidu",
        "methods[3].payment.deadline",
        r#"{"within":{"calendar_days":8},"from":"receipt"}"#,
        "收到打款后，请在8天内将金额填写至百度智能云实名认证页面",
    ),
    (
        "baidu",
        "methods[3].payment.refund",
        r#""not_required""#,
        "打款金额无需退回",
    ),
    (
        "baidu",
        "methods[4]",
        r#"{"kind":"recharge","subject":"organization"}"#,
        "百度智能云充值认证",
    ),
    (
        "baidu",
        "methods[4].name_rules[0]",
        r#""payer_name_is_verified_name""#,
        "请务必在3天内使用账户名与实名一致的银行账号进行打款，否则申请将被拒绝",
    ),
    (
        "baidu",
        "methods[4].review",
        r#"{"range":{"min":0,"max":2,"unit":"calendar_days","qualifier":"typically"}}"#,
        "百度智能云充值认证：0-2天",
    ),
    (
        "baidu",
        "methods[4].payment.amount_fen",
        r#"{"min_fen":0,"max_fen":100}"#,
        "系统将自动生成一个0~1元的随机金额",
    ),
    (
        "baidu",
        "methods[4].payment.deadline",
        r#"{"within":{"calendar_days":3},"from":"amount_generated"}"#,
        "您需在3天内按照系统生成的金额给自己的专属账号打款",
    ),
    (
        "baidu",
        "methods[4].payment.deadline.on_expiry",
        r#""rejected""#,
        "请务必在3天内使用账户名与实名一致的银行账号进行打款，否则申请将被拒绝",
    ),
    (
        "baidu",
        "methods[4].payment.refund",
        r#""credited_to_balance""#,
        "打款金额将自动充值进您的账户余额",
    ),
    (
        "baidu",
        "methods[3].failure_reasons[0]",
        r#""registry_record_not_found""#,
        "未查到工商信息",
    ),
    (
        "baidu",
        "methods[3].failure_reasons[1]",
        r#""paying_bank_name_wrong""#,
        "付款银行名称有误",
    ),
    (
        "baidu",
        "methods[3].failure_reasons[2]",
        r#""account_name_number_mismatch""#,
        "收款账户名称和账户号码不一致",
    ),
    (
        "baidu",
        "methods[3].failure_reasons[3]",
        r#""too_many_requests""#,
        "频繁发起认证申请",
    ),
    (
        "baidu",
        "methods[3].failure_reasons[4]",
        r#""account_not_supported""#,
        "收款账户不支持此业务",
    ),
    (
        "baidu",
        "methods[3].registry_lag",
        r#"{"calendar_days":7}"#,
        "企业注册时间是否为7天内，如是，建议您等待注册满7天后重试",
    ),
    (
        "baidu",
        "methods[2].delegate",
        r#"{"organizations":"other_organization"}"#,
        "对于非企业的“其他组织”，百度智能云提供 法定代表人授权员工刷脸",
    ),
    (
        "baidu",
        "methods[2].delegate.provides[0]",
        r#""face_scan""#,
        "法定代表人授权员工刷脸",
    ),
    (
        "baidu",
        "methods[2].delegate.provides[1]",
        r#""name_and_number""#,
        "需要被授权人填写姓名和身份证号",
    ),
    (
        "baidu",
        "methods[2].delegate.provides[2]",
        r#""authorization_letter""#,
        "填写模板内容且加盖公章后，再上传授权书",
    ),
    (
        "baidu",
        "account_caps[0]",
        r#"{"subject":"individual","key":"document_number","limit":{"at_most":5}}"#,
        "1个身份证号最多可以认证5个百度智能云账号",
    ),
    (
        "baidu",
        "phone_caps[0]",
        r#"{"purpose":"register","accounts":"云账号","limit":{"at_most":10}}"#,
        "2024-08 更新1个手机号可注册云账号数量为10个",
    ),
    (
        "baidu",
        "phone_caps[1]",
        r#"{"purpose":"register","accounts":"百度账号","limit":{"at_most":1}}"#,
        "一个手机号码可以注册一个百度账号",
    ),
    (
        "baidu",
        "phone_caps[2]",
        r#"{"purpose":"bind","accounts":"百度账号","limit":{"at_most":5}}"#,
        "但是可以绑定5个百度账号",
    ),
    (
        "baidu",
        "phone_caps[3]",
        r#"{"purpose":"login","accounts":"百度账号","limit":{"at_most":1}}"#,
        "且该手机号码只能登录其中一个账号",
    ),
    (
        "baidu",
        "min_age",
        r#"{"years":14,"rule":"birthday"}"#,
        "不可以，14岁以上可以申请",
    ),
    (
        "baidu",
        "uploads[0].formats",
        r#"["jpeg","png"]"#,
        "格式要求jpg、jpeg、png",
    ),
    ("baidu", "uploads[0].max_bytes", r#"4194304"#, "不超过4MB"),
    (
        "baidu",
        "uploads[0].image[0]",
        r#""colour""#,
        "请提供证件原件彩色照片、彩色扫描件或加盖公章鲜章的复印件",
    ),
    (
        "baidu",
        "uploads[0].image[1]",
        r#""no_electronic_seal""#,
        "暂不支持电子章",
    ),
    (
        "baidu",
        "uploads[0].image[2]",
        r#""no_screenshot_or_edit""#,
        "不得翻拍、截图、镜像、PS",
    ),
    (
        "baidu",
        "changes[0].availability",
        r#""online""#,
        "点击【修改个人认证】进入变更页面",
    ),
    (
        "baidu",
        "changes[0].cooldown",
        r#"{"wait":{"calendar_days":30},"gates":"initiation"}"#,
        "30天后可以发起新的变更",
    ),
    (
        "baidu",
        "changes[0].window",
        r#"{"within":{"calendar_days":1},"from":"initiation"}"#,
        "需在1天内提交新主体实名认证，否则将自动撤回变更",
    ),
    (
        "baidu",
        "changes[0].window.on_expiry",
        r#""withdrawn""#,
        "否则将自动撤回变更",
    ),
    (
        "baidu",
        "changes[0].old_subject_methods",
        r#"["face","bank_card"]"#,
        "可以选择刷脸认证或银行卡认证",
    ),
    (
        "baidu",
        "changes[0].new_subject_methods",
        r#"["face","bank_card"]"#,
        "可选择刷脸或银行卡认证的方法完成新主体个人实名",
    ),
    (
        "baidu",
        "changes[0].attempts[0]",
        r#"{"method":"bank_card","limit":{"counted":"attempts","max":5,"scope":{"change_request":"individual_to_individual"},"on_exhaust":"other_method_or_withdraw"}}"#,
        "百度智能云针对个人银行卡认证有5次的认证次数限制",
    ),
    ("baidu", "changes[0].withdrawable", r#"true"#, "可以撤回"),
    (
        "baidu",
        "changes[1].availability",
        r#""online""#,
        "点击【变更为企业认证】进入变更页面",
    ),
    (
        "baidu",
        "changes[1].old_subject_methods",
        r#"["face","bank_card"]"#,
        "可以选择刷脸认证或银行卡认证",
    ),
    (
        "baidu",
        "changes[1].new_subject_methods",
        r#"["legal_representative_face","corporate_transfer"]"#,
        "可选择法定代表人刷脸认证或企业对公打款认证",
    ),
    (
        "baidu",
        "changes[1].attempts[0]",
        r#"{"method":"legal_representative_face","limit":{"counted":"attempts","max":5,"scope":{"change_request":"individual_to_organization"},"on_exhaust":"other_method_or_withdraw"}}"#,
        "针对法定代表人刷脸认证和企业对公打款认证有5次的认证次数限",
    ),
    (
        "baidu",
        "changes[1].attempts[1]",
        r#"{"method":"corporate_transfer","limit":{"counted":"attempts","max":5,"scope":{"change_request":"individual_to_organization"},"on_exhaust":"other_method_or_withdraw"}}"#,
        "针对法定代表人刷脸认证和企业对公打款认证有5次的认证次数限",
    ),
    (
        "baidu",
        "changes[2].availability",
        r#""online""#,
        "1、支持工商变更（即仅变更企业名称）",
    ),
    (
        "baidu",
        "changes[2].cooldown",
        r#"{"wait":{"calendar_days":30},"gates":"initiation"}"#,
        "30天内只可以完成1次变更",
    ),
    (
        "baidu",
        "changes[2].withdrawable",
        r#"true"#,
        "您也可以撤回修改后重新提交",
    ),
    (
        "baidu",
        "changes[3].availability",
        r#""online""#,
        "2、非工商变更（即变更企业主体）",
    ),
    (
        "baidu",
        "changes[3].window",
        r#"{"within":{"calendar_days":9},"from":"approval"}"#,
        "请在页面提示的时间（9天）内",
    ),
    (
        "baidu",
        "changes[3].old_subject_methods",
        r#"["face"]"#,
        "由该联系人完成人脸识别认证",
    ),
    (
        "baidu",
        "changes[3].new_subject_methods",
        r#"["legal_representative_face","corporate_transfer","recharge"]"#,
        "支持法定代表人刷脸认证、企业对公打款认证、百度智能云充值认证三种方式",
    ),
    (
        "baidu",
        "changes[4].availability",
        r#""forbidden""#,
        "企业认证 个人认证 不支持变更",
    ),
    (
        "baidu",
        "changes[5].availability",
        r#""forbidden""#,
        "百度智能云账号完成个人实名认证后，暂不支持取消或解除",
    ),
    (
        "baidu",
        "individual_restrictions[0]",
        r#"{"capability":"vat_special_invoice","access":"denied"}"#,
        "无法开具增值税专用发票",
    ),
    (
        "baidu",
        "individual_restrictions[1]",
        r#"{"capability":"sms_service","access":"denied"}"#,
        "无法使用SMS产品",
    ),
    (
        "baidu",
        "individual_restrictions[2]",
        r#"{"capability":"live_and_vod_traffic","access":{"limited_gb":100}}"#,
        "LSS和VOD个人认证有100GB的流量限制",
    ),
    (
        "tencent",
        "subjects.individual",
        "true",
        "实名认证方式包括个人实名认证和企业实名认证",
    ),
    (
        "tencent",
        "subjects.organization",
        "true",
        "实名认证方式包括个人实名认证和企业实名认证",
    ),
    (
        "tencent",
        "methods[0]",
        r#"{"kind":"wechat_scan","subject":"individual"}"#,
        "可以通过微信扫码、QQ 扫码和人脸识别三种操作进行实名认证",
    ),
    (
        "tencent",
        "methods[0].residency",
        r#"["mainland"]"#,
        "港澳台及境外用户请前往 [国际站](https://intl.cloud.tencent.com/) 进行实名认证",
    ),
    (
        "tencent",
        "methods[0].review",
        r#""instant""#,
        "微信扫码：即时完成（推荐）",
    ),
    (
        "tencent",
        "methods[1]",
        r#"{"kind":"qq_scan","subject":"individual"}"#,
        "可以通过微信扫码、QQ 扫码和人脸识别三种操作进行实名认证",
    ),
    (
        "tencent",
        "methods[1].residency",
        r#"["mainland"]"#,
        "港澳台及境外用户请前往 [国际站](https://intl.cloud.tencent.com/) 进行实名认证",
    ),
    (
        "tencent",
        "methods[1].review",
        r#""instant""#,
        "QQ 扫码：即时完成",
    ),
    (
        "tencent",
        "methods[2]",
        r#"{"kind":"face","subject":"individual"}"#,
        "可以通过微信扫码、QQ 扫码和人脸识别三种操作进行实名认证",
    ),
    (
        "tencent",
        "methods[2].residency",
        r#"["mainland"]"#,
        "港澳台及境外用户请前往 [国际站](https://intl.cloud.tencent.com/) 进行实名认证",
    ),
    (
        "tencent",
        "methods[2].review",
        r#""instant""#,
        "人脸识别：即时完成",
    ),
    (
        "tencent",
        "methods[3]",
        r#"{"kind":"wechat_official_account","subject":"organization"}"#,
        "企业用户，可以通过微信公众平台、腾讯云充值、企业对公打款、企业法人微信扫码和企业法人人脸识别进行认证",
    ),
    (
        "tencent",
        "methods[3].review",
        r#""instant""#,
        "微信公众平台：即时完成（推荐）",
    ),
    (
        "tencent",
        "methods[4]",
        r#"{"kind":"legal_representative_wechat","subject":"organization"}"#,
        "企业用户，可以通过微信公众平台、腾讯云充值、企业对公打款、企业法人微信扫码和企业法人人脸识别进行认证",
    ),
    (
        "tencent",
        "methods[4].review",
        r#""instant""#,
        "企业法人微信扫码：即时完成（推荐）",
    ),
    (
        "tencent",
        "methods[5]",
        r#"{"kind":"legal_representative_face","subject":"organization"}"#,
        "企业用户，可以通过微信公众平台、腾讯云充值、企业对公打款、企业法人微信扫码和企业法人人脸识别进行认证",
    ),
    (
        "tencent",
        "methods[5].review",
        r#""instant""#,
        "企业法人人脸识别：即时完成（推荐）",
    ),
    (
        "tencent",
        "methods[6]",
        r#"{"kind":"recharge","subject":"organization"}"#,
        "企业用户，可以通过微信公众平台、腾讯云充值、企业对公打款、企业法人微信扫码和企业法人人脸识别进行认证",
    ),
    (
        "tencent",
        "methods[6].review",
        r#"{"range":{"min":1,"max":1,"unit":"working_days","qualifier":"at_most"}}"#,
        "腾讯云充值：1个工作日",
    ),
    (
        "tencent",
        "methods[7]",
        r#"{"kind":"corporate_transfer","subject":"organization"}"#,
        "企业用户，可以通过微信公众平台、腾讯云充值、企业对公打款、企业法人微信扫码和企业法人人脸识别进行认证",
    ),
    (
        "tencent",
        "methods[7].review",
        r#"{"range":{"min":1,"max":3,"unit":"working_days","qualifier":"at_most"}}"#,
        "企业对公打款：1 - 3个工作日",
    ),
    (
        "tencent",
        "methods[2].failure_reasons[0]",
        r#""face_covered""#,
        "脸部遮挡",
    ),
    (
        "tencent",
        "methods[2].failure_reasons[1]",
        r#""face_unlike_photo""#,
        "本人与照片差距过大",
    ),
    (
        "tencent",
        "methods[2].failure_reasons[2]",
        r#""wrong_name_or_number""#,
        "姓名或身份证填写错误",
    ),
    (
        "tencent",
        "methods[2].failure_reasons[3]",
        r#""face_out_of_frame""#,
        "验证过程中人脸没有完全出现在屏幕中",
    ),
    (
        "tencent",
        "account_caps[0]",
        r#"{"subject":"individual","key":"document_number","limit":{"at_most":3},"raise":"hard","release":"change_bound_document"}"#,
        "1个个人身份信息（个人身份证）仅支持实名认证3个腾讯云账号",
    ),
    (
        "tencent",
        "account_caps[1]",
        r#"{"subject":"organization","key":"organization_name_or_licence","limit":{"at_most":10},"raise":{"by_staff":"account_manager"},"release":"change_bound_document"}"#,
        "1个企业身份信息（企业名称/营业执照）默认支持实名认证10个账号",
    ),
    (
        "tencent",
        "phone_caps[0]",
        r#"{"purpose":"verify","limit":"limited"}"#,
        "实名认证的证件或手机号码超限",
    ),
    (
        "tencent",
        "changes[0].availability",
        r#""forbidden""#,
        "腾讯云账号进行实名认证后无法解除认证状态",
    ),
    (
        "tencent",
        "changes[1].availability",
        r#""online""#,
        "变更个人实名信息",
    ),
    (
        "tencent",
        "changes[1].cooldown",
        r#"{"wait":{"calendar_months":1},"gates":"initiation"}"#,
        "一个月最多修改一次",
    ),
    (
        "tencent",
        "changes[2].availability",
        r#""online""#,
        "变更企业实名信息",
    ),
    (
        "tencent",
        "changes[2].cooldown",
        r#"{"wait":{"calendar_months":1},"gates":"initiation"}"#,
        "一个月最多修改一次",
    ),
    (
        "tencent",
        "changes[3].availability",
        r#""online""#,
        "变更企业实名信息",
    ),
    (
        "tencent",
        "changes[3].cooldown",
        r#"{"wait":{"calendar_months":1},"gates":"initiation"}"#,
        "一个月最多修改一次",
    ),
    (
        "tencent",
        "overdue_review",
        r#""online_service""#,
        "如果超过最大审核时间，请联系 [在线客服]",
    ),
    (
        "huawei_international",
        "subjects.individual",
        "true",
        "Individual Real-Name Authentication",
    ),
    (
        "huawei_international",
        "methods[0]",
        r#"{"kind":"document_upload","subject":"individual"}"#,
        "Individual users can upload one of the following certificates for real-name authentication",
    ),
    (
        "huawei_international",
        "methods[0].documents",
        r#"{"items":["chinese_passport","foreign_passport","resident_id","hong_kong_id","macao_id","taiwan_id","hk_macao_travel_permit","taiwan_travel_permit","foreign_driving_licence"]}"#,
        "passport, ID card, Mainland Travel Permit for Hong Kong and Macao Residents or for Taiwan Residents, Residence Permit for Hong Kong and Macao Residents or for Taiwan Residents, or non-Chinese driver license",
    ),
    (
        "huawei_international",
        "methods[0].requirements[0]",
        r#""issued_where_registered""#,
        "The address where the uploaded certificate was issued must be the same as the account registration address",
    ),
    (
        "huawei_international",
        "methods[0].requirements[1]",
        r#""valid_document""#,
        "Your certificate must be valid",
    ),
    (
        "huawei_international",
        "methods[0].requirements[2]",
        r#""not_partner_program_member""#,
        "You cannot perform individual authentication if you have joined a partner program",
    ),
    (
        "huawei_international",
        "methods[0].decision",
        r#""manual""#,
        "The authentication review will be completed",
    ),
    (
        "huawei_international",
        "methods[0].review",
        r#"{"range":{"min":0,"max":3,"unit":"working_days","qualifier":"at_most"}}"#,
        "completed within three working days",
    ),
    (
        "huawei_international",
        "account_caps[0]",
        r#"{"subject":"individual","key":"document_number","limit":{"at_most":3}}"#,
        "Each certificate number can be used to authenticate a maximum of three accounts",
    ),
    (
        "huawei_international",
        "uploads[0].formats",
        r#"["jpeg","bmp","png","pdf"]"#,
        "Supported file formats include JPG, JPEG, BMP, PNG, and PDF",
    ),
    (
        "huawei_international",
        "uploads[0].max_bytes",
        r#"10485760"#,
        "Each file must not exceed 10 MB",
    ),
    (
        "huawei_international",
        "uploads[0].image[0]",
        r#""handheld_front_side""#,
        "Upload a photo of you holding your individual certificate showing the front side",
    ),
    (
        "huawei_international",
        "uploads[0].image[1]",
        r#""all_information_visible""#,
        "All of the information on the certificate must be clearly visible",
    ),
    (
        "huawei_international",
        "uploads[0].image[2]",
        r#""face_visible""#,
        "Your face and arms must be clearly visible",
    ),
    (
        "huawei_international",
        "uploads[0].image[3]",
        r#""no_headwear""#,
        "with no headwear",
    ),
    (
        "huawei_international",
        "uploads[0].image[4]",
        r#""unmodified""#,
        "Upload an original, unmodified photo",
    ),
];

/// The JSON node a source path names: `methods[2].review` is
/// `/methods/2/review`. A path goes through a stated value's `value`
/// without naming it (`methods[3].payment.deadline.on_expiry` is under
/// `deadline`'s value), as the paths of the sources and the check do.
fn lookup<'v>(json: &'v Value, path: &str) -> Option<&'v Value> {
    let mut node = json;
    for part in path.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((name, rest)) => (name, Some(rest.trim_end_matches(']'))),
            None => (part, None),
        };
        node = match node.get(name) {
            Some(n) => n,
            None => node.get("value")?.get(name)?,
        };
        if let Some(i) = index {
            let i: usize = i.parse().ok()?;
            node = match node.get(i) {
                Some(n) => n,
                None => node.get("value")?.get(i)?,
            };
        }
    }
    Some(node)
}

/// A value without the sourced values nested in it (a deadline's
/// `on_expiry`, a delegate's `provides`), which have rows of their own.
fn without_nested_sources(value: &Value) -> Value {
    let sourced = |v: &Value| v.get("source").is_some();
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| match v {
                    Value::Array(items) => items.is_empty() || !items.iter().all(sourced),
                    v => !sourced(v),
                })
                .map(|(k, v)| (k.clone(), without_nested_sources(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nested_sources).collect()),
        v => v.clone(),
    }
}

fn provider(id: &str) -> Provider {
    id.parse().unwrap()
}

#[test]
fn every_built_in_value_is_the_one_its_seed_phrase_states() {
    for (id, path, expected, quote) in VALUES {
        let profile = provider(id).profile();
        let json = serde_json::to_value(profile).unwrap();
        let node = lookup(&json, path).unwrap_or_else(|| panic!("{id} {path}: no such value"));
        let expected: Value = serde_json::from_str(expected).unwrap();
        let is_method = path.starts_with("methods[") && !path.contains('.');
        let got = if is_method {
            serde_json::json!({"kind": node["kind"], "subject": node["subject"]})
        } else {
            without_nested_sources(&node["value"])
        };
        assert_eq!(got, expected, "{id} {path}");
        let source = &node["source"];
        assert_eq!(source["quote"], *quote, "{id} {path}");
    }
    let listed = VALUES.len();
    let sourced: usize = Provider::all()
        .iter()
        .map(|p| p.profile().sources().count())
        .sum();
    assert_eq!(listed, sourced, "every sourced value has a row here");
}

/// The seed text from `line - 1` to `line + 4`, without whitespace: the
/// seeds are extracted from PDFs and web pages, and a phrase may break
/// across lines.
fn seed_window(document: &str, line: u32) -> String {
    let path = format!("{}/tests/seeds/{document}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let first = line.saturating_sub(2) as usize;
    text.lines()
        .skip(first)
        .take(6)
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn every_source_quotes_its_seed_at_the_line_it_names() {
    for p in Provider::all() {
        for (path, source) in p.profile().sources() {
            assert!(
                p.seeds().contains(&source.document.as_str()),
                "{p} {path}: {} is not one of the provider's seeds",
                source.document
            );
            let line = source.line.expect("built-in sources name a line");
            let quote: String = source
                .quote
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            assert!(
                seed_window(&source.document, line).contains(&quote),
                "{p} {path}: {:?} is not at {} line {line}",
                source.quote,
                source.document
            );
        }
    }
}

/// Walks a profile's JSON: every stated value and every method carries a
/// source.
fn unsourced(value: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let is_method = map.contains_key("kind") && map.contains_key("subject");
            if (map.contains_key("value") || is_method) && !map.contains_key("source") {
                out.push(path.to_owned());
            }
            for (k, v) in map {
                if k != "value" && k != "source" {
                    unsourced(v, &format!("{path}.{k}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                unsourced(v, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_built_in_value_says_where_it_came_from() {
    for p in Provider::all() {
        let mut missing = Vec::new();
        unsourced(
            &serde_json::to_value(p.profile()).unwrap(),
            "",
            &mut missing,
        );
        assert!(missing.is_empty(), "{p}: {missing:?}");
    }
}

#[test]
fn built_in_profiles_pass_their_own_check() {
    for p in Provider::all() {
        assert_eq!(p.profile().check(), Ok(()), "{p}");
        let again = Profile::new(p.profile().to_data()).unwrap();
        assert_eq!(&again, p.profile(), "{p}");
        assert!(!again.methods.is_empty(), "{p}");
    }
}

/// A profile edited in code is checked before any rule sees it: the rules
/// take a `Profile`, and the only way from edited data to a `Profile` is
/// through the check.
#[test]
fn an_edited_profile_is_checked_before_the_rules_use_it() {
    let mut data = Provider::Tencent.profile().to_data();
    data.account_caps[0].value.limit = Limit::AtMost(0);
    let err = Profile::new(data.clone()).unwrap_err();
    assert_eq!(err.problem, ProfileProblem::Zero);
    assert_eq!(
        err.to_string(),
        "account_caps[0].limit: is zero, which allows nothing"
    );
    assert_eq!(Profile::try_from(data.clone()), Err(err));

    // Fixed, it is a profile again, and the rules use the edit.
    data.account_caps[0].value.limit = Limit::AtMost(1);
    let edited = Profile::new(data).unwrap();
    assert!(rules::check_account_cap(&edited, SubjectKind::Individual, 0).is_ok());
    assert!(rules::check_account_cap(&edited, SubjectKind::Individual, 1).is_err());
    assert!(
        rules::check_account_cap(Provider::Tencent.profile(), SubjectKind::Individual, 1).is_ok()
    );

    // Taking the data out and putting it back changes nothing.
    let data = edited.clone().into_data();
    assert_eq!(Profile::new(data).unwrap(), edited);
    let data: realname::policy::ProfileData = edited.clone().into();
    assert_eq!(&data, edited.as_ref());
}

/// A profile built from nothing, outside the crate, with the constructors
/// and field assignment only.
#[test]
fn a_profile_can_be_built_in_code() {
    use realname::policy::{Method, ProfileData};
    let mut data = ProfileData::new("Example Cloud", "示例云");
    data.methods
        .push(Method::new(MethodKind::Face, SubjectKind::Individual));
    let p = Profile::new(data).unwrap();
    assert!(p.method(MethodKind::Face).is_some());
    let mut empty = ProfileData::default();
    assert_eq!(
        empty.check().unwrap_err().problem,
        ProfileProblem::EmptyName
    );
    empty.name_en = "E".to_owned();
    empty.name_zh = "某".to_owned();
    assert!(Profile::new(empty).is_ok());
}

#[test]
fn built_in_profiles_round_trip_through_json_and_toml() {
    for p in Provider::all() {
        let profile = p.profile();
        let json = serde_json::to_string_pretty(profile).unwrap();
        let back: Profile = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, profile, "{p} through JSON");
        let toml = toml::to_string(profile).unwrap();
        let back: Profile = toml::from_str(&toml).unwrap_or_else(|e| panic!("{p}: {e}\n{toml}"));
        assert_eq!(&back, profile, "{p} through TOML");
    }
}

#[test]
fn a_hand_written_toml_profile_loads() {
    let text = r#"
        name_en = "Example Cloud"
        name_zh = "示例云"

        [subjects]
        individual = { value = true }

        [[methods]]
        kind = "face"
        subject = "individual"
        documents = { value = { items = ["resident_id"] } }
        review = { value = "instant" }
        attempts = [{ value = { counted = "attempts", max = 5, scope = "account", on_exhaust = "method_locked" } }]

        [[account_caps]]
        value = { subject = "individual", key = "document_number", limit = { at_most = 2 } }

        [min_age]
        value = { years = 18 }
    "#;
    let p: Profile = toml::from_str(text).unwrap();
    assert!(rules::check_account_cap(&p, SubjectKind::Individual, 1).is_ok());
    assert!(rules::check_account_cap(&p, SubjectKind::Individual, 2).is_err());
    assert_eq!(p.min_age.value().unwrap().years, 18);
    assert_eq!(
        rules::attempts_left(&p, MethodKind::Face, Scope::Account, 4),
        Ok(Some(1))
    );
}

/// Each malformed profile and the field its error must name.
const MALFORMED: &[(&str, &str, &str)] = &[
    (
        r#"{"name_en":"X","name_zh":"某云","methods":[{"kind":"face","subject":"individual","documents":{"value":{"items":[]}}}]}"#,
        "methods[0].documents",
        "a method that accepts no document",
    ),
    (
        r#"{"name_en":"X","name_zh":"某云","methods":[{"kind":"face","subject":"individual","review":{"value":{"range":{"min":3,"max":1,"unit":"working_days","qualifier":"at_most"}}}}]}"#,
        "methods[0].review",
        "the minimum 3 exceeds the maximum 1",
    ),
    (
        r#"{"name_en":"X","name_zh":"某云","account_caps":[{"value":{"subject":"individual","key":"document_number","limit":{"at_most":0}}}]}"#,
        "account_caps[0].limit",
        "is zero",
    ),
    (
        r#"{"name_en":"X","name_zh":"某云","methods":[{"kind":"face","subject":"individual"},{"kind":"face","subject":"individual"}]}"#,
        "methods[1].kind",
        "appears twice",
    ),
    (
        r#"{"name_en":"X","name_zh":"某云","methods":[{"kind":"bank_card","subject":"individual","documents":{"value":{"items":["uscc"]}}}]}"#,
        "methods[0].documents",
        "uscc is held by an organization",
    ),
    (
        r#"{"name_en":"X","name_zh":"某云","methods":[{"kind":"corporate_transfer","subject":"organization","attempts":[{"value":{"counted":"method_uses","max":1,"scope":"account","on_exhaust":{"fallback_to":"certificate_upload"}}}]}]}"#,
        "methods[0].attempts[0].on_exhaust",
        "names certificate_upload, which the profile does not offer",
    ),
    (
        r#"{"name_en":"X","name_zh":"某云","methods":[{"kind":"recharge","subject":"organization","payment":{"direction":"to_provider","amount_fen":{"value":{"min_fen":100,"max_fen":1}}}}]}"#,
        "methods[0].payment.amount_fen",
        "the minimum 100 exceeds the maximum 1",
    ),
    (
        r#"{"name_en":"X","name_zh":"某云","uploads":[{"methods":[],"max_bytes":{"value":0}}]}"#,
        "uploads[0].max_bytes",
        "is zero",
    ),
    (
        r#"{"name_en":"X","name_zh":"某云","changes":[{"transition":"individual_to_individual","availability":{"value":"online"},"cooldown":{"value":{"wait":{"calendar_days":0},"gates":"initiation"}}}]}"#,
        "changes[0].cooldown.wait",
        "is zero",
    ),
    (r#"{"name_en":"","name_zh":"某云"}"#, "name_en", "is empty"),
    (
        r#"{"name_en":"X","name_zh":"某云","subjects":{"individual":{"value":true},"organization":{"value":false}},"methods":[{"kind":"recharge","subject":"organization"}]}"#,
        "methods[0].subject",
        "is for an organization, which the profile states it does not verify",
    ),
    // Serde's own errors name the field too.
    (
        r#"{"name_en":"X","name_zh":"某云","min_age":{"value":{"years":14,"rule":"birthday","yeras":3}}}"#,
        "yeras",
        "unknown field",
    ),
    (
        r#"{"name_en":"X","name_zh":"某云","account_caps":[{"value":{"subject":"individual","key":"document_number","limit":{"at_most":-1}}}]}"#,
        "-1",
        "invalid value",
    ),
    (
        r#"{"name_en":"X","name_zh":"某云","methods":[{"kind":"telepathy","subject":"individual"}]}"#,
        "telepathy",
        "unknown variant",
    ),
];

#[test]
fn malformed_profiles_are_rejected_naming_the_field() {
    for (json, field, problem) in MALFORMED {
        let err = serde_json::from_str::<Profile>(json)
            .unwrap_err()
            .to_string();
        assert!(err.contains(field), "{json}: {err}");
        assert!(err.contains(problem), "{json}: {err}");
    }
}

#[test]
fn malformed_toml_is_rejected_naming_the_field() {
    let text = "name_en = \"X\"\nname_zh = \"某云\"\n[[phone_caps]]\nvalue = { purpose = \"register\", limit = { at_most = 0 } }\n";
    let err = toml::from_str::<Profile>(text).unwrap_err().to_string();
    assert!(err.contains("phone_caps[0].limit: is zero"), "{err}");
}

// The choices made where a seed is unclear or contradicts itself
// (research/policies.md, part 4), one test each.

#[test]
fn kingsoft_caps_one_account_per_personal_document_and_several_per_organisation() {
    // Line 58 "同一个证件信息默认仅支持1个" against lines 60 and 192 "多个".
    let k = Provider::Kingsoft.profile();
    assert!(rules::check_account_cap(k, SubjectKind::Individual, 1).is_err());
    assert!(rules::check_account_cap(k, SubjectKind::Organization, 1).is_ok());
    assert_eq!(
        k.account_cap(SubjectKind::Organization)
            .unwrap()
            .value
            .limit,
        Limit::Several
    );
}

#[test]
fn kingsoft_corporate_transfer_is_used_once_with_three_amount_entries() {
    let k = Provider::Kingsoft.profile();
    let m = MethodKind::CorporateTransfer;
    assert_eq!(rules::attempts_left(k, m, Scope::Transfer, 0), Ok(Some(3)));
    assert_eq!(rules::attempts_left(k, m, Scope::Account, 0), Ok(Some(1)));
    let r = rules::attempts_left(k, m, Scope::Account, 1).unwrap_err();
    assert_eq!(
        r.to_string_zh(),
        "企业对公打款认证已使用 1 次，已达上限，请改用企业证件认证"
    );
}

#[test]
fn baidu_cooldown_holds_back_a_new_change_for_30_days_after_the_last() {
    // "30天内只可以完成一次变更" and "30天后可以发起新的变更", read together.
    let b = Provider::Baidu.profile();
    let cal = ChinaMainland::default();
    let last = Utc.with_ymd_and_hms(2026, 3, 1, 4, 0, 0).unwrap();
    let t = Transition::IndividualToIndividual;
    let day_29 = Utc.with_ymd_and_hms(2026, 3, 30, 4, 0, 0).unwrap();
    let day_30 = Utc.with_ymd_and_hms(2026, 3, 31, 4, 0, 0).unwrap();
    let r = rules::check_change(b, t, Some(last), day_29, &cal).unwrap_err();
    assert_eq!(
        r.reason(),
        &Reason::ChangeCooldown {
            transition: t,
            wait: Duration::CalendarDays(30),
            allowed_from: day_30,
            estimated: false,
        }
    );
    assert!(rules::check_change(b, t, Some(last), day_30, &cal).is_ok());
    // Stated for renaming an organisation too, not for individual → organisation.
    assert!(
        rules::check_change(b, Transition::OrganizationRename, Some(last), day_29, &cal).is_err()
    );
    assert!(
        rules::check_change(
            b,
            Transition::IndividualToOrganization,
            Some(last),
            day_29,
            &cal
        )
        .is_ok()
    );
}

#[test]
fn tencent_month_is_a_calendar_month_after_the_last_change() {
    // "一个月最多修改一次": the stricter reading; 31 January then 1 February is refused.
    let t = Provider::Tencent.profile();
    let cal = ChinaMainland::default();
    let last = Utc.with_ymd_and_hms(2026, 1, 31, 4, 0, 0).unwrap();
    let next_month = Utc.with_ymd_and_hms(2026, 2, 1, 4, 0, 0).unwrap();
    let change = Transition::OrganizationToOrganization;
    assert!(rules::check_change(t, change, Some(last), next_month, &cal).is_err());
    let allowed = Utc.with_ymd_and_hms(2026, 2, 28, 4, 0, 0).unwrap();
    assert!(rules::check_change(t, change, Some(last), allowed, &cal).is_ok());
}

#[test]
fn tencent_review_times_are_the_per_method_maximums() {
    // "腾讯云充值：1个工作日" over "一般1 - 3个工作日"; instant over "最快30分钟".
    let t = Provider::Tencent.profile();
    let review = |m| *t.method(m).unwrap().review.value().unwrap();
    assert_eq!(
        review(MethodKind::Recharge),
        ReviewTime::Range {
            min: 1,
            max: 1,
            unit: TimeUnit::WorkingDays,
            qualifier: Qualifier::AtMost
        }
    );
    assert_eq!(
        review(MethodKind::LegalRepresentativeFace),
        ReviewTime::Instant
    );
}

#[test]
fn baidu_legal_representative_face_is_instant_with_a_manual_branch() {
    let b = Provider::Baidu.profile();
    let cal = ChinaMainland::default();
    // Thursday 2026-04-30, 10:00 Beijing. 1–5 May is the Labour Day
    // holiday, so the two working days are Wednesday 6 and Thursday 7 May:
    // due at 24:00 on 7 May, Beijing time.
    let at = Utc.with_ymd_and_hms(2026, 4, 30, 2, 0, 0).unwrap();
    let m = MethodKind::LegalRepresentativeFace;
    let instant = rules::review_due(b, m, false, at, &cal).unwrap().unwrap();
    assert_eq!(instant.due, at);
    let manual = rules::review_due(b, m, true, at, &cal).unwrap().unwrap();
    assert_eq!(
        manual.due,
        Utc.with_ymd_and_hms(2026, 5, 7, 16, 0, 0).unwrap()
    );
    // The corporate transfer's "最快30分钟" gives no deadline of its own.
    assert_eq!(
        rules::review_due(b, MethodKind::CorporateTransfer, false, at, &cal),
        Ok(None)
    );
}

#[test]
fn baidu_public_institutions_may_not_use_the_corporate_transfer() {
    use realname::org::OrganizationType;
    let b = Provider::Baidu.profile();
    let school = Applicant::organization().with_type(OrganizationType::PublicInstitution);
    let r = rules::check_method(b, MethodKind::CorporateTransfer, &school).unwrap_err();
    assert_eq!(r.basis().unwrap().line, Some(1236));
    assert!(rules::check_method(b, MethodKind::LegalRepresentativeFace, &school).is_ok());
    let licensed = Applicant::organization().with_payment_licence(true);
    assert!(rules::check_method(b, MethodKind::CorporateTransfer, &licensed).is_err());
}

#[test]
fn baidu_fourteen_is_old_enough_on_the_birthday() {
    let b = Provider::Baidu.profile();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert!(rules::check_age(b, day(2012, 12, 1), day(2026, 12, 1)).is_ok());
    assert!(rules::check_age(b, day(2012, 12, 2), day(2026, 12, 1)).is_err());
    let r = rules::check_age(b, day(2027, 1, 1), day(2026, 12, 1)).unwrap_err();
    assert_eq!(r.code(), "born_after_today");
}

#[test]
fn huawei_partner_program_members_may_not_verify_as_individuals() {
    let h = Provider::HuaweiInternational.profile();
    let partner = Applicant::individual().with_partner_program(true);
    let r = rules::check_method(h, MethodKind::DocumentUpload, &partner).unwrap_err();
    assert_eq!(
        r.to_string(),
        "Verification by personal document upload requires not a member of the partner program"
    );
    // Huawei's page states nothing of organisations: no method is offered.
    let org = rules::check_method(h, MethodKind::CertificateUpload, &Applicant::organization());
    assert_eq!(org.unwrap_err().code(), "method_not_offered");
    assert!(rules::check_account_cap(h, SubjectKind::Organization, 1_000).is_ok());
}

#[test]
fn baidu_face_takes_the_mainland_card_and_the_passport_of_citizens_settled_abroad() {
    // Line 233: "大陆居民二代身份证 … 定居国外的中国公民护照".
    use realname::policy::Residency;
    use realname::{Document, DocumentKind};
    let b = Provider::Baidu.profile();
    let face = MethodKind::Face;
    let doc = |kind, number| Document::parse_as(kind, number).unwrap();
    let card = doc(DocumentKind::ResidentId, "11010519491231002X");
    assert!(rules::check_document_holder(b, face, &card, None).is_ok());
    // The residence permits carry resident ID numbers, but are not the card
    // of mainland residents.
    for (number, residency) in [
        ("810000199408230021", Residency::HongKongMacao),
        ("820000199408230023", Residency::HongKongMacao),
        ("830000199201300022", Residency::Taiwan),
    ] {
        let permit = doc(DocumentKind::ResidentId, number);
        let r = rules::check_document_holder(b, face, &permit, None).unwrap_err();
        assert_eq!(
            r.reason(),
            &Reason::DocumentHolderNotServed {
                method: face,
                document: DocumentKind::ResidentId,
                residency
            },
            "{number}"
        );
        assert_eq!(r.basis().unwrap().line, Some(233));
        // Huawei's upload takes them.
        let h = Provider::HuaweiInternational.profile();
        assert!(rules::check_document_holder(h, MethodKind::DocumentUpload, &permit, None).is_ok());
    }
    // A Chinese passport: only from a citizen settled abroad.
    let passport = doc(DocumentKind::ChinesePassport, "E12345678");
    assert!(rules::check_document_holder(b, face, &passport, Some(Residency::Overseas)).is_ok());
    let r =
        rules::check_document_holder(b, face, &passport, Some(Residency::Mainland)).unwrap_err();
    assert_eq!(r.code(), "document_holder_not_served");
    assert_eq!(
        r.to_string(),
        "Verification by face recognition does not accept a Chinese Passport from users from mainland China"
    );
    assert_eq!(r.basis().unwrap().quote, "定居国外的中国公民护照");
    // Where the applicant does not say, nothing refuses.
    assert!(rules::check_document_holder(b, face, &passport, None).is_ok());
    // A kind the method does not take is refused as before.
    let hk = doc(DocumentKind::HongKongId, "A1234563");
    let r = rules::check_document_holder(b, face, &hk, None).unwrap_err();
    assert_eq!(r.code(), "document_not_accepted");
}

#[test]
fn failure_reasons_are_the_ones_each_seed_names() {
    use realname::policy::FailureReason as F;
    let reasons = |p: Provider, m: MethodKind| -> Vec<F> {
        p.profile()
            .method(m)
            .unwrap()
            .failure_reasons
            .iter()
            .map(|r| r.value)
            .collect()
    };
    assert_eq!(
        reasons(Provider::Kingsoft, MethodKind::IdCardVideo),
        [F::ShownOnPage, F::ShootingConditions, F::FaceUnlikePhoto]
    );
    assert_eq!(
        reasons(Provider::Kingsoft, MethodKind::BankCard),
        [
            F::ShownOnPage,
            F::NameNotId,
            F::NameNotCardHolder,
            F::CardNotBankPhone,
            F::FaceNotIdentity
        ]
    );
    assert_eq!(
        reasons(Provider::Kingsoft, MethodKind::CorporateTransfer),
        [F::AccountNameNotLegalName]
    );
    assert_eq!(
        reasons(Provider::Tencent, MethodKind::Face),
        [
            F::FaceCovered,
            F::FaceUnlikePhoto,
            F::WrongNameOrNumber,
            F::FaceOutOfFrame
        ]
    );
    assert_eq!(
        reasons(Provider::Baidu, MethodKind::CorporateTransfer),
        [
            F::RegistryRecordNotFound,
            F::PayingBankNameWrong,
            F::AccountNameNumberMismatch,
            F::TooManyRequests,
            F::AccountNotSupported
        ]
    );
    // The registry lag behind "未查到工商信息": 7 days (001:1312).
    let transfer = Provider::Baidu
        .profile()
        .method(MethodKind::CorporateTransfer)
        .unwrap();
    assert_eq!(
        transfer.registry_lag.value(),
        Some(&Duration::CalendarDays(7))
    );
    assert_eq!(transfer.registry_lag.source().unwrap().line, Some(1312));
    // Not stated elsewhere.
    assert!(reasons(Provider::Baidu, MethodKind::BankCard).is_empty());
    assert!(reasons(Provider::HuaweiInternational, MethodKind::DocumentUpload).is_empty());
    // Every reason has its names, and reads back from its id.
    for r in F::all() {
        assert_eq!(r.id().parse::<F>(), Ok(*r));
        assert!(!r.name_zh().is_ascii() && r.name_en().is_ascii());
    }
}

#[test]
fn what_follows_a_deadline_is_stated_or_taken_as_expired() {
    use chrono::TimeZone;
    use realname::calendar::Weekdays;
    use realname::policy::OnExpiry;
    let b = Provider::Baidu.profile();
    let deadline = |m: MethodKind| {
        b.method(m)
            .unwrap()
            .payment
            .as_ref()
            .unwrap()
            .deadline
            .value()
            .unwrap()
    };
    // Recharge: "3天内 … 否则申请将被拒绝" (001:426).
    let recharge = deadline(MethodKind::Recharge);
    assert_eq!(recharge.on_expiry.value(), Some(&OnExpiry::Rejected));
    assert_eq!(recharge.on_expiry.source().unwrap().line, Some(426));
    assert_eq!(recharge.expiry(), OnExpiry::Rejected);
    // Deposit: the 8 days (001:383) say nothing of what follows.
    let deposit = deadline(MethodKind::CorporateTransfer);
    assert!(deposit.on_expiry.is_not_stated());
    assert_eq!(deposit.expiry(), OnExpiry::Expired);
    // Changes: withdrawn after 1 day (001:616); the 9 days not stated.
    let window = |t| b.change(t).unwrap().window.value().unwrap();
    assert_eq!(
        window(Transition::IndividualToIndividual).expiry(),
        OnExpiry::Withdrawn
    );
    assert!(
        window(Transition::OrganizationToOrganization)
            .on_expiry
            .is_not_stated()
    );
    // The deadline itself still passes as before.
    let started = Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).unwrap();
    let late = Utc.with_ymd_and_hms(2026, 3, 6, 1, 0, 0).unwrap();
    let w = window(Transition::IndividualToIndividual);
    assert!(rules::check_deadline(w, started, late, &Weekdays).is_err());
}

#[test]
fn a_delegate_may_act_for_the_legal_representative_where_the_seed_says() {
    use realname::org::OrganizationType;
    use realname::policy::{DelegateFor, Factor, NameRule};
    // Baidu: organisations other than enterprises (001:321-327).
    let b = Provider::Baidu.profile();
    let face = b.method(MethodKind::LegalRepresentativeFace).unwrap();
    let d = face.delegate.value().unwrap();
    assert_eq!(d.organizations, DelegateFor::OtherOrganization);
    assert!(!d.organizations.admits(OrganizationType::Enterprise));
    assert!(d.organizations.admits(OrganizationType::SocialOrganization));
    let provides: Vec<Factor> = d.provides.iter().map(|f| f.value).collect();
    assert_eq!(
        provides,
        [
            Factor::FaceScan,
            Factor::NameAndNumber,
            Factor::AuthorizationLetter
        ]
    );
    // Kingsoft: any organisation that cannot give the legal
    // representative's ID (000:191, 003:14).
    let k = Provider::Kingsoft.profile();
    let cert = k.method(MethodKind::CertificateUpload).unwrap();
    let d = cert.delegate.value().unwrap();
    assert_eq!(d.organizations, DelegateFor::AnyOrganization);
    assert!(d.provides(Factor::AuthorizationLetter) && d.provides(Factor::DocumentImage));
    assert_eq!(
        d.provides[1].source.as_ref().unwrap().document,
        "003_2ee6a83c526392f8.txt"
    );
    // The letter is the delegate's, not the method's own factor.
    assert!(!cert.factors.contains(&Factor::AuthorizationLetter));
    // No delegate stated elsewhere.
    for p in Provider::all() {
        for m in &p.profile().methods {
            let expected = matches!(
                (*p, m.kind),
                (Provider::Baidu, MethodKind::LegalRepresentativeFace)
                    | (Provider::Kingsoft, MethodKind::CertificateUpload)
            );
            assert_eq!(!m.delegate.is_not_stated(), expected, "{p} {}", m.kind);
        }
    }
    // The name rules: name = certificate = seal (000:188, 191), bank account
    // = full name (000:170), payer = verified name (001:426).
    let names = |p: &Profile, m: MethodKind| -> Vec<NameRule> {
        p.method(m)
            .unwrap()
            .name_rules
            .iter()
            .map(|r| r.value)
            .collect()
    };
    assert_eq!(
        names(k, MethodKind::CertificateUpload),
        [
            NameRule::EntityNameIsCertificateName,
            NameRule::SealNameIsEntityName
        ]
    );
    assert_eq!(
        names(k, MethodKind::CorporateTransfer),
        [NameRule::BankAccountNameIsLegalName]
    );
    assert_eq!(
        names(b, MethodKind::Recharge),
        [NameRule::PayerNameIsVerifiedName]
    );
    assert!(names(b, MethodKind::CorporateTransfer).is_empty());
}

#[test]
fn kingsoft_states_no_promotion_denied_to_individuals() {
    // Line 48 names the promotions each kind may join; that individuals may
    // not join the enterprises' ones is an inference, not kept.
    use realname::policy::Capability;
    let k = Provider::Kingsoft.profile();
    let capabilities: Vec<Capability> = k
        .individual_restrictions
        .iter()
        .map(|r| r.value.capability)
        .collect();
    assert_eq!(capabilities, [Capability::VatSpecialInvoice]);
}

#[test]
fn baidu_certificate_upload_rules_name_no_method() {
    // Lines 434–444 name no method: the rules are kept, for no method.
    let b = Provider::Baidu.profile();
    assert_eq!(b.uploads.len(), 1);
    assert!(b.uploads[0].methods.is_empty());
    assert_eq!(b.uploads[0].max_bytes.value(), Some(&(4 * 1024 * 1024)));
    for m in &b.methods {
        assert!(b.upload_rule(m.kind).is_none(), "{}", m.kind);
        // So no method's upload is refused on them.
        assert!(rules::check_upload(b, m.kind, "licence.gif", 5 << 20).is_ok());
    }
}

#[test]
fn huawei_states_nothing_of_organisations_which_is_not_refusing_them() {
    use realname::policy::{ProfileData, Source, Stated};
    let h = Provider::HuaweiInternational.profile();
    assert_eq!(h.serves(SubjectKind::Individual), Some(true));
    assert_eq!(h.serves(SubjectKind::Organization), None);
    assert!(h.subjects.organization.is_not_stated());
    assert!(rules::check_subject(h, SubjectKind::Organization).is_ok());
    assert!(!h.sources().any(|(path, _)| path == "subjects.organization"));
    // A method for a kind not stated passes the check ...
    let mut data: ProfileData = h.to_data();
    data.methods.push(realname::policy::Method::new(
        MethodKind::CertificateUpload,
        SubjectKind::Organization,
    ));
    assert!(data.check().is_ok());
    // ... one for a kind stated as not served does not, and the rule refuses
    // the kind itself.
    data.subjects.organization = Stated::given(false, Source::new("faq.md", 9, "暂不支持企业"));
    let err = data.check().unwrap_err();
    assert_eq!(
        err.problem,
        ProfileProblem::SubjectNotServed(SubjectKind::Organization)
    );
    data.methods.pop();
    let p = Profile::new(data).unwrap();
    let r = rules::check_subject(&p, SubjectKind::Organization).unwrap_err();
    assert_eq!(r.code(), "subject_not_served");
    assert_eq!(r.to_string_zh(), "暂不支持企业认证");
    assert_eq!(
        r.to_string(),
        "Verification is not offered to an organization"
    );
    assert_eq!(r.basis().unwrap().quote, "暂不支持企业");
    // Every built-in profile that states both kinds serves both.
    for p in [Provider::Kingsoft, Provider::Baidu, Provider::Tencent] {
        for kind in [SubjectKind::Individual, SubjectKind::Organization] {
            assert_eq!(p.profile().serves(kind), Some(true), "{p} {kind}");
        }
    }
}

#[test]
fn may_this_id_verify_one_more_account_differs_by_provider() {
    let already = 2;
    let answers: Vec<(Provider, bool)> = Provider::all()
        .iter()
        .map(|p| {
            (
                *p,
                rules::check_account_cap(p.profile(), SubjectKind::Individual, already).is_ok(),
            )
        })
        .collect();
    assert_eq!(
        answers,
        [
            (Provider::Kingsoft, false),
            (Provider::Baidu, true),
            (Provider::Tencent, true),
            (Provider::HuaweiInternational, true),
        ]
    );
}

#[test]
fn profile_errors_have_codes_and_chinese_messages() {
    let mut p = Provider::Baidu.profile().to_data();
    p.uploads[0].formats =
        realname::policy::Stated::Given(realname::policy::Sourced::unsourced(vec![]));
    let err = Profile::new(p).unwrap_err();
    assert_eq!(err.path, "uploads[0].formats");
    assert_eq!(err.problem, ProfileProblem::EmptyList);
    assert_eq!(err.code(), "profile_empty_list");
    assert_eq!(err.to_string_zh(), "配置项 uploads[0].formats：列表为空");
}

/// Renders `src/policy/sources.md`, the documentation page that lists every
/// built-in value with its source: each provider's module documentation
/// (what the seed is, and the choices made where it is unclear), then a
/// table of its values.
fn render_sources_page() -> String {
    let mut out = String::from(
        "Every value of the built-in profiles, with the seed line and phrase it rests on.\n\n\
         Generated by `tests/policy.rs` from the profiles themselves \
         (`REALNAME_REGENERATE=1 cargo test --all-features --test policy` rewrites it); \
         the same test checks each phrase against the seed at its line. \
         Seeds are numbered by file: 000 and 003 Kingsoft Cloud, 001 Baidu AI Cloud, \
         002 Huawei Cloud (international site), 004 Tencent Cloud.\n",
    );
    let files = [
        (Provider::Kingsoft, "kingsoft.rs"),
        (Provider::Baidu, "baidu.rs"),
        (Provider::Tencent, "tencent.rs"),
        (Provider::HuaweiInternational, "huawei.rs"),
    ];
    for (p, file) in files {
        let path = format!("{}/src/policy/builtin/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        out.push_str(&format!("\n# {} {}\n\n", p.name_en(), p.name_zh()));
        for line in text.lines().take_while(|l| l.starts_with("//!")) {
            let line = line.trim_start_matches("//!");
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.push_str("\n| value | as stated | seed | phrase |\n|---|---|---|---|\n");
        let json = serde_json::to_value(p.profile()).unwrap();
        for (path, source) in p.profile().sources() {
            let node = lookup(&json, &path).unwrap();
            let value = if path.starts_with("methods[") && !path.contains('.') {
                format!(
                    "{} for {}",
                    node["kind"].as_str().unwrap(),
                    node["subject"].as_str().unwrap()
                )
            } else {
                node["value"].to_string()
            };
            let seed = source.document.split('_').next().unwrap();
            for cell in [&path, &value, &source.quote] {
                assert!(!cell.contains('|') && !cell.contains('`'), "{cell}");
            }
            out.push_str(&format!(
                "| `{path}` | `{value}` | {seed}, line {} | `{}` |\n",
                source.line.unwrap(),
                source.quote
            ));
        }
    }
    out
}

#[test]
fn the_sources_page_is_current() {
    let path = format!("{}/src/policy/sources.md", env!("CARGO_MANIFEST_DIR"));
    let rendered = render_sources_page();
    if std::env::var_os("REALNAME_REGENERATE").is_some() {
        std::fs::write(&path, &rendered).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == rendered,
        "src/policy/sources.md is out of date: run REALNAME_REGENERATE=1 cargo test --all-features --test policy"
    );
}

/// `{"name_en":"X","name_zh":"某云", <body>}`.
fn profile_json(body: &str) -> String {
    format!(r#"{{"name_en":"X","name_zh":"某云",{body}}}"#)
}

/// `n` copies of `item`, comma-separated.
fn repeat(item: &str, n: usize) -> String {
    vec![item; n].join(",")
}

/// Hostile input: a list far past the bound is refused at the first entry
/// past it, without reading (or keeping) the rest, at every level of the
/// profile.
#[test]
fn huge_lists_are_refused_while_they_are_read() {
    use realname::policy::limits;
    let face = r#"{"kind":"face","subject":"individual"}"#;
    let attempt = r#"{"value":{"counted":"attempts","max":1,"scope":"account"}}"#;
    let cases = [
        format!(r#""methods":[{}]"#, repeat(face, 1_000_000)),
        format!(
            r#""methods":[{face}],"uploads":[{{"methods":[{}]}}]"#,
            repeat(r#""face""#, 100_000)
        ),
        format!(
            r#""methods":[{{"kind":"face","subject":"individual","attempts":[{}]}}]"#,
            repeat(attempt, 100_000)
        ),
        format!(
            r#""methods":[{{"kind":"face","subject":"individual","failure_reasons":[{}]}}]"#,
            repeat(r#"{"value":"face_covered"}"#, 100_000)
        ),
        format!(
            r#""methods":[{{"kind":"recharge","subject":"organization","name_rules":[{}]}}]"#,
            repeat(r#"{"value":"payer_name_is_verified_name"}"#, 100_000)
        ),
        format!(
            r#""methods":[{{"kind":"recharge","subject":"organization","delegate":{{"value":{{"organizations":"any_organization","provides":[{}]}}}}}}]"#,
            repeat(r#"{"value":"face_scan"}"#, 100_000)
        ),
        format!(
            r#""methods":[{{"kind":"face","subject":"individual","document_residency":[{}]}}]"#,
            repeat(
                r#"{"value":{"document":"resident_id","residency":["mainland"]}}"#,
                100_000
            )
        ),
        format!(
            r#""methods":[{{"kind":"face","subject":"individual","document_residency":[{{"value":{{"document":"resident_id","residency":[{}]}}}}]}}]"#,
            repeat(r#""mainland""#, 100_000)
        ),
        format!(
            r#""methods":[{{"kind":"face","subject":"individual","documents":{{"value":{{"items":[{}]}}}}}}]"#,
            repeat(r#""resident_id""#, 100_000)
        ),
        format!(
            r#""methods":[{{"kind":"face","subject":"individual","residency":{{"value":[{}]}}}}]"#,
            repeat(r#""mainland""#, 100_000)
        ),
        format!(
            r#""changes":[{{"transition":"remove","availability":{{"value":"online"}},"new_subject_methods":{{"value":[{}]}}}}]"#,
            repeat(r#""face""#, 100_000)
        ),
    ];
    for body in cases {
        let json = profile_json(&body);
        let err = serde_json::from_str::<Profile>(&json)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("more than {} entries", limits::ENTRIES)),
            "{err}"
        );
        // The same bound holds for the unchecked data.
        assert!(serde_json::from_str::<realname::policy::ProfileData>(&json).is_err());
    }
    // At the bound, the list is read.
    let json = profile_json(&format!(
        r#""methods":[{face}],"uploads":[{{"methods":[{}]}}]"#,
        repeat(r#""face""#, limits::ENTRIES)
    ));
    let data: realname::policy::ProfileData = serde_json::from_str(&json).unwrap();
    assert_eq!(data.uploads[0].methods.len(), limits::ENTRIES);
    // And TOML is bounded too.
    let text = format!(
        "name_en = \"X\"\nname_zh = \"某云\"\n{}",
        "[[methods]]\nkind = \"face\"\nsubject = \"individual\"\n".repeat(limits::ENTRIES + 1)
    );
    let err = toml::from_str::<Profile>(&text).unwrap_err().to_string();
    assert!(err.contains("more than 64 entries"), "{err}");
}

/// Data built in code is held to the same bounds, checked before anything
/// else so that the rest of the check works on a bounded profile.
#[test]
fn lists_built_in_code_are_bounded_too() {
    use realname::policy::{
        Method, ProfileData, Requirement, Residency, Source, Sourced, Stated, limits,
    };
    let face = Method::new(MethodKind::Face, SubjectKind::Individual);
    let mut data = ProfileData::new("X", "某云");
    data.methods = vec![face.clone(); 40_000];
    let err = data.check().unwrap_err();
    assert_eq!(err.path, "methods");
    assert_eq!(err.problem, ProfileProblem::TooMany { limit: 64 });
    assert_eq!(err.code(), "profile_too_many");
    assert_eq!(
        err.to_string(),
        "methods: has more than 64 entries, the most a profile allows"
    );
    assert_eq!(
        err.to_string_zh(),
        "配置项 methods：超过 64 项，配置不允许更多"
    );

    let mut data = ProfileData::new("X", "某云");
    let mut m = face.clone();
    m.residency = Stated::Given(Sourced::unsourced(vec![Residency::Mainland; 65]));
    data.methods = vec![m];
    assert_eq!(data.check().unwrap_err().path, "methods[0].residency");

    // 64 methods of 64 sourced requirements: every list within its bound,
    // but 4,096 sources.
    let mut m = face;
    m.requirements = vec![
        Sourced::new(Requirement::ValidDocument, Source::new("a", 1, "valid"));
        limits::ENTRIES
    ];
    let mut data = ProfileData::new("X", "某云");
    data.methods = vec![m; limits::ENTRIES];
    let err = data.check().unwrap_err();
    assert_eq!(
        err.problem,
        ProfileProblem::TooManySources {
            limit: limits::SOURCES
        }
    );
    assert_eq!(err.path, "methods[16].requirements[0]");
}

/// Loose rules the check used to let through, each refused with a problem
/// of its own: the profile (as JSON), the path, the problem and its code.
#[test]
fn loose_rules_are_refused_each_with_its_own_problem() {
    use realname::SubjectKind::{Individual, Organization};
    let face = r#"{"kind":"face","subject":"individual"}"#;
    let cases: &[(String, &str, ProfileProblem, &str)] = &[
        (
            r#""methods":[{"kind":"face","subject":"individual","delegate":{"value":{"organizations":"any_organization"}}}]"#.to_owned(),
            "methods[0].delegate",
            ProfileProblem::MethodOfOtherSubject(MethodKind::Face),
            "profile_method_of_other_subject",
        ),
        (
            r#""methods":[{"kind":"certificate_upload","subject":"organization","delegate":{"value":{"organizations":"any_organization","provides":[{"value":"authorization_letter"},{"value":"authorization_letter"}]}}}]"#.to_owned(),
            "methods[0].delegate.provides[1]",
            ProfileProblem::Duplicate,
            "profile_duplicate",
        ),
        (
            r#""methods":[{"kind":"recharge","subject":"organization","name_rules":[{"value":"payer_name_is_verified_name"},{"value":"payer_name_is_verified_name"}]}]"#.to_owned(),
            "methods[0].name_rules[1]",
            ProfileProblem::Duplicate,
            "profile_duplicate",
        ),
        (
            r#""methods":[{"kind":"face","subject":"individual","failure_reasons":[{"value":"face_covered"},{"value":"face_covered"}]}]"#.to_owned(),
            "methods[0].failure_reasons[1]",
            ProfileProblem::Duplicate,
            "profile_duplicate",
        ),
        (
            r#""methods":[{"kind":"corporate_transfer","subject":"organization","registry_lag":{"value":{"calendar_days":0}}}]"#.to_owned(),
            "methods[0].registry_lag",
            ProfileProblem::Zero,
            "profile_zero",
        ),
        (
            r#""methods":[{"kind":"face","subject":"individual","documents":{"value":{"items":["resident_id"]}},"document_residency":[{"value":{"document":"chinese_passport","residency":["overseas"]}}]}]"#.to_owned(),
            "methods[0].document_residency[0].document",
            ProfileProblem::DocumentNotListed(realname::DocumentKind::ChinesePassport),
            "profile_document_not_listed",
        ),
        (
            r#""methods":[{"kind":"face","subject":"individual","document_residency":[{"value":{"document":"resident_id","residency":[]}}]}]"#.to_owned(),
            "methods[0].document_residency[0].residency",
            ProfileProblem::EmptyList,
            "profile_empty_list",
        ),
        (
            r#""methods":[{"kind":"face","subject":"individual","document_residency":[{"value":{"document":"resident_id","residency":["mainland"]}},{"value":{"document":"resident_id","residency":["taiwan"]}}]}]"#.to_owned(),
            "methods[0].document_residency[1].document",
            ProfileProblem::Duplicate,
            "profile_duplicate",
        ),
        (
            r#""methods":[{"kind":"face","subject":"individual","document_residency":[{"value":{"document":"uscc","residency":["mainland"]}}]}]"#.to_owned(),
            "methods[0].document_residency[0].document",
            ProfileProblem::DocumentOfOtherSubject(realname::DocumentKind::Uscc),
            "profile_document_of_other_subject",
        ),
        (
            r#""methods":[{"kind":"face","subject":"individual","review":{"value":{"range":{"min":0,"max":0,"unit":"working_days","qualifier":"at_most"}}}}]"#.to_owned(),
            "methods[0].review",
            ProfileProblem::ZeroTime,
            "profile_zero_time",
        ),
        (
            r#""methods":[{"kind":"recharge","subject":"organization","payment":{"direction":"to_provider","arrival":{"value":{"range":{"min":0,"max":0,"unit":"minutes","qualifier":"typically"}}}}}]"#.to_owned(),
            "methods[0].payment.arrival",
            ProfileProblem::ZeroTime,
            "profile_zero_time",
        ),
        (
            format!(
                r#""methods":[{face},{{"kind":"bank_card","subject":"individual"}}],"uploads":[{{"methods":["face"]}},{{"methods":["bank_card","face"]}}]"#
            ),
            "uploads[1].methods[1]",
            ProfileProblem::ShadowedRule(MethodKind::Face),
            "profile_shadowed_rule",
        ),
        (
            r#""methods":[{"kind":"bank_card","subject":"individual","attempts":[{"value":{"counted":"attempts","max":5,"scope":"account"}},{"value":{"counted":"method_uses","max":1,"scope":"account"}}]}]"#.to_owned(),
            "methods[0].attempts[1].scope",
            ProfileProblem::ShadowedRule(MethodKind::BankCard),
            "profile_shadowed_rule",
        ),
        (
            format!(
                r#""methods":[{face}],"changes":[{{"transition":"individual_to_individual","availability":{{"value":"online"}},"attempts":[{{"value":{{"method":"face","limit":{{"counted":"attempts","max":3,"scope":"account"}}}}}},{{"value":{{"method":"face","limit":{{"counted":"attempts","max":5,"scope":"account"}}}}}}]}}]"#
            ),
            "changes[0].attempts[1].method",
            ProfileProblem::ShadowedRule(MethodKind::Face),
            "profile_shadowed_rule",
        ),
        (
            format!(r#""subjects":{{"individual":{{"value":false}}}},"methods":[{face}]"#),
            "methods[0].subject",
            ProfileProblem::SubjectNotServed(Individual),
            "profile_subject_not_served",
        ),
        (
            r#""methods":[{"kind":"corporate_transfer","subject":"organization","payment":{"direction":"to_applicant","amount_fen":{"value":{"min_fen":0,"max_fen":0}}}}]"#.to_owned(),
            "methods[0].payment.amount_fen",
            ProfileProblem::ZeroAmount,
            "profile_zero_amount",
        ),
        (
            r#""min_age":{"value":{"years":1800}}"#.to_owned(),
            "min_age.years",
            ProfileProblem::AgeTooLarge { years: 1800, max: 150 },
            "profile_age_too_large",
        ),
        (
            r#""methods":[{"kind":"corporate_transfer","subject":"individual"}]"#.to_owned(),
            "methods[0].subject",
            ProfileProblem::MethodOfOtherSubject(MethodKind::CorporateTransfer),
            "profile_method_of_other_subject",
        ),
    ];
    for (body, path, problem, code) in cases {
        let json = profile_json(body);
        let data: realname::policy::ProfileData = serde_json::from_str(&json).unwrap();
        let err = data.check().unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.problem),
            (*path, *problem),
            "{json}"
        );
        assert_eq!(err.code(), *code);
        assert_eq!(format!("profile_{}", problem.code()), *code);
        assert!(err.to_string().starts_with(&format!("{path}: ")));
        assert!(!err.to_string_zh().is_ascii(), "{}", err.to_string_zh());
        let read = serde_json::from_str::<Profile>(&json)
            .unwrap_err()
            .to_string();
        assert!(read.contains(&err.to_string()), "{read}");
    }
    // The messages.
    let texts = [
        (
            ProfileProblem::ZeroTime,
            "is a time of zero; a decision made at once is instant",
            "时长为零；即时完成应写作 instant",
        ),
        (
            ProfileProblem::ShadowedRule(MethodKind::Face),
            "is a second rule for face, which the first covers: it would be ignored",
            "是人脸识别认证的第二条同类规则，将被忽略",
        ),
        (
            ProfileProblem::SubjectNotServed(Organization),
            "is for an organization, which the profile states it does not verify",
            "配置声明不支持企业或组织主体",
        ),
        (
            ProfileProblem::ZeroAmount,
            "is an amount range of 0–0, which no payment matches",
            "金额范围为 0–0，任何付款都不符合",
        ),
        (
            ProfileProblem::AgeTooLarge {
                years: 1800,
                max: 150,
            },
            "is 1800 years, more than the 150 a minimum age may be",
            "最低年龄 1800 周岁超过上限 150 周岁",
        ),
        (
            ProfileProblem::MethodOfOtherSubject(MethodKind::CorporateTransfer),
            "corporate_transfer is a method for an organization",
            "企业对公打款认证只适用于企业或组织主体",
        ),
    ];
    for (problem, en, zh) in texts {
        assert_eq!(problem.to_string(), en);
        assert_eq!(problem.to_string_zh(), zh);
    }
    // At the bounds: 150 years, an amount of 0–1 fen, one rule per scope.
    let ok = profile_json(
        r#""methods":[{"kind":"corporate_transfer","subject":"organization","attempts":[{"value":{"counted":"method_uses","max":1,"scope":"account"}},{"value":{"counted":"amount_entries","max":3,"scope":"transfer"}}],"payment":{"direction":"to_applicant","amount_fen":{"value":{"min_fen":0,"max_fen":1}}}}],"min_age":{"value":{"years":150}}"#,
    );
    assert!(serde_json::from_str::<Profile>(&ok).is_ok());
}

/// A profile error is one JSON object, fit for an HTTP error body: code,
/// messages in English and Chinese, the path, the problem's code and the
/// values it names.
#[test]
fn profile_errors_serialise_as_one_object() {
    let cases = [
        (
            r#""methods":[{"kind":"face","subject":"individual","review":{"value":{"range":{"min":3,"max":1,"unit":"working_days","qualifier":"at_most"}}}}]"#,
            serde_json::json!({
                "code": "profile_range_reversed",
                "message": "methods[0].review: the minimum 3 exceeds the maximum 1",
                "message_zh": "配置项 methods[0].review：最小值 3 大于最大值 1",
                "path": "methods[0].review",
                "problem": "range_reversed",
                "min": 3,
                "max": 1,
            }),
        ),
        (
            r#""methods":[{"kind":"bank_card","subject":"individual","documents":{"value":{"items":["uscc"]}}}]"#,
            serde_json::json!({
                "code": "profile_document_of_other_subject",
                "message": "methods[0].documents: uscc is held by an organization, not by the method's subject",
                "message_zh": "配置项 methods[0].documents：统一社会信用代码不属于该认证方式的主体类型",
                "path": "methods[0].documents",
                "problem": "document_of_other_subject",
                "document": "uscc",
            }),
        ),
        (
            r#""min_age":{"value":{"years":200}}"#,
            serde_json::json!({
                "code": "profile_age_too_large",
                "message": "min_age.years: is 200 years, more than the 150 a minimum age may be",
                "message_zh": "配置项 min_age.years：最低年龄 200 周岁超过上限 150 周岁",
                "path": "min_age.years",
                "problem": "age_too_large",
                "years": 200,
                "max": 150,
            }),
        ),
        (
            r#""account_caps":[{"value":{"subject":"individual","key":"document_number","limit":{"at_most":0}}}]"#,
            serde_json::json!({
                "code": "profile_zero",
                "message": "account_caps[0].limit: is zero, which allows nothing",
                "message_zh": "配置项 account_caps[0].limit：取值为零，不允许任何操作",
                "path": "account_caps[0].limit",
                "problem": "zero",
            }),
        ),
    ];
    for (body, expected) in cases {
        let data: realname::policy::ProfileData =
            serde_json::from_str(&profile_json(body)).unwrap();
        let err = data.check().unwrap_err();
        let line = serde_json::to_string(&err).unwrap();
        assert!(!line.contains('\n'));
        assert_eq!(serde_json::from_str::<Value>(&line).unwrap(), expected);
    }
    let mut data = realname::policy::ProfileData::new("X", "某云");
    data.changes = vec![
        realname::policy::ChangeRule::new(
            Transition::Remove,
            realname::policy::Sourced::unsourced(realname::policy::Availability::Online)
        );
        65
    ];
    let value = serde_json::to_value(data.check().unwrap_err()).unwrap();
    assert_eq!(value["code"], "profile_too_many");
    assert_eq!(value["path"], "changes");
    assert_eq!(value["limit"], 64);
}

/// The documented example profile, `examples/profiles/example.toml`, loads,
/// passes the check, and means what its comments say.
#[test]
fn the_example_profile_loads_and_passes_the_check() {
    use realname::policy::{
        Access, Availability, CapKey, Contact, OnExhaust, PaymentDirection, Raise, Residency,
    };
    let path = format!(
        "{}/examples/profiles/example.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let p: Profile = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (p.name_en.as_str(), p.name_zh.as_str()),
        ("Example Cloud", "示例云")
    );

    // An entry of every kind of rule.
    let json = serde_json::to_value(&p).unwrap();
    for field in [
        "subjects",
        "organization_types",
        "methods",
        "account_caps",
        "phone_caps",
        "min_age",
        "uploads",
        "changes",
        "individual_restrictions",
        "overdue_review",
    ] {
        assert!(json.get(field).is_some(), "{field}");
    }
    for field in [
        "source",
        "factors",
        "documents",
        "document_residency",
        "residency",
        "requirements",
        "decision",
        "review",
        "manual_review",
        "attempts",
        "failure_reasons",
    ] {
        assert!(
            json["methods"][0].get(field).is_some(),
            "methods[0].{field}"
        );
    }
    for field in ["name_rules", "registry_lag", "payment"] {
        assert!(
            json["methods"][1].get(field).is_some(),
            "methods[1].{field}"
        );
    }
    for field in ["name_rules", "delegate"] {
        assert!(
            json["methods"][2].get(field).is_some(),
            "methods[2].{field}"
        );
    }
    for field in ["amount_fen", "arrival", "deadline", "refund"] {
        assert!(
            json["methods"][1]["payment"].get(field).is_some(),
            "{field}"
        );
    }
    for field in [
        "cooldown",
        "window",
        "old_subject_methods",
        "new_subject_methods",
        "attempts",
        "withdrawable",
    ] {
        assert!(
            json["changes"][0].get(field).is_some(),
            "changes[0].{field}"
        );
    }

    // A few values, and the rules taken from them.
    let face = p.method(MethodKind::Face).unwrap();
    assert_eq!(
        face.residency.value().unwrap(),
        &[Residency::Mainland, Residency::Overseas]
    );
    let passport =
        realname::Document::parse_as(realname::DocumentKind::ChinesePassport, "E12345678").unwrap();
    assert!(
        rules::check_document_holder(&p, MethodKind::Face, &passport, Some(Residency::Mainland))
            .is_err()
    );
    assert!(
        rules::check_document_holder(&p, MethodKind::Face, &passport, Some(Residency::Overseas))
            .is_ok()
    );
    assert_eq!(face.failure_reasons.len(), 2);
    assert_eq!(face.review.value(), Some(&ReviewTime::Instant));
    let transfer = p.method(MethodKind::CorporateTransfer).unwrap();
    let payment = transfer.payment.as_ref().unwrap();
    assert_eq!(payment.direction, PaymentDirection::ToApplicant);
    assert_eq!(
        transfer.attempts[1].value.on_exhaust,
        Some(OnExhaust::FallbackTo(MethodKind::CertificateUpload))
    );
    let cap = p.account_cap(SubjectKind::Organization).unwrap();
    assert_eq!(cap.value.key, CapKey::OrganizationNameOrLicence);
    assert_eq!(
        cap.value.raise,
        Some(Raise::ByStaff(Contact::AccountManager))
    );
    assert_eq!(
        p.change(Transition::OrganizationToIndividual)
            .unwrap()
            .availability
            .value,
        Availability::Forbidden
    );
    assert_eq!(
        p.individual_restrictions[1].value.access,
        Access::LimitedGb(100)
    );
    assert_eq!(
        transfer.registry_lag.value(),
        Some(&Duration::CalendarDays(7))
    );
    assert_eq!(
        payment.deadline.value().unwrap().on_expiry.value(),
        Some(&realname::policy::OnExpiry::Expired)
    );
    let certificate = p.method(MethodKind::CertificateUpload).unwrap();
    let delegate = certificate.delegate.value().unwrap();
    assert_eq!(
        delegate.organizations,
        realname::policy::DelegateFor::AnyOrganization
    );
    assert_eq!(delegate.provides.len(), 2);
    assert_eq!(certificate.name_rules.len(), 2);
    assert_eq!(
        p.change(Transition::IndividualToIndividual)
            .unwrap()
            .window
            .value()
            .unwrap()
            .expiry(),
        realname::policy::OnExpiry::Withdrawn
    );
    assert_eq!(p.serves(SubjectKind::Organization), Some(true));
    assert_eq!(p.sources().count(), 5);
    assert!(rules::check_account_cap(&p, SubjectKind::Individual, 2).is_ok());
    assert!(rules::check_account_cap(&p, SubjectKind::Individual, 3).is_err());
    assert!(rules::check_amount(&p, MethodKind::CorporateTransfer, 100).is_ok());
    assert!(rules::check_amount(&p, MethodKind::CorporateTransfer, 101).is_err());
    assert!(rules::check_upload(&p, MethodKind::CertificateUpload, "licence.pdf", 5 << 20).is_ok());
    assert!(rules::check_upload(&p, MethodKind::CertificateUpload, "licence.gif", 1000).is_err());
    assert_eq!(
        rules::attempts_left(&p, MethodKind::Face, Scope::Account, 4),
        Ok(Some(1))
    );
    assert_eq!(
        rules::attempts_left(
            &p,
            MethodKind::Face,
            Scope::ChangeRequest(Transition::IndividualToIndividual),
            1
        ),
        Ok(Some(2))
    );
    let born = NaiveDate::from_ymd_opt(2008, 6, 2).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    assert!(rules::check_age(&p, born, today).is_err());

    // It round-trips, and its comments stay out of what is written back.
    let back: Profile = toml::from_str(&toml::to_string(&p).unwrap()).unwrap();
    assert_eq!(back, p);
}
