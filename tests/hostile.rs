//! Hostile and careless data (#15): a dataset at the size limits, the work budget, and the
//! near-valid dataset mutations that break exactly one rule of the core's validation.

use dxsim::data::Dataset;
use dxsim::scenario::Scenario;
use serde_json::{json, Value};

/// The simulated indicators every generated province gets targets on (built-in ids).
const INDICATORS: [(&str, f64, f64); 12] = [
    ("online_services_l4", 40.0, 95.0),
    ("online_services_l34", 50.0, 98.0),
    ("work_records_province", 30.0, 90.0),
    ("work_records_district", 20.0, 80.0),
    ("work_records_commune", 10.0, 70.0),
    ("e_documents", 40.0, 95.0),
    ("online_dossiers", 20.0, 80.0),
    ("e_bidding", 30.0, 90.0),
    ("de_share", 8.0, 30.0),
    ("digital_enterprises", 300.0, 2000.0),
    ("fibre_households", 50.0, 95.0),
    ("smartphone_users", 60.0, 95.0),
];

/// A valid import at the scale a newsroom could send: `provinces` provinces (at most 200), each
/// on a peer ranking of `units` units (its own rank goals for 2030 and 2035) and on the twelve
/// [`INDICATORS`] with observations in `first_year` and 2024 and targets in 2030 and 2035.
pub fn big_dataset(provinces: usize, units: usize, indicators: usize, first_year: i32) -> String {
    let text = |s: &str| json!({"vi": s, "en": s});
    let url = |k: usize| format!("https://e.org/{k}");
    let rank_units: Vec<Value> = (0..units).map(|u| json!({"id": format!("u{u:03}"), "name": format!("Unit {u}")})).collect();
    let base: Vec<Value> = (0..units).map(|u| json!({"unit": format!("u{u:03}"), "rank": u + 1, "status": "verified", "url": url(u)})).collect();
    let ps: Vec<Value> = (0..provinces)
        .map(|i| {
            let (mut observations, mut targets) = (vec![], vec![]);
            for (k, &(id, start, goal)) in INDICATORS.iter().take(indicators).enumerate() {
                for y in [first_year, 2024] {
                    let v = start + (goal * 0.8 - start) * f64::from(y - first_year) / f64::from((2024 - first_year).max(1));
                    observations.push(json!({"indicator": id, "year": y, "value": v, "source": {"url": url(k), "via": "g"}}));
                }
                for (y, g) in [(2030, goal * 0.9), (2035, goal)] {
                    targets.push(json!({"indicator": id, "year": y, "comparator": ">=", "value": g, "source": {"url": url(k), "via": "g"}}));
                }
            }
            let mut p = json!({
                "id": format!("p{i:03}"), "vi": format!("Tỉnh {i}"), "en": format!("Province {i}"), "kind": "province",
                "programme_start": 2020.min(first_year), "grdp_growth": {"value": 7, "year": 2024, "rationale": text("generated")},
            });
            if units > 0 {
                observations.push(json!({"indicator": "big_rank", "year": 2022, "value": i % units + 1, "source": {"url": url(i), "via": "g"}}));
                for (y, k) in [(2030, 20), (2035, 10)] {
                    targets.push(json!({"indicator": "big_rank", "year": y, "comparator": "<=", "value": k, "source": {"url": url(i), "via": "g"}}));
                }
                p["ranking_unit"] = format!("u{:03}", i % units).into();
            }
            p["observations"] = observations.into();
            p["targets"] = targets.into();
            p
        })
        .collect();
    if units == 0 {
        return json!({"version": "big-1", "as_of_year": 2026, "provinces": ps}).to_string();
    }
    json!({
        "version": "big-1", "as_of_year": 2026,
        "indicators": [{"id": "big_rank", "pillar": "overall", "vi": "Hạng", "en": "Rank", "unit": "rank", "direction": "lower", "min": 1, "max": units, "model": "rank",
            "growth": {"default": 1, "min": -10, "max": 15, "step": 0.5, "sigma": 1, "sigma_max": 10, "trend_limit": 5, "rationale": text("generated")}}],
        "rankings": [{"indicator": "big_rank", "units": rank_units, "base_year": 2022, "years": [{"year": 2022, "ranks": base}], "churn": 0.5,
            "pace_min": -5, "pace_max": 5, "own_rationale": text("generated"), "pace_rationale": text("generated"), "note": text("generated")}],
        "provinces": ps,
    })
    .to_string()
}

/// Peak resident memory of this process so far (Linux), in MB.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok()).map_or(f64::NAN, |kb| kb / 1024.0)
}

