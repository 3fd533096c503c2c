//! Criterion benchmark of the full default recompute: every province and indicator, 10,000
//! draws, to 2030 — the same workload the page runs on each slider move.

use criterion::{criterion_group, criterion_main, Criterion};
use dxsim::{data::Dataset, scenario::Scenario};

fn full_recompute(c: &mut Criterion) {
    let ds = Dataset::builtin();
    let sc = Scenario::default();
    let report = dxsim::run(&ds, &sc, None).unwrap();
    let steps = dxsim::report::steps(&report);
    eprintln!("workload: {steps} indicator-year steps per recompute");
    c.bench_function("full_recompute_10k_draws", |b| b.iter(|| dxsim::run(&ds, &sc, None).unwrap()));
}

// The macros generate undocumented items.
#[allow(missing_docs)]
mod generated {
    use super::*;
    criterion_group!(benches, full_recompute);
}
use generated::benches;
criterion_main!(benches);
