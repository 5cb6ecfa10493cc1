//===- tests/unit/eval_test.cpp - The reference interpreter ---------------===//
//
// ir::evaluate on lowered models against the worked examples of
// histfactory.md §11 (numbers verified against pyhf 0.7.6), the other
// interpolation codes against hand-computed values, and evaluate() on data
// other than the observed one.
//
//===----------------------------------------------------------------------===//
#include "ir/eval.h"

#include "frontend/diagnostics.h"
#include "frontend/json_reader.h"
#include "frontend/json_text.h"
#include "frontend/load.h"
#include "ir/lower.h"
#include "ir/verifier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace hf {
namespace {

::testing::AssertionResult closeRel(double actual, double expected, double rel) {
  double scale = expected == 0 ? 1.0 : std::fabs(expected);
  if (std::fabs(actual - expected) <= rel * scale)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "actual " << ::testing::PrintToString(actual)
                                       << " vs expected " << ::testing::PrintToString(expected)
                                       << " (relative difference "
                                       << std::fabs(actual - expected) / scale << ")";
}

ir::Module lowerText(const std::string &text, const ir::InterpCodes &codes = {}) {
  Workspace ws = readWorkspace(parseJsonText(text, "ws.json"), "ws.json");
  ModelSpec spec = modelSpecOf(ws, "");
  ir::Module m = ir::lower(spec, codes);
  EXPECT_EQ(ir::verify(m), "");
  return m;
}

/// Poisson term written out: n ln λ − λ − lnΓ(n + 1) (n > 0).
double poisson(double n, double lambda) { return n * std::log(lambda) - lambda - std::lgamma(n + 1); }

/// Gaussian term written out: −ln(σ√(2π)) − (a − θ)²/(2σ²).
double gauss(double a, double theta, double sigma) {
  return -std::log(sigma * std::sqrt(2 * M_PI)) - (a - theta) * (a - theta) / (2 * sigma * sigma);
}

// ---------------------------------------------------------------------------
// histfactory.md §11 A: shapesys.
// ---------------------------------------------------------------------------
const char *kExampleA = R"({
  "channels": [{"name": "singlechannel", "samples": [
    {"name": "signal", "data": [5, 10], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]},
    {"name": "background", "data": [50, 60], "modifiers": [
      {"name": "uncorr_bkguncrt", "type": "shapesys", "data": [5, 12]}]}]}],
  "observations": [{"name": "singlechannel", "data": [50, 60]}],
  "measurements": [{"name": "m", "config": {"poi": "mu", "parameters": []}}],
  "version": "1.0.0"})";

TEST(EvalExampleA, AtInit) {
  ir::Module m = lowerText(kExampleA);
  std::vector<double> theta = ir::initialParameters(m);
  EXPECT_EQ(theta, (std::vector<double>{1, 1, 1}));
  EXPECT_EQ(m.nominalAux, (std::vector<double>{100, 25}));
  ir::EvalResult r = ir::evaluateObserved(m, theta);
  EXPECT_EQ(r.expectedMain, (std::vector<double>{55, 70}));
  EXPECT_EQ(r.expectedAux, (std::vector<double>{100, 25}));
  double logpdf = -6.829566590859514 + -5.7540665580298125;
  EXPECT_TRUE(closeRel(r.logpdf, logpdf, 1e-12));
  EXPECT_NEAR(r.logpdf, -12.58363315, 5e-9);
  EXPECT_NEAR(-2 * r.logpdf, 25.1672663, 5e-8);
}

TEST(EvalExampleA, AtOtherPoint) {
  ir::Module m = lowerText(kExampleA);
  std::vector<double> theta = {0.5, 1.1, 0.9};
  ir::EvalResult r = ir::evaluateObserved(m, theta);
  ASSERT_EQ(r.expectedMain.size(), 2u);
  EXPECT_TRUE(closeRel(r.expectedMain[0], 57.5, 1e-15));
  EXPECT_TRUE(closeRel(r.expectedMain[1], 59.0, 1e-15));
  ASSERT_EQ(r.expectedAux.size(), 2u);
  EXPECT_TRUE(closeRel(r.expectedAux[0], 110, 1e-15));
  EXPECT_TRUE(closeRel(r.expectedAux[1], 22.5, 1e-15));
  EXPECT_TRUE(closeRel(r.logpdf, -12.721507819979173, 1e-12));
}

