//! Refusals: why a rule refused, with the numbers and the rule's source.

use super::*;

/// Why a rule refused, with the numbers involved.
///
/// ```
/// use realname::policy::CapKey;
/// use realname::rules::Reason;
/// use realname::SubjectKind;
/// let r = Reason::AccountCap { subject: SubjectKind::Individual, key: CapKey::DocumentNumber, limit: 1, verified: 1, raise: None };
/// assert_eq!(r.code(), "account_cap_reached");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// The identity has verified as many accounts as the cap allows.
    AccountCap {
        /// Whose identity.
        subject: SubjectKind,
        /// What the cap counts by.
        key: CapKey,
        /// The cap.
        limit: u32,
        /// How many accounts it has verified.
        verified: u32,
        /// Whether staff can raise the cap.
        raise: Option<Raise>,
    },
    /// The applicant is younger than the minimum age.
    TooYoung {
        /// The minimum, in full years.
        min_years: u32,
        /// The applicant's age in full years.
        age: u32,
    },
    /// The birth date given is after today.
    BornAfterToday {
        /// Today.
        today: NaiveDate,
    },
    /// The provider states that it does not verify this kind of subject.
    SubjectNotServed {
        /// The subject asking.
        subject: SubjectKind,
    },
    /// The provider does not offer this method to this kind of subject.
    MethodNotOffered {
        /// The method.
        method: MethodKind,
        /// The subject asking.
        subject: SubjectKind,
    },
    /// The method does not accept this kind of document.
    DocumentNotAccepted {
        /// The method.
        method: MethodKind,
        /// The document.
        document: DocumentKind,
    },
    /// The method takes this kind of document only from holders who live
    /// elsewhere.
    DocumentHolderNotServed {
        /// The method.
        method: MethodKind,
        /// The kind of document.
        document: DocumentKind,
        /// Where its holder lives.
        residency: Residency,
    },
    /// The method is not for applicants from here.
    ResidencyNotServed {
        /// The method.
        method: MethodKind,
        /// Where the applicant lives.
        residency: Residency,
    },
    /// The applicant does not meet a condition of the method.
    RequirementNotMet {
        /// The method.
        method: MethodKind,
        /// The condition.
        requirement: Requirement,
    },
    /// The provider does not serve organisations of this type.
    OrganizationTypeNotServed {
        /// The type.
        organization_type: OrganizationType,
    },
    /// No attempts are left.
    AttemptsExhausted {
        /// The method.
        method: MethodKind,
        /// What is counted.
        counted: Counted,
        /// How many are allowed.
        max: u32,
        /// How many were used.
        used: u32,
        /// What follows.
        on_exhaust: Option<OnExhaust>,
    },
    /// The change cannot be made.
    ChangeForbidden {
        /// The change.
        transition: Transition,
    },
    /// The change can only be made through the provider's staff.
    ChangeOffline {
        /// The change.
        transition: Transition,
        /// Whom to contact.
        contact: Contact,
    },
    /// Too little time has passed since the last change.
    ChangeCooldown {
        /// The change.
        transition: Transition,
        /// How long must pass.
        wait: Duration,
        /// When a new change becomes allowed.
        allowed_from: DateTime<Utc>,
        /// Whether that time counts a day the calendar only estimates
        /// ([`ChinaMainland::with_estimates`](crate::calendar::ChinaMainland::with_estimates)).
        estimated: bool,
    },
    /// A deadline has passed.
    DeadlinePassed {
        /// When it passed.
        due: DateTime<Utc>,
    },
    /// The file is empty.
    UploadEmpty,
    /// The file's format is not accepted. The file's name and extension
    /// are not carried: a name (`身份证.张三丰`) can hold personal data.
    UploadFormat {
        /// The formats accepted.
        accepted: Vec<FileFormat>,
    },
    /// The file is too large.
    UploadTooLarge {
        /// Its size.
        bytes: u64,
        /// The largest allowed.
        max_bytes: u64,
    },
    /// An amount is outside the method's range.
    AmountOutOfRange {
        /// The amount, in fen.
        fen: u32,
        /// The range.
        range: AmountRange,
    },
    /// A deadline could not be reckoned: the calendar does not know the
    /// dates.
    Calendar(CalendarError),
}

