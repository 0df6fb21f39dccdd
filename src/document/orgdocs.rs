//! Organisation numbers: the unified social credit code, the organisation
//! code and the 15-digit business registration number.

use std::fmt;

use super::{
    ParseOptions, UsccCheck, ascii_str, first_then_digits, match_digits, match_pattern, number,
    read_compact, simple_document,
};
use crate::checksum::{
    gb11714, gb32100, gb32100_fits, gb32100_value, iso7064_mod11_10, mod11_10_fits,
};
use crate::error::{CharClass, Error};
use crate::org::{Category, Certificate, OrganizationType, RegistrationAuthority};
use crate::region::{self, Region, RegionCheck};

/// The admin code of a national-level registration.
const NATIONAL: u32 = 100_000;

/// Checks a registering authority's six-digit region code: a mainland
/// province (or, with [`RegionCheck::Historical`], a code that existed), or
/// `100000` for a national registration.
fn check_authority_code(code: u32, check: RegionCheck) -> Result<(), Error> {
    if code == NATIONAL {
        return Ok(());
    }
    region::check_code(code, check, false).map_err(|problem| Error::Region { code, problem })
}

/// Whether [`check_authority_code`] passes: the fast paths' test, with no
/// error to build.
#[inline]
fn authority_code_fits(code: u32, check: RegionCheck) -> bool {
    code == NATIONAL || region::check_code(code, check, false).is_ok()
}

simple_document! {
    /// A unified social credit code (统一社会信用代码) of GB 32100-2015: the
    /// number every organisation's certificate carries since 2015.
    ///
    /// Eighteen characters of the 31-character alphabet (digits and the
    /// upper-case letters without I, O, Z, S and V): the registration
    /// authority, the organisation category, the six-digit region code of
    /// the registering authority (`100000` for national registrations), the
    /// nine-character organisation code (GB 11714) and a mod-31 check
    /// character. Lower case is accepted and shown upper case.
    ///
    /// A category the tables do not know is kept (`category()` is `None`);
    /// [`UsccCheck`] makes the check stricter, [`RegionCheck::Historical`]
    /// requires the region code to have existed.
    ///
    /// ```
    /// use realname::org::{Category, Certificate, OrganizationType, RegistrationAuthority};
    /// use realname::Uscc;
    ///
    /// let code = Uscc::parse("91350100M000100Y43")?;
    /// assert_eq!(code.registration_authority(), Some(RegistrationAuthority::MarketRegulation));
    /// assert_eq!(code.category(), Some(Category::Enterprise));
    /// assert_eq!(code.admin_region().unwrap().name(), "福州市");
    /// assert_eq!(code.organization_code(), "M000100Y4");
    /// assert_eq!(code.certificate(), Some(Certificate::BusinessLicence));
    /// assert_eq!(code.organization_type(), Some(OrganizationType::Enterprise));
    /// # Ok::<(), realname::Error>(())
    /// ```
    Uscc {
        max: 18,
        sample: "91110000600037341L",
        masked: "91110000********1L",
        keep: (8, 2),
        expecting: "an 18-character unified social credit code",
    }
}

impl Uscc {
    /// Parses a code with the given options.
    ///
    /// ```
    /// use realname::{Error, Uscc};
    /// assert_eq!(Uscc::parse("91350100M000100Y40"), Err(Error::Checksum { expected: '3', found: '0' }));
    /// assert!(matches!(Uscc::parse("913501Z0M000100Y43"), Err(Error::Character { position: 7, .. })));
    /// assert_eq!(Uscc::parse("91350100m000100y43")?.as_str(), "91350100M000100Y43");
    /// # Ok::<(), realname::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    #[inline]
    pub fn parse_with(s: &str, options: ParseOptions) -> Result<Self, Error> {
        Self::from_canonical_input(s.as_bytes(), options)
            .map_or_else(|| Self::parse_general(s, options), Ok)
    }

