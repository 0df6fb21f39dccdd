//! A form field that keeps the typed error through deserialization.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::Error;
use crate::document::UnknownKind;
use crate::subject::NameError;

/// A field of a form: the result of parsing what the form held there.
///
/// A struct field of a document type (`id: ResidentId`) makes the whole
/// form fail on the first bad value, with serde's message only: no
/// [`Error::code`], no Chinese text, and the other fields unread. A
/// `Field<ResidentId>` always deserializes: it holds `Ok` with the value,
/// or `Err` with the typed [`Error`] (for names, the [`NameError`]), so
/// every field of the form can be reported at once, in both languages.
///
/// Any string is parsed with the type's `FromStr` (so with the default
/// [`ParseOptions`](crate::ParseOptions)). A value that is not text (a
/// number, a boolean, a list, a map) gives [`Error::NotText`]; `null` gives
/// [`Error::Empty`], and so does a missing field marked
/// `#[serde(default)]`.
///
/// ```
/// use realname::document::Field;
/// use realname::subject::PersonName;
/// use realname::{MobileNumber, ResidentId};
///
/// #[derive(serde::Deserialize)]
/// struct Form {
///     name: Field<PersonName>,
///     id: Field<ResidentId>,
///     #[serde(default)]
///     mobile: Field<MobileNumber>,
/// }
///
/// let form: Form = serde_json::from_str(r#"{"name": "张三", "id": "110101199003070010", "mobile": 13812345678}"#)?;
/// assert_eq!(form.name.result().unwrap().as_str(), "张三");
///
/// let id = form.id.into_result().unwrap_err();
/// assert_eq!(id.code(), "checksum");
/// assert_eq!(id.to_string_zh(), "校验位为 0，应为 1");
///
/// let mobile = form.mobile.into_result().unwrap_err();
/// assert_eq!(mobile.code(), "not_text");
/// assert_eq!(mobile.to_string_zh(), "值不是文本");
///
/// // Each error serializes as {"code", "message", "message_zh", …}:
/// assert_eq!(serde_json::to_value(&id)?["code"], "checksum");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub struct Field<T: FromStr>(Result<T, T::Err>);

/// The errors a [`Field`] can hold: what the type's `FromStr` returns, and
/// the values for input that is not text and for no input.
///
/// Implemented for [`Error`] (every document type), [`NameError`] (names)
/// and [`UnknownKind`] ([`DocumentKind`](crate::DocumentKind)); implement
/// it for the error of your own `FromStr` types to use them in a `Field`.
///
/// ```
/// use realname::document::FieldError;
/// use realname::Error;
/// assert_eq!(<Error as FieldError>::not_text(), Error::NotText);
/// assert_eq!(<Error as FieldError>::empty(), Error::Empty);
/// ```
pub trait FieldError {
    /// The error for a value that is not text.
    fn not_text() -> Self;
    /// The error for `null` or a missing field.
    fn empty() -> Self;
}

impl FieldError for Error {
    fn not_text() -> Self {
        Error::NotText
    }
    fn empty() -> Self {
        Error::Empty
    }
}

impl FieldError for NameError {
    fn not_text() -> Self {
        NameError::NotText
    }
    fn empty() -> Self {
        NameError::Empty
    }
}

impl FieldError for UnknownKind {
    fn not_text() -> Self {
        UnknownKind
    }
    fn empty() -> Self {
        UnknownKind
    }
}

impl<T: FromStr> Field<T> {
    /// A field holding the result of parsing `s`, as deserialization
    /// makes it.
    ///
    /// ```
    /// use realname::document::Field;
    /// assert!(Field::<realname::ResidentId>::parse("11010519491231002X").is_ok());
    /// ```
    pub fn parse(s: &str) -> Field<T> {
        Field(s.parse())
    }

    /// The result, borrowed.
    ///
    /// ```
    /// use realname::document::Field;
    /// let f = Field::<realname::MobileNumber>::parse("13812345678");
    /// assert_eq!(f.result().unwrap().as_str(), "13812345678");
    /// ```
    ///
    /// # Errors
    ///
    /// The error the value failed to parse with.
    pub fn result(&self) -> Result<&T, &T::Err> {
        self.0.as_ref()
    }

