//===- frontend/hf/parser.h - The .hf model language -> Spec --------------===//
//
// Parses a .hf file (grammar/Hf.g4, docs/language.md) into the same Spec the
// JSON reader builds, so that everything downstream is shared. Every node
// carries its line and column. Syntax errors and the checks made here
// (constants, declared bin counts, the import) are collected, several per
// run, and thrown as one InputError: "file:line:col: error: ..." with the
// source line and a caret under the place. The semantic checks shared with
// JSON (bin counts across samples, duplicates, sharing) are made by
// ir::lower, as for JSON; the text is registered (registerSourceText) so
// that their failAt shows the source line and caret too.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "frontend/spec.h"

#include <optional>
#include <string>
#include <vector>

namespace hf {

/// A file name in an `import` or `patch` statement, as written.
struct HfFileRef {
  std::string path;
  Loc loc;
};

/// A sample added to an existing channel: `sample NAME in channel CHANNEL`.
struct HfAddedSample {
  std::string channel;
  Sample sample;
  Loc loc;
};

/// A .hf file as written: what it builds on and what it defines itself
/// (constants already substituted).
struct HfDocument {
  std::string file;
  bool hasVersion = false;
  std::optional<HfFileRef> import;
  std::vector<HfFileRef> patches;
  Workspace local; ///< the channels, observations, measurements of this file
  std::vector<HfAddedSample> added;
};

/// Parses .hf text; `file` names it in diagnostics and anchors relative imports.
HfDocument parseHfDocument(const std::string &text, const std::string &file);

/// The workspace a document describes: the import (with patches applied)
/// first, then this file's channels, samples, observations; a measurement
/// named like an imported one overrides its POI and parameter settings.
Workspace resolveHfDocument(const HfDocument &doc);

/// parseHfDocument + resolveHfDocument.
Workspace parseHf(const std::string &text, const std::string &file);

/// Reads and parses a .hf file.
Workspace readHfFile(const std::string &file);

/// True when `file` names a .hf file (by its extension).
bool isHfFile(const std::string &file);

} // namespace hf
