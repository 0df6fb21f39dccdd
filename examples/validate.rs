//! Validates identity numbers and prints what they encode.
//!
//! ```sh
//! cargo run --example validate -- 11010519491231002X KAZ110090123105
//! printf '110101900307001\n110101199003070010\n' | cargo run --example validate -- --json
//! ```
//!
//! Numbers come from the arguments, or one per line on standard input. For
//! each it prints the document kind, whether it is valid, the reason when
//! not (in English and Chinese, with the error code), and the decoded
//! fields. Numbers and birth dates are masked unless `--show` is given.
//!
//! Options:
//! - `--json`: one JSON object per line;
//! - `--show`: print numbers and birth dates in full;
//! - `--strict`: check that region codes existed in GB/T 2260;
//! - `--today YYYY-MM-DD`: also check the birth date is not in the future
//!   and print the age (the crate never reads a clock, so the date is yours).
//!
//! The exit status is 0 when every number is valid, 1 otherwise, 2 on a
//! usage error.

use std::io::BufRead;
use std::process::ExitCode;

use chrono::NaiveDate;
use realname::{
    Error, ForeignPermanentResidentId, LegacyResidentId, ParseOptions, RegionCheck, ResidentId,
};
use serde_json::{json, Map, Value};

struct Config {
    json: bool,
    show: bool,
    options: ParseOptions,
    today: Option<NaiveDate>,
}

/// One parsed document of any kind this crate knows so far.
enum Doc {
    Resident(ResidentId),
    Legacy(LegacyResidentId),
    Foreign(ForeignPermanentResidentId),
}

#[derive(Clone, Copy)]
enum Kind {
    Resident,
    Legacy,
    Foreign,
}

impl Kind {
    fn id(self) -> &'static str {
        match self {
            Kind::Resident => "resident_id",
            Kind::Legacy => "legacy_resident_id",
            Kind::Foreign => "foreign_permanent_resident_id",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Resident => "resident identity number (居民身份证 / 港澳台居民居住证)",
            Kind::Legacy => "15-digit resident identity number (一代居民身份证)",
            Kind::Foreign => "foreign permanent resident ID (外国人永久居留身份证)",
        }
    }

    fn parse(self, s: &str, options: ParseOptions) -> Result<Doc, Error> {
        match self {
            Kind::Resident => ResidentId::parse_with(s, options).map(Doc::Resident),
            Kind::Legacy => LegacyResidentId::parse_with(s, options).map(Doc::Legacy),
            Kind::Foreign => ForeignPermanentResidentId::parse_with(s, options).map(Doc::Foreign),
        }
    }
}

/// The kinds worth trying for `s`, most likely first, from its shape.
fn candidates(s: &str) -> &'static [Kind] {
    let t = s.trim();
    let len = t.chars().count();
    let first = t.chars().next().unwrap_or(' ');
    match len {
        15 if first.is_alphabetic() => &[Kind::Foreign, Kind::Legacy],
        15 => &[Kind::Legacy, Kind::Foreign],
        18 if first == '9' || first == '９' => &[Kind::Foreign, Kind::Resident],
        _ => &[Kind::Resident, Kind::Foreign, Kind::Legacy],
    }
}

