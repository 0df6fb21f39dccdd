//! Subjects and names: construction rules, normalisation, masking, serde.

use realname::org::{Category, Certificate, OrganizationClass, OrganizationType};
use realname::subject::{
    Individual, NameError, Organization, OrganizationName, PersonName, Subject, SubjectError,
};
use realname::{Document, DocumentKind, SubjectKind, Uscc};

fn person(name: &str, number: &str) -> Individual {
    Individual::new(
        PersonName::parse(name).unwrap(),
        Document::parse_any(number).unwrap(),
    )
    .unwrap()
}

#[test]
fn documents_must_belong_to_the_subject() {
    let name = PersonName::parse("张三").unwrap();
    for number in ["91350100M000100Y43", "D2143569-X", "110108012345670"] {
        let doc = Document::parse_any(number).unwrap();
        assert_eq!(doc.kind().subject(), SubjectKind::Organization, "{number}");
        let err = Individual::new(name.clone(), doc).unwrap_err();
        assert!(matches!(
            err,
            SubjectError::WrongDocument {
                expected: SubjectKind::Individual,
                ..
            }
        ));
        assert!(!err.to_string().is_empty() && !err.to_string_zh().is_empty());
    }
    for number in [
        "11010519491231002X",
        "A123456(3)",
        "E12345678",
        "USA:123456789",
    ] {
        assert!(
            Individual::new(name.clone(), Document::parse_any(number).unwrap()).is_ok(),
            "{number}"
        );
    }
}

#[test]
fn organisation_type_must_fit_the_credit_code() {
    let rep = person("张三", "11010519491231002X");
    let name = OrganizationName::parse("某某有限公司").unwrap();
    let enterprise = Uscc::parse("91110108795101314G").unwrap();
    assert!(
        Organization::new(
            name.clone(),
            enterprise,
            OrganizationType::Enterprise,
            rep.clone()
        )
        .is_ok()
    );
    assert_eq!(
        Organization::new(
            name.clone(),
            enterprise,
            OrganizationType::Foundation,
            rep.clone()
        ),
        Err(SubjectError::TypeMismatch {
            category: Category::Enterprise,
            org_type: OrganizationType::Foundation
        })
    );
    // 52 registers both names of the social service organisation.
    let social = Uscc::parse("52110000MA0000000J").unwrap();
    for t in [
        OrganizationType::SocialServiceOrganization,
        OrganizationType::PrivateNonEnterpriseUnit,
    ] {
        assert!(Organization::new(name.clone(), social, t, rep.clone()).is_ok());
    }
    // Unconfirmed links never reject: 11 (机关) with any type is accepted.
    let organ = Uscc::parse(&with_check("11100000MA0000000")).unwrap();
    assert!(
        Organization::new(
            name.clone(),
            organ,
            OrganizationType::Enterprise,
            rep.clone()
        )
        .is_ok()
    );
    // Unknown categories never reject.
    let unknown = Uscc::parse("9A350100M000100Y47").unwrap();
    assert!(Organization::new(name, unknown, OrganizationType::Foundation, rep).is_ok());
}

fn with_check(body: &str) -> String {
    let check = realname::checksum::gb32100(body.as_bytes()).unwrap();
    format!("{body}{}", char::from(check))
}

#[test]
fn subjects_know_their_kind_and_agents() {
    let rep = person("张三", "11010519491231002X");
    let agent = person("李四", "110101199003070011");
    let org = Organization::new(
        OrganizationName::parse("某某研究所").unwrap(),
        Uscc::parse("12100000400006241T").unwrap(),
        OrganizationType::PublicInstitution,
        rep.clone(),
    )
    .unwrap()
    .with_agent(agent);
    assert_eq!(
        org.organization_type().class(),
        OrganizationClass::OtherOrganization
    );
    assert_eq!(org.agent().unwrap().name().as_str(), "李四");
    assert_eq!(Subject::from(org).kind(), SubjectKind::Organization);
    assert_eq!(Subject::from(rep).kind(), SubjectKind::Individual);
}

#[test]
fn debug_masks_names_and_numbers() {
    let rep = person("欧阳娜娜", "11010519491231002X");
    let debug = format!("{rep:?}");
    assert!(
        !debug.contains("欧阳娜娜") && !debug.contains("19491231"),
        "{debug}"
    );
    assert!(debug.contains("欧***"));
    let org = Organization::new(
        OrganizationName::parse("某某网络技术（北京）有限公司").unwrap(),
        Uscc::parse("91110108795101314G").unwrap(),
        OrganizationType::Enterprise,
        rep,
    )
    .unwrap();
    let debug = format!("{org:?}");
    assert!(
        !debug.contains("欧阳娜娜") && !debug.contains("91110108795101314G"),
        "{debug}"
    );
}

#[test]
fn name_errors_have_codes_and_messages() {
    let errors = [
        NameError::Empty,
        NameError::TooShort { min: 2, found: 1 },
        NameError::TooLong { max: 64, found: 70 },
        NameError::Character {
            position: 2,
            found: '3',
        },
    ];
    for e in errors {
        assert!(e.code().starts_with("name_"));
        assert!(!e.to_string().ends_with('.'));
        assert!(!e.to_string_zh().is_ascii());
    }
}

#[test]
fn every_type_has_a_certificate_and_a_category() {
    for t in OrganizationType::all() {
        assert!(!t.certificate().name_zh().is_empty());
        assert!(!t.categories().is_empty(), "{t}");
        assert_eq!(t.id().parse::<OrganizationType>(), Ok(*t));
    }
    assert_eq!(
        Category::Enterprise.certificate(),
        Some(Certificate::BusinessLicence)
    );
    assert_eq!(DocumentKind::Uscc.subject(), SubjectKind::Organization);
}

#[cfg(feature = "serde")]
#[test]
fn subjects_round_trip_through_serde() {
    let rep = person("张三", "11010519491231002X");
    let org = Organization::new(
        OrganizationName::parse("某某(北京)有限公司").unwrap(),
        Uscc::parse("91110108795101314G").unwrap(),
        OrganizationType::Enterprise,
        rep,
    )
    .unwrap();
    let subject = Subject::from(org);
    let json = serde_json::to_string(&subject).unwrap();
    assert!(json.contains(r#""kind":"organization""#), "{json}");
    assert!(json.contains("某某（北京）有限公司"), "{json}");
    assert_eq!(serde_json::from_str::<Subject>(&json).unwrap(), subject);
    // The constructors' checks hold on the way in.
    let bad = json.replace(
        r#""organization_type":"enterprise""#,
        r#""organization_type":"foundation""#,
    );
    assert!(serde_json::from_str::<Subject>(&bad).is_err());
    let bad_name: Result<PersonName, _> = serde_json::from_str(r#""张3""#);
    assert!(bad_name.is_err());
}
