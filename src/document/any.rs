//! One type for every document, the kinds of document, and detection.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::{
    BankCardNumber, BusinessRegistrationNumber, ChinesePassport, DetectedKinds, ExitEntryPermit,
    ForeignDrivingLicence, ForeignPassport, ForeignPermanentResidentId, HkMacaoTravelPermit,
    HongKongId, LegacyResidentId, MacaoId, Masked, MobileNumber, OrganizationCode, ParseOptions,
    ResidentId, TaiwanId, TaiwanTravelPermit, Uscc,
};
use crate::error::Error;

/// Who is being verified: a natural person or an organisation.
///
/// ```
/// use realname::{DocumentKind, SubjectKind};
/// assert_eq!(DocumentKind::ResidentId.subject(), SubjectKind::Individual);
/// assert_eq!(SubjectKind::Organization.name_zh(), "企业或组织");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubjectKind {
    /// A natural person (个人).
    Individual,
    /// An enterprise or other organisation (企业或组织).
    Organization,
}

#[cfg(feature = "serde")]
crate::document::de::id_serde!(SubjectKind, "a subject kind: `individual` or `organization`", { Individual => "individual", Organization => "organization" });

impl SubjectKind {
    /// The Chinese name: 个人, 企业或组织.
    ///
    /// ```
    /// assert_eq!(realname::SubjectKind::Individual.name_zh(), "个人");
    /// ```
    pub fn name_zh(&self) -> &'static str {
        match self {
            SubjectKind::Individual => "个人",
            SubjectKind::Organization => "企业或组织",
        }
    }

    /// The English name, as `Display` prints it.
    ///
    /// ```
    /// assert_eq!(realname::SubjectKind::Organization.name_en(), "organization");
    /// ```
    pub fn name_en(&self) -> &'static str {
        match self {
            SubjectKind::Individual => "individual",
            SubjectKind::Organization => "organization",
        }
    }
}

impl fmt::Display for SubjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_en())
    }
}

