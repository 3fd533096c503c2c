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

/// An example province file, changed by `f`, written to a temporary file; returns its path.
fn example_file(name: &str, f: impl FnOnce(&mut serde_json::Value)) -> std::path::PathBuf {
    let path = format!("{}/data/examples/da-nang.json", env!("CARGO_MANIFEST_DIR"));
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    f(&mut v);
    write_temp(name, &v.to_string())
}

fn write_temp(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dxsim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn every_error_exits_1_and_help_and_version_exit_0() {
    for args in [&["run", "--draws", "many"][..], &["run", "--frobnicate"], &["frobnicate"], &[], &["run", "--format", "xml"]] {
        let (code, out, err) = dxsim(args, None);
        assert_eq!(code, 1, "{args:?}: {out}{err}");
        assert!(err.starts_with("error:") || err.contains("Usage:"), "{args:?}: {err}");
    }
    for args in [&["--help"][..], &["--version"], &["run", "--help"]] {
        let (code, out, _) = dxsim(args, None);
        assert_eq!(code, 0, "{args:?}");
        assert!(!out.is_empty());
    }
}

#[test]
fn validate_tells_datasets_from_scenarios_by_shape() {
    // A dataset with a JSON syntax error gets the JSON error, not a scenario's "unknown field".
    let broken = dxsim::data::BUILTIN_JSON.replacen("\"as_of_year\": 2026,", "\"as_of_year\": 2026,,", 1);
    let (code, _, err) = dxsim(&["validate", "-"], Some(&broken));
    assert_eq!(code, 1);
    assert!(err.starts_with("error: ") && err.contains("invalid JSON") && !err.contains("unknown field"), "{err}");
    // A broken dataset over the scenario size limit is still read as a dataset.
    let padded = format!("{}{}", &broken[..broken.len() - 2], " ".repeat(300 * 1024));
    let (code, _, err) = dxsim(&["validate", "-"], Some(&padded));
    assert_eq!(code, 1);
    assert!(!err.contains("scenario of at most"), "{err}");
    // A province id of the built-in data: the import's own message.
    let taken = example_file("taken.json", |v| v["provinces"][0]["id"] = "hai-duong".into());
    let (code, _, err) = dxsim(&["validate", taken.to_str().unwrap()], None);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: provinces[0].id: got hai-duong; allowed: an id not used by the built-in data"), "{err}");
    let (code, out, err) = dxsim(&["validate", example_file("ok.json", |_| {}).to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("ok: dataset adds da-nang ("), "{out}");
}

#[test]
fn validate_refuses_hostile_and_contradictory_datasets_naming_the_field() {
    let url = |u: &'static str| move |v: &mut serde_json::Value| v["provinces"][0]["targets"][0]["source"] = serde_json::json!({"url": u, "quote": "x"});
    type Change = Box<dyn FnOnce(&mut serde_json::Value)>;
    let cases: Vec<(&str, Change, &str)> = vec![
        ("url1.json", Box::new(url("http://[")), "provinces[0].targets[0].source.url: got \"http://[\"; allowed: a well-formed IPv6 address"),
        ("url2.json", Box::new(url("https://a:99999/")), "provinces[0].targets[0].source.url: got \"https://a:99999/\"; allowed: a port from 1 to 65535"),
        ("url3.json", Box::new(url("https://đànẵng.vn/")), "allowed: a host name in ASCII: write a non-ASCII name in punycode"),
        (
            "merger.json",
            Box::new(|v| {
                v["mergers"] = serde_json::json!([{"from": "national", "into": {"vi": "Đà Nẵng", "en": "Da Nang"}, "into_province": "da-nang", "with": [],
                    "date": "2025-07-01", "status": "reported", "source": {"url": "https://example.com/", "via": "x"}}])
            }),
            "mergers[0].from: got national; allowed: a province of this file (da-nang)",
        ),
        (
            "late.json",
            Box::new(|v| v["provinces"][0]["targets"][0]["year"] = 2040.into()),
            "provinces[0].targets[0].year: got 2040; allowed: a year up to 2035",
        ),
        (
            "future.json",
            Box::new(|v| v["provinces"][0]["observations"][0]["year"] = 2030.into()),
            "provinces[0].observations[0].year: got 2030; allowed: a year up to as_of_year (2026)",
        ),
        (
            "twice.json",
            Box::new(|v| {
                let o = v["provinces"][0]["observations"][0].clone();
                v["provinces"][0]["observations"].as_array_mut().unwrap().push(o);
            }),
            "allowed: one observation per indicator and year",
        ),
    ];
    for (name, f, says) in cases {
        let path = example_file(name, f);
        let (code, _, err) = dxsim(&["validate", path.to_str().unwrap()], None);
        assert_eq!(code, 1, "{name}");
        assert!(err.contains(says), "{name}: {err}");
        // The same file as --dataset of any command.
        let (code, _, err2) = dxsim(&["--dataset", path.to_str().unwrap(), "goals"], None);
        assert_eq!((code, &err2), (1, &err), "{name}");
    }
}

#[test]
fn careless_json_is_named() {
    for (input, says) in [
        (r#"["stalled", 7, 99]"#, "error: (document): got an array; allowed: a JSON object"),
        (r#"{"draws": 5, "draws": 6}"#, "error: draws: got a second value for the key \"draws\"; allowed: each key once per object"),
        (
            r#"{"provinces": {"hai-duong": {"grdp_growth": 5}, "hai-duong": {"grdp_growth": 9}}}"#,
            "error: provinces.hai-duong: got a second value for the key \"hai-duong\"",
        ),
        ("\u{feff}{\"draws\": 5}", "error: (document): got a byte-order mark (BOM) at the start; allowed: UTF-8 text without BOM"),
    ] {
        let (code, _, err) = dxsim(&["validate", "-"], Some(input));
        assert_eq!(code, 1, "{input}");
        assert!(err.starts_with(says), "{input}: {err}");
        let (code, _, err) = dxsim(&["run", "--scenario", "-", "--draws", "10"], Some(input));
        assert_eq!(code, 1, "{input}");
        assert!(err.starts_with(says), "{input}: {err}");
    }
    let bom = format!("\u{feff}{}", dxsim::data::BUILTIN_JSON);
    let (code, _, err) = dxsim(&["validate", "-"], Some(&bom));
    assert_eq!(code, 1);
    assert!(err.contains("byte-order mark (BOM)"), "{err}");
}

#[test]
fn a_run_too_big_for_the_budget_is_refused_before_it_starts() {
    let big = write_temp("big.json", &crate::hostile::big_dataset(194, 200, 12, 2020));
    let t = std::time::Instant::now();
    let (code, _, err) = dxsim(&["--dataset", big.to_str().unwrap(), "run", "--draws", "100000", "--format", "csv"], None);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: draws: got 100000 (about ") && err.contains("or run one province"), "{err}");
    assert!(t.elapsed().as_secs() < 20, "refused before simulating");
    // The file itself is valid: only the run is too big.
    let (code, out, err) = dxsim(&["validate", big.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("ok: dataset adds p000, p001"), "{out}");
}
