//===- tests/diagnostics/prediction_test.cpp - Yields and bands vs cabinetry ===//
//
// report::predict against cabinetry's model_utils.prediction on its tutorial
// workspace (inference.json "prediction"). With cabinetry's own parameter
// point (its best fit, uncertainties and correlations) the propagation is
// deterministic arithmetic and must agree to ~1e-9; with hfc's own fit the
// numbers carry the fit's agreement with MINUIT (1e-4 relative).
//
//===----------------------------------------------------------------------===//
#include "report/prediction.h"

#include "runtime/fit.h"
#include "tests/diagnostics/cabinetry_reference.h"

#include <gtest/gtest.h>

using namespace hf;
using hf::test::cabinetryInference;
using hf::test::closeRelative;

namespace {

/// Every yield and band of `p` against cabinetry's prediction block `ref`.
void expectPrediction(const report::Prediction &p, const Json &ref, double rel) {
  ASSERT_EQ(p.label, ref.at("label").get<std::string>());
  ASSERT_EQ(p.channels.size(), ref.at("channels").size());
  for (size_t c = 0; c < p.channels.size(); ++c) {
    const report::ChannelPrediction &cp = p.channels[c];
    EXPECT_EQ(cp.name, ref.at("channels")[c].get<std::string>());
    const Json &yields = ref.at("model_yields")[c];
    const Json &bins = ref.at("total_stdev_model_bins")[c];
    const Json &sums = ref.at("total_stdev_model_channels")[c];
    ASSERT_EQ(cp.samples.size(), yields.size());
    for (size_t s = 0; s < cp.samples.size(); ++s) {
      EXPECT_EQ(cp.samples[s], ref.at("samples")[s].get<std::string>());
      double sampleSum = 0;
      for (size_t b = 0; b < cp.yields[s].size(); ++b) {
        double y = yields[s][b].get<double>(), sd = bins[s][b].get<double>();
        sampleSum += y;
        EXPECT_PRED3(closeRelative, cp.yields[s][b], y, rel) << cp.samples[s] << " bin " << b;
        EXPECT_PRED3(closeRelative, cp.sampleStdev[s][b], sd, rel) << cp.samples[s] << " bin " << b;
      }
      EXPECT_PRED3(closeRelative, cp.sampleTotals[s], sampleSum, rel) << cp.samples[s];
      EXPECT_PRED3(closeRelative, cp.sampleTotalStdev[s], sums[s].get<double>(), rel) << cp.samples[s];
    }
    size_t ns = cp.samples.size();
    double total = 0;
    for (size_t b = 0; b < cp.totalYields.size(); ++b) {
      double y = 0;
      for (size_t s = 0; s < ns; ++s)
        y += yields[s][b].get<double>();
      total += y;
      EXPECT_PRED3(closeRelative, cp.totalYields[b], y, rel) << "total bin " << b;
      EXPECT_PRED3(closeRelative, cp.totalStdev[b], bins[ns][b].get<double>(), rel) << "total bin " << b;
    }
    EXPECT_PRED3(closeRelative, cp.total, total, rel);
    EXPECT_PRED3(closeRelative, cp.totalStdevSum, sums[ns].get<double>(), rel);
    for (size_t b = 0; b < cp.data.size(); ++b)
      EXPECT_EQ(cp.data[b], cabinetryInference().at("data_per_channel")[c][b].get<double>());
  }
}

std::vector<double> numbers(const Json &j) { return j.get<std::vector<double>>(); }

} // namespace

TEST(Prediction, PrefitUncertaintiesAreCabinetrys) {
  ir::Module m = test::cabinetryTutorialModule();
  std::vector<double> widths = report::prefitUncertainties(m);
  std::vector<double> ref = numbers(cabinetryInference().at("model").at("prefit_uncertainties"));
  ASSERT_EQ(widths.size(), ref.size());
  for (size_t i = 0; i < ref.size(); ++i)
    EXPECT_PRED3(closeRelative, widths[i], ref[i], 1e-12) << m.params[i].name;
}

TEST(Prediction, PrefitEqualsCabinetry) {
  ir::Module m = test::cabinetryTutorialModule();
  report::Prediction p = report::prefitPrediction(m, observedData(m));
  expectPrediction(p, cabinetryInference().at("prediction").at("prefit"), 1e-10);
}

TEST(Prediction, PostfitAtCabinetrysFitEqualsCabinetry) {
  ir::Module m = test::cabinetryTutorialModule();
  const Json &fit = cabinetryInference().at("fit");
  FitResult r;
  r.theta = numbers(fit.at("bestfit"));
  r.uncertainties = numbers(fit.at("uncertainty"));
  r.correlations = fit.at("corr_mat").get<std::vector<std::vector<double>>>();
  report::Prediction p = report::postfitPrediction(m, observedData(m), r);
  expectPrediction(p, cabinetryInference().at("prediction").at("postfit"), 1e-9);
}

// At hfc's own fit: the bands are linear in the uncertainties, which are
// MINUIT's HESSE to 5e-4 (cabinetry_inference_test.cpp), the yields at a
// best fit ~0.02σ from MINUIT's.
TEST(Prediction, PostfitAtHfcsFitEqualsCabinetry) {
  ir::Module m = test::cabinetryTutorialModule();
  Likelihood likelihood(m);
  FitResult r = Fitter(likelihood).fit(observedData(m), FitSettings::defaults(m), true);
  report::Prediction p = report::postfitPrediction(likelihood.model(), observedData(m), r);
  expectPrediction(p, cabinetryInference().at("prediction").at("postfit"), 5e-4);
}

TEST(Prediction, SampleYieldsSumToTheExpectedData) {
  // The per-sample rates must add up to the likelihood's own expected data
  // at any point (here a shifted one), bin by bin.
  ir::Module m = test::cabinetryTutorialModule();
  Likelihood likelihood(m);
  std::vector<double> theta = {0.3, -0.7, 2.1, 0.4, 1.02, 0.97, 1.05, 0.93};
  std::vector<double> main(m.nMain), aux(m.nAux);
  likelihood.expected(theta, main, aux);
  auto y = report::sampleYields(m, theta);
  for (size_t c = 0; c < m.channels.size(); ++c)
    for (uint32_t b = 0; b < m.channels[c].nbins; ++b) {
      double sum = 0;
      for (const auto &sample : y[c])
        sum += sample[b];
      EXPECT_NEAR(sum, main[m.channels[c].offset + b], 1e-10 * main[m.channels[c].offset + b]);
    }
}
