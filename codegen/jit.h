//===- codegen/jit.h - In-process compilation with ORC LLJIT --------------===//
#pragma once

#include "codegen/codegen.h"

#include <memory>
#include <string>

namespace llvm::orc {
class LLJIT;
} // namespace llvm::orc

namespace hf::codegen {

struct JitOptions {
  int optLevel = 1;              ///< see optimizeLLVM: 1 lean pipeline, 2 O2, 3 O3
  bool keepLLVMText = false;    ///< keep the optimized LLVM IR (for --emit-llvm)
  bool compileExpected = false; ///< also compile the expected-data function (rarely hot)
};

/// A model compiled to machine code in this process. The function pointers
/// stay valid as long as the JitModel lives.
class JitModel {
public:
  /// Compiles `m`, which should carry Gradient outputs (ir/autodiff.h).
  /// LLVM failures throw ComputeError.
  static std::unique_ptr<JitModel> compile(const ir::Module &m, const JitOptions &options = {});
  ~JitModel();

  LogpdfFn logpdf = nullptr;
  LogpdfGradFn logpdfGrad = nullptr;
  ExpectedFn expected = nullptr; ///< only with JitOptions::compileExpected

  /// The optimized LLVM IR, when JitOptions::keepLLVMText was set.
  const std::string &llvmText() const { return llvmText_; }
  /// Milliseconds spent in emission + LLVM optimization + JIT linking.
  double compileMs() const { return compileMs_; }
  /// The same, phase by phase: emitting LLVM IR, optimizing, machine code
  /// (each the slowest of the functions compiled in parallel), linking.
  double emitMs() const { return emitMs_; }
  double optimizeMs() const { return optimizeMs_; }
  double machineCodeMs() const { return machineCodeMs_; }
  double linkMs() const { return linkMs_; }

private:
  JitModel() = default;
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  std::string llvmText_;
  double compileMs_ = 0, emitMs_ = 0, optimizeMs_ = 0, machineCodeMs_ = 0, linkMs_ = 0;
};

} // namespace hf::codegen
