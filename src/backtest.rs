//! The back-test: how well does the model predict what was reported later?
//!
//! For every reported value that has an earlier observation of the same province and indicator
//! (and, for DTI ranks, every rank published after a complete ranking), the data is **cut**
//! before that value's year: observations and published ranks of that year and later are
//! removed, the data's "now" moves to the year before, and every calibration made on the data
//! (the trend spreads of `uncertainty`, the peer model's churn) is made again on what is left,
//! so nothing is learnt from the answer. The default rules then project the series to the
//! reported year, and the 80% band (p10–p90) is compared with the reported value.
//!
//! A band that misses is a defect to fix, not a footnote: the report gives, per model family,
//! the coverage of the 80% band (ideally about 80%), the mean absolute error and bias of the
//! median, and the median band width (a band can cover everything by being useless).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::data::{Comparator, Dataset, Direction, GrdpGrowth, Province, ProvinceKind, Source, Target, Text};
use crate::model::ModelKind;
use crate::scenario::{resolve, Scenario};
use crate::sim::simulate;

/// One reported value against the band projected without it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    /// Province id (or `unit-<code>` for a ranked province the dataset has no page for).
    pub province: String,
    /// Its name, in both languages (the ranking's name for a ranked unit).
    pub name: Text,
    /// Indicator id.
    pub indicator: String,
    /// The reported year.
    pub year: i32,
    /// The value reported.
    pub actual: f64,
    /// The last year of data the projection saw.
    pub cut: i32,
    /// The value it started from, and its year.
    pub start: (i32, f64),
    /// 10th percentile of the projection in `year`.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// Whether the reported value lies in the 80% band.
    pub inside: bool,
    /// The model family the projection used.
    pub family: &'static str,
}

/// The scores of one model family (or of all cases).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// Family id (`all` for every case).
    pub family: &'static str,
    /// Number of cases.
    pub cases: usize,
    /// Share of cases whose reported value lies in the 80% band.
    pub coverage: f64,
    /// Mean absolute error of the median, in the indicators' units.
    pub mean_abs_error: f64,
    /// Mean of median − reported (positive: too high).
    pub bias: f64,
    /// Median width of the 80% band.
    pub median_band_width: f64,
}

/// The whole back-test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backtest {
    /// Every case, by year then province.
    pub cases: Vec<Case>,
    /// Coverage of the 80% band over all cases.
    pub coverage: f64,
    /// Scores per family, then over all cases (`all`).
    pub scores: Vec<Score>,
    /// Draws per projection.
    pub draws: u32,
    /// Seed.
    pub seed: u64,
    /// Whether ranks under the peer model kept their own published momentum (see
    /// [`backtest_with`]).
    pub momentum: bool,
}

/// The family of a projected series, for the scores.
fn family(model: ModelKind, peer: bool) -> &'static str {
    match (model, peer) {
        (ModelKind::Rank, true) => "rank_peer",
        (ModelKind::Rank, false) => "rank_single_series",
        (ModelKind::Logistic, _) => "logistic_share",
        (ModelKind::ShareOfFlows, _) => "digital_economy_share",
        (ModelKind::Compound, _) => "compound",
        (ModelKind::Linear, _) => "linear",
        (ModelKind::RateTarget, _) => "rate",
    }
}

/// Replications used to recalibrate the peer model's churn at each cut (fewer than `dxsim
/// calibrate`'s: the grid is the same, the noise of the estimate a little larger).
const CHURN_REPS: usize = 400;

/// The dataset as it stood before `year`: later observations and published ranks removed, its
/// "now" the year before, no targets (the back-test adds its own), and the peer churn
/// recalibrated on the rank changes before the cut.
fn cut_before(ds: &Dataset, year: i32) -> Dataset {
    let mut d = ds.clone();
    d.as_of_year = year - 1;
    for p in &mut d.provinces {
        p.observations.retain(|o| o.year < year && o.proxy.is_none());
        // What the data had before the cut is the series since its last break.
        for ind in d.indicators.iter().map(|i| i.id.clone()).collect::<Vec<_>>() {
            if let Some(b) = p.observations.iter().filter(|o| o.indicator == ind && o.series_break).map(|o| o.year).max() {
                p.observations.retain(|o| o.indicator != ind || o.year >= b);
            }
        }
        p.targets.clear();
        p.assumptions.clear();
    }
    d.rankings.retain(|r| r.base_year < year);
    for r in &mut d.rankings {
        r.years.retain(|y| y.year < year);
        let c = crate::peer::calibrate(r, CHURN_REPS);
        if !c.pairs.is_empty() {
            r.churn = c.best_churn;
        }
    }
    d
}

/// A target that a series must be projected to: the reported value in its year.
fn probe(indicator: &str, year: i32, value: f64, direction: Direction) -> Target {
    Target {
        indicator: indicator.to_string(),
        year,
        comparator: if direction == Direction::Lower { Comparator::Le } else { Comparator::Ge },
        value,
        source: Source::default(),
        reference: false,
        note: None,
    }
}

/// What a case needs before it is projected.
struct Pending {
    province: String,
    name: Text,
    indicator: String,
    actual: f64,
}