/// Declares `DocumentKind` and `Document` from one list, so that the two
/// can never disagree: kind, type, stable identifier, Chinese and English
/// names, holder. The list order is the order [`detect`] ranks kinds in.
macro_rules! documents {
    ($(
        $(#[$meta:meta])*
        $kind:ident($ty:ty), $id:literal, $zh:literal, $en:literal, $subject:ident, $min:literal..=$max:literal;
    )+) => {
        /// A kind of document, without a number: what a policy accepts, what
        /// a form asks for.
        ///
        /// Its stable identifier (`id()`, `FromStr`, serde) never changes
        /// between versions.
        ///
        /// ```
        /// use realname::DocumentKind;
        ///
        /// let kind: DocumentKind = "hk_macao_travel_permit".parse()?;
        /// assert_eq!(kind, DocumentKind::HkMacaoTravelPermit);
        /// assert_eq!(kind.name_zh(), "港澳居民来往内地通行证");
        /// assert_eq!(kind.id(), "hk_macao_travel_permit");
        /// assert!(DocumentKind::all().len() >= 14);
        /// # Ok::<(), realname::UnknownKind>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum DocumentKind {
            $(
                $(#[$meta])*
                $kind,
            )+
        }

        impl DocumentKind {
            /// Every kind, in the order [`detect`] ranks them.
            ///
            /// ```
            /// assert_eq!(realname::DocumentKind::all()[0], realname::DocumentKind::ResidentId);
            /// ```
            pub fn all() -> &'static [DocumentKind] {
                &[$(DocumentKind::$kind),+]
            }

            /// The stable identifier, e.g. `resident_id`.
            ///
            /// ```
            /// assert_eq!(realname::DocumentKind::MobileNumber.id(), "mobile_number");
            /// ```
            pub fn id(&self) -> &'static str {
                match self {
                    $(DocumentKind::$kind => $id,)+
                }
            }

            /// The Chinese name, e.g. 居民身份证.
            ///
            /// ```
            /// assert_eq!(realname::DocumentKind::ResidentId.name_zh(), "居民身份证");
            /// ```
            pub fn name_zh(&self) -> &'static str {
                match self {
                    $(DocumentKind::$kind => $zh,)+
                }
            }

            /// The English name, e.g. Resident Identity Card.
            ///
            /// ```
            /// assert_eq!(realname::DocumentKind::ResidentId.name_en(), "Resident Identity Card");
            /// ```
            pub fn name_en(&self) -> &'static str {
                match self {
                    $(DocumentKind::$kind => $en,)+
                }
            }

            /// Which kind of subject holds documents of this kind.
            ///
            /// ```
            /// use realname::{DocumentKind, SubjectKind};
            /// assert_eq!(DocumentKind::BankCardNumber.subject(), SubjectKind::Individual);
            /// ```
            pub fn subject(&self) -> SubjectKind {
                match self {
                    $(DocumentKind::$kind => SubjectKind::$subject,)+
                }
            }
        }

        impl DocumentKind {
            /// Every kind, in the order [`detect`] ranks them, for the
            /// tables it builds at compile time.
            pub(crate) const ALL: &'static [DocumentKind] = &[$(DocumentKind::$kind),+];

            /// Whether a string with `n` characters other than whitespace and
            /// hyphens could be a number of this kind: a filter that lets
            /// [`detect`] skip parsers that cannot succeed.
            const fn plausible(self, n: usize) -> bool {
                match self {
                    $(DocumentKind::$kind => $min <= n && n <= $max,)+
                }
            }
        }

        impl FromStr for DocumentKind {
            type Err = UnknownKind;
            fn from_str(s: &str) -> Result<Self, UnknownKind> {
                match s {
                    $($id => Ok(DocumentKind::$kind),)+
                    _ => Err(UnknownKind),
                }
            }
        }

        /// A validated document of any kind.
        ///
        /// ```
        /// use realname::{Document, DocumentKind};
        ///
        /// let doc = Document::parse_as(DocumentKind::HongKongId, "A1234563")?;
        /// assert_eq!(doc.kind(), DocumentKind::HongKongId);
        /// assert_eq!(doc.as_str(), "A123456(3)");
        /// assert_eq!(format!("{doc:?}"), "HongKongId(A12*******)");
        /// # Ok::<(), realname::Error>(())
        /// ```
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Document {
            $(
                $(#[$meta])*
                $kind($ty),
            )+
        }

        impl Document {
            /// Parses `s` as a document of `kind`, with the default options.
            ///
            /// ```
            /// use realname::{Document, DocumentKind};
            /// assert!(Document::parse_as(DocumentKind::MobileNumber, "13812345678").is_ok());
            /// assert!(Document::parse_as(DocumentKind::ResidentId, "13812345678").is_err());
            /// ```
            ///
            /// # Errors
            ///
            /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
            pub fn parse_as(kind: DocumentKind, s: &str) -> Result<Document, Error> {
                Self::parse_as_with(kind, s, ParseOptions::new())
            }

            /// Parses `s` as a document of `kind`, with the given options.
            ///
            /// ```
            /// use realname::{Document, DocumentKind, ParseOptions, RegionCheck};
            /// let strict = ParseOptions::new().with_region_check(RegionCheck::Historical);
            /// assert!(Document::parse_as_with(DocumentKind::ResidentId, "34052419800101001X", strict).is_err());
            /// ```
            ///
            /// # Errors
            ///
            /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
            pub fn parse_as_with(kind: DocumentKind, s: &str, options: ParseOptions) -> Result<Document, Error> {
                match kind {
                    $(DocumentKind::$kind => <$ty>::parse_with(s, options).map(Document::$kind),)+
                }
            }

            /// The kind of document.
            ///
            /// ```
            /// use realname::{Document, DocumentKind};
            /// let doc = Document::parse_any("KAZ110090123105").unwrap();
            /// assert_eq!(doc.kind(), DocumentKind::ForeignPermanentResidentId);
            /// ```
            pub fn kind(&self) -> DocumentKind {
                match self {
                    $(Document::$kind(_) => DocumentKind::$kind,)+
                }
            }

            /// The canonical form of the number.
            ///
            /// ```
            /// let doc = realname::Document::parse_any(" 11010519491231002x").unwrap();
            /// assert_eq!(doc.as_str(), "11010519491231002X");
            /// ```
            pub fn as_str(&self) -> &str {
                match self {
                    $(Document::$kind(d) => d.as_str(),)+
                }
            }

            /// The masked form of the number.
            ///
            /// ```
            /// let doc = realname::Document::parse_any("13812345678").unwrap();
            /// assert_eq!(doc.masked().as_str(), "138****5678");
            /// ```
            pub fn masked(&self) -> Masked {
                match self {
                    $(Document::$kind(d) => d.masked(),)+
                }
            }
        }

        $(
            impl From<$ty> for Document {
                fn from(d: $ty) -> Document {
                    Document::$kind(d)
                }
            }
        )+
    };
}

