//! Validates identity numbers and prints what they encode.
//!
//! ```sh
//! cargo run --example validate -- 11010519491231002X KAZ110090123105
//! printf '110101900307001\n110101199003070010\n' | cargo run --example validate -- --json
//! ```
//!
//! Numbers come from the arguments, or one per line on standard input. For
//! each it prints the document kind (detected, or forced with `--kind`),
//! whether it is valid, the reason when not (in English and Chinese, with
//! the error code), and the decoded fields. Numbers and birth dates are
//! masked unless `--show` is given.
//!
//! Options:
//! - `--json`: one JSON object per line;
//! - `--show`: print numbers and birth dates in full;
//! - `--strict`: check that region codes existed in GB/T 2260;
//! - `--kind ID`: parse as this kind only (`resident_id`, `hong_kong_id`,
//!   `bank_card_number`, … as `DocumentKind` names them);
//! - `--today YYYY-MM-DD`: also check the birth date is not in the future
//!   and print the age (the crate never reads a clock, so the date is yours).
//!
//! The exit status is 0 when every number is valid, 1 otherwise, 2 on a
//! usage error.

use std::io::BufRead;
use std::process::ExitCode;

use chrono::NaiveDate;
use realname::{Document, DocumentKind, Error, ParseOptions, RegionCheck, detect};

use serde_json::{Map, Value, json};

struct Config {
    json: bool,
    show: bool,
    options: ParseOptions,
    today: Option<NaiveDate>,
    kind: Option<DocumentKind>,
}