impl Reason {
    /// A stable identifier of the reason.
    ///
    /// ```
    /// assert_eq!(realname::rules::Reason::UploadEmpty.code(), "upload_empty");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Reason::AccountCap { .. } => "account_cap_reached",
            Reason::TooYoung { .. } => "too_young",
            Reason::BornAfterToday { .. } => "born_after_today",
            Reason::SubjectNotServed { .. } => "subject_not_served",
            Reason::MethodNotOffered { .. } => "method_not_offered",
            Reason::DocumentNotAccepted { .. } => "document_not_accepted",
            Reason::DocumentHolderNotServed { .. } => "document_holder_not_served",
            Reason::ResidencyNotServed { .. } => "residency_not_served",
            Reason::RequirementNotMet { .. } => "requirement_not_met",
            Reason::OrganizationTypeNotServed { .. } => "organization_type_not_served",
            Reason::AttemptsExhausted { .. } => "attempts_exhausted",
            Reason::ChangeForbidden { .. } => "change_forbidden",
            Reason::ChangeOffline { .. } => "change_offline",
            Reason::ChangeCooldown { .. } => "change_cooldown",
            Reason::DeadlinePassed { .. } => "deadline_passed",
            Reason::UploadEmpty => "upload_empty",
            Reason::UploadFormat { .. } => "upload_format",
            Reason::UploadTooLarge { .. } => "upload_too_large",
            Reason::AmountOutOfRange { .. } => "amount_out_of_range",
            Reason::Calendar(e) => e.code(),
        }
    }

    /// The message in Chinese, for the end user; [`Refusal::to_string_zh`]
    /// gives the same.
    ///
    /// ```
    /// use realname::rules::Reason;
    /// assert_eq!(Reason::UploadEmpty.to_string_zh(), "文件为空");
    /// assert_eq!(Reason::UploadEmpty.to_string(), "The file is empty");
    /// ```
    pub fn to_string_zh(&self) -> String {
        match self {
            Reason::AccountCap {
                key,
                verified,
                raise,
                ..
            } => {
                let whose = match key {
                    CapKey::DocumentNumber => "该证件",
                    CapKey::NaturalPerson => "该用户",
                    CapKey::CertificateNumber => "该单位证件",
                    _ => "该企业",
                };
                let more = match raise {
                    Some(Raise::ByStaff(c)) => format!("；如需认证更多账号，请联系{}", c.name_zh()),
                    _ => String::new(),
                };
                format!("{whose}已认证 {verified} 个账号，已达上限{more}")
            }
            Reason::TooYoung { min_years, age } => {
                format!("未满 {min_years} 周岁，不能进行实名认证（当前 {age} 周岁）")
            }
            Reason::BornAfterToday { today } => format!("出生日期晚于今天（{today}）"),
            Reason::SubjectNotServed { subject } => format!("暂不支持{}", subject_zh(*subject)),
            Reason::MethodNotOffered { method, subject } => {
                format!("{}不支持{}", subject_zh(*subject), method.name_zh())
            }
            Reason::DocumentNotAccepted { method, document } => {
                format!("{}不支持{}", method.name_zh(), document.name_zh())
            }
            Reason::DocumentHolderNotServed {
                method,
                document,
                residency,
            } => format!(
                "{}的{}不适用于{}用户",
                method.name_zh(),
                document.name_zh(),
                residency.name_zh()
            ),
            Reason::ResidencyNotServed { method, residency } => {
                format!("{}不适用于{}用户", method.name_zh(), residency.name_zh())
            }
            Reason::RequirementNotMet {
                method,
                requirement,
            } => {
                format!("{}要求{}", method.name_zh(), requirement.to_string_zh())
            }
            Reason::OrganizationTypeNotServed { organization_type } => {
                format!("暂不支持{}进行实名认证", organization_type.name_zh())
            }
            Reason::AttemptsExhausted {
                method,
                counted,
                max,
                on_exhaust,
                ..
            } => {
                let what = match counted {
                    Counted::Attempts => "认证",
                    Counted::AmountEntries => "输入金额",
                    Counted::MethodUses => "使用",
                };
                let next = match on_exhaust {
                    Some(OnExhaust::MethodLocked) => "，请选择其他认证方式".to_owned(),
                    Some(OnExhaust::FallbackTo(m)) => format!("，请改用{}", m.name_zh()),
                    Some(OnExhaust::Restart) => "，请重新发起".to_owned(),
                    Some(OnExhaust::OtherMethodOrWithdraw) => {
                        "，请选择其他认证方式，或撤回变更后重新提交".to_owned()
                    }
                    None => String::new(),
                };
                format!("{}已{what} {max} 次，已达上限{next}", method.name_zh())
            }
            Reason::ChangeForbidden { transition } => format!("不支持{}", transition.name_zh()),
            Reason::ChangeOffline {
                transition,
                contact,
            } => {
                format!(
                    "{}无法在线办理，请联系{}",
                    transition.name_zh(),
                    contact.name_zh()
                )
            }
            Reason::ChangeCooldown {
                wait,
                allowed_from,
                estimated,
                ..
            } => format!(
                "距上次变更未满 {}，{}{} 起可再次变更",
                wait.to_string_zh(),
                if *estimated { "预计 " } else { "" },
                beijing(allowed_from)
            ),
            Reason::DeadlinePassed { due } => format!("已超过办理期限（{}）", beijing(due)),
            Reason::UploadEmpty => "文件为空".to_owned(),
            Reason::UploadFormat { accepted } => {
                let names: Vec<&str> = accepted.iter().map(|f| f.name_en()).collect();
                format!("不支持该文件格式，仅支持 {}", names.join("、"))
            }
            Reason::UploadTooLarge { bytes, max_bytes } => {
                format!("文件大小 {} 超过上限 {}", size(*bytes), size(*max_bytes))
            }
            Reason::AmountOutOfRange { fen, range } => format!(
                "金额 {} 元不在 {}–{} 元范围内",
                yuan(*fen),
                yuan(range.min_fen),
                yuan(range.max_fen)
            ),
            Reason::Calendar(e) => e.to_string_zh(),
        }
    }

    /// The message in English, as `Display` prints it.
    fn message_en(&self) -> String {
        match self {
            Reason::AccountCap {
                key,
                verified,
                raise,
                ..
            } => {
                let whose = match key {
                    CapKey::DocumentNumber => "This document",
                    CapKey::NaturalPerson => "This person",
                    CapKey::CertificateNumber => "This certificate",
                    _ => "This organisation",
                };
                let s = if *verified == 1 { "" } else { "s" };
                let more = match raise {
                    Some(Raise::ByStaff(c)) => {
                        format!("; to verify more, contact the provider's {}", c.name_en())
                    }
                    _ => String::new(),
                };
                format!(
                    "{whose} has already verified {verified} account{s}, the most allowed{more}"
                )
            }
            Reason::TooYoung { min_years, age } => {
                format!("You must be at least {min_years} years old to verify (you are {age})")
            }
            Reason::BornAfterToday { today } => {
                format!("The birth date is after today ({today})")
            }
            Reason::SubjectNotServed { subject } => {
                format!("Verification is not offered to an {subject}")
            }
            Reason::MethodNotOffered { method, subject } => format!(
                "Verification by {} is not offered to an {subject}",
                method.name_en()
            ),
            Reason::DocumentNotAccepted { method, document } => format!(
                "Verification by {} does not accept a {}",
                method.name_en(),
                document.name_en()
            ),
            Reason::DocumentHolderNotServed {
                method,
                document,
                residency,
            } => format!(
                "Verification by {} does not accept a {} from users from {}",
                method.name_en(),
                document.name_en(),
                residency.name_en()
            ),
            Reason::ResidencyNotServed { method, residency } => format!(
                "Verification by {} is not available to users from {}",
                method.name_en(),
                residency.name_en()
            ),
            Reason::RequirementNotMet {
                method,
                requirement,
            } => format!(
                "Verification by {} requires {requirement}",
                method.name_en()
            ),
            Reason::OrganizationTypeNotServed { organization_type } => format!(
                "Organisations of the type {} cannot verify here",
                organization_type.name_en()
            ),
            Reason::AttemptsExhausted {
                method,
                counted,
                max,
                used,
                on_exhaust,
            } => {
                let next = match on_exhaust {
                    Some(e) => format!("; {e}"),
                    None => String::new(),
                };
                format!(
                    "Verification by {}: {used} of {max} {counted} used, none left{next}",
                    method.name_en()
                )
            }
            Reason::ChangeForbidden { transition } => {
                format!("This change ({}) is not allowed", transition.name_en())
            }
            Reason::ChangeOffline {
                transition,
                contact,
            } => format!(
                "This change ({}) cannot be made online; contact the provider's {}",
                transition.name_en(),
                contact.name_en()
            ),
            Reason::ChangeCooldown {
                wait,
                allowed_from,
                estimated,
                ..
            } => format!(
                "The last change was less than {wait} ago; a new change is allowed from {}{}",
                beijing(allowed_from),
                if *estimated { " (estimated)" } else { "" }
            ),
            Reason::DeadlinePassed { due } => {
                format!("The deadline, {}, has passed", beijing(due))
            }
            Reason::UploadEmpty => "The file is empty".to_owned(),
            Reason::UploadFormat { accepted } => {
                format!(
                    "This file format is not accepted; use {}",
                    formats(accepted)
                )
            }
            Reason::UploadTooLarge { bytes, max_bytes } => format!(
                "The file is {}, more than the {} allowed",
                size(*bytes),
                size(*max_bytes)
            ),
            Reason::AmountOutOfRange { fen, range } => {
                format!("{} yuan is outside {range}", yuan(*fen))
            }
            Reason::Calendar(e) => e.to_string(),
        }
    }
}

