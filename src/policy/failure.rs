//! Why an attempt at a method fails, as the providers name the reasons.

use super::*;

named_enum! {
    "policy";
    /// A reason a provider names for an attempt failing: what a
    /// verification machine reports to the applicant, and what it may tell
    /// them to correct before trying again.
    ///
    /// ```
    /// use realname::policy::{FailureReason, MethodKind, Provider};
    ///
    /// assert_eq!(FailureReason::RegistryRecordNotFound.name_zh(), "未查到工商信息");
    /// let bank = Provider::Kingsoft.profile().method(MethodKind::BankCard).unwrap();
    /// assert!(bank.failure_reasons.iter().any(|r| r.value == FailureReason::CardNotBankPhone));
    /// ```
    FailureReason {
        /// The error the provider's page shows: the provider names no
        /// reason, the page does (页面提示的错误信息).
        ShownOnPage = "shown_on_page", "页面提示的错误信息", "the error the provider's page shows";
        /// The lighting or other surroundings of the shot kept the face
        /// from being recognised.
        ShootingConditions = "shooting_conditions", "光线等拍摄环境影响", "lighting or surroundings of the shot";
        /// The face looks too unlike the document's photo.
        FaceUnlikePhoto = "face_unlike_photo", "人脸与证件照差距过大", "face too unlike the document's photo";
        /// The face is covered.
        FaceCovered = "face_covered", "脸部遮挡", "face covered";
        /// The face was not wholly on the screen during the check.
        FaceOutOfFrame = "face_out_of_frame", "人脸未完全出现在屏幕中", "face not wholly in the frame";
        /// The name or the ID number was entered wrongly.
        WrongNameOrNumber = "wrong_name_or_number", "姓名或身份证填写错误", "name or ID number entered wrongly";
        /// The name does not match the ID number.
        NameNotId = "name_not_id", "姓名和身份证信息不匹配", "name does not match the ID";
        /// The name is not the bank card holder's.
        NameNotCardHolder = "name_not_card_holder", "姓名和银行卡开户者的姓名不匹配", "name is not the card holder's";
        /// The mobile number is not the one the bank holds for the card.
        CardNotBankPhone = "card_not_bank_phone", "银行卡和银行预留手机号码不匹配",
            "mobile number is not the one the bank holds for the card";
        /// The face does not match the identity.
        FaceNotIdentity = "face_not_identity", "人脸信息与身份信息不匹配", "face does not match the identity";
        /// The business registry has no record of the organisation: a wrong
        /// type or details, or an organisation registered too recently for
        /// the registry to list it ([`Method::registry_lag`]).
        RegistryRecordNotFound = "registry_record_not_found", "未查到工商信息", "no business registry record found";
        /// The bank's name was entered wrongly.
        PayingBankNameWrong = "paying_bank_name_wrong", "付款银行名称有误", "bank's name entered wrongly";
        /// The receiving account's name and number do not match.
        AccountNameNumberMismatch = "account_name_number_mismatch", "收款账户名称和账户号码不一致",
            "receiving account's name and number do not match";
        /// Requests made too often.
        TooManyRequests = "too_many_requests", "频繁发起认证申请", "requests made too often";
        /// The receiving account does not take such a transfer.
        AccountNotSupported = "account_not_supported", "收款账户不支持此业务",
            "receiving account does not take such a transfer";
        /// The bank account's name is not the organisation's full legal
        /// name, so the provider's transfer fails.
        AccountNameNotLegalName = "account_name_not_legal_name", "银行开户名不是单位全称",
            "bank account's name is not the full legal name";
    }
}
