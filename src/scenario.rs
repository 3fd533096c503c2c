//! Scenarios: the user's growth assumptions, presets, and their validation.
//!
//! A [`Scenario`] is what the outside world hands us (JSON file, CLI flags, the page's sliders,
//! a URL hash): only the values that differ from the defaults. [`resolve`] checks it against the
//! dataset and the [`AssumptionSpec`] ranges and fills in every default, giving a [`Resolved`]
//! scenario the simulation can run without further checks. The ranges, steps, defaults and
//! labels of every assumption come from here, so the page never hard-codes them.
//!
//! Presets (documented in the README):
//! - `trend` (default): each growth parameter from the trend of the observations where there are
//!   two or more, otherwise the indicator's documented default.
//! - `accelerated`: every indicator improves 50% faster than the trend (at least one slider step).
//! - `stalled`: no further progress from the last value (shares and ranks frozen; the digital
//!   economy grows exactly as fast as GRDP; productivity growth 0%).
//! - `shock`: the trend, except that one year (`shock_year`, default 2026) loses as much ground as
//!   a normal year would gain.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::data::{Dataset, Direction, Province, Start, StartKind, GRDP_MAX, GRDP_MIN};
use crate::error::{Error, Result};
use crate::model::{self, Bounds, ModelKind};

/// Default number of Monte Carlo draws.
pub const DEFAULT_DRAWS: u32 = 10_000;
/// Largest number of draws a scenario may ask for.
pub const MAX_DRAWS: u32 = 100_000;
/// Default seed, so that a scenario without one is reproducible too.
pub const DEFAULT_SEED: u64 = 2026;
/// Largest seed: 2^53 − 1, the largest integer JavaScript numbers hold exactly, so that a seed
/// survives a trip through the page, JSON and the URL unchanged.
pub const MAX_SEED: u64 = (1 << 53) - 1;
/// Default last projected year.
pub const DEFAULT_HORIZON: i32 = 2030;
/// Earliest horizon: every target in the dataset falls by 2030.
pub const MIN_HORIZON: i32 = 2030;
/// Latest horizon.
pub const MAX_HORIZON: i32 = 2035;
/// Earliest year of the `shock` preset's setback: the first year the provincial programmes
/// (2021–2025) ran; a setback before them would fall before every series starts.
pub const EARLIEST_SHOCK_YEAR: i32 = 2021;
/// Default year of the `shock` preset's setback: the current year.
pub const DEFAULT_SHOCK_YEAR: i32 = 2026;
/// Draws of the quick pass while a slider moves; the page refines with the full draws once the
/// slider rests (1,000 draws keep a recompute of one province within a frame, measured in
/// `cargo xtask bench`).
pub const QUICK_DRAWS: u32 = 1_000;
/// How long the page waits after the last slider move before refining (ms): long enough that a
/// drag does not refine at every pause, short enough to feel immediate.
pub const REFINE_DELAY_MS: u32 = 180;

/// The limits and defaults the page's controls need, so that it never retypes them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Limits {
    /// Default draws.
    pub default_draws: u32,
    /// Largest draws.
    pub max_draws: u32,
    /// Draws while dragging.
    pub quick_draws: u32,
    /// Delay before refining (ms).
    pub refine_delay_ms: u32,
    /// Default seed.
    pub default_seed: u64,
    /// Largest seed.
    pub max_seed: u64,
    /// Default horizon.
    pub default_horizon: i32,
    /// Earliest horizon.
    pub min_horizon: i32,
    /// Latest horizon.
    pub max_horizon: i32,
}

/// The limits and defaults of a scenario.
pub fn limits() -> Limits {
    Limits {
        default_draws: DEFAULT_DRAWS,
        max_draws: MAX_DRAWS,
        quick_draws: QUICK_DRAWS,
        refine_delay_ms: REFINE_DELAY_MS,
        default_seed: DEFAULT_SEED,
        max_seed: MAX_SEED,
        default_horizon: DEFAULT_HORIZON,
        min_horizon: MIN_HORIZON,
        max_horizon: MAX_HORIZON,
    }
}

