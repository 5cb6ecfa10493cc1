//===- tests/unit/toms748_test.cpp - TOMS748 against scipy's iterates -----===//
//
// Two kinds of checks. The ScipyIterates tests pin the exact sequence of
// points scipy 1.10.1's optimize.toms748(f, a, b, k=2, xtol=2e-12, rtol=1e-4)
// evaluates (recorded as hex floats with f returning numpy.float64, as pyhf's
// does), chosen so that every branch of inference.md §6.1 is taken: the
// repeated point when the cubic is refused, a linear quadratic (A == 0), the
// tolerance nudge and the 1/32 step of the double-length secant. Their f use
// only arithmetic and glibc's exp/erfc, so the values are those Python saw.
// The other tests check roots against known values, the endpoint shortcuts,
// the evaluation counts and the errors.
//
//===----------------------------------------------------------------------===//
#include "runtime/toms748.h"

#include "hf/error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace hf {
namespace {

/// f, recording each point it is evaluated at.
struct Recorded {
  std::function<double(double)> f;
  std::vector<double> xs;

  std::function<double(double)> fn() {
    return [this](double x) {
      xs.push_back(x);
      return f(x);
    };
  }
};

/// Expects toms748 to evaluate f at exactly `points`, in order, and to return
/// `root` after `iterations` iterations: scipy's run.
void expectScipyRun(const std::function<double(double)> &f, double a, double b,
                    const std::vector<double> &points, double root, int iterations,
                    double xtol = 2e-12, double rtol = 1e-4) {
  Recorded rec{f, {}};
  RootResult r = toms748(rec.fn(), a, b, xtol, rtol);
  ASSERT_EQ(rec.xs.size(), points.size());
  for (size_t i = 0; i < points.size(); ++i)
    EXPECT_EQ(rec.xs[i], points[i])
        << "evaluation " << i << ": " << std::hexfloat << rec.xs[i] << " instead of " << points[i];
  EXPECT_EQ(r.root, root) << std::hexfloat << r.root << " instead of " << root;
  EXPECT_EQ(r.iterations, iterations);
  EXPECT_EQ(r.evaluations, static_cast<int>(points.size()));
}

/// The standard normal CDF as pyhf's scipy computes it.
double phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

TEST(ScipyIterates, ExpMinusTwo) {
  expectScipyRun([](double x) { return std::exp(x) - 2; }, 0.0, 1.0,
                 {0x0p+0, 0x1p+0, 0x1.29f8d9d61337ep-1, 0x1.61595a65fd19ap-1, 0x1.62e1823a6ba11p-1,
                  0x1.62e615f9db828p-1},
                 0x1.62e3cc1a2391cp-1, 2);
}

/// A CLs-shaped curve, Φ(−(μ − 3))/Φ(0.7) − 0.05 on pyhf's default [0, 10].
/// In several iterations the cubic is refused in the second step, so the first
/// step's point is evaluated again (pairs of equal points below).
TEST(ScipyIterates, ClsCurveRepeatsThePointWhenTheCubicIsRefused) {
  const double norm = 0.5 * std::erfc(-0.7 / std::sqrt(2.0));
  expectScipyRun(
      [norm](double x) { return 0.5 * std::erfc((x - 3) / std::sqrt(2.0)) / norm - 0.05; }, 0.0,
      10.0,
      {0x0p+0, 0x1.4p+3, 0x1.33dae2d99b5bap+3, 0x1.b9b5c92d561eap+2, 0x1.b9b5c92d561eap+2,
       0x1.9838e59f643b4p+2, 0x1.9838e59f643b4p+1, 0x1.823e66ac839f7p+2, 0x1.823e66ac839f7p+2,
       0x1.62b23c060f40ep+2, 0x1.1767576ae0af4p+2, 0x1.2c152d1aa14a6p+2, 0x1.33ae39e598aedp+2,
       0x1.2fe61f89cba34p+2, 0x1.319fe22978cc1p+2, 0x1.31a2f520bae19p+2, 0x1.31a2f4ea58a4fp+2},
      0x1.31a2f50589c34p+2, 5);
}

/// On a line the Newton-quadratic has A == 0 and starts at the secant root;
/// here that lies one ulp outside the bracket, so it bisects instead.
TEST(ScipyIterates, LineGivesADegenerateQuadratic) {
  const double r = 0x1.7bab588fb1cd2p+0;
  expectScipyRun([r](double x) { return x - r; }, -0x1.abec604cf2672p+1, 0x1.a6e39a3bc6007p+1,
                 {-0x1.abec604cf2672p+1, 0x1.a6e39a3bc6007p+1, 0x1.7bab588fb1cd3p+0,
                  -0x1.dc2d680a33011p-1, -0x1.dc2d680a33011p-1, 0x1.7bab588fb1cd1p+0},
                 r, 2);
}

/// A logistic CLs curve on which the double-length secant step is too small
/// to move and is replaced by a nudge of rtol·|c| + xtol.
TEST(ScipyIterates, TinySecantStepIsNudgedByTheTolerance) {
  const double k = 0x1.8ebc464d72a13p-2, m = 0x1.d685fe20697e0p+2, level = 0x1.d2f988d2629cep-2;
  expectScipyRun([=](double x) { return 1 / (1 + std::exp(k * (x - m))) - level; }, 0.0, 10.0,
                 {0x0p+0, 0x1.4p+3, 0x1.cb066574bacabp+2, 0x1.fa0df61a1fa21p+2,
                  0x1.f391870a3af9cp+2, 0x1.f371a4296dcd7p+2, 0x1.f3817dd7b0b6ep+2,
                  0x1.f3817dd7b9186p+2, 0x1.f38e476770863p+2},
                 0x1.f387e29f94cf4p+2, 3);
}

/// A ninth power is so flat near its root that |f| at one end falls below
/// 2^-50 of the other; the double-length secant then steps 1/32 across.
TEST(ScipyIterates, FlatNinthPowerTakesTheOneThirtySecondStep) {
  const double r = 0x1.53cd081a5f4ccp+0;
  auto f = [r](double x) {
    double t = x - r;
    return t * t * t * t * t * t * t * t * t;
  };
  expectScipyRun(
      f, -0x1.a1e3620f0606ap+1, 0x1.5f5d30db7fb38p+1,
      {-0x1.a1e3620f0606ap+1, 0x1.5f5d30db7fb38p+1, 0x1.5f582c99bb51p+1,  0x1.3e994bc049e69p+0,
       0x1.3e994bc062b0dp+0,  0x1.3e994bc07cdd8p+0, 0x1.9e9ef57bea2bcp+0, 0x1.9e9ef57bea2bcp+0,
       0x1.3e99e00bc6af4p+0,  0x1.5696dd8926493p+0, 0x1.5696dd8022b5cp+0, 0x1.5696dd76a6ed2p+0,
       0x1.50979ea33cb51p+0,  0x1.50979ea33cb51p+0, 0x1.53f2264c29793p+0, 0x1.53d8520226d97p+0,
       0x1.53d8520226d97p+0,  0x1.53be4c672f885p+0, 0x1.53cb4f34ab30ep+0, 0x1.53cb4f34ab30ep+0,
       0x1.53cb4f34bebdap+0,  0x1.53ce8fe7246d9p+0, 0x1.53ce8fe7246d9p+0, 0x1.53ccef8df195ap+0},
      0x1.53cdbfba8b01ap+0, 8);
}

/// With scipy's tightest tolerances the bracket closes to adjacent doubles.
TEST(ScipyIterates, SquareRootOfTwoAtTightTolerance) {
  auto f = [](double x) { return x * x - 2; };
  // The default run; the tight one continues from its last point.
  const std::vector<double> common{
      -0x1.0000000000000p+0, 0x1.0000000000000p+2, -0x1.5555555555556p-1,
      0x1.91c71c71c71c2p+0,  0x1.190bc163a24f4p-2, 0x1.112c2568c3377p+0,
      0x1.6a0b4216fe996p+0,  0x1.6a09f5f8a31d2p+0, 0x1.6a09d27c59a54p+0};
  expectScipyRun(f, -1.0, 4.0, common, 0x1.6a09e43a7e613p+0, 3);
  std::vector<double> tight = common;
  tight.insert(tight.end(), {0x1.6a09e667f3bccp+0, 0x1.6a09e667f3bccp+0, 0x1.6a09e667f3bcdp+0});
  expectScipyRun(f, -1.0, 4.0, tight, 0x1.6a09e667f3bccp+0, 4, 1e-300,
                 std::numeric_limits<double>::epsilon());
}

/// An exact zero ends the search where it is hit, before any convergence test.
TEST(Toms748, ReturnsAnExactZeroAtOnce) {
  Recorded atA{[](double x) { return x - 1; }, {}};
  RootResult r = toms748(atA.fn(), 1.0, 5.0);
  EXPECT_EQ(r.root, 1.0);
  EXPECT_EQ(r.iterations, 0);
  EXPECT_EQ(r.evaluations, 1); // f(b) is never needed
  EXPECT_EQ(atA.xs, std::vector<double>{1.0});

  r = toms748([](double x) { return x - 5; }, 1.0, 5.0);
  EXPECT_EQ(r.root, 5.0);
  EXPECT_EQ(r.iterations, 0);
  EXPECT_EQ(r.evaluations, 2);

  // The first secant step of a line 3x − 1 lands on 1/3 exactly (scipy: 3 calls).
  expectScipyRun([](double x) { return 3 * x - 1; }, -2.0, 5.0, {-2.0, 5.0, 0x1.5555555555555p-2},
                 0x1.5555555555555p-2, 0);
}

struct KnownRoot {
  const char *name;
  std::function<double(double)> f;
  double a, b, root;
};

std::vector<KnownRoot> knownRoots() {
  return {
      {"x^3 - 2x - 5", [](double x) { return x * x * x - 2 * x - 5; }, 2, 3,
       2.0945514815423265}, // Newton's own example
      {"exp(x) - 2", [](double x) { return std::exp(x) - 2; }, 0, 1, std::log(2.0)},
      {"x^2 - 2", [](double x) { return x * x - 2; }, -1, 4, std::sqrt(2.0)},
      {"cos(x) - x", [](double x) { return std::cos(x) - x; }, 0, 1, 0.7390851332151607},
      {"(x - 1)^5", [](double x) { return std::pow(x - 1, 5); }, 0, 3, 1},
      {"1 - Phi(x - 2.5) - 0.05", [](double x) { return phi(-(x - 2.5)) - 0.05; }, 0, 10,
       2.5 + 1.6448536269514722}, // Φ⁻¹(0.95)
      {"steep tanh", [](double x) { return std::tanh(1000 * (x - 0.123)); }, 0, 1, 0.123},
  };
}

/// The root lies within the final bracket, of width ≤ xtol + rtol·|b|.
TEST(Toms748, FindsKnownRootsToTheRequestedTolerance) {
  for (const KnownRoot &k : knownRoots()) {
    for (double rtol : {1e-4, 1e-8, 4 * std::numeric_limits<double>::epsilon()}) {
      RootResult r = toms748(k.f, k.a, k.b, 2e-12, rtol);
      // The flat (x − 1)^5 is exactly zero on a few ulps around 1.
      double slack = k.root == 1 ? 1e-3 : 0;
      EXPECT_NEAR(r.root, k.root, 2e-12 + rtol * std::abs(k.root) + slack)
          << k.name << ", rtol " << rtol;
      EXPECT_LE(r.iterations, 100) << k.name;
      // The start takes 3 evaluations, every later iteration at most 5.
      EXPECT_LE(r.evaluations, 3 + 5 * (r.iterations - 1)) << k.name;
    }
  }
}

/// TOMS748 converges superlinearly: on smooth functions it needs a handful of
/// iterations where bisection would need ~15 for rtol 1e-4.
TEST(Toms748, ConvergesInFewIterationsOnSmoothFunctions) {
  for (const KnownRoot &k : knownRoots()) {
    if (k.root == 1 || k.root == 0.123) // flat and step-like: slower, by design
      continue;
    EXPECT_LE(toms748(k.f, k.a, k.b).iterations, 6) << k.name;
  }
}

TEST(Toms748, RejectsABracketWithoutSignChange) {
  try {
    toms748([](double x) { return x * x + 1; }, 1.0, 2.0);
    FAIL() << "no error";
  } catch (const ComputeError &e) {
    std::string what = e.what();
    EXPECT_NE(what.find("[1, 2]"), std::string::npos) << what;
    EXPECT_NE(what.find("same sign"), std::string::npos) << what;
  }
}

TEST(Toms748, RejectsNonFiniteValues) {
  // NaN inside the bracket, found on the way.
  EXPECT_THROW(
      toms748([](double x) { return x > 0.2 && x < 0.8 ? std::nan("") : x - 0.5; }, 0.0, 1.0),
      ComputeError);
  // Infinite at an endpoint: checked before the signs.
  try {
    toms748([](double x) { return x == 0 ? -HUGE_VAL : x - 0.5; }, 0.0, 1.0);
    FAIL() << "no error";
  } catch (const ComputeError &e) {
    EXPECT_NE(std::string(e.what()).find("f(0) = -inf is not finite"), std::string::npos)
        << e.what();
  }
}

TEST(Toms748, RejectsAnEmptyOrInfiniteInterval) {
  auto f = [](double x) { return x; };
  EXPECT_THROW(toms748(f, 1.0, 1.0), ComputeError);
  EXPECT_THROW(toms748(f, 1.0, -1.0), ComputeError);
  EXPECT_THROW(toms748(f, -HUGE_VAL, 1.0), ComputeError);
  EXPECT_THROW(toms748(f, std::nan(""), 1.0), ComputeError);
}

TEST(Toms748, RejectsBadSettings) {
  auto f = [](double x) { return x; };
  EXPECT_THROW(toms748(f, -1, 1, 0.0), InputError);
  EXPECT_THROW(toms748(f, -1, 1, 2e-12, 1e-17), InputError);
  EXPECT_THROW(toms748(f, -1, 1, 2e-12, 1e-4, 0), InputError);
}

/// maxiter counts the start as an iteration; running out is an error that
/// names the bracket, after at most 3 + 5·(maxiter − 1) evaluations.
TEST(Toms748, StopsAfterMaxiterIterations) {
  auto f = [](double x) { return std::pow(x - 1, 9); };
  EXPECT_EQ(toms748(f, -3, 3.5).iterations, 11); // unlimited, it needs 11
  for (int maxiter : {1, 2, 5, 10}) {
    int calls = 0;
    try {
      toms748(
          [&](double x) {
            ++calls;
            return f(x);
          },
          -3, 3.5, 2e-12, 1e-4, maxiter);
      FAIL() << "no error with maxiter " << maxiter;
    } catch (const ComputeError &e) {
      std::string what = e.what();
      EXPECT_NE(what.find("[-3, 3.5]"), std::string::npos) << what;
      EXPECT_NE(what.find(std::to_string(std::max(maxiter, 2)) + " iterations"), std::string::npos)
          << what;
    }
    EXPECT_LE(calls, 3 + 5 * std::max(maxiter - 1, 1));
  }
  EXPECT_EQ(toms748(f, -3, 3.5, 2e-12, 1e-4, 11).iterations, 11);
}

TEST(Toms748, LetsExceptionsFromFPropagate) {
  EXPECT_THROW(toms748([](double) -> double { throw std::logic_error("boom"); }, 0, 1),
               std::logic_error);
}

} // namespace
} // namespace hf
