//! Growth models: how an indicator moves from one year to the next, and what it would take.
//!
//! Each model has one *growth parameter* `p`, in the unit a person would use:
//!
//! | model            | `p` means                         | one year                                   |
//! |------------------|-----------------------------------|--------------------------------------------|
//! | `linear`         | units per year                    | `v + p`                                    |
//! | `compound`       | % per year                        | `v · (1 + p/100)`                          |
//! | `logistic`       | intrinsic growth rate, % per year | `cap·v / (v + (cap − v)·e^(−p/100))`       |
//! | `share_of_flows` | nominal digital-economy growth %  | `v · (1 + p/100) / (1 + g_grdp/100)`       |
//! | `rank`           | places gained per year            | `v − p`                                    |
//! | `rate_target`    | the growth rate itself, % per year| running average of the yearly rates        |
//!
//! The logistic step is the exact solution of `dv/dt = k·v·(1 − v/cap)` over one year, so it
//! never overshoots the cap whatever `k` is. Every step is clamped to the indicator's natural
//! bounds. The module also solves the inverse problem ([`required`]) and estimates a default `p`
//! from observations ([`trend`]). It knows nothing about scenarios or randomness.

use serde::{Deserialize, Serialize};

/// The growth models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    /// Constant change in units per year.
    Linear,
    /// Constant percentage growth.
    Compound,
    /// S-curve toward the upper bound: growth slows near saturation.
    Logistic,
    /// A share driven by two flows: digital-economy growth against GRDP growth.
    ShareOfFlows,
    /// Places gained in a ranking per year, kept within 1..N.
    Rank,
    /// A growth rate that must reach a level (e.g. productivity growth ≥ 10 %/yr).
    RateTarget,
}

/// Logistic and compound paths cannot leave zero; starting values are lifted to this floor
/// (in the indicator's unit), as Open SDG replaces a zero base with 0.001.
pub const ZERO_FLOOR: f64 = 0.1;

/// An indicator's natural bounds: every step is clamped to them, and the logistic model grows
/// toward `hi`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Natural lower bound.
    pub lo: f64,
    /// Natural upper bound (the logistic cap).
    pub hi: f64,
}

/// Per-year constants of a step, computed once per year rather than once per draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Year {
    /// `1 / (1 + g_grdp/100)`: the share model divides by GRDP growth.
    pub inv_grdp: f64,
    /// `1 / n`: the rate model averages `n` yearly rates.
    pub inv_n: f64,
}

impl Year {
    /// Constants for GRDP growth `grdp` (%) and the `n`-th projected year (1-based).
    pub fn new(grdp: f64, n: u32) -> Year {
        Year { inv_grdp: 1.0 / (1.0 + grdp / 100.0), inv_n: 1.0 / f64::from(n.max(1)) }
    }
}

/// A value → the model's *state*, where a year of growth is cheap. Only the logistic model has a
/// state different from its value: the log-odds `ln(v / (cap − v))`, in which one year adds
/// `k`; every other state is the value itself. The transform is increasing, so quantiles and
/// threshold tests can be done on states and converted back afterwards.
#[inline(always)]
pub fn to_state(kind: ModelKind, v: f64, b: Bounds) -> f64 {
    match kind {
        ModelKind::Logistic => {
            // Strictly below the cap: a start at 100% (a proxy can be) would otherwise be an
            // infinite log-odds, and every path from it undefined.
            let v = v.clamp(ZERO_FLOOR.min(b.hi / 2.0), b.hi - ZERO_FLOOR * 1e-6);
            libm::log(v / (b.hi - v))
        }
        _ => v,
    }
}

/// The inverse of [`to_state`].
#[inline(always)]
pub fn from_state(kind: ModelKind, x: f64, b: Bounds) -> f64 {
    match kind {
        ModelKind::Logistic => b.hi / (1.0 + libm::exp(-x)),
        _ => x,
    }
}

/// One year of growth on a state: the kernel of the projection and the Monte Carlo. `p` is the
/// growth parameter for that year; results are kept within the natural bounds.
#[inline(always)]
pub fn advance(kind: ModelKind, x: f64, p: f64, y: Year, b: Bounds) -> f64 {
    match kind {
        ModelKind::Linear => (x + p).clamp(b.lo, b.hi),
        ModelKind::Compound => (x * (1.0 + p * 0.01)).clamp(b.lo, b.hi),
        // Exact solution of dv/dt = k·v·(1 − v/cap) over one year, in log-odds.
        ModelKind::Logistic => x + p * 0.01,
        ModelKind::ShareOfFlows => (x * (1.0 + p * 0.01) * y.inv_grdp).clamp(b.lo, b.hi),
        ModelKind::Rank => (x - p).clamp(b.lo, b.hi),
        ModelKind::RateTarget => (x + (p - x) * y.inv_n).clamp(b.lo, b.hi),
    }
}