fn main() -> ExitCode {
    let mut config = Config {
        json: false,
        show: false,
        options: ParseOptions::new(),
        today: None,
        kind: None,
    };
    let mut numbers = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => config.json = true,
            "--show" => config.show = true,
            "--strict" => {
                config.options = config.options.with_region_check(RegionCheck::Historical)
            }
            "--today" => {
                let Some(date) = args.next().and_then(|d| d.parse().ok()) else {
                    eprintln!("--today takes a date, YYYY-MM-DD");
                    return ExitCode::from(2);
                };
                config.today = Some(date);
            }
            "--kind" => {
                let Some(kind) = args.next().and_then(|k| k.parse().ok()) else {
                    let ids: Vec<_> = DocumentKind::all().iter().map(|k| k.id()).collect();
                    eprintln!("--kind takes one of: {}", ids.join(", "));
                    return ExitCode::from(2);
                };
                config.kind = Some(kind);
            }
            "-h" | "--help" => {
                println!(
                    "usage: validate [--json] [--show] [--strict] [--kind ID] [--today YYYY-MM-DD] [NUMBER ...]"
                );
                println!("reads numbers from standard input when none are given");
                return ExitCode::SUCCESS;
            }
            _ => numbers.push(arg),
        }
    }
    let mut all_valid = true;
    let mut check = |s: &str| all_valid &= report(s, &config);
    if numbers.is_empty() {
        for line in std::io::stdin().lock().lines() {
            match line {
                Ok(line) if line.trim().is_empty() => {}
                Ok(line) => check(&line),
                Err(e) => {
                    eprintln!("cannot read standard input: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    } else {
        numbers.iter().for_each(|s| check(s));
    }
    if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Prints one number's report; returns whether it is valid.
fn report(input: &str, config: &Config) -> bool {
    let parsed = match config.kind {
        Some(kind) => Document::parse_as_with(kind, input, config.options).map_err(|e| (kind, e)),
        None => Document::parse_or_guess(input, config.options),
    };
    let mut out = Map::new();
    let (valid, kind, shown) = match parsed {
        Ok(doc) => {
            fields(&doc, config, &mut out);
            let future = config.today.and_then(|today| doc.check_on(today).err());
            if let Some(e) = future {
                error_fields(&e, &mut out);
            }
            let others: Vec<_> = detect(input)
                .into_iter()
                .filter(|&k| k != doc.kind())
                .collect();
            if !others.is_empty() {
                out.insert(
                    "also_valid_as".into(),
                    json!(others.iter().map(|k| k.id()).collect::<Vec<_>>()),
                );
            }
            let shown = if config.show {
                doc.to_string()
            } else {
                doc.masked().to_string()
            };
            (future.is_none(), doc.kind(), shown)
        }
        Err((kind, e)) => {
            error_fields(&e, &mut out);
            let shown = if config.show {
                input.trim().to_owned()
            } else {
                "(invalid, not shown)".to_owned()
            };
            (false, kind, shown)
        }
    };
    if config.json {
        let mut line = Map::new();
        line.insert("input".into(), json!(shown));
        line.insert("kind".into(), json!(kind.id()));
        line.insert("valid".into(), json!(valid));
        line.extend(out);
        println!("{}", Value::Object(line));
    } else {
        println!("{shown}");
        println!("  kind: {} ({})", kind.name_en(), kind.name_zh());
        println!("  valid: {}", if valid { "yes" } else { "no" });
        for (key, value) in out {
            let text = match value {
                Value::Null => continue,
                Value::String(s) => s,
                other => other.to_string(),
            };
            println!("  {key}: {text}");
        }
    }
    valid
}

fn error_fields(e: &Error, out: &mut Map<String, Value>) {
    out.insert("error_code".into(), json!(e.code()));
    out.insert("reason".into(), json!(e.to_string()));
    out.insert("reason_zh".into(), json!(e.to_string_zh()));
}

fn fields(doc: &Document, config: &Config, out: &mut Map<String, Value>) {
    let mut put = |key: &str, value: Value| {
        out.insert(key.into(), value);
    };
    if let Some(date) = doc.birth_date() {
        put(
            "birth_date",
            json!(if config.show {
                date.to_string()
            } else {
                "****-**-**".to_owned()
            }),
        );
        if let Some(Ok(Some(age))) = config.today.map(|today| doc.age_on(today)) {
            put("age", json!(age));
        }
    }
    match doc {
        Document::ResidentId(d) => {
            put("gender", json!(d.gender().name_en()));
            put("holder", json!(d.holder().name_en()));
            put("region_code", json!(format!("{:06}", d.region_code())));
            put("region", json!(d.region_name()));
            put("province", json!(d.province_name()));
        }
        Document::LegacyResidentId(d) => {
            put("gender", json!(d.gender().name_en()));
            put("region_code", json!(format!("{:06}", d.region_code())));
            put("region", json!(d.region().map(|r| r.name())));
            let up = d.upgrade();
            put(
                "upgraded",
                json!(if config.show {
                    up.to_string()
                } else {
                    up.masked().to_string()
                }),
            );
        }
        Document::ForeignPermanentResidentId(d) => {
            let generation = d.generation();
            put(
                "generation",
                json!(format!(
                    "{} ({})",
                    generation.name_en(),
                    generation.name_zh()
                )),
            );
            let n = d.nationality();
            put(
                "nationality",
                json!(format!("{} {} ({})", n.alpha3(), n.name_en(), n.name_zh())),
            );
            put("gender", json!(d.gender().map(|g| g.name_en())));
            put(
                "accepting_region",
                json!(d.accepting_region().map(|r| r.name())),
            );
        }
        Document::HongKongId(d) => put("prefix", json!(d.prefix())),
        Document::TaiwanId(d) => {
            put("gender", json!(d.gender().name_en()));
            put("area", json!(d.area_name()));
            put("resident_number", json!(d.is_resident_number()));
        }
        Document::MacaoId(_) => put(
            "note",
            json!("format only: the check digit algorithm is not published"),
        ),
        Document::HkMacaoTravelPermit(d) => {
            put("region", json!(d.region().name_en()));
            put("renewal_count", json!(d.renewal_count()));
            put("non_chinese_citizen", json!(d.is_for_non_chinese_citizen()));
        }
        Document::TaiwanTravelPermit(d) => {
            put("issue_count", json!(d.issue_count()));
            put("issuing_code", json!(d.issuing_code().map(String::from)));
        }
        Document::ChinesePassport(d) => {
            let series = d.series();
            put(
                "series",
                json!(format!("{} ({})", series.name_en(), series.name_zh())),
            )
        }
        Document::ForeignPassport(d) => put("country", json!(d.country().name_en())),
        Document::ForeignDrivingLicence(d) => put("country", json!(d.country().name_en())),
        Document::BankCardNumber(d) => {
            put("network", json!(d.network().name_en()));
            put("unionpay", json!(d.is_unionpay()));
        }
        Document::Uscc(d) => {
            put(
                "registration_authority",
                json!(d.registration_authority().map(|a| a.name_zh())),
            );
            put(
                "category",
                json!(d.category().map(|c| c.name_zh()).unwrap_or("unknown")),
            );
            put("admin_region", json!(d.admin_region().map(|r| r.name())));
            put("national", json!(d.is_national()));
            put("organization_code", json!(d.organization_code()));
            put("certificate", json!(d.certificate().map(|c| c.name_zh())));
            put(
                "organization_type",
                json!(d.organization_type().map(|t| t.name_zh())),
            );
        }
        Document::BusinessRegistrationNumber(d) => {
            put(
                "authority_region",
                json!(d.authority_region().map(|r| r.name())),
            );
            put("entity", json!(d.entity().to_string()));
        }
        Document::MobileNumber(d) => {
            put("carrier", json!(d.carrier().name_en()));
            put(
                "international",
                json!(if config.show {
                    d.international().to_owned()
                } else {
                    format!("+86 {}", d.masked())
                }),
            );
            put("data_only", json!(d.is_data_only()));
        }
        _ => {}
    }
}
