//===- frontend/workspace_ops.h - pyhf's workspace verbs on documents -----===//
//
// sort, prune, rename and combine (workspace.md §6) as pure functions from
// workspace documents to a new workspace document. They work on the JSON, not
// on Spec, because pyhf's verbs are document transformations: what they keep,
// drop and reorder is visible in the file they write and in its digest.
//
// Every function validates its inputs with readWorkspace, checks the names it
// is given (an unknown name or a clash is an InputError that names it and what
// the workspace has), and validates the result again.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/json.h"

#include <string>
#include <utility>
#include <vector>

namespace hf {

/// pyhf's Workspace.sorted: channels, samples, modifiers (by name, then
/// type), measurements, parameter configs and observations sorted by name.
/// The sort is stable, as Python's, so equal keys keep their file order.
Json sortWorkspace(const Json &doc, const std::string &file = "<workspace>");

/// What to remove from a workspace; every name must exist in it.
struct WorkspacePrune {
  std::vector<std::string> channels;
  std::vector<std::string> samples;
  std::vector<std::string> modifiers;
  std::vector<std::string> types; ///< modifier types ("normsys", ...)
  std::vector<std::string> measurements;
};

/// pyhf's Workspace.prune: drops the listed channels (with their
/// observations), samples, modifiers (by name or type), the parameter configs
/// of pruned modifier names, and measurements. A channel left without samples
/// makes the result invalid: an InputError.
Json pruneWorkspace(const Json &doc, const WorkspacePrune &prune,
                    const std::string &file = "<workspace>");

/// Convenience form with the lists in pyhf's CLI order.
Json pruneWorkspace(const Json &doc, const std::vector<std::string> &channels,
                    const std::vector<std::string> &samples, const std::vector<std::string> &modifiers,
                    const std::vector<std::string> &types, const std::vector<std::string> &measurements,
                    const std::string &file = "<workspace>");

using RenameList = std::vector<std::pair<std::string, std::string>>; ///< (old, new)

/// What to rename; every old name must exist.
struct WorkspaceRenames {
  RenameList channels;
  RenameList samples;
  RenameList modifiers;
  RenameList measurements;
};

/// pyhf's Workspace.rename: channel renames also rename the observation;
/// modifier renames apply to modifiers of any type, parameter configs and
/// POIs. A rename that makes two channels, two samples of one channel, two
/// measurements, two parameter configs of one measurement, or two modifiers
/// of one sample with the same type share a name is an InputError.
Json renameWorkspace(const Json &doc, const WorkspaceRenames &renames,
                     const std::string &file = "<workspace>");

enum class WorkspaceJoin { None, Outer, LeftOuter, RightOuter };

/// "none", "outer", "left outer", "right outer"; InputError otherwise.
WorkspaceJoin parseWorkspaceJoin(const std::string &text);
const char *workspaceJoinName(WorkspaceJoin join);

/// pyhf's Workspace.combine (the join table of workspace.md §6). With
/// `mergeChannels` (not allowed with join none) a channel of the secondary
/// workspace whose name the primary has adds its new samples to it.
Json combineWorkspaces(const Json &left, const Json &right, WorkspaceJoin join, bool mergeChannels,
                       const std::string &leftFile = "<left workspace>",
                       const std::string &rightFile = "<right workspace>");

/// Deep equality with Python's meaning: object key order is irrelevant
/// (nlohmann's ordered_json compares objects in order), 1 == 1.0.
bool jsonEqualUnordered(const Json &a, const Json &b);

} // namespace hf
