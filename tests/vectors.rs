//! The published and computed test vectors of the research notes, kept in
//! `tests/vectors/*.txt`, run against every parser.

mod common;

use chrono::NaiveDate;
use common::{load, outcome};
use realname::org::{Category, Certificate, OrganizationType, RegistrationAuthority};
use realname::{
    BankCardNumber, BusinessRegistrationNumber, CardNetwork, Carrier, ChinesePassport, Document,
    DocumentKind, Error, ForeignPassport, ForeignPermanentResidentId, Gender, HkMacaoTravelPermit,
    Holder, HongKongId, InputForm, LegacyResidentId, MacaoId, MobileNumber, OrganizationCode,
    ParseOptions, PassportSeries, RegionCheck, RegionProblem, RegisteredEntity, ResidentId,
    SpecialRegion, SubjectKind, TaiwanId, TaiwanTravelPermit, Uscc, UsccCheck, detect,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn legacy_numbers_upgrade_as_the_vectors_say() {
    for v in load("legacy_resident_id.txt") {
        if let (Ok(id), Some(upgraded)) = (LegacyResidentId::parse(&v.input), v.extra.first()) {
            assert_eq!(id.upgrade().as_str(), upgraded, "line {}", v.line);
            assert_eq!(id.upgrade().to_legacy(), Some(id), "line {}", v.line);
        }
    }
}

/// Every vector file with the kind it holds.
const FILES: &[(&str, DocumentKind)] = &[
    ("resident_id.txt", DocumentKind::ResidentId),
    ("legacy_resident_id.txt", DocumentKind::LegacyResidentId),
    (
        "foreign_permanent_resident_id.txt",
        DocumentKind::ForeignPermanentResidentId,
    ),
    (
        "hk_macao_travel_permit.txt",
        DocumentKind::HkMacaoTravelPermit,
    ),
    ("taiwan_travel_permit.txt", DocumentKind::TaiwanTravelPermit),
    ("exit_entry_permit.txt", DocumentKind::ExitEntryPermit),
    ("chinese_passport.txt", DocumentKind::ChinesePassport),
    ("hong_kong_id.txt", DocumentKind::HongKongId),
    ("macao_id.txt", DocumentKind::MacaoId),
    ("taiwan_id.txt", DocumentKind::TaiwanId),
    ("bank_card_number.txt", DocumentKind::BankCardNumber),
    ("mobile_number.txt", DocumentKind::MobileNumber),
    ("foreign_passport.txt", DocumentKind::ForeignPassport),
    (
        "foreign_driving_licence.txt",
        DocumentKind::ForeignDrivingLicence,
    ),
    ("uscc.txt", DocumentKind::Uscc),
    ("organization_code.txt", DocumentKind::OrganizationCode),
    (
        "business_registration_number.txt",
        DocumentKind::BusinessRegistrationNumber,
    ),
];

#[test]
fn every_kind_has_a_vector_file() {
    for kind in DocumentKind::all() {
        assert!(
            FILES.iter().any(|(_, k)| k == kind),
            "{kind} has no vectors"
        );
    }
}

#[test]
fn vectors_through_parse_as_and_detect() {
    for &(file, kind) in FILES {
        for v in load(file) {
            let got = Document::parse_as(kind, &v.input);
            assert_eq!(
                outcome(&got),
                v.expected,
                "{file} line {}: {:?} gave {got:?}",
                v.line,
                v.input
            );
            let detected = detect(&v.input);
            assert_eq!(
                detected.contains(&kind),
                got.is_ok(),
                "{file} line {}: detect({:?}) = {detected:?}",
                v.line,
                v.input
            );
            if let Ok(doc) = got {
                assert_eq!(doc.kind(), kind);
                // The canonical form parses back to the same document.
                assert_eq!(Document::parse_as(kind, doc.as_str()), Ok(doc));
                let exact = ParseOptions::new().with_input(InputForm::Exact);
                assert_eq!(Document::parse_as_with(kind, doc.as_str(), exact), Ok(doc));
                assert_eq!(
                    Document::parse_any(&v.input).map(|d| d.kind()),
                    detected.first().copied()
                );
            }
        }
    }
}

#[test]
fn lower_case_is_lenient_only() {
    let exact = ParseOptions::new().with_input(InputForm::Exact);
    for (kind, s) in [
        (DocumentKind::HkMacaoTravelPermit, "h12345678"),
        (DocumentKind::ChinesePassport, "e12345678"),
        (DocumentKind::TaiwanId, "a123456789"),
        (DocumentKind::HongKongId, "g123456(A)"),
        (DocumentKind::ForeignPassport, "usa:123456789"),
    ] {
        assert!(Document::parse_as(kind, s).is_ok(), "{s}");
        assert_eq!(
            Document::parse_as_with(kind, s, exact).map_err(|e| e.code()),
            Err("character"),
            "{s}"
        );
    }
}

#[test]
fn organisation_numbers() {
    let code = Uscc::parse("91350100M000100Y43").unwrap();
    assert_eq!(
        code.registration_authority(),
        Some(RegistrationAuthority::MarketRegulation)
    );
    assert_eq!(code.category(), Some(Category::Enterprise));
    assert_eq!(code.admin_code(), 350100);
    assert_eq!(code.organization_code(), "M000100Y4");
    assert_eq!(
        code.embedded_organization_code().unwrap().as_str(),
        "M000100Y-4"
    );
    assert_eq!(format!("{code:?}"), "Uscc(91350100********43)");
    let national = Uscc::parse("12100000400006241T").unwrap();
    assert!(national.is_national() && national.admin_region().is_none());
    assert_eq!(
        national.certificate(),
        Some(Certificate::PublicInstitutionLegalPersonCertificate)
    );
    // Categories with letters.
    let owners = Uscc::parse("N2330100MA2H00006N").unwrap();
    assert_eq!(
        owners.organization_type(),
        Some(OrganizationType::RuralCollectiveEconomicOrganization)
    );
    // 52 registers two type names: no single type.
    let ngo = Uscc::parse("52110000MA0000000J").unwrap();
    assert_eq!(ngo.organization_type(), None);
    assert_eq!(ngo.category(), Some(Category::PrivateNonEnterpriseUnit));

    let known = ParseOptions::new().with_uscc_check(UsccCheck::KnownCategory);
    let strict = ParseOptions::new().with_uscc_check(UsccCheck::Strict);
    assert_eq!(
        Uscc::parse_with("9A350100M000100Y47", known),
        Err(Error::Category { code: *b"9A" })
    );
    assert_eq!(
        Uscc::parse_with("9A350100M000100Y47", known)
            .unwrap_err()
            .to_string(),
        "the organisation category 9A is not allocated"
    );
    assert!(Uscc::parse_with("91350100M000100Y56", known).is_ok());
    assert_eq!(
        Uscc::parse_with("91350100M000100Y56", strict),
        Err(Error::OrganizationCodeChecksum {
            expected: '4',
            found: '5'
        })
    );
    for real in [
        "91350100M000100Y43",
        "91110000600037341L",
        "9135010557098120XJ",
        "914403001922038216",
        "91330106MA27Y4U47R",
        "91110108795101314G",
    ] {
        assert!(Uscc::parse_with(real, strict).is_ok(), "{real}");
    }
    let historical = ParseOptions::new().with_region_check(RegionCheck::Historical);
    assert!(Uscc::parse_with("91350100M000100Y43", historical).is_ok());
    assert!(Uscc::parse_with("12100000400006241T", historical).is_ok());

    assert_eq!(
        OrganizationCode::parse("d2143569x").unwrap().as_str(),
        "D2143569-X"
    );
    let brn = BusinessRegistrationNumber::parse("440300400000013").unwrap();
    assert_eq!(
        (brn.authority_code(), brn.entity()),
        (440300, RegisteredEntity::ForeignInvested)
    );
    assert_eq!(brn.authority_region().unwrap().name(), "深圳市");
}

#[test]
fn a_string_valid_as_two_kinds_is_reported_as_both() {
    // Both a resident ID (MOD 11-2) and a credit code (mod 31, category 32).
    let both = "321102199003080005";
    assert_eq!(detect(both), [DocumentKind::ResidentId, DocumentKind::Uscc]);
    let id = ResidentId::parse(both).unwrap();
    assert_eq!(id.region_name(), Some("京口区"));
    assert_eq!(
        Uscc::parse(both).unwrap().category(),
        Some(Category::NotaryOffice)
    );
}

#[test]
fn detection_ranks_shared_shapes() {
    assert_eq!(
        detect("932682198501010017"),
        [DocumentKind::ForeignPermanentResidentId]
    );
    assert_eq!(
        detect("51234568"),
        [DocumentKind::TaiwanTravelPermit, DocumentKind::MacaoId]
    );
    assert_eq!(
        detect("USA:123456789"),
        [
            DocumentKind::ForeignPassport,
            DocumentKind::ForeignDrivingLicence
        ]
    );
    assert_eq!(detect("13812345678"), [DocumentKind::MobileNumber]);
    assert!(detect("").is_empty());
    assert!(detect("身份证").is_empty());
}

#[test]
fn other_document_fields() {
    let p = HkMacaoTravelPermit::parse("M1234567801").unwrap();
    assert_eq!(
        (p.region(), p.lifetime_number(), p.renewal_count()),
        (SpecialRegion::Macao, "M12345678", Some(1))
    );
    assert!(!p.is_for_non_chinese_citizen());
    let t = TaiwanTravelPermit::parse("0561682001(D)").unwrap();
    assert_eq!(
        (t.lifetime_number(), t.issue_count(), t.issuing_code()),
        ("05616820", Some(1), Some('D'))
    );
    assert_eq!(
        ChinesePassport::parse("G12345678").unwrap().series(),
        PassportSeries::Booklet
    );
    let hk = HongKongId::parse("xa000000(8)").unwrap();
    assert_eq!((hk.as_str(), hk.prefix()), ("XA000000(8)", "XA"));
    assert_eq!(MacaoId::parse("7/123456/0").unwrap().as_str(), "7123456(0)");
    let tw = TaiwanId::parse("H876543212").unwrap();
    assert_eq!(
        (tw.gender(), tw.is_resident_number(), tw.area_name()),
        (Gender::Male, true, "桃園市")
    );
    let card = BankCardNumber::parse("6217-0000-1234-5678-907").unwrap();
    assert_eq!(card.as_str(), "6217000012345678907");
    assert_eq!(card.masked().as_str(), "6217 **** **** *** 8907");
    assert_eq!(
        format!("{card:?}"),
        "BankCardNumber(6217 **** **** *** 8907)"
    );
    assert_eq!(
        BankCardNumber::parse("6228480012345671")
            .unwrap()
            .masked()
            .as_str(),
        "6228 **** **** 5671"
    );
    assert_eq!(
        BankCardNumber::parse("4111111111111111").unwrap().network(),
        CardNetwork::Visa
    );
    assert!(
        !BankCardNumber::parse("9558801234567890128")
            .unwrap()
            .is_unionpay()
    );
    let m = MobileNumber::parse("0086 166 1234 5678").unwrap();
    assert_eq!(
        (m.as_str(), m.international(), m.carrier()),
        ("16612345678", "+8616612345678", Carrier::ChinaUnicom)
    );
    assert_eq!(
        MobileNumber::parse("13412345678").unwrap().carrier(),
        Carrier::ChinaMobile
    );
    assert_eq!(
        MobileNumber::parse("13492345678").unwrap().carrier(),
        Carrier::ChinaTelecom
    );
    assert_eq!(
        MobileNumber::parse("17415345678").map_err(|e| e.code()),
        Err("prefix")
    );
    assert!(
        MobileNumber::parse("17412345678").is_ok(),
        "17410-17412 are allocated"
    );
    assert_eq!(
        MobileNumber::parse("17410012345").unwrap().carrier(),
        Carrier::Other
    );
    assert_eq!(
        MobileNumber::parse("15412345678"),
        Err(Error::Prefix { prefix: 154 })
    );
    let usa = realname::Country::from_alpha3("USA").unwrap();
    let passport = ForeignPassport::new(usa, " 1234-56789 ").unwrap();
    assert_eq!(
        (passport.as_str(), passport.number()),
        ("USA:123456789", "123456789")
    );
    assert_eq!(format!("{passport:?}"), "ForeignPassport(USA:12*****89)");
}

#[test]
fn document_kinds_have_names_and_ids() {
    let mut ids: Vec<_> = DocumentKind::all().iter().map(|k| k.id()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), DocumentKind::all().len());
    for &kind in DocumentKind::all() {
        assert_eq!(kind.id().parse::<DocumentKind>(), Ok(kind));
        assert_eq!(kind.to_string(), kind.id());
        assert!(!kind.name_zh().is_ascii() && kind.name_en().is_ascii());
        let organisation = matches!(
            kind,
            DocumentKind::Uscc
                | DocumentKind::OrganizationCode
                | DocumentKind::BusinessRegistrationNumber
        );
        let expected = if organisation {
            SubjectKind::Organization
        } else {
            SubjectKind::Individual
        };
        assert_eq!(kind.subject(), expected, "{kind}");
    }
    assert_eq!(
        "passport".parse::<DocumentKind>(),
        Err(realname::UnknownKind)
    );
}

