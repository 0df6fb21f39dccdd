//! The serde visitors of the crate's values: every message says what was
//! expected and what kind of value was found, never the value itself.
//!
//! serde's default messages quote the input (``invalid type: integer
//! `110105194912310021` ``, ``unknown variant `张三` ``). The visitors here
//! override every `visit_*` method, and human-readable formats are asked
//! for `deserialize_any`, so that the visitor, not the format, words the
//! message.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Unexpected, Visitor};

/// Deserializes text through `parse`: a string (or UTF-8 bytes) is parsed,
/// any other value is refused naming its type only.
pub(crate) fn text<'de, D, T, E, F>(
    deserializer: D,
    expecting: &'static str,
    parse: F,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    E: fmt::Display,
    F: FnOnce(&str) -> Result<T, E>,
{
    let visitor = TextVisitor {
        expecting,
        parse,
        value: PhantomData,
    };
    if deserializer.is_human_readable() {
        deserializer.deserialize_any(visitor)
    } else {
        deserializer.deserialize_str(visitor)
    }
}

/// Deserializes a stable identifier through `from_id`; an unknown one is
/// refused without being quoted.
pub(crate) fn id<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
    from_id: fn(&str) -> Option<T>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    text(deserializer, expecting, move |s: &str| {
        from_id(s).ok_or(UnknownId)
    })
}

/// The message for an identifier no value has.
struct UnknownId;

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown identifier")
    }
}

/// The name of a kind of value, as the messages give it.
pub(crate) fn unexpected_kind(u: &Unexpected<'_>) -> &'static str {
    match u {
        Unexpected::Bool(_) => "a boolean",
        Unexpected::Unsigned(_) | Unexpected::Signed(_) => "an integer",
        Unexpected::Float(_) => "a floating-point number",
        Unexpected::Char(_) | Unexpected::Str(_) => "a string",
        Unexpected::Bytes(_) => "bytes",
        Unexpected::Unit => "null",
        Unexpected::Option => "an optional value",
        Unexpected::NewtypeStruct => "a newtype struct",
        Unexpected::Seq => "a sequence",
        Unexpected::Map => "a map",
        Unexpected::Enum => "an enum",
        Unexpected::UnitVariant => "a unit variant",
        Unexpected::NewtypeVariant => "a newtype variant",
        Unexpected::TupleVariant => "a tuple variant",
        Unexpected::StructVariant => "a struct variant",
        Unexpected::Other(_) => "another value",
    }
}

/// `invalid type: <kind>, expected <expecting>`, without the value.
pub(crate) fn wrong_type<E: de::Error>(u: Unexpected<'_>, expecting: &dyn de::Expected) -> E {
    E::invalid_type(Unexpected::Other(unexpected_kind(&u)), expecting)
}

struct TextVisitor<T, F> {
    expecting: &'static str,
    parse: F,
    value: PhantomData<fn() -> T>,
}

/// The `visit_*` methods for every value that is not text, each refusing it
/// by its kind only.
macro_rules! refuse_non_text {
    () => {
        $crate::document::de::refuse_scalars!();
        fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::Seq,
                &self,
            ))
        }
    };
}

/// The `visit_*` methods for every value but text, maps and sequences,
/// each refusing it by its kind only.
macro_rules! refuse_scalars {
    () => {
        fn visit_bool<E: ::serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::Bool(false),
                &self,
            ))
        }
        fn visit_i64<E: ::serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::Signed(0),
                &self,
            ))
        }
        fn visit_i128<E: ::serde::de::Error>(self, _: i128) -> Result<Self::Value, E> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::Signed(0),
                &self,
            ))
        }
        fn visit_u64<E: ::serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::Unsigned(0),
                &self,
            ))
        }
        fn visit_u128<E: ::serde::de::Error>(self, _: u128) -> Result<Self::Value, E> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::Unsigned(0),
                &self,
            ))
        }
        fn visit_f64<E: ::serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::Float(0.0),
                &self,
            ))
        }
        fn visit_unit<E: ::serde::de::Error>(self) -> Result<Self::Value, E> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::Unit,
                &self,
            ))
        }
        fn visit_none<E: ::serde::de::Error>(self) -> Result<Self::Value, E> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::Unit,
                &self,
            ))
        }
        fn visit_some<D: ::serde::Deserializer<'de>>(self, _: D) -> Result<Self::Value, D::Error> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::Option,
                &self,
            ))
        }
        fn visit_newtype_struct<D: ::serde::Deserializer<'de>>(
            self,
            _: D,
        ) -> Result<Self::Value, D::Error> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::NewtypeStruct,
                &self,
            ))
        }
        fn visit_enum<A: ::serde::de::EnumAccess<'de>>(
            self,
            _: A,
        ) -> Result<Self::Value, A::Error> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::Enum,
                &self,
            ))
        }
    };
}
pub(crate) use refuse_scalars;

