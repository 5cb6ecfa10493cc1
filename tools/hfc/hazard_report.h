//===- tools/hfc/hazard_report.h - Numerical hazards, said out loud -------===//
//
// ir/hazards.h finds where a model is numerically fragile; this says it: a
// short warning on stderr from every command that builds a model, and the
// full list as a section of `hfc inspect`.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/spec.h"
#include "ir/module.h"

#include <string>

namespace hf::cli {

/// Warns on stderr about the first few severe hazards of `m` (none: silent).
void warnHazards(const ModelSpec &spec, const ir::Module &m);

/// inspect's "numerical hazards" section: a heading and one line per
/// severe hazard (every hazard with `all`), or "" when there are none.
std::string hazardsSection(const ModelSpec &spec, const ir::Module &m, bool all);

} // namespace hf::cli
