//===- tests/reference/jit_parity_test.cpp - JIT vs the interpreter -------===//
//
// The JIT-compiled logpdf, gradient and expected data against the IR
// interpreter (the reference back end) at every reference point, for every
// reference case and both interpolation settings: 1e-12 relative, except
// where the terms themselves cancel beyond double precision (roundingScale).
//
//===----------------------------------------------------------------------===//
#include "tests/reference/reference_data.h"

#include "frontend/diagnostics.h"
#include "ir/eval.h"
#include "ir/lower.h"
#include "runtime/likelihood.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace hf::test {
namespace {

constexpr double kTolerance = 1e-12;


class JitParity : public testing::TestWithParam<ReferenceParam> {};

TEST_P(JitParity, JitMatchesInterpreter) {
  setWarningsEnabled(false);
  Json block = referenceBlock(GetParam());
  ir::Module m = lowerReference(GetParam(), block);
  LikelihoodOptions jitOptions;
  jitOptions.compileExpected = true; // compare the compiled expected data too
  Likelihood jit(m, jitOptions);
  LikelihoodOptions interpOptions;
  interpOptions.backend = Backend::Interpreter;
  Likelihood interp(m, interpOptions);

  for (const Json &point : block.at("logpdf_points")) {
    for (const auto &item : point.at("pars").items())
      ASSERT_GE(referenceParameterIndex(m, item.key()), 0) << item.key();
    std::vector<double> theta = referenceTheta(m, point.at("pars"));
    double scale = std::numeric_limits<double>::epsilon() * roundingScale(m, theta);

    std::vector<double> gJit(m.params.size()), gInterp(m.params.size());
    double lJit = jit.logpdfGrad(theta, m.observedMain, m.nominalAux, gJit);
    double lInterp = interp.logpdfGrad(theta, m.observedMain, m.nominalAux, gInterp);
    EXPECT_LE(std::fabs(lJit - lInterp), std::max(kTolerance * std::fabs(lInterp), 2 * scale));
    EXPECT_EQ(lJit, jit.logpdf(theta, m.observedMain, m.nominalAux)) << "logpdf and logpdf_grad disagree";

    double gMax = 0;
    for (double g : gInterp)
      gMax = std::max(gMax, std::fabs(g));
    for (size_t i = 0; i < gJit.size(); ++i)
      EXPECT_LE(std::fabs(gJit[i] - gInterp[i]), kTolerance * std::max({std::fabs(gInterp[i]), gMax, 1.0}))
          << m.params[i].name << ": jit " << gJit[i] << ", interp " << gInterp[i];

    std::vector<double> mainJit(m.nMain), auxJit(m.nAux), mainInterp(m.nMain), auxInterp(m.nAux);
    jit.expected(theta, mainJit, auxJit);
    interp.expected(theta, mainInterp, auxInterp);
    for (size_t b = 0; b < m.nMain; ++b)
      EXPECT_LE(relDiff(mainJit[b], mainInterp[b]), kTolerance) << "main bin " << b;
    for (size_t k = 0; k < m.nAux; ++k)
      EXPECT_LE(relDiff(auxJit[k], auxInterp[k]), kTolerance) << "aux " << k;
  }
}

INSTANTIATE_TEST_SUITE_P(Reference, JitParity, testing::ValuesIn(referenceParams()),
                         [](const auto &test) { return referenceParamName(test.param); });

} // namespace
} // namespace hf::test