/// One year of growth on a value. `p` is the growth parameter for that year, `grdp` the GRDP
/// growth in % (used by `share_of_flows` only), `n` the number of years averaged so far including
/// this one (used by `rate_target` only).
pub fn step(kind: ModelKind, v: f64, p: f64, grdp: f64, n: u32, b: Bounds) -> f64 {
    from_state(kind, advance(kind, to_state(kind, v, b), p, Year::new(grdp, n), b), b)
}

/// The parameter for a one-year setback (the `shock` preset): the year loses as much ground as
/// a normal year would gain. For the share model the ratio of the two flows is inverted.
pub fn setback(kind: ModelKind, p: f64, grdp: f64) -> f64 {
    match kind {
        ModelKind::ShareOfFlows => {
            let q = (1.0 + p / 100.0) / (1.0 + grdp / 100.0);
            let q = q.min(1.0 / q);
            (q * (1.0 + grdp / 100.0) - 1.0) * 100.0
        }
        _ => -p.abs(),
    }
}

/// The parameter for "no further progress" (the `stalled` preset).
pub fn stalled(kind: ModelKind, grdp: f64) -> f64 {
    match kind {
        ModelKind::ShareOfFlows => grdp,
        _ => 0.0,
    }
}

/// How fast the indicator improves under parameter `p`, in a unit comparable with
/// [`required`]'s answer: positive is progress toward "better" whatever the direction.
/// For the share model this is the share's own yearly growth rate (%), as in Open SDG's CAGR.
pub fn progress(kind: ModelKind, p: f64, grdp: f64, lower_is_better: bool) -> f64 {
    let raw = match kind {
        ModelKind::ShareOfFlows => ((1.0 + p / 100.0) / (1.0 + grdp / 100.0) - 1.0) * 100.0,
        _ => p,
    };
    // Ranks count places *gained*, which is already progress; other models measure the value.
    if lower_is_better && kind != ModelKind::Rank {
        -raw
    } else {
        raw
    }
}

/// The inverse of [`progress`] for the share model: the parameter that gives a progress rate.
pub fn param_for_progress(kind: ModelKind, progress_rate: f64, grdp: f64, lower_is_better: bool) -> f64 {
    let raw = if lower_is_better && kind != ModelKind::Rank { -progress_rate } else { progress_rate };
    match kind {
        ModelKind::ShareOfFlows => ((1.0 + raw / 100.0) * (1.0 + grdp / 100.0) - 1.0) * 100.0,
        _ => raw,
    }
}

/// The constant parameter that takes `v0` to `target` in `years` years, or `None` when the
/// question has no answer (no years left, or the target is outside the model's reach).
///
/// For `share_of_flows` the answer is the digital-economy growth given `grdp`; for `rank` the
/// places per year; for `rate_target` the rate itself.
pub fn required(kind: ModelKind, v0: f64, target: f64, years: i32, grdp: f64, b: Bounds) -> Option<f64> {
    if years <= 0 {
        return None;
    }
    let n = f64::from(years);
    let r = match kind {
        ModelKind::Linear => (target - v0) / n,
        ModelKind::Compound => {
            let v0 = v0.max(ZERO_FLOOR);
            (libm::pow(target.max(ZERO_FLOOR) / v0, 1.0 / n) - 1.0) * 100.0
        }
        ModelKind::Logistic => {
            let cap = b.hi;
            let v0 = v0.max(ZERO_FLOOR.min(cap / 2.0)).min(cap - ZERO_FLOOR);
            let t = target.clamp(ZERO_FLOOR, cap - LOGISTIC_CAP_GAP);
            // target = cap·v0 / (v0 + (cap − v0)·e^(−k·n))  ⇒  e^(−k·n) = v0·(cap − t) / (t·(cap − v0))
            let e = v0 * (cap - t) / (t * (cap - v0));
            -libm::log(e) / n * 100.0
        }
        ModelKind::ShareOfFlows => {
            let v0 = v0.max(ZERO_FLOOR);
            (libm::pow(target.max(ZERO_FLOOR) / v0, 1.0 / n) * (1.0 + grdp / 100.0) - 1.0) * 100.0
        }
        ModelKind::Rank => (v0 - target) / n,
        ModelKind::RateTarget => target,
    };
    r.is_finite().then_some(r)
}

