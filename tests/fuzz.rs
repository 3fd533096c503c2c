//! The long robustness run: `cargo xtask fuzz [CASES]` (default 1,000,000 cases per decoder).
//! Every decoder the outside world reaches gets arbitrary text and structured near-valid input;
//! each must answer `Ok` or a clear error, never panic. Ignored in the normal run (the same
//! checks run there with fewer cases, in `properties.rs`).

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn cases(default: u32) -> u32 {
    std::env::var("DXSIM_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn run<S: Strategy>(name: &str, n: u32, strategy: S, f: impl Fn(S::Value)) {
    let mut runner = TestRunner::new(Config { cases: n, failure_persistence: None, ..Config::default() });
    runner
        .run(&strategy, |v| {
            f(v);
            Ok(())
        })
        .unwrap();
    println!("fuzz {name}: {n} cases passed");
}

#[test]
#[ignore]
fn fuzz_every_decoder() {
    let n = cases(1_000_000);
    let ds = dxsim::data::Dataset::builtin();
    run("scenario JSON (arbitrary text)", n, ".{0,120}", |s: String| {
        if let Ok(sc) = dxsim::scenario::Scenario::from_json(&s) {
            let _ = dxsim::scenario::resolve(&ds, &sc);
        }
    });
    run("scenario JSON (near-valid)", n, "\\{\"(draws|seed|horizon|preset|shock_year|provinces)\": ?(-?[0-9]{1,22}(\\.[0-9]{0,3})?|\"[a-z-]{0,12}\"|\\{\"(hai-duong|national|x)\": ?\\{\"(grdp_growth|indicators)\": ?(-?[0-9e.]{1,8}|\\{\"(de_share|dti_rank)\": ?\\{\"(growth|sigma|start)\": ?-?[0-9e.]{1,8}\\}\\})\\}\\}|null|true)\\}", |s: String| {
        if let Ok(sc) = dxsim::scenario::Scenario::from_json(&s) {
            let _ = dxsim::scenario::resolve(&ds, &sc);
        }
    });
    run("URL hash and embed query (arbitrary text)", n, ".{0,160}", |s: String| crate::properties::decode_link(&s));
    run("URL hash and embed query (near-valid)", n, "(v=[0-9._-]{0,12}|p=[a-z-]{0,10}|province=[a-z<>-]{0,10}|i=[a-z_]{0,12}|lang=[a-z]{0,3}|theme=[a-z]{0,5}|static=[0-9a-z]{0,2}|draws=-?[0-9]{0,8}|seed=[0-9]{0,17}|h=[0-9]{0,5}|sy=[0-9]{0,5}|grdp\\.[a-z-]{0,10}=[0-9e.+-]{0,6}|[gsx]\\.(hai-duong|hung-yen|x)\\.(de_share|dti_rank|y)=[0-9e.%+-]{0,8}|%[0-9A-Fa-f]{0,2})(&(v=[0-9._-]{0,12}|p=hai-duong|draws=[0-9]{0,6}|g\\.hai-duong\\.de_share=[0-9.]{0,5}|[a-z.=%]{0,8})){0,5}", |s: String| crate::properties::decode_link(&s));
    run("dataset file (arbitrary text)", n, ".{0,200}", |s: String| crate::properties::decode_dataset(&s));
    // Each near-valid dataset is a full 60 KB document and, when valid, a full run: fewer cases.
    let m = (n / 100).max(100);
    run("dataset file (near-valid mutations of the built-in one)", m, crate::properties::mutated_dataset(), |s: String| crate::properties::decode_dataset(&s));
    run("imported file (near-valid mutations of the examples)", m, crate::properties::mutated_import(), |s: String| crate::properties::decode_import(&s));
    run(
        "imported file breaking one rule of #15 (refused, naming the field)",
        m,
        crate::properties::rule_breaking_import(),
        crate::properties::check_rule_breaking,
    );
}
