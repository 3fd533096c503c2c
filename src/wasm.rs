//! The WebAssembly binding: the only file that knows about wasm-bindgen.
//!
//! Each function converts its arguments, calls the core once and converts the answer back.
//! Scenarios cross as JSON text, so the page gets exactly the validation and messages of the
//! CLI; results cross as JSON parsed into plain objects (maps as objects), and the bulk series
//! of a run as one `Float64Array` with its layout. Errors become real JavaScript `Error`s carrying the core's
//! message (field, value, what is allowed). No logic lives here.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::data::Dataset;
use crate::scenario::Scenario;
use crate::sim::Cache;
use crate::text::Lang;

thread_local! {
    /// The dataset in use: the built-in one, or it with a user's file merged beside it.
    static DATASET: RefCell<Option<Rc<Dataset>>> = const { RefCell::new(None) };
    /// What one recompute keeps for the next (the peer field, its bars and runner results; see
    /// `sim::Cache`): keyed by what it depends on, so a changed dataset or seed simply misses.
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// Runs `f` with the recompute cache.
fn with_cache<T>(f: impl FnOnce(&mut Cache) -> T) -> T {
    CACHE.with(|c| f(&mut c.borrow_mut()))
}

fn dataset_ref() -> Rc<Dataset> {
    DATASET.with(|d| d.borrow_mut().get_or_insert_with(|| Rc::new(Dataset::builtin())).clone())
}

/// Hands a value to JavaScript as the object `JSON.parse` makes of its JSON. The text route keeps
/// one serializer in the module (serde_json, which `reportJson` needs anyway) instead of a second
/// set of serialize code for building JS objects field by field, and the browser's parser is fast.
fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(v).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("could not parse the core's JSON"))
}

fn lang(s: &str) -> Result<Lang, JsError> {
    Ok(Lang::parse("lang", s)?)
}

fn scenario(json: &str) -> Result<Scenario, JsError> {
    Ok(Scenario::from_json(json)?)
}

fn view(json: &str) -> Result<crate::hash::View, JsError> {
    serde_json::from_str(json).map_err(|e| JsError::new(&format!("view: {e}")))
}

/// Merges a dataset file (JSON text) beside the built-in data and uses the result from now on;
/// returns the ids of the provinces it added. Throws with the field, value and what is allowed.
#[wasm_bindgen(js_name = loadDataset)]
pub fn load_dataset(text: &str) -> Result<JsValue, JsError> {
    let builtin = Dataset::builtin();
    let merged = builtin.with_import(text)?;
    let added: Vec<String> = merged.provinces[builtin.provinces.len()..].iter().map(|p| p.id.clone()).collect();
    DATASET.with(|d| *d.borrow_mut() = Some(Rc::new(merged)));
    to_js(&added)
}

/// Goes back to the built-in data alone.
#[wasm_bindgen(js_name = resetDataset)]
pub fn reset_dataset() {
    DATASET.with(|d| *d.borrow_mut() = None);
}

/// What an old province became in the 2025 merger, as a sentence (undefined if nothing).
#[wasm_bindgen(js_name = mergerNote)]
pub fn merger_note(province: &str, lang_code: &str) -> Result<Option<String>, JsError> {
    Ok(crate::text::merger_sentence(&dataset_ref(), province, lang(lang_code)?))
}

/// The link version (`<data>_<model>`).
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    crate::hash::version(&dataset_ref())
}

/// The whole dataset: provinces, pillars, indicators, observations, targets, assumptions.
#[wasm_bindgen(js_name = dataset)]
pub fn dataset() -> Result<JsValue, JsError> {
    to_js(&*dataset_ref())
}

/// Every adjustable assumption of a province, with label, unit, range, step and default.
#[wasm_bindgen(js_name = assumptions)]
pub fn assumptions(province: &str) -> Result<JsValue, JsError> {
    to_js(&crate::controls::assumption_specs(&dataset_ref(), province)?)
}

