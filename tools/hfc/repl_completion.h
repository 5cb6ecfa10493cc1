//===- tools/hfc/repl_completion.h - What Tab offers in the REPL ----------===//
//
// Completion is a pure function of the text before the cursor, the command
// table (repl_commands.h), the loaded model's parameter names and a file
// lister, so it can be tested without a terminal (the REPL's hidden
// `complete TEXT` command prints its result) and the line editor only has to
// insert what it returns.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tools/hfc/repl_commands.h"

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hf::cli::repl {

struct Completion {
  size_t start = 0;                    ///< where the word being completed starts in the buffer
  std::vector<std::string> candidates; ///< words that may replace buffer[start..]; sorted, unique
};

/// The files and directories (with a trailing '/') whose path starts with
/// `prefix`, kept to the extensions `kind` accepts.
using FileLister = std::function<std::vector<std::string>(const std::string &prefix, ArgKind kind)>;

/// The completions of the last word of `buffer` (the line up to the cursor):
/// command names for the first word; then, by the command's table entry, its
/// options, parameter names (`set` offers "NAME="), files, or the values of
/// --test-stat and --backend. Every candidate starts with the word typed.
Completion complete(std::string_view buffer, std::span<const std::string> parameterNames,
                    const FileLister &files);

/// Lists the file system: `.json` and `.hf` files for ModelFile, `.json` for
/// JsonFile, and directories; dot files only when the prefix's name starts
/// with a dot.
std::vector<std::string> listFiles(const std::string &prefix, ArgKind kind);

/// The longest prefix all `words` share ("" for none).
std::string commonPrefix(std::span<const std::string> words);

} // namespace hf::cli::repl