#[test]
fn errors_name_what_is_wrong() {
    assert_eq!(
        ResidentId::parse("110101199003070010"),
        Err(Error::Checksum {
            expected: '1',
            found: '0'
        })
    );
    assert_eq!(
        ResidentId::parse("110101190002290011"),
        Err(Error::InvalidDate)
    );
    assert_eq!(
        ResidentId::parse("11010519491231A02X")
            .unwrap_err()
            .to_string(),
        "character 15 is 'A', expected a digit"
    );
    assert_eq!(
        ResidentId::parse("11010119900307001"),
        Err(Error::Length {
            expected: &[18],
            found: 17
        })
    );
    assert_eq!(
        ResidentId::parse("990101199003070015"),
        Err(Error::Region {
            code: 990101,
            problem: RegionProblem::NotAProvince
        })
    );
    assert_eq!(
        ResidentId::parse("11010500000101001X"),
        Err(Error::DateTooEarly { earliest: 1800 })
    );
    let err = ResidentId::parse("a身份证12345678").unwrap_err();
    assert_eq!(err.to_string(), "the number has 12 characters, expected 18");
    assert_eq!(err.to_string_zh(), "号码应为 18 位，实际为 12 位");
    let err = ResidentId::parse("11010519491231002é").unwrap_err();
    assert_eq!(
        err,
        Error::Character {
            position: 18,
            found: 'é',
            expected: realname::CharClass::DigitOrX
        }
    );
    assert_eq!(err.to_string_zh(), "第 18 位字符“é”无效，应为数字或 X");
    let err = ResidentId::parse("810101199408230023").unwrap_err();
    assert_eq!(
        err.to_string(),
        "the region code 810101 is not valid: residence permits use exactly 810000, 820000 or 830000"
    );
    assert_eq!(
        ForeignPermanentResidentId::parse("911999199012310020")
            .unwrap_err()
            .to_string(),
        "the nationality code 999 is not an ISO 3166-1 country code"
    );
    let today = day(2026, 11, 23);
    let future = ResidentId::parse("110101209901010017").unwrap();
    let err = future.check_on(today).unwrap_err();
    assert_eq!(err, Error::FutureDate { today });
    assert_eq!(
        err.to_string(),
        "the birth date is after today's date 2026-11-23"
    );
    assert_eq!(err.to_string_zh(), "出生日期晚于当前日期 2026-11-23");
}

