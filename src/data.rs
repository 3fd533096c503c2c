//! The sourced dataset: provinces, pillars, indicators, observations, targets and assumptions.
//!
//! The built-in dataset lives in `data/dataset.json` (human-readable, reviewed like code) and is
//! embedded in the binary. Any file of the same schema (`dxsim validate FILE`) goes through
//! [`Dataset::from_json`], which validates everything and never panics. Every number carries its provenance: observations and targets a [`Source`]
//! (seed file + verbatim quote, or URL + quote), assumptions a rationale.
//!
//! This module knows nothing about simulation; it only describes and checks the facts.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::lang::Lang;
pub use crate::lang::Text;
use crate::model::ModelKind;

/// The built-in dataset, embedded at compile time.
pub const BUILTIN_JSON: &str = include_str!("../data/dataset.json");

/// Largest dataset file accepted (bytes); the built-in one is about 60 KB.
pub const MAX_DATASET_BYTES: usize = 2_000_000;
/// Limits that keep a hostile dataset from exhausting memory or the page.
const MAX_PROVINCES: usize = 200;
const MAX_INDICATORS: usize = 200;
const MAX_FACTS: usize = 2_000;
const MAX_TEXT: usize = 2_000;
const MAX_ID: usize = 64;
/// Pillars a dataset may define: the DTI has 3 (plus "overall"); room for a file's own.
const MAX_PILLARS: usize = 20;
/// Peer rankings a dataset may hold: one per rank indicator, and there are few of those.
const MAX_RANKINGS: usize = 10;
/// Old provinces one merger may join: the 2025 merger joined at most three.
const MAX_MERGED_PARTS: usize = 10;
/// Published years of one ranking: the DTI started in 2020; fifty years is far beyond any use.
const MAX_RANKING_YEARS: usize = 50;
/// Largest churn τ of a peer ranking: at τ = 2 a unit's yearly step spans the whole normal
/// layout of the field (±3.5), so ranks would be reshuffled at random every year.
const MAX_CHURN: f64 = 2.0;
/// Largest magnitude of an indicator's bounds: above 1e12 a count's float steps lose the units
/// place, and no indicator of the programmes comes near it (GRDP in billion đồng is ~1e7).
const MAX_MAGNITUDE: f64 = 1e12;
/// Largest yearly uncertainty a growth spec may allow (in its parameter's unit): beyond it the
/// normal draws overflow the model's states.
const MAX_SIGMA: f64 = 1e6;
/// Years a fact may carry.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// One of the pillars the indicators are grouped by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    /// Stable id (`government`, `economy`, `society`, `overall`).
    pub id: String,
    /// Vietnamese name.
    pub vi: String,
    /// English name.
    pub en: String,
}

/// What an indicator's numbers measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A share, 0–100.
    Percent,
    /// A share of gross regional domestic product, 0–100.
    PercentGrdp,
    /// A number of things (enterprises, households…).
    Count,
    /// A growth rate in % per year.
    Rate,
    /// A position in a ranking (1 is best).
    Rank,
    /// An amount in billions of đồng.
    BillionVnd,
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better (shares, counts).
    Higher,
    /// Less is better (ranks).
    Lower,
}

/// The adjustable growth assumption of an indicator, with its range for the page's slider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrowthSpec {
    /// Default where no trend can be estimated (in the model's own unit).
    pub default: f64,
    /// Smallest value a scenario may set.
    pub min: f64,
    /// Largest value a scenario may set.
    pub max: f64,
    /// Slider step.
    pub step: f64,
    /// Default uncertainty: standard deviation of the yearly growth draw.
    pub sigma: f64,
    /// Largest uncertainty a scenario may set.
    pub sigma_max: f64,
    /// Trend-derived defaults are clamped to ±this (ranks swing; see the rationale).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend_limit: Option<f64>,
    /// Why the default is what it is.
    pub rationale: Text,
}

/// An indicator: what is measured, in which unit, within which bounds, by which growth model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable id.
    pub id: String,
    /// Pillar id.
    pub pillar: String,
    /// Vietnamese label.
    pub vi: String,
    /// English label.
    pub en: String,
    /// Unit of the values.
    pub unit: Unit,
    /// Which way is better.
    pub direction: Direction,
    /// Natural lower bound (0 for shares, 1 for ranks).
    pub min: f64,
    /// Natural upper bound (100 for shares, N for ranks).
    pub max: f64,
    /// Growth model used to project it.
    pub model: ModelKind,
    /// The growth assumption; absent for context indicators that are never simulated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth: Option<GrowthSpec>,
}

/// Where a number comes from.
///
/// Exactly one of `seed` (a file of the seed articles) or `url`. A seed source must quote the
/// article verbatim; a URL source quotes the page or, where the research pack recorded the value
/// without a verbatim phrase, says so in `via`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Seed article file name (in `shared/seeds/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
    /// Web address of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Verbatim quote containing the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// How the value reached us when there is no verbatim quote (e.g. the research pack row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// The number as written in the quote when it is in words ("10 nghìn").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_text: Option<String>,
}

/// A reported value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// Indicator id.
    pub indicator: String,
    /// Year the value refers to.
    pub year: i32,
    /// The value, in the indicator's unit.
    pub value: f64,
    /// Where it comes from.
    pub source: Source,
    /// Arithmetic used when the value is derived from the quote (e.g. `35 + 14`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derivation: Option<String>,
    /// Caveats (definition differs, partial year…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Set when the value measures something else that stands in for the indicator (a
    /// *proxy*): what it really measures. A proxy is labelled wherever it shows, never decides
    /// a verdict (`achieved`/`missed`, progress so far) and, as a start, is uncertain within
    /// `range`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<Text>,
    /// For a proxy: the range the indicator's own value may lie in, `[low, high]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
    /// The value is not comparable with the series' earlier values (a part-year figure, another
    /// basis, a stricter definition): no yearly rate is computed across it and progress so far
    /// starts from it. The `note` says why.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub series_break: bool,
}

/// How a target compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
pub enum Comparator {
    /// At least.
    #[serde(rename = ">=")]
    Ge,
    /// More than.
    #[serde(rename = ">")]
    Gt,
    /// At most (ranks: "top 20" is ≤ 20).
    #[serde(rename = "<=")]
    Le,
    /// Less than.
    #[serde(rename = "<")]
    Lt,
}

impl Comparator {
    /// The symbol shown to people and written in CSV.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Ge => ">=",
            Comparator::Gt => ">",
            Comparator::Le => "<=",
            Comparator::Lt => "<",
        }
    }
}

/// A goal: reach `value` (by `comparator`) in `year`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Indicator id.
    pub indicator: String,
    /// Deadline year.
    pub year: i32,
    /// How the value compares.
    pub comparator: Comparator,
    /// The target value.
    pub value: f64,
    /// Where it comes from.
    pub source: Source,
    /// A national target used as a benchmark for a province that published none.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reference: bool,
    /// Caveats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A starting value the sources do not give, with the reason it was chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    /// Indicator id.
    pub indicator: String,
    /// Year the assumed value refers to.
    pub year: i32,
    /// Assumed value.
    pub value: f64,
    /// Why this value.
    pub rationale: Text,
    /// Made by the documented placeholder rule rather than written in the dataset.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub placeholder: bool,
    /// What we do not know: the range `[low, high]` the starting value may lie in. Each Monte
    /// Carlo draw samples its start from it (triangular, with `value` as the most likely
    /// value). Required for a written assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
    /// Set when the value is computed from the parts of a merged province by a written rule:
    /// the rule and its inputs. The core recomputes `value` (and `range`) from them and refuses
    /// a file where they differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived: Option<Derivation>,
}

/// How a merged province's value is computed from its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeriveRule {
    /// Shares weighted by their denominators (the digital-economy share by GRDP, household
    /// shares by households, population shares by population).
    WeightedMean,
    /// Counts are summed.
    Sum,
    /// A simple average of the parts (the Ministry's 63→34 rule for the DTI).
    Mean,
}

/// One part's value in a derivation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DerivedInput {
    /// The part (an old province), by name.
    pub part: Text,
    /// Year of the part's value.
    pub year: i32,
    /// The part's value.
    pub value: f64,
    /// Where the part's value is itself uncertain (an assumption): its range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
    /// Where the value comes from (reported), or why it is assumed (`rationale`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Why the part's value is what it is, when no source reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<Text>,
    /// The denominator the part weighs with (`weighted_mean` only), e.g. GRDP in billion VND.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Where the weight comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_source: Option<Source>,
}

/// A value computed from a merged province's parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Derivation {
    /// The rule.
    pub rule: DeriveRule,
    /// The parts' values.
    pub inputs: Vec<DerivedInput>,
}

impl Derivation {
    /// The derived value and, when any input is uncertain, its range (every rule is
    /// increasing in each input, so the range comes from the inputs' lows and highs).
    pub fn compute(&self) -> Option<(f64, Option<(f64, f64)>)> {
        let at = |pick: &dyn Fn(&DerivedInput) -> f64| -> Option<f64> {
            let n = self.inputs.len() as f64;
            match self.rule {
                DeriveRule::Sum => Some(self.inputs.iter().map(pick).sum()),
                DeriveRule::Mean => (n > 0.0).then(|| self.inputs.iter().map(pick).sum::<f64>() / n),
                DeriveRule::WeightedMean => {
                    let w: f64 = self.inputs.iter().map(|i| i.weight.unwrap_or(0.0)).sum();
                    (w > 0.0).then(|| self.inputs.iter().map(|i| pick(i) * i.weight.unwrap_or(0.0)).sum::<f64>() / w)
                }
            }
        };
        let value = at(&|i| i.value)?;
        let uncertain = self.inputs.iter().any(|i| i.range.is_some());
        let range = if uncertain { Some((at(&|i| i.range.map_or(i.value, |r| r[0]))?, at(&|i| i.range.map_or(i.value, |r| r[1]))?)) } else { None };
        Some((value, range))
    }
}

