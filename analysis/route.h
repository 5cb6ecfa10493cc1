//===- analysis/route.h - The grid of templates every step walks ---------===//
//
// cabinetry's route.apply_to_all_templates: regions, then samples, then the
// nominal template and every systematic's Up and Down, keeping only the
// templates a workspace needs (configuration.histogram_is_needed). Also
// where each template's inputs come from, with the override rules of
// templates/builder.py and collector.py: the tree, the variable, the filter
// and the weight of an ntuple template, the file and object path of a
// histogram template.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/config.h"
#include "analysis/histogram.h"

#include <string>
#include <vector>

namespace hf::analysis {

/// One template: nominal when `systematic` is null, else its Up or Down.
struct TemplateRef {
  const Region *region = nullptr;
  const Sample *sample = nullptr;
  const Systematic *systematic = nullptr;
  bool up = true;
  std::string name() const;
  /// "region 'SR', sample 'ttbar', systematic 'JES' Up" for messages.
  std::string describe() const;
};

/// Whether `sample` is in `region` (its Regions setting).
bool regionContainsSample(const Region &region, const Sample &sample);
/// Whether `systematic` acts on `sample` in `region`.
bool affects(const Systematic &systematic, const Region &region, const Sample &sample);
bool affects(const NormFactor &normFactor, const Region &region, const Sample &sample);

/// Every template a workspace needs, in cabinetry's order.
std::vector<TemplateRef> neededTemplates(const Config &config);

/// The kind of inputs: TTrees, or TH1s at "file.root:dir/name" positions.
enum class InputKind { Ntuple, Histogram };
/// cabinetry decides by the command (build or collect); hfc by InputPath:
/// one ':' separating a file from a position inside it means histograms.
InputKind inputKind(const Config &config);

/// Where an ntuple template's events come from and how they are selected.
struct NtupleSource {
  std::vector<std::string> files; ///< resolved against the base directory
  Text tree;
  Text variable;
  std::optional<Text> filter;
  std::optional<Text> weight;
  std::vector<double> bins;
};

/// The ntuple source of `t`; a missing Variable, Binning or Tree is an
/// InputError at the region or sample.
NtupleSource ntupleSource(const Config &config, const TemplateRef &t, const std::string &baseDir);

/// The histogram a histogram-input template is read from.
struct HistogramSource {
  std::string file;       ///< resolved against the base directory
  std::string objectPath; ///< inside the file
  std::string written;    ///< "file:path" as substituted, for messages
  Loc loc;                ///< General.InputPath
};

HistogramSource histogramSource(const Config &config, const TemplateRef &t, const std::string &baseDir);

/// `path` relative to `baseDir` unless absolute or baseDir is empty.
std::string resolvePath(const std::string &baseDir, const std::string &path);

} // namespace hf::analysis
