//! Statistics shared by the Monte Carlo of single series (`sim`) and the peer rank model
//! (`peer`): nearest-rank quantile indices and the first year each draw meets a target. Below
//! both, so that neither reaches into the other.

/// Marks a draw that has not met a target yet, in the first-met year indices.
pub const NEVER: u16 = u16::MAX;

/// From each draw's first-met year index (or [`NEVER`]): the number of draws that met the target
/// by the horizon, and the median first year, `None` when most draws never do.
pub fn first_met_summary(first_met: &[u16], years: &[i32]) -> (usize, Option<i32>) {
    let mut counts = vec![0usize; years.len()];
    let mut met = 0usize;
    for &f in first_met {
        if f != NEVER {
            counts[f as usize] += 1;
            met += 1;
        }
    }
    let half = first_met.len().div_ceil(2);
    let mut cum = 0;
    let median = counts.iter().enumerate().find_map(|(i, c)| {
        cum += c;
        (cum >= half).then_some(years[i])
    });
    (met, median)
}

/// Nearest-rank quantile index: the smallest value with at least `q·n` values at or below it.
pub fn rank_index(q: f64, n: usize) -> usize {
    ((q * n as f64).ceil() as usize).clamp(1, n) - 1
}