/// A logistic path approaches its cap but never reaches it. So a target *at* the cap counts as
/// met within this distance of it (99.5% for a 100% target, since reports round to whole
/// percent), both in the Monte Carlo's threshold (`sim::Threshold`) and in the required growth
/// (`required` aims at the cap minus this gap).
pub const LOGISTIC_CAP_GAP: f64 = 0.5;

/// Least-squares trend of a series in the model's own parameter, or `None` with fewer than two
/// distinct years. For `share_of_flows` the answer is the share's own growth rate (%), to be
/// turned into a digital-economy growth by [`param_for_progress`].
pub fn trend(kind: ModelKind, points: &[(i32, f64)], b: Bounds) -> Option<f64> {
    trend_fit(kind, points, b).map(|f| f.0)
}

/// [`trend`] with the standard error of the fitted slope, in the same parameter units; the
/// error is `None` with fewer than three points (no residual degree of freedom).
pub fn trend_fit(kind: ModelKind, points: &[(i32, f64)], b: Bounds) -> Option<(f64, Option<f64>)> {
    let transform = |v: f64| -> f64 {
        match kind {
            ModelKind::Linear | ModelKind::RateTarget => v,
            ModelKind::Rank => -v,
            ModelKind::Compound | ModelKind::ShareOfFlows => libm::log(v.max(ZERO_FLOOR)),
            ModelKind::Logistic => {
                let v = v.clamp(ZERO_FLOOR, b.hi - ZERO_FLOOR);
                libm::log(v / (b.hi - v))
            }
        }
    };
    let xs: Vec<f64> = points.iter().map(|&(y, _)| f64::from(y)).collect();
    let ys: Vec<f64> = points.iter().map(|&(_, v)| transform(v)).collect();
    let n = xs.len() as f64;
    if xs.len() < 2 {
        return None;
    }
    let mx = xs.iter().sum::<f64>() / n;
    let my = ys.iter().sum::<f64>() / n;
    let sxx: f64 = xs.iter().map(|x| (x - mx) * (x - mx)).sum();
    if sxx == 0.0 {
        return None;
    }
    let sxy: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let slope = sxy / sxx;
    // The slope's standard error, sqrt(SSR / (n − 2) / Sxx), turned into parameter units by the
    // derivative of the same transform (first order).
    let se = (xs.len() > 2).then(|| {
        let ssr: f64 = xs.iter().zip(&ys).map(|(x, y)| (y - my - slope * (x - mx)).powi(2)).sum();
        libm::sqrt(ssr / (n - 2.0) / sxx)
    });
    let (p, dp) = match kind {
        ModelKind::Linear | ModelKind::Rank | ModelKind::RateTarget => (slope, 1.0),
        ModelKind::Compound | ModelKind::ShareOfFlows => ((libm::exp(slope) - 1.0) * 100.0, libm::exp(slope) * 100.0),
        ModelKind::Logistic => (slope * 100.0, 100.0),
    };
    p.is_finite().then_some((p, se.map(|e| e * dp).filter(|e| e.is_finite())))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PCT: Bounds = Bounds { lo: 0.0, hi: 100.0 };
    const RANK63: Bounds = Bounds { lo: 1.0, hi: 63.0 };
    const WIDE: Bounds = Bounds { lo: 0.0, hi: 1e9 };

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * (1.0 + b.abs())
    }

    #[test]
    fn linear_adds_units_and_clamps() {
        assert!(close(step(ModelKind::Linear, 40.0, 5.0, 0.0, 1, PCT), 45.0));
        assert!(close(step(ModelKind::Linear, 98.0, 5.0, 0.0, 1, PCT), 100.0));
        assert!(close(step(ModelKind::Linear, 2.0, -5.0, 0.0, 1, PCT), 0.0));
    }

    #[test]
    fn compound_multiplies() {
        // 350 · 1.1 = 385; 385 · 1.1 = 423.5
        let v = step(ModelKind::Compound, 350.0, 10.0, 0.0, 1, WIDE);
        assert!(close(v, 385.0));
        assert!(close(step(ModelKind::Compound, v, 10.0, 0.0, 1, WIDE), 423.5));
    }

    #[test]
    fn logistic_by_hand() {
        // v=50, cap=100, k=ln 3 ⇒ 100·50/(50 + 50/3) = 75.
        let k = libm::log(3.0) * 100.0;
        assert!(close(step(ModelKind::Logistic, 50.0, k, 0.0, 1, PCT), 75.0));
        // k = 0 stays; a huge k approaches but never passes the cap.
        assert!(close(step(ModelKind::Logistic, 64.06, 0.0, 0.0, 1, PCT), 64.06));
        let v = step(ModelKind::Logistic, 99.0, 10_000.0, 0.0, 1, PCT);
        assert!(v <= 100.0 && v > 99.99);
        // Growth slows near saturation: the same k adds less at 90% than at 50%.
        let k = 30.0;
        let d50 = step(ModelKind::Logistic, 50.0, k, 0.0, 1, PCT) - 50.0;
        let d90 = step(ModelKind::Logistic, 90.0, k, 0.0, 1, PCT) - 90.0;
        assert!(d90 < d50);
    }

    #[test]
    fn share_of_flows_by_hand() {
        // 13.17 · 1.15 / 1.10 = 13.76863…
        let v = step(ModelKind::ShareOfFlows, 13.17, 15.0, 10.0, 1, PCT);
        assert!(close(v, 13.17 * 1.15 / 1.10));
        // Equal flows keep the share.
        assert!(close(step(ModelKind::ShareOfFlows, 13.17, 10.0, 10.0, 1, PCT), 13.17));
    }

    #[test]
    fn rank_gains_places_within_1_to_n() {
        assert!(close(step(ModelKind::Rank, 33.0, 2.0, 0.0, 1, RANK63), 31.0));
        assert!(close(step(ModelKind::Rank, 2.0, 5.0, 0.0, 1, RANK63), 1.0));
        assert!(close(step(ModelKind::Rank, 62.0, -5.0, 0.0, 1, RANK63), 63.0));
    }

    #[test]
    fn rate_target_keeps_a_running_average() {
        let b = Bounds { lo: -20.0, hi: 50.0 };
        // Years: 8, 6, 10 ⇒ averages 8, 7, 8.
        let v1 = step(ModelKind::RateTarget, 0.0, 8.0, 0.0, 1, b);
        let v2 = step(ModelKind::RateTarget, v1, 6.0, 0.0, 2, b);
        let v3 = step(ModelKind::RateTarget, v2, 10.0, 0.0, 3, b);
        assert!(close(v1, 8.0) && close(v2, 7.0) && close(v3, 8.0));
    }

    #[test]
    fn required_inverts_step() {
        // Linear: 40 → 90 in 5 years = 10/yr.
        assert!(close(required(ModelKind::Linear, 40.0, 90.0, 5, 0.0, PCT).unwrap(), 10.0));
        // Compound: 350 → 700 in 4 years = 2^(1/4) − 1 = 18.9207…%.
        let r = required(ModelKind::Compound, 350.0, 700.0, 4, 0.0, WIDE).unwrap();
        assert!(close(r, (2f64.powf(0.25) - 1.0) * 100.0));
        // Rank 33 → 20 in 8 years = 1.625 places/yr.
        assert!(close(required(ModelKind::Rank, 33.0, 20.0, 8, 0.0, RANK63).unwrap(), 1.625));
        // Share: 13.17 → 20 in 1 year with GRDP 10%: (20/13.17)·1.1 − 1.
        let r = required(ModelKind::ShareOfFlows, 13.17, 20.0, 1, 10.0, PCT).unwrap();
        assert!(close(r, (20.0 / 13.17 * 1.1 - 1.0) * 100.0));
        // Logistic 50 → 75 in one year needs k = ln 3.
        let r = required(ModelKind::Logistic, 50.0, 75.0, 1, 0.0, PCT).unwrap();
        assert!(close(r, libm::log(3.0) * 100.0));
        // Round trip over several years for every model.
        for (kind, v0, t, b) in [
            (ModelKind::Linear, 10.0, 30.0, PCT),
            (ModelKind::Compound, 350.0, 1000.0, WIDE),
            (ModelKind::Logistic, 30.1, 80.0, PCT),
            (ModelKind::ShareOfFlows, 13.17, 30.0, PCT),
            (ModelKind::Rank, 41.0, 20.0, RANK63),
        ] {
            let p = required(kind, v0, t, 6, 7.0, b).unwrap();
            let mut v = v0;
            for _ in 0..6 {
                v = step(kind, v, p, 7.0, 1, b);
            }
            assert!((v - t).abs() < 1e-6, "{kind:?}: {v} vs {t}");
        }
        assert_eq!(required(ModelKind::Linear, 1.0, 2.0, 0, 0.0, PCT), None);
    }

    #[test]
    fn logistic_target_at_the_cap_uses_the_reporting_gap() {
        // Needs to reach 99.5, not the unreachable 100.
        let p = required(ModelKind::Logistic, 50.0, 100.0, 5, 0.0, PCT).unwrap();
        let mut v = 50.0;
        for _ in 0..5 {
            v = step(ModelKind::Logistic, v, p, 0.0, 1, PCT);
        }
        assert!((v - 99.5).abs() < 1e-6);
    }

    #[test]
    fn zero_and_saturated_bases() {
        // A zero base is lifted to the floor (as Open SDG lifts it to 0.001) instead of dividing by 0.
        let r = required(ModelKind::Compound, 0.0, 100.0, 2, 0.0, WIDE).unwrap();
        assert!(close(r, (libm::pow(100.0 / ZERO_FLOOR, 0.5) - 1.0) * 100.0));
        assert!(step(ModelKind::Logistic, 0.0, 50.0, 0.0, 1, PCT) > 0.0);
        // A saturated share stays at the cap and needs nothing more.
        assert!(close(step(ModelKind::Logistic, 100.0, 30.0, 0.0, 1, PCT), 100.0));
        assert!(required(ModelKind::Logistic, 100.0, 100.0, 3, 0.0, PCT).unwrap() <= 0.0);
        // Rank 1 cannot improve further; compound growth never goes below zero.
        assert!(close(step(ModelKind::Rank, 1.0, 3.0, 0.0, 1, RANK63), 1.0));
        assert!(close(step(ModelKind::Compound, 5.0, -200.0, 0.0, 1, WIDE), 0.0));
    }

    #[test]
    fn trend_by_hand() {
        // Hưng Yên DTI 49, 35, 33 (2020–22): slope −8 ranks/yr ⇒ +8 places gained.
        let t = trend(ModelKind::Rank, &[(2020, 49.0), (2021, 35.0), (2022, 33.0)], RANK63).unwrap();
        assert!(close(t, 8.0));
        // Linear through (0, 1), (2, 5): slope 2.
        assert!(close(trend(ModelKind::Linear, &[(2000, 1.0), (2002, 5.0)], PCT).unwrap(), 2.0));
        // Compound doubling each year: 100%.
        assert!(close(trend(ModelKind::Compound, &[(2000, 1.0), (2001, 2.0)], WIDE).unwrap(), 100.0));
        // Logistic 50 → 75 in one year: k = ln 3.
        let k = trend(ModelKind::Logistic, &[(2000, 50.0), (2001, 75.0)], PCT).unwrap();
        assert!(close(k, libm::log(3.0) * 100.0));
        assert_eq!(trend(ModelKind::Linear, &[(2000, 1.0)], PCT), None);
        assert_eq!(trend(ModelKind::Linear, &[(2000, 1.0), (2000, 2.0)], PCT), None);
    }

    #[test]
    fn progress_and_setback() {
        // Share: 15% vs 10% GRDP ⇒ the share grows 4.5454…%/yr.
        assert!(close(progress(ModelKind::ShareOfFlows, 15.0, 10.0, false), (1.15 / 1.10 - 1.0) * 100.0));
        let p = param_for_progress(ModelKind::ShareOfFlows, progress(ModelKind::ShareOfFlows, 15.0, 10.0, false), 10.0, false);
        assert!(close(p, 15.0));
        assert!(close(setback(ModelKind::Compound, 10.0, 0.0), -10.0));
        // Share setback inverts the flow ratio: 13.17 → ·1.10/1.15.
        let s = setback(ModelKind::ShareOfFlows, 15.0, 10.0);
        assert!(close(step(ModelKind::ShareOfFlows, 13.17, s, 10.0, 1, PCT), 13.17 * 1.10 / 1.15));
        assert!(close(stalled(ModelKind::ShareOfFlows, 8.0), 8.0));
    }
}
