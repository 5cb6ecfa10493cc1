//===- codegen/jit.cpp - In-process compilation with ORC LLJIT ------------===//
#include "codegen/jit.h"

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

using PooledLogpdfFn = double (*)(const double *, const double *, const double *, const double *pool);
using PooledLogpdfGradFn = double (*)(const double *, const double *, const double *, double *,
                                      const double *pool);
using PooledExpectedFn = void (*)(const double *, double *, double *, const double *pool);
} // namespace

/// Machine code for one model structure: its LLJIT instance and the three
/// functions, each taking its constant pool as the last argument.
class CompiledCode {
public:
  std::unique_ptr<llvm::orc::LLJIT> jit;
  PooledLogpdfFn logpdf = nullptr;
  PooledLogpdfGradFn logpdfGrad = nullptr;
  PooledExpectedFn expected = nullptr;
  std::string llvmText;
};

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
  code->jit = orFail(llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(builder)).create(),
                     "creating the JIT");
  // log/exp/pow/lgamma_r resolve to the libm already loaded in this process.
  char prefix = code->jit->getDataLayout().getGlobalPrefix();
  code->jit->getMainJITDylib().addGenerator(
      orFail(llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(prefix), "process symbols"));
  for (FunctionBuild &b : builds) {
    orFail(code->jit->addObjectFile(std::move(b.object)), "adding an object");
    code->llvmText += b.text;
  }
  code->logpdf = orFail(code->jit->lookup("hf_logpdf"), "hf_logpdf").toPtr<PooledLogpdfFn>();
  code->logpdfGrad = orFail(code->jit->lookup("hf_logpdf_grad"), "hf_logpdf_grad").toPtr<PooledLogpdfGradFn>();
  if (options.compileExpected)
    code->expected = orFail(code->jit->lookup("hf_expected"), "hf_expected").toPtr<PooledExpectedFn>();
  return code;
}

} // namespace

JitModel::~JitModel() = default;

std::unique_ptr<JitModel> JitModel::compile(const ir::Module &m, const JitOptions &options) {
  auto start = std::chrono::steady_clock::now();
  initializeLLVM();
  std::unique_ptr<JitModel> model(new JitModel());

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
    model->emitMs_ = std::max(model->emitMs_, b.emitMs);
    key += b.key;
  }

  // Machine code for the builds: from the disk cache where it has them
  // (not with keepLLVMText: it has no text), else optimized and compiled.
  auto make = [&]() -> CodeCache::Code {
    std::optional<ObjectCache> disk;
    std::vector<std::string> diskKeys;
    if (!options.cacheDir.empty() && !options.keepLLVMText) {
      disk.emplace(options.cacheDir);
      std::unique_ptr<llvm::TargetMachine> tm = hostTargetMachine();
      for (FunctionBuild &b : builds) {
        diskKeys.push_back(ObjectCache::key(b.key, options.optLevel, *tm));
        b.object = disk->load(diskKeys.back());
        b.fromDisk = b.object != nullptr;
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
    model->source_ = allFromDisk ? CodeSource::DiskCache : CodeSource::Compiled;
    for (FunctionBuild &b : builds) {
      model->optimizeMs_ = std::max(model->optimizeMs_, b.optimizeMs);
      model->machineCodeMs_ = std::max(model->machineCodeMs_, b.machineCodeMs);
    }
    auto linkStart = std::chrono::steady_clock::now();
    CodeCache::Code code = link(builds, options);
    model->linkMs_ = msSince(linkStart);
    return code;
  };
  if (options.shareCode) {
    auto [code, reused] = codeCache().getOrMake(key, make);
    model->code_ = std::move(code);
    if (reused)
      model->source_ = CodeSource::Reused;
  } else {
    model->code_ = make();
  }
  model->gradPool_ = std::move(builds[0].pool);
  model->logpdfPool_ = std::move(builds[1].pool);
  if (options.compileExpected)
    model->expectedPool_ = std::move(builds[2].pool);
  model->compileMs_ = msSince(start);
  return model;
}

double JitModel::logpdf(const double *theta, const double *data, const double *aux) const {
  return code_->logpdf(theta, data, aux, logpdfPool_.data());
}

double JitModel::logpdfGrad(const double *theta, const double *data, const double *aux, double *grad) const {
  return code_->logpdfGrad(theta, data, aux, grad, gradPool_.data());
}

void JitModel::expected(const double *theta, double *mainOut, double *auxOut) const {
  code_->expected(theta, mainOut, auxOut, expectedPool_.data());
}

bool JitModel::hasExpected() const { return code_->expected != nullptr; }

const std::string &JitModel::llvmText() const { return code_->llvmText; }

} // namespace hf::codegen
