//===- tests/unit/speed/speed_test.cpp - Speed work that must not move numbers ===//
//
// Issue 15's guarantees, each against an independent reference:
//  - structure-level machine code: models that differ in their numbers, in
//    their modifier counts and in their parameter indices share one
//    compilation (JitModel reports Reused), and the shared code computes
//    what the IR interpreter computes for each of them;
//  - toys sharded over processes (ToyOptions::shards, as MPI ranks run them)
//    give the one-process toys bit for bit, for 1, 2 and 3 shards;
//  - toys with the toy precision (gradientGoal) give the reference-precision
//    toys' CLs within Monte Carlo error;
//  - toyHypoTestResult on a run's distributions is that run's result.
//
//===----------------------------------------------------------------------===//
#include "codegen/jit.h"
#include "frontend/json_reader.h"
#include "frontend/json_text.h"
#include "frontend/load.h"
#include "ir/autodiff.h"
#include "ir/eval.h"
#include "ir/lower.h"
#include "ir/pipeline.h"
#include "runtime/toys.h"

#include <gtest/gtest.h>

#include <barrier>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hf {
namespace {

/// A one-channel workspace: `bins` bins, one background with `histosys`
/// histosys and `normsys` normsys modifiers named from `first`, and a signal
/// with the POI. The numbers depend on `scale`.
std::string workspace(int bins, int histosys, int normsys, int first, double scale) {
  auto list = [&](double base, double step) {
    std::string s = "[";
    for (int b = 0; b < bins; ++b)
      s += (b ? "," : "") + std::to_string(scale * (base + step * b));
    return s + "]";
  };
  std::string mods = R"({"name": "mu", "type": "normfactor", "data": null})";
  std::string bkgMods = R"({"name": "lumi_like", "type": "normsys", "data": {"hi": 1.02, "lo": 0.98}})";
  for (int h = 0; h < histosys; ++h)
    bkgMods += R"(, {"name": "h)" + std::to_string(first + h) + R"(", "type": "histosys", "data": {"hi_data": )" +
               list(52 + h, 1) + R"(, "lo_data": )" + list(48 - h, 1) + "}}";
  for (int n = 0; n < normsys; ++n)
    bkgMods += R"(, {"name": "n)" + std::to_string(first + n) + R"(", "type": "normsys", "data": {"hi": )" +
               std::to_string(1.05 + 0.01 * n) + R"(, "lo": )" + std::to_string(0.96 - 0.01 * n) + "}}";
  return R"({"channels": [{"name": "c", "samples": [
      {"name": "sig", "data": )" + list(5, 0.5) + R"(, "modifiers": [)" + mods + R"(]},
      {"name": "bkg", "data": )" + list(50, 1) + R"(, "modifiers": [)" + bkgMods + R"(]}]}],
    "observations": [{"name": "c", "data": )" + list(56, 1) + R"(}],
    "measurements": [{"name": "m", "config": {"poi": "mu", "parameters": []}}], "version": "1.0.0"})";
}

ir::Module withGradient(const std::string &text) {
  ir::Module m = ir::lower(modelSpecOf(readWorkspace(parseJsonText(text, "test.json"), "test.json"), ""));
  ir::appendGradient(m, std::vector<bool>(m.params.size(), true));
  ir::optimize(m);
  return m;
}

/// The JIT's logpdf and gradient against the interpreter's at a point off the inits.
void expectMatchesInterpreter(const ir::Module &m, const codegen::JitModel &jit) {
  std::vector<double> theta;
  for (size_t i = 0; i < m.params.size(); ++i)
    theta.push_back(m.params[i].init + 0.1 * std::sin(1.0 + static_cast<double>(i)));
  ir::EvalResult want = ir::evaluate(m, theta, m.observedMain, m.nominalAux);
  std::vector<double> grad(m.params.size());
  double got = jit.logpdfGrad(theta.data(), m.observedMain.data(), m.nominalAux.data(), grad.data());
  EXPECT_NEAR(got, want.logpdf, 1e-11 * std::fabs(want.logpdf));
  EXPECT_NEAR(jit.logpdf(theta.data(), m.observedMain.data(), m.nominalAux.data()), want.logpdf,
              1e-11 * std::fabs(want.logpdf));
  for (size_t i = 0; i < grad.size(); ++i)
    EXPECT_NEAR(grad[i], want.gradient[i], 1e-9 * std::max(1.0, std::fabs(want.gradient[i]))) << m.params[i].name;
}