documents! {
    /// 居民身份证: the 18-character number of GB 11643-1999, also carried by
    /// the residence permits of Hong Kong, Macao and Taiwan residents.
    ResidentId(ResidentId), "resident_id", "居民身份证", "Resident Identity Card", Individual, 18..=18;
    /// 外国人永久居留身份证, both generations.
    ForeignPermanentResidentId(ForeignPermanentResidentId), "foreign_permanent_resident_id",
        "外国人永久居留身份证", "Foreign Permanent Resident ID Card", Individual, 15..=18;
    /// 统一社会信用代码.
    Uscc(Uscc), "uscc", "统一社会信用代码", "Unified Social Credit Code", Organization, 18..=18;
    /// 手机号码.
    MobileNumber(MobileNumber), "mobile_number", "手机号码", "Mobile Number", Individual, 11..=15;
    /// The 15-digit number of GB 11643-1989.
    LegacyResidentId(LegacyResidentId), "legacy_resident_id", "15 位居民身份证号码",
        "15-digit Resident Identity Number", Individual, 15..=15;
    /// 营业执照注册号 (15 digits, before 2015).
    BusinessRegistrationNumber(BusinessRegistrationNumber), "business_registration_number",
        "营业执照注册号", "Business Registration Number", Organization, 15..=15;
    /// 银行卡. After the 15-digit documents: a 15-digit legacy resident ID
    /// of Shandong (37…) or Anhui (34…) that passes Luhn is also an
    /// American Express number, and the identity number is the likelier.
    BankCardNumber(BankCardNumber), "bank_card_number", "银行卡", "Bank Card", Individual, 14..=19;
    /// 香港身份证.
    HongKongId(HongKongId), "hong_kong_id", "香港身份证", "Hong Kong Identity Card", Individual, 8..=11;
    /// 台湾身份证 and the resident UI numbers (2021 format and before).
    TaiwanId(TaiwanId), "taiwan_id", "台湾身份证", "Taiwan National Identification Card", Individual, 10..=10;
    /// 港澳居民来往内地通行证 (回乡证).
    HkMacaoTravelPermit(HkMacaoTravelPermit), "hk_macao_travel_permit", "港澳居民来往内地通行证",
        "Mainland Travel Permit for Hong Kong and Macao Residents", Individual, 9..=11;
    /// 中国护照 (ordinary passport).
    ChinesePassport(ChinesePassport), "chinese_passport", "中国护照", "Chinese Passport", Individual, 9..=9;
    /// 往来港澳通行证.
    ExitEntryPermit(ExitEntryPermit), "exit_entry_permit", "往来港澳通行证",
        "Exit-Entry Permit for Travelling to and from Hong Kong and Macao", Individual, 9..=9;
    /// 台湾居民来往大陆通行证 (台胞证).
    TaiwanTravelPermit(TaiwanTravelPermit), "taiwan_travel_permit", "台湾居民来往大陆通行证",
        "Mainland Travel Permit for Taiwan Residents", Individual, 8..=13;
    /// 澳门居民身份证 (format only).
    MacaoId(MacaoId), "macao_id", "澳门居民身份证", "Macao Resident Identity Card", Individual, 8..=10;
    /// 组织机构代码 (before 2015).
    OrganizationCode(OrganizationCode), "organization_code", "组织机构代码", "Organization Code", Organization, 9..=9;
    /// 外国护照.
    ForeignPassport(ForeignPassport), "foreign_passport", "外国护照", "Foreign Passport", Individual, 8..=24;
    /// 外国驾驶证.
    ForeignDrivingLicence(ForeignDrivingLicence), "foreign_driving_licence", "外国驾驶证",
        "Foreign Driving Licence", Individual, 8..=24;
}

