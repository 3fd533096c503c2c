//! The peer rank model: a province's DTI rank simulated jointly with every other province.
//!
//! "Top 20 by 2030" depends on what the other 62 provinces do, so a rank goal is simulated on
//! the whole ranking. Each unit (province) of a [`PeerRanking`] has a latent position `z`
//! (higher is better). The complete base-year ranking sets `z` to the normal score of each
//! rank; every year all positions take an independent Gaussian step,
//!
//! `z ← z + τ·ε`,
//!
//! so a unit holds its place in expectation, units near the middle (where positions are dense)
//! swap places more often than the leaders and the laggards, and nothing pulls a leader back to
//! the middle (Đà Nẵng was first or second every year from 2020 to 2024). The churn τ is
//! calibrated by [`calibrate`] on the year-to-year rank changes the dataset records. Ranks
//! published after the base year hold the units concerned at those ranks in that year.
//!
//! The simulated province is one of the units, with its own improvement: `p − q` places a year
//! (its own pace `p` against the peers' general pace `q`, each drawn with the province's
//! uncertainty), moved through the share of units ahead of it, `1 − Φ(z)` (see [`advance`]). Its
//! rank is `1 + the number of other units ahead of it`, which is how the DTI ranks ties, so the
//! ranks of all units always form a competition ranking; the other provinces of the dataset
//! move as typical peers, which keeps each province's result independent of which others are
//! run. No score enters anywhere: only ranks are published for all 63 provinces.

use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::Serialize;

use crate::data::PeerRanking;
use crate::stats::{first_met_summary, rank_index, NEVER};

/// Latent positions are kept within ±this, where the normal density is still well above zero.
const Z_LIMIT: f64 = 3.5;

