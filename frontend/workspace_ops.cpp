//===- frontend/workspace_ops.cpp - pyhf's workspace verbs on documents ---===//
//
// Each verb follows pyhf 0.7.6's Workspace method of the same name: the
// result is built the way pyhf builds it (so the keys it keeps and their
// order are pyhf's), then validated as a workspace.
//
//===----------------------------------------------------------------------===//
#include "frontend/workspace_ops.h"

#include "frontend/json_reader.h"
#include "frontend/nearest_name.h"
#include "hf/error.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

namespace hf {

namespace {

const char *const kModifierTypes[] = {"histosys", "lumi",     "normfactor", "normsys",
                                      "shapefactor", "shapesys", "staterror"};

bool contains(const std::vector<std::string> &names, const std::string &name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// `"a", "b", "c"`, or `none` when empty: the tail of "(the workspace has …)".
std::string quotedList(const std::vector<std::string> &names) {
  if (names.empty())
    return "none";
  std::vector<std::string> quoted;
  for (const std::string &n : names)
    quoted.push_back(fmt::format("\"{}\"", n));
  return fmt::format("{}", fmt::join(quoted, ", "));
}

/// Appends `name` unless present: the names of a workspace in first-seen order.
void addUnique(std::vector<std::string> &names, const std::string &name) {
  if (!contains(names, name))
    names.push_back(name);
}

/// The names a workspace has, in file order, as pyhf's summary collects them.
struct WorkspaceNames {
  std::vector<std::string> channels;
  std::vector<std::string> samples;
  std::vector<std::string> modifiers;
  std::vector<std::string> types;
  std::vector<std::string> measurements;
};

WorkspaceNames collectNames(const Json &doc) {
  WorkspaceNames names;
  for (const Json &channel : doc["channels"]) {
    addUnique(names.channels, channel["name"].get<std::string>());
    for (const Json &sample : channel["samples"]) {
      addUnique(names.samples, sample["name"].get<std::string>());
      for (const Json &modifier : sample["modifiers"]) {
        addUnique(names.modifiers, modifier["name"].get<std::string>());
        addUnique(names.types, modifier["type"].get<std::string>());
      }
    }
  }
  for (const Json &measurement : doc["measurements"])
    addUnique(names.measurements, measurement["name"].get<std::string>());
  return names;
}

/// pyhf's InvalidWorkspaceOperation for a name the workspace does not have.
void requireNames(const std::string &file, const char *verb, const char *kind,
                  const std::vector<std::string> &wanted, const std::vector<std::string> &present) {
  for (const std::string &name : wanted)
    if (!contains(present, name))
      throw InputError(fmt::format("{}: error: cannot {} {} \"{}\": the workspace has no {} of that "
                                   "name{} (it has {})",
                                   file, verb, kind, name, kind, didYouMean(name, present), quotedList(present)));
}

void requireRenames(const std::string &file, const char *kind, const RenameList &renames,
                    const std::vector<std::string> &present) {
  std::vector<std::string> olds;
  for (const auto &[from, to] : renames)
    olds.push_back(from);
  requireNames(file, "rename", kind, olds, present);
}

/// The rename map as pyhf's dict: a later pair for the same old name wins.
std::map<std::string, std::string> renameMap(const RenameList &renames) {
  std::map<std::string, std::string> map;
  for (const auto &[from, to] : renames)
    map[from] = to;
  return map;
}

std::string renamed(const std::map<std::string, std::string> &map, const std::string &name) {
  auto it = map.find(name);
  return it == map.end() ? name : it->second;
}

/// Re-validates a workspace a verb produced, naming the verb in the error.
void validateResult(const Json &result, const std::string &file, const char *verb) {
  readWorkspace(result, fmt::format("{} (after {})", file, verb));
}

/// `json` with key `key` set to `value`, keeping the key's position when it
/// exists (Python's dict(obj, key=value) does the same).
Json withKey(const Json &obj, const char *key, Json value) {
  Json out = obj;
  out[key] = std::move(value);
  return out;
}

} // namespace

bool jsonEqualUnordered(const Json &a, const Json &b) {
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size())
      return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !jsonEqualUnordered(it.value(), *other))
        return false;
    }
    return true;
  }
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size())
      return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!jsonEqualUnordered(a[i], b[i]))
        return false;
    return true;
  }
  return a == b;
}

