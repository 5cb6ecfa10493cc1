//===- analysis/pipeline.h - The steps of cabinetry's workflow, end to end ===//
//
// What the commands run: `templates` (build or collect, then store under
// HistogramFolder), `postprocess` (the _modified copies), `workspace`
// (assemble from the stored templates) and `build` (all three, in memory,
// then stored). Input paths (InputPath) are relative to the base directory
// (where cabinetry would run; default: the working directory);
// HistogramFolder, which hfc writes, to the working directory.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/config.h"
#include "analysis/route.h"
#include "analysis/store.h"
#include "analysis/templates.h"
#include "frontend/json.h"

#include <optional>
#include <string>

namespace hf::analysis {

struct PipelineOptions {
  BuildOptions build;
  std::optional<InputKind> inputKind; ///< --input-type; default from InputPath
};

/// HistogramFolder (relative to the working directory).
std::string histogramFolder(const Config &config, const PipelineOptions &options);

/// Builds or collects the templates (no storing).
TemplateSet makeTemplates(const Config &config, const PipelineOptions &options);

/// `hfc templates`: makes and stores the templates; returns them.
TemplateSet runTemplates(const Config &config, const PipelineOptions &options);

/// `hfc postprocess`: adds the _modified copies to the stored templates.
TemplateSet runPostprocess(const Config &config, const PipelineOptions &options);

/// `hfc workspace`: the workspace of the stored templates.
Json runWorkspace(const Config &config, const PipelineOptions &options);

/// `hfc build`: templates, post-processing (both stored) and the workspace.
Json runBuild(const Config &config, const PipelineOptions &options);

} // namespace hf::analysis
