//===- analysis/cache.h - A config as a model: the cached build ----------===//
//
// `hfc cls config.yml` (any model command) builds the config's workspace
// first. The build is cached in HistogramFolder: `workspace.json` beside a
// key made of the config's text and the path, size and modification time of
// every input file; a later run with the same key reuses the workspace, any
// change rebuilds it (templates and all).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

namespace hf::analysis {

/// The workspace file of the config at `configPath` (built now unless the
/// cache is current). Paths in the config start at `baseDir` ("" = the
/// working directory).
std::string cachedWorkspaceFile(const std::string &configPath, const std::string &baseDir);

} // namespace hf::analysis
