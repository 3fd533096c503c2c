//! The controls of the page: every adjustable assumption of a province described for a slider
//! (label, unit, range, step, default and why), and the presets with their names. The ranges
//! and defaults come from `scenario` and the dataset, the words from `text`; the page only draws
//! what this module describes.

use serde::Serialize;

use crate::data::{Dataset, GRDP_MAX, GRDP_MIN};
use crate::error::Result;
use crate::lang::Text;
use crate::scenario::{default_growth, series_start, AssumptionKind};
use crate::text;

/// Everything the page needs to draw one control: label, unit, range, step, default, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssumptionSpec {
    /// Province id.
    pub province: String,
    /// Indicator id (absent for GRDP growth).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Which value it sets.
    pub kind: AssumptionKind,
    /// Label in both languages.
    pub label: Text,
    /// Unit in both languages.
    pub unit: Text,
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value.
    pub max: f64,
    /// Slider step.
    pub step: f64,
    /// Default under the `trend` preset.
    pub default: f64,
    /// Why the default is what it is.
    pub rationale: Text,
    /// Where the default comes from: `trend` (the fitted trend of the observations), `default`
    /// (the indicator's documented default), `peer` (a typical province under the peer rank
    /// model), `observed` (a reported value), `assumption` (a written assumption).
    pub basis: String,
    /// Year of the starting value (start assumptions only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

/// Every adjustable assumption of a province: GRDP growth, then per simulated indicator its
/// growth, uncertainty and (where it is not observed) starting value.
///
/// # Errors
/// An unknown province id.
pub fn assumption_specs(ds: &Dataset, province: &str) -> Result<Vec<AssumptionSpec>> {
    let p = ds.require_province("province", province)?;
    let mut out = Vec::new();
    let g = &p.grdp_growth;
    out.push(AssumptionSpec {
        province: p.id.clone(),
        indicator: None,
        kind: AssumptionKind::GrdpGrowth,
        label: Text { vi: "Tăng trưởng GRDP".into(), en: "GRDP growth".into() },
        unit: Text { vi: "%/năm".into(), en: "%/yr".into() },
        min: GRDP_MIN,
        max: GRDP_MAX,
        step: 0.1,
        default: g.value,
        rationale: g.rationale.clone().unwrap_or_else(|| Text {
            vi: format!("Mức tăng trưởng đã công bố năm {}, giữ nguyên cho các năm sau.", g.year),
            en: format!("The growth reported for {}, held for the years ahead.", g.year),
        }),
        basis: if g.source.is_some() { "observed".into() } else { "assumption".into() },
        year: Some(g.year),
    });
    for ind in p.simulated_indicators(ds) {
        let Some(spec) = &ind.growth else { continue };
        let Some((default, basis)) = default_growth(ds, p, &ind.id) else { continue };
        let peer = ds.peer_of(p, &ind.id).map(|(r, _)| r);
        out.push(AssumptionSpec {
            province: p.id.clone(),
            indicator: Some(ind.id.clone()),
            kind: AssumptionKind::Growth,
            label: text::param_label(ind.model),
            unit: text::param_unit(ind.model, ind.unit),
            min: spec.min,
            max: spec.max,
            step: spec.step,
            default,
            rationale: peer.map_or_else(|| spec.rationale.clone(), |r| r.own_rationale.clone()),
            basis: basis.into(),
            year: None,
        });
        if let Some(r) = peer {
            out.push(AssumptionSpec {
                province: p.id.clone(),
                indicator: Some(ind.id.clone()),
                kind: AssumptionKind::PeerPace,
                label: Text { vi: "Tốc độ chung của các tỉnh khác".into(), en: "Other provinces' general pace".into() },
                unit: text::param_unit(ind.model, ind.unit),
                min: r.pace_min,
                max: r.pace_max,
                step: spec.step,
                default: 0.0,
                rationale: r.pace_rationale.clone(),
                basis: "default".into(),
                year: None,
            });
        }
        out.push(AssumptionSpec {
            province: p.id.clone(),
            indicator: Some(ind.id.clone()),
            kind: AssumptionKind::Sigma,
            label: Text { vi: "Độ bất định (độ lệch chuẩn mỗi năm)".into(), en: "Uncertainty (standard deviation per year)".into() },
            unit: text::param_unit(ind.model, ind.unit),
            min: 0.0,
            max: spec.sigma_max,
            step: spec.step,
            default: spec.sigma,
            rationale: Text {
                vi: "Mỗi năm, tham số tăng trưởng được rút ngẫu nhiên quanh giả định với độ lệch chuẩn này; 0 là không bất định.".into(),
                en: "Each year the growth parameter is drawn around the assumption with this standard deviation; 0 means no uncertainty.".into(),
            },
            basis: "default".into(),
            year: None,
        });
        if let Some(start) = series_start(ds, p, &ind.id).filter(|s| s.assumed) {
            let a = p.assumptions.iter().find(|a| a.indicator == ind.id);
            out.push(AssumptionSpec {
                province: p.id.clone(),
                indicator: Some(ind.id.clone()),
                kind: AssumptionKind::Start,
                label: Text {
                    vi: format!("Giá trị xuất phát năm {} (giả định)", start.year), en: format!("Starting value in {} (assumption)", start.year)
                },
                unit: text::unit_label(ind.unit),
                min: ind.min,
                max: ind.max,
                step: if ind.unit == crate::data::Unit::Count { 1.0 } else { 0.01 },
                default: start.value,
                rationale: a.map(|a| a.rationale.clone()).unwrap_or_else(|| Text { vi: String::new(), en: String::new() }),
                basis: "assumption".into(),
                year: Some(start.year),
            });
        }
    }
    Ok(out)
}