impl DocumentKind {
    /// Whether a number of this kind can begin with `first` (ASCII, upper
    /// case; 0 for a character that is not): the first character each
    /// parser's pattern allows, for [`detect`] to skip parsers that cannot
    /// succeed. Kinds whose first character varies more say yes.
    const fn can_begin_with(self, first: u8) -> bool {
        match self {
            // A mainland province (11–65) or a residence permit's code
            // (81–83).
            DocumentKind::ResidentId => matches!(first, b'1'..=b'6' | b'8'),
            // A mainland province; for registration numbers also the
            // national administration's 100000.
            DocumentKind::LegacyResidentId | DocumentKind::BusinessRegistrationNumber => {
                matches!(first, b'1'..=b'6')
            }
            DocumentKind::BankCardNumber | DocumentKind::TaiwanTravelPermit => {
                first.is_ascii_digit()
            }
            // The 2023 card's `9`, or the 2004 card's country code.
            DocumentKind::ForeignPermanentResidentId => first == b'9' || first.is_ascii_uppercase(),
            // The national number, `86`, `+86` or `0086` (see
            // `mobile_fits` for the counts that go with them).
            DocumentKind::MobileNumber => matches!(first, b'1' | b'8' | b'+' | b'0'),
            DocumentKind::MacaoId => matches!(first, b'1' | b'5' | b'7'),
            // A letter, or the three letters of a country code.
            DocumentKind::HongKongId
            | DocumentKind::TaiwanId
            | DocumentKind::ForeignPassport
            | DocumentKind::ForeignDrivingLicence => first.is_ascii_uppercase(),
            DocumentKind::HkMacaoTravelPermit => matches!(first, b'H' | b'M'),
            DocumentKind::ChinesePassport => matches!(first, b'E' | b'G'),
            DocumentKind::ExitEntryPermit => first == b'C',
            _ => true,
        }
    }
}

/// The error of [`DocumentKind::from_str`]: not a stable identifier of any
/// kind.
///
/// ```
/// assert!("passport".parse::<realname::DocumentKind>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("not a document kind identifier")]
pub struct UnknownKind;

impl fmt::Display for DocumentKind {
    /// The stable identifier.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Document {
    /// Parses `s` as the most likely kind it is a valid number of (see
    /// [`detect`]), or `None` if it is none.
    ///
    /// ```
    /// use realname::{Document, DocumentKind};
    /// assert_eq!(Document::parse_any("12345678").unwrap().kind(), DocumentKind::TaiwanTravelPermit);
    /// assert!(Document::parse_any("hello").is_none());
    /// ```
    pub fn parse_any(s: &str) -> Option<Document> {
        DocumentKind::all()
            .iter()
            .find_map(|&kind| Document::parse_as(kind, s).ok())
    }

    /// Parses `s` as the most likely kind it is a valid number of, as
    /// [`parse_any`](Self::parse_any) with `options`; or, when it is valid
    /// as no kind, says which kind it was most likely meant to be and why
    /// it fails.
    ///
    /// The kind blamed is the one whose parser got furthest: an error about
    /// the content (a check character, a date, a region) beats one about
    /// the characters, which beats one about the length, which beats an
    /// empty or over-long input. Among equals, the first in
    /// [`DocumentKind::all`] wins.
    ///
    /// ```
    /// use realname::{Document, DocumentKind, Error, ParseOptions};
    ///
    /// let o = ParseOptions::new();
    /// assert_eq!(Document::parse_or_guess("13812345678", o).unwrap().kind(), DocumentKind::MobileNumber);
    /// let (kind, err) = Document::parse_or_guess("110101199003070010", o).unwrap_err();
    /// assert_eq!((kind, err.code()), (DocumentKind::ResidentId, "checksum"));
    /// assert_eq!(Document::parse_or_guess("", o), Err((DocumentKind::ResidentId, Error::Empty)));
    /// ```
    ///
    /// # Errors
    ///
    /// The kind most likely meant and its parser's [`Error`], when `s` is
    /// a valid number of no kind.
    pub fn parse_or_guess(
        s: &str,
        options: ParseOptions,
    ) -> Result<Document, (DocumentKind, Error)> {
        let rank = |e: &Error| match e {
            Error::Empty | Error::TooLong { .. } | Error::NotText => 0,
            Error::Length { .. } => 1,
            Error::Character { .. } | Error::Brackets => 2,
            _ => 3,
        };
        let mut best: Option<(DocumentKind, Error)> = None;
        for &kind in DocumentKind::all() {
            match Document::parse_as_with(kind, s, options) {
                Ok(doc) => return Ok(doc),
                Err(e) => {
                    if best.as_ref().is_none_or(|(_, b)| rank(&e) > rank(b)) {
                        best = Some((kind, e));
                    }
                }
            }
        }
        Err(best.unwrap_or((DocumentKind::ResidentId, Error::Empty)))
    }

