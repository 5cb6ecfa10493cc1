//===- tests/diagnostics/cabinetry_reference.h - cabinetry's tutorial numbers ===//
//
// ../shared/reference/cabinetry/tutorial: the workspace cabinetry built for
// its tutorial and inference.json, cabinetry's own fit, ranking, scans,
// limit, significance, predictions and yield tables on it (README there).
// The diagnostics tests compare hfc's numbers with these.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/json.h"
#include "ir/module.h"

#include <string>

namespace hf::test {

/// ../shared/reference/cabinetry/tutorial/<file>.
std::string cabinetryTutorialPath(const std::string &file);

/// inference.json, parsed once.
const Json &cabinetryInference();

/// The tutorial workspace lowered with pyhf's default interpolation codes.
ir::Module cabinetryTutorialModule();

/// A workspace given as pyhf JSON text, lowered (small hand-made models).
ir::Module moduleFromJsonText(const std::string &workspaceJson);

/// |a − b| ≤ rel·max(|b|, floor): the parity rule of these tests (1e-4
/// relative; the floor keeps near-zero numbers from needing absurd digits).
bool closeRelative(double a, double b, double rel);
/// |a − b| ≤ rel·max(|b|, floor).
bool closeRelativeFloor(double a, double b, double rel, double floor);

} // namespace hf::test
