//! Decisions taken from a [`Profile`]: pure functions of the profile, the
//! facts the caller holds and the time, each returning `Ok` or a
//! [`Refusal`] that says which rule refused, with the numbers involved and
//! a message in Chinese and in English fit to show the end user.
//!
//! A rule the provider does not state never refuses: where a profile says
//! nothing ([`Stated::NotStated`](crate::policy::Stated::NotStated), a limit
//! without a number), the answer is `Ok`.
//!
//! ```
//! use chrono::NaiveDate;
//! use realname::policy::Provider;
//! use realname::rules::{check_account_cap, check_age};
//! use realname::SubjectKind;
//!
//! let tencent = Provider::Tencent.profile();
//! assert!(check_account_cap(tencent, SubjectKind::Individual, 2).is_ok());
//! let refusal = check_account_cap(tencent, SubjectKind::Individual, 3).unwrap_err();
//! assert_eq!(refusal.code(), "account_cap_reached");
//! assert_eq!(refusal.message_zh(), "该证件已认证 3 个账号，已达上限");
//! assert_eq!(refusal.to_string(), "This document has already verified 3 accounts, the most allowed");
//! assert_eq!(refusal.basis().unwrap().line, Some(32));
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let baidu = Provider::Baidu.profile();
//! assert!(check_age(baidu, day(2012, 6, 1), day(2026, 6, 1)).is_ok());
//! assert_eq!(check_age(baidu, day(2012, 6, 2), day(2026, 6, 1)).unwrap_err().code(), "too_young");
//! ```

use std::fmt;

use chrono::{DateTime, NaiveDate, Timelike, Utc};

