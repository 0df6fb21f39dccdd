//! Attempt limits: how many attempts are left.

use super::*;

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
/// assert_eq!(r.to_string_zh(), "个人银行卡认证已认证 10 次，已达上限，请选择其他认证方式");
/// let change = Scope::ChangeRequest(Transition::IndividualToIndividual);
/// assert_eq!(attempts_left(baidu, MethodKind::BankCard, change, 4), Ok(Some(1)));
/// // Face has no stated limit.
/// assert_eq!(attempts_left(baidu, MethodKind::Face, Scope::Account, 1_000), Ok(None));
/// ```
///
/// # Errors
///
/// A [`Refusal`] with [`Reason::AttemptsExhausted`] when `used` reaches
/// the limit.
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