    /// The fast path of [`parse_with`](Self::parse_with): input already in
    /// the canonical form and valid, read in place. `None` for anything
    /// else, which the general path reads.
    #[inline(always)]
    pub(super) fn from_canonical_input(s: &[u8], options: ParseOptions) -> Option<Self> {
        let bytes = <&[u8; 18]>::try_from(s).ok()?;
        if gb32100_fits(bytes)? != bytes[17] {
            return None;
        }
        let code = Self::from_canonical(*bytes, 18);
        let ok = authority_code_fits(number(&bytes[2..8]), options.region_check())
            && match options.uscc_check() {
                UsccCheck::Standard => true,
                UsccCheck::KnownCategory => code.category().is_some(),
                UsccCheck::Strict => {
                    code.category().is_some() && gb11714(&bytes[8..16]) == Some(bytes[16])
                }
            };
        ok.then_some(code)
    }

    /// Every input the fast path of [`parse_with`](Self::parse_with) does
    /// not take.
    #[inline(never)]
    fn parse_general(s: &str, options: ParseOptions) -> Result<Self, Error> {
        let (bytes, len) = read_compact::<18>(s, options.input(), b"", &[18], |p| {
            if (3..=8).contains(&p) {
                CharClass::Digit
            } else {
                CharClass::CreditCodeChar
            }
        })?;
        // Fast path: the alphabet, the digits of the region code and the
        // check character in one pass; the pattern below names the
        // character of any other code that does not fit.
        if let Some(expected) = gb32100_fits(&bytes) {
            if expected != bytes[17] {
                return Err(Error::Checksum {
                    expected: char::from(expected),
                    found: char::from(bytes[17]),
                });
            }
            check_authority_code(number(&bytes[2..8]), options.region_check())?;
            return Self::check_category(bytes, len, options);
        }
        // A tight check first; the pattern only to name a misfit.
        let fits = bytes.iter().enumerate().all(|(i, &b)| {
            if (2..8).contains(&i) {
                b.is_ascii_digit()
            } else {
                gb32100_value(b).is_some()
            }
        });
        if !fits {
            let mut pattern = [CharClass::CreditCodeChar; 18];
            for class in pattern.iter_mut().take(8).skip(2) {
                *class = CharClass::Digit;
            }
            match_pattern(&bytes, &pattern)?;
        }
        let expected = gb32100(&bytes[..17]).unwrap_or(b'?');
        if expected != bytes[17] {
            return Err(Error::Checksum {
                expected: char::from(expected),
                found: char::from(bytes[17]),
            });
        }
        check_authority_code(number(&bytes[2..8]), options.region_check())?;
        Self::check_category(bytes, len, options)
    }

    /// The checks after the region code's: the category and the embedded
    /// organisation code, as `options` ask.
    fn check_category(bytes: [u8; 18], len: usize, options: ParseOptions) -> Result<Self, Error> {
        let code = Self::from_canonical(bytes, len);
        if options.uscc_check() != UsccCheck::Standard && code.category().is_none() {
            return Err(Error::Category {
                code: [bytes[0], bytes[1]],
            });
        }
        if options.uscc_check() == UsccCheck::Strict {
            let expected = gb11714(&bytes[8..16]).unwrap_or(b'?');
            if expected != bytes[16] {
                return Err(Error::OrganizationCodeChecksum {
                    expected: char::from(expected),
                    found: char::from(bytes[16]),
                });
            }
        }
        Ok(code)
    }

    /// The registration authority (the first character), if the tables
    /// know it.
    ///
    /// ```
    /// use realname::{org::RegistrationAuthority, Uscc};
    /// assert_eq!(Uscc::parse("N2330100MA2H00006N")?.registration_authority(), Some(RegistrationAuthority::Agriculture));
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn registration_authority(&self) -> Option<RegistrationAuthority> {
        RegistrationAuthority::from_code(char::from(self.bytes[0]))
    }

