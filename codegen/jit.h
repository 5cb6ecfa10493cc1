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
struct JitBuild;

/// A model compiled to machine code in this process. The machine code
/// depends only on the model's structure (codegen.h, emitFunction with a
/// pool): compile() keeps the code of the last few structures, and a model
/// that differs from one of them only in its numbers — the next point of a
/// PatchSet — reuses it with its own constant pools, skipping LLVM's
/// optimization and code generation. This class needs no LLVM: compiling
/// goes through the plugin (llvm_backend.h), and a model found in the disk
/// cache runs from a dlopen'ed shared object (shared_object_cache.h).
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
  /// model of the same structure in this process, loaded from the disk
  /// cache's objects (LLVM links them), or from the disk cache's shared
  /// object for this very model (the system loader maps it: LLVM is not
  /// loaded at all; codegen/shared_object_cache.h).
  enum class CodeSource { Compiled, Reused, DiskCache, SharedObject };
  CodeSource codeSource() const;
  /// Values in the constant pools the code reads (all functions).
  size_t poolSize() const;
  /// The optimized LLVM IR, when JitOptions::keepLLVMText was set.
  const std::string &llvmText() const;
  /// Milliseconds spent in emission + LLVM optimization + JIT linking.
  double compileMs() const { return compileMs_; }
  /// The same, phase by phase: emitting LLVM IR, optimizing, machine code
  /// (each the slowest of the functions compiled in parallel), linking.
  /// With reused code, only emission counts.
  double emitMs() const;
  double optimizeMs() const;
  double machineCodeMs() const;
  double linkMs() const;

private:
  explicit JitModel(std::unique_ptr<JitBuild> build);
  std::unique_ptr<JitBuild> build_;
  double compileMs_ = 0;
};

} // namespace hf::codegen
