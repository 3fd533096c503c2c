//! Native integration tests, one binary (as in jiff): provenance against the seed texts, the
//! CLI, property tests, the scenario matrix and snapshots.

mod cli;
mod matrix;
mod properties;
mod seeds;
mod snapshots;
