//===- frontend/load.h - From files on the command line to a ModelSpec ----===//
//
// The one way every command builds its input: read the workspace, optionally
// apply a PatchSet point to the whole workspace (after checking its digest),
// choose the measurement, then apply JSON patches to the model spec
// {channels, parameters} as `pyhf --patch` does.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/json.h"
#include "frontend/spec.h"

#include <memory>
#include <string>
#include <vector>

namespace hf {

class PatchSet;
struct PatchSetEntry;

struct LoadOptions {
  std::string modelFile;               ///< .json workspace; "-" is standard input
  std::vector<std::string> patchFiles; ///< JSON Patch files for the model spec, in order
  std::string patchsetFile;            ///< a pyhf PatchSet, with point or pointValues
  std::string point;                   ///< the PatchSet point's name
  std::vector<double> pointValues;     ///< or its values
  bool verifyDigest = true;            ///< check the PatchSet's digests first
  std::string measurement;             ///< "" = the first measurement (as pyhf)
  std::string xmlBasedir;              ///< for a HistFactory .xml model: where its file names start ("" = cwd)
};

/// The workspace document of a .hf file (as pyhf JSON, imports, patches and
/// constants applied), of a HistFactory XML top-level file (as `pyhf
/// xml2json` converts it, file names inside starting at `xmlBasedir`) or of a
/// JSON file ("-": standard input), not validated.
Json readWorkspaceFile(const std::string &file, const std::string &xmlBasedir = "");

/// Reads the workspace document named by options.modelFile, with the PatchSet
/// point applied if one is selected.
Json loadWorkspaceDocument(const LoadOptions &options);

/// The model spec every command works on. Bad input throws InputError.
ModelSpec loadModel(const LoadOptions &options);

/// The model spec of one measurement (`measurement`, "" = the first) of a
/// checked workspace: what loadModel gives for a file without patches.
ModelSpec modelSpecOf(const Workspace &ws, const std::string &measurement);

/// The workspace a model spec stands for: its channels and observations, and
/// every measurement with the selected one as patched (what --emit-spec prints).
Workspace modelSpecWorkspace(const ModelSpec &spec);

/// The models of every point of a PatchSet, for commands that loop over
/// them: the workspace and the PatchSet are read, and the digest checked,
/// once; each point is then a patch of the workspace in memory.
class PatchSetLoader {
public:
  /// options.patchsetFile names the PatchSet; point and pointValues are not used.
  explicit PatchSetLoader(LoadOptions options);
  ~PatchSetLoader();
  const std::vector<PatchSetEntry> &points() const;
  /// The model spec of one point, as loadModel gives it for --point NAME.
  /// Thread-safe.
  ModelSpec load(const PatchSetEntry &point) const;

private:
  LoadOptions options_;
  Json workspace_;
  std::unique_ptr<PatchSet> patchset_;
};

/// Picks the measurement `name` ("" = the first) from a workspace.
const Measurement &selectMeasurement(const Workspace &ws, const std::string &name);

} // namespace hf