/// The scenario with every override that equals its default dropped (and empty entries
/// removed), so that links carry only what differs. Growth overrides are defaults only under the
/// `trend` preset; draws, seed and horizon equal to their defaults are dropped too.
pub fn minimal(ds: &Dataset, sc: &Scenario) -> Result<Scenario> {
    let base = resolve(ds, &Scenario { provinces: BTreeMap::new(), ..sc.clone() })?;
    let mut out = sc.clone();
    if out.draws == Some(DEFAULT_DRAWS) {
        out.draws = None;
    }
    if out.seed == Some(DEFAULT_SEED) {
        out.seed = None;
    }
    if out.horizon == Some(DEFAULT_HORIZON) {
        out.horizon = None;
    }
    if out.preset == Some(Preset::Trend) {
        out.preset = None;
    }
    let trend = base.preset == Preset::Trend;
    for (pid, po) in &mut out.provinces {
        let Some(rp) = base.provinces.iter().find(|p| &p.id == pid) else { continue };
        if po.grdp_growth == Some(rp.grdp_growth) {
            po.grdp_growth = None;
        }
        for (iid, o) in &mut po.indicators {
            let Some(s) = rp.series.iter().find(|s| &s.indicator == iid) else { continue };
            if trend && o.growth == Some(s.growth) {
                o.growth = None;
            }
            if o.sigma == Some(s.sigma) {
                o.sigma = None;
            }
            if o.start == Some(s.start.value) && s.start.kind != StartKind::Placeholder {
                o.start = None;
            }
            if o.peer_pace == s.peer.map(|p| p.pace) {
                o.peer_pace = None;
            }
        }
        po.indicators.retain(|_, o| *o != IndicatorOverride::default());
    }
    out.provinces.retain(|_, po| *po != ProvinceOverrides::default());
    Ok(out)
}

/// Largest scenario document accepted.
pub const MAX_SCENARIO_BYTES: usize = 256 * 1024;

/// A named starting point for the assumptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// Continue the observed trend (the default).
    #[default]
    Trend,
    /// Improve 50% faster than the trend.
    Accelerated,
    /// No further progress.
    Stalled,
    /// The trend with a one-year setback.
    Shock,
}

impl Preset {
    /// All presets, in display order.
    pub const ALL: [Preset; 4] = [Preset::Trend, Preset::Accelerated, Preset::Stalled, Preset::Shock];

    /// The stable id used in JSON, URLs and the CLI.
    pub fn id(self) -> &'static str {
        match self {
            Preset::Trend => "trend",
            Preset::Accelerated => "accelerated",
            Preset::Stalled => "stalled",
            Preset::Shock => "shock",
        }
    }

    /// Parses an id.
    ///
    /// # Errors
    /// An unknown name, listing the allowed ones.
    pub fn parse(field: &str, s: &str) -> Result<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == s).ok_or_else(|| Error::new(field, format!("{s:?}"), "one of trend, accelerated, stalled, shock"))
    }
}

/// Overrides for one indicator of one province.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct IndicatorOverride {
    /// Growth parameter, in the model's unit (see `model`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth: Option<f64>,
    /// Standard deviation of the yearly growth draw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sigma: Option<f64>,
    /// Starting value; allowed only where the start is an assumption, not an observation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<f64>,
    /// The peers' general pace (places per year), for a rank simulated with the peer model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer_pace: Option<f64>,
}

/// Overrides for one province.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ProvinceOverrides {
    /// GRDP growth (% per year), shared by the province's share models.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grdp_growth: Option<f64>,
    /// Per-indicator overrides, by indicator id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub indicators: BTreeMap<String, IndicatorOverride>,
}

/// What the user changed. Absent fields mean defaults; unknown fields are errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Starting point for every growth assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<Preset>,
    /// Monte Carlo draws (1 to 100,000; default 10,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draws: Option<u32>,
    /// Random seed (0 to 2^53 − 1; default 2026).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Last projected year (2030 to 2035; default 2030).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<i32>,
    /// Year of the setback of the `shock` preset (default 2026).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shock_year: Option<i32>,
    /// Per-province overrides, by province id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub provinces: BTreeMap<String, ProvinceOverrides>,
}

impl Scenario {
    /// Parses a scenario document (structure only; [`resolve`] checks values).
    ///
    /// # Errors
    /// Oversized input, invalid JSON, wrong types or unknown fields, with the JSON path.
    pub fn from_json(text: &str) -> Result<Scenario> {
        if text.len() > MAX_SCENARIO_BYTES {
            return Err(Error::new("(scenario)", format!("{} bytes", text.len()), format!("at most {MAX_SCENARIO_BYTES} bytes")));
        }
        crate::error::parse_json(text)
    }

    /// The scenario as pretty JSON (for downloads); only non-default values appear.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string())
    }
}

