//===- runtime/likelihood.h - A model's likelihood, compiled or interpreted -===//
//
// The one handle the inference layer, the CLI and the C++ API evaluate a
// model through: log-likelihood, its gradient and the expected data, for any
// parameters and any data (observed, Asimov, toys). Behind it sits either the
// JIT-compiled machine code or the IR interpreter (the numerical reference);
// both compute the same numbers to ~1e-12. All methods are const and
// thread-safe.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/module.h"

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace hf::codegen {
class JitModel;
}

namespace hf {

enum class Backend { Jit, Interpreter };

/// Parses "jit" or "interp"; InputError otherwise.
Backend parseBackend(const std::string &name);

struct LikelihoodOptions {
  Backend backend = Backend::Jit;
  bool optimizeIR = true;      ///< run the IR passes (ir/pipeline.h)
  int llvmOptLevel = 1;        ///< codegen::optimizeLLVM's level: 1 lean (default), 2 O2, 3 O3
  bool keepLLVMText = false;   ///< keep the optimized LLVM IR (--emit-llvm)
  bool smoothTwin = true;      ///< build smoothTwin() for models with kinks
  bool compileExpected = false; ///< JIT the expected data too (else the interpreter serves them)
  bool shareCode = true;       ///< reuse machine code of an earlier model of the same structure (jit.h)
  std::string cacheDir;        ///< keep machine code on disk between runs (codegen/object_cache.h); "" = off
};

class Likelihood {
public:
  /// Differentiates, optimizes and (for the JIT) compiles `model`.
  Likelihood(ir::Module model, const LikelihoodOptions &options = {});
  ~Likelihood();
  Likelihood(const Likelihood &) = delete;
  Likelihood &operator=(const Likelihood &) = delete;

  /// The model as lowered (parameter table, channels, observed data).
  const ir::Module &model() const { return model_; }
  /// The module that is evaluated: with gradient, after the passes.
  const ir::Module &compiledModule() const { return compiled_; }
  size_t npars() const { return model_.params.size(); }
  Backend backend() const { return backend_; }

  double logpdf(std::span<const double> theta, std::span<const double> data,
                std::span<const double> aux) const;
  /// logpdf, and its gradient in `grad` (npars entries).
  double logpdfGrad(std::span<const double> theta, std::span<const double> data,
                    std::span<const double> aux, std::span<double> grad) const;
  /// Expected main data (nMain) and auxiliary data (nAux) at theta.
  void expected(std::span<const double> theta, std::span<double> main, std::span<double> aux) const;

  /// Milliseconds spent differentiating, optimizing and compiling.
  double compileMs() const { return compileMs_; }
  /// The optimized LLVM IR (JIT with keepLLVMText only).
  const std::string &llvmText() const;
  /// For a model with kinks (histosys code0, normsys code1): the same model
  /// with the smooth codes (code4p, code4), whose minimum is a good start
  /// for the kinked one (continuation). Null for smooth models.
  const Likelihood *smoothTwin() const { return smoothTwin_.get(); }

  /// The compiled code (JIT backend), for its phase timings; else null.
  const codegen::JitModel *jit() const { return jit_.get(); }

private:
  ir::Module model_, compiled_;
  Backend backend_;
  std::unique_ptr<codegen::JitModel> jit_;
  std::unique_ptr<Likelihood> smoothTwin_;
  double compileMs_ = 0;
};

} // namespace hf
