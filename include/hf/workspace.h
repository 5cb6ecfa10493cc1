//===- hf/workspace.h - Workspace documents and PatchSets as JSON text -----===//
//
// What a front that keeps workspaces as its own data (Python dicts) needs
// from the frontend: read a .json or .hf file into pyhf JSON, check a
// document as a .json file is checked, apply a JSON Patch, and pick and
// apply a PatchSet point. Documents cross this interface as JSON text, so no
// JSON library type appears in the public headers; hfc::Model::fromJson then
// compiles the result.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "hf/error.h"

#include <memory>
#include <string>
#include <vector>

namespace hfc {

/// The workspace document of a .json file or a .hf model (imports, patches
/// and constants applied), as pyhf JSON text. InputError naming the file
/// and place for anything malformed.
std::string readWorkspaceJson(const std::string &path);

/// Checks a workspace document (pyhf's schema and every check the JSON reader
/// makes); InputError naming `name` and the JSON path otherwise.
void checkWorkspaceJson(const std::string &workspaceJson, const std::string &name);

/// Applies an RFC 6902 operation array (a pyhf JSON Patch) to a document;
/// all or nothing, InputError naming `source`, the operation and its path.
std::string applyJsonPatch(const std::string &documentJson, const std::string &patchJson, const std::string &source);

/// A pyhf PatchSet: one JSON Patch per signal point, and the digests of the
/// background-only workspace it applies to.
class PatchSet {
public:
  /// Reads and checks a PatchSet file (pyhf's patchset schema 1.0.0, values
  /// per label, unique names and values).
  static PatchSet load(const std::string &path);
  /// The same for a document given as JSON text, named `name` in messages.
  static PatchSet fromJson(const std::string &patchsetJson, const std::string &name = "<patchset>");

  PatchSet(PatchSet &&) noexcept;
  PatchSet &operator=(PatchSet &&) noexcept;
  ~PatchSet();

  /// metadata.labels, e.g. {"m_sbottom", "m_neutralino2", "m_neutralino1"}.
  const std::vector<std::string> &labels() const;
  /// Point names in file order.
  std::vector<std::string> names() const;
  /// Each point's metadata.values, in file order.
  std::vector<std::vector<double>> values() const;
  /// The PatchSet's metadata object (description, digests, labels) as JSON text.
  std::string metadataJson() const;
  /// The point's patch (the operation array) as JSON text; InputError if none.
  std::string patchJson(const std::string &point) const;

  /// The workspace with point `point` applied, after checking the workspace's
  /// digests against the PatchSet's (verify = false skips that), as pyhf's
  /// PatchSet.apply does. InputError for an unknown point or a mismatch.
  std::string apply(const std::string &workspaceJson, const std::string &point, bool verify = true) const;
  /// The same, the point chosen by its values (numerically equal).
  std::string apply(const std::string &workspaceJson, const std::vector<double> &values, bool verify = true) const;

private:
  struct Impl;
  explicit PatchSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

} // namespace hfc
