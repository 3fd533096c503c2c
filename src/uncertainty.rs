//! What we do not know about a trend, calibrated on how the dataset's own series actually moved.
//!
//! A trend fitted on two or three points is itself uncertain, and an indicator with one
//! observation (or none) has no trend of its own at all. So every Monte Carlo draw samples a
//! *persistent* growth rate around the default, `g + s·z` (one `z` per draw, held for all
//! years), on top of the yearly noise. This module gives `s`, the **trend spread**:
//!
//! 1. For each growth model, every pair of consecutive reported values of one province and
//!    indicator (proxies left out) gives one observed yearly rate, in the model's parameter
//!    (places a year for ranks, the log-odds rate for bounded shares, the share's own growth for
//!    the digital-economy share…). The **family spread** is the standard deviation of those
//!    rates: how differently such indicators really moved across provinces and years.
//! 2. A series' trend spread is then `sqrt(SE² + family² / max(n − 1, 1))` with `n` its own
//!    observations and `SE` the standard error of its least-squares slope (three points or
//!    more): its own fit, plus what so few points cannot rule out.
//!
//! With fewer than two observed rates in a family, a prior stands in: a quarter of the growth
//! assumption's allowed range (see [`prior_spread`]; an assumption, shown as such by
//! `dxsim calibrate`).
//!
//! Only observations **before** a given year are read, so the back-test calibrates each cut on
//! data before it (no peeking). `dxsim calibrate` prints every family spread with its inputs.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::data::Dataset;
use crate::model::{self, Bounds, ModelKind};

/// One observed yearly rate: a pair of consecutive reported values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservedRate {
    /// Province id.
    pub province: String,
    /// Indicator id.
    pub indicator: String,
    /// First year of the pair.
    pub from: i32,
    /// Second year of the pair.
    pub to: i32,
    /// The rate, in the model's parameter units per year.
    pub rate: f64,
}

/// The calibrated spread of one growth model's yearly rates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilySpread {
    /// The growth model.
    pub model: ModelKind,
    /// The observed rates it is computed from.
    pub rates: Vec<ObservedRate>,
    /// Their standard deviation (`None` with fewer than two rates).
    pub spread: Option<f64>,
}

/// Every family's spread from the own observations of simulated indicators before `before`.
pub fn family_spreads(ds: &Dataset, before: i32) -> BTreeMap<ModelKind, FamilySpread> {
    let mut out: BTreeMap<ModelKind, FamilySpread> = BTreeMap::new();
    for p in &ds.provinces {
        for ind in ds.indicators.iter().filter(|i| i.growth.is_some()) {
            let b = Bounds { lo: ind.min, hi: ind.max };
            let own: Vec<&crate::data::Observation> = p.own_observations(&ind.id).filter(|o| o.year < before).collect();
            let obs: Vec<(i32, f64)> = own.iter().map(|o| (o.year, o.value)).collect();
            for (k, w) in obs.windows(2).enumerate() {
                // No rate across a series break (a part-year figure, another basis).
                if w[1].0 <= w[0].0 || own[k + 1].series_break {
                    continue;
                }
                let Some(rate) = model::trend(ind.model, w, b) else { continue };
                out.entry(ind.model).or_insert_with(|| FamilySpread { model: ind.model, rates: Vec::new(), spread: None }).rates.push(ObservedRate {
                    province: p.id.clone(),
                    indicator: ind.id.clone(),
                    from: w[0].0,
                    to: w[1].0,
                    rate,
                });
            }
        }
    }
    for f in out.values_mut() {
        let n = f.rates.len();
        if n >= 2 {
            let mean = f.rates.iter().map(|r| r.rate).sum::<f64>() / n as f64;
            let var = f.rates.iter().map(|r| (r.rate - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
            f.spread = Some(libm::sqrt(var));
        }
    }
    out
}

/// The spread assumed for a growth model before any series of its kind was observed: the
/// growth assumption's allowed range read as ±2 standard deviations, i.e. a quarter of it. An
/// assumption, chosen before looking at any back-test, and used only while a family has fewer
/// than two observed rates.
pub fn prior_spread(min: f64, max: f64) -> f64 {
    (max - min) / 4.0
}

/// The trend spread of one series: its own fit's standard error (if any) combined with the
/// family spread shrunk by its number of observations. `fallback` stands in for a family with
/// fewer than two observed rates.
pub fn trend_spread(family: Option<&FamilySpread>, fallback: f64, own_points: usize, own_se: Option<f64>) -> f64 {
    let f = family.and_then(|f| f.spread).unwrap_or(fallback);
    let shrink = own_points.saturating_sub(1).max(1) as f64;
    let se = own_se.unwrap_or(0.0);
    libm::sqrt(se * se + f * f / shrink)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_by_hand() {
        // Two rates 1 and 3: SD = sqrt(((1−2)² + (3−2)²) / 1) = √2.
        let f = FamilySpread {
            model: ModelKind::Linear,
            rates: vec![
                ObservedRate { province: "a".into(), indicator: "x".into(), from: 2020, to: 2021, rate: 1.0 },
                ObservedRate { province: "a".into(), indicator: "x".into(), from: 2021, to: 2022, rate: 3.0 },
            ],
            spread: Some(2f64.sqrt()),
        };
        // One or two own points: the whole family spread; three: shrunk by √2, plus the SE.
        assert!((trend_spread(Some(&f), 9.0, 0, None) - 2f64.sqrt()).abs() < 1e-12);
        assert!((trend_spread(Some(&f), 9.0, 2, None) - 2f64.sqrt()).abs() < 1e-12);
        assert!((trend_spread(Some(&f), 9.0, 3, Some(1.0)) - 2f64.sqrt()).abs() < 1e-12);
        // No family: the fallback.
        assert!((trend_spread(None, 9.0, 1, None) - 9.0).abs() < 1e-12);
    }

    #[test]
    fn only_data_before_the_cut_is_read() {
        let ds = Dataset::builtin();
        let all = family_spreads(&ds, ds.as_of_year + 1);
        let early = family_spreads(&ds, 2022);
        let count = |m: &BTreeMap<ModelKind, FamilySpread>| m.values().map(|f| f.rates.len()).sum::<usize>();
        assert!(count(&early) < count(&all));
        assert!(early.values().flat_map(|f| &f.rates).all(|r| r.to < 2022));
        // The DTI ranks of the seed provinces give the rank family several rates.
        assert!(all[&ModelKind::Rank].rates.len() >= 5);
    }
}
