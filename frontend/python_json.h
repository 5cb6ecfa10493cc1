//===- frontend/python_json.h - JSON text exactly as Python writes it -----===//
//
// pyhf hashes and prints workspaces with Python's json.dumps. To give the same
// digests byte for byte, and the same files a pyhf user expects, hfc writes
// JSON the same way: Python's separators, Python's float spelling (repr:
// shortest round-trip digits, "1.0", "1e-05", "1e+16"), integers as integers.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/json.h"

#include <string>

namespace hf {

/// Python's repr(float): shortest digits that round-trip, ".0" on integral
/// values below 1e16, exponent form below 1e-4 and from 1e16 ("1e-05",
/// "1e+16"), "NaN", "Infinity", "-Infinity" as json.dumps writes them.
std::string pythonFloatRepr(double value);

/// json.dumps(doc, sort_keys=True, ensure_ascii=False): one line, ", " and
/// ": " separators, keys sorted by code point at every level, non-ASCII raw
/// UTF-8. This is the byte string a workspace digest hashes. (An integer
/// beyond 64 bits was parsed as a double and prints as one; Python would
/// keep all its digits.)
std::string pythonJsonCompact(const Json &doc);

/// json.dumps(doc, indent=4, sort_keys=sortKeys, ensure_ascii=True): what
/// pyhf's command line prints and writes.
std::string pythonJsonPretty(const Json &doc, bool sortKeys = true);

} // namespace hf
