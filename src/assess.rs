//! The verdicts on a target: how likely it is to be met, the pace against what is required, and
//! the progress so far. Ids and numbers only: the words live in `text`.
//!
//! **The headline is the likelihood of meeting the target** (the share of Monte Carlo draws that
//! meet it in its year), said on the IPCC AR6 likelihood scale:
//! `very_likely` ≥ 90%, `likely` 66–90%, `about_as_likely_as_not` 33–66%, `unlikely` 10–33%,
//! `very_unlikely` < 10%. Two facts override it:
//!
//! - a value **reported for the target year**, of the target's own measure (never a proxy),
//!   decides: `achieved` or `missed`;
//! - a start that **nobody reported** (the placeholder rule) gives `insufficient_data`, Open
//!   SDG's own category: no likelihood is claimed, the path is illustrative, and entering a real
//!   starting value makes it a verdict.
//!
//! **The pace** is the Open SDG / Statistics Canada rule as a second line: `R = assumed ÷
//! required` yearly progress from the start to the target year (≥ 0.95 on track, 0.60–0.95
//! acceleration needed, 0–0.60 limited progress, < 0 deterioration). R is computed from exactly
//! the two numbers printed beside it, rounded as printed, so anyone can redo the division; there
//! are no sentinel values: where the start already meets the target, or the target cannot be
//! reached by any pace, or no year is left, the pace says so instead of printing a ratio.
//!
//! **Progress so far** (see `progress`) reads reported data only and sits beside them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::data::{Comparator, Dataset, Direction, StartKind, Text, Unit};
use crate::model::{self, ModelKind};
use crate::progress::{self, ProgressSoFar};
use crate::sim::{meets, ProvinceProjection};

/// The name of the headline rule.
pub const RULE: &str = "ipcc_ar6_likelihood";
/// The name of the pace rule.
pub const PACE_RULE: &str = "open_sdg_progress_ratio";
/// Likelihood at or above this is very likely (IPCC AR6: 90–100%).
pub const VERY_LIKELY: f64 = 0.90;
/// Likelihood at or above this (below [`VERY_LIKELY`]) is likely (IPCC AR6: 66–100%).
pub const LIKELY: f64 = 0.66;
/// Likelihood at or above this (below [`LIKELY`]) is about as likely as not (33–66%).
pub const AS_LIKELY_AS_NOT: f64 = 0.33;
/// Likelihood at or above this (below [`AS_LIKELY_AS_NOT`]) is unlikely; below it very unlikely.
pub const UNLIKELY: f64 = 0.10;
/// Pace numbers are printed, and R computed, to this many decimals.
pub const PACE_DECIMALS: i32 = 2;

/// A target's headline verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A value reported for the target year meets it.
    Achieved,
    /// P(meet) ≥ 90%.
    VeryLikely,
    /// 66% ≤ P(meet) < 90%.
    Likely,
    /// 33% ≤ P(meet) < 66%.
    AboutAsLikelyAsNot,
    /// 10% ≤ P(meet) < 33%.
    Unlikely,
    /// P(meet) < 10%.
    VeryUnlikely,
    /// The value reported for the target year falls short.
    Missed,
    /// The start is a placeholder nobody reported: no likelihood is claimed.
    InsufficientData,
}

impl Status {
    /// All statuses, in display order.
    pub const ALL: [Status; 8] = [
        Status::Achieved,
        Status::VeryLikely,
        Status::Likely,
        Status::AboutAsLikelyAsNot,
        Status::Unlikely,
        Status::VeryUnlikely,
        Status::Missed,
        Status::InsufficientData,
    ];

    /// The likelihood status of a probability of meeting the target.
    pub fn from_probability(p: f64) -> Status {
        if p >= VERY_LIKELY {
            Status::VeryLikely
        } else if p >= LIKELY {
            Status::Likely
        } else if p >= AS_LIKELY_AS_NOT {
            Status::AboutAsLikelyAsNot
        } else if p >= UNLIKELY {
            Status::Unlikely
        } else {
            Status::VeryUnlikely
        }
    }

    /// The stable id.
    pub fn id(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::VeryLikely => "very_likely",
            Status::Likely => "likely",
            Status::AboutAsLikelyAsNot => "about_as_likely_as_not",
            Status::Unlikely => "unlikely",
            Status::VeryUnlikely => "very_unlikely",
            Status::Missed => "missed",
            Status::InsufficientData => "insufficient_data",
        }
    }

    /// Whether a likelihood is claimed (not a reported outcome, not missing data).
    pub fn is_likelihood(self) -> bool {
        !matches!(self, Status::Achieved | Status::Missed | Status::InsufficientData)
    }
}

