//! Criterion benchmarks of what the page recomputes, with the same scenarios as the browser
//! benchmark (`www/bench/`), so that `cargo xtask bench` can print wasm/native ratios:
//!
//! - `full_recompute`: every province and indicator, 10,000 draws, to 2030, through one kept
//!   [`Cache`], each call with another value of Hải Dương's DTI pace (a slider drag: the DTI
//!   runner and its required pace run again, the peer field is reused, every other series is
//!   simulated in full);
//! - `full_recompute_cold`: the same with a new seed each call (nothing can be reused);
//! - `one_province_refine`: Hải Dương's view at 10,000 draws (the page's refine after a slider
//!   stops) serialised as the wasm binding sends it, each call with another digital-economy growth;
//! - `one_province_refine_dti`: the same, moving the DTI pace instead.

use criterion::{criterion_group, criterion_main, Criterion};
use dxsim::{data::Dataset, report, scenario::Scenario, sim::Cache, text::Lang};

/// A scenario moving one slider of Hải Dương (`dti_rank` or `de_share` growth) to the `i`-th of
/// 51 distinct values: more than the cache keeps, so no call finds its own result again.
pub fn slider(indicator: &str, i: usize) -> Scenario {
    let g = match indicator {
        "dti_rank" => -10.0 + 0.5 * (i % 51) as f64,
        _ => 1.0 + 0.5 * (i % 51) as f64,
    };
    Scenario::from_json(&format!(r#"{{"provinces": {{"hai-duong": {{"indicators": {{"{indicator}": {{"growth": {g}}}}}}}}}}}"#)).unwrap()
}

/// The view as the wasm binding hands it over (JSON text; the series cross as a typed array), so
/// that the refine is timed alike natively and in the browser.
fn view_json(view: report::ProvinceView) -> (String, Vec<f64>) {
    (serde_json::to_string(&view).unwrap(), view.series)
}

fn benches(c: &mut Criterion) {
    let ds = Dataset::builtin();
    let report = dxsim::run(&ds, &Scenario::default(), None).unwrap();
    eprintln!("workload: {} indicator-year steps per recompute", report::steps(&report));
    let mut cache = Cache::default();
    let mut i = 0;
    c.bench_function("full_recompute", |b| {
        b.iter(|| {
            i += 1;
            report::run_with(&ds, &slider("dti_rank", i), None, &mut cache).unwrap()
        })
    });
    c.bench_function("full_recompute_cold", |b| {
        b.iter(|| {
            i += 1;
            let sc = Scenario { seed: Some(1000 + i as u64), ..Scenario::default() };
            report::run_with(&ds, &sc, None, &mut cache).unwrap()
        })
    });
    report::run_with(&ds, &Scenario::default(), Some("hai-duong"), &mut cache).unwrap();
    c.bench_function("one_province_refine", |b| {
        b.iter(|| {
            i += 1;
            view_json(report::province_view_with(&ds, &slider("de_share", i), "hai-duong", Lang::Vi, &mut cache).unwrap())
        })
    });
    c.bench_function("one_province_refine_dti", |b| {
        b.iter(|| {
            i += 1;
            view_json(report::province_view_with(&ds, &slider("dti_rank", i), "hai-duong", Lang::Vi, &mut cache).unwrap())
        })
    });
}

// The macros generate undocumented items.
#[allow(missing_docs)]
mod generated {
    use super::*;
    criterion_group!(group, benches);
}
use generated::group;
criterion_main!(group);
