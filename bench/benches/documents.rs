//! Speed of every parser and of `detect`.
//!
//! Run: `cargo bench -p realname-bench --bench documents`

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
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

fn parsers(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_as");
    for &(kind, s) in SAMPLES {
        assert!(Document::parse_as(kind, s).is_ok(), "{kind} {s}");
        group.bench_function(kind.id(), |b| {
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
criterion_main!(benches);
