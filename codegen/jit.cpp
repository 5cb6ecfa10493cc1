//===- codegen/jit.cpp - In-process compilation with ORC LLJIT ------------===//
#include "codegen/jit.h"

#include "hf/error.h"

#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Target/TargetMachine.h>

#include <chrono>
#include <exception>
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

JitModel::~JitModel() = default;

namespace {
double msSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}
} // namespace

namespace {
/// One compiled function: LLVM IR emitted into its own context, optimized
/// and turned into an object file — independent of the others, so they run
/// on separate threads.
struct FunctionBuild {
  explicit FunctionBuild(CompiledFunction w) : which(w) {}
  CompiledFunction which;
  std::unique_ptr<llvm::MemoryBuffer> object;
  std::string text;
  double emitMs = 0, optimizeMs = 0, machineCodeMs = 0;
  std::exception_ptr error;

  void run(const ir::Module &m, const JitOptions &options) {
    try {
      auto t = std::chrono::steady_clock::now();
      llvm::LLVMContext context;
      llvm::Module module(std::string("hf") + functionSuffix(which), context);
      emitFunction(m, module, "hf", which);
      emitMs = msSince(t);
      t = std::chrono::steady_clock::now();
      std::unique_ptr<llvm::TargetMachine> tm = hostTargetMachine();
      optimizeLLVM(module, *tm, options.optLevel);
      if (options.keepLLVMText)
        text = printLLVM(module);
      optimizeMs = msSince(t);
      t = std::chrono::steady_clock::now();
      object = emitObject(module, *tm);
      machineCodeMs = msSince(t);
    } catch (...) {
      error = std::current_exception();
    }
  }
};
} // namespace

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
  // The functions compile in parallel; each phase's time is the slowest
  // thread's.
  std::vector<std::thread> threads;
  for (size_t k = 1; k < builds.size(); ++k)
    threads.emplace_back([&, k] { builds[k].run(m, options); });
  builds[0].run(m, options);
  for (std::thread &t : threads)
    t.join();
  for (FunctionBuild &b : builds) {
    if (b.error)
      std::rethrow_exception(b.error);
    model->emitMs_ = std::max(model->emitMs_, b.emitMs);
    model->optimizeMs_ = std::max(model->optimizeMs_, b.optimizeMs);
    model->machineCodeMs_ = std::max(model->machineCodeMs_, b.machineCodeMs);
    model->llvmText_ += b.text;
  }

  auto link = std::chrono::steady_clock::now();
  auto builder = orFail(llvm::orc::JITTargetMachineBuilder::detectHost(), "host detection");
  model->jit_ = orFail(llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(builder)).create(),
                       "creating the JIT");
  // log/exp/pow/lgamma_r resolve to the libm already loaded in this process.
  char prefix = model->jit_->getDataLayout().getGlobalPrefix();
  model->jit_->getMainJITDylib().addGenerator(orFail(
      llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(prefix), "process symbols"));
  for (FunctionBuild &b : builds)
    orFail(model->jit_->addObjectFile(std::move(b.object)), "adding an object");
  model->logpdf = orFail(model->jit_->lookup("hf_logpdf"), "hf_logpdf").toPtr<LogpdfFn>();
  model->logpdfGrad = orFail(model->jit_->lookup("hf_logpdf_grad"), "hf_logpdf_grad").toPtr<LogpdfGradFn>();
  if (options.compileExpected)
    model->expected = orFail(model->jit_->lookup("hf_expected"), "hf_expected").toPtr<ExpectedFn>();
  model->linkMs_ = msSince(link);
  model->compileMs_ = msSince(start);
  return model;
}

} // namespace hf::codegen
