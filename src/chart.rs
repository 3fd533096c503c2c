//! SVG chart of one goal: history, projection, uncertainty band, baseline and targets.
//!
//! Pure strings, so the same chart serves the page, the embed, the offline file, the CLI and
//! the snapshot tests. Colours are the Okabe–Ito colour-blind-safe palette, given as
//! presentation attributes with a class on every element: the page's stylesheet restyles them
//! for dark mode, and no inline `style` is used, so the chart works under a strict
//! Content-Security-Policy. The standalone variant (downloads) adds its own `<style>` with a
//! `prefers-color-scheme` rule. Every text from data is XML-escaped.

use std::fmt::Write as _;

use crate::assess::Assessment;
use crate::data::{Dataset, StartKind, Unit};
pub use crate::lang::escape;
use crate::sim::Projection;
use crate::text::{self, Lang};

const W: f64 = 640.0;
const H: f64 = 300.0;
const ML: f64 = 64.0;
const MR: f64 = 18.0;
const MT: f64 = 30.0;
const MB: f64 = 34.0;

/// Average width of one character of the 11 px legend text, in chart units: enough to space
/// the legend's entries without measuring text (SVG has no layout engine here).
const LEGEND_CHAR_WIDTH: f64 = 6.2;

/// Colours (Okabe–Ito): projection blue, band sky blue, baseline grey, targets vermillion.
const C_DET: &str = "#0072B2";
const C_BAND: &str = "#56B4E9";
const C_BASE: &str = "#7a7a7a";
const C_TARGET: &str = "#D55E00";
const C_OBS: &str = "#1a1a1a";
const C_AXIS: &str = "#6b6b6b";

