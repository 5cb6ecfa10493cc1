//===- frontend/json_text.h - Reading JSON text with located errors -------===//
#pragma once

#include "frontend/json.h"

#include <string>

namespace hf {

/// Parses `text` as JSON. A syntax error throws InputError as
/// "<file>:<line>:<col>: error: <what was expected>".
Json parseJsonText(const std::string &text, const std::string &file);

/// Reads a whole file as readTextFile does and parses it as JSON.
Json readJsonFile(const std::string &file);

/// Reads a whole file ("-" is standard input; "archive.tar.gz:member" a
/// member of an archive, frontend/archive.h); InputError when it cannot.
std::string readTextFile(const std::string &file);

/// The same bytes without the text check (readTextFile refuses binary
/// files such as tarballs, which archive code reads whole).
std::string readFileBytes(const std::string &file);

} // namespace hf
