//===- runtime/toms748.h - Bracketing root finder, as scipy computes it ---===//
//
// pyhf finds upper limits with scipy.optimize.toms748 (Alefeld, Potra & Shi,
// ACM TOMS algorithm 748: inverse cubic and Newton-quadratic steps inside a
// bracket, with a double-length secant and a bisection safeguard). Its stopping
// rule is loose (rtol = 1e-4), so the limit it returns depends on the exact
// sequence of iterates. To match pyhf beyond that tolerance, this solver
// reproduces scipy's iterates bit for bit, quirks included, as written down in
// ../shared/spec/inference.md §6.1 (k = 2).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <functional>

namespace hf {

struct RootResult {
  double root;
  int iterations;  ///< scipy's count: the initial secant step is iteration 1
  int evaluations; ///< calls of f, repeated points included
};

/// Root of f on [a, b] (f(a), f(b) of opposite signs) by TOMS748 exactly as
/// scipy.optimize.toms748(f, a, b, k=2, xtol, rtol, maxiter) computes it.
/// An exact zero of f at an evaluated point is returned at once (f(a) is
/// evaluated first, then f(b)); otherwise the midpoint of the final bracket,
/// whose width is at most xtol + rtol·|b|.
/// Throws hf::ComputeError (include/hf/error.h) when a, b are not finite or not
/// an interval (a < b), when f(a), f(b) have the same sign, when f is not
/// finite, or after maxiter iterations, with a message naming the bracket;
/// hf::InputError when xtol ≤ 0, rtol < ε or maxiter < 1 (scipy's checks).
RootResult toms748(const std::function<double(double)> &f, double a, double b, double xtol = 2e-12,
                   double rtol = 1e-4, int maxiter = 100);

} // namespace hf