/// The presets with their names and descriptions.
#[wasm_bindgen(js_name = presets)]
pub fn presets() -> Result<JsValue, JsError> {
    to_js(&crate::controls::preset_info())
}

/// The page's words, by key, in both languages.
#[wasm_bindgen(js_name = uiStrings)]
pub fn ui_strings() -> Result<JsValue, JsError> {
    let map: std::collections::BTreeMap<&str, crate::data::Text> = crate::text::ui_strings().into_iter().collect();
    to_js(&map)
}

/// The limits and defaults of the page's controls: draws, quick draws, seed and horizon ranges.
#[wasm_bindgen(js_name = limits)]
pub fn limits() -> Result<JsValue, JsError> {
    to_js(&crate::scenario::limits())
}

/// The scenario (JSON) with every override equal to its default dropped: what a link carries.
#[wasm_bindgen(js_name = minimalScenario)]
pub fn minimal_scenario(scenario_json: &str) -> Result<String, JsError> {
    let sc = crate::scenario::minimal(&dataset_ref(), &scenario(scenario_json)?)?;
    serde_json::to_string(&sc).map_err(|e| JsError::new(&e.to_string()))
}

/// The headline statuses as `{id, label, rule}`, the pace statuses and the progress-so-far
/// statuses likewise, each in display order.
#[wasm_bindgen(js_name = verdictWords)]
pub fn verdict_words() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Word {
        id: &'static str,
        label: crate::data::Text,
        rule: Option<crate::data::Text>,
    }
    let mut m = std::collections::BTreeMap::new();
    m.insert(
        "status",
        crate::assess::Status::ALL
            .iter()
            .map(|s| Word { id: s.id(), label: crate::text::status_label(*s), rule: Some(crate::text::status_rule(*s)) })
            .collect::<Vec<_>>(),
    );
    m.insert("pace", crate::assess::PaceStatus::ALL.iter().map(|s| Word { id: s.id(), label: crate::text::pace_label(*s), rule: None }).collect());
    m.insert(
        "progress",
        crate::progress::ProgressStatus::ALL.iter().map(|s| Word { id: s.id(), label: crate::text::progress_label(*s), rule: None }).collect(),
    );
    to_js(&m)
}

/// Status labels and rules, by status id.
#[wasm_bindgen(js_name = statuses)]
pub fn statuses() -> Result<JsValue, JsError> {
    let v: Vec<_> = crate::assess::Status::ALL.iter().map(|s| (s.id(), crate::text::status_label(*s), crate::text::status_rule(*s))).collect();
    to_js(&v)
}

/// The rules behind the pace line and progress so far, in both languages:
/// `{pace_rule, progress_rule}`.
#[wasm_bindgen(js_name = rules)]
pub fn rules() -> Result<JsValue, JsError> {
    let mut m = std::collections::BTreeMap::new();
    m.insert("pace_rule", crate::text::pace_rule());
    m.insert("progress_rule", crate::text::progress_rule());
    to_js(&m)
}

/// Draws per projection of the page's back-test panel (the CLI's default).
const BACKTEST_DRAWS: u32 = 4000;

/// The back-test panel ("How well does this model predict?") for the data in use.
#[wasm_bindgen(js_name = backtest)]
pub fn backtest(lang_code: &str) -> Result<JsValue, JsError> {
    to_js(&crate::report::backtest_view(&dataset_ref(), BACKTEST_DRAWS, crate::scenario::DEFAULT_SEED, lang(lang_code)?))
}

/// The overview: every province against its goals, under the scenario (JSON).
#[wasm_bindgen(js_name = overview)]
pub fn overview(scenario_json: &str, lang_code: &str) -> Result<JsValue, JsError> {
    to_js(&crate::report::overview(&dataset_ref(), &scenario(scenario_json)?, lang(lang_code)?)?)
}

/// The newest year of reported data in the data in use.
#[wasm_bindgen(js_name = newestDataYear)]
pub fn newest_data_year() -> Option<i32> {
    crate::report::newest_data_year(&dataset_ref())
}

