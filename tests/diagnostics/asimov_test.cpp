//===- tests/diagnostics/asimov_test.cpp - cabinetry's Asimov dataset -----===//
#include "runtime/asimov.h"

#include "tests/diagnostics/cabinetry_reference.h"

#include <gtest/gtest.h>

using namespace hf;

TEST(Asimov, ParametersAreCabinetrys) {
  ir::Module m = test::cabinetryTutorialModule();
  std::vector<double> ref = test::cabinetryInference().at("model").at("asimov_parameters").get<std::vector<double>>();
  EXPECT_EQ(asimovParameters(m), ref);
}

TEST(Asimov, DataAreThePrefitYieldsAndTheNominalAux) {
  ir::Module m = test::cabinetryTutorialModule();
  Likelihood likelihood(m);
  Dataset d = asimovData(likelihood);
  // The tutorial's inits are its Asimov parameters: the main data are
  // cabinetry's pre-fit total yields.
  const Json &yields = test::cabinetryInference().at("prediction").at("prefit").at("model_yields")[0];
  for (size_t b = 0; b < d.main.size(); ++b) {
    double total = 0;
    for (const Json &sample : yields)
      total += sample[b].get<double>();
    EXPECT_NEAR(d.main[b], total, 1e-10 * total);
  }
  EXPECT_EQ(d.aux, m.nominalAux);
}

TEST(Asimov, FitOnAsimovDataReturnsTheAsimovPoint) {
  ir::Module m = test::cabinetryTutorialModule();
  Likelihood likelihood(m);
  FitResult r = Fitter(likelihood).fit(asimovData(likelihood), FitSettings::defaults(m));
  std::vector<double> expected = asimovParameters(m);
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(r.theta[i], expected[i], 1e-4) << m.params[i].name;
}
