//! Changes of the verified subject: may a change start now.

use super::*;

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
/// assert_eq!(r.to_string_zh(), "距上次变更未满 1 个自然月，2026-02-28 10:00 (UTC+8) 起可再次变更");
/// assert_eq!(check_change(tencent, Transition::Remove, None, now, &cal).unwrap_err().code(), "change_forbidden");
/// ```
///
/// # Errors
///
/// A [`Refusal`] naming the rule: the change is forbidden, offline only,
/// or inside a cooldown (with the time it becomes allowed).
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
        let allowed = deadline(last, cooldown.value.wait, calendar)
            .map_err(|e| Refusal::new(Reason::Calendar(e), cooldown.source.clone()))?;
        if now < allowed.at {
            return Err(Refusal::new(
                Reason::ChangeCooldown {
                    transition,
                    wait: cooldown.value.wait,
                    allowed_from: allowed.at,
                    estimated: allowed.estimated,
                },
                cooldown.source.clone(),
            ));
        }
    }
    Ok(())
}
