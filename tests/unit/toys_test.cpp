//===- tests/unit/toys_test.cpp - The toy-based calculator -----------------===//
//
// inference.md §5 on the 2-bin shapesys model (histfactory.md §11 A): the
// toys are reproducible for a seed whatever the thread count, differ between
// seeds, agree with the asymptotic CLs (pyhf: CLs_obs 0.35998) within their
// binomial errors, and are drawn with the right means (main bins at λ(θ_s),
// Poisson aux at θ·τ; Gaussian aux around θ with width σ on a normsys and
// staterror model).
//
//===----------------------------------------------------------------------===//
#include "runtime/toys.h"

#include "frontend/json_reader.h"
#include "frontend/json_text.h"
#include "frontend/load.h"
#include "ir/lower.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace hf {
namespace {

/// The 2-bin model, compiled once for the whole file.
const Likelihood &twoBin() {
  static const std::unique_ptr<Likelihood> likelihood = [] {
    LoadOptions options;
    options.modelFile = std::string(HF_REFERENCE_DIR) + "/models/2-bin_1-channel.json";
    return std::make_unique<Likelihood>(ir::lower(loadModel(options)));
  }();
  return *likelihood;
}

ToyCalculator twoBinToys(size_t ntoys, uint64_t seed, unsigned threads) {
  const Likelihood &l = twoBin();
  ToyOptions options;
  options.ntoys = ntoys;
  options.seed = seed;
  options.threads = threads;
  options.progress = false;
  return ToyCalculator(l, TestStatistic::QTilde, FitSettings::defaults(l.model()), observedData(l.model()),
                       options);
}

/// Bitwise equality, so that NaN equals NaN and 0.0 differs from -0.0.
bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void expectIdentical(const HypoTestResult &a, const HypoTestResult &b) {
  EXPECT_TRUE(sameBits(a.clsObs, b.clsObs)) << a.clsObs << " vs " << b.clsObs;
  EXPECT_TRUE(sameBits(a.clsb, b.clsb)) << a.clsb << " vs " << b.clsb;
  EXPECT_TRUE(sameBits(a.clb, b.clb)) << a.clb << " vs " << b.clb;
  EXPECT_TRUE(sameBits(a.q, b.q));
  for (int k = 0; k < 5; ++k)
    EXPECT_TRUE(sameBits(a.clsExp[k], b.clsExp[k])) << "band " << k << ": " << a.clsExp[k] << " vs " << b.clsExp[k];
}

TEST(Toys, SameSeedSameResultsForAnyThreadCount) {
  ToyCalculator one = twoBinToys(300, 11, 1), several = twoBinToys(300, 11, 3);
  HypoTestResult a = one.hypotest(1.0), b = several.hypotest(1.0);
  expectIdentical(a, b);
  for (ToySample s : {ToySample::Signal, ToySample::Background}) {
    ASSERT_EQ(one.toyStatistics(s).size(), 300u);
    for (size_t k = 0; k < 300; ++k)
      EXPECT_TRUE(sameBits(one.toyStatistics(s)[k], several.toyStatistics(s)[k])) << "toy " << k;
  }
  EXPECT_EQ(one.failedToys(), 0u);
  EXPECT_EQ(several.failedToys(), 0u);
  // And again on the same calculator (the observed fit is cached).
  expectIdentical(several.hypotest(1.0), a);
}

TEST(Toys, DifferentSeedsDiffer) {
  ToyCalculator a = twoBinToys(300, 11, 0), b = twoBinToys(300, 12, 0);
  HypoTestResult ra = a.hypotest(1.0), rb = b.hypotest(1.0);
  EXPECT_TRUE(sameBits(ra.q, rb.q)); // the observed statistic does not depend on the seed
  for (ToySample s : {ToySample::Signal, ToySample::Background}) {
    size_t differ = 0;
    for (size_t k = 0; k < 300; ++k)
      differ += a.toyStatistics(s)[k] != b.toyStatistics(s)[k];
    // q̃ = 0 (μ̂ > μ, about half the signal toys) can coincide; the rest are
    // continuous-valued.
    EXPECT_GT(differ, 100u);
  }
  bool anyDiffers = !sameBits(ra.clsObs, rb.clsObs);
  for (int k = 0; k < 5; ++k)
    anyDiffers = anyDiffers || !sameBits(ra.clsExp[k], rb.clsExp[k]);
  EXPECT_TRUE(anyDiffers);
}

TEST(Toys, AgreesWithAsymptotics) {
  const Likelihood &l = twoBin();
  AsymptoticCalculator asymptotic(l, TestStatistic::QTilde, FitSettings::defaults(l.model()), observedData(l.model()));
  HypoTestResult ra = asymptotic.hypotest(1.0);
  ASSERT_NEAR(ra.clsObs, 0.35998412289728177, 1e-6); // hypotest_mu1_qtilde

  const size_t n = 1000;
  ToyCalculator toys = twoBinToys(n, 2026, 0);
  HypoTestResult rt = toys.hypotest(1.0);
  EXPECT_EQ(toys.failedToys(), 0u);
  EXPECT_TRUE(sameBits(rt.q, ra.q)) << rt.q << " vs " << ra.q;
  // Binomial errors of the two tail fractions at the asymptotic values, and
  // of their ratio; 4σ each.
  double sb = ra.clsb, b = ra.clb;
  double sigmaSb = std::sqrt(sb * (1 - sb) / n), sigmaB = std::sqrt(b * (1 - b) / n);
  double sigmaCls = ra.clsObs * std::hypot(sigmaSb / sb, sigmaB / b);
  EXPECT_NEAR(rt.clsb, sb, 4 * sigmaSb);
  EXPECT_NEAR(rt.clb, b, 4 * sigmaB);
  EXPECT_NEAR(rt.clsObs, ra.clsObs, 4 * sigmaCls);
  // The median expected CLs is that of a median background toy: the same
  // error estimate applies.
  EXPECT_NEAR(rt.clsExp[2], ra.clsExp[2], 4 * sigmaCls);
  for (int k = 1; k < 5; ++k)
    EXPECT_LE(rt.clsExp[k - 1], rt.clsExp[k]) << "the band ascends";
}

/// Sample means of `n` toys drawn at theta against the expected data there,
/// within 4.5 standard errors (`variance` per toy of each entry).
void expectMeans(const Likelihood &l, const std::vector<double> &theta, uint64_t seed, ToySample sample, size_t n,
                 const std::vector<double> &auxVariance) {
  const ir::Module &m = l.model();
  std::vector<double> main(m.nMain), aux(m.nAux);
  l.expected(theta, main, aux);
  std::vector<double> sumMain(m.nMain), sumAux(m.nAux);
  for (size_t k = 0; k < n; ++k) {
    std::mt19937_64 rng = toyGenerator(seed, k, sample);
    Dataset d = sampleDataset(l, theta, rng);
    for (size_t i = 0; i < m.nMain; ++i) {
      EXPECT_EQ(d.main[i], std::floor(d.main[i])) << "Poisson counts are integers";
      sumMain[i] += d.main[i];
    }
    for (size_t i = 0; i < m.nAux; ++i)
      sumAux[i] += d.aux[i];
  }
  for (size_t i = 0; i < m.nMain; ++i)
    EXPECT_NEAR(sumMain[i] / n, main[i], 4.5 * std::sqrt(main[i] / n)) << "main bin " << i;
  for (size_t i = 0; i < m.nAux; ++i)
    EXPECT_NEAR(sumAux[i] / n, aux[i], 4.5 * std::sqrt(auxVariance[i] / n)) << "aux " << i;
}

TEST(Toys, SignalToysHaveTheModelsMeans) {
  const Likelihood &l = twoBin();
  ToyCalculator toys = twoBinToys(50, 5, 0);
  toys.hypotest(1.0);
  size_t poi = static_cast<size_t>(l.model().poiIndex);
  const std::vector<double> &thetaS = toys.generatingTheta(ToySample::Signal);
  ASSERT_EQ(thetaS.size(), 3u);
  EXPECT_EQ(thetaS[poi], 1.0); // μ fixed at the tested value
  const std::vector<double> &thetaB = toys.generatingTheta(ToySample::Background);
  EXPECT_EQ(thetaB[poi], 0.0);

  // The calculator's toys are these datasets (same generator, same θ): their
  // statistics, recomputed with the fits as for the observed data, agree.
  Fitter fitter(l);
  FitSettings settings = FitSettings::defaults(l.model());
  for (uint64_t k = 0; k < 20; ++k) {
    for (ToySample sample : {ToySample::Signal, ToySample::Background}) {
      const std::vector<double> &theta = toys.generatingTheta(sample);
      std::mt19937_64 rng = toyGenerator(5, k, sample);
      Dataset d = sampleDataset(l, theta, rng);
      FitResult free = fitter.fit(d, settings, false, &theta);
      double q = testStatistic(fitter, TestStatistic::QTilde, 1.0, d, settings, free);
      EXPECT_NEAR(toys.toyStatistics(sample)[k], q, 1e-6 * std::max(1.0, q)) << "toy " << k;
    }
  }

  // Poisson aux: mean θ·τ = variance.
  const ir::Module &m = l.model();
  std::vector<double> main(m.nMain), aux(m.nAux);
  l.expected(thetaS, main, aux);
  expectMeans(l, thetaS, 5, ToySample::Signal, 4000, aux);
  l.expected(thetaB, main, aux);
  expectMeans(l, thetaB, 5, ToySample::Background, 4000, aux);
}

TEST(Toys, GaussianAuxAroundTheParameters) {
  const char *text = R"({
    "channels": [{"name": "c", "samples": [
      {"name": "signal", "data": [5, 10], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]},
      {"name": "background", "data": [50, 60], "modifiers": [
        {"name": "norm", "type": "normsys", "data": {"hi": 1.1, "lo": 0.9}},
        {"name": "stat", "type": "staterror", "data": [5, 3]}]}]}],
    "observations": [{"name": "c", "data": [50, 60]}],
    "measurements": [{"name": "m", "config": {"poi": "mu", "parameters": []}}],
    "version": "1.0.0"})";
  Workspace ws = readWorkspace(parseJsonText(text, "ws.json"), "ws.json");
  ModelSpec spec = modelSpecOf(ws, "");
  Likelihood l(ir::lower(spec));
  const ir::Module &m = l.model();
  // Away from the nominal values: the aux data follow θ, not the nominal aux.
  std::vector<double> theta(l.npars());
  std::vector<double> auxVariance(m.nAux);
  for (const ir::ParamSet &set : m.paramsets) {
    for (uint32_t c = 0; c < set.size; ++c) {
      theta[set.start + c] = set.name == "mu" ? 0.7 : set.name == "norm" ? 0.5 : 1.05 - 0.1 * c;
      if (set.constraint == ir::Constraint::Gauss)
        auxVariance[set.auxStart + c] = set.widths[c] * set.widths[c];
    }
  }
  ASSERT_EQ(m.nAux, 3u);
  expectMeans(l, theta, 3, ToySample::Signal, 4000, auxVariance);
  // Their spread: σ per component.
  for (const ir::ParamSet &set : m.paramsets) {
    if (set.constraint != ir::Constraint::Gauss)
      continue;
    for (uint32_t c = 0; c < set.size; ++c) {
      double sum = 0, sum2 = 0;
      const size_t n = 4000;
      for (size_t k = 0; k < n; ++k) {
        std::mt19937_64 rng = toyGenerator(3, k, ToySample::Signal);
        double a = sampleDataset(l, theta, rng).aux[set.auxStart + c];
        sum += a;
        sum2 += a * a;
      }
      double variance = sum2 / n - (sum / n) * (sum / n), sigma2 = set.widths[c] * set.widths[c];
      EXPECT_NEAR(variance, sigma2, 4.5 * sigma2 * std::sqrt(2.0 / n)) << set.name << "[" << c << "]";
    }
  }
}

