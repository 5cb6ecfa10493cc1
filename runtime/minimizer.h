//===- runtime/minimizer.h - Bounded minimization with an analytic gradient -===//
//
// The bundled minimizer: L-BFGS with box bounds (NLopt's LD_LBFGS) on the
// analytic gradient, then Newton polishing steps on a finite-difference
// Hessian of that gradient, which both tightens the minimum (pyhf's reference
// minima are SLSQP at 1e-12 or MIGRAD strategy 2) and gives the Hessian for
// uncertainties. Fixed components stay at their start values.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace hf {

/// f(x) and, when grad is non-empty, its gradient.
using Objective = std::function<double(std::span<const double> x, std::span<double> grad)>;

struct MinimizeProblem {
  Objective f;
  std::vector<double> start, lo, hi;
  std::vector<bool> fixed;
  /// L-BFGS works in coordinates x_i / scale_i. Empty: 1/√H_ii from a
  /// finite-difference Hessian at the start (2 gradients per parameter, the
  /// largest fixed cost of a minimization); a caller that minimizes many
  /// similar problems passes the scales of the first (MinimizeResult::scale).
  std::vector<double> scale;
};

struct MinimizeOptions {
  double relativeTolerance = 1e-13; ///< on f, for L-BFGS's stopping test
  int maxEvaluations = 20000;
  int newtonSteps = 30;             ///< polishing steps after L-BFGS (at most)
  bool hessian = false;             ///< compute the Hessian at the minimum
  /// > 0: no Newton polishing where L-BFGS already brought the gradient,
  /// measured in each parameter's curvature scale, below this — the
  /// precision a toy's test statistic needs, not the 1e-12 of a reference
  /// fit. 0 (the default): always polish.
  double gradientGoal = 0;
};

struct MinimizeResult {
  std::vector<double> x;
  double fval = 0;
  bool converged = false;
  int evaluations = 0;
  std::string message;              ///< why it stopped, for failure messages
  std::vector<double> scale;        ///< the scales L-BFGS used (see MinimizeProblem::scale)
  /// Hessian of f over all components (fixed rows/columns 0), when asked.
  std::vector<std::vector<double>> hessian;
};

/// Minimizes problem.f within [lo, hi]. Never throws on a failed
/// minimization: the result says `converged = false` and why.
MinimizeResult minimize(const MinimizeProblem &problem, const MinimizeOptions &options = {});

/// Central-difference Hessian of f from its gradient at x over the free
/// components (one-sided at a bound), symmetrized.
std::vector<std::vector<double>> hessianFromGradient(const MinimizeProblem &problem,
                                                     std::span<const double> x);

} // namespace hf
