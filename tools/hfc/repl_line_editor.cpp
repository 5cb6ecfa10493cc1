//===- tools/hfc/repl_line_editor.cpp - Line editing for the REPL (libedit) ===//
//
// libedit calls back into C functions with the EditLine handle only; the
// editor's state travels as EL_CLIENTDATA. No C++ exception may cross those
// callbacks, so the completion key handler catches everything.
//
//===----------------------------------------------------------------------===//
#include "tools/hfc/repl_line_editor.h"

#include <histedit.h>

#include <algorithm>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace hf::cli::repl {

struct LineEditor::Impl {
  std::string prompt;
  Completer completer;
  std::string historyFile;
  EditLine *el = nullptr;
  History *history = nullptr;
  HistEvent event{};
};

namespace {

LineEditor::Impl *implOf(EditLine *el) {
  void *data = nullptr;
  el_get(el, EL_CLIENTDATA, &data);
  return static_cast<LineEditor::Impl *>(data);
}

char *promptOf(EditLine *el) { return implOf(el)->prompt.data(); }

/// Candidates in columns across the terminal, as shells list them.
void printColumns(EditLine *el, const std::vector<std::string> &words) {
  int columns = 0;
  if (el_get(el, EL_GETTC, "co", &columns, nullptr) != 0 || columns <= 0)
    columns = 80;
  size_t width = 0;
  for (const std::string &w : words)
    width = std::max(width, w.size());
  width += 2;
  size_t perLine = std::max<size_t>(1, static_cast<size_t>(columns) / width);
  std::fputc('\n', stdout);
  for (size_t i = 0; i < words.size(); ++i) {
    bool lineEnd = (i + 1) % perLine == 0 || i + 1 == words.size();
    if (lineEnd)
      std::printf("%s\n", words[i].c_str());
    else
      std::printf("%-*s", static_cast<int>(width), words[i].c_str());
  }
  std::fflush(stdout);
}

/// Tab: a single candidate is inserted whole (with a space after it unless it
/// ends in '=' or '/', where more typing follows); several are extended to
/// their common prefix, or listed when that adds nothing.
unsigned char completeKey(EditLine *el, int) {
  try {
    LineEditor::Impl *self = implOf(el);
    const LineInfo *li = el_line(el);
    std::string_view before(li->buffer, static_cast<size_t>(li->cursor - li->buffer));
    Completion c = self->completer(before);
    if (c.candidates.empty())
      return CC_REFRESH_BEEP;
    size_t typed = before.size() - c.start;
    std::string insert;
    if (c.candidates.size() == 1) {
      insert = c.candidates[0].substr(typed);
      char last = c.candidates[0].back();
      if (last != '=' && last != '/')
        insert += ' ';
    } else {
      insert = commonPrefix(c.candidates).substr(typed);
    }
    if (!insert.empty()) {
      el_insertstr(el, insert.c_str());
      return CC_REFRESH;
    }
    printColumns(el, c.candidates);
    return CC_REDISPLAY;
  } catch (...) {
    return CC_ERROR;
  }
}

} // namespace

LineEditor::LineEditor(std::string prompt, Completer completer, std::string historyFile)
    : impl_(std::make_unique<Impl>()) {
  // libedit decodes multibyte input (σ in a name) by the locale's encoding.
  std::setlocale(LC_CTYPE, "");
  impl_->prompt = std::move(prompt);
  impl_->completer = std::move(completer);
  impl_->historyFile = std::move(historyFile);

  impl_->history = history_init();
  history(impl_->history, &impl_->event, H_SETSIZE, 1000);
  history(impl_->history, &impl_->event, H_SETUNIQUE, 1);
  if (!impl_->historyFile.empty())
    history(impl_->history, &impl_->event, H_LOAD, impl_->historyFile.c_str()); // absent at first: fine

  impl_->el = el_init("hfc", stdin, stdout, stderr);
  el_set(impl_->el, EL_CLIENTDATA, impl_.get());
  el_set(impl_->el, EL_PROMPT, &promptOf);
  el_set(impl_->el, EL_EDITOR, "emacs");
  el_set(impl_->el, EL_SIGNAL, 1); // restore the terminal on Ctrl-C, follow window resizes
  el_set(impl_->el, EL_HIST, history, impl_->history);
  el_set(impl_->el, EL_ADDFN, "hfc-complete", "complete a command, option, parameter or file", &completeKey);
  el_set(impl_->el, EL_BIND, "^I", "hfc-complete", nullptr);
  el_source(impl_->el, nullptr); // the user's ~/.editrc may rebind keys
}

LineEditor::~LineEditor() {
  if (!impl_->historyFile.empty())
    history(impl_->history, &impl_->event, H_SAVE, impl_->historyFile.c_str());
  el_end(impl_->el);
  history_end(impl_->history);
}

std::optional<std::string> LineEditor::readLine() {
  int count = 0;
  const char *text = el_gets(impl_->el, &count);
  if (!text || count <= 0) {
    // Ctrl-D, or Ctrl-C interrupting the read (the caller tells them apart).
    // libedit keeps what was typed for the next read: drop it.
    if (const LineInfo *li = el_line(impl_->el); li && li->lastchar > li->buffer) {
      el_cursor(impl_->el, static_cast<int>(li->lastchar - li->cursor));
      el_deletestr(impl_->el, static_cast<int>(li->lastchar - li->buffer));
    }
    std::fputc('\n', stdout); // leave the terminal on a fresh line
    return std::nullopt;
  }
  std::string line(text, static_cast<size_t>(count));
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
    line.pop_back();
  if (line.find_first_not_of(" \t") != std::string::npos)
    history(impl_->history, &impl_->event, H_ENTER, line.c_str());
  return line;
}

std::string defaultHistoryFile() {
  if (const char *file = std::getenv("HFC_HISTORY"))
    return file;
  if (const char *home = std::getenv("HOME"))
    return std::string(home) + "/.hfc_history";
  return "";
}

} // namespace hf::cli::repl
