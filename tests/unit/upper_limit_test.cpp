//===- tests/unit/upper_limit_test.cpp - pyhf's upper-limit searches ------===//
//
// The hypothesis test here is synthetic: the asymptotic CLs of inference.md §3
// for a POI measured as μ̂ with a Gaussian width σ (s = (μ − μ̂)/σ, s_A = μ/σ):
//   CLs_obs(μ) = Φ(−s)/Φ(s_A − s) = Φ(−(μ − μ̂)/σ)/Φ(μ̂/σ),
//   CLs_n(μ)   = Φ(−(n + s_A))/Φ(−n),   n = 2, 1, 0, −1, −2.
// Both fall from 1 at μ = 0, and their crossings of `level` are known in
// closed form through Φ⁻¹ (computed here by bisection, independently of
// TOMS748):
//   μ_obs = μ̂ − σ·Φ⁻¹(level·Φ(μ̂/σ)),   μ_n = −σ·(Φ⁻¹(level·Φ(−n)) + n).
//
//===----------------------------------------------------------------------===//
#include "runtime/upper_limit.h"

#include "hf/error.h"
#include "runtime/toms748.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

namespace hf {
namespace {

double phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

/// Φ⁻¹(p) by bisection down to adjacent doubles.
double phiInverse(double p) {
  double lo = -40, hi = 40;
  while (true) {
    double mid = (lo + hi) / 2;
    if (mid == lo || mid == hi)
      return mid;
    (phi(mid) < p ? lo : hi) = mid;
  }
}

constexpr int kBand[5] = {2, 1, 0, -1, -2};

/// The synthetic test, counting its calls by μ.
struct AsymptoticModel {
  double muHat, sigma;
  std::map<double, int> calls;

  CLsPoint operator()(double mu) {
    ++calls[mu];
    CLsPoint p{};
    p.obs = phi(-(mu - muHat) / sigma) / phi(muHat / sigma);
    for (int i = 0; i < 5; ++i)
      p.exp[i] = phi(-(kBand[i] + mu / sigma)) / phi(-kBand[i]);
    return p;
  }
  std::function<CLsPoint(double)> fn() {
    return [this](double mu) { return (*this)(mu); };
  }

