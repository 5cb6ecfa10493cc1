//===- tests/unit/interp_codes_test.cpp - The interpolation codes ---------===//
//
// ir/interp.h against the hand-computed tables of interpolation.md §9 (all
// verified against pyhf 0.7.6), the branch boundaries of §3, the code4 edge
// cases of §7 and the likelihood terms of histfactory.md §8-§9.
//
//===----------------------------------------------------------------------===//
#include "ir/interp.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace hf::ir {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// |actual − expected| ≤ rel·|expected| (or ≤ rel when expected is 0).
::testing::AssertionResult closeRel(double actual, double expected, double rel) {
  double scale = expected == 0 ? 1.0 : std::fabs(expected);
  if (std::fabs(actual - expected) <= rel * scale)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "actual " << ::testing::PrintToString(actual)
                                       << " vs expected " << ::testing::PrintToString(expected)
                                       << " (relative tolerance " << rel << ")";
}

/// One row of the §9 tables.
struct Row {
  double alpha;
  double expected;
};

// ---------------------------------------------------------------------------
// Additive codes, (d, m, u) = (8, 10, 13): δ⁺ = 3, δ⁻ = 2 (interpolation.md §9).
// ---------------------------------------------------------------------------
constexpr double kLo = 8, kNom = 10, kHi = 13;

TEST(InterpCode0, TableOfSection9) {
  const std::vector<Row> rows = {{-2, -4}, {-1, -2}, {-0.5, -1}, {0, 0},
                                 {0.3, 0.9}, {1, 3}, {1.5, 4.5}};
  for (const Row &r : rows)
    EXPECT_TRUE(closeRel(interpCode0(r.alpha, kLo, kNom, kHi), r.expected, 1e-15))
        << "alpha = " << r.alpha;
}

TEST(InterpCode0, BranchAtZeroAndKink) {
  // α ≤ 0 uses δ⁻ = 2, α > 0 uses δ⁺ = 3: the slope changes at 0.
  EXPECT_EQ(interpCode0(0.0, kLo, kNom, kHi), 0.0);
  EXPECT_TRUE(closeRel(interpCode0(1e-3, kLo, kNom, kHi), 3e-3, 1e-15));
  EXPECT_TRUE(closeRel(interpCode0(-1e-3, kLo, kNom, kHi), -2e-3, 1e-15));
  // Δ(±1) = u − m, d − m exactly, and linear beyond.
  EXPECT_EQ(interpCode0(1, kLo, kNom, kHi), 3.0);
  EXPECT_EQ(interpCode0(-1, kLo, kNom, kHi), -2.0);
  EXPECT_EQ(interpCode0(-3, kLo, kNom, kHi), -6.0);
  EXPECT_EQ(interpCode0(4, kLo, kNom, kHi), 12.0);
}

TEST(InterpCode2, TableOfSection9) {
  // a = ½(u + d) − m = 0.5, b = ½(u − d) = 2.5.
  // Below −1 the line goes through the origin: (b − 2a)·α = 1.5·(−2) (§6).
  const std::vector<Row> rows = {{-2, -3}, {-1, -2}, {-0.5, -1.125}, {0, 0},
                                 {0.3, 0.795}, {1, 3}, {1.5, 1.75}};
  for (const Row &r : rows)
    EXPECT_TRUE(closeRel(interpCode2(r.alpha, kLo, kNom, kHi), r.expected, 1e-15))
        << "alpha = " << r.alpha;
}

TEST(InterpCode2, DiscontinuousAtPlusMinusOne) {
  // pyhf's form: the inner branch reaches u − m = 3 at α = 1 but the outer
  // branch starts from 0 with slope b + 2a = 3.5 (interpolation.md §6).
  EXPECT_EQ(interpCode2(1.0, kLo, kNom, kHi), 3.0);
  double justAbove = 1.0 + 1e-7;
  EXPECT_TRUE(closeRel(interpCode2(justAbove, kLo, kNom, kHi), 3.5e-7, 1e-8));
  EXPECT_TRUE(closeRel(interpCode2(justAbove, kLo, kNom, kHi), 3.5 * (justAbove - 1), 1e-15));
  EXPECT_LT(interpCode2(justAbove, kLo, kNom, kHi), 1e-6);
  // And at −1: inner gives d − m = −2, outer is the line (b − 2a)·α through
  // the origin, −1.5 just below −1 (pyhf's code2.py multiplies by α + 0).
  EXPECT_EQ(interpCode2(-1.0, kLo, kNom, kHi), -2.0);
  double justBelow = -1.0 - 1e-7;
  EXPECT_TRUE(closeRel(interpCode2(justBelow, kLo, kNom, kHi), -1.5, 1e-6));
  EXPECT_TRUE(closeRel(interpCode2(justBelow, kLo, kNom, kHi), 1.5 * justBelow, 1e-15));
}

