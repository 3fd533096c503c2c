//! Words and numbers for people: Vietnamese first, English second.
//!
//! Number formatting follows each language (`64,06%` and `1.000` in Vietnamese, `64.06%` and
//! `1,000` in English). Labels for units, growth parameters and verdicts live here, and so does
//! the one-sentence summary of each target, generated from the numbers (no templates in JS, no
//! language model). Everything the page, the CLI, the embed and the offline file print comes
//! from this module, so the two languages cannot drift apart.

use serde::{Deserialize, Serialize};

use crate::assess::{Assessment, Basis, Status};
use crate::data::{Comparator, Dataset, Text, Unit};
use crate::model::ModelKind;

/// A language of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Vietnamese (default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Parses `vi` or `en`.
    ///
    /// # Errors
    /// Anything else, naming the allowed values.
    pub fn parse(field: &str, s: &str) -> crate::error::Result<Lang> {
        match s {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            _ => Err(crate::error::Error::new(field, format!("{s:?}"), "vi or en")),
        }
    }

    /// The language code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

fn t(vi: &str, en: &str) -> Text {
    Text { vi: vi.into(), en: en.into() }
}

/// Formats a number with `decimals` digits after the separator, grouped by thousands.
pub fn number(v: f64, decimals: usize, lang: Lang) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let (group, point) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    // "-0" is not a number people write.
    if v < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    out
}

/// Like [`number`] with up to `max_decimals`, dropping trailing zeros (64.06 → "64,06", 56 → "56").
pub fn number_trim(v: f64, max_decimals: usize, lang: Lang) -> String {
    let s = number(v, max_decimals, lang);
    let point = if lang == Lang::Vi { ',' } else { '.' };
    if s.contains(point) {
        s.trim_end_matches('0').trim_end_matches(point).to_string()
    } else {
        s
    }
}

/// A value with its unit. `precise` keeps up to two decimals (observations as reported);
/// otherwise projections are rounded to what the model can honestly say.
pub fn value(v: f64, unit: Unit, lang: Lang, precise: bool) -> String {
    let d = if precise { 2 } else { 1 };
    match (unit, lang) {
        (Unit::Percent, _) => format!("{}%", number_trim(v, d, lang)),
        (Unit::PercentGrdp, _) => format!("{}% GRDP", number_trim(v, d, lang)),
        (Unit::Count, _) => number(v, 0, lang),
        (Unit::Rank, Lang::Vi) => format!("hạng {}", number(v.round(), 0, lang)),
        (Unit::Rank, Lang::En) => format!("rank {}", number(v.round(), 0, lang)),
        (Unit::Rate, Lang::Vi) => format!("{}%/năm", number_trim(v, d, lang)),
        (Unit::Rate, Lang::En) => format!("{}%/yr", number_trim(v, d, lang)),
        (Unit::BillionVnd, Lang::Vi) => format!("{} tỷ đồng", number_trim(v, d, lang)),
        (Unit::BillionVnd, Lang::En) => format!("{} billion VND", number_trim(v, d, lang)),
    }
}

/// A target as people say it: "≥ 80%", "trên 700", "nhóm 20".
pub fn target(cmp: Comparator, v: f64, unit: Unit, lang: Lang) -> String {
    if unit == Unit::Rank {
        let k = number(v, 0, lang);
        return match lang {
            Lang::Vi => format!("nhóm {k} dẫn đầu"),
            Lang::En => format!("top {k}"),
        };
    }
    let sym = match cmp {
        Comparator::Ge => "≥",
        Comparator::Gt => ">",
        Comparator::Le => "≤",
        Comparator::Lt => "<",
    };
    format!("{sym} {}", value(v, unit, lang, true))
}

/// The unit of an indicator's values.
pub fn unit_label(unit: Unit) -> Text {
    match unit {
        Unit::Percent => t("%", "%"),
        Unit::PercentGrdp => t("% GRDP", "% of GRDP"),
        Unit::Count => t("đơn vị", "units"),
        Unit::Rank => t("hạng", "rank"),
        Unit::Rate => t("%/năm", "%/yr"),
        Unit::BillionVnd => t("tỷ đồng", "billion VND"),
    }
}