/// A decision against the applicant: the reason with its numbers, and the
/// source of the rule that refused.
///
/// `Display` gives the English message; [`to_string_zh`](Self::to_string_zh)
/// the Chinese one. Neither holds personal data: no names, numbers or
/// birth dates.
///
/// ```
/// use realname::policy::Provider;
/// use realname::rules::{check_account_cap, Reason};
/// use realname::SubjectKind;
///
/// let refusal = check_account_cap(Provider::Kingsoft.profile(), SubjectKind::Individual, 1).unwrap_err();
/// assert!(matches!(refusal.reason(), Reason::AccountCap { limit: 1, verified: 1, .. }));
/// assert_eq!(refusal.to_string_zh(), "该证件已认证 1 个账号，已达上限；如需认证更多账号，请联系销售经理");
/// assert_eq!(refusal.to_string(), "This document has already verified 1 account, the most allowed; to verify more, contact the provider's sales manager");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message_en())]
pub struct Refusal {
    reason: Reason,
    basis: Option<Source>,
}

impl Refusal {
    /// A refusal for `reason`, resting on `source`.
    ///
    /// ```
    /// use realname::rules::{Reason, Refusal};
    /// let r = Refusal::new(Reason::UploadEmpty, None);
    /// assert_eq!(r.to_string_zh(), "文件为空");
    /// ```
    pub fn new(reason: Reason, basis: Option<Source>) -> Refusal {
        Refusal { reason, basis }
    }

