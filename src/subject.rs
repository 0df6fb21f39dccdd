//! Who is being verified: an individual, or an organisation with its legal
//! representative; and names as people type them.
//!
//! ```
//! use realname::org::OrganizationType;
//! use realname::subject::{Individual, Organization, OrganizationName, PersonName, Subject};
//! use realname::{Document, SubjectKind, Uscc};
//!
//! let person = Individual::new(
//!     PersonName::parse("阿卜杜拉•买买提")?,
//!     Document::parse_any("11010519491231002X").unwrap(),
//! )?;
//! assert_eq!(person.name().as_str(), "阿卜杜拉·买买提");
//!
//! let company = Organization::new(
//!     OrganizationName::parse("某某网络技术(北京)有限公司")?,
//!     Uscc::parse("91110108795101314G")?,
//!     OrganizationType::Enterprise,
//!     person.clone(),
//! )?;
//! assert_eq!(company.name().as_str(), "某某网络技术（北京）有限公司");
//! let subject = Subject::from(company);
//! assert_eq!(subject.kind(), SubjectKind::Organization);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use crate::Uscc;
use crate::document::{Document, DocumentKind, SubjectKind, from_full_width};
use crate::org::{Certainty, OrganizationType};

/// Why a name was rejected.
///
/// ```
/// use realname::subject::{NameError, PersonName};
/// assert_eq!(PersonName::parse("张3"), Err(NameError::Character { position: 2, found: '3' }));
/// assert_eq!(PersonName::parse("张3").unwrap_err().code(), "name_character");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum NameError {
    /// The name is empty, or only whitespace.
    #[error("the name is empty")]
    Empty,
    /// The name is shorter than the shortest allowed (in characters).
    #[error("the name has {found} characters, at least {min} are needed")]
    TooShort {
        /// The fewest characters allowed.
        min: usize,
        /// The characters found.
        found: usize,
    },
    /// The name is longer than the longest allowed (in characters).
    #[error("the name has {found} characters, at most {max} are allowed")]
    TooLong {
        /// The most characters allowed.
        max: usize,
        /// The characters found.
        found: usize,
    },
    /// The input is longer than any name could be, even with whitespace and
    /// full-width characters: it was refused before being read (see
    /// [`PersonName::MAX_INPUT_BYTES`] and
    /// [`OrganizationName::MAX_INPUT_BYTES`]).
    #[error("the name's input is longer than {max_bytes} bytes, more than any name")]
    InputTooLong {
        /// The most bytes of input the parser reads.
        max_bytes: usize,
    },
    /// The value is not text, as found by the serde form
    /// [`Field`](crate::document::Field).
    #[error("the name is not text")]
    NotText,
    /// A character a name may not hold: a digit or a control character.
    #[error("character {position} of the name is {found:?}, which a name may not contain")]
    Character {
        /// The position of the character, counting from 1, after trimming.
        position: usize,
        /// The character.
        found: char,
    },
}

impl NameError {
    /// A stable identifier of the kind of error.
    ///
    /// ```
    /// assert_eq!(realname::subject::NameError::Empty.code(), "name_empty");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            NameError::Empty => "name_empty",
            NameError::TooShort { .. } => "name_too_short",
            NameError::TooLong { .. } => "name_too_long",
            NameError::Character { .. } => "name_character",
            NameError::InputTooLong { .. } => "name_input_too_long",
            NameError::NotText => "name_not_text",
        }
    }

    /// The message in Chinese, fit to show an end user.
    ///
    /// ```
    /// use realname::subject::PersonName;
    /// assert_eq!(PersonName::parse("张").unwrap_err().to_string_zh(), "姓名至少需要 2 个字，实际为 1 个");
    /// ```
    pub fn to_string_zh(&self) -> String {
        match self {
            NameError::Empty => "名称为空".to_owned(),
            NameError::TooShort { min, found } => {
                format!("姓名至少需要 {min} 个字，实际为 {found} 个")
            }
            NameError::TooLong { max, found } => {
                format!("名称最多 {max} 个字，实际为 {found} 个")
            }
            NameError::Character { position, found } => {
                format!(
                    "名称的第 {position} 个字符“{}”不允许使用",
                    found.escape_debug()
                )
            }
            NameError::InputTooLong { max_bytes } => {
                format!("名称的输入超过 {max_bytes} 字节，比任何名称都长")
            }
            NameError::NotText => "名称不是文本".to_owned(),
        }
    }
}

