//===- runtime/minimizer.cpp - Bounded minimization with an analytic gradient ===//
//
//  1. L-BFGS (NLopt LD_LBFGS) over the free components, inside the bounds.
//  2. Newton polishing: solve H·d = −g on the free components not pinned at
//     a bound, step (halving until f decreases, clipping to the box), a few
//     times. Near a minimum this converges quadratically, where L-BFGS
//     stops on its relative tolerance.
//  3. Convergence: the projected gradient is small relative to the scale
//     of f, or no step improves f any more.
//
//===----------------------------------------------------------------------===//
#include "runtime/minimizer.h"

#include <Eigen/Dense>
#include <nlopt.hpp>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

namespace hf {

namespace {

/// The free components of a problem and the map to and from full vectors.
struct FreeSpace {
  std::vector<size_t> index; // free component k is full component index[k]
  std::vector<double> full;  // a full vector (fixed components at their start)

  explicit FreeSpace(const MinimizeProblem &p) : full(p.start) {
    for (size_t i = 0; i < p.start.size(); ++i)
      if (!p.fixed[i])
        index.push_back(i);
  }
  void expand(const double *free) {
    for (size_t k = 0; k < index.size(); ++k)
      full[index[k]] = free[k];
  }
};

/// Largest |g_i| over free components that could move downhill (not pinned
/// at a bound by the sign of their gradient).
double projectedGradient(const MinimizeProblem &p, std::span<const double> x, std::span<const double> g) {
  double worst = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    if (p.fixed[i])
      continue;
    bool atLo = x[i] <= p.lo[i] && g[i] > 0, atHi = x[i] >= p.hi[i] && g[i] < 0;
    if (!atLo && !atHi)
      worst = std::max(worst, std::fabs(g[i]));
  }
  return worst;
}

struct Evaluator {
  const MinimizeProblem &p;
  int evaluations = 0;
  double operator()(std::span<const double> x, std::span<double> g) {
    ++evaluations;
    return p.f(x, g);
  }
};

/// Runs NLopt's L-BFGS from x (free components updated in place), in
/// coordinates y_i = x_i / scale_i so that every direction has curvature ~1:
/// published models mix parameters whose curvatures differ by 10^12 (a
/// shapesys with δ = 0.001 on 435 events next to a free normalisation).
std::string runLbfgs(const MinimizeProblem &p, Evaluator &eval, std::vector<double> &x,
                     const std::vector<double> &scale, const MinimizeOptions &options) {
  FreeSpace space(p);
  space.full = x;
  size_t n = space.index.size();
  if (n == 0)
    return "no free parameters";
  nlopt::opt opt(nlopt::LD_LBFGS, static_cast<unsigned>(n));
  std::vector<double> lo(n), hi(n), start(n), s(n);
  for (size_t k = 0; k < n; ++k) {
    size_t i = space.index[k];
    s[k] = scale[i];
    lo[k] = p.lo[i] / s[k];
    hi[k] = p.hi[i] / s[k];
    start[k] = std::clamp(x[i] / s[k], lo[k], hi[k]);
  }
  opt.set_lower_bounds(lo);
  opt.set_upper_bounds(hi);
  opt.set_ftol_rel(options.relativeTolerance);
  opt.set_xtol_rel(0);
  opt.set_maxeval(options.maxEvaluations);
  opt.set_vector_storage(20);
  struct Context {
    FreeSpace *space;
    Evaluator *eval;
    std::vector<double> *s, gradFull, y;
  } ctx{&space, &eval, &s, std::vector<double>(x.size()), std::vector<double>(n)};
  opt.set_min_objective(
      [](unsigned dim, const double *yf, double *gf, void *data) -> double {
        auto *c = static_cast<Context *>(data);
        for (unsigned k = 0; k < dim; ++k)
          c->y[k] = yf[k] * (*c->s)[k];
        c->space->expand(c->y.data());
        double f = (*c->eval)(c->space->full, gf ? std::span<double>(c->gradFull) : std::span<double>());
        if (gf)
          for (unsigned k = 0; k < dim; ++k)
            gf[k] = c->gradFull[c->space->index[k]] * (*c->s)[k];
        return f;
      },
      &ctx);
  double fmin = 0;
  std::string status;
  try {
    nlopt::result r = opt.optimize(start, fmin);
    status = fmt::format("L-BFGS stopped with NLopt status {}", static_cast<int>(r));
  } catch (const nlopt::roundoff_limited &) {
    status = "L-BFGS was limited by roundoff";
  } catch (const std::exception &e) {
    status = std::string("L-BFGS failed: ") + e.what();
  }
  for (size_t k = 0; k < n; ++k)
    start[k] = std::clamp(start[k] * s[k], p.lo[space.index[k]], p.hi[space.index[k]]);
  space.expand(start.data());
  x = space.full;
  return status;
}

/// At a kink of a piecewise interpolation (code0, code1 at α = 0) the
/// gradient need not vanish at a minimum. x is stationary there when every
/// coordinate whose gradient is not small goes uphill both ways.
bool kinkStationary(const MinimizeProblem &p, Evaluator &eval, const std::vector<double> &x, double f,
                    const std::vector<double> &g, const std::vector<double> &scale) {
  std::vector<double> probe = x, none;
  for (size_t i = 0; i < x.size(); ++i) {
    if (p.fixed[i] || std::fabs(g[i]) * scale[i] < 1e-4)
      continue;
    double h = 1e-5 * scale[i];
    for (double step : {h, -h}) {
      probe[i] = std::clamp(x[i] + step, p.lo[i], p.hi[i]);
      if (probe[i] != x[i] && eval(probe, none) < f)
        return false;
    }
    probe[i] = x[i];
  }
  return true;
}

/// Scales from the curvature at x: 1/√H_ii, or 1 where it is not positive.
std::vector<double> curvatureScales(const MinimizeProblem &p, std::span<const double> x) {
  std::vector<std::vector<double>> h = hessianFromGradient(p, x);
  std::vector<double> scale(x.size(), 1.0);
  for (size_t i = 0; i < x.size(); ++i)
    if (!p.fixed[i] && std::isfinite(h[i][i]) && h[i][i] > 0)
      scale[i] = std::clamp(1.0 / std::sqrt(h[i][i]), 1e-12, 1e6);
  return scale;
}

} // namespace

