//===- codegen/aot.h - Ahead-of-time compiled likelihood libraries --------===//
//
// One object file holding a model's three compiled functions (see
// codegen.h) under a chosen prefix, and the model's data as exported
// constants, for `hfc compile` to link into a shared or static library:
//
//   const int    P_npars, P_nmain, P_naux, P_poi_index;   // -1: no POI
//   const char  *const P_par_names[P_npars];
//   const double P_inits[P_npars], P_lo[P_npars], P_hi[P_npars];
//   const int    P_fixed[P_npars];                        // 1 fixed, 0 free
//   const double P_observed_data[P_nmain], P_aux_data[P_naux];
//
// Besides P_logpdf, P_logpdf_grad and P_expected it exports pyhf's names,
// callable from any language's foreign-function interface: P_nll (−logpdf),
// P_nll_grad (its gradient) and P_expected_data.
//
// The code targets the host's architecture with its generic CPU (x86-64 on
// x86-64 hosts, so the library runs on any such machine) and is
// position-independent. It needs only libm (log, exp, pow, lgamma_r).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "codegen/codegen.h"

#include <memory>
#include <string>

namespace hf::codegen {

/// A TargetMachine for libraries: the host triple, a generic CPU, PIC.
std::unique_ptr<llvm::TargetMachine> aotTargetMachine();

/// The object file (ELF on Linux) for `m`, which should carry Gradient
/// outputs (ir/autodiff.h) and the IR passes already. `optLevel` is as for
/// optimizeLLVM; `llvmText`, when given, receives the optimized LLVM IR.
/// Runs in the LLVM plugin (llvm_backend.h): the host calls it through
/// llvmBackend(), without LLVM's symbols of its own.
std::string compileLibraryObject(const ir::Module &m, const std::string &prefix, int optLevel = 1,
                                 std::string *llvmText = nullptr);

/// compileLibraryObject's body, inside the plugin.
std::string compileLibraryObjectWithLLVM(const ir::Module &m, const std::string &prefix, int optLevel,
                                         std::string *llvmText);

} // namespace hf::codegen
