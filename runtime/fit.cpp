//===- runtime/fit.cpp - Maximum-likelihood fits of a model ---------------===//
#include "runtime/fit.h"

#include "hf/error.h"
#include "runtime/cancel.h"
#include "runtime/minimizer.h"

#include <Eigen/Dense>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace hf {

Dataset observedData(const ir::Module &m) { return {m.observedMain, m.nominalAux}; }

FitSettings FitSettings::defaults(const ir::Module &m) {
  FitSettings s;
  for (const ir::Parameter &p : m.params) {
    s.init.push_back(p.init);
    s.lo.push_back(p.lo);
    s.hi.push_back(p.hi);
    s.fixed.push_back(p.fixed);
  }
  return s;
}

size_t requirePoi(const ir::Module &m) {
  if (m.poiIndex >= 0)
    return static_cast<size_t>(m.poiIndex);
  if (m.poiName.empty())
    throw InputError("error: the measurement has no POI; hypothesis tests need one (set config.poi)");
  // lower() refused a POI near a normfactor's name (a typo); what is left
  // is a background-only workspace, or one without any normfactor.
  std::vector<std::string> normfactors;
  for (const ir::ParamSet &set : m.paramsets)
    if (std::find(set.types.begin(), set.types.end(), "normfactor") != set.types.end())
      normfactors.push_back(set.name);
  if (normfactors.empty())
    throw InputError(fmt::format("error: the POI \"{}\" is not a parameter of this model, which has no "
                                 "normfactor at all (a background-only workspace?); apply a signal patch "
                                 "(--patch, --patchset) first",
                                 m.poiName));
  throw InputError(fmt::format("error: the POI \"{}\" is not a parameter of this model (its normfactors: "
                               "{}); for a background-only workspace, apply a signal patch (--patch, "
                               "--patchset) first",
                               m.poiName, fmt::join(normfactors, ", ")));
}

double Fitter::twiceNll(const std::vector<double> &theta, const Dataset &data) const {
  return -2 * likelihood_.logpdf(theta, data.main, data.aux);
}

