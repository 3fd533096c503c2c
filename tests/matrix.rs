//! The scenario matrix (as SDEverywhere's model-check): all inputs at default, all at min, all at
//! max, then each input alone at its min and at its max; the invariants hold on every run.

use dxsim::assess::{round_pace, Assessment, PaceStatus, Status};
use dxsim::controls::{assumption_specs, AssumptionSpec};
use dxsim::data::{Dataset, StartKind};
use dxsim::scenario::{AssumptionKind, Scenario};
use dxsim::text::{number, Lang};

/// The printed R is the printed assumed ÷ the printed required, and the card's pace line prints
/// exactly those three numbers; without a ratio the status says why.
pub fn check_pace(a: &Assessment, what: &str) {
    let p = a.pace;
    assert_eq!(p.assumed, round_pace(p.assumed), "{what}: assumed not rounded as printed");
    match (p.ratio, p.required) {
        (Some(r), Some(req)) => {
            assert!(req > 0.0, "{what}: {a:?}");
            assert_eq!(r, round_pace(p.assumed / req), "{what}: R {r} ≠ {} ÷ {req}", p.assumed);
            assert_eq!(p.status, PaceStatus::from_ratio(r));
            for lang in [Lang::Vi, Lang::En] {
                let line = a.pace_text.get(lang);
                for v in [p.assumed, req, r] {
                    assert!(line.contains(&number(v, 2, lang)), "{what}: {line} lacks {v}");
                }
            }
        }
        (Some(_), None) => panic!("{what}: a ratio without a required pace: {a:?}"),
        (None, _) => assert!(
            matches!(p.status, PaceStatus::AlreadyMet | PaceStatus::OutOfReach | PaceStatus::NoTime | PaceStatus::Deterioration | PaceStatus::NoData),
            "{what}: no ratio but {:?}",
            p.status
        ),
    }
}

fn set(sc: &mut Scenario, spec: &AssumptionSpec, v: f64) {
    let po = sc.provinces.entry(spec.province.clone()).or_default();
    match spec.kind {
        AssumptionKind::GrdpGrowth => po.grdp_growth = Some(v),
        kind => {
            let o = po.indicators.entry(spec.indicator.clone().unwrap()).or_default();
            match kind {
                AssumptionKind::Growth => o.growth = Some(v),
                AssumptionKind::Sigma => o.sigma = Some(v),
                AssumptionKind::Start => o.start = Some(v),
                AssumptionKind::PeerPace => o.peer_pace = Some(v),
                AssumptionKind::GrdpGrowth => unreachable!(),
            }
        }
    }
}

pub fn check_invariants(ds: &Dataset, sc: &Scenario, what: &str) {
    let report = dxsim::run(ds, sc, None).unwrap_or_else(|e| panic!("{what}: {e}"));
    for p in &report.provinces {
        for s in &p.projections {
            let ind = ds.indicator(&s.indicator).unwrap();
            for i in 0..s.years.len() {
                let (a, b, c) = (s.p10[i], s.p50[i], s.p90[i]);
                assert!(a <= b && b <= c, "{what}: {} {} {}: {a} {b} {c}", p.province, s.indicator, s.years[i]);
                for v in [a, b, c, s.deterministic[i], s.baseline[i]] {
                    assert!(v.is_finite() && v >= ind.min && v <= ind.max, "{what}: {} {} out of bounds: {v}", p.province, s.indicator);
                }
            }
        }
        for a in &p.assessments {
            if a.status == Status::InsufficientData {
                // Nothing claimed: no probability in any output.
                assert!(a.probability.is_nan() && a.first_met_median.is_none(), "{what}: {a:?}");
            } else {
                assert!((0.0..=1.0).contains(&a.probability) && a.met_by_horizon >= a.probability - 1e-12, "{what}: {a:?}");
            }
            check_pace(a, what);
            // No likelihood rests on a start nobody reported.
            if a.start_kind == StartKind::Placeholder && a.actual.is_none() {
                assert_eq!(a.status, Status::InsufficientData, "{what}: {} {} {}", a.province, a.indicator, a.year);
            }
            if a.status.is_likelihood() {
                assert_eq!(a.status, Status::from_probability(a.probability), "{what}: {a:?}");
            }
        }
    }
}

#[test]
fn scenario_matrix_keeps_every_invariant() {
    let ds = Dataset::builtin();
    let specs: Vec<AssumptionSpec> = ds.provinces.iter().flat_map(|p| assumption_specs(&ds, &p.id).unwrap()).collect();
    assert!(specs.len() > 100);
    let base = Scenario { draws: Some(40), ..Default::default() };
    check_invariants(&ds, &base, "all default");
    let mut all_min = base.clone();
    let mut all_max = base.clone();
    for s in &specs {
        set(&mut all_min, s, s.min);
        set(&mut all_max, s, s.max);
    }
    check_invariants(&ds, &all_min, "all min");
    check_invariants(&ds, &all_max, "all max");
    let small = Scenario { draws: Some(8), ..Default::default() };
    for s in &specs {
        for (v, end) in [(s.min, "min"), (s.max, "max")] {
            let mut sc = small.clone();
            set(&mut sc, s, v);
            check_invariants(&ds, &sc, &format!("{}/{:?}/{:?} at {end}", s.province, s.indicator, s.kind));
        }
    }
}

#[test]
fn higher_growth_never_lowers_the_probability() {
    // Monotonicity with the same seed: more growth, same noise ⇒ at least as many draws succeed.
    let ds = Dataset::builtin();
    for p in &ds.provinces {
        for s in assumption_specs(&ds, &p.id).unwrap().into_iter().filter(|s| s.kind == AssumptionKind::Growth) {
            let run_at = |v: f64| {
                let mut sc = Scenario { draws: Some(200), ..Default::default() };
                set(&mut sc, &s, v);
                let r = dxsim::run(&ds, &sc, Some(&p.id)).unwrap();
                r.provinces[0].assessments.iter().filter(|a| Some(&a.indicator) == s.indicator.as_ref()).map(|a| a.probability).collect::<Vec<_>>()
            };
            let lo = run_at(s.min);
            let hi = run_at(s.max);
            // Goals that claim no likelihood (insufficient data) have no probability to compare.
            for (a, b) in lo.iter().zip(&hi).filter(|(a, _)| !a.is_nan()) {
                assert!(b >= a, "{} {:?}: P at max growth {b} < at min {a}", p.id, s.indicator);
            }
        }
    }
}