//===----------------------------------------------------------------------===//
// sort
//===----------------------------------------------------------------------===//

Json sortWorkspace(const Json &doc, const std::string &file) {
  readWorkspace(doc, file);
  Json out = doc;
  // std::string compares bytes as unsigned char: UTF-8 byte order is code
  // point order, which is how Python compares str.
  auto byName = [](const Json &a, const Json &b) {
    return a["name"].get<std::string>() < b["name"].get<std::string>();
  };
  auto sortArray = [&](Json &array, auto less) {
    std::vector<Json> items(array.begin(), array.end());
    std::stable_sort(items.begin(), items.end(), less);
    array = Json(items);
  };
  sortArray(out["channels"], byName);
  for (Json &channel : out["channels"]) {
    sortArray(channel["samples"], byName);
    for (Json &sample : channel["samples"])
      sortArray(sample["modifiers"], [](const Json &a, const Json &b) {
        return std::make_pair(a["name"].get<std::string>(), a["type"].get<std::string>()) <
               std::make_pair(b["name"].get<std::string>(), b["type"].get<std::string>());
      });
  }
  sortArray(out["measurements"], byName);
  for (Json &measurement : out["measurements"])
    sortArray(measurement["config"]["parameters"], byName);
  sortArray(out["observations"], byName);
  validateResult(out, file, "sort");
  return out;
}

//===----------------------------------------------------------------------===//
// prune and rename: pyhf's Workspace._prune_and_rename
//===----------------------------------------------------------------------===//

namespace {

/// Builds the new document exactly as pyhf's _prune_and_rename does: only the
/// keys it copies survive, and objects it copies with dict(obj, name=…) keep
/// their key order.
Json pruneAndRename(const Json &doc, const WorkspacePrune &prune, const WorkspaceRenames &renames) {
  auto renameChannels = renameMap(renames.channels);
  auto renameSamples = renameMap(renames.samples);
  auto renameModifiers = renameMap(renames.modifiers);
  auto renameMeasurements = renameMap(renames.measurements);

  Json channels = Json::array();
  for (const Json &channel : doc["channels"]) {
    const std::string channelName = channel["name"].get<std::string>();
    if (contains(prune.channels, channelName))
      continue;
    Json samples = Json::array();
    for (const Json &sample : channel["samples"]) {
      const std::string sampleName = sample["name"].get<std::string>();
      if (contains(prune.samples, sampleName))
        continue;
      Json modifiers = Json::array();
      for (const Json &modifier : sample["modifiers"]) {
        const std::string modifierName = modifier["name"].get<std::string>();
        if (contains(prune.modifiers, modifierName) ||
            contains(prune.types, modifier["type"].get<std::string>()))
          continue;
        modifiers.push_back(withKey(modifier, "name", renamed(renameModifiers, modifierName)));
      }
      Json newSample = Json::object();
      newSample["name"] = renamed(renameSamples, sampleName);
      newSample["data"] = sample["data"];
      newSample["modifiers"] = std::move(modifiers);
      samples.push_back(std::move(newSample));
    }
    Json newChannel = Json::object();
    newChannel["name"] = renamed(renameChannels, channelName);
    newChannel["samples"] = std::move(samples);
    channels.push_back(std::move(newChannel));
  }

  Json measurements = Json::array();
  for (const Json &measurement : doc["measurements"]) {
    const std::string name = measurement["name"].get<std::string>();
    if (contains(prune.measurements, name))
      continue;
    Json parameters = Json::array();
    // Only configs of pruned modifier *names* go: pyhf keeps those of pruned
    // types (workspace.md §6).
    for (const Json &parameter : measurement["config"]["parameters"]) {
      const std::string parameterName = parameter["name"].get<std::string>();
      if (contains(prune.modifiers, parameterName))
        continue;
      parameters.push_back(withKey(parameter, "name", renamed(renameModifiers, parameterName)));
    }
    Json config = Json::object();
    config["parameters"] = std::move(parameters);
    config["poi"] = renamed(renameModifiers, measurement["config"]["poi"].get<std::string>());
    Json newMeasurement = Json::object();
    newMeasurement["name"] = renamed(renameMeasurements, name);
    newMeasurement["config"] = std::move(config);
    measurements.push_back(std::move(newMeasurement));
  }

  Json observations = Json::array();
  for (const Json &observation : doc["observations"]) {
    const std::string name = observation["name"].get<std::string>();
    if (contains(prune.channels, name))
      continue;
    observations.push_back(withKey(observation, "name", renamed(renameChannels, name)));
  }

  Json out = Json::object();
  out["channels"] = std::move(channels);
  out["measurements"] = std::move(measurements);
  out["observations"] = std::move(observations);
  out["version"] = doc["version"];
  return out;
}

/// The old names renamed to `to`, for a clash message.
std::string renamedFrom(const RenameList &renames, const std::string &to) {
  std::vector<std::string> olds;
  for (const auto &[from, target] : renames)
    if (target == to && from != to)
      addUnique(olds, from);
  return quotedList(olds);
}

/// Throws when `name` was already seen in `seen`: a rename produced a clash.
void checkClash(std::set<std::string> &seen, const std::string &name, const std::string &file,
                const char *kind, const std::string &where, const RenameList &renames) {
  if (!seen.insert(name).second)
    throw InputError(fmt::format("{}: error: cannot rename {} {} to \"{}\": {} already has a {} "
                                 "named \"{}\"",
                                 file, kind, renamedFrom(renames, name), name, where, kind, name));
}

} // namespace