    /// The organisation category (the first two characters), if the tables
    /// know it.
    ///
    /// ```
    /// use realname::{org::Category, Uscc};
    /// assert_eq!(Uscc::parse("12100000400006241T")?.category(), Some(Category::PublicInstitution));
    /// assert_eq!(Uscc::parse("9A350100M000100Y47")?.category(), None);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn category(&self) -> Option<Category> {
        Category::from_code(self.category_code())
    }

    /// The two characters of the category, known or not.
    ///
    /// ```
    /// assert_eq!(realname::Uscc::parse("9A350100M000100Y47")?.category_code(), "9A");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn category_code(&self) -> &str {
        ascii_str(&self.bytes[..2])
    }

    /// The six-digit region code of the registering authority (`100000` for
    /// a national registration).
    ///
    /// ```
    /// assert_eq!(realname::Uscc::parse("91110000600037341L")?.admin_code(), 110000);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn admin_code(&self) -> u32 {
        number(&self.bytes[2..8])
    }

    /// Whether the code was registered at national level (`100000`).
    ///
    /// ```
    /// assert!(realname::Uscc::parse("12100000400006241T")?.is_national());
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn is_national(&self) -> bool {
        self.admin_code() == NATIONAL
    }

    /// The registering authority's region in the GB/T 2260 table (`None`
    /// for national registrations and unlisted codes).
    ///
    /// ```
    /// assert_eq!(realname::Uscc::parse("91330106MA27Y4U47R")?.admin_region().unwrap().name(), "西湖区");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn admin_region(&self) -> Option<Region> {
        region::lookup(self.admin_code())
    }

    /// The nine-character organisation code (主体标识码, characters 9–17),
    /// the old GB 11714 code of organisations registered before 2015.
    ///
    /// ```
    /// assert_eq!(realname::Uscc::parse("91110000600037341L")?.organization_code(), "600037341");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn organization_code(&self) -> &str {
        ascii_str(&self.bytes[8..17])
    }

    /// The organisation code as an [`OrganizationCode`], if it passes its own
    /// GB 11714 check.
    ///
    /// ```
    /// let code = realname::Uscc::parse("91330106MA27Y4U47R")?;
    /// assert_eq!(code.embedded_organization_code().unwrap().as_str(), "MA27Y4U4-7");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn embedded_organization_code(&self) -> Option<OrganizationCode> {
        OrganizationCode::parse(self.organization_code()).ok()
    }

    /// The certificate organisations of this category hold, where the
    /// sources name one (see [`Category::certainty`]).
    ///
    /// ```
    /// use realname::{org::Certificate, Uscc};
    /// assert_eq!(Uscc::parse("51110000500000218G")?.certificate(), Some(Certificate::SocialOrganizationCertificate));
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn certificate(&self) -> Option<Certificate> {
        self.category().and_then(|c| c.certificate())
    }

    /// The organisation type, where the category determines a single one.
    ///
    /// ```
    /// use realname::{org::OrganizationType, Uscc};
    /// assert_eq!(Uscc::parse("31440300MA5F0000X7")?.organization_type(), Some(OrganizationType::LawFirm));
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn organization_type(&self) -> Option<OrganizationType> {
        match self.category()?.organization_types() {
            [only] => Some(*only),
            _ => None,
        }
    }
}

simple_document! {
    /// An organisation code (组织机构代码) of GB 11714-1997: eight digits or
    /// upper-case letters and a check character (`0`–`9` or `X`), written
    /// `D2143569-X` or without the hyphen. Merged into the unified social
    /// credit code in 2015, where it survives as characters 9–17.
    ///
    /// ```
    /// use realname::{Error, OrganizationCode};
    ///
    /// assert_eq!(OrganizationCode::parse("400006241")?.as_str(), "40000624-1");
    /// assert_eq!(OrganizationCode::parse("D2143569-0"), Err(Error::Checksum { expected: 'X', found: '0' }));
    /// # Ok::<(), realname::Error>(())
    /// ```
    OrganizationCode {
        max: 10,
        sample: "D2143569-X",
        masked: "D21*****-X",
        keep: (3, 2),
        expecting: "a 9-character organisation code",
    }
}

impl OrganizationCode {
    /// Parses a code with the given options.
    ///
    /// ```
    /// use realname::OrganizationCode;
    /// assert!(OrganizationCode::parse("D2143569--X").is_err());
    /// assert!(OrganizationCode::parse("D2143569-A").is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    #[inline]
    pub fn parse_with(s: &str, options: ParseOptions) -> Result<Self, Error> {
        Self::from_canonical_input(s.as_bytes()).map_or_else(|| Self::parse_general(s, options), Ok)
    }

    /// The fast path of [`parse_with`](Self::parse_with): input already in
    /// the canonical form and valid, read in place. `None` for anything
    /// else, which the general path reads.
    #[inline(always)]
    pub(super) fn from_canonical_input(s: &[u8]) -> Option<Self> {
        let bytes = <&[u8; 10]>::try_from(s).ok()?;
        let (body, check) = bytes.split_at(8);
        let &[b'-', check] = check else {
            return None;
        };
        (gb11714(body) == Some(check)).then(|| Self::from_canonical(*bytes, 10))
    }

