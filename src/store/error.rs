//! What a store's error must tell, and the input every store refuses.

/// The errors of a store: each says whether trying again can help, and has
/// a stable code.
///
/// A retryable error is one where the same call may succeed later and has
/// changed nothing (a busy database, a lost connection before commit, a
/// serialisation failure). A call that may have committed before the
/// error reached the caller is safe to retry too, because every write the
/// traits define is idempotent: a bind of a bound account, an attempt with
/// a counted token, a flow save whose record is already stored. A retried
/// `release` or `rebind` whose first try went through answers that it
/// released nothing: the counts are right, but a caller that acts on
/// `released` should act on the first answer it got.
///
/// ```
/// use realname::store::{InputError, StoreError};
/// let e = InputError::Empty { field: "account" };
/// assert!(!e.retryable());
/// assert_eq!(StoreError::code(&e), "store_empty_input");
/// ```
pub trait StoreError: std::error::Error + Send + Sync + 'static {
    /// Whether the same call may succeed if made again.
    fn retryable(&self) -> bool;
    /// A stable machine-readable code.
    fn code(&self) -> &'static str;
}

/// The longest account id, flow id, change id, attempt token or scope
/// instance a store takes, in bytes.
pub const MAX_ID_BYTES: usize = 200;

/// An id a store refuses: every store checks the same way, before it
/// touches its storage.
///
/// ```
/// use realname::store::{check_id, InputError};
/// assert_eq!(check_id("account", "acct-1"), Ok(()));
/// assert_eq!(check_id("account", ""), Err(InputError::Empty { field: "account" }));
/// let e = check_id("account", "a\u{0}b").unwrap_err();
/// assert_eq!(e.to_string(), "the account has a control character at position 2");
/// assert_eq!(e.to_string_zh(), "account 的第 2 个字符是控制字符");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The id is empty.
    #[error("the {field} is empty")]
    Empty {
        /// Which id.
        field: &'static str,
    },
    /// The id is longer than [`MAX_ID_BYTES`].
    #[error("the {field} has {found} bytes, more than {max}")]
    TooLong {
        /// Which id.
        field: &'static str,
        /// The limit.
        max: usize,
        /// Its length.
        found: usize,
    },
    /// The id holds a control character (position counted in characters
    /// from 1).
    #[error("the {field} has a control character at position {position}")]
    Control {
        /// Which id.
        field: &'static str,
        /// Where.
        position: usize,
    },
    /// An instance id given for attempts over the account's whole life.
    #[error("attempts over the account's whole life take no transfer or change request id")]
    UnexpectedInstance,
    /// A flow save whose revision does not come after the one it replaces.
    #[error("a flow saved over revision {expected} must have a later revision, not {found}")]
    RevisionNotAdvanced {
        /// The revision replaced.
        expected: u64,
        /// The revision given.
        found: u64,
    },
}

impl InputError {
    /// The message in Chinese.
    ///
    /// ```
    /// use realname::store::InputError;
    /// assert_eq!(InputError::Empty { field: "account" }.to_string_zh(), "account 为空");
    /// ```
    #[must_use]
    pub fn to_string_zh(&self) -> String {
        match self {
            InputError::Empty { field } => format!("{field} 为空"),
            InputError::TooLong { field, max, found } => {
                format!("{field} 长 {found} 字节，超过上限 {max}")
            }
            InputError::Control { field, position } => {
                format!("{field} 的第 {position} 个字符是控制字符")
            }
            InputError::UnexpectedInstance => {
                "按账号累计的尝试次数不带打款或变更申请编号".to_owned()
            }
            InputError::RevisionNotAdvanced { expected, found } => {
                format!("覆盖第 {expected} 版的流程状态须使用更新的版本号，而不是 {found}")
            }
        }
    }
}

impl StoreError for InputError {
    fn retryable(&self) -> bool {
        false
    }

    fn code(&self) -> &'static str {
        match self {
            InputError::Empty { .. } => "store_empty_input",
            InputError::TooLong { .. } => "store_input_too_long",
            InputError::Control { .. } => "store_control_character",
            InputError::UnexpectedInstance => "store_unexpected_instance",
            InputError::RevisionNotAdvanced { .. } => "store_revision_not_advanced",
        }
    }
}

/// Checks an id a store is given: not empty, at most [`MAX_ID_BYTES`]
/// bytes, no control characters. Any other text, in any script, is taken
/// as it is.
///
/// ```
/// use realname::store::check_id;
/// assert!(check_id("account", "用户-42").is_ok());
/// assert!(check_id("account", &"x".repeat(201)).is_err());
/// ```
///
/// # Errors
///
/// The [`InputError`] that says which id and what is wrong with it.
pub fn check_id(field: &'static str, id: &str) -> Result<(), InputError> {
    if id.is_empty() {
        return Err(InputError::Empty { field });
    }
    if id.len() > MAX_ID_BYTES {
        return Err(InputError::TooLong {
            field,
            max: MAX_ID_BYTES,
            found: id.len(),
        });
    }
    if let Some(i) = id.chars().position(char::is_control) {
        return Err(InputError::Control {
            field,
            position: i + 1,
        });
    }
    Ok(())
}

/// The error of [`MemoryStore`](super::MemoryStore): only refused input,
/// since memory neither fails nor is edited behind the store's back.
///
/// ```
/// use realname::store::{MemoryError, InputError, StoreError};
/// let e = MemoryError::from(InputError::Empty { field: "account" });
/// assert_eq!(e.code(), "store_empty_input");
/// assert!(!e.retryable());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MemoryError {
    /// Refused input.
    #[error(transparent)]
    Input(#[from] InputError),
}

impl StoreError for MemoryError {
    fn retryable(&self) -> bool {
        false
    }

    fn code(&self) -> &'static str {
        match self {
            MemoryError::Input(e) => e.code(),
        }
    }
}

/// A flow id whose stored state failed its seal: the row was edited, or
/// written under a secret this store does not hold. Real stores report it
/// as an error of their own type carrying this.
///
/// ```
/// let t = realname::store::Tampered { id: "f-1".into() };
/// assert_eq!(t.to_string(), "the stored state of flow f-1 fails its seal: it was changed outside the store or under another secret");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the stored state of flow {id} fails its seal: it was changed outside the store or under another secret"
)]
pub struct Tampered {
    /// The flow's id.
    pub id: String,
}

impl Tampered {
    /// The stable code: `store_tampered`.
    ///
    /// ```
    /// assert_eq!(realname::store::Tampered { id: "f".into() }.code(), "store_tampered");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        "store_tampered"
    }
}