/// A goal stated in words, listed but not simulated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualitative {
    /// Pillar id.
    pub pillar: String,
    /// Deadline year.
    pub year: i32,
    /// The goal.
    pub text: Text,
    /// Where it comes from.
    pub source: Source,
}

/// A province-level shared assumption: GRDP growth, used by the digital-economy share model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrdpGrowth {
    /// Growth in % per year.
    pub value: f64,
    /// Year of the reported figure.
    pub year: i32,
    /// Source when the figure is reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Rationale when it is an assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<Text>,
}

/// A province, or the national programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvinceKind {
    /// A province or centrally-run city.
    Province,
    /// The national programme (QĐ 749/QĐ-TTg), shown as a reference.
    National,
}

/// A province with its facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Province {
    /// Stable id (`hai-duong`).
    pub id: String,
    /// Vietnamese name.
    pub vi: String,
    /// English name.
    pub en: String,
    /// Province or national programme.
    pub kind: ProvinceKind,
    /// Year the digital-transformation programme started (placeholder starts and rate averages).
    pub programme_start: i32,
    /// Assumed GRDP growth for the digital-economy share model.
    pub grdp_growth: GrdpGrowth,
    /// A note shown on the province's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Reported values.
    #[serde(default)]
    pub observations: Vec<Observation>,
    /// Goals.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Assumed starting values.
    #[serde(default)]
    pub assumptions: Vec<Assumption>,
    /// Goals stated in words.
    #[serde(default)]
    pub qualitative: Vec<Qualitative>,
    /// The province's unit in the dataset's peer rankings (the GSO code, e.g. `"30"`), so that its
    /// rank targets are simulated against every other province (see `peer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking_unit: Option<String>,
}

/// One province of a peer ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankingUnit {
    /// Stable id (the GSO province code, e.g. `"30"` for Hải Dương).
    pub id: String,
    /// Name as published.
    pub name: String,
}

/// One published rank of one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankEntry {
    /// Unit id.
    pub unit: String,
    /// Rank (1 is best; tied units share the better rank, as the DTI publishes them).
    pub rank: u32,
    /// `verified` (read in the source) or `derived` (arithmetic on a stated change of rank).
    pub status: String,
    /// Where it was read.
    pub url: String,
}

/// The ranks published for one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankingYear {
    /// Year the ranking refers to.
    pub year: i32,
    /// Known ranks (all units for a complete year, a few for a partial one).
    pub ranks: Vec<RankEntry>,
}

/// A ranking of all provinces on one indicator (the DTI), for the peer rank model: every unit's
/// position moves each year, and a province's rank is computed jointly with all the others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeerRanking {
    /// The rank indicator it models (`dti_rank`).
    pub indicator: String,
    /// All units ranked; their number must equal the indicator's `max`.
    pub units: Vec<RankingUnit>,
    /// The year whose complete ranking the simulation starts from.
    pub base_year: i32,
    /// Published ranks, by year (the base year complete, others partial).
    pub years: Vec<RankingYear>,
    /// Churn τ: the standard deviation of a unit's yearly step in latent position, calibrated on
    /// the observed rank changes in `years` (`dxsim calibrate` recomputes it).
    pub churn: f64,
    /// Range of the peers' general pace assumption (places per year).
    pub pace_min: f64,
    /// See `pace_min`.
    pub pace_max: f64,
    /// Why the province's own improvement defaults to what it does under this model.
    pub own_rationale: Text,
    /// Why the peers' pace defaults to 0.
    pub pace_rationale: Text,
    /// What drives the model, shown beside every rank goal it simulates.
    pub note: Text,
}

impl PeerRanking {
    /// The complete base-year ranking.
    pub fn base(&self) -> Option<&RankingYear> {
        self.years.iter().find(|y| y.year == self.base_year)
    }

    /// Index of a unit.
    pub fn unit_index(&self, id: &str) -> Option<usize> {
        self.units.iter().position(|u| u.id == id)
    }
}

/// What a province became in the 1 July 2025 merger of 63 provinces into 34.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Merger {
    /// The old province (an id of this dataset).
    pub from: String,
    /// Name of the merged province.
    pub into: Text,
    /// The merged province's id in this dataset, where its own goals are recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub into_province: Option<String>,
    /// The other old provinces merged with it (names).
    pub with: Vec<String>,
    /// Date it took effect (ISO, `2025-07-01`).
    pub date: String,
    /// `verified` (the composition is quoted from the plan or resolution) or `reported`
    /// (a secondary report only).
    pub status: String,
    /// Where the composition is stated.
    pub source: Source,
}

/// The whole dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Data version, part of every shared link (`v=`).
    pub version: String,
    /// The year "now" is in: targets before it are past.
    pub as_of_year: i32,
    /// Pillars, in display order.
    #[serde(default)]
    pub pillars: Vec<Pillar>,
    /// Indicators, in display order.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Provinces, in display order.
    pub provinces: Vec<Province>,
    /// Peer rankings for the peer rank model (one per rank indicator at most).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rankings: Vec<PeerRanking>,
    /// The 2025 merger crosswalk: what each old province became.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mergers: Vec<Merger>,
}

/// Where a starting value comes from: how much a verdict built on it can claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum StartKind {
    /// A reported value of the indicator itself.
    Observed,
    /// A reported value of another measure standing in for it (uncertain within its range).
    Proxy,
    /// A written assumption with a rationale and a range.
    Assumption,
    /// Computed from a merged province's parts by a written rule (see [`Derivation`]).
    Derived,
    /// Nobody reported anything: the documented placeholder rule. No likelihood is claimed.
    Placeholder,
    /// A value the user entered (in the page, a link or a scenario file).
    Entered,
}

impl StartKind {
    /// The stable id.
    pub fn id(self) -> &'static str {
        match self {
            StartKind::Observed => "observed",
            StartKind::Proxy => "proxy",
            StartKind::Assumption => "assumption",
            StartKind::Derived => "derived",
            StartKind::Placeholder => "placeholder",
            StartKind::Entered => "entered",
        }
    }
}

/// Where a simulated series starts, and whether that is fact or assumption.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Start {
    /// Year of the starting value.
    pub year: i32,
    /// The value (the most likely one when there is a range).
    pub value: f64,
    /// True when it is not a reported value of the indicator itself (editable in the page).
    pub assumed: bool,
    /// Where it comes from.
    pub kind: StartKind,
    /// The range the start may lie in, `(low, high)`, when it is uncertain.
    pub range: Option<(f64, f64)>,
}

impl Dataset {
    /// The built-in dataset. It is validated by the test suite, so this cannot fail at run time.
    pub fn builtin() -> Dataset {
        Dataset::from_json(BUILTIN_JSON).expect("built-in dataset is validated by tests")
    }

    /// Parses and validates a dataset file; adds placeholder assumptions (see [`Province`]).
    ///
    /// # Errors
    /// Any JSON, schema or consistency problem, naming the field path, the value and what is
    /// allowed.
    pub fn from_json(text: &str) -> Result<Dataset> {
        check_size(text)?;
        let mut ds: Dataset = crate::error::parse_json(text)?;
        check_len("provinces", ds.provinces.len(), 1, MAX_PROVINCES)?;
        ds.validate()?;
        ds.add_placeholders();
        Ok(ds)
    }

    /// A user's dataset file merged beside this one (the built-in data): its provinces are
    /// added; its pillars and indicators may repeat ours exactly or add new ones; its rankings
    /// and merger entries are added. The result is validated as a whole.
    ///
    /// # Errors
    /// As [`Dataset::from_json`], plus a province id that is already taken, an indicator or
    /// pillar that differs from ours under the same id, a second ranking for one indicator, or a
    /// different `as_of_year`; each names the field in the imported file.
    pub fn with_import(&self, text: &str) -> Result<Dataset> {
        check_size(text)?;
        let import: Dataset = crate::error::parse_json(text)?;
        check_import_mergers(&import)?;
        check_text("version", &import.version, 40)?;
        if import.as_of_year != self.as_of_year {
            return Err(Error::new("as_of_year", import.as_of_year, format!("{} (the year of the built-in data)", self.as_of_year)));
        }
        check_len("provinces", import.provinces.len(), 1, MAX_PROVINCES)?;
        let mut merged = self.clone();
        // Where each entry of the file sits in the merged lists, so that errors found in the
        // merged dataset name the entry of the file.
        let mut places = FilePlaces::new(self, &import);
        for (i, p) in import.pillars.into_iter().enumerate() {
            match self.pillar(&p.id) {
                Some(ours) if *ours == p => {}
                Some(_) => return Err(Error::new(format!("pillars[{i}].id"), &p.id, "a new pillar id, or a pillar identical to the built-in one")),
                None => {
                    places.pillars.push((merged.pillars.len(), i));
                    merged.pillars.push(p)
                }
            }
        }
        for (i, ind) in import.indicators.into_iter().enumerate() {
            match self.indicator(&ind.id) {
                Some(ours) if *ours == ind => {}
                Some(_) => return Err(Error::new(format!("indicators[{i}].id"), &ind.id, "a new indicator id, or an indicator identical to the built-in one")),
                None => {
                    places.indicators.push((merged.indicators.len(), i));
                    merged.indicators.push(ind)
                }
            }
        }
        for (i, p) in import.provinces.into_iter().enumerate() {
            if self.province(&p.id).is_some() {
                return Err(Error::new(format!("provinces[{i}].id"), &p.id, format!("an id not used by the built-in data ({})", self.province_ids())));
            }
            merged.provinces.push(p);
        }
        merged.rankings.extend(import.rankings);
        merged.mergers.extend(import.mergers);
        merged.validate().map_err(|e| places.in_file(e))?;
        merged.add_placeholders();
        Ok(merged)
    }

