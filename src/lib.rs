//! dxsim: does a Vietnamese province reach its digital-transformation (chuyển đổi số) targets
//! under a set of growth assumptions, and how likely is it?
//!
//! The data flows one way, and each module knows only the ones before it (the layer order;
//! `tests/layers.rs` reads the sources and fails on any `crate::` path that points upward):
//!
//! ```text
//! bottom     error · lang (Lang, Text, numbers, escaping) · model (growth maths) · stats · progress
//! facts      data (sourced dataset, validation, import, derived starts)
//! what-if    uncertainty (calibrated trend spreads) → scenario (assumptions, limits, presets)
//!              → hash (the link codec and embed snippets)
//! simulation peer (the 63-province rank field) → sim (paths and Monte Carlo bands)
//!              → backtest (cut, reproject, score the bands)
//! verdicts   assess (likelihood, pace, progress so far: ids and numbers, no prose)
//! words      text (every word and sentence) → chart (SVG) → controls (the page's sliders)
//! views      report (run → Report, sentences attached; the page's views) → export (CSV)
//! top        wasm.rs (convert and delegate) · bin/dxsim (the CLI) · www/ (the page)
//! ```
//!
//! The core is plain Rust with no WebAssembly types; `wasm.rs` only converts and delegates.
//!
//! ```
//! let ds = dxsim::data::Dataset::builtin();
//! let sc = dxsim::scenario::Scenario::from_json(r#"{"draws": 200}"#)?;
//! let report = dxsim::run(&ds, &sc, Some("hai-duong"))?;
//! assert!(report.provinces[0].assessments.iter().any(|a| a.indicator == "de_share"));
//! # Ok::<(), dxsim::error::Error>(())
//! ```

pub mod assess;
pub mod backtest;
pub mod chart;
pub mod controls;
pub mod data;
pub mod error;
pub mod export;
pub mod hash;
pub mod lang;
pub mod model;
pub mod peer;
pub mod progress;
pub mod report;
pub mod scenario;
pub mod sim;
pub mod stats;
pub mod text;
pub mod uncertainty;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use report::{run, Report};

/// Version of the model code; with the dataset version it pins every shared link (`v=`).
pub const MODEL_VERSION: &str = env!("CARGO_PKG_VERSION");
