//===- runtime/toms748.cpp - Bracketing root finder, as scipy computes it -===//
//
// TOMS748 with k = 2 as scipy.optimize.toms748 runs it (inference.md §6.1).
// Every floating-point expression keeps scipy's operation order, and the
// comparisons keep numpy's NaN behaviour (a NaN candidate fails every
// "a < c < b" test and falls back to bisection), because the point of this
// file is to produce the same iterates, not merely a root.
//
// One iteration, on the bracket [a, b] with the two previous points d, e:
//   1. two steps (n = 2, 3) of inverse cubic interpolation on (a, b, d, e),
//      falling back to n Newton steps on the quadratic through (a, b, d);
//   2. a double-length secant step from the endpoint with the smaller |f|;
//   3. a bisection when the bracket did not at least halve.
// After each evaluation the bracket shrinks to the sign change and the
// displaced endpoint becomes d (the old d becomes e).
//
//===----------------------------------------------------------------------===//
#include "runtime/toms748.h"

#include "hf/error.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <optional>

namespace hf {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A point of f: x and f(x).
struct Point {
  double x, fx;
};

/// numpy.sign: zero and NaN map to themselves, so a product of signs with a
/// NaN in it is never > 0.
double signOf(double v) { return v > 0 ? 1.0 : v < 0 ? -1.0 : v; }

bool strictlyInside(double c, double a, double b) { return a < c && c < b; }

class Solver {
public:
  Solver(const std::function<double(double)> &f, double xtol, double rtol, int maxiter)
      : f_(f), xtol_(xtol), rtol_(rtol), maxiter_(maxiter) {}

  RootResult solve(double a, double b);

private:
  double eval(double x);
  Point update(double c, double fc);
  double secant() const;
  bool cubicUsable(const Point &d, const Point &e) const;
  double inverseCubic(const Point &d, const Point &e) const;
  double newtonQuadratic(const Point &d, int steps) const;
  double doubleLengthSecant() const;
  std::optional<double> iterate();
  bool converged() const { return std::abs(a_ - b_) <= xtol_ + rtol_ * std::abs(b_); }
  double midpoint() const { return (a_ + b_) / 2; }
  RootResult result(double root) const { return {root, iterations_, evaluations_}; }