use crate::age::full_years;
use crate::calendar::{CalendarError, Duration, WorkCalendar, beijing_time, due};
use crate::org::OrganizationType;
use crate::policy::{
    AmountRange, Availability, CapKey, Contact, Counted, Deadline, FileFormat, Gate, Method,
    MethodKind, OnExhaust, Profile, Raise, Requirement, Residency, ReviewTime, Scope, Source,
    Transition, yuan,
};
use crate::{BankCardNumber, CardNetwork, DocumentKind, SubjectKind};

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
    },
    /// A deadline has passed.
    DeadlinePassed {
        /// When it passed.
        due: DateTime<Utc>,
    },
    /// The file is empty.
    UploadEmpty,
    /// The file's format is not accepted.
    UploadFormat {
        /// The file's extension (at most 16 characters), empty if it has
        /// none.
        extension: String,
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
            Reason::MethodNotOffered { .. } => "method_not_offered",
            Reason::DocumentNotAccepted { .. } => "document_not_accepted",
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

    /// The message in Chinese, for the end user; [`Refusal::message_zh`]
    /// gives the same.
    ///
    /// ```
    /// use realname::rules::Reason;
    /// assert_eq!(Reason::UploadEmpty.message_zh(), "文件为空");
    /// assert_eq!(Reason::UploadEmpty.to_string(), "The file is empty");
    /// ```
    pub fn message_zh(&self) -> String {
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
            Reason::MethodNotOffered { method, subject } => {
                format!("{}不支持{}", subject_zh(*subject), method.name_zh())
            }
            Reason::DocumentNotAccepted { method, document } => {
                format!("{}不支持{}", method.name_zh(), document.name_zh())
            }
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
                wait, allowed_from, ..
            } => format!(
                "距上次变更未满 {}，{} 起可再次变更",
                wait.to_string_zh(),
                beijing(allowed_from)
            ),
            Reason::DeadlinePassed { due } => format!("已超过办理期限（{}）", beijing(due)),
            Reason::UploadEmpty => "文件为空".to_owned(),
            Reason::UploadFormat {
                extension,
                accepted,
            } => {
                let ext = if extension.is_empty() {
                    "无扩展名的"
                } else {
                    extension
                };
                format!("不支持 {ext} 文件，仅支持 {}", formats(accepted))
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
            Reason::Calendar(e) => e.message_zh(),
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
            Reason::MethodNotOffered { method, subject } => format!(
                "Verification by {} is not offered to an {subject}",
                method.name_en()
            ),
            Reason::DocumentNotAccepted { method, document } => format!(
                "Verification by {} does not accept a {}",
                method.name_en(),
                document.name_en()
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
                wait, allowed_from, ..
            } => format!(
                "The last change was less than {wait} ago; a new change is allowed from {}",
                beijing(allowed_from)
            ),
            Reason::DeadlinePassed { due } => {
                format!("The deadline, {}, has passed", beijing(due))
            }
            Reason::UploadEmpty => "The file is empty".to_owned(),
            Reason::UploadFormat {
                extension,
                accepted,
            } => {
                let ext = if extension.is_empty() {
                    "without an extension"
                } else {
                    extension
                };
                format!("Files {ext} are not accepted; use {}", formats(accepted))
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
/// `Display` gives the English message; [`message_zh`](Self::message_zh)
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
/// assert_eq!(refusal.message_zh(), "该证件已认证 1 个账号，已达上限；如需认证更多账号，请联系销售经理");
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
    /// assert_eq!(r.message_zh(), "文件为空");
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
    /// assert_eq!(r.message_zh(), "未满 14 周岁，不能进行实名认证（当前 13 周岁）");
    /// ```
    pub fn message_zh(&self) -> String {
        self.reason.message_zh()
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

fn subject_zh(subject: SubjectKind) -> &'static str {
    match subject {
        SubjectKind::Individual => "个人认证",
        SubjectKind::Organization => "企业认证",
    }
}

/// A time in China Standard Time, to the minute.
fn beijing(t: &DateTime<Utc>) -> String {
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
fn size(bytes: u64) -> String {
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

fn formats(list: &[FileFormat]) -> String {
    let names: Vec<&str> = list.iter().map(|f| f.name_en()).collect();
    names.join(", ")
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

/// The facts about an applicant that decide which methods they may use.
/// Facts left unknown (`None`) never refuse.
///
/// ```
/// use realname::org::OrganizationType;
/// use realname::rules::Applicant;
/// let a = Applicant::organization().with_type(OrganizationType::PublicInstitution);
/// assert_eq!(a.organization_type, Some(OrganizationType::PublicInstitution));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Applicant {
    /// An individual or an organisation.
    pub subject: SubjectKind,
    /// Where an individual lives.
    pub residency: Option<Residency>,
    /// An organisation's type.
    pub organization_type: Option<OrganizationType>,
    /// Whether an organisation holds a third-party payment licence.
    pub holds_payment_licence: Option<bool>,
    /// Whether the account has joined the provider's partner program.
    pub partner_program_member: Option<bool>,
}

impl Applicant {
    /// An individual, every other fact unknown.
    ///
    /// ```
    /// assert_eq!(realname::rules::Applicant::individual().subject, realname::SubjectKind::Individual);
    /// ```
    pub fn individual() -> Applicant {
        Applicant::new(SubjectKind::Individual)
    }

    /// An organisation, every other fact unknown.
    ///
    /// ```
    /// assert_eq!(realname::rules::Applicant::organization().subject, realname::SubjectKind::Organization);
    /// ```
    pub fn organization() -> Applicant {
        Applicant::new(SubjectKind::Organization)
    }

    /// A subject of this kind, every other fact unknown.
    ///
    /// ```
    /// use realname::{rules::Applicant, SubjectKind};
    /// assert_eq!(Applicant::new(SubjectKind::Individual).residency, None);
    /// ```
    pub fn new(subject: SubjectKind) -> Applicant {
        Applicant {
            subject,
            residency: None,
            organization_type: None,
            holds_payment_licence: None,
            partner_program_member: None,
        }
    }

    /// With where the individual lives.
    ///
    /// ```
    /// use realname::{policy::Residency, rules::Applicant};
    /// assert_eq!(Applicant::individual().with_residency(Residency::Taiwan).residency, Some(Residency::Taiwan));
    /// ```
    pub fn with_residency(mut self, residency: Residency) -> Applicant {
        self.residency = Some(residency);
        self
    }

    /// With the organisation's type.
    ///
    /// ```
    /// use realname::{org::OrganizationType, rules::Applicant};
    /// assert!(Applicant::organization().with_type(OrganizationType::Enterprise).organization_type.is_some());
    /// ```
    pub fn with_type(mut self, organization_type: OrganizationType) -> Applicant {
        self.organization_type = Some(organization_type);
        self
    }

    /// With whether the organisation holds a third-party payment licence.
    ///
    /// ```
    /// assert_eq!(realname::rules::Applicant::organization().with_payment_licence(true).holds_payment_licence, Some(true));
    /// ```
    pub fn with_payment_licence(mut self, holds: bool) -> Applicant {
        self.holds_payment_licence = Some(holds);
        self
    }

    /// With whether the account has joined the partner program.
    ///
    /// ```
    /// assert_eq!(realname::rules::Applicant::individual().with_partner_program(false).partner_program_member, Some(false));
    /// ```
    pub fn with_partner_program(mut self, member: bool) -> Applicant {
        self.partner_program_member = Some(member);
        self
    }
}

/// May one more account be verified with an identity that has already
/// verified `already_verified`? The cap that binds first for the subject
/// decides ([`Profile::account_cap`]); a cap without a number never
/// refuses.
///
/// ```
/// use realname::policy::Provider;
/// use realname::rules::check_account_cap;
/// use realname::SubjectKind;
///
/// assert!(check_account_cap(Provider::Baidu.profile(), SubjectKind::Individual, 4).is_ok());
/// assert!(check_account_cap(Provider::Baidu.profile(), SubjectKind::Individual, 5).is_err());
/// // Kingsoft Cloud: "一个企业可以实名认证多个金山云账号", no number.
/// assert!(check_account_cap(Provider::Kingsoft.profile(), SubjectKind::Organization, 50).is_ok());
/// ```
pub fn check_account_cap(
    profile: &Profile,
    subject: SubjectKind,
    already_verified: u32,
) -> Result<(), Refusal> {
    let Some(cap) = profile.account_cap(subject) else {
        return Ok(());
    };
    match cap.value.limit.number() {
        Some(limit) if already_verified >= limit => Err(Refusal::new(
            Reason::AccountCap {
                subject,
                key: cap.value.key,
                limit,
                verified: already_verified,
                raise: cap.value.raise,
            },
            cap.source.clone(),
        )),
        _ => Ok(()),
    }
}

/// Is an individual born on `birth_date` old enough on `today`? Age counts
/// in full years (周岁) under the profile's [`AgeRule`](crate::AgeRule).
///
/// ```
/// use chrono::NaiveDate;
/// use realname::policy::Provider;
/// use realname::rules::check_age;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let r = check_age(Provider::Baidu.profile(), day(2013, 1, 1), day(2026, 12, 31)).unwrap_err();
/// assert_eq!(r.message_zh(), "未满 14 周岁，不能进行实名认证（当前 13 周岁）");
/// // Tencent Cloud states no minimum age.
/// assert!(check_age(Provider::Tencent.profile(), day(2020, 1, 1), day(2026, 1, 1)).is_ok());
/// ```
pub fn check_age(
    profile: &Profile,
    birth_date: NaiveDate,
    today: NaiveDate,
) -> Result<(), Refusal> {
    let Some(min) = profile.min_age.sourced() else {
        return Ok(());
    };
    let refuse = |reason| Err(Refusal::new(reason, min.source.clone()));
    match full_years(birth_date, today, min.value.rule) {
        None => refuse(Reason::BornAfterToday { today }),
        Some(age) if age < min.value.years => refuse(Reason::TooYoung {
            min_years: min.value.years,
            age,
        }),
        Some(_) => Ok(()),
    }
}

/// May this applicant use this method? It must be offered to the subject's
/// kind, serve where the applicant lives, serve the organisation's type,
/// and its conditions must hold for the facts known. Returns the method.
///
/// ```
/// use realname::org::OrganizationType;
/// use realname::policy::{MethodKind, Provider, Residency};
/// use realname::rules::{check_method, Applicant};
///
/// let kingsoft = Provider::Kingsoft.profile();
/// let from_hk = Applicant::individual().with_residency(Residency::HongKongMacao);
/// assert!(check_method(kingsoft, MethodKind::DocumentUpload, &from_hk).is_ok());
/// assert_eq!(check_method(kingsoft, MethodKind::IdCardVideo, &from_hk).unwrap_err().code(), "residency_not_served");
///
/// let school = Applicant::organization().with_type(OrganizationType::PublicInstitution);
/// let r = check_method(Provider::Baidu.profile(), MethodKind::CorporateTransfer, &school).unwrap_err();
/// assert_eq!(r.message_zh(), "企业对公打款认证要求非事业单位");
/// ```
pub fn check_method<'p>(
    profile: &'p Profile,
    method: MethodKind,
    applicant: &Applicant,
) -> Result<&'p Method, Refusal> {
    judge_method(profile, method, applicant)
        .map_err(|(reason, basis)| Refusal::new(reason, basis.cloned()))
}

/// A refusal not yet built: the reason and a borrowed source, so that
/// callers who only filter allocate nothing.
type Judged<'p, T> = Result<T, (Reason, Option<&'p Source>)>;

fn judge_method<'p>(
    profile: &'p Profile,
    method: MethodKind,
    applicant: &Applicant,
) -> Judged<'p, &'p Method> {
    let m = offered(profile, method, applicant.subject)?;
    if let (Some(residency), Some(allowed)) = (applicant.residency, m.residency.sourced())
        && !allowed.value.contains(&residency)
    {
        return Err((
            Reason::ResidencyNotServed { method, residency },
            allowed.source.as_ref(),
        ));
    }
    if let (Some(t), Some(types)) = (
        applicant.organization_type,
        profile.organization_types.sourced(),
    ) && applicant.subject == SubjectKind::Organization
        && !types.value.allows(&t)
    {
        return Err((
            Reason::OrganizationTypeNotServed {
                organization_type: t,
            },
            types.source.as_ref(),
        ));
    }
    for r in &m.requirements {
        let fails = match r.value {
            Requirement::NotPartnerProgramMember => applicant.partner_program_member == Some(true),
            Requirement::NoPaymentLicence => applicant.holds_payment_licence == Some(true),
            Requirement::NotOrganizationType(t) => applicant.organization_type == Some(t),
            _ => false,
        };
        if fails {
            return Err((
                Reason::RequirementNotMet {
                    method,
                    requirement: r.value,
                },
                r.source.as_ref(),
            ));
        }
    }
    Ok(m)
}

/// The methods this applicant may use, in the provider's order.
///
/// ```
/// use realname::policy::{MethodKind, Provider, Residency};
/// use realname::rules::{methods_for, Applicant};
///
/// let from_taiwan = Applicant::individual().with_residency(Residency::Taiwan);
/// let kinds: Vec<MethodKind> = methods_for(Provider::Kingsoft.profile(), &from_taiwan).map(|m| m.kind).collect();
/// // The ID card method is for mainland residents; the bank card method
/// // states no residency, so it is not refused.
/// assert_eq!(kinds, [MethodKind::BankCard, MethodKind::DocumentUpload]);
/// ```
pub fn methods_for<'p>(
    profile: &'p Profile,
    applicant: &'p Applicant,
) -> impl Iterator<Item = &'p Method> + 'p {
    profile
        .methods
        .iter()
        .filter(move |m| judge_method(profile, m.kind, applicant).is_ok())
}

