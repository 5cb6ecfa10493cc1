//===- ir/printer.h - Textual form of a Module (--emit-ir) ----------------===//
#pragma once

#include "ir/module.h"

#include <string>

namespace hf::ir {

/// The module as text: its interface (channels, parameters with inits,
/// bounds, constraints) then one line per op, `%N = op operands : type`,
/// with the op's note as a comment, then the outputs. Stable, for lit tests.
std::string print(const Module &m);

} // namespace hf::ir
