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
    (preset, proptest::option::of(0u32..300), any::<u64>(), proptest::option::of(2025i32..2040), proptest::option::of(num), 0usize..1000, 0usize..40, ind)
        .prop_map(|(preset, draws, seed, horizon, grdp, pi, ii, (growth, sigma, start))| {
            // Any province of the built-in data, however many it holds.
            let p = &ds().provinces[pi % ds().provinces.len()];
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
        // The rules of #15: source addresses a browser refuses, target years past the horizon,
        // observations from the future.
        Just(serde_json::json!("http://[")),
        Just(serde_json::json!("https://a:99999/")),
        Just(serde_json::json!("https://đà-nẵng.vn/")),
        Just(serde_json::json!("http://a.123/x")),
        Just(serde_json::json!(2036)),
        Just(serde_json::json!(2027)),
        Just(serde_json::json!("national")),
    ];
    (0usize..10_000, odd).prop_map(|(k, v)| {
        let mut ds: serde_json::Value = serde_json::from_str(dxsim::data::BUILTIN_JSON).unwrap();
        replace_leaf(&mut ds, k, v);
        ds.to_string()
    })
}

/// The number of leaves (values that are neither objects nor arrays) of a JSON value.
fn leaf_count(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Object(m) => m.values().map(leaf_count).sum(),
        serde_json::Value::Array(a) => a.iter().map(leaf_count).sum(),
        _ => 1,
    }
}

/// Replaces the `k`-th leaf (modulo their number, in document order) with `with`.
fn replace_leaf(v: &mut serde_json::Value, k: usize, with: serde_json::Value) {
    fn walk(v: &mut serde_json::Value, k: &mut usize, with: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::Object(m) => m.values_mut().any(|x| walk(x, k, with)),
            serde_json::Value::Array(a) => a.iter_mut().any(|x| walk(x, k, with)),
            leaf if *k == 0 => {
                *leaf = with.clone();
                true
            }
            _ => {
                *k -= 1;
                false
            }
        }
    }
    let mut k = k % leaf_count(v).max(1);
    walk(v, &mut k, &with);
}