std::vector<std::vector<double>> hessianFromGradient(const MinimizeProblem &p, std::span<const double> x0) {
  size_t n = x0.size();
  std::vector<std::vector<double>> h(n, std::vector<double>(n, 0.0));
  std::vector<double> x(x0.begin(), x0.end()), gUp(n), gDown(n);
  for (size_t j = 0; j < n; ++j) {
    if (p.fixed[j])
      continue;
    double step = 1e-5 * std::max(1.0, std::fabs(x0[j]));
    double up = std::min(x0[j] + step, p.hi[j]), down = std::max(x0[j] - step, p.lo[j]);
    x[j] = up;
    p.f(x, gUp);
    x[j] = down;
    p.f(x, gDown);
    x[j] = x0[j];
    for (size_t i = 0; i < n; ++i)
      if (!p.fixed[i])
        h[i][j] = (gUp[i] - gDown[i]) / (up - down);
  }
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < i; ++j)
      h[i][j] = h[j][i] = 0.5 * (h[i][j] + h[j][i]);
  return h;
}

namespace {

/// One pass of L-BFGS then damped Newton from `start`.
MinimizeResult localMinimize(const MinimizeProblem &p, Evaluator &eval, std::vector<double> start,
                             const MinimizeOptions &options) {
  size_t n = p.start.size();
  MinimizeResult result;
  result.x = std::move(start);
  for (size_t i = 0; i < n; ++i)
    if (!p.fixed[i])
      result.x[i] = std::clamp(result.x[i], p.lo[i], p.hi[i]);
  std::vector<double> scale = p.scale.size() == n ? p.scale : curvatureScales(p, result.x);
  result.message = runLbfgs(p, eval, result.x, scale, options);
  result.scale = scale;

  // Newton polishing with Levenberg–Marquardt damping on the free components
  // not pinned at a bound: quadratic convergence where L-BFGS stalls, and
  // safe where the Hessian is indefinite (a kink of code0/code1).
  std::vector<double> g(n);
  double f = eval(result.x, g);
  double damping = 1e-6, decrement = std::numeric_limits<double>::infinity();
  // Chord steps: the Hessian (2 gradients per free parameter, the dominant
  // cost) is computed at the first point and kept while the steps it gives
  // reduce f by at least a quarter of what its quadratic model predicts;
  // otherwise, or when it gives no decrease at all, it is recomputed.
  std::vector<std::vector<double>> h;
  bool fresh = false;
  int newtonSteps = options.newtonSteps;
  if (options.gradientGoal > 0 && std::isfinite(f)) {
    double scaled = 0;
    for (size_t i = 0; i < n; ++i) {
      bool pinned = (result.x[i] <= p.lo[i] && g[i] > 0) || (result.x[i] >= p.hi[i] && g[i] < 0);
      if (!p.fixed[i] && !pinned)
        scaled = std::max(scaled, std::fabs(g[i]) * scale[i]);
    }
    if (scaled < options.gradientGoal)
      newtonSteps = 0; // precise enough already: the Hessian would cost 2 gradients per parameter
  }
  for (int step = 0; step < newtonSteps && std::isfinite(f); ++step) {
    std::vector<size_t> active;
    for (size_t i = 0; i < n; ++i) {
      if (p.fixed[i])
        continue;
      bool pinned = (result.x[i] <= p.lo[i] && g[i] > 0) || (result.x[i] >= p.hi[i] && g[i] < 0);
      if (!pinned)
        active.push_back(i);
    }
    if (active.empty()) {
      decrement = 0;
      break;
    }
    if (!fresh && (h.empty() || step == 0)) {
      h = hessianFromGradient(p, result.x);
      eval.evaluations += static_cast<int>(2 * active.size());
      fresh = true;
    }
    Eigen::MatrixXd hm(active.size(), active.size());
    Eigen::VectorXd gv(active.size());
    for (size_t a = 0; a < active.size(); ++a) {
      gv(a) = g[active[a]];
      for (size_t b = 0; b < active.size(); ++b)
        hm(a, b) = h[active[a]][active[b]];
    }
    bool improved = false;
    double before = f;
    for (int attempt = 0; attempt < 12 && !improved; ++attempt, damping *= 10) {
      Eigen::MatrixXd damped = hm;
      for (size_t a = 0; a < active.size(); ++a)
        damped(a, a) += damping * std::max(std::fabs(hm(a, a)), 1e-12);
      Eigen::LDLT<Eigen::MatrixXd> ldlt(damped);
      if (ldlt.info() != Eigen::Success || !ldlt.isPositive())
        continue;
      Eigen::VectorXd d = ldlt.solve(-gv);
      decrement = -gv.dot(d);
      std::vector<double> trial = result.x;
      for (size_t a = 0; a < active.size(); ++a)
        trial[active[a]] = std::clamp(trial[active[a]] + d(a), p.lo[active[a]], p.hi[active[a]]);
      std::vector<double> gt(n);
      double ft = eval(trial, gt);
      if (std::isfinite(ft) && ft <= f) {
        improved = ft < f;
        result.x = trial;
        f = ft;
        g = gt;
        damping = std::max(damping / 100, 1e-9);
      }
    }
    if (!improved && !fresh) {
      // The kept Hessian went stale: retry this step with a new one.
      h = hessianFromGradient(p, result.x);
      eval.evaluations += static_cast<int>(2 * active.size());
      fresh = true;
      continue;
    }
    if (!improved || decrement < 1e-12)
      break;
    // Keep the Hessian for the next step only while it predicts well.
    bool predictsWell = before - f >= 0.25 * 0.5 * decrement;
    fresh = false;
    if (!predictsWell)
      h.clear();
  }
  result.fval = f;
  // Converged when the predicted further decrease of f is negligible, or
  // the gradient is, measured in the curvature scale of each parameter.
  double scaledGradient = 0;
  for (size_t i = 0; i < n; ++i) {
    if (p.fixed[i])
      continue;
    bool pinned = (result.x[i] <= p.lo[i] && g[i] > 0) || (result.x[i] >= p.hi[i] && g[i] < 0);
    if (!pinned)
      scaledGradient = std::max(scaledGradient, std::fabs(g[i]) * scale[i]);
  }
  double gradientBound = std::max(1e-4, options.gradientGoal);
  result.converged = std::isfinite(f) && (decrement < 1e-6 || scaledGradient < gradientBound ||
                                           kinkStationary(p, eval, result.x, f, g, scale));
  if (!result.converged)
    result.message += fmt::format("; the projected gradient is still {:.3g} at f = {:.10g}",
                                  projectedGradient(p, result.x, g), f);
  return result;
}

/// Where a kink stops the smooth methods: along each coordinate whose
/// gradient is not small, try downhill steps of growing size and keep the
/// best. Returns false when no coordinate improves f.
bool coordinateSweep(const MinimizeProblem &p, Evaluator &eval, std::vector<double> &x, double &f) {
  std::vector<double> g(x.size()), none;
  eval(x, g);
  std::vector<double> scale = curvatureScales(p, x);
  bool improved = false;
  for (size_t i = 0; i < x.size(); ++i) {
    if (p.fixed[i] || std::fabs(g[i]) * scale[i] < 1e-6)
      continue;
    double direction = g[i] > 0 ? -1 : 1, bestX = x[i], bestF = f;
    for (double size : {1e-4, 1e-3, 1e-2, 1e-1, 1.0}) {
      std::vector<double> trial = x;
      trial[i] = std::clamp(x[i] + direction * size * scale[i], p.lo[i], p.hi[i]);
      double ft = eval(trial, none);
      if (std::isfinite(ft) && ft < bestF) {
        bestF = ft;
        bestX = trial[i];
      }
    }
    if (bestF < f) {
      x[i] = bestX;
      f = bestF;
      improved = true;
    }
  }
  return improved;
}

} // namespace