fn offered(profile: &Profile, method: MethodKind, subject: SubjectKind) -> Judged<'_, &Method> {
    match profile.method(method) {
        Some(m) if m.subject == subject => Ok(m),
        found => Err((
            Reason::MethodNotOffered { method, subject },
            found.and_then(|m| m.source.as_ref()),
        )),
    }
}

/// Does the method accept a document of this kind? A document of the other
/// kind of subject never; a listed kind always; another kind only if the
/// provider's list is one of examples or not stated.
///
/// ```
/// use realname::policy::{MethodKind, Provider};
/// use realname::rules::check_document;
/// use realname::DocumentKind;
///
/// let baidu = Provider::Baidu.profile();
/// assert!(check_document(baidu, MethodKind::Face, DocumentKind::ForeignPermanentResidentId).is_ok());
/// let r = check_document(baidu, MethodKind::BankCard, DocumentKind::HkMacaoTravelPermit).unwrap_err();
/// assert_eq!(r.message_zh(), "个人银行卡认证不支持港澳居民来往内地通行证");
/// ```
pub fn check_document(
    profile: &Profile,
    method: MethodKind,
    document: DocumentKind,
) -> Result<(), Refusal> {
    let m = offered(profile, method, document.subject()).map_err(|(reason, basis)| {
        // Offered, but to the other kind of subject: the document is the
        // problem, not the method.
        match profile.method(method) {
            Some(m) => Refusal::new(
                Reason::DocumentNotAccepted { method, document },
                m.source.clone(),
            ),
            None => Refusal::new(reason, basis.cloned()),
        }
    })?;
    match m.documents.sourced() {
        Some(list) if !list.value.allows(&document) => Err(Refusal::new(
            Reason::DocumentNotAccepted { method, document },
            list.source.clone(),
        )),
        _ => Ok(()),
    }
}