TEST(Toys, PercentilesAndPValues) {
  std::vector<double> v{1, 2, 3, 4, 10};
  EXPECT_DOUBLE_EQ(percentile(v, 50.0), 3.0);
  EXPECT_DOUBLE_EQ(percentile(v, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(percentile(v, 100.0), 10.0);
  EXPECT_DOUBLE_EQ(percentile(v, 2.27501319), 1.0910005276);
  EXPECT_DOUBLE_EQ(percentile(v, 97.72498681), 9.4539968344);
  EXPECT_DOUBLE_EQ(percentile(std::vector<double>{7}, 15.86552539), 7.0);
  // Ties count as "at least as extreme".
  std::vector<double> s{0, 0, 1, 2, 2};
  EXPECT_DOUBLE_EQ(empiricalPValue(s, 0), 1.0);
  EXPECT_DOUBLE_EQ(empiricalPValue(s, 2), 0.4);
  EXPECT_DOUBLE_EQ(empiricalPValue(s, 1.5), 0.4);
  EXPECT_DOUBLE_EQ(empiricalPValue(s, 3), 0.0);
}

TEST(Toys, SeedsAreIndependent) {
  // Toy k of the signal and background samples, and of neighbouring seeds,
  // have different streams.
  EXPECT_NE(toyGenerator(0, 0, ToySample::Signal)(), toyGenerator(0, 0, ToySample::Background)());
  EXPECT_NE(toyGenerator(0, 1, ToySample::Signal)(), toyGenerator(1, 0, ToySample::Signal)());
  EXPECT_NE(toyGenerator(0, 0, ToySample::Signal)(), toyGenerator(uint64_t{1} << 32, 0, ToySample::Signal)());
  EXPECT_EQ(toyGenerator(9, 4, ToySample::Signal)(), toyGenerator(9, 4, ToySample::Signal)());
}

} // namespace
} // namespace hf
