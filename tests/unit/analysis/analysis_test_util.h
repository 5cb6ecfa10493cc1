//===- tests/unit/analysis/analysis_test_util.h - Shared test helpers ----===//
#pragma once

#include "frontend/json.h"
#include "frontend/json_text.h"

#include <cmath>
#include <string>

namespace hf::analysis::test {

/// ../shared/reference and ../shared/data.
inline std::string referenceDir() { return HF_REFERENCE_DIR; }
inline std::string dataDir() { return std::string(HF_REFERENCE_DIR) + "/../data"; }

/// |a - b| <= tol * max(|a|, |b|), or both zero.
inline bool closeRel(double a, double b, double tol) {
  if (a == b)
    return true;
  return std::fabs(a - b) <= tol * std::max(std::fabs(a), std::fabs(b));
}

} // namespace hf::analysis::test