/// Which value an assumption sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum AssumptionKind {
    /// The growth parameter of an indicator.
    Growth,
    /// Its uncertainty.
    Sigma,
    /// Its assumed starting value.
    Start,
    /// The province's GRDP growth.
    GrdpGrowth,
    /// The peers' general pace in the peer rank model.
    PeerPace,
}

/// One simulated series, fully specified.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedSeries {
    /// Indicator id.
    pub indicator: String,
    /// Growth model.
    pub model: ModelKind,
    /// Natural bounds.
    pub bounds: Bounds,
    /// Starting point (observed or assumed, possibly overridden).
    pub start: Start,
    /// Growth parameter.
    pub growth: f64,
    /// The growth parameter's `trend` default (the baseline the page draws dashed).
    pub baseline_growth: f64,
    /// Standard deviation of the yearly growth draw.
    pub sigma: f64,
    /// Standard deviation of each draw's persistent growth rate around `growth`: what the
    /// trend cannot tell (see `uncertainty`).
    pub trend_sd: f64,
    /// Set when the rank is simulated with every peer (see `peer`).
    pub peer: Option<ResolvedPeer>,
}

/// The peer rank model's part of a series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResolvedPeer {
    /// The province's unit index in the ranking.
    pub unit: usize,
    /// The peers' general pace, places per year.
    pub pace: f64,
}

/// One province, fully specified.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedProvince {
    /// Province id.
    pub id: String,
    /// GRDP growth (% per year).
    pub grdp_growth: f64,
    /// Simulated series, in dataset indicator order.
    pub series: Vec<ResolvedSeries>,
}

/// A scenario checked against the dataset with every default filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// Preset in force.
    pub preset: Preset,
    /// Monte Carlo draws.
    pub draws: u32,
    /// Random seed.
    pub seed: u64,
    /// Last projected year.
    pub horizon: i32,
    /// Year of the one-year setback, if any.
    pub shock_year: Option<i32>,
    /// Provinces, in dataset order.
    pub provinces: Vec<ResolvedProvince>,
}

fn bounds(ind: &crate::data::Indicator) -> Bounds {
    Bounds { lo: ind.min, hi: ind.max }
}

/// The `trend` default of an indicator's growth parameter, and what it is based on.
pub fn default_growth(ds: &Dataset, p: &Province, indicator: &str) -> Option<(f64, &'static str)> {
    let ind = ds.indicator(indicator)?;
    let spec = ind.growth.as_ref()?;
    // The peer model carries the typical movement of a unit itself (see `peer`): a province
    // defaults to moving like a typical province at its position.
    if ds.peer_of(p, indicator).is_some() {
        return Some((0.0, "peer"));
    }
    let points: Vec<(i32, f64)> = p.observations_of(indicator).map(|o| (o.year, o.value)).collect();
    let grdp = p.grdp_growth.value;
    let lower = ind.direction == Direction::Lower;
    let (g, basis) = match model::trend(ind.model, &points, bounds(ind)) {
        Some(t) => {
            let t = match spec.trend_limit {
                Some(l) => t.clamp(-l, l),
                None => t,
            };
            let g = if ind.model == ModelKind::ShareOfFlows { model::param_for_progress(ind.model, t, grdp, lower) } else { t };
            (g, "trend")
        }
        None if ind.model == ModelKind::ShareOfFlows => (model::param_for_progress(ind.model, spec.default, grdp, lower), "default"),
        None => (spec.default, "default"),
    };
    Some((round_to_step(g.clamp(spec.min, spec.max), spec.step / 100.0), basis))
}

/// Rounds to a fraction of the slider step, so that defaults print cleanly and survive a URL.
fn round_to_step(v: f64, step: f64) -> f64 {
    if step <= 0.0 {
        return v;
    }
    (v / step).round() * step
}

/// The growth parameter a preset gives, from the trend default.
fn preset_growth(preset: Preset, ind: &crate::data::Indicator, trend: f64, grdp: f64) -> f64 {
    let Some(spec) = &ind.growth else { return trend };
    let lower = ind.direction == Direction::Lower;
    let g = match preset {
        Preset::Trend | Preset::Shock => trend,
        Preset::Stalled => model::stalled(ind.model, grdp),
        Preset::Accelerated => {
            let prog = model::progress(ind.model, trend, grdp, lower);
            let faster = (prog + 0.5 * prog.abs()).max(prog + spec.step);
            model::param_for_progress(ind.model, faster, grdp, lower)
        }
    };
    g.clamp(spec.min, spec.max)
}

