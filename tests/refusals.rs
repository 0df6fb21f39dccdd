//! Every refusal names the real problem: a length error only when the
//! length is what is wrong.

use realname::{Document, DocumentKind, Error, HongKongId, MacaoId};

/// Valid numbers of every kind, in each written form the kind accepts.
const SAMPLES: &[(&str, &str)] = &[
    ("resident_id", "11010519491231002X"),
    ("resident_id", "810000199408230021"),
    ("foreign_permanent_resident_id", "932682198501010017"),
    ("foreign_permanent_resident_id", "KAZ110090123105"),
    ("uscc", "91350100M000100Y43"),
    ("mobile_number", "13812345678"),
    ("mobile_number", "+8619212345678"),
    ("mobile_number", "008616612345678"),
    ("bank_card_number", "6228480012345671"),
    ("bank_card_number", "6217000012345678907"),
    ("legacy_resident_id", "110101900307001"),
    ("business_registration_number", "110108012345670"),
    ("hong_kong_id", "A123456(3)"),
    ("hong_kong_id", "A1234563"),
    ("hong_kong_id", "XA000000(8)"),
    ("hong_kong_id", "OV290326A"),
    ("taiwan_id", "A123456789"),
    ("hk_macao_travel_permit", "H12345678"),
    ("hk_macao_travel_permit", "M1234567801"),
    ("hk_macao_travel_permit", "HA1234567"),
    ("chinese_passport", "E12345678"),
    ("chinese_passport", "EA1234567"),
    ("exit_entry_permit", "C12345678"),
    ("exit_entry_permit", "CA0000001"),
    ("taiwan_travel_permit", "12345678"),
    ("taiwan_travel_permit", "0561682001"),
    ("taiwan_travel_permit", "0561682001(D)"),
    ("macao_id", "1234567(8)"),
    ("macao_id", "1/234567/8"),
    ("macao_id", "51234568"),
    ("organization_code", "D2143569-X"),
    ("organization_code", "400006241"),
];

/// Replacing one character of a valid number by one no scheme uses keeps
/// its length: the refusal must name that character, never the length.
#[test]
fn a_wrong_character_is_never_reported_as_a_wrong_length() {
    let mut wrong = Vec::new();
    for &(kind, sample) in SAMPLES {
        let kind: DocumentKind = kind.parse().unwrap();
        assert!(
            Document::parse_as(kind, sample).is_ok(),
            "{sample} is not a valid {}",
            kind.id()
        );
        let chars: Vec<char> = sample.chars().collect();
        for i in 0..chars.len() {
            for bad in ['[', '#', '.', '!'] {
                let mut changed = chars.clone();
                changed[i] = bad;
                let input: String = changed.into_iter().collect();
                match Document::parse_as(kind, &input) {
                    Err(e @ (Error::Length { .. } | Error::TooLong { .. })) => {
                        wrong.push(format!("{} {input:?}: {e}", kind.id()))
                    }
                    Ok(_) => wrong.push(format!("{} {input:?}: accepted", kind.id())),
                    Err(_) => {}
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn hong_kong_id_with_square_brackets_names_the_character() {
    assert_eq!(
        HongKongId::parse("OV290326[A]"),
        Err(Error::Character {
            position: 9,
            found: '[',
            expected: realname::CharClass::Exactly('('),
        })
    );
}

#[test]
fn macao_id_with_square_brackets_names_the_character() {
    assert!(matches!(
        MacaoId::parse("1234567[8]"),
        Err(Error::Character {
            position: 8,
            found: '[',
            ..
        })
    ));
}

#[test]
fn mobile_number_with_a_mangled_prefix_names_the_character() {
    use realname::{CharClass, MobileNumber};
    assert_eq!(
        MobileNumber::parse("+[619212345678"),
        Err(Error::Character {
            position: 2,
            found: '[',
            expected: CharClass::Exactly('8'),
        })
    );
    assert_eq!(
        MobileNumber::parse("00#616612345678"),
        Err(Error::Character {
            position: 3,
            found: '#',
            expected: CharClass::Exactly('8'),
        })
    );
    // All digits: the length is what is wrong.
    assert_eq!(
        MobileNumber::parse("13812345678901"),
        Err(Error::Length {
            expected: &[11],
            found: 14
        })
    );
}

#[test]
fn a_wrong_length_is_still_a_length_error() {
    assert!(matches!(
        HongKongId::parse("A12345(6)"),
        Err(Error::Length { .. })
    ));
    assert!(matches!(
        HongKongId::parse("A12345678"),
        Err(Error::Length { .. })
    ));
    assert!(matches!(
        MacaoId::parse("12345678(9)"),
        Err(Error::Length { .. })
    ));
}