TEST(EvalExampleA, EvaluateWithOtherData) {
  ir::Module m = lowerText(kExampleA);
  std::vector<double> init = ir::initialParameters(m);
  // evaluate() on the observed data is evaluateObserved().
  ir::EvalResult observed = ir::evaluate(m, init, m.observedMain, m.nominalAux);
  EXPECT_EQ(observed.logpdf, ir::evaluateObserved(m, init).logpdf);

  // Asimov data at the inits: n = λ = (55, 70), a = τ = (100, 25).
  std::vector<double> data = {55, 70}, aux = {100, 25};
  ir::EvalResult asimov = ir::evaluate(m, init, data, aux);
  double expected = poisson(55, 55) + poisson(70, 70) + poisson(100, 100) + poisson(25, 25);
  EXPECT_TRUE(closeRel(asimov.logpdf, expected, 1e-13));
  // Only the main part changed: the difference is the change of the main terms.
  double mainObserved = poisson(50, 55) + poisson(60, 70);
  EXPECT_TRUE(closeRel(asimov.logpdf - observed.logpdf,
                       poisson(55, 55) + poisson(70, 70) - mainObserved, 1e-11));
  // The expected rates do not depend on the data.
  EXPECT_EQ(asimov.expectedMain, observed.expectedMain);

  // Asimov data at θ = (0.5, 1.1, 0.9): n = (57.5, 59), a = (110, 22.5).
  std::vector<double> theta = {0.5, 1.1, 0.9};
  std::vector<double> data2 = {57.5, 59}, aux2 = {110, 22.5};
  ir::EvalResult r = ir::evaluate(m, theta, data2, aux2);
  double expected2 = poisson(57.5, 57.5) + poisson(59, 59) + poisson(110, 110) + poisson(22.5, 22.5);
  EXPECT_TRUE(closeRel(r.logpdf, expected2, 1e-13));

  // Changing only the auxiliary data: a = (90, 30) at the inits.
  std::vector<double> aux3 = {90, 30};
  ir::EvalResult r3 = ir::evaluate(m, init, m.observedMain, aux3);
  double expected3 = mainObserved + poisson(90, 100) + poisson(30, 25);
  EXPECT_TRUE(closeRel(r3.logpdf, expected3, 1e-13));
}

// ---------------------------------------------------------------------------
// histfactory.md §11 B: every Gaussian kind.
// ---------------------------------------------------------------------------
const char *kExampleB = R"({
  "channels": [{"name": "ch", "samples": [
    {"name": "sig", "data": [4, 2], "modifiers": [
      {"name": "mu", "type": "normfactor", "data": null},
      {"name": "lumi", "type": "lumi", "data": null}]},
    {"name": "bkg", "data": [20, 10], "modifiers": [
      {"name": "stat_ch", "type": "staterror", "data": [2, 1]},
      {"name": "n1", "type": "normsys", "data": {"hi": 1.1, "lo": 0.9}},
      {"name": "h1", "type": "histosys", "data": {"hi_data": [22, 10.5], "lo_data": [19, 9.8]}}]},
    {"name": "bkg2", "data": [5, 5], "modifiers": [
      {"name": "stat_ch", "type": "staterror", "data": [1, 0.5]}]}]}],
  "observations": [{"name": "ch", "data": [30, 17]}],
  "measurements": [{"name": "m", "config": {"poi": "mu", "parameters": [
    {"name": "lumi", "auxdata": [1], "sigmas": [0.02], "inits": [1], "bounds": [[0.9, 1.1]]}]}}],
  "version": "1.0.0"})";

const std::vector<double> kThetaB = {0.5, 1.01, 1.5, -0.3, 1.05, 0.97};
constexpr double kSigmaStat0 = 0.08944271909999159, kSigmaStat1 = 0.07453559924999299;
constexpr double kConstraintsB = 3.795715633501038;

/// Main Poisson terms of example B for rates λ (observed 30, 17).
double mainB(double l0, double l1) { return poisson(30, l0) + poisson(17, l1); }