    /// Why.
    ///
    /// ```
    /// use realname::rules::{Reason, Refusal};
    /// assert_eq!(Refusal::new(Reason::UploadEmpty, None).reason(), &Reason::UploadEmpty);
    /// ```
    pub fn reason(&self) -> &Reason {
        &self.reason
    }

    /// Where the rule that refused came from, if the profile says.
    ///
    /// ```
    /// use realname::rules::{Reason, Refusal};
    /// assert!(Refusal::new(Reason::UploadEmpty, None).basis().is_none());
    /// ```
    pub fn basis(&self) -> Option<&Source> {
        self.basis.as_ref()
    }

    /// A stable identifier of the reason, as [`Reason::code`].
    ///
    /// ```
    /// use realname::rules::{Reason, Refusal};
    /// assert_eq!(Refusal::new(Reason::UploadEmpty, None).code(), "upload_empty");
    /// ```
    pub fn code(&self) -> &'static str {
        self.reason.code()
    }

    /// The message in Chinese, for the end user.
    ///
    /// ```
    /// use realname::rules::{Reason, Refusal};
    /// let r = Refusal::new(Reason::TooYoung { min_years: 14, age: 13 }, None);
    /// assert_eq!(r.to_string_zh(), "未满 14 周岁，不能进行实名认证（当前 13 周岁）");
    /// ```
    pub fn to_string_zh(&self) -> String {
        self.reason.to_string_zh()
    }

    /// The message in English, for the end user; `Display` prints it.
    ///
    /// ```
    /// use realname::rules::{Reason, Refusal};
    /// let r = Refusal::new(Reason::UploadTooLarge { bytes: 5 * 1048576, max_bytes: 4 * 1048576 }, None);
    /// assert_eq!(r.message_en(), "The file is 5 MB, more than the 4 MB allowed");
    /// ```
    pub fn message_en(&self) -> String {
        self.reason.to_string()
    }
}