/// Where a series starts: the province's last observation or assumption, or for a rank under the
/// peer model the ranking's latest published rank of its unit when that is more recent.
pub fn series_start(ds: &Dataset, p: &Province, indicator: &str) -> Option<Start> {
    let own = p.start(indicator);
    let Some((r, u)) = ds.peer_of(p, indicator) else { return own };
    let unit = &r.units[u].id;
    let published = r
        .years
        .iter()
        .filter(|y| y.year <= ds.as_of_year)
        .filter_map(|y| {
            y.ranks.iter().find(|e| &e.unit == unit).map(|e| Start {
                year: y.year,
                value: f64::from(e.rank),
                assumed: false,
                kind: StartKind::Observed,
                range: None,
            })
        })
        .max_by_key(|s| s.year);
    match (own, published) {
        (Some(o), Some(pb)) if pb.year > o.year || o.assumed => Some(pb),
        (Some(o), _) => Some(o),
        (None, pb) => pb,
    }
}

fn check_range(field: &str, v: f64, min: f64, max: f64, unit: &str) -> Result<f64> {
    if !v.is_finite() || v < min || v > max {
        return Err(Error::new(field, v, format!("a number from {min} to {max} {unit}").trim_end().to_string()));
    }
    Ok(v)
}

/// Checks a scenario against the dataset and fills in every default.
///
/// # Errors
/// Out-of-range or non-finite values, unknown province or indicator ids, a starting value on an
/// observed series; each names the field, the value and what is allowed.
pub fn resolve(ds: &Dataset, sc: &Scenario) -> Result<Resolved> {
    let preset = sc.preset.unwrap_or_default();
    let draws = sc.draws.unwrap_or(DEFAULT_DRAWS);
    if draws == 0 || draws > MAX_DRAWS {
        return Err(Error::new("draws", draws, format!("an integer from 1 to {MAX_DRAWS}")));
    }
    let seed = sc.seed.unwrap_or(DEFAULT_SEED);
    if seed > MAX_SEED {
        return Err(Error::new("seed", seed, format!("an integer from 0 to {MAX_SEED} (2^53 − 1)")));
    }
    let horizon = sc.horizon.unwrap_or(DEFAULT_HORIZON);
    if !(MIN_HORIZON..=MAX_HORIZON).contains(&horizon) {
        return Err(Error::new("horizon", horizon, format!("a year from {MIN_HORIZON} to {MAX_HORIZON}")));
    }
    let shock_year = match (preset, sc.shock_year) {
        (Preset::Shock, y) => {
            let y = y.unwrap_or(DEFAULT_SHOCK_YEAR);
            if !(EARLIEST_SHOCK_YEAR..=horizon).contains(&y) {
                return Err(Error::new("shock_year", y, format!("a year from {EARLIEST_SHOCK_YEAR} to the horizon ({horizon})")));
            }
            Some(y)
        }
        (_, Some(y)) => return Err(Error::new("shock_year", y, "only together with \"preset\": \"shock\"")),
        (_, None) => None,
    };
    for (pid, po) in &sc.provinces {
        let p = ds.require_province(&format!("provinces.{pid}"), pid)?;
        for iid in po.indicators.keys() {
            if !p.simulated_indicators(ds).any(|i| &i.id == iid) {
                let allowed: Vec<&str> = p.simulated_indicators(ds).map(|i| i.id.as_str()).collect();
                return Err(Error::new(
                    format!("provinces.{pid}.indicators.{iid}"),
                    iid,
                    format!("an indicator with a target in {pid}: {}", allowed.join(", ")),
                ));
            }
        }
    }
    // How such series really moved: the spread of every persistent growth rate (data before
    // the year after the data's own, i.e. all of it; the back-test cuts earlier).
    let spreads = crate::uncertainty::family_spreads(ds, ds.as_of_year + 1);
    let mut provinces = Vec::with_capacity(ds.provinces.len());
    for p in &ds.provinces {
        let po = sc.provinces.get(&p.id);
        let grdp = match po.and_then(|o| o.grdp_growth) {
            Some(g) => check_range(&format!("provinces.{}.grdp_growth", p.id), g, GRDP_MIN, GRDP_MAX, "% per year")?,
            None => p.grdp_growth.value,
        };
        let mut series = Vec::new();
        for ind in p.simulated_indicators(ds) {
            let Some(spec) = &ind.growth else { continue };
            let f = format!("provinces.{}.indicators.{}", p.id, ind.id);
            let o = po.and_then(|o| o.indicators.get(&ind.id));
            let (trend, _) = default_growth(ds, p, &ind.id).unwrap_or((spec.default, "default"));
            // The share model's default depends on GRDP growth: recompute with the scenario's.
            let trend = if ind.model == ModelKind::ShareOfFlows && grdp != p.grdp_growth.value {
                let prog = model::progress(ind.model, trend, p.grdp_growth.value, false);
                model::param_for_progress(ind.model, prog, grdp, false).clamp(spec.min, spec.max)
            } else {
                trend
            };
            let growth = match o.and_then(|o| o.growth) {
                Some(g) => check_range(&format!("{f}.growth"), g, spec.min, spec.max, "")?,
                None => preset_growth(preset, ind, trend, grdp),
            };
            let sigma = match o.and_then(|o| o.sigma) {
                Some(s) => check_range(&format!("{f}.sigma"), s, 0.0, spec.sigma_max, "")?,
                None => spec.sigma,
            };
            let mut start = match series_start(ds, p, &ind.id) {
                Some(s) => s,
                // Rate targets average the yearly rates from the programme's start.
                // Rate targets average the yearly rates from the programme's start; with no
                // reported rate the whole answer is the assumption: nobody reported a start.
                None if ind.model == ModelKind::RateTarget => {
                    Start { year: p.programme_start, value: growth, assumed: true, kind: StartKind::Placeholder, range: None }
                }
                None => return Err(Error::new(format!("{f}.start"), "(missing)", "an observation or assumption in the dataset")),
            };
            if let Some(v) = o.and_then(|o| o.start) {
                if !start.assumed || ind.model == ModelKind::RateTarget {
                    return Err(Error::new(format!("{f}.start"), v, format!("nothing: the start of {} in {} is observed, not an assumption", ind.id, p.id)));
                }
                start.value = check_range(&format!("{f}.start"), v, ind.min, ind.max, "")?;
                // A value the user knows: exact, and a real verdict from now on.
                start.kind = StartKind::Entered;
                start.range = None;
            }
            if ind.model == ModelKind::RateTarget {
                start.value = growth;
            }
            let peer = match (ds.peer_of(p, &ind.id), o.and_then(|o| o.peer_pace)) {
                (Some((r, unit)), q) => {
                    let pace = match q {
                        Some(q) => check_range(&format!("{f}.peer_pace"), q, r.pace_min, r.pace_max, "places per year")?,
                        None => 0.0,
                    };
                    Some(ResolvedPeer { unit, pace })
                }
                (None, Some(q)) => {
                    return Err(Error::new(format!("{f}.peer_pace"), q, format!("nothing: {} in {} is not simulated with the peer rank model", ind.id, p.id)))
                }
                (None, None) => None,
            };
            // The peer model carries its own churn; a placeholder has no trend to be unsure of.
            let trend_sd = if peer.is_some() {
                0.0
            } else {
                let own: Vec<(i32, f64)> = p.own_observations(&ind.id).map(|o| (o.year, o.value)).collect();
                let se = model::trend_fit(ind.model, &own, bounds(ind)).and_then(|f| f.1);
                crate::uncertainty::trend_spread(spreads.get(&ind.model), crate::uncertainty::prior_spread(spec.min, spec.max), own.len(), se)
            };
            series.push(ResolvedSeries {
                indicator: ind.id.clone(),
                model: ind.model,
                bounds: bounds(ind),
                start,
                growth,
                baseline_growth: trend,
                sigma,
                trend_sd,
                peer,
            });
        }
        provinces.push(ResolvedProvince { id: p.id.clone(), grdp_growth: grdp, series });
    }
    Ok(Resolved { preset, draws, seed, horizon, shock_year, provinces })
}

