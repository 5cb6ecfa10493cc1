//===- analysis/assemble.cpp - The pyhf workspace of a config ------------===//
#include "analysis/assemble.h"

#include "analysis/route.h"
#include "frontend/diagnostics.h"

#include <fmt/format.h>

namespace hf::analysis {

namespace {

Json numberJson(const Number &n) { return n.integer ? Json(n.intValue) : Json(n.value); }

/// Python's 1 + x: an int when x is an int.
Json onePlus(const Number &n) { return n.integer ? Json(1 + n.intValue) : Json(1.0 + n.value); }

/// histo.normalize_to_yield: the ratio sum(h)/sum(reference) and h divided by it.
double normalizeToYield(std::vector<double> &h, const std::vector<double> &reference) {
  double ratio = pythonSum(h) / pythonSum(reference);
  for (double &v : h)
    v /= ratio;
  return ratio;
}

/// workspace._symmetrized_templates_and_norm: the variation normalized, its
/// mirror 2*nominal - variation, and the norm effects f and 2 - f.
void symmetrize(const std::vector<double> &variation, const std::vector<double> &nominal, std::vector<double> &var,
                std::vector<double> &sym, double &fVar, double &fSym) {
  var = variation;
  fVar = normalizeToYield(var, nominal);
  fSym = 2 - fVar;
  sym.resize(var.size());
  for (size_t i = 0; i < var.size(); ++i)
    sym[i] = 2 * nominal[i] - var[i];
}

} // namespace

NormShape normPlusShape(const std::vector<double> &nominal, const std::vector<double> *up,
                        const std::vector<double> *down) {
  NormShape out;
  if (!down)
    symmetrize(*up, nominal, out.hiData, out.loData, out.hi, out.lo);
  else if (!up)
    symmetrize(*down, nominal, out.loData, out.hiData, out.lo, out.hi);
  else {
    out.hiData = *up;
    out.loData = *down;
    out.hi = normalizeToYield(out.hiData, nominal);
    out.lo = normalizeToYield(out.loData, nominal);
  }
  return out;
}

Json assembleWorkspace(const Config &config, const TemplateSet &templates, const std::string &folder) {
  Json channels = Json::array();
  for (const Region &region : config.regions) {
    Json samples = Json::array();
    for (const Sample &sample : config.samples) {
      if (sample.data || !regionContainsSample(region, sample))
        continue;
      const Histogram &nominal =
          findTemplate(templates, histogramName(region.name.value, sample.name.value), true, folder);
      Json modifiers = Json::array();
      if (!sample.disableStaterror) {
        std::string name = "staterror_" + region.name.value;
        std::replace(name.begin(), name.end(), ' ', '-');
        modifiers.push_back(Json{{"name", name}, {"type", "staterror"}, {"data", nominal.stdev}});
      }
      for (const NormFactor &f : config.normFactors)
        if (affects(f, region, sample))
          modifiers.push_back(Json{{"data", nullptr}, {"name", f.name.value}, {"type", "normfactor"}});
      for (const Systematic &s : config.systematics) {
        if (!affects(s, region, sample))
          continue;
        if (s.type == SystematicType::Normalization) {
          modifiers.push_back(Json{{"name", s.modifier()},
                                   {"type", "normsys"},
                                   {"data", Json{{"hi", onePlus(*s.up.normalization)},
                                                 {"lo", onePlus(*s.down.normalization)}}}});
          continue;
        }
        const std::vector<double> *up = nullptr, *down = nullptr;
        if (!s.up.symmetrize)
          up = &findTemplate(templates, histogramName(region.name.value, sample.name.value, s.name.value, true), true,
                             folder)
                    .yields;
        if (!s.down.symmetrize)
          down = &findTemplate(templates, histogramName(region.name.value, sample.name.value, s.name.value, false),
                               true, folder)
                      .yields;
        NormShape ns = normPlusShape(nominal.yields, up, down);
        modifiers.push_back(
            Json{{"name", s.modifier()}, {"type", "normsys"}, {"data", Json{{"hi", ns.hi}, {"lo", ns.lo}}}});
        if (nominal.yields.size() > 1)
          modifiers.push_back(Json{{"name", s.modifier()},
                                   {"type", "histosys"},
                                   {"data", Json{{"hi_data", ns.hiData}, {"lo_data", ns.loData}}}});
      }
      samples.push_back(Json{{"name", sample.name.value}, {"data", nominal.yields}, {"modifiers", modifiers}});
    }
    channels.push_back(Json{{"name", region.name.value}, {"samples", samples}});
  }

  auto fixedValue = [&](const std::string &name) -> const Number * {
    for (const FixedParameter &p : config.general.fixed)
      if (p.name.value == name)
        return &p.value;
    return nullptr;
  };
  Json parameters = Json::array();
  for (const NormFactor &f : config.normFactors) {
    Json p = Json{{"name", f.name.value}};
    const Number *fixed = fixedValue(f.name.value);
    if (f.nominal)
      p["inits"] = Json::array({numberJson(*f.nominal)});
    else if (fixed)
      p["inits"] = Json::array({numberJson(*fixed)});
    if (f.bounds)
      p["bounds"] = Json::array({Json::array({numberJson((*f.bounds)[0]), numberJson((*f.bounds)[1])})});
    if (fixed)
      p["fixed"] = true;
    parameters.push_back(p);
  }
  for (const Systematic &s : config.systematics)
    if (const Number *fixed = fixedValue(s.name.value))
      parameters.push_back(Json{{"name", s.name.value}, {"inits", Json::array({numberJson(*fixed)})}, {"fixed", true}});
  Json measurement = Json{{"name", config.general.measurement.value},
                          {"config", Json{{"parameters", parameters},
                                          {"poi", config.general.poi ? config.general.poi->value : ""}}}};

  const Sample &data = config.dataSample();
  Json observations = Json::array();
  for (const Region &region : config.regions) {
    const Histogram &h = findTemplate(templates, histogramName(region.name.value, data.name.value), true, folder);
    observations.push_back(Json{{"name", region.name.value}, {"data", h.yields}});
  }
  return Json{{"channels", channels},
              {"measurements", Json::array({measurement})},
              {"observations", observations},
              {"version", "1.0.0"}};
}

} // namespace hf::analysis
