//! `DocumentKey`: the identity a document stands for, as a key to count
//! accounts by.

use std::fmt;

use super::{
    BusinessRegistrationNumber, ChinesePassport, Document, DocumentKind, ExitEntryPermit,
    ForeignDrivingLicence, ForeignPassport, ForeignPermanentResidentId, HkMacaoTravelPermit,
    HongKongId, LegacyResidentId, MacaoId, OrganizationCode, ResidentId, SubjectKind, TaiwanId,
    TaiwanTravelPermit, Uscc,
};

/// The longest identity a key holds: a foreign passport's `USA:` and 20
/// characters.
const MAX_IDENTITY: usize = 24;

/// The numbering scheme a [`DocumentKey`] belongs to. Its
/// [`tag`](Self::tag) is byte 1 of the key's byte form and never changes.
///
/// ```
/// use realname::KeyScheme;
/// assert_eq!(KeyScheme::ResidentIdentity.tag(), 1);
/// assert_eq!(KeyScheme::ResidentIdentity.code(), "resident_identity");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum KeyScheme {
    /// The citizen identity number of GB 11643, from an 18-character
    /// [`ResidentId`] (the residence permits of Hong Kong, Macao and Taiwan
    /// residents included) or a 15-digit [`LegacyResidentId`] upgraded to
    /// 18 characters, so that both numbers of one person give one key.
    ResidentIdentity,
    /// A [`ForeignPermanentResidentId`], as the card prints it (the 2017
    /// and 2023 cards of one holder have unrelated numbers and give two
    /// keys).
    ForeignPermanentResident,
    /// A [`HkMacaoTravelPermit`]'s lifetime number: the letter and eight
    /// digits, without the renewal count, so that renewed permits give one
    /// key.
    HkMacaoTravelPermit,
    /// A [`TaiwanTravelPermit`]'s eight-digit lifetime number, without the
    /// booklet's issue count.
    TaiwanTravelPermit,
    /// An [`ExitEntryPermit`].
    ExitEntryPermit,
    /// A [`ChinesePassport`] (a new passport has a new number).
    ChinesePassport,
    /// A [`HongKongId`].
    HongKongId,
    /// A [`MacaoId`].
    MacaoId,
    /// A [`TaiwanId`].
    TaiwanId,
    /// A [`ForeignPassport`], with its issuing country.
    ForeignPassport,
    /// A [`ForeignDrivingLicence`], with its issuing country.
    ForeignDrivingLicence,
    /// A [`Uscc`] whose embedded organisation code fails its own GB 11714
    /// check (some sole traders' codes), keyed as a whole.
    Uscc,
    /// An organisation's GB 11714 code: an [`OrganizationCode`], or the
    /// one embedded in a [`Uscc`] (characters 9–17), so that an
    /// organisation's credit code and its older code give one key.
    OrganizationCode,
    /// A [`BusinessRegistrationNumber`] (the old 15-digit 注册号: nothing
    /// in it links it to the credit code that replaced it, so it is a key
    /// of its own).
    BusinessRegistrationNumber,
}

impl KeyScheme {
    /// The scheme's byte in the key's byte form: stable across versions of
    /// the crate.
    ///
    /// ```
    /// assert_eq!(realname::KeyScheme::Uscc.tag(), 0x20);
    /// ```
    pub const fn tag(&self) -> u8 {
        match self {
            KeyScheme::ResidentIdentity => 0x01,
            KeyScheme::ForeignPermanentResident => 0x02,
            KeyScheme::HkMacaoTravelPermit => 0x03,
            KeyScheme::TaiwanTravelPermit => 0x04,
            KeyScheme::ExitEntryPermit => 0x05,
            KeyScheme::ChinesePassport => 0x06,
            KeyScheme::HongKongId => 0x07,
            KeyScheme::MacaoId => 0x08,
            KeyScheme::TaiwanId => 0x09,
            KeyScheme::ForeignPassport => 0x0A,
            KeyScheme::ForeignDrivingLicence => 0x0B,
            KeyScheme::Uscc => 0x20,
            KeyScheme::OrganizationCode => 0x21,
            KeyScheme::BusinessRegistrationNumber => 0x22,
        }
    }

