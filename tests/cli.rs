//! The `dxsim` binary: formats, exit codes and messages for bad input.

use std::io::Write;
use std::process::{Command, Stdio};

fn dxsim(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dxsim")).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn goals_csv_lists_sources() {
    let (code, out, _) = dxsim(&["goals", "--format", "csv"], None);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert_eq!(lines.next().unwrap(), "province,indicator,kind,year,value,comparator,unit,source");
    for l in lines {
        assert!(l.contains(",observed,") || l.contains(",target,") || l.contains(",assumption,"), "{l}");
        assert!(!l.ends_with(','), "empty source: {l}");
    }
    assert!(out.contains("hau-giang,dti_rank,observed,2021,17,,rank,\"004_83f0152320a3a2c6.txt: \"\"vị trí xếp hạng"));
    let (code, out, _) = dxsim(&["goals", "--province", "national", "--format", "json"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["id"], "national");
}

#[test]
fn run_prints_a_verdict_for_every_target_of_every_province() {
    let (code, out, _) = dxsim(&["run", "--draws", "200", "--format", "csv", "--lang", "en"], None);
    assert_eq!(code, 0);
    let ds = dxsim::data::Dataset::builtin();
    let targets: usize = ds.provinces.iter().map(|p| p.targets.len()).sum();
    assert_eq!(out.lines().count(), targets + 1);
    for p in &ds.provinces {
        assert!(out.lines().any(|l| l.starts_with(&format!("{},", p.id))), "{}", p.id);
    }
    let (code, out, _) = dxsim(&["run", "--province", "khanh-hoa", "--draws", "100", "--format", "json"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["provinces"].as_array().unwrap().len(), 1);
}

#[test]
fn scenario_from_stdin_and_presets() {
    let (code, out, err) = dxsim(&["run", "--scenario", "-", "--draws", "100", "--format", "csv"], Some(r#"{"preset": "stalled"}"#));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("limited_progress"));
    let (code, _, err) = dxsim(&["run", "--preset", "sideways"], None);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: --preset: got \"sideways\"; allowed: one of trend, accelerated, stalled, shock"), "{err}");
}

#[test]
fn bad_scenarios_exit_1_with_a_clear_message_and_no_panic() {
    for (input, field) in [
        (r#"{"draws": 1000000}"#, "draws"),
        (r#"{"horizon": "soon"}"#, "horizon"),
        (r#"{"provinces": {"hai-duong": {"indicators": {"de_share": {"growth": 1e308}}}}}"#, "provinces.hai-duong.indicators.de_share.growth"),
        (r#"{"provinces": {"atlantis": {}}}"#, "provinces.atlantis"),
        (r#"{"unknown": 1}"#, "unknown: got an unknown field"),
        ("not json", "(document)"),
        ("", "(document)"),
    ] {
        let (code, out, err) = dxsim(&["validate", "-"], Some(input));
        assert_eq!(code, 1, "{input}: {out}");
        assert!(err.starts_with(&format!("error: {field}")), "{input}: {err}");
        assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
        let (code, _, err2) = dxsim(&["run", "--scenario", "-"], Some(input));
        assert_eq!((code, &err2), (1, &err));
    }
    let (code, out, _) = dxsim(&["validate", "-"], Some(r#"{"preset": "accelerated", "draws": 500}"#));
    assert_eq!(code, 0);
    assert!(out.starts_with("ok: scenario valid"));
    let (code, _, err) = dxsim(&["validate", "/nonexistent/file.json"], None);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: file: got /nonexistent/file.json"), "{err}");
}

#[test]
fn validate_accepts_the_builtin_dataset_and_rejects_a_broken_one() {
    let (code, out, _) = dxsim(&["validate", "-"], Some(dxsim::data::BUILTIN_JSON));
    assert_eq!(code, 0);
    assert!(out.starts_with("ok: dataset"));
    let broken = dxsim::data::BUILTIN_JSON.replacen("\"hai-duong\"", "\"Hải Dương!\"", 1);
    let (code, _, err) = dxsim(&["validate", "-"], Some(&broken));
    assert_eq!(code, 1);
    assert!(err.contains("provinces[0].id"), "{err}");
}

/// Values reported for 2025 decide the national 2025 goals (issue #11); a proxy never does.
#[test]
fn reported_2025_values_decide_the_national_goals() {
    let (code, out, _) = dxsim(&["run", "--province", "national", "--draws", "200", "--format", "json"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let status = |ind: &str, year: i64| {
        let a = v["provinces"][0]["assessments"].as_array().unwrap().iter().find(|a| a["indicator"] == ind && a["year"] == year).unwrap();
        a["status"].as_str().unwrap().to_string()
    };
    // Digital economy 14.02% of GDP (Statistics Office), against ≥ 20%.
    assert_eq!(status("de_share", 2025), "missed");
    // Dossiers processed fully online 39.98% (to 26 October), against ≥ 80% (QĐ 942).
    assert_eq!(status("dossiers_fully_online", 2025), "missed");
    // Procedures offered fully online 50.4% (April), against ≥ 80% (QĐ 749).
    assert_eq!(status("online_services_l4", 2025), "missed");
    // Households using fibre 85.1% (June), against > 80% coverage.
    assert_eq!(status("fibre_households", 2025), "achieved");
    // Adults' bank payment accounts stand in for e-payment accounts: a likelihood, not a verdict.
    assert!(!["achieved", "missed"].contains(&status("epayment_accounts", 2025).as_str()));
    // Nobody reported communes with fibre.
    assert_eq!(status("fibre_communes", 2025), "insufficient_data");
}