Json pruneWorkspace(const Json &doc, const WorkspacePrune &prune, const std::string &file) {
  readWorkspace(doc, file);
  WorkspaceNames names = collectNames(doc);
  for (const std::string &type : prune.types)
    if (std::find(std::begin(kModifierTypes), std::end(kModifierTypes), type) ==
        std::end(kModifierTypes))
      throw InputError(fmt::format("{}: error: cannot prune modifier type \"{}\": not a modifier "
                                   "type (one of {})",
                                   file, type,
                                   quotedList({std::begin(kModifierTypes), std::end(kModifierTypes)})));
  // pyhf checks only the last type of each name (a quirk, workspace.md §6);
  // every (name, type) pair counts here.
  requireNames(file, "prune", "modifier type", prune.types, names.types);
  requireNames(file, "prune", "modifier", prune.modifiers, names.modifiers);
  requireNames(file, "prune", "sample", prune.samples, names.samples);
  requireNames(file, "prune", "channel", prune.channels, names.channels);
  requireNames(file, "prune", "measurement", prune.measurements, names.measurements);
  Json out = pruneAndRename(doc, prune, WorkspaceRenames{});
  validateResult(out, file, "prune");
  return out;
}

Json pruneWorkspace(const Json &doc, const std::vector<std::string> &channels,
                    const std::vector<std::string> &samples, const std::vector<std::string> &modifiers,
                    const std::vector<std::string> &types, const std::vector<std::string> &measurements,
                    const std::string &file) {
  return pruneWorkspace(doc, WorkspacePrune{channels, samples, modifiers, types, measurements}, file);
}

Json renameWorkspace(const Json &doc, const WorkspaceRenames &renames, const std::string &file) {
  readWorkspace(doc, file);
  WorkspaceNames names = collectNames(doc);
  requireRenames(file, "modifier", renames.modifiers, names.modifiers);
  requireRenames(file, "sample", renames.samples, names.samples);
  requireRenames(file, "channel", renames.channels, names.channels);
  requireRenames(file, "measurement", renames.measurements, names.measurements);
  Json out = pruneAndRename(doc, WorkspacePrune{}, renames);

  // pyhf writes such a workspace and fails later, when a model is built from
  // it; here the rename that caused it is named. Renaming a modifier onto an
  // existing one of another sample or type is allowed: that is how two
  // analyses correlate a systematic.
  std::set<std::string> channelNames, measurementNames;
  for (const Json &channel : out["channels"]) {
    const std::string channelName = channel["name"].get<std::string>();
    checkClash(channelNames, channelName, file, "channel", "the workspace", renames.channels);
    std::set<std::string> sampleNames;
    for (const Json &sample : channel["samples"]) {
      const std::string sampleName = sample["name"].get<std::string>();
      checkClash(sampleNames, sampleName, file, "sample", fmt::format("channel \"{}\"", channelName),
                 renames.samples);
      std::set<std::string> modifierKeys;
      for (const Json &modifier : sample["modifiers"]) {
        const std::string key =
            modifier["name"].get<std::string>() + "\" of type \"" + modifier["type"].get<std::string>();
        if (!modifierKeys.insert(key).second)
          throw InputError(fmt::format("{}: error: cannot rename modifier {} to \"{}\": sample "
                                       "\"{}\" of channel \"{}\" already has a modifier \"{}\"",
                                       file, renamedFrom(renames.modifiers, modifier["name"].get<std::string>()),
                                       modifier["name"].get<std::string>(), sampleName, channelName,
                                       key));
      }
    }
  }
  for (const Json &measurement : out["measurements"]) {
    const std::string name = measurement["name"].get<std::string>();
    checkClash(measurementNames, name, file, "measurement", "the workspace", renames.measurements);
    std::set<std::string> parameterNames;
    for (const Json &parameter : measurement["config"]["parameters"])
      checkClash(parameterNames, parameter["name"].get<std::string>(), file, "modifier",
                 fmt::format("the parameter configs of measurement \"{}\"", name), renames.modifiers);
  }
  std::set<std::string> observationNames;
  for (const Json &observation : out["observations"])
    checkClash(observationNames, observation["name"].get<std::string>(), file, "channel",
               "the observations", renames.channels);
  validateResult(out, file, "rename");
  return out;
}