    /// The peer ranking for a rank indicator, if the dataset has one.
    pub fn ranking(&self, indicator: &str) -> Option<&PeerRanking> {
        self.rankings.iter().find(|r| r.indicator == indicator)
    }

    /// The ranking and the unit index a province's rank indicator is simulated with, when the
    /// peer rank model applies to it.
    pub fn peer_of(&self, p: &Province, indicator: &str) -> Option<(&PeerRanking, usize)> {
        let r = self.ranking(indicator)?;
        Some((r, r.unit_index(p.ranking_unit.as_deref()?)?))
    }

    /// What an old province became in the 2025 merger.
    pub fn merger(&self, province: &str) -> Option<&Merger> {
        self.mergers.iter().find(|m| m.from == province)
    }

    /// Looks a province up by id.
    pub fn province(&self, id: &str) -> Option<&Province> {
        self.provinces.iter().find(|p| p.id == id)
    }

    /// Looks an indicator up by id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// Looks a pillar up by id.
    pub fn pillar(&self, id: &str) -> Option<&Pillar> {
        self.pillars.iter().find(|p| p.id == id)
    }

    /// Looks a province up by id, or says which ids exist: the one "unknown province" error,
    /// named after the `field` that asked.
    ///
    /// # Errors
    /// An id the dataset does not have.
    pub fn require_province(&self, field: &str, id: &str) -> Result<&Province> {
        self.province(id).ok_or_else(|| Error::new(field, id, format!("one of {}", self.province_ids())))
    }

    /// Province ids, comma-separated, for error messages.
    pub fn province_ids(&self) -> String {
        self.provinces.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
    }

    fn validate(&self) -> Result<()> {
        check_text("version", &self.version, 40)?;
        if !YEARS.contains(&self.as_of_year) {
            return Err(Error::new("as_of_year", self.as_of_year, "a year from 1990 to 2100"));
        }
        check_len("pillars", self.pillars.len(), 1, MAX_PILLARS)?;
        check_len("indicators", self.indicators.len(), 1, MAX_INDICATORS)?;
        // A merged dataset holds the built-in data and an import of up to MAX_PROVINCES each.
        check_len("provinces", self.provinces.len(), 1, 2 * MAX_PROVINCES)?;
        let mut seen = BTreeSet::new();
        for (i, p) in self.pillars.iter().enumerate() {
            let f = format!("pillars[{i}]");
            check_id(&format!("{f}.id"), &p.id)?;
            check_text(&format!("{f}.vi"), &p.vi, 200)?;
            check_text(&format!("{f}.en"), &p.en, 200)?;
            if !seen.insert(p.id.as_str()) {
                return Err(Error::new(format!("{f}.id"), &p.id, "an id not used by another pillar"));
            }
        }
        let mut seen = BTreeSet::new();
        for (i, ind) in self.indicators.iter().enumerate() {
            self.validate_indicator(&format!("indicators[{i}]"), ind)?;
            if !seen.insert(ind.id.as_str()) {
                return Err(Error::new(format!("indicators[{i}].id"), &ind.id, "an id not used by another indicator"));
            }
        }
        let mut seen = BTreeSet::new();
        for (i, p) in self.provinces.iter().enumerate() {
            self.validate_province(&format!("provinces[{i}]"), p)?;
            if !seen.insert(p.id.as_str()) {
                return Err(Error::new(format!("provinces[{i}].id"), &p.id, "an id not used by another province"));
            }
        }
        check_len("rankings", self.rankings.len(), 0, MAX_RANKINGS)?;
        for (i, r) in self.rankings.iter().enumerate() {
            self.validate_ranking(&format!("rankings[{i}]"), r)?;
            if self.rankings[..i].iter().any(|o| o.indicator == r.indicator) {
                return Err(Error::new(format!("rankings[{i}].indicator"), &r.indicator, "an indicator without another ranking"));
            }
        }
        for (i, p) in self.provinces.iter().enumerate() {
            if let Some(u) = &p.ranking_unit {
                if !self.rankings.iter().any(|r| r.unit_index(u).is_some()) {
                    return Err(Error::new(format!("provinces[{i}].ranking_unit"), u, "a unit id of one of the dataset's rankings"));
                }
            }
        }
        check_len("mergers", self.mergers.len(), 0, MAX_PROVINCES)?;
        for (i, m) in self.mergers.iter().enumerate() {
            let f = format!("mergers[{i}]");
            if self.province(&m.from).is_none() {
                return Err(Error::new(format!("{f}.from"), &m.from, format!("one of the province ids: {}", self.province_ids())));
            }
            if self.mergers[..i].iter().any(|o| o.from == m.from) {
                return Err(Error::new(format!("{f}.from"), &m.from, "a province without another merger entry"));
            }
            check_bilingual(&format!("{f}.into"), &m.into)?;
            if let Some(ip) = &m.into_province {
                if self.province(ip).is_none() || ip == &m.from {
                    return Err(Error::new(format!("{f}.into_province"), ip, "the id of another province of the dataset"));
                }
            }
            check_len(&format!("{f}.with"), m.with.len(), 0, MAX_MERGED_PARTS)?;
            for (k, w) in m.with.iter().enumerate() {
                check_text(&format!("{f}.with[{k}]"), w, 200)?;
            }
            check_text(&format!("{f}.date"), &m.date, 10)?;
            if !matches!(m.status.as_str(), "verified" | "reported") {
                return Err(Error::new(format!("{f}.status"), &m.status, "verified or reported"));
            }
            check_source(&format!("{f}.source"), &m.source)?;
        }
        self.check_contradictions()
    }

    fn validate_ranking(&self, f: &str, r: &PeerRanking) -> Result<()> {
        let Some(ind) = self.indicator(&r.indicator) else {
            return Err(Error::new(format!("{f}.indicator"), &r.indicator, "one of the indicator ids of the dataset"));
        };
        if ind.unit != Unit::Rank {
            return Err(Error::new(format!("{f}.indicator"), &r.indicator, "an indicator whose unit is rank"));
        }
        check_len(&format!("{f}.units"), r.units.len(), 2, MAX_PROVINCES)?;
        if r.units.len() as f64 != ind.max {
            return Err(Error::new(format!("{f}.units"), format!("{} units", r.units.len()), format!("as many units as {} has places ({})", ind.id, ind.max)));
        }
        for (k, u) in r.units.iter().enumerate() {
            check_id(&format!("{f}.units[{k}].id"), &u.id)?;
            check_text(&format!("{f}.units[{k}].name"), &u.name, 200)?;
            if r.units[..k].iter().any(|o| o.id == u.id) {
                return Err(Error::new(format!("{f}.units[{k}].id"), &u.id, "an id not used by another unit"));
            }
        }
        check_year(&format!("{f}.base_year"), r.base_year)?;
        check_len(&format!("{f}.years"), r.years.len(), 1, MAX_RANKING_YEARS)?;
        let n = r.units.len() as u32;
        for (k, y) in r.years.iter().enumerate() {
            let yf = format!("{f}.years[{k}]");
            check_year(&format!("{yf}.year"), y.year)?;
            if r.years[..k].iter().any(|o| o.year == y.year) {
                return Err(Error::new(format!("{yf}.year"), y.year, "a year without another entry"));
            }
            check_len(&format!("{yf}.ranks"), y.ranks.len(), 1, r.units.len())?;
            for (j, e) in y.ranks.iter().enumerate() {
                let ef = format!("{yf}.ranks[{j}]");
                if r.unit_index(&e.unit).is_none() {
                    return Err(Error::new(format!("{ef}.unit"), &e.unit, "one of the ranking's unit ids"));
                }
                if y.ranks[..j].iter().any(|o| o.unit == e.unit) {
                    return Err(Error::new(format!("{ef}.unit"), &e.unit, "a unit ranked once per year"));
                }
                if e.rank == 0 || e.rank > n {
                    return Err(Error::new(format!("{ef}.rank"), e.rank, format!("a rank from 1 to {n}")));
                }
                if !matches!(e.status.as_str(), "verified" | "derived") {
                    return Err(Error::new(format!("{ef}.status"), &e.status, "verified or derived"));
                }
                check_source(&format!("{ef}.url"), &Source { url: Some(e.url.clone()), via: Some("ranking".into()), ..Source::default() })?;
            }
        }
        let Some(base) = r.base() else {
            return Err(Error::new(format!("{f}.base_year"), r.base_year, "a year listed in years"));
        };
        // The base year must rank every unit, as a competition ranking (1, 2, 2, 4…) does.
        if base.ranks.len() != r.units.len() {
            return Err(Error::new(format!("{f}.base_year"), r.base_year, format!("a year ranking all {n} units")));
        }
        let mut ranks: Vec<u32> = base.ranks.iter().map(|e| e.rank).collect();
        ranks.sort_unstable();
        for (k, &rk) in ranks.iter().enumerate() {
            let better = ranks.iter().filter(|&&o| o < rk).count() as u32;
            if rk != better + 1 {
                return Err(Error::new(
                    format!("{f}.base_year"),
                    format!("rank {rk} at position {}", k + 1),
                    "a competition ranking: a rank equals 1 + the number of units ranked better",
                ));
            }
        }
        if !(r.churn > 0.0 && r.churn <= MAX_CHURN) {
            return Err(Error::new(format!("{f}.churn"), r.churn, format!("a yearly churn above 0 and at most {MAX_CHURN}")));
        }
        check_finite(&format!("{f}.pace_min"), r.pace_min)?;
        check_finite(&format!("{f}.pace_max"), r.pace_max)?;
        if !(r.pace_min < 0.0 && r.pace_max > 0.0 && r.pace_min >= -f64::from(n) && r.pace_max <= f64::from(n)) {
            return Err(Error::new(format!("{f}.pace_min"), r.pace_min, format!("pace_min < 0 < pace_max, both within ±{n} places")));
        }
        check_bilingual(&format!("{f}.own_rationale"), &r.own_rationale)?;
        check_bilingual(&format!("{f}.pace_rationale"), &r.pace_rationale)?;
        check_bilingual(&format!("{f}.note"), &r.note)
    }

