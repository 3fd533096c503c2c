//! One call that runs a scenario end to end and gathers what every view needs.
//!
//! [`run`] validates the scenario, simulates, assesses and summarises, and returns a
//! [`Report`]: the projections (paths and bands), the assessments (verdicts, probabilities,
//! required growth, sentences) and the per-year verdict counts of each province. The CLI, the
//! wasm binding and the tests all go through here, so they cannot disagree.

use serde::Serialize;

use crate::assess::{self, Assessment, YearSummary};
use crate::data::{Dataset, StartKind, Text};
use crate::error::{Error, Result};
use crate::scenario::{resolve, Preset, Scenario};
use crate::sim::{simulate_with, Cache, Projection};
use crate::text::{self, Lang};

/// Everything about one province under the scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvinceReport {
    /// Province id.
    pub province: String,
    /// GRDP growth in force.
    pub grdp_growth: f64,
    /// One projection per simulated indicator.
    pub projections: Vec<Projection>,
    /// One assessment per quantitative target.
    pub assessments: Vec<Assessment>,
    /// Verdict counts per target year.
    pub summary: Vec<YearSummary>,
}

/// The result of running a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Dataset version.
    pub data_version: String,
    /// Model version.
    pub model_version: &'static str,
    /// Preset in force.
    pub preset: Preset,
    /// Draws used.
    pub draws: u32,
    /// Seed used.
    pub seed: u64,
    /// Last projected year.
    pub horizon: i32,
    /// Setback year, if any.
    pub shock_year: Option<i32>,
    /// Provinces, in dataset order.
    pub provinces: Vec<ProvinceReport>,
}

/// Runs a scenario for every province, or only `only`.
///
/// # Errors
/// An invalid scenario or an unknown province id.
pub fn run(ds: &Dataset, sc: &Scenario, only: Option<&str>) -> Result<Report> {
    run_with(ds, sc, only, &mut Cache::disabled())
}

/// [`run`], reusing and keeping in `cache` what does not depend on the sliders (the same
/// report: see [`Cache`]).
///
/// # Errors
/// As [`run`].
pub fn run_with(ds: &Dataset, sc: &Scenario, only: Option<&str>, cache: &mut Cache) -> Result<Report> {
    if let Some(id) = only {
        if ds.province(id).is_none() {
            return Err(Error::new("province", id, format!("one of {}", ds.province_ids())));
        }
    }
    let r = resolve(ds, sc)?;
    let provinces = simulate_with(ds, &r, only, cache)
        .into_iter()
        .map(|pp| {
            let mut assessments = assess::assess(ds, &pp);
            for a in &mut assessments {
                let both = |f: &dyn Fn(Lang) -> String| Text { vi: f(Lang::Vi), en: f(Lang::En) };
                a.sentence = both(&|l| text::sentence(ds, a, l));
                a.pace_text = both(&|l| text::pace_line(a, l));
                a.progress_text = both(&|l| text::progress_line(a, l));
            }
            let summary = assess::summarize(&assessments);
            ProvinceReport { province: pp.province, grdp_growth: pp.grdp_growth, projections: pp.series, assessments, summary }
        })
        .collect();
    Ok(Report {
        data_version: ds.version.clone(),
        model_version: crate::MODEL_VERSION,
        preset: r.preset,
        draws: r.draws,
        seed: r.seed,
        horizon: r.horizon,
        shock_year: r.shock_year,
        provinces,
    })
}

/// Indicator-year steps a report simulated (draws × projected years, summed over series): the
/// unit of the benchmarks' ns/step figures.
pub fn steps(report: &Report) -> usize {
    report.provinces.iter().flat_map(|p| &p.projections).map(|s| s.years.len() - 1).sum::<usize>() * report.draws as usize
}

/// Names of the rows of each series block in [`ProvinceView::series`], in order.
pub const SERIES_ROWS: [&str; 6] = ["years", "deterministic", "baseline", "p10", "p50", "p90"];

