//===- codegen/jit_llvm.cpp - In-process compilation with ORC LLJIT -------===//
//
// The LLVM half of JitModel::compile (codegen/jit.cpp has the other): emit
// the functions, take their objects from the disk cache or optimize and
// compile them, and link them with LLJIT. Lives in the LLVM plugin
// (llvm_backend.h), so a process that never compiles never loads LLVM.
//
//===----------------------------------------------------------------------===//
#include "codegen/compiled_code.h"
#include "codegen/llvm_backend.h"

#include "codegen/object_cache.h"
#include "hf/error.h"

#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Target/TargetMachine.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <functional>
#include <future>
#include <list>
#include <mutex>
#include <optional>
#include <thread>

namespace hf::codegen {

namespace {
template <typename T>
T orFail(llvm::Expected<T> value, const char *what) {
  if (!value)
    throw ComputeError(std::string("error: JIT: ") + what + ": " + llvm::toString(value.takeError()));
  return std::move(*value);
}

void orFail(llvm::Error error, const char *what) {
  if (error)
    throw ComputeError(std::string("error: JIT: ") + what + ": " + llvm::toString(std::move(error)));
}
} // namespace

namespace {
double msSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}
} // namespace

namespace {

/// One compiled function: LLVM IR emitted into its own context (its text,
/// before optimization, is the structure key), then optimized and turned
/// into an object file — independent of the others, so they run on separate
/// threads.
struct FunctionBuild {
  explicit FunctionBuild(CompiledFunction w) : which(w) {}
  CompiledFunction which;
  std::unique_ptr<llvm::LLVMContext> context;
  std::unique_ptr<llvm::Module> module;
  std::vector<double> pool;
  std::string key;
  std::unique_ptr<llvm::MemoryBuffer> object;
  bool fromDisk = false; ///< object came from the disk cache
  std::string text;
  double emitMs = 0, optimizeMs = 0, machineCodeMs = 0;
  std::exception_ptr error;

  void emit(const ir::Module &m) {
    try {
      auto t = std::chrono::steady_clock::now();
      context = std::make_unique<llvm::LLVMContext>();
      module = std::make_unique<llvm::Module>(std::string("hf") + functionSuffix(which), *context);
      emitFunction(m, *module, "hf", which, &pool);
      key = printLLVM(*module);
      emitMs = msSince(t);
    } catch (...) {
      error = std::current_exception();
    }
  }

  void compile(const JitOptions &options) {
    try {
      auto t = std::chrono::steady_clock::now();
      std::unique_ptr<llvm::TargetMachine> tm = hostTargetMachine();
      optimizeLLVM(*module, *tm, options.optLevel);
      if (options.keepLLVMText)
        text = printLLVM(*module);
      optimizeMs = msSince(t);
      t = std::chrono::steady_clock::now();
      object = emitObject(*module, *tm);
      machineCodeMs = msSince(t);
    } catch (...) {
      error = std::current_exception();
    }
  }
};

/// Runs step(build) for every build, the first on this thread and the others
/// on their own, and rethrows the first failure.
void inParallel(std::vector<FunctionBuild> &builds, const std::function<void(FunctionBuild &)> &step) {
  std::vector<std::thread> threads;
  for (size_t k = 1; k < builds.size(); ++k)
    threads.emplace_back([&, k] { step(builds[k]); });
  step(builds[0]);
  for (std::thread &t : threads)
    t.join();
  for (FunctionBuild &b : builds)
    if (b.error)
      std::rethrow_exception(b.error);
}

/// The machine code of the last few structures compiled in this process
/// (most recent first), so that a loop over PatchSet points, whose models
/// share a structure, compiles once. A structure being compiled is in the
/// cache already, as a future: a second thread asking for it waits for that
/// compilation instead of starting its own.
class CodeCache {
public:
  using Code = std::shared_ptr<const CompiledCode>;

  /// The code for `key`, and whether it was there (or being compiled)
  /// already; when not, `make` compiles it on this thread.
  std::pair<Code, bool> getOrMake(const std::string &key, const std::function<Code()> &make) {
    std::promise<Code> promise;
    std::shared_future<Code> existing;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (auto it = entries_.begin(); it != entries_.end(); ++it)
        if (it->first == key) {
          entries_.splice(entries_.begin(), entries_, it);
          existing = entries_.front().second;
          break;
        }
      if (!existing.valid()) {
        entries_.emplace_front(key, promise.get_future().share());
        if (entries_.size() > kCapacity)
          entries_.pop_back();
      }
    }
    if (existing.valid())
      return {existing.get(), true}; // waits (unlocked) while another thread compiles it
    try {
      Code code = make();
      promise.set_value(code);
      return {code, false};
    } catch (...) {
      promise.set_exception(std::current_exception());
      std::lock_guard<std::mutex> lock(mutex_);
      entries_.remove_if([&](const auto &entry) { return entry.first == key; });
      throw;
    }
  }

private:
  static constexpr size_t kCapacity = 8;
  std::mutex mutex_;
  std::list<std::pair<std::string, std::shared_future<Code>>> entries_;
};

