//===- tests/unit/code2_backends_test.cpp - histosys code2 in both back ends ===//
//
// interpolation.md §6's worked example, (d, m, u) = (9, 10, 12), evaluated
// through a whole model by the reference interpreter and by the JIT, at α on
// every branch of code 2. The expected rates are hand-computed from pyhf's
// code2.py (α < −1 is (b − 2a)·α, a line through the origin), so a back end
// that keeps the old (b − 2a)(α + 1) form fails here.
//
//===----------------------------------------------------------------------===//
#include "frontend/json_reader.h"
#include "frontend/json_text.h"
#include "frontend/load.h"
#include "ir/eval.h"
#include "ir/lower.h"
#include "runtime/likelihood.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace hf {
namespace {

const char *kModel = R"({
  "channels": [{"name": "c", "samples": [
    {"name": "s", "data": [10], "modifiers": [
      {"name": "h", "type": "histosys", "data": {"hi_data": [12], "lo_data": [9]}}]}]}],
  "observations": [{"name": "c", "data": [11]}],
  "measurements": [{"name": "m", "config": {"poi": "h", "parameters": []}}],
  "version": "1.0.0"})";

struct Point {
  double alpha, rate, slope; ///< hand-computed m + Δ(α) and dΔ/dα
};

// a = ½(u + d) − m = 0.5, b = ½(u − d) = 1.5; slopes b + 2a = 2.5, b − 2a = 0.5.
const Point kPoints[] = {{-3, 8.5, 0.5}, {-2, 9, 0.5},     {-1.5, 9.25, 0.5}, {-1, 9, 0.5},
                         {1, 12, 2.5},  {1.5, 11.25, 2.5}, {2, 12.5, 2.5}};

ir::Module lowerModel() {
  Workspace ws = readWorkspace(parseJsonText(kModel, "code2.json"), "code2.json");
  return ir::lower(modelSpecOf(ws, ""), ir::InterpCodes{"code1", "code2"});
}

/// log Pois(11 | λ) + log N(0 | α, 1), written out.
double logpdfByHand(double rate, double alpha) {
  return 11 * std::log(rate) - rate - std::lgamma(12.0) - 0.5 * std::log(2 * M_PI) -
         0.5 * alpha * alpha;
}

/// d/dα of logpdfByHand: (11/λ − 1)·dλ/dα − α.
double gradByHand(double rate, double slope, double alpha) {
  return (11 / rate - 1) * slope - alpha;
}

void checkBackend(Backend backend) {
  LikelihoodOptions options;
  options.backend = backend;
  options.compileExpected = true;
  options.smoothTwin = false;
  Likelihood lk(lowerModel(), options);
  ASSERT_EQ(lk.npars(), 1u);
  const ir::Module &m = lk.model();
  for (const Point &p : kPoints) {
    std::vector<double> theta = {p.alpha}, main(m.nMain), aux(m.nAux), grad(1);
    lk.expected(theta, main, aux);
    EXPECT_NEAR(main[0], p.rate, 1e-12) << "alpha = " << p.alpha;
    double value = lk.logpdfGrad(theta, m.observedMain, m.nominalAux, grad);
    EXPECT_NEAR(value, logpdfByHand(p.rate, p.alpha), 1e-12) << "alpha = " << p.alpha;
    EXPECT_NEAR(grad[0], gradByHand(p.rate, p.slope, p.alpha), 1e-12) << "alpha = " << p.alpha;
  }
}

TEST(Code2Backends, InterpreterFollowsPyhfBelowMinusOne) { checkBackend(Backend::Interpreter); }

TEST(Code2Backends, JitFollowsPyhfBelowMinusOne) { checkBackend(Backend::Jit); }

TEST(Code2Backends, ReferenceEvalOfTheModule) {
  ir::Module m = lowerModel();
  for (const Point &p : kPoints) {
    std::vector<double> theta = {p.alpha};
    ir::EvalResult r = ir::evaluateObserved(m, theta);
    EXPECT_NEAR(r.expectedMain[0], p.rate, 1e-12) << "alpha = " << p.alpha;
  }
}

} // namespace
} // namespace hf
