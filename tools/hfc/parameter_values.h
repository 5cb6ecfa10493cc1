//===- tools/hfc/parameter_values.h - Parameter values given by name ------===//
//
// Users name parameters as pyhf does: "mu", "gamma_stat[3]" for one component
// of a per-bin set, or a set's name with one value per component. Every
// command that takes parameter values (--set, --pars, --fix) resolves them
// here, with a suggestion when a name is unknown.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/module.h"

#include <string>
#include <vector>

namespace hf::cli {

/// Sets `name` to `values` in `theta`: one value for a parameter or a scalar
/// set, one per component for a per-bin set. `where` prefixes messages
/// ("--set", "pars.json: /mu"). Unknown names and NaN throw InputError.
void assignParameter(const ir::Module &m, std::vector<double> &theta, const std::string &name,
                     const std::vector<double> &values, const std::string &where);

/// Applies "NAME=VALUE" or "NAME=v1,v2,..." (the --set syntax).
void applyAssignment(const ir::Module &m, std::vector<double> &theta, const std::string &assignment,
                     const std::string &option);

/// Applies a JSON file {"name": value or [values], ...} (the --pars syntax).
void applyParsFile(const ir::Module &m, std::vector<double> &theta, const std::string &file);

/// The θ indices `name` refers to (one component or a whole set).
std::vector<uint32_t> resolveParameter(const ir::Module &m, const std::string &name,
                                       const std::string &where);

} // namespace hf::cli
