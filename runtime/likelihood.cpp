//===- runtime/likelihood.cpp - A model's likelihood, compiled or interpreted ===//
#include "runtime/likelihood.h"

#include "codegen/jit.h"
#include "hf/error.h"
#include "ir/autodiff.h"
#include "ir/eval.h"
#include "ir/pipeline.h"
#include "ir/verifier.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <optional>

namespace hf {

Backend parseBackend(const std::string &name) {
  if (name == "jit")
    return Backend::Jit;
  if (name == "interp")
    return Backend::Interpreter;
  throw InputError("error: --backend: expected jit or interp, found \"" + name + "\"");
}

namespace {
/// The module with the kinked codes replaced by the smooth ones.
std::optional<ir::Module> smoothed(const ir::Module &m) {
  if (m.histosysCode != "code0" && m.normsysCode != "code1")
    return std::nullopt;
  ir::Module s = m;
  for (ir::Op &op : s.ops) {
    if (op.kind == ir::OpKind::HistoSum && op.index[0] == 0)
      op.index[0] = 4;
    if (op.kind == ir::OpKind::NormProd && op.index[0] == 1)
      op.index[0] = 4;
    if (op.kind == ir::OpKind::Code0)
      op.kind = ir::OpKind::Code4p;
    if (op.kind == ir::OpKind::Code1)
      op.kind = ir::OpKind::Code4;
  }
  s.histosysCode = "code4p";
  s.normsysCode = "code4";
  return s;
}
} // namespace

Likelihood::Likelihood(ir::Module model, const LikelihoodOptions &options)
    : model_(std::move(model)), compiled_(model_), backend_(options.backend) {
  auto start = std::chrono::steady_clock::now();
  if (options.smoothTwin) {
    if (std::optional<ir::Module> smooth = smoothed(model_)) {
      LikelihoodOptions twin = options;
      twin.keepLLVMText = false;
      twin.smoothTwin = false;
      smoothTwin_ = std::make_unique<Likelihood>(std::move(*smooth), twin);
    }
  }
  // Every parameter gets a gradient: fits fix and release parameters (the
  // POI in profile fits) without recompiling.
  ir::appendGradient(compiled_, std::vector<bool>(compiled_.params.size(), true));
  // The passes run on value and gradient together, so CSE shares the work
  // of the forward pass with the reverse one. Fixed parameters are not
  // specialized: fits fix and release parameters at run time.
  if (options.optimizeIR)
    ir::optimize(compiled_);
  std::string problem = ir::verify(compiled_);
  if (!problem.empty())
    throw std::logic_error("autodiff or the passes produced invalid IR: " + problem);
  if (backend_ == Backend::Jit) {
    codegen::JitOptions jit;
    jit.optLevel = options.llvmOptLevel;
    jit.keepLLVMText = options.keepLLVMText;
    jit.compileExpected = options.compileExpected;
    jit.shareCode = options.shareCode;
    jit.cacheDir = options.cacheDir;
    jit_ = codegen::JitModel::compile(compiled_, jit);
  }
  compileMs_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

Likelihood::~Likelihood() = default;

const std::string &Likelihood::llvmText() const {
  static const std::string none;
  return jit_ ? jit_->llvmText() : none;
}

double Likelihood::logpdf(std::span<const double> theta, std::span<const double> data,
                          std::span<const double> aux) const {
  assert(theta.size() == npars() && data.size() == model_.nMain && aux.size() == model_.nAux);
  if (jit_)
    return jit_->logpdf(theta.data(), data.data(), aux.data());
  return ir::evaluate(compiled_, theta, data, aux).logpdf;
}

double Likelihood::logpdfGrad(std::span<const double> theta, std::span<const double> data,
                              std::span<const double> aux, std::span<double> grad) const {
  assert(grad.size() == npars());
  if (jit_)
    return jit_->logpdfGrad(theta.data(), data.data(), aux.data(), grad.data());
  ir::EvalResult r = ir::evaluate(compiled_, theta, data, aux);
  std::fill(grad.begin(), grad.end(), 0.0);
  std::copy(r.gradient.begin(), r.gradient.end(), grad.begin());
  return r.logpdf;
}

void Likelihood::expected(std::span<const double> theta, std::span<double> main, std::span<double> aux) const {
  assert(main.size() == model_.nMain && aux.size() == model_.nAux);
  // Expected data are needed once per Asimov set or toy batch, not per
  // minimizer step: the interpreter serves them unless they were compiled.
  if (jit_ && jit_->hasExpected()) {
    jit_->expected(theta.data(), main.data(), aux.data());
    return;
  }
  ir::EvalResult r = ir::evaluateObserved(model_, theta); // the forward model: no gradient work
  std::copy(r.expectedMain.begin(), r.expectedMain.end(), main.begin());
  std::copy(r.expectedAux.begin(), r.expectedAux.end(), aux.begin());
}

} // namespace hf