TEST(StructureCode, ModelsDifferingInCountsAndIndicesShareOneCompilation) {
  // Same kinds of modifiers and bins; different numbers, different numbers
  // of modifiers (3 vs 5 histosys, 2 vs 4 normsys) and so different
  // parameter indices — as the points of a PatchSet differ.
  codegen::JitOptions options;
  ir::Module a = withGradient(workspace(4, 3, 2, 0, 1.0));
  ir::Module b = withGradient(workspace(4, 5, 4, 7, 1.3));
  ASSERT_NE(a.params.size(), b.params.size());
  auto ja = codegen::JitModel::compile(a, options);
  auto jb = codegen::JitModel::compile(b, options);
  EXPECT_EQ(jb->codeSource(), codegen::JitModel::CodeSource::Reused);
  expectMatchesInterpreter(a, *ja);
  expectMatchesInterpreter(b, *jb);
  // And the first model still evaluates with its own pool after the second.
  expectMatchesInterpreter(a, *ja);
}

TEST(StructureCode, ABinLayoutIsPartOfTheStructureOnlyThroughItsTables) {
  // A different number of bins is a different model; it may or may not
  // reuse, but either way it must compute the interpreter's numbers.
  codegen::JitOptions options;
  ir::Module a = withGradient(workspace(3, 2, 1, 0, 1.0));
  ir::Module b = withGradient(workspace(6, 2, 1, 0, 0.7));
  auto ja = codegen::JitModel::compile(a, options);
  auto jb = codegen::JitModel::compile(b, options);
  expectMatchesInterpreter(a, *ja);
  expectMatchesInterpreter(b, *jb);
}

/// The 2-bin reference model, compiled once.
const Likelihood &twoBin() {
  static const std::unique_ptr<Likelihood> likelihood = [] {
    LoadOptions options;
    options.modelFile = std::string(HF_REFERENCE_DIR) + "/models/2-bin_1-channel.json";
    return std::make_unique<Likelihood>(ir::lower(loadModel(options)));
  }();
  return *likelihood;
}

ToyOptions toyOptions(size_t ntoys, uint64_t seed) {
  ToyOptions o;
  o.ntoys = ntoys;
  o.seed = seed;
  o.progress = false;
  return o;
}

bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

/// `shards` calculators on their own threads, as MPI ranks: allSum adds
/// their arrays through a shared buffer between two barriers.
std::vector<std::vector<double>> shardedToys(unsigned shards, size_t ntoys, uint64_t seed, HypoTestResult &result) {
  const Likelihood &l = twoBin();
  std::barrier sync(static_cast<std::ptrdiff_t>(shards));
  std::mutex mutex;
  std::vector<double> shared;
  std::vector<HypoTestResult> results(shards);
  std::vector<std::vector<double>> signal(shards), background(shards);
  std::vector<std::thread> ranks;
  for (unsigned r = 0; r < shards; ++r)
    ranks.emplace_back([&, r] {
      ToyOptions o = toyOptions(ntoys, seed);
      o.threads = 1;
      o.shard = r;
      o.shards = shards;
      o.allSum = [&](std::span<double> values) {
        {
          std::lock_guard<std::mutex> lock(mutex);
          if (shared.size() != values.size())
            shared.assign(values.size(), 0.0);
          for (size_t k = 0; k < values.size(); ++k)
            shared[k] += values[k];
        }
        sync.arrive_and_wait();
        std::copy(shared.begin(), shared.end(), values.begin());
        sync.arrive_and_wait();
      };
      ToyCalculator calc(l, TestStatistic::QTilde, FitSettings::defaults(l.model()), observedData(l.model()), o);
      results[r] = calc.hypotest(1.0);
      signal[r] = calc.toyStatistics(ToySample::Signal);
      background[r] = calc.toyStatistics(ToySample::Background);
    });
  for (std::thread &t : ranks)
    t.join();
  for (unsigned r = 1; r < shards; ++r)
    for (size_t k = 0; k < ntoys; ++k) {
      EXPECT_TRUE(sameBits(signal[r][k], signal[0][k])) << "rank " << r << " toy " << k;
      EXPECT_TRUE(sameBits(background[r][k], background[0][k])) << "rank " << r << " toy " << k;
    }
  result = results[0];
  return {signal[0], background[0]};
}