#[test]
fn every_error_has_a_code_and_two_messages() {
    let errors = [
        Error::Empty,
        Error::Length {
            expected: &[15, 18],
            found: 3,
        },
        Error::Character {
            position: 1,
            found: '\u{0}',
            expected: realname::CharClass::Letter,
        },
        Error::InvalidDate,
        Error::DateTooEarly { earliest: 1800 },
        Error::FutureDate {
            today: day(2026, 1, 1),
        },
        Error::Region {
            code: 990000,
            problem: RegionProblem::NeverExisted,
        },
        Error::Checksum {
            expected: 'X',
            found: '1',
        },
        Error::Nationality {
            code: realname::NationalityCode::Alpha3(*b"KAA"),
        },
        Error::Brackets,
        Error::Category { code: *b"9A" },
        Error::OrganizationCodeChecksum {
            expected: '1',
            found: '2',
        },
        Error::Prefix { prefix: 154 },
        Error::TooLong { max_bytes: 256 },
        Error::NotText,
    ];
    let mut codes: Vec<_> = errors.iter().map(Error::code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), errors.len(), "codes are distinct");
    for e in errors {
        let en = e.to_string();
        assert!(
            !en.is_empty() && !en.ends_with('.') && !en.contains('\n'),
            "{en}"
        );
        assert!(!en.starts_with(|c: char| c.is_uppercase()), "{en}");
        let zh = e.to_string_zh();
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert!(
            e.code()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_')
        );
    }
    // Control characters are escaped, never printed raw.
    assert!(!errors[2].to_string().contains('\u{0}'));
    assert!(!errors[2].to_string_zh().contains('\u{0}'));
}

