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
