//===- tools/hfc/inspect_summary.h - pyhf's inspect summary as text -------===//
//
// The summary `hfc inspect` prints (cmd_inspect.cpp), for the REPL's
// `inspect` command, so both print the same text.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/spec.h"
#include "ir/module.h"

#include <string>

namespace hf::cli {

/// pyhf's summary of the model `m` lowered from `spec`: channels, samples,
/// parameters, measurements.
std::string inspectSummaryText(const ir::Module &m, const ModelSpec &spec);

} // namespace hf::cli
