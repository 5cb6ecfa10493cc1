//===- runtime/goodness_of_fit.h - Saturated-model goodness of fit --------===//
//
// cabinetry's fit._goodness_of_fit (spec/cabinetry.md §6): the best fit's
// −ln L against the saturated model's, where every main bin's rate equals
// its data and every constraint term sits at its maximum:
//   NLL_sat = −[Σ_b ln Pois(n_b | n_b) + Σ constraints at θ = aux (Gaussian)
//             or θ·τ = aux (Poisson)],
//   ΔNLL = twice_nll/2 − NLL_sat,  p = χ²_sf(2·ΔNLL, ndof),
//   ndof = main bins − free unconstrained parameters (normfactor, shapefactor),
// p is NaN when ndof ≤ 0.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "runtime/fit.h"

namespace hf {

struct GoodnessOfFit {
  double twiceNll = 0;     ///< of the best fit
  double saturatedNll = 0; ///< −ln L of the saturated model
  double deltaNll = 0;     ///< twiceNll/2 − saturatedNll
  int ndof = 0;
  double pValue = 0;       ///< NaN when ndof ≤ 0
};

/// The saturated model's −ln L on `data` (main and auxiliary).
double saturatedNll(const ir::Module &m, const Dataset &data);

/// Free (not fixed in `settings`) parameters without a constraint term.
int unconstrainedParameterCount(const ir::Module &m, const FitSettings &settings);

/// χ² survival function: P(X > x) for X ~ χ²(ndof); NaN when ndof ≤ 0.
double chi2Survival(double x, int ndof);

/// The goodness of fit of a fit with twice_nll `bestTwiceNll` on `data`.
GoodnessOfFit goodnessOfFit(const ir::Module &m, const Dataset &data, const FitSettings &settings,
                            double bestTwiceNll);

} // namespace hf
