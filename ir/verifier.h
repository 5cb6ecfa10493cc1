//===- ir/verifier.h - Structural checks of a Module ----------------------===//
#pragma once

#include "ir/module.h"

#include <string>

namespace hf::ir {

/// Checks the invariants every pass and back end relies on: operands are
/// defined before use (SSA in order), operand widths agree (or broadcast from
/// a scalar), parameter and data indices are in range, outputs are in range
/// and there is exactly one LogPdf output. Returns "" when the module is
/// valid, else a description of the first violation.
std::string verify(const Module &m);

} // namespace hf::ir
