//===- tools/hfc-opt/hfc-opt.cpp - Run IR passes by name (like mlir-opt) --===//
//
// A developer tool: `hfc-opt MODEL.json [--PASS ...]` lowers the workspace,
// runs the named passes in the order given, checks the module after each
// one, and prints it. Lit tests use it to show a pass's IR before and after.
//
//   --fold (--fold-constants) --cse --dce --merge-samples --hoist-scalars --mask-bins
//   --pipeline            the whole of ir::optimize
//   --specialize-fixed    fixed parameters are literals (for --fold, --pipeline)
//   --print-after-all     (with --pipeline) the module after each pass, on stderr
//   -p, --patch FILE      a JSON Patch for the model spec (repeatable)
//   --interp CODES        interpolation codes, as `hfc --interp`
//
// Exit codes: 0 success, 1 a pass broke the module, 2 bad input or usage.
//
//===----------------------------------------------------------------------===//
#include "frontend/load.h"
#include "hf/error.h"
#include "ir/lower.h"
#include "ir/passes.h"
#include "ir/pipeline.h"
#include "ir/printer.h"
#include "ir/verifier.h"

#include <fmt/format.h>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

constexpr const char *kUsage =
    "usage: hfc-opt MODEL.json [-p PATCH]... [--interp CODES] [--specialize-fixed]\n"
    "               [--print-after-all] [--fold | --cse | --dce | --merge-samples |\n"
    "                --hoist-scalars | --mask-bins | --pipeline]...\n";

struct Pass {
  std::string name;
  std::function<void(hf::ir::Module &)> run;
};

int usage(const std::string &message) {
  fmt::print(stderr, "hfc-opt: error: {}\n{}", message, kUsage);
  return 2;
}

} // namespace

int main(int argc, char **argv) {
  hf::LoadOptions load;
  std::string interp;
  hf::ir::PassOptions options;
  std::vector<std::string> passNames;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> const char * { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "-h" || arg == "--help") {
      fmt::print("{}", kUsage);
      return 0;
    } else if (arg == "-p" || arg == "--patch") {
      const char *file = value();
      if (!file)
        return usage(arg + " needs a file");
      load.patchFiles.push_back(file);
    } else if (arg == "--interp") {
      const char *codes = value();
      if (!codes)
        return usage("--interp needs codes");
      interp = codes;
    } else if (arg == "--specialize-fixed") {
      options.specializeFixed = true;
    } else if (arg == "--print-after-all") {
      options.printAfterAll = true;
    } else if (arg.rfind("--", 0) == 0) {
      passNames.push_back(arg.substr(2));
    } else if (load.modelFile.empty()) {
      load.modelFile = arg;
    } else {
      return usage("more than one model: " + arg);
    }
  }
  if (load.modelFile.empty())
    return usage("no model");

  std::vector<Pass> passes;
  for (const std::string &name : passNames) {
    using hf::ir::Module;
    if (name == "fold" || name == "fold-constants")
      passes.push_back({name, [&](Module &m) { hf::ir::foldConstants(m, options.specializeFixed); }});
    else if (name == "cse")
      passes.push_back({name, [](Module &m) { hf::ir::eliminateCommonSubexpressions(m); }});
    else if (name == "dce")
      passes.push_back({name, [](Module &m) { hf::ir::eliminateDeadValues(m); }});
    else if (name == "merge-samples")
      passes.push_back({name, [](Module &m) { hf::ir::mergeSamples(m); }});
    else if (name == "hoist-scalars")
      passes.push_back({name, [](Module &m) { hf::ir::hoistScalars(m); }});
    else if (name == "mask-bins")
      passes.push_back({name, [](Module &m) { hf::ir::maskBins(m); }});
    else if (name == "pipeline")
      passes.push_back({name, [&](Module &m) { hf::ir::optimize(m, options); }});
    else
      return usage("unknown option --" + name);
  }

  try {
    hf::ir::Module m = hf::ir::lower(hf::loadModel(load), hf::ir::parseInterpCodes(interp));
    for (const Pass &pass : passes) {
      pass.run(m);
      std::string problem = hf::ir::verify(m);
      if (!problem.empty()) {
        fmt::print(stderr, "hfc-opt: error: the module is invalid after --{}: {}\n{}", pass.name,
                   problem, hf::ir::print(m));
        return 1;
      }
    }
    fmt::print("{}", hf::ir::print(m));
  } catch (const hf::InputError &e) {
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  }
  return 0;
}