/// What a model's growth parameter is called.
pub fn param_label(kind: ModelKind) -> Text {
    match kind {
        ModelKind::Linear => t("Mức tăng mỗi năm", "Change per year"),
        ModelKind::Compound => t("Tăng trưởng mỗi năm", "Growth per year"),
        ModelKind::Logistic => t("Tốc độ tăng (đường cong logistic)", "Growth rate (logistic curve)"),
        ModelKind::ShareOfFlows => t("Tăng trưởng danh nghĩa của kinh tế số", "Nominal growth of the digital economy"),
        ModelKind::Rank => t("Số bậc tăng mỗi năm", "Places gained per year"),
        ModelKind::RateTarget => t("Tốc độ tăng giả định", "Assumed growth rate"),
    }
}

/// The unit of a model's growth parameter.
pub fn param_unit(kind: ModelKind, unit: Unit) -> Text {
    match kind {
        ModelKind::Linear => match unit {
            Unit::Percent | Unit::PercentGrdp => t("điểm %/năm", "points/yr"),
            _ => t("đơn vị/năm", "units/yr"),
        },
        ModelKind::Rank => t("bậc/năm", "places/yr"),
        _ => t("%/năm", "%/yr"),
    }
}

/// The verdict's name.
pub fn status_label(s: Status) -> Text {
    match s {
        Status::Achieved => t("Đã đạt", "Achieved"),
        Status::OnTrack => t("Đúng hướng", "On track"),
        Status::AccelerationNeeded => t("Cần tăng tốc", "Acceleration needed"),
        Status::LimitedProgress => t("Tiến bộ hạn chế", "Limited progress"),
        Status::Deterioration => t("Đi xuống", "Deterioration"),
        Status::Missed => t("Không đạt", "Missed"),
    }
}

/// The rule behind a verdict, in words.
pub fn status_rule(s: Status) -> Text {
    match s {
        Status::Achieved => t("Giá trị báo cáo đã đạt mục tiêu.", "A reported value meets the target."),
        Status::Missed => t("Số liệu báo cáo của năm mục tiêu không đạt.", "The value reported for the target year falls short."),
        Status::OnTrack => t(
            "Quy tắc Open SDG: tiến độ giả định ≥ 95% tiến độ cần thiết (R ≥ 0,95).",
            "Open SDG rule: assumed progress ≥ 95% of the required progress (R ≥ 0.95).",
        ),
        Status::AccelerationNeeded => t("Quy tắc Open SDG: 0,60 ≤ R < 0,95.", "Open SDG rule: 0.60 ≤ R < 0.95."),
        Status::LimitedProgress => t("Quy tắc Open SDG: 0 ≤ R < 0,60.", "Open SDG rule: 0 ≤ R < 0.60."),
        Status::Deterioration => t("Quy tắc Open SDG: R < 0, đi ngược mục tiêu.", "Open SDG rule: R < 0, moving away from the target."),
    }
}

/// How the scenario's growth assumption is phrased in a sentence.
fn assumption_phrase(a: &Assessment, lang: Lang) -> String {
    let p = |v: f64| number_trim(v, 1, lang);
    if let Some(q) = a.peer_pace {
        return match lang {
            Lang::Vi => format!("tốc độ riêng {} bậc/năm so với một tỉnh điển hình và tốc độ chung của 62 tỉnh khác {} bậc/năm", p(a.assumed), p(q)),
            Lang::En => format!(
                "its own pace {} places a year against a typical province and the 62 other provinces' general pace {} places a year",
                p(a.assumed),
                p(q)
            ),
        };
    }
    match (a.model, lang) {
        (ModelKind::Linear, Lang::Vi) => format!("mức tăng {} {}", p(a.assumed), param_unit(a.model, a.unit).vi),
        (ModelKind::Linear, Lang::En) => format!("a change of {} {}", p(a.assumed), param_unit(a.model, a.unit).en),
        (ModelKind::Compound, Lang::Vi) => format!("tăng trưởng {}%/năm", p(a.assumed)),
        (ModelKind::Compound, Lang::En) => format!("growth of {}%/yr", p(a.assumed)),
        (ModelKind::Logistic, Lang::Vi) => format!("tốc độ tăng {}%/năm", p(a.assumed)),
        (ModelKind::Logistic, Lang::En) => format!("a growth rate of {}%/yr", p(a.assumed)),
        (ModelKind::ShareOfFlows, Lang::Vi) => format!("kinh tế số tăng {}%/năm và GRDP {}%/năm", p(a.assumed), p(a.grdp_growth)),
        (ModelKind::ShareOfFlows, Lang::En) => format!("the digital economy growing {}%/yr and GRDP {}%/yr", p(a.assumed), p(a.grdp_growth)),
        (ModelKind::Rank, Lang::Vi) if a.assumed >= 0.0 => format!("mức tăng {} bậc/năm", p(a.assumed)),
        (ModelKind::Rank, Lang::Vi) => format!("mức tụt {} bậc/năm", p(-a.assumed)),
        (ModelKind::Rank, Lang::En) if a.assumed >= 0.0 => format!("a gain of {} places a year", p(a.assumed)),
        (ModelKind::Rank, Lang::En) => format!("a loss of {} places a year", p(-a.assumed)),
        (ModelKind::RateTarget, Lang::Vi) => format!("tốc độ {}%/năm", p(a.assumed)),
        (ModelKind::RateTarget, Lang::En) => format!("a rate of {}%/yr", p(a.assumed)),
    }
}

