//! dxsim: does a Vietnamese province reach its digital-transformation (chuyển đổi số) targets
//! under a set of growth assumptions, and how likely is it?
//!
//! The data flows one way, and each module knows only the ones before it:
//!
//! ```text
//! data (sourced facts) → model (growth maths) → scenario (assumptions, validation)
//!   → sim (deterministic path + Monte Carlo band) → assess (verdicts) → text (vi/en words)
//!   → report (one call: everything a view needs) → CLI (main.rs) | wasm.rs → www/
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
pub mod data;
pub mod error;
pub mod export;
pub mod hash;
pub mod model;
pub mod peer;
pub mod progress;
pub mod report;
pub mod scenario;
pub mod sim;
pub mod text;
pub mod uncertainty;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use report::{run, Report};

/// Version of the model code; with the dataset version it pins every shared link (`v=`).
pub const MODEL_VERSION: &str = env!("CARGO_PKG_VERSION");