  double obsLimit(double level) const {
    return muHat - sigma * phiInverse(level * phi(muHat / sigma));
  }
  double expLimit(int i, double level) const {
    return -sigma * (phiInverse(level * phi(-kBand[i])) + kBand[i]);
  }
};

/// pyhf's TOMS748 stops once the bracket is narrower than 2e-12 + 1e-4·|b|, so
/// a limit is only guaranteed to half that; in practice it lands much closer
/// (errors up to ~1e-6 relative on these curves), but a test cannot ask more
/// than the guarantee without pinning the iterates.
double limitTolerance(double limit) { return 0.5 * (2e-12 + 1e-4 * limit); }

void expectLimits(const UpperLimitResult &r, const AsymptoticModel &m, double level) {
  EXPECT_NEAR(r.obs, m.obsLimit(level), limitTolerance(m.obsLimit(level)));
  for (int i = 0; i < 5; ++i)
    EXPECT_NEAR(r.exp[i], m.expLimit(i, level), limitTolerance(m.expLimit(i, level)))
        << "band " << i;
}

void expectEachMuTestedOnce(const UpperLimitResult &r, const AsymptoticModel &m) {
  EXPECT_EQ(m.calls.size(), r.testedMu.size());
  for (auto [mu, n] : m.calls)
    EXPECT_EQ(n, 1) << "μ = " << mu << " tested " << n << " times";
  ASSERT_EQ(r.results.size(), r.testedMu.size());
  AsymptoticModel fresh{m.muHat, m.sigma, {}};
  for (size_t i = 0; i < r.testedMu.size(); ++i)
    EXPECT_EQ(r.results[i].obs, fresh(r.testedMu[i]).obs);
}

TEST(UpperLimitRootFinding, FindsTheAnalyticCrossings) {
  for (double level : {0.05, 0.1, 0.01}) {
    AsymptoticModel m{0.4, 1.5, {}};
    UpperLimitResult r = upperLimitRootFinding(m.fn(), 0, 10, level);
    expectLimits(r, m, level);
    EXPECT_TRUE(std::is_sorted(r.exp.begin(), r.exp.end())) << "level " << level;
    expectEachMuTestedOnce(r, m);
    // No widening needed: the search starts at the POI's bounds.
    ASSERT_GE(r.testedMu.size(), 2u);
    EXPECT_EQ(r.testedMu[0], 0);
    EXPECT_EQ(r.testedMu[1], 10);
  }
}

/// A deficit (μ̂ < 0) puts the observed limit below the median.
TEST(UpperLimitRootFinding, HandlesADeficit) {
  AsymptoticModel m{-0.8, 1.0, {}};
  UpperLimitResult r = upperLimitRootFinding(m.fn(), 0, 10);
  expectLimits(r, m, 0.05);
  EXPECT_LT(r.obs, r.exp[2]);
  expectEachMuTestedOnce(r, m);
}

/// The observed limit is exactly TOMS748's root of CLs_obs − level on the
/// bracket, with pyhf's tolerances: same iterates, same number.
TEST(UpperLimitRootFinding, ObservedLimitIsTheToms748Root) {
  AsymptoticModel m{0.4, 1.5, {}};
  UpperLimitResult r = upperLimitRootFinding(m.fn(), 0, 10);
  AsymptoticModel direct{0.4, 1.5, {}};
  double root = toms748([&](double mu) { return direct(mu).obs - 0.05; }, 0, 10, 2e-12, 1e-4).root;
  EXPECT_EQ(r.obs, root);
  // The observed search's points come right after the two bracket ends.
  std::vector<double> obsPoints(r.testedMu.begin(), r.testedMu.begin() + direct.calls.size());
  for (double mu : obsPoints)
    EXPECT_TRUE(direct.calls.count(mu)) << mu;
}

/// hi = 2 leaves CLs above the level there: pyhf doubles it to 4, then 8.
TEST(UpperLimitRootFinding, DoublesTheUpperEndWhileACLsIsAboveTheLevel) {
  AsymptoticModel m{0.4, 1.5, {}}; // the +2σ expected limit is ≈ 5.5
  UpperLimitResult r = upperLimitRootFinding(m.fn(), 0, 2);
  ASSERT_GE(r.testedMu.size(), 4u);
  EXPECT_EQ(std::vector<double>(r.testedMu.begin(), r.testedMu.begin() + 4),
            (std::vector<double>{0, 2, 4, 8}));
  expectLimits(r, m, 0.05);
  expectEachMuTestedOnce(r, m);
}

/// lo = 4 leaves the −2σ band's CLs below the level (its limit is ≈ 1.6):
/// pyhf halves lo to 2, then 1.
TEST(UpperLimitRootFinding, HalvesTheLowerEndWhileACLsIsBelowTheLevel) {
  AsymptoticModel m{0.4, 1.5, {}};
  UpperLimitResult r = upperLimitRootFinding(m.fn(), 4, 10);
  ASSERT_GE(r.testedMu.size(), 4u);
  EXPECT_EQ(std::vector<double>(r.testedMu.begin(), r.testedMu.begin() + 4),
            (std::vector<double>{4, 2, 1, 10}));
  expectLimits(r, m, 0.05);
  expectEachMuTestedOnce(r, m);
}

/// Each expected search starts from cached points, so the band costs far
/// fewer new tests than five independent searches would.
TEST(UpperLimitRootFinding, BracketsTheBandWithCachedPoints) {
  AsymptoticModel m{0.4, 1.5, {}};
  UpperLimitResult r = upperLimitRootFinding(m.fn(), 0, 10);
  AsymptoticModel direct{0.4, 1.5, {}};
  toms748([&](double mu) { return direct(mu).obs - 0.05; }, 0, 10);
  // The observed search alone vs the whole search: the band adds some points,
  // none of them outside [0, 10].
  EXPECT_GT(r.testedMu.size(), direct.calls.size());
  EXPECT_LT(r.testedMu.size(), 6 * direct.calls.size());
  for (double mu : r.testedMu) {
    EXPECT_GE(mu, 0);
    EXPECT_LE(mu, 10);
  }
}

/// μ beyond the POI's bound fails the fit in pyhf; the error keeps its kind
/// and says where the search was.
TEST(UpperLimitRootFinding, SaysWhichMuFailedInWhichPhase) {
  AsymptoticModel m{0.4, 6.0, {}}; // limits beyond 10
  auto bounded = [&](double mu) -> CLsPoint {
    if (mu > 10)
      throw InputError("error: μ = 20 lies outside the POI's bounds [0, 10]");
    return m(mu);
  };
  try {
    upperLimitRootFinding(bounded, 0, 10);
    FAIL() << "no error";
  } catch (const InputError &e) {
    EXPECT_STREQ(e.what(), "error: while doubling the upper end of the bracket to μ = 20: μ = 20 "
                           "lies outside the POI's bounds [0, 10]");
  }

  int calls = 0;
  auto failsLater = [&](double mu) -> CLsPoint {
    if (++calls == 4)
      throw ComputeError("error: the fit did not converge (roundoff)");
    return m(mu);
  };
  try {
    upperLimitRootFinding(failsLater, 0, 100);
    FAIL() << "no error";
  } catch (const ComputeError &e) {
    std::string what = e.what();
    EXPECT_EQ(what.rfind("error: while searching for the observed limit on [0, 100] at μ = ", 0),
              0u)
        << what;
    EXPECT_NE(what.find(": the fit did not converge (roundoff)"), std::string::npos) << what;
  }

  // Other exceptions pass through untouched.
  EXPECT_THROW(upperLimitRootFinding([](double) -> CLsPoint { throw std::logic_error("x"); }, 0, 1),
               std::logic_error);
}

/// pyhf would loop forever on lo = 0 or double hi to infinity.
TEST(UpperLimitRootFinding, FailsWhenNoBracketExists) {
  auto low = [](double) { return CLsPoint{0.01, {0.01, 0.01, 0.01, 0.01, 0.01}}; };
  EXPECT_THROW(upperLimitRootFinding(low, 0, 10), ComputeError);
  auto high = [](double) { return CLsPoint{0.5, {0.5, 0.5, 0.5, 0.5, 0.5}}; };
  EXPECT_THROW(upperLimitRootFinding(high, 0, 10), ComputeError);
}

/// Linear CLs: interpolation is exact. obs falls from 1 to 0 over [0, 10];
/// band k from 1 to 0 over [0, 2(k + 1)].
CLsPoint linearCLs(double mu) {
  CLsPoint p{};
  p.obs = std::max(0.0, 1 - mu / 10);
  for (int k = 0; k < 5; ++k)
    p.exp[k] = std::max(0.0, 1 - mu / (2.0 * (k + 1)));
  return p;
}

TEST(UpperLimitScan, InterpolatesMuAgainstCLs) {
  std::vector<double> scan;
  for (int i = 0; i <= 20; ++i)
    scan.push_back(0.5 * i);
  UpperLimitResult r = upperLimitScan(linearCLs, scan);
  EXPECT_NEAR(r.obs, 9.5, 1e-12);
  for (int k = 0; k < 5; ++k)
    EXPECT_NEAR(r.exp[k], 0.95 * 2 * (k + 1), 1e-12) << k;
  EXPECT_EQ(r.testedMu, scan);
  ASSERT_EQ(r.results.size(), scan.size());
  EXPECT_EQ(r.results[3].obs, linearCLs(1.5).obs);
}

/// On a curved CLs the limit is the chord between the two grid points around
/// the crossing, as np.interp computes it.
TEST(UpperLimitScan, UsesTheChordAroundTheCrossing) {
  AsymptoticModel m{0.4, 1.5, {}};
  std::vector<double> scan;
  for (int i = 0; i <= 10; ++i)
    scan.push_back(i);
  UpperLimitResult r = upperLimitScan(m.fn(), scan);
  // μ_obs ≈ 3.2 lies between 3 and 4.
  double c3 = m(3).obs, c4 = m(4).obs;
  double slope = (3.0 - 4.0) / (c3 - c4);
  EXPECT_DOUBLE_EQ(r.obs, slope * (0.05 - c4) + 4.0);
  // CLs is convex there, so the chord crosses the level after the curve does.
  EXPECT_GT(r.obs, m.obsLimit(0.05));
  EXPECT_LT(r.obs, 4);
}

/// Outside the scanned CLs range np.interp returns the end values.
TEST(UpperLimitScan, ClampsToTheScanEnds) {
  // CLs above the level everywhere: the limit is the largest μ scanned.
  EXPECT_EQ(upperLimitScan(linearCLs, {0, 1, 2, 3}).obs, 3);
  // Below the level everywhere: the smallest.
  EXPECT_EQ(upperLimitScan(linearCLs, {9.8, 9.9, 10}).obs, 9.8);
  // Band k = 0 is zero from μ = 2 on; exactly the level at a grid point gives that point.
  UpperLimitResult r = upperLimitScan(linearCLs, {0, 1, 2, 3}, 0.5);
  EXPECT_EQ(r.exp[0], 1);
  EXPECT_EQ(r.exp[1], 2);
  // One point: its μ, whatever the CLs.
  EXPECT_EQ(upperLimitScan(linearCLs, {4}).obs, 4);
}

/// A clamped number is flagged, series by series; a bracketed one is not.
TEST(UpperLimitScan, FlagsClampedSeries) {
  // CLs_obs = 1 − μ/10 crosses 0.05 at 9.5; on {0..3} it never does.
  UpperLimitResult r = upperLimitScan(linearCLs, {0, 1, 2, 3});
  EXPECT_TRUE(r.clamped[0]);
  r = upperLimitScan(linearCLs, {9, 9.5, 10});
  EXPECT_FALSE(r.clamped[0]);
  EXPECT_EQ(r.obs, 9.5);
  // At level 0.5 on {0..3}: band k = 0 (zero from μ = 2) and k = 1 cross
  // inside the grid; the obs (1 − μ/10 ≥ 0.7) does not.
  r = upperLimitScan(linearCLs, {0, 1, 2, 3}, 0.5);
  EXPECT_TRUE(r.clamped[0]);
  EXPECT_FALSE(r.clamped[1]);
  EXPECT_FALSE(r.clamped[2]);
  // One grid point brackets nothing (hfc limit --scan 0:5:1 printed obs 0).
  r = upperLimitScan(linearCLs, {0});
  for (int k = 0; k < 6; ++k)
    EXPECT_TRUE(r.clamped[k]) << k;
  // The root finder never clamps.
  EXPECT_EQ(upperLimitRootFinding(linearCLs, 0, 10).clamped, (std::array<bool, 6>{}));
}

TEST(UpperLimitScan, ReportsErrors) {
  EXPECT_THROW(upperLimitScan(linearCLs, {}), InputError);
  auto failing = [](double mu) -> CLsPoint {
    if (mu == 3)
      throw ComputeError("error: the fit did not converge");
    return linearCLs(mu);
  };
  try {
    upperLimitScan(failing, {1, 2, 3});
    FAIL() << "no error";
  } catch (const ComputeError &e) {
    EXPECT_STREQ(e.what(), "error: while scanning μ = 3: the fit did not converge");
  }
}

} // namespace
} // namespace hf