/// What a resolved run would cost natively, estimated before it starts (see [`check_budget`]).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Cost {
    /// Draw-years of the single-series simulations, each weighted by 1 + its number of targets
    /// (every draw is tested against every target each year).
    pub series_steps: f64,
    /// Draw-unit-years of the peer fields: every unit of a ranking moves in every draw and year.
    pub field_steps: f64,
    /// Draw-unit-years of the peer runners: a runner's rank is counted against every unit of its
    /// field in every draw and year, and its required pace replayed on the same draws.
    pub runner_steps: f64,
    /// Bytes held at once: the peer fields, each runner's replay (its noise per draw and year,
    /// its bars per draw and target) and the largest single series.
    pub memory: f64,
}

/// Native cost of one step of each kind, in nanoseconds, rounded up from the measurements below.
const NS_PER_SERIES_STEP: f64 = 7.0;
/// See [`NS_PER_SERIES_STEP`].
const NS_PER_FIELD_STEP: f64 = 8.0;
/// See [`NS_PER_SERIES_STEP`].
const NS_PER_RUNNER_STEP: f64 = 6.0;

/// The longest run accepted, in estimated native seconds.
///
/// Measured in release mode on the project's 2-core machine (with other builds running beside,
/// so the weights above are rounded up), with `tests/hostile.rs` `budget_measurements`: generated
/// valid imports of P provinces (12 simulated indicators each, 2 targets each) on a U-unit
/// peer ranking (2 rank targets each), horizon 2035:
///
/// | P, U, draws, province | series / field / runner steps | time | peak memory | estimate |
/// |---|---|---|---|---|
/// | 194, 0, 10,000, all | 7.8e8 / 8.2e6 / 2.8e7 | 4.2 s | 36 MB | 5.7 s, 10 MB |
/// | 194, 0, 20,000, all | 1.6e9 / 1.6e7 / 5.5e7 | 9.5 s | 45 MB | 11.4 s, 21 MB |
/// | 194, 200 (no indicators), 10,000, all | 1.3e7 / 3.4e7 / 5.8e9 | 25.1 s | 489 MB | 35.5 s, 523 MB |
/// | 194, 200, 10,000, all | 7.8e8 / 3.4e7 / 5.8e9 | 31.1 s | 494 MB | 40.8 s, 523 MB |
/// | 194, 200, 5,000, all | 3.9e8 / 1.7e7 / 2.9e9 | 14.7 s | 253 MB | 20.4 s, 262 MB |
/// | 194, 200, 2,000, all | 1.6e8 / 6.8e6 / 1.2e9 | 4.8 s | 109 MB | 8.2 s, 105 MB |
/// | 10, 200, 100,000, all | 1.3e8 / 3.4e8 / 3.3e9 | 20.7 s | 400 MB | 23.3 s, 519 MB |
/// | 194, 200, 100,000, one | 4.0e7 / 2.6e8 / 3.0e8 | 2.4–3.4 s | 195 MB | 4.1 s, 188 MB |
///
/// The same 194 × 200 file at 100,000 draws for every province (446 s and 5.4 GB when it was
/// run) is estimated at 408 s and 5.2 GB and refused; the built-in data at 100,000 draws to
/// 2035 is estimated at about 3 s and 100 MB.
pub const MAX_RUN_SECONDS: f64 = 60.0;
/// The most memory a run may hold, in bytes (1 GB).
pub const MAX_RUN_BYTES: f64 = 1e9;

