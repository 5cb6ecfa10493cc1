//===- codegen/llvm_plugin.cpp - The entry point of libhfc_llvm.so --------===//
//
// The one symbol the plugin exports (llvm_backend.h): a table of its entry
// points, each turning hfc's exceptions into a BackendError so that nothing
// is thrown across the dlopen boundary.
//
//===----------------------------------------------------------------------===//
#include "codegen/aot.h"
#include "codegen/compiled_code.h"
#include "codegen/llvm_backend.h"
#include "hf/error.h"

#include <exception>

namespace hf::codegen {
namespace {

template <typename F>
BackendError guarded(F &&f) {
  try {
    f();
    return {};
  } catch (const InputError &e) {
    return {2, e.what()};
  } catch (const std::exception &e) {
    return {1, e.what()};
  }
}

BackendError compileJit(const ir::Module &m, const JitOptions &options, JitBuild &out) {
  return guarded([&] { compileWithLLVM(m, options, out); });
}

BackendError compileObject(const ir::Module &m, const std::string &prefix, int optLevel, std::string *llvmText,
                           std::string &object) {
  return guarded([&] { object = compileLibraryObjectWithLLVM(m, prefix, optLevel, llvmText); });
}

const LlvmBackend kBackend{kLlvmBackendAbi, sizeof(ir::Module), sizeof(JitOptions), sizeof(JitBuild),
                           compileJit, compileObject};

} // namespace
} // namespace hf::codegen

extern "C" __attribute__((visibility("default"))) const hf::codegen::LlvmBackend *hf_llvm_backend() {
  return &hf::codegen::kBackend;
}