/// Lower-cases the first letter only, so acronyms (DTI, GRDP) survive mid-sentence.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
}

/// The projected value as said in a sentence; a rate target is an average over the programme.
fn projected_phrase(a: &Assessment, lang: Lang) -> String {
    if a.model == ModelKind::RateTarget {
        let v = number_trim(a.projected, 1, lang);
        return match lang {
            Lang::Vi => format!("bình quân {v}%/năm giai đoạn {}–{}", a.start_year + 1, a.year),
            Lang::En => format!("an average of {v}%/yr over {}–{}", a.start_year + 1, a.year),
        };
    }
    let median = match (a.peer_pace.is_some(), lang) {
        (false, _) => "",
        (true, Lang::Vi) => " (trung vị)",
        (true, Lang::En) => " (median)",
    };
    match lang {
        Lang::Vi => format!("{}{median} năm {}", value(a.projected, a.unit, lang, false), a.year),
        Lang::En => format!("{}{median} in {}", value(a.projected, a.unit, lang, false), a.year),
    }
}

/// What an old province became in the 2025 merger, as one sentence.
pub fn merger_sentence(ds: &Dataset, province: &str, lang: Lang) -> Option<String> {
    let m = ds.merger(province)?;
    let p = ds.province(province)?;
    let with = m.with.join(", ");
    let status = match (m.status.as_str(), lang) {
        ("verified", Lang::Vi) => "theo danh sách sắp xếp đã công bố",
        ("verified", Lang::En) => "per the published merger list",
        (_, Lang::Vi) => "theo báo chí; chưa đối chiếu với văn bản gốc",
        (_, Lang::En) => "as reported in the press; not checked against the legal text",
    };
    Some(match lang {
        Lang::Vi => format!(
            "Từ {}, {} hợp nhất với {with} thành {} ({status}). Các mục tiêu dưới đây do {} đặt ra trước sáp nhập và được đánh giá như đã đặt.",
            m.date, p.vi, m.into.vi, p.vi
        ),
        Lang::En => format!(
            "Since {}, {} has been merged with {with} into {} ({status}). The goals below were set by {} before the merger and are judged as set.",
            m.date, p.en, m.into.en, p.en
        ),
    })
}