/// A preset for the page's picker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PresetInfo {
    /// Stable id.
    pub id: &'static str,
    /// Name.
    pub label: Text,
    /// What it does.
    pub description: Text,
}

/// The presets with their names and documentation.
pub fn preset_info() -> Vec<PresetInfo> {
    let t = |vi: &str, en: &str| Text { vi: vi.into(), en: en.into() };
    vec![
        PresetInfo {
            id: "trend",
            label: t("Theo xu hướng", "Trend"),
            description: t(
                "Mỗi chỉ tiêu tiếp tục xu hướng các năm đã có số liệu; thiếu số liệu thì dùng giả định mặc định đã ghi rõ.",
                "Each indicator continues the trend of its observed years; without enough data, the documented default assumption.",
            ),
        },
        PresetInfo {
            id: "accelerated",
            label: t("Tăng tốc", "Accelerated"),
            description: t(
                "Mọi chỉ tiêu tiến bộ nhanh hơn xu hướng 50% (ít nhất một bước).",
                "Every indicator improves 50% faster than its trend (at least one step).",
            ),
        },
        PresetInfo {
            id: "stalled",
            label: t("Chững lại", "Stalled"),
            description: t(
                "Không tiến bộ thêm: tỷ lệ và thứ hạng giữ nguyên, kinh tế số tăng đúng bằng GRDP, năng suất không tăng.",
                "No further progress: shares and ranks stay put, the digital economy grows exactly as fast as GRDP, productivity does not grow.",
            ),
        },
        PresetInfo {
            id: "shock",
            label: t("Cú sốc một năm", "One-year shock"),
            description: t(
                "Theo xu hướng, nhưng một năm (mặc định 2026) mất đi đúng bằng mức một năm bình thường đạt được.",
                "The trend, but one year (2026 by default) loses as much ground as a normal year gains.",
            ),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds() -> Dataset {
        Dataset::builtin()
    }

    #[test]
    fn specs_expose_ranges_and_defaults() {
        let specs = assumption_specs(&ds(), "hai-duong").unwrap();
        assert_eq!(specs[0].kind, AssumptionKind::GrdpGrowth);
        let de = specs.iter().find(|s| s.indicator.as_deref() == Some("de_share") && s.kind == AssumptionKind::Growth).unwrap();
        assert!(de.min < de.default && de.default < de.max);
        // Hải Dương's DTI start is observed, so it has no start control; its enterprise count does.
        assert!(!specs.iter().any(|s| s.indicator.as_deref() == Some("dti_rank") && s.kind == AssumptionKind::Start));
        assert!(specs.iter().any(|s| s.indicator.as_deref() == Some("digital_enterprises") && s.kind == AssumptionKind::Start));
        assert!(assumption_specs(&ds(), "nowhere").is_err());
    }
}
