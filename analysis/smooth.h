//===- analysis/smooth.h - The "353QH, twice" smoothing algorithm --------===//
//
// ROOT's TH1::SmoothArray (HBOOK hsmoof, J. Friedman 1974) as cabinetry's
// smooth.smooth_353qh_twice ports it (spec/cabinetry.md §3): running medians
// of 3, 5 and 3, quadratic interpolation of flat three-point plateaus, a
// hanning mean, then the same applied to the residual ("twice"). Pure and
// exact: compiled without floating-point contraction so that its medians of
// nearly equal values decide as numpy's do.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <vector>

namespace hf::analysis {

/// The smoothed array; fewer than 3 values are returned unchanged.
std::vector<double> smooth353QHTwice(const std::vector<double> &values);

} // namespace hf::analysis
