//! The applicant: the facts about them that methods are restricted by.

use super::*;

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
    #[must_use]
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
    #[must_use]
    pub fn with_type(mut self, organization_type: OrganizationType) -> Applicant {
        self.organization_type = Some(organization_type);
        self
    }

    /// With whether the organisation holds a third-party payment licence.
    ///
    /// ```
    /// assert_eq!(realname::rules::Applicant::organization().with_payment_licence(true).holds_payment_licence, Some(true));
    /// ```
    #[must_use]
    pub fn with_payment_licence(mut self, holds: bool) -> Applicant {
        self.holds_payment_licence = Some(holds);
        self
    }

    /// With whether the account has joined the partner program.
    ///
    /// ```
    /// assert_eq!(realname::rules::Applicant::individual().with_partner_program(false).partner_program_member, Some(false));
    /// ```
    #[must_use]
    pub fn with_partner_program(mut self, member: bool) -> Applicant {
        self.partner_program_member = Some(member);
        self
    }
}