    fn validate_indicator(&self, f: &str, ind: &Indicator) -> Result<()> {
        check_id(&format!("{f}.id"), &ind.id)?;
        check_text(&format!("{f}.vi"), &ind.vi, 200)?;
        check_text(&format!("{f}.en"), &ind.en, 200)?;
        if self.pillar(&ind.pillar).is_none() {
            return Err(Error::new(format!("{f}.pillar"), &ind.pillar, "one of the pillar ids"));
        }
        check_finite(&format!("{f}.min"), ind.min)?;
        check_finite(&format!("{f}.max"), ind.max)?;
        if ind.min >= ind.max || ind.min.abs() > MAX_MAGNITUDE || ind.max.abs() > MAX_MAGNITUDE {
            return Err(Error::new(format!("{f}.max"), ind.max, format!("a number above min ({}) and at most {MAX_MAGNITUDE:e}", ind.min)));
        }
        if ind.unit == Unit::Rank && (ind.min != 1.0 || ind.max.fract() != 0.0) {
            return Err(Error::new(format!("{f}.min"), ind.min, "ranks run from 1 to a whole number N"));
        }
        if matches!(ind.model, ModelKind::Logistic | ModelKind::ShareOfFlows) && ind.min != 0.0 {
            return Err(Error::new(format!("{f}.min"), ind.min, "0 for logistic and share models"));
        }
        if let Some(g) = &ind.growth {
            let gf = format!("{f}.growth");
            for (name, v) in [("default", g.default), ("min", g.min), ("max", g.max), ("step", g.step), ("sigma", g.sigma), ("sigma_max", g.sigma_max)] {
                check_finite(&format!("{gf}.{name}"), v)?;
            }
            if !(g.min < g.max && g.default >= g.min && g.default <= g.max) {
                return Err(Error::new(format!("{gf}.default"), g.default, format!("min < max and default within [{}, {}]", g.min, g.max)));
            }
            if g.step <= 0.0 || g.step > g.max - g.min {
                return Err(Error::new(format!("{gf}.step"), g.step, "a positive step no larger than max − min"));
            }
            if g.sigma < 0.0 || g.sigma > g.sigma_max || g.sigma_max > MAX_SIGMA {
                return Err(Error::new(format!("{gf}.sigma"), g.sigma, format!("0 ≤ sigma ≤ sigma_max ≤ {MAX_SIGMA:e}")));
            }
            if let Some(t) = g.trend_limit {
                if !t.is_finite() || t <= 0.0 {
                    return Err(Error::new(format!("{gf}.trend_limit"), t, "a positive number"));
                }
            }
            check_text(&format!("{gf}.rationale.vi"), &g.rationale.vi, MAX_TEXT)?;
            check_text(&format!("{gf}.rationale.en"), &g.rationale.en, MAX_TEXT)?;
        }
        Ok(())
    }

    fn validate_province(&self, f: &str, p: &Province) -> Result<()> {
        check_id(&format!("{f}.id"), &p.id)?;
        check_text(&format!("{f}.vi"), &p.vi, 200)?;
        check_text(&format!("{f}.en"), &p.en, 200)?;
        check_year(&format!("{f}.programme_start"), p.programme_start)?;
        if let Some(n) = &p.note {
            check_bilingual(&format!("{f}.note"), n)?;
        }
        let g = &p.grdp_growth;
        check_finite(&format!("{f}.grdp_growth.value"), g.value)?;
        if !(GRDP_MIN..=GRDP_MAX).contains(&g.value) {
            return Err(Error::new(format!("{f}.grdp_growth.value"), g.value, format!("{GRDP_MIN} to {GRDP_MAX} (% per year)")));
        }
        check_year(&format!("{f}.grdp_growth.year"), g.year)?;
        match (&g.source, &g.rationale) {
            (Some(s), None) => check_source(&format!("{f}.grdp_growth.source"), s)?,
            (None, Some(r)) => check_bilingual(&format!("{f}.grdp_growth.rationale"), r)?,
            _ => return Err(Error::new(format!("{f}.grdp_growth"), "source and rationale", "exactly one of source (reported) or rationale (assumed)")),
        }
        let total = p.observations.len() + p.targets.len() + p.assumptions.len() + p.qualitative.len();
        if total > MAX_FACTS {
            return Err(Error::new(f, format!("{total} facts"), format!("at most {MAX_FACTS} facts per province")));
        }
        for (i, o) in p.observations.iter().enumerate() {
            let of = format!("{f}.observations[{i}]");
            let ind = self.fact_indicator(&of, &o.indicator)?;
            check_year(&format!("{of}.year"), o.year)?;
            check_value(&format!("{of}.value"), o.value, ind)?;
            check_source(&format!("{of}.source"), &o.source)?;
            if let Some(d) = &o.derivation {
                check_text(&format!("{of}.derivation"), d, 200)?;
            }
            if let Some(n) = &o.note {
                check_bilingual(&format!("{of}.note"), n)?;
            }
            match (&o.proxy, o.range) {
                (Some(px), Some(r)) => {
                    check_bilingual(&format!("{of}.proxy"), px)?;
                    check_range(&format!("{of}.range"), r, o.value, ind)?;
                }
                (Some(_), None) => {
                    return Err(Error::new(format!("{of}.range"), "(missing)", "[low, high]: the range the indicator's own value may lie in, for a proxy"))
                }
                (None, Some(_)) => {
                    return Err(Error::new(format!("{of}.range"), "(given)", "nothing: a range belongs to a proxy (set `proxy`) or an assumption"))
                }
                (None, None) => {}
            }
        }
        let mut seen = BTreeSet::new();
        for (i, t) in p.targets.iter().enumerate() {
            let tf = format!("{f}.targets[{i}]");
            let ind = self.fact_indicator(&tf, &t.indicator)?;
            check_year(&format!("{tf}.year"), t.year)?;
            check_value(&format!("{tf}.value"), t.value, ind)?;
            check_source(&format!("{tf}.source"), &t.source)?;
            if let Some(n) = &t.note {
                check_bilingual(&format!("{tf}.note"), n)?;
            }
            if ind.growth.is_none() {
                return Err(Error::new(format!("{tf}.indicator"), &t.indicator, "an indicator with a growth assumption (this one is context only)"));
            }
            if t.year <= p.programme_start {
                return Err(Error::new(format!("{tf}.year"), t.year, format!("a year after programme_start ({})", p.programme_start)));
            }
            let expected_cmp = match ind.direction {
                Direction::Higher => [Comparator::Ge, Comparator::Gt],
                Direction::Lower => [Comparator::Le, Comparator::Lt],
            };
            if !expected_cmp.contains(&t.comparator) {
                return Err(Error::new(
                    format!("{tf}.comparator"),
                    t.comparator.symbol(),
                    format!(
                        "{} or {} for an indicator where {} is better",
                        expected_cmp[0].symbol(),
                        expected_cmp[1].symbol(),
                        if ind.direction == Direction::Higher { "higher" } else { "lower" }
                    ),
                ));
            }
            if !seen.insert((t.indicator.as_str(), t.year)) {
                return Err(Error::new(format!("{tf}.year"), t.year, "one target per indicator and year"));
            }
        }
        for (i, a) in p.assumptions.iter().enumerate() {
            let af = format!("{f}.assumptions[{i}]");
            let ind = self.fact_indicator(&af, &a.indicator)?;
            check_year(&format!("{af}.year"), a.year)?;
            check_value(&format!("{af}.value"), a.value, ind)?;
            check_bilingual(&format!("{af}.rationale"), &a.rationale)?;
            if let Some(d) = &a.derived {
                self.validate_derivation(&format!("{af}.derived"), d, a, ind)?;
            }
            match a.range {
                Some(r) => check_range(&format!("{af}.range"), r, a.value, ind)?,
                // A derivation from reported values alone is as sure as its inputs.
                None if a.derived.as_ref().is_some_and(|d| d.inputs.iter().all(|i| i.range.is_none())) => {}
                None if !a.placeholder => {
                    return Err(Error::new(format!("{af}.range"), "(missing)", "[low, high]: the range the starting value may lie in, with low ≤ value ≤ high"))
                }
                None => {}
            }
            // A derived value may stand beside a published one as a check (the published value
            // still wins as the start); any other assumption only where nothing is reported.
            if a.derived.is_none() && p.observations.iter().any(|o| o.indicator == a.indicator) {
                return Err(Error::new(
                    format!("{af}.indicator"),
                    &a.indicator,
                    "an indicator without observations (observed values always win), unless the assumption is `derived` (a check beside them)",
                ));
            }
            if p.assumptions[..i].iter().any(|b| b.indicator == a.indicator) {
                return Err(Error::new(format!("{af}.indicator"), &a.indicator, "one starting assumption per indicator"));
            }
        }
        for (i, q) in p.qualitative.iter().enumerate() {
            let qf = format!("{f}.qualitative[{i}]");
            if self.pillar(&q.pillar).is_none() {
                return Err(Error::new(format!("{qf}.pillar"), &q.pillar, "one of the pillar ids"));
            }
            check_year(&format!("{qf}.year"), q.year)?;
            check_bilingual(&format!("{qf}.text"), &q.text)?;
            check_source(&format!("{qf}.source"), &q.source)?;
        }
        Ok(())
    }

