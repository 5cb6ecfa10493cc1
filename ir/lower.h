//===- ir/lower.h - ModelSpec -> IR Module --------------------------------===//
//
// Builds the model pyhf builds from a workspace and one measurement
// (histfactory.md): the parameter table in pyhf's order with its defaults and
// the measurement's overrides, and the dataflow of expected rates and the
// log-likelihood. Every semantic rule pyhf enforces at model build is checked
// here, with the location of the offending node.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/spec.h"
#include "ir/module.h"

#include <string>

namespace hf::ir {

/// The interpolation codes of a model: one per modifier type, as in pyhf.
struct InterpCodes {
  std::string normsys = "code4";   ///< code1 | code4
  std::string histosys = "code4p"; ///< code0 | code2 | code4p
};

/// Parses "normsys=code1,histosys=code0" (either part may be left out; the
/// other keeps its default). Throws InputError on anything else.
InterpCodes parseInterpCodes(const std::string &text);

/// Lowers `spec` into a Module. Bad input throws InputError.
Module lower(const ModelSpec &spec, const InterpCodes &codes = {});

} // namespace hf::ir