impl Cost {
    /// The estimated native time, in seconds.
    pub fn seconds(&self) -> f64 {
        (self.series_steps * NS_PER_SERIES_STEP + self.field_steps * NS_PER_FIELD_STEP + self.runner_steps * NS_PER_RUNNER_STEP) / 1e9
    }
}

/// Estimates what simulating `r` (every province, or only `only`) costs; it mirrors what `sim`
/// and `peer` allocate and loop over.
pub fn estimate_cost(ds: &Dataset, r: &Resolved, only: Option<&str>) -> Cost {
    let draws = f64::from(r.draws);
    let mut cost = Cost::default();
    let mut largest_series = 0.0f64;
    // Per ranking: its indicator, the earliest year it is simulated from and its number of units
    // (a Vec, not a map: a handful of rankings, and less code in the wasm).
    let mut fields: Vec<(&str, i32, f64)> = Vec::new();
    for rp in r.provinces.iter().filter(|p| only.is_none_or(|o| o == p.id)) {
        let Some(p) = ds.province(&rp.id) else { continue };
        for s in &rp.series {
            let targets: Vec<i32> = p.targets.iter().filter(|t| t.indicator == s.indicator).map(|t| t.year).collect();
            let years = f64::from((r.horizon - s.start.year).max(0));
            let n_targets = targets.len() as f64;
            match (s.peer, ds.ranking(&s.indicator)) {
                (Some(peer), Some(ranking)) => {
                    let n = ranking.units.len() as f64;
                    match fields.iter_mut().find(|f| f.0 == ranking.indicator) {
                        Some(f) => f.1 = f.1.min(s.start.year),
                        None => fields.push((ranking.indicator.as_str(), ranking.base_year.min(s.start.year), n)),
                    }
                    // The baseline runs as a second runner when the scenario moves the paces.
                    let runners = if s.growth - peer.pace != s.baseline_growth { 2.0 } else { 1.0 };
                    let last = targets.iter().copied().max().unwrap_or(s.start.year);
                    let span = f64::from((last - s.start.year).max(0));
                    cost.runner_steps += runners * draws * years * n + draws * n_targets * n;
                    cost.memory += runners * draws * (8.0 + 4.0 + 2.0 * n_targets) + draws * (16.0 * span + 16.0 * n_targets) + 4.0 * n * n_targets;
                }
                _ => {
                    cost.series_steps += draws * years * (1.0 + n_targets);
                    largest_series = largest_series.max(draws * (16.0 + 2.0 * n_targets));
                }
            }
        }
    }
    for (_, first, n) in &fields {
        cost.field_steps += draws * n * f64::from((r.horizon - first).max(0));
        cost.memory += draws * n * 8.0;
    }
    cost.memory += largest_series;
    cost
}