#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for NameError {
    /// One object, as [`Error`](crate::Error)'s: `code`, `message`,
    /// `message_zh` and the variant's fields.
    ///
    /// ```
    /// let err = realname::subject::PersonName::parse("张").unwrap_err();
    /// assert_eq!(
    ///     serde_json::to_string(&err)?,
    ///     r#"{"code":"name_too_short","message":"the name has 1 characters, at least 2 are needed","message_zh":"姓名至少需要 2 个字，实际为 1 个","min":2,"found":1}"#
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", &self.to_string())?;
        map.serialize_entry("message_zh", &self.to_string_zh())?;
        match self {
            NameError::Empty | NameError::NotText => {}
            NameError::TooShort { min, found } => {
                map.serialize_entry("min", min)?;
                map.serialize_entry("found", found)?;
            }
            NameError::TooLong { max, found } => {
                map.serialize_entry("max", max)?;
                map.serialize_entry("found", found)?;
            }
            NameError::InputTooLong { max_bytes } => map.serialize_entry("max_bytes", max_bytes)?,
            NameError::Character { position, found } => {
                map.serialize_entry("position", position)?;
                map.serialize_entry("found", found)?;
            }
        }
        map.end()
    }
}

/// Normalises a name: trims, reads full-width ASCII as ASCII, collapses
/// runs of whitespace to one space, and maps each character through `map`.
/// Fails on control characters, on digits unless `digits` allows them, and
/// on lengths outside `min..=max` characters. Input longer than
/// `max_bytes` is refused first, before anything is copied or scanned.
fn normalize(
    s: &str,
    (min, max, max_bytes): (usize, usize, usize),
    digits: bool,
    map: impl Fn(char) -> char,
) -> Result<String, NameError> {
    if s.len() > max_bytes {
        return Err(NameError::InputTooLong { max_bytes });
    }
    let s = s.trim();
    if s.is_empty() {
        return Err(NameError::Empty);
    }
    let mut out = String::with_capacity(s.len());
    let mut count = 0;
    let mut space = false;
    for (i, c) in s.chars().enumerate() {
        let c = from_full_width(c);
        if c.is_control() || (!digits && c.is_numeric() && c != '〇') {
            return Err(NameError::Character {
                position: i + 1,
                found: c,
            });
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            count += 1;
            space = false;
        }
        out.push(map(c));
        count += 1;
    }
    if count < min {
        return Err(NameError::TooShort { min, found: count });
    }
    if count > max {
        return Err(NameError::TooLong { max, found: count });
    }
    Ok(out)
}

/// Masks all but the first `keep_head` and last `keep_tail` characters,
/// and never more than a quarter of the name at each end: a short name
/// (often a person's, for a sole trader) shows at most one character at
/// each end, and one of three characters or fewer shows none of the tail.
fn mask_chars(
    f: &mut fmt::Formatter<'_>,
    s: &str,
    keep_head: usize,
    keep_tail: usize,
) -> fmt::Result {
    let n = s.chars().count();
    let quarter = n / 4;
    let keep_head = keep_head.min(quarter.max(1)).min(n.saturating_sub(1));
    let keep_tail = keep_tail.min(quarter);
    for (i, c) in s.chars().enumerate() {
        if i < keep_head || i + keep_tail >= n {
            write!(f, "{c}")?;
        } else {
            f.write_str("*")?;
        }
    }
    Ok(())
}

