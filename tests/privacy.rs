//! No error, `Debug` or refusal shows a birth date, a number or a name, and
//! no parser does work in proportion to an over-long input.

use chrono::NaiveDate;
use realname::document::MAX_INPUT_BYTES;
use realname::policy::{MethodKind, Provider};
use realname::subject::{NameError, OrganizationName, PersonName};
use realname::{
    BankCardNumber, Document, DocumentKind, Error, ForeignPermanentResidentId, LegacyResidentId,
    ResidentId, rules,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Every way an error can be printed.
fn texts(e: &Error) -> [String; 3] {
    [e.to_string(), e.to_string_zh(), format!("{e:?}")]
}

fn assert_hides(e: &Error, secrets: &[&str]) {
    for text in texts(e) {
        for secret in secrets {
            assert!(!text.contains(secret), "{text:?} shows {secret:?}");
        }
    }
}

#[test]
fn future_dates_do_not_show_the_birth_date() {
    let before = day(1949, 1, 1);
    let id = ResidentId::parse("11010519491231002X").unwrap();
    let secrets = ["1949-12-31", "19491231", "12-31", "1949, 12", "month: 12"];
    let e = id.check_on(before).unwrap_err();
    assert_eq!(e, Error::FutureDate { today: before });
    assert_eq!(
        e.to_string(),
        "the birth date is after today's date 1949-01-01"
    );
    assert_eq!(e.to_string_zh(), "出生日期晚于当前日期 1949-01-01");
    assert_hides(&e, &secrets);
    assert_hides(&id.age_on(before).unwrap_err(), &secrets);

    let legacy = LegacyResidentId::parse("110101900307001").unwrap();
    let e = legacy.check_on(day(1990, 1, 1)).unwrap_err();
    assert_hides(&e, &["1990-03-07", "03-07"]);
    assert_hides(&legacy.age_on(day(1990, 1, 1)).unwrap_err(), &["03-07"]);

    for (number, secret) in [
        ("932682198501010017", "1985-01-01"),
        ("KAZ110090123105", "1990-01-23"),
    ] {
        let fpr = ForeignPermanentResidentId::parse(number).unwrap();
        assert_hides(&fpr.check_on(day(1980, 1, 1)).unwrap_err(), &[secret]);
        assert_hides(&fpr.age_on(day(1980, 1, 1)).unwrap_err(), &[secret]);
    }
}

#[test]
fn impossible_dates_are_not_shown_either() {
    // A mistyped birth date is most of the real one.
    let e = ResidentId::parse("110105194913310028").unwrap_err();
    assert_eq!(e, Error::InvalidDate);
    assert_hides(&e, &["1949", "13-31", "31"]);
    let e = ResidentId::parse("11010517491231002X").unwrap_err();
    assert_eq!(e, Error::DateTooEarly { earliest: 1800 });
    assert_hides(&e, &["1749"]);
}

#[test]
fn grouped_card_numbers_are_masked_in_debug() {
    let card = BankCardNumber::parse("6217000012345678907").unwrap();
    let debug = format!("{:?}", card.grouped());
    assert_eq!(debug, "Grouped(6217 **** **** *** 8907)");
    assert!(!debug.contains("0000") && !debug.contains("1234"));
    assert_eq!(card.grouped().to_string(), "6217 0000 1234 5678 907");
}

#[test]
fn short_names_are_masked_too() {
    for (name, shown) in [
        ("张三", "OrganizationName(张*)"),
        ("张三丰", "OrganizationName(张**)"),
        ("张三五金店", "OrganizationName(张***店)"),
        ("张三丰五金店", "OrganizationName(张****店)"),
    ] {
        let org = OrganizationName::parse(name).unwrap();
        assert_eq!(format!("{org:?}"), shown);
    }
    let person = PersonName::parse("张三").unwrap();
    assert_eq!(format!("{person:?}"), "PersonName(张*)");
}

#[test]
fn upload_refusals_never_repeat_the_file_name() {
    let huawei = Provider::HuaweiInternational.profile();
    for name in ["身份证.张三丰", "scan.11010519491231002X", "张三.heic"] {
        let r = rules::check_upload(huawei, MethodKind::DocumentUpload, name, 1).unwrap_err();
        assert_eq!(r.code(), "upload_format");
        for text in [r.to_string(), r.to_string_zh(), format!("{r:?}")] {
            for secret in ["张三", "11010519491231002X", "heic"] {
                assert!(!text.contains(secret), "{text}");
            }
        }
        assert!(r.to_string().contains("JPEG"), "{r}");
    }
}

/// Over-long input fails at once with the same error whatever its size: a
/// 10 MB input gives what a 1 KB one does (if it were scanned it would take
/// seconds, and fail with another error).
#[test]
fn over_long_input_is_refused_before_it_is_read() {
    let too_long = Error::TooLong {
        max_bytes: MAX_INPUT_BYTES,
    };
    for unit in ["1", " ", "（", "１"] {
        let small = unit.repeat(1024 / unit.len());
        let huge = unit.repeat(10 * 1024 * 1024 / unit.len());
        for &kind in DocumentKind::all() {
            for input in [&small, &huge] {
                assert_eq!(
                    Document::parse_as(kind, input),
                    Err(too_long),
                    "{kind} {unit:?} × {}",
                    input.len()
                );
            }
        }
        assert!(realname::detect(&huge).is_empty());
        assert!(Document::parse_any(&huge).is_none());
        let usa = realname::Country::from_alpha3("USA").unwrap();
        assert_eq!(
            realname::ForeignPassport::new(usa, &huge).unwrap_err(),
            too_long
        );
        for input in [&small, &huge] {
            assert_eq!(
                PersonName::parse(input),
                Err(NameError::InputTooLong {
                    max_bytes: PersonName::MAX_INPUT_BYTES
                })
            );
            assert_eq!(
                OrganizationName::parse(input),
                Err(NameError::InputTooLong {
                    max_bytes: OrganizationName::MAX_INPUT_BYTES
                })
            );
        }
    }
    assert_eq!(too_long.code(), "too_long");
    assert_eq!(
        too_long.to_string(),
        "the input is longer than 256 bytes, more than any number"
    );
    assert_eq!(too_long.to_string_zh(), "输入超过 256 字节，比任何号码都长");
}

/// The bound leaves room for the longest number typed in full-width forms
/// with separators and whitespace.
#[test]
fn the_bound_is_generous() {
    let full_width: String = "ＵＳＡ：１２３４ ５６７８ ９０１２ ３４５６ ７８９０"
        .chars()
        .collect();
    let padded = format!("\u{3000}\u{3000}{full_width}\u{3000}\u{3000}");
    assert!(padded.len() < MAX_INPUT_BYTES);
    assert_eq!(
        realname::ForeignPassport::parse(&padded).unwrap().as_str(),
        "USA:12345678901234567890"
    );
    let name = "阿".repeat(PersonName::MAX_CHARS);
    assert!(PersonName::parse(&format!("  {name}  ")).is_ok());
    let org = "某".repeat(OrganizationName::MAX_CHARS);
    assert!(OrganizationName::parse(&format!("  {org}  ")).is_ok());
}
