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
//! assert_eq!(refusal.to_string_zh(), "该证件已认证 3 个账号，已达上限");
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
use crate::calendar::{CalendarError, Due, Duration, WorkCalendar, beijing_time, deadline};
use crate::org::OrganizationType;
use crate::policy::{
    AmountRange, Availability, CapKey, Contact, Counted, Deadline, FileFormat, Gate, Method,
    MethodKind, OnExhaust, Profile, Raise, Requirement, Residency, ReviewTime, Scope, Source,
    Transition, yuan,
};
use crate::{BankCardNumber, CardNetwork, Document, DocumentKey, DocumentKind, SubjectKind};

mod age;
mod applicant;
mod attempts;
mod cap;
mod change;
mod method;
mod payment;
mod refusal;
mod review;
mod upload;

pub use age::*;
pub use applicant::*;
pub use attempts::*;
pub use cap::*;
pub use change::*;
pub use method::*;
pub use payment::*;
pub use refusal::*;
pub use review::*;
pub use upload::*;
