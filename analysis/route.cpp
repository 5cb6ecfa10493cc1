//===- analysis/route.cpp - The grid of templates every step walks -------===//
#include "analysis/route.h"

#include "frontend/diagnostics.h"

#include <fmt/format.h>

#include <algorithm>

namespace hf::analysis {

std::string TemplateRef::name() const {
  return histogramName(region->name.value, sample->name.value, systematic ? systematic->name.value : "", up);
}

std::string TemplateRef::describe() const {
  std::string out = fmt::format("region '{}', sample '{}'", region->name.value, sample->name.value);
  if (systematic)
    out += fmt::format(", systematic '{}' {}", systematic->name.value, up ? "Up" : "Down");
  return out;
}

bool regionContainsSample(const Region &region, const Sample &sample) {
  return sample.regions.contains(region.name.value);
}

bool affects(const Systematic &s, const Region &region, const Sample &sample) {
  return s.regions.contains(region.name.value) && s.samples.contains(sample.name.value);
}

bool affects(const NormFactor &f, const Region &region, const Sample &sample) {
  return f.regions.contains(region.name.value) && f.samples.contains(sample.name.value);
}

std::vector<TemplateRef> neededTemplates(const Config &config) {
  std::vector<TemplateRef> out;
  for (const Region &region : config.regions)
    for (const Sample &sample : config.samples) {
      if (!regionContainsSample(region, sample))
        continue;
      out.push_back(TemplateRef{&region, &sample, nullptr, true});
      if (sample.data)
        continue;
      for (const Systematic &s : config.systematics) {
        if (s.type != SystematicType::NormPlusShape || !affects(s, region, sample))
          continue;
        for (bool up : {true, false})
          if (!s.side(up).symmetrize)
            out.push_back(TemplateRef{&region, &sample, &s, up});
      }
    }
  return out;
}

InputKind inputKind(const Config &config) {
  const std::string &path = config.general.inputPath.value;
  return std::count(path.begin(), path.end(), ':') == 1 ? InputKind::Histogram : InputKind::Ntuple;
}

std::string resolvePath(const std::string &baseDir, const std::string &path) {
  if (baseDir.empty() || path.empty() || path[0] == '/')
    return path;
  return baseDir.back() == '/' ? baseDir + path : baseDir + "/" + path;
}

namespace {

/// General.InputPath with {RegionPath} and {SamplePath} substituted: one
/// path per SamplePath entry.
std::vector<std::string> substitutedPaths(const Config &config, const TemplateRef &t, bool allowList) {
  std::string path = config.general.inputPath.value;
  const TemplateSetting *over = t.systematic ? &t.systematic->side(t.up) : nullptr;
  std::optional<Text> regionPath = t.region->regionPath;
  if (over && over->regionPath)
    regionPath = over->regionPath;
  std::optional<PathList> samplePath = t.sample->samplePath;
  if (over && over->samplePath)
    samplePath = over->samplePath;
  auto replace = [](std::string s, const std::string &what, const std::string &with) {
    for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size()))
      s.replace(at, what.size(), with);
    return s;
  };
  if (regionPath)
    path = replace(path, "{RegionPath}", regionPath->value);
  if (!samplePath || path.find("{SamplePath}") == std::string::npos)
    return {path};
  if (samplePath->isList && !allowList)
    failAt(samplePath->loc, fmt::format("{}: a list of paths is only supported for ntuple inputs (expected one "
                                        "path for histogram inputs)",
                                        samplePath->loc.pointer));
  std::vector<std::string> out;
  for (const std::string &p : samplePath->paths)
    out.push_back(replace(path, "{SamplePath}", p));
  return out;
}

} // namespace

NtupleSource ntupleSource(const Config &config, const TemplateRef &t, const std::string &baseDir) {
  NtupleSource src;
  const TemplateSetting *over = t.systematic ? &t.systematic->side(t.up) : nullptr;
  for (const std::string &p : substitutedPaths(config, t, true))
    src.files.push_back(resolvePath(baseDir, p));
  std::optional<Text> tree = t.sample->tree;
  if (over && over->tree)
    tree = over->tree;
  if (!tree)
    failAt(t.sample->loc, fmt::format("{}: sample '{}' has no Tree (required for ntuple inputs)",
                                      t.sample->loc.pointer, t.sample->name.value));
  src.tree = *tree;
  std::optional<Text> variable = t.region->variable;
  if (over && over->variable)
    variable = over->variable;
  if (!variable)
    failAt(t.region->loc, fmt::format("{}: region '{}' has no Variable (required for ntuple inputs)",
                                      t.region->loc.pointer, t.region->name.value));
  src.variable = *variable;
  if (!t.region->binning)
    failAt(t.region->loc, fmt::format("{}: region '{}' has no Binning (required for ntuple inputs)",
                                      t.region->loc.pointer, t.region->name.value));
  for (const Number &e : *t.region->binning)
    src.bins.push_back(e.value);
  src.filter = t.region->filter;
  if (t.sample->filter)
    src.filter = t.sample->filter;
  if (over && over->filter)
    src.filter = over->filter;
  src.weight = t.sample->weight;
  if (over && over->weight)
    src.weight = over->weight;
  return src;
}

HistogramSource histogramSource(const Config &config, const TemplateRef &t, const std::string &baseDir) {
  const TemplateSetting *over = t.systematic ? &t.systematic->side(t.up) : nullptr;
  std::string path = substitutedPaths(config, t, false).front();
  std::string variation = config.general.variationPath ? config.general.variationPath->value : "";
  if (over && over->variationPath)
    variation = over->variationPath->value;
  for (size_t at = path.find("{VariationPath}"); at != std::string::npos; at = path.find("{VariationPath}", at))
    path.replace(at, std::string("{VariationPath}").size(), variation);
  HistogramSource src;
  src.loc = config.general.inputPath.loc;
  src.written = path;
  size_t colon = path.find(':');
  if (colon == std::string::npos || path.find(':', colon + 1) != std::string::npos)
    failAt(src.loc, fmt::format("{}: cannot tell the file from the object inside it in \"{}\" (expected exactly "
                                "one ':', as in file.root:dir/histogram)",
                                src.loc.pointer, path));
  src.file = resolvePath(baseDir, path.substr(0, colon));
  // An empty VariationPath leaves "SR/Signal/": the histogram is SR/Signal.
  std::string object;
  for (const char c : path.substr(colon + 1))
    if (!(c == '/' && (object.empty() || object.back() == '/')))
      object += c;
  while (!object.empty() && object.back() == '/')
    object.pop_back();
  src.objectPath = object;
  return src;
}

} // namespace hf::analysis
