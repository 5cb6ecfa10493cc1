//===- ir/interp.h - The interpolation codes as scalar functions ----------===//
//
// The formulas of interpolation.md, one bin at a time, exactly as pyhf
// evaluates them (branch boundaries, evaluation order). ir/eval uses these;
// the LLVM back end emits the same formulas and is tested against them.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <array>
#include <cmath>

namespace hf::ir {

/// Code 0, additive, piecewise linear: Δ = α·(hi − nom) for α > 0, else α·(nom − lo).
inline double interpCode0(double alpha, double lo, double nom, double hi) {
  return alpha > 0 ? alpha * (hi - nom) : alpha * (nom - lo);
}

/// Code 2, additive, quadratic for |α| ≤ 1 and linear outside, in pyhf's
/// (discontinuous at |α| = 1) form (interpolation.md §6): above 1 the line
/// starts from 0 at α = 1; below −1 it is a line through the origin,
/// (b − 2a)·α, as pyhf's code2.py computes it (not (b − 2a)(α + 1)).
inline double interpCode2(double alpha, double lo, double nom, double hi) {
  double a = 0.5 * (hi + lo) - nom;
  double b = 0.5 * (hi - lo);
  if (alpha > 1)
    return (b + 2 * a) * (alpha - 1);
  if (alpha < -1)
    return (b - 2 * a) * alpha;
  return a * alpha * alpha + b * alpha;
}

/// Code 4p, additive: 6th-order polynomial for |α| ≤ 1, linear outside.
inline double interpCode4p(double alpha, double lo, double nom, double hi) {
  double up = hi - nom, down = nom - lo;
  if (alpha > 1)
    return alpha * up;
  if (alpha < -1)
    return alpha * down;
  double s = 0.5 * (up + down);
  double a = 0.0625 * (up - down);
  double a2 = alpha * alpha;
  return alpha * s + a * (a2 * (a2 * (3 * a2 - 10) + 15));
}

/// Code 1, multiplicative, piecewise exponential: κ = hi^α for α > 0, lo^(−α) else.
inline double interpCode1(double alpha, double lo, double hi) {
  return alpha > 0 ? std::pow(hi, alpha) : std::pow(lo, -alpha);
}

/// Code 4's polynomial coefficients a1..a6 for α0 = 1 (interpolation.md §7).
inline std::array<double, 6> code4Coefficients(double lo, double hi) {
  double logHi = std::log(hi), logLo = std::log(lo);
  double b1 = hi - 1, b2 = lo - 1;
  double b3 = hi * logHi, b4 = -lo * logLo;
  double b5 = hi * logHi * logHi, b6 = lo * logLo * logLo;
  return {
      15.0 / 16 * (b1 - b2) - 7.0 / 16 * (b3 + b4) + 1.0 / 16 * (b5 - b6),
      3.0 / 2 * (b1 + b2) - 9.0 / 16 * (b3 - b4) + 1.0 / 16 * (b5 + b6),
      -5.0 / 8 * (b1 - b2) + 5.0 / 8 * (b3 + b4) - 1.0 / 8 * (b5 - b6),
      -3.0 / 2 * (b1 + b2) + 7.0 / 8 * (b3 - b4) - 1.0 / 8 * (b5 + b6),
      3.0 / 16 * (b1 - b2) - 3.0 / 16 * (b3 + b4) + 1.0 / 16 * (b5 - b6),
      1.0 / 2 * (b1 + b2) - 5.0 / 16 * (b3 - b4) + 1.0 / 16 * (b5 + b6),
  };
}

/// Code 4, multiplicative: exponential for |α| ≥ 1, polynomial inside.
inline double interpCode4(double alpha, double lo, double hi) {
  if (alpha >= 1)
    return std::pow(hi, alpha);
  if (alpha <= -1)
    return std::pow(lo, -alpha);
  std::array<double, 6> a = code4Coefficients(lo, hi);
  double result = 1;
  for (int i = 0; i < 6; ++i)
    result += a[i] * std::pow(alpha, i + 1);
  return result;
}

// Derivatives with respect to α. At a branch boundary they follow the branch
// the value uses (interpolation.md §10).

inline double interpCode0Grad(double alpha, double lo, double nom, double hi) {
  return alpha > 0 ? hi - nom : nom - lo;
}

inline double interpCode2Grad(double alpha, double lo, double nom, double hi) {
  double a = 0.5 * (hi + lo) - nom;
  double b = 0.5 * (hi - lo);
  if (alpha > 1)
    return b + 2 * a;
  if (alpha < -1)
    return b - 2 * a;
  return 2 * a * alpha + b;
}

inline double interpCode4pGrad(double alpha, double lo, double nom, double hi) {
  double up = hi - nom, down = nom - lo;
  if (alpha > 1)
    return up;
  if (alpha < -1)
    return down;
  double s = 0.5 * (up + down);
  double a = 0.0625 * (up - down);
  double a2 = alpha * alpha;
  // t(α) = α²(α²(3α² − 10) + 15), t'(α) = α(α²(18α² − 40) + 30)
  return s + a * (alpha * (a2 * (18 * a2 - 40) + 30));
}

inline double interpCode1Grad(double alpha, double lo, double hi) {
  return alpha > 0 ? std::pow(hi, alpha) * std::log(hi) : -std::pow(lo, -alpha) * std::log(lo);
}

inline double interpCode4Grad(double alpha, double lo, double hi) {
  if (alpha >= 1)
    return std::pow(hi, alpha) * std::log(hi);
  if (alpha <= -1)
    return -std::pow(lo, -alpha) * std::log(lo);
  std::array<double, 6> a = code4Coefficients(lo, hi);
  double result = 0;
  for (int i = 0; i < 6; ++i)
    result += (i + 1) * a[i] * std::pow(alpha, i);
  return result;
}

/// d/dλ of poissonLogPdf: n/λ − 1 (xlogy contributes nothing when n == 0).
inline double poissonGrad(double n, double lambda) { return (n == 0 ? 0.0 : n / lambda) - 1.0; }

// The batched ops (histosys_sum, normsys_prod) carry their code as a number:
// 0, 2, 4 (= 4p) for histosys; 1, 4 for normsys.

inline double histosysDelta(int code, double alpha, double lo, double nom, double hi) {
  return code == 0 ? interpCode0(alpha, lo, nom, hi)
         : code == 2 ? interpCode2(alpha, lo, nom, hi)
                     : interpCode4p(alpha, lo, nom, hi);
}

inline double histosysDeltaGrad(int code, double alpha, double lo, double nom, double hi) {
  return code == 0 ? interpCode0Grad(alpha, lo, nom, hi)
         : code == 2 ? interpCode2Grad(alpha, lo, nom, hi)
                     : interpCode4pGrad(alpha, lo, nom, hi);
}

inline double normsysFactor(int code, double alpha, double lo, double hi) {
  return code == 1 ? interpCode1(alpha, lo, hi) : interpCode4(alpha, lo, hi);
}

inline double normsysFactorGrad(int code, double alpha, double lo, double hi) {
  return code == 1 ? interpCode1Grad(alpha, lo, hi) : interpCode4Grad(alpha, lo, hi);
}

/// xlogy as pyhf (scipy) defines it: 0 when n == 0, whatever λ.
inline double xlogy(double n, double lambda) { return n == 0 ? 0.0 : n * std::log(lambda); }

/// One Poisson term with continuous n: xlogy(n, λ) − λ − lnΓ(n + 1).
inline double poissonLogPdf(double n, double lambda) {
  return xlogy(n, lambda) - lambda - std::lgamma(n + 1);
}

/// One Gaussian term, normalisation included: −ln(σ√(2π)) − ((a − θ)/(√2σ))².
inline double gaussLogPdf(double a, double theta, double sigma) {
  constexpr double kSqrt2Pi = 2.5066282746310002;
  constexpr double kSqrt2 = 1.4142135623730951;
  double z = (a - theta) / (kSqrt2 * sigma);
  return -std::log(sigma * kSqrt2Pi) - z * z;
}

} // namespace hf::ir
