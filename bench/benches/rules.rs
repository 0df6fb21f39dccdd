//! Speed of the policy decisions a back end takes on every verification:
//! the account cap, the age, which methods an applicant may use, whether a
//! method accepts a document, attempts left, a change's cooldown, an upload,
//! and a review's due time on the mainland calendar.
//!
//! Run: `cargo bench -p realname-bench --bench rules`

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use realname::calendar::ChinaMainland;
use realname::policy::{MethodKind, Provider, Scope, Transition};
use realname::rules::{self, Applicant};
use realname::{DocumentKind, SubjectKind};

fn rules(c: &mut Criterion) {
    let baidu = Provider::Baidu.profile();
    let tencent = Provider::Tencent.profile();
    let kingsoft = Provider::Kingsoft.profile();
    let cal = ChinaMainland::default();
    let birth = NaiveDate::from_ymd_opt(1990, 6, 1).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap();
    let last = Utc.with_ymd_and_hms(2026, 11, 20, 2, 0, 0).unwrap();
    let applicant = Applicant::individual();
    let mut group = c.benchmark_group("rules");
    group.bench_function("check_account_cap_yes", |b| {
        b.iter(|| {
            rules::check_account_cap(black_box(tencent), SubjectKind::Individual, black_box(2))
        })
    });
    group.bench_function("check_account_cap_refused", |b| {
        b.iter(|| {
            rules::check_account_cap(black_box(tencent), SubjectKind::Individual, black_box(3))
        })
    });
    group.bench_function("check_age", |b| {
        b.iter(|| rules::check_age(black_box(baidu), black_box(birth), black_box(today)))
    });
    group.bench_function("methods_for_individual", |b| {
        b.iter(|| rules::methods_for(black_box(kingsoft), black_box(&applicant)).count())
    });
    group.bench_function("check_document", |b| {
        b.iter(|| {
            rules::check_document(
                black_box(baidu),
                MethodKind::Face,
                black_box(DocumentKind::ForeignPermanentResidentId),
            )
        })
    });
    group.bench_function("attempts_left", |b| {
        b.iter(|| {
            rules::attempts_left(
                black_box(baidu),
                MethodKind::CorporateTransfer,
                Scope::Account,
                black_box(3),
            )
        })
    });
    group.bench_function("check_change_cooldown_refused", |b| {
        b.iter(|| {
            rules::check_change(
                black_box(tencent),
                Transition::IndividualToIndividual,
                Some(black_box(last)),
                black_box(now),
                &cal,
            )
        })
    });
    group.bench_function("check_upload", |b| {
        b.iter(|| {
            rules::check_upload(
                black_box(baidu),
                MethodKind::LegalRepresentativeFace,
                black_box("licence.jpeg"),
                black_box(1_500_000),
            )
        })
    });
    group.bench_function("review_due_working_days", |b| {
        b.iter(|| {
            rules::review_due(
                black_box(kingsoft),
                MethodKind::DocumentUpload,
                false,
                black_box(now),
                &cal,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, rules);
criterion_main!(benches);
