//===- runtime/goodness_of_fit.cpp - Saturated-model goodness of fit ------===//
//
// The χ² tail comes from Boost.Math's regularized upper incomplete gamma
// function (Q(k/2, x/2) = P(χ²_k > x)): Debian's libboost-dev is already a
// build dependency, and a home-made series would be one more thing to test.
//
//===----------------------------------------------------------------------===//
#include "runtime/goodness_of_fit.h"

#include <boost/math/special_functions/gamma.hpp>

#include <cmath>
#include <limits>
#include <numbers>

namespace hf {

namespace {

/// ln Pois(n | λ) for continuous n, as pyhf writes it: n ln λ − λ − lnΓ(n + 1)
/// (with 0·ln 0 = 0).
double poissonLogPdf(double n, double lambda) {
  return (n == 0 ? 0.0 : n * std::log(lambda)) - lambda - std::lgamma(n + 1);
}

} // namespace

double saturatedNll(const ir::Module &m, const Dataset &data) {
  double logL = 0;
  for (double n : data.main)
    logL += poissonLogPdf(n, n);
  for (const ir::ParamSet &set : m.paramsets) {
    for (uint32_t c = 0; c < set.size && set.constraint != ir::Constraint::None; ++c) {
      double a = data.aux[set.auxStart + c];
      if (set.constraint == ir::Constraint::Gauss)
        logL += -std::log(set.widths[c] * std::sqrt(2 * std::numbers::pi)); // the exponent vanishes at θ = a
      else
        logL += poissonLogPdf(a, a); // rate θ·τ = a
    }
  }
  return -logL;
}

int unconstrainedParameterCount(const ir::Module &m, const FitSettings &settings) {
  int n = 0;
  for (size_t i = 0; i < m.params.size(); ++i)
    if (!settings.fixed[i] && m.paramsets[m.params[i].paramset].constraint == ir::Constraint::None)
      ++n;
  return n;
}

double chi2Survival(double x, int ndof) {
  if (ndof <= 0)
    return std::numeric_limits<double>::quiet_NaN();
  if (x <= 0)
    return 1.0;
  return boost::math::gamma_q(ndof / 2.0, x / 2.0);
}

GoodnessOfFit goodnessOfFit(const ir::Module &m, const Dataset &data, const FitSettings &settings,
                            double bestTwiceNll) {
  GoodnessOfFit g;
  g.twiceNll = bestTwiceNll;
  g.saturatedNll = saturatedNll(m, data);
  g.deltaNll = bestTwiceNll / 2 - g.saturatedNll;
  g.ndof = static_cast<int>(m.nMain) - unconstrainedParameterCount(m, settings);
  g.pValue = chi2Survival(2 * g.deltaNll, g.ndof);
  return g;
}

} // namespace hf