namespace {

/// Non-smooth interpolation (a kink at α = 0) can leave a fit in a local
/// minimum on one side: those models get a restart from the other side.
bool hasKinks(const ir::Module &m) { return m.histosysCode == "code0" || m.normsysCode == "code1"; }

/// theta with every normsys/histosys α reflected through 0 (within bounds).
std::vector<double> reflectNuisances(const ir::Module &m, std::vector<double> theta, const FitSettings &s) {
  for (const ir::ParamSet &set : m.paramsets) {
    bool interpolated = false;
    for (const std::string &t : set.types)
      interpolated = interpolated || t == "normsys" || t == "histosys";
    if (interpolated && !s.fixed[set.start])
      theta[set.start] = std::clamp(-theta[set.start], s.lo[set.start], s.hi[set.start]);
  }
  return theta;
}

/// The error MINUIT reports (and so pyhf's and cabinetry's `uncertainty`)
/// for a parameter with both bounds: MINUIT fits u with x = lo + (hi−lo)·
/// (sin u + 1)/2, takes σ_u from the Hessian in u, and maps the interval
/// u ± σ_u back, averaging the two half-widths ½(|x(u+σ_u)−x| + |x(u−σ_u)−x|). That is the linear σ times about sin σ_u / σ_u,
/// 1 % below it for the tutorial's Signal_norm. At zero gradient σ_u = σ/x'(u)
/// exactly, so the covariance (and correlations) stay the linear ones.
double minuitBoundedError(double x, double sigma, double lo, double hi) {
  if (!(std::isfinite(lo) && std::isfinite(hi) && hi > lo) || !std::isfinite(sigma))
    return sigma;
  double half = 0.5 * (hi - lo);
  double s = std::clamp((x - lo) / half - 1.0, -1.0, 1.0);
  double u = std::asin(s);
  double slope = half * std::cos(u); // dx/du
  // On a bound the internal error is undefined (MINUIT's too); keep σ.
  if (!(slope > 1e-12 * half))
    return sigma;
  double sigmaU = sigma / slope;
  // Beyond σ_u = 1 (a parameter at or next to a bound) MINUIT's mapping
  // reports about half the range, which describes nothing: keep σ there.
  if (sigmaU > 1)
    return sigma;
  auto external = [&](double v) { return lo + half * (std::sin(v) + 1.0); };
  double up = external(u + sigmaU) - x;
  double down = external(u - sigmaU) - x;
  return 0.5 * (std::fabs(up) + std::fabs(down));
}

void fillUncertainties(FitResult &r, const std::vector<std::vector<double>> &hessian, const FitSettings &s) {
  size_t n = r.theta.size();
  std::vector<size_t> free;
  for (size_t i = 0; i < n; ++i)
    if (!s.fixed[i])
      free.push_back(i);
  r.uncertainties.assign(n, 0.0);
  r.correlations.assign(n, std::vector<double>(n, 0.0));
  for (size_t i = 0; i < n; ++i)
    r.correlations[i][i] = 1.0;
  if (free.empty())
    return;
  Eigen::MatrixXd h(free.size(), free.size());
  for (size_t a = 0; a < free.size(); ++a)
    for (size_t b = 0; b < free.size(); ++b)
      h(a, b) = hessian[free[a]][free[b]];
  // twice_nll has errordef 1: the covariance is 2·H⁻¹ of twice_nll.
  Eigen::MatrixXd cov = 2.0 * h.inverse();
  // The inverse of a symmetric matrix is symmetric only up to rounding;
  // make it exact so that correlations[i][j] == correlations[j][i].
  cov = (0.5 * (cov + cov.transpose())).eval();
  for (size_t a = 0; a < free.size(); ++a) {
    size_t i = free[a];
    r.uncertainties[i] =
        cov(a, a) > 0 ? minuitBoundedError(r.theta[i], std::sqrt(cov(a, a)), s.lo[i], s.hi[i]) : std::nan("");
    for (size_t b = 0; b < free.size(); ++b)
      r.correlations[free[a]][free[b]] = cov(a, b) / std::sqrt(cov(a, a) * cov(b, b));
  }
}

/// At a kink the free fit can stop with the POI on its bound and the other
/// parameters short of where a fit with the POI held there ends (sbottom A
/// with code1/code0: 1.1e-6 above the conditional fit at μ = 0), and a free
/// fit above a conditional one breaks the test statistics. So when the POI
/// is free and on a bound, fit again with it held there, from the best point
/// and from the inits, and keep what is lower: the held point is a point of
/// the free problem too. (Only the POI: settling every parameter on a bound
/// moves the published models' fits by more than pyhf's tolerance allows.)
void settleOnBounds(MinimizeProblem problem, const FitSettings &s, int poi, MinimizeResult &best) {
  if (poi < 0 || s.fixed[static_cast<size_t>(poi)])
    return;
  size_t i = static_cast<size_t>(poi);
  double width = std::max(1.0, s.hi[i] - s.lo[i]);
  bool atLo = best.x[i] - s.lo[i] <= 1e-9 * width, atHi = s.hi[i] - best.x[i] <= 1e-9 * width;
  if (!atLo && !atHi)
    return;
  problem.fixed = s.fixed;
  problem.fixed[i] = true;
  for (std::vector<double> start : {best.x, s.init}) {
    start[i] = atLo ? s.lo[i] : s.hi[i];
    problem.start = start;
    MinimizeResult r = minimize(problem);
    if (r.converged && r.fval < best.fval) {
      int evaluations = best.evaluations + r.evaluations;
      best = std::move(r);
      best.evaluations = evaluations;
    }
  }
}

} // namespace

