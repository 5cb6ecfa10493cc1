//===- tests/unit/asymptotics_test.cpp - Normal tail functions, test-stat names ===//
#include "runtime/asymptotics.h"

#include "hf/error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace hf {
namespace {

// Values of scipy.stats.norm.isf (the inverse survival function).
TEST(NormalUpperQuantile, MatchesScipysIsf) {
  EXPECT_NEAR(normalUpperQuantile(0.05), 1.6448536269514722, 1e-14);
  EXPECT_NEAR(normalUpperQuantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(normalUpperQuantile(2.866515718791939e-07), 5.0, 1e-12); // 5 sigma
  EXPECT_NEAR(normalUpperQuantile(0.841344746068543), -1.0, 1e-14);
}

// Below z = −3 the p-value is within 1e-3 of 1, where doubles are too coarse
// to pin z to 1e-12 (an ulp of p moves z by ulp / φ(z)): the tail side is
// the one significances live on.
TEST(NormalUpperQuantile, InvertsTheTail) {
  for (double z = -3; z <= 37; z += 0.25) {
    double p = normalCdf(-z);
    EXPECT_NEAR(normalUpperQuantile(p), z, 1e-12 * std::max(1.0, std::fabs(z))) << z;
  }
}

TEST(NormalUpperQuantile, EdgesAreInfinite) {
  double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(normalUpperQuantile(0.0), inf);
  EXPECT_EQ(normalUpperQuantile(1.0), -inf);
  EXPECT_EQ(normalUpperQuantile(std::nan("")), inf);
}

TEST(TestStatisticNames, RoundTrip) {
  for (const char *name : {"q0", "q", "qtilde", "tmu", "tmu_tilde"})
    EXPECT_STREQ(testStatisticName(parseTestStatistic(name)), name);
  EXPECT_THROW(parseTestStatistic("t"), InputError);
}

} // namespace
} // namespace hf
