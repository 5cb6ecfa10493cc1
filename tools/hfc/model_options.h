//===- tools/hfc/model_options.h - Options every model command shares -----===//
#pragma once

#include "frontend/load.h"
#include "ir/lower.h"
#include "ir/module.h"
#include "report/prediction.h"
#include "runtime/likelihood.h"

#include <CLI/CLI.hpp>

#include <map>
#include <string>

namespace hf::cli {

/// MODEL and the options that choose what model it is: patches, a PatchSet
/// point, the measurement, the interpolation codes; and --emit-spec|ir|llvm.
struct ModelOptions {
  LoadOptions load;
  std::string pointValues; ///< "v1,v2,..." for --point-values
  std::string interp;      ///< "normsys=code1,histosys=code0"
  bool emitSpec = false;
  bool emitIr = false;
  bool emitLlvm = false;
  bool noOpt = false;
  int llvmOpt = 1; ///< codegen::optimizeLLVM level: 0 none, 1 lean (default), 2 O2, 3 O3
  std::string backend = "jit";
  bool noCache = false; ///< --no-cache: no machine code from or to the disk cache
  /// Set by buildModule when MODEL is a cabinetry config: each region's
  /// Binning and Variable, by channel name, for figures and tables.
  std::map<std::string, report::ChannelBinning> binning;
};

/// Thrown once --emit-spec has printed the model: the command stops there and
/// main() exits with 0. (Not an std::exception, so no handler mistakes it
/// for a failure.)
struct StopAfterEmit {};

/// Adds the MODEL positional and the model options to `cmd`.
void addModelOptions(CLI::App *cmd, ModelOptions &options);

/// Loads, checks and lowers the model (and hands back the spec it came from
/// when `spec` is given). With --emit-spec it prints the Spec the frontend
/// built (imports, patches and constants applied) as pyhf JSON, before any
/// lowering, and ends the process with status 0. When --emit-ir was given,
/// the caller should print the module and stop (see emitIrIfAsked).
ir::Module buildModule(ModelOptions &options, ModelSpec *spec = nullptr);

/// Lowers a model spec with the options' interpolation codes, and checks it.
ir::Module lowerSpec(const ModelOptions &options, const ModelSpec &spec);

/// Prints the module and returns true when --emit-ir was given.
bool emitIrIfAsked(const ModelOptions &options, const ir::Module &m);

/// The likelihood of `m` with the chosen back end (--backend, --no-opt).
/// With --emit-llvm it prints the optimized LLVM IR and returns null: the
/// caller stops.
std::unique_ptr<Likelihood> buildLikelihood(const ModelOptions &options, const ir::Module &m);

/// Prints `doc` on stdout as pyhf does (json.dumps, indent 4, sorted keys).
void printJson(const Json &doc);

} // namespace hf::cli