CodeCache &codeCache() {
  static CodeCache cache;
  return cache;
}

/// Machine code for the emitted builds: optimized, compiled and linked.
std::shared_ptr<CompiledCode> link(std::vector<FunctionBuild> &builds, const JitOptions &options) {
  auto code = std::make_shared<CompiledCode>();
  auto builder = orFail(llvm::orc::JITTargetMachineBuilder::detectHost(), "host detection");
  std::shared_ptr<llvm::orc::LLJIT> jit =
      orFail(llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(builder)).create(), "creating the JIT");
  code->owner = jit;
  // log/exp/pow/lgamma_r resolve to the libm already loaded in this process.
  char prefix = jit->getDataLayout().getGlobalPrefix();
  jit->getMainJITDylib().addGenerator(
      orFail(llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(prefix), "process symbols"));
  for (FunctionBuild &b : builds) {
    orFail(jit->addObjectFile(std::move(b.object)), "adding an object");
    code->llvmText += b.text;
  }
  code->logpdf = orFail(jit->lookup("hf_logpdf"), "hf_logpdf").toPtr<PooledLogpdfFn>();
  code->logpdfGrad = orFail(jit->lookup("hf_logpdf_grad"), "hf_logpdf_grad").toPtr<PooledLogpdfGradFn>();
  if (options.compileExpected)
    code->expected = orFail(jit->lookup("hf_expected"), "hf_expected").toPtr<PooledExpectedFn>();
  return code;
}

} // namespace

void compileWithLLVM(const ir::Module &m, const JitOptions &options, JitBuild &out) {
  initializeLLVM();

  // The gradient, the largest, first: it compiles on the calling thread.
  std::vector<FunctionBuild> builds;
  builds.emplace_back(CompiledFunction::LogpdfGrad);
  builds.emplace_back(CompiledFunction::Logpdf);
  if (options.compileExpected)
    builds.emplace_back(CompiledFunction::Expected);
  inParallel(builds, [&](FunctionBuild &b) { b.emit(m); });
  std::string key = fmt::format("opt {} text {} expected {}\n", options.optLevel, options.keepLLVMText,
                                options.compileExpected);
  for (FunctionBuild &b : builds) {
    out.emitMs = std::max(out.emitMs, b.emitMs);
    key += b.key;
  }
  // The objects' disk keys, for a shared object linked from them (jit.cpp).
  std::vector<std::string> diskKeys;
  bool useDisk = !options.cacheDir.empty() && !options.keepLLVMText;
  if (useDisk) {
    std::unique_ptr<llvm::TargetMachine> tm = hostTargetMachine();
    for (FunctionBuild &b : builds)
      diskKeys.push_back(ObjectCache::key(b.key, options.optLevel, *tm));
  }

  // Machine code for the builds: from the disk cache where it has them
  // (not with keepLLVMText: it has no text), else optimized and compiled.
  auto make = [&]() -> CodeCache::Code {
    std::optional<ObjectCache> disk;
    if (useDisk) {
      disk.emplace(options.cacheDir);
      for (size_t k = 0; k < builds.size(); ++k) {
        builds[k].object = disk->load(diskKeys[k]);
        builds[k].fromDisk = builds[k].object != nullptr;
      }
    }
    bool allFromDisk = disk && std::all_of(builds.begin(), builds.end(), [](const FunctionBuild &b) {
      return b.object != nullptr;
    });
    // Each phase's time is the slowest thread's.
    inParallel(builds, [&](FunctionBuild &b) {
      if (!b.object)
        b.compile(options);
    });
    if (disk)
      for (size_t k = 0; k < builds.size(); ++k)
        if (!builds[k].fromDisk)
          disk->store(diskKeys[k], *builds[k].object);
    out.source = allFromDisk ? JitModel::CodeSource::DiskCache : JitModel::CodeSource::Compiled;
    for (FunctionBuild &b : builds) {
      out.optimizeMs = std::max(out.optimizeMs, b.optimizeMs);
      out.machineCodeMs = std::max(out.machineCodeMs, b.machineCodeMs);
    }
    auto linkStart = std::chrono::steady_clock::now();
    CodeCache::Code code = link(builds, options);
    out.linkMs = msSince(linkStart);
    return code;
  };
  if (options.shareCode) {
    auto [code, reused] = codeCache().getOrMake(key, make);
    out.code = std::move(code);
    if (reused)
      out.source = JitModel::CodeSource::Reused;
  } else {
    out.code = make();
  }
  out.objectKeys = std::move(diskKeys);
  out.gradPool = std::move(builds[0].pool);
  out.logpdfPool = std::move(builds[1].pool);
  if (options.compileExpected)
    out.expectedPool = std::move(builds[2].pool);
}

} // namespace hf::codegen