/// The inverse of the standard normal distribution function (Acklam's rational approximation,
/// relative error below 1.2e-9), for `p` in (0, 1).
pub fn inverse_normal(p: f64) -> f64 {
    const A: [f64; 6] =
        [-3.969_683_028_665_376e1, 2.209_460_984_245_205e2, -2.759_285_104_469_687e2, 1.383_577_518_672_69e2, -3.066_479_806_614_716e1, 2.506_628_277_459_239];
    const B: [f64; 5] = [-5.447_609_879_822_406e1, 1.615_858_368_580_409e2, -1.556_989_798_598_866e2, 6.680_131_188_771_972e1, -1.328_068_155_288_572e1];
    const C: [f64; 6] =
        [-7.784_894_002_430_293e-3, -3.223_964_580_411_365e-1, -2.400_758_277_161_838, -2.549_732_539_343_734, 4.374_664_141_464_968, 2.938_163_982_698_783];
    const D: [f64; 4] = [7.784_695_709_041_462e-3, 3.224_671_290_700_398e-1, 2.445_134_137_142_996, 3.754_408_661_907_416];
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    let tail = |q: f64| (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0);
    if p < 0.02425 {
        tail(libm::sqrt(-2.0 * libm::log(p)))
    } else if p > 1.0 - 0.02425 {
        -tail(libm::sqrt(-2.0 * libm::log(1.0 - p)))
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// The latent position of a (possibly shared) rank among `n` units: the normal score of the
/// middle of the places it occupies. Units tied at rank 15 of two occupy places 15 and 16 and
/// both get the score of 15.5.
pub fn position(rank: f64, ties: usize, n: usize) -> f64 {
    let middle = rank + (ties.max(1) as f64 - 1.0) / 2.0;
    inverse_normal(1.0 - (middle - 0.5) / n as f64)
}

/// Competition ranks of latent positions: 1 + the number of units strictly ahead.
pub fn ranks(z: &[f64]) -> Vec<u32> {
    z.iter().map(|&a| 1 + z.iter().filter(|&&b| b > a).count() as u32).collect()
}

/// The position `places` places better than `z` among `n` units: the share of units ahead,
/// `1 − Φ(z)`, less `places / n`, turned back into a position. Exact on the normal layout of the
/// field at every distance (a step by the local density `1 / (n·φ(z))` overshoots in the thin
/// tails: 3 places up from the last place landed near place 38), and rising in both `z` and
/// `places`.
#[inline(always)]
fn advance(z: f64, places: f64, n: f64) -> f64 {
    let ahead = 0.5 * libm::erfc(z * std::f64::consts::FRAC_1_SQRT_2) - places / n;
    -inverse_normal(ahead)
}

/// One year of the simulated province's own path: its pace (places), then the churn every unit
/// gets, kept within the latent range and below the year's ceiling; a published rank replaces
/// it. The simulation and the required-pace replay both step with this.
#[inline(always)]
fn own_step(o: f64, places: f64, churn: f64, n: f64, ceiling: f64, held: Option<f64>) -> f64 {
    held.unwrap_or_else(|| (advance(o, places, n) + churn).clamp(-Z_LIMIT, Z_LIMIT).min(ceiling))
}

/// The base-year positions of every unit, ties sharing the middle of their places.
pub fn base_positions(r: &PeerRanking) -> Vec<f64> {
    let n = r.units.len();
    let mut z = vec![0.0; n];
    if let Some(base) = r.base() {
        for e in &base.ranks {
            if let Some(u) = r.unit_index(&e.unit) {
                let ties = base.ranks.iter().filter(|o| o.rank == e.rank).count();
                z[u] = position(f64::from(e.rank), ties, n);
            }
        }
    }
    z
}

/// Ranks published after the base year.
struct Anchor {
    year: i32,
    /// `(unit index, position)` of each published rank.
    units: Vec<(usize, f64)>,
    /// When ranks 1…K are all published (a top-10 list), every other unit is below place K:
    /// the highest position it may have.
    ceiling: f64,
}

impl Anchor {
    /// Applies the published ranks to one draw's positions.
    fn apply(&self, z: &mut [f64]) {
        for v in z.iter_mut() {
            *v = v.min(self.ceiling);
        }
        for &(u, p) in &self.units {
            z[u] = p;
        }
    }
}

/// The highest position any unpublished unit may have in `year` (see [`Anchor`]).
fn ceiling(anchors: &[Anchor], year: i32) -> f64 {
    anchors.iter().find(|a| a.year == year).map_or(f64::INFINITY, |a| a.ceiling)
}

/// Published ranks after the base year, oldest first.
fn anchors(r: &PeerRanking) -> Vec<Anchor> {
    let n = r.units.len();
    let mut out: Vec<Anchor> = r
        .years
        .iter()
        .filter(|y| y.year > r.base_year)
        .map(|y| {
            let top = (1..=n as u32).take_while(|k| y.ranks.iter().any(|e| e.rank == *k)).count();
            Anchor {
                year: y.year,
                units: y.ranks.iter().filter_map(|e| Some((r.unit_index(&e.unit)?, position(f64::from(e.rank), 1, n)))).collect(),
                ceiling: if top > 0 { position(top as f64 + 1.0, 1, n) } else { f64::INFINITY },
            }
        })
        .collect();
    out.sort_by_key(|a| a.year);
    out
}

/// One simulated province in the field.
#[derive(Debug, Clone, PartialEq)]
pub struct Runner {
    /// Its unit index in the ranking.
    pub unit: usize,
    /// Seed of its own random stream (its pace uncertainty).
    pub seed: u64,
    /// Year and rank it starts from (its last published rank).
    pub start: (i32, f64),
    /// Its published ranks after the base year (held as published), by year.
    pub observed: Vec<(i32, f64)>,
    /// Its relative improvement, places per year: own pace minus the peers' pace.
    pub pace: f64,
    /// Standard deviation of the yearly pace draw.
    pub sigma: f64,
    /// Target thresholds: "rank ≤ K" as `K`, with the target's year.
    pub targets: Vec<(i32, u32)>,
}

impl Runner {
    /// Its published rank in `year` as a position, if there is one (held as published).
    fn held_at(&self, year: i32, n: usize) -> Option<f64> {
        self.observed.iter().find(|o| o.0 == year).map(|o| position(o.1, 1, n))
    }
}

/// Odds of a rank goal: the distribution of the simulated rank in the target year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankOdds {
    /// Target year.
    pub year: i32,
    /// `top[k]` = share of draws ranked `k + 1` or better (monotone, ends at 1).
    pub top: Vec<f64>,
}

/// What the field gives one runner: its rank every year in every draw, reduced as the
/// projection needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct RunnerResult {
    /// Years from the runner's start to the horizon.
    pub years: Vec<i32>,
    /// p10, p50, p90 of the rank per year (nearest rank).
    pub quantiles: Vec<[f64; 3]>,
    /// Per target: share of draws meeting it in its year, share meeting it by the horizon, and
    /// the median first year met.
    pub goals: Vec<(f64, f64, Option<i32>)>,
    /// Rank distribution per target year.
    pub odds: Vec<RankOdds>,
    /// Per target: the relative pace (places per year) at which the median simulated rank in the
    /// target year just reaches the target, on the same draws (found by replaying the runner's
    /// own path); `None` for a target at or before the start, when a decline of N places a year
    /// still reaches it, or when no pace up to N places a year does.
    pub required: Vec<Option<f64>>,
}

