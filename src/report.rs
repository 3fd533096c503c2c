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
use crate::sim::{simulate, Projection};
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
    if let Some(id) = only {
        ds.require_province("province", id)?;
    }
    let r = resolve(ds, sc)?;
    crate::scenario::check_budget(ds, &r, only)?;
    let provinces = simulate(ds, &r, only)
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
    let report = run(ds, sc, Some(province))?;
    let Report { data_version, model_version, preset, draws, seed, horizon, provinces, .. } = report;
    ds.require_province("province", province)?;
    let pr = provinces.into_iter().next().ok_or_else(|| Error::new("province", province, "a province the run simulated"))?;
    let charts = crate::chart::province_charts(ds, &pr.province, &pr.projections, &pr.assessments, lang, false);
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

/// One back-test case as the page shows it: words and numbers formatted by the core, and its
/// small chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestCaseView {
    /// Province (or ranked unit) name.
    pub name: String,
    /// Indicator label.
    pub indicator: String,
    /// The reported year.
    pub year: i32,
    /// "reported 30.1%; band 6.72%–26.9%, median 14.08%".
    pub summary: String,
    /// Whether the reported value lay in the band.
    pub inside: bool,
    /// The model family's name.
    pub family: String,
    /// The case's chart (escaped SVG).
    pub svg: String,
}

/// One family's scores as the page shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestScoreView {
    /// Family name.
    pub family: String,
    /// Cases.
    pub cases: usize,
    /// Coverage, as a percentage text.
    pub coverage: String,
}

/// The back-test panel: one sentence, the scores, every case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestView {
    /// The coverage in one sentence.
    pub sentence: String,
    /// Coverage over all cases (0–1).
    pub coverage: f64,
    /// Per family, then all.
    pub scores: Vec<BacktestScoreView>,
    /// Every case.
    pub cases: Vec<BacktestCaseView>,
}

/// Runs the back-test and words it for the page.
pub fn backtest_view(ds: &Dataset, draws: u32, seed: u64, lang: Lang) -> BacktestView {
    let bt = crate::backtest::backtest(ds, draws, seed);
    let cases = bt
        .cases
        .iter()
        .filter_map(|c| {
            let ind = ds.indicator(&c.indicator)?;
            let v = |x: f64| text::value(x, ind.unit, lang, true);
            let summary = match lang {
                Lang::Vi => format!("báo cáo {}; khoảng 80% dự phóng {}–{}, trung vị {}", v(c.actual), v(c.p10), v(c.p90), v(c.p50)),
                Lang::En => format!("reported {}; projected 80% band {}–{}, median {}", v(c.actual), v(c.p10), v(c.p90), v(c.p50)),
            };
            Some(BacktestCaseView {
                name: c.name.get(lang).to_string(),
                indicator: ind.label(lang).to_string(),
                year: c.year,
                summary,
                inside: c.inside,
                family: text::family_label(c.family).get(lang).to_string(),
                svg: crate::chart::backtest_chart(c, ind.unit, lang),
            })
        })
        .collect();
    let scores = bt
        .scores
        .iter()
        .map(|s| BacktestScoreView {
            family: text::family_label(s.family).get(lang).to_string(),
            cases: s.cases,
            coverage: format!("{}%", text::number(s.coverage * 100.0, 0, lang)),
        })
        .collect();
    BacktestView { sentence: text::backtest_sentence(&bt, lang), coverage: bt.coverage, scores, cases }
}

/// One goal in the overview table: its headline verdict and progress so far.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverviewCell {
    /// Indicator id.
    pub indicator: String,
    /// Indicator label.
    pub label: String,
    /// Pillar id.
    pub pillar: String,
    /// Target year.
    pub year: i32,
    /// The target as people say it ("≥ 80%", "top 20").
    pub target: String,
    /// Headline status id.
    pub status: &'static str,
    /// Its name.
    pub status_label: String,
    /// The chance of meeting it, as printed ("42%"), where a likelihood is claimed.
    pub probability: Option<String>,
    /// Progress so far (Open SDG) status id.
    pub progress: &'static str,
    /// Its name.
    pub progress_label: String,
    /// The goal's sentence.
    pub sentence: String,
}

