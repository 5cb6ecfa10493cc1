//===- report/plot/templates.cpp - A systematic's templates ---------------===//
//
// cabinetry's visualize.templates: the nominal template with its
// statistical band, the up and down variations, original (dotted) and after
// post-processing (dashed) when both exist, and below the ratio variation /
// nominal. The templates come either from a workspace (a histosys's hi_data
// and lo_data, times the normsys of the same name when there is one: the full
// variation cabinetry split into norm and shape) or from cabinetry's
// template histograms, original and modified.
//
//===----------------------------------------------------------------------===//
#include "hf/error.h"
#include "report/plot/axes.h"
#include "report/plot/plots.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace hf::plot {

std::vector<TemplatesData> templatesOfSpec(const ModelSpec &spec) {
  std::vector<TemplatesData> out;
  for (const Channel &channel : spec.channels)
    for (const Sample &sample : channel.samples)
      for (const Modifier &mod : sample.modifiers) {
        if (mod.type != ModifierType::HistoSys)
          continue;
        double hi = 1, lo = 1;
        for (const Modifier &other : sample.modifiers)
          if (other.type == ModifierType::NormSys && other.name == mod.name) {
            hi = other.hi;
            lo = other.lo;
          }
        TemplatesData d{channel.name, sample.name, mod.name, {}, {sample.data, {}}, {}, {}, {}, {}};
        Histogram up{mod.hiData, {}}, down{mod.loData, {}};
        for (double &v : up.yields)
          v *= hi;
        for (double &v : down.yields)
          v *= lo;
        d.up = up;
        d.down = down;
        out.push_back(std::move(d));
      }
  return out;
}

namespace {

struct NamedHistogram {
  std::vector<double> bins;
  Histogram h;
};

std::map<std::string, NamedHistogram> readHistograms(const Json &doc, const std::string &key,
                                                     const std::string &file) {
  std::map<std::string, NamedHistogram> out;
  if (!doc.contains(key))
    return out;
  const Json &group = doc[key];
  if (!group.is_object())
    throw InputError(file + ": /" + key + ": expected an object of histograms");
  for (const auto &[name, h] : group.items()) {
    std::string where = file + ": /" + key + "/" + name;
    auto numbers = [&](const char *field, bool required) {
      std::vector<double> v;
      if (!h.is_object() || !h.contains(field)) {
        if (required)
          throw InputError(where + ": expected a field \"" + field + "\" (an array of numbers)");
        return v;
      }
      const Json &a = h[field];
      if (!a.is_array())
        throw InputError(where + "/" + field + ": expected an array of numbers");
      for (size_t i = 0; i < a.size(); ++i) {
        if (!a[i].is_number())
          throw InputError(where + "/" + field + "/" + std::to_string(i) + ": expected a number");
        v.push_back(a[i].get<double>());
      }
      return v;
    };
    NamedHistogram nh{numbers("bins", false), {numbers("yields", true), numbers("stdev", false)}};
    if (!nh.bins.empty() && nh.bins.size() != nh.h.yields.size() + 1)
      throw InputError(where + "/bins: expected " + std::to_string(nh.h.yields.size() + 1) + " edges, found " +
                       std::to_string(nh.bins.size()));
    out[name] = std::move(nh);
  }
  return out;
}

} // namespace

