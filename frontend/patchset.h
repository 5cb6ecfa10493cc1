//===- frontend/patchset.h - pyhf PatchSets: signal points as patches -----===//
//
// A PatchSet holds one JSON Patch per signal point of a scan, applied to the
// whole background-only workspace document, and the digests that workspace
// must have (workspace.md §4).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/json.h"

#include <map>
#include <string>
#include <vector>

namespace hf {

/// One point of a PatchSet.
struct PatchSetEntry {
  std::string name;         ///< metadata.name
  std::vector<Json> values; ///< metadata.values, one per label
  Json metadata;            ///< the whole metadata object, extra keys included
  Json ops;                 ///< the RFC 6902 operation array
};

class PatchSet {
public:
  /// Validates `doc` against pyhf's patchset schema 1.0.0 and the loading
  /// checks (values per label, unique names, unique values). Errors are
  /// InputError naming `file` and the JSON path. As in pyhf, a boolean is
  /// accepted as a numeric value and equals 1 or 0 in the uniqueness check.
  static PatchSet fromJson(const Json &doc, const std::string &file);

  const std::string &file() const { return file_; }
  const Json &metadata() const { return metadata_; }
  const std::vector<std::string> &labels() const { return labels_; }
  /// algorithm -> expected hex digest, as listed in metadata.digests.
  const std::map<std::string, std::string> &digests() const { return digests_; }
  const std::vector<PatchSetEntry> &patches() const { return patches_; }

  /// The point named `name`; InputError ("no patch named … in <file>") if none.
  const PatchSetEntry &byName(const std::string &name) const;
  /// The point whose values equal `values` numerically; InputError if none.
  const PatchSetEntry &byValues(const std::vector<double> &values) const;

  /// Checks every listed digest of `workspace`; a mismatch throws InputError
  /// naming the algorithm, the expected and the computed digest.
  void verify(const Json &workspace, const std::string &workspaceFile) const;

  /// Applies `entry`'s patch to the whole workspace document (no verify).
  Json apply(const Json &workspace, const PatchSetEntry &entry) const;

private:
  std::string file_;
  Json metadata_;
  std::vector<std::string> labels_;
  std::map<std::string, std::string> digests_;
  std::vector<PatchSetEntry> patches_;
};

} // namespace hf
