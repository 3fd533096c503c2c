//! One call that runs a scenario end to end and gathers what every view needs.
//!
//! [`run`] validates the scenario, simulates, assesses and summarises, and returns a
//! [`Report`]: the projections (paths and bands), the assessments (verdicts, probabilities,
//! required growth, sentences) and the per-year verdict counts of each province. The CLI, the
//! wasm binding and the tests all go through here, so they cannot disagree.

use serde::Serialize;

use crate::assess::{self, Assessment, YearSummary};
use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::scenario::{resolve, Preset, Scenario};
use crate::sim::{simulate, Projection};

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
    if let Some(id) = only {
        if ds.province(id).is_none() {
            return Err(Error::new("province", id, format!("one of {}", ds.province_ids())));
        }
    }
    let r = resolve(ds, sc)?;
    let provinces = simulate(ds, &r, only)
        .into_iter()
        .map(|pp| {
            let assessments = assess::assess(ds, &pp);
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
