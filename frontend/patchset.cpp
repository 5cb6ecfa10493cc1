//===- frontend/patchset.cpp - pyhf PatchSets: signal points as patches ---===//
//
// Loading does what pyhf's PatchSet constructor does: validate against the
// patchset schema 1.0.0 (workspace.md §1), then check that every point has
// one value per label and that names and value tuples are unique (§4). Every
// error names the file and the JSON pointer of the offending value.
//
//===----------------------------------------------------------------------===//
#include "frontend/patchset.h"

#include "frontend/digest.h"
#include "frontend/json_patch.h"
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

/// Reports schema and loading errors as "<file>: <pointer>: error: <what>".
class Checker {
public:
  explicit Checker(const std::string &file) : file_(file) {}

  [[noreturn]] void fail(const std::string &pointer, const std::string &what) const {
    if (pointer.empty())
      throw InputError(fmt::format("{}: error: {}", file_, what));
    throw InputError(fmt::format("{}: {}: error: {}", file_, pointer, what));
  }

  void expectObject(const Json &j, const std::string &pointer, const char *what) const {
    if (!j.is_object())
      fail(pointer, fmt::format("{} must be an object, got {}", what, kindOf(j)));
  }

  void expectString(const Json &j, const std::string &pointer, const char *what) const {
    if (!j.is_string())
      fail(pointer, fmt::format("{} must be a string, got {}", what, kindOf(j)));
  }

  void expectArray(const Json &j, const std::string &pointer, const char *what,
                   size_t minItems) const {
    if (!j.is_array())
      fail(pointer, fmt::format("{} must be an array, got {}", what, kindOf(j)));
    if (j.size() < minItems)
      fail(pointer, fmt::format("{} must have at least {} element{}", what, minItems,
                                minItems == 1 ? "" : "s"));
  }

  void requireKeys(const Json &j, const std::string &pointer, const char *what,
                   std::initializer_list<const char *> keys) const {
    for (const char *key : keys)
      if (!j.contains(key))
        fail(pointer, fmt::format("{} is missing the required key \"{}\"", what, key));
  }

  /// additionalProperties: false.
  void onlyKeys(const Json &j, const std::string &pointer, const char *what,
                std::initializer_list<const char *> keys) const {
    for (auto it = j.begin(); it != j.end(); ++it)
      if (std::find(keys.begin(), keys.end(), it.key()) == keys.end())
        fail(member(pointer, it.key()),
             fmt::format("unexpected key \"{}\" in {} (allowed: {})", it.key(), what,
                         fmt::join(keys, ", ")));
  }

  /// The pointer of `key` inside the object at `pointer`, escaped (RFC 6901).
  static std::string member(const std::string &pointer, const std::string &key) {
    std::string out = pointer + "/";
    for (char c : key)
      out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return out;
  }

  static std::string element(const std::string &pointer, size_t index) {
    return pointer + "/" + std::to_string(index);
  }

private:
  std::string file_;
};

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

double numericValue(const Json &j) { return j.is_boolean() ? (j.get<bool>() ? 1 : 0) : j.get<double>(); }

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

void checkReferences(const Checker &c, const Json &refs, const std::string &pointer) {
  c.expectObject(refs, pointer, "metadata.references");
  if (refs.empty())
    c.fail(pointer, "metadata.references must have at least one entry (\"hepdata\")");
  c.onlyKeys(refs, pointer, "metadata.references", {"hepdata"});
  std::string at = Checker::member(pointer, "hepdata");
  c.expectString(refs["hepdata"], at, "references.hepdata");
  const auto &id = refs["hepdata"].get_ref<const std::string &>();
  if (id.size() != 10 || id.compare(0, 3, "ins") != 0 ||
      id.find_first_not_of("0123456789", 3) != std::string::npos)
    c.fail(at, fmt::format("\"{}\" is not a HEPData id (expected \"ins\" and 7 digits)", id));
}