    /// The birth date the number encodes: for a [`ResidentId`], a
    /// [`LegacyResidentId`] and a [`ForeignPermanentResidentId`]; `None`
    /// for documents that carry none.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use realname::Document;
    /// let id = Document::parse_any("11010519491231002X").unwrap();
    /// assert_eq!(id.birth_date(), NaiveDate::from_ymd_opt(1949, 12, 31));
    /// assert_eq!(Document::parse_any("13812345678").unwrap().birth_date(), None);
    /// ```
    pub fn birth_date(&self) -> Option<NaiveDate> {
        match self {
            Document::ResidentId(d) => Some(d.birth_date()),
            Document::LegacyResidentId(d) => Some(d.birth_date()),
            Document::ForeignPermanentResidentId(d) => Some(d.birth_date()),
            _ => None,
        }
    }

    /// Age in full years (周岁) on `today`, counted from the birthday, for
    /// documents with a [`birth_date`](Self::birth_date); `Ok(None)` for
    /// the others.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use realname::Document;
    /// let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    /// assert_eq!(Document::parse_any("11010519491231002X").unwrap().age_on(today)?, Some(76));
    /// assert_eq!(Document::parse_any("13812345678").unwrap().age_on(today)?, None);
    /// # Ok::<(), realname::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::FutureDate`] if the birth date is after `today`.
    pub fn age_on(&self, today: NaiveDate) -> Result<Option<u32>, Error> {
        self.birth_date()
            .map(|birth| super::age_on(birth, today, crate::AgeRule::Birthday))
            .transpose()
    }