TEST(EvalExampleB, TableAndSigmas) {
  ir::Module m = lowerText(kExampleB);
  std::vector<std::string> names;
  for (const ir::Parameter &p : m.params)
    names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"h1", "lumi", "mu", "n1", "stat_ch[0]", "stat_ch[1]"}));
  EXPECT_EQ(m.nominalAux, (std::vector<double>{0, 1, 0, 1, 1}));
  const ir::ParamSet &stat = m.paramsets.back();
  ASSERT_EQ(stat.widths.size(), 2u);
  EXPECT_TRUE(closeRel(stat.widths[0], kSigmaStat0, 1e-15));
  EXPECT_TRUE(closeRel(stat.widths[1], kSigmaStat1, 1e-15));
  EXPECT_TRUE(closeRel(stat.widths[0], std::sqrt(5.0) / 25, 1e-15));
  EXPECT_TRUE(closeRel(stat.widths[1], std::sqrt(1.25) / 15, 1e-15));
  EXPECT_EQ(m.poiIndex, 2);
}

TEST(EvalExampleB, DefaultCodes) {
  ir::Module m = lowerText(kExampleB);
  ir::EvalResult r = ir::evaluateObserved(m, kThetaB);
  ASSERT_EQ(r.expectedMain.size(), 2u);
  EXPECT_TRUE(closeRel(r.expectedMain[0], 32.63734447642538, 1e-12));
  EXPECT_TRUE(closeRel(r.expectedMain[1], 17.50580595696345, 1e-12));
  // Spec's parts: main −5.07969105446432, constraints +3.795715633501038.
  EXPECT_TRUE(closeRel(mainB(32.63734447642538, 17.50580595696345), -5.07969105446432, 1e-12));
  EXPECT_TRUE(closeRel(r.logpdf, -1.2839754209632819, 1e-12));
  EXPECT_TRUE(closeRel(r.logpdf, -5.07969105446432 + kConstraintsB, 1e-12));
  // Expected aux: θ of every Gaussian component, in aux order.
  EXPECT_EQ(r.expectedAux, (std::vector<double>{0.5, 1.01, -0.3, 1.05, 0.97}));
}

TEST(EvalExampleB, PerSampleRates) {
  // λ = ν_bkg + ν_bkg2 + ν_sig with the spec's per-sample numbers; check the
  // per-sample structure by switching samples off through their parameters.
  ir::Module m = lowerText(kExampleB);
  // mu = 0 removes sig: λ = ν_bkg + ν_bkg2.
  std::vector<double> noSig = kThetaB;
  noSig[2] = 0;
  ir::EvalResult r = ir::evaluateObserved(m, noSig);
  EXPECT_TRUE(closeRel(r.expectedMain[0], 21.327344476425385 + 5.25, 1e-12));
  EXPECT_TRUE(closeRel(r.expectedMain[1], 9.62580595696345 + 4.85, 1e-12));
  // The signal part alone is mu·lumi·ν = [6.06, 3.03].
  ir::EvalResult full = ir::evaluateObserved(m, kThetaB);
  EXPECT_TRUE(closeRel(full.expectedMain[0] - r.expectedMain[0], 6.06, 1e-12));
  EXPECT_TRUE(closeRel(full.expectedMain[1] - r.expectedMain[1], 3.03, 1e-12));
}

/// λ of example B for a histosys Δ and normsys κ (θ otherwise kThetaB).
std::vector<double> lambdaB(double delta0, double delta1, double kappa) {
  double g0 = 1.05, g1 = 0.97, mu = 1.5, lumi = 1.01;
  return {kappa * g0 * (20 + delta0) + g0 * 5 + mu * lumi * 4,
          kappa * g1 * (10 + delta1) + g1 * 5 + mu * lumi * 2};
}