#[test]
fn resident_id_fields() {
    let id = ResidentId::parse("11010519491231002X").unwrap();
    assert_eq!(id.birth_date(), day(1949, 12, 31));
    assert_eq!(id.gender(), Gender::Female);
    assert_eq!(id.region_code(), 110105);
    assert_eq!(id.region_name(), Some("朝阳区"));
    assert_eq!(id.province_name(), Some("北京市"));
    assert_eq!(id.holder(), Holder::MainlandCitizen);
    assert_eq!(id.check_char(), 'X');
    assert_eq!(id.age_on(day(2026, 12, 30)).unwrap(), 76);
    assert_eq!(id.age_on(day(2026, 12, 31)).unwrap(), 77);

    let hk = ResidentId::parse("810000199408230021").unwrap();
    assert_eq!(hk.holder(), Holder::HongKongResident);
    assert_eq!(hk.region_name(), Some("香港特别行政区"));
    let tw = ResidentId::parse("830000199201300022").unwrap();
    assert_eq!(tw.holder(), Holder::TaiwanResident);
    assert_eq!((tw.region_name(), tw.province_name()), (None, None));
    assert_eq!(tw.gender(), Gender::Female);
    assert!(tw.to_legacy().is_none());

    // The region name is the code's, whatever the birth year: 440524 was
    // abolished in 1993 and the holder was born in 1880.
    let old = ResidentId::parse("440524188001010014").unwrap();
    assert_eq!(old.region_name(), Some("潮阳县"));
    assert!(
        old.to_legacy().is_none(),
        "born 1880 with an ordinary sequence code"
    );
}

