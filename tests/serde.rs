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

/// Serde's own messages quote the input; ours never do.
mod no_echo {
    use realname::subject::{Individual, Organization, OrganizationName, PersonName, Subject};
    use realname::{Document, DocumentKind, Gender, ResidentId};
    use serde::de::DeserializeOwned;

    const SECRETS: &[&str] = &["110105194912310021", "1949", "张三丰", "11010519491231002"];

    /// The message of refusing `json` as a `T` (empty if it is a valid
    /// `T`), checked to quote nothing both from text and from a `Value`.
    fn refuses<T: DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        let from_str = serde_json::from_str::<T>(json)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let from_value = serde_json::from_value::<T>(value)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        for message in [&from_str, &from_value] {
            for secret in SECRETS {
                assert!(!message.contains(secret), "{json}: {message}");
            }
            assert!(!message.contains("Repr"), "{json}: {message}");
        }
        from_str
    }

    fn every_document_type(json: &str) {
        refuses::<ResidentId>(json);
        refuses::<realname::LegacyResidentId>(json);
        refuses::<realname::ForeignPermanentResidentId>(json);
        refuses::<realname::Uscc>(json);
        refuses::<realname::OrganizationCode>(json);
        refuses::<realname::BusinessRegistrationNumber>(json);
        refuses::<realname::MobileNumber>(json);
        refuses::<realname::BankCardNumber>(json);
        refuses::<realname::HongKongId>(json);
        refuses::<realname::MacaoId>(json);
        refuses::<realname::TaiwanId>(json);
        refuses::<realname::HkMacaoTravelPermit>(json);
        refuses::<realname::TaiwanTravelPermit>(json);
        refuses::<realname::ChinesePassport>(json);
        refuses::<realname::ExitEntryPermit>(json);
        refuses::<realname::ForeignPassport>(json);
        refuses::<realname::ForeignDrivingLicence>(json);
        refuses::<Document>(json);
        refuses::<DocumentKind>(json);
        refuses::<Gender>(json);
        refuses::<realname::SubjectKind>(json);
        refuses::<realname::Country>(json);
        refuses::<PersonName>(json);
        refuses::<OrganizationName>(json);
        refuses::<Individual>(json);
        refuses::<Organization>(json);
        refuses::<Subject>(json);
    }

    #[test]
    fn no_value_is_quoted_in_any_message() {
        for json in [
            "110105194912310021",
            "-110105194912310021",
            "110105194912310021.5",
            "true",
            "null",
            "[110105194912310021]",
            r#"["11010519491231002X"]"#,
            r#""11010519491231002Y""#,
            r#""张三丰""#,
            r#"{"11010519491231002X": 1}"#,
            r#"{"张三丰": "1949"}"#,
        ] {
            every_document_type(json);
        }
    }

    #[test]
    fn the_integer_of_the_issue() {
        let m = refuses::<ResidentId>("110105194912310021");
        assert_eq!(
            m,
            "invalid type: an integer, expected an 18-character resident identity number at line 1 column 18"
        );
    }

    #[test]
    fn documents_name_no_private_type_and_quote_nothing() {
        let m = refuses::<Document>(r#"{"kind": "resident_id", "number": "110105194912310020"}"#);
        assert!(m.contains("the check character is 0, expected X"), "{m}");
        let m = refuses::<Document>(r#""110105194912310021""#);
        assert!(
            m.contains("expected a document: a map of `kind` and `number`"),
            "{m}"
        );
        let m = refuses::<Document>(r#"{"kind": 110105194912310021, "number": "x"}"#);
        assert!(m.contains("invalid type: an integer"), "{m}");
        let m = refuses::<Document>(r#"{"kind": "张三丰", "number": "x"}"#);
        assert!(m.contains("unknown identifier"), "{m}");
        let m = refuses::<Document>(r#"{"kind": "resident_id", "number": 110105194912310021}"#);
        assert!(
            m.contains("invalid type: an integer, expected a document number"),
            "{m}"
        );
    }

    #[test]
    fn unknown_fields_are_refused() {
        let doc = r#"{"kind": "mobile_number", "number": "13812345678"}"#;
        assert!(serde_json::from_str::<Document>(doc).is_ok());
        let m = refuses::<Document>(
            r#"{"kind": "mobile_number", "number": "13812345678", "11010519491231002X": 1}"#,
        );
        assert!(
            m.starts_with("unknown field, expected `kind` or `number`"),
            "{m}"
        );

        let person = format!(r#"{{"name": "张三", "document": {doc}}}"#);
        let i: Individual = serde_json::from_str(&person).unwrap();
        assert_eq!(i.name().as_str(), "张三");
        let m = refuses::<Individual>(&format!(
            r#"{{"name": "张三", "document": {doc}, "note": "张三丰"}}"#
        ));
        assert!(m.starts_with("unknown field"), "{m}");

        let rep = r#"{"name": "张三", "document": {"kind": "resident_id", "number": "11010519491231002X"}}"#;
        let org = format!(
            r#"{{"name": "某某研究所", "code": "12100000400006241T", "organization_type": "public_institution", "legal_representative": {rep}}}"#
        );
        let o: Organization = serde_json::from_str(&org).unwrap();
        assert_eq!(o.name().as_str(), "某某研究所");
        let extra = org.replacen('{', r#"{"张三丰": 1, "#, 1);
        let m = refuses::<Organization>(&extra);
        assert!(m.starts_with("unknown field"), "{m}");

        // Subjects round-trip, and refuse the other kind's fields.
        let s = Subject::from(o.clone());
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Subject>(&json).unwrap(), s);
        let s = Subject::from(i);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Subject>(&json).unwrap(), s);
        let mixed = json.replacen('{', r#"{"code": "12100000400006241T", "#, 1);
        let m = refuses::<Subject>(&mixed);
        assert!(m.starts_with("unknown field"), "{m}");
        let m = refuses::<Subject>(&json.replace("individual", "张三丰"));
        assert!(m.contains("unknown identifier"), "{m}");
        let m = refuses::<Organization>(&org.replace("public_institution", "张三丰"));
        assert!(m.contains("unknown identifier"), "{m}");
    }

    #[test]
    fn toml_quotes_its_source_line() {
        // The caveat the docs give: toml's own errors show the line.
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Form {
            id: ResidentId,
        }
        let err = toml::from_str::<Form>("id = \"110105194912310020\"\n").unwrap_err();
        assert!(err.to_string().contains("the check character"), "{err}");
        assert!(err.to_string().contains("110105194912310020"), "{err}");
    }
}

mod forms {
    use realname::document::Field;
    use realname::subject::PersonName;
    use realname::{MobileNumber, ResidentId};

    #[derive(serde::Deserialize, Debug)]
    struct Form {
        name: Field<PersonName>,
        id: Field<ResidentId>,
        mobile: Field<MobileNumber>,
        #[serde(default)]
        other: Field<ResidentId>,
    }

    #[test]
    fn a_form_with_two_bad_fields_gives_both_typed_errors() {
        let json = r#"{"name": "张3", "id": "110101199003070010", "mobile": "13812345678"}"#;
        let form: Form = serde_json::from_str(json).unwrap();
        let name = form.name.into_result().unwrap_err();
        assert_eq!(name.code(), "name_character");
        let id = form.id.into_result().unwrap_err();
        assert_eq!(id.code(), "checksum");
        assert_eq!(id.to_string_zh(), "校验位为 0，应为 1");
        assert_eq!(form.mobile.result().unwrap().as_str(), "13812345678");
        assert_eq!(form.other.into_result(), Err(realname::Error::Empty));
        assert_eq!(
            serde_json::to_value(id).unwrap(),
            serde_json::json!({
                "code": "checksum",
                "message": "the check character is 0, expected 1",
                "message_zh": "校验位为 0，应为 1",
                "expected": "1",
                "found": "0",
            })
        );
        assert_eq!(
            serde_json::to_value(name).unwrap()["code"],
            "name_character"
        );
    }

    #[test]
    fn fields_hold_errors_for_values_that_are_not_text() {
        for value in [
            "110105194912310021",
            "true",
            "null",
            "[1, [2]]",
            r#"{"a": {"b": 1}}"#,
        ] {
            let json = format!(r#"{{"name": {value}, "id": {value}, "mobile": {value}}}"#);
            let form: Form = serde_json::from_str(&json).unwrap();
            let expected = if value == "null" { "empty" } else { "not_text" };
            assert_eq!(
                form.id.into_result().unwrap_err().code(),
                expected,
                "{value}"
            );
            let expected = if value == "null" {
                "name_empty"
            } else {
                "name_not_text"
            };
            assert_eq!(
                form.name.into_result().unwrap_err().code(),
                expected,
                "{value}"
            );
        }
        let form: Form = toml::from_str("name = \"张三\"\nid = 1\nmobile = \"x\"\n").unwrap();
        assert!(form.name.is_ok());
        assert_eq!(form.id.into_result().unwrap_err(), realname::Error::NotText);
    }
}

mod shapes {
    use realname::policy::{MethodKind, Provider};
    use realname::{Country, Error, InputForm, ParseOptions, RegionCheck, ResidentId, UsccCheck};
    use serde_json::json;

    #[test]
    fn errors_serialize_as_one_object_without_personal_data() {
        let today = chrono::NaiveDate::from_ymd_opt(1949, 1, 1).unwrap();
        let e = ResidentId::parse("11010519491231002X")
            .unwrap()
            .check_on(today)
            .unwrap_err();
        assert_eq!(
            serde_json::to_value(e).unwrap(),
            json!({
                "code": "future_date",
                "message": "the birth date is after today's date 1949-01-01",
                "message_zh": "出生日期晚于当前日期 1949-01-01",
                "today": "1949-01-01",
            })
        );
        let e = ResidentId::parse("990101199003070015").unwrap_err();
        assert_eq!(
            serde_json::to_value(e).unwrap(),
            json!({
                "code": "region",
                "message": "the region code 990101 does not begin with a province-level code",
                "message_zh": "地区码 990101 不以有效的省级代码开头",
                "region_code": "990101",
                "problem": "not_a_province",
            })
        );
        let e = Error::Length {
            expected: &[15, 18],
            found: 3,
        };
        let v = serde_json::to_value(e).unwrap();
        assert_eq!(v["expected"], json!([15, 18]));
        assert_eq!(v["found"], 3);
        for e in [
            Error::Empty,
            Error::InvalidDate,
            Error::NotText,
            Error::TooLong { max_bytes: 256 },
        ] {
            let v = serde_json::to_value(e).unwrap();
            assert_eq!(v["code"], e.code());
            assert_eq!(v["message"], e.to_string());
            assert_eq!(v["message_zh"], e.to_string_zh());
        }
    }

    #[test]
    fn refusals_serialize_as_one_object() {
        let huawei = Provider::HuaweiInternational.profile();
        let r = realname::rules::check_upload(huawei, MethodKind::DocumentUpload, "张三丰.heic", 1)
            .unwrap_err();
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["code"], "upload_format");
        assert_eq!(v["message"], r.to_string());
        assert_eq!(v["message_zh"], r.to_string_zh());
        assert!(v["accepted"].is_array());
        assert!(!v.to_string().contains("张三丰"));
        let r = realname::rules::check_upload(huawei, MethodKind::DocumentUpload, "a.png", 0)
            .unwrap_err();
        assert_eq!(serde_json::to_value(&r).unwrap()["code"], "upload_empty");
    }

    #[test]
    fn options_and_countries_round_trip() {
        let o = ParseOptions::new()
            .with_region_check(RegionCheck::Historical)
            .with_input(InputForm::Exact)
            .with_uscc_check(UsccCheck::KnownCategory);
        let json = serde_json::to_string(&o).unwrap();
        assert_eq!(
            json,
            r#"{"region_check":"historical","input":"exact","uscc_check":"known_category"}"#
        );
        assert_eq!(serde_json::from_str::<ParseOptions>(&json).unwrap(), o);
        assert_eq!(
            serde_json::from_str::<ParseOptions>("{}").unwrap(),
            ParseOptions::new()
        );
        let t: ParseOptions = toml::from_str("input = \"exact\"").unwrap();
        assert_eq!(t.input(), InputForm::Exact);
        let jp = Country::from_alpha3("JPN").unwrap();
        assert_eq!(serde_json::to_string(&jp).unwrap(), r#""JPN""#);
        assert_eq!(serde_json::from_str::<Country>(r#""JPN""#).unwrap(), jp);
    }

    #[test]
    fn masked_serde_form() {
        #[derive(serde::Serialize)]
        struct Log {
            #[serde(serialize_with = "realname::document::masked::serialize")]
            id: ResidentId,
            #[serde(serialize_with = "realname::document::masked::serialize_option")]
            card: Option<realname::BankCardNumber>,
        }
        let log = Log {
            id: ResidentId::parse("11010519491231002X").unwrap(),
            card: Some(realname::BankCardNumber::parse("6217000012345678907").unwrap()),
        };
        let json = serde_json::to_string(&log).unwrap();
        assert_eq!(
            json,
            r#"{"id":"110105********002X","card":"6217 **** **** *** 8907"}"#
        );
        assert_eq!(
            serde_json::to_string(&log.id.masked()).unwrap(),
            r#""110105********002X""#
        );
    }

    #[test]
    fn enums_round_trip_as_identifiers() {
        use realname::{CardNetwork, FprGeneration, Holder, PassportSeries, SpecialRegion};
        for (json, back) in [
            (
                serde_json::to_string(&CardNetwork::DinersClub).unwrap(),
                r#""diners_club""#,
            ),
            (
                serde_json::to_string(&FprGeneration::Card2023).unwrap(),
                r#""card2023""#,
            ),
            (
                serde_json::to_string(&Holder::MacaoResident).unwrap(),
                r#""macao_resident""#,
            ),
            (
                serde_json::to_string(&PassportSeries::Booklet).unwrap(),
                r#""booklet""#,
            ),
            (
                serde_json::to_string(&SpecialRegion::HongKong).unwrap(),
                r#""hong_kong""#,
            ),
            (
                serde_json::to_string(&realname::DocumentKind::Uscc).unwrap(),
                r#""uscc""#,
            ),
        ] {
            assert_eq!(json, back);
        }
        assert_eq!(
            serde_json::from_str::<CardNetwork>(r#""union_pay""#).unwrap(),
            CardNetwork::UnionPay
        );
    }
}