/// `Display` (the name in full), a `Debug` that shows only the first `head`
/// and last `tail` characters, and `FromStr` through `parse`.
macro_rules! name_traits {
    ($ty:ident, $head:literal, $tail:literal) => {
        impl fmt::Display for $ty {
            /// The name in full. Use `{:?}` for logs.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $ty {
            /// The masked name.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($ty), "("))?;
                mask_chars(f, &self.0, $head, $tail)?;
                f.write_str(")")
            }
        }

        impl std::str::FromStr for $ty {
            type Err = NameError;
            fn from_str(s: &str) -> Result<Self, NameError> {
                $ty::parse(s)
            }
        }

        impl AsRef<str> for $ty {
            /// The name in full, as [`as_str`](Self::as_str).
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

/// A person's name as entered on a verification form (姓名).
///
/// Surrounding whitespace is trimmed, runs of spaces (in names written in
/// Latin letters) collapse to one, full-width ASCII reads as ASCII, and the
/// dots that separate the parts of minority and foreign names (`•`, `‧`,
/// `・`, `･`, `∙`, `⋅`, `．`, `.`) are all written as the middle dot `·`
/// (U+00B7) that the resident identity card uses. Digits and control
/// characters are rejected; 2 to 64 characters.
///
/// `Debug` shows the first character only: `PersonName(张**)`.
/// `Display`, `as_str()` and `AsRef<str>` give the name in full.
///
/// ```
/// use realname::subject::PersonName;
///
/// let name = PersonName::parse("  迪丽热巴．迪力木拉提 ")?;
/// assert_eq!(name.as_str(), "迪丽热巴·迪力木拉提");
/// assert_eq!(format!("{name:?}"), "PersonName(迪*********)");
/// assert!(name.matches("迪丽热巴・迪力木拉提"));
/// # Ok::<(), realname::subject::NameError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonName(String);

impl PersonName {
    /// The fewest characters a person's name may have.
    pub const MIN_CHARS: usize = 2;
    /// The most characters a person's name may have.
    pub const MAX_CHARS: usize = 64;
    /// The most bytes of input [`parse`](Self::parse) reads: longer input
    /// fails at once with [`NameError::InputTooLong`], before it is copied
    /// or scanned. Room for [`MAX_CHARS`](Self::MAX_CHARS) characters of
    /// four bytes each (the most UTF-8 takes) and as many bytes again of
    /// whitespace.
    ///
    /// ```
    /// use realname::subject::{NameError, PersonName};
    /// let long = "张".repeat(10_000);
    /// assert_eq!(PersonName::parse(&long), Err(NameError::InputTooLong { max_bytes: PersonName::MAX_INPUT_BYTES }));
    /// ```
    pub const MAX_INPUT_BYTES: usize = 512;

    /// Parses and normalises a name.
    ///
    /// ```
    /// use realname::subject::PersonName;
    /// assert_eq!(PersonName::parse("John   Smith")?.as_str(), "John Smith");
    /// assert!(PersonName::parse("张\u{7}三").is_err());
    /// # Ok::<(), realname::subject::NameError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`NameError`] naming the first problem found; [`NameError::InputTooLong`] at once for input longer than `MAX_INPUT_BYTES`.
    pub fn parse(s: &str) -> Result<PersonName, NameError> {
        let bounds = (Self::MIN_CHARS, Self::MAX_CHARS, Self::MAX_INPUT_BYTES);
        normalize(s, bounds, false, |c| match c {
            '•' | '‧' | '・' | '･' | '∙' | '⋅' | '.' | '·' => '·',
            other => other,
        })
        .map(PersonName)
    }

    /// The normalised name.
    ///
    /// ```
    /// assert_eq!(realname::subject::PersonName::parse("张三")?.as_str(), "张三");
    /// # Ok::<(), realname::subject::NameError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `other`, normalised the same way, is the same name. A name
    /// that does not parse matches nothing.
    ///
    /// ```
    /// let name = realname::subject::PersonName::parse("张三")?;
    /// assert!(name.matches(" 张三 "));
    /// assert!(!name.matches("张四"));
    /// # Ok::<(), realname::subject::NameError>(())
    /// ```
    pub fn matches(&self, other: &str) -> bool {
        PersonName::parse(other).is_ok_and(|o| o == *self)
    }
}

name_traits!(PersonName, 1, 0);

/// An organisation's name (单位名称) as entered on a form or printed on a
/// bank account.
///
/// Surrounding whitespace is trimmed, runs of spaces collapse to one,
/// full-width letters and digits read as ASCII, and brackets are written
/// full-width (`（北京）`), as registered Chinese names write them. 2 to 100
/// characters; control characters are rejected (digits are allowed:
/// 三六零, 360).
///
/// [`matches`](Self::matches) compares two names ignoring only harmless
/// differences: bracket width, spaces, the width and case of Latin letters
/// and digits. Kingsoft Cloud's corporate transfer fails when the bank
/// account's name is not the organisation's full name; this comparison says
/// whether two spellings are that same name.
///
/// ```
/// use realname::subject::OrganizationName;
///
/// let name = OrganizationName::parse("北京 ABC 科技(中国)有限公司")?;
/// assert_eq!(name.as_str(), "北京 ABC 科技（中国）有限公司");
/// assert!(name.matches("北京ＡＢＣ科技（中国）有限公司"));
/// assert!(name.matches("北京abc科技(中国)有限公司"));
/// assert!(!name.matches("北京ABC科技有限公司"));
/// assert_eq!(format!("{name:?}"), "OrganizationName(北京***********有限公司)");
/// // Short names, often a sole trader's own, are masked too.
/// let shop = OrganizationName::parse("张三五金店")?;
/// assert_eq!(format!("{shop:?}"), "OrganizationName(张***店)");
/// # Ok::<(), realname::subject::NameError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrganizationName(String);

impl OrganizationName {
    /// The fewest characters an organisation's name may have.
    pub const MIN_CHARS: usize = 2;
    /// The most characters an organisation's name may have.
    pub const MAX_CHARS: usize = 100;
    /// The most bytes of input [`parse`](Self::parse) reads: longer input
    /// fails at once with [`NameError::InputTooLong`], before it is copied
    /// or scanned. Room for [`MAX_CHARS`](Self::MAX_CHARS) characters of
    /// four bytes each and some 400 bytes of whitespace.
    ///
    /// ```
    /// use realname::subject::{NameError, OrganizationName};
    /// let long = "(".repeat(10_000);
    /// assert_eq!(OrganizationName::parse(&long).unwrap_err().code(), "name_input_too_long");
    /// ```
    pub const MAX_INPUT_BYTES: usize = 800;

    /// Parses and normalises a name.
    ///
    /// ```
    /// use realname::subject::OrganizationName;
    /// assert_eq!(OrganizationName::parse("三六零科技(集团)")?.as_str(), "三六零科技（集团）");
    /// # Ok::<(), realname::subject::NameError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`NameError`] naming the first problem found; [`NameError::InputTooLong`] at once for input longer than `MAX_INPUT_BYTES`.
    pub fn parse(s: &str) -> Result<OrganizationName, NameError> {
        // Digits are allowed in organisation names (三六零, 360).
        let bounds = (Self::MIN_CHARS, Self::MAX_CHARS, Self::MAX_INPUT_BYTES);
        normalize(s, bounds, true, |c| match c {
            '(' => '（',
            ')' => '）',
            other => other,
        })
        .map(OrganizationName)
    }

    /// The normalised name.
    ///
    /// ```
    /// assert_eq!(realname::subject::OrganizationName::parse("某某公司")?.as_str(), "某某公司");
    /// # Ok::<(), realname::subject::NameError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The characters that decide whether two names are the same: no
    /// spaces, upper-case ASCII (after the normalisation of `parse`).
    fn key(&self) -> impl Iterator<Item = char> + '_ {
        self.0
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
    }

    /// Whether `other` is the same name but for harmless differences:
    /// bracket width, spaces, and the width and case of Latin letters and
    /// digits. A name that does not parse matches nothing.
    ///
    /// ```
    /// let name = realname::subject::OrganizationName::parse("某某（上海）有限公司")?;
    /// assert!(name.matches("某某 (上海) 有限公司"));
    /// assert!(!name.matches("某某有限公司"));
    /// # Ok::<(), realname::subject::NameError>(())
    /// ```
    pub fn matches(&self, other: &str) -> bool {
        OrganizationName::parse(other).is_ok_and(|o| self.key().eq(o.key()))
    }
}

name_traits!(OrganizationName, 2, 4);

/// Why a subject could not be built.
///
/// ```
/// use realname::subject::{Individual, PersonName, SubjectError};
/// use realname::{Document, DocumentKind, SubjectKind};
///
/// let code = Document::parse_any("91350100M000100Y43").unwrap();
/// let err = Individual::new(PersonName::parse("张三").unwrap(), code).unwrap_err();
/// assert_eq!(err, SubjectError::WrongDocument { kind: DocumentKind::Uscc, expected: SubjectKind::Individual });
/// assert_eq!(err.code(), "wrong_document");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum SubjectError {
    /// The document belongs to the other kind of subject (an organisation's
    /// number for a person, or the other way round).
    #[error("a {} is not a document of an {expected}", .kind.name_en())]
    WrongDocument {
        /// The document's kind.
        kind: DocumentKind,
        /// The kind of subject being built.
        expected: SubjectKind,
    },
    /// The credit code's category registers other types of organisation.
    #[error("a credit code of category {category} does not belong to a {org_type}")]
    TypeMismatch {
        /// The credit code's category.
        category: crate::org::Category,
        /// The organisation type given.
        org_type: OrganizationType,
    },
}