FitResult Fitter::fit(const Dataset &data, const FitSettings &s, bool uncertainties,
                      const std::vector<double> *warmStart) const {
  const ir::Module &m = likelihood_.model();
  for (size_t i = 0; i < s.init.size(); ++i)
    if (!(s.init[i] >= s.lo[i] && s.init[i] <= s.hi[i]))
      throw InputError(fmt::format("error: fit initialization parameter {} = {} lies outside of its bounds "
                                   "[{}, {}]",
                                   m.params[i].name, s.init[i], s.lo[i], s.hi[i]));
  MinimizeProblem problem;
  problem.f = [&](std::span<const double> x, std::span<double> grad) {
    throwIfCancelled(); // Ctrl-C in the REPL (runtime/cancel.h)
    double logpdf = grad.empty() ? likelihood_.logpdf(x, data.main, data.aux)
                                 : likelihood_.logpdfGrad(x, data.main, data.aux, grad);
    for (double &g : grad)
      g *= -2;
    double value = -2 * logpdf;
    // A NaN (a negative rate) must not look like a minimum to the optimizer.
    return std::isnan(value) ? std::numeric_limits<double>::infinity() : value;
  };
  problem.lo = s.lo;
  problem.hi = s.hi;
  problem.fixed = s.fixed;
  problem.scale = s.scale;

  std::vector<std::vector<double>> starts{s.init};
  // Continuation: the minimum of the smooth twin lies in (or near) the basin
  // of the kinked model's lowest minimum.
  if (const Likelihood *smooth = likelihood_.smoothTwin()) {
    try {
      starts.push_back(Fitter(*smooth).fit(data, s, false, warmStart).theta);
    } catch (const ComputeError &) {
      // The kinked fit can still succeed from its other starts.
    }
  }
  if (warmStart) {
    std::vector<double> warm = *warmStart;
    for (size_t i = 0; i < warm.size(); ++i)
      if (s.fixed[i])
        warm[i] = s.init[i];
    starts.push_back(warm);
  }

  MinimizeResult best;
  bool found = false;
  std::string why;
  auto tryStart = [&](const std::vector<double> &start) {
    problem.start = start;
    MinimizeOptions options;
    options.gradientGoal = s.gradientGoal;
    MinimizeResult r = minimize(problem, options);
    if (!r.converged) {
      why = r.message;
      return;
    }
    if (!found || r.fval < best.fval) {
      best = std::move(r);
      found = true;
    }
  };
  for (const auto &start : starts)
    tryStart(start);
  if (found && hasKinks(m)) {
    // Kinks make local minima on either side: restart from the reflection
    // and from a few deterministic perturbations of the best point.
    tryStart(reflectNuisances(m, best.x, s));
    std::mt19937_64 rng(12345);
    std::uniform_real_distribution<double> kick(-0.3, 0.3);
    for (int restart = 0; restart < 3; ++restart) {
      std::vector<double> start = best.x;
      for (const ir::ParamSet &set : m.paramsets)
        if (set.constraint == ir::Constraint::Gauss && set.scalar && !s.fixed[set.start])
          start[set.start] = std::clamp(start[set.start] + kick(rng), s.lo[set.start], s.hi[set.start]);
      tryStart(start);
    }
    settleOnBounds(problem, s, m.poiIndex, best);
  }
  if (!found)
    throw ComputeError(fmt::format("error: the fit did not converge ({})", why));

  FitResult result;
  result.theta = best.x;
  result.twiceNll = best.fval;
  result.converged = true;
  result.evaluations = best.evaluations;
  result.scale = best.scale;
  if (uncertainties)
    fillUncertainties(result, hessianFromGradient(problem, result.theta), s);
  return result;
}

FitResult Fitter::fixedPoiFit(double mu, const Dataset &data, FitSettings s,
                              const std::vector<double> *warmStart) const {
  size_t poi = requirePoi(likelihood_.model());
  s.init[poi] = mu;
  s.fixed[poi] = true;
  return fit(data, s, false, warmStart);
}

} // namespace hf