/// The one-sentence summary of a target, in one language.
pub fn sentence(ds: &Dataset, a: &Assessment, lang: Lang) -> String {
    let province = ds.province(&a.province).map_or(a.province.as_str(), |p| p.name(lang));
    let label = ds.indicator(&a.indicator).map_or(a.indicator.as_str(), |i| i.label(lang));
    let tgt = target(a.comparator, a.target, a.unit, lang);
    let pct = |v: f64| format!("{}%", number(v * 100.0, 0, lang));
    let mut s = match (a.basis, lang) {
        (Basis::ReportedActual, Lang::Vi) => format!(
            "{province} {} mục tiêu {} năm {} ({tgt}): số liệu báo cáo là {}.",
            if a.status == Status::Achieved { "đã đạt" } else { "không đạt" },
            lower_first(label),
            a.year,
            value(a.actual.unwrap_or(f64::NAN), a.unit, lang, true)
        ),
        (Basis::ReportedActual, Lang::En) => format!(
            "{province} {} its {} target for {} ({tgt}): the reported value is {}.",
            if a.status == Status::Achieved { "met" } else { "missed" },
            lower_first(label),
            a.year,
            value(a.actual.unwrap_or(f64::NAN), a.unit, lang, true)
        ),
        (Basis::LatestObservation, Lang::Vi) => format!(
            "{province} đã đạt mục tiêu {} năm {} ({tgt}): {} năm {}.",
            lower_first(label),
            a.year,
            value(a.start_value, a.unit, lang, true),
            a.start_year
        ),
        (Basis::LatestObservation, Lang::En) => format!(
            "{province} already meets its {} target for {} ({tgt}): {} in {}.",
            lower_first(label),
            a.year,
            value(a.start_value, a.unit, lang, true),
            a.start_year
        ),
        (Basis::Projection, Lang::Vi) => {
            let past = if a.past { format!("Chưa có số liệu báo cáo năm {}. Theo dự phóng, v", a.year) } else { "V".into() };
            format!(
                "{past}ới {}, {province} đạt {}, {} mục tiêu {tgt}; xác suất đạt: {}.",
                assumption_phrase(a, lang),
                projected_phrase(a, lang),
                if a.projected_meets { "đạt" } else { "chưa đạt" },
                pct(a.probability)
            )
        }
        (Basis::Projection, Lang::En) => {
            let past = if a.past { format!("No value has been reported for {} yet. Projected: w", a.year) } else { "W".into() };
            format!(
                "{past}ith {}, {province} reaches {}, {} the target of {tgt}; chance of meeting it: {}.",
                assumption_phrase(a, lang),
                projected_phrase(a, lang),
                if a.projected_meets { "meeting" } else { "short of" },
                pct(a.probability)
            )
        }
    };
    if a.start_assumed && a.basis == Basis::Projection && a.model != ModelKind::RateTarget {
        s.push_str(match lang {
            Lang::Vi => " (Điểm xuất phát là giả định.)",
            Lang::En => " (The starting value is an assumption.)",
        });
    }
    s
}

