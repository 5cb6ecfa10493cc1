//===- tools/hfc/model_options.cpp - Options every model command shares ---===//
#include "tools/hfc/model_options.h"

#include "tools/hfc/hazard_report.h"

#include "analysis/cache.h"
#include "analysis/config.h"
#include "frontend/json_reader.h"
#include "codegen/jit.h"
#include "codegen/object_cache.h"
#include "frontend/python_json.h"
#include "hf/error.h"
#include "ir/pipeline.h"
#include "ir/printer.h"
#include "ir/rate_check.h"
#include "ir/verifier.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

namespace hf::cli {

namespace {
/// -v: one switch for the process (every command's likelihoods are built
/// the same way), set by any command's -v.
bool verboseBuild = false;

/// How a likelihood was built, for -v: the interpreter, or where its machine
/// code came from (compiled now, with its phases; reused from an earlier
/// model of the same structure; the disk cache) and the constant pool that
/// the structure-level code reads the model's numbers, counts and indices
/// from.
std::string describeBuild(const Likelihood &likelihood) {
  const codegen::JitModel *j = likelihood.jit();
  if (!j)
    return fmt::format("likelihood: the IR interpreter ({} IR ops)", likelihood.compiledModule().ops.size());
  using Source = codegen::JitModel::CodeSource;
  std::string source;
  switch (j->codeSource()) {
  case Source::Compiled:
    source = fmt::format("compiled now (emit {:.1f} ms, optimize {:.1f} ms, machine code {:.1f} ms, link {:.1f} ms)",
                         j->emitMs(), j->optimizeMs(), j->machineCodeMs(), j->linkMs());
    break;
  case Source::Reused:
    source = fmt::format("reused from an earlier model of the same structure (emit {:.1f} ms, no LLVM)", j->emitMs());
    break;
  case Source::DiskCache:
    source = fmt::format("from the disk cache (emit {:.1f} ms, link {:.1f} ms, no LLVM optimization or code "
                         "generation)", j->emitMs(), j->linkMs());
    break;
  case Source::SharedObject:
    source = "from the disk cache as a shared object for this model (mapped with dlopen: LLVM not loaded)";
    break;
  }
  std::string text = fmt::format("likelihood: JIT, structure-level machine code (numbers, counts and indices in a "
                                 "constant pool of {} values), {}; {} IR ops, {:.1f} ms in all",
                                 j->poolSize(), source, likelihood.compiledModule().ops.size(),
                                 likelihood.compileMs());
  if (const Likelihood *twin = likelihood.smoothTwin())
    text += "; smooth twin: " + describeBuild(*twin).substr(std::string("likelihood: ").size());
  return text;
}
} // namespace

void addModelOptions(CLI::App *cmd, ModelOptions &o) {
  cmd->add_option("MODEL", o.load.modelFile,
                  "workspace: pyhf JSON, .hf or a HistFactory top-level .xml ('-' reads JSON from standard "
                  "input; archive.tar.gz:path/inside.json reads a member of a tarball)")
      ->required();
  cmd->add_option("-p,--patch", o.load.patchFiles,
                  "JSON Patch applied to the model spec {channels, parameters}; repeatable, in order");
  cmd->add_option("--patchset", o.load.patchsetFile, "pyhf PatchSet file (choose a point with --point)");
  cmd->add_option("--point", o.load.point, "name of the PatchSet point to apply");
  cmd->add_option("--point-values", o.pointValues, "the PatchSet point's values, e.g. 1300,205,60");
  cmd->add_flag("--no-verify", [&o](int64_t) { o.load.verifyDigest = false; },
                "apply the PatchSet point even if the workspace digest does not match");
  cmd->add_option("--measurement", o.load.measurement, "measurement to use (default: the first)");
  cmd->add_option("--basedir", o.load.xmlBasedir,
                  "for an .xml or cabinetry config MODEL: the directory its file names start from (default: the "
                  "working directory)");
  cmd->add_option("--interp", o.interp,
                  "interpolation codes, e.g. normsys=code1,histosys=code0 (default code4, code4p)");
  cmd->add_flag("--emit-spec", o.emitSpec,
                "print the model as the frontend built it (imports, patches, constants applied) as "
                "pyhf JSON and stop");
  cmd->add_flag("--emit-ir", o.emitIr, "print the model's IR and stop");
  cmd->add_flag("--emit-llvm", o.emitLlvm, "print the optimized LLVM IR of the compiled functions and stop");
  cmd->add_flag("--no-opt", o.noOpt, "skip the IR optimization passes");
  cmd->add_option("--llvm-opt", o.llvmOpt, "LLVM optimization: 0 none, 1 lean pipeline (default), 2 O2, 3 O3")
      ->check(CLI::Range(0, 3));
  cmd->add_flag("--no-cache", o.noCache,
                "compile without the disk cache of machine code ($HFC_CACHE_DIR, else ~/.cache/hfc)");
  cmd->add_option("--backend", o.backend, "jit (compiled, default) or interp (the reference interpreter)")
      ->check(CLI::IsMember({"jit", "interp"}));
  cmd->add_flag("-v,--verbose", verboseBuild,
                "say on stderr how the likelihood was built: machine code compiled, reused or from the disk cache");
}

namespace {
/// "1300,205,60" -> {1300, 205, 60}; InputError on anything not a number.
std::vector<double> parseNumberList(const std::string &text, const char *option) {
  std::vector<double> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    char *end = nullptr;
    double value = std::strtod(item.c_str(), &end);
    if (item.empty() || *end != '\0')
      throw InputError(fmt::format("error: {}: \"{}\" is not a number (expected v1,v2,...)", option, item));
    out.push_back(value);
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return out;
}
} // namespace

ir::Module lowerSpec(const ModelOptions &o, const ModelSpec &spec) {
  ir::InterpCodes codes = o.interp.empty() ? ir::InterpCodes{} : ir::parseInterpCodes(o.interp);
  ir::Module m = ir::lower(spec, codes);
  ir::requireNonNegativeNominalRates(spec); // before any fit, at the number's place
  std::string problem = ir::verify(m);
  if (!problem.empty())
    throw std::logic_error("lowering produced invalid IR: " + problem);
  return m;
}

ir::Module buildModule(ModelOptions &o, ModelSpec *specOut) {
  if (!o.pointValues.empty())
    o.load.pointValues = parseNumberList(o.pointValues, "--point-values");
  if (!o.interp.empty())
    ir::parseInterpCodes(o.interp); // a bad --interp is reported before the model is read
  // A cabinetry config is a model too: its (cached) workspace is built
  // first, with paths relative to --basedir, else to the working directory
  // as cabinetry's.
  if (analysis::isConfigFile(o.load.modelFile)) {
    for (const analysis::Region &r : analysis::readConfig(o.load.modelFile).regions)
      if (r.binning) {
        report::ChannelBinning &b = o.binning[r.name.value];
        for (const analysis::Number &n : *r.binning)
          b.edges.push_back(n.value);
        if (r.variable)
          b.variable = r.variable->value;
      }
    o.load.modelFile = analysis::cachedWorkspaceFile(o.load.modelFile, o.load.xmlBasedir);
  }
  ModelSpec spec = loadModel(o.load);
  if (o.emitSpec) {
    // Before lowering, so that a model lowering rejects can still be shown.
    std::string text = pythonJsonPretty(workspaceToJson(modelSpecWorkspace(spec)), true) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    throw StopAfterEmit{};
  }
  ir::Module m = lowerSpec(o, spec);
  warnHazards(spec, m);
  if (specOut)
    *specOut = std::move(spec);
  return m;
}

bool emitIrIfAsked(const ModelOptions &o, const ir::Module &m) {
  if (o.emitIr && o.emitLlvm)
    throw InputError("error: --emit-ir and --emit-llvm: choose one (each prints a whole module on stdout)");
  if (!o.emitIr)
    return false;
  // The IR after the passes (as it is compiled, less the gradient), or as
  // lowered with --no-opt.
  ir::Module shown = m;
  if (!o.noOpt)
    ir::optimize(shown);
  std::fputs(ir::print(shown).c_str(), stdout);
  return true;
}

std::unique_ptr<Likelihood> buildLikelihood(const ModelOptions &o, const ir::Module &m) {
  LikelihoodOptions options;
  options.backend = o.emitLlvm ? Backend::Jit : parseBackend(o.backend);
  options.optimizeIR = !o.noOpt;
  options.llvmOptLevel = o.llvmOpt;
  options.keepLLVMText = o.emitLlvm;
  if (!o.noCache)
    options.cacheDir = codegen::defaultObjectCacheDir();
  auto likelihood = std::make_unique<Likelihood>(m, options);
  if (verboseBuild)
    fmt::print(stderr, "hfc: {}\n", describeBuild(*likelihood));
  if (o.emitLlvm) {
    std::fputs(likelihood->llvmText().c_str(), stdout);
    return nullptr;
  }
  return likelihood;
}

void printJson(const Json &doc) { std::puts(pythonJsonPretty(doc).c_str()); }

} // namespace hf::cli
