//===- frontend/diagnostics.h - Reporting bad input -----------------------===//
#pragma once

#include "frontend/spec.h"
#include "hf/error.h"

#include <string>

namespace hf {

/// Throws InputError "<loc>: error: <what>".
[[noreturn]] void failAt(const Loc &loc, const std::string &what);

/// Prints "<loc>: warning: <what>" on stderr (unless warnings are silenced).
void warnAt(const Loc &loc, const std::string &what);

/// Silences warnAt (tests, and --quiet).
void setWarningsEnabled(bool enabled);

} // namespace hf
