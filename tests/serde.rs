//! Documents serialize as their canonical string and deserialize through
//! `parse`, so an invalid number cannot enter through serde.

mod common;

use realname::{ForeignPermanentResidentId, Gender, Holder, LegacyResidentId, ResidentId};
use serde::de::DeserializeOwned;

fn check_vectors<T: DeserializeOwned + serde::Serialize + std::fmt::Display>(file: &str) {
    for v in common::load(file) {
        let json = serde_json::to_string(&v.input).unwrap();
        let got: Result<T, _> = serde_json::from_str(&json);
        assert_eq!(
            got.is_ok(),
            v.expected == "ok",
            "{file} line {}: {:?}",
            v.line,
            v.input
        );
        if let Ok(value) = got {
            assert_eq!(
                serde_json::to_string(&value).unwrap(),
                format!("\"{value}\"")
            );
        }
    }
}

#[test]
fn vectors_through_serde() {
    check_vectors::<ResidentId>("resident_id.txt");
    check_vectors::<LegacyResidentId>("legacy_resident_id.txt");
    check_vectors::<ForeignPermanentResidentId>("foreign_permanent_resident_id.txt");
    check_vectors::<realname::HongKongId>("hong_kong_id.txt");
    check_vectors::<realname::MacaoId>("macao_id.txt");
    check_vectors::<realname::TaiwanId>("taiwan_id.txt");
    check_vectors::<realname::HkMacaoTravelPermit>("hk_macao_travel_permit.txt");
    check_vectors::<realname::TaiwanTravelPermit>("taiwan_travel_permit.txt");
    check_vectors::<realname::ExitEntryPermit>("exit_entry_permit.txt");
    check_vectors::<realname::ChinesePassport>("chinese_passport.txt");
    check_vectors::<realname::ForeignPassport>("foreign_passport.txt");
    check_vectors::<realname::ForeignDrivingLicence>("foreign_driving_licence.txt");
    check_vectors::<realname::BankCardNumber>("bank_card_number.txt");
    check_vectors::<realname::MobileNumber>("mobile_number.txt");
}

#[test]
fn documents_serialize_with_their_kind() {
    let doc = realname::Document::parse_any("13812345678").unwrap();
    let json = serde_json::to_string(&doc).unwrap();
    assert_eq!(json, r#"{"kind":"mobile_number","number":"13812345678"}"#);
    assert_eq!(
        serde_json::from_str::<realname::Document>(&json).unwrap(),
        doc
    );
    let bad = r#"{"kind":"mobile_number","number":"15412345678"}"#;
    let err = serde_json::from_str::<realname::Document>(bad).unwrap_err();
    assert!(
        err.to_string().contains("the prefix 154 is not allocated"),
        "{err}"
    );
    let unknown = r#"{"kind":"passport","number":"E12345678"}"#;
    assert!(serde_json::from_str::<realname::Document>(unknown).is_err());
    let kind: realname::DocumentKind = serde_json::from_str(r#""taiwan_id""#).unwrap();
    assert_eq!(kind, realname::DocumentKind::TaiwanId);
}

#[test]
fn serializes_canonical_form() {
    let id: ResidentId = serde_json::from_str("\" 11010519491231002x\"").unwrap();
    assert_eq!(
        serde_json::to_string(&id).unwrap(),
        "\"11010519491231002X\""
    );
}

#[test]
fn errors_say_what_is_wrong() {
    let err = serde_json::from_str::<ResidentId>("\"110101199003070010\"").unwrap_err();
    assert!(
        err.to_string()
            .contains("the check character is 0, expected 1"),
        "{err}"
    );
    let err = serde_json::from_str::<ResidentId>("18").unwrap_err();
    assert!(
        err.to_string()
            .contains("an 18-character resident identity number"),
        "{err}"
    );
}

#[test]
fn enums_use_snake_case() {
    assert_eq!(
        serde_json::to_string(&Gender::Female).unwrap(),
        "\"female\""
    );
    assert_eq!(
        serde_json::to_string(&Holder::HongKongResident).unwrap(),
        "\"hong_kong_resident\""
    );
    let g: Gender = serde_json::from_str("\"male\"").unwrap();
    assert_eq!(g, Gender::Male);
}

#[test]
fn borrowed_and_owned_inputs_work() {
    #[derive(serde::Deserialize)]
    struct Form {
        id: ResidentId,
    }
    let form: Form = serde_json::from_str(r#"{"id":"11010519491231002X"}"#).unwrap();
    assert_eq!(form.id.as_str(), "11010519491231002X");
    // An escaped string cannot be borrowed; it still parses.
    let form: Form = serde_json::from_str(r#"{"id":"11010519491231002\u0058"}"#).unwrap();
    assert_eq!(form.id.as_str(), "11010519491231002X");
}
