//! Downloads: the goals table and the results table as CSV, with provenance columns.
//!
//! Used by the CLI and by the page (through the wasm binding), so a CSV is the same wherever it
//! is made. Cells are quoted per RFC 4180, and any text cell a spreadsheet could read as a
//! formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`:
//! names and quotes come from datasets anyone can load.

use std::fmt::Write as _;

use crate::data::{Dataset, Source, StartKind};
use crate::report::Report;
use crate::text::Lang;

/// The exact header of the results CSV: the headline status and its inputs, the pace line
/// (`pace_*`), progress so far from reported data (`progress_*`, Open SDG's method), and the
/// provenance of the target and the start.
pub const RESULTS_HEADER: &str = "province,indicator,year,comparator,target,unit,status,basis,projected,p10,p50,p90,probability,first_met_median,assumed_growth,required_growth,pace_status,pace_assumed,pace_required,pace_ratio,progress_status,progress_value,progress_base_year,progress_base_value,progress_current_year,progress_current_value,start_year,start_value,start_kind,start_low,start_high,target_source,start_source,sentence";

/// The exact header of the goals CSV.
pub const GOALS_HEADER: &str = "province,indicator,kind,year,value,comparator,unit,source";

/// One CSV cell: formula-neutralised and quoted when needed.
pub fn cell(s: &str) -> String {
    let numeric = s.parse::<f64>().is_ok_and(f64::is_finite);
    let s = if !numeric && s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn row(out: &mut String, cells: &[String]) {
    let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    let _ = writeln!(out, "{}", line.join(","));
}

/// A source in one line: `file: "quote"`, `url: "quote"` or `url (via …)`.
pub fn source_line(s: &Source) -> String {
    let origin = s.seed.as_deref().or(s.url.as_deref()).unwrap_or("");
    match (&s.quote, &s.via) {
        (Some(q), _) => format!("{origin}: \"{q}\""),
        (None, Some(v)) => format!("{origin} (via {v})"),
        (None, None) => origin.to_string(),
    }
}

/// A derived value's provenance in one line: the rule and each part with its source.
fn derived_line(a: &crate::data::Assumption) -> String {
    let Some(d) = &a.derived else { return String::new() };
    let parts: Vec<String> = d
        .inputs
        .iter()
        .map(|i| {
            let origin = i.source.as_ref().map_or_else(|| i.rationale.as_ref().map_or(String::new(), |r| format!("assumption: {}", r.en)), source_line);
            let weight = i.weight.map_or(String::new(), |w| format!(" × weight {}", num(w)));
            format!("{} {} = {}{weight} ({origin})", i.part.en, i.year, num(i.value))
        })
        .collect();
    format!("derived ({}): {}", serde_json::to_value(d.rule).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(), parts.join("; "))
}

/// A plain number for CSV (never localised: spreadsheets must parse it).
fn num(v: f64) -> String {
    if v.is_finite() {
        let s = format!("{v:.4}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" {
            "0".into()
        } else {
            s.to_string()
        }
    } else {
        String::new()
    }
}

/// Every observation, target and assumption (optionally of one province) with its provenance.
pub fn goals_csv(ds: &Dataset, only: Option<&str>, lang: Lang) -> String {
    let mut out = format!("{GOALS_HEADER}\n");
    for p in ds.provinces.iter().filter(|p| only.is_none_or(|o| o == p.id)) {
        let unit = |id: &str| {
            ds.indicator(id).map_or(String::new(), |i| serde_json::to_value(i.unit).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default())
        };
        for o in &p.observations {
            let mut src = source_line(&o.source);
            if let Some(d) = &o.derivation {
                src.push_str(&format!(" [derived: {d}]"));
            }
            row(&mut out, &[p.id.clone(), o.indicator.clone(), "observed".into(), o.year.to_string(), num(o.value), String::new(), unit(&o.indicator), src]);
        }
        for t in &p.targets {
            let mut src = source_line(&t.source);
            if t.reference {
                src.push_str(" [national benchmark]");
            }
            row(
                &mut out,
                &[p.id.clone(), t.indicator.clone(), "target".into(), t.year.to_string(), num(t.value), t.comparator.symbol().into(), unit(&t.indicator), src],
            );
        }
        for a in &p.assumptions {
            let src = format!("assumption: {}", a.rationale.get(lang));
            row(&mut out, &[p.id.clone(), a.indicator.clone(), "assumption".into(), a.year.to_string(), num(a.value), String::new(), unit(&a.indicator), src]);
        }
    }
    out
}

/// The assessment of every target in a report, with provenance of the target and the start.
pub fn results_csv(ds: &Dataset, report: &Report, lang: Lang) -> String {
    let mut out = String::from(RESULTS_HEADER);
    out.push('\n');
    for pr in &report.provinces {
        let Some(p) = ds.province(&pr.province) else { continue };
        for a in &pr.assessments {
            let t = p.targets.iter().find(|t| t.indicator == a.indicator && t.year == a.year);
            let start_src = match a.start_kind {
                StartKind::Observed => p.own_observations(&a.indicator).last().map_or(String::new(), |o| source_line(&o.source)),
                StartKind::Proxy => p
                    .observations_of(&a.indicator)
                    .filter(|o| o.proxy.is_some())
                    .last()
                    .map_or(String::new(), |o| format!("proxy ({}): {}", o.proxy.as_ref().map_or("", |t| t.get(lang)), source_line(&o.source))),
                StartKind::Entered => "entered in the scenario".into(),
                StartKind::Assumption | StartKind::Placeholder => {
                    p.assumptions.iter().find(|x| x.indicator == a.indicator).map_or(String::new(), |x| format!("assumption: {}", x.rationale.get(lang)))
                }
                StartKind::Derived => p.assumptions.iter().find(|x| x.indicator == a.indicator).map_or(String::new(), derived_line),
            };
            let ps = &a.progress_so_far;
            let opt = |v: Option<f64>| v.map_or(String::new(), num);
            let opt_year = |v: Option<i32>| v.map_or(String::new(), |y| y.to_string());
            let unit = serde_json::to_value(a.unit).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
            row(
                &mut out,
                &[
                    a.province.clone(),
                    a.indicator.clone(),
                    a.year.to_string(),
                    a.comparator.symbol().into(),
                    num(a.target),
                    unit,
                    a.status.id().into(),
                    serde_json::to_value(a.basis).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
                    num(a.projected),
                    num(a.band[0]),
                    num(a.band[1]),
                    num(a.band[2]),
                    num(a.probability),
                    a.first_met_median.map_or(String::new(), |y| y.to_string()),
                    num(a.assumed),
                    opt(a.required),
                    a.pace.status.id().into(),
                    num(a.pace.assumed),
                    opt(a.pace.required),
                    opt(a.pace.ratio),
                    ps.status.id().into(),
                    opt(ps.value),
                    opt_year(ps.base_year),
                    opt(ps.base_value),
                    opt_year(ps.current_year),
                    opt(ps.current_value),
                    a.start_year.to_string(),
                    num(a.start_value),
                    a.start_kind.id().into(),
                    a.start_range.map_or(String::new(), |r| num(r[0])),
                    a.start_range.map_or(String::new(), |r| num(r[1])),
                    t.map_or(String::new(), |t| source_line(&t.source)),
                    start_src,
                    a.sentence.get(lang).to_string(),
                ],
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_neutralised() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+1+1"), "'+1+1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-5"), "-5");
        assert_eq!(cell("-cmd"), "'-cmd");
    }

    #[test]
    fn goals_csv_has_the_exact_header_and_every_fact() {
        let ds = Dataset::builtin();
        let csv = goals_csv(&ds, None, Lang::Vi);
        assert!(csv.starts_with("province,indicator,kind,year,value,comparator,unit,source\n"));
        let facts: usize = ds.provinces.iter().map(|p| p.observations.len() + p.targets.len() + p.assumptions.len()).sum();
        assert_eq!(csv.lines().count(), facts + 1);
        assert!(csv.contains("khanh-hoa,online_services_l34,observed,2020,64.06,,percent,\"002_1aa2ec6a6ac83e21.txt: \"\"Năm 2020, dịch vụ công trực tuyến mức độ 3, 4 trên địa bàn tỉnh đạt 64,06%\"\"\"\n"));
        assert!(csv.contains("hai-duong,digital_enterprises,target,2030,1000,>,count,"));
    }
}
