//! Methods and documents: which methods an applicant may use, and with what.

use super::*;

/// Does the provider verify this kind of subject at all? Only a profile
/// that states it does not ([`ProfileData::serves`](crate::policy::ProfileData::serves)
/// is `Some(false)`) refuses; one that says nothing does not, like every
/// rule not stated.
///
/// ```
/// use realname::policy::Provider;
/// use realname::rules::check_subject;
/// use realname::SubjectKind;
///
/// // Huawei Cloud's international page states nothing of organisations:
/// // not stated, so not refused (though it offers them no method).
/// assert!(check_subject(Provider::HuaweiInternational.profile(), SubjectKind::Organization).is_ok());
/// assert!(check_subject(Provider::Baidu.profile(), SubjectKind::Individual).is_ok());
/// ```
///
/// # Errors
///
/// A [`Refusal`] with [`Reason::SubjectNotServed`] when the profile states
/// that it does not verify this kind of subject.
pub fn check_subject(profile: &Profile, subject: SubjectKind) -> Result<(), Refusal> {
    match profile.subjects.get(subject).sourced() {
        Some(s) if !s.value => Err(Refusal::new(
            Reason::SubjectNotServed { subject },
            s.source.clone(),
        )),
        _ => Ok(()),
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
/// assert_eq!(r.to_string_zh(), "企业对公打款认证要求非事业单位");
/// ```
///
/// # Errors
///
/// A [`Refusal`] when the method is not offered for the applicant, or
/// the applicant fails one of its requirements (residency, organisation
/// type, licence, programme).
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
pub(super) type Judged<'p, T> = Result<T, (Reason, Option<&'p Source>)>;

pub(super) fn judge_method<'p>(
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

pub(super) fn offered(
    profile: &Profile,
    method: MethodKind,
    subject: SubjectKind,
) -> Judged<'_, &Method> {
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
/// assert_eq!(r.to_string_zh(), "个人银行卡认证不支持港澳居民来往内地通行证");
/// ```
///
/// # Errors
///
/// A [`Refusal`] when the method is not offered for the document's
/// subject or does not accept the document.
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

/// Does the method accept this document from this holder? The kind must be
/// accepted ([`check_document`]), and where the method takes the kind from
/// some holders only ([`Method::document_residency`]), the holder must live
/// where it says: as the document shows ([`Residency::of_document`]: a
/// resident ID's number tells a mainland citizen from a Hong Kong, Macao
/// or Taiwan resident with a residence permit), else as `residency`, what
/// the applicant says. Where neither tells, the document is not refused.
///
/// ```
/// use realname::policy::{MethodKind, Provider, Residency};
/// use realname::rules::check_document_holder;
/// use realname::{Document, DocumentKind};
///
/// let baidu = Provider::Baidu.profile();
/// let card = Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?;
/// assert!(check_document_holder(baidu, MethodKind::Face, &card, None).is_ok());
/// // A Taiwan resident's residence permit is not the 大陆居民二代身份证.
/// let permit = Document::parse_as(DocumentKind::ResidentId, "830000199201300022")?;
/// let r = check_document_holder(baidu, MethodKind::Face, &permit, None).unwrap_err();
/// assert_eq!(r.code(), "document_holder_not_served");
/// assert_eq!(r.to_string_zh(), "人脸识别认证的居民身份证不适用于台湾用户");
/// # Ok::<(), realname::Error>(())
/// ```
///
/// # Errors
///
/// A [`Refusal`] when the method does not accept the kind
/// ([`check_document`]), or with [`Reason::DocumentHolderNotServed`] when
/// its holder lives where the method does not take the kind from.
pub fn check_document_holder(
    profile: &Profile,
    method: MethodKind,
    document: &Document,
    residency: Option<Residency>,
) -> Result<(), Refusal> {
    let kind = document.kind();
    check_document(profile, method, kind)?;
    let Some(rule) = profile
        .method(method)
        .and_then(|m| m.holder_residency(kind))
    else {
        return Ok(());
    };
    match Residency::of_document(document).or(residency) {
        Some(r) if !rule.value.allows(r) => Err(Refusal::new(
            Reason::DocumentHolderNotServed {
                method,
                document: kind,
                residency: r,
            },
            rule.source.clone(),
        )),
        _ => Ok(()),
    }
}