/// A "nice" tick step (1, 2 or 5 × 10^k) giving about `n` ticks over `span`.
fn nice_step(span: f64, n: f64) -> f64 {
    let raw = (span / n).max(1e-9);
    let mag = libm::pow(10.0, libm::floor(libm::log10(raw)));
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

struct Scale {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    invert: bool,
}

impl Scale {
    fn x(&self, year: f64) -> f64 {
        ML + (year - self.x0) / (self.x1 - self.x0).max(1.0) * (W - ML - MR)
    }
    fn y(&self, v: f64) -> f64 {
        let f = (v - self.y0) / (self.y1 - self.y0);
        // Ranks: 1 (best) at the top, like every league table.
        if self.invert {
            MT + f * (H - MT - MB)
        } else {
            H - MB - f * (H - MT - MB)
        }
    }
}

fn polyline(points: impl Iterator<Item = (f64, f64)>) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.enumerate() {
        let _ = write!(d, "{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x, y);
    }
    d
}

/// The chart of one indicator of one province; `None` if the projection is not in the report.
///
/// `standalone` adds the XML namespace and a `<style>` for dark mode (for downloads); the page's
/// variant has neither, because its stylesheet provides them.
pub fn goal_chart(ds: &Dataset, province: &str, proj: &Projection, assessments: &[&Assessment], lang: Lang, standalone: bool) -> Option<String> {
    let p = ds.province(province)?;
    let ind = ds.indicator(&proj.indicator)?;
    let obs: Vec<(i32, f64)> = p.observations_of(&ind.id).map(|o| (o.year, o.value)).collect();
    let horizon = *proj.years.last()?;
    let first_year = obs.first().map_or(proj.years[0], |o| o.0.min(proj.years[0]));
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    let all = obs
        .iter()
        .map(|o| o.1)
        .chain(proj.p10.iter().copied())
        .chain(proj.p90.iter().copied())
        .chain(proj.deterministic.iter().copied())
        .chain(proj.baseline.iter().copied())
        .chain(assessments.iter().map(|a| a.target));
    for v in all {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() || !hi.is_finite() {
        return None;
    }
    let pad = ((hi - lo) * 0.08).max(if ind.unit == Unit::Rank { 1.0 } else { 0.5 });
    let (mut y0, mut y1) = ((lo - pad).max(ind.min), (hi + pad).min(ind.max));
    if matches!(ind.unit, Unit::Percent | Unit::PercentGrdp) && y0 < 10.0 {
        y0 = 0.0;
    }
    let step = nice_step(y1 - y0, 5.0);
    y0 = (libm::floor(y0 / step) * step).max(ind.min.min(y0));
    // Never draw beyond the natural bounds (rank 63, 100%).
    y1 = (libm::ceil(y1 / step) * step).min(ind.max);
    if ind.unit == Unit::Rank {
        y0 = y0.max(1.0);
    }
    let sc = Scale { x0: f64::from(first_year), x1: f64::from(horizon), y0, y1, invert: ind.unit == Unit::Rank };
    let title = assessments.first().map_or_else(|| ind.label(lang).to_string(), |a| a.sentence.get(lang).to_string());
    let words = text::chart_words(lang);
    // Nobody reported where it started: the path is an illustration, drawn dashed and said so.
    let illustrative = proj.start_kind == StartKind::Placeholder;
    let id = format!("dx-{}-{}", escape(&p.id), escape(&ind.id));

    let mut s = String::new();
    let ns = if standalone { " xmlns=\"http://www.w3.org/2000/svg\"" } else { "" };
    let _ = write!(
        s,
        "<svg{ns} class=\"dx-chart\" viewBox=\"0 0 {W} {H}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" font-family=\"system-ui, sans-serif\" font-size=\"12\">"
    );
    let _ = write!(s, "<title id=\"{id}-t\">{}</title>", escape(ind.label(lang)));
    let _ = write!(s, "<desc id=\"{id}-d\">{}</desc>", escape(&title));
    if standalone {
        s.push_str("<style>.dx-bg{fill:#fff}.dx-text{fill:#1a1a1a}@media (prefers-color-scheme: dark){.dx-bg{fill:#121212}.dx-text{fill:#e8e8e8}.dx-axis{stroke:#888}.dx-obs{fill:#e8e8e8}.dx-det{stroke:#5fb3f0}}</style>");
        let _ = write!(s, "<rect class=\"dx-bg\" width=\"{W}\" height=\"{H}\" fill=\"#fff\"/>");
    }
    // Grid and y ticks: multiples of the step (ranks also show 1, the top).
    let decimals = if step < 1.0 { 1 } else { 0 };
    let mut ticks: Vec<f64> = Vec::new();
    if ind.unit == Unit::Rank && y0 <= 1.0 {
        ticks.push(1.0);
    }
    let mut v = libm::ceil(y0 / step) * step;
    while v <= y1 + step * 0.001 {
        if ticks.last().is_none_or(|&l| (v - l).abs() > step * 0.3) {
            ticks.push(v);
        }
        v += step;
    }
    for v in ticks {
        let y = sc.y(v);
        let label = text::number(v, decimals, lang);
        let _ = write!(s, "<line class=\"dx-grid\" x1=\"{ML}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"{C_AXIS}\" stroke-opacity=\"0.25\"/>", W - MR);
        let _ = write!(s, "<text class=\"dx-text\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{C_OBS}\">{}</text>", ML - 6.0, y + 4.0, escape(&label));
    }
    // Unit label on the y axis.
    let unit = text::unit_label(ind.unit);
    let _ = write!(s, "<text class=\"dx-text dx-unit\" x=\"4\" y=\"{:.1}\" fill=\"{C_OBS}\">{}</text>", MT - 14.0, escape(unit.get(lang)));
    // X ticks.
    let span = horizon - first_year;
    let every = if span > 12 { 2 } else { 1 };
    for year in (first_year..=horizon).filter(|y| (y - first_year) % every == 0) {
        let x = sc.x(f64::from(year));
        let _ = write!(s, "<text class=\"dx-text\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{C_OBS}\">{year}</text>", H - MB + 18.0);
    }
    let _ = write!(s, "<line class=\"dx-axis\" x1=\"{ML}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{C_AXIS}\"/>", W - MR, H - MB, H - MB);
    // Today.
    if (first_year..=horizon).contains(&ds.as_of_year) {
        let x = sc.x(f64::from(ds.as_of_year));
        let now = words.now;
        let _ =
            write!(s, "<line class=\"dx-today\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{MT}\" y2=\"{:.1}\" stroke=\"{C_AXIS}\" stroke-dasharray=\"2 3\"/>", H - MB);
        let _ = write!(s, "<text class=\"dx-text\" x=\"{:.1}\" y=\"{:.1}\" fill=\"{C_OBS}\" font-size=\"10\">{now}</text>", x + 3.0, MT + 8.0);
    }
    // Band p10–p90.
    let xs: Vec<f64> = proj.years.iter().map(|&y| sc.x(f64::from(y))).collect();
    let mut band = polyline(xs.iter().zip(&proj.p90).map(|(&x, &v)| (x, sc.y(v))));
    for (x, v) in xs.iter().zip(&proj.p10).rev() {
        let _ = write!(band, "L{:.1},{:.1}", x, sc.y(*v));
    }
    band.push('Z');
    let _ = write!(s, "<path class=\"dx-band\" d=\"{band}\" fill=\"{C_BAND}\" fill-opacity=\"0.3\" stroke=\"none\"><title>p10–p90</title></path>");
    // Baseline (dashed), median (dotted), projection (solid).
    let _ = write!(
        s,
        "<path class=\"dx-base\" d=\"{}\" fill=\"none\" stroke=\"{C_BASE}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
        polyline(xs.iter().zip(&proj.baseline).map(|(&x, &v)| (x, sc.y(v))))
    );
    let _ = write!(
        s,
        "<path class=\"dx-p50\" d=\"{}\" fill=\"none\" stroke=\"{C_BAND}\" stroke-width=\"1.5\" stroke-dasharray=\"1 3\"/>",
        polyline(xs.iter().zip(&proj.p50).map(|(&x, &v)| (x, sc.y(v))))
    );
    let _ = write!(
        s,
        "<path class=\"dx-det{}\" d=\"{}\" fill=\"none\" stroke=\"{C_DET}\" stroke-width=\"2.5\"{}/>",
        if illustrative { " dx-illustrative" } else { "" },
        polyline(xs.iter().zip(&proj.deterministic).map(|(&x, &v)| (x, sc.y(v)))),
        if illustrative { " stroke-dasharray=\"8 5\"" } else { "" }
    );
    if illustrative {
        let _ = write!(
            s,
            "<text class=\"dx-text dx-illustrative-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{C_OBS}\" font-style=\"italic\">{}</text>",
            W - MR,
            MT + 8.0,
            escape(words.illustrative)
        );
    }
    // Assumed start (hollow) and observations (filled).
    if proj.start_assumed && ind.model != crate::model::ModelKind::RateTarget {
        let _ = write!(
            s,
            "<circle class=\"dx-assumed\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"4.5\" fill=\"none\" stroke=\"{C_DET}\" stroke-width=\"2\"><title>{}</title></circle>",
            xs[0],
            sc.y(proj.start_value),
            escape(&format!("{} {}: {}", words.assumption, proj.years[0], text::value(proj.start_value, ind.unit, lang, true)))
        );
    }
    for (year, v) in &obs {
        let _ = write!(
            s,
            "<circle class=\"dx-obs\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{C_OBS}\"><title>{}</title></circle>",
            sc.x(f64::from(*year)),
            sc.y(*v),
            escape(&format!("{year}: {}", text::value(*v, ind.unit, lang, true)))
        );
    }
    // Targets: a diamond and a label.
    for a in assessments {
        let (x, y) = (sc.x(f64::from(a.year)), sc.y(a.target));
        let label = format!("{}: {}", a.year, text::target(a.comparator, a.target, a.unit, lang));
        let _ = write!(
            s,
            "<path class=\"dx-target\" d=\"M{x:.1},{:.1}L{:.1},{y:.1}L{x:.1},{:.1}L{:.1},{y:.1}Z\" fill=\"{C_TARGET}\"><title>{}</title></path>",
            y - 7.0,
            x + 7.0,
            y + 7.0,
            x - 7.0,
            escape(&label)
        );
        let anchor = if x > W - 120.0 { "end" } else { "middle" };
        let ly = if sc.invert { y + 20.0 } else { y - 11.0 };
        let _ = write!(
            s,
            "<text class=\"dx-text dx-target-label\" x=\"{x:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\" fill=\"{C_TARGET}\" font-weight=\"600\">{}</text>",
            escape(&label)
        );
    }
    // Legend.
    let legend: [(&str, &str, &str); 4] = [
        ("dx-det", C_DET, words.legend[0]),
        ("dx-band", C_BAND, words.legend[1]),
        ("dx-base", C_BASE, words.legend[2]),
        ("dx-target", C_TARGET, words.legend[3]),
    ];
    let mut lx = ML + 70.0;
    for (class, colour, label) in legend {
        let _ = write!(s, "<rect class=\"{class}\" x=\"{lx:.1}\" y=\"8\" width=\"14\" height=\"8\" fill=\"{colour}\"/>");
        let _ = write!(s, "<text class=\"dx-text\" x=\"{:.1}\" y=\"16\" fill=\"{C_OBS}\" font-size=\"11\">{label}</text>", lx + 18.0);
        lx += 26.0 + label.chars().count() as f64 * LEGEND_CHAR_WIDTH;
    }
    s.push_str("</svg>");
    Some(s)
}

/// Height of the rank-odds chart.
const HO: f64 = 190.0;
/// Line colours of the rank-odds chart, one per target year (Okabe–Ito).
const C_YEARS: [&str; 3] = ["#0072B2", "#009E73", "#CC79A7"];

/// The chance of being in the top K, for every K, in each future target year of a rank simulated
/// with the peer model: a rising step line per year, with the target's K marked and its chance
/// written. `None` for other projections.
pub fn rank_odds_chart(province: &str, proj: &Projection, assessments: &[&Assessment], lang: Lang) -> Option<String> {
    let n = proj.rank_odds.first()?.top.len();
    let x = |k: f64| ML + (k - 1.0) / (n as f64 - 1.0).max(1.0) * (W - ML - MR);
    let y = |p: f64| HO - MB - p * (HO - MT - MB);
    let id = format!("dx-{}-{}-odds", escape(province), escape(&proj.indicator));
    let [title, axis] = text::chart_words(lang).odds;
    let mut desc = Vec::new();
    let mut s = String::new();
    let _ = write!(s, "<svg class=\"dx-chart dx-odds\" viewBox=\"0 0 {W} {HO}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" font-family=\"system-ui, sans-serif\" font-size=\"12\">");
    let _ = write!(s, "<title id=\"{id}-t\">{}</title>", escape(title));
    for p in [0.0, 0.5, 1.0] {
        let _ = write!(
            s,
            "<line class=\"dx-grid\" x1=\"{ML}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{C_AXIS}\" stroke-opacity=\"0.25\"/>",
            W - MR,
            y(p),
            y(p)
        );
        let _ = write!(s, "<text class=\"dx-text\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{C_OBS}\">{}%</text>", ML - 6.0, y(p) + 4.0, p * 100.0);
    }
    for k in (0..=n).step_by(10).map(|k| k.max(1)) {
        let _ = write!(s, "<text class=\"dx-text\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{C_OBS}\">{k}</text>", x(k as f64), HO - MB + 16.0);
    }
    let _ = write!(
        s,
        "<text class=\"dx-text\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{C_OBS}\" font-size=\"11\">{}</text>",
        W - MR,
        HO - 4.0,
        escape(axis)
    );
    let mut lx = ML + 10.0;
    for (i, odds) in proj.rank_odds.iter().enumerate() {
        let colour = C_YEARS[i % C_YEARS.len()];
        let mut d = String::new();
        for (k, p) in odds.top.iter().enumerate() {
            let (x0, x1) = (x(k as f64 + 0.5).max(ML), x(k as f64 + 1.5).min(W - MR));
            let _ = write!(d, "{}{x0:.1},{:.1}L{x1:.1},{:.1}", if k == 0 { "M" } else { "L" }, y(*p), y(*p));
        }
        let _ = write!(s, "<path class=\"dx-odds-line\" d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>");
        let _ = write!(s, "<rect x=\"{lx:.1}\" y=\"8\" width=\"14\" height=\"4\" fill=\"{colour}\"/><text class=\"dx-text\" x=\"{:.1}\" y=\"14\" fill=\"{C_OBS}\" font-size=\"11\">{}</text>", lx + 18.0, odds.year);
        lx += 60.0;
        for a in assessments.iter().filter(|a| a.year == odds.year) {
            let k = a.target.floor().clamp(1.0, n as f64);
            let p = odds.top[k as usize - 1];
            let label = match lang {
                Lang::Vi => format!("{}: P(nhóm {}) = {}%", odds.year, text::number(k, 0, lang), text::number(p * 100.0, 0, lang)),
                Lang::En => format!("{}: P(top {}) = {}%", odds.year, text::number(k, 0, lang), text::number(p * 100.0, 0, lang)),
            };
            let _ = write!(
                s,
                "<line class=\"dx-target\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{MT}\" y2=\"{:.1}\" stroke=\"{C_TARGET}\" stroke-dasharray=\"3 3\"/>",
                x(k),
                x(k),
                HO - MB
            );
            let _ = write!(s, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{colour}\"><title>{}</title></circle>", x(k), y(p), escape(&label));
            let anchor = if x(k) > W - 160.0 { "end" } else { "start" };
            let _ = write!(
                s,
                "<text class=\"dx-text dx-target-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"{C_TARGET}\" font-weight=\"600\">{}</text>",
                x(k) + if anchor == "start" { 6.0 } else { -6.0 },
                y(p) + 16.0 * (i as f64 + 1.0) - 4.0,
                escape(&label)
            );
            desc.push(label);
        }
    }
    let _ = write!(s, "<desc id=\"{id}-d\">{}</desc></svg>", escape(&desc.join("; ")));
    Some(s)
}

/// Size of a back-test case's chart.
const BW: f64 = 220.0;
/// See [`BW`].
const BH: f64 = 44.0;

/// One back-test case as a small chart: the projected 80% band as a bar with its median, and the
/// value reported later as a dot (filled when inside the band, hollow when it missed), on an
/// axis from the lower to the higher of them.
pub fn backtest_chart(c: &crate::backtest::Case, unit: Unit, lang: Lang) -> String {
    let words = text::chart_words(lang);
    let lo = c.p10.min(c.actual);
    let hi = c.p90.max(c.actual);
    let pad = ((hi - lo) * 0.1).max(if unit == Unit::Rank { 1.0 } else { 0.5 });
    let (a, b) = (lo - pad, hi + pad);
    let x = |v: f64| 8.0 + (v - a) / (b - a) * (BW - 16.0);
    let label = |v: f64| escape(&text::value(v, unit, lang, true));
    let mut s = String::new();
    let desc = format!(
        "{} {}: {}; {}: {}–{}",
        c.year,
        words.backtest[0],
        text::value(c.actual, unit, lang, true),
        words.backtest[1],
        text::value(c.p10, unit, lang, true),
        text::value(c.p90, unit, lang, true)
    );
    let _ = write!(s, "<svg class=\"dx-chart dx-bt\" viewBox=\"0 0 {BW} {BH}\" width=\"{BW}\" role=\"img\" font-family=\"system-ui, sans-serif\" font-size=\"10\"><title>{}</title>", escape(&desc));
    let _ = write!(s, "<line class=\"dx-axis\" x1=\"8\" x2=\"{:.1}\" y1=\"22\" y2=\"22\" stroke=\"{C_AXIS}\"/>", BW - 8.0);
    let _ = write!(
        s,
        "<rect class=\"dx-band\" x=\"{:.1}\" y=\"14\" width=\"{:.1}\" height=\"16\" fill=\"{C_BAND}\" fill-opacity=\"0.45\"/>",
        x(c.p10),
        (x(c.p90) - x(c.p10)).max(1.0)
    );
    let _ = write!(s, "<line class=\"dx-p50\" x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"12\" y2=\"32\" stroke=\"{C_DET}\" stroke-width=\"2\"/>", x(c.p50));
    let fill = if c.inside { C_OBS } else { "none" };
    let _ = write!(s, "<circle class=\"dx-obs\" cx=\"{:.1}\" cy=\"22\" r=\"4.5\" fill=\"{fill}\" stroke=\"{C_OBS}\" stroke-width=\"2\"/>", x(c.actual));
    let _ = write!(s, "<text class=\"dx-text\" x=\"8\" y=\"42\" fill=\"{C_OBS}\">{}</text>", label(lo.min(c.p10)));
    let _ = write!(s, "<text class=\"dx-text\" x=\"{:.1}\" y=\"42\" text-anchor=\"end\" fill=\"{C_OBS}\">{}</text>", BW - 8.0, label(hi.max(c.p90)));
    s.push_str("</svg>");
    s
}

/// The charts of every projection of a province, as `(indicator, svg)`, each with the
/// assessments of its indicator; a rank under the peer model adds its odds chart as
/// `(indicator + ":odds", svg)`.
pub fn province_charts(
    ds: &Dataset,
    province: &str,
    projections: &[Projection],
    assessments: &[Assessment],
    lang: Lang,
    standalone: bool,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for proj in projections {
        let assessments: Vec<&Assessment> = assessments.iter().filter(|a| a.indicator == proj.indicator).collect();
        if let Some(svg) = goal_chart(ds, province, proj, &assessments, lang, standalone) {
            out.push((proj.indicator.clone(), svg));
        }
        if !standalone {
            if let Some(svg) = rank_odds_chart(province, proj, &assessments, lang) {
                out.push((format!("{}:odds", proj.indicator), svg));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_makes_markup_inert() {
        assert_eq!(escape("<script>\"x\"&'y'"), "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;");
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(100.0, 5.0), 20.0);
        assert_eq!(nice_step(7.0, 5.0), 2.0);
        assert!((nice_step(0.9, 5.0) - 0.2).abs() < 1e-12);
    }
}
