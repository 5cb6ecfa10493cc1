//===- codegen/optimize.cpp - Target machine and LLVM's pass pipeline -----===//
#include "codegen/codegen.h"

#include "hf/error.h"

#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Target/TargetMachine.h>

#include <mutex>

namespace hf::codegen {

void initializeLLVM() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
  });
}

std::unique_ptr<llvm::TargetMachine> hostTargetMachine() {
  initializeLLVM();
  // detectHost() fills in the host CPU and its features (AVX2, ...), so the
  // loop and SLP vectorizers use the machine's SIMD width.
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    throw ComputeError("error: LLVM cannot target this machine: " + llvm::toString(builder.takeError()));
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Default);
  // Position-independent, so the disk cache can link the objects into a
  // shared object for dlopen (shared_object_cache.h).
  builder->setRelocationModel(llvm::Reloc::PIC_);
  auto tm = builder->createTargetMachine();
  if (!tm)
    throw ComputeError("error: LLVM cannot create a target machine: " + llvm::toString(tm.takeError()));
  return std::move(*tm);
}

void optimizeLLVM(llvm::Module &module, llvm::TargetMachine &tm, int level) {
  module.setDataLayout(tm.createDataLayout());
  module.setTargetTriple(tm.getTargetTriple().str());
  if (level <= 0)
    return;
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(&tm);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager mpm;
  if (level == 1) {
    // The lean pipeline: the IR passes already folded, shared and merged the
    // HistoFactory-level work, so LLVM needs only to clean up the emitted
    // code (promote, simplify, hoist loop invariants, remove redundancy).
    // A third of O2's time, with the same speed of the generated code
    // (docs/performance.md).
    if (llvm::Error error = pb.parsePassPipeline(
            mpm, "function(sroa,early-cse<memssa>,instcombine,simplifycfg,loop-mssa(licm),gvn,instcombine)"))
      throw std::logic_error("bad LLVM pass pipeline: " + llvm::toString(std::move(error)));
  } else {
    mpm = pb.buildPerModuleDefaultPipeline(level == 2 ? llvm::OptimizationLevel::O2 : llvm::OptimizationLevel::O3);
  }
  mpm.run(module, mam);
}

std::unique_ptr<llvm::MemoryBuffer> emitObject(llvm::Module &module, llvm::TargetMachine &tm) {
  llvm::SmallVector<char, 0> object;
  llvm::raw_svector_ostream os(object);
  llvm::legacy::PassManager pm;
  if (tm.addPassesToEmitFile(pm, os, nullptr, llvm::CodeGenFileType::ObjectFile))
    throw ComputeError("error: LLVM cannot emit an object file for this target");
  pm.run(module);
  return llvm::MemoryBuffer::getMemBufferCopy(llvm::StringRef(object.data(), object.size()),
                                              module.getModuleIdentifier());
}

} // namespace hf::codegen