/// What a runner's own path needs to be replayed at another pace on the same draws: its noise
/// and, per target, each draw's bar (the K-th highest position of the other units in the target
/// year) and whether it met the target at the simulated pace. Rank ≤ K exactly when the
/// runner's position is at or above that bar, so the field (the expensive part) is simulated
/// once and only the runner's own path is re-run.
struct Replay {
    /// Years of own steps recorded (from the start to the last target year).
    span: usize,
    /// Per draw and step: the position noise ε and the pace noise (0 without uncertainty).
    noise: Vec<(f64, f64)>,
    /// Per target (`None` at or before the start): each draw's bar and whether it met it.
    bars: Vec<Option<Vec<(f64, bool)>>>,
}

/// Relative paces searched for the required one: up to this many places a year per unit of the
/// ranking either way (±63 for the DTI), far beyond anything a province has done.
const PACE_LIMIT_PER_UNIT: f64 = 1.0;

impl Replay {
    fn new(ru: &Runner, draws: usize) -> Self {
        let last = ru.targets.iter().map(|t| t.0).max().unwrap_or(ru.start.0);
        let span = (last - ru.start.0).max(0) as usize;
        let bars = ru.targets.iter().map(|t| (t.0 > ru.start.0).then(|| vec![(0.0, false); draws])).collect();
        Replay { span, noise: vec![(0.0, 0.0); span * draws], bars }
    }

    /// The smallest relative pace, in whole hundredths of a place a year (what the page shows
    /// and sets), at which at least `need` draws meet target `g`, i.e. the median rank reaches
    /// it. `None` for a target at or before the start, when a decline of the limit still
    /// reaches it (nothing is required) or when no pace up to the limit does.
    ///
    /// A draw's own position rises with the pace, so each draw meets the target from some pace
    /// on. The search keeps the draws known to meet at every pace of the bracket (`sure`) apart
    /// from the ones still undecided and re-runs only those: it brackets by doubling steps away
    /// from the simulated pace (where every draw's outcome is known), then bisects.
    fn solve(&self, ru: &Runner, g: usize, need: usize, anchors: &[Anchor], n: usize, tau: f64) -> Option<f64> {
        let bars = self.bars[g].as_ref()?;
        let nf = n as f64;
        let steps = (ru.targets[g].0 - ru.start.0) as usize;
        let start = position(ru.start.1, 1, n);
        let years: Vec<(f64, Option<f64>)> = (1..=steps as i32).map(|t| (ceiling(anchors, ru.start.0 + t), ru.held_at(ru.start.0 + t, n))).collect();
        // The runner's own update of [`simulate`], step for step, at `pace` hundredths.
        let meets = |d: &u32, pace: i64| {
            let d = *d as usize;
            let pace = pace as f64 / 100.0;
            let mut o = start;
            for (&(e, s), &(ceiling, held)) in self.noise[d * self.span..d * self.span + steps].iter().zip(&years) {
                o = own_step(o, pace + ru.sigma * s, tau * e, nf, ceiling, held);
            }
            o >= bars[d].0
        };
        let limit = (PACE_LIMIT_PER_UNIT * nf * 100.0) as i64;
        let pace = (ru.pace * 100.0).round() as i64;
        let (met, failed): (Vec<u32>, Vec<u32>) = (0..bars.len() as u32).partition(|&d| bars[d as usize].1);
        // Bracket (lo, hi]: fewer than `need` draws meet at lo, enough at hi. `undecided` are
        // the draws that fail at lo and meet at hi; `sure` counts those meeting at lo.
        let (mut lo, mut hi, mut sure, mut undecided);
        let mut step = 100;
        if met.len() >= need {
            // Down from the pace: draws failing at hi fail below it too.
            (hi, undecided) = (pace, met);
            loop {
                lo = hi - step;
                if lo < -limit {
                    return None;
                }
                let (yes, no): (Vec<u32>, Vec<u32>) = undecided.iter().partition(|d| meets(d, lo));
                if yes.len() < need {
                    (sure, undecided) = (yes.len(), no);
                    break;
                }
                (hi, undecided) = (lo, yes);
                step *= 2;
            }
        } else {
            // Up from the pace: draws meeting at lo meet above it too.
            (lo, sure, undecided) = (pace, met.len(), failed);
            loop {
                hi = lo + step;
                if hi > limit {
                    return None;
                }
                let (yes, no): (Vec<u32>, Vec<u32>) = undecided.iter().partition(|d| meets(d, hi));
                if sure + yes.len() >= need {
                    undecided = yes;
                    break;
                }
                (lo, sure, undecided) = (hi, sure + yes.len(), no);
                step *= 2;
            }
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            let (yes, no): (Vec<u32>, Vec<u32>) = undecided.iter().partition(|d| meets(d, mid));
            if sure + yes.len() >= need {
                (hi, undecided) = (mid, yes);
            } else {
                (lo, sure, undecided) = (mid, sure + yes.len(), no);
            }
        }
        Some(hi as f64 / 100.0)
    }
}

