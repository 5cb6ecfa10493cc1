//===- tools/hfc/repl_line_editor.h - Line editing for the REPL (libedit) ===//
//
// The terminal side of `hfc repl`: a prompt, emacs-style line editing,
// history (kept across sessions in a file) and Tab completion, from libedit.
// libedit rather than GNU readline because it is BSD-licensed, packaged
// everywhere (Debian libedit-dev) and small; its native histedit API is used
// directly. The editor knows nothing of hfc: completion is a callback.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tools/hfc/repl_completion.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace hf::cli::repl {

class LineEditor {
public:
  using Completer = std::function<Completion(std::string_view beforeCursor)>;

  /// Reads from the terminal on standard input. `historyFile` ("" for none)
  /// is read now and written back by the destructor.
  LineEditor(std::string prompt, Completer completer, std::string historyFile);
  ~LineEditor();
  LineEditor(const LineEditor &) = delete;
  LineEditor &operator=(const LineEditor &) = delete;

  /// The next line without its newline, entered in the history when not
  /// blank; nullopt at end of input (Ctrl-D on an empty line).
  std::optional<std::string> readLine();

  struct Impl;

private:
  std::unique_ptr<Impl> impl_;
};

/// $HFC_HISTORY if set, else ~/.hfc_history ("" when there is no home).
std::string defaultHistoryFile();

} // namespace hf::cli::repl
