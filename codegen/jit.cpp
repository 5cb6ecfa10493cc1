//===- codegen/jit.cpp - JitModel: cached machine code, or the plugin -----===//
//
// JitModel::compile without LLVM of its own:
//  1. With a disk cache (and no --emit-llvm), the model's key is looked up
//     in the shared-object level (shared_object_cache.h): a hit maps the
//     machine code with dlopen and reads the pools — LLVM stays unloaded.
//  2. Otherwise the LLVM plugin (llvm_backend.h) compiles, or reuses code of
//     the same structure (in this process or from the cached objects); the
//     result is then stored for step 1 of the next process.
//
//===----------------------------------------------------------------------===//
#include "codegen/jit.h"

#include "codegen/compiled_code.h"
#include "codegen/llvm_backend.h"
#include "codegen/shared_object_cache.h"

#include <chrono>

namespace hf::codegen {

JitModel::JitModel(std::unique_ptr<JitBuild> build) : build_(std::move(build)) {}
JitModel::~JitModel() = default;

std::unique_ptr<JitModel> JitModel::compile(const ir::Module &m, const JitOptions &options) {
  auto start = std::chrono::steady_clock::now();
  bool cached = !options.cacheDir.empty() && !options.keepLLVMText;
  std::string key = cached ? modelKey(m, options) : "";
  std::unique_ptr<JitBuild> build;
  if (!key.empty())
    build = loadCachedModel(options.cacheDir, key, options.compileExpected);
  if (!build) {
    build = std::make_unique<JitBuild>();
    compileThroughBackend(m, options, *build);
    if (!key.empty())
      storeCachedModel(options.cacheDir, key, *build);
  }
  std::unique_ptr<JitModel> model(new JitModel(std::move(build)));
  model->compileMs_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return model;
}

double JitModel::logpdf(const double *theta, const double *data, const double *aux) const {
  return build_->code->logpdf(theta, data, aux, build_->logpdfPool.data());
}

double JitModel::logpdfGrad(const double *theta, const double *data, const double *aux, double *grad) const {
  return build_->code->logpdfGrad(theta, data, aux, grad, build_->gradPool.data());
}

void JitModel::expected(const double *theta, double *mainOut, double *auxOut) const {
  build_->code->expected(theta, mainOut, auxOut, build_->expectedPool.data());
}

bool JitModel::hasExpected() const { return build_->code->expected != nullptr; }

const std::string &JitModel::llvmText() const { return build_->code->llvmText; }

JitModel::CodeSource JitModel::codeSource() const { return build_->source; }

size_t JitModel::poolSize() const {
  return build_->logpdfPool.size() + build_->gradPool.size() + build_->expectedPool.size();
}

double JitModel::emitMs() const { return build_->emitMs; }
double JitModel::optimizeMs() const { return build_->optimizeMs; }
double JitModel::machineCodeMs() const { return build_->machineCodeMs; }
double JitModel::linkMs() const { return build_->linkMs; }

} // namespace hf::codegen
