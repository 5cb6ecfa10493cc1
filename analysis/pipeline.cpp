//===- analysis/pipeline.cpp - The steps of cabinetry's workflow ---------===//
#include "analysis/pipeline.h"

#include "analysis/assemble.h"
#include "analysis/evaluate.h"
#include "analysis/postprocess.h"
#include "hf/error.h"

#include <fmt/format.h>

namespace hf::analysis {

std::string histogramFolder(const Config &config, const PipelineOptions &options) {
  // Outputs stay where the command runs: the base directory locates inputs
  // (which may be read-only), not the folder hfc writes.
  return config.general.histogramFolder.value;
}

TemplateSet makeTemplates(const Config &config, const PipelineOptions &options) {
  InputKind kind = options.inputKind ? *options.inputKind : inputKind(config);
  if (kind == InputKind::Histogram)
    return collectHistogramTemplates(config, options.build);
  // Every expression's syntax first, so a typo is reported before any file is read.
  for (const TemplateRef &t : neededTemplates(config)) {
    NtupleSource src = ntupleSource(config, t, options.build.baseDir);
    Expression variable(src.variable);
    if (src.filter)
      Expression filter(*src.filter);
    double constant = 0;
    if (src.weight && !parsePythonFloat(src.weight->value, constant))
      Expression weight(*src.weight);
  }
  return buildNtupleTemplates(config, options.build);
}

TemplateSet runTemplates(const Config &config, const PipelineOptions &options) {
  TemplateSet templates = makeTemplates(config, options);
  saveTemplates(histogramFolder(config, options), templates);
  return templates;
}

TemplateSet runPostprocess(const Config &config, const PipelineOptions &options) {
  std::string folder = histogramFolder(config, options);
  TemplateSet templates = loadTemplates(folder);
  postprocess(config, templates, folder);
  saveTemplates(folder, templates);
  return templates;
}

Json runWorkspace(const Config &config, const PipelineOptions &options) {
  std::string folder = histogramFolder(config, options);
  return assembleWorkspace(config, loadTemplates(folder), folder);
}

Json runBuild(const Config &config, const PipelineOptions &options) {
  std::string folder = histogramFolder(config, options);
  TemplateSet templates = makeTemplates(config, options);
  postprocess(config, templates, folder);
  Json ws = assembleWorkspace(config, templates, folder);
  saveTemplates(folder, templates);
  return ws;
}

} // namespace hf::analysis
