//===- report/plot/modifiers.cpp - Which modifiers act where --------------===//
//
// cabinetry's visualize.modifier_grid: per channel a grid of samples ×
// parameters (modifier names), each cell coloured by the modifier types of
// that name on that sample ("normsys + histosys" when both), with a legend
// of the types. Colours are the Okabe–Ito palette cabinetry uses.
//
//===----------------------------------------------------------------------===//
#include "report/plot/axes.h"
#include "report/plot/plots.h"

#include <algorithm>
#include <cmath>

namespace hf::plot {

ModifierGrid modifierGrid(const ModelSpec &spec) {
  ModifierGrid g;
  for (const Channel &channel : spec.channels) {
    ModifierGrid::Channel c;
    c.name = channel.name;
    for (const Sample &sample : channel.samples) {
      c.samples.push_back(sample.name);
      for (const Modifier &mod : sample.modifiers)
        if (std::find(c.parameters.begin(), c.parameters.end(), mod.name) == c.parameters.end())
          c.parameters.push_back(mod.name);
    }
    for (const Sample &sample : channel.samples) {
      std::vector<std::string> row;
      for (const std::string &par : c.parameters) {
        // Types in a fixed order, so "normsys + histosys" reads one way.
        std::string types;
        for (ModifierType t : {ModifierType::NormSys, ModifierType::HistoSys, ModifierType::StatError,
                               ModifierType::Lumi, ModifierType::ShapeSys, ModifierType::ShapeFactor,
                               ModifierType::NormFactor})
          for (const Modifier &mod : sample.modifiers)
            if (mod.name == par && mod.type == t && types.find(modifierTypeName(t)) == std::string::npos)
              types += (types.empty() ? "" : " + ") + std::string(modifierTypeName(t));
        row.push_back(types);
      }
      c.types.push_back(row);
    }
    g.channels.push_back(std::move(c));
  }
  return g;
}

Json toJson(const ModifierGrid &g) {
  Json channels = Json::array();
  for (const ModifierGrid::Channel &c : g.channels)
    channels.push_back(Json{{"name", c.name}, {"samples", c.samples}, {"parameters", c.parameters}, {"types", c.types}});
  return Json{{"kind", "modifiers"}, {"channels", channels}};
}

namespace {

struct Category {
  const char *name;
  uint32_t rgb;
};
const Category kCategories[] = {{"normsys", 0x56b4e9},   {"histosys", 0xf0e442},   {"normsys + histosys", 0x009e73},
                                {"staterror", 0xe69f00}, {"lumi", 0x555555},       {"shapesys", 0xcc79a7},
                                {"shapefactor", 0x0072b2}, {"normfactor", 0xd55e00}};
const Color kOther = Color::hex(0x999999);

Color colorOf(const std::string &types) {
  if (types.empty())
    return colors::white;
  for (const Category &c : kCategories)
    if (types == c.name)
      return Color::hex(c.rgb);
  return kOther;
}

constexpr double kCell = 26, kFont = 13, kCharWidth = 7.6;

double labelWidth(const std::vector<std::string> &labels) {
  size_t n = 0;
  for (const std::string &l : labels)
    n = std::max(n, l.size());
  return n * kCharWidth;
}

} // namespace

Figure figure(const ModifierGrid &g) {
  Figure f;
  f.name = "modifiers";
  f.data = toJson(g);
  double rowLabels = 0, columns = 0, height = 20;
  for (const ModifierGrid::Channel &c : g.channels) {
    rowLabels = std::max(rowLabels, labelWidth(c.samples));
    columns = std::max(columns, static_cast<double>(c.parameters.size()));
    height += 30 + kCell * c.samples.size() + labelWidth(c.parameters) * 0.72 + 20;
  }
  f.width = static_cast<int>(std::min(6000.0, 30 + rowLabels + columns * kCell + 60 + 220));
  f.height = static_cast<int>(std::clamp(height, 300.0, 8000.0));
  f.draw = [g](Canvas &canvas) {
    double y = 10, legendX = 0;
    std::vector<std::string> present;
    for (const ModifierGrid::Channel &c : g.channels) {
      double rows = 0;
      for (const std::string &s : c.samples)
        rows = std::max(rows, canvas.measure(Canvas::escape(s), kFont).w);
      Axes axes;
      axes.fontSize = kFont;
      axes.xCategoryAngle = 45;
      size_t ns = c.samples.size(), np = c.parameters.size();
      axes.x = {-0.5, np - 0.5};
      axes.y = {-0.5, ns - 0.5};
      for (size_t p = 0; p < np; ++p)
        axes.xCategories.push_back({static_cast<double>(p), Canvas::escape(c.parameters[p])});
      for (size_t s = 0; s < ns; ++s)
        axes.yCategories.push_back({static_cast<double>(ns - 1 - s), Canvas::escape(c.samples[s])});
      double titleHeight = canvas.measure("X", kFont + 2).h + 6;
      double x0 = 15 + rows + 8, top = y + titleHeight;
      axes.frame = {x0, top, x0 + kCell * np, top + kCell * ns};
      canvas.text((axes.frame.x0 + axes.frame.x1) / 2, y, Canvas::escape(c.name), kFont + 2, {0.5, 0});
      for (size_t s = 0; s < ns; ++s)
        for (size_t p = 0; p < np; ++p) {
          const std::string &t = c.types[s][p];
          canvas.fillRect(x0 + p * kCell, top + s * kCell, x0 + (p + 1) * kCell, top + (s + 1) * kCell, colorOf(t));
          if (std::find(present.begin(), present.end(), t) == present.end())
            present.push_back(t);
        }
      axes.draw(canvas);
      double labels = 0;
      for (const std::string &p : c.parameters) {
        Size s = canvas.measure(Canvas::escape(p), kFont);
        labels = std::max(labels, (s.w + s.h) * std::sqrt(0.5));
      }
      y = axes.frame.y1 + labels + 24;
      legendX = std::max(legendX, axes.frame.x1 + 30);
    }
    // The legend: the types that occur, in cabinetry's order, then "none".
    std::vector<LegendEntry> legend;
    for (const Category &cat : kCategories)
      if (std::find(present.begin(), present.end(), cat.name) != present.end())
        legend.push_back({LegendEntry::Kind::Fill, Color::hex(cat.rgb), cat.name});
    for (const std::string &t : present)
      if (!t.empty() && colorOf(t).r == kOther.r && colorOf(t).g == kOther.g && colorOf(t).b == kOther.b) {
        legend.push_back({LegendEntry::Kind::Fill, kOther, "other combinations"});
        break;
      }
    legend.push_back({LegendEntry::Kind::Outline, colors::black, "none"});
    drawLegend(canvas, legend, legendX, 30, {0, 0}, kFont);
  };
  return f;
}

} // namespace hf::plot