    /// A derivation's inputs are sourced or explained, and recomputing it gives the
    /// assumption's value and range (to the hundredth).
    fn validate_derivation(&self, f: &str, d: &Derivation, a: &Assumption, ind: &Indicator) -> Result<()> {
        check_len(&format!("{f}.inputs"), d.inputs.len(), 1, 10)?;
        for (k, i) in d.inputs.iter().enumerate() {
            let inf = format!("{f}.inputs[{k}]");
            check_bilingual(&format!("{inf}.part"), &i.part)?;
            check_year(&format!("{inf}.year"), i.year)?;
            check_value(&format!("{inf}.value"), i.value, ind)?;
            if let Some(r) = i.range {
                check_range(&format!("{inf}.range"), r, i.value, ind)?;
            }
            match (&i.source, &i.rationale) {
                (Some(s), None) => check_source(&format!("{inf}.source"), s)?,
                (None, Some(r)) => check_bilingual(&format!("{inf}.rationale"), r)?,
                _ => return Err(Error::new(inf, "source and rationale", "exactly one of source (reported) or rationale (assumed)")),
            }
            match (d.rule, i.weight) {
                (DeriveRule::WeightedMean, Some(w)) if w.is_finite() && w > 0.0 => {
                    let ws = i.weight_source.as_ref().ok_or_else(|| Error::new(format!("{inf}.weight_source"), "(missing)", "the source of the weight"))?;
                    check_source(&format!("{inf}.weight_source"), ws)?;
                }
                (DeriveRule::WeightedMean, w) => {
                    return Err(Error::new(format!("{inf}.weight"), format!("{w:?}"), "a positive weight (the part's denominator)"))
                }
                (_, Some(w)) => return Err(Error::new(format!("{inf}.weight"), w, "nothing: only weighted_mean uses weights")),
                (_, None) => {}
            }
        }
        let Some((value, range)) = d.compute() else {
            return Err(Error::new(format!("{f}.inputs"), "(none usable)", "inputs the rule can combine"));
        };
        let close = |x: f64, y: f64| (x - y).abs() < 0.005 + 1e-9 * y.abs();
        if !close(value, a.value) {
            return Err(Error::new(f, a.value, format!("the value the rule gives: {value:.2}")));
        }
        match (range, a.range) {
            (Some((lo, hi)), Some([l, h])) if close(lo, l) && close(hi, h) => Ok(()),
            (None, _) => Ok(()),
            (Some((lo, hi)), got) => Err(Error::new(f, format!("range {got:?}"), format!("the range the rule gives: [{lo:.2}, {hi:.2}]"))),
        }
    }

    fn fact_indicator(&self, field: &str, id: &str) -> Result<&Indicator> {
        self.indicator(id).ok_or_else(|| Error::new(format!("{field}.indicator"), id, "one of the indicator ids of the dataset"))
    }

    /// The documented placeholder rule: a target whose indicator has neither an observation nor
    /// an explicit assumption gets an assumed start of **half of its earliest target value, in
    /// the programme's start year** (ranks: the bottom of the ranking). It is marked
    /// `placeholder`, shown as an editable assumption and never as fact.
    fn add_placeholders(&mut self) {
        let indicators: BTreeMap<String, Indicator> = self.indicators.iter().map(|i| (i.id.clone(), i.clone())).collect();
        for p in &mut self.provinces {
            let mut earliest: BTreeMap<&str, &Target> = BTreeMap::new();
            for t in &p.targets {
                let e = earliest.entry(t.indicator.as_str()).or_insert(t);
                if t.year < e.year {
                    *e = t;
                }
            }
            let mut added = Vec::new();
            for (id, t) in earliest {
                let ind = &indicators[id];
                let has_start = p.observations.iter().any(|o| o.indicator == id) || p.assumptions.iter().any(|a| a.indicator == id);
                if has_start || ind.model == ModelKind::RateTarget {
                    continue;
                }
                let value = if ind.unit == Unit::Rank { ind.max } else { (t.value / 2.0).clamp(ind.min, ind.max) };
                added.push(Assumption {
                    indicator: id.to_string(),
                    year: p.programme_start,
                    value,
                    rationale: placeholder_rationale(p.programme_start, t.year),
                    placeholder: true,
                    range: None,
                    derived: None,
                });
            }
            p.assumptions.extend(added);
        }
    }
}

/// The latest year a target may have: the last year the model projects
/// (`scenario::MAX_HORIZON`; a test keeps the two equal).
pub const LATEST_TARGET_YEAR: i32 = 2035;