TEST(InterpCode2, WorkedExampleOfSection6) {
  // (d, m, u) = (9, 10, 12): a = 0.5, b = 1.5, slopes b + 2a = 2.5, b − 2a = 0.5.
  // Rates m + Δ by hand: α = −2 → 9 and α = −1.5 → 9.25 (interpolation.md §6).
  const std::vector<Row> rates = {{-3, 8.5}, {-2, 9},    {-1.5, 9.25}, {-1, 9},
                                  {1, 12},   {1.5, 11.25}, {2, 12.5}};
  for (const Row &r : rates)
    EXPECT_TRUE(closeRel(10 + interpCode2(r.alpha, 9, 10, 12), r.expected, 1e-15))
        << "alpha = " << r.alpha;
  const std::vector<Row> slopes = {{-3, 0.5}, {-2, 0.5}, {-1.5, 0.5}, {-1, 0.5},
                                   {1, 2.5},  {1.5, 2.5}, {2, 2.5}};
  for (const Row &r : slopes)
    EXPECT_TRUE(closeRel(interpCode2Grad(r.alpha, 9, 10, 12), r.expected, 1e-15))
        << "alpha = " << r.alpha;
}

TEST(InterpCode4p, TableOfSection9) {
  // S = 2.5, A = 0.0625.
  const std::vector<Row> rows = {{-2, -4}, {-1, -2}, {-0.5, -1.0517578125}, {0, 0},
                                 {0.3, 0.8294491875}, {1, 3}, {1.5, 4.5}};
  for (const Row &r : rows)
    EXPECT_TRUE(closeRel(interpCode4p(r.alpha, kLo, kNom, kHi), r.expected, 1e-15))
        << "alpha = " << r.alpha;
}

TEST(InterpCode4p, ContinuousAtPlusMinusOne) {
  // Δ(1) = S + 8A = δ⁺ and Δ(−1) = −S + 8A = −δ⁻, and the linear branches
  // continue from there (no jump like code 2).
  EXPECT_EQ(interpCode4p(1.0, kLo, kNom, kHi), 3.0);
  EXPECT_EQ(interpCode4p(-1.0, kLo, kNom, kHi), -2.0);
  EXPECT_TRUE(closeRel(interpCode4p(1.0 + 1e-7, kLo, kNom, kHi), 3.0, 1e-6));
  EXPECT_TRUE(closeRel(interpCode4p(-1.0 - 1e-7, kLo, kNom, kHi), -2.0, 1e-6));
  EXPECT_TRUE(closeRel(interpCode4p(1.0 - 1e-7, kLo, kNom, kHi), 3.0, 1e-6));
  EXPECT_TRUE(closeRel(interpCode4p(-1.0 + 1e-7, kLo, kNom, kHi), -2.0, 1e-6));
  EXPECT_EQ(interpCode4p(-3.0, kLo, kNom, kHi), -6.0);
  EXPECT_EQ(interpCode4p(2.0, kLo, kNom, kHi), 6.0);
}

TEST(InterpCode4p, HandCheckAtMinusHalf) {
  // interpolation.md §9: α² = 0.25, t = 3.171875, Δ = −1.25 + 0.0625·3.171875.
  double t = 0.25 * (0.25 * (0.75 - 10) + 15);
  EXPECT_EQ(t, 3.171875);
  EXPECT_EQ(interpCode4p(-0.5, kLo, kNom, kHi), -1.25 + 0.0625 * t);
}

TEST(InterpCode4p, SymmetricTemplatesAreLinear) {
  // δ⁺ = δ⁻ → A = 0 and Δ = α·δ everywhere.
  for (double alpha : {-2.5, -1.0, -0.4, 0.0, 0.7, 1.0, 3.0})
    EXPECT_TRUE(closeRel(interpCode4p(alpha, 7, 10, 13), 3 * alpha, 1e-15)) << alpha;
}