/// Refuses a run that would take more than about a minute or a gigabyte natively (a valid
/// dataset of 194 provinces on a 200-unit ranking asked for 100,000 draws to 2035 took 446 s and
/// 5.4 GB). Called wherever a scenario is run against a dataset (`report::run`).
///
/// # Errors
/// The estimate above the limit, with the limit and what to do: fewer draws, or one province.
pub fn check_budget(ds: &Dataset, r: &Resolved, only: Option<&str>) -> Result<()> {
    let cost = estimate_cost(ds, r, only);
    let (seconds, bytes) = (cost.seconds(), cost.memory);
    if seconds <= MAX_RUN_SECONDS && bytes <= MAX_RUN_BYTES {
        return Ok(());
    }
    // The draws that would fit: the cost grows in proportion to them.
    let scale = (MAX_RUN_SECONDS / seconds).min(MAX_RUN_BYTES / bytes);
    let fits = (f64::from(r.draws) * scale).floor().max(1.0);
    let one = if only.is_some() { "" } else { ", or run one province" };
    Err(Error::new(
        "draws",
        format!("{} (about {seconds:.0} s and {:.1} GB for this data)", r.draws, bytes / 1e9),
        format!("a run within about {MAX_RUN_SECONDS:.0} s and {:.0} GB: at most {fits:.0} draws here{one}", MAX_RUN_BYTES / 1e9),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds() -> Dataset {
        Dataset::builtin()
    }

    fn series<'a>(r: &'a Resolved, p: &str, i: &str) -> &'a ResolvedSeries {
        r.provinces.iter().find(|x| x.id == p).unwrap().series.iter().find(|s| s.indicator == i).unwrap()
    }

    #[test]
    fn empty_scenario_resolves_to_defaults() {
        let r = resolve(&ds(), &Scenario::default()).unwrap();
        assert_eq!((r.draws, r.seed, r.horizon, r.preset), (DEFAULT_DRAWS, DEFAULT_SEED, 2030, Preset::Trend));
        // DTI ranks use the peer model: a province moves like a typical one at its position
        // (own pace 0), peers at their calibrated pace (0), whatever the past jumps were.
        let kh = series(&r, "khanh-hoa", "dti_rank");
        assert_eq!((kh.growth, kh.peer.map(|p| p.pace)), (0.0, Some(0.0)));
        // Hưng Yên starts from its latest published rank (33 in 2022).
        let hy = series(&r, "hung-yen", "dti_rank").start;
        assert_eq!((hy.year, hy.value, hy.assumed), (2022, 33.0, false));
        // The EGDI rank (no peer ranking) keeps the single-series model, trend capped.
        assert!(series(&r, "national", "egdi_rank").peer.is_none());
    }

    #[test]
    fn unknown_fields_and_bad_values_are_named() {
        let e = Scenario::from_json(r#"{"draws": 10, "colour": "red"}"#).unwrap_err();
        assert!(e.allowed.contains("unknown field `colour`"), "{e}");
        let e = Scenario::from_json(r#"{"draws": -1}"#).unwrap_err();
        assert_eq!(e.field, "draws");
        let e = resolve(&ds(), &Scenario::from_json(r#"{"draws": 0}"#).unwrap()).unwrap_err();
        assert_eq!(e.to_string(), "draws: got 0; allowed: an integer from 1 to 100000");
        let e = resolve(&ds(), &Scenario::from_json(r#"{"horizon": 2040}"#).unwrap()).unwrap_err();
        assert_eq!(e.field, "horizon");
        let e = resolve(&ds(), &Scenario::from_json(r#"{"provinces": {"da-nang": {}}}"#).unwrap()).unwrap_err();
        assert!(e.allowed.contains("hai-duong"), "{e}");
        let e = resolve(&ds(), &Scenario::from_json(r#"{"provinces": {"hai-duong": {"indicators": {"de_share": {"growth": 1000}}}}}"#).unwrap()).unwrap_err();
        assert_eq!(e.field, "provinces.hai-duong.indicators.de_share.growth");
        let e = resolve(&ds(), &Scenario::from_json(r#"{"provinces": {"hai-duong": {"indicators": {"dti_rank": {"start": 3}}}}}"#).unwrap()).unwrap_err();
        assert!(e.allowed.contains("observed"), "{e}");
        let e = resolve(&ds(), &Scenario::from_json(r#"{"seed": 9007199254740992}"#).unwrap()).unwrap_err();
        assert_eq!(e.field, "seed");
        let e = resolve(&ds(), &Scenario::from_json(r#"{"shock_year": 2027}"#).unwrap()).unwrap_err();
        assert_eq!(e.field, "shock_year");
    }

    #[test]
    fn overrides_apply() {
        let sc = Scenario::from_json(
            r#"{"provinces": {"hai-duong": {"grdp_growth": 8, "indicators": {"digital_enterprises": {"growth": 20, "sigma": 0, "start": 500}}}}}"#,
        )
        .unwrap();
        let r = resolve(&ds(), &sc).unwrap();
        let s = series(&r, "hai-duong", "digital_enterprises");
        assert_eq!((s.growth, s.sigma, s.start.value, s.start.assumed), (20.0, 0.0, 500.0, true));
        assert_eq!(r.provinces[0].grdp_growth, 8.0);
    }

    #[test]
    fn presets_move_growth_the_right_way() {
        let d = ds();
        let get = |p: Preset| {
            let r = resolve(&d, &Scenario { preset: Some(p), ..Default::default() }).unwrap();
            (series(&r, "hai-duong", "de_share").growth, series(&r, "hung-yen", "dti_rank").growth)
        };
        let (t_de, t_rank) = get(Preset::Trend);
        let (a_de, a_rank) = get(Preset::Accelerated);
        let (s_de, s_rank) = get(Preset::Stalled);
        assert!(a_de > t_de && a_rank > t_rank);
        assert_eq!(s_rank, 0.0);
        // Stalled share: the digital economy grows exactly as fast as GRDP (10.2%).
        assert!((s_de - 10.2).abs() < 1e-12);
        assert!(s_de < t_de);
    }

    #[test]
    fn minimal_drops_what_equals_the_defaults() {
        let d = ds();
        let r = resolve(&d, &Scenario::default()).unwrap();
        let de = series(&r, "hai-duong", "de_share").clone();
        let json = format!(
            r#"{{"draws": 10000, "seed": 7, "provinces": {{"hai-duong": {{"indicators": {{"de_share": {{"growth": {}, "sigma": {}}}, "dti_rank": {{"growth": 2}}}}}}}}}}"#,
            de.growth, de.sigma
        );
        let m = minimal(&d, &Scenario::from_json(&json).unwrap()).unwrap();
        assert_eq!(m.draws, None);
        assert_eq!(m.seed, Some(7));
        let po = &m.provinces["hai-duong"];
        assert!(!po.indicators.contains_key("de_share"), "{m:?}");
        assert_eq!(po.indicators["dti_rank"].growth, Some(2.0));
        // Nothing left: the province disappears.
        let m = minimal(
            &d,
            &Scenario::from_json(&format!(r#"{{"provinces": {{"hai-duong": {{"indicators": {{"de_share": {{"sigma": {}}}}}}}}}}}"#, de.sigma)).unwrap(),
        )
        .unwrap();
        assert!(m.provinces.is_empty());
    }

    #[test]
    fn the_builtin_data_fits_the_budget_at_the_largest_settings() {
        let r = resolve(&ds(), &Scenario { draws: Some(MAX_DRAWS), horizon: Some(MAX_HORIZON), ..Default::default() }).unwrap();
        let cost = estimate_cost(&ds(), &r, None);
        assert!(cost.seconds() < 10.0 && cost.memory < 3e8, "{cost:?}: {} s", cost.seconds());
        assert!(check_budget(&ds(), &r, None).is_ok());
        // The estimate grows with the draws and shrinks to one province.
        let one = estimate_cost(&ds(), &r, Some("hai-duong"));
        assert!(one.seconds() < cost.seconds() && one.memory < cost.memory);
    }
}
