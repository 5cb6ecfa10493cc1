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

/// Runs NLopt's L-BFGS from x (free components updated in place).
std::string runLbfgs(const MinimizeProblem &p, Evaluator &eval, std::vector<double> &x,
                     const MinimizeOptions &options) {
  FreeSpace space(p);
  space.full = x;
  size_t n = space.index.size();
  if (n == 0)
    return "no free parameters";
  nlopt::opt opt(nlopt::LD_LBFGS, static_cast<unsigned>(n));
  std::vector<double> lo(n), hi(n), start(n);
  for (size_t k = 0; k < n; ++k) {
    lo[k] = p.lo[space.index[k]];
    hi[k] = p.hi[space.index[k]];
    start[k] = std::clamp(x[space.index[k]], lo[k], hi[k]);
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
    std::vector<double> gradFull;
  } ctx{&space, &eval, std::vector<double>(x.size())};
  opt.set_min_objective(
      [](unsigned dim, const double *xf, double *gf, void *data) -> double {
        auto *c = static_cast<Context *>(data);
        c->space->expand(xf);
        double f = (*c->eval)(c->space->full, gf ? std::span<double>(c->gradFull) : std::span<double>());
        if (gf)
          for (unsigned k = 0; k < dim; ++k)
            gf[k] = c->gradFull[c->space->index[k]];
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
  space.expand(start.data());
  x = space.full;
  return status;
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

MinimizeResult minimize(const MinimizeProblem &p, const MinimizeOptions &options) {
  size_t n = p.start.size();
  Evaluator eval{p};
  MinimizeResult result;
  result.x = p.start;
  for (size_t i = 0; i < n; ++i)
    if (!p.fixed[i])
      result.x[i] = std::clamp(result.x[i], p.lo[i], p.hi[i]);
  result.message = runLbfgs(p, eval, result.x, options);

  std::vector<double> g(n);
  double f = eval(result.x, g);
  for (int step = 0; step < options.newtonSteps; ++step) {
    // Newton on the free components that are not pinned at a bound.
    std::vector<size_t> active;
    for (size_t i = 0; i < n; ++i) {
      if (p.fixed[i])
        continue;
      bool pinned = (result.x[i] <= p.lo[i] && g[i] > 0) || (result.x[i] >= p.hi[i] && g[i] < 0);
      if (!pinned)
        active.push_back(i);
    }
    if (active.empty())
      break;
    std::vector<std::vector<double>> h = hessianFromGradient(p, result.x);
    eval.evaluations += static_cast<int>(2 * active.size());
    Eigen::MatrixXd hm(active.size(), active.size());
    Eigen::VectorXd gv(active.size());
    for (size_t a = 0; a < active.size(); ++a) {
      gv(a) = g[active[a]];
      for (size_t b = 0; b < active.size(); ++b)
        hm(a, b) = h[active[a]][active[b]];
    }
    Eigen::LDLT<Eigen::MatrixXd> ldlt(hm);
    if (ldlt.info() != Eigen::Success || !ldlt.isPositive())
      break;
    Eigen::VectorXd d = ldlt.solve(-gv);
    bool improved = false;
    for (double scale = 1.0; scale > 1e-4; scale *= 0.5) {
      std::vector<double> trial = result.x;
      for (size_t a = 0; a < active.size(); ++a) {
        size_t i = active[a];
        trial[i] = std::clamp(trial[i] + scale * d(a), p.lo[i], p.hi[i]);
      }
      std::vector<double> gt(n);
      double ft = eval(trial, gt);
      if (std::isfinite(ft) && ft <= f) {
        improved = ft < f;
        result.x = trial;
        f = ft;
        g = gt;
        break;
      }
    }
    if (!improved)
      break;
  }
  result.fval = f;
  double gradientScale = std::max(1.0, std::fabs(f));
  double pg = projectedGradient(p, result.x, g);
  result.converged = std::isfinite(f) && pg <= 1e-4 * gradientScale;
  if (!result.converged)
    result.message += fmt::format("; the projected gradient is still {:.3g} at f = {:.10g}", pg, f);
  result.evaluations = eval.evaluations;
  if (options.hessian)
    result.hessian = hessianFromGradient(p, result.x);
  return result;
}

} // namespace hf