    /// The result.
    ///
    /// ```
    /// use realname::document::Field;
    /// use realname::Error;
    /// let f = Field::<realname::ResidentId>::parse("");
    /// assert_eq!(f.into_result().unwrap_err(), Error::Empty);
    /// ```
    ///
    /// # Errors
    ///
    /// The error the value failed to parse with.
    pub fn into_result(self) -> Result<T, T::Err> {
        self.0
    }

    /// Whether the value parsed.
    ///
    /// ```
    /// use realname::document::Field;
    /// assert!(!Field::<realname::ResidentId>::parse("1101").is_ok());
    /// ```
    pub fn is_ok(&self) -> bool {
        self.0.is_ok()
    }

    /// The value, if it parsed.
    ///
    /// ```
    /// use realname::document::Field;
    /// assert!(Field::<realname::ResidentId>::parse("1101").ok().is_none());
    /// ```
    pub fn ok(self) -> Option<T> {
        self.0.ok()
    }
}

impl<T: FromStr> From<Field<T>> for Result<T, T::Err> {
    fn from(field: Field<T>) -> Self {
        field.0
    }
}

impl<T: FromStr> Default for Field<T>
where
    T::Err: FieldError,
{
    /// No value: [`FieldError::empty`], for `#[serde(default)]`.
    fn default() -> Self {
        Field(Err(T::Err::empty()))
    }
}

impl<T: FromStr + fmt::Debug> fmt::Debug for Field<T>
where
    T::Err: fmt::Debug,
{
    /// The value's own `Debug` (masked for documents and names) or the
    /// error's.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Field").field(&self.0).finish()
    }
}

impl<T: FromStr + Clone> Clone for Field<T>
where
    T::Err: Clone,
{
    fn clone(&self) -> Self {
        Field(self.0.clone())
    }
}

impl<T: FromStr + PartialEq> PartialEq for Field<T>
where
    T::Err: PartialEq,
{
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<T: FromStr + Serialize> Serialize for Field<T>
where
    T::Err: Serialize,
{
    /// `{"ok": value}` or `{"error": error}`.
    ///
    /// ```
    /// use realname::document::Field;
    /// let f = Field::<realname::ResidentId>::parse("1101");
    /// assert_eq!(serde_json::to_value(&f)?["error"]["code"], "length");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        match &self.0 {
            Ok(value) => map.serialize_entry("ok", value)?,
            Err(error) => map.serialize_entry("error", error)?,
        }
        map.end()
    }
}

impl<'de, T: FromStr> Deserialize<'de> for Field<T>
where
    T::Err: FieldError,
{
    /// Never fails on the value: any string is parsed, anything else holds
    /// [`FieldError::not_text`] (or [`FieldError::empty`] for `null`). Only
    /// malformed input (broken JSON) fails.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let visitor = FieldVisitor(PhantomData);
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(visitor)
        } else {
            deserializer.deserialize_str(visitor)
        }
    }
}

struct FieldVisitor<T>(PhantomData<fn() -> T>);

impl<T: FromStr> FieldVisitor<T>
where
    T::Err: FieldError,
{
    fn not_text<E>(self) -> Result<Field<T>, E> {
        Ok(Field(Err(T::Err::not_text())))
    }
}

impl<'de, T: FromStr> Visitor<'de> for FieldVisitor<T>
where
    T::Err: FieldError,
{
    type Value = Field<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Field<T>, E> {
        Ok(Field::parse(s))
    }

    fn visit_bytes<E: de::Error>(self, b: &[u8]) -> Result<Field<T>, E> {
        match std::str::from_utf8(b) {
            Ok(s) => self.visit_str(s),
            Err(_) => self.not_text(),
        }
    }

    fn visit_char<E: de::Error>(self, c: char) -> Result<Field<T>, E> {
        self.visit_str(c.encode_utf8(&mut [0; 4]))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Field<T>, E> {
        Ok(Field::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Field<T>, E> {
        Ok(Field::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Field<T>, D::Error> {
        Field::deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Field<T>, D::Error> {
        Field::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Field<T>, E> {
        self.not_text()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Field<T>, E> {
        self.not_text()
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Field<T>, E> {
        self.not_text()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Field<T>, E> {
        self.not_text()
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Field<T>, E> {
        self.not_text()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Field<T>, E> {
        self.not_text()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Field<T>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.not_text()
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field<T>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.not_text()
    }
}