void checkDigests(const Checker &c, const Json &digests, const std::string &pointer) {
  c.expectObject(digests, pointer, "metadata.digests");
  if (digests.empty())
    c.fail(pointer, "metadata.digests must have at least one entry (md5 or sha256)");
  c.onlyKeys(digests, pointer, "metadata.digests", {"md5", "sha256"});
  for (auto it = digests.begin(); it != digests.end(); ++it) {
    std::string at = Checker::member(pointer, it.key());
    c.expectString(it.value(), at, "a digest");
    const auto &hex = it.value().get_ref<const std::string &>();
    // The schema's patterns: md5 lowercase only, sha256 either case.
    bool md5 = it.key() == "md5";
    if (!isHex(hex, md5 ? 32 : 64, !md5))
      c.fail(at, fmt::format("\"{}\" is not {} digest (expected {} {}hex digits)", hex,
                             md5 ? "an md5" : "a sha256", md5 ? 32 : 64, md5 ? "lowercase " : ""));
  }
}

void checkLabels(const Checker &c, const Json &labels, const std::string &pointer) {
  c.expectArray(labels, pointer, "metadata.labels", 1);
  for (size_t i = 0; i < labels.size(); ++i) {
    std::string at = Checker::element(pointer, i);
    c.expectString(labels[i], at, "a label");
    if (!isIdentifier(labels[i].get<std::string>()))
      c.fail(at, fmt::format("label \"{}\" must match ^[a-zA-Z0-9_]+$",
                             labels[i].get<std::string>()));
  }
}

void checkMetadata(const Checker &c, const Json &metadata, const std::string &pointer) {
  c.expectObject(metadata, pointer, "metadata");
  c.requireKeys(metadata, pointer, "metadata", {"references", "digests", "labels", "description"});
  checkReferences(c, metadata["references"], Checker::member(pointer, "references"));
  checkDigests(c, metadata["digests"], Checker::member(pointer, "digests"));
  checkLabels(c, metadata["labels"], Checker::member(pointer, "labels"));
  c.expectString(metadata["description"], Checker::member(pointer, "description"),
                 "metadata.description");
}

/// The jsonpatch operation schema: op and path always, value for
/// add/replace/test, a string from for move/copy; other members are allowed.
void checkOperation(const Checker &c, const Json &op, const std::string &pointer) {
  c.expectObject(op, pointer, "a patch operation");
  c.requireKeys(op, pointer, "a patch operation", {"op", "path"});
  c.expectString(op["path"], Checker::member(pointer, "path"), "\"path\"");
  const Json &name = op["op"];
  std::string kind = name.is_string() ? name.get<std::string>() : "";
  if (kind == "add" || kind == "replace" || kind == "test")
    c.requireKeys(op, pointer, ("a " + kind + " operation").c_str(), {"value"});
  else if (kind == "move" || kind == "copy") {
    c.requireKeys(op, pointer, ("a " + kind + " operation").c_str(), {"from"});
    c.expectString(op["from"], Checker::member(pointer, "from"), "\"from\"");
  } else if (kind != "remove")
    c.fail(Checker::member(pointer, "op"),
           fmt::format("op {} is not one of add, remove, replace, move, copy, test",
                       pythonJsonCompact(name)));
}