#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for Refusal {
    /// One object, fit for an HTTP error body: `code`, `message`
    /// (English), `message_zh`, the reason's fields, and `basis` (the
    /// rule's source) when the profile gives one. Never personal data.
    ///
    /// ```
    /// use realname::policy::Provider;
    /// use realname::rules::check_account_cap;
    /// use realname::SubjectKind;
    ///
    /// let r = check_account_cap(Provider::Tencent.profile(), SubjectKind::Individual, 3).unwrap_err();
    /// let json = serde_json::to_value(&r)?;
    /// assert_eq!(json["code"], "account_cap_reached");
    /// assert_eq!(json["message_zh"], "该证件已认证 3 个账号，已达上限");
    /// assert_eq!(json["verified"], 3);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let utc = |t: &DateTime<Utc>| {
            format!(
                "{}T{:02}:{:02}:{:02}Z",
                t.date_naive(),
                t.hour(),
                t.minute(),
                t.second()
            )
        };
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", &self.message_en())?;
        map.serialize_entry("message_zh", &self.to_string_zh())?;
        match &self.reason {
            Reason::AccountCap {
                subject,
                key,
                limit,
                verified,
                raise,
            } => {
                map.serialize_entry("subject", subject)?;
                map.serialize_entry("key", key)?;
                map.serialize_entry("limit", limit)?;
                map.serialize_entry("verified", verified)?;
                map.serialize_entry("raise", raise)?;
            }
            Reason::TooYoung { min_years, age } => {
                map.serialize_entry("min_years", min_years)?;
                map.serialize_entry("age", age)?;
            }
            Reason::BornAfterToday { today } => {
                map.serialize_entry("today", &today.to_string())?;
            }
            Reason::SubjectNotServed { subject } => map.serialize_entry("subject", subject)?,
            Reason::MethodNotOffered { method, subject } => {
                map.serialize_entry("method", method)?;
                map.serialize_entry("subject", subject)?;
            }
            Reason::DocumentNotAccepted { method, document } => {
                map.serialize_entry("method", method)?;
                map.serialize_entry("document", document)?;
            }
            Reason::DocumentHolderNotServed {
                method,
                document,
                residency,
            } => {
                map.serialize_entry("method", method)?;
                map.serialize_entry("document", document)?;
                map.serialize_entry("residency", residency)?;
            }
            Reason::ResidencyNotServed { method, residency } => {
                map.serialize_entry("method", method)?;
                map.serialize_entry("residency", residency)?;
            }
            Reason::RequirementNotMet {
                method,
                requirement,
            } => {
                map.serialize_entry("method", method)?;
                map.serialize_entry("requirement", requirement)?;
            }
            Reason::OrganizationTypeNotServed { organization_type } => {
                map.serialize_entry("organization_type", organization_type)?;
            }
            Reason::AttemptsExhausted {
                method,
                counted,
                max,
                used,
                on_exhaust,
            } => {
                map.serialize_entry("method", method)?;
                map.serialize_entry("counted", counted)?;
                map.serialize_entry("max", max)?;
                map.serialize_entry("used", used)?;
                map.serialize_entry("on_exhaust", on_exhaust)?;
            }
            Reason::ChangeForbidden { transition } => {
                map.serialize_entry("transition", transition)?;
            }
            Reason::ChangeOffline {
                transition,
                contact,
            } => {
                map.serialize_entry("transition", transition)?;
                map.serialize_entry("contact", contact)?;
            }
            Reason::ChangeCooldown {
                transition,
                wait,
                allowed_from,
                estimated,
            } => {
                map.serialize_entry("transition", transition)?;
                map.serialize_entry("wait", wait)?;
                map.serialize_entry("allowed_from", &utc(allowed_from))?;
                map.serialize_entry("estimated", estimated)?;
            }
            Reason::DeadlinePassed { due } => map.serialize_entry("due", &utc(due))?,
            Reason::UploadEmpty | Reason::Calendar(_) => {}
            Reason::UploadFormat { accepted } => map.serialize_entry("accepted", accepted)?,
            Reason::UploadTooLarge { bytes, max_bytes } => {
                map.serialize_entry("bytes", bytes)?;
                map.serialize_entry("max_bytes", max_bytes)?;
            }
            Reason::AmountOutOfRange { fen, range } => {
                map.serialize_entry("fen", fen)?;
                map.serialize_entry("range", range)?;
            }
        }
        if let Some(basis) = &self.basis {
            map.serialize_entry("basis", basis)?;
        }
        map.end()
    }
}

pub(super) fn subject_zh(subject: SubjectKind) -> &'static str {
    match subject {
        SubjectKind::Individual => "个人认证",
        SubjectKind::Organization => "企业认证",
    }
}

/// A time in China Standard Time, to the minute.
pub(crate) fn beijing(t: &DateTime<Utc>) -> String {
    match beijing_time(*t) {
        Some(local) => format!(
            "{} {:02}:{:02} (UTC+8)",
            local.date(),
            local.hour(),
            local.minute()
        ),
        None => t.to_string(),
    }
}

/// A size in MB of 1,048,576 bytes, as the providers write it.
pub(super) fn size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= MB / 10 {
        // Rounded up, so that a file just over a limit never reads as at it.
        let tenths = bytes.saturating_mul(10).div_ceil(MB);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{bytes} bytes")
    }
}

pub(super) fn formats(list: &[FileFormat]) -> String {
    let names: Vec<&str> = list.iter().map(|f| f.name_en()).collect();
    names.join(", ")
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}
