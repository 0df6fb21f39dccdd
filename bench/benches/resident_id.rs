//! Speed of `ResidentId::parse` against a bare floor and the two Rust peers.
//!
//! Run: `cargo bench -p realname-bench --bench resident_id`
//!
//! Every contender sees the same 1,000 inputs: half valid 18-character
//! numbers (upper-case `X`, plain ASCII, so that no contender pays for
//! normalising), half the same numbers with one digit changed. The figures
//! are per batch of 1,000; divide by 1,000 for one call.
//!
//! - `realname`: `ResidentId::parse` with its default options (trim,
//!   full-width mapping, province check, date, MOD 11-2).
//! - `floor`: the least any correct validator must do: 18 bytes, 17 digits,
//!   a real date, the check character. No region check, no normalising.
//! - `id_validator`: `id_validator::is_valid` 0.2.3 (no region check).
//! - `idcard`: `idcard::validate` 0.3.0 (no region check for 18 digits).

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use realname::{ForeignPermanentResidentId, LegacyResidentId, ResidentId};

/// A small deterministic generator, so that every run sees the same inputs.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
}

fn mod11_2(body: &[u8]) -> u8 {
    realname::checksum::iso7064_mod11_2(body).unwrap()
}

/// Half valid numbers, half with one digit changed.
fn inputs() -> Vec<String> {
    let codes: Vec<u32> = realname::region::all()
        .map(|r| r.code())
        .filter(|c| (11..=65).contains(&(c / 10_000)))
        .collect();
    let mut rng = Lcg(2026);
    let start = chrono::NaiveDate::from_ymd_opt(1930, 1, 1).unwrap();
    (0..1000)
        .map(|i| {
            let code = codes[rng.next(codes.len() as u64) as usize];
            let date = start + chrono::Duration::days(rng.next(30_000) as i64);
            let seq = rng.next(1000);
            let body = format!("{code:06}{}{seq:03}", date.format("%Y%m%d"));
            let mut number = body.clone().into_bytes();
            number.push(mod11_2(body.as_bytes()));
            if i % 2 == 1 {
                let pos = rng.next(17) as usize;
                number[pos] = b'0' + (number[pos] - b'0' + 1 + rng.next(9) as u8) % 10;
            }
            String::from_utf8(number).unwrap()
        })
        .collect()
}

/// The floor: length, digits, a real date, the check character.
fn floor(s: &str) -> bool {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let b = s.as_bytes();
    if b.len() != 18 {
        return false;
    }
    let mut sum = 0;
    for i in 0..17 {
        let d = b[i].wrapping_sub(b'0');
        if d > 9 {
            return false;
        }
        sum += u32::from(d) * W[i];
    }
    let n =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |a, &c| a * 10 + u32::from(c - b'0'));
    let (y, m, d) = (n(6..10), n(10..12), n(12..14));
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    d >= 1 && d <= days && CHECK[(sum % 11) as usize] == b[17]
}

fn compare(c: &mut Criterion) {
    let inputs = inputs();
    // The contenders agree on these inputs (none of them has a reason to
    // differ: every region is a real code), so the race is fair.
    for s in &inputs {
        let expected = floor(s);
        assert_eq!(ResidentId::parse(s).is_ok(), expected, "{s}");
        assert_eq!(id_validator::is_valid(s), expected, "{s}");
        assert_eq!(idcard::validate(s), expected, "{s}");
    }
    let mut group = c.benchmark_group("resident_id_1000");
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function("realname", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter(|s| ResidentId::parse(black_box(s)).is_ok())
                .count()
        })
    });
    group.bench_function("floor", |b| {
        b.iter(|| inputs.iter().filter(|s| floor(black_box(s))).count())
    });
    group.bench_function("id_validator", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter(|s| id_validator::is_valid(black_box(s)))
                .count()
        })
    });
    group.bench_function("idcard", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter(|s| idcard::validate(black_box(s)))
                .count()
        })
    });
    group.finish();
}

fn other_parsers(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_one");
    let cases = [
        ("resident_id_valid", "11010519491231002X"),
        ("resident_id_checksum", "110105194912310020"),
        (
            "resident_id_full_width",
            "１１０１０５１９４９１２３１００２Ｘ",
        ),
    ];
    for (name, s) in cases {
        group.bench_function(name, |b| b.iter(|| ResidentId::parse(black_box(s))));
    }
    let strict = realname::ParseOptions::new().with_region_check(realname::RegionCheck::Historical);
    group.bench_function("resident_id_historical", |b| {
        b.iter(|| ResidentId::parse_with(black_box("11010519491231002X"), strict))
    });
    group.bench_function("legacy_resident_id", |b| {
        b.iter(|| LegacyResidentId::parse(black_box("110101900307001")))
    });
    group.bench_function("foreign_2023", |b| {
        b.iter(|| ForeignPermanentResidentId::parse(black_box("932682198501010017")))
    });
    group.bench_function("foreign_2004", |b| {
        b.iter(|| ForeignPermanentResidentId::parse(black_box("KAZ110090123105")))
    });
    group.bench_function("region_lookup", |b| {
        b.iter(|| realname::region::lookup(black_box(440524)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = compare, other_parsers
}
criterion_main!(benches);