TEST(InterpAdditive, NoNaNsForZeroOrNegativeTemplates) {
  // Codes 0, 2 and 4p take no logs.
  for (double alpha : {-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0}) {
    EXPECT_FALSE(std::isnan(interpCode0(alpha, -1, 0, 0))) << alpha;
    EXPECT_FALSE(std::isnan(interpCode2(alpha, -1, 0, 0))) << alpha;
    EXPECT_FALSE(std::isnan(interpCode4p(alpha, -1, 0, 0))) << alpha;
  }
  // (d, m, u) = (−1, 0, 0): δ⁺ = 0, δ⁻ = 1 → Δ(−2) = −2 for codes 0 and 4p.
  EXPECT_EQ(interpCode0(-2, -1, 0, 0), -2.0);
  EXPECT_EQ(interpCode4p(-2, -1, 0, 0), -2.0);
}

// ---------------------------------------------------------------------------
// Multiplicative codes, normsys (lo, hi) = (0.8, 1.15) (interpolation.md §9).
// ---------------------------------------------------------------------------
constexpr double kNsLo = 0.8, kNsHi = 1.15;

TEST(InterpCode1, TableOfSection9) {
  const std::vector<Row> rows = {{-2, 0.64},
                                 {-1, 0.8},
                                 {-0.5, 0.894427190999916},
                                 {0, 1},
                                 {0.3, 1.04282000071553},
                                 {1, 1.15},
                                 {1.5, 1.23323760889781}};
  for (const Row &r : rows)
    EXPECT_TRUE(closeRel(interpCode1(r.alpha, kNsLo, kNsHi), r.expected, 1e-14))
        << "alpha = " << r.alpha;
}

TEST(InterpCode1, EdgeCases) {
  // κ(0) = 1 exactly, even for a zero or NaN base (x⁰ = 1).
  EXPECT_EQ(interpCode1(0.0, kNsLo, kNsHi), 1.0);
  EXPECT_EQ(interpCode1(0.0, 0.0, 1.2), 1.0);
  EXPECT_EQ(interpCode1(0.0, std::nan(""), 1.2), 1.0);
  // r⁻ = 0: κ = 0 for α < 0.
  EXPECT_EQ(interpCode1(-0.5, 0.0, 1.2), 0.0);
  EXPECT_EQ(interpCode1(-1.0, 0.0, 1.2), 0.0);
  // r⁻ < 0: NaN for non-integer −α, IEEE pow for integer −α.
  EXPECT_TRUE(std::isnan(interpCode1(-0.5, -0.5, 1.2)));
  EXPECT_EQ(interpCode1(-1.0, -0.5, 1.2), -0.5);
  EXPECT_EQ(interpCode1(-2.0, -0.5, 1.2), 0.25);
  // Upper branch uses hi only, from any α > 0.
  EXPECT_TRUE(closeRel(interpCode1(1e-9, 0.0, 1.2), std::pow(1.2, 1e-9), 1e-15));
}

TEST(InterpCode4, TableOfSection9) {
  const std::vector<Row> rows = {{-2, 0.64},
                                 {-1, 0.8},
                                 {-0.5, 0.898939317152024},
                                 {0, 1},
                                 {0.3, 1.04837372259314},
                                 {1, 1.15},
                                 {1.5, 1.23323760889781}};
  for (const Row &r : rows)
    EXPECT_TRUE(closeRel(interpCode4(r.alpha, kNsLo, kNsHi), r.expected, 1e-14))
        << "alpha = " << r.alpha;
}

TEST(InterpCode4, CoefficientsForPoint8And1Point15) {
  std::array<double, 6> a = code4Coefficients(kNsLo, kNsHi);
  const double expected[6] = {0.178621340721428,   -0.0611002929943213, -0.00455295013855664,
                              0.0516477378186263,  0.000931609417128375, -0.0155474448243051};
  for (int i = 0; i < 6; ++i)
    EXPECT_TRUE(closeRel(a[i], expected[i], 1e-13)) << "a" << i + 1;
  // §9 hand check at α = 0.3: 1 + Σ aᵢ·0.3ⁱ = 1.0483737 (7 digits).
  double sum = 1;
  for (int i = 0; i < 6; ++i)
    sum += expected[i] * std::pow(0.3, i + 1);
  EXPECT_NEAR(sum, 1.0483737, 5e-8);
  EXPECT_TRUE(closeRel(interpCode4(0.3, kNsLo, kNsHi), sum, 1e-14));
}