impl SubjectError {
    /// A stable identifier of the kind of error.
    ///
    /// ```
    /// use realname::org::{Category, OrganizationType};
    /// use realname::subject::SubjectError;
    /// let e = SubjectError::TypeMismatch { category: Category::Enterprise, org_type: OrganizationType::Foundation };
    /// assert_eq!(e.code(), "type_mismatch");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            SubjectError::WrongDocument { .. } => "wrong_document",
            SubjectError::TypeMismatch { .. } => "type_mismatch",
        }
    }

    /// The message in Chinese.
    ///
    /// ```
    /// use realname::org::{Category, OrganizationType};
    /// use realname::subject::SubjectError;
    /// let e = SubjectError::TypeMismatch { category: Category::Enterprise, org_type: OrganizationType::Foundation };
    /// assert_eq!(e.to_string_zh(), "机构类别为“企业”的统一社会信用代码不属于“基金会”");
    /// ```
    pub fn to_string_zh(&self) -> String {
        match self {
            SubjectError::WrongDocument { kind, expected } => {
                format!("{}不是{}的证件", kind.name_zh(), expected.name_zh())
            }
            SubjectError::TypeMismatch { category, org_type } => format!(
                "机构类别为“{}”的统一社会信用代码不属于“{}”",
                category.name_zh(),
                org_type.name_zh()
            ),
        }
    }
}

/// A natural person being verified: a name and a personal document.
///
/// ```
/// use realname::subject::{Individual, PersonName};
/// use realname::Document;
///
/// let me = Individual::new(PersonName::parse("张三")?, Document::parse_any("13812345678").unwrap())?;
/// assert_eq!(format!("{me:?}"), "Individual { name: PersonName(张*), document: MobileNumber(138****5678) }");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Individual {
    name: PersonName,
    document: Document,
}

impl Individual {
    /// A person with a document an individual holds.
    ///
    /// ```
    /// use realname::subject::{Individual, PersonName};
    /// use realname::Document;
    /// let doc = Document::parse_any("110108012345670").unwrap();
    /// assert!(Individual::new(PersonName::parse("张三")?, doc).is_err());
    /// # Ok::<(), realname::subject::NameError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`SubjectError`] if the document or the organisation type does not fit.
    pub fn new(name: PersonName, document: Document) -> Result<Individual, SubjectError> {
        if document.kind().subject() != SubjectKind::Individual {
            return Err(SubjectError::WrongDocument {
                kind: document.kind(),
                expected: SubjectKind::Individual,
            });
        }
        Ok(Individual { name, document })
    }