TEST(EvalExampleB, Code1Code0) {
  ir::Module m = lowerText(kExampleB, ir::InterpCodes{"code1", "code0"});
  ir::EvalResult r = ir::evaluateObserved(m, kThetaB);
  // code0 at α = 0.5: Δ = 0.5·(hi − nom) = [1, 0.25]; code1 at α = −0.3: κ = 0.9^0.3.
  std::vector<double> lambda = lambdaB(1.0, 0.25, std::pow(0.9, 0.3));
  ASSERT_EQ(r.expectedMain.size(), 2u);
  EXPECT_TRUE(closeRel(r.expectedMain[0], lambda[0], 1e-13));
  EXPECT_TRUE(closeRel(r.expectedMain[1], lambda[1], 1e-13));
  // The constraints do not depend on the codes.
  EXPECT_TRUE(closeRel(r.logpdf, mainB(lambda[0], lambda[1]) + kConstraintsB, 1e-12));
  // And the codes matter: this is not the default-codes value.
  EXPECT_GT(std::fabs(r.logpdf - -1.2839754209632819), 1e-6);
}

TEST(EvalExampleB, Code4Code2) {
  ir::Module m = lowerText(kExampleB, ir::InterpCodes{"code4", "code2"});
  ir::EvalResult r = ir::evaluateObserved(m, kThetaB);
  // code2 at α = 0.5: a·α² + b·α with (a, b) = (0.5, 1.5) and (0.15, 0.35).
  std::vector<double> lambda = lambdaB(0.5 * 0.25 + 1.5 * 0.5, 0.15 * 0.25 + 0.35 * 0.5, 0.969616279132712);
  EXPECT_TRUE(closeRel(r.expectedMain[0], lambda[0], 1e-13));
  EXPECT_TRUE(closeRel(r.expectedMain[1], lambda[1], 1e-13));
  EXPECT_TRUE(closeRel(r.logpdf, mainB(lambda[0], lambda[1]) + kConstraintsB, 1e-12));
}

TEST(EvalExampleB, OuterBranches) {
  // α_h1 = 1.5, α_n1 = −2: every code is in its outer branch.
  std::vector<double> theta = kThetaB;
  theta[0] = 1.5;
  theta[3] = -2;
  double constraints = gauss(0, 1.5, 1) + gauss(1, 1.01, 0.02) + gauss(0, -2, 1) +
                       gauss(1, 1.05, kSigmaStat0) + gauss(1, 0.97, kSigmaStat1);
  struct Case {
    ir::InterpCodes codes;
    double d0, d1, kappa;
  };
  const Case cases[] = {
      {{"code4", "code4p"}, 1.5 * 2, 1.5 * 0.5, 0.81}, // α·δ⁺, lo^2
      {{"code1", "code0"}, 1.5 * 2, 1.5 * 0.5, 0.81},
      // code2 above 1: (b + 2a)(α − 1) = 2.5·0.5 and 0.65·0.5.
      {{"code1", "code2"}, 2.5 * 0.5, 0.65 * 0.5, 0.81},
  };
  for (const Case &c : cases) {
    ir::Module m = lowerText(kExampleB, c.codes);
    ir::EvalResult r = ir::evaluateObserved(m, theta);
    std::vector<double> lambda = lambdaB(c.d0, c.d1, c.kappa);
    EXPECT_TRUE(closeRel(r.expectedMain[0], lambda[0], 1e-13)) << c.codes.normsys << " " << c.codes.histosys;
    EXPECT_TRUE(closeRel(r.expectedMain[1], lambda[1], 1e-13)) << c.codes.normsys << " " << c.codes.histosys;
    EXPECT_TRUE(closeRel(r.logpdf, mainB(lambda[0], lambda[1]) + constraints, 1e-12))
        << c.codes.normsys << " " << c.codes.histosys;
  }
}

TEST(EvalExampleB, AsimovData) {
  ir::Module m = lowerText(kExampleB);
  ir::EvalResult atTheta = ir::evaluateObserved(m, kThetaB);
  // Data = expected data at θ (main and aux): every term is at its mode.
  ir::EvalResult r = ir::evaluate(m, kThetaB, atTheta.expectedMain, atTheta.expectedAux);
  double l0 = 32.63734447642538, l1 = 17.50580595696345;
  // gauss(a = θ) is only the normalisation −ln(σ√(2π)).
  double expected = poisson(l0, l0) + poisson(l1, l1) - std::log(std::sqrt(2 * M_PI)) * 5 -
                    std::log(0.02 * kSigmaStat0 * kSigmaStat1);
  EXPECT_TRUE(closeRel(r.logpdf, expected, 1e-12));
  // Asimov is more likely than the observed data at the same θ.
  EXPECT_GT(r.logpdf, atTheta.logpdf);
}