#[test]
fn region_check_levels() {
    let strict = ParseOptions::new().with_region_check(RegionCheck::Historical);
    for ok in [
        "110101199003070011",
        "440524188001010014", // abolished code
        "810000199408230021",
        "830000199201300022",
        "44040119580101000X", // early 1980s city code of 珠海市
    ] {
        assert!(ResidentId::parse_with(ok, strict).is_ok(), "{ok}");
    }
    for bad in ["34052419800101001X", "123456199001010011"] {
        assert_eq!(
            ResidentId::parse_with(bad, strict).map_err(|e| e.code()),
            Err("region"),
            "{bad}"
        );
        assert!(ResidentId::parse(bad).is_ok(), "{bad}");
    }
}

#[test]
fn exact_input_accepts_only_the_canonical_form() {
    let exact = ParseOptions::new().with_input(InputForm::Exact);
    assert!(ResidentId::parse_with("11010519491231002X", exact).is_ok());
    assert_eq!(
        ResidentId::parse_with(" 11010519491231002X", exact).map_err(|e| e.code()),
        Err("length")
    );
    for s in ["11010519491231002x", "１１０１０５１９４９１２３１００２Ｘ"] {
        assert_eq!(
            ResidentId::parse_with(s, exact).map_err(|e| e.code()),
            Err("character"),
            "{s:?}"
        );
    }
    assert!(ForeignPermanentResidentId::parse_with("kaz110090123105", exact).is_err());
}

#[test]
fn foreign_permanent_resident_id_fields() {
    let id = ForeignPermanentResidentId::parse("911398199012310021").unwrap();
    let old = ForeignPermanentResidentId::parse("KAZ110090123105").unwrap();
    // The same person on the two cards (research/formats.md §3.2).
    assert_eq!(id.nationality(), old.nationality());
    assert_eq!(id.birth_date(), old.birth_date());
    assert_eq!(id.accepting_region_code(), old.accepting_region_code());
    assert_eq!(old.other_birth_date(), Some(day(2090, 12, 31)));
    let leap = ForeignPermanentResidentId::parse("JPN440000022902").unwrap();
    assert_eq!(leap.birth_date(), day(2000, 2, 29));
    assert_eq!(leap.other_birth_date(), None, "1900-02-29 does not exist");
    assert_eq!(leap.masked().as_str(), "JPN4400******02");
}

#[test]
fn display_is_canonical_and_debug_is_masked() {
    let id = ResidentId::parse(" 11010519491231002x").unwrap();
    assert_eq!(id.to_string(), "11010519491231002X");
    assert_eq!(format!("{id:>20}"), "  11010519491231002X");
    assert_eq!(format!("{id:?}"), "ResidentId(110105********002X)");
    assert_eq!(
        format!("{:?}", Some(id)),
        "Some(ResidentId(110105********002X))"
    );
    let legacy = LegacyResidentId::parse("110101900307001").unwrap();
    assert_eq!(format!("{legacy:?}"), "LegacyResidentId(110101******001)");
    let fpr = ForeignPermanentResidentId::parse("KAZ110090123105").unwrap();
    assert_eq!(
        format!("{fpr:?}"),
        "ForeignPermanentResidentId(KAZ1100******05)"
    );
    assert_eq!(ResidentId::try_from("11010519491231002X"), Ok(id));
    assert_eq!("11010519491231002X".parse::<ResidentId>(), Ok(id));
}