    /// Checks what needs today's date: a birth date, if the document has
    /// one, must not be after `today`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use realname::Document;
    /// let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    /// assert!(Document::parse_any("110101209901010017").unwrap().check_on(today).is_err());
    /// assert!(Document::parse_any("13812345678").unwrap().check_on(today).is_ok());
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::FutureDate`] if the birth date is after `today`.
    pub fn check_on(&self, today: NaiveDate) -> Result<(), Error> {
        match self.birth_date() {
            Some(birth) => super::not_after(birth, today),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Document {
    /// The canonical form, in full. Use `masked()` for logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl AsRef<str> for Document {
    /// The canonical form, as [`as_str`](Document::as_str).
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Document {
    /// The kind and the masked form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}({})", self.kind(), self.masked())
    }
}

/// The kinds `s` is a valid number of, most likely first.
///
/// Several kinds can share a shape: an 18-character string may be a
/// resident ID or a foreign permanent resident ID, an 8-digit string a
/// Taiwan travel permit or a Macao identity card. Kinds are ranked in the
/// order of [`DocumentKind::all`]: the documents most used for
/// verification first. Never panics; allocates only the returned list.
///
/// ```
/// use realname::{detect, DocumentKind};
///
/// assert_eq!(detect("11010519491231002X"), [DocumentKind::ResidentId]);
/// assert_eq!(detect("23456789"), [DocumentKind::TaiwanTravelPermit]);
/// assert_eq!(detect("51234568"), [DocumentKind::TaiwanTravelPermit, DocumentKind::MacaoId]);
/// assert!(detect("not a number").is_empty());
/// ```
pub fn detect(s: &str) -> DetectedKinds {
    if super::check_input_len(s).is_err() {
        return DetectedKinds::new();
    }
    // Characters other than whitespace and hyphens (the separators some
    // schemes drop), counted up to a bound: no number is longer.
    // A Latin letter (ASCII or full-width) rules out the kinds written in
    // digits only, whose parsers would refuse it: skip them unparsed.
    // The first of those characters, read as ASCII and upper-cased (0 if
    // it is no ASCII): every parser keeps it as the number's first
    // character, so it rules out the kinds that cannot begin with it.
    let (n, has_letter, first, lead) = if s.is_ascii() {
        // The same in one pass byte by byte, each byte's class from a
        // table (ASCII whitespace as `char::is_whitespace` has it,
        // vertical tab included).
        let bytes = s.as_bytes();
        let class = |b: u8| ASCII_CLASS.get(usize::from(b)).copied().unwrap_or(0);
        let (mut n, mut classes) = (0usize, 0u8);
        // How many of the kept characters lead with letters (counted to 3).
        let mut lead = 0usize;
        for &b in bytes {
            let c = class(b);
            if c & KEPT != 0 && lead == n && lead < 3 && c & LETTER != 0 {
                lead += 1;
            }
            n += usize::from(c & KEPT);
            classes |= c;
        }
        let first = bytes
            .iter()
            .find(|&&b| class(b) & KEPT != 0)
            .map_or(0, u8::to_ascii_uppercase);
        (n, classes & LETTER != 0, first, lead)
    } else {
        let kept = |c: &char| !c.is_whitespace() && *c != '-' && *c != '\u{FF0D}';
        let letter =
            |c: char| c.is_ascii_alphabetic() || super::from_full_width(c).is_ascii_alphabetic();
        (
            s.chars().filter(kept).count(),
            s.chars().any(letter),
            s.chars()
                .find(kept)
                .map(super::from_full_width)
                .and_then(|c| u8::try_from(c).ok())
                .filter(u8::is_ascii)
                .map_or(0, |b| b.to_ascii_uppercase()),
            s.chars()
                .filter(kept)
                .take(3)
                .take_while(|&c| letter(c))
                .count(),
        )
    };
    let n = n.min(32);
    // The kinds that fit, one bit each in the order of `DocumentKind::all`.
    let mut candidates = BY_COUNT.get(n).copied().unwrap_or(0)
        & BY_FIRST.get(usize::from(first)).copied().unwrap_or(0);
    if has_letter {
        candidates &= !DIGITS_ONLY;
    }
    // A country code leads the foreign documents, and the 2004 foreign
    // permanent resident ID (the 2023 card begins with `9`).
    if lead < 3 {
        candidates &=
            !(bit(DocumentKind::ForeignPassport) | bit(DocumentKind::ForeignDrivingLicence));
        if first != b'9' {
            candidates &= !bit(DocumentKind::ForeignPermanentResidentId);
        }
    }
    // A mobile number's count goes with its first character: 11 for the
    // national number (`1…`), 13 after `86`, 14 after `+86`, 15 after
    // `0086`.
    if !matches!(
        (n, first),
        (11, b'1') | (13, b'8') | (14, b'+') | (15, b'0')
    ) {
        candidates &= !bit(DocumentKind::MobileNumber);
    }
    // The short card numbers are Diners Club (14) and American Express
    // (15) cards only, whose numbers begin with 3.
    if matches!(n, 14 | 15) && first != b'3' {
        candidates &= !bit(DocumentKind::BankCardNumber);
    }
    // Plain ASCII with nothing to trim, drop or upper-case: what the kinds
    // of `COMPLETE_ON_PLAIN` refuse by their fast path, their general path
    // refuses too (and would take longer to say why).
    let plain = n == s.len() && !s.bytes().any(|b| b.is_ascii_lowercase());
    let kinds = DocumentKind::all();
    let mut found = 0u32;
    let mut rest = candidates;
    while rest != 0 {
        let i = rest.trailing_zeros();
        rest &= rest - 1;
        let Some(&kind) = kinds.get(i as usize) else {
            continue;
        };
        let fits = if plain && COMPLETE_ON_PLAIN & 1 << i != 0 {
            plain_fits(kind, s.as_bytes())
        } else {
            Document::parse_as(kind, s).is_ok()
        };
        if fits {
            found |= 1 << i;
        }
    }
    DetectedKinds::from_bits(found)
}

/// The kinds whose fast path takes every valid number written in plain
/// ASCII (no whitespace, hyphen or lower case; with the default options):
/// for such input its `None` is the general path's refusal. The others
/// take plain forms their fast path leaves to the general path (a Macao
/// number without brackets, a country code without its colon).
const COMPLETE_ON_PLAIN: u32 = bit(DocumentKind::LegacyResidentId)
    | bit(DocumentKind::BusinessRegistrationNumber)
    | bit(DocumentKind::BankCardNumber)
    | bit(DocumentKind::Uscc)
    | bit(DocumentKind::ForeignPermanentResidentId)
    | bit(DocumentKind::TaiwanTravelPermit)
    | bit(DocumentKind::TaiwanId)
    | bit(DocumentKind::HkMacaoTravelPermit)
    | bit(DocumentKind::ChinesePassport)
    | bit(DocumentKind::ExitEntryPermit);

/// Whether the fast path of `kind` (one of [`COMPLETE_ON_PLAIN`]) takes
/// the plain input `digits`.
fn plain_fits(kind: DocumentKind, digits: &[u8]) -> bool {
    let options = ParseOptions::new();
    match kind {
        DocumentKind::LegacyResidentId => {
            LegacyResidentId::from_canonical_input(digits, options).is_some()
        }
        DocumentKind::BusinessRegistrationNumber => {
            BusinessRegistrationNumber::from_canonical_input(digits, options).is_some()
        }
        DocumentKind::BankCardNumber => BankCardNumber::from_canonical_input(digits).is_some(),
        DocumentKind::Uscc => Uscc::from_canonical_input(digits, options).is_some(),
        DocumentKind::ForeignPermanentResidentId => {
            ForeignPermanentResidentId::from_canonical_input(digits, options).is_some()
        }
        DocumentKind::TaiwanTravelPermit => {
            TaiwanTravelPermit::from_canonical_input(digits).is_some()
        }
        DocumentKind::TaiwanId => TaiwanId::from_canonical_input(digits).is_some(),
        DocumentKind::HkMacaoTravelPermit => {
            HkMacaoTravelPermit::from_canonical_input(digits).is_some()
        }
        DocumentKind::ChinesePassport => ChinesePassport::from_canonical_input(digits).is_some(),
        DocumentKind::ExitEntryPermit => ExitEntryPermit::from_canonical_input(digits).is_some(),
        _ => false,
    }
}

/// [`ASCII_CLASS`]: a character other than whitespace and hyphens.
const KEPT: u8 = 1;
/// [`ASCII_CLASS`]: a Latin letter.
const LETTER: u8 = 2;

/// The class of each ASCII byte for [`detect`]'s count: [`KEPT`] unless
/// whitespace (as `char::is_whitespace` has it) or `-`, and [`LETTER`].
// Built at compile time: an index out of bounds would fail the build, never
// a caller.
#[allow(clippy::indexing_slicing)]
const ASCII_CLASS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < table.len() {
        let byte = b as u8;
        if !matches!(byte, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b'-') {
            table[b] |= KEPT;
        }
        if byte.is_ascii_alphabetic() {
            table[b] |= LETTER;
        }
        b += 1;
    }
    table
};

