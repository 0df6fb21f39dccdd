//! Documents issued abroad: a foreign passport and a foreign driving
//! licence, each an issuing country and a number.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use super::{
    Country, InputForm, Masked, ParseOptions, all_digits_or_upper, ascii_str, check_input_len,
    copy_padded, from_full_width, trim_lenient,
};
use crate::error::{CharClass, Error, NationalityCode};

/// The lengths the number part may have.
const NUMBER_LENGTHS: &[u8] = &[5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

/// An issuing country and a number of 5 to 20 letters and digits, stored as
/// the canonical text `USA:123456789`.
#[derive(Clone, Copy)]
struct Issued {
    country: Country,
    /// `AAA:` and the number.
    bytes: [u8; 24],
    len: u8,
}

impl Issued {
    /// Parses `CCC:NUMBER` (lenient input also takes a space or hyphen
    /// after the country, or nothing, and drops spaces and hyphens inside
    /// the number).
    #[inline]
    fn parse_with(s: &str, options: ParseOptions) -> Result<Issued, Error> {
        Issued::from_canonical_input(s.as_bytes())
            .map_or_else(|| Issued::parse_general(s, options), Ok)
    }

    /// The fast path of [`parse_with`](Self::parse_with): input already in
    /// the canonical form `CCC:NUMBER` and valid, read in place. `None` for
    /// anything else, which the general path reads.
    #[inline(always)]
    fn from_canonical_input(s: &[u8]) -> Option<Issued> {
        let (&[a, b, c, b':'], number) = s.split_first_chunk::<4>()? else {
            return None;
        };
        let ok = (5..=20).contains(&number.len()) && all_digits_or_upper(number);
        if !ok {
            return None;
        }
        let country = Country::from_alpha3_bytes([a, b, c])?;
        let bytes = copy_padded::<24>(s)?;
        Some(Issued {
            country,
            bytes,
            len: s.len() as u8,
        })
    }

    /// Every input the fast path of [`parse_with`](Self::parse_with) does
    /// not take.
    #[inline(never)]
    fn parse_general(s: &str, options: ParseOptions) -> Result<Issued, Error> {
        check_input_len(s)?;
        let lenient = options.input() == InputForm::Lenient;
        let s = if lenient { trim_lenient(s) } else { s };
        if s.is_empty() {
            return Err(Error::Empty);
        }
        if let Some(result) = Issued::parse_ascii(s.as_bytes(), lenient) {
            return result;
        }
        let mut chars = s
            .chars()
            .map(|c| if lenient { from_full_width(c) } else { c });
        let mut alpha3 = [0u8; 3];
        for (i, slot) in alpha3.iter_mut().enumerate() {
            let c = chars.next().unwrap_or('\0');
            let c = if lenient { c.to_ascii_uppercase() } else { c };
            if !c.is_ascii_uppercase() {
                return Err(Error::Character {
                    position: i + 1,
                    found: c,
                    expected: CharClass::Letter,
                });
            }
            *slot = c as u8;
        }
        let country = Country::from_alpha3(ascii_str(&alpha3)).ok_or(Error::Nationality {
            code: NationalityCode::Alpha3(alpha3),
        })?;
        Issued::with_number(country, chars, lenient, true)
    }

    /// The fast path of [`parse_with`](Self::parse_with): trimmed ASCII
    /// input that is valid, read byte by byte, or an unknown country (the
    /// general path's first error then). `None` for anything else, which
    /// the general path reads and names the problem of.
    fn parse_ascii(s: &[u8], lenient: bool) -> Option<Result<Issued, Error>> {
        let upper = |b: u8| if lenient { b.to_ascii_uppercase() } else { b };
        let (&[a, b, c], rest) = s.split_first_chunk::<3>()?;
        let alpha3 = [upper(a), upper(b), upper(c)];
        // The general path's error for the first ASCII character that is
        // no letter (it reads the others itself).
        for (i, (&x, original)) in alpha3.iter().zip([a, b, c]).enumerate() {
            if !x.is_ascii_uppercase() {
                return original.is_ascii().then_some(Err(Error::Character {
                    position: i + 1,
                    found: char::from(x),
                    expected: CharClass::Letter,
                }));
            }
        }
        let Some(country) = Country::from_alpha3_bytes(alpha3) else {
            return Some(Err(Error::Nationality {
                code: NationalityCode::Alpha3(alpha3),
            }));
        };
        let mut bytes = [0u8; 24];
        bytes[..3].copy_from_slice(&alpha3);
        bytes[3] = b':';
        let mut len = 0usize;
        let (_, number) = bytes.split_at_mut(4);
        for (i, &b) in rest.iter().enumerate() {
            let b = upper(b);
            // Letters and digits first: the usual case, and never a
            // separator.
            if b.is_ascii_digit() || b.is_ascii_uppercase() {
                *number.get_mut(len)? = b;
                len += 1;
                continue;
            }
            match b {
                b':' if i == 0 => {}
                b' ' | b'-' if lenient => {}
                _ => return None,
            }
        }
        (5..=20).contains(&len).then_some(Ok(Issued {
            country,
            bytes,
            len: (4 + len) as u8,
        }))
    }

    /// Reads the number part after `country`: 5 to 20 letters and digits.
    /// `after_code` says whether a `:` may lead (the number follows the
    /// country code in one string).
    fn with_number(
        country: Country,
        chars: impl Iterator<Item = char>,
        lenient: bool,
        after_code: bool,
    ) -> Result<Issued, Error> {
        let mut bytes = [0u8; 24];
        for (slot, &b) in bytes.iter_mut().zip(country.alpha3().as_bytes()) {
            *slot = b;
        }
        bytes[3] = b':';
        let mut len = 0usize;
        for (i, c) in chars.enumerate() {
            let c = if lenient { c.to_ascii_uppercase() } else { c };
            let separator = match c {
                ':' => i == 0 && after_code,
                ' ' | '-' => lenient,
                _ => false,
            };
            if separator {
                continue;
            }
            if !CharClass::LetterOrDigit.matches(u8::try_from(c).unwrap_or(0)) {
                return Err(Error::Character {
                    position: 4 + len + 1,
                    found: c,
                    expected: CharClass::LetterOrDigit,
                });
            }
            if let Some(slot) = bytes.get_mut(4 + len) {
                *slot = c as u8;
            }
            len += 1;
        }
        if !(5..=20).contains(&len) {
            return Err(Error::Length {
                expected: NUMBER_LENGTHS,
                found: len,
            });
        }
        Ok(Issued {
            country,
            bytes,
            len: (4 + len) as u8,
        })
    }

    fn as_str(&self) -> &str {
        ascii_str(self.bytes.get(..usize::from(self.len)).unwrap_or_default())
    }

    fn number(&self) -> &str {
        ascii_str(self.bytes.get(4..usize::from(self.len)).unwrap_or_default())
    }

    /// The country and up to two characters at each end of the number:
    /// fewer for short numbers, so that most of the number stays hidden.
    fn masked(&self) -> Masked {
        let keep = (self.number().len() / 4).min(2);
        Masked::new(self.as_str().as_bytes(), 4 + keep, keep)
    }
}

macro_rules! issued_document {
    ($(#[$meta:meta])* $name:ident, $sample:literal, $masked:literal, $expecting:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy)]
        pub struct $name(Issued);

        impl $name {
            #[doc = concat!(
                "Parses `CCC:NUMBER` with the default [`ParseOptions`].\n\n```\n",
                "let d = realname::", stringify!($name), "::parse(\"", $sample, "\")?;\n",
                "assert_eq!(d.country().alpha3(), \"USA\");\n",
                "# Ok::<(), realname::Error>(())\n```"
            )]
            ///
            /// # Errors
            ///
            /// An [`Error`](crate::Error) naming the first problem found;
            /// [`Error::TooLong`](crate::Error::TooLong) at once for input longer than
            /// [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
            pub fn parse(s: &str) -> Result<Self, Error> {
                Self::parse_with(s, ParseOptions::new())
            }

            #[doc = concat!(
                "Parses `CCC:NUMBER` with the given options: the ISO 3166-1 alpha-3 code of the ",
                "issuing country, a colon, and 5 to 20 letters and digits. Lenient input also ",
                "takes a space, a hyphen or nothing after the country, drops spaces and hyphens ",
                "inside the number and upper-cases letters.\n\n```\n",
                "use realname::", stringify!($name), ";\n",
                "assert_eq!(", stringify!($name), "::parse(\"usa 1234-5678\")?.as_str(), \"USA:12345678\");\n",
                "assert!(", stringify!($name), "::parse(\"XXX:12345678\").is_err());\n",
                "# Ok::<(), realname::Error>(())\n```"
            )]
            ///
            /// # Errors
            ///
            /// An [`Error`](crate::Error) naming the first problem found;
            /// [`Error::TooLong`](crate::Error::TooLong) at once for input longer than
            /// [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
            #[inline]
            pub fn parse_with(s: &str, options: ParseOptions) -> Result<Self, Error> {
                Issued::parse_with(s, options).map($name)
            }

            #[doc = concat!(
                "Builds one from an issuing country and a number (spaces and hyphens dropped).\n\n```\n",
                "use realname::{Country, ", stringify!($name), "};\n",
                "let usa = Country::from_alpha3(\"USA\").unwrap();\n",
                "let d = ", stringify!($name), "::new(usa, \"123 456 789\")?;\n",
                "assert_eq!(d.as_str(), \"USA:123456789\");\n",
                "# Ok::<(), realname::Error>(())\n```"
            )]
            ///
            /// # Errors
            ///
            /// An [`Error`](crate::Error) naming the first problem found;
            /// [`Error::TooLong`](crate::Error::TooLong) at once for input longer than
            /// [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
            pub fn new(country: Country, number: &str) -> Result<Self, Error> {
                check_input_len(number)?;
                Issued::with_number(country, number.trim().chars(), true, false).map($name)
            }

            #[doc = concat!(
                "The canonical form `CCC:NUMBER`.\n\n```\n",
                "assert_eq!(realname::", stringify!($name), "::parse(\"", $sample, "\")?.as_str(), \"", $sample, "\");\n",
                "# Ok::<(), realname::Error>(())\n```"
            )]
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }

            #[doc = concat!(
                "The issuing country.\n\n```\n",
                "assert_eq!(realname::", stringify!($name), "::parse(\"", $sample, "\")?.country().name_en(), \"United States\");\n",
                "# Ok::<(), realname::Error>(())\n```"
            )]
            pub fn country(&self) -> Country {
                self.0.country
            }

            #[doc = concat!(
                "The number without the country.\n\n```\n",
                "assert_eq!(realname::", stringify!($name), "::parse(\"", $sample, "\")?.number(), \"123456789\");\n",
                "# Ok::<(), realname::Error>(())\n```"
            )]
            pub fn number(&self) -> &str {
                self.0.number()
            }

            #[doc = concat!(
                "The masked form: the country, and the first two and the last two characters of a number of eight or more (one each of a shorter one).\n\n```\n",
                "assert_eq!(realname::", stringify!($name), "::parse(\"", $sample, "\")?.masked().as_str(), \"", $masked, "\");\n",
                "# Ok::<(), realname::Error>(())\n```"
            )]
            pub fn masked(&self) -> Masked {
                self.0.masked()
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for $name {}

        impl Hash for $name {
            fn hash<H: Hasher>(&self, state: &mut H) {
                self.as_str().hash(state);
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        super::document_traits!($name, $expecting);
    };
}

issued_document! {
    /// A passport issued by another country (外国护照): the ISO 3166-1
    /// alpha-3 code of the issuing country and a number of 5 to 20 letters
    /// and digits, written `USA:123456789`. Passport numbers have no check
    /// character common to all countries, so only the shape is checked.
    ///
    /// ```
    /// use realname::ForeignPassport;
    ///
    /// let p = ForeignPassport::parse("JPN TZ1234567")?;
    /// assert_eq!(p.as_str(), "JPN:TZ1234567");
    /// assert_eq!(p.country().name_zh(), "日本");
    /// assert_eq!(format!("{p:?}"), "ForeignPassport(JPN:TZ*****67)");
    /// # Ok::<(), realname::Error>(())
    /// ```
    ForeignPassport, "USA:123456789", "USA:12*****89", "a foreign passport as CCC:NUMBER"
}

issued_document! {
    /// A driving licence issued by another country (外国驾驶证), which
    /// Huawei Cloud's international site accepts: the ISO 3166-1 alpha-3
    /// code of the issuing country and a number of 5 to 20 letters and
    /// digits, written `DEU:B072RRE2I55`. Only the shape is checked.
    ///
    /// ```
    /// use realname::ForeignDrivingLicence;
    ///
    /// let l = ForeignDrivingLicence::parse("deu-b072rre2i55")?;
    /// assert_eq!(l.as_str(), "DEU:B072RRE2I55");
    /// # Ok::<(), realname::Error>(())
    /// ```
    ForeignDrivingLicence, "USA:123456789", "USA:12*****89", "a foreign driving licence as CCC:NUMBER"
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;
    use crate::document::fast_path_check::{options, variants};

    /// The fast path answers as the general path for every input near a
    /// valid one, under every option.
    #[test]
    fn issued_fast_path_agrees() {
        let key = |r: Result<Issued, Error>| r.map(|i| (i.country.alpha3(), i.bytes, i.len));
        for s in variants(&[
            "USA:123456789",
            "DEU:B072RRE2I55",
            "JPN:AB12345",
            "CHN:12345678901234567890",
        ]) {
            for o in options() {
                assert_eq!(
                    key(Issued::parse_with(&s, o)),
                    key(Issued::parse_general(&s, o)),
                    "{s:?} {o:?}"
                );
            }
        }
    }
}
