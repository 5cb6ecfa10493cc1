//===- tools/hfc/hazard_report.cpp - Numerical hazards, said out loud -----===//
#include "tools/hfc/hazard_report.h"

#include "ir/hazards.h"

#include <fmt/format.h>

#include <cstdio>
#include <vector>

namespace hf::cli {

namespace {
std::vector<ir::Hazard> severeOnly(std::vector<ir::Hazard> hazards) {
  std::erase_if(hazards, [](const ir::Hazard &h) { return !h.severe; });
  return hazards;
}
} // namespace

void warnHazards(const ModelSpec &spec, const ir::Module &m) {
  constexpr size_t kShown = 3;
  std::vector<ir::Hazard> hazards = severeOnly(ir::findHazards(spec, m));
  for (size_t i = 0; i < hazards.size() && i < kShown; ++i)
    fmt::print(stderr, "hfc: warning: numerical hazard: {}: {}\n", hazards[i].where, hazards[i].what);
  if (hazards.size() > kShown)
    fmt::print(stderr, "hfc: warning: and {} more numerical hazards; 'hfc inspect MODEL --hazards' lists them all\n",
               hazards.size() - kShown);
}

std::string hazardsSection(const ModelSpec &spec, const ir::Module &m, bool all) {
  std::vector<ir::Hazard> hazards = ir::findHazards(spec, m);
  if (!all)
    hazards = severeOnly(std::move(hazards));
  if (hazards.empty())
    return "";
  std::string out = fmt::format("numerical hazards ({}): where results may differ between fitters\n", hazards.size());
  for (const ir::Hazard &h : hazards)
    out += fmt::format("  {}: {}\n", h.where, h.what);
  return out + "\n";
}

} // namespace hf::cli