/// The bit of `kind` in [`detect`]'s sets of kinds: its place in
/// [`DocumentKind::all`], which is the order the enum declares.
const fn bit(kind: DocumentKind) -> u32 {
    1 << kind as u32
}

/// The kinds written in digits only, which a Latin letter rules out.
const DIGITS_ONLY: u32 = bit(DocumentKind::MobileNumber)
    | bit(DocumentKind::BankCardNumber)
    | bit(DocumentKind::BusinessRegistrationNumber);

// One bit a kind.
const _: () = assert!(DocumentKind::ALL.len() <= 32);

/// For each count of characters other than whitespace and hyphens (up to
/// 32), the kinds [`DocumentKind::plausible`] at that count.
// Built at compile time: an index out of bounds would fail the build, never
// a caller.
#[allow(clippy::indexing_slicing)]
const BY_COUNT: [u32; 33] = {
    let mut table = [0u32; 33];
    let mut n = 0;
    while n < table.len() {
        let mut i = 0;
        while i < DocumentKind::ALL.len() {
            if DocumentKind::ALL[i].plausible(n) {
                table[n] |= 1 << i;
            }
            i += 1;
        }
        n += 1;
    }
    table
};

/// For each first character (ASCII upper case, or 0), the kinds that
/// [`DocumentKind::can_begin_with`] it.
// Built at compile time, as `BY_COUNT`.
#[allow(clippy::indexing_slicing)]
const BY_FIRST: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut b = 0;
    while b < table.len() {
        let mut i = 0;
        while i < DocumentKind::ALL.len() {
            if DocumentKind::ALL[i].can_begin_with(b as u8) {
                table[b] |= 1 << i;
            }
            i += 1;
        }
        b += 1;
    }
    table
};

#[cfg(feature = "serde")]
mod serde_impl {
    //! `DocumentKind` as its stable identifier; `Document` as
    //! `{"kind": "resident_id", "number": "…"}`. No message quotes the
    //! input: not the number, not an unknown kind or field.

    use std::fmt;

