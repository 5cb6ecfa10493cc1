//===- codegen/jit.h - In-process compilation with ORC LLJIT --------------===//
#pragma once

#include "codegen/codegen.h"

#include <memory>
#include <string>
#include <vector>

namespace llvm::orc {
class LLJIT;
} // namespace llvm::orc

namespace hf::codegen {

struct JitOptions {
  int optLevel = 1;              ///< see optimizeLLVM: 1 lean pipeline, 2 O2, 3 O3
  bool keepLLVMText = false;    ///< keep the optimized LLVM IR (for --emit-llvm)
  bool compileExpected = false; ///< also compile the expected-data function (rarely hot)
  bool shareCode = true;        ///< reuse the machine code of an earlier model of the same structure
  std::string cacheDir;         ///< keep object files here between runs (object_cache.h); "" = off
};

class CompiledCode;

/// A model compiled to machine code in this process. The machine code
/// depends only on the model's structure (codegen.h, emitFunction with a
/// pool): compile() keeps the code of the last few structures, and a model
/// that differs from one of them only in its numbers — the next point of a
/// PatchSet — reuses it with its own constant pools, skipping LLVM's
/// optimization and code generation.
class JitModel {
public:
  /// Compiles `m`, which should carry Gradient outputs (ir/autodiff.h).
  /// LLVM failures throw ComputeError.
  static std::unique_ptr<JitModel> compile(const ir::Module &m, const JitOptions &options = {});
  ~JitModel();

  double logpdf(const double *theta, const double *data, const double *aux) const;
  double logpdfGrad(const double *theta, const double *data, const double *aux, double *grad) const;
  /// Only with JitOptions::compileExpected (else hasExpected() is false).
  void expected(const double *theta, double *mainOut, double *auxOut) const;
  bool hasExpected() const;

  /// Where the machine code came from: compiled now, shared with an earlier
  /// model of the same structure in this process, or loaded from the disk cache.
  enum class CodeSource { Compiled, Reused, DiskCache };
  CodeSource codeSource() const { return source_; }
  /// Values in the constant pools the code reads (all functions).
  size_t poolSize() const { return logpdfPool_.size() + gradPool_.size() + expectedPool_.size(); }
  /// The optimized LLVM IR, when JitOptions::keepLLVMText was set.
  const std::string &llvmText() const;
  /// Milliseconds spent in emission + LLVM optimization + JIT linking.
  double compileMs() const { return compileMs_; }
  /// The same, phase by phase: emitting LLVM IR, optimizing, machine code
  /// (each the slowest of the functions compiled in parallel), linking.
  /// With reused code, only emission counts.
  double emitMs() const { return emitMs_; }
  double optimizeMs() const { return optimizeMs_; }
  double machineCodeMs() const { return machineCodeMs_; }
  double linkMs() const { return linkMs_; }

private:
  JitModel() = default;
  std::shared_ptr<const CompiledCode> code_;
  std::vector<double> logpdfPool_, gradPool_, expectedPool_;
  CodeSource source_ = CodeSource::Compiled;
  double compileMs_ = 0, emitMs_ = 0, optimizeMs_ = 0, machineCodeMs_ = 0, linkMs_ = 0;
};

} // namespace hf::codegen
