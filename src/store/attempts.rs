//! Attempts used of a method, counted atomically against a limit.

use core::fmt;
use core::future::Future;

use super::{InputError, StoreError, check_id};
use crate::policy::{MethodKind, Scope};

/// What attempts are counted over: an account's uses of a method over one
/// of the policy's [`Scope`]s. A transfer or a change request is named by
/// the caller's id for it, so a new request starts a new count.
///
/// ```
/// use realname::policy::{MethodKind, Scope, Transition};
/// use realname::store::AttemptScope;
/// let s = AttemptScope::new("acct-1", MethodKind::BankCard, Scope::Account, "")?;
/// assert_eq!(s.scope_key(), "bank_card/account");
/// let c = AttemptScope::new("acct-1", MethodKind::Face, Scope::ChangeRequest(Transition::IndividualToIndividual), "chg-7")?;
/// assert_eq!(c.scope_key(), "face/change_request:individual_to_individual/chg-7");
/// assert!(AttemptScope::new("acct-1", MethodKind::CorporateTransfer, Scope::Transfer, "").is_err());
/// # Ok::<(), realname::store::InputError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct AttemptScope {
    account: String,
    key: String,
}

impl AttemptScope {
    /// The scope of `account`'s attempts at `method` over `scope`;
    /// `instance` names the transfer or the change request, and is empty
    /// for [`Scope::Account`].
    ///
    /// # Errors
    ///
    /// [`InputError`] when the account or the instance is refused by
    /// [`check_id`], when an account scope is given an instance, or a
    /// transfer or change request none.
    pub fn new(
        account: &str,
        method: MethodKind,
        scope: Scope,
        instance: &str,
    ) -> Result<AttemptScope, InputError> {
        check_id("account", account)?;
        let key = match scope {
            Scope::Account => {
                if !instance.is_empty() {
                    return Err(InputError::UnexpectedInstance);
                }
                format!("{}/account", method.id())
            }
            Scope::Transfer => {
                check_id("transfer id", instance)?;
                format!("{}/transfer/{instance}", method.id())
            }
            Scope::ChangeRequest(t) => {
                check_id("change request id", instance)?;
                format!("{}/change_request:{}/{instance}", method.id(), t.id())
            }
        };
        Ok(AttemptScope {
            account: account.to_owned(),
            key,
        })
    }

    /// The account.
    ///
    /// ```
    /// use realname::policy::{MethodKind, Scope};
    /// let s = realname::store::AttemptScope::new("acct-1", MethodKind::Face, Scope::Account, "")?;
    /// assert_eq!(s.account(), "acct-1");
    /// # Ok::<(), realname::store::InputError>(())
    /// ```
    #[must_use]
    pub fn account(&self) -> &str {
        &self.account
    }

    /// The scope within the account, as a store keys it:
    /// `method/scope[/instance]`.
    ///
    /// ```
    /// use realname::policy::{MethodKind, Scope};
    /// let s = realname::store::AttemptScope::new("a", MethodKind::Recharge, Scope::Transfer, "t-1")?;
    /// assert_eq!(s.scope_key(), "recharge/transfer/t-1");
    /// # Ok::<(), realname::store::InputError>(())
    /// ```
    #[must_use]
    pub fn scope_key(&self) -> &str {
        &self.key
    }
}

impl fmt::Debug for AttemptScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AttemptScope({} {})", self.account, self.key)
    }
}

/// The answer of [`AttemptLedger::consume`], with the attempts used after
/// the call.
///
/// ```
/// use realname::store::Consumed;
/// assert!(Consumed::Counted { used: 1 }.allowed());
/// assert!(Consumed::AlreadyCounted { used: 1 }.allowed());
/// assert!(!Consumed::Exhausted { used: 3 }.allowed());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Consumed {
    /// Counted now: the attempt may go ahead.
    Counted {
        /// Attempts used, this one included.
        used: u32,
    },
    /// This token was counted before (a retried call): the attempt may go
    /// ahead, and it counts once.
    AlreadyCounted {
        /// Attempts used.
        used: u32,
    },
    /// The limit is used up: nothing was counted.
    Exhausted {
        /// Attempts used.
        used: u32,
    },
}

impl Consumed {
    /// Whether the attempt may go ahead.
    ///
    /// ```
    /// assert!(realname::store::Consumed::Counted { used: 2 }.allowed());
    /// ```
    #[must_use]
    pub fn allowed(&self) -> bool {
        !matches!(self, Consumed::Exhausted { .. })
    }

    /// Attempts used after the call.
    ///
    /// ```
    /// assert_eq!(realname::store::Consumed::Exhausted { used: 5 }.used(), 5);
    /// ```
    #[must_use]
    pub fn used(&self) -> u32 {
        match *self {
            Consumed::Counted { used }
            | Consumed::AlreadyCounted { used }
            | Consumed::Exhausted { used } => used,
        }
    }
}

/// Attempts used, per account and scope.
///
/// An attempt is counted before it is made, under a token the caller
/// chooses for it (a flow's [`ActionId`](crate::flow::ActionId) printed,
/// say): a retried call with the same token counts once, and a crash after
/// the count never refunds it.
///
/// ```
/// use realname::policy::{MethodKind, Provider, Scope};
/// use realname::store::{AttemptLedger, AttemptScope, Consumed, Keyring, MemoryStore, block_on};
///
/// let store = MemoryStore::new(Keyring::new(&[7; 32])?);
/// let scope = AttemptScope::new("acct-1", MethodKind::BankCard, Scope::Account, "")?;
/// // Baidu: 10 bank card attempts per account.
/// block_on(async {
///     for i in 1..=10 {
///         assert_eq!(store.consume(&scope, &format!("try-{i}"), 10).await?, Consumed::Counted { used: i });
///     }
///     assert_eq!(store.consume(&scope, "try-10", 10).await?, Consumed::AlreadyCounted { used: 10 });
///     assert_eq!(store.consume(&scope, "try-11", 10).await?, Consumed::Exhausted { used: 10 });
///     Ok::<(), realname::store::MemoryError>(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait AttemptLedger: Send + Sync {
    /// The store's error.
    type Error: StoreError;

    /// Counts one attempt under `token` unless `limit` are used: the check
    /// and the count are one atomic step. A token counted before is
    /// [`AlreadyCounted`](Consumed::AlreadyCounted), even past the limit.
    fn consume(
        &self,
        scope: &AttemptScope,
        token: &str,
        limit: u32,
    ) -> impl Future<Output = Result<Consumed, Self::Error>> + Send;

    /// Attempts used in the scope.
    fn used(&self, scope: &AttemptScope) -> impl Future<Output = Result<u32, Self::Error>> + Send;

    /// Forgets the scope's attempts, where a rule says a count starts
    /// again; returns how many were forgotten.
    fn reset(&self, scope: &AttemptScope) -> impl Future<Output = Result<u32, Self::Error>> + Send;
}