  const std::function<double(double)> &f_;
  const double xtol_, rtol_;
  const int maxiter_;
  double a0_ = 0, b0_ = 0;                 // the bracket as given, for messages
  double a_ = 0, b_ = 0, fa_ = 0, fb_ = 0; // the current bracket
  Point d_{0, 0};                          // the endpoint displaced last
  std::optional<Point> e_;                 // the one displaced before it
  int iterations_ = 0, evaluations_ = 0;
};

/// f(x), counted; a non-finite value ends the search (scipy raises too).
double Solver::eval(double x) {
  ++evaluations_;
  double fx = f_(x);
  if (!std::isfinite(fx))
    throw ComputeError(
        fmt::format("error: toms748 on [{}, {}]: f({}) = {} is not finite", a0_, b0_, x, fx));
  return fx;
}

/// Keeps the sign change in [a, b]: c replaces the endpoint whose f has the
/// same sign as f(c). Returns the endpoint it displaced.
Point Solver::update(double c, double fc) {
  if (signOf(fa_) * signOf(fc) > 0) {
    Point displaced{a_, fa_};
    a_ = c;
    fa_ = fc;
    return displaced;
  }
  Point displaced{b_, fb_};
  b_ = c;
  fb_ = fc;
  return displaced;
}

/// The secant root of the bracket, written from the end with the larger |f|
/// as scipy writes it; NaN when f(a) == f(b).
double Solver::secant() const {
  if (fa_ == fb_)
    return kNaN;
  if (std::abs(fb_) > std::abs(fa_))
    return (-fa_ / fb_ * b_ + a_) / (1 - fa_ / fb_);
  return (-fb_ / fa_ * a_ + b_) / (1 - fb_ / fa_);
}

/// Inverse cubic interpolation needs four distinct, usable f values: all
/// non-zero, finite, and pairwise farther apart than 32ε.
bool Solver::cubicUsable(const Point &d, const Point &e) const {
  const double fs[4] = {fa_, fb_, d.fx, e.fx};
  for (int i = 0; i < 4; ++i) {
    if (fs[i] == 0 || !std::isfinite(fs[i]))
      return false;
    for (int j = i + 1; j < 4; ++j)
      if (!(std::abs(fs[i] - fs[j]) > 32 * kEps))
        return false;
  }
  return true;
}

/// x at f = 0 of the cubic x(f) through (f_a, a), (f_b, b), (f_d, d), (f_e, e),
/// by Neville's scheme in corrections form, summed in scipy's order.
double Solver::inverseCubic(const Point &d, const Point &e) const {
  const double xi[4] = {fa_, fb_, d.fx, e.fx};
  double q[4][4] = {}, dd[4][4] = {};
  const double eta[4] = {a_, b_, d.x, e.x};
  for (int i = 0; i < 4; ++i)
    q[i][0] = dd[i][0] = eta[i];
  for (int k = 1; k < 4; ++k)
    for (int i = k; i < 4; ++i) {
      double g = dd[i][k - 1] - q[i - 1][k - 1];
      double h = xi[i - k] - xi[i];
      q[i][k] = (xi[i] / h) * g;
      dd[i][k] = (xi[i - k] / h) * g;
    }
  return ((q[3][1] + q[3][2]) + q[3][3]) + q[3][0];
}

/// `steps` Newton steps on the quadratic through (a, b, d), started at the
/// endpoint from which the quadratic's convexity leads to the root. A step that
/// leaves (a, b) stops the iteration at the last inside point, else at the
/// midpoint.
double Solver::newtonQuadratic(const Point &d, int steps) const {
  const double a = a_, b = b_, fa = fa_;
  const double B = (fb_ - fa_) / (b - a);
  const double A = ((d.fx - fb_) / (d.x - b) - B) / (d.x - a);
  auto p = [&](double x) { return (A * (x - b) + B) * (x - a) + fa; };
  // A degenerate quadratic is a line: start at its root (the Newton steps then
  // only check that it lies inside the bracket).
  double r = A == 0 ? a - fa / B : signOf(A) * signOf(fa) > 0 ? a : b;
  for (int i = 0; i < steps; ++i) {
    double next = r - p(r) / (B + A * (2 * r - a - b));
    if (!strictlyInside(next, a, b))
      return strictlyInside(r, a, b) ? r : midpoint();
    r = next;
  }
  return r;
}

/// The secant step doubled, from the endpoint u with the smaller |f|. Too
/// long a step bisects; a step too small to move u is replaced by a nudge of
/// the tolerance's size into the bracket, or, when f(u) is already tiny
/// (2^-50 of the other end), by a point 1/32 of the way across.
double Solver::doubleLengthSecant() const {
  const bool fromA = std::abs(fa_) < std::abs(fb_);
  const double u = fromA ? a_ : b_, fu = fromA ? fa_ : fb_;
  const double v = fromA ? b_ : a_, fv = fromA ? fb_ : fa_;
  const double slope = (fb_ - fa_) / (b_ - a_);
  double c = u - 2 * fu / slope;
  if (std::abs(c - u) > 0.5 * (b_ - a_))
    return midpoint();
  if (std::abs(c - u) <= kEps * std::abs(u)) {
    int expU = 0, expV = 0;
    std::frexp(fu, &expU);
    std::frexp(fv, &expV);
    if (expU < expV - 50) {
      c = (31 * u + v) / 32;
    } else {
      const double s = fromA ? 1.0 : -1.0;
      c = u + (s * std::abs(c) * rtol_ + s * xtol_);
    }
    if (!strictlyInside(c, a_, b_))
      c = midpoint();
  }
  return c;
}

/// One TOMS748 iteration (four or five evaluations). Returns a point where f
/// is exactly zero, if one was hit.
std::optional<double> Solver::iterate() {
  ++iterations_;
  const double width = b_ - a_;
  Point d = d_;
  std::optional<Point> e = e_;
  // c is cleared once per iteration, not per step: when the second step
  // refuses the cubic, the first step's point is evaluated again. scipy does
  // this (pyhf's cache makes it free), and the repeat shifts d and e.
  std::optional<double> c;
  for (int steps = 2; steps <= 3; ++steps) {
    if (e && cubicUsable(d, *e)) {
      double c0 = inverseCubic(d, *e);
      if (strictlyInside(c0, a_, b_))
        c = c0;
    }
    if (!c)
      c = newtonQuadratic(d, steps);
    double fc = eval(*c);
    if (fc == 0)
      return *c;
    e = d;
    d = update(*c, fc);
  }

  double s = doubleLengthSecant();
  double fs = eval(s);
  if (fs == 0)
    return s;
  e = d;
  d = update(s, fs);

  // Safeguard: the bracket must at least halve per iteration.
  if (b_ - a_ > 0.5 * width) {
    e = d;
    double z = midpoint();
    double fz = eval(z);
    if (fz == 0)
      return z;
    d = update(z, fz);
  }
  d_ = d;
  e_ = e;
  return std::nullopt;
}

RootResult Solver::solve(double a, double b) {
  a0_ = a;
  b0_ = b;
  if (!std::isfinite(a) || !std::isfinite(b) || !(a < b))
    throw ComputeError(fmt::format("error: toms748: [{}, {}] is not a finite interval", a, b));
  a_ = a;
  b_ = b;
  fa_ = eval(a);
  if (fa_ == 0)
    return result(a);
  fb_ = eval(b);
  if (fb_ == 0)
    return result(b);
  if (signOf(fa_) * signOf(fb_) > 0)
    throw ComputeError(fmt::format("error: toms748 on [{}, {}]: f({}) = {} and f({}) = {} have the "
                                   "same sign, so the interval does not bracket a root",
                                   a, b, a, fa_, b, fb_));

  // The start counts as the first iteration: one secant step.
  double c = secant();
  if (!strictlyInside(c, a_, b_))
    c = midpoint();
  double fc = eval(c);
  if (fc == 0)
    return result(c);
  d_ = update(c, fc);
  e_.reset();
  iterations_ = 1;

  while (true) {
    if (std::optional<double> zero = iterate())
      return result(*zero);
    if (converged())
      return result(midpoint());
    if (iterations_ >= maxiter_)
      throw ComputeError(fmt::format("error: toms748 on [{}, {}]: no convergence after {} "
                                     "iterations; the bracket is still [{}, {}]",
                                     a0_, b0_, iterations_, a_, b_));
  }
}

} // namespace

RootResult toms748(const std::function<double(double)> &f, double a, double b, double xtol,
                   double rtol, int maxiter) {
  if (!(xtol > 0))
    throw InputError(fmt::format("error: toms748: xtol must be positive, got {}", xtol));
  if (!(rtol >= kEps))
    throw InputError(fmt::format("error: toms748: rtol must be at least {}, got {}", kEps, rtol));
  if (maxiter < 1)
    throw InputError(fmt::format("error: toms748: maxiter must be at least 1, got {}", maxiter));
  return Solver(f, xtol, rtol, maxiter).solve(a, b);
}

} // namespace hf