/// How many attempts are left of a method within a scope, when `used` have
/// been used: `Ok(Some(n))` with n ≥ 1, `Ok(None)` when no limit is stated
/// for that scope, and a refusal when none are left. Counts within a change
/// of subject ([`Scope::ChangeRequest`]) are those the change flow states.
///
/// ```
/// use realname::policy::{MethodKind, Provider, Scope, Transition};
/// use realname::rules::attempts_left;
///
/// let baidu = Provider::Baidu.profile();
/// assert_eq!(attempts_left(baidu, MethodKind::BankCard, Scope::Account, 3), Ok(Some(7)));
/// let r = attempts_left(baidu, MethodKind::BankCard, Scope::Account, 10).unwrap_err();
/// assert_eq!(r.message_zh(), "个人银行卡认证已认证 10 次，已达上限，请选择其他认证方式");
/// let change = Scope::ChangeRequest(Transition::IndividualToIndividual);
/// assert_eq!(attempts_left(baidu, MethodKind::BankCard, change, 4), Ok(Some(1)));
/// // Face has no stated limit.
/// assert_eq!(attempts_left(baidu, MethodKind::Face, Scope::Account, 1_000), Ok(None));
/// ```
pub fn attempts_left(
    profile: &Profile,
    method: MethodKind,
    scope: Scope,
    used: u32,
) -> Result<Option<u32>, Refusal> {
    let limit = match scope {
        Scope::ChangeRequest(t) => profile.change(t).and_then(|c| {
            c.attempts
                .iter()
                .find(|a| a.value.method == method)
                .map(|a| (a.value.limit, a.source.as_ref()))
        }),
        _ => profile.method(method).and_then(|m| {
            m.attempts
                .iter()
                .find(|a| a.value.scope == scope)
                .map(|a| (a.value, a.source.as_ref()))
        }),
    };
    let Some((limit, source)) = limit else {
        return Ok(None);
    };
    if used < limit.max {
        Ok(Some(limit.max - used))
    } else {
        Err(Refusal::new(
            Reason::AttemptsExhausted {
                method,
                counted: limit.counted,
                max: limit.max,
                used,
                on_exhaust: limit.on_exhaust,
            },
            source.cloned(),
        ))
    }
}