impl Dataset {
    /// Facts that contradict each other or what the model can do: a target after the latest
    /// horizon, an observation after the data's `as_of_year`, two values for one province,
    /// indicator and year.
    fn check_contradictions(&self) -> Result<()> {
        for (i, p) in self.provinces.iter().enumerate() {
            let f = format!("provinces[{i}]");
            for (k, t) in p.targets.iter().enumerate() {
                if t.year > LATEST_TARGET_YEAR {
                    return Err(Error::new(
                        format!("{f}.targets[{k}].year"),
                        t.year,
                        format!(
                            "a year up to {LATEST_TARGET_YEAR}, the latest the model projects (targets from {} to {LATEST_TARGET_YEAR})",
                            p.programme_start + 1
                        ),
                    ));
                }
            }
            let mut seen = BTreeSet::new();
            for (k, o) in p.observations.iter().enumerate() {
                if o.year > self.as_of_year {
                    return Err(Error::new(
                        format!("{f}.observations[{k}].year"),
                        o.year,
                        format!("a year up to as_of_year ({}): an observation cannot come from the future", self.as_of_year),
                    ));
                }
                if !seen.insert((o.indicator.as_str(), o.year)) {
                    return Err(Error::new(
                        format!("{f}.observations[{k}].year"),
                        o.year,
                        format!("one observation per indicator and year ({} in {} already has one)", o.indicator, o.year),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Checks a dataset file against the data in use (`self`, the built-in data) and says what
    /// it is: a **complete** dataset, which has more than half of the provinces of the data in
    /// use (a copy of `data/dataset.json`, perhaps edited) and is checked on its own, or an
    /// **import**, merged beside the data in use (see [`Dataset::with_import`]), where a province
    /// id that is already taken is an error. The decision is made on the file's province ids,
    /// never on the text of an error.
    ///
    /// # Errors
    /// As [`Dataset::from_json`] for a complete dataset, as [`Dataset::with_import`] for an import.
    pub fn check_file(&self, text: &str) -> Result<DatasetFile> {
        check_size(text)?;
        let raw: Dataset = crate::error::parse_json(text)?;
        let ours = self.provinces.iter().filter(|p| raw.province(&p.id).is_some()).count();
        let complete = ours * 2 > self.provinces.len();
        if complete {
            return Ok(DatasetFile::Complete(Dataset::from_json(text)?));
        }
        let merged = self.with_import(text)?;
        let added = merged.provinces[self.provinces.len()..].iter().map(|p| p.id.clone()).collect();
        Ok(DatasetFile::Import { merged, added })
    }
}

/// What [`Dataset::check_file`] found a file to be.
#[derive(Debug, Clone, PartialEq)]
pub enum DatasetFile {
    /// A complete dataset (more than half of the provinces in use), valid on its own.
    Complete(Dataset),
    /// A file of one's own merged beside the data in use.
    Import {
        /// The data in use with the file merged beside it.
        merged: Dataset,
        /// The ids of the provinces it adds, in file order.
        added: Vec<String>,
    },
}

/// Whether a JSON document has the shape of a dataset rather than a scenario, judged by its
/// top-level keys (read even when the JSON is broken): any of `version`, `as_of_year`,
/// `pillars`, `indicators`, `rankings`, `mergers`, or `provinces` holding an array (a scenario's
/// `provinces` is an object).
pub fn looks_like_dataset(text: &str) -> bool {
    crate::error::top_level_keys(text.trim_start_matches('\u{feff}')).iter().any(|(k, first)| {
        matches!(k.as_str(), "version" | "as_of_year" | "pillars" | "indicators" | "rankings" | "mergers") || (k == "provinces" && *first == b'[')
    })
}

/// An imported file may only describe its own provinces' mergers: a `from` (or `into_province`)
/// naming a built-in province would make our pages say what it became.
fn check_import_mergers(import: &Dataset) -> Result<()> {
    let own = || import.provinces.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ");
    for (i, m) in import.mergers.iter().enumerate() {
        if import.province(&m.from).is_none() {
            return Err(Error::new(format!("mergers[{i}].from"), &m.from, format!("a province of this file ({})", own())));
        }
        if let Some(ip) = &m.into_province {
            if import.province(ip).is_none() {
                return Err(Error::new(format!("mergers[{i}].into_province"), ip, format!("a province of this file ({})", own())));
            }
        }
    }
    Ok(())
}

/// Where the entries of an imported file sit in the merged dataset: `(merged index, file
/// index)` per list, to turn an error's path in the merged dataset into the path in the file.
struct FilePlaces {
    pillars: Vec<(usize, usize)>,
    indicators: Vec<(usize, usize)>,
    provinces: Vec<(usize, usize)>,
    rankings: Vec<(usize, usize)>,
    mergers: Vec<(usize, usize)>,
}

impl FilePlaces {
    /// Provinces, rankings and mergers are all appended; pillars and indicators are recorded
    /// as they are merged.
    fn new(ours: &Dataset, file: &Dataset) -> Self {
        let appended = |before: usize, n: usize| (0..n).map(|i| (before + i, i)).collect();
        FilePlaces {
            pillars: Vec::new(),
            indicators: Vec::new(),
            provinces: appended(ours.provinces.len(), file.provinces.len()),
            rankings: appended(ours.rankings.len(), file.rankings.len()),
            mergers: appended(ours.mergers.len(), file.mergers.len()),
        }
    }

    /// The error with its path renumbered from the merged dataset to the file.
    fn in_file(&self, mut e: Error) -> Error {
        for (list, places) in [
            ("pillars", &self.pillars),
            ("indicators", &self.indicators),
            ("provinces", &self.provinces),
            ("rankings", &self.rankings),
            ("mergers", &self.mergers),
        ] {
            let Some(rest) = e.field.strip_prefix(list).and_then(|r| r.strip_prefix('[')) else { continue };
            let Some((n, tail)) = rest.split_once(']') else { continue };
            if let Some(&(_, file)) = n.parse::<usize>().ok().and_then(|n| places.iter().find(|(m, _)| *m == n)) {
                e.field = format!("{list}[{file}]{tail}");
            }
        }
        e
    }
}

/// Longest source address accepted (characters).
const MAX_URL: usize = 500;

/// Checks a source address so that a browser's URL parser accepts it, and more strictly: the
/// scheme `http` or `https`, `//`, a host (an ASCII DNS name of letters, digits and hyphens in
/// non-empty dot-separated labels, punycode `xn--` labels that decode; a dotted IPv4 address; or
/// a well-formed IPv6 literal in brackets), an optional port from 1 to 65535, then an optional
/// path, query and fragment of visible ASCII without quotes, angle brackets or backslashes; at
/// most 500 characters. Written by hand: the `url` crate would add much to the wasm.
pub fn check_url(field: &str, url: &str) -> Result<()> {
    let err = |allowed: &str| Err(Error::new(field, format!("{url:?}"), allowed));
    if url.chars().count() > MAX_URL {
        return err("an http:// or https:// address of at most 500 characters");
    }
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return err("an address starting with http:// or https://");
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (host, port) = if authority.starts_with('[') {
        let Some(close) = authority.find(']') else {
            return err("a well-formed IPv6 address in brackets, like [2001:db8::1]");
        };
        let (host, after) = authority.split_at(close + 1);
        match after.strip_prefix(':') {
            Some(p) => (host, Some(p)),
            None if after.is_empty() => (host, None),
            None => return err("a port from 1 to 65535 after the host, or nothing"),
        }
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if let Some(p) = port {
        let ok = !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n));
        if !ok {
            return err("a port from 1 to 65535 after the host");
        }
    }
    if let Err(allowed) = check_host(host) {
        return err(allowed);
    }
    if !tail.bytes().all(|b| (0x21..=0x7e).contains(&b) && !matches!(b, b'"' | b'\'' | b'`' | b'<' | b'>' | b'\\')) {
        return err("a path, query and fragment of visible ASCII characters, without spaces, quotes, angle brackets or backslashes");
    }
    Ok(())
}

/// The host part of [`check_url`]; the error is what is allowed.
fn check_host(host: &str) -> std::result::Result<(), &'static str> {
    const NAME: &str = "a host name of letters, digits and hyphens in dot-separated parts (none empty), a dotted IPv4 address, or an IPv6 address in brackets";
    if let Some(inner) = host.strip_prefix('[') {
        return match inner.strip_suffix(']') {
            Some(v6) if is_ipv6(v6) => Ok(()),
            _ => Err("a well-formed IPv6 address in brackets, like [2001:db8::1]"),
        };
    }
    if !host.is_ascii() {
        return Err("a host name in ASCII: write a non-ASCII name in punycode (xn--…), e.g. xn--vitnam-jk8b.vn for việtnam.vn");
    }
    if host.is_empty() || host.len() > 253 {
        return Err(NAME);
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.iter().any(|l| l.is_empty() || l.len() > 63 || !l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')) {
        return Err(NAME);
    }
    // A browser reads a host whose last label is a number as an IPv4 address.
    let last = labels[labels.len() - 1].to_ascii_lowercase();
    let numeric = last.bytes().all(|b| b.is_ascii_digit()) || last.strip_prefix("0x").is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
    if numeric {
        let ok = labels.len() == 4
            && labels.iter().all(|l| {
                l.len() <= 3 && l.bytes().all(|b| b.is_ascii_digit()) && (l.len() == 1 || !l.starts_with('0')) && l.parse::<u32>().is_ok_and(|n| n <= 255)
            });
        return if ok { Ok(()) } else { Err("an IPv4 address of four numbers from 0 to 255 (a host name cannot end in a number)") };
    }
    for l in &labels {
        let lower = l.to_ascii_lowercase();
        if let Some(code) = lower.strip_prefix("xn--") {
            // Decoded, a label must hold some non-ASCII letter: not controls, Latin-1 signs or
            // private-use characters (a character table for "letter" would cost the wasm
            // several kilobytes).
            let letter = |c: char| {
                c.is_ascii_lowercase()
                    || c.is_ascii_digit()
                    || c == '-'
                    || (c >= '\u{c0}' && !matches!(c, '\u{d7}' | '\u{f7}' | '\u{e000}'..='\u{f8ff}' | '\u{fff0}'..))
            };
            let ok = punycode_decode(code).is_some_and(|cs| cs.iter().any(|c| !c.is_ascii()) && cs.into_iter().all(letter));
            if !ok {
                return Err("punycode labels (xn--…) that decode to a name");
            }
        }
    }
    Ok(())
}

/// A well-formed IPv6 address (RFC 4291 text form: eight groups of 1–4 hex digits, one `::`
/// for a run of zero groups, optionally a dotted IPv4 address for the last two).
fn is_ipv6(s: &str) -> bool {
    fn is_ipv4(s: &str) -> bool {
        let parts: Vec<&str> = s.split('.').collect();
        parts.len() == 4
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.len() <= 3
                    && p.bytes().all(|b| b.is_ascii_digit())
                    && (p.len() == 1 || !p.starts_with('0'))
                    && p.parse::<u32>().is_ok_and(|n| n <= 255)
            })
    }
    // Groups in one side of `::`, or None if malformed; an IPv4 tail counts as two.
    fn groups(part: &str, v4_last: bool) -> Option<usize> {
        if part.is_empty() {
            return Some(0);
        }
        let pieces: Vec<&str> = part.split(':').collect();
        let mut n = 0;
        for (k, p) in pieces.iter().enumerate() {
            if v4_last && k + 1 == pieces.len() && p.contains('.') {
                if !is_ipv4(p) {
                    return None;
                }
                n += 2;
            } else if !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_hexdigit()) {
                n += 1;
            } else {
                return None;
            }
        }
        Some(n)
    }
    match s.split_once("::") {
        Some((head, tail)) => !tail.contains("::") && matches!((groups(head, false), groups(tail, true)), (Some(h), Some(t)) if h + t <= 7),
        None => groups(s, true) == Some(8),
    }
}

/// Decodes the part of a punycode label after `xn--` (RFC 3492); None if it is not valid.
fn punycode_decode(input: &str) -> Option<Vec<char>> {
    const BASE: u32 = 36;
    const TMIN: u32 = 1;
    const TMAX: u32 = 26;
    fn adapt(delta: u32, points: u32, first: bool) -> u32 {
        let mut delta = if first { delta / 700 } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - TMIN) * TMAX) / 2 {
            delta /= BASE - TMIN;
            k += BASE;
        }
        k + (BASE - TMIN + 1) * delta / (delta + 38)
    }
    let (basic, coded) = match input.rfind('-') {
        Some(i) => (&input[..i], &input[i + 1..]),
        None => ("", input),
    };
    let mut out: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut digits = coded.bytes();
    let mut next = digits.next();
    while next.is_some() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let c = next?;
            next = digits.next();
            let digit = match c {
                b'a'..=b'z' => u32::from(c - b'a'),
                b'0'..=b'9' => u32::from(c - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(digit.checked_mul(w)?)?;
            let t = if k <= bias {
                TMIN
            } else if k >= bias + TMAX {
                TMAX
            } else {
                k - bias
            };
            if digit < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let len = out.len() as u32 + 1;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        out.insert(i as usize, char::from_u32(n)?);
        i += 1;
        if out.len() > 63 {
            return None;
        }
    }
    Some(out)
}

/// Range allowed for GRDP growth (% per year), in the dataset and in scenarios.
pub const GRDP_MIN: f64 = -10.0;
/// See [`GRDP_MIN`].
pub const GRDP_MAX: f64 = 20.0;

fn placeholder_rationale(start: i32, target_year: i32) -> Text {
    Text {
        vi: format!("Không nguồn nào cho biết giá trị xuất phát. Giả định tạm theo quy tắc chung: bằng một nửa mục tiêu {target_year}, tại năm {start} khi chương trình bắt đầu (với thứ hạng: cuối bảng). Hãy sửa nếu biết số thực."),
        en: format!("No source gives a starting value. Placeholder by the general rule: half of the {target_year} target, in {start} when the programme started (for ranks: last place). Edit it if you know the real figure."),
    }
}

impl Province {
    /// Where a simulated indicator starts: its last own observation; else its last proxy
    /// observation (uncertain within its range); else its assumption.
    pub fn start(&self, indicator: &str) -> Option<Start> {
        let last = |proxy: bool| self.observations.iter().filter(|o| o.indicator == indicator && o.proxy.is_some() == proxy).max_by_key(|o| o.year);
        if let Some(o) = last(false) {
            return Some(Start { year: o.year, value: o.value, assumed: false, kind: StartKind::Observed, range: None });
        }
        if let Some(o) = last(true) {
            return Some(Start { year: o.year, value: o.value, assumed: true, kind: StartKind::Proxy, range: o.range.map(|[l, h]| (l, h)) });
        }
        self.assumptions.iter().find(|a| a.indicator == indicator).map(|a| Start {
            year: a.year,
            value: a.value,
            assumed: true,
            kind: match (a.placeholder, &a.derived) {
                (true, _) => StartKind::Placeholder,
                (false, Some(_)) => StartKind::Derived,
                (false, None) => StartKind::Assumption,
            },
            range: a.range.map(|[l, h]| (l, h)),
        })
    }