/// An example province file (`data/examples/`), parsed.
fn example(name: &str) -> serde_json::Value {
    let path = format!("{}/data/examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Source addresses a browser's URL parser refuses (or that are not web addresses).
const BAD_URLS: [&str; 12] = [
    "http://[",
    "https://a:99999/",
    "https://a:0/",
    "http://a.123/",
    "http://1.2.3.256/",
    "http://[1::2::3]/",
    "https://đà-nẵng.vn/",
    "http://xn--zz.vn/",
    "http://a..b/",
    "http://user@a.com/",
    "http://a.com/a b",
    "ftp://a.com/",
];

/// A near-valid import that breaks exactly one rule of #15, with the field its error must name
/// (a prefix of it).
pub fn rule_breaking_import() -> impl Strategy<Value = (String, String)> {
    let file = prop_oneof![Just("da-nang"), Just("quang-ninh"), Just("tien-giang")];
    (file, 0usize..7, 0usize..100, 2036i32..=2100, 2027i32..=2100, 0usize..BAD_URLS.len(), 0usize..6).prop_map(|(name, rule, k, late, future, u, builtin)| {
        let mut v = example(name);
        let p = &mut v["provinces"][0];
        let nt = p["targets"].as_array().unwrap().len();
        let no = p["observations"].as_array().unwrap().len();
        let (t, o) = (k % nt, k % no.max(1));
        let field = match rule {
            0 => {
                p["targets"][t]["year"] = late.into();
                format!("provinces[0].targets[{t}].year")
            }
            1 if no > 0 => {
                p["observations"][o]["year"] = future.into();
                format!("provinces[0].observations[{o}].year")
            }
            2 if no > 0 => {
                let dup = p["observations"][o].clone();
                p["observations"].as_array_mut().unwrap().push(dup);
                "provinces[0].observations[".to_string()
            }
            3 => {
                p["targets"][t]["source"] = serde_json::json!({"url": BAD_URLS[u], "quote": "x"});
                format!("provinces[0].targets[{t}].source.url")
            }
            4 => {
                let id = ["hai-duong", "hung-yen", "khanh-hoa", "hau-giang", "khanh-hoa-2025", "national"][builtin];
                v["mergers"] = serde_json::json!([{"from": id, "into": {"vi": "x", "en": "x"}, "with": [], "date": "2025-07-01", "status": "reported",
                    "source": {"url": "https://example.com/", "via": "x"}}]);
                "mergers[0].from".to_string()
            }
            5 => return (format!("\u{feff}{v}"), "(document)".to_string()),
            _ => {
                // The same key twice in the province object (the text, since a map cannot hold it).
                let text = v.to_string().replacen("\"kind\":", "\"kind\":\"province\",\"kind\":", 1);
                return (text, "provinces[0].kind".to_string());
            }
        };
        (v.to_string(), field)
    })
}

/// A near-valid import: an example file with one leaf replaced by something odd.
pub fn mutated_import() -> impl Strategy<Value = String> {
    let odd = prop_oneof![
        Just(serde_json::json!("http://[")),
        Just(serde_json::json!("national")),
        Just(serde_json::json!("hai-duong")),
        Just(serde_json::json!(2036)),
        Just(serde_json::json!(2027)),
        Just(serde_json::json!(-1)),
        Just(serde_json::json!(null)),
        Just(serde_json::json!("$&$'$`</script>")),
    ];
    (prop_oneof![Just("da-nang"), Just("quang-ninh"), Just("tien-giang")], 0usize..2_000, odd).prop_map(|(name, k, odd)| {
        let mut v = example(name);
        replace_leaf(&mut v, k, odd);
        v.to_string()
    })
}

/// See [`decode_link`]: an import is refused cleanly or merges and runs.
pub fn decode_import(s: &str) {
    if let Ok(d) = ds().with_import(s) {
        let _ = dxsim::run(&d, &Scenario { draws: Some(5), ..Default::default() }, None).unwrap();
    }
}

/// See [`decode_link`]: the rule is refused, naming the field.
pub fn check_rule_breaking((text, field): (String, String)) {
    let e = ds().with_import(&text).expect_err(&field);
    assert!(e.field.starts_with(&field), "{field}: {e}");
    assert!(!e.allowed.is_empty());
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

    #[test]
    fn near_valid_imports_are_accepted_or_rejected_cleanly(s in mutated_import()) {
        decode_import(&s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn each_rule_of_the_data_is_refused_naming_the_field(case in rule_breaking_import()) {
        check_rule_breaking(case);
    }

    /// Whatever source address the core accepts has the shape a browser parses (the e2e test
    /// `url.test.mjs` asks Chromium itself).
    #[test]
    fn accepted_source_urls_are_plain_web_addresses(
        scheme in prop_oneof![Just("http://"), Just("https://"), Just("HTTP://"), Just("ftp://"), Just("http:/"), Just("")],
        host in prop_oneof![
            "[a-z0-9-]{1,8}(\\.[a-z0-9-]{1,8}){0,3}",
            "[0-9]{1,4}(\\.[0-9]{1,4}){0,4}",
            "\\[[0-9a-f:.]{0,20}\\]",
            "xn--[a-z0-9-]{0,10}\\.vn",
            ".{0,12}",
        ],
        port in prop_oneof![Just(String::new()), "[0-9]{0,6}".prop_map(|p| format!(":{p}"))],
        tail in prop_oneof![Just(String::new()), "[/?#][ -~]{0,20}", "/.{0,10}"],
    ) {
        let url = format!("{scheme}{host}{port}{tail}");
        if dxsim::data::check_url("url", &url).is_ok() {
            prop_assert!(url.starts_with("http://") || url.starts_with("https://"), "{}", url);
            prop_assert!(url.len() <= 500 && url.bytes().all(|b| (0x21..=0x7e).contains(&b)), "{}", url);
            prop_assert!(!url.contains(['"', '\'', '<', '>', '\\']), "{}", url);
            let authority = url.split("//").nth(1).unwrap().split(['/', '?', '#']).next().unwrap();
            // No user-info in the authority (`https://trusted@evil.example` spoofs a host); an
            // `@` in a path or fragment is harmless.
            prop_assert!(!authority.is_empty() && !authority.contains("..") && !authority.contains('@'), "{}", url);
            if let Some((_, p)) = authority.rsplit_once(':').filter(|_| !authority.ends_with(']')) {
                prop_assert!(p.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p)), "{}", url);
            }
        }
    }
}
