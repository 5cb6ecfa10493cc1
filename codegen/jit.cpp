//===- codegen/jit.cpp - In-process compilation with ORC LLJIT ------------===//
#include "codegen/jit.h"

#include "hf/error.h"

#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Target/TargetMachine.h>

#include <chrono>

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

std::unique_ptr<JitModel> JitModel::compile(const ir::Module &m, const JitOptions &options) {
  auto start = std::chrono::steady_clock::now();
  initializeLLVM();
  std::unique_ptr<JitModel> model(new JitModel());

  auto context = std::make_unique<llvm::LLVMContext>();
  std::unique_ptr<llvm::Module> module = emitLLVM(m, *context, "hf");
  model->emitMs_ = msSince(start);
  auto phase = std::chrono::steady_clock::now();
  std::unique_ptr<llvm::TargetMachine> tm = hostTargetMachine();
  optimizeLLVM(*module, *tm, options.optLevel);
  model->optimizeMs_ = msSince(phase);
  phase = std::chrono::steady_clock::now();
  if (options.keepLLVMText)
    model->llvmText_ = printLLVM(*module);

  auto builder = orFail(llvm::orc::JITTargetMachineBuilder::detectHost(), "host detection");
  model->jit_ = orFail(llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(builder)).create(),
                       "creating the JIT");
  // log/exp/pow/lgamma_r resolve to the libm already loaded in this process.
  char prefix = model->jit_->getDataLayout().getGlobalPrefix();
  model->jit_->getMainJITDylib().addGenerator(orFail(
      llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(prefix), "process symbols"));
  orFail(model->jit_->addIRModule(llvm::orc::ThreadSafeModule(std::move(module), std::move(context))),
         "adding the module");

  model->logpdf = orFail(model->jit_->lookup("hf_logpdf"), "hf_logpdf").toPtr<LogpdfFn>();
  model->logpdfGrad = orFail(model->jit_->lookup("hf_logpdf_grad"), "hf_logpdf_grad").toPtr<LogpdfGradFn>();
  model->expected = orFail(model->jit_->lookup("hf_expected"), "hf_expected").toPtr<ExpectedFn>();
  model->machineCodeMs_ = msSince(phase); // lookup materializes: codegen + link
  model->compileMs_ = msSince(start);
  return model;
}

} // namespace hf::codegen