    /// The person's name.
    ///
    /// ```
    /// # use realname::subject::{Individual, PersonName};
    /// # let me = Individual::new(PersonName::parse("张三")?, realname::Document::parse_any("13812345678").unwrap()).unwrap();
    /// assert_eq!(me.name().as_str(), "张三");
    /// # Ok::<(), realname::subject::NameError>(())
    /// ```
    pub fn name(&self) -> &PersonName {
        &self.name
    }

    /// The person's document.
    ///
    /// ```
    /// # use realname::subject::{Individual, PersonName};
    /// # let me = Individual::new(PersonName::parse("张三")?, realname::Document::parse_any("13812345678").unwrap()).unwrap();
    /// assert_eq!(me.document().kind(), realname::DocumentKind::MobileNumber);
    /// # Ok::<(), realname::subject::NameError>(())
    /// ```
    pub fn document(&self) -> &Document {
        &self.document
    }
}

/// An organisation being verified: its name, credit code and type, its
/// legal representative, and optionally an agent the representative
/// authorised (授权人).
///
/// The type is checked against the credit code's category where the
/// tables link them with some certainty (an enterprise's `91…` code cannot
/// belong to a foundation); unconfirmed links are not used to reject.
///
/// ```
/// use realname::org::{OrganizationClass, OrganizationType};
/// use realname::subject::{Individual, Organization, OrganizationName, PersonName};
/// use realname::{Document, Uscc};
///
/// let rep = Individual::new(PersonName::parse("张三")?, Document::parse_any("11010519491231002X").unwrap())?;
/// let code = Uscc::parse("12100000400006241T")?;
/// let org = Organization::new(OrganizationName::parse("某某研究所")?, code, OrganizationType::PublicInstitution, rep.clone())?;
/// assert_eq!(org.organization_type().class(), OrganizationClass::OtherOrganization);
/// assert!(Organization::new(OrganizationName::parse("某某基金会")?, code, OrganizationType::Foundation, rep).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Organization {
    name: OrganizationName,
    code: Uscc,
    org_type: OrganizationType,
    legal_representative: Individual,
    agent: Option<Individual>,
}

impl Organization {
    /// An organisation with its legal representative.
    ///
    /// ```
    /// # use realname::org::OrganizationType;
    /// # use realname::subject::{Individual, Organization, OrganizationName, PersonName};
    /// # use realname::{Document, Uscc};
    /// # let rep = Individual::new(PersonName::parse("张三")?, Document::parse_any("11010519491231002X").unwrap())?;
    /// let org = Organization::new(
    ///     OrganizationName::parse("某某律师事务所")?,
    ///     Uscc::parse("31440300MA5F0000X7")?,
    ///     OrganizationType::LawFirm,
    ///     rep,
    /// )?;
    /// assert!(org.agent().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`SubjectError`] if the document or the organisation type does not fit.
    pub fn new(
        name: OrganizationName,
        code: Uscc,
        org_type: OrganizationType,
        legal_representative: Individual,
    ) -> Result<Organization, SubjectError> {
        if let Some(category) = code.category() {
            let types = category.organization_types();
            let sure = category.certainty() != Certainty::Unconfirmed;
            if sure && !types.is_empty() && !types.contains(&org_type) {
                return Err(SubjectError::TypeMismatch { category, org_type });
            }
        }
        Ok(Organization {
            name,
            code,
            org_type,
            legal_representative,
            agent: None,
        })
    }

