//===- bench/likelihood_bench.cpp - logpdf and gradient per reference model ===//
//
// Google Benchmark: the compiled (JIT) and interpreted logpdf and
// logpdf+gradient of every model in ../shared/reference, at the inits on the
// observed data, and the time to compile each. Numbers for
// docs/performance.md; nothing here asserts a speed.
//
//===----------------------------------------------------------------------===//
#include "frontend/diagnostics.h"
#include "frontend/load.h"
#include "ir/eval.h"
#include "ir/lower.h"
#include "runtime/likelihood.h"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

namespace {

struct Model {
  std::string name;
  hf::LoadOptions load;
};

Model model(std::string name, const std::string &file, const std::string &patch = "") {
  const std::string root = HF_REFERENCE_DIR "/models/";
  Model m;
  m.name = std::move(name);
  m.load.modelFile = root + file;
  if (!patch.empty())
    m.load.patchFiles.push_back(root + patch);
  return m;
}

std::vector<Model> referenceModels() {
  return {
      model("2-bin_1-channel", "2-bin_1-channel.json"),
      model("gtt_0L_B_bkg", "gtt_0L_B_bkg.json"),
      model("directstaus_lowMass_bkg", "directstaus_lowMass_bkg.json"),
      model("sbottom_regionA+1300_205_60", "sbottom_regionA/BkgOnly.json",
            "sbottom_regionA/patch.sbottom_1300_205_60.json"),
      model("eRJR_3L+100p0_20p0", "eRJR_3L/BkgOnly.json", "eRJR_3L/patch.ERJR_100p0_20p0.json"),
  };
}

hf::ir::Module lowerModel(const Model &model) {
  hf::setWarningsEnabled(false);
  return hf::ir::lower(hf::loadModel(model.load));
}

void benchLogpdf(benchmark::State &state, const Model &model, hf::Backend backend, bool gradient) {
  hf::ir::Module m = lowerModel(model);
  hf::LikelihoodOptions options;
  options.backend = backend;
  hf::Likelihood likelihood(m, options);
  std::vector<double> theta = hf::ir::initialParameters(m), grad(m.params.size());
  for (auto _ : state) {
    double value = gradient ? likelihood.logpdfGrad(theta, m.observedMain, m.nominalAux, grad)
                            : likelihood.logpdf(theta, m.observedMain, m.nominalAux);
    benchmark::DoNotOptimize(value);
  }
}

void benchCompile(benchmark::State &state, const Model &model) {
  for (auto _ : state) {
    hf::ir::Module m = lowerModel(model);
    hf::LikelihoodOptions options;
    options.shareCode = false; // each iteration compiles: no machine code from the last one
    hf::Likelihood likelihood(m, options);
    benchmark::DoNotOptimize(likelihood.compileMs());
  }
}

int registerAll() {
  for (const Model &model : referenceModels()) {
    benchmark::RegisterBenchmark(("compile/" + model.name).c_str(), benchCompile, model)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(3);
    benchmark::RegisterBenchmark(("jit_nll/" + model.name).c_str(), benchLogpdf, model, hf::Backend::Jit, false);
    benchmark::RegisterBenchmark(("jit_nll_grad/" + model.name).c_str(), benchLogpdf, model, hf::Backend::Jit,
                                 true);
    benchmark::RegisterBenchmark(("interp_nll_grad/" + model.name).c_str(), benchLogpdf, model,
                                 hf::Backend::Interpreter, true);
  }
  return 0;
}

const int registered = registerAll();

} // namespace

BENCHMARK_MAIN();