fn main() -> ExitCode {
    let mut config = Config {
        json: false,
        show: false,
        options: ParseOptions::new(),
        today: None,
    };
    let mut numbers = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => config.json = true,
            "--show" => config.show = true,
            "--strict" => config.options = config.options.region_check(RegionCheck::Historical),
            "--today" => {
                let Some(date) = args.next().and_then(|d| d.parse().ok()) else {
                    eprintln!("--today takes a date, YYYY-MM-DD");
                    return ExitCode::from(2);
                };
                config.today = Some(date);
            }
            "-h" | "--help" => {
                println!("usage: validate [--json] [--show] [--strict] [--today YYYY-MM-DD] [NUMBER ...]");
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
    let kinds = candidates(input);
    let mut first_error = None;
    let mut found = None;
    for &kind in kinds {
        match kind.parse(input, config.options) {
            Ok(doc) => {
                found = Some((kind, doc));
                break;
            }
            Err(e) => {
                first_error.get_or_insert((kind, e));
            }
        }
    }
    let mut out = Map::new();
    let (valid, kind) = match (&found, first_error) {
        (Some((kind, doc)), _) => {
            fields(doc, config, &mut out);
            let future = config.today.and_then(|today| birth_check(doc, today).err());
            if let Some(e) = future {
                error_fields(&e, &mut out);
            }
            (future.is_none(), *kind)
        }
        (None, Some((kind, e))) => {
            error_fields(&e, &mut out);
            (false, kind)
        }
        (None, None) => (false, Kind::Resident),
    };
    let shown = match &found {
        Some((_, doc)) if !config.show => masked(doc),
        Some(_) => input.trim().to_owned(),
        None if config.show => input.trim().to_owned(),
        None => "(invalid, not shown)".to_owned(),
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
        println!("  kind: {}", kind.name());
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

fn masked(doc: &Doc) -> String {
    match doc {
        Doc::Resident(d) => d.masked().to_string(),
        Doc::Legacy(d) => d.masked().to_string(),
        Doc::Foreign(d) => d.masked().to_string(),
    }
}

fn birth_check(doc: &Doc, today: NaiveDate) -> Result<(), Error> {
    match doc {
        Doc::Resident(d) => d.check_on(today),
        Doc::Legacy(d) => d.check_on(today),
        Doc::Foreign(d) => d.check_on(today),
    }
}

fn error_fields(e: &Error, out: &mut Map<String, Value>) {
    out.insert("error_code".into(), json!(e.code()));
    out.insert("reason".into(), json!(e.to_string()));
    out.insert("reason_zh".into(), json!(e.message_zh()));
}

fn fields(doc: &Doc, config: &Config, out: &mut Map<String, Value>) {
    let birth = match doc {
        Doc::Resident(d) => d.birth_date(),
        Doc::Legacy(d) => d.birth_date(),
        Doc::Foreign(d) => d.birth_date(),
    };
    let shown_birth = if config.show {
        birth.to_string()
    } else {
        "****-**-**".to_owned()
    };
    out.insert("birth_date".into(), json!(shown_birth));
    if let Some(today) = config.today {
        let age = match doc {
            Doc::Resident(d) => d.age_on(today),
            Doc::Legacy(d) => d.age_on(today),
            Doc::Foreign(d) => d.age_on(today),
        };
        if let Ok(age) = age {
            out.insert("age".into(), json!(age));
        }
    }
    match doc {
        Doc::Resident(d) => {
            out.insert("gender".into(), json!(d.gender().name_en()));
            out.insert("holder".into(), json!(d.holder().name_en()));
            out.insert(
                "region_code".into(),
                json!(format!("{:06}", d.region_code())),
            );
            out.insert("region".into(), json!(d.region_name()));
            out.insert("province".into(), json!(d.province_name()));
        }
        Doc::Legacy(d) => {
            out.insert("gender".into(), json!(d.gender().name_en()));
            out.insert(
                "region_code".into(),
                json!(format!("{:06}", d.region_code())),
            );
            out.insert("region".into(), json!(d.region().map(|r| r.name())));
            let up = d.upgrade();
            let shown = if config.show {
                up.to_string()
            } else {
                up.masked().to_string()
            };
            out.insert("upgraded".into(), json!(shown));
        }
        Doc::Foreign(d) => {
            let generation = match d.generation() {
                realname::FprGeneration::Card2023 => "2023 card",
                _ => "2004/2017 card",
            };
            out.insert("generation".into(), json!(generation));
            let n = d.nationality();
            out.insert(
                "nationality".into(),
                json!(format!("{} {} ({})", n.alpha3(), n.name_en(), n.name_zh())),
            );
            out.insert("gender".into(), json!(d.gender().map(|g| g.name_en())));
            out.insert(
                "accepting_region".into(),
                json!(d.accepting_region().map(|r| r.name())),
            );
        }
    }
}