    /// Reported values of the indicator itself (proxies left out), oldest first: what a
    /// verdict may rest on.
    pub fn own_observations<'a>(&'a self, indicator: &'a str) -> impl Iterator<Item = &'a Observation> + 'a {
        self.observations_of(indicator).filter(|o| o.proxy.is_none())
    }

    /// Indicator ids that have at least one target, in dataset indicator order.
    pub fn simulated_indicators<'a>(&'a self, ds: &'a Dataset) -> impl Iterator<Item = &'a Indicator> + 'a {
        ds.indicators.iter().filter(move |i| self.targets.iter().any(|t| t.indicator == i.id))
    }

    /// Observations of one indicator, oldest first.
    pub fn observations_of<'a>(&'a self, indicator: &'a str) -> impl Iterator<Item = &'a Observation> + 'a {
        let mut v: Vec<&Observation> = self.observations.iter().filter(|o| o.indicator == indicator).collect();
        v.sort_by_key(|o| o.year);
        v.into_iter()
    }

    /// The name in a language.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

impl Indicator {
    /// The label in a language.
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// Refuses a dataset file larger than [`MAX_DATASET_BYTES`] before parsing it.
fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_DATASET_BYTES {
        return Err(Error::new("(dataset)", format!("{} bytes", text.len()), format!("at most {MAX_DATASET_BYTES} bytes")));
    }
    Ok(())
}

fn check_len(field: &str, n: usize, min: usize, max: usize) -> Result<()> {
    if n < min || n > max {
        return Err(Error::new(field, format!("{n} entries"), format!("{min} to {max} entries")));
    }
    Ok(())
}

fn check_id(field: &str, id: &str) -> Result<()> {
    let ok = !id.is_empty() && id.len() <= MAX_ID && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !ok {
        return Err(Error::new(field, format!("{id:?}"), format!("1 to {MAX_ID} characters from a-z, 0-9, '-' and '_'")));
    }
    Ok(())
}

fn check_text(field: &str, s: &str, max: usize) -> Result<()> {
    if s.trim().is_empty() || s.chars().count() > max || s.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::new(field, format!("{s:?}"), format!("non-empty text of at most {max} characters without control characters")));
    }
    Ok(())
}

fn check_bilingual(field: &str, t: &Text) -> Result<()> {
    check_text(&format!("{field}.vi"), &t.vi, MAX_TEXT)?;
    check_text(&format!("{field}.en"), &t.en, MAX_TEXT)
}

fn check_finite(field: &str, v: f64) -> Result<()> {
    if !v.is_finite() {
        return Err(Error::new(field, v, "a finite number"));
    }
    Ok(())
}

fn check_year(field: &str, y: i32) -> Result<()> {
    if !YEARS.contains(&y) {
        return Err(Error::new(field, y, "a year from 1990 to 2100"));
    }
    Ok(())
}

fn check_value(field: &str, v: f64, ind: &Indicator) -> Result<()> {
    check_finite(field, v)?;
    if v < ind.min || v > ind.max {
        return Err(Error::new(field, v, format!("a value within the natural bounds of {} [{}, {}]", ind.id, ind.min, ind.max)));
    }
    Ok(())
}

/// An uncertainty range `[low, high]` around `value`, within the indicator's natural bounds.
fn check_range(field: &str, r: [f64; 2], value: f64, ind: &Indicator) -> Result<()> {
    let [lo, hi] = r;
    let ok = lo.is_finite() && hi.is_finite() && lo < hi && lo <= value && value <= hi && lo >= ind.min && hi <= ind.max;
    if !ok {
        return Err(Error::new(
            field,
            format!("[{lo}, {hi}]"),
            format!("[low, high] with low < high, low ≤ the value ({value}) ≤ high, within the natural bounds of {} [{}, {}]", ind.id, ind.min, ind.max),
        ));
    }
    Ok(())
}

