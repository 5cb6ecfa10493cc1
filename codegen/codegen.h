//===- codegen/codegen.h - IR -> LLVM -> machine code ---------------------===//
//
// A Module becomes an LLVM module with three functions, each computing a
// subset of the Module's outputs:
//
//   double P_logpdf(const double *theta, const double *data, const double *aux)
//   double P_logpdf_grad(const double *theta, const double *data, const double *aux,
//                        double *grad)                 // grad: zeroed, then filled
//   void   P_expected(const double *theta, double *main, double *aux_out)
//
// Vectors of bins become loops over bins (LLVM unrolls the short ones);
// histogram contents are constant arrays (or, for the JIT, a constant pool
// argument: see emitFunction); θ, the observed data and the auxiliary data
// are arguments, so one compilation serves observed data, Asimov data and
// every toy. log/exp/pow/lgamma_r come from the platform libm.
// The functions are pure (no state beyond their stack), so they are safe to
// call from several threads at once.
//
// LLVM types are only forward-declared here: most of hfc never includes LLVM.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/module.h"

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class LLVMContext;
class MemoryBuffer;
class Module;
class TargetMachine;
} // namespace llvm

namespace hf::codegen {

using LogpdfFn = double (*)(const double *theta, const double *data, const double *aux);
using LogpdfGradFn = double (*)(const double *theta, const double *data, const double *aux,
                                double *grad);
using ExpectedFn = void (*)(const double *theta, double *mainOut, double *auxOut);

/// The functions a Module compiles to.
enum class CompiledFunction { Logpdf, LogpdfGrad, Expected };

/// "_logpdf", "_logpdf_grad", "_expected": appended to the prefix.
const char *functionSuffix(CompiledFunction which);

/// Emits one function for `m` into `module` as prefix + functionSuffix.
/// Without `pool`, the model's numbers (histogram contents, modifier data,
/// constants) are constant arrays in `module`. With it, the function takes
/// one more argument, `const double *pool`, reads them from there, and
/// `pool` receives the values to pass: the emitted IR then depends on the
/// model's structure only, so models that differ only in numbers (the points
/// of a PatchSet) compile to the same machine code (see jit.h).
void emitFunction(const ir::Module &m, llvm::Module &module, const std::string &prefix, CompiledFunction which,
                  std::vector<double> *pool = nullptr);

/// Emits the three functions for `m` (which should carry Gradient outputs,
/// see ir/autodiff.h) into a new LLVM module named `prefix`.
std::unique_ptr<llvm::Module> emitLLVM(const ir::Module &m, llvm::LLVMContext &context,
                                       const std::string &prefix);

/// A TargetMachine for the host CPU (its SIMD features included).
std::unique_ptr<llvm::TargetMachine> hostTargetMachine();

/// Optimizes `module` for `tm`: level 0 nothing, 1 hfc's lean function
/// pipeline (the default), 2 LLVM's O2, 3 LLVM's O3.
void optimizeLLVM(llvm::Module &module, llvm::TargetMachine &tm, int level = 1);

/// Machine code for `module` (optimized already) as an in-memory object
/// file, for the JIT to link or a library to archive.
std::unique_ptr<llvm::MemoryBuffer> emitObject(llvm::Module &module, llvm::TargetMachine &tm);

/// Prints an LLVM module as text.
std::string printLLVM(const llvm::Module &module);

/// Initializes LLVM's native target once per process.
void initializeLLVM();

} // namespace hf::codegen
