//! The verdict: is a target achieved, on track, or how far off?
//!
//! The rule is the Open SDG / Statistics Canada progress measure (Eurostat-inspired), documented
//! in `anchors.md` §2a, applied to the *projected* path rather than to history:
//!
//! - A value reported **for the target year** decides: `achieved` or `missed`.
//! - Otherwise, if the **latest observation** already meets the target: `achieved`.
//! - Otherwise `R = assumed progress ÷ required progress`, both in the model's own parameter
//!   (places per year for ranks, the share's own growth for the digital-economy share, the
//!   logistic rate for bounded shares…), from the start to the target year:
//!   `on_track` (R ≥ 0.95), `acceleration_needed` (0.60 ≤ R < 0.95), `limited_progress`
//!   (0 ≤ R < 0.60), `deterioration` (R < 0).
//!
//! "Assumed progress" is the average progress of the deterministic path (so a `shock` year
//! counts), "required" the constant parameter that would land exactly on the target (see
//! `model::required`; a zero base is lifted to 0.1 as Open SDG lifts it to 0.001; a target at a
//! share's cap counts as met at 99.5%). Targets whose year is past (`as_of_year`) and that have
//! no reported value are judged on the projection and say so. The Monte Carlo probability of
//! meeting the target is reported beside the verdict, never mixed into it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::data::{Comparator, Dataset, Direction, Text, Unit};
use crate::model::{self, ModelKind};
use crate::sim::{meets, ProvinceProjection};

/// The name of the rule, shown beside every badge.
pub const RULE: &str = "open_sdg_progress_ratio";
/// R at or above this is on track.
pub const ON_TRACK: f64 = 0.95;
/// R at or above this (and below [`ON_TRACK`]) needs acceleration.
pub const MODERATE: f64 = 0.60;

/// A target's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A reported value meets the target.
    Achieved,
    /// R ≥ 0.95.
    OnTrack,
    /// 0.60 ≤ R < 0.95.
    AccelerationNeeded,
    /// 0 ≤ R < 0.60.
    LimitedProgress,
    /// R < 0.
    Deterioration,
    /// The value reported for the target year falls short.
    Missed,
}

impl Status {
    /// All statuses, in display order.
    pub const ALL: [Status; 6] =
        [Status::Achieved, Status::OnTrack, Status::AccelerationNeeded, Status::LimitedProgress, Status::Deterioration, Status::Missed];

    /// The status for a progress ratio R.
    pub fn from_ratio(r: f64) -> Status {
        if r >= ON_TRACK {
            Status::OnTrack
        } else if r >= MODERATE {
            Status::AccelerationNeeded
        } else if r >= 0.0 {
            Status::LimitedProgress
        } else {
            Status::Deterioration
        }
    }

    /// The stable id.
    pub fn id(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::AccelerationNeeded => "acceleration_needed",
            Status::LimitedProgress => "limited_progress",
            Status::Deterioration => "deterioration",
            Status::Missed => "missed",
        }
    }
}

/// What the verdict rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// A value reported for the target year.
    ReportedActual,
    /// The latest observation already meets the target.
    LatestObservation,
    /// The projection (the Open SDG ratio).
    Projection,
}

/// The assessment of one target under one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// Province id.
    pub province: String,
    /// Indicator id.
    pub indicator: String,
    /// Pillar id.
    pub pillar: String,
    /// Growth model.
    pub model: ModelKind,
    /// Unit.
    pub unit: Unit,
    /// Target year.
    pub year: i32,
    /// Comparator.
    pub comparator: Comparator,
    /// Target value.
    pub target: f64,
    /// A national target used as a benchmark.
    pub reference: bool,
    /// The verdict.
    pub status: Status,
    /// What the verdict rests on.
    pub basis: Basis,
    /// The rule's name.
    pub rule: &'static str,
    /// The target year is before `as_of_year`.
    pub past: bool,
    /// Value reported for the target year, if any.
    pub actual: Option<f64>,
    /// Start of the projection.
    pub start_year: i32,
    /// Starting value.
    pub start_value: f64,
    /// Whether the start is an assumption.
    pub start_assumed: bool,
    /// GRDP growth in force (share model).
    pub grdp_growth: f64,
    /// Deterministic projection at the target year.
    pub projected: f64,
    /// Whether that projection meets the target.
    pub projected_meets: bool,
    /// Monte Carlo p10 / p50 / p90 at the target year.
    pub band: [f64; 3],
    /// Shortfall (positive) or margin (negative) of the projection, in the indicator's unit.
    pub gap: f64,
    /// Share of draws meeting the target in its year.
    pub probability: f64,
    /// Share of draws meeting it by the horizon.
    pub met_by_horizon: f64,
    /// Median first year met, or `None` (not by the horizon).
    pub first_met_median: Option<i32>,
    /// The growth parameter assumed.
    pub assumed: f64,
    /// The peers' general pace, for a rank simulated with the peer model (its `projected` is
    /// then the median rank of the draws).
    pub peer_pace: Option<f64>,
    /// The constant growth parameter that would exactly reach the target.
    pub required: Option<f64>,
    /// The progress ratio R, where the projection decides.
    pub ratio: Option<f64>,
    /// One-sentence summary.
    pub sentence: Text,
}