/// One province in the overview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverviewRow {
    /// Province id.
    pub province: String,
    /// Name.
    pub name: String,
    /// The province it became in the 2025 merger (its id), if the dataset has it.
    pub merged_into: Option<String>,
    /// Whether it is the national programme.
    pub national: bool,
    /// Share of its goals (with a verdict) that are achieved, very likely or likely.
    pub likely_share: f64,
    /// The province's verdicts in one sentence.
    pub summary: String,
    /// Its goals.
    pub cells: Vec<OverviewCell>,
}

/// The first screen: every province against its goals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    /// Provinces: merged provinces first (what officials answer for now), each followed by the
    /// old provinces folded under it, then the rest, then the national programme.
    pub rows: Vec<OverviewRow>,
    /// Target years present, ascending.
    pub years: Vec<i32>,
    /// The newest year of reported data in the dataset.
    pub newest_data_year: Option<i32>,
    /// Data version.
    pub data_version: String,
}

/// The newest year of any reported value up to the data's as-of year.
pub fn newest_data_year(ds: &Dataset) -> Option<i32> {
    ds.provinces.iter().flat_map(|p| &p.observations).map(|o| o.year).filter(|&y| y <= ds.as_of_year).max()
}

/// Runs a scenario for every province and gathers the overview.
///
/// # Errors
/// As [`run`].
pub fn overview(ds: &Dataset, sc: &Scenario, lang: Lang) -> Result<Overview> {
    let report = run(ds, sc, None)?;
    let mut rows: Vec<OverviewRow> = report
        .provinces
        .iter()
        .filter_map(|pr| {
            let p = ds.province(&pr.province)?;
            let cells: Vec<OverviewCell> = pr
                .assessments
                .iter()
                .map(|a| OverviewCell {
                    indicator: a.indicator.clone(),
                    label: ds.indicator(&a.indicator).map_or_else(|| a.indicator.clone(), |i| i.label(lang).to_string()),
                    pillar: a.pillar.clone(),
                    year: a.year,
                    target: text::target(a.comparator, a.target, a.unit, lang),
                    status: a.status.id(),
                    status_label: text::status_label(a.status).get(lang).to_string(),
                    probability: a.status.is_likelihood().then(|| format!("{}%", text::number(a.probability * 100.0, 0, lang))),
                    progress: a.progress_so_far.status.id(),
                    progress_label: text::progress_label(a.progress_so_far.status).get(lang).to_string(),
                    sentence: a.sentence.get(lang).to_string(),
                })
                .collect();
            let judged = pr.assessments.iter().filter(|a| a.status != assess::Status::InsufficientData).count();
            let good =
                pr.assessments.iter().filter(|a| matches!(a.status, assess::Status::Achieved | assess::Status::VeryLikely | assess::Status::Likely)).count();
            Some(OverviewRow {
                province: p.id.clone(),
                name: p.name(lang).to_string(),
                merged_into: ds.merger(&p.id).and_then(|m| m.into_province.clone()),
                national: p.kind == crate::data::ProvinceKind::National,
                likely_share: if judged == 0 { 0.0 } else { good as f64 / judged as f64 },
                summary: text::province_summary(p.name(lang), &pr.assessments, lang),
                cells,
            })
        })
        .collect();
    // Today's map first: each merged province, the old ones folded under it; then provinces
    // that did not merge (or whose new province the data lacks); the national programme last.
    let mut ordered = Vec::with_capacity(rows.len());
    let is_new = |r: &OverviewRow| rows.iter().any(|o| o.merged_into.as_deref() == Some(r.province.as_str()));
    let news: Vec<String> = rows.iter().filter(|r| is_new(r)).map(|r| r.province.clone()).collect();
    for id in &news {
        if let Some(k) = rows.iter().position(|r| &r.province == id) {
            ordered.push(rows.remove(k));
        }
        while let Some(k) = rows.iter().position(|r| r.merged_into.as_deref() == Some(id.as_str())) {
            ordered.push(rows.remove(k));
        }
    }
    let (national, rest): (Vec<OverviewRow>, Vec<OverviewRow>) = rows.into_iter().partition(|r| r.national);
    ordered.extend(rest);
    ordered.extend(national);
    let mut years: Vec<i32> = ordered.iter().flat_map(|r| r.cells.iter().map(|c| c.year)).collect();
    years.sort_unstable();
    years.dedup();
    Ok(Overview { rows: ordered, years, newest_data_year: newest_data_year(ds), data_version: ds.version.clone() })
}
