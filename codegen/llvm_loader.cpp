//===- codegen/llvm_loader.cpp - Finding and opening the LLVM plugin ------===//
//
// llvm_backend.h: the plugin is opened once, on the first compilation, with
// RTLD_LOCAL so that its copies of hfc's code and LLVM's symbols stay its
// own. It is never closed (its machine code and LLJIT instances live until
// the process ends).
//
//===----------------------------------------------------------------------===//
#include "codegen/aot.h"
#include "codegen/compiled_code.h"
#include "codegen/llvm_backend.h"
#include "hf/error.h"

#include <fmt/format.h>

#include <dlfcn.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <vector>

namespace hf::codegen {

namespace {

/// Where the plugin may be, most specific first.
std::vector<std::string> candidatePaths() {
  std::vector<std::string> paths;
  if (const char *env = std::getenv("HFC_LLVM_PLUGIN"); env && *env)
    paths.emplace_back(env);
  paths.emplace_back(HFC_LLVM_PLUGIN_BUILD_PATH);
  paths.emplace_back(HFC_LLVM_PLUGIN_INSTALL_PATH);
  return paths;
}

std::string existingPath() {
  struct stat st {};
  for (const std::string &p : candidatePaths())
    if (::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode))
      return p;
  return "";
}

std::atomic<bool> loaded{false};

const LlvmBackend *open(std::string &why) {
  for (const std::string &path : candidatePaths()) {
    void *handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      why += fmt::format("\n  {}: {}", path, ::dlerror());
      continue;
    }
    auto entry = reinterpret_cast<const LlvmBackend *(*)()>(::dlsym(handle, "hf_llvm_backend"));
    const LlvmBackend *backend = entry ? entry() : nullptr;
    if (!backend || backend->abi != kLlvmBackendAbi || backend->moduleSize != sizeof(ir::Module) ||
        backend->optionsSize != sizeof(JitOptions) || backend->buildSize != sizeof(JitBuild)) {
      why += fmt::format("\n  {}: not the plugin of this hfc build", path);
      continue; // left open: a library's constructors may have run
    }
    loaded = true;
    return backend;
  }
  return nullptr;
}

[[noreturn]] void rethrow(const BackendError &e) {
  if (e.kind == 2)
    throw InputError(e.message);
  throw ComputeError(e.message);
}

} // namespace

const LlvmBackend &llvmBackend() {
  static std::once_flag once;
  static const LlvmBackend *backend = nullptr;
  static std::string why;
  std::call_once(once, [] { backend = open(why); });
  if (!backend)
    throw ComputeError("error: JIT: cannot load hfc's LLVM plugin (set HFC_LLVM_PLUGIN to libhfc_llvm.so, or use "
                       "--backend interp):" + why);
  return *backend;
}

bool llvmBackendLoaded() { return loaded; }

std::string llvmBackendIdentity() {
  std::string path = existingPath();
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0)
    return "";
  return fmt::format("{} {} {}.{:09}", path, static_cast<long long>(st.st_size), static_cast<long long>(st.st_mtim.tv_sec),
                     static_cast<long>(st.st_mtim.tv_nsec));
}

std::string compileLibraryObject(const ir::Module &m, const std::string &prefix, int optLevel,
                                 std::string *llvmText) {
  std::string object;
  BackendError e = llvmBackend().compileLibraryObject(m, prefix, optLevel, llvmText, object);
  if (e.kind)
    rethrow(e);
  return object;
}

void compileThroughBackend(const ir::Module &m, const JitOptions &options, JitBuild &out) {
  BackendError e = llvmBackend().compileJit(m, options, out);
  if (e.kind)
    rethrow(e);
}

} // namespace hf::codegen
