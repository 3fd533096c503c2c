//! The peer rank model, the merger crosswalk and bring-your-own datasets (issue #6).

use dxsim::data::Dataset;
use dxsim::scenario::Scenario;
use proptest::prelude::*;

fn run(ds: &Dataset, json: &str, province: &str) -> dxsim::report::ProvinceReport {
    dxsim::run(ds, &Scenario::from_json(json).unwrap(), Some(province)).unwrap().provinces.remove(0)
}

fn dti(pr: &dxsim::report::ProvinceReport) -> &dxsim::sim::Projection {
    pr.projections.iter().find(|p| p.indicator == "dti_rank").unwrap()
}

proptest! {
    /// Ranks of any positions form a competition ranking: each is 1 + the number strictly ahead,
    /// so distinct positions give exactly the places 1…N.
    #[test]
    fn ranks_are_a_competition_ranking(z in prop::collection::vec(-4.0f64..4.0, 1..80), ties in 0usize..5) {
        let mut z = z;
        for k in 0..ties.min(z.len().saturating_sub(1)) {
            z[k + 1] = z[0];
        }
        let r = dxsim::peer::ranks(&z);
        for (i, &ri) in r.iter().enumerate() {
            let ahead = z.iter().filter(|&&o| o > z[i]).count() as u32;
            prop_assert_eq!(ri, ahead + 1);
        }
        let mut distinct = z.clone();
        distinct.sort_by(f64::total_cmp);
        distinct.dedup();
        if distinct.len() == z.len() {
            let mut sorted = r.clone();
            sorted.sort_unstable();
            prop_assert_eq!(sorted, (1..=z.len() as u32).collect::<Vec<_>>());
        }
    }

    /// P(top K) never falls as K grows and reaches 1 at K = N, whatever the assumptions.
    #[test]
    fn top_k_odds_are_monotone(pace in -5.0f64..5.0, own in -10.0f64..15.0, sigma in 0.0f64..10.0, seed in 0u64..1000) {
        let ds = Dataset::builtin();
        let json = format!(r#"{{"draws": 300, "seed": {seed}, "provinces": {{"khanh-hoa": {{"indicators": {{"dti_rank": {{"growth": {own}, "sigma": {sigma}, "peer_pace": {pace}}}}}}}}}}}"#);
        let pr = run(&ds, &json, "khanh-hoa");
        let p = dti(&pr);
        prop_assert!(!p.rank_odds.is_empty());
        for o in &p.rank_odds {
            prop_assert!(o.top.windows(2).all(|w| w[0] <= w[1]));
            prop_assert_eq!(o.top.len(), 63);
            prop_assert!((o.top[62] - 1.0).abs() < 1e-12);
        }
        for (i, g) in p.goals.iter().enumerate() {
            if let Some(o) = p.rank_odds.iter().find(|o| o.year == g.year) {
                let k = pr.assessments[i].target as usize;
                prop_assert!((o.top[k - 1] - g.probability).abs() < 1e-12);
            }
        }
    }
}

#[test]
fn a_much_stronger_province_climbs() {
    let ds = Dataset::builtin();
    let base = run(&ds, r#"{"draws": 2000}"#, "khanh-hoa");
    let strong = run(&ds, r#"{"draws": 2000, "provinces": {"khanh-hoa": {"indicators": {"dti_rank": {"growth": 5}}}}}"#, "khanh-hoa");
    let fast_peers = run(&ds, r#"{"draws": 2000, "provinces": {"khanh-hoa": {"indicators": {"dti_rank": {"growth": 5, "peer_pace": 5}}}}}"#, "khanh-hoa");
    let (b, s, f) = (dti(&base), dti(&strong), dti(&fast_peers));
    let last = b.years.len() - 1;
    // 41st in 2022, +5 places a year for 8 years: well inside the top 20 by 2030.
    assert!(s.p50[last] <= 15.0 && b.p50[last] >= 30.0, "{} vs {}", s.p50[last], b.p50[last]);
    assert!(s.goals[1].probability > 0.65 && b.goals[1].probability < 0.3, "{:?} {:?}", s.goals, b.goals);
    // Only the difference of paces counts: +5 against peers at +5 is the default again, and
    // the own pace required is the default's plus the peers' 5 places a year.
    assert_eq!(f.p50, b.p50);
    for (fg, bg) in f.goals.iter().zip(&b.goals) {
        assert_eq!((fg.probability, fg.met_by_horizon, fg.first_met_median), (bg.probability, bg.met_by_horizon, bg.first_met_median));
        assert!((fg.solved_required.unwrap() - bg.solved_required.unwrap() - 5.0).abs() < 1e-9, "{fg:?} {bg:?}");
    }
}

/// "Set to required" does what it says for every DTI goal judged on the projection: at the
/// required own pace the median rank reaches the target and the verdict is on track; a
/// hundredth of a place a year slower the median misses it. (The straight line from the start
/// did neither: it ignored that the other provinces move and the ranks published since.)
#[test]
fn setting_the_required_pace_puts_every_rank_goal_on_track() {
    let ds = Dataset::builtin();
    let mut checked = 0;
    for p in ["hai-duong", "hung-yen", "khanh-hoa"] {
        let base = run(&ds, r#"{"draws": 1500}"#, p);
        for a in base.assessments.iter().filter(|a| a.indicator == "dti_rank" && a.basis == dxsim::assess::Basis::Projection) {
            let req = a.required.unwrap_or_else(|| panic!("{p} {}: no required pace", a.year));
            let at = |pace: f64| {
                let json = format!(r#"{{"draws": 1500, "provinces": {{"{p}": {{"indicators": {{"dti_rank": {{"growth": {pace}}}}}}}}}}}"#);
                run(&ds, &json, p).assessments.into_iter().find(|b| b.indicator == "dti_rank" && b.year == a.year).unwrap()
            };
            let set = at(req);
            // R = 1 where some gain is required; where the median holds the target even while
            // losing places, "already met" (nothing more is required).
            let pace_ok = matches!(set.pace.status, dxsim::assess::PaceStatus::OnTrack | dxsim::assess::PaceStatus::AlreadyMet);
            assert!(set.projected <= a.target && pace_ok, "{p} {}: {req} gives {:?}", a.year, (set.projected, set.pace));
            // The same draws: the required pace does not move when the pace is set to it.
            assert_eq!(set.required, Some(req));
            assert!(at(req - 0.01).projected > a.target, "{p} {}: {req} is not the least", a.year);
            checked += 1;
        }
    }
    assert_eq!(checked, 5);
}

#[test]
fn the_dataset_churn_is_the_calibrated_one() {
    let ds = Dataset::builtin();
    let r = ds.ranking("dti_rank").unwrap();
    let c = dxsim::peer::calibrate(r, dxsim::peer::CALIBRATION_REPS);
    assert_eq!(c.pairs.len(), 32);
    // Hand check: the 32 published year-to-year changes sum to 159 places.
    assert!((c.observed_mean_abs_change - 159.0 / 32.0).abs() < 1e-12, "{}", c.observed_mean_abs_change);
    assert!((c.best_churn - r.churn).abs() < 0.011, "calibrated {} but the dataset says {}", c.best_churn, r.churn);
    assert!(c.grid.windows(2).all(|w| w[0].1 < w[1].1), "more churn, bigger changes");
}

#[test]
fn every_old_province_resolves_through_the_crosswalk() {
    let ds = Dataset::builtin();
    for id in ["hai-duong", "hung-yen", "khanh-hoa", "hau-giang"] {
        let m = ds.merger(id).unwrap_or_else(|| panic!("{id} has no merger entry"));
        assert!(m.into_province.as_deref().is_none_or(|p| ds.province(p).is_some()));
        for lang in [dxsim::text::Lang::Vi, dxsim::text::Lang::En] {
            let s = dxsim::text::merger_sentence(&ds, id, lang).unwrap();
            assert!(s.contains(m.into.get(lang)), "{s}");
        }
        // Old links keep working.
        let link = dxsim::hash::decode(&ds, &format!("p={id}&i=dti_rank")).unwrap();
        assert_eq!(link.view.province.as_deref(), Some(id));
    }
    for (old, new) in [("hai-duong", "hai-phong-2025"), ("hung-yen", "hung-yen-2025"), ("khanh-hoa", "khanh-hoa-2025"), ("hau-giang", "can-tho-2025")] {
        assert_eq!(ds.merger(old).unwrap().into_province.as_deref(), Some(new), "{old}");
    }
    let kh = ds.province("khanh-hoa-2025").unwrap();
    assert!(kh.targets.iter().any(|t| t.indicator == "de_share" && t.year == 2030 && t.value == 35.0));
    assert!(kh.targets.iter().any(|t| t.indicator == "dti_rank_34" && t.year == 2030 && t.value == 10.0));
    assert!(kh.targets.iter().any(|t| t.indicator == "dti_score" && t.year == 2025 && t.value == 800.0));
    assert!(ds.merger("national").is_none());
}

/// The merged provinces (issue #14): their 2030 digital-economy goals, and starts derived from
/// their parts by the written rule, recomputed here from the inputs.
#[test]
fn merged_provinces_carry_their_goals_and_derived_starts() {
    use dxsim::data::{DeriveRule, StartKind};
    let ds = Dataset::builtin();
    for (id, cmp, goal, parts) in [("hai-phong-2025", ">", 35.0, 2), ("hung-yen-2025", ">=", 30.0, 2), ("can-tho-2025", ">=", 30.0, 3)] {
        let p = ds.province(id).unwrap_or_else(|| panic!("{id}"));
        let t = p.targets.iter().find(|t| t.indicator == "de_share" && t.year == 2030).unwrap_or_else(|| panic!("{id}: no 2030 goal"));
        assert_eq!((t.comparator.symbol(), t.value), (cmp, goal), "{id}");
        assert!(!p.qualitative.is_empty(), "{id}: the GRDP growth goal is listed in words");
        let a = p.assumptions.iter().find(|a| a.indicator == "de_share").unwrap();
        let d = a.derived.as_ref().unwrap_or_else(|| panic!("{id}: start not derived"));
        assert_eq!((d.rule, d.inputs.len()), (DeriveRule::WeightedMean, parts), "{id}");
        let (v, r) = d.compute().unwrap();
        let [lo, hi] = a.range.unwrap();
        assert!((v - a.value).abs() < 0.005 && (r.unwrap().0 - lo).abs() < 0.005 && (r.unwrap().1 - hi).abs() < 0.005, "{id}");
    }
    // Hải Phòng's published share (22.28%) is the start; the derived value stands beside it as
    // a check and agrees: 29.7% of 445,995 and 7.5% (5.78–17.15) of 212,386 bn VND.
    let hp = ds.province("hai-phong-2025").unwrap();
    let s = hp.start("de_share").unwrap();
    assert_eq!((s.kind, s.year, s.value), (StartKind::Observed, 2025, 22.28));
    let a = hp.assumptions.iter().find(|a| a.indicator == "de_share").unwrap();
    assert!((a.value - (29.7 * 445_995.0 + 7.5 * 212_386.0) / 658_381.0).abs() < 0.005);
    let [lo, hi] = a.range.unwrap();
    assert!(lo <= 22.28 && 22.28 <= hi);
    // The other two have no published share: the derived value is the start.
    for id in ["hung-yen-2025", "can-tho-2025"] {
        assert_eq!(ds.province(id).unwrap().start("de_share").unwrap().kind, StartKind::Derived, "{id}");
    }
}

const EXAMPLES: [(&str, &str); 3] = [
    ("da-nang", include_str!("../data/examples/da-nang.json")),
    ("quang-ninh", include_str!("../data/examples/quang-ninh.json")),
    ("tien-giang", include_str!("../data/examples/tien-giang.json")),
];

#[test]
fn example_files_import_and_round_trip() {
    let builtin = Dataset::builtin();
    for (id, text) in EXAMPLES {
        let merged = builtin.with_import(text).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(merged.provinces.len(), builtin.provinces.len() + 1);
        let added = merged.province(id).unwrap();
        assert!(added.ranking_unit.is_some());
        // Round trip: the added province written out and read back gives the same dataset.
        let mut file: serde_json::Value = serde_json::from_str(text).unwrap();
        file["provinces"] = serde_json::to_value(vec![added]).unwrap();
        let again = builtin.with_import(&file.to_string()).unwrap();
        assert_eq!(again, merged, "{id}");
        // And it runs end to end, its rank goals against all 63 provinces.
        let report = dxsim::run(&merged, &Scenario::from_json(r#"{"draws": 200}"#).unwrap(), Some(id)).unwrap();
        assert!(!report.provinces[0].assessments.is_empty());
        for p in &report.provinces[0].projections {
            assert_eq!(p.indicator == "dti_rank", p.peer_pace.is_some());
        }
    }
}

#[test]
fn hostile_dataset_files_are_refused_or_inert() {
    let builtin = Dataset::builtin();
    let err = |text: &str| builtin.with_import(text).unwrap_err();
    // Deep nesting, huge inputs, wrong types.
    assert!(!err(&"[".repeat(100_000)).allowed.is_empty());
    let huge = format!(r#"{{"version": "x", "as_of_year": 2026, "provinces": [{}]}}"#, vec!["{}"; 800_000].join(","));
    assert_eq!(err(&huge).field, "(dataset)");
    let many = format!(
        r#"{{"version": "x", "as_of_year": 2026, "provinces": [{}]}}"#,
        vec![EXAMPLES[2].1.split("\"provinces\": [").nth(1).unwrap().trim_end().trim_end_matches('}').trim_end().trim_end_matches(']'); 201].join(",")
    );
    assert_eq!(err(&many).field, "provinces");
    assert_eq!(err(r#"{"version": "x", "as_of_year": "2026", "provinces": []}"#).field, "as_of_year");
    assert_eq!(err(r#"{"version": "x", "as_of_year": 2025, "provinces": []}"#).field, "as_of_year");
    // Taken ids, changed indicators, unknown ranking units, script URLs.
    let tg = EXAMPLES[2].1;
    assert_eq!(err(&tg.replace("\"tien-giang\"", "\"hai-duong\"")).field, "provinces[0].id");
    assert!(err(&tg.replace("\"82\"", "\"999\"")).field.ends_with("ranking_unit"));
    let dn = EXAMPLES[0].1.replace("\"id\": \"e_contracts\"", "\"id\": \"de_share\"");
    assert_eq!(err(&dn).field, "indicators[0].id");
    let js = tg.replace("https://dti.gov.vn/xep-hang-2022", "javascript:alert(1)");
    assert!(err(&js).field.ends_with("source.url"), "{}", err(&js));
    // Markup in names is accepted as text and comes out escaped everywhere it is rendered.
    let html = tg.replace("\"vi\": \"Tiền Giang\"", "\"vi\": \"<img src=x onerror=alert(1)>\"");
    let ds = builtin.with_import(&html).unwrap();
    let report = dxsim::run(&ds, &Scenario::from_json(r#"{"draws": 50}"#).unwrap(), Some("tien-giang")).unwrap();
    for (_, svg) in dxsim::chart::province_charts(
        &ds,
        &report.provinces[0].province,
        &report.provinces[0].projections,
        &report.provinces[0].assessments,
        dxsim::text::Lang::Vi,
        false,
    ) {
        assert!(!svg.contains("<img"), "{svg}");
    }
    let csv = dxsim::export::results_csv(&ds, &report, dxsim::text::Lang::Vi);
    assert!(!csv.contains("\n=") && !csv.contains(",="));
}

/// Every key used by the built-in data and the examples is described by the JSON Schema file,
/// so the schema documents the format actually read.
#[test]
fn the_json_schema_describes_every_key() {
    let schema: serde_json::Value = serde_json::from_str(include_str!("../data/dataset.schema.json")).unwrap();
    fn resolve<'a>(schema: &'a serde_json::Value, node: &'a serde_json::Value) -> &'a serde_json::Value {
        match node.get("$ref").and_then(|r| r.as_str()).and_then(|r| r.strip_prefix("#/$defs/")) {
            Some(name) => &schema["$defs"][name],
            None => node,
        }
    }
    fn walk(schema: &serde_json::Value, node: &serde_json::Value, value: &serde_json::Value, path: &str) {
        let node = resolve(schema, node);
        match value {
            serde_json::Value::Object(map) => {
                let props = node.get("properties").unwrap_or_else(|| panic!("{path}: schema has no properties"));
                for (k, v) in map {
                    let sub = props.get(k).unwrap_or_else(|| panic!("{path}.{k} is not in the schema"));
                    walk(schema, sub, v, &format!("{path}.{k}"));
                }
                if let Some(req) = node.get("required").and_then(|r| r.as_array()) {
                    for r in req {
                        assert!(map.contains_key(r.as_str().unwrap()), "{path}: required {r} missing");
                    }
                }
            }
            serde_json::Value::Array(items) => {
                let sub = node.get("items").unwrap_or_else(|| panic!("{path}: schema has no items"));
                for (i, v) in items.iter().enumerate() {
                    walk(schema, sub, v, &format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
    }
    walk(&schema, &schema, &serde_json::from_str(dxsim::data::BUILTIN_JSON).unwrap(), "");
    for (id, text) in EXAMPLES {
        walk(&schema, &schema, &serde_json::from_str(text).unwrap(), id);
    }
}
