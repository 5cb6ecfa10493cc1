//===- tools/hfc/cmd_workspace.cpp - pyhf's workspace verbs ---------------===//
//
// hfc digest, sort, prune, rename, combine and patchset verify|inspect|
// extract|apply: the verbs of pyhf's command line with its arguments and its
// output (workspace.md §6), so that a script ports by replacing `pyhf` with
// `hfc`. The work is done by frontend/workspace_ops and frontend/patchset;
// this file reads the files, writes the results and adds nothing else.
//
//===----------------------------------------------------------------------===//
#include "frontend/digest.h"
#include "frontend/hf/parser.h"
#include "frontend/hf/writer.h"
#include "frontend/json_reader.h"
#include "frontend/json_text.h"
#include "frontend/load.h"
#include "frontend/patchset.h"
#include "frontend/python_json.h"
#include "frontend/workspace_ops.h"
#include "hf/error.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/model_options.h"
#include "tools/hfc/output_file.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace hf::cli {

namespace {

const char *const kModelHelp = "workspace: pyhf JSON or .hf ('-' reads JSON from standard input)";

/// Reads a workspace document (.json or .hf) and validates it, as pyhf's
/// Workspace(spec).
Json readValidWorkspace(const std::string &file) {
  Json doc = readWorkspaceFile(file);
  readWorkspace(doc, file);
  return doc;
}

/// pyhf's output: json.dumps(indent=4, sort_keys=True) on stdout, or the
/// same text (as json.dump writes it, no final newline) to --output-file.
void writeJson(const Json &doc, const std::string &outputFile) {
  if (outputFile.empty())
    printJson(doc);
  else
    writeFileAtomically(outputFile, pythonJsonPretty(doc, true));
}

/// A resulting workspace: as writeJson, or in .hf when --output-file ends
/// in .hf (the Spec writer's canonical form, as hfc convert).
void writeWorkspace(const Json &doc, const std::string &outputFile) {
  if (isHfFile(outputFile))
    writeFileAtomically(outputFile, writeHf(readWorkspace(doc, outputFile)));
  else
    writeJson(doc, outputFile);
}

void addOutputFile(CLI::App *cmd, std::string &outputFile) {
  cmd->add_option("--output-file", outputFile,
                  "write the result to this file (atomically) instead of standard output; a "
                  "workspace is written in .hf when the name ends in .hf");
}

//===- digest -------------------------------------------------------------===//

struct DigestOptions {
  std::string model = "-";
  std::vector<std::string> algorithms;
  bool json = false;
};

void runDigest(const DigestOptions &o) {
  Json doc = readValidWorkspace(o.model);
  // pyhf builds a dict {algorithm: digest}: a repeated algorithm keeps its
  // first position.
  std::vector<std::string> algorithms;
  for (const std::string &a : o.algorithms.empty() ? std::vector<std::string>{"sha256"} : o.algorithms)
    if (std::find(algorithms.begin(), algorithms.end(), a) == algorithms.end())
      algorithms.push_back(a);
  Json digests = Json::object();
  for (const std::string &a : algorithms)
    digests[a] = workspaceDigest(doc, a);
  if (o.json) {
    printJson(digests);
    return;
  }
  for (const auto &[algorithm, hex] : digests.items())
    fmt::print("{}:{}\n", algorithm, hex.get<std::string>());
}

void registerDigest(CLI::App &app) {
  auto o = std::make_shared<DigestOptions>();
  CLI::App *cmd = app.add_subcommand("digest", "Print the digest(s) of a workspace (as pyhf digest)");
  cmd->add_option("MODEL", o->model, kModelHelp);
  cmd->add_option("-a,--algorithm", o->algorithms,
                  "hash algorithm, any of Python hashlib's fixed-length names: sha256 (default), md5, sha1, sha3_256, blake2b, ...; repeatable");
  cmd->add_flag("-j,--json,!-p,!--plaintext", o->json,
                "print {algorithm: digest} as JSON (-j) or algorithm:digest lines (-p, the default)");
  cmd->callback([o] { runDigest(*o); });
}

//===- sort ---------------------------------------------------------------===//

struct SortOptions {
  std::string model = "-";
  std::string outputFile;
};

void registerSort(CLI::App &app) {
  auto o = std::make_shared<SortOptions>();
  CLI::App *cmd = app.add_subcommand("sort", "Sort a workspace's channels, samples, modifiers, "
                                             "measurements and observations by name");
  cmd->add_option("MODEL", o->model, kModelHelp);
  addOutputFile(cmd, o->outputFile);
  cmd->callback(
      [o] { writeWorkspace(sortWorkspace(readWorkspaceFile(o->model), o->model), o->outputFile); });
}

//===- prune --------------------------------------------------------------===//

struct PruneOptions {
  std::string model = "-";
  WorkspacePrune prune;
  std::string outputFile;
};

void registerPrune(CLI::App &app) {
  auto o = std::make_shared<PruneOptions>();
  CLI::App *cmd = app.add_subcommand("prune", "Remove channels, samples, modifiers or measurements "
                                              "from a workspace");
  cmd->add_option("MODEL", o->model, kModelHelp);
  cmd->add_option("-c,--channel", o->prune.channels, "channel to remove (with its observation)");
  cmd->add_option("-s,--sample", o->prune.samples, "sample to remove from every channel");
  cmd->add_option("-m,--modifier", o->prune.modifiers,
                  "modifier name to remove (and its parameter configs)");
  cmd->add_option("-t,--modifier-type", o->prune.types, "remove every modifier of this type")
      ->check(CLI::IsMember(
          {"histosys", "lumi", "normfactor", "normsys", "shapefactor", "shapesys", "staterror"}));
  cmd->add_option("--measurement", o->prune.measurements, "measurement to remove");
  addOutputFile(cmd, o->outputFile);
  cmd->callback(
      [o] { writeWorkspace(pruneWorkspace(readWorkspaceFile(o->model), o->prune, o->model), o->outputFile); });
}

//===- rename -------------------------------------------------------------===//

struct RenameOptions {
  std::string model = "-";
  WorkspaceRenames renames;
  std::string outputFile;
};

void registerRename(CLI::App &app) {
  auto o = std::make_shared<RenameOptions>();
  CLI::App *cmd = app.add_subcommand("rename", "Rename channels, samples, modifiers or measurements");
  cmd->add_option("MODEL", o->model, kModelHelp);
  cmd->add_option("-c,--channel", o->renames.channels, "OLD NEW: rename a channel (and its observation)");
  cmd->add_option("-s,--sample", o->renames.samples, "OLD NEW: rename a sample");
  cmd->add_option("-m,--modifier", o->renames.modifiers,
                  "OLD NEW: rename a modifier, its parameter configs and the POI");
  cmd->add_option("--measurement", o->renames.measurements, "OLD NEW: rename a measurement");
  addOutputFile(cmd, o->outputFile);
  cmd->callback([o] {
    writeWorkspace(renameWorkspace(readWorkspaceFile(o->model), o->renames, o->model), o->outputFile);
  });
}

//===- combine ------------------------------------------------------------===//

struct CombineOptions {
  std::string left = "-";
  std::string right = "-";
  std::string join = "none";
  bool mergeChannels = false;
  std::string outputFile;
};

/// Names both lists have: with a left/right outer join the secondary side's
/// items of those names are dropped, which pyhf only logs.
std::vector<std::string> sharedNames(const Json &a, const Json &b) {
  std::vector<std::string> shared;
  for (const Json &x : a)
    for (const Json &y : b)
      if (x["name"] == y["name"] &&
          std::find(shared.begin(), shared.end(), x["name"].get<std::string>()) == shared.end())
        shared.push_back(x["name"].get<std::string>());
  return shared;
}

void runCombine(const CombineOptions &o) {
  WorkspaceJoin join = parseWorkspaceJoin(o.join);
  Json left = readWorkspaceFile(o.left);
  Json right = readWorkspaceFile(o.right);
  Json combined = combineWorkspaces(left, right, join, o.mergeChannels, o.left, o.right);
  if (join == WorkspaceJoin::LeftOuter || join == WorkspaceJoin::RightOuter) {
    std::vector<std::string> dropped;
    for (const char *list : {"channels", "observations", "measurements"})
      for (const std::string &name : sharedNames(left[list], right[list]))
        dropped.push_back(fmt::format("{} \"{}\"", list, name));
    if (!dropped.empty())
      fmt::print(stderr, "warning: join \"{}\" keeps the {} workspace's items of the same name and "
                         "drops the other's: {}\n",
                 o.join, join == WorkspaceJoin::LeftOuter ? "left" : "right",
                 fmt::join(dropped, ", "));
  }
  writeWorkspace(combined, o.outputFile);
}

void registerCombine(CLI::App &app) {
  auto o = std::make_shared<CombineOptions>();
  CLI::App *cmd = app.add_subcommand("combine", "Combine two workspaces into one");
  cmd->add_option("WORKSPACE_ONE", o->left, "the first (left) workspace")->required();
  cmd->add_option("WORKSPACE_TWO", o->right, "the second (right) workspace")->required();
  cmd->add_option("-j,--join", o->join,
                  "how same-name items join: none (default), outer, \"left outer\", \"right outer\"")
      ->check(CLI::IsMember({"none", "outer", "left outer", "right outer"}));
  cmd->add_flag("--merge-channels,!--no-merge-channels", o->mergeChannels,
                "merge the samples of same-name channels (needs an outer join)");
  addOutputFile(cmd, o->outputFile);
  cmd->callback([o] { runCombine(*o); });
}

//===- patchset -----------------------------------------------------------===//

struct PatchSetOptions {
  std::string background = "-";
  std::string patchset = "-";
  std::string name;
  std::vector<double> values;
  bool withMetadata = false;
  std::string outputFile;
};

PatchSet readPatchSet(const std::string &file) { return PatchSet::fromJson(readJsonFile(file), file); }

/// The point chosen with --name or --values (exactly one of them).
const PatchSetEntry &choosePatch(const PatchSet &ps, const PatchSetOptions &o) {
  if (!o.name.empty() && !o.values.empty())
    throw InputError("error: give the patch by --name or by --values, not both");
  if (!o.values.empty())
    return ps.byValues(o.values);
  if (o.name.empty())
    throw InputError(fmt::format("{}: error: name the patch with --name (or --values)", ps.file()));
  return ps.byName(o.name);
}

/// PatchSet::verify's check with a message for these verbs: its hint
/// (--no-verify, an option of the model commands) does not apply here.
void verifyDigests(const PatchSet &ps, const Json &workspace, const std::string &workspaceFile) {
  for (const auto &[algorithm, expected] : ps.digests()) {
    std::string actual = workspaceDigest(workspace, algorithm);
    if (actual != expected)
      throw InputError(fmt::format("{}: error: workspace digest mismatch for {}: {} expected {} "
                                   "but the workspace has {} (is this the PatchSet's "
                                   "background-only workspace?)",
                                   workspaceFile, ps.file(), algorithm, expected, actual));
  }
}

void addPatchChoice(CLI::App *cmd, PatchSetOptions &o) {
  cmd->add_option("--name", o.name, "the name of the patch");
  cmd->add_option("--values", o.values, "or its values, one per label, e.g. 1300,205,60")
      ->delimiter(',');
}

void runExtract(const PatchSetOptions &o) {
  PatchSet ps = readPatchSet(o.patchset);
  const PatchSetEntry &entry = choosePatch(ps, o);
  if (!o.withMetadata) {
    writeJson(entry.ops, o.outputFile);
    return;
  }
  // pyhf: patch.metadata updated by (so overwritten with) the PatchSet's.
  Json metadata = entry.metadata;
  for (const auto &[key, value] : ps.metadata().items())
    metadata[key] = value;
  Json result = Json::object();
  result["metadata"] = std::move(metadata);
  result["patch"] = entry.ops;
  writeJson(result, o.outputFile);
}

void runApply(const PatchSetOptions &o) {
  Json workspace = readValidWorkspace(o.background);
  PatchSet ps = readPatchSet(o.patchset);
  const PatchSetEntry &entry = choosePatch(ps, o);
  verifyDigests(ps, workspace, o.background);
  Json patched = ps.apply(workspace, entry);
  readWorkspace(patched, fmt::format("{} (patched with {} of {})", o.background, entry.name, o.patchset));
  writeWorkspace(patched, o.outputFile);
}

void runVerify(const PatchSetOptions &o) {
  Json workspace = readValidWorkspace(o.background);
  verifyDigests(readPatchSet(o.patchset), workspace, o.background);
  std::puts("All good.");
}

void runPatchSetInspect(const PatchSetOptions &o) {
  PatchSet ps = readPatchSet(o.patchset);
  fmt::print("\n    {} patches found in Patchset\n", ps.patches().size());
  fmt::print("{}\n\n", std::string(33, '-'));
  for (const PatchSetEntry &entry : ps.patches())
    fmt::print("{}\n", entry.name);
}

void registerPatchSet(CLI::App &app) {
  auto o = std::make_shared<PatchSetOptions>();
  CLI::App *group = app.add_subcommand("patchset", "Work with pyhf PatchSets (signal points as patches)");
  group->require_subcommand(1);

  CLI::App *verify = group->add_subcommand(
      "verify", "Check that the background-only workspace has the digest the PatchSet expects");
  verify->add_option("BACKGROUND_ONLY", o->background, kModelHelp);
  verify->add_option("PATCHSET", o->patchset, "pyhf PatchSet file");
  verify->callback([o] { runVerify(*o); });

  CLI::App *inspect = group->add_subcommand("inspect", "List the patches of a PatchSet");
  inspect->add_option("PATCHSET", o->patchset, "pyhf PatchSet file");
  inspect->callback([o] { runPatchSetInspect(*o); });

  CLI::App *extract = group->add_subcommand("extract", "Print one patch of a PatchSet");
  extract->add_option("PATCHSET", o->patchset, "pyhf PatchSet file");
  addPatchChoice(extract, *o);
  extract->add_flag("--with-metadata,!--without-metadata", o->withMetadata,
                    "print {metadata, patch} instead of the bare operations");
  addOutputFile(extract, o->outputFile);
  extract->callback([o] { runExtract(*o); });

  CLI::App *apply = group->add_subcommand(
      "apply", "Apply one patch of a PatchSet to the background-only workspace (verified first)");
  apply->add_option("BACKGROUND_ONLY", o->background, kModelHelp);
  apply->add_option("PATCHSET", o->patchset, "pyhf PatchSet file");
  addPatchChoice(apply, *o);
  addOutputFile(apply, o->outputFile);
  apply->callback([o] { runApply(*o); });
}

} // namespace

void registerWorkspaceVerbs(CLI::App &app) {
  registerDigest(app);
  registerSort(app);
  registerPrune(app);
  registerRename(app);
  registerCombine(app);
  registerPatchSet(app);
}

} // namespace hf::cli