/// One recompute: runs the scenario (JSON) for a province and returns its view, with the
/// series as a `Float64Array` in `series` (rows `seriesRows`, offsets in `projections`).
#[wasm_bindgen(js_name = run)]
pub fn run(scenario_json: &str, province: &str, lang_code: &str) -> Result<JsValue, JsError> {
    let (sc, lang) = (scenario(scenario_json)?, lang(lang_code)?);
    let view = with_cache(|c| crate::report::province_view_with(&dataset_ref(), &sc, province, lang, c))?;
    let out = to_js(&view)?;
    let series = js_sys::Float64Array::from(view.series.as_slice());
    js_sys::Reflect::set(&out, &"series".into(), &series).map_err(|_| JsError::new("could not attach series"))?;
    js_sys::Reflect::set(&out, &"seriesRows".into(), &to_js(&crate::report::SERIES_ROWS)?).map_err(|_| JsError::new("could not attach rows"))?;
    Ok(out)
}

/// Checks a scenario (JSON) without running it; throws with the message if it is invalid.
#[wasm_bindgen(js_name = validateScenario)]
pub fn validate_scenario(scenario_json: &str) -> Result<(), JsError> {
    crate::scenario::resolve(&dataset_ref(), &scenario(scenario_json)?)?;
    Ok(())
}

/// Encodes a view `{province, lang, indicator}` and a scenario (JSON) as a URL hash.
#[wasm_bindgen(js_name = encodeHash)]
pub fn encode_hash(view_json: &str, scenario_json: &str) -> Result<String, JsError> {
    let view = view(view_json)?;
    Ok(crate::hash::encode(&dataset_ref(), &view, &scenario(scenario_json)?))
}

/// Decodes and validates a URL hash: `{view, scenario, warnings}`; throws on a bad link.
#[wasm_bindgen(js_name = decodeHash)]
pub fn decode_hash(hash: &str) -> Result<JsValue, JsError> {
    let link = crate::hash::decode(&dataset_ref(), hash)?;
    crate::scenario::resolve(&dataset_ref(), &link.scenario)?;
    to_js(&link)
}

/// Decodes and validates an embed's query string: `[{view, scenario, warnings}, {theme, static}]`.
#[wasm_bindgen(js_name = decodeEmbedQuery)]
pub fn decode_embed_query(query: &str) -> Result<JsValue, JsError> {
    let (link, opts) = crate::hash::decode_query(&dataset_ref(), query)?;
    crate::scenario::resolve(&dataset_ref(), &link.scenario)?;
    to_js(&(link, opts))
}

/// The iframe and script embed snippets for a view, scenario (JSON), title and fallback text.
#[wasm_bindgen(js_name = embedSnippets)]
pub fn embed_snippets(base: &str, view_json: &str, scenario_json: &str, title: &str, fallback: &str) -> Result<JsValue, JsError> {
    let view = view(view_json)?;
    to_js(&crate::hash::snippets(&dataset_ref(), base, &view, &scenario(scenario_json)?, title, fallback)?)
}

/// Benchmark hook: one full recompute of every province (as `cargo bench` measures natively);
/// returns the number of indicator-year steps it simulated.
#[wasm_bindgen(js_name = benchRecompute)]
pub fn bench_recompute(scenario_json: &str) -> Result<f64, JsError> {
    let sc = scenario(scenario_json)?;
    let report = with_cache(|c| crate::report::run_with(&dataset_ref(), &sc, None, c))?;
    Ok(crate::report::steps(&report) as f64)
}

/// The full report of a scenario as JSON, exactly as `dxsim run --format json` prints it
/// (compact): used to prove native and wasm give identical numbers.
#[wasm_bindgen(js_name = reportJson)]
pub fn report_json(scenario_json: &str) -> Result<String, JsError> {
    let sc = scenario(scenario_json)?;
    let report = with_cache(|c| crate::report::run_with(&dataset_ref(), &sc, None, c))?;
    serde_json::to_string(&report).map_err(|e| JsError::new(&e.to_string()))
}