    /// A stable identifier.
    ///
    /// ```
    /// assert_eq!(realname::KeyScheme::HkMacaoTravelPermit.code(), "hk_macao_travel_permit");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            KeyScheme::ResidentIdentity => "resident_identity",
            KeyScheme::ForeignPermanentResident => "foreign_permanent_resident",
            KeyScheme::HkMacaoTravelPermit => "hk_macao_travel_permit",
            KeyScheme::TaiwanTravelPermit => "taiwan_travel_permit",
            KeyScheme::ExitEntryPermit => "exit_entry_permit",
            KeyScheme::ChinesePassport => "chinese_passport",
            KeyScheme::HongKongId => "hong_kong_id",
            KeyScheme::MacaoId => "macao_id",
            KeyScheme::TaiwanId => "taiwan_id",
            KeyScheme::ForeignPassport => "foreign_passport",
            KeyScheme::ForeignDrivingLicence => "foreign_driving_licence",
            KeyScheme::Uscc => "uscc",
            KeyScheme::OrganizationCode => "organization_code",
            KeyScheme::BusinessRegistrationNumber => "business_registration_number",
        }
    }

    /// Whose identity the scheme numbers: a person's or an organisation's.
    ///
    /// ```
    /// use realname::{KeyScheme, SubjectKind};
    /// assert_eq!(KeyScheme::Uscc.subject(), SubjectKind::Organization);
    /// assert_eq!(KeyScheme::TaiwanId.subject(), SubjectKind::Individual);
    /// ```
    pub const fn subject(&self) -> SubjectKind {
        match self {
            KeyScheme::Uscc
            | KeyScheme::OrganizationCode
            | KeyScheme::BusinessRegistrationNumber => SubjectKind::Organization,
            _ => SubjectKind::Individual,
        }
    }
}

/// The identity a document stands for, as the key to count accounts by
/// ("one ID card may verify at most 3 accounts"): the same person's 15- and
/// 18-digit resident numbers give one key, and so do a travel permit's
/// renewals, and an organisation's credit code and the organisation code
/// it embeds. Numbers that nothing links (a person's ID card and passport,
/// a 2017 and a 2023 permanent resident card, a registration number and
/// the credit code that replaced it) are different keys: linking them
/// needs data the number does not hold. Only identity documents have a key
/// ([`DocumentKind::is_identity`]): a bank card or a mobile number does not
/// stand for a person.
///
/// The key is `Copy` and stored inline. Its [`Debug`] shows the scheme
/// and the length only. [`as_bytes`](Self::as_bytes) gives its stable,
/// versioned byte form, for a keyed hash (HMAC with a secret of the
/// caller's) before anything is stored, so that no store ever holds a raw
/// number:
///
/// - byte 0: the version of the form, [`DocumentKey::VERSION`] (1);
/// - byte 1: the scheme's [`tag`](KeyScheme::tag);
/// - the rest: the letters and digits of the identity's canonical form,
///   without its brackets, hyphens and colons (for a resident ID the 18
///   characters with an upper-case `X`; for a Hong Kong ID `A1234563`; for
///   a foreign passport the ISO 3166-1 alpha-3 country and the number).
///
/// A later version of the crate that must change the form raises byte 0,
/// so digests of the two forms never collide.
///
/// ```
/// use realname::{BankCardNumber, Document, DocumentKey, HkMacaoTravelPermit, LegacyResidentId, ResidentId};
///
/// let old = LegacyResidentId::parse("110105491231002")?;
/// let new = ResidentId::parse("11010519491231002X")?;
/// assert_eq!(DocumentKey::from(&old), DocumentKey::from(&new));
/// assert_eq!(DocumentKey::from(&new).as_bytes(), b"\x01\x0111010519491231002X");
/// assert_eq!(format!("{:?}", DocumentKey::from(&new)), "DocumentKey(resident_identity, 18 characters)");
///
/// // A renewed Hong Kong and Macao permit keeps its key.
/// let first = DocumentKey::from(HkMacaoTravelPermit::parse("H1234567800")?);
/// let renewed = DocumentKey::from(HkMacaoTravelPermit::parse("H1234567801")?);
/// assert_eq!(first, renewed);
///
/// // A bank card is not an identity.
/// let card = Document::BankCardNumber(BankCardNumber::parse("6228480012345671")?);
/// assert_eq!(card.key(), None);
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentKey {
    scheme: KeyScheme,
    len: u8,
    bytes: [u8; 2 + MAX_IDENTITY],
}