    /// The same organisation acting through an agent the legal
    /// representative authorised (with a sealed authorisation letter).
    ///
    /// ```
    /// # use realname::org::OrganizationType;
    /// # use realname::subject::{Individual, Organization, OrganizationName, PersonName};
    /// # use realname::{Document, Uscc};
    /// # let rep = Individual::new(PersonName::parse("张三")?, Document::parse_any("11010519491231002X").unwrap())?;
    /// # let agent = Individual::new(PersonName::parse("李四")?, Document::parse_any("110101199003070011").unwrap())?;
    /// # let org = Organization::new(OrganizationName::parse("某某研究所")?, Uscc::parse("12100000400006241T")?, OrganizationType::PublicInstitution, rep)?;
    /// let org = org.with_agent(agent);
    /// assert_eq!(org.agent().unwrap().name().as_str(), "李四");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_agent(mut self, agent: Individual) -> Organization {
        self.agent = Some(agent);
        self
    }

    /// The organisation's name.
    ///
    /// ```
    /// # use realname::org::OrganizationType;
    /// # use realname::subject::{Individual, Organization, OrganizationName, PersonName};
    /// # use realname::{Document, Uscc};
    /// # let rep = Individual::new(PersonName::parse("张三")?, Document::parse_any("11010519491231002X").unwrap())?;
    /// # let org = Organization::new(OrganizationName::parse("某某研究所")?, Uscc::parse("12100000400006241T")?, OrganizationType::PublicInstitution, rep)?;
    /// assert_eq!(org.name().as_str(), "某某研究所");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn name(&self) -> &OrganizationName {
        &self.name
    }

    /// The unified social credit code.
    ///
    /// ```
    /// # use realname::org::OrganizationType;
    /// # use realname::subject::{Individual, Organization, OrganizationName, PersonName};
    /// # use realname::{Document, Uscc};
    /// # let rep = Individual::new(PersonName::parse("张三")?, Document::parse_any("11010519491231002X").unwrap())?;
    /// # let org = Organization::new(OrganizationName::parse("某某研究所")?, Uscc::parse("12100000400006241T")?, OrganizationType::PublicInstitution, rep)?;
    /// assert_eq!(org.code().as_str(), "12100000400006241T");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(&self) -> &Uscc {
        &self.code
    }

    /// The organisation type.
    ///
    /// ```
    /// # use realname::org::OrganizationType;
    /// # use realname::subject::{Individual, Organization, OrganizationName, PersonName};
    /// # use realname::{Document, Uscc};
    /// # let rep = Individual::new(PersonName::parse("张三")?, Document::parse_any("11010519491231002X").unwrap())?;
    /// # let org = Organization::new(OrganizationName::parse("某某研究所")?, Uscc::parse("12100000400006241T")?, OrganizationType::PublicInstitution, rep)?;
    /// assert_eq!(org.organization_type(), OrganizationType::PublicInstitution);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn organization_type(&self) -> OrganizationType {
        self.org_type
    }

    /// The legal representative (法定代表人).
    ///
    /// ```
    /// # use realname::org::OrganizationType;
    /// # use realname::subject::{Individual, Organization, OrganizationName, PersonName};
    /// # use realname::{Document, Uscc};
    /// # let rep = Individual::new(PersonName::parse("张三")?, Document::parse_any("11010519491231002X").unwrap())?;
    /// # let org = Organization::new(OrganizationName::parse("某某研究所")?, Uscc::parse("12100000400006241T")?, OrganizationType::PublicInstitution, rep)?;
    /// assert_eq!(org.legal_representative().name().as_str(), "张三");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn legal_representative(&self) -> &Individual {
        &self.legal_representative
    }

    /// The authorised agent, if any.
    ///
    /// ```
    /// # use realname::org::OrganizationType;
    /// # use realname::subject::{Individual, Organization, OrganizationName, PersonName};
    /// # use realname::{Document, Uscc};
    /// # let rep = Individual::new(PersonName::parse("张三")?, Document::parse_any("11010519491231002X").unwrap())?;
    /// # let org = Organization::new(OrganizationName::parse("某某研究所")?, Uscc::parse("12100000400006241T")?, OrganizationType::PublicInstitution, rep)?;
    /// assert!(org.agent().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn agent(&self) -> Option<&Individual> {
        self.agent.as_ref()
    }
}

/// Who is being verified.
///
/// ```
/// use realname::subject::{Individual, PersonName, Subject};
/// use realname::{Document, SubjectKind};
///
/// let me = Individual::new(PersonName::parse("张三")?, Document::parse_any("11010519491231002X").unwrap())?;
/// assert_eq!(Subject::from(me).kind(), SubjectKind::Individual);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Subject {
    /// A natural person.
    Individual(Individual),
    /// An organisation.
    Organization(Organization),
}

impl Subject {
    /// Individual or organisation.
    ///
    /// ```
    /// # use realname::subject::{Individual, PersonName, Subject};
    /// # let me = Individual::new(PersonName::parse("张三")?, realname::Document::parse_any("13812345678").unwrap()).unwrap();
    /// assert_eq!(Subject::Individual(me).kind(), realname::SubjectKind::Individual);
    /// # Ok::<(), realname::subject::NameError>(())
    /// ```
    pub fn kind(&self) -> SubjectKind {
        match self {
            Subject::Individual(_) => SubjectKind::Individual,
            Subject::Organization(_) => SubjectKind::Organization,
        }
    }
}

impl From<Individual> for Subject {
    fn from(i: Individual) -> Subject {
        Subject::Individual(i)
    }
}

