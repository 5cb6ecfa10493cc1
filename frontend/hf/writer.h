//===- frontend/hf/writer.h - Spec -> canonical .hf text ------------------===//
//
// The canonical form of a .hf file: two-space indentation, one modifier or
// parameter per line, `bins N` on every channel, numbers in Python's shortest
// round-trip repr (so that JSON -> .hf -> JSON keeps every bit), names bare
// when they are identifiers and not keywords, quoted otherwise.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/hf/parser.h"
#include "frontend/spec.h"

#include <string>

namespace hf {

/// A whole workspace as a self-contained .hf file.
std::string writeHf(const Workspace &ws);

/// A parsed .hf file in canonical form, keeping its import and patches
/// (constants appear substituted).
std::string writeHfDocument(const HfDocument &doc);

/// A name as .hf writes it: bare or quoted.
std::string hfName(const std::string &name);

} // namespace hf