/// A projection without its arrays, plus where its arrays sit in the flat series buffer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectionMeta {
    /// Indicator id.
    pub indicator: String,
    /// Growth model.
    pub model: crate::model::ModelKind,
    /// Starting value.
    pub start_value: f64,
    /// Whether the start is an assumption.
    pub start_assumed: bool,
    /// Where the start comes from.
    pub start_kind: StartKind,
    /// The range the start is sampled from, when uncertain.
    pub start_range: Option<(f64, f64)>,
    /// Growth parameter used.
    pub growth: f64,
    /// The `trend` default.
    pub baseline_growth: f64,
    /// Uncertainty used.
    pub sigma: f64,
    /// The trend's uncertainty (standard deviation of each draw's persistent growth).
    pub trend_sd: f64,
    /// Odds per target.
    pub goals: Vec<crate::sim::GoalOdds>,
    /// The peers' general pace (peer rank model only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer_pace: Option<f64>,
    /// Offset of this block in the flat buffer.
    pub offset: usize,
    /// Years in the block; the block holds `SERIES_ROWS.len() × len` numbers.
    pub len: usize,
}

/// What the page shows for one province: verdicts, sentences, charts, and the series as one
/// flat buffer (rows [`SERIES_ROWS`], one block per projection) so that thousands of numbers
/// cross to JavaScript as a single `Float64Array`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvinceView {
    /// Run-level facts (version, draws, seed…), without the provinces.
    pub data_version: String,
    /// Model version.
    pub model_version: &'static str,
    /// Preset.
    pub preset: Preset,
    /// Draws.
    pub draws: u32,
    /// Seed.
    pub seed: u64,
    /// Horizon.
    pub horizon: i32,
    /// Province id.
    pub province: String,
    /// GRDP growth in force.
    pub grdp_growth: f64,
    /// Assessments.
    pub assessments: Vec<Assessment>,
    /// Verdict counts per target year.
    pub summary: Vec<YearSummary>,
    /// Projection metadata with buffer offsets.
    pub projections: Vec<ProjectionMeta>,
    /// SVG chart per indicator, as `(indicator, svg)`.
    pub charts: Vec<(String, String)>,
    /// The flat series buffer (not serialised: it crosses as a typed array).
    #[serde(skip)]
    pub series: Vec<f64>,
}

/// Runs a scenario for one province and assembles its view.
///
/// # Errors
/// As [`run`].
pub fn province_view(ds: &Dataset, sc: &Scenario, province: &str, lang: Lang) -> Result<ProvinceView> {
    province_view_with(ds, sc, province, lang, &mut Cache::disabled())
}

/// [`province_view`] with a [`Cache`] kept between calls.
///
/// # Errors
/// As [`run`].
pub fn province_view_with(ds: &Dataset, sc: &Scenario, province: &str, lang: Lang, cache: &mut Cache) -> Result<ProvinceView> {
    let report = run_with(ds, sc, Some(province), cache)?;
    let Report { data_version, model_version, preset, draws, seed, horizon, provinces, .. } = report;
    let pr = provinces.into_iter().next().ok_or_else(|| Error::new("province", province, format!("one of {}", ds.province_ids())))?;
    let charts = crate::chart::province_charts(ds, &pr, lang, false);
    let mut series = Vec::new();
    let mut projections = Vec::new();
    for p in &pr.projections {
        let offset = series.len();
        series.extend(p.years.iter().map(|&y| f64::from(y)));
        for row in [&p.deterministic, &p.baseline, &p.p10, &p.p50, &p.p90] {
            series.extend_from_slice(row);
        }
        projections.push(ProjectionMeta {
            indicator: p.indicator.clone(),
            model: p.model,
            start_value: p.start_value,
            start_assumed: p.start_assumed,
            start_kind: p.start_kind,
            start_range: p.start_range,
            growth: p.growth,
            baseline_growth: p.baseline_growth,
            sigma: p.sigma,
            trend_sd: p.trend_sd,
            goals: p.goals.clone(),
            peer_pace: p.peer_pace,
            offset,
            len: p.years.len(),
        });
    }
    Ok(ProvinceView {
        data_version,
        model_version,
        preset,
        draws,
        seed,
        horizon,
        province: pr.province,
        grdp_growth: pr.grdp_growth,
        assessments: pr.assessments,
        summary: pr.summary,
        projections,
        charts,
        series,
    })
}
