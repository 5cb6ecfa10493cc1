//===- tools/hfc/cmd_inspect.cpp - hfc inspect ----------------------------===//
//
// The summary pyhf's `inspect` prints (workspace.md §6, same layout), the flat
// parameter vector with --parameters, everything as JSON with --format json.
// Unlike pyhf it works on a background-only workspace whose POI names no
// parameter of the model, and says so.
//
//===----------------------------------------------------------------------===//
#include "frontend/json.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/hazard_report.h"
#include "tools/hfc/inspect_summary.h"
#include "frontend/python_json.h"
#include "tools/hfc/model_options.h"
#include "tools/hfc/output_file.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

namespace hf::cli {

namespace {

struct InspectOptions {
  ModelOptions model;
  std::string format = "text";
  bool parameters = false;
  bool hazards = false;    ///< --hazards: list the mild numerical hazards too
  std::string outputFile; ///< pyhf's --output-file: the summary as JSON
};

const char *constraintKind(ir::Constraint c) {
  switch (c) {
  case ir::Constraint::Gauss:
    return "constrained_by_normal";
  case ir::Constraint::Poisson:
    return "constrained_by_poisson";
  default:
    return "unconstrained";
  }
}

/// Parameter sets sorted by name, as pyhf's summary lists them.
std::vector<const ir::ParamSet *> sortedSets(const ir::Module &m) {
  std::vector<const ir::ParamSet *> sets;
  for (const ir::ParamSet &s : m.paramsets)
    sets.push_back(&s);
  std::sort(sets.begin(), sets.end(), [](auto *a, auto *b) { return a->name < b->name; });
  return sets;
}

std::vector<std::string> settingNames(const Measurement &meas) {
  std::vector<std::string> names;
  for (const ParameterSetting &p : meas.parameters)
    names.push_back(p.name);
  return names;
}

std::string summaryText(const ir::Module &m, const ModelSpec &spec) {
  size_t w = 0;
  for (const auto &c : m.channels)
    w = std::max(w, c.name.size());
  for (const auto &s : m.samples)
    w = std::max(w, s.size());
  for (const auto &p : m.paramsets)
    w = std::max(w, p.name.size());
  for (const auto &meas : spec.measurements)
    w = std::max(w, meas.name.size());

  std::string out;
  auto line = [&out](const std::string &text) { out += text + "\n"; };
  const std::string dashes(10, '-');
  line(fmt::format("{:>{}}  ", "     Summary     ", w + 7));
  line(fmt::format("{:>{}}  ", std::string(18, '-'), w + 7));
  line(fmt::format("{:>{}}  {}", "channels", w, m.channels.size()));
  line(fmt::format("{:>{}}  {}", "samples", w, m.samples.size()));
  line(fmt::format("{:>{}}  {}", "parameters", w, m.paramsets.size()));
  line(fmt::format("{:>{}}  {}", "modifiers", w, m.paramsets.size()));
  line("");
  line(fmt::format("{:>{}}  {:^5}", "channels", w, "nbins"));
  line(fmt::format("{:>{}}  {:^5}", dashes, w, "-----"));
  for (const auto &c : m.channels)
    line(fmt::format("{:>{}}  {:^5}", c.name, w, c.nbins));
  line("");
  line(fmt::format("{:>{}}", "samples", w));
  line(fmt::format("{:>{}}", dashes, w));
  for (const auto &s : m.samples)
    line(fmt::format("{:>{}}", s, w));
  line("");
  line(fmt::format("{:>{}}  {:<22}  {}", "parameters", w, "constraint", "modifiers"));
  line(fmt::format("{:>{}}  {:<22}  {}", dashes, w, dashes, dashes));
  for (const ir::ParamSet *set : sortedSets(m))
    line(fmt::format("{:>{}}  {:<22}  {}", set->name, w, constraintKind(set->constraint),
                     fmt::join(set->types, ",")));
  line("");
  line(fmt::format("{:>{}}  {:^22}  {}", "measurement", w, "poi", "parameters"));
  line(fmt::format("{:>{}}  {:^22}  {}", dashes, w, dashes, dashes));
  for (size_t i = 0; i < spec.measurements.size(); ++i) {
    const Measurement &meas = spec.measurements[i];
    std::vector<std::string> names = settingNames(meas);
    line(fmt::format("{:>{}}  {:^22}  {}", (i == 0 ? "(*) " : "") + meas.name, w, meas.poi,
                     names.empty() ? std::string("(none)") : fmt::format("{}", fmt::join(names, ","))));
  }
  line("");
  return out;
}

std::string boundText(double v) { return fmt::format("{}", v); }

std::string parameterTable(const ir::Module &m) {
  size_t w = 9;
  for (const auto &p : m.params)
    w = std::max(w, p.name.size());
  std::string out = fmt::format("{:<{}}  {:>12}  {:>25}  {:<5}  {}\n", "parameter", w, "init", "bounds",
                                "fixed", "constraint");
  for (size_t i = 0; i < m.params.size(); ++i) {
    const ir::Parameter &p = m.params[i];
    const ir::ParamSet &set = m.paramsets[p.paramset];
    std::string constraint = "none";
    if (set.constraint == ir::Constraint::Gauss)
      constraint = fmt::format("gauss(aux {}, sigma {})", set.auxdata[p.component], set.widths[p.component]);
    else if (set.constraint == ir::Constraint::Poisson)
      constraint = fmt::format("poisson(aux {}, tau {})", set.auxdata[p.component], set.widths[p.component]);
    out += fmt::format("{:<{}}  {:>12}  {:>25}  {:<5}  {}{}\n", p.name, w, p.init,
                       fmt::format("[{}, {}]", boundText(p.lo), boundText(p.hi)), p.fixed ? "yes" : "no",
                       constraint, static_cast<int>(i) == m.poiIndex ? "  (POI)" : "");
  }
  return out;
}

Json summaryJson(const ir::Module &m, const ModelSpec &spec) {
  Json channels = Json::array();
  for (const auto &c : m.channels)
    channels.push_back(Json{c.name, c.nbins});
  Json modifiers = Json::object(), parameters = Json::array(), systematics = Json::array();
  for (const ir::ParamSet *set : sortedSets(m)) {
    modifiers[set->name] = set->types.back();
    parameters.push_back(Json{set->name, constraintKind(set->constraint)});
    systematics.push_back(Json{set->name, constraintKind(set->constraint), set->types});
  }
  Json measurements = Json::array();
  for (const Measurement &meas : spec.measurements)
    measurements.push_back(Json{meas.name, meas.poi, settingNames(meas)});
  Json vector = Json::array();
  for (const ir::Parameter &p : m.params) {
    const ir::ParamSet &set = m.paramsets[p.paramset];
    Json entry{{"name", p.name}, {"init", p.init}, {"bounds", Json{p.lo, p.hi}}, {"fixed", p.fixed},
               {"constraint", constraintKind(set.constraint)}};
    if (set.constraint != ir::Constraint::None) {
      entry["auxdata"] = set.auxdata[p.component];
      entry[set.constraint == ir::Constraint::Gauss ? "sigma" : "tau"] = set.widths[p.component];
    }
    vector.push_back(entry);
  }
  return Json{{"channels", channels},         {"samples", m.samples},
              {"modifiers", modifiers},       {"parameters", parameters},
              {"systematics", systematics},   {"measurements", measurements},
              {"poi", m.poiIndex >= 0 ? Json(m.poiName) : Json(nullptr)},
              {"parameter_vector", vector}};
}

void runInspect(InspectOptions &o) {
  ModelSpec spec;
  ir::Module m = buildModule(o.model, &spec);
  if (emitIrIfAsked(o.model, m))
    return;
  if (o.model.emitLlvm) { // `hfc MODEL --emit-llvm`: compile and print, as the other commands do
    buildLikelihood(o.model, m);
    return;
  }
  if (m.poiIndex < 0 && !m.poiName.empty())
    fmt::print(stderr, "note: the POI \"{}\" is not a parameter of this model (a background-only "
                       "workspace?); fits work, hypothesis tests need a signal patch\n",
               m.poiName);
  if (!o.outputFile.empty())
    writeFileAtomically(o.outputFile, pythonJsonPretty(summaryJson(m, spec), true));
  if (o.format == "json") {
    printJson(summaryJson(m, spec));
    return;
  }
  std::fputs(summaryText(m, spec).c_str(), stdout);
  std::fputs(hazardsSection(spec, m, o.hazards).c_str(), stdout);
  if (o.parameters)
    std::fputs(parameterTable(m).c_str(), stdout);
}

} // namespace

std::string inspectSummaryText(const ir::Module &m, const ModelSpec &spec) { return summaryText(m, spec); }

void registerInspect(CLI::App &app) {
  auto options = std::make_shared<InspectOptions>();
  CLI::App *cmd = app.add_subcommand("inspect", "Summarize a workspace: channels, samples, parameters");
  addModelOptions(cmd, options->model);
  cmd->add_option("--format", options->format, "text (pyhf's summary) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--output-file", options->outputFile,
                  "also write the summary as JSON to this file (as pyhf's inspect does)");
  cmd->add_flag("--parameters", options->parameters,
                "also list the flat parameter vector: inits, bounds, fixed, constraints");
  cmd->add_flag("--hazards", options->hazards,
                "list every numerical hazard, mild ones (normsys hi and lo on one side of 1) included");
  cmd->callback([options] { runInspect(*options); });
}

} // namespace hf::cli
