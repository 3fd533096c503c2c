//! The CLI proper (native only: clap does not build for wasm32).

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dxsim::data::{Dataset, MAX_DATASET_BYTES};
use dxsim::error::Error;
use dxsim::scenario::{Preset, Scenario, MAX_SCENARIO_BYTES};
use dxsim::text::{self, Lang};

#[derive(Parser)]
#[command(name = "dxsim", version, about = "Do Vietnam's provinces reach their digital-transformation targets? A scenario simulator.")]
struct Cli {
    /// A dataset file of your own (same schema as data/dataset.json), merged beside the
    /// built-in data.
    #[arg(long, global = true)]
    dataset: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum GoalsFormat {
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum RunFormat {
    Table,
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// List every observation, target and assumption with its source.
    Goals {
        /// Only this province (hai-duong, hung-yen, khanh-hoa, hau-giang, national).
        #[arg(long)]
        province: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: GoalsFormat,
        /// Language of rationales.
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
    },
    /// Run a scenario and assess every target.
    Run {
        /// Scenario JSON file, or `-` for standard input.
        #[arg(long)]
        scenario: Option<String>,
        /// Preset: trend, accelerated, stalled, shock (overrides the file's).
        #[arg(long)]
        preset: Option<String>,
        /// Only this province.
        #[arg(long)]
        province: Option<String>,
        /// Monte Carlo draws (1 to 100000).
        #[arg(long)]
        draws: Option<u32>,
        /// Random seed (0 to 2^53 − 1).
        #[arg(long)]
        seed: Option<u64>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: RunFormat,
        /// Language of labels and sentences.
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
    },
    /// Check a scenario file or a dataset file.
    Validate {
        /// The file to check (`-` for standard input).
        file: String,
    },
    /// Recompute every calibrated default: the peer rank model's churn from the published rank
    /// changes, and each growth model's trend spread from the dataset's own series.
    Calibrate,
    /// Cut each reported series before a reported year, project it with the default rules, and
    /// score the 80% band against what was reported.
    Backtest {
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: GoalsFormatOrTable,
        /// Monte Carlo draws per projection.
        #[arg(long, default_value_t = 4000)]
        draws: u32,
        /// Random seed.
        #[arg(long, default_value_t = dxsim::scenario::DEFAULT_SEED)]
        seed: u64,
        /// Language of the table.
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
        /// Let ranks under the peer model keep their own published momentum (an experiment
        /// against the default, which moves them like a typical province).
        #[arg(long)]
        momentum: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum GoalsFormatOrTable {
    Table,
    Json,
}

fn read_input(path: &str, max: usize) -> Result<String, Error> {
    let mut buf = Vec::new();
    let res = if path == "-" {
        std::io::stdin().take(max as u64 + 1).read_to_end(&mut buf)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(max as u64 + 1).read_to_end(&mut buf))
    };
    res.map_err(|e| Error::new("file", path, format!("a readable file ({e})")))?;
    if buf.len() > max {
        return Err(Error::new("file", path, format!("at most {max} bytes")));
    }
    String::from_utf8(buf).map_err(|_| Error::new("file", path, "UTF-8 text"))
}

pub fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let ds = match &cli.dataset {
        None => Ok(Dataset::builtin()),
        Some(path) => read_input(path, MAX_DATASET_BYTES).and_then(|t| Dataset::builtin().with_import(&t)),
    };
    match ds.and_then(|ds| execute(&ds, cli.command)) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn execute(ds: &Dataset, cmd: Command) -> Result<String, Error> {
    match cmd {
        Command::Goals { province, format, lang } => {
            if let Some(p) = &province {
                ds.require_province("--province", p)?;
            }
            Ok(match format {
                GoalsFormat::Csv => dxsim::export::goals_csv(ds, province.as_deref(), lang.into()),
                GoalsFormat::Json => {
                    let ps: Vec<_> = ds.provinces.iter().filter(|p| province.as_deref().is_none_or(|o| o == p.id)).collect();
                    serde_json::to_string_pretty(&ps).unwrap_or_default() + "\n"
                }
            })
        }
        Command::Run { scenario, preset, province, draws, seed, format, lang } => {
            let mut sc = match &scenario {
                Some(path) => Scenario::from_json(&read_input(path, MAX_SCENARIO_BYTES)?)?,
                None => Scenario::default(),
            };
            if let Some(p) = preset {
                sc.preset = Some(Preset::parse("--preset", &p)?);
            }
            if draws.is_some() {
                sc.draws = draws;
            }
            if seed.is_some() {
                sc.seed = seed;
            }
            let report = dxsim::run(ds, &sc, province.as_deref())?;
            Ok(match format {
                RunFormat::Json => serde_json::to_string_pretty(&report).unwrap_or_default() + "\n",
                RunFormat::Csv => dxsim::export::results_csv(ds, &report, lang.into()),
                RunFormat::Table => table(&report, lang.into()),
            })
        }
        Command::Validate { file } => {
            let text = read_input(&file, MAX_DATASET_BYTES)?;
            // Told apart by shape (top-level keys, read even from broken JSON), so that a broken
            // dataset gets the dataset's errors and limits.
            if dxsim::data::looks_like_dataset(&text) {
                validate_dataset(ds, &text)
            } else {
                if text.len() > MAX_SCENARIO_BYTES {
                    return Err(Error::new("file", &file, format!("a scenario of at most {MAX_SCENARIO_BYTES} bytes")));
                }
                let sc = Scenario::from_json(&text)?;
                let r = dxsim::scenario::resolve(ds, &sc)?;
                Ok(format!("ok: scenario valid (preset {}, {} draws, seed {}, horizon {})\n", r.preset.id(), r.draws, r.seed, r.horizon))
            }
        }
        Command::Calibrate => calibration_report(ds),
        Command::Backtest { format, draws, seed, lang, momentum } => {
            if draws == 0 || draws > dxsim::scenario::MAX_DRAWS {
                return Err(Error::new("--draws", draws, format!("an integer from 1 to {}", dxsim::scenario::MAX_DRAWS)));
            }
            let bt = dxsim::backtest::backtest_with(ds, draws, seed, momentum);
            Ok(match format {
                GoalsFormatOrTable::Json => serde_json::to_string_pretty(&bt).unwrap_or_default() + "\n",
                GoalsFormatOrTable::Table => text::backtest_table(&bt, lang.into()),
            })
        }
    }
}

/// The command line, or the exit code when it is not one to run: `--help` and `--version`
/// print and exit 0; a mistake in the flags prints clap's message and exits 1, like every other
/// error of the CLI.
fn parse_args() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        let _ = e.print();
        if e.use_stderr() {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    })
}

/// `dxsim validate` on a dataset file: a file of one's own is checked as it will be used, merged
/// beside the data in use; a complete dataset (every province of the data in use, like
/// data/dataset.json) is checked on its own. The core says which it is.
fn validate_dataset(ds: &Dataset, text: &str) -> Result<String, Error> {
    match ds.check_file(text)? {
        dxsim::data::DatasetFile::Import { merged, added } => {
            let targets: usize = merged.provinces.iter().filter(|p| added.contains(&p.id)).map(|p| p.targets.len()).sum();
            Ok(format!("ok: dataset adds {} ({targets} targets) beside the built-in data\n", added.join(", ")))
        }
        dxsim::data::DatasetFile::Complete(d) => {
            let targets: usize = d.provinces.iter().map(|p| p.targets.len()).sum();
            Ok(format!("ok: dataset {} with {} provinces, {} indicators, {targets} targets\n", d.version, d.provinces.len(), d.indicators.len()))
        }
    }
}

/// The calibration of every peer ranking, as a readable report.
fn calibration_report(ds: &Dataset) -> Result<String, Error> {
    if ds.rankings.is_empty() {
        return Err(Error::new("rankings", "(none)", "a dataset with a peer ranking"));
    }
    let mut out = String::new();
    for r in &ds.rankings {
        let c = dxsim::peer::calibrate(r, dxsim::peer::CALIBRATION_REPS);
        out.push_str(&format!("{}: {} year-to-year rank changes observed\n", r.indicator, c.pairs.len()));
        for (name, year, from, to) in &c.pairs {
            out.push_str(&format!("  {name:<24} {year}→{}  {from:>2} → {to:>2}  ({:+})\n", year + 1, i64::from(*from) - i64::from(*to)));
        }
        out.push_str(&format!("mean |change| observed: {:.2} places\n  churn  simulated mean |change|\n", c.observed_mean_abs_change));
        for (tau, m) in &c.grid {
            out.push_str(&format!("  {tau:.2}   {m:.2}{}\n", if *tau == c.best_churn { "  ← best" } else { "" }));
        }
        out.push_str(&format!("best churn {:.2}; the dataset uses {:.2}\n", c.best_churn, r.churn));
    }
    out.push_str("\ntrend spreads (standard deviation of observed yearly rates, per growth model; see src/uncertainty.rs)\n");
    for f in dxsim::uncertainty::family_spreads(ds, ds.as_of_year + 1).values() {
        let model = serde_json::to_value(f.model).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
        let spread =
            f.spread.map_or("— (fewer than two rates: the prior, a quarter of each indicator's growth range, stands in)".to_string(), |s| format!("{s:.2}"));
        out.push_str(&format!("{model}: {} rates, spread {spread}\n", f.rates.len()));
        for r in &f.rates {
            out.push_str(&format!("  {:<16} {:<22} {}→{}  {:+.2}\n", r.province, r.indicator, r.from, r.to, r.rate));
        }
    }
    Ok(out)
}

/// A readable, aligned table for a terminal: the headline likelihood first, then the pace and
/// the progress so far.
fn table(report: &dxsim::Report, lang: Lang) -> String {
    use dxsim::assess::{Basis, PaceStatus};
    use dxsim::data::StartKind;
    let head: [&str; 12] = match lang {
        Lang::Vi => ["Tỉnh", "Chỉ tiêu", "Năm", "Mục tiêu", "Xuất phát", "Dự phóng", "P(đạt)", "Đánh giá", "Giả định", "Cần", "R", "Đến nay"],
        Lang::En => ["Province", "Indicator", "Year", "Target", "Start", "Projected", "P(meet)", "Verdict", "Assumed", "Required", "R", "So far"],
    };
    let mut rows: Vec<Vec<String>> = vec![head.iter().map(|s| s.to_string()).collect()];
    for pr in &report.provinces {
        for a in &pr.assessments {
            let n2 = |v: f64| text::number(v, dxsim::assess::PACE_DECIMALS as usize, lang);
            let mark = match a.start_kind {
                StartKind::Observed => "",
                StartKind::Assumption | StartKind::Entered => "*",
                StartKind::Derived => "=",
                StartKind::Proxy => "~",
                StartKind::Placeholder => "?",
            };
            let start = format!("{} ({}{mark})", text::value(a.start_value, a.unit, lang, true), a.start_year);
            let likely = a.basis == Basis::Projection;
            let r = match a.pace.status {
                _ if !likely => "—".to_string(),
                PaceStatus::OnTrack | PaceStatus::AccelerationNeeded | PaceStatus::LimitedProgress | PaceStatus::Deterioration if a.pace.ratio.is_some() => {
                    a.pace.ratio.map_or("—".into(), n2)
                }
                s => text::pace_label(s).get(lang).to_string(),
            };
            rows.push(vec![
                pr.province.clone(),
                a.indicator.clone(),
                a.year.to_string(),
                text::target(a.comparator, a.target, a.unit, lang),
                start,
                if a.basis == Basis::NoData { "—".into() } else { text::value(a.projected, a.unit, lang, false) },
                if likely { format!("{}%", text::number(a.probability * 100.0, 0, lang)) } else { "—".into() },
                format!("{}{}", text::status_label(a.status).get(lang), if a.past && likely { " †" } else { "" }),
                if likely { n2(a.pace.assumed) } else { "—".into() },
                if likely { a.pace.required.map_or("—".into(), n2) } else { "—".into() },
                r,
                text::progress_label(a.progress_so_far.status).get(lang).to_string(),
            ]);
        }
    }
    let mut out = text::aligned(&rows);
    out.push_str(&text::table_legend(report.draws, report.seed, &report.data_version, lang));
    out
}