TEST(ToyShards, SameToysForOneTwoAndThreeShards) {
  const Likelihood &l = twoBin();
  ToyOptions o = toyOptions(120, 21);
  ToyCalculator one(l, TestStatistic::QTilde, FitSettings::defaults(l.model()), observedData(l.model()), o);
  HypoTestResult want = one.hypotest(1.0);
  for (unsigned shards : {2u, 3u}) {
    HypoTestResult got;
    std::vector<std::vector<double>> toys = shardedToys(shards, 120, 21, got);
    for (size_t k = 0; k < 120; ++k) {
      EXPECT_TRUE(sameBits(toys[0][k], one.toyStatistics(ToySample::Signal)[k])) << shards << " shards, toy " << k;
      EXPECT_TRUE(sameBits(toys[1][k], one.toyStatistics(ToySample::Background)[k])) << shards << " shards, toy " << k;
    }
    EXPECT_TRUE(sameBits(got.clsObs, want.clsObs)) << got.clsObs << " vs " << want.clsObs;
    for (int b = 0; b < 5; ++b)
      EXPECT_TRUE(sameBits(got.clsExp[b], want.clsExp[b]));
  }
}

TEST(ToyShards, TheLastStepOnARunsDistributionsIsThatRun) {
  const Likelihood &l = twoBin();
  ToyCalculator calc(l, TestStatistic::QTilde, FitSettings::defaults(l.model()), observedData(l.model()),
                     toyOptions(150, 4));
  HypoTestResult r = calc.hypotest(1.0);
  HypoTestResult again = toyHypoTestResult(r.q, calc.toyStatistics(ToySample::Signal),
                                           calc.toyStatistics(ToySample::Background), false);
  EXPECT_TRUE(sameBits(r.clsObs, again.clsObs));
  EXPECT_TRUE(sameBits(r.clsb, again.clsb));
  for (int b = 0; b < 5; ++b)
    EXPECT_TRUE(sameBits(r.clsExp[b], again.clsExp[b]));
  // By hand: CLsb is the fraction of signal toys at or above q.
  size_t above = 0;
  for (double t : calc.toyStatistics(ToySample::Signal))
    above += t >= r.q;
  EXPECT_DOUBLE_EQ(r.clsb, static_cast<double>(above) / 150.0);
}

TEST(ToyPrecision, TheToyGradientGoalKeepsCLsWithinMonteCarloError) {
  // The sbottom point of the reference, where toy fits are hard (64
  // parameters, local minima): the same toys at the reference precision
  // (gradientGoal 0: every fit Newton-polished) and at the toy precision.
  LoadOptions load;
  load.modelFile = std::string(HF_REFERENCE_DIR) + "/models/sbottom_regionA/BkgOnly.json";
  load.patchFiles = {std::string(HF_REFERENCE_DIR) + "/models/sbottom_regionA/patch.sbottom_1300_205_60.json"};
  Likelihood l(ir::lower(loadModel(load)));
  auto run = [&](double goal) {
    ToyOptions o = toyOptions(150, 3);
    o.gradientGoal = goal;
    ToyCalculator calc(l, TestStatistic::QTilde, FitSettings::defaults(l.model()), observedData(l.model()), o);
    return calc.hypotest(1.0);
  };
  HypoTestResult reference = run(0), fast = run(1e-3);
  // Binomial error of CLsb and CLb with 150 toys, propagated to CLs.
  auto error = [](double p) { return std::sqrt(std::max(p * (1 - p), 1e-4) / 150.0); };
  double sigma = reference.clsObs * std::hypot(error(reference.clsb) / std::max(reference.clsb, 1e-3),
                                               error(reference.clb) / std::max(reference.clb, 1e-3));
  EXPECT_NEAR(fast.clsObs, reference.clsObs, 2 * sigma) << "reference " << reference.clsObs;
  EXPECT_NEAR(fast.clb, reference.clb, 2 * error(reference.clb));
  EXPECT_NEAR(fast.clsb, reference.clsb, 2 * error(reference.clsb));
}

} // namespace
} // namespace hf