/// The measurements behind `scenario::check_budget`'s limits: `cargo test --release --test
/// integration budget_measurements -- --ignored --nocapture` (one case at a time, since peak
/// memory is per process: pass the case number in DXSIM_BUDGET_CASE).
#[test]
#[ignore]
fn budget_measurements() {
    let case: usize = std::env::var("DXSIM_BUDGET_CASE").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    let (provinces, units, indicators, first, draws, only): (usize, usize, usize, i32, u32, Option<&str>) = [
        (194, 200, 12, 2020, 10_000, None),
        (194, 200, 12, 2020, 2_000, None),
        (194, 200, 12, 2020, 100_000, Some("p000")),
        (20, 200, 12, 2020, 20_000, None),
        (194, 200, 12, 2020, 5_000, None),
        (1, 200, 12, 1990, 100_000, Some("p000")),
        (194, 0, 12, 2020, 10_000, None),
        (194, 200, 0, 2020, 10_000, None),
        (194, 0, 12, 1990, 20_000, None),
        (10, 200, 0, 2020, 100_000, None),
    ][case];
    let text = big_dataset(provinces, units, indicators, first);
    let ds = Dataset::builtin().with_import(&text).unwrap();
    let sc = Scenario { draws: Some(draws), horizon: Some(2035), ..Default::default() };
    let r = dxsim::scenario::resolve(&ds, &sc).unwrap();
    let cost = dxsim::scenario::estimate_cost(&ds, &r, only);
    let t = std::time::Instant::now();
    let out = dxsim::report::run(&ds, &sc, only);
    println!(
        "case {case}: {} bytes, {provinces} provinces, {units} units, from {first}, {draws} draws, only {only:?}: {:.2} s, peak {:.0} MB; estimate {cost:?}; {}",
        text.len(),
        t.elapsed().as_secs_f64(),
        peak_mb(),
        out.as_ref().map_or_else(|e| e.to_string(), |_| "ran".into())
    );
}

fn big() -> &'static str {
    static BIG: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BIG.get_or_init(|| big_dataset(194, 200, 12, 2020))
}

#[test]
fn the_largest_valid_files_are_accepted_but_their_runs_are_bounded() {
    let text = big();
    assert!(text.len() < dxsim::data::MAX_DATASET_BYTES, "{}", text.len());
    let ds = Dataset::builtin().with_import(text).unwrap();
    let resolved = |draws| dxsim::scenario::resolve(&ds, &Scenario { draws: Some(draws), horizon: Some(2035), ..Default::default() }).unwrap();
    let r = resolved(100_000);
    let cost = dxsim::scenario::estimate_cost(&ds, &r, None);
    println!("194 × 200 at 100,000 draws: {:.0} s, {:.2} GB", cost.seconds(), cost.memory / 1e9);
    assert!(cost.seconds() > 300.0 && cost.memory > 4e9, "{cost:?}");
    let e = dxsim::scenario::check_budget(&ds, &r, None).unwrap_err();
    assert_eq!(e.field, "draws");
    assert!(e.value.starts_with("100000 (about "), "{e}");
    assert!(e.allowed.starts_with("a run within about 60 s and 1 GB: at most ") && e.allowed.ends_with(" draws here, or run one province"), "{e}");
    // The same refusal through the one entry point every run takes, before any simulation.
    let t = std::time::Instant::now();
    assert_eq!(dxsim::run(&ds, &Scenario { draws: Some(100_000), horizon: Some(2035), ..Default::default() }, None).unwrap_err(), e);
    assert!(t.elapsed().as_secs_f64() < 5.0);
    // What the message suggests fits: the draws it names, or one province at any draws.
    let fits: u32 = e.allowed.split("at most ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!(dxsim::scenario::check_budget(&ds, &resolved(fits), None).is_ok());
    assert!(dxsim::scenario::check_budget(&ds, &resolved(fits + fits / 10 + 1), None).is_err());
    assert!(dxsim::scenario::check_budget(&ds, &r, Some("p000")).is_ok());
    assert!(dxsim::scenario::check_budget(&ds, &resolved(10_000), None).is_ok());
    let builtin = Dataset::builtin();
    let r = dxsim::scenario::resolve(&builtin, &Scenario { draws: Some(100_000), horizon: Some(2035), ..Default::default() }).unwrap();
    let cost = dxsim::scenario::estimate_cost(&builtin, &r, None);
    println!("built-in at 100,000 draws: {:.1} s, {:.0} MB", cost.seconds(), cost.memory / 1e6);
}
