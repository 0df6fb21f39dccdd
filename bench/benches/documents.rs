//! Speed of every parser and of `detect`.
//!
//! Run: `cargo bench -p realname-bench --bench documents`
//!
//! Beside the parsers runs `floor`: a bare loop over an 18-digit number
//! checking its digits, its date and its MOD 11-2 character, written here
//! without the crate. After the run a table gives every benchmark's time
//! as a ratio to the floor measured in the same run (from criterion's
//! `estimates.json`, the median).

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use std::path::PathBuf;

use criterion::{Criterion, criterion_group};
use realname::{Document, DocumentKind, detect};

/// A valid sample of every kind, as a user might type it.
const SAMPLES: &[(DocumentKind, &str)] = &[
    (DocumentKind::ResidentId, "11010519491231002X"),
    (
        DocumentKind::ForeignPermanentResidentId,
        "932682198501010017",
    ),
    (DocumentKind::MobileNumber, "13812345678"),
    (DocumentKind::BankCardNumber, "6217000012345678907"),
    (DocumentKind::LegacyResidentId, "110101900307001"),
    (DocumentKind::HongKongId, "A123456(3)"),
    (DocumentKind::TaiwanId, "A123456789"),
    (DocumentKind::HkMacaoTravelPermit, "H12345678"),
    (DocumentKind::ChinesePassport, "E12345678"),
    (DocumentKind::ExitEntryPermit, "C12345678"),
    (DocumentKind::TaiwanTravelPermit, "12345678"),
    (DocumentKind::MacaoId, "1234567(8)"),
    (DocumentKind::ForeignPassport, "USA:123456789"),
    (DocumentKind::ForeignDrivingLicence, "DEU:B072RRE2I55"),
    (DocumentKind::Uscc, "91350100M000100Y43"),
    (DocumentKind::OrganizationCode, "D2143569-X"),
    (DocumentKind::BusinessRegistrationNumber, "110108012345670"),
];

/// Valid numbers of a few kinds as typed with full-width digits and
/// separators: the lenient path, benchmarked beside the plain one.
const LENIENT: &[(DocumentKind, &str)] = &[
    (
        DocumentKind::ResidentId,
        " １１０１０５１９４９１２３１００２Ｘ ",
    ),
    (DocumentKind::MobileNumber, "138 1234 5678"),
    (DocumentKind::BankCardNumber, "6217 0000 1234 5678 907"),
    (DocumentKind::Uscc, "９１３５０１００Ｍ０００１００Ｙ４３"),
    (DocumentKind::HongKongId, "ａ１２３４５６（３）"),
];

/// The MOD 11-2 weights of the first 17 digits of a resident number.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The floor: what checking an 18-digit resident number must cost at
/// least. Its digits, its date (month, day in the month, leap years) and
/// its MOD 11-2 character, in one bare loop.
fn floor(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 18 {
        return false;
    }
    let mut sum = 0u32;
    let mut d = [0u32; 17];
    for i in 0..17 {
        let x = b[i].wrapping_sub(b'0');
        if x > 9 {
            return false;
        }
        d[i] = u32::from(x);
        sum += d[i] * WEIGHTS[i];
    }
    let year = d[6] * 1000 + d[7] * 100 + d[8] * 10 + d[9];
    let month = d[10] * 10 + d[11];
    let day = d[12] * 10 + d[13];
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if !(1800..=2100).contains(&year) || day == 0 || day > days {
        return false;
    }
    let check = b"10X98765432"[(sum % 11) as usize];
    b[17] == check || (check == b'X' && b[17] == b'x')
}

fn parsers(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_as");
    assert!(floor("11010519491231002X"));
    group.bench_function("floor", |b| {
        b.iter(|| floor(black_box("11010519491231002X")))
    });
    for &(kind, s) in SAMPLES {
        assert!(Document::parse_as(kind, s).is_ok(), "{kind} {s}");
        group.bench_function(kind.id(), |b| {
            b.iter(|| Document::parse_as(kind, black_box(s)))
        });
    }
    for &(kind, s) in LENIENT {
        assert!(Document::parse_as(kind, s).is_ok(), "{kind} {s}");
        group.bench_function(format!("{}_lenient", kind.id()), |b| {
            b.iter(|| Document::parse_as(kind, black_box(s)))
        });
    }
    group.finish();
}

fn detection(c: &mut Criterion) {
    let mut group = c.benchmark_group("detect");
    for &(kind, s) in SAMPLES {
        group.bench_function(kind.id(), |b| b.iter(|| detect(black_box(s))));
    }
    group.bench_function("garbage", |b| {
        b.iter(|| detect(black_box("not a number at all")))
    });
    group.finish();
}

/// A key against the parse it follows: deriving it should cost a copy.
fn keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("key");
    let id = realname::ResidentId::parse("11010519491231002X").unwrap();
    let legacy = realname::LegacyResidentId::parse("110105491231002").unwrap();
    group.bench_function("parse_resident_id_baseline", |b| {
        b.iter(|| realname::ResidentId::parse(black_box("11010519491231002X")))
    });
    group.bench_function("resident_id", |b| {
        b.iter(|| realname::DocumentKey::from(black_box(&id)))
    });
    group.bench_function("legacy_upgraded", |b| {
        b.iter(|| realname::DocumentKey::from(black_box(&legacy)))
    });
    group.finish();
}

criterion_group!(benches, parsers, detection, keys);

/// Where criterion writes its estimates: `CRITERION_HOME`, else
/// `criterion` in the cargo target directory.
fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"),
        PathBuf::from,
    );
    target.join("criterion")
}

/// The median (ns) criterion estimated for `group/bench` in this run.
fn median(group: &str, bench: &str) -> Option<f64> {
    let path = criterion_dir()
        .join(group)
        .join(bench)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let rest = &text[text.find("\"median\"")?..];
    let rest = &rest[rest.find("\"point_estimate\":")? + "\"point_estimate\":".len()..];
    let end = rest.find([',', '}'])?;
    rest[..end].trim().parse().ok()
}

/// Every benchmark's time as a ratio to the floor of the same run.
fn ratio_table() {
    let Some(floor) = median("parse_as", "floor") else {
        return;
    };
    println!("\nRatios to the floor ({floor:.1} ns, median):");
    let mut rows: Vec<(String, String)> = Vec::new();
    for &(kind, _) in SAMPLES {
        rows.push(("parse_as".into(), kind.id().into()));
    }
    for &(kind, _) in LENIENT {
        rows.push(("parse_as".into(), format!("{}_lenient", kind.id())));
    }
    for &(kind, _) in SAMPLES {
        rows.push(("detect".into(), kind.id().into()));
    }
    rows.push(("detect".into(), "garbage".into()));
    for (group, bench) in rows {
        if let Some(t) = median(&group, &bench) {
            println!("  {group:<9} {bench:<40} {t:>8.1} ns {:>6.2}x", t / floor);
        }
    }
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    ratio_table();
}