MinimizeResult minimize(const MinimizeProblem &p, const MinimizeOptions &options) {
  Evaluator eval{p};
  if (std::all_of(p.fixed.begin(), p.fixed.end(), [](bool fixed) { return fixed; })) {
    // Nothing to minimize: the fit is an evaluation at the start, and its
    // value stands even when it is +inf (a rate of 0 where data were seen,
    // as in the background-only fit of a model without background). pyhf
    // returns these numbers; calling it a failed fit hid the real cause.
    MinimizeResult result;
    result.x = p.start;
    std::vector<double> none;
    result.fval = eval(result.x, none);
    result.converged = !std::isnan(result.fval);
    result.scale.assign(p.start.size(), 1.0);
    result.evaluations = eval.evaluations;
    if (options.hessian)
      result.hessian.assign(p.start.size(), std::vector<double>(p.start.size(), 0.0));
    return result;
  }
  MinimizeResult result = localMinimize(p, eval, p.start, options);
  // Piecewise interpolation (code0, code1) has kinks where L-BFGS and Newton
  // stall short of the minimum: step off them along coordinates, polish
  // again, a few rounds at most.
  for (int round = 0; round < 8 && !result.converged && std::isfinite(result.fval); ++round) {
    std::vector<double> x = result.x;
    double f = result.fval;
    if (!coordinateSweep(p, eval, x, f))
      break;
    MinimizeResult next = localMinimize(p, eval, x, options);
    if (!(next.fval <= result.fval))
      break;
    result = std::move(next);
  }
  result.evaluations = eval.evaluations;
  if (options.hessian)
    result.hessian = hessianFromGradient(p, result.x);
  return result;
}

} // namespace hf
