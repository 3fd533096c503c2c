//! Progress so far: the Open SDG progress measure, computed from reported data alone.
//!
//! This is the status a statistics office publishes, and the one verdict on a goal card that no
//! slider can change: it reads only the observations, the target and the years. It follows the
//! quantitative-target method of Open SDG's `sdg-build` (`sdg/ProgressMeasure.py`), re-implemented
//! here:
//!
//! - the **base** is the first observation at or after the programme's start year, the
//!   **current** value the latest observation up to the data's as-of year;
//! - if the current value meets the target (`≥` where higher is better, `≤` where lower is), the
//!   status is `target_achieved`, even on a single observation;
//! - otherwise fewer than two distinct years give `not_available`;
//! - otherwise `CAGR_o = (current/base)^(1/(t_current − t_base)) − 1`,
//!   `CAGR_r = (target/base)^(1/(t_target − t_base)) − 1`, and the progress value is
//!   `sign(base) · direction · CAGR_o / |CAGR_r|`; a zero base or target counts as 0.001, and a
//!   base and current value of opposite signs give `not_available`;
//! - thresholds (Open SDG's defaults): ≥ 0.95 `substantial_progress`, 0.60–0.95
//!   `moderate_progress`, 0–0.60 `limited_progress`, < 0 `deterioration`.
//!
//! It knows nothing about scenarios or simulations; proxies are left out by the caller.

use serde::Serialize;

/// Progress value (or pace ratio R) at or above this is substantial progress, on track (Open
/// SDG's `high`).
pub const SUBSTANTIAL: f64 = 0.95;
/// Progress value (or R) at or above this and below [`SUBSTANTIAL`] is moderate progress,
/// acceleration needed (Open SDG's `med`).
pub const MODERATE: f64 = 0.60;
/// Open SDG replaces a zero base or target with this, so that the growth rates exist.
pub const ZERO_STAND_IN: f64 = 0.001;

/// Which of Open SDG's four bands a ratio falls in: 0 for ≥ [`SUBSTANTIAL`], 1 for ≥
/// [`MODERATE`], 2 for ≥ 0, 3 below. The one place the thresholds are compared, for progress so
/// far and for the pace alike.
pub fn band(v: f64) -> usize {
    if v >= SUBSTANTIAL {
        0
    } else if v >= MODERATE {
        1
    } else if v >= 0.0 {
        2
    } else {
        3
    }
}

/// Open SDG's progress statuses, with its ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ProgressStatus {
    /// The latest reported value already meets the target.
    TargetAchieved,
    /// Progress value ≥ 0.95.
    SubstantialProgress,
    /// 0.60 ≤ progress value < 0.95.
    ModerateProgress,
    /// 0 ≤ progress value < 0.60.
    LimitedProgress,
    /// Progress value < 0: moving away from the target.
    Deterioration,
    /// Not enough reported data (fewer than two years, or values of opposite signs).
    NotAvailable,
}

impl ProgressStatus {
    /// All statuses, in display order.
    pub const ALL: [ProgressStatus; 6] = [
        ProgressStatus::TargetAchieved,
        ProgressStatus::SubstantialProgress,
        ProgressStatus::ModerateProgress,
        ProgressStatus::LimitedProgress,
        ProgressStatus::Deterioration,
        ProgressStatus::NotAvailable,
    ];

    /// Open SDG's id.
    pub fn id(self) -> &'static str {
        match self {
            ProgressStatus::TargetAchieved => "target_achieved",
            ProgressStatus::SubstantialProgress => "substantial_progress",
            ProgressStatus::ModerateProgress => "moderate_progress",
            ProgressStatus::LimitedProgress => "limited_progress",
            ProgressStatus::Deterioration => "deterioration",
            ProgressStatus::NotAvailable => "not_available",
        }
    }

    /// The status of a progress value.
    pub fn from_value(v: f64) -> ProgressStatus {
        [ProgressStatus::SubstantialProgress, ProgressStatus::ModerateProgress, ProgressStatus::LimitedProgress, ProgressStatus::Deterioration][band(v)]
    }
}