/// Every case the data allows, by the reported year.
fn pending(ds: &Dataset) -> BTreeMap<i32, Vec<Pending>> {
    let mut out: BTreeMap<i32, Vec<Pending>> = BTreeMap::new();
    for p in &ds.provinces {
        for ind in ds.indicators.iter().filter(|i| i.growth.is_some()) {
            let own: Vec<&crate::data::Observation> = p.own_observations(&ind.id).collect();
            let obs: Vec<(i32, f64)> = own.iter().map(|o| (o.year, o.value)).collect();
            // A value that breaks the series (part year, another basis) cannot test a projection
            // of the series before it.
            for &(year, actual) in own.iter().filter(|o| o.year <= ds.as_of_year && !o.series_break).map(|o| (o.year, o.value)).collect::<Vec<_>>().iter() {
                // A value whose series was seen before it, or a rank the peer model projects
                // from a complete ranking published before it.
                let earlier = obs.iter().any(|o| o.0 < year);
                let peer = ds.ranking(&ind.id).is_some_and(|r| r.base_year < year) && ds.peer_of(p, &ind.id).is_some();
                if earlier || peer {
                    let name = Text { vi: p.vi.clone(), en: p.en.clone() };
                    out.entry(year).or_default().push(Pending { province: p.id.clone(), name, indicator: ind.id.clone(), actual });
                }
            }
        }
    }
    // Ranks published after the base year for provinces the dataset has no page for.
    for r in &ds.rankings {
        for y in r.years.iter().filter(|y| y.year > r.base_year && y.year <= ds.as_of_year) {
            for e in &y.ranks {
                let linked = ds.provinces.iter().any(|p| p.ranking_unit.as_deref() == Some(e.unit.as_str()));
                let Some(u) = r.unit_index(&e.unit) else { continue };
                if linked {
                    continue;
                }
                let name = Text { vi: r.units[u].name.clone(), en: r.units[u].name.clone() };
                out.entry(y.year).or_default().push(Pending {
                    province: format!("unit-{}", e.unit),
                    name,
                    indicator: r.indicator.clone(),
                    actual: f64::from(e.rank),
                });
            }
        }
    }
    out
}

/// A province standing for a ranked unit the dataset has no page for.
fn unit_province(id: &str, unit: &str, name: &Text, base_year: i32) -> Province {
    Province {
        id: id.to_string(),
        vi: name.vi.clone(),
        en: name.en.clone(),
        kind: ProvinceKind::Province,
        programme_start: base_year - 1,
        grdp_growth: GrdpGrowth { value: 0.0, year: base_year, source: None, rationale: Some(name.clone()) },
        note: None,
        observations: Vec::new(),
        targets: Vec::new(),
        assumptions: Vec::new(),
        qualitative: Vec::new(),
        ranking_unit: Some(unit.to_string()),
    }
}

/// Runs the back-test with `draws` draws per projection, with the default rules.
pub fn backtest(ds: &Dataset, draws: u32, seed: u64) -> Backtest {
    backtest_with(ds, draws, seed, false)
}

/// The own pace a ranked province would keep if it continued its published momentum: the
/// least-squares trend of its published ranks before the cut (places gained a year), capped as
/// the rank trend is (`trend_limit`); `None` with fewer than two published years.
fn momentum(d: &Dataset, indicator: &str, unit: &str) -> Option<f64> {
    let r = d.ranking(indicator)?;
    let points: Vec<(i32, f64)> = r.years.iter().filter_map(|y| y.ranks.iter().find(|e| e.unit == unit).map(|e| (y.year, f64::from(e.rank)))).collect();
    let ind = d.indicator(indicator)?;
    let t = crate::model::trend(ModelKind::Rank, &points, crate::model::Bounds { lo: ind.min, hi: ind.max })?;
    let spec = ind.growth.as_ref()?;
    let limit = spec.trend_limit.unwrap_or(spec.max);
    Some(t.clamp(-limit, limit).clamp(spec.min, spec.max))
}