/// 1 + the number of other units ahead of position `own`.
#[inline(always)]
fn rank_of(z: &[f64], unit: usize, own: f64) -> u32 {
    // Counted over all units (a branch-free loop the compiler vectorises), then the runner's
    // own unit taken back out.
    let ahead = z.iter().map(|&v| u32::from(v > own)).sum::<u32>();
    1 + ahead - u32::from(z[unit] > own)
}

/// The position a unit must reach to rank `k` or better among the others of `z` (all but
/// `unit`): the k-th highest of their positions (−∞ when there are fewer than `k` others).
fn bar(z: &[f64], unit: usize, k: usize, others: &mut Vec<f64>) -> f64 {
    if k == 0 {
        return f64::INFINITY;
    }
    others.clear();
    others.extend(z.iter().enumerate().filter(|&(u, _)| u != unit).map(|(_, &v)| v));
    if k > others.len() {
        return f64::NEG_INFINITY;
    }
    *others.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a)).1
}

/// Simulates the field from the base year to `horizon` for `draws` draws and every runner.
/// The field's random stream depends only on `field_seed`, each runner's own noise only on its
/// seed: a runner's result does not depend on which other runners are simulated.
pub fn simulate(r: &PeerRanking, field_seed: u64, draws: usize, horizon: i32, runners: &[Runner]) -> Vec<RunnerResult> {
    let n = r.units.len();
    let nf = n as f64;
    let tau = r.churn;
    let base = base_positions(r);
    let anchors = anchors(r);
    let mut field_rng = Xoshiro256PlusPlus::seed_from_u64(field_seed);
    let mut rngs: Vec<Xoshiro256PlusPlus> = runners.iter().map(|ru| Xoshiro256PlusPlus::seed_from_u64(ru.seed)).collect();
    // State: every draw's positions, draw-major.
    let mut z: Vec<f64> = (0..draws).flat_map(|_| base.iter().copied()).collect();
    let mut own: Vec<Vec<f64>> = runners.iter().map(|ru| vec![position(ru.start.1, 1, n); draws]).collect();
    let first = runners.iter().map(|ru| ru.start.0).min().unwrap_or(r.base_year).min(r.base_year);
    let never = NEVER;
    let mut first_met: Vec<Vec<Vec<u16>>> = runners.iter().map(|ru| vec![vec![never; draws]; ru.targets.len()]).collect();
    let mut at_year: Vec<Vec<usize>> = runners.iter().map(|ru| vec![0; ru.targets.len()]).collect();
    let mut hist: Vec<Vec<Vec<u32>>> = runners.iter().map(|ru| vec![vec![0; n]; ru.targets.len()]).collect();
    let mut quantiles: Vec<Vec<[f64; 3]>> = runners.iter().map(|ru| vec![[ru.start.1; 3]]).collect();
    let mut scratch = vec![0u32; draws];
    let mut replay: Vec<Replay> = runners.iter().map(|ru| Replay::new(ru, draws)).collect();
    let mut others = vec![0.0; n];
    for year in first + 1..=horizon {
        let anchor = anchors.iter().find(|a| a.year == year);
        let ceiling = ceiling(&anchors, year);
        for d in 0..draws {
            let zs = &mut z[d * n..(d + 1) * n];
            for v in zs.iter_mut() {
                let e: f64 = StandardNormal.sample(&mut field_rng);
                *v += tau * e;
            }
            if let Some(a) = anchor {
                a.apply(zs);
            }
        }
        for (k, ru) in runners.iter().enumerate() {
            if year <= ru.start.0 {
                continue;
            }
            let t = (year - ru.start.0) as u16;
            let held = ru.held_at(year, n);
            let rng = &mut rngs[k];
            let rp = &mut replay[k];
            let step = usize::from(t) - 1;
            for d in 0..draws {
                let o = &mut own[k][d];
                let e: f64 = StandardNormal.sample(rng);
                let s: f64 = if ru.sigma > 0.0 { StandardNormal.sample(rng) } else { 0.0 };
                if step < rp.span {
                    rp.noise[d * rp.span + step] = (e, s);
                }
                *o = own_step(*o, ru.pace + ru.sigma * s, tau * e, nf, ceiling, held);
                let zs = &z[d * n..(d + 1) * n];
                let rank = rank_of(zs, ru.unit, *o);
                scratch[d] = rank;
                for (g, &(ty, kth)) in ru.targets.iter().enumerate() {
                    let ok = rank <= kth;
                    if ok && first_met[k][g][d] == never {
                        first_met[k][g][d] = t;
                    }
                    if ty == year {
                        at_year[k][g] += usize::from(ok);
                        hist[k][g][(rank as usize - 1).min(n - 1)] += 1;
                        if let Some(bars) = rp.bars[g].as_mut() {
                            bars[d] = (bar(zs, ru.unit, kth as usize, &mut others), ok);
                        }
                    }
                }
            }
            let idx = [0.1, 0.5, 0.9].map(|q| rank_index(q, draws));
            let mut q = [0.0; 3];
            for (j, &i) in idx.iter().enumerate() {
                q[j] = f64::from(*scratch.select_nth_unstable(i).1);
            }
            quantiles[k].push(q);
        }
    }
    runners
        .iter()
        .enumerate()
        .map(|(k, ru)| {
            let years: Vec<i32> = (ru.start.0..=horizon.max(ru.start.0)).collect();
            let goals = ru
                .targets
                .iter()
                .enumerate()
                .map(|(g, &(ty, kth))| {
                    // A target at or before the start is judged on the start.
                    let at = if ty <= ru.start.0 {
                        if ru.start.1 <= f64::from(kth) {
                            draws
                        } else {
                            0
                        }
                    } else {
                        at_year[k][g]
                    };
                    let (met, median) = first_met_summary(&first_met[k][g], &years);
                    (at as f64 / draws as f64, met as f64 / draws as f64, median)
                })
                .collect();
            let need = rank_index(0.5, draws) + 1;
            let required = (0..ru.targets.len()).map(|g| replay[k].solve(ru, g, need, &anchors, n, tau)).collect();
            let odds = ru
                .targets
                .iter()
                .enumerate()
                .filter(|(_, &(ty, _))| ty > ru.start.0)
                .map(|(g, &(ty, _))| {
                    let mut cum = 0u32;
                    let top = hist[k][g]
                        .iter()
                        .map(|&c| {
                            cum += c;
                            f64::from(cum) / draws as f64
                        })
                        .collect();
                    RankOdds { year: ty, top }
                })
                .collect();
            RunnerResult { years, quantiles: quantiles[k].clone(), goals, odds, required }
        })
        .collect()
}