std::vector<TemplatesData> templatesOfHistograms(const Json &doc, const std::string &file) {
  if (!doc.is_object() || !(doc.contains("original") || doc.contains("modified")))
    throw InputError(file + ": expected an object with \"original\" and/or \"modified\" template histograms");
  auto original = readHistograms(doc, "original", file), modified = readHistograms(doc, "modified", file);
  const auto &primary = original.empty() ? modified : original;
  // Nominal templates are the names without an _Up/_Down suffix.
  auto variation = [](const std::string &name) {
    for (const char *suffix : {"_Up", "_Down"}) {
      size_t n = std::char_traits<char>::length(suffix);
      if (name.size() > n && name.compare(name.size() - n, n, suffix) == 0)
        return name.substr(0, name.size() - n);
    }
    return std::string();
  };
  std::map<std::pair<std::string, std::string>, TemplatesData> found; // (nominal, systematic)
  for (const auto &[name, h] : primary) {
    std::string stem = variation(name);
    if (stem.empty())
      continue;
    // The longest nominal name that is a prefix of the stem, then "_".
    std::string nominal;
    for (const auto &[other, unused] : primary)
      if (variation(other).empty() && stem.size() > other.size() + 1 && stem.compare(0, other.size(), other) == 0 &&
          stem[other.size()] == '_' && other.size() > nominal.size())
        nominal = other;
    if (nominal.empty())
      throw InputError(file + ": /" + (original.empty() ? "modified" : "original") + "/" + name +
                       ": no nominal template (region_sample) for this variation");
    std::string systematic = stem.substr(nominal.size() + 1);
    TemplatesData &d = found[{nominal, systematic}];
    d.systematic = systematic;
    d.nominal = primary.at(nominal).h;
    d.binEdges = primary.at(nominal).bins;
    // region_sample: the split is not recorded; the sample is the last part.
    size_t cut = nominal.rfind('_');
    d.channel = cut == std::string::npos ? nominal : nominal.substr(0, cut);
    d.sample = cut == std::string::npos ? "" : nominal.substr(cut + 1);
    bool up = name.size() >= 3 && name.compare(name.size() - 3, 3, "_Up") == 0;
    auto orig = original.find(name), mod = modified.find(name);
    if (orig != original.end())
      (up ? d.up : d.down) = orig->second.h;
    if (mod != modified.end())
      (up ? d.upModified : d.downModified) = mod->second.h;
  }
  std::vector<TemplatesData> out;
  for (auto &[key, d] : found)
    out.push_back(std::move(d));
  return out;
}

Json toJson(const TemplatesData &d) {
  auto hist = [](const std::optional<Histogram> &h) {
    return h ? Json{{"yields", h->yields}, {"stdev", h->stdev}} : Json(nullptr);
  };
  return Json{{"kind", "templates"},
              {"channel", d.channel},
              {"sample", d.sample},
              {"systematic", d.systematic},
              {"bin_edges", d.binEdges},
              {"nominal", hist(d.nominal)},
              {"up", hist(d.up)},
              {"down", hist(d.down)},
              {"up_modified", hist(d.upModified)},
              {"down_modified", hist(d.downModified)}};
}

