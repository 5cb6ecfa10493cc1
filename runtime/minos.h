//===- runtime/minos.h - Asymmetric profile-likelihood intervals ----------===//
//
// MINOS (spec/cabinetry.md §6, iminuit's Minuit.minos) on the compiled
// likelihood: for one parameter, the two values where twice_nll profiled
// over every other free parameter rises by Δ above the best fit. Δ = 1 is
// the 68.27% interval; a confidence level cl asks for Δ = χ²₁ quantile(cl)
// (iminuit's convention: cl ≥ 1 means cl standard deviations, Δ = cl²).
// Each side is a root of profile(x) − (min + Δ), bracketed from the best fit
// outwards in steps of the HESSE error and solved with TOMS748; a side that
// does not cross before the parameter's bound reports the bound instead.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "runtime/fit.h"

#include <string>

namespace hf {

/// Δ(twice_nll) of an interval at confidence level `cl` (0: the default,
/// Δ = 1); InputError for cl < 0 or not finite.
double minosThreshold(double cl);

/// One side of an interval.
struct MinosSide {
  double error = 0;       ///< signed distance from the best fit (≤ 0 below, ≥ 0 above)
  bool valid = false;     ///< the profile crossed min + Δ at best fit + error
  bool atBound = false;   ///< no crossing before the parameter's bound: error reaches the bound
  std::string problem;    ///< why it is not valid ("" when valid)
  int fits = 0;           ///< profile fits spent on this side
};

struct MinosInterval {
  uint32_t index = 0;
  double bestFit = 0;
  double threshold = 1;  ///< Δ(twice_nll)
  MinosSide lower, upper;
};

/// MINOS for parameter `par` around `best` (a fit on `data` with
/// `settings`, with uncertainties). InputError when `par` is fixed.
/// A side that fails (a profile fit that does not converge, a crossing that
/// cannot be bracketed) is reported in its MinosSide, never thrown.
MinosInterval minos(const Fitter &fitter, const Dataset &data, const FitSettings &settings, const FitResult &best,
                    uint32_t par, double threshold = 1.0);

} // namespace hf