impl From<Organization> for Subject {
    fn from(o: Organization) -> Subject {
        Subject::Organization(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn middle_dots_are_unified() {
        for s in [
            "买买提·艾力",
            "买买提•艾力",
            "买买提‧艾力",
            "买买提・艾力",
            "买买提･艾力",
            "买买提.艾力",
            "买买提．艾力",
        ] {
            assert_eq!(PersonName::parse(s).unwrap().as_str(), "买买提·艾力", "{s}");
        }
    }

    #[test]
    fn names_reject_digits_and_controls() {
        assert!(PersonName::parse("张三1").is_err());
        assert!(PersonName::parse("张三１").is_err());
        assert!(PersonName::parse("张\u{0}三").is_err());
        assert!(PersonName::parse("杨〇").is_ok());
        assert_eq!(PersonName::parse("   "), Err(NameError::Empty));
        let long = "张".repeat(65);
        assert_eq!(
            PersonName::parse(&long),
            Err(NameError::TooLong { max: 64, found: 65 })
        );
        assert!(OrganizationName::parse("三六零360科技").is_ok());
        assert!(OrganizationName::parse("某\n某").is_err());
    }

    #[test]
    fn organisation_names_compare_without_harmless_differences() {
        let a = OrganizationName::parse("百度在线网络技术（北京）有限公司").unwrap();
        assert!(a.matches("百度在线网络技术(北京)有限公司"));
        assert!(a.matches(" 百度在线网络技术 （北京） 有限公司 "));
        assert!(!a.matches("百度在线网络技术有限公司"));
        assert!(!a.matches("百度在线网络技术（上海）有限公司"));
        assert!(!a.matches(""));
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    //! Names serialize as their normalised text and deserialize through
    //! `parse`; subjects through their constructors, so nothing invalid
    //! enters through serde. Unknown fields are refused, and no message
    //! quotes the input: not a name, a number, a kind or a field.

    use std::fmt;
    use std::str::FromStr;

    use serde::de::{self, MapAccess, SeqAccess, Visitor};
    use serde::ser::SerializeStruct;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Individual, NameError, Organization, OrganizationName, PersonName, Subject};
    use crate::document::de::{self as text, Key, refuse_non_map};
    use crate::org::OrganizationType;
    use crate::{Document, SubjectKind, Uscc};

    macro_rules! name_serde {
        ($ty:ident, $expecting:literal) => {
            impl Serialize for $ty {
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_str(self.as_str())
                }
            }

            impl<'de> Deserialize<'de> for $ty {
                /// Through `parse`, from a string only; no message quotes
                /// the name.
                fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    text::text(d, $expecting, $ty::parse)
                }
            }
        };
    }
    name_serde!(PersonName, "a person's name");
    name_serde!(OrganizationName, "an organisation's name");

    /// An organisation type from its stable identifier, quoting nothing.
    struct OrgType(OrganizationType);

