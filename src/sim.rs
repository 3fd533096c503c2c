//! Projection: the deterministic path, the baseline path and the Monte Carlo band of every
//! simulated indicator.
//!
//! Each series runs year by year from its start (last observation or assumption) to the horizon.
//! Monte Carlo draws the growth parameter anew every year as `p + σ·z`, `z` a standard normal
//! from rand_distr's ziggurat, on a xoshiro256++ stream seeded from the scenario seed and the
//! (province, indicator) pair. That makes each series reproducible bit for bit on every
//! platform (the maths goes through `libm`, not the platform's), and independent of which other
//! provinces or indicators are run.
//!
//! Memory is streamed, as measured in `performance-floor.md`: one vector of the draws' current
//! values and one scratch copy per series; every year's p10/p50/p90 are taken exactly by
//! selection (nearest rank) before moving on, and first-year-met counts are kept per target.
//! No draw history is stored.

use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::Serialize;

use crate::data::{Comparator, Dataset, Start, StartKind, Target, Unit};
use crate::model::{self, Bounds, ModelKind, LOGISTIC_CAP_GAP};
use crate::scenario::{Resolved, ResolvedSeries};
use crate::stats::{first_met_summary, rank_index, NEVER};

/// Odds of one target under the scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalOdds {
    /// Target year.
    pub year: i32,
    /// Share of draws that meet the target in its year.
    pub probability: f64,
    /// Share of draws that meet it in some year up to the horizon.
    pub met_by_horizon: f64,
    /// Median of the first year each draw meets it; `None` when most draws never do.
    pub first_met_median: Option<i32>,
    /// The growth that lands the projected path on the target, where only the simulation can
    /// tell (a rank under the peer model: the own pace whose median rank reaches it); `None`
    /// where [`crate::model::required`] gives it in closed form. Carried on by the assessment.
    #[serde(skip)]
    pub solved_required: Option<f64>,
}

/// The projection of one indicator of one province.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projection {
    /// Indicator id.
    pub indicator: String,
    /// Growth model.
    pub model: ModelKind,
    /// First year (the start), then every year to the horizon.
    pub years: Vec<i32>,
    /// Starting value.
    pub start_value: f64,
    /// Whether the start is an assumption.
    pub start_assumed: bool,
    /// Where the start comes from.
    pub start_kind: StartKind,
    /// The range each draw's start is sampled from, when the start is uncertain.
    pub start_range: Option<(f64, f64)>,
    /// Path with the scenario's growth from the most likely start, without noise (for ranks
    /// under the peer model, whose field always moves, the median rank of the draws).
    pub deterministic: Vec<f64>,
    /// Path with the `trend` default growth from the dataset start (drawn dashed).
    pub baseline: Vec<f64>,
    /// 10th percentile of the draws per year.
    pub p10: Vec<f64>,
    /// Median of the draws per year.
    pub p50: Vec<f64>,
    /// 90th percentile of the draws per year.
    pub p90: Vec<f64>,
    /// Growth parameter used.
    pub growth: f64,
    /// The `trend` default of the growth parameter.
    pub baseline_growth: f64,
    /// Yearly standard deviation of the growth parameter.
    pub sigma: f64,
    /// Standard deviation of each draw's persistent growth rate (the trend's uncertainty).
    pub trend_sd: f64,
    /// Odds per target, in target order.
    pub goals: Vec<GoalOdds>,
    /// The peers' general pace, when the rank is simulated with every peer (see `peer`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer_pace: Option<f64>,
    /// Rank distribution per future target year (peer model only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rank_odds: Vec<crate::peer::RankOdds>,
}

impl Projection {
    /// Index of a year in the series (years before the start map to the start).
    pub fn index(&self, year: i32) -> usize {
        let first = self.years[0];
        usize::try_from(year - first).unwrap_or(0).min(self.years.len() - 1)
    }
}