/// Verdict counts for one target year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearSummary {
    /// Target year.
    pub year: i32,
    /// Number of quantitative targets of that year.
    pub total: usize,
    /// Count per status id.
    pub counts: BTreeMap<&'static str, usize>,
    /// Count per pillar id, then per status id.
    pub by_pillar: BTreeMap<String, BTreeMap<&'static str, usize>>,
}

/// Assesses every target of a projected province.
pub fn assess(ds: &Dataset, pp: &ProvinceProjection) -> Vec<Assessment> {
    let Some(p) = ds.province(&pp.province) else { return Vec::new() };
    let mut out = Vec::new();
    for proj in &pp.series {
        let Some(ind) = ds.indicator(&proj.indicator) else { continue };
        let b = model::Bounds { lo: ind.min, hi: ind.max };
        let lower = ind.direction == Direction::Lower;
        for (k, t) in p.targets.iter().filter(|t| t.indicator == proj.indicator).enumerate() {
            let odds = &proj.goals[k];
            let i = proj.index(t.year);
            let projected = proj.deterministic[i];
            let actual = p.observations.iter().find(|o| o.indicator == t.indicator && o.year == t.year).map(|o| o.value);
            let latest = p.observations_of(&t.indicator).filter(|o| o.year <= t.year).last();
            let years = t.year - proj.years[0];
            // The straight line from the start to the target: what R measures progress against.
            let line = model::required(ind.model, proj.start_value, t.value, years, pp.grdp_growth, b);
            // The growth shown as required (and that "set to required" applies): the straight
            // line's parameter, or under the peer rank model the own pace the simulation needs
            // for its median rank to reach the target, since the field moves too.
            let required = if proj.peer_pace.is_some() { odds.solved_required } else { line };
            let (status, basis, ratio) = if let Some(v) = actual {
                (if meets(v, t.comparator, t.value, ind.unit, b) { Status::Achieved } else { Status::Missed }, Basis::ReportedActual, None)
            } else if latest.is_some_and(|o| meets(o.value, t.comparator, t.value, ind.unit, b)) && proj.peer_pace.is_none() {
                // A rank under the peer model can fall out of the top K again: judged on the
                // projection like any unreached target.
                (Status::Achieved, Basis::LatestObservation, None)
            } else {
                let projected_meets = meets(projected, t.comparator, t.value, ind.unit, b);
                let ratio = progress_ratio(ind.model, proj.start_value, projected, line, years, pp.grdp_growth, b, lower, projected_meets);
                let status = match ratio {
                    Some(r) => Status::from_ratio(r),
                    // No years left to act (target year at or before the start) and not met.
                    None => Status::Deterioration,
                };
                (status, Basis::Projection, ratio)
            };
            let gap = if lower { projected - t.value } else { t.value - projected };
            let mut a = Assessment {
                province: p.id.clone(),
                indicator: t.indicator.clone(),
                pillar: ind.pillar.clone(),
                model: ind.model,
                unit: ind.unit,
                year: t.year,
                comparator: t.comparator,
                target: t.value,
                reference: t.reference,
                status,
                basis,
                rule: RULE,
                past: t.year < ds.as_of_year,
                actual,
                start_year: proj.years[0],
                start_value: proj.start_value,
                start_assumed: proj.start_assumed,
                grdp_growth: pp.grdp_growth,
                projected,
                projected_meets: meets(projected, t.comparator, t.value, ind.unit, b),
                band: [proj.p10[i], proj.p50[i], proj.p90[i]],
                gap,
                probability: odds.probability,
                met_by_horizon: odds.met_by_horizon,
                first_met_median: odds.first_met_median,
                assumed: proj.growth,
                peer_pace: proj.peer_pace,
                required,
                ratio,
                sentence: Text { vi: String::new(), en: String::new() },
            };
            a.sentence = Text { vi: crate::text::sentence(ds, &a, crate::text::Lang::Vi), en: crate::text::sentence(ds, &a, crate::text::Lang::En) };
            out.push(a);
        }
    }
    out
}

