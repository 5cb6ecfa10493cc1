//===- codegen/compiled_code.h - Machine code behind a JitModel -----------===//
//
// What a JitModel runs: three function pointers that take the model's
// constant pool as their last argument, and whatever keeps their code
// mapped — an LLJIT instance (codegen/jit_llvm.cpp, inside the LLVM plugin)
// or a shared object opened with dlopen (codegen/shared_object_cache.h,
// without LLVM). Neither side needs LLVM's headers to use it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "codegen/jit.h"

#include <memory>
#include <string>
#include <vector>

namespace hf::codegen {

using PooledLogpdfFn = double (*)(const double *, const double *, const double *, const double *pool);
using PooledLogpdfGradFn = double (*)(const double *, const double *, const double *, double *,
                                      const double *pool);
using PooledExpectedFn = void (*)(const double *, double *, double *, const double *pool);

/// Machine code for one model structure.
class CompiledCode {
public:
  std::shared_ptr<void> owner; ///< keeps the code mapped (an LLJIT, or a dlopen handle)
  PooledLogpdfFn logpdf = nullptr;
  PooledLogpdfGradFn logpdfGrad = nullptr;
  PooledExpectedFn expected = nullptr;
  std::string llvmText;
};

/// Everything a compilation hands a JitModel: the code, the pools of this
/// model, where the code came from and what it cost.
struct JitBuild {
  std::shared_ptr<const CompiledCode> code;
  std::vector<double> logpdfPool, gradPool, expectedPool;
  JitModel::CodeSource source = JitModel::CodeSource::Compiled;
  double emitMs = 0, optimizeMs = 0, machineCodeMs = 0, linkMs = 0;
  /// The disk cache's keys of the objects (gradient, logpdf, expected),
  /// empty without a disk cache: what a cached shared object is linked from.
  std::vector<std::string> objectKeys;
};

} // namespace hf::codegen
