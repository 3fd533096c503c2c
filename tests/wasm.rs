//! Round trips of the JavaScript API, run in Node and in headless Chromium by `cargo xtask test`
//! (wasm-bindgen-test). They call the exported functions as the page does and check what comes
//! back through JavaScript values, including errors as real `Error` objects.
#![cfg(target_arch = "wasm32")]

use dxsim::wasm;
use js_sys::{Array, Float64Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &k.into()).unwrap()
}

fn err_message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    let err: js_sys::Error = v.dyn_into().expect("a real JS Error");
    err.message().into()
}

#[wasm_bindgen_test]
fn dataset_and_assumptions_cross_as_plain_objects() {
    let ds = wasm::dataset().unwrap();
    let provinces: Array = get(&ds, "provinces").dyn_into().unwrap();
    // The same provinces as the native core's built-in data, in its order.
    let builtin = dxsim::data::Dataset::builtin();
    assert_eq!(provinces.length() as usize, builtin.provinces.len());
    assert_eq!(get(&provinces.get(0), "id").as_string().unwrap(), builtin.provinces[0].id);
    let specs: Array = wasm::assumptions("hai-duong").unwrap().dyn_into().unwrap();
    let first = specs.get(0);
    assert_eq!(get(&first, "kind").as_string().unwrap(), "grdp_growth");
    assert!(get(&first, "min").as_f64().unwrap() < get(&first, "max").as_f64().unwrap());
    let ui = wasm::ui_strings().unwrap();
    assert!(get(&get(&ui, "app_title"), "vi").as_string().unwrap().contains("chuyển đổi số"));
}