// ---------------------------------------------------------------------------
// Edge cases of the likelihood and of masking (histfactory.md §7-§9).
// ---------------------------------------------------------------------------

TEST(EvalEdgeCases, FixedBinsKeepTheirConstraints) {
  // shapesys bin 1 has ν = 0 (τ = 1, fixed): its constraint Poisson(1 | 1) = −1.
  ir::Module m = lowerText(R"({
    "channels": [{"name": "c", "samples": [
      {"name": "b", "data": [10, 0], "modifiers": [{"name": "ss", "type": "shapesys", "data": [1, 1]}]}]}],
    "observations": [{"name": "c", "data": [10, 0]}],
    "measurements": [{"name": "m", "config": {"poi": "", "parameters": []}}],
    "version": "1.0.0"})");
  ir::EvalResult r = ir::evaluateObserved(m, ir::initialParameters(m));
  EXPECT_TRUE(closeRel(r.logpdf, poisson(10, 10) + 0.0 + poisson(100, 100) + -1.0, 1e-13));

  // staterror bin 1 has σ = 0 (width 1, fixed): its constraint −ln√(2π).
  ir::Module s = lowerText(R"({
    "channels": [{"name": "c", "samples": [
      {"name": "b", "data": [10, 0], "modifiers": [{"name": "st", "type": "staterror", "data": [1, 0]}]}]}],
    "observations": [{"name": "c", "data": [10, 0]}],
    "measurements": [{"name": "m", "config": {"poi": "", "parameters": []}}],
    "version": "1.0.0"})");
  ir::EvalResult rs = ir::evaluateObserved(s, ir::initialParameters(s));
  EXPECT_TRUE(closeRel(rs.logpdf, poisson(10, 10) + gauss(1, 1, 0.1) - std::log(std::sqrt(2 * M_PI)), 1e-13));
}

const char *kOneBin = R"({
  "channels": [{"name": "c", "samples": [
    {"name": "s", "data": [2], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]}]}],
  "observations": [{"name": "c", "data": [3]}],
  "measurements": [{"name": "m", "config": {"poi": "mu", "parameters": []}}],
  "version": "1.0.0"})";

TEST(EvalEdgeCases, NoClippingOfRates) {
  ir::Module m = lowerText(kOneBin);
  std::vector<double> zeroData = {0}, threeData = {3};
  std::vector<double> noAux;
  // λ = 0, n = 0 → 0.
  EXPECT_EQ(ir::evaluate(m, std::vector<double>{0.0}, zeroData, noAux).logpdf, 0.0);
  // λ = 0, n > 0 → −∞.
  EXPECT_EQ(ir::evaluate(m, std::vector<double>{0.0}, threeData, noAux).logpdf,
            -std::numeric_limits<double>::infinity());
  // λ = −2 (μ = −1), n = 0 → −λ = 2.
  ir::EvalResult neg = ir::evaluate(m, std::vector<double>{-1.0}, zeroData, noAux);
  EXPECT_EQ(neg.expectedMain, std::vector<double>{-2.0});
  EXPECT_EQ(neg.logpdf, 2.0);
  // λ < 0, n > 0 → NaN.
  EXPECT_TRUE(std::isnan(ir::evaluate(m, std::vector<double>{-1.0}, threeData, noAux).logpdf));
  // Ordinary point: Poisson(3 | 2·1.5).
  EXPECT_TRUE(closeRel(ir::evaluateObserved(m, std::vector<double>{1.5}).logpdf, poisson(3, 3), 1e-14));
}

