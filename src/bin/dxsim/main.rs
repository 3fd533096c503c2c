//! The `dxsim` command line: the same core as the page, for terminals, scripts and tests.
//!
//! - `dxsim goals [--province ID] [--format csv|json]` — every observation, target and assumption
//!   with its provenance.
//! - `dxsim run [--scenario FILE|-] [--preset NAME] [--province ID] [--draws N] [--seed S]
//!   [--format table|csv|json]` — the assessment of every target.
//! - `dxsim validate FILE` — checks a scenario or a dataset file; exit code 0 or 1.
//!
//! User mistakes print `error: …` on stderr and exit with 1; nothing panics.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

// The wasm test build compiles every target; the CLI has no meaning there.
#[cfg(target_arch = "wasm32")]
fn main() {}
