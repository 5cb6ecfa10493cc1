//===- codegen/aot.cpp - Ahead-of-time compiled likelihood libraries ------===//
#include "codegen/aot.h"

#include "hf/error.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Target/TargetOptions.h>
#include <llvm/TargetParser/Host.h>
#include <llvm/TargetParser/Triple.h>

#include <optional>
#include <stdexcept>

namespace hf::codegen {

std::unique_ptr<llvm::TargetMachine> aotTargetMachine() {
  initializeLLVM();
  std::string triple = llvm::sys::getProcessTriple();
  std::string error;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    throw ComputeError("error: LLVM cannot target " + triple + ": " + error);
  // The baseline CPU of the architecture: no host-only instructions (AVX2,
  // FMA, ...), so the library runs wherever the architecture does.
  const char *cpu = llvm::Triple(triple).getArch() == llvm::Triple::x86_64 ? "x86-64" : "generic";
  llvm::TargetMachine *tm = target->createTargetMachine(triple, cpu, "", llvm::TargetOptions(), llvm::Reloc::PIC_,
                                                        std::nullopt, llvm::CodeGenOptLevel::Default);
  if (!tm)
    throw ComputeError("error: LLVM cannot create a target machine for " + triple);
  return std::unique_ptr<llvm::TargetMachine>(tm);
}

namespace {

/// Adds the model's data to `module` as exported constants named prefix_*.
class DataExporter {
public:
  DataExporter(llvm::Module &module, std::string prefix)
      : module_(module), ctx_(module.getContext()), prefix_(std::move(prefix)) {}

  void exportInt(const char *name, int value) {
    define(name, llvm::ConstantInt::get(llvm::Type::getInt32Ty(ctx_), static_cast<uint64_t>(value), true));
  }

  void exportInts(const char *name, const std::vector<int> &values) {
    auto *i32 = llvm::Type::getInt32Ty(ctx_);
    std::vector<llvm::Constant *> elements;
    for (int v : values)
      elements.push_back(llvm::ConstantInt::get(i32, static_cast<uint64_t>(v), true));
    define(name, llvm::ConstantArray::get(llvm::ArrayType::get(i32, values.size()), elements));
  }

  void exportDoubles(const char *name, const std::vector<double> &values) {
    auto *f64 = llvm::Type::getDoubleTy(ctx_);
    std::vector<llvm::Constant *> elements;
    for (double v : values)
      elements.push_back(llvm::ConstantFP::get(f64, v));
    define(name, llvm::ConstantArray::get(llvm::ArrayType::get(f64, values.size()), elements));
  }

  /// An array of pointers to NUL-terminated private strings.
  void exportStrings(const char *name, const std::vector<std::string> &values) {
    auto *ptr = llvm::PointerType::getUnqual(ctx_);
    std::vector<llvm::Constant *> elements;
    for (const std::string &s : values) {
      llvm::Constant *text = llvm::ConstantDataArray::getString(ctx_, s, true);
      auto *g = new llvm::GlobalVariable(module_, text->getType(), true, llvm::GlobalValue::PrivateLinkage, text,
                                         prefix_ + "_str");
      g->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
      g->setAlignment(llvm::Align(1));
      elements.push_back(g);
    }
    define(name, llvm::ConstantArray::get(llvm::ArrayType::get(ptr, values.size()), elements));
  }

private:
  void define(const char *name, llvm::Constant *init) {
    std::string symbol = prefix_ + "_" + name;
    auto *g = new llvm::GlobalVariable(module_, init->getType(), true, llvm::GlobalValue::ExternalLinkage, init,
                                       symbol);
    // LLVM renames a global whose name is taken; an exported one must not be.
    if (g->getName() != symbol)
      throw std::logic_error("aot: the symbol " + symbol + " is defined twice");
  }