//===----------------------------------------------------------------------===//
// combine: pyhf's Workspace.combine and its _join_* helpers
//===----------------------------------------------------------------------===//

WorkspaceJoin parseWorkspaceJoin(const std::string &text) {
  if (text == "none")
    return WorkspaceJoin::None;
  if (text == "outer")
    return WorkspaceJoin::Outer;
  if (text == "left outer")
    return WorkspaceJoin::LeftOuter;
  if (text == "right outer")
    return WorkspaceJoin::RightOuter;
  throw InputError(fmt::format("error: unknown join \"{}\" (expected \"none\", \"outer\", "
                               "\"left outer\" or \"right outer\")",
                               text));
}

const char *workspaceJoinName(WorkspaceJoin join) {
  switch (join) {
  case WorkspaceJoin::None:
    return "none";
  case WorkspaceJoin::Outer:
    return "outer";
  case WorkspaceJoin::LeftOuter:
    return "left outer";
  case WorkspaceJoin::RightOuter:
    return "right outer";
  }
  return "none";
}

namespace {

std::string nameOf(const Json &item) { return item["name"].get<std::string>(); }

bool containsItem(const Json &items, const Json &item) {
  for (const Json &candidate : items)
    if (jsonEqualUnordered(candidate, item))
      return true;
  return false;
}

/// pyhf's _join_items: the primary list, then the secondary items the join
/// admits. With `deepMergeKey` a secondary item whose name the primary list
/// has is merged into it instead (its `deepMergeKey` list left-outer-joined).
Json joinItems(WorkspaceJoin join, const Json &left, const Json &right,
               const char *deepMergeKey = nullptr) {
  const Json &primary = join == WorkspaceJoin::RightOuter ? right : left;
  const Json &secondary = join == WorkspaceJoin::RightOuter ? left : right;
  Json joined = primary;
  // As in pyhf, the names are those of the primary list only: secondary
  // items appended on the way are not looked up.
  std::vector<std::string> keys;
  for (const Json &item : primary)
    keys.push_back(nameOf(item));
  for (const Json &item : secondary) {
    auto found = std::find(keys.begin(), keys.end(), nameOf(item));
    if (found != keys.end() && deepMergeKey) {
      Json &target = joined[static_cast<size_t>(found - keys.begin())];
      target[deepMergeKey] =
          joinItems(WorkspaceJoin::LeftOuter, target[deepMergeKey], item[deepMergeKey]);
    } else if (join == WorkspaceJoin::None ||
               (join == WorkspaceJoin::Outer && !containsItem(primary, item)) ||
               ((join == WorkspaceJoin::LeftOuter || join == WorkspaceJoin::RightOuter) &&
                found == keys.end())) {
      joined.push_back(item);
    }
  }
  return joined;
}

/// Names that occur more than once in `items`, in first-seen order.
std::vector<std::string> repeatedNames(const Json &items) {
  std::vector<std::string> seen, repeated;
  for (const Json &item : items) {
    std::string name = nameOf(item);
    if (contains(seen, name))
      addUnique(repeated, name);
    else
      seen.push_back(name);
  }
  return repeated;
}

std::vector<std::string> commonNames(const Json &a, const Json &b) {
  std::vector<std::string> namesB, common;
  for (const Json &item : b)
    namesB.push_back(nameOf(item));
  for (const Json &item : a)
    if (contains(namesB, nameOf(item)))
      addUnique(common, nameOf(item));
  return common;
}

/// Merges two measurements of the same name (outer join): equal POIs, their
/// parameter configs outer-joined, one config per name.
Json mergeMeasurements(const Json &first, const Json &second, const std::string &files) {
  const std::string name = nameOf(first);
  const std::string poiA = first["config"]["poi"].get<std::string>();
  const std::string poiB = second["config"]["poi"].get<std::string>();
  if (poiA != poiB)
    throw InputError(fmt::format("{}: error: cannot combine: measurement \"{}\" has POI \"{}\" in "
                                 "one workspace and \"{}\" in the other",
                                 files, name, poiA, poiB));
  Json parameters =
      joinItems(WorkspaceJoin::Outer, first["config"]["parameters"], second["config"]["parameters"]);
  std::vector<std::string> repeated = repeatedNames(parameters);
  if (!repeated.empty())
    throw InputError(fmt::format("{}: error: cannot combine: measurement \"{}\" has different "
                                 "parameter configs for {} in the two workspaces",
                                 files, name, quotedList(repeated)));
  Json config = Json::object();
  config["poi"] = poiA;
  config["parameters"] = std::move(parameters);
  Json merged = Json::object();
  merged["name"] = name;
  merged["config"] = std::move(config);
  return merged;
}

} // namespace

