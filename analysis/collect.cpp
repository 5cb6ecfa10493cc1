//===- analysis/collect.cpp - Templates from histogram inputs ------------===//
//
// cabinetry's templates/collector.py: for every needed template, the TH1 at
// its "file.root:{RegionPath}/{SamplePath}/{VariationPath}" position (the
// Up/Down overrides applied), its in-range contents as yields and the
// square roots of fSumw2 (the contents when the file has none) as stdev, as
// uproot's to_boost() gives them. Each file is opened once.
//
//===----------------------------------------------------------------------===//
#include "analysis/route.h"
#include "analysis/templates.h"
#include "frontend/diagnostics.h"
#include "hf/error.h"
#include "io/root/root.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <memory>

namespace hf::analysis {

TemplateSet collectHistogramTemplates(const Config &config, const BuildOptions &options) {
  std::map<std::string, std::shared_ptr<const root::File>> files;
  TemplateSet out;
  for (const TemplateRef &t : neededTemplates(config)) {
    HistogramSource src = histogramSource(config, t, options.baseDir);
    root::Histogram th1;
    try {
      auto it = files.find(src.file);
      if (it == files.end())
        it = files.emplace(src.file, root::File::open(src.file)).first;
      th1 = it->second->histogram(src.objectPath);
    } catch (const InputError &e) {
      failAt(src.loc, fmt::format("{}: {} (\"{}\"): {}", src.loc.pointer, t.describe(), src.written, e.what()));
    }
    Histogram h;
    h.bins = th1.edges;
    for (size_t i = 1; i <= th1.binCount(); ++i) {
      h.yields.push_back(th1.contents[i]);
      h.stdev.push_back(std::sqrt(th1.sumw2[i]));
    }
    out[t.name()] = std::move(h);
  }
  return out;
}

} // namespace hf::analysis