/// All projections of one province.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvinceProjection {
    /// Province id.
    pub province: String,
    /// GRDP growth used.
    pub grdp_growth: f64,
    /// One per simulated indicator, in dataset order.
    pub series: Vec<Projection>,
}

/// The test "does a value meet this target", reduced to one comparison with the reporting
/// conventions written down once: ranks are whole places (a simulated 20.4 is 20th, so "top 20"
/// means `v < 20.5`); a target at a share's natural cap is met within [`LOGISTIC_CAP_GAP`]
/// (99.5% is reported as 100%, and a logistic path never reaches the cap exactly).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    /// Compare upwards (`≥`/`>`) or downwards (`≤`/`<`).
    up: bool,
    /// Strict comparison.
    strict: bool,
    /// The boundary, in the space the threshold was made for (value or model state).
    at: f64,
}

impl Threshold {
    /// The threshold on values.
    pub fn new(cmp: Comparator, target: f64, unit: Unit, b: Bounds) -> Threshold {
        let rank = unit == Unit::Rank;
        let (up, strict, at) = match cmp {
            Comparator::Ge if rank => (true, false, target - 0.5),
            Comparator::Gt if rank => (true, false, target + 0.5),
            Comparator::Le if rank => (false, true, target + 0.5),
            Comparator::Lt if rank => (false, true, target - 0.5),
            Comparator::Ge if target >= b.hi => (true, false, b.hi - LOGISTIC_CAP_GAP),
            Comparator::Ge => (true, false, target),
            Comparator::Gt => (true, true, target),
            Comparator::Le => (false, false, target),
            Comparator::Lt => (false, true, target),
        };
        Threshold { up, strict, at }
    }

    /// The same threshold on model states (the state transform is increasing).
    pub fn in_state(self, kind: ModelKind, b: Bounds) -> Threshold {
        Threshold { at: model::to_state(kind, self.at, b), ..self }
    }

    /// Whether `x` meets it.
    #[inline(always)]
    pub fn test(self, x: f64) -> bool {
        match (self.up, self.strict) {
            (true, false) => x >= self.at,
            (true, true) => x > self.at,
            (false, false) => x <= self.at,
            (false, true) => x < self.at,
        }
    }
}

/// Whether a value meets a target (see [`Threshold`]).
pub fn meets(v: f64, cmp: Comparator, target: f64, unit: Unit, b: Bounds) -> bool {
    Threshold::new(cmp, target, unit, b).test(v)
}

/// Stable 64-bit FNV-1a, so that a series' random stream depends only on its names.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(b'/')) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// The path of one series with a constant parameter (and the optional setback year), stepped
/// in the model's state exactly as the Monte Carlo steps each draw.
pub fn path(s: &ResolvedSeries, growth: f64, start: f64, grdp: f64, horizon: i32, shock_year: Option<i32>) -> Vec<f64> {
    let years = (horizon - s.start.year).max(0) as usize;
    let mut out = Vec::with_capacity(years + 1);
    let mut x = model::to_state(s.model, start, s.bounds);
    out.push(start);
    for t in 1..=years {
        let year = s.start.year + t as i32;
        let p = if Some(year) == shock_year { model::setback(s.model, growth, grdp) } else { growth };
        x = model::advance(s.model, x, p, model::Year::new(grdp, t as u32), s.bounds);
        out.push(model::from_state(s.model, x, s.bounds));
    }
    out
}