/// [`backtest`], optionally with **momentum** for ranks under the peer model: each ranked
/// province keeps its own published trend as its pace instead of moving like a typical
/// province (the default). This tests whether persistence beats mean reversion; the simpler
/// default stays unless it does (`docs/rank-model.md`).
pub fn backtest_with(ds: &Dataset, draws: u32, seed: u64, with_momentum: bool) -> Backtest {
    let mut cases = Vec::new();
    for (year, list) in pending(ds) {
        let mut d = cut_before(ds, year);
        for c in &list {
            let Some(ind) = d.indicator(&c.indicator).cloned() else { continue };
            if d.province(&c.province).is_none() {
                let Some(r) = d.ranking(&c.indicator) else { continue };
                let unit = c.province.trim_start_matches("unit-").to_string();
                let base = r.base_year;
                d.provinces.push(unit_province(&c.province, &unit, &c.name, base));
            }
            if let Some(p) = d.provinces.iter_mut().find(|p| p.id == c.province) {
                p.targets.push(probe(&c.indicator, year, c.actual, ind.direction));
            }
        }
        let mut sc = Scenario { draws: Some(draws), seed: Some(seed), ..Default::default() };
        if with_momentum {
            for p in d.provinces.iter().filter(|p| p.targets.iter().any(|t| t.indicator == "dti_rank" || d.ranking(&t.indicator).is_some())) {
                let Some(unit) = &p.ranking_unit else { continue };
                for t in p.targets.iter().filter(|t| d.ranking(&t.indicator).is_some()) {
                    if let Some(g) = momentum(&d, &t.indicator, unit) {
                        let o = sc.provinces.entry(p.id.clone()).or_default().indicators.entry(t.indicator.clone()).or_default();
                        o.growth = Some(g);
                    }
                }
            }
        }
        let Ok(r) = resolve(&d, &sc) else { continue };
        let projections = simulate(&d, &r, None);
        for c in list {
            let Some(pp) = projections.iter().find(|p| p.province == c.province) else { continue };
            let Some(s) = pp.series.iter().find(|s| s.indicator == c.indicator) else { continue };
            let i = s.index(year);
            let (p10, p50, p90) = (s.p10[i], s.p50[i], s.p90[i]);
            let inside = p10 <= c.actual + 1e-9 && c.actual <= p90 + 1e-9;
            cases.push(Case {
                province: c.province,
                name: c.name,
                indicator: c.indicator,
                year,
                actual: c.actual,
                cut: year - 1,
                start: (s.years[0], s.start_value),
                p10,
                p50,
                p90,
                inside,
                family: family(s.model, s.peer_pace.is_some()),
            });
        }
    }
    let mut families: Vec<&'static str> = cases.iter().map(|c| c.family).collect();
    families.sort_unstable();
    families.dedup();
    let mut scores: Vec<Score> = families.iter().map(|&f| score(f, cases.iter().filter(|c| c.family == f))).collect();
    scores.push(score("all", cases.iter()));
    let coverage = scores.last().map_or(0.0, |s| s.coverage);
    Backtest { cases, coverage, scores, draws, seed, momentum: with_momentum }
}

fn score<'a>(family: &'static str, cases: impl Iterator<Item = &'a Case>) -> Score {
    let cases: Vec<&Case> = cases.collect();
    let n = cases.len().max(1) as f64;
    let mut widths: Vec<f64> = cases.iter().map(|c| c.p90 - c.p10).collect();
    widths.sort_by(f64::total_cmp);
    let median_band_width = if widths.is_empty() {
        0.0
    } else if widths.len() % 2 == 1 {
        widths[widths.len() / 2]
    } else {
        (widths[widths.len() / 2 - 1] + widths[widths.len() / 2]) / 2.0
    };
    Score {
        family,
        cases: cases.len(),
        coverage: cases.iter().filter(|c| c.inside).count() as f64 / n,
        mean_abs_error: cases.iter().map(|c| (c.p50 - c.actual).abs()).sum::<f64>() / n,
        bias: cases.iter().map(|c| c.p50 - c.actual).sum::<f64>() / n,
        median_band_width,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_sees_nothing_of_its_year_or_later() {
        let ds = Dataset::builtin();
        let d = cut_before(&ds, 2023);
        assert_eq!(d.as_of_year, 2022);
        assert!(d.provinces.iter().flat_map(|p| &p.observations).all(|o| o.year < 2023));
        assert!(d.rankings.iter().flat_map(|r| &r.years).all(|y| y.year < 2023));
        // Before the complete 2022 ranking, no peer model at all.
        assert!(cut_before(&ds, 2022).rankings.is_empty());
    }

    #[test]
    fn momentum_is_the_capped_trend_of_published_ranks() {
        let ds = Dataset::builtin();
        // Hưng Yên (unit 33) was published 49th, 35th and 33rd in 2020–2022: +8 places a year,
        // capped at the rank trend's ±5; before 2021 it had one published rank, so none.
        assert_eq!(momentum(&cut_before(&ds, 2023), "dti_rank", "33"), Some(5.0));
        assert_eq!(momentum(&ds, "dti_rank", "unknown-unit"), None);
    }

    #[test]
    fn scores_by_hand() {
        let case = |actual: f64, p10: f64, p50: f64, p90: f64| Case {
            province: "x".into(),
            name: Text { vi: "x".into(), en: "x".into() },
            indicator: "i".into(),
            year: 2024,
            actual,
            cut: 2023,
            start: (2023, 0.0),
            p10,
            p50,
            p90,
            inside: p10 <= actual && actual <= p90,
            family: "linear",
        };
        let cs = [case(5.0, 4.0, 6.0, 8.0), case(10.0, 1.0, 2.0, 3.0)];
        let s = score("linear", cs.iter());
        assert_eq!(s.cases, 2);
        assert_eq!(s.coverage, 0.5);
        // |6 − 5| and |2 − 10| → 4.5; bias (1 − 8)/2 = −3.5; widths 4 and 2 → median 3.
        assert_eq!((s.mean_abs_error, s.bias, s.median_band_width), (4.5, -3.5, 3.0));
    }
}