Json combineWorkspaces(const Json &left, const Json &right, WorkspaceJoin join, bool mergeChannels,
                       const std::string &leftFile, const std::string &rightFile) {
  readWorkspace(left, leftFile);
  readWorkspace(right, rightFile);
  const std::string files = fmt::format("{} + {}", leftFile, rightFile);
  if (mergeChannels && join == WorkspaceJoin::None)
    throw InputError(fmt::format("error: --merge-channels needs the join \"outer\", \"left outer\" "
                                 "or \"right outer\", not \"{}\"",
                                 workspaceJoinName(join)));
  if (left["version"] != right["version"])
    throw InputError(fmt::format("{}: error: cannot combine workspaces of versions {} and {}", files,
                                 left["version"].dump(), right["version"].dump()));

  if (join == WorkspaceJoin::None) {
    const char *lists[] = {"channels", "observations", "measurements"};
    const char *kinds[] = {"channel", "observation", "measurement"};
    for (size_t i = 0; i < 3; ++i) {
      std::vector<std::string> common = commonNames(left[lists[i]], right[lists[i]]);
      if (!common.empty())
        throw InputError(fmt::format("{}: error: cannot combine with join \"none\": both workspaces "
                                     "have {} {} (rename one, or use --join outer, \"left outer\" "
                                     "or \"right outer\")",
                                     files, common.size() == 1 ? kinds[i] : lists[i],
                                     quotedList(common)));
    }
  }

  Json channels = joinItems(join, left["channels"], right["channels"], mergeChannels ? "samples" : nullptr);
  Json observations = joinItems(join, left["observations"], right["observations"]);
  Json measurements = joinItems(join, left["measurements"], right["measurements"]);
  if (join == WorkspaceJoin::Outer) {
    std::vector<std::string> repeated = repeatedNames(channels);
    if (!repeated.empty())
      throw InputError(fmt::format("{}: error: cannot combine with join \"outer\": channels {} differ "
                                   "between the workspaces (incompatible structure; try "
                                   "--merge-channels or a left/right outer join)",
                                   files, quotedList(repeated)));
    repeated = repeatedNames(observations);
    if (!repeated.empty())
      throw InputError(fmt::format("{}: error: cannot combine with join \"outer\": the observations "
                                   "of {} differ between the workspaces",
                                   files, quotedList(repeated)));
    // Same-name measurements merge into the first one's position.
    Json merged = Json::array();
    for (const Json &measurement : measurements) {
      auto it = std::find_if(merged.begin(), merged.end(),
                             [&](const Json &m) { return nameOf(m) == nameOf(measurement); });
      if (it == merged.end())
        merged.push_back(measurement);
      else
        *it = mergeMeasurements(*it, measurement, files);
    }
    measurements = std::move(merged);
  }

  Json out = Json::object();
  out["channels"] = std::move(channels);
  out["measurements"] = std::move(measurements);
  out["observations"] = std::move(observations);
  out["version"] = left["version"];
  validateResult(out, files, "combine");
  return out;
}

} // namespace hf