impl<'de, T, Er, F> Visitor<'de> for TextVisitor<T, F>
where
    Er: fmt::Display,
    F: FnOnce(&str) -> Result<T, Er>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        (self.parse)(s).map_err(E::custom)
    }

    fn visit_char<E: de::Error>(self, c: char) -> Result<T, E> {
        self.visit_str(c.encode_utf8(&mut [0; 4]))
    }

    fn visit_bytes<E: de::Error>(self, b: &[u8]) -> Result<T, E> {
        match std::str::from_utf8(b) {
            Ok(s) => self.visit_str(s),
            Err(_) => Err(wrong_type(Unexpected::Bytes(&[]), &self)),
        }
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(wrong_type(Unexpected::Map, &self))
    }

    refuse_non_text!();
}

/// Implements `Serialize` (as the stable identifier) and `Deserialize`
/// (through [`id`], quoting nothing) for a fieldless enum.
macro_rules! id_serde {
    ($ty:ident, $expecting:literal, { $($variant:ident => $id:literal),+ $(,)? }) => {
        #[cfg(feature = "serde")]
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(match self {
                    $($ty::$variant => $id,)+
                })
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::document::de::id(deserializer, $expecting, |s| match s {
                    $($id => Some($ty::$variant),)+
                    _ => None,
                })
            }
        }
    };
}
pub(crate) use id_serde;

/// A map's keys, read as one of `fields` (or `None` for any other key)
/// without ever quoting one.
pub(crate) struct Key<'a> {
    pub(crate) fields: &'a [&'static str],
}

impl<'de> de::DeserializeSeed<'de> for Key<'_> {
    /// The key's index in `fields`, `None` if it is not one of them.
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Option<usize>, E> {
        Ok(self.fields.iter().position(|f| *f == s))
    }

    fn visit_bytes<E: de::Error>(self, b: &[u8]) -> Result<Option<usize>, E> {
        Ok(self.fields.iter().position(|f| f.as_bytes() == b))
    }

    fn visit_u64<E: de::Error>(self, i: u64) -> Result<Option<usize>, E> {
        Ok(usize::try_from(i).ok().filter(|&i| i < self.fields.len()))
    }
}

/// The error for a key that is not a field: `unknown field, expected one
/// of …`, without the key.
pub(crate) fn unknown_field<E: de::Error>(fields: &[&'static str]) -> E {
    E::custom(format_args!("unknown field, expected {}", OneOf(fields)))
}

/// The error for a field given twice.
pub(crate) fn duplicate_field<E: de::Error>(field: &'static str) -> E {
    E::duplicate_field(field)
}

/// `a`, `a or b`, `one of a, b, c`.
struct OneOf<'a>(&'a [&'static str]);

impl fmt::Display for OneOf<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [] => f.write_str("no field"),
            [one] => write!(f, "`{one}`"),
            [a, b] => write!(f, "`{a}` or `{b}`"),
            more => {
                f.write_str("one of ")?;
                for (i, name) in more.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{name}`")?;
                }
                Ok(())
            }
        }
    }
}

/// Refuses everything but a map, naming the kind of value only: the
/// `visit_*` methods of a struct's visitor other than `visit_map`.
macro_rules! refuse_non_map {
    () => {
        fn visit_str<E: ::serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::Str(""),
                &self,
            ))
        }
        fn visit_bytes<E: ::serde::de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::Bytes(&[]),
                &self,
            ))
        }
        fn visit_char<E: ::serde::de::Error>(self, _: char) -> Result<Self::Value, E> {
            Err($crate::document::de::wrong_type(
                ::serde::de::Unexpected::Char(' '),
                &self,
            ))
        }
        $crate::document::de::refuse_scalars!();
    };
}
pub(crate) use refuse_non_map;

/// Deserializes a struct through `visitor`'s `visit_map`, with
/// `deserialize_any` in human-readable formats (so that the visitor words
/// every message) and `deserialize_struct` in the others.
pub(crate) fn structure<'de, D, V>(
    deserializer: D,
    name: &'static str,
    fields: &'static [&'static str],
    visitor: V,
) -> Result<V::Value, D::Error>
where
    D: Deserializer<'de>,
    V: Visitor<'de>,
{
    if deserializer.is_human_readable() {
        deserializer.deserialize_any(visitor)
    } else {
        deserializer.deserialize_struct(name, fields, visitor)
    }
}

/// Stores a field's value, refusing a second one.
pub(crate) fn set<T, E: de::Error>(
    slot: &mut Option<T>,
    field: &'static str,
    value: T,
) -> Result<(), E> {
    if slot.is_some() {
        return Err(duplicate_field(field));
    }
    *slot = Some(value);
    Ok(())
}

/// A required field's value.
pub(crate) fn required<T, E: de::Error>(slot: Option<T>, field: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(field))
}
