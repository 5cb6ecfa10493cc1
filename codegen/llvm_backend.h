//===- codegen/llvm_backend.h - LLVM as a plugin, loaded to compile -------===//
//
// Everything hfc does with LLVM — emitting, optimizing and compiling the
// likelihood's functions, and the objects of `hfc compile` — lives in one
// plugin, libhfc_llvm.so, which the process opens with dlopen the first
// time it has to compile. A process whose machine code is all in the disk
// cache (codegen/shared_object_cache.h) never loads libLLVM: its ~20 ms of
// dynamic linking stay out of the start-up path.
//
// The plugin is looked for at $HFC_LLVM_PLUGIN, then where this build put
// it, then in the installed lib/hfc/. Host and plugin are built together;
// kLlvmBackendAbi and the size checks in llvmBackend() refuse a plugin from
// another build. Errors cross the boundary as values, not exceptions.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "codegen/jit.h"

#include <string>

namespace hf::codegen {

struct JitBuild;

/// Bumped whenever LlvmBackend or a type it passes changes.
constexpr unsigned kLlvmBackendAbi = 1;

/// What went wrong in the plugin: 0 nothing, 1 a failed computation
/// (ComputeError), 2 bad input (InputError).
struct BackendError {
  int kind = 0;
  std::string message;
};

/// The plugin's entry points.
struct LlvmBackend {
  unsigned abi;
  size_t moduleSize, optionsSize, buildSize; ///< sizeof(ir::Module), sizeof(JitOptions), sizeof(JitBuild)
  BackendError (*compileJit)(const ir::Module &m, const JitOptions &options, JitBuild &out);
  BackendError (*compileLibraryObject)(const ir::Module &m, const std::string &prefix, int optLevel,
                                       std::string *llvmText, std::string &object);
};

/// In the plugin (jit_llvm.cpp): JitModel::compile's LLVM half.
void compileWithLLVM(const ir::Module &m, const JitOptions &options, JitBuild &out);

/// In the host (llvm_loader.cpp): the plugin's entry points, loading it on
/// first use; throws ComputeError naming the places it looked.
const LlvmBackend &llvmBackend();
/// Whether this process has loaded the plugin (and with it libLLVM).
bool llvmBackendLoaded();
/// compileWithLLVM through the plugin, its errors thrown again here.
void compileThroughBackend(const ir::Module &m, const JitOptions &options, JitBuild &out);
/// The plugin's path, size and modification time, read without loading it
/// (empty when there is none): machine code cached for a model is only
/// used with the plugin that made it.
std::string llvmBackendIdentity();

} // namespace hf::codegen
