//===- frontend/json_patch.h - RFC 6902 JSON Patch ------------------------===//
#pragma once

#include "frontend/json.h"

#include <string>

namespace hf {

/// Applies the RFC 6902 operation array `ops` (add, remove, replace, move,
/// copy, test; RFC 6901 pointers with "~0"/"~1" escapes, array indices and
/// "-") to a copy of `doc` and returns it. All or nothing: any failing
/// operation throws InputError naming `source`, the operation's index, its op
/// and path, and what was wrong ("path /channels/9 does not exist", "test
/// failed: value at /a is 2, expected 3"); `doc` is never modified.
/// `test` compares numbers by value (1 == 1.0, exactly for 64-bit integers),
/// as pyhf does, and objects regardless of key order. Unlike Python, where
/// true == 1, a boolean never equals a number (RFC 6902 §4.6): a test that
/// passes in pyhf only through that coincidence fails in hfc.
Json applyJsonPatch(const Json &doc, const Json &ops, const std::string &source);

} // namespace hf