    use serde::de::{self, MapAccess, SeqAccess, Visitor};
    use serde::ser::SerializeStruct;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Document, DocumentKind};
    use crate::document::check_input_len;
    use crate::document::de::{self as text, Key, refuse_non_map};

    impl Serialize for DocumentKind {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.id())
        }
    }

    impl<'de> Deserialize<'de> for DocumentKind {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            text::id(
                deserializer,
                "a document kind identifier such as `resident_id`",
                |s| s.parse().ok(),
            )
        }
    }

    impl Serialize for Document {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut s = serializer.serialize_struct("Document", 2)?;
            s.serialize_field("kind", &self.kind())?;
            s.serialize_field("number", self.as_str())?;
            s.end()
        }
    }

    const FIELDS: &[&str] = &["kind", "number"];

    /// A number's text, not copied if it is longer than any number.
    struct Number(String);

    impl<'de> Deserialize<'de> for Number {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            text::text(deserializer, "a document number", |s: &str| {
                check_input_len(s).map(|()| Number(s.to_owned()))
            })
        }
    }

    struct DocumentVisitor;

    impl DocumentVisitor {
        fn parse<E: de::Error>(kind: DocumentKind, number: &str) -> Result<Document, E> {
            Document::parse_as(kind, number).map_err(E::custom)
        }
    }

    impl<'de> Visitor<'de> for DocumentVisitor {
        type Value = Document;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a document: a map of `kind` and `number`")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
            let mut kind = None;
            let mut number = None;
            while let Some(key) = map.next_key_seed(Key { fields: FIELDS })? {
                match key {
                    Some(0) => text::set(&mut kind, "kind", map.next_value::<DocumentKind>()?)?,
                    Some(1) => text::set(&mut number, "number", map.next_value::<Number>()?)?,
                    _ => return Err(text::unknown_field(FIELDS)),
                }
            }
            let kind = text::required(kind, "kind")?;
            let number = text::required(number, "number")?;
            Self::parse(kind, &number.0)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Document, A::Error> {
            let kind: DocumentKind = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(0, &self))?;
            let number: Number = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(1, &self))?;
            Self::parse(kind, &number.0)
        }

        refuse_non_map!();
    }

    impl<'de> Deserialize<'de> for Document {
        /// From `{"kind": …, "number": …}` through
        /// [`Document::parse_as`]; unknown fields are refused.
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            text::structure(deserializer, "Document", FIELDS, DocumentVisitor)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Near numbers of every kind, digits only or not, `detect` names the
    /// kinds `parse_as` takes: its shortcuts (the filters, the fast paths
    /// on digits) never drop or add one.
    #[test]
    fn detect_names_what_parse_as_takes_near_valid_numbers() {
        let samples = [
            "11010519491231002X",
            "110105194912310021",
            "932682198501010017",
            "13812345678",
            "6217000012345678907",
            "375556917985515",
            "110101900307001",
            "A123456(3)",
            "A123456789",
            "H12345678",
            "E12345678",
            "C12345678",
            "12345678",
            "1234567890",
            "51234568",
            "1234567(8)",
            "USA:123456789",
            "USA310085071517",
            "91350100M000100Y43",
            "914403001922038216",
            "D2143569-X",
            "110108012345670",
            "100000000000014",
        ];
        for s in crate::document::fast_path_check::variants(&samples) {
            let parsed: Vec<DocumentKind> = DocumentKind::all()
                .iter()
                .copied()
                .filter(|&k| Document::parse_as(k, &s).is_ok())
                .collect();
            assert_eq!(detect(&s), parsed, "{s:?}");
        }
    }

    #[test]
    fn detect_bits_follow_the_order_of_all() {
        for (i, &kind) in DocumentKind::all().iter().enumerate() {
            assert_eq!(bit(kind), 1 << i, "{kind}");
        }
    }

    #[test]
    fn detect_filters_keep_every_kind_of_a_valid_number() {
        // A number of each kind, typed plainly and leniently: the shape
        // filters must let its kind through.
        for s in [
            "11010519491231002X",
            "932682198501010017",
            "KAZ110090123105",
            "91350100M000100Y43",
            "13812345678",
            "+86 138 1234 5678",
            "008613812345678",
            "86-138-1234-5678",
            "110101900307001",
            "110108012345670",
            "6217000012345678907",
            "375556917985515",
            "A123456(3)",
            "A123456789",
            "H12345678",
            "E12345678",
            "C12345678",
            "12345678",
            "1234567(8)",
            "D2143569-X",
            "USA:123456789",
        ] {
            for typed in [s.to_owned(), format!(" {s} "), s.to_lowercase()] {
                let parsed: Vec<DocumentKind> = DocumentKind::all()
                    .iter()
                    .copied()
                    .filter(|&k| Document::parse_as(k, &typed).is_ok())
                    .collect();
                assert_eq!(detect(&typed), parsed, "{typed:?}");
            }
        }
    }
}