namespace {

void drawTemplates(Canvas &canvas, const TemplatesData &d) {
  const double fontSize = 14;
  size_t nbins = d.nominal.yields.size();
  std::vector<double> edges = d.binEdges;
  bool numbered = edges.size() != nbins + 1;
  if (numbered) {
    edges.clear();
    for (size_t b = 0; b <= nbins; ++b)
      edges.push_back(static_cast<double>(b));
  }
  struct Variant {
    const std::optional<Histogram> *h;
    Color color;
    Dash dash;
    std::string label;
  };
  bool both = (d.up || d.down) && (d.upModified || d.downModified);
  const Color upColor = colors::blue, downColor = colors::red;
  std::vector<Variant> variants = {
      {&d.up, upColor, both ? Dash::Dotted : Dash::Solid, both ? "up (original)" : "up"},
      {&d.upModified, upColor, Dash::Dashed, both ? "up (modified)" : "up"},
      {&d.down, downColor, both ? Dash::Dotted : Dash::Solid, both ? "down (original)" : "down"},
      {&d.downModified, downColor, Dash::Dashed, both ? "down (modified)" : "down"}};
  std::vector<LegendEntry> legend = {{LegendEntry::Kind::Line, colors::black, "nominal"}};
  for (const Variant &v : variants)
    if (*v.h)
      legend.push_back({LegendEntry::Kind::Line, v.color, v.label, v.dash});
  Size legendBox = legendSize(canvas, legend, fontSize);

  double peak = 0;
  for (size_t b = 0; b < nbins; ++b) {
    double stat = b < d.nominal.stdev.size() ? d.nominal.stdev[b] : 0;
    peak = std::max(peak, d.nominal.yields[b] + stat);
    for (const Variant &v : variants)
      if (*v.h && b < (*v.h)->yields.size())
        peak = std::max(peak, (*v.h)->yields[b]);
  }
  if (!(peak > 0))
    peak = 1;
  double outerTop = 10, outerBottom = canvas.height() - 8, split = outerTop + 0.74 * (outerBottom - outerTop);
  Axes main, ratio;
  main.fontSize = ratio.fontSize = fontSize;
  main.x = ratio.x = {edges.front(), edges.back()};
  main.xTickLabels = false;
  main.yLabel = "events";
  ratio.yLabel = "variation / nominal";
  ratio.xLabel = numbered ? "bin" : "observable";
  if (numbered)
    for (size_t b = 0; b < nbins; ++b)
      ratio.xCategories.push_back({b + 0.5, std::to_string(b)});
  double legendFraction = std::min(0.6, (std::max(legendBox.h, 3 * fontSize * 1.3) + 20) / (split - outerTop));
  main.y = {0, peak / (1 - legendFraction) * 1.02};
  double rlo = 0.5, rhi = 1.5;
  for (const Variant &v : variants)
    if (*v.h)
      for (size_t b = 0; b < nbins && b < (*v.h)->yields.size(); ++b)
        if (d.nominal.yields[b] > 0) {
          double r = (*v.h)->yields[b] / d.nominal.yields[b];
          rlo = std::min(rlo, std::floor((r - 0.05) * 4) / 4);
          rhi = std::max(rhi, std::ceil((r + 0.05) * 4) / 4);
        }
  ratio.y = {std::max(0.0, rlo), std::min(4.0, rhi)};
  main.layout(canvas, {10, outerTop, canvas.width() - 15, split});
  ratio.layout(canvas, {10, split + 8, canvas.width() - 15, outerBottom});
  double left = std::max(main.frame.x0, ratio.frame.x0);
  main.frame.x0 = ratio.frame.x0 = left;

  // A histogram as a step line, for either panel.
  auto steps = [&](const Axes &axes, const std::vector<double> &values) {
    std::vector<std::pair<double, double>> pts;
    for (size_t b = 0; b < nbins && b < values.size(); ++b) {
      pts.push_back({axes.px(edges[b]), axes.py(values[b])});
      pts.push_back({axes.px(edges[b + 1]), axes.py(values[b])});
    }
    return pts;
  };
  auto relative = [&](const std::vector<double> &values) {
    std::vector<double> r(values.size(), 1);
    for (size_t b = 0; b < values.size() && b < nbins; ++b)
      r[b] = d.nominal.yields[b] > 0 ? values[b] / d.nominal.yields[b] : 1;
    return r;
  };
  for (const Axes *axes : {&main, &ratio}) {
    bool isRatio = axes == &ratio;
    Rect fr = axes->frame;
    canvas.clip(fr.x0, fr.y0, fr.x1, fr.y1);
    for (size_t b = 0; b < nbins && b < d.nominal.stdev.size(); ++b) {
      double y = d.nominal.yields[b], s = d.nominal.stdev[b];
      if (isRatio) {
        if (!(y > 0))
          continue;
        s /= y;
        y = 1;
      }
      canvas.hatchRect(axes->px(edges[b]), axes->py(y + s), axes->px(edges[b + 1]), axes->py(y - s), colors::grey);
    }
    canvas.polyline(steps(*axes, isRatio ? std::vector<double>(nbins, 1.0) : d.nominal.yields), colors::black,
                    isRatio ? 1 : 1.6, isRatio ? Dash::Dashed : Dash::Solid);
    for (const Variant &v : variants) {
      if (!*v.h)
        continue;
      const Histogram &h = **v.h;
      std::vector<double> values = isRatio ? relative(h.yields) : h.yields;
      canvas.polyline(steps(*axes, values), v.color, 1.6, v.dash);
      for (size_t b = 0; b < nbins && b < h.stdev.size(); ++b) {
        double s = isRatio ? (d.nominal.yields[b] > 0 ? h.stdev[b] / d.nominal.yields[b] : 0) : h.stdev[b];
        double x = axes->px((edges[b] + edges[b + 1]) / 2);
        canvas.line(x, axes->py(values[b] - s), x, axes->py(values[b] + s), v.color, 1.2);
      }
    }
    canvas.unclip();
    axes->draw(canvas);
  }
  Rect fr = main.frame;
  canvas.text(fr.x0 + 12, fr.y0 + 10,
              "region: " + Canvas::escape(d.channel) + "\nsample: " + Canvas::escape(d.sample) +
                  "\nsystematic: " + Canvas::escape(d.systematic),
              fontSize);
  drawLegend(canvas, legend, fr.x1 - 12, fr.y0 + 8, {1, 0}, fontSize);
}

} // namespace

Figure figure(const TemplatesData &d) {
  Figure f;
  f.name = "templates_" + d.channel + "_" + d.sample + "_" + d.systematic;
  f.width = 800;
  f.height = 600;
  f.data = toJson(d);
  f.draw = [d](Canvas &canvas) { drawTemplates(canvas, d); };
  return f;
}

} // namespace hf::plot
