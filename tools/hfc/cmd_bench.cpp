//===- tools/hfc/cmd_bench.cpp - hfc bench --------------------------------===//
//
// Measures one model: the time to compile it (lower + autodiff + passes +
// LLVM + link) and the time per call of the compiled logpdf, logpdf+gradient
// and of the interpreter, on the workspace's observed data at the inits.
// Numbers, not assertions: docs/performance.md collects them.
//
//===----------------------------------------------------------------------===//
#include "codegen/jit.h"
#include "ir/eval.h"
#include "runtime/likelihood.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/model_options.h"

#include <chrono>
#include <vector>

namespace hf::cli {

namespace {

struct BenchOptions {
  ModelOptions model;
  double seconds = 0.3;
};

using Clock = std::chrono::steady_clock;

/// Nanoseconds per call of `f`, over at least `seconds` (and 3 calls).
template <typename F>
double nsPerCall(F f, double seconds) {
  f(); // warm up
  size_t calls = 0;
  auto start = Clock::now();
  double elapsed = 0;
  do {
    for (int k = 0; k < 8; ++k)
      f();
    calls += 8;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < seconds);
  return elapsed * 1e9 / static_cast<double>(calls);
}

/// Σ over (channel, sample) of bins × modifiers: the work a pass touches.
size_t elementCount(const ModelSpec &spec) {
  size_t n = 0;
  for (const Channel &c : spec.channels)
    for (const Sample &s : c.samples)
      n += s.data.size() * std::max<size_t>(s.modifiers.size(), 1);
  return n;
}

void runBench(BenchOptions &o) {
  ModelSpec spec;
  auto start = Clock::now();
  ir::Module m = buildModule(o.model, &spec);
  double lowerMs = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  LikelihoodOptions options;
  options.optimizeIR = !o.model.noOpt;
  options.llvmOptLevel = o.model.llvmOpt;
  options.backend = Backend::Jit;
  Likelihood jit(m, options);
  options.backend = Backend::Interpreter;
  Likelihood interp(m, options);

  std::vector<double> theta = ir::initialParameters(m), grad(m.params.size());
  const std::vector<double> &data = m.observedMain, &aux = m.nominalAux;
  double volatile sink = 0;
  double nll = nsPerCall([&] { sink = jit.logpdf(theta, data, aux); }, o.seconds);
  double nllGrad = nsPerCall([&] { sink = jit.logpdfGrad(theta, data, aux, grad); }, o.seconds);
  double interpGrad = nsPerCall([&] { sink = interp.logpdfGrad(theta, data, aux, grad); }, o.seconds);
  (void)sink;
  size_t elements = elementCount(spec);
  printJson(Json{{"lower_ms", lowerMs},
                 {"compile_ms", lowerMs + jit.compileMs()},
                 {"llvm_emit_ms", jit.jit()->emitMs()},
                 {"llvm_optimize_ms", jit.jit()->optimizeMs()},
                 {"machine_code_ms", jit.jit()->machineCodeMs()},
                 {"link_ms", jit.jit()->linkMs()},
                 {"nll_ns", nll},
                 {"nll_grad_ns", nllGrad},
                 {"interp_nll_grad_ns", interpGrad},
                 {"elements", elements},
                 {"nll_grad_ns_per_element", nllGrad / static_cast<double>(elements)},
                 {"grad_cost_ratio", nllGrad / nll},
                 {"jit_speedup_over_interp", interpGrad / nllGrad},
                 {"ir_ops", jit.compiledModule().ops.size()}});
}

} // namespace

void registerBench(CLI::App &app) {
  auto options = std::make_shared<BenchOptions>();
  CLI::App *cmd = app.add_subcommand("bench", "Measure compile time and the cost of one likelihood call");
  addModelOptions(cmd, options->model);
  cmd->add_option("--seconds", options->seconds, "time spent measuring each function (default 0.3)");
  cmd->callback([options] { runBench(*options); });
}

} // namespace hf::cli