void checkPatch(const Checker &c, const Json &patch, const std::string &pointer) {
  c.expectObject(patch, pointer, "a patch");
  c.onlyKeys(patch, pointer, "a patch", {"metadata", "patch"});
  c.requireKeys(patch, pointer, "a patch", {"metadata", "patch"});
  std::string metaAt = Checker::member(pointer, "metadata");
  const Json &metadata = patch["metadata"];
  c.expectObject(metadata, metaAt, "patch metadata");
  c.requireKeys(metadata, metaAt, "patch metadata", {"name", "values"});
  std::string nameAt = Checker::member(metaAt, "name");
  c.expectString(metadata["name"], nameAt, "a patch name");
  if (!isIdentifier(metadata["name"].get<std::string>()))
    c.fail(nameAt, fmt::format("patch name \"{}\" must match ^[a-zA-Z0-9_]+$",
                               metadata["name"].get<std::string>()));
  std::string valuesAt = Checker::member(metaAt, "values");
  c.expectArray(metadata["values"], valuesAt, "patch values", 0);
  for (size_t i = 0; i < metadata["values"].size(); ++i)
    if (!isNumeric(metadata["values"][i]) && !metadata["values"][i].is_string())
      c.fail(Checker::element(valuesAt, i),
             fmt::format("a patch value must be a number or a string, got {}",
                         kindOf(metadata["values"][i])));
  std::string opsAt = Checker::member(pointer, "patch");
  c.expectArray(patch["patch"], opsAt, "a patch's operations", 0);
  for (size_t i = 0; i < patch["patch"].size(); ++i)
    checkOperation(c, patch["patch"][i], Checker::element(opsAt, i));
}

void checkSchema(const Checker &c, const Json &doc) {
  c.expectObject(doc, "", "a PatchSet");
  c.onlyKeys(doc, "", "a PatchSet", {"metadata", "patches", "version"});
  c.requireKeys(doc, "", "a PatchSet", {"metadata", "patches", "version"});
  if (doc["version"] != "1.0.0")
    c.fail("/version", fmt::format("version must be \"1.0.0\", got {}",
                                   pythonJsonCompact(doc["version"])));
  checkMetadata(c, doc["metadata"], "/metadata");
  c.expectArray(doc["patches"], "/patches", "patches", 1);
  for (size_t i = 0; i < doc["patches"].size(); ++i)
    checkPatch(c, doc["patches"][i], Checker::element("/patches", i));
}

std::string joined(const std::vector<std::string> &items) {
  return fmt::format("{}", fmt::join(items, ", "));
}

/// pyhf's loading checks, in its order: the value count, then the name
/// against every earlier point, then the values against every earlier point.
void checkLoading(const Checker &c, const std::vector<std::string> &labels,
                  const std::vector<PatchSetEntry> &earlier, const PatchSetEntry &entry,
                  const std::string &metaAt) {
  if (entry.values.size() != labels.size())
    c.fail(metaAt + "/values", fmt::format("{} values for {} labels ({})", entry.values.size(),
                                           labels.size(), joined(labels)));
  for (size_t j = 0; j < earlier.size(); ++j)
    if (earlier[j].name == entry.name)
      c.fail(metaAt + "/name",
             fmt::format("patch name \"{}\" is already used by /patches/{}", entry.name, j));
  for (size_t j = 0; j < earlier.size(); ++j)
    if (valuesEqual(earlier[j].values, entry.values))
      c.fail(metaAt + "/values",
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
  Checker c(file);
  checkSchema(c, doc);
  PatchSet ps;
  ps.file_ = file;
  ps.metadata_ = doc["metadata"];
  for (const Json &label : ps.metadata_["labels"])
    ps.labels_.push_back(label.get<std::string>());
  for (auto it = ps.metadata_["digests"].begin(); it != ps.metadata_["digests"].end(); ++it)
    ps.digests_[it.key()] = it.value().get<std::string>();
  for (size_t i = 0; i < doc["patches"].size(); ++i) {
    const Json &patch = doc["patches"][i];
    std::string metaAt = Checker::member(Checker::element("/patches", i), "metadata");
    PatchSetEntry entry{patch["metadata"]["name"].get<std::string>(),
                        patch["metadata"]["values"].get<std::vector<Json>>(), patch["metadata"],
                        patch["patch"]};
    checkLoading(c, ps.labels_, ps.patches_, entry, metaAt);
    ps.patches_.push_back(std::move(entry));
  }
  return ps;
}

const PatchSetEntry &PatchSet::byName(const std::string &name) const {
  for (const PatchSetEntry &entry : patches_)
    if (entry.name == name)
      return entry;
  throw InputError(fmt::format("{}: error: no patch named \"{}\"{}", file_, name,
                               availableNames(patches_)));
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
