//===- frontend/patchset.cpp - pyhf PatchSets: signal points as patches ---===//
//
// Loading does what pyhf's PatchSet constructor does: validate against the
// patchset schema 1.0.0 (workspace.md §1), then check that every point has
// one value per label and that names and value tuples are unique (§4). Every
// error names the file and the JSON pointer of the offending value.
//
//===----------------------------------------------------------------------===//
#include "frontend/patchset.h"

#include "frontend/diagnostics.h"
#include "frontend/digest.h"
#include "frontend/json_patch.h"
#include "frontend/nearest_name.h"
#include "frontend/python_json.h"
#include "hf/error.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

namespace hf {

namespace {

/// "a number", "an object", "null": a JSON value's kind for messages.
std::string kindOf(const Json &j) {
  if (j.is_null())
    return "null";
  std::string name = j.type_name();
  return (j.is_object() || j.is_array() ? "an " : "a ") + name;
}

[[noreturn]] void failType(const Json &j, const Loc &loc, const std::string &expected) {
  failAt(loc, fmt::format("expected {}, found {}", expected, kindOf(j)));
}

/// An object with every `required` key and, when `closed` (the schema's
/// additionalProperties: false), no key outside `allowed`.
void checkObject(const Json &j, const Loc &loc, const std::string &what,
                 std::initializer_list<const char *> required,
                 std::initializer_list<const char *> allowed, bool closed) {
  if (!j.is_object())
    failType(j, loc, what);
  for (const char *key : required)
    if (!j.contains(key))
      failAt(loc, fmt::format("{} is missing the required key \"{}\"", what, key));
  if (!closed)
    return;
  for (auto it = j.begin(); it != j.end(); ++it)
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
      failAt(loc.child(it.key()), fmt::format("unknown key \"{}\" in {} (allowed: {})", it.key(),
                                              what, fmt::join(allowed, ", ")));
}

/// The schema's "minProperties: 1" on a closed object of optional keys.
void checkNonEmptyObject(const Json &j, const Loc &loc, const std::string &what,
                         std::initializer_list<const char *> allowed) {
  checkObject(j, loc, what, {}, allowed, /*closed=*/true);
  if (j.empty())
    failAt(loc, fmt::format("expected {}, found {{}}", what));
}

const std::string &readString(const Json &j, const Loc &loc, const std::string &what) {
  if (!j.is_string())
    failType(j, loc, what);
  return j.get_ref<const std::string &>();
}

void checkArray(const Json &j, const Loc &loc, const std::string &what, bool nonEmpty) {
  if (!j.is_array())
    failType(j, loc, what);
  if (nonEmpty && j.empty())
    failAt(loc, fmt::format("expected {}, found []", what));
}

/// The schema's name and label pattern ^[a-zA-Z0-9_]+$.
bool isIdentifier(const std::string &s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool isHex(const std::string &s, size_t length, bool allowUpper) {
  return s.size() == length && std::all_of(s.begin(), s.end(), [&](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
                  (allowUpper && c >= 'A' && c <= 'F');
         });
}

/// pyhf's type checker counts booleans as numbers (workspace.md §2), so a
/// value may be a number, a boolean or a string.
bool isNumeric(const Json &j) { return j.is_number() || j.is_boolean(); }

double numericValue(const Json &j) {
  return j.is_boolean() ? (j.get<bool>() ? 1 : 0) : j.get<double>();
}

/// Python's == on one element of pyhf's value tuples: numbers by value
/// (100 == 100.0, and true == 1 as booleans count as numbers); strings only
/// equal strings.
bool valueEqual(const Json &a, const Json &b) {
  if (isNumeric(a) && isNumeric(b))
    return numericValue(a) == numericValue(b);
  return a.is_string() && b.is_string() && a == b;
}

bool valuesEqual(const std::vector<Json> &a, const std::vector<Json> &b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), valueEqual);
}

std::string valueText(const std::vector<Json> &values) {
  std::vector<std::string> parts;
  for (const Json &v : values)
    parts.push_back(pythonJsonCompact(v));
  return fmt::format("[{}]", fmt::join(parts, ", "));
}

void checkReferences(const Json &refs, const Loc &loc) {
  checkNonEmptyObject(refs, loc, "references {hepdata}", {"hepdata"});
  const std::string &id = readString(refs["hepdata"], loc.child("hepdata"), "a string");
  if (id.size() != 10 || id.compare(0, 3, "ins") != 0 ||
      id.find_first_not_of("0123456789", 3) != std::string::npos)
    failAt(loc.child("hepdata"),
           fmt::format("\"{}\" is not a HEPData id (expected \"ins\" and 7 digits)", id));
}

void checkDigests(const Json &digests, const Loc &loc) {
  checkNonEmptyObject(digests, loc, "digests {md5, sha256}", {"md5", "sha256"});
  for (auto it = digests.begin(); it != digests.end(); ++it) {
    const std::string &hex = readString(it.value(), loc.child(it.key()), "a hex string");
    // The schema's patterns: md5 lowercase only, sha256 either case.
    bool md5 = it.key() == "md5";
    if (!isHex(hex, md5 ? 32 : 64, !md5))
      failAt(loc.child(it.key()),
             fmt::format("\"{}\" is not {} digest (expected {} {}hex digits)", hex,
                         md5 ? "an md5" : "a sha256", md5 ? 32 : 64, md5 ? "lowercase " : ""));
  }
}

void checkLabels(const Json &labels, const Loc &loc) {
  checkArray(labels, loc, "a non-empty array of labels", /*nonEmpty=*/true);
  for (size_t i = 0; i < labels.size(); ++i) {
    const std::string &label = readString(labels[i], loc.child(i), "a label (a string)");
    if (!isIdentifier(label))
      failAt(loc.child(i), fmt::format("label \"{}\" must match ^[a-zA-Z0-9_]+$", label));
  }
}

void checkMetadata(const Json &metadata, const Loc &loc) {
  // Open: PatchSets carry extra keys such as "analysis_id".
  checkObject(metadata, loc, "metadata", {"references", "digests", "labels", "description"}, {},
              /*closed=*/false);
  checkReferences(metadata["references"], loc.child("references"));
  checkDigests(metadata["digests"], loc.child("digests"));
  checkLabels(metadata["labels"], loc.child("labels"));
  readString(metadata["description"], loc.child("description"), "a string");
}

/// The jsonpatch operation schema: op and path always, value for
/// add/replace/test, a string from for move/copy; other members are allowed.
void checkOperation(const Json &op, const Loc &loc) {
  checkObject(op, loc, "a patch operation", {"op", "path"}, {}, /*closed=*/false);
  readString(op["path"], loc.child("path"), "a JSON pointer (a string)");
  const Json &name = op["op"];
  std::string kind = name.is_string() ? name.get<std::string>() : "";
  if (kind == "add" || kind == "replace" || kind == "test") {
    checkObject(op, loc, "a " + kind + " operation", {"value"}, {}, /*closed=*/false);
  } else if (kind == "move" || kind == "copy") {
    checkObject(op, loc, "a " + kind + " operation", {"from"}, {}, /*closed=*/false);
    readString(op["from"], loc.child("from"), "a JSON pointer (a string)");
  } else if (kind != "remove") {
    failAt(loc.child("op"),
           fmt::format("op {} is not one of add, remove, replace, move, copy, test",
                       pythonJsonCompact(name)));
  }
}

void checkPatchMetadata(const Json &metadata, const Loc &loc) {
  // Open, like the PatchSet's metadata.
  checkObject(metadata, loc, "patch metadata", {"name", "values"}, {}, /*closed=*/false);
  const std::string &name = readString(metadata["name"], loc.child("name"), "a string");
  if (!isIdentifier(name))
    failAt(loc.child("name"), fmt::format("patch name \"{}\" must match ^[a-zA-Z0-9_]+$", name));
  const Json &values = metadata["values"];
  checkArray(values, loc.child("values"), "an array of values", /*nonEmpty=*/false);
  for (size_t i = 0; i < values.size(); ++i)
    if (!isNumeric(values[i]) && !values[i].is_string())
      failType(values[i], loc.child("values").child(i), "a number or a string");
}

void checkPatch(const Json &patch, const Loc &loc) {
  checkObject(patch, loc, "a patch {metadata, patch}", {"metadata", "patch"},
              {"metadata", "patch"}, /*closed=*/true);
  checkPatchMetadata(patch["metadata"], loc.child("metadata"));
  const Json &ops = patch["patch"];
  checkArray(ops, loc.child("patch"), "an array of patch operations", /*nonEmpty=*/false);
  for (size_t i = 0; i < ops.size(); ++i)
    checkOperation(ops[i], loc.child("patch").child(i));
}

void checkSchema(const Json &doc, const Loc &loc) {
  checkObject(doc, loc, "a PatchSet {metadata, patches, version}",
              {"metadata", "patches", "version"}, {"metadata", "patches", "version"},
              /*closed=*/true);
  if (doc["version"] != "1.0.0")
    failAt(loc.child("version"), fmt::format("unsupported PatchSet version {} (expected \"1.0.0\")",
                                             pythonJsonCompact(doc["version"])));
  checkMetadata(doc["metadata"], loc.child("metadata"));
  checkArray(doc["patches"], loc.child("patches"), "a non-empty array of patches",
             /*nonEmpty=*/true);
  for (size_t i = 0; i < doc["patches"].size(); ++i)
    checkPatch(doc["patches"][i], loc.child("patches").child(i));
}

std::string joined(const std::vector<std::string> &items) {
  return fmt::format("{}", fmt::join(items, ", "));
}

/// pyhf's loading checks, in its order: the value count, then the name
/// against every earlier point, then the values against every earlier point.
void checkLoading(const std::vector<std::string> &labels,
                  const std::vector<PatchSetEntry> &earlier, const PatchSetEntry &entry,
                  const Loc &loc) {
  if (entry.values.size() != labels.size())
    failAt(loc.child("values"), fmt::format("{} values for {} labels ({})", entry.values.size(),
                                            labels.size(), joined(labels)));
  for (size_t j = 0; j < earlier.size(); ++j)
    if (earlier[j].name == entry.name)
      failAt(loc.child("name"),
             fmt::format("patch name \"{}\" is already used by /patches/{}", entry.name, j));
  for (size_t j = 0; j < earlier.size(); ++j)
    if (valuesEqual(earlier[j].values, entry.values))
      failAt(loc.child("values"),
             fmt::format("values {} equal those of patch \"{}\" (/patches/{}: {})",
                         valueText(entry.values), earlier[j].name, j,
                         valueText(earlier[j].values)));
}

/// " (available: a, b, c, d, e and 19 more)": enough to spot a typo.
std::string availableNames(const std::vector<PatchSetEntry> &patches) {
  constexpr size_t kShown = 5;
  std::vector<std::string> names;
  for (size_t i = 0; i < patches.size() && i < kShown; ++i)
    names.push_back(patches[i].name);
  std::string more =
      patches.size() > kShown ? fmt::format(" and {} more", patches.size() - kShown) : "";
  return fmt::format(" (available: {}{})", joined(names), more);
}

} // namespace