/// What the headline rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// A value reported for the target year.
    ReportedActual,
    /// The simulated likelihood.
    Projection,
    /// Nothing: the start is a placeholder.
    NoData,
}

/// The pace verdict: the Open SDG rule on the printed assumed and required progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum PaceStatus {
    /// R ≥ 0.95.
    OnTrack,
    /// 0.60 ≤ R < 0.95.
    AccelerationNeeded,
    /// 0 ≤ R < 0.60.
    LimitedProgress,
    /// R < 0, or the start meets the target and the assumed pace loses it.
    Deterioration,
    /// The start already meets the target: nothing more is required, it must only be held.
    AlreadyMet,
    /// No pace within the model's reach gets there.
    OutOfReach,
    /// The target year is at or before the start: no year is left to act.
    NoTime,
    /// Nobody reported a start: no pace is claimed either.
    NoData,
}

impl PaceStatus {
    /// All pace statuses, in display order.
    pub const ALL: [PaceStatus; 8] = [
        PaceStatus::OnTrack,
        PaceStatus::AccelerationNeeded,
        PaceStatus::LimitedProgress,
        PaceStatus::Deterioration,
        PaceStatus::AlreadyMet,
        PaceStatus::OutOfReach,
        PaceStatus::NoTime,
        PaceStatus::NoData,
    ];

    /// The pace status of a ratio R, on Open SDG's thresholds (see `progress::band`).
    pub fn from_ratio(r: f64) -> PaceStatus {
        [PaceStatus::OnTrack, PaceStatus::AccelerationNeeded, PaceStatus::LimitedProgress, PaceStatus::Deterioration][progress::band(r)]
    }

    /// The stable id.
    pub fn id(self) -> &'static str {
        match self {
            PaceStatus::OnTrack => "on_track",
            PaceStatus::AccelerationNeeded => "acceleration_needed",
            PaceStatus::LimitedProgress => "limited_progress",
            PaceStatus::Deterioration => "deterioration",
            PaceStatus::AlreadyMet => "already_met",
            PaceStatus::OutOfReach => "out_of_reach",
            PaceStatus::NoTime => "no_time",
            PaceStatus::NoData => "no_data",
        }
    }
}

/// The pace line: assumed and required yearly progress as printed, and their ratio.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pace {
    /// The verdict.
    pub status: PaceStatus,
    /// Assumed yearly progress, rounded as printed (model's progress unit: places a year for
    /// ranks, the share's own growth for the digital-economy share, the parameter otherwise).
    pub assumed: f64,
    /// Required yearly progress, rounded as printed; `None` where no ratio applies.
    pub required: Option<f64>,
    /// `assumed ÷ required` of the printed numbers, rounded as printed; `None` where the status
    /// says why there is no ratio.
    pub ratio: Option<f64>,
}

