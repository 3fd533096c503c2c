//! The recompute cache (peer fields, bars, runner results and series projections kept between
//! runs) changes no number: a sequence of scenarios run through one cache gives, run after run, exactly the JSON
//! of `dxsim::run` without it — whether the field is stored, taken again, evicted, or too large
//! for the budget.

use dxsim::data::Dataset;
use dxsim::report::{province_view, province_view_with, run_with};
use dxsim::scenario::Scenario;
use dxsim::sim::Cache;
use dxsim::text::Lang;

fn json(ds: &Dataset, sc: &Scenario, only: Option<&str>, cache: Option<&mut Cache>) -> String {
    let report = match cache {
        Some(c) => run_with(ds, sc, only, c),
        None => dxsim::run(ds, sc, only),
    };
    serde_json::to_string(&report.unwrap()).unwrap()
}

/// A scenario with a DTI pace, a DTI uncertainty and another slider (a slider drag's steps).
fn scenario(draws: u32, seed: u64, dti_growth: f64, dti_sigma: f64, de_growth: f64) -> Scenario {
    Scenario::from_json(&format!(
        r#"{{"draws": {draws}, "seed": {seed}, "provinces": {{
            "hai-duong": {{"indicators": {{"dti_rank": {{"growth": {dti_growth}, "sigma": {dti_sigma}}}, "de_share": {{"growth": {de_growth}}}}}}},
            "hung-yen": {{"indicators": {{"dti_rank": {{"growth": {dti_growth}}}}}}}}}}}"#
    ))
    .unwrap()
}

#[test]
fn cached_runs_give_the_json_of_uncached_runs() {
    let ds = Dataset::builtin();
    let steps: Vec<(Scenario, Option<&str>)> = vec![
        (scenario(400, 2026, 1.0, 1.0, 11.4), None),
        // The same again: every runner from the cache.
        (scenario(400, 2026, 1.0, 1.0, 11.4), None),
        // A slider that is not a DTI pace: the field and every runner result are reused.
        (scenario(400, 2026, 1.0, 1.0, 14.0), None),
        // A DTI pace and a DTI uncertainty: those runners run again on the kept field.
        (scenario(400, 2026, 2.5, 1.0, 14.0), None),
        (scenario(400, 2026, 2.5, 3.0, 14.0), None),
        // One province (the page's call), then back to every province.
        (scenario(400, 2026, 2.5, 3.0, 14.0), Some("hai-duong")),
        (scenario(400, 2026, 1.0, 1.0, 11.4), Some("hung-yen")),
        // Another number of draws (the page's quick pass), another seed, a later horizon, presets.
        (scenario(150, 2026, 1.0, 1.0, 11.4), None),
        (scenario(400, 7, 1.0, 1.0, 11.4), None),
        (Scenario::from_json(r#"{"draws": 300, "horizon": 2035}"#).unwrap(), None),
        // GRDP growth moves every series of a province that depends on it.
        (Scenario::from_json(r#"{"draws": 400, "seed": 2026, "provinces": {"hai-duong": {"grdp_growth": 9.0}}}"#).unwrap(), None),
        (Scenario::from_json(r#"{"draws": 400, "seed": 2026, "provinces": {"hai-duong": {"grdp_growth": 6.5}}}"#).unwrap(), Some("hai-duong")),
        (Scenario::from_json(r#"{"draws": 300, "preset": "shock"}"#).unwrap(), None),
        (Scenario::from_json(r#"{"draws": 300, "preset": "accelerated"}"#).unwrap(), Some("khanh-hoa")),
        (scenario(400, 2026, 1.0, 1.0, 11.4), None),
    ];
    // A roomy cache, one so small that the fields are evicted in turn, and one that stores no
    // positions at all (the field is walked again, bars and results are still kept).
    let field_400 = 8 * 400 * 63 * 8;
    for budget in [64 << 20, field_400 + field_400 / 2, 4096] {
        let mut cache = Cache::with_budget(budget);
        for (i, (sc, only)) in steps.iter().enumerate() {
            let want = json(&ds, sc, *only, None);
            assert_eq!(json(&ds, sc, *only, Some(&mut cache)), want, "step {i}, budget {budget}");
            assert!(cache.peer.bytes() <= budget, "step {i}: {} bytes held", cache.peer.bytes());
        }
    }
}

#[test]
fn the_page_view_is_the_same_through_the_cache() {
    let ds = Dataset::builtin();
    let mut cache = Cache::default();
    for g in [0.0, 0.5, 0.0, 4.0] {
        let sc = scenario(300, 11, g, 1.0, 11.4);
        // Compared as JSON: a goal that claims no likelihood carries NaN, which is never equal
        // to itself, and is written as null.
        let json = |v: &dxsim::report::ProvinceView| serde_json::to_string(v).unwrap() + &format!("{:?}", v.series);
        let want = province_view(&ds, &sc, "hai-duong", Lang::Vi).unwrap();
        assert_eq!(json(&province_view_with(&ds, &sc, "hai-duong", Lang::Vi, &mut cache).unwrap()), json(&want));
    }
}

#[test]
fn the_field_of_ten_thousand_draws_fits_the_default_budget() {
    // 10,000 draws × 8 years × 63 units × 8 bytes, plus the bars of the targets asked for.
    let ds = Dataset::builtin();
    let mut cache = Cache::default();
    run_with(&ds, &Scenario::default(), Some("hai-duong"), &mut cache).unwrap();
    let field = 10_000 * 8 * 63 * 8;
    assert!(cache.peer.bytes() >= field && cache.peer.bytes() < field + 1_000_000, "{}", cache.peer.bytes());
}