TEST(InterpCode4, PolynomialMatchesExponentialsAtBoundaries) {
  // f(±1), f'(±1) match the exponential branches (§7 rows 1-4), so the code
  // is continuous (to rounding) across |α| = 1.
  std::array<double, 6> a = code4Coefficients(kNsLo, kNsHi);
  double fPlus = 1, fMinus = 1, dPlus = 0, dMinus = 0;
  for (int i = 0; i < 6; ++i) {
    fPlus += a[i];
    fMinus += a[i] * ((i + 1) % 2 ? -1 : 1);
    dPlus += (i + 1) * a[i];
    dMinus += (i + 1) * a[i] * ((i + 1) % 2 ? 1 : -1);
  }
  EXPECT_TRUE(closeRel(fPlus, 1.15, 1e-14));
  EXPECT_TRUE(closeRel(fMinus, 0.8, 1e-14));
  EXPECT_TRUE(closeRel(dPlus, std::log(1.15) * 1.15, 1e-13));
  EXPECT_TRUE(closeRel(dMinus, -std::log(0.8) * 0.8, 1e-13));
  EXPECT_TRUE(closeRel(interpCode4(1 - 1e-9, kNsLo, kNsHi), 1.15, 1e-8));
  EXPECT_TRUE(closeRel(interpCode4(-1 + 1e-9, kNsLo, kNsHi), 0.8, 1e-8));
}

TEST(InterpCode4, BoundariesUseExponentialBranch) {
  // α ≥ 1 and α ≤ −1 are the outer branches: exact pow results.
  EXPECT_EQ(interpCode4(1.0, kNsLo, kNsHi), std::pow(1.15, 1.0));
  EXPECT_EQ(interpCode4(-1.0, kNsLo, kNsHi), std::pow(0.8, 1.0));
  EXPECT_EQ(interpCode4(2.0, kNsLo, kNsHi), std::pow(1.15, 2.0));
  EXPECT_EQ(interpCode4(-2.0, kNsLo, kNsHi), std::pow(0.8, 2.0));
}

TEST(InterpCode4, UnitRatiosGiveOne) {
  // r = 1 on both sides: all aᵢ = 0 and κ ≡ 1.
  std::array<double, 6> a = code4Coefficients(1.0, 1.0);
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(a[i], 0.0) << "a" << i + 1;
  for (double alpha : {-3.0, -1.0, -0.5, 0.0, 0.25, 1.0, 2.0})
    EXPECT_EQ(interpCode4(alpha, 1.0, 1.0), 1.0) << alpha;
}

TEST(InterpCode4, ZeroLoGivesNaNInside) {
  // interpolation.md §7: lo = 0, hi = 1.2 → the coefficients are NaN, so the
  // whole inner region (α = 0 included) is NaN; outside, plain powers.
  EXPECT_TRUE(std::isnan(interpCode4(0.0, 0.0, 1.2)));
  EXPECT_TRUE(std::isnan(interpCode4(0.5, 0.0, 1.2)));
  EXPECT_TRUE(std::isnan(interpCode4(-0.5, 0.0, 1.2)));
  EXPECT_EQ(interpCode4(-1.0, 0.0, 1.2), 0.0);
  EXPECT_EQ(interpCode4(-2.0, 0.0, 1.2), 0.0);
  EXPECT_EQ(interpCode4(1.0, 0.0, 1.2), 1.2);
  std::array<double, 6> a = code4Coefficients(0.0, 1.2);
  for (int i = 0; i < 6; ++i)
    EXPECT_TRUE(std::isnan(a[i])) << "a" << i + 1;
}

TEST(InterpCode4, NegativeLo) {
  // A negative base: NaN inside; outside NaN unless |α| is an integer
  // (κ(−1) = lo, κ(−2) = lo²).
  EXPECT_TRUE(std::isnan(interpCode4(0.0, -0.5, 1.2)));
  EXPECT_EQ(interpCode4(-1.0, -0.5, 1.2), -0.5);
  EXPECT_EQ(interpCode4(-2.0, -0.5, 1.2), 0.25);
  EXPECT_TRUE(std::isnan(interpCode4(-1.5, -0.5, 1.2)));
}

// ---------------------------------------------------------------------------
// Likelihood terms (histfactory.md §8, §9).
// ---------------------------------------------------------------------------

TEST(Xlogy, ZeroCountIsZeroWhateverLambda) {
  EXPECT_EQ(xlogy(0, 0), 0.0);
  EXPECT_EQ(xlogy(0, -3), 0.0);
  EXPECT_EQ(xlogy(0, 5), 0.0);
  EXPECT_EQ(xlogy(0, kInf), 0.0);
  EXPECT_EQ(xlogy(0, std::nan("")), 0.0);
  EXPECT_EQ(xlogy(2, 0), -kInf);
  EXPECT_TRUE(std::isnan(xlogy(2, -1)));
  EXPECT_TRUE(closeRel(xlogy(3, 2), 3 * 0.6931471805599453, 1e-15));
}

