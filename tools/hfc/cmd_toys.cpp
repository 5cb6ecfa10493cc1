//===- tools/hfc/cmd_toys.cpp - hfc toys merge: combine toy runs ----------===//
//
//   hfc toys merge A.json B.json ... -o C.json   {"CLs_obs", "CLs_exp", "ntoys", ...}
//
// Files that `hfc cls --calctype toybased --save-toys` wrote on several
// machines, each with its own --first-toy range of one --seed, become one
// (tools/hfc/toy_file.h), and CLs is computed from the merged distributions
// exactly as one run over all the toys computes it (runtime/toys.h).
//
//===----------------------------------------------------------------------===//
#include "frontend/json.h"
#include "runtime/toys.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/model_options.h"
#include "tools/hfc/toy_file.h"

#include <fmt/format.h>

#include <memory>

namespace hf::cli {

namespace {

struct MergeOptions {
  std::vector<std::string> inputs;
  std::string output;
};

void runMerge(const MergeOptions &o) {
  std::vector<ToyFile> files;
  for (const std::string &path : o.inputs)
    files.push_back(readToyFile(path));
  ToyFile merged = mergeToyFiles(files, o.inputs);
  HypoTestResult r = toyHypoTestResult(merged.qObs, merged.signal, merged.background, merged.testStat == "q0");
  if (!o.output.empty())
    writeToyFile(o.output, merged);
  Json out{{"CLs_obs", r.clsObs}, {"CLs_exp", r.clsExp}};
  if (merged.testStat == "q0")
    out = Json{{"p0_obs", r.clsObs}, {"p0_exp_band", r.clsExp}};
  out["ntoys"] = merged.signal.size();
  out["first_toy"] = merged.firstToy;
  out["files"] = files.size();
  printJson(out);
}

} // namespace

void registerToys(CLI::App &app) {
  CLI::App *toys = app.add_subcommand("toys", "Toy distributions saved by --save-toys: merge runs");
  toys->require_subcommand(1);
  auto options = std::make_shared<MergeOptions>();
  CLI::App *merge = toys->add_subcommand(
      "merge", "Merge toy files of disjoint --first-toy ranges of one seed; print CLs from all their toys");
  merge->add_option("files", options->inputs, "toy files (hfc cls --save-toys)")->required();
  merge->add_option("-o,--output", options->output, "write the merged toy file here");
  merge->callback([options] { runMerge(*options); });
}

} // namespace hf::cli
