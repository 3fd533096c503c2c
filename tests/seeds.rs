//! Provenance: every seed quote occurs verbatim in its seed file and contains the cited value.
//!
//! The seed articles are vendored in `data/seeds/` so the check runs anywhere; when the shared
//! research folder sits beside the repository (as in CI) the vendored copies must equal it.

use std::path::PathBuf;

use dxsim::data::{Dataset, Source};
use dxsim::text::{number_trim, Lang};

fn seed_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/seeds")
}

fn seed_text(file: &str) -> String {
    std::fs::read_to_string(seed_dir().join(file)).unwrap_or_else(|e| panic!("seed {file}: {e}"))
}

/// Parses "10 nghìn", "1,1 nghìn", "11 triệu" (Vietnamese number words) to a number.
fn words_value(s: &str) -> f64 {
    let mut parts = s.split_whitespace();
    let n: f64 = parts.next().unwrap().replace('.', "").replace(',', ".").parse().unwrap();
    let scale = match parts.next() {
        None => 1.0,
        Some("nghìn") => 1e3,
        Some("triệu") => 1e6,
        Some("tỷ") => 1e9,
        Some(w) => panic!("unknown number word {w}"),
    };
    n * scale
}

/// Evaluates a left-to-right derivation like "35 + 14" or "1440 / 1823 * 100".
fn eval(expr: &str) -> (f64, Vec<f64>) {
    let tokens: Vec<&str> = expr.split_whitespace().collect();
    let mut operands = vec![tokens[0].parse::<f64>().unwrap()];
    let mut acc = operands[0];
    for pair in tokens[1..].chunks(2) {
        let v: f64 = pair[1].parse().unwrap();
        operands.push(v);
        acc = match pair[0] {
            "+" => acc + v,
            "-" => acc - v,
            "*" => acc * v,
            "/" => acc / v,
            op => panic!("unknown operator {op}"),
        };
    }
    (acc, operands)
}

/// The ways a number may be written in a Vietnamese quote: "1.440", "64,06", "80".
fn written_forms(v: f64) -> Vec<String> {
    vec![number_trim(v, 2, Lang::Vi), format!("{v}")]
}

fn check(what: &str, src: &Source, value: f64, derivation: Option<&str>) -> usize {
    let (Some(file), Some(quote)) = (&src.seed, &src.quote) else { return 0 };
    let text = seed_text(file);
    assert!(text.contains(quote.as_str()), "{what}: quote not found verbatim in {file}: {quote:?}");
    if let Some(d) = derivation {
        let (result, operands) = eval(d);
        assert!((result - value).abs() < 0.01, "{what}: {d} = {result}, not {value}");
        for o in operands.iter().filter(|&&o| o != 100.0) {
            assert!(written_forms(*o).iter().any(|f| quote.contains(f.as_str())), "{what}: operand {o} of {d} not in quote {quote:?}");
        }
    } else if let Some(vt) = &src.value_text {
        assert!(quote.contains(vt.as_str()), "{what}: value_text {vt:?} not in quote");
        assert!((words_value(vt) - value).abs() < 1e-9, "{what}: {vt:?} is not {value}");
    } else {
        assert!(written_forms(value).iter().any(|f| quote.contains(f.as_str())), "{what}: value {value} not written in quote {quote:?}");
    }
    1
}

#[test]
fn every_seed_quote_is_verbatim_and_contains_its_value() {
    let ds = Dataset::builtin();
    let mut checked = 0;
    for p in &ds.provinces {
        for o in &p.observations {
            checked += check(&format!("{} observation {} {}", p.id, o.indicator, o.year), &o.source, o.value, o.derivation.as_deref());
        }
        for t in &p.targets {
            checked += check(&format!("{} target {} {}", p.id, t.indicator, t.year), &t.source, t.value, None);
        }
        for q in &p.qualitative {
            if let (Some(file), Some(quote)) = (&q.source.seed, &q.source.quote) {
                assert!(seed_text(file).contains(quote.as_str()), "{} qualitative: {quote:?} not in {file}", p.id);
                checked += 1;
            }
        }
    }
    // All five seed files are used, and the bulk of the dataset is seed-sourced.
    assert!(checked >= 60, "only {checked} seed-sourced facts");
    for f in std::fs::read_dir(seed_dir()).unwrap() {
        let name = f.unwrap().file_name().into_string().unwrap();
        let used = ds
            .provinces
            .iter()
            .any(|p| p.observations.iter().map(|o| &o.source).chain(p.targets.iter().map(|t| &t.source)).any(|s| s.seed.as_deref() == Some(name.as_str())));
        assert!(used, "seed {name} is not cited by any fact");
    }
}

#[test]
fn seed_goals_named_in_the_brief_are_present() {
    let ds = Dataset::builtin();
    let has = |p: &str, ind: &str, year: i32, v: f64| ds.province(p).unwrap().targets.iter().any(|t| t.indicator == ind && t.year == year && t.value == v);
    let obs = |p: &str, ind: &str, year: i32, v: f64| ds.province(p).unwrap().observations.iter().any(|o| o.indicator == ind && o.year == year && o.value == v);
    assert!(has("hai-duong", "online_services_l4", 2025, 80.0) && has("hai-duong", "online_services_l4", 2030, 100.0));
    assert!(has("hai-duong", "work_records_commune", 2025, 70.0) && has("hai-duong", "de_share", 2030, 30.0));
    assert!(has("hai-duong", "digital_enterprises", 2030, 1000.0) && has("hai-duong", "productivity_growth", 2030, 10.0));
    assert!(obs("hai-duong", "dti_rank", 2020, 14.0));
    assert!(has("hung-yen", "inspections_digital", 2025, 50.0) && has("hung-yen", "dti_rank", 2030, 20.0));
    assert!(has("hung-yen", "fibre_households", 2025, 80.0) && has("hung-yen", "smartphone_users", 2025, 90.0));
    assert!(
        obs("khanh-hoa", "online_services_l34", 2020, 64.06) && obs("khanh-hoa", "online_dossiers", 2020, 56.0) && obs("khanh-hoa", "e_bidding", 2020, 35.8)
    );
    assert!(has("khanh-hoa", "dti_rank", 2025, 25.0) && has("khanh-hoa", "dti_rank", 2030, 20.0));
    assert!(obs("hau-giang", "dti_rank", 2021, 17.0) && obs("hau-giang", "grdp_growth", 2022, 13.94));
    assert!(has("national", "online_services_l4", 2025, 80.0) && has("national", "online_services_l4", 2030, 100.0));
}

#[test]
fn vendored_seeds_match_the_shared_research_folder() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&shared) else {
        eprintln!("shared/seeds not beside the repository: comparing only the vendored copies");
        return;
    };
    for f in entries {
        let f = f.unwrap();
        let name = f.file_name().into_string().unwrap();
        let vendored = std::fs::read(seed_dir().join(&name)).unwrap_or_else(|_| panic!("{name} is not vendored in data/seeds"));
        assert_eq!(vendored, std::fs::read(f.path()).unwrap(), "{name} differs from shared/seeds");
    }
}
