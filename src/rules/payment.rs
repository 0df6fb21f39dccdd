//! Payments: deadlines, UnionPay cards, amounts.

use super::*;

/// Has a deadline passed? `from` is the moment the deadline counts from
/// (its [`Anchor`](crate::policy::Anchor)); the answer is the moment it
/// passes, with whether it rests on a day the calendar only estimates
/// ([`Due`]), or a refusal once `now` is past it. The deadline is one of a
/// checked [`Profile`]'s (a window of zero closes at its start).
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
/// assert_eq!(check_deadline(window, started, started, &Weekdays).map(|d| d.at), Ok(closes));
/// let late = Utc.with_ymd_and_hms(2026, 3, 3, 1, 0, 1).unwrap();
/// assert_eq!(check_deadline(window, started, late, &Weekdays).unwrap_err().code(), "deadline_passed");
/// ```
///
/// # Errors
///
/// A [`Refusal`] with [`Reason::DeadlinePassed`] when `now` is past the
/// deadline, or when the deadline cannot be reckoned on the calendar.
pub fn check_deadline(
    deadline: &Deadline,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
    calendar: &dyn WorkCalendar,
) -> Result<Due, Refusal> {
    let d = crate::calendar::deadline(from, deadline.within, calendar)
        .map_err(|e| Refusal::new(Reason::Calendar(e), None))?;
    if now > d.at {
        Err(Refusal::new(Reason::DeadlinePassed { due: d.at }, None))
    } else {
        Ok(d)
    }
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
/// assert_eq!(r.to_string_zh(), "个人银行卡认证要求使用银联卡");
/// # Ok::<(), realname::Error>(())
/// ```
///
/// # Errors
///
/// A [`Refusal`] when the method asks for a UnionPay card and the card is
/// of another network.
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
/// assert_eq!(r.to_string_zh(), "金额 0.00 元不在 0.01–1.00 元范围内");
/// ```
///
/// # Errors
///
/// A [`Refusal`] with [`Reason::AmountOutOfRange`] for an amount outside
/// the stated range.
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