/// May this account start this change of its verified subject `now`? The
/// change must be allowed online, and the cooldown since the last
/// completed change (`last_change`, of any kind) must have passed; the
/// refusal says from when it will be allowed. A change the profile does not
/// state is not refused. Cooldowns that gate the completion of a change,
/// not its start, do not refuse here.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::calendar::ChinaMainland;
/// use realname::policy::{Provider, Transition};
/// use realname::rules::{check_change, Reason};
///
/// let cal = ChinaMainland::default();
/// let tencent = Provider::Tencent.profile();
/// let last = Utc.with_ymd_and_hms(2026, 1, 31, 2, 0, 0).unwrap(); // 10:00 in Beijing
/// let now = Utc.with_ymd_and_hms(2026, 2, 20, 2, 0, 0).unwrap();
/// let r = check_change(tencent, Transition::IndividualToIndividual, Some(last), now, &cal).unwrap_err();
/// assert!(matches!(r.reason(), Reason::ChangeCooldown { .. }));
/// assert_eq!(r.message_zh(), "距上次变更未满 1 个自然月，2026-02-28 10:00 (UTC+8) 起可再次变更");
/// assert_eq!(check_change(tencent, Transition::Remove, None, now, &cal).unwrap_err().code(), "change_forbidden");
/// ```
pub fn check_change(
    profile: &Profile,
    transition: Transition,
    last_change: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    calendar: &dyn WorkCalendar,
) -> Result<(), Refusal> {
    let Some(rule) = profile.change(transition) else {
        return Ok(());
    };
    let source = || rule.availability.source.clone();
    match rule.availability.value {
        Availability::Online => {}
        Availability::Forbidden => {
            return Err(Refusal::new(
                Reason::ChangeForbidden { transition },
                source(),
            ));
        }
        Availability::Offline(contact) => {
            return Err(Refusal::new(
                Reason::ChangeOffline {
                    transition,
                    contact,
                },
                source(),
            ));
        }
    }
    if let (Some(last), Some(cooldown)) = (last_change, rule.cooldown.sourced())
        && cooldown.value.gates == Gate::Initiation
    {
        let allowed_from = due(last, cooldown.value.wait, calendar)
            .map_err(|e| Refusal::new(Reason::Calendar(e), cooldown.source.clone()))?;
        if now < allowed_from {
            return Err(Refusal::new(
                Reason::ChangeCooldown {
                    transition,
                    wait: cooldown.value.wait,
                    allowed_from,
                },
                cooldown.source.clone(),
            ));
        }
    }
    Ok(())
}

