//===- frontend/digest.h - Workspace digests as pyhf computes them --------===//
#pragma once

#include "frontend/json.h"

#include <string>

namespace hf {

/// Lowercase hex digest of pythonJsonCompact(doc) under `algorithm`
/// ("sha256", "md5", "sha1", "sha224", "sha384", "sha512"). An unknown
/// algorithm is an InputError.
std::string workspaceDigest(const Json &doc, const std::string &algorithm = "sha256");

} // namespace hf