PatchSet PatchSet::fromJson(const Json &doc, const std::string &file) {
  Loc root{file, "", 0, 0};
  checkSchema(doc, root);
  PatchSet ps;
  ps.file_ = file;
  ps.metadata_ = doc["metadata"];
  for (const Json &label : ps.metadata_["labels"])
    ps.labels_.push_back(label.get<std::string>());
  for (auto it = ps.metadata_["digests"].begin(); it != ps.metadata_["digests"].end(); ++it)
    ps.digests_[it.key()] = it.value().get<std::string>();
  for (size_t i = 0; i < doc["patches"].size(); ++i) {
    const Json &patch = doc["patches"][i];
    PatchSetEntry entry{patch["metadata"]["name"].get<std::string>(),
                        patch["metadata"]["values"].get<std::vector<Json>>(), patch["metadata"],
                        patch["patch"]};
    checkLoading(ps.labels_, ps.patches_, entry,
                 root.child("patches").child(i).child("metadata"));
    ps.patches_.push_back(std::move(entry));
  }
  return ps;
}

const PatchSetEntry &PatchSet::byName(const std::string &name) const {
  for (const PatchSetEntry &entry : patches_)
    if (entry.name == name)
      return entry;
  std::vector<std::string> names;
  for (const PatchSetEntry &entry : patches_)
    names.push_back(entry.name);
  std::string near = nearestName(name, names);
  throw InputError(fmt::format("{}: error: no patch named \"{}\"{}", file_, name,
                               near.empty() ? availableNames(patches_)
                                            : fmt::format(" (did you mean \"{}\"?)", near)));
}

const PatchSetEntry &PatchSet::byValues(const std::vector<double> &values) const {
  std::vector<Json> wanted(values.begin(), values.end());
  for (const PatchSetEntry &entry : patches_)
    if (valuesEqual(entry.values, wanted))
      return entry;
  throw InputError(fmt::format("{}: error: no patch with values {} for labels ({}){}", file_,
                               valueText(wanted), joined(labels_), availableNames(patches_)));
}

void PatchSet::verify(const Json &workspace, const std::string &workspaceFile) const {
  for (const auto &[algorithm, expected] : digests_) {
    std::string actual = workspaceDigest(workspace, algorithm);
    // Exact comparison, as pyhf: an uppercase sha256 in the file never matches.
    if (actual != expected)
      throw InputError(fmt::format("{}: error: workspace digest mismatch for {}: {} expected {} "
                                   "but the workspace has {} (use --no-verify to apply anyway)",
                                   workspaceFile, file_, algorithm, expected, actual));
  }
}

Json PatchSet::apply(const Json &workspace, const PatchSetEntry &entry) const {
  return applyJsonPatch(workspace, entry.ops, file_ + " point " + entry.name);
}

} // namespace hf