/// Has a deadline passed? `from` is the moment the deadline counts from
/// (its [`Anchor`](crate::policy::Anchor)); the answer is the moment it
/// passes, or a refusal once `now` is past it.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::calendar::Weekdays;
/// use realname::policy::{Provider, Transition};
/// use realname::rules::check_deadline;
///
/// let change = Provider::Baidu.profile().change(Transition::IndividualToIndividual).unwrap();
/// let window = change.window.value().unwrap(); // 1 day from starting the change
/// let started = Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).unwrap();
/// let closes = Utc.with_ymd_and_hms(2026, 3, 3, 1, 0, 0).unwrap();
/// assert_eq!(check_deadline(window, started, started, &Weekdays), Ok(closes));
/// let late = Utc.with_ymd_and_hms(2026, 3, 3, 1, 0, 1).unwrap();
/// assert_eq!(check_deadline(window, started, late, &Weekdays).unwrap_err().code(), "deadline_passed");
/// ```
pub fn check_deadline(
    deadline: &Deadline,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
    calendar: &dyn WorkCalendar,
) -> Result<DateTime<Utc>, Refusal> {
    let at = due(from, deadline.within, calendar)
        .map_err(|e| Refusal::new(Reason::Calendar(e), None))?;
    if now > at {
        Err(Refusal::new(Reason::DeadlinePassed { due: at }, None))
    } else {
        Ok(at)
    }
}

