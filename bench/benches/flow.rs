//! Speed of a flow's event handling, against `ResidentId::parse` in the
//! same run as the baseline.
//!
//! Run: `cargo bench -p realname-bench --bench flow`

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use chrono::{Duration, TimeZone, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use realname::calendar::ChinaMainland;
use realname::flow::{Action, DepositEvent as E, MicroDeposit};
use realname::policy::Provider;

fn flow(c: &mut Criterion) {
    let cal = ChinaMainland::default();
    let t0 = Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap();
    let (start, _) = MicroDeposit::start(Provider::Baidu.profile(), 0, t0).unwrap();
    // A flow waiting for the amount.
    let mut waiting = start.clone();
    let s = waiting.handle(E::Submit { fen: 37 }, t0, &cal).unwrap();
    let [Action::StartLiveness { id, .. }] = s.actions[..] else {
        unreachable!()
    };
    let s = waiting
        .handle(E::OperatorFace { id, passed: true }, t0, &cal)
        .unwrap();
    let id = s.actions[0].id();
    let _ = waiting.handle(E::PayoutSent { id }, t0, &cal).unwrap();
    let later = t0 + Duration::hours(1);

    let mut group = c.benchmark_group("flow");
    group.bench_function("baseline_resident_id_parse", |b| {
        b.iter(|| realname::ResidentId::parse(black_box("11010519491231002X")))
    });
    group.bench_function("clone_only", |b| {
        b.iter_batched(|| waiting.clone(), black_box, BatchSize::SmallInput)
    });
    group.bench_function("wrong_amount", |b| {
        b.iter_batched(
            || waiting.clone(),
            |mut f| {
                let s = f.handle(
                    E::AmountEntered {
                        fen: 1,
                        risk_hit: false,
                    },
                    later,
                    &cal,
                );
                black_box((f, s))
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("submit_with_action", |b| {
        b.iter_batched(
            || start.clone(),
            |mut f| {
                let s = f.handle(E::Submit { fen: 37 }, later, &cal);
                black_box((f, s))
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("tick_nothing_due", |b| {
        b.iter_batched(
            || waiting.clone(),
            |mut f| {
                let s = f.handle(E::Tick, later, &cal);
                black_box((f, s))
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("save_and_restore", |b| {
        b.iter(|| MicroDeposit::restore(black_box(&waiting).save()))
    });
    group.finish();
}

criterion_group!(benches, flow);
criterion_main!(benches);
