//! Changes of the verified subject: availability, cooldowns, windows, attempts.

use super::*;

named_enum! {
    "policy";
    /// A change of an account's verified subject.
    ///
    /// ```
    /// use realname::policy::Transition;
    /// assert_eq!(Transition::OrganizationRename.name_zh(), "企业名称变更");
    /// ```
    Transition {
        /// To another individual.
        IndividualToIndividual = "individual_to_individual", "个人变更为其他个人", "individual to another individual";
        /// From an individual to an organisation.
        IndividualToOrganization = "individual_to_organization", "个人变更为企业", "individual to organisation";
        /// The same organisation (same unified social credit code) under a
        /// new name.
        OrganizationRename = "organization_rename", "企业名称变更", "organisation renamed";
        /// To another organisation.
        OrganizationToOrganization = "organization_to_organization", "企业变更为其他企业",
            "organisation to another organisation";
        /// From an organisation to an individual.
        OrganizationToIndividual = "organization_to_individual", "企业变更为个人", "organisation to individual";
        /// Removing the verification altogether (解除实名认证).
        Remove = "remove", "解除实名认证", "removing the verification";
    }
}

impl Transition {
    /// The kind of subject the account has after the change ([`Transition::Remove`],
    /// which leaves none and has no flow, answers [`SubjectKind::Organization`]).
    ///
    /// ```
    /// use realname::policy::Transition;
    /// use realname::SubjectKind;
    /// assert_eq!(Transition::IndividualToOrganization.to_subject(), SubjectKind::Organization);
    /// assert_eq!(Transition::OrganizationToIndividual.to_subject(), SubjectKind::Individual);
    /// ```
    pub fn to_subject(&self) -> SubjectKind {
        match self {
            Transition::IndividualToIndividual | Transition::OrganizationToIndividual => {
                SubjectKind::Individual
            }
            _ => SubjectKind::Organization,
        }
    }
}

/// Whether a change can be made, and how.
///
/// ```
/// use realname::policy::{Availability, Contact};
/// assert_ne!(Availability::Online, Availability::Offline(Contact::AccountManager));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Availability {
    /// In the console, by the account holder.
    Online,
    /// Only through the provider's staff.
    Offline(Contact),
    /// Not at all.
    Forbidden,
}

/// What a cooldown holds back.
///
/// ```
/// assert_ne!(realname::policy::Gate::Initiation, realname::policy::Gate::Completion);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Gate {
    /// Starting a new change.
    Initiation,
    /// Completing a new change.
    Completion,
}

/// How long after the last completed change a new one may be made.
///
/// ```
/// use realname::calendar::Duration;
/// use realname::policy::{Provider, Transition};
/// let c = Provider::Tencent.profile().change(Transition::IndividualToIndividual).unwrap();
/// assert_eq!(c.cooldown.value().unwrap().wait, Duration::CalendarMonths(1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Cooldown {
    /// How long, from the last completed change of the account's subject.
    pub wait: Duration,
    /// What it holds back.
    pub gates: Gate,
}

impl Cooldown {
    /// A wait of `wait` that holds back `gates`.
    ///
    /// ```
    /// use realname::calendar::Duration;
    /// use realname::policy::{Cooldown, Gate};
    /// let c = Cooldown::new(Duration::CalendarDays(30), Gate::Initiation);
    /// assert_eq!(c.gates, Gate::Initiation);
    /// ```
    #[must_use]
    pub const fn new(wait: Duration, gates: Gate) -> Cooldown {
        Cooldown { wait, gates }
    }
}

/// An attempt limit of one method within a change flow.
///
/// ```
/// use realname::policy::{MethodKind, Provider, Transition};
/// let c = Provider::Baidu.profile().change(Transition::IndividualToIndividual).unwrap();
/// assert_eq!(c.attempts[0].value.method, MethodKind::BankCard);
/// assert_eq!(c.attempts[0].value.limit.max, 5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct MethodAttempts {
    /// The method.
    pub method: MethodKind,
    /// Its limit in the change flow.
    pub limit: AttemptLimit,
}

impl MethodAttempts {
    /// The limit of `method` within a change flow.
    ///
    /// ```
    /// use realname::policy::{AttemptLimit, Counted, MethodAttempts, MethodKind, Scope, Transition};
    /// let scope = Scope::ChangeRequest(Transition::IndividualToIndividual);
    /// let a = MethodAttempts::new(MethodKind::BankCard, AttemptLimit::new(Counted::Attempts, 5, scope));
    /// assert_eq!(a.limit.max, 5);
    /// ```
    #[must_use]
    pub const fn new(method: MethodKind, limit: AttemptLimit) -> MethodAttempts {
        MethodAttempts { method, limit }
    }
}

/// The rules of one change of the verified subject.
///
/// ```
/// use realname::calendar::Duration;
/// use realname::policy::{Anchor, Availability, Provider, Transition};
/// let c = Provider::Baidu.profile().change(Transition::IndividualToIndividual).unwrap();
/// assert_eq!(c.availability.value, Availability::Online);
/// let window = c.window.value().unwrap();
/// assert_eq!((window.within, window.from), (Duration::CalendarDays(1), Anchor::Initiation));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct ChangeRule {
    /// Which change.
    pub transition: Transition,
    /// Whether and how it can be made.
    pub availability: Sourced<Availability>,
    /// How long after the last change.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub cooldown: Stated<Cooldown>,
    /// By when the new subject must be submitted or verified, or the change
    /// is withdrawn.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub window: Stated<Deadline>,
    /// How the current subject confirms the change.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Stated::is_not_stated",
            deserialize_with = "crate::policy::limits::bounded::stated_vec"
        )
    )]
    pub old_subject_methods: Stated<Vec<MethodKind>>,
    /// How the new subject is verified.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Stated::is_not_stated",
            deserialize_with = "crate::policy::limits::bounded::stated_vec"
        )
    )]
    pub new_subject_methods: Stated<Vec<MethodKind>>,
    /// Attempt limits within the flow; empty: not stated.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub attempts: Vec<Sourced<MethodAttempts>>,
    /// Whether the applicant may withdraw the request.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub withdrawable: Stated<bool>,
}

impl ChangeRule {
    /// A change with the given availability and every other rule not
    /// stated.
    ///
    /// ```
    /// use realname::policy::{Availability, ChangeRule, Sourced, Transition};
    /// let c = ChangeRule::new(Transition::Remove, Sourced::unsourced(Availability::Forbidden));
    /// assert!(c.cooldown.is_not_stated());
    /// ```
    #[must_use]
    pub fn new(transition: Transition, availability: Sourced<Availability>) -> ChangeRule {
        ChangeRule {
            transition,
            availability,
            cooldown: Stated::NotStated,
            window: Stated::NotStated,
            old_subject_methods: Stated::NotStated,
            new_subject_methods: Stated::NotStated,
            attempts: Vec::new(),
            withdrawable: Stated::NotStated,
        }
    }
}