/// Is this file acceptable for this method? The format is read from the
/// file name's extension (callers who hold the bytes can compare it with
/// [`FileFormat::sniff`]); sizes are in bytes. An empty file is never
/// acceptable; other rules refuse only where the profile states them.
///
/// ```
/// use realname::policy::{MethodKind, Provider};
/// use realname::rules::check_upload;
///
/// let huawei = Provider::HuaweiInternational.profile();
/// assert!(check_upload(huawei, MethodKind::DocumentUpload, "passport.PDF", 2_000_000).is_ok());
/// let r = check_upload(huawei, MethodKind::DocumentUpload, "passport.heic", 2_000_000).unwrap_err();
/// assert_eq!(r.to_string(), "Files heic are not accepted; use JPEG, BMP, PNG, PDF");
/// let r = check_upload(huawei, MethodKind::DocumentUpload, "passport.png", 11 * 1024 * 1024).unwrap_err();
/// assert_eq!(r.message_zh(), "文件大小 11 MB 超过上限 10 MB");
/// ```
pub fn check_upload(
    profile: &Profile,
    method: MethodKind,
    file_name: &str,
    size_bytes: u64,
) -> Result<(), Refusal> {
    if size_bytes == 0 {
        return Err(Refusal::new(Reason::UploadEmpty, None));
    }
    let Some(rule) = profile.upload_rule(method) else {
        return Ok(());
    };
    if let Some(formats) = rule.formats.sourced() {
        let found = FileFormat::from_file_name(file_name);
        if !found.is_some_and(|f| formats.value.contains(&f)) {
            let extension = file_name
                .rsplit_once('.')
                .map(|(_, ext)| ext.chars().take(16).collect())
                .unwrap_or_default();
            return Err(Refusal::new(
                Reason::UploadFormat {
                    extension,
                    accepted: formats.value.clone(),
                },
                formats.source.clone(),
            ));
        }
    }
    if let Some(max) = rule.max_bytes.sourced()
        && size_bytes > max.value
    {
        return Err(Refusal::new(
            Reason::UploadTooLarge {
                bytes: size_bytes,
                max_bytes: max.value,
            },
            max.source.clone(),
        ));
    }
    Ok(())
}

/// Does a bank card meet the method's conditions? Baidu AI Cloud's bank
/// card method takes UnionPay cards only ("仅支持银联卡认证"). A card whose
/// number shows another network that is never co-branded with UnionPay
/// (American Express, JCB, Discover, Diners Club) is refused; Visa and
/// Mastercard numbers are not, since co-branded UnionPay cards carry them.
///
/// ```
/// use realname::policy::{MethodKind, Provider};
/// use realname::rules::check_bank_card;
/// use realname::BankCardNumber;
///
/// let baidu = Provider::Baidu.profile();
/// let unionpay: BankCardNumber = "6228480012345671".parse()?;
/// assert!(check_bank_card(baidu, MethodKind::BankCard, &unionpay).is_ok());
/// let jcb: BankCardNumber = "3530111333300000".parse()?;
/// let r = check_bank_card(baidu, MethodKind::BankCard, &jcb).unwrap_err();
/// assert_eq!(r.message_zh(), "个人银行卡认证要求使用银联卡");
/// # Ok::<(), realname::Error>(())
/// ```
pub fn check_bank_card(
    profile: &Profile,
    method: MethodKind,
    card: &BankCardNumber,
) -> Result<(), Refusal> {
    let Some(m) = profile.method(method) else {
        return Ok(());
    };
    let never_unionpay = matches!(
        card.network(),
        CardNetwork::AmericanExpress
            | CardNetwork::Jcb
            | CardNetwork::Discover
            | CardNetwork::DinersClub
    );
    match m
        .requirements
        .iter()
        .find(|r| r.value == Requirement::UnionPayCard)
    {
        Some(r) if never_unionpay => Err(Refusal::new(
            Reason::RequirementNotMet {
                method,
                requirement: r.value,
            },
            r.source.clone(),
        )),
        _ => Ok(()),
    }
}

