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