    impl<'de> Deserialize<'de> for OrgType {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            text::id(
                d,
                "an organisation type identifier such as `enterprise`",
                |s| OrganizationType::from_str(s).ok().map(OrgType),
            )
        }
    }

    /// A name's text, kept until the subject's kind says which name it is;
    /// not copied if it is longer than any name.
    struct NameText(String);

    impl<'de> Deserialize<'de> for NameText {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            text::text(d, "a name", |s: &str| {
                let max_bytes = OrganizationName::MAX_INPUT_BYTES.max(PersonName::MAX_INPUT_BYTES);
                if s.len() > max_bytes {
                    Err(NameError::InputTooLong { max_bytes })
                } else {
                    Ok(NameText(s.to_owned()))
                }
            })
        }
    }

    impl Serialize for Individual {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("Individual", 2)?;
            st.serialize_field("name", &self.name)?;
            st.serialize_field("document", &self.document)?;
            st.end()
        }
    }

    impl Serialize for Organization {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let len = if self.agent.is_some() { 5 } else { 4 };
            let mut st = s.serialize_struct("Organization", len)?;
            st.serialize_field("name", &self.name)?;
            st.serialize_field("code", &self.code)?;
            st.serialize_field("organization_type", &self.org_type)?;
            st.serialize_field("legal_representative", &self.legal_representative)?;
            if let Some(agent) = &self.agent {
                st.serialize_field("agent", agent)?;
            }
            st.end()
        }
    }

    const INDIVIDUAL: &[&str] = &["name", "document"];
    const ORGANIZATION: &[&str] = &[
        "name",
        "code",
        "organization_type",
        "legal_representative",
        "agent",
    ];
    /// The fields of a [`Subject`]: its tag and those of both kinds.
    const SUBJECT: &[&str] = &[
        "kind",
        "name",
        "document",
        "code",
        "organization_type",
        "legal_representative",
        "agent",
    ];

    /// The fields of any subject, as read from a map.
    #[derive(Default)]
    struct Parts {
        kind: Option<SubjectKind>,
        name: Option<NameText>,
        document: Option<Document>,
        code: Option<Uscc>,
        organization_type: Option<OrganizationType>,
        legal_representative: Option<Individual>,
        agent: Option<Option<Individual>>,
    }

    impl Parts {
        /// Reads the entries of `map` whose keys are among `fields` (a
        /// subset of [`SUBJECT`]); any other key is an error.
        fn read<'de, A: MapAccess<'de>>(
            mut map: A,
            fields: &'static [&'static str],
        ) -> Result<Parts, A::Error> {
            let mut p = Parts::default();
            while let Some(key) = map.next_key_seed(Key { fields })? {
                let Some(field) = key.and_then(|i| fields.get(i).copied()) else {
                    return Err(text::unknown_field(fields));
                };
                match field {
                    "kind" => text::set(&mut p.kind, field, map.next_value()?)?,
                    "name" => text::set(&mut p.name, field, map.next_value()?)?,
                    "document" => text::set(&mut p.document, field, map.next_value()?)?,
                    "code" => text::set(&mut p.code, field, map.next_value()?)?,
                    "organization_type" => {
                        let t: OrgType = map.next_value()?;
                        text::set(&mut p.organization_type, field, t.0)?;
                    }
                    "legal_representative" => {
                        text::set(&mut p.legal_representative, field, map.next_value()?)?
                    }
                    _ => text::set(&mut p.agent, field, map.next_value()?)?,
                }
            }
            Ok(p)
        }

        /// Refuses the fields the other kind of subject has.
        fn only<E: de::Error>(&self, fields: &'static [&'static str]) -> Result<(), E> {
            let given = [
                ("document", self.document.is_some()),
                ("code", self.code.is_some()),
                ("organization_type", self.organization_type.is_some()),
                ("legal_representative", self.legal_representative.is_some()),
                ("agent", self.agent.is_some()),
            ];
            if given
                .iter()
                .any(|(name, set)| *set && !fields.contains(name))
            {
                return Err(text::unknown_field(fields));
            }
            Ok(())
        }

        fn individual<E: de::Error>(self) -> Result<Individual, E> {
            self.only(INDIVIDUAL)?;
            let name = text::required(self.name, "name")?;
            let name = PersonName::parse(&name.0).map_err(E::custom)?;
            let document = text::required(self.document, "document")?;
            Individual::new(name, document).map_err(E::custom)
        }

        fn organization<E: de::Error>(self) -> Result<Organization, E> {
            self.only(ORGANIZATION)?;
            let name = text::required(self.name, "name")?;
            let name = OrganizationName::parse(&name.0).map_err(E::custom)?;
            let org = Organization::new(
                name,
                text::required(self.code, "code")?,
                text::required(self.organization_type, "organization_type")?,
                text::required(self.legal_representative, "legal_representative")?,
            )
            .map_err(E::custom)?;
            Ok(match self.agent.flatten() {
                Some(agent) => org.with_agent(agent),
                None => org,
            })
        }
    }

    struct IndividualVisitor;

    impl<'de> Visitor<'de> for IndividualVisitor {
        type Value = Individual;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an individual: a map of `name` and `document`")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Individual, A::Error> {
            Parts::read(map, INDIVIDUAL)?.individual()
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Individual, A::Error> {
            let name: PersonName = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(0, &self))?;
            let document: Document = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(1, &self))?;
            Individual::new(name, document).map_err(de::Error::custom)
        }

        refuse_non_map!();
    }

    impl<'de> Deserialize<'de> for Individual {
        /// From `{"name": …, "document": …}` through [`Individual::new`];
        /// unknown fields are refused.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            text::structure(d, "Individual", INDIVIDUAL, IndividualVisitor)
        }
    }

    struct OrganizationVisitor;

    impl<'de> Visitor<'de> for OrganizationVisitor {
        type Value = Organization;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(
                "an organisation: a map of `name`, `code`, `organization_type`, \
                 `legal_representative` and optionally `agent`",
            )
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Organization, A::Error> {
            Parts::read(map, ORGANIZATION)?.organization()
        }

        refuse_non_map!();

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Organization, A::Error> {
            let next = |i| de::Error::invalid_length(i, &"an organisation of 4 or 5 fields");
            let name: OrganizationName = seq.next_element()?.ok_or_else(|| next(0))?;
            let code: Uscc = seq.next_element()?.ok_or_else(|| next(1))?;
            let org_type: OrgType = seq.next_element()?.ok_or_else(|| next(2))?;
            let rep: Individual = seq.next_element()?.ok_or_else(|| next(3))?;
            let agent: Option<Option<Individual>> = seq.next_element()?;
            let org = Organization::new(name, code, org_type.0, rep).map_err(de::Error::custom)?;
            Ok(match agent.flatten() {
                Some(agent) => org.with_agent(agent),
                None => org,
            })
        }
    }

    impl<'de> Deserialize<'de> for Organization {
        /// From `{"name", "code", "organization_type",
        /// "legal_representative", "agent"?}` through
        /// [`Organization::new`]; unknown fields are refused.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            text::structure(d, "Organization", ORGANIZATION, OrganizationVisitor)
        }
    }

    struct SubjectVisitor;

    impl<'de> Visitor<'de> for SubjectVisitor {
        type Value = Subject;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a subject: a map with `kind` and the fields of that kind")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Subject, A::Error> {
            let parts = Parts::read(map, SUBJECT)?;
            match text::required(parts.kind, "kind")? {
                SubjectKind::Individual => parts.individual().map(Subject::Individual),
                SubjectKind::Organization => parts.organization().map(Subject::Organization),
            }
        }

        fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Subject, A::Error> {
            Err(text::wrong_type(de::Unexpected::Seq, &self))
        }

        refuse_non_map!();
    }

    impl<'de> Deserialize<'de> for Subject {
        /// From the map of an [`Individual`] or an [`Organization`] with a
        /// `kind` of `individual` or `organization`; unknown fields are
        /// refused.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(SubjectVisitor)
        }
    }
}