#[wasm_bindgen_test]
fn run_returns_verdicts_charts_and_a_typed_series_buffer() {
    let out = wasm::run(r#"{"draws": 300}"#, "khanh-hoa", "vi").unwrap();
    let series: Float64Array = get(&out, "series").dyn_into().unwrap();
    let projections: Array = get(&out, "projections").dyn_into().unwrap();
    let last = projections.get(projections.length() - 1);
    let end = get(&last, "offset").as_f64().unwrap() + 6.0 * get(&last, "len").as_f64().unwrap();
    assert_eq!(series.length() as f64, end);
    let first = projections.get(0);
    // Khánh Hòa's first series is its DTI rank, last observed in 2022.
    assert_eq!(get(&first, "indicator").as_string().unwrap(), "dti_rank");
    assert_eq!(series.get_index(get(&first, "offset").as_f64().unwrap() as u32), 2022.0);
    let assessments: Array = get(&out, "assessments").dyn_into().unwrap();
    assert!(assessments.length() >= 10);
    assert!(get(&get(&assessments.get(0), "sentence"), "vi").as_string().unwrap().contains("Khánh Hòa"));
    let charts: Array = get(&out, "charts").dyn_into().unwrap();
    let svg = Array::from(&charts.get(0)).get(1).as_string().unwrap();
    assert!(svg.starts_with("<svg"));
}

#[wasm_bindgen_test]
fn the_same_scenario_twice_gives_the_same_buffer() {
    // Nothing of one run leaks into the next; native against wasm is compared value for value
    // by tests/e2e/determinism.test.mjs.
    let a: Float64Array = get(&wasm::run(r#"{"draws": 200, "seed": 7}"#, "hung-yen", "en").unwrap(), "series").dyn_into().unwrap();
    let b: Float64Array = get(&wasm::run(r#"{"draws": 200, "seed": 7}"#, "hung-yen", "en").unwrap(), "series").dyn_into().unwrap();
    assert_eq!(a.to_vec(), b.to_vec());
}

#[wasm_bindgen_test]
fn hash_codec_round_trip_and_errors() {
    let h = wasm::encode_hash(r#"{"province": "hau-giang", "lang": "en"}"#, r#"{"seed": 42, "provinces": {"hau-giang": {"grdp_growth": 9.5}}}"#).unwrap();
    assert!(h.contains("p=hau-giang") && h.contains("grdp.hau-giang=9.5"), "{h}");
    let link = wasm::decode_hash(&format!("#{h}")).unwrap();
    assert_eq!(get(&get(&link, "view"), "province").as_string().unwrap(), "hau-giang");
    assert_eq!(get(&get(&link, "scenario"), "seed").as_f64().unwrap(), 42.0);
    let msg = err_message(wasm::decode_hash("#p=atlantis").unwrap_err());
    assert!(msg.starts_with("p: got atlantis; allowed: one of hai-duong"), "{msg}");
    let msg = err_message(wasm::decode_hash("#g.hai-duong.de_share=9999").unwrap_err());
    assert!(msg.contains("provinces.hai-duong.indicators.de_share.growth"), "{msg}");
}

#[wasm_bindgen_test]
fn errors_are_real_js_errors_with_the_core_message() {
    let msg = err_message(wasm::run(r#"{"draws": 0}"#, "hai-duong", "vi").unwrap_err());
    assert_eq!(msg, "draws: got 0; allowed: an integer from 1 to 100000");
    let msg = err_message(wasm::run("{}", "atlantis", "vi").unwrap_err());
    assert!(msg.starts_with("province: got atlantis"), "{msg}");
    let msg = err_message(wasm::run("{}", "hai-duong", "fr").unwrap_err());
    assert!(msg.starts_with("lang:"), "{msg}");
    let msg = err_message(wasm::run("not json", "hai-duong", "vi").unwrap_err());
    assert!(msg.contains("invalid JSON") || msg.contains("expected"), "{msg}");
}

#[wasm_bindgen_test]
fn fresh_seeds_are_safe_integers() {
    let s = wasm::fresh_seed().unwrap();
    assert!((0.0..=9_007_199_254_740_991.0).contains(&s) && s.fract() == 0.0);
    let csv = wasm::results_csv("{}", "national", "en").unwrap();
    assert!(csv.starts_with("province,indicator,year,"));
    let svg = wasm::chart_svg(r#"{"draws": 50}"#, "national", "egdi_rank", "en").unwrap();
    assert!(svg.starts_with("<svg xmlns="));
}

#[wasm_bindgen_test]
fn a_dataset_file_loads_beside_the_builtin_data_and_errors_name_the_field() {
    let added: Array = wasm::load_dataset(include_str!("../data/examples/tien-giang.json")).unwrap().dyn_into().unwrap();
    assert_eq!(added.get(0).as_string().unwrap(), "tien-giang");
    let n = dxsim::data::Dataset::builtin().provinces.len() as u32;
    let provinces: Array = get(&wasm::dataset().unwrap(), "provinces").dyn_into().unwrap();
    assert_eq!(provinces.length(), n + 1);
    let view = wasm::run(r#"{"draws": 100}"#, "tien-giang", "en").unwrap();
    assert!(get(&view, "charts").dyn_into::<Array>().unwrap().length() >= 2, "a goal chart and its odds chart");
    let msg = err_message(wasm::load_dataset(r#"{"version": "x", "as_of_year": 2026, "provinces": [{"id": "hai-duong"}]}"#).unwrap_err());
    assert!(msg.starts_with("provinces[0]"), "{msg}");
    // A failed load keeps the data in use.
    assert_eq!(get(&wasm::dataset().unwrap(), "provinces").dyn_into::<Array>().unwrap().length(), n + 1);
    wasm::reset_dataset();
    assert_eq!(get(&wasm::dataset().unwrap(), "provinces").dyn_into::<Array>().unwrap().length(), n);
}

#[wasm_bindgen_test]
fn numbers_for_the_page_are_written_by_the_core() {
    assert_eq!(wasm::format_numbers(&[64.06, 1000.0, 12.5, f64::NAN], 2, "vi").unwrap(), ["64,06", "1.000", "12,5", "—"]);
    assert_eq!(wasm::format_numbers(&[64.06, 1000.0, 0.456], 1, "en").unwrap(), ["64.1", "1,000", "0.5"]);
    assert!(wasm::format_numbers(&[1.0], 0, "fr").is_err());
}

#[wasm_bindgen_test]
fn a_province_run_carries_its_summary_sentence() {
    let out = wasm::run_with_summary(r#"{"draws": 300}"#, "khanh-hoa", "en").unwrap();
    let sentence = get(&out, "summary_sentence").as_string().unwrap();
    assert!(sentence.starts_with("Khanh Hoa") || sentence.starts_with("Khánh Hòa"), "{sentence}");
    // Everything `run` gives is there too: the per-year counts and the series buffer.
    assert!(Array::is_array(&get(&out, "summary")));
    assert!(get(&out, "series").is_instance_of::<Float64Array>());
    assert_eq!(wasm::default_shock_year(), dxsim::scenario::DEFAULT_SHOCK_YEAR);
}