/// R = assumed progress ÷ required progress, both as the model's yearly progress rate.
#[allow(clippy::too_many_arguments)]
fn progress_ratio(
    kind: ModelKind,
    start: f64,
    projected: f64,
    required: Option<f64>,
    years: i32,
    grdp: f64,
    b: model::Bounds,
    lower: bool,
    projected_meets: bool,
) -> Option<f64> {
    let req = model::progress(kind, required?, grdp, lower);
    // The effective parameter of the deterministic path: what constant growth lands there.
    let eff = model::required(kind, start, projected, years, grdp, b)?;
    let got = model::progress(kind, eff, grdp, lower);
    if req <= 0.0 {
        // Nothing more is needed: the start already meets the target (a rank under the peer
        // model, which is judged on the projection), or does within rounding. On track while
        // the projection still meets it, deterioration once it falls short.
        return Some(if projected_meets || got >= 0.0 && kind != ModelKind::Rank { 1.0 } else { -1.0 });
    }
    let r = got / req;
    r.is_finite().then_some(r)
}

/// Verdict counts per target year and pillar.
pub fn summarize(assessments: &[Assessment]) -> Vec<YearSummary> {
    let mut years: Vec<i32> = assessments.iter().map(|a| a.year).collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .map(|year| {
            let mut counts = BTreeMap::new();
            let mut by_pillar: BTreeMap<String, BTreeMap<&'static str, usize>> = BTreeMap::new();
            let mut total = 0;
            for a in assessments.iter().filter(|a| a.year == year) {
                total += 1;
                *counts.entry(a.status.id()).or_insert(0) += 1;
                *by_pillar.entry(a.pillar.clone()).or_default().entry(a.status.id()).or_insert(0) += 1;
            }
            YearSummary { year, total, counts, by_pillar }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_exact() {
        assert_eq!(Status::from_ratio(0.95), Status::OnTrack);
        assert_eq!(Status::from_ratio(0.949_999), Status::AccelerationNeeded);
        assert_eq!(Status::from_ratio(0.60), Status::AccelerationNeeded);
        assert_eq!(Status::from_ratio(0.599_999), Status::LimitedProgress);
        assert_eq!(Status::from_ratio(0.0), Status::LimitedProgress);
        assert_eq!(Status::from_ratio(-1e-9), Status::Deterioration);
        assert_eq!(Status::from_ratio(3.0), Status::OnTrack);
    }

    #[test]
    fn ratio_by_hand() {
        let pct = model::Bounds { lo: 0.0, hi: 100.0 };
        // Linear 40 → needs 90 in 5 years (10/yr); the path reaches 70 (6/yr): R = 0.6.
        let req = model::required(ModelKind::Linear, 40.0, 90.0, 5, 0.0, pct);
        let r = progress_ratio(ModelKind::Linear, 40.0, 70.0, req, 5, 0.0, pct, false, false).unwrap();
        assert!((r - 0.6).abs() < 1e-12);
        // Rank 33 → top 20 in 8 years needs 1.625/yr; losing ground gives R < 0.
        let rk = model::Bounds { lo: 1.0, hi: 63.0 };
        let req = model::required(ModelKind::Rank, 33.0, 20.0, 8, 0.0, rk);
        let r = progress_ratio(ModelKind::Rank, 33.0, 41.0, req, 8, 0.0, rk, true, false).unwrap();
        assert!((r - (-1.0 / 1.625)).abs() < 1e-12);
        // Stalled share: zero progress, R = 0 (limited progress, not deterioration).
        let req = model::required(ModelKind::ShareOfFlows, 13.17, 30.0, 6, 10.0, pct);
        let r = progress_ratio(ModelKind::ShareOfFlows, 13.17, 13.17, req, 6, 10.0, pct, false, false).unwrap();
        assert!(r.abs() < 1e-12);
        assert_eq!(Status::from_ratio(r), Status::LimitedProgress);
    }
}