TEST(PoissonLogPdf, EdgeCasesOfSection9) {
  // λ = 0, n = 0 → 0.
  EXPECT_EQ(poissonLogPdf(0, 0), 0.0);
  // λ = 0, n > 0 → −∞.
  EXPECT_EQ(poissonLogPdf(3, 0), -kInf);
  EXPECT_EQ(poissonLogPdf(0.5, 0), -kInf);
  // λ < 0, n = 0 → −λ > 0.
  EXPECT_EQ(poissonLogPdf(0, -2.5), 2.5);
  EXPECT_GT(poissonLogPdf(0, -1e-3), 0.0);
  // λ < 0, n > 0 → NaN.
  EXPECT_TRUE(std::isnan(poissonLogPdf(3, -2.5)));
}

TEST(PoissonLogPdf, Values) {
  // n = 2, λ = 3: 2 ln 3 − 3 − ln 2.
  EXPECT_TRUE(closeRel(poissonLogPdf(2, 3), -1.4959226032237259, 1e-14));
  // n = 0, λ = 4: −4 exactly.
  EXPECT_EQ(poissonLogPdf(0, 4), -4.0);
  // Continuous n: n = 2.5, λ = 2: 2.5 ln 2 − 2 − ln Γ(3.5), Γ(3.5) = 15√π/8.
  double expected = 2.5 * std::log(2.0) - 2 - std::log(15 * std::sqrt(M_PI) / 8);
  EXPECT_TRUE(closeRel(poissonLogPdf(2.5, 2), expected, 1e-14));
  EXPECT_TRUE(closeRel(poissonLogPdf(2.5, 2), -1.4681056509472110, 1e-14));
  // histfactory.md §11 A at init: Σ over (50 | 55) and (60 | 70) = −6.829566590859514.
  // (n ln λ and lnΓ(n + 1) are ~460 and cancel to ~−3: an ulp of libm's lgamma
  // is ~1e-14 of the result, so compare to 1e-12.)
  EXPECT_TRUE(closeRel(poissonLogPdf(50, 55) + poissonLogPdf(60, 70), -6.829566590859514, 1e-12));
  // And its Poisson constraints (100 | 1·100), (25 | 1·25) = −5.7540665580298125.
  EXPECT_TRUE(closeRel(poissonLogPdf(100, 100) + poissonLogPdf(25, 25), -5.7540665580298125, 1e-12));
}

TEST(GaussLogPdf, Values) {
  constexpr double kLogSqrt2Pi = 0.91893853320467274178; // ln √(2π)
  // a = θ: only the normalisation −ln(σ√(2π)).
  EXPECT_TRUE(closeRel(gaussLogPdf(0, 0, 1), -kLogSqrt2Pi, 1e-15));
  EXPECT_TRUE(closeRel(gaussLogPdf(1, 1, 0.02), -kLogSqrt2Pi - std::log(0.02), 1e-15));
  // One σ away: −ln√(2π) − ½.
  EXPECT_TRUE(closeRel(gaussLogPdf(0, 1, 1), -kLogSqrt2Pi - 0.5, 1e-15));
  EXPECT_TRUE(closeRel(gaussLogPdf(0, -1, 1), -kLogSqrt2Pi - 0.5, 1e-15));
  // a = 1, θ = 1.05, σ = 0.1: z = 0.5σ → −ln(0.1√(2π)) − 0.125.
  EXPECT_TRUE(closeRel(gaussLogPdf(1, 1.05, 0.1), -kLogSqrt2Pi - std::log(0.1) - 0.125, 1e-14));
  // Example B's five Gaussian terms sum to +3.795715633501038 (histfactory.md §11).
  double constraints = gaussLogPdf(0, 0.5, 1) + gaussLogPdf(1, 1.01, 0.02) +
                       gaussLogPdf(0, -0.3, 1) +
                       gaussLogPdf(1, 1.05, 0.08944271909999159) +
                       gaussLogPdf(1, 0.97, 0.07453559924999299);
  EXPECT_TRUE(closeRel(constraints, 3.795715633501038, 1e-13));
}

TEST(InterpCombined, ExampleBOfHistfactory) {
  // interpolation.md §9 "combined example".
  EXPECT_TRUE(closeRel(interpCode4p(0.5, 19, 20, 22), 0.9482421875, 1e-15));
  EXPECT_TRUE(closeRel(interpCode4p(0.5, 9.8, 10, 10.5), 0.23447265625, 1e-14));
  EXPECT_TRUE(closeRel(interpCode4(-0.3, 0.9, 1.1), 0.969616279132712, 1e-14));
}

} // namespace
} // namespace hf::ir