    /// Every input the fast path of [`parse_with`](Self::parse_with) does
    /// not take.
    #[inline(never)]
    fn parse_general(s: &str, options: ParseOptions) -> Result<Self, Error> {
        let (read, len) = read_compact::<10>(s, options.input(), b"", &[9, 10], |p| {
            if p <= 8 {
                CharClass::LetterOrDigit
            } else {
                CharClass::DigitOrX
            }
        })?;
        let text = read.get(..len).unwrap_or_default();
        let (body, check) = match text {
            [body @ .., b'-', check] if body.len() == 8 => (body, *check),
            [body @ .., check] if body.len() == 8 => (body, *check),
            _ => {
                return Err(Error::Character {
                    position: 9,
                    found: char::from(read[8]),
                    expected: CharClass::Exactly('-'),
                });
            }
        };
        // Fast path: `gb11714` checks the body's characters as it sums
        // them; the checks below name the problem of any other code.
        if gb11714(body) == Some(check) {
            return Ok(Self::canonical(body, check));
        }
        match_pattern(body, &[CharClass::LetterOrDigit; 8])?;
        if !CharClass::DigitOrX.matches(check) {
            return Err(Error::Character {
                position: len,
                found: char::from(check),
                expected: CharClass::DigitOrX,
            });
        }
        let expected = gb11714(body).unwrap_or(b'?');
        if expected != check {
            return Err(Error::Checksum {
                expected: char::from(expected),
                found: char::from(check),
            });
        }
        Ok(Self::canonical(body, check))
    }

    /// The canonical form of a validated body and check: `XXXXXXXX-C`.
    fn canonical(body: &[u8], check: u8) -> Self {
        let mut bytes = [0u8; 10];
        for (slot, &b) in bytes.iter_mut().zip(body.iter().chain(&[b'-', check])) {
            *slot = b;
        }
        Self::from_canonical(bytes, 10)
    }
}

/// What kind of market entity a [`BusinessRegistrationNumber`] was issued
/// to, by the first digit of its sequence number (secondary sources).
///
/// ```
/// use realname::{BusinessRegistrationNumber, RegisteredEntity};
/// let n = BusinessRegistrationNumber::parse("440300400000013")?;
/// assert_eq!(n.entity(), RegisteredEntity::ForeignInvested);
/// # Ok::<(), realname::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RegisteredEntity {
    /// 0–3: a domestic enterprise.
    DomesticEnterprise,
    /// 4–5: a foreign-invested enterprise.
    ForeignInvested,
    /// 6–9: an individual business (个体工商户).
    IndividualBusiness,
}

#[cfg(feature = "serde")]
crate::document::de::id_serde!(RegisteredEntity, "a registered entity: `domestic_enterprise`, `foreign_invested` or `individual_business`", { DomesticEnterprise => "domestic_enterprise", ForeignInvested => "foreign_invested", IndividualBusiness => "individual_business" });

impl fmt::Display for RegisteredEntity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RegisteredEntity::DomesticEnterprise => "domestic enterprise",
            RegisteredEntity::ForeignInvested => "foreign-invested enterprise",
            RegisteredEntity::IndividualBusiness => "individual business",
        })
    }
}

simple_document! {
    /// A 15-digit business registration number (营业执照注册号, GS 15-2006):
    /// the number business licences carried from 2007 until the unified
    /// social credit code replaced it in 2015, and which some providers'
    /// forms still ask for.
    ///
    /// The registering authority's six-digit region code (`100000` for the
    /// national administration), an eight-digit sequence and an ISO 7064
    /// MOD 11,10 check digit.
    ///
    /// ```
    /// use realname::BusinessRegistrationNumber;
    ///
    /// let n = BusinessRegistrationNumber::parse("110108012345670")?;
    /// assert_eq!(n.authority_region().unwrap().name(), "海淀区");
    /// assert!(BusinessRegistrationNumber::parse("110108012345671").is_err());
    /// # Ok::<(), realname::Error>(())
    /// ```
    BusinessRegistrationNumber {
        max: 15,
        sample: "110108012345670",
        masked: "110108*******70",
        keep: (6, 2),
        expecting: "a 15-digit business registration number",
    }
}

