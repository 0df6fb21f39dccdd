//! The account cap: may this identity verify one more account.

use super::*;

/// May one more account be verified with an identity that has already
/// verified `already_verified`? The cap that binds first for the subject
/// decides ([`ProfileData::account_cap`](crate::policy::ProfileData::account_cap)); a cap without a number never
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
///
/// For an identity document, [`check_identity_cap`] takes its
/// [`DocumentKey`], so that a bank card cannot be counted as an ID card;
/// this function serves caps counted by something that is not a document
/// (an organisation's name).
///
/// # Errors
///
/// A [`Refusal`] with [`Reason::AccountCap`] when the cap is reached.
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

/// May one more account be verified with this identity, which has
/// already verified `already_verified` accounts? The cap of the key's
/// subject decides, as in [`check_account_cap`]; taking a
/// [`DocumentKey`] rather than a subject kind means only an identity
/// document can be counted: a bank card or a mobile number has no key.
///
/// The key stands for one document's identity (a person's 15- and
/// 18-digit numbers are one key). The cap applied is the one the profile
/// states for the key's subject, whatever document it names: a profile
/// whose cap counts a natural person across all their documents
/// ([`CapKey::NaturalPerson`]) is applied to each document's count
/// (linking one person's documents is the caller's), and a cap stated for
/// ID cards (Tencent's "个人身份证") applies to the other personal
/// documents too, since the provider states none for them. Which
/// documents may verify at all is [`check_document`]'s question.
///
/// # Errors
///
/// A [`Refusal`] with [`Reason::AccountCap`] when the cap is reached.
///
/// ```
/// use realname::policy::Provider;
/// use realname::rules::check_identity_cap;
/// use realname::{DocumentKey, LegacyResidentId, ResidentId};
///
/// let tencent = Provider::Tencent.profile();
/// let id = DocumentKey::from(ResidentId::parse("11010519491231002X")?);
/// assert!(check_identity_cap(tencent, &id, 2).is_ok());
/// assert_eq!(check_identity_cap(tencent, &id, 3).unwrap_err().code(), "account_cap_reached");
/// // The same person's old 15-digit number counts against the same key.
/// assert_eq!(DocumentKey::from(LegacyResidentId::parse("110105491231002")?), id);
/// # Ok::<(), realname::Error>(())
/// ```
pub fn check_identity_cap(
    profile: &Profile,
    key: &DocumentKey,
    already_verified: u32,
) -> Result<(), Refusal> {
    check_account_cap(profile, key.subject(), already_verified)
}
