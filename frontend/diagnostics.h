//===- frontend/diagnostics.h - Reporting bad input -----------------------===//
#pragma once

#include "frontend/spec.h"
#include "hf/error.h"

#include <string>

namespace hf {

/// Throws InputError "<loc>: error: <what>"; when `loc` has a line in a text
/// registered with registerSourceText, followed by that line and a caret
/// under the column.
[[noreturn]] void failAt(const Loc &loc, const std::string &what);

/// Prints "<loc>: warning: <what>" on stderr (unless warnings are silenced),
/// with the source line and a caret as failAt.
void warnAt(const Loc &loc, const std::string &what);

/// Remembers the text of a source file (a .hf model), so that diagnostics
/// made later, e.g. by ir::lower, can show the line they point at.
void registerSourceText(const std::string &file, const std::string &text);

/// "\n<source line>\n<spaces>^" for line:col (1-based) of `lineText`; the
/// caret keeps the tabs of the line so it lines up in a terminal.
std::string caretExcerpt(const std::string &lineText, size_t col);

/// caretExcerpt of line:col of a registered file ("" when unknown).
std::string sourceExcerpt(const std::string &file, int line, int col);

/// Silences warnAt (tests, and --quiet).
void setWarningsEnabled(bool enabled);

} // namespace hf