/// American Express (15 digits) and Diners Club (14) cards, issued by
/// mainland banks too, are named by their network; UnionPay stays exact.
#[test]
fn short_card_numbers_name_their_network() {
    let amex = BankCardNumber::parse("3755 569179 85515").unwrap();
    assert_eq!(amex.as_str(), "375556917985515");
    assert_eq!(amex.network(), CardNetwork::AmericanExpress);
    assert!(!amex.is_unionpay());
    assert_eq!(format!("{amex:?}"), "BankCardNumber(3755 **** *** 5515)");
    for diners in ["36050234196908", "30569309025904", "38520000023237"] {
        let card = BankCardNumber::parse(diners).unwrap();
        assert_eq!(card.network(), CardNetwork::DinersClub, "{diners}");
        assert!(!format!("{card:?}").contains(&diners[4..10]));
    }
    // A 15- or 16-digit number with a UnionPay IIN: only 16 to 19 digits.
    assert_eq!(
        BankCardNumber::parse("622848001234567"),
        Err(Error::Length {
            expected: &[16, 17, 18, 19],
            found: 15
        })
    );
    assert!(
        BankCardNumber::parse("6228480012345671")
            .unwrap()
            .is_unionpay()
    );
    // 14 digits of an American Express IIN, 15 of a Diners Club one: no.
    assert!(matches!(
        BankCardNumber::parse("37828224631000"),
        Err(Error::Length { found: 14, .. })
    ));
    assert!(matches!(
        BankCardNumber::parse("360502341969085"),
        Err(Error::Length { found: 15, .. })
    ));
}

/// The three formats of Taiwan numbers, and which is which.
#[test]
fn taiwan_formats() {
    use realname::TaiwanIdFormat;
    for (input, format, gender) in [
        ("A123456789", TaiwanIdFormat::NationalId, Gender::Male),
        ("F234567898", TaiwanIdFormat::NationalId, Gender::Female),
        ("H876543212", TaiwanIdFormat::Resident2021, Gender::Male),
        ("B912345674", TaiwanIdFormat::Resident2021, Gender::Female),
        ("AA00000009", TaiwanIdFormat::ResidentLegacy, Gender::Male),
        ("AB12345677", TaiwanIdFormat::ResidentLegacy, Gender::Female),
        ("CC00151114", TaiwanIdFormat::ResidentLegacy, Gender::Male),
        ("HD02717288", TaiwanIdFormat::ResidentLegacy, Gender::Female),
    ] {
        let id = TaiwanId::parse(input).unwrap();
        assert_eq!(id.format(), format, "{input}");
        assert_eq!(id.gender(), gender, "{input}");
        assert_eq!(
            id.is_resident_number(),
            format != TaiwanIdFormat::NationalId
        );
        assert_eq!(format!("{id:?}"), format!("TaiwanId({})", id.masked()));
        assert!(!format!("{id:?}").contains(&input[3..8]));
    }
    assert_eq!(
        TaiwanId::parse("AB12345678"),
        Err(Error::Checksum {
            expected: '7',
            found: '8'
        })
    );
    assert!(matches!(
        TaiwanId::parse("AE23456785"),
        Err(Error::Character { position: 2, .. })
    ));
    let exact = ParseOptions::new().with_input(InputForm::Exact);
    assert!(TaiwanId::parse_with("ab12345677", exact).is_err());
}

/// A 15-digit legacy resident ID of Shandong (37…) that passes Luhn is
/// also an American Express number: the identity number ranks first.
#[test]
fn short_card_numbers_rank_after_legacy_ids() {
    let kinds = detect("370102800101103");
    assert_eq!(kinds.first(), Some(&DocumentKind::LegacyResidentId));
    assert_eq!(kinds.last(), Some(&DocumentKind::BankCardNumber));
    assert_eq!(
        Document::parse_any("370102800101103").map(|d| d.kind()),
        Some(DocumentKind::LegacyResidentId)
    );
    assert_eq!(detect("375556917985515"), [DocumentKind::BankCardNumber]);
}
