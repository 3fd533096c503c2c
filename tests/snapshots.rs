//! Snapshot tests (insta): the default verdict table, so that any change to data, models or
//! rules shows up as a reviewable diff.

use std::process::Command;

#[test]
fn default_run_verdict_table() {
    let out = Command::new(env!("CARGO_BIN_EXE_dxsim")).args(["run"]).output().unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!("default_run_table_vi", String::from_utf8(out.stdout).unwrap());
    let out = Command::new(env!("CARGO_BIN_EXE_dxsim")).args(["run", "--lang", "en", "--preset", "accelerated"]).output().unwrap();
    insta::assert_snapshot!("accelerated_run_table_en", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn sentences_of_one_province() {
    let ds = dxsim::data::Dataset::builtin();
    let r = dxsim::run(&ds, &dxsim::scenario::Scenario::default(), Some("hai-duong")).unwrap();
    let text: Vec<String> =
        r.provinces[0].assessments.iter().map(|a| format!("{} {}\n  vi: {}\n  en: {}", a.indicator, a.year, a.sentence.vi, a.sentence.en)).collect();
    insta::assert_snapshot!("hai_duong_sentences", text.join("\n"));
}

#[test]
fn chart_svg_snapshot() {
    let ds = dxsim::data::Dataset::builtin();
    let sc = dxsim::scenario::Scenario { draws: Some(500), ..Default::default() };
    let r = dxsim::run(&ds, &sc, Some("khanh-hoa")).unwrap();
    let charts =
        dxsim::chart::province_charts(&ds, &r.provinces[0].province, &r.provinces[0].projections, &r.provinces[0].assessments, dxsim::text::Lang::Vi, false);
    let (_, svg) = charts.iter().find(|(i, _)| i == "online_services_l4").unwrap();
    insta::assert_snapshot!("khanh_hoa_online_services_l4_svg", svg.replace("><", ">\n<"));
    let standalone =
        dxsim::chart::province_charts(&ds, &r.provinces[0].province, &r.provinces[0].projections, &r.provinces[0].assessments, dxsim::text::Lang::En, true);
    assert!(standalone[0].1.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(standalone[0].1.contains("prefers-color-scheme"));
    // The page variant carries no inline style, so it works under a strict CSP.
    for (_, svg) in &charts {
        assert!(!svg.contains("<style") && !svg.contains(" style="), "inline style in page SVG");
    }
}

#[test]
fn hostile_names_render_inert_in_svg_csv_and_sentences() {
    let evil = r#"<script>alert(1)</script>"><img src=x onerror=alert(2)>"#;
    let mut v: serde_json::Value = serde_json::from_str(dxsim::data::BUILTIN_JSON).unwrap();
    v["provinces"][0]["vi"] = evil.into();
    v["provinces"][0]["en"] = evil.into();
    v["indicators"][2]["vi"] = "=HYPERLINK(\"http://evil\")".into();
    v["indicators"][2]["en"] = evil.into();
    v["provinces"][0]["targets"][0]["source"]["quote"] = "@SUM(1+1)".into();
    let ds = dxsim::data::Dataset::from_json(&v.to_string()).unwrap();
    let r = dxsim::run(&ds, &dxsim::scenario::Scenario { draws: Some(50), ..Default::default() }, Some("hai-duong")).unwrap();
    for lang in [dxsim::text::Lang::Vi, dxsim::text::Lang::En] {
        for (_, svg) in dxsim::chart::province_charts(&ds, &r.provinces[0].province, &r.provinces[0].projections, &r.provinces[0].assessments, lang, true) {
            assert!(!svg.contains("<script") && !svg.contains("<img"), "{svg}");
            if svg.contains("alert") {
                assert!(svg.contains("&lt;script&gt;") || svg.contains("&lt;img"), "unescaped");
            }
        }
    }
    let csv = dxsim::export::results_csv(&ds, &r, dxsim::text::Lang::Vi);
    for line in csv.lines().skip(1) {
        for cell in line.split(',') {
            let c = cell.trim_start_matches('"');
            assert!(!c.starts_with('=') && !c.starts_with('@') && !c.starts_with('+'), "formula cell: {cell}");
        }
    }
    let goals = dxsim::export::goals_csv(&ds, Some("hai-duong"), dxsim::text::Lang::Vi);
    assert!(goals.contains("'@SUM(1+1)") || goals.contains("\"\"@SUM(1+1)\"\""), "{goals}");
}
