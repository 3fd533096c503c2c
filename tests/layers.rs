//! The layers of `src/` only point down: every `crate::` path in a module names a module listed
//! before it in [`LAYERS`] (the order written in `src/lib.rs`). A new upward import fails here,
//! with the module, the line and the module it reaches.

/// The modules of the crate, lowest first: the data flows one way, from facts to words to views.
const LAYERS: &[&str] = &[
    "error",
    "lang",
    "model",
    "stats",
    "progress",
    "data",
    "uncertainty",
    "scenario",
    "hash",
    "peer",
    "sim",
    "backtest",
    "assess",
    "text",
    "chart",
    "controls",
    "report",
    "export",
    "wasm",
];

/// The `crate::x` module names a source line reaches (`use crate::{a, b::c}` counts `a` and `b`).
fn reached(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name: String = part.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                out.push(name);
            }
        } else {
            out.push(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
        }
    }
    out
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_stem().and_then(|s| s.to_str()).map(String::from) else { continue };
        if path.extension().is_none_or(|e| e != "rs") || name == "lib" {
            continue;
        }
        let level = LAYERS.iter().position(|l| *l == name).unwrap_or_else(|| panic!("src/{name}.rs is not in LAYERS: place it in the layer order"));
        seen.push(name.clone());
        let text = std::fs::read_to_string(&path).unwrap();
        // Unit tests may use anything; the module itself may not reach up.
        let body = text.split("#[cfg(test)]").next().unwrap();
        for (n, line) in body.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for target in reached(line) {
                // The crate root's own items (MODEL_VERSION, run) are above every layer's concern.
                let Some(to) = LAYERS.iter().position(|l| *l == target) else { continue };
                assert!(to < level || target == name, "src/{name}.rs:{}: reaches `{target}`, a layer above it: {}", n + 1, line.trim());
            }
        }
    }
    for l in LAYERS {
        assert!(seen.iter().any(|s| s == l), "{l} is listed in LAYERS but src/{l}.rs does not exist");
    }
}

#[test]
fn the_scanner_reads_every_form_of_path() {
    assert_eq!(reached("use crate::data::{Dataset, Unit};"), ["data"]);
    assert_eq!(reached("use crate::{sim, text::Lang};"), ["sim", "text"]);
    assert_eq!(reached("let x = crate::peer::simulate(crate::stats::NEVER);"), ["peer", "stats"]);
}
