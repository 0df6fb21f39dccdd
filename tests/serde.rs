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
