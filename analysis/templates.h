//===- analysis/templates.h - Building the templates of a config ---------===//
//
// `hfc templates CONFIG`: every template the workspace needs
// (analysis/route.h), from ntuples or from histogram files.
//
// Ntuples (templates/builder.py): the events of the template's tree in its
// files (SamplePath lists concatenated in order) that pass its Filter are
// filled into a variable-axis, weighted Boost.Histogram with its Weight
// (an expression, a constant such as "2.0", or 1): Σw and √Σw² of the
// in-range bins, an event on the last edge dropped, exactly boost-histogram's
// conventions. Each (tree, files) is read once for all the templates that
// need it, chunk by chunk over its basket boundaries, only the branches the
// expressions name; the passes run in parallel, one per thread.
//
// Histogram inputs (templates/collector.py): the TH1 at the template's
// "file.root:{RegionPath}/{SamplePath}/{VariationPath}" position, its
// in-range contents and √fSumw2.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/config.h"
#include "analysis/store.h"

#include <string>

namespace hf::analysis {

struct BuildOptions {
  std::string baseDir;   ///< where relative input paths start ("" = the working directory)
  unsigned threads = 0;  ///< 0: one per core, at most one per pass
  bool progress = false; ///< a line on stderr per finished pass
};

/// Builds every needed template from ntuples (buildNtupleTemplates) or
/// collects it from histogram files. Bad input is an InputError naming the
/// config location and the file, tree or object.
TemplateSet buildNtupleTemplates(const Config &config, const BuildOptions &options);
TemplateSet collectHistogramTemplates(const Config &config, const BuildOptions &options);

} // namespace hf::analysis