/// Advances every draw by one year: `p + g_d + σ·z` with the draw's persistent offset `g_d`
/// (empty: none) and a fresh standard normal per draw, then the model's step. Generic over the
/// step so that each model gets its own tight loop.
#[inline(always)]
fn advance_all(values: &mut [f64], offsets: &[f64], rng: &mut Xoshiro256PlusPlus, p: f64, sigma: f64, f: impl Fn(f64, f64) -> f64) {
    match (sigma > 0.0, offsets.is_empty()) {
        (true, true) => {
            for v in values.iter_mut() {
                let z: f64 = StandardNormal.sample(rng);
                *v = f(*v, p + sigma * z);
            }
        }
        (true, false) => {
            for (v, g) in values.iter_mut().zip(offsets) {
                let z: f64 = StandardNormal.sample(rng);
                *v = f(*v, p + g + sigma * z);
            }
        }
        (false, true) => {
            for v in values.iter_mut() {
                *v = f(*v, p);
            }
        }
        (false, false) => {
            for (v, g) in values.iter_mut().zip(offsets) {
                *v = f(*v, p + g);
            }
        }
    }
}

/// One year for all draws, with the model's `match` hoisted out of the loop.
// Reason for the allow: the hot loop takes its inputs unbundled, one register each.
#[allow(clippy::too_many_arguments)]
fn advance_year(kind: ModelKind, values: &mut [f64], offsets: &[f64], rng: &mut Xoshiro256PlusPlus, p: f64, sigma: f64, y: model::Year, b: Bounds) {
    match kind {
        ModelKind::Linear => advance_all(values, offsets, rng, p, sigma, |x, q| model::advance(ModelKind::Linear, x, q, y, b)),
        ModelKind::Compound => advance_all(values, offsets, rng, p, sigma, |x, q| model::advance(ModelKind::Compound, x, q, y, b)),
        ModelKind::Logistic => advance_all(values, offsets, rng, p, sigma, |x, q| model::advance(ModelKind::Logistic, x, q, y, b)),
        ModelKind::ShareOfFlows => advance_all(values, offsets, rng, p, sigma, |x, q| model::advance(ModelKind::ShareOfFlows, x, q, y, b)),
        ModelKind::Rank => advance_all(values, offsets, rng, p, sigma, |x, q| model::advance(ModelKind::Rank, x, q, y, b)),
        ModelKind::RateTarget => advance_all(values, offsets, rng, p, sigma, |x, q| model::advance(ModelKind::RateTarget, x, q, y, b)),
    }
}

/// A draw from the triangular distribution on `[lo, hi]` with mode `mode`, from a uniform `u`:
/// the start's most likely value with the range nobody can rule out.
pub fn triangular(u: f64, lo: f64, mode: f64, hi: f64) -> f64 {
    if hi <= lo {
        return mode;
    }
    let mode = mode.clamp(lo, hi);
    let f = (mode - lo) / (hi - lo);
    if u < f {
        lo + libm::sqrt(u * (hi - lo) * (mode - lo))
    } else {
        hi - libm::sqrt((1.0 - u) * (hi - lo) * (hi - mode))
    }
}

/// Exact p10, p50, p90 of `xs` by selection (reorders `xs`). Measured against a histogram-guided
/// select at N = 10,000 draws this was twice as fast here (35 µs vs 72 µs per call natively), so
/// the simple method stays.
fn quantiles(xs: &mut [f64]) -> [f64; 3] {
    let n = xs.len();
    let (i10, i50, i90) = (rank_index(0.1, n), rank_index(0.5, n), rank_index(0.9, n));
    let (lo, m, hi) = xs.select_nth_unstable_by(i50, f64::total_cmp);
    let p50 = *m;
    let p10 = if i10 == i50 { p50 } else { *lo.select_nth_unstable_by(i10, f64::total_cmp).1 };
    let p90 = if i90 == i50 { p50 } else { *hi.select_nth_unstable_by(i90 - i50 - 1, f64::total_cmp).1 };
    [p10, p50, p90]
}