/// Every label of the page's chrome, by key, in both languages. The page looks words up here
/// and never hard-codes them; `{}` marks where the page inserts a value.
pub fn ui_strings() -> Vec<(&'static str, Text)> {
    [
        ("app_title", "Mô phỏng mục tiêu chuyển đổi số cấp tỉnh", "Provincial digital-transformation goal simulator"),
        ("tagline", "Với các giả định tăng trưởng này, tỉnh có đạt mục tiêu 2025 và 2030 không, và khả năng là bao nhiêu?", "Under these growth assumptions, does the province reach its 2025 and 2030 targets, and how likely is it?"),
        ("province", "Tỉnh", "Province"),
        ("language", "Ngôn ngữ", "Language"),
        ("preset", "Kịch bản", "Scenario"),
        ("draws", "Số lượt mô phỏng", "Monte Carlo draws"),
        ("seed", "Seed ngẫu nhiên", "Random seed"),
        ("new_seed", "Seed mới", "New seed"),
        ("horizon", "Năm cuối dự phóng", "Projection horizon"),
        ("shock_year", "Năm xảy ra cú sốc", "Year of the shock"),
        ("reset", "Về mặc định", "Reset to baseline"),
        ("copy_link", "Sao chép liên kết", "Copy link"),
        ("copied", "Đã sao chép liên kết", "Link copied"),
        ("download_csv", "Tải CSV kết quả", "Download results CSV"),
        ("download_json", "Tải kịch bản JSON", "Download scenario JSON"),
        ("download_svg", "Tải biểu đồ SVG", "Download chart SVG"),
        ("scoreboard", "Bảng tổng hợp", "Scoreboard"),
        ("targets_of_year", "Mục tiêu năm {}", "Targets for {}"),
        ("probability", "Xác suất đạt", "Chance of meeting"),
        ("required", "Mức cần", "Required"),
        ("assumed", "Mức giả định", "Assumed"),
        ("set_required", "Đặt bằng mức cần", "Set to required"),
        (
            "peer_required",
            "Mức cần ở đây là tốc độ riêng mà với nó thứ hạng trung vị năm mục tiêu vừa đạt mục tiêu, tính trên cùng các lượt mô phỏng. Vì các tỉnh khác cũng di chuyển, mức này khác đường thẳng từ thứ hạng xuất phát.",
            "Required here is the own pace at which the median rank in the target year just reaches the target, on the same draws. Since the other provinces move too, it differs from a straight line from the starting rank.",
        ),
        ("first_met", "Năm đạt (trung vị)", "Year met (median)"),
        ("not_by_horizon", "chưa đạt đến {}", "not by {}"),
        ("rule", "Quy tắc", "Rule"),
        ("sources", "Nguồn và giả định", "Sources and assumptions"),
        ("observed", "Số liệu", "Observed"),
        ("target", "Mục tiêu", "Target"),
        ("assumption", "Giả định (có thể sửa)", "Assumption (editable)"),
        ("placeholder", "Giả định tạm theo quy tắc chung", "Placeholder by the general rule"),
        ("derived", "Suy ra", "Derived"),
        ("reference", "Mục tiêu quốc gia dùng làm tham chiếu", "National target used as a benchmark"),
        ("context", "Số liệu bối cảnh (không mô phỏng)", "Context figures (not simulated)"),
        ("qualitative", "Mục tiêu định tính (không mô phỏng)", "Qualitative goals (not simulated)"),
        ("data_table", "Bảng số liệu của biểu đồ", "Chart data table"),
        ("year", "Năm", "Year"),
        ("col_deterministic", "Dự phóng", "Projection"),
        ("col_baseline", "Xu hướng gốc", "Baseline trend"),
        ("col_p10", "P10", "P10"),
        ("col_p50", "Trung vị", "Median"),
        ("col_p90", "P90", "P90"),
        ("loading", "Đang tải mô hình…", "Loading the model…"),
        ("wasm_failed", "Không tải được mô hình WebAssembly ({}). Hãy dùng trình duyệt mới hơn, hoặc mở bản ngoại tuyến.", "The WebAssembly model could not be loaded ({}). Please use a newer browser, or open the offline edition."),
        ("bad_link", "Liên kết không hợp lệ: {}. Đang hiển thị giá trị mặc định.", "This link is not valid: {}. Showing the defaults."),
        ("bad_input", "Giá trị không hợp lệ: {}", "Invalid value: {}"),
        ("refining", "Đang tính với đủ số lượt…", "Refining with all draws…"),
        ("data_version", "Phiên bản dữ liệu và mô hình", "Data and model version"),
        ("growth_controls", "Giả định tăng trưởng", "Growth assumptions"),
        ("uncertainty", "Độ bất định", "Uncertainty"),
        ("start_value", "Giá trị xuất phát", "Starting value"),
        ("province_assumptions", "Giả định chung của tỉnh", "Province-wide assumptions"),
        ("run_settings", "Cài đặt mô phỏng", "Simulation settings"),
        ("note", "Ghi chú", "Note"),
        ("no_targets", "Tỉnh này không có mục tiêu định lượng trong dữ liệu.", "This province has no quantitative targets in the data."),
        ("past_no_actual", "Năm mục tiêu đã qua, chưa có số liệu báo cáo: đánh giá theo dự phóng.", "The target year has passed with no reported value: judged on the projection."),
        ("method", "Cách tính", "Method"),
        ("method_text", "Mỗi năm, tham số tăng trưởng được rút ngẫu nhiên quanh giả định; dải màu là khoảng 10–90% của các lượt mô phỏng. Đánh giá theo quy tắc Open SDG: R = tiến độ giả định ÷ tiến độ cần thiết; R ≥ 0,95 đúng hướng, 0,60–0,95 cần tăng tốc, 0–0,60 hạn chế, dưới 0 đi xuống.", "Each year the growth parameter is drawn around the assumption; the shaded band spans the 10th to 90th percentile of the draws. Verdicts follow the Open SDG rule: R = assumed ÷ required progress; R ≥ 0.95 on track, 0.60–0.95 acceleration needed, 0–0.60 limited, below 0 deterioration."),
        ("skip", "Bỏ qua đến nội dung", "Skip to content"),
        ("open_full", "Mở mô phỏng đầy đủ", "Open the full scenario"),
        ("embed", "Nhúng", "Embed"),
        ("embed_title", "Nhúng vào bài viết", "Embed in an article"),
        ("embed_iframe", "Khung iframe (tự co giãn chiều cao)", "iframe (resizes itself)"),
        ("embed_script", "Thẻ script và phần tử <dx-sim>", "Script tag and <dx-sim> element"),
        ("copy", "Sao chép", "Copy"),
        ("close", "Đóng", "Close"),
        ("download_offline", "Tải bản HTML ngoại tuyến", "Download as offline HTML"),
        ("offline_note", "Bản ngoại tuyến: một tệp duy nhất, không cần mạng.", "Offline edition: one file, no network needed."),
        ("embed_error", "Không hiển thị được: {}", "Cannot show this: {}"),
        ("source", "Nguồn", "Source"),
        ("see_merged", "Xem mục tiêu của {}", "See the goals of {}"),
        ("your_data", "Dữ liệu của bạn", "Your own data"),
        (
            "your_data_help",
            "Thêm tỉnh của bạn: tải một tệp JSON cùng định dạng với dữ liệu có sẵn (xem dataset.schema.json). Tệp được kiểm tra đầy đủ và chỉ nằm trong trình duyệt của bạn.",
            "Add your own province: load a JSON file in the same format as the built-in data (see dataset.schema.json). It is fully checked and stays in your browser.",
        ),
        ("load_dataset", "Tải tệp dữ liệu", "Load a dataset file"),
        ("examples", "Ví dụ:", "Examples:"),
        ("dataset_loaded", "Đã thêm: {}.", "Added: {}."),
        ("forget_dataset", "Bỏ dữ liệu đã tải", "Forget the loaded data"),
        ("bad_dataset", "Tệp dữ liệu không hợp lệ: {}", "The dataset file is not valid: {}"),
        ("dataset_loading", "Đang tải dữ liệu từ {}…", "Loading data from {}…"),
        ("dataset_timeout", "{} không trả lời sau {} giây.", "{} did not answer within {} seconds."),
        ("dataset_link_failed", "Không tải được dữ liệu của liên kết: {}", "The data of this link could not be loaded: {}"),
        ("dataset_from_link", "Dữ liệu từ liên kết, chỉ cho lần xem này: {}.", "Data from the link, for this visit only: {}."),
        ("keep_dataset", "Giữ dữ liệu này", "Keep this data"),
        ("dataset_kept", "Đã giữ dữ liệu này cho các lần sau: {}.", "This data is kept for later visits: {}."),
        ("stored_dataset_dropped", "Dữ liệu đã lưu không dùng được nữa và đã được bỏ: {}", "The stored data could not be used and was dropped: {}"),
        ("embed_loading", "Đang tải dữ liệu…", "Loading data…"),
    ]
    .into_iter()
    .map(|(k, vi, en)| (k, Text { vi: vi.into(), en: en.into() }))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_and_english_numbers() {
        assert_eq!(number(64.06, 2, Lang::Vi), "64,06");
        assert_eq!(number(64.06, 2, Lang::En), "64.06");
        assert_eq!(number(1000.0, 0, Lang::Vi), "1.000");
        assert_eq!(number(1234567.891, 1, Lang::En), "1,234,567.9");
        assert_eq!(number(-0.0001, 1, Lang::Vi), "0,0");
        assert_eq!(number(-12.5, 1, Lang::Vi), "-12,5");
        assert_eq!(number(f64::NAN, 1, Lang::Vi), "—");
        assert_eq!(number_trim(56.0, 2, Lang::Vi), "56");
        assert_eq!(number_trim(35.8, 2, Lang::Vi), "35,8");
        assert_eq!(value(64.06, Unit::Percent, Lang::Vi, true), "64,06%");
        assert_eq!(value(18.24, Unit::PercentGrdp, Lang::Vi, false), "18,2% GRDP");
        assert_eq!(value(17.4, Unit::Rank, Lang::En, false), "rank 17");
        assert_eq!(target(Comparator::Le, 20.0, Unit::Rank, Lang::Vi), "nhóm 20 dẫn đầu");
        assert_eq!(target(Comparator::Gt, 1000.0, Unit::Count, Lang::Vi), "> 1.000");
    }
}
