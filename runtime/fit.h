//===- runtime/fit.h - Maximum-likelihood fits of a model -----------------===//
//
// pyhf's `fit` and `fixed_poi_fit` (inference.md §1) on a Likelihood: the
// objective is twice_nll = −2·logpdf, inits, bounds and fixed flags default
// to the model's, an init outside its bounds is an error, a fit that does not
// converge is a ComputeError. A fit starts from the inits and, when given, a
// warm start (the unconditional best fit for a conditional one); where the
// model's interpolation has kinks (normsys code1, histosys code0) it also
// restarts from the other side of them. The lowest minimum wins.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "runtime/likelihood.h"

#include <optional>
#include <string>
#include <vector>

namespace hf {

/// Main and auxiliary data a likelihood is evaluated on.
struct Dataset {
  std::vector<double> main, aux;
};

/// The workspace's observations and the measurement's auxiliary data.
Dataset observedData(const ir::Module &m);

/// pyhf's init, bounds and fixed flags for a fit.
struct FitSettings {
  std::vector<double> init, lo, hi;
  std::vector<bool> fixed;
  /// The minimizer's preconditioning (MinimizeProblem::scale); empty: from
  /// the curvature at the first start. Many fits of similar data (toys) pass
  /// the scales of one fit (FitResult::scale) and skip that Hessian.
  std::vector<double> scale;
  /// MinimizeOptions::gradientGoal: > 0 for fits that need less than the
  /// reference precision (toys); 0, the default, polishes every minimum.
  double gradientGoal = 0;
  static FitSettings defaults(const ir::Module &m);
};

struct FitResult {
  std::vector<double> theta;
  double twiceNll = 0;
  bool converged = false;
  int evaluations = 0;
  std::vector<double> scale;                       ///< the minimizer's preconditioning (see FitSettings)
  std::vector<double> uncertainties;               ///< with uncertainties: HESSE, mapped through bounds as MINUIT does (fit.cpp); 0 when fixed
  std::vector<std::vector<double>> correlations;   ///< with uncertainties
};

class Fitter {
public:
  explicit Fitter(const Likelihood &likelihood) : likelihood_(likelihood) {}

  /// Minimizes twice_nll on `data`. Throws InputError for inits outside
  /// their bounds and ComputeError when no start converges.
  FitResult fit(const Dataset &data, const FitSettings &settings, bool uncertainties = false,
                const std::vector<double> *warmStart = nullptr) const;

  /// The fit with the POI fixed at mu (pyhf's fixed_poi_fit).
  FitResult fixedPoiFit(double mu, const Dataset &data, FitSettings settings,
                        const std::vector<double> *warmStart = nullptr) const;

  /// twice_nll at theta.
  double twiceNll(const std::vector<double> &theta, const Dataset &data) const;

  const Likelihood &likelihood() const { return likelihood_; }

private:
  const Likelihood &likelihood_;
};

/// The POI's index; InputError naming the measurement's POI when the model
/// has none (a background-only workspace).
size_t requirePoi(const ir::Module &m);

} // namespace hf