/// Is an amount, in fen, within the range of the method's deposit or
/// recharge? A range not stated never refuses.
///
/// ```
/// use realname::policy::{MethodKind, Provider};
/// use realname::rules::check_amount;
///
/// let baidu = Provider::Baidu.profile();
/// assert!(check_amount(baidu, MethodKind::CorporateTransfer, 37).is_ok());
/// let r = check_amount(baidu, MethodKind::CorporateTransfer, 0).unwrap_err();
/// assert_eq!(r.message_zh(), "金额 0.00 元不在 0.01–1.00 元范围内");
/// ```
pub fn check_amount(profile: &Profile, method: MethodKind, fen: u32) -> Result<(), Refusal> {
    let range = profile
        .method(method)
        .and_then(|m| m.payment.as_ref())
        .and_then(|p| p.amount_fen.sourced());
    match range {
        Some(r) if !r.value.contains(fen) => Err(Refusal::new(
            Reason::AmountOutOfRange {
                fen,
                range: r.value,
            },
            r.source.clone(),
        )),
        _ => Ok(()),
    }
}

/// When a review is due, with the review time it rests on.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::policy::ReviewTime;
/// use realname::rules::ReviewDue;
/// let at = Utc.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap();
/// let d = ReviewDue { due: at, time: ReviewTime::Instant };
/// assert!(!d.is_overdue(at) && d.is_overdue(at + chrono::Duration::seconds(1)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReviewDue {
    /// When the review should be decided by.
    pub due: DateTime<Utc>,
    /// The review time it rests on.
    pub time: ReviewTime,
}

impl ReviewDue {
    /// Whether `now` is past the due time.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use realname::policy::ReviewTime;
    /// let at = Utc.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap();
    /// assert!(!realname::rules::ReviewDue { due: at, time: ReviewTime::Instant }.is_overdue(at));
    /// ```
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        now > self.due
    }
}

/// When is a review of this method, started at `submitted`, due? With
/// `manual` set, the method's conditional manual review (Baidu's review of
/// other organisations, or of applications its risk policy flags) is the
/// one asked about. `Ok(None)` when the profile states no time, or only a
/// fastest one ("最快30分钟").
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use realname::calendar::ChinaMainland;
/// use realname::policy::{MethodKind, Provider};
/// use realname::rules::review_due;
///
/// let cal = ChinaMainland::default();
/// // Submitted Wednesday 2026-09-30, 17:00 in Beijing; 1–2 working days.
/// // The National Day holiday runs 1–7 October, so the second working day
/// // is Friday 9 October.
/// let submitted = Utc.with_ymd_and_hms(2026, 9, 30, 9, 0, 0).unwrap();
/// let due = review_due(Provider::Kingsoft.profile(), MethodKind::DocumentUpload, false, submitted, &cal)?.unwrap();
/// assert_eq!(due.due, Utc.with_ymd_and_hms(2026, 10, 9, 16, 0, 0).unwrap()); // 24:00 Friday, Beijing
/// assert!(due.is_overdue(Utc.with_ymd_and_hms(2026, 10, 10, 1, 0, 0).unwrap()));
/// # Ok::<(), realname::calendar::CalendarError>(())
/// ```
pub fn review_due(
    profile: &Profile,
    method: MethodKind,
    manual: bool,
    submitted: DateTime<Utc>,
    calendar: &dyn WorkCalendar,
) -> Result<Option<ReviewDue>, CalendarError> {
    let Some(m) = profile.method(method) else {
        return Ok(None);
    };
    let time = if manual {
        m.manual_review
            .value()
            .map(|r| r.time)
            .or(m.review.value().copied())
    } else {
        m.review.value().copied()
    };
    let Some(time) = time else {
        return Ok(None);
    };
    let Some(duration) = time.deadline() else {
        return Ok(None);
    };
    Ok(Some(ReviewDue {
        due: due(submitted, duration, calendar)?,
        time,
    }))
}