fn check_source(field: &str, s: &Source) -> Result<()> {
    match (&s.seed, &s.url) {
        (Some(seed), None) => {
            let ok = !seed.is_empty()
                && seed.len() <= 100
                && seed.ends_with(".txt")
                && seed.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-');
            if !ok {
                return Err(Error::new(format!("{field}.seed"), format!("{seed:?}"), "a seed file name like 000_f56e9af59e81eda3.txt"));
            }
            if s.quote.is_none() {
                return Err(Error::new(format!("{field}.quote"), "(missing)", "a verbatim quote from the seed file"));
            }
        }
        (None, Some(url)) => {
            // Only web addresses: a `javascript:` or `data:` URL in a dataset must never become a link.
            check_url(&format!("{field}.url"), url)?;
            if s.quote.is_none() && s.via.is_none() {
                return Err(Error::new(format!("{field}.quote"), "(missing)", "a verbatim quote, or `via` saying how the value was recorded"));
            }
        }
        _ => return Err(Error::new(field, "seed and url", "exactly one of `seed` or `url`")),
    }
    for (name, t) in [("quote", &s.quote), ("via", &s.via), ("value_text", &s.value_text)] {
        if let Some(t) = t {
            check_text(&format!("{field}.{name}"), t, MAX_TEXT)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_dataset_is_valid() {
        let ds = Dataset::from_json(BUILTIN_JSON).unwrap();
        for id in ["hai-duong", "hung-yen", "khanh-hoa", "hau-giang", "national"] {
            assert!(ds.province(id).is_some(), "{id}");
        }
    }

    #[test]
    fn every_target_has_a_start_or_is_a_rate() {
        let ds = Dataset::builtin();
        for p in &ds.provinces {
            for t in &p.targets {
                let ind = ds.indicator(&t.indicator).unwrap();
                assert!(ind.model == ModelKind::RateTarget || p.start(&t.indicator).is_some(), "{} {}", p.id, t.indicator);
            }
        }
    }

    #[test]
    fn placeholder_is_half_the_earliest_target() {
        let ds = Dataset::builtin();
        let hd = ds.province("hai-duong").unwrap();
        let a = hd.assumptions.iter().find(|a| a.indicator == "work_records_province").unwrap();
        assert!(a.placeholder);
        assert_eq!((a.year, a.value), (2021, 45.0));
        // Observed values win over assumptions.
        assert!(!hd.start("dti_rank").unwrap().assumed);
    }

    /// The merged-province rules by hand: a share weighted by GRDP, a DTI average, a sum.
    #[test]
    fn derivations_by_hand() {
        let part = |value: f64, range: Option<[f64; 2]>, weight: Option<f64>| DerivedInput {
            part: Text { vi: "x".into(), en: "x".into() },
            year: 2023,
            value,
            range,
            source: None,
            rationale: None,
            weight,
            weight_source: None,
        };
        // Hải Phòng 29.7% of a GRDP of 445,995 and Hải Dương 10% (5.78–17.15) of 212,386:
        // (29.7·445995 + 10·212386) / 658381 = 23.345…; low 22.06…, high 25.66…
        let d =
            Derivation { rule: DeriveRule::WeightedMean, inputs: vec![part(29.7, None, Some(445_995.0)), part(10.0, Some([5.78, 17.15]), Some(212_386.0))] };
        let (v, r) = d.compute().unwrap();
        let w = 445_995.0 + 212_386.0;
        assert!((v - (29.7 * 445_995.0 + 10.0 * 212_386.0) / w).abs() < 1e-9);
        let (lo, hi) = r.unwrap();
        assert!((lo - (29.7 * 445_995.0 + 5.78 * 212_386.0) / w).abs() < 1e-9);
        assert!((hi - (29.7 * 445_995.0 + 17.15 * 212_386.0) / w).abs() < 1e-9);
        // The DTI rule: the simple average of the parts, 0.7 and 0.6 → 0.65.
        let d = Derivation { rule: DeriveRule::Mean, inputs: vec![part(0.7, None, None), part(0.6, None, None)] };
        let (v, r) = d.compute().unwrap();
        assert!((v - 0.65).abs() < 1e-12 && r.is_none());
        // Counts add up.
        let d = Derivation { rule: DeriveRule::Sum, inputs: vec![part(1000.0, None, None), part(250.0, None, None)] };
        assert_eq!(d.compute(), Some((1250.0, None)));
    }

    #[test]
    fn hostile_datasets_get_clear_errors() {
        let mut ds: serde_json::Value = serde_json::from_str(BUILTIN_JSON).unwrap();
        ds["provinces"][0]["id"] = "<script>".into();
        let e = Dataset::from_json(&ds.to_string()).unwrap_err();
        assert_eq!(e.field, "provinces[0].id");

        let mut ds: serde_json::Value = serde_json::from_str(BUILTIN_JSON).unwrap();
        ds["provinces"][0]["targets"][0]["source"] = serde_json::json!({"url": "javascript:alert(1)", "quote": "x"});
        let e = Dataset::from_json(&ds.to_string()).unwrap_err();
        assert_eq!(e.field, "provinces[0].targets[0].source.url");

        let mut ds: serde_json::Value = serde_json::from_str(BUILTIN_JSON).unwrap();
        ds["indicators"][0]["surprise"] = 1.into();
        let e = Dataset::from_json(&ds.to_string()).unwrap_err();
        assert!(e.field.starts_with("indicators[0]"), "{e}");
        assert!(e.allowed.contains("unknown field"), "{e}");

        // Deep nesting is refused before it can exhaust the stack.
        let e = Dataset::from_json(&"[".repeat(10_000)).unwrap_err();
        assert!(!e.field.is_empty() && !e.allowed.is_empty());
        let e = Dataset::from_json(&format!("{{\"version\": {}1{}}}", "[".repeat(10_000), "]".repeat(10_000))).unwrap_err();
        assert_eq!(e.field, "version");
        let e = Dataset::from_json(r#"{"version": 3}"#).unwrap_err();
        assert_eq!((e.field.as_str(), e.value.as_str()), ("version", "a value of the wrong type"));
    }

    #[test]
    fn source_urls_are_what_a_browser_parses() {
        for ok in [
            "http://example.com",
            "https://a.b-c.vn/x/y?q=1&r=%20#frag",
            "https://EXAMPLE.com:8080/",
            "http://127.0.0.1/",
            "http://[::1]/",
            "http://[2001:db8::8a2e:370:7334]:443/a",
            "http://[1:2:3:4:5:6:7:8]",
            "http://[::ffff:1.2.3.4]/",
            "https://xn--vitnam-jk8b.vn/tin-tuc",
            "https://xn--bcher-kva.de/",
            "http://a.0x1g/",
            "http://ab--cd.com/$&$()*+,;=~|{}^[]!@:%zz",
        ] {
            assert!(check_url("u", ok).is_ok(), "{ok}: {:?}", check_url("u", ok));
        }
        for (bad, says) in [
            ("http://[", "IPv6"),
            ("https://a:99999/", "port from 1 to 65535"),
            ("https://a:0/", "port"),
            ("https://a:/", "port"),
            ("https://a:8x/", "port"),
            ("http://[::1]x/", "port"),
            ("ftp://a.com/", "http:// or https://"),
            ("javascript:alert(1)", "http:// or https://"),
            ("HTTP://a.com/", "http:// or https://"),
            ("http:/a.com/", "http:// or https://"),
            ("http:///a.com/", "host name"),
            ("http://", "host name"),
            ("http://a..b/", "host name"),
            ("http://a.b./", "host name"),
            ("http://a_b.com/", "host name"),
            ("http://user@a.com/", "host name"),
            ("http://a b.com/", "host name"),
            ("http://a.com\\x", "host name"),
            ("http://việtnam.vn/", "punycode"),
            ("http://xn--zz.vn/", "punycode"),
            ("http://xn--ss-.com/", "punycode"),
            ("http://xn--.com/", "punycode"),
            ("http://a.123/", "IPv4"),
            ("http://1.2.3/", "IPv4"),
            ("http://1.2.3.256/", "IPv4"),
            ("http://01.2.3.4/", "IPv4"),
            ("http://a.0x/", "IPv4"),
            ("http://[1::2::3]/", "IPv6"),
            ("http://[1:2:3:4:5:6:7:8:9]/", "IPv6"),
            ("http://[12345::]/", "IPv6"),
            ("http://[::1.2.3]/", "IPv6"),
            ("http://[fe80::1%25eth0]/", "IPv6"),
            ("http://a.com/a b", "visible ASCII"),
            ("http://a.com/\"x", "quotes"),
            ("http://a.com/'x", "quotes"),
            ("http://a.com/<x>", "angle brackets"),
            ("http://a.com/a\\b", "backslashes"),
            ("http://a.com/é", "visible ASCII"),
            ("http://a.com/\u{7f}", "visible ASCII"),
        ] {
            let e = check_url("u", bad).expect_err(bad);
            assert!(e.allowed.contains(says), "{bad}: {e}");
            assert_eq!(e.field, "u");
        }
        let long = format!("http://a.com/{}", "x".repeat(500));
        assert!(check_url("u", &long).unwrap_err().allowed.contains("at most 500"));
        assert_eq!(punycode_decode("vitnam-jk8b").map(|c| c.into_iter().collect::<String>()), Some("việtnam".to_string()));
        assert_eq!(punycode_decode("-nng-zna70au54p").map(|c| c.into_iter().collect::<String>()), Some("đà-nẵng".to_string()));
    }

    fn example(name: &str) -> serde_json::Value {
        let path = format!("{}/data/examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn contradictions_are_refused() {
        let ds = Dataset::builtin();
        let with = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v = example("da-nang");
            f(&mut v);
            ds.with_import(&v.to_string())
        };
        assert!(with(&|_| {}).is_ok());
        let e = with(&|v| v["provinces"][0]["targets"][0]["year"] = 2036.into()).unwrap_err();
        assert_eq!(e.field, "provinces[0].targets[0].year");
        assert!(e.allowed.contains("up to 2035") && e.allowed.contains("targets from"), "{e}");
        let e = with(&|v| v["provinces"][0]["observations"][0]["year"] = 2027.into()).unwrap_err();
        assert_eq!(e.field, "provinces[0].observations[0].year");
        assert!(e.allowed.contains("as_of_year (2026)"), "{e}");
        let e = with(&|v| {
            let o = v["provinces"][0]["observations"][0].clone();
            v["provinces"][0]["observations"].as_array_mut().unwrap().push(o);
        })
        .unwrap_err();
        assert!(e.field.starts_with("provinces[0].observations[") && e.allowed.starts_with("one observation per indicator and year"), "{e}");
        // Whole-dataset validation applies the same rules.
        let mut v: serde_json::Value = serde_json::from_str(BUILTIN_JSON).unwrap();
        v["provinces"][0]["targets"][0]["year"] = 2040.into();
        assert_eq!(Dataset::from_json(&v.to_string()).unwrap_err().field, "provinces[0].targets[0].year");
        assert_eq!(crate::scenario::MAX_HORIZON, LATEST_TARGET_YEAR);
    }

    #[test]
    fn imported_mergers_describe_only_the_files_own_provinces() {
        let ds = Dataset::builtin();
        let merger = |from: &str, into: Option<&str>| {
            let mut v = example("da-nang");
            let mut m = serde_json::json!({"from": from, "into": {"vi": "x", "en": "x"}, "with": [], "date": "2025-07-01", "status": "reported",
                "source": {"url": "https://example.com/", "via": "test"}});
            if let Some(i) = into {
                m["into_province"] = i.into();
            }
            v["mergers"] = serde_json::json!([m]);
            ds.with_import(&v.to_string())
        };
        assert!(merger("da-nang", None).is_ok());
        let e = merger("national", None).unwrap_err();
        assert_eq!(e.to_string(), "mergers[0].from: got national; allowed: a province of this file (da-nang)");
        let e = merger("da-nang", Some("khanh-hoa-2025")).unwrap_err();
        assert_eq!(e.field, "mergers[0].into_province");
    }

    #[test]
    fn files_are_told_apart_by_shape_and_province_ids() {
        let ds = Dataset::builtin();
        assert!(looks_like_dataset(BUILTIN_JSON));
        assert!(looks_like_dataset("{\"version\": \"x\", \"as_of_year\": 2026,, }"));
        assert!(looks_like_dataset("\u{feff}{\"provinces\": [ ]}"));
        assert!(!looks_like_dataset(r#"{"provinces": {"hai-duong": {}}, "draws": 5}"#));
        assert!(!looks_like_dataset(r#"["stalled", 7, 99]"#));
        assert!(!looks_like_dataset("not json"));
        assert!(matches!(ds.check_file(BUILTIN_JSON), Ok(DatasetFile::Complete(_))));
        let dn = example("da-nang").to_string();
        assert!(matches!(ds.check_file(&dn), Ok(DatasetFile::Import { added, .. }) if added == ["da-nang"]));
        // A file reusing one built-in id is an import with a clear message, not a broken complete dataset.
        let mut taken = example("da-nang");
        taken["provinces"][0]["id"] = "hai-duong".into();
        let e = ds.check_file(&taken.to_string()).unwrap_err();
        assert_eq!(e.field, "provinces[0].id");
        assert!(e.allowed.starts_with("an id not used by the built-in data"), "{e}");
    }
}