impl DocumentKey {
    /// The version of the byte form that [`as_bytes`](Self::as_bytes)
    /// writes in byte 0.
    ///
    /// ```
    /// assert_eq!(realname::DocumentKey::VERSION, 1);
    /// ```
    pub const VERSION: u8 = 1;

    fn new(scheme: KeyScheme, identity: &str) -> DocumentKey {
        let mut bytes = [0u8; 2 + MAX_IDENTITY];
        bytes[0] = Self::VERSION;
        bytes[1] = scheme.tag();
        let mut len = 2;
        for (slot, b) in bytes.iter_mut().skip(2).zip(
            identity
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .take(MAX_IDENTITY),
        ) {
            *slot = b;
            len += 1;
        }
        DocumentKey { scheme, len, bytes }
    }

    /// The key of a document, if it is an identity document.
    ///
    /// ```
    /// use realname::{Document, DocumentKey, DocumentKind, KeyScheme, OrganizationCode};
    /// let doc = Document::parse_as(DocumentKind::Uscc, "91350100M000100Y43")?;
    /// // The credit code and the organisation code it embeds are one key.
    /// let old = DocumentKey::from(OrganizationCode::parse("M000100Y-4")?);
    /// assert_eq!(DocumentKey::of(&doc), Some(old));
    /// assert_eq!(old.scheme(), KeyScheme::OrganizationCode);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn of(document: &Document) -> Option<DocumentKey> {
        Some(match document {
            Document::ResidentId(d) => d.into(),
            Document::LegacyResidentId(d) => d.into(),
            Document::ForeignPermanentResidentId(d) => d.into(),
            Document::HkMacaoTravelPermit(d) => d.into(),
            Document::TaiwanTravelPermit(d) => d.into(),
            Document::ExitEntryPermit(d) => d.into(),
            Document::ChinesePassport(d) => d.into(),
            Document::HongKongId(d) => d.into(),
            Document::MacaoId(d) => d.into(),
            Document::TaiwanId(d) => d.into(),
            Document::ForeignPassport(d) => d.into(),
            Document::ForeignDrivingLicence(d) => d.into(),
            Document::Uscc(d) => d.into(),
            Document::OrganizationCode(d) => d.into(),
            Document::BusinessRegistrationNumber(d) => d.into(),
            Document::BankCardNumber(_) | Document::MobileNumber(_) => return None,
        })
    }

    /// The versioned byte form, for a keyed hash. These bytes hold the
    /// number itself: hash them, never store or log them.
    ///
    /// ```
    /// use realname::{DocumentKey, TaiwanTravelPermit};
    /// let key = DocumentKey::from(&TaiwanTravelPermit::parse("0561682001")?);
    /// assert_eq!(key.as_bytes(), b"\x01\x0405616820");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }

    /// The numbering scheme.
    ///
    /// ```
    /// use realname::{DocumentKey, KeyScheme, LegacyResidentId};
    /// let key = DocumentKey::from(&LegacyResidentId::parse("110105491231002")?);
    /// assert_eq!(key.scheme(), KeyScheme::ResidentIdentity);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn scheme(&self) -> KeyScheme {
        self.scheme
    }

    /// Whose identity it is: what an account cap for this key counts
    /// ([`rules::check_identity_cap`](crate::rules::check_identity_cap)).
    ///
    /// ```
    /// use realname::{DocumentKey, SubjectKind, Uscc};
    /// let key = DocumentKey::from(&Uscc::parse("91350100M000100Y43")?);
    /// assert_eq!(key.subject(), SubjectKind::Organization);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn subject(&self) -> SubjectKind {
        self.scheme.subject()
    }
}

