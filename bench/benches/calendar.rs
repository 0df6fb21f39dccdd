//! Speed of working-day arithmetic: adding 250 working days must be a
//! lookup, not a walk over a year of dates.
//!
//! Run: `cargo bench -p realname-bench --bench calendar`

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use realname::calendar::{ChinaMainland, Duration, Weekdays, WorkCalendar, due};

fn calendar(c: &mut Criterion) {
    let start = NaiveDate::from_ymd_opt(2024, 3, 15).unwrap();
    let end = NaiveDate::from_ymd_opt(2025, 3, 15).unwrap();
    let mainland = ChinaMainland::default();
    let mut group = c.benchmark_group("calendar");
    group.bench_function("mainland_is_working_day", |b| {
        b.iter(|| mainland.is_working_day(black_box(start)))
    });
    group.bench_function("mainland_add_250_working_days", |b| {
        b.iter(|| mainland.add_working_days(black_box(start), black_box(250)))
    });
    group.bench_function("mainland_working_days_in_a_year", |b| {
        b.iter(|| mainland.working_days_between(black_box(start), black_box(end)))
    });
    group.bench_function("weekdays_add_250_working_days", |b| {
        b.iter(|| Weekdays.add_working_days(black_box(start), black_box(250)))
    });
    let submitted = Utc.with_ymd_and_hms(2024, 3, 15, 7, 0, 0).unwrap();
    group.bench_function("due_3_working_days", |b| {
        b.iter(|| due(black_box(submitted), Duration::WorkingDays(3), &mainland))
    });
    group.bench_function("mainland_default", |b| b.iter(ChinaMainland::default));
    // The estimated horizon answers from the same kind of table: 2030 on
    // the estimating calendar against 2024 on the announced one.
    let estimated = mainland.with_estimates();
    let later = NaiveDate::from_ymd_opt(2030, 3, 15).unwrap();
    group.bench_function("estimated_add_250_working_days", |b| {
        b.iter(|| estimated.add_working_days(black_box(later), black_box(250)))
    });
    let submitted_later = Utc.with_ymd_and_hms(2030, 3, 15, 7, 0, 0).unwrap();
    group.bench_function("estimated_deadline_3_working_days", |b| {
        b.iter(|| {
            realname::calendar::deadline(
                black_box(submitted_later),
                Duration::WorkingDays(3),
                &estimated,
            )
        })
    });
    group.bench_function("with_estimates_from_default", |b| {
        b.iter(|| black_box(&mainland).with_estimates())
    });
    group.finish();
}

criterion_group!(benches, calendar);
criterion_main!(benches);