TEST(EvalEdgeCases, Code4NaNStaysOnCarryingSample) {
  // normsys lo = 0 with code4: κ(0) is NaN on the sample that carries it, but
  // channel B (no such modifier) stays finite: masking is exact (§7).
  setWarningsEnabled(false);
  const char *text = R"({
    "channels": [
      {"name": "A", "samples": [
        {"name": "s", "data": [5], "modifiers": [{"name": "n", "type": "normsys", "data": {"hi": 1.2, "lo": 0}}]}]},
      {"name": "B", "samples": [
        {"name": "s", "data": [7], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]}]}],
    "observations": [{"name": "A", "data": [5]}, {"name": "B", "data": [7]}],
    "measurements": [{"name": "m", "config": {"poi": "mu", "parameters": []}}],
    "version": "1.0.0"})";
  ir::Module m = lowerText(text);
  setWarningsEnabled(true);
  // θ = (mu, n) — normfactor before normsys.
  ir::EvalResult r = ir::evaluateObserved(m, std::vector<double>{1.0, 0.0});
  EXPECT_TRUE(std::isnan(r.expectedMain[0]));
  EXPECT_EQ(r.expectedMain[1], 7.0);
  EXPECT_TRUE(std::isnan(r.logpdf));
  // Outer branches: κ(−1) = 0, κ(1) = 1.2.
  EXPECT_EQ(ir::evaluateObserved(m, std::vector<double>{1.0, -1.0}).expectedMain[0], 0.0);
  EXPECT_TRUE(closeRel(ir::evaluateObserved(m, std::vector<double>{1.0, 1.0}).expectedMain[0], 6.0, 1e-15));
  // With code1, κ(0) = 1 exactly.
  ir::Module m1 = lowerText(text, ir::InterpCodes{"code1", "code4p"});
  EXPECT_EQ(ir::evaluateObserved(m1, std::vector<double>{1.0, 0.0}).expectedMain[0], 5.0);
}

TEST(EvalEdgeCases, NormSysAndHistoSysShareAlpha) {
  // One α drives both: λ = κ(α)·(ν + Δ(α)); code1/code0 at α = 0.5:
  // κ = √1.1, Δ = 0.5·(hi − nom).
  const char *text = R"({
    "channels": [{"name": "c", "samples": [
      {"name": "s", "data": [20, 10], "modifiers": [
        {"name": "x", "type": "normsys", "data": {"hi": 1.1, "lo": 0.9}},
        {"name": "x", "type": "histosys", "data": {"hi_data": [22, 10.5], "lo_data": [19, 9.8]}}]}]}],
    "observations": [{"name": "c", "data": [20, 10]}],
    "measurements": [{"name": "m", "config": {"poi": "", "parameters": []}}],
    "version": "1.0.0"})";
  ir::Module m = lowerText(text, ir::InterpCodes{"code1", "code0"});
  ASSERT_EQ(m.params.size(), 1u);
  ir::EvalResult r = ir::evaluateObserved(m, std::vector<double>{0.5});
  EXPECT_TRUE(closeRel(r.expectedMain[0], std::sqrt(1.1) * 21, 1e-15));
  EXPECT_TRUE(closeRel(r.expectedMain[1], std::sqrt(1.1) * 10.25, 1e-15));
  double expected = poisson(20, std::sqrt(1.1) * 21) + poisson(10, std::sqrt(1.1) * 10.25) + gauss(0, 0.5, 1);
  EXPECT_TRUE(closeRel(r.logpdf, expected, 1e-13));
}

TEST(EvalEdgeCases, InitialParametersFollowOverrides) {
  ir::Module m = lowerText(kExampleB);
  EXPECT_EQ(ir::initialParameters(m), (std::vector<double>{0, 1, 1, 0, 1, 1}));
  // At the inits every Gaussian is at its mode: constraints are pure normalisation.
  ir::EvalResult r = ir::evaluateObserved(m, ir::initialParameters(m));
  double constraints = -5 * std::log(std::sqrt(2 * M_PI)) - std::log(0.02 * kSigmaStat0 * kSigmaStat1);
  EXPECT_TRUE(closeRel(r.expectedMain[0], 29.0, 1e-15)); // 4 + 20 + 5
  EXPECT_TRUE(closeRel(r.expectedMain[1], 17.0, 1e-15)); // 2 + 10 + 5
  EXPECT_TRUE(closeRel(r.logpdf, mainB(29, 17) + constraints, 1e-13));
}

} // namespace
} // namespace hf