  llvm::Module &module_;
  llvm::LLVMContext &ctx_;
  std::string prefix_;
};

/// The pyhf-named conveniences, as exported functions so that ctypes,
/// Julia's ccall, Fortran or Rust can call them (a header's static inline
/// functions exist only for C): P_nll = −P_logpdf, P_nll_grad (the gradient
/// negated in place) and P_expected_data = P_expected.
void emitConveniences(llvm::Module &module, const std::string &prefix, size_t npars) {
  llvm::LLVMContext &ctx = module.getContext();
  llvm::Type *f64 = llvm::Type::getDoubleTy(ctx), *ptr = llvm::PointerType::getUnqual(ctx);
  llvm::Type *i64 = llvm::Type::getInt64Ty(ctx);
  auto define = [&](const std::string &name, llvm::Type *result, unsigned nArgs) {
    auto *type = llvm::FunctionType::get(result, std::vector<llvm::Type *>(nArgs, ptr), false);
    auto *fn = llvm::Function::Create(type, llvm::Function::ExternalLinkage, prefix + name, module);
    fn->addFnAttr(llvm::Attribute::NoUnwind);
    return fn;
  };
  auto args = [](llvm::Function *fn) {
    std::vector<llvm::Value *> v;
    for (llvm::Argument &a : fn->args())
      v.push_back(&a);
    return v;
  };
  llvm::Function *logpdf = module.getFunction(prefix + "_logpdf");
  llvm::Function *logpdfGrad = module.getFunction(prefix + "_logpdf_grad");
  llvm::Function *expected = module.getFunction(prefix + "_expected");
  if (!logpdf || !logpdfGrad || !expected)
    throw std::logic_error("compileLibraryObject: the three compiled functions are missing");

  llvm::Function *nll = define("_nll", f64, 3);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", nll));
  b.CreateRet(b.CreateFNeg(b.CreateCall(logpdf, args(nll))));

  llvm::Function *nllGrad = define("_nll_grad", f64, 4);
  b.SetInsertPoint(llvm::BasicBlock::Create(ctx, "entry", nllGrad));
  llvm::Value *value = b.CreateCall(logpdfGrad, args(nllGrad));
  llvm::Value *grad = nllGrad->getArg(3);
  llvm::BasicBlock *entry = b.GetInsertBlock();
  llvm::BasicBlock *loop = llvm::BasicBlock::Create(ctx, "negate", nllGrad);
  llvm::BasicBlock *done = llvm::BasicBlock::Create(ctx, "done", nllGrad);
  llvm::Value *n = llvm::ConstantInt::get(i64, npars);
  b.CreateCondBr(b.CreateICmpEQ(n, llvm::ConstantInt::get(i64, 0)), done, loop);
  b.SetInsertPoint(loop);
  llvm::PHINode *i = b.CreatePHI(i64, 2);
  i->addIncoming(llvm::ConstantInt::get(i64, 0), entry);
  llvm::Value *slot = b.CreateGEP(f64, grad, i);
  b.CreateStore(b.CreateFNeg(b.CreateLoad(f64, slot)), slot);
  llvm::Value *next = b.CreateAdd(i, llvm::ConstantInt::get(i64, 1));
  i->addIncoming(next, loop);
  b.CreateCondBr(b.CreateICmpEQ(next, n), done, loop);
  b.SetInsertPoint(done);
  b.CreateRet(b.CreateFNeg(value));

  llvm::Function *expectedData = define("_expected_data", llvm::Type::getVoidTy(ctx), 3);
  b.SetInsertPoint(llvm::BasicBlock::Create(ctx, "entry", expectedData));
  b.CreateCall(expected, args(expectedData));
  b.CreateRetVoid();
}

} // namespace

std::string compileLibraryObjectWithLLVM(const ir::Module &m, const std::string &prefix, int optLevel,
                                         std::string *llvmText) {
  std::unique_ptr<llvm::TargetMachine> tm = aotTargetMachine();
  llvm::LLVMContext context;
  llvm::Module module(prefix, context);

  // The data first, so that the exported names are free.
  DataExporter data(module, prefix);
  std::vector<std::string> names;
  std::vector<double> inits, lo, hi;
  std::vector<int> fixed;
  for (const ir::Parameter &p : m.params) {
    names.push_back(p.name);
    inits.push_back(p.init);
    lo.push_back(p.lo);
    hi.push_back(p.hi);
    fixed.push_back(p.fixed ? 1 : 0);
  }
  data.exportInt("npars", static_cast<int>(m.params.size()));
  data.exportInt("nmain", static_cast<int>(m.nMain));
  data.exportInt("naux", static_cast<int>(m.nAux));
  data.exportInt("poi_index", m.poiIndex);
  data.exportStrings("par_names", names);
  data.exportDoubles("inits", inits);
  data.exportDoubles("lo", lo);
  data.exportDoubles("hi", hi);
  data.exportInts("fixed", fixed);
  data.exportDoubles("observed_data", m.observedMain);
  data.exportDoubles("aux_data", m.nominalAux);

  for (CompiledFunction which : {CompiledFunction::Logpdf, CompiledFunction::LogpdfGrad, CompiledFunction::Expected})
    emitFunction(m, module, prefix, which);
  emitConveniences(module, prefix, m.params.size());
  optimizeLLVM(module, *tm, optLevel);
  if (llvmText)
    *llvmText = printLLVM(module);
  std::unique_ptr<llvm::MemoryBuffer> object = emitObject(module, *tm);
  return std::string(object->getBufferStart(), object->getBufferSize());
}

} // namespace hf::codegen
