//===- tests/diagnostics/minos_test.cpp - MINOS intervals -----------------===//
//
// runtime/minos.h on a model whose interval is known in closed form, one
// bin with λ = μ·s and n observed: twice_nll(μ) − min = 2[x − n ln x − (n −
// n ln n)] with x = μs, so each end of the Δ interval solves
// x − n ln x = n − n ln n + Δ/2 (solved here by bisection, independently of
// hfc's root finder); then the tutorial's POI against cabinetry's MINOS.
//
//===----------------------------------------------------------------------===//
#include "runtime/minos.h"

#include "hf/error.h"
#include "tests/diagnostics/cabinetry_reference.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace hf;

namespace {

/// One bin, signal s = 10 scaled by a normfactor mu, n observed.
std::string oneBin(double n, const std::string &bounds = "[[0, 10]]") {
  return R"({"channels": [{"name": "SR", "samples": [{"name": "sig", "data": [10.0],
             "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]}]}],
           "observations": [{"name": "SR", "data": [)" +
         std::to_string(n) + R"(]}],
           "measurements": [{"name": "m", "config": {"poi": "mu", "parameters": [{"name": "mu", "bounds": )" +
         bounds + R"(}]}}],
           "version": "1.0.0"})";
}

/// The μ where twice_nll − min = delta, on the side `direction` of n/s.
double closedFormEnd(double n, double s, double delta, int direction) {
  auto g = [&](double x) { return x - n * std::log(x) - (n - n * std::log(n)) - delta / 2; };
  double inside = n, outside = direction > 0 ? 10 * n : 1e-9;
  for (int i = 0; i < 200; ++i) {
    double mid = (inside + outside) / 2;
    (g(mid) > 0 ? outside : inside) = mid;
  }
  return (inside + outside) / 2 / s;
}

struct Fitted {
  ir::Module module;
  std::unique_ptr<Likelihood> likelihood;
  FitSettings settings;
  FitResult best;
};

Fitted fitted(const std::string &json) {
  Fitted f;
  f.module = test::moduleFromJsonText(json);
  f.likelihood = std::make_unique<Likelihood>(f.module);
  f.settings = FitSettings::defaults(f.module);
  f.best = Fitter(*f.likelihood).fit(observedData(f.module), f.settings, true);
  return f;
}

} // namespace

TEST(Minos, ThresholdOfAConfidenceLevel) {
  EXPECT_EQ(minosThreshold(0), 1.0);
  EXPECT_NEAR(minosThreshold(0.6826894921370859), 1.0, 1e-12);
  EXPECT_NEAR(minosThreshold(0.95), 3.841458820694124, 1e-10); // scipy.stats.chi2(1).ppf(0.95)
  EXPECT_EQ(minosThreshold(2), 4.0);                           // iminuit: cl ≥ 1 counts standard deviations
  EXPECT_THROW(minosThreshold(-0.5), InputError);
}

TEST(Minos, OneBinPoissonIntervalIsTheClosedForm) {
  for (double cl : {0.0, 0.95}) {
    Fitted f = fitted(oneBin(15));
    double delta = minosThreshold(cl);
    MinosInterval in = minos(Fitter(*f.likelihood), observedData(f.module), f.settings, f.best, 0, delta);
    EXPECT_NEAR(in.bestFit, 1.5, 1e-6);
    ASSERT_TRUE(in.upper.valid) << in.upper.problem;
    ASSERT_TRUE(in.lower.valid) << in.lower.problem;
    EXPECT_NEAR(in.bestFit + in.upper.error, closedFormEnd(15, 10, delta, +1), 1e-6) << "cl " << cl;
    EXPECT_NEAR(in.bestFit + in.lower.error, closedFormEnd(15, 10, delta, -1), 1e-6) << "cl " << cl;
    // Asymmetric, as a Poisson interval is: longer above than below.
    EXPECT_GT(in.upper.error, -in.lower.error);
  }
}

TEST(Minos, AnIntervalBeyondTheBoundStopsThere) {
  // μ̂ = 1.5 with its upper end near 1.9: a bound at 1.7 cuts it.
  Fitted f = fitted(oneBin(15, "[[0, 1.7]]"));
  MinosInterval in = minos(Fitter(*f.likelihood), observedData(f.module), f.settings, f.best, 0);
  EXPECT_FALSE(in.upper.valid);
  EXPECT_TRUE(in.upper.atBound);
  EXPECT_NEAR(in.upper.error, 0.2, 1e-6);
  EXPECT_NE(in.upper.problem.find("upper bound 1.7"), std::string::npos) << in.upper.problem;
  EXPECT_TRUE(in.lower.valid);
  EXPECT_NEAR(in.bestFit + in.lower.error, closedFormEnd(15, 10, 1, -1), 1e-6);
}

TEST(Minos, AFixedParameterIsAnInputError) {
  Fitted f = fitted(oneBin(15));
  FitSettings s = f.settings;
  s.fixed[0] = true;
  try {
    minos(Fitter(*f.likelihood), observedData(f.module), s, f.best, 0);
    FAIL() << "no error";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("--minos mu: the parameter is fixed"), std::string::npos) << e.what();
  }
}

TEST(Minos, TutorialPoiEqualsCabinetry) {
  // cabinetry.fit.fit(model, data, minos=poi): MINUIT's MINOS on Signal_norm.
  ir::Module m = test::cabinetryTutorialModule();
  Likelihood likelihood(m);
  FitSettings s = FitSettings::defaults(m);
  Fitter fitter(likelihood);
  FitResult best = fitter.fit(observedData(m), s, true);
  const Json &ref = test::cabinetryInference().at("fit");
  // hfc's minimum is not above MINUIT's (DESIGN.md: never by more than 1e-6).
  EXPECT_LE(best.twiceNll, ref.at("best_twice_nll").get<double>() + 1e-6);
  uint32_t poi = static_cast<uint32_t>(m.poiIndex);
  MinosInterval in = minos(fitter, observedData(m), s, best, poi);
  ASSERT_TRUE(in.lower.valid && in.upper.valid) << in.lower.problem << in.upper.problem;
  const Json &interval = ref.at("minos_uncertainty").at("Signal_norm");
  // Measured: upper 0.938911 vs MINUIT's 0.938816 (1.0e-4 relative); MINUIT's
  // MINOS stops at its own tolerance and hfc's minimum is 1.2e-6 lower, so
  // the comparison allows 2e-4 here (the lower end agrees within 1e-4).
  EXPECT_PRED3(test::closeRelative, in.lower.error, interval[0].get<double>(), 1e-4);
  EXPECT_PRED3(test::closeRelative, in.upper.error, interval[1].get<double>(), 2e-4);
}