/// The progress so far of one target, with the numbers it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressSoFar {
    /// Always `open_sdg`: the method's name.
    pub method: &'static str,
    /// The status.
    pub status: ProgressStatus,
    /// The progress value (`null` when not computed, or not finite).
    pub value: Option<f64>,
    /// Year of the base value.
    pub base_year: Option<i32>,
    /// The base value.
    pub base_value: Option<f64>,
    /// Year of the latest reported value.
    pub current_year: Option<i32>,
    /// The latest reported value.
    pub current_value: Option<f64>,
}

/// What one target asks, for the progress measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Goal {
    /// The target value.
    pub target: f64,
    /// The target year.
    pub year: i32,
    /// True where more is better; false for ranks and other "lower is better" indicators.
    pub higher_is_better: bool,
}

/// Compound annual growth from `(t0, v0)` to `(t1, v1)`.
fn cagr(v1: f64, v0: f64, t1: i32, t0: i32) -> f64 {
    libm::pow(v1 / v0, 1.0 / f64::from(t1 - t0)) - 1.0
}

/// The Open SDG progress measure of `goal` on reported `(year, value)` observations (any order;
/// proxies already left out), for a programme that started in `programme_start`, with data as of
/// `as_of_year`.
pub fn progress_so_far(observations: &[(i32, f64)], goal: Goal, programme_start: i32, as_of_year: i32) -> ProgressSoFar {
    let mut obs: Vec<(i32, f64)> = observations.iter().copied().filter(|&(y, v)| y <= as_of_year && v.is_finite()).collect();
    obs.sort_by_key(|o| o.0);
    let current = obs.last().copied();
    let base = obs.iter().copied().find(|&(y, _)| y >= programme_start);
    let mut out = ProgressSoFar {
        method: "open_sdg",
        status: ProgressStatus::NotAvailable,
        value: None,
        base_year: base.map(|b| b.0),
        base_value: base.map(|b| b.1),
        current_year: current.map(|c| c.0),
        current_value: current.map(|c| c.1),
    };
    let Some((t_cur, v_cur)) = current else { return out };
    let achieved = if goal.higher_is_better { v_cur >= goal.target } else { v_cur <= goal.target };
    if achieved {
        out.status = ProgressStatus::TargetAchieved;
        return out;
    }
    let Some((t_base, base_value)) = base else { return out };
    if t_cur - t_base < 1 || goal.year <= t_base {
        return out;
    }
    let v_base = if base_value == 0.0 { ZERO_STAND_IN } else { base_value };
    let target = if goal.target == 0.0 { ZERO_STAND_IN } else { goal.target };
    if (v_base > 0.0 && v_cur < 0.0) || (v_base < 0.0 && v_cur > 0.0) {
        return out;
    }
    let sign = if v_base < 0.0 { -1.0 } else { 1.0 };
    let direction = if goal.higher_is_better { 1.0 } else { -1.0 };
    let value = sign * direction * cagr(v_cur, v_base, t_cur, t_base) / cagr(target, v_base, goal.year, t_base).abs();
    if value.is_nan() {
        return out;
    }
    out.status = ProgressStatus::from_value(value);
    out.value = value.is_finite().then_some(value);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const UP: bool = true;
    const DOWN: bool = false;

    fn run(obs: &[(i32, f64)], target: f64, year: i32, higher: bool) -> ProgressSoFar {
        progress_so_far(obs, Goal { target, year, higher_is_better: higher }, 2020, 2026)
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    /// Observations, target, target year, higher is better, expected status, expected value.
    type Case = (Vec<(i32, f64)>, f64, i32, bool, ProgressStatus, Option<f64>);

    /// Each case worked out by hand from the formulas in the module doc.
    #[test]
    fn hand_computed_cases() {
        use ProgressStatus::*;
        // (observations, target, target year, higher is better, expected status, expected value)
        let cases: Vec<Case> = vec![
            // 1. Higher is better, on course: 10 → 40 in 2 years is 100%/yr; 10 → 90 needs 3^(1/2)−1.
            (vec![(2020, 10.0), (2022, 40.0)], 90.0, 2022 + 2, UP, SubstantialProgress, Some(1.0 / (3f64.sqrt() - 1.0))),
            // 2. Exactly as needed: 100 → 121 in 2 of 4 years (10%/yr both): value 1.
            (vec![(2020, 100.0), (2022, 121.0)], 146.41, 2024, UP, SubstantialProgress, Some(1.0)),
            // 3. Moderate: observed 5%/yr against 10%/yr required → 0.5 … is limited; 7.5%/yr → 0.75.
            (vec![(2020, 100.0), (2021, 107.5)], 110.0 * 1.1, 2022, UP, ModerateProgress, Some(0.075 / 0.1)),
            // 4. Limited: 5%/yr against 10%/yr → 0.5.
            (vec![(2020, 100.0), (2021, 105.0)], 121.0, 2022, UP, LimitedProgress, Some(0.5)),
            // 5. Deterioration: 100 → 90 in a year (−10%) against +10%/yr → −1.
            (vec![(2020, 100.0), (2021, 90.0)], 121.0, 2022, UP, Deterioration, Some(-1.0)),
            // 6. Edge 0.95 exactly: observed 95% against 100%/yr (100 → 400 in 2 years) → 0.95
            //    (1.95 − 1 is exactly the double nearest 0.95, and √4 − 1 is exactly 1).
            (vec![(2020, 100.0), (2021, 195.0)], 400.0, 2022, UP, SubstantialProgress, Some(0.95)),
            //    Just under it, as Open SDG's floating point has it: 9.5% against √1.21 − 1.
            (vec![(2020, 100.0), (2021, 109.5)], 121.0, 2022, UP, ModerateProgress, Some((1.095 - 1.0) / (1.21f64.sqrt() - 1.0))),
            // 7. Edge 0.60: 60% against 100%/yr → 0.60 (moderate).
            (vec![(2020, 100.0), (2021, 160.0)], 400.0, 2022, UP, ModerateProgress, Some(0.6)),
            // 8. Edge 0: no change → 0 (limited, not deterioration).
            (vec![(2020, 50.0), (2022, 50.0)], 80.0, 2025, UP, LimitedProgress, Some(0.0)),
            // 9. Target already met, decided first, even on a single observation.
            (vec![(2023, 85.0)], 80.0, 2025, UP, TargetAchieved, None),
            // 10. Met exactly (≥).
            (vec![(2020, 10.0), (2024, 80.0)], 80.0, 2025, UP, TargetAchieved, None),
            // 11. A single year, not met → not available.
            (vec![(2023, 40.0)], 80.0, 2025, UP, NotAvailable, None),
            // 12. No observations at all.
            (vec![], 80.0, 2025, UP, NotAvailable, None),
            // 13. Ranks (lower is better): 33 → 30 in 2 years; target 20 in 2030 (10 years from
            //     2020). value = −1 · ((30/33)^(1/2) − 1) / |(20/33)^(1/10) − 1|.
            (
                vec![(2020, 33.0), (2022, 30.0)],
                20.0,
                2030,
                DOWN,
                SubstantialProgress,
                Some(-((30f64 / 33.0).sqrt() - 1.0) / ((20f64 / 33.0).powf(0.1) - 1.0).abs()),
            ),
            // 14. Ranks falling back: 30 → 41 → deterioration.
            (vec![(2021, 30.0), (2022, 41.0)], 20.0, 2030, DOWN, Deterioration, Some(-((41f64 / 30.0) - 1.0) / ((20f64 / 30.0).powf(1.0 / 9.0) - 1.0).abs())),
            // 15. Rank target met (≤).
            (vec![(2021, 30.0), (2022, 17.0)], 20.0, 2030, DOWN, TargetAchieved, None),
            // 16. Lower is better, not a rank: 50 → 45 in one year; target 25 in 2025 (5 years).
            (vec![(2020, 50.0), (2021, 45.0)], 25.0, 2025, DOWN, ModerateProgress, Some(0.1 / (1.0 - 0.5f64.powf(0.2)))),
            // 17. Zero base counts as 0.001: 0 → 1 in one year, target 10 in 2022.
            (vec![(2020, 0.0), (2021, 1.0)], 10.0, 2022, UP, SubstantialProgress, Some((1.0 / 0.001 - 1.0) / ((10.0f64 / 0.001).sqrt() - 1.0))),
            // 18. Zero target counts as 0.001 (lower is better): 4 → 2 in a year, target 0 in 2022:
            //     0.5 / (1 − √(0.001/4)) = 0.508.
            (vec![(2020, 4.0), (2021, 2.0)], 0.0, 2022, DOWN, LimitedProgress, Some(0.5 / (1.0 - (0.001f64 / 4.0).sqrt()))),
            // 19. Negative base, higher is better: −10 → −5 (CAGR −50%), target 5: opposite signs
            //     of base and current are fine here, but the target's sign flips CAGR_r's base:
            //     value = sign(−1) · 1 · (−0.5) / |(5/−10)^(1/2) − 1| → NaN in real numbers → not available.
            (vec![(2020, -10.0), (2021, -5.0)], 5.0, 2022, UP, NotAvailable, None),
            // 20. Negative base and current, target negative too: −10 → −8, target −4 in 2022.
            //     sign = −1; CAGR_o = 0.8 − 1 = −0.2; CAGR_r = (0.4)^(1/2) − 1 → value = 0.2/|√0.4 − 1|
            //     = 0.544.
            (vec![(2020, -10.0), (2021, -8.0)], -4.0, 2022, UP, LimitedProgress, Some(0.2 / (0.4f64.sqrt() - 1.0).abs())),
            // 21. Base and current of opposite signs → not available.
            (vec![(2020, -2.0), (2021, 3.0)], 10.0, 2025, UP, NotAvailable, None),
            // 22. The base is the first observation at or after the programme start (2020): the
            //     2018 value is ignored; 2021 → 2023 is 20 → 20 (value 0).
            (vec![(2018, 5.0), (2021, 20.0), (2023, 20.0)], 60.0, 2025, UP, LimitedProgress, Some(0.0)),
            // 23. Observations after the as-of year (2026) are not used: 2027 would meet it. 20 → 30
            //     over 3 years against 20 → 60 over 9 years: 1.115.
            (
                vec![(2021, 20.0), (2024, 30.0), (2027, 90.0)],
                60.0,
                2030,
                UP,
                SubstantialProgress,
                Some((1.5f64.powf(1.0 / 3.0) - 1.0) / (3f64.powf(1.0 / 9.0) - 1.0)),
            ),
        ];
        for (i, (obs, target, year, higher, status, value)) in cases.into_iter().enumerate() {
            let got = run(&obs, target, year, higher);
            assert_eq!(got.status, status, "case {}: {got:?}", i + 1);
            if let Some(v) = value {
                assert!(close(got.value, v), "case {}: {:?} vs {v}", i + 1, got.value);
            } else {
                assert_eq!(got.value, None, "case {}", i + 1);
            }
        }
    }

    #[test]
    fn base_and_current_are_reported() {
        let got = run(&[(2021, 20.0), (2024, 30.0), (2027, 90.0)], 60.0, 2030, UP);
        assert_eq!((got.base_year, got.base_value, got.current_year, got.current_value), (Some(2021), Some(20.0), Some(2024), Some(30.0)));
        assert_eq!(got.method, "open_sdg");
    }

    #[test]
    fn thresholds_are_exact() {
        use ProgressStatus::*;
        assert_eq!(ProgressStatus::from_value(0.95), SubstantialProgress);
        assert_eq!(ProgressStatus::from_value(0.949_999_9), ModerateProgress);
        assert_eq!(ProgressStatus::from_value(0.6), ModerateProgress);
        assert_eq!(ProgressStatus::from_value(0.599_999_9), LimitedProgress);
        assert_eq!(ProgressStatus::from_value(0.0), LimitedProgress);
        assert_eq!(ProgressStatus::from_value(-1e-12), Deterioration);
    }
}