impl fmt::Debug for DocumentKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "DocumentKey({}, {} characters)",
            self.scheme.code(),
            usize::from(self.len).saturating_sub(2)
        )
    }
}

/// `From<&T>` and `From<T>` for a document type whose key is its
/// canonical form, or the identity `$identity` takes from it.
macro_rules! key_from {
    ($($ty:ty => $scheme:ident, |$d:ident| $identity:expr;)+) => {$(
        impl From<&$ty> for DocumentKey {
            fn from($d: &$ty) -> DocumentKey {
                DocumentKey::new(KeyScheme::$scheme, $identity)
            }
        }
        impl From<$ty> for DocumentKey {
            fn from(d: $ty) -> DocumentKey {
                DocumentKey::from(&d)
            }
        }
    )+};
}

key_from! {
    ResidentId => ResidentIdentity, |d| d.as_str();
    LegacyResidentId => ResidentIdentity, |d| d.upgrade().as_str();
    ForeignPermanentResidentId => ForeignPermanentResident, |d| d.as_str();
    HkMacaoTravelPermit => HkMacaoTravelPermit, |d| d.lifetime_number();
    TaiwanTravelPermit => TaiwanTravelPermit, |d| d.lifetime_number();
    ExitEntryPermit => ExitEntryPermit, |d| d.as_str();
    ChinesePassport => ChinesePassport, |d| d.as_str();
    HongKongId => HongKongId, |d| d.as_str();
    MacaoId => MacaoId, |d| d.as_str();
    TaiwanId => TaiwanId, |d| d.as_str();
    ForeignPassport => ForeignPassport, |d| d.as_str();
    ForeignDrivingLicence => ForeignDrivingLicence, |d| d.as_str();
    OrganizationCode => OrganizationCode, |d| d.as_str();
    BusinessRegistrationNumber => BusinessRegistrationNumber, |d| d.as_str();
}

/// A credit code stands for the organisation its embedded GB 11714
/// organisation code names, so that an organisation's credit code and the
/// older code it replaced give one key; a credit code whose embedded code
/// fails its own check is keyed as a whole.
impl From<&Uscc> for DocumentKey {
    fn from(d: &Uscc) -> DocumentKey {
        match d.embedded_organization_code() {
            Some(code) => DocumentKey::new(KeyScheme::OrganizationCode, code.as_str()),
            None => DocumentKey::new(KeyScheme::Uscc, d.as_str()),
        }
    }
}

impl From<Uscc> for DocumentKey {
    fn from(d: Uscc) -> DocumentKey {
        DocumentKey::from(&d)
    }
}

impl Document {
    /// The identity this document stands for, to count accounts by;
    /// `None` for a document that is not an identity document (a bank
    /// card, a mobile number). See [`DocumentKey`].
    ///
    /// ```
    /// use realname::{Document, DocumentKind};
    /// assert!(Document::parse_as(DocumentKind::ResidentId, "11010519491231002X")?.key().is_some());
    /// assert!(Document::parse_as(DocumentKind::MobileNumber, "13812345678")?.key().is_none());
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn key(&self) -> Option<DocumentKey> {
        DocumentKey::of(self)
    }
}

impl DocumentKind {
    /// Whether documents of this kind stand for a person's or an
    /// organisation's identity, and so have a [`DocumentKey`]. A bank card
    /// or a mobile number is a means of verifying, not an identity.
    ///
    /// ```
    /// use realname::DocumentKind;
    /// assert!(DocumentKind::ResidentId.is_identity());
    /// assert!(DocumentKind::Uscc.is_identity());
    /// assert!(!DocumentKind::BankCardNumber.is_identity());
    /// assert!(!DocumentKind::MobileNumber.is_identity());
    /// ```
    pub const fn is_identity(&self) -> bool {
        !matches!(
            self,
            DocumentKind::BankCardNumber | DocumentKind::MobileNumber
        )
    }
}