/// The calibration of the churn τ: the observed year-to-year rank changes and how well each τ
/// of a grid reproduces their mean absolute size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// Observed pairs: unit name, first year, rank then, rank a year later.
    pub pairs: Vec<(String, i32, u32, u32)>,
    /// Their mean absolute rank change.
    pub observed_mean_abs_change: f64,
    /// `(τ, simulated mean absolute change for the same starting ranks)`.
    pub grid: Vec<(f64, f64)>,
    /// The τ whose simulated mean is closest to the observed one.
    pub best_churn: f64,
}

/// One-year steps simulated per τ by `dxsim calibrate` and the test that checks the dataset.
pub const CALIBRATION_REPS: usize = 4000;

/// Calibrates τ on every unit ranked in two consecutive years of the ranking: for each τ of
/// 0.01, 0.02 … 1.00, `reps` one-year steps of a full field are simulated from the normal
/// scores of ranks 1…N, and the mean absolute rank change at the observed starting ranks is
/// compared with the observed one. Deterministic (fixed seed).
pub fn calibrate(r: &PeerRanking, reps: usize) -> Calibration {
    let n = r.units.len();
    let mut pairs = Vec::new();
    for y in &r.years {
        let Some(next) = r.years.iter().find(|o| o.year == y.year + 1) else { continue };
        for e in &y.ranks {
            if let Some(f) = next.ranks.iter().find(|o| o.unit == e.unit) {
                let name = r.unit_index(&e.unit).map_or_else(|| e.unit.clone(), |u| r.units[u].name.clone());
                pairs.push((name, y.year, e.rank, f.rank));
            }
        }
    }
    let observed = pairs.iter().map(|p| f64::from(p.2.abs_diff(p.3))).sum::<f64>() / pairs.len().max(1) as f64;
    let start: Vec<f64> = (1..=n).map(|k| position(k as f64, 1, n)).collect();
    let mut grid = Vec::new();
    let mut z = vec![0.0; n];
    for step in 1..=100 {
        let tau = f64::from(step) / 100.0;
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(0x0D75_1CA1);
        let mut sum_abs = vec![0.0; n];
        for _ in 0..reps {
            for (v, s) in z.iter_mut().zip(&start) {
                let e: f64 = StandardNormal.sample(&mut rng);
                *v = s + tau * e;
            }
            for (k, rk) in ranks(&z).into_iter().enumerate() {
                sum_abs[k] += f64::from(rk.abs_diff(k as u32 + 1));
            }
        }
        let mean = pairs.iter().map(|p| sum_abs[(p.2 as usize - 1).min(n - 1)] / reps as f64).sum::<f64>() / pairs.len().max(1) as f64;
        grid.push((tau, mean));
    }
    let best_churn = grid.iter().min_by(|a, b| (a.1 - observed).abs().total_cmp(&(b.1 - observed).abs())).map_or(0.3, |g| g.0);
    Calibration { pairs, observed_mean_abs_change: observed, grid, best_churn }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;

    fn ranking() -> PeerRanking {
        Dataset::builtin().ranking("dti_rank").unwrap().clone()
    }

    #[test]
    fn inverse_normal_by_hand() {
        assert!(inverse_normal(0.5).abs() < 1e-12);
        assert!((inverse_normal(0.975) - 1.959_963_985).abs() < 1e-8);
        assert!((inverse_normal(0.01) + 2.326_347_874).abs() < 1e-8);
    }

    #[test]
    fn ties_share_the_middle_of_their_places() {
        // 63 units, two tied at 15: both at the score of place 15.5, between 15 and 16.
        let tie = position(15.0, 2, 63);
        assert!(position(15.0, 1, 63) > tie && tie > position(16.0, 1, 63));
        assert_eq!(ranks(&[2.0, 1.0, 1.0, 0.0]), vec![1, 2, 2, 4]);
    }

    #[test]
    fn base_positions_reproduce_the_published_ranking() {
        let r = ranking();
        let z = base_positions(&r);
        let base = r.base().unwrap();
        let got = ranks(&z);
        for e in &base.ranks {
            assert_eq!(got[r.unit_index(&e.unit).unwrap()], e.rank, "{}", e.unit);
        }
    }

    #[test]
    fn advance_moves_by_places_and_keeps_order() {
        // From the normal score of place 41 of 63, 3 places better is place 38; from the last
        // place it is place 60 (the local density's step overshot to about place 38).
        let n = 63.0;
        assert!((advance(position(41.0, 1, 63), 3.0, n) - position(38.0, 1, 63)).abs() < 1e-6);
        assert!((advance(position(63.0, 1, 63), 3.0, n) - position(60.0, 1, 63)).abs() < 1e-6);
        assert!((advance(0.7, 0.0, n) - 0.7).abs() < 1e-8);
        // Rising in both the position and the pace, even in the tails (never falling where a
        // decline runs past the last place and saturates).
        let zs: Vec<f64> = (-35..=35).map(|k| f64::from(k) / 10.0).collect();
        for p in [-5.0, -1.0, 0.0, 1.0, 5.0] {
            assert!(zs.windows(2).all(|w| advance(w[0], p, n) <= advance(w[1], p, n)), "pace {p}");
        }
        // Strictly away from the ends, where the move does not run past the first or last place.
        assert!(zs[10..55].windows(2).all(|w| advance(w[0], 1.0, n) < advance(w[1], 1.0, n)));
        assert!(zs[..55].iter().all(|&z| advance(z, 1.0, n) > advance(z, 0.5, n)));
    }

    #[test]
    fn the_required_pace_lands_the_median_on_the_target() {
        // Hưng Yên (unit 33, 33rd in 2022), top 20 by 2030, 801 draws: at the required pace the
        // median simulated rank reaches 20, a hundredth of a place slower it does not.
        let r = ranking();
        let ru = Runner { unit: r.unit_index("33").unwrap(), seed: 5, start: (2022, 33.0), observed: vec![], pace: 0.0, sigma: 1.0, targets: vec![(2030, 20)] };
        let median = |pace: f64| {
            let res = simulate(&r, 9, 801, 2030, &[Runner { pace, ..ru.clone() }]).remove(0);
            (res.quantiles[8][1], res.required[0])
        };
        let (at_zero, required) = median(0.0);
        let required = required.unwrap();
        assert!(at_zero > 20.0 && required > 0.0, "{at_zero} {required}");
        let (at_required, again) = median(required);
        assert!(at_required <= 20.0, "{at_required}");
        // The same draws give the same answer whatever pace was simulated.
        assert_eq!(again, Some(required));
        assert!(median(required - 0.01).0 > 20.0);
        // Too far to reach at any pace (top 1 held by Đà Nẵng's published ranks) → none.
        let top = Runner { targets: vec![(2024, 1)], ..ru.clone() };
        assert_eq!(simulate(&r, 9, 201, 2030, &[top]).remove(0).required, vec![None]);
    }

    #[test]
    fn deterministic_path_with_no_pace_holds_the_rank() {
        // With (almost) no churn and no own uncertainty, every draw follows the noise-free path.
        let r = PeerRanking { churn: 1e-12, ..ranking() };
        let u = r.unit_index("30").unwrap();
        let ru = Runner { unit: u, seed: 1, start: (2022, 13.0), observed: vec![], pace: 0.0, sigma: 0.0, targets: vec![] };
        let median = |ru: &Runner| simulate(&r, 7, 5, 2030, std::slice::from_ref(ru)).remove(0).quantiles.iter().map(|q| q[1]).collect::<Vec<f64>>();
        let path = median(&ru);
        assert_eq!(path.len(), 9);
        // 2023's published top 10 and the jumps of Hà Nội (24 → 6), Bình Dương (19 → 7) and
        // Bà Rịa - Vũng Tàu (28 → 10) put more provinces ahead of Hải Dương, whose own 2023 rank
        // was not published; after the last published year (2024) nothing moves without noise.
        assert!(path[1] > 13.0, "{path:?}");
        assert!(path[2..].windows(2).all(|w| w[0] == w[1]), "{path:?}");
        let up = median(&Runner { pace: 3.0, ..ru });
        assert!(up[8] < path[8] - 10.0, "{up:?}");
    }
}