/// One series: deterministic, baseline and Monte Carlo.
// Reason for the allow: the hot loop takes its inputs unbundled, one register each.
#[allow(clippy::too_many_arguments)]
fn project_series(province: &str, s: &ResolvedSeries, baseline_start: f64, unit: Unit, targets: &[&Target], grdp: f64, r: &Resolved) -> Projection {
    let horizon = r.horizon;
    let years: Vec<i32> = (s.start.year..=horizon.max(s.start.year)).collect();
    let t_len = years.len();
    let deterministic = path(s, s.growth, s.start.value, grdp, horizon, r.shock_year);
    let baseline_growth_start = if s.model == ModelKind::RateTarget { s.baseline_growth } else { baseline_start };
    let baseline = path(s, s.baseline_growth, baseline_growth_start, grdp, horizon, None);

    let n = r.draws as usize;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(r.seed ^ fnv1a(&[province, &s.indicator]));
    // Draws live in the model's state (log-odds for logistic shares); quantiles and threshold
    // tests are taken on states, and only the three quantiles are converted back to values.
    // What we do not know comes first on the draw's stream: its start within the start's
    // range, then its persistent growth rate around the trend.
    let x0 = model::to_state(s.model, s.start.value, s.bounds);
    let mut values = match s.start.range {
        Some((lo, hi)) => (0..n)
            .map(|_| {
                let u: f64 = rand::RngExt::random(&mut rng);
                model::to_state(s.model, triangular(u, lo, s.start.value, hi), s.bounds)
            })
            .collect(),
        None => vec![x0; n],
    };
    let offsets: Vec<f64> = if s.trend_sd > 0.0 {
        (0..n)
            .map(|_| {
                let z: f64 = StandardNormal.sample(&mut rng);
                s.trend_sd * z
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut scratch = values.clone();
    let (mut p10, mut p50, mut p90) = (Vec::with_capacity(t_len), Vec::with_capacity(t_len), Vec::with_capacity(t_len));
    // The start's band: its range's quantiles, or exactly the start (no round trip through the
    // state, which would cost the last bit).
    let [a, b, c] = match s.start.range {
        Some(_) => quantiles(&mut scratch).map(|x| model::from_state(s.model, x, s.bounds)),
        None => [s.start.value; 3],
    };
    p10.push(a);
    p50.push(b);
    p90.push(c);
    let thresholds: Vec<Threshold> = targets.iter().map(|t| Threshold::new(t.comparator, t.value, unit, s.bounds).in_state(s.model, s.bounds)).collect();
    // Per target: year index of each draw's first success (u16::MAX = not yet), and the count
    // of draws meeting it in its own year.
    let never = NEVER;
    let mut first_met: Vec<Vec<u16>> = thresholds.iter().map(|th| values.iter().map(|&x| if th.test(x) { 0 } else { never }).collect()).collect();
    // A target whose year is at or before the start is judged on the starting values.
    let mut at_year: Vec<usize> =
        targets.iter().zip(&first_met).map(|(t, fm)| if t.year <= years[0] { fm.iter().filter(|&&f| f == 0).count() } else { 0 }).collect();

    for (t, &year) in years.iter().enumerate().skip(1) {
        let p = if Some(year) == r.shock_year { model::setback(s.model, s.growth, grdp) } else { s.growth };
        advance_year(s.model, &mut values, &offsets, &mut rng, p, s.sigma, model::Year::new(grdp, t as u32), s.bounds);
        for (k, tg) in targets.iter().enumerate() {
            let th = thresholds[k];
            let fm = &mut first_met[k];
            let mut count = 0usize;
            for (f, &x) in fm.iter_mut().zip(&values) {
                let ok = th.test(x);
                count += usize::from(ok);
                if ok && *f == never {
                    *f = t as u16;
                }
            }
            if tg.year == year {
                at_year[k] = count;
            }
        }
        scratch.copy_from_slice(&values);
        let [a, b, c] = quantiles(&mut scratch);
        p10.push(model::from_state(s.model, a, s.bounds));
        p50.push(model::from_state(s.model, b, s.bounds));
        p90.push(model::from_state(s.model, c, s.bounds));
    }

    let goals = targets
        .iter()
        .enumerate()
        .map(|(k, tg)| {
            let (met, median) = first_met_summary(&first_met[k], &years);
            GoalOdds {
                year: tg.year,
                probability: at_year[k] as f64 / n as f64,
                met_by_horizon: met as f64 / n as f64,
                first_met_median: median,
                solved_required: None,
            }
        })
        .collect();

    Projection {
        indicator: s.indicator.clone(),
        model: s.model,
        years,
        start_value: s.start.value,
        start_assumed: s.start.assumed,
        start_kind: s.start.kind,
        start_range: s.start.range,
        deterministic,
        baseline,
        p10,
        p50,
        p90,
        growth: s.growth,
        baseline_growth: s.baseline_growth,
        sigma: s.sigma,
        trend_sd: s.trend_sd,
        goals,
        peer_pace: None,
        rank_odds: Vec::new(),
    }
}

/// The highest rank that meets a rank target ("top 20" → 20).
fn rank_cutoff(t: &Target) -> u32 {
    let k = match t.comparator {
        Comparator::Le => t.value.floor(),
        Comparator::Lt => t.value.ceil() - 1.0,
        // Ranks are "lower is better"; the dataset refuses other comparators for them.
        Comparator::Ge | Comparator::Gt => 0.0,
    };
    k.max(0.0) as u32
}

/// The rank series of a run that use the peer model, simulated jointly on one field per
/// ranking; returns `(province, projection)` pairs.
fn project_peers(ds: &Dataset, r: &Resolved, only: Option<&str>) -> Vec<(String, Projection)> {
    let mut out = Vec::new();
    for ranking in &ds.rankings {
        let mut runners = Vec::new();
        let mut meta = Vec::new();
        for rp in r.provinces.iter().filter(|p| only.is_none_or(|o| o == p.id)) {
            let Some(p) = ds.province(&rp.id) else { continue };
            for s in rp.series.iter().filter(|s| s.indicator == ranking.indicator) {
                let Some(peer) = s.peer else { continue };
                let targets: Vec<&Target> = p.targets.iter().filter(|t| t.indicator == s.indicator).collect();
                let observed = p.observations_of(&s.indicator).filter(|o| o.year > s.start.year).map(|o| (o.year, o.value)).collect();
                let runner = crate::peer::Runner {
                    unit: peer.unit,
                    seed: r.seed ^ fnv1a(&[&rp.id, &s.indicator]),
                    start: (s.start.year, s.start.value),
                    observed,
                    pace: s.growth - peer.pace,
                    sigma: s.sigma,
                    targets: targets.iter().map(|t| (t.year, rank_cutoff(t))).collect(),
                };
                // The baseline is the same province at the default paces, on the same draws: the
                // same path when the scenario keeps them (the default view), simulated only if not.
                let baseline = crate::peer::Runner { pace: s.baseline_growth, targets: Vec::new(), ..runner.clone() };
                let own_baseline = baseline.pace != runner.pace;
                runners.push(runner);
                if own_baseline {
                    runners.push(baseline);
                }
                meta.push((rp.id.clone(), s.clone(), targets.iter().map(|t| t.year).collect::<Vec<_>>(), peer.pace, own_baseline));
            }
        }
        if runners.is_empty() {
            continue;
        }
        let results = crate::peer::simulate(ranking, r.seed ^ fnv1a(&["peer-field", &ranking.indicator]), r.draws as usize, r.horizon, &runners);
        let mut results = results.into_iter();
        for (province, s, target_years, pace, own_baseline) in meta {
            let Some(res) = results.next() else { break };
            let base = if own_baseline { results.next() } else { None };
            let goals = target_years
                .iter()
                .zip(&res.goals)
                .zip(&res.required)
                .map(|((&year, &(probability, met_by_horizon, first_met_median)), &required)| GoalOdds {
                    year,
                    probability,
                    met_by_horizon,
                    first_met_median,
                    // The runner moves relative to its peers: the own pace adds their pace back,
                    // rounded up to the hundredth the page shows and sets, so that setting it
                    // still reaches the target when the peers' pace has more decimals.
                    solved_required: required.map(|r: f64| ((r + pace) * 100.0 - 1e-6).ceil() / 100.0),
                })
                .collect();
            // Noise is part of the ranking itself (peers always move), so the projected path
            // is the median rank of the draws, and the baseline the median at default paces.
            let deterministic: Vec<f64> = res.quantiles.iter().map(|q| q[1]).collect();
            let baseline = base.as_ref().map_or(&res.quantiles, |b| &b.quantiles).iter().map(|q| q[1]).collect();
            out.push((
                province,
                Projection {
                    indicator: s.indicator.clone(),
                    model: s.model,
                    years: res.years,
                    start_value: s.start.value,
                    start_assumed: s.start.assumed,
                    start_kind: s.start.kind,
                    start_range: s.start.range,
                    deterministic,
                    baseline,
                    p10: res.quantiles.iter().map(|q| q[0]).collect(),
                    p50: res.quantiles.iter().map(|q| q[1]).collect(),
                    p90: res.quantiles.iter().map(|q| q[2]).collect(),
                    growth: s.growth,
                    baseline_growth: s.baseline_growth,
                    sigma: s.sigma,
                    trend_sd: s.trend_sd,
                    goals,
                    peer_pace: Some(pace),
                    rank_odds: res.odds,
                },
            ));
        }
    }
    out
}

/// Projects every province of a resolved scenario (optionally only one).
pub fn simulate(ds: &Dataset, r: &Resolved, only: Option<&str>) -> Vec<ProvinceProjection> {
    let mut peers = project_peers(ds, r, only);
    r.provinces
        .iter()
        .filter(|p| only.is_none_or(|o| o == p.id))
        .filter_map(|rp| {
            let p = ds.province(&rp.id)?;
            let series = rp
                .series
                .iter()
                .filter_map(|s| {
                    if s.peer.is_some() {
                        let k = peers.iter().position(|(pid, pr)| pid == &rp.id && pr.indicator == s.indicator)?;
                        return Some(peers.swap_remove(k).1);
                    }
                    let ind = ds.indicator(&s.indicator)?;
                    let targets: Vec<&Target> = p.targets.iter().filter(|t| t.indicator == s.indicator).collect();
                    let dataset_start: Option<Start> = p.start(&s.indicator);
                    let baseline_start = dataset_start.map_or(s.start.value, |d| d.value);
                    Some(project_series(&rp.id, s, baseline_start, ind.unit, &targets, rp.grdp_growth, r))
                })
                .collect();
            Some(ProvinceProjection { province: rp.id.clone(), grdp_growth: rp.grdp_growth, series })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{resolve, Scenario};

    #[test]
    fn triangular_by_hand() {
        // On [0, 10] with mode 5: u = 0.5 is the mode; u = 0.125 gives √(0.125·10·5) = 2.5.
        assert!((triangular(0.5, 0.0, 5.0, 10.0) - 5.0).abs() < 1e-12);
        assert!((triangular(0.125, 0.0, 5.0, 10.0) - 2.5).abs() < 1e-12);
        assert!((triangular(0.875, 0.0, 5.0, 10.0) - 7.5).abs() < 1e-12);
        assert_eq!(triangular(0.0, 2.0, 3.0, 4.0), 2.0);
        assert_eq!(triangular(1.0, 2.0, 3.0, 4.0), 4.0);
        // A degenerate range is the mode.
        assert_eq!(triangular(0.3, 5.0, 5.0, 5.0), 5.0);
    }

    #[test]
    fn quantiles_by_hand() {
        // 1..=10: nearest rank p10 = 1, p50 = 5, p90 = 9.
        let mut xs: Vec<f64> = (1..=10).rev().map(f64::from).collect();
        assert_eq!(quantiles(&mut xs), [1.0, 5.0, 9.0]);
        assert_eq!(quantiles(&mut [3.0]), [3.0, 3.0, 3.0]);
        assert_eq!(quantiles(&mut [2.0, 1.0]), [1.0, 1.0, 2.0]);
    }

    #[test]
    fn meets_conventions() {
        let pct = Bounds { lo: 0.0, hi: 100.0 };
        let rank = Bounds { lo: 1.0, hi: 63.0 };
        assert!(meets(99.5, Comparator::Ge, 100.0, Unit::Percent, pct));
        assert!(!meets(99.4, Comparator::Ge, 100.0, Unit::Percent, pct));
        assert!(!meets(79.99, Comparator::Ge, 80.0, Unit::Percent, pct));
        assert!(!meets(50.0, Comparator::Gt, 50.0, Unit::Percent, pct));
        assert!(meets(20.4, Comparator::Le, 20.0, Unit::Rank, rank));
        assert!(!meets(20.5, Comparator::Le, 20.0, Unit::Rank, rank));
    }

    #[test]
    fn zero_sigma_monte_carlo_is_the_deterministic_path() {
        let ds = Dataset::builtin();
        let mut sc = Scenario { draws: Some(50), ..Default::default() };
        for p in &ds.provinces {
            let mut po = crate::scenario::ProvinceOverrides::default();
            for i in p.simulated_indicators(&ds) {
                po.indicators.insert(i.id.clone(), crate::scenario::IndicatorOverride { sigma: Some(0.0), ..Default::default() });
            }
            sc.provinces.insert(p.id.clone(), po);
        }
        let mut r = resolve(&ds, &sc).unwrap();
        // And no uncertainty about the start or the trend either.
        for s in r.provinces.iter_mut().flat_map(|p| p.series.iter_mut()) {
            s.trend_sd = 0.0;
            s.start.range = None;
        }
        for pp in simulate(&ds, &r, None) {
            // Ranks under the peer model keep the field's churn whatever the own uncertainty.
            for s in pp.series.into_iter().filter(|s| s.peer_pace.is_none()) {
                assert_eq!(s.p10, s.deterministic, "{} {}", pp.province, s.indicator);
                assert_eq!(s.p50, s.deterministic);
                assert_eq!(s.p90, s.deterministic);
            }
        }
    }

    #[test]
    fn one_province_alone_gives_the_same_numbers() {
        let ds = Dataset::builtin();
        let r = resolve(&ds, &Scenario { draws: Some(500), ..Default::default() }).unwrap();
        let all = simulate(&ds, &r, None);
        let one = simulate(&ds, &r, Some("khanh-hoa"));
        assert_eq!(one.len(), 1);
        assert_eq!(all.iter().find(|p| p.province == "khanh-hoa").unwrap(), &one[0]);
    }

    #[test]
    fn shock_sets_one_year_back() {
        let ds = Dataset::builtin();
        let base = resolve(&ds, &Scenario { draws: Some(10), ..Default::default() }).unwrap();
        let shock = resolve(&ds, &Scenario { draws: Some(10), preset: Some(crate::scenario::Preset::Shock), ..Default::default() }).unwrap();
        let get = |r: &Resolved| simulate(&ds, r, Some("hai-duong"))[0].series.iter().find(|s| s.indicator == "digital_enterprises").unwrap().clone();
        let (b, s) = (get(&base), get(&shock));
        let i = b.index(2026);
        // Compound 10%: the shock year shrinks by 10% instead of growing 10%.
        assert!((s.deterministic[i] - s.deterministic[i - 1] * 0.9).abs() < 1e-9);
        assert!((b.deterministic[i] - b.deterministic[i - 1] * 1.1).abs() < 1e-9);
        assert_eq!(b.deterministic[..i], s.deterministic[..i]);
    }
}
