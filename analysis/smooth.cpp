//===- analysis/smooth.cpp - The "353QH, twice" smoothing algorithm ------===//
//
// The steps, for n values h (spec/cabinetry.md §3):
//  1. running medians of 3, 5, 3 over a copy z (the end points get the
//     3-point rule z[0] = median(3 z[1] - 2 z[2], y[0], z[1]) once);
//  2. Q: a flat three-point plateau that is a local extremum is replaced by a
//     quadratic through its neighbours;
//  3. H: hanning, z[i] = y[i-1]/4 + y[i]/2 + y[i+1]/4;
//  4. "twice": the residual h - z goes through 1-3 again and is added back;
//     a non-negative input gives a non-negative output.
//
//===----------------------------------------------------------------------===//
#include "analysis/smooth.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace hf::analysis {

namespace {

/// numpy's median of an odd count: the middle value after sorting, NaN when
/// any value is NaN (a 0/0 ratio of an empty nominal bin).
template <size_t N> double median(std::array<double, N> v) {
  for (double x : v)
    if (std::isnan(x))
      return x;
  std::sort(v.begin(), v.end());
  return v[N / 2];
}

double median3(double a, double b, double c) { return median(std::array<double, 3>{a, b, c}); }

double median5(const double *p) { return median(std::array<double, 5>{p[0], p[1], p[2], p[3], p[4]}); }

/// One pass of 353QH on zz (in place).
void smoothOnce(std::vector<double> &zz) {
  const size_t n = zz.size();
  std::vector<double> yy;
  // Running medians: 3, 5, 3.
  for (int kk = 0; kk < 3; ++kk) {
    yy = zz;
    int medianType = kk == 1 ? 5 : 3;
    int ifirst = kk == 1 ? 2 : 1;
    int ilast = kk == 1 ? static_cast<int>(n) - 3 : static_cast<int>(n) - 2;
    for (int i = ifirst; i <= ilast; ++i) {
      if (medianType == 3)
        zz[i] = median3(yy[i - 1], yy[i], yy[i + 1]);
      else
        zz[i] = median5(&yy[i - 2]);
    }
    if (kk == 0) {
      // The end points of the first median-3 step.
      double extrapolated = 3 * zz[1] - 2 * zz[2];
      zz[0] = median3(extrapolated, yy[0], zz[1]);
      extrapolated = 3 * zz[n - 2] - 2 * zz[n - 3];
      zz[n - 1] = median3(zz[n - 2], yy[n - 1], extrapolated);
    } else if (kk == 1 && n >= 3) {
      // The median-5 step: the second and second-to-last values by 3 points.
      zz[1] = median3(yy[0], yy[1], yy[2]);
      zz[n - 2] = median3(yy[n - 3], yy[n - 2], yy[n - 1]);
    }
  }
  // Q: quadratic interpolation of flat plateaus.
  yy = zz;
  for (size_t i = 2; i + 2 < n; ++i) {
    if (zz[i - 1] != zz[i] || zz[i] != zz[i + 1])
      continue;
    double left = zz[i - 2] - zz[i];
    double right = zz[i + 2] - zz[i];
    if (left * right <= 0)
      continue;
    int jk = std::fabs(right) > std::fabs(left) ? -1 : 1;
    size_t near = static_cast<size_t>(static_cast<long>(i) + 2 * jk);
    size_t far = static_cast<size_t>(static_cast<long>(i) - 2 * jk);
    yy[i] = -0.5 * zz[far] + zz[i] / 0.75 + zz[near] / 6.;
    yy[static_cast<size_t>(static_cast<long>(i) + jk)] = 0.5 * (zz[near] - zz[far]) + zz[i];
  }
  // H: hanning.
  for (size_t i = 1; i + 1 < n; ++i)
    zz[i] = 0.25 * yy[i - 1] + 0.5 * yy[i] + 0.25 * yy[i + 1];
  zz[0] = yy[0];
  zz[n - 1] = yy[n - 1];
}

} // namespace

std::vector<double> smooth353QHTwice(const std::vector<double> &h) {
  const size_t n = h.size();
  if (n < 3)
    return h;
  std::vector<double> zz = h;
  smoothOnce(zz);
  std::vector<double> rr = zz; // the smooth part
  for (size_t i = 0; i < n; ++i)
    zz[i] = h[i] - rr[i];    // the rough part
  smoothOnce(zz);
  std::vector<double> out(n);
  bool nonNegative = *std::min_element(h.begin(), h.end()) >= 0;
  for (size_t i = 0; i < n; ++i) {
    out[i] = rr[i] + zz[i];
    if (nonNegative)
      out[i] = std::max(out[i], 0.0);
  }
  return out;
}

} // namespace hf::analysis