/// Rounds to the printed precision of the pace line.
pub fn round_pace(v: f64) -> f64 {
    let k = 10f64.powi(PACE_DECIMALS);
    let r = (v * k).round() / k;
    // "-0.00" is not a number people write.
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

impl Pace {
    /// The pace from unrounded assumed and required progress (`None`: out of reach).
    pub fn new(assumed: f64, required: Option<f64>) -> Pace {
        let assumed = round_pace(assumed);
        let Some(required) = required.map(round_pace) else {
            return Pace { status: PaceStatus::OutOfReach, assumed, required: None, ratio: None };
        };
        if required <= 0.0 {
            // Nothing more is needed: held if the assumed pace does not lose ground beyond it.
            let status = if assumed >= required { PaceStatus::AlreadyMet } else { PaceStatus::Deterioration };
            return Pace { status, assumed, required: Some(required), ratio: None };
        }
        let ratio = round_pace(assumed / required);
        Pace { status: PaceStatus::from_ratio(ratio), assumed, required: Some(required), ratio: Some(ratio) }
    }
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
    /// The headline verdict.
    pub status: Status,
    /// What the headline rests on.
    pub basis: Basis,
    /// The headline rule's name.
    pub rule: &'static str,
    /// The target year is before `as_of_year`.
    pub past: bool,
    /// Value reported for the target year (the target's own measure), if any.
    pub actual: Option<f64>,
    /// The caveat the dataset records with that value (part year, basis), if any.
    pub actual_note: Option<Text>,
    /// Start of the projection.
    pub start_year: i32,
    /// Starting value (the most likely one).
    pub start_value: f64,
    /// Whether the start is not a reported value of the indicator itself.
    pub start_assumed: bool,
    /// Where the start comes from.
    pub start_kind: StartKind,
    /// The range the start is sampled from, `[low, high]`, when uncertain.
    pub start_range: Option<[f64; 2]>,
    /// GRDP growth in force (share model).
    pub grdp_growth: f64,
    /// Projection at the target year (the path without noise; the median rank for ranks
    /// simulated with every peer).
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
    /// The growth parameter assumed (the slider's value).
    pub assumed: f64,
    /// The peers' general pace, for a rank simulated with the peer model.
    pub peer_pace: Option<f64>,
    /// The constant growth parameter that would exactly reach the target (what "set to
    /// required" applies), in the slider's unit.
    pub required: Option<f64>,
    /// The pace line (Open SDG rule on printed numbers).
    pub pace: Pace,
    /// The pace rule's name.
    pub pace_rule: &'static str,
    /// Progress so far, from reported data only (Open SDG's method).
    pub progress_so_far: ProgressSoFar,
    /// One-sentence summary, in both languages (attached by `report`).
    pub sentence: Text,
    /// The pace line as printed, in both languages (attached by `report`).
    pub pace_text: Text,
    /// The progress-so-far line as printed, in both languages (attached by `report`).
    pub progress_text: Text,
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

/// Assesses every target of a projected province (sentences are left empty for `report`).
pub fn assess(ds: &Dataset, pp: &ProvinceProjection) -> Vec<Assessment> {
    let Some(p) = ds.province(&pp.province) else { return Vec::new() };
    let mut out = Vec::new();
    for proj in &pp.series {
        let Some(ind) = ds.indicator(&proj.indicator) else { continue };
        let b = model::Bounds { lo: ind.min, hi: ind.max };
        let lower = ind.direction == Direction::Lower;
        // Progress so far compares like with like: the series starts again at its last break.
        let since_break: Vec<(i32, f64)> = {
            let obs: Vec<&crate::data::Observation> = p.own_observations(&ind.id).collect();
            let from = obs.iter().rposition(|o| o.series_break).unwrap_or(0);
            obs[from..].iter().map(|o| (o.year, o.value)).collect()
        };
        for (k, t) in p.targets.iter().filter(|t| t.indicator == proj.indicator).enumerate() {
            let odds = &proj.goals[k];
            let i = proj.index(t.year);
            let projected = proj.deterministic[i];
            let projected_meets = meets(projected, t.comparator, t.value, ind.unit, b);
            let reported = p.own_observations(&ind.id).find(|o| o.year == t.year);
            let actual = reported.map(|o| o.value);
            let actual_note = reported.and_then(|o| o.note.clone());
            let years = t.year - proj.years[0];
            // The straight line from the start to the target: what the pace measures against.
            let line = model::required(ind.model, proj.start_value, t.value, years, pp.grdp_growth, b);
            // The growth shown as required (and that "set to required" applies): the straight
            // line's parameter, or under the peer rank model the own pace the simulation needs
            // for its median rank to reach the target, since the field moves too.
            let required = if proj.peer_pace.is_some() { odds.solved_required } else { line };
            let (status, basis) = if let Some(v) = actual {
                (if meets(v, t.comparator, t.value, ind.unit, b) { Status::Achieved } else { Status::Missed }, Basis::ReportedActual)
            } else if proj.start_kind == StartKind::Placeholder {
                (Status::InsufficientData, Basis::NoData)
            } else {
                (Status::from_probability(odds.probability), Basis::Projection)
            };
            let pace = if status == Status::InsufficientData {
                Pace {
                    status: PaceStatus::NoData,
                    assumed: round_pace(model::progress(ind.model, proj.growth, pp.grdp_growth, lower)),
                    required: None,
                    ratio: None,
                }
            } else if years <= 0 {
                Pace {
                    status: PaceStatus::NoTime,
                    assumed: round_pace(model::progress(ind.model, proj.growth, pp.grdp_growth, lower)),
                    required: None,
                    ratio: None,
                }
            } else if proj.peer_pace.is_some() {
                // Places a year of the province's own pace, against the solved pace. `None`
                // from the solver means either nothing is needed or nothing suffices.
                match required {
                    Some(r) => Pace::new(proj.growth, Some(r)),
                    None if projected_meets => Pace { status: PaceStatus::AlreadyMet, assumed: round_pace(proj.growth), required: None, ratio: None },
                    None => Pace::new(proj.growth, None),
                }
            } else {
                // The effective parameter of the path without noise (a shock year counts).
                let effective = model::required(ind.model, proj.start_value, projected, years, pp.grdp_growth, b).unwrap_or(proj.growth);
                let assumed = model::progress(ind.model, effective, pp.grdp_growth, lower);
                Pace::new(assumed, line.map(|r| model::progress(ind.model, r, pp.grdp_growth, lower)))
            };
            let progress_so_far = progress::progress_so_far(
                &since_break,
                progress::Goal { target: t.value, year: t.year, higher_is_better: !lower },
                p.programme_start,
                ds.as_of_year,
            );
            let gap = if lower { projected - t.value } else { t.value - projected };
            out.push(Assessment {
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
                actual_note,
                start_year: proj.years[0],
                start_value: proj.start_value,
                start_assumed: proj.start_assumed,
                start_kind: proj.start_kind,
                start_range: proj.start_range.map(|(l, h)| [l, h]),
                grdp_growth: pp.grdp_growth,
                projected,
                projected_meets,
                band: [proj.p10[i], proj.p50[i], proj.p90[i]],
                gap,
                // No likelihood rests on a start nobody reported, not even in the JSON or CSV.
                probability: if status == Status::InsufficientData { f64::NAN } else { odds.probability },
                met_by_horizon: if status == Status::InsufficientData { f64::NAN } else { odds.met_by_horizon },
                first_met_median: if status == Status::InsufficientData { None } else { odds.first_met_median },
                assumed: proj.growth,
                peer_pace: proj.peer_pace,
                required,
                pace,
                pace_rule: PACE_RULE,
                progress_so_far,
                sentence: Text { vi: String::new(), en: String::new() },
                pace_text: Text { vi: String::new(), en: String::new() },
                progress_text: Text { vi: String::new(), en: String::new() },
            });
        }
    }
    out
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

    /// The IPCC AR6 likelihood scale, edge by edge.
    #[test]
    fn likelihood_thresholds_by_hand() {
        assert_eq!(Status::from_probability(1.0), Status::VeryLikely);
        assert_eq!(Status::from_probability(0.90), Status::VeryLikely);
        assert_eq!(Status::from_probability(0.899_9), Status::Likely);
        assert_eq!(Status::from_probability(0.66), Status::Likely);
        assert_eq!(Status::from_probability(0.659_9), Status::AboutAsLikelyAsNot);
        assert_eq!(Status::from_probability(0.5), Status::AboutAsLikelyAsNot);
        assert_eq!(Status::from_probability(0.33), Status::AboutAsLikelyAsNot);
        assert_eq!(Status::from_probability(0.329_9), Status::Unlikely);
        assert_eq!(Status::from_probability(0.10), Status::Unlikely);
        assert_eq!(Status::from_probability(0.099_9), Status::VeryUnlikely);
        assert_eq!(Status::from_probability(0.0), Status::VeryUnlikely);
    }

    #[test]
    fn pace_thresholds_are_exact() {
        assert_eq!(PaceStatus::from_ratio(0.95), PaceStatus::OnTrack);
        assert_eq!(PaceStatus::from_ratio(0.949_999), PaceStatus::AccelerationNeeded);
        assert_eq!(PaceStatus::from_ratio(0.60), PaceStatus::AccelerationNeeded);
        assert_eq!(PaceStatus::from_ratio(0.599_999), PaceStatus::LimitedProgress);
        assert_eq!(PaceStatus::from_ratio(0.0), PaceStatus::LimitedProgress);
        assert_eq!(PaceStatus::from_ratio(-1e-9), PaceStatus::Deterioration);
    }

    /// R is the division of the printed numbers, rounded as printed.
    #[test]
    fn pace_by_hand() {
        // Linear 40 → 90 in 5 years needs 10/yr; 6/yr assumed: R = 0.6.
        let p = Pace::new(6.0, Some(10.0));
        assert_eq!((p.status, p.assumed, p.required, p.ratio), (PaceStatus::AccelerationNeeded, 6.0, Some(10.0), Some(0.6)));
        // Printed 1.33 and 12.1 (from 1.3349 and 12.104): R = 1.33 / 12.1 = 0.1099… → 0.11.
        let p = Pace::new(1.3349, Some(12.104));
        assert_eq!((p.assumed, p.required, p.ratio), (1.33, Some(12.1), Some(0.11)));
        // Losing ground: R < 0.
        assert_eq!(Pace::new(-1.0, Some(1.625)).status, PaceStatus::Deterioration);
        // The start already meets the target: no ratio, held or lost.
        let p = Pace::new(0.5, Some(-2.0));
        assert_eq!((p.status, p.ratio), (PaceStatus::AlreadyMet, None));
        assert_eq!(Pace::new(-3.0, Some(-2.0)).status, PaceStatus::Deterioration);
        // A requirement under the printed precision counts as nothing required.
        assert_eq!(Pace::new(0.0, Some(0.004)).status, PaceStatus::AlreadyMet);
        // Out of reach.
        assert_eq!(Pace::new(1.0, None).status, PaceStatus::OutOfReach);
        // Equal rates: exactly on track, R = 1.
        assert_eq!(Pace::new(7.0, Some(7.0)).ratio, Some(1.0));
    }
}
