//===- runtime/profile_scan.h - Profile likelihood of one parameter -------===//
//
// twice_nll profiled over every other parameter at each value of one
// parameter (the POI by default): the unconditional fit first, then one fit
// per value with that parameter fixed, each warm-started from the previous
// one so the scan follows a valley instead of re-searching it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "runtime/fit.h"

#include <functional>
#include <vector>

namespace hf {

struct ProfileScan {
  FitResult best;                    ///< the unconditional fit
  std::vector<double> values;        ///< the scanned values, as given
  std::vector<double> twiceNll;      ///< profiled twice_nll at each value
  std::vector<double> deltaTwiceNll; ///< twiceNll − best.twiceNll
};

/// n values from lo to hi, evenly spaced, both ends included (lo alone
/// for n = 1): the grid of `hfc scan --poi-range` and `hfc limit --scan`.
std::vector<double> evenlySpaced(double lo, double hi, int n);

/// Scans parameter `par` over `values` with `settings` (inits, bounds, other
/// fixed parameters). A value outside the parameter's bounds is an
/// InputError; `onPoint(value)` is called before each fit (for progress).
ProfileScan profileScan(const Fitter &fitter, const Dataset &data, const FitSettings &settings, uint32_t par,
                        const std::vector<double> &values,
                        const std::function<void(double)> &onPoint = nullptr);

} // namespace hf
