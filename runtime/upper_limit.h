//===- runtime/upper_limit.h - CLs upper limits as pyhf searches them -----===//
//
// The upper limit on the POI at confidence level 1 − level is where CLs(μ)
// crosses `level`, for the observed CLs and for each of the five expected-band
// values. pyhf finds these crossings either by root finding (TOMS748 on a
// bracket it widens first) or by interpolating a grid scan; both are here,
// with pyhf's conventions (inference.md §6), over any hypothesis test: the
// caller supplies μ ↦ CLs, so this unit knows nothing of fits or models.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <array>
#include <functional>
#include <vector>

namespace hf {

/// One hypothesis test: CLs observed and the expected band (5 values, pyhf's
/// order n = 2, 1, 0, −1, −2, i.e. increasing CLs).
struct CLsPoint {
  double obs;
  std::array<double, 5> exp;
};

struct UpperLimitResult {
  double obs;
  std::array<double, 5> exp;     ///< one per band element, as pyhf returns it (ascending)
  std::vector<double> testedMu;  ///< in evaluation order, each μ once
  std::vector<CLsPoint> results; ///< same order
  /// upperLimitScan only: true where the grid's CLs values never cross the
  /// level for that series (obs, then the five exp), so the number is just
  /// the end of the grid np.interp clamps to, not a limit.
  std::array<bool, 6> clamped{};
};

/// pyhf's root-finding upper limit (inference.md §6 steps 1–4). The bracket
/// [lo, hi] (the POI's bounds) is widened first: lo is halved while any of the
/// six CLs values at lo is below `level`, hi doubled while any at hi is above
/// it. Hypothesis tests are cached by μ, so no μ is tested twice. The observed
/// limit is the TOMS748 root (toms748.h, xtol 2e-12, rtol 1e-4) of
/// CLs_obs − level on [lo, hi]; each expected limit is bracketed by the best
/// cached pair: the μ with the smallest CLs_exp,k − level ≥ 0 and the μ with
/// the largest negative one.
/// `hypotest` may throw (e.g. μ beyond the POI's bound): hf::InputError and
/// hf::ComputeError propagate with their kind kept and the message prefixed by
/// the μ and the phase ("while doubling the upper end of the bracket to μ = 20:
/// ..."). ComputeError also when the bracket cannot be widened (lo reached 0,
/// hi overflowed) or a band has no cached point on one side of `level`.
UpperLimitResult upperLimitRootFinding(const std::function<CLsPoint(double)> &hypotest, double lo,
                                       double hi, double level = 0.05);

/// pyhf's grid-scan upper limit (inference.md §6 "Grid scan"): hypotest at each
/// μ of `scan` (meant to be increasing; not checked, as pyhf does not), then
/// for each of the six series np.interp(level, CLs reversed, scan reversed):
/// linear interpolation of μ as a function of CLs, clamped to the end values
/// (and UpperLimitResult::clamped says which series were).
/// InputError for an empty scan; hypotest errors are prefixed with their μ.
UpperLimitResult upperLimitScan(const std::function<CLsPoint(double)> &hypotest,
                                const std::vector<double> &scan, double level = 0.05);

} // namespace hf
