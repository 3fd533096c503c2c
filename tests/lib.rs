//! Native integration tests, one binary (as in jiff): provenance against the seed texts, the
//! CLI, property tests, the scenario matrix and snapshots. Native only.
#![cfg(not(target_arch = "wasm32"))]

mod cli;
mod fuzz;
mod honesty;
mod hostile;
mod layers;
mod matrix;
mod peers;
mod properties;
mod seeds;
mod snapshots;
