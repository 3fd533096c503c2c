//! Words and numbers for people: Vietnamese first, English second.
//!
//! Number formatting follows each language (`64,06%` and `1.000` in Vietnamese, `64.06%` and
//! `1,000` in English). Labels for units, growth parameters and verdicts live here, and so does
//! the one-sentence summary of each target, generated from the numbers (no templates in JS, no
//! language model). Everything the page, the CLI, the embed and the offline file print comes
//! from this module, so the two languages cannot drift apart.

use crate::assess::{Assessment, Basis, PaceStatus, Status};
use crate::data::{Comparator, Dataset, StartKind, Text, Unit};
pub use crate::lang::{number, number_trim, Lang};
use crate::model::ModelKind;
use crate::progress::ProgressStatus;

fn t(vi: &str, en: &str) -> Text {
    Text { vi: vi.into(), en: en.into() }
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

/// The headline verdict's name: the IPCC AR6 likelihood scale on the chance of meeting the
/// target, or a reported outcome, or missing data.
pub fn status_label(s: Status) -> Text {
    match s {
        Status::Achieved => t("Đã đạt", "Achieved"),
        Status::VeryLikely => t("Rất có khả năng đạt", "Very likely"),
        Status::Likely => t("Có khả năng đạt", "Likely"),
        Status::AboutAsLikelyAsNot => t("Khả năng ngang nhau", "About as likely as not"),
        Status::Unlikely => t("Ít khả năng đạt", "Unlikely"),
        Status::VeryUnlikely => t("Rất ít khả năng đạt", "Very unlikely"),
        Status::Missed => t("Không đạt", "Missed"),
        Status::InsufficientData => t("Chưa đủ dữ liệu", "Insufficient data"),
    }
}

/// The rule behind a headline verdict, in words.
pub fn status_rule(s: Status) -> Text {
    match s {
        Status::Achieved => {
            t("Số liệu báo cáo của năm mục tiêu (đúng chỉ tiêu đó) đã đạt.", "The value reported for the target year, of the target's own measure, meets it.")
        }
        Status::Missed => t(
            "Số liệu báo cáo của năm mục tiêu (đúng chỉ tiêu đó) không đạt.",
            "The value reported for the target year, of the target's own measure, falls short.",
        ),
        Status::VeryLikely => t("Thang khả năng IPCC AR6: xác suất đạt từ 90% trở lên.", "IPCC AR6 likelihood scale: chance of meeting it 90% or more."),
        Status::Likely => {
            t("Thang khả năng IPCC AR6: xác suất đạt từ 66% đến dưới 90%.", "IPCC AR6 likelihood scale: chance of meeting it from 66% to under 90%.")
        }
        Status::AboutAsLikelyAsNot => {
            t("Thang khả năng IPCC AR6: xác suất đạt từ 33% đến dưới 66%.", "IPCC AR6 likelihood scale: chance of meeting it from 33% to under 66%.")
        }
        Status::Unlikely => {
            t("Thang khả năng IPCC AR6: xác suất đạt từ 10% đến dưới 33%.", "IPCC AR6 likelihood scale: chance of meeting it from 10% to under 33%.")
        }
        Status::VeryUnlikely => t("Thang khả năng IPCC AR6: xác suất đạt dưới 10%.", "IPCC AR6 likelihood scale: chance of meeting it under 10%."),
        Status::InsufficientData => t(
            "Không nguồn nào báo cáo giá trị xuất phát: không đưa ra khả năng đạt (như mục \"insufficient data\" của Open SDG). Nhập số liệu thực tế để có đánh giá.",
            "No source reports a starting value: no likelihood is claimed (Open SDG's \"insufficient data\"). Enter the real value to get a verdict.",
        ),
    }
}

/// The pace verdict's name.
pub fn pace_label(s: PaceStatus) -> Text {
    match s {
        PaceStatus::OnTrack => t("đúng tiến độ", "on track"),
        PaceStatus::AccelerationNeeded => t("cần tăng tốc", "acceleration needed"),
        PaceStatus::LimitedProgress => t("tiến bộ hạn chế", "limited progress"),
        PaceStatus::Deterioration => t("thụt lùi", "deterioration"),
        PaceStatus::AlreadyMet => {
            t("điểm xuất phát đã đạt mục tiêu; câu hỏi là có giữ được không", "the start already meets the target; the question is whether it holds")
        }
        PaceStatus::OutOfReach => t("không tốc độ nào trong tầm của mô hình đạt được mục tiêu", "no pace within the model's reach gets there"),
        PaceStatus::NoTime => t("không còn năm nào để thực hiện", "no year is left to act"),
        PaceStatus::NoData => t("không tính tiến độ khi chưa có giá trị xuất phát", "no pace without a reported start"),
    }
}

/// The pace rule in words.
pub fn pace_rule() -> Text {
    t(
        "Quy tắc Open SDG: R = tiến độ giả định ÷ tiến độ cần thiết mỗi năm; R ≥ 0,95 đúng hướng, 0,60–0,95 cần tăng tốc, 0–0,60 tiến bộ hạn chế, dưới 0 đi xuống.",
        "Open SDG rule: R = assumed ÷ required progress a year; R ≥ 0.95 on track, 0.60–0.95 acceleration needed, 0–0.60 limited progress, below 0 deterioration.",
    )
}

/// The unit of the pace line's numbers: the model's yearly progress.
pub fn pace_unit(kind: ModelKind, unit: Unit) -> Text {
    match kind {
        ModelKind::ShareOfFlows => t("%/năm (tăng của tỷ trọng)", "%/yr (growth of the share)"),
        _ => param_unit(kind, unit),
    }
}

/// The pace line as printed: the two numbers, their ratio and the verdict. R is exactly the
/// division of the two printed numbers (see `assess::Pace`).
pub fn pace_line(a: &Assessment, lang: Lang) -> String {
    let n = |v: f64| number(v, crate::assess::PACE_DECIMALS as usize, lang);
    let unit = pace_unit(a.model, a.unit);
    let label = pace_label(a.pace.status);
    match (a.pace.ratio, a.pace.required, lang) {
        (Some(r), Some(req), Lang::Vi) => format!("Tiến độ: R = giả định ÷ cần = {} ÷ {} {} = {}: {}.", n(a.pace.assumed), n(req), unit.vi, n(r), label.vi),
        (Some(r), Some(req), Lang::En) => format!("Pace: R = assumed ÷ required = {} ÷ {} {} = {}: {}.", n(a.pace.assumed), n(req), unit.en, n(r), label.en),
        // With an uncertain start, "already met" is a statement about the most likely start.
        (None, _, Lang::Vi) if a.pace.status == PaceStatus::AlreadyMet && a.start_range.is_some() => {
            format!(
                "Tiến độ: giả định {} {}; điểm xuất phát nhiều khả năng nhất đã đạt mục tiêu, nhưng khoảng bất định của nó thì chưa chắc.",
                n(a.pace.assumed),
                unit.vi
            )
        }
        (None, _, Lang::En) if a.pace.status == PaceStatus::AlreadyMet && a.start_range.is_some() => {
            format!("Pace: assumed {} {}; the most likely start already meets the target, but not its whole range.", n(a.pace.assumed), unit.en)
        }
        (_, _, Lang::Vi) => format!("Tiến độ: giả định {} {}; {}.", n(a.pace.assumed), unit.vi, label.vi),
        (_, _, Lang::En) => format!("Pace: assumed {} {}; {}.", n(a.pace.assumed), unit.en, label.en),
    }
}

/// Open SDG's progress status, by name.
pub fn progress_label(s: ProgressStatus) -> Text {
    match s {
        ProgressStatus::TargetAchieved => t("Số liệu mới nhất đã đạt mức mục tiêu", "Latest value reaches the target"),
        ProgressStatus::SubstantialProgress => t("Tiến bộ đáng kể", "Substantial progress"),
        ProgressStatus::ModerateProgress => t("Tiến bộ vừa phải", "Moderate progress"),
        ProgressStatus::LimitedProgress => t("Tiến bộ hạn chế", "Limited progress"),
        ProgressStatus::Deterioration => t("Thụt lùi", "Deterioration"),
        ProgressStatus::NotAvailable => t("Chưa đủ số liệu", "Not available"),
    }
}

/// What "progress so far" is, in one sentence.
pub fn progress_rule() -> Text {
    t(
        "Chỉ tính từ số liệu đã báo cáo (không dùng giả định nào, thanh trượt không thay đổi được), theo phương pháp Open SDG: tăng trưởng bình quân đã đạt so với mức cần để đạt mục tiêu; ≥ 0,95 đáng kể, 0,60–0,95 vừa phải, 0–0,60 hạn chế, dưới 0 đi xuống.",
        "Computed from reported data only (no assumption; no slider changes it), by the Open SDG method: the average growth achieved against the growth needed to reach the target; ≥ 0.95 substantial, 0.60–0.95 moderate, 0–0.60 limited, below 0 deterioration.",
    )
}

/// The progress-so-far line: status, value and the two observations it rests on.
pub fn progress_line(a: &Assessment, lang: Lang) -> String {
    let ps = &a.progress_so_far;
    let label = progress_label(ps.status);
    let v = |x: f64| value(x, a.unit, lang, true);
    let span = match (ps.base_year, ps.base_value, ps.current_year, ps.current_value) {
        (Some(by), Some(bv), Some(cy), Some(cv)) if cy > by => format!(" ({} {by} → {} {cy})", v(bv), v(cv)),
        (_, _, Some(cy), Some(cv)) => format!(" ({} {cy})", v(cv)),
        _ => String::new(),
    };
    let value = ps.value.map_or_else(String::new, |x| format!(", {}", number(x, 2, lang)));
    match lang {
        Lang::Vi => format!("Tiến độ đến nay: {}{value}{span}.", label.vi),
        Lang::En => format!("Progress so far: {}{value}{span}.", label.en),
    }
}

/// How the scenario's growth assumption is phrased in a sentence; `peers` is the number of
/// units of the ranking a peer-model rank is simulated in.
fn assumption_phrase(a: &Assessment, peers: usize, lang: Lang) -> String {
    let p = |v: f64| number_trim(v, 1, lang);
    if let Some(q) = a.peer_pace {
        let others = peers.saturating_sub(1);
        return match lang {
            Lang::Vi => format!("tốc độ riêng {} bậc/năm so với một tỉnh điển hình và tốc độ chung của {others} tỉnh khác {} bậc/năm", p(a.assumed), p(q)),
            Lang::En => format!(
                "its own pace {} places a year against a typical province and the {others} other provinces' general pace {} places a year",
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

/// The one-sentence summary of a target, in one language: the headline verdict with the
/// numbers it rests on, and where the start comes from.
pub fn sentence(ds: &Dataset, a: &Assessment, lang: Lang) -> String {
    let province = ds.province(&a.province).map_or(a.province.as_str(), |p| p.name(lang));
    let label = ds.indicator(&a.indicator).map_or(a.indicator.as_str(), |i| i.label(lang));
    let peers = ds.ranking(&a.indicator).map_or(0, |r| r.units.len());
    let tgt = target(a.comparator, a.target, a.unit, lang);
    let pct = |v: f64| format!("{}%", number(v * 100.0, 0, lang));
    let likelihood = lower_first(status_label(a.status).get(lang));
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
        (Basis::NoData, Lang::Vi) => format!(
            "Chưa nguồn nào cho biết {} của {province} lúc xuất phát, nên không đưa ra khả năng đạt mục tiêu {} năm {}. Đường dự phóng chỉ để minh họa; hãy nhập số liệu thực tế để có đánh giá.",
            lower_first(label),
            tgt,
            a.year
        ),
        (Basis::NoData, Lang::En) => format!(
            "No source reports where {province} started on {}, so no likelihood is claimed for its {} target of {tgt}. The path shown is illustrative; enter the real value to get a verdict.",
            lower_first(label),
            a.year
        ),
        (Basis::Projection, Lang::Vi) => {
            let past = if a.past { format!("Các nguồn của chúng tôi chưa có số liệu năm {}; theo dự phóng: ", a.year) } else { String::new() };
            format!(
                "{past}{}ới {}, {province} đạt {}; xác suất đạt mục tiêu {tgt}: {} ({likelihood}).",
                if a.past { "v" } else { "V" },
                assumption_phrase(a, peers, lang),
                projected_phrase(a, lang),
                pct(a.probability)
            )
        }
        (Basis::Projection, Lang::En) => {
            let past = if a.past { format!("No {} value is reported in our sources; projected: ", a.year) } else { String::new() };
            format!(
                "{past}{}ith {}, {province} reaches {}; chance of meeting the target of {tgt}: {} ({likelihood}).",
                if a.past { "w" } else { "W" },
                assumption_phrase(a, peers, lang),
                projected_phrase(a, lang),
                pct(a.probability)
            )
        }
    };
    // What the reported value really is (a part-year figure, another basis): said with it.
    if let (Basis::ReportedActual, Some(note)) = (a.basis, &a.actual_note) {
        s.push_str(&format!(" ({})", note.get(lang)));
    }
    if a.basis == Basis::Projection {
        let range = a.start_range.map(|[lo, hi]| (value(lo, a.unit, lang, true), value(hi, a.unit, lang, true)));
        match (a.start_kind, range, lang) {
            (StartKind::Assumption, Some((lo, hi)), Lang::Vi) => s.push_str(&format!(" (Điểm xuất phát là giả định, trong khoảng {lo}–{hi}.)")),
            (StartKind::Assumption, Some((lo, hi)), Lang::En) => s.push_str(&format!(" (The starting value is an assumption, within {lo}–{hi}.)")),
            (StartKind::Derived, None, Lang::Vi) => s.push_str(" (Điểm xuất phát tính từ các tỉnh trước sáp nhập.)"),
            (StartKind::Derived, None, Lang::En) => s.push_str(" (The start is derived from the provinces before the merger.)"),
            (StartKind::Derived, Some((lo, hi)), Lang::Vi) => {
                s.push_str(&format!(" (Điểm xuất phát tính từ các tỉnh trước sáp nhập, trong khoảng {lo}–{hi}.)"))
            }
            (StartKind::Derived, Some((lo, hi)), Lang::En) => {
                s.push_str(&format!(" (The start is derived from the provinces before the merger, within {lo}–{hi}.)"))
            }
            (StartKind::Proxy, _, Lang::Vi) => s.push_str(" (Điểm xuất phát là số liệu thay thế của một chỉ tiêu khác.)"),
            (StartKind::Proxy, _, Lang::En) => s.push_str(" (The start is a proxy: a value of another measure.)"),
            (StartKind::Entered, _, Lang::Vi) => s.push_str(" (Điểm xuất phát do bạn nhập.)"),
            (StartKind::Entered, _, Lang::En) => s.push_str(" (Starting value entered by you.)"),
            _ => {}
        }
    }
    s
}

/// The legend under the CLI's verdict table.
pub fn table_legend(draws: u32, seed: u64, data_version: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "\n* điểm xuất phát là giả định (lấy mẫu trong khoảng của nó) hoặc do bạn nhập   = tính từ các tỉnh trước sáp nhập   ~ số liệu thay thế (chỉ tiêu khác)   ? chưa nguồn nào báo cáo: chưa đủ dữ liệu   † năm mục tiêu đã qua, chưa có số liệu báo cáo\nĐánh giá: xác suất đạt theo thang IPCC AR6 (≥ 90% rất có khả năng; ≥ 66% có khả năng; ≥ 33% ngang nhau; ≥ 10% ít khả năng). Tiến độ: Open SDG, R = giả định ÷ cần (mỗi năm; ≥ 0,95 đúng hướng; ≥ 0,60 cần tăng tốc; ≥ 0 hạn chế). Đến nay: Open SDG, chỉ từ số liệu báo cáo. {} lượt mô phỏng, seed {}, dữ liệu {}.\n",
            number(f64::from(draws), 0, lang),
            seed,
            data_version
        ),
        Lang::En => format!(
            "\n* the start is an assumption (sampled within its range) or entered by you   = derived from the merged province's parts   ~ proxy (another measure)   ? no source reports a start: insufficient data   † target year has passed with no reported value\nVerdict: chance of meeting the target on the IPCC AR6 scale (≥ 90% very likely; ≥ 66% likely; ≥ 33% about as likely as not; ≥ 10% unlikely). Pace: Open SDG, R = assumed ÷ required a year (≥ 0.95 on track; ≥ 0.60 acceleration needed; ≥ 0 limited). So far: Open SDG, reported data only. {} draws, seed {}, data {}.\n",
            number(f64::from(draws), 0, lang),
            seed,
            data_version
        ),
    }
}

/// A province's verdicts in one sentence: how many goals are achieved or likely, how many are
/// not, and how many lack data.
pub fn province_summary(name: &str, assessments: &[Assessment], lang: Lang) -> String {
    let count = |f: &dyn Fn(Status) -> bool| assessments.iter().filter(|a| f(a.status)).count();
    let total = assessments.len();
    let good = count(&|s| matches!(s, Status::Achieved | Status::VeryLikely | Status::Likely));
    let even = count(&|s| s == Status::AboutAsLikelyAsNot);
    let bad = count(&|s| matches!(s, Status::Missed | Status::Unlikely | Status::VeryUnlikely));
    let none = count(&|s| s == Status::InsufficientData);
    match lang {
        Lang::Vi => format!(
            "{name}: trong {total} mục tiêu, {good} đã đạt hoặc có khả năng đạt, {even} khả năng ngang nhau, {bad} đã trượt hoặc ít khả năng đạt, {none} chưa đủ dữ liệu."
        ),
        Lang::En => format!("{name}: of {total} goals, {good} achieved or likely, {even} about as likely as not, {bad} missed or unlikely, {none} with insufficient data."),
    }
}

/// Every word a chart prints, in one language.
pub struct ChartWords {
    /// The "today" marker.
    pub now: &'static str,
    /// Legend: projection, 80% band, baseline trend, target.
    pub legend: [&'static str; 4],
    /// The banner of a chart whose start nobody reported.
    pub illustrative: &'static str,
    /// The tooltip word for an assumed start.
    pub assumption: &'static str,
    /// The rank-odds chart's title and axis.
    pub odds: [&'static str; 2],
    /// The back-test chart's words: reported, band.
    pub backtest: [&'static str; 2],
}

/// The chart words of a language.
pub fn chart_words(lang: Lang) -> ChartWords {
    match lang {
        Lang::Vi => ChartWords {
            now: "nay",
            legend: ["dự phóng", "khoảng 80%", "xu hướng gốc", "mục tiêu"],
            illustrative: "minh họa: điểm xuất phát chưa có nguồn",
            assumption: "giả định",
            odds: ["Xác suất lọt nhóm K dẫn đầu", "K (nhóm dẫn đầu)"],
            backtest: ["báo cáo", "khoảng 80% dự phóng"],
        },
        Lang::En => ChartWords {
            now: "now",
            legend: ["projection", "80% band", "baseline trend", "target"],
            illustrative: "illustrative: no source for the start",
            assumption: "assumption",
            odds: ["Chance of being in the top K", "K (top K)"],
            backtest: ["reported", "projected 80% band"],
        },
    }
}

/// The family of a back-test case, by name.
pub fn family_label(family: &str) -> Text {
    match family {
        "rank_peer" => t("thứ hạng (mô hình cùng các tỉnh)", "rank (peer model)"),
        "rank_single_series" => t("thứ hạng (một chuỗi)", "rank (single series)"),
        "logistic_share" => t("tỷ lệ (logistic)", "share (logistic)"),
        "digital_economy_share" => t("tỷ trọng kinh tế số", "digital-economy share"),
        "compound" => t("tăng trưởng kép", "compound growth"),
        "linear" => t("tuyến tính", "linear"),
        "rate" => t("tốc độ", "rate"),
        _ => t("tất cả", "all"),
    }
}

/// The back-test in one sentence: coverage of the 80% band over the cases.
pub fn backtest_sentence(bt: &crate::backtest::Backtest, lang: Lang) -> String {
    let inside = bt.cases.iter().filter(|c| c.inside).count();
    let n = bt.cases.len();
    let pct = number(bt.coverage * 100.0, 0, lang);
    match lang {
        Lang::Vi => format!("Cắt số liệu trước mỗi năm đã báo cáo rồi dự phóng lại: khoảng 80% chứa giá trị báo cáo sau đó ở {inside}/{n} trường hợp ({pct}%; lý tưởng là khoảng 80%)."),
        Lang::En => format!("Cutting the data before each reported year and projecting again, the 80% band held the value reported later in {inside} of {n} cases ({pct}%; ideally about 80%)."),
    }
}

/// The back-test as a table for a terminal.
pub fn backtest_table(bt: &crate::backtest::Backtest, lang: Lang) -> String {
    let head: [&str; 9] = match lang {
        Lang::Vi => ["Tỉnh", "Chỉ tiêu", "Năm", "Báo cáo", "P10", "P50", "P90", "Trong", "Họ mô hình"],
        Lang::En => ["Province", "Indicator", "Year", "Reported", "P10", "P50", "P90", "Inside", "Family"],
    };
    let n2 = |v: f64| number_trim(v, 2, lang);
    let mut rows: Vec<Vec<String>> = vec![head.iter().map(|s| s.to_string()).collect()];
    for c in &bt.cases {
        rows.push(vec![
            c.name.get(lang).to_string(),
            c.indicator.clone(),
            c.year.to_string(),
            n2(c.actual),
            n2(c.p10),
            n2(c.p50),
            n2(c.p90),
            if c.inside { "✓".into() } else { "✗".into() },
            family_label(c.family).get(lang).to_string(),
        ]);
    }
    let mut out = aligned(&rows);
    out.push('\n');
    let head: [&str; 6] = match lang {
        Lang::Vi => ["Họ mô hình", "Số ca", "Độ phủ 80%", "Sai số TB", "Độ lệch", "Độ rộng (trung vị)"],
        Lang::En => ["Family", "Cases", "80% coverage", "Mean abs error", "Bias", "Median width"],
    };
    let mut rows: Vec<Vec<String>> = vec![head.iter().map(|s| s.to_string()).collect()];
    for s in &bt.scores {
        rows.push(vec![
            family_label(s.family).get(lang).to_string(),
            s.cases.to_string(),
            format!("{}%", number(s.coverage * 100.0, 0, lang)),
            n2(s.mean_abs_error),
            n2(s.bias),
            n2(s.median_band_width),
        ]);
    }
    out.push_str(&aligned(&rows));
    out.push('\n');
    out.push_str(&backtest_sentence(bt, lang));
    out.push('\n');
    out
}

/// Rows of cells as an aligned text table, a rule under the header.
pub fn aligned(rows: &[Vec<String>]) -> String {
    let cols = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..cols).map(|c| rows.iter().map(|r| r.get(c).map_or(0, |x| x.chars().count())).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for (i, r) in rows.iter().enumerate() {
        let line: Vec<String> = r.iter().zip(&widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count()))).collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            out.push_str(&widths.iter().map(|w| "─".repeat(*w)).collect::<Vec<_>>().join("  "));
            out.push('\n');
        }
    }
    out
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
        ("past_no_actual", "Năm mục tiêu đã qua, chưa có số liệu báo cáo: khả năng đạt theo dự phóng.", "The target year has passed with no reported value: the likelihood is projected."),
        ("method", "Cách tính", "Method"),
        ("method_text", "Mỗi lượt mô phỏng rút ngẫu nhiên điều ta chưa biết: điểm xuất phát trong khoảng của nó (nếu là giả định), một tốc độ xu hướng riêng quanh giả định (độ bất định của xu hướng, hiệu chỉnh theo cách các chuỗi số liệu thực đã biến động), và nhiễu mỗi năm; dải màu là khoảng 10–90% của các lượt. Đánh giá chính là xác suất đạt theo thang IPCC AR6: ≥ 90% rất có khả năng, 66–90% có khả năng, 33–66% ngang nhau, 10–33% ít khả năng, dưới 10% rất ít khả năng. Dòng tiến độ theo quy tắc Open SDG: R = giả định ÷ cần. Tiến độ đến nay chỉ tính từ số liệu báo cáo.", "Each draw samples what we do not know: the start within its range (where it is an assumption), a persistent trend of its own around the assumption (the trend's uncertainty, calibrated on how real series moved), and yearly noise; the shaded band spans the 10th to 90th percentile of the draws. The headline is the chance of meeting the target on the IPCC AR6 scale: ≥ 90% very likely, 66–90% likely, 33–66% about as likely as not, 10–33% unlikely, under 10% very unlikely. The pace line follows the Open SDG rule: R = assumed ÷ required. Progress so far uses reported data only."),
        ("backtest_title", "Mô hình dự báo tốt đến đâu?", "How well does this model predict?"),
        ("backtest_show", "Kiểm tra lại trên số liệu đã báo cáo (tính khi mở)", "Check it against what was reported (computed when opened)"),
        ("backtest_note", "Mỗi trường hợp: giấu giá trị báo cáo cùng mọi số liệu từ năm đó trở đi, hiệu chỉnh lại trên phần còn lại, dự phóng bằng quy tắc mặc định, rồi so khoảng 80% với giá trị đã báo cáo (chấm đặc: nằm trong; chấm rỗng: trượt).", "Each case: hide the reported value and everything from its year on, recalibrate on what is left, project with the default rules, and compare the 80% band with what was reported (filled dot: inside; hollow: missed)."),
        ("backtest_cases", "Số trường hợp", "Cases"),
        ("backtest_coverage", "Độ phủ khoảng 80%", "80% band coverage"),
        ("pace", "Tiến độ", "Pace"),
        ("progress_so_far", "Tiến độ đến nay", "Progress so far"),
        ("progress_so_far_note", "Chỉ từ số liệu báo cáo; thanh trượt không thay đổi.", "Reported data only; no slider changes it."),
        ("likelihood", "Khả năng đạt", "Likelihood"),
        ("illustrative", "Minh họa: điểm xuất phát chưa có nguồn", "Illustrative: the start has no source"),
        ("enter_start", "Nhập giá trị xuất phát thực để có đánh giá", "Enter the real starting value to get a verdict"),
        ("proxy", "Số liệu thay thế (chỉ tiêu khác)", "Proxy (another measure)"),
        ("start_range", "Khoảng giả định", "Assumed range"),
        ("data_as_of", "Số liệu mới nhất: năm {}", "Newest data used: {}"),
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
        ("overview", "Tổng quan", "Overview"),
        ("province_page", "Trang tỉnh", "Province page"),
        ("view", "Chế độ xem", "View"),
        ("overview_title", "Các tỉnh so với mục tiêu chuyển đổi số", "Every province against its digital-transformation goals"),
        (
            "overview_help",
            "Mỗi mục là một mục tiêu, với đánh giá và xác suất đạt. Chọn một mục tiêu để mở thẻ của nó.",
            "Each entry is a goal, with its verdict and its chance of being met. Choose a goal to open its card.",
        ),
        ("target_year", "Năm mục tiêu", "Target year"),
        ("all_years", "Tất cả", "All"),
        ("sort_by", "Sắp xếp", "Sort by"),
        ("sort_map", "Bản đồ hiện nay (tỉnh hợp nhất trước)", "Today's map (merged provinces first)"),
        ("sort_share", "Tỷ lệ mục tiêu có khả năng đạt", "Share of goals likely met"),
        ("likely_share", "Có khả năng đạt", "Likely met"),
        ("percent", "{}%", "{}%"),
        ("former_provinces", "Tỉnh cũ hợp nhất vào đây: {}", "Former provinces merged into it: {}"),
        ("no_goal", "Không có mục tiêu", "No goal"),
        ("summary", "Tóm tắt", "In short"),
        ("key_goal", "Mục tiêu cần chú ý trước", "The goal to watch first"),
        ("open_card", "Xem thẻ mục tiêu", "Open the goal's card"),
        ("advanced", "Nâng cao", "Advanced"),
        ("download_png", "Tải biểu đồ PNG", "Download chart PNG"),
        ("computing", "Đang tính…", "Computing…"),
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
