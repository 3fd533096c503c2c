//! Property tests (proptest) of the invariants and of every decoder the outside world reaches.

use dxsim::data::Dataset;
use dxsim::scenario::{resolve, IndicatorOverride, Preset, ProvinceOverrides, Scenario};
use proptest::prelude::*;

fn ds() -> &'static Dataset {
    static DS: std::sync::OnceLock<Dataset> = std::sync::OnceLock::new();
    DS.get_or_init(Dataset::builtin)
}

/// Near-valid scenarios: real ids, values inside and outside the allowed ranges.
fn scenario() -> impl Strategy<Value = Scenario> {
    let num = prop_oneof![-300.0..300.0f64, Just(0.0), Just(f64::NAN), Just(f64::INFINITY), Just(-1e300)];
    let ind = (proptest::option::of(num.clone()), proptest::option::of(num.clone()), proptest::option::of(num.clone()));
    let preset = proptest::option::of(prop_oneof![Just(Preset::Trend), Just(Preset::Accelerated), Just(Preset::Stalled), Just(Preset::Shock)]);
    (preset, proptest::option::of(0u32..300), any::<u64>(), proptest::option::of(2025i32..2040), proptest::option::of(num), 0usize..5, 0usize..40, ind)
        .prop_map(|(preset, draws, seed, horizon, grdp, pi, ii, (growth, sigma, start))| {
            let p = &ds().provinces[pi];
            let inds: Vec<String> = p.simulated_indicators(ds()).map(|i| i.id.clone()).collect();
            let mut po = ProvinceOverrides { grdp_growth: grdp, ..Default::default() };
            if !inds.is_empty() {
                po.indicators.insert(inds[ii % inds.len()].clone(), IndicatorOverride { growth, sigma, start, peer_pace: None });
            }
            let mut sc = Scenario { preset, draws, seed: Some(seed % (1 << 54)), horizon, ..Default::default() };
            sc.provinces.insert(p.id.clone(), po);
            sc
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,300}") {
        if let Ok(sc) = Scenario::from_json(&s) {
            let _ = resolve(ds(), &sc);
        }
        let _ = Dataset::from_json(&s);
    }

    #[test]
    fn arbitrary_json_never_panics(v in proptest_json()) {
        let text = v.to_string();
        if let Ok(sc) = Scenario::from_json(&text) {
            let _ = resolve(ds(), &sc);
        }
    }

    #[test]
    fn valid_scenarios_keep_the_invariants(sc in scenario()) {
        if resolve(ds(), &sc).is_ok() {
            crate::matrix::check_invariants(ds(), &sc, &format!("{sc:?}"));
        }
    }

    #[test]
    fn same_seed_same_numbers(seed in 0u64..(1 << 53), draws in 1u32..100) {
        let sc = Scenario { seed: Some(seed), draws: Some(draws), ..Default::default() };
        let a = serde_json::to_string(&dxsim::run(ds(), &sc, Some("hung-yen")).unwrap()).unwrap();
        let b = serde_json::to_string(&dxsim::run(ds(), &sc, Some("hung-yen")).unwrap()).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn errors_name_a_field(sc in scenario()) {
        if let Err(e) = resolve(ds(), &sc) {
            prop_assert!(!e.field.is_empty() && !e.allowed.is_empty());
        }
    }
}

/// Arbitrary JSON values, biased toward the scenario's shape.
fn proptest_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6..1e6f64).prop_map(Value::from),
        "[a-z_\\-]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        let keys = prop_oneof![
            Just("preset".to_string()),
            Just("draws".to_string()),
            Just("seed".to_string()),
            Just("horizon".to_string()),
            Just("provinces".to_string()),
            Just("hai-duong".to_string()),
            Just("indicators".to_string()),
            Just("de_share".to_string()),
            Just("growth".to_string()),
            "[a-z]{1,6}"
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map(keys, inner, 0..4).prop_map(|m| json!(m)),
        ]
    })
}

/// Characters that matter to the link codec, plus anything else.
fn link_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("v=2026.11-2_0.2.0".to_string()),
        Just("p=hai-duong".to_string()),
        Just("province=khanh-hoa".to_string()),
        Just("indicator=dti_rank".to_string()),
        Just("lang=en".to_string()),
        Just("theme=dark".to_string()),
        Just("static=1".to_string()),
        Just("g.hai-duong.de_share=15".to_string()),
        Just("s.hung-yen.dti_rank=2".to_string()),
        Just("x.hai-duong.digital_enterprises=500".to_string()),
        Just("grdp.national=7".to_string()),
        Just("draws=100".to_string()),
        Just("seed=9007199254740991".to_string()),
        "[a-z.=%&#?0-9_-]{0,20}",
        ".{0,12}",
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|v| v.join("&"))
}

/// A near-valid dataset: the built-in one with one field replaced by something odd.
pub fn mutated_dataset() -> impl Strategy<Value = String> {
    let odd = prop_oneof![
        Just(serde_json::Value::Null),
        Just(serde_json::json!(-1)),
        Just(serde_json::json!(1e308)),
        Just(serde_json::json!("<script>alert(1)</script>")),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
        Just(serde_json::json!("x".repeat(5000))),
        Just(serde_json::json!(2100)),
        Just(serde_json::json!("javascript:alert(1)")),
    ];
    (0usize..10_000, odd).prop_map(|(k, v)| {
        let mut ds: serde_json::Value = serde_json::from_str(dxsim::data::BUILTIN_JSON).unwrap();
        // Walk to the k-th leaf (in document order) and replace it.
        fn leaves(v: &mut serde_json::Value, out: &mut Vec<*mut serde_json::Value>) {
            match v {
                serde_json::Value::Object(m) => m.values_mut().for_each(|x| leaves(x, out)),
                serde_json::Value::Array(a) => a.iter_mut().for_each(|x| leaves(x, out)),
                _ => out.push(v as *mut _),
            }
        }
        let mut all = Vec::new();
        leaves(&mut ds, &mut all);
        let target = all[k % all.len()];
        // SAFETY: the pointer comes from `ds`, which is alive and not otherwise borrowed here.
        unsafe { *target = v };
        ds.to_string()
    })
}

/// The decoder checks shared by the normal run (few cases) and `cargo xtask fuzz` (many).
pub fn decode_link(s: &str) {
    if let Ok(link) = dxsim::hash::decode(ds(), s) {
        let _ = resolve(ds(), &link.scenario);
        // Whatever decodes, re-encodes and decodes to the same thing.
        let again = dxsim::hash::decode(ds(), &dxsim::hash::encode(ds(), &link.view, &link.scenario)).unwrap();
        assert_eq!(again.scenario, link.scenario);
        assert_eq!(again.view, link.view);
    }
    if let Ok((link, _)) = dxsim::hash::decode_query(ds(), s) {
        let _ = resolve(ds(), &link.scenario);
    }
}

/// See [`decode_link`].
pub fn decode_dataset(s: &str) {
    if let Ok(d) = Dataset::from_json(s) {
        // Whatever loads also runs.
        let _ = dxsim::run(&d, &Scenario { draws: Some(5), ..Default::default() }, None).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn links_and_embed_queries_never_panic(s in link_text()) {
        decode_link(&s);
    }

    #[test]
    fn arbitrary_link_text_never_panics(s in ".{0,200}") {
        decode_link(&s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn near_valid_datasets_are_accepted_or_rejected_cleanly(s in mutated_dataset()) {
        decode_dataset(&s);
    }
}