/// Bytes the recompute cache holds (benchmark and memory figures).
#[wasm_bindgen(js_name = cacheBytes)]
pub fn cache_bytes() -> f64 {
    with_cache(|c| c.peer.bytes() as f64)
}

/// A fresh random seed from the platform's entropy (0 to 2^53 − 1).
#[wasm_bindgen(js_name = freshSeed)]
pub fn fresh_seed() -> Result<f64, JsError> {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).map_err(|e| JsError::new(&e.to_string()))?;
    Ok((u64::from_le_bytes(b) & crate::scenario::MAX_SEED) as f64)
}

/// The results of a province as CSV, with provenance columns.
#[wasm_bindgen(js_name = resultsCsv)]
pub fn results_csv(scenario_json: &str, province: &str, lang_code: &str) -> Result<String, JsError> {
    let ds = dataset_ref();
    let ds = &*ds;
    let sc = scenario(scenario_json)?;
    let report = with_cache(|c| crate::report::run_with(ds, &sc, Some(province), c))?;
    Ok(crate::export::results_csv(ds, &report, lang(lang_code)?))
}

/// The scenario as pretty JSON, after validation.
#[wasm_bindgen(js_name = scenarioJson)]
pub fn scenario_json(scenario_json: &str) -> Result<String, JsError> {
    let sc = scenario(scenario_json)?;
    crate::scenario::resolve(&dataset_ref(), &sc)?;
    Ok(sc.to_json())
}

/// A standalone SVG file of one goal chart (for download).
#[wasm_bindgen(js_name = chartSvg)]
pub fn chart_svg(scenario_json: &str, province: &str, indicator: &str, lang_code: &str) -> Result<String, JsError> {
    let ds = dataset_ref();
    let ds = &*ds;
    let sc = scenario(scenario_json)?;
    let report = with_cache(|c| crate::report::run_with(ds, &sc, Some(province), c))?;
    let pr = &report.provinces[0];
    crate::chart::province_charts(ds, &pr.province, &pr.projections, &pr.assessments, lang(lang_code)?, true)
        .into_iter()
        .find(|(i, _)| i == indicator)
        .map(|(_, svg)| svg)
        .ok_or_else(|| JsError::new(&format!("indicator: got {indicator}; allowed: an indicator with a target in {province}")))
}

/// Numbers as the page shows them (chart data tables, card facts, sources): at most `digits`
/// decimals, trailing zeros dropped, grouped by thousands in the language's way.
#[wasm_bindgen(js_name = formatNumbers)]
pub fn format_numbers(values: &[f64], digits: usize, lang_code: &str) -> Result<Vec<String>, JsError> {
    let l = lang(lang_code)?;
    Ok(values.iter().map(|&v| crate::lang::number_trim(v, digits, l)).collect())
}

/// As [`run`], plus `summary_sentence`: the province's verdicts in one sentence, worded as in
/// the overview (the province page leads with it), from the same run.
#[wasm_bindgen(js_name = runWithSummary)]
pub fn run_with_summary(scenario_json: &str, province: &str, lang_code: &str) -> Result<JsValue, JsError> {
    let l = lang(lang_code)?;
    let ds = dataset_ref();
    let view = crate::report::province_view(&ds, &scenario(scenario_json)?, province, l)?;
    let name = ds.province(province).map_or(province, |p| p.name(l));
    let summary = crate::text::province_summary(name, &view.assessments, l);
    let out = to_js(&view)?;
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &k.into(), v).map_err(|_| JsError::new("could not attach a field"));
    set("series", &js_sys::Float64Array::from(view.series.as_slice()))?;
    set("seriesRows", &to_js(&crate::report::SERIES_ROWS)?)?;
    set("summary_sentence", &summary.into())?;
    Ok(out)
}

/// The `shock` preset's setback year when the scenario names none.
#[wasm_bindgen(js_name = defaultShockYear)]
pub fn default_shock_year() -> i32 {
    crate::scenario::DEFAULT_SHOCK_YEAR
}
