//===- tests/diagnostics/goodness_of_fit_test.cpp - Saturated-model GoF ---===//
//
// runtime/goodness_of_fit.h against cabinetry's own test
// (test_fit.py::test__goodness_of_fit on its example_spec_multibin, pinned in
// ../shared/reference/cabinetry/README.md: ΔNLL 0.084185, p 0.91926079 for
// best_twice_nll 9.964913) and its tutorial fit (inference.json), and the
// χ² tail against closed forms.
//
//===----------------------------------------------------------------------===//
#include "runtime/goodness_of_fit.h"

#include "runtime/asimov.h"
#include "tests/diagnostics/cabinetry_reference.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace hf;

namespace {

/// cabinetry's example_spec_multibin: two channels, three bins, one
/// normfactor and staterrors.
const char *kMultibin = R"({"channels": [
  {"name": "region_1", "samples": [{"name": "Signal", "data": [25, 5], "modifiers": [
     {"name": "Signal strength", "type": "normfactor", "data": null},
     {"name": "staterror_region_1", "type": "staterror", "data": [5, 2]}]}]},
  {"name": "region_2", "samples": [{"name": "Signal", "data": [8], "modifiers": [
     {"name": "Signal strength", "type": "normfactor", "data": null},
     {"name": "staterror_region_2", "type": "staterror", "data": [1]}]}]}],
 "observations": [{"name": "region_1", "data": [35, 8]}, {"name": "region_2", "data": [10]}],
 "measurements": [{"name": "My fit", "config": {"poi": "Signal strength", "parameters": []}}],
 "version": "1.0.0"})";

} // namespace

TEST(GoodnessOfFit, Chi2TailIsTheClosedForm) {
  EXPECT_NEAR(chi2Survival(2.5, 2), std::exp(-1.25), 1e-15);                // k = 2: e^{−x/2}
  EXPECT_NEAR(chi2Survival(1.0, 1), std::erfc(1 / std::sqrt(2.0)), 1e-15);  // k = 1: 2(1 − Φ(√x))
  EXPECT_NEAR(chi2Survival(3.0, 4), std::exp(-1.5) * (1 + 1.5), 1e-15);     // k = 4: e^{−x/2}(1 + x/2)
  EXPECT_TRUE(std::isnan(chi2Survival(1.0, 0)));
}

TEST(GoodnessOfFit, CabinetrysMultibinExample) {
  ir::Module m = test::moduleFromJsonText(kMultibin);
  FitSettings s = FitSettings::defaults(m);
  EXPECT_EQ(unconstrainedParameterCount(m, s), 1);
  GoodnessOfFit g = goodnessOfFit(m, observedData(m), s, 9.964913);
  EXPECT_EQ(g.ndof, 2);
  EXPECT_NEAR(g.deltaNll, 0.084185, 5e-7); // cabinetry logs six decimals
  EXPECT_NEAR(g.pValue, 0.91926079, 5e-7);
  // hfc's own fit reaches cabinetry's minimum.
  Likelihood likelihood(m);
  FitResult r = Fitter(likelihood).fit(observedData(m), s);
  EXPECT_NEAR(r.twiceNll, 9.964913, 1e-5);
}

TEST(GoodnessOfFit, TutorialEqualsCabinetry) {
  ir::Module m = test::cabinetryTutorialModule();
  FitSettings s = FitSettings::defaults(m);
  const Json &ref = test::cabinetryInference().at("fit");
  double refP = ref.at("goodness_of_fit").get<double>();
  // At cabinetry's minimum the p-value is arithmetic on it: to 1e-10.
  GoodnessOfFit atRef = goodnessOfFit(m, observedData(m), s, ref.at("best_twice_nll").get<double>());
  EXPECT_EQ(atRef.ndof, 3); // 4 bins − Signal_norm
  EXPECT_NEAR(atRef.pValue, refP, 1e-10 * refP);
  // At hfc's own minimum: 1e-4 relative.
  Likelihood likelihood(m);
  FitResult r = Fitter(likelihood).fit(observedData(m), s);
  GoodnessOfFit g = goodnessOfFit(m, observedData(m), s, r.twiceNll);
  EXPECT_PRED3(test::closeRelative, g.pValue, refP, 1e-4);
}

TEST(GoodnessOfFit, AsimovDataFitPerfectly) {
  // On Asimov data the best fit is the Asimov point and reproduces the data
  // bin by bin: the saturated model is no better, ΔNLL = 0, p = 1.
  ir::Module m = test::cabinetryTutorialModule();
  Likelihood likelihood(m);
  Dataset asimov = asimovData(likelihood);
  FitSettings s = FitSettings::defaults(m);
  FitResult r = Fitter(likelihood).fit(asimov, s);
  GoodnessOfFit g = goodnessOfFit(m, asimov, s, r.twiceNll);
  EXPECT_NEAR(g.deltaNll, 0, 1e-7);
  EXPECT_NEAR(g.pValue, 1, 1e-6);
}