impl BusinessRegistrationNumber {
    /// Parses a number with the given options.
    ///
    /// ```
    /// use realname::{BusinessRegistrationNumber, Error, RegionProblem};
    /// assert_eq!(
    ///     BusinessRegistrationNumber::parse("000000012345674"),
    ///     Err(Error::Region { code: 0, problem: RegionProblem::NotAProvince })
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error) naming the first problem found with the number; [`Error::TooLong`](crate::Error::TooLong) at once for input longer than [`MAX_INPUT_BYTES`](crate::document::MAX_INPUT_BYTES).
    #[inline]
    pub fn parse_with(s: &str, options: ParseOptions) -> Result<Self, Error> {
        Self::from_canonical_input(s.as_bytes(), options)
            .map_or_else(|| Self::parse_general(s, options), Ok)
    }

    /// The fast path of [`parse_with`](Self::parse_with): input already in
    /// the canonical form and valid, read in place. `None` for anything
    /// else, which the general path reads.
    #[inline(always)]
    pub(super) fn from_canonical_input(s: &[u8], options: ParseOptions) -> Option<Self> {
        let bytes = <&[u8; 15]>::try_from(s).ok()?;
        let ok = mod11_10_fits(bytes)
            && authority_code_fits(number(&bytes[..6]), options.region_check());
        ok.then(|| Self::from_canonical(*bytes, 15))
    }

    /// Every input the fast path of [`parse_with`](Self::parse_with) does
    /// not take.
    #[inline(never)]
    fn parse_general(s: &str, options: ParseOptions) -> Result<Self, Error> {
        let (bytes, len) = read_compact::<15>(
            s,
            options.input(),
            b" ",
            &[15],
            first_then_digits(CharClass::Digit),
        )?;
        // Fast path: the digits and the check digit in one pass, then the
        // region; the checks below name the problem of any other number.
        if mod11_10_fits(&bytes)
            && check_authority_code(number(&bytes[..6]), options.region_check()).is_ok()
        {
            return Ok(Self::from_canonical(bytes, len));
        }
        match_digits(&bytes)?;
        check_authority_code(number(&bytes[..6]), options.region_check())?;
        let expected = iso7064_mod11_10(&bytes[..14]).unwrap_or(b'?');
        if expected != bytes[14] {
            return Err(Error::Checksum {
                expected: char::from(expected),
                found: char::from(bytes[14]),
            });
        }
        Ok(Self::from_canonical(bytes, len))
    }

    /// The registering authority's region code (`100000` for the national
    /// administration).
    ///
    /// ```
    /// assert_eq!(realname::BusinessRegistrationNumber::parse("100000000000014")?.authority_code(), 100000);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn authority_code(&self) -> u32 {
        number(&self.bytes[..6])
    }

    /// The registering authority's region in the GB/T 2260 table.
    ///
    /// ```
    /// let n = realname::BusinessRegistrationNumber::parse("320502600000121")?;
    /// assert_eq!(n.authority_region().unwrap().name(), "沧浪区");
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn authority_region(&self) -> Option<Region> {
        region::lookup(self.authority_code())
    }

    /// The kind of entity, by the first digit of the sequence number.
    ///
    /// ```
    /// use realname::{BusinessRegistrationNumber, RegisteredEntity};
    /// assert_eq!(BusinessRegistrationNumber::parse("320502600000121")?.entity(), RegisteredEntity::IndividualBusiness);
    /// # Ok::<(), realname::Error>(())
    /// ```
    pub fn entity(&self) -> RegisteredEntity {
        match self.bytes[6] {
            b'0'..=b'3' => RegisteredEntity::DomesticEnterprise,
            b'4' | b'5' => RegisteredEntity::ForeignInvested,
            _ => RegisteredEntity::IndividualBusiness,
        }
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;
    use crate::document::fast_path_check::fast_path_agrees;

    fast_path_agrees!(
        uscc_fast_path_agrees,
        Uscc,
        [
            "91350100M000100Y43",
            "91110000600037341L",
            "12100000400006241T",
            "9A350100M000100Y47",
        ]
    );

    fast_path_agrees!(
        organization_code_fast_path_agrees,
        OrganizationCode,
        ["D2143569-X", "40000624-1"]
    );

    fast_path_agrees!(
        business_registration_number_fast_path_agrees,
        BusinessRegistrationNumber,
        ["110108012345670", "100000000000014", "320502600000121"]
    );
}
